use crate::PgStore;
use chrono::{DateTime, Utc};
use essaim_store::outcomes::{
    Contract, ContractOutcome, NewContract, CONTRACT_SELECT, OUTCOME_SELECT,
};
use essaim_store::{OutcomesStore, StoreError, StoreResult};
use uuid::Uuid;

fn on_write_error(err: sqlx::Error) -> StoreError {
    match &err {
        sqlx::Error::Database(db) if db.is_foreign_key_violation() => StoreError::NotFound,
        _ => StoreError::Database(err),
    }
}

#[async_trait::async_trait]
impl OutcomesStore for PgStore {
    async fn create_contract(&self, new: &NewContract) -> StoreResult<Contract> {
        let mut tx = self.pool.begin().await?;
        sqlx::query(
            "INSERT INTO impact_contracts (id, initiative_id, funder_structure_id, proposed_by,
                 title, terms, starts_on, status, created_at)
             VALUES ($1, $2, $3, $4, $5, $6, $7, 'proposed', $8)",
        )
        .bind(new.id)
        .bind(new.initiative_id)
        .bind(new.funder_structure_id)
        .bind(new.proposed_by)
        .bind(&new.title)
        .bind(&new.terms)
        .bind(&new.starts_on)
        .bind(new.created_at)
        .execute(&mut *tx)
        .await
        .map_err(on_write_error)?;
        for (position, o) in new.outcomes.iter().enumerate() {
            sqlx::query(
                "INSERT INTO impact_contract_outcomes (id, contract_id, entry_id, threshold,
                     due_on, payment_cents, position) VALUES ($1, $2, $3, $4, $5, $6, $7)",
            )
            .bind(Uuid::now_v7())
            .bind(new.id)
            .bind(o.entry_id)
            .bind(o.threshold)
            .bind(&o.due_on)
            .bind(o.payment_cents)
            .bind(position as i32)
            .execute(&mut *tx)
            .await
            .map_err(on_write_error)?;
        }
        let row: Contract = sqlx::query_as(&format!("{CONTRACT_SELECT} WHERE c.id = $1"))
            .bind(new.id)
            .fetch_one(&mut *tx)
            .await?;
        tx.commit().await?;
        Ok(row)
    }

    async fn contract(&self, id: Uuid) -> StoreResult<Option<Contract>> {
        Ok(
            sqlx::query_as(&format!("{CONTRACT_SELECT} WHERE c.id = $1"))
                .bind(id)
                .fetch_optional(&self.pool)
                .await?,
        )
    }

    async fn contract_outcomes(&self, id: Uuid) -> StoreResult<Vec<ContractOutcome>> {
        Ok(sqlx::query_as(&format!(
            "{OUTCOME_SELECT} WHERE o.contract_id = $1 ORDER BY o.position"
        ))
        .bind(id)
        .fetch_all(&self.pool)
        .await?)
    }

    async fn list_contracts(&self) -> StoreResult<Vec<Contract>> {
        Ok(sqlx::query_as(&format!(
            "{CONTRACT_SELECT} ORDER BY c.created_at DESC, c.id DESC"
        ))
        .fetch_all(&self.pool)
        .await?)
    }

    async fn contracts_of_initiative(&self, initiative: Uuid) -> StoreResult<Vec<Contract>> {
        Ok(sqlx::query_as(&format!(
            "{CONTRACT_SELECT} WHERE c.initiative_id = $1 ORDER BY c.created_at DESC, c.id DESC"
        ))
        .bind(initiative)
        .fetch_all(&self.pool)
        .await?)
    }

    async fn move_contract(
        &self,
        id: Uuid,
        from: &str,
        to: &str,
        by: Uuid,
        at: DateTime<Utc>,
    ) -> StoreResult<bool> {
        let sql = if to == "active" {
            "UPDATE impact_contracts SET status = $3, signed_by = $4, signed_at = $5
             WHERE id = $1 AND status = $2"
        } else {
            "UPDATE impact_contracts SET status = $3, ended_by = $4, ended_at = $5
             WHERE id = $1 AND status = $2"
        };
        let done = sqlx::query(sql)
            .bind(id)
            .bind(from)
            .bind(to)
            .bind(by)
            .bind(at)
            .execute(&self.pool)
            .await?;
        Ok(done.rows_affected() == 1)
    }
}
