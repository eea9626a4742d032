//! Pages of the network (*réseau*): the overview (banner members, labelled structures), a
//! structure's network page (its banner and answers, its labels, what it accompanies, and the
//! forms of its managers), the labelling committee's queue and a label's review, and an
//! accompaniment's page (proposal, answer, follow-up log, public summary, end).
//!
//! Who may do what is decided in `crate::network`; these handlers validate, call and render.
//! Refused input re-renders the page with the values typed and a message per field (422).

use crate::auth::{ClientIp, User};
use crate::error::AppError;
use crate::i18n::Locale;
use crate::network::{self as rules, Decision, Sides};
use crate::pages::{form_errors, see_other, PageCtx};
use crate::state::AppState;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use axum::{Form, Router};
use chrono::NaiveDate;
use essaim_domain::invalid::{FieldErrors, Invalid};
use essaim_domain::markdown::render as markdown;
use essaim_domain::network::opendata;
use essaim_domain::network::{
    reason, summary, text, BannerAnswers, FollowUpInput, FollowUpKind, LabelKind, LabelStatus,
};
use essaim_store::network::{Accompaniment, BannerSignature, Label};
use essaim_store::Person;
use minijinja::{context, Value};
use serde::Deserialize;
use uuid::Uuid;

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/reseau", get(overview))
        .route("/reseau/labels", get(committee_queue))
        .route("/reseau/labels/{id}", get(label_page))
        .route("/reseau/labels/{id}/commentaires", post(comment))
        .route("/reseau/labels/{id}/decision", post(decide))
        .route("/reseau/labels/{id}/renouvellement", post(renew))
        .route("/reseau/labels/{id}/revocation", post(revoke))
        .route("/reseau/accompagnements/{id}", get(accompaniment_page))
        .route("/reseau/accompagnements/{id}/reponse", post(answer))
        .route("/reseau/accompagnements/{id}/journal", post(log_entry))
        .route(
            "/reseau/accompagnements/{id}/publication",
            post(publication),
        )
        .route("/reseau/accompagnements/{id}/fin", post(end))
        .route("/structures/{id}/reseau", get(structure_page))
        .route("/structures/{id}/banniere", post(sign))
        .route("/structures/{id}/banniere/retrait", post(withdraw))
        .route("/structures/{id}/banniere/exclusion", post(remove))
        .route("/structures/{id}/labels", post(apply))
        .route("/structures/{id}/accompagnements", post(propose))
        .route("/data/labels.csv", get(labels_csv))
        .route("/schemas/labels.json", get(labels_schema))
        .route("/data/banniere.csv", get(banner_csv))
        .route("/schemas/banniere.json", get(banner_schema))
}

fn csv_response(
    columns: &[(&str, &str, &str)],
    rows: &[Vec<String>],
    name: &str,
) -> Result<Response, AppError> {
    use axum::http::header;
    let mut out = vec![];
    opendata::write_csv(columns, rows, &mut out).map_err(|e| AppError::Internal(e.into()))?;
    Ok((
        [
            (header::CONTENT_TYPE, "text/csv; charset=utf-8".to_owned()),
            (
                header::CONTENT_DISPOSITION,
                format!("attachment; filename=\"{name}\""),
            ),
        ],
        out,
    )
        .into_response())
}

fn utc(t: chrono::DateTime<chrono::Utc>) -> String {
    t.to_rfc3339_opts(chrono::SecondsFormat::Secs, true)
}

/// The labels that count today, as open data (structures only).
async fn labels_csv(State(state): State<AppState>) -> Result<Response, AppError> {
    let today = rules::today();
    let mut rows = vec![];
    for l in state.store.list_labels(Some(LabelStatus::Granted)).await? {
        if l.counts(today) {
            rows.push(vec![
                l.id.to_string(),
                l.structure_id.to_string(),
                structure_name(&state, l.structure_id).await?,
                l.kind.as_str().to_owned(),
                l.decided_at.map(utc).unwrap_or_default(),
                l.expires_on.map(|d| d.to_string()).unwrap_or_default(),
            ]);
        }
    }
    csv_response(opendata::LABEL_COLUMNS, &rows, "labels.csv")
}

