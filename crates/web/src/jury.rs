//! The hackathon jury and the incubation of winners: the rules shared by pages and API.
//!
//! Who may do what:
//! - the organisers of the hackathon (`events::can_manage`) set the criteria, name the jurors,
//!   see the ranking (with and without normalisation) before anyone else, publish it, and put
//!   teams in incubation; anybody else gets a 404 on those pages;
//! - a juror scores the teams they are not in conflict with (`domain::jury::conflict`, checked
//!   here for the message and again by the store inside the writing transaction); a person who
//!   is not a juror of the hackathon gets a 404; a team in conflict is a 409 with the reason;
//! - published results are public;
//! - an incubation is followed (read, updates written, milestones moved) by the team's members,
//!   its coach and designer, the organisers and admins; others get a 404. Organisers alone
//!   change the plan, close it and turn the solution into a draft initiative.

use crate::error::AppError;
use crate::i18n::Locale;
use crate::state::AppState;
use chrono::NaiveDate;
use essaim_domain::incubation::{self as inc, MilestoneInput};
use essaim_domain::initiative::{InitiativeInput, Status};
use essaim_domain::invalid::{FieldErrors, Invalid};
use essaim_domain::jury::{self as domain, Conflict, CriterionInput, Ranking};
use essaim_store::events::EventRow;
use essaim_store::hackathons::Team;
use essaim_store::incubation::{conflict as inc_conflict, IncubationRow, MilestoneFields};
use essaim_store::initiatives::RevisionNote;
use essaim_store::jury::{conflict, CriterionRow, NewCriterion, ScoreSheet};
use essaim_store::{utc_now, Person, StoreError};
use std::collections::BTreeMap;
use uuid::Uuid;

/// Score sheets a juror may send per hour.
pub const SCORES_PER_PERSON: crate::throttle::Limit = crate::throttle::Limit {
    name: "jury:score",
    max: 200,
    window: chrono::Duration::hours(1),
};

/// Organisers' jury and incubation writes per hour.
pub const SETUP_PER_PERSON: crate::throttle::Limit = crate::throttle::Limit {
    name: "jury:setup",
    max: 200,
    window: chrono::Duration::hours(1),
};

/// Incubation updates and milestone changes per hour.
pub const UPDATES_PER_PERSON: crate::throttle::Limit = crate::throttle::Limit {
    name: "incubation:update",
    max: 60,
    window: chrono::Duration::hours(1),
};

/// The event, if it is a hackathon; 404 otherwise.
pub async fn hackathon(state: &AppState, id: Uuid) -> Result<EventRow, AppError> {
    let e = crate::events::find(state, id).await?;
    if e.kind != "hackathon" {
        return Err(AppError::NotFound);
    }
    Ok(e)
}

/// The hackathon if this person organises it; 404 otherwise.
pub async fn organised(state: &AppState, id: Uuid, person: &Person) -> Result<EventRow, AppError> {
    let e = hackathon(state, id).await?;
    if crate::events::can_manage(state, &e, person).await? {
        Ok(e)
    } else {
        Err(AppError::NotFound)
    }
}

/// The hackathon if this person is one of its jurors; 404 otherwise.
pub async fn judged(state: &AppState, id: Uuid, person: &Person) -> Result<EventRow, AppError> {
    let e = hackathon(state, id).await?;
    if state.store.is_juror(e.id, person.id).await? {
        Ok(e)
    } else {
        Err(AppError::NotFound)
    }
}

/// "Équipe 3" or the team's name.
pub fn team_label(state: &AppState, locale: Locale, number: i64, name: &str) -> String {
    if name.trim().is_empty() {
        state.i18n.message(
            locale,
            "jury-team-number",
            &[("number", number.to_string())],
        )
    } else {
        name.trim().to_owned()
    }
}

/// A store refusal as the person sees it: a named conflict is a 409 with its message.
pub fn refused(e: StoreError) -> AppError {
    match e {
        StoreError::Conflict(code) => AppError::Conflict(code),
        e => e.into(),
    }
}

/// Adds a criterion (organisers; the caller checked).
pub async fn add_criterion(
    state: &AppState,
    event: &EventRow,
    person: &Person,
    input: &CriterionInput,
) -> Result<CriterionRow, Failure> {
    let v = domain::validate_criterion(input).map_err(Failure::Invalid)?;
    crate::throttle::check(state, SETUP_PER_PERSON, &person.id.to_string()).await?;
    state
        .store
        .add_jury_criterion(&NewCriterion {
            id: Uuid::now_v7(),
            event_id: event.id,
            name: v.name,
            description: v.description,
            weight: v.weight,
            scale_min: v.scale_min,
            scale_max: v.scale_max,
            at: utc_now(),
        })
        .await
        .map_err(|e| match e {
            // The hackathon's settings are made by the hackathons pages first.
            StoreError::NotFound => Failure::App(AppError::Conflict("jury-no-settings")),
            e => Failure::App(refused(e)),
        })
}

