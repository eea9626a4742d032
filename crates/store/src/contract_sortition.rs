//! The sortition part of the store contract (see `contract`): panels, their pool of volunteers,
//! the stored selection, draws, the erasure of the pool and of a person's registrations.

use crate::contract_initiatives::{author, structure};
use crate::sortition::{
    conflict, NewDraw, NewPanel, NewVolunteer, Panel, PanelFields, Volunteer, DECLINED, IMPORT,
    POOL, REGISTRATION, SELECTED,
};
use crate::*;
use chrono::{DateTime, Duration, Utc};
use serde_json::json;
use uuid::Uuid;

fn fields(title: &str) -> PanelFields {
    PanelFields {
        title: title.into(),
        purpose: "Une *convention* citoyenne.".into(),
        panel_size: 3,
        one_per_household: true,
        categories: json!([
            {"name": "genre", "features": [
                {"name": "femme", "min": 1, "max": 2},
                {"name": "homme", "min": 1, "max": 2}
            ]},
            {"name": "âge", "features": [{"name": "18-34", "min": 0, "max": 3}]}
        ]),
        registration_closes_at: None,
        erase_after_days: 30,
    }
}

async fn panel(store: &dyn Store, who: Uuid, title: &str) -> Panel {
    let organiser = structure(store, who, &format!("Organisateurs de {title}")).await;
    store
        .create_panel(&NewPanel {
            structure_id: organiser.id,
            created_by: who,
            fields: fields(title),
            created_at: utc_now(),
        })
        .await
        .unwrap()
}

fn registration(person_id: Uuid, name: &str, email: &str) -> NewVolunteer {
    NewVolunteer {
        person_id: Some(person_id),
        name: name.into(),
        email: email.into(),
        household: String::new(),
        features: json!({"genre": "femme", "âge": "18-34"}),
        source: REGISTRATION.into(),
        created_at: utc_now(),
    }
}

fn respondent(name: &str, email: &str, household: &str) -> NewVolunteer {
    NewVolunteer {
        person_id: None,
        name: name.into(),
        email: email.into(),
        household: household.into(),
        features: json!({"genre": "homme", "âge": "18-34"}),
        source: IMPORT.into(),
        created_at: utc_now(),
    }
}

async fn respondents(store: &dyn Store, panel_id: Uuid, names: &[&str]) {
    let rows: Vec<NewVolunteer> = names
        .iter()
        .map(|n| respondent(n, &format!("{}@exemple.fr", n.to_lowercase()), ""))
        .collect();
    let imported = store.import_volunteers(panel_id, &rows).await.unwrap();
    assert_eq!(imported, names.len() as u64);
}

fn numbers(volunteers: &[Volunteer]) -> Vec<i32> {
    volunteers.iter().map(|v| v.number).collect()
}

fn statuses(volunteers: &[Volunteer]) -> Vec<(i32, &str)> {
    volunteers
        .iter()
        .map(|v| (v.number, v.status.as_str()))
        .collect()
}

fn draw(panel_id: Uuid, who: Uuid, round: i32, selected: &[i32], declined: &[i32]) -> NewDraw {
    NewDraw {
        panel_id,
        round,
        seed: format!("graine {round}"),
        fingerprint: format!("empreinte {round}"),
        inputs: json!({"round": round, "pool": [1, 2, 3, 4, 5], "probabilities": [0.6, 0.6, 0.6, 0.6, 0.6]}),
        selected: selected.to_vec(),
        declined: declined.to_vec(),
        created_by: who,
        created_at: utc_now(),
    }
}

async fn get(store: &dyn Store, id: Uuid) -> Panel {
    store.get_panel(id).await.unwrap().unwrap()
}

fn is_conflict(err: &StoreError, code: &str) -> bool {
    matches!(err, StoreError::Conflict(c) if *c == code)
}

