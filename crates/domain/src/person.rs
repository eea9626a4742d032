//! People: the profiles they declare and the platform roles admins give them.

use serde::{Deserialize, Serialize};

/// The part a person plays in a social-innovation process, as they declare it themselves.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Profile {
    Citizen,
    ProjectHolder,
    SupportStructure,
    Funder,
    Evaluator,
    PublicAuthority,
}

impl Profile {
    pub const ALL: [Profile; 6] = [
        Profile::Citizen,
        Profile::ProjectHolder,
        Profile::SupportStructure,
        Profile::Funder,
        Profile::Evaluator,
        Profile::PublicAuthority,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Profile::Citizen => "citizen",
            Profile::ProjectHolder => "project_holder",
            Profile::SupportStructure => "support_structure",
            Profile::Funder => "funder",
            Profile::Evaluator => "evaluator",
            Profile::PublicAuthority => "public_authority",
        }
    }

    pub fn parse(s: &str) -> Option<Profile> {
        Self::ALL.into_iter().find(|p| p.as_str() == s)
    }
}

/// Roles on the platform itself, given by an admin.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum PlatformRole {
    Admin,
    Moderator,
    /// Reviews applications for labels and grants, refuses, renews or revokes them.
    LabelCommittee,
}

impl PlatformRole {
    pub const ALL: [PlatformRole; 3] = [
        PlatformRole::Admin,
        PlatformRole::Moderator,
        PlatformRole::LabelCommittee,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            PlatformRole::Admin => "admin",
            PlatformRole::Moderator => "moderator",
            PlatformRole::LabelCommittee => "label_committee",
        }
    }

    pub fn parse(s: &str) -> Option<PlatformRole> {
        Self::ALL.into_iter().find(|p| p.as_str() == s)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_round_trip() {
        for p in Profile::ALL {
            assert_eq!(Profile::parse(p.as_str()), Some(p));
        }
        for r in PlatformRole::ALL {
            assert_eq!(PlatformRole::parse(r.as_str()), Some(r));
        }
        assert_eq!(Profile::parse("king"), None);
    }
}
