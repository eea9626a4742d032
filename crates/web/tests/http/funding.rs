//! Funding (*appels*): a labelled funder opens a prize, a project holder applies with an
//! initiative (answers, a PDF, submission, frozen copy, mails), the funder reads it, another
//! applicant cannot; the catalogue and its filters; eligibility, deadline, not-a-PDF and
//! too-large refusals; withdrawal; the prize results and the initiative's prize; the SCDL file;
//! the API.

use crate::common::{location, Backend, TestApp};
use essaim_domain::initiative::{InitiativeInput, Status, StructureRole};
use essaim_domain::network::{LabelKind, LabelStatus};
use essaim_domain::person::PlatformRole;
use essaim_domain::structure::StructureInput;
use essaim_domain::territory::Territories;
use essaim_store::network::{LabelDecision, NewLabel};
use essaim_store::{utc_now, Store};
use serde_json::{json, Value};
use uuid::Uuid;

crate::on_both_backends!(
    a_funder_opens_a_prize_and_a_holder_applies_with_a_pdf,
    applications_are_private_to_their_parties,
    ineligible_late_and_bad_files_are_refused_with_a_message,
    only_labelled_funders_open_calls_and_bad_calls_keep_values,
    the_prize_results_the_initiative_badge_and_the_scdl_file,
    the_api_opens_calls_and_takes_applications,
    uploads_are_throttled_per_person,
);

const PDF: &[u8] = b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << >>\n%%EOF\n";

async fn person_id(store: &dyn Store, email: &str) -> Uuid {
    store.person_by_email(email).await.unwrap().unwrap().id
}

async fn structure(store: &dyn Store, owner: Uuid, name: &str, kind: &str, siret: &str) -> Uuid {
    let fields = StructureInput {
        name: name.into(),
        kind: kind.into(),
        siret: siret.into(),
        territory: "commune:29019".into(),
        ..Default::default()
    }
    .validate(Territories::bundled())
    .unwrap();
    store
        .create_structure(Uuid::now_v7(), &fields, owner, utc_now())
        .await
        .unwrap()
        .id
}

/// A published initiative carried by `structure`, in Brest, on food.
async fn initiative(
    store: &dyn Store,
    author: Uuid,
    structure: Uuid,
    title: &str,
    stage: &str,
) -> Uuid {
    let codes: Vec<String> = store
        .challenges()
        .await
        .unwrap()
        .into_iter()
        .map(|c| c.code)
        .collect();
    let mut content = InitiativeInput {
        title: title.into(),
        summary: "Des jardins cultivés ensemble au pied des immeubles.".into(),
        territories: "commune:29019".into(),
        challenges: vec!["alimentation".into()],
        stage: stage.into(),
        steps: "Réunir les voisins\nTrouver un terrain".into(),
        ..Default::default()
    }
    .validate(Territories::bundled(), &codes)
    .unwrap();
    content.structures = vec![(structure, StructureRole::Porteur)];
    store
        .create_initiative(
            Uuid::now_v7(),
            &content,
            Status::Published,
            None,
            essaim_store::RevisionNote {
                author_id: author,
                message: "création".into(),
                at: utc_now(),
            },
        )
        .await
        .unwrap()
        .id
}

async fn grant_funder_label(store: &dyn Store, structure: Uuid, by: Uuid, admin: Uuid) {
    let label = store
        .apply_for_label(&NewLabel {
            id: Uuid::now_v7(),
            structure_id: structure,
            kind: LabelKind::Funder,
            motivation: "Nous finançons des projets solidaires depuis dix ans.".into(),
            applied_by: by,
            applied_at: utc_now(),
        })
        .await
        .unwrap();
    store
        .decide_label(
            label.id,
            &LabelDecision {
                from: LabelStatus::Pending,
                to: LabelStatus::Granted,
                by: admin,
                at: utc_now(),
                reason: None,
                expires_on: None,
            },
        )
        .await
        .unwrap();
}

/// The people and things of these tests.
struct World {
    /// An admin's browser.
    app: TestApp,
    funder: TestApp,
    holder: TestApp,
    other: TestApp,
    fondation: Uuid,
    jardins: Uuid,
    garage: Uuid,
    /// The holder's initiative (Jardins, association, Brest, food, experimentation).
    garden: Uuid,
    /// The other's initiative (Garage, an entreprise).
    repair: Uuid,
}

async fn world(backend: Backend) -> Option<World> {
    let app = TestApp::spawn(backend).await?;
    app.sign_up_and_in("admin@exemple.fr", "Anne Admin").await;
    let admin = person_id(&*app.store, "admin@exemple.fr").await;
    app.store
        .set_roles(admin, &[PlatformRole::Admin])
        .await
        .unwrap();
    let funder = app.other_browser();
    funder
        .sign_up_and_in("financeur@exemple.fr", "Fanny Financeuse")
        .await;
    let holder = app.other_browser();
    holder
        .sign_up_and_in("porteuse@exemple.fr", "Paola Porteuse")
        .await;
    let other = app.other_browser();
    other
        .sign_up_and_in("autre@exemple.fr", "Oscar Autre")
        .await;
    let store = &*app.store;
    let (f, h, o) = (
        person_id(store, "financeur@exemple.fr").await,
        person_id(store, "porteuse@exemple.fr").await,
        person_id(store, "autre@exemple.fr").await,
    );
    let fondation = structure(
        store,
        f,
        "Fondation Terres d'Entraide",
        "fondation",
        "21290019700014",
    )
    .await;
    grant_funder_label(store, fondation, f, admin).await;
    let jardins = structure(
        store,
        h,
        "Les Jardins du Bourg",
        "association",
        "35600000000001",
    )
    .await;
    let garage = structure(store, o, "Garage Solidaire", "entreprise", "").await;
    let garden = initiative(
        store,
        h,
        jardins,
        "Jardins partagés du Bourg",
        "experimentation",
    )
    .await;
    let repair = initiative(store, o, garage, "Réparer ensemble", "experimentation").await;
    Some(World {
        app,
        funder,
        holder,
        other,
        fondation,
        jardins,
        garage,
        garden,
        repair,
    })
}

