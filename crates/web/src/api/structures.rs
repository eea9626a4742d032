//! Structures and their members through the API; the same rules as the pages.

use super::ApiJson;
use crate::auth::{ClientIp, User};
use crate::error::AppError;
use crate::i18n::Locale;
use crate::pages::structures::{can_manage, find, remove_member_checked, send_invitation};
use crate::state::AppState;
use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use axum::routing::{delete, get, post};
use axum::{Json, Router};
use essaim_domain::invalid::FieldErrors;
use essaim_domain::structure::{MemberRole, StructureInput, StructureKind};
use essaim_domain::Email;
use essaim_store::{utc_now, Page, Structure};
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};
use uuid::Uuid;

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/structures", get(list).post(create))
        .route("/structures/{id}", get(one).put(update))
        .route("/structures/{id}/members", get(members))
        .route(
            "/structures/{id}/members/{person_id}",
            delete(remove_member),
        )
        .route("/structures/{id}/invitations", post(invite))
}

#[derive(Serialize, ToSchema)]
pub struct StructureOut {
    id: Uuid,
    name: String,
    /// association, cooperative, entreprise, fondation, collectivite, etat, reseau, autre.
    kind: String,
    siret: Option<String>,
    rna: Option<String>,
    /// A territory reference such as `commune:29019`.
    territory: Option<String>,
    /// Markdown.
    description: String,
    website: Option<String>,
    created_at: chrono::DateTime<chrono::Utc>,
    updated_at: chrono::DateTime<chrono::Utc>,
}

impl From<&Structure> for StructureOut {
    fn from(s: &Structure) -> Self {
        StructureOut {
            id: s.id,
            name: s.name.clone(),
            kind: s.kind.as_str().into(),
            siret: s.siret.clone(),
            rna: s.rna.clone(),
            territory: s.territory.clone(),
            description: s.description.clone(),
            website: s.website.clone(),
            created_at: s.created_at,
            updated_at: s.updated_at,
        }
    }
}

#[derive(Serialize, ToSchema)]
pub struct StructureList {
    items: Vec<StructureOut>,
    total: i64,
}

#[derive(Deserialize, IntoParams)]
pub struct ListQuery {
    /// Words of the name.
    q: Option<String>,
    kind: Option<String>,
    /// 1 to 200, default 50.
    limit: Option<i64>,
    offset: Option<i64>,
}

/// Structures by name.
#[utoipa::path(get, path = "/api/v1/structures", tag = "structures", params(ListQuery),
    responses((status = 200, body = StructureList), (status = 422, body = super::openapi::ErrorBody)))]
pub async fn list(
    State(state): State<AppState>,
    Query(q): Query<ListQuery>,
) -> Result<Json<StructureList>, AppError> {
    let kind = match q.kind.as_deref().filter(|k| !k.is_empty()) {
        Some(k) => Some(StructureKind::parse(k).map_err(|i| AppError::Unprocessable(i.code))?),
        None => None,
    };
    let search = q.q.as_deref().map(str::trim).filter(|s| !s.is_empty());
    let page = Page {
        limit: q.limit.unwrap_or(50).clamp(1, 200),
        offset: q.offset.unwrap_or(0).max(0),
    };
    let total = state.store.count_structures(search, kind).await?;
    let items = state.store.list_structures(search, kind, page).await?;
    Ok(Json(StructureList {
        items: items.iter().map(Into::into).collect(),
        total,
    }))
}

/// One structure.
#[utoipa::path(get, path = "/api/v1/structures/{id}", tag = "structures", params(("id" = Uuid, Path,)),
    responses((status = 200, body = StructureOut), (status = 404, body = super::openapi::ErrorBody)))]
pub async fn one(
    State(state): State<AppState>,
    Path(id): Path<Uuid>,
) -> Result<Json<StructureOut>, AppError> {
    Ok(Json((&find(&state, id).await?).into()))
}

/// The fields of a structure, as the form sends them (`territory` is a reference or an INSEE
/// commune code).
#[derive(Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct StructureBody {
    name: String,
    kind: String,
    siret: Option<String>,
    rna: Option<String>,
    territory: Option<String>,
    description: Option<String>,
    website: Option<String>,
}

impl From<StructureBody> for StructureInput {
    fn from(b: StructureBody) -> StructureInput {
        StructureInput {
            name: b.name,
            kind: b.kind,
            siret: b.siret.unwrap_or_default(),
            rna: b.rna.unwrap_or_default(),
            territory: b.territory.unwrap_or_default(),
            description: b.description.unwrap_or_default(),
            website: b.website.unwrap_or_default(),
        }
    }
}

/// Creates a structure; the caller becomes its manager. Needs a confirmed e-mail.
#[utoipa::path(post, path = "/api/v1/structures", tag = "structures", security(("bearer" = [])), request_body = StructureBody,
    responses((status = 201, body = StructureOut), (status = 400, body = super::openapi::ErrorBody), (status = 401, body = super::openapi::ErrorBody),
              (status = 403, body = super::openapi::ErrorBody), (status = 422, body = super::openapi::ErrorBody)))]
