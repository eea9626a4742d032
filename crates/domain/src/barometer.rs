//! The impact barometer by territory and challenge: initiatives by stage, people reached,
//! indicators on track, evidence levels, trends, a map of départements.
//!
//! Pure rules, no IO: shares that never divide by zero, the classes of the map's colours, and
//! the rollups that make every page one read: each published initiative *contributes* its
//! figures to one *cell* per (territory, challenge) it belongs to, France and "all challenges"
//! included; a change to an initiative takes its last contribution out of its cells and adds the
//! new one (`accumulate` with -1 then +1).

use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// The measures a map of départements can be coloured by.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Measure {
    /// Published initiatives.
    Initiatives,
    /// People reached (latest values of indicators that count people).
    People,
    /// The share of measured indicators on track.
    OnTrack,
}

impl Measure {
    pub const ALL: [Measure; 3] = [Measure::Initiatives, Measure::People, Measure::OnTrack];

    pub fn as_str(self) -> &'static str {
        match self {
            Measure::Initiatives => "initiatives",
            Measure::People => "people",
            Measure::OnTrack => "on_track",
        }
    }

    /// A measure from a query string; the number of initiatives by default.
    pub fn parse(s: &str) -> Measure {
        Measure::ALL
            .into_iter()
            .find(|m| m.as_str() == s)
            .unwrap_or(Measure::Initiatives)
    }
}

/// `part` out of `whole` as a percentage, None when `whole` is 0 (shown as "no data", never
/// NaN).
pub fn share(part: i64, whole: i64) -> Option<f64> {
    if whole <= 0 {
        None
    } else {
        Some(100.0 * part.clamp(0, whole) as f64 / whole as f64)
    }
}

/// The number of colour classes of the map, besides "no data".
pub const CLASSES: u8 = 5;

/// The class (1..=CLASSES) of `value` on a scale from 0 to `max`, 0 for no data (None, or a
/// scale with nothing on it).
pub fn class_of(value: Option<f64>, max: f64) -> u8 {
    match value {
        Some(v) if v.is_finite() && max.is_finite() && max > 0.0 && v > 0.0 => {
            let c = (v / max * f64::from(CLASSES)).ceil();
            c.clamp(1.0, f64::from(CLASSES)) as u8
        }
        Some(v) if v.is_finite() && v <= 0.0 && max > 0.0 => 1,
        _ => 0,
    }
}

/// The shares of each evidence level (1..=5) among `counts` (index 0 is level 1), None when
/// there is nothing.
pub fn distribution(counts: &[i64; 5]) -> [Option<f64>; 5] {
    let total: i64 = counts.iter().sum();
    counts.map(|c| share(c, total))
}

/// The territory key of France in the cells.
pub const FRANCE: &str = "FR";
/// The challenge key of "every challenge" in the cells.
pub const ALL_CHALLENGES: &str = "";

/// The territory key of a région (`R:53`).
pub fn region_key(code: &str) -> String {
    format!("R:{code}")
}

/// The territory key of a département (`D:29`).
pub fn departement_key(code: &str) -> String {
    format!("D:{code}")
}

/// The département code of a territory key, if it is one.
pub fn departement_of_key(key: &str) -> Option<&str> {
    key.strip_prefix("D:")
}

/// What an initiative adds to each of its cells; also what a measured entry or a year adds.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Counts {
    pub initiatives: i64,
    /// Impact plan entries.
    pub entries: i64,
    /// Entries with a current measurement.
    pub measured: i64,
    pub on_track: i64,
    /// People reached: the latest values of indicators that count people, rounded.
    pub people: i64,
    /// Measured entries by evidence level of their latest measurement (index 0 is level 1).
    pub levels: [i64; 5],
}

impl Counts {
    fn add(&mut self, other: &Counts, sign: i64) {
        self.initiatives += sign * other.initiatives;
        self.entries += sign * other.entries;
        self.measured += sign * other.measured;
        self.on_track += sign * other.on_track;
        self.people += sign * other.people;
        for (a, b) in self.levels.iter_mut().zip(other.levels) {
            *a += sign * b;
        }
    }
}

