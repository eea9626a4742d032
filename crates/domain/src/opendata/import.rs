//! Reading a CSV export back: the import of initiatives, row by row, with the rules of the forms.

use std::collections::{HashMap, HashSet};

use chrono::{DateTime, Datelike, SubsecRound, Utc};
use uuid::Uuid;

use super::schema::{column, COLUMNS};
use super::InitiativeRecord;
use crate::initiative::{InitiativeInput, Status, StructureRole, LIST_MAX_ITEMS};
use crate::territory::Territories;
use crate::territory_pick::pick;

/// Longest field accepted, in bytes: far above what a form lets through for normal text, and
/// a bound on what one bad cell can make us parse and report.
pub const FIELD_MAX_BYTES: usize = 100_000;

/// What an import read: the valid records with their line, and one error per problem found.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ImportReport {
    /// Line number (the header is line 1) and record, in the order of the file.
    pub records: Vec<(usize, InitiativeRecord)>,
    pub errors: Vec<RowError>,
}

/// Why one row (or the header, line 1) was refused. `code` is a stable snake_case message key;
/// `detail` shows the offending value, shortened.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RowError {
    /// The record's number, the header being 1: the row a spreadsheet shows, whatever line
    /// breaks the quoted cells above it contain.
    pub line: usize,
    pub column: Option<String>,
    pub code: &'static str,
    pub detail: String,
}

/// The column of each field of `InitiativeInput`, to report a validation error where it is in
/// the file.
const INPUT_COLUMNS: &[(&str, &str)] = &[
    ("title", "nom"),
    ("summary", "resume"),
    ("description", "description"),
    ("challenges", "defis"),
    ("territories", "territoires"),
    ("stage", "stade"),
    ("publics", "publics"),
    ("links", "liens"),
    ("licence", "licence"),
    ("resources", "ressources"),
    ("skills", "competences"),
    ("partners", "partenaires"),
    ("budget_range", "budget"),
    ("duration", "duree"),
    ("steps", "etapes"),
    ("pitfalls", "points_de_vigilance"),
    ("success_factors", "facteurs_cles_de_succes"),
];

/// At most 100 characters of a value, so that a report stays readable whatever the file holds.
fn excerpt(s: &str) -> String {
    const MAX: usize = 100;
    match s.char_indices().nth(MAX) {
        Some((cut, _)) => format!("{}…", &s[..cut]),
        None => s.to_owned(),
    }
}

/// Reads a CSV export (comma-separated, UTF-8, an optional BOM). Header problems are reported on
/// line 1 and stop the import; each row is then checked on its own, so one bad row does not hide
/// the others. Never panics, whatever the bytes.
pub fn read_csv(
    bytes: &[u8],
    territories: &Territories,
    challenge_codes: &[String],
) -> ImportReport {
    let mut report = ImportReport::default();
    // Flexible, so that a short or long row is reported by us with its line, and byte records,
    // so that invalid UTF-8 is one row's error rather than the end of the file.
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .from_reader(bytes);
    let mut record = csv::ByteRecord::new();
    let header_error = |code, detail: &str| RowError {
        line: 1,
        column: None,
        code,
        detail: detail.to_owned(),
    };
    match reader.read_byte_record(&mut record) {
        Ok(true) => {}
        Ok(false) => {
            report.errors.push(header_error("file_empty", ""));
            return report;
        }
        Err(e) => {
            report
                .errors
                .push(header_error("csv_invalid", &e.to_string()));
            return report;
        }
    }
    let names = match read_header(&record) {
        Ok(names) => names,
        Err(errors) => {
            report.errors = errors;
            return report;
        }
    };
    let mut seen = HashSet::new();
    let mut line = 1;
    loop {
        line += 1;
        match reader.read_byte_record(&mut record) {
            Ok(false) => break,
            Ok(true) => {
                let row = Row::new(&names, &record, line);
                match row.and_then(|row| row.read(territories, challenge_codes, &mut seen)) {
                    Ok(r) => report.records.push((line, r)),
                    Err(mut errors) => report.errors.append(&mut errors),
                }
            }
            Err(e) => {
                // Reading a byte slice has no IO to fail; should the parser still refuse, the
                // rest of the file cannot be trusted to be cut into the same rows.
                report.errors.push(RowError {
                    line,
                    column: None,
                    code: "csv_invalid",
                    detail: e.to_string(),
                });
                break;
            }
        }
    }
    report
}

