//! The network's relations: the banner (*bannière*, a charter signed by structures), labels
//! granted by the labelling committee, and accompaniment of initiatives by labelled support
//! structures.
//!
//! Pure rules, no IO: the vocabularies (label kinds and statuses, accompaniment statuses,
//! follow-up kinds), the validation of what people type, and when a label counts.

use crate::invalid::{FieldErrors, Invalid};
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

/// Bounds of the banner's answers, in characters: a sentence at least, a page at most.
pub const ANSWER_MIN: usize = 20;
pub const ANSWER_MAX: usize = 3_000;
/// Bounds of a reason (refusal, revocation, removal) and of a motivation or message.
pub const REASON_MIN: usize = 5;
pub const REASON_MAX: usize = 2_000;
/// Bound of a follow-up entry or a public summary (Markdown).
pub const TEXT_MAX: usize = 10_000;
/// A label is granted for at most this many days (about five years).
pub const MAX_LABEL_DAYS: i64 = 5 * 366;

macro_rules! vocabulary {
    ($(#[$meta:meta])* $name:ident { $($variant:ident => $text:literal),+ $(,)? }) => {
        $(#[$meta])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
        #[serde(rename_all = "snake_case")]
        pub enum $name { $($variant),+ }

        impl $name {
            pub const ALL: &'static [$name] = &[$($name::$variant),+];

            pub fn as_str(self) -> &'static str {
                match self { $($name::$variant => $text),+ }
            }

            pub fn parse(s: &str) -> Option<$name> {
                Self::ALL.iter().copied().find(|v| v.as_str() == s)
            }
        }

        impl TryFrom<String> for $name {
            type Error = Invalid;
            fn try_from(s: String) -> Result<Self, Invalid> {
                $name::parse(&s).ok_or(Invalid::new("network_invalid_value"))
            }
        }

        impl std::fmt::Display for $name {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str(self.as_str())
            }
        }
    };
}

vocabulary!(
    /// The kinds of label: a support structure (*réseau d'accompagnement*, incubator), a
    /// funder, an evaluator. Each opens rights elsewhere (accompanying initiatives, opening
    /// calls, verifying impact measurements).
    LabelKind { Support => "support", Funder => "funder", Evaluator => "evaluator" }
);

vocabulary!(
    /// Where an application for a label stands. Pending → granted or refused; granted →
    /// revoked (or renewed, staying granted with a later expiry); granted and past its expiry
    /// → expired, when the structure applies again (the new application takes its place).
    LabelStatus { Pending => "pending", Granted => "granted", Refused => "refused", Revoked => "revoked", Expired => "expired" }
);

vocabulary!(
    /// Where an accompaniment stands. Proposed → active (accepted) or declined; proposed or
    /// active → ended.
    AccompanimentStatus { Proposed => "proposed", Active => "active", Declined => "declined", Ended => "ended" }
);

vocabulary!(
    /// What a follow-up entry records.
    FollowUpKind { Meeting => "meeting", Advice => "advice", Milestone => "milestone", NextStep => "next_step" }
);

/// Whether a label counts on `today`: granted, and not past its expiry date (a label is valid
/// through the whole day it expires). Pending, refused and revoked labels never count.
pub fn label_counts(status: LabelStatus, expires_on: Option<NaiveDate>, today: NaiveDate) -> bool {
    status == LabelStatus::Granted && expires_on.is_none_or(|e| today <= e)
}

/// The calendar day in France at `now` (Paris time, summer time included): the day labels
/// expire on, and the "today" of the network.
pub fn paris_day(now: chrono::DateTime<chrono::Utc>) -> NaiveDate {
    crate::deliberation::conversation::to_paris(now).date()
}

/// The banner's three commitments, each answered in the structure's own words.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct BannerAnswers {
    /// How the project serves the general interest.
    #[serde(default)]
    pub general_interest: String,
    /// How it practises shared governance and a fair sharing of value.
    #[serde(default)]
    pub governance: String,
    /// How it is open: open innovation, open data, open source.
    #[serde(default)]
    pub openness: String,
}

fn bounded(
    text: &str,
    min: usize,
    max: usize,
    short: &'static str,
    long: &'static str,
) -> Result<String, Invalid> {
    let text = text.trim();
    let n = text.chars().count();
    if n < min {
        Err(Invalid::new(short))
    } else if n > max {
        Err(Invalid::new(long))
    } else {
        Ok(text.to_owned())
    }
}

