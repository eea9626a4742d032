//! Défis (challenges) posted by structures: what one must hold. Pure rules, no IO.
//!
//! A défi is co-owned by one or more structures (a *filière*: associations, public bodies and
//! companies together) and may be backed by sponsors; it names the thematic challenges of the
//! initiatives' catalogue and a territory (or the whole country).

use crate::invalid::{FieldErrors, Invalid};
use crate::territory::{Territories, TerritoryRef};

pub const MAX_TITLE: usize = 200;
pub const MAX_CONTEXT: usize = 20_000;
pub const MAX_QUESTION: usize = 1_000;
pub const MAX_DELIVERABLE: usize = 2_000;
/// More challenges than this is a catalogue, not a défi.
pub const MAX_CHALLENGES: usize = 5;
pub const MAX_SPONSORS: usize = 20;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Status {
    Draft,
    Published,
    Closed,
}

impl Status {
    pub const ALL: [Status; 3] = [Status::Draft, Status::Published, Status::Closed];

    pub fn as_str(self) -> &'static str {
        match self {
            Status::Draft => "draft",
            Status::Published => "published",
            Status::Closed => "closed",
        }
    }

    pub fn parse(s: &str) -> Option<Status> {
        Status::ALL.into_iter().find(|k| k.as_str() == s.trim())
    }
}

/// A défi as typed (form or API).
#[derive(Debug, Clone, Default)]
pub struct DefiInput {
    pub title: String,
    /// Markdown.
    pub context: String,
    pub question: String,
    pub deliverable: String,
    /// A territory reference already resolved from what was typed ("departement:29"), or
    /// empty for the whole country.
    pub territory: String,
    pub status: String,
    pub challenges: Vec<String>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct ValidDefi {
    pub title: String,
    pub context: String,
    pub question: String,
    pub deliverable: String,
    pub territory: Option<TerritoryRef>,
    pub departement: Option<String>,
    pub region: Option<String>,
    pub status: Status,
    /// Known codes, each once, in the order given.
    pub challenges: Vec<String>,
}

fn one_line(
    errors: &mut FieldErrors,
    field: &'static str,
    value: &str,
    max: usize,
    required: bool,
) -> String {
    let v = value.trim();
    if v.is_empty() && required {
        errors.add(field, Invalid::new(required_code(field)));
    } else if v.chars().count() > max {
        errors.add(field, Invalid::new("defis_too_long"));
    } else if v.chars().any(char::is_control) {
        errors.add(field, Invalid::new("defis_one_line"));
    }
    v.to_owned()
}

fn required_code(field: &str) -> &'static str {
    match field {
        "title" => "defis_title_required",
        _ => "defis_question_required",
    }
}