/// The column of each field of the header, or every problem found in it.
fn read_header(record: &csv::ByteRecord) -> Result<Vec<&'static str>, Vec<RowError>> {
    let mut names: Vec<&'static str> = vec![];
    let mut errors = vec![];
    let mut error = |column: Option<&str>, code, detail: String| {
        errors.push(RowError {
            line: 1,
            column: column.map(excerpt),
            code,
            detail,
        })
    };
    for field in record.iter() {
        let Ok(text) = std::str::from_utf8(field) else {
            error(
                None,
                "invalid_utf8",
                excerpt(&String::from_utf8_lossy(field)),
            );
            continue;
        };
        let name = text.trim();
        match column(name) {
            Some(c) if names.contains(&c.name) => {
                error(Some(name), "column_duplicate", name.into())
            }
            Some(c) => names.push(c.name),
            None => error(Some(name), "column_unknown", excerpt(name)),
        }
    }
    for c in COLUMNS
        .iter()
        .filter(|c| c.required && !names.contains(&c.name))
    {
        error(Some(c.name), "column_missing", c.name.into());
    }
    if errors.is_empty() {
        Ok(names)
    } else {
        Err(errors)
    }
}

/// One row's cells by column name, and the errors found so far.
struct Row<'a> {
    line: usize,
    cells: HashMap<&'static str, &'a str>,
    errors: Vec<RowError>,
}

impl<'a> Row<'a> {
    /// The row's cells, checked for count, size and encoding before anything reads them.
    fn new(
        names: &[&'static str],
        record: &'a csv::ByteRecord,
        line: usize,
    ) -> Result<Row<'a>, Vec<RowError>> {
        let mut row = Row {
            line,
            cells: HashMap::new(),
            errors: vec![],
        };
        if record.len() != names.len() {
            let detail = format!("{} fields, {} expected", record.len(), names.len());
            row.error(None, "field_count_invalid", detail);
            return Err(row.errors);
        }
        let mut utf8_reported = false;
        for (&name, bytes) in names.iter().zip(record.iter()) {
            if bytes.len() > FIELD_MAX_BYTES {
                let detail = format!("{} bytes, at most {FIELD_MAX_BYTES}", bytes.len());
                row.error(Some(name), "field_too_long", detail);
                continue;
            }
            match std::str::from_utf8(bytes) {
                Ok(text) => {
                    row.cells.insert(name, text);
                }
                // Once per row: the row is refused anyway, and a wrong encoding usually
                // affects every accented cell.
                Err(e) if !utf8_reported => {
                    utf8_reported = true;
                    row.error(
                        Some(name),
                        "invalid_utf8",
                        format!("byte {}", e.valid_up_to()),
                    );
                }
                Err(_) => {}
            }
        }
        if row.errors.is_empty() {
            Ok(row)
        } else {
            Err(row.errors)
        }
    }

    fn error(&mut self, column: Option<&str>, code: &'static str, detail: impl Into<String>) {
        self.errors.push(RowError {
            line: self.line,
            column: column.map(str::to_owned),
            code,
            detail: detail.into(),
        });
    }

    fn has_error(&self, column: &str) -> bool {
        self.errors
            .iter()
            .any(|e| e.column.as_deref() == Some(column))
    }

