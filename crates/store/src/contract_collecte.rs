//! The collecte part of the store contract (see `contract`): one collection per event, codes
//! unique among open collections, items numbered in order, a phone edits only its own items
//! while the collection is open, merges, discards and conversions leave `active` once, the
//! revision cursor of the room screen, provenance of a converted item, a person's data.

use crate::collecte::{conflict, ItemFields, NewItem};
use crate::contract_initiatives::{author, content, note, structure};
use crate::events::{EventFields, NewEvent};
use crate::*;
use chrono::Duration;
use essaim_domain::initiative::Status;
use uuid::Uuid;

async fn collecte_event(store: &dyn Store, by: Uuid, title: &str) -> events::EventRow {
    let s = structure(store, by, "Les Ruches").await;
    let starts_at = utc_now() + Duration::days(2);
    store
        .create_event(&NewEvent {
            id: Uuid::now_v7(),
            fields: EventFields {
                kind: "collecte".into(),
                title: title.into(),
                description: String::new(),
                starts_at,
                ends_at: starts_at + Duration::hours(2),
                address: "2 rue de Siam".into(),
                commune: "commune:29019".into(),
                departement: Some("29".into()),
                region: Some("53".into()),
                online_url: None,
                capacity: None,
                registration_open: true,
            },
            organisers: vec![s.id],
            created_by: by,
            created_at: utc_now(),
        })
        .await
        .unwrap()
}

fn fields(name: &str) -> ItemFields {
    ItemFields {
        name: name.into(),
        commune: "commune:29019".into(),
        what: format!("{name} : ce que ça fait"),
        carrier: "Une association".into(),
        contact: None,
    }
}

fn new_item(name: &str, phone: Option<&str>, by: Option<Uuid>) -> NewItem {
    NewItem {
        id: Uuid::now_v7(),
        fields: fields(name),
        phone_hash: phone.map(str::to_owned),
        submitted_by: by,
        at: utc_now(),
    }
}

fn conflict_of<T: std::fmt::Debug>(r: StoreResult<T>) -> &'static str {
    match r {
        Err(StoreError::Conflict(c)) => c,
        other => panic!("expected a conflict, got {other:?}"),
    }
}

pub async fn collectes_open_with_a_unique_code_and_close_for_good(store: &dyn Store) {
    let who = author(store).await;
    let e1 = collecte_event(store, who, "Table ronde de Brest").await;
    let e2 = collecte_event(store, who, "Table ronde de Morlaix").await;
    let now = utc_now();
    let c1 = store
        .open_collecte(Uuid::now_v7(), e1.id, "ABCD234", who, now)
        .await
        .unwrap();
    assert!(c1.is_open());
    assert_eq!((c1.code.as_str(), c1.items, c1.revision), ("ABCD234", 0, 0));
    assert_eq!(
        store.collecte_of_event(e1.id).await.unwrap(),
        Some(c1.clone())
    );
    assert_eq!(store.collecte(c1.id).await.unwrap(), Some(c1.clone()));
    // The event has one already; another open collection holds the code.
    assert_eq!(
        conflict_of(
            store
                .open_collecte(Uuid::now_v7(), e1.id, "WXYZ789", who, now)
                .await
        ),
        conflict::ALREADY_OPENED
    );
    assert_eq!(
        conflict_of(
            store
                .open_collecte(Uuid::now_v7(), e2.id, "ABCD234", who, now)
                .await
        ),
        conflict::CODE_TAKEN
    );
    assert!(matches!(
        store
            .open_collecte(Uuid::now_v7(), Uuid::now_v7(), "QRST567", who, now)
            .await,
        Err(StoreError::NotFound)
    ));
    let closed = store.close_collecte(c1.id, utc_now()).await.unwrap();
    assert!(!closed.is_open());
    assert!(closed.closed_at.is_some());
    assert_eq!(
        conflict_of(store.close_collecte(c1.id, utc_now()).await),
        conflict::CLOSED
    );
    assert_eq!(
        conflict_of(
            store
                .add_item(c1.id, &new_item("Trop tard", None, None))
                .await
        ),
        conflict::CLOSED
    );
    // A closed code is free again; the open collection holding it wins the look-up.
    assert_eq!(
        store
            .collecte_by_code("ABCD234")
            .await
            .unwrap()
            .map(|c| c.id),
        Some(c1.id)
    );
    let c2 = store
        .open_collecte(Uuid::now_v7(), e2.id, "ABCD234", who, utc_now())
        .await
        .unwrap();
    assert_eq!(
        store
            .collecte_by_code("ABCD234")
            .await
            .unwrap()
            .map(|c| c.id),
        Some(c2.id)
    );
    assert_eq!(store.collecte_by_code("NONE234").await.unwrap(), None);
}

