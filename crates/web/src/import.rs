//! Importing initiatives from the open data CSV, shared by `essaim import initiatives` and the
//! admin page: read and validate every row, check that each copy's source exists, then write all
//! valid rows in one transaction.

use essaim_domain::opendata::{self, InitiativeRecord, RowError};
use essaim_domain::territory::Territories;
use essaim_store::{Store, StoreResult};
use std::collections::HashSet;

pub struct Prepared {
    /// Rows that passed every check.
    pub valid: Vec<InitiativeRecord>,
    /// Every problem, by line.
    pub errors: Vec<RowError>,
    /// Lines refused (one line may have several errors).
    pub refused: usize,
}

pub async fn prepare(store: &dyn Store, bytes: &[u8]) -> StoreResult<Prepared> {
    let codes: Vec<String> = store
        .challenges()
        .await?
        .into_iter()
        .map(|c| c.code)
        .collect();
    let report = opendata::read_csv(bytes, Territories::bundled(), &codes);
    let mut errors = report.errors;
    // A copy must name a source that exists, in the file or already in the database.
    let in_file: HashSet<_> = report.records.iter().map(|(_, r)| r.id).collect();
    for (line, r) in &report.records {
        if let Some(source) = r.forked_from {
            if !in_file.contains(&source) && store.initiative(source).await?.is_none() {
                errors.push(RowError {
                    line: *line,
                    column: Some("source_id".into()),
                    code: "source_unknown",
                    detail: source.to_string(),
                });
            }
        }
    }
    errors.sort_by_key(|e| e.line);
    let bad: HashSet<usize> = errors.iter().map(|e| e.line).collect();
    let valid = report
        .records
        .into_iter()
        .filter(|(l, _)| !bad.contains(l))
        .map(|(_, r)| r)
        .collect();
    Ok(Prepared {
        valid,
        errors,
        refused: bad.len(),
    })
}
