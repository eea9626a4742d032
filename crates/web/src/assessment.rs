//! Self-assessment (autoévaluation) of an initiative's impact over five dimensions, repeated
//! over time, private unless published.
//!
//! The rules shared by pages and API: self-assessments are written and published by the
//! initiative's editors (`pages::initiatives::can_edit`); an unpublished one is theirs alone
//! (404 to anonymous visitors, 403 to other people, as for private blockers); a published one
//! is public with its initiative. Publishing and withdrawing are audited.

use crate::error::AppError;
use crate::i18n::Locale;
use crate::pages::initiatives::{can_edit, find_editable, find_visible};
use crate::state::AppState;
use essaim_domain::assessment::{parse_answers, scores, Dimension, Radar, RawAnswer, SCALE_MAX};
use essaim_domain::invalid::FieldErrors;
use essaim_store::assessment::{Assessment, NewAssessment};
use essaim_store::initiatives::Initiative;
use essaim_store::{utc_now, Person};
use minijinja::{context, Value};
use uuid::Uuid;

/// Why recording a self-assessment failed.
pub enum RecordFailure {
    Invalid(FieldErrors),
    App(AppError),
}

impl From<AppError> for RecordFailure {
    fn from(e: AppError) -> Self {
        RecordFailure::App(e)
    }
}

/// Records a self-assessment of `initiative` by one of its editors.
pub async fn record(
    state: &AppState,
    person: &Person,
    initiative: Uuid,
    raw: impl Fn(&str) -> Option<RawAnswer>,
) -> Result<Assessment, RecordFailure> {
    let i = find_editable(state, initiative, person).await?;
    let answers = parse_answers(raw).map_err(RecordFailure::Invalid)?;
    let a = state
        .store
        .create_assessment(&NewAssessment {
            id: Uuid::now_v7(),
            initiative_id: i.id,
            author_id: person.id,
            answers,
            created_at: utc_now(),
        })
        .await
        .map_err(AppError::from)?;
    Ok(a)
}

/// The self-assessment with its initiative, if this visitor may read it.
pub async fn readable(
    state: &AppState,
    id: Uuid,
    person: Option<&Person>,
) -> Result<(Initiative, Assessment), AppError> {
    let a = state
        .store
        .assessment(id)
        .await?
        .ok_or(AppError::NotFound)?;
    let i = find_visible(state, a.initiative_id, person).await?;
    if !a.is_published {
        match person {
            None => return Err(AppError::NotFound),
            Some(p) if !can_edit(state, &i, p).await? => return Err(AppError::Forbidden),
            Some(_) => {}
        }
    }
    Ok((i, a))
}

/// The self-assessments of an initiative this visitor may read (all for its editors, published
/// ones otherwise), oldest first, with whether they are an editor.
pub async fn list(
    state: &AppState,
    initiative: Uuid,
    person: Option<&Person>,
) -> Result<(Initiative, Vec<Assessment>, bool), AppError> {
    let i = find_visible(state, initiative, person).await?;
    let editor = match person {
        Some(p) => can_edit(state, &i, p).await?,
        None => false,
    };
    let items = state.store.assessments_of(i.id, editor).await?;
    Ok((i, items, editor))
}

/// Publishes or withdraws a self-assessment (editors only), audited.
pub async fn set_published(
    state: &AppState,
    person: &Person,
    id: Uuid,
    published: bool,
    ip: Option<&str>,
) -> Result<Assessment, AppError> {
    let (i, a) = readable(state, id, Some(person)).await?;
    if !can_edit(state, &i, person).await? {
        return Err(AppError::Forbidden);
    }
    if a.is_published != published {
        state
            .store
            .set_assessment_published(a.id, published, utc_now())
            .await?;
        crate::audit::record(
            state,
            Some(person.id),
            if published {
                "assessment_published"
            } else {
                "assessment_withdrawn"
            },
            format!("assessment:{}", a.id),
            ip,
            format!("initiative:{}", i.id),
        )
        .await?;
    }
    state
        .store
        .assessment(a.id)
        .await?
        .ok_or(AppError::NotFound)
}

/// The score of each dimension of a stored self-assessment.
pub fn dimension_scores(a: &Assessment) -> [f64; 5] {
    scores(&a.answer_list())
}

/// A score as people read it: one decimal, the language's separator.
pub fn score_text(x: f64, locale: Locale) -> String {
    let s = format!("{x:.1}");
    match locale {
        Locale::Fr => s.replace('.', ","),
        Locale::En => s,
    }
}

const CENTER: f64 = 150.0;
const RADIUS: f64 = 100.0;

/// What the radar template draws: the grid, the axes with their labels, the current scores and,
/// if any, the previous ones; and the same figures as a table for those who do not see it.
pub fn radar_view(
    state: &AppState,
    locale: Locale,
    current: &[f64; 5],
    previous: Option<&[f64; 5]>,
) -> Value {
    let radar = Radar {
        center: CENTER,
        radius: RADIUS,
    };
    let labels = Radar {
        center: CENTER,
        radius: RADIUS + 14.0,
    };
    let axes: Vec<Value> = Dimension::ALL
        .iter()
        .enumerate()
        .map(|(i, d)| {
            let (x, y) = radar.axis_ends()[i];
            let (lx, ly) = labels.point(i, f64::from(SCALE_MAX));
            let anchor = if (lx - CENTER).abs() < 1.0 {
                "middle"
            } else if lx > CENTER {
                "start"
            } else {
                "end"
            };
            context! {
                x => format!("{x:.2}"), y => format!("{y:.2}"),
                lx => format!("{lx:.2}"), ly => format!("{:.2}", if ly > CENTER { ly + 8.0 } else { ly }),
                anchor,
                label => state.i18n.t(locale, &format!("assessment-dimension-{}", d.as_str())),
                current => score_text(current[i], locale),
                previous => previous.map(|p| score_text(p[i], locale)),
            }
        })
        .collect();
    context! {
        rings => radar.rings(),
        axes,
        center => CENTER,
        current => radar.polygon(current),
        previous => previous.map(|p| radar.polygon(p)),
        scale_max => SCALE_MAX,
    }
}
