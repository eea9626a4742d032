//! Translations: one Fluent file per language, French first. A message id is also the `code`
//! of errors, so the same key serves pages and the API.

use axum::extract::FromRequestParts;
use axum::http::request::Parts;
use fluent_bundle::concurrent::FluentBundle;
use fluent_bundle::{FluentArgs, FluentResource, FluentValue};
use std::convert::Infallible;

#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Locale {
    Fr,
    En,
}

impl Locale {
    pub const ALL: [Locale; 2] = [Locale::Fr, Locale::En];

    pub fn as_str(self) -> &'static str {
        match self {
            Locale::Fr => "fr",
            Locale::En => "en",
        }
    }

    pub fn parse(s: &str) -> Option<Locale> {
        match s.trim().to_ascii_lowercase().get(..2) {
            Some("fr") => Some(Locale::Fr),
            Some("en") => Some(Locale::En),
            _ => None,
        }
    }

    /// The first supported language of an Accept-Language header, by quality.
    pub fn from_accept_language(header: &str) -> Option<Locale> {
        let mut choices: Vec<(f32, Locale)> = header
            .split(',')
            .filter_map(|part| {
                let mut pieces = part.split(';');
                let tag = pieces.next()?.trim();
                let q = pieces
                    .find_map(|p| p.trim().strip_prefix("q="))
                    .and_then(|q| q.parse::<f32>().ok())
                    .unwrap_or(1.0);
                Some((q, Locale::parse(tag)?))
            })
            .filter(|(q, _)| *q > 0.0)
            .collect();
        choices.sort_by(|a, b| b.0.total_cmp(&a.0));
        choices.first().map(|(_, l)| *l)
    }
}

/// Each language's messages: `main.ftl` and one file per context, read as one resource.
const FR_FTL: &str = concat!(
    include_str!("../locales/fr/main.ftl"),
    "\n",
    include_str!("../locales/fr/network.ftl"),
    "\n",
    include_str!("../locales/fr/exchange.ftl"),
    "\n",
    include_str!("../locales/fr/groups.ftl"),
    "\n",
    include_str!("../locales/fr/blockers.ftl"),
    "\n",
    include_str!("../locales/fr/news.ftl"),
    "\n",
    include_str!("../locales/fr/funding.ftl"),
    "\n",
    include_str!("../locales/fr/review.ftl"),
    "\n",
    include_str!("../locales/fr/impact.ftl"),
    "\n",
    include_str!("../locales/fr/assessment.ftl"),
    "\n",
    include_str!("../locales/fr/outcomes.ftl"),
    "\n",
    include_str!("../locales/fr/barometer.ftl"),
    "\n",
    include_str!("../locales/fr/events.ftl"),
    "\n",
    include_str!("../locales/fr/defis.ftl"),
    "\n",
    include_str!("../locales/fr/hackathons.ftl"),
    "\n",
    include_str!("../locales/fr/jury.ftl"),
    "\n",
    include_str!("../locales/fr/incubation.ftl"),
    "\n",
    include_str!("../locales/fr/cafe.ftl"),
    "\n",
    include_str!("../locales/fr/collecte.ftl"),
    "\n",
);
const EN_FTL: &str = concat!(
    include_str!("../locales/en/main.ftl"),
    "\n",
    include_str!("../locales/en/network.ftl"),
    "\n",
    include_str!("../locales/en/exchange.ftl"),
    "\n",
    include_str!("../locales/en/groups.ftl"),
    "\n",
    include_str!("../locales/en/blockers.ftl"),
    "\n",
    include_str!("../locales/en/news.ftl"),
    "\n",
    include_str!("../locales/en/funding.ftl"),
    "\n",
    include_str!("../locales/en/review.ftl"),
    "\n",
    include_str!("../locales/en/impact.ftl"),
    "\n",
    include_str!("../locales/en/assessment.ftl"),
    "\n",
    include_str!("../locales/en/outcomes.ftl"),
    "\n",
    include_str!("../locales/en/barometer.ftl"),
    "\n",
    include_str!("../locales/en/events.ftl"),
    "\n",
    include_str!("../locales/en/defis.ftl"),
    "\n",
    include_str!("../locales/en/hackathons.ftl"),
    "\n",
    include_str!("../locales/en/jury.ftl"),
    "\n",
    include_str!("../locales/en/incubation.ftl"),
    "\n",
    include_str!("../locales/en/cafe.ftl"),
    "\n",
    include_str!("../locales/en/collecte.ftl"),
    "\n",
);

pub const LANG_COOKIE: &str = "essaim_lang";

/// The language of this request: the footer switch (a cookie) wins, then Accept-Language,
/// then French.
impl<S: Send + Sync> FromRequestParts<S> for Locale {
    type Rejection = Infallible;

    async fn from_request_parts(parts: &mut Parts, _: &S) -> Result<Self, Self::Rejection> {
        Ok(locale_of(&parts.headers))
    }
}

pub fn locale_of(headers: &axum::http::HeaderMap) -> Locale {
    crate::auth::cookie(headers, LANG_COOKIE)
        .and_then(|v| Locale::parse(&v))
        .or_else(|| {
            headers
                .get(axum::http::header::ACCEPT_LANGUAGE)
                .and_then(|v| v.to_str().ok())
                .and_then(Locale::from_accept_language)
        })
        .unwrap_or(Locale::Fr)
}

pub struct I18n {
    fr: FluentBundle<FluentResource>,
    en: FluentBundle<FluentResource>,
}

