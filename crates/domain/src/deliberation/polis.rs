//! The Pol.is export format, read and written: `comments.csv`, `votes.csv` (every vote event),
//! `participants-votes.csv` (one row per participant: the group Pol.is placed them in, then
//! their latest vote per comment) and `summary.csv`. Errors name the file and the line.

use std::collections::HashMap;
use std::fmt;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PolisError {
    pub file: &'static str,
    /// 1-based line in the file; 1 is the header.
    pub line: u64,
    pub message: String,
}

impl fmt::Display for PolisError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}:{}: {}", self.file, self.line, self.message)
    }
}

impl std::error::Error for PolisError {}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PolisComment {
    pub id: i32,
    pub author: Option<i64>,
    /// 1 accepted, 0 not moderated, -1 moderated out (left out of the analysis).
    pub moderated: i8,
    pub text: String,
    /// Milliseconds since 1970, when given.
    pub timestamp: Option<i64>,
}

/// A vote as Pol.is exports it: (participant, comment, 1 agree / -1 disagree / 0 pass).
pub type PolisVote = (i64, i32, i16);

/// A participant's row of `participants-votes.csv`: the group Pol.is gave them.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PolisParticipant {
    pub id: i64,
    pub group: Option<usize>,
}

const COMMENTS: &str = "comments.csv";
const VOTES: &str = "votes.csv";
const PARTICIPANTS_VOTES: &str = "participants-votes.csv";

fn reader(text: &str) -> csv::Reader<&[u8]> {
    csv::ReaderBuilder::new()
        .flexible(true)
        .from_reader(text.as_bytes())
}

/// The position of each required column, or an error naming the first one missing.
fn columns<const N: usize>(
    file: &'static str,
    headers: &csv::StringRecord,
    names: [&str; N],
) -> Result<[usize; N], PolisError> {
    let mut out = [0; N];
    for (slot, name) in out.iter_mut().zip(names) {
        *slot = headers
            .iter()
            .position(|h| h.trim().trim_start_matches('\u{feff}') == name)
            .ok_or_else(|| PolisError {
                file,
                line: 1,
                message: format!("missing column \"{name}\""),
            })?;
    }
    Ok(out)
}

fn headers(
    file: &'static str,
    r: &mut csv::Reader<&[u8]>,
) -> Result<csv::StringRecord, PolisError> {
    r.headers().cloned().map_err(|e| PolisError {
        file,
        line: 1,
        message: format!("unreadable header: {e}"),
    })
}

fn records<'a>(
    file: &'static str,
    r: csv::Reader<&'a [u8]>,
) -> impl Iterator<Item = Result<(u64, csv::StringRecord), PolisError>> + 'a {
    let mut line = 1;
    r.into_records().map(move |record| {
        let record = record.map_err(|e| PolisError {
            file,
            line: e.position().map_or(line + 1, |p| p.line()),
            message: format!("unreadable row: {e}"),
        })?;
        line = record.position().map_or(line + 1, |p| p.line());
        Ok((line, record))
    })
}

fn number<T: std::str::FromStr>(
    file: &'static str,
    line: u64,
    column: &str,
    value: Option<&str>,
) -> Result<T, PolisError> {
    let value = value.unwrap_or("").trim();
    value.parse().map_err(|_| PolisError {
        file,
        line,
        message: format!("column \"{column}\": \"{value}\" is not a whole number"),
    })
}

fn optional_number<T: std::str::FromStr>(
    file: &'static str,
    line: u64,
    column: &str,
    value: Option<&str>,
) -> Result<Option<T>, PolisError> {
    match value.map(str::trim) {
        None | Some("") => Ok(None),
        Some(v) => number(file, line, column, Some(v)).map(Some),
    }
}

fn vote_value(file: &'static str, line: u64, column: &str, value: &str) -> Result<i16, PolisError> {
    match value.trim() {
        "1" => Ok(1),
        "-1" => Ok(-1),
        "0" => Ok(0),
        other => Err(PolisError {
            file,
            line,
            message: format!("column \"{column}\": vote \"{other}\" is not 1, -1 or 0"),
        }),
    }
}

