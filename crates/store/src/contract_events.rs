//! The events part of the store contract (see `contract`): events and their organisers, lists
//! and filters, registrations with the waiting list (in order, never over capacity, also under
//! concurrent registrations), cancellations, reminders claimed once.

use crate::contract_initiatives::{author, structure};
use crate::events::{conflict, EventFields, EventFilter, NewEvent, Registration};
use crate::*;
use chrono::{DateTime, Duration, Utc};
use uuid::Uuid;

fn fields(title: &str, starts_at: DateTime<Utc>, capacity: Option<i64>) -> EventFields {
    EventFields {
        kind: "meetup".into(),
        title: title.into(),
        description: "On se retrouve.".into(),
        starts_at,
        ends_at: starts_at + Duration::hours(2),
        address: "2 rue de Siam".into(),
        commune: "commune:29019".into(),
        departement: Some("29".into()),
        region: Some("53".into()),
        online_url: None,
        capacity,
        registration_open: true,
    }
}

async fn event(store: &dyn Store, by: Uuid, f: EventFields) -> events::EventRow {
    let s = structure(store, by, "Les Ruches").await;
    store
        .create_event(&NewEvent {
            id: Uuid::now_v7(),
            fields: f,
            organisers: vec![s.id],
            created_by: by,
            created_at: utc_now(),
        })
        .await
        .unwrap()
}

async fn people(store: &dyn Store, n: usize) -> Vec<Uuid> {
    let mut out = vec![];
    for _ in 0..n {
        out.push(author(store).await);
    }
    out
}

fn statuses(regs: &[Registration]) -> Vec<(Uuid, String)> {
    regs.iter()
        .map(|r| (r.person_id, r.status.clone()))
        .collect()
}

pub async fn events_are_created_edited_listed_and_filtered(store: &dyn Store) {
    let who = author(store).await;
    let now = utc_now();
    let soon = event(
        store,
        who,
        fields("Apéro", now + Duration::days(3), Some(20)),
    )
    .await;
    assert_eq!(soon.title, "Apéro");
    assert_eq!(soon.capacity, Some(20));
    assert_eq!((soon.confirmed, soon.waiting), (0, 0));
    assert_eq!(soon.status, "published");
    assert_eq!(store.get_event(soon.id).await.unwrap(), Some(soon.clone()));
    let organisers = store.event_organisers(soon.id).await.unwrap();
    assert_eq!(
        organisers.iter().map(|o| o.1.as_str()).collect::<Vec<_>>(),
        ["Les Ruches"]
    );
    let mut online = fields("Visio", now + Duration::days(1), None);
    online.kind = "world_cafe".into();
    online.address = String::new();
    online.commune = String::new();
    online.departement = None;
    online.region = None;
    online.online_url = Some("https://visio.exemple.org/salle".into());
    let online = event(store, who, online).await;
    let mut lyon = fields("Lyon", now + Duration::days(2), None);
    lyon.commune = "commune:69123".into();
    lyon.departement = Some("69".into());
    lyon.region = Some("84".into());
    event(store, who, lyon).await;
    let past = event(store, who, fields("Passé", now - Duration::days(10), None)).await;

    let titles = |v: Vec<events::EventRow>| v.into_iter().map(|e| e.title).collect::<Vec<_>>();
    let upcoming = EventFilter {
        upcoming_at: Some(now),
        limit: 100,
        ..Default::default()
    };
    assert_eq!(
        titles(store.list_events(&upcoming).await.unwrap()),
        ["Visio", "Lyon", "Apéro"],
        "soonest first"
    );
    assert_eq!(
        titles(
            store
                .list_events(&EventFilter {
                    past_at: Some(now),
                    limit: 100,
                    ..Default::default()
                })
                .await
                .unwrap()
        ),
        ["Passé"]
    );
    assert_eq!(
        titles(
            store
                .list_events(&EventFilter {
                    departement: Some("29".into()),
                    ..upcoming.clone()
                })
                .await
                .unwrap()
        ),
        ["Apéro"]
    );
    assert_eq!(
        titles(
            store
                .list_events(&EventFilter {
                    region: Some("84".into()),
                    ..upcoming.clone()
                })
                .await
                .unwrap()
        ),
        ["Lyon"]
    );
    assert_eq!(
        titles(
            store
                .list_events(&EventFilter {
                    kind: Some("world_cafe".into()),
                    ..upcoming.clone()
                })
                .await
                .unwrap()
        ),
        ["Visio"]
    );
    assert_eq!(
        online.online_url.as_deref(),
        Some("https://visio.exemple.org/salle")
    );
    assert_eq!(past.departement.as_deref(), Some("29"));

    // An edit rewrites the fields and bumps the sequence.
    let later = now + Duration::seconds(5);
    let mut edited = fields("Apéro des initiatives", now + Duration::days(4), None);
    edited.registration_open = false;
    let (row, promoted) = store.update_event(soon.id, &edited, later).await.unwrap();
    assert!(promoted.is_empty());
    assert_eq!(row.title, "Apéro des initiatives");
    assert_eq!(row.capacity, None);
    assert!(!row.registration_open);
    assert_eq!(row.sequence, soon.sequence + 1);
    assert_eq!(row.updated_at, later);
    assert!(matches!(
        store.update_event(Uuid::now_v7(), &edited, later).await,
        Err(StoreError::NotFound)
    ));
    // An organiser that does not exist is refused, and nothing is kept.
    let id = Uuid::now_v7();
    assert!(matches!(
        store
            .create_event(&NewEvent {
                id,
                fields: fields("Sans structure", now, None),
                organisers: vec![Uuid::now_v7()],
                created_by: who,
                created_at: now,
            })
            .await,
        Err(StoreError::NotFound)
    ));
    assert_eq!(store.get_event(id).await.unwrap(), None);
}

