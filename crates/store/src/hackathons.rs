//! Hackathons: the settings of an event of kind `hackathon` (team size, the défis it gathers),
//! its participants with the attributes used to mix the teams, the teams (formed by the
//! planner, then adjusted by hand) and each team's workspace.
//!
//! What the store guarantees: teams are replaced in one transaction (team numbers are kept, so a
//! team keeps its id and workspace when the teams are re-formed; teams beyond the new count are
//! removed); a person is in at most one team per hackathon; every member is a participant
//! (`Conflict(NOT_PARTICIPANT)` otherwise); a team's défi is one of the hackathon's
//! (`Conflict(DEFI_NOT_GATHERED)`); once the jury has scored a team, results are published or a
//! team is in incubation, the teams and the défis gathered are frozen
//! (`Conflict(TEAMS_FROZEN)`); every early return rolls its transaction back explicitly.

use crate::StoreResult;
use chrono::{DateTime, Utc};
use uuid::Uuid;

/// The named refusals (`StoreError::Conflict`), also the message ids shown to people.
pub mod conflict {
    pub const NOT_PARTICIPANT: &str = "hackathons-not-participant";
    pub const DEFI_NOT_GATHERED: &str = "hackathons-defi-not-gathered";
    /// A person in two teams, or two teams with one number.
    pub const DUPLICATE: &str = "hackathons-duplicate";
    /// The hackathon has no settings yet.
    pub const NO_SETTINGS: &str = "hackathons-no-settings";
    /// The jury has scored a team, the results are published or a team is in incubation: the
    /// teams and the défis gathered no longer change (scores and incubations name team ids).
    pub const TEAMS_FROZEN: &str = "hackathons-teams-frozen";
}

/// Whether hackathon `$1`'s teams are frozen (see `conflict::TEAMS_FROZEN`); same SQL on both
/// backends.
pub const TEAMS_FROZEN_SQL: &str = "SELECT EXISTS (SELECT 1 FROM jury_scores s
        JOIN hackathon_teams t ON t.id = s.team_id WHERE t.event_id = $1)
    OR EXISTS (SELECT 1 FROM incubations i
        JOIN hackathon_teams t ON t.id = i.team_id WHERE t.event_id = $1)
    OR EXISTS (SELECT 1 FROM jury_results r WHERE r.event_id = $1)";

pub const PARTICIPANT_SELECT: &str = "SELECT hp.event_id, hp.person_id,
    p.display_name AS person_name, p.email, hp.structure_id, s.name AS structure_name,
    hp.sector, hp.age_band, hp.skills, hp.created_at
    FROM hackathon_participants hp JOIN people p ON p.id = hp.person_id
    LEFT JOIN structures s ON s.id = hp.structure_id";

pub const TEAM_SELECT: &str = "SELECT t.id, t.event_id, t.number, t.name, t.defi_id,
    d.title AS defi_title, t.coach_id, c.display_name AS coach_name, t.designer_id,
    g.display_name AS designer_name, t.solution_title, t.pitch, t.prototype_links,
    t.deliverables, t.created_at, t.updated_at
    FROM hackathon_teams t LEFT JOIN defis d ON d.id = t.defi_id
    LEFT JOIN people c ON c.id = t.coach_id LEFT JOIN people g ON g.id = t.designer_id";

#[derive(Debug, Clone, PartialEq, Eq, sqlx::FromRow)]
pub struct HackathonRow {
    pub event_id: Uuid,
    pub team_size: i64,
    pub teams_published: bool,
    /// The planner's seed of the last formation, kept so that it can be replayed.
    pub teams_seed: Option<i64>,
    pub teams_formed_at: Option<DateTime<Utc>>,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
}

/// What a participant tells the organisers.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Attributes {
    /// One of the person's structures, or none.
    pub structure_id: Option<Uuid>,
    /// public, prive, associatif, citoyen, or ''.
    pub sector: String,
    pub age_band: String,
    pub skills: String,
}

#[derive(Debug, Clone, PartialEq, Eq, sqlx::FromRow)]
pub struct Participant {
    pub event_id: Uuid,
    pub person_id: Uuid,
    pub person_name: String,
    pub email: String,
    pub structure_id: Option<Uuid>,
    pub structure_name: Option<String>,
    pub sector: String,
    pub age_band: String,
    pub skills: String,
    pub created_at: DateTime<Utc>,
}

/// A team as the organisers set it (formation or hand adjustment).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct TeamSetup {
    /// 1, 2, 3…
    pub number: i64,
    pub name: String,
    pub defi_id: Option<Uuid>,
    pub coach_id: Option<Uuid>,
    pub designer_id: Option<Uuid>,
    pub members: Vec<Uuid>,
}

/// The workspace a team fills.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Workspace {
    pub solution_title: String,
    /// Markdown.
    pub pitch: String,
    /// https links, one per line.
    pub prototype_links: String,
    pub deliverables: String,
}

