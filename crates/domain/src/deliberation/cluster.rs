//! k-means in the plane of the opinion map and the silhouette that chooses the number of
//! groups. Pol.is clusters in two steps: up to 100 small "base" clusters of participants, then
//! 2 to 5 groups of base clusters, weighted by their sizes.

/// A small deterministic generator (SplitMix64): the same seed gives the same analysis on every
/// machine.
#[derive(Debug, Clone)]
pub struct Rng(u64);

impl Rng {
    pub fn new(seed: u64) -> Rng {
        Rng(seed)
    }

    pub fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// Uniform in [0, 1).
    pub fn next_f64(&mut self) -> f64 {
        (self.next_u64() >> 11) as f64 / (1u64 << 53) as f64
    }
}

pub type Point = [f64; 2];

fn distance2(a: Point, b: Point) -> f64 {
    (a[0] - b[0]).powi(2) + (a[1] - b[1]).powi(2)
}

fn distance(a: Point, b: Point) -> f64 {
    distance2(a, b).sqrt()
}

/// A k-means result: the centre of each cluster, the cluster of each point and the weighted
/// sum of squared distances.
#[derive(Debug, Clone, PartialEq)]
pub struct Clustering {
    pub centers: Vec<Point>,
    pub labels: Vec<usize>,
    pub inertia: f64,
}

/// Weighted k-means (Lloyd) from a k-means++ start, best of `restarts`. `k` is lowered to the
/// number of distinct points; empty clusters are dropped, so labels stay dense.
pub fn kmeans(
    points: &[Point],
    weights: &[f64],
    k: usize,
    restarts: usize,
    max_iterations: usize,
    rng: &mut Rng,
) -> Clustering {
    let distinct = {
        let mut p: Vec<(u64, u64)> = points
            .iter()
            .map(|q| (q[0].to_bits(), q[1].to_bits()))
            .collect();
        p.sort_unstable();
        p.dedup();
        p.len()
    };
    let k = k.min(distinct);
    if k == 0 {
        return Clustering {
            centers: vec![],
            labels: vec![],
            inertia: 0.0,
        };
    }
    let mut best: Option<Clustering> = None;
    for _ in 0..restarts.max(1) {
        let result = lloyd(
            points,
            weights,
            plus_plus(points, weights, k, rng),
            max_iterations,
        );
        if best
            .as_ref()
            .is_none_or(|b| result.inertia < b.inertia - 1e-12)
        {
            best = Some(result);
        }
    }
    best.expect("at least one restart")
}

/// k-means++ seeding: each next centre drawn with probability proportional to weight × squared
/// distance to the nearest centre chosen so far.
fn plus_plus(points: &[Point], weights: &[f64], k: usize, rng: &mut Rng) -> Vec<Point> {
    let total: f64 = weights.iter().sum();
    let mut target = rng.next_f64() * total;
    let mut first = points.len() - 1;
    for (i, w) in weights.iter().enumerate() {
        target -= w;
        if target < 0.0 {
            first = i;
            break;
        }
    }
    let mut centers = vec![points[first]];
    let mut nearest: Vec<f64> = points
        .iter()
        .map(|&p| distance2(p, points[first]))
        .collect();
    while centers.len() < k {
        let total: f64 = nearest.iter().zip(weights).map(|(d, w)| d * w).sum();
        if total <= 0.0 {
            break;
        }
        let mut target = rng.next_f64() * total;
        let mut chosen = None;
        for (i, (d, w)) in nearest.iter().zip(weights).enumerate() {
            target -= d * w;
            if target < 0.0 && *d > 0.0 {
                chosen = Some(i);
                break;
            }
        }
        let chosen = chosen.unwrap_or_else(|| {
            (0..points.len())
                .max_by(|&a, &b| nearest[a].total_cmp(&nearest[b]))
                .expect("points")
        });
        let c = points[chosen];
        centers.push(c);
        for (d, &p) in nearest.iter_mut().zip(points) {
            *d = d.min(distance2(p, c));
        }
    }
    centers
}

