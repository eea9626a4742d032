//! The admin area: people and their roles, the outbox, the audit log.

use super::{see_other, PageCtx};
use crate::audit;
use crate::auth::{Admin, ClientIp};
use crate::error::AppError;
use crate::state::AppState;
use axum::extract::{Path, Query, State};
use axum::response::Response;
use axum::routing::{get, post};
use axum::{Form, Router};
use essaim_domain::person::PlatformRole;
use essaim_store::Page;
use minijinja::{context, Value};
use serde::Deserialize;
use uuid::Uuid;

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/admin", get(people))
        .route("/admin/personnes/{id}/roles", post(set_roles))
        .route("/admin/courriels", get(outbox))
        .route("/admin/journal", get(audit_log))
        .route("/admin/defis", get(challenges).post(add_challenge))
        .route(
            "/admin/import",
            get(import_form)
                .post(import)
                .layer(axum::extract::DefaultBodyLimit::max(IMPORT_MAX_BYTES)),
        )
}

#[derive(Deserialize, Default)]
struct PeopleQuery {
    #[serde(default)]
    q: String,
}

async fn people(
    ctx: PageCtx,
    State(state): State<AppState>,
    _admin: Admin,
    Query(q): Query<PeopleQuery>,
) -> Result<Response, AppError> {
    let search = Some(q.q.trim()).filter(|s| !s.is_empty());
    let list = state.store.list_people(search, Page::first(200)).await?;
    let total = state.store.count_people().await?;
    let people: Vec<Value> = list
        .iter()
        .map(|p| {
            context! {
                id => p.id.to_string(), name => p.display_name, email => p.email,
                confirmed => p.email_confirmed_at.is_some(),
                admin => p.has_role(PlatformRole::Admin), moderator => p.has_role(PlatformRole::Moderator), label_committee => p.has_role(PlatformRole::LabelCommittee),
                created_at => p.created_at.to_rfc3339(),
            }
        })
        .collect();
    Ok(ctx.render(
        &state,
        "admin/people.html",
        context! { people, total, q => q.q, backend => state.store.backend_name() },
    ))
}

/// Sets the roles of a person from the checkboxes of the people table.
async fn set_roles(
    State(state): State<AppState>,
    ClientIp(ip): ClientIp,
    Admin(admin): Admin,
    Path(id): Path<Uuid>,
    Form(pairs): Form<Vec<(String, String)>>,
) -> Result<Response, AppError> {
    let mut roles = vec![];
    for (_, v) in pairs.iter().filter(|(k, _)| k == "roles") {
        let role = PlatformRole::parse(v).ok_or(AppError::BadRequest("role_invalid"))?;
        if !roles.contains(&role) {
            roles.push(role);
        }
    }
    change_roles(&state, admin.person.id, id, &roles, &ip).await?;
    Ok(see_other("/admin"))
}

/// Changes roles, refusing to let an admin remove their own admin role (the platform would
/// risk having no admin), and records it; shared with the API.
pub async fn change_roles(
    state: &AppState,
    actor: Uuid,
    target: Uuid,
    roles: &[PlatformRole],
    ip: &str,
) -> Result<(), AppError> {
    if actor == target && !roles.contains(&PlatformRole::Admin) {
        return Err(AppError::Conflict("cannot_remove_own_admin"));
    }
    let before = state
        .store
        .person(target)
        .await?
        .ok_or(AppError::NotFound)?;
    state.store.set_roles(target, roles).await?;
    let detail = format!(
        "{} -> {}",
        essaim_store::people::join_roles(&before.roles),
        essaim_store::people::join_roles(roles)
    );
    audit::record(
        state,
        Some(actor),
        "role_changed",
        format!("person:{target}"),
        Some(ip),
        detail,
    )
    .await
}

async fn outbox(
    ctx: PageCtx,
    State(state): State<AppState>,
    _admin: Admin,
) -> Result<Response, AppError> {
    let mails = state.store.list_mail(100).await?;
    let mails: Vec<Value> = mails
        .iter()
        .map(|m| {
            context! {
                to => m.to_address, subject => m.subject, body => m.body,
                created_at => m.created_at.to_rfc3339(), sent_at => m.sent_at.map(|d| d.to_rfc3339()),
                attempts => m.attempts, last_error => m.last_error,
            }
        })
        .collect();
    Ok(ctx.render(
        &state,
        "admin/outbox.html",
        context! { mails, smtp => state.config.smtp.is_some() },
    ))
}

/// Whether a typed filter can name an audit action (`sign_in_failed`): anything else matches
/// no entry, so it is not sent to the database, where PostgreSQL refuses text holding a NUL.
pub(crate) fn is_action_name(s: &str) -> bool {
    s.chars()
        .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_')
}

#[derive(Deserialize, Default)]
struct AuditQuery {
    #[serde(default)]
    action: String,
}

async fn audit_log(
    ctx: PageCtx,
    State(state): State<AppState>,
    _admin: Admin,
    Query(q): Query<AuditQuery>,
) -> Result<Response, AppError> {
    let action = Some(q.action.trim()).filter(|s| !s.is_empty());
    let entries = match action {
        Some(a) if !is_action_name(a) => vec![],
        _ => state.store.list_audit(action, 200).await?,
    };
    let entries: Vec<Value> = entries
        .iter()
        .map(|e| {
            context! {
                at => e.at.to_rfc3339(), actor => e.actor_id.map(|a| a.to_string()), action => e.action,
                subject => e.subject, ip => e.ip, detail => e.detail,
            }
        })
        .collect();
    Ok(ctx.render(
        &state,
        "admin/audit.html",
        context! { entries, action => q.action },
    ))
}

