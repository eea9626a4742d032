//! `essaim sessions plan-rotation`: the JSON the issue fixes, a people file with hosts and
//! attributes, and impossible requests refused with a clear message.

mod support;

use serde_json::Value;
use support::*;

fn plan(dir: &std::path::Path, args: &[&str]) -> std::process::Output {
    let mut all = vec!["sessions", "plan-rotation"];
    all.extend_from_slice(args);
    essaim(dir).args(all).output().unwrap()
}

fn json_of(out: &std::process::Output) -> Value {
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    serde_json::from_slice(&out.stdout).unwrap()
}

#[test]
fn twenty_people_in_fours_for_five_rounds_never_meet_twice() {
    // 32/4/8 is the benchmark's (release build); a debug test keeps to a smaller instance.
    let dir = tempfile::tempdir().unwrap();
    let v = json_of(&plan(
        dir.path(),
        &[
            "--participants",
            "20",
            "--table-size",
            "4",
            "--rounds",
            "5",
            "--time-limit",
            "60",
            "--json",
        ],
    ));
    assert_eq!(v["repeated_pairs"], 0);
    assert_eq!(v["max_meetings"], 1);
    let rounds = v["rounds"].as_array().unwrap();
    assert_eq!(rounds.len(), 5);
    for round in rounds {
        let mut ids: Vec<u64> = round
            .as_array()
            .unwrap()
            .iter()
            .flat_map(|t| t.as_array().unwrap().iter().map(|id| id.as_u64().unwrap()))
            .collect();
        ids.sort_unstable();
        assert_eq!(ids, (0..20).collect::<Vec<_>>());
    }
}

#[test]
fn the_same_seed_and_iterations_give_the_same_plan() {
    let dir = tempfile::tempdir().unwrap();
    let args = [
        "--participants",
        "30",
        "--table-size",
        "4",
        "--rounds",
        "9",
        "--iterations",
        "3000",
        "--seed",
        "42",
        "--json",
    ];
    let a = json_of(&plan(dir.path(), &args));
    let b = json_of(&plan(dir.path(), &args));
    assert_eq!(a["rounds"], b["rounds"]);
    assert_eq!(a["seed"], 42);
}

#[test]
fn a_people_file_keeps_its_ids_and_hosts() {
    let dir = tempfile::tempdir().unwrap();
    let mut csv = String::from("id,structure,host_table,secteur\n");
    for i in 0..12 {
        let host = if i == 0 { "2" } else { "" };
        let sector = ["public", "privé", "associatif", "citoyen"][i % 4];
        csv.push_str(&format!("p{i},s{},{host},{sector}\n", i % 3));
    }
    std::fs::write(dir.path().join("people.csv"), csv).unwrap();
    let v = json_of(&plan(
        dir.path(),
        &[
            "--people",
            "people.csv",
            "--table-size",
            "4",
            "--rounds",
            "2",
            "--iterations",
            "20000",
            "--json",
        ],
    ));
    for round in v["rounds"].as_array().unwrap() {
        assert!(round[1].as_array().unwrap().contains(&Value::from("p0")));
    }
    assert_eq!(v["participants"], 12);
}

#[test]
fn the_readable_plan_is_in_french() {
    let dir = tempfile::tempdir().unwrap();
    let out = plan(
        dir.path(),
        &["--participants", "9", "--table-size", "3", "--rounds", "2"],
    );
    assert!(out.status.success());
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(text.contains("Tour 2"), "{text}");
    assert!(text.contains("Paires qui se revoient\u{a0}: 0"), "{text}");
}

#[test]
fn impossible_requests_fail_with_a_message() {
    let dir = tempfile::tempdir().unwrap();
    for (args, expected) in [
        (
            vec!["--participants", "10", "--table-size", "1", "--rounds", "3"],
            "table size",
        ),
        (
            vec!["--participants", "1", "--table-size", "2", "--rounds", "3"],
            "at least 2 people",
        ),
        (
            vec!["--participants", "3", "--table-size", "4", "--rounds", "3"],
            "larger than",
        ),
        (
            vec!["--participants", "10", "--table-size", "3", "--rounds", "0"],
            "at least 1 round",
        ),
        (
            vec![
                "--participants",
                "10",
                "--table-size",
                "3",
                "--rounds",
                "10000",
            ],
            "at most 100 rounds",
        ),
        (vec!["--table-size", "3", "--rounds", "2"], "--participants"),
    ] {
        let out = plan(dir.path(), &args);
        assert!(!out.status.success(), "{args:?}");
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert!(stderr.contains(expected), "{args:?}: {stderr}");
    }
    std::fs::write(dir.path().join("bad.csv"), "id,host_table\na,1\nb,x\n").unwrap();
    let out = plan(
        dir.path(),
        &["--people", "bad.csv", "--table-size", "2", "--rounds", "1"],
    );
    assert!(!out.status.success());
    assert!(String::from_utf8_lossy(&out.stderr).contains("bad.csv:3: host_table"));
    std::fs::write(
        dir.path().join("hosts.csv"),
        "id,host_table\na,3\nb,\nc,\nd,\n",
    )
    .unwrap();
    let out = plan(
        dir.path(),
        &[
            "--people",
            "hosts.csv",
            "--table-size",
            "2",
            "--rounds",
            "1",
        ],
    );
    assert!(String::from_utf8_lossy(&out.stderr).contains("pinned to table 3"));
}