impl BannerAnswers {
    /// The answers trimmed, each between `ANSWER_MIN` and `ANSWER_MAX` characters.
    pub fn validate(&self) -> Result<BannerAnswers, FieldErrors> {
        let mut errors = FieldErrors::new();
        let mut check = |field: &'static str, text: &str| {
            errors.check(
                field,
                bounded(
                    text,
                    ANSWER_MIN,
                    ANSWER_MAX,
                    "network_answer_too_short",
                    "network_answer_too_long",
                ),
            )
        };
        let general_interest = check("general_interest", &self.general_interest);
        let governance = check("governance", &self.governance);
        let openness = check("openness", &self.openness);
        match (general_interest, governance, openness) {
            (Some(general_interest), Some(governance), Some(openness)) => Ok(BannerAnswers {
                general_interest,
                governance,
                openness,
            }),
            _ => Err(errors),
        }
    }
}

/// A reason given for a decision (refusal, revocation, removal from the banner), or a
/// motivation: trimmed, `REASON_MIN` to `REASON_MAX` characters.
pub fn reason(text: &str) -> Result<String, Invalid> {
    bounded(
        text,
        REASON_MIN,
        REASON_MAX,
        "network_reason_too_short",
        "network_reason_too_long",
    )
}

/// A Markdown text (follow-up entry, comment): not empty, at most `TEXT_MAX` characters.
pub fn text(text: &str) -> Result<String, Invalid> {
    bounded(
        text,
        1,
        TEXT_MAX,
        "network_text_missing",
        "network_text_too_long",
    )
}

/// A public summary: may be empty (nothing to publish), at most `TEXT_MAX` characters.
pub fn summary(text: &str) -> Result<String, Invalid> {
    bounded(
        text,
        0,
        TEXT_MAX,
        "network_text_missing",
        "network_text_too_long",
    )
}

/// A date typed as `YYYY-MM-DD`.
pub fn date(text: &str) -> Result<NaiveDate, Invalid> {
    NaiveDate::parse_from_str(text.trim(), "%Y-%m-%d")
        .map_err(|_| Invalid::new("network_date_invalid"))
}

/// A label's expiry: a date after `today`, at most `MAX_LABEL_DAYS` days ahead.
pub fn expiry(text: &str, today: NaiveDate) -> Result<NaiveDate, Invalid> {
    let d = date(text)?;
    if d <= today {
        Err(Invalid::new("network_expiry_past"))
    } else if (d - today).num_days() > MAX_LABEL_DAYS {
        Err(Invalid::new("network_expiry_too_far"))
    } else {
        Ok(d)
    }
}

/// A follow-up entry as typed.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
pub struct FollowUpInput {
    #[serde(default)]
    pub kind: String,
    #[serde(default)]
    pub date: String,
    #[serde(default)]
    pub body: String,
}

/// A valid follow-up entry.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FollowUp {
    pub kind: FollowUpKind,
    pub date: NaiveDate,
    pub body: String,
}

