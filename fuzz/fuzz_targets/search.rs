//! The search query parser, the analyser and the highlighter, on any text a person may type.
//!
//! The input is `query` or `query\ntext`; without a line break the query is also the text, so
//! that its own words are found and the highlighting path runs.
#![no_main]

use essaim_domain::search::highlight::highlight;
use essaim_domain::search::query::{MAX_CLAUSES, MAX_QUERY_CHARS};
use essaim_domain::search::{analyse, fold, index_text, Clause, SearchQuery};
use libfuzzer_sys::fuzz_target;

/// What both backends tokenise the same way; anything else could be read as FTS syntax.
fn is_stem(s: &str) -> bool {
    !s.is_empty()
        && s.chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit())
}

fn check_clause(clause: &Clause, nested: bool) {
    match clause {
        Clause::Term(t) => assert!(is_stem(t), "term {t:?}"),
        Clause::Phrase(ts) => {
            assert!(ts.len() >= 2, "a phrase of one stem is a term: {ts:?}");
            assert!(ts.iter().all(|t| is_stem(t)), "phrase {ts:?}");
        }
        Clause::AnyOf(cs) => {
            assert!(!nested, "OR options are flattened: {clause:?}");
            assert!(cs.len() >= 2, "an OR has two sides: {cs:?}");
            cs.iter().for_each(|c| check_clause(c, true));
        }
    }
}

fuzz_target!(|data: &[u8]| {
    let Ok(input) = std::str::from_utf8(data) else {
        return;
    };
    let (query_text, text) = input.split_once('\n').unwrap_or((input, input));

    let query = SearchQuery::parse(query_text);
    assert!(query.required.len() <= MAX_CLAUSES);
    assert!(query.excluded.len() <= MAX_CLAUSES);
    query.required.iter().for_each(|c| check_clause(c, false));
    query.excluded.iter().for_each(|c| check_clause(c, false));
    // The stem cache must not change an answer.
    assert_eq!(query, SearchQuery::parse(query_text));
    // Text past the limit is ignored, so a query and its long tail parse alike.
    if query_text.chars().count() < MAX_QUERY_CHARS {
        let padded = format!("{query_text}{}", " ".repeat(MAX_QUERY_CHARS));
        assert_eq!(
            query,
            SearchQuery::parse(&padded),
            "trailing spaces changed it"
        );
    }

    match (query.to_fts5(), query.to_tsquery()) {
        (Some(fts), Some(ts)) => {
            assert!(!query.is_empty());
            assert!(
                fts.chars()
                    .all(|c| c.is_ascii_alphanumeric() || " \"()".contains(c)),
                "fts5 {fts:?}"
            );
            assert!(
                ts.chars()
                    .all(|c| c.is_ascii_alphanumeric() || " ()&|!<->".contains(c)),
                "tsquery {ts:?}"
            );
        }
        (None, None) => assert!(query.is_empty()),
        other => panic!("backends disagree on emptiness: {other:?}"),
    }

    let stems = analyse(text);
    assert!(stems.iter().all(|s| is_stem(s)), "{stems:?}");
    assert_eq!(index_text(text), stems.join(" "));
    let _ = fold(text);

    // Joining the pieces gives the text back, and a hit is one whole word whose stem was
    // asked for: the template escapes each piece and marks the hits.
    for searched in [query.highlight_stems(), stems] {
        let pieces = highlight(text, &searched);
        let joined: String = pieces.iter().map(|(s, _)| s.as_str()).collect();
        assert_eq!(joined, text);
        for (piece, hit) in &pieces {
            if *hit {
                assert!(piece.chars().all(char::is_alphanumeric), "hit {piece:?}");
                let stem = analyse(piece).into_iter().next();
                assert!(stem.is_some_and(|s| searched.contains(&s)), "hit {piece:?}");
            }
        }
        for pair in pieces.windows(2) {
            assert!(pair[0].1 || pair[1].1, "plain pieces are merged: {pair:?}");
        }
    }
});
