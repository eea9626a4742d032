//! Calls for projects, funds and prizes: the call, its eligibility, questions and criteria;
//! applications with their frozen initiative, answers and PDF documents; prize results; awards
//! as SCDL open data.
//!
//! What the store guarantees: a call is written with its eligibility, criteria and questions in
//! one transaction, and rewritten whole only while it is a draft (`CALL_NOT_DRAFT` otherwise);
//! statuses change only from the status the caller saw; one live (not withdrawn) application per
//! call and initiative (`AlreadyExists`, by a partial unique index); answers and documents change
//! only while the application is a draft; a submission reads the call's closing time in the same
//! transaction and is refused at or after it (`DEADLINE_PASSED`), whatever the caller checked
//! before. Who may do what is the web's job (crates/web/src/funding.rs).
//!
//! The decision columns of `funding_applications` are written by the review context; this one
//! only reads them (prize results, the initiative's prizes, SCDL awards).

use crate::StoreResult;
use chrono::{DateTime, Utc};
use essaim_domain::funding::Eligibility;
use uuid::Uuid;

/// The codes of `StoreError::Conflict` this context returns (also Fluent message ids).
pub mod conflict {
    /// The call is no longer a draft: it can only be edited safely (see `edit_published_call`).
    pub const CALL_NOT_DRAFT: &str = "funding-call-not-draft";
    /// The call's status is no longer the one the change started from.
    pub const CALL_STATUS_CHANGED: &str = "funding-call-status-changed";
    /// The application is no longer a draft (submitted, withdrawn or decided).
    pub const APPLICATION_NOT_DRAFT: &str = "funding-application-not-draft";
    /// The call closed: the server's clock at submission is at or after `closes_at`.
    pub const DEADLINE_PASSED: &str = "funding-deadline-passed";
    /// The call is not open to submissions (a draft, or closed by its funder).
    pub const CALL_NOT_OPEN: &str = "funding-call-not-open";
    /// Withdrawal after a decision, or of an application already withdrawn.
    pub const CANNOT_WITHDRAW: &str = "funding-cannot-withdraw";
    /// The application already holds `MAX_DOCUMENTS` documents or `MAX_DOCUMENTS_BYTES`.
    pub const DOCUMENTS_LIMIT: &str = "funding-documents-limit";
}

/// Documents one application may hold, and their total size: checked in the transaction that
/// adds one, so that parallel uploads cannot pass the limits together.
pub const MAX_DOCUMENTS: i64 = 20;
pub const MAX_DOCUMENTS_BYTES: i64 = 50 * 1024 * 1024;

/// `Call` rows (same SQL on both backends); the caller appends WHERE and ORDER.
pub const CALL_SELECT: &str = "SELECT c.id, c.structure_id, s.name AS structure_name, c.kind,
    c.title, c.description, c.currency, c.budget_cents, c.min_award_cents, c.max_award_cents,
    c.opens_at, c.closes_at, c.decision_on, c.reviewers_per_application, c.publish_awards,
    c.status, c.created_by, c.created_at, c.updated_at
    FROM funding_calls c JOIN structures s ON s.id = c.structure_id";

/// `Application` rows; the caller appends WHERE and ORDER.
pub const APPLICATION_SELECT: &str = "SELECT a.id, a.call_id, c.title AS call_title,
    c.kind AS call_kind, a.structure_id, s.name AS structure_name, a.initiative_id, a.snapshot,
    a.status, a.submitted_at, a.withdrawn_at, a.created_by, a.created_at, a.updated_at,
    a.decision_amount_cents, a.decision_conditions, a.decision_reason, a.decided_at,
    a.decided_by, a.decision_sent_at
    FROM funding_applications a JOIN funding_calls c ON c.id = a.call_id
    JOIN structures s ON s.id = a.structure_id";

