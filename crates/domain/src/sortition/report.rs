//! Figures of a selection: the spread of selection probabilities (minimum, maximum, Gini
//! coefficient, histogram) and the quotas against a drawn panel.

use super::{Distribution, Instance};
use serde::{Deserialize, Serialize};

/// Bars of the probability histogram.
pub const HISTOGRAM_BINS: usize = 20;

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Summary {
    pub pool: usize,
    pub panel: u32,
    pub min_probability: f64,
    pub max_probability: f64,
    pub gini: f64,
    /// Distinct panels with a positive probability.
    pub panels: usize,
    /// Respondents per probability range: bin `i` covers [i·w, (i+1)·w) with
    /// w = `histogram_width`, the last bin closed.
    pub histogram: Vec<usize>,
    pub histogram_width: f64,
}

pub fn summarise(distribution: &Distribution, panel: u32) -> Summary {
    let p = &distribution.probabilities;
    let min = p.iter().copied().fold(f64::INFINITY, f64::min);
    let max = p.iter().copied().fold(0.0, f64::max);
    let top = if max > 0.0 { max } else { 1.0 };
    let width = top / HISTOGRAM_BINS as f64;
    let mut histogram = vec![0; HISTOGRAM_BINS];
    for &x in p {
        let bin = ((x / width) as usize).min(HISTOGRAM_BINS - 1);
        histogram[bin] += 1;
    }
    Summary {
        pool: p.len(),
        panel,
        min_probability: if p.is_empty() { 0.0 } else { min },
        max_probability: max,
        gini: gini(p),
        panels: distribution.panels.len(),
        histogram,
        histogram_width: width,
    }
}

/// The Gini coefficient: 0 when everyone has the same chance, towards 1 when a few have all.
pub fn gini(values: &[f64]) -> f64 {
    let n = values.len();
    let total: f64 = values.iter().sum();
    if n == 0 || total <= 0.0 {
        return 0.0;
    }
    let mut sorted = values.to_vec();
    sorted.sort_by(f64::total_cmp);
    let weighted: f64 = sorted
        .iter()
        .enumerate()
        .map(|(i, x)| (2.0 * (i as f64 + 1.0) - n as f64 - 1.0) * x)
        .sum();
    (weighted / (n as f64 * total)).max(0.0)
}

/// A quota against the pool and a panel.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct QuotaRow {
    pub category: String,
    pub feature: String,
    pub min: u32,
    pub max: u32,
    pub pool: usize,
    pub panel: usize,
}

impl QuotaRow {
    pub fn met(&self) -> bool {
        self.min as usize <= self.panel && self.panel <= self.max as usize
    }
}

/// Every quota with the pool's and the panel's counts (`panel`: respondent indices).
pub fn quota_table(instance: &Instance, panel: &[usize]) -> Vec<QuotaRow> {
    let pool = instance.pool_counts();
    let chosen = instance.counts_of(panel.iter().copied());
    instance
        .flat_features()
        .iter()
        .enumerate()
        .map(|(f, (c, feature))| QuotaRow {
            category: instance.categories[*c].name.clone(),
            feature: feature.name.clone(),
            min: feature.min,
            max: feature.max,
            pool: pool[f],
            panel: chosen[f],
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn gini_of_known_vectors() {
        assert_eq!(gini(&[0.1, 0.1, 0.1]), 0.0);
        // One of four has everything: (n − 1) / n.
        assert!((gini(&[0.0, 0.0, 0.0, 1.0]) - 0.75).abs() < 1e-12);
        // 1, 2, 3: Σ|xi − xj| over ordered pairs = 8, / (2 n² mean) = 8 / 36.
        assert!((gini(&[3.0, 1.0, 2.0]) - 8.0 / 36.0).abs() < 1e-12);
    }

    proptest! {
        #[test]
        fn gini_matches_the_pairwise_definition(v in prop::collection::vec(0.0f64..1.0, 1..30)) {
            let n = v.len() as f64;
            let mean = v.iter().sum::<f64>() / n;
            prop_assume!(mean > 1e-9);
            let pairs: f64 = v.iter().flat_map(|a| v.iter().map(move |b| (a - b).abs())).sum();
            prop_assert!((gini(&v) - pairs / (2.0 * n * n * mean)).abs() < 1e-9);
        }
    }

    #[test]
    fn histogram_counts_everyone() {
        let d = Distribution {
            algorithm: super::super::Algorithm::Leximin,
            groups: vec![],
            panels: vec![],
            probabilities: vec![0.0, 0.05, 0.1, 0.1],
        };
        let s = summarise(&d, 2);
        assert_eq!(s.histogram.iter().sum::<usize>(), 4);
        assert_eq!(s.histogram[0], 1);
        assert_eq!(s.histogram[HISTOGRAM_BINS - 1], 2);
        assert_eq!(s.min_probability, 0.0);
        assert_eq!(s.max_probability, 0.1);
    }
}
