use crate::{on_unique, PgStore};
use chrono::{DateTime, Utc};
use essaim_domain::initiative::{Challenge, InitiativeContent, Status, StructureRole};
use essaim_domain::territory::Territories;
use essaim_store::initiatives::{
    content_json, territory_refs, IndexFields, InitiativeRow, RevisionRow, INITIATIVE_COLUMNS,
};
use essaim_store::{
    CatalogueChange, CataloguePage, CatalogueQuery, Facets, Initiative, InitiativeStore, Revision,
    RevisionNote, Sort, StoreError, StoreResult,
};
use sqlx::{PgConnection, Postgres, QueryBuilder};
use uuid::Uuid;

/// Rows a multi-row statement carries at a time: well under PostgreSQL's 65,535 parameters.
const CHUNK: usize = 500;

/// Rewrites what the catalogue filters and searches on for one initiative.
async fn write_index(
    conn: &mut PgConnection,
    id: Uuid,
    content: &InitiativeContent,
    generation: i64,
) -> StoreResult<()> {
    write_indexes(conn, &[(id, content)], generation).await
}

/// Rewrites the side tables, the full-text rows and the index columns of many initiatives with
/// a few multi-row statements (an import writes 100k rows: one statement per value would be
/// millions of round trips).
async fn write_indexes(
    conn: &mut PgConnection,
    items: &[(Uuid, &InitiativeContent)],
    generation: i64,
) -> StoreResult<()> {
    for chunk in items.chunks(CHUNK) {
        let fields: Vec<IndexFields> = chunk
            .iter()
            .map(|(_, c)| IndexFields::of(c, Territories::bundled()))
            .collect();
        let ids: Vec<Uuid> = chunk.iter().map(|(id, _)| *id).collect();
        for table in [
            "initiative_challenges",
            "initiative_territories",
            "initiative_departements",
            "initiative_regions",
            "initiative_structures",
        ] {
            let mut qb = QueryBuilder::<Postgres>::new(format!(
                "DELETE FROM {table} WHERE initiative_id IN ("
            ));
            let mut sep = qb.separated(", ");
            for id in &ids {
                sep.push_bind(*id);
            }
            qb.push(")");
            qb.build().execute(&mut *conn).await?;
        }
        let pairs = |values: &dyn Fn(usize) -> Vec<String>| -> Vec<(Uuid, String)> {
            let ids = &ids;
            (0..chunk.len())
                .flat_map(|n| values(n).into_iter().map(move |v| (ids[n], v)))
                .collect()
        };
        let side = [
            (
                "initiative_challenges",
                "challenge_code",
                pairs(&|n| chunk[n].1.challenges.clone()),
            ),
            (
                "initiative_territories",
                "reference",
                pairs(&|n| territory_refs(chunk[n].1)),
            ),
            (
                "initiative_departements",
                "code",
                pairs(&|n| fields[n].departements.clone()),
            ),
            (
                "initiative_regions",
                "code",
                pairs(&|n| fields[n].regions.clone()),
            ),
        ];
        for (table, column, rows) in side {
            for rows in rows.chunks(CHUNK * 4) {
                let mut qb = QueryBuilder::<Postgres>::new(format!(
                    "INSERT INTO {table} (initiative_id, {column}) "
                ));
                qb.push_values(rows, |mut b, (id, v)| {
                    b.push_bind(*id).push_bind(v.clone());
                });
                qb.build().execute(&mut *conn).await?;
            }
        }
        // A structure unknown here (an import from another instance) stays in the content only.
        let named: Vec<Uuid> = chunk
            .iter()
            .flat_map(|(_, c)| c.structures.iter().map(|(s, _)| *s))
            .collect();
        let known = existing_ids(conn, "structures", &named).await?;
        let structures: Vec<(Uuid, Uuid, &str)> = chunk
            .iter()
            .flat_map(|(id, c)| c.structures.iter().map(move |(s, r)| (*id, *s, r.as_str())))
            .filter(|(_, s, _)| known.contains(s))
            .collect();
        if !structures.is_empty() {
            let mut qb = QueryBuilder::<Postgres>::new(
                "INSERT INTO initiative_structures (initiative_id, structure_id, role) ",
            );
            qb.push_values(&structures, |mut b, (id, s, role)| {
                b.push_bind(*id).push_bind(*s).push_bind(*role);
            });
            qb.push(" ON CONFLICT DO NOTHING");
            qb.build().execute(&mut *conn).await?;
        }
        let mut qb = QueryBuilder::<Postgres>::new(
            "UPDATE initiatives i SET sort_title = v.sort_title, facet_keys = v.facet_keys,
             search = setweight(to_tsvector('simple', v.title), 'A') || setweight(to_tsvector('simple', v.body), 'B'),
             generation = ",
        );
        qb.push_bind(generation);
        qb.push(" FROM (");
        qb.push_values(ids.iter().zip(&fields), |mut b, (id, f)| {
            b.push_bind(*id)
                .push_bind(f.sort_title.clone())
                .push_bind(f.facet_keys.clone())
                .push_bind(f.search_title.clone())
                .push_bind(f.search_body.clone());
        });
        qb.push(") AS v (id, sort_title, facet_keys, title, body) WHERE i.id = v.id");
        qb.build().execute(&mut *conn).await?;
    }
    Ok(())
}

