//! The greedy construction and the tabu search of swaps.

use super::rng::Rng;
use super::score::State;
use super::{Budget, Instance, Schedule};
use std::time::Instant;

/// The greedy construction weighs at most this many candidates per seat, so that thousands of
/// people cost O(N · 128 · K) per round instead of O(N² · K).
const GREEDY_CANDIDATES: usize = 128;
/// At most this many conflicting positions are weighed per iteration, each against every
/// movable person of its round: O(32 · N) swap deltas.
const MAX_CONFLICTS_WEIGHED: usize = 32;
/// Below this, a change of cost is rounding noise of the attribute term.
const EPS: f64 = 1e-9;

/// Builds then improves a schedule; returns it with the number of search iterations.
pub(super) fn run(inst: &Instance, budget: Budget, seed: u64) -> (Schedule, u64) {
    let started = Instant::now();
    let out_of_time = || {
        budget
            .time_limit
            .is_some_and(|limit| started.elapsed() >= limit)
    };
    let mut rng = Rng::new(seed);
    let mut state = greedy(inst, &mut rng, &out_of_time);

    let n = state.n;
    let rounds = inst.rounds();
    let movable: Vec<usize> = (0..n)
        .filter(|&p| inst.people()[p].host_table.is_none())
        .collect();
    if state.tables < 2 || movable.len() < 2 {
        return (state.schedule(), 0);
    }

    // The search stalls after this many iterations without a new best: then it perturbs the
    // current schedule (or, with nothing but attributes left to balance, stops). Perturbing
    // where it is rather than going back to the best schedule found: on 32/4/8 the best is one
    // repeated pair from the goal, and returning to it again and again revisits the same basin.
    let stall_limit = 500 + 16 * n as u64;
    let tenure_base = 4;
    let tenure_spread = 1 + n / 4;
    let perturbation = 2 + rounds * state.tables / 16;

    // Tabu on returns (Dotú and Van Hentenryck): after a swap, neither person may go back to
    // the table they just left, in that round, for a few iterations. Forbidding any move of
    // them (a stronger rule) stalls the search on the classic instances.
    let tables = state.tables;
    let mut tabu = vec![0u64; rounds * n * tables];
    let mut best_cost = state.cost;
    let mut best = snapshot(&state, rounds);
    let mut stall = 0u64;
    let mut iteration = 0u64;
    let mut conflicts: Vec<(usize, usize)> = Vec::new();

    while iteration < budget.max_iterations {
        if iteration.is_multiple_of(64) && out_of_time() {
            break;
        }
        iteration += 1;

        collect_conflicts(&state, &movable, rounds, &mut conflicts);
        if conflicts.is_empty() {
            if !inst.has_attributes() || stall > stall_limit {
                break;
            }
            conflicts.push((rng.below(rounds), movable[rng.below(movable.len())]));
        } else if conflicts.len() > MAX_CONFLICTS_WEIGHED {
            // Many conflicts (large instances early on): weigh a random sample of them.
            for i in 0..MAX_CONFLICTS_WEIGHED {
                let j = i + rng.below(conflicts.len() - i);
                conflicts.swap(i, j);
            }
            conflicts.truncate(MAX_CONFLICTS_WEIGHED);
        }

        // The best swap of a conflicting person with anyone movable at another table of the
        // round; a tabu swap only if it beats the best schedule so far (aspiration).
        let mut chosen = None;
        let mut chosen_delta = f64::INFINITY;
        let mut ties = 0;
        for &(r, p) in &conflicts {
            let a = state.table_of(r, p);
            for &q in &movable {
                let b = state.table_of(r, q);
                if b == a {
                    continue;
                }
                let delta = state.swap_delta(r, p, q);
                let is_tabu = tabu[(r * n + p) * tables + b] > iteration
                    || tabu[(r * n + q) * tables + a] > iteration;
                if is_tabu && state.cost + delta >= best_cost - EPS {
                    continue;
                }
                if delta < chosen_delta - EPS {
                    chosen = Some((r, p, q));
                    chosen_delta = delta;
                    ties = 1;
                } else if delta <= chosen_delta + EPS {
                    ties += 1;
                    if rng.below(ties) == 0 {
                        chosen = Some((r, p, q));
                    }
                }
            }
        }
        if let Some((r, p, q)) = chosen {
            let (a, b) = (state.table_of(r, p), state.table_of(r, q));
            state.swap(r, p, q);
            tabu[(r * n + p) * tables + a] =
                iteration + tenure_base + rng.below(tenure_spread) as u64;
            tabu[(r * n + q) * tables + b] =
                iteration + tenure_base + rng.below(tenure_spread) as u64;
        }

        if state.cost < best_cost - EPS {
            best_cost = state.cost;
            best = snapshot(&state, rounds);
            stall = 0;
        } else {
            stall += 1;
        }
        if stall > stall_limit && !conflicts_left(&state, &movable, rounds) {
            // Only attributes are left: let the check at the top stop the search.
            continue;
        }
        if stall > stall_limit {
            for _ in 0..perturbation {
                let r = rng.below(rounds);
                let p = movable[rng.below(movable.len())];
                let q = movable[rng.below(movable.len())];
                if state.table_of(r, p) != state.table_of(r, q) {
                    state.swap(r, p, q);
                }
            }
            tabu.iter_mut().for_each(|t| *t = 0);
            stall = 0;
        }
    }
    (restore(inst, &best, rounds).schedule(), iteration)
}

