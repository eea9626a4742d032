//! The impact barometer by territory and challenge: initiatives by stage, people reached,
//! indicators on track, evidence levels, trends, a map of départements.
//!
//! What the store guarantees: figures are read from the rollups of migration 0021 (one cell per
//! territory and challenge, see `domain::barometer`), and every read first brings the rollups up
//! to date with what triggers marked as changed, so a new measurement, a publication or a moved
//! initiative shows in the next read; never a cache that could be stale. Only published
//! initiatives count. Each backend's `barometer` module does the refresh: the SQL is the same,
//! but for how the claimed initiatives are named.

use crate::StoreResult;

/// Which initiatives a barometer counts: published ones, optionally of one département or
/// région (by INSEE code; the département wins if both are given) and of one challenge.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Scope {
    pub departement: Option<String>,
    pub region: Option<String>,
    pub challenge: Option<String>,
}

impl Scope {
    /// The (territory, challenge) keys of the scope's cell.
    pub fn cell(&self) -> (String, String) {
        use essaim_domain::barometer as b;
        let territory = match (&self.departement, &self.region) {
            (Some(d), _) => b::departement_key(d),
            (None, Some(r)) => b::region_key(r),
            (None, None) => b::FRANCE.to_owned(),
        };
        let challenge = self
            .challenge
            .clone()
            .unwrap_or_else(|| b::ALL_CHALLENGES.to_owned());
        (territory, challenge)
    }
}

/// The rows a refresh reads for the claimed initiatives; `{ids}` is the backend's way of naming
/// them (`IN (SELECT initiative_id FROM barometer_dirty)` on SQLite, `= ANY($1)` on PostgreSQL).
pub mod refresh_sql {
    /// Status is filtered in Rust: a condition on it would lead SQLite to walk its index over
    /// every published initiative instead of looking up the claimed ones.
    pub const INITIATIVES: &str = "SELECT id, stage, status FROM initiatives WHERE id {ids}";
    pub const DEPARTEMENTS: &str =
        "SELECT initiative_id, code FROM initiative_departements WHERE initiative_id {ids}";
    pub const REGIONS: &str =
        "SELECT initiative_id, code FROM initiative_regions WHERE initiative_id {ids}";
    pub const CHALLENGES: &str = "SELECT initiative_id, challenge_code FROM initiative_challenges
        WHERE initiative_id {ids}";
    /// Entries of each initiative (sums of BIGINT are cast back: PostgreSQL makes them NUMERIC):
    /// entries, measured, on track, people, levels 1 to 5. An entry counts at most ten billion
    /// people (more than live on Earth), so that no sum of cells can overflow a BIGINT: a value
    /// typed with too many zeros must not break every barometer page.
    pub const ENTRIES: &str = "SELECT e.initiative_id, COUNT(*),
        COALESCE(SUM(CASE WHEN e.on_track IS NOT NULL THEN 1 ELSE 0 END), 0),
        COALESCE(SUM(CASE WHEN e.on_track THEN 1 ELSE 0 END), 0),
        CAST(COALESCE(SUM(CASE WHEN ind.counts_people AND e.latest_value IS NOT NULL
            THEN CAST(ROUND(CASE WHEN e.latest_value > 10000000000.0 THEN 10000000000.0 WHEN e.latest_value < 0 THEN 0.0 ELSE e.latest_value END) AS BIGINT) ELSE 0 END), 0) AS BIGINT),
        COALESCE(SUM(CASE WHEN e.latest_level = 1 THEN 1 ELSE 0 END), 0),
        COALESCE(SUM(CASE WHEN e.latest_level = 2 THEN 1 ELSE 0 END), 0),
        COALESCE(SUM(CASE WHEN e.latest_level = 3 THEN 1 ELSE 0 END), 0),
        COALESCE(SUM(CASE WHEN e.latest_level = 4 THEN 1 ELSE 0 END), 0),
        COALESCE(SUM(CASE WHEN e.latest_level = 5 THEN 1 ELSE 0 END), 0)
        FROM impact_plan_entries e JOIN impact_indicators ind ON ind.id = e.indicator_id
        WHERE e.initiative_id {ids} GROUP BY e.initiative_id";
    /// Years of each initiative: year, entries measured that year, on track, people.
    pub const YEARS: &str = "SELECT e.initiative_id, y.year, COUNT(*),
        COALESCE(SUM(CASE WHEN y.on_track THEN 1 ELSE 0 END), 0),
        CAST(COALESCE(SUM(CASE WHEN ind.counts_people THEN CAST(ROUND(CASE WHEN y.value > 10000000000.0 THEN 10000000000.0 WHEN y.value < 0 THEN 0.0 ELSE y.value END) AS BIGINT)
            ELSE 0 END), 0) AS BIGINT)
        FROM impact_entry_years y
        JOIN impact_plan_entries e ON e.id = y.entry_id
        JOIN impact_indicators ind ON ind.id = e.indicator_id
        WHERE e.initiative_id {ids} GROUP BY e.initiative_id, y.year";
    pub const CONTRIBUTIONS: &str =
        "SELECT initiative_id, contribution FROM barometer_contributions WHERE initiative_id {ids}";

