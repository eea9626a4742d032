//! HTTP tests: impact measurement. The catalogue's search and filters, proposals moderated,
//! a holder's impact plan with measurements, verification by a labelled evaluator (and every
//! refusal: no label, conflict of interest, a verified measurement edited), superseding, the
//! privacy of a draft's plan, the open data, the API and bad input.

use crate::common::{location, Backend, TestApp};
use essaim_domain::initiative::{InitiativeInput, Status, StructureRole};
use essaim_domain::network::{LabelKind, LabelStatus};
use essaim_domain::person::PlatformRole;
use essaim_domain::structure::StructureInput;
use essaim_domain::territory::Territories;
use essaim_store::network::{LabelDecision, NewLabel};
use essaim_store::{utc_now, Store};
use serde_json::{json, Value};
use uuid::Uuid;

crate::on_both_backends!(
    a_holder_plans_and_measures_and_an_evaluator_verifies,
    bad_measurements_and_plans_are_refused_and_values_kept,
    verification_needs_the_label_and_no_conflict_of_interest,
    a_drafts_plan_is_private_and_absent_from_open_data,
    the_catalogue_searches_filters_and_proposals_are_moderated,
    the_api_plans_measures_verifies_and_refuses_bad_values,
);

async fn person_id(store: &dyn Store, email: &str) -> Uuid {
    store.person_by_email(email).await.unwrap().unwrap().id
}

async fn structure(store: &dyn Store, owner: Uuid, name: &str) -> Uuid {
    let fields = StructureInput {
        name: name.into(),
        kind: "association".into(),
        territory: "commune:29019".into(),
        ..Default::default()
    }
    .validate(Territories::bundled())
    .unwrap();
    store
        .create_structure(Uuid::now_v7(), &fields, owner, utc_now())
        .await
        .unwrap()
        .id
}

async fn grant_evaluator_label(store: &dyn Store, structure: Uuid, by: Uuid, admin: Uuid) {
    let label = store
        .apply_for_label(&NewLabel {
            id: Uuid::now_v7(),
            structure_id: structure,
            kind: LabelKind::Evaluator,
            motivation: "Nous évaluons des projets sociaux depuis dix ans.".into(),
            applied_by: by,
            applied_at: utc_now(),
        })
        .await
        .unwrap();
    store
        .decide_label(
            label.id,
            &LabelDecision {
                from: LabelStatus::Pending,
                to: LabelStatus::Granted,
                by: admin,
                at: utc_now(),
                reason: None,
                expires_on: None,
            },
        )
        .await
        .unwrap();
}

/// An initiative written by `author`, with these structures.
async fn initiative(
    store: &dyn Store,
    author: Uuid,
    status: Status,
    structures: Vec<(Uuid, StructureRole)>,
) -> Uuid {
    let codes: Vec<String> = store
        .challenges()
        .await
        .unwrap()
        .into_iter()
        .map(|c| c.code)
        .collect();
    let mut content = InitiativeInput {
        title: "Cantine solidaire du Bourg".into(),
        summary: "Des repas à prix libre.".into(),
        territories: "commune:29019".into(),
        challenges: vec!["alimentation".into()],
        stage: "experimentation".into(),
        steps: "Trouver une cuisine".into(),
        ..Default::default()
    }
    .validate(Territories::bundled(), &codes)
    .unwrap();
    content.structures = structures;
    store
        .create_initiative(
            Uuid::now_v7(),
            &content,
            status,
            None,
            essaim_store::RevisionNote {
                author_id: author,
                message: "création".into(),
                at: utc_now(),
            },
        )
        .await
        .unwrap()
        .id
}

/// An admin (main browser), a holder, an evaluator whose structure holds the evaluator label,
/// and a plain person; the holder's published initiative.
struct World {
    app: TestApp,
    holder: TestApp,
    evaluator: TestApp,
    other: TestApp,
    initiative: Uuid,
    evaluator_structure: Uuid,
}

