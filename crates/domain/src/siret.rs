//! French registry numbers of organisations.

use crate::Invalid;

/// A SIRET: 14 digits (SIREN + establishment number) whose Luhn sum is a multiple of 10.
/// La Poste's establishments (SIREN 356 000 000) follow another rule: the sum of the digits is a
/// multiple of 5, because there are too many of them for the Luhn key.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
#[serde(transparent)]
pub struct Siret(String);

impl Siret {
    pub fn parse(input: &str) -> Result<Siret, Invalid> {
        let digits: String = input.chars().filter(|c| !c.is_whitespace()).collect();
        if digits.len() != 14 || !digits.bytes().all(|b| b.is_ascii_digit()) {
            return Err(Invalid::new("siret_invalid"));
        }
        let valid = if digits.starts_with("356000000") {
            digits
                .bytes()
                .map(|b| u32::from(b - b'0'))
                .sum::<u32>()
                .is_multiple_of(5)
        } else {
            luhn_valid(&digits)
        };
        if !valid {
            return Err(Invalid::new("siret_checksum"));
        }
        Ok(Siret(digits))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

fn luhn_valid(digits: &str) -> bool {
    let sum: u32 = digits
        .bytes()
        .rev()
        .enumerate()
        .map(|(i, b)| {
            let d = u32::from(b - b'0');
            if i % 2 == 1 {
                let dd = d * 2;
                if dd > 9 {
                    dd - 9
                } else {
                    dd
                }
            } else {
                d
            }
        })
        .sum();
    sum.is_multiple_of(10)
}

/// A number of the Répertoire national des associations: "W" and nine digits.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
#[serde(transparent)]
pub struct Rna(String);

impl Rna {
    pub fn parse(input: &str) -> Result<Rna, Invalid> {
        let value: String = input.trim().to_uppercase();
        let rest = value.strip_prefix('W').ok_or(Invalid::new("rna_invalid"))?;
        if rest.len() != 9 || !rest.bytes().all(|b| b.is_ascii_digit()) {
            return Err(Invalid::new("rna_invalid"));
        }
        Ok(Rna(value))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn accepts_real_sirets() {
        // A well-formed SIRET, and a La Poste one (sum-of-digits rule, fails Luhn).
        assert!(Siret::parse("21290019700014").is_ok());
        assert!(Siret::parse("356 000 000 00001").is_ok());
        assert!(!luhn_valid("35600000000001"));
    }

    #[test]
    fn refuses_a_bad_check_digit_or_shape() {
        assert_eq!(
            Siret::parse("21290019700017").unwrap_err().code,
            "siret_checksum"
        );
        assert_eq!(
            Siret::parse("2129001970001").unwrap_err().code,
            "siret_invalid"
        );
        assert_eq!(
            Siret::parse("2129001970001A").unwrap_err().code,
            "siret_invalid"
        );
    }

    #[test]
    fn rna_is_w_and_nine_digits() {
        assert_eq!(Rna::parse(" w751234567 ").unwrap().as_str(), "W751234567");
        assert!(Rna::parse("W75123456").is_err());
        assert!(Rna::parse("751234567").is_err());
    }

    proptest! {
        /// Changing any one digit of a valid SIRET breaks the Luhn key.
        #[test]
        fn one_digit_change_is_caught(pos in 0usize..14, delta in 1u8..10) {
            let base = b"21290019700014".to_vec();
            let mut changed = base.clone();
            changed[pos] = b'0' + (base[pos] - b'0' + delta) % 10;
            let s = String::from_utf8(changed).unwrap();
            prop_assert!(Siret::parse(&s).is_err());
        }
    }
}
