//! The hackathon jury: weighted criteria with their scales, the conflict-of-interest rule,
//! jurors' totals, the optional per-juror normalisation and the ranking with its ties.
//!
//! Pure rules, no IO. Ids are plain `Uuid`s so that the rules can be tested without a store.
//!
//! How the figures are made:
//! - a juror's **total** for a team is the weighted mean of their scores, each first mapped
//!   to 0–100 on its criterion's scale (`(value − min) / (max − min) × 100`);
//! - the **normalised** total (optional) takes out each juror's own severity and spread: the
//!   z-score of the total among that juror's totals, mapped back onto the panel's scale (the
//!   mean and standard deviation of every juror's totals), clamped to 0–100. A juror who scored
//!   a single team, or gave every team the same total, says nothing about the teams relative to
//!   each other: their z-score is 0, so their totals count as the panel's mean;
//! - a team's **mean** is the mean of its jurors' totals (raw or normalised); teams are ranked
//!   by it, best first. Means are compared as shown, to the hundredth: equal figures are ties
//!   and share a rank (ex aequo, "1, 2, 2, 4"). There is no tie-break: the organisers decide,
//!   and the explanation says which figures are equal;
//! - a team scored by fewer jurors than the most-scored team is flagged, since its mean rests
//!   on fewer readings.

use crate::invalid::{FieldErrors, Invalid};
use std::collections::{BTreeMap, BTreeSet};
use uuid::Uuid;

pub const MAX_NAME: usize = 120;
pub const MAX_DESCRIPTION: usize = 1_000;
pub const MAX_COMMENT: usize = 2_000;
pub const MAX_WEIGHT: i64 = 100;
/// Scales run within 0..=MAX_SCALE.
pub const MAX_SCALE: i64 = 100;
/// Below this a juror's spread counts as none (totals are on 0–100).
const FLAT: f64 = 1e-9;

/// A criterion as scoring needs it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Criterion {
    pub id: Uuid,
    /// 1..=MAX_WEIGHT.
    pub weight: i64,
    /// A score is an integer in `scale_min..=scale_max`, `scale_min < scale_max`.
    pub scale_min: i64,
    pub scale_max: i64,
}

impl Criterion {
    pub fn accepts(&self, value: i64) -> bool {
        (self.scale_min..=self.scale_max).contains(&value)
    }

    /// The value on 0–100.
    pub fn percent(&self, value: i64) -> f64 {
        let span = (self.scale_max - self.scale_min) as f64;
        if span <= 0.0 {
            return 0.0;
        }
        let v = value.clamp(self.scale_min, self.scale_max);
        100.0 * (v - self.scale_min) as f64 / span
    }
}

/// A criterion as typed (form or API).
#[derive(Debug, Clone, Default)]
pub struct CriterionInput {
    pub name: String,
    pub description: String,
    pub weight: String,
    pub scale_min: String,
    pub scale_max: String,
}

/// A criterion that passed every check.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ValidCriterion {
    pub name: String,
    pub description: String,
    pub weight: i64,
    pub scale_min: i64,
    pub scale_max: i64,
}

fn parse_int(s: &str, code: &'static str) -> Result<i64, Invalid> {
    s.trim().parse::<i64>().map_err(|_| Invalid::new(code))
}

