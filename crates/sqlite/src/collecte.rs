use crate::finish;
use crate::SqliteStore;
use chrono::{DateTime, Utc};
use essaim_store::collecte::{
    conflict, Collecte, CollecteData, CollecteStore, Item, ItemFields, NewItem, Provenance,
    COLLECTE_SELECT, ITEM_SELECT,
};
use essaim_store::{StoreError, StoreResult};
use sqlx::{Sqlite, Transaction};
use uuid::Uuid;

async fn collecte_in(tx: &mut Transaction<'_, Sqlite>, id: Uuid) -> StoreResult<Option<Collecte>> {
    Ok(
        sqlx::query_as(&format!("{COLLECTE_SELECT} WHERE c.id = $1"))
            .bind(id)
            .fetch_optional(&mut **tx)
            .await?,
    )
}

async fn item_in(tx: &mut Transaction<'_, Sqlite>, id: Uuid) -> StoreResult<Option<Item>> {
    Ok(sqlx::query_as(&format!("{ITEM_SELECT} WHERE i.id = $1"))
        .bind(id)
        .fetch_optional(&mut **tx)
        .await?)
}

/// Bumps the collection's revision and returns it: the first write of every change, so the
/// transaction holds the write lock from there on. `open_only`: refuse a closed collection.
async fn bump(
    tx: &mut Transaction<'_, Sqlite>,
    collecte_id: Uuid,
    open_only: bool,
) -> StoreResult<i64> {
    // One statement: the status read is the one under the lock just taken.
    let row: Option<(i64, String)> = sqlx::query_as(
        "UPDATE collectes SET revision = revision + 1 WHERE id = $1 RETURNING revision, status",
    )
    .bind(collecte_id)
    .fetch_optional(&mut **tx)
    .await?;
    match row {
        None => Err(StoreError::NotFound),
        Some((_, status)) if open_only && status != "open" => {
            Err(StoreError::Conflict(conflict::CLOSED))
        }
        Some((revision, _)) => Ok(revision),
    }
}

/// Moves an active item to `status` (compare-and-set), with the columns `set` names.
async fn leave_active(
    tx: &mut Transaction<'_, Sqlite>,
    item_id: Uuid,
    status: &str,
    merged_into: Option<Uuid>,
    initiative_id: Option<Uuid>,
    at: DateTime<Utc>,
) -> StoreResult<Item> {
    let item = item_in(tx, item_id).await?.ok_or(StoreError::NotFound)?;
    let revision = bump(tx, item.collecte_id, false).await?;
    let done = sqlx::query(
        "UPDATE collecte_items SET status = $2, merged_into = $3, initiative_id = $4,
             updated_at = $5, revision = $6
         WHERE id = $1 AND status = 'active'",
    )
    .bind(item_id)
    .bind(status)
    .bind(merged_into)
    .bind(initiative_id)
    .bind(at)
    .bind(revision)
    .execute(&mut **tx)
    .await
    .map_err(on_write_error)?;
    if done.rows_affected() == 0 {
        return Err(StoreError::Conflict(conflict::NOT_ACTIVE));
    }
    item_in(tx, item_id).await?.ok_or(StoreError::NotFound)
}

fn on_write_error(e: sqlx::Error) -> StoreError {
    match &e {
        sqlx::Error::Database(db) if db.is_foreign_key_violation() => StoreError::NotFound,
        _ => StoreError::Database(e),
    }
}

#[async_trait::async_trait]
impl CollecteStore for SqliteStore {
    async fn open_collecte(
        &self,
        id: Uuid,
        event_id: Uuid,
        code: &str,
        opened_by: Uuid,
        at: DateTime<Utc>,
    ) -> StoreResult<Collecte> {
        let mut tx = self.pool.begin_with("BEGIN IMMEDIATE").await?;
        let r = async {
            let exists: Option<Uuid> =
                sqlx::query_scalar("SELECT id FROM collectes WHERE event_id = $1")
                    .bind(event_id)
                    .fetch_optional(&mut *tx)
                    .await?;
            if exists.is_some() {
                return Err(StoreError::Conflict(conflict::ALREADY_OPENED));
            }
            sqlx::query(
                "INSERT INTO collectes (id, event_id, code, status, opened_by, opened_at)
                 VALUES ($1, $2, $3, 'open', $4, $5)",
            )
            .bind(id)
            .bind(event_id)
            .bind(code)
            .bind(opened_by)
            .bind(at)
            .execute(&mut *tx)
            .await
            .map_err(|e| match &e {
                sqlx::Error::Database(db) if db.is_unique_violation() => {
                    StoreError::Conflict(conflict::CODE_TAKEN)
                }
                _ => on_write_error(e),
            })?;
            collecte_in(&mut tx, id).await?.ok_or(StoreError::NotFound)
        }
        .await;
        finish(tx, r).await
    }

