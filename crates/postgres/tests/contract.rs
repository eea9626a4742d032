//! The store contract, on PostgreSQL: a fresh database per test on a throwaway server.

use essaim_postgres::PgStore;

async fn fresh_store() -> Option<((), PgStore)> {
    let url = essaim_testkit::postgres::server()?.fresh_database();
    let store = PgStore::open(&url, 4).await.unwrap();
    store.migrate().await.unwrap();
    Some(((), store))
}

essaim_store::contract_tests!(fresh_store);
