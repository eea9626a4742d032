//! What a person types to create or edit a conversation (*débat*), and its validation: one
//! message per field, values kept. Also the seed statements typed one per line, and the
//! Europe/Paris wall-clock times that `datetime-local` fields give.

use super::{fold_statement, parse_question, parse_statement, Moderation};
use crate::invalid::FieldErrors;
use crate::territory::Territories;
use crate::territory_pick::pick;
use crate::Invalid;
use chrono::{DateTime, Datelike, Duration, NaiveDate, NaiveDateTime, NaiveTime, Utc, Weekday};
use serde::{Deserialize, Deserializer, Serialize};
use uuid::Uuid;

pub const DESCRIPTION_MAX_CHARS: usize = 5_000;
pub const MAX_TERRITORIES: usize = 20;
pub const MAX_INITIATIVES: usize = 20;
pub const MAX_SEEDS: usize = 100;

/// The form (or JSON body) of a conversation's settings, as typed. A field left out is empty
/// and a checkbox left out is false, as a form sends an unticked box; `new_form` gives the
/// values a new conversation's form starts with.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct ConversationInput {
    pub question: String,
    /// Markdown.
    pub description: String,
    /// A challenge code, or empty.
    pub challenge: String,
    /// One territory per line: a reference (`commune:29019`), a code or a name.
    pub territories: String,
    /// Initiatives the conversation is about: ids, or their addresses
    /// (`https://…/initiatives/{id}`).
    pub initiatives: Vec<String>,
    /// A checkbox: "on", "true", "1" (or a JSON boolean); absent is false.
    #[serde(deserialize_with = "checkbox")]
    pub open_for_statements: bool,
    /// "pre" or "post"; empty is "post".
    pub moderation: String,
    #[serde(deserialize_with = "checkbox")]
    pub anonymous_allowed: bool,
    /// `YYYY-MM-DDTHH:MM` in Europe/Paris (what `<input type="datetime-local">` sends), a date
    /// alone (`YYYY-MM-DD`: the start of that day), an RFC 3339 time with its offset, or empty.
    pub opens_at: String,
    /// As `opens_at`, except that a date alone means the end of that day.
    pub closes_at: String,
}

impl ConversationInput {
    /// A new conversation's form: statements welcome, moderated after the fact, open to
    /// participants without an account, as on Pol.is.
    pub fn new_form() -> Self {
        ConversationInput {
            open_for_statements: true,
            moderation: Moderation::Post.as_str().into(),
            anonymous_allowed: true,
            ..Default::default()
        }
    }
}

/// Validated settings. `challenge` and `territories` are stored as strings, empty when none:
/// `territories` holds references separated by spaces.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ConversationSettings {
    pub question: String,
    pub description: String,
    pub challenge: String,
    pub territories: String,
    pub initiative_ids: Vec<Uuid>,
    pub open_for_statements: bool,
    pub moderation: Moderation,
    pub anonymous_allowed: bool,
    pub opens_at: Option<DateTime<Utc>>,
    pub closes_at: Option<DateTime<Utc>>,
}

fn checkbox<'de, D: Deserializer<'de>>(d: D) -> Result<bool, D::Error> {
    struct Visitor;
    impl serde::de::Visitor<'_> for Visitor {
        type Value = bool;
        fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
            f.write_str("a boolean or a checkbox value")
        }
        fn visit_bool<E>(self, v: bool) -> Result<bool, E> {
            Ok(v)
        }
        fn visit_i64<E>(self, v: i64) -> Result<bool, E> {
            Ok(v != 0)
        }
        fn visit_u64<E>(self, v: u64) -> Result<bool, E> {
            Ok(v != 0)
        }
        fn visit_str<E>(self, v: &str) -> Result<bool, E> {
            Ok(matches!(
                v.trim().to_ascii_lowercase().as_str(),
                "on" | "true" | "1" | "yes" | "oui"
            ))
        }
        fn visit_unit<E>(self) -> Result<bool, E> {
            Ok(false)
        }
        fn visit_none<E>(self) -> Result<bool, E> {
            Ok(false)
        }
    }
    d.deserialize_any(Visitor)
}

