//! The network's relations: the banner (*bannière*, a charter signed by structures), labels
//! granted by the labelling committee, and accompaniment of initiatives by labelled support
//! structures.
//!
//! What the store guarantees:
//!
//! - one banner signature per structure; a structure removed by an admin stays listed with
//!   the public reason and cannot sign again (`BANNER_REMOVED`), withdrawing deletes the row;
//! - one open application (pending or granted) per structure and kind of label, by constraint
//!   (`AlreadyExists`);
//! - a label changes only from the status the caller expects (`LABEL_STATE` otherwise), in one
//!   UPDATE, so two committee members deciding at once cannot both win;
//! - one open accompaniment (proposed or active) per structure and initiative (`AlreadyExists`),
//!   and its status changes only from the statuses the caller allows (`ACCOMPANIMENT_STATE`).
//!
//! The SQL is the same on both backends (`$n` parameters, portable types), so it is written
//! once here, next to the types it fills, and each backend runs it on its own pool.

use crate::StoreResult;
use chrono::{DateTime, NaiveDate, Utc};
use essaim_domain::network::{AccompanimentStatus, FollowUpKind, LabelKind, LabelStatus};
use uuid::Uuid;

/// The codes of `StoreError::Conflict` this context returns (also message ids).
pub mod conflict {
    /// An admin removed the structure from the banner: it cannot sign again.
    pub const BANNER_REMOVED: &str = "network_banner_removed";
    /// The label is not in the status this change starts from.
    pub const LABEL_STATE: &str = "network_label_state";
    /// The accompaniment is not in a status this change starts from.
    pub const ACCOMPANIMENT_STATE: &str = "network_accompaniment_state";
    /// The summary or an agreement changed since the person read them.
    pub const PUBLICATION_CHANGED: &str = "network_publication_changed";
}

/// A public summary and both sides' agreement to publish it.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Publication {
    pub summary: String,
    pub publish_structure: bool,
    pub publish_initiative: bool,
}

/// A structure's signature of the banner, with its answers.
#[derive(Debug, Clone, PartialEq, sqlx::FromRow)]
pub struct BannerSignature {
    pub structure_id: Uuid,
    pub general_interest: String,
    pub governance: String,
    pub openness: String,
    pub signed_by: Option<Uuid>,
    pub signed_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
    /// Set when an admin removed the structure for breaking the charter.
    pub removed_at: Option<DateTime<Utc>>,
    pub removed_by: Option<Uuid>,
    /// Public.
    pub removed_reason: Option<String>,
}

pub const BANNER_COLUMNS: &str = "structure_id, general_interest, governance, openness, \
    signed_by, signed_at, updated_at, removed_at, removed_by, removed_reason";

/// An application for a label, and what the committee decided.
#[derive(Debug, Clone, PartialEq, sqlx::FromRow)]
pub struct Label {
    pub id: Uuid,
    pub structure_id: Uuid,
    #[sqlx(try_from = "String")]
    pub kind: LabelKind,
    #[sqlx(try_from = "String")]
    pub status: LabelStatus,
    /// Why the structure applies (Markdown).
    pub motivation: String,
    pub applied_by: Option<Uuid>,
    pub applied_at: DateTime<Utc>,
    /// The last decision (grant, refusal, renewal, revocation): who, when, why.
    pub decided_by: Option<Uuid>,
    pub decided_at: Option<DateTime<Utc>>,
    pub reason: Option<String>,
    /// A granted label counts through this day.
    pub expires_on: Option<NaiveDate>,
}

impl Label {
    /// Whether it counts on `today` (`domain::network::label_counts`).
    pub fn counts(&self, today: NaiveDate) -> bool {
        essaim_domain::network::label_counts(self.status, self.expires_on, today)
    }
}

pub const LABEL_COLUMNS: &str = "id, structure_id, kind, status, motivation, applied_by, \
    applied_at, decided_by, decided_at, reason, expires_on";

