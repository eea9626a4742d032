use crate::common::{Backend, TestApp};
use serde_json::{json, Value};

crate::on_both_backends!(
    a_person_publishes_edits_and_restores_an_initiative,
    catalogue_finds_shared_gardens_and_filters,
    odd_searches_never_fail,
    a_person_forks_into_their_commune_and_the_lineage_grows,
    drafts_are_private_and_editing_is_for_editors,
    markdown_comes_out_inert,
    initiative_form_refuses_bad_input_and_keeps_values,
    api_lists_creates_forks_and_restores,
    atom_feed_follows_a_search,
    cover_images_are_cleaned_and_bad_files_refused,
    others_propose_edits_that_editors_accept_or_reject,
    the_catalogue_follows_writes_made_elsewhere,
);

async fn create(
    app: &TestApp,
    title: &str,
    summary: &str,
    territories: &str,
    publish: bool,
) -> String {
    let action = if publish { "publish" } else { "draft" };
    let r = app
        .post_form(
            "/initiatives",
            &[
                ("title", title),
                ("summary", summary),
                ("description", "Une **belle** histoire."),
                ("challenges", "alimentation"),
                ("challenges", "inclusion"),
                ("territories", territories),
                ("stage", "experimentation"),
                ("steps", "Réunir les voisins\nTrouver un terrain"),
                ("pitfalls", "L'arrosage l'été"),
                ("action", action),
            ],
        )
        .await;
    assert_eq!(r.status(), 303, "{}", r.text().await.unwrap());
    r.headers()["location"].to_str().unwrap().to_owned()
}

async fn a_person_publishes_edits_and_restores_an_initiative(backend: Backend) {
    let Some(app) = TestApp::spawn(backend).await else {
        return;
    };
    app.sign_up_and_in("claire@exemple.fr", "Claire").await;
    let page = create(
        &app,
        "Jardins partagés des Capucins",
        "Des jardins cultivés ensemble.",
        "Brest",
        true,
    )
    .await;
    let (status, html) = app.get_html(&page).await;
    assert_eq!(status, 200);
    assert!(html.contains("Jardins partagés des Capucins"));
    assert!(html.contains("Réunir les voisins"), "the recipe's steps");
    assert!(
        html.contains("application/ld+json") && html.contains("\"license\""),
        "schema.org JSON-LD"
    );
    assert!(
        html.contains("creativecommons.org/licenses/by-sa/4.0"),
        "CC BY-SA by default"
    );
    let r = app
        .post_form(
            &format!("{page}/modifier"),
            &[
                ("title", "Jardins partagés des Capucins"),
                (
                    "summary",
                    "Des jardins cultivés ensemble au pied des tours.",
                ),
                ("territories", "commune:29019"),
                ("stage", "consolidation"),
                ("steps", "Réunir les voisins\nTrouver une friche"),
                ("message", "Nouvelles étapes"),
            ],
        )
        .await;
    assert_eq!(r.status(), 303);
    let (_, history) = app.get_html(&format!("{page}/historique")).await;
    assert!(history.contains("Nouvelles étapes"));
    assert!(
        history.contains("Trouver une friche") && history.contains("Trouver un terrain"),
        "the diff shows both lines"
    );
    let r = app
        .post_form(&format!("{page}/historique/1/restaurer"), &[])
        .await;
    assert_eq!(r.status(), 303);
    let id: uuid::Uuid = page.trim_start_matches("/initiatives/").parse().unwrap();
    let i = app.store.initiative(id).await.unwrap().unwrap();
    assert_eq!(i.revision, 3, "a restore is a new revision");
    assert_eq!(i.content.recipe.steps[1], "Trouver un terrain");
}