/// Removes a criterion (organisers; the caller checked): refused once scored or published.
pub async fn delete_criterion(
    state: &AppState,
    event: &EventRow,
    criterion: Uuid,
) -> Result<(), AppError> {
    state
        .store
        .delete_jury_criterion(event.id, criterion)
        .await
        .map_err(refused)
}

/// Names a juror by e-mail address (organisers; the caller checked). An address without an
/// account gets the same answer as one with an account (`Ok`), so the form does not tell who
/// has an account; the jury's list shows who was added.
pub async fn add_juror(
    state: &AppState,
    event: &EventRow,
    person: &Person,
    email: &str,
    ip: Option<&str>,
) -> Result<(), Failure> {
    let mut errors = FieldErrors::new();
    let Ok(address) = essaim_domain::Email::parse(email) else {
        errors.add("email", Invalid::new("jury_juror_email_invalid"));
        return Err(Failure::Invalid(errors));
    };
    crate::throttle::check(state, SETUP_PER_PERSON, &person.id.to_string()).await?;
    let Some(juror) = state.store.person_by_email(address.as_str()).await? else {
        return Ok(());
    };
    match state.store.add_juror(event.id, juror.id, utc_now()).await {
        Ok(_) => {
            crate::audit::record(
                state,
                Some(person.id),
                "jury_juror_added",
                format!("event:{}", event.id),
                ip,
                format!("person:{}", juror.id),
            )
            .await?;
            Ok(())
        }
        Err(StoreError::Conflict(conflict::ALREADY_JUROR)) => {
            errors.add("email", Invalid::new("jury_juror_already"));
            Err(Failure::Invalid(errors))
        }
        Err(StoreError::NotFound) => Err(Failure::App(AppError::Conflict("jury-no-settings"))),
        Err(e) => Err(Failure::App(e.into())),
    }
}

/// Removes a juror and their scores (organisers; the caller checked).
pub async fn remove_juror(
    state: &AppState,
    event: &EventRow,
    person: &Person,
    juror: Uuid,
    ip: Option<&str>,
) -> Result<(), AppError> {
    state
        .store
        .remove_juror(event.id, juror)
        .await
        .map_err(refused)?;
    crate::audit::record(
        state,
        Some(person.id),
        "jury_juror_removed",
        format!("event:{}", event.id),
        ip,
        format!("person:{juror}"),
    )
    .await
}

/// Publishes the results, the raw or the normalised ranking (organisers; the caller checked).
pub async fn publish(
    state: &AppState,
    event: &EventRow,
    person: &Person,
    normalised: bool,
    ip: Option<&str>,
) -> Result<(), AppError> {
    crate::throttle::check(state, SETUP_PER_PERSON, &person.id.to_string()).await?;
    state
        .store
        .publish_jury_results(event.id, normalised, person.id, utc_now())
        .await?;
    crate::audit::record(
        state,
        Some(person.id),
        "jury_results_published",
        format!("event:{}", event.id),
        ip,
        if normalised { "normalised" } else { "raw" }.to_owned(),
    )
    .await
}

/// Withdraws the published results (organisers; the caller checked).
pub async fn unpublish(
    state: &AppState,
    event: &EventRow,
    person: &Person,
    ip: Option<&str>,
) -> Result<(), AppError> {
    if state.store.unpublish_jury_results(event.id).await? {
        crate::audit::record(
            state,
            Some(person.id),
            "jury_results_withdrawn",
            format!("event:{}", event.id),
            ip,
            String::new(),
        )
        .await?;
    }
    Ok(())
}

/// Why a write did not happen: field errors (the form comes back) or an error page.
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
    /// For the API: field errors are a 422.
    pub fn into_app(self) -> AppError {
        match self {
            Failure::Invalid(f) => AppError::Invalid(f),
            Failure::App(e) => e,
        }
    }
}

/// A team as a juror sees it: its conflict with them, if any, and whether they scored it.
pub struct JurorTeam {
    pub team: Team,
    pub conflict: Option<Conflict>,
    pub scored: bool,
}

