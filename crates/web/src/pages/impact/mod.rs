//! Pages of impact measurement: the indicator catalogue (search and filters), an indicator,
//! proposing one and the moderators' decision; an initiative's impact plan with progress charts
//! and measurements, the forms to add an indicator, record, correct or supersede a measurement,
//! and the evaluators' verification; the open data of measurements (CSV, JSON, Table Schema).
//!
//! The rules (who may do what, audit) are in `crate::impact`.

mod opendata;

use crate::auth::{ClientIp, User};
use crate::error::AppError;
use crate::i18n::Locale;
use crate::impact::{self as rules, Failure};
use crate::pages::{names, see_other, PageCtx};
use crate::state::AppState;
use axum::extract::{Path, Query, State};
use axum::response::Response;
use axum::routing::{get, post};
use axum::{Form, Router};
use essaim_domain::impact::{
    self, format_value, IndicatorInput, MeasurementInput, PlanInput, PUBLICS, UNITS,
};
use essaim_domain::invalid::FieldErrors;
use essaim_store::impact::{Indicator, Measurement, PlanEntry};
use essaim_store::{Initiative, Person};
use minijinja::{context, Value};
use serde::{Deserialize, Serialize};
use uuid::Uuid;

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/indicateurs", get(catalogue))
        .route("/indicateurs/proposer", get(propose_form).post(propose))
        .route("/indicateurs/{code}", get(indicator))
        .route("/indicateurs/{code}/decision", post(decide))
        .route("/initiatives/{id}/impact", get(plan).post(add_entry))
        .route("/initiatives/{id}/impact/ajouter", get(entry_form))
        .route(
            "/initiatives/{id}/impact/{entry}/suppression",
            post(remove_entry),
        )
        .route(
            "/initiatives/{id}/impact/{entry}/mesures",
            get(measurement_form).post(record),
        )
        .route(
            "/initiatives/{id}/impact/mesures/{m}/modifier",
            get(edit_form).post(edit),
        )
        .route(
            "/initiatives/{id}/impact/mesures/{m}/verification",
            post(verify),
        )
        .route("/data/impact-mesures.csv", get(opendata::csv))
        .route("/data/impact-mesures.json", get(opendata::json))
        .route("/schemas/impact-mesures.json", get(opendata::schema))
}

fn name<'a>(locale: Locale, fr: &'a str, en: &'a str) -> &'a str {
    match locale {
        Locale::Fr => fr,
        Locale::En => en,
    }
}

/// Numbers as the language writes them ("12,5" in French).
fn number(locale: Locale, v: f64) -> String {
    let s = format_value(v);
    match locale {
        Locale::Fr => s.replace('.', ","),
        Locale::En => s,
    }
}

/// The calculation note in the visitor's language, else the French one with its language.
fn calculation_notes(i: &Indicator, locale: Locale) -> (&str, Option<&'static str>) {
    match locale {
        Locale::En
            if i.calculation_notes_en.trim().is_empty() && !i.calculation_notes.is_empty() =>
        {
            (&i.calculation_notes, Some("fr"))
        }
        _ => (
            name(locale, &i.calculation_notes, &i.calculation_notes_en),
            None,
        ),
    }
}

fn indicator_card(i: &Indicator, locale: Locale, themes: &[(String, String)]) -> Value {
    let notes = calculation_notes(i, locale);
    context! {
        code => i.code,
        name => name(locale, &i.name_fr, &i.name_en),
        definition => name(locale, &i.definition_fr, &i.definition_en),
        problem => name(locale, &i.problem_fr, &i.problem_en),
        calculation_notes => notes.0,
        // A proposal may have its note in French only: shown as such, marked French.
        calculation_notes_lang => notes.1,
        unit => i.unit,
        value_type => i.value_type,
        direction => i.direction,
        framework_ref => i.framework_ref,
        counts_people => i.counts_people,
        status => i.status,
        challenges => i.challenges.iter().map(|c| names::challenge_name(themes, c)).collect::<Vec<_>>(),
        publics => i.publics,
    }
}

#[derive(Deserialize, Serialize, Default)]
pub struct CatalogueQuery {
    #[serde(default)]
    q: String,
    #[serde(default)]
    defi: String,
    #[serde(default)]
    public: String,
    #[serde(default)]
    unite: String,
}

