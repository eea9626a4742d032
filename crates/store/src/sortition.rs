//! Sortition of citizens' panels (*tirage au sort*): a panel organised by a structure, its pool
//! of volunteers (people who registered, or respondents imported by the organisers), the last
//! computed selection, and the draws that formed the panel and replaced those who declined.
//!
//! The store keeps the quotas, the volunteers' features, the selection and the draws'
//! verification bundles as JSON it does not interpret (`domain::sortition` does). What it does
//! guarantee:
//!
//! - volunteers are numbered 1, 2, 3… per panel, a public pseudonym never given twice (the
//!   panel's `last_number` counts them, under the panel row's lock);
//! - a person registers once per panel, and a non-empty e-mail is registered once per panel,
//!   whatever its case (`AlreadyExists` otherwise, by constraint);
//! - every change of the pool clears the stored selection and advances the panel's
//!   `pool_generation`, and a selection is stored only if computed from the current generation,
//!   so a stored selection always describes the pool as it is (its probabilities are indexed by
//!   position in the pool);
//! - draws come in order (0 forms the panel, then 1, 2… replacements), each moving exactly the
//!   volunteers it names from `pool` to `selected` (and the declined to `declined`), in one
//!   transaction;
//! - after the erasure delay, the pool and the declined are deleted; the selected stay, the
//!   organisers need to reach them.
//!
//! Times are compared in Rust-made UTC instants; "days" are periods of 24 hours.

use crate::{StoreError, StoreResult};
use chrono::{DateTime, Duration, Utc};
use uuid::Uuid;

/// JSON values, re-exported so that the backends need no JSON crate of their own.
pub use serde_json::Value;

/// The codes of `StoreError::Conflict` this context returns.
pub mod conflict {
    /// The panel has been formed (its first draw recorded): its selection is final.
    pub const PANEL_FORMED: &str = "sortition_panel_formed";
    /// The pool changed since the selection was computed.
    pub const POOL_CHANGED: &str = "sortition_pool_changed";
    /// The pool has been erased: no volunteer can join it any more.
    pub const POOL_ERASED: &str = "sortition_pool_erased";
    /// The pool can be erased only once the panel is formed.
    pub const PANEL_NOT_FORMED: &str = "sortition_panel_not_formed";
    /// A draw's round is not the next one (0 when none, else the last plus one).
    pub const DRAW_OUT_OF_ORDER: &str = "sortition_draw_out_of_order";
    /// A draw names a volunteer who is not in the pool (selected), was never selected
    /// (declined), does not exist, or is named twice.
    pub const DRAW_MISMATCH: &str = "sortition_draw_mismatch";
    /// Only volunteers still in the pool can be removed.
    pub const NOT_IN_POOL: &str = "sortition_not_in_pool";
}

/// Volunteer statuses.
pub const POOL: &str = "pool";
pub const SELECTED: &str = "selected";
pub const DECLINED: &str = "declined";
/// Volunteer sources.
pub const REGISTRATION: &str = "registration";
pub const IMPORT: &str = "import";

/// The columns of `PanelRow`, in a SELECT or RETURNING.
pub const PANEL_COLUMNS: &str = "id, structure_id, created_by, title, purpose, panel_size, \
    one_per_household, categories, registration_closes_at, erase_after_days, selection, \
    selection_at, pool_generation, formed_at, pool_erased_at, created_at, updated_at";

/// The columns of `VolunteerRow`, in a SELECT or RETURNING.
pub const VOLUNTEER_COLUMNS: &str =
    "id, panel_id, number, person_id, name, email, household, features, source, status, created_at";

/// The columns of `DrawRow`, in a SELECT or RETURNING.
pub const DRAW_COLUMNS: &str =
    "panel_id, round, seed, fingerprint, inputs, selected, declined, created_by, created_at";

/// `PanelSummary` rows (same SQL on both backends); the caller appends WHERE and ORDER.
pub const PANEL_SUMMARY_SELECT: &str = "SELECT p.id, p.structure_id, p.title, p.panel_size,
    p.registration_closes_at, p.formed_at, p.pool_erased_at, p.created_at,
    (SELECT COUNT(*) FROM sortition_volunteers v WHERE v.panel_id = p.id) AS volunteers,
    (SELECT COUNT(*) FROM sortition_volunteers v
      WHERE v.panel_id = p.id AND v.status = 'selected') AS selected
    FROM sortition_panels p";

