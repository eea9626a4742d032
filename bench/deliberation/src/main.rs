//! `essaim-bench-deliberation generate DIR --participants N --statements M --votes V --groups G [--seed S]`
//! writes a Pol.is export folder (`comments.csv`, `votes.csv`, `summary.csv`) with planted
//! opinion groups; `essaim-bench-deliberation agreement DIR…` compares Essaim's groups with the
//! ones Pol.is recorded in each folder's `participants-votes.csv` and prints a Markdown table.

use anyhow::{bail, Context, Result};
use essaim_domain::deliberation::cluster::{adjusted_rand_index, Rng};
use essaim_domain::deliberation::polis::PolisExport;
use essaim_domain::deliberation::{analyze, AnalysisOptions};
use std::collections::HashMap;
use std::fmt::Write as _;
use std::path::{Path, PathBuf};
use std::time::Instant;

fn main() -> Result<()> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    match args.first().map(String::as_str) {
        Some("generate") => generate(&args[1..]),
        Some("agreement") => agreement(&args[1..]),
        _ => bail!("usage: essaim-bench-deliberation generate DIR --participants N --statements M --votes V --groups G [--seed S] | agreement DIR…"),
    }
}

fn flag(args: &[String], name: &str, default: u64) -> Result<u64> {
    match args.iter().position(|a| a == name) {
        Some(i) => args
            .get(i + 1)
            .context(format!("{name} needs a value"))?
            .parse()
            .context(format!("{name} must be a whole number")),
        None => Ok(default),
    }
}

/// Participants fall in `groups` planted groups of uneven sizes; each group leans agree or
/// disagree on each statement (a statement in five is shared by all); each participant votes
/// on a random subset (about `votes / participants` statements, more for early statements, as
/// in real conversations) with some noise and passes.
fn generate(args: &[String]) -> Result<()> {
    let dir = PathBuf::from(args.first().context("generate needs a folder")?);
    let participants = flag(args, "--participants", 33_422)? as usize;
    let statements = flag(args, "--statements", 783)? as usize;
    let votes = flag(args, "--votes", 2_000_000)? as usize;
    let groups = flag(args, "--groups", 3)? as usize;
    let mut rng = Rng::new(flag(args, "--seed", 1)?);
    std::fs::create_dir_all(&dir)?;
    let leanings: Vec<Vec<f64>> = (0..groups)
        .map(|_| {
            (0..statements)
                .map(|s| match s % 5 {
                    0 => 0.85,
                    _ if rng.next_f64() < 0.5 => 0.2,
                    _ => 0.8,
                })
                .collect()
        })
        .collect();
    let mut comments = String::from(
        "timestamp,datetime,comment-id,author-id,agrees,disagrees,moderated,comment-body\n",
    );
    for s in 0..statements {
        writeln!(
            comments,
            "{},,{s},{},0,0,1,Statement {s}",
            1_600_000_000_000u64 + s as u64,
            s % participants.max(1)
        )?;
    }
    std::fs::write(dir.join("comments.csv"), comments)?;
    let per_person = votes as f64 / participants as f64;
    let mut out = String::with_capacity(votes * 24);
    out.push_str("timestamp,datetime,comment-id,voter-id,vote\n");
    let mut written = 0usize;
    let mut truth = String::from("participant,planted-group\n");
    for p in 0..participants {
        // Group sizes 1 : 2 : 3 … so groups are uneven, as they are in life.
        let weights: usize = (1..=groups).sum();
        let mut pick = (rng.next_u64() % weights as u64) as usize;
        let mut g = 0;
        while pick > g {
            pick -= g + 1;
            g += 1;
        }
        writeln!(truth, "{p},{g}")?;
        // Between a third and twice the mean number of votes.
        let n =
            ((per_person * (0.33 + 1.67 * rng.next_f64())).round() as usize).clamp(1, statements);
        let chance = n as f64 / statements as f64;
        for (s, leaning) in leanings[g].iter().enumerate() {
            if rng.next_f64() >= chance {
                continue;
            }
            let u = rng.next_f64();
            let agree = leaning * 0.9;
            let v = if u < agree {
                1
            } else if u < 0.9 {
                -1
            } else {
                0
            };
            writeln!(
                out,
                "{},,{s},{p},{v}",
                1_600_000_000_000u64 + written as u64
            )?;
            written += 1;
        }
    }
    std::fs::write(dir.join("votes.csv"), out)?;
    std::fs::write(dir.join("planted-groups.csv"), truth)?;
    std::fs::write(
        dir.join("summary.csv"),
        format!("topic,Generated conversation ({groups} planted groups)\nurl,\nvoters,{participants}\ncomments,{statements}\ngroups,{groups}\n"),
    )?;
    eprintln!(
        "{}: {participants} participants, {statements} statements, {written} votes",
        dir.display()
    );
    Ok(())
}

