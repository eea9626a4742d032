//! Review of funding applications through the API: the call's reviewers and assignment, the
//! funder's table, a reviewer's review and conflict, decisions and sending them. The rules
//! are the pages' (`crate::review`).

use super::ApiJson;
use crate::auth::{ClientIp, User};
use crate::error::AppError;
use crate::funding::Failure;
use crate::review::{self as rules, ReviewFailure, ReviewInput};
use crate::state::AppState;
use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use axum::routing::{delete, get, post};
use axum::{Json, Router};
use chrono::{DateTime, Utc};
use essaim_domain::invalid::{FieldErrors, Invalid};
use essaim_domain::review::{DecisionInput, TableSort};
use essaim_store::funding::Application;
use essaim_store::review::{Review, Reviewer, Score};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use utoipa::{IntoParams, ToSchema};
use uuid::Uuid;

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/calls/{id}/reviewers", get(reviewers).post(add_reviewer))
        .route("/calls/{id}/reviewers/{person_id}", delete(remove_reviewer))
        .route("/calls/{id}/assignments", get(assignments).post(assign))
        .route("/calls/{id}/table", get(table))
        .route("/calls/{id}/decisions/send", post(send))
        .route("/applications/{id}/reviews", get(reviews).put(save_review))
        .route("/applications/{id}/conflict", post(conflict))
        .route("/applications/{id}/decision", get(decision).put(decide))
}

#[derive(Serialize, ToSchema)]
pub struct ReviewerOut {
    person_id: Uuid,
    name: String,
    email: String,
    created_at: DateTime<Utc>,
}

impl From<&Reviewer> for ReviewerOut {
    fn from(r: &Reviewer) -> Self {
        ReviewerOut {
            person_id: r.person_id,
            name: r.name.clone(),
            email: r.email.clone(),
            created_at: r.created_at,
        }
    }
}

/// The call's reviewers (its funder only).
#[utoipa::path(get, path = "/api/v1/calls/{id}/reviewers", tag = "review", security(("bearer" = [])),
    responses((status = 200, body = [ReviewerOut]), (status = 403, body = super::openapi::ErrorBody),
        (status = 404, body = super::openapi::ErrorBody)))]
pub async fn reviewers(
    State(state): State<AppState>,
    user: User,
    Path(id): Path<Uuid>,
) -> Result<Json<Vec<ReviewerOut>>, AppError> {
    let person = user.confirmed()?;
    let call = rules::funder_call(&state, id, person).await?;
    let list = state.store.reviewers(call.id).await?;
    Ok(Json(list.iter().map(Into::into).collect()))
}

#[derive(Deserialize, ToSchema)]
pub struct ReviewerIn {
    /// The e-mail address of a person with an account.
    email: String,
}

/// Names a reviewer (the call's funder); they are mailed.
#[utoipa::path(post, path = "/api/v1/calls/{id}/reviewers", tag = "review", security(("bearer" = [])),
    request_body = ReviewerIn,
    responses((status = 201, body = ReviewerOut), (status = 403, body = super::openapi::ErrorBody),
        (status = 422, body = super::openapi::ErrorBody)))]
pub async fn add_reviewer(
    State(state): State<AppState>,
    user: User,
    ClientIp(ip): ClientIp,
    Path(id): Path<Uuid>,
    ApiJson(body): ApiJson<ReviewerIn>,
) -> Result<(StatusCode, Json<ReviewerOut>), AppError> {
    let person = user.confirmed()?;
    let call = rules::funder_call(&state, id, person).await?;
    match rules::name_reviewer(&state, &call, person, &body.email, Some(&ip)).await {
        Ok(r) => Ok((StatusCode::CREATED, Json((&r).into()))),
        Err(Failure::Invalid(e)) => Err(AppError::Invalid(e)),
        Err(Failure::App(e)) => Err(e),
    }
}

/// Removes a reviewer: their assignments and drafts go, submitted reviews stay.
#[utoipa::path(delete, path = "/api/v1/calls/{id}/reviewers/{person_id}", tag = "review",
    security(("bearer" = [])),
    responses((status = 204), (status = 403, body = super::openapi::ErrorBody),
        (status = 404, body = super::openapi::ErrorBody)))]
