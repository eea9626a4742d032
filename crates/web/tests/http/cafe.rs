//! World Café: a facilitator sets a café up, gathers 40 participants (registrants and people
//! added by name), plans 3 rounds, prints itineraries and table sheets, runs the live screen,
//! hosts type the harvest through their table's link, and the synthesis shows it (published,
//! exported); bad input through every form; 404 for everyone else; the API.

use crate::common::{location, Backend, TestApp};
use chrono::{Duration, Utc};
use essaim_domain::deliberation::conversation::datetime_local;
use serde_json::{json, Value};
use std::collections::{HashMap, HashSet};

crate::on_both_backends!(
    a_facilitator_runs_a_forty_person_cafe_from_plan_to_synthesis,
    bad_input_is_explained_and_forms_keep_what_was_typed,
    the_api_sets_plans_reads_and_harvests,
    pages_write_nothing_and_registrants_follow_on_a_post,
    plans_are_throttled_per_person,
    a_meetup_has_no_cafe_and_a_link_opens_its_own_cafe_only,
);

/// An organiser (signed in, managing a structure) and a World Café event they created.
async fn facilitator_with_cafe_event(app: &TestApp) -> String {
    app.sign_up_and_in("animation@exemple.fr", "Morgane").await;
    let r = app
        .post_form(
            "/structures",
            &[
                ("name", "Tiers-lieu du Port"),
                ("kind", "association"),
                ("territory", "commune:29019"),
            ],
        )
        .await;
    assert_eq!(r.status(), 303, "structure created");
    let s = location(&r).trim_start_matches("/structures/").to_owned();
    let starts = datetime_local(Utc::now() + Duration::days(4));
    let ends = datetime_local(Utc::now() + Duration::days(4) + Duration::hours(3));
    let r = app
        .post_form(
            "/evenements",
            &[
                ("kind", "world_cafe"),
                ("title", "Café des transitions"),
                ("description", "Trois questions, trois tours."),
                ("starts_at", &starts),
                ("ends_at", &ends),
                ("address", "2 rue de Siam"),
                ("commune", "Brest"),
                ("online_url", ""),
                ("capacity", ""),
                ("registration_open", "on"),
                ("organiser", &s),
            ],
        )
        .await;
    assert_eq!(
        r.status(),
        303,
        "event created: {}",
        r.text().await.unwrap()
    );
    location(&r).trim_start_matches("/evenements/").to_owned()
}

async fn person(app: &TestApp, email: &str, name: &str) -> TestApp {
    let b = app.other_browser();
    b.sign_up_and_in(email, name).await;
    b
}

const QUESTIONS: &str =
    "Qu’est-ce qui marche déjà ici ?\nQu’est-ce qui manque ?\nQue fait-on dès demain ?";

fn settings_fields<'a>(table_size: &'a str, rounds: &'a str) -> Vec<(&'a str, &'a str)> {
    vec![
        ("questions", QUESTIONS),
        ("layout", "size"),
        ("table_size", table_size),
        ("tables", ""),
        ("rounds", rounds),
        ("minutes", "20"),
    ]
}

/// The pairs who share a table more than once, and the most meetings of a pair, recounted
/// from the API's schedule.
fn recount(schedule: &Value) -> (usize, usize) {
    let mut meetings: HashMap<(String, String), usize> = HashMap::new();
    for round in schedule["rounds"].as_array().unwrap() {
        for table in round["tables"].as_array().unwrap() {
            let ids: Vec<String> = table["participants"]
                .as_array()
                .unwrap()
                .iter()
                .map(|p| p["id"].as_str().unwrap().to_owned())
                .collect();
            for (i, a) in ids.iter().enumerate() {
                for b in &ids[i + 1..] {
                    let key = if a < b {
                        (a.clone(), b.clone())
                    } else {
                        (b.clone(), a.clone())
                    };
                    *meetings.entry(key).or_default() += 1;
                }
            }
        }
    }
    (
        meetings.values().filter(|&&m| m > 1).count(),
        meetings.values().copied().max().unwrap_or(0),
    )
}

/// The links of the table sheets, in order.
fn table_links(html: &str) -> Vec<String> {
    // Templates escape "/" in attributes.
    let html = html.replace("&#x2f;", "/");
    let mut out = vec![];
    let mut rest = html.as_str();
    while let Some(i) = rest.find("class=\"cafe-link\" href=\"") {
        rest = &rest[i + 24..];
        let end = rest.find('"').unwrap();
        // Absolute links (the site's base URL): keep the path.
        let full = &rest[..end];
        let link = full[full.find("/evenements/").unwrap()..].to_owned();
        if !out.contains(&link) {
            out.push(link);
        }
        rest = &rest[end..];
    }
    out
}

