//! Impact measurement: the indicator catalogue, impact plans (indicators with baseline and
//! target), measurements graded by evidence level, progress and the "on track" rule.
//!
//! Pure rules, no IO. The catalogue shipped with Essaim is `data/indicators.csv` (written for
//! Essaim; framework references are codes only), seeded into the store at every start.
//!
//! **On track** (`on_track`): the share of the way from baseline to target that the latest
//! measurement has covered, compared with the share of the time elapsed from the baseline date
//! to the target date at the measurement's date. An entry is on track when the value covered at
//! least as much of the way as of the time (a target reached early stays on track; a value past
//! the target counts as the whole way). A target equal to the baseline ("keep it at this
//! level") is on track while the value is not worse than the baseline in the indicator's
//! direction. Progress shown on pages is the way covered, clamped to 0..=1; nothing here ever
//! returns NaN or infinity.

use crate::invalid::{FieldErrors, Invalid};
use crate::search::analyser::fold;
use chrono::{Datelike, NaiveDate};

/// Units an indicator is counted in (a closed list: comparisons and the barometer rely on it).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Unit {
    People,
    Percent,
    Euros,
    Hours,
    Days,
    Count,
    Kilograms,
    TonnesCo2e,
    Kwh,
    Score,
}

pub const UNITS: [Unit; 10] = [
    Unit::People,
    Unit::Percent,
    Unit::Euros,
    Unit::Hours,
    Unit::Days,
    Unit::Count,
    Unit::Kilograms,
    Unit::TonnesCo2e,
    Unit::Kwh,
    Unit::Score,
];

impl Unit {
    pub fn as_str(self) -> &'static str {
        match self {
            Unit::People => "people",
            Unit::Percent => "percent",
            Unit::Euros => "euros",
            Unit::Hours => "hours",
            Unit::Days => "days",
            Unit::Count => "count",
            Unit::Kilograms => "kilograms",
            Unit::TonnesCo2e => "tonnes_co2e",
            Unit::Kwh => "kwh",
            Unit::Score => "score",
        }
    }

    pub fn parse(s: &str) -> Option<Unit> {
        UNITS.into_iter().find(|u| u.as_str() == s)
    }

    /// Amounts of money, emissions (avoided emissions may be reported as negative) and scores
    /// may be negative; people, shares, durations and quantities may not.
    pub fn allows_negative(self) -> bool {
        matches!(self, Unit::Euros | Unit::TonnesCo2e | Unit::Score)
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ValueType {
    Integer,
    Decimal,
}

impl ValueType {
    pub fn as_str(self) -> &'static str {
        match self {
            ValueType::Integer => "integer",
            ValueType::Decimal => "decimal",
        }
    }

    pub fn parse(s: &str) -> Option<ValueType> {
        match s {
            "integer" => Some(ValueType::Integer),
            "decimal" => Some(ValueType::Decimal),
            _ => None,
        }
    }
}

/// Whether the indicator improves when it rises or when it falls.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Direction {
    Increase,
    Decrease,
}

impl Direction {
    pub fn as_str(self) -> &'static str {
        match self {
            Direction::Increase => "increase",
            Direction::Decrease => "decrease",
        }
    }

    pub fn parse(s: &str) -> Option<Direction> {
        match s {
            "increase" => Some(Direction::Increase),
            "decrease" => Some(Direction::Decrease),
            _ => None,
        }
    }
}

/// The publics an indicator may be about (a closed list, checked by the database too).
pub const PUBLICS: [&str; 14] = [
    "jeunes",
    "enfants",
    "seniors",
    "personnes_handicap",
    "demandeurs_emploi",
    "personnes_precaires",
    "familles",
    "femmes",
    "personnes_migrantes",
    "habitants",
    "agriculteurs",
    "associations",
    "entreprises",
    "collectivites",
];

/// Evidence levels, the five-step scale: 1 the change is described; 2 data show a change;
/// 3 a comparison group; 4 causality by randomisation or a strong quasi-experiment;
/// 5 independently replicated.
pub const LEVELS: [i32; 5] = [1, 2, 3, 4, 5];

/// What every rule about values needs to know of an indicator.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Rules {
    pub unit: Unit,
    pub value_type: ValueType,
    pub direction: Direction,
}

impl Rules {
    /// From the stored text; None when a column holds something unknown (a corrupt row).
    pub fn parse(unit: &str, value_type: &str, direction: &str) -> Option<Rules> {
        Some(Rules {
            unit: Unit::parse(unit)?,
            value_type: ValueType::parse(value_type)?,
            direction: Direction::parse(direction)?,
        })
    }
}

// ---------------------------------------------------------------------------------------------
// The catalogue shipped with Essaim.

/// One indicator of `data/indicators.csv`.
#[derive(Debug, Clone, PartialEq, serde::Deserialize)]
pub struct CatalogueEntry {
    pub code: String,
    pub name_fr: String,
    pub name_en: String,
    pub definition_fr: String,
    pub definition_en: String,
    pub unit: String,
    pub value_type: String,
    pub direction: String,
    /// Challenge codes separated by ";".
    pub challenges: String,
    /// Publics separated by ";".
    pub publics: String,
    pub problem_fr: String,
    pub problem_en: String,
    /// How to compute the value, in French, then in English.
    pub calculation_notes: String,
    pub calculation_notes_en: String,
    pub framework_ref: String,
    pub counts_people: bool,
}

