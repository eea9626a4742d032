//! Pages of calls for projects, funds and prizes (*appels*): the catalogue, a call, opening and
//! editing one, applying with an initiative, an application (answers, PDF documents, submission,
//! withdrawal), one's applications, the results of a prize, and the awards as SCDL open data.
//!
//! The rules (who reads, who changes, eligibility, deadline, mails, audit) are in
//! `crate::funding`.

use crate::auth::{ClientIp, User};
use crate::error::AppError;
use crate::funding::{self as rules, Failure};
use crate::pages::{names, see_other, PageCtx};
use crate::state::AppState;
use axum::extract::{Multipart, Path, Query, State};
use axum::http::{header, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use axum::{Form, Router};
use essaim_domain::funding::{
    format_amount, CallInput, CallKind, CriterionInput, Eligibility, QuestionInput, Snapshot,
    MAX_CRITERIA, MAX_DOCUMENT_BYTES, MAX_QUESTIONS,
};
use essaim_domain::initiative::Stage;
use essaim_domain::invalid::FieldErrors;
use essaim_domain::structure::StructureKind;
use essaim_store::funding::{Application, Call, CallFilter};
use essaim_store::{utc_now, Initiative, Person};
use minijinja::{context, Value};
use serde::Deserialize;
use uuid::Uuid;

pub mod opendata;

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/appels", get(catalogue).post(create))
        .route("/appels/nouveau", get(new_form))
        .route("/appels/{id}", get(show))
        .route("/appels/{id}/modifier", get(edit_form).post(update))
        .route("/appels/{id}/publication", post(publish))
        .route("/appels/{id}/cloture", post(close))
        .route("/appels/{id}/candidater", get(apply_form).post(apply))
        .route("/appels/{id}/palmares", get(results))
        .route("/candidatures", get(mine))
        .route("/candidatures/{id}", get(application))
        .route("/candidatures/{id}/reponses", post(answers))
        .route(
            "/candidatures/{id}/documents",
            post(upload).layer(axum::extract::DefaultBodyLimit::max(
                MAX_DOCUMENT_BYTES + 64 * 1024,
            )),
        )
        .route("/candidatures/{id}/documents/{doc}", get(download))
        .route(
            "/candidatures/{id}/documents/{doc}/suppression",
            post(remove_document),
        )
        .route("/candidatures/{id}/depot", post(submit))
        .route("/candidatures/{id}/retrait", post(withdraw))
        .route("/data/subventions.csv", get(opendata::csv))
        .route("/schemas/subventions.json", get(opendata::schema))
}

fn person(ctx: &PageCtx) -> Option<&Person> {
    ctx.user.as_ref().map(|u| &u.person)
}

fn date(at: chrono::DateTime<chrono::Utc>) -> String {
    essaim_domain::deliberation::conversation::to_paris(at)
        .format("%d/%m/%Y %H:%M")
        .to_string()
}

/// A call for lists and pages.
pub fn call_view(c: &Call) -> Value {
    let now = utc_now();
    context! {
        id => c.id.to_string(),
        title => c.title,
        kind => c.kind,
        status => c.status,
        funder => c.structure_name,
        funder_id => c.structure_id.to_string(),
        budget => format_amount(c.budget_cents, &c.currency),
        min_award => format_amount(c.min_award_cents, &c.currency),
        max_award => format_amount(c.max_award_cents, &c.currency),
        opens => date(c.opens_at),
        opens_iso => c.opens_at.to_rfc3339(),
        closes => date(c.closes_at),
        closes_iso => c.closes_at.to_rfc3339(),
        decision_on => c.decision_on,
        open => c.is_open(now),
        upcoming => c.status == "published" && now < c.opens_at,
        reviewers => c.reviewers_per_application,
        publish_awards => c.publish_awards,
    }
}

#[derive(Deserialize, Default)]
pub struct CatalogueQuery {
    ouverts: Option<String>,
    defi: Option<String>,
    territoire: Option<String>,
    #[serde(rename = "type")]
    kind: Option<String>,
}

fn nonempty(s: &Option<String>) -> Option<String> {
    s.as_deref()
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .map(str::to_owned)
}

