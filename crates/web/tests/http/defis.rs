//! Défis: a structure manager posts one (bad input comes back with what was typed), adds a
//! co-owner whose managers may then edit it, drafts are hidden from others, the catalogue
//! filters, and the API (list, get, create, update; 404 to non-owners; bad input explained).

use crate::common::{location, Backend, TestApp};
use serde_json::{json, Value};

crate::on_both_backends!(
    a_defi_is_posted_co_owned_and_filtered,
    the_defis_api_checks_input_and_owners,
    the_catalogue_leaves_drafts_out_of_its_pages_and_counts,
    co_owners_and_sponsors_added_are_audited,
);

pub async fn create_structure(app: &TestApp, name: &str) -> String {
    let r = app
        .post_form(
            "/structures",
            &[
                ("name", name),
                ("kind", "association"),
                ("territory", "commune:29019"),
            ],
        )
        .await;
    assert_eq!(r.status(), 303, "structure created");
    location(&r).trim_start_matches("/structures/").to_owned()
}

/// Posts a valid défi owned by `owner`; returns its id.
pub async fn post_defi(app: &TestApp, owner: &str, title: &str, extra: &[(&str, &str)]) -> String {
    let mut fields = vec![
        ("title", title),
        (
            "question",
            "Comment réduire le gaspillage dans les cantines ?",
        ),
        ("context", "Des **repas** jetés chaque jour."),
        ("deliverable", "Un prototype testé"),
        ("territory", "Finistère"),
        ("status", "published"),
        ("challenge", "alimentation"),
        ("owner", owner),
    ];
    fields.extend_from_slice(extra);
    let r = app.post_form("/defis", &fields).await;
    assert_eq!(r.status(), 303, "défi posted: {}", r.text().await.unwrap());
    location(&r).trim_start_matches("/defis/").to_owned()
}

