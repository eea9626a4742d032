//! Administrative blockers (hackers publics): reports, routing to public hackers, statuses and the aggregate view.

use crate::StoreResult;

/// Storage of this context. Implemented by both backends.
#[async_trait::async_trait]
pub trait BlockersStore: Send + Sync {
    #[doc(hidden)]
    async fn blockers_placeholder(&self) -> StoreResult<()> {
        Ok(())
    }
}
