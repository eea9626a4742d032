//! World Café: the rules shared by pages and API.
//!
//! A café hangs on an event of kind `world_cafe`; everything but the table links and the
//! published synthesis is for the event's managers (`crate::events::managed`), and 404 for
//! anybody else. Planning runs `domain::planner` in the shared planner slots
//! (`planner_slots`), throttled per person, with a bounded budget (`PLAN_BUDGET`) and a seed
//! derived from the event's id and recorded, so that the same participants give the same
//! seating. Each table has a link with a random token of 128 bits,
//! in the query string (paths are logged), compared in constant time; writes through it are
//! throttled per address and per table, and stop once the café has ended or its synthesis is
//! published.

use crate::error::AppError;
use crate::events as event_rules;
use crate::state::AppState;
use essaim_domain::cafe::{
    self as domain, HarvestItem, Layout, LiveAction, LiveState, ParticipantInput, SettingsInput,
};
use essaim_domain::events::Kind;
use essaim_domain::invalid::{FieldErrors, Invalid};
use essaim_domain::planner::{self, Budget, Instance, Person as PlanPerson, Schedule};
use essaim_store::cafe::{Cafe, CafeSettings, NewParticipant, Participant, Seat};
use essaim_store::events::EventRow;
use essaim_store::{utc_now, Person, StoreError};
use std::collections::HashMap;
use std::time::Duration;
use uuid::Uuid;

/// The planner's budget for a café: a couple of seconds at most, and an iteration cap so
/// that small cafés give the same seating on any machine.
pub const PLAN_BUDGET: Budget = Budget {
    max_iterations: 2_000_000,
    time_limit: Some(Duration::from_secs(2)),
};

/// Writes through a table's link, per address and per hour.
pub const HARVEST_PER_ADDRESS: crate::throttle::Limit = crate::throttle::Limit {
    name: "cafe:harvest:ip",
    max: 120,
    window: chrono::Duration::hours(1),
};

/// Writes of a table's harvest, per table and per hour (its link may be shared).
pub const HARVEST_PER_TABLE: crate::throttle::Limit = crate::throttle::Limit {
    name: "cafe:harvest:table",
    max: 60,
    window: chrono::Duration::hours(1),
};

/// Organiser writes (settings, participants, plans, moves, live), per person and per hour.
pub const WRITES_PER_PERSON: crate::throttle::Limit = crate::throttle::Limit {
    name: "cafe:write",
    max: 600,
    window: chrono::Duration::hours(1),
};

/// Plans a person may compute per hour: each takes up to `PLAN_BUDGET` of a core.
pub const PLANS_PER_PERSON: crate::throttle::Limit = crate::throttle::Limit {
    name: "cafe:plan",
    max: 30,
    window: chrono::Duration::hours(1),
};

/// The event if it is a World Café; 404 otherwise.
pub async fn find_event(state: &AppState, id: Uuid) -> Result<EventRow, AppError> {
    let e = event_rules::find(state, id).await?;
    if Kind::parse(&e.kind) == Some(Kind::WorldCafe) {
        Ok(e)
    } else {
        Err(AppError::NotFound)
    }
}

/// The World Café event if this person manages it; 404 otherwise.
pub async fn managed(state: &AppState, id: Uuid, person: &Person) -> Result<EventRow, AppError> {
    let e = find_event(state, id).await?;
    if event_rules::can_manage(state, &e, person).await? {
        Ok(e)
    } else {
        Err(AppError::NotFound)
    }
}

/// An organiser write, counted against the person's hourly budget.
pub async fn throttle_write(state: &AppState, person: &Person) -> Result<(), AppError> {
    crate::throttle::check(state, WRITES_PER_PERSON, &person.id.to_string()).await
}

/// The café of the event; 404 before its settings are saved.
pub async fn cafe_of(state: &AppState, event_id: Uuid) -> Result<Cafe, AppError> {
    state.store.cafe(event_id).await?.ok_or(AppError::NotFound)
}