async fn catalogue(
    ctx: PageCtx,
    State(state): State<AppState>,
    Query(q): Query<CatalogueQuery>,
) -> Result<Response, AppError> {
    let open_only = q.ouverts.as_deref() == Some("1");
    let kind = nonempty(&q.kind).filter(|k| CallKind::parse(k).is_ok());
    let challenge = nonempty(&q.defi);
    // A territory typed by name is resolved; an unknown one filters nothing and says so.
    let mut territory_unknown = false;
    let territory = match nonempty(&q.territoire) {
        Some(t) => match essaim_domain::territory_pick::pick(state.territories, &t) {
            Ok(found) => Some(found.reference().to_string()),
            Err(_) => {
                territory_unknown = true;
                None
            }
        },
        None => None,
    };
    let calls = state
        .store
        .list_calls(&CallFilter {
            open_at: open_only.then(utc_now),
            kind: kind.clone(),
            challenge: challenge.clone(),
            territory: territory.clone(),
        })
        .await?;
    let items: Vec<Value> = calls.iter().map(call_view).collect();
    let themes = names::challenges(&state, ctx.locale).await?;
    let can_open = match person(&ctx) {
        Some(p) => !rules::funder_structures(&state, p).await?.is_empty(),
        None => false,
    };
    let kinds: Vec<&str> = CallKind::ALL.iter().map(|k| k.as_str()).collect();
    Ok(ctx.render(
        &state,
        "appels/list.html",
        context! {
            items, themes, kinds, can_open, territory_unknown,
            filters => context! {
                ouverts => open_only,
                defi => challenge.unwrap_or_default(),
                territoire => q.territoire.clone().unwrap_or_default(),
                kind => kind.unwrap_or_default(),
            },
        },
    ))
}

/// The call form's fields, read from the raw pairs: lists (challenges, stages, kinds) repeat
/// their name, criteria and questions are numbered rows (`c0-name`, `q2-kind`…).
fn call_input_of(pairs: &[(String, String)]) -> (Option<String>, CallInput) {
    let get = |k: &str| {
        pairs
            .iter()
            .find(|(n, _)| n == k)
            .map(|(_, v)| v.clone())
            .unwrap_or_default()
    };
    let all = |k: &str| {
        pairs
            .iter()
            .filter(|(n, _)| n == k)
            .map(|(_, v)| v.clone())
            .collect::<Vec<_>>()
    };
    let criteria = (0..MAX_CRITERIA)
        .map(|i| CriterionInput {
            name: get(&format!("c{i}-name")),
            description: get(&format!("c{i}-description")),
            weight: get(&format!("c{i}-weight")),
            scale_max: get(&format!("c{i}-scale")),
        })
        .collect();
    let questions = (0..MAX_QUESTIONS)
        .map(|i| QuestionInput {
            label: get(&format!("q{i}-label")),
            kind: get(&format!("q{i}-kind")),
            choices: get(&format!("q{i}-choices")),
            required: get(&format!("q{i}-required")) == "1",
        })
        .collect();
    let structure = Some(get("structure")).filter(|s| !s.is_empty());
    (
        structure,
        CallInput {
            kind: get("kind"),
            title: get("title"),
            description: get("description"),
            currency: get("currency"),
            budget: get("budget"),
            min_award: get("min_award"),
            max_award: get("max_award"),
            opens_at: get("opens_at"),
            closes_at: get("closes_at"),
            decision_on: get("decision_on"),
            reviewers_per_application: get("reviewers_per_application"),
            publish_awards: get("publish_awards") == "1",
            eligibility: Eligibility {
                challenges: all("challenges"),
                territories: get("territories")
                    .split([',', '\n', ';'])
                    .map(|s| s.trim().to_owned())
                    .filter(|s| !s.is_empty())
                    .collect(),
                stages: all("stages"),
                structure_kinds: all("structure_kinds"),
            },
            criteria,
            questions,
        },
    )
}