/// A call as written by its funder (create, or rewrite while a draft).
#[derive(Debug, Clone)]
pub struct NewCall {
    pub id: Uuid,
    pub structure_id: Uuid,
    /// `domain::funding::CallKind::as_str`.
    pub kind: String,
    pub title: String,
    /// Markdown.
    pub description: String,
    pub currency: String,
    pub budget_cents: i64,
    pub min_award_cents: i64,
    pub max_award_cents: i64,
    pub opens_at: DateTime<Utc>,
    pub closes_at: DateTime<Utc>,
    /// `YYYY-MM-DD`.
    pub decision_on: Option<String>,
    pub reviewers_per_application: i32,
    pub publish_awards: bool,
    pub eligibility: Eligibility,
    pub criteria: Vec<NewCriterion>,
    pub questions: Vec<NewQuestion>,
    pub created_by: Uuid,
    pub at: DateTime<Utc>,
}

#[derive(Debug, Clone)]
pub struct NewCriterion {
    pub name: String,
    pub description: String,
    pub weight: i32,
    pub scale_max: i32,
}

#[derive(Debug, Clone)]
pub struct NewQuestion {
    pub label: String,
    /// `domain::funding::QuestionKind::as_str`.
    pub kind: String,
    /// For choices: one option per line.
    pub choices: String,
    pub required: bool,
}

#[derive(Debug, Clone, PartialEq, Eq, sqlx::FromRow)]
pub struct Call {
    pub id: Uuid,
    /// The funder structure.
    pub structure_id: Uuid,
    pub structure_name: String,
    /// 'call', 'fund' or 'prize'.
    pub kind: String,
    pub title: String,
    pub description: String,
    pub currency: String,
    pub budget_cents: i64,
    pub min_award_cents: i64,
    pub max_award_cents: i64,
    pub opens_at: DateTime<Utc>,
    pub closes_at: DateTime<Utc>,
    pub decision_on: Option<String>,
    pub reviewers_per_application: i32,
    pub publish_awards: bool,
    /// 'draft', 'published' or 'closed'.
    pub status: String,
    pub created_by: Option<Uuid>,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
}

impl Call {
    /// Published and within its dates: applications may be submitted.
    pub fn is_open(&self, now: DateTime<Utc>) -> bool {
        self.status == "published" && self.opens_at <= now && now < self.closes_at
    }

    /// Anyone may read it (published or closed).
    pub fn is_public(&self) -> bool {
        self.status != "draft"
    }
}

#[derive(Debug, Clone, PartialEq, Eq, sqlx::FromRow)]
pub struct Criterion {
    pub id: Uuid,
    pub call_id: Uuid,
    pub position: i32,
    pub name: String,
    pub description: String,
    pub weight: i32,
    /// A score is an integer in 0..=scale_max.
    pub scale_max: i32,
}

#[derive(Debug, Clone, PartialEq, Eq, sqlx::FromRow)]
pub struct Question {
    pub id: Uuid,
    pub call_id: Uuid,
    pub position: i32,
    pub label: String,
    pub kind: String,
    pub choices: String,
    pub required: bool,
}

impl Question {
    pub fn choice_list(&self) -> Vec<&str> {
        self.choices
            .lines()
            .map(str::trim)
            .filter(|c| !c.is_empty())
            .collect()
    }
}

/// Which calls a catalogue shows: published or closed ones, optionally open at `open_at`,
/// of a kind, open to a challenge or to a territory reference (a call without restriction on
/// that dimension counts as open to it).
#[derive(Debug, Clone, Default)]
pub struct CallFilter {
    pub open_at: Option<DateTime<Utc>>,
    pub kind: Option<String>,
    pub challenge: Option<String>,
    pub territory: Option<String>,
}

/// The safe edits of a published call: wording, a later closing time, the date of decisions.
#[derive(Debug, Clone)]
pub struct CallEdit {
    pub description: String,
    pub closes_at: DateTime<Utc>,
    pub decision_on: Option<String>,
    pub at: DateTime<Utc>,
}

#[derive(Debug, Clone)]
pub struct NewApplication {
    pub id: Uuid,
    pub call_id: Uuid,
    pub structure_id: Uuid,
    pub initiative_id: Uuid,
    pub created_by: Uuid,
    pub at: DateTime<Utc>,
}

