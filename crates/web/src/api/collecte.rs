//! Collecte through the API. The facilitator's endpoints (the managers of an event of kind
//! collecte; 404 for anybody else): open, read with its items, the items changed since a
//! revision, close, merge, discard, and turn an item into a draft initiative. The room's:
//! submitting an item by the join code, without an account (a wrong code is a 404 and counts
//! against the address; a closed collection answers 409 `collecte-closed`; throttled per
//! address and per phone: the `X-Collecte-Phone` header carries the token a first submission
//! returns; submissions without it have a tight limit per address). The rules are the
//! pages' (`crate::collecte`).

use super::ApiJson;
use crate::auth::{ClientIp, MaybeUser, User};
use crate::collecte::{self as rules, Failure};
use crate::error::AppError;
use crate::state::AppState;
use axum::extract::{Path, Query, State};
use axum::http::{HeaderMap, StatusCode};
use axum::routing::{get, post};
use axum::{Json, Router};
use chrono::{DateTime, Utc};
use essaim_domain::collecte::ItemInput;
use essaim_store::collecte::{conflict, Collecte, Item};
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};
use uuid::Uuid;

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/events/{id}/collecte", get(one).post(open))
        .route("/events/{id}/collecte/close", post(close))
        .route("/events/{id}/collecte/items", get(items))
        .route("/events/{id}/collecte/merge", post(merge))
        .route("/events/{id}/collecte/items/{item}/discard", post(discard))
        .route(
            "/events/{id}/collecte/items/{item}/initiative",
            post(convert),
        )
        .route("/collecte/{code}/items", post(submit))
}

#[derive(Serialize, ToSchema)]
pub struct CollecteOut {
    id: Uuid,
    event_id: Uuid,
    /// The join code (7 characters).
    code: String,
    /// The public join URL (what the QR code holds).
    join_url: String,
    /// open or closed.
    status: String,
    opened_at: DateTime<Utc>,
    closed_at: Option<DateTime<Utc>>,
    /// The revision of the last change: ask `items?since=` with it.
    revision: i64,
    /// Items kept (active or converted).
    item_count: i64,
    items: Vec<ItemOut>,
}

#[derive(Serialize, ToSchema)]
pub struct ItemOut {
    id: Uuid,
    number: i64,
    name: String,
    /// A commune reference ("commune:29019").
    commune: String,
    what: String,
    carrier: String,
    /// Given with the consent of the person; organisers only.
    contact: Option<String>,
    /// active, merged, discarded or converted.
    status: String,
    merged_into: Option<Uuid>,
    initiative_id: Option<Uuid>,
    created_at: DateTime<Utc>,
    updated_at: DateTime<Utc>,
    revision: i64,
}

impl From<&Item> for ItemOut {
    fn from(i: &Item) -> Self {
        ItemOut {
            id: i.id,
            number: i.number,
            name: i.name.clone(),
            commune: i.commune.clone(),
            what: i.what.clone(),
            carrier: i.carrier.clone(),
            contact: i.contact.clone(),
            status: i.status.clone(),
            merged_into: i.merged_into,
            initiative_id: i.initiative_id,
            created_at: i.created_at,
            updated_at: i.updated_at,
            revision: i.revision,
        }
    }
}

fn out(state: &AppState, c: &Collecte, items: &[Item]) -> CollecteOut {
    CollecteOut {
        id: c.id,
        event_id: c.event_id,
        code: c.code.clone(),
        join_url: rules::join_url(state, &c.code),
        status: c.status.clone(),
        opened_at: c.opened_at,
        closed_at: c.closed_at,
        revision: c.revision,
        item_count: c.items,
        items: items.iter().map(Into::into).collect(),
    }
}

/// Opens the event's collection with a fresh join code.
#[utoipa::path(post, path = "/api/v1/events/{id}/collecte", tag = "collecte", security(("bearer" = [])),
    responses((status = 201, body = CollecteOut), (status = 404, body = super::openapi::ErrorBody),
        (status = 409, body = super::openapi::ErrorBody)))]
pub async fn open(
    State(state): State<AppState>,
    user: User,
    Path(id): Path<Uuid>,
) -> Result<(StatusCode, Json<CollecteOut>), AppError> {
    let person = user.confirmed()?;
    let e = rules::managed_event(&state, id, person).await?;
    let c = rules::open(&state, &e, person).await?;
    Ok((StatusCode::CREATED, Json(out(&state, &c, &[]))))
}

