//! Essaim's web interface: server-rendered pages under French URLs and the JSON API under
//! `/api/v1`, both served by the same services over an `Arc<dyn Store>`.
//!
//! Request flow: `app()` stacks the layers (request id, trace, security headers, body limit,
//! CSRF check, error rendering) around the routers of `pages` and `api`; handlers extract,
//! call the domain and the store, and render.

pub mod api;
pub mod audit;
pub mod auth;
pub mod blockers;
pub mod config;
pub mod csrf;
pub mod deliberation;
pub mod error;
pub mod exchange;
pub mod groups;
pub mod i18n;
pub mod images;
pub mod import;
pub mod mail;
pub mod map;
pub mod network;
pub mod news;
pub mod pages;
pub mod passwords;
pub mod security;
pub mod sortition;
pub mod state;
pub mod templates;
pub mod throttle;

pub use config::{SmtpConfig, WebConfig};
pub use state::AppState;

use axum::Router;
use std::time::Duration;
use tower_http::limit::RequestBodyLimitLayer;
use tower_http::request_id::{MakeRequestUuid, PropagateRequestIdLayer, SetRequestIdLayer};
use tower_http::trace::TraceLayer;

/// The whole site: pages, API, static files, with every layer in place.
pub fn app(state: AppState) -> Router {
    let body_limit = state.config.body_limit_bytes;
    // Layers run outside-in in reverse order of this list: request id, trace, security
    // headers, session, error rendering, body limit, CSRF, NUL refusal, then the handler.
    Router::new()
        .merge(pages::router())
        .nest("/api/v1", api::router())
        .layer(axum::middleware::from_fn_with_state(
            state.clone(),
            security::refuse_nul,
        ))
        .layer(axum::middleware::from_fn_with_state(state.clone(), csrf::verify))
        // Extractors (forms, JSON) take at most the configured size; the upload route raises
        // its own limit, and the outer layer stops anything larger than any route accepts.
        .layer(axum::extract::DefaultBodyLimit::max(body_limit))
        .layer(RequestBodyLimitLayer::new(body_limit.max(images::MAX_BYTES + 64 * 1024)))
        .layer(axum::middleware::from_fn_with_state(state.clone(), error::render_errors))
        .layer(axum::middleware::from_fn_with_state(state.clone(), auth::load_session))
        .layer(axum::middleware::from_fn(security::headers))
        .layer(
            TraceLayer::new_for_http().make_span_with(|req: &axum::http::Request<_>| {
                let id = req
                    .headers()
                    .get("x-request-id")
                    .and_then(|v| v.to_str().ok())
                    .unwrap_or("-");
                tracing::info_span!("request", method = %req.method(), path = %req.uri().path(), request_id = %id)
            }),
        )
        .layer(PropagateRequestIdLayer::x_request_id())
        .layer(SetRequestIdLayer::x_request_id(MakeRequestUuid))
        .with_state(state)
}

/// How long a request may take before shutdown stops waiting for it.
pub const SHUTDOWN_GRACE: Duration = Duration::from_secs(20);
