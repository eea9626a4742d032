//! Collecte (round-table collection): people in a room name the innovations they know from
//! their phone, by a short join code. Pure rules, no IO: the join code (its alphabet, how it
//! is drawn from random bytes, how a typed code is read) and what an item must hold.
//!
//! A code has 7 symbols out of 31 (no 0/O, 1/I/L: nothing to confuse when read from a
//! screen across the room), so 31^7 ≈ 2.75·10^10 codes; with a few dozen collections open at
//! once and wrong codes throttled per address (`web::collecte`), guessing one is hopeless.

use crate::invalid::{FieldErrors, Invalid};
use crate::territory::{Territories, TerritoryLevel, TerritoryRef};

/// The symbols of a join code: digits and capitals that cannot be mistaken for one another.
pub const ALPHABET: &[u8] = b"23456789ABCDEFGHJKMNPQRSTUVWXYZ";
pub const CODE_LEN: usize = 7;

/// An initiative's title holds at most 150 characters: an item becomes one as it is.
pub const MAX_NAME: usize = 150;
pub const MAX_WHAT: usize = 2_000;
pub const MAX_CARRIER: usize = 300;
pub const MAX_CONTACT: usize = 200;

/// A join code drawn from random bytes (the caller's CSPRNG). Rejection sampling: a byte of
/// 248 or more (31 × 8) is skipped, so every symbol is equally likely.
pub fn code_from_random(mut next_byte: impl FnMut() -> u8) -> String {
    let limit = (256 / ALPHABET.len() * ALPHABET.len()) as u8;
    let mut code = String::with_capacity(CODE_LEN);
    while code.len() < CODE_LEN {
        let b = next_byte();
        if b < limit {
            code.push(ALPHABET[b as usize % ALPHABET.len()] as char);
        }
    }
    code
}

/// A code as typed (lower case, spaces or dashes, as people read it aloud) in its canonical
/// form; None when it cannot be a code at all.
pub fn normalise_code(input: &str) -> Option<String> {
    let code: String = input
        .chars()
        .filter(|c| !c.is_whitespace() && *c != '-')
        .map(|c| c.to_ascii_uppercase())
        .collect();
    (code.len() == CODE_LEN && code.bytes().all(|b| ALPHABET.contains(&b))).then_some(code)
}

