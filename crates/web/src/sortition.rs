//! What the pages and the API of sortition (*tirages au sort*) share: who organises a panel,
//! the pool as the domain's `Instance`, computing the selection (LEXIMIN, on a blocking
//! thread), the draw with a public seed, replacements, and the erasure of pools past their
//! delay.
//!
//! The stored selection (`Selection`, JSON in the panel row) holds the probabilities and the
//! inputs of the draw of round 0, so that their fingerprint can be published before the seed
//! is known. Draws are recorded with their own inputs: anyone reproduces them with
//! `essaim sortition draw FILE --seed S`.

use crate::error::AppError;
use crate::state::AppState;
use chrono::{DateTime, Utc};
use essaim_domain::sortition::leximin::leximin;
use essaim_domain::sortition::lottery::{normalise_seed, DrawInputs};
use essaim_domain::sortition::report::{quota_table, summarise, QuotaRow, Summary};
use essaim_domain::sortition::{Algorithm, Category, Instance, Respondent, SelectionError};
use essaim_store::sortition::{conflict, NewDraw, Panel, Volunteer, DECLINED, POOL, SELECTED};
use essaim_store::{utc_now, Person, Store, StoreError};
use serde::{Deserialize, Serialize};
use std::collections::{HashMap, HashSet};
use uuid::Uuid;

/// The selection stored with a panel.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Selection {
    pub algorithm: Algorithm,
    pub summary: Summary,
    /// Volunteer numbers, in the order of `probabilities`.
    pub numbers: Vec<u32>,
    pub probabilities: Vec<f64>,
    /// The inputs of the draw of round 0, and their fingerprint.
    pub inputs: DrawInputs,
    pub fingerprint: String,
    pub seconds: f64,
}

/// Why a selection or a draw could not be made: a code for the message, and the explanation
/// of infeasible quotas when that is why.
#[derive(Debug)]
pub enum SortitionFailure {
    Refused(&'static str),
    Infeasible(essaim_domain::sortition::infeasible::Explanation),
    App(AppError),
}

impl From<AppError> for SortitionFailure {
    fn from(e: AppError) -> Self {
        SortitionFailure::App(e)
    }
}

impl From<StoreError> for SortitionFailure {
    fn from(e: StoreError) -> Self {
        SortitionFailure::App(e.into())
    }
}

impl From<SelectionError> for SortitionFailure {
    fn from(e: SelectionError) -> Self {
        match e {
            SelectionError::Infeasible(x) => SortitionFailure::Infeasible(x),
            SelectionError::Solver(msg) => {
                SortitionFailure::App(AppError::Internal(anyhow::anyhow!("solver: {msg}")))
            }
            other => SortitionFailure::Refused(other.code()),
        }
    }
}

/// The quotas of a panel.
pub fn categories(panel: &Panel) -> Result<Vec<Category>, AppError> {
    serde_json::from_value(panel.categories.clone())
        .map_err(|e| AppError::Internal(anyhow::anyhow!("panel {} quotas: {e}", panel.id)))
}

/// The stored selection, if any.
pub fn selection(panel: &Panel) -> Option<Selection> {
    panel
        .selection
        .as_ref()
        .and_then(|v| serde_json::from_value(v.clone()).ok())
}

/// Organisers: the panel's creator, the managers of its structure, admins.
pub async fn can_organise(
    state: &AppState,
    panel: &Panel,
    person: &Person,
) -> Result<bool, AppError> {
    if person.is_admin() || panel.created_by == person.id {
        return Ok(true);
    }
    crate::pages::structures::can_manage(state, panel.structure_id, person).await
}

/// Registration is open until the pool is drawn from, its closing time or its erasure.
pub fn registration_open(panel: &Panel, now: DateTime<Utc>) -> bool {
    panel.formed_at.is_none()
        && panel.pool_erased_at.is_none()
        && panel.registration_closes_at.is_none_or(|t| now < t)
}

/// A volunteer's features (category name → feature name) as indices in the categories.
pub fn feature_indices(
    categories: &[Category],
    features: &serde_json::Value,
) -> Option<Vec<usize>> {
    categories
        .iter()
        .map(|c| {
            let value = features.get(&c.name)?.as_str()?;
            c.features.iter().position(|f| f.name == value)
        })
        .collect()
}

/// The features chosen in a form or a JSON body, checked against the categories: one per
/// category, by name. Keys are category names.
pub fn parse_features(
    categories: &[Category],
    given: &HashMap<String, String>,
) -> Result<serde_json::Value, &'static str> {
    let mut map = serde_json::Map::new();
    for c in categories {
        let value = given.get(&c.name).map(|s| s.trim()).unwrap_or("");
        if value.is_empty() {
            return Err("sortition_feature_missing");
        }
        let Some(f) = c.features.iter().find(|f| f.name == value) else {
            return Err("sortition_feature_unknown");
        };
        map.insert(c.name.clone(), serde_json::Value::String(f.name.clone()));
    }
    Ok(serde_json::Value::Object(map))
}

