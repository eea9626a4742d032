//! Pages: The network's relations: the banner (charter) signed by structures, labels granted by the labelling committee, and accompaniment of initiatives by labelled support structures.

use crate::state::AppState;
use axum::Router;

pub fn router() -> Router<AppState> {
    Router::new()
}
