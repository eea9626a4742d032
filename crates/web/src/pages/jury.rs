//! Pages of the hackathon jury: the organisers' jury page (criteria and jurors), a juror's
//! list of teams and the score sheet of one team, and the results (the organisers see both
//! rankings and publish one; published results are public), from which winners are put in
//! incubation. The rules are in `crate::jury`.

use crate::auth::{ClientIp, User};
use crate::error::AppError;
use crate::i18n::Locale;
use crate::jury::{self as rules, Failure, Rankings, TypedSheet};
use crate::pages::{see_other, PageCtx};
use crate::state::AppState;
use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use axum::{Form, Router};
use essaim_domain::invalid::{FieldErrors, Invalid};
use essaim_domain::jury::{hundredths, CriterionInput, Ranking};
use essaim_store::events::EventRow;
use minijinja::{context, Value};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use uuid::Uuid;

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/evenements/{id}/hackathon/jury", get(jury_page))
        .route(
            "/evenements/{id}/hackathon/jury/criteres",
            post(add_criterion),
        )
        .route(
            "/evenements/{id}/hackathon/jury/criteres/{criterion}/suppression",
            post(delete_criterion),
        )
        .route("/evenements/{id}/hackathon/jury/jures", post(add_juror))
        .route(
            "/evenements/{id}/hackathon/jury/jures/{person}/retrait",
            post(remove_juror),
        )
        .route("/evenements/{id}/hackathon/jury/noter", get(juror_teams))
        .route(
            "/evenements/{id}/hackathon/jury/noter/{team}",
            get(score_form).post(score),
        )
        .route("/evenements/{id}/hackathon/resultats", get(results))
        .route(
            "/evenements/{id}/hackathon/resultats/publication",
            post(publish),
        )
        .route(
            "/evenements/{id}/hackathon/resultats/retrait",
            post(unpublish),
        )
        .route("/evenements/{id}/hackathon/incubation", post(incubate))
}

fn event_view(e: &EventRow) -> Value {
    context! { id => e.id.to_string(), title => e.title }
}

#[derive(Deserialize, Serialize, Default, Clone)]
pub struct CriterionForm {
    #[serde(default)]
    name: String,
    #[serde(default)]
    description: String,
    #[serde(default)]
    weight: String,
    #[serde(default)]
    scale_min: String,
    #[serde(default)]
    scale_max: String,
}

#[derive(Deserialize, Serialize, Default, Clone)]
pub struct JurorForm {
    #[serde(default)]
    email: String,
}

/// The organisers' jury page, with the forms' values and errors when one came back.
async fn jury_render(
    ctx: &PageCtx,
    state: &AppState,
    e: &EventRow,
    criterion: &CriterionForm,
    juror: &JurorForm,
    errors: Option<&FieldErrors>,
    juror_added: bool,
) -> Result<Response, AppError> {
    let criteria: Vec<Value> = state
        .store
        .jury_criteria(e.id)
        .await?
        .into_iter()
        .map(|c| {
            context! {
                id => c.id.to_string(), name => c.name, description => c.description,
                weight => c.weight, scale_min => c.scale_min, scale_max => c.scale_max,
            }
        })
        .collect();
    let jurors: Vec<Value> = state
        .store
        .jurors(e.id)
        .await?
        .into_iter()
        .map(
            |j| context! { id => j.person_id.to_string(), name => j.person_name, email => j.email },
        )
        .collect();
    let settings = state.store.get_hackathon(e.id).await?.is_some();
    let page = context! {
        e => event_view(e), criteria, jurors, settings,
        criterion_values => criterion, juror_values => juror, juror_added,
    };
    Ok(match errors {
        Some(errs) => ctx.render_invalid(state, "jury/jury.html", errs, page),
        None => ctx.render(state, "jury/jury.html", page),
    })
}

#[derive(Deserialize, Default)]
pub struct JuryQuery {
    /// Set after the juror form, whose answer does not say whether the address has an account.
    #[serde(default)]
    jure: Option<String>,
}