pub async fn remove_reviewer(
    State(state): State<AppState>,
    user: User,
    ClientIp(ip): ClientIp,
    Path((id, who)): Path<(Uuid, Uuid)>,
) -> Result<StatusCode, AppError> {
    let person = user.confirmed()?;
    let call = rules::funder_call(&state, id, person).await?;
    rules::remove_reviewer(&state, &call, person, who, Some(&ip)).await?;
    Ok(StatusCode::NO_CONTENT)
}

#[derive(Serialize, ToSchema)]
pub struct PairOut {
    application_id: Uuid,
    person_id: Uuid,
}

#[derive(Serialize, ToSchema)]
pub struct ShortfallOut {
    application_id: Uuid,
    /// How many reviewers the application lacks.
    missing: usize,
}

#[derive(Serialize, ToSchema)]
pub struct AssignmentOut {
    pairs: Vec<PairOut>,
    shortfalls: Vec<ShortfallOut>,
}

/// The call's current assignment (its funder only).
#[utoipa::path(get, path = "/api/v1/calls/{id}/assignments", tag = "review", security(("bearer" = [])),
    responses((status = 200, body = AssignmentOut), (status = 403, body = super::openapi::ErrorBody)))]
pub async fn assignments(
    State(state): State<AppState>,
    user: User,
    Path(id): Path<Uuid>,
) -> Result<Json<AssignmentOut>, AppError> {
    let person = user.confirmed()?;
    let call = rules::funder_call(&state, id, person).await?;
    let pairs = state.store.assignments(call.id).await?;
    Ok(Json(AssignmentOut {
        pairs: pairs
            .into_iter()
            .map(|(a, p)| PairOut {
                application_id: a,
                person_id: p,
            })
            .collect(),
        shortfalls: vec![],
    }))
}

/// Runs the assignment: each submitted application to the call's number of reviewers, evenly,
/// never to an excluded one; pairs still allowed are kept. Shortfalls say what is missing.
#[utoipa::path(post, path = "/api/v1/calls/{id}/assignments", tag = "review", security(("bearer" = [])),
    responses((status = 200, body = AssignmentOut), (status = 403, body = super::openapi::ErrorBody)))]
pub async fn assign(
    State(state): State<AppState>,
    user: User,
    ClientIp(ip): ClientIp,
    Path(id): Path<Uuid>,
) -> Result<Json<AssignmentOut>, AppError> {
    let person = user.confirmed()?;
    let call = rules::funder_call(&state, id, person).await?;
    let out = rules::run_assignment(&state, &call, Some(person.id), Some(&ip)).await?;
    Ok(Json(AssignmentOut {
        pairs: out
            .pairs
            .iter()
            .map(|(a, p)| PairOut {
                application_id: *a,
                person_id: *p,
            })
            .collect(),
        shortfalls: out
            .shortfalls
            .iter()
            .map(|(a, n)| ShortfallOut {
                application_id: *a,
                missing: *n,
            })
            .collect(),
    }))
}

#[derive(Serialize, ToSchema)]
pub struct ReviewerTotal {
    name: String,
    /// 0 to 100; null until the review is submitted.
    total: Option<f64>,
}

#[derive(Serialize, ToSchema)]
pub struct TableRowOut {
    application_id: Uuid,
    structure_name: String,
    status: String,
    reviews: usize,
    /// Weighted mean of the reviewers' totals, 0 to 100; null without reviews.
    mean: Option<f64>,
    /// max − min of the totals.
    spread: Option<f64>,
    std_dev: Option<f64>,
    /// Spread of at least `domain::review::DISAGREEMENT_SPREAD` (30 points) with two reviews.
    disagreement: bool,
    reviewers: Vec<ReviewerTotal>,
}

#[derive(Deserialize, IntoParams)]
pub struct TableQuery {
    /// `mean` (default), `spread`, `reviews` or `title`.
    sort: Option<String>,
}

/// The funder's table of applications with their weighted means and spreads.
#[utoipa::path(get, path = "/api/v1/calls/{id}/table", tag = "review", security(("bearer" = [])),
    params(TableQuery),
    responses((status = 200, body = [TableRowOut]), (status = 403, body = super::openapi::ErrorBody)))]
