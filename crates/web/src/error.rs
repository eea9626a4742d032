//! One error type at the edge. Its `code` is stable snake_case: the key of the French and
//! English message, and the `code` of the JSON body. `render_errors` turns every error response
//! (ours, or the framework's 404/405/413) into an HTML page or a JSON body in the right language.

use crate::auth::{CsrfToken, CurrentUser};
use crate::i18n::locale_of;
use crate::pages::render_page;
use crate::state::AppState;
use axum::extract::{Request, State};
use axum::http::{header, StatusCode};
use axum::middleware::Next;
use axum::response::{IntoResponse, Redirect, Response};
use essaim_domain::invalid::FieldErrors;
use essaim_store::StoreError;

#[derive(Debug, thiserror::Error)]
pub enum AppError {
    #[error("not_found")]
    NotFound,
    #[error("forbidden")]
    Forbidden,
    #[error("unauthenticated")]
    Unauthenticated,
    #[error("email_not_confirmed")]
    EmailNotConfirmed,
    #[error("csrf_failed")]
    CsrfFailed,
    #[error("too_many_requests")]
    Throttled { retry_after_secs: i64 },
    #[error("{0}")]
    BadRequest(&'static str),
    /// Invalid input of the API (forms re-render themselves instead).
    #[error("invalid_input")]
    Invalid(FieldErrors),
    #[error("{0}")]
    Conflict(&'static str),
    #[error("{0}")]
    Unprocessable(&'static str),
    #[error("unsupported_media_type")]
    UnsupportedMediaType,
    #[error("payload_too_large")]
    PayloadTooLarge,
    #[error("store: {0}")]
    Store(#[from] StoreError),
    #[error("internal: {0}")]
    Internal(#[from] anyhow::Error),
}

impl AppError {
    pub fn code(&self) -> &'static str {
        match self {
            AppError::NotFound => "not_found",
            AppError::Forbidden => "forbidden",
            AppError::Unauthenticated => "unauthenticated",
            AppError::EmailNotConfirmed => "email_not_confirmed",
            AppError::CsrfFailed => "csrf_failed",
            AppError::Throttled { .. } => "too_many_requests",
            AppError::BadRequest(code)
            | AppError::Conflict(code)
            | AppError::Unprocessable(code) => code,
            AppError::UnsupportedMediaType => "unsupported_media_type",
            AppError::PayloadTooLarge => "payload_too_large",
            AppError::Invalid(_) => "invalid_input",
            AppError::Store(StoreError::NotFound) => "not_found",
            AppError::Store(_) | AppError::Internal(_) => "internal_error",
        }
    }

    pub fn status(&self) -> StatusCode {
        match self {
            AppError::NotFound | AppError::Store(StoreError::NotFound) => StatusCode::NOT_FOUND,
            AppError::Forbidden | AppError::CsrfFailed | AppError::EmailNotConfirmed => {
                StatusCode::FORBIDDEN
            }
            AppError::Unauthenticated => StatusCode::UNAUTHORIZED,
            AppError::Throttled { .. } => StatusCode::TOO_MANY_REQUESTS,
            AppError::BadRequest(_) => StatusCode::BAD_REQUEST,
            AppError::Invalid(_) | AppError::Unprocessable(_) => StatusCode::UNPROCESSABLE_ENTITY,
            AppError::UnsupportedMediaType => StatusCode::UNSUPPORTED_MEDIA_TYPE,
            AppError::PayloadTooLarge => StatusCode::PAYLOAD_TOO_LARGE,
            AppError::Conflict(_) => StatusCode::CONFLICT,
            AppError::Store(_) | AppError::Internal(_) => StatusCode::INTERNAL_SERVER_ERROR,
        }
    }
}

/// Carried from `into_response` to `render_errors`, which knows the language and templates.
#[derive(Debug, Clone)]
pub struct ErrorInfo {
    pub code: &'static str,
    pub fields: Vec<(&'static str, &'static str)>,
    pub retry_after_secs: Option<i64>,
}

impl IntoResponse for AppError {
    fn into_response(self) -> Response {
        if matches!(self, AppError::Store(_) | AppError::Internal(_)) {
            tracing::error!(error = %self, "request failed");
        }
        let info = ErrorInfo {
            code: self.code(),
            fields: match &self {
                AppError::Invalid(f) => f.0.iter().map(|(k, v)| (*k, v.code)).collect(),
                _ => vec![],
            },
            retry_after_secs: match self {
                AppError::Throttled { retry_after_secs } => Some(retry_after_secs),
                _ => None,
            },
        };
        let mut response = self.status().into_response();
        response.extensions_mut().insert(info);
        response
    }
}

fn code_for_status(status: StatusCode) -> &'static str {
    match status {
        StatusCode::NOT_FOUND => "not_found",
        StatusCode::METHOD_NOT_ALLOWED => "method_not_allowed",
        StatusCode::PAYLOAD_TOO_LARGE => "payload_too_large",
        StatusCode::UNSUPPORTED_MEDIA_TYPE => "unsupported_media_type",
        StatusCode::UNPROCESSABLE_ENTITY | StatusCode::BAD_REQUEST => "bad_request",
        StatusCode::FORBIDDEN => "forbidden",
        StatusCode::UNAUTHORIZED => "unauthenticated",
        StatusCode::TOO_MANY_REQUESTS => "too_many_requests",
        _ => "internal_error",
    }
}

pub async fn render_errors(State(state): State<AppState>, req: Request, next: Next) -> Response {
    let locale = locale_of(req.headers());
    let path = req.uri().path().to_owned();
    let query = req.uri().query().map(str::to_owned);
    let user = req.extensions().get::<CurrentUser>().cloned();
    let csrf = req.extensions().get::<CsrfToken>().cloned();
    let response = next.run(req).await;
    let status = response.status();
    if !(status.is_client_error() || status.is_server_error()) {
        return response;
    }
    // Pages of ours (a form re-rendered with its errors) pass; the framework's own rejections
    // (plain text) and bare statuses are rendered in the person's language.
    let is_our_page = response
        .headers()
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.starts_with("text/html"));
    let info = match response.extensions().get::<ErrorInfo>() {
        Some(info) => info.clone(),
        None if is_our_page => return response,
        None => ErrorInfo {
            code: code_for_status(status),
            fields: vec![],
            retry_after_secs: None,
        },
    };
    let message = state.i18n.t(locale, info.code);
    let mut rendered = if path.starts_with("/api/") {
        let mut body = serde_json::json!({ "code": info.code, "message": message });
        if !info.fields.is_empty() {
            body["fields"] = info
                .fields
                .iter()
                .map(|(field, code)| serde_json::json!({ "field": field, "code": code, "message": state.i18n.t(locale, code) }))
                .collect();
        }
        (status, axum::Json(body)).into_response()
    } else if info.code == "unauthenticated" {
        let target = match query {
            Some(q) => format!("{path}?{q}"),
            None => path,
        };
        let encoded: String = url::form_urlencoded::byte_serialize(target.as_bytes()).collect();
        Redirect::to(&format!("/connexion?suivant={encoded}")).into_response()
    } else {
        let html = render_page(
            &state,
            locale,
            user.as_ref(),
            csrf.as_ref(),
            &path,
            "error.html",
            minijinja::context! { code => info.code, message => message, status => status.as_u16() },
        );
        (status, html).into_response()
    };
    if let Some(secs) = info.retry_after_secs {
        rendered
            .headers_mut()
            .insert(header::RETRY_AFTER, secs.into());
    }
    rendered
}
