//! The `essaim` binary as an operator uses it: migrate, create an admin, serve, stop, on SQLite
//! and on PostgreSQL; and a configuration typo stops start-up.

use std::process::{Command, Stdio};
use std::time::Duration;

fn essaim(dir: &std::path::Path) -> Command {
    let mut c = Command::new(env!("CARGO_BIN_EXE_essaim"));
    c.current_dir(dir)
        .env_remove("ESSAIM_DATABASE_URL")
        .env("ESSAIM_NEW_PASSWORD", "un essaim de test bien long");
    c
}

fn migrate_and_create_admin(dir: &std::path::Path, database_url: &str) {
    let out = essaim(dir)
        .args(["--database-url", database_url, "migrate"])
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let out = essaim(dir)
        .args([
            "--database-url",
            database_url,
            "admin",
            "create-user",
            "--email",
            "Admin@Exemple.fr",
            "--name",
            "Camille",
            "--admin",
        ])
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(String::from_utf8_lossy(&out.stdout).contains("admin@exemple.fr"));
    let again = essaim(dir)
        .args([
            "--database-url",
            database_url,
            "admin",
            "create-user",
            "--email",
            "admin@exemple.fr",
            "--name",
            "Autre",
        ])
        .output()
        .unwrap();
    assert!(!again.status.success(), "one account per e-mail");
}

#[test]
fn sqlite_by_default_in_the_current_folder() {
    let dir = tempfile::tempdir().unwrap();
    migrate_and_create_admin(dir.path(), "sqlite://essaim.db");
    assert!(dir.path().join("essaim.db").exists());
}

#[test]
fn postgres_with_a_url() {
    let Some(server) = essaim_testkit::postgres::server() else {
        return;
    };
    let dir = tempfile::tempdir().unwrap();
    migrate_and_create_admin(dir.path(), &server.fresh_database());
}

#[test]
fn an_unknown_configuration_key_stops_start_up() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("essaim.toml"),
        "bind = \"127.0.0.1:0\"\nbnid = \"x\"\n",
    )
    .unwrap();
    let out = essaim(dir.path()).arg("migrate").output().unwrap();
    assert!(!out.status.success());
    assert!(
        String::from_utf8_lossy(&out.stderr).contains("bnid"),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
}

