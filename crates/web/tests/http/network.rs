//! The network (*réseau*): signing, withdrawing and removal from the banner; applying for a
//! label, the committee's review and decisions, badges and `holds_label`; accompaniment
//! proposed by a labelled support structure, accepted by the initiative's team, its private
//! follow-up log and its public summary; the same through the API; and every refusal.

use crate::common::{location, Backend, TestApp};
use chrono::Duration;
use essaim_domain::network::{LabelKind, LabelStatus};
use essaim_domain::person::PlatformRole;
use essaim_store::network::LabelDecision;
use essaim_store::utc_now;
use serde_json::{json, Value};
use uuid::Uuid;

crate::on_both_backends!(
    the_banner_is_signed_shown_withdrawn_and_removed_with_a_public_reason,
    a_label_is_reviewed_granted_renewed_and_revoked_by_the_committee_only,
    an_expired_or_revoked_label_no_longer_counts,
    an_accompaniment_is_accepted_logged_and_summarised_for_its_two_sides_only,
    the_api_signs_applies_decides_and_keeps_the_log_private,
    open_data_lists_valid_labels_and_signatories_with_their_schemas,
    an_admin_gives_the_committee_role_which_opens_the_queue,
    a_proposal_ended_before_acceptance_is_declined_never_public,
    a_label_counts_through_its_expiry_day_in_paris,
    a_committee_member_does_not_decide_on_their_own_structure,
    the_api_hides_revoked_labels_and_their_reasons_as_the_page_does,
    review_comments_are_audited_and_an_expired_label_can_be_applied_for_again,
    a_stale_consent_does_not_republish_and_members_do_not_consent_for_the_structure,
);

const GOOD: &str = "Nous servons l’intérêt général de tout le pays de Brest.";

async fn html(r: reqwest::Response) -> (u16, String) {
    (r.status().as_u16(), r.text().await.unwrap())
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
    assert_eq!(r.status(), 303, "structure created");
    location(&r).trim_start_matches("/structures/").to_owned()
}

async fn create_initiative(app: &TestApp, title: &str, structure: &str) -> String {
    let r = app
        .post_form(
            "/initiatives",
            &[
                ("title", title),
                ("summary", "Des ruches tenues ensemble."),
                ("description", "Une histoire de voisins et d'abeilles."),
                ("challenges", "alimentation"),
                ("territories", "Brest"),
                ("stage", "experimentation"),
                ("structure", structure),
                ("message", "Création"),
                ("action", "publish"),
            ],
        )
        .await;
    assert_eq!(r.status(), 303, "initiative created");
    location(&r).trim_start_matches("/initiatives/").to_owned()
}

async fn person_id(app: &TestApp, email: &str) -> Uuid {
    app.store.person_by_email(email).await.unwrap().unwrap().id
}

/// A browser signed in as a new person given `roles`.
async fn someone(app: &TestApp, email: &str, name: &str, roles: &[PlatformRole]) -> TestApp {
    let b = app.other_browser();
    b.sign_up_and_in(email, name).await;
    if !roles.is_empty() {
        let id = person_id(app, email).await;
        app.store.set_roles(id, roles).await.unwrap();
    }
    b
}

fn answers<'a>(a: &'a str, b: &'a str, c: &'a str) -> Vec<(&'a str, &'a str)> {
    vec![("general_interest", a), ("governance", b), ("openness", c)]
}

/// The manager of an incubator: (app, structure id).
async fn incubator(backend: Backend) -> Option<(TestApp, String)> {
    let app = TestApp::spawn(backend).await?;
    app.sign_up_and_in("nolwenn@exemple.fr", "Nolwenn Incubatrice")
        .await;
    let s = create_structure(&app, "Incubateur du Ponant").await;
    Some((app, s))
}

/// Applies for a label of `kind` through the form; returns the label's id.
async fn apply(app: &TestApp, structure: &str, kind: &str) -> String {
    let r = app
        .post_form(
            &format!("/structures/{structure}/labels"),
            &[
                ("kind", kind),
                (
                    "motivation",
                    "Nous accompagnons des projets depuis dix ans.",
                ),
            ],
        )
        .await;
    assert_eq!(r.status(), 303, "application sent");
    location(&r)
        .trim_start_matches("/reseau/labels/")
        .to_owned()
}

fn in_a_year() -> String {
    (utc_now().date_naive() + Duration::days(365))
        .format("%Y-%m-%d")
        .to_string()
}

