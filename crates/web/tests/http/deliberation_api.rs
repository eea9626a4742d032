//! Opinion maps through the API: creating a conversation with seed statements, statements,
//! votes, moderation and results, and every kind of bad input.

use crate::common::{Backend, TestApp};
use serde_json::{json, Value};

crate::on_both_backends!(
    api_runs_a_conversation_from_creation_to_results,
    api_refuses_bad_conversations_statements_and_votes,
    api_moderation_is_for_moderators_only,
);

async fn send(
    app: &TestApp,
    method: reqwest::Method,
    path: &str,
    token: Option<&str>,
    body: Option<Value>,
) -> (u16, Value) {
    let mut r = app.client.request(method, app.at(path));
    if let Some(t) = token {
        r = r.bearer_auth(t);
    }
    if let Some(b) = body {
        r = r.json(&b);
    }
    let r = r.send().await.unwrap();
    let status = r.status().as_u16();
    let text = r.text().await.unwrap();
    (status, serde_json::from_str(&text).unwrap_or(Value::Null))
}

async fn organiser(app: &TestApp, email: &str) -> String {
    app.sign_up_and_in(email, "Maëlle Organisatrice").await;
    app.api_token().await
}

async fn conversation(app: &TestApp, token: &str, body: Value) -> String {
    let (status, c) = send(
        app,
        reqwest::Method::POST,
        "/api/v1/conversations",
        Some(token),
        Some(body),
    )
    .await;
    assert_eq!(status, 201, "{c}");
    c["id"].as_str().unwrap().to_owned()
}

async fn api_runs_a_conversation_from_creation_to_results(backend: Backend) {
    let Some(app) = TestApp::spawn(backend).await else {
        return;
    };
    let token = organiser(&app, "orga@example.org").await;
    let seeds: Vec<String> = (0..8)
        .map(|i| format!("Proposition numéro {i} pour le quartier"))
        .collect();
    let id = conversation(
        &app,
        &token,
        json!({"question": "Que faire de la friche du port ?", "territories": ["Brest"], "seed_statements": seeds}),
    )
    .await;
    let (_, c) = send(
        &app,
        reqwest::Method::GET,
        &format!("/api/v1/conversations/{id}"),
        None,
        None,
    )
    .await;
    assert_eq!(c["territories"], json!(["commune:29019"]));
    assert_eq!(c["open"], true);
    let (_, list) = send(
        &app,
        reqwest::Method::GET,
        "/api/v1/conversations",
        None,
        None,
    )
    .await;
    assert_eq!(list["total"], 1);
    let (_, statements) = send(
        &app,
        reqwest::Method::GET,
        &format!("/api/v1/conversations/{id}/statements"),
        None,
        None,
    )
    .await;
    assert_eq!(statements.as_array().unwrap().len(), 8);

    // Ten voters in two camps, through the store for the crowd and the API for one of them.
    let votes_path = format!("/api/v1/conversations/{id}/votes");
    for n in 0..8 {
        let vote = if n % 2 == 0 { "agree" } else { "disagree" };
        let (status, body) = send(
            &app,
            reqwest::Method::POST,
            &votes_path,
            Some(&token),
            Some(json!({"statement": n, "vote": vote})),
        )
        .await;
        assert_eq!(status, 204, "{body}");
    }
    // Voting again replaces the vote.
    let (status, _) = send(
        &app,
        reqwest::Method::POST,
        &votes_path,
        Some(&token),
        Some(json!({"statement": 0, "vote": "pass"})),
    )
    .await;
    assert_eq!(status, 204);
    let conv: uuid::Uuid = id.parse().unwrap();
    let now = essaim_store::utc_now();
    for p in 0..9 {
        let key = format!("{p:032x}");
        let participant = app
            .store
            .participant_for_key(conv, &key, now)
            .await
            .unwrap();
        for n in 0..8 {
            let side = if (p % 2 == 0) == (n % 2 == 0) { 1 } else { -1 };
            app.store
                .cast_vote(conv, participant, n, side, now)
                .await
                .unwrap();
        }
    }
    let (_, next) = send(
        &app,
        reqwest::Method::GET,
        &format!("/api/v1/conversations/{id}/next"),
        Some(&token),
        None,
    )
    .await;
    assert_eq!(
        next["statement"],
        Value::Null,
        "every statement has the organiser's vote"
    );
    assert_eq!(
        (next["voted"].as_u64(), next["total"].as_u64()),
        (Some(8), Some(8))
    );
    let (_, next) = send(
        &app,
        reqwest::Method::GET,
        &format!("/api/v1/conversations/{id}/next"),
        None,
        None,
    )
    .await;
    assert!(next["statement"]["number"].is_number());

    essaim_web::deliberation::recompute(app.store.as_ref(), conv)
        .await
        .unwrap();
    let (status, results) = send(
        &app,
        reqwest::Method::GET,
        &format!("/api/v1/conversations/{id}/results"),
        Some(&token),
        None,
    )
    .await;
    assert_eq!(status, 200);
    assert_eq!(results["stale"], false);
    let analysis = &results["analysis"];
    assert_eq!(analysis["participants"], 10);
    assert_eq!(analysis["votes"], 80);
    assert_eq!(analysis["enough_data"], true);
    assert_eq!(
        analysis["groups"].as_array().unwrap().len(),
        2,
        "{analysis}"
    );
    assert!(results["position"].as_array().is_some_and(|p| p.len() == 2));
    // An anonymous reader sees the results but has no position.
    let (_, anonymous) = send(
        &app,
        reqwest::Method::GET,
        &format!("/api/v1/conversations/{id}/results"),
        None,
        None,
    )
    .await;
    assert_eq!(anonymous["position"], Value::Null);

    // A statement from the API counts as its author's agreement (post-moderation by default).
    let (status, s) = send(
        &app,
        reqwest::Method::POST,
        &format!("/api/v1/conversations/{id}/statements"),
        Some(&token),
        Some(json!({"text": "Un jardin partagé sur la friche"})),
    )
    .await;
    assert_eq!(
        (status, s["status"].as_str()),
        (201, Some("accepted")),
        "{s}"
    );
    let (_, results) = send(
        &app,
        reqwest::Method::GET,
        &format!("/api/v1/conversations/{id}/results"),
        None,
        None,
    )
    .await;
    assert_eq!(
        results["stale"], true,
        "a new statement and vote make the analysis stale"
    );
    // The background worker, poked by that vote, brings the analysis up to date by itself.
    let mut fresh = false;
    for _ in 0..100 {
        let (_, r) = send(
            &app,
            reqwest::Method::GET,
            &format!("/api/v1/conversations/{id}/results"),
            None,
            None,
        )
        .await;
        if r["stale"] == false {
            assert_eq!(r["analysis"]["statements"], 9, "{r}");
            fresh = true;
            break;
        }
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
    }
    assert!(fresh, "the worker never recomputed the analysis");
}