pub async fn sortition_panels_are_created_updated_and_listed(store: &dyn Store) {
    let who = author(store).await;
    let first = panel(store, who, "Convention du climat").await;
    assert_eq!(first.title, "Convention du climat");
    assert_eq!(first.purpose, "Une *convention* citoyenne.");
    assert_eq!((first.panel_size, first.one_per_household), (3, true));
    assert_eq!(first.categories, fields("x").categories);
    assert_eq!(first.created_by, who);
    assert_eq!(first.erase_after_days, 30);
    assert_eq!(first.selection, None);
    assert_eq!(
        (
            first.formed_at,
            first.pool_erased_at,
            first.erasure_due_at()
        ),
        (None, None, None)
    );
    assert_eq!(first.created_at, first.updated_at);
    assert_eq!(get(store, first.id).await, first);
    assert_eq!(store.get_panel(Uuid::now_v7()).await.unwrap(), None);

    // A missing structure or person is NotFound, not a database failure.
    let err = store
        .create_panel(&NewPanel {
            structure_id: Uuid::now_v7(),
            created_by: who,
            fields: fields("Nulle part"),
            created_at: utc_now(),
        })
        .await
        .unwrap_err();
    assert!(matches!(err, StoreError::NotFound), "{err:?}");

    // Editing replaces the settings and clears the selection.
    store
        .save_selection(
            first.id,
            &json!({"p": [0.5]}),
            first.pool_generation,
            utc_now(),
        )
        .await
        .unwrap();
    let closes = utc_now() + Duration::days(10);
    let later = utc_now() + Duration::seconds(1);
    let mut changed = fields("Convention du climat, saison 2");
    changed.panel_size = 5;
    changed.one_per_household = false;
    changed.categories = json!([{"name": "commune", "features": []}]);
    changed.registration_closes_at = Some(closes);
    changed.erase_after_days = 90;
    let updated = store.update_panel(first.id, &changed, later).await.unwrap();
    assert_eq!(updated.title, "Convention du climat, saison 2");
    assert_eq!((updated.panel_size, updated.one_per_household), (5, false));
    assert_eq!(updated.categories, changed.categories);
    assert_eq!(updated.registration_closes_at, Some(closes));
    assert_eq!(updated.erase_after_days, 90);
    assert_eq!((&updated.selection, updated.selection_at), (&None, None));
    assert_eq!(
        (updated.created_at, updated.updated_at),
        (first.created_at, later)
    );
    assert_eq!(get(store, first.id).await, updated);
    let err = store
        .update_panel(Uuid::now_v7(), &changed, later)
        .await
        .unwrap_err();
    assert!(matches!(err, StoreError::NotFound), "{err:?}");

    // Lists: newest first, with their counts.
    let second = panel(store, who, "Budget participatif").await;
    respondents(store, second.id, &["Anne", "Bruno", "Chloé"]).await;
    store
        .record_draw(&draw(second.id, who, 0, &[2], &[]))
        .await
        .unwrap();
    let listed = store.list_panels(Page::first(10)).await.unwrap();
    assert_eq!(
        listed
            .iter()
            .map(|p| (p.id, p.title.as_str(), p.volunteers, p.selected))
            .collect::<Vec<_>>(),
        [
            (second.id, "Budget participatif", 3, 1),
            (first.id, "Convention du climat, saison 2", 0, 0)
        ]
    );
    assert_eq!(listed[0].structure_id, second.structure_id);
    assert!(listed[0].formed_at.is_some() && listed[1].formed_at.is_none());
    assert_eq!(listed[1].registration_closes_at, Some(closes));
    let page = store
        .list_panels(Page {
            limit: 1,
            offset: 1,
        })
        .await
        .unwrap();
    assert_eq!(page.len(), 1);
    assert_eq!(page[0].id, first.id);
    assert_eq!(store.count_panels().await.unwrap(), 2);
    assert_eq!(store.count_volunteers(second.id).await.unwrap(), 3);
    assert_eq!(store.count_volunteers(first.id).await.unwrap(), 0);
}

