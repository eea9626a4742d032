//! Administrative blockers (*blocages*): reporting, routing to the public hacker of the
//! territory, the status workflow with messages, private blockers kept to their parties, the
//! aggregate page that counts without details, the open data, the API, and every refusal.

use crate::common::{location, Backend, TestApp};
use essaim_domain::person::PlatformRole;
use serde_json::{json, Value};

crate::on_both_backends!(
    a_blocker_is_routed_to_the_hacker_of_its_territory_and_unblocked,
    private_blockers_are_for_their_parties_only,
    bad_reports_keep_values_and_markdown_is_sanitised,
    the_workflow_refuses_outsiders_and_forbidden_moves,
    the_api_reports_reads_and_moves_blockers,
    a_hacker_whose_remit_is_removed_loses_its_private_blockers,
    reports_are_throttled_per_person,
    erased_people_are_not_mailed,
    visibility_must_be_public_or_private,
    a_hacker_appointed_later_receives_the_open_blockers_of_the_remit,
);

/// An app with an admin (the main browser), a public hacker for the Finistère (département
/// 29) appointed through the admins' page, and a reporter: (app, hacker, reporter).
async fn world(backend: Backend) -> Option<(TestApp, TestApp, TestApp)> {
    let app = TestApp::spawn(backend).await?;
    app.sign_up_and_in("admin@exemple.fr", "Anne Admin").await;
    let admin = app
        .store
        .person_by_email("admin@exemple.fr")
        .await
        .unwrap()
        .unwrap();
    app.store
        .set_roles(admin.id, &[PlatformRole::Admin])
        .await
        .unwrap();
    let hacker = app.other_browser();
    hacker
        .sign_up_and_in("hacker@exemple.fr", "Hugo Hacker")
        .await;
    let reporter = app.other_browser();
    reporter
        .sign_up_and_in("porteuse@exemple.fr", "Paola Porteuse")
        .await;
    let r = app
        .post_form(
            "/blocages/hackers-publics",
            &[
                ("email", "hacker@exemple.fr"),
                ("territory", "departement:29"),
                ("theme", ""),
            ],
        )
        .await;
    assert_eq!(r.status(), 303, "hacker appointed");
    Some((app, hacker, reporter))
}

fn report<'a>(title: &'a str, visibility: &'a str) -> Vec<(&'a str, &'a str)> {
    vec![
        ("title", title),
        (
            "description",
            "Le dossier d’agrément **ESUS** attend depuis six mois.",
        ),
        ("administration", "Préfecture du Finistère"),
        ("since", "2026-03-01"),
        ("tried", "Deux relances, un rendez-vous."),
        ("territory", "Brest"),
        ("theme", ""),
        ("structure", ""),
        ("visibility", visibility),
    ]
}

async fn reported(app: &TestApp, title: &str, visibility: &str) -> String {
    let r = app.post_form("/blocages", &report(title, visibility)).await;
    assert_eq!(r.status(), 303, "reported: {}", r.text().await.unwrap());
    location(&r)
}

