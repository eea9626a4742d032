use crate::finish;
use crate::SqliteStore;
use chrono::{DateTime, Utc};
use essaim_store::cafe::{
    conflict, Cafe, CafeData, CafeRow, CafeSettings, CafeStore, HarvestEntry, NewParticipant,
    Participant, Seat, CAFE_SELECT, PARTICIPANT_SELECT,
};
use essaim_store::{StoreError, StoreResult};
use sqlx::{Sqlite, Transaction};
use uuid::Uuid;

fn on_write_error(e: sqlx::Error) -> StoreError {
    match &e {
        sqlx::Error::Database(db) if db.is_foreign_key_violation() => StoreError::NotFound,
        _ => StoreError::Database(e),
    }
}

/// The café's number of tables (those with a link, kept in step with the seating).
async fn tables_in(tx: &mut Transaction<'_, Sqlite>, event_id: Uuid) -> StoreResult<i64> {
    Ok(
        sqlx::query_scalar(
            "SELECT COALESCE(MAX(table_no), 0) FROM cafe_tables WHERE event_id = $1",
        )
        .bind(event_id)
        .fetch_one(&mut **tx)
        .await?,
    )
}

async fn cafe_in(tx: &mut Transaction<'_, Sqlite>, event_id: Uuid) -> StoreResult<Option<Cafe>> {
    let row: Option<CafeRow> = sqlx::query_as(&format!("{CAFE_SELECT} WHERE event_id = $1"))
        .bind(event_id)
        .fetch_optional(&mut **tx)
        .await?;
    let Some(row) = row else { return Ok(None) };
    let questions = sqlx::query_scalar(
        "SELECT question FROM cafe_questions WHERE event_id = $1 ORDER BY round",
    )
    .bind(event_id)
    .fetch_all(&mut **tx)
    .await?;
    Ok(Some(Cafe { row, questions }))
}

const HARVEST_SELECT: &str =
    "SELECT event_id, round, table_no, body, written_by, updated_at FROM cafe_harvest";

#[async_trait::async_trait]
impl CafeStore for SqliteStore {
    async fn cafe(&self, event_id: Uuid) -> StoreResult<Option<Cafe>> {
        let mut tx = self.pool.begin().await?;
        let r = cafe_in(&mut tx, event_id).await;
        finish(tx, r).await
    }

