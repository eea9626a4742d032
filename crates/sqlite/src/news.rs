use crate::SqliteStore;
use essaim_store::NewsStore;

impl NewsStore for SqliteStore {}
