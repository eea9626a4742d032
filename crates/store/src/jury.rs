//! The jury of a hackathon: weighted criteria, jurors named by the organisers, scores, and the
//! publication of the results.
//!
//! What the store guarantees: a juror's scores of one team are written in one transaction,
//! all criteria at once, replacing the previous ones; inside that transaction the juror is
//! checked to be a juror of the hackathon, the team to be one of its teams, every value to lie
//! within its criterion's scale and, with the ties read again from the database, the juror
//! not to be in conflict with the team (`domain::jury::conflict`); every early return rolls its
//! transaction back explicitly. Removing a juror removes their scores. While results are
//! published, scores, criteria and jurors are frozen (`RESULTS_PUBLISHED`), and criteria are
//! fixed once any score exists (`CRITERIA_SCORED`); both are checked inside the writing
//! transaction, under the hackathon's lock (PostgreSQL) or the write lock (SQLite), which
//! publication takes too.

use crate::StoreResult;
use chrono::{DateTime, Utc};
use essaim_domain::jury::{Criterion, TeamTies};
use std::collections::{BTreeMap, BTreeSet};
use uuid::Uuid;

/// The named refusals (`StoreError::Conflict`), also the message ids shown to people.
pub mod conflict {
    pub const ALREADY_JUROR: &str = "jury-already-juror";
    /// The juror is in the team.
    pub const OWN_TEAM: &str = "jury-conflict-own_team";
    /// The juror coaches the team, or is its designer.
    pub const COACH: &str = "jury-conflict-coach";
    pub const DESIGNER: &str = "jury-conflict-designer";
    /// A member of the team belongs to a structure of the juror.
    pub const MEMBER: &str = "jury-conflict-member";
    pub const DEFI_OWNER: &str = "jury-conflict-defi_owner";
    pub const DEFI_SPONSOR: &str = "jury-conflict-defi_sponsor";
    /// A value outside its scale, a criterion missing or unknown.
    pub const SCORES_INVALID: &str = "jury-scores-invalid";
    /// Scoring needs at least one criterion.
    pub const NO_CRITERIA: &str = "jury-no-criteria";
    /// Published results stand as published: no score, criterion or juror changes until the
    /// organisers withdraw them.
    pub const RESULTS_PUBLISHED: &str = "jury-results-published";
    /// Criteria are fixed once a score exists, so every juror is weighed on the same ones.
    pub const CRITERIA_SCORED: &str = "jury-criteria-scored";

    /// The refusal of a conflict's reason.
    pub fn of(reason: essaim_domain::jury::ConflictReason) -> &'static str {
        use essaim_domain::jury::ConflictReason as R;
        match reason {
            R::OwnTeam => OWN_TEAM,
            R::Coach => COACH,
            R::Designer => DESIGNER,
            R::Member => MEMBER,
            R::DefiOwner => DEFI_OWNER,
            R::DefiSponsor => DEFI_SPONSOR,
        }
    }
}

pub const CRITERION_SELECT: &str = "SELECT c.id, c.event_id, c.position, c.name, c.description,
    c.weight, c.scale_min, c.scale_max, c.created_at FROM jury_criteria c";

pub const JUROR_SELECT: &str = "SELECT j.event_id, j.person_id, p.display_name AS person_name,
    p.email, j.added_at FROM jury_jurors j JOIN people p ON p.id = j.person_id";

pub const SCORE_SELECT: &str = "SELECT s.event_id, s.team_id, s.juror_id, s.criterion_id,
    s.value, s.comment, s.scored_at FROM jury_scores s";

/// The structures of a person for a hackathon: their memberships and their declared
/// participant structure. Binds: $1 person, $2 event.
pub const JUROR_STRUCTURES: &str = "SELECT structure_id FROM structure_members
    WHERE person_id = $1
    UNION SELECT structure_id FROM hackathon_participants
    WHERE person_id = $1 AND event_id = $2 AND structure_id IS NOT NULL";