async fn jury_page(
    ctx: PageCtx,
    State(state): State<AppState>,
    user: User,
    Path(id): Path<Uuid>,
    Query(q): Query<JuryQuery>,
) -> Result<Response, AppError> {
    let person = user.confirmed()?;
    let e = rules::organised(&state, id, person).await?;
    let criterion = CriterionForm {
        weight: "1".into(),
        scale_min: "0".into(),
        scale_max: "10".into(),
        ..Default::default()
    };
    jury_render(
        &ctx,
        &state,
        &e,
        &criterion,
        &JurorForm::default(),
        None,
        q.jure.is_some(),
    )
    .await
}

async fn add_criterion(
    ctx: PageCtx,
    State(state): State<AppState>,
    user: User,
    Path(id): Path<Uuid>,
    Form(form): Form<CriterionForm>,
) -> Result<Response, AppError> {
    let person = user.confirmed()?;
    let e = rules::organised(&state, id, person).await?;
    let input = CriterionInput {
        name: form.name.clone(),
        description: form.description.clone(),
        weight: form.weight.clone(),
        scale_min: form.scale_min.clone(),
        scale_max: form.scale_max.clone(),
    };
    match rules::add_criterion(&state, &e, person, &input).await {
        Ok(_) => Ok(see_other(&format!("/evenements/{id}/hackathon/jury"))),
        Err(Failure::Invalid(errors)) => {
            jury_render(
                &ctx,
                &state,
                &e,
                &form,
                &JurorForm::default(),
                Some(&errors),
                false,
            )
            .await
        }
        Err(Failure::App(e)) => crate::groups::explain_throttle(e, "jury-throttled"),
    }
}

async fn delete_criterion(
    State(state): State<AppState>,
    user: User,
    Path((id, criterion)): Path<(Uuid, Uuid)>,
) -> Result<Response, AppError> {
    let person = user.confirmed()?;
    let e = rules::organised(&state, id, person).await?;
    rules::delete_criterion(&state, &e, criterion).await?;
    Ok(see_other(&format!("/evenements/{id}/hackathon/jury")))
}

async fn add_juror(
    ctx: PageCtx,
    State(state): State<AppState>,
    user: User,
    ClientIp(ip): ClientIp,
    Path(id): Path<Uuid>,
    Form(form): Form<JurorForm>,
) -> Result<Response, AppError> {
    let person = user.confirmed()?;
    let e = rules::organised(&state, id, person).await?;
    match rules::add_juror(&state, &e, person, &form.email, Some(&ip)).await {
        Ok(()) => Ok(see_other(&format!(
            "/evenements/{id}/hackathon/jury?jure=ajoute#jurors-title"
        ))),
        Err(Failure::Invalid(errors)) => {
            let criterion = CriterionForm {
                weight: "1".into(),
                scale_min: "0".into(),
                scale_max: "10".into(),
                ..Default::default()
            };
            jury_render(&ctx, &state, &e, &criterion, &form, Some(&errors), false).await
        }
        Err(Failure::App(e)) => crate::groups::explain_throttle(e, "jury-throttled"),
    }
}

async fn remove_juror(
    State(state): State<AppState>,
    user: User,
    ClientIp(ip): ClientIp,
    Path((id, juror)): Path<(Uuid, Uuid)>,
) -> Result<Response, AppError> {
    let person = user.confirmed()?;
    let e = rules::organised(&state, id, person).await?;
    rules::remove_juror(&state, &e, person, juror, Some(&ip)).await?;
    Ok(see_other(&format!("/evenements/{id}/hackathon/jury")))
}

