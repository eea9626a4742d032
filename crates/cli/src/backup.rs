//! `essaim backup FILE` and `essaim restore FILE`: the database named by the configuration, to
//! and from one file. Each backend's `backup` module copies (SQLite: `VACUUM INTO`;
//! PostgreSQL: `pg_dump`/`pg_restore`); here is where the file lands: written beside its
//! destination, synced, then moved into place, so that a failed or interrupted backup never
//! leaves a half file, and never replaces another file unless asked.

use anyhow::{bail, Context};
use std::path::Path;

fn is_postgres(url: &str) -> bool {
    url.starts_with("postgres://") || url.starts_with("postgresql://")
}

pub async fn backup(database_url: &str, file: &Path, force: bool) -> anyhow::Result<()> {
    if !force && file.symlink_metadata().is_ok() {
        bail!(
            "{} already exists: choose another file, or add --force to replace it",
            file.display()
        );
    }
    let dest = std::path::absolute(file)?;
    let name = dest
        .file_name()
        .with_context(|| format!("{} names no file", file.display()))?
        .to_string_lossy()
        .into_owned();
    if let Some(dir) = dest.parent().filter(|d| !d.is_dir()) {
        bail!("{} is not a folder: create it first", dir.display());
    }
    let partial = dest.with_file_name(format!(".{name}.partial-{}", std::process::id()));
    remove_if_present(&partial)?;
    let copied = if is_postgres(database_url) {
        essaim_postgres::backup::backup(database_url, &partial).await
    } else {
        essaim_sqlite::backup::backup(database_url, &partial).await
    };
    let placed = copied
        .map_err(anyhow::Error::from)
        .and_then(|()| place(&partial, &dest, force));
    if placed.is_err() {
        let _ = remove_if_present(&partial);
    }
    placed.with_context(|| format!("no backup written to {}", file.display()))?;
    let size = std::fs::metadata(&dest)?.len();
    println!(
        "sauvegarde écrite : {} ({:.1} Mo)",
        file.display(),
        size as f64 / 1e6
    );
    Ok(())
}

pub async fn restore(database_url: &str, file: &Path) -> anyhow::Result<()> {
    if !file.is_file() {
        bail!("{} is not a file", file.display());
    }
    let restored = if is_postgres(database_url) {
        essaim_postgres::backup::restore(file, database_url).await
    } else {
        essaim_sqlite::backup::restore(file, database_url).await
    };
    restored.context("nothing was restored; the database is as it was")?;
    println!(
        "base restaurée depuis {} ; `essaim serve` applique les migrations manquantes au démarrage.",
        file.display()
    );
    Ok(())
}

/// Moves the finished `partial` to `dest` once its bytes are on disk. Without `force`, a hard
/// link makes the move fail if `dest` appeared meanwhile, where a rename would replace it.
fn place(partial: &Path, dest: &Path, force: bool) -> anyhow::Result<()> {
    std::fs::File::open(partial)?.sync_all()?;
    if force {
        std::fs::rename(partial, dest)?;
    } else {
        match std::fs::hard_link(partial, dest) {
            Ok(()) => std::fs::remove_file(partial)?,
            Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => {
                bail!("{} appeared during the backup; it was kept", dest.display())
            }
            // A file system without hard links: the check at the start has to do.
            Err(_) => std::fs::rename(partial, dest)?,
        }
    }
    if let Some(dir) = dest.parent() {
        std::fs::File::open(dir)?.sync_all()?;
    }
    Ok(())
}

fn remove_if_present(path: &Path) -> std::io::Result<()> {
    match std::fs::remove_file(path) {
        Err(e) if e.kind() != std::io::ErrorKind::NotFound => Err(e),
        _ => Ok(()),
    }
}