    async fn put_cafe(
        &self,
        event_id: Uuid,
        s: &CafeSettings,
        at: DateTime<Utc>,
    ) -> StoreResult<Cafe> {
        let mut tx = self.pool.begin_with("BEGIN IMMEDIATE").await?;
        let r = async {
            let before = cafe_in(&mut tx, event_id).await?;
            sqlx::query(
                "INSERT INTO cafes (event_id, layout, layout_value, rounds, round_minutes,
                     updated_at)
                 VALUES ($1, $2, $3, $4, $5, $6)
                 ON CONFLICT (event_id) DO UPDATE SET layout = $2, layout_value = $3,
                     rounds = $4, round_minutes = $5, updated_at = $6",
            )
            .bind(event_id)
            .bind(&s.layout)
            .bind(s.layout_value)
            .bind(s.rounds)
            .bind(s.round_minutes)
            .bind(at)
            .execute(&mut *tx)
            .await
            .map_err(on_write_error)?;
            sqlx::query("DELETE FROM cafe_questions WHERE event_id = $1")
                .bind(event_id)
                .execute(&mut *tx)
                .await?;
            for (i, q) in s.questions.iter().enumerate() {
                sqlx::query(
                    "INSERT INTO cafe_questions (event_id, round, question) VALUES ($1, $2, $3)",
                )
                .bind(event_id)
                .bind(i as i64 + 1)
                .bind(q)
                .execute(&mut *tx)
                .await?;
            }
            let reshaped = before.as_ref().is_some_and(|b| {
                b.row.layout != s.layout
                    || b.row.layout_value != s.layout_value
                    || b.row.rounds != s.rounds
            });
            if reshaped {
                // The seating no longer fits the rounds or tables: it goes, with the live state.
                sqlx::query("DELETE FROM cafe_seats WHERE event_id = $1")
                    .bind(event_id)
                    .execute(&mut *tx)
                    .await?;
                sqlx::query(
                    "UPDATE cafes SET seed = NULL, planned_at = NULL, current_round = 0,
                         round_started_at = NULL, ended_at = NULL
                     WHERE event_id = $1",
                )
                .bind(event_id)
                .execute(&mut *tx)
                .await?;
            }
            cafe_in(&mut tx, event_id)
                .await?
                .ok_or(StoreError::NotFound)
        }
        .await;
        finish(tx, r).await
    }

    async fn cafe_sync_registrants(&self, event_id: Uuid, at: DateTime<Utc>) -> StoreResult<u64> {
        let mut tx = self.pool.begin_with("BEGIN IMMEDIATE").await?;
        let r = async {
            let missing: Vec<(Uuid, String)> = sqlx::query_as(
                "SELECT r.person_id, p.display_name FROM event_registrations r
                     JOIN people p ON p.id = r.person_id
                 WHERE r.event_id = $1 AND r.status = 'confirmed' AND p.deleted_at IS NULL
                   AND NOT EXISTS (SELECT 1 FROM cafe_participants c
                                   WHERE c.event_id = r.event_id AND c.person_id = r.person_id)
                 ORDER BY r.registered_at, r.id",
            )
            .bind(event_id)
            .fetch_all(&mut *tx)
            .await?;
            for (person, name) in &missing {
                sqlx::query(
                    "INSERT INTO cafe_participants (id, event_id, person_id, name, created_at)
                     VALUES ($1, $2, $3, $4, $5)",
                )
                .bind(Uuid::now_v7())
                .bind(event_id)
                .bind(person)
                .bind(name)
                .bind(at)
                .execute(&mut *tx)
                .await?;
            }
            // A registrant who cancelled (or waits again), or whose account was erased, no
            // longer takes part, nor sits.
            sqlx::query(
                "DELETE FROM cafe_participants
                 WHERE event_id = $1 AND person_id IS NOT NULL
                   AND NOT EXISTS (SELECT 1 FROM event_registrations r
                                     JOIN people p ON p.id = r.person_id
                                   WHERE r.event_id = cafe_participants.event_id
                                     AND r.person_id = cafe_participants.person_id
                                     AND r.status = 'confirmed' AND p.deleted_at IS NULL)",
            )
            .bind(event_id)
            .execute(&mut *tx)
            .await?;
            Ok(missing.len() as u64)
        }
        .await;
        finish(tx, r).await
    }

    async fn cafe_add_participant(&self, p: &NewParticipant) -> StoreResult<Participant> {
        let mut tx = self.pool.begin_with("BEGIN IMMEDIATE").await?;
        let r = async {
            if let Some(person) = p.person_id {
                let there: Option<Uuid> = sqlx::query_scalar(
                    "SELECT id FROM cafe_participants WHERE event_id = $1 AND person_id = $2",
                )
                .bind(p.event_id)
                .bind(person)
                .fetch_optional(&mut *tx)
                .await?;
                if there.is_some() {
                    return Err(StoreError::Conflict(conflict::ALREADY_PARTICIPANT));
                }
            }
            sqlx::query(
                "INSERT INTO cafe_participants (id, event_id, person_id, name, sector, structure,
                     host_table, created_at)
                 VALUES ($1, $2, $3, $4, $5, $6, $7, $8)",
            )
            .bind(p.id)
            .bind(p.event_id)
            .bind(p.person_id)
            .bind(&p.name)
            .bind(&p.sector)
            .bind(&p.structure)
            .bind(p.host_table)
            .bind(p.created_at)
            .execute(&mut *tx)
            .await
            .map_err(on_write_error)?;
            Ok(
                sqlx::query_as(&format!("{PARTICIPANT_SELECT} WHERE id = $1"))
                    .bind(p.id)
                    .fetch_one(&mut *tx)
                    .await?,
            )
        }
        .await;
        finish(tx, r).await
    }

    async fn cafe_update_participant(
        &self,
        event_id: Uuid,
        id: Uuid,
        name: Option<&str>,
        sector: Option<&str>,
        structure: Option<&str>,
        host_table: Option<i64>,
    ) -> StoreResult<Participant> {
        let mut tx = self.pool.begin_with("BEGIN IMMEDIATE").await?;
        let r = async {
            let done = sqlx::query(
                "UPDATE cafe_participants SET name = COALESCE($3, name), sector = $4,
                     structure = $5, host_table = $6
                 WHERE id = $1 AND event_id = $2",
            )
            .bind(id)
            .bind(event_id)
            .bind(name)
            .bind(sector)
            .bind(structure)
            .bind(host_table)
            .execute(&mut *tx)
            .await?;
            if done.rows_affected() == 0 {
                return Err(StoreError::NotFound);
            }
            Ok(
                sqlx::query_as(&format!("{PARTICIPANT_SELECT} WHERE id = $1"))
                    .bind(id)
                    .fetch_one(&mut *tx)
                    .await?,
            )
        }
        .await;
        finish(tx, r).await
    }

    async fn cafe_remove_participant(&self, event_id: Uuid, id: Uuid) -> StoreResult<()> {
        let done = sqlx::query("DELETE FROM cafe_participants WHERE id = $1 AND event_id = $2")
            .bind(id)
            .bind(event_id)
            .execute(&self.pool)
            .await?;
        if done.rows_affected() == 0 {
            return Err(StoreError::NotFound);
        }
        Ok(())
    }

    async fn cafe_participants(&self, event_id: Uuid) -> StoreResult<Vec<Participant>> {
        Ok(sqlx::query_as(&format!(
            "{PARTICIPANT_SELECT} WHERE event_id = $1 ORDER BY name, id"
        ))
        .bind(event_id)
        .fetch_all(&self.pool)
        .await?)
    }

    async fn cafe_save_plan(
        &self,
        event_id: Uuid,
        seed: i64,
        seats: &[Seat],
        new_tokens: &[(i64, String)],
        at: DateTime<Utc>,
    ) -> StoreResult<Cafe> {
        let mut tx = self.pool.begin_with("BEGIN IMMEDIATE").await?;
        let r = async {
            let cafe = cafe_in(&mut tx, event_id)
                .await?
                .ok_or(StoreError::NotFound)?;
            sqlx::query("DELETE FROM cafe_seats WHERE event_id = $1")
                .bind(event_id)
                .execute(&mut *tx)
                .await?;
            let mut tables = 0;
            let mut seated = std::collections::HashSet::new();
            for s in seats {
                // Someone seated twice in a round is refused in words, not by the key.
                if s.round < 1
                    || s.round > cafe.row.rounds
                    || s.table_no < 1
                    || !seated.insert((s.round, s.participant_id))
                {
                    return Err(StoreError::Conflict(conflict::NOT_SEATED));
                }
                tables = tables.max(s.table_no);
                let done = sqlx::query(
                    "INSERT INTO cafe_seats (event_id, round, table_no, participant_id)
                     SELECT $1, $2, $3, id FROM cafe_participants WHERE id = $4 AND event_id = $1",
                )
                .bind(event_id)
                .bind(s.round)
                .bind(s.table_no)
                .bind(s.participant_id)
                .execute(&mut *tx)
                .await?;
                if done.rows_affected() == 0 {
                    return Err(StoreError::Conflict(conflict::NOT_SEATED));
                }
            }
            sqlx::query("DELETE FROM cafe_tables WHERE event_id = $1 AND table_no > $2")
                .bind(event_id)
                .bind(tables)
                .execute(&mut *tx)
                .await?;
            for (table, token) in new_tokens {
                if *table <= tables {
                    sqlx::query(
                        "INSERT INTO cafe_tables (event_id, table_no, token) VALUES ($1, $2, $3)
                         ON CONFLICT (event_id, table_no) DO NOTHING",
                    )
                    .bind(event_id)
                    .bind(table)
                    .bind(token)
                    .execute(&mut *tx)
                    .await?;
                }
            }
            sqlx::query("UPDATE cafes SET seed = $2, planned_at = $3 WHERE event_id = $1")
                .bind(event_id)
                .bind(seed)
                .bind(at)
                .execute(&mut *tx)
                .await?;
            cafe_in(&mut tx, event_id)
                .await?
                .ok_or(StoreError::NotFound)
        }
        .await;
        finish(tx, r).await
    }

    async fn cafe_seats(&self, event_id: Uuid) -> StoreResult<Vec<Seat>> {
        Ok(sqlx::query_as(
            "SELECT s.round, s.table_no, s.participant_id FROM cafe_seats s
                 JOIN cafe_participants p ON p.id = s.participant_id
             WHERE s.event_id = $1 ORDER BY s.round, s.table_no, p.name, p.id",
        )
        .bind(event_id)
        .fetch_all(&self.pool)
        .await?)
    }

    async fn cafe_move_seats(
        &self,
        event_id: Uuid,
        round: i64,
        moves: &[(Uuid, i64)],
    ) -> StoreResult<()> {
        let mut tx = self.pool.begin_with("BEGIN IMMEDIATE").await?;
        let r = async {
            let tables = tables_in(&mut tx, event_id).await?;
            for (participant, table) in moves {
                if *table < 1 || *table > tables {
                    return Err(StoreError::Conflict(conflict::NO_SUCH_TABLE));
                }
                let done = sqlx::query(
                    "UPDATE cafe_seats SET table_no = $4
                     WHERE event_id = $1 AND round = $2 AND participant_id = $3",
                )
                .bind(event_id)
                .bind(round)
                .bind(participant)
                .bind(table)
                .execute(&mut *tx)
                .await?;
                if done.rows_affected() == 0 {
                    return Err(StoreError::Conflict(conflict::NOT_SEATED));
                }
            }
            Ok(())
        }
        .await;
        finish(tx, r).await
    }

    async fn cafe_tables(&self, event_id: Uuid) -> StoreResult<Vec<(i64, String)>> {
        Ok(sqlx::query_as(
            "SELECT table_no, token FROM cafe_tables WHERE event_id = $1 ORDER BY table_no",
        )
        .bind(event_id)
        .fetch_all(&self.pool)
        .await?)
    }

    async fn cafe_set_live(
        &self,
        event_id: Uuid,
        expected_round: i64,
        round: i64,
        end: bool,
        at: DateTime<Utc>,
    ) -> StoreResult<Cafe> {
        let mut tx = self.pool.begin_with("BEGIN IMMEDIATE").await?;
        let r = async {
            let done = sqlx::query(
                "UPDATE cafes SET current_round = $3,
                     round_started_at = CASE WHEN $3 = current_round THEN round_started_at
                                             ELSE $4 END,
                     ended_at = CASE WHEN $5 THEN $4 ELSE NULL END,
                     updated_at = $4
                 WHERE event_id = $1 AND current_round = $2 AND ended_at IS NULL",
            )
            .bind(event_id)
            .bind(expected_round)
            .bind(round)
            .bind(at)
            .bind(end)
            .execute(&mut *tx)
            .await?;
            if done.rows_affected() == 0 {
                return Err(match cafe_in(&mut tx, event_id).await? {
                    None => StoreError::NotFound,
                    Some(_) => StoreError::Conflict(conflict::LIVE_MOVED),
                });
            }
            cafe_in(&mut tx, event_id)
                .await?
                .ok_or(StoreError::NotFound)
        }
        .await;
        finish(tx, r).await
    }

    async fn cafe_put_harvest(
        &self,
        event_id: Uuid,
        round: i64,
        table_no: i64,
        body: &str,
        by: Option<Uuid>,
        at: DateTime<Utc>,
    ) -> StoreResult<HarvestEntry> {
        let mut tx = self.pool.begin_with("BEGIN IMMEDIATE").await?;
        let r = async {
            // The last guard on the round (settings may have changed since the page checked);
            // the table is checked against the links by `web::cafe::write_harvest`.
            let rounds: i64 = sqlx::query_scalar("SELECT rounds FROM cafes WHERE event_id = $1")
                .bind(event_id)
                .fetch_optional(&mut *tx)
                .await?
                .ok_or(StoreError::NotFound)?;
            if round < 1 || round > rounds {
                return Err(StoreError::Conflict(conflict::NO_SUCH_ROUND));
            }
            if table_no < 1 {
                return Err(StoreError::Conflict(conflict::NO_SUCH_TABLE));
            }
            sqlx::query(
                "INSERT INTO cafe_harvest (event_id, round, table_no, body, written_by, updated_at)
                 VALUES ($1, $2, $3, $4, $5, $6)
                 ON CONFLICT (event_id, round, table_no) DO UPDATE SET body = $4,
                     written_by = $5, updated_at = $6",
            )
            .bind(event_id)
            .bind(round)
            .bind(table_no)
            .bind(body)
            .bind(by)
            .bind(at)
            .execute(&mut *tx)
            .await
            .map_err(on_write_error)?;
            Ok(sqlx::query_as(&format!(
                "{HARVEST_SELECT} WHERE event_id = $1 AND round = $2 AND table_no = $3"
            ))
            .bind(event_id)
            .bind(round)
            .bind(table_no)
            .fetch_one(&mut *tx)
            .await?)
        }
        .await;
        finish(tx, r).await
    }

    async fn cafe_harvest(&self, event_id: Uuid) -> StoreResult<Vec<HarvestEntry>> {
        Ok(sqlx::query_as(&format!(
            "{HARVEST_SELECT} WHERE event_id = $1 ORDER BY round, table_no"
        ))
        .bind(event_id)
        .fetch_all(&self.pool)
        .await?)
    }

    async fn cafe_publish_synthesis(
        &self,
        event_id: Uuid,
        published: bool,
        at: DateTime<Utc>,
    ) -> StoreResult<Cafe> {
        let mut tx = self.pool.begin_with("BEGIN IMMEDIATE").await?;
        let r = async {
            let done = sqlx::query(
                "UPDATE cafes SET published_at = CASE WHEN $2 THEN COALESCE(published_at, $3)
                                                       ELSE NULL END,
                     updated_at = $3
                 WHERE event_id = $1",
            )
            .bind(event_id)
            .bind(published)
            .bind(at)
            .execute(&mut *tx)
            .await?;
            if done.rows_affected() == 0 {
                return Err(StoreError::NotFound);
            }
            cafe_in(&mut tx, event_id)
                .await?
                .ok_or(StoreError::NotFound)
        }
        .await;
        finish(tx, r).await
    }

    async fn cafe_data_of(&self, person_id: Uuid) -> StoreResult<CafeData> {
        let participations: Vec<Participant> = sqlx::query_as(&format!(
            "{PARTICIPANT_SELECT} WHERE person_id = $1 ORDER BY created_at, id"
        ))
        .bind(person_id)
        .fetch_all(&self.pool)
        .await?;
        let mut out = vec![];
        for p in participations {
            let title: String = sqlx::query_scalar("SELECT title FROM events WHERE id = $1")
                .bind(p.event_id)
                .fetch_one(&self.pool)
                .await?;
            out.push((p, title));
        }
        let written: Vec<HarvestEntry> = sqlx::query_as(&format!(
            "{HARVEST_SELECT} WHERE written_by = $1 ORDER BY updated_at, event_id, round, table_no"
        ))
        .bind(person_id)
        .fetch_all(&self.pool)
        .await?;
        let mut harvest = vec![];
        for h in written {
            let title: String = sqlx::query_scalar("SELECT title FROM events WHERE id = $1")
                .bind(h.event_id)
                .fetch_one(&self.pool)
                .await?;
            harvest.push((h, title));
        }
        Ok((out, harvest))
    }
}
