//! Reading a territory typed in a form field that works without JavaScript: a reference
//! (`commune:29019`), a bare code, or a name that designates one territory.

use crate::territory::{normalise_name, Territories, Territory};

/// The territory the text designates, or the candidates to offer when it designates none or
/// several ("Saint-Denis" is a commune of Seine-Saint-Denis and one of La Réunion).
pub fn pick<'a>(
    territories: &'a Territories,
    input: &str,
) -> Result<&'a Territory, Vec<&'a Territory>> {
    let input = input.trim();
    if let Ok(t) = territories.resolve(input) {
        return Ok(t);
    }
    let hits = territories.search(input, 8);
    let wanted = normalise_name(input);
    let exact: Vec<&Territory> = hits
        .iter()
        .copied()
        .filter(|t| normalise_name(&t.name) == wanted)
        .collect();
    match exact.as_slice() {
        [one] => Ok(one),
        _ => Err(hits),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_unique_name_or_a_code_designates_one_territory() {
        let t = Territories::bundled();
        assert_eq!(pick(t, "Brest").unwrap().code, "29019");
        assert_eq!(pick(t, "commune:29019").unwrap().code, "29019");
        assert_eq!(pick(t, "29019").unwrap().code, "29019");
    }

    #[test]
    fn an_ambiguous_or_unknown_name_gives_candidates() {
        let t = Territories::bundled();
        let candidates = pick(t, "Saint-Denis").unwrap_err();
        assert!(candidates.len() >= 2, "{candidates:?}");
        assert!(pick(t, "zzzz qqqq").unwrap_err().is_empty());
    }
}
