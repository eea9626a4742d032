//! `essaim backup` and `essaim restore` on PostgreSQL, with PostgreSQL's own tools.
//!
//! `pg_dump --format=custom` reads inside one repeatable-read transaction: a consistent
//! snapshot while the site keeps writing. `pg_restore --clean --if-exists --no-owner
//! --single-transaction` replaces the tables of the configured database all or nothing.
//! Both tools come from the same folder, the newest version found on PATH or in
//! /usr/lib/postgresql/*/bin: pg_dump refuses a server newer than itself, and a newer
//! pg_restore reads older archives. The password never goes on a command line (where `ps`
//! shows it) but in PGPASSWORD.

use essaim_store::backup::{check_migrations, AppliedMigration, BackupError};
use sqlx::migrate::Migrator;
use sqlx::{Connection, PgConnection};
use std::ffi::OsString;
use std::path::{Path, PathBuf};
use std::process::Stdio;

static MIGRATOR: Migrator = sqlx::migrate!("./migrations");

/// Query parameters sqlx reads that libpq does not know (libpq refuses unknown ones).
const SQLX_ONLY_PARAMS: &[&str] = &["statement-cache-capacity"];

/// Writes a consistent archive of the database at `url` into `dest` and reads its
/// migrations back, as a restore would.
pub async fn backup(url: &str, dest: &Path) -> Result<(), BackupError> {
    let tools = Tools::find().await?;
    let target = LibpqTarget::parse(url)?;
    let mut file_arg = OsString::from("--file=");
    file_arg.push(std::path::absolute(dest)?);
    tools
        .run(
            &tools.pg_dump,
            vec![
                "--format=custom".into(),
                file_arg,
                format!("--dbname={}", target.url).into(),
            ],
            target.password.as_deref(),
        )
        .await?;
    archive_migrations(&tools, dest, &dest.display().to_string()).await?;
    Ok(())
}

