//! Review of funding applications and decisions: reviewers, conflicts of interest, even
//! assignment, blind scoring on weighted criteria, the funder's table, decisions within the
//! budget.
//!
//! What the store guarantees: one reviewer row per call and person, one conflict and one
//! review per application and person, one score per review and criterion (constraints); a
//! declared conflict removes the pair's assignment and review in the same transaction; a
//! review is written only while its pair is assigned and the review is not submitted, checked
//! in the transaction (`NOT_ASSIGNED`, `ALREADY_SUBMITTED`); a decision is written only on a
//! submitted or decided application whose decision was not sent (`NOT_DECIDABLE`,
//! `ALREADY_SENT`), and the call's granted total is checked against its budget after the write
//! and inside the same transaction, with the call locked against concurrent decisions
//! (`BUDGET_EXCEEDED`; SQLite holds its write lock from the first write, PostgreSQL locks the
//! call row `FOR UPDATE` first). Who may do what is the web's job (crates/web/src/review.rs).

use crate::funding::Application;
use crate::StoreResult;
use chrono::{DateTime, Utc};
use uuid::Uuid;

/// The codes of `StoreError::Conflict` this context returns (also Fluent message ids).
pub mod conflict {
    pub const NOT_ASSIGNED: &str = "review_not_assigned";
    pub const ALREADY_SUBMITTED: &str = "review_already_submitted";
    pub const NOT_DECIDABLE: &str = "review_not_decidable";
    pub const ALREADY_SENT: &str = "review_decision_already_sent";
    pub const BUDGET_EXCEEDED: &str = "review_budget_exceeded";
}

pub const REVIEWER_SELECT: &str = "SELECT r.call_id, r.person_id, p.display_name AS name,
    p.email, r.created_at FROM review_reviewers r JOIN people p ON p.id = r.person_id";

pub const CONFLICT_SELECT: &str = "SELECT c.application_id, c.person_id,
    p.display_name AS person_name, c.reason, c.created_at
    FROM review_conflicts c JOIN people p ON p.id = c.person_id";

pub const REVIEW_SELECT: &str = "SELECT r.id, r.application_id, r.reviewer_id,
    p.display_name AS reviewer_name, r.private_comment, r.shared_comment, r.share_comment,
    r.status, r.updated_at, r.submitted_at
    FROM reviews r JOIN people p ON p.id = r.reviewer_id";

#[derive(Debug, Clone, PartialEq, Eq, sqlx::FromRow)]
pub struct Reviewer {
    pub call_id: Uuid,
    pub person_id: Uuid,
    pub name: String,
    pub email: String,
    pub created_at: DateTime<Utc>,
}

#[derive(Debug, Clone)]
pub struct NewConflict {
    pub application_id: Uuid,
    pub person_id: Uuid,
    pub reason: String,
    pub at: DateTime<Utc>,
}

#[derive(Debug, Clone, PartialEq, Eq, sqlx::FromRow)]
pub struct Conflict {
    pub application_id: Uuid,
    pub person_id: Uuid,
    pub person_name: String,
    pub reason: String,
    pub created_at: DateTime<Utc>,
}

#[derive(Debug, Clone, PartialEq, Eq, sqlx::FromRow)]
pub struct Review {
    pub id: Uuid,
    pub application_id: Uuid,
    pub reviewer_id: Uuid,
    pub reviewer_name: String,
    pub private_comment: String,
    pub shared_comment: String,
    /// The funder shares `shared_comment` with the applicant (seen once the decision is sent).
    pub share_comment: bool,
    /// 'draft' or 'submitted'.
    pub status: String,
    pub updated_at: DateTime<Utc>,
    pub submitted_at: Option<DateTime<Utc>>,
}

impl Review {
    pub fn is_submitted(&self) -> bool {
        self.status == "submitted"
    }
}

#[derive(Debug, Clone, PartialEq, Eq, sqlx::FromRow)]
pub struct Score {
    pub review_id: Uuid,
    pub criterion_id: Uuid,
    pub score: i64,
}

/// A draft or a submission of a review: it replaces the comments and scores.
#[derive(Debug, Clone)]
pub struct NewReview {
    /// Used when the review is created.
    pub id: Uuid,
    pub application_id: Uuid,
    pub reviewer_id: Uuid,
    pub private_comment: String,
    pub shared_comment: String,
    pub scores: Vec<(Uuid, i64)>,
    pub submit: bool,
    pub at: DateTime<Utc>,
}