async fn a_defi_is_posted_co_owned_and_filtered(backend: Backend) {
    let Some(app) = TestApp::spawn(backend).await else {
        return;
    };
    app.sign_up_and_in("asso@exemple.fr", "Aline").await;
    let ruches = create_structure(&app, "Les Ruches de Brest").await;
    let mairie_browser = app.other_browser();
    mairie_browser
        .sign_up_and_in("mairie@exemple.fr", "Marc")
        .await;
    let mairie = create_structure(&mairie_browser, "Mairie de Landerneau").await;
    let banque_browser = app.other_browser();
    banque_browser
        .sign_up_and_in("banque@exemple.fr", "Bérénice")
        .await;
    create_structure(&banque_browser, "Banque du Ponant").await;

    let (status, html) = app.get_html("/defis/nouveau").await;
    assert_eq!(status, 200, "{html}");
    crate::pages::assert_accessible_layout(&html, "/defis/nouveau");

    // Bad input: every refusal named, what was typed kept.
    let r = app
        .post_form(
            "/defis",
            &[
                ("title", ""),
                ("question", "Comment mieux manger ?"),
                ("context", "Un contexte tapé avec soin"),
                ("territory", "Nulle-Part-Sur-Mer"),
                ("challenge", "licornes"),
                ("sponsors", "Structure Inexistante"),
                ("owner", &ruches),
            ],
        )
        .await;
    assert_eq!(r.status(), 422);
    let html = r.text().await.unwrap();
    assert!(html.contains("Donnez un titre au défi."));
    assert!(html.contains("Cette thématique n’existe pas"));
    assert!(html.contains("Aucune structure ne porte ce nom"));
    assert!(
        html.contains("Un contexte tapé avec soin"),
        "the context stays"
    );
    assert!(html.contains("Comment mieux manger ?"));
    // Not on behalf of a structure one does not manage.
    let r = app
        .post_form(
            "/defis",
            &[("title", "Volé"), ("question", "?"), ("owner", &mairie)],
        )
        .await;
    assert_eq!(r.status(), 422);
    assert!(r.text().await.unwrap().contains("que vous gérez"));

    let id = post_defi(
        &app,
        &ruches,
        "Zéro gaspi",
        &[("sponsors", "Banque du Ponant")],
    )
    .await;
    let (status, html) = app.get_html(&format!("/defis/{id}")).await;
    assert_eq!(status, 200);
    crate::pages::assert_accessible_layout(&html, "/defis/{id}");
    assert!(html.contains("Zéro gaspi"));
    assert!(html.contains("<strong>repas</strong>"));
    assert!(html.contains("Banque du Ponant"));
    assert!(html.contains("Finistère"));

    // The mairie cannot edit yet (404); once co-owner it can.
    assert_eq!(
        mairie_browser
            .get(&format!("/defis/{id}/modifier"))
            .await
            .status(),
        404
    );
    let r = app
        .post_form(
            &format!("/defis/{id}/coproprietaires"),
            &[("structure", "Personne")],
        )
        .await;
    assert_eq!(r.status(), 422);
    assert!(r.text().await.unwrap().contains("value=\"Personne\""));
    let r = app
        .post_form(
            &format!("/defis/{id}/coproprietaires"),
            &[("structure", "Mairie de Landerneau")],
        )
        .await;
    assert_eq!(r.status(), 303);
    let r = app
        .post_form(
            &format!("/defis/{id}/coproprietaires"),
            &[("structure", "Mairie de Landerneau")],
        )
        .await;
    assert_eq!(r.status(), 422, "already an owner");
    let (status, html) = mairie_browser
        .get_html(&format!("/defis/{id}/modifier"))
        .await;
    assert_eq!(status, 200);
    crate::pages::assert_accessible_layout(&html, "/defis/{id}/modifier");
    let r = mairie_browser
        .post_form(
            &format!("/defis/{id}/modifier"),
            &[
                ("title", "Zéro gaspi en Pays de Landerneau"),
                ("question", "Comment réduire le gaspillage ?"),
                ("territory", "departement:29"),
                ("status", "published"),
                ("challenge", "alimentation"),
                ("sponsors", "Banque du Ponant"),
            ],
        )
        .await;
    assert_eq!(r.status(), 303);
    let d = app
        .store
        .get_defi(id.parse().unwrap())
        .await
        .unwrap()
        .unwrap();
    assert_eq!(d.row.title, "Zéro gaspi en Pays de Landerneau");
    assert_eq!(d.owners.len(), 2);
    // The banque only sponsors: no edit.
    assert_eq!(
        banque_browser
            .post_form(
                &format!("/defis/{id}/modifier"),
                &[("title", "Détourné"), ("question", "?")]
            )
            .await
            .status(),
        404
    );

    // The catalogue and its filters.
    let (status, html) = app.get_html("/defis").await;
    assert_eq!(status, 200);
    crate::pages::assert_accessible_layout(&html, "/defis");
    assert!(html.contains("Zéro gaspi en Pays de Landerneau"));
    let (_, html) = app
        .get_html("/defis?defi=alimentation&territoire=departement:29")
        .await;
    assert!(html.contains("Zéro gaspi"));
    let (_, html) = app.get_html("/defis?defi=inclusion").await;
    assert!(!html.contains("Zéro gaspi"));
    let (_, html) = app.get_html("/defis?territoire=departement:35").await;
    assert!(!html.contains("Zéro gaspi"));
    let (_, html) = app.get_html(&format!("/defis?structure={mairie}")).await;
    assert!(
        html.contains("Zéro gaspi"),
        "the co-owner finds it on its list"
    );

    // A draft is hidden from others.
    let draft = post_defi(&app, &ruches, "Brouillon secret", &[("status", "draft")]).await;
    assert_eq!(app.get(&format!("/defis/{draft}")).await.status(), 200);
    assert_eq!(
        banque_browser
            .get(&format!("/defis/{draft}"))
            .await
            .status(),
        404
    );
    let (_, html) = banque_browser.get_html("/defis").await;
    assert!(!html.contains("Brouillon secret"));
}

