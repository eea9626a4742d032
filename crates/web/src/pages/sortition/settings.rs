//! Creating a panel and editing its settings while it is not formed.

use super::{find, Errors};
use crate::auth::User;
use crate::error::AppError;
use crate::pages::{see_other, PageCtx};
use crate::sortition::can_organise;
use crate::state::AppState;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::Response;
use axum::Form;
use chrono::Duration;
use essaim_domain::deliberation::conversation::{parse_time, to_paris};
use essaim_domain::sortition::files::{parse_quota_lines, write_categories, FileError};
use essaim_domain::sortition::Category;
use essaim_domain::structure::MemberRole;
use essaim_store::sortition::{NewPanel, Panel, PanelFields};
use essaim_store::{utc_now, Page, Person};
use minijinja::{context, Value};
use serde::Serialize;
use uuid::Uuid;

const MAX_TITLE: usize = 200;
const MAX_PURPOSE: usize = 20_000;
const MAX_PANEL: i32 = 1000;
const MAX_ERASE_DAYS: i32 = 365;
const DEFAULT_ERASE_DAYS: i32 = 30;

/// The form's fields, as typed.
#[derive(Serialize, Default)]
pub struct PanelForm {
    structure: String,
    title: String,
    purpose: String,
    panel_size: String,
    one_per_household: bool,
    quotas: String,
    registration_closes_at: String,
    erase_after_days: String,
}

fn read_form(pairs: &[(String, String)]) -> PanelForm {
    let get = |k: &str| {
        pairs
            .iter()
            .find(|(key, _)| key == k)
            .map(|(_, v)| v.clone())
            .unwrap_or_default()
    };
    PanelForm {
        structure: get("structure"),
        title: get("title"),
        purpose: get("purpose"),
        panel_size: get("panel_size"),
        one_per_household: pairs
            .iter()
            .any(|(k, v)| k == "one_per_household" && !v.is_empty()),
        quotas: get("quotas"),
        registration_closes_at: get("registration_closes_at"),
        erase_after_days: get("erase_after_days"),
    }
}

/// The quotas as the form shows them: one line per feature, without the header.
fn quota_lines(categories: &[Category]) -> String {
    let csv = write_categories(categories);
    csv.lines().skip(1).collect::<Vec<_>>().join("\n")
}

/// The settings of a stored panel, as the form shows them.
fn stored_form(p: &Panel) -> Result<PanelForm, AppError> {
    let categories = crate::sortition::categories(p)?;
    Ok(PanelForm {
        structure: p.structure_id.to_string(),
        title: p.title.clone(),
        purpose: p.purpose.clone(),
        panel_size: p.panel_size.to_string(),
        one_per_household: p.one_per_household,
        quotas: quota_lines(&categories),
        // Registration closes at the end of the day typed: show that day.
        registration_closes_at: p
            .registration_closes_at
            .map(|t| {
                to_paris(t - Duration::seconds(1))
                    .format("%Y-%m-%d")
                    .to_string()
            })
            .unwrap_or_default(),
        erase_after_days: p.erase_after_days.to_string(),
    })
}

/// A refused line of quotas or of a respondents file: "Ligne 3 : message : detail".
pub(super) fn file_error_message(state: &AppState, ctx: &PageCtx, e: &FileError) -> String {
    let mut problem = ctx.t(state, e.code);
    if !e.detail.is_empty() {
        // French puts a non-breaking space before the colon.
        let colon = match ctx.locale {
            crate::i18n::Locale::Fr => "\u{a0}:",
            crate::i18n::Locale::En => ":",
        };
        problem = format!("{problem}{colon} {}", e.detail);
    }
    if e.line == 0 {
        problem
    } else {
        state.i18n.message(
            ctx.locale,
            "sortition-line-problem",
            &[("line", e.line.to_string()), ("problem", problem)],
        )
    }
}

/// The structures this person may organise a panel for: those they manage, every one for
/// admins.
async fn structures_offered(
    state: &AppState,
    person: &Person,
) -> Result<Vec<(String, String)>, AppError> {
    if person.is_admin() {
        let all = state
            .store
            .list_structures(
                None,
                None,
                Page {
                    limit: 1000,
                    offset: 0,
                },
            )
            .await?;
        return Ok(all
            .into_iter()
            .map(|s| (s.id.to_string(), s.name))
            .collect());
    }
    Ok(state
        .store
        .structures_of(person.id)
        .await?
        .into_iter()
        .filter(|(_, role)| *role == MemberRole::Manager)
        .map(|(s, _)| (s.id.to_string(), s.name))
        .collect())
}

