use crate::StoreResult;
use chrono::{DateTime, Utc};
use uuid::Uuid;

/// A message in the outbox. Without SMTP configured it stays there for admins (and tests) to
/// read; with SMTP, the mail worker claims it, sends it and records the outcome.
#[derive(Debug, Clone, PartialEq, Eq, sqlx::FromRow)]
pub struct OutgoingMail {
    pub id: Uuid,
    pub to_address: String,
    pub subject: String,
    pub body: String,
    pub created_at: DateTime<Utc>,
    pub sent_at: Option<DateTime<Utc>>,
    pub attempts: i32,
    pub last_error: Option<String>,
}

pub const MAIL_COLUMNS: &str =
    "id, to_address, subject, body, created_at, sent_at, attempts, last_error";

#[async_trait::async_trait]
pub trait MailStore {
    async fn enqueue_mail(&self, mail: OutgoingMail) -> StoreResult<()>;
    /// Claims up to `limit` unsent messages due at `now` for `lease_until`; on PostgreSQL several
    /// workers can claim at once without taking the same message (SKIP LOCKED).
    async fn claim_mail(
        &self,
        now: DateTime<Utc>,
        lease_until: DateTime<Utc>,
        limit: i64,
    ) -> StoreResult<Vec<OutgoingMail>>;
    async fn mark_mail_sent(&self, id: Uuid, at: DateTime<Utc>) -> StoreResult<()>;
    /// Records a failure; the message is tried again from `retry_at` (at most 5 attempts).
    async fn mark_mail_failed(
        &self,
        id: Uuid,
        error: &str,
        retry_at: DateTime<Utc>,
    ) -> StoreResult<()>;
    /// The newest messages first.
    async fn list_mail(&self, limit: i64) -> StoreResult<Vec<OutgoingMail>>;
}
