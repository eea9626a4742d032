//! The network through the API: a structure's banner, labels and public accompaniments for
//! everyone; signing the banner and applying for a label for its managers; the committee's
//! queue and decisions; an accompaniment's follow-up log for its two sides. The rules are the
//! pages' (`crate::network`).

use super::ApiJson;
use crate::auth::{ClientIp, User};
use crate::error::AppError;
use crate::i18n::Locale;
use crate::network::{self as rules, Decision};
use crate::state::AppState;
use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use axum::{Json, Router};
use chrono::{DateTime, NaiveDate, Utc};
use essaim_domain::invalid::{FieldErrors, Invalid};
use essaim_domain::network::{reason, BannerAnswers, FollowUpInput, LabelKind, LabelStatus};
use essaim_store::network::{Accompaniment, BannerSignature, FollowUpEntry, Label};
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};
use uuid::Uuid;

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/structures/{id}/network", get(structure_network))
        .route("/structures/{id}/banner", post(sign).delete(withdraw))
        .route("/structures/{id}/labels", post(apply))
        .route("/labels", get(labels))
        .route("/labels/{id}/decision", post(decide))
        .route("/structures/{id}/banner/removal", post(remove))
        .route("/structures/{id}/accompaniments", post(propose))
        .route("/accompaniments/{id}", get(accompaniment))
        .route("/accompaniments/{id}/answer", post(answer))
        .route("/accompaniments/{id}/end", post(end))
        .route("/accompaniments/{id}/log", get(log).post(add_log))
}

#[derive(Serialize, ToSchema)]
pub struct BannerOut {
    general_interest: String,
    governance: String,
    openness: String,
    signed_at: DateTime<Utc>,
    /// Set when an admin removed the structure; the reason is public.
    removed_at: Option<DateTime<Utc>>,
    removed_reason: Option<String>,
}

impl From<&BannerSignature> for BannerOut {
    fn from(b: &BannerSignature) -> Self {
        BannerOut {
            general_interest: b.general_interest.clone(),
            governance: b.governance.clone(),
            openness: b.openness.clone(),
            signed_at: b.signed_at,
            removed_at: b.removed_at,
            removed_reason: b.removed_reason.clone(),
        }
    }
}

#[derive(Serialize, ToSchema)]
pub struct LabelOut {
    id: Uuid,
    structure_id: Uuid,
    /// `support`, `funder` or `evaluator`.
    kind: String,
    /// `pending`, `granted`, `refused`, `revoked` or `expired`.
    status: String,
    /// Granted, not expired, not revoked: what the label's rights rely on.
    valid: bool,
    expires_on: Option<NaiveDate>,
    /// The reason of a refusal or a revocation.
    reason: Option<String>,
    applied_at: DateTime<Utc>,
    decided_at: Option<DateTime<Utc>>,
}

impl From<&Label> for LabelOut {
    fn from(l: &Label) -> Self {
        LabelOut {
            id: l.id,
            structure_id: l.structure_id,
            kind: l.kind.as_str().into(),
            status: l.status.as_str().into(),
            valid: l.counts(rules::today()),
            expires_on: l.expires_on,
            reason: l.reason.clone(),
            applied_at: l.applied_at,
            decided_at: l.decided_at,
        }
    }
}

#[derive(Serialize, ToSchema)]
pub struct AccompanimentOut {
    id: Uuid,
    structure_id: Uuid,
    initiative_id: Uuid,
    /// `active` or `ended` (proposals and declined ones are the two sides' business).
    status: String,
    /// Present when both sides agreed to publish it.
    summary: Option<String>,
}

impl From<&Accompaniment> for AccompanimentOut {
    fn from(a: &Accompaniment) -> Self {
        AccompanimentOut {
            id: a.id,
            structure_id: a.structure_id,
            initiative_id: a.initiative_id,
            status: a.status.as_str().into(),
            summary: a.summary_is_public().then(|| a.summary.clone()),
        }
    }
}

#[derive(Serialize, ToSchema)]
pub struct StructureNetwork {
    banner: Option<BannerOut>,
    /// Granted labels, valid or expired (as on the structure's page: applications under
    /// review, refusals and revocations, with the committee's reasons, are for the
    /// structure's managers and the committee, through the labels endpoints).
    labels: Vec<LabelOut>,
    accompaniments: Vec<AccompanimentOut>,
}

