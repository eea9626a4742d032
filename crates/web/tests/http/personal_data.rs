//! A person's rights over their data: the privacy page, the one-time download link (the file
//! holds what they wrote, impact contexts included), and account deletion (sessions end,
//! personal fields erased, contributions stay).

use crate::common::{Backend, TestApp, PASSWORD};
use crate::on_both_backends;
use chrono::Duration;
use essaim_store::{utc_now, NewToken};

on_both_backends!(
    the_privacy_page_says_what_is_kept,
    a_person_downloads_their_data_once_with_a_short_lived_link,
    a_download_link_works_for_its_owner_only,
    a_person_deletes_their_account,
    deletion_refuses_bad_input_and_keeps_the_account,
    failed_sign_ins_leave_no_address_in_the_audit_log,
);

async fn the_privacy_page_says_what_is_kept(backend: Backend) {
    let Some(app) = TestApp::spawn(backend).await else {
        return;
    };
    let (status, html) = app.get_html("/confidentialite").await;
    assert_eq!(status, 200);
    assert!(html.contains("Confidentialité : ce qui est conservé et pourquoi"));
    assert!(html.contains("compte supprimé"));
    assert!(
        html.contains("href=\"/confidentialite\" aria-current=\"page\""),
        "footer link"
    );
    crate::pages::assert_accessible_layout(&html, "/confidentialite");
    app.post_form("/langue", &[("lang", "en"), ("back", "/confidentialite")])
        .await;
    let (_, html) = app.get_html("/confidentialite").await;
    assert!(html.contains("Privacy: what is kept and why"));
}

/// Publishes an initiative in this browser; returns its page.
async fn publish(app: &TestApp) -> String {
    let r = app
        .post_form(
            "/initiatives",
            &[
                ("title", "Repair café de Recouvrance"),
                ("summary", "On répare ensemble."),
                ("territories", "Brest"),
                ("stage", "idee"),
                ("action", "publish"),
            ],
        )
        .await;
    assert_eq!(r.status(), 303);
    r.headers()["location"].to_str().unwrap().to_owned()
}

struct ImpactWritten {
    measurement: uuid::Uuid,
    contract: uuid::Uuid,
    event: uuid::Uuid,
}

