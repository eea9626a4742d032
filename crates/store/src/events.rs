//! Events (*événements*): events with their organiser structures, and registrations with a
//! waiting list.
//!
//! What the store guarantees: an event never has more confirmed registrations than its
//! capacity, even under concurrent registrations (each registration, cancellation and change
//! of capacity runs with the event locked: `BEGIN IMMEDIATE` on SQLite, the event row
//! `FOR UPDATE` on PostgreSQL); the waiting list moves up in order of arrival in the same
//! transaction as the cancellation or the raised capacity that makes room
//! (`domain::events::to_promote`), and never once the event has started; every early return
//! rolls its transaction back explicitly; one registration row per person and event; a reminder is
//! claimed once per registration (compare-and-set on `reminded_at`).

use crate::StoreResult;
use chrono::{DateTime, Utc};
use uuid::Uuid;

/// The named refusals (`StoreError::Conflict`), also the message ids shown to people.
pub mod conflict {
    pub const CANCELLED: &str = "events-cancelled";
    /// The event has started (the server's clock, read inside the transaction).
    pub const STARTED: &str = "events-started";
    pub const REGISTRATION_CLOSED: &str = "events-registration-closed";
    pub const ALREADY_REGISTERED: &str = "events-already-registered";
    /// A capacity below the registrations already confirmed.
    pub const CAPACITY_BELOW_CONFIRMED: &str = "events-capacity-below-confirmed";
}

/// `EventRow` rows (same SQL on both backends); the caller appends WHERE and ORDER.
pub const EVENT_SELECT: &str = "SELECT e.id, e.kind, e.title, e.description, e.starts_at,
    e.ends_at, e.address, e.commune, e.departement, e.region, e.online_url, e.capacity,
    e.registration_open, e.status, e.sequence, e.created_by, e.created_at, e.updated_at,
    (SELECT COUNT(*) FROM event_registrations r WHERE r.event_id = e.id
        AND r.status = 'confirmed') AS confirmed,
    (SELECT COUNT(*) FROM event_registrations r WHERE r.event_id = e.id
        AND r.status = 'waiting') AS waiting
    FROM events e";

/// `Registration` rows; the caller appends WHERE and ORDER.
pub const REGISTRATION_SELECT: &str = "SELECT r.id, r.event_id, r.person_id,
    p.display_name AS person_name, p.email, r.status, r.registered_at, r.promoted_at,
    r.reminded_at
    FROM event_registrations r JOIN people p ON p.id = r.person_id";

/// The order of a waiting list: arrival (ids are UUIDv7, so they break ties in order too).
pub const WAITING_ORDER: &str = "ORDER BY r.registered_at, r.id";

/// The fields an organiser sets (creation and edits).
#[derive(Debug, Clone)]
pub struct EventFields {
    pub kind: String,
    pub title: String,
    /// Markdown.
    pub description: String,
    pub starts_at: DateTime<Utc>,
    pub ends_at: DateTime<Utc>,
    pub address: String,
    /// "commune:29019", or empty for an online event.
    pub commune: String,
    pub departement: Option<String>,
    pub region: Option<String>,
    pub online_url: Option<String>,
    /// None: unlimited.
    pub capacity: Option<i64>,
    pub registration_open: bool,
}

#[derive(Debug, Clone)]
pub struct NewEvent {
    pub id: Uuid,
    pub fields: EventFields,
    /// At least one structure.
    pub organisers: Vec<Uuid>,
    pub created_by: Uuid,
    pub created_at: DateTime<Utc>,
}

#[derive(Debug, Clone, PartialEq, Eq, sqlx::FromRow)]
pub struct EventRow {
    pub id: Uuid,
    pub kind: String,
    pub title: String,
    pub description: String,
    pub starts_at: DateTime<Utc>,
    pub ends_at: DateTime<Utc>,
    pub address: String,
    pub commune: String,
    pub departement: Option<String>,
    pub region: Option<String>,
    pub online_url: Option<String>,
    pub capacity: Option<i64>,
    pub registration_open: bool,
    /// "published" or "cancelled".
    pub status: String,
    /// Bumped on each change (the iCalendar SEQUENCE).
    pub sequence: i64,
    pub created_by: Uuid,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
    pub confirmed: i64,
    pub waiting: i64,
}

impl EventRow {
    pub fn is_cancelled(&self) -> bool {
        self.status == "cancelled"
    }

    /// Places left; None when unlimited.
    pub fn places_left(&self) -> Option<i64> {
        self.capacity.map(|c| (c - self.confirmed).max(0))
    }
}

#[derive(Debug, Clone, PartialEq, Eq, sqlx::FromRow)]
pub struct Registration {
    pub id: Uuid,
    pub event_id: Uuid,
    pub person_id: Uuid,
    pub person_name: String,
    pub email: String,
    /// "confirmed", "waiting" or "cancelled".
    pub status: String,
    pub registered_at: DateTime<Utc>,
    pub promoted_at: Option<DateTime<Utc>>,
    pub reminded_at: Option<DateTime<Utc>>,
}

