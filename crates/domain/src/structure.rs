//! Structures (organisations) and their members.

use crate::invalid::FieldErrors;
use crate::siret::{Rna, Siret};
use crate::territory::{Territories, TerritoryError, TerritoryRef};
use crate::text::{clean_line, parse_web_url, LineCodes};
use crate::Invalid;
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum StructureKind {
    Association,
    Cooperative,
    Entreprise,
    Fondation,
    Collectivite,
    Etat,
    Reseau,
    Autre,
}

impl StructureKind {
    pub const ALL: [StructureKind; 8] = [
        StructureKind::Association,
        StructureKind::Cooperative,
        StructureKind::Entreprise,
        StructureKind::Fondation,
        StructureKind::Collectivite,
        StructureKind::Etat,
        StructureKind::Reseau,
        StructureKind::Autre,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            StructureKind::Association => "association",
            StructureKind::Cooperative => "cooperative",
            StructureKind::Entreprise => "entreprise",
            StructureKind::Fondation => "fondation",
            StructureKind::Collectivite => "collectivite",
            StructureKind::Etat => "etat",
            StructureKind::Reseau => "reseau",
            StructureKind::Autre => "autre",
        }
    }

    pub fn parse(s: &str) -> Result<StructureKind, Invalid> {
        Self::ALL
            .into_iter()
            .find(|k| k.as_str() == s.trim())
            .ok_or(Invalid::new("structure_kind_invalid"))
    }
}

/// A member's role in a structure: managers edit it and manage its members.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum MemberRole {
    Manager,
    Member,
}

impl MemberRole {
    pub fn as_str(self) -> &'static str {
        match self {
            MemberRole::Manager => "manager",
            MemberRole::Member => "member",
        }
    }

    pub fn parse(s: &str) -> Result<MemberRole, Invalid> {
        match s.trim() {
            "manager" => Ok(MemberRole::Manager),
            "member" => Ok(MemberRole::Member),
            _ => Err(Invalid::new("member_role_invalid")),
        }
    }
}

/// What a person types to create or edit a structure, before validation. Forms and the API both
/// fill it; `validate` turns it into a `StructureFields` or a message per field.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct StructureInput {
    pub name: String,
    pub kind: String,
    pub siret: String,
    pub rna: String,
    pub territory: String,
    pub description: String,
    pub website: String,
}

/// The validated fields of a structure.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StructureFields {
    pub name: String,
    pub kind: StructureKind,
    pub siret: Option<Siret>,
    pub rna: Option<Rna>,
    pub territory: Option<TerritoryRef>,
    pub description: String,
    pub website: Option<String>,
}

const NAME_CODES: LineCodes = LineCodes {
    required: "structure_name_required",
    too_short: "structure_name_too_short",
    too_long: "structure_name_too_long",
};

pub const DESCRIPTION_MAX_CHARS: usize = 10_000;

impl StructureInput {
    pub fn validate(&self, territories: &Territories) -> Result<StructureFields, FieldErrors> {
        let mut errors = FieldErrors::new();
        let name = errors.check("name", clean_line(&self.name, 2, 150, NAME_CODES));
        let kind = errors.check("kind", StructureKind::parse(&self.kind));
        let siret = errors.check("siret", optional(&self.siret, Siret::parse));
        let rna = errors.check("rna", optional(&self.rna, Rna::parse));
        let territory = errors.check(
            "territory",
            optional(&self.territory, |s| {
                territories
                    .resolve(s)
                    .map(|t| t.reference())
                    .map_err(|e| match e {
                        TerritoryError::Malformed | TerritoryError::Unknown => {
                            Invalid::new("territory_unknown")
                        }
                    })
            }),
        );
        let description = self.description.trim().to_owned();
        if description.chars().count() > DESCRIPTION_MAX_CHARS {
            errors.add("description", Invalid::new("description_too_long"));
        }
        let website = errors.check("website", parse_web_url(&self.website));
        match (name, kind, siret, rna, territory, website) {
            (Some(name), Some(kind), Some(siret), Some(rna), Some(territory), Some(website))
                if errors.is_empty() =>
            {
                Ok(StructureFields {
                    name,
                    kind,
                    siret,
                    rna,
                    territory,
                    description,
                    website,
                })
            }
            _ => Err(errors),
        }
    }
}

fn optional<T>(
    s: &str,
    parse: impl FnOnce(&str) -> Result<T, Invalid>,
) -> Result<Option<T>, Invalid> {
    if s.trim().is_empty() {
        Ok(None)
    } else {
        parse(s.trim()).map(Some)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn input() -> StructureInput {
        StructureInput {
            name: "  Les Ruches  de Brest ".into(),
            kind: "association".into(),
            siret: "21290019700014".into(),
            territory: "commune:29019".into(),
            website: "ruches-brest.fr".into(),
            ..Default::default()
        }
    }

    #[test]
    fn valid_input_is_cleaned() {
        let fields = input().validate(Territories::bundled()).unwrap();
        assert_eq!(fields.name, "Les Ruches de Brest");
        assert_eq!(fields.kind, StructureKind::Association);
        assert_eq!(fields.territory.unwrap().to_string(), "commune:29019");
        assert_eq!(fields.website.as_deref(), Some("https://ruches-brest.fr/"));
    }

    #[test]
    fn every_bad_field_gets_its_own_message() {
        let bad = StructureInput {
            name: "".into(),
            kind: "club".into(),
            siret: "21290019700017".into(),
            rna: "X12".into(),
            territory: "commune:99999".into(),
            website: "javascript:alert(1)".into(),
            description: "x".repeat(DESCRIPTION_MAX_CHARS + 1),
        };
        let errors = bad.validate(Territories::bundled()).unwrap_err();
        let codes: Vec<_> = errors.0.iter().map(|(f, i)| (*f, i.code)).collect();
        assert_eq!(
            codes,
            vec![
                ("name", "structure_name_required"),
                ("kind", "structure_kind_invalid"),
                ("siret", "siret_checksum"),
                ("rna", "rna_invalid"),
                ("territory", "territory_unknown"),
                ("description", "description_too_long"),
                ("website", "url_invalid"),
            ]
        );
    }
}
