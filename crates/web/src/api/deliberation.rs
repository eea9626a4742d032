//! Opinion maps (*débats*) through the API: conversations, statements, votes and results. The
//! rules are the pages' (`crate::deliberation`); people are known by their API token, so the
//! API has no anonymous participation (the pages have it, by cookie).

use super::ApiJson;
use crate::auth::{MaybeUser, User};
use crate::deliberation::{
    can_moderate, ensure_open, fields, is_open, next_statement, stored_analysis, Who,
};
use crate::error::AppError;
use crate::pages::deliberation::find;
use crate::state::AppState;
use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use axum::routing::{get, patch, post};
use axum::{Json, Router};
use essaim_domain::deliberation::conversation::ConversationInput;
use essaim_domain::deliberation::{
    fold_statement, parse_statement, Analysis, StatementStatus, Vote,
};
use essaim_store::deliberation::{
    Conversation, ConversationSummary, NewStatement, Statement, VoteOutcome,
};
use essaim_store::{utc_now, Page};
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};
use uuid::Uuid;

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/conversations", get(list).post(create))
        .route("/conversations/{id}", get(one))
        .route(
            "/conversations/{id}/statements",
            get(statements).post(propose),
        )
        .route("/conversations/{id}/statements/{number}", patch(moderate))
        .route("/conversations/{id}/next", get(next))
        .route("/conversations/{id}/votes", post(vote))
        .route("/conversations/{id}/results", get(results))
}

#[derive(Serialize, ToSchema)]
pub struct ConversationOut {
    id: Uuid,
    question: String,
    /// Markdown.
    description: String,
    structure_id: Option<Uuid>,
    open_for_statements: bool,
    /// `pre` or `post`.
    moderation: String,
    anonymous_allowed: bool,
    opens_at: Option<chrono::DateTime<chrono::Utc>>,
    closes_at: Option<chrono::DateTime<chrono::Utc>>,
    /// A challenge code, or empty.
    challenge: String,
    /// Territory references such as `commune:29019`.
    territories: Vec<String>,
    initiatives: Vec<Uuid>,
    /// The source and licence of imported data, to show with it.
    attribution: String,
    /// Whether votes and statements are taken now.
    open: bool,
    created_at: chrono::DateTime<chrono::Utc>,
}

async fn conversation_out(state: &AppState, c: &Conversation) -> Result<ConversationOut, AppError> {
    Ok(ConversationOut {
        id: c.id,
        question: c.question.clone(),
        description: c.description.clone(),
        structure_id: c.structure_id,
        open_for_statements: c.open_for_statements,
        moderation: c.moderation.clone(),
        anonymous_allowed: c.anonymous_allowed,
        opens_at: c.opens_at,
        closes_at: c.closes_at,
        challenge: c.challenge.clone(),
        territories: c
            .territories
            .split_whitespace()
            .map(str::to_owned)
            .collect(),
        initiatives: state.store.conversation_initiatives(c.id).await?,
        attribution: c.attribution.clone(),
        open: is_open(c, utc_now()),
        created_at: c.created_at,
    })
}

#[derive(Serialize, ToSchema)]
pub struct ConversationItem {
    id: Uuid,
    question: String,
    participants: i64,
    statements: i64,
    votes: i64,
    opens_at: Option<chrono::DateTime<chrono::Utc>>,
    closes_at: Option<chrono::DateTime<chrono::Utc>>,
    created_at: chrono::DateTime<chrono::Utc>,
}

impl From<&ConversationSummary> for ConversationItem {
    fn from(s: &ConversationSummary) -> Self {
        ConversationItem {
            id: s.id,
            question: s.question.clone(),
            participants: s.participants,
            statements: s.statements,
            votes: s.votes,
            opens_at: s.opens_at,
            closes_at: s.closes_at,
            created_at: s.created_at,
        }
    }
}

#[derive(Serialize, ToSchema)]
pub struct ConversationList {
    items: Vec<ConversationItem>,
    total: i64,
}

#[derive(Deserialize, IntoParams)]
pub struct ListQuery {
    /// 1 to 200, default 50.
    limit: Option<i64>,
    offset: Option<i64>,
}