/// The form's values for the template: rows padded to their maximum, so that blank rows are
/// there to fill.
fn form_values(input: &CallInput, structure: &str) -> Value {
    let mut criteria = input.criteria.clone();
    criteria.retain(|c| !c.name.trim().is_empty());
    criteria.resize(MAX_CRITERIA.max(criteria.len()), CriterionInput::default());
    let mut questions = input.questions.clone();
    questions.retain(|q| !q.label.trim().is_empty());
    questions.resize(MAX_QUESTIONS.max(questions.len()), QuestionInput::default());
    context! {
        structure,
        kind => input.kind,
        title => input.title,
        description => input.description,
        currency => input.currency,
        budget => input.budget,
        min_award => input.min_award,
        max_award => input.max_award,
        opens_at => input.opens_at,
        closes_at => input.closes_at,
        decision_on => input.decision_on,
        reviewers_per_application => input.reviewers_per_application,
        publish_awards => input.publish_awards,
        challenges => input.eligibility.challenges,
        territories => input.eligibility.territories.join(", "),
        stages => input.eligibility.stages,
        structure_kinds => input.eligibility.structure_kinds,
        criteria => criteria.iter().map(|c| context! { name => c.name, description => c.description, weight => c.weight, scale => c.scale_max }).collect::<Vec<_>>(),
        questions => questions.iter().map(|q| context! { label => q.label, kind => q.kind, choices => q.choices, required => q.required }).collect::<Vec<_>>(),
    }
}

#[allow(clippy::too_many_arguments)]
async fn form_page(
    ctx: &PageCtx,
    state: &AppState,
    person: &Person,
    call: Option<&Call>,
    values: Value,
    errors: Option<&FieldErrors>,
) -> Result<Response, AppError> {
    let structures: Vec<(String, String)> = rules::funder_structures(state, person)
        .await?
        .into_iter()
        .map(|s| (s.id.to_string(), s.name))
        .collect();
    let themes = names::challenges(state, ctx.locale).await?;
    let stages: Vec<&str> = Stage::ALL.iter().map(|s| s.as_str()).collect();
    let kinds: Vec<&str> = StructureKind::ALL.iter().map(|s| s.as_str()).collect();
    let call_kinds: Vec<&str> = CallKind::ALL.iter().map(|k| k.as_str()).collect();
    let page = context! {
        values, structures, themes, stages, kinds, call_kinds,
        call => call.map(call_view),
        // A published call takes safe edits only; the template shows the other fields as text.
        safe_only => call.is_some_and(|c| c.status != "draft"),
    };
    Ok(match errors {
        Some(e) => ctx.render_invalid(state, "appels/form.html", e, page),
        None => ctx.render(state, "appels/form.html", page),
    })
}

async fn new_form(
    ctx: PageCtx,
    State(state): State<AppState>,
    user: User,
) -> Result<Response, AppError> {
    let person = user.confirmed()?;
    let structures = rules::funder_structures(&state, person).await?;
    if structures.is_empty() {
        return Ok((
            StatusCode::FORBIDDEN,
            ctx.render(&state, "appels/not_funder.html", context! {}),
        )
            .into_response());
    }
    let input = CallInput {
        kind: "call".into(),
        currency: "EUR".into(),
        reviewers_per_application: "2".into(),
        criteria: vec![CriterionInput {
            name: ctx.t(&state, "funding-default-criterion"),
            description: String::new(),
            weight: "1".into(),
            scale_max: "5".into(),
        }],
        ..CallInput::default()
    };
    let structure = structures[0].id.to_string();
    form_page(
        &ctx,
        &state,
        person,
        None,
        form_values(&input, &structure),
        None,
    )
    .await
}

async fn create(
    ctx: PageCtx,
    State(state): State<AppState>,
    user: User,
    ClientIp(ip): ClientIp,
    Form(pairs): Form<Vec<(String, String)>>,
) -> Result<Response, AppError> {
    let person = user.confirmed()?;
    let (structure, input) = call_input_of(&pairs);
    let structure_id = structure.as_deref().and_then(|s| s.parse::<Uuid>().ok());
    let result = match structure_id {
        Some(s) => rules::create_call(&state, person, s, &input, Some(&ip)).await,
        None => {
            let mut e = FieldErrors::new();
            e.add(
                "structure",
                essaim_domain::Invalid::new("funding-not-funder"),
            );
            Err(Failure::Invalid(e))
        }
    };
    match result {
        Ok(call) => Ok(see_other(&format!("/appels/{}", call.id))),
        Err(Failure::Invalid(errors)) => {
            let values = form_values(&input, structure.as_deref().unwrap_or(""));
            form_page(&ctx, &state, person, None, values, Some(&errors)).await
        }
        Err(Failure::App(e)) => Err(e),
    }
}