/// The call form's fields for a prize open now, closing in a month, for associations working
/// on food in Finistère, with a required text and a required file question.
fn prize_form(structure: Uuid, title: &str) -> Vec<(String, String)> {
    let opens = (utc_now() - chrono::Duration::days(1))
        .format("%Y-%m-%d")
        .to_string();
    let closes = (utc_now() + chrono::Duration::days(30))
        .format("%Y-%m-%d")
        .to_string();
    [
        ("structure", structure.to_string()),
        ("kind", "prize".into()),
        ("title", title.into()),
        (
            "description",
            "Un prix pour les **projets** qui nourrissent.<script>alert(1)</script>".into(),
        ),
        ("currency", "EUR".into()),
        ("budget", "30 000".into()),
        ("min_award", "5 000".into()),
        ("max_award", "15 000".into()),
        ("opens_at", opens),
        ("closes_at", closes),
        ("decision_on", "".into()),
        ("reviewers_per_application", "2".into()),
        ("publish_awards", "1".into()),
        ("challenges", "alimentation".into()),
        ("territories", "departement:29".into()),
        ("structure_kinds", "association".into()),
        ("structure_kinds", "cooperative".into()),
        ("c0-name", "Utilité sociale".into()),
        ("c0-weight", "2".into()),
        ("c0-scale", "5".into()),
        ("c1-name", "Faisabilité".into()),
        ("c1-weight", "1".into()),
        ("c1-scale", "10".into()),
        ("q0-label", "Qu'allez-vous faire du prix ?".into()),
        ("q0-kind", "text".into()),
        ("q0-required", "1".into()),
        ("q1-label", "Budget prévisionnel".into()),
        ("q1-kind", "file".into()),
        ("q1-required", "1".into()),
        ("q2-label", "Nombre de bénévoles".into()),
        ("q2-kind", "number".into()),
    ]
    .into_iter()
    .map(|(k, v)| (k.to_owned(), v))
    .collect()
}

async fn post_pairs(app: &TestApp, path: &str, pairs: &[(String, String)]) -> reqwest::Response {
    let fields: Vec<(&str, &str)> = pairs
        .iter()
        .map(|(k, v)| (k.as_str(), v.as_str()))
        .collect();
    app.post_form(path, &fields).await
}

/// Opens and publishes a prize as the funder; returns its id.
async fn open_prize(w: &World, title: &str) -> String {
    let r = post_pairs(&w.funder, "/appels", &prize_form(w.fondation, title)).await;
    assert_eq!(r.status(), 303, "call created: {}", r.text().await.unwrap());
    let id = location(&r).trim_start_matches("/appels/").to_owned();
    let r = w
        .funder
        .post_form(&format!("/appels/{id}/publication"), &[])
        .await;
    assert_eq!(r.status(), 303, "published");
    id
}

async fn upload(
    app: &TestApp,
    application: &str,
    question: &str,
    name: &str,
    bytes: Vec<u8>,
) -> reqwest::Response {
    let csrf = app.csrf().await;
    let part = reqwest::multipart::Part::bytes(bytes).file_name(name.to_owned());
    let form = reqwest::multipart::Form::new()
        .text("question", question.to_owned())
        .part("document", part);
    app.client
        .post(app.at(&format!(
            "/candidatures/{application}/documents?_csrf={csrf}"
        )))
        .multipart(form)
        .send()
        .await
        .unwrap()
}

/// Starts an application of the holder with the garden; returns its id.
async fn start(w: &World, call: &str) -> String {
    let r = w
        .holder
        .post_form(
            &format!("/appels/{call}/candidater"),
            &[
                ("structure", &w.jardins.to_string()),
                ("initiative", &w.garden.to_string()),
            ],
        )
        .await;
    assert_eq!(
        r.status(),
        303,
        "application started: {}",
        r.text().await.unwrap()
    );
    location(&r).trim_start_matches("/candidatures/").to_owned()
}

/// Answers, attaches the budget and submits: the holder's complete path.
async fn complete_and_submit(w: &World, call: &str, application: &str) {
    let questions = w
        .app
        .store
        .call_questions(call.parse().unwrap())
        .await
        .unwrap();
    let r = w
        .holder
        .post_form(
            &format!("/candidatures/{application}/reponses"),
            &[("q-0", "Planter un verger."), ("q-2", "12")],
        )
        .await;
    assert_eq!(r.status(), 303, "answers saved");
    let r = upload(
        &w.holder,
        application,
        &questions[1].id.to_string(),
        "budget 2026.pdf",
        PDF.to_vec(),
    )
    .await;
    assert_eq!(
        r.status(),
        303,
        "document attached: {}",
        r.text().await.unwrap()
    );
    let r = w
        .holder
        .post_form(&format!("/candidatures/{application}/depot"), &[])
        .await;
    assert_eq!(r.status(), 303, "submitted: {}", r.text().await.unwrap());
}

