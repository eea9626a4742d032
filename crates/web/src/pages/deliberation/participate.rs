//! Taking part: the conversation's page with the statement to vote on, one's own votes and
//! the form to add a statement; voting (also through `fetch`, answered in JSON) and adding
//! statements.

use super::{conversation_view, error_page, find, sign_in_then};
use crate::deliberation::{
    can_moderate, find_participant, is_open, next_statement, participant, stored_analysis, Who,
};
use crate::error::AppError;
use crate::pages::{see_other, PageCtx};
use crate::state::AppState;
use axum::extract::{Path, Query, State};
use axum::http::header::{ACCEPT, SET_COOKIE};
use axum::http::{HeaderMap, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::Form;
use essaim_domain::deliberation::{parse_statement, Moderation, StatementStatus, Vote};
use essaim_store::deliberation::{Conversation, Statement, VoteOutcome};
use essaim_store::utc_now;
use minijinja::{context, Value};
use serde::{Deserialize, Serialize};
use uuid::Uuid;

/// What a participant sees of a conversation: the statements, their votes, the next one.
struct Participation {
    statements: Vec<Statement>,
    participant: Option<i64>,
    /// (statement number, value), by number.
    votes: Vec<(i32, i16)>,
    next: Option<Statement>,
}

async fn participation(
    state: &AppState,
    c: &Conversation,
    who: &Who<'_>,
) -> Result<Participation, AppError> {
    let me = find_participant(state.store.as_ref(), c, who).await?;
    participation_of(state, c, me).await
}

async fn participation_of(
    state: &AppState,
    c: &Conversation,
    participant: Option<i64>,
) -> Result<Participation, AppError> {
    let statements = state.store.statements(c.id).await?;
    let mut votes: Vec<(i32, i16)> = match participant {
        Some(p) => state
            .store
            .votes_of(c.id, p)
            .await?
            .into_iter()
            .map(|v| (v.statement, v.value))
            .collect(),
        None => vec![],
    };
    votes.sort_unstable();
    let voted: Vec<i32> = votes.iter().map(|v| v.0).collect();
    let analysis = stored_analysis(state.store.as_ref(), c).await?;
    let next = next_statement(
        &statements,
        &voted,
        analysis.as_ref().map(|a| &a.analysis),
        rand::random::<f64>(),
    )
    .cloned();
    Ok(Participation {
        statements,
        participant,
        votes,
        next,
    })
}

fn accepted(s: &Statement) -> bool {
    s.status == StatementStatus::Accepted.as_str()
}

/// Whether this visitor may vote and add statements now.
fn can_take_part(c: &Conversation, who: &Who<'_>) -> bool {
    is_open(c, utc_now()) && (c.anonymous_allowed || matches!(who, Who::Person(_)))
}

#[derive(Serialize)]
struct NextStatement<'a> {
    number: i32,
    text: &'a str,
}

#[derive(Serialize)]
struct MyVote<'a> {
    number: i32,
    text: &'a str,
    vote: &'static str,
    /// Still open to a change of vote (not rejected since).
    votable: bool,
}

/// The variables of the two parts of the page a vote changes (`debats/_vote.html`,
/// `debats/_my_votes.html`).
#[derive(Serialize)]
struct VoteParts<'a> {
    cid: String,
    can_vote: bool,
    next: Option<NextStatement<'a>>,
    voted: usize,
    total: usize,
    my_votes: Vec<MyVote<'a>>,
}

fn vote_parts<'a>(c: &Conversation, p: &'a Participation, can_vote: bool) -> VoteParts<'a> {
    let total = p.statements.iter().filter(|s| accepted(s)).count();
    let voted = p
        .votes
        .iter()
        .filter(|(n, _)| p.statements.iter().any(|s| s.number == *n && accepted(s)))
        .count();
    let my_votes = p
        .votes
        .iter()
        .filter_map(|(n, v)| {
            let s = p.statements.iter().find(|s| s.number == *n)?;
            Some(MyVote {
                number: s.number,
                text: &s.text,
                vote: Vote::from_value(*v)?.as_str(),
                votable: accepted(s),
            })
        })
        .collect();
    VoteParts {
        cid: c.id.to_string(),
        can_vote,
        next: p.next.as_ref().map(|s| NextStatement {
            number: s.number,
            text: &s.text,
        }),
        voted,
        total,
        my_votes,
    }
}