/// Claire proposes an indicator (through the site) and, on her initiative, plans meals, records
/// and verifies a measurement, answers a self-assessment and proposes a contract (through the
/// store: the export is what is under test here).
async fn write_in_impact_contexts(app: &TestApp, page: &str) -> ImpactWritten {
    use essaim_store::impact::{NewMeasurement, NewPlanEntry};
    let r = app
        .post_form(
            "/indicateurs/proposer",
            &[
                ("name_fr", "Arbres plantés à Recouvrance"),
                ("name_en", "Trees planted in Recouvrance"),
                ("definition_fr", "Arbres vivants après un an."),
                ("definition_en", "Trees alive after a year."),
                ("unit", "count"),
                ("value_type", "integer"),
                ("direction", "increase"),
                ("challenges", "transition-ecologique"),
                ("calculation_notes", "Compter les arbres vivants."),
            ],
        )
        .await;
    assert_eq!(r.status(), 303, "{}", r.text().await.unwrap());
    let claire = app
        .store
        .person_by_email("claire@exemple.fr")
        .await
        .unwrap()
        .unwrap()
        .id;
    let initiative: uuid::Uuid = page.trim_start_matches("/initiatives/").parse().unwrap();
    let meals = app
        .store
        .indicator_by_code("repas-servis")
        .await
        .unwrap()
        .unwrap();
    let entry = app
        .store
        .add_plan_entry(&NewPlanEntry {
            id: uuid::Uuid::now_v7(),
            initiative_id: initiative,
            indicator_id: meals.id,
            baseline_value: 0.0,
            baseline_on: "2026-01-01".into(),
            target_value: 1000.0,
            target_on: "2027-01-01".into(),
            created_by: claire,
            created_at: utc_now(),
        })
        .await
        .unwrap();
    let m = app
        .store
        .add_measurement(&NewMeasurement {
            id: uuid::Uuid::now_v7(),
            entry_id: entry.id,
            value: 120.0,
            period_start: "2026-03-01".into(),
            period_end: "2026-06-30".into(),
            source: "Registre de la cantine".into(),
            method: "Comptage".into(),
            evidence_level: 3,
            created_by: claire,
            created_at: utc_now(),
        })
        .await
        .unwrap();
    app.store
        .verify_measurement(m.id, claire, utc_now(), "Registre contrôlé sur place.")
        .await
        .unwrap();
    let question = essaim_domain::assessment::QUESTIONS[0].id;
    app.store
        .create_assessment(&essaim_store::assessment::NewAssessment {
            id: uuid::Uuid::now_v7(),
            initiative_id: initiative,
            author_id: claire,
            answers: vec![essaim_domain::assessment::Answer {
                question: question.into(),
                score: 2,
                comment: "Des repas chaque midi.".into(),
            }],
            created_at: utc_now(),
        })
        .await
        .unwrap();
    let r = app
        .post_form(
            "/structures",
            &[
                ("name", "Fondation du Bourg"),
                ("kind", "association"),
                ("territory", "commune:29019"),
            ],
        )
        .await;
    assert_eq!(r.status(), 303);
    let funder: uuid::Uuid = r.headers()["location"]
        .to_str()
        .unwrap()
        .trim_start_matches("/structures/")
        .parse()
        .unwrap();
    let contract = app
        .store
        .create_contract(&essaim_store::outcomes::NewContract {
            id: uuid::Uuid::now_v7(),
            initiative_id: initiative,
            funder_structure_id: funder,
            proposed_by: claire,
            title: "Contrat repas".into(),
            terms: String::new(),
            starts_on: "2026-01-01".into(),
            outcomes: vec![essaim_store::outcomes::NewOutcome {
                entry_id: entry.id,
                threshold: 100.0,
                due_on: "2026-12-31".into(),
                payment_cents: 100_000,
            }],
            created_at: utc_now(),
        })
        .await
        .unwrap();
    // She registers to an event of that structure (the export lists registrations too).
    let start = utc_now() + Duration::days(10);
    let event = app
        .store
        .create_event(&essaim_store::events::NewEvent {
            id: uuid::Uuid::now_v7(),
            fields: essaim_store::events::EventFields {
                kind: "meetup".into(),
                title: "Apéro des cantines".into(),
                description: String::new(),
                starts_at: start,
                ends_at: start + Duration::hours(2),
                address: "Place de la Liberté".into(),
                commune: "commune:29019".into(),
                departement: Some("29".into()),
                region: Some("53".into()),
                online_url: None,
                capacity: Some(20),
                registration_open: true,
            },
            organisers: vec![funder],
            created_by: claire,
            created_at: utc_now(),
        })
        .await
        .unwrap();
    app.store
        .register(event.id, claire, utc_now())
        .await
        .unwrap();
    // She takes part in a World Café on that event and types a table's harvest.
    app.store
        .put_cafe(
            event.id,
            &essaim_store::cafe::CafeSettings {
                layout: "size".into(),
                layout_value: 4,
                rounds: 1,
                round_minutes: 20,
                questions: vec!["Que manque-t-il ?".into()],
            },
            utc_now(),
        )
        .await
        .unwrap();
    app.store
        .cafe_sync_registrants(event.id, utc_now())
        .await
        .unwrap();
    app.store
        .cafe_put_harvest(
            event.id,
            1,
            2,
            "Une cantine ouverte le soir.",
            Some(claire),
            utc_now(),
        )
        .await
        .unwrap();
    ImpactWritten {
        measurement: m.id,
        contract: contract.id,
        event: event.id,
    }
}

/// The download link shown after asking for it.
async fn ask_for_link(app: &TestApp) -> String {
    let r = app.post_form("/compte/donnees", &[]).await;
    assert_eq!(r.status(), 200);
    // minijinja writes `/` in attributes as `&#x2f;`.
    let html = r.text().await.unwrap().replace("&#x2f;", "/");
    let start = html
        .find("/compte/donnees/telecharger?jeton=")
        .expect("the page shows the link");
    html[start..].split('"').next().unwrap().to_owned()
}

