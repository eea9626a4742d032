use crate::common::{Backend, TestApp, PASSWORD};
use essaim_store::{utc_now, NewToken};

crate::on_both_backends!(
    signup_confirm_and_sign_in,
    sign_in_renews_the_csrf_token,
    signup_refuses_bad_input_and_keeps_what_was_typed,
    signup_with_a_registered_email_looks_the_same,
    reset_answers_the_same_for_unknown_and_known_emails,
    reset_token_works_once_then_is_refused,
    expired_reset_token_is_refused,
    sign_in_failure_keeps_the_email_and_is_audited,
    sign_in_is_throttled_per_account,
    sign_in_starts_a_new_session_with_safe_cookie,
    password_change_ends_other_sessions,
    email_change_waits_for_the_new_address,
    sign_out_ends_the_session,
);

async fn signup_confirm_and_sign_in(backend: Backend) {
    let Some(app) = TestApp::spawn(backend).await else {
        return;
    };
    let r = app
        .post_form(
            "/inscription",
            &[
                ("email", "Claire@Exemple.fr"),
                ("name", "Claire"),
                ("password", PASSWORD),
            ],
        )
        .await;
    assert_eq!(r.status(), 200);
    let person = app
        .store
        .person_by_email("claire@exemple.fr")
        .await
        .unwrap()
        .expect("account created");
    assert!(person.email_confirmed_at.is_none());
    let link = app.link_in_mail_to("claire@exemple.fr").await;
    assert!(link.starts_with("/confirmation?jeton="), "{link}");
    // Following the link changes nothing: confirmation is a button (POST).
    let (status, html) = app.get_html(&link).await;
    assert_eq!(status, 200);
    assert!(html.contains("name=\"jeton\""));
    assert!(app
        .store
        .person(person.id)
        .await
        .unwrap()
        .unwrap()
        .email_confirmed_at
        .is_none());
    let token = link.split("jeton=").nth(1).unwrap();
    assert_eq!(
        app.post_form("/confirmation", &[("jeton", token)])
            .await
            .status(),
        200
    );
    assert!(app
        .store
        .person(person.id)
        .await
        .unwrap()
        .unwrap()
        .email_confirmed_at
        .is_some());
    app.sign_in("claire@exemple.fr", PASSWORD).await;
    let (status, html) = app.get_html("/compte").await;
    assert_eq!(status, 200);
    assert!(html.contains("claire@exemple.fr"));
}

async fn signup_refuses_bad_input_and_keeps_what_was_typed(backend: Backend) {
    let Some(app) = TestApp::spawn(backend).await else {
        return;
    };
    let cases = [
        ("claire@", "Claire", PASSWORD, "email"),
        ("claire@exemple.fr", "Claire", "court", "password"),
        ("claire@exemple.fr", "Claire", "azertyuiop123", "password"),
        ("claire@exemple.fr", "   ", PASSWORD, "name"),
    ];
    for (email, name, password, field) in cases {
        let r = app
            .post_form(
                "/inscription",
                &[("email", email), ("name", name), ("password", password)],
            )
            .await;
        assert_eq!(r.status(), 422, "{email} {name} {password}");
        let html = r.text().await.unwrap();
        assert!(html.contains("error-summary"), "an error summary");
        assert!(
            html.contains(&format!("id=\"{field}-error\"")),
            "a message under {field}"
        );
        assert!(
            html.contains(&format!("value=\"{}\"", email)),
            "the e-mail typed is kept"
        );
        assert!(
            !html.contains(&format!("value=\"{password}\"")),
            "passwords are never sent back"
        );
    }
    let html = app
        .post_form(
            "/inscription",
            &[("email", "a@b.fr"), ("name", "A"), ("password", "court")],
        )
        .await
        .text()
        .await
        .unwrap();
    assert!(html.contains("12"), "the message says how long: {html}");
    assert_eq!(
        app.store.count_people().await.unwrap(),
        0,
        "nothing was created"
    );
}

