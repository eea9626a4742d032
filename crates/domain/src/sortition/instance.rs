//! The quotas (categories of features with a minimum and maximum count each), the pool of
//! respondents, and the grouping of interchangeable respondents the solver works on.

use serde::{Deserialize, Serialize};
use std::collections::HashMap;

/// A feature of a category (for example "femme" in "genre") with its quota on the panel.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Feature {
    pub name: String,
    pub min: u32,
    pub max: u32,
}

/// A category of the pool (genre, âge, territoire…): every respondent has exactly one of its
/// features.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Category {
    pub name: String,
    pub features: Vec<Feature>,
}

/// A volunteer of the pool: one feature index per category, in the categories' order.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Respondent {
    pub id: String,
    pub features: Vec<usize>,
    /// A normalised household key, or empty.
    pub household: String,
}

/// A selection problem: quotas, pool and panel size.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Instance {
    pub categories: Vec<Category>,
    pub respondents: Vec<Respondent>,
    pub panel_size: u32,
    /// At most one person per household on the panel.
    pub one_per_household: bool,
}

/// Interchangeable respondents gathered, with what the solver needs about each group.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Groups {
    /// Respondent indices per group, in pool order.
    pub members: Vec<Vec<usize>>,
    /// Global feature indices (see `Instance::feature_offsets`) per group.
    pub features: Vec<Vec<usize>>,
    /// Sets of groups that share a household: at most one of them on a panel.
    pub households: Vec<Vec<usize>>,
}

impl Instance {
    /// Where each category's features start in the flat list of all features.
    pub fn feature_offsets(&self) -> Vec<usize> {
        let mut offsets = Vec::with_capacity(self.categories.len());
        let mut next = 0;
        for c in &self.categories {
            offsets.push(next);
            next += c.features.len();
        }
        offsets
    }

    /// Every feature with its category, flat: (category index, feature).
    pub fn flat_features(&self) -> Vec<(usize, &Feature)> {
        self.categories
            .iter()
            .enumerate()
            .flat_map(|(ci, c)| c.features.iter().map(move |f| (ci, f)))
            .collect()
    }

    /// How many respondents have each feature (flat order).
    pub fn pool_counts(&self) -> Vec<usize> {
        self.counts_of(0..self.respondents.len())
    }

    /// How many of the given respondents have each feature (flat order).
    pub fn counts_of(&self, people: impl IntoIterator<Item = usize>) -> Vec<usize> {
        let offsets = self.feature_offsets();
        let total = self.categories.iter().map(|c| c.features.len()).sum();
        let mut counts = vec![0; total];
        for i in people {
            for (c, &f) in self.respondents[i].features.iter().enumerate() {
                counts[offsets[c] + f] += 1;
            }
        }
        counts
    }

    /// "Catégorie : caractéristique" of a flat feature index, for messages.
    pub fn feature_label(&self, flat: usize) -> (String, String) {
        let (c, f) = self.flat_features()[flat];
        (self.categories[c].name.clone(), f.name.clone())
    }

    /// Gathers interchangeable respondents. With one person per household, members of a
    /// household of two or more in the pool are each a group of their own, tied by the
    /// household constraint; everyone else is grouped by features.
    pub fn groups(&self) -> Groups {
        let offsets = self.feature_offsets();
        let mut household_size: HashMap<&str, usize> = HashMap::new();
        if self.one_per_household {
            for r in &self.respondents {
                if !r.household.is_empty() {
                    *household_size.entry(r.household.as_str()).or_default() += 1;
                }
            }
        }
        let mut by_key: HashMap<(&[usize], Option<usize>), usize> = HashMap::new();
        let mut members: Vec<Vec<usize>> = Vec::new();
        let mut features = Vec::new();
        let mut household_groups: HashMap<&str, Vec<usize>> = HashMap::new();
        for (i, r) in self.respondents.iter().enumerate() {
            let shared = household_size
                .get(r.household.as_str())
                .is_some_and(|&n| n > 1);
            let key = (r.features.as_slice(), shared.then_some(i));
            let g = *by_key.entry(key).or_insert_with(|| {
                members.push(Vec::new());
                features.push(
                    r.features
                        .iter()
                        .enumerate()
                        .map(|(c, &f)| offsets[c] + f)
                        .collect(),
                );
                members.len() - 1
            });
            members[g].push(i);
            if shared {
                household_groups
                    .entry(r.household.as_str())
                    .or_default()
                    .push(g);
            }
        }
        let mut households: Vec<Vec<usize>> = household_groups.into_values().collect();
        households.sort();
        Groups {
            members,
            features,
            households,
        }
    }
}