/// Which of `ids` are in `table`.
async fn existing_ids(
    conn: &mut PgConnection,
    table: &str,
    ids: &[Uuid],
) -> StoreResult<std::collections::HashSet<Uuid>> {
    let mut found = std::collections::HashSet::new();
    for chunk in ids.chunks(CHUNK * 4) {
        let mut qb = QueryBuilder::<Postgres>::new(format!("SELECT id FROM {table} WHERE id IN ("));
        let mut sep = qb.separated(", ");
        for id in chunk {
            sep.push_bind(*id);
        }
        qb.push(")");
        found.extend(
            qb.build_query_scalar::<Uuid>()
                .fetch_all(&mut *conn)
                .await?,
        );
    }
    Ok(found)
}

/// Takes the next catalogue generation (see migrations/0006): the row stays locked until the
/// transaction ends, so generations become visible in order.
async fn next_generation(conn: &mut PgConnection) -> StoreResult<i64> {
    Ok(
        sqlx::query_scalar("UPDATE catalogue_generation SET n = n + 1 RETURNING n")
            .fetch_one(&mut *conn)
            .await?,
    )
}

async fn insert_revision(
    conn: &mut PgConnection,
    id: Uuid,
    number: i32,
    content: &InitiativeContent,
    note: &RevisionNote,
) -> StoreResult<()> {
    sqlx::query(
        "INSERT INTO initiative_revisions (initiative_id, number, author_id, created_at, message, content)
         VALUES ($1, $2, $3, $4, $5, $6)",
    )
    .bind(id)
    .bind(number)
    .bind(note.author_id)
    .bind(note.at)
    .bind(&note.message)
    .bind(content_json(content))
    .execute(&mut *conn)
    .await?;
    Ok(())
}

/// FROM and WHERE of a catalogue request, shared by its count, page and facet queries.
fn push_filters(qb: &mut QueryBuilder<'_, Postgres>, q: &CatalogueQuery) {
    if let Some(tsquery) = q.search.as_ref().and_then(|s| s.to_tsquery()) {
        qb.push(" FROM initiatives i WHERE i.search @@ to_tsquery('simple', ");
        qb.push_bind(tsquery);
        qb.push(")");
    } else {
        qb.push(" FROM initiatives i WHERE 1 = 1");
    }
    qb.push(" AND i.status IN (");
    let mut sep = qb.separated(", ");
    for s in q.statuses() {
        sep.push_bind(s);
    }
    qb.push(")");
    let exists = |qb: &mut QueryBuilder<'_, Postgres>, table: &str, column: &str, value: String| {
        qb.push(format!(
            " AND EXISTS (SELECT 1 FROM {table} x WHERE x.initiative_id = i.id AND x.{column} = "
        ));
        qb.push_bind(value);
        qb.push(")");
    };
    if let Some(c) = &q.challenge {
        exists(qb, "initiative_challenges", "challenge_code", c.clone());
    }
    if let Some(r) = &q.region {
        exists(qb, "initiative_regions", "code", r.clone());
    }
    if let Some(d) = &q.departement {
        exists(qb, "initiative_departements", "code", d.clone());
    }
    if let Some(role) = q.structure_role {
        // On the facet keys, like the role facet: a structure unknown here (imported from
        // another instance) still plays its role.
        qb.push(" AND (' ' || i.facet_keys || ' ') LIKE ");
        qb.push_bind(format!("% o:{} %", role.as_str()));
    }
    if let Some(stage) = q.stage {
        qb.push(" AND i.stage = ");
        qb.push_bind(stage.as_str());
    }
}