async fn catalogue_finds_shared_gardens_and_filters(backend: Backend) {
    let Some(app) = TestApp::spawn(backend).await else {
        return;
    };
    app.sign_up_and_in("claire@exemple.fr", "Claire").await;
    create(
        &app,
        "Jardin partagé de Kerinou",
        "Un jardin partagé au pied des tours.",
        "Brest",
        true,
    )
    .await;
    create(
        &app,
        "Atelier vélo",
        "Réparer son vélo ensemble.",
        "Rennes",
        true,
    )
    .await;
    create(
        &app,
        "Jardin en brouillon",
        "Un jardin partagé pas encore publié.",
        "Brest",
        false,
    )
    .await;
    let (status, html) = app.get_html("/initiatives?q=jardins+partages").await;
    assert_eq!(status, 200);
    assert!(html.contains("<mark>"), "matches highlighted");
    assert!(html.contains("Kerinou"));
    assert!(!html.contains("Atelier vélo") && !html.contains("brouillon"));
    let (_, html) = app.get_html("/initiatives?departement=35").await;
    assert!(
        html.contains("Atelier vélo") && !html.contains("Kerinou"),
        "the map's département filter"
    );
    let (_, html) = app.get_html("/initiatives").await;
    assert!(
        html.contains("<svg") && html.contains("departement=29"),
        "the map links filter by département"
    );
    assert_eq!(app.get("/initiatives?etape=lune").await.status(), 400);
    assert_eq!(app.get("/initiatives?tri=hasard").await.status(), 400);
    let (_, html) = app.get_html("/initiatives?tri=titre").await;
    assert!(html.find("Atelier vélo").unwrap() < html.find("Kerinou").unwrap());
}

async fn odd_searches_never_fail(backend: Backend) {
    let Some(app) = TestApp::spawn(backend).await else {
        return;
    };
    let long = "jardin ".repeat(1500);
    for q in [
        "\"jardin",
        "le la les",
        "NEAR(a b)",
        "jardin*",
        "titre:jardin",
        "^jardin",
        "-seul",
        "OR",
        "\"\"",
        long.as_str(),
    ] {
        let url = format!(
            "/initiatives?q={}",
            url::form_urlencoded::byte_serialize(q.as_bytes()).collect::<String>()
        );
        assert_eq!(app.get(&url).await.status(), 200, "{q:.40}");
        let api = format!(
            "/api/v1/initiatives?q={}",
            url::form_urlencoded::byte_serialize(q.as_bytes()).collect::<String>()
        );
        assert_eq!(app.get(&api).await.status(), 200, "api {q:.40}");
    }
}

async fn a_person_forks_into_their_commune_and_the_lineage_grows(backend: Backend) {
    let Some(app) = TestApp::spawn(backend).await else {
        return;
    };
    app.sign_up_and_in("claire@exemple.fr", "Claire").await;
    let page = create(
        &app,
        "Repair café de Brest",
        "Réparer ensemble.",
        "Brest",
        true,
    )
    .await;
    let anonymous = app.other_browser();
    assert_eq!(
        anonymous.get(&format!("{page}/reprendre")).await.status(),
        303,
        "sign in first"
    );
    let leo = app.other_browser();
    leo.sign_up_and_in("leo@exemple.fr", "Léo").await;
    let bad = leo
        .post_form(
            &format!("{page}/reprendre"),
            &[("territory", "Nulle-Part-sur-Mer")],
        )
        .await;
    assert_eq!(bad.status(), 422);
    let r = leo
        .post_form(
            &format!("{page}/reprendre"),
            &[
                ("territory", "Quimper"),
                ("title", "Repair café de Quimper"),
            ],
        )
        .await;
    assert_eq!(r.status(), 303);
    let copy_page = r.headers()["location"].to_str().unwrap().to_owned();
    let copy_id: uuid::Uuid = copy_page
        .trim_start_matches("/initiatives/")
        .parse()
        .unwrap();
    let copy = app.store.initiative(copy_id).await.unwrap().unwrap();
    assert_eq!(copy.content.territories[0].to_string(), "commune:29232");
    assert_eq!(
        copy.content.recipe.steps[0], "Réunir les voisins",
        "the recipe is copied"
    );
    assert_eq!(
        copy.content.licence.as_str(),
        "CC-BY-SA-4.0",
        "the licence travels"
    );
    let (_, html) = leo.get_html(&copy_page).await;
    assert!(
        html.contains("Repair café de Brest"),
        "attribution to the source"
    );
    leo.post_form(&format!("{copy_page}/statut"), &[("status", "published")])
        .await;
    let (_, source_html) = app.get_html(&page).await;
    assert!(
        source_html.contains("Repair café de Quimper"),
        "the source shows where it spread"
    );
    let (status, lineage) = app.get_html(&format!("{page}/lignee")).await;
    assert_eq!(status, 200);
    assert!(lineage.contains("Repair café de Quimper"));
}