async fn world(backend: Backend) -> Option<World> {
    let app = TestApp::spawn(backend).await?;
    app.sign_up_and_in("admin@exemple.fr", "Anne Admin").await;
    let admin = person_id(&*app.store, "admin@exemple.fr").await;
    app.store
        .set_roles(admin, &[PlatformRole::Admin])
        .await
        .unwrap();
    let holder = app.other_browser();
    holder
        .sign_up_and_in("porteuse@exemple.fr", "Paola Porteuse")
        .await;
    let evaluator = app.other_browser();
    evaluator
        .sign_up_and_in("evaluatrice@exemple.fr", "Eva Évaluatrice")
        .await;
    let other = app.other_browser();
    other
        .sign_up_and_in("autre@exemple.fr", "Oscar Autre")
        .await;
    let holder_id = person_id(&*app.store, "porteuse@exemple.fr").await;
    let evaluator_id = person_id(&*app.store, "evaluatrice@exemple.fr").await;
    let evaluator_structure = structure(&*app.store, evaluator_id, "Cabinet Mesure Sociale").await;
    grant_evaluator_label(&*app.store, evaluator_structure, evaluator_id, admin).await;
    let initiative = initiative(&*app.store, holder_id, Status::Published, vec![]).await;
    Some(World {
        app,
        holder,
        evaluator,
        other,
        initiative,
        evaluator_structure,
    })
}

async fn add_indicator(app: &TestApp, initiative: Uuid, code: &str) -> String {
    let r = app
        .post_form(
            &format!("/initiatives/{initiative}/impact"),
            &[
                ("indicator", code),
                ("baseline_value", "100"),
                ("baseline_on", "2024-01-01"),
                ("target_value", "500"),
                ("target_on", "2027-01-01"),
            ],
        )
        .await;
    assert_eq!(r.status(), 303, "{}", r.text().await.unwrap());
    location(&r)
        .split("#indicateur-")
        .nth(1)
        .expect("the entry's anchor")
        .to_owned()
}

async fn record(
    app: &TestApp,
    initiative: Uuid,
    entry: &str,
    value: &str,
    on: &str,
    level: &str,
) -> reqwest::Response {
    app.post_form(
        &format!("/initiatives/{initiative}/impact/{entry}/mesures"),
        &[
            ("value", value),
            ("period_end", on),
            ("period_start", ""),
            ("source", "Registre des repas"),
            ("method", "Comptage quotidien"),
            ("evidence_level", level),
        ],
    )
    .await
}

