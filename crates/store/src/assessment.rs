//! Self-assessment (autoévaluation) of an initiative's impact over five dimensions, repeated
//! over time, private unless published.
//!
//! What the store guarantees: answers are kept as written (JSON text of
//! `domain::assessment::Answer`), never edited; a list comes oldest first so that the evolution
//! reads in order; publishing changes only the flag and its date. Who reads what is the web's
//! job.

use crate::StoreResult;
use chrono::{DateTime, Utc};
use essaim_domain::assessment::Answer;
use uuid::Uuid;

/// `Assessment` rows (same SQL on both backends); the caller appends WHERE and ORDER.
pub const ASSESSMENT_SELECT: &str = "SELECT a.id, a.initiative_id, a.author_id,
    COALESCE(p.display_name, '') AS author_name, a.answers, a.is_published, a.created_at,
    a.published_at
    FROM self_assessments a LEFT JOIN people p ON p.id = a.author_id";

#[derive(Debug, Clone)]
pub struct NewAssessment {
    pub id: Uuid,
    pub initiative_id: Uuid,
    pub author_id: Uuid,
    pub answers: Vec<Answer>,
    pub created_at: DateTime<Utc>,
}

#[derive(Debug, Clone, PartialEq, Eq, sqlx::FromRow)]
pub struct Assessment {
    pub id: Uuid,
    pub initiative_id: Uuid,
    pub author_id: Option<Uuid>,
    pub author_name: String,
    /// JSON array of `domain::assessment::Answer`; see `answer_list`.
    pub answers: String,
    pub is_published: bool,
    pub created_at: DateTime<Utc>,
    pub published_at: Option<DateTime<Utc>>,
}

impl Assessment {
    /// The answers as written (empty if the stored text were ever unreadable).
    pub fn answer_list(&self) -> Vec<Answer> {
        serde_json::from_str(&self.answers).unwrap_or_default()
    }
}

/// The answers as the store keeps them.
pub fn answers_json(answers: &[Answer]) -> String {
    serde_json::to_string(answers).unwrap_or_else(|_| "[]".into())
}

/// Storage of this context. Implemented by both backends.
#[async_trait::async_trait]
pub trait AssessmentStore: Send + Sync {
    /// Records a self-assessment, unpublished. `NotFound` for an unknown initiative.
    async fn create_assessment(&self, new: &NewAssessment) -> StoreResult<Assessment>;
    async fn assessment(&self, id: Uuid) -> StoreResult<Option<Assessment>>;
    /// The initiative's self-assessments, oldest first; only published ones unless `all`.
    async fn assessments_of(&self, initiative: Uuid, all: bool) -> StoreResult<Vec<Assessment>>;
    /// Publishes (or withdraws) one; `published_at` is set on publication, cleared on withdrawal.
    /// False when there is no such assessment.
    async fn set_assessment_published(
        &self,
        id: Uuid,
        published: bool,
        at: DateTime<Utc>,
    ) -> StoreResult<bool>;
    /// The self-assessments a person wrote (for their personal data).
    async fn assessments_by(&self, author: Uuid) -> StoreResult<Vec<Assessment>>;
}
