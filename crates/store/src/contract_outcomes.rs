//! The impact contracts part of the store contract (see `contract`): a contract and its
//! outcomes written together, unknown references refused, lists, and the status moved only
//! from the status the caller saw.

use crate::contract_initiatives::{author, content, note, structure};
use crate::impact::NewPlanEntry;
use crate::outcomes::{NewContract, NewOutcome};
use crate::*;
use essaim_domain::initiative::Status;
use uuid::Uuid;

pub async fn contracts_keep_outcomes_and_move_once(store: &dyn Store) {
    let who = author(store).await;
    let funder = structure(store, who, "Fondation").await;
    let c = content(
        "Épicerie",
        "Une épicerie.",
        "Brest",
        &["alimentation"],
        "idee",
    );
    let init = store
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
    let meals = store
        .indicator_by_code("repas-servis")
        .await
        .unwrap()
        .unwrap();
    let entry = store
        .add_plan_entry(&NewPlanEntry {
            id: Uuid::now_v7(),
            initiative_id: init,
            indicator_id: meals.id,
            baseline_value: 0.0,
            baseline_on: "2026-01-01".into(),
            target_value: 1000.0,
            target_on: "2027-01-01".into(),
            created_by: who,
            created_at: utc_now(),
        })
        .await
        .unwrap();
    let new = |entry_id: Uuid| NewContract {
        id: Uuid::now_v7(),
        initiative_id: init,
        funder_structure_id: funder.id,
        proposed_by: who,
        title: "Contrat repas".into(),
        terms: "Paiement à l’atteinte.".into(),
        starts_on: "2026-01-01".into(),
        outcomes: vec![
            NewOutcome {
                entry_id,
                threshold: 500.0,
                due_on: "2026-12-31".into(),
                payment_cents: 1_000_000,
            },
            NewOutcome {
                entry_id,
                threshold: 900.5,
                due_on: "2027-06-30".into(),
                payment_cents: 2_000_000,
            },
        ],
        created_at: utc_now(),
    };
    let k = store.create_contract(&new(entry.id)).await.unwrap();
    assert_eq!(k.status, "proposed");
    assert_eq!(k.funder_name, "Fondation");
    let outcomes = store.contract_outcomes(k.id).await.unwrap();
    assert_eq!(outcomes.len(), 2);
    assert_eq!(outcomes[0].indicator_code, "repas-servis");
    assert_eq!(outcomes[1].threshold, 900.5);
    assert_eq!(outcomes[1].payment_cents, 2_000_000);
    assert_eq!(outcomes[0].direction, meals.direction);

    // An unknown plan entry leaves nothing behind.
    let bad = new(Uuid::now_v7());
    assert!(matches!(
        store.create_contract(&bad).await,
        Err(StoreError::NotFound)
    ));
    assert!(store.contract(bad.id).await.unwrap().is_none());
    assert_eq!(store.contracts_of_initiative(init).await.unwrap().len(), 1);
    assert!(store
        .list_contracts()
        .await
        .unwrap()
        .iter()
        .any(|c| c.id == k.id));

    let at = utc_now();
    assert!(store
        .move_contract(k.id, "proposed", "active", who, at)
        .await
        .unwrap());
    // A second signature from the same starting point does nothing.
    assert!(!store
        .move_contract(k.id, "proposed", "active", who, at)
        .await
        .unwrap());
    let k2 = store.contract(k.id).await.unwrap().unwrap();
    assert_eq!(
        (k2.status.as_str(), k2.signed_by, k2.signed_at),
        ("active", Some(who), Some(at))
    );
    assert!(store
        .move_contract(k.id, "active", "ended", who, at)
        .await
        .unwrap());
    let k3 = store.contract(k.id).await.unwrap().unwrap();
    assert_eq!((k3.status.as_str(), k3.ended_by), ("ended", Some(who)));
}