#[derive(Deserialize, Default)]
pub struct ShowQuery {
    /// After adding a statement: "attente" (awaits moderation) or "publiee".
    #[serde(default)]
    proposition: String,
}

pub async fn show(
    ctx: PageCtx,
    State(state): State<AppState>,
    headers: HeaderMap,
    Path(id): Path<Uuid>,
    Query(q): Query<ShowQuery>,
) -> Result<Response, AppError> {
    let c = find(&state, id).await?;
    let notice = match q.proposition.as_str() {
        "attente" => Some("pending"),
        "publiee" => Some("published"),
        _ => None,
    };
    render_show(&ctx, &state, &c, &headers, context! { notice }).await
}

/// The conversation's page; `extra` carries a notice, or a refused statement and its error.
async fn render_show(
    ctx: &PageCtx,
    state: &AppState,
    c: &Conversation,
    headers: &HeaderMap,
    extra: Value,
) -> Result<Response, AppError> {
    let person = ctx.user.as_ref().map(|u| &u.person);
    let who = Who::of(person, headers);
    let p = participation(state, c, &who).await?;
    let open = is_open(c, utc_now());
    let can_vote = can_take_part(c, &who);
    let moderator = match person {
        Some(person) => can_moderate(state, c, person).await?,
        None => false,
    };
    let pending = p
        .statements
        .iter()
        .filter(|s| s.status == StatementStatus::Pending.as_str())
        .count();
    let mine_pending: Vec<&str> = match p.participant {
        Some(me) => p
            .statements
            .iter()
            .filter(|s| {
                s.author_participant == Some(me) && s.status == StatementStatus::Pending.as_str()
            })
            .map(|s| s.text.as_str())
            .collect(),
        None => vec![],
    };
    let view = conversation_view(state, ctx.locale, c).await?;
    let parts = Value::from_serialize(vote_parts(c, &p, can_vote));
    Ok(ctx.render(
        state,
        "debats/show.html",
        context! {
            c => view,
            open,
            sign_in_needed => open && !can_vote,
            can_propose => can_vote && c.open_for_statements,
            pre_moderation => c.moderation == Moderation::Pre.as_str(),
            moderator,
            pending,
            mine_pending,
            ..context! { ..parts, ..extra }
        },
    ))
}

fn wants_json(headers: &HeaderMap) -> bool {
    headers
        .get(ACCEPT)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.contains("application/json"))
}

fn with_cookie(mut response: Response, cookie: Option<HeaderValue>) -> Response {
    if let Some(c) = cookie {
        response.headers_mut().append(SET_COOKIE, c);
    }
    response
}

#[derive(Deserialize)]
pub struct VoteForm {
    #[serde(default)]
    statement: String,
    #[serde(default)]
    vote: String,
    /// "list" when the vote was changed from the list of one's votes.
    #[serde(default)]
    from: String,
}

pub async fn vote(
    ctx: PageCtx,
    State(state): State<AppState>,
    headers: HeaderMap,
    Path(id): Path<Uuid>,
    Form(form): Form<VoteForm>,
) -> Result<Response, AppError> {
    let c = find(&state, id).await?;
    crate::deliberation::ensure_open(&c)?;
    let vote = Vote::parse(&form.vote).map_err(|i| AppError::BadRequest(i.code))?;
    // The statement is checked before a participant is made for an anonymous visitor.
    let statements = state.store.statements(id).await?;
    let statement = form
        .statement
        .trim()
        .parse::<i32>()
        .ok()
        .and_then(|n| statements.iter().find(|s| s.number == n));
    let Some(statement) = statement else {
        return Ok(error_page(
            &ctx,
            &state,
            StatusCode::NOT_FOUND,
            "statement_unknown",
        ));
    };
    if !accepted(statement) {
        return Err(AppError::Conflict("statement_not_votable"));
    }
    let person = ctx.user.as_ref().map(|u| &u.person);
    let who = Who::of(person, &headers);
    let (me, cookie) = match participant(&state, &c, &who).await {
        Err(AppError::Unauthenticated) => return Ok(sign_in_then(id)),
        other => other?,
    };
    match state
        .store
        .cast_vote(id, me, statement.number, vote.value(), utc_now())
        .await?
    {
        VoteOutcome::Recorded => {}
        VoteOutcome::UnknownStatement => {
            return Ok(with_cookie(
                error_page(&ctx, &state, StatusCode::NOT_FOUND, "statement_unknown"),
                cookie,
            ))
        }
        VoteOutcome::NotVotable => return Err(AppError::Conflict("statement_not_votable")),
    }
    state.analyses.poke(&state.store);
    let response = if wants_json(&headers) {
        let p = participation_of(&state, &c, Some(me)).await?;
        json_answer(&ctx, &state, &c, &p, statement.number, vote)?
    } else {
        let anchor = if form.from == "list" {
            "vos-votes"
        } else {
            "voter"
        };
        see_other(&format!("/debats/{id}#{anchor}"))
    };
    Ok(with_cookie(response, cookie))
}

