//! The impact context on PostgreSQL. The SQL is the same as on SQLite (sqlite/src/impact.rs);
//! keep the two files alike.

use crate::PgStore;
use chrono::{DateTime, Utc};
use essaim_domain::impact::{format_date, parse_date, summarise, Point};
use essaim_store::impact::{
    conflict, plan_of, EntryYear, ImpactData, Indicator, IndicatorFilter, Measurement,
    MeasurementPatch, NewIndicator, NewMeasurement, NewPlanEntry, OpenMeasurement, PlanEntry,
    INDICATOR_SELECT, MEASUREMENT_SELECT, PLAN_ENTRY_SELECT,
};
use essaim_store::outcomes::CONTRACT_SELECT;
use essaim_store::{ImpactStore, Page, StoreError, StoreResult};
use sqlx::PgConnection;
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

/// Fills the challenges and publics of the indicators, from the side tables.
async fn with_sides(
    conn: &mut PgConnection,
    mut rows: Vec<Indicator>,
) -> StoreResult<Vec<Indicator>> {
    if rows.is_empty() {
        return Ok(rows);
    }
    // The side tables are small (a few rows per indicator): one read each beats a query per row.
    let challenges: Vec<(Uuid, String)> = sqlx::query_as(
        "SELECT indicator_id, challenge_code FROM impact_indicator_challenges
         ORDER BY challenge_code",
    )
    .fetch_all(&mut *conn)
    .await?;
    let publics: Vec<(Uuid, String)> =
        sqlx::query_as("SELECT indicator_id, public FROM impact_indicator_publics ORDER BY public")
            .fetch_all(&mut *conn)
            .await?;
    for row in &mut rows {
        row.challenges = challenges
            .iter()
            .filter(|(id, _)| *id == row.id)
            .map(|(_, c)| c.clone())
            .collect();
        row.publics = publics
            .iter()
            .filter(|(id, _)| *id == row.id)
            .map(|(_, p)| p.clone())
            .collect();
    }
    Ok(rows)
}

async fn indicator_in(conn: &mut PgConnection, id: Uuid) -> StoreResult<Option<Indicator>> {
    let rows: Vec<Indicator> = sqlx::query_as(&format!("{INDICATOR_SELECT} WHERE i.id = $1"))
        .bind(id)
        .fetch_all(&mut *conn)
        .await?;
    Ok(with_sides(conn, rows).await?.pop())
}

/// Writes the indicator and its side rows. With `skip_unknown`, challenges that do not exist
/// are left out (the shipped catalogue on a platform whose admins removed one).
async fn insert_indicator(
    conn: &mut PgConnection,
    new: &NewIndicator,
    skip_unknown: bool,
) -> StoreResult<()> {
    sqlx::query(
        "INSERT INTO impact_indicators (id, code, name_fr, name_en, definition_fr, definition_en,
             unit, value_type, direction, problem_fr, problem_en, calculation_notes,
             calculation_notes_en, framework_ref, counts_people, status, proposed_by,
             search_text, created_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18,
             $19)",
    )
    .bind(new.id)
    .bind(&new.code)
    .bind(&new.name_fr)
    .bind(&new.name_en)
    .bind(&new.definition_fr)
    .bind(&new.definition_en)
    .bind(&new.unit)
    .bind(&new.value_type)
    .bind(&new.direction)
    .bind(&new.problem_fr)
    .bind(&new.problem_en)
    .bind(&new.calculation_notes)
    .bind(&new.calculation_notes_en)
    .bind(&new.framework_ref)
    .bind(new.counts_people)
    .bind(&new.status)
    .bind(new.proposed_by)
    .bind(&new.search_text)
    .bind(new.created_at)
    .execute(&mut *conn)
    .await
    .map_err(on_write_error)?;
    for code in &new.challenges {
        let sql = if skip_unknown {
            "INSERT INTO impact_indicator_challenges (indicator_id, challenge_code)
             SELECT $1, code FROM challenges WHERE code = $2"
        } else {
            "INSERT INTO impact_indicator_challenges (indicator_id, challenge_code) VALUES ($1, $2)"
        };
        sqlx::query(sql)
            .bind(new.id)
            .bind(code)
            .execute(&mut *conn)
            .await
            .map_err(on_write_error)?;
    }
    for public in &new.publics {
        sqlx::query("INSERT INTO impact_indicator_publics (indicator_id, public) VALUES ($1, $2)")
            .bind(new.id)
            .bind(public)
            .execute(&mut *conn)
            .await
            .map_err(on_write_error)?;
    }
    Ok(())
}

