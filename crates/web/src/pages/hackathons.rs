//! Pages of a hackathon (an event of kind `hackathon`): its page (the défis it gathers, the
//! participant's form and team), the organisers' settings, the teams (formed by the planner,
//! adjusted by hand with one select per person, published) with a balance summary per team,
//! and each team's workspace. The rules are in `crate::hackathons`.

use crate::auth::{ClientIp, User};
use crate::error::AppError;
use crate::events::EditFailure;
use crate::hackathons as rules;
use crate::pages::{see_other, PageCtx};
use crate::state::AppState;
use axum::extract::{Path, State};
use axum::response::Response;
use axum::routing::{get, post};
use axum::{Form, Router};
use essaim_domain::hackathons::ParticipantInput;
use essaim_domain::hackathons::{Sector, WorkspaceInput, AGE_BANDS};
use essaim_domain::invalid::FieldErrors;
use essaim_store::defis::DefiFilter;
use essaim_store::events::EventRow;
use essaim_store::hackathons::{HackathonRow, Team};
use essaim_store::Person;
use minijinja::{context, Value};
use serde::{Deserialize, Serialize};
use uuid::Uuid;

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/evenements/{id}/hackathon", get(hub))
        .route(
            "/evenements/{id}/hackathon/reglages",
            get(settings_form).post(save_settings),
        )
        .route(
            "/evenements/{id}/hackathon/participation",
            get(participation_form).post(participate),
        )
        .route("/evenements/{id}/hackathon/equipes", get(teams_page))
        .route(
            "/evenements/{id}/hackathon/equipes/formation",
            post(form_teams),
        )
        .route(
            "/evenements/{id}/hackathon/equipes/ajustement",
            post(adjust),
        )
        .route(
            "/evenements/{id}/hackathon/equipes/publication",
            post(publish),
        )
        .route(
            "/evenements/{id}/hackathon/equipes/{team}",
            get(team_page).post(save_workspace),
        )
}

fn event_view(state: &AppState, e: &EventRow) -> Value {
    crate::pages::events::event_view(state, e)
}

fn team_label(ctx: &PageCtx, state: &AppState, t: &Team) -> String {
    if t.row.name.is_empty() {
        state.i18n.message(
            ctx.locale,
            "hackathons-team-number",
            &[("number", t.row.number.to_string())],
        )
    } else {
        t.row.name.clone()
    }
}

fn team_view(ctx: &PageCtx, state: &AppState, t: &Team, with_balance: bool) -> Value {
    let b = rules::balance_of(t);
    let sectors: Vec<Value> = b
        .sectors
        .iter()
        .map(|(s, n)| {
            let label = if s.is_empty() {
                ctx.t(state, "hackathons-unsaid")
            } else {
                ctx.t(state, &format!("hackathons-sector-{s}"))
            };
            context! { label, count => n }
        })
        .collect();
    let links: Vec<&str> = t.row.prototype_links.lines().collect();
    context! {
        id => t.row.id.to_string(),
        number => t.row.number,
        name => t.row.name,
        label => team_label(ctx, state, t),
        defi_id => t.row.defi_id.map(|d| d.to_string()),
        defi_title => t.row.defi_title,
        coach_id => t.row.coach_id.map(|d| d.to_string()),
        coach_name => t.row.coach_name,
        designer_id => t.row.designer_id.map(|d| d.to_string()),
        designer_name => t.row.designer_name,
        solution_title => t.row.solution_title,
        pitch_html => essaim_domain::markdown::render(&t.row.pitch),
        links,
        deliverables_html => essaim_domain::markdown::render(&t.row.deliverables),
        members => t.members.iter().map(|m| context! {
            id => m.person_id.to_string(),
            name => m.person_name,
            structure => m.structure_name,
        }).collect::<Vec<_>>(),
        balance => with_balance.then(|| context! {
            sectors,
            structures => b.structures,
            clashes => b.structure_clashes,
        }),
    }
}

