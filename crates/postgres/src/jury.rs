use crate::finish;
use crate::PgStore;
use chrono::{DateTime, Utc};
use essaim_domain::jury::{check_scores, conflict as conflict_of};
use essaim_store::jury::{
    conflict, CriterionRow, GivenScore, JurorRow, JuryStore, NewCriterion, ResultsRow, ScoreRow,
    ScoreSheet, Ties, CRITERION_SELECT, DEFI_STRUCTURES, JUROR_SELECT, JUROR_STRUCTURES,
    MEMBER_STRUCTURES, SCORE_SELECT,
};
use essaim_store::{StoreError, StoreResult};
use sqlx::PgConnection;
use std::collections::BTreeMap;
use uuid::Uuid;

fn on_write_error(e: sqlx::Error) -> StoreError {
    match &e {
        sqlx::Error::Database(db) if db.is_foreign_key_violation() => StoreError::NotFound,
        _ => StoreError::Database(e),
    }
}

async fn ties_in(conn: &mut PgConnection, event_id: Uuid, person_id: Uuid) -> StoreResult<Ties> {
    let teams: Vec<Uuid> = sqlx::query_scalar("SELECT id FROM hackathon_teams WHERE event_id = $1")
        .bind(event_id)
        .fetch_all(&mut *conn)
        .await?;
    let juror: Vec<Uuid> = sqlx::query_scalar(JUROR_STRUCTURES)
        .bind(person_id)
        .bind(event_id)
        .fetch_all(&mut *conn)
        .await?;
    let members: Vec<(Uuid, Uuid, Option<Uuid>, String)> = sqlx::query_as(MEMBER_STRUCTURES)
        .bind(event_id)
        .fetch_all(&mut *conn)
        .await?;
    let defis: Vec<(Uuid, Uuid, String)> = sqlx::query_as(DEFI_STRUCTURES)
        .bind(event_id)
        .fetch_all(&mut *conn)
        .await?;
    Ok(Ties::from_rows(&teams, juror, members, defis))
}

/// Refuses a change to what the ranking is made of while the results are published and, for
/// the criteria, once any score exists. Called inside the writing transaction.
async fn check_unfrozen(
    conn: &mut PgConnection,
    event_id: Uuid,
    criteria: bool,
) -> StoreResult<()> {
    let published: i64 =
        sqlx::query_scalar("SELECT COUNT(*) FROM jury_results WHERE event_id = $1")
            .bind(event_id)
            .fetch_one(&mut *conn)
            .await?;
    if published > 0 {
        return Err(StoreError::Conflict(conflict::RESULTS_PUBLISHED));
    }
    if criteria {
        let scored: i64 =
            sqlx::query_scalar("SELECT COUNT(*) FROM jury_scores WHERE event_id = $1")
                .bind(event_id)
                .fetch_one(&mut *conn)
                .await?;
        if scored > 0 {
            return Err(StoreError::Conflict(conflict::CRITERIA_SCORED));
        }
    }
    Ok(())
}

