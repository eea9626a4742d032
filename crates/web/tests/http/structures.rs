use crate::common::{Backend, TestApp};

crate::on_both_backends!(
    a_person_creates_a_structure_and_invites_a_member_who_joins,
    structure_form_refuses_bad_input_and_keeps_values,
    territory_typed_by_name_is_resolved_or_suggested,
    only_managers_edit_and_remove_members,
    unconfirmed_accounts_cannot_create_structures,
    invitation_is_for_its_address_only,
    structures_are_listed_and_searched,
);

async fn create_structure(app: &TestApp, name: &str) -> String {
    let r = app
        .post_form(
            "/structures",
            &[
                ("name", name),
                ("kind", "association"),
                ("siret", "21290019700014"),
                ("territory", "commune:29019"),
                ("description", "Des **ruches** <script>alert(1)</script>"),
                ("website", "ruches.example.org"),
            ],
        )
        .await;
    assert_eq!(r.status(), 303, "{}", r.text().await.unwrap());
    r.headers()["location"].to_str().unwrap().to_owned()
}

async fn a_person_creates_a_structure_and_invites_a_member_who_joins(backend: Backend) {
    let Some(app) = TestApp::spawn(backend).await else {
        return;
    };
    app.sign_up_and_in("claire@exemple.fr", "Claire").await;
    let page = create_structure(&app, "Les Ruches de Brest").await;
    let (status, html) = app.get_html(&page).await;
    assert_eq!(status, 200);
    assert!(html.contains("Les Ruches de Brest"));
    assert!(html.contains("Brest"), "the territory by name");
    assert!(
        html.contains("<strong>ruches</strong>"),
        "Markdown rendered"
    );
    assert!(!html.contains("<script>alert"), "and sanitised");

    let id = page.trim_start_matches("/structures/");
    let r = app
        .post_form(
            &format!("/structures/{id}/membres/inviter"),
            &[("email", "leo@exemple.fr"), ("role", "member")],
        )
        .await;
    assert_eq!(r.status(), 200);
    let link = app.link_in_mail_to("leo@exemple.fr").await;
    assert!(link.starts_with("/invitations?jeton="));

    let leo = app.other_browser();
    let (status, html) = leo.get_html(&link).await;
    assert_eq!(status, 200);
    assert!(html.contains("Les Ruches de Brest"));
    leo.sign_up_and_in("leo@exemple.fr", "Léo").await;
    let token = link.split("jeton=").nth(1).unwrap();
    let r = leo.post_form("/invitations", &[("jeton", token)]).await;
    assert_eq!(r.status(), 303);
    let members = app.store.members(id.parse().unwrap()).await.unwrap();
    assert_eq!(members.len(), 2);
    assert!(members
        .iter()
        .any(|m| m.display_name == "Léo" && m.role.as_str() == "member"));
    let again = leo.post_form("/invitations", &[("jeton", token)]).await;
    assert_ne!(again.status(), 303, "an invitation is used once");
}

async fn structure_form_refuses_bad_input_and_keeps_values(backend: Backend) {
    let Some(app) = TestApp::spawn(backend).await else {
        return;
    };
    app.sign_up_and_in("claire@exemple.fr", "Claire").await;
    let r = app
        .post_form(
            "/structures",
            &[
                ("name", "Les Ruches"),
                ("kind", "association"),
                ("siret", "21290019700017"),
                ("territory", "commune:99999"),
                ("website", "javascript:alert(1)"),
            ],
        )
        .await;
    assert_eq!(r.status(), 422);
    let html = r.text().await.unwrap();
    for field in ["siret", "territory", "website"] {
        assert!(
            html.contains(&format!("id=\"{field}-error\"")),
            "message for {field}"
        );
    }
    assert!(html.contains("value=\"Les Ruches\""), "values kept");
    assert!(html.contains("value=\"21290019700017\""));
    assert_eq!(app.store.count_structures(None, None).await.unwrap(), 0);
}

async fn territory_typed_by_name_is_resolved_or_suggested(backend: Backend) {
    let Some(app) = TestApp::spawn(backend).await else {
        return;
    };
    app.sign_up_and_in("claire@exemple.fr", "Claire").await;
    let r = app
        .post_form(
            "/structures",
            &[
                ("name", "Les Ruches"),
                ("kind", "association"),
                ("territory", "Brest"),
            ],
        )
        .await;
    assert_eq!(r.status(), 303);
    let s = &app
        .store
        .list_structures(None, None, essaim_store::Page::first(1))
        .await
        .unwrap()[0];
    assert_eq!(s.territory.as_deref(), Some("commune:29019"));
    let r = app
        .post_form(
            "/structures",
            &[
                ("name", "Autre"),
                ("kind", "association"),
                ("territory", "Saint-Denis"),
            ],
        )
        .await;
    assert_eq!(r.status(), 422);
    let html = r.text().await.unwrap();
    assert!(html.contains("commune:93066"), "Saint-Denis (93) offered");
    assert!(
        html.contains("commune:97411"),
        "Saint-Denis (La Réunion) offered"
    );
}