/// A juror's teams: those they may score, and those they may not, with the reason.
async fn juror_teams(
    ctx: PageCtx,
    State(state): State<AppState>,
    user: User,
    Path(id): Path<Uuid>,
) -> Result<Response, AppError> {
    let person = user.confirmed()?;
    let e = rules::judged(&state, id, person).await?;
    let mut teams = vec![];
    for t in rules::juror_teams(&state, &e, person.id).await? {
        let reason = match &t.conflict {
            Some(c) => Some(rules::conflict_reason(&state, ctx.locale, c).await?),
            None => None,
        };
        teams.push(context! {
            id => t.team.row.id.to_string(),
            label => rules::team_label(&state, ctx.locale, t.team.row.number, &t.team.row.name),
            solution => t.team.row.solution_title,
            defi => t.team.row.defi_title,
            scored => t.scored,
            reason,
        });
    }
    let criteria = !state.store.jury_criteria(e.id).await?.is_empty();
    Ok(ctx.render(
        &state,
        "jury/teams.html",
        context! { e => event_view(&e), teams, criteria },
    ))
}

/// The score sheet's errors: one per criterion, keyed `score-{id}`.
fn sheet_errors(state: &AppState, locale: Locale, errors: &[(Uuid, Invalid)]) -> Value {
    let list: Vec<Value> = errors
        .iter()
        .map(|(c, i)| context! { field => format!("score-{c}"), message => state.i18n.t(locale, i.code) })
        .collect();
    let by_field: BTreeMap<String, String> = errors
        .iter()
        .map(|(c, i)| (format!("score-{c}"), state.i18n.t(locale, i.code)))
        .collect();
    context! { list, by_field }
}

#[allow(clippy::too_many_arguments)]
async fn sheet_page(
    ctx: &PageCtx,
    state: &AppState,
    e: &EventRow,
    person: Uuid,
    team: Uuid,
    typed: Option<&TypedSheet>,
    errors: Option<&[(Uuid, Invalid)]>,
    refusal: Option<&'static str>,
) -> Result<Response, AppError> {
    let t = rules::juror_teams(state, e, person)
        .await?
        .into_iter()
        .find(|t| t.team.row.id == team)
        .ok_or(AppError::NotFound)?;
    let reason = match &t.conflict {
        Some(c) => Some(rules::conflict_reason(state, ctx.locale, c).await?),
        None => None,
    };
    let given: BTreeMap<Uuid, (i64, String)> = state
        .store
        .jury_scores(e.id)
        .await?
        .into_iter()
        .filter(|s| s.team_id == team && s.juror_id == person)
        .map(|s| (s.criterion_id, (s.value, s.comment)))
        .collect();
    let criteria: Vec<Value> = state
        .store
        .jury_criteria(e.id)
        .await?
        .into_iter()
        .map(|c| {
            let (value, comment) = match typed {
                Some(t) => t.get(&c.id).cloned().unwrap_or_default(),
                None => given
                    .get(&c.id)
                    .map(|(v, m)| (v.to_string(), m.clone()))
                    .unwrap_or_default(),
            };
            context! {
                id => c.id.to_string(), name => c.name, description => c.description,
                weight => c.weight, scale_min => c.scale_min, scale_max => c.scale_max,
                value, comment,
            }
        })
        .collect();
    let page = context! {
        e => event_view(e),
        team => context! {
            id => team.to_string(),
            label => rules::team_label(state, ctx.locale, t.team.row.number, &t.team.row.name),
            solution => t.team.row.solution_title,
            pitch_html => essaim_domain::markdown::render(&t.team.row.pitch),
            defi => t.team.row.defi_title,
        },
        criteria, reason, scored => t.scored,
        errors => errors.map(|e| sheet_errors(state, ctx.locale, e)),
        refusal => refusal.map(|code| state.i18n.t(ctx.locale, code)),
    };
    let r = ctx.render(state, "jury/score.html", page);
    Ok(if errors.is_some() {
        (StatusCode::UNPROCESSABLE_ENTITY, r).into_response()
    } else if (t.conflict.is_some() || refusal.is_some()) && typed.is_some() {
        (StatusCode::CONFLICT, r).into_response()
    } else {
        r
    })
}