impl CatalogueEntry {
    pub fn challenge_list(&self) -> Vec<String> {
        split_list(&self.challenges)
    }

    pub fn public_list(&self) -> Vec<String> {
        split_list(&self.publics)
    }

    pub fn framework(&self) -> Option<String> {
        Some(self.framework_ref.trim().to_owned()).filter(|s| !s.is_empty())
    }
}

fn split_list(s: &str) -> Vec<String> {
    s.split(';')
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .map(str::to_owned)
        .collect()
}

const CATALOGUE_CSV: &str = include_str!("../data/indicators.csv");

/// The indicators shipped with Essaim. Panics only if the embedded file is broken, which the
/// tests below rule out.
pub fn catalogue() -> Vec<CatalogueEntry> {
    csv::Reader::from_reader(CATALOGUE_CSV.as_bytes())
        .deserialize()
        .collect::<Result<Vec<CatalogueEntry>, _>>()
        .expect("data/indicators.csv is valid")
}

/// What the text search matches: the folded names, definitions and problems in both languages.
pub fn search_text(parts: &[&str]) -> String {
    let mut out = String::new();
    for part in parts {
        for word in fold(part).split(|c: char| !c.is_alphanumeric()) {
            if !word.is_empty() {
                out.push(' ');
                out.push_str(word);
            }
        }
    }
    out.push(' ');
    out
}

/// The folded words of a query (at most 8), each required as a word prefix in `search_text`.
pub fn search_words(query: &str) -> Vec<String> {
    fold(query)
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .take(8)
        .map(str::to_owned)
        .collect()
}

// ---------------------------------------------------------------------------------------------
// Values and dates.

/// Longest number a form may carry, in characters.
const MAX_NUMBER_CHARS: usize = 30;
/// Largest magnitude accepted: beyond it, sums and charts lose meaning.
const MAX_MAGNITUDE: f64 = 1e15;

/// Parses a value typed in French or English ("1 234,5", "1234.5") for an indicator of
/// `value_type`. Refuses what is not a finite number, decimals for an integer indicator and
/// negative values where the unit forbids them.
pub fn parse_value(input: &str, rules: Rules) -> Result<f64, Invalid> {
    let cleaned: String = input
        .trim()
        .chars()
        .filter(|c| !matches!(c, ' ' | '\u{a0}' | '\u{202f}'))
        .map(|c| if c == ',' { '.' } else { c })
        .collect();
    if cleaned.is_empty() {
        return Err(Invalid::new("impact_value_required"));
    }
    // Rust's parser accepts "NaN", "inf" and exponents; people type digits.
    if cleaned.chars().count() > MAX_NUMBER_CHARS
        || !cleaned
            .chars()
            .all(|c| c.is_ascii_digit() || c == '.' || c == '-' || c == '+')
    {
        return Err(Invalid::new("impact_value_not_number"));
    }
    let value: f64 = cleaned
        .parse()
        .map_err(|_| Invalid::new("impact_value_not_number"))?;
    check_value(value, rules)
}

/// The checks of `parse_value` on a number that came as a number (JSON).
pub fn check_value(value: f64, rules: Rules) -> Result<f64, Invalid> {
    if !value.is_finite() || value.abs() > MAX_MAGNITUDE {
        return Err(Invalid::new("impact_value_not_finite"));
    }
    if rules.value_type == ValueType::Integer && value.fract() != 0.0 {
        return Err(Invalid::new("impact_value_not_integer"));
    }
    if value < 0.0 && !rules.unit.allows_negative() {
        return Err(Invalid::new("impact_value_negative"));
    }
    if rules.unit == Unit::Percent && value > 100.0 {
        return Err(Invalid::new("impact_percent_over_100"));
    }
    // -0.0 prints as "-0".
    Ok(value + 0.0)
}

/// A unit carried by a form or a payload must be the indicator's.
pub fn check_unit(given: Option<&str>, rules: Rules) -> Result<(), Invalid> {
    match given.map(str::trim) {
        None | Some("") => Ok(()),
        Some(u) if u == rules.unit.as_str() => Ok(()),
        Some(_) => Err(Invalid::new("impact_unit_mismatch")),
    }
}

pub fn parse_date(input: &str) -> Result<NaiveDate, Invalid> {
    let s = input.trim();
    if s.is_empty() {
        return Err(Invalid::new("impact_date_required"));
    }
    NaiveDate::parse_from_str(s, "%Y-%m-%d")
        .ok()
        .filter(|d| (1900..=2200).contains(&d.year()))
        .ok_or(Invalid::new("impact_date_invalid"))
}

pub fn format_date(d: NaiveDate) -> String {
    d.format("%Y-%m-%d").to_string()
}

/// Formats a value for people: integers without decimals, others with at most two.
pub fn format_value(value: f64) -> String {
    if !value.is_finite() {
        return "–".to_owned();
    }
    if value.fract() == 0.0 && value.abs() < 1e15 {
        format!("{}", value as i64)
    } else {
        let s = format!("{value:.2}");
        s.trim_end_matches('0').trim_end_matches('.').to_owned()
    }
}

// ---------------------------------------------------------------------------------------------
// Proposals of new indicators.