/// A structure's banner signature, labels and public accompaniments.
#[utoipa::path(get, path = "/api/v1/structures/{id}/network", tag = "network",
    params(("id" = Uuid, Path,)),
    responses((status = 200, body = StructureNetwork), (status = 404, body = super::openapi::ErrorBody)))]
pub async fn structure_network(
    State(state): State<AppState>,
    Path(id): Path<Uuid>,
) -> Result<Json<StructureNetwork>, AppError> {
    crate::pages::structures::find(&state, id).await?;
    let banner = state.store.banner(id).await?;
    let labels = state.store.labels_of(id).await?;
    let mut accompaniments = vec![];
    for a in state.store.accompaniments_of_structure(id).await? {
        if rules::is_public(&state, &a).await? {
            accompaniments.push(a);
        }
    }
    Ok(Json(StructureNetwork {
        banner: banner.as_ref().map(Into::into),
        labels: labels
            .iter()
            .filter(|l| l.status == LabelStatus::Granted)
            .map(Into::into)
            .collect(),
        accompaniments: accompaniments.iter().map(Into::into).collect(),
    }))
}

/// Signs the banner or replaces the answers (the structure's managers).
#[utoipa::path(post, path = "/api/v1/structures/{id}/banner", tag = "network", security(("bearer" = [])),
    params(("id" = Uuid, Path,)), request_body = Object,
    responses((status = 200, body = BannerOut), (status = 401, body = super::openapi::ErrorBody),
              (status = 403, body = super::openapi::ErrorBody), (status = 404, body = super::openapi::ErrorBody),
              (status = 409, body = super::openapi::ErrorBody), (status = 422, body = super::openapi::ErrorBody)))]
pub async fn sign(
    State(state): State<AppState>,
    user: User,
    ClientIp(ip): ClientIp,
    Path(id): Path<Uuid>,
    ApiJson(body): ApiJson<BannerAnswers>,
) -> Result<Json<BannerOut>, AppError> {
    let person = user.confirmed()?;
    rules::managed_structure(&state, id, person).await?;
    let answers = body.validate().map_err(AppError::Invalid)?;
    let signed = rules::sign_banner(&state, person, id, &answers, Some(&ip)).await?;
    Ok(Json((&signed).into()))
}

/// Withdraws the structure's signature (the structure's managers).
#[utoipa::path(delete, path = "/api/v1/structures/{id}/banner", tag = "network", security(("bearer" = [])),
    params(("id" = Uuid, Path,)),
    responses((status = 204), (status = 401, body = super::openapi::ErrorBody),
              (status = 403, body = super::openapi::ErrorBody), (status = 404, body = super::openapi::ErrorBody),
              (status = 409, body = super::openapi::ErrorBody)))]
pub async fn withdraw(
    State(state): State<AppState>,
    user: User,
    ClientIp(ip): ClientIp,
    Path(id): Path<Uuid>,
) -> Result<Response, AppError> {
    rules::withdraw_banner(&state, user.confirmed()?, id, Some(&ip)).await?;
    Ok(StatusCode::NO_CONTENT.into_response())
}

#[derive(Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct ApplyBody {
    /// `support`, `funder` or `evaluator`.
    #[serde(default)]
    kind: String,
    #[serde(default)]
    motivation: String,
}

/// Applies for a label (the structure's managers).
#[utoipa::path(post, path = "/api/v1/structures/{id}/labels", tag = "network", security(("bearer" = [])),
    params(("id" = Uuid, Path,)), request_body = ApplyBody,
    responses((status = 201, body = LabelOut), (status = 401, body = super::openapi::ErrorBody),
              (status = 403, body = super::openapi::ErrorBody), (status = 404, body = super::openapi::ErrorBody),
              (status = 409, body = super::openapi::ErrorBody), (status = 422, body = super::openapi::ErrorBody)))]
pub async fn apply(
    State(state): State<AppState>,
    user: User,
    ClientIp(ip): ClientIp,
    Path(id): Path<Uuid>,
    ApiJson(body): ApiJson<ApplyBody>,
) -> Result<Response, AppError> {
    let person = user.confirmed()?;
    rules::managed_structure(&state, id, person).await?;
    let mut errors = FieldErrors::new();
    let kind = errors.check(
        "kind",
        LabelKind::parse(&body.kind).ok_or(Invalid::new("network_kind_invalid")),
    );
    let motivation = errors.check("motivation", reason(&body.motivation));
    let (Some(kind), Some(motivation)) = (kind, motivation) else {
        return Err(AppError::Invalid(errors));
    };
    let label = rules::apply_for_label(&state, person, id, kind, motivation, Some(&ip)).await?;
    Ok((StatusCode::CREATED, Json(LabelOut::from(&label))).into_response())
}

