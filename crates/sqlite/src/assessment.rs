use crate::SqliteStore;
use chrono::{DateTime, Utc};
use essaim_store::assessment::{answers_json, Assessment, NewAssessment, ASSESSMENT_SELECT};
use essaim_store::{AssessmentStore, StoreError, StoreResult};
use uuid::Uuid;

#[async_trait::async_trait]
impl AssessmentStore for SqliteStore {
    async fn create_assessment(&self, new: &NewAssessment) -> StoreResult<Assessment> {
        sqlx::query(
            "INSERT INTO self_assessments (id, initiative_id, author_id, answers, is_published,
                 created_at) VALUES ($1, $2, $3, $4, FALSE, $5)",
        )
        .bind(new.id)
        .bind(new.initiative_id)
        .bind(new.author_id)
        .bind(answers_json(&new.answers))
        .bind(new.created_at)
        .execute(&self.pool)
        .await
        .map_err(|err| match &err {
            sqlx::Error::Database(db) if db.is_foreign_key_violation() => StoreError::NotFound,
            _ => StoreError::Database(err),
        })?;
        Ok(
            sqlx::query_as(&format!("{ASSESSMENT_SELECT} WHERE a.id = $1"))
                .bind(new.id)
                .fetch_one(&self.pool)
                .await?,
        )
    }

    async fn assessment(&self, id: Uuid) -> StoreResult<Option<Assessment>> {
        Ok(
            sqlx::query_as(&format!("{ASSESSMENT_SELECT} WHERE a.id = $1"))
                .bind(id)
                .fetch_optional(&self.pool)
                .await?,
        )
    }

    async fn assessments_of(&self, initiative: Uuid, all: bool) -> StoreResult<Vec<Assessment>> {
        let sql = format!(
            "{ASSESSMENT_SELECT} WHERE a.initiative_id = $1 AND ($2 OR a.is_published)
             ORDER BY a.created_at, a.id"
        );
        Ok(sqlx::query_as(&sql)
            .bind(initiative)
            .bind(all)
            .fetch_all(&self.pool)
            .await?)
    }

    async fn set_assessment_published(
        &self,
        id: Uuid,
        published: bool,
        at: DateTime<Utc>,
    ) -> StoreResult<bool> {
        let done = sqlx::query(
            "UPDATE self_assessments SET is_published = $2,
                 published_at = CASE WHEN $2 THEN $3 ELSE NULL END WHERE id = $1",
        )
        .bind(id)
        .bind(published)
        .bind(at)
        .execute(&self.pool)
        .await?;
        Ok(done.rows_affected() == 1)
    }

    async fn assessments_by(&self, author: Uuid) -> StoreResult<Vec<Assessment>> {
        let sql = format!("{ASSESSMENT_SELECT} WHERE a.author_id = $1 ORDER BY a.created_at, a.id");
        Ok(sqlx::query_as(&sql)
            .bind(author)
            .fetch_all(&self.pool)
            .await?)
    }
}