impl PgStore {
    /// Facet counts over the filtered initiatives, in one pass over their `facet_keys`.
    async fn facets(&self, q: &CatalogueQuery) -> StoreResult<Facets> {
        let mut qb = QueryBuilder::<Postgres>::new("SELECT i.facet_keys");
        push_filters(&mut qb, q);
        let rows: Vec<String> = qb.build_query_scalar().fetch_all(&self.pool).await?;
        Ok(Facets::count(rows.iter().map(String::as_str)))
    }
}

#[async_trait::async_trait]
impl InitiativeStore for PgStore {
    async fn create_initiative(
        &self,
        id: Uuid,
        content: &InitiativeContent,
        status: Status,
        forked_from: Option<Uuid>,
        note: RevisionNote,
    ) -> StoreResult<Initiative> {
        let mut tx = self.pool.begin().await?;
        sqlx::query(
            "INSERT INTO initiatives (id, sort_title, stage, status, content, created_by, forked_from, revision, created_at, updated_at)
             VALUES ($1, '', $2, $3, $4, $5, $6, 1, $7, $7)",
        )
        .bind(id)
        .bind(content.stage.as_str())
        .bind(status.as_str())
        .bind(content_json(content))
        .bind(note.author_id)
        .bind(forked_from)
        .bind(note.at)
        .execute(&mut *tx)
        .await?;
        insert_revision(&mut tx, id, 1, content, &note).await?;
        let generation = next_generation(&mut tx).await?;
        write_index(&mut tx, id, content, generation).await?;
        tx.commit().await?;
        self.initiative(id).await?.ok_or(StoreError::NotFound)
    }

    async fn update_initiative(
        &self,
        id: Uuid,
        content: &InitiativeContent,
        note: RevisionNote,
    ) -> StoreResult<Initiative> {
        let mut tx = self.pool.begin().await?;
        // Taking the next number and writing it in one transaction: the primary key on
        // (initiative_id, number) refuses a concurrent writer that took the same number.
        let number: Option<i32> = sqlx::query_scalar(
            "UPDATE initiatives SET revision = revision + 1, content = $2, stage = $3, updated_at = $4
             WHERE id = $1 RETURNING revision",
        )
        .bind(id)
        .bind(content_json(content))
        .bind(content.stage.as_str())
        .bind(note.at)
        .fetch_optional(&mut *tx)
        .await?;
        let number = number.ok_or(StoreError::NotFound)?;
        insert_revision(&mut tx, id, number, content, &note).await?;
        let generation = next_generation(&mut tx).await?;
        write_index(&mut tx, id, content, generation).await?;
        tx.commit().await?;
        self.initiative(id).await?.ok_or(StoreError::NotFound)
    }

    async fn set_initiative_status(
        &self,
        id: Uuid,
        status: Status,
        at: DateTime<Utc>,
    ) -> StoreResult<()> {
        let mut tx = self.pool.begin().await?;
        let generation = next_generation(&mut tx).await?;
        let done = sqlx::query(
            "UPDATE initiatives SET status = $1, updated_at = $2, generation = $4 WHERE id = $3",
        )
        .bind(status.as_str())
        .bind(at)
        .bind(id)
        .bind(generation)
        .execute(&mut *tx)
        .await?;
        if done.rows_affected() == 0 {
            return Err(StoreError::NotFound);
        }
        tx.commit().await?;
        Ok(())
    }

    async fn initiative(&self, id: Uuid) -> StoreResult<Option<Initiative>> {
        let sql = format!("SELECT {INITIATIVE_COLUMNS} FROM initiatives i WHERE i.id = $1");
        let row: Option<InitiativeRow> = sqlx::query_as(&sql)
            .bind(id)
            .fetch_optional(&self.pool)
            .await?;
        row.map(TryInto::try_into).transpose()
    }

