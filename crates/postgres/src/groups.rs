use crate::PgStore;
use chrono::{DateTime, Utc};
use essaim_store::groups::{
    conflict, territory_path, Block, DigestItem, Group, GroupFilter, GroupSummary, GroupsData,
    MemberRow, Membership, NewGroup, NewPost, NewThread, Post, QueueItem, Recipient, ReportOutcome,
    Settings, Thread, ThreadSummary, GROUP_COLUMNS, HIDDEN_BY_MODERATOR, HIDDEN_BY_REPORTS,
    POST_SELECT, THREAD_TITLE_HIDDEN,
};
use essaim_store::{GroupsStore, Page, StoreError, StoreResult};
use sqlx::PgConnection;
use uuid::Uuid;

const SETTINGS_COLUMNS: &str =
    "person_id, mode, locale, unsubscribe_token, digest_cursor, last_digest_at";

/// Takes the group's row for the rest of the transaction (a no-op write: a write lock on
/// SQLite, a row lock on PostgreSQL), so that membership changes of one group run one at a time.
async fn lock_group(conn: &mut PgConnection, group: Uuid) -> StoreResult<()> {
    let done = sqlx::query("UPDATE discussion_groups SET name = name WHERE id = $1")
        .bind(group)
        .execute(&mut *conn)
        .await?;
    if done.rows_affected() == 0 {
        return Err(StoreError::NotFound);
    }
    Ok(())
}

async fn admin_count(conn: &mut PgConnection, group: Uuid) -> StoreResult<i64> {
    let (n,): (i64,) =
        sqlx::query_as("SELECT COUNT(*) FROM group_members WHERE group_id = $1 AND role = 'admin'")
            .bind(group)
            .fetch_one(&mut *conn)
            .await?;
    Ok(n)
}

fn on_foreign_key(err: sqlx::Error) -> StoreError {
    match &err {
        sqlx::Error::Database(db) if db.is_foreign_key_violation() => StoreError::NotFound,
        _ => StoreError::Database(err),
    }
}

async fn insert_post(conn: &mut PgConnection, post: &NewPost) -> StoreResult<()> {
    sqlx::query(
        "INSERT INTO group_posts (id, thread_id, group_id, author_id, body, created_at)
         VALUES ($1, $2, $3, $4, $5, $6)",
    )
    .bind(post.id)
    .bind(post.thread_id)
    .bind(post.group_id)
    .bind(post.author_id)
    .bind(&post.body)
    .bind(post.created_at)
    .execute(&mut *conn)
    .await
    .map_err(on_foreign_key)?;
    for person in &post.mentions {
        sqlx::query(
            "INSERT INTO group_mentions (post_id, person_id) VALUES ($1, $2)
             ON CONFLICT DO NOTHING",
        )
        .bind(post.id)
        .bind(person)
        .execute(&mut *conn)
        .await
        .map_err(on_foreign_key)?;
    }
    Ok(())
}

