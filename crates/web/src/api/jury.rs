//! The hackathon jury and incubations through the API: criteria and jurors (organisers), a
//! juror's teams with their conflicts and their score sheet, the results (published ones for
//! everyone, both rankings for organisers) and their publication; incubations a person follows,
//! one incubation with its plan and updates, an update, a milestone added or changed. The rules
//! are the pages' (`crate::jury`).

use super::ApiJson;
use crate::auth::{ClientIp, MaybeUser, User};
use crate::error::AppError;
use crate::i18n::Locale;
use crate::jury::{self as rules, TypedSheet};
use crate::state::AppState;
use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use axum::routing::{get, post, put};
use axum::{Json, Router};
use chrono::{DateTime, NaiveDate, Utc};
use essaim_domain::incubation::MilestoneInput;
use essaim_domain::jury::{hundredths, CriterionInput, Ranking};
use essaim_store::incubation::{IncubationRow, MilestoneRow, UpdateRow};
use essaim_store::jury::CriterionRow;
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};
use uuid::Uuid;

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/events/{id}/hackathon/jury", get(jury))
        .route("/events/{id}/hackathon/jury/criteria", post(add_criterion))
        .route("/events/{id}/hackathon/jury/jurors", post(add_juror))
        .route("/events/{id}/hackathon/jury/teams", get(juror_teams))
        .route("/events/{id}/hackathon/jury/scores/{team}", put(score))
        .route("/events/{id}/hackathon/results", get(results))
        .route("/events/{id}/hackathon/results/publish", post(publish))
        .route("/incubations", get(incubations))
        .route("/incubations/{id}", get(incubation))
        .route("/incubations/{id}/updates", post(add_update))
        .route("/incubations/{id}/milestones", post(add_milestone))
        .route(
            "/incubations/{id}/milestones/{milestone}",
            put(edit_milestone),
        )
}

#[derive(Serialize, ToSchema)]
pub struct CriterionOut {
    id: Uuid,
    name: String,
    description: String,
    weight: i64,
    scale_min: i64,
    scale_max: i64,
}

impl From<CriterionRow> for CriterionOut {
    fn from(c: CriterionRow) -> Self {
        CriterionOut {
            id: c.id,
            name: c.name,
            description: c.description,
            weight: c.weight,
            scale_min: c.scale_min,
            scale_max: c.scale_max,
        }
    }
}

#[derive(Serialize, ToSchema)]
pub struct JurorOut {
    person_id: Uuid,
    name: String,
}

#[derive(Serialize, ToSchema)]
pub struct JuryOut {
    criteria: Vec<CriterionOut>,
    jurors: Vec<JurorOut>,
}

/// The jury of a hackathon (its organisers; 404 for anybody else).
#[utoipa::path(get, path = "/api/v1/events/{id}/hackathon/jury", tag = "jury", security(("bearer" = [])),
    responses((status = 200, body = JuryOut), (status = 404, body = super::openapi::ErrorBody)))]
pub async fn jury(
    State(state): State<AppState>,
    user: User,
    Path(id): Path<Uuid>,
) -> Result<Json<JuryOut>, AppError> {
    let person = user.confirmed()?;
    let e = rules::organised(&state, id, person).await?;
    Ok(Json(JuryOut {
        criteria: state
            .store
            .jury_criteria(e.id)
            .await?
            .into_iter()
            .map(Into::into)
            .collect(),
        jurors: state
            .store
            .jurors(e.id)
            .await?
            .into_iter()
            .map(|j| JurorOut {
                person_id: j.person_id,
                name: j.person_name,
            })
            .collect(),
    }))
}

#[derive(Deserialize, ToSchema)]
pub struct CriterionIn {
    name: String,
    #[serde(default)]
    description: String,
    /// 1 to 100.
    weight: i64,
    /// 0 ≤ scale_min < scale_max ≤ 100.
    scale_min: i64,
    scale_max: i64,
}

/// Adds a weighted criterion (organisers).
#[utoipa::path(post, path = "/api/v1/events/{id}/hackathon/jury/criteria", tag = "jury", security(("bearer" = [])),
    request_body = CriterionIn,
    responses((status = 201, body = CriterionOut), (status = 404, body = super::openapi::ErrorBody),
        (status = 422, body = super::openapi::ErrorBody)))]