async fn a_funder_opens_a_prize_and_a_holder_applies_with_a_pdf(backend: Backend) {
    let Some(w) = world(backend).await else {
        return;
    };
    // The form and the draft: only the funder sees the draft.
    let (status, html) = w.funder.get_html("/appels/nouveau").await;
    assert_eq!(status, 200);
    crate::pages::assert_accessible_layout(&html, "/appels/nouveau");
    let r = post_pairs(
        &w.funder,
        "/appels",
        &prize_form(w.fondation, "Prix alimentation durable"),
    )
    .await;
    assert_eq!(r.status(), 303);
    let call = location(&r).trim_start_matches("/appels/").to_owned();
    assert_eq!(
        w.holder.get(&format!("/appels/{call}")).await.status(),
        404,
        "a draft is the funder's"
    );
    assert!(!w
        .holder
        .get_html("/appels")
        .await
        .1
        .contains("Prix alimentation durable"));
    let r = w
        .funder
        .post_form(&format!("/appels/{call}/publication"), &[])
        .await;
    assert_eq!(r.status(), 303);

    // Public: the page (sanitised Markdown), the catalogue and its filters.
    let (status, html) = w.holder.get_html(&format!("/appels/{call}")).await;
    assert_eq!(status, 200);
    assert!(
        html.contains("<strong>projets</strong>") && !html.contains("<script>alert"),
        "{html}"
    );
    assert!(html.contains("Utilité sociale") && html.contains("Budget prévisionnel"));
    assert!(
        html.contains(&format!("/appels/{call}/candidater")),
        "the holder may apply"
    );
    for (query, listed) in [
        ("", true),
        ("?ouverts=1", true),
        ("?type=prize", true),
        ("?type=fund", false),
        ("?defi=alimentation", true),
        ("?defi=sante", false),
        ("?territoire=Finist%C3%A8re", true),
        ("?territoire=Ille-et-Vilaine", false),
    ] {
        let (status, html) = w.app.get_html(&format!("/appels{query}")).await;
        assert_eq!(status, 200, "{query}");
        assert_eq!(
            html.contains("Prix alimentation durable"),
            listed,
            "{query}"
        );
    }
    // The garden's page proposes the call; the garage's does not (an entreprise).
    let (_, html) = w.app.get_html(&format!("/initiatives/{}", w.garden)).await;
    assert!(
        html.contains("Appels qui vous correspondent") && html.contains(&format!("/appels/{call}")),
        "{html}"
    );
    let (_, html) = w.app.get_html(&format!("/initiatives/{}", w.repair)).await;
    assert!(!html.contains(&format!("/appels/{call}")));

    // The holder applies: a draft, answers, a PDF, submission.
    let (status, html) = w
        .holder
        .get_html(&format!("/appels/{call}/candidater"))
        .await;
    assert_eq!(status, 200);
    crate::pages::assert_accessible_layout(&html, "candidater");
    assert!(html.contains("Jardins partagés du Bourg"));
    let application = start(&w, &call).await;
    let (status, html) = w
        .holder
        .get_html(&format!("/candidatures/{application}"))
        .await;
    assert_eq!(status, 200);
    crate::pages::assert_accessible_layout(&html, "candidature");
    // Submitting without the required answers names them.
    let r = w
        .holder
        .post_form(&format!("/candidatures/{application}/depot"), &[])
        .await;
    assert_eq!(r.status(), 422);
    let html = r.text().await.unwrap();
    assert!(html.contains("Cette question est obligatoire"), "{html}");
    // A number question refuses words, and keeps what was typed.
    let r = w
        .holder
        .post_form(
            &format!("/candidatures/{application}/reponses"),
            &[("q-0", "Planter un verger."), ("q-2", "douze")],
        )
        .await;
    assert_eq!(r.status(), 422);
    let html = r.text().await.unwrap();
    assert!(html.contains("doit être un nombre") && html.contains("Planter un verger."));
    complete_and_submit(&w, &call, &application).await;

    let a = w
        .app
        .store
        .application(application.parse().unwrap())
        .await
        .unwrap()
        .unwrap();
    assert_eq!(a.status, "submitted");
    // The initiative is frozen as it stood: a later edit does not reach the application.
    let snap = essaim_domain::funding::Snapshot::parse(&a.snapshot).expect("a snapshot");
    assert_eq!(snap.content.title, "Jardins partagés du Bourg");
    assert_eq!(snap.initiative_id, w.garden);
    // Receipt to the applicant's manager, notice to the funder's.
    let mails = w.app.outbox().await;
    assert!(mails.iter().any(
        |m| m.to_address == "porteuse@exemple.fr" && m.subject.contains("Candidature déposée")
    ));
    assert!(mails
        .iter()
        .any(|m| m.to_address == "financeur@exemple.fr"
            && m.subject.contains("Nouvelle candidature")));
    // Nothing changes once submitted.
    let r = w
        .holder
        .post_form(
            &format!("/candidatures/{application}/reponses"),
            &[("q-0", "Autre chose")],
        )
        .await;
    assert_eq!(r.status(), 409);
    let r = upload(&w.holder, &application, "", "encore.pdf", PDF.to_vec()).await;
    assert_eq!(r.status(), 409);

    // The funder reads it and downloads the PDF; the call page lists it.
    let (status, html) = w
        .funder
        .get_html(&format!("/candidatures/{application}"))
        .await;
    assert_eq!(status, 200);
    assert!(
        html.contains("Planter un verger.") && html.contains("budget 2026.pdf"),
        "{html}"
    );
    let doc = w
        .app
        .store
        .documents(application.parse().unwrap())
        .await
        .unwrap()[0]
        .id;
    let r = w
        .funder
        .get(&format!("/candidatures/{application}/documents/{doc}"))
        .await;
    assert_eq!(r.status(), 200);
    assert_eq!(r.headers()["content-type"], "application/pdf");
    assert_eq!(r.headers()["cache-control"], "private, no-store");
    assert!(r.headers()["content-disposition"]
        .to_str()
        .unwrap()
        .starts_with("attachment"));
    assert_eq!(r.bytes().await.unwrap().as_ref(), PDF);
    let (_, html) = w.funder.get_html(&format!("/appels/{call}")).await;
    assert!(html.contains(&format!("/candidatures/{application}")));
    let (status, html) = w.holder.get_html("/candidatures").await;
    assert_eq!(status, 200);
    crate::pages::assert_accessible_layout(&html, "/candidatures");
    assert!(html.contains(&format!("/candidatures/{application}")));

    // Withdrawal before any decision; a new application is then possible.
    let r = w
        .holder
        .post_form(&format!("/candidatures/{application}/retrait"), &[])
        .await;
    assert_eq!(r.status(), 303);
    let a = w
        .app
        .store
        .application(application.parse().unwrap())
        .await
        .unwrap()
        .unwrap();
    assert_eq!(a.status, "withdrawn");
    let r = w
        .holder
        .post_form(&format!("/candidatures/{application}/retrait"), &[])
        .await;
    assert_eq!(r.status(), 409, "withdrawn once");
    let again = start(&w, &call).await;
    assert_ne!(again, application);
    let audit = w.app.store.list_audit(None, 200).await.unwrap();
    for action in [
        "funding_call_created",
        "funding_call_status",
        "funding_application_submitted",
        "funding_application_withdrawn",
    ] {
        assert!(audit.iter().any(|e| e.action == action), "{action} audited");
    }
}