#[derive(Deserialize, IntoParams)]
pub struct LabelsQuery {
    /// `pending`, `granted`, `refused`, `revoked` or `expired`; all when absent.
    status: Option<String>,
}

/// Every label application, for the labelling committee.
#[utoipa::path(get, path = "/api/v1/labels", tag = "network", security(("bearer" = [])), params(LabelsQuery),
    responses((status = 200, body = Vec<LabelOut>), (status = 401, body = super::openapi::ErrorBody),
              (status = 403, body = super::openapi::ErrorBody), (status = 422, body = super::openapi::ErrorBody)))]
pub async fn labels(
    State(state): State<AppState>,
    user: User,
    Query(q): Query<LabelsQuery>,
) -> Result<Json<Vec<LabelOut>>, AppError> {
    if !rules::is_committee(user.person()) {
        return Err(AppError::Forbidden);
    }
    let status = match q.status.as_deref().filter(|s| !s.is_empty()) {
        Some(s) => {
            Some(LabelStatus::parse(s).ok_or(AppError::Unprocessable("network_invalid_value"))?)
        }
        None => None,
    };
    let list = state.store.list_labels(status).await?;
    Ok(Json(list.iter().map(Into::into).collect()))
}

#[derive(Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct DecisionBody {
    /// `grant`, `refuse`, `renew` or `revoke`.
    #[serde(default)]
    decision: String,
    /// `YYYY-MM-DD`, to grant or renew.
    #[serde(default)]
    expires_on: String,
    /// To refuse or revoke; public.
    #[serde(default)]
    reason: String,
}

/// A decision of the labelling committee (403 for anyone else).
#[utoipa::path(post, path = "/api/v1/labels/{id}/decision", tag = "network", security(("bearer" = [])),
    params(("id" = Uuid, Path,)), request_body = DecisionBody,
    responses((status = 200, body = LabelOut), (status = 401, body = super::openapi::ErrorBody),
              (status = 403, body = super::openapi::ErrorBody), (status = 404, body = super::openapi::ErrorBody),
              (status = 409, body = super::openapi::ErrorBody), (status = 422, body = super::openapi::ErrorBody)))]
pub async fn decide(
    State(state): State<AppState>,
    user: User,
    ClientIp(ip): ClientIp,
    Path(id): Path<Uuid>,
    ApiJson(body): ApiJson<DecisionBody>,
) -> Result<Response, AppError> {
    let person = user.confirmed()?;
    if !rules::is_committee(person) {
        return Err(AppError::Forbidden);
    }
    if rules::conflict_of_interest(&state, person, id).await? {
        return Ok(rules::conflict_of_interest_refusal());
    }
    let decision: Decision =
        crate::pages::network::parse_decision(&body.decision, &body.expires_on, &body.reason)
            .map_err(AppError::Invalid)?;
    let label = rules::decide_label(&state, Locale::Fr, person, id, decision, Some(&ip)).await?;
    Ok(Json(LabelOut::from(&label)).into_response())
}

#[derive(Serialize, ToSchema)]
pub struct FollowUpOut {
    id: Uuid,
    /// `meeting`, `advice`, `milestone` or `next_step`.
    kind: String,
    date: NaiveDate,
    /// Markdown.
    body: String,
    author: String,
    created_at: DateTime<Utc>,
}

impl From<&FollowUpEntry> for FollowUpOut {
    fn from(e: &FollowUpEntry) -> Self {
        FollowUpOut {
            id: e.id,
            kind: e.kind.as_str().into(),
            date: e.happened_on,
            body: e.body.clone(),
            author: e.author_name.clone(),
            created_at: e.created_at,
        }
    }
}

/// An accompaniment's follow-up log, for its two sides (and admins) only.
#[utoipa::path(get, path = "/api/v1/accompaniments/{id}/log", tag = "network", security(("bearer" = [])),
    params(("id" = Uuid, Path,)),
    responses((status = 200, body = Vec<FollowUpOut>), (status = 401, body = super::openapi::ErrorBody),
              (status = 403, body = super::openapi::ErrorBody), (status = 404, body = super::openapi::ErrorBody)))]
