//! A conversation as open data, in the files Pol.is exports (`domain::deliberation::polis`),
//! so that tools made for Pol.is read it. Open to everyone, as Pol.is's exports are. Nobody
//! is named: participants appear by their number in the conversation only. The text of a
//! statement that is not accepted (awaiting moderation, or rejected) is left out: it was never
//! published; its row stays, with its status, so that the numbers follow on.

use super::find;
use crate::deliberation::stored_analysis;
use crate::error::AppError;
use crate::state::AppState;
use axum::extract::{Path, State};
use axum::http::header;
use axum::response::{IntoResponse, Response};
use essaim_domain::deliberation::polis::{
    write_comments, write_participants_votes, write_summary, write_votes, ExportStatement,
};
use essaim_domain::deliberation::StatementStatus;
use essaim_store::deliberation::{Conversation, Statement};
use std::collections::HashMap;
use uuid::Uuid;

fn csv(name: &str, body: String) -> Response {
    (
        [
            (header::CONTENT_TYPE, "text/csv; charset=utf-8".to_owned()),
            (
                header::CONTENT_DISPOSITION,
                format!("attachment; filename=\"{name}\""),
            ),
        ],
        body,
    )
        .into_response()
}

fn polis_status(s: &Statement) -> StatementStatus {
    StatementStatus::parse(&s.status).unwrap_or(StatementStatus::Pending)
}

async fn load(state: &AppState, id: Uuid) -> Result<(Conversation, Vec<Statement>), AppError> {
    let c = find(state, id).await?;
    let statements = state.store.statements(id).await?;
    Ok((c, statements))
}

async fn current_votes(state: &AppState, id: Uuid) -> Result<Vec<(i64, i32, i16)>, AppError> {
    Ok(state
        .store
        .votes(id)
        .await?
        .into_iter()
        .map(|v| (v.participant_id, v.statement, v.value))
        .collect())
}

pub async fn comments(
    State(state): State<AppState>,
    Path(id): Path<Uuid>,
) -> Result<Response, AppError> {
    let (_, statements) = load(&state, id).await?;
    let votes = current_votes(&state, id).await?;
    let rows: Vec<ExportStatement> = statements
        .iter()
        .map(|s| {
            let status = polis_status(s);
            ExportStatement {
                id: s.number,
                author: s.author_participant,
                moderated: status.polis_value(),
                text: if status == StatementStatus::Accepted {
                    s.text.clone()
                } else {
                    String::new()
                },
                timestamp: s.created_at.timestamp_millis(),
            }
        })
        .collect();
    Ok(csv("comments.csv", write_comments(&rows, &votes)))
}

pub async fn votes(
    State(state): State<AppState>,
    Path(id): Path<Uuid>,
) -> Result<Response, AppError> {
    let (_, statements) = load(&state, id).await?;
    let votes = current_votes(&state, id).await?;
    // The store keeps the current vote of each participant on each statement, not when it was
    // cast: the statement's own time stands in (no vote is older than its statement).
    let since: HashMap<i32, i64> = statements
        .iter()
        .map(|s| (s.number, s.created_at.timestamp_millis()))
        .collect();
    let rows: Vec<(i64, i32, i16, i64)> = votes
        .iter()
        .map(|&(p, n, v)| (p, n, v, since.get(&n).copied().unwrap_or(0)))
        .collect();
    Ok(csv("votes.csv", write_votes(&rows)))
}

pub async fn participants_votes(
    State(state): State<AppState>,
    Path(id): Path<Uuid>,
) -> Result<Response, AppError> {
    let (c, statements) = load(&state, id).await?;
    let votes = current_votes(&state, id).await?;
    let numbers: Vec<i32> = statements.iter().map(|s| s.number).collect();
    let groups: HashMap<i64, Option<usize>> = stored_analysis(state.store.as_ref(), &c)
        .await?
        .map(|a| a.analysis.assignments.into_iter().collect())
        .unwrap_or_default();
    let mut authored: HashMap<i64, u32> = HashMap::new();
    for s in &statements {
        if let Some(p) = s.author_participant {
            *authored.entry(p).or_default() += 1;
        }
    }
    Ok(csv(
        "participants-votes.csv",
        write_participants_votes(&numbers, &votes, &groups, &authored),
    ))
}

pub async fn summary(
    State(state): State<AppState>,
    Path(id): Path<Uuid>,
) -> Result<Response, AppError> {
    let (c, statements) = load(&state, id).await?;
    let votes = current_votes(&state, id).await?;
    let mut voters: Vec<i64> = votes.iter().map(|v| v.0).collect();
    voters.sort_unstable();
    voters.dedup();
    let accepted = statements
        .iter()
        .filter(|s| polis_status(s) == StatementStatus::Accepted)
        .count();
    let groups = stored_analysis(state.store.as_ref(), &c)
        .await?
        .map_or(0, |a| a.analysis.groups.len());
    let url = format!(
        "{}/debats/{id}",
        state.config.base_url.trim_end_matches('/')
    );
    Ok(csv(
        "summary.csv",
        write_summary(&c.question, &url, voters.len(), accepted, groups),
    ))
}
