//! Collecte: a facilitator opens a collection, two phones without accounts join by the code
//! and submit, the room screen (and its live stream) shows both, a duplicate is merged, an
//! item becomes a draft initiative that shows where it came from, the code expires on
//! closing; bad input, wrong codes and floods; others get 404; the API.

use crate::common::{location, Backend, TestApp};
use chrono::{Duration, Utc};
use essaim_domain::deliberation::conversation::datetime_local;
use serde_json::{json, Value};

crate::on_both_backends!(
    a_collecte_gathers_items_from_two_phones_and_makes_a_draft_initiative,
    bad_input_is_explained_and_the_form_keeps_what_was_typed,
    wrong_codes_are_throttled_and_floods_get_429,
    clients_dropping_their_phone_token_are_throttled_per_address,
    an_item_of_a_commune_sharing_its_name_is_saved_unchanged,
    facilitator_pages_and_endpoints_are_404_for_others,
    another_collectes_item_is_404_in_the_facilitators_urls,
    the_api_opens_collects_merges_converts_and_closes,
    the_data_export_holds_items_submitted_signed_in_and_collections_opened,
);

/// A signed-in organiser, their structure and an event of kind collecte; returns its id.
async fn organiser_with_collecte_event(app: &TestApp, title: &str) -> String {
    app.sign_up_and_in("orga@exemple.fr", "Morgane").await;
    let r = app
        .post_form(
            "/structures",
            &[
                ("name", "Les Ruches de Brest"),
                ("kind", "association"),
                ("territory", "commune:29019"),
            ],
        )
        .await;
    assert_eq!(r.status(), 303, "structure created");
    let s = location(&r).trim_start_matches("/structures/").to_owned();
    let starts = datetime_local(Utc::now() + Duration::days(1));
    let ends = datetime_local(Utc::now() + Duration::days(1) + Duration::hours(2));
    let r = app
        .post_form(
            "/evenements",
            &[
                ("kind", "collecte"),
                ("title", title),
                ("description", ""),
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

/// Opens the collection from the room screen and reads its code there.
async fn open_collecte(app: &TestApp, event: &str) -> String {
    let r = app
        .post_form(&format!("/evenements/{event}/collecte"), &[])
        .await;
    assert_eq!(r.status(), 303, "opened: {}", r.text().await.unwrap());
    let (status, html) = app.get_html(&format!("/evenements/{event}/collecte")).await;
    assert_eq!(status, 200);
    let start = html
        .find("class=\"collecte-code\"")
        .unwrap_or_else(|| panic!("the code is shown: {html}"));
    let rest = &html[start..];
    let code: String = rest[rest.find('>').unwrap() + 1..]
        .chars()
        .take_while(|c| c.is_ascii_alphanumeric())
        .collect();
    assert_eq!(code.len(), 7, "a 7-character code: {code}");
    // A visible label; screen readers get the code spelled out, not the big word.
    let spelled: Vec<String> = code.chars().map(String::from).collect();
    assert!(
        html.contains(&format!(
            "Code de la collecte\u{a0}: <span class=\"visually-hidden\">{}</span>",
            spelled.join(" ")
        )),
        "the code's label: {html}"
    );
    assert!(html.contains("<p class=\"collecte-code\" aria-hidden=\"true\">"));
    code
}

fn item<'a>(name: &'a str, commune: &'a str, what: &'a str) -> Vec<(&'a str, &'a str)> {
    vec![
        ("name", name),
        ("commune", commune),
        ("what", what),
        ("carrier", "Une association du quartier"),
        ("contact", ""),
    ]
}

/// A phone: a browser without an account that has opened the join page.
async fn phone(app: &TestApp, code: &str) -> TestApp {
    let p = app.other_browser();
    let (status, html) = p.get_html(&format!("/c/{code}")).await;
    assert_eq!(status, 200, "{html}");
    crate::pages::assert_accessible_layout(&html, "/c/{code}");
    assert!(
        p.cookie("essaim_collecte").is_some(),
        "the phone gets its token"
    );
    p
}

/// The id of the item whose name is given, from the room screen's HTML.
fn item_id(html: &str, name: &str) -> String {
    let at = html.find(name).expect("the item is on the page");
    let before = &html[..at];
    let start = before.rfind("id=\"item-").expect("inside an item") + "id=\"item-".len();
    before[start..start + 36].to_owned()
}

async fn a_collecte_gathers_items_from_two_phones_and_makes_a_draft_initiative(backend: Backend) {
    let Some(app) = TestApp::spawn(backend).await else {
        return;
    };
    let event = organiser_with_collecte_event(&app, "Table ronde de Brest").await;
    let (_, html) = app.get_html(&format!("/evenements/{event}")).await;
    assert!(
        html.contains(&format!("/evenements/{event}/collecte")),
        "the event links to its room screen"
    );
    let (status, html) = app.get_html(&format!("/evenements/{event}/collecte")).await;
    assert_eq!(status, 200);
    crate::pages::assert_accessible_layout(&html, "/evenements/{id}/collecte");
    assert!(html.contains("Ouvrir la collecte"));
    let code = open_collecte(&app, &event).await;
    let (_, room) = app.get_html(&format!("/evenements/{event}/collecte")).await;
    crate::pages::assert_accessible_layout(&room, "/evenements/{id}/collecte (open)");
    assert!(room.contains("<svg role=\"img\""), "an inline QR code");
    assert!(
        room.replace("&#x2f;", "/")
            .contains(&format!("{}/c/{code}", app.url)),
        "the join URL"
    );
    // Opening twice is refused, the first code stays.
    let r = app
        .post_form(&format!("/evenements/{event}/collecte"), &[])
        .await;
    assert_eq!(r.status(), 409);

    // Two phones, no account; the code typed in lower case with a dash also works.
    let anne = phone(&app, &code).await;
    let r = anne
        .get(&format!(
            "/c?code={}-{}",
            &code[..3].to_lowercase(),
            &code[3..]
        ))
        .await;
    assert_eq!(location(&r), format!("/c/{code}"));
    let bruno = phone(&app, &code).await;
    let r = anne
        .post_form(
            &format!("/c/{code}"),
            &item("Repair café du Guelmeur", "Brest", "On répare ensemble."),
        )
        .await;
    assert_eq!(r.status(), 303, "{}", r.text().await.unwrap());
    let r = bruno
        .post_form(
            &format!("/c/{code}"),
            &[
                ("name", "Jardin partagé de Kerinou"),
                ("commune", "Brest"),
                ("what", "Des parcelles cultivées par les voisins."),
                ("carrier", "Amicale de Kerinou"),
                ("contact", "jardin@exemple.fr"),
                ("consent", "on"),
            ],
        )
        .await;
    assert_eq!(r.status(), 303);
    let r = bruno
        .post_form(
            &format!("/c/{code}"),
            &item("Repair Café Brest", "Brest", "Le même, vu d'ailleurs."),
        )
        .await;
    assert_eq!(r.status(), 303);

    // Each phone sees its own items only.
    let (_, mine) = anne.get_html(&format!("/c/{code}")).await;
    assert!(mine.contains("Repair café du Guelmeur"));
    assert!(!mine.contains("Jardin partagé"));

    // The room screen, on a plain reload: both phones' items, the count, no contact shown.
    let (_, room) = app.get_html(&format!("/evenements/{event}/collecte")).await;
    assert!(room.contains("Repair café du Guelmeur"));
    assert!(room.contains("Jardin partagé de Kerinou"));
    assert!(room.contains("<span id=\"collecte-count\">3</span>"));
    assert!(
        !room.contains("jardin@exemple.fr"),
        "contacts are not projected"
    );

    // The live stream sends an event per item, with its revision as id.
    let stream = app
        .client
        .get(app.at(&format!("/evenements/{event}/collecte/flux?depuis=0")))
        .send()
        .await
        .unwrap();
    assert_eq!(stream.status(), 200);
    assert!(stream.headers()["content-type"]
        .to_str()
        .unwrap()
        .starts_with("text/event-stream"));
    let mut stream = stream;
    let mut body = String::new();
    while !body.contains("Repair Café Brest") {
        let chunk = tokio::time::timeout(std::time::Duration::from_secs(10), stream.chunk())
            .await
            .expect("the stream sends the items at once")
            .unwrap()
            .expect("the stream stays open");
        body.push_str(&String::from_utf8_lossy(&chunk));
    }
    assert_eq!(body.matches("event: item").count(), 3, "{body}");
    assert!(body.contains("Jardin partagé de Kerinou"));
    drop(stream);
    // Anne's phone edits its item; Bruno's phone cannot.
    let anne_item = item_id(&room, "Repair café du Guelmeur");
    let (status, _) = bruno.get_html(&format!("/c/{code}/{anne_item}")).await;
    assert_eq!(status, 404);
    let r = bruno
        .post_form(
            &format!("/c/{code}/{anne_item}"),
            &item("Piraté", "Brest", ""),
        )
        .await;
    assert_eq!(r.status(), 404);
    let (status, edit) = anne.get_html(&format!("/c/{code}/{anne_item}")).await;
    assert_eq!(status, 200);
    crate::pages::assert_accessible_layout(&edit, "/c/{code}/{item}");
    let r = anne
        .post_form(
            &format!("/c/{code}/{anne_item}"),
            &item(
                "Repair café du Guelmeur",
                "Brest",
                "On répare ensemble, le samedi.",
            ),
        )
        .await;
    assert_eq!(r.status(), 303);

    // The stream resumes after the revision it had: only the change comes.
    let mut stream = app
        .client
        .get(app.at(&format!("/evenements/{event}/collecte/flux")))
        .header("last-event-id", "3")
        .send()
        .await
        .unwrap();
    let chunk = tokio::time::timeout(std::time::Duration::from_secs(10), stream.chunk())
        .await
        .unwrap()
        .unwrap()
        .unwrap();
    let first = String::from_utf8_lossy(&chunk).to_string();
    assert!(first.contains("le samedi"), "{first}");
    assert!(!first.contains("Kerinou"));
    drop(stream);

    // Merge the duplicate (typed by its number) into Anne's item.
    let (_, room) = app.get_html(&format!("/evenements/{event}/collecte")).await;
    let r = app
        .post_form(
            &format!("/evenements/{event}/collecte/fusion"),
            &[("keep", &anne_item), ("duplicate", "3")],
        )
        .await;
    assert_eq!(r.status(), 303);
    let r = app
        .post_form(
            &format!("/evenements/{event}/collecte/fusion"),
            &[("keep", &anne_item), ("duplicate", "99")],
        )
        .await;
    assert_eq!(r.status(), 422);
    let (_, after) = app.get_html(&format!("/evenements/{event}/collecte")).await;
    assert!(after.contains("Doublon fusionné dans le n° 1"));
    assert!(
        after.contains("Repair Café Brest"),
        "the duplicate's text is kept"
    );
    assert!(after.contains("<span id=\"collecte-count\">2</span>"));

    // The facilitator sees the contact given with consent on the item's page.
    let jardin = item_id(&room, "Jardin partagé de Kerinou");
    let (status, page) = app
        .get_html(&format!("/evenements/{event}/collecte/elements/{jardin}"))
        .await;
    assert_eq!(status, 200);
    crate::pages::assert_accessible_layout(&page, "/evenements/{id}/collecte/elements/{item}");
    assert!(page.contains("jardin@exemple.fr"));

    // Turn Anne's item into a draft initiative: its page says where it came from.
    let r = app
        .post_form(
            &format!("/evenements/{event}/collecte/elements/{anne_item}/initiative"),
            &[],
        )
        .await;
    assert_eq!(r.status(), 303);
    let initiative = location(&r);
    assert!(initiative.starts_with("/initiatives/"));
    let (status, page) = app.get_html(&initiative).await;
    assert_eq!(status, 200);
    let page = page.replace("&#x2f;", "/");
    assert!(page.contains("Repair café du Guelmeur"));
    let today = essaim_domain::deliberation::conversation::to_paris(Utc::now())
        .format("%d/%m/%Y")
        .to_string();
    assert!(
        page.contains(&format!("Collectée le {today} lors de")),
        "{page}"
    );
    assert!(page.contains("Table ronde de Brest"));
    let english = app
        .client
        .get(app.at(&initiative))
        .header("accept-language", "en")
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap()
        .replace("&#x2f;", "/");
    assert!(english.contains(&format!("Collected on {today} during")));
    // A draft: nobody else sees it.
    let (status, _) = anne.get_html(&initiative).await;
    assert_eq!(status, 404);
    // Converted once.
    let r = app
        .post_form(
            &format!("/evenements/{event}/collecte/elements/{anne_item}/initiative"),
            &[],
        )
        .await;
    assert_eq!(r.status(), 409);
    let (_, mine) = anne.get_html(&format!("/c/{code}")).await;
    assert!(mine.contains("devenue un brouillon d’initiative"));

    // Closing expires the code: a clear page, 410, and nothing accepted.
    let r = app
        .post_form(&format!("/evenements/{event}/collecte/cloture"), &[])
        .await;
    assert_eq!(r.status(), 303);
    let (status, over) = bruno.get_html(&format!("/c/{code}")).await;
    assert_eq!(status, 410);
    assert!(over.contains("Cette collecte est terminée"));
    crate::pages::assert_accessible_layout(&over, "/c/{code} (closed)");
    let r = bruno
        .post_form(&format!("/c/{code}"), &item("Trop tard", "Brest", ""))
        .await;
    assert_eq!(r.status(), 410);
    let (_, room) = app.get_html(&format!("/evenements/{event}/collecte")).await;
    assert!(!room.contains("Trop tard"));

    // The audit log holds the conversion and the closing, by the facilitator, ids only.
    let audit = app.store.list_audit(None, 500).await.unwrap();
    let converted: Vec<_> = audit
        .iter()
        .filter(|e| e.action == "collecte_item_converted")
        .collect();
    assert_eq!(
        converted.len(),
        1,
        "one conversion recorded (the refused one is not)"
    );
    assert_eq!(converted[0].subject, format!("collecte_item:{anne_item}"));
    assert!(converted[0]
        .detail
        .contains(initiative.trim_start_matches("/initiatives/")));
    assert!(!converted[0].detail.contains("Repair"));
    let closed: Vec<_> = audit
        .iter()
        .filter(|e| e.action == "collecte_closed")
        .collect();
    assert_eq!(closed.len(), 1);
    assert!(closed[0].detail.contains(&event));
    assert_eq!(converted[0].actor_id, closed[0].actor_id);
    assert!(closed[0].actor_id.is_some());
    assert!(room.contains("Collecte close le"));
}

async fn bad_input_is_explained_and_the_form_keeps_what_was_typed(backend: Backend) {
    let Some(app) = TestApp::spawn(backend).await else {
        return;
    };
    let event = organiser_with_collecte_event(&app, "Table ronde").await;
    let code = open_collecte(&app, &event).await;
    let p = phone(&app, &code).await;
    let path = format!("/c/{code}");

    let r = p
        .post_form(&path, &item("  ", "Brest", "Ce que ça fait"))
        .await;
    assert_eq!(r.status(), 422);
    let html = r.text().await.unwrap();
    assert!(html.contains("Donnez le nom de l’innovation."));
    assert!(html.contains("Ce que ça fait"), "what was typed is kept");

    let r = p
        .post_form(&path, &item("Repair café", "Atlantide-sur-Mer", ""))
        .await;
    assert_eq!(r.status(), 422);
    let html = r.text().await.unwrap();
    assert!(html.contains("Cette commune est inconnue"));
    assert!(html.contains("value=\"Repair café\""));

    let r = p
        .post_form(
            &path,
            &[
                ("name", "Repair café"),
                ("commune", "Brest"),
                ("contact", "06 12 34 56 78"),
            ],
        )
        .await;
    assert_eq!(r.status(), 422, "a contact without consent is refused");
    let html = r.text().await.unwrap();
    assert!(html.contains("Un contact n’est gardé qu’avec l’accord de la personne"));
    assert!(html.contains("06 12 34 56 78"));

    let long = "x".repeat(151);
    let r = p.post_form(&path, &item(&long, "Brest", "")).await;
    assert_eq!(r.status(), 422);
    assert!(r.text().await.unwrap().contains("150 caractères au plus"));
    let r = p
        .post_form(&path, &item("Repair café", "Brest", &"y".repeat(2001)))
        .await;
    assert_eq!(r.status(), 422);

    // Nothing was stored.
    let (_, room) = app.get_html(&format!("/evenements/{event}/collecte")).await;
    assert!(room.contains("<span id=\"collecte-count\">0</span>"));

    // Without the CSRF token, refused.
    let r = p
        .client
        .post(p.at(&path))
        .form(&item("Repair café", "Brest", ""))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 403);

    // An unknown code: the code form again, 404; the English page too.
    let (status, html) = p.get_html("/c/ZZZZ999").await;
    assert_eq!(status, 404);
    assert!(html.contains("Ce code ne correspond à aucune collecte ouverte"));
    let (status, html) = p.get_html("/c").await;
    assert_eq!(status, 200);
    crate::pages::assert_accessible_layout(&html, "/c");
    let r = p
        .client
        .get(p.at("/c/ZZZZ999"))
        .header("accept-language", "en")
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 404);
    assert!(r
        .text()
        .await
        .unwrap()
        .contains("This code matches no open collecte"));
}