async fn the_banner_is_signed_shown_withdrawn_and_removed_with_a_public_reason(backend: Backend) {
    let Some((app, s)) = incubator(backend).await else {
        return;
    };
    let path = format!("/structures/{s}/banniere");
    // Too short an answer: the page again, 422, every answer kept, the message by its field.
    let (status, body) = html(
        app.post_form(
            &path,
            &answers(GOOD, "Trop court", "<b>ouvert</b> sur le monde entier"),
        )
        .await,
    )
    .await;
    assert_eq!(status, 422);
    assert!(
        body.contains("Répondez en au moins 20 caractères."),
        "{body}"
    );
    assert!(body.contains("Nous servons l’intérêt général"), "{body}");
    assert!(
        body.contains("&lt;b&gt;ouvert&lt;&#x2f;b&gt;")
            || body.contains("&lt;b&gt;ouvert&lt;/b&gt;")
    );
    assert_eq!(app.store.banner(s.parse().unwrap()).await.unwrap(), None);

    // Markdown is rendered, HTML is not.
    let hostile = "Ouvert : **code libre** <script>alert(1)</script> et données.";
    let r = app
        .post_form(
            &path,
            &answers(GOOD, "Une gouvernance partagée entre tous.", hostile),
        )
        .await;
    assert_eq!(r.status(), 303);
    let (_, page) = app.get_html(&format!("/structures/{s}/reseau")).await;
    assert!(page.contains("<strong>code libre</strong>"));
    assert!(!page.contains("<script>alert"));
    let (_, structure_page) = app.get_html(&format!("/structures/{s}")).await;
    assert!(structure_page.contains("Signataire de la bannière"));
    let (_, overview) = app.get_html("/reseau").await;
    assert!(overview.contains("Incubateur du Ponant"));

    // Another signed-in person may not sign for the structure, nor remove it.
    let outsider = someone(&app, "yann@exemple.fr", "Yann", &[]).await;
    let r = outsider.post_form(&path, &answers(GOOD, GOOD, GOOD)).await;
    assert_eq!(r.status(), 403);
    let r = outsider
        .post_form(&format!("{path}/exclusion"), &[("reason", "Je n'aime pas")])
        .await;
    assert_eq!(r.status(), 403);
    let r = outsider.post_form(&format!("{path}/retrait"), &[]).await;
    assert_eq!(r.status(), 403);

    // Withdraw, then sign again.
    assert_eq!(
        app.post_form(&format!("{path}/retrait"), &[])
            .await
            .status(),
        303
    );
    assert_eq!(
        app.post_form(&format!("{path}/retrait"), &[])
            .await
            .status(),
        409
    );
    assert_eq!(
        app.post_form(&path, &answers(GOOD, GOOD, GOOD))
            .await
            .status(),
        303
    );

    // An admin removes it, with a public reason; it cannot sign again.
    let admin = someone(&app, "admin@exemple.fr", "Admin", &[PlatformRole::Admin]).await;
    let (status, body) = html(
        admin
            .post_form(&format!("{path}/exclusion"), &[("reason", "")])
            .await,
    )
    .await;
    assert_eq!(status, 422);
    assert!(body.contains("Écrivez un motif d’au moins 5 caractères."));
    let r = admin
        .post_form(
            &format!("{path}/exclusion"),
            &[("reason", "Activité lucrative sans partage")],
        )
        .await;
    assert_eq!(r.status(), 303);
    let (_, overview) = app.get_html("/reseau").await;
    assert!(overview.contains("Activité lucrative sans partage"));
    let (status, body) = html(app.post_form(&path, &answers(GOOD, GOOD, GOOD)).await).await;
    assert_eq!(status, 409);
    assert!(body.contains("ne peut pas la signer de nouveau"), "{body}");
    let audit = app.store.list_audit(None, 100).await.unwrap();
    assert!(audit.iter().any(|e| e.action == "network_banner_removed"));
}

async fn a_label_is_reviewed_granted_renewed_and_revoked_by_the_committee_only(backend: Backend) {
    let Some((app, s)) = incubator(backend).await else {
        return;
    };
    // Bad input: 422, the motivation kept.
    let (status, body) = html(
        app.post_form(
            &format!("/structures/{s}/labels"),
            &[("kind", "king"), ("motivation", "Dix ans d'accompagnement")],
        )
        .await,
    )
    .await;
    assert_eq!(status, 422);
    assert!(body.contains("Choisissez un type dans la liste."));
    assert!(
        body.contains("Dix ans d&#x27;accompagnement") || body.contains("Dix ans d'accompagnement")
    );
    let label = apply(&app, &s, "support").await;
    let r = app
        .post_form(
            &format!("/structures/{s}/labels"),
            &[("kind", "support"), ("motivation", "Une seconde fois")],
        )
        .await;
    assert_eq!(r.status(), 409, "one open application per kind");

    // The applicant reads its application, but decides nothing; an outsider reads nothing.
    let (status, page) = app.get_html(&format!("/reseau/labels/{label}")).await;
    assert_eq!(status, 200);
    assert!(page.contains("Nous accompagnons des projets depuis dix ans."));
    let decision = format!("/reseau/labels/{label}/decision");
    let grant = [
        ("decision", "grant"),
        ("expires_on", &in_a_year()[..]),
        ("reason", ""),
    ];
    assert_eq!(app.post_form(&decision, &grant).await.status(), 403);
    assert_eq!(app.get("/reseau/labels").await.status(), 403);
    let outsider = someone(&app, "yann@exemple.fr", "Yann", &[]).await;
    assert_eq!(
        outsider
            .get(&format!("/reseau/labels/{label}"))
            .await
            .status(),
        403
    );
    assert_eq!(outsider.post_form(&decision, &grant).await.status(), 403);
    let r = outsider
        .post_form(
            &format!("/reseau/labels/{label}/commentaires"),
            &[("body", "Coucou")],
        )
        .await;
    assert_eq!(r.status(), 403);
    assert_eq!(
        outsider
            .get(&format!("/reseau/labels/{}", Uuid::now_v7()))
            .await
            .status(),
        404
    );

    // The committee: a question, a refused expiry, then the grant.
    let committee = someone(
        &app,
        "gaelle@exemple.fr",
        "Gaëlle Comité",
        &[PlatformRole::LabelCommittee],
    )
    .await;
    let (status, queue) = committee.get_html("/reseau/labels").await;
    assert_eq!(status, 200);
    assert!(queue.contains("Incubateur du Ponant"));
    let r = committee
        .post_form(
            &format!("/reseau/labels/{label}/commentaires"),
            &[("body", "Combien de projets **par an** ?")],
        )
        .await;
    assert_eq!(r.status(), 303);
    let (_, page) = app.get_html(&format!("/reseau/labels/{label}")).await;
    assert!(
        page.contains("<strong>par an</strong>"),
        "the applicant reads the question"
    );
    let (status, body) = html(
        committee
            .post_form(
                &decision,
                &[("decision", "grant"), ("expires_on", "2001-01-01")],
            )
            .await,
    )
    .await;
    assert_eq!(status, 422);
    assert!(body.contains("L’échéance doit être postérieure à aujourd’hui."));
    assert_eq!(committee.post_form(&decision, &grant).await.status(), 303);
    let mail = app
        .outbox()
        .await
        .into_iter()
        .find(|m| m.to_address == "nolwenn@exemple.fr" && m.subject.contains("accordé"))
        .expect("the applicant is told of the decision");
    assert!(mail.body.contains(&format!("/reseau/labels/{label}")));
    assert_eq!(
        committee.post_form(&decision, &grant).await.status(),
        409,
        "decided once"
    );
    let (_, structure_page) = outsider.get_html(&format!("/structures/{s}")).await;
    assert!(structure_page.contains("Structure d’accompagnement labellisée"));
    let sid: Uuid = s.parse().unwrap();
    assert!(essaim_web::network::holds_label(
        app.store.as_ref(),
        sid,
        LabelKind::Support,
        utc_now()
    )
    .await
    .unwrap());
    assert!(!essaim_web::network::holds_label(
        app.store.as_ref(),
        sid,
        LabelKind::Funder,
        utc_now()
    )
    .await
    .unwrap());
    let nolwenn = person_id(&app, "nolwenn@exemple.fr").await;
    let yann = person_id(&app, "yann@exemple.fr").await;
    assert!(essaim_web::network::person_holds_label(
        app.store.as_ref(),
        nolwenn,
        LabelKind::Support,
        utc_now()
    )
    .await
    .unwrap());
    assert!(!essaim_web::network::person_holds_label(
        app.store.as_ref(),
        yann,
        LabelKind::Support,
        utc_now()
    )
    .await
    .unwrap());

    // Renewal and revocation, the second with a reason.
    let later = (utc_now().date_naive() + Duration::days(700))
        .format("%Y-%m-%d")
        .to_string();
    let r = committee
        .post_form(
            &format!("/reseau/labels/{label}/renouvellement"),
            &[("expires_on", &later)],
        )
        .await;
    assert_eq!(r.status(), 303);
    let (status, _) = html(
        committee
            .post_form(
                &format!("/reseau/labels/{label}/revocation"),
                &[("reason", "")],
            )
            .await,
    )
    .await;
    assert_eq!(status, 422);
    let r = committee
        .post_form(
            &format!("/reseau/labels/{label}/revocation"),
            &[("reason", "Plus aucune activité d'accompagnement")],
        )
        .await;
    assert_eq!(r.status(), 303);
    assert!(!essaim_web::network::holds_label(
        app.store.as_ref(),
        sid,
        LabelKind::Support,
        utc_now()
    )
    .await
    .unwrap());
    let audit: Vec<String> = app
        .store
        .list_audit(None, 100)
        .await
        .unwrap()
        .into_iter()
        .map(|e| e.action)
        .collect();
    for action in [
        "network_label_applied",
        "network_label_granted",
        "network_label_renewed",
        "network_label_revoked",
    ] {
        assert!(
            audit.iter().any(|a| a == action),
            "{action} in the audit log"
        );
    }
}

