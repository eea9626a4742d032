//! LEXIMIN (Flanigan, Gölz, Gupta, Hennig and Procaccia, Nature 596, 2021): among the
//! distributions over panels that meet the quotas, the one that maximises the smallest
//! selection probability of any respondent, then the next smallest, and so on.
//!
//! Column generation, as in the paper: a linear program over the panels found so far gives
//! each group a dual weight; an integer program finds the panel of largest weight; while that
//! panel beats the program's bound it joins the columns. When none does, the groups whose dual
//! weight is positive cannot do better than the current level: their probability is fixed, and
//! the next round raises the others. Groups of interchangeable respondents stand for people
//! (see `Distribution`), with a group's probability being its expected seats over its size.

use super::instance::Instance;
use super::solver::{Counts, PanelModel};
use super::{infeasible, Algorithm, Composition, Distribution, SelectionError};
use good_lp::solvers::highs::highs;
use good_lp::{constraint, variable, Expression, ProblemVariables, Solution, SolverModel};
use std::collections::HashSet;

/// A panel must beat the bound by this much to join: below it, the gain is solver noise.
const IMPROVEMENT: f64 = 1e-9;
/// A dual weight above this counts as positive when fixing probabilities.
const POSITIVE: f64 = 1e-7;

/// The LEXIMIN distribution of the instance.
pub fn leximin(instance: &Instance) -> Result<Distribution, SelectionError> {
    infeasible::check_sizes(instance)?;
    let groups = instance.groups();
    let model = PanelModel::new(instance, &groups);
    let n = groups.members.len();
    let mut columns = Columns::default();

    // Panels covering as many groups as possible: a group no panel can take has probability 0.
    let mut covered = vec![false; n];
    loop {
        let weights: Vec<f64> = covered
            .iter()
            .enumerate()
            .map(|(g, &c)| {
                if c {
                    0.0
                } else {
                    1.0 / model.group_size(g) as f64
                }
            })
            .collect();
        let Some(panel) = model.best_panel(&weights)? else {
            return Err(SelectionError::Infeasible(infeasible::explain(
                instance, &groups,
            )?));
        };
        let mut news = false;
        for (g, &c) in panel.iter().enumerate() {
            if c > 0 && !covered[g] {
                covered[g] = true;
                news = true;
            }
        }
        columns.add(panel);
        if !news || covered.iter().all(|&c| c) {
            break;
        }
    }

    // None: not fixed yet. Groups never on a panel are fixed at 0 from the start.
    let mut fixed: Vec<Option<f64>> = covered
        .iter()
        .map(|&c| if c { None } else { Some(0.0) })
        .collect();
    while fixed.iter().any(Option::is_none) {
        let (weights, level) = loop {
            let dual = solve_dual(&model, &columns.list, &fixed)?;
            let per_person: Vec<f64> = dual
                .weights
                .iter()
                .enumerate()
                .map(|(g, &y)| y / model.group_size(g) as f64)
                .collect();
            let panel = model
                .best_panel(&per_person)?
                .ok_or_else(|| SelectionError::Solver("the quotas became infeasible".into()))?;
            let value: f64 = panel
                .iter()
                .zip(&per_person)
                .map(|(&c, &w)| c as f64 * w)
                .sum();
            if value <= dual.bound + IMPROVEMENT || !columns.add(panel) {
                break (dual.weights, dual.level);
            }
        };
        let level = level.clamp(0.0, 1.0);
        let mut any = false;
        for (g, y) in weights.iter().enumerate() {
            if fixed[g].is_none() && *y > POSITIVE {
                fixed[g] = Some(level);
                any = true;
            }
        }
        if !any {
            // Numerically flat duals: the remaining groups share the level.
            for f in fixed.iter_mut().filter(|f| f.is_none()) {
                *f = Some(level);
            }
        }
    }
    let targets: Vec<f64> = fixed.iter().map(|f| f.unwrap_or(0.0)).collect();
    let weights = solve_primal(&model, &columns.list, &targets)?;
    Ok(distribution(&model, &columns.list, &weights))
}

/// The panels found so far, without duplicates.
#[derive(Default)]
struct Columns {
    list: Vec<Counts>,
    seen: HashSet<Counts>,
}

impl Columns {
    /// Adds a panel; false when it was already there.
    fn add(&mut self, panel: Counts) -> bool {
        if self.seen.insert(panel.clone()) {
            self.list.push(panel);
            true
        } else {
            false
        }
    }
}

struct Dual {
    /// One weight per group (0 for groups fixed at 0).
    weights: Vec<f64>,
    /// The bound a panel's weight must beat to improve the distribution.
    bound: f64,
    /// The optimum: the smallest probability the unfixed groups can all reach.
    level: f64,
}