async fn hub(
    ctx: PageCtx,
    State(state): State<AppState>,
    Path(id): Path<Uuid>,
) -> Result<Response, AppError> {
    let e = rules::event(&state, id).await?;
    let person = ctx.user.as_ref().map(|u| &u.person);
    let manager = rules::is_manager(&state, &e, person).await?;
    let h = state.store.get_hackathon(e.id).await?;
    let defis: Vec<Value> = rules::visible_defis(&state, &e, manager)
        .await?
        .into_iter()
        .map(|d| context! { id => d.id.to_string(), title => d.title, question => d.question })
        .collect();
    let (registered, participant, my_team) = match person {
        Some(p) => {
            let registered = state
                .store
                .registration_of(e.id, p.id)
                .await?
                .is_some_and(|r| r.status == "confirmed");
            let participant = state.store.participant(e.id, p.id).await?.is_some();
            let my_team = match &h {
                Some(h) if h.teams_published || manager => {
                    let mut mine: Vec<Team> = state
                        .store
                        .teams(e.id)
                        .await?
                        .into_iter()
                        .filter(|t| t.has_member(p.id))
                        .collect();
                    rules::hide_draft_defis(&state, &e, manager, &mut mine).await?;
                    mine.first().map(|t| team_view(&ctx, &state, t, false))
                }
                _ => None,
            };
            (registered, participant, my_team)
        }
        None => (false, false, None),
    };
    let participants = match (&h, manager) {
        (Some(_), true) => state.store.participants(e.id).await?.len(),
        _ => 0,
    };
    // The jury's pages answer 404 to whoever may not see them: link only to those that open.
    let juror = match person {
        Some(p) => state.store.is_juror(e.id, p.id).await?,
        None => false,
    };
    let results_published = state.store.jury_results(e.id).await?.is_some();
    Ok(ctx.render(
        &state,
        "hackathons/show.html",
        context! {
            e => event_view(&state, &e),
            h => h.as_ref().map(|h| context! {
                team_size => h.team_size,
                published => h.teams_published,
            }),
            defis, manager, registered, participant, my_team, participants, juror,
            results_published,
        },
    ))
}

#[derive(Deserialize, Serialize, Default, Clone)]
pub struct SettingsForm {
    team_size: String,
    defis: Vec<String>,
}

impl SettingsForm {
    fn read(pairs: Vec<(String, String)>) -> SettingsForm {
        let mut f = SettingsForm::default();
        for (k, v) in pairs {
            match k.as_str() {
                "team_size" => f.team_size = v,
                "defi" => f.defis.push(v),
                _ => {}
            }
        }
        f
    }
}

async fn settings_page(
    ctx: &PageCtx,
    state: &AppState,
    e: &EventRow,
    values: &SettingsForm,
    errors: Option<&FieldErrors>,
) -> Result<Response, AppError> {
    let mut choices: Vec<(String, String)> = state
        .store
        .list_defis(&DefiFilter {
            status: Some("published".into()),
            limit: 500,
            ..Default::default()
        })
        .await?
        .into_iter()
        .map(|d| (d.row.id.to_string(), d.row.title))
        .collect();
    // Défis already gathered stay offered even once closed.
    for d in state.store.hackathon_defis(e.id).await? {
        if !choices.iter().any(|(id, _)| *id == d.id.to_string()) {
            choices.push((d.id.to_string(), d.title));
        }
    }
    choices.sort_by(|a, b| a.1.cmp(&b.1));
    let page = context! { e => event_view(state, e), values, choices };
    Ok(match errors {
        Some(err) => ctx.render_invalid(state, "hackathons/settings.html", err, page),
        None => ctx.render(state, "hackathons/settings.html", page),
    })
}

async fn settings_form(
    ctx: PageCtx,
    State(state): State<AppState>,
    user: User,
    Path(id): Path<Uuid>,
) -> Result<Response, AppError> {
    let person = user.confirmed()?;
    let e = rules::managed(&state, id, person).await?;
    let values = match state.store.get_hackathon(e.id).await? {
        Some(h) => SettingsForm {
            team_size: h.team_size.to_string(),
            defis: state
                .store
                .hackathon_defis(e.id)
                .await?
                .into_iter()
                .map(|d| d.id.to_string())
                .collect(),
        },
        None => SettingsForm {
            team_size: "5".into(),
            defis: vec![],
        },
    };
    settings_page(&ctx, &state, &e, &values, None).await
}