    async fn revisions(&self, id: Uuid) -> StoreResult<Vec<Revision>> {
        let rows: Vec<RevisionRow> = sqlx::query_as(
            "SELECT r.initiative_id, r.number, r.author_id, p.display_name AS author_name, r.created_at, r.message, r.content
             FROM initiative_revisions r LEFT JOIN people p ON p.id = r.author_id
             WHERE r.initiative_id = $1 ORDER BY r.number DESC",
        )
        .bind(id)
        .fetch_all(&self.pool)
        .await?;
        rows.into_iter().map(TryInto::try_into).collect()
    }

    async fn revision(&self, id: Uuid, number: i32) -> StoreResult<Option<Revision>> {
        let row: Option<RevisionRow> = sqlx::query_as(
            "SELECT r.initiative_id, r.number, r.author_id, p.display_name AS author_name, r.created_at, r.message, r.content
             FROM initiative_revisions r LEFT JOIN people p ON p.id = r.author_id
             WHERE r.initiative_id = $1 AND r.number = $2",
        )
        .bind(id)
        .bind(number)
        .fetch_optional(&self.pool)
        .await?;
        row.map(TryInto::try_into).transpose()
    }

    async fn forks_of(&self, id: Uuid) -> StoreResult<Vec<Initiative>> {
        let sql = format!("SELECT {INITIATIVE_COLUMNS} FROM initiatives i WHERE i.forked_from = $1 ORDER BY i.created_at, i.id");
        let rows: Vec<InitiativeRow> = sqlx::query_as(&sql).bind(id).fetch_all(&self.pool).await?;
        rows.into_iter().map(TryInto::try_into).collect()
    }