async fn drafts_are_private_and_editing_is_for_editors(backend: Backend) {
    let Some(app) = TestApp::spawn(backend).await else {
        return;
    };
    app.sign_up_and_in("claire@exemple.fr", "Claire").await;
    let draft = create(&app, "Projet secret", "Pas encore prêt.", "Brest", false).await;
    let public = create(&app, "Projet public", "Déjà prêt.", "Brest", true).await;
    let leo = app.other_browser();
    leo.sign_up_and_in("leo@exemple.fr", "Léo").await;
    assert_eq!(leo.get(&draft).await.status(), 404);
    assert_eq!(app.other_browser().get(&draft).await.status(), 404);
    assert_eq!(
        leo.post_form(&format!("{draft}/reprendre"), &[("territory", "Quimper")])
            .await
            .status(),
        404,
        "no fork of a draft by others"
    );
    assert_eq!(leo.get(&format!("{public}/modifier")).await.status(), 403);
    let r = leo
        .post_form(
            &format!("{public}/modifier"),
            &[
                ("title", "Volé"),
                ("summary", "x"),
                ("territories", "Brest"),
                ("stage", "idee"),
            ],
        )
        .await;
    assert_eq!(r.status(), 403);
    assert_eq!(
        leo.post_form(&format!("{public}/statut"), &[("status", "archived")])
            .await
            .status(),
        403
    );
    assert_eq!(
        leo.post_form(&format!("{public}/historique/1/restaurer"), &[])
            .await
            .status(),
        403
    );
    app.post_form(&format!("{public}/statut"), &[("status", "archived")])
        .await;
    assert_eq!(
        leo.post_form(&format!("{public}/reprendre"), &[("territory", "Quimper")])
            .await
            .status(),
        403,
        "no fork of an archived initiative by others"
    );
}

async fn markdown_comes_out_inert(backend: Backend) {
    let Some(app) = TestApp::spawn(backend).await else {
        return;
    };
    app.sign_up_and_in("claire@exemple.fr", "Claire").await;
    let r = app
        .post_form(
            "/initiatives",
            &[("title", "Test"), ("summary", "Résumé"), ("territories", "Brest"), ("stage", "idee"), ("action", "publish"),
              ("description", "<script>alert(1)</script><iframe src=\"https://evil.example\"></iframe>[clic](javascript:alert(1)) <img src=x onerror=alert(1)>")],
        )
        .await;
    let page = r.headers()["location"].to_str().unwrap().to_owned();
    let (_, html) = app.get_html(&page).await;
    assert!(!html.contains("<script>alert"));
    assert!(!html.contains("<iframe"));
    assert!(!html.contains("href=\"javascript"));
    assert!(!html.contains("onerror"));
}

async fn initiative_form_refuses_bad_input_and_keeps_values(backend: Backend) {
    let Some(app) = TestApp::spawn(backend).await else {
        return;
    };
    app.sign_up_and_in("claire@exemple.fr", "Claire").await;
    let long_summary = "é".repeat(281);
    let r = app
        .post_form(
            "/initiatives",
            &[
                ("title", "Mon projet"),
                ("summary", &long_summary),
                ("territories", "commune:99999"),
                ("stage", "lune"),
                ("challenges", "astrologie"),
                ("action", "publish"),
            ],
        )
        .await;
    assert_eq!(r.status(), 422);
    let html = r.text().await.unwrap();
    for field in ["summary", "territories", "stage", "challenges"] {
        assert!(html.contains(&format!("id=\"{field}-error\"")), "{field}");
    }
    assert!(html.contains("value=\"Mon projet\""));
    let r = app
        .post_form(
            "/initiatives",
            &[
                ("title", "Mon projet"),
                ("summary", "x"),
                ("territories", "Brest"),
                ("stage", "idee"),
                ("structure", &uuid::Uuid::now_v7().to_string()),
            ],
        )
        .await;
    assert_eq!(r.status(), 422, "a structure one does not belong to");
    let page = app
        .store
        .catalogue(&essaim_store::CatalogueQuery {
            statuses: vec![
                essaim_domain::initiative::Status::Draft,
                essaim_domain::initiative::Status::Published,
            ],
            ..Default::default()
        })
        .await
        .unwrap();
    assert_eq!(page.total, 0, "nothing was created");
}