pub async fn add_criterion(
    State(state): State<AppState>,
    user: User,
    Path(id): Path<Uuid>,
    ApiJson(body): ApiJson<CriterionIn>,
) -> Result<(StatusCode, Json<CriterionOut>), AppError> {
    let person = user.confirmed()?;
    let e = rules::organised(&state, id, person).await?;
    let input = CriterionInput {
        name: body.name,
        description: body.description,
        weight: body.weight.to_string(),
        scale_min: body.scale_min.to_string(),
        scale_max: body.scale_max.to_string(),
    };
    let c = rules::add_criterion(&state, &e, person, &input)
        .await
        .map_err(rules::Failure::into_app)?;
    Ok((StatusCode::CREATED, Json(c.into())))
}

#[derive(Deserialize, ToSchema)]
pub struct JurorIn {
    /// The e-mail address of an account.
    email: String,
}

/// Names a juror by e-mail address (organisers). The answer is the same whether the address
/// has an account or not (204); the jury's list shows who was added.
#[utoipa::path(post, path = "/api/v1/events/{id}/hackathon/jury/jurors", tag = "jury", security(("bearer" = [])),
    request_body = JurorIn,
    responses((status = 204), (status = 404, body = super::openapi::ErrorBody),
        (status = 422, body = super::openapi::ErrorBody)))]
pub async fn add_juror(
    State(state): State<AppState>,
    user: User,
    ClientIp(ip): ClientIp,
    Path(id): Path<Uuid>,
    ApiJson(body): ApiJson<JurorIn>,
) -> Result<StatusCode, AppError> {
    let person = user.confirmed()?;
    let e = rules::organised(&state, id, person).await?;
    rules::add_juror(&state, &e, person, &body.email, Some(&ip))
        .await
        .map_err(rules::Failure::into_app)?;
    Ok(StatusCode::NO_CONTENT)
}

#[derive(Serialize, ToSchema)]
pub struct JurorTeamOut {
    id: Uuid,
    number: i64,
    name: String,
    defi_id: Option<Uuid>,
    solution_title: String,
    scoreable: bool,
    /// own_team, coach, designer, member, defi_owner or defi_sponsor when not scoreable.
    conflict: Option<String>,
    /// The reason in words, in the caller's language.
    reason: Option<String>,
    scored: bool,
}

/// The teams as the calling juror sees them (jurors; 404 for anybody else).
#[utoipa::path(get, path = "/api/v1/events/{id}/hackathon/jury/teams", tag = "jury", security(("bearer" = [])),
    responses((status = 200, body = Vec<JurorTeamOut>), (status = 404, body = super::openapi::ErrorBody)))]
pub async fn juror_teams(
    State(state): State<AppState>,
    locale: Locale,
    user: User,
    Path(id): Path<Uuid>,
) -> Result<Json<Vec<JurorTeamOut>>, AppError> {
    let person = user.confirmed()?;
    let e = rules::judged(&state, id, person).await?;
    let mut out = vec![];
    for t in rules::juror_teams(&state, &e, person.id).await? {
        let reason = match &t.conflict {
            Some(c) => Some(rules::conflict_reason(&state, locale, c).await?),
            None => None,
        };
        out.push(JurorTeamOut {
            id: t.team.row.id,
            number: t.team.row.number,
            name: t.team.row.name.clone(),
            defi_id: t.team.row.defi_id,
            solution_title: t.team.row.solution_title.clone(),
            scoreable: t.conflict.is_none(),
            conflict: t.conflict.map(|c| c.reason.as_str().to_owned()),
            reason,
            scored: t.scored,
        });
    }
    Ok(Json(out))
}

#[derive(Deserialize, ToSchema)]
pub struct ScoreIn {
    criterion_id: Uuid,
    value: i64,
    #[serde(default)]
    comment: String,
}

/// Writes the calling juror's scores of a team, every criterion at once. 409 with the reason
/// for a team in conflict (nothing stored); 422 for a value outside its scale.
#[utoipa::path(put, path = "/api/v1/events/{id}/hackathon/jury/scores/{team}", tag = "jury", security(("bearer" = [])),
    request_body = Vec<ScoreIn>,
    responses((status = 204), (status = 404, body = super::openapi::ErrorBody),
        (status = 409, body = super::openapi::ErrorBody), (status = 422, body = super::openapi::ErrorBody)))]