/// A panel as stored.
#[derive(Debug, Clone, PartialEq)]
pub struct Panel {
    pub id: Uuid,
    /// The organising structure: its managers run the panel.
    pub structure_id: Uuid,
    pub created_by: Uuid,
    pub title: String,
    /// Markdown.
    pub purpose: String,
    pub panel_size: i32,
    /// At most one person per household on the panel.
    pub one_per_household: bool,
    /// The quotas (`domain::sortition::Category` list), opaque here.
    pub categories: Value,
    pub registration_closes_at: Option<DateTime<Utc>>,
    /// Days after the panel is formed when the pool and the declined are erased.
    pub erase_after_days: i32,
    /// The last computed selection (a `domain::sortition::Distribution`), cleared by every
    /// change of the pool or of the panel's settings.
    pub selection: Option<Value>,
    pub selection_at: Option<DateTime<Utc>>,
    /// Advances with every change of the pool (volunteers added, removed, erased, drawn). A
    /// selection is saved with the generation it was computed from.
    pub pool_generation: i64,
    /// Set by the first draw (round 0).
    pub formed_at: Option<DateTime<Utc>>,
    pub pool_erased_at: Option<DateTime<Utc>>,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
}

impl Panel {
    /// When the pool is due for erasure: `erase_after_days` days of 24 hours after forming.
    pub fn erasure_due_at(&self) -> Option<DateTime<Utc>> {
        erasure_due_at(self.formed_at?, self.erase_after_days)
    }
}

/// `formed_at` plus `days` periods of 24 hours (None only past chrono's range).
pub fn erasure_due_at(formed_at: DateTime<Utc>, days: i32) -> Option<DateTime<Utc>> {
    formed_at.checked_add_signed(Duration::try_days(i64::from(days))?)
}

/// `Panel` as the databases return it: JSON columns as text.
#[derive(Debug, sqlx::FromRow)]
pub struct PanelRow {
    pub id: Uuid,
    pub structure_id: Uuid,
    pub created_by: Uuid,
    pub title: String,
    pub purpose: String,
    pub panel_size: i32,
    pub one_per_household: bool,
    pub categories: String,
    pub registration_closes_at: Option<DateTime<Utc>>,
    pub erase_after_days: i32,
    pub selection: Option<String>,
    pub selection_at: Option<DateTime<Utc>>,
    pub pool_generation: i64,
    pub formed_at: Option<DateTime<Utc>>,
    pub pool_erased_at: Option<DateTime<Utc>>,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
}

impl TryFrom<PanelRow> for Panel {
    type Error = StoreError;
    fn try_from(r: PanelRow) -> Result<Panel, StoreError> {
        let what = |column: &str| format!("sortition panel {} {column}", r.id);
        Ok(Panel {
            categories: parse(&r.categories, || what("categories"))?,
            selection: r
                .selection
                .as_deref()
                .map(|s| parse(s, || what("selection")))
                .transpose()?,
            id: r.id,
            structure_id: r.structure_id,
            created_by: r.created_by,
            title: r.title,
            purpose: r.purpose,
            panel_size: r.panel_size,
            one_per_household: r.one_per_household,
            registration_closes_at: r.registration_closes_at,
            erase_after_days: r.erase_after_days,
            selection_at: r.selection_at,
            pool_generation: r.pool_generation,
            formed_at: r.formed_at,
            pool_erased_at: r.pool_erased_at,
            created_at: r.created_at,
            updated_at: r.updated_at,
        })
    }
}

/// What a panel is created or edited with (already validated by the domain).
#[derive(Debug, Clone, PartialEq)]
pub struct PanelFields {
    pub title: String,
    pub purpose: String,
    pub panel_size: i32,
    pub one_per_household: bool,
    pub categories: Value,
    pub registration_closes_at: Option<DateTime<Utc>>,
    pub erase_after_days: i32,
}