const MAX_NAME: usize = 150;
const MAX_TEXT: usize = 3000;
const MAX_FRAMEWORK: usize = 60;
const MAX_LINE: usize = 500;

/// A proposal as typed (form or API).
#[derive(Debug, Clone, Default)]
pub struct IndicatorInput {
    pub name_fr: String,
    pub name_en: String,
    pub definition_fr: String,
    pub definition_en: String,
    pub unit: String,
    pub value_type: String,
    pub direction: String,
    pub problem_fr: String,
    pub problem_en: String,
    pub calculation_notes: String,
    pub calculation_notes_en: String,
    pub framework_ref: String,
    pub counts_people: bool,
    pub challenges: Vec<String>,
    pub publics: Vec<String>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct ValidIndicator {
    /// A slug of the French name.
    pub code: String,
    pub name_fr: String,
    pub name_en: String,
    pub definition_fr: String,
    pub definition_en: String,
    pub rules: Rules,
    pub problem_fr: String,
    pub problem_en: String,
    pub calculation_notes: String,
    pub calculation_notes_en: String,
    pub framework_ref: Option<String>,
    pub counts_people: bool,
    pub challenges: Vec<String>,
    pub publics: Vec<String>,
}

/// A URL slug of a name: folded, letters and digits, words joined by "-", at most 60 chars.
pub fn slug(name: &str) -> String {
    let folded = fold(name);
    let mut out = String::new();
    for word in folded
        .split(|c: char| !c.is_ascii_alphanumeric())
        .filter(|w| !w.is_empty())
    {
        if out.len() + word.len() + 1 > 60 {
            break;
        }
        if !out.is_empty() {
            out.push('-');
        }
        out.push_str(word);
    }
    out
}

fn required_line(
    errors: &mut FieldErrors,
    field: &'static str,
    value: &str,
    max: usize,
) -> Option<String> {
    let v = value.trim();
    if v.is_empty() {
        errors.add(field, Invalid::new("impact_field_required"));
        None
    } else if v.chars().count() > max || v.contains(['\n', '\r']) {
        errors.add(field, Invalid::new("impact_line_too_long"));
        None
    } else {
        Some(v.to_owned())
    }
}

fn text(
    errors: &mut FieldErrors,
    field: &'static str,
    value: &str,
    required: bool,
) -> Option<String> {
    let v = value.trim();
    if required && v.is_empty() {
        errors.add(field, Invalid::new("impact_field_required"));
        None
    } else if v.chars().count() > MAX_TEXT {
        errors.add(field, Invalid::new("impact_text_too_long"));
        None
    } else {
        Some(v.to_owned())
    }
}

/// Checks a proposal. `known_challenges` are the challenge codes of the platform.
pub fn validate_indicator(
    input: &IndicatorInput,
    known_challenges: &[String],
) -> Result<ValidIndicator, FieldErrors> {
    let mut e = FieldErrors::new();
    let name_fr = required_line(&mut e, "name_fr", &input.name_fr, MAX_NAME);
    let name_en = required_line(&mut e, "name_en", &input.name_en, MAX_NAME);
    let definition_fr = text(&mut e, "definition_fr", &input.definition_fr, true);
    let definition_en = text(&mut e, "definition_en", &input.definition_en, true);
    let unit = e.check(
        "unit",
        Unit::parse(input.unit.trim()).ok_or(Invalid::new("impact_unit_unknown")),
    );
    let value_type = e.check(
        "value_type",
        ValueType::parse(input.value_type.trim()).ok_or(Invalid::new("impact_value_type_unknown")),
    );
    let direction = e.check(
        "direction",
        Direction::parse(input.direction.trim()).ok_or(Invalid::new("impact_direction_unknown")),
    );
    let problem_fr = text(&mut e, "problem_fr", &input.problem_fr, false);
    let problem_en = text(&mut e, "problem_en", &input.problem_en, false);
    let calculation_notes = text(&mut e, "calculation_notes", &input.calculation_notes, false);
    let calculation_notes_en = text(
        &mut e,
        "calculation_notes_en",
        &input.calculation_notes_en,
        false,
    );
    let framework = input.framework_ref.trim();
    if framework.chars().count() > MAX_FRAMEWORK || framework.contains(['\n', '\r']) {
        e.add("framework_ref", Invalid::new("impact_framework_too_long"));
    }
    let mut challenges: Vec<String> = input
        .challenges
        .iter()
        .map(|c| c.trim().to_owned())
        .collect();
    challenges.sort();
    challenges.dedup();
    if challenges.is_empty() {
        e.add("challenges", Invalid::new("impact_challenge_required"));
    } else if challenges.iter().any(|c| !known_challenges.contains(c)) {
        e.add("challenges", Invalid::new("impact_challenge_unknown"));
    }
    let mut publics: Vec<String> = input.publics.iter().map(|p| p.trim().to_owned()).collect();
    publics.sort();
    publics.dedup();
    if publics.iter().any(|p| !PUBLICS.contains(&p.as_str())) {
        e.add("publics", Invalid::new("impact_public_unknown"));
    }
    let code = name_fr.as_deref().map(slug).unwrap_or_default();
    if name_fr.is_some() && code.len() < 3 {
        e.add("name_fr", Invalid::new("impact_name_no_letters"));
    }
    if !e.is_empty() {
        return Err(e);
    }
    Ok(ValidIndicator {
        code,
        name_fr: name_fr.unwrap_or_default(),
        name_en: name_en.unwrap_or_default(),
        definition_fr: definition_fr.unwrap_or_default(),
        definition_en: definition_en.unwrap_or_default(),
        rules: Rules {
            unit: unit.expect("checked"),
            value_type: value_type.expect("checked"),
            direction: direction.expect("checked"),
        },
        problem_fr: problem_fr.unwrap_or_default(),
        problem_en: problem_en.unwrap_or_default(),
        calculation_notes: calculation_notes.unwrap_or_default(),
        calculation_notes_en: calculation_notes_en.unwrap_or_default(),
        framework_ref: Some(framework.to_owned()).filter(|s| !s.is_empty()),
        counts_people: input.counts_people,
        challenges,
        publics,
    })
}

// ---------------------------------------------------------------------------------------------
// Plans.

/// An indicator added to a plan, as typed.
#[derive(Debug, Clone, Default)]
pub struct PlanInput {
    pub baseline_value: String,
    pub baseline_on: String,
    pub target_value: String,
    pub target_on: String,
    /// A unit the form or payload states, checked against the indicator's.
    pub unit: Option<String>,
}

#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Plan {
    pub direction: Direction,
    pub baseline_value: f64,
    pub baseline_on: NaiveDate,
    pub target_value: f64,
    pub target_on: NaiveDate,
}

