use crate::common::{Backend, TestApp, PASSWORD};

crate::on_both_backends!(
    forms_without_csrf_token_are_refused_and_change_nothing,
    cross_origin_posts_are_refused,
    security_headers_are_set,
    oversized_form_is_413,
    text_typed_by_people_is_escaped,
    nul_characters_are_refused_at_the_edge,
    the_language_switch_only_goes_back_to_this_site,
);

async fn forms_without_csrf_token_are_refused_and_change_nothing(backend: Backend) {
    let Some(app) = TestApp::spawn(backend).await else {
        return;
    };
    app.csrf().await;
    let form = [
        ("email", "claire@exemple.fr"),
        ("name", "Claire"),
        ("password", PASSWORD),
    ];
    let r = app
        .client
        .post(app.at("/inscription"))
        .form(&form)
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 403);
    assert!(r.text().await.unwrap().contains("<h1"));
    let mut wrong = form.to_vec();
    wrong.push(("_csrf", "0123456789abcdef0123456789abcdef"));
    let r = app
        .client
        .post(app.at("/inscription"))
        .form(&wrong)
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 403);
    assert_eq!(app.store.count_people().await.unwrap(), 0);
    assert!(app.outbox().await.is_empty());
}

async fn cross_origin_posts_are_refused(backend: Backend) {
    let Some(app) = TestApp::spawn(backend).await else {
        return;
    };
    let csrf = app.csrf().await;
    let r = app
        .client
        .post(app.at("/inscription"))
        .header("origin", "https://evil.example")
        .form(&[
            ("email", "claire@exemple.fr"),
            ("name", "Claire"),
            ("password", PASSWORD),
            ("_csrf", &csrf),
        ])
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 403);
    assert_eq!(app.store.count_people().await.unwrap(), 0);
}

async fn security_headers_are_set(backend: Backend) {
    let Some(app) = TestApp::spawn(backend).await else {
        return;
    };
    for path in ["/", "/api/v1/territories?q=brest", "/nulle-part"] {
        let r = app.get(path).await;
        let h = r.headers();
        assert!(
            h["content-security-policy"]
                .to_str()
                .unwrap()
                .contains("frame-ancestors 'none'"),
            "{path}"
        );
        assert_eq!(h["x-content-type-options"], "nosniff");
        assert_eq!(h["referrer-policy"], "strict-origin-when-cross-origin");
        assert!(h.get("x-request-id").is_some(), "{path}: request id");
    }
    let csrf_cookie = app
        .get("/")
        .await
        .headers()
        .get_all("set-cookie")
        .iter()
        .map(|v| v.to_str().unwrap().to_owned())
        .collect::<Vec<_>>();
    assert!(csrf_cookie.is_empty() || csrf_cookie.iter().all(|c| c.contains("HttpOnly")));
}

async fn oversized_form_is_413(backend: Backend) {
    let Some(app) = TestApp::spawn(backend).await else {
        return;
    };
    let csrf = app.csrf().await;
    let big = "x".repeat(2 * 1024 * 1024);
    let r = app
        .client
        .post(app.at("/inscription"))
        .form(&[("email", big.as_str()), ("_csrf", &csrf)])
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 413);
    assert!(r.text().await.unwrap().contains("<h1"));
}

async fn text_typed_by_people_is_escaped(backend: Backend) {
    let Some(app) = TestApp::spawn(backend).await else {
        return;
    };
    app.sign_up_and_in("claire@exemple.fr", "<script>alert(1)</script>")
        .await;
    let (_, html) = app.get_html("/compte").await;
    assert!(!html.contains("<script>alert(1)</script>"));
    assert!(html.contains("&lt;script&gt;"));
    let r = app
        .post_form(
            "/structures",
            &[
                ("name", "\"><img src=x onerror=alert(1)>"),
                ("kind", "association"),
            ],
        )
        .await;
    let page = r.headers()["location"].to_str().unwrap().to_owned();
    let (_, html) = app.get_html(&page).await;
    assert!(!html.contains("<img src=x"));
}

async fn nul_characters_are_refused_at_the_edge(backend: Backend) {
    let Some(app) = TestApp::spawn(backend).await else {
        return;
    };
    // A form (PostgreSQL cannot store NUL: this was a 500 there), a query, a JSON body.
    let r = app
        .post_form(
            "/connexion",
            &[("email", "claire\0@exemple.fr"), ("password", "x")],
        )
        .await;
    assert_eq!(r.status(), 400);
    assert!(r.text().await.unwrap().contains("caractère nul"));
    assert_eq!(app.get("/initiatives?q=jardin%00").await.status(), 400);
    assert_eq!(app.get("/admin/journal?action=%00").await.status(), 400);
    app.sign_up_and_in("claire@exemple.fr", "Claire").await;
    let token = app.api_token().await;
    let r = app
        .client
        .post(app.at("/api/v1/structures"))
        .bearer_auth(&token)
        .header("content-type", "application/json")
        .body(r#"{"name":"Les Ruches\u0000","kind":"association"}"#)
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 400);
    assert_eq!(
        r.json::<serde_json::Value>().await.unwrap()["code"],
        "nul_character"
    );
    assert_eq!(
        app.store.count_structures(None, None).await.unwrap(),
        0,
        "nothing stored"
    );
    // Ordinary percent signs and accents pass.
    assert_eq!(
        app.get("/initiatives?q=100%25%20%C3%A9t%C3%A9")
            .await
            .status(),
        200
    );
}

async fn the_language_switch_only_goes_back_to_this_site(backend: Backend) {
    let Some(app) = TestApp::spawn(backend).await else {
        return;
    };
    for (back, to) in [
        ("/initiatives?page=2", "/initiatives?page=2"),
        ("//ailleurs.example", "/"),
        ("/\\ailleurs.example", "/"),
        ("https://ailleurs.example", "/"),
    ] {
        let r = app
            .post_form("/langue", &[("lang", "en"), ("back", back)])
            .await;
        assert_eq!(r.status(), 303);
        assert_eq!(r.headers()["location"], to, "{back}");
    }
}