/// The hackathon's teams for this juror, by number.
pub async fn juror_teams(
    state: &AppState,
    event: &EventRow,
    juror: Uuid,
) -> Result<Vec<JurorTeam>, AppError> {
    let ties = state.store.jury_ties(event.id, juror).await?;
    let scores = state.store.jury_scores(event.id).await?;
    let teams = state.store.teams(event.id).await?;
    Ok(teams
        .into_iter()
        .map(|team| {
            let t = ties.teams.get(&team.row.id).cloned().unwrap_or_default();
            let id = team.row.id;
            JurorTeam {
                conflict: domain::conflict(juror, &ties.juror, &t),
                scored: scores
                    .iter()
                    .any(|s| s.team_id == id && s.juror_id == juror),
                team,
            }
        })
        .collect())
}

/// The reason of a conflict in words, with the structure's name.
pub async fn conflict_reason(
    state: &AppState,
    locale: Locale,
    c: &Conflict,
) -> Result<String, AppError> {
    let name = match c.structure {
        Some(s) => state
            .store
            .structure(s)
            .await?
            .map(|s| s.name)
            .unwrap_or_default(),
        None => String::new(),
    };
    Ok(state.i18n.message(
        locale,
        &format!("jury-reason-{}", c.reason.as_str()),
        &[("structure", name)],
    ))
}

/// A juror's sheet as typed: per criterion, the value and the comment.
pub type TypedSheet = BTreeMap<Uuid, (String, String)>;

/// Checks and writes a juror's scores of a team. Values outside the scale come back per
/// criterion (`Err(Ok(errors))`); a conflict or another refusal as an `AppError`
/// (`Err(Err(_))`).
pub async fn save_scores(
    state: &AppState,
    event: &EventRow,
    juror: &Person,
    team_id: Uuid,
    typed: &TypedSheet,
) -> Result<(), Result<Vec<(Uuid, Invalid)>, AppError>> {
    let criteria = state
        .store
        .jury_criteria(event.id)
        .await
        .map_err(|e| Err(e.into()))?;
    if criteria.is_empty() {
        return Err(Err(AppError::Conflict(conflict::NO_CRITERIA)));
    }
    let mut errors = vec![];
    let mut values = vec![];
    for c in &criteria {
        let (value, comment) = typed.get(&c.id).cloned().unwrap_or_default();
        match domain::parse_score(&c.rule(), &value) {
            Ok(v) => match domain::check_comment(&comment) {
                Ok(comment) => values.push((c.id, v, comment)),
                Err(e) => errors.push((c.id, e)),
            },
            Err(e) => errors.push((c.id, e)),
        }
    }
    if !errors.is_empty() {
        return Err(Ok(errors));
    }
    crate::throttle::check(state, SCORES_PER_PERSON, &juror.id.to_string())
        .await
        .map_err(Err)?;
    match state
        .store
        .save_jury_scores(&ScoreSheet {
            event_id: event.id,
            team_id,
            juror_id: juror.id,
            values,
            at: utc_now(),
        })
        .await
    {
        Ok(_) => Ok(()),
        Err(StoreError::Conflict(code)) => Err(Err(AppError::Conflict(code))),
        Err(e) => Err(Err(e.into())),
    }
}

/// The rankings of a hackathon, raw and normalised, over its teams.
pub struct Rankings {
    pub teams: Vec<Team>,
    pub raw: Ranking,
    pub normalised: Ranking,
    /// Per team and juror, the raw total (for the detail table).
    pub totals: BTreeMap<(Uuid, Uuid), f64>,
    pub jurors: Vec<(Uuid, String)>,
}

pub async fn rankings(state: &AppState, event: &EventRow) -> Result<Rankings, AppError> {
    let criteria: Vec<_> = state
        .store
        .jury_criteria(event.id)
        .await?
        .iter()
        .map(CriterionRow::rule)
        .collect();
    let scores: Vec<domain::Score> = state
        .store
        .jury_scores(event.id)
        .await?
        .into_iter()
        .map(|s| domain::Score {
            juror: s.juror_id,
            team: s.team_id,
            criterion: s.criterion_id,
            value: s.value,
        })
        .collect();
    let teams = state.store.teams(event.id).await?;
    let ids: Vec<Uuid> = teams.iter().map(|t| t.row.id).collect();
    let totals = domain::totals(&criteria, &scores);
    let normalised = domain::normalise(&totals);
    let jurors = state
        .store
        .jurors(event.id)
        .await?
        .into_iter()
        .map(|j| (j.person_id, j.person_name))
        .collect();
    Ok(Rankings {
        raw: domain::rank(&ids, &totals),
        normalised: domain::rank(&ids, &normalised),
        teams,
        totals,
        jurors,
    })
}