async fn a_blocker_is_routed_to_the_hacker_of_its_territory_and_unblocked(backend: Backend) {
    let Some((app, hacker, reporter)) = world(backend).await else {
        return;
    };
    let (status, html) = app.get_html("/blocages/hackers-publics").await;
    assert_eq!(status, 200);
    assert!(
        html.contains("Hugo Hacker") && html.contains("Finistère"),
        "{html}"
    );

    let path = reported(&reporter, "Agrément ESUS bloqué", "public").await;
    assert!(path.starts_with("/blocages/"));
    // Every page type has the site's accessible layout (one h1, landmarks, labels).
    for (who, page) in [
        (&reporter, "/blocages"),
        (&reporter, "/blocages/nouveau"),
        (&hacker, path.as_str()),
        (&reporter, path.as_str()),
        (&app, "/blocages/synthese"),
        (&app, "/blocages/hackers-publics"),
    ] {
        let (status, html) = who.get_html(page).await;
        assert_eq!(status, 200, "{page}");
        crate::pages::assert_accessible_layout(&html, page);
    }
    // The hacker of the département gets the commune's blocker by mail.
    let mail = app
        .outbox()
        .await
        .into_iter()
        .find(|m| m.to_address == "hacker@exemple.fr" && m.subject.contains("Agrément ESUS"))
        .expect("the hacker is mailed");
    assert!(mail.body.contains(&path), "{}", mail.body);

    let (status, html) = hacker.get_html(&path).await;
    assert_eq!(status, 200);
    assert!(
        html.contains("action=\"") && html.contains("/statut"),
        "status form for the hacker"
    );
    assert!(html.contains("<strong>ESUS</strong>"));
    let r = hacker
        .post_form(
            &format!("{path}/statut"),
            &[("status", "acknowledged"), ("note", "Je regarde.")],
        )
        .await;
    assert_eq!(r.status(), 303);
    let r = reporter
        .post_form(
            &format!("{path}/messages"),
            &[("body", "Merci, voici le numéro de dossier.")],
        )
        .await;
    assert_eq!(r.status(), 303);
    let r = hacker
        .post_form(
            &format!("{path}/statut"),
            &[("status", "unblocked"), ("note", "")],
        )
        .await;
    assert_eq!(r.status(), 303);

    let (status, html) = reporter.get_html(&path).await;
    assert_eq!(status, 200);
    assert!(html.contains("Débloqué"));
    assert!(html.contains("Merci, voici le numéro de dossier."));
    assert!(app
        .outbox()
        .await
        .iter()
        .any(|m| m.to_address == "porteuse@exemple.fr" && m.body.contains("Débloqué")));
    let audit = app
        .store
        .list_audit(Some("blocker_status_changed"), 10)
        .await
        .unwrap();
    assert_eq!(audit.len(), 2);

    // The aggregate page counts it, with the median time to unblock.
    let (status, html) = app.get_html("/blocages/synthese").await;
    assert_eq!(status, 200);
    assert!(html.contains("Préfecture du Finistère"));
    assert!(html.contains("Finistère") && html.contains("Bretagne"));
    assert!(!html.contains("Agrément ESUS"), "no title on the summary");
    // The median in days, a number with its plural (unblocked at once: "0 jour", not "0,0 jours").
    assert!(html.contains("<dd>0 jour</dd>"), "{html}");
    let en = app
        .other_browser()
        .client
        .get(app.at("/blocages/synthese"))
        .header("accept-language", "en")
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(en.contains("<dd>0 days</dd>"), "{en}");
    // Open data: the public blocker, with its Table Schema.
    let csv = app.get("/data/blocages.csv").await.text().await.unwrap();
    assert!(csv.starts_with("id,titre,administration"));
    assert!(csv.contains("Agrément ESUS bloqué") && csv.contains("unblocked"));
    assert!(!csv.contains("porteuse@exemple.fr") && !csv.contains("Paola"));
    let schema: Value = app
        .get("/schemas/blocages.json")
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(schema["fields"].as_array().unwrap().len(), 13);
    let dcat: Value = app
        .get("/data/catalogue.jsonld")
        .await
        .json()
        .await
        .unwrap();
    assert!(
        dcat.to_string().contains("/data/blocages.csv"),
        "in the DCAT catalogue"
    );
    // The list shows it to anyone.
    let (_, html) = app.other_browser().get_html("/blocages").await;
    assert!(html.contains("Agrément ESUS bloqué"));
}

