//! The impact barometer by territory and challenge: initiatives by stage, people reached,
//! indicators on track, evidence levels, trends, a map of départements.
//!
//! Pure rules, no IO: shares that never divide by zero, and the classes of the map's colours.

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

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

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

    proptest! {
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
