//! A throwaway PostgreSQL server for tests.
//!
//! One server is started lazily per test process, on a Unix socket in a temporary folder.
//! Statics are never dropped, so a small shell watchdog started next to the server stops it
//! and removes the folder once the test process is gone, however it ended.

use std::fs;
use std::io::Write;
use std::os::unix::process::CommandExt;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};
use std::sync::OnceLock;
use std::time::{Duration, Instant};

use uuid::Uuid;

/// Environment variable naming an existing server to use instead of starting one.
pub const URL_ENV: &str = "ESSAIM_TEST_POSTGRES_URL";

/// Role created by `initdb`; a superuser, authenticated by `trust`.
const ADMIN_USER: &str = "essaim";
/// Unprivileged account that runs the server when tests run as root (`initdb` refuses root).
const SERVER_ACCOUNT: &str = "postgres";
/// Explicit so that a `PGPORT` in the environment cannot make client and server disagree.
const PORT: &str = "5432";
const STARTUP_TIMEOUT: Duration = Duration::from_secs(30);

/// Admin URL of a PostgreSQL server for this test process: ESSAIM_TEST_POSTGRES_URL if set,
/// else a throwaway server started once per process in a temp folder on a Unix socket.
/// Returns None only when PostgreSQL binaries are absent AND env CI is not set; then it prints a loud
/// warning to stderr ("PostgreSQL tests SKIPPED: ..."). With CI set and no binaries, it panics.
///
/// Blocking (runs `initdb` and waits for the server on first use); safe to call from any thread
/// and from async tests.
pub fn server() -> Option<&'static PgServer> {
    // A failed start is remembered so that every later caller fails fast with the same message
    // instead of retrying a 30 s start-up.
    static SERVER: OnceLock<Result<Option<PgServer>, String>> = OnceLock::new();
    match SERVER.get_or_init(init) {
        Ok(server) => server.as_ref(),
        Err(message) => panic!("{message}"),
    }
}

/// A PostgreSQL server usable by tests, either external or started by [`server`].
#[derive(Debug)]
pub struct PgServer {
    admin_url: String,
    psql: PathBuf,
    /// Temporary folder (also the socket directory) of a server we started; None when external.
    dir: Option<PathBuf>,
}

impl PgServer {
    /// Creates a new empty database with a unique name and returns its sqlx-style URL,
    /// e.g. postgres://essaim@localhost/t_0193...?host=/tmp/xyz  (host = the socket directory)
    ///
    /// Blocking (runs `psql`); panics if the database cannot be created.
    pub fn fresh_database(&self) -> String {
        let name = format!("t_{}", Uuid::now_v7().simple());
        self.psql(&self.admin_url, &format!("CREATE DATABASE \"{name}\""));
        with_database(&self.admin_url, &name)
    }

    /// URL of the `postgres` maintenance database, connected as a superuser.
    pub fn admin_url(&self) -> &str {
        &self.admin_url
    }

    /// Socket directory (and temporary folder) of a server started by this process; None when
    /// the server comes from ESSAIM_TEST_POSTGRES_URL.
    pub fn socket_dir(&self) -> Option<&Path> {
        self.dir.as_deref()
    }

    /// Runs one SQL command with `psql` against `url` and returns its unaligned, tuples-only output.
    fn psql(&self, url: &str, sql: &str) -> String {
        let mut command = Command::new(&self.psql);
        command
            .args([
                "-X",
                "-q",
                "-A",
                "-t",
                "-v",
                "ON_ERROR_STOP=1",
                "-d",
                url,
                "-c",
                sql,
            ])
            .stdin(Stdio::null());
        if self.dir.is_some() {
            // Our own server is fully described by the URL; stray PG* variables could only hurt.
            clear_pg_env(&mut command);
        }
        let output = run(&mut command);
        if !output.status.success() {
            panic!(
                "psql failed ({}) running {sql:?} on {url}:\n{}",
                output.status,
                String::from_utf8_lossy(&output.stderr)
            );
        }
        String::from_utf8_lossy(&output.stdout).into_owned()
    }
}

