//! Initiatives, their revisions, forks, challenges and the catalogue (filters, facets, search).

use crate::{Page, StoreResult};
use chrono::{DateTime, Utc};
use essaim_domain::initiative::{Challenge, InitiativeContent, Stage, Status, StructureRole};
use essaim_domain::search::{index_text, SearchQuery};
use essaim_domain::territory::{normalise_name, Territories, TerritoryLevel, TerritoryRef};
use uuid::Uuid;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Initiative {
    pub id: Uuid,
    pub content: InitiativeContent,
    pub status: Status,
    pub created_by: Option<Uuid>,
    /// The initiative this one was copied from.
    pub forked_from: Option<Uuid>,
    /// The number of the current revision (1 for a new initiative).
    pub revision: i32,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
}

/// Who changes what, and why: every write of an initiative is a revision.
#[derive(Debug, Clone)]
pub struct RevisionNote {
    pub author_id: Uuid,
    pub message: String,
    pub at: DateTime<Utc>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Revision {
    pub initiative_id: Uuid,
    pub number: i32,
    pub author_id: Option<Uuid>,
    pub author_name: Option<String>,
    pub created_at: DateTime<Utc>,
    pub message: String,
    pub content: InitiativeContent,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Sort {
    /// Best match first (recent first without a search).
    #[default]
    Relevance,
    Recent,
    Title,
}

impl Sort {
    pub fn parse(s: &str) -> Option<Sort> {
        match s {
            "pertinence" | "relevance" => Some(Sort::Relevance),
            "recent" => Some(Sort::Recent),
            "titre" | "title" => Some(Sort::Title),
            _ => None,
        }
    }
}

/// A catalogue request: every filter optional; only published initiatives unless `statuses`
/// says otherwise.
#[derive(Debug, Clone, Default)]
pub struct CatalogueQuery {
    pub search: Option<SearchQuery>,
    pub challenge: Option<String>,
    pub region: Option<String>,
    pub departement: Option<String>,
    pub stage: Option<Stage>,
    pub structure_role: Option<StructureRole>,
    pub statuses: Vec<Status>,
    pub sort: Sort,
    pub page: Option<Page>,
}

impl CatalogueQuery {
    /// The filters as facet keys (see `IndexFields::facet_keys`): an initiative matches when
    /// it has every one of them.
    pub fn filter_keys(&self) -> Vec<String> {
        let mut keys = vec![];
        keys.extend(self.challenge.iter().map(|c| format!("c:{c}")));
        keys.extend(self.region.iter().map(|c| format!("r:{c}")));
        keys.extend(self.departement.iter().map(|c| format!("d:{c}")));
        keys.extend(self.stage.iter().map(|s| format!("e:{}", s.as_str())));
        keys.extend(
            self.structure_role
                .iter()
                .map(|r| format!("o:{}", r.as_str())),
        );
        keys
    }

    pub fn statuses(&self) -> Vec<&'static str> {
        if self.statuses.is_empty() {
            vec![Status::Published.as_str()]
        } else {
            self.statuses.iter().map(|s| s.as_str()).collect()
        }
    }
}

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Facets {
    pub challenges: Vec<(String, i64)>,
    pub regions: Vec<(String, i64)>,
    pub departements: Vec<(String, i64)>,
    pub stages: Vec<(String, i64)>,
    pub structure_roles: Vec<(String, i64)>,
}

impl Facets {
    /// Counts facet values over the `facet_keys` of the matching initiatives, most frequent first
    /// (ties by value), as the catalogue shows them.
    pub fn count<'a>(keys: impl Iterator<Item = &'a str>) -> Facets {
        let mut counts: std::collections::HashMap<&'a str, i64> = std::collections::HashMap::new();
        for row in keys {
            for key in row.split(' ').filter(|k| !k.is_empty()) {
                *counts.entry(key).or_default() += 1;
            }
        }
        Facets::from_counts(counts.into_iter())
    }

