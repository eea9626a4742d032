//! Impact contracts (contrats à impact): outcomes, thresholds and payments agreed by a labelled
//! funder and an initiative, reached from verified measurements only.
//!
//! Pure rules, no IO: the life of a contract, the check of an outcome as proposed, and which
//! measurements count and whether an outcome is reached.

use crate::invalid::{FieldErrors, Invalid};
use chrono::NaiveDate;

/// The largest payment of one outcome, in cents (ten million euros): a guard against typos.
pub const PAYMENT_MAX_CENTS: i64 = 1_000_000_000;
/// The most outcomes one contract holds.
pub const OUTCOMES_MAX: usize = 20;

/// Where a contract stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Status {
    /// Proposed by the funder, waiting for the initiative's signature.
    Proposed,
    /// Signed by both: outcomes count.
    Active,
    /// Refused by the initiative, or withdrawn by the funder before signature.
    Declined,
    /// Ended by either party after signature; what was reached stays shown.
    Ended,
}

impl Status {
    pub fn as_str(self) -> &'static str {
        match self {
            Status::Proposed => "proposed",
            Status::Active => "active",
            Status::Declined => "declined",
            Status::Ended => "ended",
        }
    }

    pub fn parse(s: &str) -> Option<Status> {
        match s {
            "proposed" => Some(Status::Proposed),
            "active" => Some(Status::Active),
            "declined" => Some(Status::Declined),
            "ended" => Some(Status::Ended),
            _ => None,
        }
    }
}

/// Whether more is better (`Increase`) or less (`Decrease`) for an indicator.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Direction {
    Increase,
    Decrease,
}

impl Direction {
    /// `increase` or `decrease` as the indicator catalogue stores them; anything else is taken
    /// as `increase`.
    pub fn parse(s: &str) -> Direction {
        if s == "decrease" {
            Direction::Decrease
        } else {
            Direction::Increase
        }
    }
}

/// An outcome as typed: the threshold, due date and payment (in euros, as text).
#[derive(Debug, Clone, Default)]
pub struct OutcomeInput {
    pub threshold: String,
    pub due_on: String,
    pub payment: String,
}

/// A checked outcome.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct OutcomeTerms {
    pub threshold: f64,
    pub due_on: NaiveDate,
    pub payment_cents: i64,
}

/// A decimal number as French or English people type it ("1 234,5", "1234.5").
pub fn parse_decimal(s: &str) -> Option<f64> {
    let cleaned: String = s
        .trim()
        .chars()
        .filter(|c| !c.is_whitespace() && *c != '\u{202f}' && *c != '\u{a0}')
        .map(|c| if c == ',' { '.' } else { c })
        .collect();
    cleaned.parse::<f64>().ok().filter(|v| v.is_finite())
}

/// Euros as typed, to cents ("1 500,50" → 150050); None when not a positive amount with at most
/// two decimals.
pub fn parse_euros(s: &str) -> Option<i64> {
    let v = parse_decimal(s)?;
    let cents = (v * 100.0).round();
    if (v * 100.0 - cents).abs() > 1e-6 || cents <= 0.0 || cents > PAYMENT_MAX_CENTS as f64 {
        return None;
    }
    Some(cents as i64)
}

/// Checks an outcome proposed on `today`: a number for the threshold, a due date after the
/// contract starts, a positive payment. Field names are `prefix` + `threshold|due_on|payment`.
pub fn check_outcome(
    input: &OutcomeInput,
    starts_on: NaiveDate,
    errors: &mut FieldErrors,
    fields: [&'static str; 3],
) -> Option<OutcomeTerms> {
    let threshold = errors.check(
        fields[0],
        parse_decimal(&input.threshold).ok_or(Invalid::new("outcomes_threshold_invalid")),
    );
    let due_on = errors.check(
        fields[1],
        NaiveDate::parse_from_str(input.due_on.trim(), "%Y-%m-%d")
            .map_err(|_| Invalid::new("outcomes_due_invalid"))
            .and_then(|d| {
                if d > starts_on {
                    Ok(d)
                } else {
                    Err(Invalid::new("outcomes_due_before_start"))
                }
            }),
    );
    let payment_cents = errors.check(
        fields[2],
        parse_euros(&input.payment).ok_or(Invalid::new("outcomes_payment_invalid")),
    );
    Some(OutcomeTerms {
        threshold: threshold?,
        due_on: due_on?,
        payment_cents: payment_cents?,
    })
}

/// A measurement of the outcome's plan entry, as the contract reads it.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Measurement {
    pub value: f64,
    pub period_start: NaiveDate,
    pub period_end: NaiveDate,
    /// An evaluator verified it.
    pub verified: bool,
    /// A later measurement replaced it.
    pub superseded: bool,
}

