//! Initiatives through the API: the catalogue with facets, one initiative, create, update,
//! revisions, fork and restore. Same rules as the pages (`pages::initiatives`).

use super::ApiJson;
use crate::auth::{MaybeUser, User};
use crate::error::AppError;
use crate::pages::initiatives::edit::{read_form, validate};
use crate::pages::initiatives::fork::{can_fork, validate_fork, ForkForm};
use crate::pages::initiatives::{can_edit, catalogue_query, find_visible, CatalogueParams};
use crate::state::AppState;
use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use axum::routing::{get, post};
use axum::{Json, Router};
use essaim_domain::initiative::{InitiativeContent, Status};
use essaim_store::{utc_now, Initiative, RevisionNote};
use serde::{Deserialize, Serialize};
use serde_json::json;
use utoipa::{IntoParams, ToSchema};
use uuid::Uuid;

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/initiatives", get(list).post(create))
        .route("/initiatives/{id}", get(one).put(update))
        .route("/initiatives/{id}/revisions", get(revisions))
        .route(
            "/initiatives/{id}/revisions/{number}/restore",
            post(restore),
        )
        .route("/initiatives/{id}/forks", get(forks).post(fork))
}

#[derive(Serialize, ToSchema)]
pub struct InitiativeOut {
    id: Uuid,
    /// draft, published, archived.
    status: String,
    revision: i32,
    forked_from: Option<Uuid>,
    created_at: chrono::DateTime<chrono::Utc>,
    updated_at: chrono::DateTime<chrono::Utc>,
    /// title, summary, description, challenges, territories, stage, publics, structures, links,
    /// licence, recipe.
    #[serde(flatten)]
    #[schema(value_type = Object)]
    content: InitiativeContent,
}

impl From<&Initiative> for InitiativeOut {
    fn from(i: &Initiative) -> Self {
        InitiativeOut {
            id: i.id,
            status: i.status.as_str().into(),
            revision: i.revision,
            forked_from: i.forked_from,
            created_at: i.created_at,
            updated_at: i.updated_at,
            content: i.content.clone(),
        }
    }
}

#[derive(Deserialize, IntoParams)]
pub struct ListQuery {
    /// Words (all required), `OR`, `"exact phrase"`, `-excluded`.
    q: Option<String>,
    /// A challenge code.
    challenge: Option<String>,
    /// `region:53` or `departement:29`.
    territory: Option<String>,
    /// idee, experimentation, consolidation, essaimage.
    stage: Option<String>,
    /// porteur, partenaire, financeur, accompagnateur.
    structure_role: Option<String>,
    /// relevance, recent, title.
    sort: Option<String>,
    page: Option<i64>,
    /// 1 to 100, default 20.
    per_page: Option<i64>,
}

#[derive(Serialize, ToSchema)]
pub struct InitiativeList {
    total: i64,
    items: Vec<InitiativeOut>,
    /// Counts per value: challenges, regions, departements, stages, structure_roles.
    #[schema(value_type = Object)]
    facets: serde_json::Value,
}

/// The catalogue of published initiatives, filtered, with facet counts.
#[utoipa::path(get, path = "/api/v1/initiatives", tag = "initiatives", params(ListQuery),
    responses((status = 200, body = InitiativeList), (status = 400, body = super::openapi::ErrorBody)))]
pub async fn list(
    State(state): State<AppState>,
    Query(q): Query<ListQuery>,
) -> Result<Json<InitiativeList>, AppError> {
    let (mut region, mut departement) = (String::new(), String::new());
    if let Some(t) = q.territory.as_deref().filter(|t| !t.is_empty()) {
        match t.split_once(':') {
            Some(("region", code)) => region = code.into(),
            Some(("departement", code)) => departement = code.into(),
            _ => return Err(AppError::BadRequest("territory_filter_invalid")),
        }
    }
    let params = CatalogueParams {
        q: q.q.unwrap_or_default(),
        defi: q.challenge.unwrap_or_default(),
        region,
        departement,
        etape: q.stage.unwrap_or_default(),
        role: q.structure_role.unwrap_or_default(),
        tri: q.sort.unwrap_or_default(),
        page: q.page,
    };
    let query = catalogue_query(&params, q.per_page.unwrap_or(20).clamp(1, 100))?;
    let page = state.catalogue.page(&*state.store, &query).await?;
    let pairs = |list: &[(String, i64)]| {
        list.iter()
            .map(|(k, n)| json!({ "value": k, "count": n }))
            .collect::<Vec<_>>()
    };
    let f = &page.facets;
    Ok(Json(InitiativeList {
        total: page.total,
        items: page.items.iter().map(Into::into).collect(),
        facets: json!({
            "challenges": pairs(&f.challenges), "regions": pairs(&f.regions), "departements": pairs(&f.departements),
            "stages": pairs(&f.stages), "structure_roles": pairs(&f.structure_roles),
        }),
    }))
}

