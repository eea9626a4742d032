use crate::{Page, StoreResult};
use chrono::{DateTime, Utc};
use essaim_domain::person::{PlatformRole, Profile};
use essaim_domain::territory::normalise_name;
use uuid::Uuid;

/// A person with an account.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Person {
    pub id: Uuid,
    pub email: String,
    pub display_name: String,
    pub email_confirmed_at: Option<DateTime<Utc>>,
    pub roles: Vec<PlatformRole>,
    pub profiles: Vec<Profile>,
    pub created_at: DateTime<Utc>,
}

impl Person {
    pub fn is_admin(&self) -> bool {
        self.roles.contains(&PlatformRole::Admin)
    }

    pub fn has_role(&self, role: PlatformRole) -> bool {
        self.roles.contains(&role)
    }
}

pub struct NewPerson {
    pub id: Uuid,
    pub email: String,
    pub display_name: String,
    pub password_hash: String,
    pub email_confirmed_at: Option<DateTime<Utc>>,
    pub roles: Vec<PlatformRole>,
    pub created_at: DateTime<Utc>,
}

/// The `people` row as both backends read it; lists are stored as comma-separated names.
#[derive(sqlx::FromRow)]
pub struct PersonRow {
    pub id: Uuid,
    pub email: String,
    pub display_name: String,
    pub email_confirmed_at: Option<DateTime<Utc>>,
    pub roles: String,
    pub profiles: String,
    pub created_at: DateTime<Utc>,
}

impl From<PersonRow> for Person {
    fn from(r: PersonRow) -> Person {
        Person {
            id: r.id,
            email: r.email,
            display_name: r.display_name,
            email_confirmed_at: r.email_confirmed_at,
            roles: split_names(&r.roles, PlatformRole::parse),
            profiles: split_names(&r.profiles, Profile::parse),
            created_at: r.created_at,
        }
    }
}

fn split_names<T>(s: &str, parse: fn(&str) -> Option<T>) -> Vec<T> {
    s.split(',').filter_map(|n| parse(n.trim())).collect()
}

pub fn join_roles(roles: &[PlatformRole]) -> String {
    roles
        .iter()
        .map(|r| r.as_str())
        .collect::<Vec<_>>()
        .join(",")
}

pub fn join_profiles(profiles: &[Profile]) -> String {
    profiles
        .iter()
        .map(|p| p.as_str())
        .collect::<Vec<_>>()
        .join(",")
}

/// What the people search of the admin area looks in: folded name and e-mail.
pub fn search_text(email: &str, name: &str) -> String {
    format!("{} {}", normalise_name(name), normalise_name(email))
}

/// The columns of `people` that `PersonRow` reads, for SELECTs in both backends.
pub const PERSON_COLUMNS: &str =
    "id, email, display_name, email_confirmed_at, roles, profiles, created_at";

#[async_trait::async_trait]
pub trait PeopleStore {
    /// Fails with `EmailTaken` when the address already has an account.
    async fn create_person(&self, new: NewPerson) -> StoreResult<Person>;
    async fn person(&self, id: Uuid) -> StoreResult<Option<Person>>;
    async fn person_by_email(&self, email: &str) -> StoreResult<Option<Person>>;
    async fn password_hash(&self, id: Uuid) -> StoreResult<Option<String>>;
    async fn set_password_hash(&self, id: Uuid, hash: &str) -> StoreResult<()>;
    /// Fails with `EmailTaken` when another account has the address.
    async fn set_email(
        &self,
        id: Uuid,
        email: &str,
        confirmed_at: DateTime<Utc>,
    ) -> StoreResult<()>;
    async fn confirm_email(&self, id: Uuid, at: DateTime<Utc>) -> StoreResult<()>;
    async fn update_profile(
        &self,
        id: Uuid,
        display_name: &str,
        profiles: &[Profile],
    ) -> StoreResult<()>;
    async fn set_roles(&self, id: Uuid, roles: &[PlatformRole]) -> StoreResult<()>;
    /// People by creation date, newest first; `search` filters on name or e-mail.
    async fn list_people(&self, search: Option<&str>, page: Page) -> StoreResult<Vec<Person>>;
    async fn count_people(&self) -> StoreResult<i64>;
}
