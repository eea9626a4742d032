//! `essaim`: the one binary. `essaim serve` runs the site on embedded SQLite by default or on
//! PostgreSQL with a `postgres://` URL; `migrate` applies migrations; `admin` manages accounts;
//! `backup` and `restore` copy the database to and from a file.

mod backup;
mod config;
mod deliberation;
mod demo;
mod demo_assessment;
mod demo_barometer;
mod demo_blockers;
mod demo_cafe;
mod demo_collecte;
mod demo_deliberation;
mod demo_events;
mod demo_exchange;
mod demo_funding;
mod demo_groups;
mod demo_hackathons;
mod demo_impact;
mod demo_initiatives;
mod demo_jury;
mod demo_network;
mod demo_news;
mod demo_outcomes;
mod demo_review;
mod demo_sortition;
mod sessions;
mod sortition;
mod transfer;

use anyhow::Context;
use clap::{Parser, Subcommand};
use config::Config;
use essaim_domain::person::PlatformRole;
use essaim_domain::text::DisplayName;
use essaim_domain::{Email, Password};
use essaim_store::{utc_now, NewPerson, Store};
use std::path::PathBuf;
use std::sync::Arc;
use std::time::Duration;

/// mimalloc: fewer cycles in malloc under load than glibc's allocator, and it gives memory
/// back after the catalogue index is built (docs/benchmarks.md has both figures).
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

/// Initiatives of the default demo territory.
const DEMO_INITIATIVES: usize = 300;

#[derive(Parser)]
#[command(
    name = "essaim",
    version,
    about = "Essaim: the open platform of a territory's social innovation"
)]
struct Cli {
    /// Configuration file (read if present).
    #[arg(
        long,
        global = true,
        env = "ESSAIM_CONFIG",
        default_value = "essaim.toml"
    )]
    config: PathBuf,
    /// Database URL: sqlite://essaim.db (default) or postgres://user:password@host/db.
    #[arg(long, global = true)]
    database_url: Option<String>,
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Serve the site (applies pending migrations first).
    Serve {
        /// Address to listen on.
        #[arg(long)]
        bind: Option<String>,
        /// Fill an empty database with a demo territory and print an admin's credentials.
        #[arg(long)]
        demo: bool,
    },
    /// Apply pending migrations and exit.
    Migrate,
    /// Fill an empty database with a fictional demo territory.
    Demo {
        /// How many initiatives (a few hundred by default; 100000 for benchmarks). A small demo
        /// with none in the Finistère gets up to two more there, for its impact plans.
        #[arg(long, default_value_t = DEMO_INITIATIVES)]
        initiatives: usize,
    },
    /// Import initiatives from a CSV file in the open data columns.
    Import {
        #[command(subcommand)]
        what: ImportCommand,
    },
    /// Export initiatives (published ones unless --all).
    Export {
        #[command(subcommand)]
        what: ExportCommand,
    },
    /// Manage accounts.
    Admin {
        #[command(subcommand)]
        command: AdminCommand,
    },
    /// Opinion maps (débats): analyse or import Pol.is export folders.
    Deliberation {
        #[command(subcommand)]
        command: DeliberationCommand,
    },
    /// Collective-intelligence sessions: plan the table rotation of a World Café.
    Sessions {
        #[command(subcommand)]
        command: SessionsCommand,
    },
    /// Citizens' panels drawn by lot: analyse a pool's selection probabilities, or check a
    /// published draw.
    Sortition {
        #[command(subcommand)]
        command: SortitionCommand,
    },
    /// Write a consistent copy of the database to FILE, while the site runs (SQLite: VACUUM
    /// INTO, a database file; PostgreSQL: pg_dump's custom format).
    Backup {
        file: PathBuf,
        /// Replace FILE if it exists.
        #[arg(long)]
        force: bool,
    },
    /// Replace the database's contents with a backup made by `essaim backup`, once checked.
    /// Stop the server first: restore refuses while the database is in use.
    Restore { file: PathBuf },
}