pub async fn score(
    State(state): State<AppState>,
    user: User,
    Path((id, team)): Path<(Uuid, Uuid)>,
    ApiJson(body): ApiJson<Vec<ScoreIn>>,
) -> Result<StatusCode, AppError> {
    let person = user.confirmed()?;
    let e = rules::judged(&state, id, person).await?;
    let typed: TypedSheet = body
        .into_iter()
        .map(|s| (s.criterion_id, (s.value.to_string(), s.comment)))
        .collect();
    match rules::save_scores(&state, &e, person, team, &typed).await {
        Ok(()) => Ok(StatusCode::NO_CONTENT),
        Err(Ok(errors)) => Err(AppError::Unprocessable(
            errors
                .first()
                .map(|(_, i)| i.code)
                .unwrap_or("jury_score_invalid"),
        )),
        Err(Err(e)) => Err(e),
    }
}

#[derive(Serialize, ToSchema)]
pub struct RankedOut {
    team_id: Uuid,
    number: i64,
    name: String,
    /// 1-based; tied teams share it; none for a team nobody scored.
    rank: Option<usize>,
    /// Mean of the jurors' totals, 0 to 100, rounded to the hundredth.
    mean: Option<f64>,
    jurors: usize,
    fewer_jurors: bool,
    tied: bool,
}

#[derive(Serialize, ToSchema)]
pub struct TieOut {
    rank: usize,
    teams: Vec<Uuid>,
    mean: f64,
    same_jurors: bool,
}

#[derive(Serialize, ToSchema)]
pub struct RankingOut {
    normalised: bool,
    rows: Vec<RankedOut>,
    ties: Vec<TieOut>,
}

#[derive(Serialize, ToSchema)]
pub struct ResultsOut {
    published: bool,
    published_at: Option<DateTime<Utc>>,
    ranking: RankingOut,
}

#[derive(Deserialize, IntoParams)]
pub struct ResultsQuery {
    /// Organisers only: the normalised ranking (true) or the raw one (false) before or
    /// besides the published one.
    normalised: Option<bool>,
}

fn ranking_out(r: &Ranking, rk: &rules::Rankings, normalised: bool) -> RankingOut {
    RankingOut {
        normalised,
        rows: r
            .rows
            .iter()
            .map(|row| {
                let t = rk.teams.iter().find(|t| t.row.id == row.team);
                RankedOut {
                    team_id: row.team,
                    number: t.map_or(0, |t| t.row.number),
                    name: t.map(|t| t.row.name.clone()).unwrap_or_default(),
                    rank: row.rank,
                    mean: row.mean.map(|m| hundredths(m) as f64 / 100.0),
                    jurors: row.jurors,
                    fewer_jurors: row.fewer_jurors,
                    tied: row.tied,
                }
            })
            .collect(),
        ties: r
            .ties
            .iter()
            .map(|t| TieOut {
                rank: t.rank,
                teams: t.teams.clone(),
                mean: t.mean_hundredths as f64 / 100.0,
                same_jurors: t.same_jurors,
            })
            .collect(),
    }
}

/// The results: the published ranking for everyone (404 before publication); organisers see
/// either ranking at any time.
#[utoipa::path(get, path = "/api/v1/events/{id}/hackathon/results", tag = "jury", params(ResultsQuery),
    responses((status = 200, body = ResultsOut), (status = 404, body = super::openapi::ErrorBody)))]
pub async fn results(
    State(state): State<AppState>,
    MaybeUser(user): MaybeUser,
    Path(id): Path<Uuid>,
    Query(q): Query<ResultsQuery>,
) -> Result<Json<ResultsOut>, AppError> {
    let e = rules::hackathon(&state, id).await?;
    let organiser = match user.as_ref() {
        Some(u) => crate::events::can_manage(&state, &e, &u.person).await?,
        None => false,
    };
    let published = state.store.jury_results(e.id).await?;
    let normalised = match (&published, organiser) {
        (_, true) => q
            .normalised
            .unwrap_or(published.as_ref().is_some_and(|p| p.normalised)),
        (Some(p), false) => p.normalised,
        (None, false) => return Err(AppError::NotFound),
    };
    let rk = rules::rankings(&state, &e).await?;
    let r = if normalised { &rk.normalised } else { &rk.raw };
    Ok(Json(ResultsOut {
        published: published.is_some(),
        published_at: published.map(|p| p.published_at),
        ranking: ranking_out(r, &rk, normalised),
    }))
}

