//! CSRF protection for every state change of the pages: the form carries `_csrf` (or the
//! `x-csrf-token` header), which must equal this browser's CSRF cookie (SameSite=Strict, so a
//! cross-site page can neither read nor send it); and an Origin header, when sent, must be ours.
//! The API is exempt: it authenticates by Bearer token only, never by cookie.

use crate::auth::{cookie, CSRF_COOKIE};
use crate::error::AppError;
use crate::state::AppState;
use axum::body::{to_bytes, Body};
use axum::extract::{Request, State};
use axum::http::{header, Method, StatusCode};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};

pub async fn verify(State(state): State<AppState>, req: Request, next: Next) -> Response {
    let safe = matches!(*req.method(), Method::GET | Method::HEAD | Method::OPTIONS);
    if safe || req.uri().path().starts_with("/api/") {
        return next.run(req).await;
    }
    if !origin_is_ours(&req) {
        return AppError::CsrfFailed.into_response();
    }
    let Some(expected) = cookie(req.headers(), CSRF_COOKIE) else {
        return AppError::CsrfFailed.into_response();
    };
    if let Some(sent) = req
        .headers()
        .get("x-csrf-token")
        .and_then(|v| v.to_str().ok())
    {
        return if constant_time_eq(sent, &expected) {
            next.run(req).await
        } else {
            AppError::CsrfFailed.into_response()
        };
    }
    // File uploads carry the token in the form's action URL (`?_csrf=`): reading a multipart
    // body here would mean holding megabytes in memory twice.
    let is_multipart = req
        .headers()
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.starts_with("multipart/form-data"));
    if is_multipart {
        let sent = req.uri().query().and_then(|q| {
            url::form_urlencoded::parse(q.as_bytes())
                .find(|(k, _)| k == "_csrf")
                .map(|(_, v)| v.into_owned())
        });
        return match sent {
            Some(sent) if constant_time_eq(&sent, &expected) => next.run(req).await,
            _ => AppError::CsrfFailed.into_response(),
        };
    }
    // Read the form to find `_csrf`, then hand the same bytes on to the handler.
    let (parts, body) = req.into_parts();
    let bytes = match to_bytes(body, state.config.body_limit_bytes).await {
        Ok(b) => b,
        Err(_) => return StatusCode::PAYLOAD_TOO_LARGE.into_response(),
    };
    let is_form = parts
        .headers
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.starts_with("application/x-www-form-urlencoded"));
    let sent = is_form
        .then(|| {
            url::form_urlencoded::parse(&bytes)
                .find(|(k, _)| k == "_csrf")
                .map(|(_, v)| v.into_owned())
        })
        .flatten();
    match sent {
        Some(sent) if constant_time_eq(&sent, &expected) => {
            next.run(Request::from_parts(parts, Body::from(bytes)))
                .await
        }
        _ => AppError::CsrfFailed.into_response(),
    }
}

fn origin_is_ours(req: &Request) -> bool {
    let Some(origin) = req
        .headers()
        .get(header::ORIGIN)
        .and_then(|v| v.to_str().ok())
    else {
        return true;
    };
    let host = req
        .headers()
        .get(header::HOST)
        .and_then(|v| v.to_str().ok())
        .unwrap_or("");
    origin
        .split_once("://")
        .is_some_and(|(_, rest)| rest.trim_end_matches('/') == host)
}

fn constant_time_eq(a: &str, b: &str) -> bool {
    a.len() == b.len()
        && a.bytes()
            .zip(b.bytes())
            .fold(0u8, |acc, (x, y)| acc | (x ^ y))
            == 0
}
