//! The impact part of the store contract (see `contract`): the seeded catalogue and its
//! filters, proposals decided once, plan entries unique per initiative, and the denormalised
//! state of an entry staying right through writes, edits, supersedes and verifications.

use crate::contract_initiatives::{author, content, note};
use crate::impact::{
    conflict, shipped_indicators, IndicatorFilter, MeasurementPatch, NewIndicator, NewMeasurement,
    NewPlanEntry,
};
use crate::*;
use essaim_domain::initiative::Status;
use uuid::Uuid;

async fn initiative(store: &dyn Store, who: Uuid, status: Status) -> Uuid {
    let c = content(
        "Repair café",
        "Réparer ensemble.",
        "Brest",
        &["economie-circulaire"],
        "idee",
    );
    store
        .create_initiative(Uuid::now_v7(), &c, status, None, note(who, "création"))
        .await
        .unwrap()
        .id
}

fn entry(initiative: Uuid, indicator: Uuid, who: Uuid) -> NewPlanEntry {
    NewPlanEntry {
        id: Uuid::now_v7(),
        initiative_id: initiative,
        indicator_id: indicator,
        baseline_value: 10.0,
        baseline_on: "2024-01-01".into(),
        target_value: 110.0,
        target_on: "2026-01-01".into(),
        created_by: who,
        created_at: utc_now(),
    }
}

fn measure(entry: Uuid, who: Uuid, value: f64, on: &str, level: i32) -> NewMeasurement {
    NewMeasurement {
        id: Uuid::now_v7(),
        entry_id: entry,
        value,
        period_start: on.into(),
        period_end: on.into(),
        source: "Registre".into(),
        method: "Comptage".into(),
        evidence_level: level,
        created_by: who,
        created_at: utc_now(),
    }
}

fn proposal(who: Uuid, code: &str) -> NewIndicator {
    let mut p = shipped_indicators(utc_now()).remove(0);
    p.id = Uuid::now_v7();
    p.code = code.into();
    p.name_fr = "Arbres plantés".into();
    p.search_text = " arbres plantes trees planted ".into();
    p.status = "proposed".into();
    p.proposed_by = Some(who);
    p.challenges = vec!["transition-ecologique".into()];
    p.publics = vec!["habitants".into()];
    p
}

pub async fn impact_catalogue_is_seeded_once_and_filtered(store: &dyn Store) {
    let shipped = shipped_indicators(utc_now());
    // `migrate` seeded it; seeding again inserts nothing.
    assert_eq!(store.seed_indicators(&shipped).await.unwrap(), 0);
    let all = store
        .list_indicators(&IndicatorFilter::default())
        .await
        .unwrap();
    assert_eq!(all.len(), shipped.len());
    let meals = store
        .indicator_by_code("repas-servis")
        .await
        .unwrap()
        .unwrap();
    assert_eq!(meals.status, "published");
    assert_eq!(meals.challenges, ["alimentation", "inclusion"]);
    assert!(meals.publics.contains(&"familles".to_owned()));
    // Both languages of the calculation note, as shipped.
    let shipped_meals = shipped.iter().find(|i| i.code == "repas-servis").unwrap();
    assert!(!meals.calculation_notes_en.is_empty());
    assert_eq!(meals.calculation_notes, shipped_meals.calculation_notes);
    assert_eq!(
        meals.calculation_notes_en,
        shipped_meals.calculation_notes_en
    );
    assert_eq!(
        store.indicator(meals.id).await.unwrap(),
        Some(meals.clone())
    );
    let by = |f: IndicatorFilter| async move {
        store
            .list_indicators(&f)
            .await
            .unwrap()
            .into_iter()
            .map(|i| i.code)
            .collect::<Vec<_>>()
    };
    let words = by(IndicatorFilter {
        words: vec!["repas".into()],
        ..Default::default()
    })
    .await;
    assert_eq!(words, ["repas-servis"]);
    // Accent-folded prefixes, in either language.
    let words = by(IndicatorFilter {
        words: vec!["gaspill".into(), "food".into()],
        ..Default::default()
    })
    .await;
    assert_eq!(words, ["gaspillage-alimentaire"]);
    let food = by(IndicatorFilter {
        challenge: Some("alimentation".into()),
        unit: Some("kilograms".into()),
        ..Default::default()
    })
    .await;
    assert_eq!(food, ["gaspillage-alimentaire"]);
    let seniors = by(IndicatorFilter {
        public: Some("seniors".into()),
        ..Default::default()
    })
    .await;
    assert!(seniors.contains(&"seniors-visites".to_owned()));
    assert!(!seniors.contains(&"repas-servis".to_owned()));
    // A LIKE wildcard in a word matches nothing special.
    assert!(by(IndicatorFilter {
        words: vec!["%".into()],
        ..Default::default()
    })
    .await
    .is_empty());
}