/// Replaces the tables of the database at `url` with those of the archive `file`.
///
/// Refused, before anything changes, when the file is not an Essaim archive this binary can
/// run, when another session is connected to the database (a running server would go on
/// with a catalogue index of the old data), or when the database has migrations the archive
/// lacks (`--clean` drops only what the archive holds, so newer tables would stay behind).
pub async fn restore(file: &Path, url: &str) -> Result<(), BackupError> {
    let tools = Tools::find().await?;
    let in_archive = archive_migrations(&tools, file, &file.display().to_string()).await?;
    let target = LibpqTarget::parse(url)?;

    let mut conn = PgConnection::connect(url).await?;
    let others: i64 = sqlx::query_scalar(
        "SELECT count(*) FROM pg_stat_activity
         WHERE datname = current_database() AND pid <> pg_backend_pid()
           AND backend_type = 'client backend'",
    )
    .fetch_one(&mut conn)
    .await?;
    if others > 0 {
        return Err(BackupError::InUse(format!(
            "{others} other session(s) connected to it"
        )));
    }
    let has_migrations: bool =
        sqlx::query_scalar("SELECT to_regclass('_sqlx_migrations') IS NOT NULL")
            .fetch_one(&mut conn)
            .await?;
    if has_migrations {
        let present: Vec<i64> = sqlx::query_scalar("SELECT version FROM _sqlx_migrations")
            .fetch_all(&mut conn)
            .await?;
        if let Some(v) = present
            .iter()
            .find(|v| !in_archive.iter().any(|m| m.version == **v))
        {
            return Err(BackupError::Refused(format!(
                "it has migration {v}, which the backup predates; restore into an empty database"
            )));
        }
    }
    conn.close().await?;

    // Absolute, so that a file named like an option is never read as one.
    let file_arg = std::path::absolute(file)?.into_os_string();
    tools
        .run(
            &tools.pg_restore,
            vec![
                "--clean".into(),
                "--if-exists".into(),
                "--no-owner".into(),
                "--single-transaction".into(),
                "--exit-on-error".into(),
                format!("--dbname={}", target.url).into(),
                file_arg,
            ],
            target.password.as_deref(),
        )
        .await?;
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

/// Reads the `_sqlx_migrations` rows out of an archive (pg_restore prints them as a COPY
/// block) and checks them against this binary's: a file pg_restore cannot read, or an
/// archive without them, is not an Essaim backup.
async fn archive_migrations(
    tools: &Tools,
    file: &Path,
    shown: &str,
) -> Result<Vec<AppliedMigration>, BackupError> {
    let script = tools
        .run(
            &tools.pg_restore,
            vec![
                "--data-only".into(),
                "--table=_sqlx_migrations".into(),
                "--file=-".into(),
                std::path::absolute(file)?.into_os_string(),
            ],
            None,
        )
        .await
        .map_err(|e| match e {
            BackupError::Tool { message, .. } => BackupError::NotABackup {
                file: shown.to_owned(),
                reason: message,
            },
            other => other,
        })?;
    let found = parse_copy_block(&String::from_utf8_lossy(&script)).ok_or_else(|| {
        BackupError::NotABackup {
            file: shown.to_owned(),
            reason: "a PostgreSQL archive, but not Essaim's (no migrations table)".into(),
        }
    })?;
    check_migrations(shown, &found, &known_migrations())?;
    Ok(found)
}

/// The rows of the `_sqlx_migrations` COPY block in a pg_restore script, in COPY's text
/// format (tab-separated; `t`/`f`; bytea as `\\x` and hex). None when there is no such block.
fn parse_copy_block(script: &str) -> Option<Vec<AppliedMigration>> {
    let mut lines = script.lines();
    let header = lines.find(|l| l.starts_with("COPY ") && l.contains("_sqlx_migrations ("))?;
    let columns: Vec<&str> = header[header.find('(')? + 1..header.find(')')?]
        .split(',')
        .map(str::trim)
        .collect();
    let index = |name: &str| columns.iter().position(|c| *c == name);
    let (version, success, checksum) = (index("version")?, index("success")?, index("checksum")?);
    let mut found = Vec::new();
    for line in lines.take_while(|l| *l != "\\.") {
        let fields: Vec<&str> = line.split('\t').collect();
        let hex = fields.get(checksum)?.trim_start_matches('\\');
        found.push(AppliedMigration {
            version: fields.get(version)?.parse().ok()?,
            success: *fields.get(success)? == "t",
            checksum: decode_hex(hex.strip_prefix('x')?)?,
        });
    }
    Some(found)
}

fn decode_hex(hex: &str) -> Option<Vec<u8>> {
    hex.as_bytes()
        .chunks(2)
        .map(|pair| match pair {
            [high, low] => u8::from_str_radix(std::str::from_utf8(&[*high, *low]).ok()?, 16).ok(),
            _ => None,
        })
        .collect()
}

/// A database URL as libpq takes it: the password lifted out (for PGPASSWORD), and the
/// parameters only sqlx knows removed.
#[derive(Debug, PartialEq)]
struct LibpqTarget {
    url: String,
    password: Option<String>,
}

impl LibpqTarget {
    fn parse(url: &str) -> Result<LibpqTarget, BackupError> {
        let mut parsed = url::Url::parse(url).map_err(|e| {
            BackupError::Io(std::io::Error::other(format!(
                "the database URL cannot be read: {e}"
            )))
        })?;
        let mut password = parsed.password().map(percent_decode);
        if password.is_some() {
            let _ = parsed.set_password(None);
        }
        let mut kept = Vec::new();
        for (key, value) in parsed.query_pairs() {
            if key == "password" {
                password = Some(value.into_owned());
            } else if !SQLX_ONLY_PARAMS.contains(&&*key) {
                kept.push(format!("{}={}", encode(&key), encode(&value)));
            }
        }
        // Written by hand: the url crate's form encoding turns spaces into `+`, which libpq
        // would read as a plus sign.
        parsed.set_query(None);
        let mut url = parsed.to_string();
        if !kept.is_empty() {
            url.push('?');
            url.push_str(&kept.join("&"));
        }
        Ok(LibpqTarget { url, password })
    }
}

fn percent_decode(text: &str) -> String {
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        let hex = (bytes[i] == b'%')
            .then(|| text.get(i + 1..i + 3))
            .flatten()
            .and_then(|h| u8::from_str_radix(h, 16).ok());
        match hex {
            Some(byte) => {
                out.push(byte);
                i += 3;
            }
            None => {
                out.push(bytes[i]);
                i += 1;
            }
        }
    }
    String::from_utf8_lossy(&out).into_owned()
}

/// Percent-encodes a query key or value, keeping `/` readable (a socket folder).
fn encode(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for byte in text.bytes() {
        if byte.is_ascii_alphanumeric() || b"-._~/".contains(&byte) {
            out.push(char::from(byte));
        } else {
            out.push_str(&format!("%{byte:02X}"));
        }
    }
    out
}

/// pg_dump and pg_restore from one folder.
struct Tools {
    pg_dump: PathBuf,
    pg_restore: PathBuf,
}

impl Tools {
    /// The folder with both tools whose pg_dump reports the highest version.
    async fn find() -> Result<Tools, BackupError> {
        let mut dirs: Vec<PathBuf> = std::fs::read_dir("/usr/lib/postgresql")
            .into_iter()
            .flatten()
            .flatten()
            .map(|entry| entry.path().join("bin"))
            .collect();
        if let Some(path) = std::env::var_os("PATH") {
            dirs.extend(std::env::split_paths(&path));
        }
        let mut best: Option<(Vec<u32>, PathBuf)> = None;
        for dir in dirs {
            let (pg_dump, pg_restore) = (dir.join("pg_dump"), dir.join("pg_restore"));
            if !pg_dump.is_file() || !pg_restore.is_file() {
                continue;
            }
            let Some(version) = tool_version(&pg_dump).await else {
                continue;
            };
            if best.as_ref().is_none_or(|(v, _)| version > *v) {
                best = Some((version, dir));
            }
        }
        let (_, dir) = best.ok_or(BackupError::ToolMissing("pg_dump"))?;
        Ok(Tools {
            pg_dump: dir.join("pg_dump"),
            pg_restore: dir.join("pg_restore"),
        })
    }

