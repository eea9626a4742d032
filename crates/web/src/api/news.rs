//! API: Curated news (veille): links shared in groups with a comment and tags, searchable, with Atom feeds.

use crate::state::AppState;
use axum::Router;

pub fn router() -> Router<AppState> {
    Router::new()
}