    async fn collecte(&self, id: Uuid) -> StoreResult<Option<Collecte>> {
        Ok(
            sqlx::query_as(&format!("{COLLECTE_SELECT} WHERE c.id = $1"))
                .bind(id)
                .fetch_optional(&self.pool)
                .await?,
        )
    }

    async fn collecte_of_event(&self, event_id: Uuid) -> StoreResult<Option<Collecte>> {
        Ok(
            sqlx::query_as(&format!("{COLLECTE_SELECT} WHERE c.event_id = $1"))
                .bind(event_id)
                .fetch_optional(&self.pool)
                .await?,
        )
    }

    async fn collecte_by_code(&self, code: &str) -> StoreResult<Option<Collecte>> {
        Ok(sqlx::query_as(&format!(
            "{COLLECTE_SELECT} WHERE c.code = $1
             ORDER BY CASE WHEN c.status = 'open' THEN 0 ELSE 1 END, c.opened_at DESC LIMIT 1"
        ))
        .bind(code)
        .fetch_optional(&self.pool)
        .await?)
    }

    async fn close_collecte(&self, id: Uuid, at: DateTime<Utc>) -> StoreResult<Collecte> {
        let mut tx = self.pool.begin_with("BEGIN IMMEDIATE").await?;
        let r = async {
            bump(&mut tx, id, true).await?;
            sqlx::query("UPDATE collectes SET status = 'closed', closed_at = $2 WHERE id = $1")
                .bind(id)
                .bind(at)
                .execute(&mut *tx)
                .await?;
            collecte_in(&mut tx, id).await?.ok_or(StoreError::NotFound)
        }
        .await;
        finish(tx, r).await
    }

