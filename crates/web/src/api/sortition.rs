//! Citizens' panels (*tirages au sort*) through the API: the public aggregates and the
//! published inputs of each draw for everyone; the pool, the selection and the draws for the
//! organisers. The rules are the pages' (`crate::sortition`).

use super::ApiJson;
use crate::auth::User;
use crate::error::AppError;
use crate::sortition::{
    can_organise, categories, compute_selection, draw, panel_quotas, parse_features, replace,
    selection, Selection, SortitionFailure,
};
use crate::state::AppState;
use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use axum::{Json, Router};
use essaim_domain::sortition::instance::household_key;
use essaim_domain::sortition::report::{QuotaRow, Summary};
use essaim_store::sortition::{NewVolunteer, Panel, PanelSummary, IMPORT};
use essaim_store::{utc_now, Page, StoreError};
use serde::{Deserialize, Serialize};
use std::collections::HashMap;
use utoipa::{IntoParams, ToSchema};
use uuid::Uuid;

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/panels", get(list))
        .route("/panels/{id}", get(one))
        .route("/panels/{id}/draws/{round}/inputs", get(inputs))
        .route("/panels/{id}/volunteers", get(volunteers).post(import))
        .route("/panels/{id}/selection", post(select))
        .route("/panels/{id}/draws", post(draw_panel))
}

async fn find(state: &AppState, id: Uuid) -> Result<Panel, AppError> {
    state.store.get_panel(id).await?.ok_or(AppError::NotFound)
}

async fn organised(state: &AppState, id: Uuid, user: &User) -> Result<Panel, AppError> {
    let panel = find(state, id).await?;
    if !can_organise(state, &panel, user.confirmed()?).await? {
        return Err(AppError::Forbidden);
    }
    Ok(panel)
}

#[derive(Serialize, ToSchema)]
pub struct PanelItem {
    id: Uuid,
    structure_id: Uuid,
    title: String,
    panel_size: i32,
    volunteers: i64,
    selected: i64,
    registration_closes_at: Option<chrono::DateTime<chrono::Utc>>,
    formed_at: Option<chrono::DateTime<chrono::Utc>>,
    created_at: chrono::DateTime<chrono::Utc>,
}

impl From<&PanelSummary> for PanelItem {
    fn from(s: &PanelSummary) -> Self {
        PanelItem {
            id: s.id,
            structure_id: s.structure_id,
            title: s.title.clone(),
            panel_size: s.panel_size,
            volunteers: s.volunteers,
            selected: s.selected,
            registration_closes_at: s.registration_closes_at,
            formed_at: s.formed_at,
            created_at: s.created_at,
        }
    }
}

#[derive(Serialize, ToSchema)]
pub struct PanelList {
    items: Vec<PanelItem>,
    total: i64,
}

#[derive(Deserialize, IntoParams)]
pub struct ListQuery {
    /// 1 to 200, default 50.
    limit: Option<i64>,
    offset: Option<i64>,
}

/// Panels, newest first.
#[utoipa::path(get, path = "/api/v1/panels", tag = "sortition", params(ListQuery),
    responses((status = 200, body = PanelList)))]
pub async fn list(
    State(state): State<AppState>,
    Query(q): Query<ListQuery>,
) -> Result<Json<PanelList>, AppError> {
    let page = Page {
        limit: q.limit.unwrap_or(50).clamp(1, 200),
        offset: q.offset.unwrap_or(0).max(0),
    };
    let items = state.store.list_panels(page).await?;
    Ok(Json(PanelList {
        items: items.iter().map(Into::into).collect(),
        total: state.store.count_panels().await?,
    }))
}

#[derive(Serialize, ToSchema)]
pub struct DrawOut {
    round: i32,
    seed: String,
    fingerprint: String,
    /// Volunteer numbers drawn (public pseudonyms).
    selected: Vec<i32>,
    /// Volunteer numbers who declined before this round.
    declined: Vec<i32>,
    created_at: chrono::DateTime<chrono::Utc>,
}

/// Aggregates only: never a volunteer's name or features.
#[derive(Serialize, ToSchema)]
pub struct PanelOut {
    id: Uuid,
    structure_id: Uuid,
    title: String,
    /// Markdown.
    purpose: String,
    panel_size: i32,
    one_per_household: bool,
    /// The quotas: categories with their features' `min` and `max`.
    #[schema(value_type = Object)]
    categories: serde_json::Value,
    registration_closes_at: Option<chrono::DateTime<chrono::Utc>>,
    volunteers: i64,
    /// The selection's figures (minimum and maximum probability, Gini, histogram), once
    /// computed.
    #[schema(value_type = Option<Object>)]
    selection: Option<Summary>,
    /// The fingerprint of the inputs of the first draw, published before the seed.
    fingerprint: Option<String>,
    draws: Vec<DrawOut>,
    /// The quotas against the drawn panel, once formed.
    #[schema(value_type = Option<Vec<Object>>)]
    quotas: Option<Vec<QuotaRow>>,
    formed_at: Option<chrono::DateTime<chrono::Utc>>,
    pool_erased_at: Option<chrono::DateTime<chrono::Utc>>,
}

