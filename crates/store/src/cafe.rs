//! World Café: a café's settings on an event of kind `world_cafe`, its participants, the
//! seating of each round, the tables' harvest links, the harvest and the live state.
//!
//! What the store guarantees: one café per event, its questions exactly one per round; one
//! participant row per registrant and event; a plan replaces the whole seating in one
//! transaction (a table's link survives a new plan while the table exists, so printed sheets
//! stay valid); hand moves only touch seats of the café's own participants; the live round
//! moves by compare-and-set on the current round, so two clicks do not skip a round; every
//! early return rolls its transaction back explicitly.

use crate::StoreResult;
use chrono::{DateTime, Utc};
use uuid::Uuid;

/// The named refusals (`StoreError::Conflict`), also the message ids shown to people.
pub mod conflict {
    /// The live round changed in between (another click, another screen).
    pub const LIVE_MOVED: &str = "cafe-live-moved";
    /// A registrant who already is a participant.
    pub const ALREADY_PARTICIPANT: &str = "cafe-already-participant";
    /// A seat that is not one of the café's participants, a round out of range, or someone
    /// seated twice in a round.
    pub const NOT_SEATED: &str = "cafe-not-seated";
    /// A table beyond the café's plan.
    pub const NO_SUCH_TABLE: &str = "cafe_no_such_table";
    /// A round beyond the café's settings.
    pub const NO_SUCH_ROUND: &str = "cafe_no_such_round";
}

/// The settings an organiser sets.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CafeSettings {
    /// "tables" or "size".
    pub layout: String,
    pub layout_value: i64,
    pub rounds: i64,
    pub round_minutes: i64,
    /// One per round.
    pub questions: Vec<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, sqlx::FromRow)]
pub struct CafeRow {
    pub event_id: Uuid,
    pub layout: String,
    pub layout_value: i64,
    pub rounds: i64,
    pub round_minutes: i64,
    pub seed: Option<i64>,
    pub planned_at: Option<DateTime<Utc>>,
    /// 0 before the first round.
    pub current_round: i64,
    pub round_started_at: Option<DateTime<Utc>>,
    pub ended_at: Option<DateTime<Utc>>,
    pub published_at: Option<DateTime<Utc>>,
    pub updated_at: DateTime<Utc>,
}

/// A café with its questions (index 0 is round 1).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Cafe {
    pub row: CafeRow,
    pub questions: Vec<String>,
}

impl Cafe {
    /// The question of a 1-based round.
    pub fn question(&self, round: i64) -> &str {
        usize::try_from(round - 1)
            .ok()
            .and_then(|r| self.questions.get(r))
            .map(String::as_str)
            .unwrap_or("")
    }
}

pub const CAFE_SELECT: &str = "SELECT event_id, layout, layout_value, rounds, round_minutes,
    seed, planned_at, current_round, round_started_at, ended_at, published_at, updated_at
    FROM cafes";

#[derive(Debug, Clone, PartialEq, Eq, sqlx::FromRow)]
pub struct Participant {
    pub id: Uuid,
    pub event_id: Uuid,
    /// A registrant; None for someone added by name.
    pub person_id: Option<Uuid>,
    pub name: String,
    pub sector: Option<String>,
    pub structure: Option<String>,
    /// 1-based.
    pub host_table: Option<i64>,
    pub created_at: DateTime<Utc>,
}

pub const PARTICIPANT_SELECT: &str = "SELECT id, event_id, person_id, name, sector, structure,
    host_table, created_at FROM cafe_participants";

#[derive(Debug, Clone)]
pub struct NewParticipant {
    pub id: Uuid,
    pub event_id: Uuid,
    pub person_id: Option<Uuid>,
    pub name: String,
    pub sector: Option<String>,
    pub structure: Option<String>,
    pub host_table: Option<i64>,
    pub created_at: DateTime<Utc>,
}

/// Where someone sits in a round (1-based round and table).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, sqlx::FromRow)]
pub struct Seat {
    pub round: i64,
    pub table_no: i64,
    pub participant_id: Uuid,
}

#[derive(Debug, Clone, PartialEq, Eq, sqlx::FromRow)]
pub struct HarvestEntry {
    pub event_id: Uuid,
    pub round: i64,
    pub table_no: i64,
    /// Markdown.
    pub body: String,
    pub written_by: Option<Uuid>,
    pub updated_at: DateTime<Utc>,
}

/// A person's café data: their participations and the harvest they typed, each with the
/// event's title.
pub type CafeData = (Vec<(Participant, String)>, Vec<(HarvestEntry, String)>);