async fn an_expired_or_revoked_label_no_longer_counts(backend: Backend) {
    let Some((app, s)) = incubator(backend).await else {
        return;
    };
    let label: Uuid = apply(&app, &s, "evaluator").await.parse().unwrap();
    let committee = person_id(&app, "nolwenn@exemple.fr").await;
    let yesterday = utc_now().date_naive() - Duration::days(1);
    app.store
        .decide_label(
            label,
            &LabelDecision {
                from: LabelStatus::Pending,
                to: LabelStatus::Granted,
                by: committee,
                at: utc_now(),
                reason: None,
                expires_on: Some(yesterday),
            },
        )
        .await
        .unwrap();
    let sid: Uuid = s.parse().unwrap();
    assert!(!essaim_web::network::holds_label(
        app.store.as_ref(),
        sid,
        LabelKind::Evaluator,
        utc_now()
    )
    .await
    .unwrap());
    assert!(essaim_web::network::holds_label(
        app.store.as_ref(),
        sid,
        LabelKind::Evaluator,
        utc_now() - Duration::days(2)
    )
    .await
    .unwrap());
    let (_, page) = app.get_html(&format!("/structures/{s}/reseau")).await;
    assert!(page.contains("expiré"));
    let (_, structure_page) = app.get_html(&format!("/structures/{s}")).await;
    assert!(
        !structure_page.contains("Évaluateur labellisé"),
        "no badge once expired"
    );
}

/// An incubator with a valid support label, and a holder with a published initiative.
async fn labelled_incubator_and_initiative(
    backend: Backend,
) -> Option<(TestApp, String, TestApp, String)> {
    let (app, s) = incubator(backend).await?;
    let label = apply(&app, &s, "support").await;
    let committee = someone(
        &app,
        "gaelle@exemple.fr",
        "Gaëlle",
        &[PlatformRole::LabelCommittee],
    )
    .await;
    let r = committee
        .post_form(
            &format!("/reseau/labels/{label}/decision"),
            &[("decision", "grant"), ("expires_on", &in_a_year())],
        )
        .await;
    assert_eq!(r.status(), 303);
    let holder = someone(&app, "erwan@exemple.fr", "Erwan Porteur", &[]).await;
    let carrier = create_structure(&holder, "Ruches de Recouvrance").await;
    let initiative = create_initiative(&holder, "Ruches partagées", &carrier).await;
    Some((app, s, holder, initiative))
}

