use crate::{common_passwords::is_common_password, Invalid};

/// A new password that passes the policy: at least 12 characters, at most 256, not a common
/// password, not the e-mail address. Long passphrases are welcome; no composition rules (NIST
/// SP 800-63B): they annoy people without making passwords stronger.
#[derive(Clone)]
pub struct Password(String);

impl Password {
    pub const MIN_CHARS: usize = 12;
    pub const MAX_CHARS: usize = 256;

    pub fn parse(candidate: &str, email: Option<&str>) -> Result<Password, Invalid> {
        let count = candidate.chars().count();
        if count == 0 {
            return Err(Invalid::new("password_required"));
        }
        if count < Self::MIN_CHARS {
            return Err(Invalid::new("password_too_short"));
        }
        if count > Self::MAX_CHARS {
            return Err(Invalid::new("password_too_long"));
        }
        if is_common_password(candidate) {
            return Err(Invalid::new("password_common"));
        }
        if let Some(email) = email {
            let lowered = candidate.to_lowercase();
            let local = email.split('@').next().unwrap_or_default();
            if lowered == email.to_lowercase() || (local.len() >= 6 && lowered.contains(local)) {
                return Err(Invalid::new("password_like_email"));
            }
        }
        Ok(Password(candidate.to_owned()))
    }

    pub fn expose(&self) -> &str {
        &self.0
    }
}

impl std::fmt::Debug for Password {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Password(***)")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn accepts_a_long_uncommon_passphrase() {
        assert!(Password::parse("ruche de Plouzané 2026", Some("a@b.fr")).is_ok());
    }

    #[test]
    fn refuses_short_common_and_email_like_passwords() {
        let code = |p: &str| {
            Password::parse(p, Some("claire.martin@exemple.fr"))
                .unwrap_err()
                .code
        };
        assert_eq!(code(""), "password_required");
        assert_eq!(code("court"), "password_too_short");
        assert_eq!(code("elevenchars"), "password_too_short");
        assert_eq!(code("123456789012"), "password_common");
        assert_eq!(code("azertyuiop123"), "password_common");
        assert_eq!(code("claire.martin-2026"), "password_like_email");
        assert_eq!(code(&"x".repeat(257)), "password_too_long");
    }

    #[test]
    fn debug_does_not_leak_the_secret() {
        let p = Password::parse("ruche de Plouzané 2026", None).unwrap();
        assert!(!format!("{p:?}").contains("ruche"));
    }
}
