//! `essaim deliberation analyze DIR --json` runs the opinion-map analysis on a Pol.is export
//! folder, without a database; `essaim deliberation import DIR` makes a conversation of it.

use anyhow::{bail, Context};
use essaim_domain::deliberation::polis::PolisExport;
use essaim_domain::deliberation::{analyze, parse_question, Analysis, AnalysisOptions};
use essaim_store::deliberation::{ConversationFields, ImportedConversation};
use essaim_store::{utc_now, Page, Store};
use serde_json::{json, Map, Value};
use std::collections::HashMap;
use std::path::Path;
use std::time::Instant;

/// The licence notice Pol.is's open data asks to show wherever it appears.
const POLIS_ATTRIBUTION: &str = "Data was gathered using the Polis software (compdemocracy.org/polis) and is sub-licensed under CC BY 4.0 with Attribution to The Computational Democracy Project.";

fn read_optional(dir: &Path, name: &str) -> anyhow::Result<Option<String>> {
    let path = dir.join(name);
    match std::fs::read_to_string(&path) {
        Ok(text) => Ok(Some(text)),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(None),
        Err(e) => Err(e).with_context(|| format!("cannot read {}", path.display())),
    }
}

/// Reads a Pol.is export folder; errors name the file (within `dir`) and the line.
pub fn read_folder(dir: &Path) -> anyhow::Result<PolisExport> {
    if !dir.is_dir() {
        bail!("{} is not a folder", dir.display());
    }
    let comments = read_optional(dir, "comments.csv")?
        .with_context(|| format!("{}: comments.csv is missing", dir.display()))?;
    PolisExport::read(
        &comments,
        read_optional(dir, "votes.csv")?.as_deref(),
        read_optional(dir, "participants-votes.csv")?.as_deref(),
        read_optional(dir, "summary.csv")?.as_deref(),
    )
    .map_err(|e| anyhow::anyhow!("{}/{e}", dir.display()))
}

/// The JSON the issue fixes: counts, groups with their representative statements, consensus,
/// and each participant's group.
pub fn analysis_json(analysis: &Analysis) -> Value {
    let groups: Vec<Value> = analysis
        .groups
        .iter()
        .map(|g| {
            json!({
                "id": g.id,
                "size": g.size,
                "representative": g.representative,
            })
        })
        .collect();
    let assignments: Map<String, Value> = analysis
        .assignments
        .iter()
        .map(|(p, g)| (p.to_string(), json!(g)))
        .collect();
    json!({
        "participants": analysis.participants,
        "statements": analysis.statements,
        "votes": analysis.votes,
        "clustered": analysis.clustered,
        "enough_data": analysis.enough_data,
        "groups": groups,
        "consensus": analysis.consensus,
        "group_aware_consensus": analysis.group_aware_consensus,
        "assignments": assignments,
    })
}

pub fn analyze_folder(
    dir: &Path,
    as_json: bool,
    seed: Option<u64>,
    timings: bool,
) -> anyhow::Result<()> {
    let started = Instant::now();
    let export = read_folder(dir)?;
    let read = started.elapsed();
    let options = AnalysisOptions {
        seed: seed.unwrap_or(AnalysisOptions::default().seed),
        ..AnalysisOptions::default()
    };
    let analysis = analyze(&export.accepted(), &export.votes, &options);
    let computed = started.elapsed() - read;
    if timings {
        eprintln!(
            "read {:.3} s, analysis {:.3} s",
            read.as_secs_f64(),
            computed.as_secs_f64()
        );
    }
    if as_json {
        println!("{}", analysis_json(&analysis));
        return Ok(());
    }
    let text: HashMap<i32, &str> = export
        .comments
        .iter()
        .map(|c| (c.id, c.text.as_str()))
        .collect();
    println!(
        "{} participants, {} statements, {} votes; {} placed in groups",
        analysis.participants, analysis.statements, analysis.votes, analysis.clustered
    );
    if !analysis.enough_data {
        println!("not enough data to find opinion groups");
        return Ok(());
    }
    for g in &analysis.groups {
        println!("\ngroup {} ({} people):", g.id, g.size);
        for r in &g.representative {
            println!(
                "  {:>3.0}% {:?}  #{} {}",
                100.0 * r.probability,
                r.direction,
                r.statement,
                text.get(&r.statement).unwrap_or(&"")
            );
        }
    }
    println!("\nconsensus:");
    for c in &analysis.consensus {
        println!(
            "  {:>3.0}% {:?}  #{} {}",
            100.0 * c.probability,
            c.direction,
            c.statement,
            text.get(&c.statement).unwrap_or(&"")
        );
    }
    Ok(())
}

/// The first admin of the platform, or the person with that e-mail.
async fn importer(store: &dyn Store, by: Option<&str>) -> anyhow::Result<uuid::Uuid> {
    if let Some(email) = by {
        let person = store
            .person_by_email(&email.trim().to_lowercase())
            .await?
            .with_context(|| format!("no account has the e-mail {email}"))?;
        return Ok(person.id);
    }
    let mut offset = 0;
    loop {
        let people = store.list_people(None, Page { limit: 200, offset }).await?;
        if let Some(admin) = people.iter().find(|p| p.is_admin()) {
            return Ok(admin.id);
        }
        if people.len() < 200 {
            bail!("no admin account: create one (essaim admin create-user --admin) or name the importer with --by EMAIL");
        }
        offset += 200;
    }
}

/// Creates a conversation from a Pol.is export folder and computes its analysis at once.
pub async fn import_folder(
    store: &dyn Store,
    dir: &Path,
    by: Option<&str>,
) -> anyhow::Result<uuid::Uuid> {
    let export = read_folder(dir)?;
    let created_by = importer(store, by).await?;
    let name = dir
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let topic = export.topic.clone().unwrap_or_else(|| name.clone());
    // Pol.is topics may be short or long; a question must be 5 to 200 characters.
    let question = parse_question(&topic)
        .or_else(|_| parse_question(&format!("Pol.is : {topic}")))
        .or_else(|_| parse_question(&topic.chars().take(197).collect::<String>()))
        .map_err(|e| anyhow::anyhow!("the topic cannot be a question: {}", e.code))?;
    let source = export.url.clone().unwrap_or_default();
    let attribution = if source.is_empty() {
        POLIS_ATTRIBUTION.to_owned()
    } else {
        format!("{POLIS_ATTRIBUTION} Source: {source}")
    };
    let statements = export
        .comments
        .iter()
        .map(|c| {
            let status = if c.moderated < 0 {
                "rejected"
            } else {
                "accepted"
            };
            let text = if c.text.trim().is_empty() {
                "(vide)".to_owned()
            } else {
                c.text.clone()
            };
            (c.id, c.author, text, status.to_owned())
        })
        .collect();
    let conversation = ImportedConversation {
        fields: ConversationFields {
            question,
            description: format!(
                "Conversation importée d'un export Pol.is (`{name}`).\n\n{attribution}"
            ),
            structure_id: None,
            open_for_statements: false,
            moderation: "post".into(),
            anonymous_allowed: true,
            opens_at: None,
            closes_at: None,
            challenge: String::new(),
            territories: String::new(),
            attribution,
            initiative_ids: vec![],
        },
        created_by,
        created_at: utc_now(),
        statements,
        votes: export.votes.clone(),
    };
    let id = store.import_conversation(&conversation).await?;
    essaim_web::deliberation::recompute(store, id)
        .await
        .map_err(|e| anyhow::anyhow!("analysis: {e}"))?;
    Ok(id)
}
