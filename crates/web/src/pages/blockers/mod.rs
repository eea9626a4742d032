//! Pages of administrative blockers (*blocages*, *hackers publics*): the list, reporting one,
//! a blocker with its messages and status, the aggregate page, the admins' page of public
//! hackers, and the open data of public blockers (CSV and its Table Schema).
//!
//! The rules (who reads, who moves the status, routing, mails, audit) are in `crate::blockers`.

use crate::auth::{Admin, ClientIp, User};
use crate::blockers::{self as rules, ReportFailure};
use crate::error::AppError;
use crate::i18n::Locale;
use crate::pages::{names, see_other, PageCtx};
use crate::state::AppState;
use axum::extract::{Path, Query, State};
use axum::http::{header, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use axum::{Form, Json, Router};
use essaim_domain::blockers::{BlockerInput, Counts, Status, UNPUBLISHED_ADMINISTRATION};
use essaim_domain::invalid::{FieldErrors, Invalid};
use essaim_domain::territory::TerritoryRef;
use essaim_domain::territory_pick::pick;
use essaim_store::blockers::{Blocker, BlockerFilter, NewHacker};
use essaim_store::{utc_now, Page, Person, StoreError};
use minijinja::{context, Value};
use serde::{Deserialize, Serialize};
use uuid::Uuid;

const PER_PAGE: i64 = 20;

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/blocages", get(list).post(create))
        .route("/blocages/nouveau", get(new_form))
        .route("/blocages/synthese", get(summary))
        .route("/blocages/hackers-publics", get(hackers).post(add_hacker))
        .route(
            "/blocages/hackers-publics/{id}/suppression",
            post(remove_hacker),
        )
        .route("/blocages/{id}", get(show))
        .route("/blocages/{id}/messages", post(message))
        .route("/blocages/{id}/statut", post(move_status))
        .route("/data/blocages.csv", get(csv))
        .route("/schemas/blocages.json", get(schema))
}

fn card(state: &AppState, b: &Blocker, themes: &[(String, String)]) -> Value {
    context! {
        id => b.id.to_string(),
        title => b.title,
        administration => b.administration,
        territory => names::territory_name(state, &b.territory),
        theme => b.theme.as_deref().map(|t| names::challenge_name(themes, t)),
        status => b.status,
        public => b.is_public,
        created => b.created_at.format("%Y-%m-%d").to_string(),
    }
}

#[derive(Deserialize)]
pub struct ListQuery {
    page: Option<i64>,
    statut: Option<String>,
}

async fn list(
    ctx: PageCtx,
    State(state): State<AppState>,
    Query(q): Query<ListQuery>,
) -> Result<Response, AppError> {
    let person = ctx.user.as_ref().map(|u| &u.person);
    let status = q
        .statut
        .as_deref()
        .and_then(Status::parse)
        .map(|s| s.as_str().to_owned());
    let filter = BlockerFilter {
        everything: person.is_some_and(Person::is_admin),
        viewer: person.map(|p| p.id),
        status: status.clone(),
    };
    let total = state.store.count_blockers(&filter).await?;
    let pages = ((total + PER_PAGE - 1) / PER_PAGE).max(1);
    let page = q.page.unwrap_or(1).clamp(1, pages);
    let items = state
        .store
        .list_blockers(
            &filter,
            Page {
                limit: PER_PAGE,
                offset: (page - 1) * PER_PAGE,
            },
        )
        .await?;
    let themes = names::challenges(&state, ctx.locale).await?;
    let items: Vec<Value> = items.iter().map(|b| card(&state, b, &themes)).collect();
    let statuses: Vec<&str> = Status::ALL.iter().map(|s| s.as_str()).collect();
    Ok(ctx.render(
        &state,
        "blocages/list.html",
        context! { items, total, page, pages, statuses, status },
    ))
}

/// The report form's fields, as typed.
#[derive(Deserialize, Serialize, Default, Clone)]
pub struct ReportForm {
    #[serde(default)]
    title: String,
    #[serde(default)]
    description: String,
    #[serde(default)]
    administration: String,
    #[serde(default)]
    since: String,
    #[serde(default)]
    tried: String,
    #[serde(default)]
    territory: String,
    #[serde(default)]
    theme: String,
    #[serde(default)]
    structure: String,
    /// "public" or "private".
    #[serde(default)]
    visibility: String,
}

