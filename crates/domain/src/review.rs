//! Review of funding applications and decisions: reviewers, conflicts of interest, even
//! assignment, blind scoring on weighted criteria, the funder's table, decisions within the
//! budget.
//!
//! Pure rules, no IO. Ids are plain `Uuid`s so that the rules can be tested without a store.

use crate::invalid::{FieldErrors, Invalid};
use std::collections::{BTreeMap, BTreeSet, HashMap, HashSet};
use uuid::Uuid;

/// The spread (max − min of reviewers' totals, on a 0..=100 scale) from which reviewers are
/// said to disagree widely: 30 points, i.e. almost a third of the scale. Below it, two
/// reviewers' readings are the usual noise of a rubric; at or above it the funder should read
/// the comments before deciding.
pub const DISAGREEMENT_SPREAD: f64 = 30.0;

/// Why a reviewer may not review an application.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Exclusion {
    /// The reviewer belongs to the applicant structure.
    Applicant,
    /// The reviewer belongs to a partner: another structure linked to the application's
    /// initiative (any role in `initiative_structures`: carrier, partner, funder, supporter).
    Partner,
    /// The reviewer declared a conflict of interest.
    Declared,
}

impl Exclusion {
    pub fn as_str(self) -> &'static str {
        match self {
            Exclusion::Applicant => "applicant",
            Exclusion::Partner => "partner",
            Exclusion::Declared => "declared",
        }
    }
}

/// The automatic rule: a reviewer who belongs (as any kind of member) to the applicant
/// structure, or to any structure linked to the application's initiative, is excluded. The
/// applicant comes first, so the reason shown is the closest tie.
pub fn automatic_exclusion(
    reviewer_structures: &[Uuid],
    applicant: Uuid,
    initiative_structures: &[Uuid],
) -> Option<Exclusion> {
    if reviewer_structures.contains(&applicant) {
        Some(Exclusion::Applicant)
    } else if reviewer_structures
        .iter()
        .any(|s| initiative_structures.contains(s))
    {
        Some(Exclusion::Partner)
    } else {
        None
    }
}

/// The result of an assignment run.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Assignment {
    /// (application, reviewer) pairs, sorted.
    pub pairs: Vec<(Uuid, Uuid)>,
    /// Applications that could not get `k` reviewers, with how many they lack.
    pub shortfalls: Vec<(Uuid, usize)>,
}

impl Assignment {
    /// The reviewers of one application.
    pub fn reviewers_of(&self, application: Uuid) -> Vec<Uuid> {
        self.pairs
            .iter()
            .filter(|(a, _)| *a == application)
            .map(|(_, r)| *r)
            .collect()
    }

    pub fn load(&self, reviewer: Uuid) -> usize {
        self.pairs.iter().filter(|(_, r)| *r == reviewer).count()
    }
}

