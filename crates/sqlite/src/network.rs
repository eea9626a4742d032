use crate::SqliteStore;
use essaim_store::NetworkStore;

impl NetworkStore for SqliteStore {}