async fn form_page(
    ctx: &PageCtx,
    state: &AppState,
    person: &Person,
    values: &ReportForm,
    errors: Option<&FieldErrors>,
    suggestions: Vec<Value>,
) -> Result<Response, AppError> {
    let themes = names::challenges(state, ctx.locale).await?;
    let structures: Vec<(String, String)> = state
        .store
        .structures_of(person.id)
        .await?
        .into_iter()
        .map(|(s, _)| (s.id.to_string(), s.name))
        .collect();
    let page = context! { values, themes, structures, suggestions };
    Ok(match errors {
        Some(e) => ctx.render_invalid(state, "blocages/form.html", e, page),
        None => ctx.render(state, "blocages/form.html", page),
    })
}

async fn new_form(
    ctx: PageCtx,
    State(state): State<AppState>,
    user: User,
) -> Result<Response, AppError> {
    let person = user.confirmed()?;
    let values = ReportForm {
        visibility: "private".into(),
        ..ReportForm::default()
    };
    form_page(&ctx, &state, person, &values, None, vec![]).await
}

async fn create(
    ctx: PageCtx,
    State(state): State<AppState>,
    user: User,
    ClientIp(ip): ClientIp,
    Form(mut form): Form<ReportForm>,
) -> Result<Response, AppError> {
    let person = user.confirmed()?;
    // A territory typed by name is resolved first; several candidates are offered back.
    let mut suggestions = vec![];
    if !form.territory.trim().is_empty() {
        match pick(state.territories, &form.territory) {
            Ok(t) => form.territory = t.reference().to_string(),
            Err(candidates) => {
                suggestions = candidates
                    .iter()
                    .map(|t| context! { reference => t.reference().to_string(), name => t.name, level => t.level.as_str() })
                    .collect();
            }
        }
    }
    let structure = match form.structure.trim() {
        "" => Ok(None),
        s => s.parse::<Uuid>().map(Some),
    };
    let input = BlockerInput {
        title: form.title.clone(),
        description: form.description.clone(),
        administration: form.administration.clone(),
        since: form.since.clone(),
        tried: form.tried.clone(),
        territory: form.territory.clone(),
        theme: form.theme.clone(),
        public: form.visibility == "public",
    };
    // Visibility fails closed: only an exact "public" or "private" is taken.
    let visibility_known = matches!(form.visibility.as_str(), "public" | "private");
    let result = match structure {
        Ok(structure) if visibility_known => {
            rules::report(&state, person, &input, structure, Some(&ip)).await
        }
        Ok(_) => {
            let mut e = FieldErrors::new();
            e.add("visibility", Invalid::new("blockers_visibility_invalid"));
            Err(ReportFailure::Invalid(e))
        }
        Err(_) => {
            let mut e = FieldErrors::new();
            e.add("structure", Invalid::new("blockers_structure_not_member"));
            Err(ReportFailure::Invalid(e))
        }
    };
    match result {
        Ok(b) => Ok(see_other(&format!("/blocages/{}", b.id))),
        Err(ReportFailure::Invalid(errors)) => {
            form_page(&ctx, &state, person, &form, Some(&errors), suggestions).await
        }
        Err(ReportFailure::App(e)) => {
            crate::groups::explain_throttle(e, "blockers-reporting-throttled")
        }
    }
}

async fn show(
    ctx: PageCtx,
    State(state): State<AppState>,
    Path(id): Path<Uuid>,
) -> Result<Response, AppError> {
    show_page(&ctx, &state, id, None, StatusCode::OK).await
}

/// The blocker's page; `error` a message about the form just sent (with its status).
async fn show_page(
    ctx: &PageCtx,
    state: &AppState,
    id: Uuid,
    error: Option<(&str, String)>,
    status: StatusCode,
) -> Result<Response, AppError> {
    let person = ctx.user.as_ref().map(|u| &u.person);
    let b = rules::readable(state, id, person).await?;
    let themes = names::challenges(state, ctx.locale).await?;
    let (party, handler) = match person {
        Some(p) => (
            rules::is_party(state, &b, p).await?,
            rules::can_handle(state, &b, p).await?,
        ),
        None => (false, false),
    };
    // The hackers' names are for the parties; the public sees that someone follows it. Only
    // those whose remit still covers it follow it.
    let hackers: Vec<String> = rules::current_hackers(state, &b)
        .await?
        .into_iter()
        .map(|(_, name, _)| name)
        .collect();
    let events: Vec<Value> = state
        .store
        .blocker_events(b.id)
        .await?
        .into_iter()
        // Messages are between the parties; changes of status are public with the blocker.
        .filter(|e| party || e.status.is_some())
        .map(|e| {
            context! {
                author => e.author_name,
                status => e.status,
                body => e.body,
                at => e.created_at.format("%Y-%m-%d %H:%M").to_string(),
                iso => e.created_at.to_rfc3339(),
            }
        })
        .collect();
    let structure = match b.structure_id {
        Some(s) => state
            .store
            .structure(s)
            .await?
            .map(|s| context! { id => s.id.to_string(), name => s.name }),
        None => None,
    };
    let next: Vec<&str> = rules::status(&b)
        .next()
        .iter()
        .map(|s| s.as_str())
        .collect();
    let page = ctx.render(
        state,
        "blocages/show.html",
        context! {
            b => card(state, &b, &themes),
            description_html => essaim_domain::markdown::render(&b.description),
            tried_html => essaim_domain::markdown::render(&b.tried),
            since => b.since,
            reporter => b.reporter_name,
            structure,
            hackers_count => hackers.len(),
            hackers => if party { hackers } else { vec![] },
            events,
            party,
            handler,
            next,
            error => error.map(|(field, message)| context! { field, message }),
        },
    );
    Ok((status, page).into_response())
}

