//! API: Offers and needs (skills, premises, equipment, volunteering, funding) and their matching.

use crate::state::AppState;
use axum::Router;

pub fn router() -> Router<AppState> {
    Router::new()
}
