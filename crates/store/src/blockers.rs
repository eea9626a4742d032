//! Administrative blockers (*hackers publics*): reports, routing to public hackers, statuses and
//! the aggregate view.
//!
//! What the store guarantees: a blocker and the hackers it is routed to are written in one
//! transaction; a status changes only from the status the caller saw (`STATUS_CHANGED`
//! otherwise, so two hackers acting at once cannot both move it), with its event in the same
//! transaction, and `unblocked_at` follows the status; a person holds one remit per territory
//! and theme (`AlreadyExists`, by constraint). Reading who may see what is the web's job; the
//! list filter only applies it in SQL.

use crate::StoreResult;
use chrono::{DateTime, Utc};
use uuid::Uuid;

/// The codes of `StoreError::Conflict` this context returns.
pub mod conflict {
    /// The blocker's status is no longer the one the change started from.
    pub const STATUS_CHANGED: &str = "blockers_status_changed";
}

/// `Blocker` rows (same SQL on both backends); the caller appends WHERE and ORDER.
pub const BLOCKER_SELECT: &str = "SELECT b.id, b.reporter_id, p.display_name AS reporter_name,
    b.structure_id, b.title, b.description, b.administration, b.administration_key, b.since,
    b.tried, b.territory, b.departement, b.region, b.theme, b.is_public, b.status, b.created_at,
    b.updated_at, b.unblocked_at
    FROM blockers b JOIN people p ON p.id = b.reporter_id";

/// The visibility and status filter of lists: $1 everything (admins), $2 the viewer (reporter
/// or routed hacker who still holds a remit), $3 a status or NULL.
pub const BLOCKER_FILTER: &str = " WHERE ($1 OR b.is_public OR b.reporter_id = $2
    OR EXISTS (SELECT 1 FROM blocker_hackers h WHERE h.blocker_id = b.id AND h.person_id = $2
        AND EXISTS (SELECT 1 FROM public_hackers ph WHERE ph.person_id = $2)))
    AND ($3 IS NULL OR b.status = $3)";

pub const EVENT_SELECT: &str = "SELECT e.id, e.blocker_id, e.author_id,
    COALESCE(p.display_name, '') AS author_name, e.status, e.body, e.created_at
    FROM blocker_events e LEFT JOIN people p ON p.id = e.author_id";

pub const HACKER_SELECT: &str = "SELECT h.id, h.person_id, p.display_name AS person_name,
    p.email AS person_email, h.territory, h.theme, h.created_at
    FROM public_hackers h JOIN people p ON p.id = h.person_id";

/// A new report, with the people it is routed to (in order, most specific first).
#[derive(Debug, Clone)]
pub struct NewBlocker {
    pub id: Uuid,
    pub reporter_id: Uuid,
    pub structure_id: Option<Uuid>,
    pub title: String,
    /// Markdown.
    pub description: String,
    pub administration: String,
    pub administration_key: String,
    /// `YYYY-MM-DD`.
    pub since: Option<String>,
    /// Markdown.
    pub tried: String,
    /// A territory reference ("commune:29019").
    pub territory: String,
    pub departement: Option<String>,
    pub region: Option<String>,
    /// A challenge code.
    pub theme: Option<String>,
    pub public: bool,
    pub created_at: DateTime<Utc>,
    pub routed_to: Vec<Uuid>,
}

#[derive(Debug, Clone, PartialEq, Eq, sqlx::FromRow)]
pub struct Blocker {
    pub id: Uuid,
    pub reporter_id: Uuid,
    pub reporter_name: String,
    pub structure_id: Option<Uuid>,
    pub title: String,
    pub description: String,
    pub administration: String,
    pub administration_key: String,
    pub since: Option<String>,
    pub tried: String,
    pub territory: String,
    pub departement: Option<String>,
    pub region: Option<String>,
    pub theme: Option<String>,
    pub is_public: bool,
    /// `domain::blockers::Status::as_str`.
    pub status: String,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
    pub unblocked_at: Option<DateTime<Utc>>,
}

/// Which blockers a list holds: those `viewer` may read (public, reported by them or routed
/// to them), or all of them for admins; optionally one status.
#[derive(Debug, Clone, Default)]
pub struct BlockerFilter {
    pub everything: bool,
    pub viewer: Option<Uuid>,
    pub status: Option<String>,
}

