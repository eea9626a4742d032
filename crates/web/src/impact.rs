//! Impact measurement: the rules shared by pages and API.
//!
//! Who may do what: anyone reads the published catalogue; anyone signed in (e-mail confirmed)
//! proposes an indicator, which its author, moderators and admins see until moderators or
//! admins publish or reject it (audited). An initiative's impact plan and measurements are as
//! visible as the initiative (a draft's are for its editors: 404 to others); its editors
//! (`pages::initiatives::can_edit`) add and remove indicators, record, edit and supersede
//! measurements. A person acting under a current evaluator label (`network::person_holds_label`)
//! verifies a measurement (audited), unless they have a conflict of interest: they edit the
//! initiative, or belong to a structure linked to it (carrier, partner or any other role), or
//! recorded the measurement themselves (403). A verified measurement is never edited (409),
//! only superseded by a new one, which leaves it in place, marked.

use crate::error::AppError;
use crate::pages::initiatives::{can_edit, find_editable, find_visible};
use crate::state::AppState;
use essaim_domain::impact::{
    self, IndicatorInput, MeasurementInput, Plan, PlanInput, Rules, ValidMeasurement,
};
use essaim_domain::invalid::{FieldErrors, Invalid};
use essaim_domain::network::LabelKind;
use essaim_domain::person::PlatformRole;
use essaim_store::impact::{
    Indicator, IndicatorFilter, Measurement, MeasurementPatch, NewIndicator, NewMeasurement,
    NewPlanEntry, PlanEntry,
};
use essaim_store::{utc_now, Initiative, Person, StoreError};
use uuid::Uuid;

/// Proposals a person may make per day: each one lands in the moderators' queue.
pub const PROPOSALS_PER_PERSON: crate::throttle::Limit = crate::throttle::Limit {
    name: "impact:propose",
    max: 10,
    window: chrono::Duration::hours(24),
};

/// Why a write was not done: field errors (forms re-render, the API answers 422) or an error.
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
    pub fn into_app(self) -> AppError {
        match self {
            Failure::Invalid(e) => AppError::Invalid(e),
            Failure::App(e) => e,
        }
    }
}

fn invalid(field: &'static str, code: &'static str) -> Failure {
    let mut e = FieldErrors::new();
    e.add(field, Invalid::new(code));
    Failure::Invalid(e)
}

/// Today in Paris: the date people type.
pub fn today() -> chrono::NaiveDate {
    essaim_domain::deliberation::conversation::to_paris(utc_now()).date()
}

pub fn is_moderator(person: &Person) -> bool {
    person.is_admin() || person.has_role(PlatformRole::Moderator)
}

pub fn rules_of_indicator(i: &Indicator) -> Result<Rules, AppError> {
    Rules::parse(&i.unit, &i.value_type, &i.direction)
        .ok_or_else(|| StoreError::Corrupt(format!("indicator {}", i.code)).into())
}

pub fn rules_of_entry(e: &PlanEntry) -> Result<Rules, AppError> {
    Rules::parse(&e.unit, &e.value_type, &e.direction)
        .ok_or_else(|| StoreError::Corrupt(format!("plan entry {}", e.id)).into())
}

pub fn plan_of(e: &PlanEntry) -> Result<Plan, AppError> {
    Ok(essaim_store::impact::plan_of(
        &e.direction,
        e.baseline_value,
        &e.baseline_on,
        e.target_value,
        &e.target_on,
    )?)
}

/// An indicator as this visitor may see it: published ones for everyone; a proposal or a
/// rejected one for its author, moderators and admins (404 to others).
pub async fn readable_indicator(
    state: &AppState,
    code: &str,
    person: Option<&Person>,
) -> Result<Indicator, AppError> {
    let i = state
        .store
        .indicator_by_code(code)
        .await?
        .ok_or(AppError::NotFound)?;
    if i.status == "published" {
        return Ok(i);
    }
    match person {
        Some(p) if is_moderator(p) || i.proposed_by == Some(p.id) => Ok(i),
        _ => Err(AppError::NotFound),
    }
}

