//! Impact measurement through the API: the indicator catalogue, proposals and decisions, an
//! initiative's impact plan with its measurements, recording, correcting, superseding and
//! verifying measurements. The rules are the pages' (`crate::impact`).
//!
//! Values and levels may come as JSON numbers or strings ("12,5"): both go through the same
//! checks as the forms, so "NaN", decimals for an integer indicator or a unit other than the
//! indicator's are refused with the same codes.

use super::ApiJson;
use crate::auth::{ClientIp, MaybeUser, User};
use crate::error::AppError;
use crate::impact::{self as rules, Failure};
use crate::state::AppState;
use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use axum::routing::{get, post};
use axum::{Json, Router};
use chrono::{DateTime, Utc};
use essaim_domain::impact::{IndicatorInput, MeasurementInput, PlanInput};
use essaim_store::impact::{Indicator, Measurement, PlanEntry};
use essaim_store::Person;
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};
use uuid::Uuid;

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/indicators", get(indicators).post(propose))
        .route("/indicators/{code}", get(indicator))
        .route("/indicators/{code}/decision", post(decide))
        .route("/initiatives/{id}/impact", get(plan).post(add_entry))
        .route(
            "/initiatives/{id}/impact/{entry}",
            axum::routing::delete(remove_entry),
        )
        .route(
            "/initiatives/{id}/impact/{entry}/measurements",
            post(record),
        )
        .route("/measurements/{id}", get(measurement).put(edit))
        .route("/measurements/{id}/verification", post(verify))
}

#[derive(Serialize, ToSchema)]
pub struct IndicatorOut {
    code: String,
    name_fr: String,
    name_en: String,
    definition_fr: String,
    definition_en: String,
    /// `people`, `percent`, `euros`, `hours`, `days`, `count`, `kilograms`, `tonnes_co2e`,
    /// `kwh` or `score`.
    unit: String,
    /// `integer` or `decimal`.
    value_type: String,
    /// `increase` or `decrease`: the way the indicator improves.
    direction: String,
    problem_fr: String,
    problem_en: String,
    /// How to compute the value, in French.
    calculation_notes: String,
    /// How to compute the value, in English.
    calculation_notes_en: String,
    framework_ref: Option<String>,
    counts_people: bool,
    /// `proposed`, `published` or `rejected`.
    status: String,
    challenges: Vec<String>,
    publics: Vec<String>,
}

impl From<&Indicator> for IndicatorOut {
    fn from(i: &Indicator) -> Self {
        IndicatorOut {
            code: i.code.clone(),
            name_fr: i.name_fr.clone(),
            name_en: i.name_en.clone(),
            definition_fr: i.definition_fr.clone(),
            definition_en: i.definition_en.clone(),
            unit: i.unit.clone(),
            value_type: i.value_type.clone(),
            direction: i.direction.clone(),
            problem_fr: i.problem_fr.clone(),
            problem_en: i.problem_en.clone(),
            calculation_notes: i.calculation_notes.clone(),
            calculation_notes_en: i.calculation_notes_en.clone(),
            framework_ref: i.framework_ref.clone(),
            counts_people: i.counts_people,
            status: i.status.clone(),
            challenges: i.challenges.clone(),
            publics: i.publics.clone(),
        }
    }
}

#[derive(Serialize, ToSchema)]
pub struct IndicatorList {
    items: Vec<IndicatorOut>,
}

#[derive(Deserialize, IntoParams)]
pub struct IndicatorQuery {
    /// Words, each required (accents and case ignored).
    q: Option<String>,
    /// A challenge code.
    challenge: Option<String>,
    /// A public (`jeunes`, `seniors`…).
    public: Option<String>,
    unit: Option<String>,
}

/// The published indicators, by French name.
#[utoipa::path(get, path = "/api/v1/indicators", tag = "impact", params(IndicatorQuery),
    responses((status = 200, body = IndicatorList)))]