/// Checks a baseline and a target: valid values, a target date after the baseline date, a
/// target not worse than the baseline in the indicator's direction.
pub fn validate_plan(input: &PlanInput, rules: Rules) -> Result<Plan, FieldErrors> {
    let mut e = FieldErrors::new();
    e.check("unit", check_unit(input.unit.as_deref(), rules));
    let baseline_value = e.check("baseline_value", parse_value(&input.baseline_value, rules));
    let baseline_on = e.check("baseline_on", parse_date(&input.baseline_on));
    let target_value = e.check("target_value", parse_value(&input.target_value, rules));
    let target_on = e.check("target_on", parse_date(&input.target_on));
    if let (Some(b), Some(t)) = (baseline_on, target_on) {
        if t <= b {
            e.add(
                "target_on",
                Invalid::new("impact_target_not_after_baseline"),
            );
        }
    }
    if let (Some(b), Some(t)) = (baseline_value, target_value) {
        let worse = match rules.direction {
            Direction::Increase => t < b,
            Direction::Decrease => t > b,
        };
        if worse {
            e.add(
                "target_value",
                Invalid::new("impact_target_wrong_direction"),
            );
        }
    }
    if !e.is_empty() {
        return Err(e);
    }
    Ok(Plan {
        direction: rules.direction,
        baseline_value: baseline_value.expect("checked"),
        baseline_on: baseline_on.expect("checked"),
        target_value: target_value.expect("checked"),
        target_on: target_on.expect("checked"),
    })
}

// ---------------------------------------------------------------------------------------------
// Measurements.

const MAX_SOURCE: usize = 300;

