use crate::PgStore;
use chrono::{DateTime, Utc};
use essaim_store::auth::TOKEN_COLUMNS;
use essaim_store::{
    ApiToken, ApiTokenStore, NewToken, SessionRecord, SessionStore, StoreResult, ThrottleStore,
    Token, TokenOutcome, TokenStore,
};
use uuid::Uuid;

#[async_trait::async_trait]
impl TokenStore for PgStore {
    async fn create_token(&self, t: NewToken) -> StoreResult<()> {
        sqlx::query(
            "INSERT INTO tokens (hash, purpose, person_id, payload, created_at, expires_at)
             VALUES ($1, $2, $3, $4, $5, $6)",
        )
        .bind(&t.hash)
        .bind(t.purpose)
        .bind(t.person_id)
        .bind(&t.payload)
        .bind(t.created_at)
        .bind(t.expires_at)
        .execute(&self.pool)
        .await?;
        Ok(())
    }

    async fn peek_token(
        &self,
        hash: &str,
        purpose: &str,
        now: DateTime<Utc>,
    ) -> StoreResult<TokenOutcome> {
        let sql = format!("SELECT {TOKEN_COLUMNS} FROM tokens WHERE hash = $1 AND purpose = $2");
        let token: Option<Token> = sqlx::query_as(&sql)
            .bind(hash)
            .bind(purpose)
            .fetch_optional(&self.pool)
            .await?;
        Ok(TokenOutcome::of(token, now))
    }

    async fn consume_token(
        &self,
        hash: &str,
        purpose: &str,
        now: DateTime<Utc>,
    ) -> StoreResult<TokenOutcome> {
        let sql = format!(
            "UPDATE tokens SET used_at = $3
             WHERE hash = $1 AND purpose = $2 AND used_at IS NULL AND expires_at > $3
             RETURNING {TOKEN_COLUMNS}"
        );
        let used: Option<Token> = sqlx::query_as(&sql)
            .bind(hash)
            .bind(purpose)
            .bind(now)
            .fetch_optional(&self.pool)
            .await?;
        match used {
            Some(token) => Ok(TokenOutcome::Valid(token)),
            // Not consumed: look again only to tell the person why.
            None => self.peek_token(hash, purpose, now).await,
        }
    }

    async fn revoke_tokens(
        &self,
        person_id: Uuid,
        purpose: &str,
        now: DateTime<Utc>,
    ) -> StoreResult<()> {
        sqlx::query("UPDATE tokens SET used_at = $1 WHERE person_id = $2 AND purpose = $3 AND used_at IS NULL")
            .bind(now)
            .bind(person_id)
            .bind(purpose)
            .execute(&self.pool)
            .await?;
        Ok(())
    }
}

#[async_trait::async_trait]
impl SessionStore for PgStore {
    async fn create_session(&self, s: SessionRecord) -> StoreResult<()> {
        sqlx::query(
            "INSERT INTO sessions (id_hash, person_id, created_at, last_seen_at, expires_at)
             VALUES ($1, $2, $3, $4, $5)",
        )
        .bind(&s.id_hash)
        .bind(s.person_id)
        .bind(s.created_at)
        .bind(s.last_seen_at)
        .bind(s.expires_at)
        .execute(&self.pool)
        .await?;
        Ok(())
    }

    async fn session(&self, id_hash: &str) -> StoreResult<Option<SessionRecord>> {
        Ok(sqlx::query_as(
            "SELECT id_hash, person_id, created_at, last_seen_at, expires_at FROM sessions WHERE id_hash = $1",
        )
        .bind(id_hash)
        .fetch_optional(&self.pool)
        .await?)
    }

    async fn touch_session(&self, id_hash: &str, now: DateTime<Utc>) -> StoreResult<()> {
        sqlx::query("UPDATE sessions SET last_seen_at = $1 WHERE id_hash = $2")
            .bind(now)
            .bind(id_hash)
            .execute(&self.pool)
            .await?;
        Ok(())
    }