async fn api_refuses_bad_conversations_statements_and_votes(backend: Backend) {
    let Some(app) = TestApp::spawn(backend).await else {
        return;
    };
    let token = organiser(&app, "orga@example.org").await;
    let post = reqwest::Method::POST;
    // Bad conversations: named fields, nothing created.
    let (status, e) = send(&app, post.clone(), "/api/v1/conversations", Some(&token), Some(json!({"question": "?", "moderation": "later", "closes_at": "hier", "seed_statements": ["", "x".repeat(281)]}))).await;
    assert_eq!(status, 422, "{e}");
    let fields: Vec<&str> = e["fields"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["field"].as_str().unwrap())
        .collect();
    for f in ["question", "moderation", "closes_at", "seed_statements"] {
        assert!(fields.contains(&f), "{f} in {fields:?}");
    }
    let (status, e) = send(&app, post.clone(), "/api/v1/conversations", Some(&token), Some(json!({"question": "Une vraie question ?", "seed_statements": ["Des bancs !", "des bancs"]}))).await;
    assert_eq!(
        (status, e["fields"][0]["code"].as_str()),
        (422, Some("statement_duplicate")),
        "{e}"
    );
    let (status, _) = send(
        &app,
        post.clone(),
        "/api/v1/conversations",
        Some(&token),
        Some(json!({"question": "Une vraie question ?", "colour": "red"})),
    )
    .await;
    assert_eq!(status, 422);
    let (status, _) = send(
        &app,
        post.clone(),
        "/api/v1/conversations",
        None,
        Some(json!({"question": "Une vraie question ?"})),
    )
    .await;
    assert_eq!(status, 401);
    let (_, list) = send(
        &app,
        reqwest::Method::GET,
        "/api/v1/conversations",
        None,
        None,
    )
    .await;
    assert_eq!(list["total"], 0, "nothing was created by refused requests");

    let id = conversation(&app, &token, json!({"question": "Une vraie question ?", "seed_statements": ["Des bancs sur la place"], "moderation": "pre"})).await;
    let votes = format!("/api/v1/conversations/{id}/votes");
    for (body, status, code) in [
        (
            json!({"statement": 0, "vote": "maybe"}),
            422,
            "vote_invalid",
        ),
        (json!({"statement": 0, "vote": "2"}), 422, "vote_invalid"),
        (
            json!({"statement": 99, "vote": "agree"}),
            422,
            "statement_unknown",
        ),
    ] {
        let (s, e) = send(&app, post.clone(), &votes, Some(&token), Some(body.clone())).await;
        assert_eq!((s, e["code"].as_str()), (status, Some(code)), "{body}");
    }
    let (s, _) = send(
        &app,
        post.clone(),
        &votes,
        Some(&token),
        Some(json!({"statement": "zero", "vote": "agree"})),
    )
    .await;
    assert_eq!(s, 422);
    let statements = format!("/api/v1/conversations/{id}/statements");
    let (s, e) = send(
        &app,
        post.clone(),
        &statements,
        Some(&token),
        Some(json!({"text": "   "})),
    )
    .await;
    assert_eq!(
        (s, e["fields"][0]["code"].as_str()),
        (422, Some("statement_required"))
    );
    let (s, e) = send(
        &app,
        post.clone(),
        &statements,
        Some(&token),
        Some(json!({"text": "é".repeat(281)})),
    )
    .await;
    assert_eq!(
        (s, e["fields"][0]["code"].as_str()),
        (422, Some("statement_too_long"))
    );
    let (s, e) = send(
        &app,
        post.clone(),
        &statements,
        Some(&token),
        Some(json!({"text": "des BANCS sur la place !"})),
    )
    .await;
    assert_eq!((s, e["code"].as_str()), (409, Some("statement_duplicate")));
    // Pre-moderation: the new statement waits and cannot be voted on.
    let (s, pending) = send(
        &app,
        post.clone(),
        &statements,
        Some(&token),
        Some(json!({"text": "Une fontaine"})),
    )
    .await;
    assert_eq!((s, pending["status"].as_str()), (201, Some("pending")));
    let (s, e) = send(
        &app,
        post.clone(),
        &votes,
        Some(&token),
        Some(json!({"statement": pending["number"], "vote": "agree"})),
    )
    .await;
    assert_eq!(
        (s, e["code"].as_str()),
        (409, Some("statement_not_votable"))
    );
    let (s, _) = send(
        &app,
        reqwest::Method::GET,
        "/api/v1/conversations/00000000-0000-0000-0000-000000000000",
        None,
        None,
    )
    .await;
    assert_eq!(s, 404);

    // A closed conversation takes no vote.
    let closed = conversation(&app, &token, json!({"question": "Une question close ?", "opens_at": "2020-01-01", "closes_at": "2020-02-01", "seed_statements": ["Une idée"]})).await;
    let (s, e) = send(
        &app,
        post.clone(),
        &format!("/api/v1/conversations/{closed}/votes"),
        Some(&token),
        Some(json!({"statement": 0, "vote": "agree"})),
    )
    .await;
    assert_eq!((s, e["code"].as_str()), (409, Some("conversation_closed")));
    // One participant, one statement: results say there is not enough data, never NaN.
    let conv: uuid::Uuid = closed.parse().unwrap();
    essaim_web::deliberation::recompute(app.store.as_ref(), conv)
        .await
        .unwrap();
    let (_, results) = send(
        &app,
        reqwest::Method::GET,
        &format!("/api/v1/conversations/{closed}/results"),
        None,
        None,
    )
    .await;
    assert_eq!(results["analysis"]["enough_data"], false);
}