/// A measurement as typed. `period_start` empty means a point measurement on `period_end`.
#[derive(Debug, Clone, Default)]
pub struct MeasurementInput {
    pub value: String,
    pub period_start: String,
    pub period_end: String,
    pub source: String,
    pub method: String,
    pub evidence_level: String,
    pub unit: Option<String>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct ValidMeasurement {
    pub value: f64,
    pub period_start: NaiveDate,
    pub period_end: NaiveDate,
    pub source: String,
    pub method: String,
    pub evidence_level: i32,
}

pub fn parse_level(input: &str) -> Result<i32, Invalid> {
    match input.trim().parse::<i32>() {
        Ok(n) if LEVELS.contains(&n) => Ok(n),
        _ => Err(Invalid::new("impact_level_invalid")),
    }
}

/// Checks a measurement: a valid value, dates neither before the plan's baseline date nor in
/// the future, a period that does not end before it starts, a source, a level in 1..=5.
pub fn validate_measurement(
    input: &MeasurementInput,
    rules: Rules,
    baseline_on: NaiveDate,
    today: NaiveDate,
) -> Result<ValidMeasurement, FieldErrors> {
    let mut e = FieldErrors::new();
    e.check("unit", check_unit(input.unit.as_deref(), rules));
    let value = e.check("value", parse_value(&input.value, rules));
    let end = e.check("period_end", parse_date(&input.period_end));
    let start = if input.period_start.trim().is_empty() {
        end
    } else {
        e.check("period_start", parse_date(&input.period_start))
    };
    if let Some(end) = end {
        if end > today {
            e.add("period_end", Invalid::new("impact_date_future"));
        }
    }
    if let (Some(s), Some(end)) = (start, end) {
        if s > end {
            e.add("period_start", Invalid::new("impact_period_reversed"));
        } else if s < baseline_on {
            let field = if input.period_start.trim().is_empty() {
                "period_end"
            } else {
                "period_start"
            };
            e.add(field, Invalid::new("impact_before_baseline"));
        }
    }
    let source = input.source.trim();
    if source.is_empty() {
        e.add("source", Invalid::new("impact_source_required"));
    } else if source.chars().count() > MAX_SOURCE || source.contains(['\n', '\r']) {
        e.add("source", Invalid::new("impact_line_too_long"));
    }
    let method = text(&mut e, "method", &input.method, false);
    let level = e.check("evidence_level", parse_level(&input.evidence_level));
    if !e.is_empty() {
        return Err(e);
    }
    Ok(ValidMeasurement {
        value: value.expect("checked"),
        period_start: start.expect("checked"),
        period_end: end.expect("checked"),
        source: source.to_owned(),
        method: method.unwrap_or_default(),
        evidence_level: level.expect("checked"),
    })
}

/// A verification note: optional, at most `MAX_LINE` characters.
pub fn validate_note(note: &str) -> Result<String, Invalid> {
    let n = note.trim();
    if n.chars().count() > MAX_LINE {
        Err(Invalid::new("impact_note_too_long"))
    } else {
        Ok(n.to_owned())
    }
}

// ---------------------------------------------------------------------------------------------
// Progress, on track, the denormalised summary of an entry.

/// The share of the way from baseline to target covered by `value`, unclamped (may be
/// negative or above 1). None for a target equal to the baseline.
fn way_covered(plan: &Plan, value: f64) -> Option<f64> {
    let gap = plan.target_value - plan.baseline_value;
    if gap == 0.0 || !gap.is_finite() {
        return None;
    }
    let share = (value - plan.baseline_value) / gap;
    share.is_finite().then_some(share)
}

/// The share of the time from baseline date to target date elapsed on `on`, in 0..=1.
fn time_elapsed(plan: &Plan, on: NaiveDate) -> f64 {
    let total = (plan.target_on - plan.baseline_on).num_days();
    if total <= 0 {
        return 1.0;
    }
    let done = (on - plan.baseline_on).num_days();
    (done as f64 / total as f64).clamp(0.0, 1.0)
}

fn not_worse(direction: Direction, value: f64, baseline: f64) -> bool {
    match direction {
        Direction::Increase => value >= baseline,
        Direction::Decrease => value <= baseline,
    }
}

/// The rule of the module's documentation.
pub fn on_track(plan: &Plan, value: f64, on: NaiveDate) -> bool {
    match way_covered(plan, value) {
        None => not_worse(plan.direction, value, plan.baseline_value),
        // A tolerance for float rounding on the boundary.
        Some(share) => share + 1e-9 >= time_elapsed(plan, on),
    }
}

/// The way covered for pages, in 0..=1 (1 for a kept level that is not worse).
pub fn progress(plan: &Plan, value: f64) -> f64 {
    match way_covered(plan, value) {
        None => {
            if not_worse(plan.direction, value, plan.baseline_value) {
                1.0
            } else {
                0.0
            }
        }
        Some(share) => share.clamp(0.0, 1.0),
    }
}

/// A current (not superseded) measurement, as the summary needs it.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Point {
    pub value: f64,
    pub period_end: NaiveDate,
    pub evidence_level: i32,
    pub verified: bool,
}

#[derive(Debug, Clone, Copy, PartialEq)]
pub struct YearRow {
    pub year: i32,
    pub value: f64,
    pub evidence_level: i32,
    pub on_track: bool,
}

/// The denormalised state of an entry.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Summary {
    pub latest_value: Option<f64>,
    pub latest_on: Option<NaiveDate>,
    pub latest_level: Option<i32>,
    pub measurement_count: i32,
    pub verified_count: i32,
    pub on_track: Option<bool>,
    pub years: Vec<YearRow>,
}

/// Summarises the current measurements of an entry, given in their stored order (period end,
/// then creation): the latest is the last; each year keeps its last.
pub fn summarise(plan: &Plan, points: &[Point]) -> Summary {
    let mut years: Vec<YearRow> = Vec::new();
    for p in points {
        let row = YearRow {
            year: p.period_end.year(),
            value: p.value,
            evidence_level: p.evidence_level,
            on_track: on_track(plan, p.value, p.period_end),
        };
        match years.iter_mut().find(|y| y.year == row.year) {
            Some(y) => *y = row,
            None => years.push(row),
        }
    }
    years.sort_by_key(|y| y.year);
    let latest = points.last();
    Summary {
        latest_value: latest.map(|p| p.value),
        latest_on: latest.map(|p| p.period_end),
        latest_level: latest.map(|p| p.evidence_level),
        measurement_count: points.len() as i32,
        verified_count: points.iter().filter(|p| p.verified).count() as i32,
        on_track: latest.map(|p| on_track(plan, p.value, p.period_end)),
        years,
    }
}

// ---------------------------------------------------------------------------------------------
// The progress chart (server-rendered SVG; the web draws it from these coordinates).

pub const CHART_WIDTH: f64 = 320.0;
pub const CHART_HEIGHT: f64 = 120.0;
const PAD: f64 = 8.0;

/// Coordinates in a `CHART_WIDTH` × `CHART_HEIGHT` box: the measurements as a polyline, the
/// baseline and target as two marks joined by the dashed "expected path".
#[derive(Debug, Clone, PartialEq)]
pub struct Chart {
    pub points: Vec<(f64, f64)>,
    pub baseline: (f64, f64),
    pub target: (f64, f64),
}

impl Chart {
    /// "x,y x,y …" for an SVG polyline.
    pub fn polyline(&self) -> String {
        self.points
            .iter()
            .map(|(x, y)| format!("{x:.1},{y:.1}"))
            .collect::<Vec<_>>()
            .join(" ")
    }
}

