//! Administrative blockers (*hackers publics*): reports, routing to public hackers, statuses and
//! the aggregate view.
//!
//! Pure rules, no IO: what a report must hold, how the name of an administration is folded so
//! that "Préfecture du Finistère" and "prefecture du finistere" count as one, which status may
//! follow which, which public hackers a blocker goes to (most specific territory first), and the
//! counts of the aggregate page.

use crate::invalid::{FieldErrors, Invalid};
use crate::territory::{normalise_name, Territories, TerritoryLevel, TerritoryRef};
use chrono::{DateTime, NaiveDate, Utc};
use std::collections::BTreeMap;
use uuid::Uuid;

pub const MAX_TITLE: usize = 200;
pub const MAX_TEXT: usize = 10_000;
pub const MAX_ADMINISTRATION: usize = 200;
pub const MAX_MESSAGE: usize = 5_000;

/// Where a blocker stands. The derived order is the order of the workflow.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Status {
    Reported,
    Acknowledged,
    InProgress,
    Unblocked,
    NotSolvable,
}

impl Status {
    pub const ALL: [Status; 5] = [
        Status::Reported,
        Status::Acknowledged,
        Status::InProgress,
        Status::Unblocked,
        Status::NotSolvable,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Status::Reported => "reported",
            Status::Acknowledged => "acknowledged",
            Status::InProgress => "in_progress",
            Status::Unblocked => "unblocked",
            Status::NotSolvable => "not_solvable",
        }
    }

    pub fn parse(s: &str) -> Option<Status> {
        Status::ALL.into_iter().find(|x| x.as_str() == s.trim())
    }

    /// Unblocked and not solvable close the blocker (it may be reopened).
    pub fn is_closed(self) -> bool {
        matches!(self, Status::Unblocked | Status::NotSolvable)
    }

    /// The statuses a public hacker may move a blocker to from this one. A closed blocker can
    /// only be reopened (in progress): a new fact, a new attempt. Nothing goes back to
    /// "reported", which only says that nobody has looked yet.
    pub fn next(self) -> &'static [Status] {
        use Status::*;
        match self {
            Reported => &[Acknowledged, InProgress, Unblocked, NotSolvable],
            Acknowledged => &[InProgress, Unblocked, NotSolvable],
            InProgress => &[Unblocked, NotSolvable],
            Unblocked | NotSolvable => &[InProgress],
        }
    }

    pub fn can_move_to(self, to: Status) -> bool {
        self.next().contains(&to)
    }
}

/// The key under which an administration is counted: case, accents, punctuation and spacing
/// folded ("Préfecture  du Finistère" and "PREFECTURE DU FINISTERE" are one).
pub fn administration_key(name: &str) -> String {
    normalise_name(name)
}

/// A single line of text: no control character (a title goes into mail subjects).
fn single_line(s: &str) -> bool {
    !s.chars().any(char::is_control)
}

/// A report as typed (form or API).
#[derive(Debug, Clone, Default)]
pub struct BlockerInput {
    pub title: String,
    pub description: String,
    pub administration: String,
    /// `YYYY-MM-DD`, or empty.
    pub since: String,
    pub tried: String,
    /// A territory reference ("commune:29019"), already resolved from what was typed.
    pub territory: String,
    /// A challenge code, or empty for none.
    pub theme: String,
    pub public: bool,
}

/// A report that passed every check.
#[derive(Debug, Clone, PartialEq)]
pub struct ValidBlocker {
    pub title: String,
    pub description: String,
    pub administration: String,
    pub administration_key: String,
    pub since: Option<NaiveDate>,
    pub tried: String,
    pub territory: TerritoryRef,
    /// The département and the région the territory lies in (itself when it is one).
    pub departement: Option<String>,
    pub region: Option<String>,
    pub theme: Option<String>,
    pub public: bool,
}

