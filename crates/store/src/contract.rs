//! The behaviour every backend must have, written once and run against each of them.
//!
//! A backend's `tests/contract.rs` calls `essaim_store::contract_tests!(fresh_store)`, where
//! `fresh_store` is an async fn returning `Option<(guard, impl Store)>` on a new, migrated, empty
//! database; the guard (a temp folder, say) lives as long as the test. `None` only when that
//! database cannot be had on this machine, and the harness then says so loudly.

use crate::*;
use chrono::Duration;
use essaim_domain::person::{PlatformRole, Profile};
use essaim_domain::structure::{MemberRole, StructureInput, StructureKind};
use essaim_domain::territory::Territories;
use uuid::Uuid;

#[allow(unused_imports)]
pub use crate::contract_assessment::*;
#[allow(unused_imports)]
pub use crate::contract_barometer::*;
#[allow(unused_imports)]
pub use crate::contract_blockers::*;
#[allow(unused_imports)]
pub use crate::contract_cafe::*;
pub use crate::contract_collecte::*;
#[allow(unused_imports)]
pub use crate::contract_defis::*;
pub use crate::contract_deliberation::*;
#[allow(unused_imports)]
pub use crate::contract_events::*;
#[allow(unused_imports)]
pub use crate::contract_exchange::*;
#[allow(unused_imports)]
pub use crate::contract_funding::*;
#[allow(unused_imports)]
pub use crate::contract_groups::*;
#[allow(unused_imports)]
pub use crate::contract_hackathons::*;
#[allow(unused_imports)]
pub use crate::contract_impact::*;
pub use crate::contract_initiatives::*;
#[allow(unused_imports)]
pub use crate::contract_jury::*;
#[allow(unused_imports)]
pub use crate::contract_network::*;
#[allow(unused_imports)]
pub use crate::contract_news::*;
#[allow(unused_imports)]
pub use crate::contract_outcomes::*;
pub use crate::contract_personal::*;
#[allow(unused_imports)]
pub use crate::contract_review::*;
pub use crate::contract_sortition::*;