/// Whether a measurement counts for a contract that started on `starts_on` and an outcome due
/// on `due_on`: verified, current, and measured within the contract, on or before the due date.
/// Unverified measurements never count, whatever their value.
pub fn counts(m: &Measurement, starts_on: NaiveDate, due_on: NaiveDate) -> bool {
    m.verified
        && !m.superseded
        && m.value.is_finite()
        && m.period_start >= starts_on
        && m.period_end <= due_on
}

/// Whether `value` reaches `threshold` in this direction (equal reaches).
pub fn reaches(direction: Direction, threshold: f64, value: f64) -> bool {
    match direction {
        Direction::Increase => value >= threshold,
        Direction::Decrease => value <= threshold,
    }
}

/// What a contract shows of one outcome.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Assessed {
    pub reached: bool,
    /// The best counted value (the highest, or the lowest for `Decrease`), if any counts.
    pub best: Option<f64>,
    /// The end of the period of the first counted measurement that reached it.
    pub reached_on: Option<NaiveDate>,
    /// The payment due for it: the whole payment once reached, else 0.
    pub payment_due_cents: i64,
}

/// Assesses an outcome from the measurements of its plan entry.
pub fn assess(
    terms: &OutcomeTerms,
    direction: Direction,
    starts_on: NaiveDate,
    measurements: &[Measurement],
) -> Assessed {
    let counted: Vec<&Measurement> = measurements
        .iter()
        .filter(|m| counts(m, starts_on, terms.due_on))
        .collect();
    let best = counted
        .iter()
        .map(|m| m.value)
        .reduce(|a, b| match direction {
            Direction::Increase => a.max(b),
            Direction::Decrease => a.min(b),
        });
    let reached_on = counted
        .iter()
        .filter(|m| reaches(direction, terms.threshold, m.value))
        .map(|m| m.period_end)
        .min();
    let reached = reached_on.is_some();
    Assessed {
        reached,
        best,
        reached_on,
        payment_due_cents: if reached { terms.payment_cents } else { 0 },
    }
}

