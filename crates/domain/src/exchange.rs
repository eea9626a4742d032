//! Offers and needs (*entraide*): what structures and people offer and what they need (skills,
//! premises, equipment, volunteering, funding), and the matching of a need with the offers
//! that fit it.
//!
//! Pure rules, no IO. The matching is a score made of explicit reasons, so that the page can
//! say why an offer is suggested:
//!
//! - an offer must be of the same kind as the need, open, not expired, and by someone else
//!   (another author and another structure);
//! - the territories must meet in a région or lie in neighbouring départements; the closest
//!   scores most (same territory > same EPCI, i.e. neighbouring communes > same département >
//!   neighbouring département > same région);
//! - every shared theme (societal challenge) adds points;
//! - dates: two periods that do not overlap never match; periods that overlap add points; a
//!   post without dates is available any time and adds nothing.
//!
//! Neighbouring départements come from `data/departement-neighbours.tsv`, derived by
//! `scripts/exchange/neighbours.py` from the map's shapes (metropolitan France; overseas
//! départements have no neighbours there).

use crate::invalid::{FieldErrors, Invalid};
use crate::territory::{Territories, Territory, TerritoryLevel, TerritoryRef};
use crate::text::{clean_line, LineCodes};
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use std::collections::{BTreeSet, HashMap};
use std::sync::OnceLock;

const NEIGHBOURS_TSV: &str = include_str!("../data/departement-neighbours.tsv");

/// The départements that share a border with `code` (INSEE code, "29", "2A").
pub fn neighbouring_departements(code: &str) -> &'static [String] {
    static TABLE: OnceLock<HashMap<String, Vec<String>>> = OnceLock::new();
    TABLE
        .get_or_init(|| {
            NEIGHBOURS_TSV
                .lines()
                .filter(|l| !l.starts_with('#'))
                .filter_map(|l| l.split_once('\t'))
                .map(|(code, list)| {
                    let list = list
                        .split(',')
                        .filter(|c| !c.is_empty())
                        .map(str::to_owned)
                        .collect();
                    (code.to_owned(), list)
                })
                .collect()
        })
        .get(code)
        .map(Vec::as_slice)
        .unwrap_or(&[])
}

/// Whether a post offers or asks.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Direction {
    Offer,
    Need,
}

impl Direction {
    pub const ALL: [Direction; 2] = [Direction::Offer, Direction::Need];

    pub fn as_str(self) -> &'static str {
        match self {
            Direction::Offer => "offer",
            Direction::Need => "need",
        }
    }

    pub fn parse(s: &str) -> Result<Direction, Invalid> {
        Direction::ALL
            .into_iter()
            .find(|d| d.as_str() == s.trim())
            .ok_or(Invalid::new("exchange_direction_invalid"))
    }
}

/// What is offered or needed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Kind {
    /// Skills, including *mécénat de compétences* (employees lent by a company).
    Skills,
    Premises,
    Equipment,
    Volunteering,
    Funding,
}

impl Kind {
    pub const ALL: [Kind; 5] = [
        Kind::Skills,
        Kind::Premises,
        Kind::Equipment,
        Kind::Volunteering,
        Kind::Funding,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Kind::Skills => "skills",
            Kind::Premises => "premises",
            Kind::Equipment => "equipment",
            Kind::Volunteering => "volunteering",
            Kind::Funding => "funding",
        }
    }

    pub fn parse(s: &str) -> Result<Kind, Invalid> {
        Kind::ALL
            .into_iter()
            .find(|k| k.as_str() == s.trim())
            .ok_or(Invalid::new("exchange_kind_invalid"))
    }
}

/// A post's status: open posts are listed and matched; closed ones stay readable.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Status {
    Open,
    Closed,
}

impl Status {
    pub fn as_str(self) -> &'static str {
        match self {
            Status::Open => "open",
            Status::Closed => "closed",
        }
    }

    pub fn parse(s: &str) -> Result<Status, Invalid> {
        match s {
            "open" => Ok(Status::Open),
            "closed" => Ok(Status::Closed),
            _ => Err(Invalid::new("exchange_status_invalid")),
        }
    }
}

pub const MAX_TITLE: usize = 150;
pub const MAX_BODY: usize = 10_000;
pub const MAX_MESSAGE: usize = 5_000;
pub const MAX_THEMES: usize = 5;