impl FollowUpInput {
    /// The kind from its list, a date (no later than a year after `today`: next steps are
    /// planned ahead, but not a typo's century), a non-empty text.
    pub fn validate(&self, today: NaiveDate) -> Result<FollowUp, FieldErrors> {
        let mut errors = FieldErrors::new();
        let kind = errors.check(
            "kind",
            FollowUpKind::parse(&self.kind).ok_or(Invalid::new("network_kind_invalid")),
        );
        let date = errors.check(
            "date",
            date(&self.date).and_then(|d| {
                if (d - today).num_days() > 366 {
                    Err(Invalid::new("network_date_too_far"))
                } else {
                    Ok(d)
                }
            }),
        );
        let body = errors.check("body", text(&self.body));
        match (kind, date, body) {
            (Some(kind), Some(date), Some(body)) => Ok(FollowUp { kind, date, body }),
            _ => Err(errors),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn day(s: &str) -> NaiveDate {
        date(s).unwrap()
    }

    #[test]
    fn vocabularies_round_trip() {
        for k in LabelKind::ALL {
            assert_eq!(LabelKind::parse(k.as_str()), Some(*k));
        }
        for s in LabelStatus::ALL {
            assert_eq!(LabelStatus::try_from(s.as_str().to_owned()), Ok(*s));
        }
        for s in AccompanimentStatus::ALL {
            assert_eq!(AccompanimentStatus::parse(s.as_str()), Some(*s));
        }
        for k in FollowUpKind::ALL {
            assert_eq!(FollowUpKind::parse(k.as_str()), Some(*k));
        }
        assert_eq!(LabelKind::parse("king"), None);
    }

    #[test]
    fn only_a_granted_unexpired_label_counts() {
        let today = day("2026-06-15");
        assert!(label_counts(
            LabelStatus::Granted,
            Some(day("2026-06-15")),
            today
        ));
        assert!(label_counts(LabelStatus::Granted, None, today));
        assert!(!label_counts(
            LabelStatus::Granted,
            Some(day("2026-06-14")),
            today
        ));
        for s in [
            LabelStatus::Pending,
            LabelStatus::Refused,
            LabelStatus::Revoked,
            LabelStatus::Expired,
        ] {
            assert!(!label_counts(s, Some(day("2030-01-01")), today));
        }
    }

    #[test]
    fn the_paris_day_turns_at_midnight_in_paris() {
        let at = |t: &str| t.parse::<chrono::DateTime<chrono::Utc>>().unwrap();
        assert_eq!(paris_day(at("2026-06-15T21:59:00Z")), day("2026-06-15"));
        assert_eq!(paris_day(at("2026-06-15T22:00:00Z")), day("2026-06-16"));
        assert_eq!(paris_day(at("2026-01-15T22:30:00Z")), day("2026-01-15"));
        assert_eq!(paris_day(at("2026-01-15T23:00:00Z")), day("2026-01-16"));
    }

    #[test]
    fn banner_answers_are_trimmed_and_bounded_each_in_its_field() {
        let ok = "Nous servons l’intérêt général du territoire.";
        let a = BannerAnswers {
            general_interest: format!("  {ok}  "),
            governance: "trop court".into(),
            openness: "x".repeat(ANSWER_MAX + 1),
        };
        let errors = a.validate().unwrap_err();
        assert_eq!(errors.get("general_interest"), None);
        assert_eq!(
            errors.get("governance"),
            Some(Invalid::new("network_answer_too_short"))
        );
        assert_eq!(
            errors.get("openness"),
            Some(Invalid::new("network_answer_too_long"))
        );
        let good = BannerAnswers {
            general_interest: format!("  {ok}  "),
            governance: ok.into(),
            openness: ok.into(),
        };
        assert_eq!(good.validate().unwrap().general_interest, ok);
    }

    #[test]
    fn expiry_is_after_today_and_within_five_years() {
        let today = day("2026-06-15");
        assert_eq!(
            expiry("2026-06-15", today),
            Err(Invalid::new("network_expiry_past"))
        );
        assert_eq!(expiry("2027-06-15", today), Ok(day("2027-06-15")));
        assert_eq!(
            expiry("2040-01-01", today),
            Err(Invalid::new("network_expiry_too_far"))
        );
        assert_eq!(
            expiry("15/06/2027", today),
            Err(Invalid::new("network_date_invalid"))
        );
    }

    #[test]
    fn follow_up_entries_need_a_kind_a_date_and_text() {
        let today = day("2026-06-15");
        let bad = FollowUpInput {
            kind: "party".into(),
            date: "demain".into(),
            body: "  ".into(),
        };
        let errors = bad.validate(today).unwrap_err();
        assert_eq!(errors.0.len(), 3);
        let good = FollowUpInput {
            kind: "next_step".into(),
            date: "2026-07-01".into(),
            body: "Rencontrer la mairie".into(),
        };
        assert_eq!(good.validate(today).unwrap().kind, FollowUpKind::NextStep);
    }

    proptest! {
        #[test]
        fn a_label_never_counts_after_its_expiry(offset in 1i64..5000, days in 0i64..5000) {
            let today = day("2026-01-01") + chrono::Duration::days(days);
            let expired = today - chrono::Duration::days(offset);
            prop_assert!(!label_counts(LabelStatus::Granted, Some(expired), today));
            prop_assert!(label_counts(LabelStatus::Granted, Some(today + chrono::Duration::days(offset)), today));
        }

        #[test]
        fn reasons_within_bounds_are_kept_trimmed(s in "[a-zé ]{0,40}") {
            match reason(&s) {
                Ok(r) => prop_assert!(r.chars().count() >= REASON_MIN && r == s.trim()),
                Err(_) => prop_assert!(s.trim().chars().count() < REASON_MIN),
            }
        }
    }
}

/// The network as open data: valid labels, and the banner's signatories with their answers,
/// as CSV described by a Table Schema and listed in the DCAT catalogue. Structures only: no
/// person appears.
pub mod opendata {
    use serde_json::{json, Value};

    pub const LABELS_CSV: &str = "/data/labels.csv";
    pub const LABELS_SCHEMA: &str = "/schemas/labels.json";
    pub const BANNER_CSV: &str = "/data/banniere.csv";
    pub const BANNER_SCHEMA: &str = "/schemas/banniere.json";
    const LICENCE_OUVERTE: &str = "https://www.etalab.gouv.fr/licence-ouverte-open-licence";

    /// (name, type, description) of each column of the labels, in order.
    pub const LABEL_COLUMNS: &[(&str, &str, &str)] = &[
        ("id", "string", "Identifiant du label (UUID)."),
        ("structure_id", "string", "Structure labellisée (UUID)."),
        ("structure_name", "string", "Nom de la structure."),
        ("kind", "string", "Type : support (structure d'accompagnement), funder (financeur), evaluator (évaluateur)."),
        ("granted_at", "datetime", "Date de la dernière décision (octroi ou renouvellement, UTC)."),
        ("expires_on", "date", "Le label est valable jusqu'à ce jour inclus."),
    ];

    /// (name, type, description) of each column of the banner, in order.
    pub const BANNER_COLUMNS: &[(&str, &str, &str)] = &[
        ("structure_id", "string", "Structure signataire (UUID)."),
        ("structure_name", "string", "Nom de la structure."),
        ("signed_at", "datetime", "Date de signature (UTC)."),
        ("general_interest", "string", "Réponse : en quoi le projet sert l'intérêt général (Markdown)."),
        ("governance", "string", "Réponse : gouvernance partagée et partage équitable de la valeur (Markdown)."),
        ("openness", "string", "Réponse : ouverture — innovation ouverte, données ouvertes, logiciel libre (Markdown)."),
    ];

    /// Rows in the order of their columns.
    pub fn write_csv<W: std::io::Write>(
        columns: &[(&str, &str, &str)],
        rows: &[Vec<String>],
        out: W,
    ) -> csv::Result<()> {
        let mut w = csv::Writer::from_writer(out);
        w.write_record(columns.iter().map(|c| c.0))?;
        for r in rows {
            w.write_record(r)?;
        }
        w.flush()?;
        Ok(())
    }

    struct Dataset {
        name: &'static str,
        title: &'static str,
        description: &'static str,
        csv: &'static str,
        schema: &'static str,
        landing: &'static str,
        columns: &'static [(&'static str, &'static str, &'static str)],
        key: &'static str,
    }