/// Cents as euros for people: "1 500,50 €" in French, "€1,500.50" in English.
pub fn format_euros(cents: i64, french: bool) -> String {
    let euros = cents / 100;
    let rest = (cents % 100).abs();
    let digits = euros.abs().to_string();
    let mut grouped = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            grouped.push(if french { '\u{202f}' } else { ',' });
        }
        grouped.push(c);
    }
    let sign = if cents < 0 { "-" } else { "" };
    if french {
        format!("{sign}{grouped},{rest:02}\u{a0}€")
    } else {
        format!("{sign}€{grouped}.{rest:02}")
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn d(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
    }

    fn m(value: f64, end: &str, verified: bool) -> Measurement {
        Measurement {
            value,
            period_start: d("2026-01-01"),
            period_end: d(end),
            verified,
            superseded: false,
        }
    }

    fn terms() -> OutcomeTerms {
        OutcomeTerms {
            threshold: 100.0,
            due_on: d("2026-12-31"),
            payment_cents: 500_000,
        }
    }

    #[test]
    fn the_same_value_unverified_reaches_nothing_and_verified_reaches_the_payment() {
        let start = d("2026-01-01");
        let a = assess(
            &terms(),
            Direction::Increase,
            start,
            &[m(120.0, "2026-06-30", false)],
        );
        assert!(!a.reached);
        assert_eq!(a.payment_due_cents, 0);
        assert_eq!(a.best, None);
        let a = assess(
            &terms(),
            Direction::Increase,
            start,
            &[m(120.0, "2026-06-30", true)],
        );
        assert!(a.reached);
        assert_eq!(a.payment_due_cents, 500_000);
        assert_eq!(a.reached_on, Some(d("2026-06-30")));
    }

    #[test]
    fn superseded_late_and_early_measurements_do_not_count() {
        let start = d("2026-01-01");
        let mut superseded = m(150.0, "2026-03-31", true);
        superseded.superseded = true;
        let late = m(150.0, "2027-01-31", true);
        let mut early = m(150.0, "2026-03-31", true);
        early.period_start = d("2025-12-01");
        let a = assess(
            &terms(),
            Direction::Increase,
            start,
            &[superseded, late, early],
        );
        assert!(!a.reached);
        assert_eq!(a.payment_due_cents, 0);
        // Measured on the due date itself counts.
        let a = assess(
            &terms(),
            Direction::Increase,
            start,
            &[m(100.0, "2026-12-31", true)],
        );
        assert!(a.reached);
    }

    #[test]
    fn decreasing_indicators_are_reached_from_below() {
        let start = d("2026-01-01");
        let a = assess(
            &terms(),
            Direction::Decrease,
            start,
            &[m(120.0, "2026-06-30", true)],
        );
        assert!(!a.reached);
        assert_eq!(a.best, Some(120.0));
        let a = assess(
            &terms(),
            Direction::Decrease,
            start,
            &[m(120.0, "2026-06-30", true), m(80.0, "2026-09-30", true)],
        );
        assert!(a.reached);
        assert_eq!(a.best, Some(80.0));
        assert_eq!(a.reached_on, Some(d("2026-09-30")));
    }

    #[test]
    fn outcomes_as_typed_are_checked() {
        let mut e = FieldErrors::new();
        let ok = check_outcome(
            &OutcomeInput {
                threshold: "1 200,5".into(),
                due_on: "2027-06-30".into(),
                payment: "1500,50".into(),
            },
            d("2026-01-01"),
            &mut e,
            ["t", "d", "p"],
        );
        assert!(e.is_empty());
        assert_eq!(
            ok,
            Some(OutcomeTerms {
                threshold: 1200.5,
                due_on: d("2027-06-30"),
                payment_cents: 150_050
            })
        );
        let mut e = FieldErrors::new();
        let bad = check_outcome(
            &OutcomeInput {
                threshold: "beaucoup".into(),
                due_on: "2025-06-30".into(),
                payment: "-3".into(),
            },
            d("2026-01-01"),
            &mut e,
            ["t", "d", "p"],
        );
        assert_eq!(bad, None);
        assert_eq!(e.get("t"), Some(Invalid::new("outcomes_threshold_invalid")));
        assert_eq!(e.get("d"), Some(Invalid::new("outcomes_due_before_start")));
        assert_eq!(e.get("p"), Some(Invalid::new("outcomes_payment_invalid")));
        assert_eq!(parse_euros("0,001"), None);
        assert_eq!(parse_euros("NaN"), None);
    }

    #[test]
    fn euros_are_written_per_language() {
        assert_eq!(format_euros(150_050, true), "1\u{202f}500,50\u{a0}€");
        assert_eq!(format_euros(150_050, false), "€1,500.50");
        assert_eq!(format_euros(5, false), "€0.05");
    }

    proptest! {
        #[test]
        fn unverified_measurements_never_pay(values in proptest::collection::vec(-1e9f64..1e9, 0..8)) {
            let ms: Vec<Measurement> = values.iter().map(|v| m(*v, "2026-06-30", false)).collect();
            for dir in [Direction::Increase, Direction::Decrease] {
                let a = assess(&terms(), dir, d("2026-01-01"), &ms);
                prop_assert!(!a.reached);
                prop_assert_eq!(a.payment_due_cents, 0);
            }
        }
    }
}