async fn save_settings(
    ctx: PageCtx,
    State(state): State<AppState>,
    user: User,
    Path(id): Path<Uuid>,
    Form(pairs): Form<Vec<(String, String)>>,
) -> Result<Response, AppError> {
    let person = user.confirmed()?;
    let e = rules::managed(&state, id, person).await?;
    let form = SettingsForm::read(pairs);
    let mut ids = vec![];
    let mut bad = false;
    for d in &form.defis {
        match d.trim().parse::<Uuid>() {
            Ok(u) => ids.push(u),
            Err(_) => bad = true,
        }
    }
    if bad {
        let mut errors = FieldErrors::new();
        errors.add(
            "defis",
            essaim_domain::Invalid::new("hackathons_defi_unknown"),
        );
        return settings_page(&ctx, &state, &e, &form, Some(&errors)).await;
    }
    match rules::save_settings(&state, person, &e, &form.team_size, &ids).await {
        Ok(_) => Ok(see_other(&format!("/evenements/{id}/hackathon"))),
        Err(EditFailure::Invalid(errors)) => {
            settings_page(&ctx, &state, &e, &form, Some(&errors)).await
        }
        Err(EditFailure::App(err)) => crate::groups::explain_throttle(err, "hackathons-throttled"),
    }
}

#[derive(Deserialize, Serialize, Default, Clone)]
pub struct ParticipationForm {
    #[serde(default)]
    structure: String,
    #[serde(default)]
    sector: String,
    #[serde(default)]
    age_band: String,
    #[serde(default)]
    skills: String,
}

async fn participation_page(
    ctx: &PageCtx,
    state: &AppState,
    e: &EventRow,
    person: &Person,
    values: &ParticipationForm,
    errors: Option<&FieldErrors>,
) -> Result<Response, AppError> {
    let structures: Vec<(String, String)> = state
        .store
        .structures_of(person.id)
        .await?
        .into_iter()
        .map(|(s, _)| (s.id.to_string(), s.name))
        .collect();
    let sectors: Vec<(String, String)> = Sector::ALL
        .iter()
        .map(|s| {
            (
                s.as_str().to_owned(),
                ctx.t(state, &format!("hackathons-sector-{}", s.as_str())),
            )
        })
        .collect();
    let ages: Vec<(String, String)> = AGE_BANDS
        .iter()
        .map(|a| {
            (
                (*a).to_owned(),
                ctx.t(state, &format!("hackathons-age-{a}")),
            )
        })
        .collect();
    let page = context! { e => event_view(state, e), values, structures, sectors, ages };
    Ok(match errors {
        Some(err) => ctx.render_invalid(state, "hackathons/participation.html", err, page),
        None => ctx.render(state, "hackathons/participation.html", page),
    })
}

async fn participation_form(
    ctx: PageCtx,
    State(state): State<AppState>,
    user: User,
    Path(id): Path<Uuid>,
) -> Result<Response, AppError> {
    let person = user.confirmed()?;
    let e = rules::event(&state, id).await?;
    rules::settings(&state, &e).await?;
    let values = match state.store.participant(e.id, person.id).await? {
        Some(p) => ParticipationForm {
            structure: p.structure_id.map(|s| s.to_string()).unwrap_or_default(),
            sector: p.sector,
            age_band: p.age_band,
            skills: p.skills,
        },
        None => ParticipationForm::default(),
    };
    participation_page(&ctx, &state, &e, person, &values, None).await
}

