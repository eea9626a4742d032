use crate::StoreResult;
use chrono::{DateTime, Utc};
use uuid::Uuid;

/// One line of the append-only audit log. Both schemas refuse UPDATE and DELETE on it.
#[derive(Debug, Clone, PartialEq, Eq, sqlx::FromRow)]
pub struct AuditEntry {
    pub id: Uuid,
    pub at: DateTime<Utc>,
    pub actor_id: Option<Uuid>,
    /// Stable snake_case name of what happened: `sign_in`, `sign_in_failed`, `role_changed`...
    pub action: String,
    /// What it happened to, as `kind:id` (`person:…`, `structure:…`).
    pub subject: String,
    pub ip: Option<String>,
    pub detail: String,
}

pub const AUDIT_COLUMNS: &str = "id, at, actor_id, action, subject, ip, detail";

#[async_trait::async_trait]
pub trait AuditStore {
    async fn append_audit(&self, entry: AuditEntry) -> StoreResult<()>;
    /// Newest first, optionally only one action.
    async fn list_audit(&self, action: Option<&str>, limit: i64) -> StoreResult<Vec<AuditEntry>>;
}