fn bundle(lang: &str, source: &str) -> FluentBundle<FluentResource> {
    let resource = FluentResource::try_new(source.to_owned())
        .unwrap_or_else(|(_, errors)| panic!("invalid Fluent file for {lang}: {errors:?}"));
    let mut bundle = FluentBundle::new_concurrent(vec![lang.parse().expect("language tag")]);
    // Unicode isolation marks would show up in HTML attributes and e-mails.
    bundle.set_use_isolating(false);
    bundle
        .add_resource(resource)
        .expect("no duplicate Fluent ids");
    bundle
}

impl I18n {
    pub fn load() -> I18n {
        I18n {
            fr: bundle("fr", FR_FTL),
            en: bundle("en", EN_FTL),
        }
    }

    fn bundle(&self, locale: Locale) -> &FluentBundle<FluentResource> {
        match locale {
            Locale::Fr => &self.fr,
            Locale::En => &self.en,
        }
    }

    /// The message `id` in `locale`, with arguments. A missing id shows as the id itself (tests
    /// check that every id used exists in both languages).
    pub fn message(&self, locale: Locale, id: &str, args: &[(&str, String)]) -> String {
        let mut fluent_args = FluentArgs::new();
        for (k, v) in args {
            fluent_args.set(*k, FluentValue::from(v.clone()));
        }
        self.format(locale, id, &fluent_args)
    }

    /// The message `id` with Fluent arguments as they are (numbers stay numbers, so plural
    /// selectors such as `{ $count -> [one] … *[other] … }` work).
    pub fn format(&self, locale: Locale, id: &str, args: &FluentArgs) -> String {
        let bundle = self.bundle(locale);
        let Some(pattern) = bundle.get_message(id).and_then(|m| m.value()) else {
            tracing::warn!(id, lang = locale.as_str(), "missing translation");
            return id.to_owned();
        };
        let mut errors = vec![];
        bundle
            .format_pattern(pattern, Some(args), &mut errors)
            .into_owned()
    }

    pub fn t(&self, locale: Locale, id: &str) -> String {
        self.message(locale, id, &[])
    }

    pub fn has(&self, locale: Locale, id: &str) -> bool {
        self.bundle(locale).has_message(id)
    }

    /// Every message id of a language, for the test that both files have the same keys.
    pub fn ids(source: &str) -> Vec<String> {
        let resource = FluentResource::try_new(source.to_owned()).expect("valid Fluent");
        resource
            .entries()
            .filter_map(|e| match e {
                fluent_syntax::ast::Entry::Message(m) => Some(m.id.name.to_owned()),
                _ => None,
            })
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn accept_language_picks_the_best_supported_language() {
        assert_eq!(
            Locale::from_accept_language("en-GB,en;q=0.9,fr;q=0.8"),
            Some(Locale::En)
        );
        assert_eq!(
            Locale::from_accept_language("de-DE,fr;q=0.5,en;q=0.4"),
            Some(Locale::Fr)
        );
        assert_eq!(Locale::from_accept_language("de, es"), None);
        assert_eq!(
            Locale::from_accept_language("en;q=0, fr;q=0.1"),
            Some(Locale::Fr)
        );
    }

    #[test]
    fn numbers_select_plural_forms() {
        let i18n = I18n::load();
        let count = |n: i64| {
            let mut args = FluentArgs::new();
            args.set("count", FluentValue::from(n));
            i18n.format(Locale::En, "error-summary-title", &args)
        };
        assert_ne!(count(1), count(3), "one and other differ");
    }

    /// Every error code written in the sources (`Invalid::new("…")` in the domain and here,
    /// `AppError::Conflict("…")` and its kin) is a message id: people read a sentence, never
    /// the code.
    #[test]
    fn every_error_code_has_a_message() {
        fn sources(dir: &std::path::Path, out: &mut Vec<String>) {
            for entry in std::fs::read_dir(dir).unwrap() {
                let path = entry.unwrap().path();
                if path.is_dir() {
                    sources(&path, out);
                } else if path.extension().is_some_and(|e| e == "rs") {
                    out.push(std::fs::read_to_string(&path).unwrap());
                }
            }
        }
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
        let mut texts = vec![];
        sources(&root.join("src"), &mut texts);
        sources(&root.join("../domain/src"), &mut texts);
        let i18n = I18n::load();
        let mut missing = vec![];
        let mut seen = 0;
        for text in &texts {
            for call in [
                "Invalid::new(\"",
                "Conflict(\"",
                "BadRequest(\"",
                "Unprocessable(\"",
            ] {
                for (at, _) in text.match_indices(call) {
                    let rest = &text[at + call.len()..];
                    let code: String = rest
                        .chars()
                        .take_while(|c| {
                            c.is_ascii_lowercase() || c.is_ascii_digit() || *c == '_' || *c == '-'
                        })
                        .collect();
                    if code.is_empty() || !rest[code.len()..].starts_with('"') {
                        continue;
                    }
                    seen += 1;
                    for locale in [Locale::Fr, Locale::En] {
                        if !i18n.has(locale, &code) {
                            missing.push(format!("{code} ({})", locale.as_str()));
                        }
                    }
                }
            }
        }
        assert!(seen > 50, "the scan found only {seen} codes");
        missing.sort();
        missing.dedup();
        assert!(missing.is_empty(), "codes without a message: {missing:?}");
    }

    #[test]
    fn french_and_english_have_the_same_messages() {
        let mut fr = I18n::ids(FR_FTL);
        let mut en = I18n::ids(EN_FTL);
        fr.sort();
        en.sort();
        let only_fr: Vec<_> = fr.iter().filter(|id| !en.contains(id)).collect();
        let only_en: Vec<_> = en.iter().filter(|id| !fr.contains(id)).collect();
        assert!(
            only_fr.is_empty() && only_en.is_empty(),
            "only in fr: {only_fr:?}; only in en: {only_en:?}"
        );
    }
}
