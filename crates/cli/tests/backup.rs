//! `essaim backup` while the site runs and keeps writing, then `essaim restore` into a fresh
//! database, on SQLite and on PostgreSQL; and the refusals that keep data safe: an existing
//! file, a file that is not a backup, a database in use.

mod support;

use std::path::Path;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};
use support::*;

/// Starts a server on `source`, writes through the API before, during and after a backup,
/// restores the backup into `target` and compares.
async fn backup_while_writing_restores_a_consistent_snapshot(
    dir: &Path,
    source: &str,
    target: &str,
) {
    demo_with_admin(dir, source, 50);
    let server = Server::start(dir, source).await;
    let token = api_token(&server.url).await;
    let acked = Arc::new(Mutex::new(Vec::new()));
    let stop = Arc::new(AtomicBool::new(false));
    let writer = tokio::spawn(write_until(
        server.url.clone(),
        token,
        "sauvegarde",
        acked.clone(),
        stop.clone(),
    ));
    until_acked(&acked, 10).await;

    let before_backup = acked.lock().unwrap().clone();
    let file = dir.join("sauvegarde.essaim");
    let out = tokio::process::Command::from(essaim(dir))
        .args(["--database-url", source, "backup"])
        .arg(&file)
        .output()
        .await
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(String::from_utf8_lossy(&out.stdout).contains("sauvegarde écrite"));
    // The site kept writing: a few more after the backup, then stop.
    let after_backup = acked.lock().unwrap().len();
    until_acked(&acked, after_backup + 5).await;
    stop.store(true, Ordering::SeqCst);
    writer.await.unwrap();
    let acked = acked.lock().unwrap().clone();

    let out = run(dir, source, &["restore", file.to_str().unwrap()]);
    assert!(!out.status.success(), "no restore under a running server");
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("in use"), "{stderr}");
    server.stop();

    let out = run_ok(dir, target, &["restore", file.to_str().unwrap()]);
    assert!(out.contains("base restaurée"), "{out}");
    let restored = export_by_id(dir, target);
    let live = export_by_id(dir, source);
    for id in &before_backup {
        assert!(
            restored.contains_key(id),
            "a write acknowledged before the backup began is missing: {id}"
        );
    }
    // A snapshot of the live database: what it holds is there unchanged, and what it lacks
    // was written after the backup began.
    for (id, initiative) in &restored {
        assert_eq!(live.get(id), Some(initiative), "{id} differs");
    }
    let missing: Vec<&String> = live
        .keys()
        .filter(|id| !restored.contains_key(*id))
        .collect();
    for id in &missing {
        assert!(
            acked[before_backup.len()..].contains(id),
            "{id} is not in the backup though written before it"
        );
    }
    assert!(acked.iter().all(|id| live.contains_key(id)));

    // Restoring over the stopped site's own database brings it back to the snapshot.
    run_ok(dir, source, &["restore", file.to_str().unwrap()]);
    assert_eq!(export_by_id(dir, source), restored);
    // The restored database serves.
    let server = Server::start(dir, target).await;
    server.stop();
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn sqlite_backup_while_writing_restores_a_consistent_snapshot() {
    let dir = tempfile::tempdir().unwrap();
    backup_while_writing_restores_a_consistent_snapshot(
        dir.path(),
        "sqlite://site.db",
        "sqlite://restored.db",
    )
    .await;
    // The backup is itself a database: read from a copy (opening runs migrations), it exports
    // byte for byte what the restored database exports.
    std::fs::copy(
        dir.path().join("sauvegarde.essaim"),
        dir.path().join("copy.db"),
    )
    .unwrap();
    let csv = |db| run_ok(dir.path(), db, &["export", "initiatives", "--all"]);
    assert_eq!(csv("sqlite://copy.db"), csv("sqlite://restored.db"));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn postgres_backup_while_writing_restores_a_consistent_snapshot() {
    let Some(pg) = essaim_testkit::postgres::server() else {
        return;
    };
    let dir = tempfile::tempdir().unwrap();
    backup_while_writing_restores_a_consistent_snapshot(
        dir.path(),
        &pg.fresh_database(),
        &pg.fresh_database(),
    )
    .await;
}

#[test]
fn backup_refuses_to_replace_a_file_unless_forced() {
    let dir = tempfile::tempdir().unwrap();
    let db = "sqlite://site.db";
    run_ok(dir.path(), db, &["demo", "--initiatives", "5"]);
    let file = dir.path().join("sauvegarde.db");
    std::fs::write(&file, "précieux").unwrap();
    let out = run(dir.path(), db, &["backup", file.to_str().unwrap()]);
    assert!(!out.status.success());
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains("already exists") && stderr.contains("--force"),
        "{stderr}"
    );
    assert_eq!(std::fs::read_to_string(&file).unwrap(), "précieux");
    let out = run(dir.path(), db, &["backup", "absent/sauvegarde.db"]);
    assert!(!out.status.success());
    assert!(String::from_utf8_lossy(&out.stderr).contains("create it first"));

    run_ok(
        dir.path(),
        db,
        &["backup", "--force", file.to_str().unwrap()],
    );
    run_ok(
        dir.path(),
        "sqlite://restored.db",
        &["restore", file.to_str().unwrap()],
    );
    assert_eq!(
        export_by_id(dir.path(), "sqlite://restored.db"),
        export_by_id(dir.path(), db)
    );
    let leftovers: Vec<_> = std::fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|name| name.contains(".partial-") || name.contains(".restore-"))
        .collect();
    assert!(leftovers.is_empty(), "{leftovers:?}");
}

