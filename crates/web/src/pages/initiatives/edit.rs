//! The initiative page, and creating and editing initiatives (every save is a revision).

use super::{challenge_name, find_editable, find_visible, initiative_view, is_editor};
use crate::auth::{MaybeUser, User};
use crate::error::AppError;
use crate::pages::{see_other, PageCtx};
use crate::state::AppState;
use axum::extract::{Path, State};
use axum::response::Response;
use axum::Form;
use essaim_domain::initiative::{InitiativeContent, InitiativeInput, Status, StructureRole};
use essaim_domain::invalid::FieldErrors;
use essaim_domain::Invalid;
use essaim_store::{utc_now, Person, RevisionNote};
use minijinja::{context, Value};
use uuid::Uuid;

/// A form's fields; checkboxes repeat their name, so the body is read as pairs.
pub struct InitiativeForm {
    pub input: InitiativeInput,
    pub structure: String,
    pub message: String,
    pub publish: bool,
}

pub fn read_form(pairs: &[(String, String)]) -> InitiativeForm {
    let get = |k: &str| {
        pairs
            .iter()
            .find(|(key, _)| key == k)
            .map(|(_, v)| v.clone())
            .unwrap_or_default()
    };
    InitiativeForm {
        input: InitiativeInput {
            title: get("title"),
            summary: get("summary"),
            description: get("description"),
            challenges: pairs
                .iter()
                .filter(|(k, _)| k == "challenges")
                .map(|(_, v)| v.clone())
                .collect(),
            territories: get("territories"),
            stage: get("stage"),
            publics: get("publics"),
            links: get("links"),
            licence: get("licence"),
            resources: get("resources"),
            skills: get("skills"),
            partners: get("partners"),
            budget_range: get("budget_range"),
            duration: get("duration"),
            steps: get("steps"),
            pitfalls: get("pitfalls"),
            success_factors: get("success_factors"),
        },
        structure: get("structure"),
        message: get("message"),
        publish: get("action") == "publish",
    }
}

async fn challenge_codes(state: &AppState) -> Result<Vec<String>, AppError> {
    Ok(state
        .store
        .challenges()
        .await?
        .into_iter()
        .map(|c| c.code)
        .collect())
}

/// Validates the form; the carrying structure must be one the person belongs to.
pub async fn validate(
    state: &AppState,
    person: &Person,
    form: &InitiativeForm,
    previous: Option<&InitiativeContent>,
) -> Result<InitiativeContent, FieldErrors> {
    let codes = challenge_codes(state).await.unwrap_or_default();
    let mut errors = FieldErrors::new();
    let mut content = match form.input.validate(state.territories, &codes) {
        Ok(c) => Some(c),
        Err(e) => {
            errors = e;
            None
        }
    };
    // Structures other than the carrier are kept as they were.
    let mut structures: Vec<(Uuid, StructureRole)> = previous
        .map(|p| {
            p.structures
                .iter()
                .filter(|(_, r)| *r != StructureRole::Porteur)
                .cloned()
                .collect()
        })
        .unwrap_or_default();
    let previous_carriers: Vec<(Uuid, StructureRole)> = previous
        .map(|p| {
            p.structures
                .iter()
                .filter(|(_, r)| *r == StructureRole::Porteur)
                .cloned()
                .collect()
        })
        .unwrap_or_default();
    match form.structure.trim() {
        "" => {}
        s => match s.parse::<Uuid>() {
            Ok(id) if previous_carriers.iter().any(|(c, _)| *c == id) => {
                structures.insert(0, (id, StructureRole::Porteur))
            }
            Ok(id) => match state.store.membership(id, person.id).await {
                Ok(Some(_)) => structures.insert(0, (id, StructureRole::Porteur)),
                _ => errors.add("structure", Invalid::new("structure_not_yours")),
            },
            Err(_) => errors.add("structure", Invalid::new("structure_not_yours")),
        },
    }
    match content.as_mut() {
        Some(c) if errors.is_empty() => {
            c.structures = structures;
            Ok(c.clone())
        }
        _ => Err(errors),
    }
}

