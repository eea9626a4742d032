//! Jury and incubation: organisers set weighted criteria and name jurors, jurors score the
//! teams they are not in conflict with (a juror whose structure sponsors a défi cannot score
//! its team: 409 with the reason, nothing stored), the ranking keeps ties as ties, published
//! results are public, the winner is incubated with a milestone plan, updates, a draft
//! initiative linked to its défi and a closure; bad input comes back with what was typed;
//! others get 404s.

use crate::common::{location, Backend, TestApp};
use chrono::{Duration, NaiveDate};
use essaim_store::defis::{DefiFields, NewDefi};
use essaim_store::events::{EventFields, NewEvent};
use essaim_store::hackathons::{Attributes, TeamSetup};
use essaim_store::utc_now;
use serde_json::{json, Value};
use uuid::Uuid;

crate::on_both_backends!(
    the_jury_scores_with_conflicts_respected_and_the_winner_is_incubated,
    bad_input_and_strangers_are_refused,
    published_results_and_scored_criteria_stay_as_they_are,
    another_hackathons_team_is_not_found,
);

async fn create_structure(app: &TestApp, name: &str) -> Uuid {
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
    location(&r)
        .trim_start_matches("/structures/")
        .parse()
        .unwrap()
}

async fn person_id(app: &TestApp, email: &str) -> Uuid {
    app.store.person_by_email(email).await.unwrap().unwrap().id
}

/// A past hackathon organised by `orga@exemple.fr` (signed in in `app`), two défis, two
/// teams: team 1 on the défi sponsored by the structure of `sponsor@exemple.fr` (signed in in
/// the returned browser), team 2 on the other, with `membre@exemple.fr` in it.
struct Scene {
    event: Uuid,
    teams: [Uuid; 2],
    defi_a: Uuid,
    sponsor: TestApp,
    member: TestApp,
}

async fn scene(app: &TestApp) -> Scene {
    app.sign_up_and_in("orga@exemple.fr", "Morgane").await;
    let organiser = create_structure(app, "Les Ruches de Brest").await;
    let orga = person_id(app, "orga@exemple.fr").await;
    let sponsor = app.other_browser();
    sponsor.sign_up_and_in("sponsor@exemple.fr", "Soizic").await;
    let fondation = create_structure(&sponsor, "Fondation Littoral").await;
    let member = app.other_browser();
    member.sign_up_and_in("membre@exemple.fr", "Maël").await;

    let starts_at = utc_now() - Duration::days(30);
    let event = app
        .store
        .create_event(&NewEvent {
            id: Uuid::now_v7(),
            fields: EventFields {
                kind: "hackathon".into(),
                title: "Hackathon des cantines".into(),
                description: String::new(),
                starts_at,
                ends_at: starts_at + Duration::days(2),
                address: "2 rue de Siam".into(),
                commune: "commune:29019".into(),
                departement: Some("29".into()),
                region: Some("53".into()),
                online_url: None,
                capacity: None,
                registration_open: true,
            },
            organisers: vec![organiser],
            created_by: orga,
            created_at: utc_now(),
        })
        .await
        .unwrap()
        .id;
    app.store.save_hackathon(event, 2, utc_now()).await.unwrap();
    let challenge = app.store.challenges().await.unwrap()[0].code.clone();
    let defi = |title: &str, sponsors: Vec<Uuid>| NewDefi {
        id: Uuid::now_v7(),
        fields: DefiFields {
            title: title.into(),
            question: "Comment faire ?".into(),
            territory: "departement:29".into(),
            departement: Some("29".into()),
            region: Some("53".into()),
            status: "published".into(),
            challenges: vec![challenge.clone()],
            sponsors,
            ..Default::default()
        },
        owners: vec![organiser],
        created_by: orga,
        created_at: utc_now(),
    };
    let defi_a = app
        .store
        .create_defi(&defi("Zéro gaspi", vec![fondation]))
        .await
        .unwrap()
        .row
        .id;
    let defi_b = app
        .store
        .create_defi(&defi("Mobilité douce", vec![]))
        .await
        .unwrap()
        .row
        .id;
    app.store
        .set_hackathon_defis(event, &[defi_a, defi_b])
        .await
        .unwrap();
    let mut people = vec![person_id(app, "membre@exemple.fr").await];
    for i in 0..3 {
        people.push(
            app.store
                .create_person(essaim_store::NewPerson {
                    id: Uuid::now_v7(),
                    email: format!("equipier{i}@exemple.fr"),
                    display_name: format!("Équipier {i}"),
                    password_hash: "x".into(),
                    email_confirmed_at: Some(utc_now()),
                    roles: vec![],
                    created_at: utc_now(),
                })
                .await
                .unwrap()
                .id,
        );
    }
    for p in &people {
        app.store
            .join_hackathon(event, *p, &Attributes::default(), utc_now())
            .await
            .unwrap();
    }
    let teams = app
        .store
        .replace_teams(
            event,
            &[
                TeamSetup {
                    number: 1,
                    defi_id: Some(defi_a),
                    members: vec![people[1], people[2]],
                    ..Default::default()
                },
                TeamSetup {
                    number: 2,
                    name: "Les Vélos".into(),
                    defi_id: Some(defi_b),
                    members: vec![people[0], people[3]],
                    ..Default::default()
                },
            ],
            Some(1),
            utc_now(),
        )
        .await
        .unwrap();
    Scene {
        event,
        teams: [teams[0].row.id, teams[1].row.id],
        defi_a,
        sponsor,
        member,
    }
}