async fn wrong_codes_are_throttled_and_floods_get_429(backend: Backend) {
    let Some(app) = TestApp::spawn(backend).await else {
        return;
    };
    let event = organiser_with_collecte_event(&app, "Table ronde").await;
    let code = open_collecte(&app, &event).await;
    let p = phone(&app, &code).await;
    let path = format!("/c/{code}");
    let limit = essaim_web::collecte::SUBMISSIONS_PER_PHONE.max;
    for n in 0..limit {
        let name = format!("Initiative {n}");
        let r = p.post_form(&path, &item(&name, "Brest", "")).await;
        assert_eq!(r.status(), 303, "submission {n}");
    }
    let r = p
        .post_form(&path, &item("Une de trop", "Brest", "Gardée"))
        .await;
    assert_eq!(r.status(), 429);
    assert!(r.headers().contains_key("retry-after"));
    let html = r.text().await.unwrap();
    assert!(html.contains("Trop d’envois depuis ce téléphone"));
    assert!(
        html.contains("value=\"Une de trop\""),
        "what was typed is kept"
    );
    // Another phone in the same room still gets through.
    let other = phone(&app, &code).await;
    let r = other
        .post_form(&path, &item("Autre téléphone", "Brest", ""))
        .await;
    assert_eq!(r.status(), 303);
    let (_, room) = app.get_html(&format!("/evenements/{event}/collecte")).await;
    assert!(room.contains(&format!("<span id=\"collecte-count\">{}</span>", limit + 1)));

    // Wrong codes count against the address; past the limit even the right code waits.
    let guesses = essaim_web::collecte::JOIN_ATTEMPTS.max;
    for n in 0..guesses {
        let (status, _) = other.get_html(&format!("/c/WRONG{:02}", n % 100)).await;
        assert_eq!(status, 404, "guess {n}");
    }
    let (status, _) = other.get_html("/c/ABCDEFG").await;
    assert_eq!(status, 429);
    let (status, _) = other.get_html(&path).await;
    assert_eq!(status, 429);
}