pub async fn impact_proposals_are_unique_and_decided_once(store: &dyn Store) {
    let who = author(store).await;
    let admin = author(store).await;
    let p = store
        .create_indicator(&proposal(who, "arbres-plantes"))
        .await
        .unwrap();
    assert_eq!(p.status, "proposed");
    assert_eq!(p.proposed_by, Some(who));
    assert!(matches!(
        store
            .create_indicator(&proposal(who, "arbres-plantes"))
            .await,
        Err(StoreError::AlreadyExists)
    ));
    let mut unknown = proposal(who, "inconnu");
    unknown.challenges = vec!["nope".into()];
    assert!(matches!(
        store.create_indicator(&unknown).await,
        Err(StoreError::NotFound)
    ));
    assert!(store.indicator_by_code("inconnu").await.unwrap().is_none());
    let proposed = store
        .list_indicators(&IndicatorFilter {
            statuses: vec!["proposed".into()],
            ..Default::default()
        })
        .await
        .unwrap();
    assert_eq!(proposed.len(), 1);
    let decided = store
        .decide_indicator(p.id, "published", admin, utc_now())
        .await
        .unwrap();
    assert_eq!(decided.status, "published");
    assert_eq!(decided.decided_by, Some(admin));
    assert!(matches!(
        store
            .decide_indicator(p.id, "rejected", admin, utc_now())
            .await,
        Err(StoreError::Conflict(conflict::INDICATOR_DECIDED))
    ));
    assert!(matches!(
        store
            .decide_indicator(Uuid::now_v7(), "rejected", admin, utc_now())
            .await,
        Err(StoreError::NotFound)
    ));
}

pub async fn impact_plan_entries_are_unique_per_initiative(store: &dyn Store) {
    let who = author(store).await;
    let init = initiative(store, who, Status::Published).await;
    let meals = store
        .indicator_by_code("repas-servis")
        .await
        .unwrap()
        .unwrap();
    let e = store
        .add_plan_entry(&entry(init, meals.id, who))
        .await
        .unwrap();
    assert_eq!(e.indicator_code, "repas-servis");
    assert_eq!(e.measurement_count, 0);
    assert_eq!(e.on_track, None);
    assert!(matches!(
        store.add_plan_entry(&entry(init, meals.id, who)).await,
        Err(StoreError::AlreadyExists)
    ));
    assert!(matches!(
        store
            .add_plan_entry(&entry(Uuid::now_v7(), meals.id, who))
            .await,
        Err(StoreError::NotFound)
    ));
    assert_eq!(store.plan_entries(init).await.unwrap(), vec![e.clone()]);
    assert!(store.remove_plan_entry(e.id).await.unwrap());
    assert!(!store.remove_plan_entry(e.id).await.unwrap());
    assert!(store.plan_entries(init).await.unwrap().is_empty());
}

