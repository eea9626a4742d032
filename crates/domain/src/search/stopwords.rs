//! French stop words (the Snowball project's list, folded: lowercase, no accents), plus the
//! elided forms left by apostrophes ("l'école" → "l", "ecole"). Sorted for binary search.

pub const STOP_WORDS: &[&str] = &[
    "a", "ai", "aie", "aient", "aies", "ait", "as", "au", "aura", "aurai", "auraient", "aurais",
    "aurait", "auras", "aurez", "auriez", "aurions", "aurons", "auront", "aux", "avaient", "avais",
    "avait", "avec", "avez", "aviez", "avions", "avons", "ayant", "ayez", "ayons", "c", "ce",
    "ceci", "cela", "ces", "cet", "cette", "d", "dans", "de", "des", "du", "elle", "en", "es",
    "est", "et", "etaient", "etais", "etait", "etant", "ete", "etee", "etees", "etes", "etiez",
    "etions", "eu", "eue", "eues", "eumes", "eurent", "eus", "eusse", "eussent", "eusses",
    "eussiez", "eussions", "eut", "eutes", "eux", "fumes", "furent", "fus", "fusse", "fussent",
    "fusses", "fussiez", "fussions", "fut", "futes", "il", "ils", "j", "je", "l", "la", "le",
    "les", "leur", "leurs", "lui", "m", "ma", "mais", "me", "meme", "memes", "mes", "moi", "mon",
    "n", "ne", "nos", "notre", "nous", "on", "ont", "ou", "par", "pas", "pour", "qu", "que", "qui",
    "s", "sa", "se", "sera", "serai", "seraient", "serais", "serait", "seras", "serez", "seriez",
    "serions", "serons", "seront", "ses", "soi", "soient", "sois", "soit", "sommes", "son", "sont",
    "soyez", "soyons", "suis", "sur", "t", "ta", "te", "tes", "toi", "ton", "tu", "un", "une",
    "vos", "votre", "vous", "y",
];

pub fn is_stop_word(folded: &str) -> bool {
    STOP_WORDS.binary_search(&folded).is_ok()
}

#[cfg(test)]
mod tests {
    #[test]
    fn list_is_sorted_and_unique() {
        let mut sorted = super::STOP_WORDS.to_vec();
        sorted.sort_unstable();
        sorted.dedup();
        assert_eq!(sorted, super::STOP_WORDS);
    }
}