#[async_trait::async_trait]
impl GroupsStore for PgStore {
    async fn create_group(&self, g: &NewGroup) -> StoreResult<Group> {
        let mut tx = self.pool.begin().await?;
        let sql = format!(
            "INSERT INTO discussion_groups ({GROUP_COLUMNS}, territory_path)
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) RETURNING {GROUP_COLUMNS}"
        );
        let group: Group = sqlx::query_as(&sql)
            .bind(g.id)
            .bind(&g.name)
            .bind(&g.description)
            .bind(&g.territory)
            .bind(&g.challenge)
            .bind(&g.access)
            .bind(g.created_by)
            .bind(g.created_at)
            .bind(territory_path(&g.territory))
            .fetch_one(&mut *tx)
            .await
            .map_err(on_foreign_key)?;
        sqlx::query(
            "INSERT INTO group_members (group_id, person_id, role, created_at)
             VALUES ($1, $2, 'admin', $3)",
        )
        .bind(g.id)
        .bind(g.created_by)
        .bind(g.created_at)
        .execute(&mut *tx)
        .await?;
        tx.commit().await?;
        Ok(group)
    }

    async fn find_group(&self, id: Uuid) -> StoreResult<Option<Group>> {
        let sql = format!("SELECT {GROUP_COLUMNS} FROM discussion_groups WHERE id = $1");
        Ok(sqlx::query_as(&sql)
            .bind(id)
            .fetch_optional(&self.pool)
            .await?)
    }

    async fn list_groups(
        &self,
        filter: &GroupFilter,
        page: Page,
    ) -> StoreResult<Vec<GroupSummary>> {
        Ok(sqlx::query_as(
            "SELECT g.id, g.name, g.territory, g.challenge, g.access, g.created_at,
                (SELECT COUNT(*) FROM group_members m
                  WHERE m.group_id = g.id AND m.role <> 'pending') AS members,
                (SELECT COUNT(*) FROM group_threads t WHERE t.group_id = g.id) AS threads
             FROM discussion_groups g
             WHERE ($1 = '' OR g.challenge = $1) AND ($2 = '' OR g.territory_path LIKE $3)
             ORDER BY g.created_at DESC, g.id DESC
             LIMIT $4 OFFSET $5",
        )
        .bind(&filter.challenge)
        .bind(&filter.territory)
        .bind(filter.territory_pattern())
        .bind(page.limit)
        .bind(page.offset)
        .fetch_all(&self.pool)
        .await?)
    }

    async fn count_groups(&self, filter: &GroupFilter) -> StoreResult<i64> {
        let (n,): (i64,) = sqlx::query_as(
            "SELECT COUNT(*) FROM discussion_groups g
             WHERE ($1 = '' OR g.challenge = $1) AND ($2 = '' OR g.territory_path LIKE $3)",
        )
        .bind(&filter.challenge)
        .bind(&filter.territory)
        .bind(filter.territory_pattern())
        .fetch_one(&self.pool)
        .await?;
        Ok(n)
    }

    async fn update_group(&self, g: &Group) -> StoreResult<()> {
        let done = sqlx::query(
            "UPDATE discussion_groups SET name = $2, description = $3, territory = $4,
                 territory_path = $5, challenge = $6, access = $7
             WHERE id = $1",
        )
        .bind(g.id)
        .bind(&g.name)
        .bind(&g.description)
        .bind(&g.territory)
        .bind(territory_path(&g.territory))
        .bind(&g.challenge)
        .bind(&g.access)
        .execute(&self.pool)
        .await?;
        if done.rows_affected() == 0 {
            return Err(StoreError::NotFound);
        }
        Ok(())
    }

    async fn group_membership(&self, group: Uuid, person: Uuid) -> StoreResult<Option<Membership>> {
        Ok(sqlx::query_as(
            "SELECT group_id, person_id, role, created_at FROM group_members
             WHERE group_id = $1 AND person_id = $2",
        )
        .bind(group)
        .bind(person)
        .fetch_optional(&self.pool)
        .await?)
    }

    async fn add_group_membership(
        &self,
        group: Uuid,
        person: Uuid,
        role: &str,
        at: DateTime<Utc>,
    ) -> StoreResult<bool> {
        let done = sqlx::query(
            "INSERT INTO group_members (group_id, person_id, role, created_at)
             VALUES ($1, $2, $3, $4) ON CONFLICT DO NOTHING",
        )
        .bind(group)
        .bind(person)
        .bind(role)
        .bind(at)
        .execute(&self.pool)
        .await
        .map_err(on_foreign_key)?;
        Ok(done.rows_affected() == 1)
    }

    async fn set_group_role(&self, group: Uuid, person: Uuid, role: &str) -> StoreResult<()> {
        let mut tx = self.pool.begin().await?;
        lock_group(&mut tx, group).await?;
        let done = sqlx::query(
            "UPDATE group_members SET role = $3 WHERE group_id = $1 AND person_id = $2",
        )
        .bind(group)
        .bind(person)
        .bind(role)
        .execute(&mut *tx)
        .await?;
        if done.rows_affected() == 0 {
            return Err(StoreError::NotFound);
        }
        if admin_count(&mut tx, group).await? == 0 {
            return Err(StoreError::Conflict(conflict::LAST_ADMIN));
        }
        tx.commit().await?;
        Ok(())
    }

    async fn remove_group_membership(&self, group: Uuid, person: Uuid) -> StoreResult<bool> {
        let mut tx = self.pool.begin().await?;
        lock_group(&mut tx, group).await?;
        let done = sqlx::query("DELETE FROM group_members WHERE group_id = $1 AND person_id = $2")
            .bind(group)
            .bind(person)
            .execute(&mut *tx)
            .await?;
        if done.rows_affected() == 0 {
            return Ok(false);
        }
        if admin_count(&mut tx, group).await? == 0 {
            return Err(StoreError::Conflict(conflict::LAST_ADMIN));
        }
        sqlx::query(
            "DELETE FROM group_follows WHERE person_id = $1 AND (target_id = $2
                OR target_id IN (SELECT id FROM group_threads WHERE group_id = $2))",
        )
        .bind(person)
        .bind(group)
        .execute(&mut *tx)
        .await?;
        tx.commit().await?;
        Ok(true)
    }

    async fn list_group_members(&self, group: Uuid) -> StoreResult<Vec<MemberRow>> {
        Ok(sqlx::query_as(
            "SELECT m.person_id, p.display_name, m.role, m.created_at
             FROM group_members m JOIN people p ON p.id = m.person_id
             WHERE m.group_id = $1
             ORDER BY CASE m.role WHEN 'admin' THEN 0 WHEN 'member' THEN 1 ELSE 2 END,
                      m.created_at, m.person_id",
        )
        .bind(group)
        .fetch_all(&self.pool)
        .await?)
    }

    async fn create_group_thread(&self, t: &NewThread) -> StoreResult<Thread> {
        let mut tx = self.pool.begin().await?;
        let thread: Thread = sqlx::query_as(
            "INSERT INTO group_threads (id, group_id, author_id, title, created_at, last_post_at)
             VALUES ($1, $2, $3, $4, $5, $5)
             RETURNING id, group_id, author_id, title, created_at, last_post_at",
        )
        .bind(t.post.thread_id)
        .bind(t.post.group_id)
        .bind(t.post.author_id)
        .bind(&t.title)
        .bind(t.post.created_at)
        .fetch_one(&mut *tx)
        .await
        .map_err(on_foreign_key)?;
        insert_post(&mut tx, &t.post).await?;
        tx.commit().await?;
        Ok(thread)
    }

    async fn find_group_thread(&self, id: Uuid) -> StoreResult<Option<Thread>> {
        Ok(sqlx::query_as(
            "SELECT id, group_id, author_id, title, created_at, last_post_at
             FROM group_threads WHERE id = $1",
        )
        .bind(id)
        .fetch_optional(&self.pool)
        .await?)
    }

    async fn list_group_threads(&self, group: Uuid, page: Page) -> StoreResult<Vec<ThreadSummary>> {
        let sql = format!(
            "SELECT t.id, t.title, t.author_id, a.display_name AS author_name, t.created_at,
                t.last_post_at,
                (SELECT COUNT(*) FROM group_posts p WHERE p.thread_id = t.id) AS posts,
                {THREAD_TITLE_HIDDEN} AS title_hidden
             FROM group_threads t JOIN people a ON a.id = t.author_id
             WHERE t.group_id = $1
             ORDER BY t.last_post_at DESC, t.id DESC LIMIT $2 OFFSET $3"
        );
        Ok(sqlx::query_as(&sql)
            .bind(group)
            .bind(page.limit)
            .bind(page.offset)
            .fetch_all(&self.pool)
            .await?)
    }

    async fn add_group_post(&self, post: &NewPost) -> StoreResult<Post> {
        let mut tx = self.pool.begin().await?;
        let done = sqlx::query(
            "UPDATE group_threads SET last_post_at = $2 WHERE id = $1 AND group_id = $3",
        )
        .bind(post.thread_id)
        .bind(post.created_at)
        .bind(post.group_id)
        .execute(&mut *tx)
        .await?;
        if done.rows_affected() == 0 {
            return Err(StoreError::NotFound);
        }
        insert_post(&mut tx, post).await?;
        let sql = format!("{POST_SELECT} WHERE p.id = $1");
        let row: Post = sqlx::query_as(&sql)
            .bind(post.id)
            .fetch_one(&mut *tx)
            .await?;
        tx.commit().await?;
        Ok(row)
    }

    async fn find_group_post(&self, id: Uuid) -> StoreResult<Option<Post>> {
        let sql = format!("{POST_SELECT} WHERE p.id = $1");
        Ok(sqlx::query_as(&sql)
            .bind(id)
            .fetch_optional(&self.pool)
            .await?)
    }

    async fn list_group_posts(&self, thread: Uuid) -> StoreResult<Vec<Post>> {
        let sql = format!("{POST_SELECT} WHERE p.thread_id = $1 ORDER BY p.created_at, p.id");
        Ok(sqlx::query_as(&sql)
            .bind(thread)
            .fetch_all(&self.pool)
            .await?)
    }

    async fn set_group_follow(
        &self,
        person: Uuid,
        target: Uuid,
        follow: bool,
        at: DateTime<Utc>,
    ) -> StoreResult<()> {
        if follow {
            sqlx::query(
                "INSERT INTO group_follows (person_id, target_id, created_at) VALUES ($1, $2, $3)
                 ON CONFLICT DO NOTHING",
            )
            .bind(person)
            .bind(target)
            .bind(at)
            .execute(&self.pool)
            .await
            .map_err(on_foreign_key)?;
        } else {
            sqlx::query("DELETE FROM group_follows WHERE person_id = $1 AND target_id = $2")
                .bind(person)
                .bind(target)
                .execute(&self.pool)
                .await?;
        }
        Ok(())
    }

    async fn follows_in_groups(&self, person: Uuid, target: Uuid) -> StoreResult<bool> {
        let row: Option<(i32,)> =
            sqlx::query_as("SELECT 1 FROM group_follows WHERE person_id = $1 AND target_id = $2")
                .bind(person)
                .bind(target)
                .fetch_optional(&self.pool)
                .await?;
        Ok(row.is_some())
    }

    async fn ensure_group_settings(
        &self,
        person: Uuid,
        mode: &str,
        locale: &str,
        token: &str,
        at: DateTime<Utc>,
    ) -> StoreResult<Settings> {
        sqlx::query(
            "INSERT INTO group_settings (person_id, mode, locale, unsubscribe_token, digest_cursor)
             VALUES ($1, $2, $3, $4, $5) ON CONFLICT (person_id) DO NOTHING",
        )
        .bind(person)
        .bind(mode)
        .bind(locale)
        .bind(token)
        .bind(at)
        .execute(&self.pool)
        .await
        .map_err(on_foreign_key)?;
        self.group_settings(person)
            .await?
            .ok_or(StoreError::NotFound)
    }

    async fn group_settings(&self, person: Uuid) -> StoreResult<Option<Settings>> {
        let sql = format!("SELECT {SETTINGS_COLUMNS} FROM group_settings WHERE person_id = $1");
        Ok(sqlx::query_as(&sql)
            .bind(person)
            .fetch_optional(&self.pool)
            .await?)
    }

    async fn group_settings_by_token(&self, token: &str) -> StoreResult<Option<Settings>> {
        let sql =
            format!("SELECT {SETTINGS_COLUMNS} FROM group_settings WHERE unsubscribe_token = $1");
        Ok(sqlx::query_as(&sql)
            .bind(token)
            .fetch_optional(&self.pool)
            .await?)
    }

    async fn set_group_notify_mode(
        &self,
        person: Uuid,
        mode: &str,
        locale: &str,
        at: DateTime<Utc>,
    ) -> StoreResult<()> {
        let done = sqlx::query(
            "UPDATE group_settings SET locale = $3,
                 digest_cursor = CASE WHEN mode <> 'digest' AND $2 = 'digest'
                                      THEN $4 ELSE digest_cursor END,
                 mode = $2
             WHERE person_id = $1",
        )
        .bind(person)
        .bind(mode)
        .bind(locale)
        .bind(at)
        .execute(&self.pool)
        .await?;
        if done.rows_affected() == 0 {
            return Err(StoreError::NotFound);
        }
        Ok(())
    }

    async fn group_post_recipients(&self, post: Uuid) -> StoreResult<Vec<Recipient>> {
        Ok(sqlx::query_as(
            "SELECT pe.id AS person_id, pe.email, pe.display_name, s.mode, s.locale,
                s.unsubscribe_token
             FROM group_posts p
             JOIN people pe ON pe.id IN (
                 SELECT f.person_id FROM group_follows f
                  WHERE f.target_id = p.group_id OR f.target_id = p.thread_id
                 UNION
                 SELECT m.person_id FROM group_mentions m WHERE m.post_id = p.id)
             JOIN group_settings s ON s.person_id = pe.id
             WHERE p.id = $1 AND pe.id <> p.author_id AND pe.deleted_at IS NULL
               AND NOT EXISTS (SELECT 1 FROM group_blocks b WHERE b.person_id = pe.id)
             ORDER BY pe.id",
        )
        .bind(post)
        .fetch_all(&self.pool)
        .await?)
    }

    async fn group_digest_due(&self, due: DateTime<Utc>) -> StoreResult<Vec<Settings>> {
        let sql = format!(
            "SELECT {SETTINGS_COLUMNS} FROM group_settings
             WHERE mode = 'digest' AND (last_digest_at IS NULL OR last_digest_at <= $1)
             ORDER BY person_id"
        );
        Ok(sqlx::query_as(&sql).bind(due).fetch_all(&self.pool).await?)
    }

    async fn group_digest_items(
        &self,
        person: Uuid,
        since: DateTime<Utc>,
        until: DateTime<Utc>,
    ) -> StoreResult<Vec<DigestItem>> {
        let sql = format!(
            "SELECT p.id AS post_id, g.id AS group_id, g.name AS group_name,
                t.id AS thread_id, t.title AS thread_title,
                {THREAD_TITLE_HIDDEN} AS title_hidden, a.display_name AS author_name,
                p.body, p.created_at
             FROM group_posts p
             JOIN group_threads t ON t.id = p.thread_id
             JOIN discussion_groups g ON g.id = p.group_id
             JOIN people a ON a.id = p.author_id
             WHERE p.created_at > $2 AND p.created_at <= $3
               AND p.author_id <> $1 AND p.hidden = ''
               AND NOT EXISTS (SELECT 1 FROM group_blocks b WHERE b.person_id = p.author_id)
               AND (EXISTS (SELECT 1 FROM group_follows f WHERE f.person_id = $1
                              AND (f.target_id = p.group_id OR f.target_id = p.thread_id))
                    OR EXISTS (SELECT 1 FROM group_mentions m
                               WHERE m.post_id = p.id AND m.person_id = $1))
               AND (g.access = 'open' OR EXISTS (SELECT 1 FROM group_members gm
                     WHERE gm.group_id = g.id AND gm.person_id = $1 AND gm.role <> 'pending'))
             ORDER BY p.created_at, p.id"
        );
        Ok(sqlx::query_as(&sql)
            .bind(person)
            .bind(since)
            .bind(until)
            .fetch_all(&self.pool)
            .await?)
    }

    async fn claim_group_digest(
        &self,
        person: Uuid,
        from: DateTime<Utc>,
        to: DateTime<Utc>,
    ) -> StoreResult<bool> {
        let done = sqlx::query(
            "UPDATE group_settings SET digest_cursor = $3, last_digest_at = $3
             WHERE person_id = $1 AND digest_cursor = $2 AND mode = 'digest'",
        )
        .bind(person)
        .bind(from)
        .bind(to)
        .execute(&self.pool)
        .await?;
        Ok(done.rows_affected() == 1)
    }

    async fn report_group_post(
        &self,
        post: Uuid,
        reporter: Uuid,
        threshold: i64,
        at: DateTime<Utc>,
    ) -> StoreResult<ReportOutcome> {
        let mut tx = self.pool.begin().await?;
        let inserted = sqlx::query(
            "INSERT INTO group_reports (post_id, reporter_id, created_at) VALUES ($1, $2, $3)
             ON CONFLICT DO NOTHING",
        )
        .bind(post)
        .bind(reporter)
        .bind(at)
        .execute(&mut *tx)
        .await
        .map_err(on_foreign_key)?
        .rows_affected()
            == 1;
        let (reports,): (i64,) =
            sqlx::query_as("SELECT COUNT(*) FROM group_reports WHERE post_id = $1")
                .bind(post)
                .fetch_one(&mut *tx)
                .await?;
        if reports >= threshold.max(1) {
            sqlx::query(
                "UPDATE group_posts SET hidden = $2, hidden_at = $3 WHERE id = $1 AND hidden = ''",
            )
            .bind(post)
            .bind(HIDDEN_BY_REPORTS)
            .bind(at)
            .execute(&mut *tx)
            .await?;
        }
        let (hidden,): (String,) = sqlx::query_as("SELECT hidden FROM group_posts WHERE id = $1")
            .bind(post)
            .fetch_one(&mut *tx)
            .await?;
        tx.commit().await?;
        Ok(ReportOutcome {
            new: inserted,
            reports,
            hidden: !hidden.is_empty(),
        })
    }

    async fn group_moderation_queue(&self) -> StoreResult<Vec<QueueItem>> {
        Ok(sqlx::query_as(
            "SELECT p.id AS post_id, t.id AS thread_id, t.title AS thread_title,
                g.id AS group_id, g.name AS group_name, p.author_id,
                a.display_name AS author_name, p.body, p.hidden,
                (SELECT COUNT(*) FROM group_reports r WHERE r.post_id = p.id) AS reports,
                EXISTS (SELECT 1 FROM group_blocks b WHERE b.person_id = p.author_id)
                    AS author_blocked,
                p.created_at
             FROM group_posts p
             JOIN group_threads t ON t.id = p.thread_id
             JOIN discussion_groups g ON g.id = p.group_id
             JOIN people a ON a.id = p.author_id
             WHERE p.hidden = 'reports'
                OR EXISTS (SELECT 1 FROM group_reports r WHERE r.post_id = p.id)
             ORDER BY p.created_at DESC, p.id DESC
             LIMIT 200",
        )
        .fetch_all(&self.pool)
        .await?)
    }

    async fn hide_group_post(&self, post: Uuid, at: DateTime<Utc>) -> StoreResult<()> {
        let mut tx = self.pool.begin().await?;
        let done = sqlx::query("UPDATE group_posts SET hidden = $2, hidden_at = $3 WHERE id = $1")
            .bind(post)
            .bind(HIDDEN_BY_MODERATOR)
            .bind(at)
            .execute(&mut *tx)
            .await?;
        if done.rows_affected() == 0 {
            return Err(StoreError::NotFound);
        }
        sqlx::query("DELETE FROM group_reports WHERE post_id = $1")
            .bind(post)
            .execute(&mut *tx)
            .await?;
        tx.commit().await?;
        Ok(())
    }

    async fn restore_group_post(&self, post: Uuid, _at: DateTime<Utc>) -> StoreResult<()> {
        let mut tx = self.pool.begin().await?;
        let done =
            sqlx::query("UPDATE group_posts SET hidden = '', hidden_at = NULL WHERE id = $1")
                .bind(post)
                .execute(&mut *tx)
                .await?;
        if done.rows_affected() == 0 {
            return Err(StoreError::NotFound);
        }
        sqlx::query("DELETE FROM group_reports WHERE post_id = $1")
            .bind(post)
            .execute(&mut *tx)
            .await?;
        tx.commit().await?;
        Ok(())
    }

    async fn block_in_groups(&self, person: Uuid, by: Uuid, at: DateTime<Utc>) -> StoreResult<()> {
        sqlx::query(
            "INSERT INTO group_blocks (person_id, blocked_by, created_at) VALUES ($1, $2, $3)
             ON CONFLICT DO NOTHING",
        )
        .bind(person)
        .bind(by)
        .bind(at)
        .execute(&self.pool)
        .await
        .map_err(on_foreign_key)?;
        Ok(())
    }

    async fn unblock_in_groups(&self, person: Uuid) -> StoreResult<()> {
        sqlx::query("DELETE FROM group_blocks WHERE person_id = $1")
            .bind(person)
            .execute(&self.pool)
            .await?;
        Ok(())
    }

    async fn is_blocked_in_groups(&self, person: Uuid) -> StoreResult<bool> {
        let row: Option<(i32,)> = sqlx::query_as("SELECT 1 FROM group_blocks WHERE person_id = $1")
            .bind(person)
            .fetch_optional(&self.pool)
            .await?;
        Ok(row.is_some())
    }

    async fn list_group_blocks(&self) -> StoreResult<Vec<Block>> {
        Ok(sqlx::query_as(
            "SELECT b.person_id, p.display_name, b.blocked_by, b.created_at
             FROM group_blocks b JOIN people p ON p.id = b.person_id
             ORDER BY b.created_at DESC, b.person_id",
        )
        .fetch_all(&self.pool)
        .await?)
    }

    async fn groups_data_of(&self, person: Uuid) -> StoreResult<GroupsData> {
        let memberships: Vec<(Uuid, String)> = sqlx::query_as(
            "SELECT group_id, role FROM group_members WHERE person_id = $1 ORDER BY created_at",
        )
        .bind(person)
        .fetch_all(&self.pool)
        .await?;
        let posts: Vec<(Uuid, String, DateTime<Utc>)> = sqlx::query_as(
            "SELECT id, body, created_at FROM group_posts WHERE author_id = $1
             ORDER BY created_at, id",
        )
        .bind(person)
        .fetch_all(&self.pool)
        .await?;
        let follows: Vec<(Uuid,)> = sqlx::query_as(
            "SELECT target_id FROM group_follows WHERE person_id = $1 ORDER BY created_at",
        )
        .bind(person)
        .fetch_all(&self.pool)
        .await?;
        let mode = self.group_settings(person).await?.map(|s| s.mode);
        Ok(GroupsData {
            memberships,
            posts,
            follows: follows.into_iter().map(|(id,)| id).collect(),
            mode,
        })
    }
}