async fn a_facilitator_runs_a_forty_person_cafe_from_plan_to_synthesis(backend: Backend) {
    let Some(app) = TestApp::spawn(backend).await else {
        return;
    };
    let id = facilitator_with_cafe_event(&app).await;
    let cafe = format!("/evenements/{id}/cafe");

    // The event page leads the organiser to the café.
    let (_, html) = app.get_html(&format!("/evenements/{id}")).await;
    assert!(html.contains(&cafe), "the event page links to the café");

    // Settings.
    let (status, html) = app.get_html(&cafe).await;
    assert_eq!(status, 200);
    crate::pages::assert_accessible_layout(&html, "/evenements/{id}/cafe");
    let r = app.post_form(&cafe, &settings_fields("5", "3")).await;
    assert_eq!(r.status(), 303, "{}", r.text().await.unwrap());
    let (_, html) = app.get_html(&cafe).await;
    assert!(html.contains("Que fait-on dès demain ?"));

    // Five people register; thirty-five are added by name, from four sectors.
    let mut registrants = vec![];
    for i in 0..5 {
        let b = person(
            &app,
            &format!("venu{i}@exemple.fr"),
            &format!("Inscrit {i}"),
        )
        .await;
        let r = b
            .post_form(&format!("/evenements/{id}/inscription"), &[])
            .await;
        assert_eq!(r.status(), 303);
        registrants.push(b);
    }
    let sectors = ["public", "prive", "associatif", "citoyen"];
    for i in 0..35 {
        let name = format!("Invité {i:02}");
        let r = app
            .post_form(
                &format!("{cafe}/participants"),
                &[
                    ("name", &name),
                    ("sector", sectors[i % 4]),
                    ("structure", if i % 7 == 0 { "Mairie" } else { "" }),
                    ("host_table", ""),
                ],
            )
            .await;
        assert_eq!(r.status(), 303, "{}", r.text().await.unwrap());
    }
    let (status, html) = app.get_html(&format!("{cafe}/participants")).await;
    assert_eq!(status, 200);
    crate::pages::assert_accessible_layout(&html, "/evenements/{id}/cafe/participants");
    assert!(html.contains("40 participants"), "registrants are included");
    // Each row's four fields name the person in their labels (not forty bare "Secteur").
    assert_eq!(
        html.matches("<span class=\"visually-hidden\"> — Invité 00</span></label>")
            .count(),
        4
    );
    // A registrant is not removed by hand (they would come back): they cancel instead.
    let registrant_id = {
        let at = html.find("Inscrit 1").unwrap();
        let start = html[at..].find("/cafe/participants/").unwrap() + at + 19;
        html[start..start + 36].to_owned()
    };
    let r = app
        .post_form(&format!("{cafe}/participants/{registrant_id}/retrait"), &[])
        .await;
    assert_eq!(r.status(), 409);
    assert!(html.contains("Inscrit 3") && html.contains("Invité 34"));

    // A host is pinned to table 2: find "Invité 00"'s row and set it.
    let api_token = app.api_token().await;
    let r = app
        .client
        .get(app.at(&format!("/api/v1/events/{id}/cafe/schedule")))
        .bearer_auth(&api_token)
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 200, "an empty schedule before the plan");
    let pid = {
        let marker = "Invité 00";
        let at = html.find(marker).unwrap();
        let form = &html[at..];
        let start = form.find("/cafe/participants/").unwrap() + "/cafe/participants/".len();
        form[start..start + 36].to_owned()
    };
    let r = app
        .post_form(
            &format!("{cafe}/participants/{pid}"),
            &[
                ("name", "Invité 00"),
                ("sector", "public"),
                ("structure", "Mairie"),
                ("host_table", "2"),
            ],
        )
        .await;
    assert_eq!(r.status(), 303, "{}", r.text().await.unwrap());

    // Plan the rotation.
    let r = app.post_form(&format!("{cafe}/plan"), &[]).await;
    assert_eq!(r.status(), 303, "{}", r.text().await.unwrap());
    let (status, html) = app.get_html(&format!("{cafe}/plan")).await;
    assert_eq!(status, 200);
    crate::pages::assert_accessible_layout(&html, "/evenements/{id}/cafe/plan");
    let schedule: Value = app
        .client
        .get(app.at(&format!("/api/v1/events/{id}/cafe/schedule")))
        .bearer_auth(&api_token)
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    let rounds = schedule["rounds"].as_array().unwrap();
    assert_eq!(rounds.len(), 3);
    for round in rounds {
        let tables = round["tables"].as_array().unwrap();
        assert_eq!(tables.len(), 8, "40 people at tables of 5");
        let mut seen = HashSet::new();
        for t in tables {
            let people = t["participants"].as_array().unwrap();
            assert_eq!(people.len(), 5);
            for p in people {
                assert!(seen.insert(p["id"].as_str().unwrap().to_owned()));
            }
        }
        assert_eq!(seen.len(), 40, "everyone sits once per round");
        // The host stays at table 2.
        assert!(tables[1]["participants"]
            .as_array()
            .unwrap()
            .iter()
            .any(|p| p["id"] == pid.as_str() && p["host"] == true));
    }
    let (repeated, max) = recount(&schedule);
    assert_eq!(schedule["repeated_pairs"], repeated);
    assert_eq!(schedule["max_meetings"], max);
    assert!(html.contains(&format!("<dd id=\"repeated-pairs\">{repeated}</dd>")));
    assert!(max <= 2, "3 rounds of 40 people need not repeat much");

    // Re-planning asks for a confirmation first.
    let r = app.post_form(&format!("{cafe}/plan"), &[]).await;
    assert_eq!(r.status(), 409);
    let html = r.text().await.unwrap();
    assert!(html.contains("cochez la case"));

    // A swap by hand in round 2, and the report follows.
    let round2 = &rounds[1]["tables"];
    let a = round2[0]["participants"][1]["id"]
        .as_str()
        .unwrap()
        .to_owned();
    let b = round2[3]["participants"][1]["id"]
        .as_str()
        .unwrap()
        .to_owned();
    let r = app
        .post_form(
            &format!("{cafe}/plan/ajustement"),
            &[
                ("round", "2"),
                ("participant", &a),
                ("table", ""),
                ("swap_with", &b),
            ],
        )
        .await;
    assert_eq!(r.status(), 303, "{}", r.text().await.unwrap());
    let after: Value = app
        .client
        .get(app.at(&format!("/api/v1/events/{id}/cafe/schedule")))
        .bearer_auth(&api_token)
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    let ids_at = |s: &Value, r: usize, t: usize| -> Vec<String> {
        s["rounds"][r]["tables"][t]["participants"]
            .as_array()
            .unwrap()
            .iter()
            .map(|p| p["id"].as_str().unwrap().to_owned())
            .collect()
    };
    assert!(ids_at(&after, 1, 3).contains(&a));
    assert!(ids_at(&after, 1, 0).contains(&b));
    let (repeated, max) = recount(&after);
    assert_eq!(after["repeated_pairs"], repeated);
    assert_eq!(after["max_meetings"], max);

    // Printables: an itinerary per person, a sheet per table with its link; print styles.
    let (status, html) = app.get_html(&format!("{cafe}/itineraires")).await;
    assert_eq!(status, 200);
    crate::pages::assert_accessible_layout(&html, "/evenements/{id}/cafe/itineraires");
    assert_eq!(html.matches("class=\"cafe-itinerary\"").count(), 40);
    assert!(html.contains("Qu’est-ce qui manque ?"));
    assert!(html.contains("Vous animez la table 2"));
    let css_path = {
        let html = html.replace("&#x2f;", "/");
        let i = html.find("/cafe.css").unwrap();
        let start = html[..i].rfind('"').unwrap() + 1;
        html[start..i + 9].to_owned()
    };
    let css = app.get(&css_path).await.text().await.unwrap();
    assert!(css.contains("@media print") && css.contains("break-after: page"));
    let (status, html) = app.get_html(&format!("{cafe}/tables")).await;
    assert_eq!(status, 200);
    crate::pages::assert_accessible_layout(&html, "/evenements/{id}/cafe/tables");
    assert_eq!(html.matches("class=\"cafe-sheet\"").count(), 8);
    let links = table_links(&html);
    assert_eq!(links.len(), 8);
    let token = links[0].rsplit("jeton=").next().unwrap().to_owned();
    assert!(token.len() >= 32, "at least 128 bits");
    // The token is in the query, never in the path (paths are logged); no route takes it there.
    assert!(
        links[0].ends_with(&format!("/cafe/table/1/lien?jeton={token}")),
        "{}",
        links[0]
    );
    let in_path = links[0].replace(&format!("lien?jeton={token}"), &token);
    assert_eq!(app.other_browser().get(&in_path).await.status(), 404);

    // The live screen.
    let live = format!("{cafe}/direct");
    let (status, html) = app.get_html(&live).await;
    assert_eq!(status, 200);
    crate::pages::assert_accessible_layout(&html, "/evenements/{id}/cafe/direct");
    assert!(html.contains("n’a pas commencé"));
    assert_eq!(
        app.post_form(&live, &[("action", "start")]).await.status(),
        303
    );
    let (_, html) = app.get_html(&live).await;
    assert!(html.contains("Tour 1 sur 3"));
    let en = app
        .client
        .get(app.at(&live))
        .header("accept-language", "en")
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(en.contains("Round 1 of 3") && en.contains("End the café"));
    assert!(html.contains("Qu’est-ce qui marche déjà ici ?"));
    let remaining: i64 = {
        let i = html.find("data-cafe-remaining=\"").unwrap() + 21;
        html[i..].split('"').next().unwrap().parse().unwrap()
    };
    assert!((1190..=1200).contains(&remaining), "{remaining}");
    assert!(html.contains("20:00") || html.contains("19:5"));
    // At zero the script says it in words in a status region, with the page's strings, and
    // the stylesheet marks the timer.
    assert!(html.contains("role=\"status\" data-cafe-time-up=\"Temps écoulé\""));
    assert!(en.contains("data-cafe-time-up=\"Time is up\""));
    let js_path = css_path.replace("cafe.css", "cafe.js");
    let js = app.get(&js_path).await.text().await.unwrap();
    assert!(js.contains("data-cafe-time-up") && js.contains("cafe-timer-over"));
    assert!(css.contains(".cafe-timer-over") && css.contains(".cafe-time-up"));
    // A second "start" (another screen) is refused.
    assert_eq!(
        app.post_form(&live, &[("action", "start")]).await.status(),
        409
    );

    // A host types round 1's harvest from a phone, through the table's link, no account.
    let phone = app.other_browser();
    let (status, html) = phone.get_html(&links[0]).await;
    assert_eq!(status, 200);
    crate::pages::assert_accessible_layout(&html, "table link");
    // The round is chosen by a link (GET) and posted hidden: no selector can change the round
    // under a text typed for another one.
    assert!(
        !html.contains("<select") && html.contains("type=\"hidden\" name=\"round\" value=\"1\"")
    );
    // The language switch comes back to the link, token included.
    assert!(html
        .replace("&#x2f;", "/")
        .replace("&amp;", "&")
        .contains(&format!("name=\"back\" value=\"{}\"", links[0])));
    let (_, html) = phone.get_html(&format!("{}&tour=2", links[0])).await;
    assert!(html.contains("type=\"hidden\" name=\"round\" value=\"2\""));
    assert!(html.contains("Qu’est-ce qui manque ?"));
    let r = phone
        .post_form(
            &links[0],
            &[
                ("round", "1"),
                (
                    "body",
                    "Une **ressourcerie** marche déjà.<script>alert(1)</script>",
                ),
            ],
        )
        .await;
    assert_eq!(r.status(), 303, "{}", r.text().await.unwrap());
    // A wrong token opens nothing.
    let wrong = links[0].replace(&token, &"0".repeat(token.len()));
    assert_eq!(phone.get(&wrong).await.status(), 404);
    let r = phone
        .post_form(&wrong, &[("round", "1"), ("body", "Intrus")])
        .await;
    assert_eq!(r.status(), 404);
    // The organiser types another table's harvest.
    let r = app
        .post_form(
            &format!("{cafe}/table/2"),
            &[("round", "1"), ("body", "Il manque un lieu.")],
        )
        .await;
    assert_eq!(r.status(), 303);

    for action in ["next", "next"] {
        assert_eq!(
            app.post_form(&live, &[("action", action)]).await.status(),
            303
        );
    }
    let (_, html) = app.get_html(&live).await;
    assert!(html.contains("Tour 3 sur 3"));
    assert_eq!(
        app.post_form(&live, &[("action", "next")]).await.status(),
        409,
        "no round after the last"
    );
    assert_eq!(
        app.post_form(&live, &[("action", "end")]).await.status(),
        303
    );
    // The sheet stays in the room: once the café has ended, its link writes no more (nothing
    // stored), and says so; the organisers still can.
    let r = phone
        .post_form(&links[0], &[("round", "2"), ("body", "Réécrit après coup")])
        .await;
    assert_eq!(r.status(), 409);
    assert!(r
        .text()
        .await
        .unwrap()
        .contains("le lien de la table ne permet plus"));
    let (status, html) = phone.get_html(&links[0]).await;
    assert_eq!(status, 200);
    assert!(html.contains("le lien de la table ne permet plus") && !html.contains("<textarea"));
    let r = app
        .post_form(
            &format!("{cafe}/table/2"),
            &[("round", "2"), ("body", "Ajout des organisateurs.")],
        )
        .await;
    assert_eq!(r.status(), 303);

    // The synthesis: organisers only until published, then everyone.
    let synthesis = format!("{cafe}/synthese");
    let anonymous = app.other_browser();
    assert_eq!(anonymous.get(&synthesis).await.status(), 404);
    let (_, html) = anonymous.get_html(&format!("/evenements/{id}")).await;
    assert!(
        !html.contains(&synthesis),
        "no synthesis link before publication"
    );
    let (status, html) = app.get_html(&synthesis).await;
    assert_eq!(status, 200);
    crate::pages::assert_accessible_layout(&html, "/evenements/{id}/cafe/synthese");
    assert!(html.contains("<strong>ressourcerie</strong>"));
    assert!(!html.contains("<script>alert"), "Markdown is sanitised");
    assert_eq!(
        app.post_form(&synthesis, &[("publish", "yes")])
            .await
            .status(),
        303
    );
    let (status, html) = anonymous.get_html(&synthesis).await;
    assert_eq!(status, 200);
    let audit = app
        .store
        .list_audit(Some("cafe_synthesis_published"), 10)
        .await
        .unwrap();
    assert!(
        audit.iter().any(|a| a.subject == format!("event:{id}")),
        "the publication is in the audit log"
    );
    let (_, event_page) = anonymous.get_html(&format!("/evenements/{id}")).await;
    assert!(
        event_page.contains(&synthesis) && event_page.contains("Lire la synthèse"),
        "the event page leads the public to the published synthesis"
    );
    let q1 = html.find("Qu’est-ce qui marche déjà ici ?").unwrap();
    let h1 = html.find("ressourcerie").unwrap();
    let h2 = html.find("Il manque un lieu.").unwrap();
    assert!(
        !html.contains("Réécrit après coup"),
        "the closed link stored nothing"
    );
    assert!(q1 < h1 && h1 < h2, "by question, then table");
    let md = anonymous.get(&format!("{synthesis}.md")).await;
    assert_eq!(md.status(), 200);
    let md = md.text().await.unwrap();
    assert!(md.starts_with("# Café des transitions"));
    assert!(md.contains("## Qu’est-ce qui marche déjà ici ?"));
    let csv = anonymous.get(&format!("{synthesis}.csv")).await;
    assert!(csv.headers()["content-type"]
        .to_str()
        .unwrap()
        .starts_with("text/csv"));
    assert!(csv.text().await.unwrap().contains("Il manque un lieu."));

    // Someone else: 404 on every organiser page and form.
    let other = &registrants[0];
    for path in [
        cafe.clone(),
        format!("{cafe}/participants"),
        format!("{cafe}/plan"),
        format!("{cafe}/itineraires"),
        format!("{cafe}/tables"),
        format!("{cafe}/direct"),
        format!("{cafe}/table/1"),
    ] {
        assert_eq!(other.get(&path).await.status(), 404, "GET {path}");
    }
    for (path, fields) in [
        (cafe.clone(), settings_fields("4", "3")),
        (format!("{cafe}/participants"), vec![("name", "Intrus")]),
        (format!("{cafe}/participants/{pid}"), vec![("name", "X")]),
        (format!("{cafe}/participants/{pid}/retrait"), vec![]),
        (format!("{cafe}/plan"), vec![("confirm", "on")]),
        (
            format!("{cafe}/plan/ajustement"),
            vec![("round", "1"), ("participant", &a), ("swap_with", &b)],
        ),
        (format!("{cafe}/direct"), vec![("action", "end")]),
        (
            format!("{cafe}/table/1"),
            vec![("round", "1"), ("body", "x")],
        ),
        (synthesis.clone(), vec![("publish", "no")]),
    ] {
        assert_eq!(
            other.post_form(&path, &fields).await.status(),
            404,
            "POST {path}"
        );
    }
    // Not a café: see `a_meetup_has_no_cafe_and_a_link_opens_its_own_cafe_only`.
}