/// A reminder to send: a confirmed registration and its event.
#[derive(Debug, Clone, PartialEq, Eq, sqlx::FromRow)]
pub struct DueReminder {
    pub registration_id: Uuid,
    pub event_id: Uuid,
    pub email: String,
    pub person_name: String,
    pub title: String,
    pub starts_at: DateTime<Utc>,
}

/// Which events a list holds.
#[derive(Debug, Clone, Default)]
pub struct EventFilter {
    /// Some(now): upcoming (not yet ended at `now`), soonest first; None with `past`.
    pub upcoming_at: Option<DateTime<Utc>>,
    /// Some(now): ended before `now`, latest first.
    pub past_at: Option<DateTime<Utc>>,
    pub kind: Option<String>,
    pub departement: Option<String>,
    pub region: Option<String>,
    /// Leave out cancelled events (feeds keep them, so calendars learn of the cancellation).
    pub published_only: bool,
    pub limit: i64,
}

/// Storage of this context. Implemented by both backends.
#[async_trait::async_trait]
pub trait EventsStore: Send + Sync {
    /// `NotFound` when an organiser structure or the creator does not exist.
    async fn create_event(&self, e: &NewEvent) -> StoreResult<EventRow>;
    /// Rewrites the fields; a raised capacity moves the waiting list up in order, in the same
    /// transaction (the promoted registrations are returned, to be mailed), unless the event
    /// has started: the edit is kept but nobody moves up. A new start clears `reminded_at` of
    /// every registration, so people are reminded of the new date. `Conflict
    /// (CAPACITY_BELOW_CONFIRMED)` when the capacity would be below the confirmed; `Conflict
    /// (CANCELLED)` for a cancelled event.
    async fn update_event(
        &self,
        id: Uuid,
        fields: &EventFields,
        at: DateTime<Utc>,
    ) -> StoreResult<(EventRow, Vec<Registration>)>;
    async fn get_event(&self, id: Uuid) -> StoreResult<Option<EventRow>>;
    /// The organiser structures: (id, name), by name.
    async fn event_organisers(&self, id: Uuid) -> StoreResult<Vec<(Uuid, String)>>;
    async fn list_events(&self, filter: &EventFilter) -> StoreResult<Vec<EventRow>>;
    /// Cancels the event and returns the registrations still active (confirmed and waiting),
    /// to be mailed. `Conflict(CANCELLED)` when it already was.
    async fn cancel_event(
        &self,
        id: Uuid,
        at: DateTime<Utc>,
    ) -> StoreResult<(EventRow, Vec<Registration>)>;
    /// Registers a person: confirmed while there is room, on the waiting list otherwise
    /// (`domain::events::place`, under the event's lock). Refusals: `NotFound`,
    /// `Conflict(CANCELLED | STARTED | REGISTRATION_CLOSED | ALREADY_REGISTERED)`. A person
    /// who cancelled registers again at the end of the list, keeping `reminded_at` (no second
    /// reminder of the same start).
    async fn register(
        &self,
        event_id: Uuid,
        person_id: Uuid,
        at: DateTime<Utc>,
    ) -> StoreResult<Registration>;
    /// Cancels a person's active registration; when it was confirmed, the head of the waiting
    /// list moves up in the same transaction. Returns the promoted registrations. `NotFound`
    /// when the person holds no active registration; `Conflict(STARTED)` once a (published)
    /// event has started.
    async fn cancel_registration(
        &self,
        event_id: Uuid,
        person_id: Uuid,
        at: DateTime<Utc>,
    ) -> StoreResult<Vec<Registration>>;
    /// The active registrations: confirmed first, then the waiting list, each in order of
    /// arrival.
    async fn registrations(&self, event_id: Uuid) -> StoreResult<Vec<Registration>>;
    /// The person's registration to the event, whatever its status.
    async fn registration_of(
        &self,
        event_id: Uuid,
        person_id: Uuid,
    ) -> StoreResult<Option<Registration>>;
    /// A person's registrations (their data export), with the events' titles, oldest first.
    async fn registrations_of(&self, person_id: Uuid) -> StoreResult<Vec<(Registration, String)>>;
    /// Confirmed registrations of published events starting in `(from, until]`, not yet
    /// reminded.
    async fn due_reminders(
        &self,
        from: DateTime<Utc>,
        until: DateTime<Utc>,
    ) -> StoreResult<Vec<DueReminder>>;
    /// Sets `reminded_at` if still empty; false when another process did it first.
    async fn claim_reminder(&self, registration_id: Uuid, at: DateTime<Utc>) -> StoreResult<bool>;
}