/// Locks an entry's row until the end of the transaction: concurrent writes to its
/// measurements serialise, so that under READ COMMITTED the second refresh reads every
/// measurement, its own and the first's, instead of overwriting the state with a summary that
/// misses one. A transaction that inserts a measurement takes it before the insert, whose
/// foreign key check would otherwise hold a share lock on the row that two of them could not
/// both upgrade (a deadlock).
async fn lock_entry(conn: &mut PgConnection, entry_id: Uuid) -> StoreResult<()> {
    sqlx::query("SELECT 1 FROM impact_plan_entries WHERE id = $1 FOR UPDATE")
        .bind(entry_id)
        .execute(&mut *conn)
        .await?;
    Ok(())
}

/// Recomputes the entry's denormalised columns and yearly rows from its current measurements.
/// Runs inside the transaction of every measurement write.
async fn refresh_entry(conn: &mut PgConnection, entry_id: Uuid) -> StoreResult<()> {
    lock_entry(conn, entry_id).await?;
    let plan: Option<(String, f64, String, f64, String)> = sqlx::query_as(
        "SELECT i.direction, e.baseline_value, e.baseline_on, e.target_value, e.target_on
         FROM impact_plan_entries e JOIN impact_indicators i ON i.id = e.indicator_id
         WHERE e.id = $1",
    )
    .bind(entry_id)
    .fetch_optional(&mut *conn)
    .await?;
    let Some((direction, bv, bon, tv, ton)) = plan else {
        return Err(StoreError::NotFound);
    };
    let plan = plan_of(&direction, bv, &bon, tv, &ton)?;
    let rows: Vec<(f64, String, i32, Option<DateTime<Utc>>)> = sqlx::query_as(
        "SELECT value, period_end, evidence_level, verified_at FROM impact_measurements
         WHERE entry_id = $1 AND superseded_by IS NULL ORDER BY period_end, created_at, id",
    )
    .bind(entry_id)
    .fetch_all(&mut *conn)
    .await?;
    let mut points = Vec::with_capacity(rows.len());
    for (value, end, level, verified_at) in rows {
        points.push(Point {
            value,
            period_end: parse_date(&end)
                .map_err(|_| StoreError::Corrupt(format!("measurement date {end}")))?,
            evidence_level: level,
            verified: verified_at.is_some(),
        });
    }
    let s = summarise(&plan, &points);
    sqlx::query(
        "UPDATE impact_plan_entries SET latest_value = $2, latest_on = $3, latest_level = $4,
             measurement_count = $5, verified_count = $6, on_track = $7
         WHERE id = $1",
    )
    .bind(entry_id)
    .bind(s.latest_value)
    .bind(s.latest_on.map(format_date))
    .bind(s.latest_level)
    .bind(s.measurement_count)
    .bind(s.verified_count)
    .bind(s.on_track)
    .execute(&mut *conn)
    .await?;
    sqlx::query("DELETE FROM impact_entry_years WHERE entry_id = $1")
        .bind(entry_id)
        .execute(&mut *conn)
        .await?;
    for y in &s.years {
        sqlx::query(
            "INSERT INTO impact_entry_years (entry_id, year, value, evidence_level, on_track)
             VALUES ($1, $2, $3, $4, $5)",
        )
        .bind(entry_id)
        .bind(y.year)
        .bind(y.value)
        .bind(y.evidence_level)
        .bind(y.on_track)
        .execute(&mut *conn)
        .await?;
    }
    Ok(())
}

