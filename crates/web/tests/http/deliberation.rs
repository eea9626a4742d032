//! Débats: creating a conversation with its seed statements, voting (anonymously, by cookie),
//! changing a vote, adding statements, the results with one's own place on the map,
//! moderation, settings, exports in Pol.is's format, and every form's refusals.

use crate::common::{Backend, TestApp};
use essaim_domain::deliberation::polis;
use essaim_store::utc_now;
use uuid::Uuid;

crate::on_both_backends!(
    a_conversation_is_created_with_its_seed_statements,
    an_anonymous_vote_sets_a_cookie_and_the_next_statement_follows,
    changing_a_vote_keeps_one_vote,
    a_vote_sent_by_the_script_gets_the_next_card_in_json,
    the_results_place_the_reader_once_the_analysis_has_run,
    statements_are_added_moderated_and_featured,
    the_creation_form_refuses_bad_input_and_keeps_values,
    votes_and_statements_refuse_bad_input,
    closed_and_sign_in_only_conversations_refuse_participation,
    moderation_and_settings_are_for_moderators,
    exports_read_back_with_the_polis_parsers,
    an_initiative_lists_its_debates,
);

const SEEDS: [&str; 3] = [
    "Plus de pistes cyclables séparées des voitures",
    "Des arceaux devant chaque école",
    "Un atelier de réparation dans chaque quartier",
];

/// Creates a conversation through the form; returns its id.
async fn create(app: &TestApp, fields: &[(&str, &str)]) -> String {
    let r = app.post_form("/debats", fields).await;
    let status = r.status();
    let location = r
        .headers()
        .get("location")
        .map(|l| l.to_str().unwrap().to_owned());
    assert_eq!(status, 303, "{}", r.text().await.unwrap());
    location.unwrap().trim_start_matches("/debats/").to_owned()
}

async fn create_simple(app: &TestApp, seeds: &[&str]) -> String {
    let seeds = seeds.join("\n");
    create(
        app,
        &[
            ("question", "Comment circuler à vélo dans Brest ?"),
            ("description", "Une **consultation** du quartier."),
            ("seeds", &seeds),
            ("open_for_statements", "on"),
            ("anonymous_allowed", "on"),
            ("moderation", "post"),
        ],
    )
    .await
}

/// The statement on the vote card of a page: (number, text).
fn card(html: &str) -> Option<(i32, String)> {
    let form = &html[html.find("class=\"vote-card\"")?..];
    let at = form.find("name=\"statement\" value=\"")? + "name=\"statement\" value=\"".len();
    let number: i32 = form[at..].split('"').next()?.parse().ok()?;
    let t = form.find("id=\"vote-focus\"")?;
    let text = form[t..].split('>').nth(1)?.split('<').next()?;
    Some((number, text.to_owned()))
}

async fn vote(app: &TestApp, id: &str, number: i32, value: &str) -> reqwest::Response {
    app.post_form(
        &format!("/debats/{id}/votes"),
        &[("statement", &number.to_string()), ("vote", value)],
    )
    .await
}

fn uuid(id: &str) -> Uuid {
    id.parse().unwrap()
}

async fn a_conversation_is_created_with_its_seed_statements(backend: Backend) {
    let Some(app) = TestApp::spawn(backend).await else {
        return;
    };
    let (status, html) = app.get_html("/debats/nouveau").await;
    assert_eq!(status, 303, "signing in first: {html}");
    app.sign_up_and_in("claire@exemple.fr", "Claire").await;
    let (status, html) = app.get_html("/debats/nouveau").await;
    assert_eq!(status, 200);
    assert!(
        html.contains("name=\"seeds\""),
        "seed statements on creation"
    );
    let id = create_simple(&app, &SEEDS).await;
    let statements = app.store.statements(uuid(&id)).await.unwrap();
    let texts: Vec<&str> = statements.iter().map(|s| s.text.as_str()).collect();
    assert_eq!(texts, SEEDS);
    assert!(statements.iter().all(|s| s.seed && s.status == "accepted"));
    let (status, html) = app.get_html(&format!("/debats/{id}")).await;
    assert_eq!(status, 200);
    assert!(html.contains("Comment circuler à vélo dans Brest ?"));
    assert!(
        html.contains("<strong>consultation</strong>"),
        "Markdown rendered"
    );
    assert!(
        html.contains(&format!("/debats/{id}/modifier")),
        "its creator edits"
    );
    assert!(
        html.contains(&format!("/debats/{id}/moderation")),
        "and moderates"
    );
    let (status, list) = app.other_browser().get_html("/debats").await;
    assert_eq!(status, 200);
    assert!(list.contains(&format!("/debats/{id}")) && list.contains("Ouvert"));
    assert!(
        !list.contains("/debats/nouveau"),
        "no button for visitors not signed in"
    );
    let (_, list) = app.get_html("/debats").await;
    assert!(
        list.contains("/debats/nouveau"),
        "a button for the signed in"
    );
    let (_, home) = app.get_html("/").await;
    assert!(home.contains("href=\"/debats\""), "in the menu");
}