pub async fn volunteers_are_numbered_in_order_and_never_twice(store: &dyn Store) {
    let who = author(store).await;
    let claire = author(store).await;
    let p = panel(store, who, "Convention du climat").await;

    let mine = store
        .add_volunteer(p.id, &registration(claire, "Claire", "claire@exemple.fr"))
        .await
        .unwrap();
    assert_eq!((mine.number, mine.panel_id), (1, p.id));
    assert_eq!(
        (mine.status.as_str(), mine.source.as_str()),
        (POOL, REGISTRATION)
    );
    assert_eq!(mine.person_id, Some(claire));
    assert_eq!(mine.features, json!({"genre": "femme", "âge": "18-34"}));
    assert_eq!(
        store
            .volunteer_for_person(p.id, claire)
            .await
            .unwrap()
            .as_ref(),
        Some(&mine)
    );
    assert_eq!(store.volunteer_for_person(p.id, who).await.unwrap(), None);

    // An import continues the numbering, in the order given.
    respondents(store, p.id, &["Anne", "Bruno"]).await;
    let listed = store.list_volunteers(p.id).await.unwrap();
    assert_eq!(numbers(&listed), [1, 2, 3]);
    assert_eq!(listed[0], mine);
    assert_eq!(
        (listed[1].name.as_str(), listed[2].name.as_str()),
        ("Anne", "Bruno")
    );
    assert_eq!(
        (listed[1].source.as_str(), listed[1].person_id),
        (IMPORT, None)
    );
    let next = store
        .add_volunteer(p.id, &respondent("Denis", "", "12 rue des lilas"))
        .await
        .unwrap();
    assert_eq!(next.number, 4);
    assert_eq!(next.household, "12 rue des lilas");

    // A removed number is not given again.
    store.remove_volunteer(p.id, next.id).await.unwrap();
    let after = store
        .add_volunteer(p.id, &respondent("Émile", "", ""))
        .await
        .unwrap();
    assert_eq!(after.number, 5);
    assert_eq!(
        numbers(&store.list_volunteers(p.id).await.unwrap()),
        [1, 2, 3, 5]
    );

    // Concurrent registrations get distinct numbers.
    let (fanny, gael) = (respondent("Fanny", "", ""), respondent("Gaël", "", ""));
    let (x, y) = tokio::join!(
        store.add_volunteer(p.id, &fanny),
        store.add_volunteer(p.id, &gael)
    );
    let mut concurrent = [x.unwrap().number, y.unwrap().number];
    concurrent.sort();
    assert_eq!(concurrent, [6, 7]);

    // Another panel numbers from 1; a missing panel or person is NotFound.
    let other = panel(store, who, "Budget participatif").await;
    let theirs = store
        .add_volunteer(
            other.id,
            &registration(claire, "Claire", "claire@exemple.fr"),
        )
        .await
        .unwrap();
    assert_eq!(theirs.number, 1);
    let err = store
        .add_volunteer(Uuid::now_v7(), &respondent("Henri", "", ""))
        .await
        .unwrap_err();
    assert!(matches!(err, StoreError::NotFound), "{err:?}");
    let err = store
        .add_volunteer(
            other.id,
            &registration(Uuid::now_v7(), "Personne", "personne@exemple.fr"),
        )
        .await
        .unwrap_err();
    assert!(matches!(err, StoreError::NotFound), "{err:?}");
    let err = store
        .import_volunteers(Uuid::now_v7(), &[respondent("Henri", "", "")])
        .await
        .unwrap_err();
    assert!(matches!(err, StoreError::NotFound), "{err:?}");
    assert_eq!(
        store.import_volunteers(other.id, &[]).await.unwrap(),
        0,
        "an empty import changes nothing"
    );
    assert_eq!(store.count_volunteers(other.id).await.unwrap(), 1);

    // Only volunteers still in the pool can be removed, and only from their panel.
    let err = store
        .remove_volunteer(other.id, after.id)
        .await
        .unwrap_err();
    assert!(matches!(err, StoreError::NotFound), "{err:?}");
    store
        .record_draw(&draw(p.id, who, 0, &[1], &[]))
        .await
        .unwrap();
    let before = get(store, p.id).await;
    let err = store.remove_volunteer(p.id, mine.id).await.unwrap_err();
    assert!(is_conflict(&err, conflict::NOT_IN_POOL), "{err:?}");
    assert_eq!(get(store, p.id).await, before);
    assert_eq!(store.count_volunteers(p.id).await.unwrap(), 6);
}