#[macro_export]
macro_rules! contract_tests {
    ($make:path) => {
        $crate::contract_tests!(@cases $make;
            people_are_found_by_id_and_email,
            an_email_has_one_account,
            profiles_roles_and_password_are_updated,
            people_list_searches_folded_name_and_email,
            tokens_are_single_use_and_expire,
            revoked_tokens_cannot_be_used,
            sessions_are_created_touched_and_ended,
            api_tokens_are_found_by_hash_and_revoked_by_owner_only,
            throttle_counts_per_key_and_window,
            mail_is_claimed_once_and_retried_after_failure,
            audit_log_is_append_only,
            structures_are_created_with_their_creator_as_manager,
            structures_are_listed_filtered_and_counted,
            membership_is_unique_and_last_manager_stays,
            initiatives_keep_every_revision,
            forks_form_a_lineage,
            catalogue_searches_in_french,
            catalogue_filters_counts_and_sorts,
            catalogue_changes_follow_every_write,
            imports_create_update_and_link_sources,
            challenges_are_listed_and_extended,
            structures_list_their_initiatives,
            cover_images_are_set_replaced_and_removed,
            proposals_are_decided_once,
            personal_data_is_read_and_erased,
            session_contributions_are_unlinked_on_erasure,
            conversations_are_created_updated_and_listed,
            participants_are_created_once,
            statements_are_numbered_and_duplicates_refused,
            votes_are_cast_replaced_and_read,
            analyses_are_saved_and_staleness_follows_generation,
            imports_keep_numbers_duplicates_and_votes,
            erasure_unlinks_participants,
            sortition_panels_are_created_updated_and_listed,
            volunteers_are_numbered_in_order_and_never_twice,
            a_person_or_an_email_registers_once_per_panel,
            imports_are_all_or_nothing,
            selection_is_cleared_when_the_pool_changes,
            draws_come_in_order_and_move_the_volunteers,
            pools_are_erased_when_due_keeping_the_selected,
            erasing_a_person_removes_or_blanks_their_registrations
        );
        // network
        $crate::contract_tests!(@cases $make;
            the_banner_is_signed_updated_withdrawn_and_removed,
            labels_are_applied_for_once_and_decided_from_their_status,
            an_expired_label_gives_way_to_a_new_application,
            accompaniments_are_open_once_and_keep_their_log
        );
        // exchange
        $crate::contract_tests!(@cases $make;
            exchange_posts_are_created_updated_closed_and_read_back,
            exchange_posts_are_listed_filtered_and_counted,
            exchange_conversations_are_per_post_and_counterpart,
            exchange_erasure_removes_posts_and_conversations,
            exchange_posts_and_messages_are_exported_and_erased_with_the_person
        );
        // groups
        $crate::contract_tests!(@cases $make;
            groups_keep_their_creator_as_admin_and_one_membership_each,
            threads_hold_their_posts_in_order,
            a_report_flood_from_one_account_counts_once,
            followers_and_the_mentioned_are_recipients_and_digests_are_claimed_once,
            erasure_removes_group_settings_follows_and_post_texts
        );
        // blockers
        $crate::contract_tests!(@cases $make;
            blockers_are_created_with_their_routing,
            private_blockers_are_listed_for_their_parties_only,
            status_changes_only_from_the_status_seen,
            remits_are_unique_per_person_territory_and_theme,
            facts_cover_public_and_private_blockers
        );
        // news
        $crate::contract_tests!(@cases $make;
            news_is_listed_by_group_and_on_the_platform
        );
        // funding
        $crate::contract_tests!(@cases $make;
            calls_are_written_whole_and_rewritten_only_as_drafts,
            the_catalogue_lists_public_calls_by_filter,
            one_live_application_per_call_and_initiative,
            drafts_take_answers_and_documents_until_submitted,
            an_application_holds_a_limited_number_and_size_of_documents,
            submission_reads_the_closing_time_and_the_status,
            awards_and_prizes_are_sent_grants_of_public_calls
        );
        // review
        $crate::contract_tests!(@cases $make;
            reviewers_are_named_once_and_excluded_by_membership,
            reviews_need_an_assignment_and_stay_submitted,
            a_declared_conflict_voids_the_assignment_and_review,
            decisions_stay_within_the_budget_under_concurrency,
            a_decision_and_a_withdrawal_at_once_never_both_pass,
            decisions_are_sent_once_and_then_frozen);
        // impact
        $crate::contract_tests!(@cases $make;
            impact_catalogue_is_seeded_once_and_filtered,
            impact_proposals_are_unique_and_decided_once,
            impact_plan_entries_are_unique_per_initiative,
            impact_entry_state_follows_writes_supersedes_and_verifications,
            concurrent_measurements_all_count_in_the_entry_state,
            impact_open_data_holds_published_initiatives_only,
            impact_data_of_lists_what_a_person_wrote
        );
        // assessment
        $crate::contract_tests!(@cases $make;
            assessments_are_kept_listed_and_published
        );
        // outcomes
        $crate::contract_tests!(@cases $make;
            contracts_keep_outcomes_and_move_once
        );
        // barometer
        $crate::contract_tests!(@cases $make;
            barometer_counts_published_initiatives_and_follows_measurements,
            barometer_follows_initiatives_that_change
        );
        // events
        $crate::contract_tests!(@cases $make;
            events_are_created_edited_listed_and_filtered,
            registrations_fill_the_capacity_then_wait_in_order,
            parallel_registrations_never_exceed_the_capacity,
            cancelling_an_event_lists_its_registrants_and_refuses_new_ones,
            reminders_are_claimed_once_per_registration,
            nothing_moves_once_the_event_has_started, a_new_start_is_reminded_again_a_return_is_not
        );
        // collecte
        $crate::contract_tests!(@cases $make;
            collectes_open_with_a_unique_code_and_close_for_good,
            collecte_items_are_numbered_edited_by_their_phone_merged_and_converted,
            parallel_collecte_items_get_distinct_numbers,
            crossed_collecte_merges_leave_one_item_active,
            parallel_collecte_openings_open_one
        );
        // cafe
        $crate::contract_tests!(@cases $make;
            cafe_settings_participants_and_seating,
            cafe_live_rounds_and_harvest
        );
        // défis and hackathons
        $crate::contract_tests!(@cases $make;
            defis_are_co_owned_sponsored_and_edited,
            defis_catalogue_filters_by_challenge_territory_status_and_structure,
            hackathon_settings_defis_and_participants,
            hackathon_teams_are_replaced_in_one_transaction,
            parallel_team_replacements_are_whole
        );
        // jury and incubation
        $crate::contract_tests!(@cases $make;
            jury_scores_respect_scales_and_conflicts_of_interest,
            incubations_keep_their_plan_updates_closure_and_initiative
        );
    };
    (@cases $make:path; $($case:ident),*) => {
        $(
            #[tokio::test]
            async fn $case() {
                let Some((_guard, store)) = $make().await else { return };
                $crate::contract::$case(&store).await;
            }
        )*
    };
}