async fn a_person_downloads_their_data_once_with_a_short_lived_link(backend: Backend) {
    let Some(app) = TestApp::spawn(backend).await else {
        return;
    };
    // Anonymous: sent to sign in; without the CSRF token: refused.
    let r = app
        .client
        .post(app.at("/compte/donnees"))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 403, "no CSRF token");
    let r = app.post_form("/compte/donnees", &[]).await;
    assert_eq!(r.status(), 303);
    assert!(r.headers()["location"]
        .to_str()
        .unwrap()
        .starts_with("/connexion"));

    app.sign_up_and_in("claire@exemple.fr", "Claire Le Gall")
        .await;
    let page = publish(&app).await;
    let written = write_in_impact_contexts(&app, &page).await;
    let token = app.api_token().await;
    let link = ask_for_link(&app).await;
    // Asking again voids the first link.
    let second = ask_for_link(&app).await;
    assert_eq!(app.get(&link).await.status(), 410, "the older link is void");

    let r = app.get(&second).await;
    assert_eq!(r.status(), 200);
    assert!(r.headers()["content-type"]
        .to_str()
        .unwrap()
        .starts_with("application/json"));
    assert!(r.headers()["content-disposition"]
        .to_str()
        .unwrap()
        .starts_with("attachment; filename=\"essaim-mes-donnees-"));
    assert_eq!(r.headers()["cache-control"], "no-store");
    let data: serde_json::Value = r.json().await.unwrap();
    assert_eq!(data["format"], "essaim-personal-data/1");
    assert_eq!(data["account"]["email"], "claire@exemple.fr");
    assert_eq!(data["account"]["display_name"], "Claire Le Gall");
    assert_eq!(data["initiatives_created"].as_array().unwrap().len(), 1);
    assert!(
        data["sortition"].as_array().is_some(),
        "panel registrations listed"
    );
    assert_eq!(data["revisions"].as_array().unwrap().len(), 1);
    assert_eq!(data["api_tokens"][0]["name"], "tests");
    assert!(
        !data.to_string().contains(&token),
        "token secrets are never given back"
    );
    assert!(!data["sessions"].as_array().unwrap().is_empty());
    // What she wrote in the impact contexts.
    let impact = &data["impact"];
    assert_eq!(
        impact["indicators_proposed"][0]["code"],
        "arbres-plantes-a-recouvrance"
    );
    assert_eq!(
        impact["indicators_proposed"][0]["calculation_notes"],
        "Compter les arbres vivants."
    );
    assert_eq!(impact["plan_entries"][0]["indicator"], "repas-servis");
    assert_eq!(
        impact["measurements"][0]["id"],
        written.measurement.to_string()
    );
    assert_eq!(impact["measurements"][0]["value"], 120.0);
    assert_eq!(
        impact["measurements"][0]["source"],
        "Registre de la cantine"
    );
    assert_eq!(
        impact["verifications"][0]["measurement_id"],
        written.measurement.to_string()
    );
    assert_eq!(
        impact["verifications"][0]["note"],
        "Registre contrôlé sur place."
    );
    assert_eq!(
        impact["self_assessments"][0]["answers"][0]["comment"],
        "Des repas chaque midi."
    );
    assert_eq!(impact["contracts"][0]["id"], written.contract.to_string());
    // Her registration to an event.
    assert_eq!(data["events"][0]["event_id"], written.event.to_string());
    assert_eq!(data["events"][0]["title"], "Apéro des cantines");
    assert_eq!(data["events"][0]["status"], "confirmed");
    // Her World Café participation and the harvest she typed.
    assert_eq!(
        data["cafe"]["participations"][0]["event_id"],
        written.event.to_string()
    );
    assert_eq!(data["cafe"]["harvest"][0]["table"], 2);
    assert_eq!(
        data["cafe"]["harvest"][0]["body"],
        "Une cantine ouverte le soir."
    );
    assert_eq!(impact["contracts"][0]["title"], "Contrat repas");
    assert_eq!(impact["contracts"][0]["proposed_by_you"], true);
    assert_eq!(impact["contracts"][0]["signed_by_you"], false);
    let actions: Vec<&str> = data["audit_log"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["action"].as_str().unwrap())
        .collect();
    assert!(actions.contains(&"sign_in"), "{actions:?}");

    // Once only, and the download is in the audit log.
    let again = app.get(&second).await;
    assert_eq!(again.status(), 410);
    assert!(again.text().await.unwrap().contains("déjà été utilisé"));
    let exported = app
        .store
        .list_audit(Some("data_exported"), 10)
        .await
        .unwrap();
    assert_eq!(exported.len(), 1);

    // An expired link says so.
    let person = app
        .store
        .person_by_email("claire@exemple.fr")
        .await
        .unwrap()
        .unwrap();
    let now = utc_now();
    app.store
        .create_token(NewToken {
            hash: essaim_web::auth::secret_hash("expire"),
            purpose: "data_export",
            person_id: Some(person.id),
            payload: String::new(),
            created_at: now - Duration::hours(1),
            expires_at: now - Duration::minutes(45),
        })
        .await
        .unwrap();
    let r = app.get("/compte/donnees/telecharger?jeton=expire").await;
    assert_eq!(r.status(), 410);
    // Unknown or empty tokens: the same clear page, never a 500.
    for bad in ["", "jeton=", "jeton=../../etc"] {
        let r = app.get(&format!("/compte/donnees/telecharger?{bad}")).await;
        assert_eq!(r.status(), 410, "{bad}");
    }
}