/// Restoring a text file, or a database that is not Essaim's, fails with a message naming
/// the file, and the database keeps every initiative.
fn restore_refuses_what_is_not_a_backup(dir: &Path, db: &str, not_backups: &[(&str, &str)]) {
    run_ok(dir, db, &["demo", "--initiatives", "5"]);
    let before = run_ok(dir, db, &["export", "initiatives", "--all"]);
    for (name, expected) in not_backups {
        let out = run(dir, db, &["restore", name]);
        assert!(!out.status.success(), "{name} was restored");
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert!(
            stderr.contains(&format!("{name} is not an Essaim backup"))
                && stderr.contains(expected)
                && stderr.contains("nothing was restored"),
            "{name}: {stderr}"
        );
    }
    let out = run(dir, db, &["restore", "absent.db"]);
    assert!(!out.status.success());
    assert_eq!(run_ok(dir, db, &["export", "initiatives", "--all"]), before);
}

#[test]
fn sqlite_restore_refuses_what_is_not_a_backup() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("notes.txt"), "pas une base\n").unwrap();
    // An empty file is a valid, empty SQLite database: not an Essaim one.
    std::fs::write(dir.path().join("empty.db"), "").unwrap();
    restore_refuses_what_is_not_a_backup(
        dir.path(),
        "sqlite://site.db",
        &[
            ("notes.txt", "file is not a database"),
            ("empty.db", "no migrations table"),
        ],
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn postgres_restore_refuses_what_is_not_a_backup() {
    let Some(pg) = essaim_testkit::postgres::server() else {
        return;
    };
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("notes.txt"), "pas une archive\n").unwrap();
    // A backup of the SQLite backend is no PostgreSQL archive.
    run_ok(dir.path(), "sqlite://other.db", &["migrate"]);
    run_ok(dir.path(), "sqlite://other.db", &["backup", "other.backup"]);
    let db = pg.fresh_database();
    restore_refuses_what_is_not_a_backup(
        dir.path(),
        &db,
        &[("notes.txt", "pg_restore"), ("other.backup", "pg_restore")],
    );

    // pg_restore --clean drops only what the archive holds: over a database a newer Essaim
    // migrated, tables would stay behind, so the restore is refused.
    run_ok(dir.path(), &db, &["backup", "site.backup"]);
    let mut conn = <sqlx::PgConnection as sqlx::Connection>::connect(&db)
        .await
        .unwrap();
    sqlx::query(
        "INSERT INTO _sqlx_migrations (version, description, success, checksum, execution_time)
         VALUES (99990101, 'future', true, '\\x00', 0)",
    )
    .execute(&mut conn)
    .await
    .unwrap();
    // Counted in SQL: `essaim export` itself would refuse a database with an unknown migration.
    let count = "SELECT count(*) FROM initiatives";
    let before: i64 = sqlx::query_scalar(count)
        .fetch_one(&mut conn)
        .await
        .unwrap();
    // Closed, or this session would be the one that makes the database in use.
    sqlx::Connection::close(conn).await.unwrap();
    let out = run(dir.path(), &db, &["restore", "site.backup"]);
    assert!(!out.status.success());
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("migration 99990101"), "{stderr}");
    let mut conn = <sqlx::PgConnection as sqlx::Connection>::connect(&db)
        .await
        .unwrap();
    let after: i64 = sqlx::query_scalar(count)
        .fetch_one(&mut conn)
        .await
        .unwrap();
    assert_eq!(after, before);
}
