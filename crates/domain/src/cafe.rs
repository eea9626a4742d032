//! World Café: the settings of a café (questions per round, tables, rounds and their length),
//! the people added by the facilitator, the hand adjustments of the seating, the live rounds
//! and the synthesis of the harvest. Pure rules, no IO; the seating itself comes from
//! `crate::planner`, whose errors are the ones shown for impossible requests.

use crate::invalid::{FieldErrors, Invalid};
use crate::planner::{Instance, Person, PlanError, MAX_ROUNDS};
use chrono::{DateTime, Utc};

pub const MAX_QUESTION: usize = 500;
pub const MAX_NAME: usize = 200;
pub const MAX_STRUCTURE: usize = 200;
pub const MAX_HARVEST: usize = 10_000;
/// A round longer than four hours is a typing error.
pub const MAX_MINUTES: u32 = 240;
/// The number typed for tables or a table size is refused above this, before anything is
/// allocated (the planner would refuse it anyway).
const MAX_TYPED: usize = 100_000;

/// The sectors a participant may belong to, balanced across tables by the planner.
pub const SECTORS: [&str; 4] = ["public", "prive", "associatif", "citoyen"];

/// How tables are sized: a number of tables, or a number of people per table.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Layout {
    Tables(usize),
    Size(usize),
}

impl Layout {
    pub fn kind(self) -> &'static str {
        match self {
            Layout::Tables(_) => "tables",
            Layout::Size(_) => "size",
        }
    }

    pub fn value(self) -> usize {
        match self {
            Layout::Tables(n) | Layout::Size(n) => n,
        }
    }

    pub fn from_parts(kind: &str, value: usize) -> Option<Layout> {
        match kind {
            "tables" => Some(Layout::Tables(value)),
            "size" => Some(Layout::Size(value)),
            _ => None,
        }
    }

    /// The planner's request for these people: by table size, or exactly this many tables
    /// (`Instance::with_tables`). Refusals are the planner's errors (`plan_error_code` words
    /// them for a café).
    pub fn instance(self, people: Vec<Person>, rounds: usize) -> Result<Instance, PlanError> {
        match self {
            Layout::Size(k) => Instance::new(people, k, rounds),
            Layout::Tables(t) => Instance::with_tables(people, t, rounds),
        }
    }
}

/// The message id of a planning refusal for a café: the planner's refusal in the café's
/// words ("more tables than people" only a café's layout can ask for).
pub fn plan_error_code(layout: Layout, e: &PlanError) -> &'static str {
    match (layout, e) {
        (Layout::Tables(_), PlanError::TableLargerThanGroup { table_size: 0, .. }) => {
            "cafe_more_tables_than_people"
        }
        (Layout::Tables(_), PlanError::TableTooSmall(_)) => "cafe_tables_of_one",
        _ => planner_code(e),
    }
}

/// The café's message id for each refusal of the planner.
pub fn planner_code(e: &PlanError) -> &'static str {
    match e {
        PlanError::TableTooSmall(_) => "cafe_planner_table_too_small",
        PlanError::TooFewPeople(_) => "cafe_planner_too_few_people",
        PlanError::TooManyPeople(_) => "cafe_planner_too_many_people",
        PlanError::TableLargerThanGroup { .. } => "cafe_planner_table_larger_than_group",
        PlanError::NoRounds => "cafe_planner_no_rounds",
        PlanError::TooManyRounds(_) => "cafe_planner_too_many_rounds",
        PlanError::NoSuchTable { .. } => "cafe_planner_no_such_table",
        PlanError::TableOverPinned { .. } => "cafe_planner_table_over_pinned",
        PlanError::DuplicateId(_) => "cafe_planner_duplicate_id",
    }
}

/// The settings as typed (form or API).
#[derive(Debug, Clone, Default)]
pub struct SettingsInput {
    /// One question per line: as many lines as rounds, or a single question for every round.
    pub questions: String,
    /// "tables" or "size".
    pub layout: String,
    pub tables: String,
    pub table_size: String,
    pub rounds: String,
    pub minutes: String,
}

/// Settings that passed every check.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Settings {
    /// One per round.
    pub questions: Vec<String>,
    pub layout: Layout,
    pub rounds: usize,
    pub minutes: u32,
}

fn parse_count(s: &str) -> Option<usize> {
    let s = s.trim();
    if s.is_empty() || s.len() > 12 || !s.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    s.parse().ok()
}

