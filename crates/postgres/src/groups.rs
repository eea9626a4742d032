use crate::PgStore;
use essaim_store::GroupsStore;

impl GroupsStore for PgStore {}
