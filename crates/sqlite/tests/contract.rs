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

/// The audit log's append-only rule lives in the schema (triggers), so it is checked with SQL.
#[tokio::test]
async fn audit_log_refuses_update_and_delete() {
    let (_dir, store) = fresh_store().await.unwrap();
    sqlx::query("INSERT INTO audit_log (id, at, action, subject) VALUES (x'01', '2026-01-01T00:00:00Z', 'sign_in', 'person:x')")
        .execute(store.pool())
        .await
        .unwrap();
    let update = sqlx::query("UPDATE audit_log SET action = 'nothing'")
        .execute(store.pool())
        .await;
    assert!(update.unwrap_err().to_string().contains("append-only"));
    let delete = sqlx::query("DELETE FROM audit_log")
        .execute(store.pool())
        .await;
    assert!(delete.unwrap_err().to_string().contains("append-only"));
}
