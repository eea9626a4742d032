use crate::PgStore;
use essaim_store::audit::AUDIT_COLUMNS;
use essaim_store::{AuditEntry, AuditStore, StoreResult};

#[async_trait::async_trait]
impl AuditStore for PgStore {
    async fn append_audit(&self, e: AuditEntry) -> StoreResult<()> {
        sqlx::query(
            "INSERT INTO audit_log (id, at, actor_id, action, subject, ip, detail)
             VALUES ($1, $2, $3, $4, $5, $6, $7)",
        )
        .bind(e.id)
        .bind(e.at)
        .bind(e.actor_id)
        .bind(&e.action)
        .bind(&e.subject)
        .bind(&e.ip)
        .bind(&e.detail)
        .execute(&self.pool)
        .await?;
        Ok(())
    }

    async fn list_audit(&self, action: Option<&str>, limit: i64) -> StoreResult<Vec<AuditEntry>> {
        let sql = format!(
            "SELECT {AUDIT_COLUMNS} FROM audit_log WHERE ($1 IS NULL OR action = $1)
             ORDER BY at DESC, id DESC LIMIT $2"
        );
        Ok(sqlx::query_as(&sql)
            .bind(action)
            .bind(limit)
            .fetch_all(&self.pool)
            .await?)
    }
}
