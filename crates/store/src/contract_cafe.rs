//! The World Café part of the store contract (see `contract`): settings and questions, a
//! reshaped café losing its seating, participants (registrants synced once, people added by
//! name), plans replacing the seating and keeping the tables' links, hand moves, the live
//! round by compare-and-set, the harvest and its publication, a person's data.

use crate::cafe::{conflict, CafeSettings, NewParticipant, Seat};
use crate::contract_initiatives::{author, structure};
use crate::events::{EventFields, NewEvent};
use crate::*;
use chrono::Duration;
use uuid::Uuid;

async fn cafe_event(store: &dyn Store, by: Uuid) -> Uuid {
    let s = structure(store, by, "Les Ruches").await;
    let starts_at = utc_now() + Duration::days(5);
    store
        .create_event(&NewEvent {
            id: Uuid::now_v7(),
            fields: EventFields {
                kind: "world_cafe".into(),
                title: "Café des communs".into(),
                description: String::new(),
                starts_at,
                ends_at: starts_at + Duration::hours(3),
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
        .id
}

fn settings(rounds: i64, questions: &[&str]) -> CafeSettings {
    CafeSettings {
        layout: "size".into(),
        layout_value: 3,
        rounds,
        round_minutes: 20,
        questions: questions.iter().map(|q| q.to_string()).collect(),
    }
}

fn named(event_id: Uuid, name: &str) -> NewParticipant {
    NewParticipant {
        id: Uuid::now_v7(),
        event_id,
        person_id: None,
        name: name.into(),
        sector: Some("citoyen".into()),
        structure: None,
        host_table: None,
        created_at: utc_now(),
    }
}

pub async fn cafe_settings_participants_and_seating(store: &dyn Store) {
    let who = author(store).await;
    let ev = cafe_event(store, who).await;
    assert!(store.cafe(ev).await.unwrap().is_none());
    assert!(matches!(
        store
            .put_cafe(Uuid::now_v7(), &settings(1, &["Q"]), utc_now())
            .await,
        Err(StoreError::NotFound)
    ));
    let c = store
        .put_cafe(ev, &settings(2, &["Quoi ?", "Comment ?"]), utc_now())
        .await
        .unwrap();
    assert_eq!(c.questions, ["Quoi ?", "Comment ?"]);
    assert_eq!(c.question(2), "Comment ?");
    assert_eq!(
        (c.row.rounds, c.row.current_round, c.row.seed),
        (2, 0, None)
    );

    // Registrants are synced once; people are added by name.
    let registrant = author(store).await;
    store.register(ev, registrant, utc_now()).await.unwrap();
    assert_eq!(store.cafe_sync_registrants(ev, utc_now()).await.unwrap(), 1);
    assert_eq!(store.cafe_sync_registrants(ev, utc_now()).await.unwrap(), 0);
    // Someone who registers then cancels is added, then removed.
    let leaving = author(store).await;
    store.register(ev, leaving, utc_now()).await.unwrap();
    assert_eq!(store.cafe_sync_registrants(ev, utc_now()).await.unwrap(), 1);
    assert_eq!(store.cafe_participants(ev).await.unwrap().len(), 2);
    store
        .cancel_registration(ev, leaving, utc_now())
        .await
        .unwrap();
    assert_eq!(store.cafe_sync_registrants(ev, utc_now()).await.unwrap(), 0);
    assert_eq!(store.cafe_participants(ev).await.unwrap().len(), 1);
    // An erased account keeps its registration row, but never comes back (with a blank name).
    let erased = author(store).await;
    store.register(ev, erased, utc_now()).await.unwrap();
    assert!(store.erase_person(erased, utc_now()).await.unwrap());
    assert_eq!(store.cafe_sync_registrants(ev, utc_now()).await.unwrap(), 0);
    assert_eq!(store.cafe_participants(ev).await.unwrap().len(), 1);
    let mut again = named(ev, "Claire");
    again.person_id = Some(registrant);
    assert!(matches!(
        store.cafe_add_participant(&again).await,
        Err(StoreError::Conflict(conflict::ALREADY_PARTICIPANT))
    ));
    let mut ids = vec![];
    for name in ["Awa", "Bruno", "Chloé", "Dario", "Elsa"] {
        ids.push(
            store
                .cafe_add_participant(&named(ev, name))
                .await
                .unwrap()
                .id,
        );
    }
    let people = store.cafe_participants(ev).await.unwrap();
    assert_eq!(people.len(), 6);
    let claire = people
        .iter()
        .find(|p| p.person_id == Some(registrant))
        .unwrap();
    assert_eq!(claire.name, "Claire");
    ids.push(claire.id);
    let updated = store
        .cafe_update_participant(ev, ids[0], None, Some("public"), Some("Mairie"), Some(1))
        .await
        .unwrap();
    assert_eq!(updated.name, "Awa");
    assert_eq!(
        (
            updated.sector.as_deref(),
            updated.structure.as_deref(),
            updated.host_table
        ),
        (Some("public"), Some("Mairie"), Some(1))
    );
    // Another event's participant is not found through this one.
    let other = cafe_event(store, who).await;
    assert!(matches!(
        store
            .cafe_update_participant(other, ids[0], None, None, None, None)
            .await,
        Err(StoreError::NotFound)
    ));

    // A plan: two tables of three, two rounds.
    let plan = |shift: usize| -> Vec<Seat> {
        (1..=2)
            .flat_map(|round| {
                ids.iter().enumerate().map(move |(i, id)| Seat {
                    round,
                    table_no: ((i + shift * (round as usize - 1)) % 2) as i64 + 1,
                    participant_id: *id,
                })
            })
            .collect()
    };
    let tokens = vec![(1, "t1".to_string()), (2, "t2".to_string())];
    let c = store
        .cafe_save_plan(ev, 42, &plan(1), &tokens, utc_now())
        .await
        .unwrap();
    assert_eq!(c.row.seed, Some(42));
    assert!(c.row.planned_at.is_some());
    assert_eq!(store.cafe_seats(ev).await.unwrap().len(), 12);
    assert_eq!(
        store.cafe_tables(ev).await.unwrap(),
        [(1, "t1".to_string()), (2, "t2".to_string())]
    );
    // A new plan replaces the seating and keeps the links of tables still there.
    let more = vec![
        (1, "x1".to_string()),
        (2, "x2".to_string()),
        (3, "x3".to_string()),
    ];
    store
        .cafe_save_plan(ev, 7, &plan(0), &more, utc_now())
        .await
        .unwrap();
    let seats = store.cafe_seats(ev).await.unwrap();
    assert_eq!(seats.len(), 12);
    assert_eq!(
        store.cafe_tables(ev).await.unwrap(),
        [(1, "t1".to_string()), (2, "t2".to_string())]
    );
    // A seat of someone else's participant, or a round out of range: refused, nothing lost.
    let stranger = store
        .cafe_add_participant(&named(other, "Zoé"))
        .await
        .unwrap();
    let mut bad = plan(1);
    bad.push(Seat {
        round: 1,
        table_no: 1,
        participant_id: stranger.id,
    });
    assert!(matches!(
        store.cafe_save_plan(ev, 1, &bad, &tokens, utc_now()).await,
        Err(StoreError::Conflict(conflict::NOT_SEATED))
    ));
    let mut bad = plan(1);
    bad[0].round = 3;
    assert!(matches!(
        store.cafe_save_plan(ev, 1, &bad, &tokens, utc_now()).await,
        Err(StoreError::Conflict(conflict::NOT_SEATED))
    ));
    // Someone seated twice in a round: refused in words (not a key violation), nothing lost.
    let mut bad = plan(1);
    let mut twice = bad[0];
    twice.table_no = if twice.table_no == 1 { 2 } else { 1 };
    bad.push(twice);
    assert!(matches!(
        store.cafe_save_plan(ev, 1, &bad, &tokens, utc_now()).await,
        Err(StoreError::Conflict(conflict::NOT_SEATED))
    ));
    assert_eq!(store.cafe_seats(ev).await.unwrap(), seats);
    assert_eq!(store.cafe(ev).await.unwrap().unwrap().row.seed, Some(7));

    // A swap by hand within round 2.
    let at = |seats: &[Seat], round: i64, p: Uuid| {
        seats
            .iter()
            .find(|s| s.round == round && s.participant_id == p)
            .unwrap()
            .table_no
    };
    let (a, b) = (ids[0], ids[1]);
    let (ta, tb) = (at(&seats, 2, a), at(&seats, 2, b));
    assert_ne!(ta, tb);
    store
        .cafe_move_seats(ev, 2, &[(a, tb), (b, ta)])
        .await
        .unwrap();
    let after = store.cafe_seats(ev).await.unwrap();
    assert_eq!((at(&after, 2, a), at(&after, 2, b)), (tb, ta));
    assert_eq!(at(&after, 1, a), at(&seats, 1, a));
    // A move of someone not seated rolls the whole change back.
    assert!(matches!(
        store
            .cafe_move_seats(ev, 2, &[(a, ta), (stranger.id, 1)])
            .await,
        Err(StoreError::Conflict(conflict::NOT_SEATED))
    ));
    assert_eq!(store.cafe_seats(ev).await.unwrap(), after);
    // A move to a table the café does not have (two tables here) changes nothing.
    assert!(matches!(
        store.cafe_move_seats(ev, 2, &[(a, 3)]).await,
        Err(StoreError::Conflict(conflict::NO_SUCH_TABLE))
    ));
    assert_eq!(store.cafe_seats(ev).await.unwrap(), after);

    // Removing a participant removes their seats.
    store.cafe_remove_participant(ev, ids[4]).await.unwrap();
    assert_eq!(store.cafe_seats(ev).await.unwrap().len(), 10);
    assert!(matches!(
        store.cafe_remove_participant(ev, ids[4]).await,
        Err(StoreError::NotFound)
    ));

    // Same shape: the seating stays. Another number of rounds: it goes.
    store
        .put_cafe(ev, &settings(2, &["Autre ?", "Comment ?"]), utc_now())
        .await
        .unwrap();
    assert_eq!(store.cafe_seats(ev).await.unwrap().len(), 10);
    let c = store
        .put_cafe(ev, &settings(3, &["A", "B", "C"]), utc_now())
        .await
        .unwrap();
    assert!(store.cafe_seats(ev).await.unwrap().is_empty());
    assert_eq!((c.row.seed, c.row.planned_at), (None, None));
    assert_eq!(c.questions, ["A", "B", "C"]);
}

pub async fn cafe_live_rounds_and_harvest(store: &dyn Store) {
    let who = author(store).await;
    let ev = cafe_event(store, who).await;
    store
        .put_cafe(ev, &settings(3, &["A", "B", "C"]), utc_now())
        .await
        .unwrap();
    let t0 = utc_now();
    let c = store.cafe_set_live(ev, 0, 1, false, t0).await.unwrap();
    assert_eq!((c.row.current_round, c.row.round_started_at), (1, Some(t0)));
    // A second click on "start" (expecting round 0) is refused; the timer is untouched.
    assert!(matches!(
        store
            .cafe_set_live(ev, 0, 1, false, t0 + Duration::seconds(5))
            .await,
        Err(StoreError::Conflict(conflict::LIVE_MOVED))
    ));
    let t1 = t0 + Duration::minutes(20);
    let c = store.cafe_set_live(ev, 1, 2, false, t1).await.unwrap();
    assert_eq!((c.row.current_round, c.row.round_started_at), (2, Some(t1)));
    let t2 = t1 + Duration::minutes(3);
    let c = store.cafe_set_live(ev, 2, 2, true, t2).await.unwrap();
    assert_eq!(c.row.ended_at, Some(t2));
    assert_eq!(c.row.round_started_at, Some(t1));
    assert!(matches!(
        store.cafe_set_live(ev, 2, 3, false, t2).await,
        Err(StoreError::Conflict(conflict::LIVE_MOVED))
    ));
    assert!(matches!(
        store.cafe_set_live(Uuid::now_v7(), 0, 1, false, t2).await,
        Err(StoreError::NotFound)
    ));

    // Harvest: written through a link (nobody) or by a signed-in organiser, rewritten in place.
    store
        .cafe_put_harvest(ev, 2, 1, "Des jardins partagés.", None, utc_now())
        .await
        .unwrap();
    store
        .cafe_put_harvest(ev, 1, 2, "Une monnaie locale.", None, utc_now())
        .await
        .unwrap();
    let h = store
        .cafe_put_harvest(
            ev,
            1,
            2,
            "Une monnaie locale, et un marché.",
            Some(who),
            utc_now(),
        )
        .await
        .unwrap();
    assert_eq!(h.written_by, Some(who));
    // A round the café does not have (three here) or a table below 1: refused, nothing stored.
    for (round, table) in [(4, 1), (0, 1), (1, 0)] {
        assert!(matches!(
            store
                .cafe_put_harvest(ev, round, table, "Hors cadre", None, utc_now())
                .await,
            Err(StoreError::Conflict(
                conflict::NO_SUCH_ROUND | conflict::NO_SUCH_TABLE
            ))
        ));
    }
    assert!(matches!(
        store
            .cafe_put_harvest(Uuid::now_v7(), 1, 1, "x", None, utc_now())
            .await,
        Err(StoreError::NotFound)
    ));
    let all = store.cafe_harvest(ev).await.unwrap();
    assert_eq!(
        all.iter()
            .map(|h| (h.round, h.table_no, h.body.as_str()))
            .collect::<Vec<_>>(),
        [
            (1, 2, "Une monnaie locale, et un marché."),
            (2, 1, "Des jardins partagés.")
        ]
    );

    // Publication, idempotent, and withdrawal.
    let p = store.cafe_publish_synthesis(ev, true, t0).await.unwrap();
    assert_eq!(p.row.published_at, Some(t0));
    let p = store.cafe_publish_synthesis(ev, true, t2).await.unwrap();
    assert_eq!(p.row.published_at, Some(t0));
    let p = store.cafe_publish_synthesis(ev, false, t2).await.unwrap();
    assert_eq!(p.row.published_at, None);
    assert!(matches!(
        store.cafe_publish_synthesis(Uuid::now_v7(), true, t2).await,
        Err(StoreError::NotFound)
    ));

    // A person's data: their participation and the harvest they typed.
    let mut me = named(ev, "Claire");
    me.person_id = Some(who);
    store.cafe_add_participant(&me).await.unwrap();
    let (participations, harvest) = store.cafe_data_of(who).await.unwrap();
    assert_eq!(participations.len(), 1);
    assert_eq!(participations[0].1, "Café des communs");
    assert_eq!(harvest.len(), 1);
    assert_eq!(harvest[0].0.body, "Une monnaie locale, et un marché.");
    let nobody = author(store).await;
    let (p, h) = store.cafe_data_of(nobody).await.unwrap();
    assert!(p.is_empty() && h.is_empty());

    // An erased account: the participation goes, the harvest stays, unlinked.
    let typist = author(store).await;
    let mut them = named(ev, "Typhaine");
    them.person_id = Some(typist);
    store.cafe_add_participant(&them).await.unwrap();
    store
        .cafe_put_harvest(ev, 3, 1, "Une dernière idée.", Some(typist), utc_now())
        .await
        .unwrap();
    assert!(store.erase_person(typist, utc_now()).await.unwrap());
    let (p, h) = store.cafe_data_of(typist).await.unwrap();
    assert!(p.is_empty() && h.is_empty());
    assert!(!store
        .cafe_participants(ev)
        .await
        .unwrap()
        .iter()
        .any(|p| p.name == "Typhaine"));
    let kept = store.cafe_harvest(ev).await.unwrap();
    let last = kept.iter().find(|h| h.round == 3).unwrap();
    assert_eq!(
        (last.body.as_str(), last.written_by),
        ("Une dernière idée.", None)
    );
}
