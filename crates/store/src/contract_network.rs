//! The network part of the store contract (see `contract`): the banner, labels and their
//! review, accompaniments and their follow-up log.

use crate::contract_initiatives::{author, content, publish, structure};
use crate::network::{
    conflict, LabelDecision, NewAccompaniment, NewFollowUp, NewLabel, Publication,
};
use crate::*;
use chrono::{Duration, NaiveDate};
use essaim_domain::network::{
    AccompanimentStatus, BannerAnswers, FollowUpKind, LabelKind, LabelStatus,
};
use uuid::Uuid;

fn answers(word: &str) -> BannerAnswers {
    BannerAnswers {
        general_interest: format!("Intérêt général : {word}"),
        governance: format!("Gouvernance partagée : {word}"),
        openness: format!("Ouverture : {word}"),
    }
}

fn application(structure_id: Uuid, by: Uuid, kind: LabelKind) -> NewLabel {
    NewLabel {
        id: Uuid::now_v7(),
        structure_id,
        kind,
        motivation: "Nous accompagnons des projets depuis dix ans.".into(),
        applied_by: by,
        applied_at: utc_now(),
    }
}

fn decision(
    from: LabelStatus,
    to: LabelStatus,
    by: Uuid,
    expires_on: Option<NaiveDate>,
) -> LabelDecision {
    LabelDecision {
        from,
        to,
        by,
        at: utc_now(),
        reason: Some("Dossier complet.".into()),
        expires_on,
    }
}

pub async fn the_banner_is_signed_updated_withdrawn_and_removed(store: &dyn Store) {
    let who = author(store).await;
    let s = structure(store, who, "Tiers-lieu du Guilvinec").await;
    let first = store
        .sign_banner(s.id, &answers("un"), who, utc_now())
        .await
        .unwrap();
    assert_eq!(first.governance, "Gouvernance partagée : un");
    let again = store
        .sign_banner(s.id, &answers("deux"), who, utc_now())
        .await
        .unwrap();
    assert_eq!(again.openness, "Ouverture : deux");
    assert_eq!(
        again.signed_at, first.signed_at,
        "re-signing keeps the first date"
    );
    assert_eq!(store.list_banner().await.unwrap().len(), 1);

    assert!(store.withdraw_banner(s.id).await.unwrap());
    assert!(!store.withdraw_banner(s.id).await.unwrap());
    assert_eq!(store.banner(s.id).await.unwrap(), None);

    store
        .sign_banner(s.id, &answers("trois"), who, utc_now())
        .await
        .unwrap();
    assert!(store
        .remove_from_banner(s.id, who, "Projet lucratif", utc_now())
        .await
        .unwrap());
    assert!(!store
        .remove_from_banner(s.id, who, "Encore", utc_now())
        .await
        .unwrap());
    let removed = store.banner(s.id).await.unwrap().unwrap();
    assert_eq!(removed.removed_reason.as_deref(), Some("Projet lucratif"));
    // A removed structure can neither sign again nor erase the removal by withdrawing.
    assert!(matches!(
        store
            .sign_banner(s.id, &answers("quatre"), who, utc_now())
            .await,
        Err(StoreError::Conflict(conflict::BANNER_REMOVED))
    ));
    assert!(!store.withdraw_banner(s.id).await.unwrap());
    assert_eq!(
        store.banner(s.id).await.unwrap().unwrap().general_interest,
        "Intérêt général : trois"
    );

    assert!(matches!(
        store
            .sign_banner(Uuid::now_v7(), &answers("x"), who, utc_now())
            .await,
        Err(StoreError::NotFound)
    ));
}

