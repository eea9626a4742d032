//! Incubation of a hackathon's winning teams: the milestone plan, status updates, the closure
//! and the draft initiative made of the solution, linked to the team's défi.
//!
//! What the store guarantees: one incubation per team; its défi is the team's défi when it
//! entered incubation; a milestone's due date lies within the plan and nothing but reading
//! is allowed once the incubation is closed (both checked inside the writing transaction);
//! the initiative is linked once (compare-and-set on an empty link); every early return rolls
//! its transaction back explicitly.

use crate::StoreResult;
use chrono::{DateTime, NaiveDate, Utc};
use uuid::Uuid;

/// The named refusals (`StoreError::Conflict`), also the message ids shown to people.
pub mod conflict {
    /// The team is already in incubation.
    pub const ALREADY: &str = "incubation-already";
    pub const CLOSED: &str = "incubation-closed-refusal";
    pub const INITIATIVE_LINKED: &str = "incubation-initiative-linked";
    pub const DUE_OUTSIDE_PLAN: &str = "incubation-due-outside-plan";
}

pub const INCUBATION_SELECT: &str = "SELECT i.id, i.team_id, i.event_id,
    e.title AS event_title, t.number AS team_number, t.name AS team_name,
    t.solution_title, t.pitch, i.defi_id, d.title AS defi_title, i.starts_on, i.ends_on,
    i.status, i.outcome, i.outcome_summary, i.closed_at, i.initiative_id, i.created_by,
    i.created_at, i.updated_at
    FROM incubations i JOIN hackathon_teams t ON t.id = i.team_id
    JOIN events e ON e.id = i.event_id LEFT JOIN defis d ON d.id = i.defi_id";

/// Who follows an incubation besides administrators, one query: a member of the team, its
/// coach or designer, a manager of an organiser structure of the hackathon (the rule of
/// `web::events::can_manage`). Binds: $1 person, $2 all (administrators).
pub const FOLLOWED_BY: &str = "($2 OR t.coach_id = $1 OR t.designer_id = $1
    OR EXISTS (SELECT 1 FROM hackathon_team_members m
        WHERE m.team_id = i.team_id AND m.person_id = $1)
    OR EXISTS (SELECT 1 FROM event_organisers o JOIN structure_members sm
        ON sm.structure_id = o.structure_id
        WHERE o.event_id = i.event_id AND sm.person_id = $1 AND sm.role = 'manager'))";

pub const MILESTONE_SELECT: &str = "SELECT m.id, m.incubation_id, m.title, m.due_on, m.status,
    m.created_at, m.updated_at FROM incubation_milestones m";

pub const UPDATE_SELECT: &str = "SELECT u.id, u.incubation_id, u.author_id,
    p.display_name AS author_name, u.body, u.created_at
    FROM incubation_updates u LEFT JOIN people p ON p.id = u.author_id";

#[derive(Debug, Clone, PartialEq, Eq, sqlx::FromRow)]
pub struct IncubationRow {
    pub id: Uuid,
    pub team_id: Uuid,
    pub event_id: Uuid,
    pub event_title: String,
    pub team_number: i64,
    pub team_name: String,
    pub solution_title: String,
    pub pitch: String,
    pub defi_id: Option<Uuid>,
    pub defi_title: Option<String>,
    pub starts_on: NaiveDate,
    pub ends_on: NaiveDate,
    /// "active" or "closed".
    pub status: String,
    /// "continued", "pivoted" or "stopped" once closed.
    pub outcome: Option<String>,
    pub outcome_summary: String,
    pub closed_at: Option<DateTime<Utc>>,
    pub initiative_id: Option<Uuid>,
    pub created_by: Option<Uuid>,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
}

impl IncubationRow {
    pub fn is_closed(&self) -> bool {
        self.status == "closed"
    }
}

#[derive(Debug, Clone, PartialEq, Eq, sqlx::FromRow)]
pub struct MilestoneRow {
    pub id: Uuid,
    pub incubation_id: Uuid,
    pub title: String,
    pub due_on: NaiveDate,
    /// "todo", "in_progress" or "done".
    pub status: String,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
}

#[derive(Debug, Clone, PartialEq, Eq, sqlx::FromRow)]
pub struct UpdateRow {
    pub id: Uuid,
    pub incubation_id: Uuid,
    pub author_id: Option<Uuid>,
    pub author_name: Option<String>,
    pub body: String,
    pub created_at: DateTime<Utc>,
}