/// One initiative (drafts only for their editors).
#[utoipa::path(get, path = "/api/v1/initiatives/{id}", tag = "initiatives", params(("id" = Uuid, Path,)),
    responses((status = 200, body = InitiativeOut), (status = 404, body = super::openapi::ErrorBody)))]
pub async fn one(
    State(state): State<AppState>,
    MaybeUser(user): MaybeUser,
    Path(id): Path<Uuid>,
) -> Result<Json<InitiativeOut>, AppError> {
    let i = find_visible(&state, id, user.as_ref().map(|u| &u.person)).await?;
    Ok(Json((&i).into()))
}

#[derive(Deserialize, ToSchema, Default)]
#[serde(default, deny_unknown_fields)]
pub struct RecipeBody {
    resources: Vec<String>,
    skills: Vec<String>,
    partners: Vec<String>,
    /// moins_5k, 5k_20k, 20k_100k, plus_100k.
    budget_range: Option<String>,
    duration: Option<String>,
    steps: Vec<String>,
    pitfalls: Vec<String>,
    success_factors: Vec<String>,
}

#[derive(Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct InitiativeBody {
    title: String,
    summary: String,
    #[serde(default)]
    description: String,
    #[serde(default)]
    challenges: Vec<String>,
    /// References (`commune:29019`), codes or names.
    territories: Vec<String>,
    stage: String,
    #[serde(default)]
    publics: Vec<String>,
    #[serde(default)]
    links: Vec<String>,
    /// CC-BY-SA-4.0 (default), CC-BY-4.0, CC0-1.0.
    licence: Option<String>,
    #[serde(default)]
    recipe: RecipeBody,
    /// The carrying structure (one the caller belongs to).
    structure: Option<Uuid>,
    /// draft (default) or published; creation only.
    status: Option<String>,
    /// The revision's message.
    message: Option<String>,
}

/// The body as the pairs of the page form, so that both go through one validation.
fn pairs(b: InitiativeBody) -> Vec<(String, String)> {
    let mut p = vec![];
    let mut push = |k: &str, v: String| p.push((k.to_owned(), v));
    push("title", b.title);
    push("summary", b.summary);
    push("description", b.description);
    for c in b.challenges {
        push("challenges", c);
    }
    push("territories", b.territories.join("\n"));
    push("stage", b.stage);
    push("publics", b.publics.join("\n"));
    push("links", b.links.join("\n"));
    push("licence", b.licence.unwrap_or_default());
    let r = b.recipe;
    push("resources", r.resources.join("\n"));
    push("skills", r.skills.join("\n"));
    push("partners", r.partners.join("\n"));
    push("budget_range", r.budget_range.unwrap_or_default());
    push("duration", r.duration.unwrap_or_default());
    push("steps", r.steps.join("\n"));
    push("pitfalls", r.pitfalls.join("\n"));
    push("success_factors", r.success_factors.join("\n"));
    push(
        "structure",
        b.structure.map(|s| s.to_string()).unwrap_or_default(),
    );
    push("message", b.message.unwrap_or_default());
    push(
        "action",
        if b.status.as_deref() == Some("published") {
            "publish".into()
        } else {
            String::new()
        },
    );
    p
}

/// Creates an initiative (the caller needs a confirmed e-mail).
#[utoipa::path(post, path = "/api/v1/initiatives", tag = "initiatives", security(("bearer" = [])), request_body = InitiativeBody,
    responses((status = 201, body = InitiativeOut), (status = 401, body = super::openapi::ErrorBody), (status = 422, body = super::openapi::ErrorBody)))]