#[derive(Subcommand)]
enum SessionsCommand {
    /// Seat people at tables for each round: pairs meet again as rarely as possible, tables
    /// mix attributes, structures apart, hosts pinned. Without a database.
    PlanRotation {
        /// How many people (ids 0…N−1), or check the count of --people.
        #[arg(long)]
        participants: Option<usize>,
        /// Seats per table (at most; sizes differ by at most one).
        #[arg(long)]
        table_size: usize,
        #[arg(long)]
        rounds: usize,
        /// CSV: id, structure, host_table (1-based), any other column an attribute.
        #[arg(long)]
        people: Option<PathBuf>,
        #[arg(long, default_value_t = 1)]
        seed: u64,
        /// Seconds the search may take at most.
        #[arg(long, default_value_t = 2.0)]
        time_limit: f64,
        /// Search iterations at most: with it, the same seed gives the same plan on any machine.
        #[arg(long)]
        iterations: Option<u64>,
        /// Print JSON: rounds (tables of ids), repeated_pairs, max_meetings, score…
        #[arg(long)]
        json: bool,
    },
}

#[derive(Subcommand)]
enum SortitionCommand {
    /// Every respondent's selection probability for a panel, from DIR/categories.csv
    /// (category,feature,min,max) and DIR/respondents.csv (one column per category), without
    /// a database.
    Analyze {
        dir: PathBuf,
        #[arg(long)]
        panel_size: u32,
        /// leximin (fair, Flanigan et al. 2021) or legacy (the greedy draw, estimated).
        #[arg(long, default_value = "leximin", value_parser = parse_algorithm)]
        algorithm: essaim_domain::sortition::Algorithm,
        /// At most one person per household (respondents.csv's `household` column).
        #[arg(long)]
        one_per_household: bool,
        /// legacy: how many draws estimate the probabilities.
        #[arg(long, default_value_t = 10_000)]
        runs: u32,
        /// legacy: the seed of those draws.
        #[arg(long, default_value_t = 1)]
        seed: u64,
        /// Print JSON: pool, panel, min/max probability, Gini, panels, probabilities.
        #[arg(long)]
        json: bool,
    },
    /// Reproduce a draw from its published inputs (the JSON offered on the panel's page) and
    /// the public seed.
    Draw {
        file: PathBuf,
        /// The seed as announced; spaces and separators do not matter.
        #[arg(long)]
        seed: String,
        /// Refuse unless the inputs have this fingerprint (as published).
        #[arg(long)]
        fingerprint: Option<String>,
        #[arg(long)]
        json: bool,
    },
}

fn parse_algorithm(s: &str) -> Result<essaim_domain::sortition::Algorithm, String> {
    essaim_domain::sortition::Algorithm::parse(s)
        .ok_or_else(|| format!("unknown algorithm {s:?}: leximin or legacy"))
}

#[derive(Subcommand)]
enum DeliberationCommand {
    /// Run the opinion-map analysis on a Pol.is export folder (comments.csv, votes.csv or
    /// participants-votes.csv), without a database.
    Analyze {
        dir: PathBuf,
        /// Print JSON: counts, groups with representative statements, consensus, assignments.
        #[arg(long)]
        json: bool,
        /// Seed of the analysis (the same seed gives the same result).
        #[arg(long)]
        seed: Option<u64>,
        /// Print on standard error how long reading and analysing took.
        #[arg(long)]
        timings: bool,
    },
    /// Create a conversation from a Pol.is export folder, with its statements and votes.
    Import {
        dir: PathBuf,
        /// The account the conversation is created by (default: the first admin).
        #[arg(long)]
        by: Option<String>,
    },
}

#[derive(Subcommand)]
enum ImportCommand {
    /// All or nothing by default; every error is reported by line and column.
    Initiatives {
        file: PathBuf,
        /// Check and report without writing.
        #[arg(long)]
        dry_run: bool,
        /// Import the valid rows and report the others.
        #[arg(long)]
        skip_invalid: bool,
    },
}

#[derive(Subcommand)]
enum ExportCommand {
    Initiatives {
        #[arg(long, value_enum, default_value = "csv")]
        format: transfer::Format,
        /// Write here instead of standard output.
        #[arg(long)]
        output: Option<PathBuf>,
        /// Include drafts and archived initiatives.
        #[arg(long)]
        all: bool,
    },
}

#[derive(Subcommand)]
enum AdminCommand {
    /// Create a confirmed account, optionally an admin. The password is read from
    /// ESSAIM_NEW_PASSWORD, or generated and printed.
    CreateUser {
        #[arg(long)]
        email: String,
        #[arg(long)]
        name: String,
        #[arg(long)]
        admin: bool,
    },
}