async fn insert_measurement(conn: &mut PgConnection, new: &NewMeasurement) -> StoreResult<()> {
    sqlx::query(
        "INSERT INTO impact_measurements (id, entry_id, value, period_start, period_end, source,
             method, evidence_level, created_by, created_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)",
    )
    .bind(new.id)
    .bind(new.entry_id)
    .bind(new.value)
    .bind(&new.period_start)
    .bind(&new.period_end)
    .bind(&new.source)
    .bind(&new.method)
    .bind(new.evidence_level)
    .bind(new.created_by)
    .bind(new.created_at)
    .execute(&mut *conn)
    .await
    .map_err(on_write_error)?;
    Ok(())
}

async fn measurement_in(conn: &mut PgConnection, id: Uuid) -> StoreResult<Option<Measurement>> {
    Ok(
        sqlx::query_as(&format!("{MEASUREMENT_SELECT} WHERE m.id = $1"))
            .bind(id)
            .fetch_optional(&mut *conn)
            .await?,
    )
}

/// Why a compare-and-set on a measurement changed nothing.
async fn why_unchanged(conn: &mut PgConnection, id: Uuid) -> StoreError {
    match measurement_in(conn, id).await {
        Ok(Some(m)) if m.superseded_by.is_some() => {
            StoreError::Conflict(conflict::MEASUREMENT_SUPERSEDED)
        }
        Ok(Some(m)) if m.verified_at.is_some() => {
            StoreError::Conflict(conflict::MEASUREMENT_VERIFIED)
        }
        Ok(_) => StoreError::NotFound,
        Err(e) => e,
    }
}

/// Ends, at once, a transaction that wrote before finding a conflict: dropped, it would keep its
/// locks until its connection is next used (on SQLite, a deferred transaction upgrading to write
/// meanwhile fails at once with "database is locked").
async fn refuse<T>(tx: sqlx::Transaction<'_, sqlx::Postgres>, e: StoreError) -> StoreResult<T> {
    tx.rollback().await?;
    Err(e)
}

#[async_trait::async_trait]
impl ImpactStore for PgStore {
    async fn seed_indicators(&self, indicators: &[NewIndicator]) -> StoreResult<usize> {
        let existing: Vec<(String,)> = sqlx::query_as("SELECT code FROM impact_indicators")
            .fetch_all(&self.pool)
            .await?;
        let missing: Vec<&NewIndicator> = indicators
            .iter()
            .filter(|i| !existing.iter().any(|(c,)| *c == i.code))
            .collect();
        if missing.is_empty() {
            return Ok(0);
        }
        let mut tx = self.pool.begin().await?;
        let mut inserted = 0;
        for new in missing {
            // Another process seeding at the same time: its row wins, ours is skipped.
            let taken: Option<(Uuid,)> =
                sqlx::query_as("SELECT id FROM impact_indicators WHERE code = $1")
                    .bind(&new.code)
                    .fetch_optional(&mut *tx)
                    .await?;
            if taken.is_none() {
                insert_indicator(&mut tx, new, true).await?;
                inserted += 1;
            }
        }
        tx.commit().await?;
        Ok(inserted)
    }

    async fn create_indicator(&self, new: &NewIndicator) -> StoreResult<Indicator> {
        let mut tx = self.pool.begin().await?;
        insert_indicator(&mut tx, new, false).await?;
        let row = indicator_in(&mut tx, new.id)
            .await?
            .ok_or(StoreError::NotFound)?;
        tx.commit().await?;
        Ok(row)
    }

    async fn indicator(&self, id: Uuid) -> StoreResult<Option<Indicator>> {
        let mut conn = self.pool.acquire().await?;
        indicator_in(&mut conn, id).await
    }

    async fn indicator_by_code(&self, code: &str) -> StoreResult<Option<Indicator>> {
        let mut conn = self.pool.acquire().await?;
        let rows: Vec<Indicator> = sqlx::query_as(&format!("{INDICATOR_SELECT} WHERE i.code = $1"))
            .bind(code)
            .fetch_all(&mut *conn)
            .await?;
        Ok(with_sides(&mut conn, rows).await?.pop())
    }

