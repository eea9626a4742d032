//! The controlled vocabularies of initiatives.

use crate::Invalid;
use serde::{Deserialize, Serialize};

macro_rules! vocabulary {
    ($(#[$meta:meta])* $name:ident, $code:literal, { $($variant:ident => $text:literal),* $(,)? }) => {
        $(#[$meta])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
        #[serde(rename_all = "snake_case")]
        pub enum $name { $($variant),* }

        impl $name {
            pub const ALL: &'static [$name] = &[$($name::$variant),*];

            pub fn as_str(self) -> &'static str {
                match self { $($name::$variant => $text),* }
            }

            pub fn parse(s: &str) -> Result<$name, Invalid> {
                Self::ALL.iter().copied().find(|v| v.as_str() == s.trim()).ok_or(Invalid::new($code))
            }
        }
    };
}

vocabulary!(
    /// How far an initiative has come.
    Stage, "stage_invalid", {
        Idee => "idee",
        Experimentation => "experimentation",
        Consolidation => "consolidation",
        Essaimage => "essaimage",
    }
);

vocabulary!(
    /// Who sees an initiative: drafts only its editors, published everyone, archived everyone
    /// (marked as such, out of the default catalogue).
    Status, "status_invalid", {
        Draft => "draft",
        Published => "published",
        Archived => "archived",
    }
);

vocabulary!(
    /// The part a structure plays in an initiative.
    StructureRole, "structure_role_invalid", {
        Porteur => "porteur",
        Partenaire => "partenaire",
        Financeur => "financeur",
        Accompagnateur => "accompagnateur",
    }
);

vocabulary!(
    /// The budget an initiative needs, in ranges people can estimate.
    BudgetRange, "budget_range_invalid", {
        Under5k => "moins_5k",
        From5kTo20k => "5k_20k",
        From20kTo100k => "20k_100k",
        Over100k => "plus_100k",
    }
);

vocabulary!(
    /// The free licence of an initiative's text and recipe.
    Licence, "licence_invalid", {
        CcBySa4 => "CC-BY-SA-4.0",
        CcBy4 => "CC-BY-4.0",
        Cc0 => "CC0-1.0",
    }
);

impl Licence {
    pub fn url(self) -> &'static str {
        match self {
            Licence::CcBySa4 => "https://creativecommons.org/licenses/by-sa/4.0/",
            Licence::CcBy4 => "https://creativecommons.org/licenses/by/4.0/",
            Licence::Cc0 => "https://creativecommons.org/publicdomain/zero/1.0/",
        }
    }

    /// Whether a copy must credit its source (every licence here but CC0).
    pub fn requires_attribution(self) -> bool {
        !matches!(self, Licence::Cc0)
    }

    /// Whether a copy must keep the same licence (share-alike).
    pub fn share_alike(self) -> bool {
        matches!(self, Licence::CcBySa4)
    }
}

impl Default for Licence {
    fn default() -> Self {
        Licence::CcBySa4
    }
}

/// A societal challenge, mapped to the UN Sustainable Development Goals it serves.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Challenge {
    pub code: String,
    pub name_fr: String,
    pub name_en: String,
    pub sdgs: Vec<u8>,
}

/// The starting list of challenges (admins may add more): code, French, English, SDGs.
pub const DEFAULT_CHALLENGES: &[(&str, &str, &str, &[u8])] = &[
    ("inclusion", "Inclusion", "Inclusion", &[1, 10]),
    ("education", "Éducation", "Education", &[4]),
    (
        "transition-ecologique",
        "Transition écologique",
        "Ecological transition",
        &[7, 12, 13, 15],
    ),
    (
        "solidarite-intergenerationnelle",
        "Solidarité intergénérationnelle",
        "Intergenerational solidarity",
        &[3, 10],
    ),
    (
        "cohesion-territoires-ruralite",
        "Cohésion des territoires et ruralité",
        "Territorial cohesion and rural life",
        &[10, 11],
    ),
    (
        "emploi-insertion",
        "Emploi et insertion",
        "Employment and integration",
        &[8],
    ),
    ("alimentation", "Alimentation", "Food", &[2, 12]),
    ("habitat", "Habitat", "Housing", &[11]),
    ("sante", "Santé", "Health", &[3]),
    ("culture", "Culture", "Culture", &[4, 11]),
    (
        "numerique-inclusif",
        "Numérique inclusif",
        "Digital inclusion",
        &[4, 9, 10],
    ),
    ("mobilite", "Mobilité", "Mobility", &[9, 11]),
    (
        "economie-circulaire",
        "Économie circulaire",
        "Circular economy",
        &[12],
    ),
    (
        "egalite-des-chances",
        "Égalité des chances",
        "Equal opportunities",
        &[4, 5, 10],
    ),
    ("handicap", "Handicap", "Disability", &[10]),
    ("citoyennete", "Citoyenneté", "Citizenship", &[16, 17]),
];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn vocabularies_round_trip() {
        for s in Stage::ALL {
            assert_eq!(Stage::parse(s.as_str()), Ok(*s));
        }
        for l in Licence::ALL {
            assert_eq!(Licence::parse(l.as_str()), Ok(*l));
        }
        assert_eq!(Licence::default(), Licence::CcBySa4);
        assert_eq!(Stage::parse("lune").unwrap_err().code, "stage_invalid");
    }

    #[test]
    fn default_challenges_have_unique_codes_and_valid_sdgs() {
        let mut codes: Vec<_> = DEFAULT_CHALLENGES.iter().map(|c| c.0).collect();
        codes.sort_unstable();
        codes.dedup();
        assert_eq!(codes.len(), 16);
        assert!(DEFAULT_CHALLENGES
            .iter()
            .all(|c| !c.3.is_empty() && c.3.iter().all(|g| (1..=17).contains(g))));
    }
}