/// Assigns each application to `k` distinct reviewers, never to an excluded pair.
///
/// Deterministic: the same input gives the same output. Pairs of `existing` that are still
/// allowed (application and reviewer still listed, pair not excluded) are kept, up to `k` per
/// application, so re-running after a new conflict moves only what it must. Then applications
/// are filled most constrained first (fewest allowed reviewers, then id), each taking the
/// allowed reviewers with the lowest load (ties by id). Without exclusions nor kept pairs the
/// loads differ by at most one; an application that has fewer than `k` allowed reviewers gets
/// all of them and is reported in `shortfalls`.
pub fn assign(
    applications: &[Uuid],
    reviewers: &[Uuid],
    k: usize,
    excluded: &HashSet<(Uuid, Uuid)>,
    existing: &[(Uuid, Uuid)],
) -> Assignment {
    let apps: BTreeSet<Uuid> = applications.iter().copied().collect();
    let revs: BTreeSet<Uuid> = reviewers.iter().copied().collect();
    let allowed = |a: Uuid, r: Uuid| !excluded.contains(&(a, r));
    let mut chosen: BTreeMap<Uuid, BTreeSet<Uuid>> =
        apps.iter().map(|a| (*a, BTreeSet::new())).collect();
    let mut load: BTreeMap<Uuid, usize> = revs.iter().map(|r| (*r, 0)).collect();
    let mut kept: Vec<(Uuid, Uuid)> = existing.to_vec();
    kept.sort();
    kept.dedup();
    for (a, r) in kept {
        if apps.contains(&a) && revs.contains(&r) && allowed(a, r) {
            let set = chosen.get_mut(&a).expect("listed application");
            if set.len() < k {
                set.insert(r);
                *load.get_mut(&r).expect("listed reviewer") += 1;
            }
        }
    }
    let mut order: Vec<(usize, Uuid)> = apps
        .iter()
        .map(|a| (revs.iter().filter(|r| allowed(*a, **r)).count(), *a))
        .collect();
    order.sort();
    let mut shortfalls = vec![];
    for (_, a) in order {
        let set = chosen.get_mut(&a).expect("listed application");
        let mut candidates: Vec<(usize, Uuid)> = revs
            .iter()
            .filter(|r| allowed(a, **r) && !set.contains(r))
            .map(|r| (load[r], *r))
            .collect();
        candidates.sort();
        for (_, r) in candidates.into_iter().take(k.saturating_sub(set.len())) {
            set.insert(r);
            *load.get_mut(&r).expect("listed reviewer") += 1;
        }
        if set.len() < k {
            shortfalls.push((a, k - set.len()));
        }
    }
    shortfalls.sort();
    let pairs = chosen
        .into_iter()
        .flat_map(|(a, set)| set.into_iter().map(move |r| (a, r)))
        .collect();
    Assignment { pairs, shortfalls }
}

/// A criterion as scoring needs it.
#[derive(Debug, Clone, PartialEq)]
pub struct Criterion {
    pub id: Uuid,
    /// Strictly positive.
    pub weight: f64,
    /// A score is an integer in `0..=scale_max`; `scale_max` ≥ 1.
    pub scale_max: i64,
}

/// Checks a reviewer's scores: each given score within its criterion's scale
/// (`review_score_out_of_scale`), no unknown criterion (`review_score_unknown_criterion`),
/// and, to submit, every criterion scored (`review_score_missing`). Errors are keyed by
/// criterion, in the criteria's order.
pub fn check_scores(
    criteria: &[Criterion],
    scores: &HashMap<Uuid, i64>,
    submit: bool,
) -> Result<(), Vec<(Uuid, Invalid)>> {
    let mut errors = vec![];
    for (id, score) in scores {
        match criteria.iter().find(|c| c.id == *id) {
            None => errors.push((*id, Invalid::new("review_score_unknown_criterion"))),
            Some(c) if *score < 0 || *score > c.scale_max => {
                errors.push((*id, Invalid::new("review_score_out_of_scale")))
            }
            Some(_) => {}
        }
    }
    if submit {
        for c in criteria {
            if !scores.contains_key(&c.id) {
                errors.push((c.id, Invalid::new("review_score_missing")));
            }
        }
    }
    if errors.is_empty() {
        Ok(())
    } else {
        errors.sort_by_key(|(id, _)| criteria.iter().position(|c| c.id == *id));
        Err(errors)
    }
}

/// A review's total on 0..=100: the weighted mean of its scores, each normalised by its
/// scale. Criteria without a score are left out of both sums; `None` when nothing is scored
/// or the weights sum to zero (never NaN).
pub fn review_total(criteria: &[Criterion], scores: &HashMap<Uuid, i64>) -> Option<f64> {
    let mut sum = 0.0;
    let mut weights = 0.0;
    for c in criteria {
        if let Some(s) = scores.get(&c.id) {
            if c.scale_max > 0 && c.weight > 0.0 && c.weight.is_finite() {
                sum += c.weight * (*s as f64 / c.scale_max as f64);
                weights += c.weight;
            }
        }
    }
    (weights > 0.0).then(|| 100.0 * sum / weights)
}