async fn an_accompaniment_is_accepted_logged_and_summarised_for_its_two_sides_only(
    backend: Backend,
) {
    let Some((app, s, holder, initiative)) = labelled_incubator_and_initiative(backend).await
    else {
        return;
    };
    let propose = format!("/structures/{s}/accompagnements");
    // A structure without the label cannot propose.
    let other = create_structure(&app, "Association sans label").await;
    let r = app
        .post_form(
            &format!("/structures/{other}/accompagnements"),
            &[("initiative", &initiative[..]), ("message", "")],
        )
        .await;
    assert_eq!(r.status(), 409);
    // An address that names nothing: 422, kept.
    let (status, body) = html(
        app.post_form(
            &propose,
            &[("initiative", "ruches"), ("message", "Six mois")],
        )
        .await,
    )
    .await;
    assert_eq!(status, 422);
    assert!(body.contains("Aucune initiative publiée ne correspond à cette adresse."));
    let r = app
        .post_form(
            &propose,
            &[
                (
                    "initiative",
                    &format!("http://localhost/initiatives/{initiative}")[..],
                ),
                ("message", "Six mois d'accompagnement **gratuit**."),
            ],
        )
        .await;
    assert_eq!(r.status(), 303);
    let page = location(&r);
    let id = page
        .trim_start_matches("/reseau/accompagnements/")
        .to_owned();
    assert!(
        app.outbox()
            .await
            .iter()
            .any(|m| m.to_address == "erwan@exemple.fr" && m.body.contains(&page)),
        "the initiative's team is told of the offer"
    );

    // Neither the public nor a stranger reads the follow-up.
    let outsider = someone(&app, "yann@exemple.fr", "Yann", &[]).await;
    assert_eq!(outsider.get(&page).await.status(), 403);
    assert_eq!(
        outsider
            .post_form(
                &format!("{page}/journal"),
                &[("kind", "meeting"), ("date", "2026-01-01"), ("body", "x")]
            )
            .await
            .status(),
        403
    );
    assert_eq!(
        outsider
            .post_form(&format!("{page}/reponse"), &[("answer", "accept")])
            .await
            .status(),
        403
    );
    // The structure's side cannot accept on the initiative's behalf.
    assert_eq!(
        app.post_form(&format!("{page}/reponse"), &[("answer", "accept")])
            .await
            .status(),
        403
    );
    // Nor can anyone write in the log before it is accepted.
    let today = utc_now().date_naive().format("%Y-%m-%d").to_string();
    let entry = [
        ("kind", "meeting"),
        ("date", &today[..]),
        ("body", "Premier rendez-vous au local."),
    ];
    assert_eq!(
        app.post_form(&format!("{page}/journal"), &entry)
            .await
            .status(),
        409
    );

    let (status, body) = holder.get_html(&page).await;
    assert_eq!(status, 200);
    assert!(body.contains("<strong>gratuit</strong>"));
    assert_eq!(
        holder
            .post_form(&format!("{page}/reponse"), &[("answer", "accept")])
            .await
            .status(),
        303
    );

    assert!(
        app.outbox()
            .await
            .iter()
            .any(|m| m.to_address == "nolwenn@exemple.fr" && m.subject.contains("en cours")),
        "the structure hears the answer"
    );
    // The log: bad input kept, then entries from both sides.
    let (status, body) = html(
        app.post_form(
            &format!("{page}/journal"),
            &[
                ("kind", "party"),
                ("date", "demain"),
                ("body", "Un texte gardé"),
            ],
        )
        .await,
    )
    .await;
    assert_eq!(status, 422);
    assert!(body.contains("Saisissez une date au format AAAA-MM-JJ."));
    assert!(body.contains("Un texte gardé"));
    assert_eq!(
        app.post_form(&format!("{page}/journal"), &entry)
            .await
            .status(),
        303
    );
    let next = [
        ("kind", "next_step"),
        ("date", &today[..]),
        ("body", "Trouver un second rucher."),
    ];
    assert_eq!(
        holder
            .post_form(&format!("{page}/journal"), &next)
            .await
            .status(),
        303
    );
    let (_, body) = app.get_html(&page).await;
    assert!(
        body.contains("Premier rendez-vous au local.")
            && body.contains("Trouver un second rucher.")
    );

    // Every page type has the site's accessible layout (one h1, landmarks, labels).
    let label_id = app.store.labels_of(s.parse().unwrap()).await.unwrap()[0].id;
    let committee = someone(
        &app,
        "anna@exemple.fr",
        "Anna",
        &[PlatformRole::LabelCommittee],
    )
    .await;
    for (who, path) in [
        (&app, page.clone()),
        (&holder, page.clone()),
        (&app, format!("/structures/{s}/reseau")),
        (&outsider, format!("/structures/{s}/reseau")),
        (&outsider, "/reseau".to_owned()),
        (&outsider, format!("/structures/{s}")),
        (&committee, "/reseau/labels".to_owned()),
        (&committee, format!("/reseau/labels/{label_id}")),
        (&app, format!("/reseau/labels/{label_id}")),
    ] {
        let (status, html) = who.get_html(&path).await;
        assert_eq!(status, 200, "{path}");
        crate::pages::assert_accessible_layout(&html, &path);
    }
    let (_, errors_page) = html(
        app.post_form(
            &format!("{page}/journal"),
            &[("kind", ""), ("date", ""), ("body", "")],
        )
        .await,
    )
    .await;
    crate::pages::assert_accessible_layout(&errors_page, "accompaniment log with errors");
    let (_, errors_page) = html(
        app.post_form(&format!("/structures/{s}/banniere"), &[])
            .await,
    )
    .await;
    crate::pages::assert_accessible_layout(&errors_page, "banner form with errors");

    // The public summary: on the initiative's page only once both sides agreed.
    let summary = "Un an d'accompagnement vers **l'essaimage**.";
    assert_eq!(publish(&app, &page, summary, true).await, 303);
    let (_, public) = outsider
        .get_html(&format!("/initiatives/{initiative}"))
        .await;
    assert!(
        public.contains("Incubateur du Ponant"),
        "the accompaniment is public"
    );
    assert!(
        !public.contains("essaimage</strong>"),
        "not the summary yet"
    );
    assert_eq!(publish(&holder, &page, summary, true).await, 303);
    let (_, public) = outsider
        .get_html(&format!("/initiatives/{initiative}"))
        .await;
    assert!(
        public.contains("<strong>l&#x27;essaimage</strong>")
            || public.contains("<strong>l'essaimage</strong>"),
        "{public}"
    );
    // Changing the text withdraws the other side's agreement.
    assert_eq!(publish(&holder, &page, "Autre texte", true).await, 303);
    let (_, public) = outsider
        .get_html(&format!("/initiatives/{initiative}"))
        .await;
    assert!(!public.contains("Autre texte"));

    // The structure lists it; either side ends it.
    let (_, list) = outsider.get_html(&format!("/structures/{s}/reseau")).await;
    assert!(list.contains("Ruches partagées"));
    // Put back to draft, the initiative is no longer named by its accompaniment.
    let iid: Uuid = initiative.parse().unwrap();
    app.store
        .set_initiative_status(iid, essaim_domain::initiative::Status::Draft, utc_now())
        .await
        .unwrap();
    let (_, list) = outsider.get_html(&format!("/structures/{s}/reseau")).await;
    assert!(!list.contains("Ruches partagées"));
    let network: Value = outsider
        .get(&format!("/api/v1/structures/{s}/network"))
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(network["accompaniments"].as_array().unwrap().len(), 0);
    app.store
        .set_initiative_status(iid, essaim_domain::initiative::Status::Published, utc_now())
        .await
        .unwrap();
    assert_eq!(
        holder.post_form(&format!("{page}/fin"), &[]).await.status(),
        303
    );
    assert_eq!(
        app.post_form(&format!("{page}/fin"), &[]).await.status(),
        409
    );
    let _ = id;
}

