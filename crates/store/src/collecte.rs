//! Collecte (round-table collection): one live collection per event of kind collecte, with a
//! join code, and the items people in the room submit from their phones.
//!
//! What the store guarantees: a code is unique among open collections (a partial unique
//! index); every change of an item runs under the collection's lock (the `revision` counter
//! is bumped first: `BEGIN IMMEDIATE` on SQLite, the collection's row lock on PostgreSQL), so
//! item numbers follow arrival without gaps or doubles, a closed collection accepts nothing from
//! the room, and every item carries the revision of its last change: the room screen asks for
//! what changed since the revision it has (`items_since`), which works across server
//! processes; an item leaves `active` once (merged, discarded or converted: compare-and-set);
//! every early return rolls its transaction back explicitly.

use crate::StoreResult;
use chrono::{DateTime, Utc};
use uuid::Uuid;

/// The named refusals (`StoreError::Conflict`), also the message ids shown to people.
pub mod conflict {
    /// The collection is closed: its code expired.
    pub const CLOSED: &str = "collecte-closed";
    pub const ALREADY_OPENED: &str = "collecte-already-opened";
    /// Another open collection holds this code (draw another).
    pub const CODE_TAKEN: &str = "collecte-code-taken";
    /// The item was merged, discarded or converted already.
    pub const NOT_ACTIVE: &str = "collecte-item-not-active";
    /// A merge that keeps an item among its own duplicates, or spans two collections.
    pub const BAD_MERGE: &str = "collecte-bad-merge";
}

/// `Collecte` rows (same SQL on both backends); the caller appends WHERE and ORDER.
pub const COLLECTE_SELECT: &str = "SELECT c.id, c.event_id, c.code, c.status, c.opened_by,
    c.opened_at, c.closed_at, c.revision,
    (SELECT COUNT(*) FROM collecte_items i WHERE i.collecte_id = c.id
        AND i.status IN ('active', 'converted')) AS items
    FROM collectes c";

/// `Item` rows; the caller appends WHERE and ORDER.
pub const ITEM_SELECT: &str = "SELECT i.id, i.collecte_id, i.number, i.name, i.commune,
    i.what, i.carrier, i.contact, i.status, i.merged_into, i.initiative_id, i.phone_hash,
    i.submitted_by, i.created_at, i.updated_at, i.revision
    FROM collecte_items i";

#[derive(Debug, Clone, PartialEq, Eq, sqlx::FromRow)]
pub struct Collecte {
    pub id: Uuid,
    pub event_id: Uuid,
    pub code: String,
    /// "open" or "closed".
    pub status: String,
    pub opened_by: Option<Uuid>,
    pub opened_at: DateTime<Utc>,
    pub closed_at: Option<DateTime<Utc>>,
    pub revision: i64,
    /// Items kept (active or converted; not the merged or discarded ones).
    pub items: i64,
}

impl Collecte {
    pub fn is_open(&self) -> bool {
        self.status == "open"
    }
}

#[derive(Debug, Clone, PartialEq, Eq, sqlx::FromRow)]
pub struct Item {
    pub id: Uuid,
    pub collecte_id: Uuid,
    pub number: i64,
    pub name: String,
    /// "commune:29019".
    pub commune: String,
    pub what: String,
    pub carrier: String,
    pub contact: Option<String>,
    /// "active", "merged", "discarded" or "converted".
    pub status: String,
    pub merged_into: Option<Uuid>,
    pub initiative_id: Option<Uuid>,
    pub phone_hash: Option<String>,
    pub submitted_by: Option<Uuid>,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
    pub revision: i64,
}

impl Item {
    pub fn is_active(&self) -> bool {
        self.status == "active"
    }
}

/// What an item says (validated by `domain::collecte::validate_item`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ItemFields {
    pub name: String,
    pub commune: String,
    pub what: String,
    pub carrier: String,
    pub contact: Option<String>,
}

#[derive(Debug, Clone)]
pub struct NewItem {
    pub id: Uuid,
    pub fields: ItemFields,
    pub phone_hash: Option<String>,
    pub submitted_by: Option<Uuid>,
    pub at: DateTime<Utc>,
}

