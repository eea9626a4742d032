//! The score of a schedule and its incremental form: a matrix of pair meetings, attribute
//! counts per table, and the change a swap of two people would make, in O(K + attributes).

use super::{Instance, Schedule};
use serde::Serialize;

/// A meeting of two people of one structure costs this on top of the meeting itself: more than
/// a repeated meeting (3), so structures are kept apart first, then repeats avoided.
pub(super) const STRUCTURE_WEIGHT: f64 = 4.0;
/// The weight of the squared gap to the even share of an attribute value at a table.
pub(super) const ATTRIBUTE_WEIGHT: f64 = 1.0;

/// How good a schedule is, recounted from the schedule alone.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Report {
    /// Pairs who meet more than once.
    pub repeated_pairs: usize,
    /// The most times any pair meets (0 if nobody ever shares a table).
    pub max_meetings: usize,
    /// The sum over pairs of the square of their meetings.
    pub pair_score: u64,
    /// Meetings (per round) of two people of one structure.
    pub structure_meetings: usize,
    /// The sum over rounds, tables, attributes and values of the squared gap to the even share.
    pub attribute_deviation: f64,
    /// What the search minimises: the pair score plus the weighted other two.
    pub score: f64,
}

/// Recounts a schedule from scratch.
pub fn evaluate(instance: &Instance, schedule: &Schedule) -> Report {
    let n = instance.people().len();
    let mut meet = vec![0u32; n * n];
    let mut structure_meetings = 0;
    let mut attribute_deviation = 0.0;
    for round in &schedule.rounds {
        for (t, table) in round.iter().enumerate() {
            for (i, &p) in table.iter().enumerate() {
                for &q in &table[i + 1..] {
                    let (lo, hi) = (p.min(q), p.max(q));
                    meet[lo * n + hi] += 1;
                    if same_structure(instance, p, q) {
                        structure_meetings += 1;
                    }
                }
            }
            let size = instance
                .table_sizes()
                .get(t)
                .copied()
                .unwrap_or(table.len());
            for (a, totals) in instance.totals.iter().enumerate() {
                for (v, &total) in totals.iter().enumerate() {
                    let count = table
                        .iter()
                        .filter(|&&p| instance.values[a][p] == Some(v))
                        .count();
                    let gap = count as f64 - share(total, size, n);
                    attribute_deviation += gap * gap;
                }
            }
        }
    }
    let mut repeated_pairs = 0;
    let mut max_meetings = 0;
    let mut pair_score = 0u64;
    for &m in &meet {
        if m > 1 {
            repeated_pairs += 1;
        }
        max_meetings = max_meetings.max(m as usize);
        pair_score += u64::from(m) * u64::from(m);
    }
    let score = pair_score as f64
        + STRUCTURE_WEIGHT * structure_meetings as f64
        + ATTRIBUTE_WEIGHT * attribute_deviation;
    Report {
        repeated_pairs,
        max_meetings,
        pair_score,
        structure_meetings,
        attribute_deviation,
        score,
    }
}

fn same_structure(instance: &Instance, p: usize, q: usize) -> bool {
    instance.structure[p].is_some() && instance.structure[p] == instance.structure[q]
}

/// The even share of a value held by `total` of `n` people at a table of `size`.
fn share(total: usize, size: usize, n: usize) -> f64 {
    total as f64 * size as f64 / n as f64
}

/// A schedule being built or improved, with everything a move needs kept up to date.
pub(super) struct State<'a> {
    inst: &'a Instance,
    pub(super) n: usize,
    pub(super) tables: usize,
    /// `table_of[r * n + p]`: p's table in round r (`usize::MAX` while unseated).
    table_of: Vec<usize>,
    /// `members[r * tables + t]`: who sits there, unordered.
    members: Vec<Vec<usize>>,
    /// Meetings of each ordered pair (kept symmetric).
    meet: Vec<u16>,
    /// First value slot of each attribute in a per-table block of counts.
    offsets: Vec<usize>,
    slots: usize,
    /// `counts[(r * tables + t) * slots + offsets[a] + v]`.
    counts: Vec<i32>,
    /// `expected[t * slots + offsets[a] + v]`: the even share at table t.
    expected: Vec<f64>,
    pub(super) cost: f64,
}

