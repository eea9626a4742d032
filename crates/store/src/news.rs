//! Curated news (veille): links shared in groups with a comment and tags, searchable, with Atom feeds.

use crate::StoreResult;

/// Storage of this context. Implemented by both backends.
#[async_trait::async_trait]
pub trait NewsStore: Send + Sync {
    #[doc(hidden)]
    async fn news_placeholder(&self) -> StoreResult<()> {
        Ok(())
    }
}