async fn private_blockers_are_for_their_parties_only(backend: Backend) {
    let Some((app, hacker, reporter)) = world(backend).await else {
        return;
    };
    let path = reported(&reporter, "Subvention gelée en secret", "private").await;
    let outsider = app.other_browser();
    outsider
        .sign_up_and_in("curieux@exemple.fr", "Curieux")
        .await;

    for (who, expected) in [
        (&reporter, 200),
        (&hacker, 200),
        (&app, 200),
        (&outsider, 403),
    ] {
        let (status, _) = who.get_html(&path).await;
        assert_eq!(status, expected, "reading a private blocker");
    }
    let anonymous = app.other_browser();
    assert_eq!(anonymous.get(&path).await.status(), 404);
    // An outsider can neither write nor move it.
    let r = outsider
        .post_form(&format!("{path}/messages"), &[("body", "Je m’invite.")])
        .await;
    assert_eq!(r.status(), 403);
    let r = outsider
        .post_form(&format!("{path}/statut"), &[("status", "acknowledged")])
        .await;
    assert_eq!(r.status(), 403);
    // Lists, summary and open data keep it to its parties.
    let (_, html) = outsider.get_html("/blocages").await;
    assert!(!html.contains("Subvention gelée"));
    let (_, html) = hacker.get_html("/blocages").await;
    assert!(html.contains("Subvention gelée"));
    let (_, html) = anonymous.get_html("/blocages/synthese").await;
    assert!(!html.contains("Subvention gelée"));
    // Named only by a private report, the administration is counted without its name (the
    // reporter's free text).
    assert!(
        !html.contains("Préfecture du Finistère"),
        "a private report's words stay out of the summary"
    );
    assert!(
        html.contains("Administration non publiée"),
        "counted without detail"
    );
    let summary: Value = anonymous
        .client
        .get(anonymous.at("/api/v1/blockers/summary"))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(summary["total"], 1);
    assert_eq!(summary["by_administration"][0]["key"], "");
    assert_eq!(summary["by_administration"][0]["label"], "");
    assert_eq!(summary["by_administration"][0]["total"], 1);
    assert!(!summary.to_string().to_lowercase().contains("finist"));
    let csv = app.get("/data/blocages.csv").await.text().await.unwrap();
    assert!(!csv.contains("Subvention gelée"));
    // Through the API too.
    let token = outsider.api_token().await;
    let id = path.trim_start_matches("/blocages/");
    let r = outsider
        .client
        .get(outsider.at(&format!("/api/v1/blockers/{id}")))
        .bearer_auth(&token)
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 403);
    let list: Value = outsider
        .client
        .get(outsider.at("/api/v1/blockers"))
        .bearer_auth(&token)
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(list["total"], 0);
    // Once a public report names it, its public spelling shows, and the private one is
    // counted under it.
    let mut fields = report("Local refusé", "public");
    fields[2] = ("administration", "PRÉFECTURE du Finistère");
    let r = reporter.post_form("/blocages", &fields).await;
    assert_eq!(r.status(), 303);
    let summary: Value = anonymous
        .client
        .get(anonymous.at("/api/v1/blockers/summary"))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(
        summary["by_administration"][0]["label"],
        "PRÉFECTURE du Finistère"
    );
    assert_eq!(summary["by_administration"][0]["total"], 2);
}

async fn bad_reports_keep_values_and_markdown_is_sanitised(backend: Backend) {
    let Some((app, _hacker, reporter)) = world(backend).await else {
        return;
    };
    // A title that would add a mail header, an empty description, an ambiguous territory.
    let mut fields = report("Titre\r\nBcc: tous@exemple.fr", "public");
    fields[1] = ("description", "");
    fields[5] = ("territory", "Saint-Denis");
    fields[3] = ("since", "2099-01-01");
    let r = reporter.post_form("/blocages", &fields).await;
    assert_eq!(r.status(), 422);
    let html = r.text().await.unwrap();
    assert!(
        html.contains("Le titre doit tenir sur une ligne."),
        "{html}"
    );
    assert!(html.contains("Décrivez le blocage."));
    assert!(html.contains("La date ne peut pas être dans le futur."));
    assert!(html.contains("territory-suggestions"), "candidates offered");
    assert!(html.contains("Préfecture du Finistère"), "values kept");
    assert_eq!(
        app.store.count_blockers(&Default::default()).await.unwrap(),
        0
    );
    assert!(app
        .outbox()
        .await
        .iter()
        .all(|m| !m.subject.contains("Bcc")));

    // Markdown is sanitised.
    let mut fields = report("Script dans la description", "public");
    fields[1] = (
        "description",
        "<script>alert(1)</script>\n\n**gras** <img src=x onerror=alert(2)>",
    );
    let r = reporter.post_form("/blocages", &fields).await;
    assert_eq!(r.status(), 303);
    let (_, html) = app.get_html(&location(&r)).await;
    assert!(html.contains("<strong>gras</strong>"));
    assert!(!html.contains("<script>alert(1)") && !html.contains("onerror"));

    // Anonymous visitors are sent to sign in; the form needs an account.
    let anonymous = app.other_browser();
    let r = anonymous.get("/blocages/nouveau").await;
    assert_eq!(r.status(), 303);
    // Admins' page: unknown account, duplicate remit, and non-admins refused.
    let r = app
        .post_form(
            "/blocages/hackers-publics",
            &[
                ("email", "personne@exemple.fr"),
                ("territory", "departement:29"),
                ("theme", ""),
            ],
        )
        .await;
    assert_eq!(r.status(), 422);
    assert!(r
        .text()
        .await
        .unwrap()
        .contains("Aucun compte avec cette adresse."));
    let r = app
        .post_form(
            "/blocages/hackers-publics",
            &[
                ("email", "hacker@exemple.fr"),
                ("territory", "departement:29"),
                ("theme", ""),
            ],
        )
        .await;
    assert_eq!(r.status(), 422);
    assert_eq!(
        reporter.get("/blocages/hackers-publics").await.status(),
        403
    );
}

