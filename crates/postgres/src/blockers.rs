use crate::PgStore;
use essaim_store::BlockersStore;

impl BlockersStore for PgStore {}
