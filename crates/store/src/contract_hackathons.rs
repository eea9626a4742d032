//! The hackathons part of the store contract (see `contract`): settings and gathered défis,
//! participants and their attributes, teams replaced in one transaction (numbers keep their
//! workspace), refusals that leave the teams as they were, workspaces, publication, a person's
//! data.

use crate::contract_defis::{defi_fields, new_defi};
use crate::contract_initiatives::{author, structure};
use crate::events::{EventFields, NewEvent};
use crate::hackathons::{conflict, Attributes, TeamSetup, Workspace};
use crate::*;
use chrono::Duration;
use uuid::Uuid;

pub(crate) async fn hackathon_event(store: &dyn Store, by: Uuid, title: &str) -> Uuid {
    let s = structure(store, by, "Organisateurs").await;
    let starts_at = utc_now() + Duration::days(10);
    store
        .create_event(&NewEvent {
            id: Uuid::now_v7(),
            fields: EventFields {
                kind: "hackathon".into(),
                title: title.into(),
                description: String::new(),
                starts_at,
                ends_at: starts_at + Duration::days(2),
                address: String::new(),
                commune: String::new(),
                departement: None,
                region: None,
                online_url: Some("https://visio.exemple.fr/h".into()),
                capacity: None,
                registration_open: true,
            },
            organisers: vec![s.id],
            created_by: by,
            created_at: utc_now(),
        })
        .await
        .unwrap()
        .id
}

fn attrs(structure_id: Option<Uuid>, sector: &str) -> Attributes {
    Attributes {
        structure_id,
        sector: sector.into(),
        age_band: "25-34".into(),
        skills: "design".into(),
    }
}

pub async fn hackathon_settings_defis_and_participants(store: &dyn Store) {
    let who = author(store).await;
    let event = hackathon_event(store, who, "Hack").await;
    let asso = structure(store, who, "Les Ruches").await;
    assert_eq!(store.get_hackathon(event).await.unwrap(), None);
    // Nothing before the settings.
    assert!(matches!(
        store
            .join_hackathon(event, who, &attrs(None, "public"), utc_now())
            .await,
        Err(StoreError::Conflict(conflict::NO_SETTINGS))
    ));
    assert!(matches!(
        store.set_hackathon_defis(event, &[]).await,
        Err(StoreError::Conflict(conflict::NO_SETTINGS))
    ));
    assert!(matches!(
        store.save_hackathon(Uuid::now_v7(), 4, utc_now()).await,
        Err(StoreError::NotFound)
    ));
    let h = store.save_hackathon(event, 4, utc_now()).await.unwrap();
    assert_eq!(
        (h.team_size, h.teams_published, h.teams_seed),
        (4, false, None)
    );
    let h2 = store.save_hackathon(event, 5, utc_now()).await.unwrap();
    assert_eq!(h2.team_size, 5);
    assert_eq!(h2.created_at, h.created_at);
    assert_eq!(store.get_hackathon(event).await.unwrap(), Some(h2));

    let d1 = new_defi(store, who, vec![asso.id], defi_fields("Zéro gaspi")).await;
    let d2 = new_defi(store, who, vec![asso.id], defi_fields("Alimentation")).await;
    store
        .set_hackathon_defis(event, &[d1.row.id, d2.row.id])
        .await
        .unwrap();
    let titles = store
        .hackathon_defis(event)
        .await
        .unwrap()
        .into_iter()
        .map(|d| d.title)
        .collect::<Vec<_>>();
    assert_eq!(titles, ["Alimentation", "Zéro gaspi"]);
    assert_eq!(
        store.hackathons_of_defi(d1.row.id).await.unwrap()[0].0,
        event
    );
    assert!(matches!(
        store.set_hackathon_defis(event, &[Uuid::now_v7()]).await,
        Err(StoreError::NotFound)
    ));
    // The refused change kept the défis.
    assert_eq!(store.hackathon_defis(event).await.unwrap().len(), 2);

    let p = store
        .join_hackathon(event, who, &attrs(Some(asso.id), "associatif"), utc_now())
        .await
        .unwrap();
    assert_eq!(p.structure_name.as_deref(), Some("Les Ruches"));
    assert_eq!(
        (p.sector.as_str(), p.skills.as_str()),
        ("associatif", "design")
    );
    // Joining again rewrites the attributes.
    let p2 = store
        .join_hackathon(event, who, &attrs(None, "citoyen"), utc_now())
        .await
        .unwrap();
    assert_eq!((p2.structure_id, p2.sector.as_str()), (None, "citoyen"));
    assert_eq!(p2.created_at, p.created_at);
    assert_eq!(store.participants(event).await.unwrap(), vec![p2.clone()]);
    assert_eq!(store.participant(event, who).await.unwrap(), Some(p2));
    assert!(matches!(
        store
            .join_hackathon(event, who, &attrs(Some(Uuid::now_v7()), ""), utc_now())
            .await,
        Err(StoreError::NotFound)
    ));
    let mine = store.participations_of(who).await.unwrap();
    assert_eq!(mine.len(), 1);
    assert_eq!(mine[0].1, "Hack");
    store.leave_hackathon(event, who).await.unwrap();
    assert!(store.participants(event).await.unwrap().is_empty());
    assert!(matches!(
        store.leave_hackathon(event, who).await,
        Err(StoreError::NotFound)
    ));
}

