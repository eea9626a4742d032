//! The two files of a selection, as `essaim sortition analyze DIR` reads them and as the
//! organiser's import takes them: `categories.csv` (`category,feature,min,max`, one row per
//! feature and its quota) and `respondents.csv` (one row per person, one column per category,
//! an optional `id` and, for one person per household, an optional `household` column; other
//! columns are ignored). Errors name the file and line.

use super::{Category, Feature, Respondent};
use std::collections::{HashMap, HashSet};
use std::fmt;

/// A refusal of a file, with where and what.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FileError {
    pub file: &'static str,
    /// 1-based, the header being line 1; 0 for the file as a whole.
    pub line: usize,
    /// Stable snake_case key of the message.
    pub code: &'static str,
    /// The offending value(s).
    pub detail: String,
}

impl fmt::Display for FileError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let what = match self.code {
            "sortition_csv_malformed" => "not a readable CSV file",
            "sortition_csv_missing_columns" => "missing columns",
            "sortition_csv_empty" => "no rows",
            "sortition_csv_empty_name" => "a category or feature name is empty",
            "sortition_csv_number" => "min and max must be whole numbers",
            "sortition_csv_min_above_max" => "min is above max",
            "sortition_csv_duplicate_feature" => "this feature is listed twice",
            "sortition_csv_unknown_feature" => "not a feature of this category",
            "sortition_csv_duplicate_id" => "this id is listed twice",
            other => other,
        };
        if self.line > 0 {
            write!(f, "{}:{}: {what}", self.file, self.line)?;
        } else {
            write!(f, "{}: {what}", self.file)?;
        }
        if !self.detail.is_empty() {
            write!(f, ": {}", self.detail)?;
        }
        Ok(())
    }
}

impl std::error::Error for FileError {}

const CATEGORIES: &str = "categories.csv";
const RESPONDENTS: &str = "respondents.csv";

fn error(
    file: &'static str,
    line: usize,
    code: &'static str,
    detail: impl Into<String>,
) -> FileError {
    FileError {
        file,
        line,
        code,
        detail: detail.into(),
    }
}

fn reader(text: &str) -> csv::Reader<&[u8]> {
    csv::ReaderBuilder::new()
        .flexible(true)
        .trim(csv::Trim::All)
        .from_reader(text.as_bytes())
}

/// Lower case, single spaces: how column names and features are matched.
fn key(s: &str) -> String {
    s.split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .to_lowercase()
}

fn column(headers: &[String], names: &[&str]) -> Option<usize> {
    headers.iter().position(|h| names.contains(&h.as_str()))
}

/// Reads `categories.csv`. `feature` may also be called `name` (the column of the
/// sortition-algorithms package); French headers `catégorie`/`caractéristique` are accepted.
pub fn read_categories(text: &str) -> Result<Vec<Category>, FileError> {
    read_categories_from(text, CATEGORIES)
}

/// The quotas as typed in a form: the rows of `categories.csv`, with or without its header.
pub fn parse_quota_lines(text: &str) -> Result<Vec<Category>, FileError> {
    let first = text.lines().find(|l| !l.trim().is_empty()).unwrap_or("");
    if key(first).contains("min") {
        read_categories_from(text, "quotas")
    } else {
        read_categories_from(&format!("category,feature,min,max\n{text}"), "quotas").map_err(
            |mut e| {
                // Lines as the person typed them.
                e.line = e.line.saturating_sub(1);
                e
            },
        )
    }
}

fn read_categories_from(text: &str, file: &'static str) -> Result<Vec<Category>, FileError> {
    let mut rdr = reader(text);
    let headers: Vec<String> = rdr
        .headers()
        .map_err(|e| error(file, 1, "sortition_csv_malformed", e.to_string()))?
        .iter()
        .map(key)
        .collect();
    let category = column(&headers, &["category", "catégorie", "categorie"]);
    let feature = column(
        &headers,
        &["feature", "name", "caractéristique", "caracteristique"],
    );
    let min = column(&headers, &["min"]);
    let max = column(&headers, &["max"]);
    let (Some(category), Some(feature), Some(min), Some(max)) = (category, feature, min, max)
    else {
        let missing: Vec<&str> = [
            ("category", category),
            ("feature", feature),
            ("min", min),
            ("max", max),
        ]
        .iter()
        .filter(|(_, c)| c.is_none())
        .map(|(n, _)| *n)
        .collect();
        return Err(error(
            file,
            1,
            "sortition_csv_missing_columns",
            missing.join(", "),
        ));
    };
    let mut categories: Vec<Category> = Vec::new();
    let mut seen = HashSet::new();
    for (i, record) in rdr.records().enumerate() {
        let line = i + 2;
        let record =
            record.map_err(|e| error(file, line, "sortition_csv_malformed", e.to_string()))?;
        if record.iter().all(str::is_empty) {
            continue;
        }
        let cell = |c: usize| record.get(c).unwrap_or("").to_string();
        let (cat, feat) = (cell(category), cell(feature));
        if cat.is_empty() || feat.is_empty() {
            return Err(error(file, line, "sortition_csv_empty_name", ""));
        }
        let number = |c: usize| {
            let v = cell(c);
            v.parse::<u32>()
                .map_err(|_| error(file, line, "sortition_csv_number", v))
        };
        let (lo, hi) = (number(min)?, number(max)?);
        if lo > hi {
            return Err(error(
                file,
                line,
                "sortition_csv_min_above_max",
                format!("{lo} > {hi}"),
            ));
        }
        if !seen.insert((key(&cat), key(&feat))) {
            return Err(error(
                file,
                line,
                "sortition_csv_duplicate_feature",
                format!("{cat}: {feat}"),
            ));
        }
        let f = Feature {
            name: feat,
            min: lo,
            max: hi,
        };
        match categories.iter_mut().find(|c| key(&c.name) == key(&cat)) {
            Some(c) => c.features.push(f),
            None => categories.push(Category {
                name: cat,
                features: vec![f],
            }),
        }
    }
    if categories.is_empty() {
        return Err(error(file, 0, "sortition_csv_empty", ""));
    }
    Ok(categories)
}

