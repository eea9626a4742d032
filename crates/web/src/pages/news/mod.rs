//! Pages of curated news (*veille*): the platform's news (`/veille`) and each group's
//! (`/groupes/{id}/veille`), with search (the catalogue's syntax), a tag filter, a form to
//! share a link, deletion, and an Atom feed of each. The rules are in `crate::news`.

use crate::auth::{ClientIp, User};
use crate::error::AppError;
use crate::groups::{find_group, require_read};
use crate::news::{self as rules, ShareFailure};
use crate::pages::{see_other, PageCtx};
use crate::state::AppState;
use axum::extract::{Path, Query, State};
use axum::http::header;
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use axum::{Form, Router};
use essaim_domain::invalid::FieldErrors;
use essaim_domain::news::NewsInput;
use essaim_store::groups::Group;
use essaim_store::news::{NewsRow, NewsScope};
use minijinja::{context, Value};
use serde::{Deserialize, Serialize};
use uuid::Uuid;

const PER_PAGE: usize = 20;
/// Entries in a feed.
const FEED_ITEMS: usize = 50;

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/veille", get(platform).post(share_platform))
        .route("/veille.atom", get(platform_feed))
        .route("/veille/{id}/suppression", post(delete))
        .route("/groupes/{id}/veille", get(group_page).post(share_group))
        .route("/groupes/{id}/veille.atom", get(group_feed))
}

#[derive(Deserialize, Default)]
pub struct ListQuery {
    #[serde(default)]
    q: String,
    #[serde(default)]
    tag: String,
    page: Option<usize>,
}

#[derive(Deserialize, Serialize, Default, Clone)]
pub struct ShareForm {
    #[serde(default)]
    url: String,
    #[serde(default)]
    title: String,
    #[serde(default)]
    comment: String,
    #[serde(default)]
    tags: String,
}

fn item_view(i: &NewsRow, deletable: bool) -> Value {
    context! {
        id => i.id.to_string(),
        url => i.url,
        title => i.title,
        comment_html => essaim_domain::markdown::render(&i.comment),
        tags => i.tag_list(),
        author => i.author_name,
        group => i.group_id.map(|g| context! { id => g.to_string(), name => i.group_name }),
        date => i.created_at.format("%Y-%m-%d").to_string(),
        iso => i.created_at.to_rfc3339(),
        deletable,
    }
}

/// The list page of a scope (the platform, or one group), with the form when `can_share`.
#[allow(clippy::too_many_arguments)]
async fn list_page(
    ctx: &PageCtx,
    state: &AppState,
    group: Option<&Group>,
    q: &ListQuery,
    values: &ShareForm,
    errors: Option<&FieldErrors>,
) -> Result<Response, AppError> {
    let scope = match group {
        Some(g) => NewsScope::Group(g.id),
        None => NewsScope::Platform,
    };
    let person = ctx.user.as_ref().map(|u| &u.person);
    let found = rules::search(state, &scope, &q.q, &q.tag).await?;
    let total = found.len();
    let pages = total.div_ceil(PER_PAGE).max(1);
    let page = q.page.unwrap_or(1).clamp(1, pages);
    let mut items = Vec::new();
    for i in found.iter().skip((page - 1) * PER_PAGE).take(PER_PAGE) {
        let deletable = match person {
            Some(p) => rules::can_delete(state, i, p).await?,
            None => false,
        };
        items.push(item_view(i, deletable));
    }
    let can_share = match person {
        Some(p) => rules::can_share(state, group, p).await?,
        None => false,
    };
    let base = match group {
        Some(g) => format!("/groupes/{}/veille", g.id),
        None => "/veille".to_owned(),
    };
    let tag = essaim_domain::news::normalise_tag(&q.tag);
    let page_ctx = context! {
        group => group.map(|g| context! { id => g.id.to_string(), name => g.name }),
        base,
        items, total, page, pages,
        q => q.q, tag,
        can_share,
        values,
    };
    Ok(match errors {
        Some(e) => ctx.render_invalid(state, "veille/list.html", e, page_ctx),
        None => ctx.render(state, "veille/list.html", page_ctx),
    })
}

