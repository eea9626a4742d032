//! Who is asking: server-side sessions for the pages (a random id in a cookie, its hash in the
//! database), personal API tokens (Bearer) for the API, and the extractors handlers use.

use crate::error::AppError;
use crate::state::AppState;
use axum::extract::{FromRequestParts, Request, State};
use axum::http::header::{AUTHORIZATION, COOKIE, SET_COOKIE};
use axum::http::request::Parts;
use axum::http::{HeaderMap, HeaderValue};
use axum::middleware::Next;
use axum::response::Response;
use chrono::{DateTime, Duration, Utc};
use essaim_store::{utc_now, Person, SessionRecord};
use rand::RngCore;
use sha2::{Digest, Sha256};

pub const SESSION_COOKIE: &str = "essaim_session";
pub const CSRF_COOKIE: &str = "essaim_csrf";
pub const SESSION_IDLE: Duration = Duration::hours(2);
pub const SESSION_ABSOLUTE: Duration = Duration::days(30);
/// Sessions are touched at most this often, to spare the database a write per request.
const TOUCH_EVERY: Duration = Duration::minutes(1);

/// A random secret of 128 bits, hex-encoded.
pub fn random_secret() -> String {
    let mut bytes = [0u8; 16];
    rand::rngs::OsRng.fill_bytes(&mut bytes);
    hex::encode(bytes)
}

/// Secrets (session ids, tokens) are kept as SHA-256 hashes: they are random, so no salt or slow
/// hash is needed, and a stolen database holds nothing that opens a session.
pub fn secret_hash(secret: &str) -> String {
    hex::encode(Sha256::digest(secret.as_bytes()))
}

/// The value of one cookie of the request.
pub fn cookie(headers: &HeaderMap, name: &str) -> Option<String> {
    headers
        .get_all(COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(';'))
        .filter_map(|pair| pair.trim().split_once('='))
        .find(|(k, _)| *k == name)
        .map(|(_, v)| v.to_owned())
}

/// A Set-Cookie header: HttpOnly always, Secure behind HTTPS.
pub fn set_cookie(
    name: &str,
    value: &str,
    max_age: Option<i64>,
    same_site: &str,
    secure: bool,
) -> HeaderValue {
    let mut c = format!("{name}={value}; Path=/; HttpOnly; SameSite={same_site}");
    if let Some(age) = max_age {
        c.push_str(&format!("; Max-Age={age}"));
    }
    if secure {
        c.push_str("; Secure");
    }
    HeaderValue::from_str(&c).expect("cookie is ASCII")
}

/// How the person proved who they are.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Credential {
    /// A browser session; the hash of its id.
    Session(String),
    /// A personal API token.
    ApiToken,
}

/// The signed-in person, placed in the request by `load_session`.
#[derive(Debug, Clone)]
pub struct CurrentUser {
    pub person: Person,
    pub credential: Credential,
}

/// The CSRF token of this browser, placed in the request by `load_session`.
#[derive(Debug, Clone)]
pub struct CsrfToken(pub String);

/// Finds the person behind the request. Pages use the session cookie; the API uses only Bearer
/// tokens, so that a cross-site page can never act through the API with a visitor's cookie.
/// Also gives every browser a CSRF cookie.
pub async fn load_session(State(state): State<AppState>, mut req: Request, next: Next) -> Response {
    let now = utc_now();
    let is_api = req.uri().path().starts_with("/api/");
    let mut clear_session = false;
    let user = if is_api {
        bearer_user(&state, req.headers(), now).await
    } else if let Some(id) = cookie(req.headers(), SESSION_COOKIE) {
        let found = session_user(&state, &secret_hash(&id), now).await;
        clear_session = found.is_none();
        found
    } else {
        None
    };
    if let Some(user) = user {
        req.extensions_mut().insert(user);
    }
    let existing_csrf = cookie(req.headers(), CSRF_COOKIE).filter(|v| v.len() == 32);
    let csrf = existing_csrf.clone().unwrap_or_else(random_secret);
    req.extensions_mut().insert(CsrfToken(csrf.clone()));

    let mut response = next.run(req).await;
    let secure = state.config.secure_cookies;
    if existing_csrf.is_none() && !is_api {
        response.headers_mut().append(
            SET_COOKIE,
            set_cookie(CSRF_COOKIE, &csrf, None, "Strict", secure),
        );
    }
    if clear_session && !response.headers().contains_key(SET_COOKIE) {
        response.headers_mut().append(
            SET_COOKIE,
            set_cookie(SESSION_COOKIE, "", Some(0), "Lax", secure),
        );
    }
    response
}

async fn session_user(state: &AppState, id_hash: &str, now: DateTime<Utc>) -> Option<CurrentUser> {
    let session = state.store.session(id_hash).await.ok()??;
    if session.expires_at <= now || session.last_seen_at + SESSION_IDLE <= now {
        let _ = state.store.delete_session(id_hash).await;
        return None;
    }
    if now - session.last_seen_at > TOUCH_EVERY {
        let _ = state.store.touch_session(id_hash, now).await;
    }
    let person = state.store.person(session.person_id).await.ok()??;
    Some(CurrentUser {
        person,
        credential: Credential::Session(id_hash.to_owned()),
    })
}

