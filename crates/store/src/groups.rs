//! Groups by territory or theme, their threads and replies, follows, mentions, e-mail
//! notifications and moderation.
//!
//! What the store guarantees:
//!
//! - a person holds one membership per group (admin, member or pending), and a group keeps at
//!   least one admin (`Conflict(LAST_ADMIN)` otherwise);
//! - a thread is created with its first post in one transaction;
//! - a person reports a post once (a constraint: a flood of reports from one account counts
//!   once), and the report that reaches the threshold hides the post in the same transaction,
//!   unless a moderator has restored it since;
//! - a follow is held once per person and group or thread;
//! - the daily digest is claimed by moving the person's cursor with a compare-and-set, so that
//!   two housekeeping runs (or processes) never send the same digest twice.
//!
//! Who may read or post is decided by `web::groups` from `domain::groups`.

use crate::StoreResult;
use chrono::{DateTime, Utc};
use uuid::Uuid;

/// The codes of `StoreError::Conflict` this context returns.
pub mod conflict {
    /// The last admin of a group cannot leave it.
    pub const LAST_ADMIN: &str = "groups-last-admin";
}

/// Why a post is hidden.
pub const HIDDEN_BY_REPORTS: &str = "reports";
pub const HIDDEN_BY_MODERATOR: &str = "moderator";

/// The columns of `Group`, in a SELECT or RETURNING.
pub const GROUP_COLUMNS: &str =
    "id, name, description, territory, challenge, access, created_by, created_at";

#[derive(Debug, Clone, PartialEq, Eq, sqlx::FromRow, serde::Serialize)]
pub struct Group {
    pub id: Uuid,
    pub name: String,
    /// Markdown.
    pub description: String,
    /// A territory reference (`commune:29019`) or empty.
    pub territory: String,
    /// A challenge code (`inclusion`) or empty.
    pub challenge: String,
    /// "open" or "closed" (`domain::groups::Access`).
    pub access: String,
    pub created_by: Uuid,
    pub created_at: DateTime<Utc>,
}

/// A group in a list, with its counts.
#[derive(Debug, Clone, PartialEq, Eq, sqlx::FromRow)]
pub struct GroupSummary {
    pub id: Uuid,
    pub name: String,
    pub territory: String,
    pub challenge: String,
    pub access: String,
    pub created_at: DateTime<Utc>,
    /// Admins and members (not pending).
    pub members: i64,
    pub threads: i64,
}

#[derive(Debug, Clone, PartialEq, Eq, sqlx::FromRow)]
pub struct Membership {
    pub group_id: Uuid,
    pub person_id: Uuid,
    /// "admin", "member" or "pending" (`domain::groups::Role`).
    pub role: String,
    pub created_at: DateTime<Utc>,
}

/// A membership with the person's display name.
#[derive(Debug, Clone, PartialEq, Eq, sqlx::FromRow)]
pub struct MemberRow {
    pub person_id: Uuid,
    pub display_name: String,
    pub role: String,
    pub created_at: DateTime<Utc>,
}

#[derive(Debug, Clone, PartialEq, Eq, sqlx::FromRow, serde::Serialize)]
pub struct Thread {
    pub id: Uuid,
    pub group_id: Uuid,
    pub author_id: Uuid,
    pub title: String,
    pub created_at: DateTime<Utc>,
    pub last_post_at: DateTime<Utc>,
}

/// A thread in a list: its author's name and its number of posts (the first included).
#[derive(Debug, Clone, PartialEq, Eq, sqlx::FromRow)]
pub struct ThreadSummary {
    pub id: Uuid,
    pub title: String,
    pub author_id: Uuid,
    pub author_name: String,
    pub created_at: DateTime<Utc>,
    pub last_post_at: DateTime<Utc>,
    pub posts: i64,
    /// Its first post is hidden or its author blocked: the title is not shown but to
    /// moderators (`THREAD_TITLE_HIDDEN`).
    pub title_hidden: bool,
}

