use crate::PgStore;
use chrono::{DateTime, Utc};
use essaim_store::funding::{Application, APPLICATION_SELECT};
use essaim_store::review::{
    conflict, Conflict, ExclusionFacts, NewConflict, NewDecision, NewReview, Review, ReviewData,
    Reviewer, Score, CONFLICT_SELECT, REVIEWER_SELECT, REVIEW_SELECT,
};
use essaim_store::{ReviewStore, StoreError, StoreResult};
use std::collections::BTreeSet;
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

type Tx<'a> = sqlx::Transaction<'a, sqlx::Postgres>;

#[async_trait::async_trait]
impl ReviewStore for PgStore {
    async fn add_reviewer(
        &self,
        call_id: Uuid,
        person_id: Uuid,
        by: Uuid,
        at: DateTime<Utc>,
    ) -> StoreResult<Reviewer> {
        sqlx::query(
            "INSERT INTO review_reviewers (call_id, person_id, invited_by, created_at)
             VALUES ($1, $2, $3, $4)",
        )
        .bind(call_id)
        .bind(person_id)
        .bind(by)
        .bind(at)
        .execute(&self.pool)
        .await
        .map_err(on_write_error)?;
        Ok(sqlx::query_as(&format!(
            "{REVIEWER_SELECT} WHERE r.call_id = $1 AND r.person_id = $2"
        ))
        .bind(call_id)
        .bind(person_id)
        .fetch_one(&self.pool)
        .await?)
    }

    async fn remove_reviewer(&self, call_id: Uuid, person_id: Uuid) -> StoreResult<()> {
        let mut tx = self.pool.begin().await?;
        let n = sqlx::query("DELETE FROM review_reviewers WHERE call_id = $1 AND person_id = $2")
            .bind(call_id)
            .bind(person_id)
            .execute(&mut *tx)
            .await?
            .rows_affected();
        if n == 0 {
            return Err(StoreError::NotFound);
        }
        sqlx::query(
            "DELETE FROM reviews WHERE reviewer_id = $2 AND status = 'draft'
             AND application_id IN (SELECT id FROM funding_applications WHERE call_id = $1)",
        )
        .bind(call_id)
        .bind(person_id)
        .execute(&mut *tx)
        .await?;
        sqlx::query("DELETE FROM review_assignments WHERE call_id = $1 AND person_id = $2")
            .bind(call_id)
            .bind(person_id)
            .execute(&mut *tx)
            .await?;
        tx.commit().await?;
        Ok(())
    }

    async fn reviewers(&self, call_id: Uuid) -> StoreResult<Vec<Reviewer>> {
        Ok(sqlx::query_as(&format!(
            "{REVIEWER_SELECT} WHERE r.call_id = $1 ORDER BY p.display_name, r.person_id"
        ))
        .bind(call_id)
        .fetch_all(&self.pool)
        .await?)
    }

    async fn calls_reviewed_by(&self, person_id: Uuid) -> StoreResult<Vec<Uuid>> {
        Ok(sqlx::query_scalar(
            "SELECT call_id FROM review_reviewers WHERE person_id = $1 ORDER BY created_at DESC",
        )
        .bind(person_id)
        .fetch_all(&self.pool)
        .await?)
    }

    async fn declare_conflict(&self, c: &NewConflict) -> StoreResult<()> {
        let mut tx = self.pool.begin().await?;
        sqlx::query(
            "INSERT INTO review_conflicts (application_id, person_id, reason, created_at)
             VALUES ($1, $2, $3, $4)
             ON CONFLICT (application_id, person_id) DO UPDATE SET reason = excluded.reason",
        )
        .bind(c.application_id)
        .bind(c.person_id)
        .bind(&c.reason)
        .bind(c.at)
        .execute(&mut *tx)
        .await
        .map_err(on_write_error)?;
        remove_pair(&mut tx, c.application_id, c.person_id, true).await?;
        tx.commit().await?;
        Ok(())
    }