/// A post as typed in a form or an API payload.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
pub struct PostInput {
    pub direction: String,
    pub kind: String,
    pub title: String,
    /// Markdown, rendered sanitised.
    pub body: String,
    /// A territory reference, a code or a name (see `territory_pick`).
    pub territory: String,
    pub themes: Vec<String>,
    /// `YYYY-MM-DD` or empty.
    pub starts_on: String,
    pub ends_on: String,
}

/// A valid post's fields.
#[derive(Debug, Clone, PartialEq)]
pub struct PostFields {
    pub direction: Direction,
    pub kind: Kind,
    pub title: String,
    pub body: String,
    pub territory: TerritoryRef,
    pub themes: Vec<String>,
    pub starts_on: Option<NaiveDate>,
    pub ends_on: Option<NaiveDate>,
}

const TITLE: LineCodes = LineCodes {
    required: "exchange_title_required",
    too_short: "exchange_title_required",
    too_long: "exchange_title_too_long",
};

fn parse_date(s: &str) -> Result<Option<NaiveDate>, Invalid> {
    let s = s.trim();
    if s.is_empty() {
        return Ok(None);
    }
    NaiveDate::parse_from_str(s, "%Y-%m-%d")
        .map(Some)
        .map_err(|_| Invalid::new("exchange_date_invalid"))
}

impl PostInput {
    /// Checks every field; `themes_known` are the codes of the societal challenges.
    pub fn validate(
        &self,
        territories: &Territories,
        themes_known: &[String],
    ) -> Result<PostFields, FieldErrors> {
        let mut e = FieldErrors::new();
        let direction = e.check("direction", Direction::parse(&self.direction));
        let kind = e.check("kind", Kind::parse(&self.kind));
        let title = e.check("title", clean_line(&self.title, 3, MAX_TITLE, TITLE));
        let body = self.body.trim().to_owned();
        if body.chars().count() > MAX_BODY {
            e.add("body", Invalid::new("exchange_body_too_long"));
        }
        let territory = match self.territory.trim() {
            "" => {
                e.add("territory", Invalid::new("exchange_territory_required"));
                None
            }
            t => match crate::territory_pick::pick(territories, t) {
                Ok(t) => Some(t.reference()),
                Err(_) => {
                    e.add("territory", Invalid::new("exchange_territory_unknown"));
                    None
                }
            },
        };
        let mut themes: Vec<String> = Vec::new();
        for t in &self.themes {
            let t = t.trim();
            if t.is_empty() || themes.iter().any(|x| x == t) {
                continue;
            }
            if !themes_known.iter().any(|k| k == t) {
                e.add("themes", Invalid::new("exchange_theme_unknown"));
            }
            themes.push(t.to_owned());
        }
        if themes.len() > MAX_THEMES {
            e.add("themes", Invalid::new("exchange_too_many_themes"));
        }
        let starts_on = e.check("starts_on", parse_date(&self.starts_on));
        let ends_on = e.check("ends_on", parse_date(&self.ends_on));
        if let (Some(Some(s)), Some(Some(end))) = (starts_on, ends_on) {
            if end < s {
                e.add("ends_on", Invalid::new("exchange_dates_reversed"));
            }
        }
        match (direction, kind, title, territory, starts_on, ends_on) {
            (
                Some(direction),
                Some(kind),
                Some(title),
                Some(territory),
                Some(starts_on),
                Some(ends_on),
            ) if e.is_empty() => Ok(PostFields {
                direction,
                kind,
                title,
                body,
                territory,
                themes,
                starts_on,
                ends_on,
            }),
            _ => Err(e),
        }
    }
}

/// A message sent through the platform: trimmed, 1 to `MAX_MESSAGE` characters.
pub fn parse_message(s: &str) -> Result<String, Invalid> {
    let s = s.trim();
    if s.is_empty() {
        return Err(Invalid::new("exchange_message_required"));
    }
    if s.chars().count() > MAX_MESSAGE {
        return Err(Invalid::new("exchange_message_too_long"));
    }
    Ok(s.to_owned())
}

