//! The CSV import of initiatives, on any bytes an upload may hold.
//!
//! Each input is read twice: as a whole file, and as the rows under a valid header (random
//! bytes rarely spell out the nine required column names, and the row checks are where the
//! rules are). Every record accepted must survive an export and a second import unchanged:
//! that is what the open-data module promises.
#![no_main]

use essaim_domain::initiative::DEFAULT_CHALLENGES;
use essaim_domain::opendata::{read_csv, write_csv, ImportReport, InitiativeRecord};
use essaim_domain::territory::Territories;
use libfuzzer_sys::fuzz_target;
use std::sync::OnceLock;

fn codes() -> &'static [String] {
    static CODES: OnceLock<Vec<String>> = OnceLock::new();
    CODES.get_or_init(|| DEFAULT_CHALLENGES.iter().map(|c| c.0.to_owned()).collect())
}

fn header() -> &'static [u8] {
    static HEADER: OnceLock<Vec<u8>> = OnceLock::new();
    HEADER.get_or_init(|| {
        let mut out = vec![];
        write_csv(&[], &mut out).expect("writing to a Vec");
        out
    })
}

fn read(bytes: &[u8]) -> ImportReport {
    read_csv(bytes, Territories::bundled(), codes())
}

fn check(report: &ImportReport) {
    let mut last_line = 1;
    for e in &report.errors {
        assert!(e.line >= 1, "{e:?}");
        assert!(!e.code.is_empty(), "{e:?}");
        // A detail is shortened so that a report stays readable (100 characters and `…`);
        // the CSV parser's own messages are short sentences.
        assert!(
            e.detail.chars().count() <= 101 || e.code == "csv_invalid",
            "{e:?}"
        );
    }
    for (line, _) in &report.records {
        assert!(*line > last_line, "records in file order: {report:?}");
        last_line = *line;
    }
    if report.records.is_empty() {
        return;
    }
    let records: Vec<InitiativeRecord> = report.records.iter().map(|(_, r)| r.clone()).collect();
    let mut exported = vec![];
    write_csv(&records, &mut exported).expect("writing to a Vec");
    let again = read(&exported);
    assert_eq!(again.errors, [], "an export imports back without error");
    let back: Vec<InitiativeRecord> = again.records.into_iter().map(|(_, r)| r).collect();
    assert_eq!(back, records, "an export imports back unchanged");
}

fuzz_target!(|data: &[u8]| {
    check(&read(data));
    let mut file = header().to_vec();
    file.extend_from_slice(data);
    check(&read(&file));
});