pub fn layout_of(cafe: &Cafe) -> Layout {
    Layout::from_parts(&cafe.row.layout, cafe.row.layout_value.max(0) as usize)
        .unwrap_or(Layout::Size(cafe.row.layout_value.max(2) as usize))
}

/// The form's values of saved settings.
pub fn settings_input(cafe: &Cafe) -> SettingsInput {
    let layout = layout_of(cafe);
    SettingsInput {
        questions: domain::questions_text(&cafe.questions),
        layout: layout.kind().to_owned(),
        tables: match layout {
            Layout::Tables(n) => n.to_string(),
            Layout::Size(_) => String::new(),
        },
        table_size: match layout {
            Layout::Size(n) => n.to_string(),
            Layout::Tables(_) => String::new(),
        },
        rounds: cafe.row.rounds.to_string(),
        minutes: cafe.row.round_minutes.to_string(),
    }
}

pub async fn save_settings(
    state: &AppState,
    event: &EventRow,
    person: &Person,
    input: &SettingsInput,
) -> Result<Cafe, Failure> {
    let v = domain::validate_settings(input).map_err(Failure::Invalid)?;
    throttle_write(state, person).await?;
    Ok(state
        .store
        .put_cafe(
            event.id,
            &CafeSettings {
                layout: v.layout.kind().to_owned(),
                layout_value: v.layout.value() as i64,
                rounds: v.rounds as i64,
                round_minutes: i64::from(v.minutes),
                questions: v.questions,
            },
            utc_now(),
        )
        .await?)
}

/// Why a write was refused.
pub enum Failure {
    Invalid(FieldErrors),
    App(AppError),
}

impl<E: Into<AppError>> From<E> for Failure {
    fn from(e: E) -> Self {
        Failure::App(e.into())
    }
}

impl Failure {
    /// For the API: field errors become 422 with their codes.
    pub fn into_app(self) -> AppError {
        match self {
            Failure::Invalid(f) => AppError::Invalid(f),
            Failure::App(e) => e,
        }
    }
}

/// The participants as stored: pages that only show them write nothing.
pub async fn participants(
    state: &AppState,
    event: &EventRow,
) -> Result<Vec<Participant>, AppError> {
    Ok(state.store.cafe_participants(event.id).await?)
}

/// Brings the confirmed registrants in and takes out those who cancelled (or whose account
/// was erased). Only on writes (adding someone, planning, the participants page's button),
/// never on a GET.
pub async fn sync_registrants(state: &AppState, event: &EventRow) -> Result<u64, AppError> {
    Ok(state
        .store
        .cafe_sync_registrants(event.id, utc_now())
        .await?)
}

/// Adds someone by name (no account).
pub async fn add_participant(
    state: &AppState,
    event: &EventRow,
    person: &Person,
    input: &ParticipantInput,
) -> Result<Participant, Failure> {
    let v = domain::validate_participant(input, true).map_err(Failure::Invalid)?;
    throttle_write(state, person).await?;
    sync_registrants(state, event).await?;
    Ok(state
        .store
        .cafe_add_participant(&NewParticipant {
            id: Uuid::now_v7(),
            event_id: event.id,
            person_id: None,
            name: v.name,
            sector: v.sector,
            structure: v.structure,
            host_table: v.host_table.map(|t| t as i64),
            created_at: utc_now(),
        })
        .await?)
}

/// Rewrites a participant's attributes (and the name of someone added by name).
pub async fn update_participant(
    state: &AppState,
    event: &EventRow,
    person: &Person,
    id: Uuid,
    input: &ParticipantInput,
) -> Result<Participant, Failure> {
    let current = state
        .store
        .cafe_participants(event.id)
        .await?
        .into_iter()
        .find(|p| p.id == id)
        .ok_or(AppError::NotFound)?;
    let by_name = current.person_id.is_none();
    let v = domain::validate_participant(input, by_name).map_err(Failure::Invalid)?;
    throttle_write(state, person).await?;
    Ok(state
        .store
        .cafe_update_participant(
            event.id,
            id,
            by_name.then_some(v.name.as_str()),
            v.sector.as_deref(),
            v.structure.as_deref(),
            v.host_table.map(|t| t as i64),
        )
        .await?)
}

