//! A panel's public page: its purpose and quotas, registering and withdrawing, the figures of
//! the selection, the draw and how to check it; and the draws' inputs, for anyone to redo them.
//! Volunteers appear by public number only.

use super::{find, panel_view, paris, selection_view, with_status, Errors};
use crate::auth::User;
use crate::error::AppError;
use crate::pages::{see_other, PageCtx};
use crate::sortition::{can_organise, parse_features, registration_open};
use crate::state::AppState;
use axum::extract::{Path, Query, State};
use axum::http::{header, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::Form;
use essaim_domain::sortition::instance::household_key;
use essaim_store::sortition::{NewVolunteer, Panel, POOL, REGISTRATION};
use essaim_store::{utc_now, StoreError};
use minijinja::{context, Value};
use serde::Deserialize;
use std::collections::{BTreeMap, HashMap};
use uuid::Uuid;

const MAX_HOUSEHOLD: usize = 300;

#[derive(Deserialize, Default)]
pub struct ShowQuery {
    /// After registering ("ok") or withdrawing ("ok").
    #[serde(default)]
    inscription: String,
    #[serde(default)]
    retrait: String,
}

pub async fn show(
    ctx: PageCtx,
    State(state): State<AppState>,
    Path(id): Path<Uuid>,
    Query(q): Query<ShowQuery>,
) -> Result<Response, AppError> {
    let p = find(&state, id).await?;
    let notice = if q.inscription == "ok" {
        Some("registered")
    } else if q.retrait == "ok" {
        Some("withdrawn")
    } else {
        None
    };
    render_show(&ctx, &state, &p, context! { notice }).await
}

/// The public page; `extra` carries a notice, or a refused registration with its values and
/// errors, or a problem (a refusal as a sentence).
async fn render_show(
    ctx: &PageCtx,
    state: &AppState,
    p: &Panel,
    extra: Value,
) -> Result<Response, AppError> {
    let person = ctx.user.as_ref().map(|u| &u.person);
    let organiser = match person {
        Some(person) => can_organise(state, p, person).await?,
        None => false,
    };
    let me = match person {
        Some(person) => state
            .store
            .volunteer_for_person(p.id, person.id)
            .await?
            .map(|v| context! { number => v.number, status => v.status, in_pool => v.status == POOL }),
        None => None,
    };
    let volunteers = state.store.count_volunteers(p.id).await?;
    let selection = crate::sortition::selection(p).map(|s| selection_view(&s, ctx.locale));
    let draws: Vec<Value> = state
        .store
        .list_draws(p.id)
        .await?
        .iter()
        .map(|d| {
            context! {
                round => d.round,
                seed => d.seed,
                fingerprint => d.fingerprint,
                at => paris(d.created_at),
                selected => d.selected,
                declined => d.declined,
            }
        })
        .collect();
    // Counts only: how many of the panel have each feature, never who.
    let quotas_met = if p.formed_at.is_some() {
        let all = state.store.list_volunteers(p.id).await?;
        crate::sortition::panel_quotas(p, &all)?
            .iter()
            .map(|q| {
                context! {
                    category => q.category, feature => q.feature, min => q.min, max => q.max,
                    panel => q.panel, met => q.met(),
                }
            })
            .collect()
    } else {
        vec![]
    };
    let view = panel_view(state, p).await?;
    Ok(ctx.render(
        state,
        "tirages/show.html",
        context! {
            p => view,
            organiser,
            me,
            volunteers,
            selection,
            draws,
            quotas_met,
            signed_in => person.is_some(),
            ..extra
        },
    ))
}

pub async fn register(
    ctx: PageCtx,
    State(state): State<AppState>,
    user: User,
    Path(id): Path<Uuid>,
    Form(pairs): Form<Vec<(String, String)>>,
) -> Result<Response, AppError> {
    let person = user.confirmed()?;
    let p = find(&state, id).await?;
    let refused = |code: &'static str| {
        let page = render_show(
            &ctx,
            &state,
            &p,
            context! { problem => ctx.t(&state, code) },
        );
        async move { Ok::<_, AppError>(with_status(page.await?, StatusCode::CONFLICT)) }
    };
    if !registration_open(&p, utc_now()) {
        return refused("sortition_registration_closed").await;
    }
    let get = |k: &str| {
        pairs
            .iter()
            .find(|(key, _)| key == k)
            .map(|(_, v)| v.trim().to_owned())
            .unwrap_or_default()
    };
    let categories = crate::sortition::categories(&p)?;
    let mut errors = Errors::default();
    let mut given = HashMap::new();
    let mut values = BTreeMap::new();
    for (i, c) in categories.iter().enumerate() {
        let field = format!("f{i}");
        let value = get(&field);
        if value.is_empty() {
            errors.add(&field, ctx.t(&state, "sortition_feature_missing"));
        } else if !c.features.iter().any(|f| f.name == value) {
            errors.add(&field, ctx.t(&state, "sortition_feature_unknown"));
        }
        values.insert(field, value.clone());
        given.insert(c.name.clone(), value);
    }
    let household = get("household");
    if p.one_per_household {
        if household_key(&household).is_empty() {
            errors.add("household", ctx.t(&state, "sortition_household_required"));
        } else if household.chars().count() > MAX_HOUSEHOLD {
            errors.add("household", ctx.t(&state, "sortition_household_too_long"));
        }
    }
    let consent = !get("consent").is_empty();
    if !consent {
        errors.add("consent", ctx.t(&state, "sortition_consent_required"));
    }
    let features = match parse_features(&categories, &given) {
        Ok(f) if errors.is_empty() => f,
        Ok(_) => serde_json::Value::Null,
        Err(code) => {
            errors.add("f0", ctx.t(&state, code));
            serde_json::Value::Null
        }
    };
    if !errors.is_empty() {
        let page = render_show(
            &ctx,
            &state,
            &p,
            context! {
                errors => errors.value(),
                reg => context! { features => values, household, consent },
            },
        )
        .await?;
        return Ok(with_status(page, StatusCode::UNPROCESSABLE_ENTITY));
    }
    let volunteer = NewVolunteer {
        person_id: Some(person.id),
        name: person.display_name.clone(),
        email: person.email.clone(),
        household: if p.one_per_household {
            household_key(&household)
        } else {
            String::new()
        },
        features,
        source: REGISTRATION.into(),
        created_at: utc_now(),
    };
    match state.store.add_volunteer(p.id, &volunteer).await {
        Ok(_) => Ok(see_other(&format!(
            "/tirages/{id}?inscription=ok#inscription"
        ))),
        Err(StoreError::AlreadyExists) => refused("sortition_already_registered").await,
        Err(StoreError::Conflict(code)) => refused(code).await,
        Err(e) => Err(e.into()),
    }
}

