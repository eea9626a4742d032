use crate::common::{Backend, TestApp, PASSWORD};

crate::on_both_backends!(
    forms_without_csrf_token_are_refused_and_change_nothing,
    cross_origin_posts_are_refused,
    security_headers_are_set,
    oversized_form_is_413,
    text_typed_by_people_is_escaped,
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