/// What the funder's table shows of one application's submitted reviews.
#[derive(Debug, Clone, Copy, PartialEq, Default)]
pub struct Stats {
    pub reviews: usize,
    /// Mean of the reviewers' totals (0..=100); `None` without reviews.
    pub mean: Option<f64>,
    pub min: Option<f64>,
    pub max: Option<f64>,
    /// max − min; 0 for a single review, `None` without reviews.
    pub spread: Option<f64>,
    /// Population standard deviation of the totals.
    pub std_dev: Option<f64>,
    /// `spread >= DISAGREEMENT_SPREAD` with at least two reviews.
    pub disagreement: bool,
}

/// Stats of a list of reviewers' totals. Non-finite values are ignored.
pub fn stats(totals: &[f64]) -> Stats {
    let t: Vec<f64> = totals.iter().copied().filter(|x| x.is_finite()).collect();
    if t.is_empty() {
        return Stats::default();
    }
    let n = t.len() as f64;
    let mean = t.iter().sum::<f64>() / n;
    let min = t.iter().copied().fold(f64::INFINITY, f64::min);
    let max = t.iter().copied().fold(f64::NEG_INFINITY, f64::max);
    let var = t.iter().map(|x| (x - mean).powi(2)).sum::<f64>() / n;
    Stats {
        reviews: t.len(),
        mean: Some(mean),
        min: Some(min),
        max: Some(max),
        spread: Some(max - min),
        std_dev: Some(var.sqrt()),
        disagreement: t.len() >= 2 && max - min >= DISAGREEMENT_SPREAD,
    }
}

/// The orders of the funder's table (an allow-list: the query string picks one by name).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TableSort {
    /// Best mean first; unreviewed last.
    Mean,
    /// Widest spread first.
    Spread,
    /// Fewest reviews first (what still needs work).
    Reviews,
    /// By title.
    Title,
}

impl TableSort {
    pub const ALL: [TableSort; 4] = [
        TableSort::Mean,
        TableSort::Spread,
        TableSort::Reviews,
        TableSort::Title,
    ];

    pub fn parse(s: &str) -> Option<TableSort> {
        Self::ALL.into_iter().find(|t| t.as_str() == s)
    }

    pub fn as_str(self) -> &'static str {
        match self {
            TableSort::Mean => "mean",
            TableSort::Spread => "spread",
            TableSort::Reviews => "reviews",
            TableSort::Title => "title",
        }
    }
}

/// Sorts rows of (title, stats) in place, stably, ties by title.
pub fn sort_rows<T>(rows: &mut [T], sort: TableSort, key: impl Fn(&T) -> (&str, &Stats)) {
    use std::cmp::Ordering;
    let desc = |a: Option<f64>, b: Option<f64>| match (a, b) {
        (Some(a), Some(b)) => b.partial_cmp(&a).unwrap_or(Ordering::Equal),
        (Some(_), None) => Ordering::Less,
        (None, Some(_)) => Ordering::Greater,
        (None, None) => Ordering::Equal,
    };
    rows.sort_by(|x, y| {
        let (tx, sx) = key(x);
        let (ty, sy) = key(y);
        let first = match sort {
            TableSort::Mean => desc(sx.mean, sy.mean),
            TableSort::Spread => desc(sx.spread, sy.spread),
            TableSort::Reviews => sx.reviews.cmp(&sy.reviews),
            TableSort::Title => Ordering::Equal,
        };
        first.then_with(|| tx.to_lowercase().cmp(&ty.to_lowercase()))
    });
}

/// A funder's decision on an application.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Decision {
    Granted {
        amount_cents: i64,
        conditions: String,
    },
    Refused {
        reason: String,
    },
    Waitlisted,
}

