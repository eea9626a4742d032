//! The store contract, on PostgreSQL: a fresh database per test on a throwaway server.

use essaim_postgres::PgStore;

async fn fresh_store() -> Option<((), PgStore)> {
    let url = essaim_testkit::postgres::server()?.fresh_database();
    let store = PgStore::open(&url, 4).await.unwrap();
    store.migrate().await.unwrap();
    Some(((), store))
}

essaim_store::contract_tests!(fresh_store);

/// The audit log's append-only rule lives in the schema (a trigger), so it is checked with SQL.
#[tokio::test]
async fn audit_log_refuses_update_and_delete() {
    let Some(((), store)) = fresh_store().await else {
        return;
    };
    sqlx::query("INSERT INTO audit_log (id, at, action, subject) VALUES (gen_random_uuid(), now(), 'sign_in', 'person:x')")
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
