//! `essaim sortition analyze DIR` computes every respondent's selection probability from a
//! folder of `categories.csv` and `respondents.csv`, without a database; `essaim sortition
//! draw FILE --seed S` reproduces a published draw from its inputs.

use anyhow::{anyhow, bail, Context};
use essaim_domain::sortition::files::{read_categories, read_respondents};
use essaim_domain::sortition::legacy::legacy;
use essaim_domain::sortition::leximin::leximin;
use essaim_domain::sortition::lottery::{normalise_seed, DrawInputs};
use essaim_domain::sortition::report::summarise;
use essaim_domain::sortition::{Algorithm, Instance};
use serde_json::json;
use std::path::Path;
use std::time::Instant;

/// How `analyze` runs.
pub struct AnalyzeOptions {
    pub panel_size: u32,
    pub algorithm: Algorithm,
    pub one_per_household: bool,
    /// LEGACY: draws to estimate probabilities from, and their seed.
    pub runs: u32,
    pub seed: u64,
    pub json: bool,
}

fn read(dir: &Path, name: &str) -> anyhow::Result<String> {
    let path = dir.join(name);
    std::fs::read_to_string(&path).with_context(|| format!("cannot read {}", path.display()))
}

/// Reads the folder into an instance; errors name the file and line.
pub fn read_folder(
    dir: &Path,
    panel_size: u32,
    one_per_household: bool,
) -> anyhow::Result<Instance> {
    if !dir.is_dir() {
        bail!("{} is not a folder", dir.display());
    }
    let categories = read_categories(&read(dir, "categories.csv")?)
        .map_err(|e| anyhow!("{}/{e}", dir.display()))?;
    let respondents = read_respondents(&read(dir, "respondents.csv")?, &categories)
        .map_err(|e| anyhow!("{}/{e}", dir.display()))?;
    Ok(Instance {
        categories,
        respondents,
        panel_size,
        one_per_household,
    })
}

pub fn analyze_folder(dir: &Path, options: &AnalyzeOptions) -> anyhow::Result<()> {
    let instance = read_folder(dir, options.panel_size, options.one_per_household)?;
    let started = Instant::now();
    let distribution = match options.algorithm {
        Algorithm::Leximin => leximin(&instance),
        Algorithm::Legacy => legacy(&instance, options.runs, options.seed),
    }
    .map_err(|e| anyhow!("{e}"))?;
    let seconds = started.elapsed().as_secs_f64();
    let s = summarise(&distribution, options.panel_size);
    if options.json {
        println!(
            "{}",
            json!({
                "algorithm": options.algorithm.as_str(),
                "pool": s.pool,
                "panel": s.panel,
                "min_probability": s.min_probability,
                "max_probability": s.max_probability,
                "gini": s.gini,
                "panels": s.panels,
                "probabilities": distribution.probabilities,
                "seconds": seconds,
            })
        );
    } else {
        println!("algorithm        {}", options.algorithm.as_str());
        println!("pool             {}", s.pool);
        println!("panel            {}", s.panel);
        println!("min probability  {:.6}", s.min_probability);
        println!("max probability  {:.6}", s.max_probability);
        println!("gini             {:.6}", s.gini);
        println!("panels           {}", s.panels);
        println!("seconds          {seconds:.3}");
    }
    Ok(())
}

/// Reproduces a draw: the published inputs (the JSON a panel's page offers) and the seed.
pub fn draw_file(
    file: &Path,
    seed: &str,
    expected: Option<&str>,
    as_json: bool,
) -> anyhow::Result<()> {
    let text =
        std::fs::read_to_string(file).with_context(|| format!("cannot read {}", file.display()))?;
    let inputs: DrawInputs = serde_json::from_str(&text)
        .with_context(|| format!("{}: not the inputs of a draw", file.display()))?;
    let seed = normalise_seed(seed).map_err(|e| match e.code {
        "sortition_seed_empty" => anyhow!("the seed has no letters or digits"),
        _ => anyhow!("the seed is too long"),
    })?;
    let fingerprint = inputs.fingerprint();
    if let Some(expected) = expected {
        if !fingerprint.eq_ignore_ascii_case(expected.trim()) {
            bail!("the inputs' fingerprint is {fingerprint}, not {expected}: the file differs from the published one");
        }
    }
    let panel = inputs
        .draw(&seed)
        .map_err(|e| anyhow!("{}: {e}", file.display()))?;
    if as_json {
        println!(
            "{}",
            json!({"round": inputs.round, "seed": seed, "fingerprint": fingerprint, "selected": panel})
        );
    } else {
        println!("seed         {seed}");
        println!("fingerprint  {fingerprint}");
        println!("round        {}", inputs.round);
        let numbers: Vec<String> = panel.iter().map(u32::to_string).collect();
        println!("selected     {}", numbers.join(" "));
    }
    Ok(())
}
