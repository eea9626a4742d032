use crate::{on_unique, SqliteStore};
use chrono::{DateTime, Utc};
use essaim_domain::person::{PlatformRole, Profile};
use essaim_store::like_pattern;
use essaim_store::people::{join_profiles, join_roles, search_text, PersonRow, PERSON_COLUMNS};
use essaim_store::{NewPerson, Page, PeopleStore, Person, StoreError, StoreResult};
use uuid::Uuid;

#[async_trait::async_trait]
impl PeopleStore for SqliteStore {
    async fn create_person(&self, new: NewPerson) -> StoreResult<Person> {
        let sql = format!(
            "INSERT INTO people (id, email, display_name, password_hash, email_confirmed_at, roles, search_text, created_at)
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING {PERSON_COLUMNS}"
        );
        let row: PersonRow = sqlx::query_as(&sql)
            .bind(new.id)
            .bind(&new.email)
            .bind(&new.display_name)
            .bind(&new.password_hash)
            .bind(new.email_confirmed_at)
            .bind(join_roles(&new.roles))
            .bind(search_text(&new.email, &new.display_name))
            .bind(new.created_at)
            .fetch_one(&self.pool)
            .await
            .map_err(|e| on_unique(e, "people.email", StoreError::EmailTaken))?;
        Ok(row.into())
    }

    async fn person(&self, id: Uuid) -> StoreResult<Option<Person>> {
        let sql = format!("SELECT {PERSON_COLUMNS} FROM people WHERE id = $1");
        let row: Option<PersonRow> = sqlx::query_as(&sql)
            .bind(id)
            .fetch_optional(&self.pool)
            .await?;
        Ok(row.map(Into::into))
    }

    async fn person_by_email(&self, email: &str) -> StoreResult<Option<Person>> {
        let sql = format!("SELECT {PERSON_COLUMNS} FROM people WHERE email = $1");
        let row: Option<PersonRow> = sqlx::query_as(&sql)
            .bind(email)
            .fetch_optional(&self.pool)
            .await?;
        Ok(row.map(Into::into))
    }

    async fn password_hash(&self, id: Uuid) -> StoreResult<Option<String>> {
        Ok(
            sqlx::query_scalar("SELECT password_hash FROM people WHERE id = $1")
                .bind(id)
                .fetch_optional(&self.pool)
                .await?,
        )
    }

    async fn set_password_hash(&self, id: Uuid, hash: &str) -> StoreResult<()> {
        sqlx::query("UPDATE people SET password_hash = $1 WHERE id = $2")
            .bind(hash)
            .bind(id)
            .execute(&self.pool)
            .await?;
        Ok(())
    }

    async fn set_email(
        &self,
        id: Uuid,
        email: &str,
        confirmed_at: DateTime<Utc>,
    ) -> StoreResult<()> {
        let name: String = sqlx::query_scalar("SELECT display_name FROM people WHERE id = $1")
            .bind(id)
            .fetch_optional(&self.pool)
            .await?
            .ok_or(StoreError::NotFound)?;
        sqlx::query(
            "UPDATE people SET email = $1, email_confirmed_at = $2, search_text = $3 WHERE id = $4",
        )
        .bind(email)
        .bind(confirmed_at)
        .bind(search_text(email, &name))
        .bind(id)
        .execute(&self.pool)
        .await
        .map_err(|e| on_unique(e, "people.email", StoreError::EmailTaken))?;
        Ok(())
    }

    async fn confirm_email(&self, id: Uuid, at: DateTime<Utc>) -> StoreResult<()> {
        sqlx::query("UPDATE people SET email_confirmed_at = $1 WHERE id = $2 AND email_confirmed_at IS NULL")
            .bind(at)
            .bind(id)
            .execute(&self.pool)
            .await?;
        Ok(())
    }

    async fn update_profile(
        &self,
        id: Uuid,
        display_name: &str,
        profiles: &[Profile],
    ) -> StoreResult<()> {
        let email: String = sqlx::query_scalar("SELECT email FROM people WHERE id = $1")
            .bind(id)
            .fetch_optional(&self.pool)
            .await?
            .ok_or(StoreError::NotFound)?;
        sqlx::query(
            "UPDATE people SET display_name = $1, profiles = $2, search_text = $3 WHERE id = $4",
        )
        .bind(display_name)
        .bind(join_profiles(profiles))
        .bind(search_text(&email, display_name))
        .bind(id)
        .execute(&self.pool)
        .await?;
        Ok(())
    }

    async fn set_roles(&self, id: Uuid, roles: &[PlatformRole]) -> StoreResult<()> {
        let done = sqlx::query("UPDATE people SET roles = $1 WHERE id = $2")
            .bind(join_roles(roles))
            .bind(id)
            .execute(&self.pool)
            .await?;
        if done.rows_affected() == 0 {
            return Err(StoreError::NotFound);
        }
        Ok(())
    }

    async fn list_people(&self, search: Option<&str>, page: Page) -> StoreResult<Vec<Person>> {
        let pattern = like_pattern(search);
        let sql = format!(
            "SELECT {PERSON_COLUMNS} FROM people WHERE search_text LIKE $1 ESCAPE '\\'
             ORDER BY created_at DESC, id LIMIT $2 OFFSET $3"
        );
        let rows: Vec<PersonRow> = sqlx::query_as(&sql)
            .bind(pattern)
            .bind(page.limit)
            .bind(page.offset)
            .fetch_all(&self.pool)
            .await?;
        Ok(rows.into_iter().map(Into::into).collect())
    }

    async fn count_people(&self) -> StoreResult<i64> {
        Ok(sqlx::query_scalar("SELECT COUNT(*) FROM people")
            .fetch_one(&self.pool)
            .await?)
    }
}