/// What the form needs: the values and, when creating, the structures offered.
async fn form_context(
    state: &AppState,
    person: &Person,
    form: &PanelForm,
    editing: Option<&Panel>,
) -> Result<Value, AppError> {
    match editing {
        None => Ok(context! {
            action => "/tirages",
            values => form,
            structures => structures_offered(state, person).await?,
        }),
        Some(p) => {
            let structure = state
                .store
                .structure(p.structure_id)
                .await?
                .map(|s| s.name)
                .unwrap_or_default();
            let volunteers = state.store.count_volunteers(p.id).await?;
            Ok(context! {
                action => format!("/tirages/{}/modifier", p.id),
                editing => true,
                id => p.id.to_string(),
                structure_name => structure,
                names_locked => volunteers > 0,
                values => form,
            })
        }
    }
}

/// Every check of the form. `editing`: the panel edited, whose structure stays and whose
/// category and feature names are kept once it has volunteers.
async fn validate(
    state: &AppState,
    ctx: &PageCtx,
    person: &Person,
    form: &PanelForm,
    editing: Option<&Panel>,
) -> Result<(Uuid, PanelFields), Errors> {
    let mut errors = Errors::default();
    let t = |code: &str| ctx.t(state, code);
    let structure = match editing {
        Some(p) => Some(p.structure_id),
        None => match form.structure.trim().parse::<Uuid>() {
            Ok(id) => match crate::pages::structures::can_manage(state, id, person).await {
                Ok(true) if state.store.structure(id).await.ok().flatten().is_some() => Some(id),
                _ => None,
            },
            Err(_) => None,
        },
    };
    if structure.is_none() {
        errors.add("structure", t("structure_not_managed"));
    }
    let title = form.title.trim();
    if title.is_empty() {
        errors.add("title", t("sortition_title_required"));
    } else if title.chars().count() > MAX_TITLE {
        errors.add("title", t("sortition_title_too_long"));
    }
    if form.purpose.chars().count() > MAX_PURPOSE {
        errors.add("purpose", t("sortition_purpose_too_long"));
    }
    let size = match form.panel_size.trim().parse::<i32>() {
        Ok(n) if (1..=MAX_PANEL).contains(&n) => Some(n),
        _ => {
            errors.add("panel_size", t("sortition_size_invalid"));
            None
        }
    };
    let categories = match parse_quota_lines(&form.quotas) {
        Ok(c) => Some(c),
        Err(e) => {
            errors.add("quotas", file_error_message(state, ctx, &e));
            None
        }
    };
    if let (Some(categories), Some(size)) = (&categories, size) {
        for c in categories {
            let (min, max): (u64, u64) = c.features.iter().fold((0, 0), |(lo, hi), f| {
                (lo + u64::from(f.min), hi + u64::from(f.max))
            });
            let args = |sum: u64| {
                [
                    ("category", c.name.clone()),
                    ("sum", sum.to_string()),
                    ("size", size.to_string()),
                ]
            };
            if min > size as u64 {
                let m =
                    state
                        .i18n
                        .message(ctx.locale, "sortition-quota-minima-above-size", &args(min));
                errors.add("quotas", m);
            } else if max < size as u64 {
                let m =
                    state
                        .i18n
                        .message(ctx.locale, "sortition-quota-maxima-below-size", &args(max));
                errors.add("quotas", m);
            }
        }
    }
    if let (Some(p), Some(categories)) = (editing, &categories) {
        let has_volunteers = state.store.count_volunteers(p.id).await.unwrap_or(0) > 0;
        if has_volunteers {
            let names = |cs: &[Category]| {
                let mut v: Vec<(String, Vec<String>)> = cs
                    .iter()
                    .map(|c| {
                        let mut f: Vec<String> =
                            c.features.iter().map(|f| f.name.clone()).collect();
                        f.sort();
                        (c.name.clone(), f)
                    })
                    .collect();
                v.sort();
                v
            };
            let stored = crate::sortition::categories(p).unwrap_or_default();
            if names(&stored) != names(categories) {
                errors.add("quotas", t("sortition_quota_names_locked"));
            }
        }
    }
    let closes = match parse_time(&form.registration_closes_at, true) {
        Ok(t) => t,
        Err(invalid) => {
            errors.add("registration_closes_at", t(invalid.code));
            None
        }
    };
    let erase = match form.erase_after_days.trim() {
        "" => Some(DEFAULT_ERASE_DAYS),
        s => match s.parse::<i32>() {
            Ok(n) if (0..=MAX_ERASE_DAYS).contains(&n) => Some(n),
            _ => {
                errors.add("erase_after_days", t("sortition_erase_days_invalid"));
                None
            }
        },
    };
    match (structure, size, categories, erase) {
        (Some(structure), Some(panel_size), Some(categories), Some(erase_after_days))
            if errors.is_empty() =>
        {
            Ok((
                structure,
                PanelFields {
                    title: title.to_owned(),
                    purpose: form.purpose.trim().to_owned(),
                    panel_size,
                    one_per_household: form.one_per_household,
                    categories: serde_json::to_value(categories).unwrap_or_default(),
                    registration_closes_at: closes,
                    erase_after_days,
                },
            ))
        }
        _ => Err(errors),
    }
}

