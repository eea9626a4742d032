//! Opinion mapping (*débats*): conversations, their statements, participants and votes, and the
//! last computed analysis of each conversation.
//!
//! Votes are keyed by (participant, statement): casting again replaces the value, in one upsert,
//! so two concurrent requests can never leave two votes. Every vote and moderation decision
//! bumps the conversation's `generation`; the background analysis compares it with the
//! generation its stored result was computed from.

use crate::{Page, StoreError, StoreResult};
use chrono::{DateTime, Utc};
use std::collections::{BTreeSet, HashMap, HashSet};
use uuid::Uuid;

/// The columns of `Conversation`, in a SELECT or RETURNING.
pub const CONVERSATION_COLUMNS: &str = "id, question, description, created_by, structure_id, \
    open_for_statements, moderation, anonymous_allowed, opens_at, closes_at, challenge, \
    territories, attribution, generation, created_at, updated_at";

/// The columns of `Statement`, in a SELECT or RETURNING.
pub const STATEMENT_COLUMNS: &str =
    "id, conversation_id, number, author_participant, text, status, featured, seed, created_at";

/// `ConversationSummary` rows (same SQL on both backends); the caller appends WHERE and ORDER.
/// Counts are subqueries, so only the rows of the page are counted. Participants who voted are
/// counted by one primary-key probe each, not by a distinct count over every vote.
pub const SUMMARY_SELECT: &str = "SELECT c.id, c.question, c.opens_at, c.closes_at, c.created_at,
    (SELECT COUNT(*) FROM conversation_participants p WHERE p.conversation_id = c.id
      AND EXISTS (SELECT 1 FROM conversation_votes v WHERE v.participant_id = p.id)) AS participants,
    (SELECT COUNT(*) FROM conversation_statements s
      WHERE s.conversation_id = c.id AND s.status = 'accepted') AS statements,
    (SELECT COUNT(*) FROM conversation_votes v WHERE v.conversation_id = c.id) AS votes
    FROM conversations c";

/// A conversation as stored. `moderation` is "pre" (statements wait for a moderator) or "post"
/// (shown at once, a moderator can reject later).
#[derive(Debug, Clone, PartialEq, Eq, sqlx::FromRow)]
pub struct Conversation {
    pub id: Uuid,
    pub question: String,
    /// Markdown.
    pub description: String,
    pub created_by: Uuid,
    /// The structure organising it, if any: its managers moderate too.
    pub structure_id: Option<Uuid>,
    /// Participants may add statements.
    pub open_for_statements: bool,
    pub moderation: String,
    /// Participation without an account (a pseudonymous participant id in a cookie).
    pub anonymous_allowed: bool,
    pub opens_at: Option<DateTime<Utc>>,
    pub closes_at: Option<DateTime<Utc>>,
    /// A challenge code of the initiatives vocabulary, or empty.
    pub challenge: String,
    /// INSEE territory codes separated by spaces (communes, départements, régions), or empty.
    pub territories: String,
    /// Where an imported conversation comes from and under which licence, shown with it; empty
    /// for conversations held here.
    pub attribution: String,
    /// Increases with every vote, statement and moderation decision.
    pub generation: i64,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
}

/// What a conversation is created or edited with (already validated by the domain).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ConversationFields {
    pub question: String,
    pub description: String,
    pub structure_id: Option<Uuid>,
    pub open_for_statements: bool,
    pub moderation: String,
    pub anonymous_allowed: bool,
    pub opens_at: Option<DateTime<Utc>>,
    pub closes_at: Option<DateTime<Utc>>,
    pub challenge: String,
    pub territories: String,
    pub attribution: String,
    /// Initiatives the conversation is about.
    pub initiative_ids: Vec<Uuid>,
}

/// A conversation in a list, with its counts.
#[derive(Debug, Clone, PartialEq, Eq, sqlx::FromRow)]
pub struct ConversationSummary {
    pub id: Uuid,
    pub question: String,
    pub opens_at: Option<DateTime<Utc>>,
    pub closes_at: Option<DateTime<Utc>>,
    pub created_at: DateTime<Utc>,
    pub participants: i64,
    /// Accepted statements.
    pub statements: i64,
    pub votes: i64,
}

/// A statement. `number` is its id within the conversation (0, 1, 2… as Pol.is numbers
/// comments), used in URLs, exports and the analysis.
#[derive(Debug, Clone, PartialEq, Eq, sqlx::FromRow)]
pub struct Statement {
    pub id: i64,
    pub conversation_id: Uuid,
    pub number: i32,
    /// The participant who wrote it; `None` for seed statements written by the organisers.
    pub author_participant: Option<i64>,
    pub text: String,
    /// "pending", "accepted" or "rejected".
    pub status: String,
    pub featured: bool,
    pub seed: bool,
    pub created_at: DateTime<Utc>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewStatement {
    pub author_participant: Option<i64>,
    pub text: String,
    pub status: String,
    pub seed: bool,
    pub created_at: DateTime<Utc>,
}

/// One vote: value -1 (disagree), 0 (pass) or 1 (agree), as Pol.is writes them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, sqlx::FromRow)]
pub struct VoteRow {
    pub participant_id: i64,
    /// The statement's `number`.
    pub statement: i32,
    pub value: i16,
}

/// Why a vote was not recorded.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum VoteOutcome {
    Recorded,
    /// No statement with that number in the conversation.
    UnknownStatement,
    /// The statement is pending or rejected.
    NotVotable,
}