async fn signup_with_a_registered_email_looks_the_same(backend: Backend) {
    let Some(app) = TestApp::spawn(backend).await else {
        return;
    };
    let first = app
        .post_form(
            "/inscription",
            &[
                ("email", "claire@exemple.fr"),
                ("name", "Claire"),
                ("password", PASSWORD),
            ],
        )
        .await;
    let first_html = first.text().await.unwrap();
    let again = app
        .post_form(
            "/inscription",
            &[
                ("email", "claire@exemple.fr"),
                ("name", "Autre"),
                ("password", PASSWORD),
            ],
        )
        .await;
    assert_eq!(again.status(), 200);
    assert_eq!(
        again.text().await.unwrap(),
        first_html,
        "the same answer, word for word"
    );
    assert_eq!(app.store.count_people().await.unwrap(), 1);
    let mails = app.outbox().await;
    assert_eq!(mails.len(), 2);
    assert!(
        mails[0].body.contains("/mot-de-passe/oubli"),
        "the owner is told and offered a reset"
    );
}

async fn reset_answers_the_same_for_unknown_and_known_emails(backend: Backend) {
    let Some(app) = TestApp::spawn(backend).await else {
        return;
    };
    app.sign_up_and_in("claire@exemple.fr", "Claire").await;
    let known = app
        .post_form("/mot-de-passe/oubli", &[("email", "claire@exemple.fr")])
        .await;
    let unknown = app
        .post_form("/mot-de-passe/oubli", &[("email", "personne@exemple.fr")])
        .await;
    assert_eq!(known.status(), unknown.status());
    assert_eq!(known.text().await.unwrap(), unknown.text().await.unwrap());
    let mails = app.outbox().await;
    assert!(mails.iter().all(|m| m.to_address != "personne@exemple.fr"));
    assert!(mails[0].body.contains("/mot-de-passe/nouveau?jeton="));
    let r = app
        .post_form("/mot-de-passe/oubli", &[("email", "pas-une-adresse")])
        .await;
    assert_eq!(r.status(), 422);
}

async fn reset_token_works_once_then_is_refused(backend: Backend) {
    let Some(app) = TestApp::spawn(backend).await else {
        return;
    };
    app.sign_up_and_in("claire@exemple.fr", "Claire").await;
    app.post_form("/mot-de-passe/oubli", &[("email", "claire@exemple.fr")])
        .await;
    let link = app.link_in_mail_to("claire@exemple.fr").await;
    let token = link.split("jeton=").nth(1).unwrap().to_owned();
    assert_eq!(app.get(&link).await.status(), 200);
    let weak = app
        .post_form(
            "/mot-de-passe/nouveau",
            &[("jeton", &token), ("password", "court")],
        )
        .await;
    assert_eq!(
        weak.status(),
        422,
        "a weak password is refused and the token kept"
    );
    let new_password = "un essaim nouveau à Landerneau";
    let r = app
        .post_form(
            "/mot-de-passe/nouveau",
            &[("jeton", &token), ("password", new_password)],
        )
        .await;
    assert_eq!(r.status(), 200);
    let again = app
        .post_form(
            "/mot-de-passe/nouveau",
            &[
                ("jeton", &token),
                ("password", "encore un autre mot de passe"),
            ],
        )
        .await;
    assert_eq!(again.status(), 410, "a used token is refused");
    assert_eq!(app.get(&link).await.status(), 410);
    assert_eq!(
        app.get("/compte").await.status(),
        303,
        "the reset ended the sessions"
    );
    app.sign_in("claire@exemple.fr", new_password).await;
}

async fn expired_reset_token_is_refused(backend: Backend) {
    let Some(app) = TestApp::spawn(backend).await else {
        return;
    };
    app.sign_up_and_in("claire@exemple.fr", "Claire").await;
    let person = app
        .store
        .person_by_email("claire@exemple.fr")
        .await
        .unwrap()
        .unwrap();
    let now = utc_now();
    app.store
        .create_token(NewToken {
            hash: essaim_web::auth::secret_hash("expired-secret"),
            purpose: "reset",
            person_id: Some(person.id),
            payload: String::new(),
            created_at: now - chrono::Duration::hours(2),
            expires_at: now - chrono::Duration::hours(1),
        })
        .await
        .unwrap();
    let (status, html) = app
        .get_html("/mot-de-passe/nouveau?jeton=expired-secret")
        .await;
    assert_eq!(status, 410);
    assert!(html.to_lowercase().contains("expir"), "{html}");
    let r = app
        .post_form(
            "/mot-de-passe/nouveau",
            &[
                ("jeton", "expired-secret"),
                ("password", "un mot de passe assez long"),
            ],
        )
        .await;
    assert_eq!(r.status(), 410);
}

