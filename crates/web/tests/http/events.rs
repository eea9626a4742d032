//! Events: organisers create and edit them, people register (a waiting list past capacity,
//! never over it, even with parallel requests), cancellations move the waiting list up and
//! mail, the attendee list for organisers only, reminders once, the iCalendar and Atom
//! feeds, the API, and bad input (the form comes back with what was typed).

use crate::common::{location, Backend, TestApp};
use chrono::{Duration, Utc};
use essaim_domain::deliberation::conversation::datetime_local;
use serde_json::{json, Value};

crate::on_both_backends!(
    people_register_wait_and_move_up_when_a_place_is_freed,
    bad_input_is_explained_and_the_form_keeps_what_was_typed,
    parallel_registrations_never_exceed_the_capacity,
    cancelling_an_event_mails_everyone_registered_and_closes_registration,
    reminders_go_once_the_day_before,
    feeds_and_the_api_list_events_by_territory,
    a_deleted_account_hands_its_place_to_the_waiting_list,
    nothing_moves_once_the_event_has_started,
    the_api_refuses_management_to_others_and_to_unconfirmed_managers,
);

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

fn in_days(days: i64) -> String {
    datetime_local(Utc::now() + Duration::days(days))
}

fn in_days_plus_hours(days: i64, hours: i64) -> String {
    datetime_local(Utc::now() + Duration::days(days) + Duration::hours(hours))
}

/// The fields of a valid event in Brest, `days` from now, with this capacity.
fn event_fields<'a>(
    title: &'a str,
    organiser: &'a str,
    starts: &'a str,
    ends: &'a str,
    capacity: &'a str,
) -> Vec<(&'a str, &'a str)> {
    vec![
        ("kind", "meetup"),
        ("title", title),
        ("description", "On se retrouve **ensemble**."),
        ("starts_at", starts),
        ("ends_at", ends),
        ("address", "2 rue de Siam"),
        ("commune", "Brest"),
        ("online_url", ""),
        ("capacity", capacity),
        ("registration_open", "on"),
        ("organiser", organiser),
    ]
}

/// An organiser (signed in, managing a structure) and an event they created.
async fn organiser_with_event(app: &TestApp, title: &str, capacity: &str) -> (String, String) {
    app.sign_up_and_in("orga@exemple.fr", "Morgane").await;
    let s = create_structure(app, "Les Ruches de Brest").await;
    let (starts, ends) = (in_days(3), in_days_plus_hours(3, 2));
    let r = app
        .post_form(
            "/evenements",
            &event_fields(title, &s, &starts, &ends, capacity),
        )
        .await;
    assert_eq!(
        r.status(),
        303,
        "event created: {}",
        r.text().await.unwrap()
    );
    let id = location(&r).trim_start_matches("/evenements/").to_owned();
    (s, id)
}

async fn person(app: &TestApp, email: &str, name: &str) -> TestApp {
    let b = app.other_browser();
    b.sign_up_and_in(email, name).await;
    b
}

