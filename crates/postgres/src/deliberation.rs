use crate::{on_unique, PgStore};
use chrono::{DateTime, Utc};
use essaim_store::deliberation::{
    import_folded, import_participants, import_votes, AnalysisRecord, Conversation,
    ConversationFields, ConversationSummary, ImportedConversation, NewStatement, Statement,
    VoteOutcome, VoteRow, CONVERSATION_COLUMNS, STATEMENT_COLUMNS, SUMMARY_SELECT,
};
use essaim_store::{DeliberationStore, Page, StoreError, StoreResult};
use sqlx::{PgConnection, Postgres, QueryBuilder};
use std::collections::HashMap;
use uuid::Uuid;

/// Rows an import sends in one statement (as arrays, three to eight of them).
const IMPORT_CHUNK: usize = 100_000;

async fn write_links(conn: &mut PgConnection, id: Uuid, initiatives: &[Uuid]) -> StoreResult<()> {
    sqlx::query("DELETE FROM conversation_initiatives WHERE conversation_id = $1")
        .bind(id)
        .execute(&mut *conn)
        .await?;
    if initiatives.is_empty() {
        return Ok(());
    }
    let mut qb = QueryBuilder::<Postgres>::new(
        "INSERT INTO conversation_initiatives (conversation_id, initiative_id) ",
    );
    qb.push_values(initiatives, |mut b, initiative| {
        b.push_bind(id).push_bind(*initiative);
    });
    qb.push(" ON CONFLICT DO NOTHING");
    qb.build().execute(&mut *conn).await?;
    Ok(())
}

/// Takes the conversation's next generation. The row stays locked until the transaction ends
/// (as with `SELECT … FOR UPDATE`), which is what orders concurrent statements' numbers.
/// `NotFound` when there is no conversation.
async fn bump_generation(conn: &mut PgConnection, id: Uuid) -> StoreResult<i64> {
    let generation: Option<i64> = sqlx::query_scalar(
        "UPDATE conversations SET generation = generation + 1 WHERE id = $1 RETURNING generation",
    )
    .bind(id)
    .fetch_optional(&mut *conn)
    .await?;
    generation.ok_or(StoreError::NotFound)
}

/// A missing conversation or person is `NotFound`, not a database failure.
fn on_foreign_key(err: sqlx::Error) -> StoreError {
    match &err {
        sqlx::Error::Database(db) if db.is_foreign_key_violation() => StoreError::NotFound,
        _ => StoreError::Database(err),
    }
}

#[async_trait::async_trait]
impl DeliberationStore for PgStore {
    async fn create_conversation(
        &self,
        fields: &ConversationFields,
        created_by: Uuid,
        now: DateTime<Utc>,
    ) -> StoreResult<Conversation> {
        let mut tx = self.pool.begin().await?;
        let created = insert_conversation(&mut tx, fields, created_by, now, 0).await?;
        write_links(&mut tx, created.id, &fields.initiative_ids).await?;
        tx.commit().await?;
        Ok(created)
    }

    async fn update_conversation(
        &self,
        id: Uuid,
        fields: &ConversationFields,
        now: DateTime<Utc>,
    ) -> StoreResult<Conversation> {
        let mut tx = self.pool.begin().await?;
        let sql = format!(
            "UPDATE conversations SET question = $2, description = $3, structure_id = $4,
                 open_for_statements = $5, moderation = $6, anonymous_allowed = $7, opens_at = $8,
                 closes_at = $9, challenge = $10, territories = $11, attribution = $12,
                 updated_at = $13
             WHERE id = $1 RETURNING {CONVERSATION_COLUMNS}"
        );
        let updated: Option<Conversation> = sqlx::query_as(&sql)
            .bind(id)
            .bind(&fields.question)
            .bind(&fields.description)
            .bind(fields.structure_id)
            .bind(fields.open_for_statements)
            .bind(&fields.moderation)
            .bind(fields.anonymous_allowed)
            .bind(fields.opens_at)
            .bind(fields.closes_at)
            .bind(&fields.challenge)
            .bind(&fields.territories)
            .bind(&fields.attribution)
            .bind(now)
            .fetch_optional(&mut *tx)
            .await?;
        let updated = updated.ok_or(StoreError::NotFound)?;
        write_links(&mut tx, id, &fields.initiative_ids).await?;
        tx.commit().await?;
        Ok(updated)
    }