pub async fn indicators(
    State(state): State<AppState>,
    Query(q): Query<IndicatorQuery>,
) -> Result<Json<IndicatorList>, AppError> {
    let items = rules::catalogue(
        &state,
        q.q.as_deref().unwrap_or(""),
        q.challenge,
        q.public,
        q.unit,
    )
    .await?;
    Ok(Json(IndicatorList {
        items: items.iter().map(Into::into).collect(),
    }))
}

/// One indicator (a proposal only for its author and moderators: 404 to others).
#[utoipa::path(get, path = "/api/v1/indicators/{code}", tag = "impact",
    responses((status = 200, body = IndicatorOut), (status = 404, body = super::openapi::ErrorBody)))]
pub async fn indicator(
    State(state): State<AppState>,
    MaybeUser(user): MaybeUser,
    Path(code): Path<String>,
) -> Result<Json<IndicatorOut>, AppError> {
    let person = user.as_ref().map(|u| &u.person);
    let i = rules::readable_indicator(&state, &code, person).await?;
    Ok(Json((&i).into()))
}

#[derive(Deserialize, ToSchema)]
pub struct ProposalIn {
    name_fr: String,
    name_en: String,
    definition_fr: String,
    definition_en: String,
    unit: String,
    value_type: String,
    direction: String,
    #[serde(default)]
    problem_fr: String,
    #[serde(default)]
    problem_en: String,
    /// How to compute the value, in French.
    #[serde(default)]
    calculation_notes: String,
    /// How to compute the value, in English.
    #[serde(default)]
    calculation_notes_en: String,
    #[serde(default)]
    framework_ref: String,
    #[serde(default)]
    counts_people: bool,
    challenges: Vec<String>,
    #[serde(default)]
    publics: Vec<String>,
}

/// Proposes an indicator; moderators publish or reject it.
#[utoipa::path(post, path = "/api/v1/indicators", tag = "impact", security(("bearer" = [])),
    request_body = ProposalIn,
    responses((status = 201, body = IndicatorOut), (status = 422, body = super::openapi::ErrorBody)))]
pub async fn propose(
    State(state): State<AppState>,
    user: User,
    ClientIp(ip): ClientIp,
    ApiJson(b): ApiJson<ProposalIn>,
) -> Result<(StatusCode, Json<IndicatorOut>), AppError> {
    let person = user.confirmed()?;
    let input = IndicatorInput {
        name_fr: b.name_fr,
        name_en: b.name_en,
        definition_fr: b.definition_fr,
        definition_en: b.definition_en,
        unit: b.unit,
        value_type: b.value_type,
        direction: b.direction,
        problem_fr: b.problem_fr,
        problem_en: b.problem_en,
        calculation_notes: b.calculation_notes,
        calculation_notes_en: b.calculation_notes_en,
        framework_ref: b.framework_ref,
        counts_people: b.counts_people,
        challenges: b.challenges,
        publics: b.publics,
    };
    let i = rules::propose(&state, person, &input, Some(&ip))
        .await
        .map_err(Failure::into_app)?;
    Ok((StatusCode::CREATED, Json((&i).into())))
}

#[derive(Deserialize, ToSchema)]
pub struct DecisionIn {
    /// `publish` or `reject`.
    decision: String,
}

/// Publishes or rejects a proposal (moderators and admins; 409 once decided).
#[utoipa::path(post, path = "/api/v1/indicators/{code}/decision", tag = "impact",
    security(("bearer" = [])), request_body = DecisionIn,
    responses((status = 200, body = IndicatorOut), (status = 403, body = super::openapi::ErrorBody),
        (status = 409, body = super::openapi::ErrorBody)))]
pub async fn decide(
    State(state): State<AppState>,
    user: User,
    ClientIp(ip): ClientIp,
    Path(code): Path<String>,
    ApiJson(b): ApiJson<DecisionIn>,
) -> Result<Json<IndicatorOut>, AppError> {
    let person = user.confirmed()?;
    // Only moderators learn anything about a decision, even that its value is wrong.
    if !rules::is_moderator(person) {
        return Err(AppError::Forbidden);
    }
    let i = rules::readable_indicator(&state, &code, Some(person)).await?;
    let publish = match b.decision.as_str() {
        "publish" => true,
        "reject" => false,
        _ => return Err(AppError::Unprocessable("impact_decision_invalid")),
    };
    let decided = rules::decide(&state, person, &i, publish, Some(&ip)).await?;
    Ok(Json((&decided).into()))
}