/// Conversations, newest first, with their counts.
#[utoipa::path(get, path = "/api/v1/conversations", tag = "deliberation", params(ListQuery),
    responses((status = 200, body = ConversationList)))]
pub async fn list(
    State(state): State<AppState>,
    Query(q): Query<ListQuery>,
) -> Result<Json<ConversationList>, AppError> {
    let page = Page {
        limit: q.limit.unwrap_or(50).clamp(1, 200),
        offset: q.offset.unwrap_or(0).max(0),
    };
    let items = state.store.list_conversations(page).await?;
    Ok(Json(ConversationList {
        items: items.iter().map(Into::into).collect(),
        total: state.store.count_conversations().await?,
    }))
}

/// A conversation and its settings.
#[utoipa::path(get, path = "/api/v1/conversations/{id}", tag = "deliberation", params(("id" = Uuid, Path,)),
    responses((status = 200, body = ConversationOut), (status = 404, body = super::openapi::ErrorBody)))]
pub async fn one(
    State(state): State<AppState>,
    Path(id): Path<Uuid>,
) -> Result<Json<ConversationOut>, AppError> {
    let c = find(&state, id).await?;
    Ok(Json(conversation_out(&state, &c).await?))
}

/// A new conversation, as the form sends it. Dates are `YYYY-MM-DD` or `YYYY-MM-DDTHH:MM`,
/// Paris time.
#[derive(Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct ConversationBody {
    question: String,
    description: Option<String>,
    challenge: Option<String>,
    /// Territory references or names.
    territories: Option<Vec<String>>,
    /// Initiative ids.
    initiatives: Option<Vec<String>>,
    /// Default true.
    open_for_statements: Option<bool>,
    /// `pre` or `post` (default).
    moderation: Option<String>,
    /// Default true.
    anonymous_allowed: Option<bool>,
    opens_at: Option<String>,
    closes_at: Option<String>,
    /// The organisers' statements to start with (each up to 280 characters).
    seed_statements: Option<Vec<String>>,
    /// A structure the caller manages, organising the conversation.
    structure_id: Option<Uuid>,
}

/// Creates a conversation with its seed statements. Needs a confirmed e-mail; a structure
/// named must be one the caller manages.
#[utoipa::path(post, path = "/api/v1/conversations", tag = "deliberation", security(("bearer" = [])), request_body = ConversationBody,
    responses((status = 201, body = ConversationOut), (status = 401, body = super::openapi::ErrorBody),
              (status = 403, body = super::openapi::ErrorBody), (status = 422, body = super::openapi::ErrorBody)))]