async fn labels_schema(State(state): State<AppState>) -> axum::Json<serde_json::Value> {
    axum::Json(opendata::labels_schema(&state.config.base_url))
}

/// The banner's signatories (not those removed) and their answers, as open data.
async fn banner_csv(State(state): State<AppState>) -> Result<Response, AppError> {
    let mut rows = vec![];
    for b in state.store.list_banner().await? {
        if b.removed_at.is_none() {
            rows.push(vec![
                b.structure_id.to_string(),
                structure_name(&state, b.structure_id).await?,
                utc(b.signed_at),
                b.general_interest,
                b.governance,
                b.openness,
            ]);
        }
    }
    csv_response(opendata::BANNER_COLUMNS, &rows, "banniere.csv")
}

async fn banner_schema(State(state): State<AppState>) -> axum::Json<serde_json::Value> {
    axum::Json(opendata::banner_schema(&state.config.base_url))
}

/// A date as the language writes it.
pub fn day(d: NaiveDate, locale: Locale) -> String {
    match locale {
        Locale::Fr => d.format("%d/%m/%Y").to_string(),
        Locale::En => d.format("%Y-%m-%d").to_string(),
    }
}

fn with_status(mut page: Response, status: StatusCode) -> Response {
    *page.status_mut() = status;
    page
}

fn errors_value(state: &AppState, ctx: &PageCtx, errors: &FieldErrors) -> Value {
    form_errors(state, ctx.locale, errors)
}

fn one_error(field: &'static str, invalid: Invalid) -> FieldErrors {
    let mut e = FieldErrors::new();
    e.add(field, invalid);
    e
}

async fn structure_name(state: &AppState, id: Uuid) -> Result<String, AppError> {
    Ok(state
        .store
        .structure(id)
        .await?
        .map(|s| s.name)
        .unwrap_or_default())
}

async fn initiative_title(state: &AppState, id: Uuid) -> Result<String, AppError> {
    Ok(state
        .store
        .initiative(id)
        .await?
        .map(|i| i.content.title)
        .unwrap_or_default())
}

fn banner_view(b: &BannerSignature) -> Value {
    context! {
        general_interest_html => markdown(&b.general_interest),
        governance_html => markdown(&b.governance),
        openness_html => markdown(&b.openness),
        signed_at => b.signed_at.to_rfc3339(),
        removed => b.removed_at.is_some(),
        removed_at => b.removed_at.map(|t| t.to_rfc3339()),
        removed_reason => b.removed_reason,
    }
}

fn label_view(l: &Label, locale: Locale) -> Value {
    let today = rules::today();
    context! {
        id => l.id.to_string(),
        structure_id => l.structure_id.to_string(),
        kind => l.kind.as_str(),
        status => l.status.as_str(),
        valid => l.counts(today),
        expired => l.status == LabelStatus::Granted && !l.counts(today),
        expires_on => l.expires_on.map(|d| day(d, locale)),
        reason => l.reason,
        motivation_html => markdown(&l.motivation),
        applied_at => l.applied_at.to_rfc3339(),
        decided_at => l.decided_at.map(|t| t.to_rfc3339()),
    }
}

async fn accompaniment_view(state: &AppState, a: &Accompaniment) -> Result<Value, AppError> {
    Ok(context! {
        id => a.id.to_string(),
        structure_id => a.structure_id.to_string(),
        structure_name => structure_name(state, a.structure_id).await?,
        initiative_id => a.initiative_id.to_string(),
        initiative_title => initiative_title(state, a.initiative_id).await?,
        status => a.status.as_str(),
        message_html => markdown(&a.message),
        proposed_at => a.proposed_at.to_rfc3339(),
        summary => a.summary,
        summary_html => markdown(&a.summary),
        summary_public => a.summary_is_public(),
        publish_structure => a.publish_structure,
        publish_initiative => a.publish_initiative,
    })
}