/// (team, person, structure or NULL, role) of every member, coach and designer of the
/// hackathon's teams: one row per person and declared structure or membership, and one row
/// with NULL for the person alone. `role` is `member`, `coach` or `designer`. Binds: $1 event.
pub const MEMBER_STRUCTURES: &str = "WITH around AS (
        SELECT m.team_id, m.person_id, 'member' AS role
        FROM hackathon_team_members m WHERE m.event_id = $1
        UNION ALL SELECT t.id, t.coach_id, 'coach'
        FROM hackathon_teams t WHERE t.event_id = $1 AND t.coach_id IS NOT NULL
        UNION ALL SELECT t.id, t.designer_id, 'designer'
        FROM hackathon_teams t WHERE t.event_id = $1 AND t.designer_id IS NOT NULL)
    SELECT a.team_id, a.person_id, sm.structure_id, a.role
    FROM around a JOIN structure_members sm ON sm.person_id = a.person_id
    UNION SELECT a.team_id, a.person_id, hp.structure_id, a.role
    FROM around a JOIN hackathon_participants hp
        ON hp.event_id = $1 AND hp.person_id = a.person_id
    WHERE hp.structure_id IS NOT NULL
    UNION SELECT a.team_id, a.person_id, NULL, a.role FROM around a";

/// (team, structure, role) of the owners and sponsors of the teams' défis. Binds: $1 event.
pub const DEFI_STRUCTURES: &str = "SELECT t.id, ds.structure_id, ds.role
    FROM hackathon_teams t JOIN defi_structures ds ON ds.defi_id = t.defi_id
    WHERE t.event_id = $1";

#[derive(Debug, Clone, PartialEq, Eq, sqlx::FromRow)]
pub struct CriterionRow {
    pub id: Uuid,
    pub event_id: Uuid,
    pub position: i64,
    pub name: String,
    pub description: String,
    pub weight: i64,
    pub scale_min: i64,
    pub scale_max: i64,
    pub created_at: DateTime<Utc>,
}

impl CriterionRow {
    pub fn rule(&self) -> Criterion {
        Criterion {
            id: self.id,
            weight: self.weight,
            scale_min: self.scale_min,
            scale_max: self.scale_max,
        }
    }
}

#[derive(Debug, Clone)]
pub struct NewCriterion {
    pub id: Uuid,
    pub event_id: Uuid,
    pub name: String,
    pub description: String,
    pub weight: i64,
    pub scale_min: i64,
    pub scale_max: i64,
    pub at: DateTime<Utc>,
}

#[derive(Debug, Clone, PartialEq, Eq, sqlx::FromRow)]
pub struct JurorRow {
    pub event_id: Uuid,
    pub person_id: Uuid,
    pub person_name: String,
    pub email: String,
    pub added_at: DateTime<Utc>,
}

#[derive(Debug, Clone, PartialEq, Eq, sqlx::FromRow)]
pub struct ScoreRow {
    pub event_id: Uuid,
    pub team_id: Uuid,
    pub juror_id: Uuid,
    pub criterion_id: Uuid,
    pub value: i64,
    pub comment: String,
    pub scored_at: DateTime<Utc>,
}

/// A juror's scores of one team: every criterion, with a comment each.
#[derive(Debug, Clone)]
pub struct ScoreSheet {
    pub event_id: Uuid,
    pub team_id: Uuid,
    pub juror_id: Uuid,
    /// (criterion, value, comment).
    pub values: Vec<(Uuid, i64, String)>,
    pub at: DateTime<Utc>,
}

#[derive(Debug, Clone, PartialEq, Eq, sqlx::FromRow)]
pub struct ResultsRow {
    pub event_id: Uuid,
    pub normalised: bool,
    pub published_at: DateTime<Utc>,
    pub published_by: Option<Uuid>,
}

/// A score a person gave, for their data export.
#[derive(Debug, Clone, PartialEq, Eq, sqlx::FromRow)]
pub struct GivenScore {
    pub event_title: String,
    pub team_number: i64,
    pub criterion: String,
    pub value: i64,
    pub comment: String,
    pub scored_at: DateTime<Utc>,
}

/// A person's jury and incubation data (their export): the scores they gave, and the
/// incubation updates they wrote with the hackathon's title and the team's number.
pub type JuryData = (
    Vec<GivenScore>,
    Vec<(crate::incubation::UpdateRow, String, i64)>,
);

/// What ties a juror and the teams of a hackathon to structures.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Ties {
    pub juror: BTreeSet<Uuid>,
    /// Every team of the hackathon (teams without members or défi too).
    pub teams: BTreeMap<Uuid, TeamTies>,
}

