//! Review of funding applications: naming reviewers, automatic and declared exclusions, even
//! assignment, blind scoring within the scale, the funder's table, decisions within the budget
//! under parallel requests, sending them, and what the applicant then sees; pages and API, with
//! every refusal.

use crate::common::{Backend, TestApp};
use essaim_domain::initiative::{InitiativeInput, Status, StructureRole, DEFAULT_CHALLENGES};
use essaim_domain::structure::MemberRole;
use essaim_domain::territory::Territories;
use essaim_store::funding::{NewApplication, NewCall, NewCriterion};
use essaim_store::initiatives::RevisionNote;
use essaim_store::{utc_now, Store};
use serde_json::{json, Value};
use std::sync::Arc;
use uuid::Uuid;

crate::on_both_backends!(
    reviewers_are_named_assigned_evenly_and_score_blind,
    excluded_or_unassigned_people_cannot_score,
    a_declared_conflict_hands_the_application_to_another_reviewer,
    grants_never_exceed_the_budget_under_parallel_requests,
    only_the_funder_decides_and_the_applicant_sees_the_sent_decision,
    bad_decisions_and_reviewers_are_refused_with_messages,
);

/// A call run by the funder's structure, two applicant structures, and reviewers:
/// - `funder`: manager of the funder structure (the main browser);
/// - `r1`, `r2`: independent reviewers; `r3`: a member of the first applicant (excluded);
/// - `holder`: manager of the first applicant structure.
struct World {
    app: TestApp,
    r1: TestApp,
    r2: TestApp,
    r3: TestApp,
    holder: TestApp,
    call: Uuid,
    criteria: Vec<Uuid>,
    /// Submitted applications; the first is the holder's.
    apps: Vec<Uuid>,
}

async fn person_id(store: &Arc<dyn Store>, email: &str) -> Uuid {
    store.person_by_email(email).await.unwrap().unwrap().id
}

async fn structure(store: &Arc<dyn Store>, who: Uuid, name: &str) -> Uuid {
    let fields = essaim_domain::structure::StructureInput {
        name: name.into(),
        kind: "association".into(),
        ..Default::default()
    }
    .validate(Territories::bundled())
    .unwrap();
    store
        .create_structure(Uuid::now_v7(), &fields, who, utc_now())
        .await
        .unwrap()
        .id
}