/// The badges and banner of a structure, for its page (`structures/show.html` includes
/// `reseau/badges.html` with this as `network`).
pub async fn structure_badges(
    state: &AppState,
    structure_id: Uuid,
    locale: Locale,
) -> Result<Value, AppError> {
    let today = rules::today();
    let labels = state.store.labels_of(structure_id).await?;
    let badges: Vec<Value> = rules::valid_labels(&labels, today)
        .into_iter()
        .map(|l| label_view(l, locale))
        .collect();
    let banner = state
        .store
        .banner(structure_id)
        .await?
        .map(|b| banner_view(&b));
    Ok(context! { badges, banner, structure_id => structure_id.to_string() })
}

/// The public summaries of an initiative's accompaniments (both sides agreed), for its page.
pub async fn initiative_accompaniments(
    state: &AppState,
    initiative_id: Uuid,
) -> Result<Vec<Value>, AppError> {
    let mut out = vec![];
    for a in state
        .store
        .accompaniments_of_initiative(initiative_id)
        .await?
    {
        if rules::is_public(state, &a).await? {
            out.push(context! {
                structure_id => a.structure_id.to_string(),
                structure_name => structure_name(state, a.structure_id).await?,
                status => a.status.as_str(),
                summary_html => if a.summary_is_public() { Some(markdown(&a.summary)) } else { None },
            });
        }
    }
    Ok(out)
}

async fn overview(ctx: PageCtx, State(state): State<AppState>) -> Result<Response, AppError> {
    let mut members = vec![];
    let mut removed = vec![];
    for b in state.store.list_banner().await? {
        let item = context! {
            id => b.structure_id.to_string(),
            name => structure_name(&state, b.structure_id).await?,
            banner => banner_view(&b),
        };
        if b.removed_at.is_some() {
            removed.push(item);
        } else {
            members.push(item);
        }
    }
    let today = rules::today();
    let mut labelled = vec![];
    for l in state.store.list_labels(Some(LabelStatus::Granted)).await? {
        if l.counts(today) {
            labelled.push(context! {
                name => structure_name(&state, l.structure_id).await?,
                label => label_view(&l, ctx.locale),
            });
        }
    }
    let committee = ctx
        .user
        .as_ref()
        .is_some_and(|u| rules::is_committee(&u.person));
    Ok(ctx.render(
        &state,
        "reseau/index.html",
        context! { members, removed, labelled, committee },
    ))
}

/// A structure's network page; `extra` carries a form's values and errors when it came back.
async fn render_structure(
    ctx: &PageCtx,
    state: &AppState,
    id: Uuid,
    extra: Value,
) -> Result<Response, AppError> {
    let s = crate::pages::structures::find(state, id).await?;
    let person = ctx.user.as_ref().map(|u| &u.person);
    let manage = match person {
        Some(p) => crate::pages::structures::can_manage(state, id, p).await?,
        None => false,
    };
    let member = match person {
        Some(p) => p.is_admin() || state.store.membership(id, p.id).await?.is_some(),
        None => false,
    };
    let banner = state.store.banner(id).await?;
    let labels = state.store.labels_of(id).await?;
    let today = rules::today();
    let support = labels
        .iter()
        .any(|l| l.kind == LabelKind::Support && l.counts(today));
    // The public sees active and ended accompaniments; the structure's members see all.
    let mut accompaniments = vec![];
    for a in state.store.accompaniments_of_structure(id).await? {
        if member || rules::is_public(state, &a).await? {
            accompaniments.push(accompaniment_view(state, &a).await?);
        }
    }
    let answers = banner
        .as_ref()
        .map(|b| BannerAnswers {
            general_interest: b.general_interest.clone(),
            governance: b.governance.clone(),
            openness: b.openness.clone(),
        })
        .unwrap_or_default();
    Ok(ctx.render(
        state,
        "reseau/structure.html",
        context! {
            s => context! { id => s.id.to_string(), name => s.name },
            banner => banner.as_ref().map(banner_view),
            answers,
            labels => labels.iter().map(|l| label_view(l, ctx.locale)).collect::<Vec<_>>(),
            label_kinds => LabelKind::ALL.iter().map(|k| k.as_str()).collect::<Vec<_>>(),
            accompaniments,
            manage,
            member,
            support,
            admin => person.is_some_and(Person::is_admin),
            ..extra
        },
    ))
}