    /// Runs a tool and returns its standard output; its standard error becomes the message
    /// of a failure.
    async fn run(
        &self,
        program: &Path,
        args: Vec<OsString>,
        password: Option<&str>,
    ) -> Result<Vec<u8>, BackupError> {
        let name = program
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        let mut command = tokio::process::Command::new(program);
        command
            .args(args)
            .stdin(Stdio::null())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .kill_on_drop(true);
        if let Some(password) = password {
            command.env("PGPASSWORD", password);
        }
        if std::env::var_os("PGCONNECT_TIMEOUT").is_none() {
            // libpq waits forever by default for a server that does not answer.
            command.env("PGCONNECT_TIMEOUT", "10");
        }
        let output = command.output().await.map_err(|e| BackupError::Tool {
            program: name.clone(),
            message: format!("cannot run {}: {e}", program.display()),
        })?;
        if !output.status.success() {
            let stderr = String::from_utf8_lossy(&output.stderr).trim().to_owned();
            return Err(BackupError::Tool {
                program: name,
                message: if stderr.is_empty() {
                    output.status.to_string()
                } else {
                    stderr
                },
            });
        }
        Ok(output.stdout)
    }
}

/// `pg_dump (PostgreSQL) 16.4 (Debian 16.4-1)` → [16, 4].
async fn tool_version(program: &Path) -> Option<Vec<u32>> {
    let output = tokio::process::Command::new(program)
        .arg("--version")
        .stdin(Stdio::null())
        .output()
        .await
        .ok()?;
    parse_version(&String::from_utf8_lossy(&output.stdout))
}

fn parse_version(text: &str) -> Option<Vec<u32>> {
    let word = text
        .split_whitespace()
        .find(|w| w.starts_with(|c: char| c.is_ascii_digit()))?;
    word.split('.')
        .map(|part| {
            let digits: String = part.chars().take_while(char::is_ascii_digit).collect();
            digits.parse().ok()
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_password_leaves_the_url_for_the_environment() {
        assert_eq!(
            LibpqTarget::parse("postgres://essaim:s%40cret@db.example:5433/essaim").unwrap(),
            LibpqTarget {
                url: "postgres://essaim@db.example:5433/essaim".into(),
                password: Some("s@cret".into()),
            }
        );
        assert_eq!(
            LibpqTarget::parse(
                "postgres://essaim@localhost/t_1?host=/tmp/essaim%20pg&password=x%26y&statement-cache-capacity=10"
            )
            .unwrap(),
            LibpqTarget {
                url: "postgres://essaim@localhost/t_1?host=/tmp/essaim%20pg".into(),
                password: Some("x&y".into()),
            }
        );
        assert_eq!(
            LibpqTarget::parse("postgresql://localhost/essaim").unwrap(),
            LibpqTarget {
                url: "postgresql://localhost/essaim".into(),
                password: None,
            }
        );
    }

    #[test]
    fn versions_compare_numerically() {
        let v = |s| parse_version(s).unwrap();
        assert_eq!(
            v("pg_dump (PostgreSQL) 16.4 (Debian 16.4-1.pgdg120+1)"),
            [16, 4]
        );
        assert!(v("pg_dump (PostgreSQL) 9.6.24") < v("pg_dump (PostgreSQL) 15.2"));
        assert_eq!(v("pg_dump (PostgreSQL) 18beta1"), [18]);
    }

    #[test]
    fn migrations_are_read_from_a_copy_block() {
        let script = "--\n-- Data for Name: _sqlx_migrations\n--\n\n\
            COPY public._sqlx_migrations (version, description, installed_on, success, checksum, execution_time) FROM stdin;\n\
            1\tfoundation\t2025-01-01 00:00:00+00\tt\t\\\\x0aff\t1200\n\
            2\tinitiatives\t2025-01-01 00:00:00+00\tf\t\\\\x01\t800\n\
            \\.\n";
        let found = parse_copy_block(script).unwrap();
        assert_eq!(
            found,
            vec![
                AppliedMigration {
                    version: 1,
                    checksum: vec![0x0a, 0xff],
                    success: true
                },
                AppliedMigration {
                    version: 2,
                    checksum: vec![0x01],
                    success: false
                },
            ]
        );
        assert!(parse_copy_block("SET statement_timeout = 0;\n").is_none());
    }
}