#[derive(Debug, Clone)]
pub struct NewLabel {
    pub id: Uuid,
    pub structure_id: Uuid,
    pub kind: LabelKind,
    pub motivation: String,
    pub applied_by: Uuid,
    pub applied_at: DateTime<Utc>,
}

/// A change of a label's status by the committee.
#[derive(Debug, Clone)]
pub struct LabelDecision {
    pub from: LabelStatus,
    pub to: LabelStatus,
    pub by: Uuid,
    pub at: DateTime<Utc>,
    pub reason: Option<String>,
    /// Kept as it was when `None`.
    pub expires_on: Option<NaiveDate>,
}

/// A comment of the review (committee or applicants), not public.
#[derive(Debug, Clone, PartialEq, Eq, sqlx::FromRow)]
pub struct LabelComment {
    pub id: Uuid,
    pub label_id: Uuid,
    pub author_id: Option<Uuid>,
    /// The author's display name (empty once erased).
    pub author_name: String,
    pub body: String,
    pub created_at: DateTime<Utc>,
}

/// A support structure accompanying an initiative.
#[derive(Debug, Clone, PartialEq, sqlx::FromRow)]
pub struct Accompaniment {
    pub id: Uuid,
    pub structure_id: Uuid,
    pub initiative_id: Uuid,
    #[sqlx(try_from = "String")]
    pub status: AccompanimentStatus,
    /// The proposal's message.
    pub message: String,
    pub proposed_by: Option<Uuid>,
    pub proposed_at: DateTime<Utc>,
    /// The last change of status: who and when.
    pub changed_by: Option<Uuid>,
    pub changed_at: Option<DateTime<Utc>>,
    /// The public summary (Markdown), shown only when both sides agreed.
    pub summary: String,
    pub publish_structure: bool,
    pub publish_initiative: bool,
}

impl Accompaniment {
    /// The summary is public when both sides agreed and there is one.
    pub fn summary_is_public(&self) -> bool {
        self.publish_structure && self.publish_initiative && !self.summary.is_empty()
    }
}

pub const ACCOMPANIMENT_COLUMNS: &str = "id, structure_id, initiative_id, status, message, \
    proposed_by, proposed_at, changed_by, changed_at, summary, publish_structure, \
    publish_initiative";

#[derive(Debug, Clone)]
pub struct NewAccompaniment {
    pub id: Uuid,
    pub structure_id: Uuid,
    pub initiative_id: Uuid,
    pub message: String,
    pub proposed_by: Uuid,
    pub proposed_at: DateTime<Utc>,
}

/// An entry of an accompaniment's follow-up log, visible to both sides only.
#[derive(Debug, Clone, PartialEq, Eq, sqlx::FromRow)]
pub struct FollowUpEntry {
    pub id: Uuid,
    pub accompaniment_id: Uuid,
    pub author_id: Option<Uuid>,
    pub author_name: String,
    #[sqlx(try_from = "String")]
    pub kind: FollowUpKind,
    pub happened_on: NaiveDate,
    /// Markdown.
    pub body: String,
    pub created_at: DateTime<Utc>,
}

#[derive(Debug, Clone)]
pub struct NewFollowUp {
    pub id: Uuid,
    pub accompaniment_id: Uuid,
    pub author_id: Uuid,
    pub kind: FollowUpKind,
    pub happened_on: NaiveDate,
    pub body: String,
    pub created_at: DateTime<Utc>,
}

/// What a person wrote in the network, for their personal data export: comments on label
/// applications and follow-up entries, oldest first.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct NetworkData {
    pub label_comments: Vec<LabelComment>,
    pub follow_ups: Vec<FollowUpEntry>,
}

