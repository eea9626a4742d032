//! Offers and needs (*entraide*): posts that offer or ask for skills, premises, equipment,
//! volunteering or funding, and the messages people exchange about a post through the
//! platform.
//!
//! A conversation is the messages of one post with one other person (the `counterpart`, who
//! wrote first); on the post's side, its author or the managers of its structure answer. The
//! store keeps values already validated by `domain::exchange`; the database checks the
//! vocabularies (direction, kind, status) by constraint.

use crate::{StoreError, StoreResult};
use chrono::{DateTime, NaiveDate, Utc};
use uuid::Uuid;

/// The columns of `PostRow`, in a SELECT or RETURNING.
pub const POST_COLUMNS: &str = "id, direction, kind, status, title, body, territory, themes, \
    starts_on, ends_on, author_id, structure_id, created_at, updated_at";

/// The columns of `Message`, in a SELECT or RETURNING.
pub const MESSAGE_COLUMNS: &str = "id, post_id, counterpart_id, sender_id, body, created_at";

/// A post as stored.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Post {
    pub id: Uuid,
    /// `offer` or `need`.
    pub direction: String,
    /// `skills`, `premises`, `equipment`, `volunteering` or `funding`.
    pub kind: String,
    /// `open` or `closed`.
    pub status: String,
    pub title: String,
    /// Markdown.
    pub body: String,
    /// A territory reference ("commune:29019").
    pub territory: String,
    /// Codes of societal challenges.
    pub themes: Vec<String>,
    pub starts_on: Option<NaiveDate>,
    pub ends_on: Option<NaiveDate>,
    pub author_id: Uuid,
    /// The structure that publishes it, if any: its managers may edit it and answer.
    pub structure_id: Option<Uuid>,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
}

/// `Post` as the databases return it: themes as JSON text.
#[derive(Debug, sqlx::FromRow)]
pub struct PostRow {
    pub id: Uuid,
    pub direction: String,
    pub kind: String,
    pub status: String,
    pub title: String,
    pub body: String,
    pub territory: String,
    pub themes: String,
    pub starts_on: Option<NaiveDate>,
    pub ends_on: Option<NaiveDate>,
    pub author_id: Uuid,
    pub structure_id: Option<Uuid>,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
}

impl TryFrom<PostRow> for Post {
    type Error = StoreError;
    fn try_from(r: PostRow) -> Result<Post, StoreError> {
        let themes = serde_json::from_str(&r.themes)
            .map_err(|e| StoreError::Corrupt(format!("exchange post {} themes: {e}", r.id)))?;
        Ok(Post {
            id: r.id,
            direction: r.direction,
            kind: r.kind,
            status: r.status,
            title: r.title,
            body: r.body,
            territory: r.territory,
            themes,
            starts_on: r.starts_on,
            ends_on: r.ends_on,
            author_id: r.author_id,
            structure_id: r.structure_id,
            created_at: r.created_at,
            updated_at: r.updated_at,
        })
    }
}

/// The JSON text of a post's themes.
pub fn themes_text(themes: &[String]) -> String {
    serde_json::to_string(themes).unwrap_or_else(|_| "[]".into())
}

/// What a post is created or edited with.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PostFields {
    pub direction: String,
    pub kind: String,
    pub title: String,
    pub body: String,
    pub territory: String,
    pub themes: Vec<String>,
    pub starts_on: Option<NaiveDate>,
    pub ends_on: Option<NaiveDate>,
    pub structure_id: Option<Uuid>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewPost {
    pub id: Uuid,
    pub author_id: Uuid,
    pub fields: PostFields,
    pub created_at: DateTime<Utc>,
}

/// Which posts to list. Every filter is optional.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct PostFilter {
    pub direction: Option<String>,
    pub kind: Option<String>,
    pub status: Option<String>,
    pub author_id: Option<Uuid>,
}

#[derive(Debug, Clone, PartialEq, Eq, sqlx::FromRow)]
pub struct Message {
    pub id: Uuid,
    pub post_id: Uuid,
    /// The person on the other side of the post: the conversation is theirs with the post.
    pub counterpart_id: Uuid,
    pub sender_id: Uuid,
    pub body: String,
    pub created_at: DateTime<Utc>,
}

/// One conversation in a person's list: the post, the other side, the last message.
#[derive(Debug, Clone, PartialEq, Eq, sqlx::FromRow)]
pub struct ConversationSummary {
    pub post_id: Uuid,
    pub post_title: String,
    pub counterpart_id: Uuid,
    pub messages: i64,
    pub last_at: DateTime<Utc>,
}

#[async_trait::async_trait]
pub trait ExchangeStore: Send + Sync {
    async fn create_exchange_post(&self, post: &NewPost) -> StoreResult<Post>;
    /// `NotFound` when there is no such post.
    async fn update_exchange_post(
        &self,
        id: Uuid,
        fields: &PostFields,
        now: DateTime<Utc>,
    ) -> StoreResult<Post>;
    /// Opens or closes a post; `NotFound` when absent.
    async fn set_exchange_post_status(
        &self,
        id: Uuid,
        status: &str,
        now: DateTime<Utc>,
    ) -> StoreResult<Post>;
    async fn exchange_post(&self, id: Uuid) -> StoreResult<Option<Post>>;
    /// Newest first.
    async fn list_exchange_posts(
        &self,
        filter: &PostFilter,
        page: crate::Page,
    ) -> StoreResult<Vec<Post>>;
    async fn count_exchange_posts(&self, filter: &PostFilter) -> StoreResult<i64>;
    /// `NotFound` when the post or a person does not exist.
    async fn add_exchange_message(&self, message: &Message) -> StoreResult<()>;
    /// One conversation, oldest first.
    async fn exchange_conversation(
        &self,
        post_id: Uuid,
        counterpart_id: Uuid,
    ) -> StoreResult<Vec<Message>>;
    /// The conversations of a post (for its author's side), last active first.
    async fn exchange_conversations_of_post(
        &self,
        post_id: Uuid,
    ) -> StoreResult<Vec<ConversationSummary>>;
    /// The conversations a person takes part in: as the counterpart, as the author of the post,
    /// or as a manager of its structure. Last active first.
    async fn exchange_conversations_of_person(
        &self,
        person_id: Uuid,
    ) -> StoreResult<Vec<ConversationSummary>>;
    /// Messages the person wrote (their export), oldest first.
    async fn exchange_messages_by(&self, person_id: Uuid) -> StoreResult<Vec<Message>>;
    /// Deletes the person's posts (with their conversations) and every conversation they
    /// started; their replies elsewhere are deleted too. Part of erasing an account.
    async fn erase_exchange_of(&self, person_id: Uuid) -> StoreResult<()>;
}