async fn edit_form(
    ctx: PageCtx,
    State(state): State<AppState>,
    user: User,
    Path(id): Path<Uuid>,
) -> Result<Response, AppError> {
    let person = user.confirmed()?;
    let call = rules::managed_call(&state, id, person).await?;
    if call.status == "closed" {
        return Err(AppError::Conflict("funding-call-status-changed"));
    }
    let input = rules::call_input(
        &call,
        &state.store.call_eligibility(id).await?,
        &state.store.call_criteria(id).await?,
        &state.store.call_questions(id).await?,
    );
    let values = form_values(&input, &call.structure_id.to_string());
    form_page(&ctx, &state, person, Some(&call), values, None).await
}

async fn update(
    ctx: PageCtx,
    State(state): State<AppState>,
    user: User,
    ClientIp(ip): ClientIp,
    Path(id): Path<Uuid>,
    Form(pairs): Form<Vec<(String, String)>>,
) -> Result<Response, AppError> {
    let person = user.confirmed()?;
    let call = rules::managed_call(&state, id, person).await?;
    let (_, mut input) = call_input_of(&pairs);
    if call.status != "draft" {
        // Only the safe fields come from the form; the rest stays as published.
        let stored = rules::call_input(
            &call,
            &state.store.call_eligibility(id).await?,
            &state.store.call_criteria(id).await?,
            &state.store.call_questions(id).await?,
        );
        input = CallInput {
            description: input.description,
            closes_at: input.closes_at,
            decision_on: input.decision_on,
            ..stored
        };
    }
    match rules::update_call(&state, person, &call, &input, Some(&ip)).await {
        Ok(_) => Ok(see_other(&format!("/appels/{id}"))),
        Err(Failure::Invalid(errors)) => {
            let values = form_values(&input, &call.structure_id.to_string());
            form_page(&ctx, &state, person, Some(&call), values, Some(&errors)).await
        }
        Err(Failure::App(e)) => Err(e),
    }
}

async fn publish(
    State(state): State<AppState>,
    user: User,
    ClientIp(ip): ClientIp,
    Path(id): Path<Uuid>,
) -> Result<Response, AppError> {
    let person = user.confirmed()?;
    let call = rules::managed_call(&state, id, person).await?;
    rules::move_call(&state, person, &call, "published", Some(&ip)).await?;
    Ok(see_other(&format!("/appels/{id}")))
}

async fn close(
    State(state): State<AppState>,
    user: User,
    ClientIp(ip): ClientIp,
    Path(id): Path<Uuid>,
) -> Result<Response, AppError> {
    let person = user.confirmed()?;
    let call = rules::managed_call(&state, id, person).await?;
    rules::move_call(&state, person, &call, "closed", Some(&ip)).await?;
    Ok(see_other(&format!("/appels/{id}")))
}

fn eligibility_view(state: &AppState, e: &Eligibility, themes: &[(String, String)]) -> Value {
    context! {
        all => e.is_open_to_all(),
        challenges => e.challenges.iter().map(|c| names::challenge_name(themes, c)).collect::<Vec<_>>(),
        territories => e.territories.iter().map(|t| names::territory_name(state, t)).collect::<Vec<_>>(),
        stages => e.stages,
        structure_kinds => e.structure_kinds,
    }
}

fn application_row(a: &Application, as_funder: bool) -> Value {
    context! {
        id => a.id.to_string(),
        call_id => a.call_id.to_string(),
        call_title => a.call_title,
        structure => a.structure_name,
        status => rules::shown_status(a, as_funder),
        submitted => a.submitted_at.map(date),
        initiative_title => Snapshot::parse(&a.snapshot).map(|s| s.content.title),
    }
}