/// Checks a criterion: a name (one line, ≤ 120), a description (≤ 1,000), a weight in
/// 1..=100 (`jury_weight_invalid`: zero or negative weights are refused), a scale with
/// `0 ≤ min < max ≤ 100` (`jury_scale_invalid`).
pub fn validate_criterion(input: &CriterionInput) -> Result<ValidCriterion, FieldErrors> {
    let mut errors = FieldErrors::new();
    let name = input.name.trim();
    if name.is_empty() {
        errors.add("name", Invalid::new("jury_name_required"));
    } else if name.chars().count() > MAX_NAME {
        errors.add("name", Invalid::new("jury_name_too_long"));
    } else if name.chars().any(char::is_control) {
        errors.add("name", Invalid::new("jury_name_one_line"));
    }
    let description = input.description.trim();
    if description.chars().count() > MAX_DESCRIPTION {
        errors.add("description", Invalid::new("jury_description_too_long"));
    }
    let weight = errors.check(
        "weight",
        parse_int(&input.weight, "jury_weight_invalid").and_then(|w| {
            if (1..=MAX_WEIGHT).contains(&w) {
                Ok(w)
            } else {
                Err(Invalid::new("jury_weight_invalid"))
            }
        }),
    );
    let min = errors.check(
        "scale_min",
        parse_int(&input.scale_min, "jury_scale_invalid").and_then(|m| {
            if (0..MAX_SCALE).contains(&m) {
                Ok(m)
            } else {
                Err(Invalid::new("jury_scale_invalid"))
            }
        }),
    );
    let max = errors.check(
        "scale_max",
        parse_int(&input.scale_max, "jury_scale_invalid").and_then(|m| {
            if (1..=MAX_SCALE).contains(&m) {
                Ok(m)
            } else {
                Err(Invalid::new("jury_scale_invalid"))
            }
        }),
    );
    if let (Some(a), Some(b)) = (min, max) {
        if a >= b {
            errors.add("scale_max", Invalid::new("jury_scale_invalid"));
        }
    }
    match (weight, min, max) {
        (Some(weight), Some(scale_min), Some(scale_max)) if errors.is_empty() => {
            Ok(ValidCriterion {
                name: name.to_owned(),
                description: description.to_owned(),
                weight,
                scale_min,
                scale_max,
            })
        }
        _ => Err(errors),
    }
}

/// Parses and checks one typed score: an integer (`jury_score_invalid`) within the
/// criterion's scale (`jury_score_out_of_scale`).
pub fn parse_score(criterion: &Criterion, input: &str) -> Result<i64, Invalid> {
    let t = input.trim();
    if t.is_empty() {
        return Err(Invalid::new("jury_score_required"));
    }
    let v = t
        .parse::<i64>()
        .map_err(|_| Invalid::new("jury_score_invalid"))?;
    if criterion.accepts(v) {
        Ok(v)
    } else {
        Err(Invalid::new("jury_score_out_of_scale"))
    }
}

/// Checks a juror's scores for one team: every criterion scored once, each within its scale,
/// no unknown criterion. Errors are keyed by criterion, in the criteria's order (unknown
/// criteria last).
pub fn check_scores(
    criteria: &[Criterion],
    scores: &BTreeMap<Uuid, i64>,
) -> Result<(), Vec<(Uuid, Invalid)>> {
    let mut errors = vec![];
    for c in criteria {
        match scores.get(&c.id) {
            None => errors.push((c.id, Invalid::new("jury_score_required"))),
            Some(v) if !c.accepts(*v) => {
                errors.push((c.id, Invalid::new("jury_score_out_of_scale")))
            }
            Some(_) => {}
        }
    }
    for id in scores.keys() {
        if !criteria.iter().any(|c| c.id == *id) {
            errors.push((*id, Invalid::new("jury_score_unknown_criterion")));
        }
    }
    if errors.is_empty() {
        Ok(())
    } else {
        Err(errors)
    }
}

pub fn check_comment(s: &str) -> Result<String, Invalid> {
    let t = s.trim();
    if t.chars().count() > MAX_COMMENT {
        Err(Invalid::new("jury_comment_too_long"))
    } else {
        Ok(t.to_owned())
    }
}

/// Why a juror may not score a team.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum ConflictReason {
    /// The juror is a member of the team.
    OwnTeam,
    /// The juror coaches the team.
    Coach,
    /// The juror is the team's designer.
    Designer,
    /// A member of the team belongs to a structure of the juror.
    Member,
    /// The team's défi is owned by a structure of the juror.
    DefiOwner,
    /// The team's défi is sponsored by a structure of the juror.
    DefiSponsor,
}

impl ConflictReason {
    pub fn as_str(self) -> &'static str {
        match self {
            ConflictReason::OwnTeam => "own_team",
            ConflictReason::Coach => "coach",
            ConflictReason::Designer => "designer",
            ConflictReason::Member => "member",
            ConflictReason::DefiOwner => "defi_owner",
            ConflictReason::DefiSponsor => "defi_sponsor",
        }
    }
}

/// A conflict and the structure that causes it (none for the juror's own team).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Conflict {
    pub reason: ConflictReason,
    pub structure: Option<Uuid>,
}

