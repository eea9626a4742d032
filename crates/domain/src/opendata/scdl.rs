//! The awards of funding calls in the SCDL *subventions* format (schema.data.gouv.fr
//! `scdl/subventions`, version 2.1.1): its columns in order, its Table Schema, and the CSV.
//!
//! Choices where Essaim knows less than the format asks, documented in the schema:
//! - rows need both SIRETs (`idAttribuant`, `idBeneficiaire` are required, 14 digits): an award
//!   whose funder or beneficiary has no valid SIRET is left out of the file, not written with
//!   a blank that would break the file's validation;
//! - `montant` is in euros: awards of calls in another currency are left out;
//! - `dateConvention` is the date of the decision (Paris time), `referenceDecision` the
//!   application's identifier, `conditionsVersement` "unique", `notificationUE` "non",
//!   `pourcentageSubvention` 1 (Essaim does not know the project's total cost),
//!   `dispositifAide` the call's title, `datesPeriodeVersement` and `idRAE` empty.

use serde_json::{json, Value};

pub const CSV_PATH: &str = "/data/subventions.csv";
pub const SCHEMA_PATH: &str = "/schemas/subventions.json";
pub const SIRET_PATTERN: &str = r"^\d{14}$";

/// (name, type, required, description, extra constraints).
pub const COLUMNS: &[(&str, &str, bool, &str)] = &[
    (
        "nomAttribuant",
        "string",
        true,
        "Nom de l'attribuant (la structure qui finance).",
    ),
    (
        "idAttribuant",
        "string",
        true,
        "SIRET de l'attribuant (14 chiffres).",
    ),
    (
        "dateConvention",
        "date",
        true,
        "Date de la décision d'attribution (AAAA-MM-JJ).",
    ),
    (
        "referenceDecision",
        "string",
        false,
        "Référence de la décision : l'identifiant de la candidature dans Essaim.",
    ),
    ("nomBeneficiaire", "string", true, "Nom du bénéficiaire."),
    (
        "idBeneficiaire",
        "string",
        true,
        "SIRET du bénéficiaire (14 chiffres).",
    ),
    (
        "rnaBeneficiaire",
        "string",
        false,
        "Numéro RNA du bénéficiaire s'il s'agit d'une association.",
    ),
    (
        "objet",
        "string",
        true,
        "Objet de la subvention : l'appel et l'initiative financée.",
    ),
    (
        "montant",
        "number",
        true,
        "Montant attribué en euros, point décimal.",
    ),
    (
        "nature",
        "string",
        true,
        "Nature de l'aide : aide en numéraire ou aide en nature.",
    ),
    (
        "conditionsVersement",
        "string",
        true,
        "Conditions de versement : unique ou échelonné.",
    ),
    (
        "datesPeriodeVersement",
        "string",
        false,
        "Date ou période de versement (AAAA-MM-JJ ou AAAA-MM-JJ/AAAA-MM-JJ).",
    ),
    (
        "idRAE",
        "string",
        false,
        "Identifiant au registre des aides d'État.",
    ),
    (
        "notificationUE",
        "string",
        true,
        "Aide notifiée à l'Union européenne : oui ou non.",
    ),
    (
        "pourcentageSubvention",
        "number",
        false,
        "Part de la subvention dans le coût du projet, entre 0 et 1.",
    ),
    (
        "dispositifAide",
        "string",
        false,
        "Dispositif d'aide : le titre de l'appel.",
    ),
];

/// One award, as the CSV writes it (already formatted).
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct SubventionRow {
    pub nom_attribuant: String,
    pub id_attribuant: String,
    pub date_convention: String,
    pub reference_decision: String,
    pub nom_beneficiaire: String,
    pub id_beneficiaire: String,
    pub rna_beneficiaire: String,
    pub objet: String,
    pub montant: String,
    pub dispositif_aide: String,
}

