use crate::SqliteStore;
use essaim_store::ExchangeStore;

impl ExchangeStore for SqliteStore {}
