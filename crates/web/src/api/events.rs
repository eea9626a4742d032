//! Events through the API: the list (upcoming or past, by kind and territory), one event,
//! creating and editing one (organisers), cancelling it, registering and cancelling one's
//! registration, and the attendee list (organisers; 404 for anybody else). The rules are the
//! pages' (`crate::events`).

use super::ApiJson;
use crate::auth::User;
use crate::error::AppError;
use crate::events::{self as rules, EditFailure};
use crate::state::AppState;
use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use axum::routing::{get, post};
use axum::{Json, Router};
use chrono::{DateTime, Utc};
use essaim_domain::events::{EventInput, Kind};
use essaim_domain::territory::{TerritoryLevel, TerritoryRef};
use essaim_store::events::{EventFilter, EventRow, Registration};
use essaim_store::utc_now;
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};
use uuid::Uuid;

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/events", get(list).post(create))
        .route("/events/{id}", get(one).put(update))
        .route("/events/{id}/cancel", post(cancel))
        .route(
            "/events/{id}/registration",
            get(my_registration).post(register).delete(unregister),
        )
        .route("/events/{id}/attendees", get(attendees))
}

#[derive(Serialize, ToSchema)]
pub struct EventOut {
    id: Uuid,
    /// meetup, world_cafe, collecte or hackathon.
    kind: String,
    title: String,
    /// Markdown.
    description: String,
    starts_at: DateTime<Utc>,
    ends_at: DateTime<Utc>,
    address: String,
    /// A commune reference ("commune:29019"), or empty for an online event.
    commune: String,
    departement: Option<String>,
    region: Option<String>,
    online_url: Option<String>,
    /// None: unlimited.
    capacity: Option<i64>,
    confirmed: i64,
    waiting: i64,
    registration_open: bool,
    /// published or cancelled.
    status: String,
}

impl From<&EventRow> for EventOut {
    fn from(e: &EventRow) -> Self {
        EventOut {
            id: e.id,
            kind: e.kind.clone(),
            title: e.title.clone(),
            description: e.description.clone(),
            starts_at: e.starts_at,
            ends_at: e.ends_at,
            address: e.address.clone(),
            commune: e.commune.clone(),
            departement: e.departement.clone(),
            region: e.region.clone(),
            online_url: e.online_url.clone(),
            capacity: e.capacity,
            confirmed: e.confirmed,
            waiting: e.waiting,
            registration_open: e.registration_open,
            status: e.status.clone(),
        }
    }
}

#[derive(Serialize, ToSchema)]
pub struct EventList {
    items: Vec<EventOut>,
}

#[derive(Deserialize, IntoParams)]
pub struct ListQuery {
    /// true: events that have ended, latest first; upcoming otherwise, soonest first.
    past: Option<bool>,
    kind: Option<String>,
    /// A département or région reference ("departement:29", "region:53").
    territory: Option<String>,
}

/// Events, upcoming by default.
#[utoipa::path(get, path = "/api/v1/events", tag = "events", params(ListQuery),
    responses((status = 200, body = EventList), (status = 422, body = super::openapi::ErrorBody)))]
pub async fn list(
    State(state): State<AppState>,
    Query(q): Query<ListQuery>,
) -> Result<Json<EventList>, AppError> {
    let now = utc_now();
    let past = q.past.unwrap_or(false);
    let kind = match q.kind.as_deref().map(str::trim).filter(|k| !k.is_empty()) {
        None => None,
        Some(k) => Some(
            Kind::parse(k)
                .ok_or(AppError::Unprocessable("events_kind_invalid"))?
                .as_str()
                .to_owned(),
        ),
    };
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
                .ok_or(AppError::Unprocessable("events_territory_invalid"))?;
            match r.level {
                TerritoryLevel::Departement => (Some(r.code), None),
                TerritoryLevel::Region => (None, Some(r.code)),
                _ => return Err(AppError::Unprocessable("events_territory_invalid")),
            }
        }
    };
    let events = state
        .store
        .list_events(&EventFilter {
            upcoming_at: (!past).then_some(now),
            past_at: past.then_some(now),
            kind,
            departement,
            region,
            published_only: false,
            limit: 200,
        })
        .await?;
    Ok(Json(EventList {
        items: events.iter().map(Into::into).collect(),
    }))
}

