use crate::PgStore;
use essaim_store::ExchangeStore;

impl ExchangeStore for PgStore {}