/// The catalogue as a visitor sees it: published indicators, plus, for moderators, the
/// proposals waiting (when `with_proposals`).
pub async fn catalogue(
    state: &AppState,
    query: &str,
    challenge: Option<String>,
    public: Option<String>,
    unit: Option<String>,
) -> Result<Vec<Indicator>, AppError> {
    Ok(state
        .store
        .list_indicators(&IndicatorFilter {
            statuses: vec!["published".into()],
            words: impact::search_words(query),
            challenge: challenge.filter(|c| !c.is_empty()),
            public: public.filter(|p| !p.is_empty()),
            unit: unit.filter(|u| !u.is_empty()),
            proposed_by: None,
        })
        .await?)
}

/// Records a proposal of a new indicator.
pub async fn propose(
    state: &AppState,
    person: &Person,
    input: &IndicatorInput,
    ip: Option<&str>,
) -> Result<Indicator, Failure> {
    let known = crate::pages::names::challenge_codes(state).await?;
    let v = impact::validate_indicator(input, &known).map_err(Failure::Invalid)?;
    crate::throttle::check(state, PROPOSALS_PER_PERSON, &person.id.to_string()).await?;
    let new = NewIndicator {
        id: Uuid::now_v7(),
        search_text: impact::search_text(&[
            &v.name_fr,
            &v.name_en,
            &v.definition_fr,
            &v.definition_en,
            &v.problem_fr,
            &v.problem_en,
        ]),
        code: v.code,
        name_fr: v.name_fr,
        name_en: v.name_en,
        definition_fr: v.definition_fr,
        definition_en: v.definition_en,
        unit: v.rules.unit.as_str().into(),
        value_type: v.rules.value_type.as_str().into(),
        direction: v.rules.direction.as_str().into(),
        problem_fr: v.problem_fr,
        problem_en: v.problem_en,
        calculation_notes: v.calculation_notes,
        calculation_notes_en: v.calculation_notes_en,
        framework_ref: v.framework_ref,
        counts_people: v.counts_people,
        status: "proposed".into(),
        proposed_by: Some(person.id),
        challenges: v.challenges,
        publics: v.publics,
        created_at: utc_now(),
    };
    let created = match state.store.create_indicator(&new).await {
        Ok(i) => i,
        Err(StoreError::AlreadyExists) => return Err(invalid("name_fr", "impact_code_taken")),
        Err(StoreError::NotFound) => return Err(invalid("challenges", "impact_challenge_unknown")),
        Err(e) => return Err(e.into()),
    };
    crate::audit::record(
        state,
        Some(person.id),
        "impact_indicator_proposed",
        format!("indicator:{}", created.code),
        ip,
        String::new(),
    )
    .await?;
    Ok(created)
}

/// Publishes (`publish`) or rejects a proposal: moderators and admins only (403), once (409).
pub async fn decide(
    state: &AppState,
    person: &Person,
    indicator: &Indicator,
    publish: bool,
    ip: Option<&str>,
) -> Result<Indicator, AppError> {
    if !is_moderator(person) {
        return Err(AppError::Forbidden);
    }
    let status = if publish { "published" } else { "rejected" };
    let decided = state
        .store
        .decide_indicator(indicator.id, status, person.id, utc_now())
        .await
        .map_err(conflict)?;
    crate::audit::record(
        state,
        Some(person.id),
        if publish {
            "impact_indicator_published"
        } else {
            "impact_indicator_rejected"
        },
        format!("indicator:{}", indicator.code),
        ip,
        String::new(),
    )
    .await?;
    Ok(decided)
}

fn conflict(e: StoreError) -> AppError {
    match e {
        StoreError::Conflict(c) => AppError::Conflict(c),
        e => e.into(),
    }
}