async fn an_anonymous_vote_sets_a_cookie_and_the_next_statement_follows(backend: Backend) {
    let Some(app) = TestApp::spawn(backend).await else {
        return;
    };
    app.sign_up_and_in("claire@exemple.fr", "Claire").await;
    let id = create_simple(&app, &SEEDS).await;
    let visitor = app.other_browser();
    let (status, html) = visitor.get_html(&format!("/debats/{id}")).await;
    assert_eq!(status, 200);
    let (first, text) = card(&html).expect("a statement to vote on");
    assert!(SEEDS.contains(&text.as_str()), "{text}");
    assert!(html.contains("Propositions votées\u{a0}: 0 sur 3"));
    assert_eq!(
        visitor.cookie("essaim_participant"),
        None,
        "no cookie to read"
    );
    let r = vote(&visitor, &id, first, "agree").await;
    assert_eq!(r.status(), 303);
    assert_eq!(
        r.headers()["location"].to_str().unwrap(),
        format!("/debats/{id}#voter")
    );
    let key = visitor
        .cookie("essaim_participant")
        .expect("the participant's cookie");
    assert_eq!(key.len(), 32);
    let (_, html) = visitor.get_html(&format!("/debats/{id}")).await;
    let (second, _) = card(&html).expect("the next statement");
    assert_ne!(second, first, "a statement not voted on yet");
    assert!(html.contains("Propositions votées\u{a0}: 1 sur 3"));
    assert!(html.contains("Votre vote\u{a0}: D’accord"), "in the list");
    // The same browser stays the same participant; its second vote adds to the first.
    vote(&visitor, &id, second, "disagree").await;
    assert_eq!(visitor.cookie("essaim_participant"), Some(key));
    let votes = app.store.votes(uuid(&id)).await.unwrap();
    assert_eq!(votes.len(), 2);
    assert_eq!(votes[0].participant_id, votes[1].participant_id);
    let (_, html) = visitor.get_html(&format!("/debats/{id}")).await;
    let (third, _) = card(&html).unwrap();
    vote(&visitor, &id, third, "pass").await;
    let (_, html) = visitor.get_html(&format!("/debats/{id}")).await;
    assert!(card(&html).is_none(), "every statement has a vote");
    assert!(html.contains("Vous avez voté sur toutes les propositions"));
    // Another browser is another participant and starts again.
    let (_, html) = app.other_browser().get_html(&format!("/debats/{id}")).await;
    assert!(card(&html).is_some());
}

async fn changing_a_vote_keeps_one_vote(backend: Backend) {
    let Some(app) = TestApp::spawn(backend).await else {
        return;
    };
    app.sign_up_and_in("claire@exemple.fr", "Claire").await;
    let id = create_simple(&app, &SEEDS).await;
    let visitor = app.other_browser();
    assert_eq!(vote(&visitor, &id, 1, "agree").await.status(), 303);
    let (_, html) = visitor.get_html(&format!("/debats/{id}")).await;
    assert!(
        html.contains("name=\"from\" value=\"list\""),
        "a way to change it"
    );
    let r = visitor
        .post_form(
            &format!("/debats/{id}/votes"),
            &[("statement", "1"), ("vote", "disagree"), ("from", "list")],
        )
        .await;
    assert_eq!(r.status(), 303);
    assert!(r.headers()["location"]
        .to_str()
        .unwrap()
        .ends_with("#vos-votes"));
    let votes = app.store.votes(uuid(&id)).await.unwrap();
    assert_eq!(votes.len(), 1, "{votes:?}");
    assert_eq!((votes[0].statement, votes[0].value), (1, -1));
    // A signed-in person votes as themselves, no cookie needed.
    assert_eq!(vote(&app, &id, 1, "pass").await.status(), 303);
    assert_eq!(app.cookie("essaim_participant"), None);
    assert_eq!(app.store.votes(uuid(&id)).await.unwrap().len(), 2);
}