async fn world(backend: Backend, applications: usize, budget_cents: i64) -> Option<World> {
    let app = TestApp::spawn(backend).await?;
    app.sign_up_and_in("financeur@exemple.fr", "Fanny Financeuse")
        .await;
    let mut browsers = vec![];
    for (email, name) in [
        ("r1@exemple.fr", "Rémi Relecteur"),
        ("r2@exemple.fr", "Rose Relectrice"),
        ("r3@exemple.fr", "Raoul Proche"),
        ("porteuse@exemple.fr", "Paola Porteuse"),
    ] {
        let b = app.other_browser();
        b.sign_up_and_in(email, name).await;
        browsers.push(b);
    }
    let store = app.store.clone();
    let funder = person_id(&store, "financeur@exemple.fr").await;
    let holder = person_id(&store, "porteuse@exemple.fr").await;
    let r3 = person_id(&store, "r3@exemple.fr").await;
    let funder_structure = structure(&store, funder, "Fondation des Communs").await;
    let now = utc_now();
    let call = store
        .create_call(&NewCall {
            id: Uuid::now_v7(),
            structure_id: funder_structure,
            kind: "call".into(),
            title: "Appel Jardins".into(),
            description: String::new(),
            currency: "EUR".into(),
            budget_cents,
            min_award_cents: 100_000,
            max_award_cents: 800_000,
            opens_at: now - chrono::Duration::days(1),
            closes_at: now + chrono::Duration::days(10),
            decision_on: None,
            reviewers_per_application: 2,
            publish_awards: true,
            eligibility: Default::default(),
            criteria: vec![
                NewCriterion {
                    name: "Utilité sociale".into(),
                    description: String::new(),
                    weight: 2,
                    scale_max: 5,
                },
                NewCriterion {
                    name: "Faisabilité".into(),
                    description: String::new(),
                    weight: 1,
                    scale_max: 10,
                },
            ],
            questions: vec![],
            created_by: funder,
            at: now,
        })
        .await
        .unwrap();
    store
        .set_call_status(call.id, "draft", "published", now)
        .await
        .unwrap();
    let criteria = store
        .call_criteria(call.id)
        .await
        .unwrap()
        .into_iter()
        .map(|c| c.id)
        .collect();
    let codes: Vec<String> = DEFAULT_CHALLENGES.iter().map(|c| c.0.to_owned()).collect();
    let mut apps = vec![];
    for i in 0..applications {
        let (who, name) = if i == 0 {
            (holder, "Jardins du Bourg".to_owned())
        } else {
            (funder, format!("Association {i}"))
        };
        let s = structure(&store, who, &name).await;
        if i == 0 {
            store
                .add_member(s, r3, MemberRole::Member, utc_now())
                .await
                .unwrap();
        }
        let mut content = InitiativeInput {
            title: format!("Jardin {i}"),
            summary: "Un jardin partagé.".into(),
            territories: "commune:29019".into(),
            challenges: vec!["alimentation".into()],
            stage: "idee".into(),
            ..Default::default()
        }
        .validate(Territories::bundled(), &codes)
        .unwrap();
        content.structures = vec![(s, StructureRole::Porteur)];
        let initiative = store
            .create_initiative(
                Uuid::now_v7(),
                &content,
                Status::Published,
                None,
                RevisionNote {
                    author_id: who,
                    message: "création".into(),
                    at: utc_now(),
                },
            )
            .await
            .unwrap();
        let a = store
            .create_application(&NewApplication {
                id: Uuid::now_v7(),
                call_id: call.id,
                structure_id: s,
                initiative_id: initiative.id,
                created_by: who,
                at: now,
            })
            .await
            .unwrap();
        store.submit_application(a.id, "{}", now).await.unwrap();
        apps.push(a.id);
    }
    let holder_browser = browsers.pop().unwrap();
    let r3b = browsers.pop().unwrap();
    let r2b = browsers.pop().unwrap();
    let r1b = browsers.pop().unwrap();
    Some(World {
        app,
        r1: r1b,
        r2: r2b,
        r3: r3b,
        holder: holder_browser,
        call: call.id,
        criteria,
        apps,
    })
}

async fn name_all(w: &World) {
    for email in ["r1@exemple.fr", "r2@exemple.fr", "r3@exemple.fr"] {
        let r = w
            .app
            .post_form(
                &format!("/appels/{}/relecteurs", w.call),
                &[("email", email)],
            )
            .await;
        assert_eq!(r.status(), 303, "{email} named");
    }
}

async fn assign(w: &World) -> reqwest::Response {
    w.app
        .post_form(&format!("/appels/{}/attribution", w.call), &[])
        .await
}

fn score_fields(w: &World, a: &str, b: &str, action: &str) -> Vec<(String, String)> {
    vec![
        (format!("score-{}", w.criteria[0]), a.to_owned()),
        (format!("score-{}", w.criteria[1]), b.to_owned()),
        ("private_comment".into(), "Budget fragile.".into()),
        (
            "shared_comment".into(),
            "Projet utile, à consolider.".into(),
        ),
        ("action".into(), action.into()),
    ]
}

async fn post_score(who: &TestApp, app: Uuid, fields: &[(String, String)]) -> reqwest::Response {
    let f: Vec<(&str, &str)> = fields
        .iter()
        .map(|(k, v)| (k.as_str(), v.as_str()))
        .collect();
    who.post_form(&format!("/candidatures/{app}/evaluer"), &f)
        .await
}

async fn reviews_api(who: &TestApp, app: Uuid) -> (u16, Value) {
    let token = who.api_token().await;
    let r = who
        .client
        .get(who.at(&format!("/api/v1/applications/{app}/reviews")))
        .bearer_auth(&token)
        .send()
        .await
        .unwrap();
    (r.status().as_u16(), r.json().await.unwrap_or(Value::Null))
}

