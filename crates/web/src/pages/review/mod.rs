//! Pages of the review of funding applications: the funder's reviewers and assignment
//! (`/appels/{id}/relecteurs`), the funder's table (`/appels/{id}/evaluation`), a reviewer's
//! list (`/evaluations`), scoring form (`/candidatures/{id}/evaluer`) and declaration of a
//! conflict (`/candidatures/{id}/conflit`), the decisions (`/appels/{id}/decisions`) and the
//! applicant's view of a sent decision (`/candidatures/{id}/decision`).
//!
//! The rules (who may do what, mails, audit) are in `crate::review`.

use crate::auth::{ClientIp, User};
use crate::error::AppError;
use crate::funding::Failure;
use crate::i18n::Locale;
use crate::pages::{see_other, PageCtx};
use crate::review::{self as rules, money, points, ReviewFailure, ReviewInput};
use crate::state::AppState;
use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use axum::{Form, Router};
use essaim_domain::invalid::FieldErrors;
use essaim_domain::review::{DecisionInput, TableSort, DISAGREEMENT_SPREAD};
use essaim_store::funding::{Application, Call};
use essaim_store::Person;
use minijinja::{context, Value};
use serde::{Deserialize, Serialize};
use std::collections::HashMap;
use uuid::Uuid;

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/evaluations", get(mine))
        .route("/appels/{id}/relecteurs", get(reviewers).post(add_reviewer))
        .route(
            "/appels/{id}/relecteurs/{person}/retrait",
            post(remove_reviewer),
        )
        .route("/appels/{id}/attribution", post(run_assignment))
        .route("/appels/{id}/evaluation", get(table))
        .route("/appels/{id}/decisions", get(decisions))
        .route("/appels/{id}/decisions/envoi", post(send))
        .route("/candidatures/{id}/evaluer", get(score_form).post(score))
        .route(
            "/candidatures/{id}/conflit",
            get(conflict_form).post(conflict),
        )
        .route("/candidatures/{id}/decision", get(decision).post(decide))
        .route("/candidatures/{id}/partage", post(share))
}

fn call_view(call: &Call, locale: Locale) -> Value {
    context! {
        id => call.id.to_string(),
        title => call.title,
        funder => call.structure_name,
        kind => call.kind,
        budget => money(call.budget_cents, &call.currency, locale),
        min_award => money(call.min_award_cents, &call.currency, locale),
        max_award => money(call.max_award_cents, &call.currency, locale),
        per_application => call.reviewers_per_application,
    }
}

fn app_view(a: &Application, currency: &str, locale: Locale) -> Value {
    context! {
        id => a.id.to_string(),
        structure => a.structure_name,
        status => a.status,
        amount => a.decision_amount_cents.map(|c| money(c, currency, locale)),
        amount_units => a.decision_amount_cents.map(|c| if c % 100 == 0 { (c / 100).to_string() } else { format!("{}.{:02}", c / 100, c % 100) }),
        conditions => a.decision_conditions,
        reason => a.decision_reason,
        decided => a.decided_at.is_some(),
        sent => a.decision_sent_at.map(|d| d.format("%Y-%m-%d").to_string()),
    }
}

// ---------------------------------------------------------------- reviewers and assignment

#[derive(Deserialize, Serialize, Default)]
pub struct ReviewerForm {
    #[serde(default)]
    email: String,
}