/// Reads `respondents.csv` against the categories. Ids default to the row number (1 for the
/// first person).
pub fn read_respondents(text: &str, categories: &[Category]) -> Result<Vec<Respondent>, FileError> {
    let file = RESPONDENTS;
    let mut rdr = reader(text);
    let headers: Vec<String> = rdr
        .headers()
        .map_err(|e| error(file, 1, "sortition_csv_malformed", e.to_string()))?
        .iter()
        .map(key)
        .collect();
    let mut columns = Vec::with_capacity(categories.len());
    let mut missing = Vec::new();
    for c in categories {
        match headers.iter().position(|h| *h == key(&c.name)) {
            Some(i) => columns.push(i),
            None => missing.push(c.name.as_str()),
        }
    }
    if !missing.is_empty() {
        return Err(error(
            file,
            1,
            "sortition_csv_missing_columns",
            missing.join(", "),
        ));
    }
    let id = column(
        &headers,
        &[
            "id",
            "identifiant",
            "nationbuilder_id",
            "primary_address1_id",
        ],
    );
    let household = column(&headers, &["household", "foyer", "address", "adresse"]);
    let lookup: Vec<HashMap<String, usize>> = categories
        .iter()
        .map(|c| {
            c.features
                .iter()
                .enumerate()
                .map(|(i, f)| (key(&f.name), i))
                .collect()
        })
        .collect();
    let mut ids = HashSet::new();
    let mut respondents = Vec::new();
    for (i, record) in rdr.records().enumerate() {
        let line = i + 2;
        let record =
            record.map_err(|e| error(file, line, "sortition_csv_malformed", e.to_string()))?;
        if record.iter().all(str::is_empty) {
            continue;
        }
        let mut features = Vec::with_capacity(categories.len());
        for (c, &col) in columns.iter().enumerate() {
            let value = record.get(col).unwrap_or("");
            let Some(&f) = lookup[c].get(&key(value)) else {
                let expected: Vec<&str> = categories[c]
                    .features
                    .iter()
                    .map(|f| f.name.as_str())
                    .collect();
                return Err(error(
                    file,
                    line,
                    "sortition_csv_unknown_feature",
                    format!(
                        "{}: « {value} » ({})",
                        categories[c].name,
                        expected.join(", ")
                    ),
                ));
            };
            features.push(f);
        }
        let id = match id.and_then(|c| record.get(c)).filter(|s| !s.is_empty()) {
            Some(id) => id.to_string(),
            None => (respondents.len() + 1).to_string(),
        };
        if !ids.insert(id.clone()) {
            return Err(error(file, line, "sortition_csv_duplicate_id", id));
        }
        let household = household
            .and_then(|c| record.get(c))
            .map(super::instance::household_key)
            .unwrap_or_default();
        respondents.push(Respondent {
            id,
            features,
            household,
        });
    }
    Ok(respondents)
}

/// `categories.csv` of these quotas.
pub fn write_categories(categories: &[Category]) -> String {
    let mut w = csv::Writer::from_writer(Vec::new());
    w.write_record(["category", "feature", "min", "max"])
        .expect("in memory");
    for c in categories {
        for f in &c.features {
            w.write_record([
                c.name.as_str(),
                f.name.as_str(),
                &f.min.to_string(),
                &f.max.to_string(),
            ])
            .expect("in memory");
        }
    }
    String::from_utf8(w.into_inner().expect("in memory")).expect("UTF-8 in, UTF-8 out")
}

