//! Events (*événements*): meetups and the sessions built on them (World Café, collecte,
//! hackathon). Pure rules, no IO: what an event must hold, where a registration lands
//! (confirmed or on the waiting list) and how many people the waiting list moves up, and the
//! iCalendar text of events (RFC 5545: escaping and line folding).
//!
//! Times are typed in Europe/Paris wall-clock time (`datetime-local` fields) and kept in UTC;
//! the iCalendar output writes them in UTC (`…Z`), which every client converts, so no
//! VTIMEZONE block is needed.

use crate::deliberation::conversation::parse_time;
use crate::invalid::{FieldErrors, Invalid};
use crate::territory::{Territories, TerritoryLevel, TerritoryRef};
use chrono::{DateTime, Utc};

pub const MAX_TITLE: usize = 200;
pub const MAX_DESCRIPTION: usize = 10_000;
pub const MAX_ADDRESS: usize = 300;
pub const MAX_URL: usize = 2_000;
/// A capacity above this is a typing error, not a room.
pub const MAX_CAPACITY: i64 = 100_000;

/// What an event is for; later sessions (World Café, collecte, hackathon) hang on the event.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    Meetup,
    WorldCafe,
    Collecte,
    Hackathon,
}

impl Kind {
    pub const ALL: [Kind; 4] = [
        Kind::Meetup,
        Kind::WorldCafe,
        Kind::Collecte,
        Kind::Hackathon,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Kind::Meetup => "meetup",
            Kind::WorldCafe => "world_cafe",
            Kind::Collecte => "collecte",
            Kind::Hackathon => "hackathon",
        }
    }

    pub fn parse(s: &str) -> Option<Kind> {
        Kind::ALL.into_iter().find(|k| k.as_str() == s.trim())
    }
}

/// An event as typed (form or API).
#[derive(Debug, Clone, Default)]
pub struct EventInput {
    pub kind: String,
    pub title: String,
    /// Markdown.
    pub description: String,
    /// Paris wall-clock time (`YYYY-MM-DDTHH:MM`) or RFC 3339.
    pub starts_at: String,
    pub ends_at: String,
    /// Street address; needs a commune.
    pub address: String,
    /// A commune reference ("commune:29019" or "29019"), already resolved from what was typed;
    /// empty for an online event.
    pub commune: String,
    /// An https link for an online (or hybrid) event; empty otherwise.
    pub online_url: String,
    /// Empty: unlimited.
    pub capacity: String,
    pub registration_open: bool,
}

/// An event that passed every check.
#[derive(Debug, Clone, PartialEq)]
pub struct ValidEvent {
    pub kind: Kind,
    pub title: String,
    pub description: String,
    pub starts_at: DateTime<Utc>,
    pub ends_at: DateTime<Utc>,
    pub address: String,
    pub commune: Option<TerritoryRef>,
    pub departement: Option<String>,
    pub region: Option<String>,
    pub online_url: Option<String>,
    pub capacity: Option<i64>,
    pub registration_open: bool,
}

/// An absolute https link with a host (an online meeting room).
pub fn parse_online_url(input: &str) -> Result<Option<String>, Invalid> {
    let input = input.trim();
    if input.is_empty() {
        return Ok(None);
    }
    if input.chars().count() > MAX_URL {
        return Err(Invalid::new("events_link_invalid"));
    }
    match url::Url::parse(input) {
        Ok(u) if u.scheme() == "https" && u.host_str().is_some() => Ok(Some(u.to_string())),
        _ => Err(Invalid::new("events_link_https")),
    }
}

/// Empty is unlimited; otherwise a whole number from 1 to `MAX_CAPACITY`.
pub fn parse_capacity(input: &str) -> Result<Option<i64>, Invalid> {
    let s = input.trim();
    if s.is_empty() {
        return Ok(None);
    }
    match s.parse::<i64>() {
        Ok(n) if (1..=MAX_CAPACITY).contains(&n) => Ok(Some(n)),
        Ok(n) if n < 1 => Err(Invalid::new("events_capacity_positive")),
        _ => Err(Invalid::new("events_capacity_invalid")),
    }
}

