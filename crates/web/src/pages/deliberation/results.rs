//! The results of a conversation: the opinion map (an SVG drawn on the server), the opinion
//! groups and what sets each apart, what brings everyone together, and the participation
//! figures; and the same as a printable report with every statement's counts.
//!
//! Pages read the last stored analysis (`deliberation::stored_analysis`); they never compute
//! one. The reader's own place on the map is computed here from their votes with the stored
//! projection, so it shows their latest votes even before the next analysis.

use super::{conversation_view, decimal, find, paris, percent};
use crate::deliberation::{find_participant, stored_analysis, StoredAnalysis, Who};
use crate::error::AppError;
use crate::i18n::Locale;
use crate::pages::PageCtx;
use crate::state::AppState;
use axum::extract::{Path, State};
use axum::http::HeaderMap;
use axum::response::Response;
use essaim_domain::deliberation::analysis::StatementStat;
use essaim_domain::deliberation::cluster::Point;
use essaim_domain::deliberation::repness::Direction;
use essaim_domain::deliberation::{Analysis, StatementStatus};
use essaim_store::deliberation::{Conversation, Statement};
use minijinja::{context, Value};
use serde::Serialize;
use std::collections::HashMap;
use uuid::Uuid;

/// The map's drawing area, in SVG units.
const WIDTH: f64 = 640.0;
const HEIGHT: f64 = 400.0;
const MARGIN: f64 = 44.0;
const MIN_RADIUS: f64 = 5.0;
const MAX_RADIUS: f64 = 26.0;

pub async fn results(
    ctx: PageCtx,
    State(state): State<AppState>,
    headers: HeaderMap,
    Path(id): Path<Uuid>,
) -> Result<Response, AppError> {
    let c = find(&state, id).await?;
    let view = results_context(&ctx, &state, &c, &headers).await?;
    Ok(ctx.render(&state, "debats/results.html", view))
}

pub async fn report(
    ctx: PageCtx,
    State(state): State<AppState>,
    headers: HeaderMap,
    Path(id): Path<Uuid>,
) -> Result<Response, AppError> {
    let c = find(&state, id).await?;
    let view = results_context(&ctx, &state, &c, &headers).await?;
    Ok(ctx.render(&state, "debats/report.html", view))
}

/// A group's name on the map and in the text: A, B, C…
fn letter(group: usize) -> String {
    char::from(b'A' + (group % 26) as u8).to_string()
}

#[derive(Serialize)]
struct Circle {
    x: f64,
    y: f64,
    r: f64,
    size: usize,
    group: usize,
}

#[derive(Serialize)]
struct Label {
    x: f64,
    y: f64,
    letter: String,
    group: usize,
}

#[derive(Serialize)]
struct Mark {
    x: f64,
    y: f64,
    /// The label's anchor: "start" to the right of the mark, "end" to its left.
    anchor: &'static str,
    label_x: f64,
}

#[derive(Serialize)]
struct OpinionMap {
    width: f64,
    height: f64,
    circles: Vec<Circle>,
    labels: Vec<Label>,
    me: Option<Mark>,
}