    async fn delete_session(&self, id_hash: &str) -> StoreResult<()> {
        sqlx::query("DELETE FROM sessions WHERE id_hash = $1")
            .bind(id_hash)
            .execute(&self.pool)
            .await?;
        Ok(())
    }

    async fn delete_sessions_of(&self, person_id: Uuid, keep: Option<&str>) -> StoreResult<u64> {
        let done = sqlx::query("DELETE FROM sessions WHERE person_id = $1 AND id_hash <> $2")
            .bind(person_id)
            .bind(keep.unwrap_or(""))
            .execute(&self.pool)
            .await?;
        Ok(done.rows_affected())
    }

    async fn purge_sessions(
        &self,
        now: DateTime<Utc>,
        idle_before: DateTime<Utc>,
    ) -> StoreResult<u64> {
        let done = sqlx::query("DELETE FROM sessions WHERE expires_at <= $1 OR last_seen_at < $2")
            .bind(now)
            .bind(idle_before)
            .execute(&self.pool)
            .await?;
        Ok(done.rows_affected())
    }
}

#[async_trait::async_trait]
impl ApiTokenStore for PgStore {
    async fn create_api_token(&self, t: ApiToken, hash: &str) -> StoreResult<()> {
        sqlx::query("INSERT INTO api_tokens (id, person_id, name, hash, created_at) VALUES ($1, $2, $3, $4, $5)")
            .bind(t.id)
            .bind(t.person_id)
            .bind(&t.name)
            .bind(hash)
            .bind(t.created_at)
            .execute(&self.pool)
            .await?;
        Ok(())
    }

    async fn api_tokens_of(&self, person_id: Uuid) -> StoreResult<Vec<ApiToken>> {
        Ok(sqlx::query_as(
            "SELECT id, person_id, name, created_at, last_used_at FROM api_tokens
             WHERE person_id = $1 ORDER BY created_at DESC",
        )
        .bind(person_id)
        .fetch_all(&self.pool)
        .await?)
    }

    async fn revoke_api_token(&self, person_id: Uuid, id: Uuid) -> StoreResult<bool> {
        let done = sqlx::query("DELETE FROM api_tokens WHERE id = $1 AND person_id = $2")
            .bind(id)
            .bind(person_id)
            .execute(&self.pool)
            .await?;
        Ok(done.rows_affected() == 1)
    }

    async fn use_api_token(&self, hash: &str, now: DateTime<Utc>) -> StoreResult<Option<ApiToken>> {
        Ok(sqlx::query_as(
            "UPDATE api_tokens SET last_used_at = $1 WHERE hash = $2
             RETURNING id, person_id, name, created_at, last_used_at",
        )
        .bind(now)
        .bind(hash)
        .fetch_optional(&self.pool)
        .await?)
    }
}

#[async_trait::async_trait]
impl ThrottleStore for PgStore {
    async fn hit(&self, key: &str, window_start: DateTime<Utc>) -> StoreResult<i64> {
        Ok(sqlx::query_scalar(
            "INSERT INTO throttle (key, window_start, count) VALUES ($1, $2, 1)
             ON CONFLICT (key, window_start) DO UPDATE SET count = throttle.count + 1
             RETURNING count",
        )
        .bind(key)
        .bind(window_start)
        .fetch_one(&self.pool)
        .await?)
    }

    async fn throttle_count(&self, key: &str, window_start: DateTime<Utc>) -> StoreResult<i64> {
        let count: Option<i64> =
            sqlx::query_scalar("SELECT count FROM throttle WHERE key = $1 AND window_start = $2")
                .bind(key)
                .bind(window_start)
                .fetch_optional(&self.pool)
                .await?;
        Ok(count.unwrap_or(0))
    }

    async fn purge_throttle(&self, before: DateTime<Utc>) -> StoreResult<u64> {
        let done = sqlx::query("DELETE FROM throttle WHERE window_start < $1")
            .bind(before)
            .execute(&self.pool)
            .await?;
        Ok(done.rows_affected())
    }
}