/// Whether this person follows the incubation (see the module's header).
pub async fn follows(
    state: &AppState,
    i: &IncubationRow,
    person: &Person,
) -> Result<bool, AppError> {
    if organises(state, i, person).await? {
        return Ok(true);
    }
    Ok(match state.store.team(i.team_id).await? {
        Some(t) => {
            t.has_member(person.id)
                || t.row.coach_id == Some(person.id)
                || t.row.designer_id == Some(person.id)
        }
        None => false,
    })
}

pub async fn organises(
    state: &AppState,
    i: &IncubationRow,
    person: &Person,
) -> Result<bool, AppError> {
    let e = crate::events::find(state, i.event_id).await?;
    crate::events::can_manage(state, &e, person).await
}

/// The incubation if this person follows it; 404 otherwise.
pub async fn followed(
    state: &AppState,
    id: Uuid,
    person: &Person,
) -> Result<IncubationRow, AppError> {
    let i = state
        .store
        .incubation(id)
        .await?
        .ok_or(AppError::NotFound)?;
    if follows(state, &i, person).await? {
        Ok(i)
    } else {
        Err(AppError::NotFound)
    }
}

/// Puts a team of the hackathon in incubation with the default plan from `starts_on`, the
/// milestones titled in the organiser's language (organisers; the caller checked).
pub async fn start(
    state: &AppState,
    locale: Locale,
    event: &EventRow,
    person: &Person,
    team_id: Uuid,
    starts_on: &str,
) -> Result<IncubationRow, Failure> {
    let mut errors = FieldErrors::new();
    let start = match NaiveDate::parse_from_str(starts_on.trim(), "%Y-%m-%d") {
        Ok(d) => d,
        Err(_) => {
            errors.add("starts_on", Invalid::new("incubation_date_invalid"));
            return Err(Failure::Invalid(errors));
        }
    };
    let team = state
        .store
        .team(team_id)
        .await?
        .filter(|t| t.row.event_id == event.id)
        .ok_or(AppError::NotFound)?;
    crate::throttle::check(state, SETUP_PER_PERSON, &person.id.to_string()).await?;
    let milestones = inc::default_plan(start)
        .into_iter()
        .map(|(key, due_on)| {
            (
                Uuid::now_v7(),
                MilestoneFields {
                    title: state.i18n.t(locale, &format!("incubation-milestone-{key}")),
                    due_on,
                    status: "todo".into(),
                },
            )
        })
        .collect();
    match state
        .store
        .start_incubation(&essaim_store::incubation::NewIncubation {
            id: Uuid::now_v7(),
            team_id: team.row.id,
            starts_on: start,
            ends_on: inc::plan_end(start, inc::DEFAULT_MONTHS),
            milestones,
            created_by: person.id,
            at: utc_now(),
        })
        .await
    {
        Ok(i) => Ok(i),
        Err(StoreError::Conflict(code)) => Err(Failure::App(AppError::Conflict(code))),
        Err(e) => Err(Failure::App(e.into())),
    }
}

/// Adds a milestone (`id` None) or rewrites one, within the plan.
pub async fn save_milestone(
    state: &AppState,
    i: &IncubationRow,
    person: &Person,
    id: Option<Uuid>,
    input: &MilestoneInput,
) -> Result<(), Failure> {
    let v = inc::validate_milestone(input, i.starts_on, i.ends_on).map_err(Failure::Invalid)?;
    crate::throttle::check(state, UPDATES_PER_PERSON, &person.id.to_string()).await?;
    let fields = MilestoneFields {
        title: v.title,
        due_on: v.due_on,
        status: v.status.as_str().to_owned(),
    };
    let r = match id {
        None => {
            state
                .store
                .add_incubation_milestone(i.id, Uuid::now_v7(), &fields, utc_now())
                .await
        }
        Some(m) => {
            state
                .store
                .update_incubation_milestone(i.id, m, &fields, utc_now())
                .await
        }
    };
    match r {
        Ok(_) => Ok(()),
        Err(StoreError::Conflict(inc_conflict::DUE_OUTSIDE_PLAN)) => {
            let mut e = FieldErrors::new();
            e.add("due_on", Invalid::new("incubation_due_outside_plan"));
            Err(Failure::Invalid(e))
        }
        Err(StoreError::Conflict(code)) => Err(Failure::App(AppError::Conflict(code))),
        Err(e) => Err(Failure::App(e.into())),
    }
}

