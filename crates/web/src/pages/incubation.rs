//! Pages of incubations: the list a person follows, and one incubation with its milestone plan,
//! status updates, closure and the draft initiative made of the solution (linked to the défi,
//! shown here and on the results page). The rules are in `crate::jury`.

use crate::auth::{ClientIp, User};
use crate::error::AppError;
use crate::jury::{self as rules, Failure};
use crate::pages::{see_other, PageCtx};
use crate::state::AppState;
use axum::extract::{Path, State};
use axum::response::Response;
use axum::routing::{get, post};
use axum::{Form, Router};
use essaim_domain::incubation::{progress, ClosureInput, MilestoneInput, MilestoneStatus, Outcome};
use essaim_domain::invalid::FieldErrors;
use essaim_store::incubation::IncubationRow;
use minijinja::{context, Value};
use serde::{Deserialize, Serialize};
use uuid::Uuid;

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/incubations", get(list))
        .route("/incubations/{id}", get(show))
        .route("/incubations/{id}/jalons", post(add_milestone))
        .route("/incubations/{id}/jalons/{milestone}", post(edit_milestone))
        .route("/incubations/{id}/nouvelles", post(add_update))
        .route("/incubations/{id}/cloture", post(close))
        .route("/incubations/{id}/initiative", post(make_initiative))
}

/// Where an initiative comes from, for its page: the incubation that made it and its défi
/// (nothing when it was not made from a hackathon's solution).
pub async fn initiative_origin(state: &AppState, initiative: Uuid) -> Result<Value, AppError> {
    Ok(
        match state.store.incubation_of_initiative(initiative).await? {
            Some(i) => context! {
                incubation_id => i.id.to_string(),
                event_title => i.event_title,
                defi_id => i.defi_id.map(|d| d.to_string()),
                defi_title => i.defi_title,
            },
            None => Value::from(()),
        },
    )
}

pub fn incubation_view(state: &AppState, ctx: &PageCtx, i: &IncubationRow) -> Value {
    context! {
        id => i.id.to_string(),
        event_id => i.event_id.to_string(),
        event_title => i.event_title,
        team => rules::team_label(state, ctx.locale, i.team_number, &i.team_name),
        solution => i.solution_title,
        defi_id => i.defi_id.map(|d| d.to_string()),
        defi_title => i.defi_title,
        starts_on => i.starts_on.format("%Y-%m-%d").to_string(),
        ends_on => i.ends_on.format("%Y-%m-%d").to_string(),
        closed => i.is_closed(),
        outcome => i.outcome,
        outcome_summary => i.outcome_summary,
        initiative_id => i.initiative_id.map(|d| d.to_string()),
    }
}

async fn list(
    ctx: PageCtx,
    State(state): State<AppState>,
    user: User,
) -> Result<Response, AppError> {
    let person = user.confirmed()?;
    let items: Vec<Value> = state
        .store
        .incubations_followed_by(person.id, person.is_admin())
        .await?
        .iter()
        .map(|i| incubation_view(&state, &ctx, i))
        .collect();
    Ok(ctx.render(&state, "incubation/list.html", context! { items }))
}

#[derive(Deserialize, Serialize, Default, Clone)]
pub struct MilestoneForm {
    #[serde(default)]
    title: String,
    #[serde(default)]
    due_on: String,
    #[serde(default)]
    status: String,
}

impl MilestoneForm {
    fn input(&self) -> MilestoneInput {
        MilestoneInput {
            title: self.title.clone(),
            due_on: self.due_on.clone(),
            status: self.status.clone(),
        }
    }
}

#[derive(Deserialize, Serialize, Default, Clone)]
pub struct UpdateForm {
    #[serde(default)]
    body: String,
}

#[derive(Deserialize, Serialize, Default, Clone)]
pub struct CloseForm {
    #[serde(default)]
    outcome: String,
    #[serde(default)]
    summary: String,
}

/// What came back to the page: which form, its values and errors.
#[derive(Default)]
struct Returned<'a> {
    milestone: Option<(&'a MilestoneForm, Option<Uuid>)>,
    update: Option<&'a UpdateForm>,
    closure: Option<&'a CloseForm>,
    errors: Option<&'a FieldErrors>,
}

async fn page(
    ctx: &PageCtx,
    state: &AppState,
    i: &IncubationRow,
    person: &essaim_store::Person,
    back: Returned<'_>,
) -> Result<Response, AppError> {
    let organiser = rules::organises(state, i, person).await?;
    let milestones = state.store.incubation_milestones(i.id).await?;
    let statuses: Vec<MilestoneStatus> = milestones
        .iter()
        .filter_map(|m| MilestoneStatus::parse(&m.status))
        .collect();
    let edited = back.milestone.and_then(|(_, id)| id);
    let milestones: Vec<Value> = milestones
        .iter()
        .map(|m| {
            // The milestone whose form came back shows what was typed.
            let typed = match back.milestone {
                Some((f, Some(id))) if id == m.id => Some(f.clone()),
                _ => None,
            };
            context! {
                id => m.id.to_string(),
                title => m.title,
                due_on => m.due_on.format("%Y-%m-%d").to_string(),
                status => m.status,
                typed,
            }
        })
        .collect();
    let updates: Vec<Value> = state
        .store
        .incubation_updates(i.id)
        .await?
        .into_iter()
        .map(|u| {
            context! {
                author => u.author_name,
                body => u.body,
                at => crate::events::paris_time(u.created_at),
            }
        })
        .collect();
    let new_milestone = match back.milestone {
        Some((f, None)) => f.clone(),
        _ => MilestoneForm {
            status: "todo".into(),
            ..Default::default()
        },
    };
    let statuses_all: Vec<&str> = MilestoneStatus::ALL.iter().map(|s| s.as_str()).collect();
    let outcomes: Vec<&str> = Outcome::ALL.iter().map(|s| s.as_str()).collect();
    let ctx_value = context! {
        i => incubation_view(state, ctx, i),
        organiser, milestones, updates, new_milestone,
        edited => edited.map(|e| e.to_string()),
        progress => progress(&statuses),
        statuses => statuses_all, outcomes,
        update_values => back.update.cloned().unwrap_or_default(),
        close_values => back.closure.cloned().unwrap_or_default(),
    };
    Ok(match back.errors {
        Some(e) => ctx.render_invalid(state, "incubation/show.html", e, ctx_value),
        None => ctx.render(state, "incubation/show.html", ctx_value),
    })
}

