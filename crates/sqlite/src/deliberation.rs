use crate::{on_unique, SqliteStore};
use chrono::{DateTime, Utc};
use essaim_store::deliberation::{
    import_folded, import_participants, import_votes, AnalysisRecord, Conversation,
    ConversationFields, ConversationSummary, ImportedConversation, NewStatement, Statement,
    VoteOutcome, VoteRow, CONVERSATION_COLUMNS, STATEMENT_COLUMNS, SUMMARY_SELECT,
};
use essaim_store::{DeliberationStore, Page, StoreError, StoreResult};
use sqlx::{QueryBuilder, Sqlite, SqliteConnection};
use std::collections::HashMap;
use uuid::Uuid;

/// Bound values per statement: under SQLite's limit of 32,766.
const MAX_BINDS: usize = 30_000;

async fn write_links(
    conn: &mut SqliteConnection,
    id: Uuid,
    initiatives: &[Uuid],
) -> StoreResult<()> {
    sqlx::query("DELETE FROM conversation_initiatives WHERE conversation_id = $1")
        .bind(id)
        .execute(&mut *conn)
        .await?;
    if initiatives.is_empty() {
        return Ok(());
    }
    let mut qb = QueryBuilder::<Sqlite>::new(
        "INSERT INTO conversation_initiatives (conversation_id, initiative_id) ",
    );
    qb.push_values(initiatives, |mut b, initiative| {
        b.push_bind(id).push_bind(*initiative);
    });
    qb.push(" ON CONFLICT DO NOTHING");
    qb.build().execute(&mut *conn).await?;
    Ok(())
}

/// Takes the conversation's next generation. As the first write of a transaction it also takes
/// SQLite's write lock, before anything is read, so concurrent writers queue on the busy
/// timeout instead of failing on a stale snapshot. `NotFound` when there is no conversation.
async fn bump_generation(conn: &mut SqliteConnection, id: Uuid) -> StoreResult<i64> {
    let generation: Option<i64> = sqlx::query_scalar(
        "UPDATE conversations SET generation = generation + 1 WHERE id = $1 RETURNING generation",
    )
    .bind(id)
    .fetch_optional(&mut *conn)
    .await?;
    generation.ok_or(StoreError::NotFound)
}

/// One vote as `votes` packs it in SQL: `statement_id * 4 + value + 1`, the value (-1, 0 or 1)
/// in the two low bits.
fn unpack(item: &str) -> StoreResult<(i64, i16)> {
    let packed: i64 = item
        .parse()
        .map_err(|_| StoreError::Corrupt(format!("packed vote {item:?}")))?;
    let value = i16::try_from(packed & 3).unwrap_or(0) - 1;
    Ok((packed >> 2, value))
}

/// A missing conversation or person is `NotFound`, not a database failure.
fn on_foreign_key(err: sqlx::Error) -> StoreError {
    match &err {
        sqlx::Error::Database(db) if db.is_foreign_key_violation() => StoreError::NotFound,
        _ => StoreError::Database(err),
    }
}

#[async_trait::async_trait]
impl DeliberationStore for SqliteStore {
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
        // The write lock first: no other writer can take the same number before this commits.
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
                    "conversation_statements.folded",
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
        // One statement that writes (so it takes the write lock before reading), inserting
        // only when the statement is accepted and the participant is the conversation's; the
        // primary key turns a second vote, concurrent or not, into an update. The WHERE clause
        // also keeps SQLite from reading ON CONFLICT as a join's ON.
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
        // The analysis reads millions of votes, and sqlx decodes SQLite rows one by one, a few
        // microseconds each: one row per participant, their votes packed in one string, is read
        // several times faster than one row per vote (see `unpack`). Both reads see one
        // snapshot, so every voted statement is in the map.
        let mut tx = self.pool.begin().await?;
        let numbers: HashMap<i64, i32> = sqlx::query_as(
            "SELECT id, number FROM conversation_statements WHERE conversation_id = $1",
        )
        .bind(conversation_id)
        .fetch_all(&mut *tx)
        .await?
        .into_iter()
        .collect();
        let rows: Vec<(i64, String)> = sqlx::query_as(
            "SELECT participant_id, group_concat(statement_id * 4 + value + 1)
             FROM conversation_votes WHERE conversation_id = $1
             GROUP BY participant_id ORDER BY participant_id",
        )
        .bind(conversation_id)
        .fetch_all(&mut *tx)
        .await?;
        tx.commit().await?;
        let mut votes = Vec::new();
        for (participant_id, packed) in rows {
            let start = votes.len();
            for item in packed.split(',') {
                let (statement_id, value) = unpack(item)?;
                let statement = *numbers.get(&statement_id).ok_or_else(|| {
                    StoreError::Corrupt(format!("vote on unknown statement {statement_id}"))
                })?;
                votes.push(VoteRow {
                    participant_id,
                    statement,
                    value,
                });
            }
            votes[start..].sort_unstable_by_key(|v| v.statement);
        }
        Ok(votes)
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
             ORDER BY a.computed_at IS NOT NULL, a.computed_at, c.id
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

        for chunk in import_participants(conversation).chunks(MAX_BINDS / 3) {
            let mut qb = QueryBuilder::<Sqlite>::new(
                "INSERT INTO conversation_participants (conversation_id, external_id, created_at) ",
            );
            qb.push_values(chunk, |mut b, external| {
                b.push_bind(id).push_bind(*external).push_bind(at);
            });
            qb.build().execute(&mut *tx).await?;
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
        for chunk in rows.chunks(MAX_BINDS / 8) {
            let mut qb = QueryBuilder::<Sqlite>::new(
                "INSERT INTO conversation_statements
                     (conversation_id, number, author_participant, text, folded, status, seed, created_at) ",
            );
            qb.push_values(chunk, |mut b, ((number, author, text, status), folded)| {
                b.push_bind(id)
                    .push_bind(*number)
                    .push_bind(author.and_then(|a| participants.get(&a).copied()))
                    .push_bind(text)
                    .push_bind(folded)
                    .push_bind(status)
                    .push_bind(author.is_none())
                    .push_bind(at);
            });
            qb.build().execute(&mut *tx).await?;
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
        // Three values bound per vote; the conversation and the time once per statement.
        for chunk in votes.chunks((MAX_BINDS - 2) / 3) {
            let mut qb = QueryBuilder::<Sqlite>::new(
                "INSERT INTO conversation_votes (conversation_id, participant_id, statement_id, value, voted_at) SELECT ",
            );
            qb.push_bind(id);
            qb.push(", column1, column2, column3, ");
            qb.push_bind(at);
            qb.push(" FROM (");
            qb.push_values(chunk, |mut b, (participant, statement, value)| {
                b.push_bind(*participant)
                    .push_bind(*statement)
                    .push_bind(*value);
            });
            qb.push(")");
            qb.build().execute(&mut *tx).await?;
        }
        tx.commit().await?;
        Ok(id)
    }
}

impl SqliteStore {
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
    conn: &mut SqliteConnection,
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