/// A client that drops its cookies (or never sends the API's phone header) is a new phone at
/// every submission: those count against a tight limit of the address, page and API alike,
/// while phones that kept their token go on.
async fn clients_dropping_their_phone_token_are_throttled_per_address(backend: Backend) {
    let Some(app) = TestApp::spawn(backend).await else {
        return;
    };
    let event = organiser_with_collecte_event(&app, "Table ronde").await;
    let code = open_collecte(&app, &event).await;
    let kept = phone(&app, &code).await;
    let path = format!("/c/{code}");
    let limit = essaim_web::collecte::SUBMISSIONS_WITHOUT_PHONE.max;
    assert!(limit < essaim_web::collecte::SUBMISSIONS_PER_ADDRESS.max);
    let api_submit = |name: String| {
        reqwest::Client::new()
            .post(app.at(&format!("/api/v1/collecte/{code}/items")))
            .json(&json!({"name": name, "commune": "commune:29019"}))
            .send()
    };
    for n in 0..limit {
        let name = format!("Sans cookie {n}");
        if n % 2 == 0 {
            // A fresh browser each time: it brings its CSRF cookie, never the phone's.
            let r = app
                .other_browser()
                .post_form(&path, &item(&name, "Brest", ""))
                .await;
            assert_eq!(r.status(), 303, "submission {n}");
        } else {
            assert_eq!(
                api_submit(name).await.unwrap().status(),
                201,
                "submission {n}"
            );
        }
    }
    let r = app
        .other_browser()
        .post_form(&path, &item("Une de trop", "Brest", ""))
        .await;
    assert_eq!(r.status(), 429);
    assert!(r.headers().contains_key("retry-after"));
    assert!(r.text().await.unwrap().contains("value=\"Une de trop\""));
    let r = api_submit("Une de trop par l’API".into()).await.unwrap();
    assert_eq!(r.status(), 429);
    let (_, room) = app.get_html(&format!("/evenements/{event}/collecte")).await;
    assert!(room.contains(&format!("<span id=\"collecte-count\">{limit}</span>")));
    assert!(!room.contains("Une de trop"), "nothing more stored");
    // The phone that kept its token still gets through from the same address.
    let r = kept
        .post_form(&path, &item("Téléphone fidèle", "Brest", ""))
        .await;
    assert_eq!(r.status(), 303);
}