/// Every movable position in conflict (meets someone again, or someone of its structure).
fn collect_conflicts(
    state: &State,
    movable: &[usize],
    rounds: usize,
    conflicts: &mut Vec<(usize, usize)>,
) {
    conflicts.clear();
    for r in 0..rounds {
        for &p in movable {
            if state.in_conflict(r, p) {
                conflicts.push((r, p));
            }
        }
    }
}

fn conflicts_left(state: &State, movable: &[usize], rounds: usize) -> bool {
    (0..rounds).any(|r| movable.iter().any(|&p| state.in_conflict(r, p)))
}

/// Every person's table in every round.
fn snapshot(state: &State, rounds: usize) -> Vec<usize> {
    (0..rounds)
        .flat_map(|r| (0..state.n).map(move |p| state.table_of(r, p)))
        .collect()
}

fn restore<'a>(inst: &'a Instance, tables_of: &[usize], rounds: usize) -> State<'a> {
    let mut state = State::empty(inst);
    let n = state.n;
    for r in 0..rounds {
        for p in 0..n {
            state.seat(r, tables_of[r * n + p], p);
        }
    }
    state
}

/// Round by round, hosts first, then each seat of each table to the person (among up to
/// [`GREEDY_CANDIDATES`] of those left, in random order) whom seating costs least: who has met
/// the table's members least, shares no structure with them, and evens its attributes out.
fn greedy<'a>(inst: &'a Instance, rng: &mut Rng, out_of_time: &dyn Fn() -> bool) -> State<'a> {
    let mut state = State::empty(inst);
    let sizes = inst.table_sizes();
    for r in 0..inst.rounds() {
        let mut left = Vec::new();
        for (p, person) in inst.people().iter().enumerate() {
            match person.host_table {
                Some(t) => state.seat(r, t, p),
                None => left.push(p),
            }
        }
        // Fisher–Yates: ties and the candidate window fall differently in each round.
        for i in (1..left.len()).rev() {
            left.swap(i, rng.below(i + 1));
        }
        let hurry = out_of_time();
        for (t, &size) in sizes.iter().enumerate() {
            while state.members(r, t).len() < size {
                let window = if hurry {
                    1
                } else {
                    left.len().min(GREEDY_CANDIDATES)
                };
                let mut pick = 0;
                let mut pick_cost = f64::INFINITY;
                for (i, &p) in left[..window].iter().enumerate() {
                    let cost = state.seat_cost(r, t, p);
                    if cost < pick_cost - EPS {
                        pick = i;
                        pick_cost = cost;
                    }
                }
                let p = left.swap_remove(pick);
                state.seat(r, t, p);
            }
        }
    }
    state
}
