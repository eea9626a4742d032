//! Défis through the API: the catalogue (filters by challenge, territory, status, structure),
//! one défi, posting one for structures the caller manages, editing one (managers of an owner
//! structure; 404 for anybody else). The rules are the pages' (`crate::defis`).

use super::ApiJson;
use crate::auth::{ClientIp, MaybeUser, User};
use crate::defis as rules;
use crate::error::AppError;
use crate::events::EditFailure;
use crate::state::AppState;
use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use axum::routing::get;
use axum::{Json, Router};
use chrono::{DateTime, Utc};
use essaim_domain::defis::{DefiInput, Status};
use essaim_domain::territory::{TerritoryLevel, TerritoryRef};
use essaim_store::defis::{Defi, DefiFilter, Drafts};
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};
use uuid::Uuid;

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/defis", get(list).post(create))
        .route("/defis/{id}", get(one).put(update))
}

#[derive(Serialize, ToSchema)]
pub struct StructureRef {
    id: Uuid,
    name: String,
}

#[derive(Serialize, ToSchema)]
pub struct DefiOut {
    id: Uuid,
    title: String,
    /// Markdown.
    context: String,
    question: String,
    deliverable: String,
    /// A territory reference, or empty for the whole country.
    territory: String,
    departement: Option<String>,
    region: Option<String>,
    /// draft, published or closed.
    status: String,
    /// Codes of the thematic challenges.
    challenges: Vec<String>,
    owners: Vec<StructureRef>,
    sponsors: Vec<StructureRef>,
    updated_at: DateTime<Utc>,
}

fn refs(v: &[(Uuid, String)]) -> Vec<StructureRef> {
    v.iter()
        .map(|(id, name)| StructureRef {
            id: *id,
            name: name.clone(),
        })
        .collect()
}

impl From<&Defi> for DefiOut {
    fn from(d: &Defi) -> Self {
        DefiOut {
            id: d.row.id,
            title: d.row.title.clone(),
            context: d.row.context.clone(),
            question: d.row.question.clone(),
            deliverable: d.row.deliverable.clone(),
            territory: d.row.territory.clone(),
            departement: d.row.departement.clone(),
            region: d.row.region.clone(),
            status: d.row.status.clone(),
            challenges: d.challenges.clone(),
            owners: refs(&d.owners),
            sponsors: refs(&d.sponsors),
            updated_at: d.row.updated_at,
        }
    }
}

#[derive(Serialize, ToSchema)]
pub struct DefiList {
    items: Vec<DefiOut>,
    total: i64,
}

#[derive(Deserialize, IntoParams)]
pub struct ListQuery {
    /// A challenge code.
    challenge: Option<String>,
    /// A département or région reference.
    territory: Option<String>,
    /// published or closed (drafts are not listed).
    status: Option<String>,
    /// Défis this structure owns or sponsors.
    structure: Option<Uuid>,
    /// 1 to 200, default 50.
    limit: Option<i64>,
    offset: Option<i64>,
}

/// The catalogue of défis (published and closed), newest change first.
#[utoipa::path(get, path = "/api/v1/defis", tag = "defis", params(ListQuery),
    responses((status = 200, body = DefiList), (status = 422, body = super::openapi::ErrorBody)))]
pub async fn list(
    State(state): State<AppState>,
    Query(q): Query<ListQuery>,
) -> Result<Json<DefiList>, AppError> {
    let (departement, region) = match q
        .territory
        .as_deref()
        .map(str::trim)
        .filter(|t| !t.is_empty())
    {
        None => (None, None),
        Some(t) => {
            let r = TerritoryRef::parse(t)
                .ok()
                .filter(|r| state.territories.get(r).is_some())
                .ok_or(AppError::Unprocessable("defis_territory_unknown"))?;
            match r.level {
                TerritoryLevel::Departement => (Some(r.code), None),
                TerritoryLevel::Region => (None, Some(r.code)),
                _ => return Err(AppError::Unprocessable("defis_territory_unknown")),
            }
        }
    };
    let status = match q.status.as_deref().map(str::trim).filter(|s| !s.is_empty()) {
        None => None,
        Some(s) => match Status::parse(s) {
            Some(Status::Draft) | None => {
                return Err(AppError::Unprocessable("defis_status_invalid"))
            }
            Some(s) => Some(s.as_str().to_owned()),
        },
    };
    let challenge = q
        .challenge
        .map(|c| c.trim().to_owned())
        .filter(|c| !c.is_empty());
    let filter = DefiFilter {
        challenge,
        departement,
        region,
        status,
        structure: q.structure,
        // The catalogue is of published and closed défis: drafts are neither listed nor
        // counted (a draft is read by its id, by those who manage it).
        drafts: Drafts::Hidden,
        limit: q.limit.unwrap_or(50).clamp(1, 200),
        offset: q.offset.unwrap_or(0).max(0),
    };
    let items: Vec<DefiOut> = state
        .store
        .list_defis(&filter)
        .await?
        .iter()
        .map(Into::into)
        .collect();
    let total = state.store.count_defis(&filter).await?;
    Ok(Json(DefiList { items, total }))
}

