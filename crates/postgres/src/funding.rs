use crate::PgStore;
use chrono::{DateTime, Utc};
use essaim_domain::funding::Eligibility;
use essaim_store::funding::{
    conflict, Answer, Application, Award, Call, CallEdit, CallFilter, Criterion, Document,
    DocumentMeta, NewApplication, NewCall, NewDocument, Question, APPLICATION_SELECT, AWARD_SELECT,
    CALL_SELECT, MAX_DOCUMENTS, MAX_DOCUMENTS_BYTES,
};
use essaim_store::{FundingStore, StoreError, StoreResult};
use uuid::Uuid;

fn on_write_error(err: sqlx::Error) -> StoreError {
    if let sqlx::Error::Database(db) = &err {
        if db.is_foreign_key_violation() {
            return StoreError::NotFound;
        }
        if db.is_unique_violation() {
            return StoreError::AlreadyExists;
        }
    }
    StoreError::Database(err)
}

const DOCUMENT_META: &str = "SELECT id, application_id, question_id, name, size, sha256, created_at
    FROM funding_documents";

/// Writes the eligibility, criteria and questions of a call (its old ones already removed).
async fn write_parts(
    tx: &mut sqlx::Transaction<'_, sqlx::Postgres>,
    new: &NewCall,
) -> StoreResult<()> {
    let e = &new.eligibility;
    for (dimension, values) in [
        ("challenge", &e.challenges),
        ("territory", &e.territories),
        ("stage", &e.stages),
        ("structure_kind", &e.structure_kinds),
    ] {
        for v in values {
            sqlx::query(
                "INSERT INTO funding_call_eligibility (call_id, dimension, value) VALUES ($1, $2, $3)",
            )
            .bind(new.id)
            .bind(dimension)
            .bind(v)
            .execute(&mut **tx)
            .await
            .map_err(on_write_error)?;
        }
    }
    for (i, c) in new.criteria.iter().enumerate() {
        sqlx::query(
            "INSERT INTO funding_criteria (id, call_id, position, name, description, weight, scale_max)
             VALUES ($1, $2, $3, $4, $5, $6, $7)",
        )
        .bind(Uuid::now_v7())
        .bind(new.id)
        .bind(i as i32)
        .bind(&c.name)
        .bind(&c.description)
        .bind(c.weight)
        .bind(c.scale_max)
        .execute(&mut **tx)
        .await
        .map_err(on_write_error)?;
    }
    for (i, q) in new.questions.iter().enumerate() {
        sqlx::query(
            "INSERT INTO funding_questions (id, call_id, position, label, kind, choices, required)
             VALUES ($1, $2, $3, $4, $5, $6, $7)",
        )
        .bind(Uuid::now_v7())
        .bind(new.id)
        .bind(i as i32)
        .bind(&q.label)
        .bind(&q.kind)
        .bind(&q.choices)
        .bind(q.required)
        .execute(&mut **tx)
        .await
        .map_err(on_write_error)?;
    }
    Ok(())
}

async fn call_in(
    tx: &mut sqlx::Transaction<'_, sqlx::Postgres>,
    id: Uuid,
) -> StoreResult<Option<Call>> {
    Ok(sqlx::query_as(&format!("{CALL_SELECT} WHERE c.id = $1"))
        .bind(id)
        .fetch_optional(&mut **tx)
        .await?)
}

async fn application_in(
    tx: &mut sqlx::Transaction<'_, sqlx::Postgres>,
    id: Uuid,
) -> StoreResult<Option<Application>> {
    Ok(
        sqlx::query_as(&format!("{APPLICATION_SELECT} WHERE a.id = $1"))
            .bind(id)
            .fetch_optional(&mut **tx)
            .await?,
    )
}

/// The status of an application, read in the transaction that changes it, its row locked
/// until the end (as `submit_application` locks it): a change to a draft and its submission
/// never interleave.
async fn application_status(
    tx: &mut sqlx::Transaction<'_, sqlx::Postgres>,
    id: Uuid,
) -> StoreResult<String> {
    sqlx::query_scalar("SELECT status FROM funding_applications WHERE id = $1 FOR UPDATE")
        .bind(id)
        .fetch_optional(&mut **tx)
        .await?
        .ok_or(StoreError::NotFound)
}