    /// Facets from a count per facet key (`c:alimentation` → 12); zero counts are left out.
    pub fn from_counts<'a>(counts: impl Iterator<Item = (&'a str, i64)>) -> Facets {
        let counts: Vec<(&str, i64)> = counts.filter(|(_, n)| *n > 0).collect();
        let pick = |prefix: &str| {
            let mut list: Vec<(String, i64)> = counts
                .iter()
                .filter_map(|(k, n)| k.strip_prefix(prefix).map(|v| (v.to_owned(), *n)))
                .collect();
            list.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
            list
        };
        Facets {
            challenges: pick("c:"),
            regions: pick("r:"),
            departements: pick("d:"),
            stages: pick("e:"),
            structure_roles: pick("o:"),
        }
    }
}

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct CataloguePage {
    pub total: i64,
    pub items: Vec<Initiative>,
    pub facets: Facets,
}

/// What the tables beside `initiatives` hold for one initiative, computed once in Rust so
/// that both backends index and filter on the same values.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct IndexFields {
    pub sort_title: String,
    pub search_title: String,
    pub search_body: String,
    pub departements: Vec<String>,
    pub regions: Vec<String>,
    /// Every facet value of the initiative, space-separated, each prefixed by its facet:
    /// `c:` challenge, `r:` région, `d:` département, `e:` stage, `o:` structure role.
    pub facet_keys: String,
}

impl IndexFields {
    pub fn of(content: &InitiativeContent, territories: &Territories) -> IndexFields {
        let mut departements = vec![];
        let mut regions = vec![];
        for r in &content.territories {
            let mut consider = vec![r.clone()];
            if let Some(t) = territories.get(r) {
                consider.extend(t.parents.iter().cloned());
            }
            for c in consider {
                let list = match c.level {
                    TerritoryLevel::Departement => &mut departements,
                    TerritoryLevel::Region => &mut regions,
                    _ => continue,
                };
                if !list.contains(&c.code) {
                    list.push(c.code.clone());
                }
            }
        }
        let mut keys: Vec<String> = vec![];
        keys.extend(content.challenges.iter().map(|c| format!("c:{c}")));
        keys.extend(regions.iter().map(|c| format!("r:{c}")));
        keys.extend(departements.iter().map(|c| format!("d:{c}")));
        keys.push(format!("e:{}", content.stage.as_str()));
        for (_, role) in &content.structures {
            let key = format!("o:{}", role.as_str());
            if !keys.contains(&key) {
                keys.push(key);
            }
        }
        IndexFields {
            facet_keys: keys.join(" "),
            sort_title: normalise_name(&content.title),
            search_title: index_text(&content.title),
            search_body: index_text(&content.body_text()),
            departements,
            regions,
        }
    }
}

/// The `initiatives` row both backends read; the content is the JSON of the current revision.
#[derive(sqlx::FromRow)]
pub struct InitiativeRow {
    pub id: Uuid,
    pub content: String,
    pub status: String,
    pub created_by: Option<Uuid>,
    pub forked_from: Option<Uuid>,
    pub revision: i32,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
}

pub const INITIATIVE_COLUMNS: &str = "i.id, i.content, i.status, i.created_by, i.forked_from, i.revision, i.created_at, i.updated_at";

impl TryFrom<InitiativeRow> for Initiative {
    type Error = crate::StoreError;
    fn try_from(r: InitiativeRow) -> Result<Initiative, Self::Error> {
        Ok(Initiative {
            id: r.id,
            content: serde_json::from_str(&r.content)
                .map_err(|e| crate::StoreError::Corrupt(format!("initiative {}: {e}", r.id)))?,
            status: Status::parse(&r.status)
                .map_err(|_| crate::StoreError::Corrupt(format!("status {}", r.status)))?,
            created_by: r.created_by,
            forked_from: r.forked_from,
            revision: r.revision,
            created_at: r.created_at,
            updated_at: r.updated_at,
        })
    }
}

#[derive(sqlx::FromRow)]
pub struct RevisionRow {
    pub initiative_id: Uuid,
    pub number: i32,
    pub author_id: Option<Uuid>,
    pub author_name: Option<String>,
    pub created_at: DateTime<Utc>,
    pub message: String,
    pub content: String,
}