/// A panel: its quotas, the selection's aggregates, and its draws.
#[utoipa::path(get, path = "/api/v1/panels/{id}", tag = "sortition", params(("id" = Uuid, Path,)),
    responses((status = 200, body = PanelOut), (status = 404, body = super::openapi::ErrorBody)))]
pub async fn one(
    State(state): State<AppState>,
    Path(id): Path<Uuid>,
) -> Result<Json<PanelOut>, AppError> {
    let panel = find(&state, id).await?;
    let draws = state.store.list_draws(id).await?;
    let quotas = if panel.formed_at.is_some() {
        let volunteers = state.store.list_volunteers(id).await?;
        Some(panel_quotas(&panel, &volunteers)?)
    } else {
        None
    };
    let stored = selection(&panel);
    Ok(Json(PanelOut {
        id: panel.id,
        structure_id: panel.structure_id,
        title: panel.title.clone(),
        purpose: panel.purpose.clone(),
        panel_size: panel.panel_size,
        one_per_household: panel.one_per_household,
        categories: panel.categories.clone(),
        registration_closes_at: panel.registration_closes_at,
        volunteers: state.store.count_volunteers(id).await?,
        fingerprint: stored.as_ref().map(|s| s.fingerprint.clone()),
        selection: stored.map(|s| s.summary),
        draws: draws
            .into_iter()
            .map(|d| DrawOut {
                round: d.round,
                seed: d.seed,
                fingerprint: d.fingerprint,
                selected: d.selected,
                declined: d.declined,
                created_at: d.created_at,
            })
            .collect(),
        quotas,
        formed_at: panel.formed_at,
        pool_erased_at: panel.pool_erased_at,
    }))
}

/// The published inputs of a draw (round 0: the panel; 1, 2…: replacements), to reproduce it
/// with `essaim sortition draw FILE --seed S`. Round 0 is published as soon as the selection
/// is computed, before the seed is known.
#[utoipa::path(get, path = "/api/v1/panels/{id}/draws/{round}/inputs", tag = "sortition",
    params(("id" = Uuid, Path,), ("round" = i32, Path,)),
    responses((status = 200, body = Object), (status = 404, body = super::openapi::ErrorBody)))]
pub async fn inputs(
    State(state): State<AppState>,
    Path((id, round)): Path<(Uuid, i32)>,
) -> Result<Json<serde_json::Value>, AppError> {
    let panel = find(&state, id).await?;
    if let Some(d) = state
        .store
        .list_draws(id)
        .await?
        .into_iter()
        .find(|d| d.round == round)
    {
        return Ok(Json(d.inputs));
    }
    match selection(&panel) {
        Some(s) if round == 0 => Ok(Json(
            serde_json::to_value(&s.inputs).map_err(|e| AppError::Internal(e.into()))?,
        )),
        _ => Err(AppError::NotFound),
    }
}

#[derive(Serialize, ToSchema)]
pub struct VolunteerOut {
    number: i32,
    name: String,
    email: String,
    household: String,
    /// Category → feature.
    #[schema(value_type = Object)]
    features: serde_json::Value,
    /// `registration` or `import`.
    source: String,
    /// `pool`, `selected` or `declined`.
    status: String,
    /// The selection probability, once computed.
    probability: Option<f64>,
}

/// The pool, for the organisers (personal data).
#[utoipa::path(get, path = "/api/v1/panels/{id}/volunteers", tag = "sortition", security(("bearer" = [])),
    params(("id" = Uuid, Path,)),
    responses((status = 200, body = Vec<VolunteerOut>), (status = 401, body = super::openapi::ErrorBody),
              (status = 403, body = super::openapi::ErrorBody), (status = 404, body = super::openapi::ErrorBody)))]
pub async fn volunteers(
    State(state): State<AppState>,
    Path(id): Path<Uuid>,
    user: User,
) -> Result<Json<Vec<VolunteerOut>>, AppError> {
    let panel = organised(&state, id, &user).await?;
    let probabilities: HashMap<u32, f64> = selection(&panel)
        .map(|s: Selection| s.numbers.into_iter().zip(s.probabilities).collect())
        .unwrap_or_default();
    let list = state.store.list_volunteers(id).await?;
    Ok(Json(
        list.into_iter()
            .map(|v| VolunteerOut {
                probability: probabilities.get(&(v.number as u32)).copied(),
                number: v.number,
                name: v.name,
                email: v.email,
                household: v.household,
                features: v.features,
                source: v.source,
                status: v.status,
            })
            .collect(),
    ))
}

#[derive(Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct VolunteerIn {
    #[serde(default)]
    name: String,
    #[serde(default)]
    email: String,
    #[serde(default)]
    household: String,
    /// Category → feature, one per category.
    #[serde(default)]
    features: HashMap<String, String>,
}

#[derive(Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct ImportBody {
    volunteers: Vec<VolunteerIn>,
}

#[derive(Serialize, ToSchema)]
pub struct Imported {
    imported: u64,
}