async fn show(
    ctx: PageCtx,
    State(state): State<AppState>,
    Path(id): Path<Uuid>,
) -> Result<Response, AppError> {
    let person = person(&ctx);
    let call = rules::readable_call(&state, id, person).await?;
    let funder = rules::is_funder(&state, &call, person).await?;
    let themes = names::challenges(&state, ctx.locale).await?;
    let e = state.store.call_eligibility(id).await?;
    let criteria: Vec<Value> = state
        .store
        .call_criteria(id)
        .await?
        .iter()
        .map(|c| context! { name => c.name, description => c.description, weight => c.weight, scale => c.scale_max })
        .collect();
    let questions: Vec<Value> = state
        .store
        .call_questions(id)
        .await?
        .iter()
        .map(|q| context! { label => q.label, kind => q.kind, required => q.required, choices => q.choice_list() })
        .collect();
    // The funder sees submitted applications (never drafts); applicants see their own.
    let applications: Vec<Value> = if funder {
        state
            .store
            .applications_of_call(id)
            .await?
            .iter()
            .filter(|a| a.submitted_at.is_some())
            .map(|a| application_row(a, true))
            .collect()
    } else {
        vec![]
    };
    let mut mine = vec![];
    let mut can_apply = false;
    if let Some(p) = person {
        let managed = rules::managed_structures(&state, p).await?;
        can_apply = !managed.is_empty() && call.is_open(utc_now());
        for a in state.store.applications_of_call(id).await? {
            if managed.iter().any(|s| s.id == a.structure_id) {
                mine.push(application_row(&a, false));
            }
        }
    }
    let has_results = call.kind == "prize"
        && state
            .store
            .applications_of_call(id)
            .await?
            .iter()
            .any(Application::is_sent_award);
    Ok(ctx.render(
        &state,
        "appels/show.html",
        context! {
            c => call_view(&call),
            description_html => essaim_domain::markdown::render(&call.description),
            eligibility => eligibility_view(&state, &e, &themes),
            criteria, questions, funder, applications, mine, can_apply, has_results,
        },
    ))
}

#[derive(Deserialize, Default)]
pub struct ApplyForm {
    #[serde(default)]
    structure: String,
    #[serde(default)]
    initiative: String,
}

/// The pairs (structure, initiative) this person may apply with.
async fn apply_page(
    ctx: &PageCtx,
    state: &AppState,
    person: &Person,
    call: &Call,
    values: &ApplyForm,
    errors: Option<&FieldErrors>,
) -> Result<Response, AppError> {
    let mut structures = vec![];
    let mut initiatives = vec![];
    for s in rules::managed_structures(state, person).await? {
        for i in rules::initiatives_of(state, s.id).await? {
            initiatives.push(context! { id => i.id.to_string(), title => i.content.title, structure => s.name.clone() });
        }
        structures.push((s.id.to_string(), s.name));
    }
    let page = context! { c => call_view(call), structures, initiatives, values => context! { structure => values.structure, initiative => values.initiative } };
    Ok(match errors {
        Some(e) => ctx.render_invalid(state, "appels/apply.html", e, page),
        None => ctx.render(state, "appels/apply.html", page),
    })
}

async fn apply_form(
    ctx: PageCtx,
    State(state): State<AppState>,
    user: User,
    Path(id): Path<Uuid>,
) -> Result<Response, AppError> {
    let person = user.confirmed()?;
    let call = rules::readable_call(&state, id, Some(person)).await?;
    apply_page(&ctx, &state, person, &call, &ApplyForm::default(), None).await
}

async fn apply(
    ctx: PageCtx,
    State(state): State<AppState>,
    user: User,
    Path(id): Path<Uuid>,
    Form(form): Form<ApplyForm>,
) -> Result<Response, AppError> {
    let person = user.confirmed()?;
    let call = rules::readable_call(&state, id, Some(person)).await?;
    let (Ok(structure), Ok(initiative)) = (
        form.structure.trim().parse::<Uuid>(),
        form.initiative.trim().parse::<Uuid>(),
    ) else {
        let mut e = FieldErrors::new();
        e.add(
            "initiative",
            essaim_domain::Invalid::new("funding-initiative-required"),
        );
        return apply_page(&ctx, &state, person, &call, &form, Some(&e)).await;
    };
    match rules::start_application(&state, person, &call, structure, initiative).await {
        Ok(a) => Ok(see_other(&format!("/candidatures/{}", a.id))),
        Err(Failure::Invalid(e)) => apply_page(&ctx, &state, person, &call, &form, Some(&e)).await,
        Err(Failure::App(e)) => Err(e),
    }
}

