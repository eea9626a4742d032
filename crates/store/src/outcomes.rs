//! Impact contracts (contrats à impact): outcomes, thresholds and payments agreed by a labelled
//! funder and an initiative, reached from verified measurements only.
//!
//! What the store guarantees: a contract and its outcomes are written in one transaction;
//! outcomes never change once proposed; the status moves only from the status the caller saw
//! (compare-and-set), with who and when. Whether an outcome is reached is not stored: the web
//! computes it from the measurements at every read (`domain::outcomes::assess`).

use crate::StoreResult;
use chrono::{DateTime, Utc};
use uuid::Uuid;

/// `Contract` rows (same SQL on both backends); the caller appends WHERE and ORDER.
pub const CONTRACT_SELECT: &str = "SELECT c.id, c.initiative_id, c.funder_structure_id,
    s.name AS funder_name, c.proposed_by, c.title, c.terms, c.starts_on, c.status, c.created_at,
    c.signed_by, c.signed_at, c.ended_by, c.ended_at
    FROM impact_contracts c JOIN structures s ON s.id = c.funder_structure_id";

/// `ContractOutcome` rows with their plan entry's indicator, in order.
pub const OUTCOME_SELECT: &str = "SELECT o.id, o.contract_id, o.entry_id, o.threshold, o.due_on,
    o.payment_cents, o.position, i.code AS indicator_code, i.name_fr AS indicator_name_fr,
    i.name_en AS indicator_name_en, i.unit, i.direction
    FROM impact_contract_outcomes o JOIN impact_plan_entries e ON e.id = o.entry_id
    JOIN impact_indicators i ON i.id = e.indicator_id";

#[derive(Debug, Clone)]
pub struct NewOutcome {
    pub entry_id: Uuid,
    pub threshold: f64,
    /// `YYYY-MM-DD`.
    pub due_on: String,
    pub payment_cents: i64,
}

#[derive(Debug, Clone)]
pub struct NewContract {
    pub id: Uuid,
    pub initiative_id: Uuid,
    pub funder_structure_id: Uuid,
    pub proposed_by: Uuid,
    pub title: String,
    pub terms: String,
    /// `YYYY-MM-DD`.
    pub starts_on: String,
    pub outcomes: Vec<NewOutcome>,
    pub created_at: DateTime<Utc>,
}

#[derive(Debug, Clone, PartialEq, Eq, sqlx::FromRow)]
pub struct Contract {
    pub id: Uuid,
    pub initiative_id: Uuid,
    pub funder_structure_id: Uuid,
    pub funder_name: String,
    pub proposed_by: Option<Uuid>,
    pub title: String,
    pub terms: String,
    pub starts_on: String,
    /// `domain::outcomes::Status::as_str`.
    pub status: String,
    pub created_at: DateTime<Utc>,
    pub signed_by: Option<Uuid>,
    pub signed_at: Option<DateTime<Utc>>,
    pub ended_by: Option<Uuid>,
    pub ended_at: Option<DateTime<Utc>>,
}

#[derive(Debug, Clone, PartialEq, sqlx::FromRow)]
pub struct ContractOutcome {
    pub id: Uuid,
    pub contract_id: Uuid,
    pub entry_id: Uuid,
    pub threshold: f64,
    pub due_on: String,
    pub payment_cents: i64,
    pub position: i32,
    pub indicator_code: String,
    pub indicator_name_fr: String,
    pub indicator_name_en: String,
    pub unit: String,
    /// `increase` or `decrease`.
    pub direction: String,
}

/// Storage of this context. Implemented by both backends.
#[async_trait::async_trait]
pub trait OutcomesStore: Send + Sync {
    /// Records a proposed contract with its outcomes. `NotFound` for an unknown initiative,
    /// structure or plan entry.
    async fn create_contract(&self, new: &NewContract) -> StoreResult<Contract>;
    async fn contract(&self, id: Uuid) -> StoreResult<Option<Contract>>;
    async fn contract_outcomes(&self, id: Uuid) -> StoreResult<Vec<ContractOutcome>>;
    /// Every contract, newest first (they are few; the web keeps those a person is party to).
    async fn list_contracts(&self) -> StoreResult<Vec<Contract>>;
    /// The contracts of an initiative, newest first.
    async fn contracts_of_initiative(&self, initiative: Uuid) -> StoreResult<Vec<Contract>>;
    /// Moves the status from `from` to `to`, recording `by` and `at` as signer (to `active`)
    /// or as ender (otherwise). False when the status is no longer `from`.
    async fn move_contract(
        &self,
        id: Uuid,
        from: &str,
        to: &str,
        by: Uuid,
        at: DateTime<Utc>,
    ) -> StoreResult<bool>;
}
