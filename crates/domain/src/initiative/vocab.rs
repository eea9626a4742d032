//! The controlled vocabularies of initiatives.

use crate::Invalid;
use serde::{Deserialize, Serialize};

macro_rules! vocabulary {
    ($(#[$meta:meta])* $name:ident, $code:literal, { $($variant:ident => $text:literal),* $(,)? }) => {
        $(#[$meta])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
        pub enum $name { $($variant),* }

        // Serialised as its code, the same word forms, URLs, JSON and CSV use.
        impl Serialize for $name {
            fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
                s.serialize_str(self.as_str())
            }
        }

        impl<'de> Deserialize<'de> for $name {
            fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
                let code = String::deserialize(d)?;
                $name::parse(&code).map_err(|_| serde::de::Error::custom(format!("unknown code {code}")))
            }
        }

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

/// CC BY-SA 4.0 unless the person chooses another.
pub const DEFAULT_LICENCE: Licence = Licence::CcBySa4;

impl Default for Licence {
    fn default() -> Self {
        DEFAULT_LICENCE
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

/// A new challenge typed by an admin: a slug code, names in both languages, SDG numbers.
#[derive(Debug, Clone, Default)]
pub struct ChallengeInput {
    pub code: String,
    pub name_fr: String,
    pub name_en: String,
    /// SDG numbers separated by commas or spaces ("3, 10").
    pub sdgs: String,
}

impl ChallengeInput {
    pub fn validate(&self) -> Result<Challenge, crate::invalid::FieldErrors> {
        use crate::text::{clean_line, LineCodes};
        const NAME: LineCodes = LineCodes {
            required: "name_required",
            too_short: "name_required",
            too_long: "name_too_long",
        };
        let mut e = crate::invalid::FieldErrors::new();
        let code = self.code.trim().to_lowercase();
        let code_ok = (2..=60).contains(&code.len())
            && code
                .bytes()
                .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
            && !code.starts_with('-')
            && !code.ends_with('-');
        if !code_ok {
            e.add("code", Invalid::new("challenge_code_invalid"));
        }
        let name_fr = e.check("name_fr", clean_line(&self.name_fr, 2, 80, NAME));
        let name_en = e.check("name_en", clean_line(&self.name_en, 2, 80, NAME));
        let sdgs: Result<Vec<u8>, _> = self
            .sdgs
            .split(|c: char| c == ',' || c.is_whitespace())
            .filter(|s| !s.is_empty())
            .map(|s| {
                s.parse::<u8>()
                    .ok()
                    .filter(|g| (1..=17).contains(g))
                    .ok_or(Invalid::new("sdg_invalid"))
            })
            .collect();
        let sdgs = e.check(
            "sdgs",
            sdgs.and_then(|v| {
                if v.is_empty() {
                    Err(Invalid::new("sdg_invalid"))
                } else {
                    Ok(v)
                }
            }),
        );
        match (name_fr, name_en, sdgs) {
            (Some(name_fr), Some(name_en), Some(sdgs)) if e.is_empty() => Ok(Challenge {
                code,
                name_fr,
                name_en,
                sdgs,
            }),
            _ => Err(e),
        }
    }
}

#[cfg(test)]
mod challenge_input_tests {
    use super::*;

    #[test]
    fn a_challenge_needs_a_slug_names_and_sdgs() {
        let ok = ChallengeInput {
            code: "sport".into(),
            name_fr: "Sport".into(),
            name_en: "Sport".into(),
            sdgs: "3, 10".into(),
        };
        assert_eq!(ok.validate().unwrap().sdgs, [3, 10]);
        let bad = ChallengeInput {
            code: "Sport Santé!".into(),
            name_fr: "".into(),
            name_en: "Sport".into(),
            sdgs: "18".into(),
        };
        let e = bad.validate().unwrap_err();
        assert_eq!(
            e.0.iter().map(|(f, i)| (*f, i.code)).collect::<Vec<_>>(),
            [
                ("code", "challenge_code_invalid"),
                ("name_fr", "name_required"),
                ("sdgs", "sdg_invalid")
            ]
        );
    }
}