fn person(email: &str, name: &str) -> NewPerson {
    NewPerson {
        id: Uuid::now_v7(),
        email: email.into(),
        display_name: name.into(),
        password_hash: "$argon2id$fake".into(),
        email_confirmed_at: None,
        roles: vec![],
        created_at: utc_now(),
    }
}

pub async fn people_are_found_by_id_and_email(store: &dyn Store) {
    let created = store
        .create_person(person("claire@exemple.fr", "Claire Martin"))
        .await
        .unwrap();
    assert_eq!(
        store.person(created.id).await.unwrap().as_ref(),
        Some(&created)
    );
    assert_eq!(
        store.person_by_email("claire@exemple.fr").await.unwrap(),
        Some(created.clone())
    );
    assert_eq!(
        store.person_by_email("nobody@exemple.fr").await.unwrap(),
        None
    );
    assert_eq!(
        store.password_hash(created.id).await.unwrap().as_deref(),
        Some("$argon2id$fake")
    );
    assert_eq!(store.count_people().await.unwrap(), 1);
}

pub async fn an_email_has_one_account(store: &dyn Store) {
    store
        .create_person(person("claire@exemple.fr", "Claire"))
        .await
        .unwrap();
    let err = store
        .create_person(person("claire@exemple.fr", "Another"))
        .await
        .unwrap_err();
    assert!(matches!(err, StoreError::EmailTaken), "{err:?}");
    let other = store
        .create_person(person("leo@exemple.fr", "Léo"))
        .await
        .unwrap();
    let err = store
        .set_email(other.id, "claire@exemple.fr", utc_now())
        .await
        .unwrap_err();
    assert!(matches!(err, StoreError::EmailTaken), "{err:?}");
    assert_eq!(store.count_people().await.unwrap(), 2);
}

pub async fn profiles_roles_and_password_are_updated(store: &dyn Store) {
    let p = store
        .create_person(person("claire@exemple.fr", "Claire"))
        .await
        .unwrap();
    let now = utc_now();
    store
        .update_profile(p.id, "Claire M.", &[Profile::Funder, Profile::Citizen])
        .await
        .unwrap();
    store
        .set_roles(p.id, &[PlatformRole::Moderator])
        .await
        .unwrap();
    store
        .set_password_hash(p.id, "$argon2id$new")
        .await
        .unwrap();
    store.confirm_email(p.id, now).await.unwrap();
    store
        .set_email(p.id, "claire.m@exemple.fr", now)
        .await
        .unwrap();
    let got = store.person(p.id).await.unwrap().unwrap();
    assert_eq!(got.display_name, "Claire M.");
    assert_eq!(got.profiles, vec![Profile::Funder, Profile::Citizen]);
    assert_eq!(got.roles, vec![PlatformRole::Moderator]);
    assert_eq!(got.email, "claire.m@exemple.fr");
    assert_eq!(got.email_confirmed_at, Some(now));
    assert_eq!(
        store.password_hash(p.id).await.unwrap().as_deref(),
        Some("$argon2id$new")
    );
    let missing = store
        .set_roles(Uuid::now_v7(), &[PlatformRole::Admin])
        .await
        .unwrap_err();
    assert!(matches!(missing, StoreError::NotFound));
}

pub async fn people_list_searches_folded_name_and_email(store: &dyn Store) {
    store
        .create_person(person("claire@exemple.fr", "Claire Le Bihan"))
        .await
        .unwrap();
    store
        .create_person(person("leo@mairie.fr", "Léo Étienne"))
        .await
        .unwrap();
    let names = |v: Vec<Person>| v.into_iter().map(|p| p.display_name).collect::<Vec<_>>();
    assert_eq!(
        names(
            store
                .list_people(Some("ETIENNE"), Page::first(10))
                .await
                .unwrap()
        ),
        ["Léo Étienne"]
    );
    assert_eq!(
        names(
            store
                .list_people(Some("mairie"), Page::first(10))
                .await
                .unwrap()
        ),
        ["Léo Étienne"]
    );
    assert_eq!(
        store
            .list_people(None, Page::first(10))
            .await
            .unwrap()
            .len(),
        2
    );
    assert_eq!(
        store
            .list_people(
                None,
                Page {
                    limit: 10,
                    offset: 1
                }
            )
            .await
            .unwrap()
            .len(),
        1
    );
    assert!(store
        .list_people(Some("100%"), Page::first(10))
        .await
        .unwrap()
        .is_empty());
}

