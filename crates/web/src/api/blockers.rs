//! Administrative blockers through the API: the list a visitor may read, reporting, one
//! blocker with its follow-up, messages, changes of status, and the aggregate counts. The
//! rules are the pages' (`crate::blockers`).

use super::ApiJson;
use crate::auth::{ClientIp, MaybeUser, User};
use crate::blockers::{self as rules, ReportFailure};
use crate::error::AppError;
use crate::state::AppState;
use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use axum::routing::{get, post};
use axum::{Json, Router};
use chrono::{DateTime, Utc};
use essaim_domain::blockers::{BlockerInput, Counts, Status};
use essaim_store::blockers::{Blocker, BlockerFilter, Event};
use essaim_store::{Page, Person};
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};
use uuid::Uuid;

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/blockers", get(list).post(create))
        .route("/blockers/summary", get(summary))
        .route("/blockers/{id}", get(one))
        .route("/blockers/{id}/messages", post(message))
        .route("/blockers/{id}/status", post(move_status))
}

#[derive(Serialize, ToSchema)]
pub struct BlockerOut {
    id: Uuid,
    title: String,
    /// Markdown.
    description: String,
    administration: String,
    since: Option<String>,
    /// Markdown.
    tried: String,
    /// A territory reference, e.g. `commune:29019`.
    territory: String,
    theme: Option<String>,
    structure_id: Option<Uuid>,
    public: bool,
    /// `reported`, `acknowledged`, `in_progress`, `unblocked` or `not_solvable`.
    status: String,
    reporter_name: String,
    created_at: DateTime<Utc>,
    unblocked_at: Option<DateTime<Utc>>,
}

impl From<&Blocker> for BlockerOut {
    fn from(b: &Blocker) -> Self {
        BlockerOut {
            id: b.id,
            title: b.title.clone(),
            description: b.description.clone(),
            administration: b.administration.clone(),
            since: b.since.clone(),
            tried: b.tried.clone(),
            territory: b.territory.clone(),
            theme: b.theme.clone(),
            structure_id: b.structure_id,
            public: b.is_public,
            status: b.status.clone(),
            reporter_name: b.reporter_name.clone(),
            created_at: b.created_at,
            unblocked_at: b.unblocked_at,
        }
    }
}

#[derive(Serialize, ToSchema)]
pub struct BlockerList {
    items: Vec<BlockerOut>,
    total: i64,
}

#[derive(Deserialize, IntoParams)]
pub struct ListQuery {
    /// A status to keep.
    status: Option<String>,
    /// 1 to 200, default 50.
    limit: Option<i64>,
    offset: Option<i64>,
}

/// Blockers the caller may read (public ones; theirs and those routed to them; all for admins),
/// newest first.
#[utoipa::path(get, path = "/api/v1/blockers", tag = "blockers", params(ListQuery),
    responses((status = 200, body = BlockerList)))]
pub async fn list(
    State(state): State<AppState>,
    MaybeUser(user): MaybeUser,
    Query(q): Query<ListQuery>,
) -> Result<Json<BlockerList>, AppError> {
    let person = user.as_ref().map(|u| &u.person);
    let filter = BlockerFilter {
        everything: person.is_some_and(Person::is_admin),
        viewer: person.map(|p| p.id),
        status: q
            .status
            .as_deref()
            .and_then(Status::parse)
            .map(|s| s.as_str().to_owned()),
    };
    let page = Page {
        limit: q.limit.unwrap_or(50).clamp(1, 200),
        offset: q.offset.unwrap_or(0).max(0),
    };
    let items = state.store.list_blockers(&filter, page).await?;
    Ok(Json(BlockerList {
        items: items.iter().map(Into::into).collect(),
        total: state.store.count_blockers(&filter).await?,
    }))
}

