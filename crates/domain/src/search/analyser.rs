//! The text analyser: split on anything that is not a letter or digit, lowercase, drop French
//! stop words, stem with Snowball's French stemmer, fold accents. "Jardins partagés" and
//! "jardin partagé" both become `jardin partag`.

use super::stopwords::is_stop_word;
use rust_stemmers::{Algorithm, Stemmer};
use std::sync::OnceLock;
use unicode_normalization::UnicodeNormalization;

/// Lowercase without accents or ligatures: "Écoles œuvrant" → "ecoles oeuvrant".
pub fn fold(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.nfd() {
        match c {
            'œ' | 'Œ' => out.push_str("oe"),
            'æ' | 'Æ' => out.push_str("ae"),
            c if unicode_normalization::char::is_combining_mark(c) => {}
            c => out.extend(c.to_lowercase()),
        }
    }
    out
}

fn stemmer() -> &'static Stemmer {
    static STEMMER: OnceLock<Stemmer> = OnceLock::new();
    STEMMER.get_or_init(|| Stemmer::create(Algorithm::French))
}

/// Longest word kept; longer runs of letters are not words people search for.
const MAX_WORD_CHARS: usize = 40;

/// The stem of one word, or None for a stop word or a word with nothing indexable left.
fn stem_of(word: &str) -> Option<String> {
    let lower = word.to_lowercase();
    if is_stop_word(&fold(&lower)) {
        return None;
    }
    // Stem the accented word (Snowball's French rules read accents), then fold.
    let stem = fold(&stemmer().stem(&lower));
    // Keep only ASCII letters and digits: what both engines tokenise the same way.
    let clean: String = stem.chars().filter(|c| c.is_ascii_alphanumeric()).collect();
    (!clean.is_empty()).then_some(clean)
}

/// Words seen per thread and their stems. A corpus repeats a few tens of thousands of words,
/// so indexing 100k initiatives stems each word once instead of millions of times.
const STEM_CACHE_WORDS: usize = 100_000;

thread_local! {
    static STEMS: std::cell::RefCell<std::collections::HashMap<String, Option<String>>> =
        Default::default();
}

/// The stems of `text`, in order, stop words removed.
pub fn analyse(text: &str) -> Vec<String> {
    STEMS.with_borrow_mut(|cache| {
        if cache.len() > STEM_CACHE_WORDS {
            cache.clear();
        }
        text.split(|c: char| !c.is_alphanumeric())
            .filter(|w| !w.is_empty() && w.chars().count() <= MAX_WORD_CHARS)
            .filter_map(|word| match cache.get(word) {
                Some(stem) => stem.clone(),
                None => {
                    let stem = stem_of(word);
                    cache.insert(word.to_owned(), stem.clone());
                    stem
                }
            })
            .collect()
    })
}

/// The text both databases index: the stems joined by spaces.
pub fn index_text(text: &str) -> String {
    analyse(text).join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn plural_and_accents_meet_on_one_stem() {
        assert_eq!(analyse("Jardins partagés"), analyse("jardin partagé"));
        assert_eq!(analyse("jardins partages"), analyse("Jardin Partagé"));
        assert_eq!(analyse("écoles"), analyse("ECOLE"));
    }

    #[test]
    fn stop_words_and_elisions_go() {
        assert_eq!(
            analyse("l'école de la République"),
            analyse("école république")
        );
        assert!(analyse("le la les de des du").is_empty());
    }

    #[test]
    fn ligatures_and_symbols_fold() {
        assert_eq!(fold("Œuvre Æther"), "oeuvre aether");
        assert_eq!(index_text("NEAR* a:b ^c"), index_text("near a b c"));
    }

    proptest! {
        #[test]
        fn the_stem_cache_changes_nothing(s in "[a-zA-Zéèàçœ' -]{0,120}") {
            let direct: Vec<String> = s
                .split(|c: char| !c.is_alphanumeric())
                .filter(|w| !w.is_empty() && w.chars().count() <= MAX_WORD_CHARS)
                .filter_map(stem_of)
                .collect();
            prop_assert_eq!(&analyse(&s), &direct, "first pass");
            prop_assert_eq!(&analyse(&s), &direct, "from the cache");
        }

        #[test]
        fn output_is_plain_ascii_words(s in "\\PC{0,200}") {
            for stem in analyse(&s) {
                prop_assert!(!stem.is_empty());
                prop_assert!(stem.chars().all(|c| c.is_ascii_lowercase() || c.is_ascii_digit()), "{stem}");
            }
        }

        #[test]
        fn analysing_the_index_text_again_changes_nothing_for_stems(s in "[a-zA-Zéèàç ]{0,80}") {
            let once = index_text(&s);
            // Stemming is not idempotent in general, but re-analysing must never panic or grow.
            prop_assert!(analyse(&once).len() <= once.split(' ').filter(|w| !w.is_empty()).count());
        }
    }
}
