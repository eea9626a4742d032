//! The rotation planner: who sits at which table in each round of a World Café, or in which
//! team of a hackathon (one round).
//!
//! Given people (with an optional structure, an optional pinned table for hosts, and any
//! categorical attributes such as sector or age band), a table size K and a number of rounds R,
//! [`plan`] assigns everyone to one table per round so that:
//!
//! - there are `ceil(N / K)` tables whose sizes differ by at most one and never exceed K (the
//!   first `N mod T` tables take the extra person, so pins to them have one more seat);
//! - pairs meet again as rarely as possible: the score adds the square of every pair's number of
//!   meetings, so a second meeting costs 3 where a first costs 1;
//! - each table mixes attributes evenly: the squared gap between a value's count at a table and
//!   its even share (its count over the whole group times the table's share of people);
//! - people of one structure are kept apart when possible (a weighted cost per such meeting);
//! - hosts stay at their pinned table in every round.
//!
//! The search is a greedy construction in the spirit of Triska and Musliu (Annals of OR 2012:
//! each seat goes to the person who has met the table's members least), then a tabu search of
//! swaps between two tables of one round directed by conflicts, as in Dotú and Van Hentenryck's
//! local search for the social golfer problem, with incremental evaluation on the matrix of
//! pair meetings and a perturbation of the best schedule when the search stalls.
//!
//! Without attributes, structures or hosts (the social golfer problem itself) only meetings
//! count: a dedicated search (`golfer.rs`, same method, integer scores, pairwise
//! construction) then runs several times faster: see docs/benchmarks.md for 32 people at
//! tables of 4 over 8 to 10 rounds.
//!
//! Deterministic: the same instance, seed and iteration budget give the same schedule. A time
//! limit only cuts the search short; instances solved before it (no repeated pair, no clash of
//! structures, no attributes left to balance) give the same schedule on any machine.

pub mod files;
mod golfer;
mod instance;
mod rng;
mod score;
mod search;

pub use instance::{Instance, Person};
pub use score::{evaluate, Report};

use serde::Serialize;
use std::time::Duration;

/// At most this many rounds: a World Café has a handful, and more than 100 means a typo.
pub const MAX_ROUNDS: usize = 100;
/// At most this many people: the meetings matrix has N² cells (32 MB of `u16` at this cap).
pub const MAX_PEOPLE: usize = 4_000;

/// Why a plan cannot be made. `code` keys the French and English messages.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum PlanError {
    #[error("the table size must be at least 2 (got {0})")]
    TableTooSmall(usize),
    #[error("at least 2 people are needed (got {0})")]
    TooFewPeople(usize),
    #[error("at most {MAX_PEOPLE} people can be planned (got {0})")]
    TooManyPeople(usize),
    #[error("the table size ({table_size}) is larger than the number of people ({people})")]
    TableLargerThanGroup { table_size: usize, people: usize },
    #[error("at least 1 round is needed")]
    NoRounds,
    #[error("at most {MAX_ROUNDS} rounds can be planned (got {0})")]
    TooManyRounds(usize),
    #[error("{person} is pinned to table {table} but there are only {tables} tables")]
    NoSuchTable {
        person: String,
        table: usize,
        tables: usize,
    },
    #[error("{pinned} people are pinned to table {table}, which seats {seats}")]
    TableOverPinned {
        table: usize,
        pinned: usize,
        seats: usize,
    },
    #[error("the id {0} appears twice")]
    DuplicateId(String),
}

impl PlanError {
    pub fn code(&self) -> &'static str {
        match self {
            PlanError::TableTooSmall(_) => "planner_table_too_small",
            PlanError::TooFewPeople(_) => "planner_too_few_people",
            PlanError::TooManyPeople(_) => "planner_too_many_people",
            PlanError::TableLargerThanGroup { .. } => "planner_table_larger_than_group",
            PlanError::NoRounds => "planner_no_rounds",
            PlanError::TooManyRounds(_) => "planner_too_many_rounds",
            PlanError::NoSuchTable { .. } => "planner_no_such_table",
            PlanError::TableOverPinned { .. } => "planner_table_over_pinned",
            PlanError::DuplicateId(_) => "planner_duplicate_id",
        }
    }
}

/// How long the search may run. Whichever limit comes first stops it; it also stops as soon as
/// nothing is left to improve.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Budget {
    pub max_iterations: u64,
    /// Checked every few hundred iterations; `None` for a purely deterministic budget.
    pub time_limit: Option<Duration>,
}

impl Budget {
    pub fn iterations(max_iterations: u64) -> Budget {
        Budget {
            max_iterations,
            time_limit: None,
        }
    }

    pub fn time(limit: Duration) -> Budget {
        Budget {
            max_iterations: u64::MAX,
            time_limit: Some(limit),
        }
    }
}

/// A schedule: `rounds[r][t]` lists the indices (into `Instance::people`) of the people at
/// table `t` in round `r`, in increasing order.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Schedule {
    pub rounds: Vec<Vec<Vec<usize>>>,
}

/// The schedule found, its evaluation, and how much search it took.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Plan {
    pub schedule: Schedule,
    pub report: Report,
    pub iterations: u64,
    pub seed: u64,
}

/// Plans the rounds of `instance` (already validated by [`Instance::new`]).
pub fn plan(instance: &Instance, budget: Budget, seed: u64) -> Plan {
    let (schedule, iterations) = if golfer::applies(instance) {
        golfer::run(instance, budget, seed)
    } else {
        search::run(instance, budget, seed)
    };
    let report = evaluate(instance, &schedule);
    Plan {
        schedule,
        report,
        iterations,
        seed,
    }
}

#[cfg(test)]
mod tests;
