use crate::error::AppError;
use crate::state::AppState;
use axum::extract::{Path, Query, State};
use axum::routing::get;
use axum::{Json, Router};
use essaim_domain::territory::{Territory, TerritoryError};
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/territories", get(search))
        .route("/territories/{reference}", get(one))
}

/// A French territory: région, département, EPCI or commune.
#[derive(Serialize, ToSchema)]
pub struct TerritoryOut {
    /// `level:code`, the value territory fields take (`commune:29019`).
    reference: String,
    /// INSEE code (SIREN for an EPCI).
    code: String,
    name: String,
    /// `region`, `departement`, `epci` or `commune`.
    level: String,
    /// References of the territories that contain it.
    parents: Vec<String>,
    postal_codes: Vec<String>,
    population: Option<u32>,
}

impl From<&Territory> for TerritoryOut {
    fn from(t: &Territory) -> Self {
        TerritoryOut {
            reference: t.reference().to_string(),
            code: t.code.clone(),
            name: t.name.clone(),
            level: t.level.as_str().into(),
            parents: t.parents.iter().map(ToString::to_string).collect(),
            postal_codes: t.postal_codes.clone(),
            population: t.population,
        }
    }
}

#[derive(Deserialize, IntoParams)]
pub struct SearchQuery {
    /// A name ("saint etienne"), a département number ("29"), a postal or INSEE code.
    #[serde(default)]
    q: String,
    /// At most this many hits (1 to 100, default 20).
    limit: Option<usize>,
}

/// Finds territories by name or number, ignoring case, accents, hyphens and "st"/"saint".
#[utoipa::path(get, path = "/api/v1/territories", params(SearchQuery), tag = "territories",
    responses((status = 200, body = Vec<TerritoryOut>)))]
pub async fn search(
    State(state): State<AppState>,
    Query(q): Query<SearchQuery>,
) -> Json<Vec<TerritoryOut>> {
    let limit = q.limit.unwrap_or(20).clamp(1, 100);
    Json(
        state
            .territories
            .search(&q.q, limit)
            .into_iter()
            .map(TerritoryOut::from)
            .collect(),
    )
}

/// One territory by reference (`commune:29019`) or commune code.
#[utoipa::path(get, path = "/api/v1/territories/{reference}", tag = "territories",
    params(("reference" = String, Path, description = "A reference such as commune:29019")),
    responses((status = 200, body = TerritoryOut), (status = 404, body = crate::api::openapi::ErrorBody), (status = 422, body = crate::api::openapi::ErrorBody)))]
pub async fn one(
    State(state): State<AppState>,
    Path(reference): Path<String>,
) -> Result<Json<TerritoryOut>, AppError> {
    match state.territories.resolve(&reference) {
        Ok(t) => Ok(Json(t.into())),
        Err(TerritoryError::Unknown) => Err(AppError::NotFound),
        Err(TerritoryError::Malformed) => Err(AppError::Unprocessable("territory_malformed")),
    }
}
