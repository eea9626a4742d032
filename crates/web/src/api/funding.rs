//! Calls for projects, funds and prizes through the API: the public calls, one call with its
//! criteria and questions, opening and publishing a call (labelled funders), and applications:
//! start, answers, PDF documents (raw `application/pdf` body), submission, withdrawal, reading.
//! The rules are the pages' (`crate::funding`).

use super::ApiJson;
use crate::auth::{ClientIp, MaybeUser, User};
use crate::error::AppError;
use crate::funding::{self as rules, Failure};
use crate::state::AppState;
use axum::body::Bytes;
use axum::extract::{Path, Query, State};
use axum::http::{header, HeaderMap, StatusCode};
use axum::response::Response;
use axum::routing::{get, post, put};
use axum::{Json, Router};
use chrono::{DateTime, Utc};
use essaim_domain::funding::{
    CallInput, CriterionInput, Eligibility, QuestionInput, Snapshot, MAX_DOCUMENT_BYTES,
};
use essaim_store::funding::{Application, Call, CallFilter, DocumentMeta};
use essaim_store::utc_now;
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};
use uuid::Uuid;

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/calls", get(list).post(create))
        .route("/calls/{id}", get(one))
        .route("/calls/{id}/publish", post(publish))
        .route("/applications", post(start))
        .route("/applications/{id}", get(application))
        .route("/applications/{id}/answers", put(answers))
        .route(
            "/applications/{id}/documents",
            post(upload).layer(axum::extract::DefaultBodyLimit::max(
                MAX_DOCUMENT_BYTES + 64 * 1024,
            )),
        )
        .route("/applications/{id}/documents/{doc}", get(download))
        .route("/applications/{id}/submit", post(submit))
        .route("/applications/{id}/withdraw", post(withdraw))
}

fn failure(f: Failure) -> AppError {
    match f {
        Failure::Invalid(e) => AppError::Invalid(e),
        Failure::App(e) => e,
    }
}

#[derive(Serialize, ToSchema)]
pub struct CallOut {
    id: Uuid,
    /// The funder structure.
    structure_id: Uuid,
    structure_name: String,
    /// `call`, `fund` or `prize`.
    kind: String,
    title: String,
    /// Markdown.
    description: String,
    /// ISO 4217.
    currency: String,
    budget_cents: i64,
    min_award_cents: i64,
    max_award_cents: i64,
    opens_at: DateTime<Utc>,
    closes_at: DateTime<Utc>,
    /// `YYYY-MM-DD`.
    decision_on: Option<String>,
    reviewers_per_application: i32,
    publish_awards: bool,
    /// `draft`, `published` or `closed`.
    status: String,
    /// Published and between its dates now.
    open: bool,
}

impl From<&Call> for CallOut {
    fn from(c: &Call) -> Self {
        CallOut {
            id: c.id,
            structure_id: c.structure_id,
            structure_name: c.structure_name.clone(),
            kind: c.kind.clone(),
            title: c.title.clone(),
            description: c.description.clone(),
            currency: c.currency.clone(),
            budget_cents: c.budget_cents,
            min_award_cents: c.min_award_cents,
            max_award_cents: c.max_award_cents,
            opens_at: c.opens_at,
            closes_at: c.closes_at,
            decision_on: c.decision_on.clone(),
            reviewers_per_application: c.reviewers_per_application,
            publish_awards: c.publish_awards,
            status: c.status.clone(),
            open: c.is_open(utc_now()),
        }
    }
}

#[derive(Serialize, ToSchema)]
pub struct CallList {
    items: Vec<CallOut>,
}

#[derive(Deserialize, IntoParams)]
pub struct ListQuery {
    /// `true`: only calls open now.
    open: Option<bool>,
    /// `call`, `fund` or `prize`.
    kind: Option<String>,
    /// A challenge code: calls open to it.
    challenge: Option<String>,
    /// A territory reference (`departement:29`): calls open to it.
    territory: Option<String>,
}

/// Published and closed calls, the latest closing first.
#[utoipa::path(get, path = "/api/v1/calls", tag = "funding", params(ListQuery),
    responses((status = 200, body = CallList)))]
