//! Hackathons: the rules of their settings (a hackathon lasts one to three days, teams of 2 to
//! 12), of what participants tell about themselves, of team formation (one round of the
//! rotation planner: sectors and age bands balanced, structures kept apart) and of the team's
//! workspace. Pure rules, no IO.

use crate::invalid::{FieldErrors, Invalid};
use crate::planner::{self, Budget, Instance, Person, PlanError};
use chrono::{DateTime, Duration, Utc};
use std::collections::BTreeMap;

pub const MIN_TEAM_SIZE: i64 = 2;
pub const MAX_TEAM_SIZE: i64 = 12;
/// A hackathon lasts at most three days (end minus start).
pub const MAX_DAYS: i64 = 3;
pub const MAX_SKILLS: usize = 500;
pub const MAX_SOLUTION_TITLE: usize = 200;
pub const MAX_PITCH: usize = 10_000;
pub const MAX_DELIVERABLES: usize = 5_000;
pub const MAX_LINKS: usize = 20;
pub const MAX_LINK: usize = 2_000;
pub const MAX_TEAM_NAME: usize = 100;

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Sector {
    Public,
    Prive,
    Associatif,
    Citoyen,
}

impl Sector {
    pub const ALL: [Sector; 4] = [
        Sector::Public,
        Sector::Prive,
        Sector::Associatif,
        Sector::Citoyen,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Sector::Public => "public",
            Sector::Prive => "prive",
            Sector::Associatif => "associatif",
            Sector::Citoyen => "citoyen",
        }
    }

    pub fn parse(s: &str) -> Option<Sector> {
        Sector::ALL.into_iter().find(|k| k.as_str() == s.trim())
    }
}

/// Age bands, coarse on purpose (enough to mix teams, little to identify anyone).
pub const AGE_BANDS: [&str; 5] = ["under_25", "25_34", "35_49", "50_64", "65_plus"];

/// Checks the settings: a team size from 2 to 12, and an event of kind hackathon lasting at
/// most three days.
pub fn validate_settings(
    team_size: &str,
    kind: &str,
    starts_at: DateTime<Utc>,
    ends_at: DateTime<Utc>,
) -> Result<i64, FieldErrors> {
    let mut errors = FieldErrors::new();
    if kind != crate::events::Kind::Hackathon.as_str() {
        errors.add("kind", Invalid::new("hackathons_not_a_hackathon"));
    }
    if ends_at - starts_at > Duration::days(MAX_DAYS) {
        errors.add("dates", Invalid::new("hackathons_over_three_days"));
    }
    let size = match team_size.trim().parse::<i64>() {
        Ok(n) if (MIN_TEAM_SIZE..=MAX_TEAM_SIZE).contains(&n) => Some(n),
        _ => {
            errors.add("team_size", Invalid::new("hackathons_team_size_invalid"));
            None
        }
    };
    match size {
        Some(n) if errors.is_empty() => Ok(n),
        _ => Err(errors),
    }
}