async fn reviewers_are_named_assigned_evenly_and_score_blind(backend: Backend) {
    let Some(w) = world(backend, 2, 1_000_000).await else {
        return;
    };
    name_all(&w).await;
    let named = w
        .app
        .outbox()
        .await
        .into_iter()
        .filter(|m| m.subject.contains("Appel Jardins") && m.to_address.starts_with('r'))
        .count();
    assert_eq!(named, 3, "each reviewer is mailed when named");
    // Removed and named again: not mailed a second time.
    let r1 = person_id(&w.app.store, "r1@exemple.fr").await;
    let r = w
        .app
        .post_form(&format!("/appels/{}/relecteurs/{r1}/retrait", w.call), &[])
        .await;
    assert_eq!(r.status(), 303);
    let r = w
        .app
        .post_form(
            &format!("/appels/{}/relecteurs", w.call),
            &[("email", "r1@exemple.fr")],
        )
        .await;
    assert_eq!(r.status(), 303);
    let to_r1 = w
        .app
        .outbox()
        .await
        .into_iter()
        .filter(|m| m.subject.contains("Appel Jardins") && m.to_address == "r1@exemple.fr")
        .count();
    assert_eq!(to_r1, 1, "one naming mail per call and person");
    assert_eq!(assign(&w).await.status(), 303);
    let pairs = w.app.store.assignments(w.call).await.unwrap();
    let r2 = person_id(&w.app.store, "r2@exemple.fr").await;
    let r3 = person_id(&w.app.store, "r3@exemple.fr").await;
    // 2 applications × 2 reviewers; r3 is never on the application of their own structure.
    assert_eq!(pairs.len(), 4);
    assert!(!pairs.contains(&(w.apps[0], r3)));
    assert!(pairs.contains(&(w.apps[0], r1)) && pairs.contains(&(w.apps[0], r2)));
    let (status, html) = w
        .app
        .get_html(&format!("/appels/{}/relecteurs", w.call))
        .await;
    assert_eq!(status, 200);
    assert!(html.contains("membre de la structure candidate"), "{html}");
    assert!(w
        .app
        .outbox()
        .await
        .iter()
        .any(|m| m.to_address == "r1@exemple.fr" && m.subject.contains("Candidatures à évaluer")));

    // The reviewer's list and form.
    let (status, html) = w.r1.get_html("/evaluations").await;
    assert_eq!(status, 200);
    assert!(html.contains("Jardins du Bourg"));
    let form = format!("/candidatures/{}/evaluer", w.apps[0]);
    let (status, html) = w.r1.get_html(&form).await;
    assert_eq!(status, 200);
    assert!(html.contains("Utilité sociale") && html.contains("max=\"5\""));

    // Out of scale: refused with the criterion's message, the values typed kept.
    let r = post_score(&w.r1, w.apps[0], &score_fields(&w, "6", "7", "submit")).await;
    assert_eq!(r.status(), 422);
    let html = r.text().await.unwrap();
    assert!(html.contains("compris dans l’échelle"), "{html}");
    assert!(html.contains("value=\"6\"") && html.contains("Budget fragile."));
    // Not a number, and a submission with a criterion left empty.
    let r = post_score(&w.r1, w.apps[0], &score_fields(&w, "quatre", "7", "draft")).await;
    assert_eq!(r.status(), 422);
    let r = post_score(&w.r1, w.apps[0], &score_fields(&w, "4", "", "submit")).await;
    assert_eq!(r.status(), 422);
    assert!(r.text().await.unwrap().contains("Notez ce critère"));
    assert_eq!(w.app.store.review_of(w.apps[0], r1).await.unwrap(), None);

    // A draft, then r2 submits: r1 does not see r2's scores before submitting.
    let r = post_score(&w.r1, w.apps[0], &score_fields(&w, "4", "", "draft")).await;
    assert_eq!(r.status(), 303);
    let r = post_score(&w.r2, w.apps[0], &score_fields(&w, "1", "2", "submit")).await;
    assert_eq!(r.status(), 303);
    let (status, reviews) = reviews_api(&w.r1, w.apps[0]).await;
    assert_eq!(status, 200);
    let list = reviews.as_array().unwrap();
    assert_eq!(list.len(), 1, "only r1's own draft: {reviews}");
    assert_eq!(list[0]["reviewer_id"], json!(r1));
    let (_, html) = w.r1.get_html(&form).await;
    assert!(
        !html.contains("Rose Relectrice"),
        "no other review before submitting"
    );
    let r = post_score(&w.r1, w.apps[0], &score_fields(&w, "5", "10", "submit")).await;
    assert_eq!(r.status(), 303);
    let (_, reviews) = reviews_api(&w.r1, w.apps[0]).await;
    assert_eq!(reviews.as_array().unwrap().len(), 2);
    // Another reviewer's private comment is the funder's only; r1 keeps their own.
    for r in reviews.as_array().unwrap() {
        let own = r["reviewer_id"] == json!(r1);
        let expected = if own { "Budget fragile." } else { "" };
        assert_eq!(r["private_comment"], json!(expected), "{reviews}");
    }
    let (_, reviews) = reviews_api(&w.app, w.apps[0]).await;
    assert!(
        reviews
            .as_array()
            .unwrap()
            .iter()
            .all(|r| r["private_comment"] == json!("Budget fragile.")),
        "the funder reads them: {reviews}"
    );
    let (_, html) = w.r1.get_html(&form).await;
    assert!(html.contains("Rose Relectrice"));
    // Submitted: no more changes.
    let r = post_score(&w.r1, w.apps[0], &score_fields(&w, "1", "1", "submit")).await;
    assert_eq!(r.status(), 409);

    // The funder's table: r1 100, r2 (2/3·1/5 + 1/3·2/10)·100 = 20 → mean 60, spread 80.
    let (status, html) = w
        .app
        .get_html(&format!("/appels/{}/evaluation?tri=spread", w.call))
        .await;
    assert_eq!(status, 200);
    assert!(html.contains("60,0") && html.contains("80,0"), "{html}");
    assert!(html.contains("Désaccord marqué"));
    let token = w.app.api_token().await;
    let table: Value = w
        .app
        .client
        .get(w.app.at(&format!("/api/v1/calls/{}/table", w.call)))
        .bearer_auth(&token)
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    let first = &table[0];
    assert_eq!(first["application_id"], json!(w.apps[0]));
    assert!((first["mean"].as_f64().unwrap() - 60.0).abs() < 1e-9);
    assert_eq!(first["disagreement"], json!(true));
    assert_eq!(table[1]["mean"], Value::Null, "no review, no NaN");
    // Pages have the site's accessible layout.
    for (who, page) in [
        (&w.app, format!("/appels/{}/relecteurs", w.call)),
        (&w.app, format!("/appels/{}/evaluation", w.call)),
        (&w.app, format!("/appels/{}/decisions", w.call)),
        (&w.r1, "/evaluations".to_owned()),
        (&w.r1, form.clone()),
        (&w.r2, format!("/candidatures/{}/conflit", w.apps[1])),
    ] {
        let (status, html) = who.get_html(&page).await;
        assert_eq!(status, 200, "{page}");
        crate::pages::assert_accessible_layout(&html, &page);
    }
    // The reviewer's data export holds their reviews and scores.
    let r = w.r1.post_form("/compte/donnees", &[]).await;
    let html = r.text().await.unwrap().replace("&#x2f;", "/");
    let start = html
        .find("/compte/donnees/telecharger?jeton=")
        .expect("the export link");
    let link = html[start..]
        .split('"')
        .next()
        .unwrap()
        .replace("&amp;", "&");
    let export: Value = w.r1.get(&link).await.json().await.unwrap();
    assert_eq!(export["reviews"]["reviews"].as_array().unwrap().len(), 1);
    assert_eq!(export["reviews"]["scores"].as_array().unwrap().len(), 2);
    // The table is the funder's: 403 to a reviewer.
    let (status, _) =
        w.r1.get_html(&format!("/appels/{}/evaluation", w.call))
            .await;
    assert_eq!(status, 403);
}