/// The domain's instance of a panel over the given volunteers, with their numbers.
pub fn instance(
    panel: &Panel,
    categories: Vec<Category>,
    volunteers: &[&Volunteer],
) -> Result<(Instance, Vec<u32>), AppError> {
    let mut respondents = Vec::with_capacity(volunteers.len());
    let mut numbers = Vec::with_capacity(volunteers.len());
    for v in volunteers {
        let features = feature_indices(&categories, &v.features).ok_or_else(|| {
            AppError::Internal(anyhow::anyhow!(
                "volunteer {} of panel {} does not match the quotas",
                v.number,
                panel.id
            ))
        })?;
        respondents.push(Respondent {
            id: v.number.to_string(),
            features,
            household: v.household.clone(),
        });
        numbers.push(v.number as u32);
    }
    Ok((
        Instance {
            categories,
            respondents,
            panel_size: panel.panel_size.max(0) as u32,
            one_per_household: panel.one_per_household,
        },
        numbers,
    ))
}

/// Runs LEXIMIN off the async threads.
async fn run_leximin(
    instance: Instance,
) -> Result<(essaim_domain::sortition::Distribution, f64), SortitionFailure> {
    let started = std::time::Instant::now();
    let result = tokio::task::spawn_blocking(move || leximin(&instance))
        .await
        .map_err(|e| AppError::Internal(anyhow::anyhow!("selection task: {e}")))?;
    Ok((result?, started.elapsed().as_secs_f64()))
}

/// Computes and stores the selection of a panel not yet formed.
pub async fn compute_selection(
    state: &AppState,
    panel: &Panel,
) -> Result<Selection, SortitionFailure> {
    compute_selection_in(state.store.as_ref(), panel).await
}

/// `compute_selection` on a store alone (the demo uses it).
pub async fn compute_selection_in(
    store: &dyn Store,
    panel: &Panel,
) -> Result<Selection, SortitionFailure> {
    if panel.formed_at.is_some() {
        return Err(SortitionFailure::Refused(conflict::PANEL_FORMED));
    }
    // The generation is read before the volunteers: a registration in between makes the
    // store refuse the selection instead of keeping a stale one.
    let generation = panel.pool_generation;
    let volunteers = store.list_volunteers(panel.id).await?;
    let pool: Vec<&Volunteer> = volunteers.iter().filter(|v| v.status == POOL).collect();
    let (instance, numbers) = instance(panel, categories(panel)?, &pool)?;
    let size = instance.panel_size;
    let (distribution, seconds) = run_leximin(instance).await?;
    let inputs = DrawInputs::new(&distribution, &numbers, 0, size);
    let selection = Selection {
        algorithm: Algorithm::Leximin,
        summary: summarise(&distribution, size),
        numbers,
        probabilities: distribution.probabilities,
        fingerprint: inputs.fingerprint(),
        inputs,
        seconds,
    };
    let json = serde_json::to_value(&selection).map_err(|e| AppError::Internal(e.into()))?;
    match store
        .save_selection(panel.id, &json, generation, utc_now())
        .await
    {
        Ok(()) => Ok(selection),
        Err(StoreError::Conflict(code)) => Err(SortitionFailure::Refused(code)),
        Err(e) => Err(e.into()),
    }
}

/// Draws the panel from the stored selection with the public seed (as typed).
pub async fn draw(
    state: &AppState,
    panel: &Panel,
    seed: &str,
    by: &Person,
) -> Result<Vec<u32>, SortitionFailure> {
    draw_in(state.store.as_ref(), panel, seed, by.id).await
}

/// `draw` on a store alone (the demo uses it).
pub async fn draw_in(
    store: &dyn Store,
    panel: &Panel,
    seed: &str,
    by: Uuid,
) -> Result<Vec<u32>, SortitionFailure> {
    if panel.formed_at.is_some() {
        return Err(SortitionFailure::Refused(conflict::PANEL_FORMED));
    }
    let seed = normalise_seed(seed).map_err(|e| SortitionFailure::Refused(e.code))?;
    let Some(selection) = selection(panel) else {
        return Err(SortitionFailure::Refused("sortition_no_selection"));
    };
    let chosen = selection
        .inputs
        .draw(&seed)
        .map_err(|e| AppError::Internal(anyhow::anyhow!("stored inputs: {e}")))?;
    record(store, panel, 0, seed, &selection.inputs, &chosen, &[], by).await?;
    Ok(chosen)
}