/// Whether the title of thread `t` is withheld: its first post is hidden (by reports or a
/// moderator) or its author is blocked. A boolean SQL expression on both backends.
pub const THREAD_TITLE_HIDDEN: &str = "(EXISTS (SELECT 1 FROM group_blocks tb
        WHERE tb.person_id = t.author_id)
    OR COALESCE((SELECT fp.hidden FROM group_posts fp WHERE fp.thread_id = t.id
        ORDER BY fp.created_at, fp.id LIMIT 1), '') <> '')";

/// The columns of `Post`, selected from `group_posts p JOIN people a`.
pub const POST_SELECT: &str = "SELECT p.id, p.thread_id, p.group_id, p.author_id,
    a.display_name AS author_name, p.body, p.hidden, p.created_at,
    (SELECT COUNT(*) FROM group_reports r WHERE r.post_id = p.id) AS reports,
    EXISTS (SELECT 1 FROM group_blocks b WHERE b.person_id = p.author_id) AS author_blocked
    FROM group_posts p JOIN people a ON a.id = p.author_id";

#[derive(Debug, Clone, PartialEq, Eq, sqlx::FromRow)]
pub struct Post {
    pub id: Uuid,
    pub thread_id: Uuid,
    pub group_id: Uuid,
    pub author_id: Uuid,
    pub author_name: String,
    /// Markdown.
    pub body: String,
    /// Empty, `HIDDEN_BY_REPORTS` or `HIDDEN_BY_MODERATOR`.
    pub hidden: String,
    pub created_at: DateTime<Utc>,
    /// Reports pending a moderator's decision.
    pub reports: i64,
    /// A blocked author's posts are hidden everywhere.
    pub author_blocked: bool,
}

impl Post {
    /// Shown as a placeholder instead of its text.
    pub fn is_hidden(&self) -> bool {
        !self.hidden.is_empty() || self.author_blocked
    }
}

pub struct NewGroup {
    pub id: Uuid,
    pub name: String,
    pub description: String,
    pub territory: String,
    pub challenge: String,
    pub access: String,
    pub created_by: Uuid,
    pub created_at: DateTime<Utc>,
}

pub struct NewPost {
    pub id: Uuid,
    pub thread_id: Uuid,
    pub group_id: Uuid,
    pub author_id: Uuid,
    pub body: String,
    /// The people @mentioned (already resolved to members).
    pub mentions: Vec<Uuid>,
    pub created_at: DateTime<Utc>,
}

pub struct NewThread {
    pub title: String,
    /// The first post; its `thread_id` is the new thread's id.
    pub post: NewPost,
}

/// A person's notification settings. `unsubscribe_token` is the secret of the one-click
/// unsubscribe link of every mail; `digest_cursor` the time up to which the digest has told
/// them of everything.
#[derive(Debug, Clone, PartialEq, Eq, sqlx::FromRow)]
pub struct Settings {
    pub person_id: Uuid,
    /// "immediate", "digest" or "none" (`domain::groups::NotifyMode`).
    pub mode: String,
    /// "fr" or "en": the language of their mails.
    pub locale: String,
    pub unsubscribe_token: String,
    pub digest_cursor: DateTime<Utc>,
    pub last_digest_at: Option<DateTime<Utc>>,
}

/// Whom to tell of a new post: who follows its group or thread or is mentioned in it.
#[derive(Debug, Clone, PartialEq, Eq, sqlx::FromRow)]
pub struct Recipient {
    pub person_id: Uuid,
    pub email: String,
    pub display_name: String,
    pub mode: String,
    pub locale: String,
    pub unsubscribe_token: String,
}

/// A post to put in a digest.
#[derive(Debug, Clone, PartialEq, Eq, sqlx::FromRow)]
pub struct DigestItem {
    pub post_id: Uuid,
    pub group_id: Uuid,
    pub group_name: String,
    pub thread_id: Uuid,
    pub thread_title: String,
    /// As `ThreadSummary::title_hidden`.
    pub title_hidden: bool,
    pub author_name: String,
    pub body: String,
    pub created_at: DateTime<Utc>,
}

/// A post in the moderators' queue: reported, or hidden and not yet decided.
#[derive(Debug, Clone, PartialEq, Eq, sqlx::FromRow)]
pub struct QueueItem {
    pub post_id: Uuid,
    pub thread_id: Uuid,
    pub thread_title: String,
    pub group_id: Uuid,
    pub group_name: String,
    pub author_id: Uuid,
    pub author_name: String,
    pub body: String,
    pub hidden: String,
    pub reports: i64,
    pub author_blocked: bool,
    pub created_at: DateTime<Utc>,
}

