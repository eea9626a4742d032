use crate::finish;
use crate::SqliteStore;
use chrono::{DateTime, Utc};
use essaim_store::defis::{
    conflict, Defi, DefiFields, DefiFilter, DefiRow, DefiStore, NewDefi, DEFI_SELECT, SCORED_SQL,
};
use essaim_store::{StoreError, StoreResult};
use sqlx::{Sqlite, SqliteConnection, Transaction};
use uuid::Uuid;

fn on_write_error(e: sqlx::Error) -> StoreError {
    match &e {
        sqlx::Error::Database(db) if db.is_foreign_key_violation() => StoreError::NotFound,
        _ => StoreError::Database(e),
    }
}

/// The défi with its challenges and structures, read on `conn`.
pub(crate) async fn defi_on(conn: &mut SqliteConnection, id: Uuid) -> StoreResult<Option<Defi>> {
    let Some(row) = sqlx::query_as::<_, DefiRow>(&format!("{DEFI_SELECT} WHERE d.id = $1"))
        .bind(id)
        .fetch_optional(&mut *conn)
        .await?
    else {
        return Ok(None);
    };
    let challenges: Vec<String> = sqlx::query_scalar(
        "SELECT dc.challenge_code FROM defi_challenges dc JOIN challenges c
             ON c.code = dc.challenge_code
         WHERE dc.defi_id = $1 ORDER BY c.position, c.code",
    )
    .bind(id)
    .fetch_all(&mut *conn)
    .await?;
    let structures: Vec<(Uuid, String, String)> = sqlx::query_as(
        "SELECT s.id, s.name, ds.role FROM defi_structures ds JOIN structures s
             ON s.id = ds.structure_id
         WHERE ds.defi_id = $1 ORDER BY s.name, s.id",
    )
    .bind(id)
    .fetch_all(&mut *conn)
    .await?;
    let (owners, sponsors): (Vec<_>, Vec<_>) =
        structures.into_iter().partition(|(_, _, r)| r == "owner");
    Ok(Some(Defi {
        row,
        challenges,
        owners: owners.into_iter().map(|(i, n, _)| (i, n)).collect(),
        sponsors: sponsors.into_iter().map(|(i, n, _)| (i, n)).collect(),
    }))
}

/// Rewrites the challenges and sponsors of a défi (owners stay).
async fn write_links(
    tx: &mut Transaction<'_, Sqlite>,
    id: Uuid,
    f: &DefiFields,
) -> StoreResult<()> {
    sqlx::query("DELETE FROM defi_challenges WHERE defi_id = $1")
        .bind(id)
        .execute(&mut **tx)
        .await?;
    for c in &f.challenges {
        sqlx::query(
            "INSERT INTO defi_challenges (defi_id, challenge_code) VALUES ($1, $2)
             ON CONFLICT DO NOTHING",
        )
        .bind(id)
        .bind(c)
        .execute(&mut **tx)
        .await
        .map_err(on_write_error)?;
    }
    sqlx::query("DELETE FROM defi_structures WHERE defi_id = $1 AND role = 'sponsor'")
        .bind(id)
        .execute(&mut **tx)
        .await?;
    for s in &f.sponsors {
        // An owner listed as a sponsor stays an owner.
        sqlx::query(
            "INSERT INTO defi_structures (defi_id, structure_id, role) VALUES ($1, $2, 'sponsor')
             ON CONFLICT DO NOTHING",
        )
        .bind(id)
        .bind(s)
        .execute(&mut **tx)
        .await
        .map_err(on_write_error)?;
    }
    Ok(())
}

const FILTER: &str = "WHERE ($1 IS NULL OR EXISTS (SELECT 1 FROM defi_challenges dc
        WHERE dc.defi_id = d.id AND dc.challenge_code = $1))
    AND ($2 IS NULL OR d.departement = $2)
    AND ($3 IS NULL OR d.region = $3)
    AND ($4 IS NULL OR d.status = $4)
    AND ($5 IS NULL OR EXISTS (SELECT 1 FROM defi_structures ds
        WHERE ds.defi_id = d.id AND ds.structure_id = $5))
    AND (d.status <> 'draft' OR $6 OR EXISTS (SELECT 1 FROM defi_structures ds
        JOIN structure_members m ON m.structure_id = ds.structure_id
        WHERE ds.defi_id = d.id AND ds.role = 'owner' AND m.person_id = $7
            AND m.role = 'manager'))";

/// Whether the défi is gathered by a hackathon whose jury has scored.
async fn scored_on(conn: &mut SqliteConnection, id: Uuid) -> StoreResult<bool> {
    Ok(sqlx::query_scalar(SCORED_SQL)
        .bind(id)
        .fetch_one(&mut *conn)
        .await?)
}

