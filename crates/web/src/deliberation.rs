//! What the pages and the API of opinion mapping (*débats*) share: who is the participant
//! behind a request, who moderates, which statement comes next, and the background analysis.
//!
//! The analysis never runs in a request. A vote pokes the worker; the worker waits a moment
//! (so a burst of votes costs one recompute), then recomputes every conversation whose
//! generation is ahead of its stored analysis, on a blocking thread, and stores the result as
//! JSON. Pages read the last stored result, however old.

use crate::auth::{cookie, random_secret, secret_hash, set_cookie};
use crate::error::AppError;
use crate::state::AppState;
use axum::http::{HeaderMap, HeaderValue};
use chrono::{DateTime, Utc};
use essaim_domain::deliberation::conversation::ConversationSettings;
use essaim_domain::deliberation::routing::{pick, priority};
use essaim_domain::deliberation::{
    analyze, fold_statement, Analysis, AnalysisOptions, Moderation, StatementStatus, Vote,
};
use essaim_domain::person::PlatformRole;
use essaim_store::deliberation::{
    AnalysisRecord, Conversation, ConversationFields, NewStatement, Statement,
};
use essaim_store::{utc_now, Person, Store, StoreError};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;
use std::time::Duration;
use tokio::sync::Notify;
use uuid::Uuid;

/// The cookie holding an anonymous participant's key (its hash is stored).
pub const PARTICIPANT_COOKIE: &str = "essaim_participant";
/// An anonymous participant stays the same person for a year on the same browser.
const PARTICIPANT_COOKIE_AGE: i64 = 365 * 24 * 3600;
/// How long the worker lets votes gather before recomputing.
const DEBOUNCE: Duration = Duration::from_millis(400);

/// The background analysis: started on first use, woken by votes.
pub struct AnalysisWorker {
    wake: Notify,
    started: AtomicBool,
}

impl Default for AnalysisWorker {
    fn default() -> Self {
        AnalysisWorker {
            wake: Notify::new(),
            started: AtomicBool::new(false),
        }
    }
}

impl AnalysisWorker {
    /// Asks for a recompute soon; starts the worker if it is not running. Call from within
    /// the tokio runtime.
    pub fn poke(self: &Arc<Self>, store: &Arc<dyn Store>) {
        if !self.started.swap(true, Ordering::SeqCst) {
            tokio::spawn(run(store.clone(), self.clone()));
        }
        self.wake.notify_one();
    }
}

/// The worker's loop: recompute what is stale, then sleep until poked (or a minute passes,
/// so that votes written by another process are caught up with too).
async fn run(store: Arc<dyn Store>, worker: Arc<AnalysisWorker>) {
    loop {
        tokio::time::sleep(DEBOUNCE).await;
        match store.stale_analyses(20).await {
            Ok(stale) => {
                for (id, _) in stale {
                    if let Err(e) = recompute(store.as_ref(), id).await {
                        tracing::error!(conversation = %id, error = %e, "analysis failed");
                    }
                }
            }
            Err(e) => tracing::error!(error = %e, "cannot list stale analyses"),
        }
        let _ = tokio::time::timeout(Duration::from_secs(60), worker.wake.notified()).await;
    }
}

/// Analyses a conversation now and stores the result. The generation is read before the
/// votes, so a vote arriving meanwhile leaves the result stale and it is computed again.
pub async fn recompute(store: &dyn Store, id: Uuid) -> Result<Option<Analysis>, AppError> {
    let Some(conversation) = store.conversation(id).await? else {
        return Ok(None);
    };
    let accepted: Vec<i32> = store
        .statements(id)
        .await?
        .iter()
        .filter(|s| s.status == StatementStatus::Accepted.as_str())
        .map(|s| s.number)
        .collect();
    let votes: Vec<(i64, i32, i16)> = store
        .votes(id)
        .await?
        .into_iter()
        .map(|v| (v.participant_id, v.statement, v.value))
        .collect();
    let analysis = tokio::task::spawn_blocking(move || {
        analyze(&accepted, &votes, &AnalysisOptions::default())
    })
    .await
    .map_err(|e| AppError::Internal(anyhow::anyhow!("analysis task: {e}")))?;
    let body = serde_json::to_string(&analysis).map_err(anyhow::Error::from)?;
    store
        .save_analysis(&AnalysisRecord {
            conversation_id: id,
            generation: conversation.generation,
            computed_at: utc_now(),
            body,
        })
        .await?;
    Ok(Some(analysis))
}