async fn bad_input_is_explained_and_forms_keep_what_was_typed(backend: Backend) {
    let Some(app) = TestApp::spawn(backend).await else {
        return;
    };
    let id = facilitator_with_cafe_event(&app).await;
    let cafe = format!("/evenements/{id}/cafe");

    // Plans need settings first.
    let r = app.get(&format!("{cafe}/plan")).await;
    assert_eq!(r.status(), 303, "to the settings first");
    assert_eq!(location(&r), cafe);

    for (fields, message) in [
        (settings_fields("1", "3"), "au moins 2 personnes"),
        (settings_fields("5", "0"), "au moins un tour"),
        (settings_fields("5", "10000"), "Au plus 100 tours"),
        (settings_fields("5", "2"), "une question par tour"),
        (
            settings_fields("cinq", "3"),
            "nombre de personnes par table",
        ),
    ] {
        let r = app.post_form(&cafe, &fields).await;
        assert_eq!(r.status(), 422, "{fields:?}");
        let html = r.text().await.unwrap();
        assert!(html.contains(message), "{message}: {html}");
        assert!(html.contains("Que fait-on dès demain ?"), "questions kept");
        crate::pages::assert_accessible_layout(&html, "settings refused");
    }
    let r = app
        .post_form(
            &cafe,
            &[
                ("questions", "Une seule question ?"),
                ("layout", "tables"),
                ("tables", "12"),
                ("table_size", ""),
                ("rounds", "3"),
                ("minutes", "15"),
            ],
        )
        .await;
    assert_eq!(r.status(), 303, "one question serves every round");

    // Participants: a name is needed, sectors are from the list; what was typed stays.
    let r = app
        .post_form(
            &format!("{cafe}/participants"),
            &[
                ("name", ""),
                ("sector", "mafia"),
                ("structure", "Collectif Vélo"),
                ("host_table", "zéro"),
            ],
        )
        .await;
    assert_eq!(r.status(), 422);
    let html = r.text().await.unwrap();
    assert!(html.contains("Indiquez le nom de la personne."));
    assert!(html.contains("Choisissez un secteur de la liste."));
    assert!(html.contains("Indiquez le numéro d’une table"));
    assert!(html.contains("value=\"Collectif Vélo\""));
    assert!(html.contains("value=\"zéro\""));

    for name in ["Awa", "Bruno", "Chloé", "Dario", "Elsa", "Fanny"] {
        let r = app
            .post_form(&format!("{cafe}/participants"), &[("name", name)])
            .await;
        assert_eq!(r.status(), 303);
    }
    // 12 tables for 6 people.
    let r = app.post_form(&format!("{cafe}/plan"), &[]).await;
    assert_eq!(r.status(), 422);
    assert!(r
        .text()
        .await
        .unwrap()
        .contains("plus de tables que de participants"));
    // 6 tables for 6 people: everyone alone.
    let mut fields = vec![
        ("questions", "Q ?"),
        ("layout", "tables"),
        ("tables", "6"),
        ("table_size", ""),
        ("rounds", "2"),
        ("minutes", "15"),
    ];
    assert_eq!(app.post_form(&cafe, &fields).await.status(), 303);
    let r = app.post_form(&format!("{cafe}/plan"), &[]).await;
    assert_eq!(r.status(), 422);
    assert!(r.text().await.unwrap().contains("seul à sa table"));
    // A host pinned to a table that does not exist.
    fields[2] = ("tables", "2");
    assert_eq!(app.post_form(&cafe, &fields).await.status(), 303);
    let (_, html) = app.get_html(&format!("{cafe}/participants")).await;
    let pid = {
        let at = html.find("Awa").unwrap();
        let start = html[at..].find("/cafe/participants/").unwrap() + at + 19;
        html[start..start + 36].to_owned()
    };
    let r = app
        .post_form(
            &format!("{cafe}/participants/{pid}"),
            &[("name", "Awa"), ("host_table", "5")],
        )
        .await;
    assert_eq!(r.status(), 303);
    let r = app.post_form(&format!("{cafe}/plan"), &[]).await;
    assert_eq!(r.status(), 422);
    assert!(r.text().await.unwrap().contains("table qui n’existe pas"));
    // A row's error re-renders that row with what was typed.
    let r = app
        .post_form(
            &format!("{cafe}/participants/{pid}"),
            &[
                ("name", "Awa"),
                ("sector", "??"),
                ("structure", "Ici"),
                ("host_table", "1"),
            ],
        )
        .await;
    assert_eq!(r.status(), 422);
    let html = r.text().await.unwrap();
    assert!(html.contains("Choisissez un secteur de la liste."));
    assert!(html.contains(&format!("href=\"#p-{pid}-sector\"")));
    assert!(html.contains("value=\"Ici\""));
    // Fixed: plan 2 tables of 3.
    let r = app
        .post_form(
            &format!("{cafe}/participants/{pid}"),
            &[("name", "Awa"), ("host_table", "1")],
        )
        .await;
    assert_eq!(r.status(), 303);
    assert_eq!(
        app.post_form(&format!("{cafe}/plan"), &[]).await.status(),
        303
    );
    let (_, html) = app.get_html(&format!("{cafe}/plan")).await;
    let ids: Vec<String> = {
        let mut out = vec![];
        let mut rest = html.as_str();
        while let Some(i) = rest.find("<option value=\"") {
            rest = &rest[i + 15..];
            let v = rest.split('"').next().unwrap();
            if v.len() == 36 && !out.contains(&v.to_owned()) {
                out.push(v.to_owned());
            }
        }
        out
    };
    assert_eq!(ids.len(), 6);
    // Moving someone would leave a table of 2 and one of 4: refused (unbalanced is fine up to
    // 2 apart, but a table of fewer than 2 is not); a move needs one target only.
    for (fields, status, message) in [
        (
            vec![
                ("round", "1"),
                ("participant", ids[0].as_str()),
                ("table", "9"),
            ],
            422,
            "Cette table n’existe pas.",
        ),
        (
            vec![
                ("round", "7"),
                ("participant", ids[0].as_str()),
                ("table", "1"),
            ],
            422,
            "Ce tour n’existe pas.",
        ),
        (
            vec![
                ("round", "1"),
                ("participant", ids[0].as_str()),
                ("table", "1"),
                ("swap_with", ids[1].as_str()),
            ],
            422,
            "soit une table, soit une personne",
        ),
    ] {
        let r = app
            .post_form(&format!("{cafe}/plan/ajustement"), &fields)
            .await;
        assert_eq!(r.status(), status, "{fields:?}");
        let html = r.text().await.unwrap();
        assert!(html.contains(message), "{message}");
        // The refused move comes back as typed.
        for (name, value) in &fields {
            // (a round or table the café does not have is not among the choices)
            if !["7", "9"].contains(value) {
                let at = html.find(&format!("name=\"{name}\"")).unwrap();
                let select = &html[at..at + html[at..].find("</select>").unwrap()];
                assert!(
                    select.contains(&format!("value=\"{value}\" selected")),
                    "{name} keeps {value}"
                );
            }
        }
    }

    // Live: nothing before the start; an unknown action.
    let live = format!("{cafe}/direct");
    let r = app.post_form(&live, &[("action", "next")]).await;
    assert_eq!(r.status(), 409);
    assert!(r.text().await.unwrap().contains("pas encore commencé"));
    let r = app.post_form(&live, &[("action", "rewind")]).await;
    assert_eq!(r.status(), 422);

    // Harvest: empty, unknown round; the text stays.
    let r = app
        .post_form(
            &format!("{cafe}/table/1"),
            &[("round", "1"), ("body", "  ")],
        )
        .await;
    assert_eq!(r.status(), 422);
    assert!(r.text().await.unwrap().contains("Écrivez la récolte"));
    let r = app
        .post_form(
            &format!("{cafe}/table/1"),
            &[("round", "9"), ("body", "Garder ce texte")],
        )
        .await;
    assert_eq!(r.status(), 422);
    let html = r.text().await.unwrap();
    assert!(html.contains("Ce tour n’existe pas."));
    assert!(html.contains("Garder ce texte"));
    assert_eq!(app.get(&format!("{cafe}/table/9")).await.status(), 404);
    let r = app
        .post_form(&format!("{cafe}/synthese"), &[("publish", "maybe")])
        .await;
    assert_eq!(r.status(), 422);
}