impl TryFrom<RevisionRow> for Revision {
    type Error = crate::StoreError;
    fn try_from(r: RevisionRow) -> Result<Revision, Self::Error> {
        Ok(Revision {
            initiative_id: r.initiative_id,
            number: r.number,
            author_id: r.author_id,
            author_name: r.author_name,
            created_at: r.created_at,
            message: r.message,
            content: serde_json::from_str(&r.content)
                .map_err(|e| crate::StoreError::Corrupt(format!("revision: {e}")))?,
        })
    }
}

pub fn content_json(content: &InitiativeContent) -> String {
    serde_json::to_string(content).expect("content serialises")
}

pub fn territory_refs(content: &InitiativeContent) -> Vec<String> {
    content
        .territories
        .iter()
        .map(TerritoryRef::to_string)
        .collect()
}

#[async_trait::async_trait]
pub trait InitiativeStore {
    /// Creates an initiative and its revision 1 in one transaction.
    async fn create_initiative(
        &self,
        id: Uuid,
        content: &InitiativeContent,
        status: Status,
        forked_from: Option<Uuid>,
        note: RevisionNote,
    ) -> StoreResult<Initiative>;
    /// Replaces the content, recording a new revision; the search index follows in the same
    /// transaction.
    async fn update_initiative(
        &self,
        id: Uuid,
        content: &InitiativeContent,
        note: RevisionNote,
    ) -> StoreResult<Initiative>;
    async fn set_initiative_status(
        &self,
        id: Uuid,
        status: Status,
        at: DateTime<Utc>,
    ) -> StoreResult<()>;
    async fn initiative(&self, id: Uuid) -> StoreResult<Option<Initiative>>;
    /// Newest first.
    async fn revisions(&self, id: Uuid) -> StoreResult<Vec<Revision>>;
    async fn revision(&self, id: Uuid, number: i32) -> StoreResult<Option<Revision>>;
    /// Direct copies, oldest first.
    async fn forks_of(&self, id: Uuid) -> StoreResult<Vec<Initiative>>;
    /// `(child, parent)` links of every descendant of `root`.
    async fn lineage_links(&self, root: Uuid) -> StoreResult<Vec<(Uuid, Uuid)>>;
    async fn catalogue(&self, query: &CatalogueQuery) -> StoreResult<CataloguePage>;
    /// The last catalogue generation taken by a write (0 before any).
    async fn catalogue_generation(&self) -> StoreResult<i64>;
    /// Initiatives of any status written after `after` in (generation, id) order, at most
    /// `limit`: how the in-memory catalogue index catches up with the database.
    async fn catalogue_changes(
        &self,
        after: (i64, Uuid),
        limit: i64,
    ) -> StoreResult<Vec<CatalogueChange>>;
    /// The initiatives with these ids, in no particular order; unknown ids are left out.
    async fn initiatives_by_ids(&self, ids: &[Uuid]) -> StoreResult<Vec<Initiative>>;
    async fn challenges(&self) -> StoreResult<Vec<Challenge>>;
    /// Adds a challenge to the list (admins); `AlreadyExists` when the code is taken.
    async fn add_challenge(&self, challenge: &Challenge) -> StoreResult<()>;
    /// Initiatives a structure takes part in.
    async fn initiatives_of_structure(
        &self,
        structure_id: Uuid,
    ) -> StoreResult<Vec<(Initiative, StructureRole)>>;
}

/// One initiative as a write left it, with the catalogue generation of that write.
#[derive(Debug, Clone)]
pub struct CatalogueChange {
    pub generation: i64,
    pub initiative: Initiative,
}

/// A `challenges` row (code, French, English, SDGs as "3,10") as a `Challenge`.
pub fn challenge_of((code, name_fr, name_en, sdgs): (String, String, String, String)) -> Challenge {
    Challenge {
        code,
        name_fr,
        name_en,
        sdgs: sdgs
            .split(',')
            .filter_map(|g| g.trim().parse().ok())
            .collect(),
    }
}

pub fn sdgs_text(sdgs: &[u8]) -> String {
    sdgs.iter()
        .map(ToString::to_string)
        .collect::<Vec<_>>()
        .join(",")
}

/// What an import did.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct ImportCounts {
    pub created: usize,
    pub updated: usize,
}