async fn excluded_or_unassigned_people_cannot_score(backend: Backend) {
    let Some(w) = world(backend, 3, 1_000_000).await else {
        return;
    };
    name_all(&w).await;
    assign(&w).await;
    let r3 = person_id(&w.app.store, "r3@exemple.fr").await;
    let r1 = person_id(&w.app.store, "r1@exemple.fr").await;
    let fields = score_fields(&w, "3", "3", "draft");
    // The excluded reviewer: 403 on the form and on the post, also through the API.
    let r = post_score(&w.r3, w.apps[0], &fields).await;
    assert_eq!(r.status(), 403);
    let (status, _) =
        w.r3.get_html(&format!("/candidatures/{}/evaluer", w.apps[0]))
            .await;
    assert_eq!(status, 403);
    let token = w.r3.api_token().await;
    let r =
        w.r3.client
            .put(w.r3.at(&format!("/api/v1/applications/{}/reviews", w.apps[0])))
            .bearer_auth(&token)
            .json(&json!({ "scores": {}, "submit": false }))
            .send()
            .await
            .unwrap();
    assert_eq!(r.status(), 403);
    assert_eq!(r.json::<Value>().await.unwrap()["code"], "forbidden");
    // A reviewer not assigned to an application: 403.
    let pairs = w.app.store.assignments(w.call).await.unwrap();
    let unassigned = w
        .apps
        .iter()
        .find(|a| !pairs.contains(&(**a, r1)))
        .copied()
        .expect("3 applications × 2 among 3 reviewers leaves r1 one free");
    let r = post_score(&w.r1, unassigned, &fields).await;
    assert_eq!(r.status(), 403);
    // The applicant: 403 (they know their application); a stranger: 404.
    let r = post_score(&w.holder, w.apps[0], &fields).await;
    assert_eq!(r.status(), 403);
    let stranger = w.app.other_browser();
    stranger
        .sign_up_and_in("curieux@exemple.fr", "Camille Curieuse")
        .await;
    let r = post_score(&stranger, w.apps[0], &fields).await;
    assert_eq!(r.status(), 404);
    let (status, _) = reviews_api(&stranger, w.apps[0]).await;
    assert_eq!(status, 404);
    // Nothing was written.
    assert_eq!(w.app.store.review_of(w.apps[0], r3).await.unwrap(), None);
    // Reviewers pages of the funder are 403 to reviewers, the API too.
    let (status, _) =
        w.r1.get_html(&format!("/appels/{}/relecteurs", w.call))
            .await;
    assert_eq!(status, 403);
    let token = w.r1.api_token().await;
    let r =
        w.r1.client
            .post(w.r1.at(&format!("/api/v1/calls/{}/reviewers", w.call)))
            .bearer_auth(&token)
            .json(&json!({ "email": "curieux@exemple.fr" }))
            .send()
            .await
            .unwrap();
    assert_eq!(r.status(), 403);
    // Assigned, then excluded (a member of the applicant since): the application and its
    // documents are no longer theirs to read.
    let assigned = w
        .apps
        .iter()
        .find(|a| pairs.contains(&(**a, r1)))
        .copied()
        .unwrap();
    let page = format!("/candidatures/{assigned}");
    assert_eq!(w.r1.get_html(&page).await.0, 200);
    let applicant = w
        .app
        .store
        .application(assigned)
        .await
        .unwrap()
        .unwrap()
        .structure_id;
    w.app
        .store
        .add_member(applicant, r1, MemberRole::Member, utc_now())
        .await
        .unwrap();
    assert_eq!(w.r1.get_html(&page).await.0, 404);
    let r =
        w.r1.client
            .get(w.r1.at(&format!("/api/v1/applications/{assigned}")))
            .bearer_auth(&token)
            .send()
            .await
            .unwrap();
    assert_eq!(r.status(), 404);
}

