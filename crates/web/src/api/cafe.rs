//! World Café through the API: the settings (organisers), planning the rotation, the
//! schedule (organisers), the synthesis (everyone once published, organisers before) and a
//! table's harvest written with the table's token. The rules are the pages'
//! (`crate::cafe`); anything an organiser reads or writes is 404 for anybody else.

use super::ApiJson;
use crate::auth::{ClientIp, MaybeUser, User};
use crate::cafe::{self as rules, Writer};
use crate::error::AppError;
use crate::state::AppState;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::routing::{get, post};
use axum::{Json, Router};
use essaim_domain::cafe::SettingsInput;
use essaim_store::cafe::Cafe;
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;
use uuid::Uuid;

pub fn router() -> Router<AppState> {
    Router::new()
        .route(
            "/events/{id}/cafe/settings",
            get(settings).put(put_settings),
        )
        .route("/events/{id}/cafe/plan", post(plan))
        .route("/events/{id}/cafe/schedule", get(schedule))
        .route("/events/{id}/cafe/synthesis", get(synthesis))
        .route("/events/{id}/cafe/tables/{table}/harvest", post(harvest))
}

#[derive(Serialize, ToSchema)]
pub struct SettingsOut {
    event_id: Uuid,
    /// One per round.
    questions: Vec<String>,
    /// "tables" (a number of tables) or "size" (people per table).
    layout: String,
    layout_value: i64,
    rounds: i64,
    round_minutes: i64,
    /// The seed of the last plan (None before any).
    seed: Option<i64>,
    /// 0 before the first round.
    current_round: i64,
    ended: bool,
    published: bool,
}

impl From<&Cafe> for SettingsOut {
    fn from(c: &Cafe) -> Self {
        SettingsOut {
            event_id: c.row.event_id,
            questions: c.questions.clone(),
            layout: c.row.layout.clone(),
            layout_value: c.row.layout_value,
            rounds: c.row.rounds,
            round_minutes: c.row.round_minutes,
            seed: c.row.seed,
            current_round: c.row.current_round,
            ended: c.row.ended_at.is_some(),
            published: c.row.published_at.is_some(),
        }
    }
}

/// A café's settings (organisers; 404 for others and before the settings are saved).
#[utoipa::path(get, path = "/api/v1/events/{id}/cafe/settings", tag = "cafe", security(("bearer" = [])),
    responses((status = 200, body = SettingsOut), (status = 404, body = super::openapi::ErrorBody)))]
pub async fn settings(
    State(state): State<AppState>,
    user: User,
    Path(id): Path<Uuid>,
) -> Result<Json<SettingsOut>, AppError> {
    let e = rules::managed(&state, id, user.confirmed()?).await?;
    Ok(Json((&rules::cafe_of(&state, e.id).await?).into()))
}

#[derive(Deserialize, ToSchema)]
pub struct SettingsIn {
    /// One per round, or a single question for every round.
    questions: Vec<String>,
    /// "tables" or "size".
    layout: String,
    /// With layout "tables".
    #[serde(default)]
    tables: Option<i64>,
    /// With layout "size".
    #[serde(default)]
    table_size: Option<i64>,
    rounds: i64,
    round_minutes: i64,
}

/// Creates or rewrites a café's settings (organisers). A new number of rounds or tables clears
/// the seating.
#[utoipa::path(put, path = "/api/v1/events/{id}/cafe/settings", tag = "cafe", security(("bearer" = [])),
    request_body = SettingsIn,
    responses((status = 200, body = SettingsOut), (status = 404, body = super::openapi::ErrorBody),
        (status = 422, body = super::openapi::ErrorBody)))]