fn invalid_page(ctx: &PageCtx, state: &AppState, errors: &Errors, page: Value) -> Response {
    let page = ctx.render(
        state,
        "tirages/form.html",
        context! { errors => errors.value(), ..page },
    );
    super::with_status(page, StatusCode::UNPROCESSABLE_ENTITY)
}

pub async fn new_form(
    ctx: PageCtx,
    State(state): State<AppState>,
    user: User,
) -> Result<Response, AppError> {
    let person = user.confirmed()?;
    let form = PanelForm {
        erase_after_days: DEFAULT_ERASE_DAYS.to_string(),
        ..PanelForm::default()
    };
    let page = form_context(&state, person, &form, None).await?;
    Ok(ctx.render(&state, "tirages/form.html", page))
}

pub async fn create(
    ctx: PageCtx,
    State(state): State<AppState>,
    user: User,
    Form(pairs): Form<Vec<(String, String)>>,
) -> Result<Response, AppError> {
    let person = user.confirmed()?;
    let form = read_form(&pairs);
    let (structure_id, fields) = match validate(&state, &ctx, person, &form, None).await {
        Ok(v) => v,
        Err(errors) => {
            let page = form_context(&state, person, &form, None).await?;
            return Ok(invalid_page(&ctx, &state, &errors, page));
        }
    };
    let panel = state
        .store
        .create_panel(&NewPanel {
            structure_id,
            created_by: person.id,
            fields,
            created_at: utc_now(),
        })
        .await?;
    Ok(see_other(&format!("/tirages/{}", panel.id)))
}

/// The panel, if this person organises it and it can still change.
pub(super) async fn find_organised(
    state: &AppState,
    id: Uuid,
    person: &Person,
) -> Result<Panel, AppError> {
    let p = find(state, id).await?;
    if !can_organise(state, &p, person).await? {
        return Err(AppError::Forbidden);
    }
    Ok(p)
}

fn editable(p: &Panel) -> Result<(), AppError> {
    if p.formed_at.is_some() {
        return Err(AppError::Conflict("sortition_panel_formed"));
    }
    Ok(())
}

pub async fn edit_form(
    ctx: PageCtx,
    State(state): State<AppState>,
    user: User,
    Path(id): Path<Uuid>,
) -> Result<Response, AppError> {
    let p = find_organised(&state, id, user.person()).await?;
    editable(&p)?;
    let form = stored_form(&p)?;
    let page = form_context(&state, user.person(), &form, Some(&p)).await?;
    Ok(ctx.render(&state, "tirages/form.html", page))
}

pub async fn update(
    ctx: PageCtx,
    State(state): State<AppState>,
    user: User,
    Path(id): Path<Uuid>,
    Form(pairs): Form<Vec<(String, String)>>,
) -> Result<Response, AppError> {
    let p = find_organised(&state, id, user.person()).await?;
    editable(&p)?;
    let form = read_form(&pairs);
    let fields = match validate(&state, &ctx, user.person(), &form, Some(&p)).await {
        Ok((_, fields)) => fields,
        Err(errors) => {
            let page = form_context(&state, user.person(), &form, Some(&p)).await?;
            return Ok(invalid_page(&ctx, &state, &errors, page));
        }
    };
    state.store.update_panel(id, &fields, utc_now()).await?;
    Ok(see_other(&format!("/tirages/{id}")))
}
