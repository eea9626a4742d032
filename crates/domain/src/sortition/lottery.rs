//! The lottery: the final panel drawn from a distribution with a public seed, reproducible by
//! anyone from the published inputs.
//!
//! The published inputs (`DrawInputs`) hold the groups of interchangeable volunteers by their
//! public numbers and the panels with integer weights; their fingerprint is the SHA-256 of
//! their JSON. The draw, specified so that it can be written again in any language:
//!
//! 1. the seed is normalised (`normalise_seed`): words of letters and digits, numbers without
//!    leading zeros, lower case, joined by `-`;
//! 2. a stream of 64-bit numbers: number `i` (from 0) is the first 8 bytes, big-endian, of
//!    SHA-256(key ‖ i as 8 bytes big-endian), where key = SHA-256 of
//!    `essaim-sortition-draw/1`, newline, the fingerprint, newline, the seed;
//! 3. a number below `n` is the next number of the stream modulo `n`, skipping numbers at or
//!    above the largest multiple of `n` (so that every value is equally likely);
//! 4. the panel is the first whose running total of weights exceeds a number below the total
//!    weight; then, group after group in the panel's order, its seats are filled by a partial
//!    Fisher–Yates shuffle of the group's numbers (for seat `j`, swap position `j` with
//!    `j` + a number below `size − j`).

use super::Distribution;
use crate::Invalid;
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};

pub const FORMAT: &str = "essaim-sortition-draw/1";
/// Panel weights are integers summing to this.
pub const TOTAL_WEIGHT: u64 = 1_000_000_000;
const MAX_SEED_CHARS: usize = 200;

/// What anyone needs, with the seed, to reproduce a draw.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DrawInputs {
    pub format: String,
    /// 0 for the panel, 1, 2… for replacements.
    pub round: u32,
    pub panel_size: u32,
    /// Volunteers' public numbers per group.
    pub groups: Vec<Vec<u32>>,
    pub panels: Vec<WeightedPanel>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct WeightedPanel {
    pub weight: u64,
    /// (group, seats), groups in increasing order.
    pub counts: Vec<(usize, u32)>,
}

/// Why published inputs cannot be drawn from.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum DrawError {
    #[error("unknown format {0:?}, expected {FORMAT:?}")]
    Format(String),
    #[error("no panel has a positive weight")]
    NoWeight,
    #[error("panel {0} names a group that does not exist or takes more seats than it has")]
    BadPanel(usize),
    #[error("panel {0} does not have {1} seats")]
    WrongSize(usize, u32),
}

/// The seed as typed ("07 12 33 / 41-49 (5)") in a canonical form ("7-12-33-41-49-5").
pub fn normalise_seed(input: &str) -> Result<String, Invalid> {
    if input.chars().count() > MAX_SEED_CHARS {
        return Err(Invalid::new("sortition_seed_too_long"));
    }
    let words: Vec<String> = input
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(|w| {
            if w.chars().all(|c| c.is_ascii_digit()) {
                let trimmed = w.trim_start_matches('0');
                if trimmed.is_empty() { "0" } else { trimmed }.to_string()
            } else {
                // Lower case can add combining marks (İ → i̇): keep letters and digits only.
                w.to_lowercase()
                    .chars()
                    .filter(|c| c.is_alphanumeric())
                    .collect()
            }
        })
        .collect();
    if words.is_empty() {
        return Err(Invalid::new("sortition_seed_empty"));
    }
    Ok(words.join("-"))
}

impl DrawInputs {
    /// The published inputs of a distribution, respondents named by their public numbers.
    pub fn new(distribution: &Distribution, numbers: &[u32], round: u32, panel_size: u32) -> Self {
        let groups = distribution
            .groups
            .iter()
            .map(|g| g.iter().map(|&i| numbers[i]).collect())
            .collect();
        let weights = integer_weights(
            &distribution
                .panels
                .iter()
                .map(|p| p.probability)
                .collect::<Vec<_>>(),
        );
        let panels = distribution
            .panels
            .iter()
            .zip(weights)
            .filter(|(_, w)| *w > 0)
            .map(|(p, weight)| WeightedPanel {
                weight,
                counts: p.counts.clone(),
            })
            .collect();
        DrawInputs {
            format: FORMAT.into(),
            round,
            panel_size,
            groups,
            panels,
        }
    }