/// Text that goes into a mail subject: control characters (CR and LF among them) become
/// spaces, so that a name or a title cannot add a header.
pub fn subject_safe(s: &str) -> String {
    let cleaned: String = s
        .chars()
        .map(|c| if c.is_control() { ' ' } else { c })
        .collect();
    cleaned.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Where a post is: its territory and every territory that contains it.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Place(pub BTreeSet<TerritoryRef>);

impl Place {
    pub fn of(t: &Territory) -> Place {
        let mut set: BTreeSet<TerritoryRef> = t.parents.iter().cloned().collect();
        set.insert(t.reference());
        Place(set)
    }

    /// The place of a reference, through the territories; just the reference if unknown.
    pub fn resolve(territories: &Territories, r: &TerritoryRef) -> Place {
        match territories.get(r) {
            Some(t) => Place::of(t),
            None => Place([r.clone()].into_iter().collect()),
        }
    }

    /// A département of `other` that borders one of this place's départements.
    pub fn neighbouring_departement(&self, other: &Place) -> Option<TerritoryRef> {
        let departements = |p: &Place| -> Vec<TerritoryRef> {
            p.0.iter()
                .filter(|r| r.level == TerritoryLevel::Departement)
                .cloned()
                .collect()
        };
        let theirs = departements(other);
        departements(self).iter().find_map(|mine| {
            let around = neighbouring_departements(&mine.code);
            theirs.iter().find(|t| around.contains(&t.code)).cloned()
        })
    }

    /// The most specific territory both places are in (communes first, régions last).
    pub fn closest_common<'a>(&'a self, other: &'a Place) -> Option<&'a TerritoryRef> {
        self.0.intersection(&other.0).max_by_key(|r| r.level)
    }
}

/// Why an offer is suggested for a need.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(tag = "reason", rename_all = "snake_case")]
pub enum Reason {
    SameKind,
    /// The closest territory both are in, and its level.
    SameTerritory {
        territory: TerritoryRef,
    },
    SameEpci {
        territory: TerritoryRef,
    },
    SameDepartement {
        territory: TerritoryRef,
    },
    /// The offer's département, which borders the need's.
    NeighbouringDepartement {
        territory: TerritoryRef,
    },
    SameRegion {
        territory: TerritoryRef,
    },
    SharedThemes {
        themes: Vec<String>,
    },
    DatesOverlap,
}

impl Reason {
    /// The Fluent message id of the reason.
    pub fn code(&self) -> &'static str {
        match self {
            Reason::SameKind => "exchange-reason-same-kind",
            Reason::SameTerritory { .. } => "exchange-reason-same-territory",
            Reason::SameEpci { .. } => "exchange-reason-same-epci",
            Reason::SameDepartement { .. } => "exchange-reason-same-departement",
            Reason::NeighbouringDepartement { .. } => "exchange-reason-neighbouring-departement",
            Reason::SameRegion { .. } => "exchange-reason-same-region",
            Reason::SharedThemes { .. } => "exchange-reason-shared-themes",
            Reason::DatesOverlap => "exchange-reason-dates-overlap",
        }
    }

    pub fn territory(&self) -> Option<&TerritoryRef> {
        match self {
            Reason::SameTerritory { territory }
            | Reason::SameEpci { territory }
            | Reason::SameDepartement { territory }
            | Reason::NeighbouringDepartement { territory }
            | Reason::SameRegion { territory } => Some(territory),
            _ => None,
        }
    }
}

/// What matching needs to know of a post.
#[derive(Debug, Clone)]
pub struct Candidate<Id> {
    pub id: Id,
    pub author: Id,
    pub structure: Option<Id>,
    pub direction: Direction,
    pub kind: Kind,
    pub place: Place,
    pub themes: Vec<String>,
    pub starts_on: Option<NaiveDate>,
    pub ends_on: Option<NaiveDate>,
    pub status: Status,
}

impl<Id> Candidate<Id> {
    /// Open and not past its end date.
    pub fn is_live(&self, today: NaiveDate) -> bool {
        self.status == Status::Open && self.ends_on.is_none_or(|e| e >= today)
    }
}

/// An offer suggested for a need.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Match<Id> {
    pub offer: Id,
    pub score: u32,
    pub reasons: Vec<Reason>,
}

pub const SCORE_SAME_TERRITORY: u32 = 40;
pub const SCORE_SAME_EPCI: u32 = 30;
pub const SCORE_SAME_DEPARTEMENT: u32 = 20;
pub const SCORE_NEIGHBOURING_DEPARTEMENT: u32 = 15;
pub const SCORE_SAME_REGION: u32 = 10;
pub const SCORE_PER_THEME: u32 = 10;
pub const SCORE_DATES: u32 = 5;
pub const SCORE_KIND: u32 = 10;