pub async fn collecte_items_are_numbered_edited_by_their_phone_merged_and_converted(
    store: &dyn Store,
) {
    let who = author(store).await;
    let e = collecte_event(store, who, "Table ronde de Quimper").await;
    let c = store
        .open_collecte(Uuid::now_v7(), e.id, "HJKM234", who, utc_now())
        .await
        .unwrap();
    let a = store
        .add_item(c.id, &new_item("Repair café", Some("phone-a"), Some(who)))
        .await
        .unwrap();
    let b = store
        .add_item(
            c.id,
            &new_item("Repair Café du port", Some("phone-b"), None),
        )
        .await
        .unwrap();
    let d = store
        .add_item(c.id, &new_item("Jardin partagé", Some("phone-b"), None))
        .await
        .unwrap();
    assert_eq!((a.number, b.number, d.number), (1, 2, 3));
    assert!(a.revision < b.revision && b.revision < d.revision);
    assert_eq!(store.collecte(c.id).await.unwrap().unwrap().items, 3);
    let of_b: Vec<Uuid> = store
        .items_of_phone(c.id, "phone-b")
        .await
        .unwrap()
        .iter()
        .map(|i| i.id)
        .collect();
    assert_eq!(of_b, [b.id, d.id]);

    // A phone edits its own item only.
    let mut changed = fields("Repair café de Quimper");
    changed.contact = Some("06 12 34 56 78".into());
    assert!(matches!(
        store
            .edit_item(a.id, &changed, Some("phone-b"), utc_now())
            .await,
        Err(StoreError::NotFound)
    ));
    let a2 = store
        .edit_item(a.id, &changed, Some("phone-a"), utc_now())
        .await
        .unwrap();
    assert_eq!(a2.name, "Repair café de Quimper");
    assert_eq!(a2.contact.as_deref(), Some("06 12 34 56 78"));
    assert!(a2.revision > d.revision);

    // The room screen's cursor: what changed after a revision, in order of change.
    let since: Vec<Uuid> = store
        .items_since(c.id, b.revision)
        .await
        .unwrap()
        .iter()
        .map(|i| i.id)
        .collect();
    assert_eq!(since, [d.id, a.id]);

    // Merge: the duplicate keeps its text and points at the item kept.
    assert_eq!(
        conflict_of(store.merge_items(a.id, &[a.id], utc_now()).await),
        conflict::BAD_MERGE
    );
    let merged = store.merge_items(a.id, &[b.id], utc_now()).await.unwrap();
    assert_eq!(merged.len(), 1);
    assert_eq!(merged[0].status, "merged");
    assert_eq!(merged[0].merged_into, Some(a.id));
    assert_eq!(merged[0].name, "Repair Café du port");
    assert_eq!(
        conflict_of(store.merge_items(d.id, &[b.id], utc_now()).await),
        conflict::NOT_ACTIVE
    );
    assert_eq!(
        conflict_of(
            store
                .edit_item(b.id, &fields("x y z"), Some("phone-b"), utc_now())
                .await
        ),
        conflict::NOT_ACTIVE
    );
    assert_eq!(store.collecte(c.id).await.unwrap().unwrap().items, 2);

    // Converted once: a second conversion of the same item is refused.
    let i = store
        .create_initiative(
            Uuid::now_v7(),
            &content(
                "Repair café de Quimper",
                "On répare.",
                "commune:29232",
                &[],
                "idee",
            ),
            Status::Draft,
            None,
            note(who, "Collectée"),
        )
        .await
        .unwrap();
    let converted = store.link_initiative(a.id, i.id, utc_now()).await.unwrap();
    assert_eq!(converted.status, "converted");
    assert_eq!(converted.initiative_id, Some(i.id));
    assert_eq!(
        conflict_of(store.link_initiative(a.id, i.id, utc_now()).await),
        conflict::NOT_ACTIVE
    );
    let p = store.provenance(i.id).await.unwrap().unwrap();
    assert_eq!((p.item_id, p.event_id), (a.id, e.id));
    assert_eq!(p.event_title, "Table ronde de Quimper");
    assert_eq!(p.collected_at, a.created_at);
    assert_eq!(store.provenance(Uuid::now_v7()).await.unwrap(), None);

    // Closed: the room can no longer write, the facilitator still tidies up.
    store.close_collecte(c.id, utc_now()).await.unwrap();
    assert_eq!(
        conflict_of(
            store
                .edit_item(d.id, &fields("Jardin"), Some("phone-b"), utc_now())
                .await
        ),
        conflict::CLOSED
    );
    let d2 = store
        .edit_item(
            d.id,
            &fields("Jardin partagé de Kerfeunteun"),
            None,
            utc_now(),
        )
        .await
        .unwrap();
    assert_eq!(d2.name, "Jardin partagé de Kerfeunteun");
    let discarded = store.discard_item(d.id, utc_now()).await.unwrap();
    assert_eq!(discarded.status, "discarded");
    assert_eq!(
        conflict_of(store.discard_item(d.id, utc_now()).await),
        conflict::NOT_ACTIVE
    );
    let numbers: Vec<(i64, String)> = store
        .items(c.id)
        .await
        .unwrap()
        .into_iter()
        .map(|i| (i.number, i.status))
        .collect();
    assert_eq!(
        numbers,
        [
            (1, "converted".to_owned()),
            (2, "merged".to_owned()),
            (3, "discarded".to_owned())
        ]
    );

    // The person's data: the item they submitted signed in, the collection they opened.
    let data = store.collecte_data_of(who).await.unwrap();
    assert_eq!(
        data.items
            .iter()
            .map(|(i, t)| (i.id, t.as_str()))
            .collect::<Vec<_>>(),
        [(a.id, "Table ronde de Quimper")]
    );
    assert_eq!(data.opened.len(), 1);
    assert_eq!(data.opened[0].0.id, c.id);
}

