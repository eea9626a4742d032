//! The pure social-golfer case: no attributes, no structures, no hosts. Only pair meetings
//! count, so the score is kept in integers and a swap is weighed in O(1) from the matrix of
//! meetings and two sums recounted once per iteration, several times cheaper than in the
//! general search.
//!
//! With table sizes fixed, the number of meetings is fixed too, and the sum over pairs of the
//! square of their meetings is that number plus twice the sum of `m (m - 1) / 2`: this search
//! minimises the latter (0 exactly when no pair meets twice), so it optimises the same score as
//! the general one.
//!
//! - Construction (after Triska and Musliu, Annals of OR 2012): round by round, table by table,
//!   two seats at a time go to the pair that adds the fewest repeated meetings, then whose two
//!   people have met the fewest others between them, i.e. that leaves the most freedom.
//! - Search (after Dotú and Van Hentenryck, CPAIOR 2005): each iteration takes the best swap of
//!   a person who meets a tablemate again with anyone at another table of that round; a swap of
//!   two people in a round stays tabu for a random tenure, unless it beats the best schedule
//!   (aspiration); after a long stall, the search goes back to the best schedule and perturbs
//!   it with a few random swaps.

use super::rng::Rng;
use super::{Budget, Instance, Schedule};
use std::collections::HashMap;
use std::time::Instant;

/// Whether only pair meetings matter, so that [`run`] applies.
pub(super) fn applies(inst: &Instance) -> bool {
    !inst.has_attributes()
        && inst.structure.iter().all(Option::is_none)
        && inst.people().iter().all(|p| p.host_table.is_none())
}

/// The construction weighs the pairs among at most this many unseated people (496 pairs), so
/// that a round of N people costs O(N · 496 · N / 64) bit operations rather than O(N⁴).
const PAIR_CANDIDATES: usize = 32;
/// Tabu tenures are drawn in this range. Dotú and Van Hentenryck draw in 4..=100; on 32/4/8
/// the short range reaches zero repeats in about half the iterations (median of 30 seeds).
const TENURE_MIN: u64 = 2;
const TENURE_MAX: u64 = 10;
/// At most this many positions in conflict are weighed per iteration, each against everyone
/// at another table of its round: O(64 · N) swaps.
const MAX_CONFLICTS_WEIGHED: usize = 64;
/// Iterations without a new best before the search goes back to the best and perturbs it.
/// Tried on 32/4/8 (30 seeds): 200 and 500 do about equally well; 2,640 needed about 1.5 times
/// as many iterations (median).
const STALL_LIMIT: u64 = 500;
/// A dense tabu table (one expiry per round and pair) up to this many cells; a map beyond.
const DENSE_TABU_CELLS: usize = 1 << 22;

/// Meetings fit in a byte: at most [`super::MAX_ROUNDS`] rounds.
const _: () = assert!(super::MAX_ROUNDS < u8::MAX as usize);

