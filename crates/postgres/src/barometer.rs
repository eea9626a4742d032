//! The barometer on PostgreSQL: reads of the rollup cells, after bringing them up to date with the
//! initiatives the triggers marked (see `essaim_store::barometer`).

use crate::PgStore;
use essaim_store::barometer::{
    figures, map_rows, plan_refresh, refresh_sql as q, CellRow, DepartementFigures, Figures,
    RefreshPlan, RefreshRows, Scope,
};
use essaim_store::{BarometerStore, StoreResult};
use sqlx::PgConnection;
use uuid::Uuid;

/// How the queries name the claimed initiatives: the ids the refresh deleted from the dirty
/// list (bound as $1).
const CLAIMED: &str = "= ANY($1)";

impl PgStore {
    /// Brings the cells up to date with every marked initiative, in one transaction. Deleting
    /// the marks claims them: a concurrent refresh waits on those rows until this one commits,
    /// then finds them gone, so no contribution is taken out twice; cells are written in key
    /// order by every refresh, so two of them cannot deadlock.
    pub async fn refresh_barometer(&self) -> StoreResult<()> {
        let pending: Option<i32> = sqlx::query_scalar("SELECT 1 FROM barometer_dirty LIMIT 1")
            .fetch_optional(&self.pool)
            .await?;
        if pending.is_none() {
            return Ok(());
        }
        let mut tx = self.pool.begin().await?;
        // Rolled back explicitly on any error, as on SQLite.
        match refresh_claimed(&mut tx).await {
            Ok(()) => tx.commit().await?,
            Err(e) => {
                let _ = tx.rollback().await;
                return Err(e);
            }
        }
        Ok(())
    }
}

/// Claims the marked initiatives, takes their old contributions out and adds the new ones.
async fn refresh_claimed(conn: &mut PgConnection) -> StoreResult<()> {
    let claimed: Vec<Uuid> =
        sqlx::query_scalar("DELETE FROM barometer_dirty RETURNING initiative_id")
            .fetch_all(&mut *conn)
            .await?;
    if claimed.is_empty() {
        return Ok(());
    }
    let sql = |s: &str| s.replace("{ids}", CLAIMED);
    let rows = RefreshRows {
        initiatives: sqlx::query_as(&sql(q::INITIATIVES))
            .bind(&claimed)
            .fetch_all(&mut *conn)
            .await?,
        departements: sqlx::query_as(&sql(q::DEPARTEMENTS))
            .bind(&claimed)
            .fetch_all(&mut *conn)
            .await?,
        regions: sqlx::query_as(&sql(q::REGIONS))
            .bind(&claimed)
            .fetch_all(&mut *conn)
            .await?,
        challenges: sqlx::query_as(&sql(q::CHALLENGES))
            .bind(&claimed)
            .fetch_all(&mut *conn)
            .await?,
        entries: sqlx::query_as(&sql(q::ENTRIES))
            .bind(&claimed)
            .fetch_all(&mut *conn)
            .await?,
        years: sqlx::query_as(&sql(q::YEARS))
            .bind(&claimed)
            .fetch_all(&mut *conn)
            .await?,
        old: sqlx::query_as(&sql(q::CONTRIBUTIONS))
            .bind(&claimed)
            .fetch_all(&mut *conn)
            .await?,
    };
    let plan = plan_refresh(&claimed, rows)?;
    apply(&mut *conn, &plan).await?;
    Ok(())
}

/// Writes a refresh's changes: cells, then stages, then years, each in key order.
async fn apply(conn: &mut PgConnection, plan: &RefreshPlan) -> StoreResult<()> {
    for ((t, ch), d) in &plan.deltas {
        let c = &d.counts;
        if *c != Default::default() {
            sqlx::query(q::ADD_CELL)
                .bind(t)
                .bind(ch)
                .bind(c.initiatives)
                .bind(c.entries)
                .bind(c.measured)
                .bind(c.on_track)
                .bind(c.people)
                .bind(c.levels[0])
                .bind(c.levels[1])
                .bind(c.levels[2])
                .bind(c.levels[3])
                .bind(c.levels[4])
                .execute(&mut *conn)
                .await?;
        }
    }
    for ((t, ch), d) in &plan.deltas {
        for (stage, n) in d.stages.iter().filter(|(_, n)| **n != 0) {
            sqlx::query(q::ADD_STAGE)
                .bind(t)
                .bind(ch)
                .bind(stage)
                .bind(n)
                .execute(&mut *conn)
                .await?;
        }
    }
    for ((t, ch), d) in &plan.deltas {
        for (year, y) in d.years.iter().filter(|(_, y)| **y != Default::default()) {
            sqlx::query(q::ADD_YEAR)
                .bind(t)
                .bind(ch)
                .bind(year)
                .bind(y.measured)
                .bind(y.on_track)
                .bind(y.people)
                .execute(&mut *conn)
                .await?;
        }
    }
    for (id, json) in &plan.contributions {
        match json {
            Some(json) => sqlx::query(q::PUT_CONTRIBUTION).bind(id).bind(json),
            None => sqlx::query(q::DROP_CONTRIBUTION).bind(id),
        }
        .execute(&mut *conn)
        .await?;
    }
    Ok(())
}

#[async_trait::async_trait]
impl BarometerStore for PgStore {
    async fn barometer(&self, scope: &Scope) -> StoreResult<Figures> {
        self.refresh_barometer().await?;
        let (t, ch) = scope.cell();
        let cell: Option<CellRow> = sqlx::query_as(q::CELL)
            .bind(&t)
            .bind(&ch)
            .fetch_optional(&self.pool)
            .await?;
        let by_stage: Vec<(String, i64)> = sqlx::query_as(q::STAGES)
            .bind(&t)
            .bind(&ch)
            .fetch_all(&self.pool)
            .await?;
        let years: Vec<(i32, i64, i64, i64)> = sqlx::query_as(q::YEARS_OF_CELL)
            .bind(&t)
            .bind(&ch)
            .fetch_all(&self.pool)
            .await?;
        Ok(figures(cell, by_stage, years))
    }

    async fn barometer_map(&self, challenge: Option<&str>) -> StoreResult<Vec<DepartementFigures>> {
        self.refresh_barometer().await?;
        let rows: Vec<(String, i64, i64, i64, i64)> = sqlx::query_as(q::MAP)
            .bind(challenge.unwrap_or(essaim_domain::barometer::ALL_CHALLENGES))
            .fetch_all(&self.pool)
            .await?;
        Ok(map_rows(rows))
    }
}