pub async fn put_settings(
    State(state): State<AppState>,
    user: User,
    Path(id): Path<Uuid>,
    ApiJson(body): ApiJson<SettingsIn>,
) -> Result<Json<SettingsOut>, AppError> {
    let person = user.confirmed()?;
    let e = rules::managed(&state, id, person).await?;
    // Lines would split a question in two: a question is one line.
    let questions = body
        .questions
        .iter()
        .map(|q| q.replace(['\r', '\n'], " "))
        .collect::<Vec<_>>()
        .join("\n");
    let input = SettingsInput {
        questions,
        layout: body.layout,
        tables: body.tables.map(|n| n.to_string()).unwrap_or_default(),
        table_size: body.table_size.map(|n| n.to_string()).unwrap_or_default(),
        rounds: body.rounds.to_string(),
        minutes: body.round_minutes.to_string(),
    };
    let c = rules::save_settings(&state, &e, person, &input)
        .await
        .map_err(rules::Failure::into_app)?;
    Ok(Json((&c).into()))
}

#[derive(Deserialize, ToSchema, Default)]
pub struct PlanIn {
    /// Must be true to replace an existing seating.
    #[serde(default)]
    replace: bool,
}

#[derive(Serialize, ToSchema)]
pub struct PlanOut {
    tables: usize,
    seed: u64,
    /// Pairs who meet more than once.
    repeated_pairs: usize,
    /// The most times any pair meets.
    max_meetings: usize,
}

/// Plans the rotation with the participants (organisers): 409 `cafe-replan-confirm` when a
/// seating exists and `replace` is not true; 422 with the planner's refusal otherwise.
#[utoipa::path(post, path = "/api/v1/events/{id}/cafe/plan", tag = "cafe", security(("bearer" = [])),
    request_body = PlanIn,
    responses((status = 200, body = PlanOut), (status = 404, body = super::openapi::ErrorBody),
        (status = 409, body = super::openapi::ErrorBody), (status = 422, body = super::openapi::ErrorBody)))]
pub async fn plan(
    State(state): State<AppState>,
    user: User,
    Path(id): Path<Uuid>,
    ApiJson(body): ApiJson<PlanIn>,
) -> Result<Json<PlanOut>, AppError> {
    let person = user.confirmed()?;
    let e = rules::managed(&state, id, person).await?;
    let cafe = rules::cafe_of(&state, e.id).await?;
    if cafe.row.planned_at.is_some() && !body.replace {
        return Err(AppError::Conflict("cafe-replan-confirm"));
    }
    let p = rules::plan(&state, &e, &cafe, person).await?;
    Ok(Json(PlanOut {
        tables: p.tables,
        seed: p.seed,
        repeated_pairs: p.report.repeated_pairs,
        max_meetings: p.report.max_meetings,
    }))
}

#[derive(Serialize, ToSchema)]
pub struct SeatOut {
    id: Uuid,
    name: String,
    host: bool,
}

#[derive(Serialize, ToSchema)]
pub struct TableOut {
    table: usize,
    participants: Vec<SeatOut>,
}

#[derive(Serialize, ToSchema)]
pub struct RoundOut {
    round: usize,
    question: String,
    tables: Vec<TableOut>,
}

#[derive(Serialize, ToSchema)]
pub struct ScheduleOut {
    rounds: Vec<RoundOut>,
    /// None before any plan.
    repeated_pairs: Option<usize>,
    max_meetings: Option<usize>,
}

/// The seating of every round (organisers).
#[utoipa::path(get, path = "/api/v1/events/{id}/cafe/schedule", tag = "cafe", security(("bearer" = [])),
    responses((status = 200, body = ScheduleOut), (status = 404, body = super::openapi::ErrorBody)))]