/// Always finite coordinates, whatever the values (equal values, one point, huge spans).
pub fn chart(plan: &Plan, measured: &[(NaiveDate, f64)]) -> Chart {
    let first = measured
        .iter()
        .map(|(d, _)| *d)
        .chain([plan.baseline_on])
        .min()
        .unwrap_or(plan.baseline_on);
    let last = measured
        .iter()
        .map(|(d, _)| *d)
        .chain([plan.target_on])
        .max()
        .unwrap_or(plan.target_on);
    let values = measured
        .iter()
        .map(|(_, v)| *v)
        .chain([plan.baseline_value, plan.target_value])
        .filter(|v| v.is_finite());
    let (lo, hi) = values.fold((f64::INFINITY, f64::NEG_INFINITY), |(lo, hi), v| {
        (lo.min(v), hi.max(v))
    });
    let (lo, hi) = if lo.is_finite() && hi.is_finite() && hi > lo {
        (lo, hi)
    } else if lo.is_finite() {
        (lo - 1.0, lo + 1.0)
    } else {
        (0.0, 1.0)
    };
    let days = (last - first).num_days().max(1) as f64;
    let x = |d: NaiveDate| PAD + (d - first).num_days() as f64 / days * (CHART_WIDTH - 2.0 * PAD);
    let y = |v: f64| {
        let share = ((v - lo) / (hi - lo)).clamp(0.0, 1.0);
        let share = if share.is_finite() { share } else { 0.0 };
        CHART_HEIGHT - PAD - share * (CHART_HEIGHT - 2.0 * PAD)
    };
    Chart {
        points: measured.iter().map(|(d, v)| (x(*d), y(*v))).collect(),
        baseline: (x(plan.baseline_on), y(plan.baseline_value)),
        target: (x(plan.target_on), y(plan.target_value)),
    }
}

// ---------------------------------------------------------------------------------------------
// Open data.