/// An item as typed (form or API).
#[derive(Debug, Clone, Default)]
pub struct ItemInput {
    pub name: String,
    /// A commune reference ("commune:29019"), already resolved from what was typed.
    pub commune: String,
    /// What it does.
    pub what: String,
    /// Who carries it.
    pub carrier: String,
    /// How to reach the person who carries it; only with `consent`.
    pub contact: String,
    /// The person agrees to be contacted.
    pub consent: bool,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ValidItem {
    pub name: String,
    pub commune: TerritoryRef,
    pub what: String,
    pub carrier: String,
    pub contact: Option<String>,
}

fn text(
    errors: &mut FieldErrors,
    field: &'static str,
    value: &str,
    max: usize,
    too_long: &'static str,
    one_line: bool,
) -> String {
    let v = value.trim();
    if v.chars().count() > max {
        errors.add(field, Invalid::new(too_long));
    } else if v
        .chars()
        .any(|c| c.is_control() && (one_line || (c != '\n' && c != '\r' && c != '\t')))
    {
        errors.add(field, Invalid::new("collecte_text_invalid"));
    }
    v.to_owned()
}

/// Checks an item. A contact without the consent box ticked is refused (not silently
/// dropped): the person in the room should know it was not kept, and tick the box or remove it.
pub fn validate_item(
    input: &ItemInput,
    territories: &Territories,
) -> Result<ValidItem, FieldErrors> {
    let mut errors = FieldErrors::new();
    let name = text(
        &mut errors,
        "name",
        &input.name,
        MAX_NAME,
        "collecte_name_too_long",
        true,
    );
    if name.is_empty() {
        errors.add("name", Invalid::new("collecte_name_required"));
    }
    let what = text(
        &mut errors,
        "what",
        &input.what,
        MAX_WHAT,
        "collecte_what_too_long",
        false,
    );
    let carrier = text(
        &mut errors,
        "carrier",
        &input.carrier,
        MAX_CARRIER,
        "collecte_carrier_too_long",
        true,
    );
    let contact = text(
        &mut errors,
        "contact",
        &input.contact,
        MAX_CONTACT,
        "collecte_contact_too_long",
        true,
    );
    if !contact.is_empty() && !input.consent && errors.get("contact").is_none() {
        errors.add("contact", Invalid::new("collecte_contact_needs_consent"));
    }
    let commune = match input.commune.trim() {
        "" => {
            errors.add("commune", Invalid::new("collecte_commune_required"));
            None
        }
        c => match TerritoryRef::parse(c) {
            Ok(r) if r.level == TerritoryLevel::Commune && territories.get(&r).is_some() => Some(r),
            _ => {
                errors.add("commune", Invalid::new("collecte_commune_unknown"));
                None
            }
        },
    };
    match commune {
        Some(commune) if errors.is_empty() => Ok(ValidItem {
            name,
            commune,
            what,
            carrier,
            contact: (!contact.is_empty()).then_some(contact),
        }),
        _ => Err(errors),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn input() -> ItemInput {
        ItemInput {
            name: "Repair café".into(),
            commune: "commune:29019".into(),
            what: "On répare ensemble.".into(),
            carrier: "Les Bricoleurs".into(),
            contact: String::new(),
            consent: false,
        }
    }

    fn codes(r: Result<ValidItem, FieldErrors>, field: &str) -> Option<&'static str> {
        r.err().and_then(|e| e.get(field).map(|i| i.code))
    }

    #[test]
    fn a_complete_item_passes_and_keeps_a_consented_contact() {
        let t = Territories::bundled();
        let v = validate_item(&input(), t).unwrap();
        assert_eq!(v.commune.to_string(), "commune:29019");
        assert_eq!(v.contact, None);
        let with = ItemInput {
            contact: " anne@exemple.fr ".into(),
            consent: true,
            ..input()
        };
        assert_eq!(
            validate_item(&with, t).unwrap().contact.as_deref(),
            Some("anne@exemple.fr")
        );
    }

    #[test]
    fn bad_items_are_refused_field_by_field() {
        let t = Territories::bundled();
        let empty = ItemInput {
            name: "  ".into(),
            ..input()
        };
        assert_eq!(
            codes(validate_item(&empty, t), "name"),
            Some("collecte_name_required")
        );
        let long = ItemInput {
            name: "x".repeat(MAX_NAME + 1),
            ..input()
        };
        assert_eq!(
            codes(validate_item(&long, t), "name"),
            Some("collecte_name_too_long")
        );
        let unknown = ItemInput {
            commune: "commune:00000".into(),
            ..input()
        };
        assert_eq!(
            codes(validate_item(&unknown, t), "commune"),
            Some("collecte_commune_unknown")
        );
        let dept = ItemInput {
            commune: "departement:29".into(),
            ..input()
        };
        assert_eq!(
            codes(validate_item(&dept, t), "commune"),
            Some("collecte_commune_unknown")
        );
        let none = ItemInput {
            commune: String::new(),
            ..input()
        };
        assert_eq!(
            codes(validate_item(&none, t), "commune"),
            Some("collecte_commune_required")
        );
        let no_consent = ItemInput {
            contact: "06 12 34 56 78".into(),
            ..input()
        };
        assert_eq!(
            codes(validate_item(&no_consent, t), "contact"),
            Some("collecte_contact_needs_consent")
        );
        let what = ItemInput {
            what: "x".repeat(MAX_WHAT + 1),
            ..input()
        };
        assert_eq!(
            codes(validate_item(&what, t), "what"),
            Some("collecte_what_too_long")
        );
    }

    #[test]
    fn typed_codes_are_read_as_people_read_them() {
        assert_eq!(normalise_code("abc-d 234").as_deref(), Some("ABCD234"));
        assert_eq!(normalise_code("ABCD23"), None);
        // 0, O, 1, I and L are not in the alphabet.
        assert_eq!(normalise_code("ABCD230"), None);
        assert_eq!(normalise_code("ABCD23L"), None);
    }

    proptest! {
        #[test]
        fn codes_have_the_length_and_alphabet_whatever_the_bytes(bytes in proptest::collection::vec(any::<u8>(), 64..256)) {
            let mut it = bytes.iter().copied().cycle();
            // A cycle of bytes all above the limit would never end: keep one usable byte.
            prop_assume!(bytes.iter().any(|b| *b < 248));
            let code = code_from_random(|| it.next().unwrap());
            prop_assert_eq!(code.len(), CODE_LEN);
            prop_assert!(code.bytes().all(|b| ALPHABET.contains(&b)));
            prop_assert_eq!(normalise_code(&code.to_lowercase()), Some(code));
        }

        #[test]
        fn every_symbol_is_reachable_and_high_bytes_are_skipped(b in 0u8..=255) {
            let mut first = true;
            let code = code_from_random(|| if std::mem::take(&mut first) { b } else { 0 });
            if b >= 248 {
                prop_assert_eq!(code, "2".repeat(CODE_LEN));
            } else {
                prop_assert_eq!(code.as_bytes()[0], ALPHABET[b as usize % 31]);
            }
        }
    }
}