/// The answer to a vote sent by the page's script: the next statement, the progress, and the
/// two parts of the page to put in place, rendered here as the page renders them.
fn json_answer(
    ctx: &PageCtx,
    state: &AppState,
    c: &Conversation,
    p: &Participation,
    number: i32,
    vote: Vote,
) -> Result<Response, AppError> {
    let parts = vote_parts(c, p, true);
    let base = context! {
        lang => ctx.locale.as_str(),
        csrf => ctx.csrf.0.as_str(),
        ..Value::from_serialize(&parts)
    };
    let render = |name: &str| {
        state
            .templates
            .render(name, base.clone())
            .map_err(|e| AppError::Internal(anyhow::anyhow!("{name}: {e}")))
    };
    let body = serde_json::json!({
        "statement": number,
        "vote": vote.as_str(),
        "message": ctx.t(state, &format!("debat-vote-recorded-{}", vote.as_str())),
        "next": parts.next.as_ref().map(|s| serde_json::json!({ "number": s.number, "text": s.text })),
        "voted": parts.voted,
        "total": parts.total,
        "vote_html": render("debats/_vote.html")?,
        "my_votes_html": render("debats/_my_votes.html")?,
    });
    Ok(axum::Json(body).into_response())
}

#[derive(Deserialize)]
pub struct StatementForm {
    #[serde(default)]
    proposition: String,
}

pub async fn propose(
    ctx: PageCtx,
    State(state): State<AppState>,
    headers: HeaderMap,
    Path(id): Path<Uuid>,
    Form(form): Form<StatementForm>,
) -> Result<Response, AppError> {
    let c = find(&state, id).await?;
    crate::deliberation::ensure_open(&c)?;
    if !c.open_for_statements {
        return Err(AppError::Conflict("statements_closed"));
    }
    let person = ctx.user.as_ref().map(|u| &u.person);
    let who = Who::of(person, &headers);
    if !c.anonymous_allowed && person.is_none() {
        return Ok(sign_in_then(id));
    }
    let refused = |code: &'static str| {
        let message = ctx.t(&state, code);
        context! {
            proposition => form.proposition,
            errors => context! {
                list => vec![context! { field => "proposition", message => message.clone() }],
                by_field => context! { proposition => message },
            },
        }
    };
    let text = match parse_statement(&form.proposition) {
        Ok(t) => t,
        Err(invalid) => {
            let page = render_show(&ctx, &state, &c, &headers, refused(invalid.code)).await?;
            return Ok(unprocessable(page));
        }
    };
    let (me, cookie) = participant(&state, &c, &who).await?;
    let added = match crate::deliberation::add_statement(&state, &c, me, &text).await {
        Ok(s) => s,
        Err(AppError::Conflict("statement_duplicate")) => {
            // The page is rendered for the participant the cookie (set below) names.
            let page =
                render_show(&ctx, &state, &c, &headers, refused("statement_duplicate")).await?;
            return Ok(with_cookie(unprocessable(page), cookie));
        }
        Err(e) => return Err(e),
    };
    let status = StatementStatus::parse(&added.status).unwrap_or(StatementStatus::Pending);
    let outcome = match status {
        StatementStatus::Accepted => "publiee",
        _ => "attente",
    };
    Ok(with_cookie(
        see_other(&format!("/debats/{id}?proposition={outcome}#proposer")),
        cookie,
    ))
}

fn unprocessable(mut page: Response) -> Response {
    *page.status_mut() = StatusCode::UNPROCESSABLE_ENTITY;
    page
}