#[async_trait::async_trait]
pub trait NetworkStore: Send + Sync {
    /// What the person wrote (`NetworkData`).
    async fn network_data_of(&self, person_id: Uuid) -> StoreResult<NetworkData>;
    /// Signs the banner or replaces the answers. `BANNER_REMOVED` when an admin removed the
    /// structure; `NotFound` when the structure or the person does not exist.
    async fn sign_banner(
        &self,
        structure_id: Uuid,
        answers: &essaim_domain::network::BannerAnswers,
        by: Uuid,
        at: DateTime<Utc>,
    ) -> StoreResult<BannerSignature>;
    async fn banner(&self, structure_id: Uuid) -> StoreResult<Option<BannerSignature>>;
    /// Withdraws a signature (not a removal: a removed structure stays listed). Whether there
    /// was one to withdraw.
    async fn withdraw_banner(&self, structure_id: Uuid) -> StoreResult<bool>;
    /// Removes a signing structure with a public reason. Whether it was signed and not removed.
    async fn remove_from_banner(
        &self,
        structure_id: Uuid,
        by: Uuid,
        reason: &str,
        at: DateTime<Utc>,
    ) -> StoreResult<bool>;
    /// Every signature, removed ones too, oldest first.
    async fn list_banner(&self) -> StoreResult<Vec<BannerSignature>>;

    /// `AlreadyExists` when the structure has a pending or granted label of this kind.
    async fn apply_for_label(&self, new: &NewLabel) -> StoreResult<Label>;
    async fn label(&self, id: Uuid) -> StoreResult<Option<Label>>;
    /// A structure's labels, newest first.
    async fn labels_of(&self, structure_id: Uuid) -> StoreResult<Vec<Label>>;
    /// Every label, or those of one status, oldest application first.
    async fn list_labels(&self, status: Option<LabelStatus>) -> StoreResult<Vec<Label>>;
    /// `LABEL_STATE` unless the label is in `decision.from`; `NotFound` when there is none.
    async fn decide_label(&self, id: Uuid, decision: &LabelDecision) -> StoreResult<Label>;
    async fn add_label_comment(
        &self,
        label_id: Uuid,
        author_id: Uuid,
        body: &str,
        at: DateTime<Utc>,
    ) -> StoreResult<LabelComment>;
    async fn label_comments(&self, label_id: Uuid) -> StoreResult<Vec<LabelComment>>;

    /// `AlreadyExists` when one is proposed or active between them; `NotFound` when the
    /// structure or the initiative does not exist.
    async fn propose_accompaniment(&self, new: &NewAccompaniment) -> StoreResult<Accompaniment>;
    async fn accompaniment(&self, id: Uuid) -> StoreResult<Option<Accompaniment>>;
    /// Newest first.
    async fn accompaniments_of_structure(
        &self,
        structure_id: Uuid,
    ) -> StoreResult<Vec<Accompaniment>>;
    /// Newest first.
    async fn accompaniments_of_initiative(
        &self,
        initiative_id: Uuid,
    ) -> StoreResult<Vec<Accompaniment>>;
    /// `ACCOMPANIMENT_STATE` unless its status is one of `from`.
    async fn set_accompaniment_status(
        &self,
        id: Uuid,
        from: &[AccompanimentStatus],
        to: AccompanimentStatus,
        by: Uuid,
        at: DateTime<Utc>,
    ) -> StoreResult<Accompaniment>;
    /// Replaces the summary and both sides' agreement to publish it, compare-and-set: only
    /// if they are still what the person saw (`seen`), else `Conflict(PUBLICATION_CHANGED)`;
    /// an agreement never republishes a text its side did not read.
    async fn set_accompaniment_publication(
        &self,
        id: Uuid,
        seen: &Publication,
        new: &Publication,
    ) -> StoreResult<Accompaniment>;
    async fn add_follow_up(&self, new: &NewFollowUp) -> StoreResult<FollowUpEntry>;
    /// Most recent date first.
    async fn follow_ups(&self, accompaniment_id: Uuid) -> StoreResult<Vec<FollowUpEntry>>;
}