/// One calendar year of trends: entries measured that year, on track, people reached.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct YearCounts {
    pub measured: i64,
    pub on_track: i64,
    pub people: i64,
}

/// One initiative's part of the barometer, as added to its cells (and stored, so that it can be
/// taken out again exactly when the initiative changes).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Contribution {
    pub stage: String,
    /// Territory keys: France, its régions, its départements (each once).
    pub territories: Vec<String>,
    /// Challenge keys: all challenges, and each of its challenges (each once).
    pub challenges: Vec<String>,
    pub counts: Counts,
    pub years: BTreeMap<i32, YearCounts>,
}

impl Contribution {
    /// The contribution of a published initiative (`counts.initiatives` is set to 1 here);
    /// codes may repeat, keys come out once each.
    pub fn published(
        stage: &str,
        departements: &[String],
        regions: &[String],
        challenges: &[String],
        counts: Counts,
        years: BTreeMap<i32, YearCounts>,
    ) -> Contribution {
        let mut territories = vec![FRANCE.to_owned()];
        territories.extend(regions.iter().map(|r| region_key(r)));
        territories.extend(departements.iter().map(|d| departement_key(d)));
        let mut keys = vec![ALL_CHALLENGES.to_owned()];
        keys.extend(challenges.iter().filter(|c| !c.is_empty()).cloned());
        for v in [&mut territories, &mut keys] {
            let first = v.remove(0);
            v.sort();
            v.dedup();
            v.insert(0, first);
        }
        Contribution {
            stage: stage.to_owned(),
            territories,
            challenges: keys,
            counts: Counts {
                initiatives: 1,
                ..counts
            },
            years,
        }
    }
}

/// The change to apply to one cell.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct CellDelta {
    pub counts: Counts,
    pub stages: BTreeMap<String, i64>,
    pub years: BTreeMap<i32, YearCounts>,
}

/// Cells by (territory key, challenge key).
pub type Deltas = BTreeMap<(String, String), CellDelta>;