    /// Adds to a cell (binds territory, challenge, then the ten counts).
    pub const ADD_CELL: &str = "INSERT INTO barometer_cells (territory, challenge, initiatives,
            entries, measured, on_track, people, level1, level2, level3, level4, level5)
        VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)
        ON CONFLICT (territory, challenge) DO UPDATE SET
            initiatives = barometer_cells.initiatives + excluded.initiatives,
            entries = barometer_cells.entries + excluded.entries,
            measured = barometer_cells.measured + excluded.measured,
            on_track = barometer_cells.on_track + excluded.on_track,
            people = barometer_cells.people + excluded.people,
            level1 = barometer_cells.level1 + excluded.level1,
            level2 = barometer_cells.level2 + excluded.level2,
            level3 = barometer_cells.level3 + excluded.level3,
            level4 = barometer_cells.level4 + excluded.level4,
            level5 = barometer_cells.level5 + excluded.level5";
    pub const ADD_STAGE: &str =
        "INSERT INTO barometer_cell_stages (territory, challenge, stage, initiatives)
        VALUES ($1, $2, $3, $4)
        ON CONFLICT (territory, challenge, stage) DO UPDATE SET
            initiatives = barometer_cell_stages.initiatives + excluded.initiatives";
    pub const ADD_YEAR: &str =
        "INSERT INTO barometer_cell_years (territory, challenge, year, measured, on_track, people)
        VALUES ($1, $2, $3, $4, $5, $6)
        ON CONFLICT (territory, challenge, year) DO UPDATE SET
            measured = barometer_cell_years.measured + excluded.measured,
            on_track = barometer_cell_years.on_track + excluded.on_track,
            people = barometer_cell_years.people + excluded.people";
    pub const PUT_CONTRIBUTION: &str =
        "INSERT INTO barometer_contributions (initiative_id, contribution) VALUES ($1, $2)
        ON CONFLICT (initiative_id) DO UPDATE SET contribution = excluded.contribution";
    pub const DROP_CONTRIBUTION: &str =
        "DELETE FROM barometer_contributions WHERE initiative_id = $1";

    /// The reads of a page (bind territory and challenge).
    pub const CELL: &str = "SELECT initiatives, entries, measured, on_track, people,
        level1, level2, level3, level4, level5
        FROM barometer_cells WHERE territory = $1 AND challenge = $2";
    pub const STAGES: &str = "SELECT stage, initiatives FROM barometer_cell_stages
        WHERE territory = $1 AND challenge = $2 AND initiatives > 0
        ORDER BY initiatives DESC, stage";
    pub const YEARS_OF_CELL: &str = "SELECT year, measured, on_track, people
        FROM barometer_cell_years WHERE territory = $1 AND challenge = $2 AND measured > 0
        ORDER BY year";
    /// Every département of a challenge (bind the challenge key).
    pub const MAP: &str = "SELECT territory, initiatives, measured, on_track, people
        FROM barometer_cells WHERE challenge = $1 AND territory LIKE 'D:%' AND initiatives > 0
        ORDER BY territory";
}

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
    /// Figures of every département with published initiatives of `challenge` (all
    /// challenges when None); an initiative in several départements counts in each.
    async fn barometer_map(&self, challenge: Option<&str>) -> StoreResult<Vec<DepartementFigures>>;
}

/// What a refresh reads of the claimed initiatives (the queries of `refresh_sql`, in order).
#[derive(Debug, Default)]
pub struct RefreshRows {
    /// Id, stage and status.
    pub initiatives: Vec<(uuid::Uuid, String, String)>,
    pub departements: Vec<(uuid::Uuid, String)>,
    pub regions: Vec<(uuid::Uuid, String)>,
    pub challenges: Vec<(uuid::Uuid, String)>,
    /// initiative, entries, measured, on track, people, levels 1 to 5.
    pub entries: Vec<EntryRow>,
    /// initiative, year, measured, on track, people.
    pub years: Vec<(uuid::Uuid, i32, i64, i64, i64)>,
    /// The contributions stored last time, as JSON.
    pub old: Vec<(uuid::Uuid, String)>,
}

pub type EntryRow = (uuid::Uuid, i64, i64, i64, i64, i64, i64, i64, i64, i64);

