use crate::finish;
use crate::SqliteStore;
use chrono::{DateTime, Utc};
use essaim_store::defis::{DefiRow, DEFI_SELECT};
use essaim_store::hackathons::{
    conflict, Attributes, HackathonRow, HackathonStore, Participant, Team, TeamRow, TeamSetup,
    Workspace, PARTICIPANT_SELECT, TEAMS_FROZEN_SQL, TEAM_SELECT,
};
use essaim_store::{StoreError, StoreResult};
use sqlx::SqliteConnection;
use std::collections::HashSet;
use uuid::Uuid;

const HACKATHON_SELECT: &str = "SELECT event_id, team_size, teams_published, teams_seed,
    teams_formed_at, created_at, updated_at FROM hackathons";

fn on_write_error(e: sqlx::Error) -> StoreError {
    match &e {
        sqlx::Error::Database(db) if db.is_foreign_key_violation() => StoreError::NotFound,
        sqlx::Error::Database(db) if db.is_unique_violation() => {
            StoreError::Conflict(conflict::DUPLICATE)
        }
        _ => StoreError::Database(e),
    }
}

async fn hackathon_on(
    conn: &mut SqliteConnection,
    event_id: Uuid,
) -> StoreResult<Option<HackathonRow>> {
    Ok(
        sqlx::query_as(&format!("{HACKATHON_SELECT} WHERE event_id = $1"))
            .bind(event_id)
            .fetch_optional(&mut *conn)
            .await?,
    )
}

/// Whether the hackathon's teams are frozen (scores, published results or an incubation).
async fn frozen_on(conn: &mut SqliteConnection, event_id: Uuid) -> StoreResult<bool> {
    Ok(sqlx::query_scalar(TEAMS_FROZEN_SQL)
        .bind(event_id)
        .fetch_one(&mut *conn)
        .await?)
}

async fn members_on(conn: &mut SqliteConnection, team_id: Uuid) -> StoreResult<Vec<Participant>> {
    Ok(sqlx::query_as(&format!(
        "{PARTICIPANT_SELECT} JOIN hackathon_team_members m
             ON m.event_id = hp.event_id AND m.person_id = hp.person_id
         WHERE m.team_id = $1 ORDER BY p.display_name, p.id"
    ))
    .bind(team_id)
    .fetch_all(&mut *conn)
    .await?)
}

async fn with_members(conn: &mut SqliteConnection, rows: Vec<TeamRow>) -> StoreResult<Vec<Team>> {
    let mut out = Vec::with_capacity(rows.len());
    for row in rows {
        let members = members_on(conn, row.id).await?;
        out.push(Team { row, members });
    }
    Ok(out)
}

async fn teams_on(conn: &mut SqliteConnection, event_id: Uuid) -> StoreResult<Vec<Team>> {
    let rows: Vec<TeamRow> = sqlx::query_as(&format!(
        "{TEAM_SELECT} WHERE t.event_id = $1 ORDER BY t.number"
    ))
    .bind(event_id)
    .fetch_all(&mut *conn)
    .await?;
    with_members(conn, rows).await
}

async fn team_on(conn: &mut SqliteConnection, team_id: Uuid) -> StoreResult<Option<Team>> {
    let row: Option<TeamRow> = sqlx::query_as(&format!("{TEAM_SELECT} WHERE t.id = $1"))
        .bind(team_id)
        .fetch_optional(&mut *conn)
        .await?;
    match row {
        None => Ok(None),
        Some(row) => Ok(with_members(conn, vec![row]).await?.pop()),
    }
}

