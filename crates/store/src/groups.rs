//! Groups by territory or theme, their threads and replies, follows, mentions, e-mail notifications and moderation.

use crate::StoreResult;

/// Storage of this context. Implemented by both backends.
#[async_trait::async_trait]
pub trait GroupsStore: Send + Sync {
    #[doc(hidden)]
    async fn groups_placeholder(&self) -> StoreResult<()> {
        Ok(())
    }
}