    async fn conversation(&self, id: Uuid) -> StoreResult<Option<Conversation>> {
        let sql = format!("SELECT {CONVERSATION_COLUMNS} FROM conversations WHERE id = $1");
        Ok(sqlx::query_as(&sql)
            .bind(id)
            .fetch_optional(&self.pool)
            .await?)
    }

    async fn conversation_initiatives(&self, id: Uuid) -> StoreResult<Vec<Uuid>> {
        Ok(sqlx::query_scalar(
            "SELECT initiative_id FROM conversation_initiatives WHERE conversation_id = $1
             ORDER BY initiative_id",
        )
        .bind(id)
        .fetch_all(&self.pool)
        .await?)
    }

    async fn list_conversations(&self, page: Page) -> StoreResult<Vec<ConversationSummary>> {
        let sql =
            format!("{SUMMARY_SELECT} ORDER BY c.created_at DESC, c.id DESC LIMIT $1 OFFSET $2");
        Ok(sqlx::query_as(&sql)
            .bind(page.limit)
            .bind(page.offset)
            .fetch_all(&self.pool)
            .await?)
    }

    async fn count_conversations(&self) -> StoreResult<i64> {
        Ok(sqlx::query_scalar("SELECT COUNT(*) FROM conversations")
            .fetch_one(&self.pool)
            .await?)
    }

    async fn conversations_of_initiative(
        &self,
        initiative_id: Uuid,
    ) -> StoreResult<Vec<ConversationSummary>> {
        let sql = format!(
            "{SUMMARY_SELECT} WHERE c.id IN
                 (SELECT conversation_id FROM conversation_initiatives WHERE initiative_id = $1)
             ORDER BY c.created_at DESC, c.id DESC"
        );
        Ok(sqlx::query_as(&sql)
            .bind(initiative_id)
            .fetch_all(&self.pool)
            .await?)
    }

    async fn participant_for_person(
        &self,
        conversation_id: Uuid,
        person_id: Uuid,
        now: DateTime<Utc>,
    ) -> StoreResult<i64> {
        sqlx::query(
            "INSERT INTO conversation_participants (conversation_id, person_id, created_at)
             VALUES ($1, $2, $3) ON CONFLICT (conversation_id, person_id) DO NOTHING",
        )
        .bind(conversation_id)
        .bind(person_id)
        .bind(now)
        .execute(&self.pool)
        .await
        .map_err(on_foreign_key)?;
        self.find_participant(conversation_id, Some(person_id), None)
            .await?
            .ok_or(StoreError::NotFound)
    }

    async fn participant_for_key(
        &self,
        conversation_id: Uuid,
        key_hash: &str,
        now: DateTime<Utc>,
    ) -> StoreResult<i64> {
        sqlx::query(
            "INSERT INTO conversation_participants (conversation_id, key_hash, created_at)
             VALUES ($1, $2, $3) ON CONFLICT (conversation_id, key_hash) DO NOTHING",
        )
        .bind(conversation_id)
        .bind(key_hash)
        .bind(now)
        .execute(&self.pool)
        .await
        .map_err(on_foreign_key)?;
        self.find_participant(conversation_id, None, Some(key_hash))
            .await?
            .ok_or(StoreError::NotFound)
    }

    async fn find_participant(
        &self,
        conversation_id: Uuid,
        person_id: Option<Uuid>,
        key_hash: Option<&str>,
    ) -> StoreResult<Option<i64>> {
        if let Some(person_id) = person_id {
            let found = sqlx::query_scalar(
                "SELECT id FROM conversation_participants
                 WHERE conversation_id = $1 AND person_id = $2",
            )
            .bind(conversation_id)
            .bind(person_id)
            .fetch_optional(&self.pool)
            .await?;
            if found.is_some() {
                return Ok(found);
            }
        }
        let Some(key_hash) = key_hash else {
            return Ok(None);
        };
        Ok(sqlx::query_scalar(
            "SELECT id FROM conversation_participants WHERE conversation_id = $1 AND key_hash = $2",
        )
        .bind(conversation_id)
        .bind(key_hash)
        .fetch_optional(&self.pool)
        .await?)
    }