/// What the form needs besides the values: challenges, the person's structures, vocabularies.
pub async fn form_context(
    state: &AppState,
    ctx: &PageCtx,
    person: &Person,
    form: &InitiativeForm,
) -> Result<Value, AppError> {
    let challenges = state.store.challenges().await?;
    let structures = state.store.structures_of(person.id).await?;
    Ok(context! {
        values => form.input,
        structure => form.structure,
        message => form.message,
        challenges => challenges.iter().map(|c| context! { code => c.code, name => challenge_name(c, ctx.locale), checked => form.input.challenges.contains(&c.code) }).collect::<Vec<_>>(),
        structures => structures.iter().map(|(s, _)| context! { id => s.id.to_string(), name => s.name }).collect::<Vec<_>>(),
        stages => essaim_domain::initiative::Stage::ALL.iter().map(|s| s.as_str()).collect::<Vec<_>>(),
        licences => essaim_domain::initiative::Licence::ALL.iter().map(|l| l.as_str()).collect::<Vec<_>>(),
        budget_ranges => essaim_domain::initiative::BudgetRange::ALL.iter().map(|b| b.as_str()).collect::<Vec<_>>(),
    })
}

pub async fn show(
    ctx: PageCtx,
    State(state): State<AppState>,
    MaybeUser(user): MaybeUser,
    Path(id): Path<Uuid>,
) -> Result<Response, AppError> {
    let person = user.as_ref().map(|u| &u.person);
    let i = find_visible(&state, id, person).await?;
    let editable = is_editor(&state, &i, person).await?;
    let forks = state.store.forks_of(id).await?;
    let forks: Vec<Value> = forks
        .iter()
        .filter(|f| f.status != Status::Draft)
        .map(|f| context! { id => f.id.to_string(), title => f.content.title, territories => super::territory_views(&state, &f.content.territories) })
        .collect();
    // Where its recipe went: the départements of every published copy, across generations.
    let mut spread_departements: Vec<String> = vec![];
    for (descendant, _) in state.store.lineage_links(id).await? {
        if let Some(d) = state
            .store
            .initiative(descendant)
            .await?
            .filter(|d| d.status == Status::Published)
        {
            for code in super::departements_of(&state, &d.content) {
                if !spread_departements.contains(&code) {
                    spread_departements.push(code);
                }
            }
        }
    }
    let spread_map = (!spread_departements.is_empty())
        .then(|| crate::map::locator(&spread_departements, &ctx.t(&state, "map-spread-title")));
    let view = initiative_view(&state, ctx.locale, &i).await?;
    let locator = crate::map::locator(
        &super::departements_of(&state, &i.content),
        &ctx.t(&state, "map-locator-title"),
    );
    let json_ld = crate::api::initiatives::json_ld(&state, &i)
        .to_string()
        // Inside <script>, no `<` may appear raw: "</script" or "<!--" would end or break the block.
        .replace('<', "\\u003c")
        .replace('>', "\\u003e")
        .replace('&', "\\u0026");
    let has_image = state.store.initiative_image(id).await?.is_some();
    let now = utc_now();
    let debates: Vec<Value> = state
        .store
        .conversations_of_initiative(id)
        .await?
        .iter()
        .map(|c| crate::pages::deliberation::summary_view(c, now))
        .collect();
    let accompaniments = crate::pages::network::initiative_accompaniments(&state, id).await?;
    let funding = crate::pages::funding::initiative_block(&state, &i).await?;
    let collected = crate::pages::collecte::initiative_provenance(&state, id).await?;
    let incubated = crate::pages::incubation::initiative_origin(&state, id).await?;
    Ok(ctx.render(
        &state,
        "initiatives/show.html",
        context! { i => view, editable, forks, locator, json_ld, has_image, spread_map, debates, accompaniments, funding, collected, incubated },
    ))
}

pub async fn new_form(
    ctx: PageCtx,
    State(state): State<AppState>,
    user: User,
) -> Result<Response, AppError> {
    let person = user.confirmed()?;
    let form = InitiativeForm {
        input: InitiativeInput {
            stage: "idee".into(),
            ..Default::default()
        },
        structure: String::new(),
        message: String::new(),
        publish: false,
    };
    let extra = form_context(&state, &ctx, person, &form).await?;
    Ok(ctx.render(
        &state,
        "initiatives/form.html",
        context! { action => "/initiatives", ..extra },
    ))
}