async fn sign_in_failure_keeps_the_email_and_is_audited(backend: Backend) {
    let Some(app) = TestApp::spawn(backend).await else {
        return;
    };
    app.sign_up_and_in("claire@exemple.fr", "Claire").await;
    let (other, _) = app.new_browser();
    let csrf_page = other.get(app.at("/connexion")).send().await.unwrap();
    let csrf = csrf_page
        .headers()
        .get_all("set-cookie")
        .iter()
        .find_map(|v| {
            v.to_str()
                .ok()?
                .strip_prefix("essaim_csrf=")
                .map(|s| s.split(';').next().unwrap().to_owned())
        })
        .unwrap();
    let r = other
        .post(app.at("/connexion"))
        .form(&[
            ("email", "claire@exemple.fr"),
            ("password", "pas le bon mot de passe"),
            ("_csrf", &csrf),
        ])
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 422);
    let html = r.text().await.unwrap();
    assert!(html.contains("value=\"claire@exemple.fr\""));
    let unknown = other
        .post(app.at("/connexion"))
        .form(&[
            ("email", "personne@exemple.fr"),
            ("password", "pas le bon mot de passe"),
            ("_csrf", &csrf),
        ])
        .send()
        .await
        .unwrap();
    let unknown_html = unknown.text().await.unwrap();
    assert_eq!(
        html.replace("claire@exemple.fr", "X"),
        unknown_html.replace("personne@exemple.fr", "X"),
        "an unknown account looks the same as a wrong password"
    );
    let failed = app
        .store
        .list_audit(Some("sign_in_failed"), 10)
        .await
        .unwrap();
    assert_eq!(failed.len(), 2);
    assert_eq!(
        app.store
            .list_audit(Some("sign_in"), 10)
            .await
            .unwrap()
            .len(),
        1
    );
}

async fn sign_in_is_throttled_per_account(backend: Backend) {
    let Some(app) = TestApp::spawn(backend).await else {
        return;
    };
    let mut last = 0;
    for _ in 0..11 {
        last = app
            .post_form(
                "/connexion",
                &[
                    ("email", "claire@exemple.fr"),
                    ("password", "mauvais mot de passe"),
                ],
            )
            .await
            .status()
            .as_u16();
    }
    assert_eq!(last, 429);
    let r = app
        .post_form(
            "/connexion",
            &[("email", "claire@exemple.fr"), ("password", "x")],
        )
        .await;
    assert!(r.headers().get("retry-after").is_some());
    let html = r.text().await.unwrap();
    assert!(
        html.contains("<h1"),
        "a page that explains, not a bare status"
    );
    // Another account from the same address is not blocked yet.
    let other = app
        .post_form(
            "/connexion",
            &[
                ("email", "leo@exemple.fr"),
                ("password", "mauvais mot de passe"),
            ],
        )
        .await;
    assert_eq!(other.status(), 422);
}

async fn sign_in_starts_a_new_session_with_safe_cookie(backend: Backend) {
    let Some(app) = TestApp::spawn(backend).await else {
        return;
    };
    app.post_form(
        "/inscription",
        &[
            ("email", "claire@exemple.fr"),
            ("name", "Claire"),
            ("password", PASSWORD),
        ],
    )
    .await;
    let r = app
        .post_form(
            "/connexion",
            &[("email", "claire@exemple.fr"), ("password", PASSWORD)],
        )
        .await;
    assert_eq!(r.status(), 303);
    assert_eq!(r.headers()["location"], "/compte");
    let cookie = r
        .headers()
        .get_all("set-cookie")
        .iter()
        .map(|v| v.to_str().unwrap().to_owned())
        .find(|v| v.starts_with("essaim_session="))
        .unwrap();
    assert!(
        cookie.contains("HttpOnly") && cookie.contains("SameSite=Lax"),
        "{cookie}"
    );
    let id = cookie
        .split(';')
        .next()
        .unwrap()
        .trim_start_matches("essaim_session=")
        .to_owned();
    assert_eq!(id.len(), 32, "128 random bits in hex");
    app.sign_in("claire@exemple.fr", PASSWORD).await;
    let second = app.cookie("essaim_session").unwrap();
    assert_ne!(second, id, "a new id at every sign-in");
    assert!(
        app.store
            .session(&essaim_web::auth::secret_hash(&id))
            .await
            .unwrap()
            .is_none(),
        "the old session ended"
    );
    // A next path outside the site is ignored.
    let r = app
        .post_form(
            "/connexion",
            &[
                ("email", "claire@exemple.fr"),
                ("password", PASSWORD),
                ("suivant", "//evil.example"),
            ],
        )
        .await;
    assert_eq!(r.headers()["location"], "/compte");
}