impl ConversationInput {
    /// The form's values for stored settings (the inverse of `validate`).
    pub fn from_settings(s: &ConversationSettings) -> ConversationInput {
        ConversationInput {
            question: s.question.clone(),
            description: s.description.clone(),
            challenge: s.challenge.clone(),
            territories: s
                .territories
                .split_whitespace()
                .collect::<Vec<_>>()
                .join("\n"),
            initiatives: s.initiative_ids.iter().map(Uuid::to_string).collect(),
            open_for_statements: s.open_for_statements,
            moderation: s.moderation.as_str().into(),
            anonymous_allowed: s.anonymous_allowed,
            opens_at: s.opens_at.map(datetime_local).unwrap_or_default(),
            closes_at: s.closes_at.map(datetime_local).unwrap_or_default(),
        }
    }

    /// Validates against the territories and the challenge codes that exist. Whether the
    /// initiatives exist (and may be seen) is the caller's to check: only their ids are read.
    pub fn validate(
        &self,
        territories: &Territories,
        challenge_codes: &[String],
    ) -> Result<ConversationSettings, FieldErrors> {
        let mut e = FieldErrors::new();
        let question = e.check("question", parse_question(&self.question));
        let description = self.description.trim().to_owned();
        if description.chars().count() > DESCRIPTION_MAX_CHARS {
            e.add(
                "description",
                Invalid::new("conversation_description_too_long"),
            );
        }
        let challenge = self.challenge.trim().to_owned();
        if !challenge.is_empty() && !challenge_codes.contains(&challenge) {
            e.add("challenge", Invalid::new("challenge_unknown"));
        }
        let territories = e.check(
            "territories",
            parse_territories(territories, &self.territories),
        );
        let initiative_ids = e.check("initiatives", parse_initiatives(&self.initiatives));
        let moderation = match self.moderation.trim() {
            "" => Some(Moderation::Post),
            m => e.check("moderation", Moderation::parse(m)),
        };
        let opens_at = e.check("opens_at", parse_time(&self.opens_at, false));
        let closes_at = e.check("closes_at", parse_time(&self.closes_at, true));
        if let (Some(Some(opens)), Some(Some(closes))) = (opens_at, closes_at) {
            if closes <= opens {
                e.add("closes_at", Invalid::new("closes_before_opens"));
            }
        }
        if !e.is_empty() {
            return Err(e);
        }
        Ok(ConversationSettings {
            question: question.unwrap_or_default(),
            description,
            challenge,
            territories: territories.unwrap_or_default(),
            initiative_ids: initiative_ids.unwrap_or_default(),
            open_for_statements: self.open_for_statements,
            moderation: moderation.unwrap_or(Moderation::Post),
            anonymous_allowed: self.anonymous_allowed,
            opens_at: opens_at.flatten(),
            closes_at: closes_at.flatten(),
        })
    }
}

/// Territories typed one per line (or as references separated by spaces), resolved to
/// references joined by spaces, in the order given, without repeats.
fn parse_territories(territories: &Territories, text: &str) -> Result<String, Invalid> {
    let items: Vec<&str> = text
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .collect();
    let mut refs: Vec<String> = vec![];
    for item in items {
        // "commune:29019 departement:29" on one line: references need no line each.
        let pieces: Vec<&str> = if item
            .split_whitespace()
            .all(|w| territories.resolve(w).is_ok())
        {
            item.split_whitespace().collect()
        } else {
            vec![item]
        };
        for piece in pieces {
            let t = pick(territories, piece).map_err(|_| Invalid::new("territory_unknown"))?;
            let r = t.reference().to_string();
            if !refs.contains(&r) {
                refs.push(r);
            }
        }
    }
    if refs.len() > MAX_TERRITORIES {
        return Err(Invalid::new("list_too_long"));
    }
    Ok(refs.join(" "))
}