async fn people_register_wait_and_move_up_when_a_place_is_freed(backend: Backend) {
    let Some(app) = TestApp::spawn(backend).await else {
        return;
    };
    let (_, id) = organiser_with_event(&app, "Apéro des initiatives", "1").await;
    let (status, html) = app.get_html(&format!("/evenements/{id}")).await;
    assert_eq!(status, 200);
    crate::pages::assert_accessible_layout(&html, "/evenements/{id}");
    assert!(html.contains("Apéro des initiatives"));
    assert!(html.contains("<strong>ensemble</strong>"));
    assert!(html.contains("Brest"));
    assert!(html.contains("Les Ruches de Brest"));

    let anne = person(&app, "anne@exemple.fr", "Anne").await;
    let bruno = person(&app, "bruno@exemple.fr", "Bruno").await;
    let path = format!("/evenements/{id}/inscription");
    assert_eq!(anne.post_form(&path, &[]).await.status(), 303);
    assert_eq!(bruno.post_form(&path, &[]).await.status(), 303);
    let (_, html) = anne.get_html(&format!("/evenements/{id}")).await;
    assert!(html.contains("Vous êtes inscrit·e."));
    let (_, html) = bruno.get_html(&format!("/evenements/{id}")).await;
    assert!(html.contains("en position 1"), "Bruno waits first in line");
    // Each gets a receipt saying which it is.
    let mails = app.outbox().await;
    let receipt = |to: &str| {
        mails
            .iter()
            .filter(|m| m.to_address == to && m.subject.contains("Apéro"))
            .map(|m| m.subject.clone())
            .collect::<Vec<_>>()
    };
    assert_eq!(
        receipt("anne@exemple.fr"),
        ["Inscription confirmée : Apéro des initiatives"]
    );
    assert_eq!(
        receipt("bruno@exemple.fr"),
        ["Liste d’attente : Apéro des initiatives"]
    );
    let e = app
        .store
        .get_event(id.parse().unwrap())
        .await
        .unwrap()
        .unwrap();
    assert_eq!((e.confirmed, e.waiting), (1, 1));

    // Anne cancels: Bruno moves up and is mailed.
    let r = anne
        .post_form(&format!("/evenements/{id}/desinscription"), &[])
        .await;
    assert_eq!(r.status(), 303);
    let mails = app.outbox().await;
    let promoted = mails
        .iter()
        .find(|m| m.to_address == "bruno@exemple.fr" && m.subject.contains("place"))
        .expect("Bruno is told a place was freed");
    assert!(promoted.subject.contains("Apéro des initiatives"));
    assert!(promoted.body.contains(&format!("/evenements/{id}")));
    let (_, html) = bruno.get_html(&format!("/evenements/{id}")).await;
    assert!(html.contains("Vous êtes inscrit·e."));

    // The attendee list is the organisers'; 404 for anybody else.
    let (status, html) = app
        .get_html(&format!("/evenements/{id}/participants"))
        .await;
    assert_eq!(status, 200);
    crate::pages::assert_accessible_layout(&html, "/evenements/{id}/participants");
    assert!(html.contains("bruno@exemple.fr"));
    assert!(!html.contains("anne@exemple.fr"));
    assert_eq!(
        bruno
            .get(&format!("/evenements/{id}/participants"))
            .await
            .status(),
        404
    );
    assert_eq!(
        bruno
            .get(&format!("/evenements/{id}/participants.csv"))
            .await
            .status(),
        404
    );
    let visitor = app.other_browser();
    assert_eq!(
        visitor
            .get(&format!("/evenements/{id}/participants"))
            .await
            .status(),
        303,
        "sent to sign in"
    );
    let r = app.get(&format!("/evenements/{id}/participants.csv")).await;
    assert_eq!(r.status(), 200);
    assert!(r.headers()["content-type"]
        .to_str()
        .unwrap()
        .starts_with("text/csv"));
    let csv = r.text().await.unwrap();
    assert!(csv.starts_with("nom,courriel,statut,inscrit_le\n"));
    assert!(csv.contains("Bruno,bruno@exemple.fr,confirmed,"));

    // A raised capacity moves the waiting list up, in order.
    let carla = person(&app, "carla@exemple.fr", "=Carla").await;
    assert_eq!(carla.post_form(&path, &[]).await.status(), 303);
    let csv = app
        .get(&format!("/evenements/{id}/participants.csv"))
        .await
        .text()
        .await
        .unwrap();
    assert!(
        csv.contains("'=Carla,carla@exemple.fr,waiting,"),
        "formulas are defused: {csv}"
    );
    let (starts, ends) = (in_days(3), in_days_plus_hours(3, 2));
    let mut fields = event_fields("Apéro des initiatives", "", &starts, &ends, "5");
    fields.retain(|(k, _)| *k != "organiser");
    let r = app
        .post_form(&format!("/evenements/{id}/modifier"), &fields)
        .await;
    assert_eq!(r.status(), 303);
    assert!(app
        .outbox()
        .await
        .iter()
        .any(|m| m.to_address == "carla@exemple.fr" && m.subject.contains("place")));
    let e = app
        .store
        .get_event(id.parse().unwrap())
        .await
        .unwrap()
        .unwrap();
    assert_eq!((e.confirmed, e.waiting, e.capacity), (2, 0, Some(5)));
}