/// How well `offer` fits `need` today, with the reasons; `None` when it does not fit at all.
pub fn score<Id: PartialEq + Clone>(
    need: &Candidate<Id>,
    offer: &Candidate<Id>,
    today: NaiveDate,
) -> Option<Match<Id>> {
    if need.direction != Direction::Need || offer.direction != Direction::Offer {
        return None;
    }
    if !need.is_live(today) || !offer.is_live(today) {
        return None;
    }
    // One cannot answer one's own need, nor one's structure's.
    if need.author == offer.author
        || (need.structure.is_some() && need.structure == offer.structure)
    {
        return None;
    }
    if need.kind != offer.kind {
        return None;
    }
    let mut reasons = vec![Reason::SameKind];
    let mut total = SCORE_KIND;
    let common = need.place.closest_common(&offer.place).cloned();
    let (reason, points) = match common {
        Some(c) if c.level == TerritoryLevel::Commune => {
            (Reason::SameTerritory { territory: c }, SCORE_SAME_TERRITORY)
        }
        Some(c) if c.level == TerritoryLevel::Epci => {
            (Reason::SameEpci { territory: c }, SCORE_SAME_EPCI)
        }
        Some(c) if c.level == TerritoryLevel::Departement => (
            Reason::SameDepartement { territory: c },
            SCORE_SAME_DEPARTEMENT,
        ),
        // Neighbouring départements are closer than the rest of a région, and meet across
        // régions' borders too.
        region => match need.place.neighbouring_departement(&offer.place) {
            Some(d) => (
                Reason::NeighbouringDepartement { territory: d },
                SCORE_NEIGHBOURING_DEPARTEMENT,
            ),
            None => (Reason::SameRegion { territory: region? }, SCORE_SAME_REGION),
        },
    };
    reasons.push(reason);
    total += points;
    let shared: Vec<String> = need
        .themes
        .iter()
        .filter(|t| offer.themes.contains(t))
        .cloned()
        .collect();
    if !shared.is_empty() {
        total += SCORE_PER_THEME * shared.len() as u32;
        reasons.push(Reason::SharedThemes { themes: shared });
    }
    match periods_overlap(need, offer) {
        Some(false) => return None,
        Some(true) => {
            total += SCORE_DATES;
            reasons.push(Reason::DatesOverlap);
        }
        None => {}
    }
    Some(Match {
        offer: offer.id.clone(),
        score: total,
        reasons,
    })
}

/// Whether two dated periods overlap; `None` when either post gives no date at all.
fn periods_overlap<Id>(a: &Candidate<Id>, b: &Candidate<Id>) -> Option<bool> {
    if (a.starts_on.is_none() && a.ends_on.is_none())
        || (b.starts_on.is_none() && b.ends_on.is_none())
    {
        return None;
    }
    let a_start = a.starts_on.unwrap_or(NaiveDate::MIN);
    let a_end = a.ends_on.unwrap_or(NaiveDate::MAX);
    let b_start = b.starts_on.unwrap_or(NaiveDate::MIN);
    let b_end = b.ends_on.unwrap_or(NaiveDate::MAX);
    Some(a_start <= b_end && b_start <= a_end)
}

/// The offers that fit `need`, best first (ties by the order given, which callers make
/// newest first).
pub fn matches_for<Id: PartialEq + Clone>(
    need: &Candidate<Id>,
    offers: &[Candidate<Id>],
    today: NaiveDate,
) -> Vec<Match<Id>> {
    let mut found: Vec<Match<Id>> = offers
        .iter()
        .filter_map(|o| score(need, o, today))
        .collect();
    // A stable sort keeps the given order among equal scores.
    found.sort_by_key(|m| std::cmp::Reverse(m.score));
    found
}

/// Open data: the open offers as CSV, described by a Table Schema and listed in the DCAT
/// catalogue. No personal data: no author, no address; a post published personally has an
/// empty `structure_id`.
pub mod opendata {
    use serde_json::{json, Value};

    pub const CSV_PATH: &str = "/data/offres.csv";
    pub const SCHEMA_PATH: &str = "/schemas/offres.json";
    const LICENCE_OUVERTE: &str = "https://www.etalab.gouv.fr/licence-ouverte-open-licence";

    /// One offer as published.
    #[derive(Debug, Clone, PartialEq)]
    pub struct OfferRecord {
        pub id: String,
        pub kind: String,
        pub title: String,
        pub description: String,
        pub territory: String,
        pub territory_name: String,
        pub themes: Vec<String>,
        pub starts_on: String,
        pub ends_on: String,
        pub structure_id: String,
        pub structure_name: String,
        pub created_at: String,
        pub updated_at: String,
    }