#[derive(Debug, Clone, PartialEq, Eq, sqlx::FromRow)]
pub struct TeamRow {
    pub id: Uuid,
    pub event_id: Uuid,
    pub number: i64,
    pub name: String,
    pub defi_id: Option<Uuid>,
    pub defi_title: Option<String>,
    pub coach_id: Option<Uuid>,
    pub coach_name: Option<String>,
    pub designer_id: Option<Uuid>,
    pub designer_name: Option<String>,
    pub solution_title: String,
    pub pitch: String,
    pub prototype_links: String,
    pub deliverables: String,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
}

/// A team and its members (participants, by name).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Team {
    pub row: TeamRow,
    pub members: Vec<Participant>,
}

impl Team {
    pub fn has_member(&self, person_id: Uuid) -> bool {
        self.members.iter().any(|m| m.person_id == person_id)
    }
}

/// A person's hackathon data (their export): participations and teams, with the events' titles.
pub type HackathonData = (Vec<(Participant, String)>, Vec<(TeamRow, String)>);

/// Storage of this context. Implemented by both backends.
#[async_trait::async_trait]
pub trait HackathonStore: Send + Sync {
    /// Creates or updates the settings of the hackathon held by event `event_id`. `NotFound`
    /// when the event does not exist (the caller checks its kind and dates).
    async fn save_hackathon(
        &self,
        event_id: Uuid,
        team_size: i64,
        at: DateTime<Utc>,
    ) -> StoreResult<HackathonRow>;
    async fn get_hackathon(&self, event_id: Uuid) -> StoreResult<Option<HackathonRow>>;
    /// Replaces the défis the hackathon gathers. Teams working on a défi taken out lose it.
    /// `NotFound` for an unknown défi; `Conflict(NO_SETTINGS)`; `Conflict(TEAMS_FROZEN)` when
    /// the set changes while the teams are frozen.
    async fn set_hackathon_defis(&self, event_id: Uuid, defis: &[Uuid]) -> StoreResult<()>;
    /// The gathered défis, by title.
    async fn hackathon_defis(&self, event_id: Uuid) -> StoreResult<Vec<crate::defis::DefiRow>>;
    /// The hackathons gathering a défi: (event id, event title, starts_at), latest first.
    async fn hackathons_of_defi(
        &self,
        defi_id: Uuid,
    ) -> StoreResult<Vec<(Uuid, String, DateTime<Utc>)>>;
    /// Adds the person as a participant, or rewrites their attributes. `Conflict(NO_SETTINGS)`;
    /// `NotFound` for an unknown person or structure.
    async fn join_hackathon(
        &self,
        event_id: Uuid,
        person_id: Uuid,
        a: &Attributes,
        at: DateTime<Utc>,
    ) -> StoreResult<Participant>;
    /// Removes the participant and their team membership. `NotFound` when not a participant.
    async fn leave_hackathon(&self, event_id: Uuid, person_id: Uuid) -> StoreResult<()>;
    /// By name.
    async fn participants(&self, event_id: Uuid) -> StoreResult<Vec<Participant>>;
    async fn participant(
        &self,
        event_id: Uuid,
        person_id: Uuid,
    ) -> StoreResult<Option<Participant>>;
    /// Replaces the teams (see the module's guarantees); `seed` is recorded when the teams come
    /// from the planner (None for a hand adjustment, which keeps the recorded one). Returns the
    /// teams as `teams` does. `Conflict(TEAMS_FROZEN)` once the jury has scored, results are
    /// published or a team is in incubation.
    async fn replace_teams(
        &self,
        event_id: Uuid,
        teams: &[TeamSetup],
        seed: Option<i64>,
        at: DateTime<Utc>,
    ) -> StoreResult<Vec<Team>>;
    /// Whether the teams are frozen (see `conflict::TEAMS_FROZEN`).
    async fn hackathon_teams_frozen(&self, event_id: Uuid) -> StoreResult<bool>;
    /// By number, members by name.
    async fn teams(&self, event_id: Uuid) -> StoreResult<Vec<Team>>;
    async fn team(&self, team_id: Uuid) -> StoreResult<Option<Team>>;
    /// Whether participants see the teams. `Conflict(NO_SETTINGS)`.
    async fn publish_teams(
        &self,
        event_id: Uuid,
        published: bool,
        at: DateTime<Utc>,
    ) -> StoreResult<HackathonRow>;
    async fn update_workspace(
        &self,
        team_id: Uuid,
        w: &Workspace,
        at: DateTime<Utc>,
    ) -> StoreResult<Team>;
    /// A person's participations (their data export), with the events' titles, oldest first.
    async fn participations_of(&self, person_id: Uuid) -> StoreResult<Vec<(Participant, String)>>;
    /// The teams a person is a member of, coaches or designs for, with the events' titles.
    async fn teams_of(&self, person_id: Uuid) -> StoreResult<Vec<(TeamRow, String)>>;
}