async fn applications_are_private_to_their_parties(backend: Backend) {
    let Some(w) = world(backend).await else {
        return;
    };
    let call = open_prize(&w, "Prix de la Métropole").await;
    let application = start(&w, &call).await;
    let doc = {
        let r = upload(&w.holder, &application, "", "statuts.pdf", PDF.to_vec()).await;
        assert_eq!(r.status(), 303);
        w.app
            .store
            .documents(application.parse().unwrap())
            .await
            .unwrap()[0]
            .id
    };
    // A draft is its applicant's only: not even the funder reads it yet.
    assert_eq!(
        w.funder
            .get(&format!("/candidatures/{application}"))
            .await
            .status(),
        404
    );
    complete_and_submit(&w, &call, &application).await;
    let anonymous = w.app.other_browser();
    for (who, name) in [(&w.other, "another applicant"), (&anonymous, "anonymous")] {
        assert_eq!(
            who.get(&format!("/candidatures/{application}"))
                .await
                .status(),
            404,
            "{name}"
        );
        let r = who
            .get(&format!("/candidatures/{application}/documents/{doc}"))
            .await;
        assert!(
            matches!(r.status().as_u16(), 404 | 303),
            "{name}: {}",
            r.status()
        );
        assert_ne!(
            r.headers().get("content-type").map(|v| v.to_str().unwrap()),
            Some("application/pdf")
        );
        let r = who
            .post_form(&format!("/candidatures/{application}/retrait"), &[])
            .await;
        assert!(matches!(r.status().as_u16(), 404 | 303), "{name}");
    }
    // The funder reads but does not act for the applicant.
    assert_eq!(
        w.funder
            .get(&format!("/candidatures/{application}"))
            .await
            .status(),
        200
    );
    assert_eq!(
        w.funder
            .post_form(&format!("/candidatures/{application}/retrait"), &[])
            .await
            .status(),
        403
    );
    // A document of another application is not reachable through this one.
    let other_call = open_prize(&w, "Prix bis").await;
    let other_application = start(&w, &other_call).await;
    let r = w
        .holder
        .get(&format!(
            "/candidatures/{other_application}/documents/{doc}"
        ))
        .await;
    assert_eq!(r.status(), 404);
    let a = w
        .app
        .store
        .application(application.parse().unwrap())
        .await
        .unwrap()
        .unwrap();
    assert_eq!(a.status, "submitted", "nothing changed");
}

