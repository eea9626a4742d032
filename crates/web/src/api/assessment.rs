//! Self-assessments through the API: an initiative's list (published ones, or all for its
//! editors), recording one, reading one, publishing or withdrawing it. The rules are the
//! pages' (`crate::assessment`).

use super::ApiJson;
use crate::assessment::{self as rules, dimension_scores, RecordFailure};
use crate::auth::{ClientIp, MaybeUser, User};
use crate::error::AppError;
use crate::state::AppState;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::routing::{get, post};
use axum::{Json, Router};
use chrono::{DateTime, Utc};
use essaim_domain::assessment::{Dimension, RawAnswer};
use essaim_store::assessment::Assessment;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use utoipa::ToSchema;
use uuid::Uuid;

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/initiatives/{id}/assessments", get(list).post(create))
        .route("/assessments/{id}", get(one))
        .route("/assessments/{id}/publication", post(publication))
}

#[derive(Serialize, Deserialize, ToSchema)]
pub struct AnswerIo {
    /// 0 to 4.
    score: i64,
    #[serde(default)]
    comment: String,
}

#[derive(Serialize, ToSchema)]
pub struct AssessmentOut {
    id: Uuid,
    initiative_id: Uuid,
    published: bool,
    created_at: DateTime<Utc>,
    published_at: Option<DateTime<Utc>>,
    /// The mean score of each dimension (0 to 4), by dimension: `changes`, `whom`, `scale`,
    /// `contribution`, `risks`.
    scores: BTreeMap<String, f64>,
    /// The answers by question id (`changes-1` … `risks-3`).
    answers: BTreeMap<String, AnswerIo>,
}

impl From<&Assessment> for AssessmentOut {
    fn from(a: &Assessment) -> Self {
        let s = dimension_scores(a);
        AssessmentOut {
            id: a.id,
            initiative_id: a.initiative_id,
            published: a.is_published,
            created_at: a.created_at,
            published_at: a.published_at,
            scores: Dimension::ALL
                .iter()
                .zip(s)
                .map(|(d, v)| (d.as_str().to_owned(), v))
                .collect(),
            answers: a
                .answer_list()
                .into_iter()
                .map(|x| {
                    (
                        x.question,
                        AnswerIo {
                            score: i64::from(x.score),
                            comment: x.comment,
                        },
                    )
                })
                .collect(),
        }
    }
}

#[derive(Serialize, ToSchema)]
pub struct AssessmentList {
    /// Oldest first.
    items: Vec<AssessmentOut>,
}

/// An initiative's self-assessments, oldest first: published ones, or all for its editors.
#[utoipa::path(get, path = "/api/v1/initiatives/{id}/assessments", tag = "assessment",
    responses((status = 200, body = AssessmentList), (status = 404, body = super::openapi::ErrorBody)))]
pub async fn list(
    State(state): State<AppState>,
    MaybeUser(user): MaybeUser,
    Path(id): Path<Uuid>,
) -> Result<Json<AssessmentList>, AppError> {
    let person = user.as_ref().map(|u| &u.person);
    let (_, items, _) = rules::list(&state, id, person).await?;
    Ok(Json(AssessmentList {
        items: items.iter().map(Into::into).collect(),
    }))
}

#[derive(Deserialize, ToSchema)]
pub struct NewAssessmentIn {
    /// Every question of the questionnaire by id (`changes-1` … `risks-3`).
    answers: BTreeMap<String, AnswerIo>,
}

/// Records a self-assessment (the initiative's editors), unpublished.
#[utoipa::path(post, path = "/api/v1/initiatives/{id}/assessments", tag = "assessment",
    security(("bearer" = [])), request_body = NewAssessmentIn,
    responses((status = 201, body = AssessmentOut), (status = 403, body = super::openapi::ErrorBody),
        (status = 422, body = super::openapi::ErrorBody)))]
pub async fn create(
    State(state): State<AppState>,
    user: User,
    Path(id): Path<Uuid>,
    ApiJson(body): ApiJson<NewAssessmentIn>,
) -> Result<(StatusCode, Json<AssessmentOut>), AppError> {
    let person = user.confirmed()?;
    let raw = |q: &str| {
        body.answers.get(q).map(|a| RawAnswer {
            score: a.score.to_string(),
            comment: a.comment.clone(),
        })
    };
    match rules::record(&state, person, id, raw).await {
        Ok(a) => Ok((StatusCode::CREATED, Json((&a).into()))),
        Err(RecordFailure::Invalid(e)) => Err(AppError::Invalid(e)),
        Err(RecordFailure::App(e)) => Err(e),
    }
}

/// One self-assessment (404 for an unpublished one to anonymous callers, 403 to others who do
/// not edit its initiative).
#[utoipa::path(get, path = "/api/v1/assessments/{id}", tag = "assessment",
    responses((status = 200, body = AssessmentOut), (status = 403, body = super::openapi::ErrorBody),
        (status = 404, body = super::openapi::ErrorBody)))]
pub async fn one(
    State(state): State<AppState>,
    MaybeUser(user): MaybeUser,
    Path(id): Path<Uuid>,
) -> Result<Json<AssessmentOut>, AppError> {
    let person = user.as_ref().map(|u| &u.person);
    let (_, a) = rules::readable(&state, id, person).await?;
    Ok(Json((&a).into()))
}

#[derive(Deserialize, ToSchema)]
pub struct PublicationIn {
    published: bool,
}

/// Publishes or withdraws a self-assessment (the initiative's editors).
#[utoipa::path(post, path = "/api/v1/assessments/{id}/publication", tag = "assessment",
    security(("bearer" = [])), request_body = PublicationIn,
    responses((status = 200, body = AssessmentOut), (status = 403, body = super::openapi::ErrorBody),
        (status = 404, body = super::openapi::ErrorBody)))]
pub async fn publication(
    State(state): State<AppState>,
    user: User,
    ClientIp(ip): ClientIp,
    Path(id): Path<Uuid>,
    ApiJson(body): ApiJson<PublicationIn>,
) -> Result<Json<AssessmentOut>, AppError> {
    let person = user.confirmed()?;
    let a = rules::set_published(&state, person, id, body.published, Some(&ip)).await?;
    Ok(Json((&a).into()))
}
