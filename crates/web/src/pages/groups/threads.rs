//! A group's threads: opening one, reading it with its replies, replying, following it, and
//! reporting a post. Hidden posts (by reports, by a moderator, or of a blocked account) show a
//! placeholder; their text stays for moderators.

use super::{group_view, paris, render_group, with_status};
use crate::auth::User;
use crate::error::AppError;
use crate::groups::{
    can_post_in_group, explain_throttle, find_group, find_group_thread, is_moderator, publish,
    refuse_if_blocked, require_read,
};
use crate::pages::{see_other, PageCtx};
use crate::state::AppState;
use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use axum::response::Response;
use axum::Form;
use essaim_domain::groups as rules;
use essaim_domain::invalid::FieldErrors;
use essaim_store::groups::{Group, Thread};
use essaim_store::utc_now;
use minijinja::{context, Value};
use serde::Deserialize;
use uuid::Uuid;

#[derive(Deserialize, Default, serde::Serialize)]
pub struct ThreadForm {
    #[serde(default)]
    title: String,
    #[serde(default)]
    body: String,
}

pub async fn create(
    ctx: PageCtx,
    State(state): State<AppState>,
    user: User,
    Path(id): Path<Uuid>,
    Form(f): Form<ThreadForm>,
) -> Result<Response, AppError> {
    let person = user.confirmed()?;
    let g = find_group(&state, id).await?;
    if !can_post_in_group(&state, &g, person).await? {
        return Err(AppError::Forbidden);
    }
    let mut e = FieldErrors::new();
    let title = e.check("title", rules::thread_title(&f.title));
    let body = e.check("body", rules::post_body(&f.body));
    let (Some(title), Some(body)) = (title, body) else {
        let errors = crate::pages::form_errors(&state, ctx.locale, &e);
        let page = render_group(&ctx, &state, &g, 1, context! { errors, values => f }).await?;
        return Ok(with_status(page, StatusCode::UNPROCESSABLE_ENTITY));
    };
    let (thread, _) = match publish(&state, &g, None, Some(&title), person, &body, ctx.locale).await
    {
        Ok(done) => done,
        Err(e) => return explain_throttle(e, "groups-posting-throttled"),
    };
    Ok(see_other(&format!("/groupes/{}/fils/{}", g.id, thread.id)))
}

#[derive(Deserialize, Default)]
pub struct ShowQuery {
    #[serde(default)]
    notice: String,
}

pub async fn show(
    ctx: PageCtx,
    State(state): State<AppState>,
    Path((id, thread)): Path<(Uuid, Uuid)>,
    Query(q): Query<ShowQuery>,
) -> Result<Response, AppError> {
    let g = find_group(&state, id).await?;
    require_read(&state, &g, ctx.user.as_ref().map(|u| &u.person)).await?;
    let t = find_group_thread(&state, &g, thread).await?;
    render_thread(&ctx, &state, &g, &t, context! { notice => q.notice }).await
}

async fn render_thread(
    ctx: &PageCtx,
    state: &AppState,
    g: &Group,
    t: &Thread,
    extra: Value,
) -> Result<Response, AppError> {
    let person = ctx.user.as_ref().map(|u| &u.person);
    let (may_post, following, me) = match person {
        Some(p) => (
            can_post_in_group(state, g, p).await?,
            state.store.follows_in_groups(p.id, t.id).await?,
            Some(p.id),
        ),
        None => (false, false, None),
    };
    let moderator = person.is_some_and(is_moderator);
    let all = state.store.list_group_posts(t.id).await?;
    let title = crate::groups::shown_title(
        &state.i18n,
        ctx.locale,
        &t.title,
        crate::groups::title_hidden_by(&all),
        moderator,
    );
    let posts: Vec<Value> = all
        .iter()
        .enumerate()
        .map(|(i, p)| {
            // An erased account's posts keep their place in the thread, without their text.
            let erased = p.body.is_empty();
            let hidden = p.is_hidden() || erased;
            context! {
                id => p.id.to_string(),
                first => i == 0,
                author => p.author_name,
                at => paris(p.created_at),
                hidden,
                why => if erased { "erased" } else if p.author_blocked { "blocked" } else { p.hidden.as_str() },
                html => if hidden { String::new() } else { essaim_domain::markdown::render(&p.body) },
                mine => me == Some(p.author_id),
            }
        })
        .collect();
    let view = group_view(state, g, ctx.locale).await?;
    Ok(ctx.render(
        state,
        "groupes/thread.html",
        context! {
            g => view,
            th => context! { id => t.id.to_string(), title, created_at => paris(t.created_at) },
            posts,
            may_post,
            following,
            moderator,
            signed_in => person.is_some(),
            ..extra
        },
    ))
}

