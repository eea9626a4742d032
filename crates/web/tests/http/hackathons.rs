//! Hackathons: an organiser sets a hackathon up (three days at most, a team size, défis),
//! participants tell their attributes, the planner forms teams that mix sectors and keep
//! people of one structure apart, the organiser adjusts them by hand and publishes them, a
//! team fills its workspace; non-organisers get 404 on the organisers' pages and endpoints.

use crate::common::{location, Backend, TestApp};
use crate::defis::{create_structure, post_defi};
use chrono::{Duration, Utc};
use essaim_domain::deliberation::conversation::datetime_local;
use essaim_domain::structure::StructureInput;
use essaim_domain::territory::Territories;
use essaim_store::hackathons::Attributes;
use essaim_store::{utc_now, NewPerson};
use serde_json::{json, Value};
use std::collections::{BTreeSet, HashMap};
use uuid::Uuid;

crate::on_both_backends!(
    a_hackathon_forms_balanced_teams_adjusted_by_hand_and_published,
    the_hackathon_api_is_for_organisers,
    teams_freeze_once_the_jury_has_scored,
    a_defi_back_to_draft_is_not_shown_through_its_hackathon,
);

/// A hackathon organised by `structure`, starting in 10 days and lasting `days` days.
async fn hackathon(app: &TestApp, structure: &str, title: &str, days: i64) -> String {
    let start = Utc::now() + Duration::days(10);
    let (starts, ends) = (
        datetime_local(start),
        datetime_local(start + Duration::days(days)),
    );
    let r = app
        .post_form(
            "/evenements",
            &[
                ("kind", "hackathon"),
                ("title", title),
                ("description", "Deux jours pour inventer."),
                ("starts_at", &starts),
                ("ends_at", &ends),
                ("online_url", "https://visio.exemple.fr/hack"),
                ("capacity", ""),
                ("registration_open", "on"),
                ("organiser", structure),
            ],
        )
        .await;
    assert_eq!(
        r.status(),
        303,
        "hackathon created: {}",
        r.text().await.unwrap()
    );
    location(&r).trim_start_matches("/evenements/").to_owned()
}

/// A person made in the store (the sign-up throttle of one address stays for the others),
/// registered to the event with these attributes.
async fn participant(
    app: &TestApp,
    event: Uuid,
    name: &str,
    structure: Option<Uuid>,
    sector: &str,
    age: &str,
) -> Uuid {
    let p = app
        .store
        .create_person(NewPerson {
            id: Uuid::now_v7(),
            email: format!("{}@exemple.fr", Uuid::now_v7().simple()),
            display_name: name.into(),
            password_hash: "x".into(),
            email_confirmed_at: Some(utc_now()),
            roles: vec![],
            created_at: utc_now(),
        })
        .await
        .unwrap();
    app.store.register(event, p.id, utc_now()).await.unwrap();
    app.store
        .join_hackathon(
            event,
            p.id,
            &Attributes {
                structure_id: structure,
                sector: sector.into(),
                age_band: age.into(),
                skills: String::new(),
            },
            utc_now(),
        )
        .await
        .unwrap();
    p.id
}

async fn store_structure(app: &TestApp, by: Uuid, name: &str) -> Uuid {
    let fields = StructureInput {
        name: name.into(),
        kind: "association".into(),
        ..Default::default()
    }
    .validate(Territories::bundled())
    .unwrap();
    app.store
        .create_structure(Uuid::now_v7(), &fields, by, utc_now())
        .await
        .unwrap()
        .id
}