pub async fn add_update(
    state: &AppState,
    i: &IncubationRow,
    person: &Person,
    body: &str,
) -> Result<(), Failure> {
    let body = inc::check_update(body).map_err(|e| {
        let mut f = FieldErrors::new();
        f.add("body", e);
        Failure::Invalid(f)
    })?;
    crate::throttle::check(state, UPDATES_PER_PERSON, &person.id.to_string()).await?;
    match state
        .store
        .add_incubation_update(i.id, Uuid::now_v7(), person.id, &body, utc_now())
        .await
    {
        Ok(_) => Ok(()),
        Err(StoreError::Conflict(code)) => Err(Failure::App(AppError::Conflict(code))),
        Err(e) => Err(Failure::App(e.into())),
    }
}

pub async fn close(
    state: &AppState,
    i: &IncubationRow,
    person: &Person,
    input: &inc::ClosureInput,
    ip: Option<&str>,
) -> Result<IncubationRow, Failure> {
    let (outcome, summary) = inc::validate_closure(input).map_err(Failure::Invalid)?;
    crate::throttle::check(state, SETUP_PER_PERSON, &person.id.to_string()).await?;
    match state
        .store
        .close_incubation(i.id, outcome.as_str(), &summary, utc_now())
        .await
    {
        Ok(closed) => {
            crate::audit::record(
                state,
                Some(person.id),
                "incubation_closed",
                format!("incubation:{}", closed.id),
                ip,
                outcome.as_str().to_owned(),
            )
            .await?;
            Ok(closed)
        }
        Err(StoreError::Conflict(code)) => Err(Failure::App(AppError::Conflict(code))),
        Err(e) => Err(Failure::App(e.into())),
    }
}

/// Turns the solution into a draft initiative linked to the défi: its title and pitch, the
/// défi's challenges and territory (the event's commune, then its département, when the défi
/// covers the whole country). Returns the initiative's id.
pub async fn make_initiative(
    state: &AppState,
    locale: Locale,
    i: &IncubationRow,
    person: &Person,
    ip: Option<&str>,
) -> Result<Uuid, Failure> {
    if i.initiative_id.is_some() {
        return Err(Failure::App(AppError::Conflict(
            inc_conflict::INITIATIVE_LINKED,
        )));
    }
    crate::throttle::check(state, SETUP_PER_PERSON, &person.id.to_string()).await?;
    let defi = match i.defi_id {
        Some(d) => state.store.get_defi(d).await?,
        None => None,
    };
    let event = crate::events::find(state, i.event_id).await?;
    let territory = match defi.as_ref().map(|d| d.row.territory.clone()) {
        Some(t) if !t.is_empty() => t,
        _ if !event.commune.is_empty() => event.commune.clone(),
        _ => event
            .departement
            .as_ref()
            .map(|d| format!("departement:{d}"))
            .unwrap_or_default(),
    };
    let team = team_label(state, locale, i.team_number, &i.team_name);
    let title = if i.solution_title.trim().is_empty() {
        team.clone()
    } else {
        i.solution_title.trim().to_owned()
    };
    let pitch = i.pitch.trim();
    let summary: String = if pitch.is_empty() {
        state.i18n.message(
            locale,
            "incubation-initiative-summary",
            &[("event", event.title.clone()), ("team", team.clone())],
        )
    } else {
        pitch.chars().take(280).collect()
    };
    let codes: Vec<String> = state
        .store
        .challenges()
        .await?
        .into_iter()
        .map(|c| c.code)
        .collect();
    let content = InitiativeInput {
        title,
        summary,
        description: pitch.to_owned(),
        territories: territory,
        challenges: defi.map(|d| d.challenges).unwrap_or_default(),
        stage: "idee".into(),
        ..Default::default()
    }
    .validate(state.territories, &codes)
    .map_err(Failure::Invalid)?;
    let note = RevisionNote {
        author_id: person.id,
        message: state.i18n.message(
            locale,
            "incubation-revision-note",
            &[("event", event.title.clone()), ("team", team)],
        ),
        at: utc_now(),
    };
    let made = state
        .store
        .create_initiative(Uuid::now_v7(), &content, Status::Draft, None, note)
        .await?;
    match state
        .store
        .link_incubation_initiative(i.id, made.id, utc_now())
        .await
    {
        Ok(_) => {
            crate::audit::record(
                state,
                Some(person.id),
                "incubation_initiative_made",
                format!("incubation:{}", i.id),
                ip,
                format!("initiative:{}", made.id),
            )
            .await?;
            Ok(made.id)
        }
        Err(e) => {
            // Another request linked one first: this draft is a stray, archived.
            state
                .store
                .set_initiative_status(made.id, Status::Archived, utc_now())
                .await?;
            Err(match e {
                StoreError::Conflict(code) => Failure::App(AppError::Conflict(code)),
                e => Failure::App(e.into()),
            })
        }
    }
}
