use crate::Invalid;
use std::fmt;

/// An e-mail address, trimmed and lowercased so that one mailbox has one account.
#[derive(Debug, Clone, PartialEq, Eq, Hash, serde::Serialize)]
#[serde(transparent)]
pub struct Email(String);

impl Email {
    pub const MAX_LEN: usize = 254;

    /// Accepts the shape people actually type (`local@domain.tld`); the confirmation mail is the
    /// real test of an address, so this only refuses what can never be delivered.
    pub fn parse(input: &str) -> Result<Email, Invalid> {
        let value = input.trim().to_lowercase();
        let invalid = Invalid::new("email_invalid");
        if value.is_empty() {
            return Err(Invalid::new("email_required"));
        }
        if value.len() > Self::MAX_LEN {
            return Err(invalid);
        }
        let (local, domain) = value.rsplit_once('@').ok_or(invalid)?;
        if local.is_empty() || local.len() > 64 || local.contains('@') {
            return Err(invalid);
        }
        let ok_char =
            |c: char| !c.is_whitespace() && !c.is_control() && !"<>()[],;:\"\\".contains(c);
        if !local.chars().all(ok_char) {
            return Err(invalid);
        }
        let labels: Vec<&str> = domain.split('.').collect();
        if labels.len() < 2 {
            return Err(invalid);
        }
        for label in &labels {
            if label.is_empty()
                || label.len() > 63
                || label.starts_with('-')
                || label.ends_with('-')
                || !label.chars().all(|c| c.is_alphanumeric() || c == '-')
            {
                return Err(invalid);
            }
        }
        Ok(Email(value))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl fmt::Display for Email {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn accepts_and_normalises_ordinary_addresses() {
        let e = Email::parse("  Claire.Martin+essaim@Exemple.FR ").unwrap();
        assert_eq!(e.as_str(), "claire.martin+essaim@exemple.fr");
        assert!(Email::parse("léa@mairie-brest.fr").is_ok());
    }

    #[test]
    fn refuses_malformed_addresses() {
        for bad in [
            "claire",
            "claire@",
            "@exemple.fr",
            "claire@exemple",
            "claire@@exemple.fr",
            "claire martin@exemple.fr",
            "claire@-exemple.fr",
            "claire@exemple..fr",
            "<claire>@exemple.fr",
        ] {
            assert_eq!(
                Email::parse(bad),
                Err(Invalid::new("email_invalid")),
                "{bad}"
            );
        }
        assert_eq!(Email::parse("   "), Err(Invalid::new("email_required")));
    }

    proptest! {
        #[test]
        fn parse_never_panics_and_is_idempotent(s in "\\PC{0,80}") {
            if let Ok(e) = Email::parse(&s) {
                prop_assert_eq!(Email::parse(e.as_str()).unwrap(), e);
            }
        }
    }
}
