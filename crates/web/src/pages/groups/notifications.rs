//! Notification settings (a mail per post, a daily digest, or none) and the one-click
//! unsubscribe of every mail: its link needs no session; GET asks for confirmation (mail
//! scanners follow links), POST unsubscribes the token's owner and no one else.

use crate::auth::User;
use crate::error::AppError;
use crate::groups::settings_of;
use crate::pages::{see_other, PageCtx};
use crate::state::AppState;
use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use axum::response::Response;
use axum::Form;
use essaim_domain::groups::NotifyMode;
use essaim_store::utc_now;
use minijinja::context;
use serde::Deserialize;

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
    let person = user.confirmed()?;
    let settings = settings_of(state.store.as_ref(), person.id, ctx.locale).await?;
    Ok(ctx.render(
        &state,
        "groupes/notifications.html",
        context! { mode => settings.mode, notice => q.notice },
    ))
}

#[derive(Deserialize)]
pub struct SettingsForm {
    #[serde(default)]
    mode: String,
}

pub async fn save(
    ctx: PageCtx,
    State(state): State<AppState>,
    user: User,
    Form(f): Form<SettingsForm>,
) -> Result<Response, AppError> {
    let person = user.confirmed()?;
    settings_of(state.store.as_ref(), person.id, ctx.locale).await?;
    let Some(mode) = NotifyMode::parse(f.mode.trim()) else {
        let mut e = essaim_domain::invalid::FieldErrors::new();
        e.add("mode", essaim_domain::Invalid::new("groups-mode-invalid"));
        let current = state
            .store
            .group_settings(person.id)
            .await?
            .map(|s| s.mode)
            .unwrap_or_default();
        return Ok(ctx.render_invalid(
            &state,
            "groupes/notifications.html",
            &e,
            context! { mode => current },
        ));
    };
    state
        .store
        .set_group_notify_mode(person.id, mode.as_str(), ctx.locale.as_str(), utc_now())
        .await?;
    Ok(see_other("/groupes/notifications?notice=saved"))
}

pub async fn unsubscribe_page(
    ctx: PageCtx,
    State(state): State<AppState>,
    Path(token): Path<String>,
) -> Result<Response, AppError> {
    let settings = state
        .store
        .group_settings_by_token(&token)
        .await?
        .ok_or(AppError::NotFound)?;
    Ok(ctx.render(
        &state,
        "groupes/unsubscribe.html",
        context! { token, done => false, already => settings.mode == NotifyMode::None.as_str() },
    ))
}

pub async fn unsubscribe(
    ctx: PageCtx,
    State(state): State<AppState>,
    Path(token): Path<String>,
) -> Result<Response, AppError> {
    let settings = state
        .store
        .group_settings_by_token(&token)
        .await?
        .ok_or(AppError::NotFound)?;
    state
        .store
        .set_group_notify_mode(
            settings.person_id,
            NotifyMode::None.as_str(),
            &settings.locale,
            utc_now(),
        )
        .await?;
    let mut page = ctx.render(
        &state,
        "groupes/unsubscribe.html",
        context! { token, done => true },
    );
    *page.status_mut() = StatusCode::OK;
    Ok(page)
}