/// What the automatic exclusions are computed from (`domain::review::automatic_exclusion`).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ExclusionFacts {
    /// (application, structure linked to its initiative).
    pub partners: Vec<(Uuid, Uuid)>,
    /// (reviewer, structure they belong to), for the call's reviewers.
    pub memberships: Vec<(Uuid, Uuid)>,
}

#[derive(Debug, Clone)]
pub struct NewDecision {
    pub application_id: Uuid,
    /// 'granted', 'refused' or 'waitlisted'.
    pub status: String,
    pub amount_cents: Option<i64>,
    pub conditions: Option<String>,
    pub reason: Option<String>,
    pub by: Uuid,
    pub at: DateTime<Utc>,
}

/// What a person's data export holds of this context.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ReviewData {
    pub reviews: Vec<Review>,
    pub scores: Vec<Score>,
    pub conflicts: Vec<Conflict>,
}

/// Storage of this context. Implemented by both backends.
#[async_trait::async_trait]
pub trait ReviewStore: Send + Sync {
    /// `AlreadyExists` when already named; `NotFound` for no such call or person.
    async fn add_reviewer(
        &self,
        call_id: Uuid,
        person_id: Uuid,
        by: Uuid,
        at: DateTime<Utc>,
    ) -> StoreResult<Reviewer>;
    /// Removes the reviewer with their assignments and draft reviews in the call (submitted
    /// reviews stay: they were given). `NotFound` when they were not a reviewer.
    async fn remove_reviewer(&self, call_id: Uuid, person_id: Uuid) -> StoreResult<()>;
    /// By name.
    async fn reviewers(&self, call_id: Uuid) -> StoreResult<Vec<Reviewer>>;
    /// The calls this person reviews.
    async fn calls_reviewed_by(&self, person_id: Uuid) -> StoreResult<Vec<Uuid>>;
    /// Records (or rewrites the reason of) a conflict, and removes the pair's assignment and
    /// review in the same transaction.
    async fn declare_conflict(&self, c: &NewConflict) -> StoreResult<()>;
    /// The conflicts declared on the call's applications.
    async fn conflicts(&self, call_id: Uuid) -> StoreResult<Vec<Conflict>>;
    async fn exclusion_facts(&self, call_id: Uuid) -> StoreResult<ExclusionFacts>;
    /// (application, reviewer) pairs of the call, sorted.
    async fn assignments(&self, call_id: Uuid) -> StoreResult<Vec<(Uuid, Uuid)>>;
    /// Makes the call's assignments exactly `pairs` (removed pairs lose their draft review),
    /// in one transaction; returns the pairs that are new.
    async fn replace_assignments(
        &self,
        call_id: Uuid,
        pairs: &[(Uuid, Uuid)],
        at: DateTime<Utc>,
    ) -> StoreResult<Vec<(Uuid, Uuid)>>;
    async fn is_assigned(&self, application_id: Uuid, person_id: Uuid) -> StoreResult<bool>;
    async fn review_of(
        &self,
        application_id: Uuid,
        reviewer_id: Uuid,
    ) -> StoreResult<Option<Review>>;
    /// Writes a draft or submits (see the module's guarantees).
    async fn save_review(&self, r: &NewReview) -> StoreResult<Review>;
    /// Every review of the call's applications.
    async fn reviews_of_call(&self, call_id: Uuid) -> StoreResult<Vec<Review>>;
    /// Every score of the call's reviews.
    async fn scores_of_call(&self, call_id: Uuid) -> StoreResult<Vec<Score>>;
    async fn reviews_of_application(&self, application_id: Uuid) -> StoreResult<Vec<Review>>;
    async fn scores_of_review(&self, review_id: Uuid) -> StoreResult<Vec<Score>>;
    /// The funder's choice to share a review's shareable comment. `NotFound`.
    async fn set_share_comment(&self, review_id: Uuid, share: bool) -> StoreResult<()>;
    /// Writes a decision within the budget (see the module's guarantees).
    async fn record_decision(&self, d: &NewDecision) -> StoreResult<Application>;
    /// Marks every decided, unsent application of the call as sent at `at`; returns them.
    async fn send_decisions(
        &self,
        call_id: Uuid,
        at: DateTime<Utc>,
    ) -> StoreResult<Vec<Application>>;
    /// The sum granted in the call.
    async fn granted_total(&self, call_id: Uuid) -> StoreResult<i64>;
    /// For the person's data export.
    async fn review_data_of(&self, person_id: Uuid) -> StoreResult<ReviewData>;
}