#[derive(Debug, Clone, PartialEq)]
pub struct NewPanel {
    pub structure_id: Uuid,
    pub created_by: Uuid,
    pub fields: PanelFields,
    pub created_at: DateTime<Utc>,
}

/// A panel in a list, with its counts.
#[derive(Debug, Clone, PartialEq, Eq, sqlx::FromRow)]
pub struct PanelSummary {
    pub id: Uuid,
    pub structure_id: Uuid,
    pub title: String,
    pub panel_size: i32,
    pub registration_closes_at: Option<DateTime<Utc>>,
    pub formed_at: Option<DateTime<Utc>>,
    pub pool_erased_at: Option<DateTime<Utc>>,
    pub created_at: DateTime<Utc>,
    /// Every volunteer: in the pool, selected or declined.
    pub volunteers: i64,
    pub selected: i64,
}

/// A volunteer of a panel's pool.
#[derive(Debug, Clone, PartialEq)]
pub struct Volunteer {
    pub id: Uuid,
    pub panel_id: Uuid,
    /// 1, 2, 3… within the panel: the public pseudonym used in draws and their bundles.
    pub number: i32,
    /// The person who registered; `None` for imported respondents and erased accounts.
    pub person_id: Option<Uuid>,
    /// Empty once the person erased their account.
    pub name: String,
    /// May be empty.
    pub email: String,
    /// A normalised household key (`domain::sortition::instance::household_key`), or empty.
    pub household: String,
    /// Category name → feature name, opaque here.
    pub features: Value,
    /// `REGISTRATION` or `IMPORT`.
    pub source: String,
    /// `POOL`, `SELECTED` or `DECLINED`.
    pub status: String,
    pub created_at: DateTime<Utc>,
}

/// `Volunteer` as the databases return it.
#[derive(Debug, sqlx::FromRow)]
pub struct VolunteerRow {
    pub id: Uuid,
    pub panel_id: Uuid,
    pub number: i32,
    pub person_id: Option<Uuid>,
    pub name: String,
    pub email: String,
    pub household: String,
    pub features: String,
    pub source: String,
    pub status: String,
    pub created_at: DateTime<Utc>,
}

impl TryFrom<VolunteerRow> for Volunteer {
    type Error = StoreError;
    fn try_from(r: VolunteerRow) -> Result<Volunteer, StoreError> {
        Ok(Volunteer {
            features: parse(&r.features, || {
                format!("sortition volunteer {} features", r.id)
            })?,
            id: r.id,
            panel_id: r.panel_id,
            number: r.number,
            person_id: r.person_id,
            name: r.name,
            email: r.email,
            household: r.household,
            source: r.source,
            status: r.status,
            created_at: r.created_at,
        })
    }
}

/// A volunteer to add; the store gives the number and the status `POOL`.
#[derive(Debug, Clone, PartialEq)]
pub struct NewVolunteer {
    pub person_id: Option<Uuid>,
    pub name: String,
    pub email: String,
    pub household: String,
    pub features: Value,
    /// `REGISTRATION` or `IMPORT`.
    pub source: String,
    pub created_at: DateTime<Utc>,
}

/// A draw: round 0 forms the panel, the next ones replace those who declined.
#[derive(Debug, Clone, PartialEq)]
pub struct Draw {
    pub panel_id: Uuid,
    pub round: i32,
    /// The public seed of the lottery.
    pub seed: String,
    /// The fingerprint of `inputs`, published before the seed was known.
    pub fingerprint: String,
    /// The published verification bundle, opaque here.
    pub inputs: Value,
    /// Numbers of the volunteers this round selected.
    pub selected: Vec<i32>,
    /// Numbers of the selected volunteers who declined before this round (empty for round 0).
    pub declined: Vec<i32>,
    pub created_by: Uuid,
    pub created_at: DateTime<Utc>,
}

/// `Draw` as the databases return it.
#[derive(Debug, sqlx::FromRow)]
pub struct DrawRow {
    pub panel_id: Uuid,
    pub round: i32,
    pub seed: String,
    pub fingerprint: String,
    pub inputs: String,
    pub selected: String,
    pub declined: String,
    pub created_by: Uuid,
    pub created_at: DateTime<Utc>,
}