async fn participate(
    ctx: PageCtx,
    State(state): State<AppState>,
    user: User,
    Path(id): Path<Uuid>,
    Form(form): Form<ParticipationForm>,
) -> Result<Response, AppError> {
    let person = user.confirmed()?;
    let e = rules::event(&state, id).await?;
    let structure = match form.structure.trim() {
        "" => None,
        s => match s.parse::<Uuid>() {
            Ok(u) => Some(u),
            Err(_) => {
                let mut errors = FieldErrors::new();
                errors.add(
                    "structure",
                    essaim_domain::Invalid::new("hackathons_structure_not_member"),
                );
                return participation_page(&ctx, &state, &e, person, &form, Some(&errors)).await;
            }
        },
    };
    let input = ParticipantInput {
        sector: form.sector.clone(),
        age_band: form.age_band.clone(),
        skills: form.skills.clone(),
    };
    match rules::join(&state, &e, person, structure, &input).await {
        Ok(_) => Ok(see_other(&format!("/evenements/{id}/hackathon"))),
        Err(EditFailure::Invalid(errors)) => {
            participation_page(&ctx, &state, &e, person, &form, Some(&errors)).await
        }
        Err(EditFailure::App(err)) => crate::groups::explain_throttle(err, "hackathons-throttled"),
    }
}

async fn teams_view(
    ctx: &PageCtx,
    state: &AppState,
    e: &EventRow,
    h: &HackathonRow,
    manager: bool,
    errors: Option<&FieldErrors>,
    typed: Option<&[(String, String)]>,
) -> Result<Response, AppError> {
    let mut teams = state.store.teams(e.id).await?;
    rules::hide_draft_defis(state, e, manager, &mut teams).await?;
    // The adjustment form shows what was typed when it comes back with an error.
    let typed: std::collections::BTreeMap<String, String> =
        typed.unwrap_or_default().iter().cloned().collect();
    let frozen = manager && state.store.hackathon_teams_frozen(e.id).await?;
    let items: Vec<Value> = teams
        .iter()
        .map(|t| team_view(ctx, state, t, manager))
        .collect();
    let (participants, people, defis) = if manager {
        let participants: Vec<Value> = state
            .store
            .participants(e.id)
            .await?
            .into_iter()
            .map(|p| {
                let team = teams
                    .iter()
                    .find(|t| t.has_member(p.person_id))
                    .map(|t| t.row.number);
                context! {
                    id => p.person_id.to_string(),
                    name => p.person_name,
                    structure => p.structure_name,
                    sector => p.sector,
                    age_band => p.age_band,
                    team,
                }
            })
            .collect();
        let people: Vec<(String, String)> = rules::people_choices(state, e)
            .await?
            .into_iter()
            .map(|(id, n)| (id.to_string(), n))
            .collect();
        let defis: Vec<(String, String)> = state
            .store
            .hackathon_defis(e.id)
            .await?
            .into_iter()
            .map(|d| (d.id.to_string(), d.title))
            .collect();
        (participants, people, defis)
    } else {
        (vec![], vec![], vec![])
    };
    let numbers: Vec<(String, String)> = teams
        .iter()
        .map(|t| (t.row.number.to_string(), team_label(ctx, state, t)))
        .chain(std::iter::once((
            (teams.iter().map(|t| t.row.number).max().unwrap_or(0) + 1).to_string(),
            ctx.t(state, "hackathons-new-team"),
        )))
        .collect();
    let me = ctx.user.as_ref().map(|u| u.person.id.to_string());
    let page = context! {
        e => event_view(state, e),
        h => context! {
            team_size => h.team_size,
            published => h.teams_published,
            seed => h.teams_seed,
            formed => h.teams_formed_at.map(crate::events::paris_time),
        },
        teams => items, manager, participants, people, defis, numbers, me, typed, frozen,
    };
    Ok(match errors {
        Some(err) => ctx.render_invalid(state, "hackathons/teams.html", err, page),
        None => ctx.render(state, "hackathons/teams.html", page),
    })
}

async fn teams_page(
    ctx: PageCtx,
    State(state): State<AppState>,
    Path(id): Path<Uuid>,
) -> Result<Response, AppError> {
    let e = rules::event(&state, id).await?;
    let person = ctx.user.as_ref().map(|u| &u.person);
    let h = state
        .store
        .get_hackathon(e.id)
        .await?
        .ok_or(AppError::NotFound)?;
    let manager = rules::is_manager(&state, &e, person).await?;
    if !rules::can_see_teams(&state, &e, &h, person).await? {
        return Err(AppError::NotFound);
    }
    teams_view(&ctx, &state, &e, &h, manager, None, None).await
}