/// The département and région codes of a territory (itself when it is one).
pub fn departement_and_region(
    territories: &Territories,
    r: &TerritoryRef,
) -> (Option<String>, Option<String>) {
    let Some(t) = territories.get(r) else {
        return (None, None);
    };
    let mut all: Vec<&TerritoryRef> = t.parents.iter().collect();
    let me = t.reference();
    all.push(&me);
    let find = |level| {
        all.iter()
            .find(|p| p.level == level)
            .map(|p| p.code.clone())
    };
    (
        find(TerritoryLevel::Departement),
        find(TerritoryLevel::Region),
    )
}

/// Checks a report. `themes`: the challenge codes that exist; `today`: for "since".
pub fn validate(
    input: &BlockerInput,
    territories: &Territories,
    themes: &[String],
    today: NaiveDate,
) -> Result<ValidBlocker, FieldErrors> {
    let mut errors = FieldErrors::new();
    let title = input.title.trim();
    if title.is_empty() {
        errors.add("title", Invalid::new("blockers_title_required"));
    } else if title.chars().count() > MAX_TITLE {
        errors.add("title", Invalid::new("blockers_title_too_long"));
    } else if !single_line(title) {
        errors.add("title", Invalid::new("blockers_title_one_line"));
    }
    let description = input.description.trim();
    if description.is_empty() {
        errors.add("description", Invalid::new("blockers_description_required"));
    } else if description.chars().count() > MAX_TEXT {
        errors.add("description", Invalid::new("blockers_text_too_long"));
    }
    let administration = input.administration.trim();
    let key = administration_key(administration);
    if key.is_empty() {
        errors.add(
            "administration",
            Invalid::new("blockers_administration_required"),
        );
    } else if administration.chars().count() > MAX_ADMINISTRATION || !single_line(administration) {
        errors.add(
            "administration",
            Invalid::new("blockers_administration_invalid"),
        );
    }
    let since = match input.since.trim() {
        "" => None,
        s => match NaiveDate::parse_from_str(s, "%Y-%m-%d") {
            Ok(d) if d <= today => Some(d),
            Ok(_) => {
                errors.add("since", Invalid::new("blockers_since_future"));
                None
            }
            Err(_) => {
                errors.add("since", Invalid::new("blockers_since_invalid"));
                None
            }
        },
    };
    if input.tried.trim().chars().count() > MAX_TEXT {
        errors.add("tried", Invalid::new("blockers_text_too_long"));
    }
    let territory = match TerritoryRef::parse(&input.territory) {
        Ok(r) if territories.get(&r).is_some() => Some(r),
        _ => {
            errors.add("territory", Invalid::new("blockers_territory_unknown"));
            None
        }
    };
    let theme = match input.theme.trim() {
        "" => None,
        code if themes.iter().any(|t| t == code) => Some(code.to_owned()),
        _ => {
            errors.add("theme", Invalid::new("blockers_theme_unknown"));
            None
        }
    };
    match territory {
        Some(territory) if errors.is_empty() => {
            let (departement, region) = departement_and_region(territories, &territory);
            Ok(ValidBlocker {
                title: title.to_owned(),
                description: description.to_owned(),
                administration: administration.to_owned(),
                administration_key: key,
                since,
                tried: input.tried.trim().to_owned(),
                territory,
                departement,
                region,
                theme,
                public: input.public,
            })
        }
        _ => Err(errors),
    }
}

/// A message between the reporter and the hackers.
pub fn validate_message(body: &str) -> Result<String, Invalid> {
    let body = body.trim();
    if body.is_empty() {
        Err(Invalid::new("blockers_message_required"))
    } else if body.chars().count() > MAX_MESSAGE {
        Err(Invalid::new("blockers_message_too_long"))
    } else {
        Ok(body.to_owned())
    }
}

/// A public hacker's remit: a territory and, optionally, one theme.
#[derive(Debug, Clone, PartialEq)]
pub struct Remit {
    pub person_id: Uuid,
    pub territory: TerritoryRef,
    /// None: every theme.
    pub theme: Option<String>,
}