fn read(dir: &Path, name: &str) -> Result<Option<String>> {
    let path = dir.join(name);
    if !path.exists() {
        return Ok(None);
    }
    Ok(Some(
        std::fs::read_to_string(&path).with_context(|| path.display().to_string())?,
    ))
}

fn summary_groups(dir: &Path) -> Result<Option<usize>> {
    Ok(read(dir, "summary.csv")?.and_then(|s| {
        s.lines()
            .find_map(|l| l.strip_prefix("groups,"))
            .and_then(|v| v.trim().parse().ok())
    }))
}

fn agreement(args: &[String]) -> Result<()> {
    // `--max-groups K` caps the group count, to see whether a split matches Pol.is's once the
    // count does.
    let max_groups = flag(args, "--max-groups", 5)? as usize;
    // `--min-votes N` places participants from N votes (Pol.is: 7; its early versions placed
    // everyone who voted).
    let min_votes = flag(args, "--min-votes", 7)? as usize;
    let mut dirs: Vec<&String> = Vec::new();
    let mut skip = false;
    for a in args {
        if skip {
            skip = false;
        } else if a == "--max-groups" || a == "--min-votes" {
            skip = true;
        } else {
            dirs.push(a);
        }
    }
    let options = AnalysisOptions {
        max_groups,
        min_votes,
        ..AnalysisOptions::default()
    };
    println!("| conversation | participants | statements | votes | Pol.is groups | Essaim groups | adjusted Rand index | both clustered | analysis (ms) |");
    println!("|---|---:|---:|---:|---:|---:|---:|---:|---:|");
    let mut same = 0;
    let mut aris = Vec::new();
    for dir in &dirs {
        let dir = Path::new(dir);
        let export = PolisExport::read(
            &read(dir, "comments.csv")?.context("comments.csv missing")?,
            read(dir, "votes.csv")?.as_deref(),
            read(dir, "participants-votes.csv")?.as_deref(),
            read(dir, "summary.csv")?.as_deref(),
        )?;
        let started = Instant::now();
        let a = analyze(&export.accepted(), &export.votes, &options);
        let ms = started.elapsed().as_secs_f64() * 1000.0;
        let polis: HashMap<i64, usize> = export
            .participants
            .iter()
            .filter_map(|p| p.group.map(|g| (p.id, g)))
            .collect();
        let polis_groups =
            summary_groups(dir)?.unwrap_or_else(|| polis.values().max().map_or(0, |g| g + 1));
        let (mut ours, mut theirs) = (Vec::new(), Vec::new());
        for &(p, g) in &a.assignments {
            if let (Some(g), Some(&h)) = (g, polis.get(&p)) {
                ours.push(g);
                theirs.push(h);
            }
        }
        let ari = if ours.is_empty() {
            f64::NAN
        } else {
            adjusted_rand_index(&ours, &theirs)
        };
        same += usize::from(polis_groups == a.groups.len());
        aris.push(ari);
        println!(
            "| {} | {} | {} | {} | {} | {} | {:.3} | {} | {:.0} |",
            dir.file_name().unwrap_or_default().to_string_lossy(),
            a.participants,
            a.statements,
            a.votes,
            polis_groups,
            a.groups.len(),
            ari,
            ours.len(),
            ms
        );
    }
    aris.retain(|x| x.is_finite());
    aris.sort_by(f64::total_cmp);
    let median = if aris.is_empty() {
        f64::NAN
    } else if aris.len() % 2 == 1 {
        aris[aris.len() / 2]
    } else {
        (aris[aris.len() / 2 - 1] + aris[aris.len() / 2]) / 2.0
    };
    println!();
    println!(
        "Same group count: {same} of {} ({:.0}%). Median adjusted Rand index: {median:.3}.",
        dirs.len(),
        100.0 * same as f64 / dirs.len().max(1) as f64
    );
    Ok(())
}
