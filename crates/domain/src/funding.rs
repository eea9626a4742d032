//! Calls for projects, funds and prizes: the call, its eligibility, questions and criteria;
//! applications with their frozen initiative, answers and PDF documents; prize results; awards
//! as SCDL open data.
//!
//! Pure rules, no IO: what a call must hold (amounts, dates, criteria, questions), who is
//! eligible (structure kind, the initiative's challenges, territories and stage), what a PDF is
//! for us, how answers are checked, and how amounts are read and written.

use crate::deliberation::conversation::{from_paris, to_paris};
use crate::invalid::{FieldErrors, Invalid};
use crate::territory::{Territories, TerritoryRef};
use chrono::{DateTime, NaiveDate, NaiveDateTime, Utc};
use serde::{Deserialize, Serialize};

pub const MAX_TITLE: usize = 200;
pub const MAX_TEXT: usize = 20_000;
pub const MAX_ANSWER: usize = 10_000;
pub const MAX_CRITERIA: usize = 8;
pub const MAX_QUESTIONS: usize = 10;
/// The largest document: 10 MB.
pub const MAX_DOCUMENT_BYTES: usize = 10 * 1024 * 1024;
/// How far from the end `%%EOF` may be (producers append a line break or a few bytes).
const EOF_WINDOW: usize = 1024;
/// The largest amount accepted, in cents (one billion units): keeps sums far from overflow.
pub const MAX_CENTS: i64 = 100_000_000_000;

macro_rules! words {
    ($(#[$meta:meta])* $name:ident, $code:literal, { $($variant:ident => $text:literal),* $(,)? }) => {
        $(#[$meta])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
        pub enum $name { $($variant),* }

        impl $name {
            pub const ALL: &'static [$name] = &[$($name::$variant),*];

            pub fn as_str(self) -> &'static str {
                match self { $($name::$variant => $text),* }
            }

            pub fn parse(s: &str) -> Result<$name, Invalid> {
                Self::ALL.iter().copied().find(|v| v.as_str() == s.trim()).ok_or(Invalid::new($code))
            }
        }
    };
}

words!(
    /// What a funder opens.
    CallKind, "funding-kind-invalid", {
        Call => "call",
        Fund => "fund",
        Prize => "prize",
    }
);

words!(
    /// Where a call stands: drafts are seen by the funder's managers only.
    CallStatus, "funding-status-invalid", {
        Draft => "draft",
        Published => "published",
        Closed => "closed",
    }
);

words!(
    /// The kind of a question of the application form.
    QuestionKind, "funding-question-kind-invalid", {
        Text => "text",
        Number => "number",
        Choice => "choice",
        File => "file",
    }
);

words!(
    /// Where an application stands. Granted, refused and waitlisted are the review's decisions.
    ApplicationStatus, "funding-application-status-invalid", {
        Draft => "draft",
        Submitted => "submitted",
        Withdrawn => "withdrawn",
        Granted => "granted",
        Refused => "refused",
        Waitlisted => "waitlisted",
    }
);

/// Who may apply. An empty list on a dimension accepts anything on it.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Eligibility {
    /// Challenge codes: the initiative must address at least one.
    pub challenges: Vec<String>,
    /// Territory references ("departement:29", "region:53", "commune:29019"): one of the
    /// initiative's territories must be one of them or lie within one.
    pub territories: Vec<String>,
    /// Initiative stages (`initiative::Stage::as_str`).
    pub stages: Vec<String>,
    /// Structure kinds of the applicant (`structure::StructureKind::as_str`).
    pub structure_kinds: Vec<String>,
}

impl Eligibility {
    pub fn is_open_to_all(&self) -> bool {
        self.challenges.is_empty()
            && self.territories.is_empty()
            && self.stages.is_empty()
            && self.structure_kinds.is_empty()
    }
}