async fn a_download_link_works_for_its_owner_only(backend: Backend) {
    let Some(app) = TestApp::spawn(backend).await else {
        return;
    };
    app.sign_up_and_in("claire@exemple.fr", "Claire").await;
    let link = ask_for_link(&app).await;
    let anonymous = app.other_browser();
    let r = anonymous.get(&link).await;
    assert_eq!(r.status(), 303, "signed-out: sent to sign in first");
    let other = app.other_browser();
    other.sign_up_and_in("yann@exemple.fr", "Yann").await;
    let r = other.get(&link).await;
    assert_eq!(r.status(), 404, "someone else's link is unknown to them");
    assert!(!r.text().await.unwrap().contains("claire@exemple.fr"));
    // It was not used up by the others' tries.
    assert_eq!(app.get(&link).await.status(), 200);
}

async fn a_person_deletes_their_account(backend: Backend) {
    let Some(app) = TestApp::spawn(backend).await else {
        return;
    };
    app.sign_up_and_in("claire@exemple.fr", "Claire Le Gall")
        .await;
    let page = publish(&app).await;
    let token = app.api_token().await;
    // A second session of the same person, in another browser.
    let laptop = app.other_browser();
    laptop.sign_in("claire@exemple.fr", PASSWORD).await;
    assert_eq!(laptop.get("/compte").await.status(), 200);
    let person = app
        .store
        .person_by_email("claire@exemple.fr")
        .await
        .unwrap()
        .unwrap();

    let (status, html) = app.get_html("/compte/suppression").await;
    assert_eq!(status, 200);
    crate::pages::assert_accessible_layout(&html, "/compte/suppression");
    let r = app
        .post_form(
            "/compte/suppression",
            &[("current_password", PASSWORD), ("understood", "oui")],
        )
        .await;
    assert_eq!(r.status(), 200);
    let cleared = r
        .headers()
        .get_all("set-cookie")
        .iter()
        .any(|c| c.to_str().unwrap().starts_with("essaim_session=;"));
    assert!(cleared, "the session cookie is cleared");
    assert!(r.text().await.unwrap().contains("Compte supprimé"));

    // Every way in is closed.
    assert_eq!(
        laptop.get("/compte").await.status(),
        303,
        "the other session ended"
    );
    let api = app
        .client
        .get(app.at("/api/v1/me"))
        .bearer_auth(&token)
        .send()
        .await
        .unwrap();
    assert_eq!(api.status(), 401, "the API token is revoked");
    let r = app
        .post_form(
            "/connexion",
            &[("email", "claire@exemple.fr"), ("password", PASSWORD)],
        )
        .await;
    assert_eq!(r.status(), 422, "the password no longer opens anything");
    // Personal fields erased; contributions stay, signed as a deleted account.
    let erased = app.store.person(person.id).await.unwrap().unwrap();
    assert_eq!(erased.display_name, "");
    assert!(!erased.email.contains("claire"));
    let (status, html) = app.get_html(&format!("{page}/historique")).await;
    assert_eq!(status, 200);
    assert!(html.contains("un compte supprimé"));
    assert!(!html.contains("Claire Le Gall"));
    let deleted = app
        .store
        .list_audit(Some("account_deleted"), 10)
        .await
        .unwrap();
    assert_eq!(deleted.len(), 1);
    assert_eq!(deleted[0].subject, format!("person:{}", person.id));
    // The address can open a new account.
    let fresh = app.other_browser();
    fresh.sign_up_and_in("claire@exemple.fr", "Claire").await;
}

