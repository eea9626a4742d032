//! Curated news (*veille*) through the API: the platform's or a group's items (search with the
//! catalogue's syntax, tag filter), sharing a link, deleting one. The rules are the pages'
//! (`crate::news`).

use super::ApiJson;
use crate::auth::{ClientIp, MaybeUser, User};
use crate::error::AppError;
use crate::groups::{find_group, require_read};
use crate::news::{self as rules, ShareFailure};
use crate::state::AppState;
use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use axum::routing::{delete, get};
use axum::{Json, Router};
use chrono::{DateTime, Utc};
use essaim_domain::news::NewsInput;
use essaim_store::news::{NewsRow, NewsScope};
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};
use uuid::Uuid;

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/news", get(list).post(create))
        .route("/news/{id}", delete(remove))
}

#[derive(Serialize, ToSchema)]
pub struct NewsOut {
    id: Uuid,
    group_id: Option<Uuid>,
    url: String,
    title: String,
    /// Markdown.
    comment: String,
    tags: Vec<String>,
    author_name: String,
    created_at: DateTime<Utc>,
}

impl From<&NewsRow> for NewsOut {
    fn from(i: &NewsRow) -> Self {
        NewsOut {
            id: i.id,
            group_id: i.group_id,
            url: i.url.clone(),
            title: i.title.clone(),
            comment: i.comment.clone(),
            tags: i.tag_list(),
            author_name: i.author_name.clone(),
            created_at: i.created_at,
        }
    }
}

#[derive(Serialize, ToSchema)]
pub struct NewsList {
    items: Vec<NewsOut>,
    total: usize,
}

#[derive(Deserialize, IntoParams)]
pub struct ListQuery {
    /// A group: its items (for its readers); none: the platform's.
    group: Option<Uuid>,
    /// The catalogue's syntax: words, `OR`, `"phrases"`, `-exclusions`.
    q: Option<String>,
    tag: Option<String>,
    /// 1 to 200, default 50.
    limit: Option<usize>,
    offset: Option<usize>,
}

/// News items, newest first.
#[utoipa::path(get, path = "/api/v1/news", tag = "news", params(ListQuery),
    responses((status = 200, body = NewsList), (status = 403, body = super::openapi::ErrorBody)))]
pub async fn list(
    State(state): State<AppState>,
    MaybeUser(user): MaybeUser,
    Query(q): Query<ListQuery>,
) -> Result<Json<NewsList>, AppError> {
    let scope = match q.group {
        Some(id) => {
            let g = find_group(&state, id).await?;
            require_read(&state, &g, user.as_ref().map(|u| &u.person)).await?;
            NewsScope::Group(g.id)
        }
        None => NewsScope::Platform,
    };
    let found = rules::search(
        &state,
        &scope,
        q.q.as_deref().unwrap_or(""),
        q.tag.as_deref().unwrap_or(""),
    )
    .await?;
    let limit = q.limit.unwrap_or(50).clamp(1, 200);
    Ok(Json(NewsList {
        total: found.len(),
        items: found
            .iter()
            .skip(q.offset.unwrap_or(0))
            .take(limit)
            .map(Into::into)
            .collect(),
    }))
}

#[derive(Deserialize, ToSchema)]
pub struct NewsIn {
    /// A group the caller may post in; none for platform news (moderators).
    #[serde(default)]
    group_id: Option<Uuid>,
    url: String,
    title: String,
    #[serde(default)]
    comment: String,
    #[serde(default)]
    tags: Vec<String>,
}

/// Shares a link.
#[utoipa::path(post, path = "/api/v1/news", tag = "news", security(("bearer" = [])),
    request_body = NewsIn,
    responses((status = 201, body = NewsOut), (status = 403, body = super::openapi::ErrorBody),
        (status = 422, body = super::openapi::ErrorBody)))]
pub async fn create(
    State(state): State<AppState>,
    user: User,
    ApiJson(body): ApiJson<NewsIn>,
) -> Result<(StatusCode, Json<NewsOut>), AppError> {
    let person = user.confirmed()?;
    let group = match body.group_id {
        Some(id) => {
            let g = find_group(&state, id).await?;
            require_read(&state, &g, Some(person)).await?;
            Some(g)
        }
        None => None,
    };
    let input = NewsInput {
        url: body.url,
        title: body.title,
        comment: body.comment,
        tags: body.tags.join(","),
    };
    match rules::share(&state, person, group.as_ref(), &input).await {
        Ok(i) => Ok((StatusCode::CREATED, Json((&i).into()))),
        Err(ShareFailure::Invalid(e)) => Err(AppError::Invalid(e)),
        Err(ShareFailure::App(e)) => Err(e),
    }
}

/// Deletes an item (its author, the group's admins, moderators).
#[utoipa::path(delete, path = "/api/v1/news/{id}", tag = "news", security(("bearer" = [])),
    responses((status = 204), (status = 403, body = super::openapi::ErrorBody),
        (status = 404, body = super::openapi::ErrorBody)))]
pub async fn remove(
    State(state): State<AppState>,
    user: User,
    ClientIp(ip): ClientIp,
    Path(id): Path<Uuid>,
) -> Result<StatusCode, AppError> {
    let person = user.confirmed()?;
    let item = rules::readable(&state, id, Some(person)).await?;
    rules::delete(&state, &item, person, Some(&ip)).await?;
    Ok(StatusCode::NO_CONTENT)
}
