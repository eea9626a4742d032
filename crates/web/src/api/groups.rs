//! Groups through the API: listing and creating groups, joining, threads and replies,
//! reporting a post, and one's notification mode. The rules are the pages' (`crate::groups`);
//! moderation decisions are made on the pages.

use super::ApiJson;
use crate::auth::{MaybeUser, User};
use crate::error::AppError;
use crate::groups::{
    explain_throttle, find_group, find_group_thread, publish, refuse_if_blocked, require_read,
    settings_of, shown_title,
};
use crate::i18n::Locale;
use crate::pages::groups::{
    create_group, join_group, moderate_account_as, moderate_post_as, report_post, validate_group,
    GroupForm,
};
use crate::state::AppState;
use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use axum::{Json, Router};
use chrono::{DateTime, Utc};
use essaim_domain::groups::{self as rules, NotifyMode};
use essaim_domain::invalid::FieldErrors;
use essaim_store::groups::{Group, GroupFilter, GroupSummary, Post};
use essaim_store::{utc_now, Page};
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};
use uuid::Uuid;

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/groups", get(list).post(create))
        .route("/groups/{id}", get(one))
        .route("/groups/{id}/membership", post(join))
        .route("/groups/{id}/threads", get(threads).post(open_thread))
        .route("/groups/{id}/threads/{thread}", get(thread))
        .route("/groups/{id}/threads/{thread}/posts", post(reply))
        .route("/group-posts/{post}/reports", post(report))
        .route(
            "/group-notifications",
            get(notifications).put(set_notifications),
        )
        .route("/group-moderation", get(moderation_queue))
        .route("/group-posts/{post}/moderation", post(moderate))
        .route(
            "/group-accounts/{person}/moderation",
            post(moderate_account),
        )
}

#[derive(Serialize, ToSchema)]
pub struct GroupItem {
    id: Uuid,
    name: String,
    /// A territory reference (`commune:29019`) or empty.
    territory: String,
    /// A challenge code or empty.
    challenge: String,
    /// "open" or "closed".
    access: String,
    members: i64,
    threads: i64,
    created_at: DateTime<Utc>,
}

impl From<&GroupSummary> for GroupItem {
    fn from(g: &GroupSummary) -> Self {
        GroupItem {
            id: g.id,
            name: g.name.clone(),
            territory: g.territory.clone(),
            challenge: g.challenge.clone(),
            access: g.access.clone(),
            members: g.members,
            threads: g.threads,
            created_at: g.created_at,
        }
    }
}

#[derive(Serialize, ToSchema)]
pub struct GroupList {
    items: Vec<GroupItem>,
    total: i64,
}

#[derive(Deserialize, IntoParams)]
pub struct ListQuery {
    /// 1 to 200, default 50.
    limit: Option<i64>,
    offset: Option<i64>,
}

#[derive(Deserialize, IntoParams)]
pub struct GroupQuery {
    /// 1 to 200, default 50.
    limit: Option<i64>,
    offset: Option<i64>,
    /// A challenge code.
    challenge: Option<String>,
    /// A territory reference (`departement:29`): its groups and those of the territories in it.
    territory: Option<String>,
}

fn page_of(q: &ListQuery) -> Page {
    Page {
        limit: q.limit.unwrap_or(50).clamp(1, 200),
        offset: q.offset.unwrap_or(0).max(0),
    }
}

/// Groups, newest first, by theme or territory if asked.
#[utoipa::path(get, path = "/api/v1/groups", tag = "groups", params(GroupQuery),
    responses((status = 200, body = GroupList), (status = 422)))]
pub async fn list(
    State(state): State<AppState>,
    Query(q): Query<GroupQuery>,
) -> Result<Json<GroupList>, AppError> {
    let mut filter = GroupFilter::default();
    let mut e = FieldErrors::new();
    if let Some(t) = q.territory.as_deref().filter(|t| !t.trim().is_empty()) {
        match state.territories.resolve(t.trim()) {
            Ok(t) => filter.territory = t.reference().to_string(),
            Err(_) => e.add(
                "territory",
                essaim_domain::Invalid::new("groups-territory-unknown"),
            ),
        }
    }
    if let Some(c) = q.challenge.as_deref().filter(|c| !c.trim().is_empty()) {
        filter.challenge = c.trim().to_owned();
    }
    if !e.is_empty() {
        return Err(AppError::Invalid(e));
    }
    let page = page_of(&ListQuery {
        limit: q.limit,
        offset: q.offset,
    });
    let items = state.store.list_groups(&filter, page).await?;
    Ok(Json(GroupList {
        items: items.iter().map(Into::into).collect(),
        total: state.store.count_groups(&filter).await?,
    }))
}

