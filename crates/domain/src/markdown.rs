//! Markdown typed by people, rendered to HTML that cannot run script or break the page.

/// Renders CommonMark to sanitised HTML: ammonia keeps formatting and links (with
/// rel="noopener noreferrer nofollow") and drops scripts, styles, event handlers and raw HTML
/// that is not on its allow-list.
pub fn render(markdown: &str) -> String {
    let mut options = pulldown_cmark::Options::empty();
    options.insert(pulldown_cmark::Options::ENABLE_STRIKETHROUGH);
    options.insert(pulldown_cmark::Options::ENABLE_TABLES);
    let parser = pulldown_cmark::Parser::new_ext(markdown, options);
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