pub async fn hackathon_teams_are_replaced_in_one_transaction(store: &dyn Store) {
    let who = author(store).await;
    let event = hackathon_event(store, who, "Hack").await;
    let asso = structure(store, who, "Les Ruches").await;
    store.save_hackathon(event, 2, utc_now()).await.unwrap();
    let d = new_defi(store, who, vec![asso.id], defi_fields("Zéro gaspi")).await;
    let elsewhere = new_defi(store, who, vec![asso.id], defi_fields("Ailleurs")).await;
    store.set_hackathon_defis(event, &[d.row.id]).await.unwrap();
    let mut people = vec![];
    for sector in ["public", "prive", "associatif", "citoyen"] {
        let p = author(store).await;
        store
            .join_hackathon(event, p, &attrs(None, sector), utc_now())
            .await
            .unwrap();
        people.push(p);
    }
    let coach = author(store).await;
    let setup = vec![
        TeamSetup {
            number: 1,
            name: "Les Abeilles".into(),
            defi_id: Some(d.row.id),
            coach_id: Some(coach),
            designer_id: Some(who),
            members: vec![people[0], people[1]],
        },
        TeamSetup {
            number: 2,
            members: vec![people[2], people[3]],
            ..Default::default()
        },
    ];
    let teams = store
        .replace_teams(event, &setup, Some(42), utc_now())
        .await
        .unwrap();
    assert_eq!(teams.len(), 2);
    assert_eq!(teams[0].row.number, 1);
    assert_eq!(teams[0].row.defi_title.as_deref(), Some("Zéro gaspi"));
    assert_eq!(teams[0].row.coach_id, Some(coach));
    assert_eq!(teams[0].row.designer_name.as_deref(), Some("Claire"));
    let mut members: Vec<Uuid> = teams[0].members.iter().map(|m| m.person_id).collect();
    members.sort();
    let mut expected = vec![people[0], people[1]];
    expected.sort();
    assert_eq!(members, expected);
    assert!(teams[1].has_member(people[3]));
    let h = store.get_hackathon(event).await.unwrap().unwrap();
    assert_eq!(h.teams_seed, Some(42));
    assert!(h.teams_formed_at.is_some());
    assert_eq!(store.teams(event).await.unwrap(), teams);
    assert_eq!(
        store.team(teams[1].row.id).await.unwrap().as_ref(),
        Some(&teams[1])
    );

    // The workspace.
    let w = Workspace {
        solution_title: "Frigo solidaire".into(),
        pitch: "Un *frigo* partagé.".into(),
        prototype_links: "https://exemple.fr/proto".into(),
        deliverables: "Plan, budget".into(),
    };
    let filled = store
        .update_workspace(teams[0].row.id, &w, utc_now())
        .await
        .unwrap();
    assert_eq!(filled.row.solution_title, "Frigo solidaire");
    assert_eq!(filled.row.prototype_links, "https://exemple.fr/proto");
    assert!(matches!(
        store.update_workspace(Uuid::now_v7(), &w, utc_now()).await,
        Err(StoreError::NotFound)
    ));

    // Refusals leave the teams as they were.
    let before = store.teams(event).await.unwrap();
    let twice = vec![
        TeamSetup {
            number: 1,
            members: vec![people[0], people[1]],
            ..Default::default()
        },
        TeamSetup {
            number: 2,
            members: vec![people[1]],
            ..Default::default()
        },
    ];
    assert!(matches!(
        store.replace_teams(event, &twice, None, utc_now()).await,
        Err(StoreError::Conflict(conflict::DUPLICATE))
    ));
    let stranger = author(store).await;
    let outsider = vec![TeamSetup {
        number: 1,
        members: vec![stranger],
        ..Default::default()
    }];
    assert!(matches!(
        store.replace_teams(event, &outsider, None, utc_now()).await,
        Err(StoreError::Conflict(conflict::NOT_PARTICIPANT))
    ));
    let wrong_defi = vec![TeamSetup {
        number: 1,
        defi_id: Some(elsewhere.row.id),
        ..Default::default()
    }];
    assert!(matches!(
        store
            .replace_teams(event, &wrong_defi, None, utc_now())
            .await,
        Err(StoreError::Conflict(conflict::DEFI_NOT_GATHERED))
    ));
    assert_eq!(store.teams(event).await.unwrap(), before);

    // A hand adjustment: a person moves, team 1 keeps its id and workspace, the seed stays.
    let moved = vec![
        TeamSetup {
            number: 1,
            defi_id: Some(d.row.id),
            members: vec![people[0], people[1], people[2]],
            ..Default::default()
        },
        TeamSetup {
            number: 2,
            members: vec![people[3]],
            ..Default::default()
        },
    ];
    let after = store
        .replace_teams(event, &moved, None, utc_now())
        .await
        .unwrap();
    assert_eq!(after[0].row.id, teams[0].row.id);
    assert_eq!(after[0].row.solution_title, "Frigo solidaire");
    assert_eq!(after[0].members.len(), 3);
    assert_eq!(after[0].row.coach_id, None);
    assert_eq!(
        store
            .get_hackathon(event)
            .await
            .unwrap()
            .unwrap()
            .teams_seed,
        Some(42)
    );
    let of_person = store.teams_of(people[2]).await.unwrap();
    assert_eq!(of_person.len(), 1);
    assert_eq!(of_person[0].0.number, 1);
    assert_eq!(of_person[0].1, "Hack");

    // Fewer teams: team 2 goes.
    let one = vec![TeamSetup {
        number: 1,
        members: people.clone(),
        ..Default::default()
    }];
    let single = store
        .replace_teams(event, &one, Some(7), utc_now())
        .await
        .unwrap();
    assert_eq!(single.len(), 1);
    assert!(store.team(teams[1].row.id).await.unwrap().is_none());

    // A défi taken out of the hackathon leaves its teams.
    let with_defi = vec![TeamSetup {
        number: 1,
        defi_id: Some(d.row.id),
        members: people.clone(),
        ..Default::default()
    }];
    store
        .replace_teams(event, &with_defi, None, utc_now())
        .await
        .unwrap();
    store.set_hackathon_defis(event, &[]).await.unwrap();
    assert_eq!(store.teams(event).await.unwrap()[0].row.defi_id, None);

    // Leaving the hackathon leaves the team.
    store.leave_hackathon(event, people[0]).await.unwrap();
    // Read from the membership rows themselves (`has_member` only lists participants).
    assert!(store.teams_of(people[0]).await.unwrap().is_empty());

    // An erased account's attributes and team places go; the team stays.
    assert_eq!(store.participations_of(people[1]).await.unwrap().len(), 1);
    assert!(store.erase_person(people[1], utc_now()).await.unwrap());
    assert!(store.participations_of(people[1]).await.unwrap().is_empty());
    assert!(store.teams_of(people[1]).await.unwrap().is_empty());
    let left = store.teams(event).await.unwrap();
    assert_eq!(left.len(), 1);
    assert!(!left[0].has_member(people[1]));
    assert!(left[0].has_member(people[2]));

    // Publication.
    let published = store.publish_teams(event, true, utc_now()).await.unwrap();
    assert!(published.teams_published);
    assert!(
        !store
            .publish_teams(event, false, utc_now())
            .await
            .unwrap()
            .teams_published
    );
    assert!(matches!(
        store.publish_teams(Uuid::now_v7(), true, utc_now()).await,
        Err(StoreError::Conflict(conflict::NO_SETTINGS))
    ));

    // Once the jury has scored a team, the teams and the défis gathered are frozen.
    store.set_hackathon_defis(event, &[d.row.id]).await.unwrap();
    assert!(!store.hackathon_teams_frozen(event).await.unwrap());
    let criterion = store
        .add_jury_criterion(&crate::jury::NewCriterion {
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
    let juror = author(store).await;
    store.add_juror(event, juror, utc_now()).await.unwrap();
    let scored = store.teams(event).await.unwrap();
    store
        .save_jury_scores(&crate::jury::ScoreSheet {
            event_id: event,
            team_id: scored[0].row.id,
            juror_id: juror,
            values: vec![(criterion.id, 4, String::new())],
            at: utc_now(),
        })
        .await
        .unwrap();
    assert!(store.hackathon_teams_frozen(event).await.unwrap());
    let regroup = vec![TeamSetup {
        number: 2,
        members: vec![people[2], people[3]],
        ..Default::default()
    }];
    for seed in [Some(9), None] {
        assert!(matches!(
            store.replace_teams(event, &regroup, seed, utc_now()).await,
            Err(StoreError::Conflict(conflict::TEAMS_FROZEN))
        ));
    }
    assert!(matches!(
        store
            .set_hackathon_defis(event, &[d.row.id, elsewhere.row.id])
            .await,
        Err(StoreError::Conflict(conflict::TEAMS_FROZEN))
    ));
    assert!(matches!(
        store.set_hackathon_defis(event, &[]).await,
        Err(StoreError::Conflict(conflict::TEAMS_FROZEN))
    ));
    // Nor does the défi gain an owner or a sponsor (their members would have scored it).
    let newcomer = structure(store, who, "Nouveaux venus").await;
    assert!(matches!(
        store.add_defi_owner(d.row.id, newcomer.id, utc_now()).await,
        Err(StoreError::Conflict(crate::defis::conflict::SCORED))
    ));
    let mut sponsored = defi_fields("Zéro gaspi");
    sponsored.sponsors = vec![newcomer.id];
    assert!(matches!(
        store.update_defi(d.row.id, &sponsored, utc_now()).await,
        Err(StoreError::Conflict(crate::defis::conflict::SCORED))
    ));
    assert!(!store
        .get_defi(d.row.id)
        .await
        .unwrap()
        .unwrap()
        .owners
        .iter()
        .chain(
            store
                .get_defi(d.row.id)
                .await
                .unwrap()
                .unwrap()
                .sponsors
                .iter()
        )
        .any(|(s, _)| *s == newcomer.id));
    // An edit that adds no structure still goes through.
    store
        .update_defi(d.row.id, &defi_fields("Zéro gaspi"), utc_now())
        .await
        .unwrap();
    // The same set saved again (with the settings) is no change.
    store.set_hackathon_defis(event, &[d.row.id]).await.unwrap();
    assert_eq!(store.teams(event).await.unwrap(), scored);
    assert_eq!(store.jury_scores(event).await.unwrap().len(), 1);
    let gathered: Vec<Uuid> = store
        .hackathon_defis(event)
        .await
        .unwrap()
        .into_iter()
        .map(|r| r.id)
        .collect();
    assert_eq!(gathered, vec![d.row.id]);
}

/// Two organisers replace the teams at once: each replacement is whole (one runs after the
/// other), so the teams end as one of them wrote, never a mix, and nobody is in two teams.
pub async fn parallel_team_replacements_are_whole(store: &dyn Store) {
    let who = author(store).await;
    let event = hackathon_event(store, who, "Hack").await;
    store.save_hackathon(event, 2, utc_now()).await.unwrap();
    let mut people = vec![];
    for _ in 0..6 {
        let p = author(store).await;
        store
            .join_hackathon(event, p, &attrs(None, "public"), utc_now())
            .await
            .unwrap();
        people.push(p);
    }
    let split = |sizes: &[usize], offset: usize| -> Vec<TeamSetup> {
        let mut at = 0;
        sizes
            .iter()
            .enumerate()
            .map(|(i, n)| {
                let members = (0..*n)
                    .map(|k| people[(offset + at + k) % people.len()])
                    .collect();
                at += n;
                TeamSetup {
                    number: i as i64 + 1,
                    members,
                    ..Default::default()
                }
            })
            .collect()
    };
    let a = split(&[2, 2, 2], 0);
    let b = split(&[3, 3], 1);
    let (ra, rb) = tokio::join!(
        store.replace_teams(event, &a, Some(1), utc_now()),
        store.replace_teams(event, &b, Some(2), utc_now())
    );
    ra.unwrap();
    rb.unwrap();
    let teams = store.teams(event).await.unwrap();
    let mut written: Vec<Vec<Uuid>> = teams
        .iter()
        .map(|t| {
            let mut m: Vec<Uuid> = t.members.iter().map(|m| m.person_id).collect();
            m.sort();
            m
        })
        .collect();
    written.sort();
    let sorted = |v: &[TeamSetup]| {
        let mut out: Vec<Vec<Uuid>> = v
            .iter()
            .map(|t| {
                let mut m = t.members.clone();
                m.sort();
                m
            })
            .collect();
        out.sort();
        out
    };
    assert!(
        written == sorted(&a) || written == sorted(&b),
        "the teams are one replacement or the other"
    );
    let seed = store
        .get_hackathon(event)
        .await
        .unwrap()
        .unwrap()
        .teams_seed;
    let expected = if written == sorted(&a) {
        Some(1)
    } else {
        Some(2)
    };
    assert_eq!(
        seed, expected,
        "the seed recorded is the one of the teams kept"
    );
}
