use crate::SqliteStore;
use essaim_store::BlockersStore;

impl BlockersStore for SqliteStore {}