/// The seed of an event's plans: fixed per event, so that a plan can be reproduced.
pub fn seed_of(event_id: Uuid) -> u64 {
    let b = event_id.as_bytes();
    u64::from_le_bytes([b[8], b[9], b[10], b[11], b[12], b[13], b[14], b[15]])
}

/// The planner's people for these participants (in their order).
fn plan_people(participants: &[Participant]) -> Vec<PlanPerson> {
    participants
        .iter()
        .map(|p| {
            let mut attributes = vec![];
            if let Some(s) = &p.sector {
                attributes.push(("sector".to_owned(), s.clone()));
            }
            PlanPerson {
                id: p.id.to_string(),
                structure: p.structure.clone(),
                host_table: p.host_table.and_then(|t| usize::try_from(t - 1).ok()),
                attributes,
            }
        })
        .collect()
}

/// What a plan gives: the report of the seating stored.
pub struct Planned {
    pub report: planner::Report,
    pub tables: usize,
    pub seed: u64,
}

/// Plans the rotation and replaces the seating. A refusal is a message id of the planner's
/// errors (`Conflict`, 422 on pages).
pub async fn plan(
    state: &AppState,
    event: &EventRow,
    cafe: &Cafe,
    person: &Person,
) -> Result<Planned, AppError> {
    throttle_write(state, person).await?;
    crate::throttle::check(state, PLANS_PER_PERSON, &person.id.to_string()).await?;
    sync_registrants(state, event).await?;
    let people = participants(state, event).await?;
    let layout = layout_of(cafe);
    let rounds = cafe.row.rounds.max(0) as usize;
    let instance = layout
        .instance(plan_people(&people), rounds)
        .map_err(|e| AppError::Unprocessable(domain::plan_error_code(layout, &e)))?;
    let seed = seed_of(event.id);
    // Shared slots with the other planner runs, so that a few plans at once leave the other
    // requests a core.
    let plan = crate::planner_slots::run(move || planner::plan(&instance, PLAN_BUDGET, seed)).await;
    let seats: Vec<Seat> = plan
        .schedule
        .rounds
        .iter()
        .enumerate()
        .flat_map(|(r, tables)| {
            let people = &people;
            tables.iter().enumerate().flat_map(move |(t, members)| {
                members.iter().map(move |&i| Seat {
                    round: r as i64 + 1,
                    table_no: t as i64 + 1,
                    participant_id: people[i].id,
                })
            })
        })
        .collect();
    let tables = plan.schedule.rounds.first().map_or(0, Vec::len);
    let tokens: Vec<(i64, String)> = (1..=tables as i64)
        .map(|t| (t, crate::auth::random_secret()))
        .collect();
    // Someone removed while the planner ran: refused, to be planned again.
    match state
        .store
        .cafe_save_plan(event.id, seed as i64, &seats, &tokens, utc_now())
        .await
    {
        Ok(_) => {}
        Err(StoreError::Conflict(c)) => return Err(AppError::Conflict(c)),
        Err(e) => return Err(e.into()),
    }
    Ok(Planned {
        report: plan.report,
        tables,
        seed,
    })
}

/// The stored seating: `rounds[r][t]` lists the participants at table t+1 in round r+1.
pub struct Seating {
    pub participants: Vec<Participant>,
    pub rounds: Vec<Vec<Vec<Participant>>>,
    pub report: Option<planner::Report>,
}

impl Seating {
    pub fn is_empty(&self) -> bool {
        self.rounds.iter().all(|r| r.is_empty())
    }