async fn ineligible_late_and_bad_files_are_refused_with_a_message(backend: Backend) {
    let Some(w) = world(backend).await else {
        return;
    };
    let call = open_prize(&w, "Prix des associations").await;
    // An entreprise is not eligible: the form says why and nothing is created.
    let r = w
        .other
        .post_form(
            &format!("/appels/{call}/candidater"),
            &[
                ("structure", &w.garage.to_string()),
                ("initiative", &w.repair.to_string()),
            ],
        )
        .await;
    assert_eq!(r.status(), 422);
    assert!(r
        .text()
        .await
        .unwrap()
        .contains("Ce type de structure n’est pas éligible"));
    // Someone else's structure or initiative.
    let r = w
        .other
        .post_form(
            &format!("/appels/{call}/candidater"),
            &[
                ("structure", &w.jardins.to_string()),
                ("initiative", &w.garden.to_string()),
            ],
        )
        .await;
    assert_eq!(r.status(), 422);
    assert!(r.text().await.unwrap().contains("structure que vous gérez"));
    let r = w
        .holder
        .post_form(
            &format!("/appels/{call}/candidater"),
            &[
                ("structure", &w.jardins.to_string()),
                ("initiative", &w.repair.to_string()),
            ],
        )
        .await;
    assert_eq!(r.status(), 422);
    assert!(w
        .app
        .store
        .applications_of_call(call.parse().unwrap())
        .await
        .unwrap()
        .is_empty());

    let application = start(&w, &call).await;
    // One live application per initiative.
    let r = w
        .holder
        .post_form(
            &format!("/appels/{call}/candidater"),
            &[
                ("structure", &w.jardins.to_string()),
                ("initiative", &w.garden.to_string()),
            ],
        )
        .await;
    assert_eq!(r.status(), 422);
    assert!(r.text().await.unwrap().contains("déjà une candidature"));
    // Not a PDF, a PDF cut short, too large: refused with a message, nothing stored.
    for (bytes, message) in [
        (b"GIF89a not a pdf at all".to_vec(), "n’est pas un PDF"),
        (
            b"%PDF-1.4 truncated without its end".to_vec(),
            "n’est pas un PDF",
        ),
        (
            {
                let mut big = PDF.to_vec();
                big.resize(essaim_domain::funding::MAX_DOCUMENT_BYTES + 1, b' ');
                big.extend_from_slice(b"%%EOF");
                big
            },
            "dépasse 10 Mo",
        ),
    ] {
        let r = upload(&w.holder, &application, "", "x.pdf", bytes).await;
        assert_eq!(r.status(), 422);
        assert!(r.text().await.unwrap().contains(message), "{message}");
    }
    assert!(w
        .app
        .store
        .documents(application.parse().unwrap())
        .await
        .unwrap()
        .is_empty());
    // Far beyond the limit: the body limit answers.
    let r = upload(
        &w.holder,
        &application,
        "",
        "x.pdf",
        vec![b'%'; 12 * 1024 * 1024],
    )
    .await;
    assert_eq!(r.status(), 413);
    // 8 MB: within the upload routes' limit (refused as not a PDF), over every other route's.
    let r = upload(
        &w.holder,
        &application,
        "",
        "x.pdf",
        vec![b'x'; 8 * 1024 * 1024],
    )
    .await;
    assert_eq!(r.status(), 422);
    let r = w
        .holder
        .client
        .post(
            w.holder
                .at(&format!("/candidatures/{application}/reponses")),
        )
        .header("content-type", "application/octet-stream")
        .body(vec![b'x'; 8 * 1024 * 1024])
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 413);

    // After the deadline (the server's clock): a clear message, still a draft.
    let questions = w
        .app
        .store
        .call_questions(call.parse().unwrap())
        .await
        .unwrap();
    let r = w
        .holder
        .post_form(
            &format!("/candidatures/{application}/reponses"),
            &[("q-0", "Planter un verger.")],
        )
        .await;
    assert_eq!(r.status(), 303);
    let r = upload(
        &w.holder,
        &application,
        &questions[1].id.to_string(),
        "budget.pdf",
        PDF.to_vec(),
    )
    .await;
    assert_eq!(r.status(), 303);
    w.app
        .store
        .edit_published_call(
            call.parse().unwrap(),
            &essaim_store::funding::CallEdit {
                description: "Clos.".into(),
                closes_at: utc_now() - chrono::Duration::minutes(1),
                decision_on: None,
                at: utc_now(),
            },
        )
        .await
        .unwrap();
    let r = w
        .holder
        .post_form(&format!("/candidatures/{application}/depot"), &[])
        .await;
    assert_eq!(r.status(), 409);
    assert!(r
        .text()
        .await
        .unwrap()
        .contains("date limite de dépôt est dépassée"));
    let a = w
        .app
        .store
        .application(application.parse().unwrap())
        .await
        .unwrap()
        .unwrap();
    assert_eq!(a.status, "draft");
    // The store refuses it too, whatever the caller checked.
    let e = w
        .app
        .store
        .submit_application(a.id, "{}", utc_now())
        .await
        .unwrap_err();
    assert_eq!(e.to_string(), "funding-deadline-passed");
    // And a closed call takes no new application.
    let r = w
        .other
        .post_form(
            &format!("/appels/{call}/candidater"),
            &[
                ("structure", &w.garage.to_string()),
                ("initiative", &w.repair.to_string()),
            ],
        )
        .await;
    assert_eq!(r.status(), 422);
    assert!(r.text().await.unwrap().contains("date limite"));
}