/// The stored result of the analysis: `body` is JSON written and read by the web crate.
#[derive(Debug, Clone, PartialEq, Eq, sqlx::FromRow)]
pub struct AnalysisRecord {
    pub conversation_id: Uuid,
    /// The conversation's generation the analysis was computed from.
    pub generation: i64,
    pub computed_at: DateTime<Utc>,
    pub body: String,
}

/// A whole conversation brought in at once (a Pol.is export): participants are given by the
/// caller's own ids, which are kept as `external_id`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ImportedConversation {
    pub fields: ConversationFields,
    pub created_by: Uuid,
    pub created_at: DateTime<Utc>,
    /// (number, author's external id, text, status), numbers unique.
    pub statements: Vec<(i32, Option<i64>, String, String)>,
    /// (participant's external id, statement number, value).
    pub votes: Vec<(i64, i32, i16)>,
}

#[async_trait::async_trait]
pub trait DeliberationStore {
    async fn create_conversation(
        &self,
        fields: &ConversationFields,
        created_by: Uuid,
        now: DateTime<Utc>,
    ) -> StoreResult<Conversation>;
    /// `NotFound` when there is no such conversation.
    async fn update_conversation(
        &self,
        id: Uuid,
        fields: &ConversationFields,
        now: DateTime<Utc>,
    ) -> StoreResult<Conversation>;
    async fn conversation(&self, id: Uuid) -> StoreResult<Option<Conversation>>;
    /// The initiatives a conversation is linked to.
    async fn conversation_initiatives(&self, id: Uuid) -> StoreResult<Vec<Uuid>>;
    /// Newest first.
    async fn list_conversations(&self, page: Page) -> StoreResult<Vec<ConversationSummary>>;
    async fn count_conversations(&self) -> StoreResult<i64>;
    /// Conversations linked to an initiative, newest first.
    async fn conversations_of_initiative(
        &self,
        initiative_id: Uuid,
    ) -> StoreResult<Vec<ConversationSummary>>;

    /// The participant id of a signed-in person, created on first use (safe under concurrent
    /// calls: one row per conversation and person).
    async fn participant_for_person(
        &self,
        conversation_id: Uuid,
        person_id: Uuid,
        now: DateTime<Utc>,
    ) -> StoreResult<i64>;
    /// The same for an anonymous participant known by the hash of their cookie's key.
    async fn participant_for_key(
        &self,
        conversation_id: Uuid,
        key_hash: &str,
        now: DateTime<Utc>,
    ) -> StoreResult<i64>;
    /// Looks up without creating.
    async fn find_participant(
        &self,
        conversation_id: Uuid,
        person_id: Option<Uuid>,
        key_hash: Option<&str>,
    ) -> StoreResult<Option<i64>>;

    /// Adds a statement with the next number. `AlreadyExists` when the conversation already
    /// holds a statement with the same folded text (`domain::deliberation::fold_statement`),
    /// given as `folded`.
    async fn add_statement(
        &self,
        conversation_id: Uuid,
        statement: &NewStatement,
        folded: &str,
    ) -> StoreResult<Statement>;
    /// All statements of a conversation, by number.
    async fn statements(&self, conversation_id: Uuid) -> StoreResult<Vec<Statement>>;
    /// Sets status and featured flag; `NotFound` when the statement is not in the conversation.
    async fn moderate_statement(
        &self,
        conversation_id: Uuid,
        number: i32,
        status: &str,
        featured: bool,
    ) -> StoreResult<Statement>;

    /// Records or replaces a vote on an accepted statement. `NotFound` when the participant is
    /// not one of this conversation's.
    async fn cast_vote(
        &self,
        conversation_id: Uuid,
        participant_id: i64,
        number: i32,
        value: i16,
        now: DateTime<Utc>,
    ) -> StoreResult<VoteOutcome>;
    /// Every current vote of a conversation (for the analysis and the export), by participant
    /// then statement.
    async fn votes(&self, conversation_id: Uuid) -> StoreResult<Vec<VoteRow>>;
    /// One participant's votes.
    async fn votes_of(
        &self,
        conversation_id: Uuid,
        participant_id: i64,
    ) -> StoreResult<Vec<VoteRow>>;

