//! Impact contracts (contrats à impact): a funder-labelled manager proposes a contract on an
//! initiative's plan entry, its editor signs it; the same measured value counts only once
//! verified (not reached and nothing due before, reached and the payment due after); the CSV
//! and the API say the same; contracts are private to their parties; bad proposals come back
//! with messages; people without the funder label cannot propose; each step is mailed to the
//! other side.

use crate::common::{location, Backend, TestApp};
use chrono::Duration;
use essaim_domain::network::{LabelKind, LabelStatus};
use essaim_store::impact::{NewMeasurement, NewPlanEntry};
use essaim_store::network::{LabelDecision, NewLabel};
use essaim_store::utc_now;
use serde_json::{json, Value};
use uuid::Uuid;

crate::on_both_backends!(
    a_contract_pays_only_for_verified_outcomes,
    contracts_are_private_to_their_parties,
    bad_proposals_are_refused_and_funders_only_propose,
);

async fn person(app: &TestApp, email: &str) -> Uuid {
    app.store.person_by_email(email).await.unwrap().unwrap().id
}

async fn create_structure(app: &TestApp, name: &str) -> String {
    let r = app
        .post_form(
            "/structures",
            &[
                ("name", name),
                ("kind", "association"),
                ("territory", "commune:29019"),
            ],
        )
        .await;
    assert_eq!(r.status(), 303);
    location(&r).trim_start_matches("/structures/").to_owned()
}

struct World {
    funder: TestApp,
    holder: TestApp,
    funder_structure: String,
    initiative: String,
    entry: Uuid,
    holder_id: Uuid,
}

