//! Demo data of the jury and incubation, on the past hackathon of `demo_hackathons`
//! ([`crate::demo_hackathons::PAST_TITLE`]): three weighted criteria, three jurors — one a
//! member of the foundation that sponsors a défi, who therefore cannot score that défi's
//! teams — their scores (two teams tie, and stay tied), the published results, and the
//! incubation of the winner: its six-month plan under way, two status updates, and its
//! solution turned into a draft initiative linked to its défi.

use chrono::Duration;
use essaim_domain::incubation::default_plan;
use essaim_domain::initiative::{InitiativeInput, Status};
use essaim_domain::jury::conflict;
use essaim_domain::structure::MemberRole;
use essaim_domain::territory::Territories;
use essaim_store::events::EventFilter;
use essaim_store::incubation::{MilestoneFields, NewIncubation};
use essaim_store::initiatives::RevisionNote;
use essaim_store::jury::{NewCriterion, ScoreSheet};
use essaim_store::{utc_now, Store};
use uuid::Uuid;

/// (name, description, weight, scale_min, scale_max).
const CRITERIA: [(&str, &str, i64, i64, i64); 3] = [
    (
        "Impact",
        "Combien de repas, de personnes, de kilos sauvés, et pour qui.",
        3,
        0,
        10,
    ),
    (
        "Faisabilité",
        "Peut-on le faire tourner dans six mois avec les moyens du territoire ?",
        2,
        0,
        10,
    ),
    ("Originalité", "Ce qui n’existe pas encore ici.", 1, 1, 5),
];

/// The jurors: (e-mail, name). The first is a member of the sponsoring foundation.
const JURORS: [(&str, &str); 3] = [
    ("jure.fondation@essaim.localhost", "Solenn Guivarc’h"),
    ("jure.universite@essaim.localhost", "Pierre-Yves Abgrall"),
    ("jure.citoyenne@essaim.localhost", "Maïwenn Cloarec"),
];

/// Scores per team number (1-based) on the three criteria, before each juror's own severity.
/// Teams 3 and 4 get the same: they tie.
const SCORES: [[i64; 3]; 4] = [[9, 8, 5], [7, 6, 3], [6, 7, 4], [6, 7, 4]];

/// Updates of the incubation: (days after its start, text).
const UPDATES: [(i64, &str); 2] = [
    (
        20,
        "Diagnostic fait avec la mairie et la conserverie : trois cantines de Brest volontaires, \
         180 repas par jour, les restes pesés pendant deux semaines.",
    ),
    (
        65,
        "Première tournée à vélo-cargo vers l’épicerie solidaire de Kerangoff : 42 kg sauvés \
         la première semaine. L’application de réservation est en test.",
    ),
];