/// The last stored analysis, with when it was computed and whether votes came since.
pub struct StoredAnalysis {
    pub analysis: Analysis,
    pub computed_at: DateTime<Utc>,
    pub stale: bool,
}

pub async fn stored_analysis(
    store: &dyn Store,
    conversation: &Conversation,
) -> Result<Option<StoredAnalysis>, AppError> {
    let Some(record) = store.analysis(conversation.id).await? else {
        return Ok(None);
    };
    match serde_json::from_str::<Analysis>(&record.body) {
        Ok(analysis) => Ok(Some(StoredAnalysis {
            analysis,
            computed_at: record.computed_at,
            stale: record.generation < conversation.generation,
        })),
        // Written by an older version: treated as absent, the worker writes a new one.
        Err(e) => {
            tracing::warn!(conversation = %conversation.id, error = %e, "unreadable analysis");
            Ok(None)
        }
    }
}

/// Whether the conversation takes votes and statements now.
pub fn is_open(c: &Conversation, now: DateTime<Utc>) -> bool {
    c.opens_at.is_none_or(|t| t <= now) && c.closes_at.is_none_or(|t| now < t)
}

/// Refuses votes and statements before the conversation opens and after it closes.
pub fn ensure_open(c: &Conversation) -> Result<(), AppError> {
    let now = utc_now();
    if c.opens_at.is_some_and(|t| now < t) {
        return Err(AppError::Conflict("conversation_not_open_yet"));
    }
    if !is_open(c, now) {
        return Err(AppError::Conflict("conversation_closed"));
    }
    Ok(())
}

/// What is stored for validated settings.
pub fn fields(
    s: ConversationSettings,
    structure_id: Option<Uuid>,
    attribution: String,
) -> ConversationFields {
    ConversationFields {
        question: s.question,
        description: s.description,
        structure_id,
        open_for_statements: s.open_for_statements,
        moderation: s.moderation.as_str().into(),
        anonymous_allowed: s.anonymous_allowed,
        opens_at: s.opens_at,
        closes_at: s.closes_at,
        challenge: s.challenge,
        territories: s.territories,
        attribution,
        initiative_ids: s.initiative_ids,
    }
}

/// Adds a participant's statement: waiting for a moderator under pre-moderation, shown at once
/// otherwise, and then counted as its author's agreement, as on Pol.is. A statement the
/// conversation already holds (by folded text) is `Conflict("statement_duplicate")`.
pub async fn add_statement(
    state: &AppState,
    c: &Conversation,
    participant: i64,
    text: &str,
) -> Result<Statement, AppError> {
    let status = Moderation::parse(&c.moderation)
        .unwrap_or(Moderation::Pre)
        .new_statement_status();
    let now = utc_now();
    let new = NewStatement {
        author_participant: Some(participant),
        text: text.to_owned(),
        status: status.as_str().into(),
        seed: false,
        created_at: now,
    };
    let added = match state
        .store
        .add_statement(c.id, &new, &fold_statement(text))
        .await
    {
        Ok(s) => s,
        Err(StoreError::AlreadyExists) => return Err(AppError::Conflict("statement_duplicate")),
        Err(e) => return Err(e.into()),
    };
    if status == StatementStatus::Accepted {
        state
            .store
            .cast_vote(c.id, participant, added.number, Vote::Agree.value(), now)
            .await?;
    }
    state.analyses.poke(&state.store);
    Ok(added)
}

/// Moderators of a conversation: its creator, the managers of its structure, the platform's
/// moderators and admins.
pub async fn can_moderate(
    state: &AppState,
    c: &Conversation,
    person: &Person,
) -> Result<bool, AppError> {
    if person.is_admin() || person.has_role(PlatformRole::Moderator) || c.created_by == person.id {
        return Ok(true);
    }
    match c.structure_id {
        Some(s) => crate::pages::structures::can_manage(state, s, person).await,
        None => Ok(false),
    }
}