async fn the_defis_api_checks_input_and_owners(backend: Backend) {
    let Some(app) = TestApp::spawn(backend).await else {
        return;
    };
    app.sign_up_and_in("asso@exemple.fr", "Aline").await;
    let ruches = create_structure(&app, "Les Ruches de Brest").await;
    let token = app.api_token().await;
    let r = app
        .client
        .post(app.at("/api/v1/defis"))
        .bearer_auth(&token)
        .json(&json!({ "title": "", "question": "", "owners": [ruches] }))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 422);
    let body: Value = r.json().await.unwrap();
    assert_eq!(body["code"], "invalid_input");
    let r = app
        .client
        .post(app.at("/api/v1/defis"))
        .bearer_auth(&token)
        .json(&json!({
            "title": "Mobilités rurales", "question": "Comment se déplacer sans voiture ?",
            "territory": "departement:29", "challenges": ["mobilite"], "owners": [ruches],
        }))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 201, "{:?}", r.text().await);
    let created: Value = r.json().await.unwrap();
    let id = created["id"].as_str().unwrap().to_owned();
    assert_eq!(created["owners"][0]["name"], "Les Ruches de Brest");
    assert_eq!(created["departement"], "29");

    let list: Value = app
        .get("/api/v1/defis?territory=departement:29")
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(list["total"], 1);
    assert_eq!(list["items"][0]["id"], id.as_str());
    assert_eq!(
        app.get("/api/v1/defis?territory=nulle-part").await.status(),
        422
    );
    assert_eq!(app.get("/api/v1/defis?status=draft").await.status(), 422);
    let one: Value = app
        .get(&format!("/api/v1/defis/{id}"))
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(one["title"], "Mobilités rurales");

    // Another person's update: 404, nothing changed.
    let other = app.other_browser();
    other.sign_up_and_in("autre@exemple.fr", "Olivier").await;
    let other_token = other.api_token().await;
    let r = app
        .client
        .put(app.at(&format!("/api/v1/defis/{id}")))
        .bearer_auth(&other_token)
        .json(&json!({ "title": "Détourné", "question": "?" }))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 404);
    let r = app
        .client
        .put(app.at(&format!("/api/v1/defis/{id}")))
        .bearer_auth(&token)
        .json(
            &json!({ "title": "Mobilités rurales", "question": "Comment ?",
            "sponsors": ["01890000-0000-7000-8000-000000000000"] }),
        )
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 422, "an unknown sponsor");
    let r = app
        .client
        .put(app.at(&format!("/api/v1/defis/{id}")))
        .bearer_auth(&token)
        .json(&json!({ "title": "Mobilités rurales et solidaires", "question": "Comment ?", "status": "closed" }))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 200);
    let d = app
        .store
        .get_defi(id.parse().unwrap())
        .await
        .unwrap()
        .unwrap();
    assert_eq!(d.row.title, "Mobilités rurales et solidaires");
    assert_eq!(d.row.status, "closed");
}