pub async fn tokens_are_single_use_and_expire(store: &dyn Store) {
    let p = store
        .create_person(person("claire@exemple.fr", "Claire"))
        .await
        .unwrap();
    let now = utc_now();
    for (hash, expires) in [
        ("h-valid", now + Duration::hours(1)),
        ("h-old", now - Duration::seconds(1)),
    ] {
        store
            .create_token(NewToken {
                hash: hash.into(),
                purpose: "reset",
                person_id: Some(p.id),
                payload: "x".into(),
                created_at: now - Duration::hours(2),
                expires_at: expires,
            })
            .await
            .unwrap();
    }
    assert!(matches!(
        store.peek_token("h-valid", "reset", now).await.unwrap(),
        TokenOutcome::Valid(_)
    ));
    assert_eq!(
        store
            .consume_token("h-valid", "confirm", now)
            .await
            .unwrap(),
        TokenOutcome::Unknown
    );
    match store.consume_token("h-valid", "reset", now).await.unwrap() {
        TokenOutcome::Valid(t) => {
            assert_eq!(t.person_id, Some(p.id));
            assert_eq!(t.payload, "x");
            assert_eq!(t.used_at, Some(now));
        }
        other => panic!("expected a valid token, got {other:?}"),
    }
    assert_eq!(
        store.consume_token("h-valid", "reset", now).await.unwrap(),
        TokenOutcome::Used
    );
    assert_eq!(
        store.consume_token("h-old", "reset", now).await.unwrap(),
        TokenOutcome::Expired
    );
    assert_eq!(
        store.consume_token("nope", "reset", now).await.unwrap(),
        TokenOutcome::Unknown
    );
}

pub async fn revoked_tokens_cannot_be_used(store: &dyn Store) {
    let p = store
        .create_person(person("claire@exemple.fr", "Claire"))
        .await
        .unwrap();
    let now = utc_now();
    store
        .create_token(NewToken {
            hash: "h1".into(),
            purpose: "reset",
            person_id: Some(p.id),
            payload: String::new(),
            created_at: now,
            expires_at: now + Duration::hours(1),
        })
        .await
        .unwrap();
    store.revoke_tokens(p.id, "reset", now).await.unwrap();
    assert_eq!(
        store.consume_token("h1", "reset", now).await.unwrap(),
        TokenOutcome::Used
    );
}

pub async fn sessions_are_created_touched_and_ended(store: &dyn Store) {
    let p = store
        .create_person(person("claire@exemple.fr", "Claire"))
        .await
        .unwrap();
    let now = utc_now();
    let session = |id: &str| SessionRecord {
        id_hash: id.into(),
        person_id: p.id,
        created_at: now,
        last_seen_at: now,
        expires_at: now + Duration::days(30),
    };
    store.create_session(session("s1")).await.unwrap();
    store.create_session(session("s2")).await.unwrap();
    store.create_session(session("s3")).await.unwrap();
    let later = now + Duration::minutes(5);
    store.touch_session("s1", later).await.unwrap();
    assert_eq!(
        store.session("s1").await.unwrap().unwrap().last_seen_at,
        later
    );
    store.delete_session("s3").await.unwrap();
    assert_eq!(store.session("s3").await.unwrap(), None);
    assert_eq!(store.delete_sessions_of(p.id, Some("s1")).await.unwrap(), 1);
    assert!(store.session("s1").await.unwrap().is_some());
    assert!(store.session("s2").await.unwrap().is_none());
    // s1 was seen at `later`; idle since before `later + 1 s` means it goes.
    assert_eq!(
        store
            .purge_sessions(now, later + Duration::seconds(1))
            .await
            .unwrap(),
        1
    );
}

pub async fn api_tokens_are_found_by_hash_and_revoked_by_owner_only(store: &dyn Store) {
    let owner = store
        .create_person(person("claire@exemple.fr", "Claire"))
        .await
        .unwrap();
    let other = store
        .create_person(person("leo@exemple.fr", "Léo"))
        .await
        .unwrap();
    let now = utc_now();
    let token = ApiToken {
        id: Uuid::now_v7(),
        person_id: owner.id,
        name: "script".into(),
        created_at: now,
        last_used_at: None,
    };
    store
        .create_api_token(token.clone(), "hash-1")
        .await
        .unwrap();
    let used = store.use_api_token("hash-1", now).await.unwrap().unwrap();
    assert_eq!(used.last_used_at, Some(now));
    assert_eq!(store.use_api_token("hash-2", now).await.unwrap(), None);
    assert_eq!(store.api_tokens_of(owner.id).await.unwrap().len(), 1);
    assert!(!store.revoke_api_token(other.id, token.id).await.unwrap());
    assert!(store.revoke_api_token(owner.id, token.id).await.unwrap());
    assert_eq!(store.use_api_token("hash-1", now).await.unwrap(), None);
}