/// Seeds this context; does nothing when the past hackathon or its teams are missing.
pub async fn seed(store: &dyn Store, holder: Uuid, structures: &[Uuid]) -> anyhow::Result<()> {
    let Some(&fondation) = structures.get(3) else {
        return Ok(());
    };
    let past = store
        .list_events(&EventFilter {
            past_at: Some(utc_now()),
            kind: Some("hackathon".into()),
            limit: 50,
            ..EventFilter::default()
        })
        .await?;
    let Some(e) = past
        .into_iter()
        .find(|e| e.title == crate::demo_hackathons::PAST_TITLE)
    else {
        return Ok(());
    };
    let teams = store.teams(e.id).await?;
    if teams.is_empty() {
        return Ok(());
    }
    let judged_at = e.ends_at - Duration::hours(2);

    let mut criteria = vec![];
    for (name, description, weight, min, max) in CRITERIA {
        criteria.push(
            store
                .add_jury_criterion(&NewCriterion {
                    id: Uuid::now_v7(),
                    event_id: e.id,
                    name: name.into(),
                    description: description.into(),
                    weight,
                    scale_min: min,
                    scale_max: max,
                    at: e.starts_at,
                })
                .await?,
        );
    }
    let mut jurors = vec![];
    for (i, (email, name)) in JURORS.iter().enumerate() {
        let (p, _) = crate::create_user(store, email, name, None, false).await?;
        if i == 0 && store.membership(fondation, p.id).await?.is_none() {
            store
                .add_member(fondation, p.id, MemberRole::Member, utc_now())
                .await?;
        }
        store.add_juror(e.id, p.id, e.starts_at).await?;
        jurors.push(p.id);
    }

    // Each juror scores the teams they are not in conflict with; the second juror is a point
    // more severe on impact, the third a point kinder on feasibility.
    for (j, juror) in jurors.iter().enumerate() {
        let ties = store.jury_ties(e.id, *juror).await?;
        for t in &teams {
            let team_ties = ties.teams.get(&t.row.id).cloned().unwrap_or_default();
            if conflict(*juror, &ties.juror, &team_ties).is_some() {
                continue;
            }
            let Some(base) = SCORES.get((t.row.number - 1) as usize) else {
                continue;
            };
            let shift = [[0, 0, 0], [-1, 0, 0], [0, 1, 0]][j];
            let values = criteria
                .iter()
                .zip(base.iter().zip(shift))
                .map(|(c, (v, s))| {
                    let value = (v + s).clamp(c.scale_min, c.scale_max);
                    (c.id, value, String::new())
                })
                .collect();
            store
                .save_jury_scores(&ScoreSheet {
                    event_id: e.id,
                    team_id: t.row.id,
                    juror_id: *juror,
                    values,
                    at: judged_at,
                })
                .await?;
        }
    }
    store
        .publish_jury_results(e.id, false, holder, e.ends_at)
        .await?;

    // The winner, team 1, in incubation from the day after the hackathon.
    let Some(winner) = teams.iter().find(|t| t.row.number == 1) else {
        return Ok(());
    };
    let start = (e.ends_at + Duration::days(1)).date_naive();
    let plan = default_plan(start);
    let titles = [
        "Lancement de l’incubation",
        "Diagnostic du besoin avec les porteurs du défi",
        "Prototype testé sur le terrain",
        "Point d’étape à mi-parcours",
        "Premiers usagers réguliers",
        "Modèle, partenaires et financement",
        "Bilan et clôture",
    ];
    let today = utc_now().date_naive();
    let milestones = plan
        .iter()
        .zip(titles)
        .map(|((_, due_on), title)| {
            // Milestones due more than a month ago are done, the next ones under way.
            let status = if *due_on + Duration::days(30) < today {
                "done"
            } else if *due_on < today + Duration::days(30) {
                "in_progress"
            } else {
                "todo"
            };
            (
                Uuid::now_v7(),
                MilestoneFields {
                    title: title.into(),
                    due_on: *due_on,
                    status: status.into(),
                },
            )
        })
        .collect();
    let incubation = store
        .start_incubation(&NewIncubation {
            id: Uuid::now_v7(),
            team_id: winner.row.id,
            starts_on: start,
            ends_on: essaim_domain::incubation::plan_end(
                start,
                essaim_domain::incubation::DEFAULT_MONTHS,
            ),
            milestones,
            created_by: holder,
            at: e.ends_at + Duration::days(1),
        })
        .await?;
    let author = winner
        .members
        .first()
        .map(|m| m.person_id)
        .unwrap_or(holder);
    for (days, body) in UPDATES {
        store
            .add_incubation_update(
                incubation.id,
                Uuid::now_v7(),
                author,
                body,
                e.ends_at + Duration::days(days),
            )
            .await?;
    }

    // The solution becomes a draft initiative with the défi's challenges and territory.
    let defi = match winner.row.defi_id {
        Some(d) => store.get_defi(d).await?,
        None => None,
    };
    let codes: Vec<String> = store
        .challenges()
        .await?
        .into_iter()
        .map(|c| c.code)
        .collect();
    let content = InitiativeInput {
        title: winner.row.solution_title.clone(),
        summary: "Les restes des cantines partent chaque midi vers des épiceries solidaires, \
                  en vélo-cargo."
            .into(),
        description: winner.row.pitch.clone(),
        territories: defi
            .as_ref()
            .map(|d| d.row.territory.clone())
            .filter(|t| !t.is_empty())
            .unwrap_or_else(|| "commune:29019".into()),
        challenges: defi.map(|d| d.challenges).unwrap_or_default(),
        stage: "idee".into(),
        ..Default::default()
    }
    .validate(Territories::bundled(), &codes)
    .map_err(|err| anyhow::anyhow!("demo incubation initiative is invalid: {err:?}"))?;
    let made = store
        .create_initiative(
            Uuid::now_v7(),
            &content,
            Status::Draft,
            None,
            RevisionNote {
                author_id: holder,
                message: format!(
                    "Créée à partir de la solution de l’équipe 1 au hackathon {}",
                    e.title
                ),
                at: e.ends_at + Duration::days(70),
            },
        )
        .await?;
    store
        .link_incubation_initiative(incubation.id, made.id, e.ends_at + Duration::days(70))
        .await?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use essaim_domain::jury::{normalise, rank, totals, Score};

    /// The demo's scores, as the ranking reads them: team 1 first, teams 3 and 4 tied.
    #[test]
    fn the_demo_scores_rank_team_one_first_and_tie_three_and_four() {
        use super::*;
        let criteria: Vec<_> = CRITERIA
            .iter()
            .enumerate()
            .map(|(i, (_, _, w, min, max))| essaim_domain::jury::Criterion {
                id: Uuid::from_u128(100 + i as u128),
                weight: *w,
                scale_min: *min,
                scale_max: *max,
            })
            .collect();
        let teams: Vec<Uuid> = (1..=4).map(|n| Uuid::from_u128(n as u128)).collect();
        let mut scores = vec![];
        for j in 0..3u128 {
            for (t, team) in teams.iter().enumerate() {
                // The sponsor's juror skips the sponsored défi's teams (1 and 2).
                if j == 0 && t < 2 {
                    continue;
                }
                let shift = [[0, 0, 0], [-1, 0, 0], [0, 1, 0]][j as usize];
                for (c, crit) in criteria.iter().enumerate() {
                    scores.push(Score {
                        juror: Uuid::from_u128(1000 + j),
                        team: *team,
                        criterion: crit.id,
                        value: (SCORES[t][c] + shift[c]).clamp(crit.scale_min, crit.scale_max),
                    });
                }
            }
        }
        let r = rank(&teams, &totals(&criteria, &scores));
        assert_eq!(r.rows[0].team, teams[0]);
        assert_eq!(r.ties.len(), 1);
        assert_eq!(r.ties[0].teams, vec![teams[2], teams[3]]);
        let n = rank(&teams, &normalise(&totals(&criteria, &scores)));
        assert_eq!(n.rows.len(), 4);
    }

    /// On the seeded demo: the sponsor's juror scored no team of the sponsored défi, the
    /// results are published, the winner is incubated with its plan, two updates and a draft
    /// initiative linked to its défi.
    #[tokio::test]
    async fn the_demo_jury_respects_the_conflict_and_incubates_the_winner() {
        use essaim_store::events::EventFilter;
        use essaim_store::{utc_now, Store};
        let dir = tempfile::tempdir().unwrap();
        let store = essaim_sqlite::SqliteStore::open(dir.path().join("demo.db").to_str().unwrap())
            .await
            .unwrap();
        store.migrate().await.unwrap();
        let store: &dyn Store = &store;
        assert!(crate::demo::seed(store, 12).await.unwrap());
        let e = store
            .list_events(&EventFilter {
                past_at: Some(utc_now()),
                kind: Some("hackathon".into()),
                limit: 10,
                ..EventFilter::default()
            })
            .await
            .unwrap()
            .into_iter()
            .find(|e| e.title == crate::demo_hackathons::PAST_TITLE)
            .unwrap();
        let sponsor = store
            .person_by_email(super::JURORS[0].0)
            .await
            .unwrap()
            .unwrap();
        let ties = store.jury_ties(e.id, sponsor.id).await.unwrap();
        let scores = store.jury_scores(e.id).await.unwrap();
        let mut blocked = 0;
        for (team, t) in &ties.teams {
            if essaim_domain::jury::conflict(sponsor.id, &ties.juror, t).is_some() {
                blocked += 1;
                assert!(!scores
                    .iter()
                    .any(|s| s.team_id == *team && s.juror_id == sponsor.id));
            }
        }
        assert!(
            blocked > 0,
            "some teams are not scoreable by the sponsor's juror"
        );
        assert!(store.jury_results(e.id).await.unwrap().is_some());
        let incubations = store.list_incubations(Some(e.id)).await.unwrap();
        assert_eq!(incubations.len(), 1);
        let i = &incubations[0];
        assert_eq!(i.team_number, 1);
        assert_eq!(store.incubation_milestones(i.id).await.unwrap().len(), 7);
        assert_eq!(store.incubation_updates(i.id).await.unwrap().len(), 2);
        let initiative = store
            .initiative(i.initiative_id.unwrap())
            .await
            .unwrap()
            .unwrap();
        assert_eq!(initiative.status, super::Status::Draft);
        let defi = store.get_defi(i.defi_id.unwrap()).await.unwrap().unwrap();
        assert_eq!(initiative.content.challenges, defi.challenges);
    }
}