/// What a report did.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ReportOutcome {
    /// False when this person had already reported the post.
    pub new: bool,
    pub reports: i64,
    /// The post is hidden now.
    pub hidden: bool,
}

/// A blocked account.
#[derive(Debug, Clone, PartialEq, Eq, sqlx::FromRow)]
pub struct Block {
    pub person_id: Uuid,
    pub display_name: String,
    pub blocked_by: Uuid,
    pub created_at: DateTime<Utc>,
}

/// What a person did in groups, for their personal-data export.
#[derive(Debug, Clone, Default, PartialEq, Eq, serde::Serialize)]
pub struct GroupsData {
    pub memberships: Vec<(Uuid, String)>,
    pub posts: Vec<(Uuid, String, DateTime<Utc>)>,
    pub follows: Vec<Uuid>,
    pub mode: Option<String>,
}

/// Which groups a list shows; empty fields do not filter.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct GroupFilter {
    /// A challenge code.
    pub challenge: String,
    /// A territory reference: groups of this territory or of a territory inside it.
    pub territory: String,
}

impl GroupFilter {
    /// The LIKE pattern of `territory` in `territory_path`.
    pub fn territory_pattern(&self) -> String {
        format!("%,{},%", self.territory.replace(['%', '_', '\\'], ""))
    }
}

/// `territory_path` as stored: the group's territory and every territory containing it
/// (from the bundled divisions), as ",ref,ref,"; empty without a known territory.
pub fn territory_path(reference: &str) -> String {
    match essaim_domain::territory::Territories::bundled().resolve(reference) {
        Ok(t) => {
            let refs: Vec<String> = std::iter::once(t.reference().to_string())
                .chain(t.parents.iter().map(ToString::to_string))
                .collect();
            format!(",{},", refs.join(","))
        }
        Err(_) => String::new(),
    }
}

/// Storage of this context. Implemented by both backends.
#[async_trait::async_trait]
pub trait GroupsStore: Send + Sync {
    /// Creates the group with its creator as its first admin.
    async fn create_group(&self, group: &NewGroup) -> StoreResult<Group>;
    async fn find_group(&self, id: Uuid) -> StoreResult<Option<Group>>;
    /// Newest first.
    async fn list_groups(
        &self,
        filter: &GroupFilter,
        page: crate::Page,
    ) -> StoreResult<Vec<GroupSummary>>;
    async fn count_groups(&self, filter: &GroupFilter) -> StoreResult<i64>;
    /// Saves name, description, territory (and its path), challenge and access. Closing an open
    /// group keeps its members; opening a closed one leaves pending requests to decide.
    async fn update_group(&self, group: &Group) -> StoreResult<()>;

    /// This person's membership of the group, pending included.
    async fn group_membership(&self, group: Uuid, person: Uuid) -> StoreResult<Option<Membership>>;
    /// Adds a membership with this role; false (and no change) when one exists already.
    async fn add_group_membership(
        &self,
        group: Uuid,
        person: Uuid,
        role: &str,
        at: DateTime<Utc>,
    ) -> StoreResult<bool>;
    /// Sets the role of an existing membership (`NotFound` without one); `LAST_ADMIN` when it
    /// would leave the group without an admin.
    async fn set_group_role(&self, group: Uuid, person: Uuid, role: &str) -> StoreResult<()>;
    /// Removes the membership (and the person's follows of the group and its threads);
    /// `LAST_ADMIN` for the last admin. False when there was none.
    async fn remove_group_membership(&self, group: Uuid, person: Uuid) -> StoreResult<bool>;
    /// Admins first, then members, then pending; oldest first within each.
    async fn list_group_members(&self, group: Uuid) -> StoreResult<Vec<MemberRow>>;

