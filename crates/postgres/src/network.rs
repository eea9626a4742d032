//! The network context on PostgreSQL. The SQL is the same as SQLite's (`sqlite/src/network.rs`
//! is this file with the other store type); the column lists live in `essaim_store::network`.

use crate::PgStore;
use chrono::{DateTime, Utc};
use essaim_domain::network::{AccompanimentStatus, BannerAnswers, LabelStatus};
use essaim_store::network::{
    conflict, Accompaniment, BannerSignature, FollowUpEntry, Label, LabelComment, LabelDecision,
    NetworkData, NewAccompaniment, NewFollowUp, NewLabel, Publication, ACCOMPANIMENT_COLUMNS,
    BANNER_COLUMNS, LABEL_COLUMNS,
};
use essaim_store::{NetworkStore, StoreError, StoreResult};
use uuid::Uuid;

/// A second open application or accompaniment is `AlreadyExists` (the partial unique indexes
/// are the only unique constraints these inserts can break: ids are new); a missing
/// structure, initiative or person `NotFound`.
fn on_insert_error(err: sqlx::Error) -> StoreError {
    if let sqlx::Error::Database(db) = &err {
        if db.is_unique_violation() {
            return StoreError::AlreadyExists;
        }
        if db.is_foreign_key_violation() {
            return StoreError::NotFound;
        }
    }
    StoreError::Database(err)
}

const COMMENT_SELECT: &str = "SELECT c.id, c.label_id, c.author_id,
    COALESCE(p.display_name, '') AS author_name, c.body, c.created_at
    FROM network_label_comments c LEFT JOIN people p ON p.id = c.author_id";

const FOLLOW_UP_SELECT: &str = "SELECT f.id, f.accompaniment_id, f.author_id,
    COALESCE(p.display_name, '') AS author_name, f.kind, f.happened_on, f.body, f.created_at
    FROM network_follow_ups f LEFT JOIN people p ON p.id = f.author_id";

#[async_trait::async_trait]
impl NetworkStore for PgStore {
    async fn network_data_of(&self, person_id: Uuid) -> StoreResult<NetworkData> {
        let sql = format!("{COMMENT_SELECT} WHERE c.author_id = $1 ORDER BY c.created_at, c.id");
        let label_comments = sqlx::query_as(&sql)
            .bind(person_id)
            .fetch_all(&self.pool)
            .await?;
        let sql = format!("{FOLLOW_UP_SELECT} WHERE f.author_id = $1 ORDER BY f.created_at, f.id");
        let follow_ups = sqlx::query_as(&sql)
            .bind(person_id)
            .fetch_all(&self.pool)
            .await?;
        Ok(NetworkData {
            label_comments,
            follow_ups,
        })
    }