async fn deletion_refuses_bad_input_and_keeps_the_account(backend: Backend) {
    let Some(app) = TestApp::spawn(backend).await else {
        return;
    };
    let r = app.get("/compte/suppression").await;
    assert_eq!(r.status(), 303, "signed-out visitors are sent to sign in");
    app.sign_up_and_in("claire@exemple.fr", "Claire").await;
    let r = app
        .client
        .post(app.at("/compte/suppression"))
        .form(&[("current_password", PASSWORD), ("understood", "oui")])
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 403, "no CSRF token");

    let r = app
        .post_form(
            "/compte/suppression",
            &[("current_password", "pas le bon"), ("understood", "oui")],
        )
        .await;
    assert_eq!(r.status(), 422);
    let html = r.text().await.unwrap();
    assert!(html.contains("Le mot de passe actuel est incorrect."));
    assert!(html.contains("aria-invalid=\"true\""));
    let r = app
        .post_form("/compte/suppression", &[("current_password", PASSWORD)])
        .await;
    assert_eq!(r.status(), 422);
    assert!(r
        .text()
        .await
        .unwrap()
        .contains("Cochez la case pour confirmer la suppression."));

    // The only manager of a structure names another one first.
    let r = app
        .post_form(
            "/structures",
            &[("name", "Les Ruches"), ("kind", "association")],
        )
        .await;
    assert_eq!(r.status(), 303, "{}", r.text().await.unwrap());
    let r = app
        .post_form(
            "/compte/suppression",
            &[("current_password", PASSWORD), ("understood", "oui")],
        )
        .await;
    assert_eq!(r.status(), 422);
    assert!(r.text().await.unwrap().contains("seul gestionnaire"));

    // Nothing was lost.
    let person = app
        .store
        .person_by_email("claire@exemple.fr")
        .await
        .unwrap()
        .unwrap();
    assert_eq!(person.display_name, "Claire");
    assert_eq!(app.get("/compte").await.status(), 200, "still signed in");
}

async fn failed_sign_ins_leave_no_address_in_the_audit_log(backend: Backend) {
    let Some(app) = TestApp::spawn(backend).await else {
        return;
    };
    let r = app
        .post_form(
            "/connexion",
            &[
                ("email", "Quelqu.un@Exemple.fr"),
                ("password", "mauvais mot de passe"),
            ],
        )
        .await;
    assert_eq!(r.status(), 422);
    let failed = app
        .store
        .list_audit(Some("sign_in_failed"), 10)
        .await
        .unwrap();
    assert_eq!(failed.len(), 1);
    assert!(
        failed[0].subject.starts_with("email_sha256:"),
        "{}",
        failed[0].subject
    );
    assert!(!failed[0].subject.to_lowercase().contains("exemple"));
    assert_eq!(
        failed[0].subject,
        essaim_web::audit::email_fingerprint("quelqu.un@exemple.fr")
    );
}
