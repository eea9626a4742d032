//! `essaim import initiatives` and `essaim export initiatives`: the open data columns both ways.

use anyhow::Context;
use essaim_domain::initiative::Status;
use essaim_domain::opendata::{self, InitiativeRecord, RowError};
use essaim_store::Store;
use essaim_web::i18n::{I18n, Locale};
use std::io::{IsTerminal, Write};
use std::path::Path;

#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    Csv,
    Json,
    Jsonld,
}

/// Writes every initiative (published only unless `all`) to `output`, or standard output.
pub async fn export(
    store: &dyn Store,
    format: Format,
    output: Option<&Path>,
    all: bool,
    base_url: &str,
) -> anyhow::Result<usize> {
    let statuses: &[Status] = if all {
        Status::ALL
    } else {
        &[Status::Published]
    };
    let records: Vec<InitiativeRecord> = store
        .export_initiatives(statuses)
        .await?
        .into_iter()
        .map(|i| InitiativeRecord {
            id: i.id,
            status: i.status,
            forked_from: i.forked_from,
            created_at: i.created_at,
            updated_at: i.updated_at,
            content: i.content,
        })
        .collect();
    let mut out: Box<dyn Write> = match output {
        Some(path) => Box::new(std::io::BufWriter::new(
            std::fs::File::create(path)
                .with_context(|| format!("cannot write {}", path.display()))?,
        )),
        None => Box::new(std::io::stdout().lock()),
    };
    match format {
        Format::Csv => opendata::write_csv(&records, &mut out)?,
        Format::Json => serde_json::to_writer_pretty(&mut out, &opendata::to_json(&records))?,
        Format::Jsonld => {
            serde_json::to_writer_pretty(&mut out, &opendata::to_jsonld(&records, base_url))?
        }
    }
    out.flush()?;
    Ok(records.len())
}

pub struct ImportOptions {
    pub dry_run: bool,
    pub skip_invalid: bool,
}

fn describe(i18n: &I18n, e: &RowError) -> String {
    let column = e
        .column
        .as_deref()
        .map(|c| format!(", colonne « {c} »"))
        .unwrap_or_default();
    let detail = if e.detail.is_empty() {
        String::new()
    } else {
        format!(" ({})", e.detail)
    };
    format!(
        "ligne {}{column} : {} [{}]{detail}",
        e.line,
        i18n.t(Locale::Fr, e.code),
        e.code
    )
}

/// Reads, checks and writes a CSV file. Returns the report lines and whether anything failed.
pub async fn import(
    store: &dyn Store,
    file: &Path,
    options: ImportOptions,
) -> anyhow::Result<bool> {
    let bytes = std::fs::read(file).with_context(|| format!("cannot read {}", file.display()))?;
    let prepared = essaim_web::import::prepare(store, &bytes).await?;
    let (errors, valid, refused) = (prepared.errors, prepared.valid, prepared.refused);
    let i18n = I18n::load();
    for e in &errors {
        eprintln!("{}", describe(&i18n, e));
    }
    if !errors.is_empty() && !options.skip_invalid {
        eprintln!("{refused} ligne(s) en erreur : rien n'a été importé (--skip-invalid importe les lignes valides).");
        return Ok(false);
    }
    if options.dry_run {
        println!("vérification seule : {} initiative(s) valides, {refused} ligne(s) refusée(s) ; rien n'a été écrit.", valid.len());
        return Ok(errors.is_empty());
    }
    let bar = indicatif::ProgressBar::new(valid.len() as u64);
    if std::io::stderr().is_terminal() {
        bar.set_style(
            indicatif::ProgressStyle::with_template("{bar:40} {pos}/{len} initiatives {eta}")
                .expect("valid template"),
        );
    } else {
        bar.set_draw_target(indicatif::ProgressDrawTarget::hidden());
    }
    let started = std::time::Instant::now();
    let progress = |n: usize| bar.set_position(n as u64);
    let counts = store
        .import_initiatives(
            &valid,
            None,
            &format!("import de {}", file.display()),
            &progress,
        )
        .await?;
    bar.finish_and_clear();
    println!(
        "{} créée(s), {} mise(s) à jour, {refused} ligne(s) refusée(s), en {:.1} s.",
        counts.created,
        counts.updated,
        started.elapsed().as_secs_f64()
    );
    Ok(errors.is_empty())
}
