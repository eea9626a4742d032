use crate::SqliteStore;
use chrono::{DateTime, Utc};
use essaim_store::sortition::{
    conflict, erasure_due_at, json_text, Draw, DrawRow, NewDraw, NewPanel, NewVolunteer, Panel,
    PanelFields, PanelRow, PanelSummary, Value, Volunteer, VolunteerRow, DRAW_COLUMNS,
    PANEL_COLUMNS, PANEL_SUMMARY_SELECT, VOLUNTEER_COLUMNS,
};
use essaim_store::{Page, SortitionStore, StoreError, StoreResult};
use sqlx::{QueryBuilder, Sqlite, SqliteConnection};
use uuid::Uuid;

/// Bound values per statement: under SQLite's limit of 32,766.
const MAX_BINDS: usize = 30_000;
/// Values bound per imported volunteer.
const VOLUNTEER_BINDS: usize = 10;

/// Takes the panel's write lock (its first write, so that concurrent writers queue on the busy
/// timeout, as in `deliberation`), advances its pool generation, clears its selection and
/// reserves `numbers` volunteer numbers. Returns the last number reserved and whether the pool
/// was erased. `NotFound` when there is no panel.
async fn change_pool(
    conn: &mut SqliteConnection,
    panel_id: Uuid,
    numbers: i32,
) -> StoreResult<(i32, bool)> {
    let changed: Option<(i32, bool)> = sqlx::query_as(
        "UPDATE sortition_panels SET pool_generation = pool_generation + 1,
             last_number = last_number + $2, selection = NULL, selection_at = NULL
         WHERE id = $1 RETURNING last_number, pool_erased_at IS NOT NULL",
    )
    .bind(panel_id)
    .bind(numbers)
    .fetch_optional(&mut *conn)
    .await?;
    changed.ok_or(StoreError::NotFound)
}

/// A person or an e-mail already registered is `AlreadyExists`; a missing person `NotFound`.
/// SQLite names the columns of a unique constraint, and an expression index by its name.
fn on_volunteer_error(err: sqlx::Error) -> StoreError {
    if let sqlx::Error::Database(db) = &err {
        if db.is_unique_violation()
            && (db.message().contains("sortition_volunteers.person_id")
                || db.message().contains("sortition_volunteers_email_key"))
        {
            return StoreError::AlreadyExists;
        }
        if db.is_foreign_key_violation() {
            return StoreError::NotFound;
        }
    }
    StoreError::Database(err)
}

fn on_foreign_key(err: sqlx::Error) -> StoreError {
    match &err {
        sqlx::Error::Database(db) if db.is_foreign_key_violation() => StoreError::NotFound,
        _ => StoreError::Database(err),
    }
}

/// Sets `status` on the panel's volunteers numbered `numbers` that are in one of `from`;
/// `DRAW_MISMATCH` unless every number was one of them (numbers are distinct: `check_distinct`).
async fn move_volunteers(
    conn: &mut SqliteConnection,
    panel_id: Uuid,
    numbers: &[i32],
    from: &[&str],
    status: &str,
) -> StoreResult<()> {
    if numbers.is_empty() {
        return Ok(());
    }
    let mut qb = QueryBuilder::<Sqlite>::new("UPDATE sortition_volunteers SET status = ");
    qb.push_bind(status)
        .push(" WHERE panel_id = ")
        .push_bind(panel_id)
        .push(" AND status IN (");
    let mut separated = qb.separated(", ");
    for s in from {
        separated.push_bind(*s);
    }
    qb.push(") AND number IN (");
    let mut separated = qb.separated(", ");
    for n in numbers {
        separated.push_bind(*n);
    }
    qb.push(")");
    let moved = qb.build().execute(&mut *conn).await?.rows_affected();
    if moved == numbers.len() as u64 {
        Ok(())
    } else {
        Err(StoreError::Conflict(conflict::DRAW_MISMATCH))
    }
}

