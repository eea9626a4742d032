//! Initiatives (*fiches*) and their recipes (*recettes*): what a territory shows of its social
//! innovations, under a free licence, with a lineage of replications.

mod content;
pub mod diff;
mod input;
pub mod lineage;
mod vocab;

pub use content::{Ingredients, InitiativeContent, Recipe};
pub use input::{InitiativeInput, LIST_MAX_ITEMS, SUMMARY_MAX_CHARS};
pub use vocab::{
    BudgetRange, Challenge, ChallengeInput, Licence, Stage, Status, StructureRole,
    DEFAULT_CHALLENGES,
};