async fn show(
    ctx: PageCtx,
    State(state): State<AppState>,
    user: User,
    Path(id): Path<Uuid>,
) -> Result<Response, AppError> {
    let person = user.confirmed()?;
    let i = rules::followed(&state, id, person).await?;
    page(&ctx, &state, &i, person, Returned::default()).await
}

async fn add_milestone(
    ctx: PageCtx,
    State(state): State<AppState>,
    user: User,
    Path(id): Path<Uuid>,
    Form(form): Form<MilestoneForm>,
) -> Result<Response, AppError> {
    let person = user.confirmed()?;
    let i = rules::followed(&state, id, person).await?;
    if !rules::organises(&state, &i, person).await? {
        return Err(AppError::NotFound);
    }
    match rules::save_milestone(&state, &i, person, None, &form.input()).await {
        Ok(()) => Ok(see_other(&format!("/incubations/{id}#jalons"))),
        Err(Failure::Invalid(errors)) => {
            let back = Returned {
                milestone: Some((&form, None)),
                errors: Some(&errors),
                ..Default::default()
            };
            page(&ctx, &state, &i, person, back).await
        }
        Err(Failure::App(e)) => crate::groups::explain_throttle(e, "jury-throttled"),
    }
}

async fn edit_milestone(
    ctx: PageCtx,
    State(state): State<AppState>,
    user: User,
    Path((id, milestone)): Path<(Uuid, Uuid)>,
    Form(form): Form<MilestoneForm>,
) -> Result<Response, AppError> {
    let person = user.confirmed()?;
    let i = rules::followed(&state, id, person).await?;
    match rules::save_milestone(&state, &i, person, Some(milestone), &form.input()).await {
        Ok(()) => Ok(see_other(&format!("/incubations/{id}#jalons"))),
        Err(Failure::Invalid(errors)) => {
            let back = Returned {
                milestone: Some((&form, Some(milestone))),
                errors: Some(&errors),
                ..Default::default()
            };
            page(&ctx, &state, &i, person, back).await
        }
        Err(Failure::App(e)) => crate::groups::explain_throttle(e, "jury-throttled"),
    }
}

async fn add_update(
    ctx: PageCtx,
    State(state): State<AppState>,
    user: User,
    Path(id): Path<Uuid>,
    Form(form): Form<UpdateForm>,
) -> Result<Response, AppError> {
    let person = user.confirmed()?;
    let i = rules::followed(&state, id, person).await?;
    match rules::add_update(&state, &i, person, &form.body).await {
        Ok(()) => Ok(see_other(&format!("/incubations/{id}#nouvelles"))),
        Err(Failure::Invalid(errors)) => {
            let back = Returned {
                update: Some(&form),
                errors: Some(&errors),
                ..Default::default()
            };
            page(&ctx, &state, &i, person, back).await
        }
        Err(Failure::App(e)) => crate::groups::explain_throttle(e, "jury-throttled"),
    }
}

async fn close(
    ctx: PageCtx,
    State(state): State<AppState>,
    user: User,
    ClientIp(ip): ClientIp,
    Path(id): Path<Uuid>,
    Form(form): Form<CloseForm>,
) -> Result<Response, AppError> {
    let person = user.confirmed()?;
    let i = rules::followed(&state, id, person).await?;
    if !rules::organises(&state, &i, person).await? {
        return Err(AppError::NotFound);
    }
    let input = ClosureInput {
        outcome: form.outcome.clone(),
        summary: form.summary.clone(),
    };
    match rules::close(&state, &i, person, &input, Some(&ip)).await {
        Ok(_) => Ok(see_other(&format!("/incubations/{id}"))),
        Err(Failure::Invalid(errors)) => {
            let back = Returned {
                closure: Some(&form),
                errors: Some(&errors),
                ..Default::default()
            };
            page(&ctx, &state, &i, person, back).await
        }
        Err(Failure::App(e)) => crate::groups::explain_throttle(e, "jury-throttled"),
    }
}

async fn make_initiative(
    ctx: PageCtx,
    State(state): State<AppState>,
    user: User,
    ClientIp(ip): ClientIp,
    Path(id): Path<Uuid>,
) -> Result<Response, AppError> {
    let person = user.confirmed()?;
    let i = rules::followed(&state, id, person).await?;
    if !rules::organises(&state, &i, person).await? {
        return Err(AppError::NotFound);
    }
    match rules::make_initiative(&state, ctx.locale, &i, person, Some(&ip)).await {
        Ok(made) => Ok(see_other(&format!("/initiatives/{made}"))),
        Err(Failure::Invalid(errors)) => {
            let code = errors
                .0
                .first()
                .map(|(_, i)| i.code)
                .unwrap_or("invalid_input");
            Err(AppError::Unprocessable(code))
        }
        Err(Failure::App(e)) => crate::groups::explain_throttle(e, "jury-throttled"),
    }
}