/// Where a draft initiative was collected: "Collectée le … lors de …".
#[derive(Debug, Clone, PartialEq, Eq, sqlx::FromRow)]
pub struct Provenance {
    pub item_id: Uuid,
    pub collected_at: DateTime<Utc>,
    pub event_id: Uuid,
    pub event_title: String,
}

/// A person's part in collections (their data export).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct CollecteData {
    /// Items they submitted while signed in, with the event's title.
    pub items: Vec<(Item, String)>,
    /// Collections they opened, with the event's title.
    pub opened: Vec<(Collecte, String)>,
}

/// Storage of this context. Implemented by both backends.
#[async_trait::async_trait]
pub trait CollecteStore: Send + Sync {
    /// Opens the event's collection with this code. `Conflict(ALREADY_OPENED)` when the event
    /// has one (open or closed), `Conflict(CODE_TAKEN)` when an open collection holds the code,
    /// `NotFound` for an unknown event.
    async fn open_collecte(
        &self,
        id: Uuid,
        event_id: Uuid,
        code: &str,
        opened_by: Uuid,
        at: DateTime<Utc>,
    ) -> StoreResult<Collecte>;
    async fn collecte(&self, id: Uuid) -> StoreResult<Option<Collecte>>;
    async fn collecte_of_event(&self, event_id: Uuid) -> StoreResult<Option<Collecte>>;
    /// The open collection holding the code, else the latest closed one that held it.
    async fn collecte_by_code(&self, code: &str) -> StoreResult<Option<Collecte>>;
    /// `Conflict(CLOSED)` when it already was.
    async fn close_collecte(&self, id: Uuid, at: DateTime<Utc>) -> StoreResult<Collecte>;
    /// Adds an item with the next number. `Conflict(CLOSED)`, `NotFound`.
    async fn add_item(&self, collecte_id: Uuid, item: &NewItem) -> StoreResult<Item>;
    /// Rewrites an active item. With `phone_hash` (a phone editing its own item) the item must
    /// carry that hash (`NotFound` otherwise) and the collection be open (`Conflict(CLOSED)`);
    /// without it (the facilitator) a closed collection's items may still be edited.
    /// `Conflict(NOT_ACTIVE)`.
    async fn edit_item(
        &self,
        item_id: Uuid,
        fields: &ItemFields,
        phone_hash: Option<&str>,
        at: DateTime<Utc>,
    ) -> StoreResult<Item>;
    /// Active to discarded. `Conflict(NOT_ACTIVE)`.
    async fn discard_item(&self, item_id: Uuid, at: DateTime<Utc>) -> StoreResult<Item>;
    /// Marks each duplicate merged into `keep` (their text stays); all must be active items of
    /// one collection (`Conflict(NOT_ACTIVE | BAD_MERGE)`). Returns the duplicates as changed.
    async fn merge_items(
        &self,
        keep: Uuid,
        duplicates: &[Uuid],
        at: DateTime<Utc>,
    ) -> StoreResult<Vec<Item>>;
    /// Active to converted, with the initiative it became. `Conflict(NOT_ACTIVE)` when another
    /// request converted (or merged, or discarded) it first.
    async fn link_initiative(
        &self,
        item_id: Uuid,
        initiative_id: Uuid,
        at: DateTime<Utc>,
    ) -> StoreResult<Item>;
    async fn item(&self, id: Uuid) -> StoreResult<Option<Item>>;
    /// Every item of the collection, by number.
    async fn items(&self, collecte_id: Uuid) -> StoreResult<Vec<Item>>;
    /// The items changed after `revision`, in order of change.
    async fn items_since(&self, collecte_id: Uuid, revision: i64) -> StoreResult<Vec<Item>>;
    /// The items a phone submitted, by number.
    async fn items_of_phone(&self, collecte_id: Uuid, phone_hash: &str) -> StoreResult<Vec<Item>>;
    /// Where the initiative was collected, if it came from an item.
    async fn provenance(&self, initiative_id: Uuid) -> StoreResult<Option<Provenance>>;
    async fn collecte_data_of(&self, person_id: Uuid) -> StoreResult<CollecteData>;
}