async fn only_labelled_funders_open_calls_and_bad_calls_keep_values(backend: Backend) {
    let Some(w) = world(backend).await else {
        return;
    };
    // No funder label: the form says so; a post for a structure one does not run is refused.
    let r = w.holder.get("/appels/nouveau").await;
    assert_eq!(r.status(), 403);
    assert!(r.text().await.unwrap().contains("label « financeur »"));
    let r = post_pairs(&w.holder, "/appels", &prize_form(w.fondation, "Usurpation")).await;
    assert_eq!(r.status(), 422);
    let r = post_pairs(&w.holder, "/appels", &prize_form(w.jardins, "Sans label")).await;
    assert_eq!(r.status(), 422);
    assert!(w
        .app
        .store
        .calls_of_structure(w.fondation)
        .await
        .unwrap()
        .is_empty());
    assert!(w
        .app
        .store
        .calls_of_structure(w.jardins)
        .await
        .unwrap()
        .is_empty());

    // Bad values come back with messages and what was typed.
    let mut form = prize_form(w.fondation, "Prix mal rempli");
    for (k, v) in form.iter_mut() {
        match k.as_str() {
            "max_award" => *v = "40 000".into(),
            "budget" => *v = "trente mille".into(),
            "c0-scale" => *v = "500".into(),
            "territories" => *v = "nulle-part".into(),
            _ => {}
        }
    }
    let r = post_pairs(&w.funder, "/appels", &form).await;
    assert_eq!(r.status(), 422);
    let html = r.text().await.unwrap();
    for m in [
        "n’est pas lisible",
        "Le barème d’un critère",
        "pas une référence valide",
        "Prix mal rempli",
    ] {
        assert!(html.contains(m), "{m}: {html}");
    }
    assert!(w
        .app
        .store
        .calls_of_structure(w.fondation)
        .await
        .unwrap()
        .is_empty());

    // A published call takes safe edits only; closing earlier is refused.
    let call = open_prize(&w, "Prix publié").await;
    let (status, html) = w.funder.get_html(&format!("/appels/{call}/modifier")).await;
    assert_eq!(status, 200);
    crate::pages::assert_accessible_layout(&html, "modifier");
    let mut form = prize_form(w.fondation, "Titre changé");
    for (k, v) in form.iter_mut() {
        if k == "description" {
            *v = "Nouvelle description.".into();
        }
    }
    let r = post_pairs(&w.funder, &format!("/appels/{call}/modifier"), &form).await;
    assert_eq!(r.status(), 303);
    let c = w
        .app
        .store
        .call(call.parse().unwrap())
        .await
        .unwrap()
        .unwrap();
    assert_eq!(
        (c.title.as_str(), c.description.as_str()),
        ("Prix publié", "Nouvelle description.")
    );
    for (k, v) in form.iter_mut() {
        if k == "closes_at" {
            *v = utc_now().format("%Y-%m-%d").to_string();
        }
    }
    let r = post_pairs(&w.funder, &format!("/appels/{call}/modifier"), &form).await;
    assert_eq!(r.status(), 422);
    assert!(r.text().await.unwrap().contains("plus tôt qu’annoncé"));
    // Someone else cannot edit, publish or close it.
    assert_eq!(
        w.holder
            .get(&format!("/appels/{call}/modifier"))
            .await
            .status(),
        403
    );
    assert_eq!(
        w.holder
            .post_form(&format!("/appels/{call}/cloture"), &[])
            .await
            .status(),
        403
    );
    // The funder closes it: still public, no longer open.
    assert_eq!(
        w.funder
            .post_form(&format!("/appels/{call}/cloture"), &[])
            .await
            .status(),
        303
    );
    let (status, html) = w.holder.get_html(&format!("/appels/{call}")).await;
    assert_eq!(status, 200);
    assert!(!html.contains(&format!("/appels/{call}/candidater")));
}

async fn the_prize_results_the_initiative_badge_and_the_scdl_file(backend: Backend) {
    let Some(w) = world(backend).await else {
        return;
    };
    let call = open_prize(&w, "Prix de l'innovation sociale").await;
    let application = start(&w, &call).await;
    complete_and_submit(&w, &call, &application).await;
    let admin = person_id(&*w.app.store, "financeur@exemple.fr").await;
    // The review context decides and sends; before sending, nothing is public.
    w.app
        .store
        .record_decision(&essaim_store::review::NewDecision {
            application_id: application.parse().unwrap(),
            status: "granted".into(),
            amount_cents: Some(1_250_050),
            conditions: Some("Un bilan à un an.".into()),
            reason: None,
            by: admin,
            at: utc_now(),
        })
        .await
        .unwrap();
    let (status, html) = w.app.get_html(&format!("/appels/{call}/palmares")).await;
    assert_eq!(status, 200);
    assert!(!html.contains("Jardins partagés du Bourg"), "not sent yet");
    let (_, html) = w
        .holder
        .get_html(&format!("/candidatures/{application}"))
        .await;
    assert!(
        html.contains("Déposée") && !html.contains("Retenue"),
        "the decision is not shown before it is sent"
    );
    let csv = w
        .app
        .get("/data/subventions.csv")
        .await
        .text()
        .await
        .unwrap();
    assert_eq!(csv.lines().count(), 1, "header only: {csv}");

    w.app
        .store
        .send_decisions(call.parse().unwrap(), utc_now())
        .await
        .unwrap();
    let (status, html) = w.app.get_html(&format!("/appels/{call}/palmares")).await;
    assert_eq!(status, 200);
    crate::pages::assert_accessible_layout(&html, "palmares");
    assert!(
        html.contains("Jardins partagés du Bourg") && html.contains("12\u{202f}500,50"),
        "{html}"
    );
    let (_, html) = w.app.get_html(&format!("/initiatives/{}", w.garden)).await;
    assert!(
        html.contains("Lauréat : Prix de l'innovation sociale")
            || html.contains("Lauréat : Prix de l&#x27;innovation sociale"),
        "{html}"
    );
    let (_, html) = w.app.get_html(&format!("/appels/{call}")).await;
    assert!(html.contains(&format!("/appels/{call}/palmares")));

    // The SCDL file lists the award and validates against its own schema.
    let r = w.app.get("/data/subventions.csv").await;
    assert_eq!(r.status(), 200);
    let csv = r.text().await.unwrap();
    let schema: Value = w
        .app
        .get("/schemas/subventions.json")
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(
        essaim_domain::opendata::validate::validate_csv(&schema, &csv),
        Vec::<String>::new()
    );
    let mut lines = csv.lines();
    assert!(lines.next().unwrap().starts_with("nomAttribuant,idAttribuant,dateConvention,referenceDecision,nomBeneficiaire,idBeneficiaire"));
    let row = lines.next().expect("one award");
    assert!(
        row.contains("21290019700014")
            && row.contains("35600000000001")
            && row.contains("12500.50")
            && row.contains("aide en numéraire"),
        "{row}"
    );
    assert!(lines.next().is_none());
    // A call that does not publish its awards, or a beneficiary without SIRET, is left out.
    assert!(!csv.contains("Garage Solidaire"));
}