/// The event's collection and every item.
#[utoipa::path(get, path = "/api/v1/events/{id}/collecte", tag = "collecte", security(("bearer" = [])),
    responses((status = 200, body = CollecteOut), (status = 404, body = super::openapi::ErrorBody)))]
pub async fn one(
    State(state): State<AppState>,
    user: User,
    Path(id): Path<Uuid>,
) -> Result<Json<CollecteOut>, AppError> {
    let (_, c) = rules::managed(&state, id, user.person()).await?;
    let items = state.store.items(c.id).await?;
    Ok(Json(out(&state, &c, &items)))
}

#[derive(Deserialize, IntoParams)]
pub struct SinceQuery {
    /// A revision: only the items changed after it, in order of change.
    since: Option<i64>,
}

#[derive(Serialize, ToSchema)]
pub struct ItemList {
    /// The revision to ask from next time.
    revision: i64,
    items: Vec<ItemOut>,
}

/// The items changed after a revision (all of them without `since`).
#[utoipa::path(get, path = "/api/v1/events/{id}/collecte/items", tag = "collecte", security(("bearer" = [])),
    params(SinceQuery),
    responses((status = 200, body = ItemList), (status = 404, body = super::openapi::ErrorBody)))]
pub async fn items(
    State(state): State<AppState>,
    user: User,
    Path(id): Path<Uuid>,
    Query(q): Query<SinceQuery>,
) -> Result<Json<ItemList>, AppError> {
    let (_, c) = rules::managed(&state, id, user.person()).await?;
    let since = q.since.unwrap_or(0);
    if since < 0 {
        return Err(AppError::Unprocessable("collecte_since_invalid"));
    }
    let items = state.store.items_since(c.id, since).await?;
    let revision = items.iter().map(|i| i.revision).max().unwrap_or(since);
    Ok(Json(ItemList {
        revision,
        items: items.iter().map(Into::into).collect(),
    }))
}

/// Closes the collection: its code expires.
#[utoipa::path(post, path = "/api/v1/events/{id}/collecte/close", tag = "collecte", security(("bearer" = [])),
    responses((status = 200, body = CollecteOut), (status = 404, body = super::openapi::ErrorBody),
        (status = 409, body = super::openapi::ErrorBody)))]
pub async fn close(
    State(state): State<AppState>,
    user: User,
    ClientIp(ip): ClientIp,
    Path(id): Path<Uuid>,
) -> Result<Json<CollecteOut>, AppError> {
    let (_, c) = rules::managed(&state, id, user.person()).await?;
    let c = rules::close(&state, &c, user.person(), &ip).await?;
    let items = state.store.items(c.id).await?;
    Ok(Json(out(&state, &c, &items)))
}

#[derive(Deserialize, ToSchema)]
pub struct MergeIn {
    /// The item kept.
    keep: Uuid,
    /// Its duplicates, marked merged into it (their text stays).
    duplicates: Vec<Uuid>,
}

/// Merges duplicates into the item kept.
#[utoipa::path(post, path = "/api/v1/events/{id}/collecte/merge", tag = "collecte", security(("bearer" = [])),
    request_body = MergeIn,
    responses((status = 200, body = ItemList), (status = 404, body = super::openapi::ErrorBody),
        (status = 409, body = super::openapi::ErrorBody)))]
pub async fn merge(
    State(state): State<AppState>,
    user: User,
    Path(id): Path<Uuid>,
    ApiJson(body): ApiJson<MergeIn>,
) -> Result<Json<ItemList>, AppError> {
    let (_, c) = rules::managed(&state, id, user.person()).await?;
    if body.duplicates.is_empty() || body.duplicates.len() > 100 {
        return Err(AppError::Unprocessable(conflict::BAD_MERGE));
    }
    let merged = rules::merge(&state, &c, body.keep, &body.duplicates).await?;
    Ok(Json(ItemList {
        revision: merged.iter().map(|i| i.revision).max().unwrap_or(0),
        items: merged.iter().map(Into::into).collect(),
    }))
}

/// Discards an item.
#[utoipa::path(post, path = "/api/v1/events/{id}/collecte/items/{item}/discard", tag = "collecte", security(("bearer" = [])),
    responses((status = 200, body = ItemOut), (status = 404, body = super::openapi::ErrorBody),
        (status = 409, body = super::openapi::ErrorBody)))]