async fn api_moderation_is_for_moderators_only(backend: Backend) {
    let Some(app) = TestApp::spawn(backend).await else {
        return;
    };
    let token = organiser(&app, "orga@example.org").await;
    let id = conversation(&app, &token, json!({"question": "Une vraie question ?", "seed_statements": ["Des bancs", "Des arbres"], "moderation": "pre"})).await;
    let other = app.other_browser();
    let other_token = organiser(&other, "autre@example.org").await;
    let path = format!("/api/v1/conversations/{id}/statements/1");
    let patch = reqwest::Method::PATCH;
    let (s, _) = send(
        &app,
        patch.clone(),
        &path,
        Some(&other_token),
        Some(json!({"status": "rejected"})),
    )
    .await;
    assert_eq!(s, 403);
    let (s, _) = send(
        &app,
        patch.clone(),
        &path,
        None,
        Some(json!({"status": "rejected"})),
    )
    .await;
    assert_eq!(s, 401);
    let (s, e) = send(
        &app,
        patch.clone(),
        &path,
        Some(&token),
        Some(json!({"status": "gone"})),
    )
    .await;
    assert_eq!(
        (s, e["code"].as_str()),
        (422, Some("statement_status_invalid"))
    );
    let (s, _) = send(
        &app,
        patch.clone(),
        &format!("/api/v1/conversations/{id}/statements/9"),
        Some(&token),
        Some(json!({"featured": true})),
    )
    .await;
    assert_eq!(s, 404);
    let (s, st) = send(
        &app,
        patch.clone(),
        &path,
        Some(&token),
        Some(json!({"status": "rejected"})),
    )
    .await;
    assert_eq!((s, st["status"].as_str()), (200, Some("rejected")));
    // Everyone else sees only accepted statements; the moderator sees all.
    let list = format!("/api/v1/conversations/{id}/statements");
    let (_, public) = send(&app, reqwest::Method::GET, &list, Some(&other_token), None).await;
    assert_eq!(public.as_array().unwrap().len(), 1);
    let (_, all) = send(&app, reqwest::Method::GET, &list, Some(&token), None).await;
    assert_eq!(all.as_array().unwrap().len(), 2);
    let (s, e) = send(
        &app,
        reqwest::Method::POST,
        &format!("/api/v1/conversations/{id}/votes"),
        Some(&other_token),
        Some(json!({"statement": 1, "vote": "agree"})),
    )
    .await;
    assert_eq!(
        (s, e["code"].as_str()),
        (409, Some("statement_not_votable"))
    );
}