/// Reads `comments.csv`. Comment ids must be unique.
pub fn parse_comments(text: &str) -> Result<Vec<PolisComment>, PolisError> {
    let mut r = reader(text);
    let h = headers(COMMENTS, &mut r)?;
    let [id, author, moderated, body] = columns(
        COMMENTS,
        &h,
        ["comment-id", "author-id", "moderated", "comment-body"],
    )?;
    let timestamp = h.iter().position(|x| x == "timestamp");
    let mut seen = HashMap::new();
    let mut out = Vec::new();
    for row in records(COMMENTS, r) {
        let (line, record) = row?;
        let comment = PolisComment {
            id: number(COMMENTS, line, "comment-id", record.get(id))?,
            author: optional_number(COMMENTS, line, "author-id", record.get(author))?,
            moderated: match record.get(moderated).map(str::trim) {
                Some("1") => 1,
                Some("0") | Some("") | None => 0,
                Some("-1") => -1,
                Some(other) => {
                    return Err(PolisError {
                        file: COMMENTS,
                        line,
                        message: format!("column \"moderated\": \"{other}\" is not 1, 0 or -1"),
                    })
                }
            },
            text: record.get(body).unwrap_or("").trim().to_owned(),
            timestamp: optional_number(
                COMMENTS,
                line,
                "timestamp",
                timestamp.and_then(|t| record.get(t)),
            )?,
        };
        if let Some(first) = seen.insert(comment.id, line) {
            return Err(PolisError {
                file: COMMENTS,
                line,
                message: format!("comment {} already on line {first}", comment.id),
            });
        }
        out.push(comment);
    }
    Ok(out)
}

/// Reads `votes.csv` (every vote event) and keeps each participant's latest vote per comment.
pub fn parse_votes(text: &str) -> Result<Vec<(i64, i32, i16)>, PolisError> {
    let mut r = reader(text);
    let h = headers(VOTES, &mut r)?;
    let [comment, voter, vote] = columns(VOTES, &h, ["comment-id", "voter-id", "vote"])?;
    let timestamp = h.iter().position(|x| x == "timestamp");
    // (participant, comment, timestamp, order in the file, vote), then sorted: the last of
    // each (participant, comment) run is the latest vote.
    let lines = text.bytes().filter(|&b| b == b'\n').count();
    let mut all: Vec<(i64, i32, i64, u32, i16)> = Vec::with_capacity(lines);
    for (order, row) in records(VOTES, r).enumerate() {
        let (line, record) = row?;
        let c: i32 = number(VOTES, line, "comment-id", record.get(comment))?;
        let p: i64 = number(VOTES, line, "voter-id", record.get(voter))?;
        let v = vote_value(VOTES, line, "vote", record.get(vote).unwrap_or(""))?;
        let t: i64 = optional_number(
            VOTES,
            line,
            "timestamp",
            timestamp.and_then(|t| record.get(t)),
        )?
        .unwrap_or(0);
        all.push((p, c, t, order as u32, v));
    }
    all.sort_unstable();
    let mut out: Vec<(i64, i32, i16)> = Vec::with_capacity(all.len());
    for (i, &(p, c, _, _, v)) in all.iter().enumerate() {
        if all.get(i + 1).is_some_and(|n| n.0 == p && n.1 == c) {
            continue;
        }
        out.push((p, c, v));
    }
    Ok(out)
}

/// Reads `participants-votes.csv`: each participant's group and latest votes (the columns after
/// the fixed ones are comment ids).
pub fn parse_participants_votes(
    text: &str,
) -> Result<(Vec<PolisParticipant>, Vec<PolisVote>), PolisError> {
    let mut r = reader(text);
    let h = headers(PARTICIPANTS_VOTES, &mut r)?;
    let [participant, group] = columns(PARTICIPANTS_VOTES, &h, ["participant", "group-id"])?;
    let fixed = [
        "participant",
        "group-id",
        "n-comments",
        "n-votes",
        "n-agree",
        "n-disagree",
    ];
    let mut comment_columns = Vec::new();
    for (i, name) in h.iter().enumerate() {
        if fixed.contains(&name) {
            continue;
        }
        // Other named columns (newer exports add `xid`) are not votes.
        let Ok(id) = name.trim().parse::<i32>() else {
            continue;
        };
        comment_columns.push((i, id));
    }
    let mut participants = Vec::new();
    let mut votes = Vec::new();
    for row in records(PARTICIPANTS_VOTES, r) {
        let (line, record) = row?;
        let id: i64 = number(
            PARTICIPANTS_VOTES,
            line,
            "participant",
            record.get(participant),
        )?;
        let g: Option<usize> =
            optional_number(PARTICIPANTS_VOTES, line, "group-id", record.get(group))?;
        participants.push(PolisParticipant { id, group: g });
        for &(i, comment) in &comment_columns {
            match record.get(i).map(str::trim) {
                None | Some("") => {}
                Some(value) => votes.push((
                    id,
                    comment,
                    vote_value(PARTICIPANTS_VOTES, line, &comment.to_string(), value)?,
                )),
            }
        }
    }
    votes.sort_unstable();
    Ok((participants, votes))
}

