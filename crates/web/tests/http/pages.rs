use crate::common::{Backend, TestApp};

crate::on_both_backends!(
    every_public_page_has_the_accessible_layout,
    french_by_default_english_by_header_or_switch,
    admin_area_is_for_admins,
    health_and_readiness_answer,
    unknown_pages_are_404_in_the_layout,
);

/// The checks every page gets: language, one h1, landmarks, skip link, CSS, labels.
pub fn assert_accessible_layout(html: &str, path: &str) {
    assert!(
        html.starts_with("<!doctype html>") || html.starts_with("<!DOCTYPE html>"),
        "{path}: doctype"
    );
    assert!(
        html.contains("<html lang=\"fr\"") || html.contains("<html lang=\"en\""),
        "{path}: lang"
    );
    assert_eq!(html.matches("<h1").count(), 1, "{path}: exactly one h1");
    for landmark in ["<header", "<nav", "<main", "<footer"] {
        assert!(html.contains(landmark), "{path}: {landmark}");
    }
    assert!(html.contains("href=\"#contenu\""), "{path}: skip link");
    assert!(html.contains("id=\"contenu\""), "{path}: skip link target");
    // Every input that a person fills has a label pointing at it.
    for (i, _) in html.match_indices("<input") {
        let tag = &html[i..i + html[i..].find('>').unwrap()];
        if tag.contains("type=\"hidden\"") || tag.contains("type=\"submit\"") {
            continue;
        }
        let id = tag
            .split("id=\"")
            .nth(1)
            .map(|s| s.split('"').next().unwrap())
            .unwrap_or_else(|| panic!("{path}: input without id: {tag}"));
        assert!(
            html.contains(&format!("for=\"{id}\"")),
            "{path}: no label for {id}"
        );
    }
}

async fn every_public_page_has_the_accessible_layout(backend: Backend) {
    let Some(app) = TestApp::spawn(backend).await else {
        return;
    };
    for path in [
        "/",
        "/inscription",
        "/connexion",
        "/mot-de-passe/oubli",
        "/structures",
        "/territoires?q=brest",
        "/accessibilite",
        "/mentions-legales",
    ] {
        let (status, html) = app.get_html(path).await;
        assert_eq!(status, 200, "{path}");
        assert_accessible_layout(&html, path);
    }
    app.sign_up_and_in("claire@exemple.fr", "Claire").await;
    let r = app
        .post_form(
            "/structures",
            &[("name", "Les Ruches"), ("kind", "association")],
        )
        .await;
    let structure = r.headers()["location"].to_str().unwrap().to_owned();
    for path in [
        "/compte".to_owned(),
        "/structures/nouvelle".to_owned(),
        structure.clone(),
        format!("{structure}/modifier"),
        format!("{structure}/membres"),
    ] {
        let (status, html) = app.get_html(&path).await;
        assert_eq!(status, 200, "{path}");
        assert_accessible_layout(&html, &path);
    }
    let invalid = app
        .post_form("/structures", &[("name", ""), ("kind", "association")])
        .await
        .text()
        .await
        .unwrap();
    assert_accessible_layout(&invalid, "structure form with errors");
    assert!(
        invalid.contains("href=\"#name\""),
        "the error summary links to the field"
    );
    assert!(invalid.contains("aria-invalid=\"true\""));
}

async fn french_by_default_english_by_header_or_switch(backend: Backend) {
    let Some(app) = TestApp::spawn(backend).await else {
        return;
    };
    let (_, html) = app.get_html("/").await;
    assert!(html.contains("<html lang=\"fr\""));
    let en = app
        .client
        .get(app.at("/"))
        .header("accept-language", "en-GB,en;q=0.9")
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(en.contains("<html lang=\"en\""));
    assert_ne!(html, en, "the text changes too");
    let r = app
        .post_form("/langue", &[("lang", "en"), ("back", "/structures")])
        .await;
    assert_eq!(r.status(), 303);
    assert_eq!(r.headers()["location"], "/structures");
    let (_, html) = app.get_html("/").await;
    assert!(
        html.contains("<html lang=\"en\""),
        "the switch is remembered"
    );
    let r = app.post_form("/langue", &[("lang", "tlh")]).await;
    assert_eq!(r.status(), 400);
}

async fn admin_area_is_for_admins(backend: Backend) {
    let Some(app) = TestApp::spawn(backend).await else {
        return;
    };
    assert_eq!(
        app.get("/admin").await.status(),
        303,
        "anonymous: sign in first"
    );
    app.sign_up_and_in("claire@exemple.fr", "Claire").await;
    for path in ["/admin", "/admin/courriels", "/admin/journal"] {
        assert_eq!(app.get(path).await.status(), 403, "{path}");
    }
    let claire = app
        .store
        .person_by_email("claire@exemple.fr")
        .await
        .unwrap()
        .unwrap();
    app.store
        .set_roles(claire.id, &[essaim_domain::person::PlatformRole::Admin])
        .await
        .unwrap();
    for path in [
        "/admin",
        "/admin/courriels",
        "/admin/journal",
        "/admin/defis",
    ] {
        let (status, html) = app.get_html(path).await;
        assert_eq!(status, 200, "{path}");
        assert_accessible_layout(&html, path);
        assert!(
            html.contains(&format!("href=\"{path}\" aria-current=\"page\"")),
            "{path}: the sub-navigation marks the page"
        );
        assert!(
            html.contains("href=\"/admin/import\""),
            "{path}: every admin page links the others"
        );
    }
    let (_, outbox) = app.get_html("/admin/courriels").await;
    assert!(
        outbox.contains("claire@exemple.fr"),
        "the confirmation mail is in the outbox"
    );
    let (_, journal) = app.get_html("/admin/journal").await;
    assert!(journal.contains("sign_in"));
    let r = app
        .post_form(
            &format!("/admin/personnes/{}/roles", claire.id),
            &[("roles", "admin"), ("roles", "moderator")],
        )
        .await;
    assert_eq!(r.status(), 303);
    let roles = app.store.person(claire.id).await.unwrap().unwrap().roles;
    assert_eq!(roles.len(), 2);
    let r = app
        .post_form(
            "/admin/defis",
            &[
                ("code", "sport"),
                ("name_fr", "Sport"),
                ("name_en", "Sport"),
                ("sdgs", "3"),
            ],
        )
        .await;
    assert_eq!(r.status(), 303);
    let again = app
        .post_form(
            "/admin/defis",
            &[
                ("code", "sport"),
                ("name_fr", "Sport"),
                ("name_en", "Sport"),
                ("sdgs", "3"),
            ],
        )
        .await;
    assert_eq!(again.status(), 422, "a code is used once");
    let bad = app
        .post_form(
            "/admin/defis",
            &[
                ("code", "Pas un code"),
                ("name_fr", ""),
                ("name_en", "x"),
                ("sdgs", "42"),
            ],
        )
        .await;
    assert_eq!(bad.status(), 422);
    assert_eq!(app.store.challenges().await.unwrap().len(), 17);
}

async fn health_and_readiness_answer(backend: Backend) {
    let Some(app) = TestApp::spawn(backend).await else {
        return;
    };
    assert_eq!(app.get("/healthz").await.status(), 200);
    assert_eq!(app.get("/readyz").await.status(), 200);
}

async fn unknown_pages_are_404_in_the_layout(backend: Backend) {
    let Some(app) = TestApp::spawn(backend).await else {
        return;
    };
    let (status, html) = app.get_html("/nulle-part").await;
    assert_eq!(status, 404);
    assert_accessible_layout(&html, "404");
}