pub async fn table(
    State(state): State<AppState>,
    user: User,
    Path(id): Path<Uuid>,
    Query(q): Query<TableQuery>,
) -> Result<Json<Vec<TableRowOut>>, AppError> {
    let person = user.confirmed()?;
    let call = rules::funder_call(&state, id, person).await?;
    let mut rows = rules::table(&state, &call).await?;
    let sort = q
        .sort
        .as_deref()
        .and_then(TableSort::parse)
        .unwrap_or(TableSort::Mean);
    rules::sort_table(&mut rows, sort);
    Ok(Json(
        rows.into_iter()
            .map(|r| TableRowOut {
                application_id: r.application.id,
                structure_name: r.application.structure_name,
                status: r.application.status,
                reviews: r.stats.reviews,
                mean: r.stats.mean,
                spread: r.stats.spread,
                std_dev: r.stats.std_dev,
                disagreement: r.stats.disagreement,
                reviewers: r
                    .reviewers
                    .into_iter()
                    .map(|(name, total)| ReviewerTotal { name, total })
                    .collect(),
            })
            .collect(),
    ))
}

#[derive(Serialize, ToSchema)]
pub struct ReviewOut {
    id: Uuid,
    reviewer_id: Uuid,
    reviewer_name: String,
    /// 'draft' or 'submitted'.
    status: String,
    /// Criterion id → score.
    scores: BTreeMap<Uuid, i64>,
    private_comment: String,
    shared_comment: String,
    /// The funder passes `shared_comment` on to the applicant.
    share_comment: bool,
    submitted_at: Option<DateTime<Utc>>,
}

fn review_out(r: &Review, scores: &[Score]) -> ReviewOut {
    ReviewOut {
        id: r.id,
        reviewer_id: r.reviewer_id,
        reviewer_name: r.reviewer_name.clone(),
        status: r.status.clone(),
        scores: scores
            .iter()
            .filter(|s| s.review_id == r.id)
            .map(|s| (s.criterion_id, s.score))
            .collect(),
        private_comment: r.private_comment.clone(),
        shared_comment: r.shared_comment.clone(),
        share_comment: r.share_comment,
        submitted_at: r.submitted_at,
    }
}

/// The reviews of an application the caller may read: every submitted one for the funder; for
/// an assigned reviewer their own, and the others' submitted ones once theirs is submitted.
#[utoipa::path(get, path = "/api/v1/applications/{id}/reviews", tag = "review", security(("bearer" = [])),
    responses((status = 200, body = [ReviewOut]), (status = 403, body = super::openapi::ErrorBody),
        (status = 404, body = super::openapi::ErrorBody)))]
pub async fn reviews(
    State(state): State<AppState>,
    user: User,
    Path(id): Path<Uuid>,
) -> Result<Json<Vec<ReviewOut>>, AppError> {
    let person = user.confirmed()?;
    let (_, _, list) = rules::readable_reviews(&state, id, person).await?;
    Ok(Json(list.iter().map(|(r, s)| review_out(r, s)).collect()))
}

#[derive(Deserialize, ToSchema)]
pub struct ReviewIn {
    /// Criterion id → integer score in 0..=scale_max.
    #[serde(default)]
    scores: BTreeMap<Uuid, i64>,
    #[serde(default)]
    private_comment: String,
    #[serde(default)]
    shared_comment: String,
    /// True to submit (every criterion scored); false keeps a draft.
    #[serde(default)]
    submit: bool,
}

/// Saves the caller's review of an application assigned to them (403 when not assigned or
/// excluded; 409 once submitted).
#[utoipa::path(put, path = "/api/v1/applications/{id}/reviews", tag = "review", security(("bearer" = [])),
    request_body = ReviewIn,
    responses((status = 200, body = ReviewOut), (status = 403, body = super::openapi::ErrorBody),
        (status = 409, body = super::openapi::ErrorBody), (status = 422, body = super::openapi::ErrorBody)))]