/// Storage of this context. Implemented by both backends.
#[async_trait::async_trait]
pub trait CafeStore: Send + Sync {
    async fn cafe(&self, event_id: Uuid) -> StoreResult<Option<Cafe>>;
    /// Creates or rewrites the settings. A change of the layout or of the number of rounds
    /// empties the seating (it no longer fits) and resets the live state; the harvest stays.
    /// `NotFound` when the event does not exist.
    async fn put_cafe(
        &self,
        event_id: Uuid,
        settings: &CafeSettings,
        at: DateTime<Utc>,
    ) -> StoreResult<Cafe>;
    /// Adds the event's confirmed registrants who are not participants yet (with their
    /// display name), and removes registrants whose registration is no longer confirmed (with
    /// their seats); an erased account (`people.deleted_at`) counts as not confirmed. Returns
    /// how many were added.
    async fn cafe_sync_registrants(&self, event_id: Uuid, at: DateTime<Utc>) -> StoreResult<u64>;
    /// `Conflict(ALREADY_PARTICIPANT)` for a registrant already there; `NotFound` without
    /// the event.
    async fn cafe_add_participant(&self, p: &NewParticipant) -> StoreResult<Participant>;
    /// Rewrites the attributes (and the name of someone added by name). `NotFound` when the
    /// participant is not one of this event's.
    async fn cafe_update_participant(
        &self,
        event_id: Uuid,
        id: Uuid,
        name: Option<&str>,
        sector: Option<&str>,
        structure: Option<&str>,
        host_table: Option<i64>,
    ) -> StoreResult<Participant>;
    /// Removes a participant and their seats. `NotFound` when not one of this event's.
    async fn cafe_remove_participant(&self, event_id: Uuid, id: Uuid) -> StoreResult<()>;
    /// By name.
    async fn cafe_participants(&self, event_id: Uuid) -> StoreResult<Vec<Participant>>;
    /// Replaces the seating, records the seed, and keeps one link per table: existing links
    /// of tables still there are kept, `new_tokens` gives the links of new tables (by table
    /// number), links of tables gone are removed. `NotFound` without a café;
    /// `Conflict(NOT_SEATED)` for a seat of someone who is not a participant of the café or a
    /// round out of range.
    async fn cafe_save_plan(
        &self,
        event_id: Uuid,
        seed: i64,
        seats: &[Seat],
        new_tokens: &[(i64, String)],
        at: DateTime<Utc>,
    ) -> StoreResult<Cafe>;
    /// By round, table, then the participant's name.
    async fn cafe_seats(&self, event_id: Uuid) -> StoreResult<Vec<Seat>>;
    /// Moves people to other tables within a round (a swap is two moves), in one transaction.
    /// `Conflict(NOT_SEATED)` when one of them has no seat in that round,
    /// `Conflict(NO_SUCH_TABLE)` for a table beyond the café's.
    async fn cafe_move_seats(
        &self,
        event_id: Uuid,
        round: i64,
        moves: &[(Uuid, i64)],
    ) -> StoreResult<()>;
    /// The tables' links (table number, token), by table.
    async fn cafe_tables(&self, event_id: Uuid) -> StoreResult<Vec<(i64, String)>>;
    /// Moves the live state from `expected_round` to `round` (starting its timer at `at` when
    /// the round changes), or ends the café. `Conflict(LIVE_MOVED)` when the current round is
    /// no longer `expected_round` or the café has ended.
    async fn cafe_set_live(
        &self,
        event_id: Uuid,
        expected_round: i64,
        round: i64,
        end: bool,
        at: DateTime<Utc>,
    ) -> StoreResult<Cafe>;
    /// Writes (or rewrites) a table's harvest of a round. `Conflict(NO_SUCH_ROUND)` outside
    /// the café's rounds, `Conflict(NO_SUCH_TABLE)` for a table below 1; `NotFound` without a
    /// café.
    async fn cafe_put_harvest(
        &self,
        event_id: Uuid,
        round: i64,
        table_no: i64,
        body: &str,
        by: Option<Uuid>,
        at: DateTime<Utc>,
    ) -> StoreResult<HarvestEntry>;
    /// By round then table.
    async fn cafe_harvest(&self, event_id: Uuid) -> StoreResult<Vec<HarvestEntry>>;
    /// Publishes (or withdraws) the synthesis.
    async fn cafe_publish_synthesis(
        &self,
        event_id: Uuid,
        published: bool,
        at: DateTime<Utc>,
    ) -> StoreResult<Cafe>;
    /// A person's data export: their participations (with the events' titles) and the
    /// harvest they typed while signed in.
    async fn cafe_data_of(&self, person_id: Uuid) -> StoreResult<CafeData>;
}