/// Builds then improves a schedule; returns it with the number of search iterations.
pub(super) fn run(inst: &Instance, budget: Budget, seed: u64) -> (Schedule, u64) {
    let started = Instant::now();
    let out_of_time = || {
        budget
            .time_limit
            .is_some_and(|limit| started.elapsed() >= limit)
    };
    let mut rng = Rng::new(seed);
    let mut golf = Golf::new(inst);
    golf.greedy(&mut rng, &out_of_time);
    let (n, rounds) = (golf.n, golf.rounds);
    if golf.cost == 0 || golf.start.len() < 3 {
        return (golf.schedule(), 0);
    }

    // Random swaps after a stall: a few per round-and-table block of sixteen (6 on 32/4/8).
    let perturbation = 2 + rounds * (golf.start.len() - 1) / 16;
    let mut tabu = Tabu::new(rounds, n);
    let mut best_cost = golf.cost;
    let mut best = golf.seat.clone();
    let mut stall = 0u64;
    let mut iteration = 0u64;
    let mut conflicts: Vec<(usize, usize)> = Vec::new();
    let mut mark = vec![0u64; rounds * n];
    // `own[r * n + q]`: q's meetings with its tablemates of round r, recounted once per
    // iteration for the rounds in conflict (`own_at[r]` is when).
    let mut own = vec![0i64; rounds * n];
    let mut own_at = vec![0u64; rounds];
    // `at_a[q]`: q's meetings with the people at the table `at_a_for` (iteration, round, table).
    let mut at_a = vec![0i32; n];
    let mut at_a_for = (0, 0, 0);

    // The clock is read every 64 iterations, or every one when an iteration may be long
    // (thousands of people at large tables).
    let clock_every = if n * golf.start[1] > 4096 { 1 } else { 64 };
    while golf.cost > 0 && iteration < budget.max_iterations {
        if iteration.is_multiple_of(clock_every) && out_of_time() {
            break;
        }
        iteration += 1;

        // The positions in conflict: both people of a repeated pair, in each round they meet.
        conflicts.clear();
        golf.prune_repeated();
        for &pair in &golf.repeated {
            let (p, x) = (pair as usize / n, pair as usize % n);
            for r in 0..rounds {
                if golf.table(r, p) == golf.table(r, x) {
                    for who in [p, x] {
                        if mark[r * n + who] != iteration {
                            mark[r * n + who] = iteration;
                            conflicts.push((r, who));
                        }
                    }
                }
            }
        }
        if conflicts.len() > MAX_CONFLICTS_WEIGHED {
            // Many conflicts (large instances early on): weigh a random sample of them.
            for i in 0..MAX_CONFLICTS_WEIGHED {
                let j = i + rng.below(conflicts.len() - i);
                conflicts.swap(i, j);
            }
            conflicts.truncate(MAX_CONFLICTS_WEIGHED);
        }

        let mut chosen = None;
        let mut chosen_delta = i64::MAX;
        let mut ties = 0;
        for &(r, p) in &conflicts {
            if own_at[r] != iteration {
                own_at[r] = iteration;
                golf.own_meetings(r, &mut own[r * n..(r + 1) * n]);
            }
            let a = golf.table(r, p);
            let members_a = golf.members(r, a);
            if at_a_for != (iteration, r, a) {
                // Everyone's meetings with the people at table a, row by row (vectorised).
                at_a_for = (iteration, r, a);
                at_a.iter_mut().for_each(|m| *m = 0);
                for &x in members_a {
                    let row_x = &golf.meet[x as usize * n..(x as usize + 1) * n];
                    for (m, &c) in at_a.iter_mut().zip(row_x) {
                        *m += i32::from(c);
                    }
                }
            }
            let row_p = &golf.meet[p * n..(p + 1) * n];
            // What p's leaving saves: each lost meeting its count minus one.
            let p_leaving = own[r * n + p] - (members_a.len() as i64 - 1);
            for b in 0..golf.tables() {
                if b == a {
                    continue;
                }
                let members_b = golf.members(r, b);
                let p_at_b: i64 = members_b
                    .iter()
                    .map(|&y| i64::from(row_p[y as usize]))
                    .sum();
                let b_size = members_b.len() as i64;
                for &q in members_b {
                    let q = q as usize;
                    let pq = i64::from(row_p[q]);
                    let q_leaving = own[r * n + q] - (b_size - 1);
                    // Each new meeting costs its current count (p's with q is not one of them).
                    let delta = (i64::from(at_a[q]) - pq) + (p_at_b - pq) - p_leaving - q_leaving;
                    if delta > chosen_delta {
                        continue;
                    }
                    let aspires = (golf.cost as i64 + delta) < best_cost as i64;
                    if !aspires && tabu.is_tabu(r, p, q, iteration) {
                        continue;
                    }
                    if delta < chosen_delta {
                        chosen = Some((r, p, q));
                        chosen_delta = delta;
                        ties = 1;
                    } else {
                        ties += 1;
                        if rng.below(ties) == 0 {
                            chosen = Some((r, p, q));
                        }
                    }
                }
            }
        }
        if let Some((r, p, q)) = chosen {
            golf.swap(r, p, q);
            let tenure = TENURE_MIN + rng.below((TENURE_MAX - TENURE_MIN + 1) as usize) as u64;
            tabu.set(r, p, q, iteration, iteration + tenure);
        }

        if golf.cost < best_cost {
            best_cost = golf.cost;
            best.copy_from_slice(&golf.seat);
            stall = 0;
        } else {
            stall += 1;
        }
        if stall > STALL_LIMIT {
            // Back to the best, perturbed: on 32/4/8 (16 seeds, 2 s each) this solved 11 where
            // perturbing the current schedule or building a new one solved 7.
            golf.load(&best);
            for _ in 0..perturbation {
                let r = rng.below(rounds);
                let p = rng.below(n);
                let q = rng.below(n);
                if golf.table(r, p) != golf.table(r, q) {
                    golf.swap(r, p, q);
                }
            }
            tabu.clear();
            stall = 0;
        }
    }
    if golf.cost > best_cost {
        golf.load(&best);
    }
    (golf.schedule(), iteration)
}