#[allow(clippy::too_many_arguments)]
async fn record(
    store: &dyn Store,
    panel: &Panel,
    round: u32,
    seed: String,
    inputs: &DrawInputs,
    chosen: &[u32],
    declined: &[u32],
    by: Uuid,
) -> Result<(), SortitionFailure> {
    let draw = NewDraw {
        panel_id: panel.id,
        round: round as i32,
        seed,
        fingerprint: inputs.fingerprint(),
        inputs: serde_json::to_value(inputs).map_err(|e| AppError::Internal(e.into()))?,
        selected: chosen.iter().map(|&n| n as i32).collect(),
        declined: declined.iter().map(|&n| n as i32).collect(),
        created_by: by,
        created_at: utc_now(),
    };
    match store.record_draw(&draw).await {
        Ok(_) => Ok(()),
        Err(StoreError::Conflict(code)) => Err(SortitionFailure::Refused(code)),
        Err(e) => Err(e.into()),
    }
}

/// Replaces the selected volunteers who declined (by number), keeping every quota: the seats
/// are drawn by LEXIMIN over the volunteers never drawn, with the quotas less those who stay.
pub async fn replace(
    state: &AppState,
    panel: &Panel,
    declined: &[u32],
    seed: &str,
    by: &Person,
) -> Result<Vec<u32>, SortitionFailure> {
    if panel.formed_at.is_none() {
        return Err(SortitionFailure::Refused(conflict::PANEL_NOT_FORMED));
    }
    if panel.pool_erased_at.is_some() {
        return Err(SortitionFailure::Refused(conflict::POOL_ERASED));
    }
    let seed = normalise_seed(seed).map_err(|e| SortitionFailure::Refused(e.code))?;
    let volunteers = state.store.list_volunteers(panel.id).await?;
    let declining: HashSet<u32> = declined.iter().copied().collect();
    if declining.is_empty() {
        return Err(SortitionFailure::Refused("sortition_nobody_declined"));
    }
    if volunteers
        .iter()
        .any(|v| declining.contains(&(v.number as u32)) && v.status != SELECTED)
        || declining
            .iter()
            .any(|n| !volunteers.iter().any(|v| v.number as u32 == *n))
    {
        return Err(SortitionFailure::Refused(conflict::DRAW_MISMATCH));
    }
    let everyone: Vec<&Volunteer> = volunteers.iter().collect();
    let (instance, numbers) = instance(panel, categories(panel)?, &everyone)?;
    let staying: Vec<usize> = volunteers
        .iter()
        .enumerate()
        .filter(|(_, v)| v.status == SELECTED && !declining.contains(&(v.number as u32)))
        .map(|(i, _)| i)
        .collect();
    let unavailable: HashSet<usize> = volunteers
        .iter()
        .enumerate()
        .filter(|(_, v)| v.status == DECLINED || declining.contains(&(v.number as u32)))
        .map(|(i, _)| i)
        .collect();
    let (sub, map) = instance.for_replacements(&staying, &unavailable, declining.len() as u32);
    let sub_numbers: Vec<u32> = map.iter().map(|&i| numbers[i]).collect();
    let size = sub.panel_size;
    let (distribution, _) = run_leximin(sub).await?;
    let round = state.store.list_draws(panel.id).await?.len() as u32;
    let inputs = DrawInputs::new(&distribution, &sub_numbers, round, size);
    let chosen = inputs
        .draw(&seed)
        .map_err(|e| AppError::Internal(anyhow::anyhow!("replacement inputs: {e}")))?;
    let mut declined: Vec<u32> = declining.into_iter().collect();
    declined.sort_unstable();
    record(
        state.store.as_ref(),
        panel,
        round,
        seed,
        &inputs,
        &chosen,
        &declined,
        by.id,
    )
    .await?;
    Ok(chosen)
}

/// The quotas against the panel as it stands (the selected volunteers).
pub fn panel_quotas(panel: &Panel, volunteers: &[Volunteer]) -> Result<Vec<QuotaRow>, AppError> {
    let all: Vec<&Volunteer> = volunteers.iter().collect();
    let (instance, _) = instance(panel, categories(panel)?, &all)?;
    let chosen: Vec<usize> = volunteers
        .iter()
        .enumerate()
        .filter(|(_, v)| v.status == SELECTED)
        .map(|(i, _)| i)
        .collect();
    Ok(quota_table(&instance, &chosen))
}

/// Erases the pools whose delay after forming has passed. Returns how many panels.
pub async fn erase_due(store: &dyn Store) -> Result<usize, StoreError> {
    let now = utc_now();
    let due = store.panels_due_for_erasure(now).await?;
    for id in &due {
        let removed = store.erase_pool(*id, now).await?;
        tracing::info!(panel = %id, removed, "sortition pool erased after its delay");
    }
    Ok(due.len())
}