async fn the_api_sets_plans_reads_and_harvests(backend: Backend) {
    let Some(app) = TestApp::spawn(backend).await else {
        return;
    };
    let id = facilitator_with_cafe_event(&app).await;
    let token = app.api_token().await;
    let api = |path: &str| app.at(&format!("/api/v1/events/{id}/cafe{path}"));
    let r = app
        .client
        .get(api("/settings"))
        .bearer_auth(&token)
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 404, "no café yet");
    let r = app
        .client
        .put(api("/settings"))
        .bearer_auth(&token)
        .json(
            &json!({"questions": ["A ?", "B ?"], "layout": "size", "table_size": 1,
                       "rounds": 3, "round_minutes": 20}),
        )
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 422);
    let body: Value = r.json().await.unwrap();
    assert!(body.to_string().contains("cafe_planner_table_too_small"));
    assert!(body.to_string().contains("cafe_questions_count"));
    let r = app
        .client
        .put(api("/settings"))
        .bearer_auth(&token)
        .json(
            &json!({"questions": ["A ?", "B ?"], "layout": "size", "table_size": 3,
                       "rounds": 2, "round_minutes": 20}),
        )
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 200);
    let s: Value = r.json().await.unwrap();
    assert_eq!(s["questions"], json!(["A ?", "B ?"]));
    for i in 0..9 {
        let r = app
            .post_form(
                &format!("/evenements/{id}/cafe/participants"),
                &[("name", &format!("P{i}"))],
            )
            .await;
        assert_eq!(r.status(), 303);
    }
    let plan = |replace: bool| {
        app.client
            .post(api("/plan"))
            .bearer_auth(&token)
            .json(&json!({ "replace": replace }))
            .send()
    };
    let r = plan(false).await.unwrap();
    assert_eq!(r.status(), 200);
    let p: Value = r.json().await.unwrap();
    assert_eq!(p["tables"], 3);
    assert_eq!(p["repeated_pairs"], 0, "9 people, tables of 3, 2 rounds");
    assert_eq!(plan(false).await.unwrap().status(), 409);
    let again: Value = plan(true).await.unwrap().json().await.unwrap();
    assert_eq!(again["seed"], p["seed"], "the seed is recorded and fixed");
    let schedule: Value = app
        .client
        .get(api("/schedule"))
        .bearer_auth(&token)
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(schedule["rounds"].as_array().unwrap().len(), 2);
    assert_eq!(schedule["rounds"][1]["question"], "B ?");

    // Harvest with a table's token, no account.
    let (_, html) = app.get_html(&format!("/evenements/{id}/cafe/tables")).await;
    let links = table_links(&html);
    let table_token = links[2].rsplit("jeton=").next().unwrap().to_owned();
    let anonymous = reqwest::Client::new();
    let harvest = |table: i64, token: &str, round: i64, body: &str| {
        anonymous
            .post(api(&format!("/tables/{table}/harvest")))
            .json(&json!({"token": token, "round": round, "body": body}))
            .send()
    };
    assert_eq!(
        harvest(3, &table_token, 2, "Des idées.")
            .await
            .unwrap()
            .status(),
        204
    );
    assert_eq!(
        harvest(2, &table_token, 2, "Mauvaise table")
            .await
            .unwrap()
            .status(),
        404,
        "a table's token opens that table only"
    );
    let r = harvest(3, &table_token, 5, "").await.unwrap();
    assert_eq!(r.status(), 422);
    let body = r.text().await.unwrap();
    assert!(body.contains("cafe_no_such_round") && body.contains("cafe_harvest_required"));

    // A flood of writes to one table is throttled (its link may have been shared).
    let token1 = links[0].rsplit("jeton=").next().unwrap().to_owned();
    let mut accepted = 0;
    let mut throttled = false;
    for i in 0..80 {
        let r = harvest(1, &token1, 1, &format!("Version {i}"))
            .await
            .unwrap();
        if r.status() == 429 {
            throttled = true;
            break;
        }
        assert_eq!(r.status(), 204);
        accepted += 1;
    }
    assert!(throttled, "the 80th write of the hour is refused");
    assert!(accepted >= 50, "{accepted} writes before the throttle");

    // The synthesis: 404 to others until published.
    let r = anonymous.get(api("/synthesis")).send().await.unwrap();
    assert_eq!(r.status(), 404);
    let r = app
        .client
        .get(api("/synthesis"))
        .bearer_auth(&token)
        .send()
        .await
        .unwrap();
    let s: Value = r.json().await.unwrap();
    assert_eq!(s["published"], false);
    assert_eq!(s["questions"][1]["question"], "B ?");
    assert_eq!(s["questions"][1]["items"][0]["body"], "Des idées.");
    assert_eq!(s["questions"][1]["items"][0]["table"], 3);

    // Someone else's token: 404 everywhere.
    let other = app.other_browser();
    other.sign_up_and_in("autre@exemple.fr", "Autre").await;
    let other_token = other.api_token().await;
    for r in [
        other
            .client
            .get(api("/settings"))
            .bearer_auth(&other_token)
            .send()
            .await
            .unwrap(),
        other
            .client
            .get(api("/schedule"))
            .bearer_auth(&other_token)
            .send()
            .await
            .unwrap(),
        other
            .client
            .get(api("/synthesis"))
            .bearer_auth(&other_token)
            .send()
            .await
            .unwrap(),
        other
            .client
            .post(api("/plan"))
            .bearer_auth(&other_token)
            .json(&json!({"replace": true}))
            .send()
            .await
            .unwrap(),
        other
            .client
            .put(api("/settings"))
            .bearer_auth(&other_token)
            .json(
                &json!({"questions": ["X"], "layout": "size", "table_size": 3,
                           "rounds": 1, "round_minutes": 5}),
            )
            .send()
            .await
            .unwrap(),
    ] {
        assert_eq!(r.status(), 404);
    }
    // Once the synthesis is published (the café not even ended), a table's token writes no
    // more: 409 with its reason, nothing stored.
    assert_eq!(
        app.post_form(
            &format!("/evenements/{id}/cafe/synthese"),
            &[("publish", "yes")]
        )
        .await
        .status(),
        303
    );
    let r = harvest(3, &table_token, 2, "Réécrit").await.unwrap();
    assert_eq!(r.status(), 409);
    assert!(r.text().await.unwrap().contains("cafe_link_closed"));
    let s: Value = anonymous
        .get(api("/synthesis"))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(s["questions"][1]["items"][0]["body"], "Des idées.");

    // The OpenAPI document lists the café's paths.
    let doc = app.get("/api/v1/openapi.json").await.text().await.unwrap();
    assert!(doc.contains("/api/v1/events/{id}/cafe/tables/{table}/harvest"));
}

