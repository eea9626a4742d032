//! Pages of self-assessment (autoévaluation): an initiative's self-assessments over time (the
//! latest as a radar with the previous one overlaid, the evolution as a table), the
//! questionnaire, one self-assessment with its answers, and publishing it.
//!
//! The rules (who reads, who writes, audit) are in `crate::assessment`.

use crate::assessment::{self as rules, dimension_scores, radar_view, score_text, RecordFailure};
use crate::auth::{ClientIp, User};
use crate::error::AppError;
use crate::i18n::Locale;
use crate::pages::{see_other, PageCtx};
use crate::state::AppState;
use axum::extract::{Path, State};
use axum::response::Response;
use axum::routing::{get, post};
use axum::{Form, Router};
use essaim_domain::assessment::{comment_field, Dimension, RawAnswer, QUESTIONS, SCALE_MAX};
use essaim_domain::invalid::FieldErrors;
use essaim_store::assessment::Assessment;
use minijinja::{context, Value};
use serde::Deserialize;
use std::collections::HashMap;
use uuid::Uuid;

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/initiatives/{id}/autoevaluation", get(list).post(create))
        .route("/initiatives/{id}/autoevaluation/nouvelle", get(new_form))
        .route("/initiatives/{id}/autoevaluation/{aid}", get(show))
        .route(
            "/initiatives/{id}/autoevaluation/{aid}/publication",
            post(publish),
        )
}

fn date(a: &Assessment) -> String {
    a.created_at.format("%Y-%m-%d").to_string()
}

fn summary(a: &Assessment, locale: Locale) -> Value {
    let s = dimension_scores(a);
    context! {
        id => a.id.to_string(),
        date => date(a),
        published => a.is_published,
        author => a.author_name,
        scores => s.iter().map(|x| score_text(*x, locale)).collect::<Vec<_>>(),
    }
}

fn dimensions(ctx: &PageCtx, state: &AppState) -> Vec<Value> {
    Dimension::ALL
        .iter()
        .map(|d| {
            context! {
                code => d.as_str(),
                name => ctx.t(state, &format!("assessment-dimension-{}", d.as_str())),
                questions => QUESTIONS.iter().filter(|q| q.dimension == *d).map(|q| q.id).collect::<Vec<_>>(),
            }
        })
        .collect()
}

async fn list(
    ctx: PageCtx,
    State(state): State<AppState>,
    Path(id): Path<Uuid>,
) -> Result<Response, AppError> {
    let person = ctx.user.as_ref().map(|u| &u.person);
    let (i, items, editor) = rules::list(&state, id, person).await?;
    let latest = items.last().map(dimension_scores);
    let previous = items
        .len()
        .checked_sub(2)
        .map(|n| dimension_scores(&items[n]));
    let radar = latest.map(|l| radar_view(&state, ctx.locale, &l, previous.as_ref()));
    let rows: Vec<Value> = items.iter().rev().map(|a| summary(a, ctx.locale)).collect();
    Ok(ctx.render(
        &state,
        "autoevaluation/list.html",
        context! {
            initiative => context! { id => i.id.to_string(), title => i.content.title },
            items => rows,
            latest_date => items.last().map(date),
            previous_date => items.len().checked_sub(2).map(|n| date(&items[n])),
            radar,
            editor,
            dimensions => dimensions(&ctx, &state),
        },
    ))
}

/// The questionnaire, with what was typed and the refusals when it comes back.
fn form_page(
    ctx: &PageCtx,
    state: &AppState,
    id: Uuid,
    title: &str,
    values: &HashMap<String, String>,
    errors: Option<&FieldErrors>,
) -> Response {
    let scale: Vec<u8> = (0..=SCALE_MAX).collect();
    let page = context! {
        initiative => context! { id => id.to_string(), title => title },
        dimensions => dimensions(ctx, state),
        scale,
        values,
    };
    match errors {
        Some(e) => ctx.render_invalid(state, "autoevaluation/form.html", e, page),
        None => ctx.render(state, "autoevaluation/form.html", page),
    }
}

