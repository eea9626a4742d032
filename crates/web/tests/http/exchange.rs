//! Offers and needs (entraide): publishing, the list and its filters, a need matched with an
//! offer of the neighbouring commune (the reason shown, on the page and in the API), contacting
//! the other side through the platform without anyone seeing an address, replies, who edits
//! and closes, sanitised Markdown, the throttle, and every refusal of the forms and the API.

use crate::common::{location, Backend, TestApp};
use serde_json::{json, Value};

crate::on_both_backends!(
    a_need_is_matched_with_an_offer_of_the_neighbouring_commune,
    the_form_refuses_bad_input_and_keeps_what_was_typed,
    contacting_mails_the_other_side_without_revealing_addresses,
    only_the_author_a_manager_or_an_admin_edits_and_closes,
    markdown_is_sanitised_and_the_list_filters,
    contacting_is_throttled,
    the_api_publishes_lists_and_refuses_bad_input,
    open_offers_are_open_data_without_personal_data,
    a_post_with_conversations_keeps_its_structure_and_editors_keep_it_alike,
);

async fn publish(app: &TestApp, fields: &[(&str, &str)]) -> String {
    let r = app.post_form("/entraide", fields).await;
    assert_eq!(r.status(), 303, "published: {}", r.text().await.unwrap());
    location(&r).trim_start_matches("/entraide/").to_owned()
}

const NEED: &[(&str, &str)] = &[
    ("direction", "need"),
    ("kind", "premises"),
    ("title", "Une salle pour nos ateliers de réparation"),
    ("body", "Deux soirs par semaine."),
    ("territory", "Brest"),
    ("themes", "economie-circulaire"),
];

const OFFER: &[(&str, &str)] = &[
    ("direction", "offer"),
    ("kind", "premises"),
    ("title", "Salle polyvalente à prêter"),
    ("body", "Une salle de 40 places."),
    ("territory", "commune:29075"),
    ("themes", "economie-circulaire"),
    ("themes", "inclusion"),
];

/// Two people: the one who needs (holder) and the one who offers.
async fn two(backend: Backend) -> Option<(TestApp, TestApp)> {
    let app = TestApp::spawn(backend).await?;
    app.sign_up_and_in("nolwenn@exemple.fr", "Nolwenn Porteuse")
        .await;
    let other = app.other_browser();
    other
        .sign_up_and_in("yann@exemple.fr", "Yann Prêteur")
        .await;
    Some((app, other))
}

async fn a_need_is_matched_with_an_offer_of_the_neighbouring_commune(backend: Backend) {
    let Some((app, other)) = two(backend).await else {
        return;
    };
    let need = publish(&app, NEED).await;
    let offer = publish(&other, OFFER).await;
    // An offer of another kind, and the holder's own offer, are never suggested.
    let mut funding = OFFER.to_vec();
    funding[1] = ("kind", "funding");
    funding[2] = ("title", "Une subvention de démarrage");
    publish(&other, &funding).await;
    // An offer in the neighbouring département (Côtes-d'Armor) comes after.
    let mut next_door = OFFER.to_vec();
    next_door[2] = ("title", "Hangar à Saint-Brieuc");
    next_door[4] = ("territory", "commune:22278");
    publish(&other, &next_door).await;
    let mut own = OFFER.to_vec();
    own[2] = ("title", "Ma propre salle");
    publish(&app, &own).await;

    let (status, html) = app.get_html(&format!("/entraide/{need}")).await;
    assert_eq!(status, 200);
    assert!(html.contains("Salle polyvalente à prêter"), "{html}");
    assert!(
        html.contains("même intercommunalité"),
        "the reason is shown"
    );
    assert!(
        html.contains("Brest Métropole"),
        "the common territory is named"
    );
    assert!(html.contains("Économie circulaire"), "the shared theme");
    assert!(html.contains("département voisin"), "{html}");
    assert!(
        html.find("Salle polyvalente à prêter").unwrap()
            < html.find("Hangar à Saint-Brieuc").unwrap(),
        "the neighbouring commune first"
    );
    assert!(!html.contains("Une subvention de démarrage"));
    assert!(!html.contains("Ma propre salle"));

    // Seen from the offer, the need it could answer, with the same reasons.
    let (_, html) = other.get_html(&format!("/entraide/{offer}")).await;
    assert!(html.contains("Besoins auxquels cette offre pourrait répondre"));
    assert!(html.contains("Une salle pour nos ateliers de réparation"));
    assert!(html.contains("même intercommunalité"));

    let (status, html) = app.get_html("/entraide/correspondances").await;
    assert_eq!(status, 200);
    assert!(html.contains("Une salle pour nos ateliers de réparation"));
    assert!(html.contains("Salle polyvalente à prêter"));

    let matches: Value = app
        .get(&format!("/api/v1/exchange/posts/{need}/matches"))
        .await
        .json()
        .await
        .unwrap();
    let list = matches.as_array().unwrap();
    assert_eq!(list.len(), 2, "{matches}");
    assert_eq!(list[1]["reasons"][1]["reason"], "neighbouring_departement");
    assert_eq!(list[1]["reasons"][1]["territory"], "departement:22");
    assert_eq!(list[0]["offer"]["id"], offer.as_str());
    let reasons: Vec<&str> = list[0]["reasons"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["reason"].as_str().unwrap())
        .collect();
    assert_eq!(reasons, vec!["same_kind", "same_epci", "shared_themes"]);
    // An offer has no matches of its own.
    let none: Value = app
        .get(&format!("/api/v1/exchange/posts/{offer}/matches"))
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(none, json!([]));
}