#[derive(Serialize, ToSchema)]
pub struct GroupOut {
    id: Uuid,
    name: String,
    /// Markdown.
    description: String,
    territory: String,
    challenge: String,
    access: String,
    created_at: DateTime<Utc>,
    /// The caller's role: "admin", "member", "pending", or none.
    role: Option<String>,
    /// Whether the caller may read the threads.
    readable: bool,
}

async fn group_out(
    state: &AppState,
    g: &Group,
    person: Option<&essaim_store::Person>,
) -> Result<GroupOut, AppError> {
    let role = match person {
        Some(p) => state
            .store
            .group_membership(g.id, p.id)
            .await?
            .map(|m| m.role),
        None => None,
    };
    Ok(GroupOut {
        id: g.id,
        name: g.name.clone(),
        description: g.description.clone(),
        territory: g.territory.clone(),
        challenge: g.challenge.clone(),
        access: g.access.clone(),
        created_at: g.created_at,
        role,
        readable: crate::groups::can_read_group(state, g, person).await?,
    })
}

#[utoipa::path(get, path = "/api/v1/groups/{id}", tag = "groups",
    responses((status = 200, body = GroupOut), (status = 404)))]
pub async fn one(
    State(state): State<AppState>,
    MaybeUser(user): MaybeUser,
    Path(id): Path<Uuid>,
) -> Result<Json<GroupOut>, AppError> {
    let g = find_group(&state, id).await?;
    Ok(Json(
        group_out(&state, &g, user.as_ref().map(|u| &u.person)).await?,
    ))
}

#[derive(Deserialize, ToSchema)]
pub struct GroupIn {
    name: String,
    #[serde(default)]
    description: String,
    /// A territory reference, code or name; optional.
    #[serde(default)]
    territory: String,
    /// A challenge code; optional.
    #[serde(default)]
    challenge: String,
    /// "open" or "closed".
    access: String,
}

/// Creates a group; the caller becomes its admin.
#[utoipa::path(post, path = "/api/v1/groups", tag = "groups", request_body = GroupIn,
    responses((status = 201, body = GroupOut), (status = 422)), security(("bearer" = [])))]
pub async fn create(
    State(state): State<AppState>,
    user: User,
    ApiJson(body): ApiJson<GroupIn>,
) -> Result<Response, AppError> {
    let person = user.confirmed()?;
    if let Some(refused) = refuse_if_blocked(&state, person).await? {
        return Ok(refused);
    }
    let form = GroupForm::from_api(
        body.name,
        body.description,
        body.territory,
        body.challenge,
        body.access,
    );
    let fields = validate_group(&state, &form)
        .await
        .map_err(AppError::Invalid)?;
    let g = create_group(&state, person, fields).await?;
    Ok((
        StatusCode::CREATED,
        Json(group_out(&state, &g, Some(person)).await?),
    )
        .into_response())
}

#[derive(Serialize, ToSchema)]
pub struct JoinOut {
    /// "joined", "requested" (closed group) or "already".
    outcome: String,
}

/// Joins an open group or asks to join a closed one.
#[utoipa::path(post, path = "/api/v1/groups/{id}/membership", tag = "groups",
    responses((status = 200, body = JoinOut), (status = 403), (status = 404), (status = 429)),
    security(("bearer" = [])))]
pub async fn join(
    State(state): State<AppState>,
    user: User,
    Path(id): Path<Uuid>,
) -> Result<Response, AppError> {
    let person = user.confirmed()?;
    let g = find_group(&state, id).await?;
    if let Some(refused) = refuse_if_blocked(&state, person).await? {
        return Ok(refused);
    }
    let outcome = match join_group(&state, &g, person, Locale::Fr).await {
        Ok(o) => o,
        Err(e) => return explain_throttle(e, "groups-joining-throttled"),
    };
    Ok(Json(JoinOut {
        outcome: outcome.into(),
    })
    .into_response())
}