/// What a case is, the fields it changes, the message it must show.
type Case<'a> = (&'a str, Vec<(&'a str, &'a str)>, &'a str);

async fn bad_input_is_explained_and_the_form_keeps_what_was_typed(backend: Backend) {
    let Some(app) = TestApp::spawn(backend).await else {
        return;
    };
    let (s, id) = organiser_with_event(&app, "Atelier", "2").await;
    let (starts, ends) = (in_days(3), in_days_plus_hours(3, 2));
    let long_title = "t".repeat(201);
    let cases: Vec<Case> = vec![
        (
            "end before start",
            vec![("ends_at", starts.as_str()), ("starts_at", ends.as_str())],
            "La fin doit être après le début.",
        ),
        (
            "capacity 0",
            vec![("capacity", "0")],
            "Le nombre de places doit être au moins 1",
        ),
        (
            "negative capacity",
            vec![("capacity", "-4")],
            "Le nombre de places doit être au moins 1",
        ),
        (
            "a non-https link",
            vec![
                ("address", ""),
                ("commune", ""),
                ("online_url", "http://visio.exemple.org/salle"),
            ],
            // Escaped in HTML ('/' is &#x2f;): the words before the link.
            "Le lien de la réunion doit être une adresse https",
        ),
        (
            "no place and no link",
            vec![("address", ""), ("commune", "")],
            "Indiquez un lieu (commune) ou un lien de réunion en ligne.",
        ),
        (
            "title too long",
            vec![("title", long_title.as_str())],
            "Le titre ne doit pas dépasser 200 caractères.",
        ),
    ];
    for (what, changes, message) in cases {
        let mut fields = event_fields("Forum de l’ESS Zéphyr", &s, &starts, &ends, "30");
        for (k, v) in &changes {
            for f in fields.iter_mut() {
                if f.0 == *k {
                    f.1 = *v;
                }
            }
        }
        let r = app.post_form("/evenements", &fields).await;
        assert_eq!(r.status(), 422, "{what}");
        let html = r.text().await.unwrap();
        assert!(html.contains(message), "{what}: {message}");
        assert!(
            html.contains("On se retrouve **ensemble**."),
            "{what}: the description typed is kept"
        );
        crate::pages::assert_accessible_layout(&html, "/evenements (invalid)");
    }
    // Nothing was created.
    let (_, html) = app.get_html("/evenements").await;
    assert!(!html.contains("Zéphyr"));
    assert!(html.contains("Atelier"));

    // An edit below the confirmed registrations is refused, the form kept.
    let a = person(&app, "anne@exemple.fr", "Anne").await;
    let b = person(&app, "bruno@exemple.fr", "Bruno").await;
    let path = format!("/evenements/{id}/inscription");
    assert_eq!(a.post_form(&path, &[]).await.status(), 303);
    assert_eq!(b.post_form(&path, &[]).await.status(), 303);
    let mut fields = event_fields("Atelier renommé", "", &starts, &ends, "1");
    fields.retain(|(k, _)| *k != "organiser");
    let r = app
        .post_form(&format!("/evenements/{id}/modifier"), &fields)
        .await;
    assert_eq!(r.status(), 422);
    let html = r.text().await.unwrap();
    assert!(html.contains("Atelier renommé"));
    assert!(html.contains("choisissez au moins le nombre d’inscrits confirmés"));

    // Double registration: 409 with its message, nothing changed.
    let r = a.post_form(&path, &[]).await;
    assert_eq!(r.status(), 409);
    assert!(r
        .text()
        .await
        .unwrap()
        .contains("Vous êtes déjà inscrit·e à cet événement"));

    // Someone not an organiser: 404 to edit, cancel or read the attendee list.
    for (method, p) in [
        ("get", format!("/evenements/{id}/modifier")),
        ("post", format!("/evenements/{id}/modifier")),
        ("post", format!("/evenements/{id}/annulation")),
        ("get", format!("/evenements/{id}/participants")),
    ] {
        let r = if method == "get" {
            a.get(&p).await
        } else {
            a.post_form(&p, &fields).await
        };
        assert_eq!(r.status(), 404, "{method} {p}");
    }
    let e = app
        .store
        .get_event(id.parse().unwrap())
        .await
        .unwrap()
        .unwrap();
    assert_eq!(e.title, "Atelier");
    assert_eq!(e.status, "published");

    // Organising for a structure one does not manage is refused.
    let other = create_structure(&a, "Autre structure").await;
    let r = app
        .post_form(
            "/evenements",
            &event_fields("Usurpation", &other, &starts, &ends, ""),
        )
        .await;
    assert_eq!(r.status(), 422);
    assert!(r
        .text()
        .await
        .unwrap()
        .contains("Vous ne pouvez organiser qu’au nom d’une structure que vous gérez."));

    // No structure ticked: refused, with what was typed kept.
    let mut fields = event_fields("Sans organisateur", "", &starts, &ends, "");
    fields.retain(|(k, _)| *k != "organiser");
    let r = app.post_form("/evenements", &fields).await;
    assert_eq!(r.status(), 422);
    let html = r.text().await.unwrap();
    assert!(html.contains("Choisissez la structure qui organise."));
    assert!(html.contains("Sans organisateur"));

    // Two structures the organiser manages, both ticked: both organise.
    let second = create_structure(&app, "Deuxième structure").await;
    let (_, form) = app.get_html("/evenements/nouveau").await;
    assert!(form.contains(&format!("name=\"organiser\" value=\"{second}\"")));
    let mut fields = event_fields("Co-organisé", &s, &starts, &ends, "");
    fields.push(("organiser", &second));
    let r = app.post_form("/evenements", &fields).await;
    assert_eq!(r.status(), 303);
    let co: uuid::Uuid = location(&r)
        .trim_start_matches("/evenements/")
        .parse()
        .unwrap();
    let mut names: Vec<String> = app
        .store
        .event_organisers(co)
        .await
        .unwrap()
        .into_iter()
        .map(|(_, name)| name)
        .collect();
    names.sort();
    assert_eq!(names, ["Deuxième structure", "Les Ruches de Brest"]);

    // A past event takes no registration.
    let (ps, pe) = (in_days(-3), in_days_plus_hours(-3, 2));
    let r = app
        .post_form("/evenements", &event_fields("Passé", &s, &ps, &pe, ""))
        .await;
    assert_eq!(r.status(), 303);
    let past = location(&r);
    let r = a.post_form(&format!("{past}/inscription"), &[]).await;
    assert_eq!(r.status(), 409);
    assert!(r.text().await.unwrap().contains("a déjà commencé"));
}