async fn a_hackathon_forms_balanced_teams_adjusted_by_hand_and_published(backend: Backend) {
    let Some(app) = TestApp::spawn(backend).await else {
        return;
    };
    app.sign_up_and_in("orga@exemple.fr", "Morgane").await;
    let orga_id = app
        .store
        .person_by_email("orga@exemple.fr")
        .await
        .unwrap()
        .unwrap()
        .id;
    let s = create_structure(&app, "Les Ruches de Brest").await;
    let defi = post_defi(&app, &s, "Zéro gaspi", &[]).await;
    let id = hackathon(&app, &s, "Hackathon de l’alimentation", 2).await;
    let event: Uuid = id.parse().unwrap();

    // Too long a hackathon: explained, on the settings page.
    let long = hackathon(&app, &s, "Hackathon interminable", 4).await;
    let r = app
        .post_form(
            &format!("/evenements/{long}/hackathon/reglages"),
            &[("team_size", "4")],
        )
        .await;
    assert_eq!(r.status(), 422);
    assert!(r.text().await.unwrap().contains("trois jours au plus"));
    // A bad team size: the form comes back with what was typed.
    let r = app
        .post_form(
            &format!("/evenements/{id}/hackathon/reglages"),
            &[("team_size", "quarante"), ("defi", &defi)],
        )
        .await;
    assert_eq!(r.status(), 422);
    let html = r.text().await.unwrap();
    assert!(html.contains("taille d’équipe de 2 à 12"));
    assert!(html.contains("value=\"quarante\""));
    let (status, html) = app
        .get_html(&format!("/evenements/{id}/hackathon/reglages"))
        .await;
    assert_eq!(status, 200);
    crate::pages::assert_accessible_layout(&html, "/evenements/{id}/hackathon/reglages");
    let r = app
        .post_form(
            &format!("/evenements/{id}/hackathon/reglages"),
            &[("team_size", "4"), ("defi", &defi)],
        )
        .await;
    assert_eq!(r.status(), 303);

    // One participant through the pages: register, then tell their attributes.
    let lea = app.other_browser();
    lea.sign_up_and_in("lea@exemple.fr", "Léa").await;
    let lea_id = app
        .store
        .person_by_email("lea@exemple.fr")
        .await
        .unwrap()
        .unwrap()
        .id;
    let r = lea
        .post_form(
            &format!("/evenements/{id}/hackathon/participation"),
            &[("sector", "citoyen")],
        )
        .await;
    assert_eq!(r.status(), 409, "registration first");
    assert_eq!(
        lea.post_form(&format!("/evenements/{id}/inscription"), &[])
            .await
            .status(),
        303
    );
    let (status, html) = lea
        .get_html(&format!("/evenements/{id}/hackathon/participation"))
        .await;
    assert_eq!(status, 200);
    crate::pages::assert_accessible_layout(&html, "/evenements/{id}/hackathon/participation");
    let r = lea
        .post_form(
            &format!("/evenements/{id}/hackathon/participation"),
            &[
                ("sector", "militaire"),
                ("age_band", "25_34"),
                ("skills", "cartographie et design"),
            ],
        )
        .await;
    assert_eq!(r.status(), 422);
    let html = r.text().await.unwrap();
    assert!(html.contains("Choisissez un secteur"));
    assert!(
        html.contains("cartographie et design"),
        "what was typed stays"
    );
    let r = lea
        .post_form(
            &format!("/evenements/{id}/hackathon/participation"),
            &[
                ("sector", "citoyen"),
                ("age_band", "25_34"),
                ("skills", "cartographie et design"),
            ],
        )
        .await;
    assert_eq!(r.status(), 303);

    // Fifteen more: four of each sector in all, four structures of two people each.
    let mut structures = vec![];
    for n in 0..4 {
        structures.push(store_structure(&app, orga_id, &format!("Structure {n}")).await);
    }
    let sectors = ["public", "prive", "associatif", "citoyen"];
    let ages = ["under_25", "25_34", "35_49", "50_64"];
    for i in 0..15 {
        let structure = (i < 8).then(|| structures[i / 2]);
        participant(
            &app,
            event,
            &format!("Personne {i:02}"),
            structure,
            sectors[i % 4],
            ages[(i / 4) % 4],
        )
        .await;
    }
    // Someone who told their attributes, then cancelled the registration, is not placed.
    let gone = participant(&app, event, "Parti·e", None, "public", "").await;
    app.store
        .cancel_registration(event, gone, utc_now())
        .await
        .unwrap();
    let participants: Vec<_> = app
        .store
        .participants(event)
        .await
        .unwrap()
        .into_iter()
        .filter(|p| p.person_id != gone)
        .collect();
    assert_eq!(participants.len(), 16);

    // Only organisers reach the teams before publication.
    assert_eq!(
        lea.get(&format!("/evenements/{id}/hackathon/equipes"))
            .await
            .status(),
        404
    );
    assert_eq!(
        lea.post_form(
            &format!("/evenements/{id}/hackathon/equipes/formation"),
            &[]
        )
        .await
        .status(),
        404
    );
    assert_eq!(
        lea.get(&format!("/evenements/{id}/hackathon/reglages"))
            .await
            .status(),
        404
    );
    for action in ["ajustement", "publication"] {
        assert_eq!(
            lea.post_form(
                &format!("/evenements/{id}/hackathon/equipes/{action}"),
                &[("publier", "1")]
            )
            .await
            .status(),
            404,
            "{action}"
        );
    }
    // A form without its CSRF token is refused.
    let r = app
        .client
        .post(app.at(&format!("/evenements/{id}/hackathon/equipes/formation")))
        .form(&[("seed", "1")])
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 403);
    assert!(app.store.teams(event).await.unwrap().is_empty());
    let r = app
        .post_form(
            &format!("/evenements/{id}/hackathon/equipes/formation"),
            &[("seed", "pas un nombre")],
        )
        .await;
    assert_eq!(r.status(), 422);
    let r = app
        .post_form(
            &format!("/evenements/{id}/hackathon/equipes/formation"),
            &[("seed", "7")],
        )
        .await;
    assert_eq!(r.status(), 303);

    // The teams mix sectors and keep people of one structure apart.
    let teams = app.store.teams(event).await.unwrap();
    assert_eq!(teams.len(), 4);
    assert!(!teams.iter().any(|t| t.has_member(gone)));
    let by_person: HashMap<Uuid, _> = participants.iter().map(|p| (p.person_id, p)).collect();
    for t in &teams {
        assert_eq!(t.members.len(), 4);
        let team_sectors: BTreeSet<&str> = t
            .members
            .iter()
            .map(|m| by_person[&m.person_id].sector.as_str())
            .collect();
        assert_eq!(
            team_sectors.len(),
            4,
            "every sector in team {}",
            t.row.number
        );
        let team_structures: Vec<Uuid> = t.members.iter().filter_map(|m| m.structure_id).collect();
        let distinct: BTreeSet<&Uuid> = team_structures.iter().collect();
        assert_eq!(
            distinct.len(),
            team_structures.len(),
            "colleagues apart in team {}",
            t.row.number
        );
    }
    assert_eq!(
        app.store
            .get_hackathon(event)
            .await
            .unwrap()
            .unwrap()
            .teams_seed,
        Some(7)
    );
    let (status, html) = app
        .get_html(&format!("/evenements/{id}/hackathon/equipes"))
        .await;
    assert_eq!(status, 200);
    crate::pages::assert_accessible_layout(&html, "/evenements/{id}/hackathon/equipes");
    assert!(html.contains("Secteurs :"), "a balance per team");

    // A hand adjustment: Léa moves to another team; team 1 gets the défi and a coach.
    let lea_team = teams
        .iter()
        .find(|t| t.has_member(lea_id))
        .unwrap()
        .row
        .number;
    let target = if lea_team == 1 { 2 } else { 1 };
    let mut fields: Vec<(String, String)> = vec![];
    for t in &teams {
        for m in &t.members {
            let n = if m.person_id == lea_id {
                target
            } else {
                t.row.number
            };
            fields.push((format!("team-{}", m.person_id), n.to_string()));
        }
    }
    fields.push(("defi-1".into(), defi.clone()));
    fields.push(("coach-1".into(), orga_id.to_string()));
    fields.push(("name-1".into(), "Les Abeilles".into()));
    let mut bad = fields.clone();
    bad.push(("designer-2".into(), Uuid::now_v7().to_string()));
    let bad_refs: Vec<(&str, &str)> = bad.iter().map(|(a, b)| (a.as_str(), b.as_str())).collect();
    let r = app
        .post_form(
            &format!("/evenements/{id}/hackathon/equipes/ajustement"),
            &bad_refs,
        )
        .await;
    assert_eq!(r.status(), 422, "a designer who is nobody here");
    assert_eq!(
        app.store.teams(event).await.unwrap(),
        teams,
        "nothing changed"
    );
    let good: Vec<(&str, &str)> = fields
        .iter()
        .map(|(a, b)| (a.as_str(), b.as_str()))
        .collect();
    let r = app
        .post_form(
            &format!("/evenements/{id}/hackathon/equipes/ajustement"),
            &good,
        )
        .await;
    assert_eq!(r.status(), 303);
    let adjusted = app.store.teams(event).await.unwrap();
    let t1 = adjusted.iter().find(|t| t.row.number == 1).unwrap();
    assert_eq!(t1.row.defi_id.map(|d| d.to_string()), Some(defi.clone()));
    assert_eq!(t1.row.coach_id, Some(orga_id));
    assert_eq!(t1.row.name, "Les Abeilles");
    assert!(adjusted
        .iter()
        .find(|t| t.row.number == target)
        .unwrap()
        .has_member(lea_id));

    // Published: Léa sees her team and fills its workspace; others read it.
    let r = app
        .post_form(
            &format!("/evenements/{id}/hackathon/equipes/publication"),
            &[("publier", "1")],
        )
        .await;
    assert_eq!(r.status(), 303);
    let (status, html) = lea.get_html(&format!("/evenements/{id}/hackathon")).await;
    assert_eq!(status, 200);
    crate::pages::assert_accessible_layout(&html, "/evenements/{id}/hackathon");
    assert!(html.contains("Votre équipe"));
    let mine = adjusted.iter().find(|t| t.has_member(lea_id)).unwrap();
    let path = format!("/evenements/{id}/hackathon/equipes/{}", mine.row.id);
    let (status, html) = lea.get_html(&path).await;
    assert_eq!(status, 200);
    crate::pages::assert_accessible_layout(&html, "/evenements/{id}/hackathon/equipes/{team}");
    let r = lea
        .post_form(
            &path,
            &[
                ("solution_title", "Frigo solidaire"),
                ("pitch", "Un *frigo* partagé par quartier."),
                ("prototype_links", "http://exemple.fr/proto"),
            ],
        )
        .await;
    assert_eq!(r.status(), 422);
    let html = r.text().await.unwrap();
    assert!(html.contains("lien complet en https"));
    assert!(
        html.contains("Un *frigo* partagé par quartier."),
        "the pitch stays"
    );
    let r = lea
        .post_form(
            &path,
            &[
                ("solution_title", "Frigo solidaire"),
                ("pitch", "Un *frigo* partagé par quartier."),
                (
                    "prototype_links",
                    "https://exemple.fr/proto\nhttps://exemple.fr/maquette",
                ),
                ("deliverables", "Plan de déploiement"),
            ],
        )
        .await;
    assert_eq!(r.status(), 303);
    let t = app.store.team(mine.row.id).await.unwrap().unwrap();
    assert_eq!(t.row.solution_title, "Frigo solidaire");
    assert_eq!(t.row.prototype_links.lines().count(), 2);
    // Somebody of another team reads but does not write.
    let visitor = app.other_browser();
    visitor
        .sign_up_and_in("visiteur@exemple.fr", "Victor")
        .await;
    let (status, html) = visitor.get_html(&path).await;
    assert_eq!(status, 200);
    assert!(html.contains("Frigo solidaire"));
    assert!(!html.contains("name=\"pitch\""));
    assert_eq!(
        visitor
            .post_form(&path, &[("solution_title", "Détourné")])
            .await
            .status(),
        404
    );
}