/// The Table Schema of the file, with the patterns and enums of SCDL 2.1.1.
pub fn table_schema(base_url: &str) -> Value {
    let fields: Vec<Value> = COLUMNS
        .iter()
        .map(|(name, kind, required, description)| {
            let mut constraints = json!({ "required": required });
            match *name {
                "idAttribuant" | "idBeneficiaire" => {
                    constraints["pattern"] = json!(SIRET_PATTERN);
                }
                "rnaBeneficiaire" => constraints["pattern"] = json!("^W[0-9A-Z]{9}$"),
                "montant" => constraints["minimum"] = json!(0),
                "pourcentageSubvention" => {
                    constraints["minimum"] = json!(0);
                    constraints["maximum"] = json!(1);
                }
                "nature" => constraints["enum"] = json!(["aide en numéraire", "aide en nature"]),
                "conditionsVersement" => constraints["enum"] = json!(["unique", "échelonné"]),
                "notificationUE" => constraints["enum"] = json!(["oui", "non"]),
                "datesPeriodeVersement" => {
                    constraints["pattern"] =
                        json!(r"^\d{4}-\d{2}-\d{2}$|^\d{4}-\d{2}-\d{2}/\d{4}-\d{2}-\d{2}$")
                }
                _ => {}
            }
            let mut f = json!({ "name": name, "type": kind, "description": description, "constraints": constraints });
            if *kind == "number" {
                f["decimalChar"] = json!(".");
            }
            f
        })
        .collect();
    json!({
        "$schema": "https://specs.frictionlessdata.io/schemas/table-schema.json",
        "name": "scdl-subventions",
        "title": "Subventions attribuées par les appels Essaim (SCDL subventions 2.1.1)",
        "description": "Les aides accordées et notifiées des appels publiés qui publient leurs attributions. \
            Une attribution sans SIRET valide (attribuant ou bénéficiaire) ou dans une autre monnaie que l'euro \
            n'est pas reprise.",
        "path": format!("{base_url}{CSV_PATH}"),
        "homepage": "https://schema.data.gouv.fr/scdl/subventions/2.1.1/",
        "version": "2.1.1",
        "fields": fields,
        "missingValues": [""],
    })
}

/// Whether a SIRET is usable here: 14 digits (spaces typed in it are removed first).
pub fn clean_siret(s: Option<&str>) -> Option<String> {
    let s: String = s?.chars().filter(|c| !c.is_whitespace()).collect();
    (s.len() == 14 && s.bytes().all(|b| b.is_ascii_digit())).then_some(s)
}

/// Whether an RNA number is well formed ("W" and nine characters); otherwise left blank.
pub fn clean_rna(s: Option<&str>) -> String {
    let s = s.unwrap_or("").trim().to_ascii_uppercase();
    let ok = s.len() == 10
        && s.starts_with('W')
        && s[1..]
            .bytes()
            .all(|b| b.is_ascii_digit() || b.is_ascii_uppercase());
    if ok {
        s
    } else {
        String::new()
    }
}