    /// Creates the thread and its first post.
    async fn create_group_thread(&self, thread: &NewThread) -> StoreResult<Thread>;
    async fn find_group_thread(&self, id: Uuid) -> StoreResult<Option<Thread>>;
    /// Most recently active first.
    async fn list_group_threads(
        &self,
        group: Uuid,
        page: crate::Page,
    ) -> StoreResult<Vec<ThreadSummary>>;
    async fn add_group_post(&self, post: &NewPost) -> StoreResult<Post>;
    async fn find_group_post(&self, id: Uuid) -> StoreResult<Option<Post>>;
    /// Oldest first.
    async fn list_group_posts(&self, thread: Uuid) -> StoreResult<Vec<Post>>;

    /// Follows (or stops following) a group or a thread; `target` is its id.
    async fn set_group_follow(
        &self,
        person: Uuid,
        target: Uuid,
        follow: bool,
        at: DateTime<Utc>,
    ) -> StoreResult<()>;
    async fn follows_in_groups(&self, person: Uuid, target: Uuid) -> StoreResult<bool>;

    /// The person's settings, made with these defaults (mode, locale, token, cursor = `at`)
    /// when they have none.
    async fn ensure_group_settings(
        &self,
        person: Uuid,
        mode: &str,
        locale: &str,
        token: &str,
        at: DateTime<Utc>,
    ) -> StoreResult<Settings>;
    async fn group_settings(&self, person: Uuid) -> StoreResult<Option<Settings>>;
    async fn group_settings_by_token(&self, token: &str) -> StoreResult<Option<Settings>>;
    /// Sets mode and locale. Moving to the digest starts its cursor at `at`, so that the first
    /// digest does not tell of what came before.
    async fn set_group_notify_mode(
        &self,
        person: Uuid,
        mode: &str,
        locale: &str,
        at: DateTime<Utc>,
    ) -> StoreResult<()>;

    /// Who follows the post's group or thread or is mentioned in it, with settings, except its
    /// author and blocked accounts. Whether they may read the group is checked by the caller.
    async fn group_post_recipients(&self, post: Uuid) -> StoreResult<Vec<Recipient>>;
    /// People in digest mode whose last digest is older than `due` (or who never had one).
    async fn group_digest_due(&self, due: DateTime<Utc>) -> StoreResult<Vec<Settings>>;
    /// Visible posts created in `(since, until]`, not by `person`, in groups or threads they
    /// follow or mentioning them, in groups that are open or of which they are a member;
    /// oldest first.
    async fn group_digest_items(
        &self,
        person: Uuid,
        since: DateTime<Utc>,
        until: DateTime<Utc>,
    ) -> StoreResult<Vec<DigestItem>>;
    /// Moves the digest cursor from `from` to `to` and records the send at `to`; false when
    /// the cursor was not at `from` any more (someone else sent this digest).
    async fn claim_group_digest(
        &self,
        person: Uuid,
        from: DateTime<Utc>,
        to: DateTime<Utc>,
    ) -> StoreResult<bool>;

    /// Records a report (once per person and post) and hides the post when it reaches
    /// `threshold` reports, unless a moderator hid or restored it already. `NotFound` without
    /// the post.
    async fn report_group_post(
        &self,
        post: Uuid,
        reporter: Uuid,
        threshold: i64,
        at: DateTime<Utc>,
    ) -> StoreResult<ReportOutcome>;
    /// Reported or hidden posts whose reports no moderator has settled, newest first.
    async fn group_moderation_queue(&self) -> StoreResult<Vec<QueueItem>>;
    /// Hides the post (moderator's decision); its reports are settled.
    async fn hide_group_post(&self, post: Uuid, at: DateTime<Utc>) -> StoreResult<()>;
    /// Shows the post again and settles its reports; reports made later count anew.
    async fn restore_group_post(&self, post: Uuid, at: DateTime<Utc>) -> StoreResult<()>;
    /// Blocks the account in groups: no posting, posts hidden. Idempotent.
    async fn block_in_groups(&self, person: Uuid, by: Uuid, at: DateTime<Utc>) -> StoreResult<()>;
    async fn unblock_in_groups(&self, person: Uuid) -> StoreResult<()>;
    async fn is_blocked_in_groups(&self, person: Uuid) -> StoreResult<bool>;
    async fn list_group_blocks(&self) -> StoreResult<Vec<Block>>;

    /// The person's memberships, posts, follows and mode, for their export.
    async fn groups_data_of(&self, person: Uuid) -> StoreResult<GroupsData>;
}
