use crate::common::{Backend, TestApp, PASSWORD};
use serde_json::{json, Value};

crate::on_both_backends!(
    territories_find_brest_and_saint_etienne,
    api_tokens_authenticate_and_are_revoked,
    api_creates_and_edits_structures_with_the_same_rules,
    api_errors_have_a_code_and_the_right_status,
    api_sign_up_is_throttled_with_429,
    api_member_removal_follows_the_rules,
    admin_api_changes_roles_and_is_audited,
    openapi_document_lists_the_endpoints,
);

async fn json_of(r: reqwest::Response) -> Value {
    r.json().await.unwrap()
}

async fn territories_find_brest_and_saint_etienne(backend: Backend) {
    let Some(app) = TestApp::spawn(backend).await else {
        return;
    };
    let hits = json_of(app.get("/api/v1/territories?q=brest").await).await;
    assert_eq!(hits[0]["code"], "29019");
    assert_eq!(hits[0]["name"], "Brest");
    assert_eq!(hits[0]["level"], "commune");
    assert!(hits[0]["parents"]
        .as_array()
        .unwrap()
        .iter()
        .any(|p| p == "departement:29"));
    let hits = json_of(app.get("/api/v1/territories?q=saint%20etienne").await).await;
    assert_eq!(hits[0]["code"], "42218");
    let hits = json_of(app.get("/api/v1/territories?q=29&limit=5").await).await;
    assert_eq!(hits[0]["reference"], "departement:29");
    assert_eq!(hits.as_array().unwrap().len(), 5);
    assert_eq!(
        app.get("/api/v1/territories/commune:99999").await.status(),
        404
    );
    let malformed = app.get("/api/v1/territories/n'importe").await;
    assert_eq!(malformed.status(), 422);
    assert_eq!(json_of(malformed).await["code"], "territory_malformed");
    let bad_limit = app.get("/api/v1/territories?q=brest&limit=beaucoup").await;
    assert_eq!(bad_limit.status(), 400);
    assert_eq!(json_of(bad_limit).await["code"], "bad_request");
}

async fn api_tokens_authenticate_and_are_revoked(backend: Backend) {
    let Some(app) = TestApp::spawn(backend).await else {
        return;
    };
    assert_eq!(app.get("/api/v1/me").await.status(), 401);
    app.sign_up_and_in("claire@exemple.fr", "Claire").await;
    assert_eq!(
        app.get("/api/v1/me").await.status(),
        401,
        "the API ignores session cookies"
    );
    let token = app.api_token().await;
    let api = reqwest::Client::new();
    let me = api
        .get(app.at("/api/v1/me"))
        .bearer_auth(&token)
        .send()
        .await
        .unwrap();
    assert_eq!(me.status(), 200);
    let me = json_of(me).await;
    assert_eq!(me["email"], "claire@exemple.fr");
    assert_eq!(me["email_confirmed"], true);
    let patched = api
        .patch(app.at("/api/v1/me"))
        .bearer_auth(&token)
        .json(&json!({"profiles": ["funder", "citizen"]}))
        .send()
        .await
        .unwrap();
    assert_eq!(
        json_of(patched).await["profiles"],
        json!(["funder", "citizen"])
    );
    let bad = api
        .patch(app.at("/api/v1/me"))
        .bearer_auth(&token)
        .json(&json!({"profiles": ["king"]}))
        .send()
        .await
        .unwrap();
    assert_eq!(bad.status(), 422);
    let tokens = json_of(
        api.get(app.at("/api/v1/me/tokens"))
            .bearer_auth(&token)
            .send()
            .await
            .unwrap(),
    )
    .await;
    let id = tokens[0]["id"].as_str().unwrap().to_owned();
    assert!(
        !tokens.to_string().contains(&token),
        "secrets are not listed"
    );
    let r = api
        .delete(app.at(&format!("/api/v1/me/tokens/{id}")))
        .bearer_auth(&token)
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 204);
    let r = api
        .get(app.at("/api/v1/me"))
        .bearer_auth(&token)
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 401);
    assert_eq!(json_of(r).await["code"], "unauthenticated");
}