    async fn lineage_links(&self, root: Uuid) -> StoreResult<Vec<(Uuid, Uuid)>> {
        // Depth is bounded so that even corrupt data cannot make the recursion endless.
        Ok(sqlx::query_as(
            "WITH RECURSIVE tree (id, parent, depth) AS (
                 SELECT id, forked_from, 1 FROM initiatives WHERE forked_from = $1
                 UNION ALL
                 SELECT i.id, i.forked_from, t.depth + 1 FROM initiatives i JOIN tree t ON i.forked_from = t.id
                 WHERE t.depth < 64
             )
             SELECT t.id, t.parent FROM tree t JOIN initiatives i ON i.id = t.id ORDER BY i.created_at, i.id",
        )
        .bind(root)
        .fetch_all(&self.pool)
        .await?)
    }

    async fn catalogue(&self, q: &CatalogueQuery) -> StoreResult<CataloguePage> {
        let mut count = QueryBuilder::<Postgres>::new("SELECT COUNT(*)");
        push_filters(&mut count, q);
        let total: i64 = count.build_query_scalar().fetch_one(&self.pool).await?;
        let mut items = QueryBuilder::<Postgres>::new(format!("SELECT {INITIATIVE_COLUMNS}"));
        push_filters(&mut items, q);
        match (q.sort, q.search.as_ref().and_then(|s| s.to_tsquery())) {
            // The title is weighted A, the rest B (see write_index).
            (Sort::Relevance, Some(tsquery)) => {
                items.push(" ORDER BY ts_rank(i.search, to_tsquery('simple', ");
                items.push_bind(tsquery);
                items.push(")) DESC, i.id");
            }
            (Sort::Relevance | Sort::Recent, _) => {
                items.push(" ORDER BY i.updated_at DESC, i.id");
            }
            (Sort::Title, _) => {
                items.push(" ORDER BY i.sort_title, i.id");
            }
        }
        if let Some(page) = q.page {
            items.push(" LIMIT ");
            items.push_bind(page.limit);
            items.push(" OFFSET ");
            items.push_bind(page.offset);
        }
        let rows: Vec<InitiativeRow> = items.build_query_as().fetch_all(&self.pool).await?;
        Ok(CataloguePage {
            total,
            items: rows
                .into_iter()
                .map(TryInto::try_into)
                .collect::<StoreResult<_>>()?,
            facets: self.facets(q).await?,
        })
    }

    async fn catalogue_generation(&self) -> StoreResult<i64> {
        Ok(sqlx::query_scalar("SELECT n FROM catalogue_generation")
            .fetch_one(&self.pool)
            .await?)
    }

    async fn catalogue_changes(
        &self,
        after: (i64, Uuid),
        limit: i64,
    ) -> StoreResult<Vec<CatalogueChange>> {
        let sql = format!(
            "SELECT {INITIATIVE_COLUMNS}, i.generation FROM initiatives i
             WHERE (i.generation, i.id) > ($1, $2) ORDER BY i.generation, i.id LIMIT $3"
        );
        let rows = sqlx::query(&sql)
            .bind(after.0)
            .bind(after.1)
            .bind(limit)
            .fetch_all(&self.pool)
            .await?;
        rows.iter()
            .map(|r| {
                use sqlx::Row;
                let row: InitiativeRow = sqlx::FromRow::from_row(r)?;
                Ok(CatalogueChange {
                    generation: r.try_get("generation")?,
                    initiative: row.try_into()?,
                })
            })
            .collect()
    }

    async fn initiatives_by_ids(&self, ids: &[Uuid]) -> StoreResult<Vec<Initiative>> {
        if ids.is_empty() {
            return Ok(vec![]);
        }
        let mut qb = QueryBuilder::<Postgres>::new(format!(
            "SELECT {INITIATIVE_COLUMNS} FROM initiatives i WHERE i.id IN ("
        ));
        let mut sep = qb.separated(", ");
        for id in ids {
            sep.push_bind(*id);
        }
        qb.push(")");
        let rows: Vec<InitiativeRow> = qb.build_query_as().fetch_all(&self.pool).await?;
        rows.into_iter().map(TryInto::try_into).collect()
    }

    async fn challenges(&self) -> StoreResult<Vec<Challenge>> {
        let rows: Vec<(String, String, String, String)> = sqlx::query_as(
            "SELECT code, name_fr, name_en, sdgs FROM challenges ORDER BY position, code",
        )
        .fetch_all(&self.pool)
        .await?;
        Ok(rows
            .into_iter()
            .map(essaim_store::initiatives::challenge_of)
            .collect())
    }

    async fn add_challenge(&self, c: &Challenge) -> StoreResult<()> {
        let mut tx = self.pool.begin().await?;
        sqlx::query(
            "INSERT INTO challenges (code, name_fr, name_en, sdgs, position)
             VALUES ($1, $2, $3, $4, (SELECT COALESCE(MAX(position), 0) + 1 FROM challenges))",
        )
        .bind(&c.code)
        .bind(&c.name_fr)
        .bind(&c.name_en)
        .bind(essaim_store::initiatives::sdgs_text(&c.sdgs))
        .execute(&mut *tx)
        .await
        .map_err(|e| on_unique(e, "challenges_pkey", StoreError::AlreadyExists))?;
        // The catalogue keeps the list beside its index: a new generation tells it to reload.
        next_generation(&mut tx).await?;
        tx.commit().await?;
        Ok(())
    }

    async fn initiatives_of_structure(
        &self,
        structure_id: Uuid,
    ) -> StoreResult<Vec<(Initiative, StructureRole)>> {
        let sql = format!(
            "SELECT {INITIATIVE_COLUMNS}, s.role AS structure_role FROM initiatives i
             JOIN initiative_structures s ON s.initiative_id = i.id
             WHERE s.structure_id = $1 ORDER BY i.sort_title, i.id"
        );
        let rows = sqlx::query(&sql)
            .bind(structure_id)
            .fetch_all(&self.pool)
            .await?;
        rows.iter()
            .map(|r| {
                use sqlx::Row;
                let row: InitiativeRow = sqlx::FromRow::from_row(r)?;
                let role: String = r.try_get("structure_role")?;
                let role = StructureRole::parse(&role)
                    .map_err(|_| StoreError::Corrupt(format!("role {role}")))?;
                Ok((row.try_into()?, role))
            })
            .collect()
    }
}