/// Parallel submissions to one collection get distinct numbers, none lost.
pub async fn parallel_collecte_items_get_distinct_numbers(store: &dyn Store) {
    let who = author(store).await;
    let e = collecte_event(store, who, "Table ronde parallèle").await;
    let c = store
        .open_collecte(Uuid::now_v7(), e.id, "PQRS234", who, utc_now())
        .await
        .unwrap();
    let add = |n: usize| async move {
        let item = new_item(&format!("Initiative {n}"), Some("phone"), None);
        store.add_item(c.id, &item).await.unwrap()
    };
    tokio::join!(
        add(0),
        add(1),
        add(2),
        add(3),
        add(4),
        add(5),
        add(6),
        add(7)
    );
    let mut numbers: Vec<i64> = store
        .items(c.id)
        .await
        .unwrap()
        .iter()
        .map(|i| i.number)
        .collect();
    numbers.sort();
    assert_eq!(numbers, (1..=8).collect::<Vec<i64>>());
}

/// Two facilitators merge A into B and B into A at the same moment: one merge wins, the other
/// finds its kept item gone; one of the two items stays active.
pub async fn crossed_collecte_merges_leave_one_item_active(store: &dyn Store) {
    let who = author(store).await;
    let e = collecte_event(store, who, "Table ronde croisée").await;
    let c = store
        .open_collecte(Uuid::now_v7(), e.id, "TUVW234", who, utc_now())
        .await
        .unwrap();
    for round in 0..5 {
        let a = store
            .add_item(
                c.id,
                &new_item(&format!("Ressourcerie {round}"), None, None),
            )
            .await
            .unwrap();
        let b = store
            .add_item(
                c.id,
                &new_item(&format!("La ressourcerie {round}"), None, None),
            )
            .await
            .unwrap();
        let (only_a, only_b) = ([a.id], [b.id]);
        let (ab, ba) = tokio::join!(
            store.merge_items(a.id, &only_b, utc_now()),
            store.merge_items(b.id, &only_a, utc_now())
        );
        assert_eq!(
            usize::from(ab.is_ok()) + usize::from(ba.is_ok()),
            1,
            "exactly one merge wins: {ab:?} {ba:?}"
        );
        let loser = if ab.is_ok() { ba } else { ab };
        assert_eq!(conflict_of(loser), conflict::NOT_ACTIVE);
        let active = store
            .items(c.id)
            .await
            .unwrap()
            .into_iter()
            .filter(|i| (i.id == a.id || i.id == b.id) && i.is_active())
            .count();
        assert_eq!(active, 1, "one of the two stays active");
    }
    // A merge into an item discarded at the same moment: never both.
    let a = store
        .add_item(c.id, &new_item("Épicerie solidaire", None, None))
        .await
        .unwrap();
    let b = store
        .add_item(c.id, &new_item("L'épicerie solidaire", None, None))
        .await
        .unwrap();
    let only_b = [b.id];
    let (merged, discarded) = tokio::join!(
        store.merge_items(a.id, &only_b, utc_now()),
        store.discard_item(a.id, utc_now())
    );
    assert!(
        discarded.is_ok(),
        "the kept item is active until the discard"
    );
    if merged.is_ok() {
        // The merge came first: b points at a, discarded afterwards.
        let (a, b) = (
            store.item(a.id).await.unwrap().unwrap(),
            store.item(b.id).await.unwrap().unwrap(),
        );
        assert_eq!(b.status, "merged");
        assert!(b.revision < a.revision, "merged before the discard");
    } else {
        assert_eq!(conflict_of(merged), conflict::NOT_ACTIVE);
        assert!(store.item(b.id).await.unwrap().unwrap().is_active());
    }
}

/// Two openings of one event's collection at the same moment: one opens it, the other is told
/// it is already open (not that its code is taken).
pub async fn parallel_collecte_openings_open_one(store: &dyn Store) {
    let who = author(store).await;
    for round in 0..5 {
        let e = collecte_event(store, who, &format!("Table ronde {round}")).await;
        let (code1, code2) = (format!("BCDF{round}23"), format!("GHJK{round}23"));
        let (one, two) = tokio::join!(
            store.open_collecte(Uuid::now_v7(), e.id, &code1, who, utc_now()),
            store.open_collecte(Uuid::now_v7(), e.id, &code2, who, utc_now())
        );
        assert_eq!(
            usize::from(one.is_ok()) + usize::from(two.is_ok()),
            1,
            "one opening: {one:?} {two:?}"
        );
        let loser = if one.is_ok() { two } else { one };
        assert_eq!(conflict_of(loser), conflict::ALREADY_OPENED);
    }
}
