//! Curated news (*veille*): links shared with a comment and tags, searchable with the
//! catalogue's query syntax.
//!
//! Pure rules, no IO: what a shared link must hold, how tags are normalised, the stems an item
//! is searched by, and how a `SearchQuery` matches those stems (news volumes are small: the
//! search is a filter in Rust over stored stems, not an FTS index).

use crate::invalid::{FieldErrors, Invalid};
use crate::search::{analyse, fold, Clause, SearchQuery};

pub const MAX_TITLE: usize = 200;
pub const MAX_COMMENT: usize = 2_000;
pub const MAX_URL: usize = 2_000;
pub const MAX_TAGS: usize = 8;
pub const MAX_TAG: usize = 30;

/// A link as typed.
#[derive(Debug, Clone, Default)]
pub struct NewsInput {
    pub url: String,
    pub title: String,
    pub comment: String,
    /// Separated by commas (or spaces, for one-word tags).
    pub tags: String,
}

#[derive(Debug, Clone, PartialEq)]
pub struct ValidNews {
    pub url: String,
    pub title: String,
    pub comment: String,
    pub tags: Vec<String>,
    /// The stems of the title, the comment and the tags, joined by spaces.
    pub stems: String,
}

/// One tag as stored: folded (lowercase, no accents), words joined by '-'
/// ("Économie circulaire" → "economie-circulaire"). Empty when nothing is left.
pub fn normalise_tag(tag: &str) -> String {
    fold(tag)
        .split(|c: char| !c.is_ascii_alphanumeric())
        .filter(|w| !w.is_empty())
        .collect::<Vec<_>>()
        .join("-")
}

/// Tags typed as "Énergie, économie circulaire": normalised, in order, each once.
pub fn parse_tags(input: &str) -> Result<Vec<String>, Invalid> {
    let sep = if input.contains(',') { ',' } else { ' ' };
    let mut tags: Vec<String> = Vec::new();
    for raw in input.split(sep) {
        let t = normalise_tag(raw);
        if t.is_empty() || tags.contains(&t) {
            continue;
        }
        if t.chars().count() > MAX_TAG {
            return Err(Invalid::new("news_tag_too_long"));
        }
        tags.push(t);
    }
    if tags.len() > MAX_TAGS {
        return Err(Invalid::new("news_too_many_tags"));
    }
    Ok(tags)
}

/// An absolute http(s) URL with a host; stored as parsed (normalised) by the `url` crate.
pub fn parse_url(input: &str) -> Result<String, Invalid> {
    let input = input.trim();
    if input.is_empty() {
        return Err(Invalid::new("news_url_required"));
    }
    if input.chars().count() > MAX_URL {
        return Err(Invalid::new("news_url_invalid"));
    }
    match url::Url::parse(input) {
        Ok(u) if matches!(u.scheme(), "http" | "https") && u.host_str().is_some() => {
            Ok(u.to_string())
        }
        _ => Err(Invalid::new("news_url_invalid")),
    }
}

pub fn validate(input: &NewsInput) -> Result<ValidNews, FieldErrors> {
    let mut errors = FieldErrors::new();
    let url = errors.check("url", parse_url(&input.url));
    let title = input.title.trim();
    if title.is_empty() {
        errors.add("title", Invalid::new("news_title_required"));
    } else if title.chars().count() > MAX_TITLE || title.chars().any(char::is_control) {
        errors.add("title", Invalid::new("news_title_invalid"));
    }
    let comment = input.comment.trim();
    if comment.chars().count() > MAX_COMMENT {
        errors.add("comment", Invalid::new("news_comment_too_long"));
    }
    let tags = errors.check("tags", parse_tags(&input.tags));
    match (url, tags) {
        (Some(url), Some(tags)) if errors.is_empty() => {
            let stems = analyse(&format!("{title}\n{comment}\n{}", tags.join(" "))).join(" ");
            Ok(ValidNews {
                url,
                title: title.to_owned(),
                comment: comment.to_owned(),
                tags,
                stems,
            })
        }
        _ => Err(errors),
    }
}

