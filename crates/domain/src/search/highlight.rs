//! Marks the words of a text whose stem a search asked for.

use super::analyser::analyse;

/// The text cut into pieces, each flagged when it is a word to highlight. Joining the pieces
/// gives the text back unchanged; the caller escapes each piece.
pub fn highlight(text: &str, stems: &[String]) -> Vec<(String, bool)> {
    if stems.is_empty() {
        return vec![(text.to_owned(), false)];
    }
    let mut pieces: Vec<(String, bool)> = vec![];
    let mut push = |s: &str, hit: bool| match pieces.last_mut() {
        Some((last, last_hit)) if *last_hit == hit && !hit => last.push_str(s),
        _ => pieces.push((s.to_owned(), hit)),
    };
    let mut word_start = None;
    for (i, c) in text
        .char_indices()
        .chain(std::iter::once((text.len(), ' ')))
    {
        let is_word = c.is_alphanumeric() && i < text.len();
        match (word_start, is_word) {
            (None, true) => word_start = Some(i),
            (Some(start), false) => {
                let word = &text[start..i];
                let hit = analyse(word).first().is_some_and(|s| stems.contains(s));
                push(word, hit);
                word_start = None;
                if i < text.len() {
                    push(&text[i..i + c.len_utf8()], false);
                }
            }
            (None, false) if i < text.len() => push(&text[i..i + c.len_utf8()], false),
            _ => {}
        }
    }
    pieces
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn marks_words_with_the_searched_stems() {
        let stems = analyse("jardin partagé");
        let pieces = highlight("Des jardins partagés, à Brest.", &stems);
        let marked: Vec<_> = pieces
            .iter()
            .filter(|(_, hit)| *hit)
            .map(|(w, _)| w.as_str())
            .collect();
        assert_eq!(marked, ["jardins", "partagés"]);
    }

    proptest! {
        #[test]
        fn pieces_join_back_to_the_text(text in "\\PC{0,120}", q in "[a-zé ]{0,20}") {
            let joined: String = highlight(&text, &analyse(&q)).into_iter().map(|(s, _)| s).collect();
            prop_assert_eq!(joined, text);
        }
    }
}
