//! What keeps people signed in and proves who they are: single-use tokens (confirmation,
//! reset, invitation), server-side sessions, personal API tokens and throttling counters.
//! Secrets are stored as SHA-256 hashes only: a copy of the database opens no account.

use crate::StoreResult;
use chrono::{DateTime, Utc};
use uuid::Uuid;

/// A single-use token sent by e-mail.
#[derive(Debug, Clone, PartialEq, Eq, sqlx::FromRow)]
pub struct Token {
    pub hash: String,
    pub purpose: String,
    pub person_id: Option<Uuid>,
    /// Free text the purpose needs (the new address of an e-mail change, an invitation...).
    pub payload: String,
    pub created_at: DateTime<Utc>,
    pub expires_at: DateTime<Utc>,
    pub used_at: Option<DateTime<Utc>>,
}

pub struct NewToken {
    pub hash: String,
    pub purpose: &'static str,
    pub person_id: Option<Uuid>,
    pub payload: String,
    pub created_at: DateTime<Utc>,
    pub expires_at: DateTime<Utc>,
}

/// Why a token was or was not accepted: people are told which, so they know to ask again.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum TokenOutcome {
    Valid(Token),
    Expired,
    Used,
    Unknown,
}

impl TokenOutcome {
    /// Classifies a token found by hash at `now` without consuming it.
    pub fn of(token: Option<Token>, now: DateTime<Utc>) -> TokenOutcome {
        match token {
            None => TokenOutcome::Unknown,
            Some(t) if t.used_at.is_some() => TokenOutcome::Used,
            Some(t) if t.expires_at <= now => TokenOutcome::Expired,
            Some(t) => TokenOutcome::Valid(t),
        }
    }
}

pub const TOKEN_COLUMNS: &str =
    "hash, purpose, person_id, payload, created_at, expires_at, used_at";

#[async_trait::async_trait]
pub trait TokenStore {
    async fn create_token(&self, token: NewToken) -> StoreResult<()>;
    /// Looks at a token without using it (to show the form a link leads to).
    async fn peek_token(
        &self,
        hash: &str,
        purpose: &str,
        now: DateTime<Utc>,
    ) -> StoreResult<TokenOutcome>;
    /// Marks the token used and returns it, in one statement, so that two requests racing with
    /// the same link cannot both succeed.
    async fn consume_token(
        &self,
        hash: &str,
        purpose: &str,
        now: DateTime<Utc>,
    ) -> StoreResult<TokenOutcome>;
    /// Ends the unused tokens of one purpose for a person (a new reset link voids older ones).
    async fn revoke_tokens(
        &self,
        person_id: Uuid,
        purpose: &str,
        now: DateTime<Utc>,
    ) -> StoreResult<()>;
}

/// A signed-in session, found by the hash of the cookie's random id.
#[derive(Debug, Clone, PartialEq, Eq, sqlx::FromRow)]
pub struct SessionRecord {
    pub id_hash: String,
    pub person_id: Uuid,
    pub created_at: DateTime<Utc>,
    pub last_seen_at: DateTime<Utc>,
    pub expires_at: DateTime<Utc>,
}

#[async_trait::async_trait]
pub trait SessionStore {
    async fn create_session(&self, session: SessionRecord) -> StoreResult<()>;
    async fn session(&self, id_hash: &str) -> StoreResult<Option<SessionRecord>>;
    async fn touch_session(&self, id_hash: &str, now: DateTime<Utc>) -> StoreResult<()>;
    async fn delete_session(&self, id_hash: &str) -> StoreResult<()>;
    /// Ends every session of a person but `keep` (used on password change).
    async fn delete_sessions_of(&self, person_id: Uuid, keep: Option<&str>) -> StoreResult<u64>;
    /// Removes sessions past their absolute expiry or idle since `idle_before`.
    async fn purge_sessions(
        &self,
        now: DateTime<Utc>,
        idle_before: DateTime<Utc>,
    ) -> StoreResult<u64>;
}

/// A personal API token, shown once at creation and then only by its name.
#[derive(Debug, Clone, PartialEq, Eq, sqlx::FromRow)]
pub struct ApiToken {
    pub id: Uuid,
    pub person_id: Uuid,
    pub name: String,
    pub created_at: DateTime<Utc>,
    pub last_used_at: Option<DateTime<Utc>>,
}

#[async_trait::async_trait]
pub trait ApiTokenStore {
    async fn create_api_token(&self, token: ApiToken, hash: &str) -> StoreResult<()>;
    async fn api_tokens_of(&self, person_id: Uuid) -> StoreResult<Vec<ApiToken>>;
    /// Revokes one of the person's own tokens; false when it is not theirs or does not exist.
    async fn revoke_api_token(&self, person_id: Uuid, id: Uuid) -> StoreResult<bool>;
    /// The token with this hash, marking it used at `now`.
    async fn use_api_token(&self, hash: &str, now: DateTime<Utc>) -> StoreResult<Option<ApiToken>>;
}

#[async_trait::async_trait]
pub trait ThrottleStore {
    /// Counts one attempt under `key` in the window starting at `window_start` and returns the
    /// count so far. Kept in the database so that every process sees the same counters.
    async fn hit(&self, key: &str, window_start: DateTime<Utc>) -> StoreResult<i64>;
    /// The count of one window, without counting (0 when none).
    async fn throttle_count(&self, key: &str, window_start: DateTime<Utc>) -> StoreResult<i64>;
    async fn purge_throttle(&self, before: DateTime<Utc>) -> StoreResult<u64>;
}
