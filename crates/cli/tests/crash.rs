//! Crash safety, on SQLite and on PostgreSQL: a server killed (SIGKILL) in the middle of a
//! stream of writes loses none it acknowledged and opens cleanly again; an `essaim import`
//! killed half-way leaves all or nothing.

mod support;

use sqlx::{ConnectOptions, Connection, PgConnection, SqliteConnection};
use std::path::{Path, PathBuf};
use std::sync::atomic::AtomicBool;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};
use support::*;

/// Rows of the generated CSV: enough that the import's single transaction lasts seconds,
/// so that the kill lands inside it.
const IMPORT_ROWS: usize = 20_000;

/// The database of a test, looked at directly after a kill.
enum Db {
    Sqlite(PathBuf),
    Postgres(String),
}

impl Db {
    fn url(&self) -> String {
        match self {
            Db::Sqlite(path) => format!("sqlite://{}", path.display()),
            Db::Postgres(url) => url.clone(),
        }
    }

    /// SQLite's integrity check on the file as the kill left it (the first connection also
    /// replays the committed part of the WAL). PostgreSQL itself was not killed, only its
    /// client; a connection answering is all there is to see.
    async fn assert_sound(&self) {
        match self {
            Db::Sqlite(path) => {
                let mut conn = sqlite(path).await;
                let report: Vec<String> = sqlx::query_scalar("PRAGMA integrity_check")
                    .fetch_all(&mut conn)
                    .await
                    .unwrap();
                assert_eq!(report, ["ok"]);
            }
            Db::Postgres(url) => {
                let mut conn = PgConnection::connect(url).await.unwrap();
                sqlx::query("SELECT 1").execute(&mut conn).await.unwrap();
            }
        }
    }

    /// Initiatives and their revisions: an import writes both in one transaction.
    async fn counts(&self) -> (i64, i64) {
        const SQL: &str = "SELECT (SELECT count(*) FROM initiatives), \
                           (SELECT count(*) FROM initiative_revisions)";
        match self {
            Db::Sqlite(path) => sqlx::query_as(SQL)
                .fetch_one(&mut sqlite(path).await)
                .await
                .unwrap(),
            Db::Postgres(url) => sqlx::query_as(SQL)
                .fetch_one(&mut PgConnection::connect(url).await.unwrap())
                .await
                .unwrap(),
        }
    }

    /// Empties SQLite's WAL (folded into the database), so that its growth shows a writer.
    async fn truncate_wal(&self) {
        if let Db::Sqlite(path) = self {
            sqlx::query("PRAGMA wal_checkpoint(TRUNCATE)")
                .execute(&mut sqlite(path).await)
                .await
                .unwrap();
        }
    }

    /// Whether an import's write transaction is under way. SQLite: the WAL, emptied before,
    /// grows as the transaction spills pages into it before its commit. PostgreSQL: a session holds the
    /// row lock of the catalogue generation, which every write takes and keeps to commit.
    async fn import_writing(&self) -> bool {
        match self {
            Db::Sqlite(path) => {
                let mut wal = path.as_os_str().to_owned();
                wal.push("-wal");
                std::fs::metadata(wal).is_ok_and(|m| m.len() > 1_000_000)
            }
            Db::Postgres(url) => {
                let mut conn = PgConnection::connect(url).await.unwrap();
                sqlx::query_scalar::<_, bool>(
                    "SELECT EXISTS (SELECT 1 FROM pg_locks
                     WHERE relation = 'catalogue_generation'::regclass
                       AND mode = 'RowExclusiveLock' AND granted AND pid <> pg_backend_pid())",
                )
                .fetch_one(&mut conn)
                .await
                .unwrap()
            }
        }
    }
}

async fn sqlite(path: &Path) -> SqliteConnection {
    sqlx::sqlite::SqliteConnectOptions::new()
        .filename(path)
        .create_if_missing(false)
        .connect()
        .await
        .unwrap()
}

