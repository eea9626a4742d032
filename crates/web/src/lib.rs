//! Essaim's web interface: server-rendered pages under French URLs and the JSON API under
//! `/api/v1`, both served by the same services over an `Arc<dyn Store>`.
//!
//! Request flow: `app()` stacks the layers (request id, trace, security headers, body limit,
//! CSRF check, error rendering) around the routers of `pages` and `api`; handlers extract,
//! call the domain and the store, and render.

pub mod api;
pub mod assessment;
pub mod audit;
pub mod auth;
pub mod barometer;
pub mod blockers;
pub mod cafe;
pub mod collecte;
pub mod config;
pub mod csrf;
pub mod defis;
pub mod deliberation;
pub mod error;
pub mod events;
pub mod exchange;
pub mod funding;
pub mod groups;
pub mod hackathons;
pub mod i18n;
pub mod images;
pub mod impact;
pub mod import;
pub mod jury;
pub mod mail;
pub mod map;
pub mod network;
pub mod news;
pub mod outcomes;
pub mod pages;
pub mod passwords;
pub mod planner_slots;
pub mod review;
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
        // The largest body any route but the document uploads accepts (images); those two
        // raise it for themselves (`DOCUMENT_UPLOADS`).
        .layer(axum::middleware::from_fn_with_state(
            body_limit.max(images::MAX_BYTES + 64 * 1024),
            limit_body,
        ))
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

/// The routes that take a funding document (page and API), the only ones whose bodies may
/// reach `MAX_DOCUMENT_BYTES`: a route-level limit, the route being known once routed.
pub const DOCUMENT_UPLOADS: [&str; 2] = [
    "/candidatures/{id}/documents",
    "/api/v1/applications/{id}/documents",
];

/// Refuses a body over the limit of its route (413), before any handler reads it: the given
/// limit, or the documents' on `DOCUMENT_UPLOADS`.
async fn limit_body(
    axum::extract::State(limit): axum::extract::State<usize>,
    req: axum::extract::Request,
    next: axum::middleware::Next,
) -> axum::response::Response {
    use tower::{Layer, ServiceExt};
    let upload = req
        .extensions()
        .get::<axum::extract::MatchedPath>()
        .is_some_and(|p| DOCUMENT_UPLOADS.contains(&p.as_str()));
    let limit = if upload {
        essaim_domain::funding::MAX_DOCUMENT_BYTES + 64 * 1024
    } else {
        limit
    };
    let inner =
        tower::util::MapRequestLayer::new(|r: axum::http::Request<_>| r.map(axum::body::Body::new))
            .layer(next);
    match RequestBodyLimitLayer::new(limit)
        .layer(inner)
        .oneshot(req)
        .await
    {
        Ok(r) => axum::response::IntoResponse::into_response(r),
        Err(never) => match never {},
    }
}

/// How long a request may take before shutdown stops waiting for it.
pub const SHUTDOWN_GRACE: Duration = Duration::from_secs(20);