fn init() -> Result<Option<PgServer>, String> {
    if let Some(url) = std::env::var(URL_ENV).ok().filter(|url| !url.is_empty()) {
        let bins = find_bins();
        let psql = bins
            .map(|bins| bins.psql)
            .or_else(|| find_on_path("psql"))
            .ok_or_else(|| format!("{URL_ENV} is set but psql was not found"))?;
        return Ok(Some(PgServer {
            admin_url: url,
            psql,
            dir: None,
        }));
    }
    match find_bins() {
        Some(bins) => start(&bins).map(Some),
        None if ci() => Err(
            "PostgreSQL binaries (initdb, pg_ctl, postgres, psql, pg_isready) not \
             found, and CI is set so PostgreSQL tests may not be skipped; install PostgreSQL or \
             set ESSAIM_TEST_POSTGRES_URL"
                .to_owned(),
        ),
        None => {
            // Written to the real stderr: eprintln! would be swallowed by the test harness.
            let _ = writeln!(
                std::io::stderr(),
                "\n\
                 ************************************************************************\n\
                 PostgreSQL tests SKIPPED: PostgreSQL binaries (initdb, pg_ctl, postgres)\n\
                 were not found. Install PostgreSQL or set {URL_ENV}.\n\
                 ************************************************************************\n"
            );
            Ok(None)
        }
    }
}

/// CI counts as set unless absent, empty, "0" or "false".
pub fn ci() -> bool {
    std::env::var("CI").is_ok_and(|v| !matches!(v.trim(), "" | "0" | "false" | "FALSE" | "False"))
}

struct Bins {
    initdb: PathBuf,
    pg_ctl: PathBuf,
    postgres: PathBuf,
    psql: PathBuf,
    pg_isready: PathBuf,
}

impl Bins {
    fn in_dir(dir: &Path) -> Option<Bins> {
        let get = |name: &str| Some(dir.join(name)).filter(|p| p.is_file());
        Some(Bins {
            initdb: get("initdb")?,
            pg_ctl: get("pg_ctl")?,
            postgres: get("postgres")?,
            psql: get("psql")?,
            pg_isready: get("pg_isready")?,
        })
    }
}

/// `pg_config --bindir`, else the highest /usr/lib/postgresql/*/bin, else each binary on PATH.
fn find_bins() -> Option<Bins> {
    let from_pg_config = Command::new("pg_config")
        .arg("--bindir")
        .stdin(Stdio::null())
        .stderr(Stdio::null())
        .output()
        .ok()
        .filter(|o| o.status.success())
        .map(|o| PathBuf::from(String::from_utf8_lossy(&o.stdout).trim()));
    if let Some(bins) = from_pg_config.as_deref().and_then(Bins::in_dir) {
        return Some(bins);
    }

    let mut versions: Vec<(Vec<u32>, PathBuf)> = fs::read_dir("/usr/lib/postgresql")
        .into_iter()
        .flatten()
        .flatten()
        .filter_map(|entry| {
            let name = entry.file_name().into_string().ok()?;
            // Numeric ordering so that 9.6 < 15 < 16.
            let version = name
                .split('.')
                .map(|p| p.parse().ok())
                .collect::<Option<Vec<u32>>>()?;
            Some((version, entry.path().join("bin")))
        })
        .collect();
    versions.sort();
    if let Some(bins) = versions.iter().rev().find_map(|(_, dir)| Bins::in_dir(dir)) {
        return Some(bins);
    }

    Some(Bins {
        initdb: find_on_path("initdb")?,
        pg_ctl: find_on_path("pg_ctl")?,
        postgres: find_on_path("postgres")?,
        psql: find_on_path("psql")?,
        pg_isready: find_on_path("pg_isready")?,
    })
}

fn find_on_path(name: &str) -> Option<PathBuf> {
    let path = std::env::var_os("PATH")?;
    std::env::split_paths(&path)
        .map(|dir| dir.join(name))
        .find(|candidate| candidate.is_file())
}

