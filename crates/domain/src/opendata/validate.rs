//! A validator of a CSV file against its Table Schema (frictionlessdata): the header names the
//! fields in order, and each cell honours its field's type (`string`, `number`, `integer`,
//! `date`, `datetime`, `boolean`) and constraints (`required`, `pattern`, `enum`, `minimum`,
//! `maximum`). Patterns use a small, anchored subset of regular expressions, enough for the
//! identifiers of French open data: literals, `\d`, classes like `[0-9A-Z]`, and the
//! quantifiers `{n}`, `{n,m}`, `?`, `*`, `+`; alternatives at the top level with `|`.

use serde_json::Value;

/// Every problem found, as "line N, field: what" (line 1 is the header); empty when valid.
pub fn validate_csv(schema: &Value, csv_text: &str) -> Vec<String> {
    let mut problems = vec![];
    let fields = schema["fields"].as_array().cloned().unwrap_or_default();
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(true)
        .from_reader(csv_text.as_bytes());
    let header: Vec<String> = match reader.headers() {
        Ok(h) => h.iter().map(str::to_owned).collect(),
        Err(e) => return vec![format!("header: {e}")],
    };
    let names: Vec<String> = fields
        .iter()
        .map(|f| f["name"].as_str().unwrap_or("").to_owned())
        .collect();
    if header != names {
        problems.push(format!("header: expected {names:?}, found {header:?}"));
        return problems;
    }
    for (n, record) in reader.records().enumerate() {
        let line = n + 2;
        let record = match record {
            Ok(r) => r,
            Err(e) => {
                problems.push(format!("line {line}: {e}"));
                continue;
            }
        };
        for (field, cell) in fields.iter().zip(record.iter()) {
            if let Err(why) = check_cell(field, cell) {
                problems.push(format!(
                    "line {line}, {}: {why}",
                    field["name"].as_str().unwrap_or("")
                ));
            }
        }
    }
    problems
}

/// Checks one cell against its field.
pub fn check_cell(field: &Value, cell: &str) -> Result<(), String> {
    let c = &field["constraints"];
    if cell.is_empty() {
        return if c["required"].as_bool() == Some(true) {
            Err("required".into())
        } else {
            Ok(())
        };
    }
    let kind = field["type"].as_str().unwrap_or("string");
    let number = match kind {
        "number" => {
            // Table Schema numbers: '.' decimal, no grouping (French tools often get this wrong).
            let ok = !cell.contains(',')
                && !cell.starts_with('+')
                && cell.parse::<f64>().is_ok_and(f64::is_finite);
            if !ok {
                return Err(format!("not a number: {cell:?}"));
            }
            cell.parse::<f64>().ok()
        }
        "integer" => Some(
            cell.parse::<i64>()
                .map_err(|_| format!("not an integer: {cell:?}"))? as f64,
        ),
        "date" => {
            chrono::NaiveDate::parse_from_str(cell, "%Y-%m-%d")
                .ok()
                .filter(|_| cell.len() == 10)
                .ok_or_else(|| format!("not a date (YYYY-MM-DD): {cell:?}"))?;
            None
        }
        "datetime" => {
            chrono::DateTime::parse_from_rfc3339(cell)
                .map_err(|_| format!("not a datetime: {cell:?}"))?;
            None
        }
        "boolean" => {
            if !matches!(cell, "true" | "false") {
                return Err(format!("not a boolean: {cell:?}"));
            }
            None
        }
        _ => None,
    };
    if let Some(x) = number {
        if let Some(min) = c["minimum"].as_f64() {
            if x < min {
                return Err(format!("below {min}"));
            }
        }
        if let Some(max) = c["maximum"].as_f64() {
            if x > max {
                return Err(format!("above {max}"));
            }
        }
    }
    if let Some(values) = c["enum"].as_array() {
        if !values.iter().any(|v| v.as_str() == Some(cell)) {
            return Err(format!("not one of the allowed values: {cell:?}"));
        }
    }
    if let Some(p) = c["pattern"].as_str() {
        if !matches_pattern(p, cell) {
            return Err(format!("does not match {p}: {cell:?}"));
        }
    }
    Ok(())
}

#[derive(Debug, Clone)]
enum Atom {
    Any,
    Literal(char),
    Class(Vec<(char, char)>),
}

impl Atom {
    fn accepts(&self, ch: char) -> bool {
        match self {
            Atom::Any => true,
            Atom::Literal(c) => *c == ch,
            Atom::Class(ranges) => ranges.iter().any(|(a, b)| (*a..=*b).contains(&ch)),
        }
    }
}

