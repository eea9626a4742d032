//! The columns of the initiatives data set and their Table Schema.

use serde_json::{json, Map, Value};

use super::{base, CSV_PATH, SCHEMA_PATH};
use crate::initiative::{BudgetRange, Licence, Stage, Status};

/// One column of the CSV export, which is also one key of the JSON export.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Column {
    pub name: &'static str,
    /// Table Schema type: `string`, `array`, `datetime`.
    pub kind: &'static str,
    pub title_fr: &'static str,
    pub description_fr: &'static str,
    /// A value is required in every row (Table Schema `constraints.required`). The import also
    /// requires these columns in the header; the others may be left out.
    pub required: bool,
    /// A valid value, shown in the schema's documentation.
    pub example: &'static str,
}

const fn col(
    name: &'static str,
    kind: &'static str,
    required: bool,
    title_fr: &'static str,
    description_fr: &'static str,
    example: &'static str,
) -> Column {
    Column {
        name,
        kind,
        title_fr,
        description_fr,
        required,
        example,
    }
}

/// Every column, in the order of the CSV.
pub const COLUMNS: &[Column] = &[
    col(
        "id",
        "string",
        true,
        "Identifiant",
        "Identifiant unique et stable de l'initiative (UUID).",
        "0192f5a4-8c1e-7b3d-9a2f-4e5d6c7b8a90",
    ),
    col(
        "nom",
        "string",
        true,
        "Nom",
        "Nom de l'initiative.",
        "Jardins partagés du Bourg",
    ),
    col(
        "resume",
        "string",
        true,
        "Résumé",
        "Résumé de l'initiative en une ou deux phrases (280 caractères au plus).",
        "Des jardins cultivés ensemble au pied des immeubles.",
    ),
    col(
        "description",
        "string",
        false,
        "Description",
        "Description détaillée, au format Markdown.",
        "Depuis 2021, les habitants cultivent **trois parcelles**.",
    ),
    col(
        "defis",
        "array",
        false,
        "Défis",
        "Codes des défis de société auxquels répond l'initiative (tableau JSON de chaînes).",
        r#"["alimentation","inclusion"]"#,
    ),
    col(
        "territoires",
        "array",
        true,
        "Territoires",
        "Territoires de l'initiative, sous la forme niveau:code (commune:code INSEE, \
         departement:code, region:code, epci:SIREN), en tableau JSON de chaînes.",
        r#"["commune:29019","departement:29"]"#,
    ),
    col(
        "code_insee",
        "string",
        false,
        "Code INSEE",
        "Code INSEE de la première commune de la colonne territoires, pour les outils qui \
         attendent une seule commune ; vide si aucune commune. Ignoré à l'import.",
        "29019",
    ),
    col(
        "stade",
        "string",
        true,
        "Stade",
        "Avancement : idee, experimentation, consolidation ou essaimage.",
        "experimentation",
    ),
    col(
        "publics",
        "array",
        false,
        "Publics",
        "Publics auxquels s'adresse l'initiative (tableau JSON de chaînes).",
        r#"["Habitants du quartier","Familles"]"#,
    ),
    col(
        "structures",
        "array",
        false,
        "Structures",
        "Structures impliquées et leur rôle, sous la forme identifiant:rôle (rôle parmi \
         porteur, partenaire, financeur, accompagnateur), en tableau JSON de chaînes.",
        r#"["0192f5a4-0000-7000-8000-000000000001:porteur"]"#,
    ),
    col(
        "liens",
        "array",
        false,
        "Liens",
        "Adresses web (http ou https) liées à l'initiative (tableau JSON de chaînes).",
        r#"["https://jardins.example.org/"]"#,
    ),
    col(
        "licence",
        "string",
        true,
        "Licence",
        "Licence libre du contenu de cette initiative : CC-BY-SA-4.0, CC-BY-4.0 ou CC0-1.0.",
        "CC-BY-SA-4.0",
    ),
    col(
        "statut",
        "string",
        true,
        "Statut",
        "Statut de publication : draft (brouillon), published (publiée) ou archived (archivée).",
        "published",
    ),
    col(
        "source_id",
        "string",
        false,
        "Initiative source",
        "Identifiant de l'initiative dont celle-ci est une réplication (essaimage) ; vide sinon.",
        "",
    ),
    col(
        "ressources",
        "array",
        false,
        "Ressources",
        "Recette : ressources nécessaires (tableau JSON de chaînes).",
        r#"["Un terrain","Des outils"]"#,
    ),
    col(
        "competences",
        "array",
        false,
        "Compétences",
        "Recette : compétences nécessaires (tableau JSON de chaînes).",
        r#"["Jardinage","Animation"]"#,
    ),
    col(
        "partenaires",
        "array",
        false,
        "Partenaires",
        "Recette : partenaires à associer (tableau JSON de chaînes).",
        r#"["Bailleur social"]"#,
    ),
    col(
        "budget",
        "string",
        false,
        "Budget",
        "Recette : ordre de grandeur du budget : moins_5k, 5k_20k, 20k_100k ou plus_100k ; \
         vide si inconnu.",
        "moins_5k",
    ),
    col(
        "duree",
        "string",
        false,
        "Durée",
        "Recette : durée de mise en place, en texte libre.",
        "6 mois",
    ),
    col(
        "etapes",
        "array",
        false,
        "Étapes",
        "Recette : étapes, dans l'ordre (tableau JSON de chaînes).",
        r#"["Trouver un terrain","Réunir les voisins"]"#,
    ),
    col(
        "points_de_vigilance",
        "array",
        false,
        "Points de vigilance",
        "Recette : points de vigilance (tableau JSON de chaînes).",
        r#"["Prévoir l'arrosage l'été"]"#,
    ),
    col(
        "facteurs_cles_de_succes",
        "array",
        false,
        "Facteurs clés de succès",
        "Recette : facteurs clés de succès (tableau JSON de chaînes).",
        r#"["Un habitant référent par parcelle"]"#,
    ),
    col(
        "date_creation",
        "datetime",
        true,
        "Date de création",
        "Date et heure de création de la fiche (RFC 3339, UTC).",
        "2025-03-14T09:30:00.000000Z",
    ),
    col(
        "date_maj",
        "datetime",
        true,
        "Date de mise à jour",
        "Date et heure de la dernière modification de la fiche (RFC 3339, UTC).",
        "2025-06-02T17:05:12.345678Z",
    ),
];