/// An initiative's id, bare or at the end of its address (`/initiatives/{id}`, with or without
/// the site, a trailing slash, a query or a fragment).
pub fn initiative_id(input: &str) -> Result<Uuid, Invalid> {
    let s = input.trim();
    let s = s.split(['?', '#']).next().unwrap_or("");
    let last = s.trim_end_matches('/').rsplit('/').next().unwrap_or("");
    if s.contains('/')
        && !s
            .trim_end_matches('/')
            .ends_with(&format!("initiatives/{last}"))
    {
        return Err(Invalid::new("initiative_reference_invalid"));
    }
    Uuid::parse_str(last).map_err(|_| Invalid::new("initiative_reference_invalid"))
}

fn parse_initiatives(items: &[String]) -> Result<Vec<Uuid>, Invalid> {
    let mut ids = vec![];
    for item in items.iter().filter(|i| !i.trim().is_empty()) {
        let id = initiative_id(item)?;
        if !ids.contains(&id) {
            ids.push(id);
        }
    }
    if ids.len() > MAX_INITIATIVES {
        return Err(Invalid::new("list_too_long"));
    }
    Ok(ids)
}

/// A time typed in a form: empty is none; `YYYY-MM-DDTHH:MM[:SS]` (or with a space) is
/// Europe/Paris wall-clock time; a date alone is the start of that day, or its end when
/// `end_of_day`; an RFC 3339 time carries its own offset.
pub fn parse_time(input: &str, end_of_day: bool) -> Result<Option<DateTime<Utc>>, Invalid> {
    let s = input.trim();
    if s.is_empty() {
        return Ok(None);
    }
    let invalid = || Invalid::new("datetime_invalid");
    if let Ok(t) = DateTime::parse_from_rfc3339(s) {
        return Ok(Some(t.with_timezone(&Utc)));
    }
    if let Ok(d) = NaiveDate::parse_from_str(s, "%Y-%m-%d") {
        let day = if end_of_day {
            d.succ_opt().ok_or_else(invalid)?
        } else {
            d
        };
        return Ok(Some(from_paris(day.and_time(NaiveTime::MIN))));
    }
    let local = [
        "%Y-%m-%dT%H:%M",
        "%Y-%m-%dT%H:%M:%S",
        "%Y-%m-%d %H:%M",
        "%Y-%m-%d %H:%M:%S",
    ]
    .iter()
    .find_map(|f| NaiveDateTime::parse_from_str(s, f).ok())
    .ok_or_else(invalid)?;
    Ok(Some(from_paris(local)))
}

/// The value of a `datetime-local` field for a time: Europe/Paris, to the minute.
pub fn datetime_local(t: DateTime<Utc>) -> String {
    to_paris(t).format("%Y-%m-%dT%H:%M").to_string()
}

/// The last Sunday of a month, at 01:00 UTC: when Europe's summer time starts (March) and
/// ends (October), since 1996.
fn last_sunday_1am_utc(year: i32, month: u32) -> Option<NaiveDateTime> {
    let first_of_next = if month == 12 {
        NaiveDate::from_ymd_opt(year + 1, 1, 1)?
    } else {
        NaiveDate::from_ymd_opt(year, month + 1, 1)?
    };
    let last = first_of_next.pred_opt()?;
    let back = last.weekday().num_days_from_sunday();
    let sunday = last - Duration::days(i64::from(back));
    debug_assert_eq!(sunday.weekday(), Weekday::Sun);
    sunday.and_hms_opt(1, 0, 0)
}

/// Whether Paris is on summer time (UTC+2) at this instant.
fn paris_summer(utc: NaiveDateTime) -> bool {
    let year = utc.year();
    match (last_sunday_1am_utc(year, 3), last_sunday_1am_utc(year, 10)) {
        (Some(start), Some(end)) => start <= utc && utc < end,
        _ => false,
    }
}

/// Paris wall-clock time of an instant.
pub fn to_paris(t: DateTime<Utc>) -> NaiveDateTime {
    let utc = t.naive_utc();
    let offset = if paris_summer(utc) { 2 } else { 1 };
    utc + Duration::hours(offset)
}