/// What ties a team to structures.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct TeamTies {
    /// The team's members (people).
    pub people: BTreeSet<Uuid>,
    /// The team's coach and designer: they shaped the work, so they judge it no more than
    /// a member does.
    pub coach: Option<Uuid>,
    pub designer: Option<Uuid>,
    /// The structures of the team's members, coach and designer: their declared participant
    /// structure and the structures they belong to.
    pub members: BTreeSet<Uuid>,
    /// The owners and sponsors of the team's défi.
    pub defi_owners: BTreeSet<Uuid>,
    pub defi_sponsors: BTreeSet<Uuid>,
}

/// The conflict-of-interest rule. `juror` is the person, `structures` their structures (their
/// declared participant structure and their memberships). Their own team comes first (as a
/// member, then as its coach, then as its designer), then a structure shared with a member,
/// then an owner of the défi, then a sponsor; within a reason, the smallest id, so the answer
/// is the same every time.
pub fn conflict(juror: Uuid, structures: &BTreeSet<Uuid>, team: &TeamTies) -> Option<Conflict> {
    let personal = if team.people.contains(&juror) {
        Some(ConflictReason::OwnTeam)
    } else if team.coach == Some(juror) {
        Some(ConflictReason::Coach)
    } else if team.designer == Some(juror) {
        Some(ConflictReason::Designer)
    } else {
        None
    };
    if let Some(reason) = personal {
        return Some(Conflict {
            reason,
            structure: None,
        });
    }
    let first = |set: &BTreeSet<Uuid>| structures.intersection(set).next().copied();
    let found = [
        (ConflictReason::Member, &team.members),
        (ConflictReason::DefiOwner, &team.defi_owners),
        (ConflictReason::DefiSponsor, &team.defi_sponsors),
    ];
    found.into_iter().find_map(|(reason, set)| {
        first(set).map(|s| Conflict {
            reason,
            structure: Some(s),
        })
    })
}

/// One stored score.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Score {
    pub juror: Uuid,
    pub team: Uuid,
    pub criterion: Uuid,
    pub value: i64,
}

/// Each juror's total per team on 0–100: the weighted mean of their scores on the criteria
/// (scores of criteria no longer listed are ignored). Keyed by (juror, team).
pub fn totals(criteria: &[Criterion], scores: &[Score]) -> BTreeMap<(Uuid, Uuid), f64> {
    let by_id: BTreeMap<Uuid, &Criterion> = criteria.iter().map(|c| (c.id, c)).collect();
    let mut sums: BTreeMap<(Uuid, Uuid), (f64, f64)> = BTreeMap::new();
    for s in scores {
        let Some(c) = by_id.get(&s.criterion) else {
            continue;
        };
        if c.weight <= 0 || c.scale_max <= c.scale_min {
            continue;
        }
        let e = sums.entry((s.juror, s.team)).or_insert((0.0, 0.0));
        e.0 += c.weight as f64 * c.percent(s.value);
        e.1 += c.weight as f64;
    }
    sums.into_iter()
        .filter(|(_, (_, w))| *w > 0.0)
        .map(|(k, (sum, w))| (k, (sum / w).clamp(0.0, 100.0)))
        .collect()
}

fn mean_and_sd(values: &[f64]) -> (f64, f64) {
    if values.is_empty() {
        return (0.0, 0.0);
    }
    let n = values.len() as f64;
    let mean = values.iter().sum::<f64>() / n;
    let var = values.iter().map(|v| (v - mean).powi(2)).sum::<f64>() / n;
    (mean, var.max(0.0).sqrt())
}

/// The per-juror normalisation (see the module's header): same keys, values on 0–100, never
/// NaN.
pub fn normalise(totals: &BTreeMap<(Uuid, Uuid), f64>) -> BTreeMap<(Uuid, Uuid), f64> {
    let all: Vec<f64> = totals.values().copied().filter(|v| v.is_finite()).collect();
    let (panel_mean, panel_sd) = mean_and_sd(&all);
    let mut per_juror: BTreeMap<Uuid, Vec<f64>> = BTreeMap::new();
    for ((juror, _), v) in totals {
        if v.is_finite() {
            per_juror.entry(*juror).or_default().push(*v);
        }
    }
    let juror_stats: BTreeMap<Uuid, (f64, f64, usize)> = per_juror
        .into_iter()
        .map(|(j, vs)| {
            let (m, sd) = mean_and_sd(&vs);
            (j, (m, sd, vs.len()))
        })
        .collect();
    totals
        .iter()
        .filter(|(_, v)| v.is_finite())
        .map(|((juror, team), v)| {
            let (m, sd, n) = juror_stats[juror];
            let z = if n < 2 || sd < FLAT {
                0.0
            } else {
                (v - m) / sd
            };
            let mapped = panel_mean + z * panel_sd;
            let mapped = if mapped.is_finite() { mapped } else { 50.0 };
            ((*juror, *team), mapped.clamp(0.0, 100.0))
        })
        .collect()
}