pub async fn registrations_fill_the_capacity_then_wait_in_order(store: &dyn Store) {
    let who = author(store).await;
    let now = utc_now();
    let e = event(
        store,
        who,
        fields("Atelier", now + Duration::days(2), Some(2)),
    )
    .await;
    let p = people(store, 5).await;
    let mut placed = vec![];
    for (i, person) in p.iter().enumerate() {
        let r = store
            .register(e.id, *person, now + Duration::seconds(i as i64))
            .await
            .unwrap();
        placed.push(r.status);
    }
    assert_eq!(
        placed,
        ["confirmed", "confirmed", "waiting", "waiting", "waiting"]
    );
    assert!(matches!(
        store.register(e.id, p[0], now).await,
        Err(StoreError::Conflict(conflict::ALREADY_REGISTERED))
    ));
    assert!(matches!(
        store.register(e.id, p[3], now).await,
        Err(StoreError::Conflict(conflict::ALREADY_REGISTERED))
    ));
    let row = store.get_event(e.id).await.unwrap().unwrap();
    assert_eq!((row.confirmed, row.waiting), (2, 3));
    assert_eq!(row.places_left(), Some(0));

    // A confirmed person cancels: the first on the waiting list moves up.
    let at = now + Duration::minutes(1);
    let promoted = store.cancel_registration(e.id, p[1], at).await.unwrap();
    assert_eq!(promoted.len(), 1);
    assert_eq!(promoted[0].person_id, p[2]);
    assert_eq!(promoted[0].status, "confirmed");
    assert_eq!(promoted[0].promoted_at, Some(at));
    assert!(!promoted[0].email.is_empty());
    // Someone waiting cancels: nobody moves.
    assert!(store
        .cancel_registration(e.id, p[4], at)
        .await
        .unwrap()
        .is_empty());
    assert!(matches!(
        store.cancel_registration(e.id, p[4], at).await,
        Err(StoreError::NotFound)
    ));
    assert_eq!(
        statuses(&store.registrations(e.id).await.unwrap()),
        vec![
            (p[0], "confirmed".to_owned()),
            (p[2], "confirmed".to_owned()),
            (p[3], "waiting".to_owned()),
        ]
    );
    // Registering again after cancelling goes to the end of the list.
    let again = store
        .register(e.id, p[1], now + Duration::minutes(2))
        .await
        .unwrap();
    assert_eq!(again.status, "waiting");
    assert_eq!(
        store
            .registration_of(e.id, p[4])
            .await
            .unwrap()
            .unwrap()
            .status,
        "cancelled"
    );

    // Lowering the capacity below the confirmed is refused; raising it moves people up in order.
    let mut f = fields("Atelier", now + Duration::days(2), Some(1));
    assert!(matches!(
        store.update_event(e.id, &f, at).await,
        Err(StoreError::Conflict(conflict::CAPACITY_BELOW_CONFIRMED))
    ));
    f.capacity = Some(3);
    let (row, promoted) = store.update_event(e.id, &f, at).await.unwrap();
    assert_eq!(
        promoted.iter().map(|r| r.person_id).collect::<Vec<_>>(),
        [p[3]]
    );
    assert_eq!((row.confirmed, row.waiting), (3, 1));
    f.capacity = None;
    let (row, promoted) = store.update_event(e.id, &f, at).await.unwrap();
    assert_eq!(
        promoted.iter().map(|r| r.person_id).collect::<Vec<_>>(),
        [p[1]]
    );
    assert_eq!((row.confirmed, row.waiting), (4, 0));

    // Closed registrations, a started event, an unknown event.
    f.registration_open = false;
    store.update_event(e.id, &f, at).await.unwrap();
    assert!(matches!(
        store.register(e.id, p[4], at).await,
        Err(StoreError::Conflict(conflict::REGISTRATION_CLOSED))
    ));
    let started = event(
        store,
        who,
        fields("Commencé", now - Duration::minutes(5), None),
    )
    .await;
    assert!(matches!(
        store.register(started.id, p[0], now).await,
        Err(StoreError::Conflict(conflict::STARTED))
    ));
    assert!(matches!(
        store.register(Uuid::now_v7(), p[0], now).await,
        Err(StoreError::NotFound)
    ));
    let mine = store.registrations_of(p[0]).await.unwrap();
    assert_eq!(mine.len(), 1);
    assert_eq!(mine[0].1, "Atelier");
}

