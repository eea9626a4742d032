use crate::SqliteStore;
use essaim_store::blockers::{
    conflict, Blocker, BlockerFilter, BlockersData, Event, FactRow, Hacker, NewBlocker, NewEvent,
    NewHacker, BLOCKER_FILTER, BLOCKER_SELECT, EVENT_SELECT, HACKER_SELECT,
};
use essaim_store::{BlockersStore, Page, StoreError, StoreResult};
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

#[async_trait::async_trait]
impl BlockersStore for SqliteStore {
    async fn create_blocker(&self, new: &NewBlocker) -> StoreResult<Blocker> {
        let mut tx = self.pool.begin().await?;
        sqlx::query(
            "INSERT INTO blockers (id, reporter_id, structure_id, title, description,
                 administration, administration_key, since, tried, territory, departement, region,
                 theme, is_public, status, created_at, updated_at)
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, 'reported',
                 $15, $15)",
        )
        .bind(new.id)
        .bind(new.reporter_id)
        .bind(new.structure_id)
        .bind(&new.title)
        .bind(&new.description)
        .bind(&new.administration)
        .bind(&new.administration_key)
        .bind(&new.since)
        .bind(&new.tried)
        .bind(&new.territory)
        .bind(&new.departement)
        .bind(&new.region)
        .bind(&new.theme)
        .bind(new.public)
        .bind(new.created_at)
        .execute(&mut *tx)
        .await
        .map_err(on_write_error)?;
        for (position, person) in new.routed_to.iter().enumerate() {
            sqlx::query(
                "INSERT INTO blocker_hackers (blocker_id, person_id, position) VALUES ($1, $2, $3)",
            )
            .bind(new.id)
            .bind(person)
            .bind(position as i32)
            .execute(&mut *tx)
            .await
            .map_err(on_write_error)?;
        }
        let row: Blocker = sqlx::query_as(&format!("{BLOCKER_SELECT} WHERE b.id = $1"))
            .bind(new.id)
            .fetch_one(&mut *tx)
            .await?;
        tx.commit().await?;
        Ok(row)
    }

    async fn get_blocker(&self, id: Uuid) -> StoreResult<Option<Blocker>> {
        Ok(sqlx::query_as(&format!("{BLOCKER_SELECT} WHERE b.id = $1"))
            .bind(id)
            .fetch_optional(&self.pool)
            .await?)
    }

    async fn list_blockers(&self, f: &BlockerFilter, page: Page) -> StoreResult<Vec<Blocker>> {
        let sql = format!(
            "{BLOCKER_SELECT}{BLOCKER_FILTER} ORDER BY b.created_at DESC, b.id DESC LIMIT $4 OFFSET $5"
        );
        Ok(sqlx::query_as(&sql)
            .bind(f.everything)
            .bind(f.viewer)
            .bind(&f.status)
            .bind(page.limit)
            .bind(page.offset)
            .fetch_all(&self.pool)
            .await?)
    }

    async fn count_blockers(&self, f: &BlockerFilter) -> StoreResult<i64> {
        let sql = format!("SELECT COUNT(*) FROM blockers b{BLOCKER_FILTER}");
        Ok(sqlx::query_scalar(&sql)
            .bind(f.everything)
            .bind(f.viewer)
            .bind(&f.status)
            .fetch_one(&self.pool)
            .await?)
    }

    async fn public_blockers(&self) -> StoreResult<Vec<Blocker>> {
        let sql = format!("{BLOCKER_SELECT} WHERE b.is_public ORDER BY b.created_at, b.id");
        Ok(sqlx::query_as(&sql).fetch_all(&self.pool).await?)
    }

    async fn blocker_hackers(&self, id: Uuid) -> StoreResult<Vec<(Uuid, String, String)>> {
        Ok(sqlx::query_as(
            "SELECT p.id, p.display_name, p.email FROM blocker_hackers h
             JOIN people p ON p.id = h.person_id WHERE h.blocker_id = $1 ORDER BY h.position",
        )
        .bind(id)
        .fetch_all(&self.pool)
        .await?)
    }

    async fn route_blocker(&self, blocker: Uuid, person: Uuid) -> StoreResult<bool> {
        // The WHERE also settles SQLite's reading of ON CONFLICT after INSERT … SELECT.
        let done = sqlx::query(
            "INSERT INTO blocker_hackers (blocker_id, person_id, position)
             SELECT $1, $2, COALESCE(MAX(position), -1) + 1 FROM blocker_hackers
             WHERE blocker_id = $1
             ON CONFLICT (blocker_id, person_id) DO NOTHING",
        )
        .bind(blocker)
        .bind(person)
        .execute(&self.pool)
        .await
        .map_err(on_write_error)?;
        Ok(done.rows_affected() == 1)
    }

    async fn add_blocker_event(&self, e: &NewEvent) -> StoreResult<Event> {
        let mut tx = self.pool.begin().await?;
        insert_event(&mut tx, e).await?;
        let row = sqlx::query_as(&format!("{EVENT_SELECT} WHERE e.id = $1"))
            .bind(e.id)
            .fetch_one(&mut *tx)
            .await?;
        tx.commit().await?;
        Ok(row)
    }

    async fn change_blocker_status(&self, from: &str, e: &NewEvent) -> StoreResult<Blocker> {
        let mut tx = self.pool.begin().await?;
        let changed = sqlx::query(
            "UPDATE blockers SET status = $3, updated_at = $4,
                 unblocked_at = CASE WHEN $3 = 'unblocked' THEN $4 ELSE NULL END
             WHERE id = $1 AND status = $2",
        )
        .bind(e.blocker_id)
        .bind(from)
        .bind(&e.status)
        .bind(e.created_at)
        .execute(&mut *tx)
        .await?
        .rows_affected();
        if changed == 0 {
            let exists: Option<i32> = sqlx::query_scalar("SELECT 1 FROM blockers WHERE id = $1")
                .bind(e.blocker_id)
                .fetch_optional(&mut *tx)
                .await?;
            return Err(match exists {
                Some(_) => StoreError::Conflict(conflict::STATUS_CHANGED),
                None => StoreError::NotFound,
            });
        }
        insert_event(&mut tx, e).await?;
        let row: Blocker = sqlx::query_as(&format!("{BLOCKER_SELECT} WHERE b.id = $1"))
            .bind(e.blocker_id)
            .fetch_one(&mut *tx)
            .await?;
        tx.commit().await?;
        Ok(row)
    }

    async fn blocker_events(&self, id: Uuid) -> StoreResult<Vec<Event>> {
        Ok(sqlx::query_as(&format!(
            "{EVENT_SELECT} WHERE e.blocker_id = $1 ORDER BY e.created_at, e.id"
        ))
        .bind(id)
        .fetch_all(&self.pool)
        .await?)
    }

    async fn add_hacker(&self, h: &NewHacker) -> StoreResult<Hacker> {
        sqlx::query(
            "INSERT INTO public_hackers (id, person_id, territory, theme, created_by, created_at)
             VALUES ($1, $2, $3, $4, $5, $6)",
        )
        .bind(h.id)
        .bind(h.person_id)
        .bind(&h.territory)
        .bind(&h.theme)
        .bind(h.created_by)
        .bind(h.created_at)
        .execute(&self.pool)
        .await
        .map_err(on_write_error)?;
        Ok(sqlx::query_as(&format!("{HACKER_SELECT} WHERE h.id = $1"))
            .bind(h.id)
            .fetch_one(&self.pool)
            .await?)
    }

    async fn remove_hacker(&self, id: Uuid) -> StoreResult<()> {
        let n = sqlx::query("DELETE FROM public_hackers WHERE id = $1")
            .bind(id)
            .execute(&self.pool)
            .await?
            .rows_affected();
        if n == 0 {
            return Err(StoreError::NotFound);
        }
        Ok(())
    }

    async fn list_hackers(&self) -> StoreResult<Vec<Hacker>> {
        Ok(sqlx::query_as(&format!(
            "{HACKER_SELECT} ORDER BY h.territory, p.display_name, h.theme, h.id"
        ))
        .fetch_all(&self.pool)
        .await?)
    }

    async fn blockers_data_of(&self, person: Uuid) -> StoreResult<BlockersData> {
        Ok(BlockersData {
            reported: sqlx::query_as(&format!(
                "{BLOCKER_SELECT} WHERE b.reporter_id = $1 ORDER BY b.created_at, b.id"
            ))
            .bind(person)
            .fetch_all(&self.pool)
            .await?,
            events: sqlx::query_as(&format!(
                "{EVENT_SELECT} WHERE e.author_id = $1 ORDER BY e.created_at, e.id"
            ))
            .bind(person)
            .fetch_all(&self.pool)
            .await?,
            remits: sqlx::query_as(&format!(
                "{HACKER_SELECT} WHERE h.person_id = $1 ORDER BY h.created_at, h.id"
            ))
            .bind(person)
            .fetch_all(&self.pool)
            .await?,
        })
    }

    async fn blocker_facts(&self) -> StoreResult<Vec<FactRow>> {
        Ok(sqlx::query_as(
            "SELECT administration_key, administration, theme, departement, region, status,
                 created_at, unblocked_at, is_public FROM blockers ORDER BY created_at, id",
        )
        .fetch_all(&self.pool)
        .await?)
    }
}

async fn insert_event(
    tx: &mut sqlx::Transaction<'_, sqlx::Sqlite>,
    e: &NewEvent,
) -> StoreResult<()> {
    sqlx::query(
        "INSERT INTO blocker_events (id, blocker_id, author_id, status, body, created_at)
         VALUES ($1, $2, $3, $4, $5, $6)",
    )
    .bind(e.id)
    .bind(e.blocker_id)
    .bind(e.author_id)
    .bind(&e.status)
    .bind(&e.body)
    .bind(e.created_at)
    .execute(&mut **tx)
    .await
    .map_err(on_write_error)?;
    Ok(())
}
