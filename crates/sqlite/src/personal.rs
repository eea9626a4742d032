use crate::SqliteStore;
use chrono::{DateTime, Utc};
use essaim_store::audit::AUDIT_COLUMNS;
use essaim_store::personal::{erased_email, Contributions, ERASED_PASSWORD_HASH};
use essaim_store::{AuditEntry, PersonalDataStore, SessionRecord, StoreResult};
use uuid::Uuid;

#[async_trait::async_trait]
impl PersonalDataStore for SqliteStore {
    async fn contributions_of(&self, person_id: Uuid) -> StoreResult<Contributions> {
        let initiatives_created = sqlx::query_as(
            "SELECT id, status, created_at FROM initiatives WHERE created_by = $1 ORDER BY created_at, id",
        )
        .bind(person_id)
        .fetch_all(&self.pool)
        .await?;
        let revisions = sqlx::query_as(
            "SELECT initiative_id, number, created_at, message FROM initiative_revisions
             WHERE author_id = $1 ORDER BY created_at, initiative_id, number",
        )
        .bind(person_id)
        .fetch_all(&self.pool)
        .await?;
        let proposals = sqlx::query_as(
            "SELECT id, initiative_id, created_at, message, status FROM initiative_proposals
             WHERE author_id = $1 ORDER BY created_at, id",
        )
        .bind(person_id)
        .fetch_all(&self.pool)
        .await?;
        let statements = sqlx::query_as(
            "SELECT s.conversation_id, s.number, s.text, s.created_at
             FROM conversation_statements s
             JOIN conversation_participants p ON p.id = s.author_participant
             WHERE p.person_id = $1 ORDER BY s.created_at, s.conversation_id, s.number",
        )
        .bind(person_id)
        .fetch_all(&self.pool)
        .await?;
        let votes = sqlx::query_scalar(
            "SELECT COUNT(*) FROM conversation_votes v
             JOIN conversation_participants p ON p.id = v.participant_id
             WHERE p.person_id = $1",
        )
        .bind(person_id)
        .fetch_one(&self.pool)
        .await?;
        let sortition = sqlx::query_as(
            "SELECT v.panel_id, p.title, v.number, v.status, v.created_at
             FROM sortition_volunteers v JOIN sortition_panels p ON p.id = v.panel_id
             WHERE v.person_id = $1 ORDER BY v.created_at, v.panel_id",
        )
        .bind(person_id)
        .fetch_all(&self.pool)
        .await?;
        // Offers and needs, and the messages written about them (`exchange`).
        let mut exchange_posts = essaim_store::ExchangeStore::list_exchange_posts(
            self,
            &essaim_store::exchange::PostFilter {
                author_id: Some(person_id),
                ..Default::default()
            },
            essaim_store::Page::first(i64::from(i32::MAX)),
        )
        .await?;
        exchange_posts.reverse();
        let exchange_messages =
            essaim_store::ExchangeStore::exchange_messages_by(self, person_id).await?;
        Ok(Contributions {
            initiatives_created,
            revisions,
            proposals,
            statements,
            votes,
            sortition,
            exchange_posts,
            exchange_messages,
            groups: essaim_store::GroupsStore::groups_data_of(self, person_id).await?,
            network: essaim_store::NetworkStore::network_data_of(self, person_id).await?,
            blockers: essaim_store::BlockersStore::blockers_data_of(self, person_id).await?,
            news: essaim_store::NewsStore::news_of(self, person_id).await?,
            review: essaim_store::ReviewStore::review_data_of(self, person_id).await?,
            impact: essaim_store::ImpactStore::impact_data_of(self, person_id).await?,
            events: essaim_store::EventsStore::registrations_of(self, person_id).await?,
            hackathons: (
                essaim_store::HackathonStore::participations_of(self, person_id).await?,
                essaim_store::HackathonStore::teams_of(self, person_id).await?,
            ),
            cafe: essaim_store::CafeStore::cafe_data_of(self, person_id).await?,
            jury: (
                essaim_store::JuryStore::jury_scores_given_by(self, person_id).await?,
                essaim_store::IncubationStore::updates_written_by(self, person_id).await?,
            ),
            collecte: essaim_store::CollecteStore::collecte_data_of(self, person_id).await?,
        })
    }

    async fn sessions_of(&self, person_id: Uuid) -> StoreResult<Vec<SessionRecord>> {
        Ok(sqlx::query_as(
            "SELECT id_hash, person_id, created_at, last_seen_at, expires_at FROM sessions
             WHERE person_id = $1 ORDER BY created_at",
        )
        .bind(person_id)
        .fetch_all(&self.pool)
        .await?)
    }

    async fn audit_of(&self, person_id: Uuid) -> StoreResult<Vec<AuditEntry>> {
        let sql = format!(
            "SELECT {AUDIT_COLUMNS} FROM audit_log WHERE actor_id = $1 OR subject = $2
             ORDER BY at, id"
        );
        Ok(sqlx::query_as(&sql)
            .bind(person_id)
            .bind(format!("person:{person_id}"))
            .fetch_all(&self.pool)
            .await?)
    }

