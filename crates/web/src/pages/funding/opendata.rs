//! The awards of published calls that publish them, as SCDL *subventions* 2.1.1 CSV with its
//! Table Schema (`domain::opendata::scdl` says which awards are left out and why).

use crate::error::AppError;
use crate::state::AppState;
use axum::extract::State;
use axum::http::header;
use axum::response::{IntoResponse, Response};
use axum::Json;
use essaim_domain::deliberation::conversation::to_paris;
use essaim_domain::funding::{decimal_amount, Snapshot};
use essaim_domain::opendata::scdl::{self, clean_rna, clean_siret, SubventionRow};

/// The rows of the file: granted, sent, in euros, both SIRETs valid.
pub async fn rows(state: &AppState) -> Result<Vec<SubventionRow>, AppError> {
    Ok(state
        .store
        .awards()
        .await?
        .into_iter()
        .filter(|a| a.currency == "EUR")
        .filter_map(|a| {
            let funder = clean_siret(a.funder_siret.as_deref())?;
            let beneficiary = clean_siret(a.beneficiary_siret.as_deref())?;
            let initiative = Snapshot::parse(&a.snapshot)
                .map(|s| s.content.title)
                .unwrap_or_default();
            Some(SubventionRow {
                nom_attribuant: a.funder_name,
                id_attribuant: funder,
                date_convention: to_paris(a.decided_at).format("%Y-%m-%d").to_string(),
                reference_decision: a.application_id.to_string(),
                nom_beneficiaire: a.beneficiary_name,
                id_beneficiaire: beneficiary,
                rna_beneficiaire: clean_rna(a.beneficiary_rna.as_deref()),
                objet: if initiative.is_empty() {
                    a.call_title.clone()
                } else {
                    format!("{} : {}", a.call_title, initiative)
                },
                montant: decimal_amount(a.amount_cents),
                dispositif_aide: a.call_title,
            })
        })
        .collect())
}

pub async fn csv(State(state): State<AppState>) -> Result<Response, AppError> {
    let body = scdl::write_csv(&rows(&state).await?);
    Ok((
        [
            (header::CONTENT_TYPE, "text/csv; charset=utf-8"),
            (
                header::CONTENT_DISPOSITION,
                "inline; filename=\"subventions.csv\"",
            ),
        ],
        body,
    )
        .into_response())
}

pub async fn schema(State(state): State<AppState>) -> Json<serde_json::Value> {
    Json(scdl::table_schema(&state.config.base_url))
}
