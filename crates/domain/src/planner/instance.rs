//! The people to seat, validated, and the indexed view of their structures and attributes that
//! the score works on.

use super::{PlanError, MAX_PEOPLE, MAX_ROUNDS};
use serde::Serialize;
use std::collections::{HashMap, HashSet};

/// Someone to seat.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Person {
    pub id: String,
    /// People of one structure are kept apart when possible.
    pub structure: Option<String>,
    /// A host stays at this table (0-based) in every round.
    pub host_table: Option<usize>,
    /// Categorical attributes (name, value), balanced across tables: sector, age band…
    /// An empty value counts as unknown and is not balanced.
    pub attributes: Vec<(String, String)>,
}

impl Person {
    pub fn new(id: impl Into<String>) -> Person {
        Person {
            id: id.into(),
            structure: None,
            host_table: None,
            attributes: Vec::new(),
        }
    }
}

/// A valid planning request. Built by [`Instance::new`] only, so tables, pins and sizes hold.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Instance {
    people: Vec<Person>,
    table_size: usize,
    rounds: usize,
    sizes: Vec<usize>,
    /// Structure index per person, if any.
    pub(super) structure: Vec<Option<usize>>,
    /// `values[a][p]`: the value index of attribute `a` for person `p`, if known.
    pub(super) values: Vec<Vec<Option<usize>>>,
    /// `totals[a][v]`: how many people have value `v` of attribute `a`.
    pub(super) totals: Vec<Vec<usize>>,
}

impl Instance {
    /// Checks the request: at least two people and a table size of at least 2 no larger than
    /// the group, 1 to [`MAX_ROUNDS`] rounds, unique ids, pins to existing tables with no
    /// more hosts than seats.
    pub fn new(people: Vec<Person>, table_size: usize, rounds: usize) -> Result<Self, PlanError> {
        let n = people.len();
        let sizes = table_sizes(n, table_size.max(1));
        Instance::build(people, table_size, sizes, rounds)
    }

    /// The same request by a number of tables rather than a table size: exactly `tables`
    /// tables, sizes differing by at most one. Refused when a table would seat fewer than two
    /// (`TableTooSmall` with that size) or there are more tables than people.
    pub fn with_tables(
        people: Vec<Person>,
        tables: usize,
        rounds: usize,
    ) -> Result<Self, PlanError> {
        let n = people.len();
        if tables == 0 || tables > n {
            return Err(PlanError::TableLargerThanGroup {
                table_size: 0,
                people: n,
            });
        }
        let sizes = split(n, tables);
        Instance::build(people, n.div_ceil(tables), sizes, rounds).and_then(|i| {
            match i.sizes.last() {
                Some(&smallest) if smallest < 2 => Err(PlanError::TableTooSmall(smallest)),
                _ => Ok(i),
            }
        })
    }

    fn build(
        people: Vec<Person>,
        table_size: usize,
        sizes: Vec<usize>,
        rounds: usize,
    ) -> Result<Self, PlanError> {
        let n = people.len();
        if table_size < 2 {
            return Err(PlanError::TableTooSmall(table_size));
        }
        if n < 2 {
            return Err(PlanError::TooFewPeople(n));
        }
        if n > MAX_PEOPLE {
            return Err(PlanError::TooManyPeople(n));
        }
        if table_size > n {
            return Err(PlanError::TableLargerThanGroup {
                table_size,
                people: n,
            });
        }
        if rounds == 0 {
            return Err(PlanError::NoRounds);
        }
        if rounds > MAX_ROUNDS {
            return Err(PlanError::TooManyRounds(rounds));
        }
        let mut seen = HashSet::new();
        for p in &people {
            if !seen.insert(p.id.as_str()) {
                return Err(PlanError::DuplicateId(p.id.clone()));
            }
        }
        let mut pinned = vec![0usize; sizes.len()];
        for p in &people {
            if let Some(t) = p.host_table {
                if t >= sizes.len() {
                    return Err(PlanError::NoSuchTable {
                        person: p.id.clone(),
                        table: t + 1,
                        tables: sizes.len(),
                    });
                }
                pinned[t] += 1;
            }
        }
        for (t, (&count, &seats)) in pinned.iter().zip(&sizes).enumerate() {
            if count > seats {
                return Err(PlanError::TableOverPinned {
                    table: t + 1,
                    pinned: count,
                    seats,
                });
            }
        }

        let mut structures = HashMap::new();
        let structure = people
            .iter()
            .map(|p| {
                let s = p.structure.as_deref().map(str::trim).unwrap_or("");
                if s.is_empty() {
                    return None;
                }
                let next = structures.len();
                Some(*structures.entry(s.to_string()).or_insert(next))
            })
            .collect();

        // Attributes in the order first met; values indexed per attribute.
        let mut names: Vec<&str> = Vec::new();
        for p in &people {
            for (name, _) in &p.attributes {
                if !names.contains(&name.as_str()) {
                    names.push(name);
                }
            }
        }
        let mut values = vec![vec![None; n]; names.len()];
        let mut totals = vec![Vec::new(); names.len()];
        for (a, name) in names.iter().enumerate() {
            let mut index: HashMap<&str, usize> = HashMap::new();
            for (i, p) in people.iter().enumerate() {
                let Some((_, v)) = p.attributes.iter().find(|(k, _)| k == name) else {
                    continue;
                };
                let v = v.trim();
                if v.is_empty() {
                    continue;
                }
                let next = index.len();
                let vi = *index.entry(v).or_insert(next);
                if vi == totals[a].len() {
                    totals[a].push(0);
                }
                totals[a][vi] += 1;
                values[a][i] = Some(vi);
            }
        }

        Ok(Instance {
            people,
            table_size,
            rounds,
            sizes,
            structure,
            values,
            totals,
        })
    }

