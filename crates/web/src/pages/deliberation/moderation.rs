//! Moderation of a conversation's statements: the queue of statements awaiting a decision,
//! every statement with its status, and the decisions (accept, reject, put back in the
//! queue, feature so that everyone is asked first, or not).

use super::find;
use crate::auth::User;
use crate::deliberation::{can_moderate, stored_analysis};
use crate::error::AppError;
use crate::pages::{see_other, PageCtx};
use crate::state::AppState;
use axum::extract::{Path, State};
use axum::response::Response;
use axum::Form;
use essaim_domain::deliberation::StatementStatus;
use essaim_store::deliberation::{Conversation, Statement};
use minijinja::{context, Value};
use serde::Deserialize;
use std::collections::HashMap;
use uuid::Uuid;

async fn find_moderated(state: &AppState, id: Uuid, user: &User) -> Result<Conversation, AppError> {
    let c = find(state, id).await?;
    if !can_moderate(state, &c, user.person()).await? {
        return Err(AppError::Forbidden);
    }
    Ok(c)
}

pub async fn queue(
    ctx: PageCtx,
    State(state): State<AppState>,
    user: User,
    Path(id): Path<Uuid>,
) -> Result<Response, AppError> {
    let c = find_moderated(&state, id, &user).await?;
    let statements = state.store.statements(id).await?;
    let counts: HashMap<i32, (u32, u32, u32)> = stored_analysis(state.store.as_ref(), &c)
        .await?
        .map(|a| {
            a.analysis
                .statement_stats
                .iter()
                .map(|s| (s.statement, (s.agree, s.disagree, s.pass)))
                .collect()
        })
        .unwrap_or_default();
    let view = |s: &Statement| {
        let (agree, disagree, pass) = counts.get(&s.number).copied().unwrap_or_default();
        context! {
            number => s.number,
            text => s.text,
            status => s.status,
            featured => s.featured,
            seed => s.seed,
            agree, disagree, pass,
        }
    };
    let pending: Vec<Value> = statements
        .iter()
        .filter(|s| s.status == StatementStatus::Pending.as_str())
        .map(view)
        .collect();
    let all: Vec<Value> = statements.iter().map(view).collect();
    let view = super::conversation_view(&state, ctx.locale, &c).await?;
    Ok(ctx.render(
        &state,
        "debats/moderation.html",
        context! { c => view, pending, all },
    ))
}

#[derive(Deserialize)]
pub struct DecisionForm {
    #[serde(default)]
    decision: String,
}

pub async fn decide(
    State(state): State<AppState>,
    user: User,
    Path((id, number)): Path<(Uuid, i32)>,
    Form(form): Form<DecisionForm>,
) -> Result<Response, AppError> {
    find_moderated(&state, id, &user).await?;
    let statements = state.store.statements(id).await?;
    let s = statements
        .iter()
        .find(|s| s.number == number)
        .ok_or(AppError::NotFound)?;
    let current = StatementStatus::parse(&s.status).unwrap_or(StatementStatus::Pending);
    let (status, featured) = match form.decision.as_str() {
        "accept" => (StatementStatus::Accepted, s.featured),
        "reject" => (StatementStatus::Rejected, false),
        "pending" => (StatementStatus::Pending, false),
        // Featuring a statement shows it to everyone first: it must be accepted.
        "feature" => (StatementStatus::Accepted, true),
        "unfeature" => (current, false),
        _ => return Err(AppError::BadRequest("moderation_decision_invalid")),
    };
    state
        .store
        .moderate_statement(id, number, status.as_str(), featured)
        .await?;
    state.analyses.poke(&state.store);
    Ok(see_other(&format!("/debats/{id}/moderation#s{number}")))
}