/// What a refresh writes: the cells' changes, in key order (so that concurrent refreshes on
/// PostgreSQL lock cells in the same order), and each claimed initiative's new contribution as
/// JSON, None when it no longer counts (unpublished or deleted).
#[derive(Debug, Default)]
pub struct RefreshPlan {
    pub deltas: essaim_domain::barometer::Deltas,
    pub contributions: Vec<(uuid::Uuid, Option<String>)>,
}

/// Takes out the old contributions of `claimed` and adds their new ones.
pub fn plan_refresh(claimed: &[uuid::Uuid], rows: RefreshRows) -> crate::StoreResult<RefreshPlan> {
    use essaim_domain::barometer::{accumulate, Contribution, Counts, Deltas, YearCounts};
    use std::collections::{BTreeMap, HashMap};
    let corrupt = |e: serde_json::Error| crate::StoreError::Corrupt(format!("contribution: {e}"));
    let mut deltas = Deltas::new();
    for (_, json) in &rows.old {
        let old: Contribution = serde_json::from_str(json).map_err(corrupt)?;
        accumulate(&mut deltas, &old, -1);
    }
    let group = |v: Vec<(uuid::Uuid, String)>| {
        let mut m: HashMap<uuid::Uuid, Vec<String>> = HashMap::new();
        for (id, code) in v {
            m.entry(id).or_default().push(code);
        }
        m
    };
    let deps = group(rows.departements);
    let regions = group(rows.regions);
    let challenges = group(rows.challenges);
    let entries: HashMap<uuid::Uuid, Counts> = rows
        .entries
        .into_iter()
        .map(
            |(id, entries, measured, on_track, people, l1, l2, l3, l4, l5)| {
                let counts = Counts {
                    initiatives: 0,
                    entries,
                    measured,
                    on_track,
                    people,
                    levels: [l1, l2, l3, l4, l5],
                };
                (id, counts)
            },
        )
        .collect();
    let mut years: HashMap<uuid::Uuid, BTreeMap<i32, YearCounts>> = HashMap::new();
    for (id, year, measured, on_track, people) in rows.years {
        years.entry(id).or_default().insert(
            year,
            YearCounts {
                measured,
                on_track,
                people,
            },
        );
    }
    let none = Vec::new();
    let mut contributions: HashMap<uuid::Uuid, Option<String>> =
        claimed.iter().map(|id| (*id, None)).collect();
    let published = rows
        .initiatives
        .into_iter()
        .filter(|(_, _, status)| status == "published");
    for (id, stage, _) in published {
        let c = Contribution::published(
            &stage,
            deps.get(&id).unwrap_or(&none),
            regions.get(&id).unwrap_or(&none),
            challenges.get(&id).unwrap_or(&none),
            entries.get(&id).copied().unwrap_or_default(),
            years.remove(&id).unwrap_or_default(),
        );
        accumulate(&mut deltas, &c, 1);
        let json = serde_json::to_string(&c).map_err(corrupt)?;
        contributions.insert(id, Some(json));
    }
    let mut contributions: Vec<_> = contributions.into_iter().collect();
    contributions.sort_by_key(|(id, _)| *id);
    Ok(RefreshPlan {
        deltas,
        contributions,
    })
}

/// The row of `refresh_sql::CELL`.
pub type CellRow = (i64, i64, i64, i64, i64, i64, i64, i64, i64, i64);

/// A page's figures from its cell (None: nothing ever counted there), stages and years.
pub fn figures(
    cell: Option<CellRow>,
    by_stage: Vec<(String, i64)>,
    years: Vec<(i32, i64, i64, i64)>,
) -> Figures {
    let (initiatives, entries, measured, on_track, people, l1, l2, l3, l4, l5) =
        cell.unwrap_or_default();
    Figures {
        by_stage,
        initiatives,
        entries: EntryFigures {
            entries,
            measured,
            on_track,
            people: people as f64,
        },
        levels: [l1, l2, l3, l4, l5],
        years: years
            .into_iter()
            .map(|(year, measured, on_track, people)| YearFigures {
                year,
                measured,
                on_track,
                people: people as f64,
            })
            .collect(),
    }
}

/// The map's rows from `refresh_sql::MAP`.
pub fn map_rows(rows: Vec<(String, i64, i64, i64, i64)>) -> Vec<DepartementFigures> {
    rows.into_iter()
        .filter_map(|(territory, initiatives, measured, on_track, people)| {
            Some(DepartementFigures {
                code: essaim_domain::barometer::departement_of_key(&territory)?.to_owned(),
                initiatives,
                measured,
                on_track,
                people: people as f64,
            })
        })
        .collect()
}