pub async fn create(
    State(state): State<AppState>,
    user: User,
    ApiJson(body): ApiJson<StructureBody>,
) -> Result<(StatusCode, Json<StructureOut>), AppError> {
    let person = user.confirmed()?;
    let fields = StructureInput::from(body)
        .validate(state.territories)
        .map_err(AppError::Invalid)?;
    let s = state
        .store
        .create_structure(Uuid::now_v7(), &fields, person.id, utc_now())
        .await?;
    Ok((StatusCode::CREATED, Json((&s).into())))
}

/// Replaces the fields of a structure (managers and admins).
#[utoipa::path(put, path = "/api/v1/structures/{id}", tag = "structures", security(("bearer" = [])), request_body = StructureBody,
    params(("id" = Uuid, Path,)),
    responses((status = 200, body = StructureOut), (status = 403, body = super::openapi::ErrorBody), (status = 404, body = super::openapi::ErrorBody), (status = 422, body = super::openapi::ErrorBody)))]
pub async fn update(
    State(state): State<AppState>,
    user: User,
    Path(id): Path<Uuid>,
    ApiJson(body): ApiJson<StructureBody>,
) -> Result<Json<StructureOut>, AppError> {
    find(&state, id).await?;
    if !can_manage(&state, id, user.person()).await? {
        return Err(AppError::Forbidden);
    }
    let fields = StructureInput::from(body)
        .validate(state.territories)
        .map_err(AppError::Invalid)?;
    Ok(Json(
        (&state.store.update_structure(id, &fields, utc_now()).await?).into(),
    ))
}

#[derive(Serialize, ToSchema)]
pub struct MemberOut {
    person_id: Uuid,
    display_name: String,
    /// `manager` or `member`.
    role: String,
    joined_at: chrono::DateTime<chrono::Utc>,
}

/// The members of a structure.
#[utoipa::path(get, path = "/api/v1/structures/{id}/members", tag = "structures", params(("id" = Uuid, Path,)),
    responses((status = 200, body = Vec<MemberOut>), (status = 404, body = super::openapi::ErrorBody)))]
pub async fn members(
    State(state): State<AppState>,
    Path(id): Path<Uuid>,
) -> Result<Json<Vec<MemberOut>>, AppError> {
    find(&state, id).await?;
    let list = state.store.members(id).await?;
    Ok(Json(
        list.into_iter()
            .map(|m| MemberOut {
                person_id: m.person_id,
                display_name: m.display_name,
                role: m.role.as_str().into(),
                joined_at: m.joined_at,
            })
            .collect(),
    ))
}

/// Removes a member: managers remove anyone, a member removes only themself; the last
/// manager stays (409).
#[utoipa::path(delete, path = "/api/v1/structures/{id}/members/{person_id}", tag = "structures", security(("bearer" = [])),
    params(("id" = Uuid, Path,), ("person_id" = Uuid, Path,)),
    responses((status = 204), (status = 403, body = super::openapi::ErrorBody), (status = 404, body = super::openapi::ErrorBody), (status = 409, body = super::openapi::ErrorBody)))]
pub async fn remove_member(
    State(state): State<AppState>,
    ClientIp(ip): ClientIp,
    user: User,
    Path((id, person_id)): Path<(Uuid, Uuid)>,
) -> Result<StatusCode, AppError> {
    remove_member_checked(&state, user.person(), id, person_id, &ip).await?;
    Ok(StatusCode::NO_CONTENT)
}

#[derive(Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct InvitationBody {
    email: String,
    /// `manager` or `member`.
    role: String,
}

/// E-mails an invitation link to join the structure (managers and admins).
#[utoipa::path(post, path = "/api/v1/structures/{id}/invitations", tag = "structures", security(("bearer" = [])), request_body = InvitationBody,
    params(("id" = Uuid, Path,)),
    responses((status = 202), (status = 403, body = super::openapi::ErrorBody), (status = 404, body = super::openapi::ErrorBody), (status = 422, body = super::openapi::ErrorBody)))]
pub async fn invite(
    locale: Locale,
    State(state): State<AppState>,
    user: User,
    Path(id): Path<Uuid>,
    ApiJson(body): ApiJson<InvitationBody>,
) -> Result<StatusCode, AppError> {
    let s = find(&state, id).await?;
    let inviter = user.confirmed()?;
    if !can_manage(&state, id, inviter).await? {
        return Err(AppError::Forbidden);
    }
    let mut errors = FieldErrors::new();
    let email = errors.check("email", Email::parse(&body.email));
    let role = errors.check("role", MemberRole::parse(&body.role));
    let (Some(email), Some(role)) = (email, role) else {
        return Err(AppError::Invalid(errors));
    };
    send_invitation(&state, locale, inviter, &s, &email, role).await?;
    Ok(StatusCode::ACCEPTED)
}