#[derive(Serialize, ToSchema)]
pub struct ThreadItem {
    id: Uuid,
    /// "Thread hidden by moderation" (in the request's language) when `title_hidden`, but
    /// for moderators.
    title: String,
    /// The first post is hidden or its author blocked.
    title_hidden: bool,
    author_name: String,
    posts: i64,
    created_at: DateTime<Utc>,
    last_post_at: DateTime<Utc>,
}

/// A group's threads, most recently active first (403 for a closed group's outsiders).
#[utoipa::path(get, path = "/api/v1/groups/{id}/threads", tag = "groups", params(ListQuery),
    responses((status = 200, body = Vec<ThreadItem>), (status = 403), (status = 404)))]
pub async fn threads(
    State(state): State<AppState>,
    MaybeUser(user): MaybeUser,
    headers: axum::http::HeaderMap,
    Path(id): Path<Uuid>,
    Query(q): Query<ListQuery>,
) -> Result<Json<Vec<ThreadItem>>, AppError> {
    let g = find_group(&state, id).await?;
    let person = user.as_ref().map(|u| &u.person);
    require_read(&state, &g, person).await?;
    let moderator = person.is_some_and(crate::groups::is_moderator);
    let locale = crate::i18n::locale_of(&headers);
    let rows = state.store.list_group_threads(g.id, page_of(&q)).await?;
    Ok(Json(
        rows.into_iter()
            .map(|t| ThreadItem {
                id: t.id,
                title: shown_title(&state.i18n, locale, &t.title, t.title_hidden, moderator),
                title_hidden: t.title_hidden,
                author_name: t.author_name,
                posts: t.posts,
                created_at: t.created_at,
                last_post_at: t.last_post_at,
            })
            .collect(),
    ))
}

#[derive(Serialize, ToSchema)]
pub struct PostOut {
    id: Uuid,
    author_id: Uuid,
    author_name: String,
    /// Markdown; empty when the post is hidden.
    body: String,
    hidden: bool,
    created_at: DateTime<Utc>,
}

impl From<&Post> for PostOut {
    fn from(p: &Post) -> Self {
        let hidden = p.is_hidden();
        PostOut {
            id: p.id,
            author_id: p.author_id,
            author_name: p.author_name.clone(),
            body: if hidden {
                String::new()
            } else {
                p.body.clone()
            },
            hidden,
            created_at: p.created_at,
        }
    }
}

#[derive(Serialize, ToSchema)]
pub struct ThreadOut {
    id: Uuid,
    group_id: Uuid,
    /// As in `ThreadItem`.
    title: String,
    title_hidden: bool,
    created_at: DateTime<Utc>,
    posts: Vec<PostOut>,
}

#[utoipa::path(get, path = "/api/v1/groups/{id}/threads/{thread}", tag = "groups",
    responses((status = 200, body = ThreadOut), (status = 403), (status = 404)))]
pub async fn thread(
    State(state): State<AppState>,
    MaybeUser(user): MaybeUser,
    headers: axum::http::HeaderMap,
    Path((id, thread)): Path<(Uuid, Uuid)>,
) -> Result<Json<ThreadOut>, AppError> {
    let g = find_group(&state, id).await?;
    let person = user.as_ref().map(|u| &u.person);
    require_read(&state, &g, person).await?;
    let t = find_group_thread(&state, &g, thread).await?;
    let moderator = person.is_some_and(crate::groups::is_moderator);
    thread_out(&state, &t, crate::i18n::locale_of(&headers), moderator)
        .await
        .map(Json)
}

async fn thread_out(
    state: &AppState,
    t: &essaim_store::groups::Thread,
    locale: Locale,
    moderator: bool,
) -> Result<ThreadOut, AppError> {
    let posts = state.store.list_group_posts(t.id).await?;
    let title_hidden = crate::groups::title_hidden_by(&posts);
    Ok(ThreadOut {
        id: t.id,
        group_id: t.group_id,
        title: shown_title(&state.i18n, locale, &t.title, title_hidden, moderator),
        title_hidden,
        created_at: t.created_at,
        posts: posts.iter().map(Into::into).collect(),
    })
}

#[derive(Deserialize, ToSchema)]
pub struct ThreadIn {
    title: String,
    /// Markdown; `@handle` mentions a member.
    body: String,
}

/// Opens a thread (members only: 403 otherwise).
#[utoipa::path(post, path = "/api/v1/groups/{id}/threads", tag = "groups", request_body = ThreadIn,
    responses((status = 201, body = ThreadOut), (status = 403), (status = 422), (status = 429)),
    security(("bearer" = [])))]