    async fn sign_banner(
        &self,
        structure_id: Uuid,
        answers: &BannerAnswers,
        by: Uuid,
        at: DateTime<Utc>,
    ) -> StoreResult<BannerSignature> {
        // The WHERE of the upsert leaves a removed signature as it is: no row comes back.
        let sql = format!(
            "INSERT INTO network_banner (structure_id, general_interest, governance, openness,
                 signed_by, signed_at, updated_at)
             VALUES ($1, $2, $3, $4, $5, $6, $6)
             ON CONFLICT (structure_id) DO UPDATE SET general_interest = excluded.general_interest,
                 governance = excluded.governance, openness = excluded.openness,
                 signed_by = excluded.signed_by, updated_at = excluded.updated_at
             WHERE network_banner.removed_at IS NULL
             RETURNING {BANNER_COLUMNS}"
        );
        let row: Option<BannerSignature> = sqlx::query_as(&sql)
            .bind(structure_id)
            .bind(&answers.general_interest)
            .bind(&answers.governance)
            .bind(&answers.openness)
            .bind(by)
            .bind(at)
            .fetch_optional(&self.pool)
            .await
            .map_err(on_insert_error)?;
        row.ok_or(StoreError::Conflict(conflict::BANNER_REMOVED))
    }

    async fn banner(&self, structure_id: Uuid) -> StoreResult<Option<BannerSignature>> {
        let sql = format!("SELECT {BANNER_COLUMNS} FROM network_banner WHERE structure_id = $1");
        Ok(sqlx::query_as(&sql)
            .bind(structure_id)
            .fetch_optional(&self.pool)
            .await?)
    }

    async fn withdraw_banner(&self, structure_id: Uuid) -> StoreResult<bool> {
        let done = sqlx::query(
            "DELETE FROM network_banner WHERE structure_id = $1 AND removed_at IS NULL",
        )
        .bind(structure_id)
        .execute(&self.pool)
        .await?;
        Ok(done.rows_affected() == 1)
    }

    async fn remove_from_banner(
        &self,
        structure_id: Uuid,
        by: Uuid,
        reason: &str,
        at: DateTime<Utc>,
    ) -> StoreResult<bool> {
        let done = sqlx::query(
            "UPDATE network_banner SET removed_at = $2, removed_by = $3, removed_reason = $4
             WHERE structure_id = $1 AND removed_at IS NULL",
        )
        .bind(structure_id)
        .bind(at)
        .bind(by)
        .bind(reason)
        .execute(&self.pool)
        .await?;
        Ok(done.rows_affected() == 1)
    }

    async fn list_banner(&self) -> StoreResult<Vec<BannerSignature>> {
        let sql =
            format!("SELECT {BANNER_COLUMNS} FROM network_banner ORDER BY signed_at, structure_id");
        Ok(sqlx::query_as(&sql).fetch_all(&self.pool).await?)
    }

    async fn apply_for_label(&self, new: &NewLabel) -> StoreResult<Label> {
        let mut tx = self.pool.begin().await?;
        // A granted label past its expiry (in Paris time) gives way to the new application.
        sqlx::query(
            "UPDATE network_labels SET status = 'expired'
             WHERE structure_id = $1 AND kind = $2 AND status = 'granted'
               AND expires_on IS NOT NULL AND expires_on < $3",
        )
        .bind(new.structure_id)
        .bind(new.kind.as_str())
        .bind(essaim_domain::network::paris_day(new.applied_at))
        .execute(&mut *tx)
        .await?;
        let sql = format!(
            "INSERT INTO network_labels (id, structure_id, kind, status, motivation, applied_by,
                 applied_at)
             VALUES ($1, $2, $3, 'pending', $4, $5, $6)
             RETURNING {LABEL_COLUMNS}"
        );
        let label = sqlx::query_as(&sql)
            .bind(new.id)
            .bind(new.structure_id)
            .bind(new.kind.as_str())
            .bind(&new.motivation)
            .bind(new.applied_by)
            .bind(new.applied_at)
            .fetch_one(&mut *tx)
            .await
            .map_err(on_insert_error)?;
        tx.commit().await?;
        Ok(label)
    }

    async fn label(&self, id: Uuid) -> StoreResult<Option<Label>> {
        let sql = format!("SELECT {LABEL_COLUMNS} FROM network_labels WHERE id = $1");
        Ok(sqlx::query_as(&sql)
            .bind(id)
            .fetch_optional(&self.pool)
            .await?)
    }

    async fn labels_of(&self, structure_id: Uuid) -> StoreResult<Vec<Label>> {
        let sql = format!(
            "SELECT {LABEL_COLUMNS} FROM network_labels WHERE structure_id = $1
             ORDER BY applied_at DESC, id DESC"
        );
        Ok(sqlx::query_as(&sql)
            .bind(structure_id)
            .fetch_all(&self.pool)
            .await?)
    }

    async fn list_labels(&self, status: Option<LabelStatus>) -> StoreResult<Vec<Label>> {
        let sql = format!(
            "SELECT {LABEL_COLUMNS} FROM network_labels WHERE ($1 IS NULL OR status = $1)
             ORDER BY applied_at, id"
        );
        Ok(sqlx::query_as(&sql)
            .bind(status.map(|s| s.as_str()))
            .fetch_all(&self.pool)
            .await?)
    }

    async fn decide_label(&self, id: Uuid, d: &LabelDecision) -> StoreResult<Label> {
        let sql = format!(
            "UPDATE network_labels SET status = $3, decided_by = $4, decided_at = $5,
                 reason = $6, expires_on = COALESCE($7, expires_on)
             WHERE id = $1 AND status = $2
             RETURNING {LABEL_COLUMNS}"
        );
        let row: Option<Label> = sqlx::query_as(&sql)
            .bind(id)
            .bind(d.from.as_str())
            .bind(d.to.as_str())
            .bind(d.by)
            .bind(d.at)
            .bind(d.reason.as_deref())
            .bind(d.expires_on)
            .fetch_optional(&self.pool)
            .await
            .map_err(on_insert_error)?;
        match row {
            Some(label) => Ok(label),
            None if self.label(id).await?.is_some() => {
                Err(StoreError::Conflict(conflict::LABEL_STATE))
            }
            None => Err(StoreError::NotFound),
        }
    }

    async fn add_label_comment(
        &self,
        label_id: Uuid,
        author_id: Uuid,
        body: &str,
        at: DateTime<Utc>,
    ) -> StoreResult<LabelComment> {
        let id = Uuid::now_v7();
        sqlx::query(
            "INSERT INTO network_label_comments (id, label_id, author_id, body, created_at)
             VALUES ($1, $2, $3, $4, $5)",
        )
        .bind(id)
        .bind(label_id)
        .bind(author_id)
        .bind(body)
        .bind(at)
        .execute(&self.pool)
        .await
        .map_err(on_insert_error)?;
        let sql = format!("{COMMENT_SELECT} WHERE c.id = $1");
        Ok(sqlx::query_as(&sql).bind(id).fetch_one(&self.pool).await?)
    }

    async fn label_comments(&self, label_id: Uuid) -> StoreResult<Vec<LabelComment>> {
        let sql = format!("{COMMENT_SELECT} WHERE c.label_id = $1 ORDER BY c.created_at, c.id");
        Ok(sqlx::query_as(&sql)
            .bind(label_id)
            .fetch_all(&self.pool)
            .await?)
    }

    async fn propose_accompaniment(&self, new: &NewAccompaniment) -> StoreResult<Accompaniment> {
        let sql = format!(
            "INSERT INTO network_accompaniments (id, structure_id, initiative_id, status, message,
                 proposed_by, proposed_at)
             VALUES ($1, $2, $3, 'proposed', $4, $5, $6)
             RETURNING {ACCOMPANIMENT_COLUMNS}"
        );
        sqlx::query_as(&sql)
            .bind(new.id)
            .bind(new.structure_id)
            .bind(new.initiative_id)
            .bind(&new.message)
            .bind(new.proposed_by)
            .bind(new.proposed_at)
            .fetch_one(&self.pool)
            .await
            .map_err(on_insert_error)
    }

    async fn accompaniment(&self, id: Uuid) -> StoreResult<Option<Accompaniment>> {
        let sql =
            format!("SELECT {ACCOMPANIMENT_COLUMNS} FROM network_accompaniments WHERE id = $1");
        Ok(sqlx::query_as(&sql)
            .bind(id)
            .fetch_optional(&self.pool)
            .await?)
    }

    async fn accompaniments_of_structure(
        &self,
        structure_id: Uuid,
    ) -> StoreResult<Vec<Accompaniment>> {
        let sql = format!(
            "SELECT {ACCOMPANIMENT_COLUMNS} FROM network_accompaniments WHERE structure_id = $1
             ORDER BY proposed_at DESC, id DESC"
        );
        Ok(sqlx::query_as(&sql)
            .bind(structure_id)
            .fetch_all(&self.pool)
            .await?)
    }

    async fn accompaniments_of_initiative(
        &self,
        initiative_id: Uuid,
    ) -> StoreResult<Vec<Accompaniment>> {
        let sql = format!(
            "SELECT {ACCOMPANIMENT_COLUMNS} FROM network_accompaniments WHERE initiative_id = $1
             ORDER BY proposed_at DESC, id DESC"
        );
        Ok(sqlx::query_as(&sql)
            .bind(initiative_id)
            .fetch_all(&self.pool)
            .await?)
    }

    async fn set_accompaniment_status(
        &self,
        id: Uuid,
        from: &[AccompanimentStatus],
        to: AccompanimentStatus,
        by: Uuid,
        at: DateTime<Utc>,
    ) -> StoreResult<Accompaniment> {
        // At most four statuses: a fixed list of four parameters, unused ones repeating the first.
        let mut allowed = [""; 4];
        for (i, slot) in allowed.iter_mut().enumerate() {
            *slot = from
                .get(i)
                .or(from.first())
                .map(|s| s.as_str())
                .unwrap_or("");
        }
        let sql = format!(
            "UPDATE network_accompaniments SET status = $2, changed_by = $3, changed_at = $4
             WHERE id = $1 AND status IN ($5, $6, $7, $8)
             RETURNING {ACCOMPANIMENT_COLUMNS}"
        );
        let row: Option<Accompaniment> = sqlx::query_as(&sql)
            .bind(id)
            .bind(to.as_str())
            .bind(by)
            .bind(at)
            .bind(allowed[0])
            .bind(allowed[1])
            .bind(allowed[2])
            .bind(allowed[3])
            .fetch_optional(&self.pool)
            .await
            .map_err(on_insert_error)?;
        match row {
            Some(a) => Ok(a),
            None if self.accompaniment(id).await?.is_some() => {
                Err(StoreError::Conflict(conflict::ACCOMPANIMENT_STATE))
            }
            None => Err(StoreError::NotFound),
        }
    }

    async fn set_accompaniment_publication(
        &self,
        id: Uuid,
        seen: &Publication,
        new: &Publication,
    ) -> StoreResult<Accompaniment> {
        let sql = format!(
            "UPDATE network_accompaniments SET summary = $2, publish_structure = $3,
                 publish_initiative = $4
             WHERE id = $1 AND summary = $5 AND publish_structure = $6
               AND publish_initiative = $7
             RETURNING {ACCOMPANIMENT_COLUMNS}"
        );
        let row: Option<Accompaniment> = sqlx::query_as(&sql)
            .bind(id)
            .bind(&new.summary)
            .bind(new.publish_structure)
            .bind(new.publish_initiative)
            .bind(&seen.summary)
            .bind(seen.publish_structure)
            .bind(seen.publish_initiative)
            .fetch_optional(&self.pool)
            .await?;
        match row {
            Some(a) => Ok(a),
            None if self.accompaniment(id).await?.is_some() => {
                Err(StoreError::Conflict(conflict::PUBLICATION_CHANGED))
            }
            None => Err(StoreError::NotFound),
        }
    }

    async fn add_follow_up(&self, new: &NewFollowUp) -> StoreResult<FollowUpEntry> {
        sqlx::query(
            "INSERT INTO network_follow_ups (id, accompaniment_id, author_id, kind, happened_on,
                 body, created_at)
             VALUES ($1, $2, $3, $4, $5, $6, $7)",
        )
        .bind(new.id)
        .bind(new.accompaniment_id)
        .bind(new.author_id)
        .bind(new.kind.as_str())
        .bind(new.happened_on)
        .bind(&new.body)
        .bind(new.created_at)
        .execute(&self.pool)
        .await
        .map_err(on_insert_error)?;
        let sql = format!("{FOLLOW_UP_SELECT} WHERE f.id = $1");
        Ok(sqlx::query_as(&sql)
            .bind(new.id)
            .fetch_one(&self.pool)
            .await?)
    }

    async fn follow_ups(&self, accompaniment_id: Uuid) -> StoreResult<Vec<FollowUpEntry>> {
        let sql = format!(
            "{FOLLOW_UP_SELECT} WHERE f.accompaniment_id = $1
             ORDER BY f.happened_on DESC, f.created_at DESC, f.id DESC"
        );
        Ok(sqlx::query_as(&sql)
            .bind(accompaniment_id)
            .fetch_all(&self.pool)
            .await?)
    }
}