/// The value of the form field `name` in a page.
fn field_value(html: &str, name: &str) -> String {
    let at = html
        .find(&format!("name=\"{name}\""))
        .unwrap_or_else(|| panic!("a field {name}: {html}"));
    let tag_start = html[..at].rfind('<').unwrap();
    let tag = &html[tag_start..tag_start + html[tag_start..].find('>').unwrap()];
    let v = tag.find("value=\"").expect("a value") + "value=\"".len();
    tag[v..v + tag[v..].find('"').unwrap()].to_owned()
}

/// Saint-Denis is a commune of Seine-Saint-Denis and one of La Réunion: the facilitator's
/// item form (and the phone's) saved unchanged keeps the commune the item had.
async fn an_item_of_a_commune_sharing_its_name_is_saved_unchanged(backend: Backend) {
    let Some(app) = TestApp::spawn(backend).await else {
        return;
    };
    let event = organiser_with_collecte_event(&app, "Table ronde").await;
    let code = open_collecte(&app, &event).await;
    let p = phone(&app, &code).await;
    let r = p
        .post_form(
            &format!("/c/{code}"),
            &item(
                "Recyclerie du 93",
                "commune:93066",
                "Des objets remis en état",
            ),
        )
        .await;
    assert_eq!(r.status(), 303);
    let (_, room) = app.get_html(&format!("/evenements/{event}/collecte")).await;
    let id = item_id(&room, "Recyclerie du 93");
    let form_path = format!("/evenements/{event}/collecte/elements/{id}");
    let (status, page) = app.get_html(&form_path).await;
    assert_eq!(status, 200);
    let commune = field_value(&page, "commune");
    let fields = [
        ("name", field_value(&page, "name")),
        ("commune", commune.clone()),
        ("what", "Des objets remis en état".to_owned()),
        ("carrier", field_value(&page, "carrier")),
        ("contact", String::new()),
    ];
    let fields: Vec<(&str, &str)> = fields.iter().map(|(k, v)| (*k, v.as_str())).collect();
    let r = app.post_form(&form_path, &fields).await;
    assert_eq!(
        r.status(),
        303,
        "saved unchanged ({commune}): {}",
        r.text().await.unwrap()
    );
    let stored = app.store.item(id.parse().unwrap()).await.unwrap().unwrap();
    assert_eq!(stored.commune, "commune:93066");
    // The phone's own form too.
    let own = format!("/c/{code}/{id}");
    let (status, page) = p.get_html(&own).await;
    assert_eq!(status, 200);
    let fields: Vec<(&str, String)> = vec![
        ("name", "Recyclerie de Saint-Denis".to_owned()),
        ("commune", field_value(&page, "commune")),
        ("what", "Des objets remis en état".to_owned()),
        ("carrier", field_value(&page, "carrier")),
        ("contact", String::new()),
    ];
    let fields: Vec<(&str, &str)> = fields.iter().map(|(k, v)| (*k, v.as_str())).collect();
    let r = p.post_form(&own, &fields).await;
    assert_eq!(r.status(), 303);
    let stored = app.store.item(id.parse().unwrap()).await.unwrap().unwrap();
    assert_eq!(
        (stored.name.as_str(), stored.commune.as_str()),
        ("Recyclerie de Saint-Denis", "commune:93066")
    );
    // A commune that its name designates alone shows the name.
    let r = p
        .post_form(
            &format!("/c/{code}"),
            &item("Ressourcerie", "commune:29019", ""),
        )
        .await;
    assert_eq!(r.status(), 303);
    let (_, room) = app.get_html(&format!("/evenements/{event}/collecte")).await;
    let id = item_id(&room, "Ressourcerie");
    let (_, page) = app
        .get_html(&format!("/evenements/{event}/collecte/elements/{id}"))
        .await;
    assert_eq!(field_value(&page, "commune"), "Brest");
}