    async fn erase_person(&self, person_id: Uuid, now: DateTime<Utc>) -> StoreResult<bool> {
        let mut tx = self.pool.begin().await?;
        let email: Option<String> =
            sqlx::query_scalar("SELECT email FROM people WHERE id = $1 AND deleted_at IS NULL")
                .bind(person_id)
                .fetch_optional(&mut *tx)
                .await?;
        let Some(email) = email else {
            return Ok(false);
        };
        sqlx::query(
            "UPDATE people SET email = $2, display_name = '', password_hash = $3,
                 email_confirmed_at = NULL, roles = '', profiles = '', search_text = '',
                 deleted_at = $4
             WHERE id = $1",
        )
        .bind(person_id)
        .bind(erased_email(person_id))
        .bind(ERASED_PASSWORD_HASH)
        .bind(now)
        .execute(&mut *tx)
        .await?;
        for table in ["sessions", "tokens", "api_tokens", "structure_members"] {
            sqlx::query(&format!("DELETE FROM {table} WHERE person_id = $1"))
                .bind(person_id)
                .execute(&mut *tx)
                .await?;
        }
        // Their statements and votes stay in the conversations, no longer linked to them.
        sqlx::query("UPDATE conversation_participants SET person_id = NULL WHERE person_id = $1")
            .bind(person_id)
            .execute(&mut *tx)
            .await?;
        // Registrations still in a pool go, and the pool changed: the selections computed
        // from it are cleared (panel rows first, the order every pool change locks in). Those
        // selected or declined stay for the draws that name their number, unlinked and blank.
        sqlx::query(
            "UPDATE sortition_panels SET pool_generation = pool_generation + 1,
                 selection = NULL, selection_at = NULL
             WHERE id IN (SELECT panel_id FROM sortition_volunteers
                          WHERE person_id = $1 AND status = 'pool')",
        )
        .bind(person_id)
        .execute(&mut *tx)
        .await?;
        // An erased person is no longer a public hacker; what they reported and wrote stays,
        // under a blank name, like other contributions.
        sqlx::query("DELETE FROM public_hackers WHERE person_id = $1")
            .bind(person_id)
            .execute(&mut *tx)
            .await?;
        sqlx::query("DELETE FROM sortition_volunteers WHERE person_id = $1 AND status = 'pool'")
            .bind(person_id)
            .execute(&mut *tx)
            .await?;
        sqlx::query(
            "UPDATE sortition_volunteers SET person_id = NULL, name = '', email = '', household = ''
             WHERE person_id = $1",
        )
        .bind(person_id)
        .execute(&mut *tx)
        .await?;
        // World Café: their participation (and seats) goes; the harvest they typed stays,
        // unlinked.
        sqlx::query("DELETE FROM cafe_participants WHERE person_id = $1")
            .bind(person_id)
            .execute(&mut *tx)
            .await?;
        sqlx::query("UPDATE cafe_harvest SET written_by = NULL WHERE written_by = $1")
            .bind(person_id)
            .execute(&mut *tx)
            .await?;
        // Offers and needs: their posts go with their conversations, and so do the
        // conversations they started elsewhere and every message they wrote.
        sqlx::query("DELETE FROM exchange_messages WHERE sender_id = $1 OR counterpart_id = $1")
            .bind(person_id)
            .execute(&mut *tx)
            .await?;
        sqlx::query("DELETE FROM exchange_posts WHERE author_id = $1")
            .bind(person_id)
            .execute(&mut *tx)
            .await?;
        // What they did in sessions stays, no longer linked to them: the items they
        // submitted to a collecte and the collections they opened, the teams they coached or
        // designed for, the incubation updates they wrote.
        for (table, column) in [
            ("collecte_items", "submitted_by"),
            ("collectes", "opened_by"),
            ("hackathon_teams", "coach_id"),
            ("hackathon_teams", "designer_id"),
            ("incubation_updates", "author_id"),
        ] {
            sqlx::query(&format!(
                "UPDATE {table} SET {column} = NULL WHERE {column} = $1"
            ))
            .bind(person_id)
            .execute(&mut *tx)
            .await?;
        }
        // Hackathons: the attributes they told and their places in teams go (the teams and
        // their workspaces stay).
        for table in ["hackathon_team_members", "hackathon_participants"] {
            sqlx::query(&format!("DELETE FROM {table} WHERE person_id = $1"))
                .bind(person_id)
                .execute(&mut *tx)
                .await?;
        }
        // Groups: settings, follows, mentions, reports, blocks and memberships go; their posts
        // stay in the threads (replies answer them) with their text erased.
        for (table, column) in [
            ("group_settings", "person_id"),
            ("group_follows", "person_id"),
            ("group_mentions", "person_id"),
            ("group_reports", "reporter_id"),
            ("group_blocks", "person_id"),
            ("group_members", "person_id"),
        ] {
            sqlx::query(&format!("DELETE FROM {table} WHERE {column} = $1"))
                .bind(person_id)
                .execute(&mut *tx)
                .await?;
        }
        sqlx::query("UPDATE group_posts SET body = '' WHERE author_id = $1")
            .bind(person_id)
            .execute(&mut *tx)
            .await?;
        sqlx::query("DELETE FROM mail_outbox WHERE to_address = $1")
            .bind(&email)
            .execute(&mut *tx)
            .await?;
        tx.commit().await?;
        Ok(true)
    }
}
