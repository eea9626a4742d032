use crate::finish;
use crate::SqliteStore;
use chrono::{DateTime, Utc};
use essaim_domain::events::{capacity_fits, place, to_promote};
use essaim_store::events::{
    conflict, DueReminder, EventFields, EventFilter, EventRow, EventsStore, NewEvent, Registration,
    EVENT_SELECT, REGISTRATION_SELECT, WAITING_ORDER,
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

async fn event_in(tx: &mut Transaction<'_, Sqlite>, id: Uuid) -> StoreResult<Option<EventRow>> {
    Ok(sqlx::query_as(&format!("{EVENT_SELECT} WHERE e.id = $1"))
        .bind(id)
        .fetch_optional(&mut **tx)
        .await?)
}

/// Moves the head of the waiting list up as far as the capacity allows; inside the caller's
/// transaction, which holds the write lock.
async fn promote(
    tx: &mut Transaction<'_, Sqlite>,
    event_id: Uuid,
    at: DateTime<Utc>,
) -> StoreResult<Vec<Registration>> {
    let Some(e) = event_in(tx, event_id).await? else {
        return Err(StoreError::NotFound);
    };
    // Once the event has started nobody moves up: a place freed then cannot be used.
    let n = if at >= e.starts_at {
        0
    } else {
        to_promote(e.capacity, e.confirmed, e.waiting)
    };
    if n == 0 {
        return Ok(vec![]);
    }
    let ids: Vec<Uuid> = sqlx::query_scalar(&format!(
        "SELECT r.id FROM event_registrations r WHERE r.event_id = $1 AND r.status = 'waiting'
         {WAITING_ORDER} LIMIT $2"
    ))
    .bind(event_id)
    .bind(n)
    .fetch_all(&mut **tx)
    .await?;
    let mut promoted = vec![];
    for id in ids {
        sqlx::query(
            "UPDATE event_registrations SET status = 'confirmed', promoted_at = $2 WHERE id = $1",
        )
        .bind(id)
        .bind(at)
        .execute(&mut **tx)
        .await?;
        promoted.push(
            sqlx::query_as(&format!("{REGISTRATION_SELECT} WHERE r.id = $1"))
                .bind(id)
                .fetch_one(&mut **tx)
                .await?,
        );
    }
    Ok(promoted)
}

#[async_trait::async_trait]
impl EventsStore for SqliteStore {
    async fn create_event(&self, e: &NewEvent) -> StoreResult<EventRow> {
        let f = &e.fields;
        let mut tx = self.pool.begin().await?;
        let r = async {
            sqlx::query(
                "INSERT INTO events (id, kind, title, description, starts_at, ends_at, address,
                 commune, departement, region, online_url, capacity, registration_open,
                 created_by, created_at, updated_at)
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $15)",
            )
            .bind(e.id)
            .bind(&f.kind)
            .bind(&f.title)
            .bind(&f.description)
            .bind(f.starts_at)
            .bind(f.ends_at)
            .bind(&f.address)
            .bind(&f.commune)
            .bind(&f.departement)
            .bind(&f.region)
            .bind(&f.online_url)
            .bind(f.capacity)
            .bind(f.registration_open)
            .bind(e.created_by)
            .bind(e.created_at)
            .execute(&mut *tx)
            .await
            .map_err(on_write_error)?;
            for s in &e.organisers {
                sqlx::query(
                    "INSERT INTO event_organisers (event_id, structure_id) VALUES ($1, $2)
                 ON CONFLICT DO NOTHING",
                )
                .bind(e.id)
                .bind(s)
                .execute(&mut *tx)
                .await
                .map_err(on_write_error)?;
            }
            event_in(&mut tx, e.id).await?.ok_or(StoreError::NotFound)
        }
        .await;
        finish(tx, r).await
    }

    async fn update_event(
        &self,
        id: Uuid,
        f: &EventFields,
        at: DateTime<Utc>,
    ) -> StoreResult<(EventRow, Vec<Registration>)> {
        // BEGIN IMMEDIATE: the confirmed count read below cannot change before the commit.
        let mut tx = self.pool.begin_with("BEGIN IMMEDIATE").await?;
        let r = async {
            let current = event_in(&mut tx, id).await?.ok_or(StoreError::NotFound)?;
            if current.is_cancelled() {
                return Err(StoreError::Conflict(conflict::CANCELLED));
            }
            if !capacity_fits(f.capacity, current.confirmed) {
                return Err(StoreError::Conflict(conflict::CAPACITY_BELOW_CONFIRMED));
            }
            sqlx::query(
                "UPDATE events SET kind = $2, title = $3, description = $4, starts_at = $5,
                 ends_at = $6, address = $7, commune = $8, departement = $9, region = $10,
                 online_url = $11, capacity = $12, registration_open = $13, updated_at = $14,
                 sequence = sequence + 1
             WHERE id = $1",
            )
            .bind(id)
            .bind(&f.kind)
            .bind(&f.title)
            .bind(&f.description)
            .bind(f.starts_at)
            .bind(f.ends_at)
            .bind(&f.address)
            .bind(&f.commune)
            .bind(&f.departement)
            .bind(&f.region)
            .bind(&f.online_url)
            .bind(f.capacity)
            .bind(f.registration_open)
            .bind(at)
            .execute(&mut *tx)
            .await?;
            if f.starts_at != current.starts_at {
                // A new date: everyone is reminded of it, even those reminded of the old one.
                sqlx::query(
                    "UPDATE event_registrations SET reminded_at = NULL WHERE event_id = $1",
                )
                .bind(id)
                .execute(&mut *tx)
                .await?;
            }
            let promoted = promote(&mut tx, id, at).await?;
            let row = event_in(&mut tx, id).await?.ok_or(StoreError::NotFound)?;
            Ok((row, promoted))
        }
        .await;
        finish(tx, r).await
    }

    async fn get_event(&self, id: Uuid) -> StoreResult<Option<EventRow>> {
        Ok(sqlx::query_as(&format!("{EVENT_SELECT} WHERE e.id = $1"))
            .bind(id)
            .fetch_optional(&self.pool)
            .await?)
    }

    async fn event_organisers(&self, id: Uuid) -> StoreResult<Vec<(Uuid, String)>> {
        Ok(sqlx::query_as(
            "SELECT s.id, s.name FROM event_organisers o JOIN structures s
                 ON s.id = o.structure_id
             WHERE o.event_id = $1 ORDER BY s.name, s.id",
        )
        .bind(id)
        .fetch_all(&self.pool)
        .await?)
    }

    async fn list_events(&self, f: &EventFilter) -> StoreResult<Vec<EventRow>> {
        let order = if f.past_at.is_some() {
            "e.starts_at DESC, e.id DESC"
        } else {
            "e.starts_at, e.id"
        };
        let sql = format!(
            "{EVENT_SELECT} WHERE ($1 IS NULL OR e.ends_at >= $1)
               AND ($2 IS NULL OR e.ends_at < $2)
               AND ($3 IS NULL OR e.kind = $3)
               AND ($4 IS NULL OR e.departement = $4)
               AND ($5 IS NULL OR e.region = $5)
               AND (NOT $6 OR e.status = 'published')
             ORDER BY {order} LIMIT $7"
        );
        Ok(sqlx::query_as(&sql)
            .bind(f.upcoming_at)
            .bind(f.past_at)
            .bind(&f.kind)
            .bind(&f.departement)
            .bind(&f.region)
            .bind(f.published_only)
            .bind(f.limit)
            .fetch_all(&self.pool)
            .await?)
    }

    async fn cancel_event(
        &self,
        id: Uuid,
        at: DateTime<Utc>,
    ) -> StoreResult<(EventRow, Vec<Registration>)> {
        let mut tx = self.pool.begin_with("BEGIN IMMEDIATE").await?;
        let r = async {
            let done = sqlx::query(
                "UPDATE events SET status = 'cancelled', updated_at = $2, sequence = sequence + 1
             WHERE id = $1 AND status = 'published'",
            )
            .bind(id)
            .bind(at)
            .execute(&mut *tx)
            .await?;
            if done.rows_affected() == 0 {
                return Err(match event_in(&mut tx, id).await? {
                    None => StoreError::NotFound,
                    Some(_) => StoreError::Conflict(conflict::CANCELLED),
                });
            }
            let registrations = sqlx::query_as(&format!(
                "{REGISTRATION_SELECT} WHERE r.event_id = $1 AND r.status <> 'cancelled'
             {WAITING_ORDER}"
            ))
            .bind(id)
            .fetch_all(&mut *tx)
            .await?;
            let row = event_in(&mut tx, id).await?.ok_or(StoreError::NotFound)?;
            Ok((row, registrations))
        }
        .await;
        finish(tx, r).await
    }

    async fn register(
        &self,
        event_id: Uuid,
        person_id: Uuid,
        at: DateTime<Utc>,
    ) -> StoreResult<Registration> {
        // BEGIN IMMEDIATE takes the write lock before the count is read: concurrent
        // registrations run one after the other, each seeing the others' places.
        let mut tx = self.pool.begin_with("BEGIN IMMEDIATE").await?;
        let r = async {
            let e = event_in(&mut tx, event_id)
                .await?
                .ok_or(StoreError::NotFound)?;
            if e.is_cancelled() {
                return Err(StoreError::Conflict(conflict::CANCELLED));
            }
            if at >= e.starts_at {
                return Err(StoreError::Conflict(conflict::STARTED));
            }
            if !e.registration_open {
                return Err(StoreError::Conflict(conflict::REGISTRATION_CLOSED));
            }
            let existing: Option<(Uuid, String)> = sqlx::query_as(
                "SELECT id, status FROM event_registrations WHERE event_id = $1 AND person_id = $2",
            )
            .bind(event_id)
            .bind(person_id)
            .fetch_optional(&mut *tx)
            .await?;
            let status = place(e.capacity, e.confirmed, e.waiting);
            let id = match existing {
                Some((_, s)) if s != "cancelled" => {
                    return Err(StoreError::Conflict(conflict::ALREADY_REGISTERED))
                }
                Some((id, _)) => {
                    // reminded_at stays: a reminder already sent for this start is not sent
                    // twice (a new start clears it, in update_event).
                    sqlx::query(
                        "UPDATE event_registrations SET status = $2, registered_at = $3,
                         promoted_at = NULL, cancelled_at = NULL
                     WHERE id = $1",
                    )
                    .bind(id)
                    .bind(status.as_str())
                    .bind(at)
                    .execute(&mut *tx)
                    .await?;
                    id
                }
                None => {
                    let id = Uuid::now_v7();
                    sqlx::query(
                        "INSERT INTO event_registrations (id, event_id, person_id, status,
                         registered_at) VALUES ($1, $2, $3, $4, $5)",
                    )
                    .bind(id)
                    .bind(event_id)
                    .bind(person_id)
                    .bind(status.as_str())
                    .bind(at)
                    .execute(&mut *tx)
                    .await
                    .map_err(on_write_error)?;
                    id
                }
            };
            let row: Registration =
                sqlx::query_as(&format!("{REGISTRATION_SELECT} WHERE r.id = $1"))
                    .bind(id)
                    .fetch_one(&mut *tx)
                    .await?;
            Ok(row)
        }
        .await;
        finish(tx, r).await
    }

    async fn cancel_registration(
        &self,
        event_id: Uuid,
        person_id: Uuid,
        at: DateTime<Utc>,
    ) -> StoreResult<Vec<Registration>> {
        let mut tx = self.pool.begin_with("BEGIN IMMEDIATE").await?;
        let r = async {
            let e = event_in(&mut tx, event_id)
                .await?
                .ok_or(StoreError::NotFound)?;
            // Once the event has started the list is what it is: a place freed then would move
            // someone up (and mail them) for an event already under way.
            if at >= e.starts_at && !e.is_cancelled() {
                return Err(StoreError::Conflict(conflict::STARTED));
            }
            let done = sqlx::query(
                "UPDATE event_registrations SET status = 'cancelled', cancelled_at = $3
             WHERE event_id = $1 AND person_id = $2 AND status <> 'cancelled'",
            )
            .bind(event_id)
            .bind(person_id)
            .bind(at)
            .execute(&mut *tx)
            .await?;
            if done.rows_affected() == 0 {
                return Err(StoreError::NotFound);
            }
            // A cancelled event moves nobody up: nobody will attend.
            let promoted = if e.is_cancelled() {
                vec![]
            } else {
                promote(&mut tx, event_id, at).await?
            };
            Ok(promoted)
        }
        .await;
        finish(tx, r).await
    }

    async fn registrations(&self, event_id: Uuid) -> StoreResult<Vec<Registration>> {
        Ok(sqlx::query_as(&format!(
            "{REGISTRATION_SELECT} WHERE r.event_id = $1 AND r.status <> 'cancelled'
             ORDER BY CASE r.status WHEN 'confirmed' THEN 0 ELSE 1 END, r.registered_at, r.id"
        ))
        .bind(event_id)
        .fetch_all(&self.pool)
        .await?)
    }

    async fn registration_of(
        &self,
        event_id: Uuid,
        person_id: Uuid,
    ) -> StoreResult<Option<Registration>> {
        Ok(sqlx::query_as(&format!(
            "{REGISTRATION_SELECT} WHERE r.event_id = $1 AND r.person_id = $2"
        ))
        .bind(event_id)
        .bind(person_id)
        .fetch_optional(&self.pool)
        .await?)
    }

    async fn registrations_of(&self, person_id: Uuid) -> StoreResult<Vec<(Registration, String)>> {
        let rows: Vec<Registration> = sqlx::query_as(&format!(
            "{REGISTRATION_SELECT} WHERE r.person_id = $1 ORDER BY r.registered_at, r.id"
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

    async fn due_reminders(
        &self,
        from: DateTime<Utc>,
        until: DateTime<Utc>,
    ) -> StoreResult<Vec<DueReminder>> {
        Ok(sqlx::query_as(
            "SELECT r.id AS registration_id, e.id AS event_id, p.email,
                 p.display_name AS person_name, e.title, e.starts_at
             FROM event_registrations r JOIN events e ON e.id = r.event_id
             JOIN people p ON p.id = r.person_id
             WHERE r.status = 'confirmed' AND r.reminded_at IS NULL
               AND e.status = 'published' AND e.starts_at > $1 AND e.starts_at <= $2
             ORDER BY e.starts_at, r.id",
        )
        .bind(from)
        .bind(until)
        .fetch_all(&self.pool)
        .await?)
    }

    async fn claim_reminder(&self, registration_id: Uuid, at: DateTime<Utc>) -> StoreResult<bool> {
        Ok(sqlx::query(
            "UPDATE event_registrations SET reminded_at = $2
             WHERE id = $1 AND reminded_at IS NULL AND status = 'confirmed'",
        )
        .bind(registration_id)
        .bind(at)
        .execute(&self.pool)
        .await?
        .rows_affected()
            == 1)
    }
}
