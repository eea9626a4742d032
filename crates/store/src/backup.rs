//! What can go wrong in `essaim backup` and `essaim restore`, shared by both backends so that
//! the binary reports them the same way. Each backend's `backup` module does the work: SQLite
//! with `VACUUM INTO`, PostgreSQL with `pg_dump` and `pg_restore`.

/// A migration recorded in a database or a backup (`_sqlx_migrations`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AppliedMigration {
    pub version: i64,
    pub checksum: Vec<u8>,
    pub success: bool,
}

#[derive(Debug, thiserror::Error)]
pub enum BackupError {
    /// The file to restore cannot be read as a backup of this backend at all.
    #[error("{file} is not an Essaim backup: {reason}")]
    NotABackup { file: String, reason: String },
    /// A database or backup whose migrations this binary does not know: made by a newer Essaim,
    /// or by another program.
    #[error("{file} does not match this version of Essaim: {reason}")]
    Mismatch { file: String, reason: String },
    /// Restoring under a running server would leave it working on what it thinks is there.
    #[error("the database is in use ({0}): stop the server before restoring")]
    InUse(String),
    /// The target holds something the backup would not replace (PostgreSQL restores over
    /// the existing schema, table by table).
    #[error("cannot restore over this database: {0}")]
    Refused(String),
    /// `pg_dump` or `pg_restore` is absent.
    #[error("{0} was not found on PATH nor in /usr/lib/postgresql/*/bin: install PostgreSQL's client tools")]
    ToolMissing(&'static str),
    /// `pg_dump` or `pg_restore` failed; `message` is its standard error.
    #[error("{program} failed: {message}")]
    Tool { program: String, message: String },
    #[error("{0}")]
    Io(#[from] std::io::Error),
    #[error("database error: {0}")]
    Database(#[from] sqlx::Error),
}

/// Checks the migrations found in a backup (or a database) against the ones this binary
/// ships: every one must be known, with the same checksum, and applied successfully;
/// otherwise the next start would refuse to migrate it.
pub fn check_migrations(
    file: &str,
    found: &[AppliedMigration],
    known: &[(i64, Vec<u8>)],
) -> Result<(), BackupError> {
    let mismatch = |reason: String| BackupError::Mismatch {
        file: file.to_owned(),
        reason,
    };
    if found.is_empty() {
        return Err(BackupError::NotABackup {
            file: file.to_owned(),
            reason: "no migration was ever applied to it".into(),
        });
    }
    for m in found {
        match known.iter().find(|(version, _)| *version == m.version) {
            None => {
                return Err(mismatch(format!(
                    "migration {} is unknown here (made by a newer Essaim?)",
                    m.version
                )))
            }
            Some((_, checksum)) if *checksum != m.checksum => {
                return Err(mismatch(format!(
                    "migration {} differs from this version's",
                    m.version
                )))
            }
            Some(_) if !m.success => {
                return Err(mismatch(format!(
                    "migration {} did not complete",
                    m.version
                )))
            }
            Some(_) => {}
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn applied(version: i64, checksum: &[u8]) -> AppliedMigration {
        AppliedMigration {
            version,
            checksum: checksum.to_vec(),
            success: true,
        }
    }

    #[test]
    fn migrations_must_be_known_identical_and_complete() {
        let known = vec![(1, vec![1]), (2, vec![2])];
        assert!(check_migrations("b", &[applied(1, &[1])], &known).is_ok());
        assert!(check_migrations("b", &[applied(1, &[1]), applied(2, &[2])], &known).is_ok());
        let err = check_migrations("b", &[applied(3, &[3])], &known).unwrap_err();
        assert!(err.to_string().contains("migration 3 is unknown"), "{err}");
        let err = check_migrations("b", &[applied(2, &[9])], &known).unwrap_err();
        assert!(err.to_string().contains("differs"), "{err}");
        let mut failed = applied(1, &[1]);
        failed.success = false;
        assert!(check_migrations("b", &[failed], &known).is_err());
        let err = check_migrations("b", &[], &known).unwrap_err();
        assert!(matches!(err, BackupError::NotABackup { .. }), "{err}");
    }
}