async fn the_api_opens_calls_and_takes_applications(backend: Backend) {
    let Some(w) = world(backend).await else {
        return;
    };
    let (funder, holder, other) = (
        w.funder.api_token().await,
        w.holder.api_token().await,
        w.other.api_token().await,
    );
    let api = |token: &str, method: reqwest::Method, path: &str| {
        w.app
            .client
            .request(method, w.app.at(&format!("/api/v1{path}")))
            .bearer_auth(token.to_owned())
    };
    let opens = utc_now() - chrono::Duration::days(1);
    let closes = utc_now() + chrono::Duration::days(20);
    let body = json!({
        "structure_id": w.fondation, "kind": "fund", "title": "Fonds d'amorçage",
        "description": "Pour **démarrer**.", "budget_cents": 5_000_000, "max_award_cents": 1_000_000,
        "opens_at": opens, "closes_at": closes,
        "eligibility": {"structure_kinds": ["association"]},
        "criteria": [{"name": "Impact", "weight": 3, "scale_max": 4}],
        "questions": [{"label": "Calendrier", "kind": "text", "required": true}]
    });
    // Not a funder: 422 with the field; bad values: 422 with codes.
    let r = api(&holder, reqwest::Method::POST, "/calls")
        .json(&body)
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 422);
    let e: Value = r.json().await.unwrap();
    assert_eq!(e["fields"][0]["code"], "funding-not-funder", "{e}");
    let mut bad = body.clone();
    bad["max_award_cents"] = json!(9_000_000);
    let r = api(&funder, reqwest::Method::POST, "/calls")
        .json(&bad)
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 422);
    let r = api(&funder, reqwest::Method::POST, "/calls")
        .json(&body)
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 201);
    let call: Value = r.json().await.unwrap();
    let id = call["id"].as_str().unwrap().to_owned();
    assert_eq!(call["status"], "draft");
    assert_eq!(call["criteria"][0]["scale_max"], 4);
    // Drafts are the funder's.
    assert_eq!(
        w.app.get(&format!("/api/v1/calls/{id}")).await.status(),
        404
    );
    let r = api(
        &funder,
        reqwest::Method::POST,
        &format!("/calls/{id}/publish"),
    )
    .send()
    .await
    .unwrap();
    assert_eq!(r.status(), 200);
    let listed: Value = w
        .app
        .get("/api/v1/calls?open=true&kind=fund")
        .await
        .json()
        .await
        .unwrap();
    assert!(listed["items"]
        .as_array()
        .unwrap()
        .iter()
        .any(|c| c["id"] == id.as_str()));
    let one: Value = w
        .app
        .get(&format!("/api/v1/calls/{id}"))
        .await
        .json()
        .await
        .unwrap();
    let question = one["questions"][0]["id"].as_str().unwrap().to_owned();

    // The holder applies; the entreprise cannot.
    let r = api(&other, reqwest::Method::POST, "/applications")
        .json(&json!({"call_id": id, "structure_id": w.garage, "initiative_id": w.repair}))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 422);
    let e: Value = r.json().await.unwrap();
    assert_eq!(e["fields"][0]["code"], "funding-ineligible-structure-kind");
    let r = api(&holder, reqwest::Method::POST, "/applications")
        .json(&json!({"call_id": id, "structure_id": w.jardins, "initiative_id": w.garden}))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 201);
    let a: Value = r.json().await.unwrap();
    let aid = a["id"].as_str().unwrap().to_owned();
    assert_eq!(a["status"], "draft");
    let r = api(
        &holder,
        reqwest::Method::POST,
        &format!("/applications/{aid}/submit"),
    )
    .send()
    .await
    .unwrap();
    assert_eq!(r.status(), 422, "the required answer is missing");
    let r = api(
        &holder,
        reqwest::Method::PUT,
        &format!("/applications/{aid}/answers"),
    )
    .json(&json!({"answers": [{"question_id": question, "value": "Six mois."}]}))
    .send()
    .await
    .unwrap();
    assert_eq!(r.status(), 200);
    let r = api(
        &holder,
        reqwest::Method::POST,
        &format!("/applications/{aid}/documents?name=plan.pdf"),
    )
    .header("content-type", "image/gif")
    .body(b"GIF89a".to_vec())
    .send()
    .await
    .unwrap();
    assert_eq!(r.status(), 415);
    let r = api(
        &holder,
        reqwest::Method::POST,
        &format!("/applications/{aid}/documents?name=plan.pdf"),
    )
    .header("content-type", "application/pdf")
    .body(b"GIF89a".to_vec())
    .send()
    .await
    .unwrap();
    assert_eq!(r.status(), 422);
    let e: Value = r.json().await.unwrap();
    assert_eq!(e["fields"][0]["code"], "funding-document-not-pdf");
    let r = api(
        &holder,
        reqwest::Method::POST,
        &format!("/applications/{aid}/documents?name=plan.pdf"),
    )
    .header("content-type", "application/pdf")
    .body(PDF.to_vec())
    .send()
    .await
    .unwrap();
    assert_eq!(r.status(), 201);
    let doc: Value = r.json().await.unwrap();
    let r = api(
        &holder,
        reqwest::Method::POST,
        &format!("/applications/{aid}/submit"),
    )
    .send()
    .await
    .unwrap();
    assert_eq!(r.status(), 200);
    let a: Value = r.json().await.unwrap();
    assert_eq!(a["status"], "submitted");
    assert_eq!(
        a["snapshot"]["content"]["title"],
        "Jardins partagés du Bourg"
    );
    // Another applicant reads nothing of it; the funder reads it and its document.
    let r = api(
        &other,
        reqwest::Method::GET,
        &format!("/applications/{aid}"),
    )
    .send()
    .await
    .unwrap();
    assert_eq!(r.status(), 404);
    let r = api(
        &other,
        reqwest::Method::GET,
        &format!(
            "/applications/{aid}/documents/{}",
            doc["id"].as_str().unwrap()
        ),
    )
    .send()
    .await
    .unwrap();
    assert_eq!(r.status(), 404);
    let r = api(
        &funder,
        reqwest::Method::GET,
        &format!(
            "/applications/{aid}/documents/{}",
            doc["id"].as_str().unwrap()
        ),
    )
    .send()
    .await
    .unwrap();
    assert_eq!(r.status(), 200);
    assert_eq!(r.bytes().await.unwrap().as_ref(), PDF);
    let r = api(
        &holder,
        reqwest::Method::POST,
        &format!("/applications/{aid}/withdraw"),
    )
    .send()
    .await
    .unwrap();
    assert_eq!(r.status(), 200);
    let r = api(
        &holder,
        reqwest::Method::POST,
        &format!("/applications/{aid}/withdraw"),
    )
    .send()
    .await
    .unwrap();
    assert_eq!(r.status(), 409);
    let e: Value = r.json().await.unwrap();
    assert_eq!(e["code"], "funding-cannot-withdraw");
    // Every endpoint is in the OpenAPI document.
    let doc: Value = w
        .app
        .get("/api/v1/openapi.json")
        .await
        .json()
        .await
        .unwrap();
    for path in [
        "/api/v1/calls",
        "/api/v1/calls/{id}",
        "/api/v1/calls/{id}/publish",
        "/api/v1/applications",
        "/api/v1/applications/{id}",
        "/api/v1/applications/{id}/answers",
        "/api/v1/applications/{id}/documents",
        "/api/v1/applications/{id}/documents/{doc}",
        "/api/v1/applications/{id}/submit",
        "/api/v1/applications/{id}/withdraw",
    ] {
        assert!(doc["paths"][path].is_object(), "{path} documented");
    }
}

