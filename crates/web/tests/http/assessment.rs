//! Self-assessment (autoévaluation): an editor fills in the questionnaire twice, sees the radar
//! with the previous one overlaid and the evolution; unpublished ones are private (404 to
//! anonymous visitors, 403 to others) until published; bad answers come back with a message
//! per question and the values typed; the API does the same.

use crate::common::{location, Backend, TestApp};
use essaim_domain::assessment::QUESTIONS;
use serde_json::{json, Value};

crate::on_both_backends!(
    an_editor_records_two_assessments_and_sees_the_evolution,
    unpublished_assessments_are_private_until_published,
    bad_answers_are_refused_with_the_values_kept,
    the_api_records_reads_and_publishes_assessments,
);

/// An app whose main browser carries a published initiative through its structure; returns
/// the app and the initiative's id.
async fn world(backend: Backend) -> Option<(TestApp, String)> {
    let app = TestApp::spawn(backend).await?;
    app.sign_up_and_in("porteuse@exemple.fr", "Paola Porteuse")
        .await;
    let r = app
        .post_form(
            "/structures",
            &[
                ("name", "Ruches de Recouvrance"),
                ("kind", "association"),
                ("territory", "commune:29019"),
            ],
        )
        .await;
    assert_eq!(r.status(), 303);
    let structure = location(&r).trim_start_matches("/structures/").to_owned();
    let r = app
        .post_form(
            "/initiatives",
            &[
                ("title", "Ruchers partagés"),
                ("summary", "Des ruches tenues ensemble."),
                ("description", "Une histoire de voisins et d'abeilles."),
                ("challenges", "alimentation"),
                ("territories", "Brest"),
                ("stage", "experimentation"),
                ("structure", &structure),
                ("message", "Création"),
                ("action", "publish"),
            ],
        )
        .await;
    assert_eq!(r.status(), 303);
    let id = location(&r).trim_start_matches("/initiatives/").to_owned();
    Some((app, id))
}

fn answers(score: &str) -> Vec<(String, String)> {
    let mut v = vec![];
    for q in QUESTIONS {
        v.push((q.id.to_owned(), score.to_owned()));
        v.push((format!("{}-comment", q.id), format!("Note <{}>", q.id)));
    }
    v
}

async fn record(app: &TestApp, initiative: &str, fields: &[(String, String)]) -> reqwest::Response {
    let f: Vec<(&str, &str)> = fields
        .iter()
        .map(|(k, v)| (k.as_str(), v.as_str()))
        .collect();
    app.post_form(&format!("/initiatives/{initiative}/autoevaluation"), &f)
        .await
}

async fn recorded(app: &TestApp, initiative: &str, score: &str) -> String {
    let r = record(app, initiative, &answers(score)).await;
    assert_eq!(r.status(), 303, "{}", r.text().await.unwrap());
    location(&r)
}

async fn an_editor_records_two_assessments_and_sees_the_evolution(backend: Backend) {
    let Some((app, i)) = world(backend).await else {
        return;
    };
    let list = format!("/initiatives/{i}/autoevaluation");
    let (status, html) = app.get_html(&list).await;
    assert_eq!(status, 200);
    assert!(
        html.contains("Remplir une nouvelle autoévaluation"),
        "{html}"
    );
    let first = recorded(&app, &i, "1").await;
    assert!(first.starts_with(&format!("{list}/")), "{first}");
    let second = recorded(&app, &i, "3").await;
    for page in [
        list.as_str(),
        first.as_str(),
        second.as_str(),
        &format!("{list}/nouvelle"),
    ] {
        let (status, html) = app.get_html(page).await;
        assert_eq!(status, 200, "{page}");
        crate::pages::assert_accessible_layout(&html, page);
    }
    // The latest radar, with the previous one overlaid, and its accessible alternative.
    let (_, html) = app.get_html(&list).await;
    assert!(
        html.contains("<svg") && html.contains("role=\"img\""),
        "{html}"
    );
    assert!(html.contains("class=\"radar-current\"") && html.contains("class=\"radar-previous\""));
    assert!(html.contains("<title id=\"radar-title\">"));
    // Scores of 3 reach three quarters of the radius (100) above the centre (150, 150).
    assert!(html.contains("150.00,75.00"), "current polygon");
    assert!(html.contains("150.00,125.00"), "previous polygon");
    // The evolution table: both dates, scores 1,0 and 3,0 per dimension.
    assert!(html.contains("<td>3,0</td>") && html.contains("<td>1,0</td>"));
    // Answers and comments are shown, escaped.
    let (_, html) = app.get_html(&second).await;
    assert!(html.contains("Note &lt;changes-1&gt;"), "{html}");
    assert!(html.contains("3 — Largement"));
    // In English too.
    let r = app
        .client
        .get(app.at(&list))
        .header("accept-language", "en")
        .send()
        .await
        .unwrap();
    let html = r.text().await.unwrap();
    assert!(html.contains("Impact self-assessment") && html.contains("What changes"));
}

