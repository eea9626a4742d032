//! The store contract, on SQLite: a fresh database file per test.

use essaim_sqlite::SqliteStore;

async fn fresh_store() -> Option<(tempfile::TempDir, SqliteStore)> {
    let dir = tempfile::tempdir().unwrap();
    let store = SqliteStore::open(dir.path().join("essaim.db").to_str().unwrap())
        .await
        .unwrap();
    store.migrate().await.unwrap();
    Some((dir, store))
}

essaim_store::contract_tests!(fresh_store);