/// A funder (main browser) managing a structure granted the funder label, and a holder whose
/// published initiative plans the indicator « repas servis » (baseline 0, target 1000).
async fn world(backend: Backend) -> Option<World> {
    let funder = TestApp::spawn(backend).await?;
    funder
        .sign_up_and_in("financeur@exemple.fr", "Fanny Financeuse")
        .await;
    let funder_structure = create_structure(&funder, "Fondation Terres d'Entraide").await;
    let funder_id = person(&funder, "financeur@exemple.fr").await;
    let now = utc_now();
    let label = funder
        .store
        .apply_for_label(&NewLabel {
            id: Uuid::now_v7(),
            structure_id: funder_structure.parse().unwrap(),
            kind: LabelKind::Funder,
            motivation: "Nous finançons l’alimentation durable.".into(),
            applied_by: funder_id,
            applied_at: now,
        })
        .await
        .unwrap();
    funder
        .store
        .decide_label(
            label.id,
            &LabelDecision {
                from: LabelStatus::Pending,
                to: LabelStatus::Granted,
                by: funder_id,
                at: now,
                reason: None,
                expires_on: Some(now.date_naive() + Duration::days(365)),
            },
        )
        .await
        .unwrap();
    let holder = funder.other_browser();
    holder
        .sign_up_and_in("porteuse@exemple.fr", "Paola Porteuse")
        .await;
    let structure = create_structure(&holder, "Épicerie solidaire").await;
    let r = holder
        .post_form(
            "/initiatives",
            &[
                ("title", "Épicerie solidaire de Recouvrance"),
                ("summary", "Des repas pour tous."),
                ("description", "Une épicerie et une cantine."),
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
    let initiative = location(&r).trim_start_matches("/initiatives/").to_owned();
    let holder_id = person(&holder, "porteuse@exemple.fr").await;
    let meals = funder
        .store
        .indicator_by_code("repas-servis")
        .await
        .unwrap()
        .expect("the shipped catalogue is seeded");
    let entry = funder
        .store
        .add_plan_entry(&NewPlanEntry {
            id: Uuid::now_v7(),
            initiative_id: initiative.parse().unwrap(),
            indicator_id: meals.id,
            baseline_value: 0.0,
            baseline_on: "2026-01-01".into(),
            target_value: 1000.0,
            target_on: "2027-01-01".into(),
            created_by: holder_id,
            created_at: utc_now(),
        })
        .await
        .unwrap()
        .id;
    Some(World {
        funder,
        holder,
        funder_structure,
        initiative,
        entry,
        holder_id,
    })
}

/// How many mails to `to` have a subject starting with `subject`.
async fn mails(w: &World, to: &str, subject: &str) -> usize {
    w.funder
        .outbox()
        .await
        .iter()
        .filter(|m| m.to_address == to && m.subject.starts_with(subject))
        .count()
}

async fn propose(w: &World) -> String {
    let entry = w.entry.to_string();
    let r = w
        .funder
        .post_form(
            &format!("/initiatives/{}/contrats-a-impact", w.initiative),
            &[
                ("structure", &w.funder_structure),
                ("title", "Contrat repas 2026"),
                ("terms", "Versement **à l’atteinte**."),
                ("starts_on", "2026-01-01"),
                ("entry_1", &entry),
                ("threshold_1", "100"),
                ("due_1", "2026-12-31"),
                ("payment_1", "5 000"),
            ],
        )
        .await;
    assert_eq!(r.status(), 303, "{}", r.text().await.unwrap());
    location(&r)
}

async fn a_contract_pays_only_for_verified_outcomes(backend: Backend) {
    let Some(w) = world(backend).await else {
        return;
    };
    let form = format!("/initiatives/{}/contrats-a-impact", w.initiative);
    let (status, html) = w.funder.get_html(&form).await;
    assert_eq!(status, 200);
    assert!(
        html.contains("Repas servis") || html.contains("repas"),
        "{html}"
    );
    let path = propose(&w).await;
    assert!(path.starts_with("/contrats-a-impact/"));
    // The initiative's manager is told, with a link; the funder who proposed is not.
    assert_eq!(
        mails(
            &w,
            "porteuse@exemple.fr",
            "Contrat à impact proposé : Contrat repas 2026"
        )
        .await,
        1
    );
    assert_eq!(w.holder.link_in_mail_to("porteuse@exemple.fr").await, path);
    assert_eq!(
        mails(&w, "financeur@exemple.fr", "Contrat à impact proposé").await,
        0
    );
    for (who, page) in [
        (&w.funder, form.as_str()),
        (&w.funder, "/contrats-a-impact"),
        (&w.funder, path.as_str()),
        (&w.holder, path.as_str()),
    ] {
        let (status, html) = who.get_html(page).await;
        assert_eq!(status, 200, "{page}");
        crate::pages::assert_accessible_layout(&html, page);
    }
    let (_, html) = w.holder.get_html(&path).await;
    assert!(html.contains("Signer le contrat") && html.contains("<strong>à l’atteinte</strong>"));
    let r = w
        .holder
        .post_form(&format!("{path}/signature"), &[("decision", "accept")])
        .await;
    assert_eq!(r.status(), 303);
    // The funder's side learns of the signature.
    assert_eq!(
        mails(
            &w,
            "financeur@exemple.fr",
            "Contrat à impact signé : Contrat repas 2026"
        )
        .await,
        1
    );
    assert_eq!(
        mails(&w, "porteuse@exemple.fr", "Contrat à impact signé").await,
        0
    );
    // Signed twice: a conflict, explained.
    let r = w
        .holder
        .post_form(&format!("{path}/signature"), &[("decision", "accept")])
        .await;
    assert_eq!(r.status(), 409);
    assert!(r
        .text()
        .await
        .unwrap()
        .contains("n’attend plus de signature"));

    // 120 meals, measured but not verified: nothing reached, nothing due.
    let m = w
        .funder
        .store
        .add_measurement(&NewMeasurement {
            id: Uuid::now_v7(),
            entry_id: w.entry,
            value: 120.0,
            period_start: "2026-03-01".into(),
            period_end: "2026-06-30".into(),
            source: "Registre".into(),
            method: "Comptage".into(),
            evidence_level: 3,
            created_by: w.holder_id,
            created_at: utc_now(),
        })
        .await
        .unwrap();
    let (_, html) = w.holder.get_html(&path).await;
    assert!(html.contains("Pas encore atteint"), "{html}");
    assert!(
        html.contains("<dd id=\"total-due\">0,00\u{a0}€</dd>"),
        "{html}"
    );
    let id = path.trim_start_matches("/contrats-a-impact/");
    let token = w.funder.api_token().await;
    let api: Value = w
        .funder
        .client
        .get(w.funder.at(&format!("/api/v1/impact-contracts/{id}")))
        .bearer_auth(&token)
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(api["outcomes"][0]["reached"], false, "{api}");
    assert_eq!(api["total_due_cents"], 0);

    // The same value, verified: reached, 5 000 € due, at once.
    w.funder
        .store
        .verify_measurement(m.id, w.holder_id, utc_now(), "Registre contrôlé.")
        .await
        .unwrap();
    let (_, html) = w.holder.get_html(&path).await;
    assert!(html.contains("Atteint (mesure du 2026-06-30)"), "{html}");
    assert!(html.contains("5\u{202f}000,00\u{a0}€</dd>"), "{html}");
    let api: Value = w
        .funder
        .client
        .get(w.funder.at(&format!("/api/v1/impact-contracts/{id}")))
        .bearer_auth(&token)
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(api["outcomes"][0]["reached"], true);
    assert_eq!(api["outcomes"][0]["best_verified_value"], 120.0);
    assert_eq!(api["total_due_cents"], 500_000);
    let r = w.funder.get(&format!("{path}/export.csv")).await;
    assert_eq!(r.status(), 200);
    assert!(r.headers()["content-type"]
        .to_str()
        .unwrap()
        .starts_with("text/csv"));
    let csv = r.text().await.unwrap();
    assert!(
        csv.contains(",repas-servis,increase,100,2026-12-31,500000,true,120,2026-06-30,500000"),
        "{csv}"
    );

    // Either side ends it; every step is audited.
    let r = w.funder.post_form(&format!("{path}/fin"), &[]).await;
    assert_eq!(r.status(), 303);
    assert_eq!(
        mails(&w, "porteuse@exemple.fr", "Fin du contrat à impact").await,
        1
    );
    assert_eq!(
        mails(&w, "financeur@exemple.fr", "Fin du contrat à impact").await,
        0
    );
    for action in [
        "impact_contract_proposed",
        "impact_contract_signed",
        "impact_contract_ended",
    ] {
        let n = w
            .funder
            .store
            .list_audit(Some(action), 10)
            .await
            .unwrap()
            .len();
        assert_eq!(n, 1, "{action}");
    }
    let r = w.funder.post_form(&format!("{path}/fin"), &[]).await;
    assert_eq!(r.status(), 409);
}

async fn contracts_are_private_to_their_parties(backend: Backend) {
    let Some(w) = world(backend).await else {
        return;
    };
    let path = propose(&w).await;
    let anonymous = w.funder.other_browser();
    let outsider = w.funder.other_browser();
    outsider
        .sign_up_and_in("curieux@exemple.fr", "Carl Curieux")
        .await;
    assert_eq!(anonymous.get(&path).await.status(), 404);
    // A signed-in outsider is not told the contract exists.
    assert_eq!(outsider.get(&path).await.status(), 404);
    assert_eq!(
        outsider.get(&format!("{path}/export.csv")).await.status(),
        404
    );
    // Only the initiative's side signs: not the funder, not outsiders.
    let r = w
        .funder
        .post_form(&format!("{path}/signature"), &[("decision", "accept")])
        .await;
    assert_eq!(r.status(), 403);
    let r = outsider
        .post_form(&format!("{path}/signature"), &[("decision", "accept")])
        .await;
    assert_eq!(r.status(), 404);
    let r = w
        .holder
        .post_form(&format!("{path}/signature"), &[("decision", "zzz")])
        .await;
    assert_eq!(r.status(), 400);
    // The holder declines; the list of the outsider is empty.
    let r = w
        .holder
        .post_form(&format!("{path}/signature"), &[("decision", "decline")])
        .await;
    assert_eq!(r.status(), 303);
    assert_eq!(
        mails(
            &w,
            "financeur@exemple.fr",
            "Contrat à impact refusé : Contrat repas 2026"
        )
        .await,
        1
    );
    assert_eq!(
        mails(&w, "financeur@exemple.fr", "Contrat à impact signé").await,
        0
    );
    assert_eq!(
        w.funder
            .store
            .list_audit(Some("impact_contract_declined"), 10)
            .await
            .unwrap()
            .len(),
        1
    );
    let (_, html) = outsider.get_html("/contrats-a-impact").await;
    assert!(!html.contains("Contrat repas 2026"));
    let (_, html) = w.holder.get_html("/contrats-a-impact").await;
    assert!(html.contains("Contrat repas 2026") && html.contains("Refusé"));
}

async fn bad_proposals_are_refused_and_funders_only_propose(backend: Backend) {
    let Some(w) = world(backend).await else {
        return;
    };
    let form = format!("/initiatives/{}/contrats-a-impact", w.initiative);
    // The plan page shows the way to the form to funders only: not to the holder (signed in,
    // no funder label), nor to anonymous visitors.
    let plan = format!("/initiatives/{}/impact", w.initiative);
    let link = format!("href=\"{form}\"");
    let (status, html) = w.funder.get_html(&plan).await;
    assert_eq!(status, 200);
    assert!(html.contains(&link), "{html}");
    let (status, html) = w.holder.get_html(&plan).await;
    assert_eq!(status, 200);
    assert!(!html.contains(&link), "{html}");
    let (_, html) = w.funder.other_browser().get_html(&plan).await;
    assert!(!html.contains(&link));
    // The holder holds no funder label: the form and the POST refuse them all the same.
    assert_eq!(w.holder.get(&form).await.status(), 403);
    let r = w.holder.post_form(&form, &[("title", "x")]).await;
    assert_eq!(r.status(), 403);
    let r = w
        .funder
        .post_form(
            &form,
            &[
                ("structure", &w.funder_structure),
                ("title", ""),
                ("starts_on", "2026-01-01"),
                ("entry_1", &Uuid::now_v7().to_string()),
                ("threshold_1", "beaucoup"),
                ("due_1", "2025-12-31"),
                ("payment_1", "-5"),
            ],
        )
        .await;
    assert_eq!(r.status(), 422);
    let html = r.text().await.unwrap();
    for message in [
        "Donnez un titre au contrat.",
        "Choisissez un indicateur du plan d’impact de l’initiative.",
        "Le seuil doit être un nombre.",
        "L’échéance doit suivre le début du contrat.",
        "Le paiement doit être un montant positif en euros",
    ] {
        assert!(html.contains(message), "{message}: {html}");
    }
    assert!(html.contains("value=\"beaucoup\""), "typed values kept");
    // Nothing at all proposed.
    let r = w
        .funder
        .post_form(
            &form,
            &[
                ("structure", &w.funder_structure),
                ("title", "Vide"),
                ("starts_on", "2026-01-01"),
            ],
        )
        .await;
    assert_eq!(r.status(), 422);
    assert!(r
        .text()
        .await
        .unwrap()
        .contains("Proposez au moins un résultat."));
    // The API refuses the same, and nothing was recorded.
    let token = w.funder.api_token().await;
    let r = w
        .funder
        .client
        .post(w.funder.at(&format!("/api/v1/initiatives/{}/impact-contracts", w.initiative)))
        .bearer_auth(&token)
        .json(&json!({
            "structure_id": w.funder_structure, "title": "Contrat", "starts_on": "2026-01-01",
            "outcomes": [{"entry_id": w.entry, "threshold": 10, "due_on": "2025-01-01", "payment_cents": 100}]
        }))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 422);
    let r = w
        .funder
        .client
        .post(w.funder.at(&format!("/api/v1/initiatives/{}/impact-contracts", w.initiative)))
        .bearer_auth(&token)
        .json(&json!({
            "structure_id": w.funder_structure, "title": "Contrat", "starts_on": "2026-01-01",
            "outcomes": [{"entry_id": w.entry, "threshold": 10, "due_on": "2026-12-01", "payment_cents": 100050}]
        }))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 201);
    let v: Value = r.json().await.unwrap();
    assert_eq!(v["outcomes"][0]["payment_cents"], 100050);
    assert_eq!(v["status"], "proposed");
    let list: Value = w
        .funder
        .client
        .get(w.funder.at("/api/v1/impact-contracts"))
        .bearer_auth(&token)
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(list["items"].as_array().unwrap().len(), 1);
}
