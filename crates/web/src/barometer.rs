//! The impact barometer by territory and challenge: initiatives by stage, people reached,
//! indicators on track, evidence levels, trends, a map of départements.
//!
//! The rules shared by pages and API: which places have a barometer (France, each région, each
//! département; communes and EPCI do not), reading a place from a URL or a query, and the
//! figures as both show them, shares computed by `domain::barometer::share` (no data rather
//! than a division by zero). Figures are read from the store at every request, never cached.

use crate::error::AppError;
use crate::state::AppState;
use essaim_domain::barometer::{distribution, share};
use essaim_domain::territory::{TerritoryLevel, TerritoryRef};
use essaim_store::barometer::{Figures, Scope};
use serde::Serialize;
use utoipa::ToSchema;

/// A place with a barometer.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Place {
    /// None for France.
    pub reference: Option<TerritoryRef>,
    pub name: String,
}

impl Place {
    /// The place's part of a URL: `france`, `region-53`, `departement-29`.
    pub fn slug(&self) -> String {
        match &self.reference {
            None => "france".into(),
            Some(r) => format!("{}-{}", r.level.as_str(), r.code),
        }
    }

    /// The reference of the API (`region:53`), empty for France.
    pub fn api_ref(&self) -> String {
        self.reference
            .as_ref()
            .map(ToString::to_string)
            .unwrap_or_default()
    }

    pub fn scope(&self, challenge: Option<String>) -> Scope {
        let mut s = Scope {
            challenge,
            ..Scope::default()
        };
        match &self.reference {
            Some(r) if r.level == TerritoryLevel::Region => s.region = Some(r.code.clone()),
            Some(r) => s.departement = Some(r.code.clone()),
            None => {}
        }
        s
    }
}

/// France.
pub fn france(state: &AppState) -> Place {
    Place {
        reference: None,
        name: state.i18n.t(crate::i18n::Locale::Fr, "barometer-france"),
    }
}

/// A place from `france`, `region-53`, `departement-29`, or the API's `region:53` (empty is
/// France); None for anything else, communes and EPCI included.
pub fn place(state: &AppState, s: &str) -> Option<Place> {
    let s = s.trim();
    if s.is_empty() || s == "france" {
        return Some(france(state));
    }
    let normalised = s.replacen('-', ":", 1);
    let r = TerritoryRef::parse(&normalised).ok()?;
    if !matches!(
        r.level,
        TerritoryLevel::Region | TerritoryLevel::Departement
    ) {
        return None;
    }
    let t = state.territories.get(&r)?;
    Some(Place {
        reference: Some(r),
        name: t.name.clone(),
    })
}

/// A challenge code if it exists; `Err` for an unknown one, `Ok(None)` for none.
pub async fn challenge(state: &AppState, code: Option<&str>) -> Result<Option<String>, AppError> {
    match code.map(str::trim).filter(|c| !c.is_empty()) {
        None => Ok(None),
        Some(c) => {
            if state
                .store
                .challenges()
                .await?
                .iter()
                .any(|ch| ch.code == c)
            {
                Ok(Some(c.to_owned()))
            } else {
                Err(AppError::Unprocessable("barometer_challenge_unknown"))
            }
        }
    }
}

/// The figures of a barometer, as the API returns them and the pages show them.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct BarometerOut {
    /// `region:53`, `departement:29`, or empty for France.
    pub territory: String,
    pub territory_name: String,
    /// A challenge code, if the barometer is about one.
    pub challenge: Option<String>,
    /// Published initiatives.
    pub initiatives: i64,
    /// Published initiatives by stage code.
    pub by_stage: Vec<StageCount>,
    /// Indicators chosen in the initiatives' impact plans.
    pub indicators: i64,
    /// Indicators with at least one current measurement.
    pub measured: i64,
    /// Measured indicators on track towards their target.
    pub on_track: i64,
    /// `on_track` out of `measured`, in percent; null when nothing is measured.
    pub on_track_percent: Option<f64>,
    /// The sum of the latest values of indicators that count people.
    pub people_reached: f64,
    /// Measured indicators by evidence level of their latest measurement (1 to 5).
    pub evidence_levels: Vec<LevelCount>,
    /// By calendar year: the latest measurement of each indicator in that year.
    pub years: Vec<YearOut>,
}

#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct StageCount {
    pub stage: String,
    pub count: i64,
}

#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct LevelCount {
    pub level: i32,
    pub count: i64,
    /// Share of the measured indicators, in percent; null when nothing is measured.
    pub percent: Option<f64>,
}

#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct YearOut {
    pub year: i32,
    pub measured: i64,
    pub on_track: i64,
    pub on_track_percent: Option<f64>,
    pub people_reached: f64,
}

/// Reads a barometer's figures now.
pub async fn figures(
    state: &AppState,
    place: &Place,
    challenge: Option<String>,
) -> Result<BarometerOut, AppError> {
    let f: Figures = state
        .store
        .barometer(&place.scope(challenge.clone()))
        .await?;
    let shares = distribution(&f.levels);
    Ok(BarometerOut {
        territory: place.api_ref(),
        territory_name: place.name.clone(),
        challenge,
        initiatives: f.initiatives,
        by_stage: f
            .by_stage
            .iter()
            .map(|(stage, count)| StageCount {
                stage: stage.clone(),
                count: *count,
            })
            .collect(),
        indicators: f.entries.entries,
        measured: f.entries.measured,
        on_track: f.entries.on_track,
        on_track_percent: share(f.entries.on_track, f.entries.measured),
        people_reached: f.entries.people,
        evidence_levels: (0..5)
            .map(|i| LevelCount {
                level: i as i32 + 1,
                count: f.levels[i],
                percent: shares[i],
            })
            .collect(),
        years: f
            .years
            .iter()
            .map(|y| YearOut {
                year: y.year,
                measured: y.measured,
                on_track: y.on_track,
                on_track_percent: share(y.on_track, y.measured),
                people_reached: y.people,
            })
            .collect(),
    })
}