/// The dual of "maximise the level z such that every unfixed group reaches z and every fixed
/// group its value, over distributions on the known panels": minimise
/// `bound − Σ fixed·y` subject to `Σ_g share(g, P)·y_g ≤ bound` for every panel P and
/// `Σ_unfixed y = 1`, `y ≥ 0`.
fn solve_dual(
    model: &PanelModel,
    columns: &[Counts],
    fixed: &[Option<f64>],
) -> Result<Dual, SelectionError> {
    let n = fixed.len();
    let mut vars = ProblemVariables::new();
    let y: Vec<_> = (0..n).map(|_| vars.add(variable().min(0))).collect();
    let bound = vars.add(variable());
    let fixed_part: Expression = fixed
        .iter()
        .zip(&y)
        .filter_map(|(f, &v)| f.filter(|&f| f > 0.0).map(|f| f * v))
        .sum();
    let mut problem = vars.minimise(bound - fixed_part).using(highs);
    for panel in columns {
        let share: Expression = panel
            .iter()
            .enumerate()
            .filter(|(_, &c)| c > 0)
            .map(|(g, &c)| (c as f64 / model.group_size(g) as f64) * y[g])
            .sum();
        problem.add_constraint(constraint!(share <= bound));
    }
    let unfixed: Expression = fixed
        .iter()
        .zip(&y)
        .filter(|(f, _)| f.is_none())
        .map(|(_, &v)| v)
        .sum();
    problem.add_constraint(constraint!(unfixed == 1));
    for (g, f) in fixed.iter().enumerate() {
        if *f == Some(0.0) {
            problem.add_constraint(constraint!(y[g] == 0));
        }
    }
    let solution = problem
        .solve()
        .map_err(|e| SelectionError::Solver(e.to_string()))?;
    let weights: Vec<f64> = y.iter().map(|&v| solution.value(v).max(0.0)).collect();
    let bound = solution.value(bound);
    let fixed_value: f64 = fixed
        .iter()
        .zip(&weights)
        .map(|(f, w)| f.unwrap_or(0.0) * w)
        .sum();
    Ok(Dual {
        weights,
        bound,
        level: bound - fixed_value,
    })
}

/// A distribution over the panels giving every group at least its target, up to the smallest
/// shortfall (zero but for rounding).
fn solve_primal(
    model: &PanelModel,
    columns: &[Counts],
    targets: &[f64],
) -> Result<Vec<f64>, SelectionError> {
    let mut vars = ProblemVariables::new();
    let p: Vec<_> = columns
        .iter()
        .map(|_| vars.add(variable().min(0).max(1)))
        .collect();
    let shortfall = vars.add(variable().min(0));
    let mut problem = vars.minimise(shortfall).using(highs);
    let total: Expression = p.iter().copied().sum();
    problem.add_constraint(constraint!(total == 1));
    for (g, &target) in targets.iter().enumerate() {
        if target <= 0.0 {
            continue;
        }
        let size = model.group_size(g) as f64;
        let reached: Expression = columns
            .iter()
            .zip(&p)
            .filter(|(panel, _)| panel[g] > 0)
            .map(|(panel, &v)| (panel[g] as f64 / size) * v)
            .sum();
        problem.add_constraint(constraint!(reached + shortfall >= target));
    }
    let solution = problem
        .solve()
        .map_err(|e| SelectionError::Solver(e.to_string()))?;
    Ok(p.iter().map(|&v| solution.value(v).max(0.0)).collect())
}