async fn api(
    app: &TestApp,
    token: &str,
    method: reqwest::Method,
    path: &str,
    body: Option<Value>,
) -> (u16, Value) {
    let mut req = app.client.request(method, app.at(path)).bearer_auth(token);
    if let Some(b) = body {
        req = req.json(&b);
    }
    let r = req.send().await.unwrap();
    let status = r.status().as_u16();
    let text = r.text().await.unwrap();
    (status, serde_json::from_str(&text).unwrap_or(Value::Null))
}

async fn the_api_signs_applies_decides_and_keeps_the_log_private(backend: Backend) {
    let Some((app, s, holder, initiative)) = labelled_incubator_and_initiative(backend).await
    else {
        return;
    };
    use reqwest::Method;
    let token = app.api_token().await;
    let (status, body) = api(
        &app,
        &token,
        Method::POST,
        &format!("/api/v1/structures/{s}/banner"),
        Some(json!({"general_interest": GOOD, "governance": "court", "openness": GOOD})),
    )
    .await;
    assert_eq!(status, 422);
    assert_eq!(body["code"], "invalid_input");
    let (status, body) = api(
        &app,
        &token,
        Method::POST,
        &format!("/api/v1/structures/{s}/banner"),
        Some(json!({"general_interest": GOOD, "governance": GOOD, "openness": GOOD})),
    )
    .await;
    assert_eq!(status, 200, "{body}");
    let (status, body) = api(
        &app,
        &token,
        Method::POST,
        &format!("/api/v1/structures/{s}/labels"),
        Some(json!({"kind": "funder", "motivation": "Nous finançons l'amorçage."})),
    )
    .await;
    assert_eq!(status, 201, "{body}");
    let label = body["id"].as_str().unwrap().to_owned();
    // The applicant cannot decide, nor list the queue.
    let (status, _) = api(
        &app,
        &token,
        Method::POST,
        &format!("/api/v1/labels/{label}/decision"),
        Some(json!({"decision": "grant", "expires_on": in_a_year()})),
    )
    .await;
    assert_eq!(status, 403);
    assert_eq!(
        api(&app, &token, Method::GET, "/api/v1/labels", None)
            .await
            .0,
        403
    );
    let r = app
        .client
        .get(app.at("/api/v1/labels"))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 401);

    let committee = someone(
        &app,
        "anna@exemple.fr",
        "Anna",
        &[PlatformRole::LabelCommittee],
    )
    .await;
    let ctoken = committee.api_token().await;
    let (status, body) = api(
        &committee,
        &ctoken,
        Method::GET,
        "/api/v1/labels?status=pending",
        None,
    )
    .await;
    assert_eq!(status, 200);
    assert_eq!(body.as_array().unwrap().len(), 1);
    let (status, body) = api(
        &committee,
        &ctoken,
        Method::POST,
        &format!("/api/v1/labels/{label}/decision"),
        Some(json!({"decision": "refuse", "reason": ""})),
    )
    .await;
    assert_eq!(status, 422);
    assert_eq!(body["fields"][0]["field"], "reason", "{body}");
    let (status, body) = api(
        &committee,
        &ctoken,
        Method::POST,
        &format!("/api/v1/labels/{label}/decision"),
        Some(json!({"decision": "grant", "expires_on": in_a_year()})),
    )
    .await;
    assert_eq!(status, 200, "{body}");
    assert_eq!(body["valid"], true);

    let (status, body) = api(
        &app,
        &token,
        Method::GET,
        &format!("/api/v1/structures/{s}/network"),
        None,
    )
    .await;
    assert_eq!(status, 200);
    assert_eq!(body["banner"]["governance"], GOOD);
    let kinds: Vec<&str> = body["labels"]
        .as_array()
        .unwrap()
        .iter()
        .map(|l| l["kind"].as_str().unwrap())
        .collect();
    assert!(kinds.contains(&"funder") && kinds.contains(&"support"));

    // An accompaniment and its log through the API.
    let (status, body) = api(
        &app,
        &token,
        Method::POST,
        &format!("/api/v1/structures/{s}/accompaniments"),
        Some(json!({"message": "Six mois."})),
    )
    .await;
    assert_eq!(
        (status, body["fields"][0]["field"].as_str()),
        (422, Some("initiative_id")),
        "{body}"
    );
    let (status, body) = api(
        &app,
        &token,
        Method::POST,
        &format!("/api/v1/structures/{s}/accompaniments"),
        Some(json!({"initiative_id": initiative, "message": "Six mois."})),
    )
    .await;
    assert_eq!(status, 201, "{body}");
    let acc = body["id"].as_str().unwrap().to_owned();
    assert_eq!(body["status"], "proposed");
    let htoken = holder.api_token().await;
    // The structure's side cannot answer for the initiative; an outsider cannot even read it.
    let answer = |t: &str| (t.to_owned(), json!({"answer": "accept"}));
    let (t, b) = answer(&token);
    assert_eq!(
        api(
            &app,
            &t,
            Method::POST,
            &format!("/api/v1/accompaniments/{acc}/answer"),
            Some(b)
        )
        .await
        .0,
        403
    );
    assert_eq!(
        api(
            &committee,
            &ctoken,
            Method::GET,
            &format!("/api/v1/accompaniments/{acc}"),
            None
        )
        .await
        .0,
        403
    );
    let (t, b) = answer(&htoken);
    let (status, body) = api(
        &holder,
        &t,
        Method::POST,
        &format!("/api/v1/accompaniments/{acc}/answer"),
        Some(b),
    )
    .await;
    assert_eq!(
        (status, body["status"].as_str()),
        (200, Some("active")),
        "{body}"
    );
    // Only admins remove from the banner.
    let (status, _) = api(
        &app,
        &token,
        Method::POST,
        &format!("/api/v1/structures/{s}/banner/removal"),
        Some(json!({"reason": "Je me retire moi-même"})),
    )
    .await;
    assert_eq!(status, 403);
    let today = utc_now().date_naive().format("%Y-%m-%d").to_string();
    let (status, body) = api(
        &app,
        &token,
        Method::POST,
        &format!("/api/v1/accompaniments/{acc}/log"),
        Some(json!({"kind": "advice", "date": today, "body": "Ouvrir les **données**."})),
    )
    .await;
    assert_eq!(status, 201, "{body}");
    let (status, body) = api(
        &app,
        &token,
        Method::POST,
        &format!("/api/v1/accompaniments/{acc}/log"),
        Some(json!({"kind": "advice", "date": "hier", "body": ""})),
    )
    .await;
    assert_eq!(status, 422, "{body}");
    let (status, body) = api(
        &app,
        &token,
        Method::GET,
        &format!("/api/v1/accompaniments/{acc}/log"),
        None,
    )
    .await;
    assert_eq!(status, 200);
    assert_eq!(body[0]["kind"], "advice");
    // The committee member is not party to it.
    assert_eq!(
        api(
            &committee,
            &ctoken,
            Method::GET,
            &format!("/api/v1/accompaniments/{acc}/log"),
            None
        )
        .await
        .0,
        403
    );
    assert_eq!(
        api(
            &committee,
            &ctoken,
            Method::GET,
            &format!("/api/v1/accompaniments/{}/log", Uuid::now_v7()),
            None
        )
        .await
        .0,
        404
    );
    let (status, _) = api(
        &app,
        &token,
        Method::DELETE,
        &format!("/api/v1/structures/{s}/banner"),
        None,
    )
    .await;
    assert_eq!(status, 204);
    let end = format!("/api/v1/accompaniments/{acc}/end");
    let (status, body) = api(&app, &token, Method::POST, &end, None).await;
    assert_eq!(
        (status, body["status"].as_str()),
        (200, Some("ended")),
        "{body}"
    );
    assert_eq!(api(&app, &token, Method::POST, &end, None).await.0, 409);
}