pub async fn create(
    locale: crate::i18n::Locale,
    State(state): State<AppState>,
    user: User,
    ApiJson(body): ApiJson<InitiativeBody>,
) -> Result<(StatusCode, Json<InitiativeOut>), AppError> {
    let person = user.confirmed()?;
    if !matches!(
        body.status.as_deref(),
        None | Some("draft") | Some("published")
    ) {
        return Err(AppError::Unprocessable("status_invalid"));
    }
    let form = read_form(&pairs(body));
    let content = validate(&state, person, &form, None)
        .await
        .map_err(AppError::Invalid)?;
    let status = if form.publish {
        Status::Published
    } else {
        Status::Draft
    };
    let message = Some(form.message.trim().to_owned())
        .filter(|m| !m.is_empty())
        .unwrap_or_else(|| state.i18n.t(locale, "revision-created"));
    let note = RevisionNote {
        author_id: person.id,
        message,
        at: utc_now(),
    };
    let i = state
        .store
        .create_initiative(Uuid::now_v7(), &content, status, None, note)
        .await?;
    Ok((StatusCode::CREATED, Json((&i).into())))
}

/// Replaces an initiative's content (its editors), recording a revision.
#[utoipa::path(put, path = "/api/v1/initiatives/{id}", tag = "initiatives", security(("bearer" = [])), request_body = InitiativeBody,
    params(("id" = Uuid, Path,)),
    responses((status = 200, body = InitiativeOut), (status = 403, body = super::openapi::ErrorBody), (status = 404, body = super::openapi::ErrorBody), (status = 422, body = super::openapi::ErrorBody)))]
pub async fn update(
    locale: crate::i18n::Locale,
    State(state): State<AppState>,
    user: User,
    Path(id): Path<Uuid>,
    ApiJson(body): ApiJson<InitiativeBody>,
) -> Result<Json<InitiativeOut>, AppError> {
    let person = user.person();
    let i = find_visible(&state, id, Some(person)).await?;
    if !can_edit(&state, &i, person).await? {
        return Err(AppError::Forbidden);
    }
    let form = read_form(&pairs(body));
    let content = validate(&state, person, &form, Some(&i.content))
        .await
        .map_err(AppError::Invalid)?;
    let message = Some(form.message.trim().to_owned())
        .filter(|m| !m.is_empty())
        .unwrap_or_else(|| state.i18n.t(locale, "revision-edited"));
    let updated = state
        .store
        .update_initiative(
            id,
            &content,
            RevisionNote {
                author_id: person.id,
                message,
                at: utc_now(),
            },
        )
        .await?;
    Ok(Json((&updated).into()))
}

#[derive(Serialize, ToSchema)]
pub struct RevisionOut {
    number: i32,
    author_id: Option<Uuid>,
    author_name: Option<String>,
    created_at: chrono::DateTime<chrono::Utc>,
    message: String,
    #[schema(value_type = Object)]
    content: InitiativeContent,
}

/// Every revision, newest first.
#[utoipa::path(get, path = "/api/v1/initiatives/{id}/revisions", tag = "initiatives", params(("id" = Uuid, Path,)),
    responses((status = 200, body = Vec<RevisionOut>), (status = 404, body = super::openapi::ErrorBody)))]
pub async fn revisions(
    State(state): State<AppState>,
    MaybeUser(user): MaybeUser,
    Path(id): Path<Uuid>,
) -> Result<Json<Vec<RevisionOut>>, AppError> {
    find_visible(&state, id, user.as_ref().map(|u| &u.person)).await?;
    let list = state.store.revisions(id).await?;
    Ok(Json(
        list.into_iter()
            .map(|r| RevisionOut {
                number: r.number,
                author_id: r.author_id,
                author_name: r.author_name,
                created_at: r.created_at,
                message: r.message,
                content: r.content,
            })
            .collect(),
    ))
}

/// Makes an earlier revision current again (as a new revision).
#[utoipa::path(post, path = "/api/v1/initiatives/{id}/revisions/{number}/restore", tag = "initiatives", security(("bearer" = [])),
    params(("id" = Uuid, Path,), ("number" = i32, Path,)),
    responses((status = 200, body = InitiativeOut), (status = 403, body = super::openapi::ErrorBody), (status = 404, body = super::openapi::ErrorBody)))]