pub async fn parallel_registrations_never_exceed_the_capacity(store: &dyn Store) {
    let who = author(store).await;
    let now = utc_now();
    let e = event(
        store,
        who,
        fields("Complet", now + Duration::days(2), Some(3)),
    )
    .await;
    let p = people(store, 8).await;
    let r = |i: usize| store.register(e.id, p[i], now + Duration::milliseconds(i as i64));
    let (a, b, c, d, f, g, h, i) = tokio::join!(r(0), r(1), r(2), r(3), r(4), r(5), r(6), r(7));
    let all = [a, b, c, d, f, g, h, i];
    let statuses: Vec<String> = all.into_iter().map(|r| r.unwrap().status).collect();
    assert_eq!(statuses.iter().filter(|s| *s == "confirmed").count(), 3);
    assert_eq!(statuses.iter().filter(|s| *s == "waiting").count(), 5);
    let row = store.get_event(e.id).await.unwrap().unwrap();
    assert_eq!((row.confirmed, row.waiting), (3, 5));
    // Concurrent cancellations of the confirmed move exactly as many up, never more.
    let confirmed: Vec<Uuid> = store
        .registrations(e.id)
        .await
        .unwrap()
        .into_iter()
        .filter(|r| r.status == "confirmed")
        .map(|r| r.person_id)
        .collect();
    let cancel = |i: usize| store.cancel_registration(e.id, confirmed[i], now);
    let (x, y, z) = tokio::join!(cancel(0), cancel(1), cancel(2));
    let moved: usize = [x, y, z].into_iter().map(|r| r.unwrap().len()).sum();
    assert_eq!(moved, 3);
    let row = store.get_event(e.id).await.unwrap().unwrap();
    assert_eq!((row.confirmed, row.waiting), (3, 2));
}

pub async fn cancelling_an_event_lists_its_registrants_and_refuses_new_ones(store: &dyn Store) {
    let who = author(store).await;
    let now = utc_now();
    let e = event(
        store,
        who,
        fields("Annulé", now + Duration::days(2), Some(1)),
    )
    .await;
    let p = people(store, 3).await;
    store.register(e.id, p[0], now).await.unwrap();
    store.register(e.id, p[1], now).await.unwrap();
    let (row, regs) = store.cancel_event(e.id, now).await.unwrap();
    assert!(row.is_cancelled());
    assert_eq!(row.sequence, e.sequence + 1);
    assert_eq!(
        regs.iter().map(|r| r.person_id).collect::<Vec<_>>(),
        [p[0], p[1]]
    );
    assert!(matches!(
        store.cancel_event(e.id, now).await,
        Err(StoreError::Conflict(conflict::CANCELLED))
    ));
    assert!(matches!(
        store.register(e.id, p[2], now).await,
        Err(StoreError::Conflict(conflict::CANCELLED))
    ));
    // Leaving a cancelled event moves nobody up.
    assert!(store
        .cancel_registration(e.id, p[0], now)
        .await
        .unwrap()
        .is_empty());
    assert!(matches!(
        store
            .update_event(e.id, &fields("X", now + Duration::days(2), None), now)
            .await,
        Err(StoreError::Conflict(conflict::CANCELLED))
    ));
    assert!(matches!(
        store.cancel_event(Uuid::now_v7(), now).await,
        Err(StoreError::NotFound)
    ));
    let published_only = EventFilter {
        upcoming_at: Some(now),
        published_only: true,
        limit: 10,
        ..Default::default()
    };
    assert!(store.list_events(&published_only).await.unwrap().is_empty());
}