async fn the_workflow_refuses_outsiders_and_forbidden_moves(backend: Backend) {
    let Some((_app, hacker, reporter)) = world(backend).await else {
        return;
    };
    let path = reported(&reporter, "Local refusé", "public").await;
    // The reporter does not move the status: the hackers do.
    let r = reporter
        .post_form(&format!("{path}/statut"), &[("status", "unblocked")])
        .await;
    assert_eq!(r.status(), 403);
    let r = hacker
        .post_form(&format!("{path}/statut"), &[("status", "reported")])
        .await;
    assert_eq!(r.status(), 409);
    assert!(r
        .text()
        .await
        .unwrap()
        .contains("Ce changement de statut n’est pas possible"));
    let r = hacker
        .post_form(&format!("{path}/statut"), &[("status", "zzz")])
        .await;
    assert_eq!(r.status(), 422);
    let r = reporter
        .post_form(&format!("{path}/messages"), &[("body", "   ")])
        .await;
    assert_eq!(r.status(), 422);
    assert!(r.text().await.unwrap().contains("Écrivez un message."));
    // Someone who is not a party cannot write, even on a public blocker.
    let outsider = reporter.other_browser();
    outsider.sign_up_and_in("autre@exemple.fr", "Autre").await;
    let r = outsider
        .post_form(&format!("{path}/messages"), &[("body", "Bonjour")])
        .await;
    assert_eq!(r.status(), 403);
    // Closed, it only reopens.
    let r = hacker
        .post_form(&format!("{path}/statut"), &[("status", "not_solvable")])
        .await;
    assert_eq!(r.status(), 303);
    let r = hacker
        .post_form(&format!("{path}/statut"), &[("status", "unblocked")])
        .await;
    assert_eq!(r.status(), 409);
}

async fn the_api_reports_reads_and_moves_blockers(backend: Backend) {
    let Some((app, hacker, reporter)) = world(backend).await else {
        return;
    };
    let token = reporter.api_token().await;
    let hacker_token = hacker.api_token().await;
    let api = |path: &str| app.at(&format!("/api/v1{path}"));
    let body = json!({
        "title": "Agrément bloqué",
        "description": "Six mois d’attente.",
        "administration": "URSSAF Bretagne",
        "territory": "commune:29019",
        "theme": "alimentation",
        "public": true
    });
    let r = app
        .client
        .post(api("/blockers"))
        .bearer_auth(&token)
        .json(&body)
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 201);
    let created: Value = r.json().await.unwrap();
    let id = created["id"].as_str().unwrap().to_owned();
    assert_eq!(created["status"], "reported");

    let r = app
        .client
        .post(api("/blockers"))
        .bearer_auth(&token)
        .json(&json!({"title": "", "description": "", "administration": "", "territory": "x", "public": true}))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 422);
    let e: Value = r.json().await.unwrap();
    assert_eq!(e["code"], "invalid_input");

    let r = app
        .client
        .post(api(&format!("/blockers/{id}/status")))
        .bearer_auth(&hacker_token)
        .json(&json!({"status": "in_progress", "note": "Rendez-vous pris."}))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 200);
    let moved: Value = r.json().await.unwrap();
    assert_eq!(moved["status"], "in_progress");
    assert_eq!(moved["next"], json!(["unblocked", "not_solvable"]));
    let r = app
        .client
        .post(api(&format!("/blockers/{id}/status")))
        .bearer_auth(&token)
        .json(&json!({"status": "unblocked"}))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 403);
    let r = app
        .client
        .post(api(&format!("/blockers/{id}/messages")))
        .bearer_auth(&token)
        .json(&json!({"body": "Merci !"}))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 201);

    // Anonymous readers see the changes of status, not the messages.
    let one: Value = app
        .other_browser()
        .client
        .get(api(&format!("/blockers/{id}")))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(one["events"].as_array().unwrap().len(), 1);
    let summary: Value = app
        .client
        .get(api("/blockers/summary"))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(summary["total"], 1);
    assert_eq!(summary["by_status"]["in_progress"], 1);
    assert_eq!(summary["by_administration"][0]["key"], "urssaf bretagne");
}

