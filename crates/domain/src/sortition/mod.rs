//! Sortition of citizens' panels: quotas, the pool of volunteers, the fair selection of
//! Flanigan, Gölz, Gupta, Hennig and Procaccia (LEXIMIN, Nature 596, 2021), the greedy LEGACY
//! draw kept for comparison, the explanation of quotas that cannot be met, and a lottery anyone
//! can reproduce from its published inputs and a public seed.
//!
//! Pure code: the only outside part is the HiGHS solver (through `good_lp`), linked in.

pub mod files;
pub mod infeasible;
pub mod instance;
pub mod legacy;
pub mod leximin;
pub mod lottery;
pub mod report;
mod solver;

pub use instance::{Category, Feature, Instance, Respondent};

use serde::{Deserialize, Serialize};

/// Which selection algorithm computed a distribution.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Algorithm {
    Leximin,
    Legacy,
}

impl Algorithm {
    pub fn parse(s: &str) -> Option<Algorithm> {
        match s.trim().to_ascii_lowercase().as_str() {
            "leximin" => Some(Algorithm::Leximin),
            "legacy" => Some(Algorithm::Legacy),
            _ => None,
        }
    }

    pub fn as_str(self) -> &'static str {
        match self {
            Algorithm::Leximin => "leximin",
            Algorithm::Legacy => "legacy",
        }
    }
}

/// Why no selection could be made. `code` keys the French and English messages.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum SelectionError {
    #[error("the panel ({panel}) is larger than the pool ({pool})")]
    PanelLargerThanPool { panel: u32, pool: usize },
    #[error("the panel size must be at least 1")]
    EmptyPanel,
    #[error("{0}")]
    Infeasible(infeasible::Explanation),
    #[error("the solver failed: {0}")]
    Solver(String),
    #[error("the greedy draw failed {0} times in a row: the quotas are too tight for it")]
    LegacyFailed(u32),
}

impl SelectionError {
    pub fn code(&self) -> &'static str {
        match self {
            SelectionError::PanelLargerThanPool { .. } => "sortition_panel_larger_than_pool",
            SelectionError::EmptyPanel => "sortition_empty_panel",
            SelectionError::Infeasible(_) => "sortition_infeasible",
            SelectionError::Solver(_) => "sortition_solver_failed",
            SelectionError::LegacyFailed(_) => "sortition_legacy_failed",
        }
    }
}

/// A probability distribution over panels, as selection probabilities per respondent.
///
/// People with the same features (and no shared household to keep apart) are interchangeable:
/// a panel is stored as how many of each such group it takes, and the lottery then picks that
/// many members of the group uniformly. The fair optimum is symmetric within a group (it is
/// unique, and permuting a group keeps every quota), so nothing is lost and the solver works on
/// a few hundred groups instead of thousands of people.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Distribution {
    pub algorithm: Algorithm,
    /// Respondent indices (rows of the pool) per group.
    pub groups: Vec<Vec<usize>>,
    /// Panel compositions with their probabilities (summing to 1).
    pub panels: Vec<Composition>,
    /// Each respondent's selection probability, in pool order.
    pub probabilities: Vec<f64>,
}

/// A panel as the number of people it takes from each group (groups not listed: none).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Composition {
    pub counts: Vec<(usize, u32)>,
    pub probability: f64,
}