/// One event.
#[utoipa::path(get, path = "/api/v1/events/{id}", tag = "events",
    responses((status = 200, body = EventOut), (status = 404, body = super::openapi::ErrorBody)))]
pub async fn one(
    State(state): State<AppState>,
    Path(id): Path<Uuid>,
) -> Result<Json<EventOut>, AppError> {
    Ok(Json((&rules::find(&state, id).await?).into()))
}

#[derive(Deserialize, ToSchema)]
pub struct EventIn {
    kind: String,
    title: String,
    #[serde(default)]
    description: String,
    /// RFC 3339, or Paris wall-clock time `YYYY-MM-DDTHH:MM`.
    starts_at: String,
    ends_at: String,
    #[serde(default)]
    address: String,
    /// A commune reference ("commune:29019") or its INSEE code.
    #[serde(default)]
    commune: String,
    /// https only.
    #[serde(default)]
    online_url: String,
    /// None: unlimited.
    #[serde(default)]
    capacity: Option<i64>,
    #[serde(default = "yes")]
    registration_open: bool,
    /// Structures the caller manages (creation only; at least one).
    #[serde(default)]
    organisers: Vec<Uuid>,
}

fn yes() -> bool {
    true
}

impl EventIn {
    fn input(&self) -> EventInput {
        EventInput {
            kind: self.kind.clone(),
            title: self.title.clone(),
            description: self.description.clone(),
            starts_at: self.starts_at.clone(),
            ends_at: self.ends_at.clone(),
            address: self.address.clone(),
            commune: self.commune.clone(),
            online_url: self.online_url.clone(),
            capacity: self.capacity.map(|c| c.to_string()).unwrap_or_default(),
            registration_open: self.registration_open,
        }
    }
}

fn failure(e: EditFailure) -> AppError {
    match e {
        EditFailure::Invalid(f) => AppError::Invalid(f),
        EditFailure::App(e) => e,
    }
}

/// Creates an event for structures the caller manages.
#[utoipa::path(post, path = "/api/v1/events", tag = "events", security(("bearer" = [])),
    request_body = EventIn,
    responses((status = 201, body = EventOut), (status = 422, body = super::openapi::ErrorBody)))]
pub async fn create(
    State(state): State<AppState>,
    user: User,
    ApiJson(body): ApiJson<EventIn>,
) -> Result<(StatusCode, Json<EventOut>), AppError> {
    let person = user.confirmed()?;
    let e = rules::create(&state, person, &body.input(), &body.organisers)
        .await
        .map_err(failure)?;
    Ok((StatusCode::CREATED, Json((&e).into())))
}

/// Rewrites an event (its organisers' managers); a raised capacity moves the waiting list up.
#[utoipa::path(put, path = "/api/v1/events/{id}", tag = "events", security(("bearer" = [])),
    request_body = EventIn,
    responses((status = 200, body = EventOut), (status = 404, body = super::openapi::ErrorBody),
        (status = 422, body = super::openapi::ErrorBody)))]
pub async fn update(
    State(state): State<AppState>,
    user: User,
    Path(id): Path<Uuid>,
    ApiJson(body): ApiJson<EventIn>,
) -> Result<Json<EventOut>, AppError> {
    let person = user.confirmed()?;
    let e = rules::managed(&state, id, person).await?;
    let e = rules::update(&state, &e, &body.input())
        .await
        .map_err(failure)?;
    Ok(Json((&e).into()))
}

/// Cancels an event; everyone registered is mailed.
#[utoipa::path(post, path = "/api/v1/events/{id}/cancel", tag = "events", security(("bearer" = [])),
    responses((status = 200, body = EventOut), (status = 404, body = super::openapi::ErrorBody),
        (status = 409, body = super::openapi::ErrorBody)))]