pub async fn labels_are_applied_for_once_and_decided_from_their_status(store: &dyn Store) {
    let who = author(store).await;
    let committee = author(store).await;
    let s = structure(store, who, "Incubateur du Finistère").await;
    let label = store
        .apply_for_label(&application(s.id, who, LabelKind::Support))
        .await
        .unwrap();
    assert_eq!(label.status, LabelStatus::Pending);
    assert!(matches!(
        store
            .apply_for_label(&application(s.id, who, LabelKind::Support))
            .await,
        Err(StoreError::AlreadyExists)
    ));
    // Another kind is another application.
    let funder = store
        .apply_for_label(&application(s.id, who, LabelKind::Funder))
        .await
        .unwrap();

    let today = utc_now().date_naive();
    let expiry = today + Duration::days(365);
    let granted = store
        .decide_label(
            label.id,
            &decision(
                LabelStatus::Pending,
                LabelStatus::Granted,
                committee,
                Some(expiry),
            ),
        )
        .await
        .unwrap();
    assert_eq!(
        (granted.status, granted.expires_on, granted.decided_by),
        (LabelStatus::Granted, Some(expiry), Some(committee))
    );
    assert!(granted.counts(today));
    assert!(!granted.counts(expiry + Duration::days(1)));
    // A second decision from "pending" loses: the label moved on.
    assert!(matches!(
        store
            .decide_label(
                label.id,
                &decision(LabelStatus::Pending, LabelStatus::Refused, committee, None)
            )
            .await,
        Err(StoreError::Conflict(conflict::LABEL_STATE))
    ));
    assert!(matches!(
        store
            .decide_label(
                Uuid::now_v7(),
                &decision(LabelStatus::Pending, LabelStatus::Refused, committee, None)
            )
            .await,
        Err(StoreError::NotFound)
    ));
    // Renewal: granted stays granted, later expiry; revocation keeps the expiry.
    let later = expiry + Duration::days(365);
    let renewed = store
        .decide_label(
            label.id,
            &decision(
                LabelStatus::Granted,
                LabelStatus::Granted,
                committee,
                Some(later),
            ),
        )
        .await
        .unwrap();
    assert_eq!(renewed.expires_on, Some(later));
    let revoked = store
        .decide_label(
            label.id,
            &decision(LabelStatus::Granted, LabelStatus::Revoked, committee, None),
        )
        .await
        .unwrap();
    assert_eq!(
        (revoked.status, revoked.expires_on),
        (LabelStatus::Revoked, Some(later))
    );
    assert!(!revoked.counts(today));
    // Revoked, the structure may apply again.
    store
        .apply_for_label(&application(s.id, who, LabelKind::Support))
        .await
        .unwrap();

    store
        .decide_label(
            funder.id,
            &decision(LabelStatus::Pending, LabelStatus::Refused, committee, None),
        )
        .await
        .unwrap();
    assert_eq!(store.labels_of(s.id).await.unwrap().len(), 3);
    assert_eq!(
        store
            .list_labels(Some(LabelStatus::Pending))
            .await
            .unwrap()
            .len(),
        1
    );
    assert_eq!(
        store.list_labels(Some(LabelStatus::Refused)).await.unwrap()[0].id,
        funder.id
    );
    assert_eq!(store.list_labels(None).await.unwrap().len(), 3);

    let c = store
        .add_label_comment(label.id, committee, "Pouvez-vous préciser ?", utc_now())
        .await
        .unwrap();
    assert_eq!(c.author_name, "Claire");
    assert_eq!(
        store.label_comments(label.id).await.unwrap(),
        vec![c.clone()]
    );
    // The author's personal data holds it.
    assert_eq!(
        store
            .network_data_of(committee)
            .await
            .unwrap()
            .label_comments,
        vec![c]
    );
    assert!(matches!(
        store
            .add_label_comment(Uuid::now_v7(), committee, "x", utc_now())
            .await,
        Err(StoreError::NotFound)
    ));
}

/// A granted label past its expiry (in Paris time) is closed as expired when the structure
/// applies again; one still valid, even on its last day, blocks a new application.
pub async fn an_expired_label_gives_way_to_a_new_application(store: &dyn Store) {
    let who = author(store).await;
    let s = structure(store, who, "Financeur du Léon").await;
    // 00:30 in Paris on 16 June, still the 15th in UTC.
    let at = "2026-06-15T22:30:00Z"
        .parse::<chrono::DateTime<chrono::Utc>>()
        .unwrap();
    let again = |kind| NewLabel {
        applied_at: at,
        ..application(s.id, who, kind)
    };
    let day = |d: &str| NaiveDate::parse_from_str(d, "%Y-%m-%d").unwrap();
    // Valid through its last day: no second application.
    let valid = store
        .apply_for_label(&application(s.id, who, LabelKind::Evaluator))
        .await
        .unwrap();
    store
        .decide_label(
            valid.id,
            &decision(
                LabelStatus::Pending,
                LabelStatus::Granted,
                who,
                Some(day("2026-06-16")),
            ),
        )
        .await
        .unwrap();
    assert!(matches!(
        store.apply_for_label(&again(LabelKind::Evaluator)).await,
        Err(StoreError::AlreadyExists)
    ));
    assert_eq!(
        store.label(valid.id).await.unwrap().unwrap().status,
        LabelStatus::Granted
    );
    // Expired yesterday: the old one is closed, the new one is pending.
    let old = store
        .apply_for_label(&application(s.id, who, LabelKind::Funder))
        .await
        .unwrap();
    store
        .decide_label(
            old.id,
            &decision(
                LabelStatus::Pending,
                LabelStatus::Granted,
                who,
                Some(day("2026-06-15")),
            ),
        )
        .await
        .unwrap();
    let new = store
        .apply_for_label(&again(LabelKind::Funder))
        .await
        .unwrap();
    assert_eq!(new.status, LabelStatus::Pending);
    assert_eq!(
        store.label(old.id).await.unwrap().unwrap().status,
        LabelStatus::Expired
    );
}