#[derive(Deserialize)]
pub struct MessageForm {
    #[serde(default)]
    body: String,
}

async fn message(
    ctx: PageCtx,
    State(state): State<AppState>,
    user: User,
    Path(id): Path<Uuid>,
    Form(form): Form<MessageForm>,
) -> Result<Response, AppError> {
    let person = user.confirmed()?;
    let b = rules::readable(&state, id, Some(person)).await?;
    match rules::post_message(&state, &b, person, &form.body).await {
        Ok(_) => Ok(see_other(&format!("/blocages/{id}#echanges"))),
        Err(AppError::Unprocessable(code)) => {
            let m = ctx.t(&state, code);
            show_page(
                &ctx,
                &state,
                id,
                Some(("body", m)),
                StatusCode::UNPROCESSABLE_ENTITY,
            )
            .await
        }
        Err(e) => crate::groups::explain_throttle(e, "blockers-messages-throttled"),
    }
}

#[derive(Deserialize)]
pub struct StatusForm {
    #[serde(default)]
    status: String,
    #[serde(default)]
    note: String,
}

async fn move_status(
    ctx: PageCtx,
    State(state): State<AppState>,
    user: User,
    ClientIp(ip): ClientIp,
    Path(id): Path<Uuid>,
    Form(form): Form<StatusForm>,
) -> Result<Response, AppError> {
    let person = user.confirmed()?;
    let b = rules::readable(&state, id, Some(person)).await?;
    match rules::change_status(&state, &b, person, &form.status, &form.note, Some(&ip)).await {
        Ok(_) => Ok(see_other(&format!("/blocages/{id}"))),
        Err(e @ (AppError::Unprocessable(_) | AppError::Conflict(_))) => {
            let m = ctx.t(&state, e.code());
            show_page(&ctx, &state, id, Some(("status", m)), e.status()).await
        }
        Err(e) => Err(e),
    }
}

fn counts_view(rows: &[Counts], label: impl Fn(&Counts) -> String) -> Vec<Value> {
    rows.iter()
        .map(|c| {
            context! {
                label => label(c), total => c.total, open => c.open,
                unblocked => c.unblocked, not_solvable => c.not_solvable,
            }
        })
        .collect()
}

/// A number of days as the language writes it, rounded to one decimal ("1,5 jour",
/// "3 jours", "1 day"): the number itself goes to Fluent, for the plural form, and its
/// spelling with the language's decimal separator.
fn days(state: &AppState, x: f64, locale: Locale) -> String {
    let rounded = (x * 10.0).round() / 10.0;
    let shown = if rounded.fract() == 0.0 {
        format!("{rounded:.0}")
    } else {
        format!("{rounded:.1}")
    };
    let shown = match locale {
        Locale::Fr => shown.replace('.', ","),
        Locale::En => shown,
    };
    let mut args = fluent_bundle::FluentArgs::new();
    args.set("days", fluent_bundle::FluentValue::from(rounded));
    args.set("shown", fluent_bundle::FluentValue::from(shown));
    state.i18n.format(locale, "blockers-summary-days", &args)
}

