//! The PostgreSQL backend: the same behaviour as SQLite (one contract test suite runs on both),
//! for running several `essaim` processes against one database.

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
use sqlx::postgres::PgPoolOptions;
use sqlx::PgPool;
use std::time::Duration;

#[derive(Clone)]
pub struct PgStore {
    pool: PgPool,
}

impl PgStore {
    /// Connects to `url` (`postgres://user:password@host/db`, or `?host=/socket/dir`).
    pub async fn open(url: &str, max_connections: u32) -> Result<PgStore, sqlx::Error> {
        let pool = PgPoolOptions::new()
            .max_connections(max_connections)
            .acquire_timeout(Duration::from_secs(10))
            .connect(url)
            .await?;
        Ok(PgStore { pool })
    }

    /// Applies the migrations not yet applied; safe to run at every start, and from several
    /// processes at once (sqlx takes an advisory lock).
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

    pub fn pool(&self) -> &PgPool {
        &self.pool
    }
}

#[async_trait::async_trait]
impl Store for PgStore {
    async fn ping(&self) -> StoreResult<()> {
        sqlx::query("SELECT 1").execute(&self.pool).await?;
        Ok(())
    }

    fn backend_name(&self) -> &'static str {
        "postgres"
    }
}

/// Maps a violation of the named unique constraint to the domain's error.
fn on_unique(err: sqlx::Error, constraint: &str, mapped: StoreError) -> StoreError {
    if let sqlx::Error::Database(db) = &err {
        if db.is_unique_violation() && db.constraint() == Some(constraint) {
            return mapped;
        }
    }
    StoreError::Database(err)
}

/// Ends a transaction: commits on success; on any error (a refusal or a failed query) rolls
/// back explicitly, so the write lock is released at once rather than when the dropped
/// transaction's connection is next used. Every context's writes end through it.
pub(crate) async fn finish<T>(
    tx: sqlx::Transaction<'_, sqlx::Postgres>,
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