/// Reads `summary.csv` (key,value rows); only the topic and the address are used.
pub fn parse_summary(text: &str) -> (Option<String>, Option<String>) {
    let mut topic = None;
    let mut url = None;
    let mut r = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .from_reader(text.as_bytes());
    for record in r.records().flatten() {
        let value = record
            .get(1)
            .map(|v| v.trim().to_owned())
            .filter(|v| !v.is_empty());
        match record.get(0) {
            Some("topic") => topic = value,
            Some("url") => url = value,
            _ => {}
        }
    }
    (topic, url)
}

/// A conversation in Pol.is's terms, as read from an export folder.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PolisExport {
    pub comments: Vec<PolisComment>,
    /// Latest vote per participant and comment.
    pub votes: Vec<(i64, i32, i16)>,
    /// From `participants-votes.csv` when present: Pol.is's groups.
    pub participants: Vec<PolisParticipant>,
    pub topic: Option<String>,
    pub url: Option<String>,
}

impl PolisExport {
    /// Reads a folder's files, given as text: `comments.csv` is required; votes come from
    /// `votes.csv` when present, else from `participants-votes.csv`. Votes on comments that are
    /// not in `comments.csv` are refused, naming the file.
    pub fn read(
        comments: &str,
        votes: Option<&str>,
        participants_votes: Option<&str>,
        summary: Option<&str>,
    ) -> Result<PolisExport, PolisError> {
        let comments = parse_comments(comments)?;
        let (participants, matrix_votes) = match participants_votes {
            Some(text) => parse_participants_votes(text)?,
            None => (vec![], vec![]),
        };
        let (votes, file) = match votes {
            Some(text) => (parse_votes(text)?, VOTES),
            None if participants_votes.is_some() => (matrix_votes, PARTICIPANTS_VOTES),
            None => {
                return Err(PolisError {
                    file: VOTES,
                    line: 0,
                    message: "neither votes.csv nor participants-votes.csv is present".into(),
                })
            }
        };
        let known: std::collections::HashSet<i32> = comments.iter().map(|c| c.id).collect();
        if let Some(v) = votes.iter().find(|v| !known.contains(&v.1)) {
            return Err(PolisError {
                file,
                line: 0,
                message: format!(
                    "a vote is on comment {}, which comments.csv does not hold",
                    v.1
                ),
            });
        }
        let (topic, url) = summary.map(parse_summary).unwrap_or_default();
        Ok(PolisExport {
            comments,
            votes,
            participants,
            topic,
            url,
        })
    }

    /// The comments the analysis keeps: all but those moderated out.
    pub fn accepted(&self) -> Vec<i32> {
        self.comments
            .iter()
            .filter(|c| c.moderated >= 0)
            .map(|c| c.id)
            .collect()
    }
}

/// A statement to write in an export.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ExportStatement {
    pub id: i32,
    pub author: Option<i64>,
    pub moderated: i8,
    pub text: String,
    pub timestamp: i64,
}

fn write_csv(rows: impl IntoIterator<Item = Vec<String>>) -> String {
    let mut w = csv::Writer::from_writer(Vec::new());
    for row in rows {
        w.write_record(&row).expect("writing to memory");
    }
    String::from_utf8(w.into_inner().expect("writing to memory")).expect("UTF-8 in, UTF-8 out")
}

fn datetime(ms: i64) -> String {
    chrono::DateTime::from_timestamp_millis(ms)
        .map(|d| d.format("%a %b %d %Y %H:%M:%S GMT+0000").to_string())
        .unwrap_or_default()
}

/// `comments.csv`, with the agree and disagree counts of each comment.
pub fn write_comments(statements: &[ExportStatement], votes: &[(i64, i32, i16)]) -> String {
    let mut counts: HashMap<i32, (u32, u32)> = HashMap::new();
    for &(_, c, v) in votes {
        let e = counts.entry(c).or_default();
        match v {
            1 => e.0 += 1,
            -1 => e.1 += 1,
            _ => {}
        }
    }
    let header = [
        "timestamp",
        "datetime",
        "comment-id",
        "author-id",
        "agrees",
        "disagrees",
        "moderated",
        "comment-body",
    ];
    std::iter::once(header.iter().map(|s| s.to_string()).collect())
        .chain(statements.iter().map(|s| {
            let (a, d) = counts.get(&s.id).copied().unwrap_or_default();
            vec![
                s.timestamp.to_string(),
                datetime(s.timestamp),
                s.id.to_string(),
                s.author.map(|a| a.to_string()).unwrap_or_default(),
                a.to_string(),
                d.to_string(),
                s.moderated.to_string(),
                s.text.clone(),
            ]
        }))
        .collect::<Vec<_>>()
        .pipe(write_csv)
}