async fn acknowledged_writes_survive_a_kill(dir: &Path, db: Db) {
    let url = db.url();
    demo_with_admin(dir, &url, 10);
    let server = Server::start(dir, &url).await;
    let token = api_token(&server.url).await;
    let acked = Arc::new(Mutex::new(Vec::new()));
    let stop = Arc::new(AtomicBool::new(false));
    // Several writers, so that requests are in flight, at every stage, when the kill lands.
    let writers: Vec<_> = ["a", "b", "c", "d"]
        .into_iter()
        .map(|tag| {
            tokio::spawn(write_until(
                server.url.clone(),
                token.clone(),
                tag,
                acked.clone(),
                stop.clone(),
            ))
        })
        .collect();
    until_acked(&acked, 40).await;
    server.kill();
    for w in writers {
        w.await.unwrap();
    }
    let acked = acked.lock().unwrap().clone();

    db.assert_sound().await;
    let server = Server::start(dir, &url).await;
    let client = reqwest::Client::new();
    for id in acked.iter().rev().take(5) {
        let r = client
            .get(format!("{}/api/v1/initiatives/{id}", server.url))
            .send()
            .await
            .unwrap();
        assert_eq!(r.status(), 200, "{id} reads back after the restart");
    }
    let present = export_by_id(dir, &url);
    let lost: Vec<&String> = acked
        .iter()
        .filter(|id| !present.contains_key(*id))
        .collect();
    assert!(
        lost.is_empty(),
        "{} of {} acknowledged writes lost: {lost:?}",
        lost.len(),
        acked.len()
    );
    server.stop();
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn sqlite_acknowledged_writes_survive_a_kill() {
    let dir = tempfile::tempdir().unwrap();
    let db = Db::Sqlite(dir.path().join("site.db"));
    acknowledged_writes_survive_a_kill(dir.path(), db).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn postgres_acknowledged_writes_survive_a_kill() {
    let Some(pg) = essaim_testkit::postgres::server() else {
        return;
    };
    let dir = tempfile::tempdir().unwrap();
    acknowledged_writes_survive_a_kill(dir.path(), Db::Postgres(pg.fresh_database())).await;
}

/// A CSV of `rows` new initiatives: the demo's, exported, repeated under fresh ids.
fn big_csv(dir: &Path, rows: usize) -> PathBuf {
    let template = dir.join("template.csv");
    run_ok(
        dir,
        "sqlite://template.db",
        &["demo", "--initiatives", "20"],
    );
    run_ok(
        dir,
        "sqlite://template.db",
        &[
            "export",
            "initiatives",
            "--all",
            "--output",
            template.to_str().unwrap(),
        ],
    );
    let mut reader = csv::Reader::from_path(&template).unwrap();
    let headers = reader.headers().unwrap().clone();
    let id_column = headers.iter().position(|h| h == "id").unwrap();
    // Forks name their source by id, which the copies would not find.
    let source_column = headers.iter().position(|h| h == "source_id").unwrap();
    let records: Vec<csv::StringRecord> = reader.records().map(Result::unwrap).collect();
    let path = dir.join("big.csv");
    let mut writer = csv::Writer::from_path(&path).unwrap();
    writer.write_record(&headers).unwrap();
    for n in 0..rows {
        let template = &records[n % records.len()];
        let id = uuid::Uuid::now_v7().to_string();
        let row: Vec<&str> = template
            .iter()
            .enumerate()
            .map(|(i, field)| match i {
                _ if i == id_column => id.as_str(),
                _ if i == source_column => "",
                _ => field,
            })
            .collect();
        writer.write_record(&row).unwrap();
    }
    writer.flush().unwrap();
    path
}

async fn a_killed_import_leaves_all_or_nothing(dir: &Path, db: Db) {
    let url = db.url();
    let csv = big_csv(dir, IMPORT_ROWS);
    run_ok(dir, &url, &["demo", "--initiatives", "10"]);
    let before = db.counts().await;
    db.truncate_wal().await;

    let mut import = essaim(dir)
        .args(["--database-url", &url, "import", "initiatives"])
        .arg(&csv)
        .stdout(std::process::Stdio::null())
        .stderr(std::fs::File::create(dir.join("import.log")).unwrap())
        .spawn()
        .unwrap();
    let deadline = Instant::now() + Duration::from_secs(30);
    while !db.import_writing().await {
        assert!(
            import.try_wait().unwrap().is_none(),
            "the import ended before it was seen writing: {}",
            std::fs::read_to_string(dir.join("import.log")).unwrap()
        );
        assert!(
            Instant::now() < deadline,
            "the import never started writing"
        );
        tokio::time::sleep(Duration::from_millis(10)).await;
    }
    // Well inside the transaction, which lasts seconds.
    tokio::time::sleep(Duration::from_millis(300)).await;
    let still_running = import.try_wait().unwrap().is_none();
    // SIGKILL (what `Child::kill` sends on Unix): no chance to roll back or clean up.
    import.kill().unwrap();
    import.wait().unwrap();

    db.assert_sound().await;
    let after = db.counts().await;
    let n = IMPORT_ROWS as i64;
    assert!(
        after == before || after == (before.0 + n, before.1 + n),
        "all or nothing: {before:?} before, {after:?} after"
    );
    if still_running {
        assert_eq!(after, before, "killed mid-import, nothing may remain");
    }
    // The database takes writes again: the killed session's locks are gone.
    let out = run(
        dir,
        &url,
        &[
            "admin",
            "create-user",
            "--email",
            "b@exemple.fr",
            "--name",
            "B",
        ],
    );
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn sqlite_a_killed_import_leaves_all_or_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let db = Db::Sqlite(dir.path().join("site.db"));
    a_killed_import_leaves_all_or_nothing(dir.path(), db).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn postgres_a_killed_import_leaves_all_or_nothing() {
    let Some(pg) = essaim_testkit::postgres::server() else {
        return;
    };
    let dir = tempfile::tempdir().unwrap();
    a_killed_import_leaves_all_or_nothing(dir.path(), Db::Postgres(pg.fresh_database())).await;
}
