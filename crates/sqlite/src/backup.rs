//! `essaim backup` and `essaim restore` on SQLite.
//!
//! A backup is `VACUUM INTO`: it reads inside one transaction, so it is a consistent snapshot
//! even while the server keeps writing (WAL lets writers go on), and it writes a compact,
//! standalone database file. A restore checks a copy of the backup made next to the database,
//! then renames it over the database file: the file is replaced whole or not at all. It
//! refuses while another connection has the database open, since that process (a running
//! server) would go on with the replaced file and lose what it writes.

use essaim_store::backup::{check_migrations, AppliedMigration, BackupError};
use sqlx::migrate::Migrator;
use sqlx::sqlite::{SqliteConnectOptions, SqliteConnection};
use sqlx::{ConnectOptions, Connection, Row};
use std::path::{Path, PathBuf};
use std::str::FromStr;
use std::time::Duration;

static MIGRATOR: Migrator = sqlx::migrate!("./migrations");

/// SQLite's primary result codes met here (`sqlite3.h`); sqlx gives the extended code.
const SQLITE_BUSY: i32 = 5;
const SQLITE_LOCKED: i32 = 6;
const SQLITE_CORRUPT: i32 = 11;
const SQLITE_NOTADB: i32 = 26;

/// The file behind a database URL, as `SqliteStore::open` reads it (`sqlite://essaim.db` or a
/// plain path), made absolute: SQLite is opened with URI names allowed, and an absolute path
/// can never be taken for a `file:` URI.
pub fn database_file(url: &str) -> Result<PathBuf, BackupError> {
    let url = if url.starts_with("sqlite:") {
        url.to_owned()
    } else {
        format!("sqlite://{url}")
    };
    let options = SqliteConnectOptions::from_str(&url)?;
    let file = options.get_filename();
    if file.to_string_lossy().starts_with("file:") || url.contains("mode=memory") {
        return Err(BackupError::Io(std::io::Error::other(
            "an in-memory database has nothing to back up or restore",
        )));
    }
    Ok(std::path::absolute(file)?)
}

/// Writes a consistent copy of the database at `url` into `dest`, which must not exist, and
/// checks the copy as a restore would.
pub async fn backup(url: &str, dest: &Path) -> Result<(), BackupError> {
    let source = database_file(url)?;
    if !source.is_file() {
        return Err(BackupError::Io(std::io::Error::new(
            std::io::ErrorKind::NotFound,
            format!("there is no database at {}", source.display()),
        )));
    }
    let dest = std::path::absolute(dest)?;
    let dest_name = dest.to_str().ok_or_else(|| {
        BackupError::Io(std::io::Error::other(
            "the backup's path must be valid UTF-8 for SQLite",
        ))
    })?;
    let mut conn = connect(&source, Duration::from_secs(5)).await?;
    // A bound parameter: the path is never spliced into SQL.
    sqlx::query("VACUUM INTO ?1")
        .bind(dest_name)
        .execute(&mut conn)
        .await?;
    conn.close().await?;
    verify_copy(&dest, &dest.display().to_string()).await?;
    Ok(())
}

/// Replaces the database at `url` with the backup `file` (made by [`backup`]).
///
/// Nothing is touched until a copy of the backup, next to the database, has passed
/// [`verify_copy`] and no other connection holds the database; then one rename swaps it in.
pub async fn restore(file: &Path, url: &str) -> Result<(), BackupError> {
    let target = database_file(url)?;
    let dir = target
        .parent()
        .ok_or_else(|| BackupError::Io(std::io::Error::other("the database has no folder")))?;
    let name = target
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    // In the database's folder, so that the final rename stays on one file system.
    let staging = dir.join(format!(".{name}.restore-{}", std::process::id()));
    remove_with_sidecars(&staging)?;
    let result = async {
        std::fs::copy(file, &staging).map_err(|e| {
            BackupError::Io(std::io::Error::new(
                e.kind(),
                format!("cannot copy {} next to the database: {e}", file.display()),
            ))
        })?;
        verify_copy(&staging, &file.display().to_string()).await?;
        ensure_unused(&target).await?;
        keep_owner_and_mode(&target, &staging)?;
        std::fs::File::open(&staging)?.sync_all()?;
        // A journal left beside the old file would be replayed onto the new one.
        remove_sidecars(&target)?;
        std::fs::rename(&staging, &target)?;
        std::fs::File::open(dir)?.sync_all()?;
        Ok(())
    }
    .await;
    if result.is_err() {
        let _ = remove_with_sidecars(&staging);
    }
    result
}

/// Gives `staging` the owner and permissions of the database it replaces: a restore run as
/// root must not leave a file the server's account cannot write.
fn keep_owner_and_mode(target: &Path, staging: &Path) -> std::io::Result<()> {
    let Ok(meta) = std::fs::metadata(target) else {
        return Ok(());
    };
    std::fs::set_permissions(staging, meta.permissions())?;
    #[cfg(unix)]
    {
        use std::os::unix::fs::MetadataExt;
        // Only root may give a file away; anyone else restores as the owner already.
        let _ = std::os::unix::fs::chown(staging, Some(meta.uid()), Some(meta.gid()));
    }
    Ok(())
}