async fn api_lists_creates_forks_and_restores(backend: Backend) {
    let Some(app) = TestApp::spawn(backend).await else {
        return;
    };
    app.sign_up_and_in("claire@exemple.fr", "Claire").await;
    let token = app.api_token().await;
    let api = reqwest::Client::new();
    let body = json!({
        "title": "Épicerie solidaire", "summary": "Des produits locaux à petit prix.", "territories": ["Lyon"],
        "stage": "idee", "challenges": ["alimentation"], "status": "published",
        "recipe": {"steps": ["Trouver un local", "Réunir des producteurs"], "budget_range": "5k_20k"}
    });
    let r = api
        .post(app.at("/api/v1/initiatives"))
        .bearer_auth(&token)
        .json(&body)
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 201);
    let created: Value = r.json().await.unwrap();
    let id = created["id"].as_str().unwrap().to_owned();
    assert_eq!(created["territories"], json!(["commune:69123"]));
    assert_eq!(created["licence"], "CC-BY-SA-4.0");
    let list: Value = api
        .get(app.at("/api/v1/initiatives?q=epicerie&territory=departement:69"))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(list["total"], 1);
    assert!(list["facets"]["challenges"]
        .as_array()
        .unwrap()
        .iter()
        .any(|f| f["value"] == "alimentation"));
    let mut changed = body.clone();
    changed["summary"] = json!("Des produits locaux et de saison.");
    changed.as_object_mut().unwrap().remove("status");
    let r = api
        .put(app.at(&format!("/api/v1/initiatives/{id}")))
        .bearer_auth(&token)
        .json(&changed)
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 200);
    let revisions: Value = api
        .get(app.at(&format!("/api/v1/initiatives/{id}/revisions")))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(revisions.as_array().unwrap().len(), 2);
    let r = api
        .post(app.at(&format!("/api/v1/initiatives/{id}/revisions/1/restore")))
        .bearer_auth(&token)
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 200);
    let restored: Value = r.json().await.unwrap();
    assert_eq!(restored["summary"], "Des produits locaux à petit prix.");
    let r = api
        .post(app.at(&format!("/api/v1/initiatives/{id}/forks")))
        .bearer_auth(&token)
        .json(&json!({"territory": "Grenoble"}))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 201);
    let fork: Value = r.json().await.unwrap();
    assert_eq!(fork["forked_from"], json!(id));
    assert_eq!(fork["status"], "draft");
    let bad = api.post(app.at("/api/v1/initiatives")).bearer_auth(&token).json(&json!({"title": "X", "summary": "x", "territories": ["commune:99999"], "stage": "idee"})).send().await.unwrap();
    assert_eq!(bad.status(), 422);
    let bad: Value = bad.json().await.unwrap();
    assert!(bad["fields"]
        .as_array()
        .unwrap()
        .iter()
        .any(|f| f["code"] == "territory_unknown"));
    assert_eq!(
        api.get(app.at("/api/v1/initiatives?stage=lune"))
            .send()
            .await
            .unwrap()
            .status(),
        400
    );
    assert_eq!(
        api.post(app.at("/api/v1/initiatives"))
            .json(&body)
            .send()
            .await
            .unwrap()
            .status(),
        401
    );
}

async fn atom_feed_follows_a_search(backend: Backend) {
    let Some(app) = TestApp::spawn(backend).await else {
        return;
    };
    app.sign_up_and_in("claire@exemple.fr", "Claire").await;
    create(&app, "Jardin & <potager>", "Des légumes.", "Brest", true).await;
    create(&app, "Atelier vélo", "Réparer.", "Rennes", true).await;
    let r = app.get("/initiatives/flux.atom?q=jardin").await;
    assert_eq!(r.status(), 200);
    assert!(r.headers()["content-type"]
        .to_str()
        .unwrap()
        .starts_with("application/atom+xml"));
    let xml = r.text().await.unwrap();
    assert!(xml.contains("<feed xmlns=\"http://www.w3.org/2005/Atom\">"));
    assert!(xml.contains("Jardin &amp; &lt;potager&gt;"), "escaped");
    assert!(!xml.contains("Atelier vélo"));
}

fn png(w: u32, h: u32) -> Vec<u8> {
    // A valid PNG built by hand is long; the image crate is a dependency of the web crate.
    let img = image::RgbaImage::from_pixel(w, h, image::Rgba([10, 120, 200, 255]));
    let mut out = std::io::Cursor::new(Vec::new());
    img.write_to(&mut out, image::ImageFormat::Png).unwrap();
    out.into_inner()
}

