//! API: Administrative blockers (hackers publics): reports, routing to public hackers, statuses and the aggregate view.

use crate::state::AppState;
use axum::Router;

pub fn router() -> Router<AppState> {
    Router::new()
}