impl Ties {
    /// Assembles the ties from the rows of `JUROR_STRUCTURES`, `MEMBER_STRUCTURES` and
    /// `DEFI_STRUCTURES`, for the `teams` listed.
    pub fn from_rows(
        teams: &[Uuid],
        juror: Vec<Uuid>,
        members: Vec<(Uuid, Uuid, Option<Uuid>, String)>,
        defis: Vec<(Uuid, Uuid, String)>,
    ) -> Ties {
        let mut t: BTreeMap<Uuid, TeamTies> =
            teams.iter().map(|id| (*id, TeamTies::default())).collect();
        for (team, person, structure, role) in members {
            if let Some(tt) = t.get_mut(&team) {
                match role.as_str() {
                    "coach" => tt.coach = Some(person),
                    "designer" => tt.designer = Some(person),
                    _ => {
                        tt.people.insert(person);
                    }
                }
                if let Some(s) = structure {
                    tt.members.insert(s);
                }
            }
        }
        for (team, structure, role) in defis {
            if let Some(tt) = t.get_mut(&team) {
                if role == "owner" {
                    tt.defi_owners.insert(structure);
                } else {
                    tt.defi_sponsors.insert(structure);
                }
            }
        }
        Ties {
            juror: juror.into_iter().collect(),
            teams: t,
        }
    }
}

/// Storage of this context. Implemented by both backends.
#[async_trait::async_trait]
pub trait JuryStore: Send + Sync {
    /// Adds a criterion at the end. `NotFound` when the hackathon has no settings;
    /// `Conflict(RESULTS_PUBLISHED | CRITERIA_SCORED)`.
    async fn add_jury_criterion(&self, c: &NewCriterion) -> StoreResult<CriterionRow>;
    /// Removes a criterion of the hackathon. `NotFound`;
    /// `Conflict(RESULTS_PUBLISHED | CRITERIA_SCORED)`.
    async fn delete_jury_criterion(&self, event_id: Uuid, id: Uuid) -> StoreResult<()>;
    /// In order.
    async fn jury_criteria(&self, event_id: Uuid) -> StoreResult<Vec<CriterionRow>>;
    /// `Conflict(ALREADY_JUROR)`; `NotFound` for an unknown person or hackathon.
    async fn add_juror(
        &self,
        event_id: Uuid,
        person_id: Uuid,
        at: DateTime<Utc>,
    ) -> StoreResult<JurorRow>;
    /// Removes the juror and their scores. `NotFound`; `Conflict(RESULTS_PUBLISHED)`.
    async fn remove_juror(&self, event_id: Uuid, person_id: Uuid) -> StoreResult<()>;
    /// By name.
    async fn jurors(&self, event_id: Uuid) -> StoreResult<Vec<JurorRow>>;
    async fn is_juror(&self, event_id: Uuid, person_id: Uuid) -> StoreResult<bool>;
    /// What ties the person and every team of the hackathon to structures.
    async fn jury_ties(&self, event_id: Uuid, person_id: Uuid) -> StoreResult<Ties>;
    /// Writes a juror's scores of a team (see the module's guarantees). Refusals: `NotFound`
    /// (not a juror, not a team of the hackathon),
    /// `Conflict(RESULTS_PUBLISHED | NO_CRITERIA | SCORES_INVALID)`,
    /// `Conflict(OWN_TEAM | COACH | DESIGNER | MEMBER | DEFI_OWNER | DEFI_SPONSOR)`.
    async fn save_jury_scores(&self, sheet: &ScoreSheet) -> StoreResult<Vec<ScoreRow>>;
    /// Every score of the hackathon.
    async fn jury_scores(&self, event_id: Uuid) -> StoreResult<Vec<ScoreRow>>;
    /// Publishes (or republishes) the results. `NotFound` when the hackathon has no settings.
    async fn publish_jury_results(
        &self,
        event_id: Uuid,
        normalised: bool,
        by: Uuid,
        at: DateTime<Utc>,
    ) -> StoreResult<ResultsRow>;
    /// Withdraws the results; false when they were not published.
    async fn unpublish_jury_results(&self, event_id: Uuid) -> StoreResult<bool>;
    async fn jury_results(&self, event_id: Uuid) -> StoreResult<Option<ResultsRow>>;
    /// The scores a person gave (their data export), oldest first.
    async fn jury_scores_given_by(&self, person_id: Uuid) -> StoreResult<Vec<GivenScore>>;
}