async fn api_creates_and_edits_structures_with_the_same_rules(backend: Backend) {
    let Some(app) = TestApp::spawn(backend).await else {
        return;
    };
    app.sign_up_and_in("claire@exemple.fr", "Claire").await;
    let token = app.api_token().await;
    let api = reqwest::Client::new();
    let created = api
        .post(app.at("/api/v1/structures"))
        .bearer_auth(&token)
        .json(&json!({"name": "Les Ruches", "kind": "association", "territory": "commune:29019", "siret": "21290019700014"}))
        .send()
        .await
        .unwrap();
    assert_eq!(created.status(), 201);
    let s = json_of(created).await;
    let id = s["id"].as_str().unwrap().to_owned();
    let got = json_of(
        api.get(app.at(&format!("/api/v1/structures/{id}")))
            .send()
            .await
            .unwrap(),
    )
    .await;
    assert_eq!(got["territory"], "commune:29019");
    let list = json_of(
        api.get(app.at("/api/v1/structures?q=ruches"))
            .send()
            .await
            .unwrap(),
    )
    .await;
    assert_eq!(list["total"], 1);
    let members = json_of(
        api.get(app.at(&format!("/api/v1/structures/{id}/members")))
            .send()
            .await
            .unwrap(),
    )
    .await;
    assert_eq!(members[0]["role"], "manager");
    let updated = api
        .put(app.at(&format!("/api/v1/structures/{id}")))
        .bearer_auth(&token)
        .json(&json!({"name": "Les Ruches du Ponant", "kind": "cooperative"}))
        .send()
        .await
        .unwrap();
    assert_eq!(updated.status(), 200);
    assert_eq!(json_of(updated).await["kind"], "cooperative");
    let invited = api
        .post(app.at(&format!("/api/v1/structures/{id}/invitations")))
        .bearer_auth(&token)
        .json(&json!({"email": "leo@exemple.fr", "role": "member"}))
        .send()
        .await
        .unwrap();
    assert_eq!(invited.status(), 202);
    assert!(app
        .link_in_mail_to("leo@exemple.fr")
        .await
        .starts_with("/invitations?jeton="));
}

async fn api_errors_have_a_code_and_the_right_status(backend: Backend) {
    let Some(app) = TestApp::spawn(backend).await else {
        return;
    };
    app.sign_up_and_in("claire@exemple.fr", "Claire").await;
    let token = app.api_token().await;
    let api = reqwest::Client::new();
    let post = |body: String| {
        api.post(app.at("/api/v1/structures"))
            .bearer_auth(&token)
            .header("content-type", "application/json")
            .body(body)
            .send()
    };
    let r = post("{\"name\": ".into()).await.unwrap();
    assert_eq!(r.status(), 400);
    let body = json_of(r).await;
    assert_eq!(body["code"], "invalid_json");
    assert!(
        body["message"].as_str().unwrap().len() > 10,
        "a sentence, in French by default"
    );

    let r = post(
        json!({"name": "Les Ruches", "kind": "association", "territory": "commune:99999"})
            .to_string(),
    )
    .await
    .unwrap();
    assert_eq!(r.status(), 422);
    let body = json_of(r).await;
    assert_eq!(body["code"], "invalid_input");
    assert_eq!(body["fields"][0]["field"], "territory");
    assert_eq!(body["fields"][0]["code"], "territory_unknown");

    let r = post(
        json!({"name": "Les Ruches", "kind": "association", "siret": "21290019700017"}).to_string(),
    )
    .await
    .unwrap();
    assert_eq!(json_of(r).await["fields"][0]["code"], "siret_checksum");

    let r =
        post(json!({"name": "Les Ruches", "kind": "association", "colour": "blue"}).to_string())
            .await
            .unwrap();
    assert_eq!(r.status(), 422);
    assert_eq!(json_of(r).await["code"], "invalid_body");

    let big = format!("{{\"name\": \"{}\"}}", "x".repeat(2 * 1024 * 1024));
    let r = post(big).await.unwrap();
    assert_eq!(r.status(), 413);
    assert_eq!(json_of(r).await["code"], "payload_too_large");

    let r = api
        .post(app.at("/api/v1/structures"))
        .bearer_auth(&token)
        .body("name=x")
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 415);

    let r = api
        .get(app.at("/api/v1/nothing-here"))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 404);
    assert_eq!(json_of(r).await["code"], "not_found");

    let english = api
        .get(app.at("/api/v1/me"))
        .header("accept-language", "en")
        .send()
        .await
        .unwrap();
    let body = json_of(english).await;
    assert_eq!(body["code"], "unauthenticated");
    assert!(
        body["message"]
            .as_str()
            .unwrap()
            .to_lowercase()
            .contains("sign"),
        "{body}"
    );
    assert_eq!(
        app.store.count_structures(None, None).await.unwrap(),
        0,
        "nothing was created"
    );
}

async fn api_sign_up_is_throttled_with_429(backend: Backend) {
    let Some(app) = TestApp::spawn(backend).await else {
        return;
    };
    let api = reqwest::Client::new();
    let mut statuses = vec![];
    for i in 0..11 {
        let r = api
            .post(app.at("/api/v1/accounts"))
            .json(&json!({"email": format!("p{i}@exemple"), "name": "P", "password": "court"}))
            .send()
            .await
            .unwrap();
        statuses.push(r.status().as_u16());
        if r.status() == 429 {
            assert!(r.headers().get("retry-after").is_some());
            assert_eq!(json_of(r).await["code"], "too_many_requests");
        }
    }
    assert_eq!(statuses[..10], [422; 10]);
    assert_eq!(statuses[10], 429);
    let ok = TestApp::spawn(backend).await.unwrap();
    let r = api
        .post(ok.at("/api/v1/accounts"))
        .json(&json!({"email": "claire@exemple.fr", "name": "Claire", "password": PASSWORD}))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 202);
    let again = api
        .post(ok.at("/api/v1/accounts"))
        .json(&json!({"email": "claire@exemple.fr", "name": "Claire", "password": PASSWORD}))
        .send()
        .await
        .unwrap();
    assert_eq!(
        again.status(),
        202,
        "a registered e-mail gets the same answer"
    );
    let reset = api
        .post(ok.at("/api/v1/password-resets"))
        .json(&json!({"email": "nobody@exemple.fr"}))
        .send()
        .await
        .unwrap();
    assert_eq!(reset.status(), 202);
}

