//! The Markdown renderer and its sanitiser, on any text a person may type in a description.
//!
//! The output is read back tag by tag with a small scanner (the sanitiser serialises HTML
//! strictly: every `<` and `>` outside a tag is escaped, every attribute value is quoted), and
//! must hold nothing that can run script: no script-capable element, no event handler, no
//! `style`, no URL with a scheme other than http, https or mailto.
#![no_main]

use essaim_domain::markdown::render;
use libfuzzer_sys::fuzz_target;

/// Elements that run script, load active content or take input.
const FORBIDDEN_TAGS: &[&str] = &[
    "script",
    "style",
    "iframe",
    "frame",
    "frameset",
    "object",
    "embed",
    "applet",
    "form",
    "input",
    "button",
    "textarea",
    "select",
    "option",
    "svg",
    "math",
    "link",
    "meta",
    "base",
    "noscript",
    "template",
    "xmp",
    "plaintext",
    "noembed",
    "noframes",
    "title",
    "portal",
];

/// Attributes a browser follows as a URL.
const URL_ATTRIBUTES: &[&str] = &[
    "href",
    "src",
    "action",
    "formaction",
    "data",
    "poster",
    "ping",
    "xlink:href",
    "srcset",
    "background",
    "lowsrc",
    "dynsrc",
];

/// The URL as a browser reads it: ASCII whitespace and controls trimmed at both ends, tabs
/// and line breaks removed inside; then its scheme, if it has one.
fn scheme(value: &str) -> Option<String> {
    let trimmed = value.trim_matches(|c: char| c <= ' ');
    let url: String = trimmed
        .chars()
        .filter(|c| !matches!(c, '\t' | '\n' | '\r'))
        .collect();
    let end = url.find(':')?;
    let candidate = &url[..end];
    let mut chars = candidate.chars();
    let valid = chars.next().is_some_and(|c| c.is_ascii_alphabetic())
        && chars.all(|c| c.is_ascii_alphanumeric() || "+-.".contains(c));
    valid.then(|| candidate.to_ascii_lowercase())
}

/// Attribute values as serialised: `&amp;`, `&quot;`, `&nbsp;` (and `&lt;`, `&gt;`).
fn unescape(value: &str) -> String {
    value
        .replace("&quot;", "\"")
        .replace("&nbsp;", "\u{a0}")
        .replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&amp;", "&")
}

fn check_tag(html: &str, name: &str, attributes: &[(String, String)]) {
    assert!(
        !name.is_empty()
            && name
                .chars()
                .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit()),
        "tag name {name:?} in {html}"
    );
    assert!(!FORBIDDEN_TAGS.contains(&name), "<{name}> in {html}");
    for (attr, value) in attributes {
        assert!(!attr.starts_with("on"), "event handler {attr} in {html}");
        assert!(attr != "style" && attr != "srcdoc", "{attr} in {html}");
        if URL_ATTRIBUTES.contains(&attr.as_str()) {
            if let Some(s) = scheme(&unescape(value)) {
                assert!(
                    matches!(s.as_str(), "http" | "https" | "mailto"),
                    "{attr} with scheme {s:?} in {html}"
                );
            }
        }
    }
    if name == "a" && attributes.iter().any(|(a, _)| a == "href") {
        assert!(
            attributes
                .iter()
                .any(|(a, v)| a == "rel" && v == "noopener noreferrer nofollow"),
            "link without rel in {html}"
        );
    }
}

/// Walks the output: text, start tags with their attributes, end tags.
fn check_html(html: &str) {
    let bytes = html.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        match bytes[i] {
            b'>' => panic!("bare '>' in text at {i}: {html}"),
            b'<' => {}
            _ => {
                i += 1;
                continue;
            }
        }
        i += 1;
        let closing = bytes.get(i) == Some(&b'/');
        if closing {
            i += 1;
        }
        let start = i;
        while i < bytes.len() && !matches!(bytes[i], b' ' | b'>' | b'/') {
            i += 1;
        }
        let name = &html[start..i];
        let mut attributes = vec![];
        loop {
            while bytes.get(i) == Some(&b' ') {
                i += 1;
            }
            match bytes.get(i) {
                Some(b'>') => {
                    i += 1;
                    break;
                }
                Some(b'/') if bytes.get(i + 1) == Some(&b'>') && !closing => {
                    i += 2;
                    break;
                }
                None => panic!("unterminated tag in {html}"),
                _ => {}
            }
            assert!(!closing, "attribute on an end tag in {html}");
            let start = i;
            while i < bytes.len() && !matches!(bytes[i], b'=' | b' ' | b'>') {
                i += 1;
            }
            let attr = html[start..i].to_owned();
            let mut value = String::new();
            if bytes.get(i) == Some(&b'=') {
                assert_eq!(bytes.get(i + 1), Some(&b'"'), "unquoted value in {html}");
                let start = i + 2;
                let len = html[start..]
                    .find('"')
                    .unwrap_or_else(|| panic!("unterminated value in {html}"));
                value = html[start..start + len].to_owned();
                i = start + len + 1;
            }
            attributes.push((attr, value));
        }
        check_tag(html, name, &attributes);
    }
}

fuzz_target!(|data: &[u8]| {
    let Ok(markdown) = std::str::from_utf8(data) else {
        return;
    };
    let html = render(markdown);
    check_html(&html);
    // What the sanitiser refuses never reaches the page, whatever its case.
    let lower = html.to_ascii_lowercase();
    assert!(!lower.contains("<script"), "{html}");
    assert!(!lower.contains("<!--"), "comments are stripped: {html}");
});