    async fn add_statement(
        &self,
        conversation_id: Uuid,
        statement: &NewStatement,
        folded: &str,
    ) -> StoreResult<Statement> {
        let mut tx = self.pool.begin().await?;
        // The conversation's row lock first: a concurrent writer waits here until this commits,
        // then reads the new largest number (each statement reads committed rows afresh).
        bump_generation(&mut tx, conversation_id).await?;
        let sql = format!(
            "INSERT INTO conversation_statements
                 (conversation_id, number, author_participant, text, folded, status, seed, created_at)
             VALUES ($1, (SELECT COALESCE(MAX(number) + 1, 0) FROM conversation_statements
                          WHERE conversation_id = $1),
                     $2, $3, $4, $5, $6, $7)
             RETURNING {STATEMENT_COLUMNS}"
        );
        let created: Statement = sqlx::query_as(&sql)
            .bind(conversation_id)
            .bind(statement.author_participant)
            .bind(&statement.text)
            .bind(folded)
            .bind(&statement.status)
            .bind(statement.seed)
            .bind(statement.created_at)
            .fetch_one(&mut *tx)
            .await
            .map_err(|e| {
                on_unique(
                    e,
                    "conversation_statements_folded_key",
                    StoreError::AlreadyExists,
                )
            })?;
        tx.commit().await?;
        Ok(created)
    }

    async fn statements(&self, conversation_id: Uuid) -> StoreResult<Vec<Statement>> {
        let sql = format!(
            "SELECT {STATEMENT_COLUMNS} FROM conversation_statements WHERE conversation_id = $1
             ORDER BY number"
        );
        Ok(sqlx::query_as(&sql)
            .bind(conversation_id)
            .fetch_all(&self.pool)
            .await?)
    }

    async fn moderate_statement(
        &self,
        conversation_id: Uuid,
        number: i32,
        status: &str,
        featured: bool,
    ) -> StoreResult<Statement> {
        let mut tx = self.pool.begin().await?;
        let sql = format!(
            "UPDATE conversation_statements SET status = $3, featured = $4
             WHERE conversation_id = $1 AND number = $2 RETURNING {STATEMENT_COLUMNS}"
        );
        let moderated: Option<Statement> = sqlx::query_as(&sql)
            .bind(conversation_id)
            .bind(number)
            .bind(status)
            .bind(featured)
            .fetch_optional(&mut *tx)
            .await?;
        let moderated = moderated.ok_or(StoreError::NotFound)?;
        bump_generation(&mut tx, conversation_id).await?;
        tx.commit().await?;
        Ok(moderated)
    }

    async fn cast_vote(
        &self,
        conversation_id: Uuid,
        participant_id: i64,
        number: i32,
        value: i16,
        now: DateTime<Utc>,
    ) -> StoreResult<VoteOutcome> {
        let mut tx = self.pool.begin().await?;
        // Inserts only when the statement is accepted and the participant is the conversation's;
        // the primary key turns a second vote, concurrent or not, into an update.
        let recorded = sqlx::query(
            "INSERT INTO conversation_votes (conversation_id, participant_id, statement_id, value, voted_at)
             SELECT s.conversation_id, p.id, s.id, $4, $5
             FROM conversation_statements s
             JOIN conversation_participants p ON p.id = $2 AND p.conversation_id = s.conversation_id
             WHERE s.conversation_id = $1 AND s.number = $3 AND s.status = 'accepted'
             ON CONFLICT (participant_id, statement_id)
             DO UPDATE SET value = excluded.value, voted_at = excluded.voted_at",
        )
        .bind(conversation_id)
        .bind(participant_id)
        .bind(number)
        .bind(value)
        .bind(now)
        .execute(&mut *tx)
        .await?
        .rows_affected();
        if recorded == 0 {
            tx.rollback().await?;
            return self.why_not_recorded(conversation_id, number).await;
        }
        bump_generation(&mut tx, conversation_id).await?;
        tx.commit().await?;
        Ok(VoteOutcome::Recorded)
    }

