//! Hackathons through the API: the settings and gathered défis (read by anyone, written by the
//! organisers), the participants with their attributes (organisers only; 404 for anybody
//! else), the caller's own participation, the teams (organisers, and everyone once published),
//! their formation by the planner and publication (organisers), and a team's workspace. The
//! rules are the pages' (`crate::hackathons`).

use super::ApiJson;
use crate::auth::{ClientIp, MaybeUser, User};
use crate::error::AppError;
use crate::events::EditFailure;
use crate::hackathons as rules;
use crate::state::AppState;
use axum::extract::{Path, State};
use axum::routing::{get, post, put};
use axum::{Json, Router};
use chrono::{DateTime, Utc};
use essaim_domain::hackathons::{ParticipantInput, WorkspaceInput};
use essaim_store::events::EventRow;
use essaim_store::hackathons::{Participant, Team};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;
use uuid::Uuid;

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/events/{id}/hackathon", get(settings).put(save_settings))
        .route("/events/{id}/hackathon/participants", get(participants))
        .route("/events/{id}/hackathon/participation", put(participate))
        .route("/events/{id}/hackathon/teams", get(teams).post(form_teams))
        .route("/events/{id}/hackathon/teams/publication", post(publish))
        .route(
            "/events/{id}/hackathon/teams/{team}/workspace",
            put(workspace),
        )
}

fn failure(e: EditFailure) -> AppError {
    match e {
        EditFailure::Invalid(f) => AppError::Invalid(f),
        EditFailure::App(e) => e,
    }
}

#[derive(Serialize, ToSchema)]
pub struct DefiRef {
    id: Uuid,
    title: String,
}

#[derive(Serialize, ToSchema)]
pub struct HackathonOut {
    event_id: Uuid,
    team_size: i64,
    teams_published: bool,
    /// The planner's seed of the last formation.
    teams_seed: Option<i64>,
    defis: Vec<DefiRef>,
}

/// `manager`: whether the caller organises the hackathon (a défi set back to draft is shown
/// to them only).
async fn settings_out(
    state: &AppState,
    e: &EventRow,
    manager: bool,
) -> Result<HackathonOut, AppError> {
    let event_id = e.id;
    let h = state
        .store
        .get_hackathon(event_id)
        .await?
        .ok_or(AppError::NotFound)?;
    let defis = rules::visible_defis(state, e, manager)
        .await?
        .into_iter()
        .map(|d| DefiRef {
            id: d.id,
            title: d.title,
        })
        .collect();
    Ok(HackathonOut {
        event_id,
        team_size: h.team_size,
        teams_published: h.teams_published,
        teams_seed: h.teams_seed,
        defis,
    })
}

/// The hackathon's settings and défis (404 when the event is no hackathon or has none).
#[utoipa::path(get, path = "/api/v1/events/{id}/hackathon", tag = "hackathons",
    responses((status = 200, body = HackathonOut), (status = 404, body = super::openapi::ErrorBody)))]
pub async fn settings(
    State(state): State<AppState>,
    MaybeUser(user): MaybeUser,
    Path(id): Path<Uuid>,
) -> Result<Json<HackathonOut>, AppError> {
    let e = rules::event(&state, id).await?;
    let manager = rules::is_manager(&state, &e, user.as_ref().map(|u| &u.person)).await?;
    Ok(Json(settings_out(&state, &e, manager).await?))
}

#[derive(Deserialize, ToSchema)]
pub struct SettingsIn {
    /// 2 to 12.
    team_size: i64,
    #[serde(default)]
    defis: Vec<Uuid>,
}

/// Sets the team size and the défis (organisers; 404 for anybody else). The event must last
/// three days at most (422 `hackathons_over_three_days`).
#[utoipa::path(put, path = "/api/v1/events/{id}/hackathon", tag = "hackathons", security(("bearer" = [])),
    request_body = SettingsIn,
    responses((status = 200, body = HackathonOut), (status = 404, body = super::openapi::ErrorBody),
        (status = 422, body = super::openapi::ErrorBody)))]
pub async fn save_settings(
    State(state): State<AppState>,
    user: User,
    Path(id): Path<Uuid>,
    ApiJson(body): ApiJson<SettingsIn>,
) -> Result<Json<HackathonOut>, AppError> {
    let person = user.confirmed()?;
    let e = rules::managed(&state, id, person).await?;
    rules::save_settings(&state, person, &e, &body.team_size.to_string(), &body.defis)
        .await
        .map_err(failure)?;
    Ok(Json(settings_out(&state, &e, true).await?))
}

#[derive(Serialize, ToSchema)]
pub struct ParticipantOut {
    person_id: Uuid,
    name: String,
    structure_id: Option<Uuid>,
    structure_name: Option<String>,
    /// public, prive, associatif, citoyen, or empty.
    sector: String,
    age_band: String,
    skills: String,
    joined_at: DateTime<Utc>,
}

