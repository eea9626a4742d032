//! Pages of the impact barometer: France, each région and each département, optionally for one
//! challenge (`?defi=`), with a map of départements coloured by a chosen measure (`?mesure=`),
//! and two places side by side (`/barometre/comparer?a=&b=`).
//!
//! The rules (places, figures) are in `crate::barometer`.

use crate::barometer::{self as rules, BarometerOut, Place};
use crate::error::AppError;
use crate::i18n::Locale;
use crate::pages::{names, PageCtx};
use crate::state::AppState;
use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use axum::Router;
use essaim_domain::barometer::{share, Measure};
use essaim_domain::territory::{TerritoryLevel, TerritoryRef};
use minijinja::{context, Value};
use serde::Deserialize;
use std::collections::HashMap;

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/barometre", get(national))
        .route("/barometre/comparer", get(compare))
        .route("/barometre/{territoire}", get(territory))
}

#[derive(Deserialize, Default)]
pub struct BarometerQuery {
    defi: Option<String>,
    mesure: Option<String>,
}

/// A number as the language writes it: thousands grouped, at most one decimal.
pub fn number(x: f64, locale: Locale) -> String {
    let rounded = (x * 10.0).round() / 10.0;
    let whole = rounded.trunc().abs() as i64;
    let digits = whole.to_string();
    let mut grouped = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            grouped.push(match locale {
                Locale::Fr => '\u{202f}',
                Locale::En => ',',
            });
        }
        grouped.push(c);
    }
    let frac = ((rounded.abs() - whole as f64) * 10.0).round() as i64;
    let sign = if rounded < 0.0 { "-" } else { "" };
    if frac == 0 {
        format!("{sign}{grouped}")
    } else {
        let sep = match locale {
            Locale::Fr => ',',
            Locale::En => '.',
        };
        format!("{sign}{grouped}{sep}{frac}")
    }
}

fn percent(p: Option<f64>, locale: Locale, none: &str) -> String {
    match p {
        Some(v) => match locale {
            Locale::Fr => format!("{}\u{a0}%", number(v, locale)),
            Locale::En => format!("{}%", number(v, locale)),
        },
        None => none.to_owned(),
    }
}

/// The figures as templates show them.
fn view(ctx: &PageCtx, state: &AppState, b: &BarometerOut) -> Value {
    let none = ctx.t(state, "barometer-no-data");
    let l = ctx.locale;
    context! {
        initiatives => number(b.initiatives as f64, l),
        by_stage => b.by_stage.iter().map(|s| context! {
            stage => s.stage, count => number(s.count as f64, l),
        }).collect::<Vec<_>>(),
        indicators => number(b.indicators as f64, l),
        measured => number(b.measured as f64, l),
        on_track => number(b.on_track as f64, l),
        on_track_percent => percent(b.on_track_percent, l, &none),
        people => number(b.people_reached, l),
        levels => b.evidence_levels.iter().map(|x| context! {
            level => x.level, count => number(x.count as f64, l), percent => percent(x.percent, l, &none),
        }).collect::<Vec<_>>(),
        years => b.years.iter().map(|y| context! {
            year => y.year, measured => number(y.measured as f64, l),
            on_track => percent(y.on_track_percent, l, &none),
            people => number(y.people_reached, l),
        }).collect::<Vec<_>>(),
    }
}

fn link(place: &Place, challenge: &Option<String>) -> String {
    let base = if place.reference.is_none() {
        "/barometre".to_owned()
    } else {
        format!("/barometre/{}", place.slug())
    };
    match challenge {
        Some(c) => format!("{base}?defi={c}"),
        None => base,
    }
}