pub async fn schedule(
    State(state): State<AppState>,
    user: User,
    Path(id): Path<Uuid>,
) -> Result<Json<ScheduleOut>, AppError> {
    let e = rules::managed(&state, id, user.confirmed()?).await?;
    let cafe = rules::cafe_of(&state, e.id).await?;
    let s = rules::seating(&state, &e, &cafe).await?;
    let rounds = s
        .rounds
        .iter()
        .enumerate()
        .map(|(r, tables)| RoundOut {
            round: r + 1,
            question: cafe.question(r as i64 + 1).to_owned(),
            tables: tables
                .iter()
                .enumerate()
                .map(|(t, people)| TableOut {
                    table: t + 1,
                    participants: people
                        .iter()
                        .map(|p| SeatOut {
                            id: p.id,
                            name: p.name.clone(),
                            host: p.host_table == Some(t as i64 + 1),
                        })
                        .collect(),
                })
                .collect(),
        })
        .collect();
    Ok(Json(ScheduleOut {
        rounds,
        repeated_pairs: s.report.as_ref().map(|r| r.repeated_pairs),
        max_meetings: s.report.as_ref().map(|r| r.max_meetings),
    }))
}

#[derive(Serialize, ToSchema)]
pub struct HarvestOut {
    round: usize,
    table: usize,
    /// Markdown.
    body: String,
}

#[derive(Serialize, ToSchema)]
pub struct QuestionOut {
    question: String,
    items: Vec<HarvestOut>,
}

#[derive(Serialize, ToSchema)]
pub struct SynthesisOut {
    published: bool,
    questions: Vec<QuestionOut>,
}

/// The harvest by question, then round and table: public once published, organisers before
/// (404 for others).
#[utoipa::path(get, path = "/api/v1/events/{id}/cafe/synthesis", tag = "cafe",
    responses((status = 200, body = SynthesisOut), (status = 404, body = super::openapi::ErrorBody)))]
pub async fn synthesis(
    State(state): State<AppState>,
    MaybeUser(user): MaybeUser,
    Path(id): Path<Uuid>,
) -> Result<Json<SynthesisOut>, AppError> {
    let e = rules::find_event(&state, id).await?;
    let cafe = rules::cafe_of(&state, e.id).await?;
    let person = user.as_ref().map(|u| &u.person);
    if !rules::may_read_synthesis(&state, &e, &cafe, person).await? {
        return Err(AppError::NotFound);
    }
    let questions = rules::synthesis(&state, &cafe)
        .await?
        .into_iter()
        .map(|(question, items)| QuestionOut {
            question,
            items: items
                .into_iter()
                .map(|i| HarvestOut {
                    round: i.round,
                    table: i.table,
                    body: i.body,
                })
                .collect(),
        })
        .collect();
    Ok(Json(SynthesisOut {
        published: cafe.row.published_at.is_some(),
        questions,
    }))
}

#[derive(Deserialize, ToSchema)]
pub struct HarvestIn {
    /// The table's token (from its link).
    token: String,
    round: i64,
    /// Markdown.
    body: String,
}

/// Writes a table's harvest of a round with the table's token (no account needed); throttled
/// per address and per table. 404 when the token does not open the table.
#[utoipa::path(post, path = "/api/v1/events/{id}/cafe/tables/{table}/harvest", tag = "cafe",
    request_body = HarvestIn,
    responses((status = 204), (status = 404, body = super::openapi::ErrorBody),
        (status = 422, body = super::openapi::ErrorBody), (status = 429, body = super::openapi::ErrorBody)))]
pub async fn harvest(
    State(state): State<AppState>,
    ClientIp(ip): ClientIp,
    Path((id, table)): Path<(Uuid, i64)>,
    ApiJson(body): ApiJson<HarvestIn>,
) -> Result<StatusCode, AppError> {
    let e = rules::find_event(&state, id).await?;
    if !rules::token_opens(&state, e.id, table, &body.token).await? {
        return Err(AppError::NotFound);
    }
    let cafe = rules::cafe_of(&state, e.id).await?;
    rules::write_harvest(
        &state,
        &cafe,
        body.round,
        table,
        &body.body,
        Writer::Link { address: &ip },
    )
    .await
    .map_err(rules::Failure::into_app)?;
    Ok(StatusCode::NO_CONTENT)
}
