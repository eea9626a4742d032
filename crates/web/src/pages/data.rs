//! Open data: the DCAT catalogue, the published initiatives as CSV, JSON and JSON-LD, and
//! their Table Schema. Content licences travel in each record (`licence` column).

use super::PageCtx;
use crate::error::AppError;
use crate::state::AppState;
use axum::extract::State;
use axum::http::{header, HeaderMap};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use axum::{Json, Router};
use essaim_domain::initiative::Status;
use essaim_domain::opendata::{self, InitiativeRecord};
use essaim_store::Initiative;
use minijinja::context;

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/data", get(catalogue))
        .route("/data/catalogue.jsonld", get(dcat))
        .route("/data/initiatives.csv", get(csv))
        .route("/data/initiatives.json", get(json))
        .route("/data/initiatives.jsonld", get(jsonld))
        .route("/schemas/initiatives.json", get(schema))
}

pub fn record(i: &Initiative) -> InitiativeRecord {
    InitiativeRecord {
        id: i.id,
        status: i.status,
        forked_from: i.forked_from,
        created_at: i.created_at,
        updated_at: i.updated_at,
        content: i.content.clone(),
    }
}

async fn published(state: &AppState) -> Result<Vec<InitiativeRecord>, AppError> {
    Ok(state
        .store
        .export_initiatives(&[Status::Published])
        .await?
        .iter()
        .map(record)
        .collect())
}

/// The data page for people; the DCAT JSON-LD for machines that ask for it.
async fn catalogue(
    ctx: PageCtx,
    State(state): State<AppState>,
    headers: HeaderMap,
) -> Result<Response, AppError> {
    let wants_ld = headers
        .get(header::ACCEPT)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|a| a.contains("application/ld+json"));
    if wants_ld {
        return dcat(State(state)).await;
    }
    Ok(ctx.render(&state, "pages/data.html", context! {}))
}

async fn dcat(State(state): State<AppState>) -> Result<Response, AppError> {
    let mut body = opendata::dcat_catalogue(&state.config.base_url, None);
    if let Some(datasets) = body["dcat:dataset"].as_array_mut() {
        datasets.push(essaim_domain::exchange::opendata::dcat_dataset(
            &state.config.base_url,
        ));
        datasets.extend(essaim_domain::network::opendata::dcat_datasets(
            &state.config.base_url,
        ));
        datasets.push(essaim_domain::blockers::dcat_dataset(
            &state.config.base_url,
        ));
        datasets.push(essaim_domain::impact::dcat_dataset(&state.config.base_url));
        datasets.push(subventions_dataset(&state.config.base_url));
    }
    Ok((
        [(header::CONTENT_TYPE, "application/ld+json")],
        body.to_string(),
    )
        .into_response())
}

/// The DCAT entry of the awards of calls, funds and prizes in the SCDL subventions format.
fn subventions_dataset(base_url: &str) -> serde_json::Value {
    use essaim_domain::opendata::scdl::{CSV_PATH, SCHEMA_PATH};
    let base = base_url.trim_end_matches('/');
    let csv = format!("{base}{CSV_PATH}");
    let schema = format!("{base}{SCHEMA_PATH}");
    serde_json::json!({
        "@id": format!("{base}/data/subventions"),
        "@type": "dcat:Dataset",
        "dct:identifier": format!("{base}/data/subventions"),
        "dct:title": "Subventions et prix attribués",
        "dct:description": "Les aides attribuées et notifiées par les appels à projets, fonds et \
            prix dont le financeur publie les résultats, au format SCDL des subventions : \
            attribuant, bénéficiaire (SIRET), objet, montant, date. Seules les attributions dont \
            le financeur et le bénéficiaire ont un SIRET valide y figurent.",
        "dct:language": { "@id": "http://publications.europa.eu/resource/authority/language/FRA" },
        "dcat:keyword": ["subventions", "SCDL", "appels à projets", "prix"],
        "dcat:landingPage": { "@id": format!("{base}/appels") },
        "dct:conformsTo": { "@id": "https://schema.data.gouv.fr/scdl/subventions/2.1.1/" },
        "dcat:distribution": [{
            "@id": csv,
            "@type": "dcat:Distribution",
            "dct:title": "Subventions attribuées (CSV, SCDL)",
            "dcat:accessURL": { "@id": csv },
            "dcat:downloadURL": { "@id": csv },
            "dct:format": { "@id": "http://publications.europa.eu/resource/authority/file-type/CSV" },
            "dcat:mediaType": { "@id": "https://www.iana.org/assignments/media-types/text/csv" },
            "dct:conformsTo": { "@id": schema },
            "dct:license": { "@id": "https://www.etalab.gouv.fr/licence-ouverte-open-licence" },
        }],
    })
}

async fn csv(State(state): State<AppState>) -> Result<Response, AppError> {
    let records = published(&state).await?;
    let mut out = vec![];
    opendata::write_csv(&records, &mut out).map_err(|e| AppError::Internal(e.into()))?;
    Ok((
        [
            (header::CONTENT_TYPE, "text/csv; charset=utf-8"),
            (
                header::CONTENT_DISPOSITION,
                "attachment; filename=\"initiatives.csv\"",
            ),
        ],
        out,
    )
        .into_response())
}

async fn json(State(state): State<AppState>) -> Result<Json<serde_json::Value>, AppError> {
    Ok(Json(opendata::to_json(&published(&state).await?)))
}

async fn jsonld(State(state): State<AppState>) -> Result<Response, AppError> {
    let body = opendata::to_jsonld(&published(&state).await?, &state.config.base_url);
    Ok((
        [(header::CONTENT_TYPE, "application/ld+json")],
        body.to_string(),
    )
        .into_response())
}

async fn schema(State(state): State<AppState>) -> Json<serde_json::Value> {
    Json(opendata::table_schema(&state.config.base_url))
}