async fn structure_page(
    ctx: PageCtx,
    State(state): State<AppState>,
    Path(id): Path<Uuid>,
) -> Result<Response, AppError> {
    render_structure(&ctx, &state, id, Value::UNDEFINED).await
}

async fn sign(
    ctx: PageCtx,
    State(state): State<AppState>,
    user: User,
    ClientIp(ip): ClientIp,
    Path(id): Path<Uuid>,
    Form(input): Form<BannerAnswers>,
) -> Result<Response, AppError> {
    let person = user.confirmed()?;
    rules::managed_structure(&state, id, person).await?;
    match input.validate() {
        Ok(answers) => {
            rules::sign_banner(&state, person, id, &answers, Some(&ip)).await?;
            Ok(see_other(&format!("/structures/{id}/reseau#banniere")))
        }
        Err(errors) => {
            let extra = context! { banner_input => input, banner_errors => errors_value(&state, &ctx, &errors) };
            Ok(with_status(
                render_structure(&ctx, &state, id, extra).await?,
                StatusCode::UNPROCESSABLE_ENTITY,
            ))
        }
    }
}

async fn withdraw(
    State(state): State<AppState>,
    user: User,
    ClientIp(ip): ClientIp,
    Path(id): Path<Uuid>,
) -> Result<Response, AppError> {
    rules::withdraw_banner(&state, user.confirmed()?, id, Some(&ip)).await?;
    Ok(see_other(&format!("/structures/{id}/reseau#banniere")))
}

#[derive(Deserialize, Default)]
struct ReasonForm {
    #[serde(default)]
    reason: String,
}

async fn remove(
    ctx: PageCtx,
    State(state): State<AppState>,
    user: User,
    ClientIp(ip): ClientIp,
    Path(id): Path<Uuid>,
    Form(input): Form<ReasonForm>,
) -> Result<Response, AppError> {
    let person = user.confirmed()?;
    if !person.is_admin() {
        return Err(AppError::Forbidden);
    }
    match reason(&input.reason) {
        Ok(r) => {
            rules::remove_from_banner(&state, person, id, &r, Some(&ip)).await?;
            Ok(see_other(&format!("/structures/{id}/reseau#banniere")))
        }
        Err(e) => {
            let errors = one_error("reason", e);
            let extra = context! { removal_reason => input.reason, removal_errors => errors_value(&state, &ctx, &errors) };
            Ok(with_status(
                render_structure(&ctx, &state, id, extra).await?,
                StatusCode::UNPROCESSABLE_ENTITY,
            ))
        }
    }
}

#[derive(Deserialize, Default, serde::Serialize)]
struct ApplyForm {
    #[serde(default)]
    kind: String,
    #[serde(default)]
    motivation: String,
}

async fn apply(
    ctx: PageCtx,
    State(state): State<AppState>,
    user: User,
    ClientIp(ip): ClientIp,
    Path(id): Path<Uuid>,
    Form(input): Form<ApplyForm>,
) -> Result<Response, AppError> {
    let person = user.confirmed()?;
    rules::managed_structure(&state, id, person).await?;
    let mut errors = FieldErrors::new();
    let kind = errors.check(
        "kind",
        LabelKind::parse(&input.kind).ok_or(Invalid::new("network_kind_invalid")),
    );
    let motivation = errors.check("motivation", reason(&input.motivation));
    match (kind, motivation) {
        (Some(kind), Some(motivation)) => {
            let label =
                rules::apply_for_label(&state, person, id, kind, motivation, Some(&ip)).await?;
            Ok(see_other(&format!("/reseau/labels/{}", label.id)))
        }
        _ => {
            let extra =
                context! { apply => input, apply_errors => errors_value(&state, &ctx, &errors) };
            Ok(with_status(
                render_structure(&ctx, &state, id, extra).await?,
                StatusCode::UNPROCESSABLE_ENTITY,
            ))
        }
    }
}