pub async fn open_thread(
    State(state): State<AppState>,
    user: User,
    Path(id): Path<Uuid>,
    ApiJson(body): ApiJson<ThreadIn>,
) -> Result<Response, AppError> {
    let person = user.confirmed()?;
    let g = find_group(&state, id).await?;
    if !crate::groups::can_post_in_group(&state, &g, person).await? {
        return Err(AppError::Forbidden);
    }
    let mut e = FieldErrors::new();
    let title = e.check("title", rules::thread_title(&body.title));
    let text = e.check("body", rules::post_body(&body.body));
    let (Some(title), Some(text)) = (title, text) else {
        return Err(AppError::Invalid(e));
    };
    let (t, _) = match publish(&state, &g, None, Some(&title), person, &text, Locale::Fr).await {
        Ok(done) => done,
        Err(e) => return explain_throttle(e, "groups-posting-throttled"),
    };
    Ok((
        StatusCode::CREATED,
        Json(thread_out(&state, &t, Locale::Fr, false).await?),
    )
        .into_response())
}

#[derive(Deserialize, ToSchema)]
pub struct PostIn {
    /// Markdown; `@handle` mentions a member.
    body: String,
}

/// Replies in a thread (members only: 403 otherwise).
#[utoipa::path(post, path = "/api/v1/groups/{id}/threads/{thread}/posts", tag = "groups",
    request_body = PostIn,
    responses((status = 201, body = PostOut), (status = 403), (status = 422), (status = 429)),
    security(("bearer" = [])))]
pub async fn reply(
    State(state): State<AppState>,
    user: User,
    Path((id, thread)): Path<(Uuid, Uuid)>,
    ApiJson(body): ApiJson<PostIn>,
) -> Result<Response, AppError> {
    let person = user.confirmed()?;
    let g = find_group(&state, id).await?;
    require_read(&state, &g, Some(person)).await?;
    let t = find_group_thread(&state, &g, thread).await?;
    if !crate::groups::can_post_in_group(&state, &g, person).await? {
        return Err(AppError::Forbidden);
    }
    let text = rules::post_body(&body.body).map_err(|invalid| {
        let mut e = FieldErrors::new();
        e.add("body", invalid);
        AppError::Invalid(e)
    })?;
    let (_, post) = match publish(&state, &g, Some(&t), None, person, &text, Locale::Fr).await {
        Ok(done) => done,
        Err(e) => return explain_throttle(e, "groups-posting-throttled"),
    };
    Ok((StatusCode::CREATED, Json(PostOut::from(&post))).into_response())
}

#[derive(Serialize, ToSchema)]
pub struct ReportOut {
    /// False when the caller had reported this post already (it counts once).
    new: bool,
    hidden: bool,
}

/// Reports a post; one report per person and post.
#[utoipa::path(post, path = "/api/v1/group-posts/{post}/reports", tag = "groups",
    responses((status = 200, body = ReportOut), (status = 403), (status = 404)),
    security(("bearer" = [])))]
pub async fn report(
    State(state): State<AppState>,
    user: User,
    Path(post): Path<Uuid>,
) -> Result<Response, AppError> {
    let person = user.confirmed()?;
    if let Some(refused) = refuse_if_blocked(&state, person).await? {
        return Ok(refused);
    }
    let p = state
        .store
        .find_group_post(post)
        .await?
        .ok_or(AppError::NotFound)?;
    let g = find_group(&state, p.group_id).await?;
    if !crate::groups::can_read_group(&state, &g, Some(person)).await? {
        return Err(AppError::NotFound);
    }
    let outcome = report_post(&state, person.id, post).await?;
    Ok(Json(ReportOut {
        new: outcome.new,
        hidden: outcome.hidden,
    })
    .into_response())
}

#[derive(Serialize, Deserialize, ToSchema)]
pub struct NotificationsIo {
    /// "immediate", "digest" or "none".
    mode: String,
}

#[utoipa::path(get, path = "/api/v1/group-notifications", tag = "groups",
    responses((status = 200, body = NotificationsIo)), security(("bearer" = [])))]
pub async fn notifications(
    State(state): State<AppState>,
    user: User,
) -> Result<Json<NotificationsIo>, AppError> {
    let person = user.confirmed()?;
    let s = settings_of(state.store.as_ref(), person.id, Locale::Fr).await?;
    Ok(Json(NotificationsIo { mode: s.mode }))
}