#[derive(Serialize, ToSchema)]
pub struct MeasurementOut {
    id: Uuid,
    entry_id: Uuid,
    value: f64,
    period_start: String,
    period_end: String,
    source: String,
    method: String,
    /// 1 (the change is described) to 5 (independently replicated).
    evidence_level: i32,
    superseded_by: Option<Uuid>,
    verified_at: Option<DateTime<Utc>>,
    verifier_name: Option<String>,
    verification_note: Option<String>,
    created_at: DateTime<Utc>,
}

impl From<&Measurement> for MeasurementOut {
    fn from(m: &Measurement) -> Self {
        MeasurementOut {
            id: m.id,
            entry_id: m.entry_id,
            value: m.value,
            period_start: m.period_start.clone(),
            period_end: m.period_end.clone(),
            source: m.source.clone(),
            method: m.method.clone(),
            evidence_level: m.evidence_level,
            superseded_by: m.superseded_by,
            verified_at: m.verified_at,
            verifier_name: m.verifier_name.clone(),
            verification_note: m.verification_note.clone(),
            created_at: m.created_at,
        }
    }
}

#[derive(Serialize, ToSchema)]
pub struct EntryOut {
    id: Uuid,
    indicator: String,
    unit: String,
    direction: String,
    baseline_value: f64,
    baseline_on: String,
    target_value: f64,
    target_on: String,
    latest_value: Option<f64>,
    latest_on: Option<String>,
    latest_level: Option<i32>,
    measurement_count: i32,
    verified_count: i32,
    /// Null while there is no measurement.
    on_track: Option<bool>,
    /// The way covered from baseline to target, 0 to 1; null without a measurement.
    progress: Option<f64>,
    /// Every measurement, superseded ones included, by period.
    measurements: Vec<MeasurementOut>,
}

async fn entry_out(state: &AppState, e: &PlanEntry) -> Result<EntryOut, AppError> {
    let plan = rules::plan_of(e)?;
    let measurements = state.store.measurements(e.id).await?;
    Ok(EntryOut {
        id: e.id,
        indicator: e.indicator_code.clone(),
        unit: e.unit.clone(),
        direction: e.direction.clone(),
        baseline_value: e.baseline_value,
        baseline_on: e.baseline_on.clone(),
        target_value: e.target_value,
        target_on: e.target_on.clone(),
        latest_value: e.latest_value,
        latest_on: e.latest_on.clone(),
        latest_level: e.latest_level,
        measurement_count: e.measurement_count,
        verified_count: e.verified_count,
        on_track: e.on_track,
        progress: e
            .latest_value
            .map(|v| essaim_domain::impact::progress(&plan, v)),
        measurements: measurements.iter().map(Into::into).collect(),
    })
}

#[derive(Serialize, ToSchema)]
pub struct PlanOut {
    initiative_id: Uuid,
    entries: Vec<EntryOut>,
}

/// An initiative's impact plan (a draft's only for its editors: 404 to others).
#[utoipa::path(get, path = "/api/v1/initiatives/{id}/impact", tag = "impact",
    responses((status = 200, body = PlanOut), (status = 404, body = super::openapi::ErrorBody)))]
pub async fn plan(
    State(state): State<AppState>,
    MaybeUser(user): MaybeUser,
    Path(id): Path<Uuid>,
) -> Result<Json<PlanOut>, AppError> {
    let person = user.as_ref().map(|u| &u.person);
    let (i, _) = rules::initiative_for(&state, id, person).await?;
    let mut entries = vec![];
    for e in state.store.plan_entries(i.id).await? {
        entries.push(entry_out(&state, &e).await?);
    }
    Ok(Json(PlanOut {
        initiative_id: i.id,
        entries,
    }))
}