#[derive(Debug, Clone, PartialEq, Eq, sqlx::FromRow)]
pub struct Application {
    pub id: Uuid,
    pub call_id: Uuid,
    pub call_title: String,
    pub call_kind: String,
    /// The applicant structure.
    pub structure_id: Uuid,
    pub structure_name: String,
    pub initiative_id: Uuid,
    /// JSON `domain::funding::Snapshot`, '' until submitted.
    pub snapshot: String,
    /// 'draft', 'submitted', 'withdrawn', 'granted', 'refused' or 'waitlisted'.
    pub status: String,
    pub submitted_at: Option<DateTime<Utc>>,
    pub withdrawn_at: Option<DateTime<Utc>>,
    pub created_by: Option<Uuid>,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
    pub decision_amount_cents: Option<i64>,
    pub decision_conditions: Option<String>,
    pub decision_reason: Option<String>,
    pub decided_at: Option<DateTime<Utc>>,
    pub decided_by: Option<Uuid>,
    /// Set when the funder sent the decision: only then may the applicant and the public see it.
    pub decision_sent_at: Option<DateTime<Utc>>,
}

impl Application {
    /// Granted and the decision sent: a public award (prize winner, SCDL row).
    pub fn is_sent_award(&self) -> bool {
        self.status == "granted" && self.decision_sent_at.is_some()
    }
}

#[derive(Debug, Clone, PartialEq, Eq, sqlx::FromRow)]
pub struct Answer {
    pub question_id: Uuid,
    pub value: String,
}

#[derive(Debug, Clone)]
pub struct NewDocument {
    pub id: Uuid,
    pub application_id: Uuid,
    pub question_id: Option<Uuid>,
    pub name: String,
    pub sha256: String,
    pub data: Vec<u8>,
    pub uploaded_by: Uuid,
    pub at: DateTime<Utc>,
}

/// A document without its bytes.
#[derive(Debug, Clone, PartialEq, Eq, sqlx::FromRow)]
pub struct DocumentMeta {
    pub id: Uuid,
    pub application_id: Uuid,
    pub question_id: Option<Uuid>,
    pub name: String,
    pub size: i64,
    pub sha256: String,
    pub created_at: DateTime<Utc>,
}

#[derive(Debug, Clone, PartialEq, Eq, sqlx::FromRow)]
pub struct Document {
    pub id: Uuid,
    pub application_id: Uuid,
    pub name: String,
    pub sha256: String,
    pub data: Vec<u8>,
}

/// A granted award whose decision was sent, of a public call that publishes its awards: one
/// row of the SCDL *subventions* file.
#[derive(Debug, Clone, PartialEq, Eq, sqlx::FromRow)]
pub struct Award {
    pub application_id: Uuid,
    pub call_id: Uuid,
    pub call_title: String,
    pub call_kind: String,
    pub currency: String,
    pub funder_name: String,
    pub funder_siret: Option<String>,
    pub beneficiary_id: Uuid,
    pub beneficiary_name: String,
    pub beneficiary_siret: Option<String>,
    pub beneficiary_rna: Option<String>,
    pub initiative_id: Uuid,
    pub snapshot: String,
    pub amount_cents: i64,
    pub conditions: Option<String>,
    pub decided_at: DateTime<Utc>,
    pub sent_at: DateTime<Utc>,
}

/// `Award` rows: granted, sent, public call with `publish_awards`. Same SQL on both backends.
pub const AWARD_SELECT: &str = "SELECT a.id AS application_id, c.id AS call_id,
    c.title AS call_title, c.kind AS call_kind, c.currency, f.name AS funder_name,
    f.siret AS funder_siret, b.id AS beneficiary_id, b.name AS beneficiary_name,
    b.siret AS beneficiary_siret, b.rna AS beneficiary_rna, a.initiative_id, a.snapshot,
    a.decision_amount_cents AS amount_cents, a.decision_conditions AS conditions,
    a.decided_at, a.decision_sent_at AS sent_at
    FROM funding_applications a JOIN funding_calls c ON c.id = a.call_id
    JOIN structures f ON f.id = c.structure_id JOIN structures b ON b.id = a.structure_id
    WHERE a.status = 'granted' AND a.decision_sent_at IS NOT NULL AND a.decided_at IS NOT NULL
    AND a.decision_amount_cents IS NOT NULL AND c.status <> 'draft' AND c.publish_awards";

