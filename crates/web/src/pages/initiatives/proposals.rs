//! Proposed edits: a signed-in person who may not edit an initiative proposes a change, with a
//! message; its editors see what it would change and accept it (a new revision, credited to the
//! proposer) or reject it with a note.

use super::edit::{form_context, read_form, validate, InitiativeForm};
use super::{find_editable, find_visible, is_editor};
use crate::auth::{MaybeUser, User};
use crate::error::AppError;
use crate::pages::{see_other, PageCtx};
use crate::state::AppState;
use axum::extract::{Path, State};
use axum::response::Response;
use axum::Form;
use essaim_domain::initiative::diff::diff;
use essaim_domain::initiative::{InitiativeInput, Status, StructureRole};
use essaim_domain::invalid::FieldErrors;
use essaim_domain::Invalid;
use essaim_store::initiatives::Proposal;
use essaim_store::{utc_now, RevisionNote};
use minijinja::{context, Value};
use serde::Deserialize;
use uuid::Uuid;

pub async fn proposal_form(
    ctx: PageCtx,
    State(state): State<AppState>,
    user: User,
    Path(id): Path<Uuid>,
) -> Result<Response, AppError> {
    let person = user.confirmed()?;
    let i = find_visible(&state, id, Some(person)).await?;
    if i.status != Status::Published {
        return Err(AppError::Forbidden);
    }
    let carrier = i
        .content
        .structures
        .iter()
        .find(|(_, r)| *r == StructureRole::Porteur)
        .map(|(s, _)| s.to_string())
        .unwrap_or_default();
    let form = InitiativeForm {
        input: InitiativeInput::from_content(&i.content),
        structure: carrier,
        message: String::new(),
        publish: false,
    };
    let extra = form_context(&state, &ctx, person, &form).await?;
    Ok(ctx.render(&state, "initiatives/form.html", context! { action => format!("/initiatives/{id}/proposer"), editing => true, proposing => true, id => id.to_string(), ..extra }))
}

pub async fn propose(
    ctx: PageCtx,
    State(state): State<AppState>,
    user: User,
    Path(id): Path<Uuid>,
    Form(pairs): Form<Vec<(String, String)>>,
) -> Result<Response, AppError> {
    let person = user.confirmed()?;
    let i = find_visible(&state, id, Some(person)).await?;
    if i.status != Status::Published {
        return Err(AppError::Forbidden);
    }
    let form = read_form(&pairs);
    let mut outcome = validate(&state, person, &form, Some(&i.content)).await;
    // A proposal explains itself, and changes something.
    if let Ok(content) = &outcome {
        let mut errors = FieldErrors::new();
        if form.message.trim().is_empty() {
            errors.add("message", Invalid::new("proposal_message_required"));
        }
        if *content == i.content {
            errors.add("title", Invalid::new("proposal_changes_nothing"));
        }
        if !errors.is_empty() {
            outcome = Err(errors);
        }
    }
    let content = match outcome {
        Ok(c) => c,
        Err(errors) => {
            let extra = form_context(&state, &ctx, person, &form).await?;
            let page = context! { action => format!("/initiatives/{id}/proposer"), editing => true, proposing => true, id => id.to_string(), ..extra };
            return Ok(ctx.render_invalid(&state, "initiatives/form.html", &errors, page));
        }
    };
    let proposal = Proposal {
        id: Uuid::now_v7(),
        initiative_id: id,
        author_id: Some(person.id),
        author_name: None,
        created_at: utc_now(),
        message: form.message.trim().to_owned(),
        content,
        based_on: i.revision,
        status: "pending".into(),
        decided_at: None,
        decision_note: String::new(),
    };
    state.store.create_proposal(&proposal).await?;
    Ok(see_other(&format!("/initiatives/{id}/propositions")))
}

pub async fn proposals(
    ctx: PageCtx,
    State(state): State<AppState>,
    MaybeUser(user): MaybeUser,
    Path(id): Path<Uuid>,
) -> Result<Response, AppError> {
    let person = user.as_ref().map(|u| &u.person);
    let i = find_visible(&state, id, person).await?;
    let editable = is_editor(&state, &i, person).await?;
    let list = state.store.proposals_of(id).await?;
    let views: Vec<Value> = list
        .iter()
        .map(|p| {
            context! {
                id => p.id.to_string(), author => p.author_name, created_at => p.created_at.to_rfc3339(), message => p.message,
                status => p.status, decision_note => p.decision_note, outdated => p.based_on != i.revision,
                changes => diff(&i.content, &p.content),
            }
        })
        .collect();
    Ok(ctx.render(
        &state,
        "initiatives/proposals.html",
        context! { id => id.to_string(), title => i.content.title, proposals => views, editable },
    ))
}

#[derive(Deserialize, Default)]
pub struct DecisionForm {
    #[serde(default)]
    decision: String,
    #[serde(default)]
    note: String,
}

pub async fn decide(
    ctx: PageCtx,
    State(state): State<AppState>,
    user: User,
    Path((id, proposal_id)): Path<(Uuid, Uuid)>,
    Form(form): Form<DecisionForm>,
) -> Result<Response, AppError> {
    let person = user.person();
    find_editable(&state, id, person).await?;
    let p = state
        .store
        .proposal(proposal_id)
        .await?
        .filter(|p| p.initiative_id == id)
        .ok_or(AppError::NotFound)?;
    let status = match form.decision.as_str() {
        "accept" => "accepted",
        "reject" => "rejected",
        _ => return Err(AppError::BadRequest("decision_invalid")),
    };
    if !state
        .store
        .decide_proposal(p.id, status, person.id, utc_now(), form.note.trim())
        .await?
    {
        return Err(AppError::Conflict("proposal_already_decided"));
    }
    if status == "accepted" {
        let message = state.i18n.message(
            ctx.locale,
            "revision-proposal-accepted",
            &[("message", p.message.clone())],
        );
        // The revision is credited to the person who proposed it.
        let note = RevisionNote {
            author_id: p.author_id.unwrap_or(person.id),
            message,
            at: utc_now(),
        };
        state.store.update_initiative(id, &p.content, note).await?;
    }
    Ok(see_other(&format!("/initiatives/{id}/propositions")))
}
