//! Open data: the published formats of initiatives (CSV with its Table Schema, JSON, JSON-LD
//! schema.org, a DCAT-AP catalogue) and the CSV import that reads an export back unchanged.
//!
//! Column names are French snake_case, following schema.data.gouv.fr conventions. List columns
//! hold a JSON array of strings in the cell, so that an item may contain any character (commas,
//! `|`, line breaks) and the round trip stays lossless.

mod catalogue;
mod export;
mod import;
pub mod scdl;
mod schema;
pub mod validate;

use chrono::{DateTime, Utc};
use uuid::Uuid;

use crate::initiative::{InitiativeContent, Status};

pub use catalogue::dcat_catalogue;
pub use export::{to_json, to_jsonld, write_csv};
pub use import::{read_csv, ImportReport, RowError, FIELD_MAX_BYTES};
pub use schema::{table_schema, Column, COLUMNS};

/// A text cell as a spreadsheet will not evaluate it: one starting with `=`, `+`, `-`, `@`, a
/// tab or a carriage return (a formula, or one once the spreadsheet trims it) is prefixed with
/// a quote. For text only: a number's sign is not a formula and must be written as is.
pub fn defuse_cell(s: &str) -> std::borrow::Cow<'_, str> {
    if s.starts_with(['=', '+', '-', '@', '\t', '\r']) {
        std::borrow::Cow::Owned(format!("'{s}"))
    } else {
        std::borrow::Cow::Borrowed(s)
    }
}

/// Where the site serves each format, relative to its base URL: the catalogue and the schema
/// point at them, so they are named once here.
pub const CSV_PATH: &str = "/data/initiatives.csv";
pub const JSON_PATH: &str = "/data/initiatives.json";
pub const JSONLD_PATH: &str = "/data/initiatives.jsonld";
pub const SCHEMA_PATH: &str = "/schemas/initiatives.json";
pub const CATALOGUE_PATH: &str = "/data/catalogue.jsonld";

/// An initiative as published: identity, status, lineage, dates and content.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct InitiativeRecord {
    pub id: Uuid,
    pub status: Status,
    pub forked_from: Option<Uuid>,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
    pub content: InitiativeContent,
}

/// `base_url` without its trailing slashes, so that `base + "/path"` never doubles one.
fn base(base_url: &str) -> &str {
    base_url.trim_end_matches('/')
}

/// The public page of an initiative: the identifier of its JSON-LD node.
fn initiative_url(base_url: &str, id: Uuid) -> String {
    format!("{}/initiatives/{id}", base(base_url))
}

#[cfg(test)]
mod tests;