async fn a_holder_plans_and_measures_and_an_evaluator_verifies(backend: Backend) {
    let Some(w) = world(backend).await else {
        return;
    };
    let i = w.initiative;
    let meals = add_indicator(&w.holder, i, "repas-servis").await;
    let people = add_indicator(&w.holder, i, "personnes-accompagnees").await;
    for (on, value, level) in [("2024-12-31", "220", "2"), ("2025-06-30", "310", "3")] {
        let r = record(&w.holder, i, &meals, value, on, level).await;
        assert_eq!(r.status(), 303, "{}", r.text().await.unwrap());
    }
    let r = record(&w.holder, i, &people, "40", "2025-03-01", "1").await;
    assert_eq!(r.status(), 303);

    let entries = w.app.store.plan_entries(i).await.unwrap();
    assert_eq!(entries.len(), 2);
    let e = &entries[0];
    assert_eq!(e.indicator_code, "repas-servis");
    assert_eq!(e.latest_value, Some(310.0));
    assert_eq!(e.latest_level, Some(3));
    assert_eq!(e.measurement_count, 2);
    let years = w.app.store.entry_years(e.id).await.unwrap();
    assert_eq!(
        years.iter().map(|y| y.year).collect::<Vec<_>>(),
        [2024, 2025]
    );

    let plan = format!("/initiatives/{i}/impact");
    let (status, html) = w.other.get_html(&plan).await;
    assert_eq!(status, 200);
    assert!(
        html.contains("Repas servis") && html.contains("310"),
        "{html}"
    );
    // The chart is an image with a title and description, the table its alternative.
    assert!(html.contains("<svg") && html.contains("role=\"img\"") && html.contains("<desc"));
    assert!(html.contains("<caption"));
    // Neither editing nor verifying for a plain visitor.
    assert!(!html.contains("/verification") && !html.contains("/modifier"));

    // Every page type of the context has the site's accessible layout.
    let measurement = w.app.store.measurements(e.id).await.unwrap()[1].clone();
    for (who, page) in [
        (&w.other, "/indicateurs".to_owned()),
        (
            &w.other,
            "/indicateurs?q=repas&defi=alimentation".to_owned(),
        ),
        (&w.other, "/indicateurs/repas-servis".to_owned()),
        (&w.other, "/indicateurs/proposer".to_owned()),
        (&w.holder, plan.clone()),
        (&w.evaluator, plan.clone()),
        (&w.holder, format!("{plan}/ajouter")),
        (&w.holder, format!("{plan}/{meals}/mesures")),
        (
            &w.holder,
            format!("{plan}/mesures/{}/modifier", measurement.id),
        ),
    ] {
        let (status, html) = who.get_html(&page).await;
        assert_eq!(status, 200, "{page}");
        crate::pages::assert_accessible_layout(&html, &page);
    }

    // The evaluator sees the verification form and verifies the latest measurement.
    let (_, html) = w.evaluator.get_html(&plan).await;
    assert!(html.contains(&format!("/mesures/{}/verification", measurement.id)));
    let r = w
        .evaluator
        .post_form(
            &format!("{plan}/mesures/{}/verification", measurement.id),
            &[("note", "Registre contrôlé sur place.")],
        )
        .await;
    assert_eq!(r.status(), 303);
    let verified = w
        .app
        .store
        .measurement(measurement.id)
        .await
        .unwrap()
        .unwrap();
    assert!(verified.verified_at.is_some());
    assert_eq!(verified.verifier_name.as_deref(), Some("Eva Évaluatrice"));
    let audit = w
        .app
        .store
        .list_audit(Some("impact_measurement_verified"), 10)
        .await
        .unwrap();
    assert_eq!(audit.len(), 1);
    let (_, html) = w.other.get_html(&plan).await;
    assert!(html.contains("Vérifiée le") && html.contains("Registre contrôlé sur place."));
    assert_eq!(
        w.app
            .store
            .plan_entry(e.id)
            .await
            .unwrap()
            .unwrap()
            .verified_count,
        1
    );

    // A verified measurement is never edited, only superseded.
    let edit = format!("{plan}/mesures/{}/modifier", measurement.id);
    let (status, _) = w.holder.get_html(&edit).await;
    assert_eq!(status, 409);
    let r = w
        .holder
        .post_form(
            &edit,
            &[
                ("value", "999"),
                ("period_end", "2025-06-30"),
                ("source", "Registre"),
                ("evidence_level", "3"),
            ],
        )
        .await;
    assert_eq!(r.status(), 409);
    assert_eq!(
        w.app
            .store
            .measurement(measurement.id)
            .await
            .unwrap()
            .unwrap()
            .value,
        310.0,
        "nothing changed"
    );
    let (status, html) = w
        .holder
        .get_html(&format!(
            "{plan}/{meals}/mesures?remplace={}",
            measurement.id
        ))
        .await;
    assert_eq!(status, 200);
    assert!(html.contains("name=\"supersedes\""));
    let r = w
        .holder
        .post_form(
            &format!("{plan}/{meals}/mesures"),
            &[
                ("value", "305"),
                ("period_end", "2025-06-30"),
                ("source", "Registre des repas, recompté"),
                ("evidence_level", "3"),
                ("supersedes", &measurement.id.to_string()),
            ],
        )
        .await;
    assert_eq!(r.status(), 303);
    let old = w
        .app
        .store
        .measurement(measurement.id)
        .await
        .unwrap()
        .unwrap();
    assert!(old.superseded_by.is_some() && old.verified_at.is_some());
    let now = w.app.store.plan_entry(e.id).await.unwrap().unwrap();
    assert_eq!(now.latest_value, Some(305.0));
    assert_eq!(now.verified_count, 0);
    let (_, html) = w.other.get_html(&plan).await;
    assert!(html.contains("Remplacée"));

    // The open data lists the verified (now superseded) measurement and the new one.
    let csv = w
        .other
        .get("/data/impact-mesures.csv")
        .await
        .text()
        .await
        .unwrap();
    assert!(csv.starts_with("id,initiative_id,initiative,indicateur"));
    let line = csv
        .lines()
        .find(|l| l.starts_with(&measurement.id.to_string()))
        .expect("the verified measurement is in the CSV");
    assert!(line.contains("Cantine solidaire du Bourg") && line.contains("repas-servis"));
    assert!(line.contains(&old.superseded_by.unwrap().to_string()));
    assert_eq!(csv.lines().count(), 1 + 4);
    let schema: Value = w
        .other
        .get("/schemas/impact-mesures.json")
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(schema["fields"].as_array().unwrap().len(), 18);
    // Every row, verified, superseded or not, honours the schema the site serves.
    assert_eq!(
        essaim_domain::opendata::validate::validate_csv(&schema, &csv),
        Vec::<String>::new()
    );
    let data: Value = w
        .other
        .get("/data/impact-mesures.json")
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(data["items"].as_array().unwrap().len(), 4);

    // An entry with a verified measurement stays; one without is removed.
    let r = w
        .holder
        .post_form(&format!("{plan}/{people}/suppression"), &[])
        .await;
    assert_eq!(r.status(), 303);
    assert_eq!(w.app.store.plan_entries(i).await.unwrap().len(), 1);
    let r = w
        .holder
        .post_form(&format!("{plan}/{meals}/suppression"), &[])
        .await;
    assert_eq!(r.status(), 409);
    assert_eq!(w.app.store.plan_entries(i).await.unwrap().len(), 1);
}