async fn parallel_registrations_never_exceed_the_capacity(backend: Backend) {
    let Some(app) = TestApp::spawn(backend).await else {
        return;
    };
    let (_, id) = organiser_with_event(&app, "Places comptées", "2").await;
    let mut browsers = vec![];
    for i in 0..6 {
        browsers.push(person(&app, &format!("p{i}@exemple.fr"), &format!("Personne {i}")).await);
    }
    let path = format!("/evenements/{id}/inscription");
    let mut tasks = vec![];
    for b in browsers {
        let path = path.clone();
        tasks.push(tokio::spawn(async move {
            b.post_form(&path, &[]).await.status().as_u16()
        }));
    }
    for t in tasks {
        assert_eq!(t.await.unwrap(), 303);
    }
    let e = app
        .store
        .get_event(id.parse().unwrap())
        .await
        .unwrap()
        .unwrap();
    assert_eq!((e.confirmed, e.waiting), (2, 4));
}

async fn cancelling_an_event_mails_everyone_registered_and_closes_registration(backend: Backend) {
    let Some(app) = TestApp::spawn(backend).await else {
        return;
    };
    let (_, id) = organiser_with_event(&app, "Forum annulé", "1").await;
    let a = person(&app, "anne@exemple.fr", "Anne").await;
    let b = person(&app, "bruno@exemple.fr", "Bruno").await;
    let path = format!("/evenements/{id}/inscription");
    a.post_form(&path, &[]).await;
    b.post_form(&path, &[]).await;
    let r = app
        .post_form(&format!("/evenements/{id}/annulation"), &[])
        .await;
    assert_eq!(r.status(), 303);
    let mails = app.outbox().await;
    for to in ["anne@exemple.fr", "bruno@exemple.fr"] {
        assert!(
            mails
                .iter()
                .any(|m| m.to_address == to && m.subject == "Événement annulé : Forum annulé"),
            "{to} is told"
        );
    }
    let (_, html) = app.get_html(&format!("/evenements/{id}")).await;
    assert!(html.contains("Cet événement est annulé."));
    let c = person(&app, "carla@exemple.fr", "Carla").await;
    let r = c.post_form(&path, &[]).await;
    assert_eq!(r.status(), 409);
    assert!(r.text().await.unwrap().contains("Cet événement est annulé"));
    let ics = app
        .get(&format!("/evenements/{id}.ics"))
        .await
        .text()
        .await
        .unwrap();
    assert!(ics.contains("STATUS:CANCELLED"));
    // Cancelling twice is a conflict.
    assert_eq!(
        app.post_form(&format!("/evenements/{id}/annulation"), &[])
            .await
            .status(),
        409
    );
}

