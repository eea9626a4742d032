//! CSV, JSON and JSON-LD exports of initiatives.

use chrono::{DateTime, SecondsFormat, Utc};
use serde_json::{json, Map, Value};

use super::schema::COLUMNS;
use super::{initiative_url, InitiativeRecord, SCHEMA_PATH};
use crate::territory::TerritoryLevel;

/// Micro-seconds, as the databases store them, so that a date is read back exactly.
pub(super) fn format_date(d: &DateTime<Utc>) -> String {
    d.to_rfc3339_opts(SecondsFormat::Micros, true)
}

fn strings<'a>(items: impl IntoIterator<Item = &'a String>) -> Value {
    Value::Array(items.into_iter().cloned().map(Value::String).collect())
}

/// The value of one column for one record: a string, an array of strings, or null for an
/// absent optional value. The CSV writes arrays as JSON and null as an empty cell; the JSON
/// export keeps the values as they are, so both formats say the same thing.
fn value(r: &InitiativeRecord, column: &str) -> Value {
    let c = &r.content;
    let recipe = &c.recipe;
    match column {
        "id" => r.id.to_string().into(),
        "nom" => c.title.clone().into(),
        "resume" => c.summary.clone().into(),
        "description" => c.description.clone().into(),
        "defis" => strings(&c.challenges),
        "territoires" => c.territories.iter().map(|t| t.to_string()).collect(),
        "code_insee" => c
            .territories
            .iter()
            .find(|t| t.level == TerritoryLevel::Commune)
            .map_or(Value::Null, |t| t.code.clone().into()),
        "stade" => c.stage.as_str().into(),
        "publics" => strings(&c.publics),
        "structures" => c
            .structures
            .iter()
            .map(|(id, role)| format!("{id}:{}", role.as_str()))
            .collect(),
        "liens" => strings(&c.links),
        "licence" => c.licence.as_str().into(),
        "statut" => r.status.as_str().into(),
        "source_id" => r
            .forked_from
            .map_or(Value::Null, |id| id.to_string().into()),
        "ressources" => strings(&recipe.ingredients.resources),
        "competences" => strings(&recipe.ingredients.skills),
        "partenaires" => strings(&recipe.ingredients.partners),
        "budget" => recipe
            .ingredients
            .budget_range
            .map_or(Value::Null, |b| b.as_str().into()),
        "duree" => recipe.ingredients.duration.clone().into(),
        "etapes" => strings(&recipe.steps),
        "points_de_vigilance" => strings(&recipe.pitfalls),
        "facteurs_cles_de_succes" => strings(&recipe.success_factors),
        "date_creation" => format_date(&r.created_at).into(),
        "date_maj" => format_date(&r.updated_at).into(),
        // Every name of COLUMNS is matched above (a test checks it).
        _ => Value::Null,
    }
}

fn cell(v: Value) -> String {
    match v {
        Value::Null => String::new(),
        Value::String(s) => s,
        // An empty list is written `[]` rather than left empty: still a valid `array` for
        // validators that do not treat "" as missing.
        other => other.to_string(),
    }
}

/// Writes the CSV export: a header of `COLUMNS`, then one row per record, comma-separated,
/// UTF-8 without BOM, fields quoted when needed.
pub fn write_csv<W: std::io::Write>(
    records: &[InitiativeRecord],
    out: W,
) -> Result<(), csv::Error> {
    let mut w = csv::WriterBuilder::new().from_writer(out);
    w.write_record(COLUMNS.iter().map(|c| c.name))?;
    for r in records {
        w.write_record(COLUMNS.iter().map(|c| cell(value(r, c.name))))?;
    }
    w.flush()?;
    Ok(())
}

/// The JSON export: the same names and values as the CSV, lists as arrays, absent values null.
pub fn to_json(records: &[InitiativeRecord]) -> Value {
    let initiatives: Vec<Value> = records
        .iter()
        .map(|r| {
            COLUMNS
                .iter()
                .map(|c| (c.name.to_owned(), value(r, c.name)))
                .collect::<Map<_, _>>()
                .into()
        })
        .collect();
    json!({ "schema": SCHEMA_PATH, "initiatives": initiatives })
}

/// The JSON-LD export: a schema.org `ItemList` of `CreativeWork`, for search engines and
/// linked-data harvesters.
pub fn to_jsonld(records: &[InitiativeRecord], base_url: &str) -> Value {
    let items: Vec<Value> = records
        .iter()
        .enumerate()
        .map(|(n, r)| {
            let c = &r.content;
            let url = initiative_url(base_url, r.id);
            let areas: Vec<Value> = c
                .territories
                .iter()
                .map(|t| {
                    json!({
                        "@type": "AdministrativeArea",
                        // INSEE code (SIREN for an EPCI); the level tells which, since codes
                        // of régions and départements overlap.
                        "identifier": t.code,
                        "additionalType": t.level.as_str(),
                    })
                })
                .collect();
            let mut work = json!({
                "@type": "CreativeWork",
                "@id": url,
                "url": url,
                "identifier": r.id.to_string(),
                "name": c.title,
                "abstract": c.summary,
                "description": c.description,
                "inLanguage": "fr",
                "keywords": c.challenges,
                "license": c.licence.url(),
                "spatialCoverage": areas,
                "creativeWorkStatus": r.status.as_str(),
                "dateCreated": format_date(&r.created_at),
                "dateModified": format_date(&r.updated_at),
            });
            if let (Some(source), Value::Object(m)) = (r.forked_from, &mut work) {
                m.insert("isBasedOn".into(), initiative_url(base_url, source).into());
            }
            json!({ "@type": "ListItem", "position": n + 1, "item": work })
        })
        .collect();
    json!({
        "@context": "https://schema.org",
        "@type": "ItemList",
        "name": "Initiatives d'innovation sociale",
        "numberOfItems": records.len(),
        "itemListElement": items,
    })
}