async fn reviewers_page(
    ctx: &PageCtx,
    state: &AppState,
    call: &Call,
    values: &ReviewerForm,
    errors: Option<&FieldErrors>,
    shortfalls: Option<Vec<Value>>,
) -> Result<Response, AppError> {
    let reviewers = state.store.reviewers(call.id).await?;
    let applications: Vec<Application> = state
        .store
        .applications_of_call(call.id)
        .await?
        .into_iter()
        .filter(rules::in_review)
        .collect();
    let excluded = rules::exclusions(state, call, &applications, &reviewers).await?;
    let assignments = state.store.assignments(call.id).await?;
    let names: HashMap<Uuid, String> = reviewers
        .iter()
        .map(|r| (r.person_id, r.name.clone()))
        .collect();
    let reviewer_rows: Vec<Value> = reviewers
        .iter()
        .map(|r| {
            context! {
                id => r.person_id.to_string(),
                name => r.name,
                email => r.email,
                load => assignments.iter().filter(|(_, p)| *p == r.person_id).count(),
            }
        })
        .collect();
    let app_rows: Vec<Value> = applications
        .iter()
        .map(|a| {
            let assigned: Vec<String> = assignments
                .iter()
                .filter(|(x, _)| *x == a.id)
                .filter_map(|(_, p)| names.get(p).cloned())
                .collect();
            let mut excl: Vec<Value> = excluded
                .iter()
                .filter(|((x, _), _)| *x == a.id)
                .map(|((_, p), why)| {
                    context! { name => names.get(p).cloned().unwrap_or_default(), why => why.as_str() }
                })
                .collect();
            excl.sort_by_key(|v| v.get_attr("name").map(|n| n.to_string()).unwrap_or_default());
            context! { id => a.id.to_string(), structure => a.structure_name, assigned, excluded => excl }
        })
        .collect();
    let page = context! {
        call => call_view(call, ctx.locale),
        reviewers => reviewer_rows,
        applications => app_rows,
        values,
        shortfalls,
    };
    Ok(match errors {
        Some(e) => ctx.render_invalid(state, "evaluation/reviewers.html", e, page),
        None => ctx.render(state, "evaluation/reviewers.html", page),
    })
}

async fn reviewers(
    ctx: PageCtx,
    State(state): State<AppState>,
    user: User,
    Path(id): Path<Uuid>,
) -> Result<Response, AppError> {
    let person = user.confirmed()?;
    let call = rules::funder_call(&state, id, person).await?;
    reviewers_page(&ctx, &state, &call, &ReviewerForm::default(), None, None).await
}

async fn add_reviewer(
    ctx: PageCtx,
    State(state): State<AppState>,
    user: User,
    ClientIp(ip): ClientIp,
    Path(id): Path<Uuid>,
    Form(form): Form<ReviewerForm>,
) -> Result<Response, AppError> {
    let person = user.confirmed()?;
    let call = rules::funder_call(&state, id, person).await?;
    match rules::name_reviewer(&state, &call, person, &form.email, Some(&ip)).await {
        Ok(_) => Ok(see_other(&format!("/appels/{id}/relecteurs"))),
        Err(Failure::Invalid(e)) => {
            reviewers_page(&ctx, &state, &call, &form, Some(&e), None).await
        }
        Err(Failure::App(e)) => Err(e),
    }
}

async fn remove_reviewer(
    State(state): State<AppState>,
    user: User,
    ClientIp(ip): ClientIp,
    Path((id, who)): Path<(Uuid, Uuid)>,
) -> Result<Response, AppError> {
    let person = user.confirmed()?;
    let call = rules::funder_call(&state, id, person).await?;
    rules::remove_reviewer(&state, &call, person, who, Some(&ip)).await?;
    Ok(see_other(&format!("/appels/{id}/relecteurs")))
}

async fn run_assignment(
    ctx: PageCtx,
    State(state): State<AppState>,
    user: User,
    ClientIp(ip): ClientIp,
    Path(id): Path<Uuid>,
) -> Result<Response, AppError> {
    let person = user.confirmed()?;
    let call = rules::funder_call(&state, id, person).await?;
    let out = rules::run_assignment(&state, &call, Some(person.id), Some(&ip)).await?;
    if out.shortfalls.is_empty() {
        return Ok(see_other(&format!("/appels/{id}/relecteurs?attribue=1")));
    }
    // The shortfall is shown on the page itself: the funder has to name more reviewers.
    let names: HashMap<Uuid, String> = state
        .store
        .applications_of_call(id)
        .await?
        .into_iter()
        .map(|a| (a.id, a.structure_name))
        .collect();
    let shortfalls = out
        .shortfalls
        .iter()
        .map(|(a, n)| context! { structure => names.get(a).cloned().unwrap_or_default(), missing => n })
        .collect();
    reviewers_page(
        &ctx,
        &state,
        &call,
        &ReviewerForm::default(),
        None,
        Some(shortfalls),
    )
    .await
}

// ---------------------------------------------------------------- the funder's table

#[derive(Deserialize)]
pub struct TableQuery {
    tri: Option<String>,
}

