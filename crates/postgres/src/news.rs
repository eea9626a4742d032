use crate::PgStore;
use essaim_store::NewsStore;

impl NewsStore for PgStore {}
