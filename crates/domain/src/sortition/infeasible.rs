//! Quotas that no panel drawn from this pool can meet, explained: the panel closest to them
//! (the fewest people short or over, summed over every quota) and the quotas it still misses.

use super::instance::{Groups, Instance};
use super::solver::PanelModel;
use super::SelectionError;
use serde::{Deserialize, Serialize};
use std::fmt;

/// A quota the closest panel misses.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Conflict {
    pub category: String,
    pub feature: String,
    pub min: u32,
    pub max: u32,
    /// Respondents of the pool with this feature.
    pub pool: usize,
    /// People with this feature on the closest panel.
    pub closest: u32,
}

/// Why the quotas cannot be met together.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Explanation {
    pub conflicts: Vec<Conflict>,
    /// Seats that no panel can fill (too few households when one person per household is
    /// asked).
    pub unfilled: u32,
}

impl fmt::Display for Explanation {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "the quotas cannot be met together by this pool")?;
        if self.unfilled > 0 {
            write!(f, "; {} seats cannot be filled", self.unfilled)?;
        }
        for (i, c) in self.conflicts.iter().enumerate() {
            let sep = if i == 0 { ": " } else { "; " };
            write!(
                f,
                "{sep}{} {} (between {} and {}, {} in the pool, {} on the closest panel)",
                c.category, c.feature, c.min, c.max, c.pool, c.closest
            )?;
        }
        Ok(())
    }
}

/// Checks the problem's size; returns the explanation when no panel meets the quotas.
pub fn check_sizes(instance: &Instance) -> Result<(), SelectionError> {
    if instance.panel_size == 0 {
        return Err(SelectionError::EmptyPanel);
    }
    if instance.panel_size as usize > instance.respondents.len() {
        return Err(SelectionError::PanelLargerThanPool {
            panel: instance.panel_size,
            pool: instance.respondents.len(),
        });
    }
    Ok(())
}

/// Explains quotas found infeasible, from the closest panel.
pub(crate) fn explain(instance: &Instance, groups: &Groups) -> Result<Explanation, SelectionError> {
    let model = PanelModel::new(instance, groups);
    let (closest, unfilled) = model.closest_panel()?;
    let pool = instance.pool_counts();
    let conflicts = instance
        .flat_features()
        .iter()
        .enumerate()
        .filter(|(f, (_, feature))| closest[*f] < feature.min || closest[*f] > feature.max)
        .map(|(f, (c, feature))| Conflict {
            category: instance.categories[*c].name.clone(),
            feature: feature.name.clone(),
            min: feature.min,
            max: feature.max,
            pool: pool[f],
            closest: closest[f],
        })
        .collect();
    Ok(Explanation {
        conflicts,
        unfilled,
    })
}

/// Whether some panel meets the quotas; the explanation otherwise.
pub fn feasibility(instance: &Instance) -> Result<(), SelectionError> {
    check_sizes(instance)?;
    let groups = instance.groups();
    let model = PanelModel::new(instance, &groups);
    match model.best_panel(&vec![0.0; groups.members.len()])? {
        Some(_) => Ok(()),
        None => Err(SelectionError::Infeasible(explain(instance, &groups)?)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::sortition::instance::tests::alternate;

    #[test]
    fn alternate_is_feasible() {
        assert_eq!(feasibility(&alternate(200, 20)), Ok(()));
    }

    #[test]
    fn a_minimum_above_the_pool_is_named() {
        let mut inst = alternate(20, 10);
        inst.categories[0].features[0].min = 6;
        inst.categories[1].features[1].min = 6;
        inst.categories[1].features[0].min = 5;
        // women ≥ 6, liberals ≥ 5, conservatives ≥ 6: 5 liberal women + the lone conservative
        // woman + 5 conservative men… is 11 > 10 seats.
        let Err(SelectionError::Infeasible(e)) = feasibility(&inst) else {
            panic!("expected infeasible")
        };
        assert_eq!(e.unfilled, 0);
        assert!(!e.conflicts.is_empty(), "{e}");
        let total_short: u32 = e
            .conflicts
            .iter()
            .map(|c| c.min.saturating_sub(c.closest) + c.closest.saturating_sub(c.max))
            .sum();
        assert_eq!(total_short, 1, "{e}");
    }

    #[test]
    fn a_feature_missing_from_the_pool_is_explained() {
        let mut inst = alternate(20, 10);
        inst.categories[1].features.push(crate::sortition::Feature {
            name: "centre".into(),
            min: 1,
            max: 2,
        });
        let Err(SelectionError::Infeasible(e)) = feasibility(&inst) else {
            panic!("expected infeasible")
        };
        assert_eq!(e.conflicts.len(), 1, "{e}");
        assert_eq!(e.conflicts[0].feature, "centre");
        assert_eq!(e.conflicts[0].pool, 0);
        assert!(e
            .to_string()
            .contains("leaning centre (between 1 and 2, 0 in the pool"));
    }

    #[test]
    fn too_few_households_leave_seats_unfilled() {
        let mut inst = alternate(8, 4);
        for r in &mut inst.respondents {
            r.household = if r.features == vec![1, 1] { "a" } else { "b" }.into();
        }
        inst.one_per_household = true;
        for c in &mut inst.categories {
            for f in &mut c.features {
                f.min = 0;
            }
        }
        let Err(SelectionError::Infeasible(e)) = feasibility(&inst) else {
            panic!("expected infeasible")
        };
        assert_eq!(e.unfilled, 2, "{e}");
    }

    #[test]
    fn sizes_are_checked_first() {
        let mut inst = alternate(20, 10);
        inst.panel_size = 21;
        assert_eq!(
            feasibility(&inst),
            Err(SelectionError::PanelLargerThanPool {
                panel: 21,
                pool: 20
            })
        );
        inst.panel_size = 0;
        assert_eq!(feasibility(&inst), Err(SelectionError::EmptyPanel));
    }
}
