//! The network's relations: the banner (charter) signed by structures, labels granted by the labelling committee, and accompaniment of initiatives by labelled support structures.

use crate::StoreResult;

/// Storage of this context. Implemented by both backends.
#[async_trait::async_trait]
pub trait NetworkStore: Send + Sync {
    #[doc(hidden)]
    async fn network_placeholder(&self) -> StoreResult<()> {
        Ok(())
    }
}