async fn bad_measurements_and_plans_are_refused_and_values_kept(backend: Backend) {
    let Some(w) = world(backend).await else {
        return;
    };
    let i = w.initiative;
    let plan = format!("/initiatives/{i}/impact");
    // A plan entry: unknown indicator, a target before the baseline and in the wrong way.
    let r = w
        .holder
        .post_form(
            &plan,
            &[
                ("indicator", "repas-servis"),
                ("baseline_value", "100"),
                ("baseline_on", "2024-01-01"),
                ("target_value", "50"),
                ("target_on", "2023-01-01"),
            ],
        )
        .await;
    assert_eq!(r.status(), 422);
    let html = r.text().await.unwrap();
    assert!(html.contains("La date de la cible doit suivre la date de référence."));
    assert!(html.contains("La cible doit être meilleure"));
    assert!(html.contains("value=\"2023-01-01\""), "values kept");
    crate::pages::assert_accessible_layout(&html, "entry form with errors");
    let r = w
        .holder
        .post_form(
            &plan,
            &[
                ("indicator", "inconnu"),
                ("baseline_value", "1"),
                ("baseline_on", "2024-01-01"),
                ("target_value", "2"),
                ("target_on", "2025-01-01"),
            ],
        )
        .await;
    assert_eq!(r.status(), 422);
    assert!(r
        .text()
        .await
        .unwrap()
        .contains("Choisissez un indicateur publié du catalogue."));
    assert!(w.app.store.plan_entries(i).await.unwrap().is_empty());

    let meals = add_indicator(&w.holder, i, "repas-servis").await;
    // The same indicator twice.
    let r = w
        .holder
        .post_form(
            &plan,
            &[
                ("indicator", "repas-servis"),
                ("baseline_value", "1"),
                ("baseline_on", "2024-01-01"),
                ("target_value", "2"),
                ("target_on", "2025-01-01"),
            ],
        )
        .await;
    assert_eq!(r.status(), 422);
    assert!(r.text().await.unwrap().contains("déjà dans le plan"));

    for (value, on, level, message) in [
        ("12,5", "2024-06-01", "2", "nombre entier"),
        ("douze", "2024-06-01", "2", "Saisissez un nombre"),
        ("NaN", "2024-06-01", "2", "Saisissez un nombre"),
        ("inf", "2024-06-01", "2", "Saisissez un nombre"),
        ("-4", "2024-06-01", "2", "ne peut pas être négatif"),
        (
            "120",
            "2023-12-31",
            "2",
            "ne peut pas précéder la date de référence",
        ),
        ("120", "2099-01-01", "2", "date future"),
        ("120", "2024-06-01", "7", "niveau de preuve de 1 à 5"),
        ("120", "2024-06-01", "0", "niveau de preuve de 1 à 5"),
        ("120", "le 3 mars", "2", "AAAA-MM-JJ"),
    ] {
        let r = record(&w.holder, i, &meals, value, on, level).await;
        assert_eq!(r.status(), 422, "{value} {on} {level}");
        let html = r.text().await.unwrap();
        assert!(html.contains(message), "{value} {on} {level}: {message}");
        assert!(html.contains("Registre des repas"), "values kept");
        crate::pages::assert_accessible_layout(&html, "measurement form with errors");
    }
    let e = w.app.store.plan_entries(i).await.unwrap().remove(0);
    assert_eq!(e.measurement_count, 0, "nothing recorded");
    assert_eq!(e.on_track, None);

    // A proposal with nothing in it.
    let r = w
        .holder
        .post_form(
            "/indicateurs/proposer",
            &[("name_fr", ""), ("unit", "parsecs")],
        )
        .await;
    assert_eq!(r.status(), 422);
    let html = r.text().await.unwrap();
    assert!(html.contains("Choisissez une unité de la liste."));
    assert!(html.contains("Choisissez au moins un défi."));
    crate::pages::assert_accessible_layout(&html, "proposal form with errors");
}

