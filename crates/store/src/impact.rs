//! Impact measurement: the indicator catalogue, impact plans (indicators with baseline and
//! target), measurements graded by evidence level, verification by labelled evaluators.
//!
//! What the store guarantees: an indicator's code is unique (`AlreadyExists`, by constraint); a
//! proposal is decided once (`INDICATOR_DECIDED`); an initiative holds an indicator once in its
//! plan (`AlreadyExists`); a measurement is edited only while neither verified nor superseded,
//! superseded once, verified once (the conflicts below, compare-and-set in SQL). Every
//! measurement write, supersede and verification refreshes, in the same transaction, the
//! entry's denormalised columns and its `impact_entry_years` rows from
//! `essaim_domain::impact::summarise`, so readers (lists, the barometer) never scan
//! measurements. Who may do what is the web's job.

use crate::StoreResult;
use chrono::{DateTime, Utc};
use uuid::Uuid;

/// The codes of `StoreError::Conflict` this context returns (Fluent message ids too).
pub mod conflict {
    /// The proposal was already published or rejected.
    pub const INDICATOR_DECIDED: &str = "impact_indicator_decided";
    /// A verified measurement is never edited, only superseded.
    pub const MEASUREMENT_VERIFIED: &str = "impact_measurement_verified";
    /// The measurement was already replaced by a newer one.
    pub const MEASUREMENT_SUPERSEDED: &str = "impact_measurement_superseded";
    /// The entry holds verified measurements: it stays in the plan.
    pub const ENTRY_HAS_VERIFIED: &str = "impact_entry_has_verified";
}

/// A new indicator: one of the shipped catalogue (no `proposed_by`, published) or a proposal.
#[derive(Debug, Clone)]
pub struct NewIndicator {
    pub id: Uuid,
    pub code: String,
    pub name_fr: String,
    pub name_en: String,
    pub definition_fr: String,
    pub definition_en: String,
    /// `domain::impact::Unit::as_str`.
    pub unit: String,
    /// "integer" or "decimal".
    pub value_type: String,
    /// "increase" or "decrease".
    pub direction: String,
    pub problem_fr: String,
    pub problem_en: String,
    /// How to compute the value, in French, then in English.
    pub calculation_notes: String,
    pub calculation_notes_en: String,
    pub framework_ref: Option<String>,
    pub counts_people: bool,
    /// "proposed" or "published".
    pub status: String,
    pub proposed_by: Option<Uuid>,
    /// Challenge codes.
    pub challenges: Vec<String>,
    /// `domain::impact::PUBLICS`.
    pub publics: Vec<String>,
    /// `domain::impact::search_text`.
    pub search_text: String,
    pub created_at: DateTime<Utc>,
}

/// An indicator of the catalogue or a proposal.
#[derive(Debug, Clone, PartialEq, sqlx::FromRow)]
pub struct Indicator {
    pub id: Uuid,
    pub code: String,
    pub name_fr: String,
    pub name_en: String,
    pub definition_fr: String,
    pub definition_en: String,
    pub unit: String,
    pub value_type: String,
    pub direction: String,
    pub problem_fr: String,
    pub problem_en: String,
    /// How to compute the value, in French, then in English.
    pub calculation_notes: String,
    pub calculation_notes_en: String,
    pub framework_ref: Option<String>,
    pub counts_people: bool,
    /// "proposed", "published" or "rejected".
    pub status: String,
    pub proposed_by: Option<Uuid>,
    pub decided_by: Option<Uuid>,
    pub decided_at: Option<DateTime<Utc>>,
    pub created_at: DateTime<Utc>,
    /// Filled from `impact_indicator_challenges`, sorted.
    #[sqlx(skip)]
    pub challenges: Vec<String>,
    /// Filled from `impact_indicator_publics`, sorted.
    #[sqlx(skip)]
    pub publics: Vec<String>,
}

/// `Indicator` columns (same SQL on both backends).
pub const INDICATOR_SELECT: &str = "SELECT i.id, i.code, i.name_fr, i.name_en, i.definition_fr,
    i.definition_en, i.unit, i.value_type, i.direction, i.problem_fr, i.problem_en,
    i.calculation_notes, i.calculation_notes_en, i.framework_ref, i.counts_people, i.status,
    i.proposed_by, i.decided_by, i.decided_at, i.created_at
    FROM impact_indicators i";