pub async fn reminders_are_claimed_once_per_registration(store: &dyn Store) {
    let who = author(store).await;
    let now = utc_now();
    let tomorrow = event(
        store,
        who,
        fields("Demain", now + Duration::hours(20), None),
    )
    .await;
    let next_week = event(
        store,
        who,
        fields("Plus tard", now + Duration::days(7), None),
    )
    .await;
    let full = event(
        store,
        who,
        fields("Complet", now + Duration::hours(10), Some(1)),
    )
    .await;
    let p = people(store, 2).await;
    store.register(tomorrow.id, p[0], now).await.unwrap();
    store.register(next_week.id, p[0], now).await.unwrap();
    store.register(full.id, p[0], now).await.unwrap();
    // Waiting: no reminder.
    store.register(full.id, p[1], now).await.unwrap();
    let due = store
        .due_reminders(now, now + Duration::hours(24))
        .await
        .unwrap();
    assert_eq!(
        due.iter().map(|d| d.title.as_str()).collect::<Vec<_>>(),
        ["Complet", "Demain"]
    );
    let first = due[0].registration_id;
    let (a, b) = tokio::join!(
        store.claim_reminder(first, now),
        store.claim_reminder(first, now)
    );
    assert!(a.unwrap() ^ b.unwrap(), "exactly one claim wins");
    let due = store
        .due_reminders(now, now + Duration::hours(24))
        .await
        .unwrap();
    assert_eq!(
        due.iter().map(|d| d.title.as_str()).collect::<Vec<_>>(),
        ["Demain"]
    );
    // A cancelled event sends none.
    store.cancel_event(tomorrow.id, now).await.unwrap();
    assert!(store
        .due_reminders(now, now + Duration::hours(24))
        .await
        .unwrap()
        .is_empty());
}

pub async fn nothing_moves_once_the_event_has_started(store: &dyn Store) {
    let who = author(store).await;
    let now = utc_now();
    let starts_at = now + Duration::hours(1);
    let e = event(store, who, fields("Commencé", starts_at, Some(1))).await;
    let p = people(store, 2).await;
    store.register(e.id, p[0], now).await.unwrap();
    store.register(e.id, p[1], now).await.unwrap();
    let before = statuses(&store.registrations(e.id).await.unwrap());
    let during = starts_at + Duration::minutes(10);
    // Cancelling after the start is refused: the waiting list would move up (and be mailed)
    // for an event already under way.
    assert!(matches!(
        store.cancel_registration(e.id, p[0], during).await,
        Err(StoreError::Conflict(conflict::STARTED))
    ));
    assert_eq!(statuses(&store.registrations(e.id).await.unwrap()), before);
    // A capacity raised after the start is kept, but moves nobody up.
    let mut raised = fields("Commencé", starts_at, Some(2));
    raised.ends_at = e.ends_at;
    let (row, promoted) = store.update_event(e.id, &raised, during).await.unwrap();
    assert_eq!(row.capacity, Some(2));
    assert!(promoted.is_empty());
    assert_eq!(statuses(&store.registrations(e.id).await.unwrap()), before);
    // Before the start the same cancellation moves the head of the list up.
    let promoted = store
        .cancel_registration(e.id, p[0], starts_at - Duration::minutes(1))
        .await
        .unwrap();
    assert_eq!(statuses(&promoted), [(p[1], "confirmed".to_owned())]);
}

pub async fn a_new_start_is_reminded_again_a_return_is_not(store: &dyn Store) {
    let who = author(store).await;
    let now = utc_now();
    let e = event(
        store,
        who,
        fields("Rappel", now + Duration::hours(20), None),
    )
    .await;
    let p = people(store, 1).await;
    let r = store.register(e.id, p[0], now).await.unwrap();
    assert!(due(store, now).await.contains(&r.id));
    assert!(store.claim_reminder(r.id, now).await.unwrap());
    assert!(!due(store, now).await.contains(&r.id));
    // Cancelling then registering again: the reminder of this start was sent already.
    store.cancel_registration(e.id, p[0], now).await.unwrap();
    let again = store.register(e.id, p[0], now).await.unwrap();
    assert_eq!(again.id, r.id);
    assert_eq!(again.reminded_at, Some(now));
    assert!(!due(store, now).await.contains(&r.id));
    // A new start: the person is reminded of the new date.
    let moved = fields("Rappel", now + Duration::hours(22), None);
    store.update_event(e.id, &moved, now).await.unwrap();
    let reg = store.registration_of(e.id, p[0]).await.unwrap().unwrap();
    assert_eq!(reg.reminded_at, None);
    assert!(due(store, now).await.contains(&r.id));
    // An edit that keeps the start keeps the reminder.
    assert!(store.claim_reminder(r.id, now).await.unwrap());
    let mut retitled = moved.clone();
    retitled.title = "Rappel (salle B)".into();
    store.update_event(e.id, &retitled, now).await.unwrap();
    assert!(!due(store, now).await.contains(&r.id));
}

async fn due(store: &dyn Store, now: DateTime<Utc>) -> Vec<Uuid> {
    store
        .due_reminders(now, now + Duration::hours(24))
        .await
        .unwrap()
        .into_iter()
        .map(|d| d.registration_id)
        .collect()
}
