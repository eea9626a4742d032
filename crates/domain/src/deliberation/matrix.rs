//! The participant × statement vote matrix, stored sparsely: most participants vote on a small
//! part of the statements (2 million votes over 33,422 × 783 cells is 8% filled).

/// Votes by participant (rows) on statements (columns), in compressed rows. Values are Pol.is's:
/// 1 agree, -1 disagree, 0 pass; a missing cell is "not seen".
#[derive(Debug, Clone, PartialEq)]
pub struct VoteMatrix {
    /// The caller's participant ids, in row order (ascending).
    pub participants: Vec<i64>,
    /// The statement numbers kept (accepted ones), in column order (ascending).
    pub statements: Vec<i32>,
    row_start: Vec<usize>,
    cols: Vec<u32>,
    values: Vec<i8>,
}

impl VoteMatrix {
    /// Builds the matrix from (participant, statement, value) votes. Votes on statements not in
    /// `statements` (moderated out, unknown) are left out, as are values other than -1, 0, 1.
    /// When a participant voted twice on a statement, the later vote in the list counts.
    pub fn from_votes(statements: &[i32], votes: &[(i64, i32, i16)]) -> VoteMatrix {
        let mut statements = statements.to_vec();
        statements.sort_unstable();
        statements.dedup();
        let column = |s: i32| statements.binary_search(&s).ok();
        // (participant, column, order in input, value), sorted, keeping the last of each cell.
        let mut cells: Vec<(i64, u32, usize, i8)> = votes
            .iter()
            .enumerate()
            .filter(|(_, (_, _, v))| (-1..=1).contains(v))
            .filter_map(|(i, &(p, s, v))| column(s).map(|c| (p, c as u32, i, v as i8)))
            .collect();
        cells.sort_unstable();
        let mut participants = Vec::new();
        let mut row_start = vec![0];
        let mut cols = Vec::with_capacity(cells.len());
        let mut values = Vec::with_capacity(cells.len());
        for (i, &(p, c, _, v)) in cells.iter().enumerate() {
            if cells.get(i + 1).is_some_and(|n| n.0 == p && n.1 == c) {
                continue; // a later vote on the same cell follows
            }
            if participants.last() != Some(&p) {
                if !participants.is_empty() {
                    row_start.push(cols.len());
                }
                participants.push(p);
            }
            cols.push(c);
            values.push(v);
        }
        row_start.push(cols.len());
        if participants.is_empty() {
            row_start = vec![0];
        }
        VoteMatrix {
            participants,
            statements,
            row_start,
            cols,
            values,
        }
    }

    pub fn n_participants(&self) -> usize {
        self.participants.len()
    }

    pub fn n_statements(&self) -> usize {
        self.statements.len()
    }

    pub fn n_votes(&self) -> usize {
        self.values.len()
    }

    /// The votes of row `r`: (column, value).
    pub fn row(&self, r: usize) -> impl Iterator<Item = (usize, i8)> + '_ {
        let range = self.row_start[r]..self.row_start[r + 1];
        self.cols[range.clone()]
            .iter()
            .zip(&self.values[range])
            .map(|(&c, &v)| (c as usize, v))
    }

    pub fn row_len(&self, r: usize) -> usize {
        self.row_start[r + 1] - self.row_start[r]
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keeps_the_last_vote_and_drops_unknown_statements_and_values() {
        let m = VoteMatrix::from_votes(
            &[3, 1],
            &[
                (7, 1, 1),
                (2, 3, -1),
                (7, 1, -1),
                (7, 9, 1),
                (2, 1, 5),
                (2, 1, 0),
            ],
        );
        assert_eq!(m.participants, [2, 7]);
        assert_eq!(m.statements, [1, 3]);
        assert_eq!(m.row(0).collect::<Vec<_>>(), [(0, 0), (1, -1)]);
        assert_eq!(m.row(1).collect::<Vec<_>>(), [(0, -1)]);
        assert_eq!(m.n_votes(), 3);
    }

    #[test]
    fn an_empty_matrix_has_no_rows() {
        let m = VoteMatrix::from_votes(&[], &[(1, 1, 1)]);
        assert_eq!(m.n_participants(), 0);
        assert_eq!(m.n_votes(), 0);
    }
}
