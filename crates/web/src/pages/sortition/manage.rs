//! The organisers' page: the volunteers with their features and chances, importing
//! respondents, computing the selection, the draw with a public seed, replacing those who
//! declined, and erasing the pool.

use super::settings::{file_error_message, find_organised};
use super::{failure_message, panel_view, paris, selection_view, with_status};
use crate::audit;
use crate::auth::{ClientIp, User};
use crate::error::AppError;
use crate::pages::{see_other, PageCtx};
use crate::sortition::SortitionFailure;
use crate::state::AppState;
use axum::extract::{Multipart, Path, Query, State};
use axum::http::StatusCode;
use axum::response::Response;
use axum::Form;
use essaim_domain::sortition::files::{read_respondents, FileError};
use essaim_domain::sortition::Category;
use essaim_store::sortition::{NewVolunteer, Panel, IMPORT, SELECTED};
use essaim_store::{utc_now, StoreError};
use minijinja::{context, Value};
use serde::Deserialize;
use std::collections::HashMap;
use uuid::Uuid;

#[derive(Deserialize, Default)]
pub struct DoneQuery {
    /// What was just done: "import", "selection", "tirage", "remplacement", "effacement".
    #[serde(default)]
    fait: String,
    #[serde(default)]
    n: Option<u64>,
}

pub async fn page(
    ctx: PageCtx,
    State(state): State<AppState>,
    user: User,
    Path(id): Path<Uuid>,
    Query(q): Query<DoneQuery>,
) -> Result<Response, AppError> {
    let p = find_organised(&state, id, user.person()).await?;
    let done = match q.fait.as_str() {
        "import" | "selection" | "tirage" | "remplacement" | "effacement" => Some(q.fait.as_str()),
        _ => None,
    };
    render_manage(&ctx, &state, &p, context! { done, n => q.n }).await
}

/// The organisers' page; `extra` carries what was just done, or a problem.
async fn render_manage(
    ctx: &PageCtx,
    state: &AppState,
    p: &Panel,
    extra: Value,
) -> Result<Response, AppError> {
    let categories = crate::sortition::categories(p)?;
    let selection = crate::sortition::selection(p);
    let chances: HashMap<i32, f64> = selection
        .as_ref()
        .map(|s| {
            s.numbers
                .iter()
                .zip(&s.probabilities)
                .map(|(n, x)| (*n as i32, *x))
                .collect()
        })
        .unwrap_or_default();
    let volunteers = state.store.list_volunteers(p.id).await?;
    let rows: Vec<Value> = volunteers
        .iter()
        .map(|v| {
            let features: Vec<String> = categories
                .iter()
                .map(|c| {
                    v.features
                        .get(&c.name)
                        .and_then(|f| f.as_str())
                        .unwrap_or("")
                        .to_owned()
                })
                .collect();
            context! {
                number => v.number,
                name => v.name,
                email => v.email,
                household => v.household,
                features,
                source => v.source,
                status => v.status,
                probability => chances.get(&v.number).map(|x| super::percent(*x, ctx.locale)),
            }
        })
        .collect();
    let selected: Vec<Value> = volunteers
        .iter()
        .filter(|v| v.status == SELECTED)
        .map(|v| context! { number => v.number, name => v.name })
        .collect();
    let draws: Vec<Value> = state
        .store
        .list_draws(p.id)
        .await?
        .iter()
        .map(|d| {
            context! {
                round => d.round, seed => d.seed, fingerprint => d.fingerprint,
                at => paris(d.created_at), selected => d.selected, declined => d.declined,
            }
        })
        .collect();
    let last_seed = draws.last().and_then(|d| d.get_attr("seed").ok());
    let view = panel_view(state, p).await?;
    let erased = p.pool_erased_at.is_some();
    let formed = p.formed_at.is_some();
    Ok(ctx.render(
        state,
        "tirages/manage.html",
        context! {
            p => view,
            category_names => categories.iter().map(|c| c.name.clone()).collect::<Vec<_>>(),
            volunteers => rows,
            selection => selection.as_ref().map(|s| selection_view(s, ctx.locale)),
            selected,
            draws,
            last_seed,
            can_import => !formed && !erased,
            can_select => !formed && !erased,
            can_draw => !formed && selection.is_some(),
            can_replace => formed && !erased,
            can_erase => formed && !erased,
            ..extra
        },
    ))
}

/// The page again with a refusal of the service: its message (and, for quotas that cannot be
/// met, the explanation), with its status.
async fn refused(
    ctx: &PageCtx,
    state: &AppState,
    p: &Panel,
    failure: SortitionFailure,
    extra: Value,
) -> Result<Response, AppError> {
    let (status, problem) = failure_message(ctx, state, failure)?;
    let page = render_manage(ctx, state, p, context! { problem, ..extra }).await?;
    Ok(with_status(page, status))
}