fn running_as_root() -> bool {
    // Effective uid is the second field of `Uid:`; no libc crate to call geteuid().
    if let Ok(status) = fs::read_to_string("/proc/self/status") {
        if let Some(uids) = status.lines().find_map(|l| l.strip_prefix("Uid:")) {
            return uids.split_whitespace().nth(1) == Some("0");
        }
    }
    Command::new("id")
        .arg("-u")
        .output()
        .is_ok_and(|o| String::from_utf8_lossy(&o.stdout).trim() == "0")
}

/// Prefix that runs a program as the server account: `runuser -u postgres --` when root.
fn server_user_prefix() -> Result<Vec<PathBuf>, String> {
    if !running_as_root() {
        return Ok(Vec::new());
    }
    let runuser = find_on_path("runuser")
        .or_else(|| {
            ["/usr/sbin/runuser", "/sbin/runuser"]
                .into_iter()
                .map(PathBuf::from)
                .find(|p| p.is_file())
        })
        .ok_or(
            "tests run as root, so the PostgreSQL server must run as the `postgres` user, \
             but runuser was not found",
        )?;
    let account_exists = Command::new("id")
        .arg("-u")
        .arg(SERVER_ACCOUNT)
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .status()
        .is_ok_and(|s| s.success());
    if !account_exists {
        return Err(format!(
            "tests run as root and initdb refuses root, but there is no `{SERVER_ACCOUNT}` user to run \
             PostgreSQL as (create it, e.g. `useradd --system {SERVER_ACCOUNT}`)"
        ));
    }
    Ok(vec![
        runuser,
        "-u".into(),
        SERVER_ACCOUNT.into(),
        "--".into(),
    ])
}

fn start(bins: &Bins) -> Result<PgServer, String> {
    let prefix = server_user_prefix()?;
    let as_root = !prefix.is_empty();

    // As root, /tmp rather than TMPDIR: the postgres user must be able to reach the folder,
    // and the socket path must stay short (Unix sockets are limited to ~107 bytes).
    let base = if as_root {
        PathBuf::from("/tmp")
    } else {
        std::env::temp_dir()
    };
    let dir = tempfile::Builder::new()
        .prefix("essaim-pg-")
        .tempdir_in(&base)
        .map_err(|e| {
            format!(
                "cannot create a temporary folder in {}: {e}",
                base.display()
            )
        })?
        .keep();

    // Watchdog first, so that the folder is removed even if start-up fails below.
    spawn_watchdog(&dir, &prefix, bins)?;

    if as_root {
        let chowned = Command::new("chown")
            .arg(SERVER_ACCOUNT)
            .arg(&dir)
            .status()
            .is_ok_and(|s| s.success());
        if !chowned {
            set_mode(&dir, 0o777)?;
        }
    }

    let data = dir.join("data");
    let mut last_failure = String::new();
    for locale in ["C.UTF-8", "C"] {
        let mut initdb = command_as(&prefix, &bins.initdb);
        initdb
            .arg("-D")
            .arg(&data)
            .args(["-U", ADMIN_USER, "--auth=trust", "-E", "UTF8", "--no-sync"])
            .arg(format!("--locale={locale}"))
            .current_dir(&dir)
            .stdin(Stdio::null());
        clear_pg_env(&mut initdb);
        let output = run(&mut initdb);
        if output.status.success() {
            last_failure.clear();
            break;
        }
        last_failure = format!(
            "initdb --locale={locale} failed ({}):\n{}{}",
            output.status,
            String::from_utf8_lossy(&output.stdout),
            String::from_utf8_lossy(&output.stderr)
        );
        // initdb normally removes what it created, but a leftover would fail the retry.
        let _ = fs::remove_dir_all(&data);
    }
    if !last_failure.is_empty() {
        return Err(last_failure);
    }

    let log_path = dir.join("postgres.log");
    let log = fs::File::create(&log_path)
        .map_err(|e| format!("cannot create {}: {e}", log_path.display()))?;
    let log_err = log
        .try_clone()
        .map_err(|e| format!("cannot clone log handle: {e}"))?;
    let mut postgres = command_as(&prefix, &bins.postgres);
    postgres
        .arg("-D")
        .arg(&data)
        .arg("-k")
        .arg(&dir)
        .args(["-p", PORT])
        .args(["-c", "listen_addresses="])
        .args(["-c", "fsync=off"])
        .args(["-c", "synchronous_commit=off"])
        .args(["-c", "full_page_writes=off"])
        .args(["-c", "max_connections=200"])
        .arg("-F")
        .current_dir(&dir)
        // Never the test's own stdout/stderr: runners wait for those pipes to close.
        .stdin(Stdio::null())
        .stdout(log)
        .stderr(log_err)
        // Out of the test's process group, so Ctrl-C or a runner's group kill leaves the
        // orderly shutdown to the watchdog.
        .process_group(0);
    clear_pg_env(&mut postgres);
    let mut child = postgres
        .spawn()
        .map_err(|e| format!("cannot start {}: {e}", bins.postgres.display()))?;

    let server_log = || fs::read_to_string(&log_path).unwrap_or_default();
    let deadline = Instant::now() + STARTUP_TIMEOUT;
    loop {
        let mut isready = Command::new(&bins.pg_isready);
        isready
            .arg("-q")
            .arg("-h")
            .arg(&dir)
            .args(["-p", PORT, "-U", ADMIN_USER, "-d", "postgres", "-t", "2"])
            .stdin(Stdio::null());
        clear_pg_env(&mut isready);
        if run(&mut isready).status.success() {
            break;
        }
        if let Ok(Some(status)) = child.try_wait() {
            return Err(format!(
                "PostgreSQL exited during start-up ({status}); server log:\n{}",
                server_log()
            ));
        }
        if Instant::now() >= deadline {
            return Err(format!(
                "PostgreSQL did not accept connections within {} s; server log:\n{}",
                STARTUP_TIMEOUT.as_secs(),
                server_log()
            ));
        }
        std::thread::sleep(Duration::from_millis(100));
    }
    // The child is deliberately not waited for: it must outlive this process until the
    // watchdog stops it.
    drop(child);

    let admin_url = format!(
        "postgres://{ADMIN_USER}@localhost/postgres?host={}",
        encode_query_value(&dir.to_string_lossy())
    );
    Ok(PgServer {
        admin_url,
        psql: bins.psql.clone(),
        dir: Some(dir),
    })
}