pub async fn a_person_or_an_email_registers_once_per_panel(store: &dyn Store) {
    let who = author(store).await;
    let claire = author(store).await;
    let p = panel(store, who, "Convention du climat").await;
    let mine = store
        .add_volunteer(p.id, &registration(claire, "Claire", "Claire@Exemple.fr"))
        .await
        .unwrap();
    // A selection is stored: a refused registration must leave it, and everything else, as is.
    let generation = get(store, p.id).await.pool_generation;
    store
        .save_selection(p.id, &json!({"p": [1.0]}), generation, utc_now())
        .await
        .unwrap();
    let before = get(store, p.id).await;
    assert!(before.selection.is_some());

    let refused = [
        registration(claire, "Claire encore", "autre@exemple.fr"),
        registration(who, "Quelqu'un", "claire@exemple.FR"),
        respondent("Importée", "CLAIRE@exemple.fr", ""),
    ];
    for volunteer in &refused {
        let err = store.add_volunteer(p.id, volunteer).await.unwrap_err();
        assert!(matches!(err, StoreError::AlreadyExists), "{err:?}");
    }
    assert_eq!(get(store, p.id).await, before);
    assert_eq!(store.list_volunteers(p.id).await.unwrap(), [mine]);

    // Empty e-mails are not compared; the next number follows the last one given.
    let a = store
        .add_volunteer(p.id, &respondent("Sans courriel", "", ""))
        .await
        .unwrap();
    let b = store
        .add_volunteer(p.id, &respondent("Sans courriel non plus", "", ""))
        .await
        .unwrap();
    assert_eq!((a.number, b.number), (2, 3));
    // Another panel takes the same person and e-mail.
    let other = panel(store, who, "Budget participatif").await;
    store
        .add_volunteer(
            other.id,
            &registration(claire, "Claire", "claire@exemple.fr"),
        )
        .await
        .unwrap();
}

pub async fn imports_are_all_or_nothing(store: &dyn Store) {
    let who = author(store).await;
    let p = panel(store, who, "Convention du climat").await;
    respondents(store, p.id, &["Anne"]).await;
    let generation = get(store, p.id).await.pool_generation;
    store
        .save_selection(p.id, &json!({"p": [1.0]}), generation, utc_now())
        .await
        .unwrap();
    let before = get(store, p.id).await;
    let existing = store.list_volunteers(p.id).await.unwrap();

    // One row repeats an e-mail already in the pool, another one repeats a row of the import.
    for rows in [
        vec![
            respondent("Bruno", "bruno@exemple.fr", ""),
            respondent("Anne bis", "ANNE@exemple.fr", ""),
        ],
        vec![
            respondent("Chloé", "chloe@exemple.fr", ""),
            respondent("Chloé", "Chloe@exemple.fr", ""),
        ],
    ] {
        let err = store.import_volunteers(p.id, &rows).await.unwrap_err();
        assert!(matches!(err, StoreError::AlreadyExists), "{err:?}");
        assert_eq!(store.list_volunteers(p.id).await.unwrap(), existing);
        assert_eq!(get(store, p.id).await, before);
    }

    // Numbers taken by a refused import are not skipped.
    store
        .import_volunteers(
            p.id,
            &[
                respondent("Bruno", "bruno@exemple.fr", "1 place de la mairie"),
                respondent("Chloé", "", "1 place de la mairie"),
            ],
        )
        .await
        .unwrap();
    let listed = store.list_volunteers(p.id).await.unwrap();
    assert_eq!(numbers(&listed), [1, 2, 3]);
    assert_eq!(listed[2].household, "1 place de la mairie");
    assert_eq!(
        listed[2].features,
        json!({"genre": "homme", "âge": "18-34"})
    );

    // A large import is numbered 1..n through every chunk the backend sends.
    let big = panel(store, who, "Grande convention").await;
    let rows: Vec<NewVolunteer> = (0..4000)
        .map(|i| respondent(&format!("R{i}"), &format!("r{i}@exemple.fr"), ""))
        .collect();
    assert_eq!(store.import_volunteers(big.id, &rows).await.unwrap(), 4000);
    let listed = store.list_volunteers(big.id).await.unwrap();
    assert_eq!(numbers(&listed), (1..=4000).collect::<Vec<_>>());
    assert_eq!(listed[3999].name, "R3999");
}