#[derive(Deserialize, Default, serde::Serialize)]
struct ProposeForm {
    /// The initiative's address (`…/initiatives/<id>`) or id.
    #[serde(default)]
    initiative: String,
    #[serde(default)]
    message: String,
}

/// The id at the end of an initiative's address, or the id itself.
fn initiative_ref(text: &str) -> Option<Uuid> {
    let t = text.trim().trim_end_matches('/');
    let last = t.rsplit('/').next()?;
    let last = last.split(['?', '#']).next()?;
    Uuid::parse_str(last).ok()
}

async fn propose(
    ctx: PageCtx,
    State(state): State<AppState>,
    user: User,
    ClientIp(ip): ClientIp,
    Path(id): Path<Uuid>,
    Form(input): Form<ProposeForm>,
) -> Result<Response, AppError> {
    let person = user.confirmed()?;
    rules::managed_structure(&state, id, person).await?;
    let mut errors = FieldErrors::new();
    let initiative = errors.check(
        "initiative",
        initiative_ref(&input.initiative).ok_or(Invalid::new("network_initiative_unknown")),
    );
    let message = errors.check("message", summary(&input.message));
    let refused = |errors: FieldErrors| {
        let extra =
            context! { propose => &input, propose_errors => errors_value(&state, &ctx, &errors) };
        let state = state.clone();
        let ctx = &ctx;
        async move {
            Ok::<_, AppError>(with_status(
                render_structure(ctx, &state, id, extra).await?,
                StatusCode::UNPROCESSABLE_ENTITY,
            ))
        }
    };
    let (Some(initiative), Some(message)) = (initiative, message) else {
        return refused(errors).await;
    };
    match rules::propose_accompaniment(
        &state,
        ctx.locale,
        person,
        id,
        initiative,
        message,
        Some(&ip),
    )
    .await
    {
        Ok(a) => Ok(see_other(&format!("/reseau/accompagnements/{}", a.id))),
        Err(AppError::Unprocessable(code)) => {
            refused(one_error("initiative", Invalid::new(code))).await
        }
        Err(e) => Err(e),
    }
}

async fn committee_queue(
    ctx: PageCtx,
    State(state): State<AppState>,
    user: User,
) -> Result<Response, AppError> {
    if !rules::is_committee(user.person()) {
        return Err(AppError::Forbidden);
    }
    let mut pending = vec![];
    let mut granted = vec![];
    let mut closed = vec![];
    for l in state.store.list_labels(None).await? {
        let item = context! {
            name => structure_name(&state, l.structure_id).await?,
            label => label_view(&l, ctx.locale),
        };
        match l.status {
            LabelStatus::Pending => pending.push(item),
            LabelStatus::Granted => granted.push(item),
            _ => closed.push(item),
        }
    }
    Ok(ctx.render(
        &state,
        "reseau/labels.html",
        context! { pending, granted, closed },
    ))
}

async fn render_label(
    ctx: &PageCtx,
    state: &AppState,
    person: &Person,
    id: Uuid,
    extra: Value,
) -> Result<Response, AppError> {
    let label = rules::readable_label(state, person, id).await?;
    let comments: Vec<Value> = state
        .store
        .label_comments(id)
        .await?
        .iter()
        .map(|c| {
            context! {
                author => c.author_name,
                at => c.created_at.to_rfc3339(),
                body_html => markdown(&c.body),
            }
        })
        .collect();
    let default_expiry = (rules::today() + chrono::Duration::days(730))
        .format("%Y-%m-%d")
        .to_string();
    Ok(ctx.render(
        state,
        "reseau/label.html",
        context! {
            l => label_view(&label, ctx.locale),
            structure => context! {
                id => label.structure_id.to_string(),
                name => structure_name(state, label.structure_id).await?,
            },
            comments,
            committee => rules::is_committee(person),
            default_expiry,
            ..extra
        },
    ))
}