#[async_trait::async_trait]
impl HackathonStore for SqliteStore {
    async fn save_hackathon(
        &self,
        event_id: Uuid,
        team_size: i64,
        at: DateTime<Utc>,
    ) -> StoreResult<HackathonRow> {
        let mut tx = self.pool.begin_with("BEGIN IMMEDIATE").await?;
        let r = async {
            sqlx::query(
                "INSERT INTO hackathons (event_id, team_size, created_at, updated_at)
                 VALUES ($1, $2, $3, $3)
                 ON CONFLICT (event_id) DO UPDATE SET team_size = $2, updated_at = $3",
            )
            .bind(event_id)
            .bind(team_size)
            .bind(at)
            .execute(&mut *tx)
            .await
            .map_err(on_write_error)?;
            hackathon_on(&mut tx, event_id)
                .await?
                .ok_or(StoreError::NotFound)
        }
        .await;
        finish(tx, r).await
    }

    async fn get_hackathon(&self, event_id: Uuid) -> StoreResult<Option<HackathonRow>> {
        let mut conn = self.pool.acquire().await?;
        hackathon_on(&mut conn, event_id).await
    }

    async fn set_hackathon_defis(&self, event_id: Uuid, defis: &[Uuid]) -> StoreResult<()> {
        let mut tx = self.pool.begin_with("BEGIN IMMEDIATE").await?;
        let r = async {
            if hackathon_on(&mut tx, event_id).await?.is_none() {
                return Err(StoreError::Conflict(conflict::NO_SETTINGS));
            }
            if frozen_on(&mut tx, event_id).await? {
                // Scores name the défis' teams: the same set may be saved again, no other.
                let mut now: Vec<Uuid> =
                    sqlx::query_scalar("SELECT defi_id FROM hackathon_defis WHERE event_id = $1")
                        .bind(event_id)
                        .fetch_all(&mut *tx)
                        .await?;
                now.sort();
                let mut asked = defis.to_vec();
                asked.sort();
                asked.dedup();
                return if now == asked {
                    Ok(())
                } else {
                    Err(StoreError::Conflict(conflict::TEAMS_FROZEN))
                };
            }
            sqlx::query("DELETE FROM hackathon_defis WHERE event_id = $1")
                .bind(event_id)
                .execute(&mut *tx)
                .await?;
            for d in defis {
                sqlx::query(
                    "INSERT INTO hackathon_defis (event_id, defi_id) VALUES ($1, $2)
                     ON CONFLICT DO NOTHING",
                )
                .bind(event_id)
                .bind(d)
                .execute(&mut *tx)
                .await
                .map_err(on_write_error)?;
            }
            // A team keeps only a défi the hackathon still gathers.
            sqlx::query(
                "UPDATE hackathon_teams SET defi_id = NULL
                 WHERE event_id = $1 AND defi_id IS NOT NULL AND defi_id NOT IN
                     (SELECT defi_id FROM hackathon_defis WHERE event_id = $1)",
            )
            .bind(event_id)
            .execute(&mut *tx)
            .await?;
            Ok(())
        }
        .await;
        finish(tx, r).await
    }

    async fn hackathon_defis(&self, event_id: Uuid) -> StoreResult<Vec<DefiRow>> {
        Ok(sqlx::query_as(&format!(
            "{DEFI_SELECT} JOIN hackathon_defis hd ON hd.defi_id = d.id
             WHERE hd.event_id = $1 ORDER BY d.title, d.id"
        ))
        .bind(event_id)
        .fetch_all(&self.pool)
        .await?)
    }

    async fn hackathons_of_defi(
        &self,
        defi_id: Uuid,
    ) -> StoreResult<Vec<(Uuid, String, DateTime<Utc>)>> {
        Ok(sqlx::query_as(
            "SELECT e.id, e.title, e.starts_at FROM hackathon_defis hd
                 JOIN events e ON e.id = hd.event_id
             WHERE hd.defi_id = $1 ORDER BY e.starts_at DESC, e.id",
        )
        .bind(defi_id)
        .fetch_all(&self.pool)
        .await?)
    }

