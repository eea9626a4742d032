//! Sortition of citizens' panels (*tirages au sort*): the list, creating and editing a panel,
//! its public page (quotas, registration, the selection's figures and the draw with what
//! anyone needs to check it), and the organisers' page (volunteers, import, selection, draw,
//! replacements, erasure).
//!
//! Who may do what: anyone reads the public page and downloads the draws' inputs; signed-in
//! people register while registration is open; organising is for
//! `crate::sortition::can_organise` (the creator, the structure's managers, admins). The public
//! page shows counts and volunteers' public numbers only, never a name, an e-mail or anyone's
//! features. The shared rules live in `crate::sortition`.

mod list;
mod manage;
mod panel;
mod settings;

use crate::error::AppError;
use crate::i18n::Locale;
use crate::pages::PageCtx;
use crate::sortition::SortitionFailure;
use crate::state::AppState;
use axum::http::StatusCode;
use axum::response::Response;
use axum::routing::{get, post};
use axum::Router;
use chrono::{DateTime, Utc};
use essaim_domain::deliberation::conversation::to_paris;
use essaim_domain::sortition::Category;
use essaim_store::sortition::Panel;
use minijinja::{context, Value};
use uuid::Uuid;

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/tirages", get(list::list).post(settings::create))
        .route("/tirages/nouveau", get(settings::new_form))
        .route("/tirages/{id}", get(panel::show))
        .route(
            "/tirages/{id}/modifier",
            get(settings::edit_form).post(settings::update),
        )
        .route("/tirages/{id}/inscription", post(panel::register))
        .route("/tirages/{id}/retrait", post(panel::withdraw))
        .route("/tirages/{id}/tirages/{round}", get(panel::inputs))
        .route("/tirages/{id}/gestion", get(manage::page))
        .route("/tirages/{id}/import", post(manage::import))
        .route("/tirages/{id}/selection", post(manage::selection))
        .route("/tirages/{id}/tirage", post(manage::draw))
        .route("/tirages/{id}/remplacements", post(manage::replace))
        .route("/tirages/{id}/effacement", post(manage::erase))
}

pub async fn find(state: &AppState, id: Uuid) -> Result<Panel, AppError> {
    state.store.get_panel(id).await?.ok_or(AppError::NotFound)
}

/// A time as people in France read it: Europe/Paris wall-clock date and time.
fn paris(t: DateTime<Utc>) -> Value {
    let local = to_paris(t);
    context! {
        date => local.format("%Y-%m-%d").to_string(),
        time => local.format("%H:%M").to_string(),
        iso => t.to_rfc3339(),
    }
}

/// Where a panel stands: "open" (registration open), "closed" (registration closed, not
/// drawn yet) or "formed".
fn phase(
    formed_at: Option<DateTime<Utc>>,
    erased_at: Option<DateTime<Utc>>,
    closes_at: Option<DateTime<Utc>>,
    now: DateTime<Utc>,
) -> &'static str {
    if formed_at.is_some() {
        "formed"
    } else if erased_at.is_some() || closes_at.is_some_and(|t| t <= now) {
        "closed"
    } else {
        "open"
    }
}

/// The quotas, one row per feature (they are public).
fn quota_rows(categories: &[Category]) -> Vec<Value> {
    categories
        .iter()
        .flat_map(|c| {
            c.features.iter().map(move |f| {
                context! { category => c.name, feature => f.name, min => f.min, max => f.max }
            })
        })
        .collect()
}

/// A panel as its pages show it (nothing about any volunteer).
async fn panel_view(state: &AppState, p: &Panel) -> Result<Value, AppError> {
    let now = essaim_store::utc_now();
    let categories = crate::sortition::categories(p)?;
    let structure = state
        .store
        .structure(p.structure_id)
        .await?
        .map(|s| context! { id => s.id.to_string(), name => s.name });
    Ok(context! {
        id => p.id.to_string(),
        title => p.title,
        purpose_html => essaim_domain::markdown::render(&p.purpose),
        panel_size => p.panel_size,
        one_per_household => p.one_per_household,
        structure,
        phase => phase(p.formed_at, p.pool_erased_at, p.registration_closes_at, now),
        registration_open => crate::sortition::registration_open(p, now),
        registration_closes_at => p.registration_closes_at.map(paris),
        formed_at => p.formed_at.map(paris),
        pool_erased_at => p.pool_erased_at.map(paris),
        erasure_due_at => p.erasure_due_at().map(paris),
        erase_after_days => p.erase_after_days,
        selection_at => p.selection_at.map(paris),
        quotas => quota_rows(&categories),
        categories => categories.iter().map(|c| context! {
            name => c.name,
            features => c.features.iter().map(|f| f.name.clone()).collect::<Vec<_>>(),
        }).collect::<Vec<_>>(),
    })
}

/// A probability in percent, one decimal, written the way the language writes it.
fn percent(x: f64, locale: Locale) -> String {
    let s = format!("{:.1}", x * 100.0);
    match locale {
        Locale::Fr => s.replace('.', ","),
        Locale::En => s,
    }
}