/// One défi (a draft only for its managers).
#[utoipa::path(get, path = "/api/v1/defis/{id}", tag = "defis",
    responses((status = 200, body = DefiOut), (status = 404, body = super::openapi::ErrorBody)))]
pub async fn one(
    State(state): State<AppState>,
    MaybeUser(user): MaybeUser,
    Path(id): Path<Uuid>,
) -> Result<Json<DefiOut>, AppError> {
    let person = user.as_ref().map(|u| &u.person);
    Ok(Json((&rules::visible(&state, id, person).await?).into()))
}

#[derive(Deserialize, ToSchema)]
pub struct DefiIn {
    title: String,
    #[serde(default)]
    context: String,
    question: String,
    #[serde(default)]
    deliverable: String,
    /// A territory reference ("departement:29"), or empty for the whole country.
    #[serde(default)]
    territory: String,
    /// draft, published (default) or closed.
    #[serde(default)]
    status: String,
    #[serde(default)]
    challenges: Vec<String>,
    /// Sponsor structures.
    #[serde(default)]
    sponsors: Vec<Uuid>,
    /// Structures the caller manages (creation only; at least one).
    #[serde(default)]
    owners: Vec<Uuid>,
}

impl DefiIn {
    fn input(&self) -> DefiInput {
        DefiInput {
            title: self.title.clone(),
            context: self.context.clone(),
            question: self.question.clone(),
            deliverable: self.deliverable.clone(),
            territory: self.territory.clone(),
            status: self.status.clone(),
            challenges: self.challenges.clone(),
        }
    }
}

fn failure(e: EditFailure) -> AppError {
    match e {
        EditFailure::Invalid(f) => AppError::Invalid(f),
        EditFailure::App(e) => e,
    }
}

/// Posts a défi for structures the caller manages.
#[utoipa::path(post, path = "/api/v1/defis", tag = "defis", security(("bearer" = [])),
    request_body = DefiIn,
    responses((status = 201, body = DefiOut), (status = 422, body = super::openapi::ErrorBody)))]
pub async fn create(
    State(state): State<AppState>,
    user: User,
    ApiJson(body): ApiJson<DefiIn>,
) -> Result<(StatusCode, Json<DefiOut>), AppError> {
    let person = user.confirmed()?;
    let d = rules::create(
        &state,
        person,
        &body.input(),
        &body.owners,
        Ok(body.sponsors.clone()),
    )
    .await
    .map_err(failure)?;
    Ok((StatusCode::CREATED, Json((&d).into())))
}

/// Rewrites a défi (managers of an owner structure; 404 for anybody else); owners stay.
#[utoipa::path(put, path = "/api/v1/defis/{id}", tag = "defis", security(("bearer" = [])),
    request_body = DefiIn,
    responses((status = 200, body = DefiOut), (status = 404, body = super::openapi::ErrorBody),
        (status = 422, body = super::openapi::ErrorBody)))]
pub async fn update(
    State(state): State<AppState>,
    user: User,
    ClientIp(ip): ClientIp,
    Path(id): Path<Uuid>,
    ApiJson(body): ApiJson<DefiIn>,
) -> Result<Json<DefiOut>, AppError> {
    let person = user.confirmed()?;
    let d = rules::managed(&state, id, person).await?;
    let sponsors = body.sponsors.clone();
    let d = rules::update(&state, person, &d, &body.input(), Ok(sponsors), Some(&ip))
        .await
        .map_err(failure)?;
    Ok(Json((&d).into()))
}
