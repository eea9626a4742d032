use crate::SqliteStore;
use essaim_store::GroupsStore;

impl GroupsStore for SqliteStore {}