/// A number with two decimals (the Gini coefficient), per language.
fn decimal2(x: f64, locale: Locale) -> String {
    let s = format!("{x:.2}");
    match locale {
        Locale::Fr => s.replace('.', ","),
        Locale::En => s,
    }
}

/// The figures of a selection (aggregates only) and its histogram, drawn as SVG bars.
fn selection_view(s: &crate::sortition::Selection, locale: Locale) -> Value {
    const WIDTH: f64 = 400.0;
    const HEIGHT: f64 = 120.0;
    let summary = &s.summary;
    let bins = summary.histogram.len().max(1);
    let highest = summary.histogram.iter().copied().max().unwrap_or(0).max(1) as f64;
    let bar = WIDTH / bins as f64;
    let bars: Vec<Value> = summary
        .histogram
        .iter()
        .enumerate()
        .map(|(i, &count)| {
            let h = (count as f64 / highest * HEIGHT).round();
            let from = i as f64 * summary.histogram_width;
            context! {
                x => format!("{:.1}", i as f64 * bar + 1.0),
                y => format!("{:.1}", HEIGHT - h),
                width => format!("{:.1}", bar - 2.0),
                height => format!("{h:.1}"),
                count,
                from => percent(from, locale),
                to => percent(from + summary.histogram_width, locale),
            }
        })
        .collect();
    context! {
        pool => summary.pool,
        panel => summary.panel,
        min => percent(summary.min_probability, locale),
        max => percent(summary.max_probability, locale),
        gini => decimal2(summary.gini, locale),
        panels => summary.panels,
        fingerprint => s.fingerprint,
        algorithm => s.algorithm.as_str(),
        bars,
        chart_width => WIDTH,
        chart_height => HEIGHT,
        top => percent(summary.max_probability, locale),
    }
}

/// The message of a refusal of the service, and its status: 409 when the panel's state
/// forbids the action, 422 when what was asked cannot be done with this input.
fn refusal_status(code: &str) -> StatusCode {
    use essaim_store::sortition::conflict::*;
    let conflicts = [
        PANEL_FORMED,
        POOL_CHANGED,
        POOL_ERASED,
        PANEL_NOT_FORMED,
        DRAW_OUT_OF_ORDER,
        DRAW_MISMATCH,
        NOT_IN_POOL,
        "sortition_no_selection",
        "sortition_registration_closed",
        "sortition_already_registered",
        "sortition_not_registered",
    ];
    if conflicts.contains(&code) {
        StatusCode::CONFLICT
    } else {
        StatusCode::UNPROCESSABLE_ENTITY
    }
}

/// A failure of the service as a message for the page, with its status; `Err` for failures
/// of the application itself.
fn failure_message(
    ctx: &PageCtx,
    state: &AppState,
    failure: SortitionFailure,
) -> Result<(StatusCode, Value), AppError> {
    match failure {
        SortitionFailure::Refused(code) => Ok((
            refusal_status(code),
            context! { message => ctx.t(state, code), code },
        )),
        SortitionFailure::Infeasible(x) => {
            let conflicts: Vec<Value> = x
                .conflicts
                .iter()
                .map(|c| {
                    context! {
                        category => c.category, feature => c.feature, min => c.min,
                        max => c.max, pool => c.pool, closest => c.closest,
                    }
                })
                .collect();
            Ok((
                StatusCode::UNPROCESSABLE_ENTITY,
                context! {
                    message => ctx.t(state, "sortition_infeasible"),
                    code => "sortition_infeasible",
                    conflicts,
                    unfilled => x.unfilled,
                },
            ))
        }
        SortitionFailure::App(e) => Err(e),
    }
}

/// A page's errors: the summary's list (each a link to its field) and the messages by field.
#[derive(Default)]
struct Errors(Vec<(String, String)>);

impl Errors {
    fn add(&mut self, field: impl Into<String>, message: String) {
        let field = field.into();
        if !self.0.iter().any(|(f, _)| *f == field) {
            self.0.push((field, message));
        }
    }

    fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    fn value(&self) -> Value {
        let list: Vec<Value> = self
            .0
            .iter()
            .map(|(field, message)| context! { field, message })
            .collect();
        let by_field: std::collections::BTreeMap<&str, &str> = self
            .0
            .iter()
            .map(|(f, m)| (f.as_str(), m.as_str()))
            .collect();
        context! { list, by_field }
    }
}

fn with_status(mut page: Response, status: StatusCode) -> Response {
    *page.status_mut() = status;
    page
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::Duration;

    #[test]
    fn phase_follows_registration_and_the_draw() {
        let now = essaim_store::utc_now();
        let (before, after) = (now - Duration::hours(1), now + Duration::hours(1));
        assert_eq!(phase(None, None, None, now), "open");
        assert_eq!(phase(None, None, Some(after), now), "open");
        assert_eq!(phase(None, None, Some(before), now), "closed");
        assert_eq!(phase(Some(before), None, Some(after), now), "formed");
    }

    #[test]
    fn percentages_are_written_per_language() {
        assert_eq!(percent(0.125, Locale::Fr), "12,5");
        assert_eq!(percent(0.125, Locale::En), "12.5");
        assert_eq!(decimal2(0.0312, Locale::Fr), "0,03");
    }
}