pub fn validate_settings(input: &SettingsInput) -> Result<Settings, FieldErrors> {
    let mut errors = FieldErrors::new();
    let rounds = match parse_count(&input.rounds) {
        None => {
            errors.add("rounds", Invalid::new("cafe_rounds_invalid"));
            None
        }
        Some(0) => {
            errors.add("rounds", Invalid::new(planner_code(&PlanError::NoRounds)));
            None
        }
        Some(r) if r > MAX_ROUNDS => {
            errors.add(
                "rounds",
                Invalid::new(planner_code(&PlanError::TooManyRounds(r))),
            );
            None
        }
        Some(r) => Some(r),
    };
    let layout = match input.layout.trim() {
        "tables" => match parse_count(&input.tables) {
            Some(0) => {
                errors.add("tables", Invalid::new("cafe_tables_positive"));
                None
            }
            Some(t) if t <= MAX_TYPED => Some(Layout::Tables(t)),
            _ => {
                errors.add("tables", Invalid::new("cafe_tables_invalid"));
                None
            }
        },
        "size" => match parse_count(&input.table_size) {
            Some(k) if k < 2 => {
                errors.add(
                    "table_size",
                    Invalid::new(planner_code(&PlanError::TableTooSmall(k))),
                );
                None
            }
            Some(k) if k <= MAX_TYPED => Some(Layout::Size(k)),
            _ => {
                errors.add("table_size", Invalid::new("cafe_table_size_invalid"));
                None
            }
        },
        _ => {
            errors.add("layout", Invalid::new("cafe_layout_invalid"));
            None
        }
    };
    let minutes = match parse_count(&input.minutes) {
        Some(m) if (1..=MAX_MINUTES as usize).contains(&m) => Some(m as u32),
        _ => {
            errors.add("minutes", Invalid::new("cafe_minutes_invalid"));
            None
        }
    };
    let lines: Vec<String> = input
        .questions
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .map(str::to_owned)
        .collect();
    if lines.is_empty() {
        errors.add("questions", Invalid::new("cafe_questions_required"));
    } else if lines.iter().any(|l| l.chars().count() > MAX_QUESTION) {
        errors.add("questions", Invalid::new("cafe_question_too_long"));
    } else if let Some(r) = rounds {
        if lines.len() != 1 && lines.len() != r {
            errors.add("questions", Invalid::new("cafe_questions_count"));
        }
    }
    match (rounds, layout, minutes) {
        (Some(rounds), Some(layout), Some(minutes)) if errors.is_empty() => {
            let questions = if lines.len() == 1 {
                vec![lines[0].clone(); rounds]
            } else {
                lines
            };
            Ok(Settings {
                questions,
                layout,
                rounds,
                minutes,
            })
        }
        _ => Err(errors),
    }
}

/// The questions as one text, a line per round; a single line when every round has the same.
pub fn questions_text(questions: &[String]) -> String {
    match questions.first() {
        Some(q) if questions.iter().all(|x| x == q) => q.clone(),
        _ => questions.join("\n"),
    }
}

