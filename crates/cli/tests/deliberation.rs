//! `essaim deliberation analyze` and `import` on Pol.is export folders: the JSON the issue
//! fixes, determinism, errors that name the file and the line, and an import read back
//! through the API, on SQLite and on PostgreSQL.

mod support;

use serde_json::Value;
use std::fmt::Write as _;
use std::path::Path;
use support::*;

/// A Pol.is folder: `camp` participants in each of two camps, who vote opposite ways on the
/// first six statements and all agree with the seventh; a few passes and gaps.
fn two_camps(dir: &Path, camp: usize) {
    let mut comments = String::from(
        "timestamp,datetime,comment-id,author-id,agrees,disagrees,moderated,comment-body\n",
    );
    for c in 0..7 {
        writeln!(comments, "{c},,{c},0,0,0,1,\"Proposition {c}, à discuter\"").unwrap();
    }
    // A moderated-out comment nobody may count.
    comments.push_str("7,,7,0,0,0,-1,hors sujet\n");
    let mut matrix = String::from(
        "participant,group-id,n-comments,n-votes,n-agree,n-disagree,0,1,2,3,4,5,6,7\n",
    );
    for p in 0..2 * camp {
        let side = if p < camp { 1 } else { -1 };
        let mut row = format!("{p},{},0,0,0,0", p / camp);
        for c in 0..7 {
            let v = match c {
                6 => "1".to_owned(),
                // Every tenth participant skipped one: six votes, one short of being placed.
                0 if p % 10 == 0 => String::new(),
                _ if (p + c) % 11 == 1 => "0".to_owned(),
                _ => (if c % 2 == 0 { side } else { -side }).to_string(),
            };
            write!(row, ",{v}").unwrap();
        }
        row.push_str(",1\n");
        matrix.push_str(&row);
    }
    std::fs::create_dir_all(dir).unwrap();
    std::fs::write(dir.join("comments.csv"), comments).unwrap();
    std::fs::write(dir.join("participants-votes.csv"), matrix).unwrap();
    std::fs::write(
        dir.join("summary.csv"),
        "topic,Que faire de la friche du port ?\nurl,https://pol.is/exemple\n",
    )
    .unwrap();
}

fn analyze(dir: &Path, folder: &Path, extra: &[&str]) -> Value {
    let mut args = vec![
        "deliberation",
        "analyze",
        folder.to_str().unwrap(),
        "--json",
    ];
    args.extend(extra);
    serde_json::from_str(&run_ok(dir, "sqlite://unused.db", &args)).unwrap()
}

#[test]
fn analyze_prints_groups_consensus_and_assignments() {
    let dir = tempfile::tempdir().unwrap();
    let folder = dir.path().join("friche");
    two_camps(&folder, 20);
    let out = analyze(dir.path(), &folder, &[]);
    assert_eq!(
        (out["participants"].as_u64(), out["statements"].as_u64()),
        (Some(40), Some(7))
    );
    let groups = out["groups"].as_array().unwrap();
    assert_eq!(groups.len(), 2, "{out}");
    assert_eq!(groups[0]["id"], 0);
    // Participants 0, 10, 20, 30 voted on six statements of seven: not placed in a group.
    assert_eq!(out["clustered"].as_u64(), Some(36));
    assert_eq!(
        groups[0]["size"].as_u64().unwrap() + groups[1]["size"].as_u64().unwrap(),
        36
    );
    assert!(groups
        .iter()
        .all(|g| !g["representative"].as_array().unwrap().is_empty()));
    // Everyone agrees with statement 6; the moderated-out 7 is nowhere.
    assert!(out["consensus"]
        .as_array()
        .unwrap()
        .iter()
        .any(|c| c["statement"] == 6 && c["direction"] == "agree"));
    assert!(!out.to_string().contains("\"statement\":7"));
    // Each camp is one group.
    let a = &out["assignments"];
    let first = a["1"].as_u64().unwrap();
    let second = a["39"].as_u64().unwrap();
    assert_ne!(first, second);
    for p in 0..40 {
        let want = match p {
            _ if p % 10 == 0 => None,
            0..20 => Some(first),
            _ => Some(second),
        };
        assert_eq!(a[p.to_string()].as_u64(), want, "participant {p}");
    }
    // Same input, same output, every time; the seed is taken.
    assert_eq!(out, analyze(dir.path(), &folder, &[]));
    assert_eq!(
        analyze(dir.path(), &folder, &["--seed", "7"])["groups"]
            .as_array()
            .unwrap()
            .len(),
        2
    );
}

