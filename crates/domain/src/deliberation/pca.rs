//! Principal components of the vote matrix, as Pol.is computes them: missing votes take their
//! statement's mean (so, once centred, they are zero and the matrix stays sparse), two
//! components by power iteration, and the sparsity-aware projection of participants.

use super::matrix::VoteMatrix;

/// Two principal components over the statement columns.
#[derive(Debug, Clone, PartialEq)]
pub struct Pca {
    /// Mean vote per statement over the rows used.
    pub center: Vec<f64>,
    /// Unit vectors, the first explaining the most variance.
    pub components: [Vec<f64>; 2],
}

const MAX_ITERATIONS: usize = 300;
const TOLERANCE: f64 = 1e-9;

/// PCA of the rows `rows` of `m`. `seed` chooses the start vectors (the result does not depend
/// on them beyond sign and rounding when the components are well separated).
pub fn pca(m: &VoteMatrix, rows: &[usize], seed: u64) -> Pca {
    let n = m.n_statements();
    let mut sum = vec![0.0; n];
    let mut count = vec![0u32; n];
    for &r in rows {
        for (c, v) in m.row(r) {
            sum[c] += f64::from(v);
            count[c] += 1;
        }
    }
    let center: Vec<f64> = sum
        .iter()
        .zip(&count)
        .map(|(s, &k)| if k == 0 { 0.0 } else { s / f64::from(k) })
        .collect();
    let mut rng = super::cluster::Rng::new(seed);
    let mut basis = [
        (0..n).map(|_| rng.next_f64() - 0.5).collect::<Vec<_>>(),
        (0..n).map(|_| rng.next_f64() - 0.5).collect::<Vec<_>>(),
    ];
    orthonormalise(&mut basis);
    for _ in 0..MAX_ITERATIONS {
        let mut next = covariance_times(m, rows, &center, &basis);
        orthonormalise(&mut next);
        let change: f64 = (0..2)
            .map(|k| 1.0 - dot(&next[k], &basis[k]).abs())
            .fold(0.0, f64::max);
        basis = next;
        if change < TOLERANCE {
            break;
        }
    }
    // Rayleigh–Ritz on the two-dimensional subspace found: gives the components themselves,
    // in order, even when the iteration left them mixed.
    let image = covariance_times(m, rows, &center, &basis);
    let h = [
        [dot(&basis[0], &image[0]), dot(&basis[0], &image[1])],
        [dot(&basis[1], &image[0]), dot(&basis[1], &image[1])],
    ];
    let (a, b, d) = (h[0][0], 0.5 * (h[0][1] + h[1][0]), h[1][1]);
    let theta = 0.5 * (2.0 * b).atan2(a - d);
    let (cos, sin) = (theta.cos(), theta.sin());
    let first: Vec<f64> = (0..n)
        .map(|i| cos * basis[0][i] + sin * basis[1][i])
        .collect();
    let second: Vec<f64> = (0..n)
        .map(|i| -sin * basis[0][i] + cos * basis[1][i])
        .collect();
    let mut components = [first, second];
    // A fixed sign, so the same votes give the same map.
    for c in &mut components {
        let largest = c
            .iter()
            .copied()
            .fold(0.0f64, |m, x| if x.abs() > m.abs() { x } else { m });
        if largest < 0.0 {
            c.iter_mut().for_each(|x| *x = -*x);
        }
        if c.iter().any(|x| !x.is_finite()) {
            c.iter_mut().for_each(|x| *x = 0.0);
        }
    }
    Pca { center, components }
}

/// Xᵀ X B for the centred, mean-imputed rows: two passes over the stored votes.
fn covariance_times(
    m: &VoteMatrix,
    rows: &[usize],
    center: &[f64],
    basis: &[Vec<f64>; 2],
) -> [Vec<f64>; 2] {
    let n = center.len();
    let work = |rows: &[usize]| {
        let mut out = [vec![0.0; n], vec![0.0; n]];
        for &r in rows {
            let (mut u0, mut u1) = (0.0, 0.0);
            for (c, v) in m.row(r) {
                let x = f64::from(v) - center[c];
                u0 += x * basis[0][c];
                u1 += x * basis[1][c];
            }
            for (c, v) in m.row(r) {
                let x = f64::from(v) - center[c];
                out[0][c] += x * u0;
                out[1][c] += x * u1;
            }
        }
        out
    };
    // Two halves on two threads when there is enough work to pay for them.
    if m.n_votes() < 200_000 {
        return work(rows);
    }
    let (left, right) = rows.split_at(rows.len() / 2);
    let (mut a, b) = std::thread::scope(|s| {
        let handle = s.spawn(|| work(right));
        let a = work(left);
        (a, handle.join().expect("PCA worker panicked"))
    });
    for k in 0..2 {
        for (x, y) in a[k].iter_mut().zip(&b[k]) {
            *x += y;
        }
    }
    a
}