pub async fn create(
    State(state): State<AppState>,
    user: User,
    ApiJson(body): ApiJson<ConversationBody>,
) -> Result<(StatusCode, Json<ConversationOut>), AppError> {
    let person = user.confirmed()?;
    let input = ConversationInput {
        question: body.question,
        description: body.description.unwrap_or_default(),
        challenge: body.challenge.unwrap_or_default(),
        territories: body.territories.unwrap_or_default().join("\n"),
        initiatives: body.initiatives.unwrap_or_default(),
        open_for_statements: body.open_for_statements.unwrap_or(true),
        moderation: body.moderation.unwrap_or_default(),
        anonymous_allowed: body.anonymous_allowed.unwrap_or(true),
        opens_at: body.opens_at.unwrap_or_default(),
        closes_at: body.closes_at.unwrap_or_default(),
    };
    let codes: Vec<String> = state
        .store
        .challenges()
        .await?
        .into_iter()
        .map(|c| c.code)
        .collect();
    let mut errors = essaim_domain::invalid::FieldErrors::new();
    let settings = input.validate(state.territories, &codes);
    let seeds: Vec<String> = body.seed_statements.unwrap_or_default();
    let mut texts = Vec::new();
    let mut folded = Vec::new();
    for seed in &seeds {
        match parse_statement(seed) {
            Ok(t) if folded.contains(&fold_statement(&t)) => errors.add(
                "seed_statements",
                essaim_domain::Invalid::new("statement_duplicate"),
            ),
            Ok(t) => {
                folded.push(fold_statement(&t));
                texts.push(t);
            }
            Err(i) => errors.add("seed_statements", i),
        }
    }
    let settings = match settings {
        Ok(s) if errors.is_empty() => s,
        Ok(_) => return Err(AppError::Invalid(errors)),
        Err(mut e) => {
            e.0.extend(errors.0);
            return Err(AppError::Invalid(e));
        }
    };
    if let Some(structure) = body.structure_id {
        if state.store.structure(structure).await?.is_none()
            || !crate::pages::structures::can_manage(&state, structure, person).await?
        {
            return Err(AppError::Forbidden);
        }
    }
    for initiative in &settings.initiative_ids {
        let visible = state
            .store
            .initiative(*initiative)
            .await?
            .is_some_and(|i| i.status == essaim_domain::initiative::Status::Published);
        if !visible {
            let mut e = essaim_domain::invalid::FieldErrors::new();
            e.add(
                "initiatives",
                essaim_domain::Invalid::new("initiative_unknown"),
            );
            return Err(AppError::Invalid(e));
        }
    }
    let new = fields(settings, body.structure_id, String::new());
    let now = utc_now();
    let c = state
        .store
        .create_conversation(&new, person.id, now)
        .await?;
    for text in texts {
        let seed = NewStatement {
            author_participant: None,
            text: text.clone(),
            status: StatementStatus::Accepted.as_str().into(),
            seed: true,
            created_at: now,
        };
        state
            .store
            .add_statement(c.id, &seed, &fold_statement(&text))
            .await?;
    }
    crate::audit::record(
        &state,
        Some(person.id),
        "conversation_created",
        format!("conversation:{}", c.id),
        None,
        String::new(),
    )
    .await?;
    Ok((
        StatusCode::CREATED,
        Json(conversation_out(&state, &c).await?),
    ))
}

#[derive(Serialize, ToSchema)]
pub struct StatementOut {
    /// The statement's number in the conversation.
    number: i32,
    text: String,
    /// `pending`, `accepted` or `rejected`.
    status: String,
    featured: bool,
    seed: bool,
    created_at: chrono::DateTime<chrono::Utc>,
}

impl From<&Statement> for StatementOut {
    fn from(s: &Statement) -> Self {
        StatementOut {
            number: s.number,
            text: s.text.clone(),
            status: s.status.clone(),
            featured: s.featured,
            seed: s.seed,
            created_at: s.created_at,
        }
    }
}

/// The statements: accepted ones for everyone, all of them for moderators.
#[utoipa::path(get, path = "/api/v1/conversations/{id}/statements", tag = "deliberation", params(("id" = Uuid, Path,)),
    responses((status = 200, body = Vec<StatementOut>), (status = 404, body = super::openapi::ErrorBody)))]
pub async fn statements(
    State(state): State<AppState>,
    MaybeUser(user): MaybeUser,
    Path(id): Path<Uuid>,
) -> Result<Json<Vec<StatementOut>>, AppError> {
    let c = find(&state, id).await?;
    let all = match &user {
        Some(u) => can_moderate(&state, &c, &u.person).await?,
        None => false,
    };
    Ok(Json(
        state
            .store
            .statements(id)
            .await?
            .iter()
            .filter(|s| all || s.status == StatementStatus::Accepted.as_str())
            .map(Into::into)
            .collect(),
    ))
}

#[derive(Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct StatementBody {
    /// Up to 280 characters.
    text: String,
}

/// Adds a statement (when the conversation takes them). With pre-moderation it waits for a
/// moderator; otherwise it is shown at once and counts as the author's agreement.
#[utoipa::path(post, path = "/api/v1/conversations/{id}/statements", tag = "deliberation", security(("bearer" = [])),
    params(("id" = Uuid, Path,)), request_body = StatementBody,
    responses((status = 201, body = StatementOut), (status = 401, body = super::openapi::ErrorBody), (status = 404, body = super::openapi::ErrorBody),
              (status = 409, body = super::openapi::ErrorBody), (status = 422, body = super::openapi::ErrorBody)))]