async fn challenges(
    ctx: PageCtx,
    State(state): State<AppState>,
    _admin: Admin,
) -> Result<Response, AppError> {
    render_challenges(&ctx, &state, context! {}).await
}

async fn render_challenges(
    ctx: &PageCtx,
    state: &AppState,
    extra: Value,
) -> Result<Response, AppError> {
    let list = state.store.challenges().await?;
    let list: Vec<Value> = list.iter().map(|c| context! { code => c.code, name_fr => c.name_fr, name_en => c.name_en, sdgs => c.sdgs }).collect();
    Ok(ctx.render(
        state,
        "admin/challenges.html",
        context! { challenges => list, ..extra },
    ))
}

#[derive(Deserialize, Default)]
struct ChallengeForm {
    #[serde(default)]
    code: String,
    #[serde(default)]
    name_fr: String,
    #[serde(default)]
    name_en: String,
    #[serde(default)]
    sdgs: String,
}

/// Adds a societal challenge to the controlled list.
async fn add_challenge(
    ctx: PageCtx,
    State(state): State<AppState>,
    ClientIp(ip): ClientIp,
    Admin(admin): Admin,
    Form(form): Form<ChallengeForm>,
) -> Result<Response, AppError> {
    let input = essaim_domain::initiative::ChallengeInput {
        code: form.code.clone(),
        name_fr: form.name_fr.clone(),
        name_en: form.name_en.clone(),
        sdgs: form.sdgs.clone(),
    };
    let invalid = |errors: &essaim_domain::invalid::FieldErrors| {
        let values = context! { code => form.code, name_fr => form.name_fr, name_en => form.name_en, sdgs => form.sdgs };
        context! { values, errors => super::form_errors(&state, ctx.locale, errors) }
    };
    let challenge = match input.validate() {
        Ok(c) => c,
        Err(errors) => {
            let mut page = render_challenges(&ctx, &state, invalid(&errors)).await?;
            *page.status_mut() = axum::http::StatusCode::UNPROCESSABLE_ENTITY;
            return Ok(page);
        }
    };
    match state.store.add_challenge(&challenge).await {
        Ok(()) => {}
        Err(essaim_store::StoreError::AlreadyExists) => {
            let mut errors = essaim_domain::invalid::FieldErrors::new();
            errors.add("code", essaim_domain::Invalid::new("challenge_code_taken"));
            let mut page = render_challenges(&ctx, &state, invalid(&errors)).await?;
            *page.status_mut() = axum::http::StatusCode::UNPROCESSABLE_ENTITY;
            return Ok(page);
        }
        Err(e) => return Err(e.into()),
    }
    audit::record(
        &state,
        Some(admin.person.id),
        "challenge_added",
        format!("challenge:{}", challenge.code),
        Some(&ip),
        challenge.name_fr,
    )
    .await?;
    Ok(see_other("/admin/defis"))
}

/// Largest CSV the admin page takes (the CLI has no limit).
const IMPORT_MAX_BYTES: usize = 4 * 1024 * 1024;

async fn import_form(
    ctx: PageCtx,
    State(state): State<AppState>,
    _admin: Admin,
) -> Result<Response, AppError> {
    Ok(ctx.render(
        &state,
        "admin/import.html",
        context! { max_mb => IMPORT_MAX_BYTES / (1024 * 1024) },
    ))
}

/// Imports a CSV as `essaim import initiatives` does: all or nothing unless asked, a dry run
/// on request, every error shown by line and column.
async fn import(
    ctx: PageCtx,
    State(state): State<AppState>,
    ClientIp(ip): ClientIp,
    Admin(admin): Admin,
    mut form: axum::extract::Multipart,
) -> Result<Response, AppError> {
    let (mut bytes, mut dry_run, mut skip_invalid) = (Vec::new(), false, false);
    while let Some(field) = form
        .next_field()
        .await
        .map_err(|_| AppError::BadRequest("multipart_invalid"))?
    {
        match field.name() {
            Some("file") => {
                bytes = field
                    .bytes()
                    .await
                    .map_err(|_| AppError::PayloadTooLarge)?
                    .to_vec()
            }
            Some("dry_run") => dry_run = true,
            Some("skip_invalid") => skip_invalid = true,
            _ => {}
        }
    }
    let prepared = crate::import::prepare(state.store.as_ref(), &bytes).await?;
    let errors: Vec<Value> = prepared
        .errors
        .iter()
        .map(|e| context! { line => e.line, column => e.column, message => state.i18n.t(ctx.locale, e.code), code => e.code, detail => e.detail })
        .collect();
    let blocked = !prepared.errors.is_empty() && !skip_invalid;
    let mut outcome = context! { valid => prepared.valid.len(), refused => prepared.refused, dry_run, blocked, errors };
    if !blocked && !dry_run {
        let counts = state
            .store
            .import_initiatives(
                &prepared.valid,
                Some(admin.person.id),
                "import (administration)",
                &|_| {},
            )
            .await?;
        let detail = format!(
            "{} created, {} updated, {} refused",
            counts.created, counts.updated, prepared.refused
        );
        audit::record(
            &state,
            Some(admin.person.id),
            "initiatives_imported",
            "initiatives".into(),
            Some(&ip),
            detail,
        )
        .await?;
        outcome = context! { created => counts.created, updated => counts.updated, ..outcome };
    }
    let mut page = ctx.render(
        &state,
        "admin/import.html",
        context! { max_mb => IMPORT_MAX_BYTES / (1024 * 1024), outcome },
    );
    if blocked {
        *page.status_mut() = axum::http::StatusCode::UNPROCESSABLE_ENTITY;
    }
    Ok(page)
}