pub async fn throttle_counts_per_key_and_window(store: &dyn Store) {
    let w1 = utc_now();
    let w2 = w1 + Duration::minutes(15);
    assert_eq!(store.hit("signin:a", w1).await.unwrap(), 1);
    assert_eq!(store.hit("signin:a", w1).await.unwrap(), 2);
    assert_eq!(store.hit("signin:b", w1).await.unwrap(), 1);
    assert_eq!(store.hit("signin:a", w2).await.unwrap(), 1);
    assert_eq!(store.throttle_count("signin:a", w1).await.unwrap(), 2);
    assert_eq!(store.throttle_count("signin:zzz", w1).await.unwrap(), 0);
    assert_eq!(store.purge_throttle(w2).await.unwrap(), 2);
    assert_eq!(store.hit("signin:a", w1).await.unwrap(), 1);
}

pub async fn mail_is_claimed_once_and_retried_after_failure(store: &dyn Store) {
    let now = utc_now();
    let mail = |to: &str, offset: i64| OutgoingMail {
        id: Uuid::now_v7(),
        to_address: to.into(),
        subject: "Bienvenue".into(),
        body: "Bonjour".into(),
        created_at: now + Duration::milliseconds(offset),
        sent_at: None,
        attempts: 0,
        last_error: None,
    };
    let (a, b) = (mail("a@exemple.fr", 0), mail("b@exemple.fr", 1));
    store.enqueue_mail(a.clone()).await.unwrap();
    store.enqueue_mail(b.clone()).await.unwrap();
    let t = now + Duration::seconds(1);
    let lease = t + Duration::minutes(1);
    let claimed = store.claim_mail(t, lease, 1).await.unwrap();
    assert_eq!(claimed.iter().map(|m| m.id).collect::<Vec<_>>(), [a.id]);
    assert_eq!(claimed[0].attempts, 1);
    let claimed = store.claim_mail(t, lease, 10).await.unwrap();
    assert_eq!(
        claimed.iter().map(|m| m.id).collect::<Vec<_>>(),
        [b.id],
        "a is leased"
    );
    store.mark_mail_sent(a.id, t).await.unwrap();
    store
        .mark_mail_failed(b.id, "connection refused", t + Duration::minutes(5))
        .await
        .unwrap();
    assert!(store
        .claim_mail(t + Duration::minutes(2), lease, 10)
        .await
        .unwrap()
        .is_empty());
    let retried = store
        .claim_mail(t + Duration::minutes(6), lease, 10)
        .await
        .unwrap();
    assert_eq!(retried.len(), 1);
    assert_eq!(retried[0].attempts, 2);
    let listed = store.list_mail(10).await.unwrap();
    assert_eq!(listed[0].id, b.id, "newest first");
    assert_eq!(listed[0].last_error.as_deref(), Some("connection refused"));
    assert_eq!(listed[1].sent_at, Some(t));
}

pub async fn audit_log_is_append_only(store: &dyn Store) {
    let now = utc_now();
    for (i, action) in ["sign_in", "sign_in_failed", "sign_in"]
        .into_iter()
        .enumerate()
    {
        store
            .append_audit(AuditEntry {
                id: Uuid::now_v7(),
                at: now + Duration::seconds(i as i64),
                actor_id: None,
                action: action.into(),
                subject: "person:x".into(),
                ip: Some("127.0.0.1".into()),
                detail: String::new(),
            })
            .await
            .unwrap();
    }
    let all = store.list_audit(None, 10).await.unwrap();
    assert_eq!(all.len(), 3);
    assert!(all[0].at > all[2].at, "newest first");
    assert_eq!(
        store
            .list_audit(Some("sign_in_failed"), 10)
            .await
            .unwrap()
            .len(),
        1
    );
}

fn structure_input(name: &str, kind: &str) -> StructureInput {
    StructureInput {
        name: name.into(),
        kind: kind.into(),
        territory: "commune:29019".into(),
        ..Default::default()
    }
}

