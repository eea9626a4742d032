//! The jury and incubation part of the store contract (see `contract`): criteria and jurors,
//! scores written per juror and team and refused (nothing stored) for a conflict of interest,
//! a value outside its scale, a missing criterion, a non-juror or a foreign team; results
//! published and withdrawn; incubations with their plan, milestones within it, updates, the
//! closure that freezes them, and the initiative linked once.

use crate::contract_initiatives::{author, content, note, structure};
use crate::defis::{DefiFields, NewDefi};
use crate::events::{EventFields, NewEvent};
use crate::hackathons::{Attributes, TeamSetup};
use crate::incubation::{conflict as inc, MilestoneFields, NewIncubation};
use crate::jury::{conflict, NewCriterion, ScoreSheet};
use crate::*;
use chrono::{Duration, NaiveDate};
use essaim_domain::initiative::Status;
use essaim_domain::structure::MemberRole;
use uuid::Uuid;

async fn past_hackathon(store: &dyn Store, by: Uuid) -> Uuid {
    let organiser = structure(store, by, "Organisateurs").await;
    let starts_at = utc_now() - Duration::days(20);
    let id = store
        .create_event(&NewEvent {
            id: Uuid::now_v7(),
            fields: EventFields {
                kind: "hackathon".into(),
                title: "Hackathon des cantines".into(),
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
            organisers: vec![organiser.id],
            created_by: by,
            created_at: utc_now(),
        })
        .await
        .unwrap()
        .id;
    store.save_hackathon(id, 2, utc_now()).await.unwrap();
    id
}

async fn defi(store: &dyn Store, by: Uuid, title: &str, owner: Uuid, sponsors: Vec<Uuid>) -> Uuid {
    store
        .create_defi(&NewDefi {
            id: Uuid::now_v7(),
            fields: DefiFields {
                title: title.into(),
                question: "Comment faire ?".into(),
                status: "published".into(),
                sponsors,
                ..Default::default()
            },
            owners: vec![owner],
            created_by: by,
            created_at: utc_now(),
        })
        .await
        .unwrap()
        .row
        .id
}

/// A hackathon with two défis and two teams, and the people around them.
struct Scene {
    event: Uuid,
    organiser: Uuid,
    /// Team A works on the défi sponsored by `sponsor`; team B on the other, and one of its
    /// members declared `colleague_structure`.
    team_a: Uuid,
    team_b: Uuid,
    members_a: Vec<Uuid>,
    defi_a: Uuid,
    defi_b_owner: Uuid,
    /// A manager of the sponsor of défi A.
    sponsor_juror: Uuid,
    /// A member of the structure a member of team B declared.
    colleague_juror: Uuid,
    neutral_juror: Uuid,
    /// Team B's coach, team A's designer, and a member of the coach's structure.
    coach: Uuid,
    designer: Uuid,
    coach_colleague: Uuid,
}

async fn scene(store: &dyn Store) -> Scene {
    let organiser = author(store).await;
    let event = past_hackathon(store, organiser).await;
    let owner = structure(store, organiser, "Ville de Brest").await;
    let sponsor_juror = author(store).await;
    let sponsor = structure(store, sponsor_juror, "Fondation Littoral").await;
    let colleague_juror = author(store).await;
    let colleague_structure = structure(store, colleague_juror, "Les Ruches").await;
    let neutral_juror = author(store).await;
    let coach = author(store).await;
    let coach_colleague = author(store).await;
    let atelier = structure(store, coach_colleague, "Atelier du coach").await;
    store
        .add_member(atelier.id, coach, MemberRole::Member, utc_now())
        .await
        .unwrap();
    let designer = author(store).await;
    let defi_a = defi(store, organiser, "Zéro gaspi", owner.id, vec![sponsor.id]).await;
    let owner_b = structure(store, organiser, "Département").await;
    let defi_b = defi(store, organiser, "Mobilité", owner_b.id, vec![]).await;
    store
        .set_hackathon_defis(event, &[defi_a, defi_b])
        .await
        .unwrap();
    let mut people = vec![];
    for i in 0..4 {
        let p = author(store).await;
        let declared = (i == 2).then_some(colleague_structure.id);
        if let Some(s) = declared {
            store
                .add_member(s, p, MemberRole::Member, utc_now())
                .await
                .unwrap();
        }
        store
            .join_hackathon(
                event,
                p,
                &Attributes {
                    structure_id: declared,
                    sector: "citoyen".into(),
                    ..Default::default()
                },
                utc_now(),
            )
            .await
            .unwrap();
        people.push(p);
    }
    let teams = store
        .replace_teams(
            event,
            &[
                TeamSetup {
                    number: 1,
                    defi_id: Some(defi_a),
                    designer_id: Some(designer),
                    members: people[0..2].to_vec(),
                    ..Default::default()
                },
                TeamSetup {
                    number: 2,
                    defi_id: Some(defi_b),
                    coach_id: Some(coach),
                    members: people[2..4].to_vec(),
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
        organiser,
        team_a: teams[0].row.id,
        team_b: teams[1].row.id,
        members_a: people[0..2].to_vec(),
        defi_a,
        defi_b_owner: owner_b.id,
        sponsor_juror,
        colleague_juror,
        neutral_juror,
        coach,
        designer,
        coach_colleague,
    }
}

async fn criterion(
    store: &dyn Store,
    event: Uuid,
    name: &str,
    weight: i64,
    min: i64,
    max: i64,
) -> jury::CriterionRow {
    store
        .add_jury_criterion(&NewCriterion {
            id: Uuid::now_v7(),
            event_id: event,
            name: name.into(),
            description: String::new(),
            weight,
            scale_min: min,
            scale_max: max,
            at: utc_now(),
        })
        .await
        .unwrap()
}

fn sheet(event: Uuid, team: Uuid, juror: Uuid, values: &[(Uuid, i64)]) -> ScoreSheet {
    ScoreSheet {
        event_id: event,
        team_id: team,
        juror_id: juror,
        values: values
            .iter()
            .map(|(c, v)| (*c, *v, format!("note {v}")))
            .collect(),
        at: utc_now(),
    }
}

pub async fn jury_scores_respect_scales_and_conflicts_of_interest(store: &dyn Store) {
    let s = scene(store).await;
    // Criteria in order; none for a hackathon without settings.
    assert!(matches!(
        store
            .add_jury_criterion(&NewCriterion {
                id: Uuid::now_v7(),
                event_id: Uuid::now_v7(),
                name: "x".into(),
                description: String::new(),
                weight: 1,
                scale_min: 0,
                scale_max: 5,
                at: utc_now(),
            })
            .await,
        Err(StoreError::NotFound)
    ));
    let impact = criterion(store, s.event, "Impact", 3, 0, 10).await;
    let faisabilite = criterion(store, s.event, "Faisabilité", 1, 1, 5).await;
    let names: Vec<_> = store
        .jury_criteria(s.event)
        .await
        .unwrap()
        .into_iter()
        .map(|c| (c.name, c.weight, c.scale_min, c.scale_max))
        .collect();
    assert_eq!(
        names,
        [
            ("Impact".to_owned(), 3, 0, 10),
            ("Faisabilité".to_owned(), 1, 1, 5)
        ]
    );
    // Jurors, once each.
    for j in [s.sponsor_juror, s.colleague_juror, s.neutral_juror] {
        store.add_juror(s.event, j, utc_now()).await.unwrap();
    }
    assert!(matches!(
        store.add_juror(s.event, s.neutral_juror, utc_now()).await,
        Err(StoreError::Conflict(conflict::ALREADY_JUROR))
    ));
    assert!(matches!(
        store.add_juror(s.event, Uuid::now_v7(), utc_now()).await,
        Err(StoreError::NotFound)
    ));
    assert_eq!(store.jurors(s.event).await.unwrap().len(), 3);
    assert!(store.is_juror(s.event, s.neutral_juror).await.unwrap());
    assert!(!store.is_juror(s.event, s.organiser).await.unwrap());

    // The ties the pages show.
    let ties = store.jury_ties(s.event, s.sponsor_juror).await.unwrap();
    assert_eq!(ties.teams.len(), 2);
    assert_eq!(ties.teams[&s.team_a].people.len(), 2);
    assert!(ties.teams[&s.team_a]
        .defi_sponsors
        .iter()
        .any(|x| ties.juror.contains(x)));

    let ok = |v1, v2| [(impact.id, v1), (faisabilite.id, v2)];
    // The sponsor's juror cannot score team A; nothing is stored.
    assert!(matches!(
        store
            .save_jury_scores(&sheet(s.event, s.team_a, s.sponsor_juror, &ok(8, 4)))
            .await,
        Err(StoreError::Conflict(conflict::DEFI_SPONSOR))
    ));
    // The colleague's juror cannot score team B (a member declared their structure).
    assert!(matches!(
        store
            .save_jury_scores(&sheet(s.event, s.team_b, s.colleague_juror, &ok(8, 4)))
            .await,
        Err(StoreError::Conflict(conflict::MEMBER))
    ));
    assert!(store.jury_scores(s.event).await.unwrap().is_empty());
    // Out of scale, missing, unknown criterion, non-juror, foreign team: refused.
    for bad in [
        vec![(impact.id, 11), (faisabilite.id, 3)],
        vec![(impact.id, 5), (faisabilite.id, 0)],
        vec![(impact.id, 5)],
        vec![(impact.id, 5), (faisabilite.id, 3), (Uuid::now_v7(), 1)],
    ] {
        assert!(matches!(
            store
                .save_jury_scores(&sheet(s.event, s.team_a, s.neutral_juror, &bad))
                .await,
            Err(StoreError::Conflict(conflict::SCORES_INVALID))
        ));
    }
    assert!(matches!(
        store
            .save_jury_scores(&sheet(s.event, s.team_a, s.organiser, &ok(5, 3)))
            .await,
        Err(StoreError::NotFound)
    ));
    let other = past_hackathon(store, s.organiser).await;
    assert!(matches!(
        store
            .save_jury_scores(&sheet(other, s.team_a, s.neutral_juror, &ok(5, 3)))
            .await,
        Err(StoreError::NotFound)
    ));
    assert!(store.jury_scores(s.event).await.unwrap().is_empty());

    // Allowed scores, and a second sheet replaces the first.
    store
        .save_jury_scores(&sheet(s.event, s.team_b, s.sponsor_juror, &ok(7, 2)))
        .await
        .unwrap();
    store
        .save_jury_scores(&sheet(s.event, s.team_a, s.colleague_juror, &ok(9, 5)))
        .await
        .unwrap();
    store
        .save_jury_scores(&sheet(s.event, s.team_a, s.neutral_juror, &ok(4, 1)))
        .await
        .unwrap();
    let rows = store
        .save_jury_scores(&sheet(s.event, s.team_a, s.neutral_juror, &ok(6, 3)))
        .await
        .unwrap();
    assert_eq!(
        rows.iter().map(|r| r.value).collect::<Vec<_>>(),
        [6, 3],
        "in the criteria's order"
    );
    assert_eq!(rows[0].comment, "note 6");
    assert_eq!(store.jury_scores(s.event).await.unwrap().len(), 6);

    // A conflict that appears later is seen at once: the neutral juror joins the owner of
    // team B's défi, and may no longer score team B.
    store
        .add_member(
            s.defi_b_owner,
            s.neutral_juror,
            MemberRole::Member,
            utc_now(),
        )
        .await
        .unwrap();
    assert!(matches!(
        store
            .save_jury_scores(&sheet(s.event, s.team_b, s.neutral_juror, &ok(5, 3)))
            .await,
        Err(StoreError::Conflict(conflict::DEFI_OWNER))
    ));
    // A juror in a team cannot score it.
    store
        .add_juror(s.event, s.members_a[0], utc_now())
        .await
        .unwrap();
    assert!(matches!(
        store
            .save_jury_scores(&sheet(s.event, s.team_a, s.members_a[0], &ok(5, 3)))
            .await,
        Err(StoreError::Conflict(conflict::OWN_TEAM))
    ));

    // What a juror gave, for their export.
    let given = store.jury_scores_given_by(s.neutral_juror).await.unwrap();
    assert_eq!(
        given
            .iter()
            .map(|g| (g.criterion.as_str(), g.value, g.team_number))
            .collect::<Vec<_>>(),
        [("Impact", 6, 1), ("Faisabilité", 3, 1)]
    );

    // The team's coach and designer do not judge it, nor does a colleague of the coach; the
    // coach may judge another team.
    for j in [s.coach, s.designer, s.coach_colleague] {
        store.add_juror(s.event, j, utc_now()).await.unwrap();
    }
    let ties = store.jury_ties(s.event, s.coach).await.unwrap();
    assert_eq!(ties.teams[&s.team_b].coach, Some(s.coach));
    assert_eq!(ties.teams[&s.team_a].designer, Some(s.designer));
    assert!(!ties.teams[&s.team_b].people.contains(&s.coach));
    for (juror, team, refusal) in [
        (s.coach, s.team_b, conflict::COACH),
        (s.designer, s.team_a, conflict::DESIGNER),
        (s.coach_colleague, s.team_b, conflict::MEMBER),
    ] {
        assert!(matches!(
            store
                .save_jury_scores(&sheet(s.event, team, juror, &ok(5, 3)))
                .await,
            Err(StoreError::Conflict(c)) if c == refusal
        ));
    }
    store
        .save_jury_scores(&sheet(s.event, s.team_a, s.coach, &ok(5, 3)))
        .await
        .unwrap();
    store.remove_juror(s.event, s.coach).await.unwrap();
    for j in [s.designer, s.coach_colleague] {
        store.remove_juror(s.event, j).await.unwrap();
    }
    assert_eq!(store.jury_scores(s.event).await.unwrap().len(), 6);

    // Results: published, republished with the other ranking, withdrawn.
    assert_eq!(store.jury_results(s.event).await.unwrap(), None);
    let r = store
        .publish_jury_results(s.event, false, s.organiser, utc_now())
        .await
        .unwrap();
    assert!(!r.normalised);
    // Published results are frozen: no new sheet, criterion or juror change, nothing moves.
    let before = store.jury_scores(s.event).await.unwrap();
    assert!(matches!(
        store
            .save_jury_scores(&sheet(s.event, s.team_a, s.neutral_juror, &ok(10, 5)))
            .await,
        Err(StoreError::Conflict(conflict::RESULTS_PUBLISHED))
    ));
    assert!(matches!(
        store
            .add_jury_criterion(&NewCriterion {
                id: Uuid::now_v7(),
                event_id: s.event,
                name: "Originalité".into(),
                description: String::new(),
                weight: 1,
                scale_min: 0,
                scale_max: 5,
                at: utc_now(),
            })
            .await,
        Err(StoreError::Conflict(conflict::RESULTS_PUBLISHED))
    ));
    assert!(matches!(
        store.delete_jury_criterion(s.event, faisabilite.id).await,
        Err(StoreError::Conflict(conflict::RESULTS_PUBLISHED))
    ));
    assert!(matches!(
        store.remove_juror(s.event, s.colleague_juror).await,
        Err(StoreError::Conflict(conflict::RESULTS_PUBLISHED))
    ));
    assert_eq!(store.jury_scores(s.event).await.unwrap(), before);
    assert_eq!(store.jury_criteria(s.event).await.unwrap().len(), 2);
    let r = store
        .publish_jury_results(s.event, true, s.organiser, utc_now())
        .await
        .unwrap();
    assert!(r.normalised);
    assert_eq!(store.jury_results(s.event).await.unwrap(), Some(r));
    assert!(store.unpublish_jury_results(s.event).await.unwrap());
    assert!(!store.unpublish_jury_results(s.event).await.unwrap());
    assert!(matches!(
        store
            .publish_jury_results(Uuid::now_v7(), false, s.organiser, utc_now())
            .await,
        Err(StoreError::NotFound)
    ));

    // Once a score exists the criteria are fixed, so every juror is weighed on the same ones.
    assert!(matches!(
        store
            .add_jury_criterion(&NewCriterion {
                id: Uuid::now_v7(),
                event_id: s.event,
                name: "Originalité".into(),
                description: String::new(),
                weight: 1,
                scale_min: 0,
                scale_max: 5,
                at: utc_now(),
            })
            .await,
        Err(StoreError::Conflict(conflict::CRITERIA_SCORED))
    ));
    assert!(matches!(
        store.delete_jury_criterion(s.event, faisabilite.id).await,
        Err(StoreError::Conflict(conflict::CRITERIA_SCORED))
    ));
    assert!(matches!(
        store.delete_jury_criterion(other, impact.id).await,
        Err(StoreError::NotFound)
    ));
    assert_eq!(store.jury_criteria(s.event).await.unwrap().len(), 2);
    assert_eq!(store.jury_scores(s.event).await.unwrap(), before);

    // Removing a juror removes their scores; with no score left, criteria change again.
    store
        .remove_juror(s.event, s.colleague_juror)
        .await
        .unwrap();
    assert_eq!(store.jury_scores(s.event).await.unwrap().len(), 4);
    assert!(matches!(
        store.remove_juror(s.event, s.colleague_juror).await,
        Err(StoreError::NotFound)
    ));
    for j in [s.sponsor_juror, s.neutral_juror] {
        store.remove_juror(s.event, j).await.unwrap();
    }
    assert!(store.jury_scores(s.event).await.unwrap().is_empty());
    store
        .delete_jury_criterion(s.event, faisabilite.id)
        .await
        .unwrap();
    assert_eq!(store.jury_criteria(s.event).await.unwrap().len(), 1);
}

fn day(d: NaiveDate, n: i64) -> NaiveDate {
    d + Duration::days(n)
}

fn milestone(title: &str, due_on: NaiveDate, status: &str) -> MilestoneFields {
    MilestoneFields {
        title: title.into(),
        due_on,
        status: status.into(),
    }
}

pub async fn incubations_keep_their_plan_updates_closure_and_initiative(store: &dyn Store) {
    let s = scene(store).await;
    let start = NaiveDate::from_ymd_opt(2026, 3, 1).unwrap();
    let end = NaiveDate::from_ymd_opt(2026, 9, 1).unwrap();
    let new = |team: Uuid, due: NaiveDate| NewIncubation {
        id: Uuid::now_v7(),
        team_id: team,
        starts_on: start,
        ends_on: end,
        milestones: vec![
            (Uuid::now_v7(), milestone("Lancement", start, "done")),
            (Uuid::now_v7(), milestone("Bilan", due, "todo")),
        ],
        created_by: s.organiser,
        at: utc_now(),
    };
    // A plan with a milestone past its end, or an unknown team: refused, nothing kept.
    assert!(matches!(
        store.start_incubation(&new(s.team_a, day(end, 1))).await,
        Err(StoreError::Conflict(inc::DUE_OUTSIDE_PLAN))
    ));
    assert!(matches!(
        store.start_incubation(&new(Uuid::now_v7(), end)).await,
        Err(StoreError::NotFound)
    ));
    assert_eq!(store.incubation_of_team(s.team_a).await.unwrap(), None);
    let i = store.start_incubation(&new(s.team_a, end)).await.unwrap();
    assert_eq!(i.defi_id, Some(s.defi_a), "the team's défi is kept");
    assert_eq!(i.team_number, 1);
    assert_eq!((i.starts_on, i.ends_on), (start, end));
    assert_eq!(i.status, "active");
    assert!(matches!(
        store.start_incubation(&new(s.team_a, end)).await,
        Err(StoreError::Conflict(inc::ALREADY))
    ));
    assert_eq!(
        store.incubation_of_team(s.team_a).await.unwrap(),
        Some(i.clone())
    );
    // Followed by the team's members, its designer and the organisers; not by the coach of
    // another team nor by a juror; an administrator sees them all.
    let follows = |rows: Vec<crate::incubation::IncubationRow>| rows.iter().any(|r| r.id == i.id);
    for (who, all, expected) in [
        (s.members_a[0], false, true),
        (s.designer, false, true),
        (s.organiser, false, true),
        (s.coach, false, false),
        (s.neutral_juror, false, false),
        (s.neutral_juror, true, true),
    ] {
        assert_eq!(
            follows(store.incubations_followed_by(who, all).await.unwrap()),
            expected,
            "{who} (all: {all})"
        );
    }
    let plan = store.incubation_milestones(i.id).await.unwrap();
    assert_eq!(
        plan.iter()
            .map(|m| (m.title.as_str(), m.status.as_str()))
            .collect::<Vec<_>>(),
        [("Lancement", "done"), ("Bilan", "todo")]
    );

    // Milestones: added within the plan, moved, their status changed.
    assert!(matches!(
        store
            .add_incubation_milestone(
                i.id,
                Uuid::now_v7(),
                &milestone("Trop tôt", day(start, -1), "todo"),
                utc_now()
            )
            .await,
        Err(StoreError::Conflict(inc::DUE_OUTSIDE_PLAN))
    ));
    let proto = store
        .add_incubation_milestone(
            i.id,
            Uuid::now_v7(),
            &milestone("Prototype", day(start, 60), "todo"),
            utc_now(),
        )
        .await
        .unwrap();
    let moved = store
        .update_incubation_milestone(
            i.id,
            proto.id,
            &milestone("Prototype sur le terrain", day(start, 61), "in_progress"),
            utc_now(),
        )
        .await
        .unwrap();
    assert_eq!(moved.status, "in_progress");
    assert_eq!(moved.due_on, day(start, 61));
    assert_eq!(store.incubation_milestones(i.id).await.unwrap()[1], moved);
    assert!(matches!(
        store
            .update_incubation_milestone(
                i.id,
                proto.id,
                &milestone("Prototype", day(end, 3), "done"),
                utc_now()
            )
            .await,
        Err(StoreError::Conflict(inc::DUE_OUTSIDE_PLAN))
    ));
    // A milestone of another incubation is not found through this one.
    let other = store.start_incubation(&new(s.team_b, end)).await.unwrap();
    assert!(matches!(
        store
            .update_incubation_milestone(
                other.id,
                proto.id,
                &milestone("x", start, "done"),
                utc_now()
            )
            .await,
        Err(StoreError::NotFound)
    ));

    // Updates, newest first.
    let first = store
        .add_incubation_update(
            i.id,
            Uuid::now_v7(),
            s.members_a[0],
            "Premier atelier",
            utc_now(),
        )
        .await
        .unwrap();
    let second = store
        .add_incubation_update(
            i.id,
            Uuid::now_v7(),
            s.organiser,
            "Rencontre avec la ville",
            utc_now() + Duration::seconds(1),
        )
        .await
        .unwrap();
    assert_eq!(
        store.incubation_updates(i.id).await.unwrap(),
        [second.clone(), first.clone()]
    );
    let written = store.updates_written_by(s.members_a[0]).await.unwrap();
    assert_eq!(written.len(), 1);
    assert_eq!(written[0].0.body, "Premier atelier");
    assert_eq!(written[0].2, 1);

    // The initiative, linked once.
    let made = store
        .create_initiative(
            Uuid::now_v7(),
            &content(
                "Cantines sans gaspi",
                "La solution du hackathon.",
                "Brest",
                &["alimentation"],
                "idee",
            ),
            Status::Draft,
            None,
            note(s.organiser, "création"),
        )
        .await
        .unwrap();
    let linked = store
        .link_incubation_initiative(i.id, made.id, utc_now())
        .await
        .unwrap();
    assert_eq!(linked.initiative_id, Some(made.id));
    assert!(matches!(
        store
            .link_incubation_initiative(i.id, made.id, utc_now())
            .await,
        Err(StoreError::Conflict(inc::INITIATIVE_LINKED))
    ));
    assert_eq!(
        store
            .incubation_of_initiative(made.id)
            .await
            .unwrap()
            .map(|x| x.id),
        Some(i.id)
    );
    assert_eq!(
        store
            .incubations_of_defi(s.defi_a)
            .await
            .unwrap()
            .into_iter()
            .map(|x| x.id)
            .collect::<Vec<_>>(),
        [i.id]
    );
    assert_eq!(
        store.list_incubations(Some(s.event)).await.unwrap().len(),
        2
    );
    assert!(store.list_incubations(None).await.unwrap().len() >= 2);

    // Closure freezes the plan and the updates.
    let closed = store
        .close_incubation(i.id, "continued", "Reprise par la ville", utc_now())
        .await
        .unwrap();
    assert!(closed.is_closed());
    assert_eq!(closed.outcome.as_deref(), Some("continued"));
    assert!(closed.closed_at.is_some());
    assert!(matches!(
        store
            .close_incubation(i.id, "stopped", "x", utc_now())
            .await,
        Err(StoreError::Conflict(inc::CLOSED))
    ));
    assert!(matches!(
        store
            .add_incubation_update(i.id, Uuid::now_v7(), s.organiser, "Après", utc_now())
            .await,
        Err(StoreError::Conflict(inc::CLOSED))
    ));
    assert!(matches!(
        store
            .add_incubation_milestone(
                i.id,
                Uuid::now_v7(),
                &milestone("Après", start, "todo"),
                utc_now()
            )
            .await,
        Err(StoreError::Conflict(inc::CLOSED))
    ));
    assert_eq!(store.incubation_updates(i.id).await.unwrap().len(), 2);
    // Active first.
    let listed = store.list_incubations(Some(s.event)).await.unwrap();
    assert_eq!(listed[0].id, other.id);
}
