use crate::SqliteStore;
use chrono::{DateTime, Utc};
use essaim_store::exchange::{
    themes_text, ConversationSummary, Message, NewPost, Post, PostFields, PostFilter, PostRow,
    MESSAGE_COLUMNS, POST_COLUMNS,
};
use essaim_store::{ExchangeStore, Page, StoreError, StoreResult};
use uuid::Uuid;

/// A missing post, person or structure is `NotFound`.
fn on_foreign_key(err: sqlx::Error) -> StoreError {
    match &err {
        sqlx::Error::Database(db) if db.is_foreign_key_violation() => StoreError::NotFound,
        _ => StoreError::Database(err),
    }
}

/// The WHERE of a post list; every filter is optional (bound as NULL when absent).
const POST_FILTER: &str = "WHERE ($1 IS NULL OR direction = $1) AND ($2 IS NULL OR kind = $2)
    AND ($3 IS NULL OR status = $3) AND ($4 IS NULL OR author_id = $4)";

/// Conversations with their post's title and counts; the caller appends WHERE.
const CONVERSATIONS: &str = "SELECT m.post_id, p.title AS post_title, m.counterpart_id,
    COUNT(*) AS messages, MAX(m.created_at) AS last_at
    FROM exchange_messages m JOIN exchange_posts p ON p.id = m.post_id";