/// What a participant tells (the structure is checked against their memberships by the caller).
#[derive(Debug, Clone, Default)]
pub struct ParticipantInput {
    pub sector: String,
    pub age_band: String,
    pub skills: String,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ValidParticipant {
    /// '' when not said.
    pub sector: String,
    pub age_band: String,
    pub skills: String,
}

pub fn validate_participant(input: &ParticipantInput) -> Result<ValidParticipant, FieldErrors> {
    let mut errors = FieldErrors::new();
    let sector = input.sector.trim();
    if !sector.is_empty() && Sector::parse(sector).is_none() {
        errors.add("sector", Invalid::new("hackathons_sector_invalid"));
    }
    let age_band = input.age_band.trim();
    if !age_band.is_empty() && !AGE_BANDS.contains(&age_band) {
        errors.add("age_band", Invalid::new("hackathons_age_band_invalid"));
    }
    let skills = input.skills.trim();
    if skills.chars().count() > MAX_SKILLS {
        errors.add("skills", Invalid::new("hackathons_skills_too_long"));
    }
    if errors.is_empty() {
        Ok(ValidParticipant {
            sector: sector.to_owned(),
            age_band: age_band.to_owned(),
            skills: skills.to_owned(),
        })
    } else {
        Err(errors)
    }
}

/// Prototype links: one absolute https link per line, blank lines ignored; returned one per
/// line, normalised.
pub fn parse_links(input: &str) -> Result<String, Invalid> {
    let mut out: Vec<String> = vec![];
    for line in input.lines() {
        let line = line.trim();
        if line.is_empty() {
            continue;
        }
        if line.chars().count() > MAX_LINK {
            return Err(Invalid::new("hackathons_link_invalid"));
        }
        match url::Url::parse(line) {
            Ok(u) if u.scheme() == "https" && u.host_str().is_some() => out.push(u.to_string()),
            _ => return Err(Invalid::new("hackathons_link_https")),
        }
    }
    if out.len() > MAX_LINKS {
        return Err(Invalid::new("hackathons_too_many_links"));
    }
    Ok(out.join("\n"))
}

#[derive(Debug, Clone, Default)]
pub struct WorkspaceInput {
    pub solution_title: String,
    pub pitch: String,
    pub prototype_links: String,
    pub deliverables: String,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ValidWorkspace {
    pub solution_title: String,
    pub pitch: String,
    pub prototype_links: String,
    pub deliverables: String,
}

pub fn validate_workspace(input: &WorkspaceInput) -> Result<ValidWorkspace, FieldErrors> {
    let mut errors = FieldErrors::new();
    let solution_title = input.solution_title.trim();
    if solution_title.chars().count() > MAX_SOLUTION_TITLE {
        errors.add("solution_title", Invalid::new("hackathons_too_long"));
    } else if solution_title.chars().any(char::is_control) {
        errors.add("solution_title", Invalid::new("hackathons_one_line"));
    }
    let pitch = input.pitch.trim();
    if pitch.chars().count() > MAX_PITCH {
        errors.add("pitch", Invalid::new("hackathons_too_long"));
    }
    let deliverables = input.deliverables.trim();
    if deliverables.chars().count() > MAX_DELIVERABLES {
        errors.add("deliverables", Invalid::new("hackathons_too_long"));
    }
    let links = errors.check("prototype_links", parse_links(&input.prototype_links));
    match links {
        Some(prototype_links) if errors.is_empty() => Ok(ValidWorkspace {
            solution_title: solution_title.to_owned(),
            pitch: pitch.to_owned(),
            prototype_links,
            deliverables: deliverables.to_owned(),
        }),
        _ => Err(errors),
    }
}

/// A team's name: one line, at most `MAX_TEAM_NAME` characters.
pub fn parse_team_name(input: &str) -> Result<String, Invalid> {
    let v = input.trim();
    if v.chars().count() > MAX_TEAM_NAME || v.chars().any(char::is_control) {
        return Err(Invalid::new("hackathons_team_name_invalid"));
    }
    Ok(v.to_owned())
}

/// Someone to place in a team.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Member {
    pub id: String,
    pub structure: Option<String>,
    pub sector: String,
    pub age_band: String,
}

/// Teams formed: `teams[t]` lists indices into the members given; and the planner's seed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Formation {
    pub teams: Vec<Vec<usize>>,
    pub seed: u64,
}

/// Forms teams of `team_size` (sizes differ by at most one) in one round of the planner:
/// sectors and age bands balanced, people of one structure apart when possible. A group
/// smaller than a team makes one team; fewer than two people cannot be planned.
pub fn form_teams(
    members: &[Member],
    team_size: usize,
    budget: Budget,
    seed: u64,
) -> Result<Formation, PlanError> {
    let people: Vec<Person> = members
        .iter()
        .map(|m| Person {
            id: m.id.clone(),
            structure: m.structure.clone(),
            host_table: None,
            attributes: vec![
                ("sector".into(), m.sector.clone()),
                ("age_band".into(), m.age_band.clone()),
            ],
        })
        .collect();
    // One team when the group is smaller than a team.
    let size = team_size.min(members.len());
    let instance = Instance::new(people, size, 1)?;
    let plan = planner::plan(&instance, budget, seed);
    let teams = plan.schedule.rounds.into_iter().next().unwrap_or_default();
    Ok(Formation { teams, seed })
}

/// What the organiser sees of a team's mix.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Balance {
    /// Sector code ('' for not said) and how many.
    pub sectors: BTreeMap<String, usize>,
    pub age_bands: BTreeMap<String, usize>,
    /// Distinct structures represented.
    pub structures: usize,
    /// Members who share their structure with another member.
    pub structure_clashes: usize,
}

