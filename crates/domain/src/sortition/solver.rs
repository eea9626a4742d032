//! The integer program over panels, solved by HiGHS: which panel (as counts per group of
//! interchangeable people) maximises a weighting of the groups while meeting every quota.

use super::instance::{Groups, Instance};
use super::SelectionError;
use good_lp::solvers::highs::highs;
use good_lp::{
    constraint, variable, Expression, ProblemVariables, ResolutionError, Solution, SolverModel,
    Variable,
};

/// A panel: how many people of each group it takes (dense, one entry per group).
pub(crate) type Counts = Vec<u32>;

/// The quotas in the form the programs need.
pub(crate) struct PanelModel<'a> {
    pub groups: &'a Groups,
    /// (min, max) per flat feature.
    pub quotas: Vec<(u32, u32)>,
    /// Groups per flat feature.
    pub by_feature: Vec<Vec<usize>>,
    pub panel_size: u32,
}

impl<'a> PanelModel<'a> {
    pub fn new(instance: &Instance, groups: &'a Groups) -> PanelModel<'a> {
        let quotas: Vec<(u32, u32)> = instance
            .flat_features()
            .iter()
            .map(|(_, f)| (f.min, f.max))
            .collect();
        let mut by_feature = vec![Vec::new(); quotas.len()];
        for (g, fs) in groups.features.iter().enumerate() {
            for &f in fs {
                by_feature[f].push(g);
            }
        }
        PanelModel {
            groups,
            quotas,
            by_feature,
            panel_size: instance.panel_size,
        }
    }

    pub fn group_size(&self, g: usize) -> usize {
        self.groups.members[g].len()
    }

    fn count_variables(&self, vars: &mut ProblemVariables) -> Vec<Variable> {
        (0..self.groups.members.len())
            .map(|g| vars.add(variable().integer().min(0).max(self.group_size(g) as f64)))
            .collect()
    }

    fn feature_sum(&self, counts: &[Variable], f: usize) -> Expression {
        self.by_feature[f].iter().map(|&g| counts[g]).sum()
    }

    /// The panel meeting every quota with the largest total weight, or None when no panel
    /// meets them.
    pub fn best_panel(&self, weights: &[f64]) -> Result<Option<Counts>, SelectionError> {
        let mut vars = ProblemVariables::new();
        let counts = self.count_variables(&mut vars);
        let objective: Expression = counts.iter().zip(weights).map(|(&c, &w)| w * c).sum();
        let mut problem = vars.maximise(objective).using(highs);
        for (f, &(min, max)) in self.quotas.iter().enumerate() {
            let sum = self.feature_sum(&counts, f);
            problem.add_constraint(constraint!(sum.clone() >= min as f64));
            problem.add_constraint(constraint!(sum <= max as f64));
        }
        let size: Expression = counts.iter().copied().sum();
        problem.add_constraint(constraint!(size == self.panel_size as f64));
        for household in &self.groups.households {
            let sum: Expression = household.iter().map(|&g| counts[g]).sum();
            problem.add_constraint(constraint!(sum <= 1));
        }
        // The default relative gap (1e-4) would stop the column generation short of the
        // optimum by as much; the problems are small enough to be solved to optimality.
        let problem = problem
            .set_mip_rel_gap(1e-9)
            .map_err(|e| SelectionError::Solver(e.to_string()))?;
        match problem.solve() {
            Ok(solution) => Ok(Some(
                counts
                    .iter()
                    .map(|&c| solution.value(c).round().max(0.0) as u32)
                    .collect(),
            )),
            Err(ResolutionError::Infeasible) => Ok(None),
            Err(e) => Err(SelectionError::Solver(e.to_string())),
        }
    }

    /// The panel closest to the quotas: the smallest total by which it misses them, and how
    /// many seats no panel can fill (when households are too few). Returns the panel's count
    /// per flat feature and the unfilled seats.
    pub fn closest_panel(&self) -> Result<(Vec<u32>, u32), SelectionError> {
        let mut vars = ProblemVariables::new();
        let counts = self.count_variables(&mut vars);
        let below: Vec<Variable> = (0..self.quotas.len())
            .map(|_| vars.add(variable().min(0)))
            .collect();
        let above: Vec<Variable> = (0..self.quotas.len())
            .map(|_| vars.add(variable().min(0)))
            .collect();
        let unfilled = vars.add(variable().integer().min(0).max(self.panel_size));
        // An unfilled seat weighs more than any quota missed by one person.
        let objective: Expression = below.iter().chain(&above).copied().sum::<Expression>()
            + (2.0 * self.panel_size as f64 + 1.0) * unfilled;
        let mut problem = vars.minimise(objective).using(highs);
        for (f, &(min, max)) in self.quotas.iter().enumerate() {
            let sum = self.feature_sum(&counts, f);
            problem.add_constraint(constraint!(sum.clone() + below[f] >= min as f64));
            problem.add_constraint(constraint!(sum - above[f] <= max as f64));
        }
        let size: Expression = counts.iter().copied().sum();
        problem.add_constraint(constraint!(size + unfilled == self.panel_size as f64));
        for household in &self.groups.households {
            let sum: Expression = household.iter().map(|&g| counts[g]).sum();
            problem.add_constraint(constraint!(sum <= 1));
        }
        let solution = problem
            .solve()
            .map_err(|e| SelectionError::Solver(e.to_string()))?;
        let per_group: Vec<u32> = counts
            .iter()
            .map(|&c| solution.value(c).round().max(0.0) as u32)
            .collect();
        let per_feature = self
            .by_feature
            .iter()
            .map(|gs| gs.iter().map(|&g| per_group[g]).sum())
            .collect();
        Ok((
            per_feature,
            solution.value(unfilled).round().max(0.0) as u32,
        ))
    }
}
