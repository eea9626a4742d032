//! "Reprendre cette initiative": a draft copy in the person's territory, linked to its source,
//! carrying its licence; and the lineage page, the tree of replications.

use super::{can_edit, find_visible, territory_views};
use crate::auth::{MaybeUser, User};
use crate::error::AppError;
use crate::pages::{see_other, PageCtx};
use crate::state::AppState;
use axum::extract::{Path, State};
use axum::response::Response;
use axum::Form;
use essaim_domain::initiative::lineage::{tree, LineageNode};
use essaim_domain::initiative::{InitiativeContent, Stage, Status};
use essaim_domain::invalid::FieldErrors;
use essaim_domain::territory_pick::pick;
use essaim_domain::Invalid;
use essaim_store::{utc_now, Initiative, Person, RevisionNote};
use minijinja::{context, Value};
use serde::Deserialize;
use uuid::Uuid;

/// Who may take an initiative: anyone signed in for a published one; for a draft or an
/// archived one, only its editors.
pub async fn can_fork(state: &AppState, i: &Initiative, person: &Person) -> Result<bool, AppError> {
    Ok(i.status == Status::Published || can_edit(state, i, person).await?)
}

/// The copy's content: the recipe and text, in a new territory, at the idea stage, with the
/// source's licence (share-alike and attribution travel with it); structures stay behind.
pub fn forked_content(
    source: &InitiativeContent,
    territory: essaim_domain::territory::TerritoryRef,
    title: String,
) -> InitiativeContent {
    let mut c = source.clone();
    c.title = title;
    c.territories = vec![territory];
    c.stage = Stage::Idee;
    c.structures = vec![];
    c
}

#[derive(Deserialize, Default)]
pub struct ForkForm {
    #[serde(default)]
    pub territory: String,
    #[serde(default)]
    pub title: String,
}

pub fn validate_fork(
    state: &AppState,
    source: &InitiativeContent,
    form: &ForkForm,
) -> Result<InitiativeContent, FieldErrors> {
    let mut errors = FieldErrors::new();
    let territory = match pick(state.territories, &form.territory) {
        Ok(t) => Some(t.reference()),
        Err(_) if form.territory.trim().is_empty() => {
            errors.add("territory", Invalid::new("territories_required"));
            None
        }
        Err(_) => {
            errors.add("territory", Invalid::new("territory_unknown"));
            None
        }
    };
    let title = form.title.split_whitespace().collect::<Vec<_>>().join(" ");
    let title = if title.is_empty() {
        source.title.clone()
    } else {
        title
    };
    if title.chars().count() > 150 {
        errors.add("title", Invalid::new("title_too_long"));
    }
    match territory {
        Some(t) if errors.is_empty() => Ok(forked_content(source, t, title)),
        _ => Err(errors),
    }
}

pub async fn fork_form(
    ctx: PageCtx,
    State(state): State<AppState>,
    user: User,
    Path(id): Path<Uuid>,
) -> Result<Response, AppError> {
    let person = user.confirmed()?;
    let i = find_visible(&state, id, Some(person)).await?;
    if !can_fork(&state, &i, person).await? {
        return Err(AppError::Forbidden);
    }
    Ok(ctx.render(&state, "initiatives/fork.html", context! { id => id.to_string(), source => i.content.title, licence => i.content.licence.as_str(), values => context! {} }))
}

pub async fn fork(
    ctx: PageCtx,
    State(state): State<AppState>,
    user: User,
    Path(id): Path<Uuid>,
    Form(form): Form<ForkForm>,
) -> Result<Response, AppError> {
    let person = user.confirmed()?;
    let source = find_visible(&state, id, Some(person)).await?;
    if !can_fork(&state, &source, person).await? {
        return Err(AppError::Forbidden);
    }
    let content = match validate_fork(&state, &source.content, &form) {
        Ok(c) => c,
        Err(errors) => {
            let page = context! { id => id.to_string(), source => source.content.title, licence => source.content.licence.as_str(), values => context! { territory => form.territory, title => form.title } };
            return Ok(ctx.render_invalid(&state, "initiatives/fork.html", &errors, page));
        }
    };
    let message = state.i18n.message(
        ctx.locale,
        "revision-forked",
        &[("source", source.content.title.clone())],
    );
    let note = RevisionNote {
        author_id: person.id,
        message,
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
    Ok(see_other(&format!("/initiatives/{}", copy.id)))
}

/// Walks up to the first initiative of the line (bounded, in case of bad data).
async fn root_of(state: &AppState, mut i: Initiative) -> Result<Initiative, AppError> {
    for _ in 0..64 {
        match i.forked_from {
            Some(parent) => match state.store.initiative(parent).await? {
                Some(p) => i = p,
                None => break,
            },
            None => break,
        }
    }
    Ok(i)
}

pub async fn lineage(
    ctx: PageCtx,
    State(state): State<AppState>,
    MaybeUser(user): MaybeUser,
    Path(id): Path<Uuid>,
) -> Result<Response, AppError> {
    let person = user.as_ref().map(|u| &u.person);
    let here = find_visible(&state, id, person).await?;
    let root = root_of(&state, here.clone()).await?;
    let links = state.store.lineage_links(root.id).await?;
    let t = tree(root.id, &links);
    let view = node_view(&state, person, &t, id).await?;
    Ok(ctx.render(
        &state,
        "initiatives/lineage.html",
        context! { id => id.to_string(), title => here.content.title, tree => view, size => t.size(), generations => t.depth() },
    ))
}

/// A node and its children as nested lists; drafts the visitor may not see are shown without
/// their title or link.
fn node_view<'a>(
    state: &'a AppState,
    person: Option<&'a Person>,
    node: &'a LineageNode,
    here: Uuid,
) -> futures::future::BoxFuture<'a, Result<Value, AppError>> {
    Box::pin(async move {
        let i = state.store.initiative(node.id).await?;
        let visible = match (&i, person) {
            (Some(i), _) if i.status != Status::Draft => true,
            (Some(i), Some(p)) => can_edit(state, i, p).await?,
            _ => false,
        };
        let mut children = vec![];
        for c in &node.children {
            children.push(node_view(state, person, c, here).await?);
        }
        Ok(match i.filter(|_| visible) {
            Some(i) => context! {
                visible => true, id => i.id.to_string(), title => i.content.title, here => i.id == here,
                territories => territory_views(state, &i.content.territories), generation => node.generation,
                created_at => i.created_at.to_rfc3339(), children,
            },
            None => context! { visible => false, generation => node.generation, children },
        })
    })
}
