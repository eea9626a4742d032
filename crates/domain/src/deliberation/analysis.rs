//! The whole analysis of a conversation, from votes to groups, as Pol.is runs it: keep the
//! participants who voted enough, PCA to two components, project (sparsity-aware), cluster into
//! base clusters then 2 to 5 groups chosen by silhouette, and describe each group by its
//! representative statements and everyone by the consensus statements.

use super::cluster::{kmeans, silhouette, Point, Rng};
use super::matrix::VoteMatrix;
use super::pca::{extremity, pca, project, Pca};
use super::repness::{
    consensus, group_aware, representative, Consensus, Counts, Direction, Representative,
};
use super::routing::priority;
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Copy, PartialEq)]
pub struct AnalysisOptions {
    pub seed: u64,
    /// Participants are clustered once they voted on at least min(this, statements).
    pub min_votes: usize,
    pub base_clusters: usize,
    pub max_groups: usize,
    /// Fewer groups are kept unless more groups raise the silhouette by more than this.
    /// Well-optimised k-means (several starts) makes 3 or 4 groups score within a hair of 2
    /// on noisy conversations; Pol.is, whose k-means starts once and whose group count is
    /// smoothed over updates, shows 2 in 15 of 17 public conversations (docs/benchmarks.md).
    pub group_count_tolerance: f64,
    pub representative_limit: usize,
    pub consensus_limit: usize,
}

impl Default for AnalysisOptions {
    /// Pol.is's settings.
    fn default() -> Self {
        AnalysisOptions {
            seed: 0x5EED,
            min_votes: 7,
            base_clusters: 100,
            max_groups: 5,
            group_count_tolerance: 0.02,
            representative_limit: 5,
            consensus_limit: 5,
        }
    }
}

