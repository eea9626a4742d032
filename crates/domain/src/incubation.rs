//! Incubation of a hackathon's winning teams: a milestone plan (six months by default), the
//! milestones' checks and statuses, status updates and the closure with its outcome.
//!
//! Pure rules, no IO. Dates are calendar days (the plan is a calendar, not a timer).

use crate::invalid::{FieldErrors, Invalid};
use chrono::{Months, NaiveDate};

/// The default length of an incubation.
pub const DEFAULT_MONTHS: u32 = 6;
pub const MAX_TITLE: usize = 200;
pub const MAX_UPDATE: usize = 5_000;
pub const MAX_OUTCOME: usize = 5_000;

/// One step of the default plan: a message id suffix (`incubation-milestone-{key}`, the title
/// is written in the organiser's language when the plan is made) and its month from the start.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct PlanStep {
    pub key: &'static str,
    pub month: u32,
}

/// The default plan: kick-off at once, a diagnosis of the need with the défi's owners after a
/// month, a prototype tried in the field at two months, a mid-term review at three, first
/// regular users at four, a sustainability plan (model, partners, funding) at five, and the
/// final review and closure at six.
pub const DEFAULT_PLAN: [PlanStep; 7] = [
    PlanStep {
        key: "kickoff",
        month: 0,
    },
    PlanStep {
        key: "diagnosis",
        month: 1,
    },
    PlanStep {
        key: "prototype",
        month: 2,
    },
    PlanStep {
        key: "midterm",
        month: 3,
    },
    PlanStep {
        key: "first-users",
        month: 4,
    },
    PlanStep {
        key: "sustainability",
        month: 5,
    },
    PlanStep {
        key: "closure",
        month: 6,
    },
];

/// The plan's last day: `months` after the start (the end of month clamps: 31 August + 6
/// months is 28 or 29 February).
pub fn plan_end(start: NaiveDate, months: u32) -> NaiveDate {
    start
        .checked_add_months(Months::new(months))
        .unwrap_or(NaiveDate::MAX)
}

/// The default milestones from `start`: (key, due date), in order.
pub fn default_plan(start: NaiveDate) -> Vec<(&'static str, NaiveDate)> {
    DEFAULT_PLAN
        .iter()
        .map(|s| (s.key, plan_end(start, s.month)))
        .collect()
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum MilestoneStatus {
    Todo,
    InProgress,
    Done,
}

impl MilestoneStatus {
    pub const ALL: [MilestoneStatus; 3] = [
        MilestoneStatus::Todo,
        MilestoneStatus::InProgress,
        MilestoneStatus::Done,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            MilestoneStatus::Todo => "todo",
            MilestoneStatus::InProgress => "in_progress",
            MilestoneStatus::Done => "done",
        }
    }

    pub fn parse(s: &str) -> Option<MilestoneStatus> {
        Self::ALL.into_iter().find(|k| k.as_str() == s.trim())
    }
}

/// A milestone as typed.
#[derive(Debug, Clone, Default)]
pub struct MilestoneInput {
    pub title: String,
    /// `YYYY-MM-DD`.
    pub due_on: String,
    pub status: String,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ValidMilestone {
    pub title: String,
    pub due_on: NaiveDate,
    pub status: MilestoneStatus,
}

/// Checks a milestone against its plan: a title (one line, ≤ 200), a due date within
/// `start..=end` (`incubation_due_outside_plan`), a known status (empty means to do).
pub fn validate_milestone(
    input: &MilestoneInput,
    start: NaiveDate,
    end: NaiveDate,
) -> Result<ValidMilestone, FieldErrors> {
    let mut errors = FieldErrors::new();
    let title = input.title.trim();
    if title.is_empty() {
        errors.add("title", Invalid::new("incubation_title_required"));
    } else if title.chars().count() > MAX_TITLE {
        errors.add("title", Invalid::new("incubation_title_too_long"));
    } else if title.chars().any(char::is_control) {
        errors.add("title", Invalid::new("incubation_title_one_line"));
    }
    let due = match NaiveDate::parse_from_str(input.due_on.trim(), "%Y-%m-%d") {
        Ok(d) if d < start || d > end => {
            errors.add("due_on", Invalid::new("incubation_due_outside_plan"));
            None
        }
        Ok(d) => Some(d),
        Err(_) => {
            errors.add("due_on", Invalid::new("incubation_date_invalid"));
            None
        }
    };
    let status = if input.status.trim().is_empty() {
        Some(MilestoneStatus::Todo)
    } else {
        MilestoneStatus::parse(&input.status)
    };
    if status.is_none() {
        errors.add("status", Invalid::new("incubation_status_invalid"));
    }
    match (due, status) {
        (Some(due_on), Some(status)) if errors.is_empty() => Ok(ValidMilestone {
            title: title.to_owned(),
            due_on,
            status,
        }),
        _ => Err(errors),
    }
}

/// A status update's text: 1 to 5,000 characters.
pub fn check_update(s: &str) -> Result<String, Invalid> {
    let t = s.trim();
    match t.chars().count() {
        0 => Err(Invalid::new("incubation_update_required")),
        n if n > MAX_UPDATE => Err(Invalid::new("incubation_update_too_long")),
        _ => Ok(t.to_owned()),
    }
}

/// How an incubation ended.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Outcome {
    /// The project goes on by itself (carried by a structure, funded, in use).
    Continued,
    /// It goes on in another form.
    Pivoted,
    /// It stops.
    Stopped,
}