async fn upload(app: &TestApp, page: &str, bytes: Vec<u8>, name: &str) -> reqwest::Response {
    let csrf = app.csrf().await;
    let part = reqwest::multipart::Part::bytes(bytes).file_name(name.to_owned());
    let form = reqwest::multipart::Form::new().part("image", part);
    app.client
        .post(app.at(&format!("{page}/image?_csrf={csrf}")))
        .multipart(form)
        .send()
        .await
        .unwrap()
}

async fn cover_images_are_cleaned_and_bad_files_refused(backend: Backend) {
    let Some(app) = TestApp::spawn(backend).await else {
        return;
    };
    app.sign_up_and_in("claire@exemple.fr", "Claire").await;
    let page = create(&app, "Ruchers", "Des ruches.", "Brest", true).await;
    let mut polyglot = png(30, 20);
    polyglot.extend_from_slice(b"<script>alert(1)</script>");
    let r = upload(&app, &page, polyglot, "ruche.png").await;
    assert_eq!(r.status(), 303);
    let img = app.get(&format!("{page}/image")).await;
    assert_eq!(img.headers()["content-type"], "image/png");
    let bytes = img.bytes().await.unwrap();
    assert!(
        !bytes.windows(8).any(|w| w == b"<script>"),
        "only pixels kept"
    );
    let svg =
        br#"<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>"#.to_vec();
    let r = upload(&app, &page, svg, "x.svg").await;
    assert_eq!(r.status(), 422);
    assert!(r.text().await.unwrap().contains("id=\"image-error\""));
    let r = upload(&app, &page, b"not an image".to_vec(), "x.png").await;
    assert_eq!(r.status(), 422);
    let r = upload(&app, &page, vec![0u8; 6 * 1024 * 1024], "big.png").await;
    assert_eq!(r.status(), 413, "over the limit");
    let csrf_less = app
        .client
        .post(app.at(&format!("{page}/image")))
        .multipart(
            reqwest::multipart::Form::new()
                .part("image", reqwest::multipart::Part::bytes(png(2, 2))),
        )
        .send()
        .await
        .unwrap();
    assert_eq!(csrf_less.status(), 403);
    let leo = app.other_browser();
    leo.sign_up_and_in("leo@exemple.fr", "Léo").await;
    assert_eq!(
        upload(&leo, &page, png(2, 2), "x.png").await.status(),
        403,
        "only editors"
    );
    assert_eq!(
        app.post_form(&format!("{page}/image/supprimer"), &[])
            .await
            .status(),
        303
    );
    assert_eq!(app.get(&format!("{page}/image")).await.status(), 404);
}

