//! Self-assessment (autoévaluation) of an initiative's impact over five dimensions, repeated over
//! time, private unless published.
//!
//! Pure rules, no IO: the questionnaire (its texts are Fluent messages `assessment-q-<id>`), the
//! validation of answers, the score of each dimension, and the geometry of the radar chart that
//! pages draw as SVG.

use crate::invalid::{FieldErrors, Invalid};
use serde::{Deserialize, Serialize};

/// The top of the answer scale; answers run from 0 to `SCALE_MAX` (labels `assessment-scale-<n>`).
pub const SCALE_MAX: u8 = 4;
/// The longest comment kept with an answer, in characters.
pub const COMMENT_MAX: usize = 2000;

/// The five dimensions of impact, in the order of the questionnaire and of the radar's axes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Dimension {
    /// What changes for people or the territory.
    Changes,
    /// For whom: the people reached and how well they are known.
    Whom,
    /// How much: the scale and depth of the change.
    Scale,
    /// The initiative's own contribution, as against what would have happened anyway.
    Contribution,
    /// The risks that the impact is not what is expected.
    Risks,
}

impl Dimension {
    pub const ALL: [Dimension; 5] = [
        Dimension::Changes,
        Dimension::Whom,
        Dimension::Scale,
        Dimension::Contribution,
        Dimension::Risks,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Dimension::Changes => "changes",
            Dimension::Whom => "whom",
            Dimension::Scale => "scale",
            Dimension::Contribution => "contribution",
            Dimension::Risks => "risks",
        }
    }
}

/// One question: its id (a form field name and part of its message id) and its dimension.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Question {
    pub id: &'static str,
    pub dimension: Dimension,
}

const fn q(id: &'static str, dimension: Dimension) -> Question {
    Question { id, dimension }
}

/// The questionnaire, three questions per dimension. Ids are stored with answers: never rename
/// one, add new ones instead.
pub const QUESTIONS: [Question; 15] = [
    q("changes-1", Dimension::Changes),
    q("changes-2", Dimension::Changes),
    q("changes-3", Dimension::Changes),
    q("whom-1", Dimension::Whom),
    q("whom-2", Dimension::Whom),
    q("whom-3", Dimension::Whom),
    q("scale-1", Dimension::Scale),
    q("scale-2", Dimension::Scale),
    q("scale-3", Dimension::Scale),
    q("contribution-1", Dimension::Contribution),
    q("contribution-2", Dimension::Contribution),
    q("contribution-3", Dimension::Contribution),
    q("risks-1", Dimension::Risks),
    q("risks-2", Dimension::Risks),
    q("risks-3", Dimension::Risks),
];

/// The comment field of a question (`<id>-comment`), a static name for `FieldErrors`.
pub fn comment_field(question: &str) -> &'static str {
    const COMMENTS: [&str; 15] = [
        "changes-1-comment",
        "changes-2-comment",
        "changes-3-comment",
        "whom-1-comment",
        "whom-2-comment",
        "whom-3-comment",
        "scale-1-comment",
        "scale-2-comment",
        "scale-3-comment",
        "contribution-1-comment",
        "contribution-2-comment",
        "contribution-3-comment",
        "risks-1-comment",
        "risks-2-comment",
        "risks-3-comment",
    ];
    QUESTIONS
        .iter()
        .position(|x| x.id == question)
        .map(|i| COMMENTS[i])
        .unwrap_or("comment")
}

/// One answer as stored.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Answer {
    pub question: String,
    pub score: u8,
    #[serde(default)]
    pub comment: String,
}

/// An answer as typed: the score as text (a form field) and the comment.
#[derive(Debug, Clone, Default)]
pub struct RawAnswer {
    pub score: String,
    pub comment: String,
}