async fn score_form(
    ctx: PageCtx,
    State(state): State<AppState>,
    user: User,
    Path((id, team)): Path<(Uuid, Uuid)>,
) -> Result<Response, AppError> {
    let person = user.confirmed()?;
    let e = rules::judged(&state, id, person).await?;
    // Said before the juror types anything: published results take no more scores.
    let refusal = state
        .store
        .jury_results(e.id)
        .await?
        .map(|_| essaim_store::jury::conflict::RESULTS_PUBLISHED);
    sheet_page(&ctx, &state, &e, person.id, team, None, None, refusal).await
}

/// The sheet's fields: `score-{criterion}` and `comment-{criterion}`.
fn read_sheet(pairs: Vec<(String, String)>) -> TypedSheet {
    let mut sheet = TypedSheet::new();
    for (k, v) in pairs {
        if let Some(c) = k.strip_prefix("score-").and_then(|c| c.parse().ok()) {
            sheet.entry(c).or_default().0 = v;
        } else if let Some(c) = k.strip_prefix("comment-").and_then(|c| c.parse().ok()) {
            sheet.entry(c).or_default().1 = v;
        }
    }
    sheet
}

async fn score(
    ctx: PageCtx,
    State(state): State<AppState>,
    user: User,
    Path((id, team)): Path<(Uuid, Uuid)>,
    Form(pairs): Form<Vec<(String, String)>>,
) -> Result<Response, AppError> {
    let person = user.confirmed()?;
    let e = rules::judged(&state, id, person).await?;
    let typed = read_sheet(pairs);
    match rules::save_scores(&state, &e, person, team, &typed).await {
        Ok(()) => Ok(see_other(&format!(
            "/evenements/{id}/hackathon/jury/noter?note={team}"
        ))),
        Err(Ok(errors)) => {
            sheet_page(
                &ctx,
                &state,
                &e,
                person.id,
                team,
                Some(&typed),
                Some(&errors),
                None,
            )
            .await
        }
        // A conflict of interest, or another refusal (results published, no criteria): the
        // sheet again with what was typed, the reason, 409, nothing stored.
        Err(Err(AppError::Conflict(code))) => {
            sheet_page(
                &ctx,
                &state,
                &e,
                person.id,
                team,
                Some(&typed),
                None,
                Some(code),
            )
            .await
        }
        Err(Err(err)) => crate::groups::explain_throttle(err, "jury-throttled"),
    }
}

/// A mean as shown: two decimals, with the language's separator.
pub fn mean_text(locale: Locale, h: i64) -> String {
    let s = format!("{}.{:02}", h / 100, (h % 100).abs());
    match locale {
        Locale::Fr => s.replace('.', ","),
        _ => s,
    }
}

/// A ranking as templates show it: rows, and the ties in words.
pub fn ranking_view(state: &AppState, locale: Locale, r: &Ranking, rk: &Rankings) -> Value {
    let label = |id: Uuid| {
        rk.teams
            .iter()
            .find(|t| t.row.id == id)
            .map(|t| rules::team_label(state, locale, t.row.number, &t.row.name))
            .unwrap_or_default()
    };
    let team = |id: Uuid| rk.teams.iter().find(|t| t.row.id == id);
    let rows: Vec<Value> = r
        .rows
        .iter()
        .map(|row| {
            let t = team(row.team);
            context! {
                id => row.team.to_string(),
                label => label(row.team),
                solution => t.map(|t| t.row.solution_title.clone()),
                defi => t.and_then(|t| t.row.defi_title.clone()),
                rank => row.rank,
                mean => row.mean.map(|m| mean_text(locale, hundredths(m))),
                jurors => row.jurors,
                fewer => row.fewer_jurors,
                tied => row.tied,
            }
        })
        .collect();
    let ties: Vec<String> = r
        .ties
        .iter()
        .map(|tie| {
            let names: Vec<String> = tie.teams.iter().map(|t| label(*t)).collect();
            state.i18n.message(
                locale,
                if tie.same_jurors {
                    "jury-tie-same-jurors"
                } else {
                    "jury-tie-other-jurors"
                },
                &[
                    ("rank", tie.rank.to_string()),
                    ("teams", names.join(", ")),
                    ("mean", mean_text(locale, tie.mean_hundredths)),
                ],
            )
        })
        .collect();
    context! { rows, ties, max_jurors => r.max_jurors }
}