/// What eligibility is checked against: the applicant structure and its initiative.
#[derive(Debug, Clone, Default)]
pub struct Candidate {
    pub structure_kind: String,
    pub challenges: Vec<String>,
    /// The initiative's territories and every territory that contains them (see
    /// `covered_territories`).
    pub territories: Vec<String>,
    pub stage: String,
}

/// The initiative's territories with all their parents, as references ("commune:29019",
/// "epci:…", "departement:29", "region:53").
pub fn covered_territories(refs: &[TerritoryRef], territories: &Territories) -> Vec<String> {
    let mut out: Vec<String> = vec![];
    for r in refs {
        let mut consider = vec![r.clone()];
        if let Some(t) = territories.get(r) {
            consider.extend(t.parents.iter().cloned());
        }
        for c in consider {
            let s = c.to_string();
            if !out.contains(&s) {
                out.push(s);
            }
        }
    }
    out
}

/// Whether the candidate may apply; the first failed dimension otherwise (its code names it).
pub fn check_eligibility(e: &Eligibility, c: &Candidate) -> Result<(), Invalid> {
    if !e.structure_kinds.is_empty() && !e.structure_kinds.contains(&c.structure_kind) {
        return Err(Invalid::new("funding-ineligible-structure-kind"));
    }
    if !e.challenges.is_empty() && !c.challenges.iter().any(|x| e.challenges.contains(x)) {
        return Err(Invalid::new("funding-ineligible-challenge"));
    }
    if !e.territories.is_empty() && !c.territories.iter().any(|x| e.territories.contains(x)) {
        return Err(Invalid::new("funding-ineligible-territory"));
    }
    if !e.stages.is_empty() && !e.stages.contains(&c.stage) {
        return Err(Invalid::new("funding-ineligible-stage"));
    }
    Ok(())
}

/// Reads an amount typed by a person ("1 500", "1500,50", "1 500.5 €") into cents.
pub fn parse_amount(s: &str) -> Result<i64, Invalid> {
    let bad = Invalid::new("funding-amount-invalid");
    let cleaned: String = s
        .chars()
        .filter(|c| !c.is_whitespace() && *c != '\u{202f}' && *c != '€')
        .map(|c| if c == ',' { '.' } else { c })
        .collect();
    if cleaned.is_empty() {
        return Err(Invalid::new("funding-amount-required"));
    }
    let (units, frac) = match cleaned.split_once('.') {
        Some((u, f)) => (u, f),
        None => (cleaned.as_str(), ""),
    };
    if units.is_empty()
        || !units.bytes().all(|b| b.is_ascii_digit())
        || frac.len() > 2
        || !frac.bytes().all(|b| b.is_ascii_digit())
        || units.len() > 12
    {
        return Err(bad);
    }
    let units: i64 = units.parse().map_err(|_| bad)?;
    let frac: i64 = if frac.is_empty() {
        0
    } else {
        format!("{frac:0<2}").parse().map_err(|_| bad)?
    };
    let cents = units * 100 + frac;
    if cents > MAX_CENTS {
        return Err(Invalid::new("funding-amount-too-large"));
    }
    Ok(cents)
}

/// An amount for people: "12 500 €" or "12 500,50 €" (French grouping), the currency's code
/// when it is not the euro.
pub fn format_amount(cents: i64, currency: &str) -> String {
    let units = cents / 100;
    let frac = cents % 100;
    let digits = units.to_string();
    let mut grouped = String::new();
    for (i, ch) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            grouped.push('\u{202f}');
        }
        grouped.push(ch);
    }
    let symbol = if currency == "EUR" { "€" } else { currency };
    if frac == 0 {
        format!("{grouped}\u{a0}{symbol}")
    } else {
        format!("{grouped},{frac:02}\u{a0}{symbol}")
    }
}

/// The amount with a '.' decimal and two decimals, as open data wants it ("12500.00").
pub fn decimal_amount(cents: i64) -> String {
    format!("{}.{:02}", cents / 100, cents % 100)
}