/// A team's line in the ranking.
#[derive(Debug, Clone, PartialEq)]
pub struct RankedTeam {
    pub team: Uuid,
    /// 1-based; equal means share a rank. None for a team nobody scored.
    pub rank: Option<usize>,
    /// Mean of its jurors' totals, 0–100; None when nobody scored it.
    pub mean: Option<f64>,
    /// How many jurors scored it.
    pub jurors: usize,
    /// Scored by fewer jurors than the most-scored team.
    pub fewer_jurors: bool,
    /// Shares its rank with another team.
    pub tied: bool,
}

/// Teams sharing a rank, and the figure they share.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Tie {
    pub rank: usize,
    pub teams: Vec<Uuid>,
    /// The shared mean, in hundredths (as shown).
    pub mean_hundredths: i64,
    /// Whether they were also scored by as many jurors each.
    pub same_jurors: bool,
}

#[derive(Debug, Clone, PartialEq, Default)]
pub struct Ranking {
    /// Best first; unscored teams last, in the order given.
    pub rows: Vec<RankedTeam>,
    pub ties: Vec<Tie>,
    /// The most jurors any team had.
    pub max_jurors: usize,
}

/// A mean as compared and shown: hundredths.
pub fn hundredths(v: f64) -> i64 {
    if v.is_finite() {
        (v * 100.0).round() as i64
    } else {
        0
    }
}