/// A person added by the facilitator (no account), or the attributes of a registrant.
#[derive(Debug, Clone, Default)]
pub struct ParticipantInput {
    pub name: String,
    /// Empty or one of `SECTORS`.
    pub sector: String,
    pub structure: String,
    /// Empty, or the 1-based table this person hosts.
    pub host_table: String,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ValidParticipant {
    pub name: String,
    pub sector: Option<String>,
    pub structure: Option<String>,
    /// 1-based.
    pub host_table: Option<usize>,
}

/// Checks a participant; `name_required` is false for a registrant, whose name is their
/// account's.
pub fn validate_participant(
    input: &ParticipantInput,
    name_required: bool,
) -> Result<ValidParticipant, FieldErrors> {
    let mut errors = FieldErrors::new();
    let name = input.name.trim();
    if name_required {
        if name.is_empty() {
            errors.add("name", Invalid::new("cafe_name_required"));
        } else if name.chars().count() > MAX_NAME || name.chars().any(char::is_control) {
            errors.add("name", Invalid::new("cafe_name_invalid"));
        }
    }
    let sector = match input.sector.trim() {
        "" => None,
        s if SECTORS.contains(&s) => Some(s.to_owned()),
        _ => {
            errors.add("sector", Invalid::new("cafe_sector_invalid"));
            None
        }
    };
    let structure = input.structure.trim();
    if structure.chars().count() > MAX_STRUCTURE || structure.chars().any(char::is_control) {
        errors.add("structure", Invalid::new("cafe_structure_invalid"));
    }
    let host_table = match input.host_table.trim() {
        "" => None,
        s => match parse_count(s) {
            Some(t) if (1..=MAX_TYPED).contains(&t) => Some(t),
            _ => {
                errors.add("host_table", Invalid::new("cafe_host_table_invalid"));
                None
            }
        },
    };
    if errors.is_empty() {
        Ok(ValidParticipant {
            name: name.to_owned(),
            sector,
            structure: (!structure.is_empty()).then(|| structure.to_owned()),
            host_table,
        })
    } else {
        Err(errors)
    }
}

/// Whether moving one person from table `from` to table `to` of a round (given the sizes of
/// the round's tables) keeps the tables sane: nobody left alone at a table, and no table more
/// than two people larger than the smallest. Swaps keep sizes, so they are always sane.
pub fn check_move(sizes: &[usize], from: usize, to: usize) -> Result<(), Invalid> {
    if from >= sizes.len() || to >= sizes.len() {
        return Err(Invalid::new("cafe_no_such_table"));
    }
    if from == to {
        return Ok(());
    }
    let mut after = sizes.to_vec();
    if after[from] == 0 {
        return Err(Invalid::new("cafe_not_at_table"));
    }
    after[from] -= 1;
    after[to] += 1;
    let min = after.iter().copied().min().unwrap_or(0);
    let max = after.iter().copied().max().unwrap_or(0);
    if min < 2 {
        return Err(Invalid::new("cafe_table_would_be_alone"));
    }
    if max - min > 2 {
        return Err(Invalid::new("cafe_tables_unbalanced"));
    }
    Ok(())
}

/// The live screen's controls.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LiveAction {
    Start,
    Next,
    End,
}

impl LiveAction {
    pub fn parse(s: &str) -> Option<LiveAction> {
        match s.trim() {
            "start" => Some(LiveAction::Start),
            "next" => Some(LiveAction::Next),
            "end" => Some(LiveAction::End),
            _ => None,
        }
    }
}

/// Where the café stands: `round` 0 before the start; `ended` once closed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct LiveState {
    pub round: usize,
    pub ended: bool,
}

/// The state after an action, or why it is refused: start only before the first round, next
/// only up to the last round, end once started.
pub fn live_step(
    state: LiveState,
    action: LiveAction,
    rounds: usize,
) -> Result<LiveState, Invalid> {
    if state.ended {
        return Err(Invalid::new("cafe_live_ended"));
    }
    match action {
        LiveAction::Start if state.round == 0 && rounds > 0 => Ok(LiveState {
            round: 1,
            ended: false,
        }),
        LiveAction::Start => Err(Invalid::new("cafe_live_already_started")),
        LiveAction::Next if state.round == 0 => Err(Invalid::new("cafe_live_not_started")),
        LiveAction::Next if state.round >= rounds => Err(Invalid::new("cafe_live_last_round")),
        LiveAction::Next => Ok(LiveState {
            round: state.round + 1,
            ended: false,
        }),
        LiveAction::End if state.round == 0 => Err(Invalid::new("cafe_live_not_started")),
        LiveAction::End => Ok(LiveState {
            round: state.round,
            ended: true,
        }),
    }
}

/// Seconds left in a round of `minutes` started at `started_at`; 0 once over.
pub fn remaining_seconds(started_at: DateTime<Utc>, minutes: u32, now: DateTime<Utc>) -> i64 {
    let end = started_at + chrono::Duration::minutes(i64::from(minutes));
    (end - now).num_seconds().clamp(0, i64::from(minutes) * 60)
}

/// "mm:ss" (or "h:mm:ss" from an hour).
pub fn clock(seconds: i64) -> String {
    let s = seconds.max(0);
    if s >= 3600 {
        format!("{}:{:02}:{:02}", s / 3600, (s % 3600) / 60, s % 60)
    } else {
        format!("{:02}:{:02}", s / 60, s % 60)
    }
}

/// Checks a harvest's text (Markdown, rendered sanitised).
pub fn validate_harvest(body: &str) -> Result<String, Invalid> {
    let body = body.trim();
    if body.is_empty() {
        return Err(Invalid::new("cafe_harvest_required"));
    }
    if body.chars().count() > MAX_HARVEST {
        return Err(Invalid::new("cafe_harvest_too_long"));
    }
    Ok(body.to_owned())
}