pub async fn selection_is_cleared_when_the_pool_changes(store: &dyn Store) {
    let who = author(store).await;
    let claire = author(store).await;
    let p = panel(store, who, "Convention du climat").await;
    respondents(store, p.id, &["Anne", "Bruno", "Chloé"]).await;
    let selection = json!({"algorithm": "leximin", "probabilities": [0.5, 0.25, 0.25]});
    let at = utc_now();
    let g = get(store, p.id).await.pool_generation;
    store.save_selection(p.id, &selection, g, at).await.unwrap();
    let saved = get(store, p.id).await;
    assert_eq!(
        (saved.selection.as_ref(), saved.selection_at),
        (Some(&selection), Some(at))
    );
    assert_eq!(
        saved.pool_generation, g,
        "saving is not a change of the pool"
    );

    // Every change of the pool clears it and moves the generation on, and a selection computed
    // from the pool before the change is then refused.
    for change in ["registration", "import", "removal"] {
        let g = get(store, p.id).await.pool_generation;
        store.save_selection(p.id, &selection, g, at).await.unwrap();
        assert!(get(store, p.id).await.selection.is_some());
        match change {
            "registration" => {
                store
                    .add_volunteer(p.id, &registration(claire, "Claire", ""))
                    .await
                    .unwrap();
            }
            "import" => {
                store
                    .import_volunteers(p.id, &[respondent("Denis", "", "")])
                    .await
                    .unwrap();
            }
            _ => {
                let first = store.list_volunteers(p.id).await.unwrap().remove(0);
                store.remove_volunteer(p.id, first.id).await.unwrap();
            }
        }
        let changed = get(store, p.id).await;
        assert_eq!(
            (changed.selection, changed.selection_at),
            (None, None),
            "{change}"
        );
        assert!(changed.pool_generation > g, "{change}");
        let err = store
            .save_selection(p.id, &selection, g, at)
            .await
            .unwrap_err();
        assert!(
            is_conflict(&err, conflict::POOL_CHANGED),
            "{change}: {err:?}"
        );
        assert_eq!(get(store, p.id).await.selection, None);
    }
    let err = store
        .save_selection(Uuid::now_v7(), &selection, 0, at)
        .await
        .unwrap_err();
    assert!(matches!(err, StoreError::NotFound), "{err:?}");

    // A refused change leaves the selection and the generation as they were.
    let g = get(store, p.id).await.pool_generation;
    store.save_selection(p.id, &selection, g, at).await.unwrap();
    let err = store
        .remove_volunteer(p.id, Uuid::now_v7())
        .await
        .unwrap_err();
    assert!(matches!(err, StoreError::NotFound), "{err:?}");
    let err = store
        .add_volunteer(p.id, &registration(claire, "Claire", ""))
        .await
        .unwrap_err();
    assert!(matches!(err, StoreError::AlreadyExists), "{err:?}");
    let kept = get(store, p.id).await;
    assert_eq!(kept.selection.as_ref(), Some(&selection));
    assert_eq!(kept.pool_generation, g);

    // Another panel's changes leave it alone.
    let other = panel(store, who, "Budget participatif").await;
    respondents(store, other.id, &["Anne"]).await;
    assert_eq!(get(store, p.id).await, kept);
}