#[test]
fn serve_answers_then_stops_on_sigterm() {
    let dir = tempfile::tempdir().unwrap();
    let port = std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port();
    let mut child = essaim(dir.path())
        .args(["serve", "--bind", &format!("127.0.0.1:{port}")])
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let runtime = tokio::runtime::Runtime::new().unwrap();
    let ready = runtime.block_on(async {
        for _ in 0..100 {
            if let Ok(r) = reqwest::get(format!("http://127.0.0.1:{port}/readyz")).await {
                return r.status().as_u16();
            }
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
        0
    });
    assert_eq!(ready, 200);
    let status = Command::new("kill")
        .args(["-TERM", &child.id().to_string()])
        .status()
        .unwrap();
    assert!(status.success());
    let exit = child.wait().unwrap();
    assert!(exit.success(), "a clean exit on SIGTERM: {exit:?}");
    let mut out = String::new();
    std::io::Read::read_to_string(child.stdout.as_mut().unwrap(), &mut out).unwrap();
    assert!(
        out.contains(&format!("http://127.0.0.1:{port}")),
        "prints the URL: {out}"
    );
}

fn run(dir: &std::path::Path, args: &[&str]) -> std::process::Output {
    essaim(dir).args(args).output().unwrap()
}

/// The demo exported as CSV imports into an empty database and exports again byte for byte.
fn export_imports_back_unchanged(dir: &std::path::Path, source_db: &str, target_db: &str) {
    let out = run(
        dir,
        &["--database-url", source_db, "demo", "--initiatives", "60"],
    );
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let a = dir.join("a.csv");
    let out = run(
        dir,
        &[
            "--database-url",
            source_db,
            "export",
            "initiatives",
            "--all",
            "--output",
            a.to_str().unwrap(),
        ],
    );
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let out = run(
        dir,
        &[
            "--database-url",
            target_db,
            "import",
            "initiatives",
            "--dry-run",
            a.to_str().unwrap(),
        ],
    );
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let out = run(
        dir,
        &[
            "--database-url",
            target_db,
            "import",
            "initiatives",
            a.to_str().unwrap(),
        ],
    );
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    // Every exported initiative is created: the 60 asked for, and the ones a small demo adds in
    // the Finistère for its impact plans.
    let exported = csv::Reader::from_path(&a).unwrap().records().count();
    assert!(exported >= 60, "{exported} initiatives exported");
    assert!(
        String::from_utf8_lossy(&out.stdout).contains(&format!("{exported} créée(s)")),
        "{}",
        String::from_utf8_lossy(&out.stdout)
    );
    let b = dir.join("b.csv");
    let out = run(
        dir,
        &[
            "--database-url",
            target_db,
            "export",
            "initiatives",
            "--all",
            "--output",
            b.to_str().unwrap(),
        ],
    );
    assert!(out.status.success());
    let (a, b) = (
        std::fs::read_to_string(a).unwrap(),
        std::fs::read_to_string(b).unwrap(),
    );
    assert!(a.starts_with("id,nom,"), "a header row");
    assert_eq!(a, b, "the export imports back unchanged");
}

#[test]
fn csv_export_imports_back_unchanged_on_sqlite() {
    let dir = tempfile::tempdir().unwrap();
    export_imports_back_unchanged(dir.path(), "sqlite://a.db", "sqlite://b.db");
}

#[test]
fn csv_export_imports_back_unchanged_on_postgres() {
    let Some(server) = essaim_testkit::postgres::server() else {
        return;
    };
    let dir = tempfile::tempdir().unwrap();
    export_imports_back_unchanged(
        dir.path(),
        &server.fresh_database(),
        &server.fresh_database(),
    );
}

#[test]
fn a_bad_csv_imports_nothing_unless_asked() {
    let dir = tempfile::tempdir().unwrap();
    let out = run(dir.path(), &["demo", "--initiatives", "12"]);
    assert!(out.status.success());
    let good = dir.path().join("good.csv");
    run(
        dir.path(),
        &[
            "export",
            "initiatives",
            "--all",
            "--output",
            good.to_str().unwrap(),
        ],
    );
    let text = std::fs::read_to_string(&good).unwrap();
    // Break one row: an unknown INSEE code in place of the first commune reference (not every
    // demo initiative names a commune, so find which row that is: the header is row 1).
    let header_end = text.find('\n').unwrap();
    let at = header_end + text[header_end..].find("commune:").unwrap();
    let mut reader = csv::Reader::from_reader(text.as_bytes());
    let mut row = 1;
    for record in reader.byte_records() {
        let start = record.unwrap().position().unwrap().byte() as usize;
        if start > at {
            break;
        }
        row += 1;
    }
    let broken = format!(
        "{}{}",
        &text[..header_end],
        text[header_end..].replacen("commune:", "commune:9", 1)
    );
    let bad = dir.path().join("bad.csv");
    std::fs::write(&bad, broken).unwrap();
    let out = run(
        dir.path(),
        &[
            "--database-url",
            "sqlite://empty.db",
            "import",
            "initiatives",
            bad.to_str().unwrap(),
        ],
    );
    assert!(!out.status.success());
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains(&format!("ligne {row},"))
            && stderr.contains("territoires")
            && stderr.contains("territory_unknown"),
        "{stderr}"
    );
    let out = run(
        dir.path(),
        &[
            "--database-url",
            "sqlite://empty.db",
            "export",
            "initiatives",
            "--all",
        ],
    );
    assert_eq!(
        String::from_utf8_lossy(&out.stdout).lines().count(),
        1,
        "nothing was imported: header only"
    );
    let out = run(
        dir.path(),
        &[
            "--database-url",
            "sqlite://empty.db",
            "import",
            "initiatives",
            "--skip-invalid",
            bad.to_str().unwrap(),
        ],
    );
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(stdout.contains("1 ligne(s) refusée(s)"), "{stdout}");
    let missing = dir.path().join("missing.csv");
    std::fs::write(&missing, "id,nom\n").unwrap();
    let out = run(
        dir.path(),
        &[
            "--database-url",
            "sqlite://empty2.db",
            "import",
            "initiatives",
            missing.to_str().unwrap(),
        ],
    );
    assert!(!out.status.success());
    assert!(String::from_utf8_lossy(&out.stderr).contains("ligne 1"));
}