async fn a_declared_conflict_hands_the_application_to_another_reviewer(backend: Backend) {
    let Some(w) = world(backend, 2, 1_000_000).await else {
        return;
    };
    name_all(&w).await;
    assign(&w).await;
    let r1 = person_id(&w.app.store, "r1@exemple.fr").await;
    let r2 = person_id(&w.app.store, "r2@exemple.fr").await;
    let r3 = person_id(&w.app.store, "r3@exemple.fr").await;
    let before = w.app.store.assignments(w.call).await.unwrap();
    // Application 1 (not r3's structure): r1 declares a conflict on it if assigned.
    let target = w.apps[1];
    assert!(before.contains(&(target, r1)) || before.contains(&(target, r2)));
    let (who, who_id, other) = if before.contains(&(target, r1)) {
        (&w.r1, r1, r2)
    } else {
        (&w.r2, r2, r1)
    };
    let _ = other;
    post_score(who, target, &score_fields(&w, "2", "2", "draft")).await;
    // Too short a reason: refused, nothing changes.
    let r = who
        .post_form(
            &format!("/candidatures/{target}/conflit"),
            &[("reason", "x")],
        )
        .await;
    assert_eq!(r.status(), 422);
    assert!(r.text().await.unwrap().contains("Décrivez le lien"));
    let r = who
        .post_form(
            &format!("/candidatures/{target}/conflit"),
            &[("reason", "J’ai conseillé ce projet l’an dernier.")],
        )
        .await;
    assert_eq!(r.status(), 303);
    let after = w.app.store.assignments(w.call).await.unwrap();
    assert!(!after.contains(&(target, who_id)));
    assert!(
        after.contains(&(target, r3)),
        "r3 takes the place: {after:?}"
    );
    assert_eq!(after.iter().filter(|(a, _)| *a == target).count(), 2);
    // The other pairs stayed.
    for p in before.iter().filter(|p| **p != (target, who_id)) {
        assert!(after.contains(p), "{p:?} kept");
    }
    assert_eq!(w.app.store.review_of(target, who_id).await.unwrap(), None);
    let r = post_score(who, target, &score_fields(&w, "2", "2", "draft")).await;
    assert_eq!(r.status(), 403, "a conflicted reviewer cannot score");
    let (_, html) = w
        .app
        .get_html(&format!("/appels/{}/relecteurs", w.call))
        .await;
    assert!(html.contains("conflit d’intérêts déclaré"));
    let audit = w.app.store.list_audit(None, 50).await.unwrap();
    assert!(audit.iter().any(|e| e.action == "review.conflict_declared"));
    assert!(audit.iter().any(|e| e.action == "review.reviewer_named"));
}