async fn catalogue(
    ctx: PageCtx,
    State(state): State<AppState>,
    Query(q): Query<CatalogueQuery>,
) -> Result<Response, AppError> {
    let items = rules::catalogue(
        &state,
        &q.q,
        Some(q.defi.clone()),
        Some(q.public.clone()),
        Some(q.unite.clone()),
    )
    .await?;
    let themes = names::challenges(&state, ctx.locale).await?;
    let person = ctx.user.as_ref().map(|u| &u.person);
    let waiting = match person {
        Some(p) if rules::is_moderator(p) => {
            state
                .store
                .list_indicators(&essaim_store::impact::IndicatorFilter {
                    statuses: vec!["proposed".into()],
                    ..Default::default()
                })
                .await?
        }
        Some(p) => {
            state
                .store
                .list_indicators(&essaim_store::impact::IndicatorFilter {
                    statuses: vec!["proposed".into(), "rejected".into()],
                    proposed_by: Some(p.id),
                    ..Default::default()
                })
                .await?
        }
        None => vec![],
    };
    let items: Vec<Value> = items
        .iter()
        .map(|i| indicator_card(i, ctx.locale, &themes))
        .collect();
    let waiting: Vec<Value> = waiting
        .iter()
        .map(|i| indicator_card(i, ctx.locale, &themes))
        .collect();
    let units: Vec<&str> = UNITS.iter().map(|u| u.as_str()).collect();
    let filtered =
        !(q.q.is_empty() && q.defi.is_empty() && q.public.is_empty() && q.unite.is_empty());
    Ok(ctx.render(
        &state,
        "impact/catalogue.html",
        context! { items, waiting, themes, units, publics => PUBLICS, query => q, filtered },
    ))
}

async fn indicator(
    ctx: PageCtx,
    State(state): State<AppState>,
    Path(code): Path<String>,
) -> Result<Response, AppError> {
    let person = ctx.user.as_ref().map(|u| &u.person);
    let i = rules::readable_indicator(&state, &code, person).await?;
    let themes = names::challenges(&state, ctx.locale).await?;
    let moderator = person.is_some_and(rules::is_moderator);
    Ok(ctx.render(
        &state,
        "impact/indicator.html",
        context! {
            i => indicator_card(&i, ctx.locale, &themes),
            name_fr => i.name_fr, name_en => i.name_en,
            can_decide => moderator && i.status == "proposed",
        },
    ))
}

#[derive(Deserialize, Serialize, Default, Clone)]
pub struct ProposeForm {
    #[serde(default)]
    name_fr: String,
    #[serde(default)]
    name_en: String,
    #[serde(default)]
    definition_fr: String,
    #[serde(default)]
    definition_en: String,
    #[serde(default)]
    unit: String,
    #[serde(default)]
    value_type: String,
    #[serde(default)]
    direction: String,
    #[serde(default)]
    problem_fr: String,
    #[serde(default)]
    problem_en: String,
    #[serde(default)]
    calculation_notes: String,
    #[serde(default)]
    calculation_notes_en: String,
    #[serde(default)]
    framework_ref: String,
    #[serde(default)]
    counts_people: Option<String>,
    #[serde(default)]
    challenges: Vec<String>,
    #[serde(default)]
    publics: Vec<String>,
}

impl ProposeForm {
    /// From the form's pairs: checkboxes repeat their name.
    fn read(pairs: &[(String, String)]) -> ProposeForm {
        let get = |k: &str| {
            pairs
                .iter()
                .find(|(key, _)| key == k)
                .map(|(_, v)| v.clone())
                .unwrap_or_default()
        };
        let all = |k: &str| {
            pairs
                .iter()
                .filter(|(key, _)| key == k)
                .map(|(_, v)| v.clone())
                .collect::<Vec<_>>()
        };
        ProposeForm {
            name_fr: get("name_fr"),
            name_en: get("name_en"),
            definition_fr: get("definition_fr"),
            definition_en: get("definition_en"),
            unit: get("unit"),
            value_type: get("value_type"),
            direction: get("direction"),
            problem_fr: get("problem_fr"),
            problem_en: get("problem_en"),
            calculation_notes: get("calculation_notes"),
            calculation_notes_en: get("calculation_notes_en"),
            framework_ref: get("framework_ref"),
            counts_people: pairs
                .iter()
                .any(|(k, _)| k == "counts_people")
                .then(String::new),
            challenges: all("challenges"),
            publics: all("publics"),
        }
    }
}

