//! The embedded SQLite backend: one file, WAL journal, foreign keys on, a busy timeout so that
//! concurrent writers wait instead of failing.

mod assessment;
mod audit;
mod auth;
pub mod backup;
mod barometer;
mod blockers;
mod cafe;
mod collecte;
mod defis;
mod deliberation;
mod events;
mod exchange;
mod funding;
mod groups;
mod hackathons;
mod impact;
mod incubation;
mod initiatives;
mod jury;
mod mail;
mod network;
mod news;
mod outcomes;
mod people;
mod personal;
mod review;
mod sortition;
mod structures;

use essaim_store::{Store, StoreError, StoreResult};
use sqlx::sqlite::{SqliteConnectOptions, SqliteJournalMode, SqlitePoolOptions, SqliteSynchronous};
use sqlx::SqlitePool;
use std::str::FromStr;
use std::time::Duration;

#[derive(Clone)]
pub struct SqliteStore {
    pool: SqlitePool,
}

impl SqliteStore {
    /// Opens (or creates) the database at `url` (`sqlite://essaim.db` or a plain path).
    pub async fn open(url: &str) -> Result<SqliteStore, sqlx::Error> {
        let url = if url.starts_with("sqlite:") {
            url.to_owned()
        } else {
            format!("sqlite://{url}")
        };
        let options = SqliteConnectOptions::from_str(&url)?
            .create_if_missing(true)
            .journal_mode(SqliteJournalMode::Wal)
            .synchronous(SqliteSynchronous::Normal)
            .foreign_keys(true)
            .busy_timeout(Duration::from_secs(5));
        let pool = SqlitePoolOptions::new()
            .max_connections(8)
            .connect_with(options)
            .await?;
        Ok(SqliteStore { pool })
    }

    /// Applies the migrations not yet applied; safe to run at every start.
    pub async fn migrate(&self) -> Result<(), sqlx::migrate::MigrateError> {
        sqlx::migrate!("./migrations").run(&self.pool).await?;
        // The shipped indicator catalogue (domain/data/indicators.csv): data, not schema, so
        // new entries reach existing databases without a migration.
        impact::seed_catalogue(self).await.map_err(|e| match e {
            StoreError::Database(e) => sqlx::migrate::MigrateError::Execute(e),
            other => sqlx::migrate::MigrateError::Execute(sqlx::Error::Protocol(other.to_string())),
        })?;
        Ok(())
    }

    pub fn pool(&self) -> &SqlitePool {
        &self.pool
    }
}

#[async_trait::async_trait]
impl Store for SqliteStore {
    async fn ping(&self) -> StoreResult<()> {
        sqlx::query("SELECT 1").execute(&self.pool).await?;
        Ok(())
    }

    fn backend_name(&self) -> &'static str {
        "sqlite"
    }
}

/// Maps a unique-constraint violation to the domain's error, other errors to `Database`.
/// SQLite names the columns ("UNIQUE constraint failed: people.email"), not the constraint.
fn on_unique(err: sqlx::Error, column: &str, mapped: StoreError) -> StoreError {
    if let sqlx::Error::Database(db) = &err {
        if db.is_unique_violation() && db.message().contains(column) {
            return mapped;
        }
    }
    StoreError::Database(err)
}

/// Ends a transaction: commits on success; on any error (a refusal or a failed query) rolls
/// back explicitly, so the write lock is released at once rather than when the dropped
/// transaction's connection is next used. Every context's writes end through it.
pub(crate) async fn finish<T>(
    tx: sqlx::Transaction<'_, sqlx::Sqlite>,
    r: StoreResult<T>,
) -> StoreResult<T> {
    match r {
        Ok(v) => {
            tx.commit().await?;
            Ok(v)
        }
        Err(e) => {
            tx.rollback().await?;
            Err(e)
        }
    }
}
