//! The signed-in person (by Bearer token): profile and API tokens.

use super::ApiJson;
use crate::auth::User;
use crate::error::AppError;
use crate::state::AppState;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::routing::{delete, get};
use axum::{Json, Router};
use essaim_domain::invalid::FieldErrors;
use essaim_domain::person::Profile;
use essaim_domain::text::DisplayName;
use essaim_domain::Invalid;
use essaim_store::Person;
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;
use uuid::Uuid;

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/me", get(me).patch(update_me))
        .route("/me/tokens", get(tokens))
        .route("/me/tokens/{id}", delete(revoke))
}

#[derive(Serialize, ToSchema)]
pub struct PersonOut {
    id: Uuid,
    email: String,
    display_name: String,
    email_confirmed: bool,
    /// `admin`, `moderator`, `label_committee`.
    roles: Vec<String>,
    /// `citizen`, `project_holder`, `support_structure`, `funder`, `evaluator`, `public_authority`.
    profiles: Vec<String>,
    created_at: chrono::DateTime<chrono::Utc>,
}

impl From<&Person> for PersonOut {
    fn from(p: &Person) -> Self {
        PersonOut {
            id: p.id,
            email: p.email.clone(),
            display_name: p.display_name.clone(),
            email_confirmed: p.email_confirmed_at.is_some(),
            roles: p.roles.iter().map(|r| r.as_str().into()).collect(),
            profiles: p.profiles.iter().map(|r| r.as_str().into()).collect(),
            created_at: p.created_at,
        }
    }
}

/// The person the token belongs to.
#[utoipa::path(get, path = "/api/v1/me", tag = "me", security(("bearer" = [])),
    responses((status = 200, body = PersonOut), (status = 401, body = super::openapi::ErrorBody)))]
pub async fn me(user: User) -> Json<PersonOut> {
    Json(user.person().into())
}

#[derive(Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct ProfilePatch {
    display_name: Option<String>,
    profiles: Option<Vec<String>>,
}

/// Changes the display name or the declared profiles.
#[utoipa::path(patch, path = "/api/v1/me", tag = "me", security(("bearer" = [])), request_body = ProfilePatch,
    responses((status = 200, body = PersonOut), (status = 401, body = super::openapi::ErrorBody), (status = 422, body = super::openapi::ErrorBody)))]
pub async fn update_me(
    State(state): State<AppState>,
    user: User,
    ApiJson(patch): ApiJson<ProfilePatch>,
) -> Result<Json<PersonOut>, AppError> {
    let person = user.person();
    let mut errors = FieldErrors::new();
    let name = match &patch.display_name {
        Some(n) => errors
            .check("display_name", DisplayName::parse(n))
            .map(|n| n.as_str().to_owned()),
        None => Some(person.display_name.clone()),
    };
    let profiles = match &patch.profiles {
        Some(list) => {
            let parsed: Option<Vec<Profile>> = list.iter().map(|p| Profile::parse(p)).collect();
            errors.check("profiles", parsed.ok_or(Invalid::new("profile_invalid")))
        }
        None => Some(person.profiles.clone()),
    };
    let (Some(name), Some(mut profiles)) = (name, profiles) else {
        return Err(AppError::Invalid(errors));
    };
    profiles.dedup();
    state
        .store
        .update_profile(person.id, &name, &profiles)
        .await?;
    let updated = state
        .store
        .person(person.id)
        .await?
        .ok_or(AppError::NotFound)?;
    Ok(Json((&updated).into()))
}

#[derive(Serialize, ToSchema)]
pub struct TokenOut {
    id: Uuid,
    name: String,
    created_at: chrono::DateTime<chrono::Utc>,
    last_used_at: Option<chrono::DateTime<chrono::Utc>>,
}

/// The person's API tokens (their secrets are never shown again).
#[utoipa::path(get, path = "/api/v1/me/tokens", tag = "me", security(("bearer" = [])),
    responses((status = 200, body = Vec<TokenOut>), (status = 401, body = super::openapi::ErrorBody)))]
pub async fn tokens(
    State(state): State<AppState>,
    user: User,
) -> Result<Json<Vec<TokenOut>>, AppError> {
    let list = state.store.api_tokens_of(user.person().id).await?;
    Ok(Json(
        list.into_iter()
            .map(|t| TokenOut {
                id: t.id,
                name: t.name,
                created_at: t.created_at,
                last_used_at: t.last_used_at,
            })
            .collect(),
    ))
}

/// Revokes one of the person's tokens.
#[utoipa::path(delete, path = "/api/v1/me/tokens/{id}", tag = "me", security(("bearer" = [])),
    params(("id" = Uuid, Path,)),
    responses((status = 204), (status = 401, body = super::openapi::ErrorBody), (status = 404, body = super::openapi::ErrorBody)))]
pub async fn revoke(
    State(state): State<AppState>,
    user: User,
    Path(id): Path<Uuid>,
) -> Result<StatusCode, AppError> {
    if state.store.revoke_api_token(user.person().id, id).await? {
        Ok(StatusCode::NO_CONTENT)
    } else {
        Err(AppError::NotFound)
    }
}