impl Instance {
    /// The problem of replacing `seats` people who declined: the pool without the people who
    /// stay and the `unavailable` (everyone drawn before, everyone who declined), nor the
    /// housemates of those who stay when one person per household is asked; each quota lowered
    /// by the people who stay. Returns it with the original index of each remaining
    /// respondent.
    pub fn for_replacements(
        &self,
        staying: &[usize],
        unavailable: &std::collections::HashSet<usize>,
        seats: u32,
    ) -> (Instance, Vec<usize>) {
        let kept = self.counts_of(staying.iter().copied());
        let taken_households: std::collections::HashSet<&str> = staying
            .iter()
            .map(|&i| self.respondents[i].household.as_str())
            .filter(|h| self.one_per_household && !h.is_empty())
            .collect();
        let mut categories = self.categories.clone();
        let mut flat = 0;
        for c in &mut categories {
            for f in &mut c.features {
                f.min = f.min.saturating_sub(kept[flat] as u32);
                f.max = f.max.saturating_sub(kept[flat] as u32);
                flat += 1;
            }
        }
        let staying: std::collections::HashSet<usize> = staying.iter().copied().collect();
        let remaining: Vec<usize> = (0..self.respondents.len())
            .filter(|i| !staying.contains(i) && !unavailable.contains(i))
            .filter(|&i| !taken_households.contains(self.respondents[i].household.as_str()))
            .collect();
        let instance = Instance {
            categories,
            respondents: remaining
                .iter()
                .map(|&i| self.respondents[i].clone())
                .collect(),
            panel_size: seats,
            one_per_household: self.one_per_household,
        };
        (instance, remaining)
    }
}

/// Folds a household address or key so that spelling variants of one address meet: lower
/// case, letters and digits only, single spaces.
pub fn household_key(s: &str) -> String {
    crate::deliberation::fold_statement(s)
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;

    /// The paper's Alternate(n, k): one female conservative, n/2 − 1 female liberals, n/2 male
    /// conservatives; every quota between k/2 − 1 and k.
    pub fn alternate(n: usize, k: u32) -> Instance {
        let feature = |name: &str| Feature {
            name: name.into(),
            min: k / 2 - 1,
            max: k,
        };
        let categories = vec![
            Category {
                name: "gender".into(),
                features: vec![feature("female"), feature("male")],
            },
            Category {
                name: "leaning".into(),
                features: vec![feature("liberal"), feature("conservative")],
            },
        ];
        let mut respondents = vec![Respondent {
            id: "0".into(),
            features: vec![0, 1],
            household: String::new(),
        }];
        for i in 1..n / 2 {
            respondents.push(Respondent {
                id: i.to_string(),
                features: vec![0, 0],
                household: String::new(),
            });
        }
        for i in n / 2..n {
            respondents.push(Respondent {
                id: i.to_string(),
                features: vec![1, 1],
                household: String::new(),
            });
        }
        Instance {
            categories,
            respondents,
            panel_size: k,
            one_per_household: false,
        }
    }

    #[test]
    fn alternate_has_three_groups() {
        let g = alternate(200, 20).groups();
        assert_eq!(g.members.len(), 3);
        assert_eq!(g.members[0], vec![0]);
        assert_eq!(g.members[1].len(), 99);
        assert_eq!(g.members[2].len(), 100);
        assert_eq!(g.features[2], vec![1, 3]);
        assert!(g.households.is_empty());
    }

    #[test]
    fn shared_households_split_groups_only_when_asked() {
        let mut inst = alternate(6, 4);
        inst.respondents[1].household = "1 rue de Brest".into();
        inst.respondents[2].household = "1 rue de Brest".into();
        assert_eq!(inst.groups().members.len(), 3);
        inst.one_per_household = true;
        let g = inst.groups();
        assert_eq!(g.members.len(), 4, "{g:?}");
        assert_eq!(g.households.len(), 1);
        assert_eq!(g.households[0].len(), 2);
    }

    #[test]
    fn replacements_keep_the_quotas_of_those_who_stay() {
        let inst = alternate(20, 10);
        // The panel: the lone conservative woman 0, liberal women 1–4, conservative men
        // 10–14; woman 1 declines.
        let staying: Vec<usize> = [0, 2, 3, 4, 10, 11, 12, 13, 14].to_vec();
        let unavailable = [1].into_iter().collect();
        let (r, map) = inst.for_replacements(&staying, &unavailable, 1);
        assert_eq!(r.panel_size, 1);
        assert_eq!(r.respondents.len(), 20 - 10);
        assert!(!map.contains(&1) && !map.contains(&0));
        // Women: 4 stay, min 4 − 4 = 0, max 10 − 4 = 6. Liberals: 3 stay (2, 3, 4).
        assert_eq!(
            (
                r.categories[0].features[0].min,
                r.categories[0].features[0].max
            ),
            (0, 6)
        );
        assert_eq!(
            (
                r.categories[1].features[0].min,
                r.categories[1].features[0].max
            ),
            (1, 7)
        );
    }

    #[test]
    fn household_keys_meet_across_spellings() {
        assert_eq!(
            household_key(" 12, Rue de l'Église "),
            household_key("12 rue de l eglise")
        );
    }
}
