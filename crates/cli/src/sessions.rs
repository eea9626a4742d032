//! `essaim sessions plan-rotation`: the rotation planner of World Cafés and team formation,
//! without a database. People come from `--participants N` (ids 0…N−1) or a CSV file.

use anyhow::{anyhow, bail, Context};
use essaim_domain::planner::files::read_people;
use essaim_domain::planner::{plan, Budget, Instance, Person};
use serde_json::{json, Value};
use std::path::PathBuf;
use std::time::{Duration, Instant};

/// What `plan-rotation` was asked.
pub struct PlanRotationOptions {
    pub participants: Option<usize>,
    pub table_size: usize,
    pub rounds: usize,
    pub people: Option<PathBuf>,
    pub seed: u64,
    pub time_limit: f64,
    pub iterations: Option<u64>,
    pub json: bool,
}

pub fn plan_rotation(options: &PlanRotationOptions) -> anyhow::Result<()> {
    let (people, from_file) = match (&options.people, options.participants) {
        (Some(file), participants) => {
            let text = std::fs::read_to_string(file)
                .with_context(|| format!("cannot read {}", file.display()))?;
            let people = read_people(&text).map_err(|e| anyhow!("{}:{e}", file.display()))?;
            if let Some(n) = participants {
                if n != people.len() {
                    bail!(
                        "--participants {n} but {} lists {} people",
                        file.display(),
                        people.len()
                    );
                }
            }
            (people, true)
        }
        (None, Some(n)) => ((0..n).map(|i| Person::new(i.to_string())).collect(), false),
        (None, None) => bail!("give --participants N or --people FILE.csv"),
    };
    if !(options.time_limit.is_finite() && options.time_limit > 0.0) {
        bail!("--time-limit must be a positive number of seconds");
    }
    let instance =
        Instance::new(people, options.table_size, options.rounds).map_err(|e| anyhow!("{e}"))?;
    let budget = Budget {
        max_iterations: options.iterations.unwrap_or(u64::MAX),
        time_limit: Some(Duration::from_secs_f64(options.time_limit.min(86_400.0))),
    };
    let started = Instant::now();
    let result = plan(&instance, budget, options.seed);
    let elapsed_ms = started.elapsed().as_millis();

    // The file's ids as strings; 0-based numbers without a file.
    let id = |p: usize| -> Value {
        if from_file {
            json!(instance.people()[p].id)
        } else {
            json!(p)
        }
    };
    let report = &result.report;
    if options.json {
        let rounds: Vec<Vec<Vec<Value>>> = result
            .schedule
            .rounds
            .iter()
            .map(|round| {
                round
                    .iter()
                    .map(|table| table.iter().map(|&p| id(p)).collect())
                    .collect()
            })
            .collect();
        println!(
            "{}",
            serde_json::to_string_pretty(&json!({
                "participants": instance.people().len(),
                "table_size": instance.table_size(),
                "tables": instance.table_sizes().len(),
                "rounds": rounds,
                "repeated_pairs": report.repeated_pairs,
                "max_meetings": report.max_meetings,
                "pair_score": report.pair_score,
                "structure_meetings": report.structure_meetings,
                "attribute_deviation": report.attribute_deviation,
                "score": report.score,
                "seed": result.seed,
                "iterations": result.iterations,
                "elapsed_ms": elapsed_ms,
            }))?
        );
        return Ok(());
    }

    // French, with non-breaking spaces before colons.
    let sizes = instance.table_sizes();
    println!(
        "{} personnes, {} tables ({} à {} places), {} tours",
        instance.people().len(),
        sizes.len(),
        sizes.iter().min().unwrap_or(&0),
        sizes.iter().max().unwrap_or(&0),
        instance.rounds()
    );
    for (r, round) in result.schedule.rounds.iter().enumerate() {
        println!();
        println!("Tour {}", r + 1);
        for (t, table) in round.iter().enumerate() {
            let names: Vec<String> = table
                .iter()
                .map(|&p| match id(p) {
                    Value::String(s) => s,
                    other => other.to_string(),
                })
                .collect();
            println!("  Table {:>3}\u{a0}: {}", t + 1, names.join(", "));
        }
    }
    println!();
    println!(
        "Paires qui se revoient\u{a0}: {} (rencontres au plus\u{a0}: {})",
        report.repeated_pairs, report.max_meetings
    );
    if report.structure_meetings > 0 {
        println!(
            "Rencontres entre personnes d’une même structure\u{a0}: {}",
            report.structure_meetings
        );
    }
    if report.attribute_deviation > 0.0 {
        println!(
            "Écart à une répartition égale des attributs\u{a0}: {:.2}",
            report.attribute_deviation
        );
    }
    println!(
        "Graine\u{a0}: {} · {} itérations · {} ms",
        result.seed, result.iterations, elapsed_ms
    );
    Ok(())
}