async fn the_hackathon_api_is_for_organisers(backend: Backend) {
    let Some(app) = TestApp::spawn(backend).await else {
        return;
    };
    app.sign_up_and_in("orga@exemple.fr", "Morgane").await;
    let s = create_structure(&app, "Les Ruches de Brest").await;
    let defi = post_defi(&app, &s, "Zéro gaspi", &[]).await;
    let id = hackathon(&app, &s, "Hackathon API", 2).await;
    let event: Uuid = id.parse().unwrap();
    let token = app.api_token().await;
    let other = app.other_browser();
    other.sign_up_and_in("autre@exemple.fr", "Olivier").await;
    let other_token = other.api_token().await;

    let put = |t: &str, body: Value| {
        app.client
            .put(app.at(&format!("/api/v1/events/{id}/hackathon")))
            .bearer_auth(t.to_owned())
            .json(&body)
    };
    let r = put(&other_token, json!({ "team_size": 4, "defis": [defi] }))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 404, "not an organiser");
    let r = put(&token, json!({ "team_size": 40 }))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 422);
    let body: Value = r.json().await.unwrap();
    assert_eq!(body["code"], "invalid_input");
    let r = put(&token, json!({ "team_size": 3, "defis": [defi] }))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 200);
    let h: Value = app
        .get(&format!("/api/v1/events/{id}/hackathon"))
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(h["team_size"], 3);
    assert_eq!(h["defis"][0]["title"], "Zéro gaspi");

    for n in 0..6 {
        participant(
            &app,
            event,
            &format!("P{n}"),
            None,
            ["public", "prive"][n % 2],
            "",
        )
        .await;
    }
    let get = |path: String, t: &str| app.client.get(app.at(&path)).bearer_auth(t.to_owned());
    let r = get(
        format!("/api/v1/events/{id}/hackathon/participants"),
        &other_token,
    )
    .send()
    .await
    .unwrap();
    assert_eq!(r.status(), 404);
    let list: Value = get(
        format!("/api/v1/events/{id}/hackathon/participants"),
        &token,
    )
    .send()
    .await
    .unwrap()
    .json()
    .await
    .unwrap();
    assert_eq!(list["items"].as_array().unwrap().len(), 6);
    assert_eq!(
        app.get(&format!("/api/v1/events/{id}/hackathon/teams"))
            .await
            .status(),
        404,
        "teams unpublished"
    );
    let form = |t: &str| {
        app.client
            .post(app.at(&format!("/api/v1/events/{id}/hackathon/teams")))
            .bearer_auth(t.to_owned())
            .json(&json!({ "seed": 3 }))
    };
    assert_eq!(form(&other_token).send().await.unwrap().status(), 404);
    let teams: Value = form(&token).send().await.unwrap().json().await.unwrap();
    let items = teams["items"].as_array().unwrap();
    assert_eq!(items.len(), 2);
    for t in items {
        assert_eq!(t["members"].as_array().unwrap().len(), 3);
    }
    let r = app
        .client
        .post(app.at(&format!("/api/v1/events/{id}/hackathon/teams/publication")))
        .bearer_auth(&token)
        .json(&json!({ "published": true }))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 200);
    let public: Value = app
        .get(&format!("/api/v1/events/{id}/hackathon/teams"))
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(public["items"].as_array().unwrap().len(), 2);
    let team = items[0]["id"].as_str().unwrap();
    let ws = |t: &str, links: &str| {
        app.client
            .put(app.at(&format!(
                "/api/v1/events/{id}/hackathon/teams/{team}/workspace"
            )))
            .bearer_auth(t.to_owned())
            .json(&json!({ "solution_title": "Atelier", "prototype_links": links }))
    };
    assert_eq!(
        ws(&other_token, "https://exemple.fr")
            .send()
            .await
            .unwrap()
            .status(),
        404
    );
    assert_eq!(
        ws(&token, "ftp://exemple.fr")
            .send()
            .await
            .unwrap()
            .status(),
        422
    );
    let r = ws(&token, "https://exemple.fr/a").send().await.unwrap();
    assert_eq!(r.status(), 200);
    let t: Value = r.json().await.unwrap();
    assert_eq!(t["prototype_links"][0], "https://exemple.fr/a");
}