/// Showing the participants or the plan writes nothing: a new registrant appears (and one who
/// cancelled leaves) only on a write — the page's button, adding someone, planning.
async fn pages_write_nothing_and_registrants_follow_on_a_post(backend: Backend) {
    let Some(app) = TestApp::spawn(backend).await else {
        return;
    };
    let id = facilitator_with_cafe_event(&app).await;
    let cafe = format!("/evenements/{id}/cafe");
    let r = app.post_form(&cafe, &settings_fields("3", "3")).await;
    assert_eq!(r.status(), 303);
    let newcomer = person(&app, "tardif@exemple.fr", "Nouvelle Venue").await;
    let r = newcomer
        .post_form(&format!("/evenements/{id}/inscription"), &[])
        .await;
    assert_eq!(r.status(), 303);
    for path in [format!("{cafe}/participants"), format!("{cafe}/plan")] {
        let (status, _) = app.get_html(&path).await;
        assert_eq!(status, 200, "{path}");
    }
    let (_, html) = app.get_html(&format!("{cafe}/participants")).await;
    assert!(!html.contains("Nouvelle Venue"), "a GET added nobody");
    let r = app
        .post_form(&format!("{cafe}/participants/inscrits"), &[])
        .await;
    assert_eq!(r.status(), 303);
    let (_, html) = app.get_html(&format!("{cafe}/participants")).await;
    assert!(
        html.contains("Nouvelle Venue"),
        "the button brought the registrant in"
    );
    // They cancel: still listed until a write, then gone.
    let r = newcomer
        .post_form(&format!("/evenements/{id}/desinscription"), &[])
        .await;
    assert_eq!(r.status(), 303);
    let (_, html) = app.get_html(&format!("{cafe}/participants")).await;
    assert!(html.contains("Nouvelle Venue"), "a GET removed nobody");
    let r = app
        .post_form(
            &format!("{cafe}/participants"),
            &[
                ("name", "Awa"),
                ("sector", ""),
                ("structure", ""),
                ("host_table", ""),
            ],
        )
        .await;
    assert_eq!(r.status(), 303);
    let (_, html) = app.get_html(&format!("{cafe}/participants")).await;
    assert!(!html.contains("Nouvelle Venue") && html.contains("Awa"));
    // Someone else cannot bring the list up to date.
    let other = person(&app, "autre@exemple.fr", "Autre").await;
    assert_eq!(
        other
            .post_form(&format!("{cafe}/participants/inscrits"), &[])
            .await
            .status(),
        404
    );
}