async fn a_vote_sent_by_the_script_gets_the_next_card_in_json(backend: Backend) {
    let Some(app) = TestApp::spawn(backend).await else {
        return;
    };
    app.sign_up_and_in("claire@exemple.fr", "Claire").await;
    let id = create_simple(&app, &SEEDS[..2]).await;
    let visitor = app.other_browser();
    let csrf = visitor.csrf().await;
    let r = visitor
        .client
        .post(visitor.at(&format!("/debats/{id}/votes")))
        .header("accept", "application/json")
        .form(&[("statement", "0"), ("vote", "agree"), ("_csrf", &csrf)])
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 200);
    assert!(r.headers().get("set-cookie").is_some(), "the cookie too");
    let body: serde_json::Value = r.json().await.unwrap();
    assert_eq!(body["next"]["number"], 1);
    assert_eq!(body["next"]["text"], SEEDS[1]);
    assert_eq!(
        (body["voted"].as_i64(), body["total"].as_i64()),
        (Some(1), Some(2))
    );
    assert_eq!(body["message"], "Vote «\u{a0}d’accord\u{a0}» enregistré.");
    let card_html = body["vote_html"].as_str().unwrap();
    assert_eq!(card(card_html).unwrap().0, 1, "{card_html}");
    assert!(
        card_html.contains("name=\"_csrf\""),
        "a form that can be sent"
    );
    assert!(body["my_votes_html"].as_str().unwrap().contains(SEEDS[0]));
    // The script is served from our origin, as the CSP wants.
    let (_, page) = visitor.get_html(&format!("/debats/{id}")).await;
    let src = page
        .split("<script src=\"")
        .nth(1)
        .and_then(|s| s.split('"').next())
        .expect("the page's script")
        .replace("&#x2f;", "/");
    let js = visitor.get(&src).await;
    assert_eq!(js.status(), 200);
    assert!(js.headers()["content-type"]
        .to_str()
        .unwrap()
        .starts_with("text/javascript"));
}

async fn the_results_place_the_reader_once_the_analysis_has_run(backend: Backend) {
    let Some(app) = TestApp::spawn(backend).await else {
        return;
    };
    app.sign_up_and_in("claire@exemple.fr", "Claire").await;
    let seeds: Vec<String> = (0..8).map(|i| format!("Proposition numéro {i}")).collect();
    let seeds: Vec<&str> = seeds.iter().map(String::as_str).collect();
    let id = create_simple(&app, &seeds).await;
    let cid = uuid(&id);
    let (status, html) = app
        .other_browser()
        .get_html(&format!("/debats/{id}/resultats"))
        .await;
    assert_eq!(status, 200);
    assert!(html.contains("Les résultats apparaîtront dès les premiers votes"));
    // Two camps of five, voting in the store.
    let now = utc_now();
    for p in 0..10 {
        let me = app
            .store
            .participant_for_key(cid, &format!("cle-{p}"), now)
            .await
            .unwrap();
        for s in 0..8 {
            let v = if s == 0 || (p < 5) == (s % 2 == 0) {
                1
            } else {
                -1
            };
            app.store.cast_vote(cid, me, s, v, now).await.unwrap();
        }
    }
    // The reader votes by the page, like the first camp.
    let reader = app.other_browser();
    for _ in 0..8 {
        let (_, html) = reader.get_html(&format!("/debats/{id}")).await;
        let (n, _) = card(&html).expect("a statement");
        let v = if n % 2 == 0 { "agree" } else { "disagree" };
        assert_eq!(vote(&reader, &id, n, v).await.status(), 303);
    }
    let (_, html) = reader.get_html(&format!("/debats/{id}/resultats")).await;
    assert!(
        !html.contains("opinion-map\""),
        "no map before the analysis has run"
    );
    let analysis = essaim_web::deliberation::recompute(app.store.as_ref(), cid)
        .await
        .unwrap()
        .unwrap();
    assert!(
        analysis.enough_data && analysis.groups.len() == 2,
        "{analysis:?}"
    );
    let (status, html) = reader.get_html(&format!("/debats/{id}/resultats")).await;
    assert_eq!(status, 200);
    assert!(html.contains("class=\"opinion-map\"") && html.contains("role=\"img\""));
    assert!(
        html.contains("<title id=\"map-title\">"),
        "the map has a title"
    );
    assert!(html.contains("class=\"og-me\""), "the reader's mark");
    assert!(html.contains(">vous</text>"), "labelled in words");
    assert!(html.contains("Groupe A") && html.contains("Groupe B"));
    assert!(
        html.contains("<caption id=\"groups-table-caption\">"),
        "a text alternative"
    );
    assert!(html.contains("le plus proche de vous"));
    assert!(html.contains("Analyse calculée le"));
    assert!(
        html.contains("Proposition numéro 0") && html.contains("Large accord"),
        "everyone agrees with statement 0"
    );
    // Someone who has not voted sees the map without a mark.
    let (_, html) = app
        .other_browser()
        .get_html(&format!("/debats/{id}/resultats"))
        .await;
    assert!(!html.contains("class=\"og-me\""));
    assert!(html.contains("Votez pour voir votre position"));
    // A vote since the analysis: the results say it is being updated.
    vote(&app, &id, 0, "agree").await;
    let (_, html) = reader.get_html(&format!("/debats/{id}/resultats")).await;
    assert!(html.contains("Mise à jour en cours"));
    let (status, report) = reader.get_html(&format!("/debats/{id}/rapport")).await;
    assert_eq!(status, 200);
    assert!(report.contains("Toutes les propositions") && report.contains("<table"));
}