/// Places the base clusters, the groups' letters and the reader on the drawing: one scale for
/// both axes (distances mean the same across and down), y pointing up.
fn opinion_map(a: &Analysis, me: Option<Point>) -> Option<OpinionMap> {
    if !a.enough_data || a.base_clusters.is_empty() {
        return None;
    }
    let points = a
        .base_clusters
        .iter()
        .map(|b| b.center)
        .chain(a.groups.iter().map(|g| g.center))
        .chain(me);
    let (mut x0, mut x1, mut y0, mut y1) = (f64::MAX, f64::MIN, f64::MAX, f64::MIN);
    for [x, y] in points {
        x0 = x0.min(x);
        x1 = x1.max(x);
        y0 = y0.min(y);
        y1 = y1.max(y);
    }
    let span_x = (x1 - x0).max(1e-9);
    let span_y = (y1 - y0).max(1e-9);
    let scale = ((WIDTH - 2.0 * MARGIN) / span_x).min((HEIGHT - 2.0 * MARGIN) / span_y);
    // Centred in the drawing.
    let off_x = (WIDTH - span_x * scale) / 2.0;
    let off_y = (HEIGHT - span_y * scale) / 2.0;
    let place = |[x, y]: Point| -> (f64, f64) {
        let px = off_x + (x - x0) * scale;
        let py = HEIGHT - (off_y + (y - y0) * scale);
        (round(px), round(py))
    };
    let largest = a
        .base_clusters
        .iter()
        .map(|b| b.size)
        .max()
        .unwrap_or(1)
        .max(1) as f64;
    let circles = a
        .base_clusters
        .iter()
        .map(|b| {
            let (x, y) = place(b.center);
            let r = MIN_RADIUS + (MAX_RADIUS - MIN_RADIUS) * (b.size as f64 / largest).sqrt();
            Circle {
                x,
                y,
                r: round(r),
                size: b.size,
                group: b.group,
            }
        })
        .collect();
    let labels = a
        .groups
        .iter()
        .map(|g| {
            let (x, y) = place(g.center);
            Label {
                x,
                y,
                letter: letter(g.id),
                group: g.id,
            }
        })
        .collect();
    let me = me.map(|p| {
        let (x, y) = place(p);
        let right = x < WIDTH - 80.0;
        Mark {
            x,
            y,
            anchor: if right { "start" } else { "end" },
            label_x: if right { x + 12.0 } else { x - 12.0 },
        }
    });
    Some(OpinionMap {
        width: WIDTH,
        height: HEIGHT,
        circles,
        labels,
        me,
    })
}

fn round(x: f64) -> f64 {
    (x * 10.0).round() / 10.0
}

/// The group whose centre is nearest to a point.
fn nearest_group(a: &Analysis, p: Point) -> Option<usize> {
    a.groups
        .iter()
        .map(|g| {
            let (dx, dy) = (g.center[0] - p[0], g.center[1] - p[1]);
            (g.id, dx * dx + dy * dy)
        })
        .min_by(|a, b| a.1.total_cmp(&b.1))
        .map(|(id, _)| id)
}

fn direction(d: Direction) -> &'static str {
    match d {
        Direction::Agree => "agree",
        Direction::Disagree => "disagree",
    }
}

/// A statement's counts over everyone, as shares of those who saw it.
fn shares(stat: Option<&StatementStat>) -> Value {
    let (agree, disagree, pass) = stat.map_or((0, 0, 0), |s| (s.agree, s.disagree, s.pass));
    let seen = f64::from((agree + disagree + pass).max(1));
    context! {
        agree, disagree, pass,
        seen => agree + disagree + pass,
        agree_percent => percent(f64::from(agree) / seen),
        disagree_percent => percent(f64::from(disagree) / seen),
        pass_percent => percent(f64::from(pass) / seen),
    }
}

/// Everything the results page and the report show.
async fn results_context(
    ctx: &PageCtx,
    state: &AppState,
    c: &Conversation,
    headers: &HeaderMap,
) -> Result<Value, AppError> {
    let statements = state.store.statements(c.id).await?;
    let text: HashMap<i32, &str> = statements
        .iter()
        .map(|s| (s.number, s.text.as_str()))
        .collect();
    let stored = stored_analysis(state.store.as_ref(), c).await?;
    let person = ctx.user.as_ref().map(|u| &u.person);
    let who = Who::of(person, headers);
    let my_votes: Vec<(i32, i16)> = match find_participant(state.store.as_ref(), c, &who).await? {
        Some(me) => state
            .store
            .votes_of(c.id, me)
            .await?
            .into_iter()
            .map(|v| (v.statement, v.value))
            .collect(),
        None => vec![],
    };
    let view = conversation_view(state, ctx.locale, c).await?;
    let analysis = stored
        .as_ref()
        .map(|s| analysis_view(s, &statements, &text, &my_votes, ctx.locale));
    Ok(context! {
        c => view,
        a => analysis,
        my_vote_count => my_votes.len(),
        accepted => statements.iter().filter(|s| s.status == StatementStatus::Accepted.as_str()).count(),
    })
}