async fn password_change_ends_other_sessions(backend: Backend) {
    let Some(app) = TestApp::spawn(backend).await else {
        return;
    };
    app.sign_up_and_in("claire@exemple.fr", "Claire").await;
    let login = app.other_browser();
    login.sign_in("claire@exemple.fr", PASSWORD).await;
    assert_eq!(login.get("/compte").await.status(), 200);
    let wrong = app
        .post_form(
            "/compte/mot-de-passe",
            &[
                ("current_password", "faux"),
                ("new_password", "un tout nouveau mot de passe"),
            ],
        )
        .await;
    assert_eq!(wrong.status(), 422);
    let r = app
        .post_form(
            "/compte/mot-de-passe",
            &[
                ("current_password", PASSWORD),
                ("new_password", "un tout nouveau mot de passe"),
            ],
        )
        .await;
    assert_eq!(r.status(), 303);
    assert_eq!(app.get("/compte").await.status(), 200, "this session stays");
    assert_eq!(
        login.get("/compte").await.status(),
        303,
        "the other one ended"
    );
    assert_eq!(
        app.store
            .list_audit(Some("password_changed"), 10)
            .await
            .unwrap()
            .len(),
        1
    );
}

async fn email_change_waits_for_the_new_address(backend: Backend) {
    let Some(app) = TestApp::spawn(backend).await else {
        return;
    };
    app.sign_up_and_in("claire@exemple.fr", "Claire").await;
    let r = app
        .post_form(
            "/compte/email",
            &[("email", "claire@nouveau.fr"), ("current_password", "faux")],
        )
        .await;
    assert_eq!(r.status(), 422);
    let r = app
        .post_form(
            "/compte/email",
            &[
                ("email", "claire@nouveau.fr"),
                ("current_password", PASSWORD),
            ],
        )
        .await;
    assert_eq!(r.status(), 200);
    assert!(
        app.store
            .person_by_email("claire@exemple.fr")
            .await
            .unwrap()
            .is_some(),
        "not changed yet"
    );
    let link = app.link_in_mail_to("claire@nouveau.fr").await;
    let token = link.split("jeton=").nth(1).unwrap().to_owned();
    assert_eq!(
        app.post_form("/confirmation", &[("jeton", &token)])
            .await
            .status(),
        200
    );
    assert!(app
        .store
        .person_by_email("claire@nouveau.fr")
        .await
        .unwrap()
        .is_some());
}

async fn sign_out_ends_the_session(backend: Backend) {
    let Some(app) = TestApp::spawn(backend).await else {
        return;
    };
    app.sign_up_and_in("claire@exemple.fr", "Claire").await;
    let id = app.cookie("essaim_session").unwrap();
    let get = app.get("/deconnexion").await;
    assert_eq!(get.status(), 405, "no sign-out by GET");
    assert_eq!(app.post_form("/deconnexion", &[]).await.status(), 303);
    assert!(app
        .store
        .session(&essaim_web::auth::secret_hash(&id))
        .await
        .unwrap()
        .is_none());
    assert_eq!(app.get("/compte").await.status(), 303);
}

async fn sign_in_renews_the_csrf_token(backend: Backend) {
    let Some(app) = TestApp::spawn(backend).await else {
        return;
    };
    app.sign_up_and_in("claire@exemple.fr", "Claire").await;
    app.post_form("/deconnexion", &[]).await;
    let before = app.csrf().await;
    app.sign_in("claire@exemple.fr", PASSWORD).await;
    let after = app.csrf().await;
    assert_ne!(before, after, "a new token at sign-in");
    assert_eq!(after.len(), 32);
    // The token known before signing in no longer works; the new one does.
    let stale = app
        .client
        .post(app.at("/compte/profil"))
        .form(&[("name", "Claire M"), ("_csrf", before.as_str())])
        .send()
        .await
        .unwrap();
    assert_eq!(stale.status(), 403);
    let r = app
        .post_form("/compte/profil", &[("name", "Claire M")])
        .await;
    assert_eq!(r.status(), 303, "{}", r.text().await.unwrap());
}