pub fn validate(input: &EventInput, territories: &Territories) -> Result<ValidEvent, FieldErrors> {
    let mut errors = FieldErrors::new();
    let kind = Kind::parse(&input.kind);
    if kind.is_none() {
        errors.add("kind", Invalid::new("events_kind_invalid"));
    }
    let title = input.title.trim();
    if title.is_empty() {
        errors.add("title", Invalid::new("events_title_required"));
    } else if title.chars().count() > MAX_TITLE {
        errors.add("title", Invalid::new("events_title_too_long"));
    } else if title.chars().any(char::is_control) {
        // Titles go into mail subjects and iCalendar summaries.
        errors.add("title", Invalid::new("events_title_one_line"));
    }
    let description = input.description.trim();
    if description.chars().count() > MAX_DESCRIPTION {
        errors.add("description", Invalid::new("events_description_too_long"));
    }
    let starts_at = match parse_time(&input.starts_at, false) {
        Ok(Some(t)) => Some(t),
        Ok(None) => {
            errors.add("starts_at", Invalid::new("events_start_required"));
            None
        }
        Err(_) => {
            errors.add("starts_at", Invalid::new("events_datetime_invalid"));
            None
        }
    };
    let ends_at = match parse_time(&input.ends_at, false) {
        Ok(Some(t)) => Some(t),
        Ok(None) => {
            errors.add("ends_at", Invalid::new("events_end_required"));
            None
        }
        Err(_) => {
            errors.add("ends_at", Invalid::new("events_datetime_invalid"));
            None
        }
    };
    if let (Some(s), Some(e)) = (starts_at, ends_at) {
        if e <= s {
            errors.add("ends_at", Invalid::new("events_end_before_start"));
        }
    }
    let address = input.address.trim();
    if address.chars().count() > MAX_ADDRESS || address.chars().any(char::is_control) {
        errors.add("address", Invalid::new("events_address_invalid"));
    }
    let commune = match input.commune.trim() {
        "" => None,
        c => match TerritoryRef::parse(c) {
            Ok(r) if r.level == TerritoryLevel::Commune && territories.get(&r).is_some() => Some(r),
            _ => {
                errors.add("commune", Invalid::new("events_commune_unknown"));
                None
            }
        },
    };
    if !address.is_empty() && commune.is_none() && errors.get("commune").is_none() {
        errors.add("commune", Invalid::new("events_address_needs_commune"));
    }
    let online_url = errors
        .check("online_url", parse_online_url(&input.online_url))
        .flatten();
    if commune.is_none()
        && online_url.is_none()
        && errors.get("commune").is_none()
        && errors.get("online_url").is_none()
    {
        errors.add("commune", Invalid::new("events_place_or_link_required"));
    }
    let capacity = errors
        .check("capacity", parse_capacity(&input.capacity))
        .flatten();
    match (kind, starts_at, ends_at) {
        (Some(kind), Some(starts_at), Some(ends_at)) if errors.is_empty() => {
            let (departement, region) = match &commune {
                Some(c) => crate::blockers::departement_and_region(territories, c),
                None => (None, None),
            };
            Ok(ValidEvent {
                kind,
                title: title.to_owned(),
                description: description.to_owned(),
                starts_at,
                ends_at,
                address: address.to_owned(),
                commune,
                departement,
                region,
                online_url,
                capacity,
                registration_open: input.registration_open,
            })
        }
        _ => Err(errors),
    }
}

/// Where a new registration lands.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Placement {
    Confirmed,
    Waiting,
}

impl Placement {
    pub fn as_str(self) -> &'static str {
        match self {
            Placement::Confirmed => "confirmed",
            Placement::Waiting => "waiting",
        }
    }
}

/// A new registration is confirmed while there is room and nobody waits, and goes to the end
/// of the waiting list otherwise; it never goes over capacity. `confirmed`, `waiting`: the
/// registrations now (read under the event's lock).
pub fn place(capacity: Option<i64>, confirmed: i64, waiting: i64) -> Placement {
    match capacity {
        _ if waiting > 0 => Placement::Waiting,
        Some(c) if confirmed >= c => Placement::Waiting,
        _ => Placement::Confirmed,
    }
}

/// How many people move up from the head of the waiting list: as many as there is room for
/// (all of them when the capacity is unlimited).
pub fn to_promote(capacity: Option<i64>, confirmed: i64, waiting: i64) -> i64 {
    let room = match capacity {
        None => waiting,
        Some(c) => (c - confirmed).max(0),
    };
    room.min(waiting).max(0)
}