/// Starts `sh` polling for this process; once it is gone, stops the server and removes `dir`.
fn spawn_watchdog(dir: &Path, prefix: &[PathBuf], bins: &Bins) -> Result<(), String> {
    // Signals are ignored so that Ctrl-C or a hang-up aimed at the tests cannot skip cleanup;
    // the immediate stop is enough for a throwaway cluster. If pg_ctl fails, the postmaster is
    // killed directly so that it cannot outlive its folder.
    const SCRIPT: &str = r#"
trap '' INT HUP TERM
pid=$1; dir=$2; shift 2
while kill -0 "$pid" 2>/dev/null; do sleep 0.3; done
if [ -f "$dir/data/postmaster.pid" ]; then
    "$@" -D "$dir/data" stop -m immediate -w -t 10 >/dev/null 2>&1 ||
        kill -9 "$(head -n 1 "$dir/data/postmaster.pid")" 2>/dev/null
fi
rm -rf "$dir"
"#;
    Command::new("sh")
        .arg("-c")
        .arg(SCRIPT)
        .arg("essaim-pg-watchdog")
        .arg(std::process::id().to_string())
        .arg(dir)
        .args(prefix)
        .arg(&bins.pg_ctl)
        // pg_ctl run as the postgres user may not be allowed into the test's working directory.
        .current_dir("/")
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .process_group(0)
        .spawn()
        .map(drop)
        .map_err(|e| format!("cannot start the PostgreSQL watchdog (sh): {e}"))
}

fn command_as(prefix: &[PathBuf], program: &Path) -> Command {
    match prefix.split_first() {
        Some((runner, args)) => {
            let mut command = Command::new(runner);
            command.args(args).arg(program);
            command
        }
        None => Command::new(program),
    }
}