/// The people a blocker goes to: every hacker whose territory is the blocker's or contains it
/// (a hacker of a département covers its communes), for the blocker's theme or for all themes;
/// the most specific first (commune before EPCI before département before région, a theme's
/// hacker before an all-themes one), each person once.
pub fn route(
    territories: &Territories,
    territory: &TerritoryRef,
    theme: Option<&str>,
    remits: &[Remit],
) -> Vec<Uuid> {
    let mut covering: Vec<TerritoryRef> = territories
        .get(territory)
        .map(|t| t.parents.clone())
        .unwrap_or_default();
    covering.push(territory.clone());
    let mut hits: Vec<(TerritoryLevel, bool, usize, Uuid)> = remits
        .iter()
        .enumerate()
        .filter(|(_, r)| covering.contains(&r.territory))
        .filter(|(_, r)| match (&r.theme, theme) {
            (None, _) => true,
            (Some(t), Some(wanted)) => t == wanted,
            (Some(_), None) => false,
        })
        .map(|(i, r)| (r.territory.level, r.theme.is_some(), i, r.person_id))
        .collect();
    // Most specific level first, then theme-specific, then the order given.
    hits.sort_by(|a, b| b.0.cmp(&a.0).then(b.1.cmp(&a.1)).then(a.2.cmp(&b.2)));
    let mut out = Vec::new();
    for (_, _, _, p) in hits {
        if !out.contains(&p) {
            out.push(p);
        }
    }
    out
}

/// One blocker as the aggregate page counts it: no title, no text, no person.
#[derive(Debug, Clone)]
pub struct Fact {
    pub administration_key: String,
    pub administration: String,
    pub theme: Option<String>,
    pub departement: Option<String>,
    pub region: Option<String>,
    pub status: Status,
    pub created_at: DateTime<Utc>,
    pub unblocked_at: Option<DateTime<Utc>>,
    /// Whether the blocker is public: only public ones lend their words to the summary.
    pub public: bool,
}

/// The key and label of the row that counts, together, the administrations named only in
/// private blockers: their names are the reporters' free text, so neither is shown (the pages
/// show "Unpublished administration" in the visitor's language).
pub const UNPUBLISHED_ADMINISTRATION: &str = "";

/// A row of counts: a name and how many blockers per status.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Counts {
    pub key: String,
    /// The label shown: the most frequent spelling among public blockers for an administration
    /// (`UNPUBLISHED_ADMINISTRATION` for those named only in private ones), the key otherwise.
    pub label: String,
    pub total: usize,
    pub open: usize,
    pub unblocked: usize,
    pub not_solvable: usize,
}

/// The aggregate view.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Summary {
    pub total: usize,
    pub by_status: Vec<(Status, usize)>,
    /// Most blockers first.
    pub by_administration: Vec<Counts>,
    pub by_theme: Vec<Counts>,
    pub by_departement: Vec<Counts>,
    pub by_region: Vec<Counts>,
    /// Median days from report to unblocking, over the unblocked ones.
    pub median_days_to_unblock: Option<f64>,
}

fn group(facts: &[Fact], key: impl Fn(&Fact) -> Option<(String, String)>) -> Vec<Counts> {
    let mut rows: BTreeMap<String, (Counts, BTreeMap<String, usize>)> = BTreeMap::new();
    for f in facts {
        let Some((k, label)) = key(f) else { continue };
        let (c, labels) = rows.entry(k.clone()).or_default();
        c.key = k;
        c.total += 1;
        match f.status {
            Status::Unblocked => c.unblocked += 1,
            Status::NotSolvable => c.not_solvable += 1,
            _ => c.open += 1,
        }
        // An empty label is not a candidate (a private blocker's spelling, withheld).
        if !label.is_empty() {
            *labels.entry(label).or_default() += 1;
        }
    }
    let mut out: Vec<Counts> = rows
        .into_values()
        .map(|(mut c, labels)| {
            // The most used spelling; ties go to the first in order, for stable output.
            let mut best: Option<(&String, usize)> = None;
            for (l, n) in &labels {
                if best.is_none_or(|(_, m)| *n > m) {
                    best = Some((l, *n));
                }
            }
            c.label = best.map(|(l, _)| l.clone()).unwrap_or_default();
            c
        })
        .collect();
    out.sort_by(|a, b| b.total.cmp(&a.total).then(a.key.cmp(&b.key)));
    out
}