pub async fn accompaniments_are_open_once_and_keep_their_log(store: &dyn Store) {
    let who = author(store).await;
    let holder = author(store).await;
    let s = structure(store, who, "Pépinière de Brest").await;
    let i = publish(
        store,
        holder,
        content("Jardin partagé", "Un jardin", "commune:29019", &[], "idee"),
    )
    .await;
    let new = |id| NewAccompaniment {
        id,
        structure_id: s.id,
        initiative_id: i.id,
        message: "Nous proposons six mois d'accompagnement.".into(),
        proposed_by: who,
        proposed_at: utc_now(),
    };
    let a = store
        .propose_accompaniment(&new(Uuid::now_v7()))
        .await
        .unwrap();
    assert_eq!(a.status, AccompanimentStatus::Proposed);
    assert!(matches!(
        store.propose_accompaniment(&new(Uuid::now_v7())).await,
        Err(StoreError::AlreadyExists)
    ));

    let active = store
        .set_accompaniment_status(
            a.id,
            &[AccompanimentStatus::Proposed],
            AccompanimentStatus::Active,
            holder,
            utc_now(),
        )
        .await
        .unwrap();
    assert_eq!(
        (active.status, active.changed_by),
        (AccompanimentStatus::Active, Some(holder))
    );
    assert!(matches!(
        store
            .set_accompaniment_status(
                a.id,
                &[AccompanimentStatus::Proposed],
                AccompanimentStatus::Declined,
                holder,
                utc_now()
            )
            .await,
        Err(StoreError::Conflict(conflict::ACCOMPANIMENT_STATE))
    ));

    let publication = |summary: &str, publish_structure, publish_initiative| Publication {
        summary: summary.into(),
        publish_structure,
        publish_initiative,
    };
    let published = store
        .set_accompaniment_publication(
            a.id,
            &Publication::default(),
            &publication("Six mois de suivi.", true, false),
        )
        .await
        .unwrap();
    assert!(!published.summary_is_public());
    // Compare-and-set: an agreement given on a text or consents no longer there is refused.
    for stale in [
        Publication::default(),
        publication("Ancien texte.", true, false),
        publication("Six mois de suivi.", false, false),
    ] {
        assert!(matches!(
            store
                .set_accompaniment_publication(
                    a.id,
                    &stale,
                    &publication("Six mois de suivi.", true, true)
                )
                .await,
            Err(StoreError::Conflict(conflict::PUBLICATION_CHANGED))
        ));
    }
    let published = store
        .set_accompaniment_publication(
            a.id,
            &publication("Six mois de suivi.", true, false),
            &publication("Six mois de suivi.", true, true),
        )
        .await
        .unwrap();
    assert!(published.summary_is_public());
    assert!(matches!(
        store
            .set_accompaniment_publication(
                Uuid::now_v7(),
                &Publication::default(),
                &Publication::default()
            )
            .await,
        Err(StoreError::NotFound)
    ));

    let today = utc_now().date_naive();
    for (kind, days, body) in [
        (FollowUpKind::Meeting, 0, "Premier rendez-vous"),
        (FollowUpKind::NextStep, 30, "Trouver un terrain"),
    ] {
        store
            .add_follow_up(&NewFollowUp {
                id: Uuid::now_v7(),
                accompaniment_id: a.id,
                author_id: who,
                kind,
                happened_on: today + Duration::days(days),
                body: body.into(),
                created_at: utc_now(),
            })
            .await
            .unwrap();
    }
    let log = store.follow_ups(a.id).await.unwrap();
    assert_eq!(
        log.iter().map(|e| e.kind).collect::<Vec<_>>(),
        vec![FollowUpKind::NextStep, FollowUpKind::Meeting]
    );
    assert_eq!(log[1].happened_on, today);
    let mine = store.network_data_of(who).await.unwrap();
    assert_eq!((mine.follow_ups.len(), mine.label_comments.len()), (2, 0));
    assert!(store
        .network_data_of(holder)
        .await
        .unwrap()
        .follow_ups
        .is_empty());

    assert_eq!(
        store.accompaniments_of_structure(s.id).await.unwrap().len(),
        1
    );
    assert_eq!(
        store.accompaniments_of_initiative(i.id).await.unwrap()[0].id,
        a.id
    );
    store
        .set_accompaniment_status(
            a.id,
            &[AccompanimentStatus::Proposed, AccompanimentStatus::Active],
            AccompanimentStatus::Ended,
            who,
            utc_now(),
        )
        .await
        .unwrap();
    // Ended, a new one may be proposed.
    store
        .propose_accompaniment(&new(Uuid::now_v7()))
        .await
        .unwrap();
    assert_eq!(
        store
            .accompaniments_of_initiative(i.id)
            .await
            .unwrap()
            .len(),
        2
    );
}