async fn api_member_removal_follows_the_rules(backend: Backend) {
    let Some(app) = TestApp::spawn(backend).await else {
        return;
    };
    app.sign_up_and_in("claire@exemple.fr", "Claire").await;
    let claire_token = app.api_token().await;
    let api = reqwest::Client::new();
    let s = json_of(
        api.post(app.at("/api/v1/structures"))
            .bearer_auth(&claire_token)
            .json(&json!({"name": "Les Ruches", "kind": "association"}))
            .send()
            .await
            .unwrap(),
    )
    .await;
    let id = s["id"].as_str().unwrap().to_owned();
    let leo = app.other_browser();
    leo.sign_up_and_in("leo@exemple.fr", "Léo").await;
    let leo_token = leo.api_token().await;
    let leo_id = app
        .store
        .person_by_email("leo@exemple.fr")
        .await
        .unwrap()
        .unwrap()
        .id;
    let claire_id = app
        .store
        .person_by_email("claire@exemple.fr")
        .await
        .unwrap()
        .unwrap()
        .id;
    app.store
        .add_member(
            id.parse().unwrap(),
            leo_id,
            essaim_domain::structure::MemberRole::Member,
            essaim_store::utc_now(),
        )
        .await
        .unwrap();
    let r = api
        .delete(app.at(&format!("/api/v1/structures/{id}/members/{claire_id}")))
        .bearer_auth(&leo_token)
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 403);
    assert_eq!(json_of(r).await["code"], "forbidden");
    let r = api
        .put(app.at(&format!("/api/v1/structures/{id}")))
        .bearer_auth(&leo_token)
        .json(&json!({"name": "Volée", "kind": "autre"}))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 403);
    let r = api
        .delete(app.at(&format!("/api/v1/structures/{id}/members/{claire_id}")))
        .bearer_auth(&claire_token)
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 409);
    let r = api
        .delete(app.at(&format!("/api/v1/structures/{id}/members/{leo_id}")))
        .bearer_auth(&leo_token)
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 204, "a member may leave");
}

async fn admin_api_changes_roles_and_is_audited(backend: Backend) {
    let Some(app) = TestApp::spawn(backend).await else {
        return;
    };
    app.sign_up_and_in("claire@exemple.fr", "Claire").await;
    let claire = app
        .store
        .person_by_email("claire@exemple.fr")
        .await
        .unwrap()
        .unwrap();
    let token = app.api_token().await;
    let api = reqwest::Client::new();
    let r = api
        .get(app.at("/api/v1/admin/people"))
        .bearer_auth(&token)
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 403);
    app.store
        .set_roles(claire.id, &[essaim_domain::person::PlatformRole::Admin])
        .await
        .unwrap();
    let people = json_of(
        api.get(app.at("/api/v1/admin/people"))
            .bearer_auth(&token)
            .send()
            .await
            .unwrap(),
    )
    .await;
    assert_eq!(people[0]["email"], "claire@exemple.fr");
    let r = api
        .put(app.at(&format!("/api/v1/admin/people/{}/roles", claire.id)))
        .bearer_auth(&token)
        .json(&json!({"roles": ["admin", "moderator"]}))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 200);
    let r = api
        .put(app.at(&format!("/api/v1/admin/people/{}/roles", claire.id)))
        .bearer_auth(&token)
        .json(&json!({"roles": []}))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 409, "an admin cannot drop their own admin role");
    let r = api
        .put(app.at(&format!("/api/v1/admin/people/{}/roles", claire.id)))
        .bearer_auth(&token)
        .json(&json!({"roles": ["king"]}))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 422);
    let audit = json_of(
        api.get(app.at("/api/v1/admin/audit?action=role_changed"))
            .bearer_auth(&token)
            .send()
            .await
            .unwrap(),
    )
    .await;
    assert_eq!(audit.as_array().unwrap().len(), 1);
    assert_eq!(audit[0]["detail"], "admin -> admin,moderator");
}

async fn openapi_document_lists_the_endpoints(backend: Backend) {
    let Some(app) = TestApp::spawn(backend).await else {
        return;
    };
    let doc = json_of(app.get("/api/v1/openapi.json").await).await;
    assert!(doc["openapi"].as_str().unwrap().starts_with("3."));
    for path in [
        "/api/v1/territories",
        "/api/v1/structures",
        "/api/v1/me",
        "/api/v1/accounts",
        "/api/v1/admin/people",
    ] {
        assert!(doc["paths"].get(path).is_some(), "{path} documented");
    }
    assert!(doc["components"]["securitySchemes"]["bearer"].is_object());
}
