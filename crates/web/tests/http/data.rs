use crate::common::{Backend, TestApp};
use serde_json::Value;

crate::on_both_backends!(
    open_data_serves_published_initiatives,
    admin_page_imports_a_csv_all_or_nothing
);

async fn publish(app: &TestApp, title: &str, action: &str) {
    let r = app
        .post_form(
            "/initiatives",
            &[
                ("title", title),
                ("summary", "Résumé, avec \"guillemets\"."),
                ("territories", "Brest"),
                ("stage", "idee"),
                ("action", action),
            ],
        )
        .await;
    assert_eq!(r.status(), 303);
}

async fn open_data_serves_published_initiatives(backend: Backend) {
    let Some(app) = TestApp::spawn(backend).await else {
        return;
    };
    app.sign_up_and_in("claire@exemple.fr", "Claire").await;
    publish(&app, "Jardins partagés", "publish").await;
    publish(&app, "Brouillon secret", "draft").await;
    let csv = app.get("/data/initiatives.csv").await;
    assert!(csv.headers()["content-type"]
        .to_str()
        .unwrap()
        .starts_with("text/csv"));
    let csv = csv.text().await.unwrap();
    assert!(csv.starts_with("id,nom,resume"));
    assert!(
        csv.contains("Jardins partagés") && !csv.contains("Brouillon secret"),
        "published only"
    );
    let json: Value = app
        .get("/data/initiatives.json")
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(json["initiatives"].as_array().unwrap().len(), 1);
    assert_eq!(json["initiatives"][0]["code_insee"], "29019");
    let ld: Value = app
        .get("/data/initiatives.jsonld")
        .await
        .json()
        .await
        .unwrap();
    assert!(ld.to_string().contains("schema.org"));
    let schema: Value = app
        .get("/schemas/initiatives.json")
        .await
        .json()
        .await
        .unwrap();
    assert!(schema["fields"]
        .as_array()
        .unwrap()
        .iter()
        .any(|f| f["name"] == "code_insee"));
    let dcat = app
        .client
        .get(app.at("/data"))
        .header("accept", "application/ld+json")
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(dcat.contains("dcat") && dcat.contains("/data/initiatives.csv"));
    assert!(
        dcat.contains("/data/impact-mesures.csv")
            && dcat.contains("/data/subventions.csv")
            && dcat.contains("/schemas/subventions.json"),
        "the impact and subventions datasets are in the DCAT catalogue"
    );
    let (status, html) = app.get_html("/data").await;
    assert_eq!(status, 200);
    assert!(
        html.contains("href=\"/data/subventions.csv\"")
            && html.contains("href=\"/schemas/subventions.json\""),
        "the data page lists the SCDL subventions file"
    );
    crate::pages::assert_accessible_layout(&html, "/data");
}

async fn admin_page_imports_a_csv_all_or_nothing(backend: Backend) {
    let Some(source) = TestApp::spawn(backend).await else {
        return;
    };
    source.sign_up_and_in("claire@exemple.fr", "Claire").await;
    publish(&source, "Jardins partagés", "publish").await;
    publish(&source, "Atelier vélo", "publish").await;
    let csv = source
        .get("/data/initiatives.csv")
        .await
        .text()
        .await
        .unwrap();

    let Some(app) = TestApp::spawn(backend).await else {
        return;
    };
    app.sign_up_and_in("admin@exemple.fr", "Admin").await;
    let admin = app
        .store
        .person_by_email("admin@exemple.fr")
        .await
        .unwrap()
        .unwrap();
    app.store
        .set_roles(admin.id, &[essaim_domain::person::PlatformRole::Admin])
        .await
        .unwrap();
    let (status, html) = app.get_html("/admin/import").await;
    assert_eq!(status, 200);
    crate::pages::assert_accessible_layout(&html, "/admin/import");
    let send = |bytes: Vec<u8>, extra: &'static [&'static str]| {
        let app = &app;
        async move {
            let csrf = app.csrf().await;
            let mut form = reqwest::multipart::Form::new().part(
                "file",
                reqwest::multipart::Part::bytes(bytes).file_name("i.csv"),
            );
            for name in extra {
                form = form.text(*name, "1");
            }
            app.client
                .post(app.at(&format!("/admin/import?_csrf={csrf}")))
                .multipart(form)
                .send()
                .await
                .unwrap()
        }
    };
    let broken = csv.replacen("commune:29019", "commune:99999", 1);
    let r = send(broken.clone().into_bytes(), &[]).await;
    assert_eq!(r.status(), 422);
    let html = r.text().await.unwrap();
    assert!(html.contains("territoires"), "the column is named");
    let none = essaim_store::CatalogueQuery::default();
    assert_eq!(
        app.store.catalogue(&none).await.unwrap().total,
        0,
        "all or nothing"
    );
    let r = send(csv.clone().into_bytes(), &["dry_run"]).await;
    assert_eq!(r.status(), 200);
    assert_eq!(
        app.store.catalogue(&none).await.unwrap().total,
        0,
        "a dry run writes nothing"
    );
    let r = send(broken.into_bytes(), &["skip_invalid"]).await;
    assert_eq!(r.status(), 200);
    assert_eq!(
        app.store.catalogue(&none).await.unwrap().total,
        1,
        "the valid row went in"
    );
    let r = send(csv.into_bytes(), &[]).await;
    assert_eq!(r.status(), 200);
    assert_eq!(app.store.catalogue(&none).await.unwrap().total, 2);
    assert_eq!(
        app.store
            .list_audit(Some("initiatives_imported"), 10)
            .await
            .unwrap()
            .len(),
        2
    );
    let leo = app.other_browser();
    leo.sign_up_and_in("leo@exemple.fr", "Léo").await;
    assert_eq!(leo.get("/admin/import").await.status(), 403);
}
