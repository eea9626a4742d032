//! The history of an initiative: every revision, what it changed, and restoring one.

use super::{find_editable, find_visible, is_editor};
use crate::auth::{MaybeUser, User};
use crate::error::AppError;
use crate::pages::{see_other, PageCtx};
use crate::state::AppState;
use axum::extract::{Path, State};
use axum::response::Response;
use essaim_domain::initiative::diff::diff;
use essaim_store::{utc_now, RevisionNote};
use minijinja::{context, Value};
use uuid::Uuid;

pub async fn history(
    ctx: PageCtx,
    State(state): State<AppState>,
    MaybeUser(user): MaybeUser,
    Path(id): Path<Uuid>,
) -> Result<Response, AppError> {
    let person = user.as_ref().map(|u| &u.person);
    let i = find_visible(&state, id, person).await?;
    let editable = is_editor(&state, &i, person).await?;
    let revisions = state.store.revisions(id).await?;
    // Each revision is shown with what it changed from the one before it.
    let views: Vec<Value> = revisions
        .iter()
        .enumerate()
        .map(|(n, r)| {
            let changes = revisions.get(n + 1).map(|older| diff(&older.content, &r.content)).unwrap_or_default();
            context! {
                number => r.number, message => r.message, author => r.author_name, created_at => r.created_at.to_rfc3339(),
                changes, current => r.number == i.revision,
            }
        })
        .collect();
    Ok(ctx.render(
        &state,
        "initiatives/history.html",
        context! { id => id.to_string(), title => i.content.title, revisions => views, editable },
    ))
}

pub async fn restore(
    ctx: PageCtx,
    State(state): State<AppState>,
    user: User,
    Path((id, number)): Path<(Uuid, i32)>,
) -> Result<Response, AppError> {
    find_editable(&state, id, user.person()).await?;
    let old = state
        .store
        .revision(id, number)
        .await?
        .ok_or(AppError::NotFound)?;
    let message = state.i18n.message(
        ctx.locale,
        "revision-restored",
        &[("number", number.to_string())],
    );
    let note = RevisionNote {
        author_id: user.person().id,
        message,
        at: utc_now(),
    };
    state
        .store
        .update_initiative(id, &old.content, note)
        .await?;
    Ok(see_other(&format!("/initiatives/{id}/historique")))
}