/// Which indicators a list holds. Every `Some` narrows it.
#[derive(Debug, Clone, Default)]
pub struct IndicatorFilter {
    /// Statuses to include; empty means every status.
    pub statuses: Vec<String>,
    /// Folded words (`domain::impact::search_words`), all required in `search_text`.
    pub words: Vec<String>,
    pub challenge: Option<String>,
    pub public: Option<String>,
    pub unit: Option<String>,
    pub proposed_by: Option<Uuid>,
}

/// An indicator chosen for an initiative's impact plan.
#[derive(Debug, Clone)]
pub struct NewPlanEntry {
    pub id: Uuid,
    pub initiative_id: Uuid,
    pub indicator_id: Uuid,
    pub baseline_value: f64,
    /// `YYYY-MM-DD`.
    pub baseline_on: String,
    pub target_value: f64,
    /// `YYYY-MM-DD`.
    pub target_on: String,
    pub created_by: Uuid,
    pub created_at: DateTime<Utc>,
}

/// A plan entry with its indicator's essentials and the denormalised state of its current
/// (not superseded) measurements.
#[derive(Debug, Clone, PartialEq, sqlx::FromRow)]
pub struct PlanEntry {
    pub id: Uuid,
    pub initiative_id: Uuid,
    pub indicator_id: Uuid,
    pub indicator_code: String,
    pub indicator_name_fr: String,
    pub indicator_name_en: String,
    pub unit: String,
    pub value_type: String,
    pub direction: String,
    pub counts_people: bool,
    pub baseline_value: f64,
    pub baseline_on: String,
    pub target_value: f64,
    pub target_on: String,
    pub created_by: Option<Uuid>,
    pub created_at: DateTime<Utc>,
    pub latest_value: Option<f64>,
    pub latest_on: Option<String>,
    pub latest_level: Option<i32>,
    pub measurement_count: i32,
    pub verified_count: i32,
    /// NULL while there is no measurement (`domain::impact::on_track`).
    pub on_track: Option<bool>,
}

/// `PlanEntry` columns (same SQL on both backends); the caller appends WHERE and ORDER.
pub const PLAN_ENTRY_SELECT: &str = "SELECT e.id, e.initiative_id, e.indicator_id,
    i.code AS indicator_code, i.name_fr AS indicator_name_fr, i.name_en AS indicator_name_en,
    i.unit, i.value_type, i.direction, i.counts_people, e.baseline_value, e.baseline_on,
    e.target_value, e.target_on, e.created_by, e.created_at, e.latest_value, e.latest_on,
    e.latest_level, e.measurement_count, e.verified_count, e.on_track
    FROM impact_plan_entries e JOIN impact_indicators i ON i.id = e.indicator_id";

/// A measurement to record (a new one, or the one that supersedes another).
#[derive(Debug, Clone)]
pub struct NewMeasurement {
    pub id: Uuid,
    pub entry_id: Uuid,
    pub value: f64,
    /// `YYYY-MM-DD`; equal to `period_end` for a point measurement.
    pub period_start: String,
    pub period_end: String,
    pub source: String,
    pub method: String,
    /// 1..=5.
    pub evidence_level: i32,
    pub created_by: Uuid,
    pub created_at: DateTime<Utc>,
}

/// The editable fields of an unverified, current measurement.
#[derive(Debug, Clone)]
pub struct MeasurementPatch {
    pub value: f64,
    pub period_start: String,
    pub period_end: String,
    pub source: String,
    pub method: String,
    pub evidence_level: i32,
}

#[derive(Debug, Clone, PartialEq, sqlx::FromRow)]
pub struct Measurement {
    pub id: Uuid,
    pub entry_id: Uuid,
    pub value: f64,
    pub period_start: String,
    pub period_end: String,
    pub source: String,
    pub method: String,
    pub evidence_level: i32,
    pub superseded_by: Option<Uuid>,
    pub verified_at: Option<DateTime<Utc>>,
    pub verified_by: Option<Uuid>,
    /// The verifier's display name.
    pub verifier_name: Option<String>,
    pub verification_note: Option<String>,
    pub created_by: Option<Uuid>,
    pub created_at: DateTime<Utc>,
}