    pub fn tables(&self) -> usize {
        self.rounds.iter().map(Vec::len).max().unwrap_or(0)
    }

    /// A person's table in each round (0 when not seated).
    pub fn itinerary(&self, participant: Uuid) -> Vec<usize> {
        self.rounds
            .iter()
            .map(|tables| {
                tables
                    .iter()
                    .position(|t| t.iter().any(|p| p.id == participant))
                    .map_or(0, |t| t + 1)
            })
            .collect()
    }

    /// The hosts of a table (1-based).
    pub fn hosts(&self, table: usize) -> Vec<&Participant> {
        self.participants
            .iter()
            .filter(|p| p.host_table == Some(table as i64))
            .collect()
    }
}

/// The seating as stored, with its report recomputed (`planner::evaluate`) so that hand moves
/// show their effect.
pub async fn seating(state: &AppState, event: &EventRow, cafe: &Cafe) -> Result<Seating, AppError> {
    let participants = state.store.cafe_participants(event.id).await?;
    let seats = state.store.cafe_seats(event.id).await?;
    let rounds_n = cafe.row.rounds.max(0) as usize;
    let tables_n = seats.iter().map(|s| s.table_no).max().unwrap_or(0).max(0) as usize;
    let by_id: HashMap<Uuid, &Participant> = participants.iter().map(|p| (p.id, p)).collect();
    let mut rounds: Vec<Vec<Vec<Participant>>> = if seats.is_empty() {
        vec![Vec::new(); rounds_n]
    } else {
        vec![vec![Vec::new(); tables_n]; rounds_n]
    };
    for s in &seats {
        let (Some(round), Some(p)) = (
            usize::try_from(s.round - 1)
                .ok()
                .and_then(|r| rounds.get_mut(r)),
            by_id.get(&s.participant_id),
        ) else {
            continue;
        };
        if let Some(table) = usize::try_from(s.table_no - 1)
            .ok()
            .and_then(|t| round.get_mut(t))
        {
            table.push((*p).clone());
        }
    }
    let report = if seats.is_empty() {
        None
    } else {
        evaluate(&participants, &rounds)
    };
    Ok(Seating {
        participants,
        rounds,
        report,
    })
}

/// The report of a seating: the seated people only, so that someone added since the plan
/// does not change it.
fn evaluate(
    participants: &[Participant],
    rounds: &[Vec<Vec<Participant>>],
) -> Option<planner::Report> {
    let seated: Vec<&Participant> = participants
        .iter()
        .filter(|p| rounds.iter().flatten().flatten().any(|q| q.id == p.id))
        .collect();
    let index: HashMap<Uuid, usize> = seated.iter().enumerate().map(|(i, p)| (p.id, i)).collect();
    let largest = rounds.iter().flatten().map(Vec::len).max().unwrap_or(0);
    let people: Vec<Participant> = seated.iter().map(|p| (*p).clone()).collect();
    let mut plan_people = plan_people(&people);
    // Hand moves may have moved a host; the report counts meetings, not pins.
    for p in &mut plan_people {
        p.host_table = None;
    }
    let instance = Instance::new(plan_people, largest.max(2), rounds.len().max(1)).ok()?;
    let schedule = Schedule {
        rounds: rounds
            .iter()
            .map(|tables| {
                tables
                    .iter()
                    .map(|t| t.iter().filter_map(|p| index.get(&p.id).copied()).collect())
                    .collect()
            })
            .collect(),
    };
    Some(planner::evaluate(&instance, &schedule))
}