/// Who is taking part: a signed-in person, or an anonymous browser by the key in its cookie.
pub enum Who<'a> {
    Person(&'a Person),
    Anonymous(Option<String>),
}

impl<'a> Who<'a> {
    pub fn of(person: Option<&'a Person>, headers: &HeaderMap) -> Who<'a> {
        match person {
            Some(p) => Who::Person(p),
            None => Who::Anonymous(
                cookie(headers, PARTICIPANT_COOKIE)
                    .filter(|k| k.len() == 32 && k.bytes().all(|b| b.is_ascii_hexdigit())),
            ),
        }
    }
}

/// The participant id of `who` in the conversation, without creating one.
pub async fn find_participant(
    store: &dyn Store,
    c: &Conversation,
    who: &Who<'_>,
) -> Result<Option<i64>, AppError> {
    Ok(match who {
        Who::Person(p) => store.find_participant(c.id, Some(p.id), None).await?,
        Who::Anonymous(Some(key)) => {
            store
                .find_participant(c.id, None, Some(&secret_hash(key)))
                .await?
        }
        Who::Anonymous(None) => None,
    })
}

/// The participant id of `who`, created on first use. An anonymous visitor without a key gets
/// one: the returned cookie must be set on the response. Refused (`Unauthenticated`) when the
/// conversation asks for an account.
pub async fn participant(
    state: &AppState,
    c: &Conversation,
    who: &Who<'_>,
) -> Result<(i64, Option<HeaderValue>), AppError> {
    let now = utc_now();
    match who {
        Who::Person(p) => Ok((
            state.store.participant_for_person(c.id, p.id, now).await?,
            None,
        )),
        Who::Anonymous(_) if !c.anonymous_allowed => Err(AppError::Unauthenticated),
        Who::Anonymous(key) => {
            let (key, set) = match key {
                Some(k) => (k.clone(), None),
                None => {
                    let k = random_secret();
                    let header = set_cookie(
                        PARTICIPANT_COOKIE,
                        &k,
                        Some(PARTICIPANT_COOKIE_AGE),
                        "Lax",
                        state.config.secure_cookies,
                    );
                    (k, Some(header))
                }
            };
            let id = state
                .store
                .participant_for_key(c.id, &secret_hash(&key), now)
                .await?;
            Ok((id, set))
        }
    }
}

/// The next statement for a participant: a featured one first, then one drawn by Pol.is's
/// routing priority among those not yet voted on. `None` when every statement has a vote.
pub fn next_statement<'s>(
    statements: &'s [Statement],
    voted: &[i32],
    analysis: Option<&Analysis>,
    u: f64,
) -> Option<&'s Statement> {
    let open: Vec<&Statement> = statements
        .iter()
        .filter(|s| s.status == StatementStatus::Accepted.as_str() && !voted.contains(&s.number))
        .collect();
    if let Some(featured) = open.iter().find(|s| s.featured) {
        return Some(featured);
    }
    let candidates: Vec<(i32, f64)> = open
        .iter()
        .map(|s| {
            let p = analysis
                .and_then(|a| a.statement_stats.iter().find(|x| x.statement == s.number))
                .map_or_else(|| priority(0, 0, 0, 0.0), |x| x.priority);
            (s.number, p)
        })
        .collect();
    let chosen = pick(&candidates, u)?;
    open.into_iter().find(|s| s.number == chosen)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn statement(number: i32, status: &str, featured: bool) -> Statement {
        Statement {
            id: i64::from(number),
            conversation_id: Uuid::nil(),
            number,
            author_participant: None,
            text: format!("s{number}"),
            status: status.into(),
            featured,
            seed: true,
            created_at: utc_now(),
        }
    }

    #[test]
    fn next_skips_voted_and_unaccepted_and_puts_featured_first() {
        let all = vec![
            statement(0, "accepted", false),
            statement(1, "pending", false),
            statement(2, "accepted", true),
            statement(3, "rejected", false),
        ];
        assert_eq!(next_statement(&all, &[], None, 0.9).unwrap().number, 2);
        assert_eq!(next_statement(&all, &[2], None, 0.9).unwrap().number, 0);
        assert!(next_statement(&all, &[0, 2], None, 0.5).is_none());
    }
}