/// A number as typed: a JSON number or a string ("12,5"); anything else fails the checks.
fn number_text(v: &serde_json::Value) -> String {
    match v {
        serde_json::Value::Number(n) => n.to_string(),
        serde_json::Value::String(s) => s.clone(),
        serde_json::Value::Null => String::new(),
        other => other.to_string(),
    }
}

#[derive(Deserialize, ToSchema)]
pub struct EntryIn {
    /// An indicator code of the catalogue.
    indicator: String,
    #[schema(value_type = f64)]
    baseline_value: serde_json::Value,
    /// `YYYY-MM-DD`.
    baseline_on: String,
    #[schema(value_type = f64)]
    target_value: serde_json::Value,
    /// `YYYY-MM-DD`, after `baseline_on`.
    target_on: String,
    /// If given, must be the indicator's unit.
    #[serde(default)]
    unit: Option<String>,
}

/// Adds an indicator to the plan (the initiative's editors).
#[utoipa::path(post, path = "/api/v1/initiatives/{id}/impact", tag = "impact",
    security(("bearer" = [])), request_body = EntryIn,
    responses((status = 201, body = EntryOut), (status = 403, body = super::openapi::ErrorBody),
        (status = 422, body = super::openapi::ErrorBody)))]
pub async fn add_entry(
    State(state): State<AppState>,
    user: User,
    Path(id): Path<Uuid>,
    ApiJson(b): ApiJson<EntryIn>,
) -> Result<(StatusCode, Json<EntryOut>), AppError> {
    let person = user.confirmed()?;
    let input = PlanInput {
        baseline_value: number_text(&b.baseline_value),
        baseline_on: b.baseline_on,
        target_value: number_text(&b.target_value),
        target_on: b.target_on,
        unit: b.unit,
    };
    let e = rules::add_entry(&state, person, id, &b.indicator, &input)
        .await
        .map_err(Failure::into_app)?;
    Ok((StatusCode::CREATED, Json(entry_out(&state, &e).await?)))
}

/// Removes an indicator from the plan (409 when it holds verified measurements).
#[utoipa::path(delete, path = "/api/v1/initiatives/{id}/impact/{entry}", tag = "impact",
    security(("bearer" = [])),
    responses((status = 204), (status = 403, body = super::openapi::ErrorBody),
        (status = 409, body = super::openapi::ErrorBody)))]
pub async fn remove_entry(
    State(state): State<AppState>,
    user: User,
    Path((id, entry)): Path<(Uuid, Uuid)>,
) -> Result<StatusCode, AppError> {
    let person = user.confirmed()?;
    rules::remove_entry(&state, person, id, entry).await?;
    Ok(StatusCode::NO_CONTENT)
}

#[derive(Deserialize, ToSchema)]
pub struct MeasurementIn {
    #[schema(value_type = f64)]
    value: serde_json::Value,
    /// `YYYY-MM-DD`; omitted for a point measurement.
    #[serde(default)]
    period_start: Option<String>,
    /// `YYYY-MM-DD`: the date of a point measurement or the end of the period.
    period_end: String,
    source: String,
    #[serde(default)]
    method: String,
    /// 1 to 5.
    #[schema(value_type = i32)]
    evidence_level: serde_json::Value,
    /// If given, must be the indicator's unit.
    #[serde(default)]
    unit: Option<String>,
    /// The measurement this one supersedes (it stays, marked).
    #[serde(default)]
    supersedes: Option<Uuid>,
}

impl MeasurementIn {
    fn input(&self) -> MeasurementInput {
        MeasurementInput {
            value: number_text(&self.value),
            period_start: self.period_start.clone().unwrap_or_default(),
            period_end: self.period_end.clone(),
            source: self.source.clone(),
            method: self.method.clone(),
            evidence_level: number_text(&self.evidence_level),
            unit: self.unit.clone(),
        }
    }
}

