//! Opinion mapping (*débats*) in the manner of Pol.is: the values people type (statements,
//! votes, conversation settings), the analysis of the vote matrix (`analysis`, built on
//! `matrix`, `pca`, `cluster`, `repness`), the next statement to show (`routing`) and the
//! Pol.is export format (`polis`).

pub mod analysis;
pub mod cluster;
pub mod conversation;
pub mod matrix;
pub mod pca;
pub mod polis;
pub mod repness;
pub mod routing;

pub use analysis::{analyze, Analysis, AnalysisOptions, GroupResult};
pub use matrix::VoteMatrix;

use crate::text::{clean_line, LineCodes};
use crate::Invalid;

/// A vote on a statement, stored and exported as Pol.is writes it: 1, -1, 0.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Vote {
    Agree,
    Disagree,
    Pass,
}

impl Vote {
    /// From a form or JSON value: "agree", "disagree", "pass" (or Pol.is's "1", "-1", "0").
    pub fn parse(input: &str) -> Result<Vote, Invalid> {
        match input.trim() {
            "agree" | "1" => Ok(Vote::Agree),
            "disagree" | "-1" => Ok(Vote::Disagree),
            "pass" | "0" => Ok(Vote::Pass),
            _ => Err(Invalid::new("vote_invalid")),
        }
    }

    pub fn from_value(value: i16) -> Option<Vote> {
        match value {
            1 => Some(Vote::Agree),
            -1 => Some(Vote::Disagree),
            0 => Some(Vote::Pass),
            _ => None,
        }
    }

    pub fn value(self) -> i16 {
        match self {
            Vote::Agree => 1,
            Vote::Disagree => -1,
            Vote::Pass => 0,
        }
    }

    pub fn as_str(self) -> &'static str {
        match self {
            Vote::Agree => "agree",
            Vote::Disagree => "disagree",
            Vote::Pass => "pass",
        }
    }
}

/// The most characters a statement may hold, as on Pol.is.
pub const STATEMENT_MAX_CHARS: usize = 280;

/// A statement's text: one line of at most 280 characters, white space folded.
pub fn parse_statement(input: &str) -> Result<String, Invalid> {
    clean_line(
        input,
        1,
        STATEMENT_MAX_CHARS,
        LineCodes {
            required: "statement_required",
            too_short: "statement_required",
            too_long: "statement_too_long",
        },
    )
}

/// The key two statements are duplicates by: lowercase, accents and punctuation removed,
/// words separated by one space. "Plus de vélos !" and "plus de velos" are the same statement.
pub fn fold_statement(text: &str) -> String {
    let folded = crate::territory::normalise_name(text);
    folded
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .collect::<Vec<_>>()
        .join(" ")
}

/// The question a conversation asks.
pub fn parse_question(input: &str) -> Result<String, Invalid> {
    clean_line(
        input,
        5,
        200,
        LineCodes {
            required: "question_required",
            too_short: "question_too_short",
            too_long: "question_too_long",
        },
    )
}

/// Statement moderation: "pre" (a moderator accepts each statement before it is shown) or
/// "post" (shown at once, rejected later if need be).
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Moderation {
    Pre,
    Post,
}

impl Moderation {
    pub fn parse(input: &str) -> Result<Moderation, Invalid> {
        match input {
            "pre" => Ok(Moderation::Pre),
            "post" => Ok(Moderation::Post),
            _ => Err(Invalid::new("moderation_invalid")),
        }
    }

    pub fn as_str(self) -> &'static str {
        match self {
            Moderation::Pre => "pre",
            Moderation::Post => "post",
        }
    }

    /// The status a participant's new statement gets.
    pub fn new_statement_status(self) -> StatementStatus {
        match self {
            Moderation::Pre => StatementStatus::Pending,
            Moderation::Post => StatementStatus::Accepted,
        }
    }
}

/// Where a statement stands in moderation. Only accepted statements are voted on and analysed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "snake_case")]
pub enum StatementStatus {
    Pending,
    Accepted,
    Rejected,
}

impl StatementStatus {
    pub fn parse(input: &str) -> Result<StatementStatus, Invalid> {
        match input {
            "pending" => Ok(StatementStatus::Pending),
            "accepted" => Ok(StatementStatus::Accepted),
            "rejected" => Ok(StatementStatus::Rejected),
            _ => Err(Invalid::new("statement_status_invalid")),
        }
    }

    pub fn as_str(self) -> &'static str {
        match self {
            StatementStatus::Pending => "pending",
            StatementStatus::Accepted => "accepted",
            StatementStatus::Rejected => "rejected",
        }
    }

    /// Pol.is's `moderated` column: 1 accepted, 0 not yet, -1 moderated out.
    pub fn polis_value(self) -> i8 {
        match self {
            StatementStatus::Accepted => 1,
            StatementStatus::Pending => 0,
            StatementStatus::Rejected => -1,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn votes_parse_from_words_and_polis_numbers() {
        assert_eq!(Vote::parse("agree"), Ok(Vote::Agree));
        assert_eq!(Vote::parse("-1"), Ok(Vote::Disagree));
        assert_eq!(Vote::parse("0"), Ok(Vote::Pass));
        for bad in ["", "2", "yes", "AGREE ", "1.0"] {
            if bad == "AGREE " {
                assert!(Vote::parse(bad).is_err());
                continue;
            }
            assert_eq!(Vote::parse(bad), Err(Invalid::new("vote_invalid")), "{bad}");
        }
        for v in [Vote::Agree, Vote::Disagree, Vote::Pass] {
            assert_eq!(Vote::from_value(v.value()), Some(v));
        }
        assert_eq!(Vote::from_value(2), None);
    }

    #[test]
    fn statements_are_one_line_of_at_most_280_characters() {
        assert_eq!(
            parse_statement("  Plus de\n vélos  "),
            Ok("Plus de vélos".into())
        );
        assert_eq!(
            parse_statement("   "),
            Err(Invalid::new("statement_required"))
        );
        let long = "é".repeat(281);
        assert_eq!(
            parse_statement(&long),
            Err(Invalid::new("statement_too_long"))
        );
        assert!(parse_statement(&"é".repeat(280)).is_ok());
    }

    #[test]
    fn duplicates_are_found_through_case_accents_and_punctuation() {
        assert_eq!(
            fold_statement("Plus de vélos !"),
            fold_statement("plus  de velos")
        );
        assert_ne!(
            fold_statement("Plus de vélos"),
            fold_statement("Moins de vélos")
        );
    }
}