pub async fn draws_come_in_order_and_move_the_volunteers(store: &dyn Store) {
    let who = author(store).await;
    let p = panel(store, who, "Convention du climat").await;
    respondents(store, p.id, &["Anne", "Bruno", "Chloé", "Denis", "Émile"]).await;
    let g = get(store, p.id).await.pool_generation;
    store
        .save_selection(p.id, &json!({"p": [0.6]}), g, utc_now())
        .await
        .unwrap();

    // Round 0 first; a replacement before it is out of order.
    let err = store
        .record_draw(&draw(p.id, who, 1, &[4], &[1]))
        .await
        .unwrap_err();
    assert!(is_conflict(&err, conflict::DRAW_OUT_OF_ORDER), "{err:?}");
    // Numbers that are not in the pool, or named twice, are refused and nothing changes.
    for (selected, declined) in [
        (&[1, 2, 9][..], &[][..]),
        (&[1, 2, 2], &[]),
        (&[1, 2], &[3]),
    ] {
        let err = store
            .record_draw(&draw(p.id, who, 0, selected, declined))
            .await
            .unwrap_err();
        assert!(is_conflict(&err, conflict::DRAW_MISMATCH), "{err:?}");
        assert_eq!(get(store, p.id).await.formed_at, None);
        assert!(store.list_draws(p.id).await.unwrap().is_empty());
        assert!(store
            .list_volunteers(p.id)
            .await
            .unwrap()
            .iter()
            .all(|v| v.status == POOL));
    }

    let formed = draw(p.id, who, 0, &[1, 2, 3], &[]);
    let recorded = store.record_draw(&formed).await.unwrap();
    assert_eq!(
        (recorded.panel_id, recorded.round, recorded.created_by),
        (p.id, 0, who)
    );
    assert_eq!(
        (recorded.seed.as_str(), recorded.fingerprint.as_str()),
        ("graine 0", "empreinte 0")
    );
    assert_eq!(recorded.inputs, formed.inputs);
    assert_eq!(
        (recorded.selected.as_slice(), recorded.declined.as_slice()),
        (&[1, 2, 3][..], &[][..])
    );
    assert_eq!(recorded.created_at, formed.created_at);
    let panel_now = get(store, p.id).await;
    assert_eq!(panel_now.formed_at, Some(formed.created_at));
    assert_eq!(
        panel_now.erasure_due_at(),
        Some(formed.created_at + Duration::days(30))
    );
    assert_eq!(
        statuses(&store.list_volunteers(p.id).await.unwrap()),
        [
            (1, SELECTED),
            (2, SELECTED),
            (3, SELECTED),
            (4, POOL),
            (5, POOL)
        ]
    );

    // Formed: the selection is final, round 0 cannot be drawn again.
    let err = store
        .save_selection(p.id, &json!({}), panel_now.pool_generation, utc_now())
        .await
        .unwrap_err();
    assert!(is_conflict(&err, conflict::PANEL_FORMED), "{err:?}");
    assert_eq!(get(store, p.id).await.selection, Some(json!({"p": [0.6]})));
    let err = store
        .record_draw(&draw(p.id, who, 0, &[4], &[]))
        .await
        .unwrap_err();
    assert!(is_conflict(&err, conflict::DRAW_OUT_OF_ORDER), "{err:?}");
    let err = store
        .record_draw(&draw(p.id, who, 2, &[4], &[2]))
        .await
        .unwrap_err();
    assert!(is_conflict(&err, conflict::DRAW_OUT_OF_ORDER), "{err:?}");
    // A replacement names as declined only people selected before, and selects from the pool.
    for (selected, declined) in [(&[4][..], &[5][..]), (&[3][..], &[2][..])] {
        let err = store
            .record_draw(&draw(p.id, who, 1, selected, declined))
            .await
            .unwrap_err();
        assert!(is_conflict(&err, conflict::DRAW_MISMATCH), "{err:?}");
    }
    assert_eq!(
        statuses(&store.list_volunteers(p.id).await.unwrap())[1],
        (2, SELECTED)
    );

    let replaced = store
        .record_draw(&draw(p.id, who, 1, &[4], &[2]))
        .await
        .unwrap();
    assert_eq!(
        (replaced.round, replaced.declined.as_slice()),
        (1, &[2][..])
    );
    // Round 2 may name again those who declined before (the list is cumulative or not).
    store
        .record_draw(&draw(p.id, who, 2, &[5], &[2, 4]))
        .await
        .unwrap();
    assert_eq!(
        statuses(&store.list_volunteers(p.id).await.unwrap()),
        [
            (1, SELECTED),
            (2, DECLINED),
            (3, SELECTED),
            (4, DECLINED),
            (5, SELECTED)
        ]
    );
    let draws = store.list_draws(p.id).await.unwrap();
    assert_eq!(draws.iter().map(|d| d.round).collect::<Vec<_>>(), [0, 1, 2]);
    assert_eq!(draws[0], recorded);
    assert_eq!(draws[1], replaced);
    // Forming is the first draw's time, not a later one's.
    assert_eq!(get(store, p.id).await.formed_at, Some(formed.created_at));

    // Two concurrent draws of the same round: one is recorded.
    let q = panel(store, who, "Budget participatif").await;
    respondents(store, q.id, &["Anne", "Bruno"]).await;
    let (one, two) = (draw(q.id, who, 0, &[1], &[]), draw(q.id, who, 0, &[2], &[]));
    let (x, y) = tokio::join!(store.record_draw(&one), store.record_draw(&two));
    assert!(x.is_ok() != y.is_ok(), "{x:?} {y:?}");
    let err = x.err().or(y.err()).unwrap();
    assert!(is_conflict(&err, conflict::DRAW_OUT_OF_ORDER), "{err:?}");
    assert_eq!(store.list_draws(q.id).await.unwrap().len(), 1);
    let err = store
        .record_draw(&draw(Uuid::now_v7(), who, 0, &[1], &[]))
        .await
        .unwrap_err();
    assert!(matches!(err, StoreError::NotFound), "{err:?}");
}

