//! The impact barometer by territory and challenge: initiatives by stage, people reached,
//! indicators on track, evidence levels, trends, a map of départements.
//!
//! What the store guarantees: every figure is read at once from the initiatives and the
//! denormalised columns of impact plan entries (`latest_value`, `latest_level`, `on_track`) and
//! `impact_entry_years`, never from the measurements, and never cached: a new measurement shows
//! in the next read. Only published initiatives count. The SQL is the same on both backends.

use crate::StoreResult;

/// Which initiatives a barometer counts: published ones, optionally of one département or
/// région (by INSEE code) and of one challenge.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Scope {
    pub departement: Option<String>,
    pub region: Option<String>,
    pub challenge: Option<String>,
}

/// The initiatives of a scope; binds $1 département, $2 région, $3 challenge.
pub const SCOPE_FILTER: &str = "i.status = 'published'
    AND ($1 IS NULL OR EXISTS (SELECT 1 FROM initiative_departements d
        WHERE d.initiative_id = i.id AND d.code = $1))
    AND ($2 IS NULL OR EXISTS (SELECT 1 FROM initiative_regions r
        WHERE r.initiative_id = i.id AND r.code = $2))
    AND ($3 IS NULL OR EXISTS (SELECT 1 FROM initiative_challenges c
        WHERE c.initiative_id = i.id AND c.challenge_code = $3))";

/// The plan entries of a scope's initiatives (same binds).
pub const ENTRY_FIGURES: &str = "SELECT COUNT(*) AS entries,
    COALESCE(SUM(CASE WHEN e.on_track IS NOT NULL THEN 1 ELSE 0 END), 0) AS measured,
    COALESCE(SUM(CASE WHEN e.on_track THEN 1 ELSE 0 END), 0) AS on_track,
    COALESCE(SUM(CASE WHEN ind.counts_people AND e.latest_value IS NOT NULL
        THEN e.latest_value ELSE 0.0 END), 0.0) AS people
    FROM impact_plan_entries e
    JOIN initiatives i ON i.id = e.initiative_id
    JOIN impact_indicators ind ON ind.id = e.indicator_id
    WHERE ";

/// Figures of plan entries: how many, how many measured, on track, and people reached.
#[derive(Debug, Clone, Copy, Default, PartialEq, sqlx::FromRow)]
pub struct EntryFigures {
    pub entries: i64,
    pub measured: i64,
    pub on_track: i64,
    pub people: f64,
}

/// One calendar year of the trends (from `impact_entry_years`).
#[derive(Debug, Clone, Copy, PartialEq, sqlx::FromRow)]
pub struct YearFigures {
    pub year: i32,
    pub measured: i64,
    pub on_track: i64,
    pub people: f64,
}

/// One département of the map (of a challenge, if any).
#[derive(Debug, Clone, PartialEq, sqlx::FromRow)]
pub struct DepartementFigures {
    pub code: String,
    pub initiatives: i64,
    pub measured: i64,
    pub on_track: i64,
    pub people: f64,
}

/// Everything a barometer page shows but the map.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Figures {
    /// Published initiatives by stage code, most first.
    pub by_stage: Vec<(String, i64)>,
    pub initiatives: i64,
    pub entries: EntryFigures,
    /// Measured entries by evidence level of their latest measurement (index 0 is level 1).
    pub levels: [i64; 5],
    pub years: Vec<YearFigures>,
}

/// Storage of this context. Implemented by both backends.
#[async_trait::async_trait]
pub trait BarometerStore: Send + Sync {
    async fn barometer(&self, scope: &Scope) -> StoreResult<Figures>;
    /// Figures per département of the scope's initiatives (an initiative in several
    /// départements counts in each); départements with nothing are left out.
    async fn barometer_map(&self, scope: &Scope) -> StoreResult<Vec<DepartementFigures>>;
}
