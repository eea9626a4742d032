//! Which statement to show next, by Pol.is's routing priority: statements few people have seen
//! and statements that separate opinions come first, statements most people pass on last.

/// Pol.is's `importance-metric` × its novelty boost. `agree`, `pass`, `seen` count the
/// statement's votes; `extremity` is how far it moves a participant on the opinion map
/// (0 before the first analysis).
pub fn priority(agree: u32, pass: u32, seen: u32, extremity: f64) -> f64 {
    let s = f64::from(seen);
    let p = (f64::from(pass) + 1.0) / (s + 2.0);
    let a = (f64::from(agree) + 1.0) / (s + 2.0);
    let importance = (1.0 - p) * (extremity + 1.0) * a;
    let novelty = 1.0 + 8.0 * 2f64.powf(-s / 5.0);
    importance * novelty * novelty
}

/// Picks among `(statement, priority)` candidates with probability proportional to priority,
/// `u` being uniform in [0, 1). Featured statements are the caller's to put first.
pub fn pick(candidates: &[(i32, f64)], u: f64) -> Option<i32> {
    let total: f64 = candidates.iter().map(|c| c.1.max(0.0)).sum();
    if candidates.is_empty() {
        return None;
    }
    if total <= 0.0 || !total.is_finite() {
        return Some(candidates[0].0);
    }
    let mut target = u.clamp(0.0, 1.0) * total;
    for &(statement, weight) in candidates {
        target -= weight.max(0.0);
        if target < 0.0 {
            return Some(statement);
        }
    }
    candidates.last().map(|c| c.0)
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn new_and_divisive_statements_come_first() {
        // Unseen beats much seen; divisive beats bland at equal counts; passed-on comes last.
        assert!(priority(0, 0, 0, 0.0) > priority(30, 5, 60, 0.0));
        assert!(priority(10, 2, 20, 3.0) > priority(10, 2, 20, 0.5));
        assert!(priority(5, 14, 20, 1.0) < priority(5, 1, 20, 1.0));
        // Pol.is's value for an unseen statement: ½ · ½ · 1 · 9² = 20.25
        assert!((priority(0, 0, 0, 0.0) - 20.25).abs() < 1e-12);
    }

    #[test]
    fn picks_by_weight() {
        let c = [(3, 1.0), (5, 3.0)];
        assert_eq!(pick(&c, 0.0), Some(3));
        assert_eq!(pick(&c, 0.24), Some(3));
        assert_eq!(pick(&c, 0.26), Some(5));
        assert_eq!(pick(&c, 0.999), Some(5));
        assert_eq!(pick(&[], 0.5), None);
        assert_eq!(pick(&[(8, 0.0)], 0.5), Some(8));
    }

    proptest! {
        #[test]
        fn priority_is_finite_and_positive(a in 0u32..10_000, p in 0u32..10_000, extra in 0u32..10_000, e in 0.0f64..100.0) {
            let seen = a + p + extra;
            let x = priority(a, p, seen, e);
            prop_assert!(x.is_finite() && x > 0.0);
        }

        #[test]
        fn pick_returns_a_candidate(weights in prop::collection::vec(0.0f64..10.0, 1..20), u in 0.0f64..1.0) {
            let c: Vec<(i32, f64)> = weights.iter().enumerate().map(|(i, &w)| (i as i32, w)).collect();
            let chosen = pick(&c, u).unwrap();
            prop_assert!(c.iter().any(|x| x.0 == chosen));
        }
    }
}