/// A plan takes up to a couple of seconds of a core: a person computes at most 30 an hour,
/// and the 31st is refused in words.
async fn plans_are_throttled_per_person(backend: Backend) {
    let Some(app) = TestApp::spawn(backend).await else {
        return;
    };
    let id = facilitator_with_cafe_event(&app).await;
    let cafe = format!("/evenements/{id}/cafe");
    let fields = vec![
        ("questions", "Une seule question ?"),
        ("layout", "size"),
        ("table_size", "2"),
        ("tables", ""),
        ("rounds", "1"),
        ("minutes", "10"),
    ];
    assert_eq!(app.post_form(&cafe, &fields).await.status(), 303);
    for name in ["Awa", "Bruno", "Chloé", "Dario"] {
        let r = app
            .post_form(
                &format!("{cafe}/participants"),
                &[
                    ("name", name),
                    ("sector", ""),
                    ("structure", ""),
                    ("host_table", ""),
                ],
            )
            .await;
        assert_eq!(r.status(), 303);
    }
    let mut planned = 0;
    loop {
        let r = app
            .post_form(&format!("{cafe}/plan"), &[("confirm", "on")])
            .await;
        if r.status() == 429 {
            assert!(r.text().await.unwrap().contains("Trop de plans calculés"));
            break;
        }
        assert_eq!(r.status(), 303);
        planned += 1;
        assert!(planned <= 30, "the 31st plan of the hour is refused");
    }
    assert_eq!(planned, 30);
}