/// Parses one alternative into (atom, min, max) items; None when the pattern is outside the
/// supported subset (it then matches nothing: a schema must not pass by accident).
fn parse(p: &str) -> Option<Vec<(Atom, usize, usize)>> {
    let chars: Vec<char> = p.chars().collect();
    let mut i = 0;
    let mut items: Vec<(Atom, usize, usize)> = vec![];
    while i < chars.len() {
        let atom = match chars[i] {
            '\\' => {
                i += 1;
                match chars.get(i)? {
                    'd' => Atom::Class(vec![('0', '9')]),
                    c => Atom::Literal(*c),
                }
            }
            '[' => {
                let mut ranges = vec![];
                i += 1;
                while *chars.get(i)? != ']' {
                    let a = chars[i];
                    if chars.get(i + 1) == Some(&'-') && chars.get(i + 2).is_some_and(|c| *c != ']')
                    {
                        ranges.push((a, chars[i + 2]));
                        i += 3;
                    } else {
                        ranges.push((a, a));
                        i += 1;
                    }
                }
                Atom::Class(ranges)
            }
            '.' => Atom::Any,
            '(' | ')' | '|' | '^' | '$' => return None,
            c => Atom::Literal(c),
        };
        i += 1;
        let (min, max) = match chars.get(i) {
            Some('?') => {
                i += 1;
                (0, 1)
            }
            Some('*') => {
                i += 1;
                (0, usize::MAX)
            }
            Some('+') => {
                i += 1;
                (1, usize::MAX)
            }
            Some('{') => {
                let close = chars[i..].iter().position(|c| *c == '}')? + i;
                let inner: String = chars[i + 1..close].iter().collect();
                i = close + 1;
                match inner.split_once(',') {
                    Some((a, b)) => (a.trim().parse().ok()?, b.trim().parse().ok()?),
                    None => {
                        let n = inner.trim().parse().ok()?;
                        (n, n)
                    }
                }
            }
            _ => (1, 1),
        };
        items.push((atom, min, max));
    }
    Some(items)
}

fn match_items(items: &[(Atom, usize, usize)], s: &[char]) -> bool {
    let Some(((atom, min, max), rest)) = items.split_first() else {
        return s.is_empty();
    };
    // Greedy with backtracking: the patterns are tiny.
    let mut n = 0;
    while n < s.len() && n < *max && atom.accepts(s[n]) {
        n += 1;
    }
    loop {
        if n >= *min && match_items(rest, &s[n..]) {
            return true;
        }
        if n == 0 || n <= *min {
            return false;
        }
        n -= 1;
    }
}

/// Whether the whole value matches the pattern (Table Schema patterns are anchored; `^` and
/// `$` at the ends of each alternative are accepted and ignored).
pub fn matches_pattern(pattern: &str, value: &str) -> bool {
    let chars: Vec<char> = value.chars().collect();
    pattern.split('|').any(|alt| {
        let alt = alt.strip_prefix('^').unwrap_or(alt);
        let alt = alt.strip_suffix('$').unwrap_or(alt);
        parse(alt).is_some_and(|items| match_items(&items, &chars))
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn patterns_of_identifiers() {
        assert!(matches_pattern(r"^\d{14}$", "12345678901234"));
        assert!(!matches_pattern(r"^\d{14}$", "1234567890123"));
        assert!(!matches_pattern(r"^\d{14}$", "1234567890123A"));
        assert!(matches_pattern("^W[0-9A-Z]{9}$", "W2B1234567"));
        // Groups are outside the subset: such a pattern matches nothing rather than anything.
        assert!(!matches_pattern(r"^(\d{4})$", "2026"));
        assert!(matches_pattern(
            r"^\d{4}-\d{2}-\d{2}$|^\d{4}-\d{2}-\d{2}/\d{4}-\d{2}-\d{2}$",
            "2026-01-02/2026-03-04"
        ));
        assert!(matches_pattern("a+b*c?", "aaab"));
    }

    #[test]
    fn cells_follow_types_and_constraints() {
        let f = json!({"name": "montant", "type": "number", "constraints": {"required": true, "minimum": 0}});
        assert!(check_cell(&f, "12500.50").is_ok());
        assert!(check_cell(&f, "12500,50").is_err());
        assert!(check_cell(&f, "-1").is_err());
        assert!(check_cell(&f, "").is_err());
        let d = json!({"name": "d", "type": "date"});
        assert!(check_cell(&d, "2026-06-30").is_ok());
        assert!(check_cell(&d, "30/06/2026").is_err());
        assert!(check_cell(&d, "").is_ok());
        let e = json!({"name": "e", "type": "string", "constraints": {"enum": ["oui", "non"]}});
        assert!(check_cell(&e, "peut-être").is_err());
    }

    #[test]
    fn a_file_is_checked_line_by_line() {
        let schema = json!({"fields": [
            {"name": "siret", "type": "string", "constraints": {"required": true, "pattern": "^\\d{14}$"}},
            {"name": "montant", "type": "number"}
        ]});
        assert!(validate_csv(&schema, "siret,montant\n12345678901234,10.00\n").is_empty());
        let problems = validate_csv(&schema, "siret,montant\n1234,10.00\n");
        assert_eq!(problems.len(), 1);
        assert!(problems[0].starts_with("line 2, siret"));
        assert!(!validate_csv(&schema, "montant,siret\n").is_empty());
    }
}