/// Whether a capacity can be set now: never below the people already confirmed (nobody is
/// pushed back to the waiting list, and nobody is over capacity).
pub fn capacity_fits(capacity: Option<i64>, confirmed: i64) -> bool {
    capacity.is_none_or(|c| c >= confirmed)
}

// ---------------------------------------------------------------------------------------------
// iCalendar (RFC 5545)

/// One VEVENT.
#[derive(Debug, Clone)]
pub struct IcsEvent {
    /// Globally unique and stable: "<event id>@<host>".
    pub uid: String,
    /// When the calendar was produced (or the event last changed).
    pub stamp: DateTime<Utc>,
    pub starts_at: DateTime<Utc>,
    pub ends_at: DateTime<Utc>,
    pub summary: String,
    pub description: String,
    pub location: String,
    pub url: String,
    pub cancelled: bool,
    /// Bumped on each change, so that clients replace their copy.
    pub sequence: i64,
}

/// TEXT value escaping (RFC 5545, 3.3.11): backslash, semicolon, comma, and line breaks as
/// `\n`; other control characters are dropped (they are not allowed in a content line).
pub fn escape_text(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut chars = s.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\\' => out.push_str("\\\\"),
            ';' => out.push_str("\\;"),
            ',' => out.push_str("\\,"),
            '\r' => {
                if chars.peek() == Some(&'\n') {
                    chars.next();
                }
                out.push_str("\\n");
            }
            '\n' => out.push_str("\\n"),
            c if c.is_control() => {}
            c => out.push(c),
        }
    }
    out
}

/// A content line folded (RFC 5545, 3.1): lines of at most 75 octets, each continuation
/// starting with one space, never splitting a UTF-8 character; CRLF after each line.
pub fn fold_line(line: &str) -> String {
    let mut out = String::with_capacity(line.len() + line.len() / 70 * 3 + 2);
    let mut width = 0;
    for c in line.chars() {
        let n = c.len_utf8();
        if width + n > 75 {
            out.push_str("\r\n ");
            // The leading space counts in the continuation line's octets.
            width = 1;
        }
        out.push(c);
        width += n;
    }
    out.push_str("\r\n");
    out
}

fn ics_time(t: DateTime<Utc>) -> String {
    t.format("%Y%m%dT%H%M%SZ").to_string()
}

