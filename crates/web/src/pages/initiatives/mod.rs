//! Initiatives: the catalogue, the initiative page, creation and editing, history, forks and
//! lineage. Rules shared with the API live here: who may see, edit and fork.

pub mod catalogue;
pub mod edit;
pub mod fork;
mod history;
mod image;
mod proposals;

use crate::error::AppError;
use crate::i18n::Locale;
use crate::state::AppState;
use axum::routing::{get, post};
use axum::Router;
use essaim_domain::initiative::{Challenge, InitiativeContent, Status, StructureRole};
use essaim_store::{Initiative, Person};
use minijinja::{context, Value};
use uuid::Uuid;

pub use catalogue::{catalogue_query, CatalogueParams};

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/initiatives", get(catalogue::catalogue).post(edit::create))
        .route("/initiatives/flux.atom", get(catalogue::feed))
        .route("/initiatives/nouvelle", get(edit::new_form))
        .route("/initiatives/{id}", get(edit::show))
        .route(
            "/initiatives/{id}/modifier",
            get(edit::edit_form).post(edit::update),
        )
        .route("/initiatives/{id}/statut", post(edit::set_status))
        .route("/initiatives/{id}/historique", get(history::history))
        .route(
            "/initiatives/{id}/historique/{number}/restaurer",
            post(history::restore),
        )
        .route(
            "/initiatives/{id}/reprendre",
            get(fork::fork_form).post(fork::fork),
        )
        .route("/initiatives/{id}/lignee", get(fork::lineage))
        .route(
            "/initiatives/{id}/image",
            get(image::show)
                .post(image::upload)
                .layer(axum::extract::DefaultBodyLimit::max(
                    crate::images::MAX_BYTES + 64 * 1024,
                )),
        )
        .route("/initiatives/{id}/image/modifier", get(image::image_form))
        .route(
            "/initiatives/{id}/proposer",
            get(proposals::proposal_form).post(proposals::propose),
        )
        .route("/initiatives/{id}/propositions", get(proposals::proposals))
        .route(
            "/initiatives/{id}/propositions/{proposal}/decision",
            post(proposals::decide),
        )
        .route("/initiatives/{id}/image/supprimer", post(image::remove))
}

/// Who may edit an initiative: admins, its author, and members of a carrying structure.
pub async fn can_edit(
    state: &AppState,
    initiative: &Initiative,
    person: &Person,
) -> Result<bool, AppError> {
    if person.is_admin() || initiative.created_by == Some(person.id) {
        return Ok(true);
    }
    for (structure_id, role) in &initiative.content.structures {
        if *role == StructureRole::Porteur
            && state
                .store
                .membership(*structure_id, person.id)
                .await?
                .is_some()
        {
            return Ok(true);
        }
    }
    Ok(false)
}

/// The initiative if this visitor may see it: published and archived ones are public, drafts
/// are for their editors (others get 404, so that drafts cannot be discovered by id).
pub async fn find_visible(
    state: &AppState,
    id: Uuid,
    person: Option<&Person>,
) -> Result<Initiative, AppError> {
    let initiative = state
        .store
        .initiative(id)
        .await?
        .ok_or(AppError::NotFound)?;
    if initiative.status == Status::Draft {
        match person {
            Some(p) if can_edit(state, &initiative, p).await? => {}
            _ => return Err(AppError::NotFound),
        }
    }
    Ok(initiative)
}

/// The initiative if this person may edit it: 404 when they may not even see it, 403 otherwise.
pub async fn find_editable(
    state: &AppState,
    id: Uuid,
    person: &Person,
) -> Result<Initiative, AppError> {
    let i = find_visible(state, id, Some(person)).await?;
    if !can_edit(state, &i, person).await? {
        return Err(AppError::Forbidden);
    }
    Ok(i)
}

/// Whether a visitor, signed in or not, may edit: what pages use to show editing actions.
pub async fn is_editor(
    state: &AppState,
    i: &Initiative,
    person: Option<&Person>,
) -> Result<bool, AppError> {
    match person {
        Some(p) => can_edit(state, i, p).await,
        None => Ok(false),
    }
}

pub fn challenge_name(challenge: &Challenge, locale: Locale) -> &str {
    match locale {
        Locale::Fr => &challenge.name_fr,
        Locale::En => &challenge.name_en,
    }
}

/// An initiative as templates show it: names for codes, Markdown rendered, structures named.
pub async fn initiative_view(
    state: &AppState,
    locale: Locale,
    i: &Initiative,
) -> Result<Value, AppError> {
    let c = &i.content;
    let challenges = state.store.challenges().await?;
    let challenges: Vec<Value> = c
        .challenges
        .iter()
        .filter_map(|code| challenges.iter().find(|ch| &ch.code == code))
        .map(|ch| context! { code => ch.code, name => challenge_name(ch, locale), sdgs => ch.sdgs })
        .collect();
    let mut structures = vec![];
    for (id, role) in &c.structures {
        if let Some(s) = state.store.structure(*id).await? {
            structures
                .push(context! { id => s.id.to_string(), name => s.name, role => role.as_str() });
        }
    }
    let source = match i.forked_from {
        Some(id) => state.store.initiative(id).await?.map(|s| {
            context! { id => s.id.to_string(), title => s.content.title, licence => s.content.licence.as_str(), licence_url => s.content.licence.url(), public => s.status != Status::Draft }
        }),
        None => None,
    };
    Ok(context! {
        id => i.id.to_string(),
        title => c.title,
        summary => c.summary,
        description_html => essaim_domain::markdown::render(&c.description),
        challenges,
        territories => territory_views(state, &c.territories),
        departements => departements_of(state, c),
        stage => c.stage.as_str(),
        publics => c.publics,
        structures,
        links => c.links,
        licence => c.licence.as_str(),
        licence_url => c.licence.url(),
        recipe => context! {
            resources => c.recipe.ingredients.resources,
            skills => c.recipe.ingredients.skills,
            partners => c.recipe.ingredients.partners,
            budget_range => c.recipe.ingredients.budget_range.map(|b| b.as_str()),
            duration => c.recipe.ingredients.duration,
            steps => c.recipe.steps,
            pitfalls => c.recipe.pitfalls,
            success_factors => c.recipe.success_factors,
        },
        status => i.status.as_str(),
        revision => i.revision,
        created_at => i.created_at.to_rfc3339(),
        updated_at => i.updated_at.to_rfc3339(),
        source,
    })
}

pub fn territory_views(
    state: &AppState,
    refs: &[essaim_domain::territory::TerritoryRef],
) -> Vec<Value> {
    refs.iter()
        .filter_map(|r| state.territories.get(r))
        .map(|t| context! { reference => t.reference().to_string(), name => t.name, level => t.level.as_str(), code => t.code })
        .collect()
}

/// The départements an initiative covers (for its locator map).
pub fn departements_of(state: &AppState, c: &InitiativeContent) -> Vec<String> {
    essaim_store::initiatives::IndexFields::of(c, state.territories).departements
}