/// `votes.csv`: (participant, comment, value, time in ms), one row per current vote.
pub fn write_votes(votes: &[(i64, i32, i16, i64)]) -> String {
    let header = ["timestamp", "datetime", "comment-id", "voter-id", "vote"];
    std::iter::once(header.iter().map(|s| s.to_string()).collect())
        .chain(votes.iter().map(|&(p, c, v, t)| {
            vec![
                t.to_string(),
                datetime(t),
                c.to_string(),
                p.to_string(),
                v.to_string(),
            ]
        }))
        .collect::<Vec<_>>()
        .pipe(write_csv)
}

/// `participants-votes.csv`: per participant, their group (empty when not clustered), counts
/// and their vote on each comment.
pub fn write_participants_votes(
    comment_ids: &[i32],
    votes: &[(i64, i32, i16)],
    groups: &HashMap<i64, Option<usize>>,
    authored: &HashMap<i64, u32>,
) -> String {
    let column: HashMap<i32, usize> = comment_ids
        .iter()
        .enumerate()
        .map(|(i, &c)| (c, i))
        .collect();
    let mut rows: std::collections::BTreeMap<i64, Vec<Option<i16>>> =
        std::collections::BTreeMap::new();
    for &(p, c, v) in votes {
        if let Some(&i) = column.get(&c) {
            rows.entry(p)
                .or_insert_with(|| vec![None; comment_ids.len()])[i] = Some(v);
        }
    }
    let mut header: Vec<String> = [
        "participant",
        "group-id",
        "n-comments",
        "n-votes",
        "n-agree",
        "n-disagree",
    ]
    .iter()
    .map(|s| s.to_string())
    .collect();
    header.extend(comment_ids.iter().map(|c| c.to_string()));
    std::iter::once(header)
        .chain(rows.into_iter().map(|(p, cells)| {
            let count = |want: Option<i16>| {
                cells
                    .iter()
                    .filter(|c| want.is_none_or(|w| **c == Some(w)) && c.is_some())
                    .count()
            };
            let mut row = vec![
                p.to_string(),
                groups
                    .get(&p)
                    .copied()
                    .flatten()
                    .map(|g| g.to_string())
                    .unwrap_or_default(),
                authored.get(&p).copied().unwrap_or(0).to_string(),
                count(None).to_string(),
                count(Some(1)).to_string(),
                count(Some(-1)).to_string(),
            ];
            row.extend(
                cells
                    .iter()
                    .map(|c| c.map(|v| v.to_string()).unwrap_or_default()),
            );
            row
        }))
        .collect::<Vec<_>>()
        .pipe(write_csv)
}

/// `summary.csv`.
pub fn write_summary(
    topic: &str,
    url: &str,
    voters: usize,
    comments: usize,
    groups: usize,
) -> String {
    write_csv([
        vec!["topic".into(), topic.into()],
        vec!["url".into(), url.into()],
        vec!["voters".into(), voters.to_string()],
        vec!["comments".into(), comments.to_string()],
        vec!["groups".into(), groups.to_string()],
    ])
}

trait Pipe: Sized {
    fn pipe<T>(self, f: impl FnOnce(Self) -> T) -> T {
        f(self)
    }
}

impl<T> Pipe for T {}

#[cfg(test)]
mod tests {
    use super::*;

    const COMMENTS_CSV: &str =
        "timestamp,datetime,comment-id,author-id,agrees,disagrees,moderated,comment-body\n\
        1000,x,0,5,1,0,1,\"Plus de vélos, moins de voitures\"\n\
        1001,x,1,6,0,1,-1,spam\n\
        1002,x,2,,0,0,0,Un marché le dimanche\n";