async fn reminders_go_once_the_day_before(backend: Backend) {
    let Some(app) = TestApp::spawn(backend).await else {
        return;
    };
    app.sign_up_and_in("orga@exemple.fr", "Morgane").await;
    let s = create_structure(&app, "Les Ruches").await;
    let (starts, ends) = (
        datetime_local(Utc::now() + Duration::hours(20)),
        datetime_local(Utc::now() + Duration::hours(22)),
    );
    let r = app
        .post_form(
            "/evenements",
            &event_fields("Demain", &s, &starts, &ends, ""),
        )
        .await;
    let soon = location(&r);
    let (ls, le) = (in_days(5), in_days_plus_hours(5, 1));
    let r = app
        .post_form("/evenements", &event_fields("Plus tard", &s, &ls, &le, ""))
        .await;
    let later = location(&r);
    let a = person(&app, "anne@exemple.fr", "Anne").await;
    a.post_form(&format!("{soon}/inscription"), &[]).await;
    a.post_form(&format!("{later}/inscription"), &[]).await;
    let i18n = essaim_web::i18n::I18n::load();
    let now = essaim_store::utc_now();
    let (x, y) = tokio::join!(
        essaim_web::events::send_reminders(app.store.as_ref(), &i18n, &app.url, now),
        essaim_web::events::send_reminders(app.store.as_ref(), &i18n, &app.url, now),
    );
    assert_eq!(x.unwrap() + y.unwrap(), 1, "one reminder, whoever runs");
    assert_eq!(
        essaim_web::events::send_reminders(app.store.as_ref(), &i18n, &app.url, now)
            .await
            .unwrap(),
        0
    );
    let reminders: Vec<_> = app
        .outbox()
        .await
        .into_iter()
        .filter(|m| m.subject.starts_with("Rappel"))
        .collect();
    assert_eq!(reminders.len(), 1);
    assert_eq!(reminders[0].to_address, "anne@exemple.fr");
    assert!(reminders[0].subject.contains("Demain"));
    assert!(reminders[0].body.contains(&soon));
}

