//! A person's rights over their data: the privacy page, the download of everything the
//! platform holds about them, and the deletion of their account.
//!
//! The download is a two-step flow so that the file never sits behind a guessable or lasting
//! address: a POST (with CSRF) makes a one-time link valid for a few minutes; following it
//! while signed in as the same person downloads the JSON once.

use super::account::check_password;
use super::accounts::{issue_token, message_page, token_error, token_problem, TokenQuery};
use super::PageCtx;
use crate::auth::{ClientIp, User};
use crate::error::AppError;
use crate::state::AppState;
use crate::{audit, auth, throttle};
use axum::extract::{Query, State};
use axum::http::header::{CACHE_CONTROL, CONTENT_DISPOSITION, CONTENT_TYPE, SET_COOKIE};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use axum::{Form, Router};
use chrono::Duration;
use essaim_domain::invalid::FieldErrors;
use essaim_domain::structure::MemberRole;
use essaim_domain::Invalid;
use essaim_store::{utc_now, TokenOutcome};
use minijinja::context;
use serde::Deserialize;
use serde_json::json;

/// The token purpose of a download link.
pub const DATA_EXPORT: &str = "data_export";
/// How long a download link works: long enough to click, short enough not to linger.
pub const EXPORT_LINK_TTL: Duration = Duration::minutes(15);

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/confidentialite", get(privacy))
        .route("/compte/donnees", post(make_export_link))
        .route("/compte/donnees/telecharger", get(download))
        .route("/compte/suppression", get(delete_form).post(delete_account))
}

async fn privacy(ctx: PageCtx, State(state): State<AppState>) -> Response {
    ctx.render(&state, "pages/confidentialite.html", context! {})
}

async fn make_export_link(
    ctx: PageCtx,
    State(state): State<AppState>,
    user: User,
) -> Result<Response, AppError> {
    let id = user.person().id;
    // One live link at a time: asking again voids the previous one.
    state
        .store
        .revoke_tokens(id, DATA_EXPORT, utc_now())
        .await?;
    let token = issue_token(
        &state,
        DATA_EXPORT,
        Some(id),
        String::new(),
        EXPORT_LINK_TTL,
    )
    .await?;
    Ok(ctx.render(
        &state,
        "account/export.html",
        context! { link => format!("/compte/donnees/telecharger?jeton={token}"), minutes => EXPORT_LINK_TTL.num_minutes() },
    ))
}

async fn download(
    ctx: PageCtx,
    ClientIp(ip): ClientIp,
    State(state): State<AppState>,
    user: User,
    Query(q): Query<TokenQuery>,
) -> Result<Response, AppError> {
    let me = user.person().id;
    let hash = auth::secret_hash(&q.jeton);
    let now = utc_now();
    // Someone else's link is unknown to this person: it is neither used nor revealed.
    match state.store.peek_token(&hash, DATA_EXPORT, now).await? {
        TokenOutcome::Valid(t) if t.person_id != Some(me) => return Err(AppError::NotFound),
        outcome @ (TokenOutcome::Expired | TokenOutcome::Used | TokenOutcome::Unknown) => {
            return Ok(token_error(
                &ctx,
                &state,
                token_problem(&outcome).unwrap_or("token_unknown"),
            ));
        }
        TokenOutcome::Valid(_) => {}
    }
    // Consumed in one statement: two clicks racing download once.
    let outcome = state.store.consume_token(&hash, DATA_EXPORT, now).await?;
    if let Some(problem) = token_problem(&outcome) {
        return Ok(token_error(&ctx, &state, problem));
    }
    let body = export(&state, user.person()).await?;
    audit::record(
        &state,
        Some(me),
        "data_exported",
        format!("person:{me}"),
        Some(&ip),
        String::new(),
    )
    .await?;
    let filename = format!("essaim-mes-donnees-{}.json", now.format("%Y-%m-%d"));
    Ok((
        [
            (CONTENT_TYPE, "application/json; charset=utf-8".to_owned()),
            (
                CONTENT_DISPOSITION,
                format!("attachment; filename=\"{filename}\""),
            ),
            (CACHE_CONTROL, "no-store".to_owned()),
        ],
        serde_json::to_string_pretty(&body).map_err(|e| AppError::Internal(e.into()))?,
    )
        .into_response())
}