/// Checks a whole questionnaire: every question answered on the scale, comments not too long.
/// `raw(id)` gives what was typed for a question (None when absent). Answers come back in the
/// questionnaire's order.
pub fn parse_answers(raw: impl Fn(&str) -> Option<RawAnswer>) -> Result<Vec<Answer>, FieldErrors> {
    let mut errors = FieldErrors::new();
    let mut answers = Vec::with_capacity(QUESTIONS.len());
    for question in QUESTIONS {
        let typed = raw(question.id).unwrap_or_default();
        let score = match typed.score.trim() {
            "" => Err(Invalid::new("assessment_score_missing")),
            s => match s.parse::<u8>() {
                Ok(n) if n <= SCALE_MAX => Ok(n),
                _ => Err(Invalid::new("assessment_score_out_of_scale")),
            },
        };
        let comment = typed.comment.trim().to_owned();
        if comment.chars().count() > COMMENT_MAX {
            errors.add(
                comment_field(question.id),
                Invalid::new("assessment_comment_too_long"),
            );
        }
        if let Some(score) = errors.check(question.id, score) {
            answers.push(Answer {
                question: question.id.to_owned(),
                score,
                comment,
            });
        }
    }
    if errors.is_empty() {
        Ok(answers)
    } else {
        Err(errors)
    }
}

/// The score of each dimension, in `Dimension::ALL` order: the mean of its answers, from 0 to
/// `SCALE_MAX`; 0 for a dimension with no answer (never NaN).
pub fn scores(answers: &[Answer]) -> [f64; 5] {
    let mut out = [0.0; 5];
    for (i, d) in Dimension::ALL.iter().enumerate() {
        let mine: Vec<u8> = answers
            .iter()
            .filter(|a| {
                QUESTIONS
                    .iter()
                    .any(|q| q.id == a.question && q.dimension == *d)
            })
            .map(|a| a.score)
            .collect();
        if !mine.is_empty() {
            out[i] = mine.iter().map(|s| f64::from(*s)).sum::<f64>() / mine.len() as f64;
        }
    }
    out
}

/// The radar chart's geometry in a square viewBox of side `2 * center`: axes start at the top
/// and turn clockwise; a score of `SCALE_MAX` reaches `radius`.
#[derive(Debug, Clone, Copy)]
pub struct Radar {
    pub center: f64,
    pub radius: f64,
}

impl Radar {
    /// The point of axis `axis` (0..5) at `value` (0..=SCALE_MAX, clamped).
    pub fn point(&self, axis: usize, value: f64) -> (f64, f64) {
        let value = if value.is_finite() {
            value.clamp(0.0, f64::from(SCALE_MAX))
        } else {
            0.0
        };
        let r = self.radius * value / f64::from(SCALE_MAX);
        let angle = -std::f64::consts::FRAC_PI_2
            + axis as f64 * std::f64::consts::TAU / Dimension::ALL.len() as f64;
        (self.center + r * angle.cos(), self.center + r * angle.sin())
    }

    /// An SVG `points` attribute for these scores, two decimals.
    pub fn polygon(&self, scores: &[f64; 5]) -> String {
        scores
            .iter()
            .enumerate()
            .map(|(i, s)| {
                let (x, y) = self.point(i, *s);
                format!("{x:.2},{y:.2}")
            })
            .collect::<Vec<_>>()
            .join(" ")
    }

    /// The grid: one pentagon per step of the scale.
    pub fn rings(&self) -> Vec<String> {
        (1..=SCALE_MAX)
            .map(|step| self.polygon(&[f64::from(step); 5]))
            .collect()
    }

    /// The end of each axis, where its label goes (a little beyond the last ring).
    pub fn axis_ends(&self) -> Vec<(f64, f64)> {
        (0..5)
            .map(|i| self.point(i, f64::from(SCALE_MAX)))
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn all(score: &str) -> impl Fn(&str) -> Option<RawAnswer> + '_ {
        move |_| {
            Some(RawAnswer {
                score: score.into(),
                comment: String::new(),
            })
        }
    }

    #[test]
    fn a_complete_questionnaire_is_accepted_in_order() {
        let a = parse_answers(all("3")).unwrap();
        assert_eq!(a.len(), 15);
        assert_eq!(a[0].question, "changes-1");
        assert_eq!(scores(&a), [3.0; 5]);
    }

