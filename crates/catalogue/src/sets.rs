//! The published initiatives as sets of numbers: which are live, which carry each facet value
//! (one bitmap per value), and the two orders the catalogue sorts by.

use essaim_store::Facets;
use roaring::RoaringBitmap;
use std::cmp::{Ordering, Reverse};
use std::collections::{BTreeSet, HashMap};
use uuid::Uuid;

/// What the index keeps of a published initiative besides its text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Entry {
    pub id: Uuid,
    /// Microseconds since the epoch: "most recent" sorts on it.
    pub updated_at: i64,
    pub sort_title: Box<str>,
    /// Facet keys (`c:alimentation`, `d:29`…), as `IndexFields::facet_keys`.
    pub keys: Vec<String>,
}

/// An entry as kept: facet keys as numbers into `Sets::keys`.
struct Stored {
    id: Uuid,
    updated_at: i64,
    sort_title: Box<str>,
    keys: Vec<u32>,
}

#[derive(Default)]
pub struct Sets {
    entries: Vec<Option<Stored>>,
    live: RoaringBitmap,
    keys: Vec<(String, RoaringBitmap)>,
    key_ids: HashMap<String, usize>,
    recent: BTreeSet<(Reverse<i64>, Uuid, u32)>,
    titles: BTreeSet<(Box<str>, Uuid, u32)>,
}

/// Below this share of the live initiatives, sorting the matches beats walking an order.
const SPARSE: u64 = 16;

impl Sets {
    /// Sets what the index holds for `num`: an entry when published, nothing otherwise.
    pub fn put(&mut self, num: u32, entry: Option<Entry>) {
        let slot = num as usize;
        if self.entries.len() <= slot {
            self.entries.resize_with(slot + 1, || None);
        }
        if let Some(old) = self.entries[slot].take() {
            self.live.remove(num);
            for &k in &old.keys {
                self.keys[k as usize].1.remove(num);
            }
            self.recent.remove(&(Reverse(old.updated_at), old.id, num));
            self.titles.remove(&(old.sort_title, old.id, num));
        }
        let Some(entry) = entry else { return };
        self.live.insert(num);
        let mut keys = Vec::with_capacity(entry.keys.len());
        for key in entry.keys.iter().filter(|k| !k.is_empty()) {
            let k = match self.key_ids.get(key) {
                Some(&k) => k,
                None => {
                    self.keys.push((key.clone(), RoaringBitmap::new()));
                    self.key_ids.insert(key.clone(), self.keys.len() - 1);
                    self.keys.len() - 1
                }
            };
            self.keys[k].1.insert(num);
            keys.push(k as u32);
        }
        self.recent
            .insert((Reverse(entry.updated_at), entry.id, num));
        self.titles
            .insert((entry.sort_title.clone(), entry.id, num));
        self.entries[slot] = Some(Stored {
            id: entry.id,
            updated_at: entry.updated_at,
            sort_title: entry.sort_title,
            keys,
        });
    }

    pub fn live(&self) -> &RoaringBitmap {
        &self.live
    }

    fn entry(&self, num: u32) -> &Stored {
        self.entries[num as usize]
            .as_ref()
            .expect("a live number has an entry")
    }

    pub fn id(&self, num: u32) -> Uuid {
        self.entry(num).id
    }

    /// Narrows `result` to the initiatives carrying the facet `key`.
    pub fn keep_with(&self, result: &mut RoaringBitmap, key: &str) {
        match self.key_ids.get(key) {
            Some(&k) => *result &= &self.keys[k].1,
            None => result.clear(),
        }
    }

    /// Each facet value's count within `result`: a walk over the matches' keys when they are
    /// few, one bitmap intersection per value otherwise.
    pub fn facets(&self, result: &RoaringBitmap) -> Facets {
        let counts: Vec<i64> = if result.len() * SPARSE < self.live.len() {
            let mut counts = vec![0; self.keys.len()];
            for num in result {
                for &k in &self.entry(num).keys {
                    counts[k as usize] += 1;
                }
            }
            counts
        } else {
            self.keys
                .iter()
                .map(|(_, set)| set.intersection_len(result) as i64)
                .collect()
        };
        Facets::from_counts(
            self.keys
                .iter()
                .zip(counts)
                .map(|((key, _), n)| (key.as_str(), n)),
        )
    }

    /// A page of `result`, most recently updated first (ties by id, as the stores do).
    pub fn by_recent(&self, result: &RoaringBitmap, offset: usize, limit: usize) -> Vec<u32> {
        self.page(
            result,
            offset,
            limit,
            self.recent.iter().map(|k| k.2),
            |a, b| (Reverse(a.updated_at), a.id).cmp(&(Reverse(b.updated_at), b.id)),
        )
    }

    /// A page of `result` by title (folded), ties by id.
    pub fn by_title(&self, result: &RoaringBitmap, offset: usize, limit: usize) -> Vec<u32> {
        self.page(
            result,
            offset,
            limit,
            self.titles.iter().map(|k| k.2),
            |a, b| (&a.sort_title, a.id).cmp(&(&b.sort_title, b.id)),
        )
    }

    fn page(
        &self,
        result: &RoaringBitmap,
        offset: usize,
        limit: usize,
        in_order: impl Iterator<Item = u32>,
        cmp: impl Fn(&Stored, &Stored) -> Ordering,
    ) -> Vec<u32> {
        if result.len() * SPARSE < self.live.len() {
            let nums: Vec<u32> = result.iter().collect();
            top(nums, offset, limit, |a, b| {
                cmp(self.entry(*a), self.entry(*b))
            })
        } else {
            in_order
                .filter(|n| result.contains(*n))
                .skip(offset)
                .take(limit)
                .collect()
        }
    }
}

/// A page of the matches in `result`, best score first, ties by id.
pub fn best_scores(
    scores: Vec<(u32, f32)>,
    result: &RoaringBitmap,
    sets: &Sets,
    offset: usize,
    limit: usize,
) -> Vec<u32> {
    let kept: Vec<(u32, f32)> = scores
        .into_iter()
        .filter(|(num, _)| result.contains(*num))
        .collect();
    top(kept, offset, limit, |a, b| {
        b.1.total_cmp(&a.1)
            .then_with(|| sets.id(a.0).cmp(&sets.id(b.0)))
    })
    .into_iter()
    .map(|(num, _)| num)
    .collect()
}

/// Items `offset..offset + limit` of `items` in `cmp` order, without sorting the rest.
fn top<T>(
    mut items: Vec<T>,
    offset: usize,
    limit: usize,
    cmp: impl Fn(&T, &T) -> Ordering,
) -> Vec<T> {
    let want = offset.saturating_add(limit);
    if want < items.len() {
        items.select_nth_unstable_by(want, &cmp);
        items.truncate(want);
    }
    items.sort_by(&cmp);
    items.into_iter().skip(offset).take(limit).collect()
}