/// Counts per administration. Only public blockers are named: an administration's label is
/// its most frequent spelling among public blockers, and the administrations that only private
/// blockers name are counted together under `UNPUBLISHED_ADMINISTRATION` (key and label), so
/// that no private report's free text shows, not even folded.
fn by_administration(facts: &[Fact]) -> Vec<Counts> {
    let published: std::collections::BTreeSet<&str> = facts
        .iter()
        .filter(|f| f.public)
        .map(|f| f.administration_key.as_str())
        .collect();
    group(facts, |f| {
        if published.contains(f.administration_key.as_str()) {
            // The spelling of a private blocker is not counted among the candidates.
            f.public
                .then(|| (f.administration_key.clone(), f.administration.clone()))
                .or_else(|| Some((f.administration_key.clone(), String::new())))
        } else {
            Some((
                UNPUBLISHED_ADMINISTRATION.to_owned(),
                UNPUBLISHED_ADMINISTRATION.to_owned(),
            ))
        }
    })
}

/// The median of some numbers (None when there are none).
pub fn median(mut xs: Vec<f64>) -> Option<f64> {
    if xs.is_empty() {
        return None;
    }
    xs.sort_by(f64::total_cmp);
    let n = xs.len();
    Some(if n % 2 == 1 {
        xs[n / 2]
    } else {
        (xs[n / 2 - 1] + xs[n / 2]) / 2.0
    })
}

pub fn summarise(facts: &[Fact]) -> Summary {
    let by_status = Status::ALL
        .iter()
        .map(|s| (*s, facts.iter().filter(|f| f.status == *s).count()))
        .collect();
    let days: Vec<f64> = facts
        .iter()
        .filter(|f| f.status == Status::Unblocked)
        .filter_map(|f| {
            f.unblocked_at
                .map(|u| (u - f.created_at).num_seconds() as f64 / 86_400.0)
        })
        .collect();
    Summary {
        total: facts.len(),
        by_status,
        by_administration: by_administration(facts),
        by_theme: group(facts, |f| f.theme.clone().map(|t| (t.clone(), t))),
        by_departement: group(facts, |f| f.departement.clone().map(|d| (d.clone(), d))),
        by_region: group(facts, |f| f.region.clone().map(|r| (r.clone(), r))),
        median_days_to_unblock: median(days),
    }
}