#[test]
fn analyze_with_too_little_data_says_so() {
    let dir = tempfile::tempdir().unwrap();
    let folder = dir.path().join("seul");
    std::fs::create_dir_all(&folder).unwrap();
    std::fs::write(
        folder.join("comments.csv"),
        "comment-id,author-id,moderated,comment-body\n0,0,1,Une seule idée\n",
    )
    .unwrap();
    std::fs::write(
        folder.join("votes.csv"),
        "comment-id,voter-id,vote\n0,0,1\n",
    )
    .unwrap();
    let out = analyze(dir.path(), &folder, &[]);
    assert_eq!(out["enough_data"], false);
    assert_eq!(out["groups"], serde_json::json!([]));
    assert_eq!(out["assignments"]["0"], Value::Null);
    assert!(!out.to_string().contains("NaN"));
}

#[test]
fn bad_folders_are_refused_naming_file_and_line() {
    let dir = tempfile::tempdir().unwrap();
    let folder = dir.path().join("abime");
    two_camps(&folder, 3);
    let err = |folder: &Path| {
        let out = run(
            dir.path(),
            "sqlite://unused.db",
            &[
                "deliberation",
                "analyze",
                folder.to_str().unwrap(),
                "--json",
            ],
        );
        assert!(!out.status.success());
        assert!(out.stdout.is_empty());
        String::from_utf8_lossy(&out.stderr).into_owned()
    };
    std::fs::write(
        folder.join("votes.csv"),
        "comment-id,voter-id,vote\n0,1,1\n0,2,oui\n",
    )
    .unwrap();
    assert!(
        err(&folder).contains("votes.csv:3: column \"vote\": vote \"oui\" is not 1, -1 or 0"),
        "{}",
        err(&folder)
    );
    std::fs::write(folder.join("votes.csv"), "comment-id,vote\n0,1\n").unwrap();
    assert!(err(&folder).contains("votes.csv:1: missing column \"voter-id\""));
    std::fs::remove_file(folder.join("votes.csv")).unwrap();
    std::fs::write(
        folder.join("comments.csv"),
        "comment-id,author-id,moderated,comment-body\nun,0,1,x\n",
    )
    .unwrap();
    assert!(err(&folder).contains("comments.csv:2: column \"comment-id\""));
    std::fs::remove_file(folder.join("comments.csv")).unwrap();
    assert!(err(&folder).contains("comments.csv is missing"));
    assert!(err(&dir.path().join("nulle-part")).contains("is not a folder"));
}

async fn import_then_read_results(dir: &Path, db: &str) {
    demo_with_admin(dir, db, 0);
    let folder = dir.join("friche");
    two_camps(&folder, 20);
    let out = run_ok(
        dir,
        db,
        &["deliberation", "import", folder.to_str().unwrap()],
    );
    let id = out.trim().rsplit('/').next().unwrap().to_owned();
    let server = Server::start(dir, db).await;
    let client = reqwest::Client::new();
    let get = |path: String| {
        let client = client.clone();
        async move {
            client
                .get(path)
                .send()
                .await
                .unwrap()
                .json::<Value>()
                .await
                .unwrap()
        }
    };
    let c = get(format!("{}/api/v1/conversations/{id}", server.url)).await;
    assert_eq!(c["question"], "Que faire de la friche du port ?");
    assert!(c["attribution"].as_str().unwrap().contains("CC BY 4.0"));
    assert!(c["attribution"]
        .as_str()
        .unwrap()
        .contains("https://pol.is/exemple"));
    // The analysis was computed by the import: the page never waits for it.
    let results = get(format!("{}/api/v1/conversations/{id}/results", server.url)).await;
    assert_eq!(results["stale"], false, "{results}");
    assert_eq!(results["analysis"]["participants"], 40);
    assert_eq!(results["analysis"]["groups"].as_array().unwrap().len(), 2);
    let statements = get(format!(
        "{}/api/v1/conversations/{id}/statements",
        server.url
    ))
    .await;
    assert_eq!(
        statements.as_array().unwrap().len(),
        7,
        "the moderated-out comment is not shown"
    );
    server.stop();
}

#[tokio::test]
async fn sqlite_import_creates_a_conversation_with_its_analysis() {
    let dir = tempfile::tempdir().unwrap();
    import_then_read_results(dir.path(), "sqlite://site.db").await;
}

#[tokio::test]
async fn postgres_import_creates_a_conversation_with_its_analysis() {
    let Some(pg) = essaim_testkit::postgres::server() else {
        return;
    };
    let dir = tempfile::tempdir().unwrap();
    import_then_read_results(dir.path(), &pg.fresh_database()).await;
}