/// A message, or a change of status (with an optional note).
#[derive(Debug, Clone)]
pub struct NewEvent {
    pub id: Uuid,
    pub blocker_id: Uuid,
    pub author_id: Uuid,
    /// The new status, for a change of status.
    pub status: Option<String>,
    /// Plain text (a message or the note of a change).
    pub body: String,
    pub created_at: DateTime<Utc>,
}

#[derive(Debug, Clone, PartialEq, Eq, sqlx::FromRow)]
pub struct Event {
    pub id: Uuid,
    pub blocker_id: Uuid,
    pub author_id: Option<Uuid>,
    pub author_name: String,
    pub status: Option<String>,
    pub body: String,
    pub created_at: DateTime<Utc>,
}

/// A public hacker's remit: a person, a territory and a theme ("" for every theme).
#[derive(Debug, Clone)]
pub struct NewHacker {
    pub id: Uuid,
    pub person_id: Uuid,
    pub territory: String,
    pub theme: String,
    pub created_by: Uuid,
    pub created_at: DateTime<Utc>,
}

#[derive(Debug, Clone, PartialEq, Eq, sqlx::FromRow)]
pub struct Hacker {
    pub id: Uuid,
    pub person_id: Uuid,
    pub person_name: String,
    pub person_email: String,
    pub territory: String,
    /// "" for every theme.
    pub theme: String,
    pub created_at: DateTime<Utc>,
}

/// What the aggregate page counts: no title, no text, no person.
#[derive(Debug, Clone, PartialEq, sqlx::FromRow)]
pub struct FactRow {
    pub administration_key: String,
    pub administration: String,
    pub theme: Option<String>,
    pub departement: Option<String>,
    pub region: Option<String>,
    pub status: String,
    pub created_at: DateTime<Utc>,
    pub unblocked_at: Option<DateTime<Utc>>,
    /// Only a public blocker's spelling of its administration may be shown.
    pub is_public: bool,
}

/// What a person's data export holds of this context: the blockers they reported, the
/// messages and notes they wrote, their remits as a public hacker.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct BlockersData {
    pub reported: Vec<Blocker>,
    pub events: Vec<Event>,
    pub remits: Vec<Hacker>,
}

/// Storage of this context. Implemented by both backends.
#[async_trait::async_trait]
pub trait BlockersStore: Send + Sync {
    /// Writes the blocker and its routing in one transaction. `NotFound` when the reporter,
    /// the structure, the theme or a hacker does not exist.
    async fn create_blocker(&self, new: &NewBlocker) -> StoreResult<Blocker>;
    async fn get_blocker(&self, id: Uuid) -> StoreResult<Option<Blocker>>;
    /// Newest first.
    async fn list_blockers(
        &self,
        filter: &BlockerFilter,
        page: crate::Page,
    ) -> StoreResult<Vec<Blocker>>;
    async fn count_blockers(&self, filter: &BlockerFilter) -> StoreResult<i64>;
    /// Public blockers, oldest first (open data).
    async fn public_blockers(&self) -> StoreResult<Vec<Blocker>>;
    /// The people a blocker is routed to, in routing order: (id, name, e-mail).
    async fn blocker_hackers(&self, id: Uuid) -> StoreResult<Vec<(Uuid, String, String)>>;
    /// Adds the person at the end of the blocker's routing (a hacker appointed after the
    /// report). False when they were already routed to it.
    async fn route_blocker(&self, blocker: Uuid, person: Uuid) -> StoreResult<bool>;
    async fn add_blocker_event(&self, event: &NewEvent) -> StoreResult<Event>;
    /// Moves the blocker from `from` to the event's status and records the event, in one
    /// transaction. `STATUS_CHANGED` when its status is not `from`; `NotFound` without it.
    async fn change_blocker_status(&self, from: &str, event: &NewEvent) -> StoreResult<Blocker>;
    /// Oldest first.
    async fn blocker_events(&self, id: Uuid) -> StoreResult<Vec<Event>>;
    /// `AlreadyExists` for the same person, territory and theme; `NotFound` for no person.
    async fn add_hacker(&self, new: &NewHacker) -> StoreResult<Hacker>;
    /// `NotFound` when there is no such remit.
    async fn remove_hacker(&self, id: Uuid) -> StoreResult<()>;
    /// By territory, then name.
    async fn list_hackers(&self) -> StoreResult<Vec<Hacker>>;
    /// Every blocker, public or private, reduced to what is counted.
    async fn blocker_facts(&self) -> StoreResult<Vec<FactRow>>;
    /// For the person's data export, oldest first.
    async fn blockers_data_of(&self, person: Uuid) -> StoreResult<BlockersData>;
}
