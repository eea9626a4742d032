use crate::PgStore;
use essaim_store::NetworkStore;

impl NetworkStore for PgStore {}
