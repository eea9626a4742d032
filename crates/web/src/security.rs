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
    let is_form = content_type.starts_with("application/x-www-form-urlencoded");
    let is_json = content_type.starts_with("application/json");
    if !is_form && !is_json {
        return next.run(req).await;
    }
    let (parts, body) = req.into_parts();
    let Ok(bytes) = axum::body::to_bytes(body, state.config.body_limit_bytes).await else {
        return axum::http::StatusCode::PAYLOAD_TOO_LARGE.into_response();
    };
    let nul = if is_form {
        bytes.contains(&0) || has_encoded_nul(&String::from_utf8_lossy(&bytes))
    } else {
        // In JSON, `%00` is plain text; only the escape (or a raw byte) is a NUL.
        bytes.contains(&0) || has_json_nul(&bytes)
    };
    if nul {
        return refused();
    }
    next.run(Request::from_parts(parts, axum::body::Body::from(bytes)))
        .await
}

/// `%00`, the form and URL encoding of NUL.
fn has_encoded_nul(s: &str) -> bool {
    s.contains("%00")
}

/// `\u0000` in a JSON text as an escape, that is ending an odd run of backslashes
/// (`\\u0000` is an escaped backslash followed by the letters u0000).
fn has_json_nul(bytes: &[u8]) -> bool {
    bytes.windows(6).enumerate().any(|(at, w)| {
        w == b"\\u0000"
            && bytes[..at]
                .iter()
                .rev()
                .take_while(|b| **b == b'\\')
                .count()
                % 2
                == 0
    })
}

#[cfg(test)]
mod tests {
    use super::{has_encoded_nul, has_json_nul};

    #[test]
    fn encoded_nuls_are_found_in_forms_and_queries() {
        for s in ["a%00b", "%00", "q=%00%27"] {
            assert!(has_encoded_nul(s), "{s}");
        }
        for s in ["a%20b", "100%", "%0a", "u0000", "%0"] {
            assert!(!has_encoded_nul(s), "{s}");
        }
    }

    #[test]
    fn json_nuls_are_escapes_not_text() {
        for s in [r#"{"a":"\u0000"}"#, r#""x\u0000y""#, r#""\\\u0000""#] {
            assert!(has_json_nul(s.as_bytes()), "{s}");
        }
        for s in [r#"{"a":"100%00"}"#, r#""\\u0000""#, r#""\u00e9""#, "u0000"] {
            assert!(!has_json_nul(s.as_bytes()), "{s}");
        }
    }
}