/// An ISO 4217 code: three capital letters.
pub fn parse_currency(s: &str) -> Result<String, Invalid> {
    let s = s.trim().to_ascii_uppercase();
    if s.is_empty() {
        return Ok("EUR".into());
    }
    if s.len() == 3 && s.bytes().all(|b| b.is_ascii_uppercase()) {
        Ok(s)
    } else {
        Err(Invalid::new("funding-currency-invalid"))
    }
}

/// A date and time typed in Paris time ("2026-06-30T18:00", or a bare date meaning the end of
/// that day for a closing time and its start for an opening time).
pub fn parse_paris_datetime(s: &str, end_of_day: bool) -> Result<DateTime<Utc>, Invalid> {
    let s = s.trim();
    if s.is_empty() {
        return Err(Invalid::new("funding-date-required"));
    }
    let bad = Invalid::new("funding-date-invalid");
    let local = if let Ok(d) = NaiveDate::parse_from_str(s, "%Y-%m-%d") {
        if end_of_day {
            d.and_hms_opt(23, 59, 0).ok_or(bad)?
        } else {
            d.and_hms_opt(0, 0, 0).ok_or(bad)?
        }
    } else {
        NaiveDateTime::parse_from_str(s, "%Y-%m-%dT%H:%M")
            .or_else(|_| NaiveDateTime::parse_from_str(s, "%Y-%m-%dT%H:%M:%S"))
            .or_else(|_| NaiveDateTime::parse_from_str(s, "%Y-%m-%d %H:%M"))
            .map_err(|_| bad)?
    };
    Ok(from_paris(local))
}

/// The value of a `datetime-local` field showing `at` in Paris time.
pub fn paris_input(at: DateTime<Utc>) -> String {
    to_paris(at).format("%Y-%m-%dT%H:%M").to_string()
}

/// A criterion as typed.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
pub struct CriterionInput {
    pub name: String,
    #[serde(default)]
    pub description: String,
    pub weight: String,
    pub scale_max: String,
}

/// A question as typed; `choices` one per line.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
pub struct QuestionInput {
    pub label: String,
    pub kind: String,
    #[serde(default)]
    pub choices: String,
    #[serde(default)]
    pub required: bool,
}

