//! A readable difference between two revisions: field by field, line by line.

use super::content::InitiativeContent;
use similar::{ChangeTag, TextDiff};

#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct Line {
    /// "same", "removed" or "added".
    pub change: &'static str,
    pub text: String,
}

#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct FieldDiff {
    /// The field's name, a key of the interface's messages (`field-title`, `field-steps`…).
    pub field: &'static str,
    pub lines: Vec<Line>,
}

/// The fields of a content as lines of text, in the order of the form.
fn fields(c: &InitiativeContent) -> Vec<(&'static str, String)> {
    let r = &c.recipe;
    let i = &r.ingredients;
    vec![
        ("title", c.title.clone()),
        ("summary", c.summary.clone()),
        ("description", c.description.clone()),
        ("challenges", c.challenges.join("\n")),
        (
            "territories",
            c.territories
                .iter()
                .map(ToString::to_string)
                .collect::<Vec<_>>()
                .join("\n"),
        ),
        ("stage", c.stage.as_str().to_owned()),
        ("publics", c.publics.join("\n")),
        (
            "structures",
            c.structures
                .iter()
                .map(|(id, role)| format!("{id} {}", role.as_str()))
                .collect::<Vec<_>>()
                .join("\n"),
        ),
        ("links", c.links.join("\n")),
        ("licence", c.licence.as_str().to_owned()),
        ("resources", i.resources.join("\n")),
        ("skills", i.skills.join("\n")),
        ("partners", i.partners.join("\n")),
        (
            "budget_range",
            i.budget_range
                .map(|b| b.as_str().to_owned())
                .unwrap_or_default(),
        ),
        ("duration", i.duration.clone()),
        ("steps", r.steps.join("\n")),
        ("pitfalls", r.pitfalls.join("\n")),
        ("success_factors", r.success_factors.join("\n")),
    ]
}

/// What changed from `old` to `new`; unchanged fields are left out.
pub fn diff(old: &InitiativeContent, new: &InitiativeContent) -> Vec<FieldDiff> {
    fields(old)
        .into_iter()
        .zip(fields(new))
        .filter(|((_, a), (_, b))| a != b)
        .map(|((field, a), (_, b))| {
            let lines = TextDiff::from_lines(&a, &b)
                .iter_all_changes()
                .map(|change| Line {
                    change: match change.tag() {
                        ChangeTag::Equal => "same",
                        ChangeTag::Delete => "removed",
                        ChangeTag::Insert => "added",
                    },
                    text: change.value().trim_end_matches('\n').to_owned(),
                })
                .collect();
            FieldDiff { field, lines }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::initiative::InitiativeInput;
    use crate::territory::Territories;

    fn content(steps: &str, title: &str) -> InitiativeContent {
        InitiativeInput {
            title: title.into(),
            summary: "Résumé".into(),
            territories: "Brest".into(),
            stage: "idee".into(),
            steps: steps.into(),
            ..Default::default()
        }
        .validate(Territories::bundled(), &[])
        .unwrap()
    }

    #[test]
    fn only_changed_fields_with_their_lines() {
        let a = content("Réunir\nTrouver un terrain\nSemer", "Jardins");
        let b = content("Réunir\nTrouver une friche\nSemer", "Jardins");
        let d = diff(&a, &b);
        assert_eq!(d.len(), 1);
        assert_eq!(d[0].field, "steps");
        let changes: Vec<_> = d[0]
            .lines
            .iter()
            .map(|l| (l.change, l.text.as_str()))
            .collect();
        assert_eq!(
            changes,
            [
                ("same", "Réunir"),
                ("removed", "Trouver un terrain"),
                ("added", "Trouver une friche"),
                ("same", "Semer")
            ]
        );
        assert!(diff(&a, &a).is_empty());
    }
}