pub async fn list(
    State(state): State<AppState>,
    Query(q): Query<ListQuery>,
) -> Result<Json<CallList>, AppError> {
    let calls = state
        .store
        .list_calls(&CallFilter {
            open_at: q.open.unwrap_or(false).then(utc_now),
            kind: q.kind.filter(|k| !k.is_empty()),
            challenge: q.challenge.filter(|c| !c.is_empty()),
            territory: q.territory.filter(|t| !t.is_empty()),
        })
        .await?;
    Ok(Json(CallList {
        items: calls.iter().map(Into::into).collect(),
    }))
}

#[derive(Serialize, Deserialize, ToSchema)]
pub struct CriterionOut {
    name: String,
    #[serde(default)]
    description: String,
    weight: i32,
    /// Scores are whole numbers from 0 to this.
    scale_max: i32,
}

#[derive(Serialize, Deserialize, ToSchema)]
pub struct QuestionOut {
    #[serde(default)]
    id: Option<Uuid>,
    label: String,
    /// `text`, `number`, `choice` or `file`.
    kind: String,
    #[serde(default)]
    choices: Vec<String>,
    #[serde(default)]
    required: bool,
}

#[derive(Serialize, Deserialize, ToSchema, Default)]
pub struct EligibilityOut {
    #[serde(default)]
    challenges: Vec<String>,
    #[serde(default)]
    territories: Vec<String>,
    #[serde(default)]
    stages: Vec<String>,
    #[serde(default)]
    structure_kinds: Vec<String>,
}

#[derive(Serialize, ToSchema)]
pub struct CallDetail {
    #[serde(flatten)]
    call: CallOut,
    eligibility: EligibilityOut,
    criteria: Vec<CriterionOut>,
    questions: Vec<QuestionOut>,
}

async fn detail(state: &AppState, c: &Call) -> Result<CallDetail, AppError> {
    let e = state.store.call_eligibility(c.id).await?;
    Ok(CallDetail {
        call: c.into(),
        eligibility: EligibilityOut {
            challenges: e.challenges,
            territories: e.territories,
            stages: e.stages,
            structure_kinds: e.structure_kinds,
        },
        criteria: state
            .store
            .call_criteria(c.id)
            .await?
            .into_iter()
            .map(|c| CriterionOut {
                name: c.name,
                description: c.description,
                weight: c.weight,
                scale_max: c.scale_max,
            })
            .collect(),
        questions: state
            .store
            .call_questions(c.id)
            .await?
            .iter()
            .map(|q| QuestionOut {
                id: Some(q.id),
                label: q.label.clone(),
                kind: q.kind.clone(),
                choices: q.choice_list().iter().map(|s| s.to_string()).collect(),
                required: q.required,
            })
            .collect(),
    })
}

/// One call (drafts only to its funder's managers: 404 to others).
#[utoipa::path(get, path = "/api/v1/calls/{id}", tag = "funding",
    responses((status = 200, body = CallDetail), (status = 404, body = super::openapi::ErrorBody)))]
pub async fn one(
    State(state): State<AppState>,
    MaybeUser(user): MaybeUser,
    Path(id): Path<Uuid>,
) -> Result<Json<CallDetail>, AppError> {
    let call = rules::readable_call(&state, id, user.as_ref().map(|u| &u.person)).await?;
    detail(&state, &call).await.map(Json)
}

#[derive(Deserialize, ToSchema)]
pub struct NewCallIn {
    /// The funder structure: one the caller manages that holds the funder label.
    structure_id: Uuid,
    /// `call`, `fund` or `prize`.
    kind: String,
    title: String,
    /// Markdown.
    description: String,
    /// ISO 4217, `EUR` by default.
    #[serde(default)]
    currency: String,
    budget_cents: i64,
    #[serde(default)]
    min_award_cents: i64,
    max_award_cents: i64,
    opens_at: DateTime<Utc>,
    closes_at: DateTime<Utc>,
    /// `YYYY-MM-DD`.
    #[serde(default)]
    decision_on: Option<String>,
    #[serde(default)]
    reviewers_per_application: Option<i32>,
    #[serde(default)]
    publish_awards: bool,
    #[serde(default)]
    eligibility: EligibilityOut,
    criteria: Vec<CriterionOut>,
    #[serde(default)]
    questions: Vec<QuestionOut>,
}

fn cents_text(c: i64) -> String {
    if c < 0 {
        // Refused by the domain's reading of amounts.
        format!("-{}", c.unsigned_abs())
    } else {
        essaim_domain::funding::decimal_amount(c)
    }
}