/// The CSV, header first, comma-separated, UTF-8, quoted as needed.
pub fn write_csv(rows: &[SubventionRow]) -> String {
    let mut w = csv::WriterBuilder::new().from_writer(vec![]);
    let header: Vec<&str> = COLUMNS.iter().map(|c| c.0).collect();
    w.write_record(&header).expect("writing to memory");
    for r in rows {
        // Text cells defused against formulas; the amount is a number, written as is.
        let text = |s: &str| super::defuse_cell(s).into_owned();
        w.write_record([
            text(&r.nom_attribuant),
            text(&r.id_attribuant),
            text(&r.date_convention),
            text(&r.reference_decision),
            text(&r.nom_beneficiaire),
            text(&r.id_beneficiaire),
            text(&r.rna_beneficiaire),
            text(&r.objet),
            r.montant.clone(),
            "aide en numéraire".into(),
            "unique".into(),
            String::new(),
            String::new(),
            "non".into(),
            "1".into(),
            text(&r.dispositif_aide),
        ])
        .expect("writing to memory");
    }
    String::from_utf8(w.into_inner().expect("flushing to memory")).expect("utf-8 in, utf-8 out")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::opendata::validate::validate_csv;

    fn row() -> SubventionRow {
        SubventionRow {
            nom_attribuant: "Fondation Terres d'Entraide".into(),
            id_attribuant: "12345678901234".into(),
            date_convention: "2026-09-15".into(),
            reference_decision: "0192f5a4-8c1e-7b3d-9a2f-4e5d6c7b8a90".into(),
            nom_beneficiaire: "Les Jardins, du Bourg".into(),
            id_beneficiaire: "98765432109876".into(),
            rna_beneficiaire: "W291234567".into(),
            objet: "Prix : \"Jardins partagés\"".into(),
            montant: "12500.00".into(),
            dispositif_aide: "Prix de l'innovation sociale".into(),
        }
    }

    #[test]
    fn the_columns_are_those_of_scdl_2_1_1_in_order() {
        let names: Vec<&str> = COLUMNS.iter().map(|c| c.0).collect();
        assert_eq!(
            names,
            [
                "nomAttribuant",
                "idAttribuant",
                "dateConvention",
                "referenceDecision",
                "nomBeneficiaire",
                "idBeneficiaire",
                "rnaBeneficiaire",
                "objet",
                "montant",
                "nature",
                "conditionsVersement",
                "datesPeriodeVersement",
                "idRAE",
                "notificationUE",
                "pourcentageSubvention",
                "dispositifAide"
            ]
        );
    }

    #[test]
    fn the_file_validates_against_its_schema() {
        let schema = table_schema("https://essaim.example");
        let csv = write_csv(&[row(), row()]);
        assert_eq!(validate_csv(&schema, &csv), Vec::<String>::new());
    }

    #[test]
    fn text_cells_that_a_spreadsheet_would_evaluate_are_defused_and_still_valid() {
        let schema = table_schema("https://essaim.example");
        let mut r = row();
        r.nom_beneficiaire = "=HYPERLINK(\"http://x\")".into();
        r.objet = "\t+1".into();
        r.dispositif_aide = "@SUM(A1)".into();
        let csv = write_csv(&[r]);
        assert!(csv.contains("\"'=HYPERLINK(\"\"http://x\"\")\""), "{csv}");
        assert!(
            csv.contains(",'\t+1,") && csv.contains(",'@SUM(A1)"),
            "{csv}"
        );
        assert!(
            csv.contains(",12500.00,"),
            "the amount is not prefixed: {csv}"
        );
        assert_eq!(validate_csv(&schema, &csv), Vec::<String>::new());
    }

    #[test]
    fn a_bad_siret_a_bad_date_or_a_comma_amount_is_caught() {
        let schema = table_schema("https://essaim.example");
        let mut bad = row();
        bad.id_beneficiaire = "1234".into();
        let problems = validate_csv(&schema, &write_csv(&[bad]));
        assert_eq!(problems.len(), 1, "{problems:?}");
        assert!(problems[0].contains("idBeneficiaire"));
        let mut bad = row();
        bad.date_convention = "15/09/2026".into();
        bad.montant = "12500,00".into();
        assert_eq!(validate_csv(&schema, &write_csv(&[bad])).len(), 2);
    }

    #[test]
    fn sirets_and_rna_are_cleaned_or_refused() {
        assert_eq!(
            clean_siret(Some("123 456 789 01234")),
            Some("12345678901234".into())
        );
        assert_eq!(clean_siret(Some("123")), None);
        assert_eq!(clean_siret(None), None);
        assert_eq!(clean_rna(Some("w291234567")), "W291234567");
        assert_eq!(clean_rna(Some("123")), "");
    }
}