/// `respondents.csv` of this pool (with a household column when any is set).
pub fn write_respondents(categories: &[Category], respondents: &[Respondent]) -> String {
    let households = respondents.iter().any(|r| !r.household.is_empty());
    let mut w = csv::Writer::from_writer(Vec::new());
    let mut header = vec!["id".to_string()];
    header.extend(categories.iter().map(|c| c.name.clone()));
    if households {
        header.push("household".into());
    }
    w.write_record(&header).expect("in memory");
    for r in respondents {
        let mut row = vec![r.id.clone()];
        row.extend(
            r.features
                .iter()
                .enumerate()
                .map(|(c, &f)| categories[c].features[f].name.clone()),
        );
        if households {
            row.push(r.household.clone());
        }
        w.write_record(&row).expect("in memory");
    }
    String::from_utf8(w.into_inner().expect("in memory")).expect("UTF-8 in, UTF-8 out")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::sortition::instance::tests::alternate;

    const CATS: &str =
        "category,feature,min,max\nGenre,Femme,1,3\nGenre,Homme,1,3\nÂge,18-34,0,2\nÂge,35+,1,4\n";

    #[test]
    fn categories_are_read_in_order() {
        let c = read_categories(CATS).unwrap();
        assert_eq!(c.len(), 2);
        assert_eq!(c[0].name, "Genre");
        assert_eq!(
            c[1].features[1],
            Feature {
                name: "35+".into(),
                min: 1,
                max: 4
            }
        );
    }

    #[test]
    fn bad_categories_name_the_line() {
        let e = read_categories("category,feature,min\nA,b,1\n").unwrap_err();
        assert_eq!(
            (e.code, e.line, e.detail.as_str()),
            ("sortition_csv_missing_columns", 1, "max")
        );
        let e = read_categories("category,feature,min,max\nA,b,1,2\nA,c,deux,3\n").unwrap_err();
        assert_eq!(
            (e.code, e.line, e.detail.as_str()),
            ("sortition_csv_number", 3, "deux")
        );
        assert_eq!(
            e.to_string(),
            "categories.csv:3: min and max must be whole numbers: deux"
        );
        let e = read_categories("category,feature,min,max\nA,b,3,2\n").unwrap_err();
        assert_eq!(e.code, "sortition_csv_min_above_max");
        let e = read_categories("category,feature,min,max\nA,b,1,2\na, B ,0,1\n").unwrap_err();
        assert_eq!((e.code, e.line), ("sortition_csv_duplicate_feature", 3));
        let e = read_categories("category,feature,min,max\n").unwrap_err();
        assert_eq!(e.code, "sortition_csv_empty");
        let e = read_categories("category,feature,min,max\n,b,1,2\n").unwrap_err();
        assert_eq!(e.code, "sortition_csv_empty_name");
    }

    #[test]
    fn quota_lines_need_no_header_and_keep_their_line_numbers() {
        let c = parse_quota_lines("Genre, Femme, 1, 3\nGenre, Homme, 1, 3\n").unwrap();
        assert_eq!(c[0].features.len(), 2);
        let e = parse_quota_lines("Genre, Femme, 1, 3\nGenre, Homme, x, 3\n").unwrap_err();
        assert_eq!(e.line, 2);
        assert!(parse_quota_lines(CATS).is_ok());
    }

    #[test]
    fn respondents_are_matched_to_features() {
        let c = read_categories(CATS).unwrap();
        let r = read_respondents(
            "nom,âge,GENRE,foyer\nAnne,18-34,femme,1 rue A\nBen,35+,Homme,\n",
            &c,
        )
        .unwrap();
        assert_eq!(r.len(), 2);
        assert_eq!(r[0].features, vec![0, 0]);
        assert_eq!(r[1].features, vec![1, 1]);
        assert_eq!(r[0].id, "1");
        assert_eq!(r[0].household, "1 rue a");
    }

    #[test]
    fn bad_respondents_name_the_line_and_value() {
        let c = read_categories(CATS).unwrap();
        let e = read_respondents("id,genre\n1,Femme\n", &c).unwrap_err();
        assert_eq!(
            (e.code, e.detail.as_str()),
            ("sortition_csv_missing_columns", "Âge")
        );
        let e = read_respondents("id,genre,âge\n1,Femme,35+\n2,Autre,35+\n", &c).unwrap_err();
        assert_eq!((e.code, e.line), ("sortition_csv_unknown_feature", 3));
        assert!(
            e.detail.contains("« Autre » (Femme, Homme)"),
            "{}",
            e.detail
        );
        let e = read_respondents("id,genre,âge\n1,Femme,35+\n1,Homme,35+\n", &c).unwrap_err();
        assert_eq!((e.code, e.line), ("sortition_csv_duplicate_id", 3));
        // A short row: the missing cell is no feature.
        let e = read_respondents("id,genre,âge\n1,Femme\n", &c).unwrap_err();
        assert_eq!((e.code, e.line), ("sortition_csv_unknown_feature", 2));
    }

    #[test]
    fn files_round_trip() {
        let inst = alternate(10, 4);
        let cats = read_categories(&write_categories(&inst.categories)).unwrap();
        assert_eq!(cats, inst.categories);
        let back = read_respondents(&write_respondents(&cats, &inst.respondents), &cats).unwrap();
        assert_eq!(back, inst.respondents);
    }
}