/// A schedule with its matrix of meetings and the pairs that meet more than once.
struct Golf {
    n: usize,
    rounds: usize,
    /// Table t holds the slots `start[t]..start[t + 1]` of each round.
    start: Vec<usize>,
    table_of_slot: Vec<usize>,
    /// `seat[r * n + s]`: who sits in slot s in round r.
    seat: Vec<u32>,
    /// `slot_of[r * n + p]`: p's slot in round r.
    slot_of: Vec<u32>,
    /// Meetings of each ordered pair (kept symmetric).
    meet: Vec<u8>,
    /// The sum over pairs of `m (m - 1) / 2`.
    cost: u64,
    /// The pairs (`lo * n + hi`) that meet more than once, and some that no longer do: those
    /// are dropped by [`Golf::prune_repeated`]. `listed` marks the pairs in the list (a bit
    /// set: 2 MB for 4,000 people, where an index per pair would take 64 MB).
    repeated: Vec<u32>,
    listed: Vec<u64>,
}

impl Golf {
    fn new(inst: &Instance) -> Golf {
        let n = inst.people().len();
        let rounds = inst.rounds();
        let mut start = vec![0];
        let mut table_of_slot = Vec::with_capacity(n);
        for (t, &size) in inst.table_sizes().iter().enumerate() {
            start.push(start[t] + size);
            table_of_slot.extend(std::iter::repeat_n(t, size));
        }
        Golf {
            n,
            rounds,
            start,
            table_of_slot,
            seat: vec![0; rounds * n],
            slot_of: vec![0; rounds * n],
            meet: vec![0; n * n],
            cost: 0,
            repeated: Vec::new(),
            listed: vec![0; (n * n).div_ceil(64)],
        }
    }

    fn table(&self, r: usize, p: usize) -> usize {
        self.table_of_slot[self.slot_of[r * self.n + p] as usize]
    }

    fn members(&self, r: usize, t: usize) -> &[u32] {
        &self.seat[r * self.n + self.start[t]..r * self.n + self.start[t + 1]]
    }

    fn pair(&self, p: usize, q: usize) -> u32 {
        (p.min(q) * self.n + p.max(q)) as u32
    }

    fn meet_once_more(&mut self, p: usize, q: usize) {
        let m = self.meet[p * self.n + q];
        self.cost += u64::from(m);
        self.meet[p * self.n + q] = m + 1;
        self.meet[q * self.n + p] = m + 1;
        if m == 1 {
            let pair = self.pair(p, q) as usize;
            if self.listed[pair / 64] & (1 << (pair % 64)) == 0 {
                self.listed[pair / 64] |= 1 << (pair % 64);
                self.repeated.push(pair as u32);
            }
        }
    }