/// The initiative and whether this visitor edits it; 404 for a draft to others.
pub async fn initiative_for(
    state: &AppState,
    id: Uuid,
    person: Option<&Person>,
) -> Result<(Initiative, bool), AppError> {
    let i = find_visible(state, id, person).await?;
    let editor = match person {
        Some(p) => can_edit(state, &i, p).await?,
        None => false,
    };
    Ok((i, editor))
}

/// The entry of this initiative (404 when it belongs to another).
pub async fn entry_of(
    state: &AppState,
    initiative: &Initiative,
    entry: Uuid,
) -> Result<PlanEntry, AppError> {
    state
        .store
        .plan_entry(entry)
        .await?
        .filter(|e| e.initiative_id == initiative.id)
        .ok_or(AppError::NotFound)
}

/// The measurement of this entry (404 when it belongs to another).
pub async fn measurement_of(
    state: &AppState,
    entry: &PlanEntry,
    id: Uuid,
) -> Result<Measurement, AppError> {
    state
        .store
        .measurement(id)
        .await?
        .filter(|m| m.entry_id == entry.id)
        .ok_or(AppError::NotFound)
}

/// The initiative's entry and measurement from a measurement id alone (the API's
/// `/measurements/{id}`), as visible to this visitor.
pub async fn locate_measurement(
    state: &AppState,
    id: Uuid,
    person: Option<&Person>,
) -> Result<(Initiative, bool, PlanEntry, Measurement), AppError> {
    let m = state
        .store
        .measurement(id)
        .await?
        .ok_or(AppError::NotFound)?;
    let e = state
        .store
        .plan_entry(m.entry_id)
        .await?
        .ok_or(AppError::NotFound)?;
    let (i, editor) = initiative_for(state, e.initiative_id, person).await?;
    Ok((i, editor, e, m))
}

/// Adds a published indicator to the plan of an initiative this person edits.
pub async fn add_entry(
    state: &AppState,
    person: &Person,
    initiative: Uuid,
    indicator_code: &str,
    input: &PlanInput,
) -> Result<PlanEntry, Failure> {
    let i = find_editable(state, initiative, person).await?;
    let indicator = state
        .store
        .indicator_by_code(indicator_code.trim())
        .await?
        .filter(|i| i.status == "published");
    let Some(indicator) = indicator else {
        return Err(invalid("indicator", "impact_indicator_unknown"));
    };
    let plan =
        impact::validate_plan(input, rules_of_indicator(&indicator)?).map_err(Failure::Invalid)?;
    match state
        .store
        .add_plan_entry(&NewPlanEntry {
            id: Uuid::now_v7(),
            initiative_id: i.id,
            indicator_id: indicator.id,
            baseline_value: plan.baseline_value,
            baseline_on: impact::format_date(plan.baseline_on),
            target_value: plan.target_value,
            target_on: impact::format_date(plan.target_on),
            created_by: person.id,
            created_at: utc_now(),
        })
        .await
    {
        Ok(e) => Ok(e),
        Err(StoreError::AlreadyExists) => {
            Err(invalid("indicator", "impact_indicator_already_in_plan"))
        }
        Err(e) => Err(e.into()),
    }
}

/// Removes an entry from the plan (409 when one of its measurements is verified).
pub async fn remove_entry(
    state: &AppState,
    person: &Person,
    initiative: Uuid,
    entry: Uuid,
) -> Result<(), AppError> {
    let i = find_editable(state, initiative, person).await?;
    let e = entry_of(state, &i, entry).await?;
    state
        .store
        .remove_plan_entry(e.id)
        .await
        .map_err(conflict)?;
    Ok(())
}

fn checked(entry: &PlanEntry, input: &MeasurementInput) -> Result<ValidMeasurement, Failure> {
    let plan = plan_of(entry)?;
    impact::validate_measurement(input, rules_of_entry(entry)?, plan.baseline_on, today())
        .map_err(Failure::Invalid)
}