#[async_trait::async_trait]
impl FundingStore for PgStore {
    async fn create_call(&self, new: &NewCall) -> StoreResult<Call> {
        let mut tx = self.pool.begin().await?;
        sqlx::query(
            "INSERT INTO funding_calls (id, structure_id, kind, title, description, currency,
                 budget_cents, min_award_cents, max_award_cents, opens_at, closes_at, decision_on,
                 reviewers_per_application, publish_awards, status, created_by, created_at,
                 updated_at)
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, 'draft', $15,
                 $16, $16)",
        )
        .bind(new.id)
        .bind(new.structure_id)
        .bind(&new.kind)
        .bind(&new.title)
        .bind(&new.description)
        .bind(&new.currency)
        .bind(new.budget_cents)
        .bind(new.min_award_cents)
        .bind(new.max_award_cents)
        .bind(new.opens_at)
        .bind(new.closes_at)
        .bind(&new.decision_on)
        .bind(new.reviewers_per_application)
        .bind(new.publish_awards)
        .bind(new.created_by)
        .bind(new.at)
        .execute(&mut *tx)
        .await
        .map_err(on_write_error)?;
        write_parts(&mut tx, new).await?;
        let call = call_in(&mut tx, new.id)
            .await?
            .ok_or(StoreError::NotFound)?;
        tx.commit().await?;
        Ok(call)
    }

    async fn update_call(&self, new: &NewCall) -> StoreResult<Call> {
        let mut tx = self.pool.begin().await?;
        let done = sqlx::query(
            "UPDATE funding_calls SET kind = $2, title = $3, description = $4, currency = $5,
                 budget_cents = $6, min_award_cents = $7, max_award_cents = $8, opens_at = $9,
                 closes_at = $10, decision_on = $11, reviewers_per_application = $12,
                 publish_awards = $13, updated_at = $14
             WHERE id = $1 AND status = 'draft'",
        )
        .bind(new.id)
        .bind(&new.kind)
        .bind(&new.title)
        .bind(&new.description)
        .bind(&new.currency)
        .bind(new.budget_cents)
        .bind(new.min_award_cents)
        .bind(new.max_award_cents)
        .bind(new.opens_at)
        .bind(new.closes_at)
        .bind(&new.decision_on)
        .bind(new.reviewers_per_application)
        .bind(new.publish_awards)
        .bind(new.at)
        .execute(&mut *tx)
        .await
        .map_err(on_write_error)?;
        if done.rows_affected() == 0 {
            return match call_in(&mut tx, new.id).await? {
                None => Err(StoreError::NotFound),
                Some(_) => Err(StoreError::Conflict(conflict::CALL_NOT_DRAFT)),
            };
        }
        for table in [
            "funding_call_eligibility",
            "funding_criteria",
            "funding_questions",
        ] {
            sqlx::query(&format!("DELETE FROM {table} WHERE call_id = $1"))
                .bind(new.id)
                .execute(&mut *tx)
                .await?;
        }
        write_parts(&mut tx, new).await?;
        let call = call_in(&mut tx, new.id)
            .await?
            .ok_or(StoreError::NotFound)?;
        tx.commit().await?;
        Ok(call)
    }

    async fn edit_published_call(&self, id: Uuid, edit: &CallEdit) -> StoreResult<Call> {
        let mut tx = self.pool.begin().await?;
        let done = sqlx::query(
            "UPDATE funding_calls SET description = $2, closes_at = $3, decision_on = $4,
                 updated_at = $5
             WHERE id = $1 AND status = 'published'",
        )
        .bind(id)
        .bind(&edit.description)
        .bind(edit.closes_at)
        .bind(&edit.decision_on)
        .bind(edit.at)
        .execute(&mut *tx)
        .await?;
        let call = call_in(&mut tx, id).await?.ok_or(StoreError::NotFound)?;
        if done.rows_affected() == 0 {
            return Err(StoreError::Conflict(conflict::CALL_STATUS_CHANGED));
        }
        tx.commit().await?;
        Ok(call)
    }

    async fn set_call_status(
        &self,
        id: Uuid,
        from: &str,
        to: &str,
        at: DateTime<Utc>,
    ) -> StoreResult<Call> {
        let mut tx = self.pool.begin().await?;
        let done = sqlx::query(
            "UPDATE funding_calls SET status = $3, updated_at = $4 WHERE id = $1 AND status = $2",
        )
        .bind(id)
        .bind(from)
        .bind(to)
        .bind(at)
        .execute(&mut *tx)
        .await?;
        let call = call_in(&mut tx, id).await?.ok_or(StoreError::NotFound)?;
        if done.rows_affected() == 0 {
            return Err(StoreError::Conflict(conflict::CALL_STATUS_CHANGED));
        }
        tx.commit().await?;
        Ok(call)
    }

    async fn call(&self, id: Uuid) -> StoreResult<Option<Call>> {
        Ok(sqlx::query_as(&format!("{CALL_SELECT} WHERE c.id = $1"))
            .bind(id)
            .fetch_optional(&self.pool)
            .await?)
    }

    async fn call_eligibility(&self, call_id: Uuid) -> StoreResult<Eligibility> {
        let rows: Vec<(String, String)> = sqlx::query_as(
            "SELECT dimension, value FROM funding_call_eligibility WHERE call_id = $1
             ORDER BY dimension, value",
        )
        .bind(call_id)
        .fetch_all(&self.pool)
        .await?;
        let mut e = Eligibility::default();
        for (dimension, value) in rows {
            match dimension.as_str() {
                "challenge" => e.challenges.push(value),
                "territory" => e.territories.push(value),
                "stage" => e.stages.push(value),
                _ => e.structure_kinds.push(value),
            }
        }
        Ok(e)
    }

    async fn call_criteria(&self, call_id: Uuid) -> StoreResult<Vec<Criterion>> {
        Ok(sqlx::query_as(
            "SELECT id, call_id, position, name, description, weight, scale_max
             FROM funding_criteria WHERE call_id = $1 ORDER BY position",
        )
        .bind(call_id)
        .fetch_all(&self.pool)
        .await?)
    }

    async fn call_questions(&self, call_id: Uuid) -> StoreResult<Vec<Question>> {
        Ok(sqlx::query_as(
            "SELECT id, call_id, position, label, kind, choices, required
             FROM funding_questions WHERE call_id = $1 ORDER BY position",
        )
        .bind(call_id)
        .fetch_all(&self.pool)
        .await?)
    }

    async fn list_calls(&self, f: &CallFilter) -> StoreResult<Vec<Call>> {
        // A dimension without rows accepts everything, so a call open to everyone matches any
        // challenge or territory asked for.
        let sql = format!(
            "{CALL_SELECT} WHERE c.status <> 'draft'
             AND ($1 IS NULL OR (c.status = 'published' AND c.opens_at <= $1 AND $1 < c.closes_at))
             AND ($2 IS NULL OR c.kind = $2)
             AND ($3 IS NULL OR NOT EXISTS (SELECT 1 FROM funding_call_eligibility e
                     WHERE e.call_id = c.id AND e.dimension = 'challenge')
                  OR EXISTS (SELECT 1 FROM funding_call_eligibility e
                     WHERE e.call_id = c.id AND e.dimension = 'challenge' AND e.value = $3))
             AND ($4 IS NULL OR NOT EXISTS (SELECT 1 FROM funding_call_eligibility e
                     WHERE e.call_id = c.id AND e.dimension = 'territory')
                  OR EXISTS (SELECT 1 FROM funding_call_eligibility e
                     WHERE e.call_id = c.id AND e.dimension = 'territory' AND e.value = $4))
             ORDER BY c.closes_at DESC, c.id"
        );
        Ok(sqlx::query_as(&sql)
            .bind(f.open_at)
            .bind(&f.kind)
            .bind(&f.challenge)
            .bind(&f.territory)
            .fetch_all(&self.pool)
            .await?)
    }

    async fn calls_of_structure(&self, structure_id: Uuid) -> StoreResult<Vec<Call>> {
        Ok(sqlx::query_as(&format!(
            "{CALL_SELECT} WHERE c.structure_id = $1 ORDER BY c.created_at DESC, c.id"
        ))
        .bind(structure_id)
        .fetch_all(&self.pool)
        .await?)
    }

    async fn create_application(&self, new: &NewApplication) -> StoreResult<Application> {
        let mut tx = self.pool.begin().await?;
        sqlx::query(
            "INSERT INTO funding_applications (id, call_id, structure_id, initiative_id, status,
                 created_by, created_at, updated_at)
             VALUES ($1, $2, $3, $4, 'draft', $5, $6, $6)",
        )
        .bind(new.id)
        .bind(new.call_id)
        .bind(new.structure_id)
        .bind(new.initiative_id)
        .bind(new.created_by)
        .bind(new.at)
        .execute(&mut *tx)
        .await
        .map_err(on_write_error)?;
        let a = application_in(&mut tx, new.id)
            .await?
            .ok_or(StoreError::NotFound)?;
        tx.commit().await?;
        Ok(a)
    }

    async fn application(&self, id: Uuid) -> StoreResult<Option<Application>> {
        Ok(
            sqlx::query_as(&format!("{APPLICATION_SELECT} WHERE a.id = $1"))
                .bind(id)
                .fetch_optional(&self.pool)
                .await?,
        )
    }

    async fn applications_of_call(&self, call_id: Uuid) -> StoreResult<Vec<Application>> {
        Ok(sqlx::query_as(&format!(
            "{APPLICATION_SELECT} WHERE a.call_id = $1 ORDER BY a.created_at, a.id"
        ))
        .bind(call_id)
        .fetch_all(&self.pool)
        .await?)
    }

    async fn applications_of_structure(&self, structure_id: Uuid) -> StoreResult<Vec<Application>> {
        Ok(sqlx::query_as(&format!(
            "{APPLICATION_SELECT} WHERE a.structure_id = $1 ORDER BY a.created_at DESC, a.id"
        ))
        .bind(structure_id)
        .fetch_all(&self.pool)
        .await?)
    }

    async fn save_answers(
        &self,
        application_id: Uuid,
        answers: &[Answer],
        at: DateTime<Utc>,
    ) -> StoreResult<()> {
        let mut tx = self.pool.begin().await?;
        if application_status(&mut tx, application_id).await? != "draft" {
            return Err(StoreError::Conflict(conflict::APPLICATION_NOT_DRAFT));
        }
        sqlx::query("DELETE FROM funding_answers WHERE application_id = $1")
            .bind(application_id)
            .execute(&mut *tx)
            .await?;
        for a in answers.iter().filter(|a| !a.value.is_empty()) {
            sqlx::query(
                "INSERT INTO funding_answers (application_id, question_id, value) VALUES ($1, $2, $3)",
            )
            .bind(application_id)
            .bind(a.question_id)
            .bind(&a.value)
            .execute(&mut *tx)
            .await
            .map_err(on_write_error)?;
        }
        sqlx::query("UPDATE funding_applications SET updated_at = $2 WHERE id = $1")
            .bind(application_id)
            .bind(at)
            .execute(&mut *tx)
            .await?;
        tx.commit().await?;
        Ok(())
    }

    async fn answers(&self, application_id: Uuid) -> StoreResult<Vec<Answer>> {
        Ok(sqlx::query_as(
            "SELECT a.question_id, a.value FROM funding_answers a
             JOIN funding_questions q ON q.id = a.question_id
             WHERE a.application_id = $1 ORDER BY q.position",
        )
        .bind(application_id)
        .fetch_all(&self.pool)
        .await?)
    }

    async fn add_document(&self, new: &NewDocument) -> StoreResult<DocumentMeta> {
        let mut tx = self.pool.begin().await?;
        if application_status(&mut tx, new.application_id).await? != "draft" {
            return Err(StoreError::Conflict(conflict::APPLICATION_NOT_DRAFT));
        }
        let (count, bytes): (i64, i64) = sqlx::query_as(
            "SELECT COUNT(*), COALESCE(SUM(size), 0)::BIGINT FROM funding_documents
             WHERE application_id = $1",
        )
        .bind(new.application_id)
        .fetch_one(&mut *tx)
        .await?;
        if count >= MAX_DOCUMENTS || bytes + new.data.len() as i64 > MAX_DOCUMENTS_BYTES {
            return Err(StoreError::Conflict(conflict::DOCUMENTS_LIMIT));
        }
        sqlx::query(
            "INSERT INTO funding_documents (id, application_id, question_id, name, size, sha256,
                 data, uploaded_by, created_at)
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)",
        )
        .bind(new.id)
        .bind(new.application_id)
        .bind(new.question_id)
        .bind(&new.name)
        .bind(new.data.len() as i64)
        .bind(&new.sha256)
        .bind(&new.data)
        .bind(new.uploaded_by)
        .bind(new.at)
        .execute(&mut *tx)
        .await
        .map_err(on_write_error)?;
        let meta = sqlx::query_as(&format!("{DOCUMENT_META} WHERE id = $1"))
            .bind(new.id)
            .fetch_one(&mut *tx)
            .await?;
        tx.commit().await?;
        Ok(meta)
    }

    async fn documents(&self, application_id: Uuid) -> StoreResult<Vec<DocumentMeta>> {
        Ok(sqlx::query_as(&format!(
            "{DOCUMENT_META} WHERE application_id = $1 ORDER BY created_at, id"
        ))
        .bind(application_id)
        .fetch_all(&self.pool)
        .await?)
    }

    async fn document(&self, id: Uuid) -> StoreResult<Option<Document>> {
        Ok(sqlx::query_as(
            "SELECT id, application_id, name, sha256, data FROM funding_documents WHERE id = $1",
        )
        .bind(id)
        .fetch_optional(&self.pool)
        .await?)
    }

    async fn delete_document(&self, id: Uuid) -> StoreResult<bool> {
        let done = sqlx::query(
            "DELETE FROM funding_documents WHERE id = $1 AND EXISTS (
                 SELECT 1 FROM funding_applications a
                 WHERE a.id = funding_documents.application_id AND a.status = 'draft')",
        )
        .bind(id)
        .execute(&self.pool)
        .await?;
        Ok(done.rows_affected() > 0)
    }

    async fn submit_application(
        &self,
        id: Uuid,
        snapshot: &str,
        at: DateTime<Utc>,
    ) -> StoreResult<Application> {
        let mut tx = self.pool.begin().await?;
        // Locked first, as `application_status` does for answers and documents.
        application_status(&mut tx, id).await?;
        let a = application_in(&mut tx, id)
            .await?
            .ok_or(StoreError::NotFound)?;
        let call = call_in(&mut tx, a.call_id)
            .await?
            .ok_or(StoreError::NotFound)?;
        // The server's clock decides, compared here rather than in SQL so that both backends
        // compare instants, not text.
        if at >= call.closes_at {
            return Err(StoreError::Conflict(conflict::DEADLINE_PASSED));
        }
        if call.status != "published" || at < call.opens_at {
            return Err(StoreError::Conflict(conflict::CALL_NOT_OPEN));
        }
        let done = sqlx::query(
            "UPDATE funding_applications SET status = 'submitted', snapshot = $2,
                 submitted_at = $3, updated_at = $3
             WHERE id = $1 AND status = 'draft'",
        )
        .bind(id)
        .bind(snapshot)
        .bind(at)
        .execute(&mut *tx)
        .await?;
        if done.rows_affected() == 0 {
            return Err(StoreError::Conflict(conflict::APPLICATION_NOT_DRAFT));
        }
        let a = application_in(&mut tx, id)
            .await?
            .ok_or(StoreError::NotFound)?;
        tx.commit().await?;
        Ok(a)
    }

    async fn withdraw_application(&self, id: Uuid, at: DateTime<Utc>) -> StoreResult<Application> {
        let mut tx = self.pool.begin().await?;
        let done = sqlx::query(
            "UPDATE funding_applications SET status = 'withdrawn', withdrawn_at = $2,
                 updated_at = $2
             WHERE id = $1 AND status IN ('draft', 'submitted') AND decided_at IS NULL",
        )
        .bind(id)
        .bind(at)
        .execute(&mut *tx)
        .await?;
        let a = application_in(&mut tx, id)
            .await?
            .ok_or(StoreError::NotFound)?;
        if done.rows_affected() == 0 {
            return Err(StoreError::Conflict(conflict::CANNOT_WITHDRAW));
        }
        tx.commit().await?;
        Ok(a)
    }

    async fn awards(&self) -> StoreResult<Vec<Award>> {
        Ok(
            sqlx::query_as(&format!("{AWARD_SELECT} ORDER BY a.decided_at, a.id"))
                .fetch_all(&self.pool)
                .await?,
        )
    }

    async fn prizes_of_initiative(&self, initiative_id: Uuid) -> StoreResult<Vec<Application>> {
        Ok(sqlx::query_as(&format!(
            "{APPLICATION_SELECT} WHERE a.initiative_id = $1 AND c.kind = 'prize'
                 AND c.status <> 'draft' AND a.status = 'granted'
                 AND a.decision_sent_at IS NOT NULL
             ORDER BY a.decision_sent_at DESC, a.id"
        ))
        .bind(initiative_id)
        .fetch_all(&self.pool)
        .await?)
    }
}