/// Ranks `teams` by the mean of their jurors' totals (`totals`, raw or normalised).
pub fn rank(teams: &[Uuid], totals: &BTreeMap<(Uuid, Uuid), f64>) -> Ranking {
    let mut per_team: BTreeMap<Uuid, Vec<f64>> = BTreeMap::new();
    for ((_, team), v) in totals {
        if v.is_finite() {
            per_team.entry(*team).or_default().push(*v);
        }
    }
    let mut seen = BTreeSet::new();
    let teams: Vec<Uuid> = teams.iter().copied().filter(|t| seen.insert(*t)).collect();
    let max_jurors = teams
        .iter()
        .map(|t| per_team.get(t).map_or(0, Vec::len))
        .max()
        .unwrap_or(0);
    let mut scored: Vec<(i64, RankedTeam)> = vec![];
    let mut unscored = vec![];
    for t in &teams {
        match per_team.get(t) {
            Some(vs) if !vs.is_empty() => {
                let mean = vs.iter().sum::<f64>() / vs.len() as f64;
                scored.push((
                    hundredths(mean),
                    RankedTeam {
                        team: *t,
                        rank: None,
                        mean: Some(mean),
                        jurors: vs.len(),
                        fewer_jurors: vs.len() < max_jurors,
                        tied: false,
                    },
                ));
            }
            _ => unscored.push(RankedTeam {
                team: *t,
                rank: None,
                mean: None,
                jurors: 0,
                fewer_jurors: max_jurors > 0,
                tied: false,
            }),
        }
    }
    // Best first; within a tie, the order given (stable sort), which is no tie-break.
    scored.sort_by_key(|(k, _)| std::cmp::Reverse(*k));
    let keys: Vec<i64> = scored.iter().map(|(k, _)| *k).collect();
    let mut ties = vec![];
    let mut i = 0;
    while i < scored.len() {
        let mut j = i;
        while j < scored.len() && keys[j] == keys[i] {
            j += 1;
        }
        let rank = i + 1;
        for (_, row) in &mut scored[i..j] {
            row.rank = Some(rank);
            row.tied = j - i > 1;
        }
        if j - i > 1 {
            let group = &scored[i..j];
            ties.push(Tie {
                rank,
                teams: group.iter().map(|(_, r)| r.team).collect(),
                mean_hundredths: keys[i],
                same_jurors: group.iter().all(|(_, r)| r.jurors == group[0].1.jurors),
            });
        }
        i = j;
    }
    let mut rows: Vec<RankedTeam> = scored.into_iter().map(|(_, r)| r).collect();
    rows.extend(unscored);
    Ranking {
        rows,
        ties,
        max_jurors,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn id(n: u128) -> Uuid {
        Uuid::from_u128(n + 1)
    }

    fn crit(n: u128, weight: i64, min: i64, max: i64) -> Criterion {
        Criterion {
            id: id(1000 + n),
            weight,
            scale_min: min,
            scale_max: max,
        }
    }

    fn input(w: &str, min: &str, max: &str) -> CriterionInput {
        CriterionInput {
            name: "Impact".into(),
            description: String::new(),
            weight: w.into(),
            scale_min: min.into(),
            scale_max: max.into(),
        }
    }

    #[test]
    fn weights_of_zero_or_less_are_refused() {
        for w in ["0", "-3", "abc", "101", ""] {
            let e = validate_criterion(&input(w, "0", "10")).unwrap_err();
            assert_eq!(e.get("weight").unwrap().code, "jury_weight_invalid", "{w}");
        }
        assert!(validate_criterion(&input("1", "0", "10")).is_ok());
    }

    #[test]
    fn a_scale_needs_min_below_max() {
        let e = validate_criterion(&input("2", "5", "5")).unwrap_err();
        assert_eq!(e.get("scale_max").unwrap().code, "jury_scale_invalid");
        let e = validate_criterion(&input("2", "-1", "5")).unwrap_err();
        assert_eq!(e.get("scale_min").unwrap().code, "jury_scale_invalid");
        let v = validate_criterion(&input("2", "1", "5")).unwrap();
        assert_eq!((v.scale_min, v.scale_max, v.weight), (1, 5, 2));
    }

    #[test]
    fn a_score_outside_the_scale_is_refused() {
        let c = crit(0, 1, 1, 5);
        assert_eq!(
            parse_score(&c, "0").unwrap_err().code,
            "jury_score_out_of_scale"
        );
        assert_eq!(
            parse_score(&c, "6").unwrap_err().code,
            "jury_score_out_of_scale"
        );
        assert_eq!(parse_score(&c, "x").unwrap_err().code, "jury_score_invalid");
        assert_eq!(
            parse_score(&c, " ").unwrap_err().code,
            "jury_score_required"
        );
        assert_eq!(parse_score(&c, " 5 ").unwrap(), 5);
    }

    #[test]
    fn the_conflict_names_its_reason_and_structure() {
        let (a, b, c) = (id(1), id(2), id(3));
        let me = id(99);
        let team = TeamTies {
            people: [id(98)].into(),
            coach: Some(id(97)),
            designer: Some(id(96)),
            members: [a].into(),
            defi_owners: [b].into(),
            defi_sponsors: [c].into(),
        };
        let juror = |s: &[Uuid]| s.iter().copied().collect::<BTreeSet<_>>();
        assert_eq!(conflict(me, &juror(&[]), &team), None);
        assert_eq!(
            conflict(me, &juror(&[c]), &team),
            Some(Conflict {
                reason: ConflictReason::DefiSponsor,
                structure: Some(c)
            })
        );
        assert_eq!(
            conflict(me, &juror(&[b, c]), &team).unwrap().reason,
            ConflictReason::DefiOwner
        );
        assert_eq!(
            conflict(me, &juror(&[a, b, c]), &team).unwrap().reason,
            ConflictReason::Member
        );
        assert_eq!(
            conflict(id(98), &juror(&[]), &team).unwrap().reason,
            ConflictReason::OwnTeam
        );
        // The coach and the designer do not judge the team they worked with, even with a
        // structure shared with it.
        assert_eq!(
            conflict(id(97), &juror(&[a]), &team),
            Some(Conflict {
                reason: ConflictReason::Coach,
                structure: None
            })
        );
        assert_eq!(
            conflict(id(96), &juror(&[]), &team).unwrap().reason,
            ConflictReason::Designer
        );
    }

    #[test]
    fn totals_are_weighted_means_on_each_scale() {
        // Weight 3 on a 0–10 scale scored 10 (100 %), weight 1 on a 1–5 scale scored 1 (0 %).
        let c1 = crit(0, 3, 0, 10);
        let c2 = crit(1, 1, 1, 5);
        let (j, t) = (id(1), id(2));
        let s = |c: &Criterion, v| Score {
            juror: j,
            team: t,
            criterion: c.id,
            value: v,
        };
        let got = totals(&[c1, c2], &[s(&c1, 10), s(&c2, 1)]);
        assert!((got[&(j, t)] - 75.0).abs() < 1e-9);
    }

    #[test]
    fn equal_means_share_a_rank_and_are_explained() {
        let (j1, j2) = (id(1), id(2));
        let (t1, t2, t3, t4) = (id(11), id(12), id(13), id(14));
        let totals: BTreeMap<_, _> = [
            ((j1, t1), 80.0),
            ((j2, t1), 60.0),
            ((j1, t2), 70.0),
            ((j1, t3), 90.0),
            ((j2, t3), 50.0),
        ]
        .into();
        let r = rank(&[t1, t2, t3, t4], &totals);
        let ranks: Vec<_> = r.rows.iter().map(|x| (x.team, x.rank)).collect();
        assert_eq!(
            ranks,
            vec![(t1, Some(1)), (t2, Some(1)), (t3, Some(1)), (t4, None)]
        );
        assert_eq!(r.ties.len(), 1);
        assert_eq!(r.ties[0].mean_hundredths, 7000);
        assert!(!r.ties[0].same_jurors);
        assert!(r.rows[1].fewer_jurors && !r.rows[0].fewer_jurors);
    }

    #[test]
    fn a_single_score_or_a_flat_juror_counts_as_the_panel_mean() {
        let (j1, j2, j3) = (id(1), id(2), id(3));
        let (t1, t2) = (id(11), id(12));
        let totals: BTreeMap<_, _> = [
            ((j1, t1), 100.0),
            ((j1, t2), 0.0),
            ((j2, t1), 40.0),
            ((j2, t2), 40.0),
            ((j3, t1), 60.0),
        ]
        .into();
        let n = normalise(&totals);
        let mean = totals.values().sum::<f64>() / totals.len() as f64;
        assert!((n[&(j2, t1)] - mean).abs() < 1e-9);
        assert!((n[&(j3, t1)] - mean).abs() < 1e-9);
        assert!(n[&(j1, t1)] > n[&(j1, t2)]);
    }

    fn arb_case() -> impl Strategy<Value = (Vec<Criterion>, Vec<Score>, Vec<Uuid>)> {
        let crits = proptest::collection::vec((1i64..=5, 0i64..5, 1i64..10), 1..4).prop_map(|v| {
            v.into_iter()
                .enumerate()
                .map(|(i, (w, min, span))| crit(i as u128, w, min, min + span))
                .collect::<Vec<_>>()
        });
        crits.prop_flat_map(|crits| {
            let n = crits.len();
            (
                Just(crits),
                proptest::collection::vec((0u128..4, 0u128..6, 0usize..n, 0i64..20), 0..40),
            )
                .prop_map(|(crits, raw)| {
                    let mut seen = BTreeSet::new();
                    let scores = raw
                        .into_iter()
                        .filter(|(j, t, c, _)| seen.insert((*j, *t, *c)))
                        .map(|(j, t, c, v)| {
                            let cr = crits[c];
                            Score {
                                juror: id(j),
                                team: id(100 + t),
                                criterion: cr.id,
                                value: cr.scale_min + v % (cr.scale_max - cr.scale_min + 1),
                            }
                        })
                        .collect::<Vec<_>>();
                    let teams = (0..6).map(|t| id(100 + t)).collect();
                    (crits, scores, teams)
                })
        })
    }

    proptest! {
        #[test]
        fn scores_within_the_scale_are_accepted_and_only_those(
            min in 0i64..50, span in 1i64..50, v in -10i64..110
        ) {
            let c = crit(0, 1, min, min + span);
            let ok = parse_score(&c, &v.to_string()).is_ok();
            prop_assert_eq!(ok, v >= min && v <= min + span);
        }

        #[test]
        fn a_conflict_exists_exactly_when_a_person_or_structure_is_shared(
            juror_person in 0u128..8,
            people in proptest::collection::btree_set(0u128..8, 0..4),
            coach in proptest::option::of(0u128..8),
            designer in proptest::option::of(0u128..8),
            juror in proptest::collection::btree_set(0u128..10, 0..5),
            members in proptest::collection::btree_set(0u128..10, 0..5),
            owners in proptest::collection::btree_set(0u128..10, 0..3),
            sponsors in proptest::collection::btree_set(0u128..10, 0..3),
        ) {
            // People and structures come from disjoint id ranges.
            let person = |n: u128| id(1000 + n);
            let set = |s: &BTreeSet<u128>| s.iter().map(|n| id(*n)).collect::<BTreeSet<_>>();
            let team = TeamTies {
                people: people.iter().map(|n| person(*n)).collect(),
                coach: coach.map(person),
                designer: designer.map(person),
                members: set(&members),
                defi_owners: set(&owners),
                defi_sponsors: set(&sponsors),
            };
            let j = set(&juror);
            let me = person(juror_person);
            let in_team = people.contains(&juror_person);
            let coaches = coach == Some(juror_person);
            let designs = designer == Some(juror_person);
            let shared = juror.iter().any(|s| {
                members.contains(s) || owners.contains(s) || sponsors.contains(s)
            });
            let c = conflict(me, &j, &team);
            prop_assert_eq!(c.is_some(), in_team || coaches || designs || shared);
            if let Some(c) = c {
                match c.reason {
                    ConflictReason::OwnTeam => {
                        prop_assert!(in_team);
                        prop_assert_eq!(c.structure, None);
                    }
                    ConflictReason::Coach => {
                        prop_assert!(coaches && !in_team);
                        prop_assert_eq!(c.structure, None);
                    }
                    ConflictReason::Designer => {
                        prop_assert!(designs && !in_team && !coaches);
                        prop_assert_eq!(c.structure, None);
                    }
                    reason => {
                        prop_assert!(!in_team && !coaches && !designs);
                        let s = c.structure.unwrap();
                        prop_assert!(j.contains(&s));
                        let holder = match reason {
                            ConflictReason::Member => &team.members,
                            ConflictReason::DefiOwner => &team.defi_owners,
                            _ => &team.defi_sponsors,
                        };
                        prop_assert!(holder.contains(&s));
                    }
                }
            }
        }

        #[test]
        fn totals_and_normalised_totals_stay_within_0_100((crits, scores, _) in arb_case()) {
            let t = totals(&crits, &scores);
            for v in t.values() {
                prop_assert!(v.is_finite() && (0.0..=100.0).contains(v));
            }
            let n = normalise(&t);
            prop_assert_eq!(n.len(), t.len());
            for v in n.values() {
                prop_assert!(v.is_finite() && (0.0..=100.0).contains(v));
            }
        }

        #[test]
        fn normalisation_keeps_each_jurors_order((crits, scores, _) in arb_case()) {
            let t = totals(&crits, &scores);
            let n = normalise(&t);
            for ((j1, t1), a) in &t {
                for ((j2, t2), b) in &t {
                    if j1 == j2 && a > b {
                        prop_assert!(n[&(*j1, *t1)] >= n[&(*j2, *t2)]);
                    }
                }
            }
        }

        #[test]
        fn ranks_follow_the_means_and_ties_share_them((crits, scores, teams) in arb_case(), norm in any::<bool>()) {
            let mut t = totals(&crits, &scores);
            if norm {
                t = normalise(&t);
            }
            let r = rank(&teams, &t);
            prop_assert_eq!(r.rows.len(), teams.len());
            let scored: Vec<_> = r.rows.iter().filter(|x| x.mean.is_some()).collect();
            for a in &scored {
                // Competition ranking: 1 + how many teams show a strictly better mean.
                let ka = hundredths(a.mean.unwrap());
                let better = scored.iter().filter(|b| hundredths(b.mean.unwrap()) > ka).count();
                prop_assert_eq!(a.rank, Some(better + 1));
                let equal = scored.iter().filter(|b| hundredths(b.mean.unwrap()) == ka).count();
                prop_assert_eq!(a.tied, equal > 1);
                prop_assert_eq!(a.fewer_jurors, a.jurors < r.max_jurors);
                // The jurors counted are those who scored the team.
                let jurors = t.keys().filter(|(_, team)| *team == a.team).count();
                prop_assert_eq!(a.jurors, jurors);
            }
            for x in r.rows.iter().filter(|x| x.mean.is_none()) {
                prop_assert_eq!(x.rank, None);
            }
            for tie in &r.ties {
                prop_assert!(tie.teams.len() > 1);
                for team in &tie.teams {
                    let row = r.rows.iter().find(|x| x.team == *team).unwrap();
                    prop_assert_eq!(row.rank, Some(tie.rank));
                    prop_assert_eq!(hundredths(row.mean.unwrap()), tie.mean_hundredths);
                }
            }
        }
    }
}