async fn criterion_ids(app: &TestApp, event: Uuid) -> Vec<Uuid> {
    app.store
        .jury_criteria(event)
        .await
        .unwrap()
        .into_iter()
        .map(|c| c.id)
        .collect()
}

/// Posts a juror's sheet: (impact on 0–10, feasibility on 0–5).
async fn score(
    juror: &TestApp,
    event: Uuid,
    team: Uuid,
    c: &[Uuid],
    impact: &str,
    feasibility: &str,
) -> reqwest::Response {
    let (s0, s1, m0) = (
        format!("score-{}", c[0]),
        format!("score-{}", c[1]),
        format!("comment-{}", c[0]),
    );
    juror
        .post_form(
            &format!("/evenements/{event}/hackathon/jury/noter/{team}"),
            &[
                (&s0, impact),
                (&s1, feasibility),
                (&m0, "Une belle idée, à tester"),
            ],
        )
        .await
}

pub async fn the_jury_scores_with_conflicts_respected_and_the_winner_is_incubated(
    backend: Backend,
) {
    let Some(app) = TestApp::spawn(backend).await else {
        return;
    };
    let s = scene(&app).await;
    let jury = format!("/evenements/{}/hackathon/jury", s.event);
    let (status, html) = app.get_html(&jury).await;
    assert_eq!(status, 200);
    assert!(html.contains("Ajouter un critère"), "{html}");

    // Criteria: impact weighs twice feasibility.
    for (name, weight, max) in [("Impact", "2", "10"), ("Faisabilité", "1", "5")] {
        let r = app
            .post_form(
                &format!("{jury}/criteres"),
                &[
                    ("name", name),
                    ("weight", weight),
                    ("scale_min", "0"),
                    ("scale_max", max),
                ],
            )
            .await;
        assert_eq!(r.status(), 303, "criterion {name}");
    }
    let c = criterion_ids(&app, s.event).await;
    assert_eq!(c.len(), 2);

    // Three jurors: the sponsor's, and two others.
    let b = app.other_browser();
    b.sign_up_and_in("jure.b@exemple.fr", "Bleuenn").await;
    let cc = app.other_browser();
    cc.sign_up_and_in("jure.c@exemple.fr", "Corentin").await;
    for email in [
        "sponsor@exemple.fr",
        "jure.b@exemple.fr",
        "jure.c@exemple.fr",
    ] {
        let r = app
            .post_form(&format!("{jury}/jures"), &[("email", email)])
            .await;
        assert_eq!(r.status(), 303, "juror {email}");
    }

    // The sponsor's juror sees team 1 as not scoreable, with the reason.
    let (status, html) = s.sponsor.get_html(&format!("{jury}/noter")).await;
    assert_eq!(status, 200);
    assert!(html.contains("Vous ne pouvez pas noter cette équipe."));
    assert!(html.contains("soutenu par votre structure Fondation Littoral"));
    assert!(html.contains(&format!("{jury}/noter/{}", s.teams[1])));
    assert!(!html.contains(&format!("{jury}/noter/{}\"", s.teams[0])));
    // Scoring it anyway: 409 with the reason, nothing stored.
    let r = score(&s.sponsor, s.event, s.teams[0], &c, "9", "5").await;
    assert_eq!(r.status(), 409);
    assert!(r.text().await.unwrap().contains("Fondation Littoral"));
    assert!(app.store.jury_scores(s.event).await.unwrap().is_empty());
    // Through the API too.
    let token = s.sponsor.api_token().await;
    let r = s
        .sponsor
        .client
        .put(app.at(&format!(
            "/api/v1/events/{}/hackathon/jury/scores/{}",
            s.event, s.teams[0]
        )))
        .bearer_auth(&token)
        .json(&json!([
            {"criterion_id": c[0], "value": 9},
            {"criterion_id": c[1], "value": 5}
        ]))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 409);
    let body: Value = r.json().await.unwrap();
    assert_eq!(body["code"], "jury-conflict-defi_sponsor");
    let teams: Value = s
        .sponsor
        .client
        .get(app.at(&format!("/api/v1/events/{}/hackathon/jury/teams", s.event)))
        .bearer_auth(&token)
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(teams[0]["scoreable"], false);
    assert_eq!(teams[0]["conflict"], "defi_sponsor");
    assert_eq!(teams[1]["scoreable"], true);
    assert!(app.store.jury_scores(s.event).await.unwrap().is_empty());

    // Scores chosen so that both teams reach 80/100 (see the arithmetic beside each).
    // Sponsor, team 2: (2×80 + 1×80) / 3 = 80.
    assert_eq!(
        score(&s.sponsor, s.event, s.teams[1], &c, "8", "4")
            .await
            .status(),
        303
    );
    // B: team 1 = 100, team 2 = (2×60 + 60) / 3 = 60.
    assert_eq!(
        score(&b, s.event, s.teams[0], &c, "10", "5").await.status(),
        303
    );
    assert_eq!(
        score(&b, s.event, s.teams[1], &c, "6", "3").await.status(),
        303
    );
    // C: team 1 = 60, team 2 = 100.
    assert_eq!(
        score(&cc, s.event, s.teams[0], &c, "6", "3").await.status(),
        303
    );
    assert_eq!(
        score(&cc, s.event, s.teams[1], &c, "10", "5")
            .await
            .status(),
        303
    );
    // Team 1: (100 + 60) / 2 = 80 by two jurors; team 2: (80 + 60 + 100) / 3 = 80 by three.
    assert_eq!(app.store.jury_scores(s.event).await.unwrap().len(), 10);

    // Not published: the public gets a 404, the organiser the ranking with the tie explained.
    let results = format!("/evenements/{}/hackathon/resultats", s.event);
    let public = app.other_browser();
    assert_eq!(public.get(&results).await.status(), 404);
    // The hackathon's page links a juror to the teams to score, and the results only once
    // they open to the public.
    let hub = format!("/evenements/{}/hackathon", s.event);
    let (_, html) = b.get_html(&hub).await;
    assert!(html.contains(&format!("{jury}/noter\"")), "{html}");
    let (_, html) = public.get_html(&hub).await;
    assert!(!html.contains("/jury/noter") && !html.contains("/resultats"));
    let (status, html) = app.get_html(&results).await;
    assert_eq!(status, 200);
    assert!(html.contains("Ex aequo au rang 1"), "{html}");
    assert!(html.contains("80,00"));
    assert!(html.contains("n’ont pas été notées par autant de jurés"));
    assert!(html.contains("moins de jurés"));
    let r = app.post_form(&format!("{results}/publication"), &[]).await;
    assert_eq!(r.status(), 303);
    let (status, html) = public.get_html(&results).await;
    assert_eq!(status, 200);
    assert!(html.contains("Ex aequo au rang 1"));
    let (_, html) = public.get_html(&hub).await;
    assert!(html.contains(&format!("href=\"{results}\"")), "{html}");
    assert!(
        !html.contains("Incuber"),
        "no organiser's buttons for the public"
    );
    let api: Value = public
        .get(&format!("/api/v1/events/{}/hackathon/results", s.event))
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(api["published"], true);
    let rows = api["ranking"]["rows"].as_array().unwrap();
    assert_eq!(rows.len(), 2);
    assert!(rows.iter().all(|r| r["rank"] == 1 && r["mean"] == 80.0));
    assert_eq!(api["ranking"]["ties"][0]["same_jurors"], false);

    // The winners chosen by the organisers enter incubation: team 2 (« Les Vélos »).
    let r = app
        .post_form(
            &format!("/evenements/{}/hackathon/incubation", s.event),
            &[
                ("team", &s.teams[1].to_string()),
                ("starts_on", "2026-01-05"),
            ],
        )
        .await;
    assert_eq!(r.status(), 303);
    let page = location(&r);
    let id: Uuid = page.trim_start_matches("/incubations/").parse().unwrap();
    let plan = app.store.incubation_milestones(id).await.unwrap();
    assert_eq!(plan.len(), 7, "the default six-month plan");
    assert_eq!(plan[0].due_on, NaiveDate::from_ymd_opt(2026, 1, 5).unwrap());
    assert_eq!(
        plan.last().unwrap().due_on,
        NaiveDate::from_ymd_opt(2026, 7, 5).unwrap()
    );
    // The team's member follows it: a milestone done, an update.
    let (status, html) = s.member.get_html(&page).await;
    assert_eq!(status, 200);
    assert!(html.contains("Diagnostic du besoin"));
    let r = s
        .member
        .post_form(
            &format!("{page}/jalons/{}", plan[1].id),
            &[
                ("title", &plan[1].title),
                ("due_on", "2026-02-05"),
                ("status", "done"),
            ],
        )
        .await;
    assert_eq!(r.status(), 303);
    let r = s
        .member
        .post_form(
            &format!("{page}/nouvelles"),
            &[("body", "Premier essai avec la cantine de Kerangoff")],
        )
        .await;
    assert_eq!(r.status(), 303);
    let (_, html) = app.get_html(&page).await;
    assert!(html.contains("Premier essai avec la cantine de Kerangoff"));
    assert!(html.contains("14 %"), "one of seven milestones done");

    // The solution becomes a draft initiative linked to the défi's challenges and territory.
    let r = app.post_form(&format!("{page}/initiative"), &[]).await;
    assert_eq!(r.status(), 303);
    let initiative: Uuid = location(&r)
        .trim_start_matches("/initiatives/")
        .parse()
        .unwrap();
    let i = app.store.incubation(id).await.unwrap().unwrap();
    assert_eq!(i.initiative_id, Some(initiative));
    let made = app.store.initiative(initiative).await.unwrap().unwrap();
    let defi = app
        .store
        .get_defi(i.defi_id.unwrap())
        .await
        .unwrap()
        .unwrap();
    assert_eq!(made.content.challenges, defi.challenges);
    assert_eq!(made.content.title, "Les Vélos");
    let (_, html) = app.get_html(&page).await;
    assert!(html.contains(&format!("/initiatives/{initiative}")));
    assert!(html.contains("Mobilité douce"));
    // The initiative's page says where it comes from.
    let (status, html) = app.get_html(&format!("/initiatives/{initiative}")).await;
    assert_eq!(status, 200);
    assert!(
        html.contains(&page) && html.contains("Mobilité douce"),
        "{html}"
    );
    // Twice: refused.
    assert_eq!(
        app.post_form(&format!("{page}/initiative"), &[])
            .await
            .status(),
        409
    );

    // Closure; afterwards no update is taken.
    let r = app
        .post_form(
            &format!("{page}/cloture"),
            &[
                ("outcome", "continued"),
                ("summary", "Reprise par la ville"),
            ],
        )
        .await;
    assert_eq!(r.status(), 303);
    let r = s
        .member
        .post_form(&format!("{page}/nouvelles"), &[("body", "Encore")])
        .await;
    assert_eq!(r.status(), 409);
    assert_eq!(app.store.incubation_updates(id).await.unwrap().len(), 1);
    let (_, html) = s.member.get_html("/incubations").await;
    assert!(html.contains(&page));
    let _ = s.defi_a;

    // The sensitive steps are in the audit log, with who did them.
    let orga = person_id(&app, "orga@exemple.fr").await;
    for (action, subject) in [
        ("jury_juror_added", format!("event:{}", s.event)),
        ("jury_results_published", format!("event:{}", s.event)),
        ("incubation_initiative_made", format!("incubation:{id}")),
        ("incubation_closed", format!("incubation:{id}")),
    ] {
        let log = app.store.list_audit(Some(action), 10).await.unwrap();
        assert!(
            log.iter()
                .any(|a| a.subject == subject && a.actor_id == Some(orga)),
            "{action}: {log:?}"
        );
    }
    assert_eq!(
        app.store
            .list_audit(Some("jury_juror_added"), 10)
            .await
            .unwrap()
            .len(),
        3
    );

    // Personal data: the scores a juror gave, the updates a member wrote.
    let data = export(&b).await;
    let scores = data["jury"]["scores"].as_array().unwrap();
    assert_eq!(scores.len(), 4, "two teams, two criteria");
    assert!(scores
        .iter()
        .any(|x| x["criterion"] == "Impact" && x["value"] == 10 && x["team"] == 1));
    let data = export(&s.member).await;
    assert_eq!(
        data["jury"]["incubation_updates"][0]["body"],
        "Premier essai avec la cantine de Kerangoff"
    );
}