async fn decide_api(w: &World, token: &str, app: Uuid, body: Value) -> reqwest::Response {
    w.app
        .client
        .put(w.app.at(&format!("/api/v1/applications/{app}/decision")))
        .bearer_auth(token)
        .json(&body)
        .send()
        .await
        .unwrap()
}

async fn grants_never_exceed_the_budget_under_parallel_requests(backend: Backend) {
    let Some(w) = world(backend, 4, 1_000_000).await else {
        return;
    };
    let token = w.app.api_token().await;
    // Four grants of 4 000 € at once on a budget of 10 000 €: two pass, two are refused.
    let requests = w.apps.iter().map(|a| {
        decide_api(
            &w,
            &token,
            *a,
            json!({ "outcome": "granted", "amount_cents": 400_000 }),
        )
    });
    let responses = futures::future::join_all(requests).await;
    let mut ok = 0;
    for r in responses {
        match r.status().as_u16() {
            200 => ok += 1,
            409 => assert_eq!(
                r.json::<Value>().await.unwrap()["code"],
                "review_budget_exceeded"
            ),
            other => panic!("unexpected {other}: {}", r.text().await.unwrap()),
        }
    }
    assert_eq!(ok, 2);
    assert_eq!(w.app.store.granted_total(w.call).await.unwrap(), 800_000);
    // Through the page form too: the refusal is explained, the values kept.
    let pending = {
        let mut p = None;
        for a in &w.apps {
            let row = w.app.store.application(*a).await.unwrap().unwrap();
            if row.status == "submitted" {
                p = Some(*a);
            }
        }
        p.unwrap()
    };
    let r = w
        .app
        .post_form(
            &format!("/candidatures/{pending}/decision"),
            &[
                ("outcome", "granted"),
                ("amount", "3 000"),
                ("conditions", "Rapport"),
            ],
        )
        .await;
    assert_eq!(r.status(), 409);
    let html = r.text().await.unwrap();
    assert!(html.contains("dépasserait le budget"), "{html}");
    assert!(html.contains("value=\"3 000\""));
    // 2 000 € still fits.
    let r = w
        .app
        .post_form(
            &format!("/candidatures/{pending}/decision"),
            &[
                ("outcome", "granted"),
                ("amount", "2000"),
                ("conditions", ""),
            ],
        )
        .await;
    assert_eq!(r.status(), 303);
    assert_eq!(w.app.store.granted_total(w.call).await.unwrap(), 1_000_000);
}

/// The status of an application as the API shows it to this person.
async fn shown_status(who: &TestApp, a: Uuid) -> Value {
    let token = who.api_token().await;
    let body: Value = who
        .client
        .get(who.at(&format!("/api/v1/applications/{a}")))
        .bearer_auth(&token)
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    body["status"].clone()
}

