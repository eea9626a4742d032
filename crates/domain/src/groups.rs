//! Groups by territory or theme, their threads and replies, follows, mentions, e-mail
//! notifications and moderation.
//!
//! Pure rules, no IO: what a group, a thread and a reply may contain, who may read and post,
//! how a member is @mentioned, and how a text is made safe for a mail header.

use crate::territory::normalise_name;
use crate::text::{clean_line, LineCodes};
use crate::Invalid;

/// Who may join: anyone at once (`Open`), or on request accepted by a group admin (`Closed`,
/// whose threads only members read).
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Access {
    Open,
    Closed,
}

impl Access {
    pub fn as_str(self) -> &'static str {
        match self {
            Access::Open => "open",
            Access::Closed => "closed",
        }
    }

    pub fn parse(s: &str) -> Option<Access> {
        match s {
            "open" => Some(Access::Open),
            "closed" => Some(Access::Closed),
            _ => None,
        }
    }
}

/// A person's place in a group. `Pending` asked to join a closed group and is not a member yet.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Role {
    Admin,
    Member,
    Pending,
}

impl Role {
    pub fn as_str(self) -> &'static str {
        match self {
            Role::Admin => "admin",
            Role::Member => "member",
            Role::Pending => "pending",
        }
    }

    pub fn parse(s: &str) -> Option<Role> {
        match s {
            "admin" => Some(Role::Admin),
            "member" => Some(Role::Member),
            "pending" => Some(Role::Pending),
            _ => None,
        }
    }

    /// Admins and members; not those still waiting.
    pub fn is_member(self) -> bool {
        matches!(self, Role::Admin | Role::Member)
    }
}

/// How a person wants to hear of new posts in what they follow and of their @mentions.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum NotifyMode {
    /// One mail per post.
    Immediate,
    /// One mail a day gathering what is new.
    Digest,
    /// No mail.
    None,
}

impl NotifyMode {
    pub fn as_str(self) -> &'static str {
        match self {
            NotifyMode::Immediate => "immediate",
            NotifyMode::Digest => "digest",
            NotifyMode::None => "none",
        }
    }

    pub fn parse(s: &str) -> Option<NotifyMode> {
        match s {
            "immediate" => Some(NotifyMode::Immediate),
            "digest" => Some(NotifyMode::Digest),
            "none" => Some(NotifyMode::None),
            _ => None,
        }
    }
}

/// May this person read the group's threads? Open groups are public; closed groups are read by
/// their members and by platform moderators (who must be able to judge a report).
pub fn can_read(access: Access, role: Option<Role>, moderator: bool) -> bool {
    access == Access::Open || moderator || role.is_some_and(Role::is_member)
}

/// May this person post (open a thread, reply)? Members only, in open groups too (joining an
/// open group is one click), and never a blocked account.
pub fn can_post(role: Option<Role>, blocked: bool) -> bool {
    !blocked && role.is_some_and(Role::is_member)
}

pub const NAME_MAX: usize = 120;
pub const DESCRIPTION_MAX: usize = 5_000;
pub const TITLE_MAX: usize = 200;
pub const BODY_MAX: usize = 20_000;

/// A new group as typed (territory and challenge are checked by the caller, which knows the
/// lists).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct GroupText {
    pub name: String,
    pub description: String,
}

pub fn group_name(input: &str) -> Result<String, Invalid> {
    clean_line(
        input,
        3,
        NAME_MAX,
        LineCodes {
            required: "groups-name-required",
            too_short: "groups-name-too-short",
            too_long: "groups-name-too-long",
        },
    )
}

pub fn thread_title(input: &str) -> Result<String, Invalid> {
    clean_line(
        input,
        3,
        TITLE_MAX,
        LineCodes {
            required: "groups-title-required",
            too_short: "groups-title-too-short",
            too_long: "groups-title-too-long",
        },
    )
}