pub fn balance(members: &[Member]) -> Balance {
    let mut b = Balance::default();
    let mut by_structure: BTreeMap<&str, usize> = BTreeMap::new();
    for m in members {
        *b.sectors.entry(m.sector.clone()).or_default() += 1;
        *b.age_bands.entry(m.age_band.clone()).or_default() += 1;
        if let Some(s) = &m.structure {
            *by_structure.entry(s).or_default() += 1;
        }
    }
    b.structures = by_structure.len();
    b.structure_clashes = by_structure.values().filter(|n| **n > 1).sum();
    b
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;
    use proptest::prelude::*;

    fn at(d: u32, h: u32) -> DateTime<Utc> {
        Utc.with_ymd_and_hms(2026, 4, d, h, 0, 0).unwrap()
    }

    #[test]
    fn settings_need_a_hackathon_of_three_days_at_most() {
        assert_eq!(
            validate_settings("4", "hackathon", at(1, 9), at(4, 9)),
            Ok(4)
        );
        let e = validate_settings("4", "hackathon", at(1, 9), at(4, 10)).unwrap_err();
        assert_eq!(e.get("dates").unwrap().code, "hackathons_over_three_days");
        let e = validate_settings("1", "meetup", at(1, 9), at(1, 10)).unwrap_err();
        assert_eq!(e.get("kind").unwrap().code, "hackathons_not_a_hackathon");
        assert_eq!(
            e.get("team_size").unwrap().code,
            "hackathons_team_size_invalid"
        );
        assert!(validate_settings("13", "hackathon", at(1, 9), at(1, 10)).is_err());
        assert!(validate_settings("deux", "hackathon", at(1, 9), at(1, 10)).is_err());
    }

    #[test]
    fn participants_say_a_known_sector_and_age_band_or_nothing() {
        let ok = validate_participant(&ParticipantInput {
            sector: " prive ".into(),
            age_band: "25_34".into(),
            skills: "code".into(),
        })
        .unwrap();
        assert_eq!(ok.sector, "prive");
        assert!(validate_participant(&ParticipantInput::default()).is_ok());
        let e = validate_participant(&ParticipantInput {
            sector: "militaire".into(),
            age_band: "12".into(),
            skills: "x".repeat(MAX_SKILLS + 1),
        })
        .unwrap_err();
        assert_eq!(e.0.len(), 3);
    }

    #[test]
    fn links_are_https_one_per_line() {
        assert_eq!(
            parse_links("https://a.fr/x\n\n  https://b.fr  \n").unwrap(),
            "https://a.fr/x\nhttps://b.fr/"
        );
        assert_eq!(
            parse_links("http://a.fr").unwrap_err().code,
            "hackathons_link_https"
        );
        assert_eq!(
            parse_links("javascript:alert(1)").unwrap_err().code,
            "hackathons_link_https"
        );
        let many = "https://a.fr\n".repeat(MAX_LINKS + 1);
        assert_eq!(
            parse_links(&many).unwrap_err().code,
            "hackathons_too_many_links"
        );
    }

    fn members(n: usize, structures: usize) -> Vec<Member> {
        (0..n)
            .map(|i| Member {
                id: format!("p{i}"),
                structure: (i < structures * 2).then(|| format!("s{}", i / 2)),
                sector: Sector::ALL[i % 4].as_str().into(),
                age_band: AGE_BANDS[i % 3].into(),
            })
            .collect()
    }

    #[test]
    fn teams_mix_sectors_and_keep_colleagues_apart() {
        let m = members(16, 4);
        let f = form_teams(&m, 4, Budget::iterations(20_000), 3).unwrap();
        assert_eq!(f.teams.len(), 4);
        for t in &f.teams {
            let b = balance(&t.iter().map(|i| m[*i].clone()).collect::<Vec<_>>());
            // 16 people, four of each sector, in teams of 4: every team has all four.
            assert_eq!(b.sectors.len(), 4, "{b:?}");
            assert_eq!(b.structure_clashes, 0, "{b:?}");
        }
    }

    #[test]
    fn a_small_group_makes_one_team_and_one_person_cannot() {
        let f = form_teams(&members(3, 0), 5, Budget::iterations(100), 1).unwrap();
        assert_eq!(f.teams, vec![vec![0, 1, 2]]);
        assert!(form_teams(&members(1, 0), 5, Budget::iterations(100), 1).is_err());
    }

    proptest! {
        #[test]
        fn everyone_is_in_exactly_one_team_of_even_size(
            n in 2usize..40, size in 2usize..8, seed in 0u64..1000
        ) {
            let m = members(n, n / 4);
            let f = form_teams(&m, size, Budget::iterations(2_000), seed).unwrap();
            let mut seen: Vec<usize> = f.teams.iter().flatten().copied().collect();
            seen.sort();
            prop_assert_eq!(seen, (0..n).collect::<Vec<_>>());
            let sizes: Vec<usize> = f.teams.iter().map(Vec::len).collect();
            let (lo, hi) = (*sizes.iter().min().unwrap(), *sizes.iter().max().unwrap());
            prop_assert!(hi - lo <= 1 && hi <= size);
            prop_assert_eq!(f.teams.len(), n.div_ceil(size.min(n)));
        }

        #[test]
        fn a_valid_link_list_parses_to_itself(hosts in proptest::collection::vec("[a-z]{1,10}", 0..10)) {
            let text: String = hosts.iter().map(|h| format!("https://{h}.fr/\n")).collect();
            let parsed = parse_links(&text).unwrap();
            prop_assert_eq!(parse_links(&parsed).unwrap(), parsed.clone());
            prop_assert_eq!(parsed.lines().count(), hosts.len());
        }
    }
}