    /// SHA-256 of the inputs' JSON, in hexadecimal.
    pub fn fingerprint(&self) -> String {
        let json = serde_json::to_vec(self).expect("plain data serialises");
        hex(&Sha256::digest(json))
    }

    fn check(&self) -> Result<u64, DrawError> {
        if self.format != FORMAT {
            return Err(DrawError::Format(self.format.clone()));
        }
        for (i, p) in self.panels.iter().enumerate() {
            let mut seats = 0;
            for &(g, c) in &p.counts {
                match self.groups.get(g) {
                    Some(members) if c as usize <= members.len() => seats += c,
                    _ => return Err(DrawError::BadPanel(i)),
                }
            }
            if seats != self.panel_size {
                return Err(DrawError::WrongSize(i, self.panel_size));
            }
        }
        let total = self
            .panels
            .iter()
            .try_fold(0u64, |t, p| t.checked_add(p.weight))
            .ok_or(DrawError::NoWeight)?;
        if total == 0 {
            return Err(DrawError::NoWeight);
        }
        Ok(total)
    }

    /// The panel drawn with this (normalised) seed: public numbers, increasing.
    pub fn draw(&self, seed: &str) -> Result<Vec<u32>, DrawError> {
        let total = self.check()?;
        let mut rng = HashRng::new(&self.fingerprint(), seed);
        let mut ticket = rng.below(total);
        let panel = self
            .panels
            .iter()
            .find(|p| {
                if ticket < p.weight {
                    true
                } else {
                    ticket -= p.weight;
                    false
                }
            })
            .expect("the ticket is below the total weight");
        let mut chosen = Vec::with_capacity(self.panel_size as usize);
        for &(g, seats) in &panel.counts {
            let mut members = self.groups[g].clone();
            let size = members.len() as u64;
            for j in 0..seats as usize {
                let k = j + rng.below(size - j as u64) as usize;
                members.swap(j, k);
            }
            chosen.extend_from_slice(&members[..seats as usize]);
        }
        chosen.sort_unstable();
        Ok(chosen)
    }
}

/// Probabilities as integer weights summing to `TOTAL_WEIGHT`, by largest remainders.
fn integer_weights(probabilities: &[f64]) -> Vec<u64> {
    let total: f64 = probabilities.iter().sum();
    if probabilities.is_empty() || total <= 0.0 {
        return vec![0; probabilities.len()];
    }
    let exact: Vec<f64> = probabilities
        .iter()
        .map(|p| p / total * TOTAL_WEIGHT as f64)
        .collect();
    let mut weights: Vec<u64> = exact.iter().map(|e| e.floor() as u64).collect();
    let short = TOTAL_WEIGHT.saturating_sub(weights.iter().sum());
    let mut order: Vec<usize> = (0..exact.len()).collect();
    order.sort_by(|&a, &b| {
        let ra = exact[a] - exact[a].floor();
        let rb = exact[b] - exact[b].floor();
        rb.total_cmp(&ra).then(a.cmp(&b))
    });
    for &i in order.iter().cycle().take(short as usize) {
        weights[i] += 1;
    }
    weights
}

/// The stream of numbers of step 2 and 3 of the module's specification.
pub struct HashRng {
    key: [u8; 32],
    counter: u64,
}

impl HashRng {
    pub fn new(fingerprint: &str, seed: &str) -> HashRng {
        let key = Sha256::digest(format!("{FORMAT}\n{fingerprint}\n{seed}"));
        HashRng {
            key: key.into(),
            counter: 0,
        }
    }

    pub fn next_u64(&mut self) -> u64 {
        let mut h = Sha256::new();
        h.update(self.key);
        h.update(self.counter.to_be_bytes());
        self.counter += 1;
        let block = h.finalize();
        u64::from_be_bytes(block[..8].try_into().expect("8 bytes"))
    }

