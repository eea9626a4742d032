//! Hackathons: the rules shared by pages and API.
//!
//! A hackathon is an event of kind `hackathon` (1 to 3 days); its organisers
//! (`events::can_manage`) set the team size and the défis it gathers, read the participants'
//! attributes, form the teams with the planner (one round, sectors and age bands balanced,
//! structures apart, a bounded time budget and a recorded seed), adjust them by hand (move a
//! person, set a team's défi, coach and designer) and publish them. People with a confirmed
//! registration to the event tell their attributes (a structure among their memberships or
//! none, sector, age band, skills).
//!
//! Visibility: before the teams are published, the teams and their workspaces are the
//! organisers' only (404 for anybody else); once published, everyone sees the teams and their
//! workspaces read-only (a hackathon's output is public, as its results will be), and a team's
//! members, coach and designer (and the organisers) edit its workspace. The participants'
//! attributes (sector, age band, skills) are never shown to anybody but the organisers.

use crate::error::AppError;
use crate::events::EditFailure;
use crate::state::AppState;
use essaim_domain::events::Kind;
use essaim_domain::hackathons::{self as domain, Member, ParticipantInput, WorkspaceInput};
use essaim_domain::invalid::{FieldErrors, Invalid};
use essaim_domain::planner::Budget;
use essaim_store::defis::DefiRow;
use essaim_store::events::EventRow;
use essaim_store::hackathons::{
    conflict, Attributes, HackathonRow, Participant, Team, TeamSetup, Workspace,
};
use essaim_store::{utc_now, Person, StoreError};
use std::collections::{BTreeMap, BTreeSet};
use std::time::Duration;
use uuid::Uuid;

/// Writes a person may make per hour to hackathons (settings, participation, teams, workspaces).
pub const WRITES_PER_PERSON: crate::throttle::Limit = crate::throttle::Limit {
    name: "hackathons:write",
    max: 200,
    window: chrono::Duration::hours(1),
};

/// Team formations a person may run per hour: each takes up to `FORMATION_TIME` of a core.
pub const FORMATIONS_PER_PERSON: crate::throttle::Limit = crate::throttle::Limit {
    name: "hackathons:formation",
    max: 30,
    window: chrono::Duration::hours(1),
};

/// The planner's search for a formation: at most this long, whatever the group.
pub const FORMATION_TIME: Duration = Duration::from_secs(2);
pub const FORMATION_ITERATIONS: u64 = 400_000;

/// The event, if it is a hackathon; 404 otherwise.
pub async fn event(state: &AppState, id: Uuid) -> Result<EventRow, AppError> {
    let e = crate::events::find(state, id).await?;
    if e.kind == Kind::Hackathon.as_str() {
        Ok(e)
    } else {
        Err(AppError::NotFound)
    }
}

/// The hackathon's event if this person organises it; 404 otherwise.
pub async fn managed(state: &AppState, id: Uuid, person: &Person) -> Result<EventRow, AppError> {
    let e = event(state, id).await?;
    if crate::events::can_manage(state, &e, person).await? {
        Ok(e)
    } else {
        Err(AppError::NotFound)
    }
}

pub async fn is_manager(
    state: &AppState,
    e: &EventRow,
    person: Option<&Person>,
) -> Result<bool, AppError> {
    match person {
        Some(p) => crate::events::can_manage(state, e, p).await,
        None => Ok(false),
    }
}