/// Another event of the same organiser (its structure read from the first event's page).
async fn another_event(app: &TestApp, first: &str, kind: &str, title: &str) -> String {
    let (_, html) = app.get_html(&format!("/evenements/{first}")).await;
    let html = html.replace("&#x2f;", "/");
    let at = html.find("href=\"/structures/").unwrap() + 18;
    let structure = html[at..at + 36].to_owned();
    let starts = datetime_local(Utc::now() + Duration::days(6));
    let ends = datetime_local(Utc::now() + Duration::days(6) + Duration::hours(2));
    let r = app
        .post_form(
            "/evenements",
            &[
                ("kind", kind),
                ("title", title),
                ("description", ""),
                ("starts_at", &starts),
                ("ends_at", &ends),
                ("address", "1 place de la Liberté"),
                ("commune", "Brest"),
                ("online_url", ""),
                ("capacity", ""),
                ("registration_open", "on"),
                ("organiser", &structure),
            ],
        )
        .await;
    assert_eq!(r.status(), 303, "{}", r.text().await.unwrap());
    location(&r).trim_start_matches("/evenements/").to_owned()
}

/// A café with four people planned on two tables of two, one round; its table links.
async fn planned_cafe(app: &TestApp, id: &str) -> Vec<String> {
    let cafe = format!("/evenements/{id}/cafe");
    let fields = vec![
        ("questions", "Une question ?"),
        ("layout", "size"),
        ("table_size", "2"),
        ("tables", ""),
        ("rounds", "1"),
        ("minutes", "10"),
    ];
    assert_eq!(app.post_form(&cafe, &fields).await.status(), 303);
    for name in ["Awa", "Bruno", "Chloé", "Dario"] {
        let r = app
            .post_form(
                &format!("{cafe}/participants"),
                &[
                    ("name", name),
                    ("sector", ""),
                    ("structure", ""),
                    ("host_table", ""),
                ],
            )
            .await;
        assert_eq!(r.status(), 303);
    }
    let r = app.post_form(&format!("{cafe}/plan"), &[]).await;
    assert_eq!(r.status(), 303);
    let (_, html) = app.get_html(&format!("{cafe}/tables")).await;
    table_links(&html)
}