pub(super) fn column(name: &str) -> Option<&'static Column> {
    COLUMNS.iter().find(|c| c.name == name)
}

/// The constraints of a column beyond `required`, mirroring what the import checks.
fn constraints(c: &Column) -> Map<String, Value> {
    let mut m = Map::new();
    m.insert("required".into(), Value::Bool(c.required));
    let vocabulary = |values: Vec<&'static str>| Value::from(values);
    match c.name {
        "id" => {
            m.insert("unique".into(), Value::Bool(true));
        }
        "nom" => {
            m.insert("minLength".into(), 3.into());
            m.insert("maxLength".into(), 150.into());
        }
        "resume" => {
            m.insert(
                "maxLength".into(),
                crate::initiative::SUMMARY_MAX_CHARS.into(),
            );
        }
        "description" => {
            m.insert("maxLength".into(), 50_000.into());
        }
        "duree" => {
            m.insert("maxLength".into(), 200.into());
        }
        "code_insee" => {
            m.insert("pattern".into(), "^([0-9]{5}|2[AB][0-9]{3})$".into());
        }
        "stade" => {
            m.insert(
                "enum".into(),
                vocabulary(Stage::ALL.iter().map(|v| v.as_str()).collect()),
            );
        }
        "licence" => {
            m.insert(
                "enum".into(),
                vocabulary(Licence::ALL.iter().map(|v| v.as_str()).collect()),
            );
        }
        "statut" => {
            m.insert(
                "enum".into(),
                vocabulary(Status::ALL.iter().map(|v| v.as_str()).collect()),
            );
        }
        "budget" => {
            m.insert(
                "enum".into(),
                vocabulary(BudgetRange::ALL.iter().map(|v| v.as_str()).collect()),
            );
        }
        _ => {}
    }
    m
}

fn field(c: &Column) -> Value {
    let mut f = Map::new();
    f.insert("name".into(), c.name.into());
    f.insert("title".into(), c.title_fr.into());
    f.insert("description".into(), c.description_fr.into());
    f.insert("example".into(), c.example.into());
    f.insert("type".into(), c.kind.into());
    if matches!(c.name, "id" | "source_id") {
        f.insert("format".into(), "uuid".into());
    }
    f.insert("constraints".into(), Value::Object(constraints(c)));
    Value::Object(f)
}

/// A Table Schema (frictionless specs) of the CSV, following schema.data.gouv.fr conventions.
pub fn table_schema(base_url: &str) -> Value {
    let base = base(base_url);
    json!({
        "$schema": "https://frictionlessdata.io/schemas/table-schema.json",
        "name": "essaim-initiatives",
        "title": "Initiatives d'innovation sociale",
        "description": "Fiches des initiatives d'innovation sociale d'un territoire publiées \
            sur Essaim : identité, territoires, défis, stade, structures, recette \
            (ressources, étapes, points de vigilance) et filiation des réplications. Les \
            colonnes de type array contiennent un tableau JSON de chaînes. Chaque initiative \
            porte sa propre licence (colonne licence).",
        "countryCode": "FR",
        "homepage": base,
        "path": format!("{base}{SCHEMA_PATH}"),
        "resources": [{
            "title": "Export des initiatives",
            "path": format!("{base}{CSV_PATH}"),
        }],
        "version": "1.0.0",
        "created": "2026-11-24",
        "lastModified": "2026-11-24",
        "contributors": [{ "title": "Essaim", "role": "author" }],
        "licenses": [{
            "title": "Licence Ouverte / Open Licence version 2.0",
            "path": "https://www.etalab.gouv.fr/licence-ouverte-open-licence",
        }],
        "fields": COLUMNS.iter().map(field).collect::<Vec<_>>(),
        "missingValues": [""],
        "primaryKey": "id",
    })
}