    /// N people with ids `0`…`N-1` and nothing else.
    pub fn anonymous(n: usize, table_size: usize, rounds: usize) -> Result<Self, PlanError> {
        Instance::new(
            (0..n).map(|i| Person::new(i.to_string())).collect(),
            table_size,
            rounds,
        )
    }

    pub fn people(&self) -> &[Person] {
        &self.people
    }

    pub fn table_size(&self) -> usize {
        self.table_size
    }

    pub fn rounds(&self) -> usize {
        self.rounds
    }

    /// The seats of each table: `ceil(N / K)` tables, sizes differing by at most one.
    pub fn table_sizes(&self) -> &[usize] {
        &self.sizes
    }

    pub(super) fn has_attributes(&self) -> bool {
        !self.values.is_empty()
    }
}

/// `ceil(n / k)` tables of `floor(n / t)` or one more, the larger ones first.
fn table_sizes(n: usize, k: usize) -> Vec<usize> {
    split(n, n.div_ceil(k))
}

/// `n` people at `t` tables: `floor(n / t)` or one more each, the larger ones first.
fn split(n: usize, t: usize) -> Vec<usize> {
    (0..t).map(|i| n / t + usize::from(i < n % t)).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn table_sizes_differ_by_at_most_one_and_never_exceed_k() {
        assert_eq!(table_sizes(32, 4), vec![4; 8]);
        assert_eq!(table_sizes(10, 4), vec![4, 3, 3]);
        assert_eq!(table_sizes(5, 4), vec![3, 2]);
        let sizes = table_sizes(301, 6);
        assert_eq!(sizes.len(), 51);
        assert_eq!(sizes.iter().filter(|&&s| s == 6).count(), 46);
        assert_eq!(sizes.iter().sum::<usize>(), 301);
    }

    #[test]
    fn by_number_of_tables_the_count_is_the_one_asked() {
        let people = |n: usize| (0..n).map(|i| Person::new(i.to_string())).collect();
        // A size would give 3 tables for 9 people at "4 tables" (ceil(9/4) = 3 a table).
        let i = Instance::with_tables(people(9), 4, 2).unwrap();
        assert_eq!(i.table_sizes(), [3, 2, 2, 2]);
        let i = Instance::with_tables(people(40), 12, 3).unwrap();
        assert_eq!(i.table_sizes().len(), 12);
        assert_eq!(i.table_sizes().iter().sum::<usize>(), 40);
        assert_eq!(
            Instance::with_tables(people(7), 4, 1),
            Err(PlanError::TableTooSmall(1))
        );
        assert!(matches!(
            Instance::with_tables(people(3), 4, 1),
            Err(PlanError::TableLargerThanGroup { .. })
        ));
        assert!(matches!(
            Instance::with_tables(people(3), 0, 1),
            Err(PlanError::TableLargerThanGroup { .. })
        ));
    }
}