pub async fn restore(
    locale: crate::i18n::Locale,
    State(state): State<AppState>,
    user: User,
    Path((id, number)): Path<(Uuid, i32)>,
) -> Result<Json<InitiativeOut>, AppError> {
    let person = user.person();
    let i = find_visible(&state, id, Some(person)).await?;
    if !can_edit(&state, &i, person).await? {
        return Err(AppError::Forbidden);
    }
    let old = state
        .store
        .revision(id, number)
        .await?
        .ok_or(AppError::NotFound)?;
    let note = RevisionNote {
        author_id: person.id,
        message: state.i18n.message(
            locale,
            "revision-restored",
            &[("number", number.to_string())],
        ),
        at: utc_now(),
    };
    Ok(Json(
        (&state
            .store
            .update_initiative(id, &old.content, note)
            .await?)
            .into(),
    ))
}

/// Direct copies that are not drafts.
#[utoipa::path(get, path = "/api/v1/initiatives/{id}/forks", tag = "initiatives", params(("id" = Uuid, Path,)),
    responses((status = 200, body = Vec<InitiativeOut>), (status = 404, body = super::openapi::ErrorBody)))]
pub async fn forks(
    State(state): State<AppState>,
    MaybeUser(user): MaybeUser,
    Path(id): Path<Uuid>,
) -> Result<Json<Vec<InitiativeOut>>, AppError> {
    find_visible(&state, id, user.as_ref().map(|u| &u.person)).await?;
    let list = state.store.forks_of(id).await?;
    Ok(Json(
        list.iter()
            .filter(|f| f.status != Status::Draft)
            .map(Into::into)
            .collect(),
    ))
}

#[derive(Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct ForkBody {
    /// Where the copy will live: a reference, a code or a name.
    territory: String,
    title: Option<String>,
}

/// Takes an initiative: a draft copy in another territory, linked to its source.
#[utoipa::path(post, path = "/api/v1/initiatives/{id}/forks", tag = "initiatives", security(("bearer" = [])), request_body = ForkBody,
    params(("id" = Uuid, Path,)),
    responses((status = 201, body = InitiativeOut), (status = 403, body = super::openapi::ErrorBody), (status = 404, body = super::openapi::ErrorBody), (status = 422, body = super::openapi::ErrorBody)))]
pub async fn fork(
    locale: crate::i18n::Locale,
    State(state): State<AppState>,
    user: User,
    Path(id): Path<Uuid>,
    ApiJson(body): ApiJson<ForkBody>,
) -> Result<(StatusCode, Json<InitiativeOut>), AppError> {
    let person = user.confirmed()?;
    let source = find_visible(&state, id, Some(person)).await?;
    if !can_fork(&state, &source, person).await? {
        return Err(AppError::Forbidden);
    }
    let form = ForkForm {
        territory: body.territory,
        title: body.title.unwrap_or_default(),
    };
    let content = validate_fork(&state, &source.content, &form).map_err(AppError::Invalid)?;
    let note = RevisionNote {
        author_id: person.id,
        message: state.i18n.message(
            locale,
            "revision-forked",
            &[("source", source.content.title.clone())],
        ),
        at: utc_now(),
    };
    let copy = state
        .store
        .create_initiative(
            Uuid::now_v7(),
            &content,
            Status::Draft,
            Some(source.id),
            note,
        )
        .await?;
    Ok((StatusCode::CREATED, Json((&copy).into())))
}

/// schema.org JSON-LD for an initiative page.
pub fn json_ld(state: &AppState, i: &Initiative) -> serde_json::Value {
    let base = &state.config.base_url;
    let c = &i.content;
    let places: Vec<_> = c
        .territories
        .iter()
        .filter_map(|r| state.territories.get(r))
        .map(|t| json!({ "@type": "AdministrativeArea", "name": t.name, "identifier": t.code }))
        .collect();
    let mut ld = json!({
        "@context": "https://schema.org",
        "@type": "CreativeWork",
        "@id": format!("{base}/initiatives/{}", i.id),
        "url": format!("{base}/initiatives/{}", i.id),
        "name": c.title,
        "abstract": c.summary,
        "license": c.licence.url(),
        "inLanguage": "fr",
        "dateCreated": i.created_at.to_rfc3339(),
        "dateModified": i.updated_at.to_rfc3339(),
        "keywords": c.challenges,
        "spatialCoverage": places,
        "creativeWorkStatus": i.status.as_str(),
    });
    if let Some(source) = i.forked_from {
        ld["isBasedOn"] = json!(format!("{base}/initiatives/{source}"));
    }
    ld
}
