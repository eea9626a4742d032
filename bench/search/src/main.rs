//! Search latency over a fixed mix of queries, three ways, with p50/p99 of each:
//! - the catalogue as the web serves it: the in-memory index (crates/catalogue) for matches,
//!   count, facets and order, then one query for the page's 20 rows;
//! - the same request answered by the store alone in SQL (`--sql`; slow at 100k);
//! - the bare FTS5 query (ranked top 20) straight in SQLite: the engine's floor.
//!
//! Usage: `essaim-bench-search DATABASE_URL [ROUNDS] [--sql]`.

use essaim_catalogue::Catalogue;
use essaim_domain::initiative::Stage;
use essaim_domain::search::SearchQuery;
use essaim_store::{CatalogueQuery, Page, Store};
use std::time::{Duration, Instant};
/// Common words (present in most documents), specific ones, phrases, OR and exclusions.
const QUERIES: &[&str] = &[
    "habitants",
    "association",
    "projet",
    "jardins partagés",
    "\"repair café\"",
    "vélo OR mobilité",
    "épicerie -étudiants",
    "médiation numérique",
    "cantine intergénérationnelle aînés",
    "tiers-lieu rural",
];

fn percentile(sorted: &[Duration], p: f64) -> Duration {
    let i = ((sorted.len() as f64 - 1.0) * p).round() as usize;
    sorted[i]
}

fn report(label: &str, mut times: Vec<Duration>) {
    times.sort();
    println!(
        "{label:<45} p50 {:>8.2} ms   p99 {:>8.2} ms   ({} runs)",
        percentile(&times, 0.5).as_secs_f64() * 1e3,
        percentile(&times, 0.99).as_secs_f64() * 1e3,
        times.len()
    );
}

async fn time_catalogue(
    label: &str,
    store: &dyn Store,
    catalogue: Option<&Catalogue>,
    query: &CatalogueQuery,
    rounds: usize,
) -> anyhow::Result<Vec<Duration>> {
    let page = |q| async move {
        match catalogue {
            Some(c) => c.page(store, q).await,
            None => store.catalogue(q).await,
        }
    };
    let hits = page(query).await?.total;
    let mut times = vec![];
    for _ in 0..rounds {
        let t = Instant::now();
        page(query).await?;
        times.push(t.elapsed());
    }
    report(&format!("{label} ({hits} hits)"), times.clone());
    Ok(times)
}

fn search(q: &str) -> CatalogueQuery {
    CatalogueQuery {
        search: Some(SearchQuery::parse(q)),
        page: Some(Page::first(20)),
        ..Default::default()
    }
}

/// Filters without words, as the catalogue's facet links make them.
fn filtered() -> Vec<(&'static str, CatalogueQuery)> {
    vec![
        (
            "no filter",
            CatalogueQuery {
                page: Some(Page::first(20)),
                ..Default::default()
            },
        ),
        (
            "défi + région + étape",
            CatalogueQuery {
                challenge: Some("alimentation".into()),
                region: Some("53".into()),
                stage: Some(Stage::Experimentation),
                page: Some(Page::first(20)),
                ..Default::default()
            },
        ),
        (
            "département, page 10",
            CatalogueQuery {
                departement: Some("29".into()),
                page: Some(Page {
                    limit: 20,
                    offset: 180,
                }),
                ..Default::default()
            },
        ),
    ]
}

#[tokio::main]
async fn main() -> anyhow::Result<()> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let sql = args.iter().any(|a| a == "--sql");
    let mut args = args.into_iter().filter(|a| a != "--sql");
    let url = args.next().unwrap_or_else(|| "sqlite://essaim.db".into());
    let rounds: usize = args.next().map(|r| r.parse()).transpose()?.unwrap_or(20);
    let sqlite = (!url.starts_with("postgres")).then(|| url.clone());
    let store: Box<dyn Store> = if url.starts_with("postgres") {
        let s = essaim_postgres::PgStore::open(&url, 4).await?;
        Box::new(s)
    } else {
        Box::new(essaim_sqlite::SqliteStore::open(&url).await?)
    };
    let catalogue = Catalogue::new()?;
    let t = Instant::now();
    catalogue.sync(&*store).await?;
    let published = catalogue.hits(&CatalogueQuery::default())?.total;
    let rss = std::fs::read_to_string("/proc/self/status")
        .ok()
        .and_then(|s| {
            s.lines()
                .find(|l| l.starts_with("VmRSS"))
                .map(|l| l.split_whitespace().nth(1).unwrap_or("?").to_owned())
        })
        .unwrap_or_else(|| "?".into());
    println!(
        "{published} published initiatives in {url}; index loaded in {:.1} s; \
         text index {:.1} MB; process RSS {rss} kB",
        t.elapsed().as_secs_f64(),
        catalogue.text_bytes() as f64 / 1e6,
    );
    let engines: Vec<(&str, Option<&Catalogue>)> = if sql {
        vec![("index", Some(&*catalogue)), ("sql", None)]
    } else {
        vec![("index", Some(&*catalogue))]
    };
    for (engine, catalogue) in engines {
        let mut all = vec![];
        for q in QUERIES {
            let label = format!("{engine} search {q:?}");
            all.extend(time_catalogue(&label, &*store, catalogue, &search(q), rounds).await?);
        }
        report(&format!("{engine} search, all queries"), all);
        let mut all = vec![];
        for (name, q) in filtered() {
            let label = format!("{engine} filters {name}");
            all.extend(time_catalogue(&label, &*store, catalogue, &q, rounds).await?);
        }
        report(&format!("{engine} filters, all"), all);
    }
    if let Some(url) = sqlite {
        // The reference: FTS5 alone, ranked, top 20, no count and no facets.
        let raw = essaim_sqlite::SqliteStore::open(&url).await?;
        let mut all = vec![];
        for q in QUERIES {
            let Some(fts) = SearchQuery::parse(q).to_fts5() else {
                continue;
            };
            let mut times = vec![];
            for _ in 0..rounds {
                let t = Instant::now();
                let _: Vec<(i64,)> = sqlx::query_as(
                    "SELECT rowid FROM initiative_fts WHERE initiative_fts MATCH $1 ORDER BY bm25(initiative_fts, 4.0, 1.0) LIMIT 20",
                )
                .bind(&fts)
                .fetch_all(raw.pool())
                .await?;
                times.push(t.elapsed());
            }
            all.extend(times.iter().copied());
            report(&format!("raw FTS5 {q:?}"), times);
        }
        report("raw FTS5, all queries", all);
    }
    Ok(())
}