/// A hackathon set up through the pages with one défi and six participants, its teams formed
/// (seed 5): (event id, event uuid, défi id, structure id, organiser id).
async fn formed_hackathon(app: &TestApp) -> (String, Uuid, String, String, Uuid) {
    app.sign_up_and_in("orga@exemple.fr", "Morgane").await;
    let orga_id = app
        .store
        .person_by_email("orga@exemple.fr")
        .await
        .unwrap()
        .unwrap()
        .id;
    let s = create_structure(app, "Les Ruches de Brest").await;
    let defi = post_defi(app, &s, "Zéro gaspi", &[]).await;
    let id = hackathon(app, &s, "Hackathon figé", 2).await;
    let event: Uuid = id.parse().unwrap();
    let r = app
        .post_form(
            &format!("/evenements/{id}/hackathon/reglages"),
            &[("team_size", "3"), ("defi", &defi)],
        )
        .await;
    assert_eq!(r.status(), 303);
    for n in 0..6 {
        participant(
            app,
            event,
            &format!("Personne {n}"),
            None,
            ["public", "prive", "citoyen"][n % 3],
            "",
        )
        .await;
    }
    let r = app
        .post_form(
            &format!("/evenements/{id}/hackathon/equipes/formation"),
            &[("seed", "5")],
        )
        .await;
    assert_eq!(r.status(), 303);
    (id, event, defi, s, orga_id)
}

