use crate::{on_unique, SqliteStore};
use chrono::{DateTime, Utc};
use essaim_domain::structure::{MemberRole, StructureFields, StructureKind};
use essaim_domain::territory::normalise_name;
use essaim_store::structures::{MemberRow, StructureRow, StructureValues, STRUCTURE_COLUMNS};
use essaim_store::{
    like_pattern, Member, Page, StoreError, StoreResult, Structure, StructureStore,
};
use uuid::Uuid;

#[async_trait::async_trait]
impl StructureStore for SqliteStore {
    async fn create_structure(
        &self,
        id: Uuid,
        fields: &StructureFields,
        creator: Uuid,
        now: DateTime<Utc>,
    ) -> StoreResult<Structure> {
        let v = StructureValues::from(fields);
        let mut tx = self.pool.begin().await?;
        let sql = format!(
            "INSERT INTO structures (id, name, search_text, kind, siret, rna, territory, description, website, created_at, updated_at)
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $10) RETURNING {STRUCTURE_COLUMNS}"
        );
        let row: StructureRow = sqlx::query_as(&sql)
            .bind(id)
            .bind(&v.name)
            .bind(normalise_name(&v.name))
            .bind(v.kind)
            .bind(&v.siret)
            .bind(&v.rna)
            .bind(&v.territory)
            .bind(&v.description)
            .bind(&v.website)
            .bind(now)
            .fetch_one(&mut *tx)
            .await?;
        sqlx::query("INSERT INTO structure_members (structure_id, person_id, role, joined_at) VALUES ($1, $2, 'manager', $3)")
            .bind(id)
            .bind(creator)
            .bind(now)
            .execute(&mut *tx)
            .await?;
        tx.commit().await?;
        row.try_into()
    }

    async fn update_structure(
        &self,
        id: Uuid,
        fields: &StructureFields,
        now: DateTime<Utc>,
    ) -> StoreResult<Structure> {
        let v = StructureValues::from(fields);
        let sql = format!(
            "UPDATE structures SET name = $2, search_text = $3, kind = $4, siret = $5, rna = $6, territory = $7,
                 description = $8, website = $9, updated_at = $10
             WHERE id = $1 RETURNING {STRUCTURE_COLUMNS}"
        );
        let row: Option<StructureRow> = sqlx::query_as(&sql)
            .bind(id)
            .bind(&v.name)
            .bind(normalise_name(&v.name))
            .bind(v.kind)
            .bind(&v.siret)
            .bind(&v.rna)
            .bind(&v.territory)
            .bind(&v.description)
            .bind(&v.website)
            .bind(now)
            .fetch_optional(&self.pool)
            .await?;
        row.ok_or(StoreError::NotFound)?.try_into()
    }

    async fn structure(&self, id: Uuid) -> StoreResult<Option<Structure>> {
        let sql = format!("SELECT {STRUCTURE_COLUMNS} FROM structures WHERE id = $1");
        let row: Option<StructureRow> = sqlx::query_as(&sql)
            .bind(id)
            .fetch_optional(&self.pool)
            .await?;
        row.map(TryInto::try_into).transpose()
    }

    async fn list_structures(
        &self,
        search: Option<&str>,
        kind: Option<StructureKind>,
        page: Page,
    ) -> StoreResult<Vec<Structure>> {
        let sql = format!(
            "SELECT {STRUCTURE_COLUMNS} FROM structures
             WHERE search_text LIKE $1 ESCAPE '\\' AND ($2 IS NULL OR kind = $2)
             ORDER BY search_text, id LIMIT $3 OFFSET $4"
        );
        let rows: Vec<StructureRow> = sqlx::query_as(&sql)
            .bind(like_pattern(search))
            .bind(kind.map(StructureKind::as_str))
            .bind(page.limit)
            .bind(page.offset)
            .fetch_all(&self.pool)
            .await?;
        rows.into_iter().map(TryInto::try_into).collect()
    }

    async fn count_structures(
        &self,
        search: Option<&str>,
        kind: Option<StructureKind>,
    ) -> StoreResult<i64> {
        Ok(sqlx::query_scalar(
            "SELECT COUNT(*) FROM structures WHERE search_text LIKE $1 ESCAPE '\\' AND ($2 IS NULL OR kind = $2)",
        )
        .bind(like_pattern(search))
        .bind(kind.map(StructureKind::as_str))
        .fetch_one(&self.pool)
        .await?)
    }

    async fn members(&self, structure_id: Uuid) -> StoreResult<Vec<Member>> {
        let rows: Vec<MemberRow> = sqlx::query_as(
            "SELECT m.person_id, p.display_name, m.role, m.joined_at
             FROM structure_members m JOIN people p ON p.id = m.person_id
             WHERE m.structure_id = $1 ORDER BY m.role, p.display_name",
        )
        .bind(structure_id)
        .fetch_all(&self.pool)
        .await?;
        rows.into_iter().map(TryInto::try_into).collect()
    }

    async fn membership(
        &self,
        structure_id: Uuid,
        person_id: Uuid,
    ) -> StoreResult<Option<MemberRole>> {
        let role: Option<String> = sqlx::query_scalar(
            "SELECT role FROM structure_members WHERE structure_id = $1 AND person_id = $2",
        )
        .bind(structure_id)
        .bind(person_id)
        .fetch_optional(&self.pool)
        .await?;
        role.map(|r| {
            MemberRole::parse(&r).map_err(|_| StoreError::Corrupt(format!("member role {r}")))
        })
        .transpose()
    }

    async fn add_member(
        &self,
        structure_id: Uuid,
        person_id: Uuid,
        role: MemberRole,
        now: DateTime<Utc>,
    ) -> StoreResult<()> {
        sqlx::query("INSERT INTO structure_members (structure_id, person_id, role, joined_at) VALUES ($1, $2, $3, $4)")
            .bind(structure_id)
            .bind(person_id)
            .bind(role.as_str())
            .bind(now)
            .execute(&self.pool)
            .await
            .map_err(|e| on_unique(e, "structure_members", StoreError::AlreadyMember))?;
        Ok(())
    }

    async fn remove_member(&self, structure_id: Uuid, person_id: Uuid) -> StoreResult<bool> {
        // One statement, so the "not the last manager" rule holds against concurrent removals.
        let done = sqlx::query(
            "DELETE FROM structure_members WHERE structure_id = $1 AND person_id = $2
               AND (role <> 'manager'
                    OR (SELECT COUNT(*) FROM structure_members WHERE structure_id = $1 AND role = 'manager') > 1)",
        )
        .bind(structure_id)
        .bind(person_id)
        .execute(&self.pool)
        .await?;
        if done.rows_affected() == 1 {
            return Ok(true);
        }
        match self.membership(structure_id, person_id).await? {
            Some(MemberRole::Manager) => Err(StoreError::LastManager),
            _ => Ok(false),
        }
    }

    async fn structures_of(&self, person_id: Uuid) -> StoreResult<Vec<(Structure, MemberRole)>> {
        let sql = format!(
            "SELECT {cols}, m.role AS member_role FROM structures s
             JOIN structure_members m ON m.structure_id = s.id
             WHERE m.person_id = $1 ORDER BY s.search_text",
            cols = STRUCTURE_COLUMNS
                .split(", ")
                .map(|c| format!("s.{c}"))
                .collect::<Vec<_>>()
                .join(", ")
        );
        let rows: Vec<(StructureRow, String)> = {
            use sqlx::Row;
            let raw = sqlx::query(&sql)
                .bind(person_id)
                .fetch_all(&self.pool)
                .await?;
            let mut out = Vec::with_capacity(raw.len());
            for r in raw {
                let row: StructureRow = sqlx::FromRow::from_row(&r)?;
                out.push((row, r.try_get::<String, _>("member_role")?));
            }
            out
        };
        rows.into_iter()
            .map(|(s, role)| {
                let role = MemberRole::parse(&role)
                    .map_err(|_| StoreError::Corrupt(format!("member role {role}")))?;
                Ok((s.try_into()?, role))
            })
            .collect()
    }
}