impl TryFrom<DrawRow> for Draw {
    type Error = StoreError;
    fn try_from(r: DrawRow) -> Result<Draw, StoreError> {
        let what = |column: &str| format!("sortition draw {} #{} {column}", r.panel_id, r.round);
        Ok(Draw {
            inputs: parse(&r.inputs, || what("inputs"))?,
            selected: parse(&r.selected, || what("selected"))?,
            declined: parse(&r.declined, || what("declined"))?,
            panel_id: r.panel_id,
            round: r.round,
            seed: r.seed,
            fingerprint: r.fingerprint,
            created_by: r.created_by,
            created_at: r.created_at,
        })
    }
}

#[derive(Debug, Clone, PartialEq)]
pub struct NewDraw {
    pub panel_id: Uuid,
    pub round: i32,
    pub seed: String,
    pub fingerprint: String,
    pub inputs: Value,
    pub selected: Vec<i32>,
    pub declined: Vec<i32>,
    pub created_by: Uuid,
    pub created_at: DateTime<Utc>,
}

impl NewDraw {
    /// `DRAW_MISMATCH` when a number is named twice (in one list or in both): the count of
    /// rows each list moves is how the backends check that every number was a volunteer in the
    /// expected status.
    pub fn check_distinct(&self) -> StoreResult<()> {
        let mut all: Vec<i32> = self
            .selected
            .iter()
            .chain(&self.declined)
            .copied()
            .collect();
        all.sort_unstable();
        let before = all.len();
        all.dedup();
        if all.len() == before {
            Ok(())
        } else {
            Err(StoreError::Conflict(conflict::DRAW_MISMATCH))
        }
    }
}

/// A person's registration, for their personal-data export.
#[derive(Debug, Clone, PartialEq, Eq, sqlx::FromRow)]
pub struct SortitionRegistration {
    pub panel_id: Uuid,
    pub title: String,
    pub number: i32,
    pub status: String,
    pub created_at: DateTime<Utc>,
}

/// JSON text of a value, as the JSON columns hold it (text on both backends, so what is
/// stored is what was given, byte for byte).
pub fn json_text<T: serde::Serialize + ?Sized>(value: &T) -> String {
    serde_json::to_string(value).expect("JSON values serialise")
}

fn parse<T: serde::de::DeserializeOwned>(
    text: &str,
    what: impl FnOnce() -> String,
) -> StoreResult<T> {
    serde_json::from_str(text).map_err(|e| StoreError::Corrupt(format!("{}: {e}", what())))
}

#[async_trait::async_trait]
pub trait SortitionStore {
    /// `NotFound` when the structure or the person does not exist.
    async fn create_panel(&self, panel: &NewPanel) -> StoreResult<Panel>;
    /// Replaces the settings and clears the stored selection (quotas or size may have
    /// changed). `NotFound` when there is no such panel.
    async fn update_panel(
        &self,
        id: Uuid,
        fields: &PanelFields,
        now: DateTime<Utc>,
    ) -> StoreResult<Panel>;
    async fn get_panel(&self, id: Uuid) -> StoreResult<Option<Panel>>;
    /// Newest first.
    async fn list_panels(&self, page: crate::Page) -> StoreResult<Vec<PanelSummary>>;
    async fn count_panels(&self) -> StoreResult<i64>;
    /// Volunteers of every status (pool, selected and declined).
    async fn count_volunteers(&self, panel_id: Uuid) -> StoreResult<i64>;