async fn statements_are_added_moderated_and_featured(backend: Backend) {
    let Some(app) = TestApp::spawn(backend).await else {
        return;
    };
    app.sign_up_and_in("claire@exemple.fr", "Claire").await;
    let id = create(
        &app,
        &[
            ("question", "Que faire de la friche du port ?"),
            ("seeds", "Un jardin partagé"),
            ("open_for_statements", "on"),
            ("anonymous_allowed", "on"),
            ("moderation", "pre"),
        ],
    )
    .await;
    let visitor = app.other_browser();
    let r = visitor
        .post_form(
            &format!("/debats/{id}/propositions"),
            &[("proposition", "  Une   guinguette l'été  ")],
        )
        .await;
    assert_eq!(r.status(), 303);
    assert_eq!(
        r.headers()["location"].to_str().unwrap(),
        format!("/debats/{id}?proposition=attente#proposer")
    );
    assert!(visitor.cookie("essaim_participant").is_some());
    let (_, html) = visitor
        .get_html(&format!("/debats/{id}?proposition=attente"))
        .await;
    assert!(html.contains("attend la relecture d’un modérateur"));
    assert!(
        html.contains("Une guinguette l&#x27;été"),
        "listed as waiting: {html}"
    );
    let statements = app.store.statements(uuid(&id)).await.unwrap();
    let added = statements.iter().find(|s| !s.seed).unwrap();
    assert_eq!(
        (added.text.as_str(), added.status.as_str()),
        ("Une guinguette l'été", "pending")
    );
    // Not votable while it waits.
    let r = vote(&visitor, &id, added.number, "agree").await;
    assert_eq!(r.status(), 409);
    // The moderator's queue holds it; accepting then featuring puts it first for everyone.
    let (status, queue) = app.get_html(&format!("/debats/{id}/moderation")).await;
    assert_eq!(status, 200);
    assert!(queue.contains("Une guinguette l&#x27;été") && queue.contains("En attente (une)"));
    let decide = |decision: &'static str| {
        let app = &app;
        let path = format!("/debats/{id}/moderation/{}", added.number);
        async move { app.post_form(&path, &[("decision", decision)]).await }
    };
    let r = decide("accept").await;
    assert_eq!(r.status(), 303);
    assert!(r.headers()["location"]
        .to_str()
        .unwrap()
        .ends_with(&format!("#s{}", added.number)));
    assert_eq!(decide("feature").await.status(), 303);
    let s = app.store.statements(uuid(&id)).await.unwrap();
    assert!(s
        .iter()
        .any(|s| s.number == added.number && s.status == "accepted" && s.featured));
    for _ in 0..3 {
        let (_, html) = app.other_browser().get_html(&format!("/debats/{id}")).await;
        assert_eq!(card(&html).unwrap().0, added.number, "featured first");
    }
    assert_eq!(decide("nonsense").await.status(), 400);
    assert_eq!(decide("reject").await.status(), 303);
    let (_, html) = app.other_browser().get_html(&format!("/debats/{id}")).await;
    assert_eq!(card(&html).unwrap().0, 0, "rejected: no longer shown");
    // With post-moderation, a statement is published at once and counts as its author's vote.
    let open = create_simple(&app, &SEEDS).await;
    let r = visitor
        .post_form(
            &format!("/debats/{open}/propositions"),
            &[("proposition", "Des vélos en libre-service")],
        )
        .await;
    assert_eq!(
        r.headers()["location"].to_str().unwrap(),
        format!("/debats/{open}?proposition=publiee#proposer")
    );
    let votes = app.store.votes(uuid(&open)).await.unwrap();
    assert_eq!(votes.len(), 1);
    assert_eq!((votes[0].statement, votes[0].value), (3, 1));
    let (_, html) = visitor
        .get_html(&format!("/debats/{open}?proposition=publiee"))
        .await;
    assert!(html.contains("Votre proposition est publiée"));
}

