//! The impact barometer through the API: the same figures as the pages, for France, a région
//! or a département, optionally for one challenge. Read at every call, never cached.

use crate::barometer::{self as rules, BarometerOut};
use crate::error::AppError;
use crate::state::AppState;
use axum::extract::{Query, State};
use axum::routing::get;
use axum::{Json, Router};
use serde::Deserialize;
use utoipa::IntoParams;

pub fn router() -> Router<AppState> {
    Router::new().route("/barometer", get(barometer))
}

#[derive(Deserialize, IntoParams)]
pub struct BarometerQuery {
    /// `region:53` or `departement:29`; absent or empty for France.
    territory: Option<String>,
    /// A challenge code.
    challenge: Option<String>,
}

/// The barometer of a territory (and challenge): published initiatives by stage, people
/// reached, indicators on track, evidence levels and yearly trends. Shares are null, never
/// NaN, when there is nothing to divide. 422 `barometer_territory_unknown` for a place that has
/// no barometer (communes and EPCI included), `barometer_challenge_unknown` for an unknown
/// challenge.
#[utoipa::path(get, path = "/api/v1/barometer", tag = "barometer", params(BarometerQuery),
    responses((status = 200, body = BarometerOut), (status = 422, body = super::openapi::ErrorBody)))]
pub async fn barometer(
    State(state): State<AppState>,
    Query(q): Query<BarometerQuery>,
) -> Result<Json<BarometerOut>, AppError> {
    let place = rules::place(&state, q.territory.as_deref().unwrap_or(""))
        .ok_or(AppError::Unprocessable("barometer_territory_unknown"))?;
    let challenge = rules::challenge(&state, q.challenge.as_deref()).await?;
    Ok(Json(rules::figures(&state, &place, challenge).await?))
}