#[utoipa::path(put, path = "/api/v1/group-notifications", tag = "groups",
    request_body = NotificationsIo,
    responses((status = 200, body = NotificationsIo), (status = 422)), security(("bearer" = [])))]
pub async fn set_notifications(
    State(state): State<AppState>,
    user: User,
    ApiJson(body): ApiJson<NotificationsIo>,
) -> Result<Json<NotificationsIo>, AppError> {
    let person = user.confirmed()?;
    let s = settings_of(state.store.as_ref(), person.id, Locale::Fr).await?;
    let Some(mode) = NotifyMode::parse(body.mode.trim()) else {
        let mut e = FieldErrors::new();
        e.add("mode", essaim_domain::Invalid::new("groups-mode-invalid"));
        return Err(AppError::Invalid(e));
    };
    state
        .store
        .set_group_notify_mode(person.id, mode.as_str(), &s.locale, utc_now())
        .await?;
    Ok(Json(NotificationsIo {
        mode: mode.as_str().into(),
    }))
}

/// Moderators and admins only.
fn moderator(user: &User) -> Result<&essaim_store::Person, AppError> {
    let person = user.confirmed()?;
    if crate::groups::is_moderator(person) {
        Ok(person)
    } else {
        Err(AppError::Forbidden)
    }
}

#[derive(Serialize, ToSchema)]
pub struct QueueItemOut {
    post_id: Uuid,
    thread_id: Uuid,
    thread_title: String,
    group_id: Uuid,
    group_name: String,
    author_id: Uuid,
    author_name: String,
    /// Markdown.
    body: String,
    /// "", "reports" or "moderator".
    hidden: String,
    reports: i64,
    author_blocked: bool,
    created_at: DateTime<Utc>,
}

/// Reported posts and posts hidden by reports, newest first (moderators).
#[utoipa::path(get, path = "/api/v1/group-moderation", tag = "groups",
    responses((status = 200, body = Vec<QueueItemOut>), (status = 403)), security(("bearer" = [])))]
pub async fn moderation_queue(
    State(state): State<AppState>,
    user: User,
) -> Result<Json<Vec<QueueItemOut>>, AppError> {
    moderator(&user)?;
    let items = state.store.group_moderation_queue().await?;
    Ok(Json(
        items
            .into_iter()
            .map(|i| QueueItemOut {
                post_id: i.post_id,
                thread_id: i.thread_id,
                thread_title: i.thread_title,
                group_id: i.group_id,
                group_name: i.group_name,
                author_id: i.author_id,
                author_name: i.author_name,
                body: i.body,
                hidden: i.hidden,
                reports: i.reports,
                author_blocked: i.author_blocked,
                created_at: i.created_at,
            })
            .collect(),
    ))
}

#[derive(Deserialize, ToSchema)]
pub struct ModerationIn {
    /// Posts: "hide" or "restore" (which dismisses the reports). Accounts: "block" or
    /// "unblock".
    action: String,
}

/// Hides or restores a post (moderators).
#[utoipa::path(post, path = "/api/v1/group-posts/{post}/moderation", tag = "groups",
    request_body = ModerationIn,
    responses((status = 204), (status = 403), (status = 404), (status = 422)),
    security(("bearer" = [])))]
pub async fn moderate(
    State(state): State<AppState>,
    user: User,
    Path(post): Path<Uuid>,
    ApiJson(body): ApiJson<ModerationIn>,
) -> Result<StatusCode, AppError> {
    let person = moderator(&user)?;
    moderate_post_as(&state, person, post, &body.action).await?;
    Ok(StatusCode::NO_CONTENT)
}

/// Blocks or unblocks an account in groups (moderators).
#[utoipa::path(post, path = "/api/v1/group-accounts/{person}/moderation", tag = "groups",
    request_body = ModerationIn,
    responses((status = 204), (status = 403), (status = 404), (status = 409), (status = 422)),
    security(("bearer" = [])))]
pub async fn moderate_account(
    State(state): State<AppState>,
    user: User,
    Path(who): Path<Uuid>,
    ApiJson(body): ApiJson<ModerationIn>,
) -> Result<StatusCode, AppError> {
    let person = moderator(&user)?;
    moderate_account_as(&state, person, who, &body.action).await?;
    Ok(StatusCode::NO_CONTENT)
}
