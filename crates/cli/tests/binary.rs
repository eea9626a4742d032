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