    async fn conflicts(&self, call_id: Uuid) -> StoreResult<Vec<Conflict>> {
        Ok(sqlx::query_as(&format!(
            "{CONFLICT_SELECT} JOIN funding_applications a ON a.id = c.application_id
             WHERE a.call_id = $1 ORDER BY c.created_at, c.person_id"
        ))
        .bind(call_id)
        .fetch_all(&self.pool)
        .await?)
    }

    async fn exclusion_facts(&self, call_id: Uuid) -> StoreResult<ExclusionFacts> {
        Ok(ExclusionFacts {
            partners: sqlx::query_as(
                "SELECT DISTINCT a.id, s.structure_id FROM funding_applications a
                 JOIN initiative_structures s ON s.initiative_id = a.initiative_id
                 WHERE a.call_id = $1 ORDER BY a.id, s.structure_id",
            )
            .bind(call_id)
            .fetch_all(&self.pool)
            .await?,
            memberships: sqlx::query_as(
                "SELECT m.person_id, m.structure_id FROM structure_members m
                 JOIN review_reviewers r ON r.person_id = m.person_id
                 WHERE r.call_id = $1 ORDER BY m.person_id, m.structure_id",
            )
            .bind(call_id)
            .fetch_all(&self.pool)
            .await?,
        })
    }

    async fn assignments(&self, call_id: Uuid) -> StoreResult<Vec<(Uuid, Uuid)>> {
        Ok(sqlx::query_as(
            "SELECT application_id, person_id FROM review_assignments WHERE call_id = $1
             ORDER BY application_id, person_id",
        )
        .bind(call_id)
        .fetch_all(&self.pool)
        .await?)
    }

    async fn replace_assignments(
        &self,
        call_id: Uuid,
        pairs: &[(Uuid, Uuid)],
        at: DateTime<Utc>,
    ) -> StoreResult<Vec<(Uuid, Uuid)>> {
        let mut tx = self.pool.begin().await?;
        let old: Vec<(Uuid, Uuid)> = sqlx::query_as(
            "SELECT application_id, person_id FROM review_assignments WHERE call_id = $1",
        )
        .bind(call_id)
        .fetch_all(&mut *tx)
        .await?;
        let old: BTreeSet<(Uuid, Uuid)> = old.into_iter().collect();
        let new: BTreeSet<(Uuid, Uuid)> = pairs.iter().copied().collect();
        for (a, p) in old.difference(&new) {
            remove_pair(&mut tx, *a, *p, false).await?;
        }
        let mut added = vec![];
        for (a, p) in new.difference(&old) {
            sqlx::query(
                "INSERT INTO review_assignments (application_id, person_id, call_id, created_at)
                 SELECT id, $2, call_id, $3 FROM funding_applications
                 WHERE id = $1 AND call_id = $4",
            )
            .bind(a)
            .bind(p)
            .bind(at)
            .bind(call_id)
            .execute(&mut *tx)
            .await
            .map_err(on_write_error)?;
            added.push((*a, *p));
        }
        tx.commit().await?;
        Ok(added)
    }

    async fn is_assigned(&self, application_id: Uuid, person_id: Uuid) -> StoreResult<bool> {
        let found: Option<i32> = sqlx::query_scalar(
            "SELECT 1 FROM review_assignments WHERE application_id = $1 AND person_id = $2",
        )
        .bind(application_id)
        .bind(person_id)
        .fetch_optional(&self.pool)
        .await?;
        Ok(found.is_some())
    }

    async fn review_of(
        &self,
        application_id: Uuid,
        reviewer_id: Uuid,
    ) -> StoreResult<Option<Review>> {
        Ok(sqlx::query_as(&format!(
            "{REVIEW_SELECT} WHERE r.application_id = $1 AND r.reviewer_id = $2"
        ))
        .bind(application_id)
        .bind(reviewer_id)
        .fetch_optional(&self.pool)
        .await?)
    }