async fn propose_page(
    ctx: &PageCtx,
    state: &AppState,
    values: &ProposeForm,
    errors: Option<&FieldErrors>,
) -> Result<Response, AppError> {
    let themes = names::challenges(state, ctx.locale).await?;
    let units: Vec<&str> = UNITS.iter().map(|u| u.as_str()).collect();
    let page = context! { values, themes, units, publics => PUBLICS };
    Ok(match errors {
        Some(e) => ctx.render_invalid(state, "impact/propose.html", e, page),
        None => ctx.render(state, "impact/propose.html", page),
    })
}

async fn propose_form(
    ctx: PageCtx,
    State(state): State<AppState>,
    user: User,
) -> Result<Response, AppError> {
    user.confirmed()?;
    let values = ProposeForm {
        value_type: "integer".into(),
        direction: "increase".into(),
        ..Default::default()
    };
    propose_page(&ctx, &state, &values, None).await
}

async fn propose(
    ctx: PageCtx,
    State(state): State<AppState>,
    user: User,
    ClientIp(ip): ClientIp,
    Form(pairs): Form<Vec<(String, String)>>,
) -> Result<Response, AppError> {
    let person = user.confirmed()?;
    let form = ProposeForm::read(&pairs);
    let input = IndicatorInput {
        name_fr: form.name_fr.clone(),
        name_en: form.name_en.clone(),
        definition_fr: form.definition_fr.clone(),
        definition_en: form.definition_en.clone(),
        unit: form.unit.clone(),
        value_type: form.value_type.clone(),
        direction: form.direction.clone(),
        problem_fr: form.problem_fr.clone(),
        problem_en: form.problem_en.clone(),
        calculation_notes: form.calculation_notes.clone(),
        calculation_notes_en: form.calculation_notes_en.clone(),
        framework_ref: form.framework_ref.clone(),
        counts_people: form.counts_people.is_some(),
        challenges: form.challenges.clone(),
        publics: form.publics.clone(),
    };
    match rules::propose(&state, person, &input, Some(&ip)).await {
        Ok(i) => Ok(see_other(&format!("/indicateurs/{}", i.code))),
        Err(Failure::Invalid(e)) => propose_page(&ctx, &state, &form, Some(&e)).await,
        Err(Failure::App(e)) => Err(e),
    }
}

#[derive(Deserialize)]
pub struct DecisionForm {
    #[serde(default)]
    decision: String,
}

async fn decide(
    State(state): State<AppState>,
    user: User,
    ClientIp(ip): ClientIp,
    Path(code): Path<String>,
    Form(form): Form<DecisionForm>,
) -> Result<Response, AppError> {
    let person = user.confirmed()?;
    // Only moderators learn anything about a decision, even that its value is wrong.
    if !rules::is_moderator(person) {
        return Err(AppError::Forbidden);
    }
    let i = rules::readable_indicator(&state, &code, Some(person)).await?;
    let publish = match form.decision.as_str() {
        "publish" => true,
        "reject" => false,
        _ => return Err(AppError::Unprocessable("impact_decision_invalid")),
    };
    rules::decide(&state, person, &i, publish, Some(&ip)).await?;
    Ok(see_other(&format!("/indicateurs/{code}")))
}

// ---------------------------------------------------------------------------------------------
// The impact plan of an initiative.

fn measurement_view(locale: Locale, m: &Measurement) -> Value {
    context! {
        id => m.id.to_string(),
        value => number(locale, m.value),
        period_start => m.period_start,
        period_end => m.period_end,
        point => m.period_start == m.period_end,
        source => m.source,
        method => m.method,
        level => m.evidence_level,
        superseded => m.superseded_by.is_some(),
        verified => m.verified_at.is_some(),
        verified_on => m.verified_at.map(|t| t.format("%Y-%m-%d").to_string()),
        verifier => m.verifier_name,
        note => m.verification_note,
    }
}