/// A call as typed in the form or sent to the API; amounts as text ("12 000,50").
#[derive(Debug, Clone, Default)]
pub struct CallInput {
    pub kind: String,
    pub title: String,
    pub description: String,
    pub currency: String,
    pub budget: String,
    pub min_award: String,
    pub max_award: String,
    pub opens_at: String,
    pub closes_at: String,
    pub decision_on: String,
    pub reviewers_per_application: String,
    pub publish_awards: bool,
    pub eligibility: Eligibility,
    pub criteria: Vec<CriterionInput>,
    pub questions: Vec<QuestionInput>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ValidCriterion {
    pub name: String,
    pub description: String,
    pub weight: i32,
    pub scale_max: i32,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ValidQuestion {
    pub label: String,
    pub kind: QuestionKind,
    pub choices: Vec<String>,
    pub required: bool,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ValidCall {
    pub kind: CallKind,
    pub title: String,
    pub description: String,
    pub currency: String,
    pub budget_cents: i64,
    pub min_award_cents: i64,
    pub max_award_cents: i64,
    pub opens_at: DateTime<Utc>,
    pub closes_at: DateTime<Utc>,
    pub decision_on: Option<NaiveDate>,
    pub reviewers_per_application: i32,
    pub publish_awards: bool,
    pub eligibility: Eligibility,
    pub criteria: Vec<ValidCriterion>,
    pub questions: Vec<ValidQuestion>,
}

fn text(s: &str, max: usize, empty: &'static str, long: &'static str) -> Result<String, Invalid> {
    let s = s.trim();
    if s.is_empty() {
        Err(Invalid::new(empty))
    } else if s.chars().count() > max {
        Err(Invalid::new(long))
    } else {
        Ok(s.to_owned())
    }
}

fn small_int(s: &str, min: i32, max: i32, code: &'static str) -> Result<i32, Invalid> {
    match s.trim().parse::<i32>() {
        Ok(n) if (min..=max).contains(&n) => Ok(n),
        _ => Err(Invalid::new(code)),
    }
}

/// Keeps the known values of a list, once each, in order; an unknown one refuses the list.
fn codes(
    values: &[String],
    known: &dyn Fn(&str) -> bool,
    code: &'static str,
) -> Result<Vec<String>, Invalid> {
    let mut out: Vec<String> = vec![];
    for v in values.iter().map(|v| v.trim()).filter(|v| !v.is_empty()) {
        if !known(v) {
            return Err(Invalid::new(code));
        }
        if !out.iter().any(|o| o == v) {
            out.push(v.to_owned());
        }
    }
    Ok(out)
}

impl CallInput {
    /// Checks everything; `challenge_known` says whether a challenge code exists (the list lives
    /// in the database). Blank criterion and question rows are ignored.
    pub fn validate(
        &self,
        challenge_known: &dyn Fn(&str) -> bool,
    ) -> Result<ValidCall, FieldErrors> {
        let mut errors = FieldErrors::new();
        let kind = errors.check("kind", CallKind::parse(&self.kind));
        let title = errors.check(
            "title",
            text(
                &self.title,
                MAX_TITLE,
                "funding-title-required",
                "funding-title-too-long",
            ),
        );
        let description = errors.check(
            "description",
            text(
                &self.description,
                MAX_TEXT,
                "funding-description-required",
                "funding-description-too-long",
            ),
        );
        let currency = errors.check("currency", parse_currency(&self.currency));
        let budget = errors.check("budget", parse_amount(&self.budget));
        let min_award = if self.min_award.trim().is_empty() {
            Some(0)
        } else {
            errors.check("min_award", parse_amount(&self.min_award))
        };
        let max_award = if self.max_award.trim().is_empty() {
            budget
        } else {
            errors.check("max_award", parse_amount(&self.max_award))
        };
        if let (Some(min), Some(max), Some(budget)) = (min_award, max_award, budget) {
            if max < min {
                errors.add("max_award", Invalid::new("funding-award-range-invalid"));
            } else if max > budget {
                errors.add("max_award", Invalid::new("funding-award-over-budget"));
            } else if max == 0 {
                errors.add("max_award", Invalid::new("funding-amount-zero"));
            }
        }
        let opens_at = errors.check("opens_at", parse_paris_datetime(&self.opens_at, false));
        let closes_at = errors.check("closes_at", parse_paris_datetime(&self.closes_at, true));
        if let (Some(o), Some(c)) = (opens_at, closes_at) {
            if c <= o {
                errors.add("closes_at", Invalid::new("funding-closes-before-opens"));
            }
        }
        let decision_on = if self.decision_on.trim().is_empty() {
            Some(None)
        } else {
            errors
                .check(
                    "decision_on",
                    NaiveDate::parse_from_str(self.decision_on.trim(), "%Y-%m-%d")
                        .map_err(|_| Invalid::new("funding-date-invalid")),
                )
                .map(Some)
        };
        if let (Some(Some(d)), Some(c)) = (decision_on, closes_at) {
            if d < to_paris(c).date() {
                errors.add("decision_on", Invalid::new("funding-decision-before-close"));
            }
        }
        let reviewers = if self.reviewers_per_application.trim().is_empty() {
            Some(2)
        } else {
            errors.check(
                "reviewers_per_application",
                small_int(
                    &self.reviewers_per_application,
                    1,
                    10,
                    "funding-reviewers-invalid",
                ),
            )
        };
        let e = &self.eligibility;
        let challenges = errors.check(
            "challenges",
            codes(&e.challenges, challenge_known, "funding-challenge-invalid"),
        );
        let territories = errors.check(
            "territories",
            e.territories
                .iter()
                .map(|t| t.trim())
                .filter(|t| !t.is_empty())
                .map(|t| {
                    TerritoryRef::parse(t)
                        .map(|r| r.to_string())
                        .map_err(|_| Invalid::new("funding-territory-invalid"))
                })
                .collect::<Result<Vec<_>, _>>()
                .map(|mut v| {
                    v.dedup();
                    v
                }),
        );
        let stages = errors.check(
            "stages",
            codes(
                &e.stages,
                &|s| crate::initiative::Stage::parse(s).is_ok(),
                "funding-stage-invalid",
            ),
        );
        let kinds = errors.check(
            "structure_kinds",
            codes(
                &e.structure_kinds,
                &|s| crate::structure::StructureKind::parse(s).is_ok(),
                "funding-structure-kind-invalid",
            ),
        );
        let mut criteria = vec![];
        for c in self.criteria.iter().filter(|c| !c.name.trim().is_empty()) {
            let name = errors.check(
                "criteria",
                text(
                    &c.name,
                    MAX_TITLE,
                    "funding-criterion-invalid",
                    "funding-criterion-invalid",
                ),
            );
            let weight = errors.check(
                "criteria",
                small_int(&c.weight, 1, 100, "funding-criterion-weight-invalid"),
            );
            let scale = errors.check(
                "criteria",
                small_int(&c.scale_max, 1, 100, "funding-criterion-scale-invalid"),
            );
            if let (Some(name), Some(weight), Some(scale_max)) = (name, weight, scale) {
                criteria.push(ValidCriterion {
                    name,
                    description: c.description.trim().chars().take(MAX_ANSWER).collect(),
                    weight,
                    scale_max,
                });
            }
        }
        if criteria.is_empty() && errors.get("criteria").is_none() {
            errors.add("criteria", Invalid::new("funding-criteria-required"));
        }
        if criteria.len() > MAX_CRITERIA {
            errors.add("criteria", Invalid::new("funding-criteria-too-many"));
        }
        let mut questions = vec![];
        for q in self.questions.iter().filter(|q| !q.label.trim().is_empty()) {
            let label = errors.check(
                "questions",
                text(
                    &q.label,
                    500,
                    "funding-question-invalid",
                    "funding-question-invalid",
                ),
            );
            let kind = errors.check("questions", QuestionKind::parse(&q.kind));
            let choices: Vec<String> = q
                .choices
                .lines()
                .map(str::trim)
                .filter(|c| !c.is_empty())
                .map(str::to_owned)
                .collect();
            if kind == Some(QuestionKind::Choice) && choices.len() < 2 {
                errors.add(
                    "questions",
                    Invalid::new("funding-question-choices-required"),
                );
            }
            if let (Some(label), Some(kind)) = (label, kind) {
                questions.push(ValidQuestion {
                    label,
                    kind,
                    choices: if kind == QuestionKind::Choice {
                        choices
                    } else {
                        vec![]
                    },
                    required: q.required,
                });
            }
        }
        if questions.len() > MAX_QUESTIONS {
            errors.add("questions", Invalid::new("funding-questions-too-many"));
        }
        if !errors.is_empty() {
            return Err(errors);
        }
        Ok(ValidCall {
            kind: kind.unwrap(),
            title: title.unwrap(),
            description: description.unwrap(),
            currency: currency.unwrap(),
            budget_cents: budget.unwrap(),
            min_award_cents: min_award.unwrap(),
            max_award_cents: max_award.unwrap(),
            opens_at: opens_at.unwrap(),
            closes_at: closes_at.unwrap(),
            decision_on: decision_on.unwrap(),
            reviewers_per_application: reviewers.unwrap(),
            publish_awards: self.publish_awards,
            eligibility: Eligibility {
                challenges: challenges.unwrap(),
                territories: territories.unwrap(),
                stages: stages.unwrap(),
                structure_kinds: kinds.unwrap(),
            },
            criteria,
            questions,
        })
    }
}

/// Checks one answer against its question; returns the stored value (trimmed). An empty answer
/// is accepted here: whether required questions are answered is checked at submission.
pub fn check_answer(kind: QuestionKind, choices: &[&str], value: &str) -> Result<String, Invalid> {
    let v = value.trim();
    if v.is_empty() {
        return Ok(String::new());
    }
    match kind {
        QuestionKind::Text | QuestionKind::File => {
            if v.chars().count() > MAX_ANSWER {
                Err(Invalid::new("funding-answer-too-long"))
            } else {
                Ok(v.to_owned())
            }
        }
        QuestionKind::Number => {
            let n = v.replace([' ', '\u{202f}', '\u{a0}'], "").replace(',', ".");
            match n.parse::<f64>() {
                Ok(x) if x.is_finite() => Ok(n),
                _ => Err(Invalid::new("funding-answer-not-a-number")),
            }
        }
        QuestionKind::Choice => {
            if choices.contains(&v) {
                Ok(v.to_owned())
            } else {
                Err(Invalid::new("funding-answer-choice-invalid"))
            }
        }
    }
}

/// Whether these bytes are a PDF we accept: at most 10 MB, starting with `%PDF-` and with
/// `%%EOF` in its last kilobyte. It does not parse the file (it is never rendered by us, only
/// handed back as a download), but it refuses what plainly is not a PDF.
pub fn check_pdf(bytes: &[u8]) -> Result<(), Invalid> {
    if bytes.len() > MAX_DOCUMENT_BYTES {
        return Err(Invalid::new("funding-document-too-large"));
    }
    if bytes.is_empty() {
        return Err(Invalid::new("funding-document-empty"));
    }
    if !bytes.starts_with(b"%PDF-") {
        return Err(Invalid::new("funding-document-not-pdf"));
    }
    let tail = &bytes[bytes.len().saturating_sub(EOF_WINDOW)..];
    if !tail.windows(5).any(|w| w == b"%%EOF") {
        return Err(Invalid::new("funding-document-not-pdf"));
    }
    Ok(())
}

/// A document's name kept for download: the base name, without control or path characters,
/// ending in `.pdf`, at most 120 characters.
pub fn document_name(raw: &str) -> String {
    let base = raw.rsplit(['/', '\\']).next().unwrap_or("");
    let mut name: String = base
        .chars()
        .filter(|c| !c.is_control() && !matches!(c, '"' | '<' | '>' | ':' | '*' | '?' | '|'))
        .take(120)
        .collect::<String>()
        .trim()
        .to_owned();
    if name.is_empty() {
        name = "document.pdf".into();
    }
    if !name.to_ascii_lowercase().ends_with(".pdf") {
        name.push_str(".pdf");
    }
    name
}

/// The initiative as it stood at submission: frozen into the application.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Snapshot {
    pub initiative_id: uuid::Uuid,
    /// The initiative's revision number at submission.
    pub revision: i32,
    pub frozen_at: DateTime<Utc>,
    /// The record and recipe (`initiative::InitiativeContent`).
    pub content: crate::initiative::InitiativeContent,
}

impl Snapshot {
    pub fn to_json(&self) -> String {
        serde_json::to_string(self).expect("a snapshot serialises")
    }

    pub fn parse(s: &str) -> Option<Snapshot> {
        serde_json::from_str(s).ok()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn input() -> CallInput {
        CallInput {
            kind: "prize".into(),
            title: "Prix de l'innovation sociale".into(),
            description: "Un **prix**.".into(),
            currency: "".into(),
            budget: "30 000".into(),
            min_award: "5000".into(),
            max_award: "15 000,00".into(),
            opens_at: "2026-03-01".into(),
            closes_at: "2026-06-30T18:00".into(),
            decision_on: "2026-09-15".into(),
            reviewers_per_application: "3".into(),
            publish_awards: true,
            eligibility: Eligibility {
                challenges: vec!["inclusion".into()],
                territories: vec!["departement:29".into()],
                stages: vec![],
                structure_kinds: vec!["association".into()],
            },
            criteria: vec![CriterionInput {
                name: "Impact".into(),
                description: "".into(),
                weight: "2".into(),
                scale_max: "5".into(),
            }],
            questions: vec![QuestionInput {
                label: "Budget prévisionnel".into(),
                kind: "file".into(),
                choices: "".into(),
                required: true,
            }],
        }
    }

    #[test]
    fn a_complete_call_is_valid() {
        let v = input().validate(&|c| c == "inclusion").unwrap();
        assert_eq!(v.budget_cents, 3_000_000);
        assert_eq!(v.max_award_cents, 1_500_000);
        assert_eq!(v.currency, "EUR");
        assert_eq!(v.kind, CallKind::Prize);
        // 18:00 in Paris summer time is 16:00 UTC.
        assert_eq!(v.closes_at.to_rfc3339(), "2026-06-30T16:00:00+00:00");
        assert_eq!(v.criteria.len(), 1);
    }

    #[test]
    fn bad_calls_are_refused_field_by_field() {
        let mut i = input();
        i.max_award = "40 000".into();
        i.closes_at = "2026-02-01".into();
        i.criteria[0].scale_max = "101".into();
        i.eligibility.challenges = vec!["lune".into()];
        let e = i.validate(&|c| c == "inclusion").unwrap_err();
        assert_eq!(
            e.get("max_award").unwrap().code,
            "funding-award-over-budget"
        );
        assert_eq!(
            e.get("closes_at").unwrap().code,
            "funding-closes-before-opens"
        );
        assert_eq!(
            e.get("criteria").unwrap().code,
            "funding-criterion-scale-invalid"
        );
        assert_eq!(
            e.get("challenges").unwrap().code,
            "funding-challenge-invalid"
        );
        let mut i = input();
        i.criteria.clear();
        i.questions[0].kind = "choice".into();
        let e = i.validate(&|_| true).unwrap_err();
        assert_eq!(e.get("criteria").unwrap().code, "funding-criteria-required");
        assert_eq!(
            e.get("questions").unwrap().code,
            "funding-question-choices-required"
        );
    }

    #[test]
    fn amounts_read_as_people_type_them() {
        assert_eq!(parse_amount("1 500"), Ok(150_000));
        assert_eq!(parse_amount("1500,5"), Ok(150_050));
        assert_eq!(parse_amount("1 500.05 €"), Ok(150_005));
        assert!(parse_amount("1,2,3").is_err());
        assert!(parse_amount("-5").is_err());
        assert!(parse_amount("1.234").is_err());
        assert_eq!(
            parse_amount("").unwrap_err().code,
            "funding-amount-required"
        );
        assert_eq!(format_amount(1_250_050, "EUR"), "12\u{202f}500,50\u{a0}€");
        assert_eq!(decimal_amount(1_250_000), "12500.00");
    }

    #[test]
    fn pdfs_are_recognised_by_their_ends() {
        assert_eq!(check_pdf(b"%PDF-1.4\n1 0 obj\n%%EOF\n"), Ok(()));
        assert_eq!(
            check_pdf(b"GIF89a %%EOF").unwrap_err().code,
            "funding-document-not-pdf"
        );
        assert_eq!(
            check_pdf(b"%PDF-1.4 truncated").unwrap_err().code,
            "funding-document-not-pdf"
        );
        let mut big = b"%PDF-1.4".to_vec();
        big.resize(MAX_DOCUMENT_BYTES + 1, b' ');
        assert_eq!(
            check_pdf(&big).unwrap_err().code,
            "funding-document-too-large"
        );
        assert_eq!(document_name("C:\\x\\../dossier \"v2\""), "dossier v2.pdf");
    }

    #[test]
    fn answers_follow_their_question() {
        assert_eq!(
            check_answer(QuestionKind::Number, &[], "12,5"),
            Ok("12.5".into())
        );
        assert!(check_answer(QuestionKind::Number, &[], "douze").is_err());
        assert!(check_answer(QuestionKind::Choice, &["a", "b"], "c").is_err());
        assert_eq!(
            check_answer(QuestionKind::Choice, &["a", "b"], "b"),
            Ok("b".into())
        );
    }

    fn candidate() -> Candidate {
        Candidate {
            structure_kind: "association".into(),
            challenges: vec!["inclusion".into(), "habitat".into()],
            territories: vec![
                "commune:29019".into(),
                "departement:29".into(),
                "region:53".into(),
            ],
            stage: "experimentation".into(),
        }
    }

    #[test]
    fn eligibility_names_the_dimension_that_fails() {
        let mut e = Eligibility::default();
        assert_eq!(check_eligibility(&e, &candidate()), Ok(()));
        e.territories = vec!["region:53".into()];
        assert_eq!(check_eligibility(&e, &candidate()), Ok(()));
        e.structure_kinds = vec!["entreprise".into()];
        assert_eq!(
            check_eligibility(&e, &candidate()).unwrap_err().code,
            "funding-ineligible-structure-kind"
        );
        e.structure_kinds.clear();
        e.territories = vec!["departement:35".into()];
        assert_eq!(
            check_eligibility(&e, &candidate()).unwrap_err().code,
            "funding-ineligible-territory"
        );
        e.territories.clear();
        e.stages = vec!["idee".into()];
        assert_eq!(
            check_eligibility(&e, &candidate()).unwrap_err().code,
            "funding-ineligible-stage"
        );
        e.stages.clear();
        e.challenges = vec!["sante".into()];
        assert_eq!(
            check_eligibility(&e, &candidate()).unwrap_err().code,
            "funding-ineligible-challenge"
        );
    }

    #[test]
    fn covered_territories_include_the_parents() {
        let t = Territories::bundled();
        let refs = vec![TerritoryRef::parse("commune:29019").unwrap()];
        let covered = covered_territories(&refs, t);
        assert!(covered.contains(&"commune:29019".to_string()));
        assert!(covered.contains(&"departement:29".to_string()));
        assert!(covered.contains(&"region:53".to_string()));
    }

    proptest! {
        /// Widening a call (adding accepted values) never makes an eligible candidate
        /// ineligible, and emptying every list accepts everyone.
        #[test]
        fn widening_eligibility_keeps_candidates(
            extra in proptest::collection::vec("[a-z]{1,8}", 0..4),
            dim in 0usize..4,
        ) {
            let c = candidate();
            let mut e = Eligibility {
                challenges: vec!["habitat".into()],
                territories: vec!["departement:29".into()],
                stages: vec!["experimentation".into()],
                structure_kinds: vec!["association".into()],
            };
            prop_assert!(check_eligibility(&e, &c).is_ok());
            let list = match dim {
                0 => &mut e.challenges,
                1 => &mut e.territories,
                2 => &mut e.stages,
                _ => &mut e.structure_kinds,
            };
            list.extend(extra.iter().cloned());
            prop_assert!(check_eligibility(&e, &c).is_ok());
            prop_assert!(check_eligibility(&Eligibility::default(), &c).is_ok());
        }

        /// An amount written with two decimals reads back to the same cents.
        #[test]
        fn amounts_round_trip(cents in 0i64..MAX_CENTS) {
            prop_assert_eq!(parse_amount(&decimal_amount(cents)), Ok(cents));
        }

        /// Nothing but a PDF's two ends passes, and nothing panics.
        #[test]
        fn pdf_check_never_panics(bytes in proptest::collection::vec(any::<u8>(), 0..2048)) {
            let ok = check_pdf(&bytes).is_ok();
            prop_assert_eq!(ok, bytes.starts_with(b"%PDF-")
                && bytes[bytes.len().saturating_sub(1024)..].windows(5).any(|w| w == b"%%EOF"));
        }
    }
}
