//! What a person types to create or edit an initiative, and its validation: one message per
//! field, values kept. Lists are typed one item per line (no JavaScript needed).

use super::content::{Ingredients, InitiativeContent, Recipe};
use super::vocab::{BudgetRange, Licence, Stage};
use crate::invalid::FieldErrors;
use crate::territory::Territories;
use crate::territory_pick::pick;
use crate::text::{clean_line, parse_web_url, LineCodes};
use crate::Invalid;
use serde::{Deserialize, Serialize};

pub const SUMMARY_MAX_CHARS: usize = 280;
pub const DESCRIPTION_MAX_CHARS: usize = 50_000;
/// Most items in one list (steps, publics, links…), and longest item.
pub const LIST_MAX_ITEMS: usize = 50;
pub const ITEM_MAX_CHARS: usize = 1_000;
pub const MAX_TERRITORIES: usize = 20;

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct InitiativeInput {
    pub title: String,
    pub summary: String,
    pub description: String,
    /// Challenge codes (repeated checkboxes, gathered by the caller).
    pub challenges: Vec<String>,
    /// One territory per line: a reference, a code or a name.
    pub territories: String,
    pub stage: String,
    pub publics: String,
    pub links: String,
    pub licence: String,
    pub resources: String,
    pub skills: String,
    pub partners: String,
    pub budget_range: String,
    pub duration: String,
    pub steps: String,
    pub pitfalls: String,
    pub success_factors: String,
}

const TITLE_CODES: LineCodes = LineCodes {
    required: "title_required",
    too_short: "title_too_short",
    too_long: "title_too_long",
};

/// Non-empty trimmed lines, refused when too many or too long.
fn lines(text: &str) -> Result<Vec<String>, Invalid> {
    let items: Vec<String> = text
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .map(str::to_owned)
        .collect();
    if items.len() > LIST_MAX_ITEMS {
        return Err(Invalid::new("list_too_long"));
    }
    if items.iter().any(|i| i.chars().count() > ITEM_MAX_CHARS) {
        return Err(Invalid::new("list_item_too_long"));
    }
    Ok(items)
}

impl InitiativeInput {
    /// The input shown in a form for existing content (the inverse of `validate`).
    pub fn from_content(c: &InitiativeContent) -> InitiativeInput {
        let r = &c.recipe;
        InitiativeInput {
            title: c.title.clone(),
            summary: c.summary.clone(),
            description: c.description.clone(),
            challenges: c.challenges.clone(),
            territories: c
                .territories
                .iter()
                .map(ToString::to_string)
                .collect::<Vec<_>>()
                .join("\n"),
            stage: c.stage.as_str().into(),
            publics: c.publics.join("\n"),
            links: c.links.join("\n"),
            licence: c.licence.as_str().into(),
            resources: r.ingredients.resources.join("\n"),
            skills: r.ingredients.skills.join("\n"),
            partners: r.ingredients.partners.join("\n"),
            budget_range: r
                .ingredients
                .budget_range
                .map(|b| b.as_str().to_owned())
                .unwrap_or_default(),
            duration: r.ingredients.duration.clone(),
            steps: r.steps.join("\n"),
            pitfalls: r.pitfalls.join("\n"),
            success_factors: r.success_factors.join("\n"),
        }
    }