#[async_trait::async_trait]
impl SortitionStore for SqliteStore {
    async fn create_panel(&self, panel: &NewPanel) -> StoreResult<Panel> {
        let f = &panel.fields;
        let sql = format!(
            "INSERT INTO sortition_panels (id, structure_id, created_by, title, purpose, panel_size,
                 one_per_household, categories, registration_closes_at, erase_after_days,
                 created_at, updated_at)
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $11)
             RETURNING {PANEL_COLUMNS}"
        );
        let row: PanelRow = sqlx::query_as(&sql)
            .bind(Uuid::now_v7())
            .bind(panel.structure_id)
            .bind(panel.created_by)
            .bind(&f.title)
            .bind(&f.purpose)
            .bind(f.panel_size)
            .bind(f.one_per_household)
            .bind(json_text(&f.categories))
            .bind(f.registration_closes_at)
            .bind(f.erase_after_days)
            .bind(panel.created_at)
            .fetch_one(&self.pool)
            .await
            .map_err(on_foreign_key)?;
        row.try_into()
    }

    async fn update_panel(
        &self,
        id: Uuid,
        f: &PanelFields,
        now: DateTime<Utc>,
    ) -> StoreResult<Panel> {
        let sql = format!(
            "UPDATE sortition_panels SET title = $2, purpose = $3, panel_size = $4,
                 one_per_household = $5, categories = $6, registration_closes_at = $7,
                 erase_after_days = $8, selection = NULL, selection_at = NULL, updated_at = $9
             WHERE id = $1 RETURNING {PANEL_COLUMNS}"
        );
        let row: Option<PanelRow> = sqlx::query_as(&sql)
            .bind(id)
            .bind(&f.title)
            .bind(&f.purpose)
            .bind(f.panel_size)
            .bind(f.one_per_household)
            .bind(json_text(&f.categories))
            .bind(f.registration_closes_at)
            .bind(f.erase_after_days)
            .bind(now)
            .fetch_optional(&self.pool)
            .await?;
        row.ok_or(StoreError::NotFound)?.try_into()
    }

    async fn get_panel(&self, id: Uuid) -> StoreResult<Option<Panel>> {
        let sql = format!("SELECT {PANEL_COLUMNS} FROM sortition_panels WHERE id = $1");
        let row: Option<PanelRow> = sqlx::query_as(&sql)
            .bind(id)
            .fetch_optional(&self.pool)
            .await?;
        row.map(Panel::try_from).transpose()
    }

    async fn list_panels(&self, page: Page) -> StoreResult<Vec<PanelSummary>> {
        let sql = format!(
            "{PANEL_SUMMARY_SELECT} ORDER BY p.created_at DESC, p.id DESC LIMIT $1 OFFSET $2"
        );
        Ok(sqlx::query_as(&sql)
            .bind(page.limit)
            .bind(page.offset)
            .fetch_all(&self.pool)
            .await?)
    }

    async fn count_panels(&self) -> StoreResult<i64> {
        Ok(sqlx::query_scalar("SELECT COUNT(*) FROM sortition_panels")
            .fetch_one(&self.pool)
            .await?)
    }

    async fn count_volunteers(&self, panel_id: Uuid) -> StoreResult<i64> {
        Ok(
            sqlx::query_scalar("SELECT COUNT(*) FROM sortition_volunteers WHERE panel_id = $1")
                .bind(panel_id)
                .fetch_one(&self.pool)
                .await?,
        )
    }

    async fn add_volunteer(&self, panel_id: Uuid, v: &NewVolunteer) -> StoreResult<Volunteer> {
        let mut tx = self.pool.begin().await?;
        let (number, erased) = change_pool(&mut tx, panel_id, 1).await?;
        if erased {
            return Err(StoreError::Conflict(conflict::POOL_ERASED));
        }
        let sql = format!(
            "INSERT INTO sortition_volunteers (id, panel_id, number, person_id, name, email,
                 household, features, source, status, created_at)
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, 'pool', $10)
             RETURNING {VOLUNTEER_COLUMNS}"
        );
        let row: VolunteerRow = sqlx::query_as(&sql)
            .bind(Uuid::now_v7())
            .bind(panel_id)
            .bind(number)
            .bind(v.person_id)
            .bind(&v.name)
            .bind(&v.email)
            .bind(&v.household)
            .bind(json_text(&v.features))
            .bind(&v.source)
            .bind(v.created_at)
            .fetch_one(&mut *tx)
            .await
            .map_err(on_volunteer_error)?;
        tx.commit().await?;
        row.try_into()
    }

    async fn import_volunteers(
        &self,
        panel_id: Uuid,
        volunteers: &[NewVolunteer],
    ) -> StoreResult<u64> {
        if volunteers.is_empty() {
            // Nothing changes: the selection stays.
            return match self.get_panel(panel_id).await? {
                Some(_) => Ok(0),
                None => Err(StoreError::NotFound),
            };
        }
        let count = i32::try_from(volunteers.len())
            .map_err(|_| StoreError::Corrupt("too many volunteers".into()))?;
        let mut tx = self.pool.begin().await?;
        let (last, erased) = change_pool(&mut tx, panel_id, count).await?;
        if erased {
            return Err(StoreError::Conflict(conflict::POOL_ERASED));
        }
        let mut number = last - count;
        let mut imported = 0;
        for chunk in volunteers.chunks(MAX_BINDS / VOLUNTEER_BINDS) {
            let mut qb = QueryBuilder::<Sqlite>::new(
                "INSERT INTO sortition_volunteers (id, panel_id, number, person_id, name, email,
                     household, features, source, created_at) ",
            );
            qb.push_values(chunk, |mut b, v| {
                number += 1;
                b.push_bind(Uuid::now_v7())
                    .push_bind(panel_id)
                    .push_bind(number)
                    .push_bind(v.person_id)
                    .push_bind(&v.name)
                    .push_bind(&v.email)
                    .push_bind(&v.household)
                    .push_bind(json_text(&v.features))
                    .push_bind(&v.source)
                    .push_bind(v.created_at);
            });
            imported += qb
                .build()
                .execute(&mut *tx)
                .await
                .map_err(on_volunteer_error)?
                .rows_affected();
        }
        tx.commit().await?;
        Ok(imported)
    }

    async fn list_volunteers(&self, panel_id: Uuid) -> StoreResult<Vec<Volunteer>> {
        let sql = format!(
            "SELECT {VOLUNTEER_COLUMNS} FROM sortition_volunteers WHERE panel_id = $1
             ORDER BY number"
        );
        let rows: Vec<VolunteerRow> = sqlx::query_as(&sql)
            .bind(panel_id)
            .fetch_all(&self.pool)
            .await?;
        rows.into_iter().map(Volunteer::try_from).collect()
    }

    async fn volunteer_for_person(
        &self,
        panel_id: Uuid,
        person_id: Uuid,
    ) -> StoreResult<Option<Volunteer>> {
        let sql = format!(
            "SELECT {VOLUNTEER_COLUMNS} FROM sortition_volunteers
             WHERE panel_id = $1 AND person_id = $2"
        );
        let row: Option<VolunteerRow> = sqlx::query_as(&sql)
            .bind(panel_id)
            .bind(person_id)
            .fetch_optional(&self.pool)
            .await?;
        row.map(Volunteer::try_from).transpose()
    }

    async fn remove_volunteer(&self, panel_id: Uuid, volunteer_id: Uuid) -> StoreResult<()> {
        let mut tx = self.pool.begin().await?;
        change_pool(&mut tx, panel_id, 0).await?;
        let removed = sqlx::query(
            "DELETE FROM sortition_volunteers WHERE id = $2 AND panel_id = $1 AND status = 'pool'",
        )
        .bind(panel_id)
        .bind(volunteer_id)
        .execute(&mut *tx)
        .await?
        .rows_affected();
        if removed == 0 {
            let status: Option<String> = sqlx::query_scalar(
                "SELECT status FROM sortition_volunteers WHERE id = $2 AND panel_id = $1",
            )
            .bind(panel_id)
            .bind(volunteer_id)
            .fetch_optional(&mut *tx)
            .await?;
            // The transaction is dropped: the selection stays.
            return Err(match status {
                None => StoreError::NotFound,
                Some(_) => StoreError::Conflict(conflict::NOT_IN_POOL),
            });
        }
        tx.commit().await?;
        Ok(())
    }

    async fn save_selection(
        &self,
        panel_id: Uuid,
        selection: &Value,
        pool_generation: i64,
        at: DateTime<Utc>,
    ) -> StoreResult<()> {
        let saved = sqlx::query(
            "UPDATE sortition_panels SET selection = $2, selection_at = $3
             WHERE id = $1 AND formed_at IS NULL AND pool_generation = $4",
        )
        .bind(panel_id)
        .bind(json_text(selection))
        .bind(at)
        .bind(pool_generation)
        .execute(&self.pool)
        .await?
        .rows_affected();
        if saved == 1 {
            return Ok(());
        }
        let state: Option<(bool, i64)> = sqlx::query_as(
            "SELECT formed_at IS NOT NULL, pool_generation FROM sortition_panels WHERE id = $1",
        )
        .bind(panel_id)
        .fetch_optional(&self.pool)
        .await?;
        Err(match state {
            None => StoreError::NotFound,
            Some((true, _)) => StoreError::Conflict(conflict::PANEL_FORMED),
            Some((false, _)) => StoreError::Conflict(conflict::POOL_CHANGED),
        })
    }

    async fn record_draw(&self, draw: &NewDraw) -> StoreResult<Draw> {
        draw.check_distinct()?;
        let mut tx = self.pool.begin().await?;
        // The write lock first: the round read next cannot be taken by another draw.
        let locked = sqlx::query(
            "UPDATE sortition_panels SET pool_generation = pool_generation + 1 WHERE id = $1",
        )
        .bind(draw.panel_id)
        .execute(&mut *tx)
        .await?
        .rows_affected();
        if locked == 0 {
            return Err(StoreError::NotFound);
        }
        let next: i32 = sqlx::query_scalar(
            "SELECT COALESCE(MAX(round) + 1, 0) FROM sortition_draws WHERE panel_id = $1",
        )
        .bind(draw.panel_id)
        .fetch_one(&mut *tx)
        .await?;
        if draw.round != next {
            return Err(StoreError::Conflict(conflict::DRAW_OUT_OF_ORDER));
        }
        move_volunteers(
            &mut tx,
            draw.panel_id,
            &draw.declined,
            &["selected", "declined"],
            "declined",
        )
        .await?;
        move_volunteers(
            &mut tx,
            draw.panel_id,
            &draw.selected,
            &["pool"],
            "selected",
        )
        .await?;
        let sql = format!(
            "INSERT INTO sortition_draws (panel_id, round, seed, fingerprint, inputs, selected,
                 declined, created_by, created_at)
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) RETURNING {DRAW_COLUMNS}"
        );
        let row: DrawRow = sqlx::query_as(&sql)
            .bind(draw.panel_id)
            .bind(draw.round)
            .bind(&draw.seed)
            .bind(&draw.fingerprint)
            .bind(json_text(&draw.inputs))
            .bind(json_text(&draw.selected))
            .bind(json_text(&draw.declined))
            .bind(draw.created_by)
            .bind(draw.created_at)
            .fetch_one(&mut *tx)
            .await
            .map_err(on_foreign_key)?;
        if draw.round == 0 {
            sqlx::query("UPDATE sortition_panels SET formed_at = $2 WHERE id = $1")
                .bind(draw.panel_id)
                .bind(draw.created_at)
                .execute(&mut *tx)
                .await?;
        }
        tx.commit().await?;
        row.try_into()
    }

    async fn list_draws(&self, panel_id: Uuid) -> StoreResult<Vec<Draw>> {
        let sql = format!(
            "SELECT {DRAW_COLUMNS} FROM sortition_draws WHERE panel_id = $1 ORDER BY round"
        );
        let rows: Vec<DrawRow> = sqlx::query_as(&sql)
            .bind(panel_id)
            .fetch_all(&self.pool)
            .await?;
        rows.into_iter().map(Draw::try_from).collect()
    }

    async fn panels_due_for_erasure(&self, now: DateTime<Utc>) -> StoreResult<Vec<Uuid>> {
        // SQLite's date functions keep milliseconds only: the due time is computed in Rust,
        // over the few panels formed and not yet erased.
        let formed: Vec<(Uuid, DateTime<Utc>, i32)> = sqlx::query_as(
            "SELECT id, formed_at, erase_after_days FROM sortition_panels
             WHERE formed_at IS NOT NULL AND pool_erased_at IS NULL ORDER BY formed_at, id",
        )
        .fetch_all(&self.pool)
        .await?;
        Ok(formed
            .into_iter()
            .filter(|(_, formed_at, days)| {
                erasure_due_at(*formed_at, *days).is_some_and(|due| due <= now)
            })
            .map(|(id, _, _)| id)
            .collect())
    }

    async fn erase_pool(&self, panel_id: Uuid, now: DateTime<Utc>) -> StoreResult<u64> {
        let mut tx = self.pool.begin().await?;
        let formed = sqlx::query(
            "UPDATE sortition_panels SET pool_generation = pool_generation + 1,
                 pool_erased_at = COALESCE(pool_erased_at, $2), selection = NULL,
                 selection_at = NULL
             WHERE id = $1 AND formed_at IS NOT NULL",
        )
        .bind(panel_id)
        .bind(now)
        .execute(&mut *tx)
        .await?
        .rows_affected();
        if formed == 0 {
            let exists: Option<i32> =
                sqlx::query_scalar("SELECT 1 FROM sortition_panels WHERE id = $1")
                    .bind(panel_id)
                    .fetch_optional(&mut *tx)
                    .await?;
            return Err(match exists {
                None => StoreError::NotFound,
                Some(_) => StoreError::Conflict(conflict::PANEL_NOT_FORMED),
            });
        }
        let erased = sqlx::query(
            "DELETE FROM sortition_volunteers
             WHERE panel_id = $1 AND status IN ('pool', 'declined')",
        )
        .bind(panel_id)
        .execute(&mut *tx)
        .await?
        .rows_affected();
        tx.commit().await?;
        Ok(erased)
    }
}
