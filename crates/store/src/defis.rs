//! Défis (challenges) posted by structures: co-owned by several structures (associations,
//! public bodies and companies building policy together, French Impact's *Filières*), backed
//! by sponsors, tagged with the thematic challenges of the initiatives' catalogue and a
//! territory.
//!
//! What the store guarantees: a défi has at least one owner; a structure is either an owner or
//! a sponsor of a défi, never both (an owner listed as a sponsor stays an owner); the challenge
//! codes exist (`NotFound` otherwise); writes run in one transaction each and roll back
//! explicitly on any refusal.

use crate::StoreResult;
use chrono::{DateTime, Utc};
use uuid::Uuid;

/// The named refusals (`StoreError::Conflict`), also the message ids shown to people.
pub mod conflict {
    /// The structure already owns the défi.
    pub const ALREADY_OWNER: &str = "defis-already-owner";
    /// A défi is created with at least one owner.
    pub const NO_OWNER: &str = "defis-no-owner";
    /// A hackathon gathering the défi has jury scores: no new owner or sponsor (its members
    /// would have scored teams of a défi their structure backs).
    pub const SCORED: &str = "defis-scored";
}

/// Whether défi `$1` is gathered by a hackathon whose jury has scored (same SQL on both
/// backends).
pub const SCORED_SQL: &str = "SELECT EXISTS (SELECT 1 FROM hackathon_defis hd
    JOIN hackathon_teams t ON t.event_id = hd.event_id
    JOIN jury_scores s ON s.team_id = t.id
    WHERE hd.defi_id = $1)";

/// `DefiRow` rows (same SQL on both backends); the caller appends WHERE and ORDER.
pub const DEFI_SELECT: &str = "SELECT d.id, d.title, d.context, d.question, d.deliverable,
    d.territory, d.departement, d.region, d.status, d.created_by, d.created_at, d.updated_at
    FROM defis d";

/// What a manager of an owner structure sets (creation and edits).
#[derive(Debug, Clone, Default)]
pub struct DefiFields {
    pub title: String,
    /// Markdown.
    pub context: String,
    pub question: String,
    pub deliverable: String,
    /// A territory reference ("departement:29", "commune:29019"), or '' for the whole country.
    pub territory: String,
    pub departement: Option<String>,
    pub region: Option<String>,
    /// "draft", "published" or "closed".
    pub status: String,
    /// Codes of the `challenges` table.
    pub challenges: Vec<String>,
    /// Structures backing the défi (owners among them are ignored).
    pub sponsors: Vec<Uuid>,
}

#[derive(Debug, Clone)]
pub struct NewDefi {
    pub id: Uuid,
    pub fields: DefiFields,
    /// At least one structure.
    pub owners: Vec<Uuid>,
    pub created_by: Uuid,
    pub created_at: DateTime<Utc>,
}

#[derive(Debug, Clone, PartialEq, Eq, sqlx::FromRow)]
pub struct DefiRow {
    pub id: Uuid,
    pub title: String,
    pub context: String,
    pub question: String,
    pub deliverable: String,
    pub territory: String,
    pub departement: Option<String>,
    pub region: Option<String>,
    pub status: String,
    pub created_by: Option<Uuid>,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
}

/// A défi with its challenges and structures.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Defi {
    pub row: DefiRow,
    /// Challenge codes, in the catalogue's order.
    pub challenges: Vec<String>,
    /// (id, name), by name.
    pub owners: Vec<(Uuid, String)>,
    /// (id, name), by name.
    pub sponsors: Vec<(Uuid, String)>,
}

impl Defi {
    pub fn is_owner(&self, structure_id: Uuid) -> bool {
        self.owners.iter().any(|(id, _)| *id == structure_id)
    }
}

/// Which défis a catalogue page holds; newest change first.
#[derive(Debug, Clone, Default)]
pub struct DefiFilter {
    pub challenge: Option<String>,
    pub departement: Option<String>,
    pub region: Option<String>,
    pub status: Option<String>,
    /// Défis this structure owns or sponsors.
    pub structure: Option<Uuid>,
    /// Which drafts are listed and counted (none by default).
    pub drafts: Drafts,
    pub limit: i64,
    pub offset: i64,
}

/// The drafts a catalogue holds: filtered in the query, so pages are full and counts exact.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum Drafts {
    #[default]
    Hidden,
    /// Those of the structures this person manages (the drafts they may open).
    ManagedBy(Uuid),
    /// Every draft (admins).
    All,
}

impl Drafts {
    /// (every draft, the person whose managed drafts are shown), as the queries bind them.
    pub fn binds(self) -> (bool, Option<Uuid>) {
        match self {
            Drafts::Hidden => (false, None),
            Drafts::ManagedBy(p) => (false, Some(p)),
            Drafts::All => (true, None),
        }
    }
}

/// Storage of this context. Implemented by both backends.
#[async_trait::async_trait]
pub trait DefiStore: Send + Sync {
    /// `NotFound` when an owner, a sponsor, a challenge code or the creator does not exist;
    /// `Conflict(NO_OWNER)` without owners.
    async fn create_defi(&self, d: &NewDefi) -> StoreResult<Defi>;
    /// Rewrites the fields, the challenges and the sponsors; the owners stay.
    /// `Conflict(SCORED)` when it adds a sponsor to a défi whose hackathon's jury has scored.
    async fn update_defi(&self, id: Uuid, f: &DefiFields, at: DateTime<Utc>) -> StoreResult<Defi>;
    /// Adds a co-owner (a sponsor becomes an owner). `Conflict(ALREADY_OWNER | SCORED)`;
    /// `NotFound`.
    async fn add_defi_owner(
        &self,
        id: Uuid,
        structure_id: Uuid,
        at: DateTime<Utc>,
    ) -> StoreResult<Defi>;
    async fn get_defi(&self, id: Uuid) -> StoreResult<Option<Defi>>;
    async fn list_defis(&self, f: &DefiFilter) -> StoreResult<Vec<Defi>>;
    async fn count_defis(&self, f: &DefiFilter) -> StoreResult<i64>;
}
