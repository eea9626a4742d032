//! The home page, the language switch, the statement pages, health probes.

use super::{see_other, PageCtx};
use crate::auth::set_cookie;
use crate::error::AppError;
use crate::i18n::{Locale, LANG_COOKIE};
use crate::state::AppState;
use axum::extract::State;
use axum::http::header::SET_COOKIE;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use axum::{Form, Router};
use essaim_store::Page;
use minijinja::context;
use serde::Deserialize;

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/", get(home))
        .route("/langue", post(switch_language))
        .route("/accessibilite", get(accessibility))
        .route("/mentions-legales", get(legal))
        .route("/healthz", get(|| async { "ok" }))
        .route("/readyz", get(ready))
}

async fn home(ctx: PageCtx, State(state): State<AppState>) -> Result<Response, AppError> {
    let structures = state.store.count_structures(None, None).await?;
    let people = state.store.count_people().await?;
    let recent = state
        .store
        .list_structures(None, None, Page::first(6))
        .await?;
    let recent: Vec<_> = recent
        .iter()
        .map(|s| super::structures::structure_view(&state, s))
        .collect();
    Ok(ctx.render(&state, "home.html", context! { structures, people, recent }))
}

#[derive(Deserialize)]
struct LanguageForm {
    lang: String,
    #[serde(default)]
    back: String,
}

/// The footer's language switch: remembered for a year in a cookie.
async fn switch_language(
    State(state): State<AppState>,
    Form(form): Form<LanguageForm>,
) -> Result<Response, AppError> {
    let locale = Locale::parse(&form.lang).ok_or(AppError::BadRequest("language_unknown"))?;
    // Only a path of this site: not `//host` nor `/\host`, which browsers read as another site.
    let back = if form.back.starts_with('/')
        && !form.back.starts_with("//")
        && !form.back.contains('\\')
    {
        form.back.as_str()
    } else {
        "/"
    };
    let mut response = see_other(back);
    let cookie = set_cookie(
        LANG_COOKIE,
        locale.as_str(),
        Some(365 * 24 * 3600),
        "Lax",
        state.config.secure_cookies,
    );
    response.headers_mut().append(SET_COOKIE, cookie);
    Ok(response)
}

async fn accessibility(ctx: PageCtx, State(state): State<AppState>) -> Response {
    ctx.render(&state, "pages/accessibilite.html", context! {})
}

async fn legal(ctx: PageCtx, State(state): State<AppState>) -> Response {
    ctx.render(&state, "pages/mentions_legales.html", context! {})
}

async fn ready(State(state): State<AppState>) -> Response {
    match state.store.ping().await {
        Ok(()) => "ready".into_response(),
        Err(e) => {
            tracing::warn!(error = %e, "readiness check failed");
            (StatusCode::SERVICE_UNAVAILABLE, "database unavailable").into_response()
        }
    }
}