pub async fn log(
    State(state): State<AppState>,
    user: User,
    Path(id): Path<Uuid>,
) -> Result<Json<Vec<FollowUpOut>>, AppError> {
    rules::party_accompaniment(&state, user.person(), id).await?;
    let entries = state.store.follow_ups(id).await?;
    Ok(Json(entries.iter().map(Into::into).collect()))
}

/// Writes in the log of an active accompaniment (either side).
#[utoipa::path(post, path = "/api/v1/accompaniments/{id}/log", tag = "network", security(("bearer" = [])),
    params(("id" = Uuid, Path,)), request_body = Object,
    responses((status = 201, body = FollowUpOut), (status = 401, body = super::openapi::ErrorBody),
              (status = 403, body = super::openapi::ErrorBody), (status = 404, body = super::openapi::ErrorBody),
              (status = 409, body = super::openapi::ErrorBody), (status = 422, body = super::openapi::ErrorBody)))]
pub async fn add_log(
    State(state): State<AppState>,
    user: User,
    Path(id): Path<Uuid>,
    ApiJson(body): ApiJson<FollowUpInput>,
) -> Result<Response, AppError> {
    let person = user.confirmed()?;
    rules::party_accompaniment(&state, person, id).await?;
    let entry = body.validate(rules::today()).map_err(AppError::Invalid)?;
    let saved = rules::add_follow_up(&state, person, id, entry).await?;
    Ok((StatusCode::CREATED, Json(FollowUpOut::from(&saved))).into_response())
}

#[derive(Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct RemovalBody {
    /// Public.
    #[serde(default)]
    reason: String,
}

/// Removes a structure that breaks the charter from the banner, with a public reason (admins).
#[utoipa::path(post, path = "/api/v1/structures/{id}/banner/removal", tag = "network", security(("bearer" = [])),
    params(("id" = Uuid, Path,)), request_body = RemovalBody,
    responses((status = 204), (status = 401, body = super::openapi::ErrorBody),
              (status = 403, body = super::openapi::ErrorBody), (status = 404, body = super::openapi::ErrorBody),
              (status = 409, body = super::openapi::ErrorBody), (status = 422, body = super::openapi::ErrorBody)))]
pub async fn remove(
    State(state): State<AppState>,
    user: User,
    ClientIp(ip): ClientIp,
    Path(id): Path<Uuid>,
    ApiJson(body): ApiJson<RemovalBody>,
) -> Result<Response, AppError> {
    let person = user.confirmed()?;
    if !person.is_admin() {
        return Err(AppError::Forbidden);
    }
    let why = reason(&body.reason).map_err(|e| {
        let mut errors = FieldErrors::new();
        errors.add("reason", e);
        AppError::Invalid(errors)
    })?;
    rules::remove_from_banner(&state, person, id, &why, Some(&ip)).await?;
    Ok(StatusCode::NO_CONTENT.into_response())
}

#[derive(Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct ProposeBody {
    #[serde(default)]
    initiative_id: Option<Uuid>,
    /// To the initiative's team (Markdown).
    #[serde(default)]
    message: String,
}

#[derive(Serialize, ToSchema)]
pub struct AccompanimentDetail {
    id: Uuid,
    structure_id: Uuid,
    initiative_id: Uuid,
    /// `proposed`, `active`, `declined` or `ended`.
    status: String,
    message: String,
    proposed_at: DateTime<Utc>,
    summary: String,
    publish_structure: bool,
    publish_initiative: bool,
}

impl From<&Accompaniment> for AccompanimentDetail {
    fn from(a: &Accompaniment) -> Self {
        AccompanimentDetail {
            id: a.id,
            structure_id: a.structure_id,
            initiative_id: a.initiative_id,
            status: a.status.as_str().into(),
            message: a.message.clone(),
            proposed_at: a.proposed_at,
            summary: a.summary.clone(),
            publish_structure: a.publish_structure,
            publish_initiative: a.publish_initiative,
        }
    }
}