pub async fn impact_entry_state_follows_writes_supersedes_and_verifications(store: &dyn Store) {
    let who = author(store).await;
    let evaluator = author(store).await;
    let init = initiative(store, who, Status::Published).await;
    let meals = store
        .indicator_by_code("repas-servis")
        .await
        .unwrap()
        .unwrap();
    let e = store
        .add_plan_entry(&entry(init, meals.id, who))
        .await
        .unwrap();
    let m2024 = store
        .add_measurement(&measure(e.id, who, 30.0, "2024-12-31", 2))
        .await
        .unwrap();
    let m2025 = store
        .add_measurement(&measure(e.id, who, 40.0, "2025-01-01", 1))
        .await
        .unwrap();
    let now = store.plan_entry(e.id).await.unwrap().unwrap();
    assert_eq!(now.latest_value, Some(40.0));
    assert_eq!(now.latest_on.as_deref(), Some("2025-01-01"));
    assert_eq!(now.latest_level, Some(1));
    assert_eq!(now.measurement_count, 2);
    assert_eq!(now.verified_count, 0);
    // 30 % of the way at half the time.
    assert_eq!(now.on_track, Some(false));
    let years = store.entry_years(e.id).await.unwrap();
    assert_eq!(
        years.iter().map(|y| (y.year, y.value)).collect::<Vec<_>>(),
        [(2024, 30.0), (2025, 40.0)]
    );

    // An edit refreshes the entry.
    let patch = MeasurementPatch {
        value: 70.0,
        period_start: "2025-01-01".into(),
        period_end: "2025-01-01".into(),
        source: "Registre".into(),
        method: String::new(),
        evidence_level: 3,
    };
    store.edit_measurement(m2025.id, &patch).await.unwrap();
    let now = store.plan_entry(e.id).await.unwrap().unwrap();
    assert_eq!(now.latest_value, Some(70.0));
    assert_eq!(now.latest_level, Some(3));
    assert_eq!(now.on_track, Some(true));

    // Verification: counted, then the measurement is frozen.
    let v = store
        .verify_measurement(m2025.id, evaluator, utc_now(), "Registre contrôlé")
        .await
        .unwrap();
    assert_eq!(v.verified_by, Some(evaluator));
    assert_eq!(v.verifier_name.as_deref(), Some("Claire"));
    assert_eq!(v.verification_note.as_deref(), Some("Registre contrôlé"));
    assert_eq!(
        store
            .plan_entry(e.id)
            .await
            .unwrap()
            .unwrap()
            .verified_count,
        1
    );
    assert!(matches!(
        store.edit_measurement(m2025.id, &patch).await,
        Err(StoreError::Conflict(conflict::MEASUREMENT_VERIFIED))
    ));
    assert!(matches!(
        store
            .verify_measurement(m2025.id, evaluator, utc_now(), "")
            .await,
        Err(StoreError::Conflict(conflict::MEASUREMENT_VERIFIED))
    ));

    // Supersede the verified one: the old stays, marked; counts and latest follow the new one.
    let newer = store
        .supersede_measurement(m2025.id, &measure(e.id, who, 50.0, "2025-01-01", 2))
        .await
        .unwrap();
    let old = store.measurement(m2025.id).await.unwrap().unwrap();
    assert_eq!(old.superseded_by, Some(newer.id));
    assert!(old.verified_at.is_some());
    let now = store.plan_entry(e.id).await.unwrap().unwrap();
    assert_eq!(now.latest_value, Some(50.0));
    assert_eq!(now.latest_level, Some(2));
    assert_eq!(now.measurement_count, 2);
    assert_eq!(now.verified_count, 0);
    assert_eq!(now.on_track, Some(false));
    assert_eq!(store.measurements(e.id).await.unwrap().len(), 3);
    let years = store.entry_years(e.id).await.unwrap();
    assert_eq!(years[1].value, 50.0);
    assert_eq!(years[1].on_track, Some(false));
    assert!(matches!(
        store
            .supersede_measurement(m2025.id, &measure(e.id, who, 60.0, "2025-01-01", 2))
            .await,
        Err(StoreError::Conflict(conflict::MEASUREMENT_SUPERSEDED))
    ));
    assert!(matches!(
        store.edit_measurement(m2025.id, &patch).await,
        Err(StoreError::Conflict(conflict::MEASUREMENT_SUPERSEDED))
    ));
    assert!(matches!(
        store
            .verify_measurement(m2024.id, evaluator, utc_now(), "")
            .await
            .map(|m| m.verified_by),
        Ok(Some(_))
    ));
    // An entry with a verified measurement stays in the plan.
    assert!(matches!(
        store.remove_plan_entry(e.id).await,
        Err(StoreError::Conflict(conflict::ENTRY_HAS_VERIFIED))
    ));
    assert!(matches!(
        store
            .add_measurement(&measure(Uuid::now_v7(), who, 1.0, "2025-01-01", 1))
            .await,
        Err(StoreError::NotFound)
    ));
}

pub async fn concurrent_measurements_all_count_in_the_entry_state(store: &dyn Store) {
    let who = author(store).await;
    let init = initiative(store, who, Status::Published).await;
    let meals = store
        .indicator_by_code("repas-servis")
        .await
        .unwrap()
        .unwrap();
    let e = store
        .add_plan_entry(&entry(init, meals.id, who))
        .await
        .unwrap();
    // Several rounds of parallel writes: each refresh must see the others' committed rows.
    for round in 0..4 {
        let days = [
            "2024-03-01",
            "2024-06-01",
            "2024-09-01",
            "2025-03-01",
            "2025-06-01",
        ];
        let ms: Vec<NewMeasurement> = days
            .iter()
            .map(|d| measure(e.id, who, 20.0 + f64::from(round), d, 1))
            .collect();
        let (a, b, c, d, f) = tokio::join!(
            store.add_measurement(&ms[0]),
            store.add_measurement(&ms[1]),
            store.add_measurement(&ms[2]),
            store.add_measurement(&ms[3]),
            store.add_measurement(&ms[4]),
        );
        for r in [a, b, c, d, f] {
            r.unwrap();
        }
        let now = store.plan_entry(e.id).await.unwrap().unwrap();
        assert_eq!(now.measurement_count, 5 * (round + 1), "round {round}");
        assert_eq!(now.latest_on.as_deref(), Some("2025-06-01"));
    }
}