/// The café's pages check the event's kind (a real meetup, not a made-up id), and a table's
/// token opens that table of its own café only: another café's token, same table number, is
/// 404 and stores nothing.
async fn a_meetup_has_no_cafe_and_a_link_opens_its_own_cafe_only(backend: Backend) {
    let Some(app) = TestApp::spawn(backend).await else {
        return;
    };
    let first = facilitator_with_cafe_event(&app).await;
    let meetup = another_event(&app, &first, "meetup", "Rencontre du jeudi").await;
    let (status, _) = app.get_html(&format!("/evenements/{meetup}")).await;
    assert_eq!(
        status, 200,
        "the meetup exists and its organiser manages it"
    );
    let not_a_cafe = format!("/evenements/{meetup}/cafe");
    assert_eq!(app.get(&not_a_cafe).await.status(), 404);
    assert_eq!(
        app.post_form(&not_a_cafe, &settings_fields("4", "3"))
            .await
            .status(),
        404
    );
    for path in ["participants", "plan", "tables", "direct", "synthese"] {
        assert_eq!(
            app.get(&format!("{not_a_cafe}/{path}")).await.status(),
            404,
            "{path}"
        );
    }

    let links_a = planned_cafe(&app, &first).await;
    let second = another_event(&app, &first, "world_cafe", "Deuxième café").await;
    let links_b = planned_cafe(&app, &second).await;
    assert_eq!((links_a.len(), links_b.len()), (2, 2));
    // Café B's table 1 token, on café A's table 1: nothing opens, nothing is stored.
    let token_b = links_b[0].rsplit("jeton=").next().unwrap();
    let forged = links_a[0].replace(links_a[0].rsplit("jeton=").next().unwrap(), token_b);
    assert_ne!(forged, links_a[0]);
    let phone = app.other_browser();
    assert_eq!(phone.get(&forged).await.status(), 404);
    let r = phone
        .post_form(&forged, &[("round", "1"), ("body", "Intrusion")])
        .await;
    assert_eq!(r.status(), 404);
    let r = phone
        .client
        .post(phone.at(&format!("/api/v1/events/{first}/cafe/tables/1/harvest")))
        .json(&json!({"token": token_b, "round": 1, "body": "Intrusion"}))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 404);
    let (status, html) = app
        .get_html(&format!("/evenements/{first}/cafe/synthese"))
        .await;
    assert_eq!(status, 200);
    assert!(!html.contains("Intrusion"), "nothing stored in café A");
    let (_, html) = app
        .get_html(&format!("/evenements/{second}/cafe/synthese"))
        .await;
    assert!(!html.contains("Intrusion"), "nor in café B");
}