pub async fn cancel(
    State(state): State<AppState>,
    user: User,
    Path(id): Path<Uuid>,
) -> Result<Json<EventOut>, AppError> {
    let person = user.confirmed()?;
    let e = rules::managed(&state, id, person).await?;
    Ok(Json((&rules::cancel(&state, &e).await?).into()))
}

#[derive(Serialize, ToSchema)]
pub struct RegistrationOut {
    event_id: Uuid,
    /// confirmed, waiting or cancelled.
    status: String,
    registered_at: DateTime<Utc>,
}

impl From<&Registration> for RegistrationOut {
    fn from(r: &Registration) -> Self {
        RegistrationOut {
            event_id: r.event_id,
            status: r.status.clone(),
            registered_at: r.registered_at,
        }
    }
}

/// The caller's registration (404 when none).
#[utoipa::path(get, path = "/api/v1/events/{id}/registration", tag = "events", security(("bearer" = [])),
    responses((status = 200, body = RegistrationOut), (status = 404, body = super::openapi::ErrorBody)))]
pub async fn my_registration(
    State(state): State<AppState>,
    user: User,
    Path(id): Path<Uuid>,
) -> Result<Json<RegistrationOut>, AppError> {
    let r = state
        .store
        .registration_of(id, user.person().id)
        .await?
        .ok_or(AppError::NotFound)?;
    Ok(Json((&r).into()))
}

/// Registers the caller: confirmed while there is room, on the waiting list otherwise.
#[utoipa::path(post, path = "/api/v1/events/{id}/registration", tag = "events", security(("bearer" = [])),
    responses((status = 201, body = RegistrationOut), (status = 404, body = super::openapi::ErrorBody),
        (status = 409, body = super::openapi::ErrorBody), (status = 429, body = super::openapi::ErrorBody)))]
pub async fn register(
    State(state): State<AppState>,
    user: User,
    Path(id): Path<Uuid>,
) -> Result<(StatusCode, Json<RegistrationOut>), AppError> {
    let person = user.confirmed()?;
    let e = rules::find(&state, id).await?;
    let r = rules::register(&state, &e, person).await?;
    Ok((StatusCode::CREATED, Json((&r).into())))
}

/// Cancels the caller's registration; the head of the waiting list moves up.
#[utoipa::path(delete, path = "/api/v1/events/{id}/registration", tag = "events", security(("bearer" = [])),
    responses((status = 204), (status = 404, body = super::openapi::ErrorBody),
        (status = 409, body = super::openapi::ErrorBody)))]
pub async fn unregister(
    State(state): State<AppState>,
    user: User,
    Path(id): Path<Uuid>,
) -> Result<StatusCode, AppError> {
    let person = user.confirmed()?;
    let e = rules::find(&state, id).await?;
    rules::unregister(&state, &e, person).await?;
    Ok(StatusCode::NO_CONTENT)
}

#[derive(Serialize, ToSchema)]
pub struct AttendeeOut {
    name: String,
    email: String,
    /// confirmed or waiting.
    status: String,
    registered_at: DateTime<Utc>,
}

#[derive(Serialize, ToSchema)]
pub struct AttendeeList {
    items: Vec<AttendeeOut>,
}

/// The attendee list: confirmed, then the waiting list in order (organisers only; 404 else).
#[utoipa::path(get, path = "/api/v1/events/{id}/attendees", tag = "events", security(("bearer" = [])),
    responses((status = 200, body = AttendeeList), (status = 404, body = super::openapi::ErrorBody)))]
pub async fn attendees(
    State(state): State<AppState>,
    user: User,
    Path(id): Path<Uuid>,
) -> Result<Json<AttendeeList>, AppError> {
    let person = user.confirmed()?;
    let e = rules::managed(&state, id, person).await?;
    let items = state
        .store
        .registrations(e.id)
        .await?
        .into_iter()
        .map(|r| AttendeeOut {
            name: r.person_name,
            email: r.email,
            status: r.status,
            registered_at: r.registered_at,
        })
        .collect();
    Ok(Json(AttendeeList { items }))
}