/// An application's page; `errors` those of the form just sent.
async fn application_page(
    ctx: &PageCtx,
    state: &AppState,
    a: &Application,
    errors: Option<&FieldErrors>,
    given: Option<&[(String, String)]>,
) -> Result<Response, AppError> {
    let person = person(ctx).ok_or(AppError::NotFound)?;
    let call = state
        .store
        .call(a.call_id)
        .await?
        .ok_or(AppError::NotFound)?;
    let applicant = rules::manages(state, a.structure_id, person).await?;
    // A decision is the funder's until sent: neither the applicant nor a reviewer reads it.
    let funder = rules::is_funder(state, &call, Some(person)).await?;
    let editable = applicant && a.status == "draft";
    let answers = state.store.answers(a.id).await?;
    let documents = state.store.documents(a.id).await?;
    let questions: Vec<Value> = state
        .store
        .call_questions(a.call_id)
        .await?
        .iter()
        .map(|q| {
            let field = rules::question_field(q);
            let value = given
                .and_then(|g| g.iter().find(|(k, _)| k == field).map(|(_, v)| v.clone()))
                .or_else(|| answers.iter().find(|x| x.question_id == q.id).map(|x| x.value.clone()))
                .unwrap_or_default();
            let docs: Vec<Value> = documents
                .iter()
                .filter(|d| d.question_id == Some(q.id))
                .map(|d| context! { id => d.id.to_string(), name => d.name, size_kb => (d.size + 1023) / 1024 })
                .collect();
            context! {
                id => q.id.to_string(), field, label => q.label, kind => q.kind,
                required => q.required, value, docs,
                // (value, label) pairs for the select.
                choices => q.choice_list().iter().map(|c| (c.to_string(), c.to_string())).collect::<Vec<_>>(),
            }
        })
        .collect();
    let other_docs: Vec<Value> = documents
        .iter()
        .filter(|d| d.question_id.is_none())
        .map(|d| context! { id => d.id.to_string(), name => d.name, size_kb => (d.size + 1023) / 1024 })
        .collect();
    // The frozen copy once submitted; the live initiative before.
    let (initiative_title, frozen) = match Snapshot::parse(&a.snapshot) {
        Some(s) => (
            s.content.title.clone(),
            Some(
                context! { revision => s.revision, at => date(s.frozen_at), summary => s.content.summary, stage => s.content.stage.as_str() },
            ),
        ),
        None => (
            state
                .store
                .initiative(a.initiative_id)
                .await?
                .map(|i| i.content.title)
                .unwrap_or_default(),
            None,
        ),
    };
    let withdrawable =
        applicant && matches!(a.status.as_str(), "draft" | "submitted") && a.decided_at.is_none();
    let page = context! {
        a => context! {
            id => a.id.to_string(),
            status => rules::shown_status(a, funder),
            structure => a.structure_name,
            structure_id => a.structure_id.to_string(),
            initiative_id => a.initiative_id.to_string(),
            initiative_title,
            submitted => a.submitted_at.map(date),
            withdrawn => a.withdrawn_at.map(date),
            // What the review context shows once the decision is sent.
            decision_sent => a.decision_sent_at.is_some(),
        },
        c => call_view(&call),
        // The sent decision and the shared comments (appels/_decision.html).
        review_decision => crate::review::decision_block(state, a, Some(person), ctx.locale).await?,
        frozen, questions, other_docs, applicant, editable, withdrawable,
        open => call.is_open(utc_now()),
        max_mb => MAX_DOCUMENT_BYTES / (1024 * 1024),
    };
    Ok(match errors {
        Some(e) => ctx.render_invalid(state, "appels/application.html", e, page),
        None => ctx.render(state, "appels/application.html", page),
    })
}

async fn application(
    ctx: PageCtx,
    State(state): State<AppState>,
    Path(id): Path<Uuid>,
) -> Result<Response, AppError> {
    let a = rules::readable_application(&state, id, person(&ctx)).await?;
    application_page(&ctx, &state, &a, None, None).await
}

/// The answers of the form: `q-<position>` fields mapped to their question.
async fn given_answers(
    state: &AppState,
    a: &Application,
    pairs: &[(String, String)],
) -> Result<Vec<(Uuid, String)>, AppError> {
    Ok(state
        .store
        .call_questions(a.call_id)
        .await?
        .iter()
        .filter_map(|q| {
            let field = rules::question_field(q);
            pairs
                .iter()
                .find(|(k, _)| k == field)
                .map(|(_, v)| (q.id, v.clone()))
        })
        .collect())
}