async fn feeds_and_the_api_list_events_by_territory(backend: Backend) {
    let Some(app) = TestApp::spawn(backend).await else {
        return;
    };
    let (s, id) = organiser_with_event(&app, "Café, débat; et \\ suite", "").await;
    // The iCalendar file: escaped text, CRLF lines of at most 75 octets.
    let r = app.get(&format!("/evenements/{id}.ics")).await;
    assert_eq!(r.status(), 200);
    assert!(r.headers()["content-type"]
        .to_str()
        .unwrap()
        .starts_with("text/calendar"));
    let ics = r.text().await.unwrap();
    assert!(ics.starts_with("BEGIN:VCALENDAR\r\n"));
    assert!(ics.contains("SUMMARY:Café\\, débat\\; et \\\\ suite\r\n"));
    assert!(ics.contains(&format!("UID:{id}@127.0.0.1")));
    assert!(ics.split("\r\n").all(|l| l.len() <= 75));
    // The territory feed: Brest is in Finistère (29) and Bretagne (53), not in the Rhône.
    for (reference, found) in [
        ("departement:29", true),
        ("region:53", true),
        ("departement:69", false),
    ] {
        let r = app
            .get(&format!("/evenements/territoire/{reference}.ics"))
            .await;
        assert_eq!(r.status(), 200, "{reference}");
        assert!(r.headers()["content-type"]
            .to_str()
            .unwrap()
            .starts_with("text/calendar"));
        assert_eq!(r.text().await.unwrap().contains("BEGIN:VEVENT"), found);
    }
    assert_eq!(
        app.get("/evenements/territoire/nulle-part.ics")
            .await
            .status(),
        404
    );
    let (_, html) = app.get_html("/evenements?territoire=departement:69").await;
    assert!(!html.contains("Café, débat"));
    let (status, html) = app.get_html("/evenements?territoire=departement:29").await;
    assert_eq!(status, 200);
    crate::pages::assert_accessible_layout(&html, "/evenements");
    assert!(html.contains("Café, débat"));
    // The Atom feed of upcoming events.
    let r = app.get("/evenements.atom").await;
    assert!(r.headers()["content-type"]
        .to_str()
        .unwrap()
        .starts_with("application/atom+xml"));
    let xml = r.text().await.unwrap();
    assert!(xml.contains("<title>Café, débat; et \\ suite</title>"));
    assert!(xml.contains(&format!("/evenements/{id}\"/>")));

    // The API: list, create with bad input, register, attendees for organisers only.
    let token = app.api_token().await;
    let list: Value = app
        .client
        .get(app.at("/api/v1/events?territory=region:53"))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(list["items"][0]["id"], json!(id));
    let r = app
        .client
        .post(app.at("/api/v1/events"))
        .bearer_auth(&token)
        .json(&json!({
            "kind": "hackathon", "title": "Hack", "starts_at": "2030-05-02T09:00",
            "ends_at": "2030-05-01T18:00", "online_url": "http://x.org", "capacity": 0,
            "organisers": [s],
        }))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 422);
    let body: Value = r.json().await.unwrap();
    let text = body.to_string();
    for code in [
        "events_end_before_start",
        "events_link_https",
        "events_capacity_positive",
    ] {
        assert!(text.contains(code), "{code} in {text}");
    }
    let r = app
        .client
        .post(app.at("/api/v1/events"))
        .bearer_auth(&token)
        .json(&json!({
            "kind": "hackathon", "title": "Hack", "starts_at": "2030-05-01T09:00",
            "ends_at": "2030-05-02T18:00", "online_url": "https://visio.exemple.org/hack",
            "capacity": 1, "organisers": [s],
        }))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 201);
    let hack: Value = r.json().await.unwrap();
    let hack_id = hack["id"].as_str().unwrap().to_owned();
    assert_eq!(hack["kind"], "hackathon");
    assert_eq!(hack["capacity"], 1);
    let a = person(&app, "anne@exemple.fr", "Anne").await;
    let anne_token = a.api_token().await;
    let reg = |t: String| {
        let app = &app;
        let hack_id = hack_id.clone();
        async move {
            app.client
                .post(app.at(&format!("/api/v1/events/{hack_id}/registration")))
                .bearer_auth(t)
                .send()
                .await
                .unwrap()
        }
    };
    let r = reg(anne_token.clone()).await;
    assert_eq!(r.status(), 201);
    assert_eq!(r.json::<Value>().await.unwrap()["status"], "confirmed");
    assert_eq!(reg(anne_token.clone()).await.status(), 409);
    let r = reg(token.clone()).await;
    assert_eq!(r.json::<Value>().await.unwrap()["status"], "waiting");
    let attendees = |t: String| {
        let app = &app;
        let hack_id = hack_id.clone();
        async move {
            app.client
                .get(app.at(&format!("/api/v1/events/{hack_id}/attendees")))
                .bearer_auth(t)
                .send()
                .await
                .unwrap()
        }
    };
    assert_eq!(attendees(anne_token.clone()).await.status(), 404);
    let list: Value = attendees(token.clone()).await.json().await.unwrap();
    assert_eq!(list["items"][0]["email"], "anne@exemple.fr");
    assert_eq!(list["items"][1]["status"], "waiting");
    let r = app
        .client
        .delete(app.at(&format!("/api/v1/events/{hack_id}/registration")))
        .bearer_auth(&anne_token)
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 204);
    let one: Value = app
        .client
        .get(app.at(&format!("/api/v1/events/{hack_id}")))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(
        (one["confirmed"].clone(), one["waiting"].clone()),
        (json!(1), json!(0))
    );
    // Every events endpoint is in the OpenAPI document.
    let doc: Value = app.get("/api/v1/openapi.json").await.json().await.unwrap();
    for p in [
        "/api/v1/events",
        "/api/v1/events/{id}",
        "/api/v1/events/{id}/cancel",
        "/api/v1/events/{id}/registration",
        "/api/v1/events/{id}/attendees",
    ] {
        assert!(doc["paths"].get(p).is_some(), "{p} in the OpenAPI document");
    }
}

