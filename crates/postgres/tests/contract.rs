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

/// A change to an initiative that is already marked for the barometer is not lost to a refresh
/// that runs before the change commits: the trigger locks the mark, so the refresh's claim waits
/// for the change and then reads it. (SQLite serialises writers, so only PostgreSQL can race.)
#[tokio::test]
async fn a_barometer_refresh_waits_for_a_change_in_progress() {
    use essaim_domain::initiative::Status;
    use essaim_store::barometer::Scope;
    use essaim_store::contract::{author, content, note};
    use essaim_store::{BarometerStore, InitiativeStore};
    let Some(((), store)) = fresh_store().await else {
        return;
    };
    let who = author(&store).await;
    let c = content(
        "Recyclerie",
        "Résumé.",
        "Brest",
        &["alimentation"],
        "experimentation",
    );
    let id = store
        .create_initiative(
            uuid::Uuid::now_v7(),
            &c,
            Status::Published,
            None,
            note(who, "création"),
        )
        .await
        .unwrap()
        .id;
    let stages = |f: essaim_store::barometer::Figures| f.by_stage;
    let france = Scope::default();
    assert_eq!(
        stages(store.barometer(&france).await.unwrap()),
        vec![("experimentation".to_owned(), 1)]
    );
    // A committed change marks the initiative; nobody has read since.
    sqlx::query("UPDATE initiatives SET stage = 'essaimage' WHERE id = $1")
        .bind(id)
        .execute(store.pool())
        .await
        .unwrap();
    // Another change, in progress while a reader refreshes.
    let mut tx = store.pool().begin().await.unwrap();
    sqlx::query("UPDATE initiatives SET stage = 'idee' WHERE id = $1")
        .bind(id)
        .execute(&mut *tx)
        .await
        .unwrap();
    let reader = {
        let store = store.clone();
        tokio::spawn(async move { store.barometer(&Scope::default()).await.unwrap() })
    };
    tokio::time::sleep(std::time::Duration::from_millis(300)).await;
    assert!(!reader.is_finished(), "the refresh waits for the change");
    tx.commit().await.unwrap();
    assert_eq!(stages(reader.await.unwrap()), vec![("idee".to_owned(), 1)]);
    assert_eq!(
        stages(store.barometer(&france).await.unwrap()),
        vec![("idee".to_owned(), 1)]
    );
}