    /// Adds a volunteer to the pool with the next number, clearing the selection, in one
    /// transaction. `AlreadyExists` when the person, or the e-mail (case aside), is already
    /// registered for this panel; `NotFound` when the panel or the person does not exist;
    /// `Conflict(POOL_ERASED)` once the pool is erased.
    async fn add_volunteer(
        &self,
        panel_id: Uuid,
        volunteer: &NewVolunteer,
    ) -> StoreResult<Volunteer>;
    /// Adds all of them, numbered in the order given after the existing ones, or none (same
    /// errors as `add_volunteer`, a duplicate within the list too). Returns how many.
    async fn import_volunteers(
        &self,
        panel_id: Uuid,
        volunteers: &[NewVolunteer],
    ) -> StoreResult<u64>;
    /// By number.
    async fn list_volunteers(&self, panel_id: Uuid) -> StoreResult<Vec<Volunteer>>;
    async fn volunteer_for_person(
        &self,
        panel_id: Uuid,
        person_id: Uuid,
    ) -> StoreResult<Option<Volunteer>>;
    /// Removes a volunteer still in the pool and clears the selection. `NotFound` when the
    /// volunteer is not this panel's; `Conflict(NOT_IN_POOL)` when selected or declined.
    async fn remove_volunteer(&self, panel_id: Uuid, volunteer_id: Uuid) -> StoreResult<()>;

    /// Stores a computed selection. `pool_generation` is the panel's generation read *before*
    /// the volunteers the selection was computed from: `Conflict(POOL_CHANGED)` when the pool
    /// has changed since, `Conflict(PANEL_FORMED)` once the panel is formed, `NotFound` when
    /// there is no such panel.
    async fn save_selection(
        &self,
        panel_id: Uuid,
        selection: &Value,
        pool_generation: i64,
        at: DateTime<Utc>,
    ) -> StoreResult<()>;

    /// In one transaction: records the draw, marks its `declined` numbers (selected before)
    /// as declined and its `selected` numbers (in the pool) as selected, and on round 0 sets
    /// the panel's `formed_at` to the draw's time. `Conflict(DRAW_OUT_OF_ORDER)` when the round
    /// is not the next one; `Conflict(DRAW_MISMATCH)` when a number is not in the expected
    /// status (nothing is then changed); `NotFound` when there is no such panel.
    async fn record_draw(&self, draw: &NewDraw) -> StoreResult<Draw>;
    /// By round.
    async fn list_draws(&self, panel_id: Uuid) -> StoreResult<Vec<Draw>>;

    /// Panels formed at least `erase_after_days` days (of 24 hours) before `now` whose pool
    /// has not been erased yet.
    async fn panels_due_for_erasure(&self, now: DateTime<Utc>) -> StoreResult<Vec<Uuid>>;
    /// Deletes the volunteers in the pool and those who declined (the selected stay, with
    /// their contact details) and sets `pool_erased_at` (kept from the first erasure when
    /// called again). Returns how many were deleted. `Conflict(PANEL_NOT_FORMED)` before the
    /// first draw; `NotFound` when there is no such panel.
    async fn erase_pool(&self, panel_id: Uuid, now: DateTime<Utc>) -> StoreResult<u64>;
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;

    fn draw(selected: &[i32], declined: &[i32]) -> NewDraw {
        NewDraw {
            panel_id: Uuid::nil(),
            round: 1,
            seed: String::new(),
            fingerprint: String::new(),
            inputs: Value::Null,
            selected: selected.to_vec(),
            declined: declined.to_vec(),
            created_by: Uuid::nil(),
            created_at: Utc::now(),
        }
    }

    #[test]
    fn a_draw_naming_a_volunteer_twice_is_refused() {
        assert!(draw(&[1, 2], &[3]).check_distinct().is_ok());
        assert!(draw(&[], &[]).check_distinct().is_ok());
        for (selected, declined) in [(&[1, 1][..], &[][..]), (&[1], &[1]), (&[2], &[3, 3])] {
            let err = draw(selected, declined).check_distinct().unwrap_err();
            assert!(
                matches!(err, StoreError::Conflict(conflict::DRAW_MISMATCH)),
                "{err:?}"
            );
        }
    }

    #[test]
    fn erasure_is_due_whole_days_of_24_hours_after_forming() {
        // Across the end of daylight saving time in Paris: still 24 hours a day.
        let formed = Utc.with_ymd_and_hms(2026, 10, 20, 10, 0, 0).unwrap();
        assert_eq!(
            erasure_due_at(formed, 30),
            Some(Utc.with_ymd_and_hms(2026, 11, 19, 10, 0, 0).unwrap())
        );
        assert_eq!(erasure_due_at(formed, 0), Some(formed));
    }
}
