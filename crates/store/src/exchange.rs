//! Offers and needs (skills, premises, equipment, volunteering, funding) and their matching.

use crate::StoreResult;

/// Storage of this context. Implemented by both backends.
#[async_trait::async_trait]
pub trait ExchangeStore: Send + Sync {
    #[doc(hidden)]
    async fn exchange_placeholder(&self) -> StoreResult<()> {
        Ok(())
    }
}