/// The distribution from panel weights: panels of negligible weight dropped, the rest
/// renormalised, probabilities per respondent.
pub(crate) fn distribution(
    model: &PanelModel,
    columns: &[Counts],
    weights: &[f64],
) -> Distribution {
    let kept: Vec<(&Counts, f64)> = columns
        .iter()
        .zip(weights.iter().copied())
        .filter(|(_, w)| *w > 1e-12)
        .collect();
    let total: f64 = kept.iter().map(|(_, w)| w).sum();
    let panels: Vec<Composition> = kept
        .iter()
        .map(|(panel, w)| Composition {
            counts: panel
                .iter()
                .enumerate()
                .filter(|(_, &c)| c > 0)
                .map(|(g, &c)| (g, c))
                .collect(),
            probability: w / total,
        })
        .collect();
    let members = &model.groups.members;
    let mut expected = vec![0.0; members.len()];
    for panel in &panels {
        for &(g, c) in &panel.counts {
            expected[g] += panel.probability * c as f64;
        }
    }
    let people = members.iter().map(Vec::len).sum();
    let mut probabilities = vec![0.0; people];
    for (g, group) in members.iter().enumerate() {
        for &i in group {
            probabilities[i] = expected[g] / group.len() as f64;
        }
    }
    Distribution {
        algorithm: Algorithm::Leximin,
        groups: members.clone(),
        panels,
        probabilities,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::sortition::instance::tests::alternate;
    use crate::sortition::{Category, Feature, Respondent};

    fn assert_meets_quotas(instance: &Instance, d: &Distribution) {
        let model_groups = instance.groups();
        let model = PanelModel::new(instance, &model_groups);
        let total: f64 = d.panels.iter().map(|p| p.probability).sum();
        assert!((total - 1.0).abs() < 1e-9);
        for panel in &d.panels {
            let seats: u32 = panel.counts.iter().map(|(_, c)| c).sum();
            assert_eq!(seats, instance.panel_size);
            for (f, &(min, max)) in model.quotas.iter().enumerate() {
                let n: u32 = panel
                    .counts
                    .iter()
                    .filter(|(g, _)| model.by_feature[f].contains(g))
                    .map(|(_, c)| c)
                    .sum();
                assert!(
                    min <= n && n <= max,
                    "feature {f}: {n} not in {min}..={max}"
                );
            }
        }
        let expected: f64 = d.probabilities.iter().sum();
        assert!((expected - instance.panel_size as f64).abs() < 1e-6);
    }

    #[test]
    fn alternate_gives_everyone_k_over_n() {
        for (n, k) in [(200, 20), (2000, 200), (10, 4)] {
            let inst = alternate(n, k);
            let d = leximin(&inst).unwrap();
            assert_meets_quotas(&inst, &d);
            let want = k as f64 / n as f64;
            for (i, p) in d.probabilities.iter().enumerate() {
                assert!(
                    (p - want).abs() < 1e-6,
                    "({n}, {k}) person {i}: {p} ≠ {want}"
                );
            }
        }
    }

    /// A pool where one feature is scarce: its holders must be on every panel, the others
    /// share the remaining seats equally.
    #[test]
    fn scarce_features_are_always_selected_and_the_rest_share() {
        let inst = Instance {
            categories: vec![Category {
                name: "territoire".into(),
                features: vec![
                    Feature {
                        name: "île".into(),
                        min: 2,
                        max: 5,
                    },
                    Feature {
                        name: "continent".into(),
                        min: 0,
                        max: 5,
                    },
                ],
            }],
            respondents: (0..12)
                .map(|i| Respondent {
                    id: i.to_string(),
                    features: vec![usize::from(i >= 2)],
                    household: String::new(),
                })
                .collect(),
            panel_size: 5,
            one_per_household: false,
        };
        let d = leximin(&inst).unwrap();
        assert_meets_quotas(&inst, &d);
        // Leximin: the ten continental people get as much as possible, 3/10 each, so the
        // islanders are exactly on every panel.
        for p in &d.probabilities[..2] {
            assert!((p - 1.0).abs() < 1e-6, "{p}");
        }
        for p in &d.probabilities[2..] {
            assert!((p - 0.3).abs() < 1e-6, "{p}");
        }
    }

    #[test]
    fn households_share_a_seat() {
        let mut inst = alternate(10, 4);
        for c in &mut inst.categories {
            for f in &mut c.features {
                f.min = 0;
            }
        }
        // Five conservative men, two of them in one household.
        inst.respondents[5].household = "3 quai".into();
        inst.respondents[6].household = "3 quai".into();
        inst.one_per_household = true;
        let d = leximin(&inst).unwrap();
        assert_meets_quotas(&inst, &d);
        for panel in &d.panels {
            let groups = &d.groups;
            let of_household: u32 = panel
                .counts
                .iter()
                .filter(|(g, _)| groups[*g].iter().any(|&i| i == 5 || i == 6))
                .map(|(_, c)| c)
                .sum();
            assert!(of_household <= 1);
        }
        // 4 seats for 8 people alone and one household of two: the household's seat is
        // taken with probability 0.8, so that each housemate reaches the others' 0.4.
        for p in &d.probabilities {
            assert!((p - 0.4).abs() < 1e-6, "{:?}", d.probabilities);
        }
    }

    #[test]
    fn people_no_panel_can_take_get_zero() {
        let mut inst = alternate(20, 6);
        // No conservative may sit: the six seats go to the nine liberal women.
        inst.categories[1].features[1].max = 0;
        inst.categories[1].features[1].min = 0;
        inst.categories[0].features[1].min = 0;
        let d = leximin(&inst).unwrap();
        assert_meets_quotas(&inst, &d);
        assert_eq!(d.probabilities[0], 0.0);
        for p in &d.probabilities[1..10] {
            assert!((p - 6.0 / 9.0).abs() < 1e-6, "{p}");
        }
        assert!(d.probabilities[10..].iter().all(|&p| p == 0.0));
    }

    #[test]
    fn infeasible_quotas_are_explained() {
        let mut inst = alternate(20, 10);
        inst.categories[0].features[0].min = 11;
        assert!(matches!(leximin(&inst), Err(SelectionError::Infeasible(_))));
    }
}