pub async fn propose(
    State(state): State<AppState>,
    user: User,
    Path(id): Path<Uuid>,
    ApiJson(body): ApiJson<StatementBody>,
) -> Result<(StatusCode, Json<StatementOut>), AppError> {
    let c = find(&state, id).await?;
    ensure_open(&c)?;
    if !c.open_for_statements {
        return Err(AppError::Conflict("statements_closed"));
    }
    let text = parse_statement(&body.text).map_err(|i| {
        let mut e = essaim_domain::invalid::FieldErrors::new();
        e.add("text", i);
        AppError::Invalid(e)
    })?;
    let (me, _) = crate::deliberation::participant(&state, &c, &Who::Person(user.person())).await?;
    let added = crate::deliberation::add_statement(&state, &c, me, &text).await?;
    Ok((StatusCode::CREATED, Json((&added).into())))
}

#[derive(Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct ModerationBody {
    /// `pending`, `accepted` or `rejected`.
    status: Option<String>,
    featured: Option<bool>,
}

/// Moderates a statement (moderators of the conversation).
#[utoipa::path(patch, path = "/api/v1/conversations/{id}/statements/{number}", tag = "deliberation", security(("bearer" = [])),
    params(("id" = Uuid, Path,), ("number" = i32, Path,)), request_body = ModerationBody,
    responses((status = 200, body = StatementOut), (status = 403, body = super::openapi::ErrorBody), (status = 404, body = super::openapi::ErrorBody),
              (status = 422, body = super::openapi::ErrorBody)))]
pub async fn moderate(
    State(state): State<AppState>,
    user: User,
    Path((id, number)): Path<(Uuid, i32)>,
    ApiJson(body): ApiJson<ModerationBody>,
) -> Result<Json<StatementOut>, AppError> {
    let c = find(&state, id).await?;
    if !can_moderate(&state, &c, user.person()).await? {
        return Err(AppError::Forbidden);
    }
    let current = state
        .store
        .statements(id)
        .await?
        .into_iter()
        .find(|s| s.number == number)
        .ok_or(AppError::NotFound)?;
    let status = match body.status.as_deref() {
        Some(s) => StatementStatus::parse(s).map_err(|i| AppError::Unprocessable(i.code))?,
        None => StatementStatus::parse(&current.status).unwrap_or(StatementStatus::Pending),
    };
    let featured = body.featured.unwrap_or(current.featured);
    let s = state
        .store
        .moderate_statement(id, number, status.as_str(), featured)
        .await?;
    crate::audit::record(
        &state,
        Some(user.person().id),
        "statement_moderated",
        format!("conversation:{id}"),
        None,
        format!("{number} {}", status.as_str()),
    )
    .await?;
    state.analyses.poke(&state.store);
    Ok(Json((&s).into()))
}

#[derive(Serialize, ToSchema)]
pub struct NextOut {
    /// None when the caller has voted on every statement.
    statement: Option<StatementOut>,
    voted: usize,
    total: usize,
}

/// The next statement for the caller (or, without a token, for a newcomer), by Pol.is's
/// routing priority.
#[utoipa::path(get, path = "/api/v1/conversations/{id}/next", tag = "deliberation", params(("id" = Uuid, Path,)),
    responses((status = 200, body = NextOut), (status = 404, body = super::openapi::ErrorBody)))]
pub async fn next(
    State(state): State<AppState>,
    MaybeUser(user): MaybeUser,
    Path(id): Path<Uuid>,
) -> Result<Json<NextOut>, AppError> {
    let c = find(&state, id).await?;
    let all = state.store.statements(id).await?;
    let voted: Vec<i32> = match &user {
        Some(u) => match state
            .store
            .find_participant(id, Some(u.person.id), None)
            .await?
        {
            Some(p) => state
                .store
                .votes_of(id, p)
                .await?
                .iter()
                .map(|v| v.statement)
                .collect(),
            None => vec![],
        },
        None => vec![],
    };
    let analysis = stored_analysis(state.store.as_ref(), &c)
        .await?
        .map(|s| s.analysis);
    let u: f64 = rand::random();
    let total = all
        .iter()
        .filter(|s| s.status == StatementStatus::Accepted.as_str())
        .count();
    Ok(Json(NextOut {
        statement: next_statement(&all, &voted, analysis.as_ref(), u).map(Into::into),
        voted: voted.len(),
        total,
    }))
}

