//! The impact barometer: pages for France, a région, a département and a comparison, the map
//! and its table; an empty territory shows "no data", never NaN; a new measurement shows at
//! once, in the pages and the API; places without a barometer and unknown challenges are
//! refused.

use crate::common::{location, Backend, TestApp};
use essaim_store::impact::{NewMeasurement, NewPlanEntry};
use essaim_store::utc_now;
use serde_json::Value;
use uuid::Uuid;

crate::on_both_backends!(
    the_barometer_follows_a_new_measurement_at_once,
    an_empty_territory_has_no_data_and_no_nan,
    places_without_a_barometer_are_refused,
);

/// A published initiative in Brest (Finistère, Bretagne) about food, its id.
async fn initiative(app: &TestApp) -> Uuid {
    app.sign_up_and_in("porteuse@exemple.fr", "Paola Porteuse")
        .await;
    let r = app
        .post_form(
            "/initiatives",
            &[
                ("title", "Épicerie solidaire"),
                ("summary", "Des repas pour tous."),
                ("description", "Une épicerie."),
                ("challenges", "alimentation"),
                ("territories", "Brest"),
                ("stage", "consolidation"),
                ("message", "Création"),
                ("action", "publish"),
            ],
        )
        .await;
    assert_eq!(r.status(), 303, "{}", r.text().await.unwrap());
    location(&r)
        .trim_start_matches("/initiatives/")
        .parse()
        .unwrap()
}

async fn api(app: &TestApp, query: &str) -> (u16, Value) {
    let r = app.get(&format!("/api/v1/barometer{query}")).await;
    (r.status().as_u16(), r.json().await.unwrap())
}

async fn the_barometer_follows_a_new_measurement_at_once(backend: Backend) {
    let Some(app) = TestApp::spawn(backend).await else {
        return;
    };
    let i = initiative(&app).await;
    let who = app
        .store
        .person_by_email("porteuse@exemple.fr")
        .await
        .unwrap()
        .unwrap()
        .id;
    let people = app
        .store
        .list_indicators(&Default::default())
        .await
        .unwrap()
        .into_iter()
        .find(|x| x.counts_people)
        .unwrap();
    let entry = app
        .store
        .add_plan_entry(&NewPlanEntry {
            id: Uuid::now_v7(),
            initiative_id: i,
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
    let (status, v) = api(&app, "?territory=departement:29&challenge=alimentation").await;
    assert_eq!(status, 200);
    assert_eq!(v["initiatives"], 1);
    assert_eq!(v["indicators"], 1);
    assert_eq!(v["measured"], 0);
    assert_eq!(v["on_track_percent"], Value::Null);
    let measure = |value: f64, end: &str, level: i32| NewMeasurement {
        id: Uuid::now_v7(),
        entry_id: entry.id,
        value,
        period_start: end.into(),
        period_end: end.into(),
        source: "Registre".into(),
        method: String::new(),
        evidence_level: level,
        created_by: who,
        created_at: utc_now(),
    };
    app.store
        .add_measurement(&measure(1234.0, "2025-12-31", 2))
        .await
        .unwrap();
    let (_, v) = api(&app, "?territory=region:53").await;
    assert_eq!(v["people_reached"], 1234.0);
    assert_eq!(v["measured"], 1);
    assert_eq!(v["evidence_levels"][1]["count"], 1);
    assert_eq!(v["evidence_levels"][1]["percent"], 100.0);
    let (_, html) = app.get_html("/barometre/departement-29").await;
    assert!(html.contains("1\u{202f}234"), "{html}");
    // A second measurement: the next read already has it.
    app.store
        .add_measurement(&measure(2000.0, "2026-06-30", 4))
        .await
        .unwrap();
    let (_, v) = api(&app, "").await;
    assert_eq!(v["people_reached"], 2000.0);
    assert_eq!(v["years"].as_array().unwrap().len(), 2);
    assert_eq!(v["by_stage"][0]["stage"], "consolidation");
    let (_, html) = app
        .get_html("/barometre/departement-29?mesure=people")
        .await;
    assert!(html.contains("2\u{202f}000"), "{html}");
    assert!(html.contains("Finistère (29)"), "map table");
    // Every page type has the site's accessible layout.
    for page in [
        "/barometre",
        "/barometre?defi=alimentation&mesure=on_track",
        "/barometre/region-53",
        "/barometre/departement-29",
        "/barometre/comparer",
        "/barometre/comparer?a=departement-29&b=Bretagne",
    ] {
        let (status, html) = app.get_html(page).await;
        assert_eq!(status, 200, "{page}");
        crate::pages::assert_accessible_layout(&html, page);
    }
    let (_, html) = app
        .get_html("/barometre/comparer?a=departement-29&b=region-11")
        .await;
    assert!(
        html.contains("Finistère") && html.contains("Île-de-France"),
        "{html}"
    );
    let doc: Value = app.get("/api/v1/openapi.json").await.json().await.unwrap();
    assert!(doc["paths"]["/api/v1/barometer"]["get"].is_object());
}

async fn an_empty_territory_has_no_data_and_no_nan(backend: Backend) {
    let Some(app) = TestApp::spawn(backend).await else {
        return;
    };
    let (status, v) = api(&app, "?territory=departement:2A").await;
    assert_eq!(status, 200);
    assert_eq!(v["initiatives"], 0);
    assert_eq!(v["people_reached"], 0.0);
    assert_eq!(v["on_track_percent"], Value::Null);
    assert!(v["evidence_levels"]
        .as_array()
        .unwrap()
        .iter()
        .all(|l| l["percent"].is_null()));
    for page in [
        "/barometre/departement-2A",
        "/barometre",
        "/barometre?mesure=on_track",
    ] {
        let (status, html) = app.get_html(page).await;
        assert_eq!(status, 200, "{page}");
        assert!(!html.contains("NaN") && !html.contains("inf"), "{page}");
        assert!(html.contains("Pas de donnée"), "{page}");
    }
}

async fn places_without_a_barometer_are_refused(backend: Backend) {
    let Some(app) = TestApp::spawn(backend).await else {
        return;
    };
    for page in [
        "/barometre/commune-29019",
        "/barometre/zzz",
        "/barometre/departement-00",
    ] {
        assert_eq!(app.get(page).await.status(), 404, "{page}");
    }
    let (status, v) = api(&app, "?territory=commune:29019").await;
    assert_eq!(status, 422);
    assert_eq!(v["code"], "barometer_territory_unknown");
    let (status, v) = api(&app, "?challenge=zzz").await;
    assert_eq!(status, 422);
    assert_eq!(v["code"], "barometer_challenge_unknown");
    let r = app.get("/barometre/comparer?a=zzz&b=departement-29").await;
    assert_eq!(r.status(), 422);
    let html = r.text().await.unwrap();
    assert!(
        html.contains("Ce territoire n’a pas de baromètre"),
        "{html}"
    );
    assert!(html.contains("value=\"zzz\""));
}
