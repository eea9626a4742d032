//! Anonymous account calls: sign-up and password reset. Both answer 202 whether or not the
//! address has an account, and are throttled (429).

use super::ApiJson;
use crate::auth::ClientIp;
use crate::error::AppError;
use crate::i18n::Locale;
use crate::pages::accounts::{register, request_reset};
use crate::state::AppState;
use crate::throttle;
use axum::extract::State;
use axum::http::StatusCode;
use axum::routing::post;
use axum::{Json, Router};
use essaim_domain::invalid::FieldErrors;
use essaim_domain::text::DisplayName;
use essaim_domain::{Email, Password};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/accounts", post(sign_up))
        .route("/password-resets", post(reset))
}

#[derive(Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct SignUp {
    email: String,
    name: String,
    password: String,
}

#[derive(Serialize, ToSchema)]
pub struct Accepted {
    /// Always `check_your_mailbox`.
    status: &'static str,
}

fn accepted() -> (StatusCode, Json<Accepted>) {
    (
        StatusCode::ACCEPTED,
        Json(Accepted {
            status: "check_your_mailbox",
        }),
    )
}

/// Creates an account and e-mails a confirmation link.
#[utoipa::path(post, path = "/api/v1/accounts", tag = "accounts", request_body = SignUp,
    responses((status = 202, body = Accepted), (status = 400, body = super::openapi::ErrorBody),
              (status = 422, body = super::openapi::ErrorBody), (status = 429, body = super::openapi::ErrorBody)))]
pub async fn sign_up(
    locale: Locale,
    ClientIp(ip): ClientIp,
    State(state): State<AppState>,
    ApiJson(body): ApiJson<SignUp>,
) -> Result<(StatusCode, Json<Accepted>), AppError> {
    throttle::check(&state, throttle::SIGN_UP_PER_ADDRESS, &ip).await?;
    let mut errors = FieldErrors::new();
    let email = errors.check("email", Email::parse(&body.email));
    let name = errors.check("name", DisplayName::parse(&body.name));
    let password = errors.check(
        "password",
        Password::parse(&body.password, email.as_ref().map(Email::as_str)),
    );
    let (Some(email), Some(name), Some(password)) = (email, name, password) else {
        return Err(AppError::Invalid(errors));
    };
    register(&state, locale, &email, &name, &password).await?;
    Ok(accepted())
}

#[derive(Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct ResetRequest {
    email: String,
}

/// E-mails a password reset link if the address has an account.
#[utoipa::path(post, path = "/api/v1/password-resets", tag = "accounts", request_body = ResetRequest,
    responses((status = 202, body = Accepted), (status = 422, body = super::openapi::ErrorBody), (status = 429, body = super::openapi::ErrorBody)))]
pub async fn reset(
    locale: Locale,
    ClientIp(ip): ClientIp,
    State(state): State<AppState>,
    ApiJson(body): ApiJson<ResetRequest>,
) -> Result<(StatusCode, Json<Accepted>), AppError> {
    throttle::check(&state, throttle::RESET_PER_ADDRESS, &ip).await?;
    let email = Email::parse(&body.email).map_err(|e| {
        let mut errors = FieldErrors::new();
        errors.add("email", e);
        AppError::Invalid(errors)
    })?;
    throttle::check(&state, throttle::RESET_PER_ACCOUNT, email.as_str()).await?;
    request_reset(&state, locale, &email).await?;
    Ok(accepted())
}