async fn the_form_refuses_bad_input_and_keeps_what_was_typed(backend: Backend) {
    let Some((app, other)) = two(backend).await else {
        return;
    };
    let r = app
        .post_form(
            "/entraide",
            &[
                ("direction", "don"),
                ("kind", "premises"),
                ("title", "Un titre <b>gardé</b>"),
                ("territory", "Nulle-Part-sur-Mer"),
                ("themes", "lune"),
                ("starts_on", "2027-05-01"),
                ("ends_on", "2027-04-01"),
            ],
        )
        .await;
    assert_eq!(r.status(), 422);
    let html = r.text().await.unwrap();
    for message in [
        "Choisissez «\u{a0}offre\u{a0}»",
        "Ce territoire est introuvable",
        "Un des thèmes choisis n’existe pas.",
        "La date de fin précède la date de début.",
    ] {
        assert!(html.contains(message), "{message}: {html}");
    }
    assert!(
        html.contains("Un titre &lt;b&gt;gardé&lt;"),
        "kept, escaped"
    );
    assert!(!html.contains("<b>gardé"));
    assert!(html.contains("Nulle-Part-sur-Mer"));
    // Publishing for a structure one does not manage is refused on that field.
    let structure = {
        let r = other
            .post_form(
                "/structures",
                &[
                    ("name", "Ressourcerie du Ponant"),
                    ("kind", "association"),
                    ("territory", "commune:29019"),
                ],
            )
            .await;
        assert_eq!(r.status(), 303);
        location(&r).trim_start_matches("/structures/").to_owned()
    };
    let mut fields = NEED.to_vec();
    fields.push(("structure", &structure));
    let r = app.post_form("/entraide", &fields).await;
    assert_eq!(r.status(), 422);
    assert!(r
        .text()
        .await
        .unwrap()
        .contains("au nom d’une structure que vous gérez"));
    // Nothing was published.
    let (_, list) = app.get_html("/entraide").await;
    assert!(list.contains("Aucune annonce ouverte"), "{list}");
    // Anonymous visitors are sent to sign in.
    let anonymous = app.other_browser();
    let r = anonymous.post_form("/entraide", NEED).await;
    assert_eq!(r.status(), 303);
    assert!(location(&r).starts_with("/connexion"));
}