async fn platform(
    ctx: PageCtx,
    State(state): State<AppState>,
    Query(q): Query<ListQuery>,
) -> Result<Response, AppError> {
    list_page(&ctx, &state, None, &q, &ShareForm::default(), None).await
}

async fn readable_group(state: &AppState, ctx: &PageCtx, id: Uuid) -> Result<Group, AppError> {
    let g = find_group(state, id).await?;
    require_read(state, &g, ctx.user.as_ref().map(|u| &u.person)).await?;
    Ok(g)
}

async fn group_page(
    ctx: PageCtx,
    State(state): State<AppState>,
    Path(id): Path<Uuid>,
    Query(q): Query<ListQuery>,
) -> Result<Response, AppError> {
    let g = readable_group(&state, &ctx, id).await?;
    list_page(&ctx, &state, Some(&g), &q, &ShareForm::default(), None).await
}

async fn share(
    ctx: &PageCtx,
    state: &AppState,
    user: &User,
    group: Option<&Group>,
    form: ShareForm,
) -> Result<Response, AppError> {
    let person = user.confirmed()?;
    let input = NewsInput {
        url: form.url.clone(),
        title: form.title.clone(),
        comment: form.comment.clone(),
        tags: form.tags.clone(),
    };
    match rules::share(state, person, group, &input).await {
        Ok(_) => Ok(see_other(&match group {
            Some(g) => format!("/groupes/{}/veille", g.id),
            None => "/veille".to_owned(),
        })),
        Err(ShareFailure::Invalid(errors)) => {
            list_page(
                ctx,
                state,
                group,
                &ListQuery::default(),
                &form,
                Some(&errors),
            )
            .await
        }
        Err(ShareFailure::App(e)) => Err(e),
    }
}

async fn share_platform(
    ctx: PageCtx,
    State(state): State<AppState>,
    user: User,
    Form(form): Form<ShareForm>,
) -> Result<Response, AppError> {
    share(&ctx, &state, &user, None, form).await
}

async fn share_group(
    ctx: PageCtx,
    State(state): State<AppState>,
    user: User,
    Path(id): Path<Uuid>,
    Form(form): Form<ShareForm>,
) -> Result<Response, AppError> {
    let g = readable_group(&state, &ctx, id).await?;
    share(&ctx, &state, &user, Some(&g), form).await
}

async fn delete(
    State(state): State<AppState>,
    user: User,
    ClientIp(ip): ClientIp,
    Path(id): Path<Uuid>,
) -> Result<Response, AppError> {
    let person = user.confirmed()?;
    let item = rules::readable(&state, id, Some(person)).await?;
    rules::delete(&state, &item, person, Some(&ip)).await?;
    Ok(see_other(&match item.group_id {
        Some(g) => format!("/groupes/{g}/veille"),
        None => "/veille".to_owned(),
    }))
}

fn feed_response(xml: String) -> Response {
    (
        [(header::CONTENT_TYPE, "application/atom+xml; charset=utf-8")],
        xml,
    )
        .into_response()
}

async fn platform_feed(
    ctx: PageCtx,
    State(state): State<AppState>,
    Query(q): Query<ListQuery>,
) -> Result<Response, AppError> {
    let mut items = rules::search(&state, &NewsScope::Platform, &q.q, &q.tag).await?;
    items.truncate(FEED_ITEMS);
    let title = ctx.t(&state, "news-feed-title");
    Ok(feed_response(rules::atom(
        &state.config.base_url,
        &title,
        "/veille.atom",
        "/veille",
        &items,
    )))
}

async fn group_feed(
    ctx: PageCtx,
    State(state): State<AppState>,
    Path(id): Path<Uuid>,
    Query(q): Query<ListQuery>,
) -> Result<Response, AppError> {
    let g = readable_group(&state, &ctx, id).await?;
    let mut items = rules::search(&state, &NewsScope::Group(g.id), &q.q, &q.tag).await?;
    items.truncate(FEED_ITEMS);
    let title = format!("{} — {}", ctx.t(&state, "news-title"), g.name);
    Ok(feed_response(rules::atom(
        &state.config.base_url,
        &title,
        &format!("/groupes/{}/veille.atom", g.id),
        &format!("/groupes/{}/veille", g.id),
        &items,
    )))
}
