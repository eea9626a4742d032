//! Offers and needs through the API: the open posts, one post, its matches with their
//! reasons, publishing, editing and closing (the author, a manager of its structure or an
//! admin), and contacting the other side (the message is mailed; no address is revealed).
//! The rules are the pages' (`crate::exchange`).

use super::ApiJson;
use crate::auth::User;
use crate::error::AppError;
use crate::exchange::{
    answers_for, can_edit, find, matches, send_message, validate, validate_update,
};
use crate::state::AppState;
use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use axum::{Json, Router};
use essaim_domain::exchange::{parse_message, Direction, Kind, PostInput, Reason};
use essaim_domain::invalid::FieldErrors;
use essaim_store::exchange::{NewPost, Post, PostFilter};
use essaim_store::{utc_now, Page};
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};
use uuid::Uuid;

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/exchange/posts", get(list).post(create))
        .route("/exchange/posts/{id}", get(one).put(update))
        .route("/exchange/posts/{id}/close", post(close))
        .route("/exchange/posts/{id}/matches", get(post_matches))
        .route("/exchange/posts/{id}/messages", post(contact))
}

/// A post. No e-mail address, ever.
#[derive(Serialize, ToSchema)]
pub struct PostOut {
    id: Uuid,
    /// `offer` or `need`.
    direction: String,
    /// `skills`, `premises`, `equipment`, `volunteering` or `funding`.
    kind: String,
    /// `open` or `closed`.
    status: String,
    title: String,
    /// Markdown.
    body: String,
    /// A territory reference, `commune:29019`.
    territory: String,
    /// Codes of societal challenges.
    themes: Vec<String>,
    starts_on: Option<chrono::NaiveDate>,
    ends_on: Option<chrono::NaiveDate>,
    structure_id: Option<Uuid>,
    created_at: chrono::DateTime<chrono::Utc>,
    updated_at: chrono::DateTime<chrono::Utc>,
}

impl From<&Post> for PostOut {
    fn from(p: &Post) -> Self {
        PostOut {
            id: p.id,
            direction: p.direction.clone(),
            kind: p.kind.clone(),
            status: p.status.clone(),
            title: p.title.clone(),
            body: p.body.clone(),
            territory: p.territory.clone(),
            themes: p.themes.clone(),
            starts_on: p.starts_on,
            ends_on: p.ends_on,
            structure_id: p.structure_id,
            created_at: p.created_at,
            updated_at: p.updated_at,
        }
    }
}

#[derive(Serialize, ToSchema)]
pub struct PostList {
    items: Vec<PostOut>,
    total: i64,
}

#[derive(Deserialize, IntoParams)]
pub struct ListQuery {
    /// `offer` or `need`.
    direction: Option<String>,
    /// `skills`, `premises`, `equipment`, `volunteering` or `funding`.
    kind: Option<String>,
    /// 1 to 200, default 50.
    limit: Option<i64>,
    offset: Option<i64>,
}

/// Open posts, newest first.
#[utoipa::path(get, path = "/api/v1/exchange/posts", tag = "exchange", params(ListQuery),
    responses((status = 200, body = PostList), (status = 422, body = super::openapi::ErrorBody)))]
pub async fn list(
    State(state): State<AppState>,
    Query(q): Query<ListQuery>,
) -> Result<Json<PostList>, AppError> {
    let mut errors = FieldErrors::new();
    let direction = q
        .direction
        .as_deref()
        .and_then(|d| errors.check("direction", Direction::parse(d)));
    let kind = q
        .kind
        .as_deref()
        .and_then(|k| errors.check("kind", Kind::parse(k)));
    if !errors.is_empty() {
        return Err(AppError::Invalid(errors));
    }
    let filter = PostFilter {
        direction: direction.map(|d| d.as_str().to_owned()),
        kind: kind.map(|k| k.as_str().to_owned()),
        status: Some("open".into()),
        author_id: None,
    };
    let page = Page {
        limit: q.limit.unwrap_or(50).clamp(1, 200),
        offset: q.offset.unwrap_or(0).max(0),
    };
    let items = state.store.list_exchange_posts(&filter, page).await?;
    Ok(Json(PostList {
        items: items.iter().map(Into::into).collect(),
        total: state.store.count_exchange_posts(&filter).await?,
    }))
}