    /// Stores the analysis, unless one computed from a later generation is already stored
    /// (two workers finishing out of order).
    async fn save_analysis(&self, record: &AnalysisRecord) -> StoreResult<()>;
    async fn analysis(&self, conversation_id: Uuid) -> StoreResult<Option<AnalysisRecord>>;
    /// Conversations whose generation is ahead of their stored analysis (or that have none
    /// and hold at least one vote), with their current generation: those never analysed
    /// first, then the oldest analysis first (so none waits behind busier ones).
    async fn stale_analyses(&self, limit: i64) -> StoreResult<Vec<(Uuid, i64)>>;

    /// Creates the conversation, its participants (one per external id), statements and votes
    /// in one transaction. Statements without an author are seed statements. Real exports hold
    /// duplicate texts, so a folded text already taken gets the statement's number appended
    /// (see `import_folded`). A repeated (participant, statement) vote keeps the last value.
    /// `Corrupt` when a vote names a statement number the import does not hold.
    async fn import_conversation(&self, conversation: &ImportedConversation) -> StoreResult<Uuid>;
}

/// The folded texts of imported statements, in the order given: `fold_statement`, made unique
/// within the import by appending " #number" to a text already taken. `fold_statement` keeps no
/// `#`, so the suffixed value cannot be another statement's folded text.
pub fn import_folded(statements: &[(i32, Option<i64>, String, String)]) -> Vec<String> {
    let mut taken = HashSet::with_capacity(statements.len());
    statements
        .iter()
        .map(|(number, _, text, _)| {
            let folded = essaim_domain::deliberation::fold_statement(text);
            let folded = if taken.contains(&folded) {
                format!("{folded} #{number}")
            } else {
                folded
            };
            taken.insert(folded.clone());
            folded
        })
        .collect()
}

/// The external ids of an import's participants: every author and voter, once, in order.
pub fn import_participants(conversation: &ImportedConversation) -> Vec<i64> {
    let ids: BTreeSet<i64> = conversation
        .statements
        .iter()
        .filter_map(|s| s.1)
        .chain(conversation.votes.iter().map(|v| v.0))
        .collect();
    ids.into_iter().collect()
}

/// An import's votes as (participant id, statement id, value) rows, given the ids the database
/// gave to external ids and statement numbers: one per pair (the last value given wins), sorted
/// by participant then statement, the order of the primary key, so inserts append.
pub fn import_votes(
    votes: &[(i64, i32, i16)],
    participants: &HashMap<i64, i64>,
    statements: &HashMap<i32, i64>,
) -> StoreResult<Vec<(i64, i64, i16)>> {
    let mut rows = Vec::with_capacity(votes.len());
    for (position, &(external, number, value)) in votes.iter().enumerate() {
        let statement = *statements.get(&number).ok_or_else(|| {
            StoreError::Corrupt(format!(
                "imported vote {position} is on statement {number}, which the import does not hold"
            ))
        })?;
        let participant = *participants.get(&external).ok_or_else(|| {
            StoreError::Corrupt(format!("imported participant {external} has no id"))
        })?;
        rows.push((participant, statement, value, position));
    }
    // Sorted by key, then by position: the last of equal keys is the one to keep.
    rows.sort_unstable_by_key(|&(p, s, _, position)| (p, s, position));
    let mut unique: Vec<(i64, i64, i16)> = Vec::with_capacity(rows.len());
    for (p, s, value, _) in rows {
        match unique.last_mut() {
            Some(last) if last.0 == p && last.1 == s => last.2 = value,
            _ => unique.push((p, s, value)),
        }
    }
    Ok(unique)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn statement(number: i32, text: &str) -> (i32, Option<i64>, String, String) {
        (number, None, text.into(), "accepted".into())
    }

    #[test]
    fn imported_duplicates_get_their_number_appended() {
        let statements = [
            statement(0, "Plus de vélos !"),
            statement(1, "Des bancs"),
            statement(2, "plus de velos"),
            statement(5, "Plus de vélos"),
        ];
        assert_eq!(
            import_folded(&statements),
            [
                "plus de velos",
                "des bancs",
                "plus de velos #2",
                "plus de velos #5"
            ]
        );
    }

    #[test]
    fn imported_votes_keep_the_last_of_a_pair_and_name_unknown_statements() {
        let participants = HashMap::from([(7, 70), (8, 80)]);
        let statements = HashMap::from([(0, 100), (1, 101)]);
        let votes = [(8, 1, 1), (7, 1, -1), (8, 0, 0), (8, 1, -1)];
        assert_eq!(
            import_votes(&votes, &participants, &statements).unwrap(),
            [(70, 101, -1), (80, 100, 0), (80, 101, -1)]
        );
        let err = import_votes(&[(7, 4, 1)], &participants, &statements).unwrap_err();
        assert!(
            matches!(&err, StoreError::Corrupt(m) if m.contains("statement 4")),
            "{err:?}"
        );
    }
}
