//! Security headers on every response.

use axum::extract::Request;
use axum::http::{header, HeaderValue};
use axum::middleware::Next;
use axum::response::Response;

const CSP: &str = "default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; \
                   object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'";

pub async fn headers(req: Request, next: Next) -> Response {
    let mut response = next.run(req).await;
    let h = response.headers_mut();
    h.insert(
        header::CONTENT_SECURITY_POLICY,
        HeaderValue::from_static(CSP),
    );
    h.insert(
        header::X_CONTENT_TYPE_OPTIONS,
        HeaderValue::from_static("nosniff"),
    );
    h.insert(header::X_FRAME_OPTIONS, HeaderValue::from_static("DENY"));
    h.insert(
        header::REFERRER_POLICY,
        HeaderValue::from_static("strict-origin-when-cross-origin"),
    );
    h.insert(
        "permissions-policy",
        HeaderValue::from_static("camera=(), microphone=(), geolocation=()"),
    );
    h.insert(
        "cross-origin-opener-policy",
        HeaderValue::from_static("same-origin"),
    );
    response
}

/// Refuses text input holding a NUL character (`%00` in a query or form, `\u0000` in JSON):
/// no field of the product needs one, and PostgreSQL refuses to store it, so it would surface
/// as a server error deep in a handler. One rule at the edge answers 400 with a clear message.
pub async fn refuse_nul(
    axum::extract::State(state): axum::extract::State<crate::state::AppState>,
    req: Request,
    next: Next,
) -> Response {
    use axum::response::IntoResponse;
    let refused = || crate::error::AppError::BadRequest("nul_character").into_response();
    if req.uri().query().is_some_and(has_encoded_nul) {
        return refused();
    }
    let content_type = req
        .headers()
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .unwrap_or("");
    let is_text = content_type.starts_with("application/x-www-form-urlencoded")
        || content_type.starts_with("application/json");
    if !is_text {
        return next.run(req).await;
    }
    let (parts, body) = req.into_parts();
    let Ok(bytes) = axum::body::to_bytes(body, state.config.body_limit_bytes).await else {
        return axum::http::StatusCode::PAYLOAD_TOO_LARGE.into_response();
    };
    if bytes.contains(&0) || has_encoded_nul(&String::from_utf8_lossy(&bytes)) {
        return refused();
    }
    next.run(Request::from_parts(parts, axum::body::Body::from(bytes)))
        .await
}

/// `%00` (form and URL encoding) or `\u0000` (JSON), in any letter case.
fn has_encoded_nul(s: &str) -> bool {
    let lower = s.to_ascii_lowercase();
    lower.contains("%00") || lower.contains("\\u0000")
}

#[cfg(test)]
mod tests {
    use super::has_encoded_nul;

    #[test]
    fn encoded_nuls_are_found_in_every_spelling() {
        for s in ["a%00b", "%00", "x=\\u0000", "\\U0000", "q=%00%27"] {
            assert!(has_encoded_nul(s), "{s}");
        }
        for s in ["a%20b", "100%", "\\u00e9", "%0a", "u0000"] {
            assert!(!has_encoded_nul(s), "{s}");
        }
    }
}