/// A statement's counts over every participant, and its routing figures.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct StatementStat {
    pub statement: i32,
    pub agree: u32,
    pub disagree: u32,
    pub pass: u32,
    pub extremity: f64,
    pub priority: f64,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct RepresentativeStatement {
    pub statement: i32,
    pub direction: Direction,
    /// Share of the group voting that way, in [0, 1].
    pub probability: f64,
    /// How many times likelier than the rest.
    pub repness: f64,
    pub probability_test: f64,
    pub repness_test: f64,
    pub successes: u32,
    pub trials: u32,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct GroupResult {
    pub id: usize,
    pub size: usize,
    pub center: Point,
    pub representative: Vec<RepresentativeStatement>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ConsensusStatement {
    pub statement: i32,
    pub direction: Direction,
    pub probability: f64,
    pub probability_test: f64,
}

/// A base cluster as drawn on the map: where it is, how many people, which group.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct BaseCluster {
    pub center: Point,
    pub size: usize,
    pub group: usize,
}

/// The components, kept so that a participant's own position can be drawn at any time.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Projection {
    /// Statement numbers, the order of the vectors below.
    pub statements: Vec<i32>,
    pub center: Vec<f64>,
    pub components: [Vec<f64>; 2],
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Analysis {
    /// Participants with at least one vote on an accepted statement.
    pub participants: usize,
    /// Accepted statements.
    pub statements: usize,
    pub votes: usize,
    /// Participants who voted enough to be placed in a group.
    pub clustered: usize,
    /// False when there are too few participants or statements to find groups; counts and
    /// routing figures are still there.
    pub enough_data: bool,
    pub groups: Vec<GroupResult>,
    pub consensus: Vec<ConsensusStatement>,
    /// Statements every group agrees with, by the product of the groups' agreement, best first.
    pub group_aware_consensus: Vec<(i32, f64)>,
    pub base_clusters: Vec<BaseCluster>,
    pub projection: Option<Projection>,
    /// Every participant with their group (None: not clustered).
    pub assignments: Vec<(i64, Option<usize>)>,
    pub statement_stats: Vec<StatementStat>,
    /// Silhouette of the chosen grouping, in [-1, 1].
    pub silhouette: f64,
}

/// Analyses `votes` (participant, statement number, value) over the `accepted` statements.
/// Pure and deterministic: the same votes and seed give the same result.
pub fn analyze(accepted: &[i32], votes: &[(i64, i32, i16)], options: &AnalysisOptions) -> Analysis {
    let m = VoteMatrix::from_votes(accepted, votes);
    let n = m.n_statements();
    let threshold = options.min_votes.min(n).max(1);
    let in_conv: Vec<usize> = (0..m.n_participants())
        .filter(|&r| m.row_len(r) >= threshold)
        .collect();
    let mut analysis = Analysis {
        participants: m.n_participants(),
        statements: n,
        votes: m.n_votes(),
        clustered: 0,
        enough_data: false,
        groups: vec![],
        consensus: vec![],
        group_aware_consensus: vec![],
        base_clusters: vec![],
        projection: None,
        assignments: m.participants.iter().map(|&p| (p, None)).collect(),
        statement_stats: vec![],
        silhouette: 0.0,
    };
    let mut extremities = vec![0.0; n];
    if n >= 2 && in_conv.len() >= 3 {
        let components = pca(&m, &in_conv, options.seed);
        extremities = extremity(&components);
        cluster_and_describe(&m, &in_conv, &components, options, &mut analysis);
        analysis.projection = Some(Projection {
            statements: m.statements.clone(),
            center: components.center,
            components: components.components,
        });
    }
    analysis.statement_stats = statement_stats(&m, &extremities);
    analysis
}

fn cluster_and_describe(
    m: &VoteMatrix,
    in_conv: &[usize],
    components: &Pca,
    options: &AnalysisOptions,
    analysis: &mut Analysis,
) {
    let mut rng = Rng::new(options.seed);
    let points: Vec<Point> = in_conv.iter().map(|&r| project(m, r, components)).collect();
    let ones = vec![1.0; points.len()];
    let base = kmeans(&points, &ones, options.base_clusters, 1, 20, &mut rng);
    let base_sizes: Vec<f64> = {
        let mut sizes = vec![0.0; base.centers.len()];
        base.labels.iter().for_each(|&l| sizes[l] += 1.0);
        sizes
    };
    if base.centers.len() < 2 {
        return; // everyone stands at the same place: no groups to tell apart
    }
    let mut scored: Vec<(f64, Vec<usize>)> = Vec::new();
    for k in 2..=options.max_groups.min(base.centers.len()) {
        let grouping = kmeans(&base.centers, &base_sizes, k, 10, 100, &mut rng);
        let score = silhouette(&base.centers, &base_sizes, &grouping.labels);
        scored.push((score, grouping.labels));
    }
    // The fewest groups whose silhouette is within the tolerance of the best.
    let top = scored.iter().map(|s| s.0).fold(f64::NEG_INFINITY, f64::max);
    let best = scored
        .into_iter()
        .find(|s| s.0 >= top - options.group_count_tolerance - 1e-12);
    let Some((score, group_of_base)) = best else {
        return;
    };
    let k = group_of_base.iter().max().map_or(0, |g| g + 1);
    // Groups numbered by size, largest first, then left to right on the map.
    let mut sizes = vec![(0usize, 0.0f64); k];
    for (i, &b) in base.labels.iter().enumerate() {
        let g = group_of_base[b];
        sizes[g].0 += 1;
        sizes[g].1 += points[i][0];
    }
    let mut order: Vec<usize> = (0..k).collect();
    order.sort_by(|&a, &b| {
        sizes[b].0.cmp(&sizes[a].0).then(
            (sizes[a].1 / sizes[a].0.max(1) as f64)
                .total_cmp(&(sizes[b].1 / sizes[b].0.max(1) as f64)),
        )
    });
    let mut rank = vec![0; k];
    order
        .iter()
        .enumerate()
        .for_each(|(new, &old)| rank[old] = new);
    let group_of_base: Vec<usize> = group_of_base.iter().map(|&g| rank[g]).collect();

    let n = m.n_statements();
    let mut counts = vec![vec![Counts::default(); n]; k];
    let mut centers = vec![[0.0, 0.0]; k];
    let mut members = vec![0usize; k];
    for (i, &r) in in_conv.iter().enumerate() {
        let g = group_of_base[base.labels[i]];
        analysis.assignments[r].1 = Some(g);
        members[g] += 1;
        centers[g][0] += points[i][0];
        centers[g][1] += points[i][1];
        for (c, v) in m.row(r) {
            let cell = &mut counts[g][c];
            cell.seen += 1;
            match v {
                1 => cell.agree += 1,
                -1 => cell.disagree += 1,
                _ => {}
            }
        }
    }
    let overall: Vec<Counts> = (0..n)
        .map(|c| {
            counts.iter().fold(Counts::default(), |t, g| Counts {
                agree: t.agree + g[c].agree,
                disagree: t.disagree + g[c].disagree,
                seen: t.seen + g[c].seen,
            })
        })
        .collect();
    let number = |c: usize| m.statements[c];
    analysis.groups = (0..k)
        .map(|g| {
            let rest: Vec<Counts> = overall
                .iter()
                .zip(&counts[g])
                .map(|(o, x)| Counts {
                    agree: o.agree - x.agree,
                    disagree: o.disagree - x.disagree,
                    seen: o.seen - x.seen,
                })
                .collect();
            let size = members[g].max(1) as f64;
            GroupResult {
                id: g,
                size: members[g],
                center: [centers[g][0] / size, centers[g][1] / size],
                representative: representative(&counts[g], &rest, options.representative_limit)
                    .into_iter()
                    .map(|r: Representative| RepresentativeStatement {
                        statement: number(r.statement),
                        direction: r.direction,
                        probability: r.probability,
                        repness: r.repness,
                        probability_test: r.probability_test,
                        repness_test: r.repness_test,
                        successes: r.successes,
                        trials: r.trials,
                    })
                    .collect(),
            }
        })
        .collect();
    analysis.consensus = consensus(&overall, options.consensus_limit)
        .into_iter()
        .map(|c: Consensus| ConsensusStatement {
            statement: number(c.statement),
            direction: c.direction,
            probability: c.probability,
            probability_test: c.probability_test,
        })
        .collect();
    let mut aware: Vec<(i32, f64)> = group_aware(&counts)
        .into_iter()
        .map(|(c, agree, _)| (number(c), agree))
        .collect();
    aware.sort_by(|a, b| b.1.total_cmp(&a.1).then(a.0.cmp(&b.0)));
    aware.truncate(options.consensus_limit);
    analysis.group_aware_consensus = aware;
    analysis.base_clusters = base
        .centers
        .iter()
        .zip(&base_sizes)
        .zip(&group_of_base)
        .map(|((&center, &size), &group)| BaseCluster {
            center,
            size: size as usize,
            group,
        })
        .collect();
    analysis.clustered = in_conv.len();
    analysis.enough_data = true;
    analysis.silhouette = score;
}

fn statement_stats(m: &VoteMatrix, extremities: &[f64]) -> Vec<StatementStat> {
    let n = m.n_statements();
    let mut agree = vec![0u32; n];
    let mut disagree = vec![0u32; n];
    let mut pass = vec![0u32; n];
    for r in 0..m.n_participants() {
        for (c, v) in m.row(r) {
            match v {
                1 => agree[c] += 1,
                -1 => disagree[c] += 1,
                _ => pass[c] += 1,
            }
        }
    }
    (0..n)
        .map(|c| StatementStat {
            statement: m.statements[c],
            agree: agree[c],
            disagree: disagree[c],
            pass: pass[c],
            extremity: extremities[c],
            priority: priority(
                agree[c],
                pass[c],
                agree[c] + disagree[c] + pass[c],
                extremities[c],
            ),
        })
        .collect()
}

impl Projection {
    /// Where a participant with these votes (statement number, value) stands on the map, with
    /// the same sparsity-aware projection as everyone else; None without a vote that counts.
    pub fn place(&self, votes: &[(i32, i16)]) -> Option<Point> {
        let (mut x, mut y, mut k) = (0.0, 0.0, 0usize);
        for &(number, value) in votes {
            if let Ok(c) = self.statements.binary_search(&number) {
                let d = f64::from(value) - self.center[c];
                x += d * self.components[0][c];
                y += d * self.components[1][c];
                k += 1;
            }
        }
        if k == 0 {
            return None;
        }
        let scale = (self.statements.len() as f64 / k as f64).sqrt();
        Some([x * scale, y * scale])
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::deliberation::cluster::adjusted_rand_index;
    use proptest::prelude::{any, prop, prop_assert, prop_assert_eq, proptest, ProptestConfig};

    /// `groups` planted opinion groups of `size` people over `statements` statements: each
    /// group has its own leaning per statement; everyone agrees with statement 0.
    pub(crate) fn planted(
        groups: usize,
        size: usize,
        statements: i32,
        seed: u64,
    ) -> (Vec<(i64, i32, i16)>, Vec<usize>) {
        let mut rng = Rng::new(seed);
        let leanings: Vec<Vec<f64>> = (0..groups)
            .map(|_| {
                (0..statements)
                    .map(|_| if rng.next_f64() < 0.5 { 0.05 } else { 0.95 })
                    .collect()
            })
            .collect();
        let mut votes = Vec::new();
        let mut truth = Vec::new();
        for (g, leaning) in leanings.iter().enumerate() {
            for i in 0..size {
                let p = (g * size + i) as i64;
                truth.push(g);
                for s in 0..statements {
                    if s > 0 && rng.next_f64() < 0.3 {
                        continue; // not seen
                    }
                    let agree_p = if s == 0 { 1.0 } else { leaning[s as usize] };
                    let u = rng.next_f64();
                    let v = if u < agree_p * 0.9 {
                        1
                    } else if u < 0.9 {
                        -1
                    } else {
                        0
                    };
                    votes.push((p, s, v));
                }
            }
        }
        (votes, truth)
    }

    #[test]
    fn finds_planted_groups_and_the_shared_statement() {
        let (votes, truth) = planted(3, 60, 30, 11);
        let statements: Vec<i32> = (0..30).collect();
        let a = analyze(&statements, &votes, &AnalysisOptions::default());
        assert!(a.enough_data);
        assert_eq!(a.groups.len(), 3, "silhouette {}", a.silhouette);
        let found: Vec<usize> = a.assignments.iter().map(|x| x.1.unwrap()).collect();
        let ari = adjusted_rand_index(&found, &truth);
        assert!(
            ari > 0.9,
            "{ari} {:?}",
            a.groups.iter().map(|g| g.size).collect::<Vec<_>>()
        );
        assert!(a.groups.iter().all(|g| !g.representative.is_empty()));
        assert!(a
            .consensus
            .iter()
            .any(|c| c.statement == 0 && c.direction == Direction::Agree));
        // Statement 0 is shared by all; a few others happen to lean the same way in every group.
        assert!(a.group_aware_consensus.iter().any(|c| c.0 == 0));
        // Groups are numbered largest first.
        assert!(a.groups.windows(2).all(|w| w[0].size >= w[1].size));
        // A participant placed by the stored projection lands where the analysis put them.
        let projection = a.projection.as_ref().unwrap();
        let mine: Vec<(i32, i16)> = votes
            .iter()
            .filter(|v| v.0 == 5)
            .map(|v| (v.1, v.2))
            .collect();
        assert!(projection.place(&mine).is_some());
        assert_eq!(a, analyze(&statements, &votes, &AnalysisOptions::default()));
    }

    #[test]
    fn too_little_data_says_so_without_nan() {
        for (statements, votes) in [
            (vec![], vec![]),
            (vec![0], vec![(1, 0, 1), (2, 0, -1), (3, 0, 0)]),
            (vec![0, 1], vec![(1, 0, 1), (1, 1, 1)]),
            (
                vec![0, 1, 2],
                vec![(1, 0, 1), (2, 1, 1), (3, 2, 1), (4, 2, 5), (4, 9, 1)],
            ),
        ] {
            let a = analyze(&statements, &votes, &AnalysisOptions::default());
            assert!(!a.enough_data);
            assert!(a.groups.is_empty());
            let json = serde_json::to_string(&a).unwrap();
            assert!(
                !json.contains("NaN") && !json.contains("null,null"),
                "{json}"
            );
        }
        // Everyone voting alike: no groups, and no panic.
        let same: Vec<(i64, i32, i16)> = (0..10)
            .flat_map(|p| (0..3).map(move |s| (p, s, 1)))
            .collect();
        let a = analyze(&[0, 1, 2], &same, &AnalysisOptions::default());
        assert!(a.groups.is_empty());
        assert!(a.statement_stats.iter().all(|s| s.priority.is_finite()));
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(64))]
        #[test]
        fn invariants_hold_on_any_votes(
            votes in prop::collection::vec((0i64..40, 0i32..12, -1i16..=1), 0..400),
            seed in any::<u64>(),
        ) {
            let statements: Vec<i32> = (0..10).collect();
            let options = AnalysisOptions { seed, ..AnalysisOptions::default() };
            let a = analyze(&statements, &votes, &options);
            let json = serde_json::to_string(&a).unwrap();
            prop_assert!(!json.contains("NaN") && !json.contains("inf"));
            prop_assert!(a.groups.len() <= 5);
            prop_assert_eq!(a.groups.iter().map(|g| g.size).sum::<usize>(), a.clustered);
            prop_assert_eq!(a.assignments.iter().filter(|x| x.1.is_some()).count(), a.clustered);
            prop_assert!(a.clustered <= a.participants);
            for g in &a.groups {
                prop_assert!(g.representative.len() <= 5);
                for r in &g.representative {
                    prop_assert!(statements.contains(&r.statement));
                    prop_assert!(r.probability > 0.0 && r.probability < 1.0);
                }
            }
            prop_assert!((-1.0..=1.0).contains(&a.silhouette));
            prop_assert_eq!(&a, &analyze(&statements, &votes, &options));
        }
    }
}