    async fn join_hackathon(
        &self,
        event_id: Uuid,
        person_id: Uuid,
        a: &Attributes,
        at: DateTime<Utc>,
    ) -> StoreResult<Participant> {
        let mut tx = self.pool.begin_with("BEGIN IMMEDIATE").await?;
        let r = async {
            if hackathon_on(&mut tx, event_id).await?.is_none() {
                return Err(StoreError::Conflict(conflict::NO_SETTINGS));
            }
            sqlx::query(
                "INSERT INTO hackathon_participants (event_id, person_id, structure_id, sector,
                     age_band, skills, created_at)
                 VALUES ($1, $2, $3, $4, $5, $6, $7)
                 ON CONFLICT (event_id, person_id) DO UPDATE SET structure_id = $3,
                     sector = $4, age_band = $5, skills = $6",
            )
            .bind(event_id)
            .bind(person_id)
            .bind(a.structure_id)
            .bind(&a.sector)
            .bind(&a.age_band)
            .bind(&a.skills)
            .bind(at)
            .execute(&mut *tx)
            .await
            .map_err(on_write_error)?;
            Ok(sqlx::query_as(&format!(
                "{PARTICIPANT_SELECT} WHERE hp.event_id = $1 AND hp.person_id = $2"
            ))
            .bind(event_id)
            .bind(person_id)
            .fetch_one(&mut *tx)
            .await?)
        }
        .await;
        finish(tx, r).await
    }

    async fn leave_hackathon(&self, event_id: Uuid, person_id: Uuid) -> StoreResult<()> {
        let mut tx = self.pool.begin_with("BEGIN IMMEDIATE").await?;
        let r = async {
            sqlx::query(
                "DELETE FROM hackathon_team_members WHERE event_id = $1 AND person_id = $2",
            )
            .bind(event_id)
            .bind(person_id)
            .execute(&mut *tx)
            .await?;
            let done = sqlx::query(
                "DELETE FROM hackathon_participants WHERE event_id = $1 AND person_id = $2",
            )
            .bind(event_id)
            .bind(person_id)
            .execute(&mut *tx)
            .await?;
            if done.rows_affected() == 0 {
                return Err(StoreError::NotFound);
            }
            Ok(())
        }
        .await;
        finish(tx, r).await
    }

    async fn participants(&self, event_id: Uuid) -> StoreResult<Vec<Participant>> {
        Ok(sqlx::query_as(&format!(
            "{PARTICIPANT_SELECT} WHERE hp.event_id = $1 ORDER BY p.display_name, p.id"
        ))
        .bind(event_id)
        .fetch_all(&self.pool)
        .await?)
    }

    async fn participant(
        &self,
        event_id: Uuid,
        person_id: Uuid,
    ) -> StoreResult<Option<Participant>> {
        Ok(sqlx::query_as(&format!(
            "{PARTICIPANT_SELECT} WHERE hp.event_id = $1 AND hp.person_id = $2"
        ))
        .bind(event_id)
        .bind(person_id)
        .fetch_optional(&self.pool)
        .await?)
    }

    async fn replace_teams(
        &self,
        event_id: Uuid,
        teams: &[TeamSetup],
        seed: Option<i64>,
        at: DateTime<Utc>,
    ) -> StoreResult<Vec<Team>> {
        let mut tx = self.pool.begin_with("BEGIN IMMEDIATE").await?;
        let r = async {
            if hackathon_on(&mut tx, event_id).await?.is_none() {
                return Err(StoreError::Conflict(conflict::NO_SETTINGS));
            }
            if frozen_on(&mut tx, event_id).await? {
                return Err(StoreError::Conflict(conflict::TEAMS_FROZEN));
            }
            let mut numbers = HashSet::new();
            let mut people = HashSet::new();
            for t in teams {
                if !numbers.insert(t.number) || !t.members.iter().all(|m| people.insert(*m)) {
                    return Err(StoreError::Conflict(conflict::DUPLICATE));
                }
            }
            let participants: HashSet<Uuid> = sqlx::query_scalar(
                "SELECT person_id FROM hackathon_participants WHERE event_id = $1",
            )
            .bind(event_id)
            .fetch_all(&mut *tx)
            .await?
            .into_iter()
            .collect();
            if !people.iter().all(|p| participants.contains(p)) {
                return Err(StoreError::Conflict(conflict::NOT_PARTICIPANT));
            }
            let gathered: HashSet<Uuid> =
                sqlx::query_scalar("SELECT defi_id FROM hackathon_defis WHERE event_id = $1")
                    .bind(event_id)
                    .fetch_all(&mut *tx)
                    .await?
                    .into_iter()
                    .collect();
            if teams
                .iter()
                .any(|t| t.defi_id.is_some_and(|d| !gathered.contains(&d)))
            {
                return Err(StoreError::Conflict(conflict::DEFI_NOT_GATHERED));
            }
            sqlx::query("DELETE FROM hackathon_team_members WHERE event_id = $1")
                .bind(event_id)
                .execute(&mut *tx)
                .await?;
            for t in teams {
                // A team keeps its id (and its workspace) when its number stays.
                let existing: Option<Uuid> = sqlx::query_scalar(
                    "SELECT id FROM hackathon_teams WHERE event_id = $1 AND number = $2",
                )
                .bind(event_id)
                .bind(t.number)
                .fetch_optional(&mut *tx)
                .await?;
                let id = match existing {
                    Some(id) => {
                        sqlx::query(
                            "UPDATE hackathon_teams SET name = $2, defi_id = $3, coach_id = $4,
                                 designer_id = $5, updated_at = $6
                             WHERE id = $1",
                        )
                        .bind(id)
                        .bind(&t.name)
                        .bind(t.defi_id)
                        .bind(t.coach_id)
                        .bind(t.designer_id)
                        .bind(at)
                        .execute(&mut *tx)
                        .await
                        .map_err(on_write_error)?;
                        id
                    }
                    None => {
                        let id = Uuid::now_v7();
                        sqlx::query(
                            "INSERT INTO hackathon_teams (id, event_id, number, name, defi_id,
                                 coach_id, designer_id, created_at, updated_at)
                             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $8)",
                        )
                        .bind(id)
                        .bind(event_id)
                        .bind(t.number)
                        .bind(&t.name)
                        .bind(t.defi_id)
                        .bind(t.coach_id)
                        .bind(t.designer_id)
                        .bind(at)
                        .execute(&mut *tx)
                        .await
                        .map_err(on_write_error)?;
                        id
                    }
                };
                for m in &t.members {
                    sqlx::query(
                        "INSERT INTO hackathon_team_members (team_id, event_id, person_id)
                         VALUES ($1, $2, $3)",
                    )
                    .bind(id)
                    .bind(event_id)
                    .bind(m)
                    .execute(&mut *tx)
                    .await
                    .map_err(on_write_error)?;
                }
            }
            // Teams whose number is gone are removed (with their workspace).
            let kept: Vec<i64> = teams.iter().map(|t| t.number).collect();
            let all: Vec<(Uuid, i64)> =
                sqlx::query_as("SELECT id, number FROM hackathon_teams WHERE event_id = $1")
                    .bind(event_id)
                    .fetch_all(&mut *tx)
                    .await?;
            for (id, n) in all {
                if !kept.contains(&n) {
                    sqlx::query("DELETE FROM hackathon_teams WHERE id = $1")
                        .bind(id)
                        .execute(&mut *tx)
                        .await?;
                }
            }
            sqlx::query(
                "UPDATE hackathons SET teams_seed = COALESCE($2, teams_seed),
                     teams_formed_at = CASE WHEN $2 IS NULL THEN teams_formed_at ELSE $3 END,
                     updated_at = $3
                 WHERE event_id = $1",
            )
            .bind(event_id)
            .bind(seed)
            .bind(at)
            .execute(&mut *tx)
            .await?;
            teams_on(&mut tx, event_id).await
        }
        .await;
        finish(tx, r).await
    }

    async fn hackathon_teams_frozen(&self, event_id: Uuid) -> StoreResult<bool> {
        let mut conn = self.pool.acquire().await?;
        frozen_on(&mut conn, event_id).await
    }

    async fn teams(&self, event_id: Uuid) -> StoreResult<Vec<Team>> {
        let mut conn = self.pool.acquire().await?;
        teams_on(&mut conn, event_id).await
    }

    async fn team(&self, team_id: Uuid) -> StoreResult<Option<Team>> {
        let mut conn = self.pool.acquire().await?;
        team_on(&mut conn, team_id).await
    }

    async fn publish_teams(
        &self,
        event_id: Uuid,
        published: bool,
        at: DateTime<Utc>,
    ) -> StoreResult<HackathonRow> {
        let mut tx = self.pool.begin_with("BEGIN IMMEDIATE").await?;
        let r = async {
            let done = sqlx::query(
                "UPDATE hackathons SET teams_published = $2, updated_at = $3 WHERE event_id = $1",
            )
            .bind(event_id)
            .bind(published)
            .bind(at)
            .execute(&mut *tx)
            .await?;
            if done.rows_affected() == 0 {
                return Err(StoreError::Conflict(conflict::NO_SETTINGS));
            }
            hackathon_on(&mut tx, event_id)
                .await?
                .ok_or(StoreError::NotFound)
        }
        .await;
        finish(tx, r).await
    }

    async fn update_workspace(
        &self,
        team_id: Uuid,
        w: &Workspace,
        at: DateTime<Utc>,
    ) -> StoreResult<Team> {
        let mut tx = self.pool.begin_with("BEGIN IMMEDIATE").await?;
        let r = async {
            let done = sqlx::query(
                "UPDATE hackathon_teams SET solution_title = $2, pitch = $3,
                     prototype_links = $4, deliverables = $5, updated_at = $6
                 WHERE id = $1",
            )
            .bind(team_id)
            .bind(&w.solution_title)
            .bind(&w.pitch)
            .bind(&w.prototype_links)
            .bind(&w.deliverables)
            .bind(at)
            .execute(&mut *tx)
            .await?;
            if done.rows_affected() == 0 {
                return Err(StoreError::NotFound);
            }
            team_on(&mut tx, team_id).await?.ok_or(StoreError::NotFound)
        }
        .await;
        finish(tx, r).await
    }

    async fn participations_of(&self, person_id: Uuid) -> StoreResult<Vec<(Participant, String)>> {
        let rows: Vec<Participant> = sqlx::query_as(&format!(
            "{PARTICIPANT_SELECT} WHERE hp.person_id = $1 ORDER BY hp.created_at, hp.event_id"
        ))
        .bind(person_id)
        .fetch_all(&self.pool)
        .await?;
        let mut out = vec![];
        for r in rows {
            let title: String = sqlx::query_scalar("SELECT title FROM events WHERE id = $1")
                .bind(r.event_id)
                .fetch_one(&self.pool)
                .await?;
            out.push((r, title));
        }
        Ok(out)
    }

    async fn teams_of(&self, person_id: Uuid) -> StoreResult<Vec<(TeamRow, String)>> {
        let rows: Vec<TeamRow> = sqlx::query_as(&format!(
            "{TEAM_SELECT} WHERE t.coach_id = $1 OR t.designer_id = $1 OR EXISTS
                 (SELECT 1 FROM hackathon_team_members m WHERE m.team_id = t.id
                     AND m.person_id = $1)
             ORDER BY t.created_at, t.id"
        ))
        .bind(person_id)
        .fetch_all(&self.pool)
        .await?;
        let mut out = vec![];
        for r in rows {
            let title: String = sqlx::query_scalar("SELECT title FROM events WHERE id = $1")
                .bind(r.event_id)
                .fetch_one(&self.pool)
                .await?;
            out.push((r, title));
        }
        Ok(out)
    }
}