async fn others_propose_edits_that_editors_accept_or_reject(backend: Backend) {
    let Some(app) = TestApp::spawn(backend).await else {
        return;
    };
    app.sign_up_and_in("claire@exemple.fr", "Claire").await;
    let page = create(&app, "Repair café", "Réparer ensemble.", "Brest", true).await;
    let id: uuid::Uuid = page.trim_start_matches("/initiatives/").parse().unwrap();
    let leo = app.other_browser();
    leo.sign_up_and_in("leo@exemple.fr", "Léo").await;
    let (status, html) = leo.get_html(&format!("{page}/proposer")).await;
    assert_eq!(status, 200);
    assert!(
        html.contains("value=\"Repair café\""),
        "the form starts from the current text"
    );
    let fields = |summary: &'static str, message: &'static str| {
        vec![
            ("title", "Repair café"),
            ("summary", summary),
            ("territories", "commune:29019"),
            ("stage", "experimentation"),
            ("steps", "Réunir les voisins\nTrouver un terrain"),
            ("pitfalls", "L'arrosage l'été"),
            ("challenges", "alimentation"),
            ("challenges", "inclusion"),
            ("description", "Une **belle** histoire."),
            ("message", message),
        ]
    };
    let r = leo
        .post_form(
            &format!("{page}/proposer"),
            &fields("Réparer ensemble, chaque samedi.", ""),
        )
        .await;
    assert_eq!(r.status(), 422, "a proposal explains itself");
    let r = leo
        .post_form(
            &format!("{page}/proposer"),
            &fields("Réparer ensemble.", "rien"),
        )
        .await;
    assert_eq!(r.status(), 422, "a proposal changes something");
    let r = leo
        .post_form(
            &format!("{page}/proposer"),
            &fields("Réparer ensemble, chaque samedi.", "Le jour manquait"),
        )
        .await;
    assert_eq!(r.status(), 303);
    assert_eq!(
        app.store.initiative(id).await.unwrap().unwrap().revision,
        1,
        "nothing changes before a decision"
    );
    let proposal = app.store.proposals_of(id).await.unwrap().remove(0);
    let decide = format!("{page}/propositions/{}/decision", proposal.id);
    assert_eq!(
        leo.post_form(&decide, &[("decision", "accept")])
            .await
            .status(),
        403,
        "only editors decide"
    );
    let (_, html) = app.get_html(&format!("{page}/propositions")).await;
    assert!(
        html.contains("Le jour manquait") && html.contains("chaque samedi"),
        "the proposal and its diff"
    );
    assert_eq!(
        app.post_form(&decide, &[("decision", "peut-être")])
            .await
            .status(),
        400
    );
    assert_eq!(
        app.post_form(&decide, &[("decision", "accept"), ("note", "Merci !")])
            .await
            .status(),
        303
    );
    let i = app.store.initiative(id).await.unwrap().unwrap();
    assert_eq!(
        (i.revision, i.content.summary.as_str()),
        (2, "Réparer ensemble, chaque samedi.")
    );
    let leo_id = app
        .store
        .person_by_email("leo@exemple.fr")
        .await
        .unwrap()
        .unwrap()
        .id;
    assert_eq!(
        app.store.revisions(id).await.unwrap()[0].author_id,
        Some(leo_id),
        "credited to the proposer"
    );
    assert_eq!(
        app.post_form(&decide, &[("decision", "reject")])
            .await
            .status(),
        409,
        "decided once"
    );
}

/// The catalogue is answered from an in-memory index: a write by another process (here, the
/// store directly, as `essaim import` does) must show on the very next page and in the API.
async fn the_catalogue_follows_writes_made_elsewhere(backend: Backend) {
    use essaim_domain::initiative::{InitiativeInput, Status, DEFAULT_CHALLENGES};
    let Some(app) = TestApp::spawn(backend).await else {
        return;
    };
    let (_, html) = app.get_html("/initiatives?q=conserverie").await;
    assert!(!html.contains("Conserverie solidaire"));
    let who = essaim_store::contract::author(&*app.store).await;
    let codes: Vec<String> = DEFAULT_CHALLENGES.iter().map(|c| c.0.to_owned()).collect();
    let content = InitiativeInput {
        title: "Conserverie solidaire".into(),
        summary: "Des bocaux avec les invendus du marché.".into(),
        territories: "Quimper".into(),
        challenges: vec!["alimentation".into()],
        stage: "experimentation".into(),
        ..Default::default()
    }
    .validate(essaim_domain::territory::Territories::bundled(), &codes)
    .unwrap();
    let note = essaim_store::RevisionNote {
        author_id: who,
        message: "import".into(),
        at: essaim_store::utc_now(),
    };
    let id = uuid::Uuid::now_v7();
    app.store
        .create_initiative(id, &content, Status::Published, None, note)
        .await
        .unwrap();
    let (_, html) = app
        .get_html("/initiatives?q=conserveries&departement=29")
        .await;
    assert!(
        html.contains(&format!("/initiatives/{id}")),
        "found at once"
    );
    let api: Value = app
        .get("/api/v1/initiatives?q=conserverie&challenge=alimentation")
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(api["total"], 1);
    assert_eq!(api["facets"]["departements"][0]["value"], "29");
    // Pages past the end: an empty page with the right total, never an error.
    let far: Value = app
        .get("/api/v1/initiatives?q=conserverie&page=999999&per_page=100")
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(
        (far["total"].clone(), far["items"].clone()),
        (json!(1), json!([]))
    );
    assert_eq!(app.get("/initiatives?page=999999").await.status(), 200);
    app.store
        .set_initiative_status(id, Status::Archived, essaim_store::utc_now())
        .await
        .unwrap();
    let (_, html) = app.get_html("/initiatives?q=conserverie").await;
    assert!(
        !html.contains("Conserverie solidaire"),
        "archived: gone at once"
    );
}