#[derive(Deserialize, Default)]
pub struct FormationForm {
    /// A seed to replay a formation; drawn when empty.
    #[serde(default)]
    seed: String,
}

async fn form_teams(
    ctx: PageCtx,
    State(state): State<AppState>,
    user: User,
    Path(id): Path<Uuid>,
    Form(form): Form<FormationForm>,
) -> Result<Response, AppError> {
    let person = user.confirmed()?;
    let e = rules::managed(&state, id, person).await?;
    let seed = match form.seed.trim() {
        "" => None,
        s => match s.parse::<u64>() {
            Ok(n) => Some(n),
            Err(_) => {
                let h = rules::settings(&state, &e).await?;
                let mut errors = FieldErrors::new();
                errors.add(
                    "seed",
                    essaim_domain::Invalid::new("hackathons_seed_invalid"),
                );
                return teams_view(&ctx, &state, &e, &h, true, Some(&errors), None).await;
            }
        },
    };
    match rules::form(&state, person, &e, seed).await {
        Ok(_) => Ok(see_other(&format!("/evenements/{id}/hackathon/equipes"))),
        Err(AppError::Conflict("hackathons-too-few-participants")) => {
            let h = rules::settings(&state, &e).await?;
            let mut errors = FieldErrors::new();
            errors.add(
                "seed",
                essaim_domain::Invalid::new("hackathons_too_few_participants"),
            );
            teams_view(&ctx, &state, &e, &h, true, Some(&errors), None).await
        }
        Err(err) => crate::groups::explain_throttle(err, "hackathons-throttled"),
    }
}

/// Reads the adjustment form: `team-{person}`, `name-{n}`, `defi-{n}`, `coach-{n}`,
/// `designer-{n}`.
fn read_adjustment(pairs: &[(String, String)]) -> Result<rules::Adjustment, ()> {
    let mut a = rules::Adjustment::default();
    let opt_uuid = |v: &str| -> Result<Option<Uuid>, ()> {
        match v.trim() {
            "" => Ok(None),
            s => s.parse().map(Some).map_err(|_| ()),
        }
    };
    for (k, v) in pairs {
        let Some((what, key)) = k.split_once('-') else {
            continue;
        };
        match what {
            "team" => {
                let person: Uuid = key.parse().map_err(|_| ())?;
                let n = match v.trim() {
                    "" => None,
                    s => Some(s.parse::<i64>().map_err(|_| ())?),
                };
                a.placement.insert(person, n);
            }
            "name" | "defi" | "coach" | "designer" => {
                let n: i64 = key.parse().map_err(|_| ())?;
                match what {
                    "name" => {
                        a.names.insert(n, v.clone());
                    }
                    "defi" => {
                        a.defis.insert(n, opt_uuid(v)?);
                    }
                    "coach" => {
                        a.coaches.insert(n, opt_uuid(v)?);
                    }
                    _ => {
                        a.designers.insert(n, opt_uuid(v)?);
                    }
                }
            }
            _ => {}
        }
    }
    Ok(a)
}

async fn adjust(
    ctx: PageCtx,
    State(state): State<AppState>,
    user: User,
    Path(id): Path<Uuid>,
    Form(pairs): Form<Vec<(String, String)>>,
) -> Result<Response, AppError> {
    let person = user.confirmed()?;
    let e = rules::managed(&state, id, person).await?;
    let h = rules::settings(&state, &e).await?;
    let Ok(a) = read_adjustment(&pairs) else {
        let mut errors = FieldErrors::new();
        errors.add(
            "teams",
            essaim_domain::Invalid::new("hackathons_team_unknown"),
        );
        return teams_view(&ctx, &state, &e, &h, true, Some(&errors), Some(&pairs)).await;
    };
    match rules::adjust(&state, person, &e, &a).await {
        Ok(_) => Ok(see_other(&format!("/evenements/{id}/hackathon/equipes"))),
        Err(EditFailure::Invalid(errors)) => {
            teams_view(&ctx, &state, &e, &h, true, Some(&errors), Some(&pairs)).await
        }
        Err(EditFailure::App(err)) => crate::groups::explain_throttle(err, "hackathons-throttled"),
    }
}