    async fn add_item(&self, collecte_id: Uuid, item: &NewItem) -> StoreResult<Item> {
        let mut tx = self.pool.begin_with("BEGIN IMMEDIATE").await?;
        let r = async {
            let revision = bump(&mut tx, collecte_id, true).await?;
            let f = &item.fields;
            sqlx::query(
                "INSERT INTO collecte_items (id, collecte_id, number, name, commune, what,
                     carrier, contact, phone_hash, submitted_by, created_at, updated_at, revision)
                 VALUES ($1, $2,
                     (SELECT COALESCE(MAX(number), 0) + 1 FROM collecte_items WHERE collecte_id = $2),
                     $3, $4, $5, $6, $7, $8, $9, $10, $10, $11)",
            )
            .bind(item.id)
            .bind(collecte_id)
            .bind(&f.name)
            .bind(&f.commune)
            .bind(&f.what)
            .bind(&f.carrier)
            .bind(&f.contact)
            .bind(&item.phone_hash)
            .bind(item.submitted_by)
            .bind(item.at)
            .bind(revision)
            .execute(&mut *tx)
            .await
            .map_err(on_write_error)?;
            item_in(&mut tx, item.id).await?.ok_or(StoreError::NotFound)
        }
        .await;
        finish(tx, r).await
    }

    async fn edit_item(
        &self,
        item_id: Uuid,
        f: &ItemFields,
        phone_hash: Option<&str>,
        at: DateTime<Utc>,
    ) -> StoreResult<Item> {
        let mut tx = self.pool.begin_with("BEGIN IMMEDIATE").await?;
        let r = async {
            let item = item_in(&mut tx, item_id)
                .await?
                .ok_or(StoreError::NotFound)?;
            if let Some(h) = phone_hash {
                if item.phone_hash.as_deref() != Some(h) {
                    return Err(StoreError::NotFound);
                }
            }
            let revision = bump(&mut tx, item.collecte_id, phone_hash.is_some()).await?;
            let done = sqlx::query(
                "UPDATE collecte_items SET name = $2, commune = $3, what = $4, carrier = $5,
                     contact = $6, updated_at = $7, revision = $8
                 WHERE id = $1 AND status = 'active'",
            )
            .bind(item_id)
            .bind(&f.name)
            .bind(&f.commune)
            .bind(&f.what)
            .bind(&f.carrier)
            .bind(&f.contact)
            .bind(at)
            .bind(revision)
            .execute(&mut *tx)
            .await?;
            if done.rows_affected() == 0 {
                return Err(StoreError::Conflict(conflict::NOT_ACTIVE));
            }
            item_in(&mut tx, item_id).await?.ok_or(StoreError::NotFound)
        }
        .await;
        finish(tx, r).await
    }

    async fn discard_item(&self, item_id: Uuid, at: DateTime<Utc>) -> StoreResult<Item> {
        let mut tx = self.pool.begin_with("BEGIN IMMEDIATE").await?;
        let r = leave_active(&mut tx, item_id, "discarded", None, None, at).await;
        finish(tx, r).await
    }

    async fn merge_items(
        &self,
        keep: Uuid,
        duplicates: &[Uuid],
        at: DateTime<Utc>,
    ) -> StoreResult<Vec<Item>> {
        let mut tx = self.pool.begin_with("BEGIN IMMEDIATE").await?;
        let r = async {
            let kept = item_in(&mut tx, keep).await?.ok_or(StoreError::NotFound)?;
            if duplicates.is_empty() || duplicates.contains(&keep) {
                return Err(StoreError::Conflict(conflict::BAD_MERGE));
            }
            if !kept.is_active() {
                return Err(StoreError::Conflict(conflict::NOT_ACTIVE));
            }
            let mut merged = vec![];
            for d in duplicates {
                let item = item_in(&mut tx, *d).await?.ok_or(StoreError::NotFound)?;
                if item.collecte_id != kept.collecte_id {
                    return Err(StoreError::Conflict(conflict::BAD_MERGE));
                }
                merged.push(leave_active(&mut tx, *d, "merged", Some(keep), None, at).await?);
            }
            Ok(merged)
        }
        .await;
        finish(tx, r).await
    }

    async fn link_initiative(
        &self,
        item_id: Uuid,
        initiative_id: Uuid,
        at: DateTime<Utc>,
    ) -> StoreResult<Item> {
        let mut tx = self.pool.begin_with("BEGIN IMMEDIATE").await?;
        let r = leave_active(&mut tx, item_id, "converted", None, Some(initiative_id), at).await;
        finish(tx, r).await
    }

    async fn item(&self, id: Uuid) -> StoreResult<Option<Item>> {
        Ok(sqlx::query_as(&format!("{ITEM_SELECT} WHERE i.id = $1"))
            .bind(id)
            .fetch_optional(&self.pool)
            .await?)
    }

    async fn items(&self, collecte_id: Uuid) -> StoreResult<Vec<Item>> {
        Ok(sqlx::query_as(&format!(
            "{ITEM_SELECT} WHERE i.collecte_id = $1 ORDER BY i.number"
        ))
        .bind(collecte_id)
        .fetch_all(&self.pool)
        .await?)
    }

    async fn items_since(&self, collecte_id: Uuid, revision: i64) -> StoreResult<Vec<Item>> {
        Ok(sqlx::query_as(&format!(
            "{ITEM_SELECT} WHERE i.collecte_id = $1 AND i.revision > $2 ORDER BY i.revision"
        ))
        .bind(collecte_id)
        .bind(revision)
        .fetch_all(&self.pool)
        .await?)
    }

    async fn items_of_phone(&self, collecte_id: Uuid, phone_hash: &str) -> StoreResult<Vec<Item>> {
        Ok(sqlx::query_as(&format!(
            "{ITEM_SELECT} WHERE i.collecte_id = $1 AND i.phone_hash = $2 ORDER BY i.number"
        ))
        .bind(collecte_id)
        .bind(phone_hash)
        .fetch_all(&self.pool)
        .await?)
    }

    async fn provenance(&self, initiative_id: Uuid) -> StoreResult<Option<Provenance>> {
        Ok(sqlx::query_as(
            "SELECT i.id AS item_id, i.created_at AS collected_at, e.id AS event_id,
                 e.title AS event_title
             FROM collecte_items i JOIN collectes c ON c.id = i.collecte_id
                 JOIN events e ON e.id = c.event_id
             WHERE i.initiative_id = $1 ORDER BY i.created_at LIMIT 1",
        )
        .bind(initiative_id)
        .fetch_optional(&self.pool)
        .await?)
    }

    async fn collecte_data_of(&self, person_id: Uuid) -> StoreResult<CollecteData> {
        let items: Vec<Item> = sqlx::query_as(&format!(
            "{ITEM_SELECT} WHERE i.submitted_by = $1 ORDER BY i.created_at"
        ))
        .bind(person_id)
        .fetch_all(&self.pool)
        .await?;
        let mut data = CollecteData::default();
        for i in items {
            let title = event_title(self, i.collecte_id).await?;
            data.items.push((i, title));
        }
        let opened: Vec<Collecte> = sqlx::query_as(&format!(
            "{COLLECTE_SELECT} WHERE c.opened_by = $1 ORDER BY c.opened_at"
        ))
        .bind(person_id)
        .fetch_all(&self.pool)
        .await?;
        for c in opened {
            let title = event_title(self, c.id).await?;
            data.opened.push((c, title));
        }
        Ok(data)
    }
}

async fn event_title(store: &SqliteStore, collecte_id: Uuid) -> StoreResult<String> {
    Ok(sqlx::query_scalar(
        "SELECT e.title FROM collectes c JOIN events e ON e.id = c.event_id WHERE c.id = $1",
    )
    .bind(collecte_id)
    .fetch_one(&store.pool)
    .await?)
}