async fn a_deleted_account_hands_its_place_to_the_waiting_list(backend: Backend) {
    let Some(app) = TestApp::spawn(backend).await else {
        return;
    };
    let (_, id) = organiser_with_event(&app, "Atelier compost", "1").await;
    let anne = person(&app, "anne@exemple.fr", "Anne").await;
    let bruno = person(&app, "bruno@exemple.fr", "Bruno").await;
    let path = format!("/evenements/{id}/inscription");
    assert_eq!(anne.post_form(&path, &[]).await.status(), 303);
    assert_eq!(bruno.post_form(&path, &[]).await.status(), 303);
    let r = anne
        .post_form(
            "/compte/suppression",
            &[
                ("current_password", crate::common::PASSWORD),
                ("understood", "oui"),
            ],
        )
        .await;
    assert_eq!(r.status(), 200, "account deleted");
    let e = app
        .store
        .get_event(id.parse().unwrap())
        .await
        .unwrap()
        .unwrap();
    assert_eq!((e.confirmed, e.waiting), (1, 0), "Bruno took the place");
    let bruno_id = app
        .store
        .person_by_email("bruno@exemple.fr")
        .await
        .unwrap()
        .unwrap()
        .id;
    let reg = app
        .store
        .registration_of(e.id, bruno_id)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(reg.status, "confirmed");
    assert!(app
        .outbox()
        .await
        .iter()
        .any(|m| m.to_address == "bruno@exemple.fr"
            && m.subject.contains("place")
            && m.subject.contains("Atelier compost")));
}

