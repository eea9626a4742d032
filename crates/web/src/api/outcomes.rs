//! Impact contracts through the API: the contracts the caller is party to, one contract with
//! its outcomes reached and payments due (the JSON twin of the page's CSV), proposing one, and
//! signing or declining it. The rules are the pages' (`crate::outcomes`).

use super::ApiJson;
use crate::auth::{ClientIp, MaybeUser, User};
use crate::error::AppError;
use crate::outcomes::{self as rules, ProposalInput, ProposeFailure};
use crate::state::AppState;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::routing::{get, post};
use axum::{Json, Router};
use chrono::{DateTime, Utc};
use essaim_domain::outcomes::OutcomeInput;
use essaim_store::outcomes::Contract;
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;
use uuid::Uuid;

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/impact-contracts", get(list))
        .route("/impact-contracts/{id}", get(one))
        .route("/impact-contracts/{id}/signature", post(signature))
        .route("/initiatives/{id}/impact-contracts", post(create))
}

#[derive(Serialize, ToSchema)]
pub struct ContractOut {
    id: Uuid,
    initiative_id: Uuid,
    funder_structure_id: Uuid,
    funder_name: String,
    title: String,
    /// Markdown.
    terms: String,
    /// `YYYY-MM-DD`.
    starts_on: String,
    /// `proposed`, `active`, `declined` or `ended`.
    status: String,
    created_at: DateTime<Utc>,
    signed_at: Option<DateTime<Utc>>,
    ended_at: Option<DateTime<Utc>>,
}

impl From<&Contract> for ContractOut {
    fn from(c: &Contract) -> Self {
        ContractOut {
            id: c.id,
            initiative_id: c.initiative_id,
            funder_structure_id: c.funder_structure_id,
            funder_name: c.funder_name.clone(),
            title: c.title.clone(),
            terms: c.terms.clone(),
            starts_on: c.starts_on.clone(),
            status: c.status.clone(),
            created_at: c.created_at,
            signed_at: c.signed_at,
            ended_at: c.ended_at,
        }
    }
}

#[derive(Serialize, ToSchema)]
pub struct OutcomeOut {
    entry_id: Uuid,
    indicator_code: String,
    /// `increase` (reached at or above the threshold) or `decrease` (at or below).
    direction: String,
    threshold: f64,
    /// `YYYY-MM-DD`.
    due_on: String,
    payment_cents: i64,
    /// From verified, current measurements within the contract only.
    reached: bool,
    best_verified_value: Option<f64>,
    reached_on: Option<String>,
    /// The payment due for it: all of it once reached and signed, else 0.
    payment_due_cents: i64,
}

#[derive(Serialize, ToSchema)]
pub struct ContractDetail {
    #[serde(flatten)]
    contract: ContractOut,
    outcomes: Vec<OutcomeOut>,
    total_due_cents: i64,
}

#[derive(Serialize, ToSchema)]
pub struct ContractList {
    items: Vec<ContractOut>,
}

/// The contracts the caller is party to (all for admins), newest first.
#[utoipa::path(get, path = "/api/v1/impact-contracts", tag = "outcomes", security(("bearer" = [])),
    responses((status = 200, body = ContractList), (status = 401, body = super::openapi::ErrorBody)))]
pub async fn list(
    State(state): State<AppState>,
    user: User,
) -> Result<Json<ContractList>, AppError> {
    let person = user.confirmed()?;
    Ok(Json(ContractList {
        items: rules::mine(&state, person)
            .await?
            .iter()
            .map(Into::into)
            .collect(),
    }))
}

async fn detail(state: &AppState, c: &Contract) -> Result<ContractDetail, AppError> {
    let rows = rules::assessed(state, c).await?;
    let total_due_cents = rows.iter().map(|(_, a)| a.payment_due_cents).sum();
    Ok(ContractDetail {
        contract: c.into(),
        outcomes: rows
            .into_iter()
            .map(|(o, a)| OutcomeOut {
                entry_id: o.entry_id,
                indicator_code: o.indicator_code,
                direction: o.direction,
                threshold: o.threshold,
                due_on: o.due_on,
                payment_cents: o.payment_cents,
                reached: a.reached,
                best_verified_value: a.best,
                reached_on: a.reached_on.map(|d| d.format("%Y-%m-%d").to_string()),
                payment_due_cents: a.payment_due_cents,
            })
            .collect(),
        total_due_cents,
    })
}