#[async_trait::async_trait]
impl JuryStore for PgStore {
    async fn add_jury_criterion(&self, c: &NewCriterion) -> StoreResult<CriterionRow> {
        let mut tx = self.pool.begin().await?;
        let r = async {
            // Locked, so that two criteria added at once get distinct positions.
            sqlx::query("SELECT event_id FROM hackathons WHERE event_id = $1 FOR UPDATE")
                .bind(c.event_id)
                .fetch_optional(&mut *tx)
                .await?
                .ok_or(StoreError::NotFound)?;
            check_unfrozen(&mut tx, c.event_id, true).await?;
            let position: i64 = sqlx::query_scalar(
                "SELECT COALESCE(MAX(position), 0) + 1 FROM jury_criteria WHERE event_id = $1",
            )
            .bind(c.event_id)
            .fetch_one(&mut *tx)
            .await?;
            sqlx::query(
                "INSERT INTO jury_criteria (id, event_id, position, name, description, weight,
                 scale_min, scale_max, created_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)",
            )
            .bind(c.id)
            .bind(c.event_id)
            .bind(position)
            .bind(&c.name)
            .bind(&c.description)
            .bind(c.weight)
            .bind(c.scale_min)
            .bind(c.scale_max)
            .bind(c.at)
            .execute(&mut *tx)
            .await
            .map_err(on_write_error)?;
            Ok(
                sqlx::query_as(&format!("{CRITERION_SELECT} WHERE c.id = $1"))
                    .bind(c.id)
                    .fetch_one(&mut *tx)
                    .await?,
            )
        }
        .await;
        finish(tx, r).await
    }

    async fn delete_jury_criterion(&self, event_id: Uuid, id: Uuid) -> StoreResult<()> {
        let mut tx = self.pool.begin().await?;
        let r = async {
            sqlx::query("SELECT event_id FROM hackathons WHERE event_id = $1 FOR UPDATE")
                .bind(event_id)
                .fetch_optional(&mut *tx)
                .await?
                .ok_or(StoreError::NotFound)?;
            let n: i64 = sqlx::query_scalar(
                "SELECT COUNT(*) FROM jury_criteria WHERE id = $1 AND event_id = $2",
            )
            .bind(id)
            .bind(event_id)
            .fetch_one(&mut *tx)
            .await?;
            if n == 0 {
                return Err(StoreError::NotFound);
            }
            check_unfrozen(&mut tx, event_id, true).await?;
            sqlx::query("DELETE FROM jury_criteria WHERE id = $1 AND event_id = $2")
                .bind(id)
                .bind(event_id)
                .execute(&mut *tx)
                .await?;
            Ok(())
        }
        .await;
        finish(tx, r).await
    }

    async fn jury_criteria(&self, event_id: Uuid) -> StoreResult<Vec<CriterionRow>> {
        Ok(sqlx::query_as(&format!(
            "{CRITERION_SELECT} WHERE c.event_id = $1 ORDER BY c.position, c.id"
        ))
        .bind(event_id)
        .fetch_all(&self.pool)
        .await?)
    }

    async fn add_juror(
        &self,
        event_id: Uuid,
        person_id: Uuid,
        at: DateTime<Utc>,
    ) -> StoreResult<JurorRow> {
        let mut tx = self.pool.begin().await?;
        let r = async {
            let done = sqlx::query(
                "INSERT INTO jury_jurors (event_id, person_id, added_at) VALUES ($1, $2, $3)
                 ON CONFLICT DO NOTHING",
            )
            .bind(event_id)
            .bind(person_id)
            .bind(at)
            .execute(&mut *tx)
            .await
            .map_err(on_write_error)?;
            if done.rows_affected() == 0 {
                return Err(StoreError::Conflict(conflict::ALREADY_JUROR));
            }
            Ok(sqlx::query_as(&format!(
                "{JUROR_SELECT} WHERE j.event_id = $1 AND j.person_id = $2"
            ))
            .bind(event_id)
            .bind(person_id)
            .fetch_one(&mut *tx)
            .await?)
        }
        .await;
        finish(tx, r).await
    }

    async fn remove_juror(&self, event_id: Uuid, person_id: Uuid) -> StoreResult<()> {
        let mut tx = self.pool.begin().await?;
        let r = async {
            sqlx::query("SELECT event_id FROM hackathons WHERE event_id = $1 FOR UPDATE")
                .bind(event_id)
                .fetch_optional(&mut *tx)
                .await?
                .ok_or(StoreError::NotFound)?;
            let n: i64 = sqlx::query_scalar(
                "SELECT COUNT(*) FROM jury_jurors WHERE event_id = $1 AND person_id = $2",
            )
            .bind(event_id)
            .bind(person_id)
            .fetch_one(&mut *tx)
            .await?;
            if n == 0 {
                return Err(StoreError::NotFound);
            }
            // Their scores go with them, which would change published results.
            check_unfrozen(&mut tx, event_id, false).await?;
            sqlx::query("DELETE FROM jury_jurors WHERE event_id = $1 AND person_id = $2")
                .bind(event_id)
                .bind(person_id)
                .execute(&mut *tx)
                .await?;
            Ok(())
        }
        .await;
        finish(tx, r).await
    }

    async fn jurors(&self, event_id: Uuid) -> StoreResult<Vec<JurorRow>> {
        Ok(sqlx::query_as(&format!(
            "{JUROR_SELECT} WHERE j.event_id = $1 ORDER BY p.display_name, p.id"
        ))
        .bind(event_id)
        .fetch_all(&self.pool)
        .await?)
    }

    async fn is_juror(&self, event_id: Uuid, person_id: Uuid) -> StoreResult<bool> {
        Ok(sqlx::query_scalar::<_, i64>(
            "SELECT COUNT(*) FROM jury_jurors WHERE event_id = $1 AND person_id = $2",
        )
        .bind(event_id)
        .bind(person_id)
        .fetch_one(&self.pool)
        .await?
            > 0)
    }

    async fn jury_ties(&self, event_id: Uuid, person_id: Uuid) -> StoreResult<Ties> {
        let mut conn = self.pool.acquire().await?;
        ties_in(&mut conn, event_id, person_id).await
    }

    async fn save_jury_scores(&self, s: &ScoreSheet) -> StoreResult<Vec<ScoreRow>> {
        // The hackathon's row is locked: scores of one hackathon are written one sheet at a
        // time, and the ties are read again inside the transaction.
        let mut tx = self.pool.begin().await?;
        let r = async {
            sqlx::query("SELECT event_id FROM hackathons WHERE event_id = $1 FOR UPDATE")
                .bind(s.event_id)
                .fetch_optional(&mut *tx)
                .await?
                .ok_or(StoreError::NotFound)?;
            let juror: i64 = sqlx::query_scalar(
                "SELECT COUNT(*) FROM jury_jurors WHERE event_id = $1 AND person_id = $2",
            )
            .bind(s.event_id)
            .bind(s.juror_id)
            .fetch_one(&mut *tx)
            .await?;
            let team: i64 = sqlx::query_scalar(
                "SELECT COUNT(*) FROM hackathon_teams WHERE id = $1 AND event_id = $2",
            )
            .bind(s.team_id)
            .bind(s.event_id)
            .fetch_one(&mut *tx)
            .await?;
            if juror == 0 || team == 0 {
                return Err(StoreError::NotFound);
            }
            check_unfrozen(&mut tx, s.event_id, false).await?;
            let criteria: Vec<CriterionRow> = sqlx::query_as(&format!(
                "{CRITERION_SELECT} WHERE c.event_id = $1 ORDER BY c.position, c.id"
            ))
            .bind(s.event_id)
            .fetch_all(&mut *tx)
            .await?;
            if criteria.is_empty() {
                return Err(StoreError::Conflict(conflict::NO_CRITERIA));
            }
            let rules: Vec<_> = criteria.iter().map(CriterionRow::rule).collect();
            let values: BTreeMap<Uuid, i64> = s.values.iter().map(|(c, v, _)| (*c, *v)).collect();
            if values.len() != s.values.len() || check_scores(&rules, &values).is_err() {
                return Err(StoreError::Conflict(conflict::SCORES_INVALID));
            }
            let ties = ties_in(&mut tx, s.event_id, s.juror_id).await?;
            let team_ties = ties.teams.get(&s.team_id).cloned().unwrap_or_default();
            if let Some(c) = conflict_of(s.juror_id, &ties.juror, &team_ties) {
                return Err(StoreError::Conflict(conflict::of(c.reason)));
            }
            sqlx::query("DELETE FROM jury_scores WHERE team_id = $1 AND juror_id = $2")
                .bind(s.team_id)
                .bind(s.juror_id)
                .execute(&mut *tx)
                .await?;
            for (criterion, value, comment) in &s.values {
                sqlx::query(
                    "INSERT INTO jury_scores (event_id, team_id, juror_id, criterion_id, value,
                     comment, scored_at) VALUES ($1, $2, $3, $4, $5, $6, $7)",
                )
                .bind(s.event_id)
                .bind(s.team_id)
                .bind(s.juror_id)
                .bind(criterion)
                .bind(value)
                .bind(comment)
                .bind(s.at)
                .execute(&mut *tx)
                .await
                .map_err(on_write_error)?;
            }
            Ok(sqlx::query_as(&format!(
                "{SCORE_SELECT} JOIN jury_criteria c ON c.id = s.criterion_id
                 WHERE s.team_id = $1 AND s.juror_id = $2 ORDER BY c.position, c.id"
            ))
            .bind(s.team_id)
            .bind(s.juror_id)
            .fetch_all(&mut *tx)
            .await?)
        }
        .await;
        finish(tx, r).await
    }

    async fn jury_scores(&self, event_id: Uuid) -> StoreResult<Vec<ScoreRow>> {
        Ok(sqlx::query_as(&format!(
            "{SCORE_SELECT} WHERE s.event_id = $1 ORDER BY s.team_id, s.juror_id, s.criterion_id"
        ))
        .bind(event_id)
        .fetch_all(&self.pool)
        .await?)
    }

    async fn publish_jury_results(
        &self,
        event_id: Uuid,
        normalised: bool,
        by: Uuid,
        at: DateTime<Utc>,
    ) -> StoreResult<ResultsRow> {
        // Under the hackathon's lock, like score sheets: a sheet being written is either in the
        // published results or refused, never added after them.
        let mut tx = self.pool.begin().await?;
        let r = async {
            sqlx::query("SELECT event_id FROM hackathons WHERE event_id = $1 FOR UPDATE")
                .bind(event_id)
                .fetch_optional(&mut *tx)
                .await?
                .ok_or(StoreError::NotFound)?;
            sqlx::query(
                "INSERT INTO jury_results (event_id, normalised, published_at, published_by)
                 VALUES ($1, $2, $3, $4)
                 ON CONFLICT (event_id) DO UPDATE SET normalised = excluded.normalised,
                     published_at = excluded.published_at, published_by = excluded.published_by",
            )
            .bind(event_id)
            .bind(normalised)
            .bind(at)
            .bind(by)
            .execute(&mut *tx)
            .await
            .map_err(on_write_error)?;
            Ok(sqlx::query_as(
                "SELECT event_id, normalised, published_at, published_by FROM jury_results
                 WHERE event_id = $1",
            )
            .bind(event_id)
            .fetch_one(&mut *tx)
            .await?)
        }
        .await;
        finish(tx, r).await
    }

    async fn unpublish_jury_results(&self, event_id: Uuid) -> StoreResult<bool> {
        Ok(sqlx::query("DELETE FROM jury_results WHERE event_id = $1")
            .bind(event_id)
            .execute(&self.pool)
            .await?
            .rows_affected()
            > 0)
    }

    async fn jury_results(&self, event_id: Uuid) -> StoreResult<Option<ResultsRow>> {
        Ok(sqlx::query_as(
            "SELECT event_id, normalised, published_at, published_by FROM jury_results
             WHERE event_id = $1",
        )
        .bind(event_id)
        .fetch_optional(&self.pool)
        .await?)
    }

    async fn jury_scores_given_by(&self, person_id: Uuid) -> StoreResult<Vec<GivenScore>> {
        Ok(sqlx::query_as(
            "SELECT e.title AS event_title, t.number AS team_number, c.name AS criterion,
                s.value, s.comment, s.scored_at
             FROM jury_scores s JOIN events e ON e.id = s.event_id
             JOIN hackathon_teams t ON t.id = s.team_id
             JOIN jury_criteria c ON c.id = s.criterion_id
             WHERE s.juror_id = $1 ORDER BY s.scored_at, t.number, c.position",
        )
        .bind(person_id)
        .fetch_all(&self.pool)
        .await?)
    }
}
