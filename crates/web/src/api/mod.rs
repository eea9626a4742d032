//! The JSON API under `/api/v1`: the same services as the pages, Bearer tokens for identity,
//! errors as `{"code", "message"}`, described by the OpenAPI document at `/api/v1/openapi.json`.

mod accounts;
mod admin;
mod assessment;
mod barometer;
mod blockers;
mod cafe;
mod collecte;
mod defis;
mod deliberation;
mod events;
mod exchange;
mod funding;
mod groups;
mod hackathons;
mod impact;
pub mod initiatives;
mod jury;
mod me;
mod network;
mod news;
mod openapi;
mod outcomes;
mod review;
mod sortition;
mod structures;
mod territories;

use crate::error::AppError;
use crate::state::AppState;
use axum::extract::rejection::JsonRejection;
use axum::extract::{FromRequest, Request};
use axum::Router;
use serde::de::DeserializeOwned;

pub fn router() -> Router<AppState> {
    Router::new()
        .merge(territories::router())
        .merge(accounts::router())
        .merge(me::router())
        .merge(structures::router())
        .merge(admin::router())
        .merge(initiatives::router())
        .merge(deliberation::router())
        .merge(sortition::router())
        .merge(network::router())
        .merge(exchange::router())
        .merge(groups::router())
        .merge(blockers::router())
        .merge(news::router())
        .merge(funding::router())
        .merge(review::router())
        .merge(impact::router())
        .merge(assessment::router())
        .merge(outcomes::router())
        .merge(barometer::router())
        .merge(events::router())
        .merge(defis::router())
        .merge(hackathons::router())
        .merge(jury::router())
        .merge(cafe::router())
        .merge(collecte::router())
        .merge(openapi::router())
        .fallback(|| async { AppError::NotFound })
}

/// A JSON body whose problems become API errors with a code: malformed JSON is 400
/// `invalid_json`, a body of the wrong shape 422 `invalid_body`, a missing content type 415.
pub struct ApiJson<T>(pub T);

impl<T: DeserializeOwned, S: Send + Sync> FromRequest<S> for ApiJson<T> {
    type Rejection = AppError;

    async fn from_request(req: Request, state: &S) -> Result<Self, Self::Rejection> {
        match axum::Json::<T>::from_request(req, state).await {
            Ok(axum::Json(v)) => Ok(ApiJson(v)),
            Err(JsonRejection::JsonSyntaxError(_)) => Err(AppError::BadRequest("invalid_json")),
            Err(JsonRejection::JsonDataError(e)) => {
                tracing::debug!(error = %e, "JSON of the wrong shape");
                Err(AppError::Unprocessable("invalid_body"))
            }
            Err(JsonRejection::MissingJsonContentType(_)) => Err(AppError::UnsupportedMediaType),
            Err(JsonRejection::BytesRejection(_)) => Err(AppError::PayloadTooLarge),
            Err(_) => Err(AppError::BadRequest("invalid_json")),
        }
    }
}