    fn meet_once_less(&mut self, p: usize, q: usize) {
        let m = self.meet[p * self.n + q];
        self.cost -= u64::from(m - 1);
        self.meet[p * self.n + q] = m - 1;
        self.meet[q * self.n + p] = m - 1;
    }

    /// Drops from [`Golf::repeated`] the pairs that meet at most once now.
    fn prune_repeated(&mut self) {
        let (meet, listed) = (&self.meet, &mut self.listed);
        self.repeated.retain(|&pair| {
            let keep = meet[pair as usize] > 1;
            if !keep {
                listed[pair as usize / 64] &= !(1 << (pair % 64));
            }
            keep
        });
    }

    fn tables(&self) -> usize {
        self.start.len() - 1
    }

    /// Everyone's meetings with their tablemates of round r, into `own` (indexed by person).
    fn own_meetings(&self, r: usize, own: &mut [i64]) {
        for t in 0..self.tables() {
            let members = self.members(r, t);
            for &q in members {
                let row = &self.meet[q as usize * self.n..(q as usize + 1) * self.n];
                own[q as usize] = members.iter().map(|&y| i64::from(row[y as usize])).sum();
            }
        }
    }

    /// p and q (at different tables of round r) trade seats.
    fn swap(&mut self, r: usize, p: usize, q: usize) {
        let (a, b) = (self.table(r, p), self.table(r, q));
        let base = r * self.n;
        for s in self.start[a]..self.start[a + 1] {
            let x = self.seat[base + s] as usize;
            if x != p {
                self.meet_once_less(p, x);
                self.meet_once_more(q, x);
            }
        }
        for s in self.start[b]..self.start[b + 1] {
            let y = self.seat[base + s] as usize;
            if y != q {
                self.meet_once_less(q, y);
                self.meet_once_more(p, y);
            }
        }
        let (sp, sq) = (self.slot_of[base + p], self.slot_of[base + q]);
        self.seat[base + sp as usize] = q as u32;
        self.seat[base + sq as usize] = p as u32;
        self.slot_of[base + p] = sq;
        self.slot_of[base + q] = sp;
    }

    fn clear(&mut self) {
        self.meet.iter_mut().for_each(|m| *m = 0);
        self.cost = 0;
        self.repeated.clear();
        self.listed.iter_mut().for_each(|w| *w = 0);
    }

    /// Seats p in slot s of round r, after the table's earlier slots are filled.
    fn place(&mut self, r: usize, s: usize, p: usize) {
        let base = r * self.n;
        let t = self.table_of_slot[s];
        for i in self.start[t]..s {
            let x = self.seat[base + i] as usize;
            self.meet_once_more(p, x);
        }
        self.seat[base + s] = p as u32;
        self.slot_of[base + p] = s as u32;
    }

    /// Replaces the schedule by `seat` (a copy of [`Golf::seat`]).
    fn load(&mut self, seat: &[u32]) {
        self.clear();
        for r in 0..self.rounds {
            for s in 0..self.n {
                self.place(r, s, seat[r * self.n + s] as usize);
            }
        }
    }

