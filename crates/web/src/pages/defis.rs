//! Pages of défis: the catalogue (filters by challenge, territory, status and structure), a
//! défi with its owners, sponsors and the hackathons that gather it, creating and editing one,
//! adding a co-owner. The rules are in `crate::defis`.

use crate::auth::{ClientIp, User};
use crate::defis as rules;
use crate::error::AppError;
use crate::events::EditFailure;
use crate::pages::initiatives::challenge_name;
use crate::pages::{names, see_other, PageCtx};
use crate::state::AppState;
use axum::extract::{Path, Query, State};
use axum::response::Response;
use axum::routing::{get, post};
use axum::{Form, Router};
use essaim_domain::defis::{DefiInput, Status};
use essaim_domain::initiative::Challenge;
use essaim_domain::invalid::FieldErrors;
use essaim_domain::territory::{TerritoryLevel, TerritoryRef};
use essaim_domain::territory_pick::pick;
use essaim_store::defis::{Defi, DefiFilter, Drafts};
use minijinja::{context, Value};
use serde::{Deserialize, Serialize};
use uuid::Uuid;

const PAGE_SIZE: i64 = 30;

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/defis", get(list).post(create))
        .route("/defis/nouveau", get(new_form))
        .route("/defis/{id}", get(show))
        .route("/defis/{id}/modifier", get(edit_form).post(edit))
        .route("/defis/{id}/coproprietaires", post(add_owner))
}

/// A défi as templates show it.
pub fn defi_view(state: &AppState, ctx: &PageCtx, d: &Defi, all: &[Challenge]) -> Value {
    let challenges: Vec<Value> = d
        .challenges
        .iter()
        .map(|c| {
            let name = all
                .iter()
                .find(|x| &x.code == c)
                .map(|x| challenge_name(x, ctx.locale).to_owned())
                .unwrap_or_else(|| c.clone());
            context! { code => c, name }
        })
        .collect();
    let structures = |v: &[(Uuid, String)]| -> Vec<Value> {
        v.iter()
            .map(|(id, name)| context! { id => id.to_string(), name })
            .collect()
    };
    context! {
        id => d.row.id.to_string(),
        title => d.row.title,
        question => d.row.question,
        deliverable => d.row.deliverable,
        status => d.row.status,
        territory => d.row.territory,
        territory_name => (!d.row.territory.is_empty())
            .then(|| names::territory_name(state, &d.row.territory)),
        challenges,
        owners => structures(&d.owners),
        sponsors => structures(&d.sponsors),
        updated => crate::events::paris_time(d.row.updated_at),
    }
}

#[derive(Deserialize, Default)]
pub struct ListQuery {
    #[serde(default)]
    defi: String,
    /// A département or région reference.
    #[serde(default)]
    territoire: String,
    #[serde(default)]
    statut: String,
    #[serde(default)]
    structure: String,
    #[serde(default)]
    page: Option<i64>,
}

async fn list(
    ctx: PageCtx,
    State(state): State<AppState>,
    Query(q): Query<ListQuery>,
) -> Result<Response, AppError> {
    let challenges = state.store.challenges().await?;
    let challenge = challenges
        .iter()
        .find(|c| c.code == q.defi.trim())
        .map(|c| c.code.clone());
    let (departement, region) = match TerritoryRef::parse(q.territoire.trim()) {
        Ok(r) if state.territories.get(&r).is_some() => match r.level {
            TerritoryLevel::Departement => (Some(r.code), None),
            TerritoryLevel::Region => (None, Some(r.code)),
            _ => (None, None),
        },
        _ => (None, None),
    };
    // Drafts are their owners' business: the catalogue lists published and closed défis.
    let status = match Status::parse(&q.statut) {
        Some(Status::Draft) | None => None,
        Some(s) => Some(s.as_str().to_owned()),
    };
    let structure = q.structure.trim().parse::<Uuid>().ok();
    let page = q.page.unwrap_or(1).clamp(1, 10_000);
    // Drafts are their owners' business: filtered in the query (so pages are full and the
    // total exact), shown only to those who manage them.
    let drafts = match ctx.user.as_ref() {
        Some(u) if u.person.is_admin() => Drafts::All,
        Some(u) => Drafts::ManagedBy(u.person.id),
        None => Drafts::Hidden,
    };
    let filter = DefiFilter {
        challenge: challenge.clone(),
        departement: departement.clone(),
        region: region.clone(),
        status: status.clone(),
        structure,
        drafts,
        limit: PAGE_SIZE,
        offset: (page - 1) * PAGE_SIZE,
    };
    let items: Vec<Value> = state
        .store
        .list_defis(&filter)
        .await?
        .iter()
        .map(|d| defi_view(&state, &ctx, d, &challenges))
        .collect();
    let total = state.store.count_defis(&filter).await?;
    let challenge_options: Vec<(String, String)> = challenges
        .iter()
        .map(|c| (c.code.clone(), challenge_name(c, ctx.locale).to_owned()))
        .collect();
    let statuses: Vec<(String, String)> = [Status::Published, Status::Closed]
        .iter()
        .map(|s| {
            (
                s.as_str().to_owned(),
                ctx.t(&state, &format!("defis-status-{}", s.as_str())),
            )
        })
        .collect();
    let territory = if departement.is_some() || region.is_some() {
        q.territoire.trim().to_owned()
    } else {
        String::new()
    };
    let can_create = match ctx.user.as_ref() {
        Some(u) => !crate::events::organiser_choices(&state, &u.person)
            .await?
            .is_empty(),
        None => false,
    };
    let structure_name = match structure {
        Some(s) => state.store.structure(s).await?.map(|s| s.name),
        None => None,
    };
    Ok(ctx.render(
        &state,
        "defis/list.html",
        context! {
            items, total, page,
            more => page * PAGE_SIZE < total,
            challenge => challenge.unwrap_or_default(),
            challenge_options, statuses,
            status => status.unwrap_or_default(),
            territory,
            territory_name => (!territory.is_empty()).then(|| names::territory_name(&state, &territory)),
            structure => structure.map(|s| s.to_string()).unwrap_or_default(),
            structure_name, can_create,
        },
    ))
}