async fn the_creation_form_refuses_bad_input_and_keeps_values(backend: Backend) {
    let Some(app) = TestApp::spawn(backend).await else {
        return;
    };
    app.sign_up_and_in("claire@exemple.fr", "Claire").await;
    let post = |fields: Vec<(&'static str, &'static str)>| {
        let app = &app;
        async move {
            let r = app.post_form("/debats", &fields).await;
            (r.status().as_u16(), r.text().await.unwrap())
        }
    };
    let (status, html) = post(vec![
        ("question", "Vélo"),
        ("description", "Un contexte gardé"),
        ("challenge", "astrologie"),
        ("territories", "commune:99999"),
        ("opens_at", "1er mai"),
        ("closes_at", "2026-05-01T10:00"),
        ("moderation", "jamais"),
    ])
    .await;
    assert_eq!(status, 422);
    for message in [
        "La question est trop courte",
        "Ce défi n’existe pas",
        "Territoire introuvable",
        "Date non reconnue",
        "Choisissez comment les propositions sont modérées",
    ] {
        assert!(html.contains(message), "{message}");
    }
    assert!(
        html.contains("Un contexte gardé") && html.contains("value=\"Vélo\""),
        "values kept"
    );
    assert!(html.contains("class=\"error-summary\""));
    let (status, html) = post(vec![
        ("question", "Une question assez longue"),
        ("opens_at", "2026-05-02T10:00"),
        ("closes_at", "2026-05-01T10:00"),
    ])
    .await;
    assert_eq!(status, 422);
    assert!(html.contains("La clôture doit venir après l’ouverture"));
    assert!(
        html.contains("value=\"2026-05-02T10:00\""),
        "the dates are kept"
    );
    let (status, html) = post(vec![
        ("question", "Une question assez longue"),
        ("seeds", "Plus de vélos !\nDes bancs\n\nplus de velos"),
    ])
    .await;
    assert_eq!(status, 422);
    assert!(
        html.contains("Ligne 4\u{a0}: cette proposition reprend celle de la ligne 1."),
        "{html}"
    );
    let long: &'static str = Box::leak(format!("Une\n{}", "é".repeat(281)).into_boxed_str());
    let (status, html) = post(vec![
        ("question", "Une question assez longue"),
        ("seeds", long),
    ])
    .await;
    assert_eq!(status, 422);
    assert!(html.contains("Ligne 2\u{a0}: Cette proposition est trop longue"));
    let (status, html) = post(vec![
        ("question", "Une question assez longue"),
        ("initiatives", "https://ailleurs.example/pages/12"),
    ])
    .await;
    assert_eq!(status, 422);
    assert!(html.contains("Adresse d’initiative non reconnue"));
    let (status, html) = post(vec![
        ("question", "Une question assez longue"),
        (
            "initiatives",
            "/initiatives/0190a5c8-3f1e-7c3a-9b2d-1a2b3c4d5e6f",
        ),
        ("structure", "0190a5c8-3f1e-7c3a-9b2d-1a2b3c4d5e6f"),
    ])
    .await;
    assert_eq!(status, 422);
    assert!(html.contains("n’existe pas ou n’est pas publiée"));
    assert!(html.contains("Choisissez une structure dont vous êtes gestionnaire"));
    assert_eq!(app.store.count_conversations().await.unwrap(), 0);
    // An unconfirmed account may not create one.
    let other = app.other_browser();
    let r = other
        .post_form(
            "/inscription",
            &[
                ("email", "leo@exemple.fr"),
                ("name", "Léo"),
                ("password", crate::common::PASSWORD),
            ],
        )
        .await;
    assert_eq!(r.status(), 200);
    other
        .sign_in("leo@exemple.fr", crate::common::PASSWORD)
        .await;
    let r = other
        .post_form("/debats", &[("question", "Une question assez longue")])
        .await;
    assert_eq!(r.status(), 403);
}