    const LABELS: Dataset = Dataset {
        name: "essaim-labels",
        title: "Labels en cours de validité",
        description: "Les structures d'accompagnement, financeurs et évaluateurs labellisés par \
            le comité de labellisation, avec l'échéance de leur label. Aucune donnée personnelle.",
        csv: LABELS_CSV,
        schema: LABELS_SCHEMA,
        landing: "/reseau",
        columns: LABEL_COLUMNS,
        key: "id",
    };

    const BANNER: Dataset = Dataset {
        name: "essaim-banniere",
        title: "Signataires de la bannière",
        description: "Les structures signataires de la bannière et leurs réponses aux trois \
            engagements de la charte (intérêt général, gouvernance partagée et partage de la \
            valeur, ouverture). Aucune donnée personnelle.",
        csv: BANNER_CSV,
        schema: BANNER_SCHEMA,
        landing: "/reseau",
        columns: BANNER_COLUMNS,
        key: "structure_id",
    };

    fn schema(d: &Dataset, base_url: &str) -> Value {
        let base = base_url.trim_end_matches('/');
        let fields: Vec<Value> = d
            .columns
            .iter()
            .map(|(name, kind, description)| {
                let mut f = json!({ "name": name, "type": kind, "description": description });
                if name.ends_with("id") {
                    f["format"] = json!("uuid");
                    f["constraints"] = json!({ "required": true });
                }
                if *name == "kind" {
                    f["constraints"] =
                        json!({ "required": true, "enum": ["support", "funder", "evaluator"] });
                }
                f
            })
            .collect();
        json!({
            "$schema": "https://frictionlessdata.io/schemas/table-schema.json",
            "name": d.name,
            "title": d.title,
            "description": d.description,
            "countryCode": "FR",
            "homepage": base,
            "path": format!("{base}{}", d.schema),
            "resources": [{ "title": d.title, "path": format!("{base}{}", d.csv) }],
            "version": "1.0.0",
            "created": "2026-11-25",
            "lastModified": "2026-11-25",
            "licenses": [{ "title": "Licence Ouverte / Open Licence version 2.0", "path": LICENCE_OUVERTE }],
            "fields": fields,
            "missingValues": [""],
            "primaryKey": d.key,
        })
    }