/// One contract with its outcomes (404 to anyone not party to it, signed in or not).
#[utoipa::path(get, path = "/api/v1/impact-contracts/{id}", tag = "outcomes",
    responses((status = 200, body = ContractDetail), (status = 404, body = super::openapi::ErrorBody)))]
pub async fn one(
    State(state): State<AppState>,
    MaybeUser(user): MaybeUser,
    Path(id): Path<Uuid>,
) -> Result<Json<ContractDetail>, AppError> {
    let person = user.as_ref().map(|u| &u.person);
    let c = rules::readable(&state, id, person).await?;
    Ok(Json(detail(&state, &c).await?))
}

#[derive(Deserialize, ToSchema)]
pub struct OutcomeIn {
    entry_id: Uuid,
    threshold: f64,
    /// `YYYY-MM-DD`.
    due_on: String,
    payment_cents: i64,
}

#[derive(Deserialize, ToSchema)]
pub struct NewContractIn {
    /// A structure the caller manages that holds the funder label.
    structure_id: Uuid,
    title: String,
    #[serde(default)]
    terms: String,
    /// `YYYY-MM-DD`.
    starts_on: String,
    outcomes: Vec<OutcomeIn>,
}

/// Proposes a contract to a published initiative (managers of a funder-labelled structure).
#[utoipa::path(post, path = "/api/v1/initiatives/{id}/impact-contracts", tag = "outcomes",
    security(("bearer" = [])), request_body = NewContractIn,
    responses((status = 201, body = ContractDetail), (status = 403, body = super::openapi::ErrorBody),
        (status = 422, body = super::openapi::ErrorBody)))]
pub async fn create(
    State(state): State<AppState>,
    user: User,
    ClientIp(ip): ClientIp,
    Path(id): Path<Uuid>,
    ApiJson(body): ApiJson<NewContractIn>,
) -> Result<(StatusCode, Json<ContractDetail>), AppError> {
    let person = user.confirmed()?;
    let input = ProposalInput {
        structure: body.structure_id.to_string(),
        title: body.title,
        terms: body.terms,
        starts_on: body.starts_on,
        outcomes: body
            .outcomes
            .iter()
            .map(|o| {
                (
                    o.entry_id.to_string(),
                    OutcomeInput {
                        threshold: o.threshold.to_string(),
                        due_on: o.due_on.clone(),
                        // Cents as euros with two decimals, for the same check as the form.
                        payment: format!(
                            "{}.{:02}",
                            o.payment_cents / 100,
                            (o.payment_cents % 100).abs()
                        ),
                    },
                )
            })
            .collect(),
    };
    match rules::propose(&state, person, id, &input, Some(&ip)).await {
        Ok(c) => Ok((StatusCode::CREATED, Json(detail(&state, &c).await?))),
        Err(ProposeFailure::Invalid(e)) => Err(AppError::Invalid(e)),
        Err(ProposeFailure::App(e)) => Err(e),
    }
}

#[derive(Deserialize, ToSchema)]
pub struct SignatureIn {
    /// True to sign, false to decline.
    accept: bool,
}

/// The initiative's editors sign or decline a proposed contract.
#[utoipa::path(post, path = "/api/v1/impact-contracts/{id}/signature", tag = "outcomes",
    security(("bearer" = [])), request_body = SignatureIn,
    responses((status = 200, body = ContractDetail), (status = 403, body = super::openapi::ErrorBody),
        (status = 409, body = super::openapi::ErrorBody)))]
pub async fn signature(
    State(state): State<AppState>,
    user: User,
    ClientIp(ip): ClientIp,
    Path(id): Path<Uuid>,
    ApiJson(body): ApiJson<SignatureIn>,
) -> Result<Json<ContractDetail>, AppError> {
    let person = user.confirmed()?;
    let c = rules::readable(&state, id, Some(person)).await?;
    rules::sign(&state, person, &c, body.accept, Some(&ip)).await?;
    let c = rules::readable(&state, id, Some(person)).await?;
    Ok(Json(detail(&state, &c).await?))
}