/// The défi form's fields, as typed.
#[derive(Deserialize, Serialize, Default, Clone)]
pub struct DefiForm {
    title: String,
    context: String,
    question: String,
    deliverable: String,
    territory: String,
    status: String,
    /// Structure names, one per line.
    sponsors: String,
    challenges: Vec<String>,
    owners: Vec<String>,
}

impl DefiForm {
    /// Checkboxes repeat a field name, so the form is read as pairs.
    fn read(pairs: Vec<(String, String)>) -> DefiForm {
        let mut f = DefiForm::default();
        for (k, v) in pairs {
            match k.as_str() {
                "title" => f.title = v,
                "context" => f.context = v,
                "question" => f.question = v,
                "deliverable" => f.deliverable = v,
                "territory" => f.territory = v,
                "status" => f.status = v,
                "sponsors" => f.sponsors = v,
                "challenge" => f.challenges.push(v),
                "owner" => f.owners.push(v),
                _ => {}
            }
        }
        f
    }

    fn input(&self) -> DefiInput {
        DefiInput {
            title: self.title.clone(),
            context: self.context.clone(),
            question: self.question.clone(),
            deliverable: self.deliverable.clone(),
            territory: self.territory.clone(),
            status: self.status.clone(),
            challenges: self.challenges.clone(),
        }
    }

    fn of(d: &Defi) -> DefiForm {
        DefiForm {
            title: d.row.title.clone(),
            context: d.row.context.clone(),
            question: d.row.question.clone(),
            deliverable: d.row.deliverable.clone(),
            territory: d.row.territory.clone(),
            status: d.row.status.clone(),
            sponsors: d
                .sponsors
                .iter()
                .map(|(_, n)| n.as_str())
                .collect::<Vec<_>>()
                .join("\n"),
            challenges: d.challenges.clone(),
            owners: vec![],
        }
    }

    /// Resolves a territory typed by name; the candidates when it names none or several.
    fn resolve_territory(&mut self, state: &AppState) -> Vec<Value> {
        if self.territory.trim().is_empty() {
            return vec![];
        }
        match pick(state.territories, &self.territory) {
            Ok(t) => {
                self.territory = t.reference().to_string();
                vec![]
            }
            Err(candidates) => candidates
                .iter()
                .map(|t| context! { reference => t.reference().to_string(), name => t.name })
                .collect(),
        }
    }
}

async fn form_page(
    ctx: &PageCtx,
    state: &AppState,
    defi: Option<&Defi>,
    values: &DefiForm,
    errors: Option<&FieldErrors>,
    suggestions: Vec<Value>,
) -> Result<Response, AppError> {
    let all = state.store.challenges().await?;
    let challenges: Vec<(String, String)> = all
        .iter()
        .map(|c| (c.code.clone(), challenge_name(c, ctx.locale).to_owned()))
        .collect();
    let statuses: Vec<(String, String)> = Status::ALL
        .iter()
        .map(|s| {
            (
                s.as_str().to_owned(),
                ctx.t(state, &format!("defis-status-{}", s.as_str())),
            )
        })
        .collect();
    let owners: Vec<(String, String)> = match ctx.user.as_ref() {
        Some(u) if defi.is_none() => crate::events::organiser_choices(state, &u.person)
            .await?
            .into_iter()
            .map(|(id, name)| (id.to_string(), name))
            .collect(),
        _ => vec![],
    };
    let page = context! {
        defi => defi.map(|d| defi_view(state, ctx, d, &all)),
        values, challenges, statuses, owners, suggestions,
    };
    Ok(match errors {
        Some(e) => ctx.render_invalid(state, "defis/form.html", e, page),
        None => ctx.render(state, "defis/form.html", page),
    })
}

