//! Opinion mapping (*débats*), in the manner of Pol.is: the list, creating and editing a
//! conversation, taking part (voting, adding statements), the results with their opinion map
//! and a printable report, moderation, and the open-data exports in Pol.is's format.
//!
//! Who may do what: anyone reads and exports; voting and adding statements follow the
//! conversation's settings (open, statements welcome, anonymous participation); moderating and
//! editing are for `deliberation::can_moderate`. The shared rules (participants, the next
//! statement, the background analysis) live in `crate::deliberation`.

mod export;
mod list;
mod moderation;
mod participate;
mod results;
mod settings;

use crate::error::AppError;
use crate::i18n::Locale;
use crate::pages::PageCtx;
use crate::state::AppState;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use axum::Router;
use chrono::{DateTime, Utc};
use essaim_domain::deliberation::conversation::to_paris;
use essaim_store::deliberation::{Conversation, ConversationSummary};
use minijinja::{context, Value};
use uuid::Uuid;

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/debats", get(list::list).post(settings::create))
        .route("/debats/nouveau", get(settings::new_form))
        .route("/debats/{id}", get(participate::show))
        .route("/debats/{id}/votes", post(participate::vote))
        .route("/debats/{id}/propositions", post(participate::propose))
        .route("/debats/{id}/resultats", get(results::results))
        .route("/debats/{id}/rapport", get(results::report))
        .route("/debats/{id}/moderation", get(moderation::queue))
        .route("/debats/{id}/moderation/{number}", post(moderation::decide))
        .route(
            "/debats/{id}/modifier",
            get(settings::edit_form).post(settings::update),
        )
        .route("/debats/{id}/export/comments.csv", get(export::comments))
        .route("/debats/{id}/export/votes.csv", get(export::votes))
        .route(
            "/debats/{id}/export/participants-votes.csv",
            get(export::participants_votes),
        )
        .route("/debats/{id}/export/summary.csv", get(export::summary))
}

pub async fn find(state: &AppState, id: Uuid) -> Result<Conversation, AppError> {
    state
        .store
        .conversation(id)
        .await?
        .ok_or(AppError::NotFound)
}

/// Where a conversation stands: "upcoming" before it opens, "open", or "closed".
pub fn phase(
    opens_at: Option<DateTime<Utc>>,
    closes_at: Option<DateTime<Utc>>,
    now: DateTime<Utc>,
) -> &'static str {
    if opens_at.is_some_and(|t| now < t) {
        "upcoming"
    } else if closes_at.is_some_and(|t| t <= now) {
        "closed"
    } else {
        "open"
    }
}

/// A time as people in France read it: Europe/Paris wall-clock date and time.
fn paris(t: DateTime<Utc>) -> Value {
    let local = to_paris(t);
    context! {
        date => local.format("%Y-%m-%d").to_string(),
        time => local.format("%H:%M").to_string(),
        iso => t.to_rfc3339(),
    }
}

/// A conversation as templates show it.
pub async fn conversation_view(
    state: &AppState,
    locale: Locale,
    c: &Conversation,
) -> Result<Value, AppError> {
    let now = essaim_store::utc_now();
    let challenge = if c.challenge.is_empty() {
        None
    } else {
        let all = state.store.challenges().await?;
        all.iter()
            .find(|ch| ch.code == c.challenge)
            .map(|ch| super::initiatives::challenge_name(ch, locale).to_owned())
    };
    let territories: Vec<Value> = c
        .territories
        .split_whitespace()
        .filter_map(|r| state.territories.resolve(r).ok())
        .map(|t| context! { name => t.name, level => t.level.as_str(), code => t.code })
        .collect();
    let structure = match c.structure_id {
        Some(s) => state
            .store
            .structure(s)
            .await?
            .map(|s| context! { id => s.id.to_string(), name => s.name }),
        None => None,
    };
    let mut initiatives = vec![];
    for id in state.store.conversation_initiatives(c.id).await? {
        if let Some(i) = state.store.initiative(id).await? {
            if i.status != essaim_domain::initiative::Status::Draft {
                initiatives.push(context! { id => i.id.to_string(), title => i.content.title });
            }
        }
    }
    Ok(context! {
        id => c.id.to_string(),
        question => c.question,
        description_html => essaim_domain::markdown::render(&c.description),
        phase => phase(c.opens_at, c.closes_at, now),
        opens_at => c.opens_at.map(paris),
        closes_at => c.closes_at.map(paris),
        open_for_statements => c.open_for_statements,
        moderation => c.moderation,
        anonymous_allowed => c.anonymous_allowed,
        challenge,
        territories,
        structure,
        initiatives,
        attribution => c.attribution,
        created_at => c.created_at.to_rfc3339(),
    })
}

/// A conversation in a list (the conversations list, an initiative's page).
pub fn summary_view(s: &ConversationSummary, now: DateTime<Utc>) -> Value {
    context! {
        id => s.id.to_string(),
        question => s.question,
        phase => phase(s.opens_at, s.closes_at, now),
        opens_at => s.opens_at.map(paris),
        closes_at => s.closes_at.map(paris),
        participants => s.participants,
        statements => s.statements,
        votes => s.votes,
    }
}

/// An error page with a message of its own (a 404 that says what was not found).
fn error_page(ctx: &PageCtx, state: &AppState, status: StatusCode, code: &str) -> Response {
    let message = ctx.t(state, code);
    let page = ctx.render(
        state,
        "error.html",
        context! { code, message, status => status.as_u16() },
    );
    (status, page).into_response()
}

/// The sign-in page, coming back to the conversation afterwards (not to the POST's address).
fn sign_in_then(id: Uuid) -> Response {
    let back: String =
        url::form_urlencoded::byte_serialize(format!("/debats/{id}").as_bytes()).collect();
    super::see_other(&format!("/connexion?suivant={back}"))
}

/// A share in whole percent ("83").
fn percent(part: f64) -> i64 {
    (part * 100.0).round() as i64
}

/// A decimal number with one digit, written the way the language writes it ("2,4" / "2.4").
fn decimal(x: f64, locale: Locale) -> String {
    let s = format!("{x:.1}");
    match locale {
        Locale::Fr => s.replace('.', ","),
        Locale::En => s,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::Duration;

    #[test]
    fn phase_follows_opening_and_closing() {
        let now = essaim_store::utc_now();
        let (before, after) = (now - Duration::hours(1), now + Duration::hours(1));
        assert_eq!(phase(None, None, now), "open");
        assert_eq!(phase(Some(after), None, now), "upcoming");
        assert_eq!(phase(Some(before), Some(after), now), "open");
        assert_eq!(phase(None, Some(before), now), "closed");
        assert_eq!(
            phase(None, Some(now), now),
            "closed",
            "closing time excluded"
        );
    }

    #[test]
    fn numbers_are_written_per_language() {
        assert_eq!(decimal(2.44, Locale::Fr), "2,4");
        assert_eq!(decimal(2.46, Locale::En), "2.5");
        assert_eq!(percent(0.834), 83);
    }
}