    async fn list_indicators(&self, f: &IndicatorFilter) -> StoreResult<Vec<Indicator>> {
        // Fixed placeholders: statuses as a comma-joined list, each word as a LIKE pattern.
        let mut sql = format!(
            "{INDICATOR_SELECT} WHERE ($1 = '' OR (',' || $1 || ',') LIKE ('%,' || i.status || ',%'))
             AND ($2 IS NULL OR EXISTS (SELECT 1 FROM impact_indicator_challenges c
                 WHERE c.indicator_id = i.id AND c.challenge_code = $2))
             AND ($3 IS NULL OR EXISTS (SELECT 1 FROM impact_indicator_publics p
                 WHERE p.indicator_id = i.id AND p.public = $3))
             AND ($4 IS NULL OR i.unit = $4)
             AND ($5 IS NULL OR i.proposed_by = $5)"
        );
        for n in 0..f.words.len() {
            sql.push_str(&format!(" AND i.search_text LIKE ${} ESCAPE '\\'", 6 + n));
        }
        sql.push_str(" ORDER BY i.name_fr, i.code LIMIT 1000");
        let mut q = sqlx::query_as::<_, Indicator>(&sql)
            .bind(f.statuses.join(","))
            .bind(&f.challenge)
            .bind(&f.public)
            .bind(&f.unit)
            .bind(f.proposed_by);
        for w in &f.words {
            // A word matches at a word start; LIKE wildcards in it are taken literally.
            let w = w
                .replace('\\', "\\\\")
                .replace('%', "\\%")
                .replace('_', "\\_");
            q = q.bind(format!("% {w}%"));
        }
        let mut conn = self.pool.acquire().await?;
        let rows = q.fetch_all(&mut *conn).await?;
        with_sides(&mut conn, rows).await
    }

    async fn decide_indicator(
        &self,
        id: Uuid,
        status: &str,
        by: Uuid,
        at: DateTime<Utc>,
    ) -> StoreResult<Indicator> {
        let mut tx = self.pool.begin().await?;
        let done = sqlx::query(
            "UPDATE impact_indicators SET status = $2, decided_by = $3, decided_at = $4
             WHERE id = $1 AND status = 'proposed'",
        )
        .bind(id)
        .bind(status)
        .bind(by)
        .bind(at)
        .execute(&mut *tx)
        .await
        .map_err(on_write_error)?;
        let row = indicator_in(&mut tx, id)
            .await?
            .ok_or(StoreError::NotFound)?;
        if done.rows_affected() == 0 {
            return refuse(tx, StoreError::Conflict(conflict::INDICATOR_DECIDED)).await;
        }
        tx.commit().await?;
        Ok(row)
    }