async fn results(
    ctx: PageCtx,
    State(state): State<AppState>,
    Path(id): Path<Uuid>,
) -> Result<Response, AppError> {
    let e = rules::hackathon(&state, id).await?;
    let organiser = match ctx.user.as_ref() {
        Some(u) => crate::events::can_manage(&state, &e, &u.person).await?,
        None => false,
    };
    let published = state.store.jury_results(e.id).await?;
    if !organiser && published.is_none() {
        return Err(AppError::NotFound);
    }
    let rk = rules::rankings(&state, &e).await?;
    let raw = ranking_view(&state, ctx.locale, &rk.raw, &rk);
    let normalised = ranking_view(&state, ctx.locale, &rk.normalised, &rk);
    let incubations: BTreeMap<String, String> = state
        .store
        .list_incubations(Some(e.id))
        .await?
        .into_iter()
        .map(|i| (i.team_id.to_string(), i.id.to_string()))
        .collect();
    let today = essaim_domain::deliberation::conversation::to_paris(essaim_store::utc_now())
        .format("%Y-%m-%d")
        .to_string();
    Ok(ctx.render(
        &state,
        "jury/results.html",
        context! {
            e => event_view(&e), organiser, raw, normalised, incubations, today,
            published => published.as_ref().map(|p| context! {
                normalised => p.normalised,
                at => crate::events::paris_time(p.published_at),
            }),
            jurors => rk.jurors.len(),
        },
    ))
}

#[derive(Deserialize)]
pub struct PublishForm {
    #[serde(default)]
    normalised: Option<String>,
}

async fn publish(
    State(state): State<AppState>,
    user: User,
    ClientIp(ip): ClientIp,
    Path(id): Path<Uuid>,
    Form(form): Form<PublishForm>,
) -> Result<Response, AppError> {
    let person = user.confirmed()?;
    let e = rules::organised(&state, id, person).await?;
    let normalised = matches!(form.normalised.as_deref(), Some("on" | "true" | "1"));
    rules::publish(&state, &e, person, normalised, Some(&ip)).await?;
    Ok(see_other(&format!("/evenements/{id}/hackathon/resultats")))
}

async fn unpublish(
    State(state): State<AppState>,
    user: User,
    ClientIp(ip): ClientIp,
    Path(id): Path<Uuid>,
) -> Result<Response, AppError> {
    let person = user.confirmed()?;
    let e = rules::organised(&state, id, person).await?;
    rules::unpublish(&state, &e, person, Some(&ip)).await?;
    Ok(see_other(&format!("/evenements/{id}/hackathon/resultats")))
}

#[derive(Deserialize)]
pub struct IncubateForm {
    #[serde(default)]
    team: String,
    #[serde(default)]
    starts_on: String,
}

async fn incubate(
    ctx: PageCtx,
    State(state): State<AppState>,
    user: User,
    Path(id): Path<Uuid>,
    Form(form): Form<IncubateForm>,
) -> Result<Response, AppError> {
    let person = user.confirmed()?;
    let e = rules::organised(&state, id, person).await?;
    let team: Uuid = form.team.trim().parse().map_err(|_| AppError::NotFound)?;
    match rules::start(&state, ctx.locale, &e, person, team, &form.starts_on).await {
        Ok(i) => Ok(see_other(&format!("/incubations/{}", i.id))),
        Err(Failure::Invalid(errors)) => {
            let code = errors
                .0
                .first()
                .map(|(_, i)| i.code)
                .unwrap_or("incubation_date_invalid");
            Err(AppError::Unprocessable(code))
        }
        Err(Failure::App(e)) => crate::groups::explain_throttle(e, "jury-throttled"),
    }
}