async fn unpublished_assessments_are_private_until_published(backend: Backend) {
    let Some((app, i)) = world(backend).await else {
        return;
    };
    let path = recorded(&app, &i, "2").await;
    let anonymous = app.other_browser();
    let outsider = app.other_browser();
    outsider
        .sign_up_and_in("curieux@exemple.fr", "Carl Curieux")
        .await;
    assert_eq!(anonymous.get(&path).await.status(), 404);
    assert_eq!(outsider.get(&path).await.status(), 403);
    // The list shows nothing of it to them.
    let (status, html) = anonymous
        .get_html(&format!("/initiatives/{i}/autoevaluation"))
        .await;
    assert_eq!(status, 200);
    assert!(!html.contains(path.rsplit('/').next().unwrap()));
    assert!(html.contains("Aucune autoévaluation"));
    // Only editors publish.
    let r = outsider
        .post_form(&format!("{path}/publication"), &[("published", "true")])
        .await;
    assert_eq!(r.status(), 403);
    let r = app
        .post_form(&format!("{path}/publication"), &[("published", "maybe")])
        .await;
    assert_eq!(r.status(), 400);
    let r = app
        .post_form(&format!("{path}/publication"), &[("published", "true")])
        .await;
    assert_eq!(r.status(), 303);
    let audit = app
        .store
        .list_audit(Some("assessment_published"), 10)
        .await
        .unwrap();
    assert_eq!(audit.len(), 1);
    let (status, html) = anonymous.get_html(&path).await;
    assert_eq!(status, 200);
    assert!(html.contains("Publiée") && !html.contains("/publication"));
    let (_, html) = anonymous
        .get_html(&format!("/initiatives/{i}/autoevaluation"))
        .await;
    assert!(html.contains(path.rsplit('/').next().unwrap()));
    // Withdrawn, it is private again.
    let r = app
        .post_form(&format!("{path}/publication"), &[("published", "false")])
        .await;
    assert_eq!(r.status(), 303);
    assert_eq!(anonymous.get(&path).await.status(), 404);
    assert_eq!(
        app.store
            .list_audit(Some("assessment_withdrawn"), 10)
            .await
            .unwrap()
            .len(),
        1
    );
    // Outsiders cannot record one, nor open the form; a wrong initiative in the path is 404.
    assert_eq!(
        outsider
            .get(&format!("/initiatives/{i}/autoevaluation/nouvelle"))
            .await
            .status(),
        403
    );
    assert_eq!(record(&outsider, &i, &answers("2")).await.status(), 403);
    let other = uuid::Uuid::now_v7();
    let id = path.rsplit('/').next().unwrap();
    assert_eq!(
        app.get(&format!("/initiatives/{other}/autoevaluation/{id}"))
            .await
            .status(),
        404
    );
    assert_eq!(
        app.get(&format!("/initiatives/{other}/autoevaluation"))
            .await
            .status(),
        404
    );
}

async fn bad_answers_are_refused_with_the_values_kept(backend: Backend) {
    let Some((app, i)) = world(backend).await else {
        return;
    };
    let mut fields = answers("2");
    // Out of the scale, missing, a comment too long.
    fields.retain(|(k, _)| k != "whom-1");
    for (k, v) in fields.iter_mut() {
        if k == "changes-2" {
            *v = "9".into();
        }
        if k == "risks-1-comment" {
            *v = "x".repeat(2001);
        }
    }
    let r = record(&app, &i, &fields).await;
    assert_eq!(r.status(), 422);
    let html = r.text().await.unwrap();
    assert!(
        html.contains("La réponse doit être un nombre entier de 0 à 4."),
        "{html}"
    );
    assert!(html.contains("Choisissez une réponse sur l’échelle de 0 à 4."));
    assert!(html.contains("Le commentaire dépasse 2 000 caractères."));
    assert!(html.contains("href=\"#whom-1\""));
    // What was typed is kept: the other answers stay checked.
    assert!(html.contains("id=\"scale-1-2\" name=\"scale-1\" value=\"2\" checked"));
    // Nothing was recorded.
    let r = app
        .get(&format!("/api/v1/initiatives/{i}/assessments"))
        .await;
    let v: Value = r.json().await.unwrap();
    assert_eq!(v["items"].as_array().unwrap().len(), 0);
}

async fn the_api_records_reads_and_publishes_assessments(backend: Backend) {
    let Some((app, i)) = world(backend).await else {
        return;
    };
    let token = app.api_token().await;
    let body = |score: i64| {
        let answers: serde_json::Map<String, Value> = QUESTIONS
            .iter()
            .map(|q| (q.id.to_owned(), json!({"score": score, "comment": ""})))
            .collect();
        json!({ "answers": answers })
    };
    let api = app.client.clone();
    let r = api
        .post(app.at(&format!("/api/v1/initiatives/{i}/assessments")))
        .bearer_auth(&token)
        .json(&body(7))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 422);
    let v: Value = r.json().await.unwrap();
    assert_eq!(v["code"], "invalid_input", "{v}");
    let r = api
        .post(app.at(&format!("/api/v1/initiatives/{i}/assessments")))
        .bearer_auth(&token)
        .json(&body(4))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 201);
    let a: Value = r.json().await.unwrap();
    assert_eq!(a["scores"]["changes"], 4.0);
    assert_eq!(a["published"], false);
    let id = a["id"].as_str().unwrap().to_owned();
    // Private to anonymous callers until published.
    let anonymous = app.other_browser();
    assert_eq!(
        anonymous
            .get(&format!("/api/v1/assessments/{id}"))
            .await
            .status(),
        404
    );
    let r = api
        .post(app.at(&format!("/api/v1/assessments/{id}/publication")))
        .bearer_auth(&token)
        .json(&json!({"published": true}))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 200);
    let r = anonymous.get(&format!("/api/v1/assessments/{id}")).await;
    assert_eq!(r.status(), 200);
    let v: Value = r.json().await.unwrap();
    assert_eq!(v["answers"]["risks-3"]["score"], 4);
    let v: Value = anonymous
        .get(&format!("/api/v1/initiatives/{i}/assessments"))
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(v["items"].as_array().unwrap().len(), 1);
    // Documented.
    let doc: Value = app.get("/api/v1/openapi.json").await.json().await.unwrap();
    for p in [
        "/api/v1/initiatives/{id}/assessments",
        "/api/v1/assessments/{id}",
        "/api/v1/assessments/{id}/publication",
    ] {
        assert!(doc["paths"][p].is_object(), "{p} documented");
    }
}