/// The instant of a Paris wall-clock time. In the autumn hour that happens twice, the first
/// (summer time); in the spring hour that does not happen, the time an hour later.
pub fn from_paris(local: NaiveDateTime) -> DateTime<Utc> {
    let summer = local - Duration::hours(2);
    if paris_summer(summer) {
        return summer.and_utc();
    }
    (local - Duration::hours(1)).and_utc()
}

/// A seed statement refused: its line (1-based, counting blank lines too, as the person sees
/// the text), why, and for a duplicate the line it repeats.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct SeedProblem {
    pub line: usize,
    pub invalid: Invalid,
    pub first: Option<usize>,
}

/// Seed statements typed one per line: blank lines skipped, each line a valid statement, no two
/// the same once folded (`fold_statement`).
pub fn parse_seeds(text: &str) -> Result<Vec<String>, SeedProblem> {
    let mut seeds: Vec<(String, String, usize)> = vec![];
    for (i, line) in text.lines().enumerate() {
        if line.trim().is_empty() {
            continue;
        }
        let n = i + 1;
        let statement = parse_statement(line).map_err(|invalid| SeedProblem {
            line: n,
            invalid,
            first: None,
        })?;
        let folded = fold_statement(&statement);
        if let Some((_, _, first)) = seeds.iter().find(|(_, f, _)| *f == folded) {
            return Err(SeedProblem {
                line: n,
                invalid: Invalid::new("seed_duplicate"),
                first: Some(*first),
            });
        }
        if seeds.len() == MAX_SEEDS {
            return Err(SeedProblem {
                line: n,
                invalid: Invalid::new("seeds_too_many"),
                first: None,
            });
        }
        seeds.push((statement, folded, n));
    }
    Ok(seeds.into_iter().map(|(s, _, _)| s).collect())
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn codes() -> Vec<String> {
        crate::initiative::DEFAULT_CHALLENGES
            .iter()
            .map(|c| c.0.to_owned())
            .collect()
    }

    fn good() -> ConversationInput {
        ConversationInput {
            question: "Comment circuler à vélo dans Brest ?".into(),
            description: "Des *pistes*, des arceaux, des ateliers.".into(),
            challenge: "mobilite".into(),
            territories: "Brest\ndepartement:29".into(),
            initiatives: vec![
                "https://essaim.example.org/initiatives/0190a5c8-3f1e-7c3a-9b2d-1a2b3c4d5e6f"
                    .into(),
            ],
            opens_at: "2026-03-01T09:30".into(),
            closes_at: "2026-04-30".into(),
            ..ConversationInput::new_form()
        }
    }

    fn utc(s: &str) -> DateTime<Utc> {
        DateTime::parse_from_rfc3339(s).unwrap().with_timezone(&Utc)
    }

    #[test]
    fn valid_input_becomes_settings_and_round_trips() {
        let codes = codes();
        assert!(codes.contains(&"mobilite".to_owned()), "{codes:?}");
        let s = good().validate(Territories::bundled(), &codes).unwrap();
        assert_eq!(s.question, "Comment circuler à vélo dans Brest ?");
        assert_eq!(s.territories, "commune:29019 departement:29");
        assert_eq!(
            s.initiative_ids,
            [Uuid::parse_str("0190a5c8-3f1e-7c3a-9b2d-1a2b3c4d5e6f").unwrap()]
        );
        assert_eq!(s.moderation, Moderation::Post);
        assert!(s.open_for_statements && s.anonymous_allowed);
        // Winter: Paris is UTC+1. The closing date alone is the end of that day (summer, +2).
        assert_eq!(s.opens_at, Some(utc("2026-03-01T08:30:00Z")));
        assert_eq!(s.closes_at, Some(utc("2026-04-30T22:00:00Z")));
        let again = ConversationInput::from_settings(&s)
            .validate(Territories::bundled(), &codes)
            .unwrap();
        assert_eq!(again, s, "form values round-trip");
    }

    #[test]
    fn each_bad_field_has_its_message() {
        let bad = ConversationInput {
            question: "Vélo".into(),
            description: "é".repeat(DESCRIPTION_MAX_CHARS + 1),
            challenge: "astrologie".into(),
            territories: "commune:99999".into(),
            initiatives: vec!["https://ailleurs.example/pages/12".into()],
            moderation: "jamais".into(),
            opens_at: "1er mars".into(),
            closes_at: "2026-02-30T10:00".into(),
            ..Default::default()
        };
        let e = bad.validate(Territories::bundled(), &codes()).unwrap_err();
        let got: Vec<_> = e.0.iter().map(|(f, i)| (*f, i.code)).collect();
        assert_eq!(
            got,
            [
                ("question", "question_too_short"),
                ("description", "conversation_description_too_long"),
                ("challenge", "challenge_unknown"),
                ("territories", "territory_unknown"),
                ("initiatives", "initiative_reference_invalid"),
                ("moderation", "moderation_invalid"),
                ("opens_at", "datetime_invalid"),
                ("closes_at", "datetime_invalid"),
            ]
        );
        let empty = ConversationInput::default()
            .validate(Territories::bundled(), &codes())
            .unwrap_err();
        assert_eq!(
            empty.0,
            [("question", Invalid::new("question_required"))],
            "only the question is required"
        );
    }

    #[test]
    fn closing_must_come_after_opening() {
        for (opens, closes) in [
            ("2026-05-01T10:00", "2026-05-01T10:00"),
            ("2026-05-01T10:00", "2026-05-01T09:59"),
            ("2026-05-02", "2026-05-01"),
        ] {
            let input = ConversationInput {
                opens_at: opens.into(),
                closes_at: closes.into(),
                ..good()
            };
            let e = input
                .validate(Territories::bundled(), &codes())
                .unwrap_err();
            assert_eq!(
                e.0,
                [("closes_at", Invalid::new("closes_before_opens"))],
                "{opens} → {closes}"
            );
        }
        // The same day as a date alone: open from its start to its end.
        let same_day = ConversationInput {
            opens_at: "2026-05-01".into(),
            closes_at: "2026-05-01".into(),
            ..good()
        };
        assert!(same_day.validate(Territories::bundled(), &codes()).is_ok());
    }

    #[test]
    fn paris_time_follows_summer_time() {
        // 2026: summer time from 29 March 01:00 UTC to 25 October 01:00 UTC.
        let at = |s: &str| parse_time(s, false).unwrap().unwrap();
        assert_eq!(at("2026-01-15T12:00"), utc("2026-01-15T11:00:00Z"));
        assert_eq!(at("2026-07-14 22:00"), utc("2026-07-14T20:00:00Z"));
        assert_eq!(at("2026-03-29T01:59"), utc("2026-03-29T00:59:00Z"));
        // 02:30 does not happen on 29 March: read as 03:30 summer time.
        assert_eq!(at("2026-03-29T02:30"), utc("2026-03-29T01:30:00Z"));
        assert_eq!(at("2026-03-29T03:00"), utc("2026-03-29T01:00:00Z"));
        // 02:30 happens twice on 25 October: the first.
        assert_eq!(at("2026-10-25T02:30"), utc("2026-10-25T00:30:00Z"));
        assert_eq!(at("2026-10-25T03:30"), utc("2026-10-25T02:30:00Z"));
        assert_eq!(at("2026-06-01T10:00:00+00:00"), utc("2026-06-01T10:00:00Z"));
        assert_eq!(
            datetime_local(utc("2026-07-14T20:00:00Z")),
            "2026-07-14T22:00"
        );
        assert_eq!(
            datetime_local(utc("2026-12-31T23:30:00Z")),
            "2027-01-01T00:30"
        );
        for bad in ["demain", "2026-13-01", "2026-05-01T25:00", "01/05/2026"] {
            assert_eq!(
                parse_time(bad, false),
                Err(Invalid::new("datetime_invalid")),
                "{bad}"
            );
        }
    }

    #[test]
    fn initiatives_are_named_by_id_or_address() {
        let id = "0190a5c8-3f1e-7c3a-9b2d-1a2b3c4d5e6f";
        for ok in [
            id.to_owned(),
            format!("/initiatives/{id}"),
            format!("https://essaim.example/initiatives/{id}/"),
            format!("http://localhost:3000/initiatives/{id}?x=1#haut"),
        ] {
            assert_eq!(initiative_id(&ok).unwrap().to_string(), id, "{ok}");
        }
        for bad in [
            "",
            "12",
            &format!("/structures/{id}"),
            "/initiatives/nouvelle",
        ] {
            assert_eq!(
                initiative_id(bad),
                Err(Invalid::new("initiative_reference_invalid")),
                "{bad}"
            );
        }
        let twice = ConversationInput {
            initiatives: vec![id.into(), format!("/initiatives/{id}"), " ".into()],
            ..good()
        };
        let s = twice.validate(Territories::bundled(), &codes()).unwrap();
        assert_eq!(s.initiative_ids.len(), 1);
    }

    #[test]
    fn checkboxes_read_from_forms_and_json() {
        let form: ConversationInput =
            serde_json::from_value(serde_json::json!({"question": "x", "anonymous_allowed": "on"}))
                .unwrap();
        assert!(
            form.anonymous_allowed && !form.open_for_statements,
            "absent is false"
        );
        let json: ConversationInput = serde_json::from_value(
            serde_json::json!({"open_for_statements": true, "anonymous_allowed": false}),
        )
        .unwrap();
        assert!(json.open_for_statements && !json.anonymous_allowed);
    }

    #[test]
    fn seeds_are_one_per_line_and_duplicates_name_their_lines() {
        assert_eq!(
            parse_seeds("Plus de pistes\n\n  Des arceaux  \n").unwrap(),
            ["Plus de pistes", "Des arceaux"]
        );
        assert_eq!(parse_seeds("").unwrap(), Vec::<String>::new());
        assert_eq!(
            parse_seeds("Plus de vélos !\nDes arceaux\n\nplus de velos").unwrap_err(),
            SeedProblem {
                line: 4,
                invalid: Invalid::new("seed_duplicate"),
                first: Some(1)
            }
        );
        let long = format!("Une\n{}", "é".repeat(281));
        assert_eq!(
            parse_seeds(&long).unwrap_err(),
            SeedProblem {
                line: 2,
                invalid: Invalid::new("statement_too_long"),
                first: None
            }
        );
        let many: String = (0..=MAX_SEEDS)
            .map(|i| format!("Proposition {i}\n"))
            .collect();
        assert_eq!(
            parse_seeds(&many).unwrap_err().invalid,
            Invalid::new("seeds_too_many")
        );
    }

    proptest! {
        #[test]
        fn validation_never_panics(
            question in "\\PC{0,250}",
            lines in "\\PC{0,200}",
            time in "[0-9T:\\- ]{0,20}",
        ) {
            let input = ConversationInput {
                question,
                territories: lines.clone(),
                initiatives: lines.lines().map(str::to_owned).collect(),
                opens_at: time.clone(),
                closes_at: time,
                ..good()
            };
            let _ = input.validate(Territories::bundled(), &codes());
            let _ = parse_seeds(&lines);
        }

        #[test]
        fn paris_time_round_trips_to_the_minute(minutes in 0i64..(200 * 366 * 24 * 60)) {
            let t = DateTime::from_timestamp(946_684_800 + minutes * 60, 0).unwrap();
            let local = datetime_local(t);
            let back = parse_time(&local, false).unwrap().unwrap();
            // The autumn hour that happens twice reads back as its first occurrence.
            prop_assert!(back == t || back == t - Duration::hours(1), "{t} → {local} → {back}");
        }

        #[test]
        fn seeds_kept_are_valid_and_distinct(text in "(\\PC{0,30}\n){0,8}") {
            if let Ok(seeds) = parse_seeds(&text) {
                let folded: std::collections::HashSet<String> =
                    seeds.iter().map(|s| fold_statement(s)).collect();
                prop_assert_eq!(folded.len(), seeds.len());
                for s in &seeds {
                    prop_assert_eq!(parse_statement(s), Ok(s.clone()));
                }
            }
        }
    }
}
