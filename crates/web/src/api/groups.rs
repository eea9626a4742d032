//! API: Groups by territory or theme, their threads and replies, follows, mentions, e-mail notifications and moderation.

use crate::state::AppState;
use axum::Router;

pub fn router() -> Router<AppState> {
    Router::new()
}