/// Checks a défi; `known_challenges` are the codes of the `challenges` table.
pub fn validate(
    input: &DefiInput,
    territories: &Territories,
    known_challenges: &[String],
) -> Result<ValidDefi, FieldErrors> {
    let mut errors = FieldErrors::new();
    let title = one_line(&mut errors, "title", &input.title, MAX_TITLE, true);
    let question = input.question.trim().to_owned();
    if question.is_empty() {
        errors.add("question", Invalid::new("defis_question_required"));
    } else if question.chars().count() > MAX_QUESTION {
        errors.add("question", Invalid::new("defis_too_long"));
    }
    let context = input.context.trim().to_owned();
    if context.chars().count() > MAX_CONTEXT {
        errors.add("context", Invalid::new("defis_too_long"));
    }
    let deliverable = input.deliverable.trim().to_owned();
    if deliverable.chars().count() > MAX_DELIVERABLE {
        errors.add("deliverable", Invalid::new("defis_too_long"));
    }
    let territory = match input.territory.trim() {
        "" => None,
        t => match TerritoryRef::parse(t) {
            Ok(r) if territories.get(&r).is_some() => Some(r),
            _ => {
                errors.add("territory", Invalid::new("defis_territory_unknown"));
                None
            }
        },
    };
    let status = match input.status.trim() {
        "" => Some(Status::Published),
        s => Status::parse(s),
    };
    if status.is_none() {
        errors.add("status", Invalid::new("defis_status_invalid"));
    }
    // The list is typed by anybody and may be huge: the scan stops one past the maximum, so
    // the dedup below stays a handful of comparisons.
    let mut challenges: Vec<String> = vec![];
    for c in &input.challenges {
        let c = c.trim();
        if c.is_empty() || challenges.iter().any(|x| x == c) {
            continue;
        }
        if challenges.len() == MAX_CHALLENGES {
            errors.add("challenges", Invalid::new("defis_too_many_challenges"));
            break;
        }
        if !known_challenges.iter().any(|k| k == c) {
            errors.add("challenges", Invalid::new("defis_challenge_unknown"));
        }
        challenges.push(c.to_owned());
    }
    match status {
        Some(status) if errors.is_empty() => {
            let (departement, region) = match &territory {
                Some(t) => crate::blockers::departement_and_region(territories, t),
                None => (None, None),
            };
            Ok(ValidDefi {
                title,
                context,
                question,
                deliverable,
                territory,
                departement,
                region,
                status,
                challenges,
            })
        }
        _ => Err(errors),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn known() -> Vec<String> {
        vec!["inclusion".into(), "alimentation".into()]
    }

    fn input() -> DefiInput {
        DefiInput {
            title: " Zéro gaspi ".into(),
            context: "Des *repas* jetés.".into(),
            question: "Comment réduire le gaspillage ?".into(),
            deliverable: "Un prototype".into(),
            territory: "departement:29".into(),
            status: String::new(),
            challenges: vec!["inclusion".into(), "inclusion".into(), " ".into()],
        }
    }

    #[test]
    fn a_defi_is_trimmed_placed_and_published_by_default() {
        let v = validate(&input(), Territories::bundled(), &known()).unwrap();
        assert_eq!(v.title, "Zéro gaspi");
        assert_eq!(v.status, Status::Published);
        assert_eq!(v.challenges, ["inclusion"]);
        assert_eq!(v.departement.as_deref(), Some("29"));
        assert_eq!(v.region.as_deref(), Some("53"));
        let mut national = input();
        national.territory = String::new();
        let n = validate(&national, Territories::bundled(), &known()).unwrap();
        assert_eq!((n.territory, n.departement), (None, None));
    }

    #[test]
    fn each_bad_field_is_named() {
        let bad = DefiInput {
            title: "   ".into(),
            question: String::new(),
            territory: "commune:00000".into(),
            status: "ouvert".into(),
            challenges: vec!["licornes".into()],
            ..input()
        };
        let e = validate(&bad, Territories::bundled(), &known()).unwrap_err();
        assert_eq!(e.get("title").unwrap().code, "defis_title_required");
        assert_eq!(e.get("question").unwrap().code, "defis_question_required");
        assert_eq!(e.get("territory").unwrap().code, "defis_territory_unknown");
        assert_eq!(e.get("status").unwrap().code, "defis_status_invalid");
        assert_eq!(e.get("challenges").unwrap().code, "defis_challenge_unknown");
        let two_lines = DefiInput {
            title: "a\nb".into(),
            ..input()
        };
        let e = validate(&two_lines, Territories::bundled(), &known()).unwrap_err();
        assert_eq!(e.get("title").unwrap().code, "defis_one_line");
    }

    #[test]
    fn a_huge_list_of_challenges_is_refused_at_once() {
        // Distinct codes: a quadratic dedup over them would take minutes.
        let huge = DefiInput {
            challenges: (0..200_000).map(|i| format!("code-{i}")).collect(),
            ..input()
        };
        let started = std::time::Instant::now();
        let e = validate(&huge, Territories::bundled(), &known()).unwrap_err();
        assert!(started.elapsed() < std::time::Duration::from_secs(5));
        assert_eq!(
            e.get("challenges").unwrap().code,
            "defis_challenge_unknown",
            "the first error on the field is kept"
        );
        // Known codes repeated many times are one each, and within the maximum.
        let repeated = DefiInput {
            challenges: known().into_iter().cycle().take(100_000).collect(),
            ..input()
        };
        let v = validate(&repeated, Territories::bundled(), &known()).unwrap();
        assert_eq!(v.challenges, known());
        let many_known: Vec<String> = (0..=MAX_CHALLENGES).map(|i| format!("k{i}")).collect();
        let too_many = DefiInput {
            challenges: many_known.clone(),
            ..input()
        };
        let e = validate(&too_many, Territories::bundled(), &many_known).unwrap_err();
        assert_eq!(
            e.get("challenges").unwrap().code,
            "defis_too_many_challenges"
        );
    }

    proptest! {
        #[test]
        fn a_valid_title_is_kept_trimmed(title in "[A-Za-zéè ]{1,200}") {
            let i = DefiInput { title: title.clone(), ..input() };
            match validate(&i, Territories::bundled(), &known()) {
                Ok(v) => prop_assert_eq!(v.title, title.trim()),
                Err(e) => prop_assert!(title.trim().is_empty() && e.get("title").is_some()),
            }
        }

        #[test]
        fn statuses_round_trip(i in 0usize..3) {
            let s = Status::ALL[i];
            prop_assert_eq!(Status::parse(s.as_str()), Some(s));
        }
    }
}