/// The adjustment form's fields that keep every participant in their team.
fn placement(teams: &[essaim_store::hackathons::Team]) -> Vec<(String, String)> {
    teams
        .iter()
        .flat_map(|t| {
            t.members
                .iter()
                .map(move |m| (format!("team-{}", m.person_id), t.row.number.to_string()))
        })
        .collect()
}

fn refs(v: &[(String, String)]) -> Vec<(&str, &str)> {
    v.iter().map(|(a, b)| (a.as_str(), b.as_str())).collect()
}

async fn teams_freeze_once_the_jury_has_scored(backend: Backend) {
    let Some(app) = TestApp::spawn(backend).await else {
        return;
    };
    let (id, event, defi, _s, orga_id) = formed_hackathon(&app).await;
    let teams = app.store.teams(event).await.unwrap();
    assert_eq!(teams.len(), 2);

    // A refused adjustment comes back with what was typed, not the stored teams.
    let moved = teams[0].members[0].person_id;
    let mut typed = placement(&teams);
    for f in typed.iter_mut() {
        if f.0 == format!("team-{moved}") {
            f.1 = "2".into();
        }
    }
    typed.push(("name-1".into(), "Les Frelons tapés".into()));
    typed.push(("defi-1".into(), defi.clone()));
    typed.push(("coach-1".into(), orga_id.to_string()));
    typed.push(("designer-2".into(), Uuid::now_v7().to_string()));
    let r = app
        .post_form(
            &format!("/evenements/{id}/hackathon/equipes/ajustement"),
            &refs(&typed),
        )
        .await;
    assert_eq!(r.status(), 422);
    let html = r.text().await.unwrap();
    assert!(
        html.contains("value=\"Les Frelons tapés\""),
        "the typed name stays"
    );
    let select = |name: &str| -> String {
        let start = html.find(&format!("name=\"{name}\"")).unwrap();
        let end = start + html[start..].find("</select>").unwrap();
        html[start..end].to_owned()
    };
    assert!(select(&format!("team-{moved}")).contains("value=\"2\" selected"));
    assert!(select("defi-1").contains(&format!("value=\"{defi}\" selected")));
    assert!(select("coach-1").contains(&format!("value=\"{orga_id}\" selected")));
    assert_eq!(
        app.store.teams(event).await.unwrap(),
        teams,
        "nothing saved"
    );

    // Publishing the teams is in the audit log.
    let r = app
        .post_form(
            &format!("/evenements/{id}/hackathon/equipes/publication"),
            &[("publier", "1")],
        )
        .await;
    assert_eq!(r.status(), 303);
    let audit = app.store.list_audit(None, 200).await.unwrap();
    assert!(audit.iter().any(|e| e.action == "hackathon_teams_published"
        && e.subject == format!("event:{id}")
        && e.actor_id == Some(orga_id)));

    // A juror scores team 1.
    let criterion = app
        .store
        .add_jury_criterion(&essaim_store::jury::NewCriterion {
            id: Uuid::now_v7(),
            event_id: event,
            name: "Impact".into(),
            description: String::new(),
            weight: 1,
            scale_min: 0,
            scale_max: 5,
            at: utc_now(),
        })
        .await
        .unwrap();
    let juror = app
        .store
        .create_person(NewPerson {
            id: Uuid::now_v7(),
            email: format!("{}@exemple.fr", Uuid::now_v7().simple()),
            display_name: "Juliette".into(),
            password_hash: "x".into(),
            email_confirmed_at: Some(utc_now()),
            roles: vec![],
            created_at: utc_now(),
        })
        .await
        .unwrap()
        .id;
    app.store.add_juror(event, juror, utc_now()).await.unwrap();
    app.store
        .save_jury_scores(&essaim_store::jury::ScoreSheet {
            event_id: event,
            team_id: teams[0].row.id,
            juror_id: juror,
            values: vec![(criterion.id, 4, String::new())],
            at: utc_now(),
        })
        .await
        .unwrap();

    // The teams page says why the formation and adjustment are gone.
    let (status, html) = app
        .get_html(&format!("/evenements/{id}/hackathon/equipes"))
        .await;
    assert_eq!(status, 200);
    assert!(html.contains("teams-frozen"));
    assert!(!html.contains("/hackathon/equipes/formation\""));
    assert!(!html.contains("/hackathon/equipes/ajustement\""));
    crate::pages::assert_accessible_layout(&html, "/evenements/{id}/hackathon/equipes");

    // Re-forming, adjusting (pages and API) and changing the défis are refused with a reason.
    let r = app
        .post_form(
            &format!("/evenements/{id}/hackathon/equipes/formation"),
            &[("seed", "9")],
        )
        .await;
    assert_eq!(r.status(), 409);
    assert!(r.text().await.unwrap().contains("ne changent plus"));
    let regroup = placement(&teams)
        .into_iter()
        .map(|(k, _)| (k, "1".to_owned()))
        .collect::<Vec<_>>();
    let r = app
        .post_form(
            &format!("/evenements/{id}/hackathon/equipes/ajustement"),
            &refs(&regroup),
        )
        .await;
    assert_eq!(r.status(), 409);
    let token = app.api_token().await;
    let r = app
        .client
        .post(app.at(&format!("/api/v1/events/{id}/hackathon/teams")))
        .bearer_auth(&token)
        .json(&json!({ "seed": 11 }))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 409);
    let body: Value = r.json().await.unwrap();
    assert_eq!(body["code"], "hackathons-teams-frozen");
    let r = app
        .post_form(
            &format!("/evenements/{id}/hackathon/reglages"),
            &[("team_size", "3")],
        )
        .await;
    assert_eq!(r.status(), 422, "the défis gathered stay");
    assert!(r.text().await.unwrap().contains("ne changent plus"));
    // Saving the same défis again is no change.
    let r = app
        .post_form(
            &format!("/evenements/{id}/hackathon/reglages"),
            &[("team_size", "3"), ("defi", &defi)],
        )
        .await;
    assert_eq!(r.status(), 303);
    let after = app.store.teams(event).await.unwrap();
    assert_eq!(
        after
            .iter()
            .map(|t| (t.row.id, t.members.clone()))
            .collect::<Vec<_>>(),
        teams
            .iter()
            .map(|t| (t.row.id, t.members.clone()))
            .collect::<Vec<_>>(),
        "the scored teams are as they were"
    );
    assert_eq!(app.store.jury_scores(event).await.unwrap().len(), 1);
    assert_eq!(app.store.hackathon_defis(event).await.unwrap().len(), 1);

    // Nor does the défi gain a co-owner.
    let other = app.other_browser();
    other.sign_up_and_in("autre@exemple.fr", "Olivier").await;
    create_structure(&other, "Fondation du Ponant").await;
    let r = app
        .post_form(
            &format!("/defis/{defi}/coproprietaires"),
            &[("structure", "Fondation du Ponant")],
        )
        .await;
    assert_eq!(r.status(), 422);
    assert!(r.text().await.unwrap().contains("a déjà noté des équipes"));
    let d = app
        .store
        .get_defi(defi.parse().unwrap())
        .await
        .unwrap()
        .unwrap();
    assert_eq!(d.owners.len(), 1);
}

