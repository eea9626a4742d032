//! The catalogue index: an in-memory projection of the published initiatives that answers
//! catalogue requests (search, filters, facet counts, sorting, pages) without walking the
//! database.
//!
//! Why: a catalogue page counts five facets over every match. Done in SQL that is a pass over
//! up to every published initiative per request (hundreds of milliseconds at 100k); here the
//! matches are a bitmap and each facet value's count is one bitmap intersection.
//!
//! How it stays true: the database is the only source. Every write of an initiative stamps a
//! `generation` (store migration 0006); `sync` reads what changed after the last generation
//! seen and applies it. A request checks the database's generation first (one tiny query), so
//! a page always reflects committed writes, including those of another process such as
//! `essaim import`. Nothing is persisted: the index is rebuilt at start; until that first load
//! is done, and for requests it does not cover (drafts and archives), the store answers.

mod sets;
mod text;

use essaim_domain::initiative::{Challenge, Status};
use essaim_domain::territory::Territories;
use essaim_store::initiatives::IndexFields;
use essaim_store::{
    CatalogueChange, CataloguePage, CatalogueQuery, Facets, Sort, Store, StoreError, StoreResult,
};
use sets::{Entry, Sets};
use std::collections::HashMap;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, RwLock};
use tantivy::Searcher;
use text::{TextFields, TextIndex};
use tokio::sync::Mutex;
use uuid::Uuid;

/// Changes read from the database at a time.
const BATCH: i64 = 2_000;

pub struct Catalogue {
    /// What searches read: swapped as a whole under the write lock at the end of a sync.
    state: RwLock<State>,
    /// The challenge list the catalogue names its facets with, and the generation it was read
    /// at (adding a challenge takes a generation too).
    challenges: RwLock<Option<(i64, Arc<Vec<Challenge>>)>>,
    /// Held for a whole sync: one syncer at a time.
    writer: Arc<Mutex<Writer>>,
    ready: AtomicBool,
}

struct State {
    generation: i64,
    searcher: Searcher,
    fields: TextFields,
    sets: Sets,
}

struct Writer {
    text: TextIndex,
    /// The last (generation, id) applied.
    cursor: (i64, Uuid),
    /// Dense numbers for initiatives, stable for the life of the process.
    nums: HashMap<Uuid, u32>,
}

impl Writer {
    fn num_of(&mut self, id: Uuid) -> u32 {
        let next = u32::try_from(self.nums.len()).expect("fewer than 4 billion initiatives");
        *self.nums.entry(id).or_insert(next)
    }

    /// Computes the index fields of a batch and hands its text to tantivy; CPU work, run off
    /// the async threads.
    fn apply(&mut self, batch: Vec<CatalogueChange>) -> tantivy::Result<Vec<(u32, Option<Entry>)>> {
        let mut updates = Vec::with_capacity(batch.len());
        for change in batch {
            let i = change.initiative;
            let num = self.num_of(i.id);
            if i.status == Status::Published {
                let f = IndexFields::of(&i.content, Territories::bundled());
                self.text.put(num, &f.search_title, &f.search_body)?;
                let entry = Entry {
                    id: i.id,
                    updated_at: i.updated_at.timestamp_micros(),
                    sort_title: f.sort_title.into(),
                    keys: f.facet_keys.split(' ').map(str::to_owned).collect(),
                };
                updates.push((num, Some(entry)));
            } else {
                self.text.remove(num);
                updates.push((num, None));
            }
            self.cursor = (change.generation, i.id);
        }
        Ok(updates)
    }
}

/// One page of the catalogue as the index answers it: the ids of the page in order.
#[derive(Debug, Clone, PartialEq)]
pub struct Hits {
    pub total: i64,
    pub ids: Vec<Uuid>,
    pub facets: Facets,
}

fn index_error(e: impl std::fmt::Display) -> StoreError {
    StoreError::Index(e.to_string())
}

impl Catalogue {
    pub fn new() -> StoreResult<Arc<Catalogue>> {
        let text = TextIndex::new().map_err(index_error)?;
        let state = State {
            generation: -1,
            searcher: text.searcher(),
            fields: text.fields,
            sets: Sets::default(),
        };
        Ok(Arc::new(Catalogue {
            state: RwLock::new(state),
            challenges: RwLock::new(None),
            writer: Arc::new(Mutex::new(Writer {
                text,
                cursor: (-1, Uuid::nil()),
                nums: HashMap::new(),
            })),
            ready: AtomicBool::new(false),
        }))
    }

    /// True once the first sync is done.
    pub fn is_ready(&self) -> bool {
        self.ready.load(Ordering::Acquire)
    }

    /// The generation the index reflects.
    pub fn generation(&self) -> i64 {
        self.state.read().expect("catalogue lock").generation
    }

    /// Reads every change since the last sync and applies it; the first call loads everything.
    pub async fn sync(&self, store: &dyn Store) -> StoreResult<()> {
        let writer = self.writer.clone().lock_owned().await;
        self.sync_locked(store, writer).await
    }

    /// Brings the index up to `needed` at least. Readers queued behind a sync that already
    /// covered their generation return at once: under a stream of writes, one commit serves
    /// every reader that was waiting (a group commit) instead of one commit each.
    async fn catch_up(&self, store: &dyn Store, needed: i64) -> StoreResult<()> {
        let writer = self.writer.clone().lock_owned().await;
        if self.is_ready() && self.generation() >= needed {
            return Ok(());
        }
        self.sync_locked(store, writer).await
    }