#[derive(Deserialize, ToSchema)]
pub struct NewBlockerIn {
    title: String,
    description: String,
    administration: String,
    /// `YYYY-MM-DD`.
    #[serde(default)]
    since: Option<String>,
    #[serde(default)]
    tried: String,
    /// A territory reference (`commune:29019`) or a bare commune code.
    territory: String,
    /// A challenge code.
    #[serde(default)]
    theme: Option<String>,
    #[serde(default)]
    structure_id: Option<Uuid>,
    public: bool,
}

/// Reports a blocker; it is routed to the public hackers whose remit covers it.
#[utoipa::path(post, path = "/api/v1/blockers", tag = "blockers", security(("bearer" = [])),
    request_body = NewBlockerIn,
    responses((status = 201, body = BlockerOut), (status = 422, body = super::openapi::ErrorBody)))]
pub async fn create(
    State(state): State<AppState>,
    user: User,
    ClientIp(ip): ClientIp,
    ApiJson(body): ApiJson<NewBlockerIn>,
) -> Result<(StatusCode, Json<BlockerOut>), AppError> {
    let person = user.confirmed()?;
    let input = BlockerInput {
        title: body.title,
        description: body.description,
        administration: body.administration,
        since: body.since.unwrap_or_default(),
        tried: body.tried,
        territory: body.territory,
        theme: body.theme.unwrap_or_default(),
        public: body.public,
    };
    match rules::report(&state, person, &input, body.structure_id, Some(&ip)).await {
        Ok(b) => Ok((StatusCode::CREATED, Json((&b).into()))),
        Err(ReportFailure::Invalid(e)) => Err(AppError::Invalid(e)),
        Err(ReportFailure::App(e)) => Err(e),
    }
}

#[derive(Serialize, ToSchema)]
pub struct EventOut {
    author_name: String,
    /// The new status, for a change of status.
    status: Option<String>,
    body: String,
    created_at: DateTime<Utc>,
}

impl From<&Event> for EventOut {
    fn from(e: &Event) -> Self {
        EventOut {
            author_name: e.author_name.clone(),
            status: e.status.clone(),
            body: e.body.clone(),
            created_at: e.created_at,
        }
    }
}

#[derive(Serialize, ToSchema)]
pub struct BlockerDetail {
    #[serde(flatten)]
    blocker: BlockerOut,
    /// Changes of status for everyone; messages too for the parties.
    events: Vec<EventOut>,
    /// The statuses the caller may move it to (empty unless they handle it).
    next: Vec<String>,
}

/// One blocker (404 for a private one to anonymous callers, 403 to others not party to it).
#[utoipa::path(get, path = "/api/v1/blockers/{id}", tag = "blockers",
    responses((status = 200, body = BlockerDetail), (status = 403, body = super::openapi::ErrorBody),
        (status = 404, body = super::openapi::ErrorBody)))]
pub async fn one(
    State(state): State<AppState>,
    MaybeUser(user): MaybeUser,
    Path(id): Path<Uuid>,
) -> Result<Json<BlockerDetail>, AppError> {
    let person = user.as_ref().map(|u| &u.person);
    let b = rules::readable(&state, id, person).await?;
    detail(&state, &b, person).await.map(Json)
}

async fn detail(
    state: &AppState,
    b: &Blocker,
    person: Option<&Person>,
) -> Result<BlockerDetail, AppError> {
    let (party, handler) = match person {
        Some(p) => (
            rules::is_party(state, b, p).await?,
            rules::can_handle(state, b, p).await?,
        ),
        None => (false, false),
    };
    let events = state
        .store
        .blocker_events(b.id)
        .await?
        .iter()
        .filter(|e| party || e.status.is_some())
        .map(Into::into)
        .collect();
    let next = if handler {
        rules::status(b)
            .next()
            .iter()
            .map(|s| s.as_str().to_owned())
            .collect()
    } else {
        vec![]
    };
    Ok(BlockerDetail {
        blocker: b.into(),
        events,
        next,
    })
}

#[derive(Deserialize, ToSchema)]
pub struct MessageIn {
    body: String,
}