/// Adds respondents to the pool, all or none (a survey's respondents, for instance).
#[utoipa::path(post, path = "/api/v1/panels/{id}/volunteers", tag = "sortition", security(("bearer" = [])),
    params(("id" = Uuid, Path,)), request_body = ImportBody,
    responses((status = 201, body = Imported), (status = 401, body = super::openapi::ErrorBody),
              (status = 403, body = super::openapi::ErrorBody), (status = 409, body = super::openapi::ErrorBody),
              (status = 422, body = super::openapi::ErrorBody)))]
pub async fn import(
    State(state): State<AppState>,
    Path(id): Path<Uuid>,
    user: User,
    ApiJson(body): ApiJson<ImportBody>,
) -> Result<(StatusCode, Json<Imported>), AppError> {
    let panel = organised(&state, id, &user).await?;
    if body.volunteers.is_empty() || body.volunteers.len() > 100_000 {
        return Err(AppError::Unprocessable("sortition_import_size"));
    }
    let cats = categories(&panel)?;
    let now = utc_now();
    let mut rows = Vec::with_capacity(body.volunteers.len());
    for v in body.volunteers {
        let features = parse_features(&cats, &v.features).map_err(AppError::Unprocessable)?;
        let email = v.email.trim().to_string();
        if !email.is_empty() && essaim_domain::Email::parse(&email).is_err() {
            return Err(AppError::Unprocessable("email_invalid"));
        }
        rows.push(NewVolunteer {
            person_id: None,
            name: v.name.trim().chars().take(200).collect(),
            email,
            household: household_key(&v.household),
            features,
            source: IMPORT.into(),
            created_at: now,
        });
    }
    let imported = match state.store.import_volunteers(id, &rows).await {
        Ok(n) => n,
        Err(StoreError::AlreadyExists) => {
            return Err(AppError::Conflict("sortition_already_registered"))
        }
        Err(StoreError::Conflict(code)) => return Err(AppError::Conflict(code)),
        Err(e) => return Err(e.into()),
    };
    Ok((StatusCode::CREATED, Json(Imported { imported })))
}

fn failure(f: SortitionFailure) -> Response {
    match f {
        SortitionFailure::Refused(code) => AppError::Unprocessable(code).into_response(),
        SortitionFailure::Infeasible(explanation) => (
            StatusCode::UNPROCESSABLE_ENTITY,
            Json(serde_json::json!({
                "code": "sortition_infeasible",
                "message": explanation.to_string(),
                "explanation": explanation,
            })),
        )
            .into_response(),
        SortitionFailure::App(e) => e.into_response(),
    }
}

/// Computes the LEXIMIN selection of the current pool and publishes the fingerprint of the
/// first draw's inputs. Infeasible quotas give 422 `sortition_infeasible` with an
/// `explanation` (the quotas the closest panel misses).
#[utoipa::path(post, path = "/api/v1/panels/{id}/selection", tag = "sortition", security(("bearer" = [])),
    params(("id" = Uuid, Path,)),
    responses((status = 200, body = Object), (status = 401, body = super::openapi::ErrorBody),
              (status = 403, body = super::openapi::ErrorBody), (status = 422, body = super::openapi::ErrorBody)))]
pub async fn select(
    State(state): State<AppState>,
    Path(id): Path<Uuid>,
    user: User,
) -> Result<Response, AppError> {
    let panel = organised(&state, id, &user).await?;
    Ok(match compute_selection(&state, &panel).await {
        Ok(s) => Json(serde_json::json!({
            "summary": s.summary,
            "fingerprint": s.fingerprint,
            "seconds": s.seconds,
        }))
        .into_response(),
        Err(f) => failure(f),
    })
}

#[derive(Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct DrawBody {
    /// The public seed as announced; separators and leading zeros do not matter.
    seed: String,
    /// Numbers of selected volunteers who declined: draws their replacements.
    #[serde(default)]
    declined: Vec<u32>,
}

/// Draws the panel (first call) or replacements for the volunteers who declined.
#[utoipa::path(post, path = "/api/v1/panels/{id}/draws", tag = "sortition", security(("bearer" = [])),
    params(("id" = Uuid, Path,)), request_body = DrawBody,
    responses((status = 201, body = Object), (status = 401, body = super::openapi::ErrorBody),
              (status = 403, body = super::openapi::ErrorBody), (status = 422, body = super::openapi::ErrorBody)))]
pub async fn draw_panel(
    State(state): State<AppState>,
    Path(id): Path<Uuid>,
    user: User,
    ApiJson(body): ApiJson<DrawBody>,
) -> Result<Response, AppError> {
    let panel = organised(&state, id, &user).await?;
    let person = user.confirmed()?;
    let result = if panel.formed_at.is_none() && body.declined.is_empty() {
        draw(&state, &panel, &body.seed, person).await
    } else {
        replace(&state, &panel, &body.declined, &body.seed, person).await
    };
    Ok(match result {
        Ok(selected) => {
            let seed =
                essaim_domain::sortition::lottery::normalise_seed(&body.seed).unwrap_or_default();
            (
                StatusCode::CREATED,
                Json(serde_json::json!({ "seed": seed, "selected": selected })),
            )
                .into_response()
        }
        Err(f) => failure(f),
    })
}