/// Checks that `file` is a sound Essaim database this binary can run: SQLite's integrity
/// check passes, and its migrations are known ones. `shown` names it in messages. Also turns
/// it to the rollback journal, so that the file stands alone with no `-wal` beside it: call
/// this on copies only.
pub async fn verify_copy(file: &Path, shown: &str) -> Result<(), BackupError> {
    let not_a_backup = |reason: String| BackupError::NotABackup {
        file: shown.to_owned(),
        reason,
    };
    let unreadable = |e: sqlx::Error| match &e {
        sqlx::Error::Database(db) => not_a_backup(db.message().to_owned()),
        _ => BackupError::Database(e),
    };
    let mut conn = connect(file, Duration::from_secs(5))
        .await
        .map_err(unreadable)?;
    let report: Vec<String> = sqlx::query_scalar("PRAGMA integrity_check")
        .fetch_all(&mut conn)
        .await
        .map_err(unreadable)?;
    if report != ["ok"] {
        let first: Vec<&str> = report.iter().take(3).map(String::as_str).collect();
        return Err(not_a_backup(format!(
            "SQLite's integrity check failed: {}",
            first.join("; ")
        )));
    }
    let has_migrations: i64 = sqlx::query_scalar(
        "SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = '_sqlx_migrations'",
    )
    .fetch_one(&mut conn)
    .await?;
    if has_migrations == 0 {
        return Err(not_a_backup(
            "an SQLite database, but not Essaim's (no migrations table)".into(),
        ));
    }
    let found: Vec<AppliedMigration> =
        sqlx::query("SELECT version, checksum, success FROM _sqlx_migrations ORDER BY version")
            .fetch_all(&mut conn)
            .await?
            .into_iter()
            .map(|row| AppliedMigration {
                version: row.get("version"),
                checksum: row.get("checksum"),
                success: row.get("success"),
            })
            .collect();
    check_migrations(shown, &found, &known_migrations())?;
    let mode: String = sqlx::query_scalar("PRAGMA journal_mode = DELETE")
        .fetch_one(&mut conn)
        .await?;
    if mode != "delete" {
        return Err(BackupError::Io(std::io::Error::other(format!(
            "the copy of {shown} stays in {mode} journal mode"
        ))));
    }
    conn.close().await?;
    Ok(())
}

/// The migrations this binary ships, by version, with their checksums.
pub fn known_migrations() -> Vec<(i64, Vec<u8>)> {
    MIGRATOR
        .iter()
        .filter(|m| !m.migration_type.is_down_migration())
        .map(|m| (m.version, m.checksum.to_vec()))
        .collect()
}

/// Fails with `InUse` if another connection has the database open. In WAL mode every open
/// connection keeps a shared lock on the file, so leaving WAL (which needs the file to
/// itself) fails exactly then; when it succeeds, the journal is folded into the file and
/// removed. A database too damaged to open is not in the way: restoring it is the point.
async fn ensure_unused(target: &Path) -> Result<(), BackupError> {
    if !target.exists() {
        return Ok(());
    }
    let outcome = async {
        // No busy wait: a lock held now means a server, not a moment's contention.
        let mut conn = connect(target, Duration::ZERO).await?;
        let mode: String = sqlx::query_scalar("PRAGMA journal_mode = DELETE")
            .fetch_one(&mut conn)
            .await?;
        conn.close().await?;
        Ok::<_, sqlx::Error>(mode)
    }
    .await;
    match outcome {
        Ok(mode) if mode == "delete" => Ok(()),
        Ok(mode) => Err(BackupError::InUse(format!(
            "its journal stays in {mode} mode, so another connection holds it"
        ))),
        Err(sqlx::Error::Database(db)) => match primary_code(db.code().as_deref()) {
            Some(SQLITE_BUSY | SQLITE_LOCKED) => Err(BackupError::InUse(format!(
                "another process has {} open",
                target.display()
            ))),
            Some(SQLITE_CORRUPT | SQLITE_NOTADB) => Ok(()),
            _ => Err(BackupError::Database(sqlx::Error::Database(db))),
        },
        Err(e) => Err(BackupError::Database(e)),
    }
}

fn primary_code(extended: Option<&str>) -> Option<i32> {
    extended?.parse::<i32>().ok().map(|code| code & 0xff)
}

/// One connection to an existing file, never creating it, journal mode left as the file has it.
async fn connect(file: &Path, busy: Duration) -> Result<SqliteConnection, sqlx::Error> {
    SqliteConnectOptions::new()
        .filename(file)
        .create_if_missing(false)
        .busy_timeout(busy)
        // VACUUM INTO and the integrity check read the whole file: slow by nature, and not
        // worth sqlx's slow-statement warning.
        .disable_statement_logging()
        .connect()
        .await
}

/// Removes `path` and the journal files SQLite may have left beside it.
fn remove_with_sidecars(path: &Path) -> std::io::Result<()> {
    remove_if_present(path.as_os_str())?;
    remove_sidecars(path)
}

/// Removes the `-wal`, `-shm` and `-journal` files beside `path`.
fn remove_sidecars(path: &Path) -> std::io::Result<()> {
    for suffix in ["-wal", "-shm", "-journal"] {
        let mut sidecar = path.as_os_str().to_owned();
        sidecar.push(suffix);
        remove_if_present(&sidecar)?;
    }
    Ok(())
}

fn remove_if_present(path: &std::ffi::OsStr) -> std::io::Result<()> {
    match std::fs::remove_file(path) {
        Err(e) if e.kind() != std::io::ErrorKind::NotFound => Err(e),
        _ => Ok(()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn urls_name_absolute_files() {
        let file = database_file("sqlite://essaim.db").unwrap();
        assert!(
            file.is_absolute() && file.ends_with("essaim.db"),
            "{file:?}"
        );
        assert!(database_file("/srv/essaim/base.db")
            .unwrap()
            .ends_with("base.db"));
        assert!(database_file("sqlite::memory:").is_err());
    }
}
