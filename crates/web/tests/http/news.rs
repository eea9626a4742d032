//! Curated news (*veille*): sharing links in groups, the platform's list (open groups and
//! moderators' items), search with the catalogue's syntax, tags, Atom feeds, the API, and the
//! refusals (bad links, outsiders, closed groups).

use crate::common::{location, Backend, TestApp};
use serde_json::{json, Value};

crate::on_both_backends!(
    members_share_links_and_the_platform_lists_open_groups_only,
    search_tags_and_feeds_use_the_catalogue_syntax,
    bad_links_and_outsiders_are_refused,
    people_blocked_in_groups_share_nothing_and_their_items_are_left_out,
);

async fn create_group(app: &TestApp, name: &str, access: &str) -> String {
    let r = app
        .post_form(
            "/groupes",
            &[
                ("name", name),
                ("description", "Veille partagée."),
                ("territory", "commune:29019"),
                ("challenge", "inclusion"),
                ("access", access),
            ],
        )
        .await;
    assert_eq!(r.status(), 303, "group created");
    let l = location(&r);
    l.trim_start_matches("/groupes/")
        .split(['?', '/'])
        .next()
        .unwrap()
        .to_owned()
}

async fn share(app: &TestApp, path: &str, url: &str, title: &str, tags: &str) -> reqwest::Response {
    app.post_form(
        path,
        &[
            ("url", url),
            ("title", title),
            ("comment", "À lire **absolument**."),
            ("tags", tags),
        ],
    )
    .await
}

async fn members_share_links_and_the_platform_lists_open_groups_only(backend: Backend) {
    let Some(app) = TestApp::spawn(backend).await else {
        return;
    };
    app.sign_up_and_in("maiwenn@exemple.fr", "Maïwenn").await;
    let open = create_group(&app, "Réemploi en Finistère", "open").await;
    let closed = create_group(&app, "Cercle restreint", "closed").await;
    let r = share(
        &app,
        &format!("/groupes/{open}/veille"),
        "https://exemple.org/ressourceries",
        "Les ressourceries se multiplient",
        "Économie circulaire, réemploi",
    )
    .await;
    assert_eq!(r.status(), 303);
    assert_eq!(location(&r), format!("/groupes/{open}/veille"));
    let r = share(
        &app,
        &format!("/groupes/{closed}/veille"),
        "https://exemple.org/secret",
        "Note confidentielle Zéphyrine",
        "",
    )
    .await;
    assert_eq!(r.status(), 303);

    let (status, html) = app.get_html(&format!("/groupes/{open}/veille")).await;
    assert_eq!(status, 200);
    crate::pages::assert_accessible_layout(&html, "/groupes/{id}/veille");
    assert!(html.contains("Les ressourceries se multiplient"));
    assert!(html.contains("<strong>absolument</strong>"));
    assert!(html.contains("#economie-circulaire"));
    let visitor = app.other_browser();
    let (status, html) = visitor.get_html("/veille").await;
    assert_eq!(status, 200);
    assert!(html.contains("Les ressourceries se multiplient"));
    assert!(
        !html.contains("Zéphyrine"),
        "closed groups stay out of the platform's news"
    );
    // A closed group's news is for its members.
    assert_eq!(
        visitor
            .get(&format!("/groupes/{closed}/veille"))
            .await
            .status(),
        303,
        "sent to sign in"
    );
    let outsider = app.other_browser();
    outsider
        .sign_up_and_in("curieux@exemple.fr", "Curieux")
        .await;
    assert_eq!(
        outsider
            .get(&format!("/groupes/{closed}/veille"))
            .await
            .status(),
        403
    );
    let (status, html) = app.get_html(&format!("/groupes/{closed}/veille")).await;
    assert_eq!(status, 200);
    assert!(html.contains("Zéphyrine"));
}