pub async fn withdraw(
    ctx: PageCtx,
    State(state): State<AppState>,
    user: User,
    Path(id): Path<Uuid>,
) -> Result<Response, AppError> {
    let person = user.person();
    let p = find(&state, id).await?;
    let code = match state.store.volunteer_for_person(p.id, person.id).await? {
        None => "sortition_not_registered",
        Some(v) => match state.store.remove_volunteer(p.id, v.id).await {
            Ok(()) => return Ok(see_other(&format!("/tirages/{id}?retrait=ok#inscription"))),
            Err(StoreError::Conflict(code)) => code,
            Err(e) => return Err(e.into()),
        },
    };
    let page = render_show(
        &ctx,
        &state,
        &p,
        context! { problem => ctx.t(&state, code) },
    )
    .await?;
    Ok(with_status(page, StatusCode::CONFLICT))
}

/// `/tirages/{id}/tirages/{round}.json`: the inputs of a recorded draw; for round 0 before the
/// draw, those of the stored selection, announced before the seed is known.
pub async fn inputs(
    State(state): State<AppState>,
    Path((id, round)): Path<(Uuid, String)>,
) -> Result<Response, AppError> {
    let round: i32 = round
        .strip_suffix(".json")
        .and_then(|r| r.parse().ok())
        .ok_or(AppError::NotFound)?;
    let p = find(&state, id).await?;
    let draws = state.store.list_draws(p.id).await?;
    let inputs = match draws.iter().find(|d| d.round == round) {
        Some(d) => d.inputs.clone(),
        None if round == 0 && p.formed_at.is_none() => {
            let s = crate::sortition::selection(&p).ok_or(AppError::NotFound)?;
            serde_json::to_value(&s.inputs).map_err(|e| AppError::Internal(e.into()))?
        }
        None => return Err(AppError::NotFound),
    };
    let body = serde_json::to_string_pretty(&inputs).map_err(|e| AppError::Internal(e.into()))?;
    Ok((
        [
            (header::CONTENT_TYPE, "application/json".to_owned()),
            (
                header::CONTENT_DISPOSITION,
                format!("attachment; filename=\"tirage-{round}.json\""),
            ),
        ],
        body,
    )
        .into_response())
}
