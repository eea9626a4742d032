//! Pages of impact contracts (contrats à impact): the contracts a person is party to, proposing
//! one to an initiative (funders), a contract with its outcomes reached and payments due,
//! signing or declining it, ending it, and its CSV export.
//!
//! The rules (who reads, who acts, audit, what is reached) are in `crate::outcomes`.

use crate::auth::{ClientIp, User};
use crate::error::AppError;
use crate::i18n::Locale;
use crate::outcomes::{self as rules, ProposalInput, ProposeFailure, ROWS};
use crate::pages::{see_other, PageCtx};
use crate::state::AppState;
use axum::extract::{Path, State};
use axum::http::{header, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use axum::{Form, Router};
use essaim_domain::invalid::FieldErrors;
use essaim_domain::outcomes::{format_euros, Assessed, OutcomeInput};
use essaim_store::outcomes::{Contract, ContractOutcome};
use essaim_store::Person;
use minijinja::{context, Value};
use serde::Deserialize;
use std::collections::HashMap;
use uuid::Uuid;

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/contrats-a-impact", get(list))
        .route(
            "/initiatives/{id}/contrats-a-impact",
            get(new_form).post(create),
        )
        .route("/contrats-a-impact/{id}", get(show))
        .route("/contrats-a-impact/{id}/export.csv", get(csv))
        .route("/contrats-a-impact/{id}/signature", post(sign))
        .route("/contrats-a-impact/{id}/fin", post(end))
}

fn indicator_name(o: &ContractOutcome, locale: Locale) -> &str {
    match locale {
        Locale::Fr => &o.indicator_name_fr,
        Locale::En => &o.indicator_name_en,
    }
}

fn number(x: f64, locale: Locale) -> String {
    let s = if x.fract() == 0.0 && x.abs() < 1e15 {
        format!("{x:.0}")
    } else {
        format!("{x:.2}")
    };
    match locale {
        Locale::Fr => s.replace('.', ","),
        Locale::En => s,
    }
}

async fn list(
    ctx: PageCtx,
    State(state): State<AppState>,
    user: User,
) -> Result<Response, AppError> {
    let person = user.confirmed()?;
    let items: Vec<Value> = rules::mine(&state, person)
        .await?
        .iter()
        .map(|c| {
            context! {
                id => c.id.to_string(), title => c.title, funder => c.funder_name,
                status => c.status, starts_on => c.starts_on,
            }
        })
        .collect();
    Ok(ctx.render(&state, "contrats/list.html", context! { items }))
}

/// The proposal form's fields, as typed.
#[derive(Deserialize, Default, serde::Serialize)]
pub struct ProposalForm {
    #[serde(default)]
    structure: String,
    #[serde(default)]
    title: String,
    #[serde(default)]
    terms: String,
    #[serde(default)]
    starts_on: String,
    #[serde(flatten)]
    rows: HashMap<String, String>,
}

impl ProposalForm {
    fn input(&self) -> ProposalInput {
        let get = |k: &str| self.rows.get(k).cloned().unwrap_or_default();
        ProposalInput {
            structure: self.structure.clone(),
            title: self.title.clone(),
            terms: self.terms.clone(),
            starts_on: self.starts_on.clone(),
            outcomes: ROWS
                .iter()
                .map(|f| {
                    (
                        get(f[0]),
                        OutcomeInput {
                            threshold: get(f[1]),
                            due_on: get(f[2]),
                            payment: get(f[3]),
                        },
                    )
                })
                .collect(),
        }
    }
}

async fn form_page(
    ctx: &PageCtx,
    state: &AppState,
    person: &Person,
    initiative: Uuid,
    values: &ProposalForm,
    errors: Option<&FieldErrors>,
) -> Result<Response, AppError> {
    let i = crate::pages::initiatives::find_visible(state, initiative, Some(person)).await?;
    let funders = rules::funder_structures(state, person).await?;
    if funders.is_empty() {
        return Err(AppError::Forbidden);
    }
    let structures: Vec<(String, String)> = funders
        .iter()
        .map(|s| (s.id.to_string(), s.name.clone()))
        .collect();
    let entries: Vec<(String, String)> = state
        .store
        .plan_entries(i.id)
        .await?
        .iter()
        .map(|e| {
            let name = match ctx.locale {
                Locale::Fr => &e.indicator_name_fr,
                Locale::En => &e.indicator_name_en,
            };
            (e.id.to_string(), name.clone())
        })
        .collect();
    let rows: Vec<Value> = ROWS
        .iter()
        .enumerate()
        .map(|(n, f)| {
            context! {
                n => n + 1,
                entry => f[0], threshold => f[1], due => f[2], payment => f[3],
            }
        })
        .collect();
    let page = context! {
        initiative => context! { id => i.id.to_string(), title => i.content.title },
        structures, entries, rows, values,
    };
    Ok(match errors {
        Some(e) => ctx.render_invalid(state, "contrats/form.html", e, page),
        None => ctx.render(state, "contrats/form.html", page),
    })
}