/// Sets a panel's `formed_at` by recording its first draw at `at`.
async fn form(store: &dyn Store, who: Uuid, title: &str, days: i32, at: DateTime<Utc>) -> Panel {
    let organiser = structure(store, who, &format!("Organisateurs de {title}")).await;
    let mut f = fields(title);
    f.erase_after_days = days;
    let p = store
        .create_panel(&NewPanel {
            structure_id: organiser.id,
            created_by: who,
            fields: f,
            created_at: utc_now(),
        })
        .await
        .unwrap();
    respondents(store, p.id, &["Anne", "Bruno", "Chloé", "Denis"]).await;
    let mut first = draw(p.id, who, 0, &[1, 2], &[]);
    first.created_at = at;
    store.record_draw(&first).await.unwrap();
    get(store, p.id).await
}

pub async fn pools_are_erased_when_due_keeping_the_selected(store: &dyn Store) {
    let who = author(store).await;
    let now = utc_now();
    let formed_at = now - Duration::days(30);
    let due = form(store, who, "Échue", 30, formed_at).await;
    let almost = form(
        store,
        who,
        "Presque",
        30,
        formed_at + Duration::microseconds(1),
    )
    .await;
    let long_ago = form(store, who, "Ancienne", 7, now - Duration::days(400)).await;
    let open = panel(store, who, "Pas encore formée").await;
    respondents(store, open.id, &["Anne"]).await;

    let mut expected = vec![long_ago.id, due.id];
    assert_eq!(
        store.panels_due_for_erasure(now).await.unwrap(),
        expected,
        "oldest formed first; the due time is included, a microsecond before it is not"
    );
    expected.push(almost.id);
    assert_eq!(
        store
            .panels_due_for_erasure(now + Duration::microseconds(1))
            .await
            .unwrap(),
        expected
    );

    // A replacement: 2 declined, 3 replaced them.
    store
        .record_draw(&draw(due.id, who, 1, &[3], &[2]))
        .await
        .unwrap();
    let before = store.list_volunteers(due.id).await.unwrap();
    assert_eq!(store.erase_pool(due.id, now).await.unwrap(), 2);
    let kept = store.list_volunteers(due.id).await.unwrap();
    assert_eq!(kept, [before[0].clone(), before[2].clone()]);
    // The organisers still reach the selected.
    assert_eq!(kept[0].email, "anne@exemple.fr");
    assert_eq!(kept[1].email, "chloé@exemple.fr");
    let erased = get(store, due.id).await;
    assert_eq!(erased.pool_erased_at, Some(now));
    assert_eq!(
        store
            .panels_due_for_erasure(now + Duration::days(1))
            .await
            .unwrap(),
        [long_ago.id, almost.id]
    );
    // The draws stay, with the numbers they named.
    assert_eq!(store.list_draws(due.id).await.unwrap().len(), 2);

    // Erasing again deletes nothing and keeps the first date; the erased pool takes no one.
    let later = now + Duration::hours(1);
    assert_eq!(store.erase_pool(due.id, later).await.unwrap(), 0);
    assert_eq!(get(store, due.id).await.pool_erased_at, Some(now));
    let err = store
        .add_volunteer(due.id, &respondent("Tardive", "", ""))
        .await
        .unwrap_err();
    assert!(is_conflict(&err, conflict::POOL_ERASED), "{err:?}");
    let err = store
        .import_volunteers(due.id, &[respondent("Tardive", "", "")])
        .await
        .unwrap_err();
    assert!(is_conflict(&err, conflict::POOL_ERASED), "{err:?}");
    assert_eq!(store.count_volunteers(due.id).await.unwrap(), 2);

    // Before the first draw there is nothing to erase.
    let err = store.erase_pool(open.id, now).await.unwrap_err();
    assert!(is_conflict(&err, conflict::PANEL_NOT_FORMED), "{err:?}");
    assert_eq!(store.count_volunteers(open.id).await.unwrap(), 1);
    assert_eq!(get(store, open.id).await.pool_erased_at, None);
    let err = store.erase_pool(Uuid::now_v7(), now).await.unwrap_err();
    assert!(matches!(err, StoreError::NotFound), "{err:?}");

    // Lengthening the delay puts the due time off.
    let mut longer = fields("Ancienne");
    longer.erase_after_days = 500;
    store.update_panel(long_ago.id, &longer, now).await.unwrap();
    assert_eq!(
        store.panels_due_for_erasure(now).await.unwrap(),
        Vec::<Uuid>::new()
    );
}