async fn table(
    ctx: PageCtx,
    State(state): State<AppState>,
    user: User,
    Path(id): Path<Uuid>,
    Query(q): Query<TableQuery>,
) -> Result<Response, AppError> {
    let person = user.confirmed()?;
    let call = rules::funder_call(&state, id, person).await?;
    let sort = q
        .tri
        .as_deref()
        .and_then(TableSort::parse)
        .unwrap_or(TableSort::Mean);
    let mut rows = rules::table(&state, &call).await?;
    rules::sort_table(&mut rows, sort);
    let locale = ctx.locale;
    let rows: Vec<Value> = rows
        .iter()
        .map(|r| {
            context! {
                id => r.application.id.to_string(),
                structure => r.application.structure_name,
                status => r.application.status,
                reviews => r.stats.reviews,
                mean => points(r.stats.mean, locale),
                spread => points(r.stats.spread, locale),
                std_dev => points(r.stats.std_dev, locale),
                disagreement => r.stats.disagreement,
                reviewers => r.reviewers.iter().map(|(name, total)| context! { name, total => points(*total, locale) }).collect::<Vec<_>>(),
            }
        })
        .collect();
    let sorts: Vec<&str> = TableSort::ALL.iter().map(|s| s.as_str()).collect();
    Ok(ctx.render(
        &state,
        "evaluation/table.html",
        context! {
            call => call_view(&call, locale),
            rows,
            sort => sort.as_str(),
            sorts,
            threshold => DISAGREEMENT_SPREAD,
        },
    ))
}

// ---------------------------------------------------------------- a reviewer's pages

async fn mine(
    ctx: PageCtx,
    State(state): State<AppState>,
    user: User,
) -> Result<Response, AppError> {
    let person = user.confirmed()?;
    let mut calls = vec![];
    for call_id in state.store.calls_reviewed_by(person.id).await? {
        let Some(call) = state.store.call(call_id).await? else {
            continue;
        };
        let applications: Vec<Application> = state
            .store
            .applications_of_call(call.id)
            .await?
            .into_iter()
            .filter(rules::in_review)
            .collect();
        let me: Vec<_> = state
            .store
            .reviewers(call.id)
            .await?
            .into_iter()
            .filter(|r| r.person_id == person.id)
            .collect();
        let excluded = rules::exclusions(&state, &call, &applications, &me).await?;
        let assignments = state.store.assignments(call.id).await?;
        let mut rows = vec![];
        for a in &applications {
            let assigned = assignments.contains(&(a.id, person.id));
            let review = state.store.review_of(a.id, person.id).await?;
            rows.push(context! {
                id => a.id.to_string(),
                structure => a.structure_name,
                assigned,
                excluded => excluded.get(&(a.id, person.id)).map(|x| x.as_str()),
                review => review.map(|r| r.status),
            });
        }
        calls.push(context! { call => call_view(&call, ctx.locale), rows });
    }
    Ok(ctx.render(&state, "evaluation/mine.html", context! { calls }))
}