/// Saves the team size and the défis gathered (published or closed défis only).
pub async fn save_settings(
    state: &AppState,
    person: &Person,
    e: &EventRow,
    team_size: &str,
    defis: &[Uuid],
) -> Result<HackathonRow, EditFailure> {
    let valid = domain::validate_settings(team_size, &e.kind, e.starts_at, e.ends_at);
    let mut errors = valid.clone().err().unwrap_or_default();
    for d in defis {
        match state.store.get_defi(*d).await? {
            Some(d) if d.row.status != "draft" => {}
            _ => errors.add("defis", Invalid::new("hackathons_defi_unknown")),
        }
    }
    let mut defis = defis.to_vec();
    defis.sort();
    defis.dedup();
    // Once the jury has scored, the défis gathered stay (the store refuses too).
    if state.store.hackathon_teams_frozen(e.id).await? {
        let mut now: Vec<Uuid> = state
            .store
            .hackathon_defis(e.id)
            .await?
            .into_iter()
            .map(|d| d.id)
            .collect();
        now.sort();
        if now != defis {
            errors.add("defis", Invalid::new("hackathons_teams_frozen"));
        }
    }
    let size = match valid {
        Ok(n) if errors.is_empty() => n,
        _ => return Err(EditFailure::Invalid(errors)),
    };
    crate::throttle::check(state, WRITES_PER_PERSON, &person.id.to_string()).await?;
    let h = state.store.save_hackathon(e.id, size, utc_now()).await?;
    state
        .store
        .set_hackathon_defis(e.id, &defis)
        .await
        .map_err(store_refusal)?;
    Ok(h)
}

/// A store refusal as the answer people get: a named conflict is a 409 with its message.
pub fn store_refusal(e: StoreError) -> AppError {
    match e {
        StoreError::Conflict(code) => AppError::Conflict(code),
        e => e.into(),
    }
}

/// 409 once the jury has scored, results are published or a team is in incubation.
pub async fn refuse_if_frozen(state: &AppState, e: &EventRow) -> Result<(), AppError> {
    if state.store.hackathon_teams_frozen(e.id).await? {
        Err(AppError::Conflict(conflict::TEAMS_FROZEN))
    } else {
        Ok(())
    }
}

/// The hackathon's settings; 409 when the organisers have not set them yet.
pub async fn settings(state: &AppState, e: &EventRow) -> Result<HackathonRow, AppError> {
    state
        .store
        .get_hackathon(e.id)
        .await?
        .ok_or(AppError::Conflict("hackathons-no-settings"))
}

/// Records (or rewrites) what a registered person tells. `structure`: one of their
/// structures, or None.
pub async fn join(
    state: &AppState,
    e: &EventRow,
    person: &Person,
    structure: Option<Uuid>,
    input: &ParticipantInput,
) -> Result<Participant, EditFailure> {
    settings(state, e).await?;
    let registered = state
        .store
        .registration_of(e.id, person.id)
        .await?
        .is_some_and(|r| r.status == "confirmed");
    if !registered {
        return Err(EditFailure::App(AppError::Conflict(
            "hackathons-register-first",
        )));
    }
    if e.ends_at < utc_now() {
        return Err(EditFailure::App(AppError::Conflict("hackathons-over")));
    }
    let mut errors = domain::validate_participant(input)
        .err()
        .unwrap_or_default();
    if let Some(s) = structure {
        let mine = state.store.structures_of(person.id).await?;
        if !mine.iter().any(|(m, _)| m.id == s) {
            errors.add("structure", Invalid::new("hackathons_structure_not_member"));
        }
    }
    let v = match domain::validate_participant(input) {
        Ok(v) if errors.is_empty() => v,
        _ => return Err(EditFailure::Invalid(errors)),
    };
    crate::throttle::check(state, WRITES_PER_PERSON, &person.id.to_string()).await?;
    Ok(state
        .store
        .join_hackathon(
            e.id,
            person.id,
            &Attributes {
                structure_id: structure,
                sector: v.sector,
                age_band: v.age_band,
                skills: v.skills,
            },
            utc_now(),
        )
        .await?)
}

pub fn member_of(p: &Participant) -> Member {
    Member {
        id: p.person_id.to_string(),
        structure: p.structure_id.map(|s| s.to_string()),
        sector: p.sector.clone(),
        age_band: p.age_band.clone(),
    }
}