async fn summary(ctx: PageCtx, State(state): State<AppState>) -> Result<Response, AppError> {
    let s = rules::summary(&state).await?;
    let themes = names::challenges(&state, ctx.locale).await?;
    let place = |level: &str, code: &str| {
        TerritoryRef::parse(&format!("{level}:{code}"))
            .ok()
            .and_then(|r| state.territories.get(&r))
            .map(|t| t.name.clone())
            .unwrap_or_else(|| code.to_owned())
    };
    Ok(ctx.render(
        &state,
        "blocages/summary.html",
        context! {
            total => s.total,
            by_status => s.by_status.iter().map(|(st, n)| context! { status => st.as_str(), count => n }).collect::<Vec<_>>(),
            administrations => counts_view(&s.by_administration, |c| {
                if c.key == UNPUBLISHED_ADMINISTRATION {
                    state.i18n.t(ctx.locale, "blockers-summary-unpublished-administration")
                } else {
                    c.label.clone()
                }
            }),
            themes => counts_view(&s.by_theme, |c| names::challenge_name(&themes, &c.key)),
            departements => counts_view(&s.by_departement, |c| place("departement", &c.key)),
            regions => counts_view(&s.by_region, |c| place("region", &c.key)),
            median => s.median_days_to_unblock.map(|d| days(&state, d, ctx.locale)),
        },
    ))
}

#[derive(Deserialize, Serialize, Default)]
pub struct HackerForm {
    #[serde(default)]
    email: String,
    #[serde(default)]
    territory: String,
    #[serde(default)]
    theme: String,
}

async fn hackers_page(
    ctx: &PageCtx,
    state: &AppState,
    values: &HackerForm,
    errors: Option<&FieldErrors>,
) -> Result<Response, AppError> {
    let themes = names::challenges(state, ctx.locale).await?;
    let rows: Vec<Value> = state
        .store
        .list_hackers()
        .await?
        .into_iter()
        .map(|h| {
            context! {
                id => h.id.to_string(),
                name => h.person_name,
                email => h.person_email,
                territory => names::territory_name(state, &h.territory),
                reference => h.territory,
                theme => (!h.theme.is_empty()).then(|| names::challenge_name(&themes, &h.theme)),
            }
        })
        .collect();
    let page = context! { rows, values, themes };
    Ok(match errors {
        Some(e) => ctx.render_invalid(state, "blocages/hackers.html", e, page),
        None => ctx.render(state, "blocages/hackers.html", page),
    })
}

async fn hackers(
    ctx: PageCtx,
    State(state): State<AppState>,
    _: Admin,
) -> Result<Response, AppError> {
    hackers_page(&ctx, &state, &HackerForm::default(), None).await
}

async fn add_hacker(
    ctx: PageCtx,
    State(state): State<AppState>,
    Admin(admin): Admin,
    ClientIp(ip): ClientIp,
    Form(form): Form<HackerForm>,
) -> Result<Response, AppError> {
    let mut errors = FieldErrors::new();
    let person = state.store.person_by_email(form.email.trim()).await?;
    if person.is_none() {
        errors.add("email", Invalid::new("blockers_hacker_unknown_person"));
    }
    let territory = pick(state.territories, &form.territory).ok();
    if territory.is_none() {
        errors.add("territory", Invalid::new("blockers_territory_unknown"));
    }
    let theme = form.theme.trim().to_owned();
    if !theme.is_empty() && !names::challenge_codes(&state).await?.contains(&theme) {
        errors.add("theme", Invalid::new("blockers_theme_unknown"));
    }
    let (Some(person), Some(territory)) = (person, territory) else {
        return hackers_page(&ctx, &state, &form, Some(&errors)).await;
    };
    if !errors.is_empty() {
        return hackers_page(&ctx, &state, &form, Some(&errors)).await;
    }
    let added = state
        .store
        .add_hacker(&NewHacker {
            id: Uuid::now_v7(),
            person_id: person.id,
            territory: territory.reference().to_string(),
            theme,
            created_by: admin.person.id,
            created_at: utc_now(),
        })
        .await;
    match added {
        Ok(h) => {
            let remit = essaim_domain::blockers::Remit {
                person_id: person.id,
                territory: territory.reference(),
                theme: (!h.theme.is_empty()).then(|| h.theme.clone()),
            };
            let routed = rules::route_open_blockers(&state, &remit).await?;
            crate::audit::record(
                &state,
                Some(admin.person.id),
                "public_hacker_added",
                format!("person:{}", person.id),
                Some(&ip),
                format!(
                    "{} {}; {routed} open blocker(s) routed",
                    h.territory, h.theme
                ),
            )
            .await?;
            Ok(see_other("/blocages/hackers-publics"))
        }
        Err(StoreError::AlreadyExists) => {
            errors.add("email", Invalid::new("blockers_hacker_exists"));
            hackers_page(&ctx, &state, &form, Some(&errors)).await
        }
        Err(e) => Err(e.into()),
    }
}