    async fn add_plan_entry(&self, new: &NewPlanEntry) -> StoreResult<PlanEntry> {
        let mut tx = self.pool.begin().await?;
        sqlx::query(
            "INSERT INTO impact_plan_entries (id, initiative_id, indicator_id, baseline_value,
                 baseline_on, target_value, target_on, created_by, created_at)
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)",
        )
        .bind(new.id)
        .bind(new.initiative_id)
        .bind(new.indicator_id)
        .bind(new.baseline_value)
        .bind(&new.baseline_on)
        .bind(new.target_value)
        .bind(&new.target_on)
        .bind(new.created_by)
        .bind(new.created_at)
        .execute(&mut *tx)
        .await
        .map_err(on_write_error)?;
        let row: PlanEntry = sqlx::query_as(&format!("{PLAN_ENTRY_SELECT} WHERE e.id = $1"))
            .bind(new.id)
            .fetch_one(&mut *tx)
            .await?;
        tx.commit().await?;
        Ok(row)
    }

    async fn plan_entry(&self, id: Uuid) -> StoreResult<Option<PlanEntry>> {
        Ok(
            sqlx::query_as(&format!("{PLAN_ENTRY_SELECT} WHERE e.id = $1"))
                .bind(id)
                .fetch_optional(&self.pool)
                .await?,
        )
    }

    async fn plan_entries(&self, initiative_id: Uuid) -> StoreResult<Vec<PlanEntry>> {
        Ok(sqlx::query_as(&format!(
            "{PLAN_ENTRY_SELECT} WHERE e.initiative_id = $1 ORDER BY e.created_at, e.id"
        ))
        .bind(initiative_id)
        .fetch_all(&self.pool)
        .await?)
    }

    async fn remove_plan_entry(&self, id: Uuid) -> StoreResult<bool> {
        let mut tx = self.pool.begin().await?;
        let (verified,): (i64,) = sqlx::query_as(
            "SELECT COUNT(*) FROM impact_measurements WHERE entry_id = $1
             AND verified_at IS NOT NULL",
        )
        .bind(id)
        .fetch_one(&mut *tx)
        .await?;
        if verified > 0 {
            return Err(StoreError::Conflict(conflict::ENTRY_HAS_VERIFIED));
        }
        let done = sqlx::query("DELETE FROM impact_plan_entries WHERE id = $1")
            .bind(id)
            .execute(&mut *tx)
            .await?;
        tx.commit().await?;
        Ok(done.rows_affected() > 0)
    }

    async fn entry_years(&self, entry_id: Uuid) -> StoreResult<Vec<EntryYear>> {
        Ok(sqlx::query_as(
            "SELECT entry_id, year, value, evidence_level, on_track FROM impact_entry_years
             WHERE entry_id = $1 ORDER BY year",
        )
        .bind(entry_id)
        .fetch_all(&self.pool)
        .await?)
    }

    async fn add_measurement(&self, new: &NewMeasurement) -> StoreResult<Measurement> {
        let mut tx = self.pool.begin().await?;
        lock_entry(&mut tx, new.entry_id).await?;
        insert_measurement(&mut tx, new).await?;
        refresh_entry(&mut tx, new.entry_id).await?;
        let row = measurement_in(&mut tx, new.id)
            .await?
            .ok_or(StoreError::NotFound)?;
        tx.commit().await?;
        Ok(row)
    }

    async fn measurement(&self, id: Uuid) -> StoreResult<Option<Measurement>> {
        let mut conn = self.pool.acquire().await?;
        measurement_in(&mut conn, id).await
    }

    async fn measurements(&self, entry_id: Uuid) -> StoreResult<Vec<Measurement>> {
        Ok(sqlx::query_as(&format!(
            "{MEASUREMENT_SELECT} WHERE m.entry_id = $1
             ORDER BY m.period_end, m.created_at, m.id"
        ))
        .bind(entry_id)
        .fetch_all(&self.pool)
        .await?)
    }

    async fn edit_measurement(&self, id: Uuid, p: &MeasurementPatch) -> StoreResult<Measurement> {
        let mut tx = self.pool.begin().await?;
        let done = sqlx::query(
            "UPDATE impact_measurements SET value = $2, period_start = $3, period_end = $4,
                 source = $5, method = $6, evidence_level = $7
             WHERE id = $1 AND verified_at IS NULL AND superseded_by IS NULL",
        )
        .bind(id)
        .bind(p.value)
        .bind(&p.period_start)
        .bind(&p.period_end)
        .bind(&p.source)
        .bind(&p.method)
        .bind(p.evidence_level)
        .execute(&mut *tx)
        .await
        .map_err(on_write_error)?;
        if done.rows_affected() == 0 {
            let e = why_unchanged(&mut tx, id).await;
            return refuse(tx, e).await;
        }
        let row = measurement_in(&mut tx, id)
            .await?
            .ok_or(StoreError::NotFound)?;
        refresh_entry(&mut tx, row.entry_id).await?;
        tx.commit().await?;
        Ok(row)
    }

    async fn supersede_measurement(
        &self,
        old: Uuid,
        new: &NewMeasurement,
    ) -> StoreResult<Measurement> {
        let mut tx = self.pool.begin().await?;
        let Some(previous) = measurement_in(&mut tx, old).await? else {
            return Err(StoreError::NotFound);
        };
        if previous.entry_id != new.entry_id {
            return Err(StoreError::NotFound);
        }
        lock_entry(&mut tx, new.entry_id).await?;
        insert_measurement(&mut tx, new).await?;
        let done = sqlx::query(
            "UPDATE impact_measurements SET superseded_by = $2
             WHERE id = $1 AND superseded_by IS NULL",
        )
        .bind(old)
        .bind(new.id)
        .execute(&mut *tx)
        .await?;
        if done.rows_affected() == 0 {
            return refuse(tx, StoreError::Conflict(conflict::MEASUREMENT_SUPERSEDED)).await;
        }
        refresh_entry(&mut tx, new.entry_id).await?;
        let row = measurement_in(&mut tx, new.id)
            .await?
            .ok_or(StoreError::NotFound)?;
        tx.commit().await?;
        Ok(row)
    }

    async fn verify_measurement(
        &self,
        id: Uuid,
        by: Uuid,
        at: DateTime<Utc>,
        note: &str,
    ) -> StoreResult<Measurement> {
        let mut tx = self.pool.begin().await?;
        let done = sqlx::query(
            "UPDATE impact_measurements SET verified_at = $2, verified_by = $3,
                 verification_note = $4
             WHERE id = $1 AND verified_at IS NULL AND superseded_by IS NULL",
        )
        .bind(id)
        .bind(at)
        .bind(by)
        .bind(note)
        .execute(&mut *tx)
        .await
        .map_err(on_write_error)?;
        if done.rows_affected() == 0 {
            let e = why_unchanged(&mut tx, id).await;
            return refuse(tx, e).await;
        }
        let row = measurement_in(&mut tx, id)
            .await?
            .ok_or(StoreError::NotFound)?;
        refresh_entry(&mut tx, row.entry_id).await?;
        tx.commit().await?;
        Ok(row)
    }

    async fn open_measurements(&self, page: Page) -> StoreResult<Vec<OpenMeasurement>> {
        Ok(sqlx::query_as(
            "SELECT m.id, e.initiative_id, i.code AS indicator_code, i.unit, m.value,
                 m.period_start, m.period_end, m.source, m.method, m.evidence_level,
                 m.verified_at, m.superseded_by, e.baseline_value, e.baseline_on,
                 e.target_value, e.target_on
             FROM impact_measurements m
             JOIN impact_plan_entries e ON e.id = m.entry_id
             JOIN impact_indicators i ON i.id = e.indicator_id
             JOIN initiatives n ON n.id = e.initiative_id
             WHERE n.status = 'published'
             ORDER BY m.created_at, m.id LIMIT $1 OFFSET $2",
        )
        .bind(page.limit)
        .bind(page.offset)
        .fetch_all(&self.pool)
        .await?)
    }

    async fn impact_data_of(&self, person_id: Uuid) -> StoreResult<ImpactData> {
        let indicators = self
            .list_indicators(&IndicatorFilter {
                proposed_by: Some(person_id),
                ..Default::default()
            })
            .await?;
        let plan_entries = sqlx::query_as(&format!(
            "{PLAN_ENTRY_SELECT} WHERE e.created_by = $1 ORDER BY e.created_at, e.id"
        ))
        .bind(person_id)
        .fetch_all(&self.pool)
        .await?;
        let measurements = sqlx::query_as(&format!(
            "{MEASUREMENT_SELECT} WHERE m.created_by = $1 ORDER BY m.created_at, m.id"
        ))
        .bind(person_id)
        .fetch_all(&self.pool)
        .await?;
        let verifications = sqlx::query_as(&format!(
            "{MEASUREMENT_SELECT} WHERE m.verified_by = $1 ORDER BY m.verified_at, m.id"
        ))
        .bind(person_id)
        .fetch_all(&self.pool)
        .await?;
        let contracts = sqlx::query_as(&format!(
            "{CONTRACT_SELECT} WHERE c.proposed_by = $1 OR c.signed_by = $1 OR c.ended_by = $1
             ORDER BY c.created_at, c.id"
        ))
        .bind(person_id)
        .fetch_all(&self.pool)
        .await?;
        Ok(ImpactData {
            indicators,
            plan_entries,
            measurements,
            verifications,
            assessments: essaim_store::AssessmentStore::assessments_by(self, person_id).await?,
            contracts,
        })
    }
}

/// Seeds the shipped indicator catalogue; run by `PgStore::migrate` after the migrations.
pub(crate) async fn seed_catalogue(store: &PgStore) -> StoreResult<usize> {
    store
        .seed_indicators(&essaim_store::impact::shipped_indicators(Utc::now()))
        .await
}