/// A table's harvest of one round (1-based round and table).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct HarvestItem {
    pub round: usize,
    pub table: usize,
    pub body: String,
}

/// The harvest gathered by question (in the order questions first appear), then by round and
/// table. Questions shared by several rounds gather the harvest of all of them.
pub fn by_question(questions: &[String], items: &[HarvestItem]) -> Vec<(String, Vec<HarvestItem>)> {
    let mut groups: Vec<(String, Vec<HarvestItem>)> = Vec::new();
    for q in questions {
        if !groups.iter().any(|(g, _)| g == q) {
            groups.push((q.clone(), Vec::new()));
        }
    }
    for item in items {
        let Some(q) = item.round.checked_sub(1).and_then(|r| questions.get(r)) else {
            continue;
        };
        if let Some((_, list)) = groups.iter_mut().find(|(g, _)| g == q) {
            list.push(item.clone());
        }
    }
    for (_, list) in &mut groups {
        list.sort_by_key(|i| (i.round, i.table));
    }
    groups
}

/// The synthesis as Markdown: a heading per question, a sub-heading per round and table.
/// `round_label` and `table_label` are the words for "round" and "table" in the reader's
/// language.
pub fn synthesis_markdown(
    title: &str,
    groups: &[(String, Vec<HarvestItem>)],
    round_label: &str,
    table_label: &str,
) -> String {
    let mut out = format!("# {}\n", one_line(title));
    for (q, items) in groups {
        out.push_str(&format!("\n## {}\n", one_line(q)));
        for i in items {
            out.push_str(&format!(
                "\n### {round_label} {}, {table_label} {}\n\n{}\n",
                i.round, i.table, i.body
            ));
        }
    }
    out
}

fn one_line(s: &str) -> String {
    s.replace(['\r', '\n'], " ")
}