    async fn sync_locked(
        &self,
        store: &dyn Store,
        mut writer: tokio::sync::OwnedMutexGuard<Writer>,
    ) -> StoreResult<()> {
        let start = writer.cursor;
        // Every change up to this generation is committed, so the reads below include it.
        let seen = store.catalogue_generation().await?;
        let mut updates = vec![];
        let mut failure = None;
        loop {
            let batch = match store.catalogue_changes(writer.cursor, BATCH).await {
                Ok(batch) => batch,
                Err(e) => {
                    failure = Some(e);
                    break;
                }
            };
            let full = batch.len() as i64 == BATCH;
            if batch.is_empty() {
                break;
            }
            let (w, applied) = tokio::task::spawn_blocking(move || {
                let applied = writer.apply(batch);
                (writer, applied)
            })
            .await
            .map_err(index_error)?;
            writer = w;
            match applied {
                Ok(applied) => updates.extend(applied),
                Err(e) => {
                    failure = Some(index_error(e));
                    break;
                }
            }
            if !full {
                break;
            }
        }
        let generation = writer.cursor.0.max(seen);
        if failure.is_none() && updates.is_empty() && self.is_ready() {
            let mut state = self.state.write().expect("catalogue lock");
            state.generation = generation.max(state.generation);
            return Ok(());
        }
        let (mut writer, searcher) = tokio::task::spawn_blocking(move || {
            let searcher = match failure {
                Some(e) => Err(e),
                None => writer.text.commit().map_err(index_error),
            };
            (writer, searcher)
        })
        .await
        .map_err(index_error)?;
        let searcher = match searcher {
            Ok(searcher) => searcher,
            Err(e) => {
                // Forget this attempt: the next sync reads the same changes again.
                writer.cursor = start;
                writer.text.rollback();
                return Err(e);
            }
        };
        {
            let mut state = self.state.write().expect("catalogue lock");
            for (num, entry) in updates {
                state.sets.put(num, entry);
            }
            state.searcher = searcher;
            state.generation = generation.max(state.generation);
        }
        drop(writer);
        self.ready.store(true, Ordering::Release);
        Ok(())
    }

    /// Bytes the text index takes (its segments), for benchmarks and logs.
    pub fn text_bytes(&self) -> u64 {
        let state = self.state.read().expect("catalogue lock");
        state
            .searcher
            .space_usage()
            .map(|u| u.total().get_bytes())
            .unwrap_or(0)
    }

    /// Whether the index answers this request: published initiatives only, once loaded.
    fn serves(&self, q: &CatalogueQuery) -> bool {
        self.is_ready() && (q.statuses.is_empty() || q.statuses == [Status::Published])
    }

    /// A catalogue page: from the index when it covers the request (after catching up with
    /// the database), from the store otherwise.
    pub async fn page(&self, store: &dyn Store, q: &CatalogueQuery) -> StoreResult<CataloguePage> {
        if !self.serves(q) {
            return store.catalogue(q).await;
        }
        let needed = store.catalogue_generation().await?;
        if needed != self.generation() {
            if let Err(e) = self.catch_up(store, needed).await {
                tracing::warn!(error = %e, "catalogue index behind the database; the store answers");
                return store.catalogue(q).await;
            }
        }
        let hits = self.hits(q)?;
        let mut items = store.initiatives_by_ids(&hits.ids).await?;
        let position: HashMap<Uuid, usize> = hits
            .ids
            .iter()
            .enumerate()
            .map(|(n, id)| (*id, n))
            .collect();
        items.sort_by_key(|i| position.get(&i.id).copied());
        // Unpublished between the two reads: left out rather than shown.
        items.retain(|i| i.status == Status::Published);
        Ok(CataloguePage {
            total: hits.total,
            items,
            facets: hits.facets,
        })
    }

    /// The challenge list, read again only when the generation moved. Call it after `page`,
    /// which brings the generation up to date.
    pub async fn challenges(&self, store: &dyn Store) -> StoreResult<Arc<Vec<Challenge>>> {
        if !self.is_ready() {
            return Ok(Arc::new(store.challenges().await?));
        }
        let generation = self.generation();
        if let Some((read_at, list)) = &*self.challenges.read().expect("challenges lock") {
            if *read_at == generation {
                return Ok(list.clone());
            }
        }
        let list = Arc::new(store.challenges().await?);
        *self.challenges.write().expect("challenges lock") = Some((generation, list.clone()));
        Ok(list)
    }

    /// The ids, total and facets of a request over published initiatives.
    pub fn hits(&self, q: &CatalogueQuery) -> StoreResult<Hits> {
        let state = self.state.read().expect("catalogue lock");
        let mut result = state.sets.live().clone();
        let mut scores = None;
        if let Some(search) = &q.search {
            let scored = q.sort == Sort::Relevance;
            if let Some(found) = state
                .fields
                .matches(&state.searcher, search, scored)
                .map_err(index_error)?
            {
                // Sorted numbers build a bitmap in one pass; segments come in any order.
                let mut nums: Vec<u32> = found.iter().map(|(num, _)| *num).collect();
                nums.sort_unstable();
                nums.dedup();
                result &= roaring::RoaringBitmap::from_sorted_iter(nums).map_err(index_error)?;
                scores = Some(found);
            }
        }
        for key in q.filter_keys() {
            state.sets.keep_with(&mut result, &key);
        }
        let (offset, limit) = match q.page {
            Some(p) => (p.offset.max(0) as usize, p.limit.max(0) as usize),
            None => (0, usize::MAX),
        };
        let nums = match (q.sort, scores) {
            (Sort::Relevance, Some(scores)) => {
                sets::best_scores(scores, &result, &state.sets, offset, limit)
            }
            (Sort::Title, _) => state.sets.by_title(&result, offset, limit),
            _ => state.sets.by_recent(&result, offset, limit),
        };
        Ok(Hits {
            total: result.len() as i64,
            ids: nums.into_iter().map(|n| state.sets.id(n)).collect(),
            facets: state.sets.facets(&result),
        })
    }
}