/// Downloads this person's data export.
async fn export(app: &TestApp) -> Value {
    let r = app.post_form("/compte/donnees", &[]).await;
    assert_eq!(r.status(), 200);
    let html = r.text().await.unwrap().replace("&#x2f;", "/");
    let start = html
        .find("/compte/donnees/telecharger?jeton=")
        .expect("the page shows the link");
    let link = html[start..].split('"').next().unwrap().to_owned();
    app.get(&link).await.json().await.unwrap()
}

pub async fn bad_input_and_strangers_are_refused(backend: Backend) {
    let Some(app) = TestApp::spawn(backend).await else {
        return;
    };
    let s = scene(&app).await;
    let jury = format!("/evenements/{}/hackathon/jury", s.event);
    // A weight of zero or less: refused, the form keeps what was typed.
    for w in ["0", "-2"] {
        let r = app
            .post_form(
                &format!("{jury}/criteres"),
                &[
                    ("name", "Originalité du projet"),
                    ("weight", w),
                    ("scale_min", "0"),
                    ("scale_max", "10"),
                ],
            )
            .await;
        assert_eq!(r.status(), 422);
        let html = r.text().await.unwrap();
        assert!(html.contains("Originalité du projet"));
        assert!(html.contains("ni nul ni négatif"));
    }
    // A scale upside down.
    let r = app
        .post_form(
            &format!("{jury}/criteres"),
            &[
                ("name", "Impact"),
                ("weight", "1"),
                ("scale_min", "5"),
                ("scale_max", "2"),
            ],
        )
        .await;
    assert_eq!(r.status(), 422);
    assert!(criterion_ids(&app, s.event).await.is_empty());
    // An address without an account gets the answer an account's address gets, so the form
    // does not tell who has an account; nobody is added.
    let unknown = app
        .post_form(
            &format!("{jury}/jures"),
            &[("email", "personne@exemple.fr")],
        )
        .await;
    let known = app
        .post_form(&format!("{jury}/jures"), &[("email", "membre@exemple.fr")])
        .await;
    assert_eq!(unknown.status(), 303);
    assert_eq!(location(&unknown), location(&known));
    let (_, html) = app.get_html(&location(&unknown)).await;
    assert!(
        html.contains("Si cette adresse correspond à un compte"),
        "{html}"
    );
    assert!(!html.contains("Aucun compte"));
    let jurors = app.store.jurors(s.event).await.unwrap();
    assert_eq!(jurors.len(), 1);
    app.post_form(
        &format!("{jury}/jures/{}/retrait", jurors[0].person_id),
        &[],
    )
    .await;
    assert!(app.store.jurors(s.event).await.unwrap().is_empty());
    // Not an address at all: the form comes back with it.
    let r = app
        .post_form(
            &format!("{jury}/jures"),
            &[("email", "personne-at-exemple")],
        )
        .await;
    assert_eq!(r.status(), 422);
    assert!(r.text().await.unwrap().contains("personne-at-exemple"));
    for (name, max) in [("Impact", "10"), ("Faisabilité", "5")] {
        app.post_form(
            &format!("{jury}/criteres"),
            &[
                ("name", name),
                ("weight", "1"),
                ("scale_min", "0"),
                ("scale_max", max),
            ],
        )
        .await;
    }
    let c = criterion_ids(&app, s.event).await;
    app.post_form(&format!("{jury}/jures"), &[("email", "sponsor@exemple.fr")])
        .await;

    // A non-organiser on the organisers' pages: 404.
    assert_eq!(s.sponsor.get(&jury).await.status(), 404);
    assert_eq!(
        s.sponsor
            .post_form(
                &format!("{jury}/criteres"),
                &[
                    ("name", "x"),
                    ("weight", "1"),
                    ("scale_min", "0"),
                    ("scale_max", "3")
                ]
            )
            .await
            .status(),
        404
    );
    assert_eq!(
        s.sponsor
            .post_form(
                &format!("/evenements/{}/hackathon/resultats/publication", s.event),
                &[]
            )
            .await
            .status(),
        404
    );
    // A score outside the scale: refused, the sheet keeps what was typed.
    let r = score(&s.sponsor, s.event, s.teams[1], &c, "42", "3").await;
    assert_eq!(r.status(), 422);
    let html = r.text().await.unwrap();
    assert!(html.contains("en dehors de l’échelle"));
    assert!(html.contains("value=\"42\""));
    assert!(html.contains("Une belle idée, à tester"));
    assert!(app.store.jury_scores(s.event).await.unwrap().is_empty());
    // A non-juror scoring: 404, nothing stored.
    let r = score(&s.member, s.event, s.teams[0], &c, "5", "3").await;
    assert_eq!(r.status(), 404);
    assert_eq!(s.member.get(&format!("{jury}/noter")).await.status(), 404);
    assert!(app.store.jury_scores(s.event).await.unwrap().is_empty());
    // The results of an unpublished hackathon are not announced.
    assert_eq!(
        s.member
            .get(&format!("/api/v1/events/{}/hackathon/results", s.event))
            .await
            .status(),
        404
    );

    // Through the API: a weight of zero is a 422 with its code; the jury is the organisers'.
    let orga = app.api_token().await;
    let r = app
        .client
        .post(app.at(&format!(
            "/api/v1/events/{}/hackathon/jury/criteria",
            s.event
        )))
        .bearer_auth(&orga)
        .json(&json!({"name": "Impact", "weight": 0, "scale_min": 0, "scale_max": 10}))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 422);
    let body: Value = r.json().await.unwrap();
    assert!(body.to_string().contains("jury_weight_invalid"), "{body}");
    let sponsor = s.sponsor.api_token().await;
    let r = s
        .sponsor
        .client
        .get(app.at(&format!("/api/v1/events/{}/hackathon/jury", s.event)))
        .bearer_auth(&sponsor)
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 404);
    // A score outside the scale through the API: 422, nothing stored.
    let r = s
        .sponsor
        .client
        .put(app.at(&format!(
            "/api/v1/events/{}/hackathon/jury/scores/{}",
            s.event, s.teams[1]
        )))
        .bearer_auth(&sponsor)
        .json(&json!([
            {"criterion_id": c[0], "value": 11},
            {"criterion_id": c[1], "value": 3}
        ]))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 422);
    assert!(app.store.jury_scores(s.event).await.unwrap().is_empty());

    // A milestone outside the plan: refused, what was typed stays.
    let r = app
        .post_form(
            &format!("/evenements/{}/hackathon/incubation", s.event),
            &[
                ("team", &s.teams[1].to_string()),
                ("starts_on", "2026-03-01"),
            ],
        )
        .await;
    assert_eq!(r.status(), 303);
    let page = location(&r);
    let r = app
        .post_form(
            &format!("{page}/jalons"),
            &[
                ("title", "Forum des usagers"),
                ("due_on", "2027-01-15"),
                ("status", "todo"),
            ],
        )
        .await;
    assert_eq!(r.status(), 422);
    let html = r.text().await.unwrap();
    assert!(html.contains("Forum des usagers"));
    assert!(html.contains("dans le plan de l’incubation"));
    // Only the organisers change the plan; a stranger does not see the incubation.
    let r = s
        .member
        .post_form(
            &format!("{page}/jalons"),
            &[("title", "x"), ("due_on", "2026-04-01")],
        )
        .await;
    assert_eq!(r.status(), 404);
    assert_eq!(s.sponsor.get(&page).await.status(), 404);
    assert_eq!(
        s.sponsor
            .post_form(&format!("{page}/nouvelles"), &[("body", "Intrusion")])
            .await
            .status(),
        404
    );
    let id = page.trim_start_matches("/incubations/");
    let r = s
        .sponsor
        .client
        .get(app.at(&format!("/api/v1/incubations/{id}")))
        .bearer_auth(&sponsor)
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 404, "a stranger does not see the incubation");
    let detail: Value = app
        .client
        .get(app.at(&format!("/api/v1/incubations/{id}")))
        .bearer_auth(&orga)
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(detail["milestones"].as_array().unwrap().len(), 7);
    // An empty update: the form comes back.
    let r = s
        .member
        .post_form(&format!("{page}/nouvelles"), &[("body", "  ")])
        .await;
    assert_eq!(r.status(), 422);
    // The same team twice: 409.
    let r = app
        .post_form(
            &format!("/evenements/{}/hackathon/incubation", s.event),
            &[
                ("team", &s.teams[1].to_string()),
                ("starts_on", "2026-03-01"),
            ],
        )
        .await;
    assert_eq!(r.status(), 409);
}