async fn label_page(
    ctx: PageCtx,
    State(state): State<AppState>,
    user: User,
    Path(id): Path<Uuid>,
) -> Result<Response, AppError> {
    render_label(&ctx, &state, user.person(), id, Value::UNDEFINED).await
}

#[derive(Deserialize, Default, serde::Serialize)]
struct CommentForm {
    #[serde(default)]
    body: String,
}

async fn comment(
    ctx: PageCtx,
    State(state): State<AppState>,
    user: User,
    ClientIp(ip): ClientIp,
    Path(id): Path<Uuid>,
    Form(input): Form<CommentForm>,
) -> Result<Response, AppError> {
    let person = user.confirmed()?;
    rules::readable_label(&state, person, id).await?;
    match text(&input.body) {
        Ok(body) => {
            rules::comment_label(&state, ctx.locale, person, id, &body, Some(&ip)).await?;
            Ok(see_other(&format!("/reseau/labels/{id}#commentaires")))
        }
        Err(e) => {
            let extra = context! { comment => input, comment_errors => errors_value(&state, &ctx, &one_error("body", e)) };
            Ok(with_status(
                render_label(&ctx, &state, person, id, extra).await?,
                StatusCode::UNPROCESSABLE_ENTITY,
            ))
        }
    }
}

#[derive(Deserialize, Default, serde::Serialize)]
struct DecisionForm {
    /// `grant` or `refuse`.
    #[serde(default)]
    decision: String,
    #[serde(default)]
    expires_on: String,
    #[serde(default)]
    reason: String,
}

/// The committee's decision as typed, checked: an expiry to grant, a reason to refuse.
pub fn parse_decision(
    decision: &str,
    expires_on: &str,
    why: &str,
) -> Result<Decision, FieldErrors> {
    let today = rules::today();
    let mut errors = FieldErrors::new();
    let d = match decision {
        "grant" => errors
            .check(
                "expires_on",
                essaim_domain::network::expiry(expires_on, today),
            )
            .map(|expires_on| Decision::Grant { expires_on }),
        "refuse" => errors
            .check("reason", reason(why))
            .map(|reason| Decision::Refuse { reason }),
        "renew" => errors
            .check(
                "expires_on",
                essaim_domain::network::expiry(expires_on, today),
            )
            .map(|expires_on| Decision::Renew { expires_on }),
        "revoke" => errors
            .check("reason", reason(why))
            .map(|reason| Decision::Revoke { reason }),
        _ => {
            errors.add("decision", Invalid::new("network_decision_invalid"));
            None
        }
    };
    d.ok_or(errors)
}

async fn decide_with(
    ctx: PageCtx,
    state: AppState,
    user: User,
    ip: String,
    id: Uuid,
    input: DecisionForm,
) -> Result<Response, AppError> {
    let person = user.confirmed()?;
    // The role first: a person without it learns nothing from the validation of their input.
    if !rules::is_committee(person) {
        return Err(AppError::Forbidden);
    }
    if rules::conflict_of_interest(&state, person, id).await? {
        return Ok(rules::conflict_of_interest_refusal());
    }
    match parse_decision(&input.decision, &input.expires_on, &input.reason) {
        Ok(decision) => {
            rules::decide_label(&state, ctx.locale, person, id, decision, Some(&ip)).await?;
            Ok(see_other(&format!("/reseau/labels/{id}")))
        }
        Err(errors) => {
            let extra = context! { decision => input, decision_errors => errors_value(&state, &ctx, &errors) };
            Ok(with_status(
                render_label(&ctx, &state, person, id, extra).await?,
                StatusCode::UNPROCESSABLE_ENTITY,
            ))
        }
    }
}