async fn search_tags_and_feeds_use_the_catalogue_syntax(backend: Backend) {
    let Some(app) = TestApp::spawn(backend).await else {
        return;
    };
    app.sign_up_and_in("maiwenn@exemple.fr", "Maïwenn").await;
    let g = create_group(&app, "Mobilités", "open").await;
    let path = format!("/groupes/{g}/veille");
    share(
        &app,
        &path,
        "https://exemple.org/a",
        "Les ressourceries en Bretagne",
        "réemploi",
    )
    .await;
    share(
        &app,
        &path,
        "https://exemple.org/b",
        "Un atelier vélo à Brest",
        "vélo, mobilité",
    )
    .await;
    share(
        &app,
        &path,
        "https://exemple.org/c?x=1&y=2",
        "<script>alert(1)</script> & co",
        "",
    )
    .await;
    let found = |q: &'static str| {
        let app = &app;
        async move {
            let (status, html) = app.get_html(&format!("/veille?{q}")).await;
            assert_eq!(status, 200);
            (
                html.contains("ressourceries en Bretagne"),
                html.contains("atelier vélo à Brest"),
            )
        }
    };
    assert_eq!(found("q=ressourcerie").await, (true, false));
    assert_eq!(found("q=brest+OR+bretagne").await, (true, true));
    assert_eq!(found("q=atelier+-brest").await, (false, false));
    assert_eq!(found("q=%22atelier+v%C3%A9lo%22").await, (false, true));
    assert_eq!(found("tag=V%C3%A9lo").await, (false, true));
    assert_eq!(
        found("q=r%C3%A9emploi").await,
        (true, false),
        "tags are searched"
    );

    let r = app.get("/veille.atom").await;
    assert_eq!(r.status(), 200);
    assert!(r.headers()["content-type"]
        .to_str()
        .unwrap()
        .starts_with("application/atom+xml"));
    let xml = r.text().await.unwrap();
    assert!(xml.contains("<feed xmlns=\"http://www.w3.org/2005/Atom\">"));
    assert!(xml.contains("&lt;script&gt;alert(1)&lt;/script&gt; &amp; co"));
    assert!(xml.contains("https://exemple.org/c?x=1&amp;y=2"));
    assert!(!xml.contains("<script>"));
    assert!(xml.contains("<category term=\"velo\"/>"));
    let xml = app
        .get(&format!("/groupes/{g}/veille.atom?q=ressourcerie"))
        .await
        .text()
        .await
        .unwrap();
    assert_eq!(xml.matches("<entry>").count(), 1);
    // The API answers the same search.
    let list: Value = app
        .get("/api/v1/news?q=brest+OR+bretagne")
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(list["total"], 2);
}