/// Adds the two criteria of `score` (impact on 0–10, feasibility on 0–5) through the form.
async fn two_criteria(app: &TestApp, event: Uuid) {
    for (name, max) in [("Impact", "10"), ("Faisabilité", "5")] {
        let r = app
            .post_form(
                &format!("/evenements/{event}/hackathon/jury/criteres"),
                &[
                    ("name", name),
                    ("weight", "1"),
                    ("scale_min", "0"),
                    ("scale_max", max),
                ],
            )
            .await;
        assert_eq!(r.status(), 303, "criterion {name}");
    }
}

pub async fn published_results_and_scored_criteria_stay_as_they_are(backend: Backend) {
    let Some(app) = TestApp::spawn(backend).await else {
        return;
    };
    let s = scene(&app).await;
    let jury = format!("/evenements/{}/hackathon/jury", s.event);
    let results = format!("/evenements/{}/hackathon/resultats", s.event);
    app.post_form(&format!("{jury}/jures"), &[("email", "sponsor@exemple.fr")])
        .await;
    let sponsor = person_id(&app, "sponsor@exemple.fr").await;

    // No criterion yet: the sheet says so with a 409, what was typed stays, nothing stored.
    let none = [Uuid::now_v7(), Uuid::now_v7()];
    let r = score(&s.sponsor, s.event, s.teams[1], &none, "7", "3").await;
    assert_eq!(r.status(), 409);
    let html = r.text().await.unwrap();
    assert!(
        html.contains("Aucun critère n’est encore défini."),
        "{html}"
    );

    two_criteria(&app, s.event).await;
    let c = criterion_ids(&app, s.event).await;
    assert_eq!(
        score(&s.sponsor, s.event, s.teams[1], &c, "7", "3")
            .await
            .status(),
        303
    );
    let scored = app.store.jury_scores(s.event).await.unwrap();
    assert_eq!(scored.len(), 2);

    // Once scored, the criteria stay: adding or removing one is a 409 that says why.
    let r = app
        .post_form(
            &format!("{jury}/criteres"),
            &[
                ("name", "Originalité"),
                ("weight", "1"),
                ("scale_min", "0"),
                ("scale_max", "5"),
            ],
        )
        .await;
    assert_eq!(r.status(), 409);
    assert!(r
        .text()
        .await
        .unwrap()
        .contains("les critères ne changent plus"));
    let r = app
        .post_form(&format!("{jury}/criteres/{}/suppression", c[1]), &[])
        .await;
    assert_eq!(r.status(), 409);
    assert_eq!(criterion_ids(&app, s.event).await, c);
    let orga = app.api_token().await;
    let r = app
        .client
        .post(app.at(&format!(
            "/api/v1/events/{}/hackathon/jury/criteria",
            s.event
        )))
        .bearer_auth(&orga)
        .json(&json!({"name": "Originalité", "weight": 1, "scale_min": 0, "scale_max": 5}))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 409);
    let body: Value = r.json().await.unwrap();
    assert_eq!(body["code"], "jury-criteria-scored");

    // Published: the ranking stands as published. A new sheet is refused (409, what was typed
    // stays), through the API too; the juror cannot be removed; nothing moves.
    assert_eq!(
        app.post_form(&format!("{results}/publication"), &[])
            .await
            .status(),
        303
    );
    let (status, html) = s
        .sponsor
        .get_html(&format!("{jury}/noter/{}", s.teams[1]))
        .await;
    assert_eq!(status, 200);
    assert!(html.contains("Les résultats sont publiés"), "{html}");
    let r = score(&s.sponsor, s.event, s.teams[1], &c, "10", "5").await;
    assert_eq!(r.status(), 409);
    let html = r.text().await.unwrap();
    assert!(html.contains("Les résultats sont publiés"), "{html}");
    assert!(html.contains("value=\"10\""));
    let token = s.sponsor.api_token().await;
    let r = s
        .sponsor
        .client
        .put(app.at(&format!(
            "/api/v1/events/{}/hackathon/jury/scores/{}",
            s.event, s.teams[1]
        )))
        .bearer_auth(&token)
        .json(&json!([
            {"criterion_id": c[0], "value": 10},
            {"criterion_id": c[1], "value": 5}
        ]))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 409);
    let body: Value = r.json().await.unwrap();
    assert_eq!(body["code"], "jury-results-published");
    let r = app
        .post_form(&format!("{jury}/jures/{sponsor}/retrait"), &[])
        .await;
    assert_eq!(r.status(), 409);
    assert!(app.store.is_juror(s.event, sponsor).await.unwrap());
    assert_eq!(app.store.jury_scores(s.event).await.unwrap(), scored);

    // Withdrawn (and logged): the juror may score again, and be removed.
    assert_eq!(
        app.post_form(&format!("{results}/retrait"), &[])
            .await
            .status(),
        303
    );
    let orga_id = person_id(&app, "orga@exemple.fr").await;
    let log = app
        .store
        .list_audit(Some("jury_results_withdrawn"), 10)
        .await
        .unwrap();
    assert_eq!(log.len(), 1);
    assert_eq!(log[0].subject, format!("event:{}", s.event));
    assert_eq!(log[0].actor_id, Some(orga_id));
    assert_eq!(
        score(&s.sponsor, s.event, s.teams[1], &c, "10", "5")
            .await
            .status(),
        303
    );
    assert_eq!(
        app.post_form(&format!("{jury}/jures/{sponsor}/retrait"), &[])
            .await
            .status(),
        303
    );
    assert!(app.store.jury_scores(s.event).await.unwrap().is_empty());
    let log = app
        .store
        .list_audit(Some("jury_juror_removed"), 10)
        .await
        .unwrap();
    assert!(log
        .iter()
        .any(|a| a.detail == format!("person:{sponsor}") && a.actor_id == Some(orga_id)));
}