    /// The construction, from scratch (see the module's documentation): each table is filled
    /// two seats at a time with the pair, among the first unseated people in random order, that
    /// adds the fewest repeated meetings, then whose two people have met the fewest others
    /// between them (the most freedom left); a last odd seat goes to whoever adds the fewest.
    fn greedy(&mut self, rng: &mut Rng, out_of_time: &dyn Fn() -> bool) {
        self.clear();
        let n = self.n;
        let words = n.div_ceil(64);
        // `known[p]`: who p has met, p included, as a bit set.
        let mut known = vec![0u64; n * words];
        for p in 0..n {
            known[p * words + p / 64] |= 1 << (p % 64);
        }
        let mut costs = Vec::with_capacity(PAIR_CANDIDATES);
        for r in 0..self.rounds {
            let mut left: Vec<usize> = (0..n).collect();
            // Fisher–Yates: ties and the candidate window fall differently in each round.
            for i in (1..n).rev() {
                left.swap(i, rng.below(i + 1));
            }
            for t in 0..self.start.len() - 1 {
                // Out of time: the first unseated people in random order, no weighing.
                let window = if out_of_time() {
                    1
                } else {
                    left.len().min(PAIR_CANDIDATES)
                };
                let end = self.start[t + 1];
                let mut s = self.start[t];
                while s < end {
                    // What each candidate would add with the table as it is.
                    costs.clear();
                    costs.extend(left[..window.min(left.len())].iter().map(|&c| {
                        let row = &self.meet[c * n..(c + 1) * n];
                        (self.start[t]..s)
                            .map(|j| u64::from(row[self.seat[r * n + j] as usize]))
                            .sum::<u64>()
                    }));
                    let mut picks = [0, usize::MAX];
                    if end - s >= 2 && costs.len() >= 2 {
                        let mut pick_key = (u64::MAX, 0u32);
                        for i in 0..costs.len() {
                            for j in i + 1..costs.len() {
                                let (ci, cj) = (left[i], left[j]);
                                let cost = costs[i] + costs[j] + u64::from(self.meet[ci * n + cj]);
                                if cost > pick_key.0 {
                                    continue;
                                }
                                let met: u32 = (0..words)
                                    .map(|w| {
                                        (known[ci * words + w] | known[cj * words + w]).count_ones()
                                    })
                                    .sum();
                                if (cost, met) < pick_key {
                                    picks = [i, j];
                                    pick_key = (cost, met);
                                }
                            }
                        }
                    } else {
                        let cheapest = (0..costs.len()).min_by_key(|&i| costs[i]);
                        picks[0] = cheapest.unwrap_or(0);
                    }
                    // The higher index first, so that removing it leaves the other in place.
                    picks.sort_unstable_by(|x, y| y.cmp(x));
                    for i in picks {
                        if i != usize::MAX {
                            let c = left.swap_remove(i);
                            self.place(r, s, c);
                            s += 1;
                        }
                    }
                }
            }
            // The round's meetings, for the next rounds' freedoms.
            for t in 0..self.start.len() - 1 {
                for i in self.start[t]..self.start[t + 1] {
                    let p = self.seat[r * n + i] as usize;
                    for j in self.start[t]..self.start[t + 1] {
                        let q = self.seat[r * n + j] as usize;
                        known[p * words + q / 64] |= 1 << (q % 64);
                    }
                }
            }
        }
    }

    fn schedule(&self) -> Schedule {
        let rounds = (0..self.rounds)
            .map(|r| {
                (0..self.start.len() - 1)
                    .map(|t| {
                        let mut m: Vec<usize> =
                            self.members(r, t).iter().map(|&p| p as usize).collect();
                        m.sort_unstable();
                        m
                    })
                    .collect()
            })
            .collect();
        Schedule { rounds }
    }
}

/// Until when swapping two people in a round is tabu: one cell per round and pair when that
/// fits in [`DENSE_TABU_CELLS`], a map of the recent swaps otherwise.
enum Tabu {
    Dense { n: usize, until: Vec<u64> },
    Sparse(HashMap<(usize, usize, usize), u64>),
}

impl Tabu {
    fn new(rounds: usize, n: usize) -> Tabu {
        if rounds.saturating_mul(n).saturating_mul(n) <= DENSE_TABU_CELLS {
            Tabu::Dense {
                n,
                until: vec![0; rounds * n * n],
            }
        } else {
            Tabu::Sparse(HashMap::new())
        }
    }

    fn is_tabu(&self, r: usize, p: usize, q: usize, now: u64) -> bool {
        let (lo, hi) = (p.min(q), p.max(q));
        match self {
            Tabu::Dense { n, until } => until[(r * n + lo) * n + hi] > now,
            Tabu::Sparse(map) => map.get(&(r, lo, hi)).is_some_and(|&u| u > now),
        }
    }