async fn nothing_moves_once_the_event_has_started(backend: Backend) {
    let Some(app) = TestApp::spawn(backend).await else {
        return;
    };
    let (_, id) = organiser_with_event(&app, "Chantier participatif", "1").await;
    let anne = person(&app, "anne@exemple.fr", "Anne").await;
    let bruno = person(&app, "bruno@exemple.fr", "Bruno").await;
    let path = format!("/evenements/{id}/inscription");
    assert_eq!(anne.post_form(&path, &[]).await.status(), 303);
    assert_eq!(bruno.post_form(&path, &[]).await.status(), 303);
    // The event started ten minutes ago.
    let e = app
        .store
        .get_event(id.parse().unwrap())
        .await
        .unwrap()
        .unwrap();
    let now = essaim_store::utc_now();
    let started = essaim_store::events::EventFields {
        kind: e.kind.clone(),
        title: e.title.clone(),
        description: e.description.clone(),
        starts_at: now - Duration::minutes(10),
        ends_at: now + Duration::hours(2),
        address: e.address.clone(),
        commune: e.commune.clone(),
        departement: e.departement.clone(),
        region: e.region.clone(),
        online_url: e.online_url.clone(),
        capacity: e.capacity,
        registration_open: e.registration_open,
    };
    app.store.update_event(e.id, &started, now).await.unwrap();

    let r = anne
        .post_form(&format!("/evenements/{id}/desinscription"), &[])
        .await;
    assert_eq!(r.status(), 409);
    assert!(r.text().await.unwrap().contains("a déjà commencé"));
    let token = anne.api_token().await;
    let r = app
        .client
        .delete(app.at(&format!("/api/v1/events/{id}/registration")))
        .bearer_auth(&token)
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 409);
    assert!(r.text().await.unwrap().contains("events-started"));
    // A raised capacity is kept but moves nobody up.
    let mut raised = started.clone();
    raised.capacity = Some(5);
    let (row, promoted) = app
        .store
        .update_event(e.id, &raised, essaim_store::utc_now())
        .await
        .unwrap();
    assert!(promoted.is_empty());
    assert_eq!((row.confirmed, row.waiting, row.capacity), (1, 1, Some(5)));
    assert!(!app
        .outbox()
        .await
        .iter()
        .any(|m| m.to_address == "bruno@exemple.fr" && m.subject.contains("place")));
}

async fn the_api_refuses_management_to_others_and_to_unconfirmed_managers(backend: Backend) {
    let Some(app) = TestApp::spawn(backend).await else {
        return;
    };
    let (s, id) = organiser_with_event(&app, "Forum des associations", "").await;
    let before = app
        .store
        .get_event(id.parse().unwrap())
        .await
        .unwrap()
        .unwrap();
    let bruno = person(&app, "bruno@exemple.fr", "Bruno").await;
    let token = bruno.api_token().await;
    let r = app
        .client
        .put(app.at(&format!("/api/v1/events/{id}")))
        .bearer_auth(&token)
        .json(&json!({
            "kind": "hackathon", "title": "Détourné", "starts_at": "2030-05-01T09:00",
            "ends_at": "2030-05-02T18:00", "online_url": "https://visio.exemple.org/x",
            "capacity": 3, "organisers": [s],
        }))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 404, "not announced to others, as on the pages");
    let r = app
        .client
        .post(app.at(&format!("/api/v1/events/{id}/cancel")))
        .bearer_auth(&token)
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 404);
    let after = app
        .store
        .get_event(id.parse().unwrap())
        .await
        .unwrap()
        .unwrap();
    assert_eq!(after, before, "the event is unchanged");

    // A manager of the organiser structure whose e-mail is not confirmed.
    let claire = app.other_browser();
    claire
        .post_form(
            "/inscription",
            &[
                ("email", "claire@exemple.fr"),
                ("name", "Claire"),
                ("password", crate::common::PASSWORD),
            ],
        )
        .await;
    claire
        .sign_in("claire@exemple.fr", crate::common::PASSWORD)
        .await;
    let claire_id = app
        .store
        .person_by_email("claire@exemple.fr")
        .await
        .unwrap()
        .unwrap()
        .id;
    app.store
        .add_member(
            s.parse().unwrap(),
            claire_id,
            essaim_domain::structure::MemberRole::Manager,
            essaim_store::utc_now(),
        )
        .await
        .unwrap();
    let claire_token = claire.api_token().await;
    let attendees = |t: String| {
        let app = &app;
        let id = id.clone();
        async move {
            app.client
                .get(app.at(&format!("/api/v1/events/{id}/attendees")))
                .bearer_auth(t)
                .send()
                .await
                .unwrap()
        }
    };
    let r = attendees(claire_token).await;
    assert_eq!(r.status(), 403);
    assert!(r.text().await.unwrap().contains("email_not_confirmed"));
    assert_eq!(attendees(app.api_token().await).await.status(), 200);
}