/// The map of départements coloured by `measure`, with its table alternative.
async fn map_view(
    ctx: &PageCtx,
    state: &AppState,
    place: &Place,
    challenge: &Option<String>,
    measure: Measure,
) -> Result<Value, AppError> {
    // A région's barometer shows its départements; a département's shows its région's, so that
    // it is seen among neighbours; France shows them all.
    let region = match &place.reference {
        Some(r) if r.level == TerritoryLevel::Departement => state
            .territories
            .get(r)
            .and_then(|t| t.parents.iter().find(|p| p.level == TerritoryLevel::Region))
            .cloned(),
        other => other.clone(),
    };
    let in_region = |code: &str| match &region {
        None => true,
        Some(region) => state
            .territories
            .get(&TerritoryRef {
                level: TerritoryLevel::Departement,
                code: code.to_owned(),
            })
            .is_some_and(|t| t.parents.contains(region)),
    };
    let rows: Vec<_> = state
        .store
        .barometer_map(challenge.as_deref())
        .await?
        .into_iter()
        .filter(|d| in_region(&d.code))
        .collect();
    let value = |d: &essaim_store::barometer::DepartementFigures| -> Option<f64> {
        match measure {
            Measure::Initiatives => Some(d.initiatives as f64),
            Measure::People => Some(d.people),
            Measure::OnTrack => share(d.on_track, d.measured),
        }
    };
    let counts: HashMap<String, i64> = rows
        .iter()
        .filter_map(|d| value(d).map(|v| (d.code.clone(), v.round() as i64)))
        .collect();
    let l = ctx.locale;
    let none = ctx.t(state, "barometer-no-data");
    let measure_name = ctx.t(state, &format!("barometer-measure-{}", measure.as_str()));
    let suffix = match &challenge {
        Some(c) => format!("?defi={c}&mesure={}", measure.as_str()),
        None => format!("?mesure={}", measure.as_str()),
    };
    let title = format!("{} — {}", ctx.t(state, "barometer-map-title"), measure_name);
    let svg = crate::map::choropleth(
        &counts,
        &|code| format!("/barometre/departement-{code}{suffix}"),
        &|name, n| {
            format!(
                "{name}{}{}",
                ctx.t(state, "barometer-colon"),
                number(n as f64, l)
            )
        },
        &title,
    );
    let mut table: Vec<Value> = rows
        .iter()
        .map(|d| {
            let name = TerritoryRef::parse(&format!("departement:{}", d.code))
                .ok()
                .and_then(|r| state.territories.get(&r))
                .map(|t| t.name.clone())
                .unwrap_or_else(|| d.code.clone());
            context! {
                code => d.code, name => name,
                value => match measure {
                    Measure::OnTrack => percent(value(d), l, &none),
                    _ => value(d).map(|v| number(v, l)).unwrap_or_else(|| none.clone()),
                },
            }
        })
        .collect();
    table.sort_by_key(|v| {
        v.get_attr("code")
            .map(|c| c.to_string())
            .unwrap_or_default()
    });
    let measures: Vec<Value> = Measure::ALL
        .iter()
        .map(|m| context! { code => m.as_str(), name => ctx.t(state, &format!("barometer-measure-{}", m.as_str())) })
        .collect();
    Ok(context! {
        svg, table, measure => measure.as_str(), measure_name, measures,
    })
}

async fn page(
    ctx: &PageCtx,
    state: &AppState,
    place: Place,
    q: &BarometerQuery,
) -> Result<Response, AppError> {
    let challenge = rules::challenge(state, q.defi.as_deref())
        .await
        .unwrap_or(None);
    let measure = Measure::parse(q.mesure.as_deref().unwrap_or(""));
    let b = rules::figures(state, &place, challenge.clone()).await?;
    let challenges = names::challenges(state, ctx.locale).await?;
    let challenge_name = challenge
        .as_deref()
        .map(|c| names::challenge_name(&challenges, c));
    let map = map_view(ctx, state, &place, &challenge, measure).await?;
    // Links down: the régions of France, the départements of a région.
    let children: Vec<Value> = match &place.reference {
        None => state
            .territories
            .iter()
            .filter(|t| t.level == TerritoryLevel::Region)
            .map(|t| context! { href => link(&Place { reference: Some(t.reference()), name: String::new() }, &challenge), name => t.name })
            .collect(),
        Some(r) if r.level == TerritoryLevel::Region => state
            .territories
            .iter()
            .filter(|t| t.level == TerritoryLevel::Departement && t.parents.contains(r))
            .map(|t| context! { href => link(&Place { reference: Some(t.reference()), name: String::new() }, &challenge), name => t.name })
            .collect(),
        Some(_) => vec![],
    };
    let name = if place.reference.is_none() {
        ctx.t(state, "barometer-france")
    } else {
        place.name.clone()
    };
    Ok(ctx.render(
        state,
        "barometre/show.html",
        context! {
            place => context! { name => name, slug => place.slug(), api => place.api_ref() },
            here => link(&place, &None),
            challenge, challenge_name, challenges,
            b => view(ctx, state, &b),
            map, children,
        },
    ))
}