#[async_trait::async_trait]
impl essaim_store::initiatives::InitiativeImport for PgStore {
    async fn import_initiatives(
        &self,
        records: &[essaim_domain::opendata::InitiativeRecord],
        author: Option<Uuid>,
        message: &str,
        progress: &(dyn Fn(usize) + Send + Sync),
    ) -> StoreResult<essaim_store::initiatives::ImportCounts> {
        let mut counts = essaim_store::initiatives::ImportCounts::default();
        let mut tx = self.pool.begin().await?;
        let generation = next_generation(&mut tx).await?;
        let mut done = 0;
        let mut updated = std::collections::HashSet::new();
        for chunk in records.chunks(CHUNK) {
            let ids: Vec<Uuid> = chunk.iter().map(|r| r.id).collect();
            let present = existing_ids(&mut tx, "initiatives", &ids).await?;
            updated.extend(present.iter().copied());
            // Records already here get a new revision, one statement each (updates are rare
            // next to first imports); new ones are inserted together.
            let mut numbers = Vec::with_capacity(chunk.len());
            for r in chunk {
                if !present.contains(&r.id) {
                    numbers.push(1);
                    continue;
                }
                let number: i32 = sqlx::query_scalar(
                    "UPDATE initiatives SET revision = revision + 1, content = $2, stage = $3, status = $4, updated_at = $5
                     WHERE id = $1 RETURNING revision",
                )
                .bind(r.id)
                .bind(content_json(&r.content))
                .bind(r.content.stage.as_str())
                .bind(r.status.as_str())
                .bind(r.updated_at)
                .fetch_one(&mut *tx)
                .await?;
                numbers.push(number);
            }
            let fresh: Vec<_> = chunk.iter().filter(|r| !present.contains(&r.id)).collect();
            counts.created += fresh.len();
            counts.updated += chunk.len() - fresh.len();
            if !fresh.is_empty() {
                let mut qb = QueryBuilder::<Postgres>::new(
                    "INSERT INTO initiatives (id, sort_title, stage, status, content, created_by, revision, created_at, updated_at) ",
                );
                qb.push_values(&fresh, |mut b, r| {
                    b.push_bind(r.id)
                        .push_bind("")
                        .push_bind(r.content.stage.as_str())
                        .push_bind(r.status.as_str())
                        .push_bind(content_json(&r.content))
                        .push_bind(author)
                        .push_bind(1)
                        .push_bind(r.created_at)
                        .push_bind(r.updated_at);
                });
                qb.build().execute(&mut *tx).await?;
            }
            let mut qb = QueryBuilder::<Postgres>::new(
                "INSERT INTO initiative_revisions (initiative_id, number, author_id, created_at, message, content) ",
            );
            qb.push_values(chunk.iter().zip(&numbers), |mut b, (r, number)| {
                b.push_bind(r.id)
                    .push_bind(*number)
                    .push_bind(author)
                    .push_bind(r.updated_at)
                    .push_bind(message)
                    .push_bind(content_json(&r.content));
            });
            qb.build().execute(&mut *tx).await?;
            let items: Vec<(Uuid, &InitiativeContent)> =
                chunk.iter().map(|r| (r.id, &r.content)).collect();
            write_indexes(&mut tx, &items, generation).await?;
            done += chunk.len();
            progress(done);
        }
        // Links to sources last: a source may come later in the file.
        for r in records
            .iter()
            .filter(|r| r.forked_from.is_some() || updated.contains(&r.id))
        {
            sqlx::query("UPDATE initiatives SET forked_from = $1 WHERE id = $2")
                .bind(r.forked_from)
                .bind(r.id)
                .execute(&mut *tx)
                .await?;
        }
        tx.commit().await?;
        progress(records.len());
        Ok(counts)
    }

    async fn export_initiatives(&self, statuses: &[Status]) -> StoreResult<Vec<Initiative>> {
        let mut qb = QueryBuilder::<Postgres>::new(format!(
            "SELECT {INITIATIVE_COLUMNS} FROM initiatives i WHERE i.status IN ("
        ));
        let mut sep = qb.separated(", ");
        for s in statuses {
            sep.push_bind(s.as_str());
        }
        qb.push(") ORDER BY i.created_at, i.id");
        let rows: Vec<InitiativeRow> = qb.build_query_as().fetch_all(&self.pool).await?;
        rows.into_iter().map(TryInto::try_into).collect()
    }
}