/// `Measurement` columns (same SQL on both backends).
pub const MEASUREMENT_SELECT: &str = "SELECT m.id, m.entry_id, m.value, m.period_start,
    m.period_end, m.source, m.method, m.evidence_level, m.superseded_by, m.verified_at,
    m.verified_by, v.display_name AS verifier_name, m.verification_note, m.created_by,
    m.created_at
    FROM impact_measurements m LEFT JOIN people v ON v.id = m.verified_by";

/// A row of `impact_entry_years`: the latest current measurement of a calendar year.
#[derive(Debug, Clone, PartialEq, sqlx::FromRow)]
pub struct EntryYear {
    pub entry_id: Uuid,
    pub year: i32,
    pub value: f64,
    pub evidence_level: i32,
    pub on_track: Option<bool>,
}

/// A measurement of a published initiative, for open data: no person is named, only whether
/// and when it was verified.
#[derive(Debug, Clone, PartialEq, sqlx::FromRow)]
pub struct OpenMeasurement {
    pub id: Uuid,
    pub initiative_id: Uuid,
    pub indicator_code: String,
    pub unit: String,
    pub value: f64,
    pub period_start: String,
    pub period_end: String,
    pub source: String,
    pub method: String,
    pub evidence_level: i32,
    pub verified_at: Option<DateTime<Utc>>,
    pub superseded_by: Option<Uuid>,
    pub baseline_value: f64,
    pub baseline_on: String,
    pub target_value: f64,
    pub target_on: String,
}

/// What a person wrote in the impact contexts (measurement, self-assessment, impact
/// contracts), for their data export.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct ImpactData {
    /// The indicators they proposed, whatever was decided, by French name.
    pub indicators: Vec<Indicator>,
    /// The plan entries (baseline and target) they added, oldest first.
    pub plan_entries: Vec<PlanEntry>,
    /// The measurements they recorded, superseded ones included, oldest first.
    pub measurements: Vec<Measurement>,
    /// The measurements they verified, with their note, in the order they verified them.
    pub verifications: Vec<Measurement>,
    /// The self-assessments they answered, oldest first.
    pub assessments: Vec<crate::assessment::Assessment>,
    /// The impact contracts they proposed, signed, declined or ended, oldest first.
    pub contracts: Vec<crate::outcomes::Contract>,
}

/// Storage of this context. Implemented by both backends.
#[async_trait::async_trait]
pub trait ImpactStore: Send + Sync {
    /// Inserts the shipped indicators whose code is not in the table yet (with their challenges
    /// and publics; unknown challenge codes are skipped); returns how many were inserted.
    /// Idempotent: run at every start after the migrations.
    async fn seed_indicators(&self, indicators: &[NewIndicator]) -> StoreResult<usize>;
    /// `AlreadyExists` when the code is taken; `NotFound` for an unknown challenge.
    async fn create_indicator(&self, new: &NewIndicator) -> StoreResult<Indicator>;
    async fn indicator(&self, id: Uuid) -> StoreResult<Option<Indicator>>;
    async fn indicator_by_code(&self, code: &str) -> StoreResult<Option<Indicator>>;
    /// Sorted by French name.
    async fn list_indicators(&self, filter: &IndicatorFilter) -> StoreResult<Vec<Indicator>>;
    /// Publishes or rejects a proposal (`status` "published" or "rejected").
    /// `INDICATOR_DECIDED` when it is no longer proposed; `NotFound` without it.
    async fn decide_indicator(
        &self,
        id: Uuid,
        status: &str,
        by: Uuid,
        at: DateTime<Utc>,
    ) -> StoreResult<Indicator>;

    /// `AlreadyExists` when the initiative already holds the indicator; `NotFound` without the
    /// initiative or the indicator.
    async fn add_plan_entry(&self, new: &NewPlanEntry) -> StoreResult<PlanEntry>;
    async fn plan_entry(&self, id: Uuid) -> StoreResult<Option<PlanEntry>>;
    /// In the order they were added.
    async fn plan_entries(&self, initiative_id: Uuid) -> StoreResult<Vec<PlanEntry>>;
    /// Removes the entry and its measurements. `ENTRY_HAS_VERIFIED` when one of them is
    /// verified; false when there was no such entry.
    async fn remove_plan_entry(&self, id: Uuid) -> StoreResult<bool>;
    /// The entry's yearly rows, oldest first.
    async fn entry_years(&self, entry_id: Uuid) -> StoreResult<Vec<EntryYear>>;

