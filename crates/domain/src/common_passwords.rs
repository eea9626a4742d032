//! Common passwords to refuse: the zxcvbn-ts common list (MIT) plus a few French ones, generated
//! by `scripts/passwords/build.py` into `data/common-passwords.txt`, lowercased and sorted.

const LIST: &str = include_str!("../data/common-passwords.txt");

/// Whether `candidate`, lowercased, is on the list. The list only holds entries of 8 characters
/// or more, so shorter candidates are never found: the length rule refuses them anyway.
pub fn is_common_password(candidate: &str) -> bool {
    let candidate = candidate.to_lowercase();
    // The file is sorted by code point, which is `str`'s order, so a binary search over its
    // lines works without building anything at run time beyond this slice of lines.
    lines().binary_search(&candidate.as_str()).is_ok()
}

fn lines() -> &'static [&'static str] {
    static LINES: std::sync::OnceLock<Vec<&'static str>> = std::sync::OnceLock::new();
    LINES.get_or_init(|| LIST.lines().collect())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn list_is_sorted_unique_and_lowercase() {
        let lines = lines();
        assert!(lines.len() > 10_000);
        assert!(lines.windows(2).all(|w| w[0] < w[1]));
        assert!(lines
            .iter()
            .all(|l| l.chars().count() >= 8 && *l == l.to_lowercase()));
    }

    #[test]
    fn finds_common_passwords_whatever_their_case() {
        for p in [
            "password",
            "PASSWORD",
            "Password1",
            "azertyuiop",
            "MotDePasse123",
            "allezlom1234",
        ] {
            assert!(is_common_password(p), "{p}");
        }
    }

    #[test]
    fn lets_other_passwords_through() {
        for p in [
            "",
            "ruche de Plouzané 2026",
            "1234567",
            "password ",
            "zzzzzzzzzzzzzzzzzzzzzzz",
        ] {
            assert!(!is_common_password(p), "{p}");
        }
    }
}