async fn open_data_lists_valid_labels_and_signatories_with_their_schemas(backend: Backend) {
    let Some((app, s, _holder, _initiative)) = labelled_incubator_and_initiative(backend).await
    else {
        return;
    };
    let answers = answers(GOOD, "Une gouvernance, partagée\net écrite.", GOOD);
    let r = app
        .post_form(&format!("/structures/{s}/banniere"), &answers)
        .await;
    assert_eq!(r.status(), 303);
    // A pending application is not published.
    apply(&app, &s, "funder").await;
    let r = app.get("/data/labels.csv").await;
    assert_eq!(r.status(), 200);
    assert!(r.headers()["content-type"]
        .to_str()
        .unwrap()
        .starts_with("text/csv"));
    let csv = r.text().await.unwrap();
    let lines: Vec<&str> = csv.lines().collect();
    assert_eq!(
        lines[0],
        "id,structure_id,structure_name,kind,granted_at,expires_on"
    );
    assert_eq!(lines.len(), 2, "{csv}");
    assert!(lines[1].contains("Incubateur du Ponant") && lines[1].contains(",support,"));
    let banner = app.get("/data/banniere.csv").await.text().await.unwrap();
    assert!(
        banner.contains("\"Une gouvernance, partagée\net écrite.\""),
        "{banner}"
    );
    assert!(!banner.contains("nolwenn"), "no personal data");
    let schema: Value = app.get("/schemas/labels.json").await.json().await.unwrap();
    assert_eq!(schema["fields"].as_array().unwrap().len(), 6);
    let schema: Value = app
        .get("/schemas/banniere.json")
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(schema["primaryKey"], "structure_id");
    let (_, page) = app.get_html("/data").await;
    assert!(page.contains("/data/labels.csv") && page.contains("/data/banniere.csv"));
    let catalogue = app
        .get("/data/catalogue.jsonld")
        .await
        .text()
        .await
        .unwrap();
    assert!(catalogue.contains("/data/labels.csv") && catalogue.contains("/schemas/banniere.json"));
}

async fn an_admin_gives_the_committee_role_which_opens_the_queue(backend: Backend) {
    let Some((app, _s)) = incubator(backend).await else {
        return;
    };
    let admin = someone(&app, "admin@exemple.fr", "Admin", &[PlatformRole::Admin]).await;
    let (_, people) = admin.get_html("/admin").await;
    assert!(
        people.contains("value=\"label_committee\""),
        "the role is offered"
    );
    let gaelle = someone(&app, "gaelle@exemple.fr", "Gaëlle", &[]).await;
    assert_eq!(gaelle.get("/reseau/labels").await.status(), 403);
    let id = person_id(&app, "gaelle@exemple.fr").await;
    let r = admin
        .post_form(
            &format!("/admin/personnes/{id}/roles"),
            &[("roles", "label_committee")],
        )
        .await;
    assert_eq!(r.status(), 303);
    assert_eq!(
        app.store.person(id).await.unwrap().unwrap().roles,
        vec![PlatformRole::LabelCommittee]
    );
    let (status, queue) = gaelle.get_html("/reseau/labels").await;
    assert_eq!(status, 200);
    assert!(queue.contains("Comité de labellisation"));
    let (_, overview) = gaelle.get_html("/reseau").await;
    assert!(
        overview.contains("/reseau/labels"),
        "the overview links the queue for the committee"
    );
}

/// Sends the publication form as the page shows it to `who` (with the token of what they
/// read): the summary and their agreement. Returns the status.
async fn publish(who: &TestApp, page: &str, summary: &str, agree: bool) -> u16 {
    let (_, html) = who.get_html(page).await;
    let seen = seen_token(&html);
    let mut form = vec![("summary", summary), ("seen", &seen[..])];
    if agree {
        form.push(("agree", "oui"));
    }
    who.post_form(&format!("{page}/publication"), &form)
        .await
        .status()
        .as_u16()
}

fn seen_token(html: &str) -> String {
    let marker = "name=\"seen\" value=\"";
    let start = html.find(marker).expect("the publication form") + marker.len();
    html[start..start + 32].to_owned()
}

/// Proposes to accompany `initiative` from `s` through the form; returns the page's path.
async fn propose(app: &TestApp, s: &str, initiative: &str) -> String {
    let r = app
        .post_form(
            &format!("/structures/{s}/accompagnements"),
            &[("initiative", initiative), ("message", "Six mois offerts.")],
        )
        .await;
    assert_eq!(r.status(), 303, "proposed");
    location(&r)
}