async fn answers(
    ctx: PageCtx,
    State(state): State<AppState>,
    user: User,
    Path(id): Path<Uuid>,
    Form(pairs): Form<Vec<(String, String)>>,
) -> Result<Response, AppError> {
    let person = user.confirmed()?;
    let a = rules::own_application(&state, id, person).await?;
    let given = given_answers(&state, &a, &pairs).await?;
    match rules::save_answers(&state, &a, &given).await {
        Ok(()) => {
            // "Déposer" saves then submits: one button for people who filled everything.
            if pairs.iter().any(|(k, v)| k == "then" && v == "submit") {
                return submit_now(&ctx, &state, person, &a, None).await;
            }
            Ok(see_other(&format!("/candidatures/{id}#reponses")))
        }
        Err(Failure::Invalid(e)) => {
            application_page(&ctx, &state, &a, Some(&e), Some(&pairs)).await
        }
        Err(Failure::App(e)) => Err(e),
    }
}

async fn upload(
    ctx: PageCtx,
    State(state): State<AppState>,
    user: User,
    Path(id): Path<Uuid>,
    mut form: Multipart,
) -> Result<Response, AppError> {
    let person = user.confirmed()?;
    let a = rules::own_application(&state, id, person).await?;
    let mut bytes = None;
    let mut name = String::new();
    let mut question = None;
    while let Some(field) = form
        .next_field()
        .await
        .map_err(|_| AppError::BadRequest("multipart_invalid"))?
    {
        match field.name() {
            Some("document") => {
                name = field.file_name().unwrap_or("document.pdf").to_owned();
                bytes = Some(field.bytes().await.map_err(|_| AppError::PayloadTooLarge)?);
            }
            Some("question") => {
                question = field
                    .text()
                    .await
                    .ok()
                    .and_then(|t| t.trim().parse::<Uuid>().ok());
            }
            _ => {}
        }
    }
    let bytes = bytes.unwrap_or_default().to_vec();
    match rules::add_document(&state, person, &a, question, &name, bytes).await {
        Ok(_) => Ok(see_other(&format!("/candidatures/{id}#documents"))),
        Err(Failure::Invalid(e)) => application_page(&ctx, &state, &a, Some(&e), None).await,
        Err(Failure::App(e)) => Err(e),
    }
}

async fn download(
    State(state): State<AppState>,
    user: User,
    Path((id, doc)): Path<(Uuid, Uuid)>,
) -> Result<Response, AppError> {
    let a = rules::readable_application(&state, id, Some(user.person())).await?;
    document_response(&state, &a, doc).await
}

/// A document of a readable application, as a download (never shown inline: it is not ours).
pub async fn document_response(
    state: &AppState,
    a: &Application,
    doc: Uuid,
) -> Result<Response, AppError> {
    let d = state
        .store
        .document(doc)
        .await?
        .filter(|d| d.application_id == a.id)
        .ok_or(AppError::NotFound)?;
    let ascii: String = d
        .name
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || matches!(c, '.' | '-' | '_') {
                c
            } else {
                '_'
            }
        })
        .collect();
    Ok((
        [
            (header::CONTENT_TYPE, "application/pdf".to_owned()),
            (
                header::CONTENT_DISPOSITION,
                format!("attachment; filename=\"{ascii}\""),
            ),
            (
                header::HeaderName::from_static("x-content-type-options"),
                "nosniff".to_owned(),
            ),
            // A private document: kept by no shared cache, nor on the reader's disk.
            (header::CACHE_CONTROL, "private, no-store".to_owned()),
        ],
        d.data,
    )
        .into_response())
}

async fn remove_document(
    State(state): State<AppState>,
    user: User,
    Path((id, doc)): Path<(Uuid, Uuid)>,
) -> Result<Response, AppError> {
    let person = user.confirmed()?;
    let a = rules::own_application(&state, id, person).await?;
    let belongs = state
        .store
        .documents(a.id)
        .await?
        .iter()
        .any(|d| d.id == doc);
    if !belongs {
        return Err(AppError::NotFound);
    }
    if !state.store.delete_document(doc).await? {
        return Err(AppError::Conflict("funding-application-not-draft"));
    }
    Ok(see_other(&format!("/candidatures/{id}#documents")))
}