    /// Records a measurement and refreshes its entry. `NotFound` without the entry.
    async fn add_measurement(&self, new: &NewMeasurement) -> StoreResult<Measurement>;
    async fn measurement(&self, id: Uuid) -> StoreResult<Option<Measurement>>;
    /// Every measurement of the entry, superseded ones included, by period then creation.
    async fn measurements(&self, entry_id: Uuid) -> StoreResult<Vec<Measurement>>;
    /// `MEASUREMENT_VERIFIED` / `MEASUREMENT_SUPERSEDED` when it may no longer change.
    async fn edit_measurement(
        &self,
        id: Uuid,
        patch: &MeasurementPatch,
    ) -> StoreResult<Measurement>;
    /// Records `new` (of the same entry) and marks `old` superseded by it, in one transaction.
    /// `MEASUREMENT_SUPERSEDED` when `old` already was; `NotFound` without it.
    async fn supersede_measurement(
        &self,
        old: Uuid,
        new: &NewMeasurement,
    ) -> StoreResult<Measurement>;
    /// Marks a current measurement verified. `MEASUREMENT_VERIFIED` when it already is,
    /// `MEASUREMENT_SUPERSEDED` when it was replaced; `NotFound` without it.
    async fn verify_measurement(
        &self,
        id: Uuid,
        by: Uuid,
        at: DateTime<Utc>,
        note: &str,
    ) -> StoreResult<Measurement>;
    /// Measurements of published initiatives (superseded ones included, marked), oldest
    /// first: the open dataset. Nothing of a draft or archived initiative.
    async fn open_measurements(&self, page: crate::Page) -> StoreResult<Vec<OpenMeasurement>>;
    /// What the person wrote in the impact contexts (see `ImpactData`).
    async fn impact_data_of(&self, person_id: Uuid) -> StoreResult<ImpactData>;
}

/// The catalogue shipped with Essaim (`essaim_domain::impact::catalogue`) as rows to seed,
/// published, proposed by no one.
pub fn shipped_indicators(now: DateTime<Utc>) -> Vec<NewIndicator> {
    essaim_domain::impact::catalogue()
        .into_iter()
        .map(|e| NewIndicator {
            id: Uuid::now_v7(),
            search_text: essaim_domain::impact::search_text(&[
                &e.name_fr,
                &e.name_en,
                &e.definition_fr,
                &e.definition_en,
                &e.problem_fr,
                &e.problem_en,
            ]),
            challenges: e.challenge_list(),
            publics: e.public_list(),
            framework_ref: e.framework(),
            code: e.code,
            name_fr: e.name_fr,
            name_en: e.name_en,
            definition_fr: e.definition_fr,
            definition_en: e.definition_en,
            unit: e.unit,
            value_type: e.value_type,
            direction: e.direction,
            problem_fr: e.problem_fr,
            problem_en: e.problem_en,
            calculation_notes: e.calculation_notes,
            calculation_notes_en: e.calculation_notes_en,
            counts_people: e.counts_people,
            status: "published".to_owned(),
            proposed_by: None,
            created_at: now,
        })
        .collect()
}

/// The plan of an entry row, as `essaim_domain::impact` reads it; `Corrupt` for stored text
/// the domain does not know.
pub fn plan_of(
    direction: &str,
    baseline_value: f64,
    baseline_on: &str,
    target_value: f64,
    target_on: &str,
) -> StoreResult<essaim_domain::impact::Plan> {
    use essaim_domain::impact::{parse_date, Direction, Plan};
    let corrupt = || crate::StoreError::Corrupt(format!("impact plan {baseline_on}/{target_on}"));
    Ok(Plan {
        direction: Direction::parse(direction).ok_or_else(corrupt)?,
        baseline_value,
        baseline_on: parse_date(baseline_on).map_err(|_| corrupt())?,
        target_value,
        target_on: parse_date(target_on).map_err(|_| corrupt())?,
    })
}