pub async fn save_review(
    State(state): State<AppState>,
    user: User,
    Path(id): Path<Uuid>,
    ApiJson(body): ApiJson<ReviewIn>,
) -> Result<Json<ReviewOut>, AppError> {
    let person = user.confirmed()?;
    let (a, call) = rules::scorable(&state, id, person).await?;
    let input = ReviewInput {
        scores: body
            .scores
            .iter()
            .map(|(k, v)| (*k, v.to_string()))
            .collect(),
        private_comment: body.private_comment,
        shared_comment: body.shared_comment,
        submit: body.submit,
    };
    match rules::save_review(&state, &call, &a, person, &input).await {
        Ok(r) => {
            let scores = state.store.scores_of_review(r.id).await?;
            Ok(Json(review_out(&r, &scores)))
        }
        Err(ReviewFailure::Invalid { fields, .. }) => Err(AppError::Invalid(fields)),
        Err(ReviewFailure::App(e)) => Err(e),
    }
}

#[derive(Deserialize, ToSchema)]
pub struct ConflictIn {
    reason: String,
}

/// Declares a conflict of interest (a reviewer of the call); the application goes to another
/// reviewer and any review of the caller's on it is removed.
#[utoipa::path(post, path = "/api/v1/applications/{id}/conflict", tag = "review", security(("bearer" = [])),
    request_body = ConflictIn,
    responses((status = 204), (status = 403, body = super::openapi::ErrorBody),
        (status = 422, body = super::openapi::ErrorBody)))]
pub async fn conflict(
    State(state): State<AppState>,
    user: User,
    ClientIp(ip): ClientIp,
    Path(id): Path<Uuid>,
    ApiJson(body): ApiJson<ConflictIn>,
) -> Result<StatusCode, AppError> {
    let person = user.confirmed()?;
    let a = state
        .store
        .application(id)
        .await?
        .ok_or(AppError::NotFound)?;
    let call = state
        .store
        .call(a.call_id)
        .await?
        .ok_or(AppError::NotFound)?;
    if !rules::in_review(&a) || !rules::is_reviewer(&state, call.id, person.id).await? {
        return Err(
            if crate::funding::can_read_application(&state, &a, person).await? {
                AppError::Forbidden
            } else {
                AppError::NotFound
            },
        );
    }
    match rules::declare_conflict(&state, &call, &a, person, &body.reason, Some(&ip)).await {
        Ok(()) => Ok(StatusCode::NO_CONTENT),
        Err(Failure::Invalid(e)) => Err(AppError::Invalid(e)),
        Err(Failure::App(e)) => Err(e),
    }
}

#[derive(Serialize, ToSchema)]
pub struct DecisionOut {
    application_id: Uuid,
    /// 'submitted' (no decision yet), 'granted', 'refused' or 'waitlisted'.
    status: String,
    amount_cents: Option<i64>,
    currency: String,
    conditions: Option<String>,
    reason: Option<String>,
    decided_at: Option<DateTime<Utc>>,
    sent_at: Option<DateTime<Utc>>,
    /// The reviewers' comments the funder passes on (shown to the applicant once sent).
    shared_comments: Vec<String>,
}

fn decision_out(a: &Application, currency: &str, shared_comments: Vec<String>) -> DecisionOut {
    DecisionOut {
        application_id: a.id,
        status: a.status.clone(),
        amount_cents: a.decision_amount_cents,
        currency: currency.to_owned(),
        conditions: a.decision_conditions.clone(),
        reason: a.decision_reason.clone(),
        decided_at: a.decided_at,
        sent_at: a.decision_sent_at,
        shared_comments,
    }
}

/// The decision on an application: for the funder at any time; for the applicant's managers
/// once sent (404 before).
#[utoipa::path(get, path = "/api/v1/applications/{id}/decision", tag = "review", security(("bearer" = [])),
    responses((status = 200, body = DecisionOut), (status = 404, body = super::openapi::ErrorBody)))]
pub async fn decision(
    State(state): State<AppState>,
    user: User,
    Path(id): Path<Uuid>,
) -> Result<Json<DecisionOut>, AppError> {
    let person = user.confirmed()?;
    let a = crate::funding::readable_application(&state, id, Some(person)).await?;
    let call = state
        .store
        .call(a.call_id)
        .await?
        .ok_or(AppError::NotFound)?;
    if crate::funding::is_funder(&state, &call, Some(person)).await? {
        let shared = state
            .store
            .reviews_of_application(a.id)
            .await?
            .into_iter()
            .filter(|r| r.is_submitted() && r.share_comment && !r.shared_comment.is_empty())
            .map(|r| r.shared_comment)
            .collect();
        return Ok(Json(decision_out(&a, &call.currency, shared)));
    }
    let (a, call, comments) = rules::sent_decision(&state, id, Some(person)).await?;
    Ok(Json(decision_out(&a, &call.currency, comments)))
}