async fn the_catalogue_leaves_drafts_out_of_its_pages_and_counts(backend: Backend) {
    let Some(app) = TestApp::spawn(backend).await else {
        return;
    };
    app.sign_up_and_in("asso@exemple.fr", "Aline").await;
    let me = app
        .store
        .person_by_email("asso@exemple.fr")
        .await
        .unwrap()
        .unwrap()
        .id;
    let ruches: uuid::Uuid = create_structure(&app, "Les Ruches de Brest")
        .await
        .parse()
        .unwrap();
    let fields = |title: &str, status: &str| essaim_store::defis::DefiFields {
        title: title.into(),
        question: "Comment faire ?".into(),
        status: status.into(),
        ..Default::default()
    };
    let new = |title: &str, status: &str| essaim_store::defis::NewDefi {
        id: uuid::Uuid::now_v7(),
        fields: fields(title, status),
        owners: vec![ruches],
        created_by: me,
        created_at: essaim_store::utc_now(),
    };
    // One published défi, then a whole page (30) of newer drafts.
    app.store
        .create_defi(&new("Le seul publié", "published"))
        .await
        .unwrap();
    for n in 0..30 {
        app.store
            .create_defi(&new(&format!("Brouillon {n:02}"), "draft"))
            .await
            .unwrap();
    }

    // A visitor's first page holds the published défi, and nothing counts the drafts.
    let visitor = app.other_browser();
    let (status, html) = visitor.get_html("/defis").await;
    assert_eq!(status, 200);
    assert!(
        html.contains("Le seul publié"),
        "the page is not emptied by drafts"
    );
    assert!(!html.contains("Brouillon"));
    let list: Value = visitor
        .get("/api/v1/defis?limit=5")
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(list["total"], 1);
    assert_eq!(list["items"].as_array().unwrap().len(), 1);
    assert_eq!(list["items"][0]["title"], "Le seul publié");
    let list: Value = visitor
        .get("/api/v1/defis?limit=1&offset=1")
        .await
        .json()
        .await
        .unwrap();
    assert!(list["items"].as_array().unwrap().is_empty());

    // Their manager sees their drafts, paged with the rest: 31 in two pages.
    let (_, first) = app.get_html("/defis").await;
    assert!(first.contains("Brouillon 29") && !first.contains("Le seul publié"));
    let (_, second) = app.get_html("/defis?page=2").await;
    assert!(second.contains("Le seul publié"));
    // Somebody else signed in does not.
    let other = app.other_browser();
    other.sign_up_and_in("autre@exemple.fr", "Olivier").await;
    let (_, html) = other.get_html("/defis").await;
    assert!(html.contains("Le seul publié") && !html.contains("Brouillon"));
}

async fn co_owners_and_sponsors_added_are_audited(backend: Backend) {
    let Some(app) = TestApp::spawn(backend).await else {
        return;
    };
    app.sign_up_and_in("asso@exemple.fr", "Aline").await;
    let ruches = create_structure(&app, "Les Ruches de Brest").await;
    let mairie_browser = app.other_browser();
    mairie_browser
        .sign_up_and_in("mairie@exemple.fr", "Marc")
        .await;
    let mairie = create_structure(&mairie_browser, "Mairie de Landerneau").await;
    let banque_browser = app.other_browser();
    banque_browser
        .sign_up_and_in("banque@exemple.fr", "Bérénice")
        .await;
    let banque = create_structure(&banque_browser, "Banque du Ponant").await;
    let id = post_defi(&app, &ruches, "Zéro gaspi", &[]).await;
    let r = app
        .post_form(
            &format!("/defis/{id}/coproprietaires"),
            &[("structure", "Mairie de Landerneau")],
        )
        .await;
    assert_eq!(r.status(), 303);
    let r = app
        .post_form(
            &format!("/defis/{id}/modifier"),
            &[
                ("title", "Zéro gaspi"),
                (
                    "question",
                    "Comment réduire le gaspillage dans les cantines ?",
                ),
                ("territory", "Finistère"),
                ("status", "published"),
                ("challenge", "alimentation"),
                ("sponsors", "Banque du Ponant"),
            ],
        )
        .await;
    assert_eq!(r.status(), 303, "{}", r.text().await.unwrap());
    let audit = app.store.list_audit(None, 200).await.unwrap();
    let me = app
        .store
        .person_by_email("asso@exemple.fr")
        .await
        .unwrap()
        .unwrap()
        .id;
    for (action, structure) in [
        ("defi_owner_added", &mairie),
        ("defi_sponsor_added", &banque),
    ] {
        assert!(
            audit.iter().any(|e| e.action == action
                && e.subject == format!("defi:{id}")
                && e.detail == format!("structure:{structure}")
                && e.actor_id == Some(me)),
            "{action} audited"
        );
    }
    // An edit that adds no sponsor records nothing more.
    let before = audit.len();
    let r = app
        .post_form(
            &format!("/defis/{id}/modifier"),
            &[
                ("title", "Zéro gaspi, encore"),
                (
                    "question",
                    "Comment réduire le gaspillage dans les cantines ?",
                ),
                ("territory", "Finistère"),
                ("status", "published"),
                ("challenge", "alimentation"),
                ("sponsors", "Banque du Ponant"),
            ],
        )
        .await;
    assert_eq!(r.status(), 303);
    assert_eq!(app.store.list_audit(None, 200).await.unwrap().len(), before);
}