async fn contacting_mails_the_other_side_without_revealing_addresses(backend: Backend) {
    let Some((app, other)) = two(backend).await else {
        return;
    };
    let need = publish(&app, NEED).await;
    let before = app.outbox().await.len();
    // An empty message is refused and nothing is sent.
    let r = other
        .post_form(&format!("/entraide/{need}/contact"), &[("message", "  ")])
        .await;
    assert_eq!(r.status(), 422);
    assert!(r.text().await.unwrap().contains("Écrivez un message."));
    assert_eq!(app.outbox().await.len(), before);

    let r = other
        .post_form(
            &format!("/entraide/{need}/contact"),
            &[(
                "message",
                "Bonjour,\nnotre salle de Guipavas est libre le mardi.",
            )],
        )
        .await;
    assert_eq!(r.status(), 303);
    let conversation = location(&r);
    assert!(conversation.starts_with(&format!("/entraide/{need}/echanges/")));
    let mails = app.outbox().await;
    assert_eq!(mails.len(), before + 1);
    let mail = mails
        .iter()
        .find(|m| m.to_address == "nolwenn@exemple.fr")
        .expect("the author is mailed");
    assert!(!mail.subject.contains('\n') && !mail.subject.contains('\r'));
    assert!(mail.subject.contains("Yann Prêteur"));
    assert!(mail.body.contains("notre salle de Guipavas"));
    assert!(mail.body.contains(&conversation), "a link back");
    assert!(!mail.body.contains("yann@exemple.fr"), "no sender address");

    // The sender's pages never show the recipient's address.
    let (status, html) = other.get_html(&conversation).await;
    assert_eq!(status, 200);
    assert!(html.contains("notre salle de Guipavas"));
    assert!(!html.contains("nolwenn@exemple.fr"));
    let (_, post_page) = other.get_html(&format!("/entraide/{need}")).await;
    assert!(!post_page.contains("nolwenn@exemple.fr"));

    // The author reads and replies; the other side is mailed.
    let (status, html) = app.get_html(&conversation).await;
    assert_eq!(status, 200);
    assert!(!html.contains("yann@exemple.fr"));
    let r = app
        .post_form(&conversation, &[("message", "Parfait, mardi 18 h ?")])
        .await;
    assert_eq!(r.status(), 303);
    assert!(app
        .outbox()
        .await
        .iter()
        .any(|m| m.to_address == "yann@exemple.fr" && m.body.contains("mardi 18 h")));
    let (_, mine) = other.get_html("/entraide/echanges").await;
    assert!(mine.contains("Une salle pour nos ateliers de réparation"));

    // A third person cannot read it, nor write in it: to them it does not exist.
    let third = app.other_browser();
    third.sign_up_and_in("gwen@exemple.fr", "Gwen Tierce").await;
    assert_eq!(third.get(&conversation).await.status(), 404);
    let r = third
        .post_form(&conversation, &[("message", "Je m’invite")])
        .await;
    assert_eq!(r.status(), 404);
    // The author cannot contact their own post.
    let r = app
        .post_form(&format!("/entraide/{need}/contact"), &[("message", "Moi")])
        .await;
    assert_eq!(r.status(), 409);
}

async fn only_the_author_a_manager_or_an_admin_edits_and_closes(backend: Backend) {
    let Some((app, other)) = two(backend).await else {
        return;
    };
    let need = publish(&app, NEED).await;
    let offer = publish(&other, OFFER).await;
    assert_eq!(
        other
            .get(&format!("/entraide/{need}/modifier"))
            .await
            .status(),
        403
    );
    let r = other
        .post_form(&format!("/entraide/{need}/modifier"), NEED)
        .await;
    assert_eq!(r.status(), 403);
    let r = other
        .post_form(&format!("/entraide/{need}/cloture"), &[])
        .await;
    assert_eq!(r.status(), 403);

    let mut edited = NEED.to_vec();
    edited[2] = ("title", "Une grande salle pour nos ateliers");
    let r = app
        .post_form(&format!("/entraide/{need}/modifier"), &edited)
        .await;
    assert_eq!(r.status(), 303);
    let (_, html) = app.get_html(&format!("/entraide/{need}")).await;
    assert!(html.contains("Une grande salle pour nos ateliers"));

    // Closing the offer takes it out of the list and of the matches.
    let r = other
        .post_form(&format!("/entraide/{offer}/cloture"), &[])
        .await;
    assert_eq!(r.status(), 303);
    let (_, html) = app.get_html(&format!("/entraide/{need}")).await;
    assert!(!html.contains("Salle polyvalente à prêter"));
    assert!(html.contains("Aucune offre ouverte ne correspond"));
    let (_, list) = app.get_html("/entraide").await;
    assert!(!list.contains("Salle polyvalente à prêter"));
    // A closed post cannot be contacted.
    let r = app
        .post_form(
            &format!("/entraide/{offer}/contact"),
            &[("message", "Encore ?")],
        )
        .await;
    assert_eq!(r.status(), 409);
    // Nor through the conversation page, when no conversation was started.
    let me = app
        .store
        .person_by_email("nolwenn@exemple.fr")
        .await
        .unwrap()
        .unwrap()
        .id;
    let r = app
        .post_form(
            &format!("/entraide/{offer}/echanges/{me}"),
            &[("message", "Encore ?")],
        )
        .await;
    assert_eq!(r.status(), 409);
    // An unknown post is 404.
    assert_eq!(
        app.get(&format!("/entraide/{}", uuid::Uuid::now_v7()))
            .await
            .status(),
        404
    );
}