async fn verification_needs_the_label_and_no_conflict_of_interest(backend: Backend) {
    let Some(w) = world(backend).await else {
        return;
    };
    let store = &*w.app.store;
    let i = w.initiative;
    let meals = add_indicator(&w.holder, i, "repas-servis").await;
    assert_eq!(
        record(&w.holder, i, &meals, "150", "2024-06-01", "2")
            .await
            .status(),
        303
    );
    let m = store
        .measurements(meals.parse().unwrap())
        .await
        .unwrap()
        .remove(0);
    let verify = format!("/initiatives/{i}/impact/mesures/{}/verification", m.id);
    // No label: refused.
    for who in [&w.other, &w.holder] {
        let r = who.post_form(&verify, &[("note", "")]).await;
        assert_eq!(r.status(), 403);
    }
    // The evaluator's structure is a partner of a second initiative: conflict of interest.
    let holder_id = person_id(store, "porteuse@exemple.fr").await;
    let linked = initiative(
        store,
        holder_id,
        Status::Published,
        vec![(w.evaluator_structure, StructureRole::Partenaire)],
    )
    .await;
    let e2 = add_indicator(&w.holder, linked, "repas-servis").await;
    assert_eq!(
        record(&w.holder, linked, &e2, "150", "2024-06-01", "2")
            .await
            .status(),
        303
    );
    let m2 = store
        .measurements(e2.parse().unwrap())
        .await
        .unwrap()
        .remove(0);
    let (_, html) = w
        .evaluator
        .get_html(&format!("/initiatives/{linked}/impact"))
        .await;
    assert!(!html.contains("/verification"), "no form under a conflict");
    let r = w
        .evaluator
        .post_form(
            &format!(
                "/initiatives/{linked}/impact/mesures/{}/verification",
                m2.id
            ),
            &[("note", "")],
        )
        .await;
    assert_eq!(r.status(), 403);
    // A measurement reached through another initiative's address is unknown there.
    let r = w
        .evaluator
        .post_form(
            &format!("/initiatives/{i}/impact/mesures/{}/verification", m2.id),
            &[("note", "")],
        )
        .await;
    assert_eq!(r.status(), 404);
    // Not an editor: the plan's forms are refused.
    let r = record(&w.other, i, &meals, "160", "2024-07-01", "2").await;
    assert_eq!(r.status(), 403);
    for m in [&m, &m2] {
        let now = store.measurement(m.id).await.unwrap().unwrap();
        assert!(now.verified_at.is_none());
    }
    // The evaluator without conflict verifies once; twice is a conflict.
    let r = w.evaluator.post_form(&verify, &[("note", "")]).await;
    assert_eq!(r.status(), 303);
    let r = w.evaluator.post_form(&verify, &[("note", "")]).await;
    assert_eq!(r.status(), 409);
}