/// Moves a person to another table of a round, or swaps them with someone of that round.
pub async fn adjust(
    state: &AppState,
    event: &EventRow,
    cafe: &Cafe,
    person: &Person,
    round: i64,
    who: Uuid,
    target: Adjust,
) -> Result<(), AppError> {
    let seating = seating(state, event, cafe).await?;
    let r = usize::try_from(round - 1)
        .ok()
        .and_then(|r| seating.rounds.get(r))
        .ok_or(AppError::Unprocessable("cafe_no_such_round"))?;
    let table_of = |id: Uuid| r.iter().position(|t| t.iter().any(|p| p.id == id));
    let from = table_of(who).ok_or(AppError::Unprocessable("cafe_not_at_table"))?;
    let moves = match target {
        Adjust::Move(to) => {
            let sizes: Vec<usize> = r.iter().map(Vec::len).collect();
            let to = to
                .checked_sub(1)
                .ok_or(AppError::Unprocessable("cafe_no_such_table"))?;
            domain::check_move(&sizes, from, to).map_err(|e| AppError::Unprocessable(e.code))?;
            vec![(who, to as i64 + 1)]
        }
        Adjust::Swap(other) => {
            let to = table_of(other).ok_or(AppError::Unprocessable("cafe_not_at_table"))?;
            vec![(who, to as i64 + 1), (other, from as i64 + 1)]
        }
    };
    throttle_write(state, person).await?;
    match state.store.cafe_move_seats(event.id, round, &moves).await {
        Ok(()) => Ok(()),
        Err(StoreError::Conflict(c)) => Err(AppError::Conflict(c)),
        Err(e) => Err(e.into()),
    }
}

pub enum Adjust {
    /// To a 1-based table.
    Move(usize),
    Swap(Uuid),
}

/// Starts, moves to the next round, or ends the café.
pub async fn live(
    state: &AppState,
    cafe: &Cafe,
    person: &Person,
    action: LiveAction,
) -> Result<Cafe, AppError> {
    let current = LiveState {
        round: cafe.row.current_round.max(0) as usize,
        ended: cafe.row.ended_at.is_some(),
    };
    let next = domain::live_step(current, action, cafe.row.rounds.max(0) as usize)
        .map_err(|e| AppError::Conflict(e.code))?;
    throttle_write(state, person).await?;
    match state
        .store
        .cafe_set_live(
            cafe.row.event_id,
            cafe.row.current_round,
            next.round as i64,
            next.ended,
            utc_now(),
        )
        .await
    {
        Ok(c) => Ok(c),
        Err(StoreError::Conflict(c)) => Err(AppError::Conflict(c)),
        Err(e) => Err(e.into()),
    }
}

/// Seconds left in the current round (None before the start or after the end).
pub fn remaining(cafe: &Cafe) -> Option<i64> {
    if cafe.row.ended_at.is_some() || cafe.row.current_round == 0 {
        return None;
    }
    let started = cafe.row.round_started_at?;
    Some(domain::remaining_seconds(
        started,
        cafe.row
            .round_minutes
            .clamp(0, i64::from(domain::MAX_MINUTES)) as u32,
        utc_now(),
    ))
}

/// Whether `token` opens table `table` of the café (constant-time comparison).
pub async fn token_opens(
    state: &AppState,
    event_id: Uuid,
    table: i64,
    token: &str,
) -> Result<bool, AppError> {
    let tables = state.store.cafe_tables(event_id).await?;
    Ok(tables
        .iter()
        .find(|(t, _)| *t == table)
        .is_some_and(|(_, expected)| constant_time_eq(token.as_bytes(), expected.as_bytes())))
}

fn constant_time_eq(a: &[u8], b: &[u8]) -> bool {
    a.len() == b.len() && a.iter().zip(b).fold(0u8, |acc, (x, y)| acc | (x ^ y)) == 0
}

/// Whether a table's link still writes: the link is printed on the sheet left in the room,
/// so it stops once the café has ended or its synthesis is published (organisers still can).
pub fn link_open(cafe: &Cafe) -> bool {
    cafe.row.ended_at.is_none() && cafe.row.published_at.is_none()
}