async fn markdown_is_sanitised_and_the_list_filters(backend: Backend) {
    let Some((app, other)) = two(backend).await else {
        return;
    };
    let mut hostile = NEED.to_vec();
    hostile[3] = (
        "body",
        "**Urgent** <script>alert(1)</script> [lien](javascript:alert(2))",
    );
    let need = publish(&app, &hostile).await;
    publish(&other, OFFER).await;
    let (_, html) = app.get_html(&format!("/entraide/{need}")).await;
    assert!(html.contains("<strong>Urgent</strong>"));
    assert!(!html.contains("<script>alert(1)"));
    assert!(!html.contains("javascript:alert(2)"));

    let (_, needs) = app.get_html("/entraide?sens=need").await;
    assert!(needs.contains("Une salle pour nos ateliers"));
    assert!(!needs.contains("Salle polyvalente à prêter"));
    let (_, offers) = app.get_html("/entraide?sens=offer&type=premises").await;
    assert!(offers.contains("Salle polyvalente à prêter"));
    assert!(!offers.contains("Une salle pour nos ateliers"));
    // Unknown filter values are ignored, not an error.
    let (status, all) = app.get_html("/entraide?sens=%27;--&type=x").await;
    assert_eq!(status, 200);
    assert!(all.contains("2 annonces ouvertes"), "{all}");
}

async fn contacting_is_throttled(backend: Backend) {
    let Some((app, other)) = two(backend).await else {
        return;
    };
    let need = publish(&app, NEED).await;
    let mut statuses = vec![];
    for i in 0..22 {
        let r = other
            .post_form(
                &format!("/entraide/{need}/contact"),
                &[("message", &format!("Message {i}"))],
            )
            .await;
        statuses.push(r.status().as_u16());
    }
    assert!(statuses[..20].iter().all(|s| *s == 303), "{statuses:?}");
    assert_eq!(statuses[21], 429, "{statuses:?}");
}

async fn the_api_publishes_lists_and_refuses_bad_input(backend: Backend) {
    let Some((app, other)) = two(backend).await else {
        return;
    };
    let token = app.api_token().await;
    let api = |method: reqwest::Method, path: &str| {
        app.client.request(method, app.at(path)).bearer_auth(&token)
    };
    let r = api(reqwest::Method::POST, "/api/v1/exchange/posts")
        .json(&json!({
            "direction": "need", "kind": "skills", "title": "Un regard de comptable",
            "territory": "departement:29", "themes": ["inclusion"],
            "starts_on": "2027-01-01"
        }))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 201);
    let created: Value = r.json().await.unwrap();
    assert_eq!(created["territory"], "departement:29");
    let id = created["id"].as_str().unwrap().to_owned();

    let r = api(reqwest::Method::POST, "/api/v1/exchange/posts")
        .json(&json!({
            "direction": "need", "kind": "yacht", "title": "", "territory": "",
            "starts_on": "demain"
        }))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 422);
    let body: Value = r.json().await.unwrap();
    assert_eq!(body["code"], "invalid_input");
    let fields: Vec<&str> = body["fields"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["field"].as_str().unwrap())
        .collect();
    assert_eq!(fields, vec!["kind", "title", "territory", "starts_on"]);

    let list: Value = app
        .get("/api/v1/exchange/posts?direction=need")
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(list["total"], 1);
    assert!(list.to_string().find("@exemple.fr").is_none(), "no address");
    let r = app.get("/api/v1/exchange/posts?kind=yacht").await;
    assert_eq!(r.status(), 422);

    // Someone else may neither edit nor close it; they may write to its author.
    let other_token = other.api_token().await;
    let r = other
        .client
        .post(other.at(&format!("/api/v1/exchange/posts/{id}/close")))
        .bearer_auth(&other_token)
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 403);
    let r = other
        .client
        .post(other.at(&format!("/api/v1/exchange/posts/{id}/messages")))
        .bearer_auth(&other_token)
        .json(&json!({"message": "Je suis expert-comptable bénévole."}))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 201);
    assert!(app
        .outbox()
        .await
        .iter()
        .any(|m| m.to_address == "nolwenn@exemple.fr" && m.body.contains("expert-comptable")));
    let r = api(
        reqwest::Method::POST,
        &format!("/api/v1/exchange/posts/{id}/close"),
    )
    .send()
    .await
    .unwrap();
    assert_eq!(r.status(), 200);
    let closed: Value = r.json().await.unwrap();
    assert_eq!(closed["status"], "closed");
}