async fn a_hacker_whose_remit_is_removed_loses_its_private_blockers(backend: Backend) {
    let Some((app, hacker, reporter)) = world(backend).await else {
        return;
    };
    let path = reported(&reporter, "Subvention gelée en secret", "private").await;
    let id = path.trim_start_matches("/blocages/").to_owned();
    let token = hacker.api_token().await;
    assert_eq!(hacker.get(&path).await.status(), 200, "routed, it reads");
    let (_, html) = reporter.get_html(&path).await;
    assert!(html.contains("Hugo Hacker"), "followed by the hacker");

    // An admin removes the remit.
    let remit = app.store.list_hackers().await.unwrap()[0].id;
    let r = app
        .post_form(
            &format!("/blocages/hackers-publics/{remit}/suppression"),
            &[],
        )
        .await;
    assert_eq!(r.status(), 303);

    assert_eq!(hacker.get(&path).await.status(), 403, "page");
    let (_, html) = reporter.get_html(&path).await;
    assert!(!html.contains("Hugo Hacker"), "no longer followed by them");
    let r = hacker
        .post_form(&format!("{path}/messages"), &[("body", "Encore là.")])
        .await;
    assert_eq!(r.status(), 403, "message");
    let r = hacker
        .post_form(&format!("{path}/statut"), &[("status", "acknowledged")])
        .await;
    assert_eq!(r.status(), 403, "status");
    let (_, html) = hacker.get_html("/blocages").await;
    assert!(!html.contains("Subvention gelée"), "list");
    let api = |p: &str| hacker.at(&format!("/api/v1/blockers/{id}{p}"));
    let r = hacker
        .client
        .get(api(""))
        .bearer_auth(&token)
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 403, "API read");
    let r = hacker
        .client
        .post(api("/messages"))
        .bearer_auth(&token)
        .json(&json!({"body": "Encore là."}))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 403, "API message");
    let r = hacker
        .client
        .post(api("/status"))
        .bearer_auth(&token)
        .json(&json!({"status": "acknowledged"}))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 403, "API status");
    // Nor is the former hacker mailed when the reporter writes.
    let mailed = |outbox: Vec<essaim_store::OutgoingMail>| {
        outbox
            .into_iter()
            .filter(|m| m.to_address == "hacker@exemple.fr")
            .count()
    };
    let before = mailed(app.outbox().await);
    let r = reporter
        .post_form(&format!("{path}/messages"), &[("body", "Du nouveau ?")])
        .await;
    assert_eq!(r.status(), 303);
    assert_eq!(
        mailed(app.outbox().await),
        before,
        "the former hacker is not mailed"
    );
}

async fn reports_are_throttled_per_person(backend: Backend) {
    let Some((app, _hacker, reporter)) = world(backend).await else {
        return;
    };
    for n in 0..10 {
        reported(&reporter, &format!("Blocage numéro {n}"), "public").await;
    }
    let r = reporter
        .post_form("/blocages", &report("Blocage de trop", "public"))
        .await;
    assert_eq!(r.status(), 429);
    assert!(r
        .text()
        .await
        .unwrap()
        .contains("Vous avez signalé beaucoup de blocages dans l’heure"));
    assert_eq!(
        app.store.count_blockers(&Default::default()).await.unwrap(),
        10
    );
    // Someone else still reports.
    let other = app.other_browser();
    other.sign_up_and_in("autre@exemple.fr", "Autre").await;
    reported(&other, "Un autre blocage", "public").await;
}

async fn erased_people_are_not_mailed(backend: Backend) {
    let Some((app, hacker, reporter)) = world(backend).await else {
        return;
    };
    let path = reported(&reporter, "Local refusé", "public").await;
    let reporter_id = app
        .store
        .person_by_email("porteuse@exemple.fr")
        .await
        .unwrap()
        .unwrap()
        .id;
    assert!(app
        .store
        .erase_person(reporter_id, chrono::Utc::now())
        .await
        .unwrap());
    let r = hacker
        .post_form(
            &format!("{path}/statut"),
            &[("status", "acknowledged"), ("note", "")],
        )
        .await;
    assert_eq!(r.status(), 303);
    let r = hacker
        .post_form(&format!("{path}/messages"), &[("body", "Des nouvelles ?")])
        .await;
    assert_eq!(r.status(), 303);
    assert!(
        app.outbox()
            .await
            .iter()
            .all(|m| !m.to_address.ends_with(".invalid")),
        "no mail to an erased address"
    );
}