    fn set(&mut self, r: usize, p: usize, q: usize, now: u64, until_iteration: u64) {
        let (lo, hi) = (p.min(q), p.max(q));
        match self {
            Tabu::Dense { n, until } => until[(r * *n + lo) * *n + hi] = until_iteration,
            Tabu::Sparse(map) => {
                // Expired entries are dropped now and then: at most one per iteration is added.
                if map.len() >= 4096 {
                    map.retain(|_, &mut u| u > now);
                }
                map.insert((r, lo, hi), until_iteration);
            }
        }
    }

    fn clear(&mut self) {
        match self {
            Tabu::Dense { until, .. } => until.iter_mut().for_each(|u| *u = 0),
            Tabu::Sparse(map) => map.clear(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::planner::Person;

    /// The cost and the repeated pairs recounted from the seats alone.
    fn recount(golf: &Golf) -> (u64, Vec<u32>) {
        let n = golf.n;
        let mut meet = vec![0u64; n * n];
        for r in 0..golf.rounds {
            for t in 0..golf.tables() {
                let members = golf.members(r, t);
                for (i, &p) in members.iter().enumerate() {
                    for &q in &members[i + 1..] {
                        let (lo, hi) = (p.min(q) as usize, p.max(q) as usize);
                        meet[lo * n + hi] += 1;
                    }
                }
            }
        }
        let cost = meet.iter().map(|&m| m * m.saturating_sub(1) / 2).sum();
        let repeated = (0..n * n)
            .filter(|&i| meet[i] > 1)
            .map(|i| i as u32)
            .collect();
        (cost, repeated)
    }

    #[test]
    fn the_kept_cost_and_repeated_pairs_match_a_recount_after_random_swaps() {
        // 10 people at tables of 4, 3 and 3: unequal tables, and repeats are unavoidable.
        let inst = Instance::anonymous(10, 4, 6).unwrap();
        let mut golf = Golf::new(&inst);
        let mut rng = Rng::new(11);
        golf.greedy(&mut rng, &|| false);
        for step in 0..2_000 {
            let (r, p, q) = (rng.below(6), rng.below(10), rng.below(10));
            if golf.table(r, p) != golf.table(r, q) {
                golf.swap(r, p, q);
            }
            if step % 97 == 0 {
                let saved = golf.seat.clone();
                golf.load(&saved);
                assert_eq!(golf.seat, saved);
            }
            golf.prune_repeated();
            let (cost, repeated) = recount(&golf);
            assert_eq!(golf.cost, cost, "step {step}");
            let mut kept = golf.repeated.clone();
            kept.sort_unstable();
            assert_eq!(kept, repeated, "step {step}");
            for r in 0..6 {
                for p in 0..10 {
                    let slot = golf.slot_of[r * 10 + p] as usize;
                    assert_eq!(golf.seat[r * 10 + slot] as usize, p);
                }
            }
        }
    }

    #[test]
    fn only_instances_of_pure_meetings_take_this_path() {
        assert!(applies(&Instance::anonymous(12, 3, 2).unwrap()));
        let mut people: Vec<Person> = (0..12).map(|i| Person::new(i.to_string())).collect();
        people[0].host_table = Some(1);
        assert!(!applies(&Instance::new(people, 3, 2).unwrap()));
        let mut people: Vec<Person> = (0..12).map(|i| Person::new(i.to_string())).collect();
        people[5].structure = Some("Mairie".into());
        assert!(!applies(&Instance::new(people, 3, 2).unwrap()));
        let mut people: Vec<Person> = (0..12).map(|i| Person::new(i.to_string())).collect();
        people[5].attributes = vec![("secteur".into(), "public".into())];
        assert!(!applies(&Instance::new(people, 3, 2).unwrap()));
    }
}
