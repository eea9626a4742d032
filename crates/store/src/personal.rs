//! A person's rights over their data: everything the platform holds about them, in one read,
//! and the erasure of their account.
//!
//! Erasure keeps the `people` row (initiatives, revisions and proposals point at it and stay,
//! shown as "compte supprimé") but blanks every personal field and ends every way in.

use crate::auth::SessionRecord;
use crate::{AuditEntry, StoreResult};
use chrono::{DateTime, Utc};
use uuid::Uuid;

/// What a person contributed, for their data export. (Not `Eq`: measured values are floats.)
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Contributions {
    pub initiatives_created: Vec<CreatedInitiative>,
    pub revisions: Vec<AuthoredRevision>,
    pub proposals: Vec<AuthoredProposal>,
    /// Statements written in conversations (`deliberation`), by a participant linked to them.
    pub statements: Vec<AuthoredStatement>,
    /// How many votes they cast in conversations (the votes themselves say little alone).
    pub votes: i64,
    /// Their registrations for citizens' panels (`sortition`), oldest first.
    pub sortition: Vec<crate::sortition::SortitionRegistration>,
    /// Their offers and needs (`exchange`), oldest first, and the messages they wrote about
    /// posts, oldest first.
    pub exchange_posts: Vec<crate::exchange::Post>,
    pub exchange_messages: Vec<crate::exchange::Message>,
    /// Their group memberships, posts, follows and notification mode (`groups`).
    pub groups: crate::groups::GroupsData,
    /// Their comments on label applications and follow-up entries (`network`).
    pub network: crate::network::NetworkData,
    /// The blockers they reported, their messages and notes, their remits (`blockers`).
    pub blockers: crate::blockers::BlockersData,
    /// The links they shared (`news`), oldest first.
    pub news: Vec<crate::news::NewsRow>,
    /// Their reviews of funding applications with scores, and the conflicts they declared
    /// (`review`).
    pub review: crate::review::ReviewData,
    /// Their indicators proposed, plan entries, measurements and verifications, self-assessments
    /// and impact contracts (`impact`, `assessment`, `outcomes`).
    pub impact: crate::impact::ImpactData,
    /// Their registrations to events (any status), with each event's title (`events`).
    pub events: Vec<(crate::events::Registration, String)>,
    /// Their hackathon participations (the attributes they told) and the teams they are in,
    /// coach or design for, with the events' titles (`hackathons`).
    pub hackathons: crate::hackathons::HackathonData,
    /// Their World Café participations (with the events' titles) and the harvest they typed
    /// while signed in (`cafe`).
    pub cafe: crate::cafe::CafeData,
    /// The scores they gave as a juror, and the incubation updates they wrote (with the
    /// hackathon's title and the team's number) (`jury`, `incubation`).
    pub jury: crate::jury::JuryData,
    /// The collecte items they submitted while signed in and the collections they opened
    /// (`collecte`).
    pub collecte: crate::collecte::CollecteData,
}

#[derive(Debug, Clone, PartialEq, Eq, sqlx::FromRow)]
pub struct CreatedInitiative {
    pub id: Uuid,
    pub status: String,
    pub created_at: DateTime<Utc>,
}

#[derive(Debug, Clone, PartialEq, Eq, sqlx::FromRow)]
pub struct AuthoredRevision {
    pub initiative_id: Uuid,
    pub number: i32,
    pub created_at: DateTime<Utc>,
    pub message: String,
}

#[derive(Debug, Clone, PartialEq, Eq, sqlx::FromRow)]
pub struct AuthoredProposal {
    pub id: Uuid,
    pub initiative_id: Uuid,
    pub created_at: DateTime<Utc>,
    pub message: String,
    pub status: String,
}

#[derive(Debug, Clone, PartialEq, Eq, sqlx::FromRow)]
pub struct AuthoredStatement {
    pub conversation_id: Uuid,
    pub number: i32,
    pub text: String,
    pub created_at: DateTime<Utc>,
}

/// The address an erased account keeps: unique (the column is), undeliverable (`.invalid` is
/// reserved by RFC 2606) and free of the person's data.
pub fn erased_email(id: Uuid) -> String {
    format!("supprime-{}@compte-supprime.invalid", id.simple())
}

/// A password hash no password matches (not in PHC format, so verification fails at parsing).
pub const ERASED_PASSWORD_HASH: &str = "!erased";

#[async_trait::async_trait]
pub trait PersonalDataStore {
    async fn contributions_of(&self, person_id: Uuid) -> StoreResult<Contributions>;
    async fn sessions_of(&self, person_id: Uuid) -> StoreResult<Vec<SessionRecord>>;
    /// Audit entries the person made or that concern them (`person:<id>`), oldest first.
    async fn audit_of(&self, person_id: Uuid) -> StoreResult<Vec<AuditEntry>>;
    /// In one transaction: blanks the personal fields, marks the row erased, removes sessions,
    /// tokens, API tokens, memberships and the mails addressed to the person, and unlinks their
    /// conversation participants (statements and votes stay, no longer theirs). Their
    /// registrations still in a panel's pool are deleted (the selection of those panels is
    /// cleared, as for any change of the pool); selected or declined ones stay, for the draws
    /// that name their number, unlinked and without name, e-mail or household. False when the
    /// person does not exist or was already erased.
    async fn erase_person(&self, person_id: Uuid, now: DateTime<Utc>) -> StoreResult<bool>;
}
