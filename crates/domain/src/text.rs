//! Short texts typed by people: names, titles, URLs.

use crate::Invalid;

/// Codes to report for each way a line of text can be refused.
#[derive(Debug, Clone, Copy)]
pub struct LineCodes {
    pub required: &'static str,
    pub too_short: &'static str,
    pub too_long: &'static str,
}

/// Trims, folds inner runs of white space to one space, refuses control characters, and checks
/// the length in characters (not bytes: "Élodie" is six).
pub fn clean_line(
    input: &str,
    min: usize,
    max: usize,
    codes: LineCodes,
) -> Result<String, Invalid> {
    let value = input.split_whitespace().collect::<Vec<_>>().join(" ");
    let count = value.chars().count();
    if count == 0 {
        return Err(Invalid::new(codes.required));
    }
    if count < min {
        return Err(Invalid::new(codes.too_short));
    }
    if count > max {
        return Err(Invalid::new(codes.too_long));
    }
    if value.chars().any(char::is_control) {
        return Err(Invalid::new("field_control_characters"));
    }
    Ok(value)
}

const NAME_CODES: LineCodes = LineCodes {
    required: "name_required",
    too_short: "name_required",
    too_long: "name_too_long",
};

/// A person's display name, as shown beside what they write.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
#[serde(transparent)]
pub struct DisplayName(String);

impl DisplayName {
    pub const MAX_CHARS: usize = 80;

    pub fn parse(input: &str) -> Result<DisplayName, Invalid> {
        clean_line(input, 1, Self::MAX_CHARS, NAME_CODES).map(DisplayName)
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

/// A public web address: http or https only, so that a link can never run script.
pub fn parse_web_url(input: &str) -> Result<Option<String>, Invalid> {
    let value = input.trim();
    if value.is_empty() {
        return Ok(None);
    }
    let with_scheme = if value.contains("://") {
        value.to_owned()
    } else {
        format!("https://{value}")
    };
    let url = url::Url::parse(&with_scheme).map_err(|_| Invalid::new("url_invalid"))?;
    if !matches!(url.scheme(), "http" | "https") || url.host_str().is_none_or(|h| !h.contains('.'))
    {
        return Err(Invalid::new("url_invalid"));
    }
    if url.as_str().len() > 500 {
        return Err(Invalid::new("url_invalid"));
    }
    Ok(Some(url.to_string()))
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn display_name_is_trimmed_and_folded() {
        assert_eq!(
            DisplayName::parse("  Élodie   Le Gall ").unwrap().as_str(),
            "Élodie Le Gall"
        );
        assert_eq!(DisplayName::parse("   ").unwrap_err().code, "name_required");
        assert_eq!(
            DisplayName::parse(&"é".repeat(81)).unwrap_err().code,
            "name_too_long"
        );
        assert!(DisplayName::parse(&"é".repeat(80)).is_ok());
    }

    #[test]
    fn web_urls_are_http_only() {
        assert_eq!(
            parse_web_url("exemple.fr/asso").unwrap().as_deref(),
            Some("https://exemple.fr/asso")
        );
        assert_eq!(parse_web_url("").unwrap(), None);
        assert_eq!(
            parse_web_url("javascript:alert(1)").unwrap_err().code,
            "url_invalid"
        );
        assert_eq!(
            parse_web_url("ftp://exemple.fr").unwrap_err().code,
            "url_invalid"
        );
        assert_eq!(
            parse_web_url("https://localhost").unwrap_err().code,
            "url_invalid"
        );
    }

    proptest! {
        #[test]
        fn clean_line_output_has_no_outer_or_double_spaces(s in "\\PC{0,100}") {
            if let Ok(v) = clean_line(&s, 1, 100, NAME_CODES) {
                prop_assert_eq!(v.trim(), v.as_str());
                prop_assert!(!v.contains("  "));
            }
        }
    }
}