impl From<&Participant> for ParticipantOut {
    fn from(p: &Participant) -> Self {
        ParticipantOut {
            person_id: p.person_id,
            name: p.person_name.clone(),
            structure_id: p.structure_id,
            structure_name: p.structure_name.clone(),
            sector: p.sector.clone(),
            age_band: p.age_band.clone(),
            skills: p.skills.clone(),
            joined_at: p.created_at,
        }
    }
}

#[derive(Serialize, ToSchema)]
pub struct ParticipantList {
    items: Vec<ParticipantOut>,
}

/// The participants and their attributes (organisers only; 404 for anybody else).
#[utoipa::path(get, path = "/api/v1/events/{id}/hackathon/participants", tag = "hackathons",
    security(("bearer" = [])),
    responses((status = 200, body = ParticipantList), (status = 404, body = super::openapi::ErrorBody)))]
pub async fn participants(
    State(state): State<AppState>,
    user: User,
    Path(id): Path<Uuid>,
) -> Result<Json<ParticipantList>, AppError> {
    let person = user.confirmed()?;
    let e = rules::managed(&state, id, person).await?;
    let items = state
        .store
        .participants(e.id)
        .await?
        .iter()
        .map(Into::into)
        .collect();
    Ok(Json(ParticipantList { items }))
}

#[derive(Deserialize, ToSchema)]
pub struct ParticipationIn {
    /// One of the caller's structures, or none.
    #[serde(default)]
    structure_id: Option<Uuid>,
    #[serde(default)]
    sector: String,
    #[serde(default)]
    age_band: String,
    #[serde(default)]
    skills: String,
}

/// Records the caller's attributes (a confirmed registration to the event is needed: 409).
#[utoipa::path(put, path = "/api/v1/events/{id}/hackathon/participation", tag = "hackathons",
    security(("bearer" = [])), request_body = ParticipationIn,
    responses((status = 200, body = ParticipantOut), (status = 404, body = super::openapi::ErrorBody),
        (status = 409, body = super::openapi::ErrorBody), (status = 422, body = super::openapi::ErrorBody)))]
pub async fn participate(
    State(state): State<AppState>,
    user: User,
    Path(id): Path<Uuid>,
    ApiJson(body): ApiJson<ParticipationIn>,
) -> Result<Json<ParticipantOut>, AppError> {
    let person = user.confirmed()?;
    let e = rules::event(&state, id).await?;
    let input = ParticipantInput {
        sector: body.sector,
        age_band: body.age_band,
        skills: body.skills,
    };
    let p = rules::join(&state, &e, person, body.structure_id, &input)
        .await
        .map_err(failure)?;
    Ok(Json((&p).into()))
}

#[derive(Serialize, ToSchema)]
pub struct MemberOut {
    person_id: Uuid,
    name: String,
    structure_name: Option<String>,
}

#[derive(Serialize, ToSchema)]
pub struct TeamOut {
    id: Uuid,
    number: i64,
    name: String,
    defi_id: Option<Uuid>,
    coach_id: Option<Uuid>,
    designer_id: Option<Uuid>,
    members: Vec<MemberOut>,
    solution_title: String,
    /// Markdown.
    pitch: String,
    /// https links.
    prototype_links: Vec<String>,
    deliverables: String,
}

impl From<&Team> for TeamOut {
    fn from(t: &Team) -> Self {
        TeamOut {
            id: t.row.id,
            number: t.row.number,
            name: t.row.name.clone(),
            defi_id: t.row.defi_id,
            coach_id: t.row.coach_id,
            designer_id: t.row.designer_id,
            members: t
                .members
                .iter()
                .map(|m| MemberOut {
                    person_id: m.person_id,
                    name: m.person_name.clone(),
                    structure_name: m.structure_name.clone(),
                })
                .collect(),
            solution_title: t.row.solution_title.clone(),
            pitch: t.row.pitch.clone(),
            prototype_links: t.row.prototype_links.lines().map(str::to_owned).collect(),
            deliverables: t.row.deliverables.clone(),
        }
    }
}

#[derive(Serialize, ToSchema)]
pub struct TeamList {
    items: Vec<TeamOut>,
}

/// The teams (organisers; everyone once published; 404 otherwise).
#[utoipa::path(get, path = "/api/v1/events/{id}/hackathon/teams", tag = "hackathons",
    responses((status = 200, body = TeamList), (status = 404, body = super::openapi::ErrorBody)))]
