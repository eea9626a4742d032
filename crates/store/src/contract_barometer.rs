//! The barometer part of the store contract (see `contract`): empty scopes give zeros, only
//! published initiatives count, figures follow a new measurement at once, scopes by
//! département, région and challenge, the map per département; the rollups follow an initiative
//! that moves, changes stage or challenge, or is archived, and parallel reads count once.

use crate::barometer::Scope;
use crate::contract_initiatives::{author, content, note};
use crate::impact::{NewMeasurement, NewPlanEntry};
use crate::*;
use essaim_domain::initiative::Status;
use uuid::Uuid;

pub async fn barometer_counts_published_initiatives_and_follows_measurements(store: &dyn Store) {
    let who = author(store).await;
    let nowhere = Scope {
        departement: Some("2A".into()),
        ..Scope::default()
    };
    let empty = store.barometer(&nowhere).await.unwrap();
    assert_eq!(empty.initiatives, 0);
    assert_eq!(empty.entries.entries, 0);
    assert_eq!(empty.entries.people, 0.0);
    assert_eq!(empty.levels, [0; 5]);
    assert!(empty.years.is_empty());
    assert!(store
        .barometer_map(Some("citoyennete"))
        .await
        .unwrap()
        .is_empty());

    let make = |title: &str, territory: &str, status: Status| {
        let c = content(
            title,
            "Résumé.",
            territory,
            &["alimentation"],
            "experimentation",
        );
        async move {
            store
                .create_initiative(Uuid::now_v7(), &c, status, None, note(who, "création"))
                .await
                .unwrap()
                .id
        }
    };
    let brest = make("Épicerie de Brest", "Brest", Status::Published).await;
    make("Brouillon de Quimper", "Quimper", Status::Draft).await;
    let scope = Scope {
        departement: Some("29".into()),
        ..Scope::default()
    };
    let f = store.barometer(&scope).await.unwrap();
    assert_eq!(f.initiatives, 1);
    assert_eq!(f.by_stage, vec![("experimentation".to_owned(), 1)]);
    let people = store
        .list_indicators(&Default::default())
        .await
        .unwrap()
        .into_iter()
        .find(|i| i.counts_people)
        .expect("an indicator that counts people");
    let entry = store
        .add_plan_entry(&NewPlanEntry {
            id: Uuid::now_v7(),
            initiative_id: brest,
            indicator_id: people.id,
            baseline_value: 0.0,
            baseline_on: "2025-01-01".into(),
            target_value: 100.0,
            target_on: "2027-01-01".into(),
            created_by: who,
            created_at: utc_now(),
        })
        .await
        .unwrap();
    let f = store.barometer(&scope).await.unwrap();
    assert_eq!((f.entries.entries, f.entries.measured), (1, 0));
    store
        .add_measurement(&NewMeasurement {
            id: Uuid::now_v7(),
            entry_id: entry.id,
            value: 80.0,
            period_start: "2026-01-01".into(),
            period_end: "2026-06-30".into(),
            source: "Registre".into(),
            method: String::new(),
            evidence_level: 3,
            created_by: who,
            created_at: utc_now(),
        })
        .await
        .unwrap();
    // At once: no cache between a measurement and the barometer.
    let f = store.barometer(&scope).await.unwrap();
    assert_eq!(f.entries.measured, 1);
    assert_eq!(f.entries.people, 80.0);
    assert_eq!(f.levels, [0, 0, 1, 0, 0]);
    assert_eq!(f.years.len(), 1);
    assert_eq!((f.years[0].year, f.years[0].people), (2026, 80.0));
    // By région and challenge too; another challenge has nothing.
    let bretagne = Scope {
        region: Some("53".into()),
        challenge: Some("alimentation".into()),
        ..Scope::default()
    };
    assert_eq!(
        store.barometer(&bretagne).await.unwrap().entries.people,
        80.0
    );
    let other = Scope {
        challenge: Some("citoyennete".into()),
        ..Scope::default()
    };
    assert_eq!(store.barometer(&other).await.unwrap().initiatives, 0);
    let map = store.barometer_map(None).await.unwrap();
    let d29 = map.iter().find(|d| d.code == "29").expect("the Finistère");
    assert_eq!((d29.initiatives, d29.measured), (1, 1));
    assert_eq!(d29.people, 80.0);

    // A value typed with too many zeros counts ten billion people at most: sums stay within
    // BIGINT and the barometer keeps working.
    store
        .add_measurement(&NewMeasurement {
            id: Uuid::now_v7(),
            entry_id: entry.id,
            value: 1e15,
            period_start: "2026-07-01".into(),
            period_end: "2026-09-30".into(),
            source: "Registre".into(),
            method: String::new(),
            evidence_level: 1,
            created_by: who,
            created_at: utc_now(),
        })
        .await
        .unwrap();
    let f = store.barometer(&scope).await.unwrap();
    assert_eq!(f.entries.people, 1e10);
    assert_eq!(f.years[0].people, 1e10);
}

pub async fn barometer_follows_initiatives_that_change(store: &dyn Store) {
    let who = author(store).await;
    let at = |d: &str| Scope {
        departement: Some(d.into()),
        ..Scope::default()
    };
    let france = Scope::default();
    let before = store.barometer(&france).await.unwrap().initiatives;
    let c = content(
        "Atelier vélo",
        "Résumé.",
        "Brest",
        &["sante"],
        "experimentation",
    );
    let id = store
        .create_initiative(
            Uuid::now_v7(),
            &c,
            Status::Published,
            None,
            note(who, "création"),
        )
        .await
        .unwrap()
        .id;
    // Parallel first reads: each may find the initiative marked, it counts once.
    let (a, b, c, d) = tokio::join!(
        store.barometer(&france),
        store.barometer(&france),
        store.barometer(&france),
        store.barometer(&france)
    );
    for r in [a, b, c, d] {
        assert_eq!(r.unwrap().initiatives, before + 1);
    }
    assert_eq!(store.barometer(&at("29")).await.unwrap().initiatives, 1);

    // Moved to Rennes, another challenge, another stage.
    let moved = content(
        "Atelier vélo",
        "Résumé.",
        "Rennes",
        &["alimentation"],
        "essaimage",
    );
    store
        .update_initiative(id, &moved, note(who, "déménagement"))
        .await
        .unwrap();
    assert_eq!(store.barometer(&at("29")).await.unwrap().initiatives, 0);
    let rennes = store.barometer(&at("35")).await.unwrap();
    assert_eq!(rennes.initiatives, 1);
    assert_eq!(rennes.by_stage, vec![("essaimage".to_owned(), 1)]);
    let health = Scope {
        challenge: Some("sante".into()),
        ..Scope::default()
    };
    assert_eq!(store.barometer(&health).await.unwrap().initiatives, 0);
    let map = store.barometer_map(Some("alimentation")).await.unwrap();
    assert!(map.iter().any(|d| d.code == "35" && d.initiatives == 1));
    assert!(!map.iter().any(|d| d.code == "29"));
    assert_eq!(
        store.barometer(&france).await.unwrap().initiatives,
        before + 1
    );

    // Archived: it counts nowhere any more, and the empty cells show no stage.
    store
        .set_initiative_status(id, Status::Archived, utc_now())
        .await
        .unwrap();
    let rennes = store.barometer(&at("35")).await.unwrap();
    assert_eq!(rennes.initiatives, 0);
    assert!(rennes.by_stage.is_empty());
    assert_eq!(store.barometer(&france).await.unwrap().initiatives, before);
    assert!(!store
        .barometer_map(Some("alimentation"))
        .await
        .unwrap()
        .iter()
        .any(|d| d.code == "35"));
}