/// A milestone to write.
#[derive(Debug, Clone)]
pub struct MilestoneFields {
    pub title: String,
    pub due_on: NaiveDate,
    pub status: String,
}

#[derive(Debug, Clone)]
pub struct NewIncubation {
    pub id: Uuid,
    pub team_id: Uuid,
    pub starts_on: NaiveDate,
    pub ends_on: NaiveDate,
    /// The initial plan: (id, fields).
    pub milestones: Vec<(Uuid, MilestoneFields)>,
    pub created_by: Uuid,
    pub at: DateTime<Utc>,
}

/// Storage of this context. Implemented by both backends.
#[async_trait::async_trait]
pub trait IncubationStore: Send + Sync {
    /// Puts a team in incubation with its plan. `NotFound` for an unknown team;
    /// `Conflict(ALREADY | DUE_OUTSIDE_PLAN)`.
    async fn start_incubation(&self, n: &NewIncubation) -> StoreResult<IncubationRow>;
    async fn incubation(&self, id: Uuid) -> StoreResult<Option<IncubationRow>>;
    async fn incubation_of_team(&self, team_id: Uuid) -> StoreResult<Option<IncubationRow>>;
    /// Every incubation, or those of one hackathon; active first, then newest.
    async fn list_incubations(&self, event_id: Option<Uuid>) -> StoreResult<Vec<IncubationRow>>;
    /// The incubations a person follows (`FOLLOWED_BY`), or all of them for an administrator
    /// (`all`); in the order of `list_incubations`.
    async fn incubations_followed_by(
        &self,
        person_id: Uuid,
        all: bool,
    ) -> StoreResult<Vec<IncubationRow>>;
    /// By due date.
    async fn incubation_milestones(&self, incubation_id: Uuid) -> StoreResult<Vec<MilestoneRow>>;
    /// `NotFound`; `Conflict(CLOSED | DUE_OUTSIDE_PLAN)`.
    async fn add_incubation_milestone(
        &self,
        incubation_id: Uuid,
        id: Uuid,
        m: &MilestoneFields,
        at: DateTime<Utc>,
    ) -> StoreResult<MilestoneRow>;
    /// `NotFound` (also for a milestone of another incubation); `Conflict(CLOSED |
    /// DUE_OUTSIDE_PLAN)`.
    async fn update_incubation_milestone(
        &self,
        incubation_id: Uuid,
        id: Uuid,
        m: &MilestoneFields,
        at: DateTime<Utc>,
    ) -> StoreResult<MilestoneRow>;
    /// `NotFound`; `Conflict(CLOSED)`.
    async fn add_incubation_update(
        &self,
        incubation_id: Uuid,
        id: Uuid,
        author_id: Uuid,
        body: &str,
        at: DateTime<Utc>,
    ) -> StoreResult<UpdateRow>;
    /// Newest first.
    async fn incubation_updates(&self, incubation_id: Uuid) -> StoreResult<Vec<UpdateRow>>;
    /// `NotFound`; `Conflict(CLOSED)`.
    async fn close_incubation(
        &self,
        id: Uuid,
        outcome: &str,
        summary: &str,
        at: DateTime<Utc>,
    ) -> StoreResult<IncubationRow>;
    /// Links the initiative made of the solution, once. `NotFound`;
    /// `Conflict(INITIATIVE_LINKED)`.
    async fn link_incubation_initiative(
        &self,
        id: Uuid,
        initiative_id: Uuid,
        at: DateTime<Utc>,
    ) -> StoreResult<IncubationRow>;
    /// The incubations coming from a défi (for its page), newest first.
    async fn incubations_of_defi(&self, defi_id: Uuid) -> StoreResult<Vec<IncubationRow>>;
    /// The incubation an initiative was made from.
    async fn incubation_of_initiative(
        &self,
        initiative_id: Uuid,
    ) -> StoreResult<Option<IncubationRow>>;
    /// The updates a person wrote (their data export), oldest first, with the incubation's
    /// event title and team number.
    async fn updates_written_by(
        &self,
        person_id: Uuid,
    ) -> StoreResult<Vec<(UpdateRow, String, i64)>>;
}
