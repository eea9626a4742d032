//! Storage traits of Essaim, one per context, and the contract tests every backend passes.
//!
//! The web and CLI crates hold an `Arc<dyn Store>` and never know which database is behind it.
//! Row types here derive `sqlx::FromRow` generically, so both backends decode the same structs.

pub mod assessment;
pub mod audit;
pub mod auth;
pub mod backup;
pub mod barometer;
pub mod blockers;
pub mod cafe;
pub mod collecte;
pub mod contract;
mod contract_assessment;
mod contract_barometer;
mod contract_blockers;
mod contract_cafe;
mod contract_collecte;
mod contract_defis;
mod contract_deliberation;
mod contract_events;
mod contract_exchange;
mod contract_funding;
mod contract_groups;
mod contract_hackathons;
mod contract_impact;
mod contract_initiatives;
mod contract_jury;
mod contract_network;
mod contract_news;
mod contract_outcomes;
mod contract_personal;
mod contract_review;
mod contract_sortition;
pub mod defis;
pub mod deliberation;
pub mod error;
pub mod events;
pub mod exchange;
pub mod funding;
pub mod groups;
pub mod hackathons;
pub mod impact;
pub mod incubation;
pub mod initiatives;
pub mod jury;
pub mod mail;
pub mod network;
pub mod news;
pub mod outcomes;
pub mod people;
pub mod personal;
pub mod review;
pub mod sortition;
pub mod structures;

pub use assessment::AssessmentStore;
pub use audit::{AuditEntry, AuditStore};
pub use auth::{
    ApiToken, ApiTokenStore, NewToken, SessionRecord, SessionStore, ThrottleStore, Token,
    TokenOutcome, TokenStore,
};
pub use barometer::BarometerStore;
pub use blockers::BlockersStore;
pub use cafe::CafeStore;
pub use collecte::CollecteStore;
pub use defis::DefiStore;
pub use deliberation::DeliberationStore;
pub use error::StoreError;
pub use events::EventsStore;
pub use exchange::ExchangeStore;
pub use funding::FundingStore;
pub use groups::GroupsStore;
pub use hackathons::HackathonStore;
pub use impact::ImpactStore;
pub use incubation::IncubationStore;
pub use initiatives::{
    CatalogueChange, CataloguePage, CatalogueQuery, Facets, Initiative, InitiativeStore, Revision,
    RevisionNote, Sort,
};
pub use jury::JuryStore;
pub use mail::{MailStore, OutgoingMail};
pub use network::NetworkStore;
pub use news::NewsStore;
pub use outcomes::OutcomesStore;
pub use people::{NewPerson, PeopleStore, Person};
pub use personal::{Contributions, PersonalDataStore};
pub use review::ReviewStore;
pub use sortition::SortitionStore;
pub use structures::{Member, Structure, StructureStore};

pub type StoreResult<T> = Result<T, StoreError>;

/// A page of a list: `limit` rows after skipping `offset`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Page {
    pub limit: i64,
    pub offset: i64,
}

impl Page {
    pub const fn first(limit: i64) -> Page {
        Page { limit, offset: 0 }
    }
}

/// A LIKE pattern matching `search` anywhere in a folded `search_text` column, with LIKE's
/// wildcards in the input escaped (use with `ESCAPE '\\'`).
pub fn like_pattern(search: Option<&str>) -> String {
    let folded = search
        .map(essaim_domain::territory::normalise_name)
        .unwrap_or_default();
    let escaped = folded
        .replace('\\', "\\\\")
        .replace('%', "\\%")
        .replace('_', "\\_");
    format!("%{escaped}%")
}

/// The current time, truncated to microseconds: PostgreSQL keeps no more, and values must
/// compare equal after a round trip through either database.
pub fn utc_now() -> chrono::DateTime<chrono::Utc> {
    use chrono::{SubsecRound, Utc};
    Utc::now().trunc_subsecs(6)
}

/// Everything the application needs from a database.
#[async_trait::async_trait]
pub trait Store:
    PeopleStore
    + TokenStore
    + SessionStore
    + ApiTokenStore
    + ThrottleStore
    + MailStore
    + AuditStore
    + PersonalDataStore
    + StructureStore
    + InitiativeStore
    + initiatives::InitiativeImport
    + initiatives::InitiativeImages
    + initiatives::InitiativeProposals
    + DeliberationStore
    + SortitionStore
    + NetworkStore
    + ExchangeStore
    + GroupsStore
    + BlockersStore
    + NewsStore
    + FundingStore
    + ReviewStore
    + ImpactStore
    + AssessmentStore
    + OutcomesStore
    + BarometerStore
    + EventsStore
    + CafeStore
    + CollecteStore
    + DefiStore
    + HackathonStore
    + JuryStore
    + IncubationStore
    + Send
    + Sync
{
    /// Answers when the database answers (readiness probe).
    async fn ping(&self) -> StoreResult<()>;
    /// "sqlite" or "postgres", for logs and the admin page.
    fn backend_name(&self) -> &'static str;
}