pub async fn erasing_a_person_removes_or_blanks_their_registrations(store: &dyn Store) {
    let who = author(store).await;
    let claire = author(store).await;
    let other = author(store).await;
    let waiting = panel(store, who, "Convention du climat").await;
    let drawn = panel(store, who, "Budget participatif").await;
    let declined = panel(store, who, "Assemblée du quartier").await;

    let mut in_pool = registration(claire, "Claire Martin", "claire@exemple.fr");
    in_pool.household = "3 rue haute".into();
    store.add_volunteer(waiting.id, &in_pool).await.unwrap();
    store
        .add_volunteer(waiting.id, &registration(other, "Léo", "leo@exemple.fr"))
        .await
        .unwrap();
    let mut chosen = in_pool.clone();
    chosen.created_at = in_pool.created_at + Duration::seconds(1);
    store.add_volunteer(drawn.id, &chosen).await.unwrap();
    store
        .record_draw(&draw(drawn.id, who, 0, &[1], &[]))
        .await
        .unwrap();
    let mut refused = in_pool.clone();
    refused.created_at = in_pool.created_at + Duration::seconds(2);
    store.add_volunteer(declined.id, &refused).await.unwrap();
    respondents(store, declined.id, &["Anne"]).await;
    store
        .record_draw(&draw(declined.id, who, 0, &[1], &[]))
        .await
        .unwrap();
    store
        .record_draw(&draw(declined.id, who, 1, &[2], &[1]))
        .await
        .unwrap();

    // The export lists every registration, oldest first.
    let export = store.contributions_of(claire).await.unwrap().sortition;
    assert_eq!(
        export
            .iter()
            .map(|r| (r.panel_id, r.title.as_str(), r.number, r.status.as_str()))
            .collect::<Vec<_>>(),
        [
            (waiting.id, "Convention du climat", 1, POOL),
            (drawn.id, "Budget participatif", 1, SELECTED),
            (declined.id, "Assemblée du quartier", 1, DECLINED),
        ]
    );
    assert_eq!(export[0].created_at, in_pool.created_at);
    assert!(store
        .contributions_of(who)
        .await
        .unwrap()
        .sortition
        .is_empty());

    let g = get(store, waiting.id).await.pool_generation;
    store
        .save_selection(waiting.id, &json!({"p": [0.5, 0.5]}), g, utc_now())
        .await
        .unwrap();
    assert!(store.erase_person(claire, utc_now()).await.unwrap());

    // In a pool: gone, and the pool's selection with it. Léo stays.
    let pool = store.list_volunteers(waiting.id).await.unwrap();
    assert_eq!(
        pool.iter()
            .map(|v| (v.number, v.name.as_str()))
            .collect::<Vec<_>>(),
        [(2, "Léo")]
    );
    assert_eq!(pool[0].person_id, Some(other));
    let after = get(store, waiting.id).await;
    assert_eq!(after.selection, None);
    assert!(after.pool_generation > g);
    // Selected or declined: kept for the draws, unlinked and blank.
    for (p, status) in [(drawn.id, SELECTED), (declined.id, DECLINED)] {
        let v = store.list_volunteers(p).await.unwrap().remove(0);
        assert_eq!(
            (
                v.number,
                v.status.as_str(),
                v.person_id,
                v.name.as_str(),
                v.email.as_str(),
                v.household.as_str()
            ),
            (1, status, None, "", "", "")
        );
    }
    assert_eq!(
        store.volunteer_for_person(drawn.id, claire).await.unwrap(),
        None
    );
    assert!(store
        .contributions_of(claire)
        .await
        .unwrap()
        .sortition
        .is_empty());
    // Another account may now register with the address the erased one used.
    store
        .add_volunteer(
            drawn.id,
            &registration(who, "Quelqu'un", "claire@exemple.fr"),
        )
        .await
        .unwrap();
}