#[async_trait::async_trait]
impl DefiStore for SqliteStore {
    async fn create_defi(&self, d: &NewDefi) -> StoreResult<Defi> {
        let f = &d.fields;
        if d.owners.is_empty() {
            return Err(StoreError::Conflict(conflict::NO_OWNER));
        }
        let mut tx = self.pool.begin_with("BEGIN IMMEDIATE").await?;
        let r = async {
            sqlx::query(
                "INSERT INTO defis (id, title, context, question, deliverable, territory,
                     departement, region, status, created_by, created_at, updated_at)
                 VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $11)",
            )
            .bind(d.id)
            .bind(&f.title)
            .bind(&f.context)
            .bind(&f.question)
            .bind(&f.deliverable)
            .bind(&f.territory)
            .bind(&f.departement)
            .bind(&f.region)
            .bind(&f.status)
            .bind(d.created_by)
            .bind(d.created_at)
            .execute(&mut *tx)
            .await
            .map_err(on_write_error)?;
            for s in &d.owners {
                sqlx::query(
                    "INSERT INTO defi_structures (defi_id, structure_id, role)
                     VALUES ($1, $2, 'owner') ON CONFLICT DO NOTHING",
                )
                .bind(d.id)
                .bind(s)
                .execute(&mut *tx)
                .await
                .map_err(on_write_error)?;
            }
            write_links(&mut tx, d.id, f).await?;
            defi_on(&mut tx, d.id).await?.ok_or(StoreError::NotFound)
        }
        .await;
        finish(tx, r).await
    }

    async fn update_defi(&self, id: Uuid, f: &DefiFields, at: DateTime<Utc>) -> StoreResult<Defi> {
        let mut tx = self.pool.begin_with("BEGIN IMMEDIATE").await?;
        let r = async {
            let known: Vec<Uuid> =
                sqlx::query_scalar("SELECT structure_id FROM defi_structures WHERE defi_id = $1")
                    .bind(id)
                    .fetch_all(&mut *tx)
                    .await?;
            if f.sponsors.iter().any(|s| !known.contains(s)) && scored_on(&mut tx, id).await? {
                return Err(StoreError::Conflict(conflict::SCORED));
            }
            let done = sqlx::query(
                "UPDATE defis SET title = $2, context = $3, question = $4, deliverable = $5,
                     territory = $6, departement = $7, region = $8, status = $9, updated_at = $10
                 WHERE id = $1",
            )
            .bind(id)
            .bind(&f.title)
            .bind(&f.context)
            .bind(&f.question)
            .bind(&f.deliverable)
            .bind(&f.territory)
            .bind(&f.departement)
            .bind(&f.region)
            .bind(&f.status)
            .bind(at)
            .execute(&mut *tx)
            .await?;
            if done.rows_affected() == 0 {
                return Err(StoreError::NotFound);
            }
            write_links(&mut tx, id, f).await?;
            defi_on(&mut tx, id).await?.ok_or(StoreError::NotFound)
        }
        .await;
        finish(tx, r).await
    }

    async fn add_defi_owner(
        &self,
        id: Uuid,
        structure_id: Uuid,
        at: DateTime<Utc>,
    ) -> StoreResult<Defi> {
        let mut tx = self.pool.begin_with("BEGIN IMMEDIATE").await?;
        let r = async {
            let role: Option<String> = sqlx::query_scalar(
                "SELECT role FROM defi_structures WHERE defi_id = $1 AND structure_id = $2",
            )
            .bind(id)
            .bind(structure_id)
            .fetch_optional(&mut *tx)
            .await?;
            // A sponsor becoming an owner changes no tie; a new structure does.
            if role.is_none() && scored_on(&mut tx, id).await? {
                return Err(StoreError::Conflict(conflict::SCORED));
            }
            match role.as_deref() {
                Some("owner") => return Err(StoreError::Conflict(conflict::ALREADY_OWNER)),
                Some(_) => {
                    sqlx::query(
                        "UPDATE defi_structures SET role = 'owner'
                         WHERE defi_id = $1 AND structure_id = $2",
                    )
                    .bind(id)
                    .bind(structure_id)
                    .execute(&mut *tx)
                    .await?;
                }
                None => {
                    sqlx::query(
                        "INSERT INTO defi_structures (defi_id, structure_id, role)
                         VALUES ($1, $2, 'owner')",
                    )
                    .bind(id)
                    .bind(structure_id)
                    .execute(&mut *tx)
                    .await
                    .map_err(on_write_error)?;
                }
            }
            sqlx::query("UPDATE defis SET updated_at = $2 WHERE id = $1")
                .bind(id)
                .bind(at)
                .execute(&mut *tx)
                .await?;
            defi_on(&mut tx, id).await?.ok_or(StoreError::NotFound)
        }
        .await;
        finish(tx, r).await
    }

    async fn get_defi(&self, id: Uuid) -> StoreResult<Option<Defi>> {
        let mut conn = self.pool.acquire().await?;
        defi_on(&mut conn, id).await
    }

    async fn list_defis(&self, f: &DefiFilter) -> StoreResult<Vec<Defi>> {
        let mut conn = self.pool.acquire().await?;
        let ids: Vec<Uuid> = sqlx::query_scalar(&format!(
            "SELECT d.id FROM defis d {FILTER} ORDER BY d.updated_at DESC, d.id DESC
             LIMIT $8 OFFSET $9"
        ))
        .bind(&f.challenge)
        .bind(&f.departement)
        .bind(&f.region)
        .bind(&f.status)
        .bind(f.structure)
        .bind(f.drafts.binds().0)
        .bind(f.drafts.binds().1)
        .bind(f.limit)
        .bind(f.offset)
        .fetch_all(&mut *conn)
        .await?;
        let mut out = Vec::with_capacity(ids.len());
        for id in ids {
            if let Some(d) = defi_on(&mut conn, id).await? {
                out.push(d);
            }
        }
        Ok(out)
    }

    async fn count_defis(&self, f: &DefiFilter) -> StoreResult<i64> {
        Ok(
            sqlx::query_scalar(&format!("SELECT COUNT(*) FROM defis d {FILTER}"))
                .bind(&f.challenge)
                .bind(&f.departement)
                .bind(&f.region)
                .bind(&f.status)
                .bind(f.structure)
                .bind(f.drafts.binds().0)
                .bind(f.drafts.binds().1)
                .fetch_one(&self.pool)
                .await?,
        )
    }
}