impl<'a> State<'a> {
    /// An empty schedule: nobody seated yet.
    pub(super) fn empty(inst: &'a Instance) -> State<'a> {
        let n = inst.people().len();
        let rounds = inst.rounds();
        let sizes = inst.table_sizes();
        let tables = sizes.len();
        let mut offsets = Vec::with_capacity(inst.totals.len());
        let mut slots = 0;
        for totals in &inst.totals {
            offsets.push(slots);
            slots += totals.len();
        }
        let mut expected = vec![0.0; tables * slots];
        for (t, &size) in sizes.iter().enumerate() {
            for (a, totals) in inst.totals.iter().enumerate() {
                for (v, &total) in totals.iter().enumerate() {
                    expected[t * slots + offsets[a] + v] = share(total, size, n);
                }
            }
        }
        // An empty table is `expected` away from every share: start from that deviation.
        let empty_deviation: f64 = expected.iter().map(|e| e * e).sum::<f64>() * rounds as f64;
        State {
            inst,
            n,
            tables,
            table_of: vec![usize::MAX; rounds * n],
            members: (0..rounds * tables)
                .map(|i| Vec::with_capacity(sizes[i % tables]))
                .collect(),
            meet: vec![0; n * n],
            offsets,
            slots,
            counts: vec![0; rounds * tables * slots],
            expected,
            cost: ATTRIBUTE_WEIGHT * empty_deviation,
        }
    }

    pub(super) fn table_of(&self, r: usize, p: usize) -> usize {
        self.table_of[r * self.n + p]
    }

    pub(super) fn members(&self, r: usize, t: usize) -> &[usize] {
        &self.members[r * self.tables + t]
    }

    fn same(&self, p: usize, q: usize) -> bool {
        same_structure(self.inst, p, q)
    }

    /// What one more meeting of p and q adds.
    fn inc(&self, p: usize, q: usize) -> f64 {
        let m = f64::from(self.meet[p * self.n + q]);
        2.0 * m
            + 1.0
            + if self.same(p, q) {
                STRUCTURE_WEIGHT
            } else {
                0.0
            }
    }

    /// What one meeting fewer of p and q removes.
    fn dec(&self, p: usize, q: usize) -> f64 {
        let m = f64::from(self.meet[p * self.n + q]);
        2.0 * m - 1.0
            + if self.same(p, q) {
                STRUCTURE_WEIGHT
            } else {
                0.0
            }
    }

    /// The change of the attribute term if p's values gain `d` (±1) at table t of round r.
    fn attribute_change(&self, r: usize, t: usize, p: usize, d: i32) -> f64 {
        let mut change = 0.0;
        let block = (r * self.tables + t) * self.slots;
        for (a, values) in self.inst.values.iter().enumerate() {
            if let Some(v) = values[p] {
                let slot = self.offsets[a] + v;
                let gap =
                    f64::from(self.counts[block + slot]) - self.expected[t * self.slots + slot];
                change += f64::from(d) * 2.0 * gap + 1.0;
            }
        }
        ATTRIBUTE_WEIGHT * change
    }

    fn shift_counts(&mut self, r: usize, t: usize, p: usize, d: i32) {
        let block = (r * self.tables + t) * self.slots;
        for (a, values) in self.inst.values.iter().enumerate() {
            if let Some(v) = values[p] {
                self.counts[block + self.offsets[a] + v] += d;
            }
        }
    }

    /// What seating p at table t of round r would add.
    pub(super) fn seat_cost(&self, r: usize, t: usize, p: usize) -> f64 {
        let pairs: f64 = self.members(r, t).iter().map(|&x| self.inc(p, x)).sum();
        pairs + self.attribute_change(r, t, p, 1)
    }

    pub(super) fn seat(&mut self, r: usize, t: usize, p: usize) {
        self.cost += self.seat_cost(r, t, p);
        let idx = r * self.tables + t;
        for i in 0..self.members[idx].len() {
            let x = self.members[idx][i];
            self.meet[p * self.n + x] += 1;
            self.meet[x * self.n + p] += 1;
        }
        self.shift_counts(r, t, p, 1);
        self.members[idx].push(p);
        self.table_of[r * self.n + p] = t;
    }

    /// The change of cost if p and q (at different tables of round r) swapped seats.
    pub(super) fn swap_delta(&self, r: usize, p: usize, q: usize) -> f64 {
        let (a, b) = (self.table_of(r, p), self.table_of(r, q));
        let mut d = 0.0;
        for &x in self.members(r, a) {
            if x != p {
                d += self.inc(q, x) - self.dec(p, x);
            }
        }
        for &y in self.members(r, b) {
            if y != q {
                d += self.inc(p, y) - self.dec(q, y);
            }
        }
        if self.inst.has_attributes() {
            for (a_, values) in self.inst.values.iter().enumerate() {
                let (vp, vq) = (values[p], values[q]);
                if vp == vq {
                    continue;
                }
                let mut gap = |t: usize, v: Option<usize>, dd: f64| {
                    if let Some(v) = v {
                        let slot = self.offsets[a_] + v;
                        let c = f64::from(self.counts[(r * self.tables + t) * self.slots + slot]);
                        d += ATTRIBUTE_WEIGHT
                            * (dd * 2.0 * (c - self.expected[t * self.slots + slot]) + 1.0);
                    }
                };
                gap(a, vp, -1.0);
                gap(a, vq, 1.0);
                gap(b, vq, -1.0);
                gap(b, vp, 1.0);
            }
        }
        d
    }

    pub(super) fn swap(&mut self, r: usize, p: usize, q: usize) {
        let delta = self.swap_delta(r, p, q);
        let (a, b) = (self.table_of(r, p), self.table_of(r, q));
        let n = self.n;
        let (ia, ib) = (r * self.tables + a, r * self.tables + b);
        for i in 0..self.members[ia].len() {
            let x = self.members[ia][i];
            if x != p {
                self.meet[p * n + x] -= 1;
                self.meet[x * n + p] -= 1;
                self.meet[q * n + x] += 1;
                self.meet[x * n + q] += 1;
            }
        }
        for i in 0..self.members[ib].len() {
            let y = self.members[ib][i];
            if y != q {
                self.meet[q * n + y] -= 1;
                self.meet[y * n + q] -= 1;
                self.meet[p * n + y] += 1;
                self.meet[y * n + p] += 1;
            }
        }
        self.shift_counts(r, a, p, -1);
        self.shift_counts(r, b, q, -1);
        self.shift_counts(r, a, q, 1);
        self.shift_counts(r, b, p, 1);
        for x in self.members[ia].iter_mut() {
            if *x == p {
                *x = q;
            }
        }
        for y in self.members[ib].iter_mut() {
            if *y == q {
                *y = p;
            }
        }
        self.table_of[r * n + p] = b;
        self.table_of[r * n + q] = a;
        self.cost += delta;
    }

    /// Whether p, in round r, shares its table with someone met more than once or someone of
    /// its structure: the positions the search tries to move.
    pub(super) fn in_conflict(&self, r: usize, p: usize) -> bool {
        let t = self.table_of(r, p);
        self.members(r, t)
            .iter()
            .any(|&x| x != p && (self.meet[p * self.n + x] > 1 || self.same(p, x)))
    }

    pub(super) fn schedule(&self) -> Schedule {
        let rounds = (0..self.inst.rounds())
            .map(|r| {
                (0..self.tables)
                    .map(|t| {
                        let mut m = self.members(r, t).to_vec();
                        m.sort_unstable();
                        m
                    })
                    .collect()
            })
            .collect();
        Schedule { rounds }
    }
}