async fn editor_entry(
    state: &AppState,
    person: &Person,
    id: Uuid,
    entry: Uuid,
) -> Result<(essaim_store::Initiative, PlanEntry), AppError> {
    let i = crate::pages::initiatives::find_editable(state, id, person).await?;
    let e = rules::entry_of(state, &i, entry).await?;
    Ok((i, e))
}

/// Records a measurement, or supersedes one with `supersedes` (the initiative's editors).
#[utoipa::path(post, path = "/api/v1/initiatives/{id}/impact/{entry}/measurements", tag = "impact",
    security(("bearer" = [])), request_body = MeasurementIn,
    responses((status = 201, body = MeasurementOut), (status = 403, body = super::openapi::ErrorBody),
        (status = 409, body = super::openapi::ErrorBody), (status = 422, body = super::openapi::ErrorBody)))]
pub async fn record(
    State(state): State<AppState>,
    user: User,
    Path((id, entry)): Path<(Uuid, Uuid)>,
    ApiJson(b): ApiJson<MeasurementIn>,
) -> Result<(StatusCode, Json<MeasurementOut>), AppError> {
    let person = user.confirmed()?;
    let (i, e) = editor_entry(&state, person, id, entry).await?;
    let m = rules::record(&state, person, &i, &e, &b.input(), b.supersedes)
        .await
        .map_err(Failure::into_app)?;
    Ok((StatusCode::CREATED, Json((&m).into())))
}

/// One measurement (as visible as its initiative).
#[utoipa::path(get, path = "/api/v1/measurements/{id}", tag = "impact",
    responses((status = 200, body = MeasurementOut), (status = 404, body = super::openapi::ErrorBody)))]
pub async fn measurement(
    State(state): State<AppState>,
    MaybeUser(user): MaybeUser,
    Path(id): Path<Uuid>,
) -> Result<Json<MeasurementOut>, AppError> {
    let person = user.as_ref().map(|u| &u.person);
    let (_, _, _, m) = rules::locate_measurement(&state, id, person).await?;
    Ok(Json((&m).into()))
}

/// Corrects an unverified, current measurement (409 once verified or superseded).
#[utoipa::path(put, path = "/api/v1/measurements/{id}", tag = "impact",
    security(("bearer" = [])), request_body = MeasurementIn,
    responses((status = 200, body = MeasurementOut), (status = 403, body = super::openapi::ErrorBody),
        (status = 409, body = super::openapi::ErrorBody), (status = 422, body = super::openapi::ErrorBody)))]
pub async fn edit(
    State(state): State<AppState>,
    user: User,
    Path(id): Path<Uuid>,
    ApiJson(b): ApiJson<MeasurementIn>,
) -> Result<Json<MeasurementOut>, AppError> {
    let person = user.confirmed()?;
    let (i, editor, e, m) = rules::locate_measurement(&state, id, Some(person)).await?;
    if !editor {
        return Err(AppError::Forbidden);
    }
    let m = rules::edit(&state, person, &i, &e, &m, &b.input())
        .await
        .map_err(Failure::into_app)?;
    Ok(Json((&m).into()))
}

#[derive(Deserialize, ToSchema)]
pub struct VerificationIn {
    #[serde(default)]
    note: String,
}

/// Verifies a measurement: labelled evaluators without a conflict of interest (403 otherwise),
/// once (409).
#[utoipa::path(post, path = "/api/v1/measurements/{id}/verification", tag = "impact",
    security(("bearer" = [])), request_body = VerificationIn,
    responses((status = 200, body = MeasurementOut), (status = 403, body = super::openapi::ErrorBody),
        (status = 409, body = super::openapi::ErrorBody)))]
pub async fn verify(
    State(state): State<AppState>,
    user: User,
    ClientIp(ip): ClientIp,
    Path(id): Path<Uuid>,
    ApiJson(b): ApiJson<VerificationIn>,
) -> Result<Json<MeasurementOut>, AppError> {
    let person = user.confirmed()?;
    let (i, _, _, m) = rules::locate_measurement(&state, id, Some(person)).await?;
    let m = rules::verify(&state, person, &i, &m, &b.note, Some(&ip)).await?;
    Ok(Json((&m).into()))
}