#[derive(Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct VoteBody {
    /// The statement's number.
    statement: i32,
    /// `agree`, `disagree` or `pass`.
    vote: String,
}

/// Votes on a statement; voting again replaces the vote.
#[utoipa::path(post, path = "/api/v1/conversations/{id}/votes", tag = "deliberation", security(("bearer" = [])),
    params(("id" = Uuid, Path,)), request_body = VoteBody,
    responses((status = 204), (status = 401, body = super::openapi::ErrorBody), (status = 404, body = super::openapi::ErrorBody),
              (status = 409, body = super::openapi::ErrorBody), (status = 422, body = super::openapi::ErrorBody)))]
pub async fn vote(
    State(state): State<AppState>,
    user: User,
    Path(id): Path<Uuid>,
    ApiJson(body): ApiJson<VoteBody>,
) -> Result<StatusCode, AppError> {
    let c = find(&state, id).await?;
    ensure_open(&c)?;
    let vote = Vote::parse(&body.vote).map_err(|i| AppError::Unprocessable(i.code))?;
    let (me, _) = crate::deliberation::participant(&state, &c, &Who::Person(user.person())).await?;
    match state
        .store
        .cast_vote(id, me, body.statement, vote.value(), utc_now())
        .await?
    {
        VoteOutcome::Recorded => {}
        VoteOutcome::UnknownStatement => return Err(AppError::Unprocessable("statement_unknown")),
        VoteOutcome::NotVotable => return Err(AppError::Conflict("statement_not_votable")),
    }
    state.analyses.poke(&state.store);
    Ok(StatusCode::NO_CONTENT)
}

#[derive(Serialize, ToSchema)]
pub struct ResultsOut {
    /// When the analysis was computed; None before the first.
    computed_at: Option<chrono::DateTime<chrono::Utc>>,
    /// Votes came after the analysis; a new one is on its way.
    stale: bool,
    /// The caller's position on the map, when they voted.
    position: Option<[f64; 2]>,
    /// The analysis: counts, groups with representative statements, consensus, base clusters,
    /// projection, assignments (participant ids are the conversation's own numbers).
    #[schema(value_type = Object)]
    analysis: Option<Analysis>,
}

/// The last analysis of the conversation (never waits for a new one).
#[utoipa::path(get, path = "/api/v1/conversations/{id}/results", tag = "deliberation", params(("id" = Uuid, Path,)),
    responses((status = 200, body = ResultsOut), (status = 404, body = super::openapi::ErrorBody)))]
pub async fn results(
    State(state): State<AppState>,
    MaybeUser(user): MaybeUser,
    Path(id): Path<Uuid>,
) -> Result<Json<ResultsOut>, AppError> {
    let c = find(&state, id).await?;
    let stored = stored_analysis(state.store.as_ref(), &c).await?;
    let mut position = None;
    if let (Some(u), Some(s)) = (&user, &stored) {
        if let (Some(p), Some(projection)) = (
            state
                .store
                .find_participant(id, Some(u.person.id), None)
                .await?,
            &s.analysis.projection,
        ) {
            let mine: Vec<(i32, i16)> = state
                .store
                .votes_of(id, p)
                .await?
                .iter()
                .map(|v| (v.statement, v.value))
                .collect();
            position = projection.place(&mine);
        }
    }
    if stored.as_ref().is_none_or(|s| s.stale) {
        state.analyses.poke(&state.store);
    }
    Ok(Json(ResultsOut {
        computed_at: stored.as_ref().map(|s| s.computed_at),
        stale: stored.as_ref().is_none_or(|s| s.stale),
        position,
        analysis: stored.map(|s| s.analysis),
    }))
}