/// Everything the platform holds about the person, in one JSON document.
async fn export(
    state: &AppState,
    person: &essaim_store::Person,
) -> Result<serde_json::Value, AppError> {
    let id = person.id;
    let structures = state.store.structures_of(id).await?;
    let tokens = state.store.api_tokens_of(id).await?;
    let sessions = state.store.sessions_of(id).await?;
    let contributions = state.store.contributions_of(id).await?;
    let audit = state.store.audit_of(id).await?;
    Ok(json!({
        "format": "essaim-personal-data/1",
        "exported_at": utc_now(),
        "account": {
            "id": id,
            "email": person.email,
            "display_name": person.display_name,
            "email_confirmed_at": person.email_confirmed_at,
            "roles": person.roles.iter().map(|r| r.as_str()).collect::<Vec<_>>(),
            "profiles": person.profiles.iter().map(|p| p.as_str()).collect::<Vec<_>>(),
            "created_at": person.created_at,
        },
        "structures": structures.iter().map(|(s, role)| json!({
            "id": s.id, "name": s.name, "role": role.as_str(),
        })).collect::<Vec<_>>(),
        // Names and dates only: the secrets are stored hashed and cannot be given back.
        "api_tokens": tokens.iter().map(|t| json!({
            "id": t.id, "name": t.name, "created_at": t.created_at, "last_used_at": t.last_used_at,
        })).collect::<Vec<_>>(),
        "sessions": sessions.iter().map(|s| json!({
            "created_at": s.created_at, "last_seen_at": s.last_seen_at, "expires_at": s.expires_at,
        })).collect::<Vec<_>>(),
        "initiatives_created": contributions.initiatives_created.iter().map(|i| json!({
            "id": i.id, "status": i.status, "created_at": i.created_at,
        })).collect::<Vec<_>>(),
        "revisions": contributions.revisions.iter().map(|r| json!({
            "initiative_id": r.initiative_id, "number": r.number, "created_at": r.created_at, "message": r.message,
        })).collect::<Vec<_>>(),
        "proposals": contributions.proposals.iter().map(|p| json!({
            "id": p.id, "initiative_id": p.initiative_id, "created_at": p.created_at, "message": p.message, "status": p.status,
        })).collect::<Vec<_>>(),
        // Statements written in conversations (débats), and how many votes were cast there.
        "statements": contributions.statements.iter().map(|s| json!({
            "conversation_id": s.conversation_id, "number": s.number, "text": s.text, "created_at": s.created_at,
        })).collect::<Vec<_>>(),
        "votes": contributions.votes,
        // Registrations for citizens' panels drawn by lot.
        "sortition": contributions.sortition.iter().map(|r| json!({
            "panel_id": r.panel_id, "title": r.title, "number": r.number, "status": r.status, "created_at": r.created_at,
        })).collect::<Vec<_>>(),
        // Offers and needs they published (entraide), and the messages they wrote about them.
        "exchange_posts": contributions.exchange_posts.iter().map(|p| json!({
            "id": p.id, "direction": p.direction, "kind": p.kind, "status": p.status, "title": p.title,
            "body": p.body, "territory": p.territory, "themes": p.themes, "starts_on": p.starts_on,
            "ends_on": p.ends_on, "structure_id": p.structure_id, "created_at": p.created_at,
        })).collect::<Vec<_>>(),
        "exchange_messages": contributions.exchange_messages.iter().map(|m| json!({
            "post_id": m.post_id, "body": m.body, "created_at": m.created_at,
        })).collect::<Vec<_>>(),
        // Groups: memberships (group, role), posts (id, Markdown, time), follows, mail mode.
        "groups": {
            "memberships": contributions.groups.memberships.iter().map(|(g, role)| json!({"group_id": g, "role": role})).collect::<Vec<_>>(),
            "posts": contributions.groups.posts.iter().map(|(id, body, at)| json!({"id": id, "body": body, "created_at": at})).collect::<Vec<_>>(),
            "follows": contributions.groups.follows,
            "notification_mode": contributions.groups.mode,
        },
        // The network: comments on label applications, entries of accompaniments' logs.
        "network": {
            "label_comments": contributions.network.label_comments.iter().map(|c| json!({"label_id": c.label_id, "body": c.body, "created_at": c.created_at})).collect::<Vec<_>>(),
            "follow_ups": contributions.network.follow_ups.iter().map(|e| json!({"accompaniment_id": e.accompaniment_id, "kind": e.kind.as_str(), "date": e.happened_on, "body": e.body, "created_at": e.created_at})).collect::<Vec<_>>(),
        },
        // Blockers: those reported (public or private), messages and notes, remits.
        "blockers": {
            "reported": contributions.blockers.reported.iter().map(|b| json!({"id": b.id, "title": b.title, "description": b.description, "administration": b.administration, "since": b.since, "tried": b.tried, "territory": b.territory, "theme": b.theme, "public": b.is_public, "status": b.status, "created_at": b.created_at})).collect::<Vec<_>>(),
            "messages": contributions.blockers.events.iter().map(|e| json!({"blocker_id": e.blocker_id, "status": e.status, "body": e.body, "created_at": e.created_at})).collect::<Vec<_>>(),
            "public_hacker_remits": contributions.blockers.remits.iter().map(|h| json!({"territory": h.territory, "theme": h.theme, "created_at": h.created_at})).collect::<Vec<_>>(),
        },
        // News: the links shared.
        "news": contributions.news.iter().map(|n| json!({"id": n.id, "group_id": n.group_id, "url": n.url, "title": n.title, "comment": n.comment, "tags": n.tag_list(), "created_at": n.created_at})).collect::<Vec<_>>(),
        // Review of funding applications: their reviews with scores, their declared conflicts.
        "reviews": {
            "reviews": contributions.review.reviews.iter().map(|r| json!({"id": r.id, "application_id": r.application_id, "status": r.status, "private_comment": r.private_comment, "shared_comment": r.shared_comment, "updated_at": r.updated_at, "submitted_at": r.submitted_at})).collect::<Vec<_>>(),
            "scores": contributions.review.scores.iter().map(|s| json!({"review_id": s.review_id, "criterion_id": s.criterion_id, "score": s.score})).collect::<Vec<_>>(),
            "conflicts": contributions.review.conflicts.iter().map(|c| json!({"application_id": c.application_id, "reason": c.reason, "created_at": c.created_at})).collect::<Vec<_>>(),
        },
        // Impact: indicators proposed, plan entries, measurements recorded, verifications made
        // (with their note), self-assessments answered, impact contracts proposed or signed.
        "impact": impact_json(id, &contributions.impact),
        // Events: their registrations, waiting or cancelled ones included.
        // World Café: the cafés they take part in (their attributes and hosted table) and the
        // harvest they typed while signed in.
        "cafe": {
            "participations": contributions.cafe.0.iter().map(|(p, title)| json!({"event_id": p.event_id, "title": title, "name": p.name, "sector": p.sector, "structure": p.structure, "host_table": p.host_table})).collect::<Vec<_>>(),
            "harvest": contributions.cafe.1.iter().map(|(h, title)| json!({"event_id": h.event_id, "title": title, "round": h.round, "table": h.table_no, "body": h.body, "updated_at": h.updated_at})).collect::<Vec<_>>(),
        },
        // Collecte: the items they submitted from a phone while signed in (with the contact
        // they gave, if any) and the collections they opened as a facilitator.
        "collecte": {
            "items": contributions.collecte.items.iter().map(|(i, title)| json!({"event_title": title, "number": i.number, "name": i.name, "commune": i.commune, "what": i.what, "carrier": i.carrier, "contact": i.contact, "status": i.status, "created_at": i.created_at, "updated_at": i.updated_at})).collect::<Vec<_>>(),
            "opened": contributions.collecte.opened.iter().map(|(c, title)| json!({"event_id": c.event_id, "event_title": title, "code": c.code, "status": c.status, "opened_at": c.opened_at, "closed_at": c.closed_at})).collect::<Vec<_>>(),
        },
        // Hackathon jury and incubation: the scores they gave and the updates they wrote.
        "jury": {
            "scores": contributions.jury.0.iter().map(|g| json!({"event": g.event_title, "team": g.team_number, "criterion": g.criterion, "value": g.value, "comment": g.comment, "scored_at": g.scored_at})).collect::<Vec<_>>(),
            "incubation_updates": contributions.jury.1.iter().map(|(u, title, team)| json!({"incubation_id": u.incubation_id, "event": title, "team": team, "body": u.body, "created_at": u.created_at})).collect::<Vec<_>>(),
        },
        "events": contributions.events.iter().map(|(r, title)| json!({"event_id": r.event_id, "title": title, "status": r.status, "registered_at": r.registered_at, "promoted_at": r.promoted_at, "reminded_at": r.reminded_at})).collect::<Vec<_>>(),
        // Hackathons: the attributes told to the organisers, and the teams (with their
        // workspace) the person is in, coaches or designs for.
        "hackathons": {
            "participations": contributions.hackathons.0.iter().map(|(p, title)| json!({"event_id": p.event_id, "title": title, "structure": p.structure_name, "sector": p.sector, "age_band": p.age_band, "skills": p.skills, "joined_at": p.created_at})).collect::<Vec<_>>(),
            "teams": contributions.hackathons.1.iter().map(|(t, title)| json!({"event_id": t.event_id, "title": title, "team": t.number, "name": t.name, "defi": t.defi_title, "coach": t.coach_name, "designer": t.designer_name, "solution_title": t.solution_title, "pitch": t.pitch, "prototype_links": t.prototype_links, "deliverables": t.deliverables})).collect::<Vec<_>>(),
        },
        "audit_log": audit.iter().map(|e| json!({
            "at": e.at, "action": e.action, "subject": e.subject, "ip": e.ip, "detail": e.detail,
        })).collect::<Vec<_>>(),
    }))
}