/// Adds `sign` (+1 or -1) times `c` to each of its cells in `deltas`.
pub fn accumulate(deltas: &mut Deltas, c: &Contribution, sign: i64) {
    for t in &c.territories {
        for ch in &c.challenges {
            let d = deltas.entry((t.clone(), ch.clone())).or_default();
            d.counts.add(&c.counts, sign);
            *d.stages.entry(c.stage.clone()).or_default() += sign * c.counts.initiatives;
            for (year, y) in &c.years {
                let dy = d.years.entry(*year).or_default();
                dy.measured += sign * y.measured;
                dy.on_track += sign * y.on_track;
                dy.people += sign * y.people;
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn contribution(
        stage: &str,
        deps: &[&str],
        regions: &[&str],
        challenges: &[&str],
        people: i64,
        year: i32,
    ) -> Contribution {
        let own = |v: &[&str]| v.iter().map(|s| s.to_string()).collect::<Vec<_>>();
        Contribution::published(
            stage,
            &own(deps),
            &own(regions),
            &own(challenges),
            Counts {
                entries: 2,
                measured: 1,
                on_track: 1,
                people,
                levels: [0, 0, 1, 0, 0],
                ..Counts::default()
            },
            BTreeMap::from([(
                year,
                YearCounts {
                    measured: 1,
                    on_track: 1,
                    people,
                },
            )]),
        )
    }

    #[test]
    fn an_initiative_counts_once_in_france_and_in_each_of_its_places_and_challenges() {
        let c = contribution(
            "experimentation",
            &["29", "22", "29"],
            &["53"],
            &["alimentation", "sante", "alimentation"],
            80,
            2026,
        );
        assert_eq!(c.territories, vec!["FR", "D:22", "D:29", "R:53"]);
        assert_eq!(c.challenges, vec!["", "alimentation", "sante"]);
        let mut d = Deltas::new();
        accumulate(&mut d, &c, 1);
        assert_eq!(d.len(), 12);
        let france = &d[&("FR".to_owned(), String::new())];
        assert_eq!(france.counts.initiatives, 1);
        assert_eq!(france.counts.people, 80);
        assert_eq!(france.stages["experimentation"], 1);
        assert_eq!(france.years[&2026].people, 80);
    }

    #[test]
    fn shares_of_nothing_are_no_data() {
        assert_eq!(share(0, 0), None);
        assert_eq!(share(3, 4), Some(75.0));
        assert_eq!(distribution(&[0; 5]), [None; 5]);
        assert_eq!(
            distribution(&[1, 0, 0, 0, 3]),
            [Some(25.0), Some(0.0), Some(0.0), Some(0.0), Some(75.0)]
        );
    }

    #[test]
    fn map_classes_run_from_one_to_five_and_zero_is_no_data() {
        assert_eq!(class_of(None, 10.0), 0);
        assert_eq!(class_of(Some(5.0), 0.0), 0);
        assert_eq!(class_of(Some(f64::NAN), 10.0), 0);
        assert_eq!(class_of(Some(0.0), 10.0), 1);
        assert_eq!(class_of(Some(10.0), 10.0), 5);
        assert_eq!(class_of(Some(1.0), 10.0), 1);
        assert_eq!(class_of(Some(5.0), 10.0), 3);
        assert_eq!(Measure::parse("people"), Measure::People);
        assert_eq!(Measure::parse("zzz"), Measure::Initiatives);
    }

    fn arb_contribution() -> impl Strategy<Value = Contribution> {
        (
            prop::sample::select(vec!["idee", "experimentation", "essaimage"]),
            prop::collection::vec(prop::sample::select(vec!["29", "22", "35", "75"]), 0..3),
            prop::collection::vec(prop::sample::select(vec!["53", "11"]), 0..2),
            prop::collection::vec(prop::sample::select(vec!["alimentation", "sante"]), 0..3),
            0i64..1000,
            2020i32..2027,
        )
            .prop_map(|(stage, d, r, c, people, year)| {
                contribution(stage, &d, &r, &c, people, year)
            })
    }

    proptest! {
        /// Taking out what was added leaves every cell at zero, whatever happened between.
        #[test]
        fn taking_a_contribution_out_undoes_it(
            cs in prop::collection::vec(arb_contribution(), 1..8),
        ) {
            let mut d = Deltas::new();
            for c in &cs {
                accumulate(&mut d, c, 1);
            }
            for c in cs.iter().rev() {
                accumulate(&mut d, c, -1);
            }
            for cell in d.values() {
                prop_assert_eq!(cell.counts, Counts::default());
                prop_assert!(cell.stages.values().all(|n| *n == 0));
                prop_assert!(cell.years.values().all(|y| *y == YearCounts::default()));
            }
        }

        /// France with all challenges is the plain sum of every initiative; a challenge's cell
        /// counts exactly the initiatives that have that challenge.
        #[test]
        fn cells_count_what_a_recount_would(cs in prop::collection::vec(arb_contribution(), 0..8)) {
            let mut d = Deltas::new();
            for c in &cs {
                accumulate(&mut d, c, 1);
            }
            let get = |t: &str, ch: &str| {
                d.get(&(t.to_owned(), ch.to_owned())).map(|c| c.counts).unwrap_or_default()
            };
            prop_assert_eq!(get(FRANCE, ALL_CHALLENGES).initiatives, cs.len() as i64);
            prop_assert_eq!(
                get(FRANCE, ALL_CHALLENGES).people,
                cs.iter().map(|c| c.counts.people).sum::<i64>()
            );
            let with_sante = cs.iter().filter(|c| c.challenges.iter().any(|x| x == "sante")).count();
            prop_assert_eq!(get(FRANCE, "sante").initiatives, with_sante as i64);
            let in_29 = cs.iter().filter(|c| c.territories.iter().any(|x| x == "D:29")).count();
            prop_assert_eq!(get("D:29", ALL_CHALLENGES).initiatives, in_29 as i64);
        }

        #[test]
        fn shares_are_percentages(part in -10i64..1000, whole in 0i64..1000) {
            match share(part, whole) {
                None => prop_assert_eq!(whole, 0),
                Some(s) => prop_assert!((0.0..=100.0).contains(&s)),
            }
        }

        #[test]
        fn classes_are_in_range(v in proptest::num::f64::ANY, max in proptest::num::f64::ANY) {
            prop_assert!(class_of(Some(v), max) <= CLASSES);
        }
    }
}