fn dot(a: &[f64], b: &[f64]) -> f64 {
    a.iter().zip(b).map(|(x, y)| x * y).sum()
}

/// Gram–Schmidt; a vector that vanishes is left at zero.
fn orthonormalise(basis: &mut [Vec<f64>; 2]) {
    normalise(&mut basis[0]);
    let projection = dot(&basis[0], &basis[1]);
    let [first, second] = basis;
    for (y, x) in second.iter_mut().zip(first.iter()) {
        *y -= projection * x;
    }
    normalise(&mut basis[1]);
}

fn normalise(v: &mut [f64]) {
    let norm = dot(v, v).sqrt();
    if norm > 1e-300 {
        v.iter_mut().for_each(|x| *x /= norm);
    } else {
        v.iter_mut().for_each(|x| *x = 0.0);
    }
}

/// Pol.is's sparsity-aware projection: only the statements a participant voted on count, and
/// the sum is scaled up by √(statements / votes), so that people who voted on few statements
/// are not all drawn to the centre.
pub fn project(m: &VoteMatrix, row: usize, p: &Pca) -> [f64; 2] {
    let (mut x, mut y, mut k) = (0.0, 0.0, 0usize);
    for (c, v) in m.row(row) {
        let d = f64::from(v) - p.center[c];
        x += d * p.components[0][c];
        y += d * p.components[1][c];
        k += 1;
    }
    let scale = (m.n_statements() as f64 / k.max(1) as f64).sqrt();
    [x * scale, y * scale]
}

/// How far an agree vote on each statement alone would carry a participant from the centre:
/// Pol.is's "extremity", which favours statements that separate opinions when routing.
pub fn extremity(p: &Pca) -> Vec<f64> {
    let n = p.center.len() as f64;
    p.center
        .iter()
        .enumerate()
        .map(|(c, mean)| {
            let d = 1.0 - mean;
            let (x, y) = (d * p.components[0][c], d * p.components[1][c]);
            (x * x + y * y).sqrt() * n.sqrt()
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Two camps voting opposite ways on the first four statements, all agreeing on the fifth.
    fn two_camps() -> VoteMatrix {
        let mut votes = Vec::new();
        for p in 0..20i64 {
            let side: i16 = if p < 10 { 1 } else { -1 };
            for s in 0..4 {
                votes.push((p, s, if s % 2 == 0 { side } else { -side }));
            }
            votes.push((p, 4, 1));
        }
        VoteMatrix::from_votes(&[0, 1, 2, 3, 4], &votes)
    }

    #[test]
    fn the_first_component_separates_the_camps() {
        let m = two_camps();
        let rows: Vec<usize> = (0..m.n_participants()).collect();
        let p = pca(&m, &rows, 7);
        let first = &p.components[0];
        assert!((first[0].abs() - 0.5).abs() < 1e-6, "{first:?}");
        assert!(first[4].abs() < 1e-9);
        assert_eq!(p.center[4], 1.0);
        let a = project(&m, 0, &p);
        let b = project(&m, 15, &p);
        assert!(a[0] * b[0] < 0.0 && (a[0] + b[0]).abs() < 1e-9);
        // The statement everyone agrees on does not separate anyone.
        assert!(extremity(&p)[4] < 1e-9);
        // Same input, same seed or not: same components.
        assert_eq!(p.components[0], pca(&m, &rows, 7).components[0]);
        let other = pca(&m, &rows, 99);
        for (x, y) in first.iter().zip(&other.components[0]) {
            assert!((x - y).abs() < 1e-6);
        }
    }

    #[test]
    fn a_matrix_without_variance_gives_finite_components() {
        let votes: Vec<(i64, i32, i16)> = (0..5).map(|p| (p, 0, 1)).collect();
        let m = VoteMatrix::from_votes(&[0], &votes);
        let p = pca(&m, &[0, 1, 2, 3, 4], 1);
        assert!(p.components.iter().flatten().all(|x| x.is_finite()));
        assert!(project(&m, 0, &p).iter().all(|x| x.is_finite()));
    }
}