/// Forms the teams with the planner (one round) and writes them, each team number keeping its
/// name, défi, coach and designer. `seed`: the planner's seed, drawn when None.
pub async fn form(
    state: &AppState,
    person: &Person,
    e: &EventRow,
    seed: Option<u64>,
) -> Result<Vec<Team>, AppError> {
    let h = settings(state, e).await?;
    // Only people still registered (confirmed) are placed: one who cancelled is not waited for.
    let confirmed: std::collections::HashSet<Uuid> = state
        .store
        .registrations(e.id)
        .await?
        .into_iter()
        .filter(|r| r.status == "confirmed")
        .map(|r| r.person_id)
        .collect();
    let participants: Vec<Participant> = state
        .store
        .participants(e.id)
        .await?
        .into_iter()
        .filter(|p| confirmed.contains(&p.person_id))
        .collect();
    if participants.len() < 2 {
        return Err(AppError::Conflict("hackathons-too-few-participants"));
    }
    // Checked before the planner runs (the store refuses again, under its lock).
    refuse_if_frozen(state, e).await?;
    crate::throttle::check(state, WRITES_PER_PERSON, &person.id.to_string()).await?;
    crate::throttle::check(state, FORMATIONS_PER_PERSON, &person.id.to_string()).await?;
    // A seed that fits the database's signed integer.
    let seed = seed.unwrap_or_else(|| (Uuid::new_v4().as_u128() as u64) >> 12) & (i64::MAX as u64);
    let members: Vec<Member> = participants.iter().map(member_of).collect();
    let size = h.team_size as usize;
    let formation = crate::planner_slots::run(move || {
        domain::form_teams(
            &members,
            size,
            Budget {
                max_iterations: FORMATION_ITERATIONS,
                time_limit: Some(FORMATION_TIME),
            },
            seed,
        )
    })
    .await
    .map_err(|_| AppError::Conflict("hackathons-too-few-participants"))?;
    let existing: BTreeMap<i64, Team> = state
        .store
        .teams(e.id)
        .await?
        .into_iter()
        .map(|t| (t.row.number, t))
        .collect();
    let setups: Vec<TeamSetup> = formation
        .teams
        .iter()
        .enumerate()
        .map(|(i, t)| {
            let number = i as i64 + 1;
            let kept = existing.get(&number);
            TeamSetup {
                number,
                name: kept.map(|k| k.row.name.clone()).unwrap_or_default(),
                defi_id: kept.and_then(|k| k.row.defi_id),
                coach_id: kept.and_then(|k| k.row.coach_id),
                designer_id: kept.and_then(|k| k.row.designer_id),
                members: t.iter().map(|i| participants[*i].person_id).collect(),
            }
        })
        .collect();
    state
        .store
        .replace_teams(e.id, &setups, Some(seed as i64), utc_now())
        .await
        .map_err(store_refusal)
}

/// Who may coach or design for a team: the confirmed registrants and the members of the
/// organiser structures, by name.
pub async fn people_choices(
    state: &AppState,
    e: &EventRow,
) -> Result<Vec<(Uuid, String)>, AppError> {
    let mut out: BTreeMap<Uuid, String> = BTreeMap::new();
    for r in state.store.registrations(e.id).await? {
        if r.status == "confirmed" {
            out.insert(r.person_id, r.person_name);
        }
    }
    for (s, _) in state.store.event_organisers(e.id).await? {
        for m in state.store.members(s).await? {
            out.insert(m.person_id, m.display_name);
        }
    }
    let mut v: Vec<(Uuid, String)> = out.into_iter().collect();
    v.sort_by(|a, b| a.1.cmp(&b.1).then(a.0.cmp(&b.0)));
    Ok(v)
}

/// A hand adjustment, as typed: each participant's team number (None: no team), and per team
/// number its name, défi, coach and designer.
#[derive(Debug, Default, Clone)]
pub struct Adjustment {
    pub placement: BTreeMap<Uuid, Option<i64>>,
    pub names: BTreeMap<i64, String>,
    pub defis: BTreeMap<i64, Option<Uuid>>,
    pub coaches: BTreeMap<i64, Option<Uuid>>,
    pub designers: BTreeMap<i64, Option<Uuid>>,
}