fn clause_matches(clause: &Clause, stems: &[&str]) -> bool {
    match clause {
        Clause::Term(t) => stems.contains(&t.as_str()),
        Clause::Phrase(words) => {
            !words.is_empty()
                && stems
                    .windows(words.len())
                    .any(|w| w.iter().zip(words).all(|(a, b)| *a == b.as_str()))
        }
        Clause::AnyOf(cs) => cs.iter().any(|c| clause_matches(c, stems)),
    }
}

/// Whether an item with these stems (space-separated) answers the query: every required
/// clause, no excluded one. An empty query matches everything.
pub fn matches(query: &SearchQuery, stems: &str) -> bool {
    let stems: Vec<&str> = stems.split_whitespace().collect();
    query.required.iter().all(|c| clause_matches(c, &stems))
        && !query.excluded.iter().any(|c| clause_matches(c, &stems))
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn item(title: &str, comment: &str, tags: &str) -> ValidNews {
        validate(&NewsInput {
            url: "https://exemple.org/article".into(),
            title: title.into(),
            comment: comment.into(),
            tags: tags.into(),
        })
        .unwrap()
    }

    #[test]
    fn tags_are_folded_joined_and_kept_once() {
        assert_eq!(
            parse_tags("Énergie, économie circulaire, ENERGIE").unwrap(),
            vec!["energie", "economie-circulaire"]
        );
        assert_eq!(
            parse_tags("vélo mobilité").unwrap(),
            vec!["velo", "mobilite"]
        );
        assert!(parse_tags("a b c d e f g h i").is_err());
        assert_eq!(parse_tags("  ").unwrap(), Vec::<String>::new());
    }

    #[test]
    fn only_web_links_are_accepted() {
        assert!(parse_url("https://exemple.org/a?b=c").is_ok());
        assert_eq!(
            parse_url("javascript:alert(1)").unwrap_err().code,
            "news_url_invalid"
        );
        assert!(parse_url("ftp://exemple.org").is_err());
        assert!(parse_url("exemple.org").is_err());
        assert_eq!(parse_url("").unwrap_err().code, "news_url_required");
    }

    #[test]
    fn bad_input_names_each_field() {
        let e = validate(&NewsInput {
            url: "data:text/html,x".into(),
            title: "Deux\nlignes".into(),
            comment: "x".repeat(MAX_COMMENT + 1),
            tags: "a,b,c,d,e,f,g,h,i".into(),
        })
        .unwrap_err();
        let fields: Vec<&str> = e.0.iter().map(|(f, _)| *f).collect();
        assert_eq!(fields, vec!["url", "title", "comment", "tags"]);
    }

    #[test]
    fn search_uses_the_catalogue_syntax_on_french_stems() {
        let a = item(
            "Les ressourceries se multiplient en Bretagne",
            "Réemploi et insertion",
            "économie circulaire",
        );
        let b = item("Un atelier vélo à Brest", "Réparer ensemble", "mobilité");
        let q = |s: &str| SearchQuery::parse(s);
        assert!(matches(&q("ressourcerie"), &a.stems));
        assert!(matches(&q("réemploi bretagne"), &a.stems));
        assert!(!matches(&q("réemploi brest"), &a.stems));
        assert!(matches(&q("brest OR bretagne"), &a.stems));
        assert!(matches(&q("brest OR bretagne"), &b.stems));
        assert!(matches(&q("\"atelier vélo\""), &b.stems));
        assert!(!matches(&q("\"vélo atelier\""), &b.stems));
        assert!(!matches(&q("atelier -brest"), &b.stems));
        assert!(matches(&q("circulaire"), &a.stems), "tags are searched");
        assert!(matches(&q(""), &a.stems));
    }

    proptest! {
        #[test]
        fn normalised_tags_are_stable_and_plain(s in "\\PC{0,40}") {
            let t = normalise_tag(&s);
            prop_assert_eq!(normalise_tag(&t), t.clone());
            prop_assert!(t.chars().all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-'));
        }

        #[test]
        fn an_item_matches_its_own_title(words in proptest::collection::vec("[a-z]{4,10}", 1..5)) {
            let title = words.join(" ");
            let v = item(&title, "", "");
            prop_assert!(matches(&SearchQuery::parse(&title), &v.stems));
        }
    }
}