async fn remove_hacker(
    State(state): State<AppState>,
    Admin(admin): Admin,
    ClientIp(ip): ClientIp,
    Path(id): Path<Uuid>,
) -> Result<Response, AppError> {
    state.store.remove_hacker(id).await?;
    crate::audit::record(
        &state,
        Some(admin.person.id),
        "public_hacker_removed",
        format!("public_hacker:{id}"),
        Some(&ip),
        String::new(),
    )
    .await?;
    Ok(see_other("/blocages/hackers-publics"))
}

/// The columns of the open data, in order, with their Table Schema types.
const COLUMNS: [(&str, &str, &str); 13] = [
    ("id", "string", "Identifiant (UUID)"),
    ("titre", "string", "Ce qui est bloqué, en une ligne"),
    (
        "administration",
        "string",
        "L’administration concernée, telle que saisie",
    ),
    (
        "administration_cle",
        "string",
        "Le nom de l’administration replié (casse, accents)",
    ),
    ("depuis", "date", "Date de début du blocage"),
    ("territoire", "string", "Territoire (niveau:code INSEE)"),
    ("departement", "string", "Code du département"),
    ("region", "string", "Code de la région"),
    ("theme", "string", "Défi de société (code)"),
    (
        "statut",
        "string",
        "reported, acknowledged, in_progress, unblocked ou not_solvable",
    ),
    ("signale_le", "datetime", "Date du signalement (UTC)"),
    ("debloque_le", "datetime", "Date du déblocage (UTC)"),
    ("url", "string", "Page du blocage"),
];

fn csv_field(s: &str) -> String {
    // Formula injection: a cell that a spreadsheet would evaluate starts with a quote.
    let s = essaim_domain::opendata::defuse_cell(s).into_owned();
    if s.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", s.replace('"', "\"\""))
    } else {
        s
    }
}

/// Public blockers only; no person, no description (free text may name people).
async fn csv(State(state): State<AppState>) -> Result<Response, AppError> {
    let mut out = COLUMNS.iter().map(|c| c.0).collect::<Vec<_>>().join(",");
    out.push('\n');
    for b in state.store.public_blockers().await? {
        let row = [
            b.id.to_string(),
            b.title.clone(),
            b.administration.clone(),
            b.administration_key.clone(),
            b.since.clone().unwrap_or_default(),
            b.territory.clone(),
            b.departement.clone().unwrap_or_default(),
            b.region.clone().unwrap_or_default(),
            b.theme.clone().unwrap_or_default(),
            b.status.clone(),
            b.created_at.to_rfc3339(),
            b.unblocked_at.map(|t| t.to_rfc3339()).unwrap_or_default(),
            format!("{}/blocages/{}", state.config.base_url, b.id),
        ];
        out.push_str(
            &row.iter()
                .map(|s| csv_field(s))
                .collect::<Vec<_>>()
                .join(","),
        );
        out.push('\n');
    }
    Ok((
        [
            (header::CONTENT_TYPE, "text/csv; charset=utf-8"),
            (
                header::CONTENT_DISPOSITION,
                "attachment; filename=\"blocages.csv\"",
            ),
        ],
        out,
    )
        .into_response())
}

async fn schema(State(state): State<AppState>) -> Json<serde_json::Value> {
    let fields: Vec<serde_json::Value> = COLUMNS
        .iter()
        .map(|(name, kind, description)| {
            let mut f =
                serde_json::json!({ "name": name, "type": kind, "description": description });
            if *name == "id" || *name == "titre" || *name == "statut" {
                f["constraints"] = serde_json::json!({ "required": true });
            }
            if *name == "statut" {
                f["constraints"]["enum"] =
                    serde_json::json!(Status::ALL.iter().map(|s| s.as_str()).collect::<Vec<_>>());
            }
            f
        })
        .collect();
    Json(serde_json::json!({
        "$schema": "https://specs.frictionlessdata.io/schemas/table-schema.json",
        "name": "blocages",
        "title": "Blocages administratifs publics",
        "path": format!("{}/data/blocages.csv", state.config.base_url),
        "fields": fields,
        "primaryKey": "id",
    }))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn csv_cells_are_quoted_and_formulas_defused() {
        assert_eq!(csv_field("a,b"), "\"a,b\"");
        assert_eq!(csv_field("=HYPERLINK(1)"), "'=HYPERLINK(1)");
        assert_eq!(csv_field("dit \"non\""), "\"dit \"\"non\"\"\"");
    }
}