async fn new_form(
    ctx: PageCtx,
    State(state): State<AppState>,
    user: User,
) -> Result<Response, AppError> {
    let person = user.confirmed()?;
    let choices = crate::events::organiser_choices(&state, person).await?;
    let values = DefiForm {
        status: "published".into(),
        owners: match choices.as_slice() {
            [(only, _)] => vec![only.to_string()],
            _ => vec![],
        },
        ..DefiForm::default()
    };
    form_page(&ctx, &state, None, &values, None, vec![]).await
}

async fn create(
    ctx: PageCtx,
    State(state): State<AppState>,
    user: User,
    Form(pairs): Form<Vec<(String, String)>>,
) -> Result<Response, AppError> {
    let person = user.confirmed()?;
    let mut form = DefiForm::read(pairs);
    let suggestions = form.resolve_territory(&state);
    let owners: Vec<Uuid> = form
        .owners
        .iter()
        .filter_map(|s| s.trim().parse().ok())
        .collect();
    let sponsors = rules::sponsors_named(&state, &form.sponsors).await?;
    match rules::create(&state, person, &form.input(), &owners, sponsors).await {
        Ok(d) => Ok(see_other(&format!("/defis/{}", d.row.id))),
        Err(EditFailure::Invalid(errors)) => {
            form_page(&ctx, &state, None, &form, Some(&errors), suggestions).await
        }
        Err(EditFailure::App(e)) => crate::groups::explain_throttle(e, "defis-throttled"),
    }
}

async fn show(
    ctx: PageCtx,
    State(state): State<AppState>,
    Path(id): Path<Uuid>,
) -> Result<Response, AppError> {
    show_page(&ctx, &state, id, None, &FieldErrors::new(), "").await
}

async fn show_page(
    ctx: &PageCtx,
    state: &AppState,
    id: Uuid,
    status: Option<axum::http::StatusCode>,
    errors: &FieldErrors,
    typed: &str,
) -> Result<Response, AppError> {
    let person = ctx.user.as_ref().map(|u| &u.person);
    let d = rules::visible(state, id, person).await?;
    let manager = match person {
        Some(p) => rules::can_manage(state, &d, p).await?,
        None => false,
    };
    let hackathons: Vec<Value> = state
        .store
        .hackathons_of_defi(d.row.id)
        .await?
        .into_iter()
        .map(|(id, title, at)| {
            context! { id => id.to_string(), title, start => crate::events::paris_time(at) }
        })
        .collect();
    let all = state.store.challenges().await?;
    let page = context! {
        d => defi_view(state, ctx, &d, &all),
        context_html => essaim_domain::markdown::render(&d.row.context),
        manager, hackathons, typed,
    };
    Ok(match status {
        Some(_) => ctx.render_invalid(state, "defis/show.html", errors, page),
        None => ctx.render(state, "defis/show.html", page),
    })
}

async fn edit_form(
    ctx: PageCtx,
    State(state): State<AppState>,
    user: User,
    Path(id): Path<Uuid>,
) -> Result<Response, AppError> {
    let person = user.confirmed()?;
    let d = rules::managed(&state, id, person).await?;
    form_page(&ctx, &state, Some(&d), &DefiForm::of(&d), None, vec![]).await
}

async fn edit(
    ctx: PageCtx,
    State(state): State<AppState>,
    user: User,
    ClientIp(ip): ClientIp,
    Path(id): Path<Uuid>,
    Form(pairs): Form<Vec<(String, String)>>,
) -> Result<Response, AppError> {
    let person = user.confirmed()?;
    let d = rules::managed(&state, id, person).await?;
    let mut form = DefiForm::read(pairs);
    let suggestions = form.resolve_territory(&state);
    let sponsors = rules::sponsors_named(&state, &form.sponsors).await?;
    match rules::update(&state, person, &d, &form.input(), sponsors, Some(&ip)).await {
        Ok(d) => Ok(see_other(&format!("/defis/{}", d.row.id))),
        Err(EditFailure::Invalid(errors)) => {
            form_page(&ctx, &state, Some(&d), &form, Some(&errors), suggestions).await
        }
        Err(EditFailure::App(e)) => Err(e),
    }
}

#[derive(Deserialize)]
pub struct OwnerForm {
    #[serde(default)]
    structure: String,
}

async fn add_owner(
    ctx: PageCtx,
    State(state): State<AppState>,
    user: User,
    ClientIp(ip): ClientIp,
    Path(id): Path<Uuid>,
    Form(form): Form<OwnerForm>,
) -> Result<Response, AppError> {
    let person = user.confirmed()?;
    let d = rules::managed(&state, id, person).await?;
    let structure = rules::structure_named(&state, &form.structure).await?;
    match rules::add_owner(&state, person, &d, structure, Some(&ip)).await {
        Ok(_) => Ok(see_other(&format!("/defis/{id}"))),
        Err(EditFailure::Invalid(errors)) => {
            show_page(
                &ctx,
                &state,
                id,
                Some(axum::http::StatusCode::UNPROCESSABLE_ENTITY),
                &errors,
                &form.structure,
            )
            .await
        }
        Err(EditFailure::App(e)) => crate::groups::explain_throttle(e, "defis-throttled"),
    }
}