    fn dcat(d: &Dataset, base_url: &str) -> Value {
        let base = base_url.trim_end_matches('/');
        let csv = format!("{base}{}", d.csv);
        let schema = format!("{base}{}", d.schema);
        json!({
            "@id": format!("{base}{}", d.csv.trim_end_matches(".csv")),
            "@type": "dcat:Dataset",
            "dct:identifier": format!("{base}{}", d.csv.trim_end_matches(".csv")),
            "dct:title": d.title,
            "dct:description": d.description,
            "dct:language": { "@id": "http://publications.europa.eu/resource/authority/language/FRA" },
            "dcat:keyword": ["réseau", "innovation sociale", "label", "charte"],
            "dcat:landingPage": { "@id": format!("{base}{}", d.landing) },
            "dct:license": { "@id": LICENCE_OUVERTE },
            "dct:conformsTo": { "@id": schema },
            "dcat:distribution": [{
                "@id": csv,
                "@type": "dcat:Distribution",
                "dct:title": format!("{} (CSV)", d.title),
                "dcat:accessURL": { "@id": csv },
                "dcat:downloadURL": { "@id": csv },
                "dct:format": { "@id": "http://publications.europa.eu/resource/authority/file-type/CSV" },
                "dcat:mediaType": { "@id": "https://www.iana.org/assignments/media-types/text/csv" },
                "dct:conformsTo": { "@id": schema },
                "dct:license": { "@id": LICENCE_OUVERTE },
            }],
        })
    }

    pub fn labels_schema(base_url: &str) -> Value {
        schema(&LABELS, base_url)
    }

    pub fn banner_schema(base_url: &str) -> Value {
        schema(&BANNER, base_url)
    }

    /// The two datasets, for the DCAT catalogue.
    pub fn dcat_datasets(base_url: &str) -> Vec<Value> {
        vec![dcat(&LABELS, base_url), dcat(&BANNER, base_url)]
    }

    #[cfg(test)]
    mod tests {
        use super::*;

        #[test]
        fn schemas_describe_every_column_in_order() {
            let s = labels_schema("https://essaim.example/");
            let names: Vec<&str> = s["fields"]
                .as_array()
                .unwrap()
                .iter()
                .map(|f| f["name"].as_str().unwrap())
                .collect();
            assert_eq!(names, LABEL_COLUMNS.iter().map(|c| c.0).collect::<Vec<_>>());
            assert_eq!(s["path"], "https://essaim.example/schemas/labels.json");
            assert_eq!(banner_schema("x")["primaryKey"], "structure_id");
            assert_eq!(dcat_datasets("x").len(), 2);
        }

        #[test]
        fn csv_quotes_answers_with_commas_and_lines() {
            let mut out = vec![];
            let row = vec![
                "a".into(),
                "b".into(),
                "c".into(),
                "un, deux\ntrois".into(),
                "e".into(),
                "f".into(),
            ];
            write_csv(BANNER_COLUMNS, &[row], &mut out).unwrap();
            let text = String::from_utf8(out).unwrap();
            assert!(text.starts_with("structure_id,structure_name,signed_at,"));
            assert!(text.contains("\"un, deux\ntrois\""));
        }
    }
}