async fn only_managers_edit_and_remove_members(backend: Backend) {
    let Some(app) = TestApp::spawn(backend).await else {
        return;
    };
    app.sign_up_and_in("claire@exemple.fr", "Claire").await;
    let page = create_structure(&app, "Les Ruches").await;
    let id: uuid::Uuid = page.trim_start_matches("/structures/").parse().unwrap();
    let claire = app
        .store
        .person_by_email("claire@exemple.fr")
        .await
        .unwrap()
        .unwrap();

    let leo = app.other_browser();
    leo.sign_up_and_in("leo@exemple.fr", "Léo").await;
    let leo_id = app
        .store
        .person_by_email("leo@exemple.fr")
        .await
        .unwrap()
        .unwrap()
        .id;
    app.store
        .add_member(
            id,
            leo_id,
            essaim_domain::structure::MemberRole::Member,
            essaim_store::utc_now(),
        )
        .await
        .unwrap();

    assert_eq!(
        leo.get(&format!("/structures/{id}/modifier"))
            .await
            .status(),
        403
    );
    let r = leo
        .post_form(
            &format!("/structures/{id}/modifier"),
            &[("name", "Volée"), ("kind", "association")],
        )
        .await;
    assert_eq!(r.status(), 403);
    let r = leo
        .post_form(
            &format!("/structures/{id}/membres/{}/retirer", claire.id),
            &[],
        )
        .await;
    assert_eq!(r.status(), 403, "a member cannot remove someone else");
    assert_eq!(
        app.store.members(id).await.unwrap().len(),
        2,
        "nothing changed"
    );
    assert_eq!(
        app.store.structure(id).await.unwrap().unwrap().name,
        "Les Ruches"
    );

    let r = app
        .post_form(
            &format!("/structures/{id}/membres/{}/retirer", claire.id),
            &[],
        )
        .await;
    assert_eq!(r.status(), 409, "the last manager stays");
    let r = app
        .post_form(&format!("/structures/{id}/membres/{leo_id}/retirer"), &[])
        .await;
    assert_eq!(r.status(), 303);
    assert_eq!(app.store.members(id).await.unwrap().len(), 1);
    assert_eq!(
        app.store
            .list_audit(Some("member_removed"), 10)
            .await
            .unwrap()
            .len(),
        1
    );
    let r = app
        .post_form(
            &format!("/structures/{id}/modifier"),
            &[("name", "Les Ruches du Ponant"), ("kind", "cooperative")],
        )
        .await;
    assert_eq!(r.status(), 303);
    assert_eq!(
        app.store.structure(id).await.unwrap().unwrap().name,
        "Les Ruches du Ponant"
    );
}

async fn unconfirmed_accounts_cannot_create_structures(backend: Backend) {
    let Some(app) = TestApp::spawn(backend).await else {
        return;
    };
    app.post_form(
        "/inscription",
        &[
            ("email", "claire@exemple.fr"),
            ("name", "Claire"),
            ("password", crate::common::PASSWORD),
        ],
    )
    .await;
    app.sign_in("claire@exemple.fr", crate::common::PASSWORD)
        .await;
    let r = app
        .post_form(
            "/structures",
            &[("name", "Les Ruches"), ("kind", "association")],
        )
        .await;
    assert_eq!(r.status(), 403);
    assert_eq!(app.store.count_structures(None, None).await.unwrap(), 0);
    let anonymous = app
        .new_browser()
        .0
        .get(app.at("/structures/nouvelle"))
        .send()
        .await
        .unwrap();
    assert_eq!(
        anonymous.status(),
        303,
        "anonymous visitors are sent to sign in"
    );
    assert!(anonymous.headers()["location"]
        .to_str()
        .unwrap()
        .starts_with("/connexion?suivant="));
}

async fn invitation_is_for_its_address_only(backend: Backend) {
    let Some(app) = TestApp::spawn(backend).await else {
        return;
    };
    app.sign_up_and_in("claire@exemple.fr", "Claire").await;
    let page = create_structure(&app, "Les Ruches").await;
    let id = page.trim_start_matches("/structures/");
    app.post_form(
        &format!("/structures/{id}/membres/inviter"),
        &[("email", "leo@exemple.fr"), ("role", "manager")],
    )
    .await;
    let bad = app
        .post_form(
            &format!("/structures/{id}/membres/inviter"),
            &[("email", "pas-une-adresse"), ("role", "chef")],
        )
        .await;
    assert_eq!(bad.status(), 422);
    let link = app.link_in_mail_to("leo@exemple.fr").await;
    let other = app.other_browser();
    other.sign_up_and_in("intrus@exemple.fr", "Intrus").await;
    let r = other
        .post_form(
            "/invitations",
            &[("jeton", link.split("jeton=").nth(1).unwrap())],
        )
        .await;
    assert_eq!(r.status(), 200, "a page that explains");
    assert_eq!(
        app.store.members(id.parse().unwrap()).await.unwrap().len(),
        1,
        "nobody joined"
    );
}

async fn structures_are_listed_and_searched(backend: Backend) {
    let Some(app) = TestApp::spawn(backend).await else {
        return;
    };
    app.sign_up_and_in("claire@exemple.fr", "Claire").await;
    create_structure(&app, "Les Ruches de Brest").await;
    create_structure(&app, "Énergies Citoyennes").await;
    let (status, html) = app.get_html("/structures?q=energies").await;
    assert_eq!(status, 200);
    assert!(html.contains("Énergies Citoyennes"));
    assert!(!html.contains("Les Ruches de Brest"));
    let (_, html) = app.get_html("/structures?type=reseau").await;
    assert!(!html.contains("Énergies Citoyennes"));
    assert_eq!(
        app.get("/structures/00000000-0000-0000-0000-000000000000")
            .await
            .status(),
        404
    );
    assert_eq!(app.get("/structures/pas-un-uuid").await.status(), 400);
}
