//! Markdown typed by people, rendered to HTML that cannot run script or break the page.

/// Renders CommonMark to sanitised HTML: ammonia keeps formatting and links (with
/// rel="noopener noreferrer nofollow") and drops scripts, styles, event handlers and raw HTML
/// that is not on its allow-list.
///
/// Text people type always sits inside a page section whose title is an `<h2>`, so its
/// headings start at `<h3>`: `# Titre` must not become a second `<h1>` in the page outline
/// (RGAA 9.1). Deeper levels are capped at `<h6>`.
pub fn render(markdown: &str) -> String {
    use pulldown_cmark::{Event, HeadingLevel, Tag, TagEnd};
    let mut options = pulldown_cmark::Options::empty();
    options.insert(pulldown_cmark::Options::ENABLE_STRIKETHROUGH);
    options.insert(pulldown_cmark::Options::ENABLE_TABLES);
    let nested = |level: HeadingLevel| match level {
        HeadingLevel::H1 => HeadingLevel::H3,
        HeadingLevel::H2 => HeadingLevel::H4,
        HeadingLevel::H3 => HeadingLevel::H5,
        _ => HeadingLevel::H6,
    };
    let parser = pulldown_cmark::Parser::new_ext(markdown, options).map(|event| match event {
        Event::Start(Tag::Heading {
            level,
            id,
            classes,
            attrs,
        }) => Event::Start(Tag::Heading {
            level: nested(level),
            id,
            classes,
            attrs,
        }),
        Event::End(TagEnd::Heading(level)) => Event::End(TagEnd::Heading(nested(level))),
        other => other,
    });
    let mut html = String::with_capacity(markdown.len() * 3 / 2);
    pulldown_cmark::html::push_html(&mut html, parser);
    ammonia::Builder::default()
        .link_rel(Some("noopener noreferrer nofollow"))
        .url_schemes(["http", "https", "mailto"].into())
        .clean(&html)
        .to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keeps_formatting_and_drops_script() {
        let html = render("**Ruche** <script>alert(1)</script> [site](javascript:alert(1))");
        assert!(html.contains("<strong>Ruche</strong>"));
        assert!(!html.contains("<script"));
        assert!(!html.contains("javascript:"));
    }

    #[test]
    fn headings_nest_under_the_page_section() {
        let html = render("# Un\n\n## Deux\n\n### Trois\n\n#### Quatre\n\n###### Six");
        assert!(!html.contains("<h1") && !html.contains("<h2"), "{html}");
        for (level, text) in [
            (3, "Un"),
            (4, "Deux"),
            (5, "Trois"),
            (6, "Quatre"),
            (6, "Six"),
        ] {
            assert!(
                html.contains(&format!("<h{level}>{text}</h{level}>")),
                "{text} at h{level}: {html}"
            );
        }
    }

    #[test]
    fn links_get_safe_rel() {
        let html = render("[Essaim](https://exemple.fr)");
        assert!(html.contains("rel=\"noopener noreferrer nofollow\""));
    }
}

#[cfg(test)]
mod inert_tests {
    #[test]
    fn scripts_iframes_and_script_links_are_dropped() {
        let html = super::render("<script>alert(1)</script><iframe src=\"https://evil.example\"></iframe>[clic](javascript:alert(1)) <img src=x onerror=alert(1)>");
        assert!(
            !html.contains("<script") && !html.contains("<iframe") && !html.contains("onerror"),
            "{html}"
        );
        // Here the line is an HTML block, so the link stays text: inert.
        assert!(!html.contains("href=\"javascript"), "{html}");
        let link = super::render("[clic](javascript:alert(1)) [ok](https://exemple.fr)");
        assert!(!link.contains("javascript"), "{link}");
        assert!(link.contains("href=\"https://exemple.fr\""), "{link}");
    }
}
