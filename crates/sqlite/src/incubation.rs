use crate::finish;
use crate::SqliteStore;
use chrono::{DateTime, NaiveDate, Utc};
use essaim_store::incubation::{
    conflict, IncubationRow, IncubationStore, MilestoneFields, MilestoneRow, NewIncubation,
    UpdateRow, FOLLOWED_BY, INCUBATION_SELECT, MILESTONE_SELECT, UPDATE_SELECT,
};
use essaim_store::{StoreError, StoreResult};
use sqlx::SqliteConnection;
use uuid::Uuid;

fn on_write_error(e: sqlx::Error) -> StoreError {
    match &e {
        sqlx::Error::Database(db) if db.is_foreign_key_violation() => StoreError::NotFound,
        sqlx::Error::Database(db) if db.is_unique_violation() => {
            StoreError::Conflict(conflict::ALREADY)
        }
        _ => StoreError::Database(e),
    }
}

async fn incubation_in(
    conn: &mut SqliteConnection,
    id: Uuid,
) -> StoreResult<Option<IncubationRow>> {
    Ok(
        sqlx::query_as(&format!("{INCUBATION_SELECT} WHERE i.id = $1"))
            .bind(id)
            .fetch_optional(&mut *conn)
            .await?,
    )
}

/// The incubation, open and with `due` within its plan.
async fn open_plan(
    conn: &mut SqliteConnection,
    id: Uuid,
    due: Option<NaiveDate>,
) -> StoreResult<IncubationRow> {
    let i = incubation_in(conn, id).await?.ok_or(StoreError::NotFound)?;
    if i.is_closed() {
        return Err(StoreError::Conflict(conflict::CLOSED));
    }
    if let Some(d) = due {
        if d < i.starts_on || d > i.ends_on {
            return Err(StoreError::Conflict(conflict::DUE_OUTSIDE_PLAN));
        }
    }
    Ok(i)
}

async fn milestone_in(conn: &mut SqliteConnection, id: Uuid) -> StoreResult<MilestoneRow> {
    Ok(
        sqlx::query_as(&format!("{MILESTONE_SELECT} WHERE m.id = $1"))
            .bind(id)
            .fetch_one(&mut *conn)
            .await?,
    )
}