pub async fn discard(
    State(state): State<AppState>,
    user: User,
    Path((id, item)): Path<(Uuid, Uuid)>,
) -> Result<Json<ItemOut>, AppError> {
    let (_, c) = rules::managed(&state, id, user.person()).await?;
    let item = rules::item_of(&state, &c, item).await?;
    Ok(Json((&rules::discard(&state, &item).await?).into()))
}

#[derive(Serialize, ToSchema)]
pub struct ConvertOut {
    initiative_id: Uuid,
    item: ItemOut,
}

fn failure(f: Failure) -> AppError {
    match f {
        Failure::Invalid(e) => AppError::Invalid(e),
        Failure::App(e) => e,
    }
}

/// Turns an item into a draft initiative of the caller's, which keeps where it came from.
#[utoipa::path(post, path = "/api/v1/events/{id}/collecte/items/{item}/initiative", tag = "collecte", security(("bearer" = [])),
    responses((status = 201, body = ConvertOut), (status = 404, body = super::openapi::ErrorBody),
        (status = 409, body = super::openapi::ErrorBody), (status = 422, body = super::openapi::ErrorBody)))]
pub async fn convert(
    locale: crate::i18n::Locale,
    State(state): State<AppState>,
    user: User,
    ClientIp(ip): ClientIp,
    Path((id, item)): Path<(Uuid, Uuid)>,
) -> Result<(StatusCode, Json<ConvertOut>), AppError> {
    let person = user.confirmed()?;
    let (e, c) = rules::managed(&state, id, person).await?;
    let item = rules::item_of(&state, &c, item).await?;
    let initiative_id = rules::convert(&state, locale, &e, &item, (person, &ip))
        .await
        .map_err(failure)?;
    let item = rules::item_of(&state, &c, item.id).await?;
    Ok((
        StatusCode::CREATED,
        Json(ConvertOut {
            initiative_id,
            item: (&item).into(),
        }),
    ))
}

#[derive(Deserialize, ToSchema)]
pub struct ItemIn {
    name: String,
    /// A commune reference ("commune:29019").
    commune: String,
    #[serde(default)]
    what: String,
    #[serde(default)]
    carrier: String,
    /// Refused (422 `collecte_contact_needs_consent`) unless `consent` is true.
    #[serde(default)]
    contact: String,
    #[serde(default)]
    consent: bool,
}

#[derive(Serialize, ToSchema)]
pub struct SubmittedOut {
    id: Uuid,
    number: i64,
    /// Send it back as the `X-Collecte-Phone` header with the next submissions.
    phone_token: String,
}

/// Submits an item to an open collection by its join code; no account needed.
#[utoipa::path(post, path = "/api/v1/collecte/{code}/items", tag = "collecte",
    request_body = ItemIn,
    params(("code" = String, Path, description = "The join code"),
        ("X-Collecte-Phone" = Option<String>, Header, description = "The token a first submission returned")),
    responses((status = 201, body = SubmittedOut), (status = 404, body = super::openapi::ErrorBody),
        (status = 409, body = super::openapi::ErrorBody), (status = 422, body = super::openapi::ErrorBody),
        (status = 429, body = super::openapi::ErrorBody)))]
pub async fn submit(
    State(state): State<AppState>,
    MaybeUser(user): MaybeUser,
    ClientIp(ip): ClientIp,
    headers: HeaderMap,
    Path(code): Path<String>,
    ApiJson(body): ApiJson<ItemIn>,
) -> Result<(StatusCode, Json<SubmittedOut>), AppError> {
    let c = rules::join(&state, &code, &ip).await?;
    if !c.is_open() {
        return Err(AppError::Conflict(conflict::CLOSED));
    }
    let brought = headers
        .get("x-collecte-phone")
        .and_then(|v| v.to_str().ok())
        .filter(|t| t.len() == 32 && t.bytes().all(|b| b.is_ascii_hexdigit()))
        .map(str::to_owned);
    let known = brought.is_some();
    let token = brought.unwrap_or_else(crate::auth::random_secret);
    let input = ItemInput {
        name: body.name,
        commune: body.commune,
        what: body.what,
        carrier: body.carrier,
        contact: body.contact,
        consent: body.consent,
    };
    let person = user.as_ref().map(|u| &u.person);
    let item = rules::submit(&state, &c, &input, (&token, known), person, &ip)
        .await
        .map_err(failure)?;
    Ok((
        StatusCode::CREATED,
        Json(SubmittedOut {
            id: item.id,
            number: item.number,
            phone_token: token,
        }),
    ))
}
