//! The list of panels, newest first.

use super::{paris, phase};
use crate::error::AppError;
use crate::pages::PageCtx;
use crate::state::AppState;
use axum::extract::{Query, State};
use axum::response::Response;
use essaim_store::{utc_now, Page};
use minijinja::{context, Value};
use serde::Deserialize;
use std::collections::HashMap;

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
    let total = state.store.count_panels().await?;
    let rows = state
        .store
        .list_panels(Page {
            limit: PER_PAGE,
            offset: (page_no - 1) * PER_PAGE,
        })
        .await?;
    let now = utc_now();
    let mut names = HashMap::new();
    for r in &rows {
        if let std::collections::hash_map::Entry::Vacant(e) = names.entry(r.structure_id) {
            let name = state
                .store
                .structure(r.structure_id)
                .await?
                .map(|s| s.name)
                .unwrap_or_default();
            e.insert(name);
        }
    }
    let items: Vec<Value> = rows
        .iter()
        .map(|p| {
            context! {
                id => p.id.to_string(),
                title => p.title,
                structure => names.get(&p.structure_id),
                structure_id => p.structure_id.to_string(),
                panel_size => p.panel_size,
                volunteers => p.volunteers,
                phase => phase(p.formed_at, p.pool_erased_at, p.registration_closes_at, now),
                registration_closes_at => p.registration_closes_at.map(paris),
            }
        })
        .collect();
    let pages = ((total + PER_PAGE - 1) / PER_PAGE).max(1);
    Ok(ctx.render(
        &state,
        "tirages/list.html",
        context! { items, total, page => page_no, pages },
    ))
}