#[async_trait::async_trait]
impl essaim_store::initiatives::InitiativeImages for PgStore {
    async fn set_initiative_image(
        &self,
        id: Uuid,
        image: &essaim_store::initiatives::StoredImage,
    ) -> StoreResult<()> {
        sqlx::query(
            "INSERT INTO initiative_images (initiative_id, mime, data, width, height, updated_at)
             VALUES ($1, $2, $3, $4, $5, $6)
             ON CONFLICT (initiative_id) DO UPDATE SET mime = excluded.mime, data = excluded.data,
                 width = excluded.width, height = excluded.height, updated_at = excluded.updated_at",
        )
        .bind(id)
        .bind(&image.mime)
        .bind(&image.data)
        .bind(image.width)
        .bind(image.height)
        .bind(image.updated_at)
        .execute(&self.pool)
        .await?;
        Ok(())
    }

    async fn initiative_image(
        &self,
        id: Uuid,
    ) -> StoreResult<Option<essaim_store::initiatives::StoredImage>> {
        Ok(sqlx::query_as("SELECT mime, data, width, height, updated_at FROM initiative_images WHERE initiative_id = $1")
            .bind(id)
            .fetch_optional(&self.pool)
            .await?)
    }

    async fn delete_initiative_image(&self, id: Uuid) -> StoreResult<bool> {
        let done = sqlx::query("DELETE FROM initiative_images WHERE initiative_id = $1")
            .bind(id)
            .execute(&self.pool)
            .await?;
        Ok(done.rows_affected() == 1)
    }
}

#[async_trait::async_trait]
impl essaim_store::initiatives::InitiativeProposals for PgStore {
    async fn create_proposal(&self, p: &essaim_store::initiatives::Proposal) -> StoreResult<()> {
        sqlx::query(
            "INSERT INTO initiative_proposals (id, initiative_id, author_id, created_at, message, content, based_on, status)
             VALUES ($1, $2, $3, $4, $5, $6, $7, 'pending')",
        )
        .bind(p.id)
        .bind(p.initiative_id)
        .bind(p.author_id)
        .bind(p.created_at)
        .bind(&p.message)
        .bind(content_json(&p.content))
        .bind(p.based_on)
        .execute(&self.pool)
        .await?;
        Ok(())
    }

    async fn proposals_of(
        &self,
        initiative_id: Uuid,
    ) -> StoreResult<Vec<essaim_store::initiatives::Proposal>> {
        let sql = format!(
            "{} WHERE p.initiative_id = $1 ORDER BY p.created_at DESC, p.id",
            essaim_store::initiatives::PROPOSAL_SELECT
        );
        let rows: Vec<essaim_store::initiatives::ProposalRow> = sqlx::query_as(&sql)
            .bind(initiative_id)
            .fetch_all(&self.pool)
            .await?;
        rows.into_iter().map(TryInto::try_into).collect()
    }

    async fn proposal(&self, id: Uuid) -> StoreResult<Option<essaim_store::initiatives::Proposal>> {
        let sql = format!(
            "{} WHERE p.id = $1",
            essaim_store::initiatives::PROPOSAL_SELECT
        );
        let row: Option<essaim_store::initiatives::ProposalRow> = sqlx::query_as(&sql)
            .bind(id)
            .fetch_optional(&self.pool)
            .await?;
        row.map(TryInto::try_into).transpose()
    }

    async fn decide_proposal(
        &self,
        id: Uuid,
        status: &str,
        by: Uuid,
        at: DateTime<Utc>,
        note: &str,
    ) -> StoreResult<bool> {
        let done = sqlx::query(
            "UPDATE initiative_proposals SET status = $2, decided_by = $3, decided_at = $4, decision_note = $5
             WHERE id = $1 AND status = 'pending'",
        )
        .bind(id)
        .bind(status)
        .bind(by)
        .bind(at)
        .bind(note)
        .execute(&self.pool)
        .await?;
        Ok(done.rows_affected() == 1)
    }
}
