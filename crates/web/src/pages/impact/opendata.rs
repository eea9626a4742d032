//! The open data of impact measurements: every measurement of a published initiative (never a
//! draft's or an archived one's), superseded ones included and marked, as CSV and JSON, with
//! its Table Schema. No person is named: only whether and when a measurement was verified.

use crate::error::AppError;
use crate::state::AppState;
use axum::extract::State;
use axum::http::header;
use axum::response::{IntoResponse, Response};
use axum::Json;
use essaim_store::impact::OpenMeasurement;
use essaim_store::Page;
use std::collections::HashMap;
use uuid::Uuid;

/// The columns, in order, with their Table Schema types and descriptions.
pub const COLUMNS: [(&str, &str, &str); 18] = [
    ("id", "string", "Identifiant de la mesure (UUID)"),
    (
        "initiative_id",
        "string",
        "Identifiant de l’initiative (UUID)",
    ),
    ("initiative", "string", "Titre de l’initiative"),
    (
        "indicateur",
        "string",
        "Code de l’indicateur (page /indicateurs/{code})",
    ),
    ("unite", "string", "Unité de l’indicateur"),
    ("valeur", "number", "Valeur mesurée"),
    ("debut", "date", "Début de la période mesurée"),
    (
        "fin",
        "date",
        "Fin de la période mesurée (égale au début pour une mesure ponctuelle)",
    ),
    ("source", "string", "Source des données"),
    ("methode", "string", "Méthode de mesure"),
    (
        "niveau_preuve",
        "integer",
        "Niveau de preuve, de 1 (changement décrit) à 5 (répliqué de façon indépendante)",
    ),
    (
        "verifiee_le",
        "datetime",
        "Date de vérification par un évaluateur labellisé (UTC)",
    ),
    (
        "remplacee_par",
        "string",
        "Mesure qui remplace celle-ci (UUID), si elle a été remplacée",
    ),
    (
        "reference_valeur",
        "number",
        "Valeur de référence du plan d’impact",
    ),
    ("reference_date", "date", "Date de la valeur de référence"),
    ("cible_valeur", "number", "Valeur cible"),
    ("cible_date", "date", "Date de la cible"),
    ("url", "string", "Page du plan d’impact de l’initiative"),
];

const BATCH: i64 = 5000;

/// Every open measurement with its initiative's title, in batches (never one huge query).
async fn rows(state: &AppState) -> Result<Vec<(OpenMeasurement, String)>, AppError> {
    let mut out = Vec::new();
    let mut titles: HashMap<Uuid, String> = HashMap::new();
    let mut offset = 0;
    loop {
        let batch = state
            .store
            .open_measurements(Page {
                limit: BATCH,
                offset,
            })
            .await?;
        let missing: Vec<Uuid> = batch
            .iter()
            .map(|m| m.initiative_id)
            .filter(|id| !titles.contains_key(id))
            .collect();
        if !missing.is_empty() {
            for i in state.store.initiatives_by_ids(&missing).await? {
                titles.insert(i.id, i.content.title.clone());
            }
        }
        let n = batch.len() as i64;
        for m in batch {
            let title = titles.get(&m.initiative_id).cloned().unwrap_or_default();
            out.push((m, title));
        }
        if n < BATCH {
            return Ok(out);
        }
        offset += n;
    }
}

fn cells(base_url: &str, m: &OpenMeasurement, title: &str) -> [String; 18] {
    [
        m.id.to_string(),
        m.initiative_id.to_string(),
        title.to_owned(),
        m.indicator_code.clone(),
        m.unit.clone(),
        m.value.to_string(),
        m.period_start.clone(),
        m.period_end.clone(),
        m.source.clone(),
        m.method.clone(),
        m.evidence_level.to_string(),
        m.verified_at.map(|t| t.to_rfc3339()).unwrap_or_default(),
        m.superseded_by.map(|s| s.to_string()).unwrap_or_default(),
        m.baseline_value.to_string(),
        m.baseline_on.clone(),
        m.target_value.to_string(),
        m.target_on.clone(),
        format!("{base_url}/initiatives/{}/impact", m.initiative_id),
    ]
}

fn csv_field(s: &str) -> String {
    // Formula injection: a cell a spreadsheet would evaluate starts with a quote. Numbers are
    // ours (never user text), so a negative value keeps its sign.
    let s = if s.parse::<f64>().is_ok() {
        s.to_owned()
    } else {
        essaim_domain::opendata::defuse_cell(s).into_owned()
    };
    if s.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", s.replace('"', "\"\""))
    } else {
        s
    }
}

pub async fn csv(State(state): State<AppState>) -> Result<Response, AppError> {
    let mut out = COLUMNS.iter().map(|c| c.0).collect::<Vec<_>>().join(",");
    out.push('\n');
    for (m, title) in rows(&state).await? {
        let row: Vec<String> = cells(&state.config.base_url, &m, &title)
            .iter()
            .map(|c| csv_field(c))
            .collect();
        out.push_str(&row.join(","));
        out.push('\n');
    }
    Ok((
        [
            (header::CONTENT_TYPE, "text/csv; charset=utf-8"),
            (
                header::CONTENT_DISPOSITION,
                "attachment; filename=\"impact-mesures.csv\"",
            ),
        ],
        out,
    )
        .into_response())
}