async fn national(
    ctx: PageCtx,
    State(state): State<AppState>,
    Query(q): Query<BarometerQuery>,
) -> Result<Response, AppError> {
    let place = rules::france(&state);
    page(&ctx, &state, place, &q).await
}

async fn territory(
    ctx: PageCtx,
    State(state): State<AppState>,
    Path(slug): Path<String>,
    Query(q): Query<BarometerQuery>,
) -> Result<Response, AppError> {
    let place = rules::place(&state, &slug).ok_or(AppError::NotFound)?;
    page(&ctx, &state, place, &q).await
}

#[derive(Deserialize, Default)]
pub struct CompareQuery {
    #[serde(default)]
    a: String,
    #[serde(default)]
    b: String,
    defi: Option<String>,
}

/// Two places side by side; the form comes back with a message for a place it does not know.
async fn compare(
    ctx: PageCtx,
    State(state): State<AppState>,
    Query(q): Query<CompareQuery>,
) -> Result<Response, AppError> {
    let challenge = rules::challenge(&state, q.defi.as_deref())
        .await
        .unwrap_or(None);
    let challenges = names::challenges(&state, ctx.locale).await?;
    let asked = !(q.a.trim().is_empty() && q.b.trim().is_empty());
    let mut errors = vec![];
    let mut columns = vec![];
    if asked {
        for (field, value) in [("a", &q.a), ("b", &q.b)] {
            // A place typed by name is resolved too ("Finistère").
            let found = rules::place(&state, value).or_else(|| {
                let wanted = essaim_domain::territory::normalise_name(value);
                state
                    .territories
                    .iter()
                    .filter(|t| {
                        matches!(
                            t.level,
                            TerritoryLevel::Region | TerritoryLevel::Departement
                        )
                    })
                    .find(|t| essaim_domain::territory::normalise_name(&t.name) == wanted)
                    .map(|t| Place {
                        reference: Some(t.reference()),
                        name: t.name.clone(),
                    })
            });
            match found {
                Some(p) => {
                    let b = rules::figures(&state, &p, challenge.clone()).await?;
                    let name = if p.reference.is_none() {
                        ctx.t(&state, "barometer-france")
                    } else {
                        p.name.clone()
                    };
                    columns.push(context! { name => name, href => link(&p, &challenge), b => view(&ctx, &state, &b) });
                }
                None => errors.push(context! {
                    field => field,
                    message => ctx.t(&state, "barometer_territory_unknown"),
                }),
            }
        }
    }
    let status = if errors.is_empty() {
        StatusCode::OK
    } else {
        StatusCode::UNPROCESSABLE_ENTITY
    };
    let errors_by_field: HashMap<String, String> = errors
        .iter()
        .filter_map(|e| {
            Some((
                e.get_attr("field").ok()?.to_string(),
                e.get_attr("message").ok()?.to_string(),
            ))
        })
        .collect();
    let page = ctx.render(
        &state,
        "barometre/compare.html",
        context! {
            a => q.a, b => q.b, challenge, challenges,
            columns => if errors.is_empty() { columns } else { vec![] },
            errors => if errors.is_empty() { None } else { Some(context! { list => errors, by_field => errors_by_field }) },
        },
    );
    Ok((status, page).into_response())
}
