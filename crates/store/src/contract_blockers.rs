//! The blockers part of the store contract (see `contract`): reports with their routing, the
//! visibility filter of lists, status changes from the status seen, remits, and the facts the
//! aggregate page counts.

use crate::blockers::{conflict, BlockerFilter, NewBlocker, NewEvent, NewHacker};
use crate::contract_initiatives::author;
use crate::*;
use uuid::Uuid;

fn report(reporter: Uuid, title: &str, public: bool, routed_to: Vec<Uuid>) -> NewBlocker {
    NewBlocker {
        id: Uuid::now_v7(),
        reporter_id: reporter,
        structure_id: None,
        title: title.into(),
        description: "Le dossier est **bloqué**.".into(),
        administration: "Préfecture du Finistère".into(),
        administration_key: "prefecture du finistere".into(),
        since: Some("2026-03-01".into()),
        tried: "Deux relances.".into(),
        territory: "commune:29019".into(),
        departement: Some("29".into()),
        region: Some("53".into()),
        theme: Some("alimentation".into()),
        public,
        created_at: utc_now(),
        routed_to,
    }
}

fn event(blocker: Uuid, author: Uuid, status: Option<&str>, body: &str) -> NewEvent {
    NewEvent {
        id: Uuid::now_v7(),
        blocker_id: blocker,
        author_id: author,
        status: status.map(str::to_owned),
        body: body.into(),
        created_at: utc_now(),
    }
}

fn page() -> Page {
    Page {
        limit: 50,
        offset: 0,
    }
}

pub async fn blockers_are_created_with_their_routing(store: &dyn Store) {
    let (reporter, h1, h2) = (
        author(store).await,
        author(store).await,
        author(store).await,
    );
    let b = store
        .create_blocker(&report(reporter, "Agrément bloqué", true, vec![h2, h1]))
        .await
        .unwrap();
    assert_eq!(b.status, "reported");
    assert_eq!(b.reporter_name, "Claire");
    assert_eq!(b.since.as_deref(), Some("2026-03-01"));
    assert!(b.is_public);
    assert_eq!(store.get_blocker(b.id).await.unwrap(), Some(b.clone()));
    let routed: Vec<Uuid> = store
        .blocker_hackers(b.id)
        .await
        .unwrap()
        .into_iter()
        .map(|(id, _, _)| id)
        .collect();
    assert_eq!(routed, vec![h2, h1]);
    // An unknown theme or hacker writes nothing.
    let mut bad = report(reporter, "Thème inconnu", true, vec![]);
    bad.theme = Some("nope".into());
    assert!(matches!(
        store.create_blocker(&bad).await,
        Err(StoreError::NotFound)
    ));
    let bad = report(reporter, "Hacker inconnu", true, vec![Uuid::now_v7()]);
    assert!(matches!(
        store.create_blocker(&bad).await,
        Err(StoreError::NotFound)
    ));
    assert!(store.get_blocker(bad.id).await.unwrap().is_none());
    assert_eq!(store.public_blockers().await.unwrap().len(), 1);
}

pub async fn private_blockers_are_listed_for_their_parties_only(store: &dyn Store) {
    let (reporter, hacker, other) = (
        author(store).await,
        author(store).await,
        author(store).await,
    );
    let public = store
        .create_blocker(&report(reporter, "Public", true, vec![]))
        .await
        .unwrap();
    let private = store
        .create_blocker(&report(reporter, "Privé", false, vec![hacker]))
        .await
        .unwrap();
    // The hacker it is routed to holds a remit (lists show it only while they do).
    let remit = store
        .add_hacker(&NewHacker {
            id: Uuid::now_v7(),
            person_id: hacker,
            territory: "departement:29".into(),
            theme: String::new(),
            created_by: reporter,
            created_at: utc_now(),
        })
        .await
        .unwrap();
    let ids = |v: Vec<blockers::Blocker>| v.into_iter().map(|b| b.id).collect::<Vec<_>>();
    let seen_by = |viewer: Option<Uuid>, everything: bool| BlockerFilter {
        everything,
        viewer,
        status: None,
    };
    for who in [Some(reporter), Some(hacker)] {
        let f = seen_by(who, false);
        assert_eq!(
            ids(store.list_blockers(&f, page()).await.unwrap()),
            vec![private.id, public.id]
        );
        assert_eq!(store.count_blockers(&f).await.unwrap(), 2);
    }
    for f in [seen_by(Some(other), false), seen_by(None, false)] {
        assert_eq!(
            ids(store.list_blockers(&f, page()).await.unwrap()),
            vec![public.id]
        );
        assert_eq!(store.count_blockers(&f).await.unwrap(), 1);
    }
    assert_eq!(store.count_blockers(&seen_by(None, true)).await.unwrap(), 2);
    let reported = BlockerFilter {
        status: Some("unblocked".into()),
        ..seen_by(None, true)
    };
    assert_eq!(store.count_blockers(&reported).await.unwrap(), 0);
    assert_eq!(store.public_blockers().await.unwrap().len(), 1);
    // Without any remit left, the former hacker no longer lists it.
    store.remove_hacker(remit.id).await.unwrap();
    let f = seen_by(Some(hacker), false);
    assert_eq!(
        ids(store.list_blockers(&f, page()).await.unwrap()),
        vec![public.id]
    );
    assert_eq!(store.count_blockers(&f).await.unwrap(), 1);
}