async fn submit_now(
    ctx: &PageCtx,
    state: &AppState,
    person: &Person,
    a: &Application,
    ip: Option<&str>,
) -> Result<Response, AppError> {
    match rules::submit(state, person, a, ip).await {
        Ok(_) => Ok(see_other(&format!("/candidatures/{}", a.id))),
        Err(Failure::Invalid(e)) => application_page(ctx, state, a, Some(&e), None).await,
        Err(Failure::App(e @ (AppError::Conflict(_) | AppError::Unprocessable(_)))) => {
            let mut errors = FieldErrors::new();
            errors.add("submit", essaim_domain::Invalid::new(e.code()));
            let mut r = application_page(ctx, state, a, Some(&errors), None).await?;
            *r.status_mut() = e.status();
            Ok(r)
        }
        Err(Failure::App(e)) => Err(e),
    }
}

async fn submit(
    ctx: PageCtx,
    State(state): State<AppState>,
    user: User,
    ClientIp(ip): ClientIp,
    Path(id): Path<Uuid>,
) -> Result<Response, AppError> {
    let person = user.confirmed()?;
    let a = rules::own_application(&state, id, person).await?;
    submit_now(&ctx, &state, person, &a, Some(&ip)).await
}

async fn withdraw(
    State(state): State<AppState>,
    user: User,
    ClientIp(ip): ClientIp,
    Path(id): Path<Uuid>,
) -> Result<Response, AppError> {
    let person = user.confirmed()?;
    let a = rules::own_application(&state, id, person).await?;
    rules::withdraw(&state, person, &a, Some(&ip)).await?;
    Ok(see_other(&format!("/candidatures/{id}")))
}

/// One's applications, and the calls of the structures one runs as a funder.
async fn mine(
    ctx: PageCtx,
    State(state): State<AppState>,
    user: User,
) -> Result<Response, AppError> {
    let person = user.confirmed()?;
    let mut applications = vec![];
    let mut calls = vec![];
    for s in rules::managed_structures(&state, person).await? {
        for a in state.store.applications_of_structure(s.id).await? {
            applications.push(application_row(&a, false));
        }
        for c in state.store.calls_of_structure(s.id).await? {
            calls.push(call_view(&c));
        }
    }
    Ok(ctx.render(&state, "appels/mine.html", context! { applications, calls }))
}

/// The winners of a prize: granted, decision sent, with their initiatives as submitted.
async fn results(
    ctx: PageCtx,
    State(state): State<AppState>,
    Path(id): Path<Uuid>,
) -> Result<Response, AppError> {
    let call = rules::readable_call(&state, id, person(&ctx)).await?;
    if call.kind != "prize" {
        return Err(AppError::NotFound);
    }
    let winners: Vec<Value> = state
        .store
        .applications_of_call(id)
        .await?
        .iter()
        .filter(|a| a.is_sent_award())
        .map(|a| {
            let snap = Snapshot::parse(&a.snapshot);
            context! {
                structure => a.structure_name,
                structure_id => a.structure_id.to_string(),
                initiative_id => a.initiative_id.to_string(),
                initiative_title => snap.as_ref().map(|s| s.content.title.clone()),
                summary => snap.as_ref().map(|s| s.content.summary.clone()),
                amount => a.decision_amount_cents.filter(|_| call.publish_awards).map(|c| format_amount(c, &call.currency)),
            }
        })
        .collect();
    Ok(ctx.render(
        &state,
        "appels/results.html",
        context! { c => call_view(&call), winners },
    ))
}

/// The block of an initiative's page: the prizes it won and the open calls it fits.
pub async fn initiative_block(state: &AppState, i: &Initiative) -> Result<Value, AppError> {
    let prizes: Vec<Value> = state
        .store
        .prizes_of_initiative(i.id)
        .await?
        .iter()
        .map(|a| context! { call_id => a.call_id.to_string(), title => a.call_title, year => a.decision_sent_at.map(|d| d.format("%Y").to_string()) })
        .collect();
    let calls: Vec<Value> = rules::matching_calls(state, i)
        .await?
        .iter()
        .map(call_view)
        .collect();
    Ok(context! { prizes, calls })
}