async fn entry_view(
    state: &AppState,
    locale: Locale,
    e: &PlanEntry,
    person: Option<&Person>,
) -> Result<Value, AppError> {
    let plan = rules::plan_of(e)?;
    let all = state.store.measurements(e.id).await?;
    let current: Vec<(chrono::NaiveDate, f64)> = all
        .iter()
        .filter(|m| m.superseded_by.is_none())
        .filter_map(|m| Some((impact::parse_date(&m.period_end).ok()?, m.value)))
        .collect();
    let chart = impact::chart(&plan, &current);
    let progress = e
        .latest_value
        .map(|v| (impact::progress(&plan, v) * 100.0).round() as i64);
    let measurements: Vec<Value> = all
        .iter()
        .rev()
        .map(|m| {
            let mut v = measurement_view(locale, m);
            if let Some(p) = person {
                // The author of a measurement never verifies it.
                v = context! { own => m.created_by == Some(p.id), ..v };
            }
            v
        })
        .collect();
    Ok(context! {
        id => e.id.to_string(),
        code => e.indicator_code,
        name => name(locale, &e.indicator_name_fr, &e.indicator_name_en),
        unit => e.unit,
        direction => e.direction,
        baseline => number(locale, e.baseline_value),
        baseline_on => e.baseline_on,
        target => number(locale, e.target_value),
        target_on => e.target_on,
        latest => e.latest_value.map(|v| number(locale, v)),
        latest_on => e.latest_on,
        latest_level => e.latest_level,
        count => e.measurement_count,
        verified_count => e.verified_count,
        on_track => e.on_track,
        progress,
        chart => context! {
            width => impact::CHART_WIDTH,
            height => impact::CHART_HEIGHT,
            polyline => chart.polyline(),
            points => chart.points.iter().map(|(x, y)| context! { x => format!("{x:.1}"), y => format!("{y:.1}") }).collect::<Vec<_>>(),
            bx => format!("{:.1}", chart.baseline.0), by => format!("{:.1}", chart.baseline.1),
            tx => format!("{:.1}", chart.target.0), ty => format!("{:.1}", chart.target.1),
        },
        measurements,
    })
}

async fn plan(
    ctx: PageCtx,
    State(state): State<AppState>,
    Path(id): Path<Uuid>,
) -> Result<Response, AppError> {
    let person = ctx.user.as_ref().map(|u| &u.person);
    let (i, editor) = rules::initiative_for(&state, id, person).await?;
    let evaluator = match person {
        Some(p) => rules::can_verify(&state, &i, p).await?,
        None => false,
    };
    // The way to propose a contract, only to those `outcomes::propose` would accept.
    let can_propose = match person {
        Some(p) if i.status == essaim_domain::initiative::Status::Published => {
            crate::outcomes::may_propose(&state, p).await?
        }
        _ => false,
    };
    let mut entries = vec![];
    for e in state.store.plan_entries(i.id).await? {
        entries.push(entry_view(&state, ctx.locale, &e, person).await?);
    }
    Ok(ctx.render(
        &state,
        "impact/plan.html",
        context! {
            initiative => context! { id => i.id.to_string(), title => i.content.title, status => i.status.as_str() },
            entries, editor, evaluator, can_propose,
        },
    ))
}

#[derive(Deserialize, Serialize, Default, Clone)]
pub struct EntryForm {
    #[serde(default)]
    indicator: String,
    #[serde(default)]
    baseline_value: String,
    #[serde(default)]
    baseline_on: String,
    #[serde(default)]
    target_value: String,
    #[serde(default)]
    target_on: String,
}

#[derive(Deserialize)]
pub struct EntryQuery {
    indicateur: Option<String>,
}

async fn entry_page(
    ctx: &PageCtx,
    state: &AppState,
    i: &Initiative,
    values: &EntryForm,
    errors: Option<&FieldErrors>,
) -> Result<Response, AppError> {
    let indicators: Vec<(String, String)> = rules::catalogue(state, "", None, None, None)
        .await?
        .into_iter()
        .map(|ind| {
            let label = format!(
                "{} ({})",
                name(ctx.locale, &ind.name_fr, &ind.name_en),
                ctx.t(state, &format!("impact-unit-{}", ind.unit))
            );
            (ind.code, label)
        })
        .collect();
    let page = context! {
        initiative => context! { id => i.id.to_string(), title => i.content.title },
        indicators, values,
    };
    Ok(match errors {
        Some(e) => ctx.render_invalid(state, "impact/entry_form.html", e, page),
        None => ctx.render(state, "impact/entry_form.html", page),
    })
}

async fn entry_form(
    ctx: PageCtx,
    State(state): State<AppState>,
    user: User,
    Path(id): Path<Uuid>,
    Query(q): Query<EntryQuery>,
) -> Result<Response, AppError> {
    let person = user.confirmed()?;
    let i = crate::pages::initiatives::find_editable(&state, id, person).await?;
    let values = EntryForm {
        indicator: q.indicateur.unwrap_or_default(),
        ..Default::default()
    };
    entry_page(&ctx, &state, &i, &values, None).await
}