pub async fn status_changes_only_from_the_status_seen(store: &dyn Store) {
    let (reporter, hacker) = (author(store).await, author(store).await);
    let b = store
        .create_blocker(&report(reporter, "Agrément", true, vec![hacker]))
        .await
        .unwrap();
    let moved = store
        .change_blocker_status(
            "reported",
            &event(b.id, hacker, Some("acknowledged"), "Bien reçu."),
        )
        .await
        .unwrap();
    assert_eq!(moved.status, "acknowledged");
    assert!(moved.unblocked_at.is_none());
    // A second hacker who saw "reported" is refused, and nothing is recorded.
    let late = store
        .change_blocker_status("reported", &event(b.id, hacker, Some("not_solvable"), ""))
        .await;
    assert!(matches!(
        late,
        Err(StoreError::Conflict(c)) if c == conflict::STATUS_CHANGED
    ));
    let unblocked = store
        .change_blocker_status("acknowledged", &event(b.id, hacker, Some("unblocked"), ""))
        .await
        .unwrap();
    assert_eq!(unblocked.status, "unblocked");
    assert!(unblocked.unblocked_at.is_some());
    store
        .add_blocker_event(&event(b.id, reporter, None, "Merci !"))
        .await
        .unwrap();
    let events = store.blocker_events(b.id).await.unwrap();
    let seen: Vec<(Option<&str>, &str)> = events
        .iter()
        .map(|e| (e.status.as_deref(), e.body.as_str()))
        .collect();
    assert_eq!(
        seen,
        vec![
            (Some("acknowledged"), "Bien reçu."),
            (Some("unblocked"), ""),
            (None, "Merci !")
        ]
    );
    assert_eq!(events[2].author_name, "Claire");
    // Reopening clears the unblocking time.
    let reopened = store
        .change_blocker_status("unblocked", &event(b.id, hacker, Some("in_progress"), ""))
        .await
        .unwrap();
    assert!(reopened.unblocked_at.is_none());
    // The data export: the reporter's blocker and message; the hacker's notes.
    let mine = store.blockers_data_of(reporter).await.unwrap();
    assert_eq!(mine.reported.len(), 1);
    assert_eq!(mine.events.len(), 1);
    assert_eq!(
        store.blockers_data_of(hacker).await.unwrap().events.len(),
        3
    );
    assert!(matches!(
        store
            .change_blocker_status(
                "reported",
                &event(Uuid::now_v7(), hacker, Some("unblocked"), "")
            )
            .await,
        Err(StoreError::NotFound)
    ));
}

pub async fn remits_are_unique_per_person_territory_and_theme(store: &dyn Store) {
    let (admin, hacker) = (author(store).await, author(store).await);
    let remit = |territory: &str, theme: &str| NewHacker {
        id: Uuid::now_v7(),
        person_id: hacker,
        territory: territory.into(),
        theme: theme.into(),
        created_by: admin,
        created_at: utc_now(),
    };
    let all = store
        .add_hacker(&remit("departement:29", ""))
        .await
        .unwrap();
    store
        .add_hacker(&remit("departement:29", "alimentation"))
        .await
        .unwrap();
    assert!(matches!(
        store.add_hacker(&remit("departement:29", "")).await,
        Err(StoreError::AlreadyExists)
    ));
    let mut nobody = remit("region:53", "");
    nobody.person_id = Uuid::now_v7();
    assert!(matches!(
        store.add_hacker(&nobody).await,
        Err(StoreError::NotFound)
    ));
    assert_eq!(store.list_hackers().await.unwrap().len(), 2);
    store.remove_hacker(all.id).await.unwrap();
    assert!(matches!(
        store.remove_hacker(all.id).await,
        Err(StoreError::NotFound)
    ));
    let left = store.list_hackers().await.unwrap();
    assert_eq!(left.len(), 1);
    assert_eq!(left[0].theme, "alimentation");
    assert_eq!(left[0].person_name, "Claire");
}

pub async fn facts_cover_public_and_private_blockers(store: &dyn Store) {
    let reporter = author(store).await;
    store
        .create_blocker(&report(reporter, "Public", true, vec![]))
        .await
        .unwrap();
    store
        .create_blocker(&report(reporter, "Privé", false, vec![]))
        .await
        .unwrap();
    let facts = store.blocker_facts().await.unwrap();
    assert_eq!(facts.len(), 2);
    assert!(facts
        .iter()
        .all(|f| f.administration_key == "prefecture du finistere"
            && f.departement.as_deref() == Some("29")
            && f.status == "reported"));
}