/// Storage of this context. Implemented by both backends.
#[async_trait::async_trait]
pub trait FundingStore: Send + Sync {
    /// Writes a draft call with its eligibility, criteria and questions.
    async fn create_call(&self, new: &NewCall) -> StoreResult<Call>;
    /// Rewrites a draft call whole (`new.id`); `CALL_NOT_DRAFT` once published, `NotFound`.
    async fn update_call(&self, new: &NewCall) -> StoreResult<Call>;
    /// The safe edits of a published call; `CALL_STATUS_CHANGED` when it is not published.
    async fn edit_published_call(&self, id: Uuid, edit: &CallEdit) -> StoreResult<Call>;
    /// Moves a call from `from` to `to`; `CALL_STATUS_CHANGED` when it is no longer `from`.
    async fn set_call_status(
        &self,
        id: Uuid,
        from: &str,
        to: &str,
        at: DateTime<Utc>,
    ) -> StoreResult<Call>;
    async fn call(&self, id: Uuid) -> StoreResult<Option<Call>>;
    async fn call_eligibility(&self, call_id: Uuid) -> StoreResult<Eligibility>;
    /// In position order.
    async fn call_criteria(&self, call_id: Uuid) -> StoreResult<Vec<Criterion>>;
    /// In position order.
    async fn call_questions(&self, call_id: Uuid) -> StoreResult<Vec<Question>>;
    /// Public calls matching the filter, those closing first first.
    async fn list_calls(&self, filter: &CallFilter) -> StoreResult<Vec<Call>>;
    /// Every call of a funder structure, drafts included, newest first.
    async fn calls_of_structure(&self, structure_id: Uuid) -> StoreResult<Vec<Call>>;

    /// A draft application; `AlreadyExists` when the initiative has a live one in the call.
    async fn create_application(&self, new: &NewApplication) -> StoreResult<Application>;
    async fn application(&self, id: Uuid) -> StoreResult<Option<Application>>;
    /// Every application of a call, whatever its status, oldest first.
    async fn applications_of_call(&self, call_id: Uuid) -> StoreResult<Vec<Application>>;
    /// Every application of an applicant structure, newest first.
    async fn applications_of_structure(&self, structure_id: Uuid) -> StoreResult<Vec<Application>>;
    /// Replaces the answers of a draft application; `APPLICATION_NOT_DRAFT` otherwise.
    async fn save_answers(
        &self,
        application_id: Uuid,
        answers: &[Answer],
        at: DateTime<Utc>,
    ) -> StoreResult<()>;
    async fn answers(&self, application_id: Uuid) -> StoreResult<Vec<Answer>>;
    /// Adds a document to a draft application; `APPLICATION_NOT_DRAFT` otherwise.
    async fn add_document(&self, new: &NewDocument) -> StoreResult<DocumentMeta>;
    async fn documents(&self, application_id: Uuid) -> StoreResult<Vec<DocumentMeta>>;
    async fn document(&self, id: Uuid) -> StoreResult<Option<Document>>;
    /// Removes a document of a draft application; false when there was none such.
    async fn delete_document(&self, id: Uuid) -> StoreResult<bool>;
    /// Draft → submitted with the frozen initiative, if the call is published and `at` is
    /// before its closing time (read in the same transaction): `DEADLINE_PASSED`,
    /// `CALL_NOT_OPEN`, `APPLICATION_NOT_DRAFT`.
    async fn submit_application(
        &self,
        id: Uuid,
        snapshot: &str,
        at: DateTime<Utc>,
    ) -> StoreResult<Application>;
    /// Draft or submitted (no decision recorded) → withdrawn; `CANNOT_WITHDRAW` otherwise.
    async fn withdraw_application(&self, id: Uuid, at: DateTime<Utc>) -> StoreResult<Application>;

    /// Every public award (see `Award`), oldest decision first.
    async fn awards(&self) -> StoreResult<Vec<Award>>;
    /// The sent, granted applications of prizes for this initiative (its prizes), newest first.
    async fn prizes_of_initiative(&self, initiative_id: Uuid) -> StoreResult<Vec<Application>>;
}
