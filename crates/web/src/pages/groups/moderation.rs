//! The moderators' queue (platform moderators and admins): reported and hidden posts, with
//! hide, restore (which also dismisses the reports) and blocking or unblocking their author.
//! Every decision is in the audit log.

use super::paris;
use crate::auth::User;
use crate::error::AppError;
use crate::groups::is_moderator;
use crate::pages::{see_other, PageCtx};
use crate::state::AppState;
use axum::extract::{Path, Query, State};
use axum::response::Response;
use axum::Form;
use essaim_store::{utc_now, Person};
use minijinja::{context, Value};
use serde::Deserialize;
use uuid::Uuid;

fn moderator(user: &User) -> Result<&Person, AppError> {
    let person = user.confirmed()?;
    if is_moderator(person) {
        Ok(person)
    } else {
        Err(AppError::Forbidden)
    }
}

#[derive(Deserialize, Default)]
pub struct PageQuery {
    #[serde(default)]
    notice: String,
}

pub async fn page(
    ctx: PageCtx,
    State(state): State<AppState>,
    user: User,
    Query(q): Query<PageQuery>,
) -> Result<Response, AppError> {
    moderator(&user)?;
    let items: Vec<Value> = state
        .store
        .group_moderation_queue()
        .await?
        .iter()
        .map(|i| {
            context! {
                post_id => i.post_id.to_string(),
                thread_id => i.thread_id.to_string(),
                thread_title => i.thread_title,
                group_id => i.group_id.to_string(),
                group_name => i.group_name,
                author_id => i.author_id.to_string(),
                author_name => i.author_name,
                html => essaim_domain::markdown::render(&i.body),
                hidden => i.hidden,
                reports => i.reports,
                author_blocked => i.author_blocked,
                at => paris(i.created_at),
            }
        })
        .collect();
    let blocks: Vec<Value> = state
        .store
        .list_group_blocks()
        .await?
        .iter()
        .map(|b| context! { id => b.person_id.to_string(), name => b.display_name, at => paris(b.created_at) })
        .collect();
    Ok(ctx.render(
        &state,
        "groupes/moderation.html",
        context! { items, blocks, notice => q.notice, threshold => state.config.groups_report_threshold },
    ))
}

#[derive(Deserialize)]
pub struct Decision {
    #[serde(default)]
    action: String,
}

pub async fn decide_post(
    State(state): State<AppState>,
    user: User,
    Path(post): Path<Uuid>,
    Form(d): Form<Decision>,
) -> Result<Response, AppError> {
    let person = moderator(&user)?;
    moderate_post(&state, person, post, &d.action).await?;
    Ok(see_other("/groupes/moderation?notice=done"))
}

/// "hide" or "restore" a post; 422 for another action, 404 without the post.
pub(crate) async fn moderate_post(
    state: &AppState,
    by: &Person,
    post: Uuid,
    action: &str,
) -> Result<(), AppError> {
    let now = utc_now();
    match action {
        "hide" => state.store.hide_group_post(post, now).await?,
        "restore" => state.store.restore_group_post(post, now).await?,
        _ => return Err(AppError::Unprocessable("groups-action-invalid")),
    }
    crate::audit::record(
        state,
        Some(by.id),
        &format!("group.post.{action}"),
        post.to_string(),
        None,
        String::new(),
    )
    .await
}

pub async fn decide_account(
    State(state): State<AppState>,
    user: User,
    Path(who): Path<Uuid>,
    Form(d): Form<Decision>,
) -> Result<Response, AppError> {
    let person = moderator(&user)?;
    moderate_account(&state, person, who, &d.action).await?;
    Ok(see_other("/groupes/moderation?notice=done"))
}

/// "block" or "unblock" an account in groups. Nobody acts on their own account (a blocked
/// moderator does not unblock themself), and only admins act on a moderator or an admin
/// (409 otherwise).
pub(crate) async fn moderate_account(
    state: &AppState,
    by: &Person,
    who: Uuid,
    action: &str,
) -> Result<(), AppError> {
    let target = state.store.person(who).await?.ok_or(AppError::NotFound)?;
    if !matches!(action, "block" | "unblock") {
        return Err(AppError::Unprocessable("groups-action-invalid"));
    }
    if target.id == by.id || (is_moderator(&target) && !by.is_admin()) {
        return Err(AppError::Conflict("groups-block-refused"));
    }
    if action == "block" {
        state.store.block_in_groups(who, by.id, utc_now()).await?
    } else {
        state.store.unblock_in_groups(who).await?
    }
    crate::audit::record(
        state,
        Some(by.id),
        &format!("group.account.{action}"),
        who.to_string(),
        None,
        String::new(),
    )
    .await
}