impl Decision {
    /// The application status it sets.
    pub fn status(&self) -> &'static str {
        match self {
            Decision::Granted { .. } => "granted",
            Decision::Refused { .. } => "refused",
            Decision::Waitlisted => "waitlisted",
        }
    }

    pub fn amount_cents(&self) -> Option<i64> {
        match self {
            Decision::Granted { amount_cents, .. } => Some(*amount_cents),
            _ => None,
        }
    }
}

/// What a decision form or payload carries, as typed.
#[derive(Debug, Clone, Default)]
pub struct DecisionInput {
    /// `granted`, `refused` or `waitlisted`.
    pub outcome: String,
    /// An amount in the call's currency, as typed ("12000", "12 000,50").
    pub amount: String,
    pub conditions: String,
    pub reason: String,
}

pub const MAX_TEXT: usize = 5000;

/// Parses an amount typed in units ("12000", "12 000,50", "12000.5") into cents.
pub fn parse_amount(s: &str) -> Result<i64, Invalid> {
    let bad = Invalid::new("review_amount_invalid");
    let cleaned: String = s
        .chars()
        .filter(|c| !c.is_whitespace() && *c != '\u{202f}' && *c != '\u{a0}')
        .collect::<String>()
        .replace(',', ".");
    if cleaned.is_empty() {
        return Err(Invalid::new("review_amount_required"));
    }
    let (units, cents) = match cleaned.split_once('.') {
        Some((u, c)) => (u, c),
        None => (cleaned.as_str(), ""),
    };
    if units.is_empty()
        || !units.chars().all(|c| c.is_ascii_digit())
        || cents.len() > 2
        || !cents.chars().all(|c| c.is_ascii_digit())
        || units.len() > 12
    {
        return Err(bad);
    }
    let units: i64 = units.parse().map_err(|_| bad)?;
    let cents: i64 = if cents.is_empty() {
        0
    } else {
        format!("{cents:0<2}").parse().map_err(|_| bad)?
    };
    Ok(units * 100 + cents)
}

/// Validates a decision against the call's range per award. A grant needs an amount within
/// `min..=max` (either bound optional); a refusal needs a reason; texts are at most
/// `MAX_TEXT` characters.
pub fn check_decision(
    input: &DecisionInput,
    min_award_cents: Option<i64>,
    max_award_cents: Option<i64>,
) -> Result<Decision, FieldErrors> {
    let mut e = FieldErrors::new();
    let conditions = input.conditions.trim().to_owned();
    let reason = input.reason.trim().to_owned();
    if conditions.chars().count() > MAX_TEXT {
        e.add("conditions", Invalid::new("review_text_too_long"));
    }
    if reason.chars().count() > MAX_TEXT {
        e.add("reason", Invalid::new("review_text_too_long"));
    }
    let decision = match input.outcome.as_str() {
        "granted" => match parse_amount(&input.amount) {
            Ok(a) if a <= 0 => {
                e.add("amount", Invalid::new("review_amount_invalid"));
                None
            }
            Ok(a) if min_award_cents.is_some_and(|m| a < m) => {
                e.add("amount", Invalid::new("review_amount_below_min"));
                None
            }
            Ok(a) if max_award_cents.is_some_and(|m| a > m) => {
                e.add("amount", Invalid::new("review_amount_above_max"));
                None
            }
            Ok(a) => Some(Decision::Granted {
                amount_cents: a,
                conditions,
            }),
            Err(i) => {
                e.add("amount", i);
                None
            }
        },
        "refused" if reason.is_empty() => {
            e.add("reason", Invalid::new("review_reason_required"));
            None
        }
        "refused" => Some(Decision::Refused { reason }),
        "waitlisted" => Some(Decision::Waitlisted),
        _ => {
            e.add("outcome", Invalid::new("review_outcome_invalid"));
            None
        }
    };
    match decision {
        Some(d) if e.is_empty() => Ok(d),
        _ => Err(e),
    }
}

