use crate::PgStore;
use chrono::{DateTime, Utc};
use essaim_store::mail::MAIL_COLUMNS;
use essaim_store::{MailStore, OutgoingMail, StoreResult};
use uuid::Uuid;

#[async_trait::async_trait]
impl MailStore for PgStore {
    async fn enqueue_mail(&self, m: OutgoingMail) -> StoreResult<()> {
        sqlx::query(
            "INSERT INTO mail_outbox (id, to_address, subject, body, created_at, next_attempt_at)
             VALUES ($1, $2, $3, $4, $5, $5)",
        )
        .bind(m.id)
        .bind(&m.to_address)
        .bind(&m.subject)
        .bind(&m.body)
        .bind(m.created_at)
        .execute(&self.pool)
        .await?;
        Ok(())
    }

    async fn claim_mail(
        &self,
        now: DateTime<Utc>,
        lease_until: DateTime<Utc>,
        limit: i64,
    ) -> StoreResult<Vec<OutgoingMail>> {
        // SKIP LOCKED: several processes claim at once and never take the same message.
        let sql = format!(
            "UPDATE mail_outbox SET lease_until = $2, attempts = attempts + 1
             WHERE id IN (
                 SELECT id FROM mail_outbox
                 WHERE sent_at IS NULL AND attempts < 5 AND next_attempt_at <= $1
                   AND (lease_until IS NULL OR lease_until <= $1)
                 ORDER BY created_at LIMIT $3
                 FOR UPDATE SKIP LOCKED)
             RETURNING {MAIL_COLUMNS}"
        );
        Ok(sqlx::query_as(&sql)
            .bind(now)
            .bind(lease_until)
            .bind(limit)
            .fetch_all(&self.pool)
            .await?)
    }

    async fn mark_mail_sent(&self, id: Uuid, at: DateTime<Utc>) -> StoreResult<()> {
        sqlx::query("UPDATE mail_outbox SET sent_at = $1, lease_until = NULL, last_error = NULL WHERE id = $2")
            .bind(at)
            .bind(id)
            .execute(&self.pool)
            .await?;
        Ok(())
    }

    async fn mark_mail_failed(
        &self,
        id: Uuid,
        error: &str,
        retry_at: DateTime<Utc>,
    ) -> StoreResult<()> {
        sqlx::query("UPDATE mail_outbox SET last_error = $1, next_attempt_at = $2, lease_until = NULL WHERE id = $3")
            .bind(error)
            .bind(retry_at)
            .bind(id)
            .execute(&self.pool)
            .await?;
        Ok(())
    }

    async fn list_mail(&self, limit: i64) -> StoreResult<Vec<OutgoingMail>> {
        let sql = format!(
            "SELECT {MAIL_COLUMNS} FROM mail_outbox ORDER BY created_at DESC, id DESC LIMIT $1"
        );
        Ok(sqlx::query_as(&sql)
            .bind(limit)
            .fetch_all(&self.pool)
            .await?)
    }
}