async fn bearer_user(
    state: &AppState,
    headers: &HeaderMap,
    now: DateTime<Utc>,
) -> Option<CurrentUser> {
    let value = headers.get(AUTHORIZATION)?.to_str().ok()?;
    let token = value.strip_prefix("Bearer ")?.trim();
    let api_token = state
        .store
        .use_api_token(&secret_hash(token), now)
        .await
        .ok()??;
    let person = state.store.person(api_token.person_id).await.ok()??;
    Some(CurrentUser {
        person,
        credential: Credential::ApiToken,
    })
}

/// Starts a new session for `person` (a fresh id at every sign-in, so a session id planted
/// before sign-in is worthless) and returns the Set-Cookie header.
pub async fn start_session(
    state: &AppState,
    person_id: uuid::Uuid,
) -> Result<HeaderValue, AppError> {
    let id = random_secret();
    let now = utc_now();
    state
        .store
        .create_session(SessionRecord {
            id_hash: secret_hash(&id),
            person_id,
            created_at: now,
            last_seen_at: now,
            expires_at: now + SESSION_ABSOLUTE,
        })
        .await?;
    Ok(set_cookie(
        SESSION_COOKIE,
        &id,
        Some(SESSION_ABSOLUTE.num_seconds()),
        "Lax",
        state.config.secure_cookies,
    ))
}

/// A fresh CSRF cookie, set at sign-in: a token planted or read before signing in (login CSRF,
/// a shared computer) is worth nothing after it.
pub fn new_csrf_cookie(state: &AppState) -> HeaderValue {
    set_cookie(
        CSRF_COOKIE,
        &random_secret(),
        None,
        "Strict",
        state.config.secure_cookies,
    )
}

pub fn end_session_cookie(state: &AppState) -> HeaderValue {
    set_cookie(
        SESSION_COOKIE,
        "",
        Some(0),
        "Lax",
        state.config.secure_cookies,
    )
}

/// The signed-in person, or none.
pub struct MaybeUser(pub Option<CurrentUser>);

impl<S: Send + Sync> FromRequestParts<S> for MaybeUser {
    type Rejection = std::convert::Infallible;
    async fn from_request_parts(parts: &mut Parts, _: &S) -> Result<Self, Self::Rejection> {
        Ok(MaybeUser(parts.extensions.get::<CurrentUser>().cloned()))
    }
}

/// The signed-in person; pages redirect to sign-in, the API answers 401.
pub struct User(pub CurrentUser);

impl<S: Send + Sync> FromRequestParts<S> for User {
    type Rejection = AppError;
    async fn from_request_parts(parts: &mut Parts, _: &S) -> Result<Self, Self::Rejection> {
        parts
            .extensions
            .get::<CurrentUser>()
            .cloned()
            .map(User)
            .ok_or(AppError::Unauthenticated)
    }
}

impl User {
    pub fn person(&self) -> &Person {
        &self.0.person
    }

    /// Actions that reach other people (structures, invitations) wait for a confirmed e-mail.
    pub fn confirmed(&self) -> Result<&Person, AppError> {
        if self.0.person.email_confirmed_at.is_some() {
            Ok(&self.0.person)
        } else {
            Err(AppError::EmailNotConfirmed)
        }
    }
}

/// A signed-in admin.
pub struct Admin(pub CurrentUser);

impl<S: Send + Sync> FromRequestParts<S> for Admin {
    type Rejection = AppError;
    async fn from_request_parts(parts: &mut Parts, state: &S) -> Result<Self, Self::Rejection> {
        let User(user) = User::from_request_parts(parts, state).await?;
        if user.person.is_admin() {
            Ok(Admin(user))
        } else {
            Err(AppError::Forbidden)
        }
    }
}

/// The client's address: the socket's, or the first X-Forwarded-For hop behind a trusted proxy.
pub fn client_ip(
    state: &AppState,
    parts_headers: &HeaderMap,
    extensions: &axum::http::Extensions,
) -> String {
    if state.config.trust_proxy {
        if let Some(ip) = parts_headers
            .get("x-forwarded-for")
            .and_then(|v| v.to_str().ok())
            .and_then(|v| v.split(',').next())
        {
            return ip.trim().to_owned();
        }
    }
    extensions
        .get::<axum::extract::ConnectInfo<std::net::SocketAddr>>()
        .map(|c| c.0.ip().to_string())
        .unwrap_or_else(|| "unknown".into())
}

/// The client's address, as an extractor.
pub struct ClientIp(pub String);

impl FromRequestParts<AppState> for ClientIp {
    type Rejection = std::convert::Infallible;
    async fn from_request_parts(
        parts: &mut Parts,
        state: &AppState,
    ) -> Result<Self, Self::Rejection> {
        Ok(ClientIp(client_ip(
            state,
            &parts.headers,
            &parts.extensions,
        )))
    }
}