/// Rewrites the teams from an adjustment. Existing teams stay (even emptied); one new team
/// number (the next) may be used. Field errors name `teams`.
pub async fn adjust(
    state: &AppState,
    person: &Person,
    e: &EventRow,
    a: &Adjustment,
) -> Result<Vec<Team>, EditFailure> {
    settings(state, e).await?;
    refuse_if_frozen(state, e).await?;
    let existing = state.store.teams(e.id).await?;
    let next = existing.iter().map(|t| t.row.number).max().unwrap_or(0) + 1;
    let mut numbers: BTreeSet<i64> = existing.iter().map(|t| t.row.number).collect();
    let mut errors = FieldErrors::new();
    for n in a.placement.values().flatten() {
        if *n < 1 || *n > next {
            errors.add("teams", Invalid::new("hackathons_team_unknown"));
        } else {
            numbers.insert(*n);
        }
    }
    let people: BTreeSet<Uuid> = people_choices(state, e)
        .await?
        .into_iter()
        .map(|(id, _)| id)
        .collect();
    for p in a.coaches.values().chain(a.designers.values()).flatten() {
        if !people.contains(p) {
            errors.add("teams", Invalid::new("hackathons_coach_unknown"));
        }
    }
    let mut setups = vec![];
    for n in numbers {
        let old = existing.iter().find(|t| t.row.number == n);
        let name = match a.names.get(&n) {
            Some(typed) => match domain::parse_team_name(typed) {
                Ok(v) => v,
                Err(i) => {
                    errors.add("teams", i);
                    String::new()
                }
            },
            None => old.map(|t| t.row.name.clone()).unwrap_or_default(),
        };
        let pick = |m: &BTreeMap<i64, Option<Uuid>>, old: Option<Uuid>| match m.get(&n) {
            Some(v) => *v,
            None => old,
        };
        setups.push(TeamSetup {
            number: n,
            name,
            defi_id: pick(&a.defis, old.and_then(|t| t.row.defi_id)),
            coach_id: pick(&a.coaches, old.and_then(|t| t.row.coach_id)),
            designer_id: pick(&a.designers, old.and_then(|t| t.row.designer_id)),
            members: a
                .placement
                .iter()
                .filter(|(_, t)| **t == Some(n))
                .map(|(p, _)| *p)
                .collect(),
        });
    }
    if !errors.is_empty() {
        return Err(EditFailure::Invalid(errors));
    }
    crate::throttle::check(state, WRITES_PER_PERSON, &person.id.to_string()).await?;
    match state
        .store
        .replace_teams(e.id, &setups, None, utc_now())
        .await
    {
        Ok(t) => Ok(t),
        Err(StoreError::Conflict(conflict::TEAMS_FROZEN)) => {
            Err(EditFailure::App(AppError::Conflict(conflict::TEAMS_FROZEN)))
        }
        Err(StoreError::Conflict(code)) => {
            let mut errors = FieldErrors::new();
            errors.add(
                "teams",
                Invalid::new(match code {
                    conflict::DEFI_NOT_GATHERED => "hackathons_defi_unknown",
                    conflict::NOT_PARTICIPANT => "hackathons_not_participant",
                    _ => "hackathons_team_unknown",
                }),
            );
            Err(EditFailure::Invalid(errors))
        }
        Err(e) => Err(EditFailure::App(e.into())),
    }
}

/// Publishes (or withdraws) the teams, recorded in the audit log.
pub async fn publish(
    state: &AppState,
    person: &Person,
    e: &EventRow,
    published: bool,
    ip: Option<&str>,
) -> Result<HackathonRow, AppError> {
    settings(state, e).await?;
    crate::throttle::check(state, WRITES_PER_PERSON, &person.id.to_string()).await?;
    let h = state
        .store
        .publish_teams(e.id, published, utc_now())
        .await
        .map_err(store_refusal)?;
    crate::audit::record(
        state,
        Some(person.id),
        if published {
            "hackathon_teams_published"
        } else {
            "hackathon_teams_withdrawn"
        },
        format!("event:{}", e.id),
        ip,
        String::new(),
    )
    .await?;
    Ok(h)
}