    /// The cell of a column; an absent optional column reads as empty.
    fn get(&self, column: &str) -> &'a str {
        self.cells.get(column).copied().unwrap_or("")
    }

    fn uuid(&mut self, column: &str, code: &'static str) -> Option<Uuid> {
        let text = self.get(column).trim();
        match Uuid::parse_str(text) {
            Ok(id) => Some(id),
            Err(_) => {
                self.error(Some(column), code, excerpt(text));
                None
            }
        }
    }

    fn date(&mut self, column: &str) -> Option<DateTime<Utc>> {
        let text = self.get(column).trim();
        let utc = DateTime::parse_from_rfc3339(text).map(|d| d.with_timezone(&Utc));
        match utc {
            // RFC 3339 has four-digit years; an offset can carry a date just outside them in
            // UTC, which the export could then not write in a form the import reads back.
            Ok(d) if (0..=9999).contains(&d.year()) => {
                // Micro-seconds, as the databases and the export keep them: a finer date
                // would change on its way through either.
                Some(d.trunc_subsecs(6))
            }
            _ => {
                self.error(Some(column), "date_invalid", excerpt(text));
                None
            }
        }
    }

    /// A list cell: a JSON array of strings; an empty cell is an empty list.
    fn list(&mut self, column: &str) -> Vec<String> {
        let text = self.get(column);
        if text.trim().is_empty() {
            return vec![];
        }
        match serde_json::from_str::<Vec<String>>(text) {
            Ok(items) => items,
            Err(_) => {
                self.error(Some(column), "list_invalid", excerpt(text));
                vec![]
            }
        }
    }

    /// "uuid:role" items; a pair given twice counts once, like repeated codes in a form.
    fn structures(&mut self) -> Vec<(Uuid, StructureRole)> {
        let items = self.list("structures");
        if items.len() > LIST_MAX_ITEMS {
            self.error(Some("structures"), "list_too_long", items.len().to_string());
            return vec![];
        }
        let mut out = vec![];
        for item in &items {
            // The role is after the last colon, so a URN form of the UUID still reads.
            let parsed = item.trim().rsplit_once(':').and_then(|(id, role)| {
                Some((
                    Uuid::parse_str(id.trim()).ok()?,
                    StructureRole::parse(role).ok()?,
                ))
            });
            match parsed {
                Some(pair) if out.contains(&pair) => {}
                Some(pair) => out.push(pair),
                None => {
                    self.error(Some("structures"), "structure_invalid", excerpt(item));
                    return vec![];
                }
            }
        }
        out
    }

    /// The record of a row whose cells are all readable, or every error found in it.
    fn read(
        mut self,
        territories: &Territories,
        challenge_codes: &[String],
        seen: &mut HashSet<Uuid>,
    ) -> Result<InitiativeRecord, Vec<RowError>> {
        let id = self.uuid("id", "id_invalid");
        // Counted even when the rest of the row is refused: the file still holds the id twice.
        if let Some(id) = id {
            if !seen.insert(id) {
                self.error(Some("id"), "id_duplicate", id.to_string());
            }
        }
        let status_text = self.get("statut");
        let status = match Status::parse(status_text) {
            Ok(s) => Some(s),
            Err(e) => {
                self.error(Some("statut"), e.code, excerpt(status_text));
                None
            }
        };
        let created_at = self.date("date_creation");
        let updated_at = self.date("date_maj");
        let forked_from = if self.get("source_id").trim().is_empty() {
            None
        } else {
            let source = self.uuid("source_id", "source_id_invalid");
            if source.is_some() && source == id {
                let detail = excerpt(self.get("source_id").trim());
                self.error(Some("source_id"), "source_id_invalid", detail);
            }
            source
        };
        // The forms give a default licence to what a person types; an import copies content
        // someone published, so it must say under which licence rather than get one silently.
        if self.get("licence").trim().is_empty() {
            self.error(Some("licence"), "licence_required", "");
        }
        let structures = self.structures();
        let mut lines = |column: &str| self.list(column).join("\n");
        let input = InitiativeInput {
            territories: lines("territoires"),
            publics: lines("publics"),
            links: lines("liens"),
            resources: lines("ressources"),
            skills: lines("competences"),
            partners: lines("partenaires"),
            steps: lines("etapes"),
            pitfalls: lines("points_de_vigilance"),
            success_factors: lines("facteurs_cles_de_succes"),
            challenges: self.list("defis"),
            title: self.get("nom").to_owned(),
            summary: self.get("resume").to_owned(),
            description: self.get("description").to_owned(),
            stage: self.get("stade").to_owned(),
            licence: self.get("licence").to_owned(),
            budget_range: self.get("budget").to_owned(),
            duration: self.get("duree").to_owned(),
        };
        let content = match input.validate(territories, challenge_codes) {
            Ok(content) => Some(content),
            Err(field_errors) => {
                for (field, invalid) in field_errors.0 {
                    let column = INPUT_COLUMNS
                        .iter()
                        .find(|(f, _)| *f == field)
                        .map_or(field, |(_, c)| *c);
                    // A cell already refused (not a JSON array, say) was read as empty: the
                    // error found then says more than what validation makes of it.
                    if self.has_error(column) {
                        continue;
                    }
                    let detail = self.detail(column, &input, territories, challenge_codes);
                    self.error(Some(column), invalid.code, detail);
                }
                None
            }
        };
        match (id, status, created_at, updated_at, content) {
            (Some(id), Some(status), Some(created_at), Some(updated_at), Some(mut content))
                if self.errors.is_empty() =>
            {
                content.structures = structures;
                Ok(InitiativeRecord {
                    id,
                    status,
                    forked_from,
                    created_at,
                    updated_at,
                    content,
                })
            }
            _ => Err(self.errors),
        }
    }

    /// What to show with a validation error: the items at fault for the lists of codes, the
    /// cell otherwise.
    fn detail(
        &self,
        column: &str,
        input: &InitiativeInput,
        territories: &Territories,
        challenge_codes: &[String],
    ) -> String {
        let unknown: Vec<&str> = match column {
            "territoires" => input
                .territories
                .lines()
                .map(str::trim)
                .filter(|t| !t.is_empty() && pick(territories, t).is_err())
                .collect(),
            "defis" => input
                .challenges
                .iter()
                .filter(|c| !challenge_codes.contains(c))
                .map(String::as_str)
                .collect(),
            _ => vec![],
        };
        if unknown.is_empty() {
            excerpt(self.get(column))
        } else {
            excerpt(&unknown.join(", "))
        }
    }
}
