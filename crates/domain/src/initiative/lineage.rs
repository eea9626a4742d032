//! The tree of replications: who took whose recipe, across generations.

use std::collections::HashMap;
use uuid::Uuid;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LineageNode {
    pub id: Uuid,
    /// 0 for the root, 1 for its direct copies…
    pub generation: usize,
    pub children: Vec<LineageNode>,
}

impl LineageNode {
    pub fn size(&self) -> usize {
        1 + self.children.iter().map(LineageNode::size).sum::<usize>()
    }

    pub fn depth(&self) -> usize {
        self.children
            .iter()
            .map(|c| 1 + c.depth())
            .max()
            .unwrap_or(0)
    }

    /// The nodes depth-first, with their generation: what a page lists.
    pub fn flatten(&self) -> Vec<(Uuid, usize)> {
        let mut out = vec![(self.id, self.generation)];
        for c in &self.children {
            out.extend(c.flatten());
        }
        out
    }
}

/// Builds the tree under `root` from `(child, parent)` links, children in the order given
/// (the caller sorts them, by date say). A cycle cannot come from forks (a copy is always newer
/// than its source), but the walk stops at any id it has seen, so bad data cannot loop it.
pub fn tree(root: Uuid, links: &[(Uuid, Uuid)]) -> LineageNode {
    let mut children: HashMap<Uuid, Vec<Uuid>> = HashMap::new();
    for (child, parent) in links {
        children.entry(*parent).or_default().push(*child);
    }
    let mut seen = std::collections::HashSet::new();
    fn build(
        id: Uuid,
        generation: usize,
        children: &HashMap<Uuid, Vec<Uuid>>,
        seen: &mut std::collections::HashSet<Uuid>,
    ) -> LineageNode {
        seen.insert(id);
        let kids = children
            .get(&id)
            .map(|ids| {
                // Claim the children before descending, so that a node linked under two parents
                // (bad data) is placed once.
                let fresh: Vec<Uuid> = ids.iter().copied().filter(|c| seen.insert(*c)).collect();
                fresh
                    .into_iter()
                    .map(|c| build(c, generation + 1, children, seen))
                    .collect()
            })
            .unwrap_or_default();
        LineageNode {
            id,
            generation,
            children: kids,
        }
    }
    build(root, 0, &children, &mut seen)
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn three_generations() {
        let ids: Vec<Uuid> = (0..5).map(|_| Uuid::now_v7()).collect();
        // 0 ← 1 ← 3, 0 ← 2, 1 ← 4
        let links = [
            (ids[1], ids[0]),
            (ids[2], ids[0]),
            (ids[3], ids[1]),
            (ids[4], ids[1]),
        ];
        let t = tree(ids[0], &links);
        assert_eq!(t.size(), 5);
        assert_eq!(t.depth(), 2);
        assert_eq!(
            t.flatten().iter().map(|(_, g)| *g).collect::<Vec<_>>(),
            [0, 1, 2, 2, 1]
        );
    }

    #[test]
    fn a_cycle_in_bad_data_does_not_loop() {
        let (a, b) = (Uuid::now_v7(), Uuid::now_v7());
        let t = tree(a, &[(b, a), (a, b)]);
        assert_eq!(t.size(), 2);
    }

    proptest! {
        /// Every node reachable from the root appears once, whatever the links.
        #[test]
        fn nodes_appear_at_most_once(links in proptest::collection::vec((0u8..20, 0u8..20), 0..60)) {
            let ids: Vec<Uuid> = (0..20).map(|i| Uuid::from_u128(i as u128 + 1)).collect();
            let links: Vec<(Uuid, Uuid)> = links.iter().map(|(c, p)| (ids[*c as usize], ids[*p as usize])).collect();
            let t = tree(ids[0], &links);
            let mut flat: Vec<Uuid> = t.flatten().into_iter().map(|(id, _)| id).collect();
            let n = flat.len();
            flat.sort();
            flat.dedup();
            prop_assert_eq!(flat.len(), n);
        }
    }
}