/// Who writes a harvest: a signed-in organiser, or the holder of a table's link (throttled
/// per address and per table).
pub enum Writer<'a> {
    Organiser(&'a Person),
    Link { address: &'a str },
}

/// Writes a table's harvest of a round.
pub async fn write_harvest(
    state: &AppState,
    cafe: &Cafe,
    round: i64,
    table: i64,
    body: &str,
    writer: Writer<'_>,
) -> Result<(), Failure> {
    if matches!(writer, Writer::Link { .. }) && !link_open(cafe) {
        return Err(Failure::App(AppError::Conflict("cafe_link_closed")));
    }
    let mut errors = FieldErrors::new();
    let tables = state.store.cafe_tables(cafe.row.event_id).await?.len() as i64;
    if round < 1 || round > cafe.row.rounds {
        errors.add("round", Invalid::new("cafe_no_such_round"));
    }
    if table < 1 || table > tables {
        errors.add("table", Invalid::new("cafe_no_such_table"));
    }
    let body = errors.check("body", domain::validate_harvest(body));
    let Some(body) = body.filter(|_| errors.is_empty()) else {
        return Err(Failure::Invalid(errors));
    };
    let by = match writer {
        Writer::Organiser(p) => {
            throttle_write(state, p).await?;
            Some(p.id)
        }
        Writer::Link { address } => {
            crate::throttle::check(state, HARVEST_PER_ADDRESS, address).await?;
            crate::throttle::check(
                state,
                HARVEST_PER_TABLE,
                &format!("{}:{table}", cafe.row.event_id),
            )
            .await?;
            None
        }
    };
    // The settings may have changed since they were read: the store's refusal is a conflict.
    match state
        .store
        .cafe_put_harvest(cafe.row.event_id, round, table, &body, by, utc_now())
        .await
    {
        Ok(_) => Ok(()),
        Err(StoreError::Conflict(c)) => Err(Failure::App(AppError::Conflict(c))),
        Err(e) => Err(e.into()),
    }
}

/// The harvest gathered by question, then round and table.
pub async fn synthesis(
    state: &AppState,
    cafe: &Cafe,
) -> Result<Vec<(String, Vec<HarvestItem>)>, AppError> {
    let items: Vec<HarvestItem> = state
        .store
        .cafe_harvest(cafe.row.event_id)
        .await?
        .into_iter()
        .map(|h| HarvestItem {
            round: h.round.max(0) as usize,
            table: h.table_no.max(0) as usize,
            body: h.body,
        })
        .collect();
    Ok(domain::by_question(&cafe.questions, &items))
}

/// Whether this person may read the synthesis: everyone once published, the organisers
/// before.
pub async fn may_read_synthesis(
    state: &AppState,
    event: &EventRow,
    cafe: &Cafe,
    person: Option<&Person>,
) -> Result<bool, AppError> {
    if cafe.row.published_at.is_some() {
        return Ok(true);
    }
    match person {
        Some(p) => event_rules::can_manage(state, event, p).await,
        None => Ok(false),
    }
}

/// Publishes (or withdraws) the synthesis; recorded in the audit log, since it makes what the
/// tables wrote public.
pub async fn publish(
    state: &AppState,
    cafe: &Cafe,
    person: &Person,
    published: bool,
    ip: Option<&str>,
) -> Result<Cafe, AppError> {
    throttle_write(state, person).await?;
    let c = state
        .store
        .cafe_publish_synthesis(cafe.row.event_id, published, utc_now())
        .await?;
    crate::audit::record(
        state,
        Some(person.id),
        if published {
            "cafe_synthesis_published"
        } else {
            "cafe_synthesis_withdrawn"
        },
        format!("event:{}", cafe.row.event_id),
        ip,
        String::new(),
    )
    .await?;
    Ok(c)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tokens_compare_whole() {
        assert!(constant_time_eq(b"abc", b"abc"));
        assert!(!constant_time_eq(b"abc", b"abd"));
        assert!(!constant_time_eq(b"abc", b"abcd"));
        assert!(!constant_time_eq(b"", b"a"));
    }
}