#[async_trait::async_trait]
pub trait InitiativeImport {
    /// Writes records as they are (ids, statuses, dates, lineage) in one transaction: all or
    /// nothing. An id already present updates that initiative with a new revision. Lineage
    /// links are set after every record is in, so a copy may come before its source in the file;
    /// a source found nowhere fails the whole import. `progress` is called with the count done.
    /// `author` is recorded as the creator of new initiatives and the author of the revisions.
    async fn import_initiatives(
        &self,
        records: &[essaim_domain::opendata::InitiativeRecord],
        author: Option<Uuid>,
        message: &str,
        progress: &(dyn Fn(usize) + Send + Sync),
    ) -> StoreResult<ImportCounts>;
    /// Every initiative with the given statuses, oldest first, for exports.
    async fn export_initiatives(&self, statuses: &[Status]) -> StoreResult<Vec<Initiative>>;
}

/// A cover image as stored: already re-encoded.
#[derive(Debug, Clone, PartialEq, Eq, sqlx::FromRow)]
pub struct StoredImage {
    pub mime: String,
    pub data: Vec<u8>,
    pub width: i32,
    pub height: i32,
    pub updated_at: DateTime<Utc>,
}

#[async_trait::async_trait]
pub trait InitiativeImages {
    /// Sets or replaces the cover image.
    async fn set_initiative_image(&self, id: Uuid, image: &StoredImage) -> StoreResult<()>;
    async fn initiative_image(&self, id: Uuid) -> StoreResult<Option<StoredImage>>;
    /// True when there was one.
    async fn delete_initiative_image(&self, id: Uuid) -> StoreResult<bool>;
}

/// An edit proposed by someone who may not edit the initiative.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Proposal {
    pub id: Uuid,
    pub initiative_id: Uuid,
    pub author_id: Option<Uuid>,
    pub author_name: Option<String>,
    pub created_at: DateTime<Utc>,
    pub message: String,
    pub content: InitiativeContent,
    /// The revision the proposal was written against.
    pub based_on: i32,
    /// pending, accepted, rejected.
    pub status: String,
    pub decided_at: Option<DateTime<Utc>>,
    pub decision_note: String,
}

#[derive(sqlx::FromRow)]
pub struct ProposalRow {
    pub id: Uuid,
    pub initiative_id: Uuid,
    pub author_id: Option<Uuid>,
    pub author_name: Option<String>,
    pub created_at: DateTime<Utc>,
    pub message: String,
    pub content: String,
    pub based_on: i32,
    pub status: String,
    pub decided_at: Option<DateTime<Utc>>,
    pub decision_note: String,
}

impl TryFrom<ProposalRow> for Proposal {
    type Error = crate::StoreError;
    fn try_from(r: ProposalRow) -> Result<Proposal, Self::Error> {
        Ok(Proposal {
            id: r.id,
            initiative_id: r.initiative_id,
            author_id: r.author_id,
            author_name: r.author_name,
            created_at: r.created_at,
            message: r.message,
            content: serde_json::from_str(&r.content)
                .map_err(|e| crate::StoreError::Corrupt(format!("proposal: {e}")))?,
            based_on: r.based_on,
            status: r.status,
            decided_at: r.decided_at,
            decision_note: r.decision_note,
        })
    }
}

pub const PROPOSAL_SELECT: &str = "SELECT p.id, p.initiative_id, p.author_id, a.display_name AS author_name, p.created_at, p.message,
        p.content, p.based_on, p.status, p.decided_at, p.decision_note
     FROM initiative_proposals p LEFT JOIN people a ON a.id = p.author_id";

#[async_trait::async_trait]
pub trait InitiativeProposals {
    async fn create_proposal(&self, p: &Proposal) -> StoreResult<()>;
    /// Newest first.
    async fn proposals_of(&self, initiative_id: Uuid) -> StoreResult<Vec<Proposal>>;
    async fn proposal(&self, id: Uuid) -> StoreResult<Option<Proposal>>;
    /// Marks a pending proposal accepted or rejected; false when it was not pending (decided
    /// already, perhaps by someone else a moment before).
    async fn decide_proposal(
        &self,
        id: Uuid,
        status: &str,
        by: Uuid,
        at: DateTime<Utc>,
        note: &str,
    ) -> StoreResult<bool>;
}