async fn add_entry(
    ctx: PageCtx,
    State(state): State<AppState>,
    user: User,
    Path(id): Path<Uuid>,
    Form(form): Form<EntryForm>,
) -> Result<Response, AppError> {
    let person = user.confirmed()?;
    let i = crate::pages::initiatives::find_editable(&state, id, person).await?;
    let input = PlanInput {
        baseline_value: form.baseline_value.clone(),
        baseline_on: form.baseline_on.clone(),
        target_value: form.target_value.clone(),
        target_on: form.target_on.clone(),
        unit: None,
    };
    match rules::add_entry(&state, person, id, &form.indicator, &input).await {
        Ok(e) => Ok(see_other(&format!(
            "/initiatives/{id}/impact#indicateur-{}",
            e.id
        ))),
        Err(Failure::Invalid(e)) => entry_page(&ctx, &state, &i, &form, Some(&e)).await,
        Err(Failure::App(e)) => Err(e),
    }
}

async fn remove_entry(
    State(state): State<AppState>,
    user: User,
    Path((id, entry)): Path<(Uuid, Uuid)>,
) -> Result<Response, AppError> {
    let person = user.confirmed()?;
    rules::remove_entry(&state, person, id, entry).await?;
    Ok(see_other(&format!("/initiatives/{id}/impact")))
}

#[derive(Deserialize, Serialize, Default, Clone)]
pub struct MeasurementForm {
    #[serde(default)]
    value: String,
    #[serde(default)]
    period_start: String,
    #[serde(default)]
    period_end: String,
    #[serde(default)]
    source: String,
    #[serde(default)]
    method: String,
    #[serde(default)]
    evidence_level: String,
    /// The id of the measurement this one replaces, if any.
    #[serde(default)]
    supersedes: String,
}

impl MeasurementForm {
    fn input(&self) -> MeasurementInput {
        MeasurementInput {
            value: self.value.clone(),
            period_start: self.period_start.clone(),
            period_end: self.period_end.clone(),
            source: self.source.clone(),
            method: self.method.clone(),
            evidence_level: self.evidence_level.clone(),
            unit: None,
        }
    }

    fn of(m: &Measurement) -> MeasurementForm {
        MeasurementForm {
            value: format_value(m.value),
            period_start: if m.period_start == m.period_end {
                String::new()
            } else {
                m.period_start.clone()
            },
            period_end: m.period_end.clone(),
            source: m.source.clone(),
            method: m.method.clone(),
            evidence_level: m.evidence_level.to_string(),
            supersedes: String::new(),
        }
    }
}

#[derive(Deserialize)]
pub struct MeasurementQuery {
    remplace: Option<Uuid>,
}

/// The form of a measurement: a new one (`editing` None), a replacement (`values.supersedes`)
/// or a correction (`editing`).
async fn measurement_page(
    ctx: &PageCtx,
    state: &AppState,
    i: &Initiative,
    e: &PlanEntry,
    values: &MeasurementForm,
    editing: Option<Uuid>,
    errors: Option<&FieldErrors>,
) -> Result<Response, AppError> {
    let replaced = match values.supersedes.parse::<Uuid>() {
        Ok(m) => Some(measurement_view(
            ctx.locale,
            &rules::measurement_of(state, e, m).await?,
        )),
        Err(_) => None,
    };
    let action = match editing {
        Some(m) => format!("/initiatives/{}/impact/mesures/{m}/modifier", i.id),
        None => format!("/initiatives/{}/impact/{}/mesures", i.id, e.id),
    };
    let page = context! {
        initiative => context! { id => i.id.to_string(), title => i.content.title },
        entry => context! {
            id => e.id.to_string(),
            name => name(ctx.locale, &e.indicator_name_fr, &e.indicator_name_en),
            unit => e.unit, value_type => e.value_type, baseline_on => e.baseline_on,
        },
        values, replaced, action, editing => editing.is_some(),
        levels => impact::LEVELS,
    };
    Ok(match errors {
        Some(er) => ctx.render_invalid(state, "impact/measurement_form.html", er, page),
        None => ctx.render(state, "impact/measurement_form.html", page),
    })
}

async fn editable_entry(
    state: &AppState,
    person: &Person,
    id: Uuid,
    entry: Uuid,
) -> Result<(Initiative, PlanEntry), AppError> {
    let i = crate::pages::initiatives::find_editable(state, id, person).await?;
    let e = rules::entry_of(state, &i, entry).await?;
    Ok((i, e))
}