/// Offers to accompany a published initiative (managers of a structure holding a valid
/// support label).
#[utoipa::path(post, path = "/api/v1/structures/{id}/accompaniments", tag = "network", security(("bearer" = [])),
    params(("id" = Uuid, Path,)), request_body = ProposeBody,
    responses((status = 201, body = AccompanimentDetail), (status = 401, body = super::openapi::ErrorBody),
              (status = 403, body = super::openapi::ErrorBody), (status = 404, body = super::openapi::ErrorBody),
              (status = 409, body = super::openapi::ErrorBody), (status = 422, body = super::openapi::ErrorBody)))]
pub async fn propose(
    State(state): State<AppState>,
    user: User,
    ClientIp(ip): ClientIp,
    Path(id): Path<Uuid>,
    ApiJson(body): ApiJson<ProposeBody>,
) -> Result<Response, AppError> {
    let person = user.confirmed()?;
    rules::managed_structure(&state, id, person).await?;
    let mut errors = FieldErrors::new();
    let initiative = errors.check(
        "initiative_id",
        body.initiative_id
            .ok_or(Invalid::new("network_initiative_unknown")),
    );
    let message = errors.check("message", essaim_domain::network::summary(&body.message));
    let (Some(initiative), Some(message)) = (initiative, message) else {
        return Err(AppError::Invalid(errors));
    };
    let a = rules::propose_accompaniment(
        &state,
        Locale::Fr,
        person,
        id,
        initiative,
        message,
        Some(&ip),
    )
    .await?;
    Ok((StatusCode::CREATED, Json(AccompanimentDetail::from(&a))).into_response())
}

/// An accompaniment, for its two sides (and admins) only.
#[utoipa::path(get, path = "/api/v1/accompaniments/{id}", tag = "network", security(("bearer" = [])),
    params(("id" = Uuid, Path,)),
    responses((status = 200, body = AccompanimentDetail), (status = 401, body = super::openapi::ErrorBody),
              (status = 403, body = super::openapi::ErrorBody), (status = 404, body = super::openapi::ErrorBody)))]
pub async fn accompaniment(
    State(state): State<AppState>,
    user: User,
    Path(id): Path<Uuid>,
) -> Result<Json<AccompanimentDetail>, AppError> {
    let (a, _) = rules::party_accompaniment(&state, user.person(), id).await?;
    Ok(Json((&a).into()))
}

#[derive(Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct AnswerBody {
    /// `accept` or `decline`.
    #[serde(default)]
    answer: String,
}

/// The initiative's team accepts or declines an offer.
#[utoipa::path(post, path = "/api/v1/accompaniments/{id}/answer", tag = "network", security(("bearer" = [])),
    params(("id" = Uuid, Path,)), request_body = AnswerBody,
    responses((status = 200, body = AccompanimentDetail), (status = 401, body = super::openapi::ErrorBody),
              (status = 403, body = super::openapi::ErrorBody), (status = 404, body = super::openapi::ErrorBody),
              (status = 409, body = super::openapi::ErrorBody), (status = 422, body = super::openapi::ErrorBody)))]
pub async fn answer(
    State(state): State<AppState>,
    user: User,
    ClientIp(ip): ClientIp,
    Path(id): Path<Uuid>,
    ApiJson(body): ApiJson<AnswerBody>,
) -> Result<Json<AccompanimentDetail>, AppError> {
    let person = user.confirmed()?;
    let accept = match body.answer.as_str() {
        "accept" => true,
        "decline" => false,
        _ => {
            rules::party_accompaniment(&state, person, id).await?;
            return Err(AppError::Unprocessable("network_decision_invalid"));
        }
    };
    let a = rules::answer_accompaniment(&state, Locale::Fr, person, id, accept, Some(&ip)).await?;
    Ok(Json((&a).into()))
}

/// Either side ends a proposed or active accompaniment.
#[utoipa::path(post, path = "/api/v1/accompaniments/{id}/end", tag = "network", security(("bearer" = [])),
    params(("id" = Uuid, Path,)),
    responses((status = 200, body = AccompanimentDetail), (status = 401, body = super::openapi::ErrorBody),
              (status = 403, body = super::openapi::ErrorBody), (status = 404, body = super::openapi::ErrorBody),
              (status = 409, body = super::openapi::ErrorBody)))]
pub async fn end(
    State(state): State<AppState>,
    user: User,
    ClientIp(ip): ClientIp,
    Path(id): Path<Uuid>,
) -> Result<Json<AccompanimentDetail>, AppError> {
    let a = rules::end_accompaniment(&state, user.confirmed()?, id, Some(&ip)).await?;
    Ok(Json((&a).into()))
}