pub async fn structures_are_created_with_their_creator_as_manager(store: &dyn Store) {
    let p = store
        .create_person(person("claire@exemple.fr", "Claire"))
        .await
        .unwrap();
    let fields = structure_input("Les Ruches de Brest", "association")
        .validate(Territories::bundled())
        .unwrap();
    let now = utc_now();
    let id = Uuid::now_v7();
    let s = store
        .create_structure(id, &fields, p.id, now)
        .await
        .unwrap();
    assert_eq!(s.name, "Les Ruches de Brest");
    assert_eq!(s.kind, StructureKind::Association);
    assert_eq!(s.territory.as_deref(), Some("commune:29019"));
    assert_eq!(store.structure(id).await.unwrap(), Some(s.clone()));
    assert_eq!(
        store.membership(id, p.id).await.unwrap(),
        Some(MemberRole::Manager)
    );
    let mine = store.structures_of(p.id).await.unwrap();
    assert_eq!(mine, vec![(s, MemberRole::Manager)]);
    let edited = structure_input("Ruches de Brest", "cooperative")
        .validate(Territories::bundled())
        .unwrap();
    let later = now + Duration::seconds(3);
    let updated = store.update_structure(id, &edited, later).await.unwrap();
    assert_eq!(updated.kind, StructureKind::Cooperative);
    assert_eq!(updated.updated_at, later);
    assert_eq!(updated.created_at, now);
    assert!(matches!(
        store.update_structure(Uuid::now_v7(), &edited, later).await,
        Err(StoreError::NotFound)
    ));
}

pub async fn structures_are_listed_filtered_and_counted(store: &dyn Store) {
    let p = store
        .create_person(person("claire@exemple.fr", "Claire"))
        .await
        .unwrap();
    for (name, kind) in [
        ("Écoles Ouvertes", "association"),
        ("Coop des Énergies", "cooperative"),
        ("Réseau Ouest", "reseau"),
    ] {
        let f = structure_input(name, kind)
            .validate(Territories::bundled())
            .unwrap();
        store
            .create_structure(Uuid::now_v7(), &f, p.id, utc_now())
            .await
            .unwrap();
    }
    let names = |v: Vec<Structure>| v.into_iter().map(|s| s.name).collect::<Vec<_>>();
    let all = store
        .list_structures(None, None, Page::first(10))
        .await
        .unwrap();
    assert_eq!(
        names(all),
        ["Coop des Énergies", "Écoles Ouvertes", "Réseau Ouest"],
        "sorted ignoring accents"
    );
    assert_eq!(
        names(
            store
                .list_structures(Some("energies"), None, Page::first(10))
                .await
                .unwrap()
        ),
        ["Coop des Énergies"]
    );
    assert_eq!(store.count_structures(Some("ou"), None).await.unwrap(), 2);
    assert_eq!(
        store
            .count_structures(None, Some(StructureKind::Reseau))
            .await
            .unwrap(),
        1
    );
    assert_eq!(
        store
            .list_structures(
                None,
                None,
                Page {
                    limit: 2,
                    offset: 2
                }
            )
            .await
            .unwrap()
            .len(),
        1
    );
}

pub async fn membership_is_unique_and_last_manager_stays(store: &dyn Store) {
    let a = store
        .create_person(person("claire@exemple.fr", "Claire"))
        .await
        .unwrap();
    let b = store
        .create_person(person("leo@exemple.fr", "Léo"))
        .await
        .unwrap();
    let f = structure_input("Les Ruches", "association")
        .validate(Territories::bundled())
        .unwrap();
    let s = store
        .create_structure(Uuid::now_v7(), &f, a.id, utc_now())
        .await
        .unwrap();
    store
        .add_member(s.id, b.id, MemberRole::Member, utc_now())
        .await
        .unwrap();
    let again = store
        .add_member(s.id, b.id, MemberRole::Manager, utc_now())
        .await
        .unwrap_err();
    assert!(matches!(again, StoreError::AlreadyMember), "{again:?}");
    let members = store.members(s.id).await.unwrap();
    assert_eq!(members.len(), 2);
    assert!(matches!(
        store.remove_member(s.id, a.id).await,
        Err(StoreError::LastManager)
    ));
    assert!(store.remove_member(s.id, b.id).await.unwrap());
    assert!(!store.remove_member(s.id, b.id).await.unwrap());
    assert_eq!(store.membership(s.id, b.id).await.unwrap(), None);
    assert_eq!(store.members(s.id).await.unwrap().len(), 1);
}