async fn a_proposal_ended_before_acceptance_is_declined_never_public(backend: Backend) {
    let Some((app, s, holder, initiative)) = labelled_incubator_and_initiative(backend).await
    else {
        return;
    };
    let page = propose(&app, &s, &initiative).await;
    let id: Uuid = page
        .trim_start_matches("/reseau/accompagnements/")
        .parse()
        .unwrap();
    // The structure withdraws its proposal before any answer.
    assert_eq!(
        app.post_form(&format!("{page}/fin"), &[]).await.status(),
        303
    );
    let a = app.store.accompaniment(id).await.unwrap().unwrap();
    assert_eq!(
        a.status,
        essaim_domain::network::AccompanimentStatus::Declined
    );
    let outsider = someone(&app, "yann@exemple.fr", "Yann", &[]).await;
    let (_, public) = outsider
        .get_html(&format!("/initiatives/{initiative}"))
        .await;
    assert!(
        !public.contains("Incubateur du Ponant"),
        "a proposal never accepted is not public"
    );
    let network: Value = outsider
        .get(&format!("/api/v1/structures/{s}/network"))
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(network["accompaniments"].as_array().unwrap().len(), 0);
    // It cannot be answered any more.
    assert_eq!(
        holder
            .post_form(&format!("{page}/reponse"), &[("answer", "accept")])
            .await
            .status(),
        409
    );
}

async fn a_label_counts_through_its_expiry_day_in_paris(backend: Backend) {
    let Some((app, s)) = incubator(backend).await else {
        return;
    };
    let label: Uuid = apply(&app, &s, "funder").await.parse().unwrap();
    let committee = person_id(&app, "nolwenn@exemple.fr").await;
    let expires_on = chrono::NaiveDate::from_ymd_opt(2026, 6, 15).unwrap();
    app.store
        .decide_label(
            label,
            &LabelDecision {
                from: LabelStatus::Pending,
                to: LabelStatus::Granted,
                by: committee,
                at: utc_now(),
                reason: None,
                expires_on: Some(expires_on),
            },
        )
        .await
        .unwrap();
    let sid: Uuid = s.parse().unwrap();
    let at = |t: &str| t.parse::<chrono::DateTime<chrono::Utc>>().unwrap();
    // 23:30 in Paris on its expiry day: still valid.
    assert!(essaim_web::network::holds_label(
        app.store.as_ref(),
        sid,
        LabelKind::Funder,
        at("2026-06-15T21:30:00Z")
    )
    .await
    .unwrap());
    // 00:30 in Paris the next day (still the 15th in UTC): it expired yesterday.
    assert!(!essaim_web::network::holds_label(
        app.store.as_ref(),
        sid,
        LabelKind::Funder,
        at("2026-06-15T22:30:00Z")
    )
    .await
    .unwrap());
    assert_eq!(
        essaim_web::network::paris_day(at("2026-01-10T23:30:00Z")),
        chrono::NaiveDate::from_ymd_opt(2026, 1, 11).unwrap()
    );
}

async fn a_committee_member_does_not_decide_on_their_own_structure(backend: Backend) {
    let Some((app, s)) = incubator(backend).await else {
        return;
    };
    let label = apply(&app, &s, "funder").await;
    // The application is named by its kind, not as if already labelled.
    let (_, page) = app.get_html(&format!("/structures/{s}/reseau")).await;
    assert!(page.contains("financement"));
    assert!(!page.contains("Financeur labellisé"), "{page}");
    // The manager of the structure is also on the committee: not for this label.
    let me = person_id(&app, "nolwenn@exemple.fr").await;
    app.store
        .set_roles(me, &[PlatformRole::LabelCommittee])
        .await
        .unwrap();
    let decision = [("decision", "grant"), ("expires_on", &in_a_year()[..])];
    let (status, body) = html(
        app.post_form(&format!("/reseau/labels/{label}/decision"), &decision)
            .await,
    )
    .await;
    assert_eq!(status, 403);
    assert!(body.contains("un autre membre du comité de labellisation décide"));
    let token = app.api_token().await;
    let (status, body) = api(
        &app,
        &token,
        reqwest::Method::POST,
        &format!("/api/v1/labels/{label}/decision"),
        Some(json!({"decision": "grant", "expires_on": in_a_year()})),
    )
    .await;
    assert_eq!(status, 403);
    assert_eq!(body["code"], "network_label_conflict_of_interest");
    // A plain member of the structure neither.
    let member = someone(
        &app,
        "loig@exemple.fr",
        "Loïg",
        &[PlatformRole::LabelCommittee],
    )
    .await;
    let sid: Uuid = s.parse().unwrap();
    app.store
        .add_member(
            sid,
            person_id(&app, "loig@exemple.fr").await,
            essaim_domain::structure::MemberRole::Member,
            utc_now(),
        )
        .await
        .unwrap();
    assert_eq!(
        member
            .post_form(&format!("/reseau/labels/{label}/decision"), &decision)
            .await
            .status(),
        403
    );
    // Another member of the committee decides.
    let other = someone(
        &app,
        "gaelle@exemple.fr",
        "Gaëlle",
        &[PlatformRole::LabelCommittee],
    )
    .await;
    assert_eq!(
        other
            .post_form(&format!("/reseau/labels/{label}/decision"), &decision)
            .await
            .status(),
        303
    );
    let (_, page) = app.get_html(&format!("/structures/{s}")).await;
    assert!(page.contains("Financeur labellisé"), "the badge says it");
}