fn lloyd(
    points: &[Point],
    weights: &[f64],
    mut centers: Vec<Point>,
    max_iterations: usize,
) -> Clustering {
    let mut labels = vec![0usize; points.len()];
    for iteration in 0..max_iterations.max(1) {
        let mut changed = false;
        for (i, &p) in points.iter().enumerate() {
            let best = nearest_center(&centers, p);
            if best != labels[i] || iteration == 0 {
                changed |= best != labels[i];
                labels[i] = best;
            }
        }
        let mut sums = vec![[0.0, 0.0, 0.0]; centers.len()];
        for (i, &p) in points.iter().enumerate() {
            let s = &mut sums[labels[i]];
            s[0] += weights[i] * p[0];
            s[1] += weights[i] * p[1];
            s[2] += weights[i];
        }
        for (c, s) in centers.iter_mut().zip(&sums) {
            if s[2] > 0.0 {
                *c = [s[0] / s[2], s[1] / s[2]];
            }
        }
        if !changed && iteration > 0 {
            break;
        }
    }
    // Drop empty clusters and renumber.
    let mut used = vec![false; centers.len()];
    labels.iter().for_each(|&l| used[l] = true);
    let mut renumber = vec![usize::MAX; centers.len()];
    let mut kept = Vec::new();
    for (c, center) in centers.iter().enumerate() {
        if used[c] {
            renumber[c] = kept.len();
            kept.push(*center);
        }
    }
    labels.iter_mut().for_each(|l| *l = renumber[*l]);
    let inertia = points
        .iter()
        .zip(&labels)
        .zip(weights)
        .map(|((&p, &l), w)| w * distance2(p, kept[l]))
        .sum();
    Clustering {
        centers: kept,
        labels,
        inertia,
    }
}

fn nearest_center(centers: &[Point], p: Point) -> usize {
    let mut best = 0;
    let mut best_d = f64::INFINITY;
    for (c, &center) in centers.iter().enumerate() {
        let d = distance2(p, center);
        if d < best_d {
            best_d = d;
            best = c;
        }
    }
    best
}

/// The weighted mean silhouette of a clustering of weighted points, in [-1, 1]: how much closer
/// each point is to its own cluster than to the nearest other one. A point alone in its cluster
/// counts 0.
pub fn silhouette(points: &[Point], weights: &[f64], labels: &[usize]) -> f64 {
    let k = labels.iter().copied().max().map_or(0, |m| m + 1);
    if k < 2 {
        return 0.0;
    }
    let mut total = 0.0;
    let mut weight = 0.0;
    for (i, &p) in points.iter().enumerate() {
        // Weighted mean distance to each cluster (excluding the point itself).
        let mut sum = vec![0.0; k];
        let mut mass = vec![0.0; k];
        for (j, &q) in points.iter().enumerate() {
            if i != j {
                sum[labels[j]] += weights[j] * distance(p, q);
                mass[labels[j]] += weights[j];
            }
        }
        let own = labels[i];
        let s = if mass[own] <= 0.0 {
            0.0
        } else {
            let a = sum[own] / mass[own];
            let b = (0..k)
                .filter(|&c| c != own && mass[c] > 0.0)
                .map(|c| sum[c] / mass[c])
                .fold(f64::INFINITY, f64::min);
            if !b.is_finite() || a.max(b) <= 0.0 {
                0.0
            } else {
                (b - a) / a.max(b)
            }
        };
        total += weights[i] * s;
        weight += weights[i];
    }
    if weight > 0.0 {
        total / weight
    } else {
        0.0
    }
}