/// A second event of kind collecte by the same organisers as `first`, through the form.
async fn another_collecte_event(app: &TestApp, first: &str, title: &str) -> String {
    let organisers = app
        .store
        .event_organisers(first.parse().unwrap())
        .await
        .unwrap();
    let structure = organisers[0].0.to_string();
    let starts = datetime_local(Utc::now() + Duration::days(3));
    let ends = datetime_local(Utc::now() + Duration::days(3) + Duration::hours(2));
    let r = app
        .post_form(
            "/evenements",
            &[
                ("kind", "collecte"),
                ("title", title),
                ("description", ""),
                ("starts_at", &starts),
                ("ends_at", &ends),
                ("address", "1 place de la Mairie"),
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

/// The facilitator runs two collections: an item of one, named in the other's URLs and
/// forms (edit, merge, discard, convert; pages and API), is a 404 and nothing changes.
async fn another_collectes_item_is_404_in_the_facilitators_urls(backend: Backend) {
    let Some(app) = TestApp::spawn(backend).await else {
        return;
    };
    let first = organiser_with_collecte_event(&app, "Table ronde du matin").await;
    let second = another_collecte_event(&app, &first, "Table ronde du soir").await;
    let code1 = open_collecte(&app, &first).await;
    let code2 = open_collecte(&app, &second).await;
    let p = phone(&app, &code1).await;
    let r = p
        .post_form(&format!("/c/{code1}"), &item("Repair café", "Brest", ""))
        .await;
    assert_eq!(r.status(), 303);
    let q = phone(&app, &code2).await;
    for name in ["Jardin partagé", "Jardin partagé bis"] {
        let r = q
            .post_form(&format!("/c/{code2}"), &item(name, "Brest", ""))
            .await;
        assert_eq!(r.status(), 303);
    }
    let (_, room1) = app.get_html(&format!("/evenements/{first}/collecte")).await;
    let (_, room2) = app
        .get_html(&format!("/evenements/{second}/collecte"))
        .await;
    let foreign = item_id(&room1, "Repair café");
    let own = item_id(&room2, "Jardin partagé");

    let (status, _) = app
        .get_html(&format!("/evenements/{second}/collecte/elements/{foreign}"))
        .await;
    assert_eq!(status, 404);
    let r = app
        .post_form(
            &format!("/evenements/{second}/collecte/elements/{foreign}"),
            &item("Réécrit", "Brest", ""),
        )
        .await;
    assert_eq!(r.status(), 404);
    for path in [
        format!("/evenements/{second}/collecte/elements/{foreign}/initiative"),
        format!("/evenements/{second}/collecte/elements/{foreign}/ecart"),
    ] {
        let r = app.post_form(&path, &[]).await;
        assert_eq!(r.status(), 404, "{path}");
    }
    // Merge: the item kept from the other collection (the duplicate's number is this one's).
    let r = app
        .post_form(
            &format!("/evenements/{second}/collecte/fusion"),
            &[("keep", &foreign), ("duplicate", "2")],
        )
        .await;
    assert_eq!(r.status(), 404);
    // The API.
    let token = app.api_token().await;
    let api = |path: String, body: Option<Value>| {
        let mut req = app.client.post(app.at(&path)).bearer_auth(&token);
        if let Some(b) = body {
            req = req.json(&b);
        }
        req.send()
    };
    for (path, body) in [
        (
            format!("/api/v1/events/{second}/collecte/items/{foreign}/initiative"),
            None,
        ),
        (
            format!("/api/v1/events/{second}/collecte/items/{foreign}/discard"),
            None,
        ),
        (
            format!("/api/v1/events/{second}/collecte/merge"),
            Some(json!({"keep": own, "duplicates": [foreign]})),
        ),
        (
            format!("/api/v1/events/{second}/collecte/merge"),
            Some(json!({"keep": foreign, "duplicates": [own]})),
        ),
    ] {
        let r = api(path.clone(), body).await.unwrap();
        assert_eq!(r.status(), 404, "{path}");
    }
    // Nothing changed in either collection, and no initiative was made.
    for (id, name) in [(&foreign, "Repair café"), (&own, "Jardin partagé")] {
        let stored = app.store.item(id.parse().unwrap()).await.unwrap().unwrap();
        assert_eq!(
            (stored.status.as_str(), stored.name.as_str()),
            ("active", name)
        );
    }
    let (_, room2) = app
        .get_html(&format!("/evenements/{second}/collecte"))
        .await;
    assert!(room2.contains("<span id=\"collecte-count\">2</span>"));
    let audit = app.store.list_audit(None, 500).await.unwrap();
    assert!(!audit.iter().any(|e| e.action == "collecte_item_converted"));
}

async fn facilitator_pages_and_endpoints_are_404_for_others(backend: Backend) {
    let Some(app) = TestApp::spawn(backend).await else {
        return;
    };
    let event = organiser_with_collecte_event(&app, "Table ronde").await;
    let code = open_collecte(&app, &event).await;
    let p = phone(&app, &code).await;
    let r = p
        .post_form(&format!("/c/{code}"), &item("Repair café", "Brest", ""))
        .await;
    assert_eq!(r.status(), 303);
    let (_, room) = app.get_html(&format!("/evenements/{event}/collecte")).await;
    let id = item_id(&room, "Repair café");

    let other = app.other_browser();
    other.sign_up_and_in("autre@exemple.fr", "Yann").await;
    for path in [
        format!("/evenements/{event}/collecte"),
        format!("/evenements/{event}/collecte/flux"),
        format!("/evenements/{event}/collecte/elements/{id}"),
    ] {
        let (status, _) = other.get_html(&path).await;
        assert_eq!(status, 404, "{path}");
    }
    for path in [
        format!("/evenements/{event}/collecte"),
        format!("/evenements/{event}/collecte/cloture"),
        format!("/evenements/{event}/collecte/elements/{id}/initiative"),
        format!("/evenements/{event}/collecte/elements/{id}/ecart"),
    ] {
        let r = other.post_form(&path, &[]).await;
        assert_eq!(r.status(), 404, "{path}");
    }
    let r = other
        .post_form(
            &format!("/evenements/{event}/collecte/fusion"),
            &[("keep", &id), ("duplicate", "1")],
        )
        .await;
    assert_eq!(r.status(), 404);
    // A phone (no account) is sent to sign in, never shown the room.
    let (status, _) = p.get_html(&format!("/evenements/{event}/collecte")).await;
    assert_ne!(status, 200);
    // The API too.
    let token = other.api_token().await;
    for (method, path) in [
        ("GET", format!("/api/v1/events/{event}/collecte")),
        ("GET", format!("/api/v1/events/{event}/collecte/items")),
        ("POST", format!("/api/v1/events/{event}/collecte/close")),
        (
            "POST",
            format!("/api/v1/events/{event}/collecte/items/{id}/initiative"),
        ),
        (
            "POST",
            format!("/api/v1/events/{event}/collecte/items/{id}/discard"),
        ),
    ] {
        let r = other
            .client
            .request(method.parse().unwrap(), other.at(&path))
            .bearer_auth(&token)
            .send()
            .await
            .unwrap();
        assert_eq!(r.status(), 404, "{method} {path}");
    }
    // The item is untouched.
    let (_, room) = app.get_html(&format!("/evenements/{event}/collecte")).await;
    assert!(room.contains("<span id=\"collecte-count\">1</span>"));
    assert!(room.contains("collecte-active"));
}

async fn the_api_opens_collects_merges_converts_and_closes(backend: Backend) {
    let Some(app) = TestApp::spawn(backend).await else {
        return;
    };
    let event = organiser_with_collecte_event(&app, "Table ronde API").await;
    let token = app.api_token().await;
    let api = |method: &str, path: &str| {
        app.client
            .request(method.parse().unwrap(), app.at(path))
            .bearer_auth(&token)
    };
    let r = api("POST", &format!("/api/v1/events/{event}/collecte"))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 201);
    let c: Value = r.json().await.unwrap();
    let code = c["code"].as_str().unwrap().to_owned();
    assert_eq!(c["status"], "open");
    assert_eq!(c["join_url"], format!("{}/c/{code}", app.url));

    // The room submits by code, no account.
    let anon = reqwest::Client::new();
    let submit = |body: Value, phone: Option<String>| {
        let mut req = anon
            .post(app.at(&format!("/api/v1/collecte/{code}/items")))
            .json(&body);
        if let Some(p) = phone {
            req = req.header("x-collecte-phone", p);
        }
        req.send()
    };
    let r = submit(
        json!({"name": "Épicerie solidaire", "commune": "commune:29019", "what": "Des produits à petits prix."}),
        None,
    )
    .await
    .unwrap();
    assert_eq!(r.status(), 201);
    let first: Value = r.json().await.unwrap();
    let phone_token = first["phone_token"].as_str().unwrap().to_owned();
    assert_eq!(first["number"], 1);
    let r = submit(
        json!({"name": "Epicerie solidaire de Brest", "commune": "commune:29019"}),
        Some(phone_token.clone()),
    )
    .await
    .unwrap();
    assert_eq!(r.status(), 201);
    let dup: Value = r.json().await.unwrap();
    assert_eq!(dup["phone_token"], phone_token.as_str());

    // Bad input.
    for (body, field, code_expected) in [
        (
            json!({"name": "", "commune": "commune:29019"}),
            "name",
            "collecte_name_required",
        ),
        (
            json!({"name": "Ok", "commune": "commune:99999"}),
            "commune",
            "collecte_commune_unknown",
        ),
        (
            json!({"name": "Ok", "commune": "commune:29019", "contact": "a@b.fr"}),
            "contact",
            "collecte_contact_needs_consent",
        ),
        (
            json!({"name": "Ok", "commune": "commune:29019", "carrier": "c".repeat(301)}),
            "carrier",
            "collecte_carrier_too_long",
        ),
    ] {
        let r = submit(body, Some(phone_token.clone())).await.unwrap();
        assert_eq!(r.status(), 422);
        let e: Value = r.json().await.unwrap();
        assert_eq!(e["code"], "invalid_input");
        assert!(e.to_string().contains(code_expected), "{field}: {e}");
    }
    let r = anon
        .post(app.at("/api/v1/collecte/ZZZZ999/items"))
        .json(&json!({"name": "X y z", "commune": "commune:29019"}))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 404);
    let r = anon
        .post(app.at(&format!("/api/v1/collecte/{code}/items")))
        .header("content-type", "application/json")
        .body("{not json")
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 400);

    // The facilitator's list, then what changed since.
    let r = api("GET", &format!("/api/v1/events/{event}/collecte"))
        .send()
        .await
        .unwrap();
    let all: Value = r.json().await.unwrap();
    assert_eq!(all["items"].as_array().unwrap().len(), 2);
    assert_eq!(all["item_count"], 2);
    let rev = all["revision"].as_i64().unwrap();
    let r = api(
        "GET",
        &format!("/api/v1/events/{event}/collecte/items?since={rev}"),
    )
    .send()
    .await
    .unwrap();
    let none: Value = r.json().await.unwrap();
    assert_eq!(none["items"].as_array().unwrap().len(), 0);
    let r = api(
        "GET",
        &format!("/api/v1/events/{event}/collecte/items?since=-1"),
    )
    .send()
    .await
    .unwrap();
    assert_eq!(r.status(), 422);

    // Merge, bad merges, convert.
    let keep = first["id"].as_str().unwrap();
    let dup_id = dup["id"].as_str().unwrap();
    let r = api("POST", &format!("/api/v1/events/{event}/collecte/merge"))
        .json(&json!({"keep": keep, "duplicates": [keep]}))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 409);
    let r = api("POST", &format!("/api/v1/events/{event}/collecte/merge"))
        .json(&json!({"keep": keep, "duplicates": []}))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 422);
    let r = api("POST", &format!("/api/v1/events/{event}/collecte/merge"))
        .json(&json!({"keep": keep, "duplicates": [dup_id]}))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 200);
    let merged: Value = r.json().await.unwrap();
    assert_eq!(merged["items"][0]["status"], "merged");
    assert_eq!(merged["items"][0]["merged_into"], keep);
    let r = api(
        "GET",
        &format!("/api/v1/events/{event}/collecte/items?since={rev}"),
    )
    .send()
    .await
    .unwrap();
    let changed: Value = r.json().await.unwrap();
    assert_eq!(changed["items"][0]["id"], dup_id);

    let r = api(
        "POST",
        &format!("/api/v1/events/{event}/collecte/items/{keep}/initiative"),
    )
    .send()
    .await
    .unwrap();
    assert_eq!(r.status(), 201);
    let converted: Value = r.json().await.unwrap();
    assert_eq!(converted["item"]["status"], "converted");
    let initiative = converted["initiative_id"].as_str().unwrap();
    let r = api("GET", &format!("/api/v1/initiatives/{initiative}"))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 200);
    let i: Value = r.json().await.unwrap();
    assert_eq!(i["status"], "draft");
    assert_eq!(i["title"], "Épicerie solidaire");

    // Close: the code expires.
    let r = api("POST", &format!("/api/v1/events/{event}/collecte/close"))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 200);
    let r = submit(
        json!({"name": "Trop tard", "commune": "commune:29019"}),
        None,
    )
    .await
    .unwrap();
    assert_eq!(r.status(), 409);
    assert_eq!(r.json::<Value>().await.unwrap()["code"], "collecte-closed");
    let r = api("POST", &format!("/api/v1/events/{event}/collecte/close"))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 409);
    // Documented.
    let doc: Value = app.get("/api/v1/openapi.json").await.json().await.unwrap();
    assert!(doc["paths"]["/api/v1/collecte/{code}/items"]["post"].is_object());
    assert!(doc["paths"]["/api/v1/events/{id}/collecte/merge"]["post"].is_object());
}