    #[test]
    fn missing_and_out_of_scale_scores_are_refused_per_question() {
        let e = parse_answers(|id| match id {
            "changes-1" => None,
            "whom-2" => Some(RawAnswer {
                score: "5".into(),
                comment: String::new(),
            }),
            "risks-3" => Some(RawAnswer {
                score: "-1".into(),
                comment: String::new(),
            }),
            _ => Some(RawAnswer {
                score: "2".into(),
                comment: String::new(),
            }),
        })
        .unwrap_err();
        assert_eq!(
            e.get("changes-1"),
            Some(Invalid::new("assessment_score_missing"))
        );
        assert_eq!(
            e.get("whom-2"),
            Some(Invalid::new("assessment_score_out_of_scale"))
        );
        assert_eq!(
            e.get("risks-3"),
            Some(Invalid::new("assessment_score_out_of_scale"))
        );
        assert_eq!(e.0.len(), 3);
    }

    #[test]
    fn long_comments_are_refused_on_their_field() {
        let e = parse_answers(|id| {
            Some(RawAnswer {
                score: "1".into(),
                comment: if id == "scale-2" {
                    "x".repeat(COMMENT_MAX + 1)
                } else {
                    String::new()
                },
            })
        })
        .unwrap_err();
        assert_eq!(
            e.get("scale-2-comment"),
            Some(Invalid::new("assessment_comment_too_long"))
        );
    }

    #[test]
    fn scores_are_means_per_dimension_and_zero_when_empty() {
        assert_eq!(scores(&[]), [0.0; 5]);
        let a = vec![
            Answer {
                question: "changes-1".into(),
                score: 4,
                comment: String::new(),
            },
            Answer {
                question: "changes-2".into(),
                score: 1,
                comment: String::new(),
            },
            Answer {
                question: "risks-1".into(),
                score: 2,
                comment: String::new(),
            },
        ];
        assert_eq!(scores(&a), [2.5, 0.0, 0.0, 0.0, 2.0]);
    }

    #[test]
    fn radar_axes_start_at_the_top_and_turn_clockwise() {
        let r = Radar {
            center: 100.0,
            radius: 80.0,
        };
        let (x, y) = r.point(0, 4.0);
        assert!((x - 100.0).abs() < 1e-9 && (y - 20.0).abs() < 1e-9);
        // The second axis is to the right of the centre (clockwise on screen, y down).
        let (x1, y1) = r.point(1, 4.0);
        assert!(x1 > 100.0 && y1 < 100.0);
        // Zero is the centre; half the scale is half the radius.
        assert_eq!(r.point(3, 0.0), (100.0, 100.0));
        let (x, y) = r.point(0, 2.0);
        assert!((x - 100.0).abs() < 1e-9 && (y - 60.0).abs() < 1e-9);
        assert_eq!(r.rings().len(), usize::from(SCALE_MAX));
        assert_eq!(
            r.polygon(&[4.0, 0.0, 0.0, 0.0, 0.0]).split(' ').next(),
            Some("100.00,20.00")
        );
    }

    proptest! {
        #[test]
        fn radar_points_stay_inside_the_circle(axis in 0usize..5, v in proptest::num::f64::ANY) {
            let r = Radar { center: 100.0, radius: 80.0 };
            let (x, y) = r.point(axis, v);
            prop_assert!(x.is_finite() && y.is_finite());
            prop_assert!(((x - 100.0).powi(2) + (y - 100.0).powi(2)).sqrt() <= 80.0 + 1e-9);
        }

        #[test]
        fn scores_stay_on_the_scale(s in proptest::collection::vec(0u8..=SCALE_MAX, 15)) {
            let answers: Vec<Answer> = QUESTIONS.iter().zip(&s).map(|(q, s)| Answer {
                question: q.id.into(), score: *s, comment: String::new() }).collect();
            for v in scores(&answers) {
                prop_assert!((0.0..=f64::from(SCALE_MAX)).contains(&v));
            }
        }
    }
}