    async fn votes(&self, conversation_id: Uuid) -> StoreResult<Vec<VoteRow>> {
        // One row per vote: PostgreSQL sends binary rows that decode fast, and the plan is an
        // index-only scan of `conversation_votes_conversation_idx`, sorted within each
        // participant only (incremental sort); packing votes as the SQLite backend does gains
        // little here.
        Ok(sqlx::query_as(
            "SELECT v.participant_id, s.number AS statement, v.value
             FROM conversation_votes v JOIN conversation_statements s ON s.id = v.statement_id
             WHERE v.conversation_id = $1
             ORDER BY v.participant_id, s.number",
        )
        .bind(conversation_id)
        .fetch_all(&self.pool)
        .await?)
    }

    async fn votes_of(
        &self,
        conversation_id: Uuid,
        participant_id: i64,
    ) -> StoreResult<Vec<VoteRow>> {
        Ok(sqlx::query_as(
            "SELECT v.participant_id, s.number AS statement, v.value
             FROM conversation_votes v JOIN conversation_statements s ON s.id = v.statement_id
             WHERE v.participant_id = $2 AND v.conversation_id = $1
             ORDER BY s.number",
        )
        .bind(conversation_id)
        .bind(participant_id)
        .fetch_all(&self.pool)
        .await?)
    }

    async fn save_analysis(&self, record: &AnalysisRecord) -> StoreResult<()> {
        sqlx::query(
            "INSERT INTO conversation_analyses (conversation_id, generation, computed_at, body)
             VALUES ($1, $2, $3, $4)
             ON CONFLICT (conversation_id) DO UPDATE
             SET generation = excluded.generation, computed_at = excluded.computed_at,
                 body = excluded.body
             WHERE conversation_analyses.generation <= excluded.generation",
        )
        .bind(record.conversation_id)
        .bind(record.generation)
        .bind(record.computed_at)
        .bind(&record.body)
        .execute(&self.pool)
        .await?;
        Ok(())
    }

    async fn analysis(&self, conversation_id: Uuid) -> StoreResult<Option<AnalysisRecord>> {
        Ok(sqlx::query_as(
            "SELECT conversation_id, generation, computed_at, body FROM conversation_analyses
             WHERE conversation_id = $1",
        )
        .bind(conversation_id)
        .fetch_optional(&self.pool)
        .await?)
    }

    async fn stale_analyses(&self, limit: i64) -> StoreResult<Vec<(Uuid, i64)>> {
        Ok(sqlx::query_as(
            "SELECT c.id, c.generation FROM conversations c
             LEFT JOIN conversation_analyses a ON a.conversation_id = c.id
             WHERE (a.generation IS NULL OR a.generation < c.generation)
               AND EXISTS (SELECT 1 FROM conversation_votes v WHERE v.conversation_id = c.id)
             ORDER BY a.computed_at NULLS FIRST, c.id
             LIMIT $1",
        )
        .bind(limit)
        .fetch_all(&self.pool)
        .await?)
    }

