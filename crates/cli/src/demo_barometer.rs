//! Demo data: The impact barometer by territory and challenge: initiatives by stage, people reached, indicators on track, evidence levels, trends, a map of départements.

use essaim_store::Store;
use uuid::Uuid;

/// Seeds this context in the demo territory. `admin` and `holder` are the demo accounts;
/// `structures` the demo structures in the order of `demo::STRUCTURES`.
pub async fn seed(
    _store: &dyn Store,
    _admin: Uuid,
    _holder: Uuid,
    _structures: &[Uuid],
) -> anyhow::Result<()> {
    Ok(())
}