#[async_trait::async_trait]
impl IncubationStore for SqliteStore {
    async fn start_incubation(&self, n: &NewIncubation) -> StoreResult<IncubationRow> {
        let mut tx = self.pool.begin_with("BEGIN IMMEDIATE").await?;
        let r = async {
            let team: Option<(Uuid, Option<Uuid>)> =
                sqlx::query_as("SELECT event_id, defi_id FROM hackathon_teams WHERE id = $1")
                    .bind(n.team_id)
                    .fetch_optional(&mut *tx)
                    .await?;
            let (event_id, defi_id) = team.ok_or(StoreError::NotFound)?;
            if n.ends_on < n.starts_on
                || n.milestones
                    .iter()
                    .any(|(_, m)| m.due_on < n.starts_on || m.due_on > n.ends_on)
            {
                return Err(StoreError::Conflict(conflict::DUE_OUTSIDE_PLAN));
            }
            sqlx::query(
                "INSERT INTO incubations (id, team_id, event_id, defi_id, starts_on, ends_on,
                 created_by, created_at, updated_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $8)",
            )
            .bind(n.id)
            .bind(n.team_id)
            .bind(event_id)
            .bind(defi_id)
            .bind(n.starts_on)
            .bind(n.ends_on)
            .bind(n.created_by)
            .bind(n.at)
            .execute(&mut *tx)
            .await
            .map_err(on_write_error)?;
            for (id, m) in &n.milestones {
                sqlx::query(
                    "INSERT INTO incubation_milestones (id, incubation_id, title, due_on, status,
                     created_at, updated_at) VALUES ($1, $2, $3, $4, $5, $6, $6)",
                )
                .bind(id)
                .bind(n.id)
                .bind(&m.title)
                .bind(m.due_on)
                .bind(&m.status)
                .bind(n.at)
                .execute(&mut *tx)
                .await?;
            }
            incubation_in(&mut tx, n.id)
                .await?
                .ok_or(StoreError::NotFound)
        }
        .await;
        finish(tx, r).await
    }

    async fn incubation(&self, id: Uuid) -> StoreResult<Option<IncubationRow>> {
        let mut conn = self.pool.acquire().await?;
        incubation_in(&mut conn, id).await
    }

    async fn incubation_of_team(&self, team_id: Uuid) -> StoreResult<Option<IncubationRow>> {
        Ok(
            sqlx::query_as(&format!("{INCUBATION_SELECT} WHERE i.team_id = $1"))
                .bind(team_id)
                .fetch_optional(&self.pool)
                .await?,
        )
    }

    async fn list_incubations(&self, event_id: Option<Uuid>) -> StoreResult<Vec<IncubationRow>> {
        Ok(sqlx::query_as(&format!(
            "{INCUBATION_SELECT} WHERE ($1 IS NULL OR i.event_id = $1)
             ORDER BY i.status, i.created_at DESC, i.id"
        ))
        .bind(event_id)
        .fetch_all(&self.pool)
        .await?)
    }

    async fn incubations_followed_by(
        &self,
        person_id: Uuid,
        all: bool,
    ) -> StoreResult<Vec<IncubationRow>> {
        Ok(sqlx::query_as(&format!(
            "{INCUBATION_SELECT} WHERE {FOLLOWED_BY}
             ORDER BY i.status, i.created_at DESC, i.id"
        ))
        .bind(person_id)
        .bind(all)
        .fetch_all(&self.pool)
        .await?)
    }

    async fn incubation_milestones(&self, incubation_id: Uuid) -> StoreResult<Vec<MilestoneRow>> {
        Ok(sqlx::query_as(&format!(
            "{MILESTONE_SELECT} WHERE m.incubation_id = $1 ORDER BY m.due_on, m.created_at, m.id"
        ))
        .bind(incubation_id)
        .fetch_all(&self.pool)
        .await?)
    }

    async fn add_incubation_milestone(
        &self,
        incubation_id: Uuid,
        id: Uuid,
        m: &MilestoneFields,
        at: DateTime<Utc>,
    ) -> StoreResult<MilestoneRow> {
        let mut tx = self.pool.begin_with("BEGIN IMMEDIATE").await?;
        let r = async {
            open_plan(&mut tx, incubation_id, Some(m.due_on)).await?;
            sqlx::query(
                "INSERT INTO incubation_milestones (id, incubation_id, title, due_on, status,
                 created_at, updated_at) VALUES ($1, $2, $3, $4, $5, $6, $6)",
            )
            .bind(id)
            .bind(incubation_id)
            .bind(&m.title)
            .bind(m.due_on)
            .bind(&m.status)
            .bind(at)
            .execute(&mut *tx)
            .await?;
            sqlx::query("UPDATE incubations SET updated_at = $2 WHERE id = $1")
                .bind(incubation_id)
                .bind(at)
                .execute(&mut *tx)
                .await?;
            milestone_in(&mut tx, id).await
        }
        .await;
        finish(tx, r).await
    }

    async fn update_incubation_milestone(
        &self,
        incubation_id: Uuid,
        id: Uuid,
        m: &MilestoneFields,
        at: DateTime<Utc>,
    ) -> StoreResult<MilestoneRow> {
        let mut tx = self.pool.begin_with("BEGIN IMMEDIATE").await?;
        let r = async {
            open_plan(&mut tx, incubation_id, Some(m.due_on)).await?;
            let n = sqlx::query(
                "UPDATE incubation_milestones SET title = $3, due_on = $4, status = $5,
                 updated_at = $6 WHERE id = $1 AND incubation_id = $2",
            )
            .bind(id)
            .bind(incubation_id)
            .bind(&m.title)
            .bind(m.due_on)
            .bind(&m.status)
            .bind(at)
            .execute(&mut *tx)
            .await?
            .rows_affected();
            if n == 0 {
                return Err(StoreError::NotFound);
            }
            sqlx::query("UPDATE incubations SET updated_at = $2 WHERE id = $1")
                .bind(incubation_id)
                .bind(at)
                .execute(&mut *tx)
                .await?;
            milestone_in(&mut tx, id).await
        }
        .await;
        finish(tx, r).await
    }

    async fn add_incubation_update(
        &self,
        incubation_id: Uuid,
        id: Uuid,
        author_id: Uuid,
        body: &str,
        at: DateTime<Utc>,
    ) -> StoreResult<UpdateRow> {
        let mut tx = self.pool.begin_with("BEGIN IMMEDIATE").await?;
        let r = async {
            open_plan(&mut tx, incubation_id, None).await?;
            sqlx::query(
                "INSERT INTO incubation_updates (id, incubation_id, author_id, body, created_at)
                 VALUES ($1, $2, $3, $4, $5)",
            )
            .bind(id)
            .bind(incubation_id)
            .bind(author_id)
            .bind(body)
            .bind(at)
            .execute(&mut *tx)
            .await
            .map_err(on_write_error)?;
            sqlx::query("UPDATE incubations SET updated_at = $2 WHERE id = $1")
                .bind(incubation_id)
                .bind(at)
                .execute(&mut *tx)
                .await?;
            Ok(sqlx::query_as(&format!("{UPDATE_SELECT} WHERE u.id = $1"))
                .bind(id)
                .fetch_one(&mut *tx)
                .await?)
        }
        .await;
        finish(tx, r).await
    }

    async fn incubation_updates(&self, incubation_id: Uuid) -> StoreResult<Vec<UpdateRow>> {
        Ok(sqlx::query_as(&format!(
            "{UPDATE_SELECT} WHERE u.incubation_id = $1 ORDER BY u.created_at DESC, u.id DESC"
        ))
        .bind(incubation_id)
        .fetch_all(&self.pool)
        .await?)
    }

    async fn close_incubation(
        &self,
        id: Uuid,
        outcome: &str,
        summary: &str,
        at: DateTime<Utc>,
    ) -> StoreResult<IncubationRow> {
        let mut tx = self.pool.begin_with("BEGIN IMMEDIATE").await?;
        let r = async {
            open_plan(&mut tx, id, None).await?;
            sqlx::query(
                "UPDATE incubations SET status = 'closed', outcome = $2, outcome_summary = $3,
                 closed_at = $4, updated_at = $4 WHERE id = $1",
            )
            .bind(id)
            .bind(outcome)
            .bind(summary)
            .bind(at)
            .execute(&mut *tx)
            .await?;
            incubation_in(&mut tx, id)
                .await?
                .ok_or(StoreError::NotFound)
        }
        .await;
        finish(tx, r).await
    }

    async fn link_incubation_initiative(
        &self,
        id: Uuid,
        initiative_id: Uuid,
        at: DateTime<Utc>,
    ) -> StoreResult<IncubationRow> {
        let mut tx = self.pool.begin_with("BEGIN IMMEDIATE").await?;
        let r = async {
            incubation_in(&mut tx, id)
                .await?
                .ok_or(StoreError::NotFound)?;
            // Compare-and-set: only an empty link is written.
            let n = sqlx::query(
                "UPDATE incubations SET initiative_id = $2, updated_at = $3
                 WHERE id = $1 AND initiative_id IS NULL",
            )
            .bind(id)
            .bind(initiative_id)
            .bind(at)
            .execute(&mut *tx)
            .await
            .map_err(on_write_error)?
            .rows_affected();
            if n == 0 {
                return Err(StoreError::Conflict(conflict::INITIATIVE_LINKED));
            }
            incubation_in(&mut tx, id)
                .await?
                .ok_or(StoreError::NotFound)
        }
        .await;
        finish(tx, r).await
    }

    async fn incubations_of_defi(&self, defi_id: Uuid) -> StoreResult<Vec<IncubationRow>> {
        Ok(sqlx::query_as(&format!(
            "{INCUBATION_SELECT} WHERE i.defi_id = $1 ORDER BY i.created_at DESC, i.id"
        ))
        .bind(defi_id)
        .fetch_all(&self.pool)
        .await?)
    }

    async fn incubation_of_initiative(
        &self,
        initiative_id: Uuid,
    ) -> StoreResult<Option<IncubationRow>> {
        Ok(
            sqlx::query_as(&format!("{INCUBATION_SELECT} WHERE i.initiative_id = $1"))
                .bind(initiative_id)
                .fetch_optional(&self.pool)
                .await?,
        )
    }

    async fn updates_written_by(
        &self,
        person_id: Uuid,
    ) -> StoreResult<Vec<(UpdateRow, String, i64)>> {
        let rows: Vec<UpdateRow> = sqlx::query_as(&format!(
            "{UPDATE_SELECT} WHERE u.author_id = $1 ORDER BY u.created_at, u.id"
        ))
        .bind(person_id)
        .fetch_all(&self.pool)
        .await?;
        let mut out = vec![];
        for u in rows {
            let (title, number): (String, i64) = sqlx::query_as(
                "SELECT e.title, t.number FROM incubations i JOIN events e ON e.id = i.event_id
                 JOIN hackathon_teams t ON t.id = i.team_id WHERE i.id = $1",
            )
            .bind(u.incubation_id)
            .fetch_one(&self.pool)
            .await?;
            out.push((u, title, number));
        }
        Ok(out)
    }
}
