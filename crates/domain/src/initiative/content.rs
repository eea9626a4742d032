use super::vocab::{BudgetRange, Licence, Stage, StructureRole};
use crate::territory::TerritoryRef;
use serde::{Deserialize, Serialize};
use uuid::Uuid;

/// What a recipe needs.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct Ingredients {
    pub resources: Vec<String>,
    pub skills: Vec<String>,
    pub partners: Vec<String>,
    pub budget_range: Option<BudgetRange>,
    pub duration: String,
}

/// How to do it again elsewhere.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct Recipe {
    pub ingredients: Ingredients,
    pub steps: Vec<String>,
    /// *Points de vigilance*.
    pub pitfalls: Vec<String>,
    pub success_factors: Vec<String>,
}

impl Recipe {
    /// The recipe's words, for the search index.
    pub fn text(&self) -> String {
        let i = &self.ingredients;
        [
            &i.resources,
            &i.skills,
            &i.partners,
            &self.steps,
            &self.pitfalls,
            &self.success_factors,
        ]
        .iter()
        .flat_map(|list| list.iter())
        .chain(std::iter::once(&i.duration))
        .cloned()
        .collect::<Vec<_>>()
        .join("\n")
    }
}

/// The validated content of an initiative: what one revision records. Serialised as JSON in
/// each revision, so that history, diff and restore work on whole snapshots.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct InitiativeContent {
    pub title: String,
    pub summary: String,
    /// Markdown, rendered sanitised.
    pub description: String,
    /// Challenge codes.
    pub challenges: Vec<String>,
    pub territories: Vec<TerritoryRef>,
    pub stage: Stage,
    pub publics: Vec<String>,
    pub structures: Vec<(Uuid, StructureRole)>,
    pub links: Vec<String>,
    pub licence: Licence,
    pub recipe: Recipe,
}

impl InitiativeContent {
    /// The text the search index holds, besides the title.
    pub fn body_text(&self) -> String {
        format!(
            "{}\n{}\n{}\n{}",
            self.summary,
            self.description,
            self.publics.join("\n"),
            self.recipe.text()
        )
    }
}