/// The impact part of the export: what the person wrote in measurement, self-assessment and
/// impact contracts.
fn impact_json(me: uuid::Uuid, d: &essaim_store::impact::ImpactData) -> serde_json::Value {
    let measurement = |m: &essaim_store::impact::Measurement| {
        json!({
            "id": m.id, "entry_id": m.entry_id, "value": m.value, "period_start": m.period_start,
            "period_end": m.period_end, "source": m.source, "method": m.method,
            "evidence_level": m.evidence_level, "superseded_by": m.superseded_by,
            "verified_at": m.verified_at, "created_at": m.created_at,
        })
    };
    json!({
        "indicators_proposed": d.indicators.iter().map(|i| json!({
            "code": i.code, "name_fr": i.name_fr, "name_en": i.name_en,
            "definition_fr": i.definition_fr, "definition_en": i.definition_en, "unit": i.unit,
            "value_type": i.value_type, "direction": i.direction, "problem_fr": i.problem_fr,
            "problem_en": i.problem_en, "calculation_notes": i.calculation_notes,
            "calculation_notes_en": i.calculation_notes_en, "framework_ref": i.framework_ref,
            "challenges": i.challenges, "publics": i.publics, "status": i.status,
            "created_at": i.created_at,
        })).collect::<Vec<_>>(),
        "plan_entries": d.plan_entries.iter().map(|e| json!({
            "id": e.id, "initiative_id": e.initiative_id, "indicator": e.indicator_code,
            "baseline_value": e.baseline_value, "baseline_on": e.baseline_on,
            "target_value": e.target_value, "target_on": e.target_on, "created_at": e.created_at,
        })).collect::<Vec<_>>(),
        "measurements": d.measurements.iter().map(measurement).collect::<Vec<_>>(),
        "verifications": d.verifications.iter().map(|m| json!({
            "measurement_id": m.id, "entry_id": m.entry_id, "value": m.value,
            "verified_at": m.verified_at, "note": m.verification_note,
        })).collect::<Vec<_>>(),
        "self_assessments": d.assessments.iter().map(|a| json!({
            "id": a.id, "initiative_id": a.initiative_id, "answers": a.answer_list(),
            "published": a.is_published, "created_at": a.created_at,
            "published_at": a.published_at,
        })).collect::<Vec<_>>(),
        "contracts": d.contracts.iter().map(|c| json!({
            "id": c.id, "initiative_id": c.initiative_id, "funder": c.funder_name,
            "title": c.title, "terms": c.terms, "starts_on": c.starts_on, "status": c.status,
            // What they did: proposed, signed, and declined or ended.
            "proposed_by_you": c.proposed_by == Some(me), "signed_by_you": c.signed_by == Some(me),
            "ended_by_you": c.ended_by == Some(me),
            "created_at": c.created_at, "signed_at": c.signed_at, "ended_at": c.ended_at,
        })).collect::<Vec<_>>(),
    })
}