#[async_trait::async_trait]
impl ExchangeStore for SqliteStore {
    async fn create_exchange_post(&self, post: &NewPost) -> StoreResult<Post> {
        let f = &post.fields;
        let row: PostRow = sqlx::query_as(&format!(
            "INSERT INTO exchange_posts (id, direction, kind, status, title, body, territory,
                 themes, starts_on, ends_on, author_id, structure_id, created_at, updated_at)
             VALUES ($1, $2, $3, 'open', $4, $5, $6, $7, $8, $9, $10, $11, $12, $12)
             RETURNING {POST_COLUMNS}"
        ))
        .bind(post.id)
        .bind(&f.direction)
        .bind(&f.kind)
        .bind(&f.title)
        .bind(&f.body)
        .bind(&f.territory)
        .bind(themes_text(&f.themes))
        .bind(f.starts_on)
        .bind(f.ends_on)
        .bind(post.author_id)
        .bind(f.structure_id)
        .bind(post.created_at)
        .fetch_one(&self.pool)
        .await
        .map_err(on_foreign_key)?;
        row.try_into()
    }

    async fn update_exchange_post(
        &self,
        id: Uuid,
        f: &PostFields,
        now: DateTime<Utc>,
    ) -> StoreResult<Post> {
        let row: Option<PostRow> = sqlx::query_as(&format!(
            "UPDATE exchange_posts SET direction = $2, kind = $3, title = $4, body = $5,
                 territory = $6, themes = $7, starts_on = $8, ends_on = $9, structure_id = $10,
                 updated_at = $11
             WHERE id = $1 RETURNING {POST_COLUMNS}"
        ))
        .bind(id)
        .bind(&f.direction)
        .bind(&f.kind)
        .bind(&f.title)
        .bind(&f.body)
        .bind(&f.territory)
        .bind(themes_text(&f.themes))
        .bind(f.starts_on)
        .bind(f.ends_on)
        .bind(f.structure_id)
        .bind(now)
        .fetch_optional(&self.pool)
        .await
        .map_err(on_foreign_key)?;
        row.ok_or(StoreError::NotFound)?.try_into()
    }

    async fn set_exchange_post_status(
        &self,
        id: Uuid,
        status: &str,
        now: DateTime<Utc>,
    ) -> StoreResult<Post> {
        let row: Option<PostRow> = sqlx::query_as(&format!(
            "UPDATE exchange_posts SET status = $2, updated_at = $3
             WHERE id = $1 RETURNING {POST_COLUMNS}"
        ))
        .bind(id)
        .bind(status)
        .bind(now)
        .fetch_optional(&self.pool)
        .await?;
        row.ok_or(StoreError::NotFound)?.try_into()
    }

    async fn exchange_post(&self, id: Uuid) -> StoreResult<Option<Post>> {
        let row: Option<PostRow> = sqlx::query_as(&format!(
            "SELECT {POST_COLUMNS} FROM exchange_posts WHERE id = $1"
        ))
        .bind(id)
        .fetch_optional(&self.pool)
        .await?;
        row.map(Post::try_from).transpose()
    }

    async fn list_exchange_posts(&self, filter: &PostFilter, page: Page) -> StoreResult<Vec<Post>> {
        let rows: Vec<PostRow> = sqlx::query_as(&format!(
            "SELECT {POST_COLUMNS} FROM exchange_posts {POST_FILTER}
             ORDER BY created_at DESC, id DESC LIMIT $5 OFFSET $6"
        ))
        .bind(&filter.direction)
        .bind(&filter.kind)
        .bind(&filter.status)
        .bind(filter.author_id)
        .bind(page.limit)
        .bind(page.offset)
        .fetch_all(&self.pool)
        .await?;
        rows.into_iter().map(Post::try_from).collect()
    }

    async fn count_exchange_posts(&self, filter: &PostFilter) -> StoreResult<i64> {
        Ok(sqlx::query_scalar(&format!(
            "SELECT COUNT(*) FROM exchange_posts {POST_FILTER}"
        ))
        .bind(&filter.direction)
        .bind(&filter.kind)
        .bind(&filter.status)
        .bind(filter.author_id)
        .fetch_one(&self.pool)
        .await?)
    }

    async fn add_exchange_message(&self, m: &Message) -> StoreResult<()> {
        sqlx::query(
            "INSERT INTO exchange_messages (id, post_id, counterpart_id, sender_id, body, created_at)
             VALUES ($1, $2, $3, $4, $5, $6)",
        )
        .bind(m.id)
        .bind(m.post_id)
        .bind(m.counterpart_id)
        .bind(m.sender_id)
        .bind(&m.body)
        .bind(m.created_at)
        .execute(&self.pool)
        .await
        .map_err(on_foreign_key)?;
        Ok(())
    }

    async fn exchange_conversation(
        &self,
        post_id: Uuid,
        counterpart_id: Uuid,
    ) -> StoreResult<Vec<Message>> {
        Ok(sqlx::query_as(&format!(
            "SELECT {MESSAGE_COLUMNS} FROM exchange_messages
             WHERE post_id = $1 AND counterpart_id = $2 ORDER BY created_at, id"
        ))
        .bind(post_id)
        .bind(counterpart_id)
        .fetch_all(&self.pool)
        .await?)
    }

    async fn exchange_conversations_of_post(
        &self,
        post_id: Uuid,
    ) -> StoreResult<Vec<ConversationSummary>> {
        Ok(sqlx::query_as(&format!(
            "{CONVERSATIONS} WHERE m.post_id = $1
             GROUP BY m.post_id, p.title, m.counterpart_id ORDER BY last_at DESC"
        ))
        .bind(post_id)
        .fetch_all(&self.pool)
        .await?)
    }

    async fn exchange_conversations_of_person(
        &self,
        person_id: Uuid,
    ) -> StoreResult<Vec<ConversationSummary>> {
        Ok(sqlx::query_as(&format!(
            "{CONVERSATIONS} WHERE m.counterpart_id = $1 OR p.author_id = $1
                 OR p.structure_id IN (SELECT structure_id FROM structure_members
                                       WHERE person_id = $1 AND role = 'manager')
             GROUP BY m.post_id, p.title, m.counterpart_id ORDER BY last_at DESC"
        ))
        .bind(person_id)
        .fetch_all(&self.pool)
        .await?)
    }

    async fn exchange_messages_by(&self, person_id: Uuid) -> StoreResult<Vec<Message>> {
        Ok(sqlx::query_as(&format!(
            "SELECT {MESSAGE_COLUMNS} FROM exchange_messages WHERE sender_id = $1
             ORDER BY created_at, id"
        ))
        .bind(person_id)
        .fetch_all(&self.pool)
        .await?)
    }

    async fn erase_exchange_of(&self, person_id: Uuid) -> StoreResult<()> {
        let mut tx = self.pool.begin().await?;
        sqlx::query("DELETE FROM exchange_messages WHERE sender_id = $1 OR counterpart_id = $1")
            .bind(person_id)
            .execute(&mut *tx)
            .await?;
        // Their posts' conversations go with them (ON DELETE CASCADE).
        sqlx::query("DELETE FROM exchange_posts WHERE author_id = $1")
            .bind(person_id)
            .execute(&mut *tx)
            .await?;
        tx.commit().await?;
        Ok(())
    }
}