/// The DCAT description of the open dataset of measurements (CSV and JSON, Table Schema).
pub fn dcat_dataset(base_url: &str) -> serde_json::Value {
    const LICENCE_OUVERTE: &str = "https://www.etalab.gouv.fr/licence-ouverte-open-licence";
    let base = base_url.trim_end_matches('/');
    let csv = format!("{base}/data/impact-mesures.csv");
    let json = format!("{base}/data/impact-mesures.json");
    let schema = format!("{base}/schemas/impact-mesures.json");
    let distribution = |url: &str, title: &str, format: &str, media: &str| {
        serde_json::json!({
            "@id": url,
            "@type": "dcat:Distribution",
            "dct:title": title,
            "dcat:accessURL": { "@id": url },
            "dcat:downloadURL": { "@id": url },
            "dct:format": { "@id": format!("http://publications.europa.eu/resource/authority/file-type/{format}") },
            "dcat:mediaType": { "@id": format!("https://www.iana.org/assignments/media-types/{media}") },
            "dct:conformsTo": { "@id": schema },
            "dct:license": { "@id": LICENCE_OUVERTE },
        })
    };
    serde_json::json!({
        "@id": format!("{base}/data/impact-mesures"),
        "@type": "dcat:Dataset",
        "dct:identifier": format!("{base}/data/impact-mesures"),
        "dct:title": "Mesures d’impact des initiatives publiées",
        "dct:description": "Les mesures des indicateurs d’impact des initiatives publiées : \
            indicateur, valeur, période, source, méthode, niveau de preuve (1 à 5), \
            vérification par un évaluateur labellisé, valeur de référence et cible. Aucune \
            mesure d’un brouillon, aucune personne nommée.",
        "dct:language": { "@id": "http://publications.europa.eu/resource/authority/language/FRA" },
        "dcat:keyword": ["impact social", "indicateurs", "évaluation"],
        "dcat:landingPage": { "@id": format!("{base}/indicateurs") },
        "dct:license": { "@id": LICENCE_OUVERTE },
        "dct:conformsTo": { "@id": schema },
        "dcat:distribution": [
            distribution(&csv, "Mesures d’impact (CSV)", "CSV", "text/csv"),
            distribution(&json, "Mesures d’impact (JSON)", "JSON", "application/json"),
        ],
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn d(s: &str) -> NaiveDate {
        parse_date(s).unwrap()
    }

    const PEOPLE: Rules = Rules {
        unit: Unit::People,
        value_type: ValueType::Integer,
        direction: Direction::Increase,
    };
    const WASTE: Rules = Rules {
        unit: Unit::Kilograms,
        value_type: ValueType::Decimal,
        direction: Direction::Decrease,
    };

    fn plan() -> Plan {
        Plan {
            direction: Direction::Increase,
            baseline_value: 10.0,
            baseline_on: d("2024-01-01"),
            target_value: 110.0,
            target_on: d("2026-01-01"),
        }
    }

    #[test]
    fn catalogue_is_valid_and_covers_the_challenges() {
        let entries = catalogue();
        assert!(entries.len() >= 40, "{} indicators", entries.len());
        let mut codes: Vec<&str> = entries.iter().map(|e| e.code.as_str()).collect();
        codes.sort();
        codes.dedup();
        assert_eq!(codes.len(), entries.len(), "codes are unique");
        let challenges: Vec<String> = crate::initiative::DEFAULT_CHALLENGES
            .iter()
            .map(|c| c.0.to_owned())
            .collect();
        for e in &entries {
            assert_eq!(slug(&e.code), e.code, "{} is a slug", e.code);
            assert!(
                Rules::parse(&e.unit, &e.value_type, &e.direction).is_some(),
                "{}",
                e.code
            );
            assert!(!e.name_fr.is_empty() && !e.name_en.is_empty(), "{}", e.code);
            assert!(!e.definition_fr.is_empty() && !e.definition_en.is_empty());
            // Every note is written in both languages, not copied.
            assert_eq!(
                e.calculation_notes.is_empty(),
                e.calculation_notes_en.is_empty(),
                "{}",
                e.code
            );
            assert!(
                e.calculation_notes.is_empty() || e.calculation_notes != e.calculation_notes_en,
                "{}: the English note is the French one",
                e.code
            );
            assert!(!e.challenge_list().is_empty(), "{} has a challenge", e.code);
            for c in e.challenge_list() {
                assert!(challenges.contains(&c), "{}: unknown challenge {c}", e.code);
            }
            for p in e.public_list() {
                assert!(
                    PUBLICS.contains(&p.as_str()),
                    "{}: unknown public {p}",
                    e.code
                );
            }
        }
        for c in &challenges {
            assert!(
                entries.iter().any(|e| e.challenge_list().contains(c)),
                "no indicator for {c}"
            );
        }
    }

    #[test]
    fn values_in_french_or_english_notation() {
        assert_eq!(parse_value("1 234", PEOPLE), Ok(1234.0));
        assert_eq!(parse_value("12,5", WASTE), Ok(12.5));
        assert_eq!(parse_value(" 12.5 ", WASTE), Ok(12.5));
    }

    #[test]
    fn bad_values_are_refused_with_their_reason() {
        let code = |s: &str, r| parse_value(s, r).unwrap_err().code;
        assert_eq!(code("", PEOPLE), "impact_value_required");
        assert_eq!(code("douze", PEOPLE), "impact_value_not_number");
        assert_eq!(code("NaN", WASTE), "impact_value_not_number");
        assert_eq!(code("inf", WASTE), "impact_value_not_number");
        assert_eq!(code("1e400", WASTE), "impact_value_not_number");
        assert_eq!(code("12.5", PEOPLE), "impact_value_not_integer");
        assert_eq!(code("-3", PEOPLE), "impact_value_negative");
        assert_eq!(code("1.2.3", WASTE), "impact_value_not_number");
        assert_eq!(
            check_value(f64::NAN, WASTE).unwrap_err().code,
            "impact_value_not_finite"
        );
        assert_eq!(
            check_value(f64::INFINITY, WASTE).unwrap_err().code,
            "impact_value_not_finite"
        );
        let percent = Rules {
            unit: Unit::Percent,
            ..WASTE
        };
        assert_eq!(code("101", percent), "impact_percent_over_100");
    }

    #[test]
    fn a_unit_other_than_the_indicators_is_refused() {
        assert!(check_unit(Some("people"), PEOPLE).is_ok());
        assert!(check_unit(None, PEOPLE).is_ok());
        assert_eq!(
            check_unit(Some("euros"), PEOPLE).unwrap_err().code,
            "impact_unit_mismatch"
        );
    }

    #[test]
    fn plan_needs_a_later_target_in_the_right_direction() {
        let input = PlanInput {
            baseline_value: "10".into(),
            baseline_on: "2024-01-01".into(),
            target_value: "5".into(),
            target_on: "2023-01-01".into(),
            unit: None,
        };
        let e = validate_plan(&input, PEOPLE).unwrap_err();
        assert_eq!(
            e.get("target_on").unwrap().code,
            "impact_target_not_after_baseline"
        );
        assert_eq!(
            e.get("target_value").unwrap().code,
            "impact_target_wrong_direction"
        );
        // Falling is the right way for waste.
        let ok = validate_plan(&input_with("2026-01-01", &input), WASTE).unwrap();
        assert_eq!(ok.target_value, 5.0);
    }

    fn input_with(target_on: &str, input: &PlanInput) -> PlanInput {
        PlanInput {
            target_on: target_on.into(),
            ..input.clone()
        }
    }

    fn measurement(value: &str, start: &str, end: &str, level: &str) -> MeasurementInput {
        MeasurementInput {
            value: value.into(),
            period_start: start.into(),
            period_end: end.into(),
            source: "Registre des ateliers".into(),
            method: String::new(),
            evidence_level: level.into(),
            unit: None,
        }
    }

    #[test]
    fn measurement_checks_dates_level_and_source() {
        let base = d("2024-01-01");
        let today = d("2025-06-01");
        let ok = validate_measurement(
            &measurement("12", "", "2024-06-30", "2"),
            PEOPLE,
            base,
            today,
        )
        .unwrap();
        assert_eq!(ok.period_start, ok.period_end);
        let e = validate_measurement(
            &measurement("12", "", "2023-12-31", "2"),
            PEOPLE,
            base,
            today,
        )
        .unwrap_err();
        assert_eq!(e.get("period_end").unwrap().code, "impact_before_baseline");
        let e = validate_measurement(
            &measurement("12", "", "2025-07-01", "6"),
            PEOPLE,
            base,
            today,
        )
        .unwrap_err();
        assert_eq!(e.get("period_end").unwrap().code, "impact_date_future");
        assert_eq!(
            e.get("evidence_level").unwrap().code,
            "impact_level_invalid"
        );
        let e = validate_measurement(
            &measurement("1.5", "2024-05-01", "2024-04-01", "0"),
            PEOPLE,
            base,
            today,
        )
        .unwrap_err();
        assert_eq!(e.get("value").unwrap().code, "impact_value_not_integer");
        assert_eq!(
            e.get("period_start").unwrap().code,
            "impact_period_reversed"
        );
        assert_eq!(
            e.get("evidence_level").unwrap().code,
            "impact_level_invalid"
        );
        let mut no_source = measurement("12", "", "2024-06-30", "2");
        no_source.source = "  ".into();
        let e = validate_measurement(&no_source, PEOPLE, base, today).unwrap_err();
        assert_eq!(e.get("source").unwrap().code, "impact_source_required");
    }

    #[test]
    fn on_track_compares_way_covered_with_time_elapsed() {
        let p = plan();
        // Half the time (a leap year: 366 of 731 days), a little over half the way: on track.
        assert!(on_track(&p, 61.0, d("2025-01-01")));
        assert!(!on_track(&p, 40.0, d("2025-01-01")));
        // Past the target date, only the target counts.
        assert!(!on_track(&p, 100.0, d("2027-01-01")));
        assert!(on_track(&p, 120.0, d("2027-01-01")));
        // A kept level: not worse than the baseline.
        let keep = Plan {
            target_value: 10.0,
            ..p
        };
        assert!(on_track(&keep, 10.0, d("2025-01-01")));
        assert!(!on_track(&keep, 9.0, d("2025-01-01")));
        // Falling indicators.
        let fall = Plan {
            direction: Direction::Decrease,
            baseline_value: 100.0,
            target_value: 50.0,
            ..p
        };
        assert!(on_track(&fall, 70.0, d("2025-01-01")));
        assert!(!on_track(&fall, 80.0, d("2025-01-01")));
    }

    #[test]
    fn summary_keeps_the_latest_and_the_last_of_each_year() {
        let p = plan();
        let pt = |v, s: &str, verified| Point {
            value: v,
            period_end: d(s),
            evidence_level: 2,
            verified,
        };
        let s = summarise(
            &p,
            &[
                pt(20.0, "2024-03-01", true),
                pt(30.0, "2024-12-31", false),
                pt(61.0, "2025-01-01", false),
            ],
        );
        assert_eq!(s.latest_value, Some(61.0));
        assert_eq!(s.latest_on, Some(d("2025-01-01")));
        assert_eq!(s.measurement_count, 3);
        assert_eq!(s.verified_count, 1);
        assert_eq!(s.on_track, Some(true));
        assert_eq!(s.years.len(), 2);
        assert_eq!(s.years[0].value, 30.0);
        assert_eq!(summarise(&p, &[]), Summary::default());
    }

    #[test]
    fn slugs_are_folded_words() {
        assert_eq!(
            slug("Taux d’insertion à 6 mois"),
            "taux-d-insertion-a-6-mois"
        );
        assert_eq!(slug("  !!  "), "");
    }

    #[test]
    fn search_words_are_folded() {
        assert_eq!(
            search_words("Éducation  NUMÉRIQUE"),
            vec!["education", "numerique"]
        );
        assert!(search_text(&["Repas servis"]).contains(" repas "));
    }

    fn any_plan() -> impl Strategy<Value = Plan> {
        (
            -1e6f64..1e6,
            -1e6f64..1e6,
            0i64..4000,
            0i64..4000,
            any::<bool>(),
        )
            .prop_map(|(b, t, start, len, inc)| {
                let baseline_on = d("2015-01-01") + chrono::Duration::days(start);
                Plan {
                    direction: if inc {
                        Direction::Increase
                    } else {
                        Direction::Decrease
                    },
                    baseline_value: b,
                    baseline_on,
                    target_value: t,
                    target_on: baseline_on + chrono::Duration::days(len),
                }
            })
    }

    proptest! {
        #[test]
        fn progress_and_chart_are_always_finite(
            p in any_plan(),
            values in proptest::collection::vec((0i64..6000, -1e9f64..1e9), 0..20),
        ) {
            let measured: Vec<(NaiveDate, f64)> = values
                .iter()
                .map(|(days, v)| (d("2014-01-01") + chrono::Duration::days(*days), *v))
                .collect();
            for (on, v) in &measured {
                let pr = progress(&p, *v);
                prop_assert!(pr.is_finite() && (0.0..=1.0).contains(&pr));
                let _ = on_track(&p, *v, *on);
            }
            let c = chart(&p, &measured);
            for (x, y) in c.points.iter().chain([&c.baseline, &c.target]) {
                prop_assert!(x.is_finite() && y.is_finite());
                prop_assert!((0.0..=CHART_WIDTH).contains(x) && (0.0..=CHART_HEIGHT).contains(y));
            }
        }

        #[test]
        fn reaching_the_target_is_on_track(p in any_plan(), days in 0i64..8000) {
            let on = p.baseline_on + chrono::Duration::days(days);
            prop_assert!(on_track(&p, p.target_value, on));
        }

        #[test]
        fn parsed_values_are_finite(s in "\\PC{0,40}") {
            if let Ok(v) = parse_value(&s, WASTE) {
                prop_assert!(v.is_finite());
            }
        }
    }
}