/// One post, open or closed.
#[utoipa::path(get, path = "/api/v1/exchange/posts/{id}", tag = "exchange",
    params(("id" = Uuid, Path,)),
    responses((status = 200, body = PostOut), (status = 404, body = super::openapi::ErrorBody)))]
pub async fn one(
    State(state): State<AppState>,
    Path(id): Path<Uuid>,
) -> Result<Json<PostOut>, AppError> {
    Ok(Json((&find(&state, id).await?).into()))
}

/// A post to publish or the new version of one.
#[derive(Deserialize, ToSchema)]
pub struct PostIn {
    direction: String,
    kind: String,
    title: String,
    #[serde(default)]
    body: String,
    /// A territory reference (`commune:29019`), a code or an unambiguous name.
    territory: String,
    #[serde(default)]
    themes: Vec<String>,
    /// `YYYY-MM-DD`.
    #[serde(default)]
    starts_on: Option<String>,
    #[serde(default)]
    ends_on: Option<String>,
    /// A structure the caller manages. On an update by someone other than the author,
    /// absent keeps the post's structure (as the page does); a post with conversations does
    /// not move to another structure (422).
    #[serde(default)]
    structure_id: Option<Uuid>,
}

impl PostIn {
    fn input(&self) -> PostInput {
        PostInput {
            direction: self.direction.clone(),
            kind: self.kind.clone(),
            title: self.title.clone(),
            body: self.body.clone(),
            territory: self.territory.clone(),
            themes: self.themes.clone(),
            starts_on: self.starts_on.clone().unwrap_or_default(),
            ends_on: self.ends_on.clone().unwrap_or_default(),
        }
    }

    fn structure(&self) -> String {
        self.structure_id.map(|s| s.to_string()).unwrap_or_default()
    }
}

/// Publishes a post (confirmed e-mail needed).
#[utoipa::path(post, path = "/api/v1/exchange/posts", tag = "exchange", request_body = PostIn,
    security(("bearer" = [])),
    responses((status = 201, body = PostOut), (status = 401, body = super::openapi::ErrorBody),
        (status = 422, body = super::openapi::ErrorBody)))]
pub async fn create(
    State(state): State<AppState>,
    user: User,
    ApiJson(body): ApiJson<PostIn>,
) -> Result<Response, AppError> {
    let person = user.confirmed()?;
    let fields = validate(&state, person, &body.input(), &body.structure())
        .await?
        .map_err(AppError::Invalid)?;
    let post = state
        .store
        .create_exchange_post(&NewPost {
            id: Uuid::now_v7(),
            author_id: person.id,
            fields,
            created_at: utc_now(),
        })
        .await?;
    Ok((StatusCode::CREATED, Json(PostOut::from(&post))).into_response())
}

async fn editable(state: &AppState, id: Uuid, user: &User) -> Result<Post, AppError> {
    let person = user.confirmed()?;
    let post = find(state, id).await?;
    if !can_edit(state, &post, person).await? {
        return Err(AppError::Forbidden);
    }
    Ok(post)
}

/// Replaces a post's fields (its author, a manager of its structure, an admin).
#[utoipa::path(put, path = "/api/v1/exchange/posts/{id}", tag = "exchange", request_body = PostIn,
    params(("id" = Uuid, Path,)), security(("bearer" = [])),
    responses((status = 200, body = PostOut), (status = 403, body = super::openapi::ErrorBody),
        (status = 404, body = super::openapi::ErrorBody), (status = 422, body = super::openapi::ErrorBody)))]
pub async fn update(
    State(state): State<AppState>,
    user: User,
    Path(id): Path<Uuid>,
    ApiJson(body): ApiJson<PostIn>,
) -> Result<Json<PostOut>, AppError> {
    let post = editable(&state, id, &user).await?;
    let person = user.person();
    let fields = validate_update(&state, person, &post, &body.input(), &body.structure())
        .await?
        .map_err(AppError::Invalid)?;
    let updated = state
        .store
        .update_exchange_post(post.id, &fields, utc_now())
        .await?;
    if post.author_id != person.id {
        crate::audit::record(
            &state,
            Some(person.id),
            "exchange.post.update",
            format!("exchange_post:{}", post.id),
            None,
            String::new(),
        )
        .await?;
    }
    Ok(Json((&updated).into()))
}

