//! The query syntax people type: words (all required), `OR` between two clauses,
//! `"exact phrase"`, `-excluded` (a word or a phrase). Anything else is text: FTS syntax such as
//! `NEAR`, `*`, `:` or `^` has no power here, because every clause is made of analysed stems
//! (ASCII letters and digits) and each backend writes its own operators around them.

use super::analyser::analyse;

/// Longest query read; the rest is ignored (a 10,000-character paste still answers).
pub const MAX_QUERY_CHARS: usize = 500;
/// Most clauses kept, to bound the work of one search.
pub const MAX_CLAUSES: usize = 16;

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Clause {
    /// One stem.
    Term(String),
    /// Stems that must follow each other.
    Phrase(Vec<String>),
    /// At least one of these (terms or phrases).
    AnyOf(Vec<Clause>),
}

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct SearchQuery {
    pub required: Vec<Clause>,
    pub excluded: Vec<Clause>,
}

#[derive(Debug, PartialEq)]
enum Piece {
    Or,
    Text {
        negated: bool,
        phrase: bool,
        text: String,
    },
}

fn lex(input: &str) -> Vec<Piece> {
    let mut input: String = input.chars().take(MAX_QUERY_CHARS).collect();
    // Cut at a word boundary so that the last word is not a truncated one.
    if input.chars().count() == MAX_QUERY_CHARS {
        if let Some(space) = input.rfind(char::is_whitespace) {
            input.truncate(space);
        }
    }
    let mut pieces = vec![];
    let mut chars = input.chars().peekable();
    while let Some(&c) = chars.peek() {
        if c.is_whitespace() {
            chars.next();
            continue;
        }
        let negated = c == '-';
        if negated {
            chars.next();
        }
        if chars.peek() == Some(&'"') {
            chars.next();
            // An unbalanced quote runs to the end of the query.
            let text: String = chars.by_ref().take_while(|&c| c != '"').collect();
            pieces.push(Piece::Text {
                negated,
                phrase: true,
                text,
            });
            continue;
        }
        let mut word = String::new();
        while let Some(&c) = chars.peek() {
            if c.is_whitespace() || c == '"' {
                break;
            }
            word.push(c);
            chars.next();
        }
        if word == "OR" && !negated {
            pieces.push(Piece::Or);
        } else if !word.is_empty() {
            pieces.push(Piece::Text {
                negated,
                phrase: false,
                text: word,
            });
        }
    }
    pieces
}

/// What a piece of text means once analysed: nothing (only stop words), a term, or a phrase.
/// A single word that analyses to several stems ("porte-monnaie") is a phrase.
fn clause_of(text: &str) -> Option<Clause> {
    let mut stems = analyse(text);
    match stems.len() {
        0 => None,
        1 => stems.pop().map(Clause::Term),
        _ => Some(Clause::Phrase(stems)),
    }
}

fn dedup_keep_order(clauses: &mut Vec<Clause>) {
    let mut seen: Vec<Clause> = Vec::with_capacity(clauses.len());
    clauses.retain(|c| {
        let new = !seen.contains(c);
        if new {
            seen.push(c.clone());
        }
        new
    });
}

impl SearchQuery {
    pub fn parse(input: &str) -> SearchQuery {
        let mut query = SearchQuery::default();
        let mut pending_or = false;
        for piece in lex(input) {
            match piece {
                Piece::Or => pending_or = !query.required.is_empty(),
                Piece::Text {
                    negated,
                    phrase,
                    text,
                } => {
                    // Words of an unquoted piece are separate terms ("a:b" is two words).
                    let clauses: Vec<Clause> = if phrase {
                        clause_of(&text).into_iter().collect()
                    } else {
                        analyse(&text).into_iter().map(Clause::Term).collect()
                    };
                    let clauses = if !phrase && clauses.len() > 1 && negated {
                        clause_of(&text).into_iter().collect()
                    } else {
                        clauses
                    };
                    for clause in clauses {
                        if negated {
                            query.excluded.push(clause);
                        } else if pending_or {
                            let previous = query.required.pop().expect("an OR follows a clause");
                            let mut options = match previous {
                                Clause::AnyOf(options) => options,
                                other => vec![other],
                            };
                            options.push(clause);
                            query.required.push(Clause::AnyOf(options));
                            pending_or = false;
                        } else {
                            query.required.push(clause);
                        }
                    }
                    if negated {
                        pending_or = false;
                    }
                }
            }
        }
        dedup_keep_order(&mut query.required);
        dedup_keep_order(&mut query.excluded);
        query.required.truncate(MAX_CLAUSES);
        query.excluded.truncate(MAX_CLAUSES);
        query
    }

    /// Nothing to search for: only stop words, symbols, or only exclusions (a search cannot be
    /// made of exclusions alone).
    pub fn is_empty(&self) -> bool {
        self.required.is_empty()
    }