    /// Uniform below `n` (n ≥ 1), without modulo bias.
    pub fn below(&mut self, n: u64) -> u64 {
        let limit = u64::MAX - u64::MAX % n;
        loop {
            let x = self.next_u64();
            if x < limit {
                return x % n;
            }
        }
    }
}

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::sortition::instance::tests::alternate;
    use crate::sortition::leximin::leximin;
    use proptest::prelude::*;

    #[test]
    fn seeds_are_normalised() {
        assert_eq!(
            normalise_seed(" 07 12 33 / 41-49 (5) ").unwrap(),
            "7-12-33-41-49-5"
        );
        assert_eq!(
            normalise_seed("7,12,33,41,49,5").unwrap(),
            "7-12-33-41-49-5"
        );
        assert_eq!(
            normalise_seed("Loto du 3 Mars: 000").unwrap(),
            "loto-du-3-mars-0"
        );
        assert_eq!(
            normalise_seed(" -/ ").unwrap_err().code,
            "sortition_seed_empty"
        );
        assert_eq!(
            normalise_seed(&"1 ".repeat(150)).unwrap_err().code,
            "sortition_seed_too_long"
        );
    }

    /// Pinned: the same inputs and seed give this panel on every machine and every version;
    /// a change here breaks every published verification.
    #[test]
    fn the_stream_is_pinned() {
        let mut rng = HashRng::new("abc", "1-2-3");
        let key = Sha256::digest(format!("{FORMAT}\nabc\n1-2-3"));
        let mut h = Sha256::new();
        h.update(key);
        h.update(0u64.to_be_bytes());
        let first = u64::from_be_bytes(h.finalize()[..8].try_into().unwrap());
        assert_eq!(rng.next_u64(), first);
    }

    fn inputs() -> DrawInputs {
        let inst = alternate(200, 20);
        let d = leximin(&inst).unwrap();
        let numbers: Vec<u32> = (1..=200).collect();
        DrawInputs::new(&d, &numbers, 0, 20)
    }

    #[test]
    fn weights_sum_to_the_total() {
        let i = inputs();
        assert_eq!(i.panels.iter().map(|p| p.weight).sum::<u64>(), TOTAL_WEIGHT);
        assert_eq!(
            integer_weights(&[1.0, 1.0, 1.0]),
            vec![333_333_334, 333_333_333, 333_333_333]
        );
    }

    #[test]
    fn a_draw_is_reproducible_and_depends_on_the_seed() {
        let i = inputs();
        let a = i.draw("7-12-33").unwrap();
        assert_eq!(a.len(), 20);
        assert_eq!(a, i.draw("7-12-33").unwrap());
        let json = serde_json::to_string(&i).unwrap();
        let back: DrawInputs = serde_json::from_str(&json).unwrap();
        assert_eq!(back.fingerprint(), i.fingerprint());
        assert_eq!(back.draw("7-12-33").unwrap(), a);
        assert_ne!(a, i.draw("7-12-34").unwrap());
    }

    #[test]
    fn draws_follow_the_distribution() {
        // Everyone has 10 %: over many seeds, the lone conservative woman (number 1) is drawn
        // about one time in ten.
        let i = inputs();
        let hits = (0..2000)
            .filter(|s| i.draw(&s.to_string()).unwrap().contains(&1))
            .count();
        assert!((150..=250).contains(&hits), "{hits}");
    }

    #[test]
    fn broken_inputs_are_refused() {
        let mut i = inputs();
        i.panels[0].counts[0].1 += 1;
        assert!(matches!(
            i.draw("1"),
            Err(DrawError::WrongSize(0, 20)) | Err(DrawError::BadPanel(0))
        ));
        let mut i = inputs();
        i.format = "other".into();
        assert!(matches!(i.draw("1"), Err(DrawError::Format(_))));
    }

    proptest! {
        #[test]
        fn below_stays_below(n in 1u64..u64::MAX, seed in "[a-z0-9]{1,8}") {
            let mut rng = HashRng::new("f", &seed);
            prop_assert!(rng.below(n) < n);
        }

        #[test]
        fn normalising_is_idempotent(s in "\\PC{0,40}") {
            if let Ok(n) = normalise_seed(&s) {
                prop_assert_eq!(normalise_seed(&n).unwrap(), n);
            }
        }
    }
}