async fn new_form(
    ctx: PageCtx,
    State(state): State<AppState>,
    user: User,
    Path(id): Path<Uuid>,
) -> Result<Response, AppError> {
    let person = user.confirmed()?;
    let values = ProposalForm {
        starts_on: crate::network::today().format("%Y-%m-%d").to_string(),
        ..ProposalForm::default()
    };
    form_page(&ctx, &state, person, id, &values, None).await
}

async fn create(
    ctx: PageCtx,
    State(state): State<AppState>,
    user: User,
    ClientIp(ip): ClientIp,
    Path(id): Path<Uuid>,
    Form(form): Form<ProposalForm>,
) -> Result<Response, AppError> {
    let person = user.confirmed()?;
    match rules::propose(&state, person, id, &form.input(), Some(&ip)).await {
        Ok(c) => Ok(see_other(&format!("/contrats-a-impact/{}", c.id))),
        Err(ProposeFailure::Invalid(e)) => {
            form_page(&ctx, &state, person, id, &form, Some(&e)).await
        }
        Err(ProposeFailure::App(e)) => Err(e),
    }
}

/// The outcomes as templates and the CSV show them, with the total due.
fn outcome_rows(rows: &[(ContractOutcome, Assessed)], locale: Locale) -> (Vec<Value>, i64, i64) {
    let french = locale == Locale::Fr;
    let mut due = 0;
    let mut promised = 0;
    let out = rows
        .iter()
        .map(|(o, a)| {
            due += a.payment_due_cents;
            promised += o.payment_cents;
            context! {
                indicator => indicator_name(o, locale),
                unit => o.unit,
                direction => o.direction,
                threshold => number(o.threshold, locale),
                due_on => o.due_on,
                payment => format_euros(o.payment_cents, french),
                reached => a.reached,
                best => a.best.map(|b| number(b, locale)),
                reached_on => a.reached_on.map(|d| d.format("%Y-%m-%d").to_string()),
                payment_due => format_euros(a.payment_due_cents, french),
            }
        })
        .collect();
    (out, due, promised)
}

async fn show_page(
    ctx: &PageCtx,
    state: &AppState,
    c: &Contract,
    error: Option<String>,
    status: StatusCode,
) -> Result<Response, AppError> {
    let person = ctx.user.as_ref().map(|u| &u.person);
    let (funder_side, initiative_side) = match person {
        Some(p) => (
            rules::is_funder_side(state, c, p).await?,
            rules::is_initiative_side(state, c, p).await?,
        ),
        None => (false, false),
    };
    let i = state.store.initiative(c.initiative_id).await?;
    let rows = rules::assessed(state, c).await?;
    let (outcomes, due, promised) = outcome_rows(&rows, ctx.locale);
    let french = ctx.locale == Locale::Fr;
    let page = ctx.render(
        state,
        "contrats/show.html",
        context! {
            c => context! {
                id => c.id.to_string(), title => c.title, funder => c.funder_name,
                funder_id => c.funder_structure_id.to_string(), status => c.status,
                starts_on => c.starts_on,
                signed_at => c.signed_at.map(|t| t.format("%Y-%m-%d").to_string()),
                ended_at => c.ended_at.map(|t| t.format("%Y-%m-%d").to_string()),
            },
            terms_html => essaim_domain::markdown::render(&c.terms),
            initiative => i.map(|i| context! { id => i.id.to_string(), title => i.content.title }),
            outcomes,
            total_due => format_euros(due, french),
            total_promised => format_euros(promised, french),
            can_sign => initiative_side && c.status == "proposed",
            can_end => (funder_side || initiative_side) && (c.status == "proposed" || c.status == "active"),
            error,
        },
    );
    Ok((status, page).into_response())
}

