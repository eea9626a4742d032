//! The personal-data part of the store contract (see `contract`): the export's reads and the
//! erasure of an account.

use crate::contract_initiatives::{author, content, note, publish, structure};
use crate::personal::{erased_email, ERASED_PASSWORD_HASH};
use crate::*;
use chrono::Duration;
use essaim_domain::person::PlatformRole;
use uuid::Uuid;

pub async fn personal_data_is_read_and_erased(store: &dyn Store) {
    let who = author(store).await;
    let other = author(store).await;
    let email = store.person(who).await.unwrap().unwrap().email;
    let now = utc_now();
    store
        .set_roles(who, &[PlatformRole::Moderator])
        .await
        .unwrap();
    let s = structure(store, who, "Les Ruches").await;
    store
        .add_member(
            s.id,
            other,
            essaim_domain::structure::MemberRole::Member,
            now,
        )
        .await
        .unwrap();
    let session = |id: &str, person_id| SessionRecord {
        id_hash: id.into(),
        person_id,
        created_at: now,
        last_seen_at: now,
        expires_at: now + Duration::days(1),
    };
    store.create_session(session("mine", who)).await.unwrap();
    store
        .create_session(session("theirs", other))
        .await
        .unwrap();
    store
        .create_api_token(
            ApiToken {
                id: Uuid::now_v7(),
                person_id: who,
                name: "script".into(),
                created_at: now,
                last_used_at: None,
            },
            "api-hash",
        )
        .await
        .unwrap();
    store
        .create_token(NewToken {
            hash: "reset-hash".into(),
            purpose: "reset",
            person_id: Some(who),
            payload: String::new(),
            created_at: now,
            expires_at: now + Duration::hours(1),
        })
        .await
        .unwrap();
    let mail = |to: &str| OutgoingMail {
        id: Uuid::now_v7(),
        to_address: to.into(),
        subject: "Bienvenue".into(),
        body: "Bonjour".into(),
        created_at: now,
        sent_at: None,
        attempts: 0,
        last_error: None,
    };
    store.enqueue_mail(mail(&email)).await.unwrap();
    store.enqueue_mail(mail("autre@exemple.fr")).await.unwrap();
    store
        .append_audit(AuditEntry {
            id: Uuid::now_v7(),
            at: now,
            actor_id: Some(who),
            action: "sign_in".into(),
            subject: format!("person:{who}"),
            ip: Some("192.0.2.1".into()),
            detail: String::new(),
        })
        .await
        .unwrap();
    store
        .append_audit(AuditEntry {
            id: Uuid::now_v7(),
            at: now,
            actor_id: Some(other),
            action: "sign_in".into(),
            subject: format!("person:{other}"),
            ip: None,
            detail: String::new(),
        })
        .await
        .unwrap();
    let garden = content(
        "Jardins",
        "Des jardins.",
        "Brest",
        &["alimentation"],
        "idee",
    );
    let mine = publish(store, who, garden.clone()).await;
    let theirs = publish(store, other, garden.clone()).await;
    let mut edited = garden.clone();
    edited.summary = "Des jardins partagés.".into();
    store
        .update_initiative(theirs.id, &edited, note(who, "précision"))
        .await
        .unwrap();

    let conversation = store
        .create_conversation(
            &crate::deliberation::ConversationFields {
                question: "Quelle ville voulons-nous ?".into(),
                description: String::new(),
                structure_id: None,
                open_for_statements: true,
                moderation: "post".into(),
                anonymous_allowed: false,
                opens_at: None,
                closes_at: None,
                challenge: String::new(),
                territories: String::new(),
                attribution: String::new(),
                initiative_ids: vec![],
            },
            other,
            now,
        )
        .await
        .unwrap();
    let participant = store
        .participant_for_person(conversation.id, who, now)
        .await
        .unwrap();
    let said = crate::deliberation::NewStatement {
        author_participant: Some(participant),
        text: "Plus de vélos".into(),
        status: "accepted".into(),
        seed: false,
        created_at: now,
    };
    store
        .add_statement(conversation.id, &said, "plus de velos")
        .await
        .unwrap();
    store
        .cast_vote(conversation.id, participant, 0, 1, now)
        .await
        .unwrap();

    // The export's reads: what they created and wrote, their sessions, their audit trail.
    let c = store.contributions_of(who).await.unwrap();
    assert_eq!(
        c.initiatives_created
            .iter()
            .map(|i| i.id)
            .collect::<Vec<_>>(),
        [mine.id]
    );
    assert_eq!(c.initiatives_created[0].status, "published");
    let revisions: Vec<(Uuid, i32)> = c
        .revisions
        .iter()
        .map(|r| (r.initiative_id, r.number))
        .collect();
    assert_eq!(revisions, [(mine.id, 1), (theirs.id, 2)]);
    assert_eq!(c.revisions[1].message, "précision");
    assert!(c.proposals.is_empty());
    assert_eq!(
        c.statements
            .iter()
            .map(|s| (s.conversation_id, s.number, s.text.as_str()))
            .collect::<Vec<_>>(),
        [(conversation.id, 0, "Plus de vélos")]
    );
    assert_eq!(c.votes, 1);
    let sessions = store.sessions_of(who).await.unwrap();
    assert_eq!(
        sessions
            .iter()
            .map(|s| s.id_hash.as_str())
            .collect::<Vec<_>>(),
        ["mine"]
    );
    let audit = store.audit_of(who).await.unwrap();
    assert_eq!(audit.len(), 1);
    assert_eq!(audit[0].ip.as_deref(), Some("192.0.2.1"));

    // Erasure: personal fields blanked, every way in removed, contributions kept.
    let later = now + Duration::minutes(1);
    assert!(store.erase_person(who, later).await.unwrap());
    let erased = store.person(who).await.unwrap().expect("the row stays");
    assert_eq!(erased.email, erased_email(who));
    assert_eq!(erased.display_name, "");
    assert!(erased.roles.is_empty() && erased.profiles.is_empty());
    assert_eq!(erased.email_confirmed_at, None);
    assert_eq!(store.person_by_email(&email).await.unwrap(), None);
    assert_eq!(
        store.password_hash(who).await.unwrap().as_deref(),
        Some(ERASED_PASSWORD_HASH)
    );
    assert_eq!(store.session("mine").await.unwrap(), None);
    assert!(
        store.session("theirs").await.unwrap().is_some(),
        "others keep theirs"
    );
    assert!(store.api_tokens_of(who).await.unwrap().is_empty());
    assert_eq!(
        store.peek_token("reset-hash", "reset", now).await.unwrap(),
        TokenOutcome::Unknown
    );
    assert_eq!(store.membership(s.id, who).await.unwrap(), None);
    assert!(store.membership(s.id, other).await.unwrap().is_some());
    let outbox: Vec<String> = store
        .list_mail(10)
        .await
        .unwrap()
        .into_iter()
        .map(|m| m.to_address)
        .collect();
    assert_eq!(outbox, ["autre@exemple.fr"]);
    let kept = store.initiative(mine.id).await.unwrap().unwrap();
    assert_eq!(
        kept.created_by,
        Some(who),
        "contributions stay, pointing at the blank row"
    );
    let after = store.contributions_of(who).await.unwrap();
    assert_eq!(after.revisions.len(), 2);
    // Statements and votes stay in the conversation but are no longer linked to the person.
    assert!(after.statements.is_empty());
    assert_eq!(after.votes, 0);
    assert_eq!(store.statements(conversation.id).await.unwrap().len(), 1);
    assert_eq!(store.votes(conversation.id).await.unwrap().len(), 1);
    assert_eq!(
        store.audit_of(who).await.unwrap().len(),
        1,
        "the audit log is kept"
    );
    // Once is enough; an unknown person is not an error either.
    assert!(!store.erase_person(who, later).await.unwrap());
    assert!(!store.erase_person(Uuid::now_v7(), later).await.unwrap());
    // The erased address may be used again for a new account.
    let again = store
        .create_person(NewPerson {
            id: Uuid::now_v7(),
            email: email.clone(),
            display_name: "Claire".into(),
            password_hash: "x".into(),
            email_confirmed_at: None,
            roles: vec![],
            created_at: later,
        })
        .await
        .unwrap();
    assert_ne!(again.id, who);
}