#[derive(Deserialize, ToSchema)]
pub struct PublishIn {
    #[serde(default)]
    normalised: bool,
}

/// Publishes the results (organisers).
#[utoipa::path(post, path = "/api/v1/events/{id}/hackathon/results/publish", tag = "jury", security(("bearer" = [])),
    request_body = PublishIn,
    responses((status = 204), (status = 404, body = super::openapi::ErrorBody)))]
pub async fn publish(
    State(state): State<AppState>,
    user: User,
    ClientIp(ip): ClientIp,
    Path(id): Path<Uuid>,
    ApiJson(body): ApiJson<PublishIn>,
) -> Result<StatusCode, AppError> {
    let person = user.confirmed()?;
    let e = rules::organised(&state, id, person).await?;
    rules::publish(&state, &e, person, body.normalised, Some(&ip)).await?;
    Ok(StatusCode::NO_CONTENT)
}

#[derive(Serialize, ToSchema)]
pub struct IncubationOut {
    id: Uuid,
    event_id: Uuid,
    team_id: Uuid,
    team_number: i64,
    solution_title: String,
    defi_id: Option<Uuid>,
    starts_on: NaiveDate,
    ends_on: NaiveDate,
    /// active or closed.
    status: String,
    /// continued, pivoted or stopped once closed.
    outcome: Option<String>,
    outcome_summary: String,
    /// The draft initiative made of the solution.
    initiative_id: Option<Uuid>,
}

impl From<&IncubationRow> for IncubationOut {
    fn from(i: &IncubationRow) -> Self {
        IncubationOut {
            id: i.id,
            event_id: i.event_id,
            team_id: i.team_id,
            team_number: i.team_number,
            solution_title: i.solution_title.clone(),
            defi_id: i.defi_id,
            starts_on: i.starts_on,
            ends_on: i.ends_on,
            status: i.status.clone(),
            outcome: i.outcome.clone(),
            outcome_summary: i.outcome_summary.clone(),
            initiative_id: i.initiative_id,
        }
    }
}

#[derive(Serialize, ToSchema)]
pub struct MilestoneOut {
    id: Uuid,
    title: String,
    due_on: NaiveDate,
    /// todo, in_progress or done.
    status: String,
}

impl From<MilestoneRow> for MilestoneOut {
    fn from(m: MilestoneRow) -> Self {
        MilestoneOut {
            id: m.id,
            title: m.title,
            due_on: m.due_on,
            status: m.status,
        }
    }
}

#[derive(Serialize, ToSchema)]
pub struct UpdateOut {
    author: Option<String>,
    body: String,
    created_at: DateTime<Utc>,
}

impl From<UpdateRow> for UpdateOut {
    fn from(u: UpdateRow) -> Self {
        UpdateOut {
            author: u.author_name,
            body: u.body,
            created_at: u.created_at,
        }
    }
}

#[derive(Serialize, ToSchema)]
pub struct IncubationDetail {
    incubation: IncubationOut,
    milestones: Vec<MilestoneOut>,
    /// Newest first.
    updates: Vec<UpdateOut>,
}

/// The incubations the caller follows.
#[utoipa::path(get, path = "/api/v1/incubations", tag = "jury", security(("bearer" = [])),
    responses((status = 200, body = Vec<IncubationOut>)))]
pub async fn incubations(
    State(state): State<AppState>,
    user: User,
) -> Result<Json<Vec<IncubationOut>>, AppError> {
    let person = user.confirmed()?;
    Ok(Json(
        state
            .store
            .incubations_followed_by(person.id, person.is_admin())
            .await?
            .iter()
            .map(Into::into)
            .collect(),
    ))
}