async fn show(
    ctx: PageCtx,
    State(state): State<AppState>,
    Path(id): Path<Uuid>,
) -> Result<Response, AppError> {
    let person = ctx.user.as_ref().map(|u| &u.person);
    let c = rules::readable(&state, id, person).await?;
    show_page(&ctx, &state, &c, None, StatusCode::OK).await
}

fn csv_field(s: &str) -> String {
    // Formula injection: a cell that a spreadsheet would evaluate starts with a quote.
    let s = essaim_domain::opendata::defuse_cell(s).into_owned();
    if s.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", s.replace('"', "\"\""))
    } else {
        s
    }
}

/// The contract's outcomes as CSV: one line per outcome, amounts in cents, dates ISO.
async fn csv(
    ctx: PageCtx,
    State(state): State<AppState>,
    Path(id): Path<Uuid>,
) -> Result<Response, AppError> {
    let person = ctx.user.as_ref().map(|u| &u.person);
    let c = rules::readable(&state, id, person).await?;
    let rows = rules::assessed(&state, &c).await?;
    let mut out = String::from(
        "contrat,titre,financeur,statut,debut,indicateur,sens,seuil,echeance,paiement_centimes,atteint,meilleure_valeur_verifiee,atteint_le,du_centimes\n",
    );
    for (o, a) in &rows {
        let line = [
            c.id.to_string(),
            c.title.clone(),
            c.funder_name.clone(),
            c.status.clone(),
            c.starts_on.clone(),
            o.indicator_code.clone(),
            o.direction.clone(),
            o.threshold.to_string(),
            o.due_on.clone(),
            o.payment_cents.to_string(),
            a.reached.to_string(),
            a.best.map(|b| b.to_string()).unwrap_or_default(),
            a.reached_on
                .map(|d| d.format("%Y-%m-%d").to_string())
                .unwrap_or_default(),
            a.payment_due_cents.to_string(),
        ];
        out.push_str(
            &line
                .iter()
                .map(|s| csv_field(s))
                .collect::<Vec<_>>()
                .join(","),
        );
        out.push('\n');
    }
    Ok((
        [
            (header::CONTENT_TYPE, "text/csv; charset=utf-8".to_owned()),
            (
                header::CONTENT_DISPOSITION,
                format!("attachment; filename=\"contrat-{}.csv\"", c.id),
            ),
        ],
        out,
    )
        .into_response())
}

#[derive(Deserialize)]
pub struct SignForm {
    #[serde(default)]
    decision: String,
}

async fn sign(
    ctx: PageCtx,
    State(state): State<AppState>,
    user: User,
    ClientIp(ip): ClientIp,
    Path(id): Path<Uuid>,
    Form(form): Form<SignForm>,
) -> Result<Response, AppError> {
    let person = user.confirmed()?;
    let c = rules::readable(&state, id, Some(person)).await?;
    let accept = match form.decision.as_str() {
        "accept" => true,
        "decline" => false,
        _ => return Err(AppError::BadRequest("outcomes_decision_invalid")),
    };
    match rules::sign(&state, person, &c, accept, Some(&ip)).await {
        Ok(()) => Ok(see_other(&format!("/contrats-a-impact/{id}"))),
        Err(e @ AppError::Conflict(_)) => {
            let m = ctx.t(&state, e.code());
            show_page(&ctx, &state, &c, Some(m), e.status()).await
        }
        Err(e) => Err(e),
    }
}

async fn end(
    ctx: PageCtx,
    State(state): State<AppState>,
    user: User,
    ClientIp(ip): ClientIp,
    Path(id): Path<Uuid>,
) -> Result<Response, AppError> {
    let person = user.confirmed()?;
    let c = rules::readable(&state, id, Some(person)).await?;
    match rules::end(&state, person, &c, Some(&ip)).await {
        Ok(()) => Ok(see_other(&format!("/contrats-a-impact/{id}"))),
        Err(e @ AppError::Conflict(_)) => {
            let m = ctx.t(&state, e.code());
            show_page(&ctx, &state, &c, Some(m), e.status()).await
        }
        Err(e) => Err(e),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn csv_cells_are_quoted_and_formulas_defused_tabs_and_returns_too() {
        assert_eq!(csv_field("=1+1"), "'=1+1");
        assert_eq!(csv_field("\t@x"), "'\t@x");
        assert_eq!(csv_field("\r+x"), "\"'\r+x\"");
        assert_eq!(csv_field("a,b"), "\"a,b\"");
    }
}