/// Removes PG* variables (PGPORT, PGOPTIONS, PGDATA, ...) that could redirect or alter our tools.
fn clear_pg_env(command: &mut Command) {
    for (key, _) in std::env::vars_os() {
        if key.to_string_lossy().starts_with("PG") {
            command.env_remove(key);
        }
    }
}

fn run(command: &mut Command) -> Output {
    command
        .output()
        .unwrap_or_else(|e| panic!("cannot run {:?}: {e}", command.get_program()))
}

fn set_mode(path: &Path, mode: u32) -> Result<(), String> {
    use std::os::unix::fs::PermissionsExt;
    fs::set_permissions(path, fs::Permissions::from_mode(mode))
        .map_err(|e| format!("cannot chmod {}: {e}", path.display()))
}

/// Percent-encodes a query parameter value, keeping `/` readable (a socket path).
fn encode_query_value(value: &str) -> String {
    let mut out = String::with_capacity(value.len());
    for byte in value.bytes() {
        if byte.is_ascii_alphanumeric() || b"-._~/".contains(&byte) {
            out.push(char::from(byte));
        } else {
            out.push_str(&format!("%{byte:02X}"));
        }
    }
    out
}

/// Replaces the database (path) of a `postgres://` URL, keeping credentials and query.
fn with_database(url: &str, database: &str) -> String {
    let (base, query) = match url.find('?') {
        Some(i) => url.split_at(i),
        None => (url, ""),
    };
    let authority_start = base.find("://").map_or(0, |i| i + 3);
    let authority_end = base[authority_start..]
        .find('/')
        .map_or(base.len(), |i| authority_start + i);
    format!("{}/{database}{query}", &base[..authority_end])
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Set (to an output file) only when `cleanup_after_process_exit` runs the helper test.
    const CHILD_ENV: &str = "ESSAIM_TESTKIT_CLEANUP_CHILD";

    #[test]
    fn with_database_replaces_only_the_path() {
        assert_eq!(
            with_database("postgres://essaim@localhost/postgres?host=/tmp/x", "t_1"),
            "postgres://essaim@localhost/t_1?host=/tmp/x"
        );
        assert_eq!(
            with_database("postgres://u:p%2F@db.example:5433", "t_2"),
            "postgres://u:p%2F@db.example:5433/t_2"
        );
        assert_eq!(
            with_database("postgresql://u@h/admin?sslmode=disable&x=y", "t_3"),
            "postgresql://u@h/t_3?sslmode=disable&x=y"
        );
    }

    #[test]
    fn query_values_are_encoded() {
        assert_eq!(
            encode_query_value("/tmp/essaim-pg-a.B_~"),
            "/tmp/essaim-pg-a.B_~"
        );
        assert_eq!(encode_query_value("/tmp/a b&c"), "/tmp/a%20b%26c");
    }

    #[test]
    fn fresh_databases_exist() {
        let Some(server) = server() else { return };
        let first = server.fresh_database();
        let second = server.fresh_database();
        assert_ne!(first, second);

        let name = |url: &str| {
            let path = url.split('?').next().unwrap();
            path.rsplit('/').next().unwrap().to_owned()
        };
        let (a, b) = (name(&first), name(&second));
        assert!(a.starts_with("t_") && b.starts_with("t_"), "{a} {b}");
        if let Some(dir) = server.socket_dir() {
            assert!(
                first.ends_with(&format!("?host={}", dir.display())),
                "{first}"
            );
        }

        let listed = server.psql(
            server.admin_url(),
            &format!("SELECT datname FROM pg_database WHERE datname IN ('{a}', '{b}') ORDER BY 1"),
        );
        let mut expected = [a.clone(), b.clone()];
        expected.sort();
        assert_eq!(listed.lines().collect::<Vec<_>>(), expected);

        // The returned URL itself must work, and point at the new, empty database.
        assert_eq!(server.psql(&first, "SELECT current_database()").trim(), a);
        assert_eq!(
            server
                .psql(
                    &first,
                    "SELECT count(*) FROM pg_tables WHERE schemaname = 'public'"
                )
                .trim(),
            "0"
        );
    }

    #[test]
    fn fresh_database_is_thread_safe() {
        let Some(server) = server() else { return };
        let urls: Vec<String> = std::thread::scope(|s| {
            let handles: Vec<_> = (0..6)
                .map(|_| s.spawn(|| server.fresh_database()))
                .collect();
            handles.into_iter().map(|h| h.join().unwrap()).collect()
        });
        let mut unique = urls.clone();
        unique.sort();
        unique.dedup();
        assert_eq!(unique.len(), urls.len());
    }

    #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
    async fn usable_from_async_tests() {
        let Some(server) = server() else { return };
        let url = server.fresh_database();
        assert!(url.starts_with("postgres://essaim@") || std::env::var_os(URL_ENV).is_some());
    }

    /// Run by `cleanup_after_process_exit` in a child process; does nothing otherwise.
    #[test]
    #[ignore = "helper for cleanup_after_process_exit"]
    fn cleanup_child() {
        let Some(out) = std::env::var_os(CHILD_ENV) else {
            return;
        };
        let server = server().expect("PostgreSQL binaries are present");
        server.fresh_database();
        let dir = server.socket_dir().expect("own server");
        let pid = fs::read_to_string(dir.join("data/postmaster.pid")).expect("postmaster.pid");
        let pid = pid.lines().next().unwrap();
        fs::write(out, format!("{}\n{pid}\n", dir.display())).unwrap();
    }

    #[test]
    fn cleanup_after_process_exit() {
        if std::env::var_os(URL_ENV).is_some() || server().is_none() {
            return;
        }
        let scratch = tempfile::tempdir().unwrap();
        let out = scratch.path().join("child.txt");
        let output = Command::new(std::env::current_exe().unwrap())
            .args([
                "--exact",
                "postgres::tests::cleanup_child",
                "--ignored",
                "--nocapture",
            ])
            .env(CHILD_ENV, &out)
            .stdin(Stdio::null())
            .output()
            .unwrap();
        assert!(
            output.status.success(),
            "child failed: {}\n{}",
            String::from_utf8_lossy(&output.stdout),
            String::from_utf8_lossy(&output.stderr)
        );
        let written = fs::read_to_string(&out).expect("child wrote its server details");
        let mut lines = written.lines();
        let (dir, pid) = (
            lines.next().unwrap().to_owned(),
            lines.next().unwrap().to_owned(),
        );

        let deadline = Instant::now() + Duration::from_secs(10);
        loop {
            let dir_gone = !Path::new(&dir).exists();
            let postmaster_gone = !process_alive(&pid);
            let mentioning = processes_mentioning(&dir);
            if dir_gone && postmaster_gone && mentioning.is_empty() {
                break;
            }
            assert!(
                Instant::now() < deadline,
                "after the child exited: dir exists={}, postmaster {pid} alive={}, \
                 processes: {mentioning:?}",
                !dir_gone,
                !postmaster_gone
            );
            std::thread::sleep(Duration::from_millis(100));
        }
    }

    /// Alive and not a zombie (a zombie only waits for an unrelated parent to reap it).
    fn process_alive(pid: &str) -> bool {
        fs::read_to_string(format!("/proc/{pid}/stat")).is_ok_and(|stat| {
            stat.rsplit(')')
                .next()
                .and_then(|s| s.split_whitespace().next())
                != Some("Z")
        })
    }

    fn processes_mentioning(needle: &str) -> Vec<String> {
        fs::read_dir("/proc")
            .into_iter()
            .flatten()
            .flatten()
            .filter_map(|entry| {
                let pid = entry.file_name().into_string().ok()?;
                pid.parse::<u32>().ok()?;
                let cmdline = fs::read(entry.path().join("cmdline")).ok()?;
                let cmdline = String::from_utf8_lossy(&cmdline).replace('\0', " ");
                (cmdline.contains(needle) && process_alive(&pid))
                    .then(|| format!("{pid}: {cmdline}"))
            })
            .collect()
    }
}
