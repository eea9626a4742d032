//! Static files compiled into the binary, served with a long cache (their URL carries the
//! crate version, so a new release gets new URLs).

use crate::state::AppState;
use axum::http::header;
use axum::response::IntoResponse;
use axum::routing::get;
use axum::Router;

pub const CSS_PATH: &str = concat!("/static/", env!("CARGO_PKG_VERSION"), "/essaim.css");
/// The script that lets people vote in a conversation without reloading the page; every page
/// works without it.
pub const DEBATS_JS_PATH: &str = concat!("/static/", env!("CARGO_PKG_VERSION"), "/debats.js");

pub fn router() -> Router<AppState> {
    Router::new()
        .route(CSS_PATH, get(css))
        .route(DEBATS_JS_PATH, get(debats_js))
}

async fn css() -> impl IntoResponse {
    (
        [
            (header::CONTENT_TYPE, "text/css; charset=utf-8"),
            (header::CACHE_CONTROL, "public, max-age=31536000, immutable"),
        ],
        include_str!("../../static/essaim.css"),
    )
}

async fn debats_js() -> impl IntoResponse {
    (
        [
            (header::CONTENT_TYPE, "text/javascript; charset=utf-8"),
            (header::CACHE_CONTROL, "public, max-age=31536000, immutable"),
        ],
        include_str!("../../static/debats.js"),
    )
}
