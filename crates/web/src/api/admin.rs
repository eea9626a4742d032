//! Admin calls: people and roles, audit log.

use super::me::PersonOut;
use super::ApiJson;
use crate::auth::{Admin, ClientIp};
use crate::error::AppError;
use crate::pages::admin::{change_roles, is_action_name};
use crate::state::AppState;
use axum::extract::{Path, Query, State};
use axum::routing::{get, put};
use axum::{Json, Router};
use essaim_domain::person::PlatformRole;
use essaim_store::Page;
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};
use uuid::Uuid;

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/admin/people", get(people))
        .route("/admin/people/{id}/roles", put(set_roles))
        .route("/admin/audit", get(audit))
}

#[derive(Deserialize, IntoParams)]
pub struct PeopleQuery {
    /// Words of the name or e-mail.
    q: Option<String>,
    limit: Option<i64>,
    offset: Option<i64>,
}

/// People, newest first.
#[utoipa::path(get, path = "/api/v1/admin/people", tag = "admin", security(("bearer" = [])), params(PeopleQuery),
    responses((status = 200, body = Vec<PersonOut>), (status = 401, body = super::openapi::ErrorBody), (status = 403, body = super::openapi::ErrorBody)))]
pub async fn people(
    State(state): State<AppState>,
    _admin: Admin,
    Query(q): Query<PeopleQuery>,
) -> Result<Json<Vec<PersonOut>>, AppError> {
    let page = Page {
        limit: q.limit.unwrap_or(50).clamp(1, 500),
        offset: q.offset.unwrap_or(0).max(0),
    };
    let list = state
        .store
        .list_people(q.q.as_deref().filter(|s| !s.trim().is_empty()), page)
        .await?;
    Ok(Json(list.iter().map(Into::into).collect()))
}

#[derive(Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct RolesBody {
    /// `admin`, `moderator`, `label_committee`.
    roles: Vec<String>,
}

/// Sets the platform roles of a person.
#[utoipa::path(put, path = "/api/v1/admin/people/{id}/roles", tag = "admin", security(("bearer" = [])), request_body = RolesBody,
    params(("id" = Uuid, Path,)),
    responses((status = 200, body = PersonOut), (status = 403, body = super::openapi::ErrorBody), (status = 404, body = super::openapi::ErrorBody),
              (status = 409, body = super::openapi::ErrorBody), (status = 422, body = super::openapi::ErrorBody)))]
pub async fn set_roles(
    State(state): State<AppState>,
    ClientIp(ip): ClientIp,
    Admin(admin): Admin,
    Path(id): Path<Uuid>,
    ApiJson(body): ApiJson<RolesBody>,
) -> Result<Json<PersonOut>, AppError> {
    let mut roles = vec![];
    for r in &body.roles {
        let role = PlatformRole::parse(r).ok_or(AppError::Unprocessable("role_invalid"))?;
        if !roles.contains(&role) {
            roles.push(role);
        }
    }
    change_roles(&state, admin.person.id, id, &roles, &ip).await?;
    let person = state.store.person(id).await?.ok_or(AppError::NotFound)?;
    Ok(Json((&person).into()))
}

#[derive(Serialize, ToSchema)]
pub struct AuditOut {
    id: Uuid,
    at: chrono::DateTime<chrono::Utc>,
    actor_id: Option<Uuid>,
    action: String,
    subject: String,
    ip: Option<String>,
    detail: String,
}

#[derive(Deserialize, IntoParams)]
pub struct AuditQuery {
    action: Option<String>,
    limit: Option<i64>,
}

/// The audit log, newest first.
#[utoipa::path(get, path = "/api/v1/admin/audit", tag = "admin", security(("bearer" = [])), params(AuditQuery),
    responses((status = 200, body = Vec<AuditOut>), (status = 403, body = super::openapi::ErrorBody)))]
pub async fn audit(
    State(state): State<AppState>,
    _admin: Admin,
    Query(q): Query<AuditQuery>,
) -> Result<Json<Vec<AuditOut>>, AppError> {
    let entries = match q.action.as_deref() {
        Some(a) if !is_action_name(a) => vec![],
        action => {
            state
                .store
                .list_audit(action, q.limit.unwrap_or(100).clamp(1, 1000))
                .await?
        }
    };
    Ok(Json(
        entries
            .into_iter()
            .map(|e| AuditOut {
                id: e.id,
                at: e.at,
                actor_id: e.actor_id,
                action: e.action,
                subject: e.subject,
                ip: e.ip,
                detail: e.detail,
            })
            .collect(),
    ))
}