    async fn import_conversation(&self, conversation: &ImportedConversation) -> StoreResult<Uuid> {
        let mut tx = self.pool.begin().await?;
        let created = insert_conversation(
            &mut tx,
            &conversation.fields,
            conversation.created_by,
            conversation.created_at,
            1,
        )
        .await?;
        let id = created.id;
        write_links(&mut tx, id, &conversation.fields.initiative_ids).await?;
        let at = conversation.created_at;

        // Arrays bound whole and unnested: one statement per chunk instead of one per row.
        for chunk in import_participants(conversation).chunks(IMPORT_CHUNK) {
            sqlx::query(
                "INSERT INTO conversation_participants (conversation_id, external_id, created_at)
                 SELECT $1, external_id, $2 FROM UNNEST($3::bigint[]) AS t (external_id)",
            )
            .bind(id)
            .bind(at)
            .bind(chunk)
            .execute(&mut *tx)
            .await?;
        }
        let participants: HashMap<i64, i64> = sqlx::query_as(
            "SELECT external_id, id FROM conversation_participants WHERE conversation_id = $1",
        )
        .bind(id)
        .fetch_all(&mut *tx)
        .await?
        .into_iter()
        .collect();

        let folded = import_folded(&conversation.statements);
        let rows: Vec<_> = conversation.statements.iter().zip(&folded).collect();
        for chunk in rows.chunks(IMPORT_CHUNK) {
            let numbers: Vec<i32> = chunk.iter().map(|((n, ..), _)| *n).collect();
            let authors: Vec<Option<i64>> = chunk
                .iter()
                .map(|((_, a, ..), _)| a.and_then(|a| participants.get(&a).copied()))
                .collect();
            let texts: Vec<&str> = chunk.iter().map(|((_, _, t, _), _)| t.as_str()).collect();
            let folded: Vec<&str> = chunk.iter().map(|(_, f)| f.as_str()).collect();
            let statuses: Vec<&str> = chunk.iter().map(|((.., s), _)| s.as_str()).collect();
            let seeds: Vec<bool> = chunk.iter().map(|((_, a, ..), _)| a.is_none()).collect();
            sqlx::query(
                "INSERT INTO conversation_statements
                     (conversation_id, number, author_participant, text, folded, status, seed, created_at)
                 SELECT $1, number, author, text, folded, status, seed, $2
                 FROM UNNEST($3::int[], $4::bigint[], $5::text[], $6::text[], $7::text[], $8::bool[])
                     AS t (number, author, text, folded, status, seed)",
            )
            .bind(id)
            .bind(at)
            .bind(numbers)
            .bind(authors)
            .bind(texts)
            .bind(folded)
            .bind(statuses)
            .bind(seeds)
            .execute(&mut *tx)
            .await?;
        }
        let statements: HashMap<i32, i64> = sqlx::query_as(
            "SELECT number, id FROM conversation_statements WHERE conversation_id = $1",
        )
        .bind(id)
        .fetch_all(&mut *tx)
        .await?
        .into_iter()
        .collect();

        let votes = import_votes(&conversation.votes, &participants, &statements)?;
        for chunk in votes.chunks(IMPORT_CHUNK) {
            let participant_ids: Vec<i64> = chunk.iter().map(|v| v.0).collect();
            let statement_ids: Vec<i64> = chunk.iter().map(|v| v.1).collect();
            let values: Vec<i16> = chunk.iter().map(|v| v.2).collect();
            sqlx::query(
                "INSERT INTO conversation_votes (conversation_id, participant_id, statement_id, value, voted_at)
                 SELECT $1, participant_id, statement_id, value, $2
                 FROM UNNEST($3::bigint[], $4::bigint[], $5::smallint[])
                     AS t (participant_id, statement_id, value)",
            )
            .bind(id)
            .bind(at)
            .bind(participant_ids)
            .bind(statement_ids)
            .bind(values)
            .execute(&mut *tx)
            .await?;
        }
        tx.commit().await?;
        Ok(id)
    }
}

impl PgStore {
    /// After a vote was not recorded: which of its conditions failed.
    async fn why_not_recorded(
        &self,
        conversation_id: Uuid,
        number: i32,
    ) -> StoreResult<VoteOutcome> {
        let status: Option<String> = sqlx::query_scalar(
            "SELECT status FROM conversation_statements WHERE conversation_id = $1 AND number = $2",
        )
        .bind(conversation_id)
        .bind(number)
        .fetch_optional(&self.pool)
        .await?;
        match status.as_deref() {
            None => Ok(VoteOutcome::UnknownStatement),
            Some("accepted") => Err(StoreError::NotFound),
            Some(_) => Ok(VoteOutcome::NotVotable),
        }
    }
}

async fn insert_conversation(
    conn: &mut PgConnection,
    fields: &ConversationFields,
    created_by: Uuid,
    now: DateTime<Utc>,
    generation: i64,
) -> StoreResult<Conversation> {
    let sql = format!(
        "INSERT INTO conversations (id, question, description, created_by, structure_id,
             open_for_statements, moderation, anonymous_allowed, opens_at, closes_at, challenge,
             territories, attribution, generation, created_at, updated_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $15)
         RETURNING {CONVERSATION_COLUMNS}"
    );
    Ok(sqlx::query_as(&sql)
        .bind(Uuid::now_v7())
        .bind(&fields.question)
        .bind(&fields.description)
        .bind(created_by)
        .bind(fields.structure_id)
        .bind(fields.open_for_statements)
        .bind(&fields.moderation)
        .bind(fields.anonymous_allowed)
        .bind(fields.opens_at)
        .bind(fields.closes_at)
        .bind(&fields.challenge)
        .bind(&fields.territories)
        .bind(&fields.attribution)
        .bind(generation)
        .bind(now)
        .fetch_one(&mut *conn)
        .await?)
}