impl Outcome {
    pub const ALL: [Outcome; 3] = [Outcome::Continued, Outcome::Pivoted, Outcome::Stopped];

    pub fn as_str(self) -> &'static str {
        match self {
            Outcome::Continued => "continued",
            Outcome::Pivoted => "pivoted",
            Outcome::Stopped => "stopped",
        }
    }

    pub fn parse(s: &str) -> Option<Outcome> {
        Self::ALL.into_iter().find(|k| k.as_str() == s.trim())
    }
}

/// A closure as typed.
#[derive(Debug, Clone, Default)]
pub struct ClosureInput {
    pub outcome: String,
    pub summary: String,
}

/// Checks a closure: a known outcome and a summary of 1 to 5,000 characters.
pub fn validate_closure(input: &ClosureInput) -> Result<(Outcome, String), FieldErrors> {
    let mut errors = FieldErrors::new();
    let outcome = Outcome::parse(&input.outcome);
    if outcome.is_none() {
        errors.add("outcome", Invalid::new("incubation_outcome_invalid"));
    }
    let summary = input.summary.trim();
    match summary.chars().count() {
        0 => errors.add("summary", Invalid::new("incubation_summary_required")),
        n if n > MAX_OUTCOME => errors.add("summary", Invalid::new("incubation_summary_too_long")),
        _ => {}
    }
    match outcome {
        Some(o) if errors.is_empty() => Ok((o, summary.to_owned())),
        _ => Err(errors),
    }
}

/// Share of milestones done, 0–100 (0 for an empty plan).
pub fn progress(statuses: &[MilestoneStatus]) -> u32 {
    if statuses.is_empty() {
        return 0;
    }
    let done = statuses
        .iter()
        .filter(|s| **s == MilestoneStatus::Done)
        .count();
    (done * 100 / statuses.len()) as u32
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    #[test]
    fn the_default_plan_runs_six_months_in_order() {
        let start = d(2026, 8, 31);
        let plan = default_plan(start);
        assert_eq!(plan.first().unwrap().1, start);
        assert_eq!(plan.last().unwrap().1, d(2027, 2, 28));
        assert!(plan.windows(2).all(|w| w[0].1 <= w[1].1));
    }

    #[test]
    fn a_due_date_outside_the_plan_is_refused() {
        let (start, end) = (d(2026, 1, 10), d(2026, 7, 10));
        let m = |due: &str| MilestoneInput {
            title: "Pilote".into(),
            due_on: due.into(),
            status: String::new(),
        };
        for bad in ["2026-01-09", "2026-07-11"] {
            let e = validate_milestone(&m(bad), start, end).unwrap_err();
            assert_eq!(e.get("due_on").unwrap().code, "incubation_due_outside_plan");
        }
        let e = validate_milestone(&m("10/01/2026"), start, end).unwrap_err();
        assert_eq!(e.get("due_on").unwrap().code, "incubation_date_invalid");
        let ok = validate_milestone(&m("2026-07-10"), start, end).unwrap();
        assert_eq!(ok.status, MilestoneStatus::Todo);
        let mut bad = m("2026-03-01");
        bad.status = "finished".into();
        assert!(validate_milestone(&bad, start, end).is_err());
    }

    #[test]
    fn a_closure_needs_an_outcome_and_a_summary() {
        let e = validate_closure(&ClosureInput {
            outcome: "won".into(),
            summary: " ".into(),
        })
        .unwrap_err();
        assert!(e.get("outcome").is_some() && e.get("summary").is_some());
        let ok = validate_closure(&ClosureInput {
            outcome: "continued".into(),
            summary: "Repris par la commune".into(),
        })
        .unwrap();
        assert_eq!(ok.0, Outcome::Continued);
    }

    proptest! {
        #[test]
        fn every_default_milestone_lies_within_the_plan(days in 0i64..20_000) {
            let start = d(2000, 1, 1) + chrono::Duration::days(days);
            let end = plan_end(start, DEFAULT_MONTHS);
            for (key, due) in default_plan(start) {
                let input = MilestoneInput {
                    title: key.into(),
                    due_on: due.format("%Y-%m-%d").to_string(),
                    status: "todo".into(),
                };
                prop_assert!(validate_milestone(&input, start, end).is_ok());
            }
        }

        #[test]
        fn progress_is_the_share_done(s in proptest::collection::vec(0usize..3, 0..20)) {
            let statuses: Vec<_> = s.iter().map(|i| MilestoneStatus::ALL[*i]).collect();
            let p = progress(&statuses);
            prop_assert!(p <= 100);
            let done = s.iter().filter(|i| **i == 2).count();
            prop_assert_eq!(p == 100, !s.is_empty() && done == s.len());
            prop_assert_eq!(p == 0, done * 100 < s.len().max(1));
        }
    }
}