impl NewCallIn {
    /// The same input the form produces, so that the API and the pages validate alike.
    fn input(&self) -> CallInput {
        CallInput {
            kind: self.kind.clone(),
            title: self.title.clone(),
            description: self.description.clone(),
            currency: self.currency.clone(),
            budget: cents_text(self.budget_cents),
            min_award: cents_text(self.min_award_cents),
            max_award: cents_text(self.max_award_cents),
            opens_at: essaim_domain::funding::paris_input(self.opens_at),
            closes_at: essaim_domain::funding::paris_input(self.closes_at),
            decision_on: self.decision_on.clone().unwrap_or_default(),
            reviewers_per_application: self
                .reviewers_per_application
                .map(|n| n.to_string())
                .unwrap_or_default(),
            publish_awards: self.publish_awards,
            eligibility: Eligibility {
                challenges: self.eligibility.challenges.clone(),
                territories: self.eligibility.territories.clone(),
                stages: self.eligibility.stages.clone(),
                structure_kinds: self.eligibility.structure_kinds.clone(),
            },
            criteria: self
                .criteria
                .iter()
                .map(|c| CriterionInput {
                    name: c.name.clone(),
                    description: c.description.clone(),
                    weight: c.weight.to_string(),
                    scale_max: c.scale_max.to_string(),
                })
                .collect(),
            questions: self
                .questions
                .iter()
                .map(|q| QuestionInput {
                    label: q.label.clone(),
                    kind: q.kind.clone(),
                    choices: q.choices.join("\n"),
                    required: q.required,
                })
                .collect(),
        }
    }
}

/// Opens a draft call (publish it with `/publish`). Times are kept to the minute.
#[utoipa::path(post, path = "/api/v1/calls", tag = "funding", security(("bearer" = [])),
    request_body = NewCallIn,
    responses((status = 201, body = CallDetail), (status = 422, body = super::openapi::ErrorBody)))]
pub async fn create(
    State(state): State<AppState>,
    user: User,
    ClientIp(ip): ClientIp,
    ApiJson(body): ApiJson<NewCallIn>,
) -> Result<(StatusCode, Json<CallDetail>), AppError> {
    let person = user.confirmed()?;
    let call = rules::create_call(&state, person, body.structure_id, &body.input(), Some(&ip))
        .await
        .map_err(failure)?;
    Ok((StatusCode::CREATED, Json(detail(&state, &call).await?)))
}

/// Publishes a draft call (its funder's managers; the label must still hold).
#[utoipa::path(post, path = "/api/v1/calls/{id}/publish", tag = "funding", security(("bearer" = [])),
    responses((status = 200, body = CallOut), (status = 403, body = super::openapi::ErrorBody),
        (status = 409, body = super::openapi::ErrorBody)))]
pub async fn publish(
    State(state): State<AppState>,
    user: User,
    ClientIp(ip): ClientIp,
    Path(id): Path<Uuid>,
) -> Result<Json<CallOut>, AppError> {
    let person = user.confirmed()?;
    let call = rules::managed_call(&state, id, person).await?;
    let moved = rules::move_call(&state, person, &call, "published", Some(&ip)).await?;
    Ok(Json((&moved).into()))
}

#[derive(Serialize, ToSchema)]
pub struct AnswerOut {
    question_id: Uuid,
    value: String,
}

#[derive(Serialize, ToSchema)]
pub struct DocumentOut {
    id: Uuid,
    question_id: Option<Uuid>,
    name: String,
    size: i64,
    sha256: String,
    created_at: DateTime<Utc>,
}

impl From<&DocumentMeta> for DocumentOut {
    fn from(d: &DocumentMeta) -> Self {
        DocumentOut {
            id: d.id,
            question_id: d.question_id,
            name: d.name.clone(),
            size: d.size,
            sha256: d.sha256.clone(),
            created_at: d.created_at,
        }
    }
}