/// One incubation with its plan and updates (404 for anybody who does not follow it).
#[utoipa::path(get, path = "/api/v1/incubations/{id}", tag = "jury", security(("bearer" = [])),
    responses((status = 200, body = IncubationDetail), (status = 404, body = super::openapi::ErrorBody)))]
pub async fn incubation(
    State(state): State<AppState>,
    user: User,
    Path(id): Path<Uuid>,
) -> Result<Json<IncubationDetail>, AppError> {
    let person = user.confirmed()?;
    let i = rules::followed(&state, id, person).await?;
    Ok(Json(IncubationDetail {
        incubation: (&i).into(),
        milestones: state
            .store
            .incubation_milestones(i.id)
            .await?
            .into_iter()
            .map(Into::into)
            .collect(),
        updates: state
            .store
            .incubation_updates(i.id)
            .await?
            .into_iter()
            .map(Into::into)
            .collect(),
    }))
}

#[derive(Deserialize, ToSchema)]
pub struct UpdateIn {
    body: String,
}

/// Posts a status update (the team, its coach and designer, the organisers).
#[utoipa::path(post, path = "/api/v1/incubations/{id}/updates", tag = "jury", security(("bearer" = [])),
    request_body = UpdateIn,
    responses((status = 204), (status = 404, body = super::openapi::ErrorBody),
        (status = 409, body = super::openapi::ErrorBody), (status = 422, body = super::openapi::ErrorBody)))]
pub async fn add_update(
    State(state): State<AppState>,
    user: User,
    Path(id): Path<Uuid>,
    ApiJson(body): ApiJson<UpdateIn>,
) -> Result<StatusCode, AppError> {
    let person = user.confirmed()?;
    let i = rules::followed(&state, id, person).await?;
    rules::add_update(&state, &i, person, &body.body)
        .await
        .map_err(rules::Failure::into_app)?;
    Ok(StatusCode::NO_CONTENT)
}

#[derive(Deserialize, ToSchema)]
pub struct MilestoneIn {
    title: String,
    /// YYYY-MM-DD, within the plan.
    due_on: String,
    /// todo (default), in_progress or done.
    #[serde(default)]
    status: String,
}

impl MilestoneIn {
    fn input(&self) -> MilestoneInput {
        MilestoneInput {
            title: self.title.clone(),
            due_on: self.due_on.clone(),
            status: self.status.clone(),
        }
    }
}

/// Adds a milestone to the plan (organisers).
#[utoipa::path(post, path = "/api/v1/incubations/{id}/milestones", tag = "jury", security(("bearer" = [])),
    request_body = MilestoneIn,
    responses((status = 204), (status = 404, body = super::openapi::ErrorBody),
        (status = 422, body = super::openapi::ErrorBody)))]
pub async fn add_milestone(
    State(state): State<AppState>,
    user: User,
    Path(id): Path<Uuid>,
    ApiJson(body): ApiJson<MilestoneIn>,
) -> Result<StatusCode, AppError> {
    let person = user.confirmed()?;
    let i = rules::followed(&state, id, person).await?;
    if !rules::organises(&state, &i, person).await? {
        return Err(AppError::NotFound);
    }
    rules::save_milestone(&state, &i, person, None, &body.input())
        .await
        .map_err(rules::Failure::into_app)?;
    Ok(StatusCode::NO_CONTENT)
}

/// Changes a milestone: its title, due date or status (those who follow the incubation).
#[utoipa::path(put, path = "/api/v1/incubations/{id}/milestones/{milestone}", tag = "jury", security(("bearer" = [])),
    request_body = MilestoneIn,
    responses((status = 204), (status = 404, body = super::openapi::ErrorBody),
        (status = 422, body = super::openapi::ErrorBody)))]
pub async fn edit_milestone(
    State(state): State<AppState>,
    user: User,
    Path((id, milestone)): Path<(Uuid, Uuid)>,
    ApiJson(body): ApiJson<MilestoneIn>,
) -> Result<StatusCode, AppError> {
    let person = user.confirmed()?;
    let i = rules::followed(&state, id, person).await?;
    rules::save_milestone(&state, &i, person, Some(milestone), &body.input())
        .await
        .map_err(rules::Failure::into_app)?;
    Ok(StatusCode::NO_CONTENT)
}