async fn a_drafts_plan_is_private_and_absent_from_open_data(backend: Backend) {
    let Some(w) = world(backend).await else {
        return;
    };
    let holder_id = person_id(&*w.app.store, "porteuse@exemple.fr").await;
    let draft = initiative(&*w.app.store, holder_id, Status::Draft, vec![]).await;
    let entry = add_indicator(&w.holder, draft, "repas-servis").await;
    assert_eq!(
        record(&w.holder, draft, &entry, "150", "2024-06-01", "2")
            .await
            .status(),
        303
    );
    let m = w
        .app
        .store
        .measurements(entry.parse().unwrap())
        .await
        .unwrap()
        .remove(0);
    let plan = format!("/initiatives/{draft}/impact");
    let (status, html) = w.holder.get_html(&plan).await;
    assert_eq!(status, 200);
    assert!(html.contains("brouillon"));
    let anonymous = w.app.other_browser();
    for who in [&w.other, &w.evaluator, &anonymous] {
        let (status, _) = who.get_html(&plan).await;
        assert_eq!(status, 404);
        let r = who
            .get(&format!("/api/v1/initiatives/{draft}/impact"))
            .await;
        assert_eq!(r.status(), 404);
        let r = who.get(&format!("/api/v1/measurements/{}", m.id)).await;
        assert_eq!(r.status(), 404);
    }
    let r = w
        .evaluator
        .post_form(
            &format!("{plan}/mesures/{}/verification", m.id),
            &[("note", "")],
        )
        .await;
    assert_eq!(r.status(), 404);
    let csv = anonymous
        .get("/data/impact-mesures.csv")
        .await
        .text()
        .await
        .unwrap();
    assert!(!csv.contains(&m.id.to_string()) && !csv.contains(&draft.to_string()));
    let json = anonymous
        .get("/data/impact-mesures.json")
        .await
        .text()
        .await
        .unwrap();
    assert!(!json.contains(&m.id.to_string()));
}

async fn the_catalogue_searches_filters_and_proposals_are_moderated(backend: Backend) {
    let Some(w) = world(backend).await else {
        return;
    };
    let (status, html) = w.other.get_html("/indicateurs?q=repas").await;
    assert_eq!(status, 200);
    assert!(html.contains("Repas servis") && !html.contains("Logements rénovés"));
    let (_, html) = w
        .other
        .get_html("/indicateurs?defi=habitat&unite=count")
        .await;
    assert!(html.contains("Logements rénovés") && !html.contains("Repas servis"));
    let (_, html) = w.other.get_html("/indicateurs?public=seniors").await;
    assert!(html.contains("Seniors recevant des visites") && !html.contains("Repas servis"));
    // Accents and case do not matter; a word matches a word's start.
    let (_, html) = w.other.get_html("/indicateurs?q=GASPILL").await;
    assert!(html.contains("Gaspillage alimentaire"));
    let (status, _) = w.other.get_html("/indicateurs/inconnu").await;
    assert_eq!(status, 404);

    let form = vec![
        ("name_fr", "Arbres plantés en ville"),
        ("name_en", "Trees planted in town"),
        (
            "definition_fr",
            "Nombre d’arbres plantés et vivants après un an.",
        ),
        (
            "definition_en",
            "Number of trees planted and alive after a year.",
        ),
        ("unit", "count"),
        ("value_type", "integer"),
        ("direction", "increase"),
        ("challenges", "transition-ecologique"),
        ("challenges", "habitat"),
        ("publics", "habitants"),
        ("framework_ref", "SDG 11.7"),
        // A note in French only: English visitors read it, marked French.
        (
            "calculation_notes",
            "Compter les arbres vivants au printemps.",
        ),
    ];
    let r = w.other.post_form("/indicateurs/proposer", &form).await;
    assert_eq!(r.status(), 303, "{}", r.text().await.unwrap());
    let path = location(&r);
    assert_eq!(path, "/indicateurs/arbres-plantes-en-ville");
    // The proposal is its author's and the moderators' until decided.
    let (status, html) = w.other.get_html(&path).await;
    assert_eq!(status, 200);
    assert!(html.contains("en attente"));
    let (status, _) = w.holder.get_html(&path).await;
    assert_eq!(status, 404);
    let (_, html) = w.other.get_html("/indicateurs").await;
    assert!(
        html.contains("Arbres plantés en ville"),
        "in the author's waiting list"
    );
    let (_, html) = w.holder.get_html("/indicateurs?q=arbres").await;
    assert!(!html.contains("Arbres plantés en ville"));
    // The same name twice.
    let r = w.other.post_form("/indicateurs/proposer", &form).await;
    assert_eq!(r.status(), 422);
    // Only moderators decide.
    let r = w
        .other
        .post_form(&format!("{path}/decision"), &[("decision", "publish")])
        .await;
    assert_eq!(r.status(), 403);
    let moderator = w.app.other_browser();
    moderator
        .sign_up_and_in("moderatrice@exemple.fr", "Mona Modératrice")
        .await;
    let mid = person_id(&*w.app.store, "moderatrice@exemple.fr").await;
    w.app
        .store
        .set_roles(mid, &[PlatformRole::Moderator])
        .await
        .unwrap();
    let (_, html) = moderator.get_html(&path).await;
    assert!(html.contains("/decision"));
    let r = moderator
        .post_form(&format!("{path}/decision"), &[("decision", "publish")])
        .await;
    assert_eq!(r.status(), 303);
    let r = moderator
        .post_form(&format!("{path}/decision"), &[("decision", "reject")])
        .await;
    assert_eq!(r.status(), 409);
    let (_, html) = w.holder.get_html("/indicateurs?q=arbres").await;
    assert!(html.contains("Arbres plantés en ville"));
    let audit = w
        .app
        .store
        .list_audit(Some("impact_indicator_published"), 10)
        .await
        .unwrap();
    assert_eq!(audit.len(), 1);
    // In English too.
    let r = w
        .other
        .client
        .get(w.other.at("/indicateurs/repas-servis"))
        .header("accept-language", "en")
        .send()
        .await
        .unwrap();
    let html = r.text().await.unwrap();
    assert!(html.contains("Meals served"));
    // The calculation note in the visitor's language.
    let shipped = essaim_domain::impact::catalogue()
        .into_iter()
        .find(|e| e.code == "repas-servis")
        .unwrap();
    let escaped = |s: &str| s.replace('\'', "&#x27;");
    assert!(
        html.contains(&escaped(&shipped.calculation_notes_en)),
        "{html}"
    );
    assert!(!html.contains(&escaped(&shipped.calculation_notes)));
    let (_, html) = w.other.get_html("/indicateurs/repas-servis").await;
    assert!(html.contains(&escaped(&shipped.calculation_notes)));
    assert!(!html.contains(&escaped(&shipped.calculation_notes_en)));
    let html = w
        .other
        .client
        .get(w.other.at(&path))
        .header("accept-language", "en")
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(
        html.contains("<p lang=\"fr\">Compter les arbres vivants au printemps.</p>"),
        "{html}"
    );
    let api: Value = w
        .other
        .client
        .get(w.other.at("/api/v1/indicators/repas-servis"))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(api["calculation_notes"], shipped.calculation_notes.as_str());
    assert_eq!(
        api["calculation_notes_en"],
        shipped.calculation_notes_en.as_str()
    );
}