async fn measurement_form(
    ctx: PageCtx,
    State(state): State<AppState>,
    user: User,
    Path((id, entry)): Path<(Uuid, Uuid)>,
    Query(q): Query<MeasurementQuery>,
) -> Result<Response, AppError> {
    let person = user.confirmed()?;
    let (i, e) = editable_entry(&state, person, id, entry).await?;
    let mut values = MeasurementForm {
        evidence_level: "1".into(),
        ..Default::default()
    };
    if let Some(old) = q.remplace {
        let m = rules::measurement_of(&state, &e, old).await?;
        values = MeasurementForm {
            supersedes: m.id.to_string(),
            ..MeasurementForm::of(&m)
        };
    }
    measurement_page(&ctx, &state, &i, &e, &values, None, None).await
}

async fn record(
    ctx: PageCtx,
    State(state): State<AppState>,
    user: User,
    Path((id, entry)): Path<(Uuid, Uuid)>,
    Form(form): Form<MeasurementForm>,
) -> Result<Response, AppError> {
    let person = user.confirmed()?;
    let (i, e) = editable_entry(&state, person, id, entry).await?;
    let supersedes = match form.supersedes.trim() {
        "" => None,
        s => Some(s.parse::<Uuid>().map_err(|_| AppError::NotFound)?),
    };
    match rules::record(&state, person, &i, &e, &form.input(), supersedes).await {
        Ok(_) => Ok(see_other(&format!(
            "/initiatives/{id}/impact#indicateur-{entry}"
        ))),
        Err(Failure::Invalid(er)) => {
            measurement_page(&ctx, &state, &i, &e, &form, None, Some(&er)).await
        }
        Err(Failure::App(er)) => Err(er),
    }
}

async fn editable_measurement(
    state: &AppState,
    person: &Person,
    id: Uuid,
    m: Uuid,
) -> Result<(Initiative, PlanEntry, Measurement), AppError> {
    let i = crate::pages::initiatives::find_editable(state, id, person).await?;
    let m = state
        .store
        .measurement(m)
        .await?
        .ok_or(AppError::NotFound)?;
    let e = rules::entry_of(state, &i, m.entry_id).await?;
    Ok((i, e, m))
}

async fn edit_form(
    ctx: PageCtx,
    State(state): State<AppState>,
    user: User,
    Path((id, m)): Path<(Uuid, Uuid)>,
) -> Result<Response, AppError> {
    let person = user.confirmed()?;
    let (i, e, m) = editable_measurement(&state, person, id, m).await?;
    if m.verified_at.is_some() {
        return Err(AppError::Conflict("impact_measurement_verified"));
    }
    if m.superseded_by.is_some() {
        return Err(AppError::Conflict("impact_measurement_superseded"));
    }
    measurement_page(
        &ctx,
        &state,
        &i,
        &e,
        &MeasurementForm::of(&m),
        Some(m.id),
        None,
    )
    .await
}

async fn edit(
    ctx: PageCtx,
    State(state): State<AppState>,
    user: User,
    Path((id, m)): Path<(Uuid, Uuid)>,
    Form(form): Form<MeasurementForm>,
) -> Result<Response, AppError> {
    let person = user.confirmed()?;
    let (i, e, m) = editable_measurement(&state, person, id, m).await?;
    match rules::edit(&state, person, &i, &e, &m, &form.input()).await {
        Ok(_) => Ok(see_other(&format!(
            "/initiatives/{id}/impact#indicateur-{}",
            e.id
        ))),
        Err(Failure::Invalid(er)) => {
            measurement_page(&ctx, &state, &i, &e, &form, Some(m.id), Some(&er)).await
        }
        Err(Failure::App(er)) => Err(er),
    }
}

#[derive(Deserialize)]
pub struct VerifyForm {
    #[serde(default)]
    note: String,
}

async fn verify(
    State(state): State<AppState>,
    user: User,
    ClientIp(ip): ClientIp,
    Path((id, m)): Path<(Uuid, Uuid)>,
    Form(form): Form<VerifyForm>,
) -> Result<Response, AppError> {
    let person = user.confirmed()?;
    let (i, _) = rules::initiative_for(&state, id, Some(person)).await?;
    let m = state
        .store
        .measurement(m)
        .await?
        .ok_or(AppError::NotFound)?;
    let e = rules::entry_of(&state, &i, m.entry_id).await?;
    rules::verify(&state, person, &i, &m, &form.note, Some(&ip)).await?;
    Ok(see_other(&format!(
        "/initiatives/{id}/impact#indicateur-{}",
        e.id
    )))
}