    #[test]
    fn reads_comments_votes_and_groups() {
        let comments = parse_comments(COMMENTS_CSV).unwrap();
        assert_eq!(comments.len(), 3);
        assert_eq!(comments[0].text, "Plus de vélos, moins de voitures");
        assert_eq!((comments[1].moderated, comments[2].author), (-1, None));
        let votes = "timestamp,datetime,comment-id,voter-id,vote\n5,x,0,7,1\n9,x,0,7,-1\n6,x,2,7,0\n1,x,0,8,1\n";
        assert_eq!(
            parse_votes(votes).unwrap(),
            [(7, 0, -1), (7, 2, 0), (8, 0, 1)]
        );
        let pv = "participant,group-id,n-comments,n-votes,n-agree,n-disagree,0,1,2\n7,1,0,2,0,1,-1,,0\n8,,0,1,1,0,1,,\n";
        let (participants, votes) = parse_participants_votes(pv).unwrap();
        assert_eq!(
            participants,
            [
                PolisParticipant {
                    id: 7,
                    group: Some(1)
                },
                PolisParticipant { id: 8, group: None }
            ]
        );
        assert_eq!(votes, [(7, 0, -1), (7, 2, 0), (8, 0, 1)]);
        let export = PolisExport::read(
            COMMENTS_CSV,
            None,
            Some(pv),
            Some("topic,Mobilité\nurl,https://pol.is/x\n"),
        )
        .unwrap();
        assert_eq!(export.accepted(), [0, 2]);
        assert_eq!(export.topic.as_deref(), Some("Mobilité"));
    }

    #[test]
    fn bad_files_are_refused_with_file_and_line() {
        let err = parse_comments("comment-id,author-id,moderated\n1,2,1\n").unwrap_err();
        assert_eq!(
            err.to_string(),
            "comments.csv:1: missing column \"comment-body\""
        );
        let err =
            parse_votes("timestamp,datetime,comment-id,voter-id,vote\n1,x,0,7,1\n2,x,zero,7,1\n")
                .unwrap_err();
        assert_eq!(
            err.to_string(),
            "votes.csv:3: column \"comment-id\": \"zero\" is not a whole number"
        );
        let err = parse_votes("comment-id,voter-id,vote\n0,7,2\n").unwrap_err();
        assert_eq!(
            err.to_string(),
            "votes.csv:2: column \"vote\": vote \"2\" is not 1, -1 or 0"
        );
        let err = parse_comments(&format!("{COMMENTS_CSV}1003,x,0,5,0,0,1,again\n")).unwrap_err();
        assert_eq!(
            err.to_string(),
            "comments.csv:5: comment 0 already on line 2"
        );
        let err = parse_participants_votes("participant,xid,0\n4,ab,1\n").unwrap_err();
        assert_eq!(
            err.to_string(),
            "participants-votes.csv:1: missing column \"group-id\""
        );
        let err = parse_participants_votes("participant,group-id,xid,0\n4,,ab,1\nfour,,,1\n")
            .unwrap_err();
        assert_eq!(
            err.to_string(),
            "participants-votes.csv:3: column \"participant\": \"four\" is not a whole number"
        );
        let err = PolisExport::read(
            COMMENTS_CSV,
            Some("comment-id,voter-id,vote\n9,1,1\n"),
            None,
            None,
        )
        .unwrap_err();
        assert!(err.to_string().contains("comment 9"), "{err}");
        assert!(PolisExport::read(COMMENTS_CSV, None, None, None).is_err());
    }

    #[test]
    fn written_files_read_back() {
        let statements = vec![
            ExportStatement {
                id: 0,
                author: Some(7),
                moderated: 1,
                text: "Des bancs, \"partout\"".into(),
                timestamp: 1_700_000_000_000,
            },
            ExportStatement {
                id: 1,
                author: None,
                moderated: -1,
                text: "hors sujet".into(),
                timestamp: 1_700_000_000_500,
            },
        ];
        let votes = vec![(7, 0, 1), (8, 0, -1), (8, 1, 0)];
        let comments = parse_comments(&write_comments(&statements, &votes)).unwrap();
        assert_eq!(comments[0].text, "Des bancs, \"partout\"");
        assert_eq!(comments[1].moderated, -1);
        let timed: Vec<(i64, i32, i16, i64)> =
            votes.iter().map(|&(p, c, v)| (p, c, v, 1)).collect();
        assert_eq!(parse_votes(&write_votes(&timed)).unwrap(), votes);
        let groups = HashMap::from([(7, Some(0)), (8, None)]);
        let (participants, back) = parse_participants_votes(&write_participants_votes(
            &[0, 1],
            &votes,
            &groups,
            &HashMap::new(),
        ))
        .unwrap();
        assert_eq!(back, votes);
        assert_eq!(participants[0].group, Some(0));
        assert_eq!(
            parse_summary(&write_summary("Q", "u", 2, 2, 1)),
            (Some("Q".into()), Some("u".into()))
        );
    }
}