async fn the_api_plans_measures_verifies_and_refuses_bad_values(backend: Backend) {
    let Some(w) = world(backend).await else {
        return;
    };
    let api = |p: &str| w.app.at(&format!("/api/v1{p}"));
    let holder = w.holder.api_token().await;
    let evaluator = w.evaluator.api_token().await;
    let other = w.other.api_token().await;
    let i = w.initiative;

    let list: Value = w
        .app
        .client
        .get(api("/indicators?q=repas&challenge=alimentation"))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(list["items"][0]["code"], "repas-servis");
    assert_eq!(list["items"][0]["value_type"], "integer");

    let post = |path: String, token: &str, body: Value| {
        w.app
            .client
            .post(api(&path))
            .bearer_auth(token)
            .json(&body)
            .send()
    };
    let entry = json!({"indicator": "repas-servis", "baseline_value": 100, "baseline_on": "2024-01-01",
        "target_value": 500, "target_on": "2027-01-01", "unit": "people"});
    let r = post(format!("/initiatives/{i}/impact"), &other, entry.clone())
        .await
        .unwrap();
    assert_eq!(r.status(), 403);
    // repas-servis counts meals ("count"): a payload in people is refused.
    let r = post(format!("/initiatives/{i}/impact"), &holder, entry.clone())
        .await
        .unwrap();
    assert_eq!(r.status(), 422);
    let e: Value = r.json().await.unwrap();
    assert_eq!(e["fields"][0]["code"], "impact_unit_mismatch");
    let mut entry = entry;
    entry["unit"] = json!("count");
    let r = post(format!("/initiatives/{i}/impact"), &holder, entry)
        .await
        .unwrap();
    assert_eq!(r.status(), 201);
    let created: Value = r.json().await.unwrap();
    let eid = created["id"].as_str().unwrap().to_owned();
    assert_eq!(created["on_track"], Value::Null);

    let measures = format!("/initiatives/{i}/impact/{eid}/measurements");
    for (value, level, code) in [
        (json!(12.5), json!(2), "impact_value_not_integer"),
        (json!("NaN"), json!(2), "impact_value_not_number"),
        (json!("beaucoup"), json!(2), "impact_value_not_number"),
        (json!(120), json!(6), "impact_level_invalid"),
        (json!(120), json!("deux"), "impact_level_invalid"),
    ] {
        let r = post(
            measures.clone(),
            &holder,
            json!({"value": value, "period_end": "2024-06-30", "source": "Registre", "evidence_level": level}),
        )
        .await
        .unwrap();
        assert_eq!(r.status(), 422, "{value} {level}");
        let e: Value = r.json().await.unwrap();
        assert_eq!(e["code"], "invalid_input");
        assert!(
            e["fields"]
                .as_array()
                .unwrap()
                .iter()
                .any(|f| f["code"] == code),
            "{e}"
        );
    }
    let r = post(
        measures.clone(),
        &holder,
        json!({"value": 120, "period_end": "2023-06-30", "source": "Registre", "evidence_level": 2}),
    )
    .await
    .unwrap();
    assert_eq!(r.status(), 422);
    let e: Value = r.json().await.unwrap();
    assert_eq!(e["fields"][0]["code"], "impact_before_baseline");

    let r = post(
        measures.clone(),
        &holder,
        json!({"value": "1 200", "period_end": "2025-06-30", "source": "Registre", "evidence_level": 4}),
    )
    .await
    .unwrap();
    assert_eq!(r.status(), 201);
    let m: Value = r.json().await.unwrap();
    assert_eq!(m["value"], 1200.0);
    let mid = m["id"].as_str().unwrap().to_owned();

    let plan: Value = w
        .app
        .client
        .get(api(&format!("/initiatives/{i}/impact")))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(plan["entries"][0]["latest_value"], 1200.0);
    assert_eq!(plan["entries"][0]["on_track"], true);
    assert_eq!(plan["entries"][0]["progress"], 1.0);

    let r = post(
        format!("/measurements/{mid}/verification"),
        &other,
        json!({"note": ""}),
    )
    .await
    .unwrap();
    assert_eq!(r.status(), 403);
    let r = post(
        format!("/measurements/{mid}/verification"),
        &evaluator,
        json!({"note": "x".repeat(501)}),
    )
    .await
    .unwrap();
    assert_eq!(r.status(), 422);
    let r = post(
        format!("/measurements/{mid}/verification"),
        &evaluator,
        json!({"note": "Vu."}),
    )
    .await
    .unwrap();
    assert_eq!(r.status(), 200);
    let v: Value = r.json().await.unwrap();
    assert_eq!(v["verification_note"], "Vu.");
    // Verified: no correction through the API either.
    let r = w
        .app
        .client
        .put(api(&format!("/measurements/{mid}")))
        .bearer_auth(&holder)
        .json(&json!({"value": 1, "period_end": "2025-06-30", "source": "Registre", "evidence_level": 1}))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 409);
    let e: Value = r.json().await.unwrap();
    assert_eq!(e["code"], "impact_measurement_verified");
    // Superseded instead.
    let r = post(
        measures.clone(),
        &holder,
        json!({"value": 1150, "period_end": "2025-06-30", "source": "Registre", "evidence_level": 4, "supersedes": mid}),
    )
    .await
    .unwrap();
    assert_eq!(r.status(), 201);
    let old: Value = w
        .app
        .client
        .get(api(&format!("/measurements/{mid}")))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert!(old["superseded_by"].is_string());
    assert!(old["verified_at"].is_string());

    // Every impact endpoint is in the OpenAPI document.
    let doc: Value = w
        .app
        .client
        .get(api("/openapi.json"))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    for path in [
        "/api/v1/indicators",
        "/api/v1/indicators/{code}",
        "/api/v1/indicators/{code}/decision",
        "/api/v1/initiatives/{id}/impact",
        "/api/v1/initiatives/{id}/impact/{entry}",
        "/api/v1/initiatives/{id}/impact/{entry}/measurements",
        "/api/v1/measurements/{id}",
        "/api/v1/measurements/{id}/verification",
    ] {
        assert!(doc["paths"][path].is_object(), "{path} documented");
    }
}
