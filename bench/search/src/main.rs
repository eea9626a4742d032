//! Search latency: runs a fixed mix of queries through the store's catalogue (count, page of 20,
//! facets) and, for reference, the bare FTS5 query (ranked top 20) straight in SQLite, and prints
//! p50/p99 of each. Usage: `essaim-bench-search DATABASE_URL [ROUNDS]`.

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

#[tokio::main]
async fn main() -> anyhow::Result<()> {
    let mut args = std::env::args().skip(1);
    let url = args.next().unwrap_or_else(|| "sqlite://essaim.db".into());
    let rounds: usize = args.next().map(|r| r.parse()).transpose()?.unwrap_or(20);
    let sqlite = (!url.starts_with("postgres")).then(|| url.clone());
    let store: Box<dyn Store> = if url.starts_with("postgres") {
        let s = essaim_postgres::PgStore::open(&url, 4).await?;
        Box::new(s)
    } else {
        Box::new(essaim_sqlite::SqliteStore::open(&url).await?)
    };
    let total = store
        .catalogue(&CatalogueQuery {
            page: Some(Page::first(1)),
            ..Default::default()
        })
        .await?
        .total;
    println!("{total} published initiatives in {url}");
    let mut all = vec![];
    for q in QUERIES {
        let query = CatalogueQuery {
            search: Some(SearchQuery::parse(q)),
            page: Some(Page::first(20)),
            ..Default::default()
        };
        let hits = store.catalogue(&query).await?.total;
        let mut times = vec![];
        for _ in 0..rounds {
            let t = Instant::now();
            store.catalogue(&query).await?;
            times.push(t.elapsed());
        }
        all.extend(times.iter().copied());
        report(&format!("catalogue {q:?} ({hits} hits)"), times);
    }
    report("catalogue, all queries", all);
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