pub async fn create(
    ctx: PageCtx,
    State(state): State<AppState>,
    user: User,
    Form(pairs): Form<Vec<(String, String)>>,
) -> Result<Response, AppError> {
    let person = user.confirmed()?;
    let form = read_form(&pairs);
    let content = match validate(&state, person, &form, None).await {
        Ok(c) => c,
        Err(errors) => {
            let extra = form_context(&state, &ctx, person, &form).await?;
            return Ok(ctx.render_invalid(
                &state,
                "initiatives/form.html",
                &errors,
                context! { action => "/initiatives", ..extra },
            ));
        }
    };
    let status = if form.publish {
        Status::Published
    } else {
        Status::Draft
    };
    let message = if form.message.trim().is_empty() {
        ctx.t(&state, "revision-created")
    } else {
        form.message.trim().to_owned()
    };
    let note = RevisionNote {
        author_id: person.id,
        message,
        at: utc_now(),
    };
    let i = state
        .store
        .create_initiative(Uuid::now_v7(), &content, status, None, note)
        .await?;
    Ok(see_other(&format!("/initiatives/{}", i.id)))
}

pub async fn edit_form(
    ctx: PageCtx,
    State(state): State<AppState>,
    user: User,
    Path(id): Path<Uuid>,
) -> Result<Response, AppError> {
    let i = find_editable(&state, id, user.person()).await?;
    let carrier = i
        .content
        .structures
        .iter()
        .find(|(_, r)| *r == StructureRole::Porteur)
        .map(|(s, _)| s.to_string())
        .unwrap_or_default();
    let form = InitiativeForm {
        input: InitiativeInput::from_content(&i.content),
        structure: carrier,
        message: String::new(),
        publish: false,
    };
    let extra = form_context(&state, &ctx, user.person(), &form).await?;
    Ok(ctx.render(&state, "initiatives/form.html", context! { action => format!("/initiatives/{id}/modifier"), editing => true, id => id.to_string(), ..extra }))
}

pub async fn update(
    ctx: PageCtx,
    State(state): State<AppState>,
    user: User,
    Path(id): Path<Uuid>,
    Form(pairs): Form<Vec<(String, String)>>,
) -> Result<Response, AppError> {
    let i = find_editable(&state, id, user.person()).await?;
    let form = read_form(&pairs);
    let content = match validate(&state, user.person(), &form, Some(&i.content)).await {
        Ok(c) => c,
        Err(errors) => {
            let extra = form_context(&state, &ctx, user.person(), &form).await?;
            let page_ctx = context! { action => format!("/initiatives/{id}/modifier"), editing => true, id => id.to_string(), ..extra };
            return Ok(ctx.render_invalid(&state, "initiatives/form.html", &errors, page_ctx));
        }
    };
    if content == i.content {
        return Ok(see_other(&format!("/initiatives/{id}")));
    }
    let message = if form.message.trim().is_empty() {
        ctx.t(&state, "revision-edited")
    } else {
        form.message.trim().to_owned()
    };
    let note = RevisionNote {
        author_id: user.person().id,
        message,
        at: utc_now(),
    };
    state.store.update_initiative(id, &content, note).await?;
    Ok(see_other(&format!("/initiatives/{id}")))
}

#[derive(serde::Deserialize)]
pub struct StatusForm {
    status: String,
}

pub async fn set_status(
    State(state): State<AppState>,
    user: User,
    Path(id): Path<Uuid>,
    Form(form): Form<StatusForm>,
) -> Result<Response, AppError> {
    find_editable(&state, id, user.person()).await?;
    let status = Status::parse(&form.status).map_err(|i| AppError::BadRequest(i.code))?;
    state
        .store
        .set_initiative_status(id, status, utc_now())
        .await?;
    Ok(see_other(&format!("/initiatives/{id}")))
}