async fn open_offers_are_open_data_without_personal_data(backend: Backend) {
    let Some((app, other)) = two(backend).await else {
        return;
    };
    publish(&app, NEED).await;
    let offer = publish(&other, OFFER).await;
    let r = app.get("/data/offres.csv").await;
    assert_eq!(r.status(), 200);
    assert!(r.headers()["content-type"]
        .to_str()
        .unwrap()
        .starts_with("text/csv"));
    let csv = r.text().await.unwrap();
    let mut lines = csv.lines();
    let header = lines.next().unwrap();
    let schema: Value = app.get("/schemas/offres.json").await.json().await.unwrap();
    let names: Vec<&str> = schema["fields"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["name"].as_str().unwrap())
        .collect();
    assert_eq!(header, names.join(","));
    assert!(csv.contains(&offer) && csv.contains("Guipavas"));
    assert!(
        !csv.contains("Une salle pour nos ateliers"),
        "needs are not in it"
    );
    assert!(
        !csv.contains("Yann") && !csv.contains("@exemple.fr"),
        "no personal data"
    );
    let dcat: Value = app
        .get("/data/catalogue.jsonld")
        .await
        .json()
        .await
        .unwrap();
    assert!(dcat.to_string().contains("/data/offres.csv"));
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

async fn a_post_with_conversations_keeps_its_structure_and_editors_keep_it_alike(backend: Backend) {
    let Some((app, other)) = two(backend).await else {
        return;
    };
    let a = create_structure(&app, "Repair café de Brest").await;
    let b = create_structure(&app, "Fablab du Ponant").await;
    let mut fields = NEED.to_vec();
    fields.push(("structure", &a[..]));
    let need = publish(&app, &fields).await;
    let need_id: uuid::Uuid = need.parse().unwrap();

    // Before any conversation, the author may move it.
    let mut to_b = NEED.to_vec();
    to_b.push(("structure", &b[..]));
    let mut to_a = NEED.to_vec();
    to_a.push(("structure", &a[..]));
    let edit = format!("/entraide/{need}/modifier");
    assert_eq!(app.post_form(&edit, &to_b).await.status(), 303);
    assert_eq!(app.post_form(&edit, &to_a).await.status(), 303);

    // Someone writes privately to the post of structure A.
    let r = other
        .post_form(
            &format!("/entraide/{need}/contact"),
            &[("message", "Notre salle est libre le mardi.")],
        )
        .await;
    assert_eq!(r.status(), 303);
    // Moving it to B would show that conversation to B's managers: refused, page and API.
    let r = app.post_form(&edit, &to_b).await;
    assert_eq!(r.status(), 422);
    assert!(r
        .text()
        .await
        .unwrap()
        .contains("elle ne peut pas passer au nom d’une autre structure"));
    let token = app.api_token().await;
    let put = |body: Value, token: String| {
        let url = app.at(&format!("/api/v1/exchange/posts/{need}"));
        let client = app.client.clone();
        async move {
            client
                .put(url)
                .bearer_auth(token)
                .json(&body)
                .send()
                .await
                .unwrap()
        }
    };
    let body = |structure: Option<&str>| {
        let mut v = json!({
            "direction": "need", "kind": "premises",
            "title": "Une salle pour nos ateliers de réparation",
            "body": "Deux soirs par semaine.", "territory": "Brest",
            "themes": ["economie-circulaire"]
        });
        if let Some(s) = structure {
            v["structure_id"] = json!(s);
        }
        v
    };
    let r = put(body(Some(&b)), token.clone()).await;
    assert_eq!(r.status(), 422);
    let errors: Value = r.json().await.unwrap();
    assert_eq!(
        errors["fields"][0]["code"], "exchange_structure_has_conversations",
        "{errors}"
    );
    let post = app.store.exchange_post(need_id).await.unwrap().unwrap();
    assert_eq!(post.structure_id.map(|s| s.to_string()), Some(a.clone()));

    // A manager of A who is not the author edits without naming a structure: the post stays
    // A's, through the API as through the page.
    let yann = app
        .store
        .person_by_email("yann@exemple.fr")
        .await
        .unwrap()
        .unwrap()
        .id;
    app.store
        .add_member(
            a.parse().unwrap(),
            yann,
            essaim_domain::structure::MemberRole::Manager,
            essaim_store::utc_now(),
        )
        .await
        .unwrap();
    let yann_token = other.api_token().await;
    let r = put(body(None), yann_token).await;
    assert_eq!(r.status(), 200, "{}", r.text().await.unwrap());
    let post = app.store.exchange_post(need_id).await.unwrap().unwrap();
    assert_eq!(post.structure_id.map(|s| s.to_string()), Some(a.clone()));
    assert_eq!(other.post_form(&edit, NEED).await.status(), 303);
    let post = app.store.exchange_post(need_id).await.unwrap().unwrap();
    assert_eq!(post.structure_id.map(|s| s.to_string()), Some(a));
}