    /// Validates against the territories and the challenge codes that exist. The structures of
    /// an initiative are managed apart (they need membership checks), so `structures` is empty.
    pub fn validate(
        &self,
        territories: &Territories,
        challenge_codes: &[String],
    ) -> Result<InitiativeContent, FieldErrors> {
        let mut e = FieldErrors::new();
        let title = e.check("title", clean_line(&self.title, 3, 150, TITLE_CODES));
        let summary = self
            .summary
            .split_whitespace()
            .collect::<Vec<_>>()
            .join(" ");
        if summary.is_empty() {
            e.add("summary", Invalid::new("summary_required"));
        } else if summary.chars().count() > SUMMARY_MAX_CHARS {
            e.add("summary", Invalid::new("summary_too_long"));
        }
        let description = self.description.trim().to_owned();
        if description.chars().count() > DESCRIPTION_MAX_CHARS {
            e.add("description", Invalid::new("description_too_long"));
        }
        let mut challenges = vec![];
        for code in &self.challenges {
            if !challenge_codes.contains(code) {
                e.add("challenges", Invalid::new("challenge_unknown"));
            } else if !challenges.contains(code) {
                challenges.push(code.clone());
            }
        }
        let mut refs = vec![];
        match lines(&self.territories) {
            Ok(items) if items.is_empty() => {
                e.add("territories", Invalid::new("territories_required"))
            }
            Ok(items) if items.len() > MAX_TERRITORIES => {
                e.add("territories", Invalid::new("list_too_long"))
            }
            Ok(items) => {
                for item in items {
                    match pick(territories, &item) {
                        Ok(t) if !refs.contains(&t.reference()) => refs.push(t.reference()),
                        Ok(_) => {}
                        Err(_) => e.add("territories", Invalid::new("territory_unknown")),
                    }
                }
            }
            Err(invalid) => e.add("territories", invalid),
        }
        let stage = e.check("stage", Stage::parse(&self.stage));
        let publics = e.check("publics", lines(&self.publics));
        let links = e.check(
            "links",
            lines(&self.links).and_then(|items| {
                items
                    .iter()
                    .map(|l| parse_web_url(l).map(|u| u.unwrap_or_default()))
                    .collect::<Result<Vec<_>, _>>()
            }),
        );
        let licence = if self.licence.trim().is_empty() {
            Some(Licence::default())
        } else {
            e.check("licence", Licence::parse(&self.licence))
        };
        let budget_range = if self.budget_range.trim().is_empty() {
            Some(None)
        } else {
            e.check(
                "budget_range",
                BudgetRange::parse(&self.budget_range).map(Some),
            )
        };
        let duration = self
            .duration
            .split_whitespace()
            .collect::<Vec<_>>()
            .join(" ");
        if duration.chars().count() > 200 {
            e.add("duration", Invalid::new("field_too_long"));
        }
        let mut list = |field: &'static str, text: &str| e.check(field, lines(text));
        let resources = list("resources", &self.resources);
        let skills = list("skills", &self.skills);
        let partners = list("partners", &self.partners);
        let steps = list("steps", &self.steps);
        let pitfalls = list("pitfalls", &self.pitfalls);
        let success_factors = list("success_factors", &self.success_factors);
        if !e.is_empty() {
            return Err(e);
        }
        // Every Option is Some when no error was recorded.
        let ingredients = Ingredients {
            resources: resources.unwrap_or_default(),
            skills: skills.unwrap_or_default(),
            partners: partners.unwrap_or_default(),
            budget_range: budget_range.flatten(),
            duration,
        };
        Ok(InitiativeContent {
            title: title.unwrap_or_default(),
            summary,
            description,
            challenges,
            territories: refs,
            stage: stage.unwrap_or(Stage::Idee),
            publics: publics.unwrap_or_default(),
            structures: vec![],
            links: links.unwrap_or_default(),
            licence: licence.unwrap_or_default(),
            recipe: Recipe {
                ingredients,
                steps: steps.unwrap_or_default(),
                pitfalls: pitfalls.unwrap_or_default(),
                success_factors: success_factors.unwrap_or_default(),
            },
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn codes() -> Vec<String> {
        super::super::DEFAULT_CHALLENGES
            .iter()
            .map(|c| c.0.to_owned())
            .collect()
    }

    fn good() -> InitiativeInput {
        InitiativeInput {
            title: "Jardins partagés du Bourg".into(),
            summary: "Des jardins cultivés ensemble au pied des immeubles.".into(),
            challenges: vec!["alimentation".into(), "inclusion".into()],
            territories: "Brest\ndepartement:29".into(),
            stage: "experimentation".into(),
            steps: "Trouver un terrain\n\nRéunir les voisins\n".into(),
            links: "jardins.example.org".into(),
            ..Default::default()
        }
    }

    #[test]
    fn valid_input_becomes_content_with_defaults() {
        let c = good().validate(Territories::bundled(), &codes()).unwrap();
        assert_eq!(c.licence, Licence::CcBySa4, "CC BY-SA by default");
        assert_eq!(
            c.territories
                .iter()
                .map(ToString::to_string)
                .collect::<Vec<_>>(),
            ["commune:29019", "departement:29"]
        );
        assert_eq!(c.recipe.steps, ["Trouver un terrain", "Réunir les voisins"]);
        assert_eq!(c.links, ["https://jardins.example.org/"]);
        let again = InitiativeInput::from_content(&c)
            .validate(Territories::bundled(), &codes())
            .unwrap();
        assert_eq!(again, c, "form values round-trip");
    }

    #[test]
    fn each_bad_field_has_its_message() {
        let bad = InitiativeInput {
            title: "x".into(),
            summary: "é".repeat(281),
            challenges: vec!["astrologie".into()],
            territories: "commune:99999".into(),
            stage: "lune".into(),
            licence: "tous droits réservés".into(),
            links: "javascript:alert(1)".into(),
            budget_range: "beaucoup".into(),
            ..Default::default()
        };
        let e = bad.validate(Territories::bundled(), &codes()).unwrap_err();
        let got: Vec<_> = e.0.iter().map(|(f, i)| (*f, i.code)).collect();
        assert_eq!(
            got,
            [
                ("title", "title_too_short"),
                ("summary", "summary_too_long"),
                ("challenges", "challenge_unknown"),
                ("territories", "territory_unknown"),
                ("stage", "stage_invalid"),
                ("links", "url_invalid"),
                ("licence", "licence_invalid"),
                ("budget_range", "budget_range_invalid"),
            ]
        );
        let empty = InitiativeInput::default()
            .validate(Territories::bundled(), &codes())
            .unwrap_err();
        assert_eq!(
            empty.get("territories").unwrap().code,
            "territories_required"
        );
        assert_eq!(empty.get("summary").unwrap().code, "summary_required");
    }

    proptest! {
        #[test]
        fn validation_never_panics(title in "\\PC{0,200}", lines in "\\PC{0,300}") {
            let input = InitiativeInput { title, territories: lines.clone(), steps: lines.clone(), links: lines, ..good() };
            let _ = input.validate(Territories::bundled(), &codes());
        }
    }
}