/// What the scoring form shows: the criteria with the values typed or stored.
async fn score_page(
    ctx: &PageCtx,
    state: &AppState,
    person: &Person,
    id: Uuid,
    typed: Option<&ReviewInput>,
    failure: Option<(&[(Uuid, &'static str)], &FieldErrors)>,
    status: StatusCode,
) -> Result<Response, AppError> {
    let (a, call, readable) = rules::readable_reviews(state, id, person).await?;
    let criteria = state.store.call_criteria(call.id).await?;
    let own = readable.iter().find(|(r, _)| r.reviewer_id == person.id);
    let submitted = own.is_some_and(|(r, _)| r.is_submitted());
    let stored: HashMap<Uuid, i64> = own
        .map(|(r, s)| rules::scores_map(s, r.id))
        .unwrap_or_default();
    let score_errors: HashMap<Uuid, String> = failure
        .map(|(s, _)| {
            s.iter()
                .map(|(id, code)| (*id, ctx.t(state, code)))
                .collect()
        })
        .unwrap_or_default();
    let crits: Vec<Value> = criteria
        .iter()
        .map(|c| {
            let value = match typed {
                Some(t) => t
                    .scores
                    .iter()
                    .find(|(x, _)| *x == c.id)
                    .map(|(_, v)| v.clone())
                    .unwrap_or_default(),
                None => stored.get(&c.id).map(|s| s.to_string()).unwrap_or_default(),
            };
            context! {
                id => c.id.to_string(),
                name => c.name,
                description => c.description,
                weight => c.weight,
                scale_max => c.scale_max,
                value,
                error => score_errors.get(&c.id),
            }
        })
        .collect();
    let (private_comment, shared_comment) = match typed {
        Some(t) => (t.private_comment.clone(), t.shared_comment.clone()),
        None => own
            .map(|(r, _)| (r.private_comment.clone(), r.shared_comment.clone()))
            .unwrap_or_default(),
    };
    // Others' reviews, only once this reviewer submitted (readable_reviews enforces it).
    let criteria_rules = rules::criteria(state, &call).await?;
    let others: Vec<Value> = readable
        .iter()
        .filter(|(r, _)| r.reviewer_id != person.id)
        .map(|(r, s)| {
            let map = rules::scores_map(s, r.id);
            context! {
                name => r.reviewer_name,
                total => points(essaim_domain::review::review_total(&criteria_rules, &map), ctx.locale),
                scores => criteria.iter().map(|c| context! { name => c.name, score => map.get(&c.id), scale_max => c.scale_max }).collect::<Vec<_>>(),
                shared_comment => r.shared_comment,
            }
        })
        .collect();
    let page = context! {
        call => call_view(&call, ctx.locale),
        application => app_view(&a, &call.currency, ctx.locale),
        criteria => crits,
        private_comment,
        shared_comment,
        submitted,
        others,
    };
    let response = match failure {
        Some((_, fields)) => ctx.render_invalid(state, "evaluation/score.html", fields, page),
        None => ctx.render(state, "evaluation/score.html", page),
    };
    Ok((status, response).into_response())
}

async fn score_form(
    ctx: PageCtx,
    State(state): State<AppState>,
    user: User,
    Path(id): Path<Uuid>,
) -> Result<Response, AppError> {
    let person = user.confirmed()?;
    rules::scorable(&state, id, person).await?;
    score_page(&ctx, &state, person, id, None, None, StatusCode::OK).await
}

/// The scoring form's fields: `score-<criterion id>`, the two comments and which button.
fn review_input(fields: &[(String, String)]) -> ReviewInput {
    let mut input = ReviewInput::default();
    for (k, v) in fields {
        match k.as_str() {
            "private_comment" => input.private_comment = v.clone(),
            "shared_comment" => input.shared_comment = v.clone(),
            "action" => input.submit = v == "submit",
            other => {
                if let Some(id) = other
                    .strip_prefix("score-")
                    .and_then(|s| s.parse::<Uuid>().ok())
                {
                    input.scores.push((id, v.clone()));
                }
            }
        }
    }
    input
}

async fn score(
    ctx: PageCtx,
    State(state): State<AppState>,
    user: User,
    Path(id): Path<Uuid>,
    Form(fields): Form<Vec<(String, String)>>,
) -> Result<Response, AppError> {
    let person = user.confirmed()?;
    let (a, call) = rules::scorable(&state, id, person).await?;
    let input = review_input(&fields);
    match rules::save_review(&state, &call, &a, person, &input).await {
        Ok(r) if r.is_submitted() => Ok(see_other(&format!("/candidatures/{id}/evaluer#avis"))),
        Ok(_) => Ok(see_other(&format!(
            "/candidatures/{id}/evaluer?brouillon=1"
        ))),
        Err(ReviewFailure::Invalid { scores, fields }) => {
            score_page(
                &ctx,
                &state,
                person,
                id,
                Some(&input),
                Some((&scores, &fields)),
                StatusCode::UNPROCESSABLE_ENTITY,
            )
            .await
        }
        Err(ReviewFailure::App(AppError::Conflict(code))) => {
            let mut e = FieldErrors::new();
            e.add("scores", essaim_domain::Invalid::new(code));
            score_page(
                &ctx,
                &state,
                person,
                id,
                None,
                Some((&[], &e)),
                StatusCode::CONFLICT,
            )
            .await
        }
        Err(ReviewFailure::App(e)) => Err(e),
    }
}

#[derive(Deserialize, Serialize, Default)]
pub struct ConflictForm {
    #[serde(default)]
    reason: String,
}

/// The application of a call this person reviews: 404 for anyone else who may not know it.
async fn reviewed_application(
    state: &AppState,
    id: Uuid,
    person: &Person,
) -> Result<(Application, Call), AppError> {
    let a = state
        .store
        .application(id)
        .await?
        .ok_or(AppError::NotFound)?;
    let call = state
        .store
        .call(a.call_id)
        .await?
        .ok_or(AppError::NotFound)?;
    if !rules::in_review(&a) || !rules::is_reviewer(state, call.id, person.id).await? {
        return Err(
            if crate::funding::can_read_application(state, &a, person).await? {
                AppError::Forbidden
            } else {
                AppError::NotFound
            },
        );
    }
    Ok((a, call))
}

async fn conflict_form(
    ctx: PageCtx,
    State(state): State<AppState>,
    user: User,
    Path(id): Path<Uuid>,
) -> Result<Response, AppError> {
    let person = user.confirmed()?;
    let (a, call) = reviewed_application(&state, id, person).await?;
    Ok(ctx.render(
        &state,
        "evaluation/conflict.html",
        context! {
            call => call_view(&call, ctx.locale),
            application => app_view(&a, &call.currency, ctx.locale),
            values => ConflictForm::default(),
        },
    ))
}

async fn conflict(
    ctx: PageCtx,
    State(state): State<AppState>,
    user: User,
    ClientIp(ip): ClientIp,
    Path(id): Path<Uuid>,
    Form(form): Form<ConflictForm>,
) -> Result<Response, AppError> {
    let person = user.confirmed()?;
    let (a, call) = reviewed_application(&state, id, person).await?;
    match rules::declare_conflict(&state, &call, &a, person, &form.reason, Some(&ip)).await {
        Ok(()) => Ok(see_other("/evaluations?conflit=1")),
        Err(Failure::Invalid(e)) => Ok(ctx.render_invalid(
            &state,
            "evaluation/conflict.html",
            &e,
            context! {
                call => call_view(&call, ctx.locale),
                application => app_view(&a, &call.currency, ctx.locale),
                values => form,
            },
        )),
        Err(Failure::App(e)) => Err(e),
    }
}

// ---------------------------------------------------------------- decisions

/// The decisions page; `failed` the application whose form came back, with its values and
/// messages (or a message about the whole page).
async fn decisions_page(
    ctx: &PageCtx,
    state: &AppState,
    call: &Call,
    failed: Option<(Uuid, &DecisionForm, Value)>,
    status: StatusCode,
) -> Result<Response, AppError> {
    let locale = ctx.locale;
    let mut rows = rules::table(state, call).await?;
    rules::sort_table(&mut rows, TableSort::Mean);
    let reviews = state.store.reviews_of_call(call.id).await?;
    let granted = state.store.granted_total(call.id).await?;
    let items: Vec<Value> = rows
        .iter()
        .map(|r| {
            let a = &r.application;
            let form = failed.as_ref().filter(|(id, _, _)| *id == a.id);
            let values = match form {
                Some((_, f, _)) => context! { outcome => f.outcome, amount => f.amount, conditions => f.conditions, reason => f.reason },
                None => {
                    let v = app_view(a, &call.currency, locale);
                    context! {
                        outcome => if a.decided_at.is_some() { a.status.clone() } else { String::new() },
                        amount => v.get_attr("amount_units").ok(),
                        conditions => a.decision_conditions,
                        reason => a.decision_reason,
                    }
                }
            };
            let comments: Vec<Value> = reviews
                .iter()
                .filter(|x| x.application_id == a.id && x.is_submitted() && !x.shared_comment.is_empty())
                .map(|x| context! { id => x.id.to_string(), name => x.reviewer_name, text => x.shared_comment, shared => x.share_comment })
                .collect();
            context! {
                app => app_view(a, &call.currency, locale),
                mean => points(r.stats.mean, locale),
                reviews => r.stats.reviews,
                disagreement => r.stats.disagreement,
                values,
                errors => form.map(|(_, _, e)| e.clone()),
                comments,
            }
        })
        .collect();
    let unsent = rows
        .iter()
        .filter(|r| r.application.decided_at.is_some() && r.application.decision_sent_at.is_none())
        .count();
    let page = ctx.render(
        state,
        "evaluation/decisions.html",
        context! {
            call => call_view(call, locale),
            items,
            granted => money(granted, &call.currency, locale),
            remaining => money(call.budget_cents - granted, &call.currency, locale),
            unsent,
            outcomes => ["granted", "refused", "waitlisted"],
        },
    );
    Ok((status, page).into_response())
}

async fn decisions(
    ctx: PageCtx,
    State(state): State<AppState>,
    user: User,
    Path(id): Path<Uuid>,
) -> Result<Response, AppError> {
    let person = user.confirmed()?;
    let call = rules::funder_call(&state, id, person).await?;
    decisions_page(&ctx, &state, &call, None, StatusCode::OK).await
}

#[derive(Deserialize, Serialize, Default, Clone)]
pub struct DecisionForm {
    #[serde(default)]
    outcome: String,
    #[serde(default)]
    amount: String,
    #[serde(default)]
    conditions: String,
    #[serde(default)]
    reason: String,
}

/// The application and its call, if this person runs the call: 404 for the application when
/// they may not read it, 403 when they read it but do not run the call.
async fn funder_application(
    state: &AppState,
    id: Uuid,
    person: &Person,
) -> Result<(Application, Call), AppError> {
    let a = crate::funding::readable_application(state, id, Some(person)).await?;
    let call = rules::funder_call(state, a.call_id, person).await?;
    if a.submitted_at.is_none() {
        return Err(AppError::NotFound);
    }
    Ok((a, call))
}

async fn decide(
    ctx: PageCtx,
    State(state): State<AppState>,
    user: User,
    ClientIp(ip): ClientIp,
    Path(id): Path<Uuid>,
    Form(form): Form<DecisionForm>,
) -> Result<Response, AppError> {
    let person = user.confirmed()?;
    let (a, call) = funder_application(&state, id, person).await?;
    let input = DecisionInput {
        outcome: form.outcome.clone(),
        amount: form.amount.clone(),
        conditions: form.conditions.clone(),
        reason: form.reason.clone(),
    };
    let (errors, status) = match rules::decide(&state, &call, &a, person, &input, Some(&ip)).await {
        Ok(_) => {
            return Ok(see_other(&format!(
                "/appels/{}/decisions#candidature-{id}",
                call.id
            )))
        }
        Err(Failure::Invalid(e)) => (e, StatusCode::UNPROCESSABLE_ENTITY),
        Err(Failure::App(AppError::Conflict(code))) => {
            let mut e = FieldErrors::new();
            e.add("outcome", essaim_domain::Invalid::new(code));
            (e, StatusCode::CONFLICT)
        }
        Err(Failure::App(e)) => return Err(e),
    };
    let messages = crate::pages::form_errors(&state, ctx.locale, &errors);
    decisions_page(&ctx, &state, &call, Some((id, &form, messages)), status).await
}

#[derive(Deserialize)]
pub struct ShareForm {
    #[serde(default)]
    review: String,
    #[serde(default)]
    share: String,
}

async fn share(
    State(state): State<AppState>,
    user: User,
    Path(id): Path<Uuid>,
    Form(form): Form<ShareForm>,
) -> Result<Response, AppError> {
    let person = user.confirmed()?;
    let (a, call) = funder_application(&state, id, person).await?;
    let review: Uuid = form.review.parse().map_err(|_| AppError::NotFound)?;
    let belongs = state
        .store
        .reviews_of_application(a.id)
        .await?
        .iter()
        .any(|r| r.id == review);
    if !belongs {
        return Err(AppError::NotFound);
    }
    state
        .store
        .set_share_comment(review, form.share == "1")
        .await?;
    Ok(see_other(&format!(
        "/appels/{}/decisions#candidature-{id}",
        call.id
    )))
}

async fn send(
    State(state): State<AppState>,
    user: User,
    ClientIp(ip): ClientIp,
    Path(id): Path<Uuid>,
) -> Result<Response, AppError> {
    let person = user.confirmed()?;
    let call = rules::funder_call(&state, id, person).await?;
    let sent = rules::send_decisions(&state, &call, person, Some(&ip)).await?;
    Ok(see_other(&format!(
        "/appels/{id}/decisions?envoyees={}",
        sent.len()
    )))
}

/// The applicant's view of a sent decision, with the comments the funder shared.
async fn decision(
    ctx: PageCtx,
    State(state): State<AppState>,
    user: User,
    Path(id): Path<Uuid>,
) -> Result<Response, AppError> {
    let person = user.confirmed()?;
    let (a, call, _) = rules::sent_decision(&state, id, Some(person)).await?;
    let review_decision = rules::decision_block(&state, &a, Some(person), ctx.locale).await?;
    Ok(ctx.render(
        &state,
        "evaluation/decision.html",
        context! {
            call => call_view(&call, ctx.locale),
            application_id => a.id.to_string(),
            review_decision,
        },
    ))
}