fn main() {
    tune_allocator();
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .expect("a tokio runtime");
    if let Err(e) = runtime.block_on(run()) {
        eprintln!("essaim: {e:#}");
        std::process::exit(1);
    }
}

/// mimalloc's number for its `purge_delay` option, from mimalloc.h (the same in its v2 and
/// v3; the sys crate does not name it). `the_purge_option_is_the_expected_one`
/// checks it against the linked library.
const MI_OPTION_PURGE_DELAY: i32 = 15;

/// Returns freed memory to the system at once instead of after a second: building the
/// catalogue index churns through a few hundred MB (at 100k initiatives) that would otherwise
/// stay resident (docs/benchmarks.md). A `MIMALLOC_PURGE_DELAY` variable still wins.
fn tune_allocator() {
    if std::env::var_os("MIMALLOC_PURGE_DELAY").is_none() {
        // SAFETY: mi_option_set only stores a number in mimalloc's option table.
        unsafe { libmimalloc_sys::mi_option_set(MI_OPTION_PURGE_DELAY, 0) };
    }
}

async fn run() -> anyhow::Result<()> {
    let cli = Cli::parse();
    let mut config = Config::load(&cli.config).map_err(|e| anyhow::anyhow!(e))?;
    if let Some(url) = cli.database_url {
        config.database_url = url;
    }
    init_logs(&config.log_format);
    match cli.command {
        Command::Serve { bind, demo } => {
            if let Some(bind) = bind {
                config.bind = bind;
            }
            serve(config, demo).await
        }
        Command::Demo { initiatives } => {
            let store = open_store(&config).await?;
            if !demo::seed(store.as_ref(), initiatives).await? {
                println!("la base n'est pas vide : rien n'a été ajouté");
            }
            Ok(())
        }
        Command::Import {
            what:
                ImportCommand::Initiatives {
                    file,
                    dry_run,
                    skip_invalid,
                },
        } => {
            let store = open_store(&config).await?;
            let ok = transfer::import(
                store.as_ref(),
                &file,
                transfer::ImportOptions {
                    dry_run,
                    skip_invalid,
                },
            )
            .await?;
            if !ok {
                std::process::exit(1);
            }
            Ok(())
        }
        Command::Export {
            what:
                ExportCommand::Initiatives {
                    format,
                    output,
                    all,
                },
        } => {
            let store = open_store(&config).await?;
            let n = transfer::export(
                store.as_ref(),
                format,
                output.as_deref(),
                all,
                &config.base_url(),
            )
            .await?;
            if output.is_some() {
                println!("{n} initiative(s) exportée(s)");
            }
            Ok(())
        }
        Command::Deliberation {
            command:
                DeliberationCommand::Analyze {
                    dir,
                    json,
                    seed,
                    timings,
                },
        } => deliberation::analyze_folder(&dir, json, seed, timings),
        Command::Deliberation {
            command: DeliberationCommand::Import { dir, by },
        } => {
            let store = open_store(&config).await?;
            let id = deliberation::import_folder(store.as_ref(), &dir, by.as_deref()).await?;
            println!("débat importé : {}/debats/{id}", config.base_url());
            Ok(())
        }
        Command::Sessions {
            command:
                SessionsCommand::PlanRotation {
                    participants,
                    table_size,
                    rounds,
                    people,
                    seed,
                    time_limit,
                    iterations,
                    json,
                },
        } => sessions::plan_rotation(&sessions::PlanRotationOptions {
            participants,
            table_size,
            rounds,
            people,
            seed,
            time_limit,
            iterations,
            json,
        }),
        Command::Sortition {
            command:
                SortitionCommand::Analyze {
                    dir,
                    panel_size,
                    algorithm,
                    one_per_household,
                    runs,
                    seed,
                    json,
                },
        } => sortition::analyze_folder(
            &dir,
            &sortition::AnalyzeOptions {
                panel_size,
                algorithm,
                one_per_household,
                runs,
                seed,
                json,
            },
        ),
        Command::Sortition {
            command:
                SortitionCommand::Draw {
                    file,
                    seed,
                    fingerprint,
                    json,
                },
        } => sortition::draw_file(&file, &seed, fingerprint.as_deref(), json),
        Command::Backup { file, force } => backup::backup(&config.database_url, &file, force).await,
        Command::Restore { file } => backup::restore(&config.database_url, &file).await,
        Command::Migrate => {
            open_store(&config).await?;
            println!("migrations applied");
            Ok(())
        }
        Command::Admin {
            command: AdminCommand::CreateUser { email, name, admin },
        } => {
            let store = open_store(&config).await?;
            let password = std::env::var("ESSAIM_NEW_PASSWORD").ok();
            let (person, generated) =
                create_user(store.as_ref(), &email, &name, password, admin).await?;
            println!(
                "created {} <{}>{}",
                person.display_name,
                person.email,
                if admin { " (admin)" } else { "" }
            );
            if let Some(p) = generated {
                println!("password: {p}");
            }
            Ok(())
        }
    }
}

