//! The `essaim` binary driven as an operator and a client would: commands, a server on a free
//! port, an admin's API token, initiatives written through the API. Shared by the backup and
//! crash tests.

// Each test file uses its own part of this module.
#![allow(dead_code)]

use serde_json::{json, Value};
use std::collections::BTreeMap;
use std::path::Path;
use std::process::{Child, Command, Output, Stdio};
use std::sync::{Arc, Mutex};
use std::time::Duration;

pub const ADMIN: &str = "admin@exemple.fr";
pub const PASSWORD: &str = "un essaim de test bien long";

pub fn essaim(dir: &Path) -> Command {
    let mut c = Command::new(env!("CARGO_BIN_EXE_essaim"));
    c.current_dir(dir)
        .env_remove("ESSAIM_DATABASE_URL")
        .env("ESSAIM_NEW_PASSWORD", PASSWORD)
        .stdin(Stdio::null());
    c
}

/// Runs `essaim --database-url DB ARGS…` to completion.
pub fn run(dir: &Path, db: &str, args: &[&str]) -> Output {
    essaim(dir)
        .args(["--database-url", db])
        .args(args)
        .output()
        .unwrap()
}

/// Like [`run`], and fails the test with the command's standard error unless it succeeds.
pub fn run_ok(dir: &Path, db: &str, args: &[&str]) -> String {
    let out = run(dir, db, args);
    assert!(
        out.status.success(),
        "essaim {args:?} failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8_lossy(&out.stdout).into_owned()
}

/// A database with the demo territory (`initiatives` of them) and an admin we know the
/// password of.
pub fn demo_with_admin(dir: &Path, db: &str, initiatives: usize) {
    run_ok(
        dir,
        db,
        &["demo", "--initiatives", &initiatives.to_string()],
    );
    run_ok(
        dir,
        db,
        &[
            "admin",
            "create-user",
            "--email",
            ADMIN,
            "--name",
            "Camille",
            "--admin",
        ],
    );
}

/// Every initiative (drafts included) by id, from `essaim export initiatives --all`.
pub fn export_by_id(dir: &Path, db: &str) -> BTreeMap<String, Value> {
    let out = run_ok(
        dir,
        db,
        &["export", "initiatives", "--all", "--format", "json"],
    );
    let all: Value = serde_json::from_str(&out).unwrap();
    all["initiatives"]
        .as_array()
        .unwrap()
        .iter()
        .map(|i| (i["id"].as_str().unwrap().to_owned(), i.clone()))
        .collect()
}

/// `essaim serve` on a free port; killed (SIGKILL) when dropped, so that a failing test
/// leaves no server behind.
pub struct Server {
    child: Child,
    pub url: String,
}

impl Server {
    pub async fn start(dir: &Path, db: &str) -> Server {
        let port = std::net::TcpListener::bind("127.0.0.1:0")
            .unwrap()
            .local_addr()
            .unwrap()
            .port();
        // Logs to a file: a pipe nobody reads would fill up and stall the server.
        let log = std::fs::OpenOptions::new()
            .create(true)
            .append(true)
            .open(dir.join("serve.log"))
            .unwrap();
        let child = essaim(dir)
            .args(["--database-url", db, "serve", "--bind"])
            .arg(format!("127.0.0.1:{port}"))
            .stdout(log.try_clone().unwrap())
            .stderr(log)
            .spawn()
            .unwrap();
        let server = Server {
            child,
            url: format!("http://127.0.0.1:{port}"),
        };
        for _ in 0..200 {
            if let Ok(r) = reqwest::get(format!("{}/readyz", server.url)).await {
                assert_eq!(r.status(), 200, "/readyz");
                return server;
            }
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
        panic!(
            "the server did not answer within 10 s: {}",
            std::fs::read_to_string(dir.join("serve.log")).unwrap_or_default()
        );
    }

    /// SIGKILL: `Child::kill` sends exactly that on Unix, so the process gets no chance to
    /// finish anything.
    pub fn kill(mut self) {
        self.child.kill().unwrap();
        self.child.wait().unwrap();
    }

    /// SIGTERM, then waits for the graceful exit.
    pub fn stop(mut self) {
        let status = Command::new("kill")
            .args(["-TERM", &self.child.id().to_string()])
            .status()
            .unwrap();
        assert!(status.success());
        let exit = self.child.wait().unwrap();
        assert!(exit.success(), "a clean exit on SIGTERM: {exit:?}");
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// Signs the admin in (a cookie-keeping client, CSRF token from its cookie) and creates an
/// API token on the account page, as a person would.
pub async fn api_token(base: &str) -> String {
    let client = reqwest::Client::builder()
        .cookie_store(true)
        .redirect(reqwest::redirect::Policy::none())
        .build()
        .unwrap();
    let page = client
        .get(format!("{base}/connexion"))
        .send()
        .await
        .unwrap();
    let csrf = page
        .cookies()
        .find(|c| c.name() == "essaim_csrf")
        .expect("a CSRF cookie")
        .value()
        .to_owned();
    let r = client
        .post(format!("{base}/connexion"))
        .form(&[("email", ADMIN), ("password", PASSWORD), ("_csrf", &csrf)])
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 303, "signed in: {}", r.text().await.unwrap());
    // Sign-in renews the CSRF token: the one from before is refused from now on.
    let csrf = r
        .cookies()
        .find(|c| c.name() == "essaim_csrf")
        .expect("a new CSRF cookie at sign-in")
        .value()
        .to_owned();
    let html = client
        .post(format!("{base}/compte/jetons"))
        .form(&[("name", "tests"), ("_csrf", &csrf)])
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    let start = html.find("essaim_").expect("the new token is shown once");
    html[start..]
        .chars()
        .take_while(|c| c.is_ascii_alphanumeric() || *c == '_')
        .collect()
}

/// Creates a published initiative through the API; its id once the server answered 201.
pub async fn create_initiative(
    client: &reqwest::Client,
    base: &str,
    token: &str,
    title: &str,
) -> Result<String, String> {
    let r = client
        .post(format!("{base}/api/v1/initiatives"))
        .bearer_auth(token)
        .json(&json!({
            "title": title,
            "summary": "Une écriture des tests de sauvegarde et de panne.",
            "territories": ["Lyon"], "stage": "idee", "challenges": ["alimentation"],
            "status": "published",
        }))
        .send()
        .await
        .map_err(|e| e.to_string())?;
    if r.status() != 201 {
        return Err(format!("status {}", r.status()));
    }
    let body: Value = r.json().await.map_err(|e| e.to_string())?;
    Ok(body["id"].as_str().unwrap().to_owned())
}

/// Writes initiatives one after another until `stop` is set or the server stops answering,
/// pushing the id of each acknowledged (201) write to `acked`.
pub async fn write_until(
    base: String,
    token: String,
    tag: &'static str,
    acked: Arc<Mutex<Vec<String>>>,
    stop: Arc<std::sync::atomic::AtomicBool>,
) {
    let client = reqwest::Client::new();
    for n in 0.. {
        if stop.load(std::sync::atomic::Ordering::SeqCst) {
            return;
        }
        match create_initiative(&client, &base, &token, &format!("Écriture {tag} {n}")).await {
            Ok(id) => acked.lock().unwrap().push(id),
            Err(e) if e.starts_with("status") => panic!("a write was refused: {e}"),
            // The server is gone (killed): this write was never acknowledged.
            Err(_) => return,
        }
    }
}

/// Waits until `acked` holds at least `n` ids.
pub async fn until_acked(acked: &Mutex<Vec<String>>, n: usize) {
    for _ in 0..600 {
        if acked.lock().unwrap().len() >= n {
            return;
        }
        tokio::time::sleep(Duration::from_millis(25)).await;
    }
    panic!("fewer than {n} writes acknowledged in 15 s");
}