/// A Markdown text (a description, a post): trimmed, at most `max` characters, no NUL. Rendered
/// through `markdown::render`, which sanitises it.
pub fn markdown_text(
    input: &str,
    max: usize,
    required: Option<&'static str>,
) -> Result<String, Invalid> {
    let value = input.trim().replace("\r\n", "\n");
    if value.is_empty() {
        return match required {
            Some(code) => Err(Invalid::new(code)),
            None => Ok(value),
        };
    }
    if value.chars().count() > max {
        return Err(Invalid::new("groups-text-too-long"));
    }
    if value.contains('\0') {
        return Err(Invalid::new("field_control_characters"));
    }
    Ok(value)
}

pub fn post_body(input: &str) -> Result<String, Invalid> {
    markdown_text(input, BODY_MAX, Some("groups-body-required"))
}

/// The handle by which a member is @mentioned: the display name folded (lowercase, accents
/// removed) with its words joined by hyphens. "Maïwenn Le Gall" is `@maiwenn-le-gall`.
pub fn handle(display_name: &str) -> String {
    normalise_name(display_name)
        .split_whitespace()
        .collect::<Vec<_>>()
        .join("-")
}

/// The handles @mentioned in a text, each once, in order of first appearance. A mention is
/// `@` at the start or after a character that is not a letter, digit or `@` (so an e-mail
/// address mentions no one), followed by letters, digits and inner hyphens.
pub fn mentions(text: &str) -> Vec<String> {
    let chars: Vec<char> = text.chars().collect();
    let mut found: Vec<String> = vec![];
    let mut i = 0;
    while i < chars.len() {
        let starts =
            chars[i] == '@' && (i == 0 || !(chars[i - 1].is_alphanumeric() || chars[i - 1] == '@'));
        if !starts {
            i += 1;
            continue;
        }
        let mut j = i + 1;
        let mut raw = String::new();
        while j < chars.len() && (chars[j].is_alphanumeric() || chars[j] == '-') {
            raw.push(chars[j]);
            j += 1;
        }
        let h = handle(raw.trim_matches('-'));
        if !h.is_empty() && !found.contains(&h) {
            found.push(h);
        }
        i = j.max(i + 1);
    }
    found
}

/// A text for a mail header (a subject made of a group's name, a thread's title): control
/// characters, CR and LF above all, become spaces, runs of spaces one, at most `max`
/// characters. Names are already refused with control characters; this is the second lock.
pub fn header_safe(text: &str, max: usize) -> String {
    let spaced: String = text
        .chars()
        .map(|c| if c.is_control() { ' ' } else { c })
        .collect();
    let one_line = spaced.split_whitespace().collect::<Vec<_>>().join(" ");
    if one_line.chars().count() <= max {
        one_line
    } else {
        let mut cut: String = one_line.chars().take(max.saturating_sub(1)).collect();
        cut.push('…');
        cut
    }
}

/// The Paris hour at which the daily digest goes out.
pub const DIGEST_HOUR: u32 = 7;