/// A session event of `kind` organised by `by`, started `days` from now (negative: past).
async fn session_event(store: &dyn Store, by: Uuid, kind: &str, days: i64) -> Uuid {
    let s = structure(store, by, "Organisateurs de sessions").await;
    let starts_at = utc_now() + Duration::days(days);
    store
        .create_event(&events::NewEvent {
            id: Uuid::now_v7(),
            fields: events::EventFields {
                kind: kind.into(),
                title: format!("Session {kind}"),
                description: String::new(),
                starts_at,
                ends_at: starts_at + Duration::hours(5),
                address: String::new(),
                commune: String::new(),
                departement: None,
                region: None,
                online_url: Some("https://visio.exemple.fr/s".into()),
                capacity: None,
                registration_open: true,
            },
            organisers: vec![s.id],
            created_by: by,
            created_at: utc_now(),
        })
        .await
        .unwrap()
        .id
}

/// Erasing an account unlinks what the person did in sessions (a collecte item and the
/// collection they opened, a team they coached and designed for, an incubation update),
/// while the things themselves stay for the others.
pub async fn session_contributions_are_unlinked_on_erasure(store: &dyn Store) {
    let organiser = author(store).await;
    let who = author(store).await;

    let event = session_event(store, who, "collecte", 1).await;
    let collecte = store
        .open_collecte(Uuid::now_v7(), event, "K7M2Q9X", who, utc_now())
        .await
        .unwrap();
    let item = store
        .add_item(
            collecte.id,
            &collecte::NewItem {
                id: Uuid::now_v7(),
                fields: collecte::ItemFields {
                    name: "Repair café".into(),
                    commune: "commune:29019".into(),
                    what: "On répare ensemble.".into(),
                    carrier: "Une association".into(),
                    contact: None,
                },
                phone_hash: None,
                submitted_by: Some(who),
                at: utc_now(),
            },
        )
        .await
        .unwrap();

    let hackathon = session_event(store, organiser, "hackathon", -30).await;
    store.save_hackathon(hackathon, 2, utc_now()).await.unwrap();
    let mut members = vec![];
    for _ in 0..2 {
        let p = author(store).await;
        store
            .join_hackathon(hackathon, p, &hackathons::Attributes::default(), utc_now())
            .await
            .unwrap();
        members.push(p);
    }
    let teams = store
        .replace_teams(
            hackathon,
            &[hackathons::TeamSetup {
                number: 1,
                coach_id: Some(who),
                designer_id: Some(who),
                members: members.clone(),
                ..Default::default()
            }],
            Some(1),
            utc_now(),
        )
        .await
        .unwrap();
    let team = teams[0].row.id;
    let today = utc_now().date_naive();
    let incubation = store
        .start_incubation(&incubation::NewIncubation {
            id: Uuid::now_v7(),
            team_id: team,
            starts_on: today,
            ends_on: today + Duration::days(180),
            milestones: vec![],
            created_by: organiser,
            at: utc_now(),
        })
        .await
        .unwrap();
    store
        .add_incubation_update(
            incubation.id,
            Uuid::now_v7(),
            who,
            "Premiers usagers accueillis.",
            utc_now(),
        )
        .await
        .unwrap();
    let before = store.collecte_data_of(who).await.unwrap();
    assert_eq!((before.items.len(), before.opened.len()), (1, 1));
    assert_eq!(store.updates_written_by(who).await.unwrap().len(), 1);

    assert!(store.erase_person(who, utc_now()).await.unwrap());
    let after = store.collecte_data_of(who).await.unwrap();
    assert!(after.items.is_empty() && after.opened.is_empty());
    assert!(store.updates_written_by(who).await.unwrap().is_empty());
    let kept = store.item(item.id).await.unwrap().expect("the item stays");
    assert_eq!(kept.name, "Repair café");
    let t = store.team(team).await.unwrap().expect("the team stays");
    assert_eq!((t.row.coach_id, t.row.designer_id), (None, None));
    assert!(t.has_member(members[0]) && t.has_member(members[1]));
    let updates = store.incubation_updates(incubation.id).await.unwrap();
    assert_eq!(updates.len(), 1);
    assert_eq!(updates[0].author_id, None);
    assert_eq!(updates[0].body, "Premiers usagers accueillis.");
}