async fn votes_and_statements_refuse_bad_input(backend: Backend) {
    let Some(app) = TestApp::spawn(backend).await else {
        return;
    };
    app.sign_up_and_in("claire@exemple.fr", "Claire").await;
    let id = create_simple(&app, &SEEDS).await;
    let visitor = app.other_browser();
    let r = vote(&visitor, &id, 0, "peut-être").await;
    assert_eq!(r.status(), 400);
    assert!(r.text().await.unwrap().contains("Ce vote n’existe pas"));
    let r = vote(&visitor, &id, 42, "agree").await;
    assert_eq!(r.status(), 404);
    assert!(r
        .text()
        .await
        .unwrap()
        .contains("Cette proposition n’existe pas dans ce débat"));
    let r = visitor
        .post_form(
            &format!("/debats/{id}/votes"),
            &[("statement", "un"), ("vote", "agree")],
        )
        .await;
    assert_eq!(r.status(), 404);
    assert_eq!(
        visitor.cookie("essaim_participant"),
        None,
        "refused votes make no participant"
    );
    let r = vote(&visitor, &id, 0, "agree").await;
    assert_eq!(r.status(), 303);
    assert_eq!(
        app.get(&format!("/debats/{}/votes", Uuid::nil()))
            .await
            .status(),
        405
    );
    let r = vote(&visitor, &Uuid::nil().to_string(), 0, "agree").await;
    assert_eq!(r.status(), 404);
    let propose = |text: String| {
        let visitor = &visitor;
        let path = format!("/debats/{id}/propositions");
        async move {
            let r = visitor.post_form(&path, &[("proposition", &text)]).await;
            (r.status().as_u16(), r.text().await.unwrap())
        }
    };
    let (status, html) = propose("é".repeat(281)).await;
    assert_eq!(status, 422);
    assert!(html.contains("Cette proposition est trop longue"));
    assert!(html.contains(&"é".repeat(281)), "the text typed is kept");
    assert!(html.contains("aria-invalid=\"true\""));
    let (status, html) = propose("   ".into()).await;
    assert_eq!(status, 422);
    assert!(html.contains("Écrivez votre proposition"));
    let (status, html) = propose("plus de PISTES cyclables, séparées des voitures !".into()).await;
    assert_eq!(status, 422);
    assert!(html.contains("Cette proposition existe déjà dans ce débat"));
    assert!(html.contains("plus de PISTES cyclables"));
    assert_eq!(app.store.statements(uuid(&id)).await.unwrap().len(), 3);
}

async fn closed_and_sign_in_only_conversations_refuse_participation(backend: Backend) {
    let Some(app) = TestApp::spawn(backend).await else {
        return;
    };
    app.sign_up_and_in("claire@exemple.fr", "Claire").await;
    let closed = create(
        &app,
        &[
            ("question", "Un débat de l'an dernier"),
            ("seeds", "Une proposition"),
            ("open_for_statements", "on"),
            ("anonymous_allowed", "on"),
            ("opens_at", "2020-01-01T10:00"),
            ("closes_at", "2020-02-01"),
        ],
    )
    .await;
    let visitor = app.other_browser();
    let (status, html) = visitor.get_html(&format!("/debats/{closed}")).await;
    assert_eq!(status, 200);
    assert!(html.contains("Ce débat est clos"));
    assert!(
        card(&html).is_none() && !html.contains("/propositions\""),
        "no forms"
    );
    let r = vote(&visitor, &closed, 0, "agree").await;
    assert_eq!(r.status(), 409);
    assert!(r.text().await.unwrap().contains("Ce débat est clos"));
    let r = visitor
        .post_form(
            &format!("/debats/{closed}/propositions"),
            &[("proposition", "Trop tard")],
        )
        .await;
    assert_eq!(r.status(), 409);
    let upcoming = create(
        &app,
        &[
            ("question", "Un débat de l'an prochain"),
            ("seeds", "Une proposition"),
            ("anonymous_allowed", "on"),
            ("opens_at", "2999-01-01"),
        ],
    )
    .await;
    let (_, html) = visitor.get_html(&format!("/debats/{upcoming}")).await;
    assert!(html.contains("Ce débat ouvrira le 2999-01-01 à 00:00"));
    assert_eq!(vote(&visitor, &upcoming, 0, "agree").await.status(), 409);
    let members = create(
        &app,
        &[
            ("question", "Un débat entre personnes connectées"),
            ("seeds", "Une proposition"),
            ("open_for_statements", "on"),
        ],
    )
    .await;
    let (_, html) = visitor.get_html(&format!("/debats/{members}")).await;
    assert!(html.contains("réservé aux personnes connectées"));
    assert!(html
        .replace("&#x2f;", "/")
        .contains(&format!("/connexion?suivant=/debats/{members}")));
    assert!(card(&html).is_none());
    let r = vote(&visitor, &members, 0, "agree").await;
    assert_eq!(r.status(), 303);
    assert_eq!(
        r.headers()["location"].to_str().unwrap(),
        format!("/connexion?suivant=%2Fdebats%2F{members}")
    );
    let r = visitor
        .post_form(
            &format!("/debats/{members}/propositions"),
            &[("proposition", "Sans compte")],
        )
        .await;
    assert_eq!(r.status(), 303);
    assert!(app.store.votes(uuid(&members)).await.unwrap().is_empty());
    assert_eq!(visitor.cookie("essaim_participant"), None);
    // Signed in, the same person takes part.
    assert_eq!(vote(&app, &members, 0, "agree").await.status(), 303);
    // Statements closed: no form, and a POST is refused.
    let no_statements = create(
        &app,
        &[
            ("question", "Seulement voter"),
            ("seeds", "Une proposition"),
            ("anonymous_allowed", "on"),
        ],
    )
    .await;
    let (_, html) = visitor.get_html(&format!("/debats/{no_statements}")).await;
    assert!(card(&html).is_some() && !html.contains("/propositions\""));
    let r = visitor
        .post_form(
            &format!("/debats/{no_statements}/propositions"),
            &[("proposition", "Quand même")],
        )
        .await;
    assert_eq!(r.status(), 409);
}

