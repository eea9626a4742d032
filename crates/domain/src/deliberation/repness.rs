//! What distinguishes each group ("representativeness") and what nearly everyone shares
//! (consensus), with Pol.is's formulas: proportions with a pseudocount of one, a one-sample
//! test against one half, a two-sample test against the rest of the participants, and a 90%
//! one-tailed threshold (z > 1.2816).

use serde::{Deserialize, Serialize};

/// Vote counts on one statement within some set of participants.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
pub struct Counts {
    pub agree: u32,
    pub disagree: u32,
    /// Every vote, passes included.
    pub seen: u32,
}

/// One-tailed 90% significance, as Pol.is's `z-sig-90?`.
pub const Z_90: f64 = 1.2816;

/// Pol.is's `prop-test`: how far a proportion (with one added success and trial) is above ½.
pub fn prop_test(successes: u32, trials: u32) -> f64 {
    let (s, n) = (f64::from(successes) + 1.0, f64::from(trials) + 1.0);
    2.0 * n.sqrt() * (s / n - 0.5)
}

/// Pol.is's `two-prop-test`: whether a group's proportion is above the rest's.
pub fn two_prop_test(succ_in: u32, pop_in: u32, succ_out: u32, pop_out: u32) -> f64 {
    let (s1, n1) = (f64::from(succ_in) + 1.0, f64::from(pop_in) + 1.0);
    let (s2, n2) = (f64::from(succ_out) + 1.0, f64::from(pop_out) + 1.0);
    let (p1, p2) = (s1 / n1, s2 / n2);
    let pooled = (s1 + s2) / (n1 + n2);
    let variance = pooled * (1.0 - pooled) * (1.0 / n1 + 1.0 / n2);
    if variance <= 0.0 {
        0.0
    } else {
        (p1 - p2) / variance.sqrt()
    }
}

/// Whether a group is represented by agreeing or disagreeing with a statement.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Direction {
    Agree,
    Disagree,
}

/// A statement that represents a group.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Representative {
    /// Column index in the matrix (the caller maps it to a statement number).
    pub statement: usize,
    pub direction: Direction,
    /// Votes of the group in that direction, and votes of the group on the statement.
    pub successes: u32,
    pub trials: u32,
    /// Share of the group voting that way (with the pseudocount).
    pub probability: f64,
    pub probability_test: f64,
    /// How many times likelier the group is than the rest to vote that way.
    pub repness: f64,
    pub repness_test: f64,
}

impl Representative {
    pub fn metric(&self) -> f64 {
        self.repness * self.repness_test * self.probability * self.probability_test
    }

    fn significant(&self) -> bool {
        self.probability_test > Z_90 && self.repness_test > Z_90
    }
}

fn side(statement: usize, direction: Direction, group: Counts, rest: Counts) -> Representative {
    let (succ, rest_succ) = match direction {
        Direction::Agree => (group.agree, rest.agree),
        Direction::Disagree => (group.disagree, rest.disagree),
    };
    let probability = (f64::from(succ) + 1.0) / (f64::from(group.seen) + 2.0);
    let rest_probability = (f64::from(rest_succ) + 1.0) / (f64::from(rest.seen) + 2.0);
    Representative {
        statement,
        direction,
        successes: succ,
        trials: group.seen,
        probability,
        probability_test: prop_test(succ, group.seen),
        repness: probability / rest_probability,
        repness_test: two_prop_test(succ, group.seen, rest_succ, rest.seen),
    }
}

/// The representative statements of one group, at most `limit`: for each statement the side
/// (agree or disagree) whose two-sample test is stronger; those significant on both tests,
/// by Pol.is's metric, the best agreeing one first. When none is significant, the best
/// agreeing statement alone, as Pol.is shows.
pub fn representative(group: &[Counts], rest: &[Counts], limit: usize) -> Vec<Representative> {
    let candidates: Vec<Representative> = group
        .iter()
        .zip(rest)
        .enumerate()
        .filter(|(_, (g, _))| g.seen > 0)
        .map(|(s, (&g, &r))| {
            let agree = side(s, Direction::Agree, g, r);
            let disagree = side(s, Direction::Disagree, g, r);
            if agree.repness_test > disagree.repness_test {
                agree
            } else {
                disagree
            }
        })
        .collect();
    let by_metric = |a: &Representative, b: &Representative| {
        b.metric()
            .total_cmp(&a.metric())
            .then(a.statement.cmp(&b.statement))
    };
    let mut significant: Vec<Representative> = candidates
        .iter()
        .filter(|c| c.significant())
        .cloned()
        .collect();
    significant.sort_by(by_metric);
    if significant.is_empty() {
        let mut agreeing: Vec<&Representative> = candidates
            .iter()
            .filter(|c| c.direction == Direction::Agree && c.repness > 1.0)
            .collect();
        agreeing.sort_by(|a, b| by_metric(a, b));
        return agreeing
            .first()
            .map(|c| vec![(*c).clone()])
            .unwrap_or_default();
    }
    if let Some(best_agree) = significant
        .iter()
        .position(|c| c.direction == Direction::Agree)
    {
        let best = significant.remove(best_agree);
        significant.insert(0, best);
    }
    significant.truncate(limit);
    significant
}