pub async fn impact_open_data_holds_published_initiatives_only(store: &dyn Store) {
    let who = author(store).await;
    let public = initiative(store, who, Status::Published).await;
    let draft = initiative(store, who, Status::Draft).await;
    let meals = store
        .indicator_by_code("repas-servis")
        .await
        .unwrap()
        .unwrap();
    let pe = store
        .add_plan_entry(&entry(public, meals.id, who))
        .await
        .unwrap();
    let de = store
        .add_plan_entry(&entry(draft, meals.id, who))
        .await
        .unwrap();
    let shown = store
        .add_measurement(&measure(pe.id, who, 20.0, "2024-06-01", 2))
        .await
        .unwrap();
    store
        .add_measurement(&measure(de.id, who, 20.0, "2024-06-01", 2))
        .await
        .unwrap();
    let page = Page {
        limit: 100,
        offset: 0,
    };
    let open = store.open_measurements(page).await.unwrap();
    assert_eq!(open.len(), 1);
    assert_eq!(open[0].id, shown.id);
    assert_eq!(open[0].initiative_id, public);
    assert_eq!(open[0].indicator_code, "repas-servis");
}

/// A person's data export holds what they wrote in the impact contexts, and nobody else's:
/// their proposals, plan entries and measurements, the verifications they made with their
/// note, their self-assessments and the contracts they proposed or signed.
pub async fn impact_data_of_lists_what_a_person_wrote(store: &dyn Store) {
    let who = author(store).await;
    let other = author(store).await;
    let bystander = author(store).await;
    let i = initiative(store, who, Status::Published).await;
    let proposed = store
        .create_indicator(&proposal(who, "arbres-plantes-export"))
        .await
        .unwrap();
    let meals = store
        .indicator_by_code("repas-servis")
        .await
        .unwrap()
        .unwrap();
    let e = store
        .add_plan_entry(&entry(i, meals.id, who))
        .await
        .unwrap();
    let first = store
        .add_measurement(&measure(e.id, who, 20.0, "2024-06-01", 2))
        .await
        .unwrap();
    let second = store
        .add_measurement(&measure(e.id, who, 30.0, "2024-12-01", 3))
        .await
        .unwrap();
    store
        .verify_measurement(first.id, other, utc_now(), "Registre contrôlé.")
        .await
        .unwrap();
    let answers = vec![essaim_domain::assessment::Answer {
        question: essaim_domain::assessment::QUESTIONS[0].id.into(),
        score: 3,
        comment: "Des progrès.".into(),
    }];
    let assessment = store
        .create_assessment(&crate::assessment::NewAssessment {
            id: Uuid::now_v7(),
            initiative_id: i,
            author_id: other,
            answers,
            created_at: utc_now(),
        })
        .await
        .unwrap();
    let funder = crate::contract_initiatives::structure(store, who, "Fondation").await;
    let contract = store
        .create_contract(&crate::outcomes::NewContract {
            id: Uuid::now_v7(),
            initiative_id: i,
            funder_structure_id: funder.id,
            proposed_by: who,
            title: "Contrat repas".into(),
            terms: String::new(),
            starts_on: "2024-01-01".into(),
            outcomes: vec![crate::outcomes::NewOutcome {
                entry_id: e.id,
                threshold: 25.0,
                due_on: "2025-01-01".into(),
                payment_cents: 100,
            }],
            created_at: utc_now(),
        })
        .await
        .unwrap();
    assert!(store
        .move_contract(contract.id, "proposed", "active", other, utc_now())
        .await
        .unwrap());

    let mine = store.impact_data_of(who).await.unwrap();
    assert_eq!(
        mine.indicators.iter().map(|i| i.id).collect::<Vec<_>>(),
        [proposed.id]
    );
    assert_eq!(
        mine.plan_entries.iter().map(|e| e.id).collect::<Vec<_>>(),
        [e.id]
    );
    assert_eq!(
        mine.measurements.iter().map(|m| m.id).collect::<Vec<_>>(),
        [first.id, second.id]
    );
    assert!(mine.verifications.is_empty() && mine.assessments.is_empty());
    assert_eq!(
        mine.contracts.iter().map(|c| c.id).collect::<Vec<_>>(),
        [contract.id]
    );

    let theirs = store.impact_data_of(other).await.unwrap();
    assert!(theirs.indicators.is_empty() && theirs.plan_entries.is_empty());
    assert!(theirs.measurements.is_empty());
    assert_eq!(
        theirs
            .verifications
            .iter()
            .map(|m| (m.id, m.verification_note.as_deref()))
            .collect::<Vec<_>>(),
        [(first.id, Some("Registre contrôlé."))]
    );
    assert_eq!(
        theirs.assessments.iter().map(|a| a.id).collect::<Vec<_>>(),
        [assessment.id]
    );
    assert_eq!(theirs.contracts.len(), 1);
    assert_eq!(theirs.contracts[0].signed_by, Some(other));
    // The export reads the same through the contributions.
    assert_eq!(store.contributions_of(other).await.unwrap().impact, theirs);

    assert_eq!(
        store.impact_data_of(bystander).await.unwrap(),
        crate::impact::ImpactData::default()
    );
}