/// Whether the person is the only manager of one of their structures.
async fn sole_manager(state: &AppState, id: uuid::Uuid) -> Result<bool, AppError> {
    for (structure, role) in state.store.structures_of(id).await? {
        if role != MemberRole::Manager {
            continue;
        }
        let members = state.store.members(structure.id).await?;
        let managers = members
            .iter()
            .filter(|m| m.role == MemberRole::Manager)
            .count();
        if managers <= 1 {
            return Ok(true);
        }
    }
    Ok(false)
}

async fn delete_form(ctx: PageCtx, State(state): State<AppState>, _user: User) -> Response {
    ctx.render(&state, "account/delete.html", context! {})
}

#[derive(Deserialize, Default)]
struct DeleteForm {
    #[serde(default)]
    current_password: String,
    #[serde(default)]
    understood: String,
}

async fn delete_account(
    ctx: PageCtx,
    ClientIp(ip): ClientIp,
    State(state): State<AppState>,
    user: User,
    Form(form): Form<DeleteForm>,
) -> Result<Response, AppError> {
    let id = user.person().id;
    // Re-entering the password is a password guess: counted like sign-in attempts.
    throttle::check(&state, throttle::SIGN_IN_PER_ACCOUNT, &id.to_string()).await?;
    let mut errors = FieldErrors::new();
    if !check_password(&state, &user, &form.current_password).await? {
        errors.add("current_password", Invalid::new("current_password_wrong"));
    }
    if form.understood != "oui" {
        errors.add("understood", Invalid::new("delete_not_confirmed"));
    } else if sole_manager(&state, id).await? {
        // A structure must keep a manager: the person names another one first.
        errors.add("understood", Invalid::new("delete_last_manager"));
    }
    if !errors.is_empty() {
        return Ok(ctx.render_invalid(&state, "account/delete.html", &errors, context! {}));
    }
    // The places held go to the waiting lists first (their people are mailed).
    crate::events::leave_all(&state, id).await?;
    state.store.erase_person(id, utc_now()).await?;
    // No e-mail or name in the entry: the log outlives the account.
    audit::record(
        &state,
        Some(id),
        "account_deleted",
        format!("person:{id}"),
        Some(&ip),
        String::new(),
    )
    .await?;
    let ctx = PageCtx { user: None, ..ctx };
    let mut response = message_page(
        &ctx,
        &state,
        "account-deleted-title",
        "account-deleted-body",
    );
    response
        .headers_mut()
        .append(SET_COOKIE, auth::end_session_cookie(&state));
    Ok(response)
}