/// A respondents file read against the quotas: the volunteers to add, or the refusal.
fn read_import(text: &str, categories: &[Category]) -> Result<Vec<NewVolunteer>, FileError> {
    let respondents = read_respondents(text, categories)?;
    // Names and e-mails, read from the same rows (blank rows skipped alike).
    let mut rdr = csv::ReaderBuilder::new()
        .flexible(true)
        .trim(csv::Trim::All)
        .from_reader(text.as_bytes());
    let headers: Vec<String> = rdr
        .headers()
        .map(|h| h.iter().map(|s| s.trim().to_lowercase()).collect())
        .unwrap_or_default();
    let column = |names: &[&str]| headers.iter().position(|h| names.contains(&h.as_str()));
    let name = column(&["nom", "name", "prénom et nom", "nom complet"]);
    let email = column(&["email", "e-mail", "courriel", "mél", "mel"]);
    let now = utc_now();
    let mut volunteers = Vec::with_capacity(respondents.len());
    let mut rows = rdr.records().enumerate();
    for r in respondents {
        let (line, record) = loop {
            let (i, record) = rows.next().expect("the same rows as the respondents");
            let record = record.map_err(|e| FileError {
                file: "respondents.csv",
                line: i + 2,
                code: "sortition_csv_malformed",
                detail: e.to_string(),
            })?;
            if !record.iter().all(str::is_empty) {
                break (i + 2, record);
            }
        };
        let cell = |c: Option<usize>| {
            c.and_then(|c| record.get(c))
                .unwrap_or("")
                .trim()
                .to_owned()
        };
        let address = cell(email);
        if !address.is_empty() && essaim_domain::Email::parse(&address).is_err() {
            return Err(FileError {
                file: "respondents.csv",
                line,
                code: "sortition_csv_email_invalid",
                detail: address,
            });
        }
        let features: serde_json::Map<String, serde_json::Value> = categories
            .iter()
            .zip(&r.features)
            .map(|(c, &f)| {
                (
                    c.name.clone(),
                    serde_json::Value::String(c.features[f].name.clone()),
                )
            })
            .collect();
        volunteers.push(NewVolunteer {
            person_id: None,
            name: cell(name).chars().take(200).collect(),
            email: address,
            household: r.household,
            features: serde_json::Value::Object(features),
            source: IMPORT.into(),
            created_at: now,
        });
    }
    Ok(volunteers)
}

pub async fn import(
    ctx: PageCtx,
    State(state): State<AppState>,
    ClientIp(ip): ClientIp,
    user: User,
    Path(id): Path<Uuid>,
    mut form: Multipart,
) -> Result<Response, AppError> {
    let person = user.person();
    let p = find_organised(&state, id, person).await?;
    let mut bytes = Vec::new();
    while let Some(field) = form
        .next_field()
        .await
        .map_err(|_| AppError::BadRequest("multipart_invalid"))?
    {
        if field.name() == Some("file") {
            bytes = field
                .bytes()
                .await
                .map_err(|_| AppError::PayloadTooLarge)?
                .to_vec();
        }
    }
    if p.formed_at.is_some() {
        let failure = SortitionFailure::Refused("sortition_panel_formed");
        return refused(&ctx, &state, &p, failure, Value::default()).await;
    }
    let problem = |message: String| context! { import_problem => message };
    let text = match String::from_utf8(bytes) {
        Ok(t) => t.trim_start_matches('\u{feff}').to_owned(),
        Err(_) => {
            let message = ctx.t(&state, "sortition_csv_not_utf8");
            let page = render_manage(&ctx, &state, &p, problem(message)).await?;
            return Ok(with_status(page, StatusCode::UNPROCESSABLE_ENTITY));
        }
    };
    let categories = crate::sortition::categories(&p)?;
    let volunteers = match read_import(&text, &categories) {
        Ok(v) if v.is_empty() => {
            let message = ctx.t(&state, "sortition_csv_empty");
            let page = render_manage(&ctx, &state, &p, problem(message)).await?;
            return Ok(with_status(page, StatusCode::UNPROCESSABLE_ENTITY));
        }
        Ok(v) => v,
        Err(e) => {
            let message = file_error_message(&state, &ctx, &e);
            let page = render_manage(&ctx, &state, &p, problem(message)).await?;
            return Ok(with_status(page, StatusCode::UNPROCESSABLE_ENTITY));
        }
    };
    let n = match state.store.import_volunteers(p.id, &volunteers).await {
        Ok(n) => n,
        Err(StoreError::AlreadyExists) => {
            let message = ctx.t(&state, "sortition_import_duplicate");
            let page = render_manage(&ctx, &state, &p, problem(message)).await?;
            return Ok(with_status(page, StatusCode::CONFLICT));
        }
        Err(StoreError::Conflict(code)) => {
            let failure = SortitionFailure::Refused(code);
            return refused(&ctx, &state, &p, failure, Value::default()).await;
        }
        Err(e) => return Err(e.into()),
    };
    audit::record(
        &state,
        Some(person.id),
        "sortition_volunteers_imported",
        format!("panel:{id}"),
        Some(&ip),
        format!("{n} volunteers"),
    )
    .await?;
    Ok(see_other(&format!(
        "/tirages/{id}/gestion?fait=import&n={n}#volontaires"
    )))
}