#[derive(Serialize, ToSchema)]
pub struct ApplicationOut {
    id: Uuid,
    call_id: Uuid,
    structure_id: Uuid,
    structure_name: String,
    initiative_id: Uuid,
    /// `draft`, `submitted`, `withdrawn`, `granted`, `refused` or `waitlisted` (decisions show
    /// once sent; `submitted` before).
    status: String,
    submitted_at: Option<DateTime<Utc>>,
    withdrawn_at: Option<DateTime<Utc>>,
    /// The initiative as it stood at submission (`domain::funding::Snapshot`).
    #[schema(value_type = Object)]
    snapshot: Option<serde_json::Value>,
    answers: Vec<AnswerOut>,
    documents: Vec<DocumentOut>,
}

async fn application_out(
    state: &AppState,
    a: &Application,
    as_funder: bool,
) -> Result<ApplicationOut, AppError> {
    // A decision is the funder's until sent: before, the applicant reads "submitted".
    let status = rules::shown_status(a, as_funder).to_owned();
    Ok(ApplicationOut {
        id: a.id,
        call_id: a.call_id,
        structure_id: a.structure_id,
        structure_name: a.structure_name.clone(),
        initiative_id: a.initiative_id,
        status,
        submitted_at: a.submitted_at,
        withdrawn_at: a.withdrawn_at,
        snapshot: Snapshot::parse(&a.snapshot).and_then(|s| serde_json::to_value(s).ok()),
        answers: state
            .store
            .answers(a.id)
            .await?
            .into_iter()
            .map(|x| AnswerOut {
                question_id: x.question_id,
                value: x.value,
            })
            .collect(),
        documents: state
            .store
            .documents(a.id)
            .await?
            .iter()
            .map(Into::into)
            .collect(),
    })
}

#[derive(Deserialize, ToSchema)]
pub struct NewApplicationIn {
    call_id: Uuid,
    /// The applicant structure: one the caller manages.
    structure_id: Uuid,
    /// An initiative the structure takes part in.
    initiative_id: Uuid,
}

/// Starts a draft application (eligibility and dates checked now and again at submission).
#[utoipa::path(post, path = "/api/v1/applications", tag = "funding", security(("bearer" = [])),
    request_body = NewApplicationIn,
    responses((status = 201, body = ApplicationOut), (status = 422, body = super::openapi::ErrorBody)))]
pub async fn start(
    State(state): State<AppState>,
    user: User,
    ApiJson(body): ApiJson<NewApplicationIn>,
) -> Result<(StatusCode, Json<ApplicationOut>), AppError> {
    let person = user.confirmed()?;
    let call = rules::readable_call(&state, body.call_id, Some(person)).await?;
    let a = rules::start_application(&state, person, &call, body.structure_id, body.initiative_id)
        .await
        .map_err(failure)?;
    Ok((
        StatusCode::CREATED,
        Json(application_out(&state, &a, false).await?),
    ))
}

/// One application: for the applicant structure's managers, and the funder once submitted
/// (404 to everyone else).
#[utoipa::path(get, path = "/api/v1/applications/{id}", tag = "funding", security(("bearer" = [])),
    responses((status = 200, body = ApplicationOut), (status = 404, body = super::openapi::ErrorBody)))]
pub async fn application(
    State(state): State<AppState>,
    user: User,
    Path(id): Path<Uuid>,
) -> Result<Json<ApplicationOut>, AppError> {
    let a = rules::readable_application(&state, id, Some(user.person())).await?;
    // A decision is the funder's until sent: neither the applicant nor a reviewer reads it.
    let call = state
        .store
        .call(a.call_id)
        .await?
        .ok_or(AppError::NotFound)?;
    let as_funder = rules::is_funder(&state, &call, Some(user.person())).await?;
    Ok(Json(application_out(&state, &a, as_funder).await?))
}

#[derive(Deserialize, ToSchema)]
pub struct AnswerIn {
    question_id: Uuid,
    value: String,
}

#[derive(Deserialize, ToSchema)]
pub struct AnswersIn {
    answers: Vec<AnswerIn>,
}

/// Replaces the answers of a draft application (file questions take documents).
#[utoipa::path(put, path = "/api/v1/applications/{id}/answers", tag = "funding", security(("bearer" = [])),
    request_body = AnswersIn,
    responses((status = 200, body = ApplicationOut), (status = 409, body = super::openapi::ErrorBody),
        (status = 422, body = super::openapi::ErrorBody)))]