    /// (name, type, description, format) of each column, in order.
    pub const COLUMNS: &[(&str, &str, &str, &str)] = &[
        ("id", "string", "Identifiant de l'offre (UUID).", "uuid"),
        ("kind", "string", "Nature : skills (compétences, dont mécénat de compétences), premises (locaux), equipment (matériel), volunteering (bénévolat), funding (financement).", "default"),
        ("title", "string", "Titre de l'offre.", "default"),
        ("description", "string", "Description (Markdown).", "default"),
        ("territory", "string", "Territoire, sous la forme niveau:code INSEE (commune:29019, epci:242900314, departement:29, region:53).", "default"),
        ("territory_name", "string", "Nom du territoire.", "default"),
        ("themes", "array", "Codes des défis de société concernés (tableau JSON de chaînes).", "default"),
        ("starts_on", "date", "Disponible à partir de cette date.", "default"),
        ("ends_on", "date", "Disponible jusqu'à cette date.", "default"),
        ("structure_id", "string", "Structure qui publie l'offre (vide pour une offre publiée à titre personnel).", "uuid"),
        ("structure_name", "string", "Nom de cette structure.", "default"),
        ("created_at", "datetime", "Date de publication (UTC).", "default"),
        ("updated_at", "datetime", "Dernière modification (UTC).", "default"),
    ];

    fn base(base_url: &str) -> &str {
        base_url.trim_end_matches('/')
    }

    /// The CSV, header first, in the order of `COLUMNS`.
    pub fn write_csv<W: std::io::Write>(records: &[OfferRecord], out: W) -> csv::Result<()> {
        let mut w = csv::Writer::from_writer(out);
        w.write_record(COLUMNS.iter().map(|c| c.0))?;
        for r in records {
            let themes = serde_json::to_string(&r.themes).unwrap_or_else(|_| "[]".into());
            w.write_record([
                &r.id,
                &r.kind,
                &r.title,
                &r.description,
                &r.territory,
                &r.territory_name,
                &themes,
                &r.starts_on,
                &r.ends_on,
                &r.structure_id,
                &r.structure_name,
                &r.created_at,
                &r.updated_at,
            ])?;
        }
        w.flush()?;
        Ok(())
    }

    pub fn table_schema(base_url: &str) -> Value {
        let base = base(base_url);
        let fields: Vec<Value> = COLUMNS
            .iter()
            .map(|(name, kind, description, format)| {
                let mut f = json!({ "name": name, "type": kind, "description": description });
                if *format != "default" {
                    f["format"] = json!(format);
                }
                if *name == "kind" {
                    f["constraints"] = json!({ "required": true, "enum":
                        ["skills", "premises", "equipment", "volunteering", "funding"] });
                }
                if matches!(*name, "id" | "title" | "territory" | "created_at") {
                    f["constraints"] = json!({ "required": true });
                }
                f
            })
            .collect();
        json!({
            "$schema": "https://frictionlessdata.io/schemas/table-schema.json",
            "name": "essaim-offres",
            "title": "Offres d'entraide",
            "description": "Les offres ouvertes publiées sur Essaim par les structures et les \
                personnes : compétences, locaux, matériel, bénévolat, financement, avec leur \
                territoire, leurs thèmes et leurs dates. Aucune donnée personnelle.",
            "countryCode": "FR",
            "homepage": base,
            "path": format!("{base}{SCHEMA_PATH}"),
            "resources": [{ "title": "Export des offres", "path": format!("{base}{CSV_PATH}") }],
            "version": "1.0.0",
            "created": "2026-11-25",
            "lastModified": "2026-11-25",
            "licenses": [{
                "title": "Licence Ouverte / Open Licence version 2.0",
                "path": LICENCE_OUVERTE,
            }],
            "fields": fields,
            "missingValues": [""],
            "primaryKey": "id",
        })
    }

    /// The offers' dataset, for the DCAT catalogue.
    pub fn dcat_dataset(base_url: &str) -> Value {
        let base = base(base_url);
        let csv = format!("{base}{CSV_PATH}");
        json!({
            "@id": format!("{base}/data/offres"),
            "@type": "dcat:Dataset",
            "dct:identifier": format!("{base}/data/offres"),
            "dct:title": "Offres d'entraide",
            "dct:description": "Les offres ouvertes (compétences, locaux, matériel, bénévolat, \
                financement) avec leur territoire (codes INSEE), leurs thèmes et leurs dates. \
                Aucune donnée personnelle.",
            "dct:language": { "@id": "http://publications.europa.eu/resource/authority/language/FRA" },
            "dcat:keyword": ["entraide", "mécénat de compétences", "tiers-lieux", "bénévolat"],
            "dcat:landingPage": { "@id": format!("{base}/entraide") },
            "dct:license": { "@id": LICENCE_OUVERTE },
            "dct:conformsTo": { "@id": format!("{base}{SCHEMA_PATH}") },
            "dcat:distribution": [{
                "@id": csv,
                "@type": "dcat:Distribution",
                "dct:title": "Offres (CSV)",
                "dcat:accessURL": { "@id": csv },
                "dcat:downloadURL": { "@id": csv },
                "dct:format": { "@id": "http://publications.europa.eu/resource/authority/file-type/CSV" },
                "dcat:mediaType": { "@id": "https://www.iana.org/assignments/media-types/text/csv" },
                "dct:conformsTo": { "@id": format!("{base}{SCHEMA_PATH}") },
                "dct:license": { "@id": LICENCE_OUVERTE },
            }],
        })
    }