async fn decide(
    ctx: PageCtx,
    State(state): State<AppState>,
    user: User,
    ClientIp(ip): ClientIp,
    Path(id): Path<Uuid>,
    Form(input): Form<DecisionForm>,
) -> Result<Response, AppError> {
    let input = if matches!(input.decision.as_str(), "grant" | "refuse") {
        input
    } else {
        DecisionForm {
            decision: String::new(),
            ..input
        }
    };
    decide_with(ctx, state, user, ip, id, input).await
}

async fn renew(
    ctx: PageCtx,
    State(state): State<AppState>,
    user: User,
    ClientIp(ip): ClientIp,
    Path(id): Path<Uuid>,
    Form(input): Form<DecisionForm>,
) -> Result<Response, AppError> {
    let input = DecisionForm {
        decision: "renew".into(),
        ..input
    };
    decide_with(ctx, state, user, ip, id, input).await
}

async fn revoke(
    ctx: PageCtx,
    State(state): State<AppState>,
    user: User,
    ClientIp(ip): ClientIp,
    Path(id): Path<Uuid>,
    Form(input): Form<DecisionForm>,
) -> Result<Response, AppError> {
    let input = DecisionForm {
        decision: "revoke".into(),
        ..input
    };
    decide_with(ctx, state, user, ip, id, input).await
}

async fn render_accompaniment(
    ctx: &PageCtx,
    state: &AppState,
    person: &Person,
    id: Uuid,
    extra: Value,
) -> Result<Response, AppError> {
    let (a, sides) = rules::party_accompaniment(state, person, id).await?;
    let log: Vec<Value> = state
        .store
        .follow_ups(id)
        .await?
        .iter()
        .map(|e| {
            context! {
                kind => e.kind.as_str(),
                date => day(e.happened_on, ctx.locale),
                iso => e.happened_on.to_string(),
                author => e.author_name,
                body_html => markdown(&e.body),
            }
        })
        .collect();
    let Sides {
        structure,
        initiative,
        ..
    } = sides;
    Ok(ctx.render(
        state,
        "reseau/accompaniment.html",
        context! {
            a => accompaniment_view(state, &a).await?,
            log,
            structure_side => structure,
            initiative_side => initiative,
            commits => sides.commits(),
            seen => rules::publication_seen(&a),
            my_agreement => (structure && a.publish_structure) || (initiative && a.publish_initiative),
            kinds => FollowUpKind::ALL.iter().map(|k| k.as_str()).collect::<Vec<_>>(),
            today => rules::today().to_string(),
            ..extra
        },
    ))
}

async fn accompaniment_page(
    ctx: PageCtx,
    State(state): State<AppState>,
    user: User,
    Path(id): Path<Uuid>,
) -> Result<Response, AppError> {
    render_accompaniment(&ctx, &state, user.person(), id, Value::UNDEFINED).await
}

#[derive(Deserialize, Default)]
struct AnswerForm {
    /// `accept` or `decline`.
    #[serde(default)]
    answer: String,
}

async fn answer(
    ctx: PageCtx,
    State(state): State<AppState>,
    user: User,
    ClientIp(ip): ClientIp,
    Path(id): Path<Uuid>,
    Form(input): Form<AnswerForm>,
) -> Result<Response, AppError> {
    let person = user.confirmed()?;
    let accept = match input.answer.as_str() {
        "accept" => true,
        "decline" => false,
        _ => {
            // Check who asks before saying what is wrong with the answer.
            rules::party_accompaniment(&state, person, id).await?;
            return Err(AppError::Unprocessable("network_decision_invalid"));
        }
    };
    rules::answer_accompaniment(&state, ctx.locale, person, id, accept, Some(&ip)).await?;
    Ok(see_other(&format!("/reseau/accompagnements/{id}")))
}