pub async fn answers(
    State(state): State<AppState>,
    user: User,
    Path(id): Path<Uuid>,
    ApiJson(body): ApiJson<AnswersIn>,
) -> Result<Json<ApplicationOut>, AppError> {
    let person = user.confirmed()?;
    let a = rules::own_application(&state, id, person).await?;
    let given: Vec<(Uuid, String)> = body
        .answers
        .into_iter()
        .map(|x| (x.question_id, x.value))
        .collect();
    rules::save_answers(&state, &a, &given)
        .await
        .map_err(failure)?;
    Ok(Json(application_out(&state, &a, false).await?))
}

#[derive(Deserialize, IntoParams)]
pub struct UploadQuery {
    /// The file's name.
    name: Option<String>,
    /// The file question it answers.
    question_id: Option<Uuid>,
}

/// Adds a PDF (the raw body, `application/pdf`, 10 MB at most) to a draft application.
#[utoipa::path(post, path = "/api/v1/applications/{id}/documents", tag = "funding", security(("bearer" = [])),
    params(UploadQuery), request_body(content = Vec<u8>, content_type = "application/pdf"),
    responses((status = 201, body = DocumentOut), (status = 413, body = super::openapi::ErrorBody),
        (status = 415, body = super::openapi::ErrorBody), (status = 422, body = super::openapi::ErrorBody)))]
pub async fn upload(
    State(state): State<AppState>,
    user: User,
    Path(id): Path<Uuid>,
    Query(q): Query<UploadQuery>,
    headers: HeaderMap,
    body: Bytes,
) -> Result<(StatusCode, Json<DocumentOut>), AppError> {
    let person = user.confirmed()?;
    let a = rules::own_application(&state, id, person).await?;
    if a.status != "draft" {
        return Err(AppError::Conflict("funding-application-not-draft"));
    }
    let is_pdf = headers
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.starts_with("application/pdf"));
    if !is_pdf {
        return Err(AppError::UnsupportedMediaType);
    }
    let meta = rules::add_document(
        &state,
        person,
        &a,
        q.question_id,
        q.name.as_deref().unwrap_or("document.pdf"),
        body.to_vec(),
    )
    .await
    .map_err(failure)?;
    Ok((StatusCode::CREATED, Json((&meta).into())))
}

/// A document of a readable application, as `application/pdf`.
#[utoipa::path(get, path = "/api/v1/applications/{id}/documents/{doc}", tag = "funding", security(("bearer" = [])),
    responses((status = 200, content_type = "application/pdf"), (status = 404, body = super::openapi::ErrorBody)))]
pub async fn download(
    State(state): State<AppState>,
    user: User,
    Path((id, doc)): Path<(Uuid, Uuid)>,
) -> Result<Response, AppError> {
    let a = rules::readable_application(&state, id, Some(user.person())).await?;
    crate::pages::funding::document_response(&state, &a, doc).await
}

/// Submits a draft before the call's closing time (409 `funding-deadline-passed` after it).
#[utoipa::path(post, path = "/api/v1/applications/{id}/submit", tag = "funding", security(("bearer" = [])),
    responses((status = 200, body = ApplicationOut), (status = 409, body = super::openapi::ErrorBody),
        (status = 422, body = super::openapi::ErrorBody)))]
pub async fn submit(
    State(state): State<AppState>,
    user: User,
    ClientIp(ip): ClientIp,
    Path(id): Path<Uuid>,
) -> Result<Json<ApplicationOut>, AppError> {
    let person = user.confirmed()?;
    let a = rules::own_application(&state, id, person).await?;
    let done = rules::submit(&state, person, &a, Some(&ip))
        .await
        .map_err(failure)?;
    Ok(Json(application_out(&state, &done, false).await?))
}

/// Withdraws an application before any decision.
#[utoipa::path(post, path = "/api/v1/applications/{id}/withdraw", tag = "funding", security(("bearer" = [])),
    responses((status = 200, body = ApplicationOut), (status = 409, body = super::openapi::ErrorBody)))]
pub async fn withdraw(
    State(state): State<AppState>,
    user: User,
    ClientIp(ip): ClientIp,
    Path(id): Path<Uuid>,
) -> Result<Json<ApplicationOut>, AppError> {
    let person = user.confirmed()?;
    let a = rules::own_application(&state, id, person).await?;
    let done = rules::withdraw(&state, person, &a, Some(&ip)).await?;
    Ok(Json(application_out(&state, &done, false).await?))
}