async fn new_form(
    ctx: PageCtx,
    State(state): State<AppState>,
    user: User,
    Path(id): Path<Uuid>,
) -> Result<Response, AppError> {
    let person = user.confirmed()?;
    let i = crate::pages::initiatives::find_editable(&state, id, person).await?;
    Ok(form_page(
        &ctx,
        &state,
        i.id,
        &i.content.title,
        &HashMap::new(),
        None,
    ))
}

/// Reads the questionnaire's answers out of a form or a JSON object keyed by question.
pub fn raw_from(values: &HashMap<String, String>) -> impl Fn(&str) -> Option<RawAnswer> + '_ {
    move |q| {
        let score = values.get(q)?;
        Some(RawAnswer {
            score: score.clone(),
            comment: values.get(comment_field(q)).cloned().unwrap_or_default(),
        })
    }
}

async fn create(
    ctx: PageCtx,
    State(state): State<AppState>,
    user: User,
    Path(id): Path<Uuid>,
    Form(values): Form<HashMap<String, String>>,
) -> Result<Response, AppError> {
    let person = user.confirmed()?;
    match rules::record(&state, person, id, raw_from(&values)).await {
        Ok(a) => Ok(see_other(&format!(
            "/initiatives/{id}/autoevaluation/{}",
            a.id
        ))),
        Err(RecordFailure::Invalid(errors)) => {
            let i = crate::pages::initiatives::find_editable(&state, id, person).await?;
            Ok(form_page(
                &ctx,
                &state,
                i.id,
                &i.content.title,
                &values,
                Some(&errors),
            ))
        }
        Err(RecordFailure::App(e)) => Err(e),
    }
}

async fn show(
    ctx: PageCtx,
    State(state): State<AppState>,
    Path((id, aid)): Path<(Uuid, Uuid)>,
) -> Result<Response, AppError> {
    let person = ctx.user.as_ref().map(|u| &u.person);
    let (i, a) = rules::readable(&state, aid, person).await?;
    if i.id != id {
        return Err(AppError::NotFound);
    }
    let editor = crate::pages::initiatives::is_editor(&state, &i, person).await?;
    // The previous one a visitor may read: any for editors, the previous published otherwise.
    let all = state.store.assessments_of(i.id, editor).await?;
    let previous = all
        .iter()
        .rfind(|b| (b.created_at, b.id) < (a.created_at, a.id));
    let current = dimension_scores(&a);
    let previous_scores = previous.map(dimension_scores);
    let answers: HashMap<String, (u8, String)> = a
        .answer_list()
        .into_iter()
        .map(|x| (x.question, (x.score, x.comment)))
        .collect();
    let answers: HashMap<&str, Value> = QUESTIONS
        .iter()
        .filter_map(|q| {
            answers
                .get(q.id)
                .map(|(score, comment)| (q.id, context! { score => score, comment => comment }))
        })
        .collect();
    Ok(ctx.render(
        &state,
        "autoevaluation/show.html",
        context! {
            initiative => context! { id => i.id.to_string(), title => i.content.title },
            a => summary(&a, ctx.locale),
            previous_date => previous.map(date),
            radar => radar_view(&state, ctx.locale, &current, previous_scores.as_ref()),
            answers,
            dimensions => dimensions(&ctx, &state),
            editor,
        },
    ))
}

#[derive(Deserialize)]
pub struct PublishForm {
    #[serde(default)]
    published: String,
}

async fn publish(
    State(state): State<AppState>,
    user: User,
    ClientIp(ip): ClientIp,
    Path((id, aid)): Path<(Uuid, Uuid)>,
    Form(form): Form<PublishForm>,
) -> Result<Response, AppError> {
    let person = user.confirmed()?;
    let (i, _) = rules::readable(&state, aid, Some(person)).await?;
    if i.id != id {
        return Err(AppError::NotFound);
    }
    let published = match form.published.as_str() {
        "true" => true,
        "false" => false,
        _ => return Err(AppError::BadRequest("assessment_publication_invalid")),
    };
    rules::set_published(&state, person, aid, published, Some(&ip)).await?;
    Ok(see_other(&format!(
        "/initiatives/{id}/autoevaluation/{aid}"
    )))
}
