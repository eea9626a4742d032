use crate::{Page, StoreResult};
use chrono::{DateTime, Utc};
use essaim_domain::structure::{MemberRole, StructureFields, StructureKind};
use uuid::Uuid;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Structure {
    pub id: Uuid,
    pub name: String,
    pub kind: StructureKind,
    pub siret: Option<String>,
    pub rna: Option<String>,
    /// A territory reference such as `commune:29019`.
    pub territory: Option<String>,
    pub description: String,
    pub website: Option<String>,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
}

#[derive(sqlx::FromRow)]
pub struct StructureRow {
    pub id: Uuid,
    pub name: String,
    pub kind: String,
    pub siret: Option<String>,
    pub rna: Option<String>,
    pub territory: Option<String>,
    pub description: String,
    pub website: Option<String>,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
}

impl TryFrom<StructureRow> for Structure {
    type Error = crate::StoreError;
    fn try_from(r: StructureRow) -> Result<Structure, Self::Error> {
        Ok(Structure {
            id: r.id,
            kind: StructureKind::parse(&r.kind)
                .map_err(|_| crate::StoreError::Corrupt(format!("structure kind {}", r.kind)))?,
            name: r.name,
            siret: r.siret,
            rna: r.rna,
            territory: r.territory,
            description: r.description,
            website: r.website,
            created_at: r.created_at,
            updated_at: r.updated_at,
        })
    }
}

pub const STRUCTURE_COLUMNS: &str =
    "id, name, kind, siret, rna, territory, description, website, created_at, updated_at";

/// The values to write for a structure's editable columns, in `STRUCTURE_COLUMNS` order.
pub struct StructureValues {
    pub name: String,
    pub kind: &'static str,
    pub siret: Option<String>,
    pub rna: Option<String>,
    pub territory: Option<String>,
    pub description: String,
    pub website: Option<String>,
}

impl From<&StructureFields> for StructureValues {
    fn from(f: &StructureFields) -> Self {
        StructureValues {
            name: f.name.clone(),
            kind: f.kind.as_str(),
            siret: f.siret.as_ref().map(|s| s.as_str().to_owned()),
            rna: f.rna.as_ref().map(|s| s.as_str().to_owned()),
            territory: f.territory.as_ref().map(ToString::to_string),
            description: f.description.clone(),
            website: f.website.clone(),
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Member {
    pub person_id: Uuid,
    pub display_name: String,
    pub role: MemberRole,
    pub joined_at: DateTime<Utc>,
}

#[derive(sqlx::FromRow)]
pub struct MemberRow {
    pub person_id: Uuid,
    pub display_name: String,
    pub role: String,
    pub joined_at: DateTime<Utc>,
}

impl TryFrom<MemberRow> for Member {
    type Error = crate::StoreError;
    fn try_from(r: MemberRow) -> Result<Member, Self::Error> {
        Ok(Member {
            person_id: r.person_id,
            display_name: r.display_name,
            role: MemberRole::parse(&r.role)
                .map_err(|_| crate::StoreError::Corrupt(format!("member role {}", r.role)))?,
            joined_at: r.joined_at,
        })
    }
}

#[async_trait::async_trait]
pub trait StructureStore {
    /// Creates the structure with `creator` as its first manager, in one transaction.
    async fn create_structure(
        &self,
        id: Uuid,
        fields: &StructureFields,
        creator: Uuid,
        now: DateTime<Utc>,
    ) -> StoreResult<Structure>;
    async fn update_structure(
        &self,
        id: Uuid,
        fields: &StructureFields,
        now: DateTime<Utc>,
    ) -> StoreResult<Structure>;
    async fn structure(&self, id: Uuid) -> StoreResult<Option<Structure>>;
    /// By name; `search` filters on the name, `kind` on the kind.
    async fn list_structures(
        &self,
        search: Option<&str>,
        kind: Option<StructureKind>,
        page: Page,
    ) -> StoreResult<Vec<Structure>>;
    async fn count_structures(
        &self,
        search: Option<&str>,
        kind: Option<StructureKind>,
    ) -> StoreResult<i64>;
    async fn members(&self, structure_id: Uuid) -> StoreResult<Vec<Member>>;
    async fn membership(
        &self,
        structure_id: Uuid,
        person_id: Uuid,
    ) -> StoreResult<Option<MemberRole>>;
    /// Fails with `AlreadyMember` when the person is already a member (a unique constraint).
    async fn add_member(
        &self,
        structure_id: Uuid,
        person_id: Uuid,
        role: MemberRole,
        now: DateTime<Utc>,
    ) -> StoreResult<()>;
    /// Removes a member; refuses (`LastManager`) to remove the last manager. False when absent.
    async fn remove_member(&self, structure_id: Uuid, person_id: Uuid) -> StoreResult<bool>;
    async fn structures_of(&self, person_id: Uuid) -> StoreResult<Vec<(Structure, MemberRole)>>;
}