fn new_measurement(entry: &PlanEntry, person: &Person, v: ValidMeasurement) -> NewMeasurement {
    NewMeasurement {
        id: Uuid::now_v7(),
        entry_id: entry.id,
        value: v.value,
        period_start: impact::format_date(v.period_start),
        period_end: impact::format_date(v.period_end),
        source: v.source,
        method: v.method,
        evidence_level: v.evidence_level,
        created_by: person.id,
        created_at: utc_now(),
    }
}

/// Records a measurement, or (with `supersedes`) the one that replaces a current measurement
/// of the same entry. Editors only.
pub async fn record(
    state: &AppState,
    person: &Person,
    initiative: &Initiative,
    entry: &PlanEntry,
    input: &MeasurementInput,
    supersedes: Option<Uuid>,
) -> Result<Measurement, Failure> {
    if !can_edit(state, initiative, person).await? {
        return Err(AppError::Forbidden.into());
    }
    let v = checked(entry, input)?;
    let new = new_measurement(entry, person, v);
    let m = match supersedes {
        None => state.store.add_measurement(&new).await?,
        Some(old) => {
            let old = measurement_of(state, entry, old).await?;
            state
                .store
                .supersede_measurement(old.id, &new)
                .await
                .map_err(conflict)?
        }
    };
    Ok(m)
}

/// Corrects an unverified, current measurement (409 once verified or superseded).
pub async fn edit(
    state: &AppState,
    person: &Person,
    initiative: &Initiative,
    entry: &PlanEntry,
    measurement: &Measurement,
    input: &MeasurementInput,
) -> Result<Measurement, Failure> {
    if !can_edit(state, initiative, person).await? {
        return Err(AppError::Forbidden.into());
    }
    if measurement.verified_at.is_some() {
        return Err(AppError::Conflict("impact_measurement_verified").into());
    }
    if measurement.superseded_by.is_some() {
        return Err(AppError::Conflict("impact_measurement_superseded").into());
    }
    let v = checked(entry, input)?;
    Ok(state
        .store
        .edit_measurement(
            measurement.id,
            &MeasurementPatch {
                value: v.value,
                period_start: impact::format_date(v.period_start),
                period_end: impact::format_date(v.period_end),
                source: v.source,
                method: v.method,
                evidence_level: v.evidence_level,
            },
        )
        .await
        .map_err(conflict)?)
}

/// Whether this person may verify measurements of this initiative: a current evaluator label
/// and no conflict of interest (see the module's documentation). The measurement's own author
/// is checked by `verify`.
pub async fn can_verify(
    state: &AppState,
    initiative: &Initiative,
    person: &Person,
) -> Result<bool, AppError> {
    if !crate::network::person_holds_label(
        state.store.as_ref(),
        person.id,
        LabelKind::Evaluator,
        utc_now(),
    )
    .await?
    {
        return Ok(false);
    }
    if can_edit(state, initiative, person).await? {
        return Ok(false);
    }
    for (structure, _role) in &initiative.content.structures {
        if state
            .store
            .membership(*structure, person.id)
            .await?
            .is_some()
        {
            return Ok(false);
        }
    }
    Ok(true)
}

/// Verifies a current measurement: 403 without the label or with a conflict of interest, 409
/// when it is already verified or superseded, 422 for a note too long.
pub async fn verify(
    state: &AppState,
    person: &Person,
    initiative: &Initiative,
    measurement: &Measurement,
    note: &str,
    ip: Option<&str>,
) -> Result<Measurement, AppError> {
    if !can_verify(state, initiative, person).await? || measurement.created_by == Some(person.id) {
        return Err(AppError::Forbidden);
    }
    let note = impact::validate_note(note).map_err(|i| AppError::Unprocessable(i.code))?;
    let verified = state
        .store
        .verify_measurement(measurement.id, person.id, utc_now(), &note)
        .await
        .map_err(conflict)?;
    crate::audit::record(
        state,
        Some(person.id),
        "impact_measurement_verified",
        format!("measurement:{}", measurement.id),
        ip,
        format!("initiative:{}", initiative.id),
    )
    .await?;
    Ok(verified)
}