async fn log_entry(
    ctx: PageCtx,
    State(state): State<AppState>,
    user: User,
    Path(id): Path<Uuid>,
    Form(input): Form<FollowUpInput>,
) -> Result<Response, AppError> {
    let person = user.confirmed()?;
    rules::party_accompaniment(&state, person, id).await?;
    match input.validate(rules::today()) {
        Ok(entry) => {
            rules::add_follow_up(&state, person, id, entry).await?;
            Ok(see_other(&format!("/reseau/accompagnements/{id}#journal")))
        }
        Err(errors) => {
            let extra =
                context! { entry => input, entry_errors => errors_value(&state, &ctx, &errors) };
            Ok(with_status(
                render_accompaniment(&ctx, &state, person, id, extra).await?,
                StatusCode::UNPROCESSABLE_ENTITY,
            ))
        }
    }
}

#[derive(Deserialize, Default, serde::Serialize)]
struct PublicationForm {
    #[serde(default)]
    summary: String,
    /// A checkbox: present when this side agrees to publish.
    #[serde(default)]
    agree: Option<String>,
    /// What the person read: `network::publication_seen` of the page they saw.
    #[serde(default)]
    seen: String,
}

async fn publication(
    ctx: PageCtx,
    State(state): State<AppState>,
    user: User,
    Path(id): Path<Uuid>,
    Form(input): Form<PublicationForm>,
) -> Result<Response, AppError> {
    let person = user.confirmed()?;
    rules::party_accompaniment(&state, person, id).await?;
    match summary(&input.summary) {
        Ok(s) => {
            match rules::set_publication(&state, person, id, &input.seen, &s, input.agree.is_some())
                .await
            {
                Ok(_) => Ok(see_other(&format!("/reseau/accompagnements/{id}#resume"))),
                Err(AppError::Conflict(code)) => {
                    // Read again: the text and agreements as they are now, the typed text kept.
                    let errors = one_error("summary", Invalid::new(code));
                    let extra = context! { publication => input, publication_errors => errors_value(&state, &ctx, &errors) };
                    Ok(with_status(
                        render_accompaniment(&ctx, &state, person, id, extra).await?,
                        StatusCode::CONFLICT,
                    ))
                }
                Err(e) => Err(e),
            }
        }
        Err(e) => {
            let extra = context! { publication => input, publication_errors => errors_value(&state, &ctx, &one_error("summary", e)) };
            Ok(with_status(
                render_accompaniment(&ctx, &state, person, id, extra).await?,
                StatusCode::UNPROCESSABLE_ENTITY,
            ))
        }
    }
}

async fn end(
    State(state): State<AppState>,
    user: User,
    ClientIp(ip): ClientIp,
    Path(id): Path<Uuid>,
) -> Result<Response, AppError> {
    rules::end_accompaniment(&state, user.confirmed()?, id, Some(&ip)).await?;
    Ok(see_other(&format!("/reseau/accompagnements/{id}")).into_response())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_initiative_is_named_by_its_address_or_id() {
        let id = Uuid::now_v7();
        assert_eq!(initiative_ref(&id.to_string()), Some(id));
        assert_eq!(
            initiative_ref(&format!("https://essaim.example/initiatives/{id}/")),
            Some(id)
        );
        assert_eq!(
            initiative_ref(&format!("/initiatives/{id}#recette")),
            Some(id)
        );
        assert_eq!(initiative_ref("jardin partagé"), None);
    }

    #[test]
    fn a_decision_needs_its_expiry_or_its_reason() {
        assert!(matches!(
            parse_decision("grant", "2099-01-01", ""),
            Err(e) if e.get("expires_on").is_some()
        ));
        assert!(
            matches!(parse_decision("refuse", "", "Non."), Err(e) if e.get("reason").is_some())
        );
        assert!(matches!(
            parse_decision("refuse", "", "Dossier incomplet"),
            Ok(Decision::Refuse { .. })
        ));
        assert!(matches!(parse_decision("maybe", "", ""), Err(e) if e.get("decision").is_some()));
    }
}