fn analysis_view(
    stored: &StoredAnalysis,
    statements: &[Statement],
    text: &HashMap<i32, &str>,
    my_votes: &[(i32, i16)],
    locale: Locale,
) -> Value {
    let a = &stored.analysis;
    let text_of = |n: i32| text.get(&n).copied().unwrap_or("");
    let stats: HashMap<i32, &StatementStat> =
        a.statement_stats.iter().map(|s| (s.statement, s)).collect();
    let me = a.projection.as_ref().and_then(|p| p.place(my_votes));
    let my_group = if a.enough_data {
        me.and_then(|p| nearest_group(a, p))
    } else {
        None
    };
    let groups: Vec<Value> = a
        .groups
        .iter()
        .map(|g| {
            let representative: Vec<Value> = g
                .representative
                .iter()
                .map(|r| {
                    let share = f64::from(r.successes) / f64::from(r.trials.max(1));
                    context! {
                        number => r.statement,
                        text => text_of(r.statement),
                        direction => direction(r.direction),
                        percent => percent(share),
                        successes => r.successes,
                        trials => r.trials,
                        repness => decimal(r.repness, locale),
                    }
                })
                .collect();
            context! {
                id => g.id,
                letter => letter(g.id),
                size => g.size,
                share => percent(g.size as f64 / a.clustered.max(1) as f64),
                representative,
                mine => my_group == Some(g.id),
            }
        })
        .collect();
    let consensus: Vec<Value> = a
        .consensus
        .iter()
        .map(|x| {
            let s = stats.get(&x.statement).copied();
            context! {
                number => x.statement,
                text => text_of(x.statement),
                direction => direction(x.direction),
                shares => shares(s),
            }
        })
        .collect();
    let group_aware: Vec<Value> = a
        .group_aware_consensus
        .iter()
        .map(|(n, p)| context! { number => n, text => text_of(*n), percent => percent(*p) })
        .collect();
    // Every accepted statement with its counts, most agreed first (the report's table).
    let mut all: Vec<&Statement> = statements
        .iter()
        .filter(|s| s.status == StatementStatus::Accepted.as_str())
        .collect();
    all.sort_by_key(|s| {
        let st = stats.get(&s.number);
        (
            std::cmp::Reverse(st.map_or(0, |x| x.agree)),
            st.map_or(0, |x| x.disagree),
            s.number,
        )
    });
    let table: Vec<Value> = all
        .iter()
        .map(|s| context! { number => s.number, text => s.text, seed => s.seed, shares => shares(stats.get(&s.number).copied()) })
        .collect();
    context! {
        enough_data => a.enough_data,
        participants => a.participants,
        statements => a.statements,
        votes => a.votes,
        clustered => a.clustered,
        groups,
        consensus,
        group_aware,
        table,
        map => opinion_map(a, me),
        me_placed => me.is_some(),
        my_group => my_group.map(letter),
        computed_at => paris(stored.computed_at),
        stale => stored.stale,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use essaim_domain::deliberation::{analyze, AnalysisOptions};

    fn two_camps() -> Analysis {
        // Two camps of 6 on 8 statements, everyone agreeing with statement 0.
        let mut votes = vec![];
        for p in 0..12i64 {
            for s in 0..8i32 {
                let v = if s == 0 || (p < 6) == (s % 2 == 0) {
                    1
                } else {
                    -1
                };
                votes.push((p, s, v));
            }
        }
        analyze(
            &(0..8).collect::<Vec<_>>(),
            &votes,
            &AnalysisOptions::default(),
        )
    }

    #[test]
    fn the_map_fits_its_drawing_and_places_the_reader() {
        let a = two_camps();
        assert!(a.enough_data, "{a:?}");
        let mine: Vec<(i32, i16)> = (0..8).map(|s| (s, 1)).collect();
        let me = a.projection.as_ref().unwrap().place(&mine);
        let map = opinion_map(&a, me).unwrap();
        assert_eq!(map.labels.len(), a.groups.len());
        for c in &map.circles {
            assert!(c.x - c.r >= 0.0 && c.x + c.r <= WIDTH, "{}", c.x);
            assert!(c.y - c.r >= 0.0 && c.y + c.r <= HEIGHT, "{}", c.y);
        }
        let m = map.me.expect("the reader is placed");
        assert!((0.0..=WIDTH).contains(&m.x) && (0.0..=HEIGHT).contains(&m.y));
        assert!(nearest_group(&a, me.unwrap()).is_some());
    }

    #[test]
    fn no_map_without_enough_data() {
        let a = analyze(&[0, 1], &[(1, 0, 1)], &AnalysisOptions::default());
        assert!(opinion_map(&a, None).is_none());
        assert_eq!(letter(0), "A");
        assert_eq!(letter(4), "E");
    }
}