/// The synthesis as CSV rows (question, round, table, harvest), cells defused for
/// spreadsheets.
pub fn synthesis_csv(groups: &[(String, Vec<HarvestItem>)], header: [&str; 4]) -> String {
    use crate::opendata::defuse_cell;
    let mut w = String::new();
    let cell = |s: &str| format!("\"{}\"", defuse_cell(s).replace('"', "\"\""));
    w.push_str(&header.map(cell).join(","));
    w.push_str("\r\n");
    for (q, items) in groups {
        for i in items {
            w.push_str(&format!(
                "{},{},{},{}\r\n",
                cell(q),
                i.round,
                i.table,
                cell(&i.body)
            ));
        }
    }
    w
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn input(questions: &str, layout: &str, n: &str, rounds: &str) -> SettingsInput {
        SettingsInput {
            questions: questions.into(),
            layout: layout.into(),
            tables: if layout == "tables" {
                n.into()
            } else {
                String::new()
            },
            table_size: if layout == "size" {
                n.into()
            } else {
                String::new()
            },
            rounds: rounds.into(),
            minutes: "20".into(),
        }
    }

    #[test]
    fn one_question_serves_every_round() {
        let s = validate_settings(&input("Que change-t-on ?", "size", "5", "3")).unwrap();
        assert_eq!(s.questions, vec!["Que change-t-on ?".to_string(); 3]);
        assert_eq!(s.layout, Layout::Size(5));
        assert_eq!(questions_text(&s.questions), "Que change-t-on ?");
    }

    #[test]
    fn one_question_per_round_or_refused() {
        let s = validate_settings(&input("A\n\nB\nC\n", "tables", "8", "3")).unwrap();
        assert_eq!(s.questions, ["A", "B", "C"]);
        assert_eq!(s.layout, Layout::Tables(8));
        assert_eq!(questions_text(&s.questions), "A\nB\nC");
        let e = validate_settings(&input("A\nB", "tables", "8", "3")).unwrap_err();
        assert_eq!(e.get("questions").unwrap().code, "cafe_questions_count");
    }

    #[test]
    fn impossible_settings_give_the_planners_errors() {
        let e = validate_settings(&input("Q", "size", "1", "3")).unwrap_err();
        assert_eq!(
            e.get("table_size").unwrap().code,
            "cafe_planner_table_too_small"
        );
        let e = validate_settings(&input("Q", "size", "4", "0")).unwrap_err();
        assert_eq!(e.get("rounds").unwrap().code, "cafe_planner_no_rounds");
        let e = validate_settings(&input("Q", "size", "4", "10000")).unwrap_err();
        assert_eq!(
            e.get("rounds").unwrap().code,
            "cafe_planner_too_many_rounds"
        );
        let e = validate_settings(&input("", "nope", "4", "x")).unwrap_err();
        assert_eq!(e.get("layout").unwrap().code, "cafe_layout_invalid");
        assert_eq!(e.get("rounds").unwrap().code, "cafe_rounds_invalid");
        assert_eq!(e.get("questions").unwrap().code, "cafe_questions_required");
    }

    fn people(n: usize) -> Vec<Person> {
        (0..n).map(|i| Person::new(i.to_string())).collect()
    }

    #[test]
    fn more_tables_than_people_is_refused_clearly() {
        let l = Layout::Tables(12);
        let e = l.instance(people(10), 3).unwrap_err();
        assert_eq!(plan_error_code(l, &e), "cafe_more_tables_than_people");
        assert_eq!(
            Layout::Tables(8)
                .instance(people(40), 3)
                .unwrap()
                .table_sizes(),
            [5; 8]
        );
        // Exactly the tables asked: 9 people at 4 tables are 3, 2, 2 and 2.
        assert_eq!(
            Layout::Tables(4)
                .instance(people(9), 3)
                .unwrap()
                .table_sizes(),
            [3, 2, 2, 2]
        );
        // Seven tables for seven people, or four for seven, would seat someone alone.
        for t in [7, 4] {
            let l = Layout::Tables(t);
            let e = l.instance(people(7), 1).unwrap_err();
            assert_eq!(plan_error_code(l, &e), "cafe_tables_of_one");
        }
        let l = Layout::Size(1);
        let e = l.instance(people(7), 1).unwrap_err();
        assert_eq!(plan_error_code(l, &e), "cafe_planner_table_too_small");
    }

    #[test]
    fn participants_are_checked() {
        let ok = validate_participant(
            &ParticipantInput {
                name: " Awa Diop ".into(),
                sector: "associatif".into(),
                structure: "".into(),
                host_table: "2".into(),
            },
            true,
        )
        .unwrap();
        assert_eq!(ok.name, "Awa Diop");
        assert_eq!(ok.sector.as_deref(), Some("associatif"));
        assert_eq!(ok.structure, None);
        assert_eq!(ok.host_table, Some(2));
        let e = validate_participant(
            &ParticipantInput {
                name: "".into(),
                sector: "mafia".into(),
                structure: "x".into(),
                host_table: "0".into(),
            },
            true,
        )
        .unwrap_err();
        assert_eq!(e.get("name").unwrap().code, "cafe_name_required");
        assert_eq!(e.get("sector").unwrap().code, "cafe_sector_invalid");
        assert_eq!(e.get("host_table").unwrap().code, "cafe_host_table_invalid");
    }

    #[test]
    fn live_rounds_go_forward_only() {
        let s0 = LiveState {
            round: 0,
            ended: false,
        };
        assert!(live_step(s0, LiveAction::Next, 3).is_err());
        let s1 = live_step(s0, LiveAction::Start, 3).unwrap();
        assert_eq!(s1.round, 1);
        assert!(live_step(s1, LiveAction::Start, 3).is_err());
        let s3 = live_step(
            live_step(s1, LiveAction::Next, 3).unwrap(),
            LiveAction::Next,
            3,
        )
        .unwrap();
        assert_eq!(s3.round, 3);
        assert_eq!(
            live_step(s3, LiveAction::Next, 3).unwrap_err().code,
            "cafe_live_last_round"
        );
        let end = live_step(s3, LiveAction::End, 3).unwrap();
        assert!(end.ended);
        assert!(live_step(end, LiveAction::Next, 3).is_err());
    }

    #[test]
    fn the_timer_counts_down_to_zero() {
        let t0 = DateTime::parse_from_rfc3339("2026-03-01T10:00:00Z")
            .unwrap()
            .with_timezone(&Utc);
        assert_eq!(remaining_seconds(t0, 20, t0), 1200);
        assert_eq!(
            remaining_seconds(t0, 20, t0 + chrono::Duration::seconds(75)),
            1125
        );
        assert_eq!(
            remaining_seconds(t0, 20, t0 + chrono::Duration::hours(1)),
            0
        );
        assert_eq!(clock(1125), "18:45");
        assert_eq!(clock(3725), "1:02:05");
    }

    #[test]
    fn harvest_is_gathered_by_question_then_round_and_table() {
        let qs: Vec<String> = ["A", "B", "A"].iter().map(|s| s.to_string()).collect();
        let item = |round, table, body: &str| HarvestItem {
            round,
            table,
            body: body.into(),
        };
        let items = vec![
            item(3, 1, "a3t1"),
            item(1, 2, "a1t2"),
            item(2, 1, "b2t1"),
            item(1, 1, "a1t1"),
            item(9, 1, "nowhere"),
        ];
        let g = by_question(&qs, &items);
        assert_eq!(g.len(), 2);
        assert_eq!(g[0].0, "A");
        let bodies: Vec<&str> = g[0].1.iter().map(|i| i.body.as_str()).collect();
        assert_eq!(bodies, ["a1t1", "a1t2", "a3t1"]);
        assert_eq!(g[1].1[0].body, "b2t1");
        let csv = synthesis_csv(&g, ["question", "round", "table", "harvest"]);
        assert!(csv.starts_with("\"question\",\"round\""));
        let md = synthesis_markdown("Café", &g, "Tour", "table");
        assert!(md.contains("## B\n\n### Tour 2, table 1\n\nb2t1"));
    }

    #[test]
    fn csv_cells_are_defused() {
        let g = vec![(
            "=cmd".to_string(),
            vec![HarvestItem {
                round: 1,
                table: 1,
                body: "@SUM(A1)".into(),
            }],
        )];
        let csv = synthesis_csv(&g, ["q", "r", "t", "h"]);
        assert!(csv.contains("\"'=cmd\",1,1,\"'@SUM(A1)\""));
    }

    proptest! {
        #[test]
        fn settings_never_panic_and_questions_match_rounds(
            q in "(\\PC{0,20}\n){0,5}", layout in "tables|size|x", n in "[0-9]{0,7}",
            rounds in "[0-9]{0,6}", minutes in "[0-9]{0,4}",
        ) {
            let i = SettingsInput { questions: q, layout, tables: n.clone(), table_size: n, rounds, minutes };
            if let Ok(s) = validate_settings(&i) {
                prop_assert_eq!(s.questions.len(), s.rounds);
                prop_assert!((1..=MAX_ROUNDS).contains(&s.rounds));
                prop_assert!((1..=MAX_MINUTES).contains(&s.minutes));
                if let Layout::Size(k) = s.layout { prop_assert!(k >= 2); }
            }
        }

        #[test]
        fn allowed_moves_keep_tables_sane(
            sizes in proptest::collection::vec(2usize..8, 1..10), from in 0usize..12, to in 0usize..12,
        ) {
            if check_move(&sizes, from, to).is_ok() && from != to {
                let mut after = sizes.clone();
                after[from] -= 1;
                after[to] += 1;
                let amin = *after.iter().min().unwrap();
                let amax = *after.iter().max().unwrap();
                prop_assert!(amin >= 2);
                prop_assert!(amax - amin <= 2);
                prop_assert_eq!(after.iter().sum::<usize>(), sizes.iter().sum::<usize>());
            }
        }

        #[test]
        fn a_layout_either_plans_or_says_why(t in 0usize..60, people in 0usize..60, rounds in 0usize..5) {
            let l = Layout::Tables(t);
            match l.instance(super::tests::people(people), rounds) {
                Ok(i) => {
                    prop_assert_eq!(i.table_sizes().len(), t);
                    prop_assert!(i.table_sizes().iter().all(|&s| s >= 2));
                    prop_assert_eq!(i.table_sizes().iter().sum::<usize>(), people);
                    prop_assert!(t >= 1 && people >= 2 * t && rounds >= 1);
                }
                // Refused only for a reason the settings show, and said with that reason.
                Err(e) => {
                    let mut reasons = vec![];
                    if t == 0 || t > people {
                        reasons.push("cafe_more_tables_than_people");
                    }
                    if people < 2 * t {
                        reasons.push("cafe_tables_of_one");
                    }
                    if rounds == 0 {
                        reasons.push("cafe_planner_no_rounds");
                    }
                    let code = plan_error_code(l, &e);
                    prop_assert!(reasons.contains(&code), "{} for {:?}", code, reasons);
                }
            }
        }
    }
}
