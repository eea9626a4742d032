//! Curated news (*veille*): links shared in groups (or, with no group, by moderators) with a
//! comment and tags.
//!
//! Tags are stored as one text, each tag between spaces (" energie velo "), so that a tag
//! filter is one LIKE on both databases (tags are `[a-z0-9-]`, no LIKE wildcard in them). The
//! stems (`domain::news`) are stored for the search, which filters in Rust.

use crate::StoreResult;
use chrono::{DateTime, Utc};
use uuid::Uuid;

/// The most items one list reads: search and pagination run over them in Rust.
pub const MAX_SCAN: i64 = 2_000;

pub const NEWS_SELECT: &str = "SELECT n.id, n.group_id, g.name AS group_name, n.author_id,
    p.display_name AS author_name, n.url, n.title, n.comment, n.tags, n.stems, n.created_at
    FROM news_items n JOIN people p ON p.id = n.author_id
    LEFT JOIN discussion_groups g ON g.id = n.group_id";

#[derive(Debug, Clone)]
pub struct NewNewsItem {
    pub id: Uuid,
    /// None: platform news, shared by a moderator.
    pub group_id: Option<Uuid>,
    pub author_id: Uuid,
    pub url: String,
    pub title: String,
    /// Markdown.
    pub comment: String,
    pub tags: Vec<String>,
    pub stems: String,
    pub created_at: DateTime<Utc>,
}

#[derive(Debug, Clone, PartialEq, Eq, sqlx::FromRow)]
pub struct NewsRow {
    pub id: Uuid,
    pub group_id: Option<Uuid>,
    pub group_name: Option<String>,
    pub author_id: Uuid,
    pub author_name: String,
    pub url: String,
    pub title: String,
    pub comment: String,
    pub tags: String,
    pub stems: String,
    pub created_at: DateTime<Utc>,
}

impl NewsRow {
    pub fn tag_list(&self) -> Vec<String> {
        self.tags.split_whitespace().map(str::to_owned).collect()
    }
}

/// The tags as stored: each between spaces.
pub fn tags_text(tags: &[String]) -> String {
    if tags.is_empty() {
        String::new()
    } else {
        format!(" {} ", tags.join(" "))
    }
}

/// Which items a list holds.
#[derive(Debug, Clone, PartialEq)]
pub enum NewsScope {
    /// One group's items.
    Group(Uuid),
    /// The platform's: items with no group and items of open groups.
    Platform,
}

/// Storage of this context. Implemented by both backends.
#[async_trait::async_trait]
pub trait NewsStore: Send + Sync {
    /// `NotFound` when the group or the author does not exist.
    async fn add_news(&self, item: &NewNewsItem) -> StoreResult<NewsRow>;
    async fn get_news(&self, id: Uuid) -> StoreResult<Option<NewsRow>>;
    /// `NotFound` when there is no such item.
    async fn delete_news(&self, id: Uuid) -> StoreResult<()>;
    /// Newest first, at most `MAX_SCAN`; `tag` (normalised) keeps the items that carry it.
    /// Leaves out the items of people blocked in groups (`group_blocks`).
    async fn list_news(&self, scope: &NewsScope, tag: Option<&str>) -> StoreResult<Vec<NewsRow>>;
    /// The items a person shared, oldest first (their data export).
    async fn news_of(&self, person: Uuid) -> StoreResult<Vec<NewsRow>>;
}