/// The défis the hackathon gathers as this person sees them: a défi set back to draft by its
/// owners is shown to the hackathon's organisers only.
pub async fn visible_defis(
    state: &AppState,
    e: &EventRow,
    manager: bool,
) -> Result<Vec<DefiRow>, AppError> {
    Ok(state
        .store
        .hackathon_defis(e.id)
        .await?
        .into_iter()
        .filter(|d| manager || d.status != "draft")
        .collect())
}

/// For anybody but the organisers, blanks the défi of the teams working on a draft.
pub async fn hide_draft_defis(
    state: &AppState,
    e: &EventRow,
    manager: bool,
    teams: &mut [Team],
) -> Result<(), AppError> {
    if manager {
        return Ok(());
    }
    let drafts: BTreeSet<Uuid> = state
        .store
        .hackathon_defis(e.id)
        .await?
        .into_iter()
        .filter(|d| d.status == "draft")
        .map(|d| d.id)
        .collect();
    for t in teams.iter_mut() {
        if t.row.defi_id.is_some_and(|d| drafts.contains(&d)) {
            t.row.defi_id = None;
            t.row.defi_title = None;
        }
    }
    Ok(())
}

/// Whether this person sees the team: organisers always, everybody once published.
pub async fn can_see_teams(
    state: &AppState,
    e: &EventRow,
    h: &HackathonRow,
    person: Option<&Person>,
) -> Result<bool, AppError> {
    Ok(h.teams_published || is_manager(state, e, person).await?)
}

/// Whether this person edits the team's workspace: organisers always; once the teams are
/// published, the team's members, coach and designer.
pub async fn can_edit_workspace(
    state: &AppState,
    e: &EventRow,
    h: &HackathonRow,
    team: &Team,
    person: Option<&Person>,
) -> Result<bool, AppError> {
    let Some(p) = person else { return Ok(false) };
    if is_manager(state, e, Some(p)).await? {
        return Ok(true);
    }
    Ok(h.teams_published
        && (team.has_member(p.id)
            || team.row.coach_id == Some(p.id)
            || team.row.designer_id == Some(p.id)))
}

/// The team of this hackathon, if this person may see it; 404 otherwise.
pub async fn visible_team(
    state: &AppState,
    e: &EventRow,
    team_id: Uuid,
    person: Option<&Person>,
) -> Result<(HackathonRow, Team), AppError> {
    let h = state
        .store
        .get_hackathon(e.id)
        .await?
        .ok_or(AppError::NotFound)?;
    let mut team = state
        .store
        .team(team_id)
        .await?
        .filter(|t| t.row.event_id == e.id)
        .ok_or(AppError::NotFound)?;
    if !can_see_teams(state, e, &h, person).await? {
        return Err(AppError::NotFound);
    }
    let manager = is_manager(state, e, person).await?;
    hide_draft_defis(state, e, manager, std::slice::from_mut(&mut team)).await?;
    Ok((h, team))
}

/// Saves a workspace (the caller checked `can_edit_workspace`).
pub async fn save_workspace(
    state: &AppState,
    person: &Person,
    team: &Team,
    input: &WorkspaceInput,
) -> Result<Team, EditFailure> {
    let v = domain::validate_workspace(input).map_err(EditFailure::Invalid)?;
    crate::throttle::check(state, WRITES_PER_PERSON, &person.id.to_string()).await?;
    Ok(state
        .store
        .update_workspace(
            team.row.id,
            &Workspace {
                solution_title: v.solution_title,
                pitch: v.pitch,
                prototype_links: v.prototype_links,
                deliverables: v.deliverables,
            },
            utc_now(),
        )
        .await?)
}

/// A team's balance, from its members' attributes.
pub fn balance_of(team: &Team) -> domain::Balance {
    domain::balance(&team.members.iter().map(member_of).collect::<Vec<_>>())
}
