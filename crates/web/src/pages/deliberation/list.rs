//! The list of conversations, newest first.

use super::summary_view;
use crate::error::AppError;
use crate::pages::PageCtx;
use crate::state::AppState;
use axum::extract::{Query, State};
use axum::response::Response;
use essaim_store::{utc_now, Page};
use minijinja::{context, Value};
use serde::Deserialize;

const PER_PAGE: i64 = 20;

#[derive(Deserialize)]
pub struct ListQuery {
    #[serde(default)]
    page: Option<String>,
}

pub async fn list(
    ctx: PageCtx,
    State(state): State<AppState>,
    Query(q): Query<ListQuery>,
) -> Result<Response, AppError> {
    let page_no = q
        .page
        .and_then(|p| p.trim().parse::<i64>().ok())
        .unwrap_or(1)
        .clamp(1, 10_000);
    let total = state.store.count_conversations().await?;
    let rows = state
        .store
        .list_conversations(Page {
            limit: PER_PAGE,
            offset: (page_no - 1) * PER_PAGE,
        })
        .await?;
    let now = utc_now();
    let items: Vec<Value> = rows.iter().map(|s| summary_view(s, now)).collect();
    let pages = ((total + PER_PAGE - 1) / PER_PAGE).max(1);
    Ok(ctx.render(
        &state,
        "debats/list.html",
        context! { items, total, page => page_no, pages },
    ))
}