#[derive(Deserialize, Default, serde::Serialize)]
pub struct ReplyForm {
    #[serde(default)]
    body: String,
}

pub async fn reply(
    ctx: PageCtx,
    State(state): State<AppState>,
    user: User,
    Path((id, thread)): Path<(Uuid, Uuid)>,
    Form(f): Form<ReplyForm>,
) -> Result<Response, AppError> {
    let person = user.confirmed()?;
    let g = find_group(&state, id).await?;
    require_read(&state, &g, Some(person)).await?;
    let t = find_group_thread(&state, &g, thread).await?;
    if !can_post_in_group(&state, &g, person).await? {
        return Err(AppError::Forbidden);
    }
    let body = match rules::post_body(&f.body) {
        Ok(b) => b,
        Err(invalid) => {
            let mut e = FieldErrors::new();
            e.add("body", invalid);
            let errors = crate::pages::form_errors(&state, ctx.locale, &e);
            let page =
                render_thread(&ctx, &state, &g, &t, context! { errors, values => f }).await?;
            return Ok(with_status(page, StatusCode::UNPROCESSABLE_ENTITY));
        }
    };
    let (_, post) = match publish(&state, &g, Some(&t), None, person, &body, ctx.locale).await {
        Ok(done) => done,
        Err(e) => return explain_throttle(e, "groups-posting-throttled"),
    };
    Ok(see_other(&format!(
        "/groupes/{}/fils/{}#message-{}",
        g.id, t.id, post.id
    )))
}

#[derive(Deserialize)]
pub struct FollowForm {
    #[serde(default)]
    follow: String,
}

pub async fn follow(
    ctx: PageCtx,
    State(state): State<AppState>,
    user: User,
    Path((id, thread)): Path<(Uuid, Uuid)>,
    Form(f): Form<FollowForm>,
) -> Result<Response, AppError> {
    let person = user.confirmed()?;
    let g = find_group(&state, id).await?;
    require_read(&state, &g, Some(person)).await?;
    let t = find_group_thread(&state, &g, thread).await?;
    crate::groups::settings_of(state.store.as_ref(), person.id, ctx.locale).await?;
    let on = f.follow == "1";
    state
        .store
        .set_group_follow(person.id, t.id, on, utc_now())
        .await?;
    let notice = if on { "followed" } else { "unfollowed" };
    Ok(see_other(&format!(
        "/groupes/{}/fils/{}?notice={notice}",
        g.id, t.id
    )))
}

/// Anyone who may read a post reports it, once; the threshold hides it until a moderator
/// decides.
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
        // Who may not read the group may not know the post exists.
        return Err(AppError::NotFound);
    }
    report_post(&state, person.id, post).await?;
    Ok(see_other(&format!(
        "/groupes/{}/fils/{}?notice=reported#message-{}",
        g.id, p.thread_id, p.id
    )))
}

pub(crate) async fn report_post(
    state: &AppState,
    person: Uuid,
    post: Uuid,
) -> Result<essaim_store::groups::ReportOutcome, AppError> {
    let outcome = state
        .store
        .report_group_post(
            post,
            person,
            state.config.groups_report_threshold,
            utc_now(),
        )
        .await?;
    if outcome.new {
        crate::audit::record(
            state,
            Some(person),
            "group.post.report",
            post.to_string(),
            None,
            format!("reports={} hidden={}", outcome.reports, outcome.hidden),
        )
        .await?;
    }
    Ok(outcome)
}
