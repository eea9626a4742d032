use crate::SqliteStore;
use essaim_store::news::{tags_text, NewNewsItem, NewsRow, NewsScope, MAX_SCAN, NEWS_SELECT};
use essaim_store::{NewsStore, StoreError, StoreResult};
use uuid::Uuid;

#[async_trait::async_trait]
impl NewsStore for SqliteStore {
    async fn add_news(&self, item: &NewNewsItem) -> StoreResult<NewsRow> {
        sqlx::query(
            "INSERT INTO news_items (id, group_id, author_id, url, title, comment, tags, stems,
                 created_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)",
        )
        .bind(item.id)
        .bind(item.group_id)
        .bind(item.author_id)
        .bind(&item.url)
        .bind(&item.title)
        .bind(&item.comment)
        .bind(tags_text(&item.tags))
        .bind(&item.stems)
        .bind(item.created_at)
        .execute(&self.pool)
        .await
        .map_err(|e| match &e {
            sqlx::Error::Database(db) if db.is_foreign_key_violation() => StoreError::NotFound,
            _ => StoreError::Database(e),
        })?;
        Ok(sqlx::query_as(&format!("{NEWS_SELECT} WHERE n.id = $1"))
            .bind(item.id)
            .fetch_one(&self.pool)
            .await?)
    }

    async fn get_news(&self, id: Uuid) -> StoreResult<Option<NewsRow>> {
        Ok(sqlx::query_as(&format!("{NEWS_SELECT} WHERE n.id = $1"))
            .bind(id)
            .fetch_optional(&self.pool)
            .await?)
    }

    async fn delete_news(&self, id: Uuid) -> StoreResult<()> {
        let n = sqlx::query("DELETE FROM news_items WHERE id = $1")
            .bind(id)
            .execute(&self.pool)
            .await?
            .rows_affected();
        if n == 0 {
            return Err(StoreError::NotFound);
        }
        Ok(())
    }

    async fn news_of(&self, person: Uuid) -> StoreResult<Vec<NewsRow>> {
        Ok(sqlx::query_as(&format!(
            "{NEWS_SELECT} WHERE n.author_id = $1 ORDER BY n.created_at, n.id"
        ))
        .bind(person)
        .fetch_all(&self.pool)
        .await?)
    }

    async fn list_news(&self, scope: &NewsScope, tag: Option<&str>) -> StoreResult<Vec<NewsRow>> {
        let (group, platform) = match scope {
            NewsScope::Group(g) => (Some(*g), false),
            NewsScope::Platform => (None, true),
        };
        let sql = format!(
            "{NEWS_SELECT} WHERE (($1 AND (n.group_id IS NULL OR g.access = 'open'))
                 OR n.group_id = $2)
               AND ($3 IS NULL OR n.tags LIKE '% ' || $3 || ' %')
               AND NOT EXISTS (SELECT 1 FROM group_blocks gb WHERE gb.person_id = n.author_id)
             ORDER BY n.created_at DESC, n.id DESC LIMIT $4"
        );
        Ok(sqlx::query_as(&sql)
            .bind(platform)
            .bind(group)
            .bind(tag)
            .bind(MAX_SCAN)
            .fetch_all(&self.pool)
            .await?)
    }
}