/// Thirty uploads an hour per person, counted before the documents' own limits: the
/// application's cap (20) refuses the 21st to the 30th (409), the throttle the 31st (429).
async fn uploads_are_throttled_per_person(backend: Backend) {
    let Some(w) = world(backend).await else {
        return;
    };
    let call = open_prize(&w, "Prix des petites pièces").await;
    let application = start(&w, &call).await;
    let cap = essaim_store::funding::MAX_DOCUMENTS as usize;
    let limit = essaim_web::funding::UPLOADS_PER_PERSON.max as usize;
    assert!(cap < limit, "the cap refuses before the throttle");
    for i in 0..limit {
        let r = upload(
            &w.holder,
            &application,
            "",
            &format!("p{i}.pdf"),
            PDF.to_vec(),
        )
        .await;
        if i < cap {
            assert_eq!(r.status(), 303, "upload {i} stored");
        } else {
            assert_eq!(r.status(), 409, "upload {i} over the cap");
            assert!(r
                .text()
                .await
                .unwrap()
                .contains("limite des pièces jointes"));
        }
    }
    let r = upload(&w.holder, &application, "", "one-more.pdf", PDF.to_vec()).await;
    assert_eq!(r.status(), 429);
    assert!(r.headers().contains_key("retry-after"));
    assert!(r.text().await.unwrap().contains("Trop de tentatives"));
    // The API counts with the pages.
    let token = w.holder.api_token().await;
    let r = w
        .app
        .client
        .post(w.app.at(&format!(
            "/api/v1/applications/{application}/documents?name=api.pdf"
        )))
        .bearer_auth(token)
        .header("content-type", "application/pdf")
        .body(PDF.to_vec())
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 429);
    let stored = w
        .app
        .store
        .documents(application.parse().unwrap())
        .await
        .unwrap();
    assert_eq!(stored.len(), cap);
    assert!(stored.iter().all(|d| d.name != "one-more.pdf"));
}