/// Whether granting `amount` keeps the call within its budget, given what the other
/// applications were granted. Overflow counts as beyond.
pub fn within_budget(budget_cents: i64, granted_to_others: i64, amount: i64) -> bool {
    granted_to_others
        .checked_add(amount)
        .is_some_and(|total| total <= budget_cents)
}

/// A comment's limit.
pub fn check_comment(s: &str) -> Result<String, Invalid> {
    let t = s.trim();
    if t.chars().count() > MAX_TEXT {
        Err(Invalid::new("review_text_too_long"))
    } else {
        Ok(t.to_owned())
    }
}

/// A declared conflict needs a reason of 3 to 1000 characters.
pub fn check_conflict_reason(s: &str) -> Result<String, Invalid> {
    let t = s.trim();
    match t.chars().count() {
        0..=2 => Err(Invalid::new("review_conflict_reason_required")),
        1001.. => Err(Invalid::new("review_text_too_long")),
        _ => Ok(t.to_owned()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn ids(n: usize) -> Vec<Uuid> {
        (0..n).map(|i| Uuid::from_u128(i as u128 + 1)).collect()
    }

    #[test]
    fn members_of_the_applicant_or_a_partner_are_excluded() {
        let [a, p, other] = [Uuid::from_u128(1), Uuid::from_u128(2), Uuid::from_u128(3)];
        assert_eq!(
            automatic_exclusion(&[a, p], a, &[a, p]),
            Some(Exclusion::Applicant)
        );
        assert_eq!(
            automatic_exclusion(&[p], a, &[a, p]),
            Some(Exclusion::Partner)
        );
        assert_eq!(automatic_exclusion(&[other], a, &[a, p]), None);
        assert_eq!(automatic_exclusion(&[], a, &[]), None);
    }

    #[test]
    fn assignment_gives_k_distinct_reviewers_evenly() {
        let apps = ids(5);
        let revs: Vec<Uuid> = (100..104).map(Uuid::from_u128).collect();
        let out = assign(&apps, &revs, 2, &HashSet::new(), &[]);
        assert!(out.shortfalls.is_empty());
        for a in &apps {
            assert_eq!(out.reviewers_of(*a).len(), 2);
        }
        let loads: Vec<usize> = revs.iter().map(|r| out.load(*r)).collect();
        assert_eq!(loads.iter().sum::<usize>(), 10);
        assert!(loads.iter().max().unwrap() - loads.iter().min().unwrap() <= 1);
    }

    #[test]
    fn a_new_conflict_moves_only_that_pair() {
        let apps = ids(4);
        let revs: Vec<Uuid> = (100..104).map(Uuid::from_u128).collect();
        let first = assign(&apps, &revs, 2, &HashSet::new(), &[]);
        let (a, r) = first.pairs[0];
        let excluded: HashSet<_> = [(a, r)].into();
        let second = assign(&apps, &revs, 2, &excluded, &first.pairs);
        assert!(!second.pairs.contains(&(a, r)));
        let kept = first
            .pairs
            .iter()
            .filter(|p| second.pairs.contains(p))
            .count();
        assert_eq!(kept, first.pairs.len() - 1);
        assert_eq!(second.reviewers_of(a).len(), 2);
    }

    #[test]
    fn too_few_reviewers_is_reported_as_a_shortfall() {
        let apps = ids(2);
        let revs: Vec<Uuid> = (100..102).map(Uuid::from_u128).collect();
        let excluded: HashSet<_> = [(apps[0], revs[0])].into();
        let out = assign(&apps, &revs, 2, &excluded, &[]);
        assert_eq!(out.shortfalls, vec![(apps[0], 1)]);
        assert_eq!(out.reviewers_of(apps[0]), vec![revs[1]]);
        assert_eq!(out.reviewers_of(apps[1]).len(), 2);
        let none = assign(&apps, &[], 3, &HashSet::new(), &[]);
        assert!(none.pairs.is_empty());
        assert_eq!(none.shortfalls.len(), 2);
    }

    proptest! {
        #[test]
        fn assignment_properties(
            n_apps in 0usize..12,
            n_revs in 0usize..8,
            k in 0usize..5,
            excl in proptest::collection::vec((0usize..12, 0usize..8), 0..20),
        ) {
            let apps = ids(n_apps);
            let revs: Vec<Uuid> = (0..n_revs).map(|i| Uuid::from_u128(1000 + i as u128)).collect();
            let excluded: HashSet<(Uuid, Uuid)> = excl
                .iter()
                .filter(|(a, r)| *a < n_apps && *r < n_revs)
                .map(|(a, r)| (apps[*a], revs[*r]))
                .collect();
            let out = assign(&apps, &revs, k, &excluded, &[]);
            // Deterministic.
            prop_assert_eq!(&out, &assign(&apps, &revs, k, &excluded, &[]));
            for a in &apps {
                let rs = out.reviewers_of(*a);
                let set: HashSet<_> = rs.iter().collect();
                prop_assert_eq!(set.len(), rs.len());
                let allowed = revs.iter().filter(|r| !excluded.contains(&(*a, **r))).count();
                prop_assert_eq!(rs.len(), k.min(allowed));
                let short = out.shortfalls.iter().find(|(x, _)| x == a).map(|(_, n)| *n).unwrap_or(0);
                prop_assert_eq!(short, k - rs.len());
            }
            for p in &out.pairs {
                prop_assert!(!excluded.contains(p));
            }
            if excluded.is_empty() && !revs.is_empty() {
                let loads: Vec<usize> = revs.iter().map(|r| out.load(*r)).collect();
                prop_assert!(loads.iter().max().unwrap() - loads.iter().min().unwrap() <= 1);
            }
            // Re-running on its own output changes nothing.
            prop_assert_eq!(&out, &assign(&apps, &revs, k, &excluded, &out.pairs));
        }

        #[test]
        fn stats_are_finite_and_ordered(t in proptest::collection::vec(0.0f64..=100.0, 0..10)) {
            let s = stats(&t);
            prop_assert_eq!(s.reviews, t.len());
            if t.is_empty() {
                prop_assert!(s.mean.is_none() && s.spread.is_none() && !s.disagreement);
            } else {
                let (mean, min, max) = (s.mean.unwrap(), s.min.unwrap(), s.max.unwrap());
                prop_assert!(mean.is_finite() && min <= mean + 1e-9 && mean <= max + 1e-9);
                prop_assert!(s.std_dev.unwrap() >= 0.0 && s.std_dev.unwrap() <= s.spread.unwrap() + 1e-9);
            }
        }

        #[test]
        fn amounts_round_trip(cents in 0i64..10_000_000_000) {
            let typed = format!("{}.{:02}", cents / 100, cents % 100);
            prop_assert_eq!(parse_amount(&typed), Ok(cents));
        }
    }

    fn crit(weight: f64, scale_max: i64) -> Criterion {
        Criterion {
            id: Uuid::now_v7(),
            weight,
            scale_max,
        }
    }

    #[test]
    fn totals_are_weighted_and_normalised() {
        let a = crit(2.0, 5);
        let b = crit(1.0, 10);
        let scores: HashMap<Uuid, i64> = [(a.id, 5), (b.id, 0)].into();
        let t = review_total(&[a.clone(), b.clone()], &scores).unwrap();
        assert!((t - 200.0 / 3.0).abs() < 1e-9);
        assert_eq!(review_total(&[a, b], &HashMap::new()), None);
        assert_eq!(review_total(&[], &HashMap::new()), None);
    }

    #[test]
    fn scores_out_of_scale_or_missing_are_refused() {
        let a = crit(1.0, 5);
        let b = crit(1.0, 5);
        let cs = [a.clone(), b.clone()];
        assert!(check_scores(&cs, &[(a.id, 5)].into(), false).is_ok());
        let e = check_scores(&cs, &[(a.id, 6)].into(), false).unwrap_err();
        assert_eq!(e, vec![(a.id, Invalid::new("review_score_out_of_scale"))]);
        let e = check_scores(&cs, &[(a.id, -1)].into(), false).unwrap_err();
        assert_eq!(e[0].1.code, "review_score_out_of_scale");
        let e = check_scores(&cs, &[(a.id, 3)].into(), true).unwrap_err();
        assert_eq!(e, vec![(b.id, Invalid::new("review_score_missing"))]);
        let stray = Uuid::now_v7();
        let e = check_scores(&cs, &[(stray, 1)].into(), false).unwrap_err();
        assert_eq!(e[0].1.code, "review_score_unknown_criterion");
    }

    #[test]
    fn disagreement_needs_two_reviews_and_the_threshold() {
        assert!(!stats(&[0.0]).disagreement);
        assert!(stats(&[40.0, 70.0]).disagreement);
        assert!(!stats(&[40.0, 69.9]).disagreement);
        assert_eq!(stats(&[]), Stats::default());
        assert_eq!(stats(&[f64::NAN]).mean, None);
    }

    #[test]
    fn rows_sort_by_mean_with_unreviewed_last() {
        let s = |m: Option<f64>| Stats {
            mean: m,
            ..Stats::default()
        };
        let mut rows = vec![("b", s(None)), ("a", s(Some(10.0))), ("c", s(Some(50.0)))];
        sort_rows(&mut rows, TableSort::Mean, |r| (r.0, &r.1));
        let order: Vec<&str> = rows.iter().map(|r| r.0).collect();
        assert_eq!(order, ["c", "a", "b"]);
        sort_rows(&mut rows, TableSort::Title, |r| (r.0, &r.1));
        assert_eq!(rows[0].0, "a");
        assert_eq!(TableSort::parse("spread"), Some(TableSort::Spread));
        assert_eq!(TableSort::parse("id; DROP"), None);
    }

    #[test]
    fn decisions_respect_the_range_and_need_a_reason() {
        let input = |o: &str, a: &str, r: &str| DecisionInput {
            outcome: o.into(),
            amount: a.into(),
            conditions: String::new(),
            reason: r.into(),
        };
        assert_eq!(
            check_decision(
                &input("granted", "5 000", ""),
                Some(100_000),
                Some(1_000_000)
            ),
            Ok(Decision::Granted {
                amount_cents: 500_000,
                conditions: String::new()
            })
        );
        let e = check_decision(&input("granted", "500", ""), Some(100_000), None).unwrap_err();
        assert_eq!(
            e.get("amount"),
            Some(Invalid::new("review_amount_below_min"))
        );
        let e = check_decision(&input("granted", "20000", ""), None, Some(1_000_000)).unwrap_err();
        assert_eq!(
            e.get("amount"),
            Some(Invalid::new("review_amount_above_max"))
        );
        let e = check_decision(&input("granted", "abc", ""), None, None).unwrap_err();
        assert_eq!(e.get("amount"), Some(Invalid::new("review_amount_invalid")));
        let e = check_decision(&input("granted", "", ""), None, None).unwrap_err();
        assert_eq!(
            e.get("amount"),
            Some(Invalid::new("review_amount_required"))
        );
        let e = check_decision(&input("refused", "", "  "), None, None).unwrap_err();
        assert_eq!(
            e.get("reason"),
            Some(Invalid::new("review_reason_required"))
        );
        assert_eq!(
            check_decision(&input("waitlisted", "", ""), None, None),
            Ok(Decision::Waitlisted)
        );
        let e = check_decision(&input("maybe", "", ""), None, None).unwrap_err();
        assert_eq!(
            e.get("outcome"),
            Some(Invalid::new("review_outcome_invalid"))
        );
    }

    #[test]
    fn budget_counts_what_others_were_granted() {
        assert!(within_budget(100, 60, 40));
        assert!(!within_budget(100, 60, 41));
        assert!(!within_budget(i64::MAX, 1, i64::MAX));
    }
}