async fn moderation_and_settings_are_for_moderators(backend: Backend) {
    let Some(app) = TestApp::spawn(backend).await else {
        return;
    };
    app.sign_up_and_in("claire@exemple.fr", "Claire").await;
    let id = create_simple(&app, &SEEDS).await;
    let leo = app.other_browser();
    leo.sign_up_and_in("leo@exemple.fr", "Léo").await;
    assert_eq!(
        leo.get(&format!("/debats/{id}/moderation")).await.status(),
        403
    );
    let r = leo
        .post_form(
            &format!("/debats/{id}/moderation/0"),
            &[("decision", "reject")],
        )
        .await;
    assert_eq!(r.status(), 403);
    assert_eq!(
        leo.get(&format!("/debats/{id}/modifier")).await.status(),
        403
    );
    let r = leo
        .post_form(
            &format!("/debats/{id}/modifier"),
            &[("question", "Détourné ?")],
        )
        .await;
    assert_eq!(r.status(), 403);
    let (_, page) = leo.get_html(&format!("/debats/{id}")).await;
    assert!(
        !page.contains("/moderation\""),
        "no moderation link for others"
    );
    let anonymous = app.other_browser();
    let r = anonymous.get(&format!("/debats/{id}/moderation")).await;
    assert_eq!(r.status(), 303);
    assert!(r.headers()["location"]
        .to_str()
        .unwrap()
        .starts_with("/connexion"));
    assert_eq!(
        app.store.statements(uuid(&id)).await.unwrap()[0].status,
        "accepted"
    );
    // The creator edits: the form shows the settings, bad input is refused, a good one saved.
    let (status, form) = app.get_html(&format!("/debats/{id}/modifier")).await;
    assert_eq!(status, 200);
    assert!(form.contains("value=\"Comment circuler à vélo dans Brest ?\""));
    assert!(!form.contains("name=\"seeds\""), "seeds only at creation");
    let r = app
        .post_form(&format!("/debats/{id}/modifier"), &[("question", "")])
        .await;
    assert_eq!(r.status(), 422);
    assert!(r
        .text()
        .await
        .unwrap()
        .contains("Écrivez la question du débat"));
    let r = app
        .post_form(
            &format!("/debats/{id}/modifier"),
            &[
                ("question", "Comment circuler à vélo dans le Finistère ?"),
                ("territories", "Brest\ndepartement:29"),
                ("moderation", "pre"),
            ],
        )
        .await;
    assert_eq!(r.status(), 303);
    let c = app.store.conversation(uuid(&id)).await.unwrap().unwrap();
    assert_eq!(c.question, "Comment circuler à vélo dans le Finistère ?");
    assert_eq!(c.territories, "commune:29019 departement:29");
    assert_eq!(c.moderation, "pre");
    assert!(
        !c.anonymous_allowed && !c.open_for_statements,
        "unticked boxes"
    );
    // A platform moderator moderates any conversation.
    let leo_id = app
        .store
        .person_by_email("leo@exemple.fr")
        .await
        .unwrap()
        .unwrap()
        .id;
    app.store
        .set_roles(leo_id, &[essaim_domain::person::PlatformRole::Moderator])
        .await
        .unwrap();
    assert_eq!(
        leo.get(&format!("/debats/{id}/moderation")).await.status(),
        200
    );
}