/// The adjusted Rand index of two partitions of the same items (Hubert and Arabie, 1985): 1 when
/// they agree, about 0 when they agree no more than by chance.
pub fn adjusted_rand_index(a: &[usize], b: &[usize]) -> f64 {
    assert_eq!(a.len(), b.len());
    let n = a.len();
    if n < 2 {
        return 1.0;
    }
    let ka = a.iter().copied().max().unwrap_or(0) + 1;
    let kb = b.iter().copied().max().unwrap_or(0) + 1;
    let mut table = vec![0u64; ka * kb];
    for (&x, &y) in a.iter().zip(b) {
        table[x * kb + y] += 1;
    }
    let pairs = |m: u64| (m * m.saturating_sub(1)) as f64 / 2.0;
    let index: f64 = table.iter().map(|&m| pairs(m)).sum();
    let rows: f64 = (0..ka)
        .map(|x| pairs(table[x * kb..(x + 1) * kb].iter().sum()))
        .sum();
    let cols: f64 = (0..kb)
        .map(|y| pairs((0..ka).map(|x| table[x * kb + y]).sum()))
        .sum();
    let expected = rows * cols / pairs(n as u64);
    let max = 0.5 * (rows + cols);
    if (max - expected).abs() < 1e-12 {
        return 1.0;
    }
    (index - expected) / (max - expected)
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::{any, prop, prop_assert, proptest};

    fn blobs() -> Vec<Point> {
        let mut rng = Rng::new(3);
        let mut points = Vec::new();
        for center in [[0.0, 0.0], [10.0, 0.0], [0.0, 10.0]] {
            for _ in 0..30 {
                points.push([center[0] + rng.next_f64(), center[1] + rng.next_f64()]);
            }
        }
        points
    }

    #[test]
    fn finds_three_blobs_and_the_silhouette_prefers_three() {
        let points = blobs();
        let w = vec![1.0; points.len()];
        let mut rng = Rng::new(1);
        let three = kmeans(&points, &w, 3, 5, 100, &mut rng);
        let truth: Vec<usize> = (0..90).map(|i| i / 30).collect();
        assert_eq!(adjusted_rand_index(&three.labels, &truth), 1.0);
        let two = kmeans(&points, &w, 2, 5, 100, &mut rng);
        assert!(silhouette(&points, &w, &three.labels) > silhouette(&points, &w, &two.labels));
        assert!(silhouette(&points, &w, &three.labels) > 0.8);
    }

    #[test]
    fn rand_index_of_known_partitions() {
        assert_eq!(adjusted_rand_index(&[0, 0, 1, 1], &[1, 1, 0, 0]), 1.0);
        // scikit-learn's adjusted_rand_score([0,0,1,1],[0,0,1,2]) = 0.5714285714285715
        let ari = adjusted_rand_index(&[0, 0, 1, 1], &[0, 0, 1, 2]);
        assert!((ari - 0.571_428_571_428_571_5).abs() < 1e-12, "{ari}");
        // By hand for ([0,0,0,1,1,1],[0,1,0,1,0,1]): index 2, expected 6·6/15 = 2.4, max 6:
        // (2 − 2.4)/(6 − 2.4) = −1/9, worse than chance.
        let ari = adjusted_rand_index(&[0, 0, 0, 1, 1, 1], &[0, 1, 0, 1, 0, 1]);
        assert!((ari + 1.0 / 9.0).abs() < 1e-12, "{ari}");
    }

    proptest! {
        #[test]
        fn kmeans_labels_are_dense_and_nearest(
            raw in prop::collection::vec((-5.0f64..5.0, -5.0f64..5.0, 0.1f64..3.0), 1..60),
            k in 1usize..8,
            seed in any::<u64>(),
        ) {
            let points: Vec<Point> = raw.iter().map(|&(x, y, _)| [x, y]).collect();
            let w: Vec<f64> = raw.iter().map(|r| r.2).collect();
            let c = kmeans(&points, &w, k, 2, 1000, &mut Rng::new(seed));
            prop_assert!(c.centers.len() <= k && !c.centers.is_empty());
            let mut seen = vec![false; c.centers.len()];
            for (i, &l) in c.labels.iter().enumerate() {
                seen[l] = true;
                let d = distance2(points[i], c.centers[l]);
                for &other in &c.centers {
                    prop_assert!(d <= distance2(points[i], other) + 1e-9);
                }
            }
            prop_assert!(seen.iter().all(|&s| s));
            let s = silhouette(&points, &w, &c.labels);
            prop_assert!((-1.0..=1.0).contains(&s));
        }

        #[test]
        fn rand_index_is_symmetric_and_one_on_itself(
            a in prop::collection::vec(0usize..4, 2..40),
            b_seed in any::<u64>(),
        ) {
            let mut rng = Rng::new(b_seed);
            let b: Vec<usize> = a.iter().map(|_| (rng.next_u64() % 3) as usize).collect();
            prop_assert!((adjusted_rand_index(&a, &a) - 1.0).abs() < 1e-12);
            prop_assert!((adjusted_rand_index(&a, &b) - adjusted_rand_index(&b, &a)).abs() < 1e-12);
            prop_assert!(adjusted_rand_index(&a, &b) <= 1.0 + 1e-12);
        }
    }
}