/// A VCALENDAR with these events. `name`: the calendar's name (X-WR-CALNAME, shown by
/// clients for a subscribed feed).
pub fn calendar(name: &str, events: &[IcsEvent]) -> String {
    let mut out = String::new();
    let mut line = |s: String| out.push_str(&fold_line(&s));
    line("BEGIN:VCALENDAR".into());
    line("VERSION:2.0".into());
    line("PRODID:-//Essaim//Evenements//FR".into());
    line("CALSCALE:GREGORIAN".into());
    line("METHOD:PUBLISH".into());
    line(format!("X-WR-CALNAME:{}", escape_text(name)));
    for e in events {
        line("BEGIN:VEVENT".into());
        line(format!("UID:{}", escape_text(&e.uid)));
        line(format!("DTSTAMP:{}", ics_time(e.stamp)));
        line(format!("DTSTART:{}", ics_time(e.starts_at)));
        line(format!("DTEND:{}", ics_time(e.ends_at)));
        line(format!("SEQUENCE:{}", e.sequence.max(0)));
        line(format!("SUMMARY:{}", escape_text(&e.summary)));
        if !e.description.is_empty() {
            line(format!("DESCRIPTION:{}", escape_text(&e.description)));
        }
        if !e.location.is_empty() {
            line(format!("LOCATION:{}", escape_text(&e.location)));
        }
        if !e.url.is_empty() {
            // URI values are not escaped; a URL holds no control characters once parsed.
            line(format!(
                "URL:{}",
                e.url
                    .chars()
                    .filter(|c| !c.is_control())
                    .collect::<String>()
            ));
        }
        line(format!(
            "STATUS:{}",
            if e.cancelled {
                "CANCELLED"
            } else {
                "CONFIRMED"
            }
        ));
        line("END:VEVENT".into());
    }
    line("END:VCALENDAR".into());
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn input() -> EventInput {
        EventInput {
            kind: "meetup".into(),
            title: "Apéro des initiatives".into(),
            description: "On se retrouve.".into(),
            starts_at: "2026-06-10T18:30".into(),
            ends_at: "2026-06-10T20:30".into(),
            address: "2 rue de Siam".into(),
            commune: "commune:29019".into(),
            online_url: String::new(),
            capacity: "30".into(),
            registration_open: true,
        }
    }

    fn codes(e: &FieldErrors) -> Vec<(&str, &str)> {
        e.0.iter().map(|(f, i)| (*f, i.code)).collect()
    }

    #[test]
    fn a_valid_event_is_kept_in_utc_with_its_departement() {
        let v = validate(&input(), Territories::bundled()).unwrap();
        assert_eq!(v.kind, Kind::Meetup);
        // June: Paris is UTC+2.
        assert_eq!(v.starts_at.to_rfc3339(), "2026-06-10T16:30:00+00:00");
        assert_eq!(v.departement.as_deref(), Some("29"));
        assert_eq!(v.region.as_deref(), Some("53"));
        assert_eq!(v.capacity, Some(30));
    }

    #[test]
    fn bad_input_names_each_field() {
        let territories = Territories::bundled();
        let mut i = input();
        i.ends_at = "2026-06-10T17:00".into();
        i.capacity = "0".into();
        i.title = "x".repeat(MAX_TITLE + 1);
        i.kind = "fete".into();
        assert_eq!(
            codes(&validate(&i, territories).unwrap_err()),
            vec![
                ("kind", "events_kind_invalid"),
                ("title", "events_title_too_long"),
                ("ends_at", "events_end_before_start"),
                ("capacity", "events_capacity_positive"),
            ]
        );
        let mut i = input();
        i.address = String::new();
        i.commune = String::new();
        i.online_url = "http://visio.exemple.org/salle".into();
        i.capacity = "-3".into();
        assert_eq!(
            codes(&validate(&i, territories).unwrap_err()),
            vec![
                ("online_url", "events_link_https"),
                ("capacity", "events_capacity_positive")
            ]
        );
        i.online_url = String::new();
        i.capacity = "dix".into();
        assert_eq!(
            codes(&validate(&i, territories).unwrap_err()),
            vec![
                ("commune", "events_place_or_link_required"),
                ("capacity", "events_capacity_invalid")
            ]
        );
        i.address = "1 place de la Liberté".into();
        assert_eq!(
            codes(&validate(&i, territories).unwrap_err())[0],
            ("commune", "events_address_needs_commune")
        );
        i.commune = "departement:29".into();
        assert_eq!(
            codes(&validate(&i, territories).unwrap_err())[0],
            ("commune", "events_commune_unknown")
        );
    }

    #[test]
    fn an_online_event_needs_no_place_and_unlimited_is_empty() {
        let mut i = input();
        i.address = String::new();
        i.commune = String::new();
        i.online_url = "https://visio.exemple.org/salle?x=1".into();
        i.capacity = " ".into();
        let v = validate(&i, Territories::bundled()).unwrap();
        assert_eq!(
            v.online_url.as_deref(),
            Some("https://visio.exemple.org/salle?x=1")
        );
        assert_eq!(v.capacity, None);
        assert_eq!(v.departement, None);
        assert!(parse_online_url("javascript:alert(1)").is_err());
        assert!(parse_online_url("https://").is_err());
        assert!(parse_online_url("ftp://exemple.org/salle").is_err());
    }

    #[test]
    fn escaping_and_folding_follow_rfc_5545() {
        assert_eq!(
            escape_text("a,b;c\\d\r\ne\nf\u{7}"),
            "a\\,b\\;c\\\\d\\ne\\nf"
        );
        let long = format!("SUMMARY:{}", "é".repeat(60));
        let folded = fold_line(&long);
        for l in folded.split("\r\n").filter(|l| !l.is_empty()) {
            assert!(l.len() <= 75, "{l:?} is {} octets", l.len());
        }
        assert_eq!(folded.replace("\r\n ", ""), format!("{long}\r\n"));
        let cal = calendar(
            "Événements",
            &[IcsEvent {
                uid: "x@exemple.org".into(),
                stamp: DateTime::from_timestamp(0, 0).unwrap(),
                starts_at: DateTime::from_timestamp(3600, 0).unwrap(),
                ends_at: DateTime::from_timestamp(7200, 0).unwrap(),
                summary: "Café, débat; et \\ suite".into(),
                description: String::new(),
                location: String::new(),
                url: String::new(),
                cancelled: true,
                sequence: 2,
            }],
        );
        assert!(cal.starts_with("BEGIN:VCALENDAR\r\nVERSION:2.0\r\n"));
        assert!(cal.contains("\r\nDTSTART:19700101T010000Z\r\n"));
        assert!(cal.contains("\r\nSUMMARY:Café\\, débat\\; et \\\\ suite\r\n"));
        assert!(cal.contains("\r\nSTATUS:CANCELLED\r\n"));
        assert!(cal.ends_with("END:VCALENDAR\r\n"));
        assert!(!cal.replace("\r\n", "").contains('\n'));
    }

    fn unescape(s: &str) -> String {
        let mut out = String::new();
        let mut chars = s.chars();
        while let Some(c) = chars.next() {
            if c == '\\' {
                match chars.next() {
                    Some('n') => out.push('\n'),
                    Some(o) => out.push(o),
                    None => {}
                }
            } else {
                out.push(c);
            }
        }
        out
    }

    /// What a registration sequence leaves, modelled plainly: a list in order of arrival,
    /// the first `capacity` confirmed.
    #[derive(Debug, Clone)]
    enum Op {
        Register,
        Cancel(usize),
        Capacity(Option<i64>),
    }

    fn op() -> impl Strategy<Value = Op> {
        prop_oneof![
            4 => Just(Op::Register),
            2 => (0usize..20).prop_map(Op::Cancel),
            1 => proptest::option::of(1i64..8).prop_map(Op::Capacity),
        ]
    }

    proptest! {
        #[test]
        fn folding_keeps_the_text_and_the_width(s in "\\PC{0,300}") {
            let line = format!("DESCRIPTION:{}", escape_text(&s));
            let folded = fold_line(&line);
            prop_assert!(folded.ends_with("\r\n"));
            for l in folded.trim_end_matches("\r\n").split("\r\n") {
                prop_assert!(l.len() <= 75);
            }
            prop_assert_eq!(folded.trim_end_matches("\r\n").replace("\r\n ", ""), line);
        }

        #[test]
        fn escaping_round_trips_and_leaves_no_break(s in "(\\PC|\n){0,80}") {
            let e = escape_text(&s);
            prop_assert!(!e.contains('\n'));
            prop_assert_eq!(unescape(&e), s);
        }

        /// Registrations, cancellations and capacity changes in any order: never more confirmed
        /// than the capacity, nobody waits while there is room, and the waiting list moves up
        /// in order of arrival.
        #[test]
        fn the_waiting_list_moves_up_in_order_and_never_over_capacity(
            start in proptest::option::of(1i64..6),
            ops in proptest::collection::vec(op(), 0..60),
        ) {
            let mut capacity = start;
            // (arrival number, confirmed)
            let mut regs: Vec<(usize, bool)> = vec![];
            let mut next = 0;
            for o in ops {
                match o {
                    Op::Register => {
                        let confirmed = regs.iter().filter(|r| r.1).count() as i64;
                        let waiting = regs.len() as i64 - confirmed;
                        let p = place(capacity, confirmed, waiting);
                        regs.push((next, p == Placement::Confirmed));
                        next += 1;
                    }
                    Op::Cancel(i) if !regs.is_empty() => {
                        regs.remove(i % regs.len());
                    }
                    Op::Cancel(_) => {}
                    Op::Capacity(c) => {
                        let confirmed = regs.iter().filter(|r| r.1).count() as i64;
                        if capacity_fits(c, confirmed) {
                            capacity = c;
                        }
                    }
                }
                let confirmed = regs.iter().filter(|r| r.1).count() as i64;
                let waiting = regs.len() as i64 - confirmed;
                let n = to_promote(capacity, confirmed, waiting);
                for r in regs.iter_mut().filter(|r| !r.1).take(n as usize) {
                    r.1 = true;
                }
                let confirmed = regs.iter().filter(|r| r.1).count() as i64;
                let waiting = regs.len() as i64 - confirmed;
                if let Some(c) = capacity {
                    prop_assert!(confirmed <= c);
                    prop_assert!(waiting == 0 || confirmed == c);
                } else {
                    prop_assert_eq!(waiting, 0);
                }
                // Arrival order: nobody confirmed behind someone still waiting who came first…
                // unless they were confirmed at once before the other registered (impossible:
                // a newcomer waits whenever someone waits).
                let first_waiting = regs.iter().find(|r| !r.1).map(|r| r.0);
                if let Some(w) = first_waiting {
                    prop_assert!(regs.iter().filter(|r| r.1).all(|r| r.0 < w));
                }
            }
        }
    }
}