    /// The stems to highlight in results.
    pub fn highlight_stems(&self) -> Vec<String> {
        fn collect(clause: &Clause, out: &mut Vec<String>) {
            match clause {
                Clause::Term(t) => out.push(t.clone()),
                Clause::Phrase(ts) => out.extend(ts.iter().cloned()),
                Clause::AnyOf(cs) => cs.iter().for_each(|c| collect(c, out)),
            }
        }
        let mut out = vec![];
        self.required.iter().for_each(|c| collect(c, &mut out));
        out.sort();
        out.dedup();
        out
    }

    /// The query in SQLite FTS5 syntax (every stem quoted), or None when empty.
    pub fn to_fts5(&self) -> Option<String> {
        fn write(clause: &Clause) -> String {
            match clause {
                Clause::Term(t) => format!("\"{t}\""),
                Clause::Phrase(ts) => format!("\"{}\"", ts.join(" ")),
                Clause::AnyOf(cs) => format!(
                    "({})",
                    cs.iter().map(write).collect::<Vec<_>>().join(" OR ")
                ),
            }
        }
        if self.is_empty() {
            return None;
        }
        let mut out = self
            .required
            .iter()
            .map(write)
            .collect::<Vec<_>>()
            .join(" AND ");
        for clause in &self.excluded {
            out = format!("({out}) NOT {}", write(clause));
        }
        Some(out)
    }

    /// The query in PostgreSQL tsquery syntax (for `to_tsquery('simple', …)`), or None.
    pub fn to_tsquery(&self) -> Option<String> {
        fn write(clause: &Clause) -> String {
            match clause {
                Clause::Term(t) => t.clone(),
                Clause::Phrase(ts) => format!("({})", ts.join(" <-> ")),
                Clause::AnyOf(cs) => {
                    format!("({})", cs.iter().map(write).collect::<Vec<_>>().join(" | "))
                }
            }
        }
        if self.is_empty() {
            return None;
        }
        let mut parts: Vec<String> = self.required.iter().map(write).collect();
        parts.extend(self.excluded.iter().map(|c| format!("!{}", write(c))));
        Some(parts.join(" & "))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn t(s: &str) -> Clause {
        Clause::Term(analyse(s).pop().unwrap())
    }

    #[test]
    fn words_are_all_required() {
        let q = SearchQuery::parse("jardins partagés");
        assert_eq!(q.required, vec![t("jardin"), t("partagé")]);
        assert_eq!(q.to_fts5().unwrap(), "\"jardin\" AND \"partag\"");
        assert_eq!(q.to_tsquery().unwrap(), "jardin & partag");
    }

    #[test]
    fn or_phrases_and_exclusions() {
        let q = SearchQuery::parse("vélo OR \"mobilité solidaire\" -voiture");
        assert_eq!(q.required.len(), 1);
        assert!(matches!(&q.required[0], Clause::AnyOf(options) if options.len() == 2));
        assert_eq!(q.excluded, vec![t("voiture")]);
        assert_eq!(
            q.to_fts5().unwrap(),
            "((\"velo\" OR \"mobil solidair\")) NOT \"voitur\""
        );
        assert_eq!(
            q.to_tsquery().unwrap(),
            "(velo | (mobil <-> solidair)) & !voitur"
        );
    }

    #[test]
    fn odd_input_gives_sensible_queries() {
        assert!(
            SearchQuery::parse("le la les").is_empty(),
            "only stop words"
        );
        assert!(
            SearchQuery::parse("-voiture").is_empty(),
            "only an exclusion"
        );
        assert!(SearchQuery::parse("OR OR").is_empty());
        let q = SearchQuery::parse("\"jardin partagé");
        assert_eq!(
            q.required,
            vec![Clause::Phrase(analyse("jardin partagé"))],
            "an unbalanced quote"
        );
        let q = SearchQuery::parse("jardin NEAR/2 ecole* titre:velo ^start");
        assert!(q
            .to_fts5()
            .unwrap()
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || " \"()".contains(c)));
        let long = "association ".repeat(2000);
        assert_eq!(
            SearchQuery::parse(&long).required.len(),
            1,
            "repeated words collapse"
        );
    }

    proptest! {
        #[test]
        fn any_input_yields_safe_backend_syntax(s in "\\PC{0,300}") {
            let q = SearchQuery::parse(&s);
            prop_assert!(q.required.len() <= MAX_CLAUSES);
            if let Some(fts) = q.to_fts5() {
                prop_assert!(fts.chars().all(|c| c.is_ascii_alphanumeric() || " \"()".contains(c)), "{fts}");
            }
            if let Some(ts) = q.to_tsquery() {
                prop_assert!(ts.chars().all(|c| c.is_ascii_alphanumeric() || " ()&|!<->".contains(c)), "{ts}");
            }
        }
    }
}