#[derive(Deserialize)]
pub struct PublishForm {
    #[serde(default)]
    publier: String,
}

async fn publish(
    State(state): State<AppState>,
    user: User,
    ClientIp(ip): ClientIp,
    Path(id): Path<Uuid>,
    Form(form): Form<PublishForm>,
) -> Result<Response, AppError> {
    let person = user.confirmed()?;
    let e = rules::managed(&state, id, person).await?;
    rules::publish(&state, person, &e, form.publier == "1", Some(&ip)).await?;
    Ok(see_other(&format!("/evenements/{id}/hackathon/equipes")))
}

#[derive(Deserialize, Serialize, Default, Clone)]
pub struct WorkspaceForm {
    #[serde(default)]
    solution_title: String,
    #[serde(default)]
    pitch: String,
    #[serde(default)]
    prototype_links: String,
    #[serde(default)]
    deliverables: String,
}

async fn team_view_page(
    ctx: &PageCtx,
    state: &AppState,
    e: &EventRow,
    h: &HackathonRow,
    team: &Team,
    values: Option<&WorkspaceForm>,
    errors: Option<&FieldErrors>,
) -> Result<Response, AppError> {
    let person = ctx.user.as_ref().map(|u| &u.person);
    let can_edit = rules::can_edit_workspace(state, e, h, team, person).await?;
    let values = values.cloned().unwrap_or_else(|| WorkspaceForm {
        solution_title: team.row.solution_title.clone(),
        pitch: team.row.pitch.clone(),
        prototype_links: team.row.prototype_links.clone(),
        deliverables: team.row.deliverables.clone(),
    });
    let page = context! {
        e => event_view(state, e),
        team => team_view(ctx, state, team, false),
        can_edit, values,
    };
    Ok(match errors {
        Some(err) => ctx.render_invalid(state, "hackathons/team.html", err, page),
        None => ctx.render(state, "hackathons/team.html", page),
    })
}

async fn team_page(
    ctx: PageCtx,
    State(state): State<AppState>,
    Path((id, team)): Path<(Uuid, Uuid)>,
) -> Result<Response, AppError> {
    let e = rules::event(&state, id).await?;
    let person = ctx.user.as_ref().map(|u| &u.person);
    let (h, team) = rules::visible_team(&state, &e, team, person).await?;
    team_view_page(&ctx, &state, &e, &h, &team, None, None).await
}

async fn save_workspace(
    ctx: PageCtx,
    State(state): State<AppState>,
    user: User,
    Path((id, team)): Path<(Uuid, Uuid)>,
    Form(form): Form<WorkspaceForm>,
) -> Result<Response, AppError> {
    let person = user.confirmed()?;
    let e = rules::event(&state, id).await?;
    let (h, team) = rules::visible_team(&state, &e, team, Some(person)).await?;
    if !rules::can_edit_workspace(&state, &e, &h, &team, Some(person)).await? {
        return Err(AppError::NotFound);
    }
    let input = WorkspaceInput {
        solution_title: form.solution_title.clone(),
        pitch: form.pitch.clone(),
        prototype_links: form.prototype_links.clone(),
        deliverables: form.deliverables.clone(),
    };
    match rules::save_workspace(&state, person, &team, &input).await {
        Ok(t) => Ok(see_other(&format!(
            "/evenements/{id}/hackathon/equipes/{}",
            t.row.id
        ))),
        Err(EditFailure::Invalid(errors)) => {
            team_view_page(&ctx, &state, &e, &h, &team, Some(&form), Some(&errors)).await
        }
        Err(EditFailure::App(err)) => crate::groups::explain_throttle(err, "hackathons-throttled"),
    }
}