/// Closes a post: it leaves the lists and the matches.
#[utoipa::path(post, path = "/api/v1/exchange/posts/{id}/close", tag = "exchange",
    params(("id" = Uuid, Path,)), security(("bearer" = [])),
    responses((status = 200, body = PostOut), (status = 403, body = super::openapi::ErrorBody),
        (status = 404, body = super::openapi::ErrorBody)))]
pub async fn close(
    State(state): State<AppState>,
    user: User,
    Path(id): Path<Uuid>,
) -> Result<Json<PostOut>, AppError> {
    let post = editable(&state, id, &user).await?;
    let closed = state
        .store
        .set_exchange_post_status(post.id, "closed", utc_now())
        .await?;
    crate::audit::record(
        &state,
        Some(user.person().id),
        "exchange.post.close",
        format!("exchange_post:{}", post.id),
        None,
        String::new(),
    )
    .await?;
    Ok(Json((&closed).into()))
}

#[derive(Serialize, ToSchema)]
pub struct MatchOut {
    offer: PostOut,
    score: u32,
    /// Why it fits: `same_kind`, `same_territory`, `same_epci`, `same_departement`,
    /// `same_region` (with the common `territory`), `neighbouring_departement` (with the
    /// offer's département), `shared_themes` (with `themes`), `dates_overlap`.
    #[schema(value_type = Vec<Object>)]
    reasons: Vec<Reason>,
}

/// The open offers that fit a need, best first, with the reasons (empty for an offer).
#[utoipa::path(get, path = "/api/v1/exchange/posts/{id}/matches", tag = "exchange",
    params(("id" = Uuid, Path,)),
    responses((status = 200, body = Vec<MatchOut>), (status = 404, body = super::openapi::ErrorBody)))]
pub async fn post_matches(
    State(state): State<AppState>,
    Path(id): Path<Uuid>,
) -> Result<Json<Vec<MatchOut>>, AppError> {
    let need = find(&state, id).await?;
    Ok(Json(
        matches(&state, &need)
            .await?
            .into_iter()
            .map(|(offer, m)| MatchOut {
                offer: (&offer).into(),
                score: m.score,
                reasons: m.reasons,
            })
            .collect(),
    ))
}

#[derive(Deserialize, ToSchema)]
pub struct MessageIn {
    message: String,
}

#[derive(Serialize, ToSchema)]
pub struct MessageOut {
    id: Uuid,
    post_id: Uuid,
    created_at: chrono::DateTime<chrono::Utc>,
}

/// Writes to the side of a post (its author or its structure's managers), who are mailed;
/// nobody's address is revealed. Throttled per sender.
#[utoipa::path(post, path = "/api/v1/exchange/posts/{id}/messages", tag = "exchange",
    request_body = MessageIn, params(("id" = Uuid, Path,)), security(("bearer" = [])),
    responses((status = 201, body = MessageOut), (status = 404, body = super::openapi::ErrorBody),
        (status = 409, body = super::openapi::ErrorBody), (status = 422, body = super::openapi::ErrorBody),
        (status = 429, body = super::openapi::ErrorBody)))]
pub async fn contact(
    State(state): State<AppState>,
    user: User,
    Path(id): Path<Uuid>,
    ApiJson(body): ApiJson<MessageIn>,
) -> Result<Response, AppError> {
    let person = user.confirmed()?;
    let post = find(&state, id).await?;
    if answers_for(&state, &post, person).await? {
        return Err(AppError::Conflict("exchange_contact_own_post"));
    }
    if post.status != "open" {
        return Err(AppError::Conflict("exchange_post_closed"));
    }
    let text = parse_message(&body.message).map_err(|e| {
        let mut errors = FieldErrors::new();
        errors.add("message", e);
        AppError::Invalid(errors)
    })?;
    let m = send_message(&state, &post, person.id, person, text).await?;
    Ok((
        StatusCode::CREATED,
        Json(MessageOut {
            id: m.id,
            post_id: m.post_id,
            created_at: m.created_at,
        }),
    )
        .into_response())
}
