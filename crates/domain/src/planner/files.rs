//! The people file of `essaim sessions plan-rotation --people FILE.csv`: a header, then one row
//! per person. `id` (optional: the row's 0-based number otherwise), `structure` (optional),
//! `host_table` (optional, 1-based, empty for none); every other column is a categorical
//! attribute balanced across tables. Errors give the line (the header is line 1).

use super::Person;
use std::collections::HashSet;
use std::fmt;

/// A refusal of the file, with where and what.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FileError {
    /// 1-based, the header being line 1; 0 for the file as a whole.
    pub line: usize,
    pub message: String,
}

impl fmt::Display for FileError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.line > 0 {
            write!(f, "{}: {}", self.line, self.message)
        } else {
            write!(f, "{}", self.message)
        }
    }
}

impl std::error::Error for FileError {}

fn error(line: usize, message: impl Into<String>) -> FileError {
    FileError {
        line,
        message: message.into(),
    }
}

/// Reads the people of a CSV file.
pub fn read_people(text: &str) -> Result<Vec<Person>, FileError> {
    let mut reader = csv::ReaderBuilder::new()
        .trim(csv::Trim::All)
        .flexible(false)
        .from_reader(text.as_bytes());
    let header: Vec<String> = reader
        .headers()
        .map_err(|e| error(1, format!("not a readable CSV header: {e}")))?
        .iter()
        .map(|h| h.trim_start_matches('\u{feff}').to_lowercase())
        .collect();
    let column = |name: &str| header.iter().position(|h| h == name);
    let (id, structure, host) = (column("id"), column("structure"), column("host_table"));
    for (i, h) in header.iter().enumerate() {
        if h.is_empty() {
            return Err(error(1, format!("column {} has no name", i + 1)));
        }
        if header[..i].contains(h) {
            return Err(error(1, format!("the column {h} appears twice")));
        }
    }

    let mut people = Vec::new();
    let mut ids = HashSet::new();
    for (row, record) in reader.records().enumerate() {
        let line = row + 2;
        let record = record.map_err(|e| error(line, format!("not a readable CSV row: {e}")))?;
        let field = |c: Option<usize>| c.and_then(|c| record.get(c)).unwrap_or("");
        let person_id = match id {
            Some(_) if field(id).is_empty() => return Err(error(line, "the id is empty")),
            Some(_) => field(id).to_string(),
            None => row.to_string(),
        };
        if !ids.insert(person_id.clone()) {
            return Err(error(line, format!("the id {person_id} appears twice")));
        }
        let host_table = match field(host) {
            "" => None,
            t => match t.parse::<usize>() {
                Ok(t) if t >= 1 => Some(t - 1),
                _ => {
                    return Err(error(
                        line,
                        format!("host_table must be a table number from 1 (got {t:?})"),
                    ))
                }
            },
        };
        let attributes = header
            .iter()
            .enumerate()
            .filter(|&(c, _)| Some(c) != id && Some(c) != structure && Some(c) != host)
            .map(|(c, name)| (name.clone(), record.get(c).unwrap_or("").to_string()))
            .collect();
        people.push(Person {
            id: person_id,
            structure: Some(field(structure).to_string()).filter(|s| !s.is_empty()),
            host_table,
            attributes,
        });
    }
    if people.is_empty() {
        return Err(error(0, "no people in the file"));
    }
    Ok(people)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn columns_become_ids_structures_hosts_and_attributes() {
        let people =
            read_people("id,structure,host_table,secteur\nana,Mairie,2,public\nbob,,,associatif\n")
                .unwrap();
        assert_eq!(people[0].id, "ana");
        assert_eq!(people[0].structure.as_deref(), Some("Mairie"));
        assert_eq!(people[0].host_table, Some(1));
        assert_eq!(
            people[1].attributes,
            vec![("secteur".to_string(), "associatif".to_string())]
        );
        assert_eq!(people[1].structure, None);
        assert_eq!(people[1].host_table, None);
    }

    #[test]
    fn without_an_id_column_people_are_numbered_from_zero() {
        let people = read_people("secteur\npublic\nprivé\n").unwrap();
        assert_eq!(people[0].id, "0");
        assert_eq!(people[1].id, "1");
    }

    #[test]
    fn bad_rows_are_refused_with_their_line() {
        let e = read_people("id,host_table\na,1\nb,zéro\n").unwrap_err();
        assert_eq!(e.line, 3);
        assert!(e.to_string().starts_with("3: host_table"), "{e}");
        assert_eq!(read_people("id\na\na\n").unwrap_err().line, 3);
        assert_eq!(read_people("id\na\n\"\"\n").unwrap_err().line, 3);
        assert_eq!(read_people("id,x\na,1\nb\n").unwrap_err().line, 3);
        assert_eq!(read_people("id,host_table\na,0\n").unwrap_err().line, 2);
        assert_eq!(read_people("id\n").unwrap_err().line, 0);
    }
}