fn init_logs(format: &str) {
    let filter = tracing_subscriber::EnvFilter::try_from_env("ESSAIM_LOG")
        .unwrap_or_else(|_| tracing_subscriber::EnvFilter::new("info,sqlx=warn,tower_http=info"));
    // Logs go to standard error, so that `essaim export … > file.csv` writes only data.
    let builder = tracing_subscriber::fmt()
        .with_env_filter(filter)
        .with_writer(std::io::stderr);
    if format == "json" {
        builder.json().init();
    } else {
        builder.init();
    }
}

/// Opens the database named by the configuration and applies pending migrations.
async fn open_store(config: &Config) -> anyhow::Result<Arc<dyn Store>> {
    let url = config.database_url.as_str();
    if url.starts_with("postgres://") || url.starts_with("postgresql://") {
        let store = essaim_postgres::PgStore::open(url, config.postgres_max_connections)
            .await
            .context("cannot connect to PostgreSQL")?;
        store
            .migrate()
            .await
            .context("cannot migrate the PostgreSQL database")?;
        Ok(Arc::new(store))
    } else {
        let store = essaim_sqlite::SqliteStore::open(url)
            .await
            .with_context(|| format!("cannot open {url}"))?;
        store
            .migrate()
            .await
            .context("cannot migrate the SQLite database")?;
        Ok(Arc::new(store))
    }
}

pub async fn create_user(
    store: &dyn Store,
    email: &str,
    name: &str,
    password: Option<String>,
    admin: bool,
) -> anyhow::Result<(essaim_store::Person, Option<String>)> {
    let email = Email::parse(email).map_err(|e| anyhow::anyhow!("e-mail refused: {}", e.code))?;
    let name = DisplayName::parse(name).map_err(|e| anyhow::anyhow!("name refused: {}", e.code))?;
    let (password, generated) = match password {
        Some(p) => (p, None),
        None => {
            let p = format!("essaim-{}", essaim_web::auth::random_secret());
            (p.clone(), Some(p))
        }
    };
    let password = Password::parse(&password, Some(email.as_str()))
        .map_err(|e| anyhow::anyhow!("password refused: {}", e.code))?;
    let hash = essaim_web::passwords::hash(password.expose().to_owned()).await?;
    let now = utc_now();
    let person = store
        .create_person(NewPerson {
            id: uuid::Uuid::now_v7(),
            email: email.as_str().to_owned(),
            display_name: name.as_str().to_owned(),
            password_hash: hash,
            email_confirmed_at: Some(now),
            roles: if admin {
                vec![PlatformRole::Admin]
            } else {
                vec![]
            },
            created_at: now,
        })
        .await
        .map_err(|e| anyhow::anyhow!("cannot create the account: {e}"))?;
    Ok((person, generated))
}

async fn serve(config: Config, demo: bool) -> anyhow::Result<()> {
    let store = open_store(&config).await?;
    if demo {
        demo::seed(store.as_ref(), DEMO_INITIATIVES).await?;
    }
    let web = config.web();
    if let Some(smtp) = web.smtp.clone() {
        tokio::spawn(essaim_web::mail::run_worker(
            store.clone(),
            smtp,
            web.mail_from.clone(),
        ));
    }
    tokio::spawn(housekeeping(store.clone(), web.base_url.clone()));
    let state = essaim_web::AppState::new(store, web);
    tokio::spawn(load_catalogue(state.clone()));
    // Catches up at once with analyses left stale (votes written while no server ran).
    state.analyses.poke(&state.store);
    let listener = tokio::net::TcpListener::bind(&config.bind)
        .await
        .with_context(|| format!("cannot listen on {}", config.bind))?;
    let address = listener.local_addr()?;
    println!(
        "Essaim est en ligne : http://{address}  (base de données : {})",
        redact(&config.database_url)
    );
    let app = essaim_web::app(state).into_make_service_with_connect_info::<std::net::SocketAddr>();
    axum::serve(listener, app)
        .with_graceful_shutdown(shutdown_signal())
        .await?;
    println!("Essaim s'est arrêté proprement.");
    Ok(())
}