/// The public blockers' dataset in the DCAT catalogue (`/data/blocages.csv`, its Table
/// Schema at `/schemas/blocages.json`): no private blocker, no description, no person.
pub fn dcat_dataset(base_url: &str) -> serde_json::Value {
    const LICENCE_OUVERTE: &str = "https://www.etalab.gouv.fr/licence-ouverte-open-licence";
    let base = base_url.trim_end_matches('/');
    let csv = format!("{base}/data/blocages.csv");
    let schema = format!("{base}/schemas/blocages.json");
    serde_json::json!({
        "@id": format!("{base}/data/blocages"),
        "@type": "dcat:Dataset",
        "dct:identifier": format!("{base}/data/blocages"),
        "dct:title": "Blocages administratifs publics",
        "dct:description": "Les blocages administratifs déclarés publics par les porteurs de \
            projet : administration, territoire (codes INSEE), thème, statut et dates. Ni \
            blocage privé, ni description, ni donnée personnelle.",
        "dct:language": { "@id": "http://publications.europa.eu/resource/authority/language/FRA" },
        "dcat:keyword": ["blocages administratifs", "hackers publics", "simplification"],
        "dcat:landingPage": { "@id": format!("{base}/blocages/synthese") },
        "dct:license": { "@id": LICENCE_OUVERTE },
        "dct:conformsTo": { "@id": schema },
        "dcat:distribution": [{
            "@id": csv,
            "@type": "dcat:Distribution",
            "dct:title": "Blocages publics (CSV)",
            "dcat:accessURL": { "@id": csv },
            "dcat:downloadURL": { "@id": csv },
            "dct:format": { "@id": "http://publications.europa.eu/resource/authority/file-type/CSV" },
            "dcat:mediaType": { "@id": "https://www.iana.org/assignments/media-types/text/csv" },
            "dct:conformsTo": { "@id": schema },
            "dct:license": { "@id": LICENCE_OUVERTE },
        }],
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn today() -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 11, 25).unwrap()
    }

    fn input() -> BlockerInput {
        BlockerInput {
            title: "Agrément refusé sans motif".into(),
            description: "Le dossier d'agrément **ESUS** est bloqué.".into(),
            administration: "  Préfecture du Finistère ".into(),
            since: "2026-03-01".into(),
            tried: "Deux relances.".into(),
            territory: "commune:29019".into(),
            theme: "alimentation".into(),
            public: true,
        }
    }

    #[test]
    fn a_complete_report_is_valid_and_placed_in_its_departement_and_region() {
        let v = validate(
            &input(),
            Territories::bundled(),
            &["alimentation".into()],
            today(),
        )
        .unwrap();
        assert_eq!(v.administration, "Préfecture du Finistère");
        assert_eq!(v.administration_key, "prefecture du finistere");
        assert_eq!(v.departement.as_deref(), Some("29"));
        assert_eq!(v.region.as_deref(), Some("53"));
        assert_eq!(v.since, NaiveDate::from_ymd_opt(2026, 3, 1));
    }

    #[test]
    fn bad_reports_name_each_field() {
        let bad = BlockerInput {
            title: "Deux\r\nBcc: x@exemple.fr".into(),
            description: " ".into(),
            administration: "".into(),
            since: "2027-01-01".into(),
            tried: String::new(),
            territory: "commune:99999".into(),
            theme: "nope".into(),
            public: false,
        };
        let e = validate(&bad, Territories::bundled(), &[], today()).unwrap_err();
        let codes: Vec<(&str, &str)> = e.0.iter().map(|(f, i)| (*f, i.code)).collect();
        assert_eq!(
            codes,
            vec![
                ("title", "blockers_title_one_line"),
                ("description", "blockers_description_required"),
                ("administration", "blockers_administration_required"),
                ("since", "blockers_since_future"),
                ("territory", "blockers_territory_unknown"),
                ("theme", "blockers_theme_unknown"),
            ]
        );
    }

    #[test]
    fn administrations_fold_case_accents_and_spacing() {
        assert_eq!(
            administration_key("PRÉFECTURE  du  Finistère"),
            administration_key("prefecture du finistere")
        );
        assert_eq!(administration_key("URSSAF-Bretagne"), "urssaf bretagne");
    }

    #[test]
    fn the_workflow_allows_only_its_transitions() {
        use Status::*;
        assert!(Reported.can_move_to(Acknowledged));
        assert!(Acknowledged.can_move_to(Unblocked));
        assert!(Unblocked.can_move_to(InProgress));
        assert!(!Unblocked.can_move_to(Reported));
        assert!(!InProgress.can_move_to(Acknowledged));
        assert!(!Reported.can_move_to(Reported));
    }

    proptest! {
        #[test]
        fn no_status_moves_to_itself_or_back_to_reported(a in 0usize..5, b in 0usize..5) {
            let (from, to) = (Status::ALL[a], Status::ALL[b]);
            if from.can_move_to(to) {
                prop_assert!(from != to);
                prop_assert!(to != Status::Reported);
                // A closed blocker only reopens.
                prop_assert!(!from.is_closed() || to == Status::InProgress);
            }
            prop_assert_eq!(Status::parse(from.as_str()), Some(from));
        }

        #[test]
        fn every_status_reaches_unblocked(a in 0usize..5) {
            // From anywhere, at most two moves lead to unblocked.
            let from = Status::ALL[a];
            let reachable = from == Status::Unblocked
                || from.can_move_to(Status::Unblocked)
                || from.next().iter().any(|s| s.can_move_to(Status::Unblocked));
            prop_assert!(reachable);
        }

        #[test]
        fn the_median_lies_between_the_extremes(xs in proptest::collection::vec(0.0f64..1000.0, 1..50)) {
            let m = median(xs.clone()).unwrap();
            let lo = xs.iter().copied().fold(f64::INFINITY, f64::min);
            let hi = xs.iter().copied().fold(f64::NEG_INFINITY, f64::max);
            prop_assert!(lo <= m && m <= hi);
        }
    }

    fn remit(n: u128, territory: &str, theme: Option<&str>) -> Remit {
        Remit {
            person_id: Uuid::from_u128(n),
            territory: TerritoryRef::parse(territory).unwrap(),
            theme: theme.map(str::to_owned),
        }
    }

    #[test]
    fn routing_goes_to_the_covering_hackers_most_specific_first() {
        let t = Territories::bundled();
        let remits = vec![
            remit(1, "region:53", None),
            remit(2, "departement:29", None),
            remit(3, "departement:29", Some("alimentation")),
            remit(4, "departement:56", None),
            remit(5, "commune:29019", Some("logement")),
            remit(6, "commune:29019", None),
            remit(2, "region:53", None),
        ];
        let to = route(
            t,
            &TerritoryRef::parse("commune:29019").unwrap(),
            Some("alimentation"),
            &remits,
        );
        let ids: Vec<u128> = to.iter().map(|u| u.as_u128()).collect();
        assert_eq!(ids, vec![6, 3, 2, 1]);
        let none = route(
            t,
            &TerritoryRef::parse("commune:75056").unwrap(),
            None,
            &remits,
        );
        assert!(none.is_empty());
    }

    #[test]
    fn the_summary_counts_without_details_and_takes_the_median() {
        let at = |d: i64| DateTime::<Utc>::from_timestamp(d * 86_400, 0).unwrap();
        let fact = |admin: &str, status, created: i64, unblocked: Option<i64>| Fact {
            administration_key: administration_key(admin),
            administration: admin.to_owned(),
            theme: Some("alimentation".into()),
            departement: Some("29".into()),
            region: Some("53".into()),
            status,
            created_at: at(created),
            unblocked_at: unblocked.map(at),
            public: true,
        };
        let facts = vec![
            fact("URSSAF", Status::Unblocked, 0, Some(10)),
            fact("Urssaf", Status::Unblocked, 0, Some(20)),
            fact("urssaf", Status::Reported, 0, None),
            fact("Mairie de Brest", Status::NotSolvable, 0, None),
        ];
        let s = summarise(&facts);
        assert_eq!(s.total, 4);
        assert_eq!(s.by_administration[0].key, "urssaf");
        assert_eq!(s.by_administration[0].total, 3);
        assert_eq!(s.by_administration[0].unblocked, 2);
        assert_eq!(s.by_administration[0].open, 1);
        assert_eq!(s.by_administration[1].not_solvable, 1);
        assert_eq!(s.median_days_to_unblock, Some(15.0));
        assert_eq!(s.by_departement[0].total, 4);
    }

    #[test]
    fn the_summary_names_administrations_from_public_blockers_only() {
        let at = DateTime::<Utc>::from_timestamp(0, 0).unwrap();
        let fact = |admin: &str, public| Fact {
            administration_key: administration_key(admin),
            administration: admin.to_owned(),
            theme: None,
            departement: None,
            region: None,
            status: Status::Reported,
            created_at: at,
            unblocked_at: None,
            public,
        };
        let facts = vec![
            // The private spellings outnumber the public one, which still names the row.
            fact("URSSAF", true),
            fact("Urssaf", false),
            fact("Urssaf", false),
            fact("urssaf (dossier de Mme Secret)", false),
            // Named only in private blockers: counted together, without a name.
            fact("Mairie de Secretville", false),
            fact("Office du Secret", false),
        ];
        let s = summarise(&facts);
        assert_eq!(s.total, 6);
        let urssaf = s
            .by_administration
            .iter()
            .find(|c| c.key == "urssaf")
            .unwrap();
        assert_eq!((urssaf.label.as_str(), urssaf.total), ("URSSAF", 3));
        let hidden = s
            .by_administration
            .iter()
            .find(|c| c.key == UNPUBLISHED_ADMINISTRATION)
            .unwrap();
        assert_eq!((hidden.label.as_str(), hidden.total), ("", 3));
        assert_eq!(s.by_administration.len(), 2);
        assert!(!format!("{s:?}").to_lowercase().contains("secret"));
    }
}