async fn visibility_must_be_public_or_private(backend: Backend) {
    let Some((app, _hacker, reporter)) = world(backend).await else {
        return;
    };
    // The form proposes private first.
    let (status, html) = reporter.get_html("/blocages/nouveau").await;
    assert_eq!(status, 200);
    assert!(
        html.contains("id=\"visibility-private\" name=\"visibility\" value=\"private\" checked"),
        "{html}"
    );
    assert!(!html.contains("value=\"public\" checked"));
    for bogus in ["Public", "publique", ""] {
        let r = reporter
            .post_form("/blocages", &report("Visibilité douteuse", bogus))
            .await;
        assert_eq!(r.status(), 422, "{bogus:?}");
        let html = r.text().await.unwrap();
        assert!(
            html.contains("Choisissez « public » ou « privé »."),
            "{html}"
        );
        assert!(
            html.contains("value=\"private\" checked"),
            "re-rendered private"
        );
    }
    assert_eq!(
        app.store.count_blockers(&Default::default()).await.unwrap(),
        0
    );
}

async fn a_hacker_appointed_later_receives_the_open_blockers_of_the_remit(backend: Backend) {
    let Some((app, _hacker, reporter)) = world(backend).await else {
        return;
    };
    // Two blockers in Rennes (Ille-et-Vilaine), where nobody is a public hacker yet: one
    // private and open, one public that the admin closes.
    let mut form = report("Local associatif refusé à Rennes", "private");
    form.retain(|(k, _)| *k != "territory");
    form.push(("territory", "commune:35238"));
    let open = {
        let r = reporter.post_form("/blocages", &form).await;
        assert_eq!(r.status(), 303, "{}", r.text().await.unwrap());
        location(&r)
    };
    let mut form = report("Subvention bloquée à Rennes", "public");
    form.retain(|(k, _)| *k != "territory");
    form.push(("territory", "commune:35238"));
    let closed = {
        let r = reporter.post_form("/blocages", &form).await;
        assert_eq!(r.status(), 303);
        location(&r)
    };
    let r = app
        .post_form(
            &format!("{closed}/statut"),
            &[("status", "not_solvable"), ("note", "Hors de portée.")],
        )
        .await;
    assert_eq!(r.status(), 303);

    let late = app.other_browser();
    late.sign_up_and_in("tard@exemple.fr", "Lou Tardif").await;
    assert_eq!(late.get(&open).await.status(), 403, "not a party yet");
    let r = app
        .post_form(
            "/blocages/hackers-publics",
            &[
                ("email", "tard@exemple.fr"),
                ("territory", "departement:35"),
                ("theme", ""),
            ],
        )
        .await;
    assert_eq!(r.status(), 303);

    // The open blocker is routed to the new hacker and mailed; the closed one is not.
    let (status, html) = late.get_html(&open).await;
    assert_eq!(status, 200, "{html}");
    assert!(html.contains("Lou Tardif"), "named among the hackers");
    let mails: Vec<_> = app
        .outbox()
        .await
        .into_iter()
        .filter(|m| m.to_address == "tard@exemple.fr" && m.subject.starts_with("Blocage"))
        .collect();
    assert_eq!(mails.len(), 1, "{mails:?}");
    assert!(mails[0].subject.contains("Local associatif refusé"));
    assert!(mails[0].body.contains(&open));
    let (_, html) = late.get_html(&closed).await;
    assert!(
        !html.contains("Lou Tardif"),
        "a closed blocker is not routed"
    );

    // Appointed again for the same territory with a theme: nothing is routed twice.
    let r = app
        .post_form(
            "/blocages/hackers-publics",
            &[
                ("email", "tard@exemple.fr"),
                ("territory", "commune:35238"),
                ("theme", ""),
            ],
        )
        .await;
    assert_eq!(r.status(), 303);
    let again = app
        .outbox()
        .await
        .into_iter()
        .filter(|m| m.to_address == "tard@exemple.fr" && m.subject.starts_with("Blocage"))
        .count();
    assert_eq!(again, 1, "no second mail for a blocker already routed");
}