#[derive(Deserialize, ToSchema)]
pub struct DecisionIn {
    /// 'granted', 'refused' or 'waitlisted'.
    outcome: String,
    /// For a grant: within the call's range per award; the call's total never exceeds its
    /// budget (409 `review_budget_exceeded`).
    #[serde(default)]
    amount_cents: Option<i64>,
    #[serde(default)]
    conditions: String,
    /// Required for a refusal.
    #[serde(default)]
    reason: String,
    /// Review ids whose shareable comment goes to the applicant (others stop being shared).
    #[serde(default)]
    share_comments_of: Option<Vec<Uuid>>,
}

/// Records the funder's decision (403 for anyone else who may read the application).
#[utoipa::path(put, path = "/api/v1/applications/{id}/decision", tag = "review", security(("bearer" = [])),
    request_body = DecisionIn,
    responses((status = 200, body = DecisionOut), (status = 403, body = super::openapi::ErrorBody),
        (status = 409, body = super::openapi::ErrorBody), (status = 422, body = super::openapi::ErrorBody)))]
pub async fn decide(
    State(state): State<AppState>,
    user: User,
    ClientIp(ip): ClientIp,
    Path(id): Path<Uuid>,
    ApiJson(body): ApiJson<DecisionIn>,
) -> Result<Json<DecisionOut>, AppError> {
    let person = user.confirmed()?;
    let a = crate::funding::readable_application(&state, id, Some(person)).await?;
    let call = rules::funder_call(&state, a.call_id, person).await?;
    let amount = match body.amount_cents {
        Some(c) if c < 0 => {
            let mut e = FieldErrors::new();
            e.add("amount_cents", Invalid::new("review_amount_invalid"));
            return Err(AppError::Invalid(e));
        }
        Some(c) => format!("{}.{:02}", c / 100, c % 100),
        None => String::new(),
    };
    let input = DecisionInput {
        outcome: body.outcome,
        amount,
        conditions: body.conditions,
        reason: body.reason,
    };
    let done = match rules::decide(&state, &call, &a, person, &input, Some(&ip)).await {
        Ok(done) => done,
        Err(Failure::Invalid(e)) => {
            // The API names the amount in cents.
            let renamed = FieldErrors(
                e.0.into_iter()
                    .map(|(f, i)| (if f == "amount" { "amount_cents" } else { f }, i))
                    .collect(),
            );
            return Err(AppError::Invalid(renamed));
        }
        Err(Failure::App(e)) => return Err(e),
    };
    let reviews = state.store.reviews_of_application(a.id).await?;
    if let Some(share) = &body.share_comments_of {
        for r in &reviews {
            let wanted = share.contains(&r.id);
            if wanted != r.share_comment {
                state.store.set_share_comment(r.id, wanted).await?;
            }
        }
    }
    let shared = state
        .store
        .reviews_of_application(a.id)
        .await?
        .into_iter()
        .filter(|r| r.is_submitted() && r.share_comment && !r.shared_comment.is_empty())
        .map(|r| r.shared_comment)
        .collect();
    Ok(Json(decision_out(&done, &call.currency, shared)))
}

#[derive(Serialize, ToSchema)]
pub struct SentOut {
    /// The applications whose decision was sent now.
    sent: Vec<Uuid>,
}

/// Sends every recorded, unsent decision of the call; the applicants' managers are mailed.
#[utoipa::path(post, path = "/api/v1/calls/{id}/decisions/send", tag = "review", security(("bearer" = [])),
    responses((status = 200, body = SentOut), (status = 403, body = super::openapi::ErrorBody)))]
pub async fn send(
    State(state): State<AppState>,
    user: User,
    ClientIp(ip): ClientIp,
    Path(id): Path<Uuid>,
) -> Result<Json<SentOut>, AppError> {
    let person = user.confirmed()?;
    let call = rules::funder_call(&state, id, person).await?;
    let sent = rules::send_decisions(&state, &call, person, Some(&ip)).await?;
    Ok(Json(SentOut {
        sent: sent.iter().map(|a| a.id).collect(),
    }))
}