pub async fn teams(
    State(state): State<AppState>,
    MaybeUser(user): MaybeUser,
    Path(id): Path<Uuid>,
) -> Result<Json<TeamList>, AppError> {
    let e = rules::event(&state, id).await?;
    let person = user.as_ref().map(|u| &u.person);
    let h = state
        .store
        .get_hackathon(e.id)
        .await?
        .ok_or(AppError::NotFound)?;
    if !rules::can_see_teams(&state, &e, &h, person).await? {
        return Err(AppError::NotFound);
    }
    let mut teams = state.store.teams(e.id).await?;
    let manager = rules::is_manager(&state, &e, person).await?;
    rules::hide_draft_defis(&state, &e, manager, &mut teams).await?;
    let items = teams.iter().map(Into::into).collect();
    Ok(Json(TeamList { items }))
}

#[derive(Deserialize, ToSchema)]
pub struct FormationIn {
    /// The planner's seed, to replay a formation; drawn when absent.
    #[serde(default)]
    seed: Option<u64>,
}

/// Forms the teams with the planner (organisers; 404 for anybody else; 409 with fewer than
/// two participants, and `hackathons-teams-frozen` once the jury has scored, results are
/// published or a team is in incubation; 429 past 30 formations an hour).
#[utoipa::path(post, path = "/api/v1/events/{id}/hackathon/teams", tag = "hackathons",
    security(("bearer" = [])), request_body = FormationIn,
    responses((status = 200, body = TeamList), (status = 404, body = super::openapi::ErrorBody),
        (status = 409, body = super::openapi::ErrorBody)))]
pub async fn form_teams(
    State(state): State<AppState>,
    user: User,
    Path(id): Path<Uuid>,
    ApiJson(body): ApiJson<FormationIn>,
) -> Result<Json<TeamList>, AppError> {
    let person = user.confirmed()?;
    let e = rules::managed(&state, id, person).await?;
    let teams = rules::form(&state, person, &e, body.seed).await?;
    Ok(Json(TeamList {
        items: teams.iter().map(Into::into).collect(),
    }))
}

#[derive(Deserialize, ToSchema)]
pub struct PublicationIn {
    published: bool,
}

/// Publishes (or withdraws) the teams (organisers; 404 for anybody else).
#[utoipa::path(post, path = "/api/v1/events/{id}/hackathon/teams/publication", tag = "hackathons",
    security(("bearer" = [])), request_body = PublicationIn,
    responses((status = 200, body = HackathonOut), (status = 404, body = super::openapi::ErrorBody)))]
pub async fn publish(
    State(state): State<AppState>,
    user: User,
    ClientIp(ip): ClientIp,
    Path(id): Path<Uuid>,
    ApiJson(body): ApiJson<PublicationIn>,
) -> Result<Json<HackathonOut>, AppError> {
    let person = user.confirmed()?;
    let e = rules::managed(&state, id, person).await?;
    rules::publish(&state, person, &e, body.published, Some(&ip)).await?;
    Ok(Json(settings_out(&state, &e, true).await?))
}

#[derive(Deserialize, ToSchema)]
pub struct WorkspaceIn {
    #[serde(default)]
    solution_title: String,
    #[serde(default)]
    pitch: String,
    /// https links, one per line.
    #[serde(default)]
    prototype_links: String,
    #[serde(default)]
    deliverables: String,
}

/// Rewrites a team's workspace (its members, coach, designer once published, and the
/// organisers; 404 for anybody else).
#[utoipa::path(put, path = "/api/v1/events/{id}/hackathon/teams/{team}/workspace", tag = "hackathons",
    security(("bearer" = [])), request_body = WorkspaceIn,
    responses((status = 200, body = TeamOut), (status = 404, body = super::openapi::ErrorBody),
        (status = 422, body = super::openapi::ErrorBody)))]
pub async fn workspace(
    State(state): State<AppState>,
    user: User,
    Path((id, team)): Path<(Uuid, Uuid)>,
    ApiJson(body): ApiJson<WorkspaceIn>,
) -> Result<Json<TeamOut>, AppError> {
    let person = user.confirmed()?;
    let e = rules::event(&state, id).await?;
    let (h, team) = rules::visible_team(&state, &e, team, Some(person)).await?;
    if !rules::can_edit_workspace(&state, &e, &h, &team, Some(person)).await? {
        return Err(AppError::NotFound);
    }
    let input = WorkspaceInput {
        solution_title: body.solution_title,
        pitch: body.pitch,
        prototype_links: body.prototype_links,
        deliverables: body.deliverables,
    };
    let mut t = rules::save_workspace(&state, person, &team, &input)
        .await
        .map_err(failure)?;
    let manager = rules::is_manager(&state, &e, Some(person)).await?;
    rules::hide_draft_defis(&state, &e, manager, std::slice::from_mut(&mut t)).await?;
    Ok(Json((&t).into()))
}