async fn bad_links_and_outsiders_are_refused(backend: Backend) {
    let Some(app) = TestApp::spawn(backend).await else {
        return;
    };
    app.sign_up_and_in("maiwenn@exemple.fr", "Maïwenn").await;
    let g = create_group(&app, "Veille sociale", "open").await;
    let path = format!("/groupes/{g}/veille");
    let r = share(
        &app,
        &path,
        "javascript:alert(1)",
        "Titre gardé",
        "a,b,c,d,e,f,g,h,i",
    )
    .await;
    assert_eq!(r.status(), 422);
    let html = r.text().await.unwrap();
    assert!(
        html.contains("Saisissez une adresse web complète"),
        "{html}"
    );
    assert!(html.contains("Pas plus de 8 étiquettes."));
    assert!(html.contains("Titre gardé"), "values kept");
    crate::pages::assert_accessible_layout(&html, "/groupes/{id}/veille (errors)");
    assert!(app
        .store
        .list_news(&essaim_store::news::NewsScope::Platform, None)
        .await
        .unwrap()
        .is_empty());

    // Someone who is not a member does not post in the group, nor on the platform.
    let outsider = app.other_browser();
    outsider
        .sign_up_and_in("curieux@exemple.fr", "Curieux")
        .await;
    let r = share(&outsider, &path, "https://exemple.org/x", "Intrus", "").await;
    assert_eq!(r.status(), 403);
    let r = share(&outsider, "/veille", "https://exemple.org/x", "Intrus", "").await;
    assert_eq!(r.status(), 403);

    // Deleting: not someone else's item; one's own, yes.
    let r = share(&app, &path, "https://exemple.org/ok", "Bon lien", "").await;
    assert_eq!(r.status(), 303);
    let id = app
        .store
        .list_news(&essaim_store::news::NewsScope::Platform, None)
        .await
        .unwrap()[0]
        .id;
    let r = outsider
        .post_form(&format!("/veille/{id}/suppression"), &[])
        .await;
    assert_eq!(r.status(), 403);
    let r = app
        .post_form(&format!("/veille/{id}/suppression"), &[])
        .await;
    assert_eq!(r.status(), 303);
    assert!(app.store.get_news(id).await.unwrap().is_none());

    // The API: a bad link is refused with its field, a good one shared.
    let token = app.api_token().await;
    let r = app
        .client
        .post(app.at("/api/v1/news"))
        .bearer_auth(&token)
        .json(&json!({"group_id": g, "url": "ftp://exemple.org", "title": "X"}))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 422);
    let e: Value = r.json().await.unwrap();
    assert_eq!(e["code"], "invalid_input");
    let r = app
        .client
        .post(app.at("/api/v1/news"))
        .bearer_auth(&token)
        .json(&json!({"group_id": g, "url": "https://exemple.org/api", "title": "Par l’API", "tags": ["Vélo"]}))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 201);
    let item: Value = r.json().await.unwrap();
    assert_eq!(item["tags"], json!(["velo"]));
    let outsider_token = outsider.api_token().await;
    let r = app
        .client
        .delete(app.at(&format!("/api/v1/news/{}", item["id"].as_str().unwrap())))
        .bearer_auth(&outsider_token)
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 403);
}

async fn people_blocked_in_groups_share_nothing_and_their_items_are_left_out(backend: Backend) {
    let Some(app) = TestApp::spawn(backend).await else {
        return;
    };
    app.sign_up_and_in("maiwenn@exemple.fr", "Maïwenn").await;
    let g = create_group(&app, "Réemploi en Finistère", "open").await;
    let troll = app.other_browser();
    troll.sign_up_and_in("troll@exemple.fr", "Troll").await;
    let r = troll
        .post_form(&format!("/groupes/{g}/adhesion"), &[])
        .await;
    assert!(
        r.status().is_redirection() || r.status().is_success(),
        "joined"
    );
    let r = share(
        &troll,
        &format!("/groupes/{g}/veille"),
        "https://exemple.org/spam",
        "Publicité Xylophage",
        "",
    )
    .await;
    assert_eq!(r.status(), 303, "shared while not blocked");
    let list: Value = app
        .client
        .get(app.at(&format!("/api/v1/news?group={g}")))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(list["total"], 1, "listed before the block");

    // A moderator blocks the account in groups.
    let troll_id = app
        .store
        .person_by_email("troll@exemple.fr")
        .await
        .unwrap()
        .unwrap()
        .id;
    let by = app
        .store
        .person_by_email("maiwenn@exemple.fr")
        .await
        .unwrap()
        .unwrap()
        .id;
    app.store
        .block_in_groups(troll_id, by, chrono::Utc::now())
        .await
        .unwrap();

    let r = share(
        &troll,
        &format!("/groupes/{g}/veille"),
        "https://exemple.org/spam2",
        "Publicité encore",
        "",
    )
    .await;
    assert_eq!(r.status(), 403, "a blocked person shares nothing");
    for page in [
        "/veille".to_owned(),
        format!("/groupes/{g}/veille"),
        "/veille.atom".to_owned(),
        format!("/groupes/{g}/veille.atom"),
        "/api/v1/news".to_owned(),
        format!("/api/v1/news?group={g}"),
    ] {
        let r = app.get(&page).await;
        assert_eq!(r.status(), 200, "{page}");
        let body = r.text().await.unwrap();
        assert!(!body.contains("Xylophage"), "{page} leaves the item out");
    }
}