/// A message between the reporter and the hackers (parties only).
#[utoipa::path(post, path = "/api/v1/blockers/{id}/messages", tag = "blockers", security(("bearer" = [])),
    request_body = MessageIn,
    responses((status = 201, body = EventOut), (status = 403, body = super::openapi::ErrorBody),
        (status = 422, body = super::openapi::ErrorBody)))]
pub async fn message(
    State(state): State<AppState>,
    user: User,
    Path(id): Path<Uuid>,
    ApiJson(body): ApiJson<MessageIn>,
) -> Result<(StatusCode, Json<EventOut>), AppError> {
    let person = user.confirmed()?;
    let b = rules::readable(&state, id, Some(person)).await?;
    let e = rules::post_message(&state, &b, person, &body.body).await?;
    Ok((StatusCode::CREATED, Json((&e).into())))
}

#[derive(Deserialize, ToSchema)]
pub struct StatusIn {
    status: String,
    #[serde(default)]
    note: String,
}

/// Moves a blocker along its workflow (its hackers and admins; 409 for a move not allowed).
#[utoipa::path(post, path = "/api/v1/blockers/{id}/status", tag = "blockers", security(("bearer" = [])),
    request_body = StatusIn,
    responses((status = 200, body = BlockerDetail), (status = 403, body = super::openapi::ErrorBody),
        (status = 409, body = super::openapi::ErrorBody)))]
pub async fn move_status(
    State(state): State<AppState>,
    user: User,
    ClientIp(ip): ClientIp,
    Path(id): Path<Uuid>,
    ApiJson(body): ApiJson<StatusIn>,
) -> Result<Json<BlockerDetail>, AppError> {
    let person = user.confirmed()?;
    let b = rules::readable(&state, id, Some(person)).await?;
    let moved =
        rules::change_status(&state, &b, person, &body.status, &body.note, Some(&ip)).await?;
    detail(&state, &moved, Some(person)).await.map(Json)
}

#[derive(Serialize, ToSchema)]
pub struct CountsOut {
    /// The folded name, code or territory code. Among administrations, an empty key and label
    /// count together those named only in private blockers (their names are not published).
    key: String,
    /// An administration's most frequent spelling among public blockers.
    label: String,
    total: usize,
    open: usize,
    unblocked: usize,
    not_solvable: usize,
}

impl From<&Counts> for CountsOut {
    fn from(c: &Counts) -> Self {
        CountsOut {
            key: c.key.clone(),
            label: c.label.clone(),
            total: c.total,
            open: c.open,
            unblocked: c.unblocked,
            not_solvable: c.not_solvable,
        }
    }
}

#[derive(Serialize, ToSchema)]
pub struct SummaryOut {
    total: usize,
    /// Status → count.
    #[schema(value_type = Object)]
    by_status: serde_json::Value,
    by_administration: Vec<CountsOut>,
    by_theme: Vec<CountsOut>,
    by_departement: Vec<CountsOut>,
    by_region: Vec<CountsOut>,
    median_days_to_unblock: Option<f64>,
}

/// Counts over every blocker, public and private, without any detail.
#[utoipa::path(get, path = "/api/v1/blockers/summary", tag = "blockers",
    responses((status = 200, body = SummaryOut)))]
pub async fn summary(State(state): State<AppState>) -> Result<Json<SummaryOut>, AppError> {
    let s = rules::summary(&state).await?;
    let counts = |v: &[Counts]| v.iter().map(Into::into).collect::<Vec<CountsOut>>();
    Ok(Json(SummaryOut {
        total: s.total,
        by_status: s
            .by_status
            .iter()
            .map(|(st, n)| (st.as_str().to_owned(), serde_json::json!(n)))
            .collect::<serde_json::Map<_, _>>()
            .into(),
        by_administration: counts(&s.by_administration),
        by_theme: counts(&s.by_theme),
        by_departement: counts(&s.by_departement),
        by_region: counts(&s.by_region),
        median_days_to_unblock: s.median_days_to_unblock,
    }))
}