/// The latest digest time (07:00 in Paris, summer or winter) at or before `now`: a person in
/// digest mode is due when their last digest is before it. So the digest leaves at the same
/// hour every morning, whenever the job runs, instead of drifting by the job's period.
pub fn digest_time(now: chrono::DateTime<chrono::Utc>) -> chrono::DateTime<chrono::Utc> {
    use crate::deliberation::conversation::{from_paris, to_paris};
    let local = to_paris(now);
    let today = local
        .date()
        .and_hms_opt(DIGEST_HOUR, 0, 0)
        .expect("a valid hour");
    if local >= today {
        from_paris(today)
    } else {
        from_paris(today - chrono::Duration::days(1))
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn the_digest_time_is_seven_in_paris_summer_and_winter() {
        use chrono::TimeZone;
        let at = |y, m, d, h, min| chrono::Utc.with_ymd_and_hms(y, m, d, h, min, 0).unwrap();
        // Winter (UTC+1): 07:00 Paris is 06:00 UTC.
        assert_eq!(
            super::digest_time(at(2026, 11, 25, 6, 0)),
            at(2026, 11, 25, 6, 0)
        );
        assert_eq!(
            super::digest_time(at(2026, 11, 25, 5, 59)),
            at(2026, 11, 24, 6, 0)
        );
        assert_eq!(
            super::digest_time(at(2026, 11, 25, 23, 30)),
            at(2026, 11, 25, 6, 0)
        );
        // Summer (UTC+2): 05:00 UTC; after midnight in Paris but before midnight UTC.
        assert_eq!(
            super::digest_time(at(2026, 7, 1, 5, 0)),
            at(2026, 7, 1, 5, 0)
        );
        assert_eq!(
            super::digest_time(at(2026, 7, 1, 4, 59)),
            at(2026, 6, 30, 5, 0)
        );
        assert_eq!(
            super::digest_time(at(2026, 6, 30, 22, 30)),
            at(2026, 6, 30, 5, 0)
        );
        // Across the change to summer time (29 March 2026): each day its own 07:00.
        assert_eq!(
            super::digest_time(at(2026, 3, 29, 5, 30)),
            at(2026, 3, 29, 5, 0)
        );
        assert_eq!(
            super::digest_time(at(2026, 3, 29, 4, 30)),
            at(2026, 3, 28, 6, 0)
        );
    }

    use super::*;
    use proptest::prelude::*;

    #[test]
    fn handles_fold_accents_and_join_words() {
        assert_eq!(handle("Maïwenn Le Gall"), "maiwenn-le-gall");
        assert_eq!(handle("  Jean-Yves  Ñoño "), "jean-yves-nono");
    }

    #[test]
    fn mentions_are_found_once_and_not_in_email_addresses() {
        assert_eq!(
            mentions("Merci @Maïwenn-Le-Gall et @jakez, (@jakez) ; écrire à anne@exemple.fr"),
            vec!["maiwenn-le-gall", "jakez"]
        );
        assert!(mentions("@ seul, @@double, fin@").is_empty());
        assert_eq!(mentions("@anne."), vec!["anne"]);
    }

    #[test]
    fn reading_and_posting_follow_access_role_and_blocking() {
        assert!(can_read(Access::Open, None, false));
        assert!(!can_read(Access::Closed, None, false));
        assert!(!can_read(Access::Closed, Some(Role::Pending), false));
        assert!(can_read(Access::Closed, Some(Role::Member), false));
        assert!(can_read(Access::Closed, None, true));
        assert!(!can_post(None, false));
        assert!(!can_post(Some(Role::Pending), false));
        assert!(can_post(Some(Role::Admin), false));
        assert!(!can_post(Some(Role::Admin), true));
    }

    #[test]
    fn names_titles_and_bodies_are_checked() {
        assert_eq!(
            group_name("  Tiers-lieux   du Finistère ").unwrap(),
            "Tiers-lieux du Finistère"
        );
        assert_eq!(group_name("ab").unwrap_err().code, "groups-name-too-short");
        assert_eq!(thread_title("").unwrap_err().code, "groups-title-required");
        assert_eq!(post_body("  ").unwrap_err().code, "groups-body-required");
        assert_eq!(
            post_body(&"x".repeat(BODY_MAX + 1)).unwrap_err().code,
            "groups-text-too-long"
        );
        assert_eq!(markdown_text("", 10, None).unwrap(), "");
    }

    #[test]
    fn header_text_loses_line_breaks() {
        assert_eq!(
            header_safe("Salut\r\nBcc: x@y.fr", 100),
            "Salut Bcc: x@y.fr"
        );
        assert_eq!(header_safe("abcdef", 4), "abc…");
    }

    proptest! {
        #[test]
        fn header_safe_never_contains_control_characters(s in ".*", max in 1usize..200) {
            let out = header_safe(&s, max);
            prop_assert!(!out.chars().any(char::is_control));
            prop_assert!(out.chars().count() <= max);
        }

        #[test]
        fn a_handle_mentioned_is_found(name in "[A-Za-zÀ-ÿ]{1,10}( [A-Za-zÀ-ÿ]{1,10}){0,2}") {
            let h = handle(&name);
            prop_assume!(!h.is_empty());
            let text = format!("Bonjour @{h}, à bientôt");
            prop_assert_eq!(mentions(&text), vec![h.clone()]);
        }

        #[test]
        fn mentions_are_handles(s in ".*") {
            for m in mentions(&s) {
                prop_assert_eq!(handle(&m), m.clone());
            }
        }
    }
}