    async fn save_review(&self, r: &NewReview) -> StoreResult<Review> {
        let mut tx = self.pool.begin().await?;
        // The assignment row locked: a conflict declared meanwhile waits for this write.
        let assigned: Option<i32> = sqlx::query_scalar(
            "SELECT 1 FROM review_assignments WHERE application_id = $1 AND person_id = $2
             FOR UPDATE",
        )
        .bind(r.application_id)
        .bind(r.reviewer_id)
        .fetch_optional(&mut *tx)
        .await?;
        if assigned.is_none() {
            return Err(StoreError::Conflict(conflict::NOT_ASSIGNED));
        }
        let existing: Option<(Uuid, String)> = sqlx::query_as(
            "SELECT id, status FROM reviews WHERE application_id = $1 AND reviewer_id = $2",
        )
        .bind(r.application_id)
        .bind(r.reviewer_id)
        .fetch_optional(&mut *tx)
        .await?;
        let status = if r.submit { "submitted" } else { "draft" };
        let submitted_at = r.submit.then_some(r.at);
        let id = match existing {
            Some((_, s)) if s == "submitted" => {
                return Err(StoreError::Conflict(conflict::ALREADY_SUBMITTED))
            }
            Some((id, _)) => {
                sqlx::query(
                    "UPDATE reviews SET private_comment = $2, shared_comment = $3, status = $4,
                         updated_at = $5, submitted_at = $6 WHERE id = $1",
                )
                .bind(id)
                .bind(&r.private_comment)
                .bind(&r.shared_comment)
                .bind(status)
                .bind(r.at)
                .bind(submitted_at)
                .execute(&mut *tx)
                .await?;
                id
            }
            None => {
                sqlx::query(
                    "INSERT INTO reviews (id, application_id, reviewer_id, private_comment,
                         shared_comment, status, updated_at, submitted_at)
                     VALUES ($1, $2, $3, $4, $5, $6, $7, $8)",
                )
                .bind(r.id)
                .bind(r.application_id)
                .bind(r.reviewer_id)
                .bind(&r.private_comment)
                .bind(&r.shared_comment)
                .bind(status)
                .bind(r.at)
                .bind(submitted_at)
                .execute(&mut *tx)
                .await
                .map_err(on_write_error)?;
                r.id
            }
        };
        sqlx::query("DELETE FROM review_scores WHERE review_id = $1")
            .bind(id)
            .execute(&mut *tx)
            .await?;
        for (criterion, score) in &r.scores {
            sqlx::query(
                "INSERT INTO review_scores (review_id, criterion_id, score) VALUES ($1, $2, $3)",
            )
            .bind(id)
            .bind(criterion)
            .bind(score)
            .execute(&mut *tx)
            .await
            .map_err(on_write_error)?;
        }
        let row = sqlx::query_as(&format!("{REVIEW_SELECT} WHERE r.id = $1"))
            .bind(id)
            .fetch_one(&mut *tx)
            .await?;
        tx.commit().await?;
        Ok(row)
    }

    async fn reviews_of_call(&self, call_id: Uuid) -> StoreResult<Vec<Review>> {
        Ok(sqlx::query_as(&format!(
            "{REVIEW_SELECT} JOIN funding_applications a ON a.id = r.application_id
             WHERE a.call_id = $1 ORDER BY r.application_id, p.display_name, r.id"
        ))
        .bind(call_id)
        .fetch_all(&self.pool)
        .await?)
    }

    async fn scores_of_call(&self, call_id: Uuid) -> StoreResult<Vec<Score>> {
        Ok(sqlx::query_as(
            "SELECT s.review_id, s.criterion_id, s.score FROM review_scores s
             JOIN reviews r ON r.id = s.review_id
             JOIN funding_applications a ON a.id = r.application_id
             WHERE a.call_id = $1 ORDER BY s.review_id, s.criterion_id",
        )
        .bind(call_id)
        .fetch_all(&self.pool)
        .await?)
    }

    async fn reviews_of_application(&self, application_id: Uuid) -> StoreResult<Vec<Review>> {
        Ok(sqlx::query_as(&format!(
            "{REVIEW_SELECT} WHERE r.application_id = $1 ORDER BY p.display_name, r.id"
        ))
        .bind(application_id)
        .fetch_all(&self.pool)
        .await?)
    }

    async fn scores_of_review(&self, review_id: Uuid) -> StoreResult<Vec<Score>> {
        Ok(sqlx::query_as(
            "SELECT review_id, criterion_id, score FROM review_scores WHERE review_id = $1
             ORDER BY criterion_id",
        )
        .bind(review_id)
        .fetch_all(&self.pool)
        .await?)
    }

    async fn set_share_comment(&self, review_id: Uuid, share: bool) -> StoreResult<()> {
        let n = sqlx::query("UPDATE reviews SET share_comment = $2 WHERE id = $1")
            .bind(review_id)
            .bind(share)
            .execute(&self.pool)
            .await?
            .rows_affected();
        if n == 0 {
            return Err(StoreError::NotFound);
        }
        Ok(())
    }

    async fn record_decision(&self, d: &NewDecision) -> StoreResult<Application> {
        let mut tx = self.pool.begin().await?;
        // The call row locked first: two decisions on the same call run one after the other,
        // so the total read below includes every other committed grant.
        sqlx::query(
            "SELECT c.id FROM funding_calls c JOIN funding_applications a ON a.call_id = c.id
             WHERE a.id = $1 FOR UPDATE OF c",
        )
        .bind(d.application_id)
        .execute(&mut *tx)
        .await?;
        let current: Option<(Uuid, String, Option<DateTime<Utc>>)> = sqlx::query_as(
            "SELECT call_id, status, decision_sent_at FROM funding_applications WHERE id = $1",
        )
        .bind(d.application_id)
        .fetch_optional(&mut *tx)
        .await?;
        let Some((call_id, status, sent)) = current else {
            return Err(StoreError::NotFound);
        };
        if sent.is_some() {
            return Err(StoreError::Conflict(conflict::ALREADY_SENT));
        }
        if !matches!(
            status.as_str(),
            "submitted" | "granted" | "refused" | "waitlisted"
        ) {
            return Err(StoreError::Conflict(conflict::NOT_DECIDABLE));
        }
        // Only from a status a decision may change, and not sent: a withdrawal or a sending
        // committed since the read above leaves no row to change, and the decision is refused.
        let done = sqlx::query(
            "UPDATE funding_applications SET status = $2, decision_amount_cents = $3,
                 decision_conditions = $4, decision_reason = $5, decided_at = $6,
                 decided_by = $7, updated_at = $6
             WHERE id = $1 AND decision_sent_at IS NULL
               AND status IN ('submitted', 'granted', 'refused', 'waitlisted')",
        )
        .bind(d.application_id)
        .bind(&d.status)
        .bind(d.amount_cents)
        .bind(&d.conditions)
        .bind(&d.reason)
        .bind(d.at)
        .bind(d.by)
        .execute(&mut *tx)
        .await
        .map_err(on_write_error)?;
        if done.rows_affected() == 0 {
            return Err(StoreError::Conflict(conflict::NOT_DECIDABLE));
        }
        let (budget, total): (i64, i64) = sqlx::query_as(
            "SELECT c.budget_cents, COALESCE((SELECT SUM(a.decision_amount_cents)
                 FROM funding_applications a WHERE a.call_id = c.id AND a.status = 'granted'),
                 0)::BIGINT
             FROM funding_calls c WHERE c.id = $1",
        )
        .bind(call_id)
        .fetch_one(&mut *tx)
        .await?;
        if total > budget {
            // Dropping the transaction rolls the write back.
            return Err(StoreError::Conflict(conflict::BUDGET_EXCEEDED));
        }
        let row = sqlx::query_as(&format!("{APPLICATION_SELECT} WHERE a.id = $1"))
            .bind(d.application_id)
            .fetch_one(&mut *tx)
            .await?;
        tx.commit().await?;
        Ok(row)
    }

    async fn send_decisions(
        &self,
        call_id: Uuid,
        at: DateTime<Utc>,
    ) -> StoreResult<Vec<Application>> {
        let mut tx = self.pool.begin().await?;
        sqlx::query("SELECT id FROM funding_calls WHERE id = $1 FOR UPDATE")
            .bind(call_id)
            .execute(&mut *tx)
            .await?;
        let ids: Vec<Uuid> = sqlx::query_scalar(
            "SELECT id FROM funding_applications WHERE call_id = $1 AND decided_at IS NOT NULL
             AND decision_sent_at IS NULL AND status IN ('granted', 'refused', 'waitlisted')
             ORDER BY id",
        )
        .bind(call_id)
        .fetch_all(&mut *tx)
        .await?;
        let mut sent = vec![];
        for id in ids {
            sqlx::query("UPDATE funding_applications SET decision_sent_at = $2 WHERE id = $1")
                .bind(id)
                .bind(at)
                .execute(&mut *tx)
                .await?;
            sent.push(
                sqlx::query_as(&format!("{APPLICATION_SELECT} WHERE a.id = $1"))
                    .bind(id)
                    .fetch_one(&mut *tx)
                    .await?,
            );
        }
        tx.commit().await?;
        Ok(sent)
    }

    async fn granted_total(&self, call_id: Uuid) -> StoreResult<i64> {
        Ok(sqlx::query_scalar(
            "SELECT COALESCE(SUM(decision_amount_cents), 0)::BIGINT FROM funding_applications
             WHERE call_id = $1 AND status = 'granted'",
        )
        .bind(call_id)
        .fetch_one(&self.pool)
        .await?)
    }

    async fn review_data_of(&self, person_id: Uuid) -> StoreResult<ReviewData> {
        Ok(ReviewData {
            reviews: sqlx::query_as(&format!(
                "{REVIEW_SELECT} WHERE r.reviewer_id = $1 ORDER BY r.updated_at, r.id"
            ))
            .bind(person_id)
            .fetch_all(&self.pool)
            .await?,
            scores: sqlx::query_as(
                "SELECT s.review_id, s.criterion_id, s.score FROM review_scores s
                 JOIN reviews r ON r.id = s.review_id WHERE r.reviewer_id = $1
                 ORDER BY s.review_id, s.criterion_id",
            )
            .bind(person_id)
            .fetch_all(&self.pool)
            .await?,
            conflicts: sqlx::query_as(&format!(
                "{CONFLICT_SELECT} WHERE c.person_id = $1 ORDER BY c.created_at"
            ))
            .bind(person_id)
            .fetch_all(&self.pool)
            .await?,
        })
    }
}

/// Removes an assignment and its review: a draft only, or any (a declared conflict voids
/// what was given).
async fn remove_pair(
    tx: &mut Tx<'_>,
    application_id: Uuid,
    person_id: Uuid,
    submitted_too: bool,
) -> StoreResult<()> {
    sqlx::query("DELETE FROM review_assignments WHERE application_id = $1 AND person_id = $2")
        .bind(application_id)
        .bind(person_id)
        .execute(&mut **tx)
        .await?;
    sqlx::query(
        "DELETE FROM reviews WHERE application_id = $1 AND reviewer_id = $2
         AND ($3 OR status = 'draft')",
    )
    .bind(application_id)
    .bind(person_id)
    .bind(submitted_too)
    .execute(&mut **tx)
    .await?;
    Ok(())
}