/// Hides a password in a database URL before printing it.
fn redact(url: &str) -> String {
    match (url.find("://"), url.rfind('@')) {
        (Some(scheme), Some(at)) if at > scheme => {
            let creds = &url[scheme + 3..at];
            match creds.split_once(':') {
                Some((user, _)) => format!("{}{}:***{}", &url[..scheme + 3], user, &url[at..]),
                None => url.to_owned(),
            }
        }
        _ => url.to_owned(),
    }
}

/// Builds the catalogue index in the background; until it is ready the store answers.
async fn load_catalogue(state: essaim_web::AppState) {
    let started = std::time::Instant::now();
    match state.catalogue.sync(&*state.store).await {
        Ok(()) => tracing::info!(
            elapsed_ms = started.elapsed().as_millis() as u64,
            "catalogue index loaded"
        ),
        Err(e) => tracing::error!(error = %e, "catalogue index not loaded; the database answers"),
    }
}

/// Removes expired sessions and old throttling counters every ten minutes.
async fn housekeeping(store: Arc<dyn Store>, base_url: String) {
    // The groups' digest writes mails in each person's language.
    let i18n = essaim_web::i18n::I18n::load();
    loop {
        let now = utc_now();
        let _ = store
            .purge_sessions(now, now - essaim_web::auth::SESSION_IDLE)
            .await;
        let _ = store.purge_throttle(now - chrono::Duration::days(1)).await;
        // Sortition pools are personal data: erased once their delay after the draw is over.
        if let Err(e) = essaim_web::sortition::erase_due(store.as_ref()).await {
            tracing::warn!(error = %e, "sortition pool erasure failed");
        }
        // The groups' daily digest: idempotent, at most one a day per person.
        if let Err(e) =
            essaim_web::groups::send_digests(store.as_ref(), &i18n, &base_url, now).await
        {
            tracing::warn!(error = %e, "groups digest failed");
        }
        // Events' reminders the day before: claimed once per registration.
        if let Err(e) =
            essaim_web::events::send_reminders(store.as_ref(), &i18n, &base_url, now).await
        {
            tracing::warn!(error = %e, "event reminders failed");
        }
        tokio::time::sleep(Duration::from_secs(600)).await;
    }
}

/// Resolves on SIGINT or SIGTERM; axum then stops accepting and finishes requests in flight.
async fn shutdown_signal() {
    let ctrl_c = async {
        let _ = tokio::signal::ctrl_c().await;
    };
    #[cfg(unix)]
    let terminate = async {
        match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            Ok(mut s) => {
                s.recv().await;
            }
            Err(_) => std::future::pending::<()>().await,
        }
    };
    #[cfg(not(unix))]
    let terminate = std::future::pending::<()>();
    tokio::select! {
        _ = ctrl_c => {},
        _ = terminate => {},
    }
    tracing::info!("shutdown requested: finishing requests in flight");
}

#[cfg(test)]
mod tests {
    #[test]
    fn database_passwords_are_not_printed() {
        assert_eq!(
            super::redact("postgres://essaim:secret@db/essaim"),
            "postgres://essaim:***@db/essaim"
        );
        assert_eq!(super::redact("sqlite://essaim.db"), "sqlite://essaim.db");
    }
}

#[cfg(test)]
mod allocator_tests {
    #[test]
    fn the_purge_option_is_the_expected_one() {
        // purge_delay's default in the mimalloc v3 the crate builds (1000 ms, src/options.c):
        // if the numbering changed in a new mimalloc, this would read another option.
        // SAFETY: mi_option_get only reads mimalloc's option table.
        let purge = unsafe { libmimalloc_sys::mi_option_get(super::MI_OPTION_PURGE_DELAY) };
        assert_eq!(purge, 1000);
    }
}
