//! The DCAT-AP catalogue of the site's open data, for data.gouv.fr and European harvesters.

use chrono::{DateTime, SecondsFormat, Utc};
use serde_json::{json, Value};

use super::{base, CATALOGUE_PATH, CSV_PATH, JSONLD_PATH, JSON_PATH, SCHEMA_PATH};

const LICENCE_OUVERTE: &str = "https://www.etalab.gouv.fr/licence-ouverte-open-licence";
const FILE_TYPES: &str = "http://publications.europa.eu/resource/authority/file-type/";
const MEDIA_TYPES: &str = "https://www.iana.org/assignments/media-types/";

fn distribution(
    base: &str,
    path: &str,
    title: &str,
    file_type: &str,
    media_type: &str,
    conforms_to: &str,
) -> Value {
    let url = format!("{base}{path}");
    json!({
        "@id": url,
        "@type": "dcat:Distribution",
        "dct:title": title,
        "dcat:accessURL": { "@id": url },
        "dcat:downloadURL": { "@id": url },
        "dct:format": { "@id": format!("{FILE_TYPES}{file_type}") },
        "dcat:mediaType": { "@id": format!("{MEDIA_TYPES}{media_type}") },
        "dct:conformsTo": { "@id": conforms_to },
        // Each initiative has its own licence: a single dct:license would misstate the rights.
        "dct:rights": {
            "@type": "dct:RightsStatement",
            "rdfs:label": "Licence propre à chaque initiative, indiquée dans la colonne licence.",
        },
    })
}

/// A DCAT-AP catalogue in JSON-LD: one dataset, the initiatives, in three distributions. The
/// catalogue's own metadata is under Licence Ouverte 2.0; the content licences are per record.
/// `modified` is the last change of a published initiative, when there is one.
pub fn dcat_catalogue(base_url: &str, modified: Option<DateTime<Utc>>) -> Value {
    let base = base(base_url);
    let schema = format!("{base}{SCHEMA_PATH}");
    let publisher = json!({
        "@type": "foaf:Agent",
        "foaf:name": "Essaim",
        "foaf:homepage": { "@id": format!("{base}/") },
    });
    let mut dataset = json!({
        "@id": format!("{base}/data/initiatives"),
        "@type": "dcat:Dataset",
        "dct:identifier": format!("{base}/data/initiatives"),
        "dct:title": "Initiatives d'innovation sociale",
        "dct:description": "Les fiches des initiatives d'innovation sociale publiées sur le \
            territoire : identité, territoires (codes INSEE), défis de société, stade, \
            structures, recette pour les reproduire et filiation des réplications. Le \
            contenu de chaque initiative est publié sous sa propre licence libre \
            (CC-BY-SA-4.0, CC-BY-4.0 ou CC0-1.0), indiquée pour chaque fiche ; les \
            métadonnées de ce jeu de données sont sous Licence Ouverte 2.0.",
        "dct:language": { "@id": "http://publications.europa.eu/resource/authority/language/FRA" },
        "dcat:keyword": ["innovation sociale", "initiatives", "économie sociale et solidaire", "territoires"],
        "dcat:landingPage": { "@id": format!("{base}/initiatives") },
        "dct:publisher": publisher,
        "dct:conformsTo": { "@id": schema },
        "dct:accrualPeriodicity": { "@id": "http://publications.europa.eu/resource/authority/frequency/CONT" },
        "dcat:distribution": [
            distribution(base, CSV_PATH, "Initiatives (CSV)", "CSV", "text/csv", &schema),
            distribution(base, JSON_PATH, "Initiatives (JSON)", "JSON", "application/json", &schema),
            distribution(
                base,
                JSONLD_PATH,
                "Initiatives (JSON-LD schema.org)",
                "JSON_LD",
                "application/ld+json",
                "https://schema.org/",
            ),
        ],
    });
    let mut catalogue = json!({
        "@context": {
            "dcat": "http://www.w3.org/ns/dcat#",
            "dct": "http://purl.org/dc/terms/",
            "foaf": "http://xmlns.com/foaf/0.1/",
            "rdfs": "http://www.w3.org/2000/01/rdf-schema#",
            "xsd": "http://www.w3.org/2001/XMLSchema#",
        },
        "@id": format!("{base}{CATALOGUE_PATH}"),
        "@type": "dcat:Catalog",
        "dct:title": "Données ouvertes d'Essaim",
        "dct:description": "Catalogue des données ouvertes de cette plateforme Essaim.",
        "dct:language": { "@id": "http://publications.europa.eu/resource/authority/language/FRA" },
        "dct:license": { "@id": LICENCE_OUVERTE },
        "dct:publisher": publisher,
        "foaf:homepage": { "@id": format!("{base}/") },
    });
    if let Some(modified) = modified {
        let date = json!({
            "@value": modified.to_rfc3339_opts(SecondsFormat::Secs, true),
            "@type": "xsd:dateTime",
        });
        dataset["dct:modified"] = date.clone();
        catalogue["dct:modified"] = date;
    }
    catalogue["dcat:dataset"] = json!([dataset]);
    catalogue
}