pub async fn selection(
    ctx: PageCtx,
    State(state): State<AppState>,
    user: User,
    Path(id): Path<Uuid>,
) -> Result<Response, AppError> {
    let p = find_organised(&state, id, user.person()).await?;
    match crate::sortition::compute_selection(&state, &p).await {
        Ok(_) => Ok(see_other(&format!(
            "/tirages/{id}/gestion?fait=selection#selection"
        ))),
        Err(failure) => refused(&ctx, &state, &p, failure, Value::default()).await,
    }
}

#[derive(Deserialize)]
pub struct SeedForm {
    #[serde(default)]
    seed: String,
}

pub async fn draw(
    ctx: PageCtx,
    State(state): State<AppState>,
    ClientIp(ip): ClientIp,
    user: User,
    Path(id): Path<Uuid>,
    Form(form): Form<SeedForm>,
) -> Result<Response, AppError> {
    let person = user.person();
    let p = find_organised(&state, id, person).await?;
    match crate::sortition::draw(&state, &p, &form.seed, person).await {
        Ok(chosen) => {
            audit::record(
                &state,
                Some(person.id),
                "sortition_drawn",
                format!("panel:{id}"),
                Some(&ip),
                format!("{} selected", chosen.len()),
            )
            .await?;
            Ok(see_other(&format!(
                "/tirages/{id}/gestion?fait=tirage#tirage"
            )))
        }
        Err(failure) => {
            let extra = context! { seed => form.seed };
            refused(&ctx, &state, &p, failure, extra).await
        }
    }
}

pub async fn replace(
    ctx: PageCtx,
    State(state): State<AppState>,
    ClientIp(ip): ClientIp,
    user: User,
    Path(id): Path<Uuid>,
    Form(pairs): Form<Vec<(String, String)>>,
) -> Result<Response, AppError> {
    let person = user.person();
    let p = find_organised(&state, id, person).await?;
    let declined: Vec<u32> = pairs
        .iter()
        .filter(|(k, _)| k == "declined")
        .filter_map(|(_, v)| v.trim().parse().ok())
        .collect();
    let seed = pairs
        .iter()
        .find(|(k, _)| k == "seed")
        .map(|(_, v)| v.clone())
        .unwrap_or_default();
    match crate::sortition::replace(&state, &p, &declined, &seed, person).await {
        Ok(chosen) => {
            audit::record(
                &state,
                Some(person.id),
                "sortition_replaced",
                format!("panel:{id}"),
                Some(&ip),
                format!("{} declined, {} selected", declined.len(), chosen.len()),
            )
            .await?;
            Ok(see_other(&format!(
                "/tirages/{id}/gestion?fait=remplacement#remplacements"
            )))
        }
        Err(failure) => {
            let extra = context! { replacement_seed => seed, declined };
            refused(&ctx, &state, &p, failure, extra).await
        }
    }
}

pub async fn erase(
    ctx: PageCtx,
    State(state): State<AppState>,
    ClientIp(ip): ClientIp,
    user: User,
    Path(id): Path<Uuid>,
) -> Result<Response, AppError> {
    let person = user.person();
    let p = find_organised(&state, id, person).await?;
    match state.store.erase_pool(p.id, utc_now()).await {
        Ok(n) => {
            audit::record(
                &state,
                Some(person.id),
                "sortition_pool_erased",
                format!("panel:{id}"),
                Some(&ip),
                format!("{n} volunteers erased"),
            )
            .await?;
            Ok(see_other(&format!(
                "/tirages/{id}/gestion?fait=effacement&n={n}"
            )))
        }
        Err(StoreError::Conflict(code)) => {
            refused(
                &ctx,
                &state,
                &p,
                SortitionFailure::Refused(code),
                Value::default(),
            )
            .await
        }
        Err(e) => Err(e.into()),
    }
}