pub async fn json(State(state): State<AppState>) -> Result<Json<serde_json::Value>, AppError> {
    let items: Vec<serde_json::Value> = rows(&state)
        .await?
        .iter()
        .map(|(m, title)| {
            serde_json::json!({
                "id": m.id,
                "initiative_id": m.initiative_id,
                "initiative": title,
                "indicateur": m.indicator_code,
                "unite": m.unit,
                "valeur": m.value,
                "debut": m.period_start,
                "fin": m.period_end,
                "source": m.source,
                "methode": m.method,
                "niveau_preuve": m.evidence_level,
                "verifiee_le": m.verified_at,
                "remplacee_par": m.superseded_by,
                "reference_valeur": m.baseline_value,
                "reference_date": m.baseline_on,
                "cible_valeur": m.target_value,
                "cible_date": m.target_on,
                "url": format!("{}/initiatives/{}/impact", state.config.base_url, m.initiative_id),
            })
        })
        .collect();
    Ok(Json(serde_json::json!({ "items": items })))
}

/// The Table Schema of the CSV (frictionless data).
pub fn table_schema(base_url: &str) -> serde_json::Value {
    let fields: Vec<serde_json::Value> = COLUMNS
        .iter()
        .map(|(name, kind, description)| {
            let mut f =
                serde_json::json!({ "name": name, "type": kind, "description": description });
            if matches!(
                *name,
                "id" | "initiative_id" | "indicateur" | "valeur" | "fin" | "niveau_preuve"
            ) {
                f["constraints"] = serde_json::json!({ "required": true });
            }
            if *name == "niveau_preuve" {
                f["constraints"]["minimum"] = serde_json::json!(1);
                f["constraints"]["maximum"] = serde_json::json!(5);
            }
            if *name == "unite" {
                f["constraints"] = serde_json::json!({ "enum": essaim_domain::impact::UNITS
                    .iter().map(|u| u.as_str()).collect::<Vec<_>>() });
            }
            f
        })
        .collect();
    serde_json::json!({
        "$schema": "https://specs.frictionlessdata.io/schemas/table-schema.json",
        "name": "impact-mesures",
        "title": "Mesures d’impact des initiatives publiées",
        "path": format!("{base_url}/data/impact-mesures.csv"),
        "fields": fields,
        "primaryKey": "id",
    })
}

pub async fn schema(State(state): State<AppState>) -> Json<serde_json::Value> {
    Json(table_schema(&state.config.base_url))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn csv_cells_are_quoted_and_formulas_defused_but_numbers_kept() {
        assert_eq!(csv_field("a,b"), "\"a,b\"");
        assert_eq!(csv_field("=SUM(A1)"), "'=SUM(A1)");
        assert_eq!(csv_field("-3.5"), "-3.5");
        assert_eq!(csv_field("\t=1+1"), "'\t=1+1");
        assert_eq!(csv_field("\r-x"), "\"'\r-x\"");
    }

    fn measurement() -> OpenMeasurement {
        OpenMeasurement {
            id: Uuid::now_v7(),
            initiative_id: Uuid::now_v7(),
            indicator_code: "repas-servis".into(),
            unit: "count".into(),
            value: 1250.5,
            period_start: "2026-01-01".into(),
            period_end: "2026-06-30".into(),
            source: "Registre, \"cantine\"".into(),
            method: "=Comptage".into(),
            evidence_level: 3,
            verified_at: Some(chrono::Utc::now()),
            superseded_by: None,
            baseline_value: 0.0,
            baseline_on: "2025-01-01".into(),
            target_value: 2000.0,
            target_on: "2027-01-01".into(),
        }
    }

    /// The file as `csv` writes it, for these measurements.
    fn file(rows: &[OpenMeasurement]) -> String {
        let mut out = COLUMNS.iter().map(|c| c.0).collect::<Vec<_>>().join(",");
        out.push('\n');
        for m in rows {
            let row: Vec<String> = cells("https://essaim.test", m, "Cantine, solidaire")
                .iter()
                .map(|c| csv_field(c))
                .collect();
            out.push_str(&row.join(","));
            out.push('\n');
        }
        out
    }

    #[test]
    fn rows_follow_the_schema_and_bad_rows_are_rejected() {
        use essaim_domain::opendata::validate::validate_csv;
        let schema = table_schema("https://essaim.test");
        let good = measurement();
        let unverified = OpenMeasurement {
            verified_at: None,
            superseded_by: Some(Uuid::now_v7()),
            ..measurement()
        };
        assert_eq!(
            validate_csv(&schema, &file(&[good.clone(), unverified])),
            Vec::<String>::new()
        );
        let bad = [
            (
                "niveau_preuve",
                OpenMeasurement {
                    evidence_level: 6,
                    ..good.clone()
                },
            ),
            (
                "unite",
                OpenMeasurement {
                    unit: "litres".into(),
                    ..good.clone()
                },
            ),
            (
                "valeur",
                OpenMeasurement {
                    value: f64::NAN,
                    ..good.clone()
                },
            ),
            (
                "fin",
                OpenMeasurement {
                    period_end: "30/06/2026".into(),
                    ..good.clone()
                },
            ),
            (
                "fin",
                OpenMeasurement {
                    period_end: String::new(),
                    ..good.clone()
                },
            ),
            (
                "indicateur",
                OpenMeasurement {
                    indicator_code: String::new(),
                    ..good.clone()
                },
            ),
        ];
        for (field, row) in bad {
            let problems = validate_csv(&schema, &file(&[good.clone(), row]));
            assert_eq!(problems.len(), 1, "{field}: {problems:?}");
            assert!(
                problems[0].starts_with(&format!("line 3, {field}:")),
                "{problems:?}"
            );
        }
        // A file whose columns moved is refused at its header.
        let moved = file(&[good]).replacen("id,initiative_id", "initiative_id,id", 1);
        assert!(validate_csv(&schema, &moved)[0].starts_with("header"));
    }
}