/// A statement most participants agree (or disagree) with.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Consensus {
    pub statement: usize,
    pub direction: Direction,
    pub probability: f64,
    pub probability_test: f64,
}

/// Pol.is's consensus over every clustered participant: statements a significant majority
/// agrees with (and, separately, disagrees with), by probability × test, at most `limit` each.
pub fn consensus(overall: &[Counts], limit: usize) -> Vec<Consensus> {
    let mut out = Vec::new();
    for direction in [Direction::Agree, Direction::Disagree] {
        let mut side: Vec<Consensus> = overall
            .iter()
            .enumerate()
            .map(|(s, c)| {
                let succ = match direction {
                    Direction::Agree => c.agree,
                    Direction::Disagree => c.disagree,
                };
                Consensus {
                    statement: s,
                    direction,
                    probability: (f64::from(succ) + 1.0) / (f64::from(c.seen) + 2.0),
                    probability_test: prop_test(succ, c.seen),
                }
            })
            .filter(|c| c.probability > 0.5 && c.probability_test > Z_90)
            .collect();
        side.sort_by(|a, b| {
            (b.probability * b.probability_test)
                .total_cmp(&(a.probability * a.probability_test))
                .then(a.statement.cmp(&b.statement))
        });
        side.truncate(limit);
        out.extend(side);
    }
    out
}

/// Group-aware consensus, as in Pol.is's reports: the product over groups of each group's
/// probability of agreeing (or disagreeing), so a statement ranks high only if every group
/// shares it. Returns (statement, agree score, disagree score) for every statement.
pub fn group_aware(groups: &[Vec<Counts>]) -> Vec<(usize, f64, f64)> {
    let n = groups.first().map_or(0, Vec::len);
    (0..n)
        .map(|s| {
            let mut agree = 1.0;
            let mut disagree = 1.0;
            for g in groups {
                let c = g[s];
                agree *= (f64::from(c.agree) + 1.0) / (f64::from(c.seen) + 2.0);
                disagree *= (f64::from(c.disagree) + 1.0) / (f64::from(c.seen) + 2.0);
            }
            (s, agree, disagree)
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn counts(agree: u32, disagree: u32, seen: u32) -> Counts {
        Counts {
            agree,
            disagree,
            seen,
        }
    }

    #[test]
    fn tests_match_polis_formulas_on_hand_computed_values() {
        // prop-test 8 of 10: 2·√11·(9/11 − ½)
        assert!((prop_test(8, 10) - 2.0 * 11f64.sqrt() * (9.0 / 11.0 - 0.5)).abs() < 1e-12);
        // With the pseudocount, no votes reads as one success in one trial.
        assert_eq!(prop_test(0, 0), 1.0);
        // two-prop-test 8/10 against 2/10: p1 = 9/11, p2 = 3/11, pooled 12/22
        let pooled: f64 = 12.0 / 22.0;
        let expected = (9.0 / 11.0 - 3.0 / 11.0) / (pooled * (1.0 - pooled) * (2.0 / 11.0)).sqrt();
        assert!((two_prop_test(8, 10, 2, 10) - expected).abs() < 1e-12);
    }

    #[test]
    fn a_group_is_represented_by_what_sets_it_apart() {
        // Statement 0: the group agrees, the rest disagrees. 1: everyone agrees.
        // 2: the group disagrees, the rest agrees.
        let group = [counts(18, 1, 20), counts(19, 0, 20), counts(1, 17, 20)];
        let rest = [counts(2, 25, 30), counts(28, 1, 30), counts(27, 2, 30)];
        let reps = representative(&group, &rest, 5);
        let found: Vec<(usize, Direction)> =
            reps.iter().map(|r| (r.statement, r.direction)).collect();
        assert_eq!(found, [(0, Direction::Agree), (2, Direction::Disagree)]);
        let everyone: Vec<Counts> = group
            .iter()
            .zip(&rest)
            .map(|(a, b)| counts(a.agree + b.agree, a.disagree + b.disagree, a.seen + b.seen))
            .collect();
        let shared = consensus(&everyone, 5);
        assert_eq!(shared.len(), 1);
        assert_eq!(
            (shared[0].statement, shared[0].direction),
            (1, Direction::Agree)
        );
        let aware = group_aware(&[group.to_vec(), rest.to_vec()]);
        let best = aware.iter().max_by(|a, b| a.1.total_cmp(&b.1)).unwrap();
        assert_eq!(best.0, 1);
    }

    #[test]
    fn without_votes_nothing_is_representative() {
        assert!(representative(&[Counts::default()], &[Counts::default()], 5).is_empty());
        assert!(consensus(&[Counts::default()], 5).is_empty());
    }
}