async fn a_defi_back_to_draft_is_not_shown_through_its_hackathon(backend: Backend) {
    let Some(app) = TestApp::spawn(backend).await else {
        return;
    };
    let (id, event, defi, _s, _orga) = formed_hackathon(&app).await;
    let teams = app.store.teams(event).await.unwrap();
    let mut fields = placement(&teams);
    fields.push(("defi-1".into(), defi.clone()));
    let r = app
        .post_form(
            &format!("/evenements/{id}/hackathon/equipes/ajustement"),
            &refs(&fields),
        )
        .await;
    assert_eq!(r.status(), 303);
    let r = app
        .post_form(
            &format!("/evenements/{id}/hackathon/equipes/publication"),
            &[("publier", "1")],
        )
        .await;
    assert_eq!(r.status(), 303);
    let team1 = teams.iter().find(|t| t.row.number == 1).unwrap().row.id;
    let team_path = format!("/evenements/{id}/hackathon/equipes/{team1}");
    let visitor = app.other_browser();
    // Published: everyone sees the défi.
    let (_, html) = visitor
        .get_html(&format!("/evenements/{id}/hackathon"))
        .await;
    assert!(html.contains("Zéro gaspi"));

    // Its owners set it back to draft.
    let d = app
        .store
        .get_defi(defi.parse().unwrap())
        .await
        .unwrap()
        .unwrap();
    let fields = essaim_store::defis::DefiFields {
        title: d.row.title.clone(),
        context: d.row.context.clone(),
        question: d.row.question.clone(),
        deliverable: d.row.deliverable.clone(),
        territory: d.row.territory.clone(),
        departement: d.row.departement.clone(),
        region: d.row.region.clone(),
        status: "draft".into(),
        challenges: d.challenges.clone(),
        sponsors: vec![],
    };
    app.store
        .update_defi(d.row.id, &fields, utc_now())
        .await
        .unwrap();

    for path in [
        format!("/evenements/{id}/hackathon"),
        format!("/evenements/{id}/hackathon/equipes"),
        team_path.clone(),
    ] {
        let (status, html) = visitor.get_html(&path).await;
        assert_eq!(status, 200, "{path}");
        assert!(!html.contains("Zéro gaspi"), "{path} hides the draft");
        assert!(!html.contains(&defi), "{path} does not link it");
        // The organisers still see it.
        let (_, html) = app.get_html(&path).await;
        assert!(html.contains("Zéro gaspi"), "{path} for the organisers");
    }
    let h: Value = visitor
        .get(&format!("/api/v1/events/{id}/hackathon"))
        .await
        .json()
        .await
        .unwrap();
    assert!(h["defis"].as_array().unwrap().is_empty());
    let public: Value = visitor
        .get(&format!("/api/v1/events/{id}/hackathon/teams"))
        .await
        .json()
        .await
        .unwrap();
    assert!(public["items"]
        .as_array()
        .unwrap()
        .iter()
        .all(|t| t["defi_id"].is_null()));
    let token = app.api_token().await;
    let mine: Value = app
        .client
        .get(app.at(&format!("/api/v1/events/{id}/hackathon")))
        .bearer_auth(&token)
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(mine["defis"][0]["id"], defi.as_str());
}
