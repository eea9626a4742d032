//! Appends to the audit log. A failure to write it fails the request: an action that cannot
//! be recorded must not happen silently.

use crate::error::AppError;
use crate::state::AppState;
use essaim_store::{utc_now, AuditEntry};
use uuid::Uuid;

pub async fn record(
    state: &AppState,
    actor: Option<Uuid>,
    action: &str,
    subject: String,
    ip: Option<&str>,
    detail: String,
) -> Result<(), AppError> {
    state
        .store
        .append_audit(AuditEntry {
            id: Uuid::now_v7(),
            at: utc_now(),
            actor_id: actor,
            action: action.to_owned(),
            subject,
            ip: ip.map(str::to_owned),
            detail,
        })
        .await?;
    Ok(())
}

/// The subject of an entry about a typed e-mail address (a failed sign-in): a fingerprint, not
/// the address, because the log can never be erased and an erased account must leave no
/// address behind. An administrator who suspects an address can compute its fingerprint.
pub fn email_fingerprint(email: &str) -> String {
    let hash = crate::auth::secret_hash(&email.trim().to_lowercase());
    format!("email_sha256:{}", &hash[..16])
}