    #[cfg(test)]
    mod tests {
        use super::*;

        #[test]
        fn the_csv_has_the_schema_columns_and_no_personal_field() {
            let r = OfferRecord {
                id: "0193".into(),
                kind: "premises".into(),
                title: "Salle, \"grande\"".into(),
                description: "Ligne 1\nLigne 2".into(),
                territory: "commune:29075".into(),
                territory_name: "Guipavas".into(),
                themes: vec!["inclusion".into()],
                starts_on: "".into(),
                ends_on: "2027-06-30".into(),
                structure_id: "".into(),
                structure_name: "".into(),
                created_at: "2026-11-25T10:00:00Z".into(),
                updated_at: "2026-11-25T10:00:00Z".into(),
            };
            let mut out = vec![];
            write_csv(&[r], &mut out).unwrap();
            let mut reader = csv::Reader::from_reader(out.as_slice());
            let header: Vec<String> = reader.headers().unwrap().iter().map(String::from).collect();
            let schema = table_schema("https://essaim.example/");
            let names: Vec<&str> = schema["fields"]
                .as_array()
                .unwrap()
                .iter()
                .map(|f| f["name"].as_str().unwrap())
                .collect();
            assert_eq!(header, names);
            assert!(!names
                .iter()
                .any(|n| n.contains("author") || n.contains("email")));
            let row = reader.records().next().unwrap().unwrap();
            assert_eq!(&row[2], "Salle, \"grande\"");
            assert_eq!(&row[6], "[\"inclusion\"]");
            assert_eq!(schema["path"], "https://essaim.example/schemas/offres.json");
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn day(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
    }

    fn place(code: &str) -> Place {
        let t = Territories::bundled();
        Place::of(crate::territory_pick::pick(t, code).unwrap())
    }

    fn post(id: u32, author: u32, direction: Direction, code: &str) -> Candidate<u32> {
        Candidate {
            id,
            author,
            structure: None,
            direction,
            kind: Kind::Premises,
            place: place(code),
            themes: vec![],
            starts_on: None,
            ends_on: None,
            status: Status::Open,
        }
    }

    const TODAY: &str = "2026-11-25";
    // Brest, Guipavas (same EPCI, Brest Métropole), Quimper (Finistère), Rennes (Bretagne),
    // Lyon (elsewhere).
    const BREST: &str = "commune:29019";
    const GUIPAVAS: &str = "commune:29075";
    const QUIMPER: &str = "commune:29232";
    const RENNES: &str = "commune:35238";
    const LYON: &str = "commune:69123";
    // Saint-Brieuc (Côtes-d'Armor, borders Finistère), Laval (Mayenne, Pays de la Loire,
    // borders Ille-et-Vilaine).
    const SAINT_BRIEUC: &str = "commune:22278";
    const LAVAL: &str = "commune:53130";

    #[test]
    fn closer_territories_score_higher_and_say_why() {
        let need = post(1, 1, Direction::Need, BREST);
        let today = day(TODAY);
        let at = |code| score(&need, &post(2, 2, Direction::Offer, code), today);
        let same = at(BREST).unwrap();
        let epci = at(GUIPAVAS).unwrap();
        let dep = at(QUIMPER).unwrap();
        let region = at(RENNES).unwrap();
        assert!(matches!(same.reasons[1], Reason::SameTerritory { .. }));
        assert!(
            matches!(epci.reasons[1], Reason::SameEpci { .. }),
            "{epci:?}"
        );
        assert!(matches!(dep.reasons[1], Reason::SameDepartement { .. }));
        assert!(matches!(region.reasons[1], Reason::SameRegion { .. }));
        let next_door = at(SAINT_BRIEUC).unwrap();
        assert_eq!(
            next_door.reasons[1],
            Reason::NeighbouringDepartement {
                territory: TerritoryRef::parse("departement:22").unwrap()
            }
        );
        assert!(same.score > epci.score && epci.score > dep.score);
        assert!(dep.score > next_door.score && next_door.score > region.score);
        assert!(at(LYON).is_none());
    }

    #[test]
    fn neighbouring_departements_meet_across_regions_and_the_table_is_symmetric() {
        let need = post(1, 1, Direction::Need, RENNES);
        let m = score(&need, &post(2, 2, Direction::Offer, LAVAL), day(TODAY)).unwrap();
        assert!(matches!(
            m.reasons[1],
            Reason::NeighbouringDepartement { .. }
        ));
        assert_eq!(neighbouring_departements("29"), ["22", "56"]);
        assert_eq!(neighbouring_departements("2A"), ["2B"]);
        assert!(neighbouring_departements("974").is_empty());
        let t = Territories::bundled();
        let departements: Vec<_> = t
            .iter()
            .filter(|x| x.level == TerritoryLevel::Departement)
            .collect();
        for d in &departements {
            for n in neighbouring_departements(&d.code) {
                assert!(
                    neighbouring_departements(n).contains(&d.code),
                    "{} and {n}",
                    d.code
                );
                assert_ne!(n, &d.code);
            }
        }
        // Every metropolitan département has a neighbour.
        assert_eq!(
            departements
                .iter()
                .filter(|d| !neighbouring_departements(&d.code).is_empty())
                .count(),
            96
        );
    }

    #[test]
    fn a_need_for_a_departement_meets_an_offer_in_one_of_its_communes() {
        let mut need = post(1, 1, Direction::Need, "departement:29");
        need.kind = Kind::Skills;
        let mut offer = post(2, 2, Direction::Offer, BREST);
        offer.kind = Kind::Skills;
        let m = score(&need, &offer, day(TODAY)).unwrap();
        assert!(matches!(m.reasons[1], Reason::SameDepartement { .. }));
    }

    #[test]
    fn own_posts_other_kinds_closed_and_expired_never_match() {
        let today = day(TODAY);
        let need = post(1, 1, Direction::Need, BREST);
        assert!(score(&need, &post(2, 1, Direction::Offer, BREST), today).is_none());
        let mut same_structure = post(2, 2, Direction::Offer, BREST);
        let mut need_s = need.clone();
        need_s.structure = Some(9);
        same_structure.structure = Some(9);
        assert!(score(&need_s, &same_structure, today).is_none());
        let mut other_kind = post(2, 2, Direction::Offer, BREST);
        other_kind.kind = Kind::Funding;
        assert!(score(&need, &other_kind, today).is_none());
        let mut closed = post(2, 2, Direction::Offer, BREST);
        closed.status = Status::Closed;
        assert!(score(&need, &closed, today).is_none());
        let mut expired = post(2, 2, Direction::Offer, BREST);
        expired.ends_on = Some(day("2026-11-24"));
        assert!(score(&need, &expired, today).is_none());
        // Two needs do not match.
        assert!(score(&need, &post(2, 2, Direction::Need, BREST), today).is_none());
    }

    #[test]
    fn themes_and_dates_add_reasons_and_disjoint_dates_exclude() {
        let today = day(TODAY);
        let mut need = post(1, 1, Direction::Need, BREST);
        need.themes = vec!["inclusion".into(), "culture".into()];
        need.starts_on = Some(day("2027-01-01"));
        need.ends_on = Some(day("2027-03-31"));
        let mut offer = post(2, 2, Direction::Offer, BREST);
        offer.themes = vec!["culture".into()];
        offer.starts_on = Some(day("2027-03-01"));
        let m = score(&need, &offer, today).unwrap();
        assert!(m.reasons.contains(&Reason::SharedThemes {
            themes: vec!["culture".into()]
        }));
        assert!(m.reasons.contains(&Reason::DatesOverlap));
        offer.starts_on = Some(day("2027-04-01"));
        assert!(score(&need, &offer, today).is_none());
    }

    #[test]
    fn validation_reports_each_field() {
        let t = Territories::bundled();
        let known = vec!["inclusion".to_owned()];
        let bad = PostInput {
            direction: "gift".into(),
            kind: "boat".into(),
            title: "".into(),
            body: "".into(),
            territory: "zzzz qqqq".into(),
            themes: vec!["lune".into()],
            starts_on: "2027-02-30".into(),
            ends_on: "".into(),
        };
        let e = bad.validate(t, &known).unwrap_err();
        for (field, code) in [
            ("direction", "exchange_direction_invalid"),
            ("kind", "exchange_kind_invalid"),
            ("title", "exchange_title_required"),
            ("territory", "exchange_territory_unknown"),
            ("themes", "exchange_theme_unknown"),
            ("starts_on", "exchange_date_invalid"),
        ] {
            assert_eq!(e.get(field).map(|i| i.code), Some(code), "{field}");
        }
        let good = PostInput {
            direction: "need".into(),
            kind: "premises".into(),
            title: "  Une salle   pour nos ateliers ".into(),
            territory: "Brest".into(),
            themes: vec!["inclusion".into(), "inclusion".into()],
            starts_on: "2027-01-01".into(),
            ends_on: "2026-12-01".into(),
            ..Default::default()
        };
        assert_eq!(
            good.validate(t, &known)
                .unwrap_err()
                .get("ends_on")
                .unwrap()
                .code,
            "exchange_dates_reversed"
        );
        let good = PostInput {
            ends_on: "".into(),
            ..good
        };
        let f = good.validate(t, &known).unwrap();
        assert_eq!(f.title, "Une salle pour nos ateliers");
        assert_eq!(f.territory.to_string(), BREST);
        assert_eq!(f.themes, vec!["inclusion".to_owned()]);
    }

    #[test]
    fn subjects_lose_line_breaks() {
        assert_eq!(
            subject_safe("Salle\r\nBcc: evil@example.com"),
            "Salle Bcc: evil@example.com"
        );
        assert_eq!(
            parse_message("  ").unwrap_err().code,
            "exchange_message_required"
        );
    }

    fn arb_offer() -> impl Strategy<Value = Candidate<u32>> {
        let codes = [BREST, GUIPAVAS, QUIMPER, RENNES, LYON];
        (
            0u32..5,
            0usize..5,
            0usize..5,
            any::<bool>(),
            proptest::option::of(0i64..60),
            proptest::collection::vec(0usize..3, 0..3),
        )
            .prop_map(move |(author, code, kind, open, end, themes)| {
                let mut c = post(0, author, Direction::Offer, codes[code]);
                c.kind = Kind::ALL[kind];
                c.status = if open { Status::Open } else { Status::Closed };
                c.ends_on = end.map(|d| day(TODAY) + chrono::Duration::days(d - 30));
                c.themes = themes
                    .into_iter()
                    .map(|i| ["inclusion", "culture", "sante"][i].to_owned())
                    .collect();
                c
            })
    }

    proptest! {
        #[test]
        fn matches_are_ranked_and_never_own_closed_or_expired(
            offers in proptest::collection::vec(arb_offer(), 0..12)
        ) {
            let today = day(TODAY);
            let mut need = post(100, 0, Direction::Need, BREST);
            need.themes = vec!["culture".into()];
            let offers: Vec<Candidate<u32>> = offers
                .into_iter()
                .enumerate()
                .map(|(i, mut o)| { o.id = i as u32; o })
                .collect();
            let found = matches_for(&need, &offers, today);
            for w in found.windows(2) {
                prop_assert!(w[0].score >= w[1].score);
            }
            for m in &found {
                let o = &offers[m.offer as usize];
                prop_assert!(o.author != need.author);
                prop_assert!(o.is_live(today));
                prop_assert_eq!(o.kind, need.kind);
                prop_assert!(m.reasons.iter().any(|r| r.territory().is_some()));
            }
            // Every live offer of another author, of the kind, in Bretagne is found.
            let expected = offers.iter().filter(|o| o.author != 0 && o.is_live(today)
                && o.kind == need.kind && !o.place.0.iter().any(|r| r.code == "69123")).count();
            prop_assert_eq!(found.len(), expected);
        }

        #[test]
        fn moving_an_offer_closer_never_lowers_its_score(kind in 0usize..5) {
            let today = day(TODAY);
            let mut need = post(1, 1, Direction::Need, BREST);
            need.kind = Kind::ALL[kind];
            let scores: Vec<u32> = [BREST, GUIPAVAS, QUIMPER, SAINT_BRIEUC, RENNES]
                .iter()
                .map(|c| {
                    let mut o = post(2, 2, Direction::Offer, c);
                    o.kind = Kind::ALL[kind];
                    score(&need, &o, today).unwrap().score
                })
                .collect();
            for w in scores.windows(2) {
                prop_assert!(w[0] > w[1]);
            }
        }
    }
}