async fn only_the_funder_decides_and_the_applicant_sees_the_sent_decision(backend: Backend) {
    let Some(w) = world(backend, 2, 1_000_000).await else {
        return;
    };
    name_all(&w).await;
    assign(&w).await;
    let a = w.apps[0];
    post_score(&w.r1, a, &score_fields(&w, "4", "8", "submit")).await;
    // A reviewer, the applicant, a stranger: no decision.
    let fields = [
        ("outcome", "granted"),
        ("amount", "5000"),
        ("conditions", ""),
    ];
    let r =
        w.r1.post_form(&format!("/candidatures/{a}/decision"), &fields)
            .await;
    assert_eq!(r.status(), 403);
    let r = w
        .holder
        .post_form(&format!("/candidatures/{a}/decision"), &fields)
        .await;
    assert_eq!(r.status(), 403);
    let token = w.holder.api_token().await;
    let r = w
        .holder
        .client
        .put(w.holder.at(&format!("/api/v1/applications/{a}/decision")))
        .bearer_auth(&token)
        .json(&json!({ "outcome": "granted", "amount_cents": 500_000 }))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 403);
    let r =
        w.r1.post_form(&format!("/appels/{}/decisions/envoi", w.call), &[])
            .await;
    assert_eq!(r.status(), 403);
    assert_eq!(
        w.app.store.application(a).await.unwrap().unwrap().status,
        "submitted"
    );

    // The funder grants, shares r1's comment, refuses the other one.
    let r = w
        .app
        .post_form(
            &format!("/candidatures/{a}/decision"),
            &[
                ("outcome", "granted"),
                ("amount", "5 000"),
                ("conditions", "Rapport d’activité à six mois."),
            ],
        )
        .await;
    assert_eq!(r.status(), 303);
    let review = w.app.store.reviews_of_application(a).await.unwrap()[0].clone();
    let r = w
        .app
        .post_form(
            &format!("/candidatures/{a}/partage"),
            &[("review", &review.id.to_string()), ("share", "1")],
        )
        .await;
    assert_eq!(r.status(), 303);
    let r = w
        .app
        .post_form(
            &format!("/candidatures/{}/decision", w.apps[1]),
            &[("outcome", "refused"), ("reason", "Hors du territoire.")],
        )
        .await;
    assert_eq!(r.status(), 303);

    // Before sending, the applicant sees nothing.
    let (status, _) = w
        .holder
        .get_html(&format!("/candidatures/{a}/decision"))
        .await;
    assert_eq!(status, 404);
    let r = w
        .holder
        .client
        .get(w.holder.at(&format!("/api/v1/applications/{a}/decision")))
        .bearer_auth(&token)
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 404);
    // Nor does an assigned reviewer (page and API); the funder does.
    let (status, html) = w.r1.get_html(&format!("/candidatures/{a}")).await;
    assert_eq!(status, 200);
    assert!(html.contains("status-submitted") && !html.contains("status-granted"));
    assert_eq!(shown_status(&w.r1, a).await, json!("submitted"));
    assert_eq!(shown_status(&w.holder, a).await, json!("submitted"));
    assert_eq!(shown_status(&w.app, a).await, json!("granted"));

    let (_, html) = w
        .app
        .get_html(&format!("/appels/{}/decisions", w.call))
        .await;
    assert!(html.contains("Envoyer les 2 décisions"), "{html}");
    let r = w
        .app
        .post_form(&format!("/appels/{}/decisions/envoi", w.call), &[])
        .await;
    assert_eq!(r.status(), 303);
    let mail = w
        .app
        .outbox()
        .await
        .into_iter()
        .find(|m| m.to_address == "porteuse@exemple.fr" && m.subject.contains("Décision"))
        .expect("the applicant's manager is mailed");
    assert!(mail.body.contains(&format!("/candidatures/{a}/decision")));
    let (status, html) = w
        .holder
        .get_html(&format!("/candidatures/{a}/decision"))
        .await;
    assert_eq!(status, 200);
    assert!(html.contains("5\u{202f}000\u{a0}€"), "{html}");
    assert!(html.contains("Projet utile, à consolider."));
    assert!(
        !html.contains("Budget fragile."),
        "private comments stay private"
    );
    crate::pages::assert_accessible_layout(&html, "decision");
    // The application page shows it too, with the shared comment only.
    let (status, html) = w.holder.get_html(&format!("/candidatures/{a}")).await;
    assert_eq!(status, 200);
    assert!(
        html.contains("id=\"decision-titre\"") && html.contains("Projet utile, à consolider."),
        "{html}"
    );
    assert!(!html.contains("Budget fragile."));
    let body: Value = w
        .holder
        .client
        .get(w.holder.at(&format!("/api/v1/applications/{a}/decision")))
        .bearer_auth(&token)
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(body["status"], "granted");
    assert_eq!(body["amount_cents"], 500_000);
    assert_eq!(
        body["shared_comments"],
        json!(["Projet utile, à consolider."])
    );
    // Sent: frozen.
    let r = w
        .app
        .post_form(
            &format!("/candidatures/{a}/decision"),
            &[("outcome", "refused"), ("reason", "Changement d’avis.")],
        )
        .await;
    assert_eq!(r.status(), 409);
    let audit = w.app.store.list_audit(None, 50).await.unwrap();
    assert!(audit.iter().any(|e| e.action == "review.decision_recorded"));
    assert!(audit.iter().any(|e| e.action == "review.decisions_sent"));
}