async fn the_data_export_holds_items_submitted_signed_in_and_collections_opened(backend: Backend) {
    let Some(app) = TestApp::spawn(backend).await else {
        return;
    };
    let event = organiser_with_collecte_event(&app, "Table ronde exportée").await;
    let code = open_collecte(&app, &event).await;
    // The organiser names an innovation from their own (signed-in) phone; an anonymous phone
    // another one, which is nobody's data.
    let r = app
        .post_form(
            &format!("/c/{code}"),
            &[
                ("name", "Atelier vélo"),
                ("commune", "Brest"),
                ("contact", "velo@exemple.fr"),
                ("consent", "on"),
            ],
        )
        .await;
    assert_eq!(r.status(), 303);
    let p = phone(&app, &code).await;
    let r = p
        .post_form(&format!("/c/{code}"), &item("Anonyme", "Brest", ""))
        .await;
    assert_eq!(r.status(), 303);

    let r = app.post_form("/compte/donnees", &[]).await;
    assert_eq!(r.status(), 200);
    let html = r.text().await.unwrap().replace("&#x2f;", "/");
    let start = html
        .find("/compte/donnees/telecharger?jeton=")
        .expect("the page shows the link");
    let link = html[start..].split('"').next().unwrap().to_owned();
    let data: Value = app.get(&link).await.json().await.unwrap();
    let items = data["collecte"]["items"].as_array().unwrap();
    assert_eq!(items.len(), 1, "{}", data["collecte"]);
    assert_eq!(items[0]["name"], "Atelier vélo");
    assert_eq!(items[0]["contact"], "velo@exemple.fr");
    assert_eq!(items[0]["event_title"], "Table ronde exportée");
    let opened = data["collecte"]["opened"].as_array().unwrap();
    assert_eq!(opened.len(), 1);
    assert_eq!(opened[0]["code"], code.as_str());
    assert_eq!(opened[0]["event_id"], event.as_str());
    // The privacy page says who sees what people in the room give.
    let (_, privacy) = app.get_html("/confidentialite").await;
    assert!(privacy.contains("Collecte"));
}