async fn the_api_hides_revoked_labels_and_their_reasons_as_the_page_does(backend: Backend) {
    let Some((app, s)) = incubator(backend).await else {
        return;
    };
    let label = apply(&app, &s, "evaluator").await;
    let committee = someone(
        &app,
        "gaelle@exemple.fr",
        "Gaëlle",
        &[PlatformRole::LabelCommittee],
    )
    .await;
    for (path, form) in [
        (
            "decision",
            vec![("decision", "grant"), ("expires_on", &in_a_year()[..])],
        ),
        (
            "revocation",
            vec![("reason", "Méthode d’évaluation abandonnée")],
        ),
    ] {
        assert_eq!(
            committee
                .post_form(&format!("/reseau/labels/{label}/{path}"), &form)
                .await
                .status(),
            303
        );
    }
    let outsider = someone(&app, "yann@exemple.fr", "Yann", &[]).await;
    let r = outsider
        .get(&format!("/api/v1/structures/{s}/network"))
        .await;
    assert_eq!(r.status(), 200);
    let text = r.text().await.unwrap();
    let network: Value = serde_json::from_str(&text).unwrap();
    assert_eq!(network["labels"].as_array().unwrap().len(), 0, "{text}");
    assert!(!text.contains("abandonnée"));
    let (_, page) = outsider.get_html(&format!("/structures/{s}/reseau")).await;
    assert!(!page.contains("abandonnée"));
}

async fn review_comments_are_audited_and_an_expired_label_can_be_applied_for_again(
    backend: Backend,
) {
    let Some((app, s)) = incubator(backend).await else {
        return;
    };
    let label = apply(&app, &s, "support").await;
    let committee = someone(
        &app,
        "gaelle@exemple.fr",
        "Gaëlle",
        &[PlatformRole::LabelCommittee],
    )
    .await;
    let comments = format!("/reseau/labels/{label}/commentaires");
    assert_eq!(
        committee
            .post_form(&comments, &[("body", "Pouvez-vous préciser vos tarifs ?")])
            .await
            .status(),
        303
    );
    assert!(
        app.outbox()
            .await
            .iter()
            .any(|m| m.to_address == "nolwenn@exemple.fr"
                && m.subject.contains("un commentaire du comité")
                && m.body.contains(&format!("/reseau/labels/{label}"))),
        "the structure's managers hear the committee"
    );
    assert_eq!(
        app.post_form(&comments, &[("body", "Gratuit pour les associations.")])
            .await
            .status(),
        303
    );
    let audited = app
        .store
        .list_audit(Some("network_label_commented"), 10)
        .await
        .unwrap();
    assert_eq!(audited.len(), 2, "both sides' comments are audited");
    assert!(audited
        .iter()
        .all(|e| e.subject == format!("label:{label}")));

    // Granted, then expired yesterday (in Paris): the structure applies again.
    let yesterday = essaim_web::network::today() - Duration::days(1);
    let old: Uuid = label.parse().unwrap();
    app.store
        .decide_label(
            old,
            &LabelDecision {
                from: LabelStatus::Pending,
                to: LabelStatus::Granted,
                by: person_id(&app, "gaelle@exemple.fr").await,
                at: utc_now(),
                reason: None,
                expires_on: Some(yesterday),
            },
        )
        .await
        .unwrap();
    let again = apply(&app, &s, "support").await;
    assert_ne!(again, label);
    assert_eq!(
        app.store.label(old).await.unwrap().unwrap().status,
        LabelStatus::Expired
    );
    let (_, page) = app.get_html(&format!("/structures/{s}/reseau")).await;
    assert!(page.contains("expiré, remplacé par une nouvelle demande"));
}

async fn a_stale_consent_does_not_republish_and_members_do_not_consent_for_the_structure(
    backend: Backend,
) {
    let Some((app, s, holder, initiative)) = labelled_incubator_and_initiative(backend).await
    else {
        return;
    };
    let page = propose(&app, &s, &initiative).await;
    assert_eq!(
        holder
            .post_form(&format!("{page}/reponse"), &[("answer", "accept")])
            .await
            .status(),
        303
    );
    assert_eq!(publish(&app, &page, "Ancien résumé.", true).await, 303);
    assert_eq!(publish(&holder, &page, "Ancien résumé.", true).await, 303);
    // The holder opens the page, then the structure changes the text (withdrawing the
    // holder's agreement); the holder's old form must not publish anything.
    let (_, stale) = holder.get_html(&page).await;
    let stale = seen_token(&stale);
    assert_eq!(publish(&app, &page, "Nouveau résumé.", true).await, 303);
    let (status, body) = html(
        holder
            .post_form(
                &format!("{page}/publication"),
                &[
                    ("summary", "Ancien résumé."),
                    ("seen", &stale[..]),
                    ("agree", "oui"),
                ],
            )
            .await,
    )
    .await;
    assert_eq!(status, 409);
    assert!(body.contains("a changé depuis que vous avez ouvert la page"));
    let id: Uuid = page
        .trim_start_matches("/reseau/accompagnements/")
        .parse()
        .unwrap();
    let a = app.store.accompaniment(id).await.unwrap().unwrap();
    assert_eq!(a.summary, "Nouveau résumé.");
    assert!(!a.summary_is_public());
    let outsider = someone(&app, "yann@exemple.fr", "Yann", &[]).await;
    let (_, public) = outsider
        .get_html(&format!("/initiatives/{initiative}"))
        .await;
    assert!(!public.contains("Ancien résumé."));

    // A member of the structure who does not manage it reads and writes the log, but neither
    // consents for the structure nor ends the accompaniment.
    let coach = someone(&app, "coach@exemple.fr", "Coach", &[]).await;
    app.store
        .add_member(
            s.parse().unwrap(),
            person_id(&app, "coach@exemple.fr").await,
            essaim_domain::structure::MemberRole::Member,
            utc_now(),
        )
        .await
        .unwrap();
    let (status, body) = coach.get_html(&page).await;
    assert_eq!(status, 200);
    assert!(
        !body.contains("name=\"seen\""),
        "no consent form for the team"
    );
    let today = essaim_web::network::today().to_string();
    assert_eq!(
        coach
            .post_form(
                &format!("{page}/journal"),
                &[
                    ("kind", "advice"),
                    ("date", &today[..]),
                    ("body", "Conseil")
                ]
            )
            .await
            .status(),
        303
    );
    assert_eq!(
        coach
            .post_form(
                &format!("{page}/publication"),
                &[
                    ("summary", "Nouveau résumé."),
                    ("seen", &seen_token(&html(app.get(&page).await).await.1)[..]),
                    ("agree", "oui")
                ]
            )
            .await
            .status(),
        403
    );
    assert_eq!(
        coach.post_form(&format!("{page}/fin"), &[]).await.status(),
        403
    );
}
