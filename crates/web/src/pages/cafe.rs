//! Pages of a World Café (`/evenements/{id}/cafe…`): the settings, the participants, the
//! plan of the rotation with its report and hand adjustments, the printable itineraries and
//! table sheets, the facilitator's live screen, the harvest form of a table (its secret link,
//! or an organiser), and the synthesis with its Markdown and CSV exports. Everything but a
//! table's link and the published synthesis is for the event's managers (404 for others).
//! The rules are in `crate::cafe`.

use crate::auth::{ClientIp, User};
use crate::cafe::{self as rules, Adjust, Failure, Seating, Writer};
use crate::error::AppError;
use crate::pages::{see_other, PageCtx};
use crate::state::AppState;
use axum::extract::{Path, Query, State};
use axum::http::{header, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use axum::{Form, Router};
use essaim_domain::cafe::{self as domain, LiveAction, ParticipantInput, SettingsInput, SECTORS};
use essaim_domain::invalid::FieldErrors;
use essaim_store::cafe::{Cafe, Participant};
use essaim_store::events::EventRow;
use minijinja::{context, Value};
use serde::{Deserialize, Serialize};
use uuid::Uuid;

/// The café's print stylesheet and countdown script; every page works without the script.
pub const CAFE_CSS_PATH: &str = concat!("/static/", env!("CARGO_PKG_VERSION"), "/cafe.css");
pub const CAFE_JS_PATH: &str = concat!("/static/", env!("CARGO_PKG_VERSION"), "/cafe.js");

pub fn router() -> Router<AppState> {
    Router::new()
        .route(CAFE_CSS_PATH, get(css))
        .route(CAFE_JS_PATH, get(js))
        .route(
            "/evenements/{id}/cafe",
            get(settings_page).post(save_settings),
        )
        .route(
            "/evenements/{id}/cafe/participants",
            get(participants_page).post(add_participant),
        )
        .route(
            "/evenements/{id}/cafe/participants/inscrits",
            post(sync_registrants),
        )
        .route(
            "/evenements/{id}/cafe/participants/{pid}",
            post(update_participant),
        )
        .route(
            "/evenements/{id}/cafe/participants/{pid}/retrait",
            post(remove_participant),
        )
        .route("/evenements/{id}/cafe/plan", get(plan_page).post(plan))
        .route("/evenements/{id}/cafe/plan/ajustement", post(adjust))
        .route("/evenements/{id}/cafe/itineraires", get(itineraries))
        .route("/evenements/{id}/cafe/tables", get(table_sheets))
        .route("/evenements/{id}/cafe/direct", get(live_page).post(live))
        .route(
            "/evenements/{id}/cafe/table/{table}",
            get(harvest_as_organiser).post(write_as_organiser),
        )
        // The table's token goes in the query (`?jeton=`), never in the path: paths are logged.
        .route(
            "/evenements/{id}/cafe/table/{table}/lien",
            get(harvest_by_link).post(write_by_link),
        )
        .route(
            "/evenements/{id}/cafe/synthese",
            get(synthesis_page).post(publish),
        )
        .route("/evenements/{id}/cafe/synthese.md", get(synthesis_md))
        .route("/evenements/{id}/cafe/synthese.csv", get(synthesis_csv))
}

async fn css() -> impl IntoResponse {
    (
        [
            (header::CONTENT_TYPE, "text/css; charset=utf-8"),
            (header::CACHE_CONTROL, "public, max-age=31536000, immutable"),
        ],
        include_str!("../../static/cafe.css"),
    )
}

async fn js() -> impl IntoResponse {
    (
        [
            (header::CONTENT_TYPE, "text/javascript; charset=utf-8"),
            (header::CACHE_CONTROL, "public, max-age=31536000, immutable"),
        ],
        include_str!("../../static/cafe.js"),
    )
}

fn event_view(e: &EventRow) -> Value {
    context! { id => e.id.to_string(), title => e.title, start => crate::events::paris_time(e.starts_at) }
}

fn cafe_view(c: &Cafe) -> Value {
    let questions: Vec<Value> = c
        .questions
        .iter()
        .enumerate()
        .map(|(i, q)| context! { round => i + 1, question => q })
        .collect();
    context! {
        layout => c.row.layout,
        layout_value => c.row.layout_value,
        rounds => c.row.rounds,
        minutes => c.row.round_minutes,
        questions,
        planned => c.row.planned_at.is_some(),
        seed => c.row.seed,
        current_round => c.row.current_round,
        ended => c.row.ended_at.is_some(),
        published => c.row.published_at.is_some(),
    }
}

fn sector_choices(ctx: &PageCtx, state: &AppState) -> Vec<(String, String)> {
    SECTORS
        .iter()
        .map(|s| (s.to_string(), ctx.t(state, &format!("cafe-sector-{s}"))))
        .collect()
}

fn base(e: &EventRow) -> Value {
    context! {
        e => event_view(e),
        cafe_css => CAFE_CSS_PATH,
        cafe_js => CAFE_JS_PATH,
    }
}

// ---- settings ---------------------------------------------------------------------------

#[derive(Deserialize, Serialize, Default, Clone)]
pub struct SettingsForm {
    #[serde(default)]
    questions: String,
    #[serde(default)]
    layout: String,
    #[serde(default)]
    tables: String,
    #[serde(default)]
    table_size: String,
    #[serde(default)]
    rounds: String,
    #[serde(default)]
    minutes: String,
}

impl SettingsForm {
    fn input(&self) -> SettingsInput {
        SettingsInput {
            questions: self.questions.clone(),
            layout: self.layout.clone(),
            tables: self.tables.clone(),
            table_size: self.table_size.clone(),
            rounds: self.rounds.clone(),
            minutes: self.minutes.clone(),
        }
    }

    fn of(i: SettingsInput) -> SettingsForm {
        SettingsForm {
            questions: i.questions,
            layout: i.layout,
            tables: i.tables,
            table_size: i.table_size,
            rounds: i.rounds,
            minutes: i.minutes,
        }
    }
}

async fn settings_view(
    ctx: &PageCtx,
    state: &AppState,
    e: &EventRow,
    values: &SettingsForm,
    errors: Option<&FieldErrors>,
) -> Result<Response, AppError> {
    let cafe = state.store.cafe(e.id).await?;
    let page = context! {
        values,
        cafe => cafe.as_ref().map(cafe_view),
        ..base(e)
    };
    Ok(match errors {
        Some(errors) => ctx.render_invalid(state, "cafe/settings.html", errors, page),
        None => ctx.render(state, "cafe/settings.html", page),
    })
}

async fn settings_page(
    ctx: PageCtx,
    State(state): State<AppState>,
    user: User,
    Path(id): Path<Uuid>,
) -> Result<Response, AppError> {
    let e = rules::managed(&state, id, user.confirmed()?).await?;
    let values = match state.store.cafe(e.id).await? {
        Some(c) => SettingsForm::of(rules::settings_input(&c)),
        None => SettingsForm {
            layout: "size".into(),
            table_size: "5".into(),
            rounds: "3".into(),
            minutes: "20".into(),
            ..SettingsForm::default()
        },
    };
    settings_view(&ctx, &state, &e, &values, None).await
}

async fn save_settings(
    ctx: PageCtx,
    State(state): State<AppState>,
    user: User,
    Path(id): Path<Uuid>,
    Form(form): Form<SettingsForm>,
) -> Result<Response, AppError> {
    let person = user.confirmed()?;
    let e = rules::managed(&state, id, person).await?;
    match rules::save_settings(&state, &e, person, &form.input()).await {
        Ok(_) => Ok(see_other(&format!("/evenements/{id}/cafe"))),
        Err(Failure::Invalid(errors)) => {
            settings_view(&ctx, &state, &e, &form, Some(&errors)).await
        }
        Err(Failure::App(e)) => Err(e),
    }
}

// ---- participants -----------------------------------------------------------------------

#[derive(Deserialize, Serialize, Default, Clone)]
pub struct ParticipantForm {
    #[serde(default)]
    name: String,
    #[serde(default)]
    sector: String,
    #[serde(default)]
    structure: String,
    #[serde(default)]
    host_table: String,
}

impl ParticipantForm {
    fn input(&self) -> ParticipantInput {
        ParticipantInput {
            name: self.name.clone(),
            sector: self.sector.clone(),
            structure: self.structure.clone(),
            host_table: self.host_table.clone(),
        }
    }
}

fn participant_view(p: &Participant) -> Value {
    context! {
        id => p.id.to_string(),
        name => p.name,
        registrant => p.person_id.is_some(),
        sector => p.sector.clone().unwrap_or_default(),
        structure => p.structure.clone().unwrap_or_default(),
        host_table => p.host_table.map(|t| t.to_string()).unwrap_or_default(),
    }
}

/// The participants page; `errors` for the add form (`values`) or for one participant's row
/// (`row`, its id and typed values).
async fn participants_view(
    ctx: &PageCtx,
    state: &AppState,
    e: &EventRow,
    values: &ParticipantForm,
    row: Option<(Uuid, &ParticipantForm)>,
    errors: Option<&FieldErrors>,
) -> Result<Response, AppError> {
    let people = rules::participants(state, e).await?;
    let items: Vec<Value> = people
        .iter()
        .map(|p| match row {
            Some((id, typed)) if id == p.id => context! {
                typed => true, name => typed.name, sector => typed.sector,
                structure => typed.structure, host_table => typed.host_table,
                ..participant_view(p)
            },
            _ => participant_view(p),
        })
        .collect();
    let cafe = state.store.cafe(e.id).await?;
    let page = context! {
        items, values,
        row_error => row.map(|(id, _)| id.to_string()),
        sectors => sector_choices(ctx, state),
        cafe => cafe.as_ref().map(cafe_view),
        ..base(e)
    };
    Ok(match errors {
        Some(errors) => ctx.render_invalid(state, "cafe/participants.html", errors, page),
        None => ctx.render(state, "cafe/participants.html", page),
    })
}

async fn participants_page(
    ctx: PageCtx,
    State(state): State<AppState>,
    user: User,
    Path(id): Path<Uuid>,
) -> Result<Response, AppError> {
    let e = rules::managed(&state, id, user.confirmed()?).await?;
    participants_view(&ctx, &state, &e, &ParticipantForm::default(), None, None).await
}

/// Brings the registrants up to date (the GET pages write nothing).
async fn sync_registrants(
    State(state): State<AppState>,
    user: User,
    Path(id): Path<Uuid>,
) -> Result<Response, AppError> {
    let person = user.confirmed()?;
    let e = rules::managed(&state, id, person).await?;
    rules::throttle_write(&state, person).await?;
    rules::sync_registrants(&state, &e).await?;
    Ok(see_other(&format!("/evenements/{id}/cafe/participants")))
}

async fn add_participant(
    ctx: PageCtx,
    State(state): State<AppState>,
    user: User,
    Path(id): Path<Uuid>,
    Form(form): Form<ParticipantForm>,
) -> Result<Response, AppError> {
    let person = user.confirmed()?;
    let e = rules::managed(&state, id, person).await?;
    match rules::add_participant(&state, &e, person, &form.input()).await {
        Ok(_) => Ok(see_other(&format!("/evenements/{id}/cafe/participants"))),
        Err(Failure::Invalid(errors)) => {
            participants_view(&ctx, &state, &e, &form, None, Some(&errors)).await
        }
        Err(Failure::App(e)) => Err(e),
    }
}

async fn update_participant(
    ctx: PageCtx,
    State(state): State<AppState>,
    user: User,
    Path((id, pid)): Path<(Uuid, Uuid)>,
    Form(form): Form<ParticipantForm>,
) -> Result<Response, AppError> {
    let person = user.confirmed()?;
    let e = rules::managed(&state, id, person).await?;
    match rules::update_participant(&state, &e, person, pid, &form.input()).await {
        Ok(_) => Ok(see_other(&format!("/evenements/{id}/cafe/participants"))),
        Err(Failure::Invalid(errors)) => {
            participants_view(
                &ctx,
                &state,
                &e,
                &ParticipantForm::default(),
                Some((pid, &form)),
                Some(&errors),
            )
            .await
        }
        Err(Failure::App(e)) => Err(e),
    }
}

async fn remove_participant(
    State(state): State<AppState>,
    user: User,
    Path((id, pid)): Path<(Uuid, Uuid)>,
) -> Result<Response, AppError> {
    let person = user.confirmed()?;
    let e = rules::managed(&state, id, person).await?;
    let participant = state
        .store
        .cafe_participants(e.id)
        .await?
        .into_iter()
        .find(|p| p.id == pid)
        .ok_or(AppError::NotFound)?;
    // A registrant would come back at the next sync: they leave by cancelling their
    // registration.
    if participant.person_id.is_some() {
        return Err(AppError::Conflict("cafe-registrant-stays"));
    }
    rules::throttle_write(&state, person).await?;
    state.store.cafe_remove_participant(e.id, pid).await?;
    Ok(see_other(&format!("/evenements/{id}/cafe/participants")))
}

// ---- plan -------------------------------------------------------------------------------

fn seating_view(s: &Seating, cafe: &Cafe) -> Value {
    let rounds: Vec<Value> = s
        .rounds
        .iter()
        .enumerate()
        .map(|(r, tables)| {
            let tables: Vec<Value> = tables
                .iter()
                .enumerate()
                .map(|(t, people)| {
                    let people: Vec<Value> = people
                        .iter()
                        .map(|p| {
                            context! {
                                id => p.id.to_string(), name => p.name,
                                host => p.host_table == Some(t as i64 + 1),
                                sector => p.sector.clone().unwrap_or_default(),
                                structure => p.structure.clone().unwrap_or_default(),
                            }
                        })
                        .collect();
                    context! { table => t + 1, people }
                })
                .collect();
            context! { round => r + 1, question => cafe.question(r as i64 + 1), tables }
        })
        .collect();
    let report = s.report.as_ref().map(|r| {
        context! { repeated_pairs => r.repeated_pairs, max_meetings => r.max_meetings,
        structure_meetings => r.structure_meetings }
    });
    let seated: std::collections::HashSet<Uuid> =
        s.rounds.iter().flatten().flatten().map(|p| p.id).collect();
    let unseated: Vec<String> = s
        .participants
        .iter()
        .filter(|p| !seated.contains(&p.id))
        .map(|p| p.name.clone())
        .collect();
    context! {
        rounds, report, unseated,
        empty => s.is_empty(),
        tables => (1..=s.tables()).collect::<Vec<_>>(),
    }
}

/// A select's options: (value, label).
type Options = Vec<(String, String)>;

/// The choices of the adjustment form: rounds, people and tables.
fn adjust_options(ctx: &PageCtx, state: &AppState, s: &Seating) -> (Options, Options, Options) {
    let round = ctx.t(state, "cafe-round");
    let table = ctx.t(state, "cafe-table");
    (
        (1..=s.rounds.len())
            .map(|r| (r.to_string(), format!("{round} {r}")))
            .collect(),
        s.participants
            .iter()
            .map(|p| (p.id.to_string(), p.name.clone()))
            .collect(),
        (1..=s.tables())
            .map(|t| (t.to_string(), format!("{table} {t}")))
            .collect(),
    )
}

/// The plan page; `adjust` the hand move just refused, shown again as typed.
async fn plan_view(
    ctx: &PageCtx,
    state: &AppState,
    e: &EventRow,
    refusal: Option<(&'static str, StatusCode)>,
    adjust: Option<&AdjustForm>,
) -> Result<Response, AppError> {
    let cafe = rules::cafe_of(state, e.id).await?;
    let participants = rules::participants(state, e).await?.len();
    let seating = rules::seating(state, e, &cafe).await?;
    let (round_options, people_options, table_options) = adjust_options(ctx, state, &seating);
    let page = ctx.render(
        state,
        "cafe/plan.html",
        context! {
            round_options, people_options, table_options, adjust,
            cafe => cafe_view(&cafe),
            seating => seating_view(&seating, &cafe),
            participants,
            refusal => refusal.map(|(code, _)| ctx.t(state, code)),
            ..base(e)
        },
    );
    Ok(match refusal {
        Some((_, status)) => (status, page).into_response(),
        None => page,
    })
}

async fn plan_page(
    ctx: PageCtx,
    State(state): State<AppState>,
    user: User,
    Path(id): Path<Uuid>,
) -> Result<Response, AppError> {
    let e = rules::managed(&state, id, user.confirmed()?).await?;
    if state.store.cafe(e.id).await?.is_none() {
        return Ok(see_other(&format!("/evenements/{id}/cafe")));
    }
    plan_view(&ctx, &state, &e, None, None).await
}

#[derive(Deserialize, Default)]
pub struct PlanForm {
    /// "on" to replace an existing seating.
    #[serde(default)]
    confirm: Option<String>,
}

/// A refusal shown on a page: its message id and status.
fn refusal_of(e: AppError) -> Result<(&'static str, StatusCode), AppError> {
    match e {
        AppError::Unprocessable(code) => Ok((code, StatusCode::UNPROCESSABLE_ENTITY)),
        AppError::Conflict(code) => Ok((code, StatusCode::CONFLICT)),
        e => Err(e),
    }
}

async fn plan(
    ctx: PageCtx,
    State(state): State<AppState>,
    user: User,
    Path(id): Path<Uuid>,
    Form(form): Form<PlanForm>,
) -> Result<Response, AppError> {
    let person = user.confirmed()?;
    let e = rules::managed(&state, id, person).await?;
    let cafe = rules::cafe_of(&state, e.id).await?;
    if cafe.row.planned_at.is_some() && form.confirm.is_none() {
        return plan_view(
            &ctx,
            &state,
            &e,
            Some(("cafe-replan-confirm", StatusCode::CONFLICT)),
            None,
        )
        .await;
    }
    match rules::plan(&state, &e, &cafe, person).await {
        Ok(_) => Ok(see_other(&format!("/evenements/{id}/cafe/plan"))),
        Err(e2 @ AppError::Throttled { .. }) => {
            crate::groups::explain_throttle(e2, "cafe-plan-throttled")
        }
        Err(e2) => {
            let r = refusal_of(e2)?;
            plan_view(&ctx, &state, &e, Some(r), None).await
        }
    }
}

#[derive(Deserialize, Serialize, Default)]
pub struct AdjustForm {
    #[serde(default)]
    round: String,
    #[serde(default)]
    participant: String,
    /// A 1-based table to move to, or empty.
    #[serde(default)]
    table: String,
    /// Someone to swap with, or empty.
    #[serde(default)]
    swap_with: String,
}

async fn adjust(
    ctx: PageCtx,
    State(state): State<AppState>,
    user: User,
    Path(id): Path<Uuid>,
    Form(form): Form<AdjustForm>,
) -> Result<Response, AppError> {
    let person = user.confirmed()?;
    let e = rules::managed(&state, id, person).await?;
    let cafe = rules::cafe_of(&state, e.id).await?;
    let parsed = (|| {
        let round: i64 = form
            .round
            .trim()
            .parse()
            .map_err(|_| "cafe_no_such_round")?;
        let who: Uuid = form
            .participant
            .trim()
            .parse()
            .map_err(|_| "cafe_not_at_table")?;
        let target = match (form.table.trim(), form.swap_with.trim()) {
            (t, "") if !t.is_empty() => Adjust::Move(t.parse().map_err(|_| "cafe_no_such_table")?),
            ("", s) if !s.is_empty() => Adjust::Swap(s.parse().map_err(|_| "cafe_not_at_table")?),
            _ => return Err("cafe_adjust_one_target"),
        };
        Ok((round, who, target))
    })();
    let result = match parsed {
        Ok((round, who, target)) => {
            rules::adjust(&state, &e, &cafe, person, round, who, target).await
        }
        Err(code) => Err(AppError::Unprocessable(code)),
    };
    match result {
        Ok(()) => Ok(see_other(&format!("/evenements/{id}/cafe/plan"))),
        Err(e2) => {
            let r = refusal_of(e2)?;
            plan_view(&ctx, &state, &e, Some(r), Some(&form)).await
        }
    }
}

// ---- printables -------------------------------------------------------------------------

async fn itineraries(
    ctx: PageCtx,
    State(state): State<AppState>,
    user: User,
    Path(id): Path<Uuid>,
) -> Result<Response, AppError> {
    let e = rules::managed(&state, id, user.confirmed()?).await?;
    let cafe = rules::cafe_of(&state, e.id).await?;
    let seating = rules::seating(&state, &e, &cafe).await?;
    let people: Vec<Value> = seating
        .participants
        .iter()
        .map(|p| {
            let stops: Vec<Value> = seating
                .itinerary(p.id)
                .into_iter()
                .enumerate()
                .map(|(r, t)| context! { round => r + 1, table => t, question => cafe.question(r as i64 + 1) })
                .collect();
            context! { name => p.name, host_table => p.host_table, stops }
        })
        .collect();
    Ok(ctx.render(
        &state,
        "cafe/itineraries.html",
        context! { people, empty => seating.is_empty(), ..base(&e) },
    ))
}

/// The absolute link of a table (printed on its sheet).
fn table_link(state: &AppState, event_id: Uuid, table: i64, token: &str) -> String {
    format!(
        "{}{}",
        state.config.base_url.trim_end_matches('/'),
        link_path(event_id, table, token)
    )
}

/// The path of a table's link, its token in the query (paths are logged, queries are not).
fn link_path(event_id: Uuid, table: i64, token: &str) -> String {
    format!("/evenements/{event_id}/cafe/table/{table}/lien?jeton={token}")
}

async fn table_sheets(
    ctx: PageCtx,
    State(state): State<AppState>,
    user: User,
    Path(id): Path<Uuid>,
) -> Result<Response, AppError> {
    let e = rules::managed(&state, id, user.confirmed()?).await?;
    let cafe = rules::cafe_of(&state, e.id).await?;
    let seating = rules::seating(&state, &e, &cafe).await?;
    let links = state.store.cafe_tables(e.id).await?;
    let sheets: Vec<Value> = (1..=seating.tables())
        .map(|t| {
            let rounds: Vec<Value> = seating
                .rounds
                .iter()
                .enumerate()
                .map(|(r, tables)| {
                    let people: Vec<String> = tables
                        .get(t - 1)
                        .map(|ps| ps.iter().map(|p| p.name.clone()).collect())
                        .unwrap_or_default();
                    context! { round => r + 1, question => cafe.question(r as i64 + 1), people }
                })
                .collect();
            let hosts: Vec<String> = seating.hosts(t).iter().map(|p| p.name.clone()).collect();
            let link = links
                .iter()
                .find(|(n, _)| *n == t as i64)
                .map(|(n, token)| table_link(&state, e.id, *n, token));
            context! { table => t, rounds, hosts, link }
        })
        .collect();
    Ok(ctx.render(&state, "cafe/tables.html", context! { sheets, ..base(&e) }))
}

// ---- live -------------------------------------------------------------------------------

async fn live_view(
    ctx: &PageCtx,
    state: &AppState,
    e: &EventRow,
    cafe: &Cafe,
    refusal: Option<(&'static str, StatusCode)>,
) -> Result<Response, AppError> {
    let remaining = rules::remaining(cafe);
    let page = ctx.render(
        state,
        "cafe/live.html",
        context! {
            cafe => cafe_view(cafe),
            question => cafe.question(cafe.row.current_round),
            next_question => cafe.question(cafe.row.current_round + 1),
            remaining,
            clock => remaining.map(domain::clock),
            refusal => refusal.map(|(code, _)| ctx.t(state, code)),
            ..base(e)
        },
    );
    Ok(match refusal {
        Some((_, status)) => (status, page).into_response(),
        None => page,
    })
}

async fn live_page(
    ctx: PageCtx,
    State(state): State<AppState>,
    user: User,
    Path(id): Path<Uuid>,
) -> Result<Response, AppError> {
    let e = rules::managed(&state, id, user.confirmed()?).await?;
    let cafe = rules::cafe_of(&state, e.id).await?;
    live_view(&ctx, &state, &e, &cafe, None).await
}

#[derive(Deserialize, Default)]
pub struct LiveForm {
    #[serde(default)]
    action: String,
}

async fn live(
    ctx: PageCtx,
    State(state): State<AppState>,
    user: User,
    Path(id): Path<Uuid>,
    Form(form): Form<LiveForm>,
) -> Result<Response, AppError> {
    let person = user.confirmed()?;
    let e = rules::managed(&state, id, person).await?;
    let cafe = rules::cafe_of(&state, e.id).await?;
    let Some(action) = LiveAction::parse(&form.action) else {
        return live_view(
            &ctx,
            &state,
            &e,
            &cafe,
            Some(("cafe_live_action_invalid", StatusCode::UNPROCESSABLE_ENTITY)),
        )
        .await;
    };
    match rules::live(&state, &cafe, person, action).await {
        Ok(_) => Ok(see_other(&format!("/evenements/{id}/cafe/direct"))),
        Err(e2) => {
            let r = refusal_of(e2)?;
            let cafe = rules::cafe_of(&state, e.id).await?;
            live_view(&ctx, &state, &e, &cafe, Some(r)).await
        }
    }
}

// ---- harvest ----------------------------------------------------------------------------

#[derive(Deserialize, Serialize, Default, Clone)]
pub struct HarvestForm {
    #[serde(default)]
    round: String,
    #[serde(default)]
    body: String,
}

#[derive(Deserialize, Default)]
pub struct HarvestQuery {
    #[serde(default)]
    tour: Option<i64>,
    #[serde(default)]
    enregistre: Option<String>,
    /// A table link's token.
    #[serde(default)]
    jeton: Option<String>,
}

/// `action` followed by a query parameter (the link's action already has `?jeton=`).
fn with_param(action: &str, param: &str) -> String {
    let sep = if action.contains('?') { '&' } else { '?' };
    format!("{action}{sep}{param}")
}

/// The harvest form of a table: the round chosen (the live round by default) and its text.
#[allow(clippy::too_many_arguments)]
async fn harvest_view(
    ctx: &PageCtx,
    state: &AppState,
    e: &EventRow,
    cafe: &Cafe,
    table: i64,
    action: &str,
    by_link: bool,
    values: Option<&HarvestForm>,
    round: Option<i64>,
    saved: bool,
    errors: Option<&FieldErrors>,
) -> Result<Response, AppError> {
    let harvest = state.store.cafe_harvest(e.id).await?;
    let round = round
        .filter(|r| (1..=cafe.row.rounds).contains(r))
        .unwrap_or(cafe.row.current_round.clamp(1, cafe.row.rounds.max(1)));
    let values = match values {
        Some(v) => v.clone(),
        None => HarvestForm {
            round: round.to_string(),
            body: harvest
                .iter()
                .find(|h| h.round == round && h.table_no == table)
                .map(|h| h.body.clone())
                .unwrap_or_default(),
        },
    };
    let rounds: Vec<Value> = (1..=cafe.row.rounds)
        .map(|r| {
            context! {
                round => r, question => cafe.question(r),
                done => harvest.iter().any(|h| h.round == r && h.table_no == table),
            }
        })
        .collect();
    // Through a link, writes stop once the café has ended or its synthesis is published.
    let closed = by_link && !rules::link_open(cafe);
    let round_link = with_param(action, "tour=");
    let page = context! {
        table, action, round_link, values, rounds, saved, closed,
        // The round is chosen by the links (GET), then posted as a hidden field: the text
        // shown is always the chosen round's.
        round, question => cafe.question(round),
        // The language switch comes back here: with a link's token, or it would open nothing.
        path => action,
        ..base(e)
    };
    Ok(match errors {
        Some(errors) => ctx.render_invalid(state, "cafe/harvest.html", errors, page),
        None => ctx.render(state, "cafe/harvest.html", page),
    })
}

async fn harvest_as_organiser(
    ctx: PageCtx,
    State(state): State<AppState>,
    user: User,
    Path((id, table)): Path<(Uuid, i64)>,
    Query(q): Query<HarvestQuery>,
) -> Result<Response, AppError> {
    let e = rules::managed(&state, id, user.confirmed()?).await?;
    let cafe = rules::cafe_of(&state, e.id).await?;
    let tables = state.store.cafe_tables(e.id).await?;
    if !tables.iter().any(|(t, _)| *t == table) {
        return Err(AppError::NotFound);
    }
    let action = format!("/evenements/{id}/cafe/table/{table}");
    harvest_view(
        &ctx,
        &state,
        &e,
        &cafe,
        table,
        &action,
        false,
        None,
        q.tour,
        q.enregistre.is_some(),
        None,
    )
    .await
}

/// The event and café behind a table's link; 404 when the link does not open the table.
async fn by_link(
    state: &AppState,
    id: Uuid,
    table: i64,
    token: &str,
) -> Result<(EventRow, Cafe), AppError> {
    let e = rules::find_event(state, id).await?;
    if !rules::token_opens(state, e.id, table, token).await? {
        return Err(AppError::NotFound);
    }
    let cafe = rules::cafe_of(state, e.id).await?;
    Ok((e, cafe))
}

async fn harvest_by_link(
    ctx: PageCtx,
    State(state): State<AppState>,
    Path((id, table)): Path<(Uuid, i64)>,
    Query(q): Query<HarvestQuery>,
) -> Result<Response, AppError> {
    let token = q.jeton.clone().unwrap_or_default();
    let (e, cafe) = by_link(&state, id, table, &token).await?;
    let action = link_path(id, table, &token);
    let mut response = harvest_view(
        &ctx,
        &state,
        &e,
        &cafe,
        table,
        &action,
        true,
        None,
        q.tour,
        q.enregistre.is_some(),
        None,
    )
    .await?;
    // The link is a secret: keep it out of other sites' Referer headers and of caches.
    no_leak(&mut response);
    Ok(response)
}

fn no_leak(response: &mut Response) {
    let h = response.headers_mut();
    h.insert(
        header::REFERRER_POLICY,
        "no-referrer".parse().expect("static"),
    );
    h.insert(header::CACHE_CONTROL, "no-store".parse().expect("static"));
}

#[allow(clippy::too_many_arguments)]
async fn write_harvest(
    ctx: &PageCtx,
    state: &AppState,
    e: &EventRow,
    cafe: &Cafe,
    table: i64,
    action: &str,
    form: &HarvestForm,
    writer: Writer<'_>,
) -> Result<Response, AppError> {
    let round: i64 = form.round.trim().parse().unwrap_or(0);
    let by_link = matches!(writer, Writer::Link { .. });
    match rules::write_harvest(state, cafe, round, table, &form.body, writer).await {
        Ok(()) => Ok(see_other(&with_param(
            action,
            &format!("tour={round}&enregistre=1"),
        ))),
        Err(Failure::Invalid(errors)) => {
            harvest_view(
                ctx,
                state,
                e,
                cafe,
                table,
                action,
                by_link,
                Some(form),
                Some(round),
                false,
                Some(&errors),
            )
            .await
        }
        Err(Failure::App(e)) => crate::groups::explain_throttle(e, "cafe-harvest-throttled"),
    }
}

async fn write_as_organiser(
    ctx: PageCtx,
    State(state): State<AppState>,
    user: User,
    Path((id, table)): Path<(Uuid, i64)>,
    Form(form): Form<HarvestForm>,
) -> Result<Response, AppError> {
    let person = user.confirmed()?;
    let e = rules::managed(&state, id, person).await?;
    let cafe = rules::cafe_of(&state, e.id).await?;
    let action = format!("/evenements/{id}/cafe/table/{table}");
    write_harvest(
        &ctx,
        &state,
        &e,
        &cafe,
        table,
        &action,
        &form,
        Writer::Organiser(person),
    )
    .await
}

async fn write_by_link(
    ctx: PageCtx,
    State(state): State<AppState>,
    ClientIp(ip): ClientIp,
    Path((id, table)): Path<(Uuid, i64)>,
    Query(q): Query<HarvestQuery>,
    Form(form): Form<HarvestForm>,
) -> Result<Response, AppError> {
    let token = q.jeton.unwrap_or_default();
    let (e, cafe) = by_link(&state, id, table, &token).await?;
    let action = link_path(id, table, &token);
    let mut r = write_harvest(
        &ctx,
        &state,
        &e,
        &cafe,
        table,
        &action,
        &form,
        Writer::Link { address: &ip },
    )
    .await?;
    no_leak(&mut r);
    Ok(r)
}

// ---- synthesis --------------------------------------------------------------------------

/// The event and café if this visitor may read the synthesis; 404 otherwise.
async fn readable(
    ctx: &PageCtx,
    state: &AppState,
    id: Uuid,
) -> Result<(EventRow, Cafe, bool), AppError> {
    let e = rules::find_event(state, id).await?;
    let cafe = rules::cafe_of(state, e.id).await?;
    let person = ctx.user.as_ref().map(|u| &u.person);
    let manager = match person {
        Some(p) => crate::events::can_manage(state, &e, p).await?,
        None => false,
    };
    if !rules::may_read_synthesis(state, &e, &cafe, person).await? {
        return Err(AppError::NotFound);
    }
    Ok((e, cafe, manager))
}

async fn synthesis_page(
    ctx: PageCtx,
    State(state): State<AppState>,
    Path(id): Path<Uuid>,
) -> Result<Response, AppError> {
    let (e, cafe, manager) = readable(&ctx, &state, id).await?;
    let groups: Vec<Value> = rules::synthesis(&state, &cafe)
        .await?
        .into_iter()
        .map(|(question, items)| {
            let items: Vec<Value> = items
                .into_iter()
                .map(|i| {
                    context! {
                        round => i.round, table => i.table,
                        html => essaim_domain::markdown::render(&i.body),
                    }
                })
                .collect();
            context! { question, items }
        })
        .collect();
    Ok(ctx.render(
        &state,
        "cafe/synthesis.html",
        context! { groups, manager, cafe => cafe_view(&cafe), ..base(&e) },
    ))
}

#[derive(Deserialize, Default)]
pub struct PublishForm {
    #[serde(default)]
    publish: String,
}

async fn publish(
    State(state): State<AppState>,
    ClientIp(ip): ClientIp,
    user: User,
    Path(id): Path<Uuid>,
    Form(form): Form<PublishForm>,
) -> Result<Response, AppError> {
    let person = user.confirmed()?;
    let e = rules::managed(&state, id, person).await?;
    let cafe = rules::cafe_of(&state, e.id).await?;
    let published = match form.publish.as_str() {
        "yes" => true,
        "no" => false,
        _ => return Err(AppError::Unprocessable("cafe_publish_invalid")),
    };
    rules::publish(&state, &cafe, person, published, Some(&ip)).await?;
    Ok(see_other(&format!("/evenements/{id}/cafe/synthese")))
}

fn download(content_type: &str, filename: String, body: String) -> Response {
    (
        [
            (header::CONTENT_TYPE, content_type.to_owned()),
            (
                header::CONTENT_DISPOSITION,
                format!("attachment; filename=\"{filename}\""),
            ),
            (header::CACHE_CONTROL, "no-store".to_owned()),
        ],
        body,
    )
        .into_response()
}

async fn synthesis_md(
    ctx: PageCtx,
    State(state): State<AppState>,
    Path(id): Path<Uuid>,
) -> Result<Response, AppError> {
    let (e, cafe, _) = readable(&ctx, &state, id).await?;
    let groups = rules::synthesis(&state, &cafe).await?;
    let body = domain::synthesis_markdown(
        &e.title,
        &groups,
        &ctx.t(&state, "cafe-round"),
        &ctx.t(&state, "cafe-table"),
    );
    Ok(download(
        "text/markdown; charset=utf-8",
        format!("synthese-{}.md", e.id),
        body,
    ))
}

async fn synthesis_csv(
    ctx: PageCtx,
    State(state): State<AppState>,
    Path(id): Path<Uuid>,
) -> Result<Response, AppError> {
    let (e, cafe, _) = readable(&ctx, &state, id).await?;
    let groups = rules::synthesis(&state, &cafe).await?;
    let header = [
        ctx.t(&state, "cafe-col-question"),
        ctx.t(&state, "cafe-round"),
        ctx.t(&state, "cafe-table"),
        ctx.t(&state, "cafe-col-harvest"),
    ];
    let body = domain::synthesis_csv(&groups, [&header[0], &header[1], &header[2], &header[3]]);
    Ok(download(
        "text/csv; charset=utf-8",
        format!("synthese-{}.csv", e.id),
        body,
    ))
}