async fn exports_read_back_with_the_polis_parsers(backend: Backend) {
    let Some(app) = TestApp::spawn(backend).await else {
        return;
    };
    app.sign_up_and_in("claire@exemple.fr", "Claire").await;
    let id = create_simple(&app, &SEEDS).await;
    let a = app.other_browser();
    let b = app.other_browser();
    vote(&a, &id, 0, "agree").await;
    vote(&a, &id, 1, "disagree").await;
    vote(&b, &id, 0, "pass").await;
    vote(&app, &id, 2, "agree").await;
    b.post_form(
        &format!("/debats/{id}/propositions"),
        &[("proposition", "Des stationnements sécurisés")],
    )
    .await;
    essaim_web::deliberation::recompute(app.store.as_ref(), uuid(&id))
        .await
        .unwrap();
    let anonymous = app.other_browser();
    let get = |file: &'static str| {
        let anonymous = &anonymous;
        let path = format!("/debats/{id}/export/{file}");
        async move {
            let r = anonymous.get(&path).await;
            assert_eq!(r.status(), 200, "{path}");
            assert!(r.headers()["content-type"]
                .to_str()
                .unwrap()
                .starts_with("text/csv"));
            r.text().await.unwrap()
        }
    };
    let comments = polis::parse_comments(&get("comments.csv").await).unwrap();
    assert_eq!(comments.len(), 4);
    assert_eq!(comments[3].text, "Des stationnements sécurisés");
    assert!(comments[3].author.is_some() && comments[0].author.is_none());
    assert!(comments.iter().all(|c| c.moderated == 1));
    let votes = polis::parse_votes(&get("votes.csv").await).unwrap();
    assert_eq!(votes.len(), 5, "{votes:?}");
    let (participants, matrix) =
        polis::parse_participants_votes(&get("participants-votes.csv").await).unwrap();
    assert_eq!(participants.len(), 3);
    assert_eq!(matrix, votes, "the same votes in both files");
    let summary = get("summary.csv").await;
    let (topic, url) = polis::parse_summary(&summary);
    assert_eq!(
        topic.as_deref(),
        Some("Comment circuler à vélo dans Brest ?")
    );
    assert_eq!(url, Some(app.at(&format!("/debats/{id}"))));
    assert!(summary.contains("voters,3"));
    let export = polis::PolisExport::read(
        &get("comments.csv").await,
        Some(&get("votes.csv").await),
        Some(&get("participants-votes.csv").await),
        Some(&summary),
    )
    .unwrap();
    assert_eq!(export.accepted().len(), 4);
    for file in [
        "comments.csv",
        "votes.csv",
        "participants-votes.csv",
        "summary.csv",
    ] {
        assert!(
            !get(file).await.contains("@exemple.fr"),
            "nobody named in {file}"
        );
    }
    assert_eq!(
        anonymous
            .get(&format!("/debats/{}/export/votes.csv", Uuid::nil()))
            .await
            .status(),
        404
    );
}

async fn an_initiative_lists_its_debates(backend: Backend) {
    let Some(app) = TestApp::spawn(backend).await else {
        return;
    };
    app.sign_up_and_in("claire@exemple.fr", "Claire").await;
    let r = app
        .post_form(
            "/initiatives",
            &[
                ("title", "Vélo-école des Capucins"),
                ("summary", "Apprendre le vélo à tout âge."),
                ("territories", "Brest"),
                ("stage", "experimentation"),
                ("action", "publish"),
            ],
        )
        .await;
    assert_eq!(r.status(), 303);
    let initiative = r.headers()["location"].to_str().unwrap().to_owned();
    let address = app.at(&initiative);
    let id = create(
        &app,
        &[
            ("question", "Où ouvrir la prochaine vélo-école ?"),
            ("initiatives", &address),
            ("challenge", "mobilite"),
            ("territories", "Brest"),
        ],
    )
    .await;
    let (_, page) = app.other_browser().get_html(&initiative).await;
    assert!(page.contains("Où ouvrir la prochaine vélo-école ?"));
    assert!(page.contains(&format!("/debats/{id}")));
    // Its settings show the initiative by its address, and saving them keeps the link.
    let (_, form) = app.get_html(&format!("/debats/{id}/modifier")).await;
    assert!(form.replace("&#x2f;", "/").contains(&address), "{form}");
    let r = app
        .post_form(
            &format!("/debats/{id}/modifier"),
            &[
                ("question", "Où ouvrir la prochaine vélo-école ?"),
                ("initiatives", &address),
                ("challenge", "mobilite"),
            ],
        )
        .await;
    assert_eq!(r.status(), 303);
    assert_eq!(
        app.store.conversation_initiatives(uuid(&id)).await.unwrap(),
        [uuid(initiative.trim_start_matches("/initiatives/"))]
    );
    let (_, debate) = app.other_browser().get_html(&format!("/debats/{id}")).await;
    assert!(
        debate.contains(&format!("href=\"{initiative}\"")),
        "and back"
    );
    assert!(
        debate.contains("Mobilité") || debate.contains("mobilit"),
        "its challenge"
    );
}