async fn bad_decisions_and_reviewers_are_refused_with_messages(backend: Backend) {
    let Some(w) = world(backend, 1, 1_000_000).await else {
        return;
    };
    let a = w.apps[0];
    for (fields, status, message) in [
        (
            vec![
                ("outcome", "granted"),
                ("amount", "500"),
                ("conditions", ""),
            ],
            422,
            "inférieur au minimum",
        ),
        (
            vec![
                ("outcome", "granted"),
                ("amount", "9000"),
                ("conditions", ""),
            ],
            422,
            "dépasse le maximum",
        ),
        (
            vec![
                ("outcome", "granted"),
                ("amount", "beaucoup"),
                ("conditions", ""),
            ],
            422,
            "Saisissez un montant positif",
        ),
        (
            vec![("outcome", "refused"), ("reason", " ")],
            422,
            "motif du refus",
        ),
        (
            vec![("outcome", "peut-être")],
            422,
            "Choisissez une décision",
        ),
    ] {
        let r = w
            .app
            .post_form(&format!("/candidatures/{a}/decision"), &fields)
            .await;
        assert_eq!(r.status(), status, "{fields:?}");
        let html = r.text().await.unwrap();
        assert!(html.contains(message), "{message}: {html}");
    }
    assert_eq!(
        w.app
            .store
            .application(a)
            .await
            .unwrap()
            .unwrap()
            .decided_at,
        None
    );
    let token = w.app.api_token().await;
    let r = decide_api(
        &w,
        &token,
        a,
        json!({ "outcome": "granted", "amount_cents": 10 }),
    )
    .await;
    assert_eq!(r.status(), 422);
    let body: Value = r.json().await.unwrap();
    assert_eq!(body["code"], "invalid_input");
    assert!(
        body.to_string().contains("review_amount_below_min"),
        "{body}"
    );
    // Reviewers: unknown address, twice the same, empty.
    for (email, message) in [
        ("personne@exemple.fr", "Aucun compte ne porte cette adresse"),
        ("", "Indiquez l’adresse électronique"),
    ] {
        let r = w
            .app
            .post_form(
                &format!("/appels/{}/relecteurs", w.call),
                &[("email", email)],
            )
            .await;
        assert_eq!(r.status(), 422);
        let html = r.text().await.unwrap();
        assert!(html.contains(message), "{html}");
    }
    name_all(&w).await;
    let r = w
        .app
        .post_form(
            &format!("/appels/{}/relecteurs", w.call),
            &[("email", "R1@exemple.fr")],
        )
        .await;
    assert_eq!(r.status(), 422);
    assert!(r.text().await.unwrap().contains("déjà relectrice"));
    // Every endpoint of the context is in the OpenAPI document.
    let doc: Value = w
        .app
        .client
        .get(w.app.at("/api/v1/openapi.json"))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    for path in [
        "/api/v1/calls/{id}/reviewers",
        "/api/v1/calls/{id}/reviewers/{person_id}",
        "/api/v1/calls/{id}/assignments",
        "/api/v1/calls/{id}/table",
        "/api/v1/calls/{id}/decisions/send",
        "/api/v1/applications/{id}/reviews",
        "/api/v1/applications/{id}/conflict",
        "/api/v1/applications/{id}/decision",
    ] {
        assert!(doc["paths"].get(path).is_some(), "{path} documented");
    }
}