pub async fn another_hackathons_team_is_not_found(backend: Backend) {
    let Some(app) = TestApp::spawn(backend).await else {
        return;
    };
    let s = scene(&app).await;
    // A second hackathon of the same organisers, with one team.
    let orga = person_id(&app, "orga@exemple.fr").await;
    let organisers: Vec<Uuid> = app
        .store
        .event_organisers(s.event)
        .await
        .unwrap()
        .into_iter()
        .map(|(id, _)| id)
        .collect();
    let other = app
        .store
        .create_event(&NewEvent {
            id: Uuid::now_v7(),
            fields: EventFields {
                kind: "hackathon".into(),
                title: "Hackathon des mobilités".into(),
                description: String::new(),
                starts_at: utc_now() - Duration::days(10),
                ends_at: utc_now() - Duration::days(9),
                address: "2 rue de Siam".into(),
                commune: "commune:29019".into(),
                departement: Some("29".into()),
                region: Some("53".into()),
                online_url: None,
                capacity: None,
                registration_open: true,
            },
            organisers,
            created_by: orga,
            created_at: utc_now(),
        })
        .await
        .unwrap()
        .id;
    app.store.save_hackathon(other, 2, utc_now()).await.unwrap();
    let member = person_id(&app, "membre@exemple.fr").await;
    app.store
        .join_hackathon(other, member, &Attributes::default(), utc_now())
        .await
        .unwrap();
    let foreign = app
        .store
        .replace_teams(
            other,
            &[TeamSetup {
                number: 1,
                members: vec![member],
                ..Default::default()
            }],
            Some(1),
            utc_now(),
        )
        .await
        .unwrap()[0]
        .row
        .id;

    two_criteria(&app, s.event).await;
    let c = criterion_ids(&app, s.event).await;
    app.post_form(
        &format!("/evenements/{}/hackathon/jury/jures", s.event),
        &[("email", "sponsor@exemple.fr")],
    )
    .await;
    // The other hackathon's team through this hackathon's jury: 404, nothing stored.
    let sheet = format!("/evenements/{}/hackathon/jury/noter/{foreign}", s.event);
    assert_eq!(s.sponsor.get(&sheet).await.status(), 404);
    let r = score(&s.sponsor, s.event, foreign, &c, "7", "3").await;
    assert_eq!(r.status(), 404);
    assert!(app.store.jury_scores(s.event).await.unwrap().is_empty());
    assert!(app.store.jury_scores(other).await.unwrap().is_empty());
    // Nor is it put in incubation from this hackathon.
    let r = app
        .post_form(
            &format!("/evenements/{}/hackathon/incubation", s.event),
            &[("team", &foreign.to_string()), ("starts_on", "2026-03-01")],
        )
        .await;
    assert_eq!(r.status(), 404);
    assert_eq!(app.store.incubation_of_team(foreign).await.unwrap(), None);
}
