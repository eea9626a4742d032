use crate::PgStore;
use essaim_store::barometer::{
    DepartementFigures, EntryFigures, Figures, Scope, YearFigures, ENTRY_FIGURES, SCOPE_FILTER,
};
use essaim_store::{BarometerStore, StoreResult};

#[async_trait::async_trait]
impl BarometerStore for PgStore {
    async fn barometer(&self, scope: &Scope) -> StoreResult<Figures> {
        let by_stage: Vec<(String, i64)> = sqlx::query_as(&format!(
            "SELECT i.stage, COUNT(*) AS n FROM initiatives i WHERE {SCOPE_FILTER}
             GROUP BY i.stage ORDER BY n DESC, i.stage"
        ))
        .bind(&scope.departement)
        .bind(&scope.region)
        .bind(&scope.challenge)
        .fetch_all(&self.pool)
        .await?;
        let entries: EntryFigures = sqlx::query_as(&format!("{ENTRY_FIGURES}{SCOPE_FILTER}"))
            .bind(&scope.departement)
            .bind(&scope.region)
            .bind(&scope.challenge)
            .fetch_one(&self.pool)
            .await?;
        let level_rows: Vec<(i32, i64)> = sqlx::query_as(&format!(
            "SELECT e.latest_level, COUNT(*) FROM impact_plan_entries e
             JOIN initiatives i ON i.id = e.initiative_id
             WHERE e.latest_level IS NOT NULL AND {SCOPE_FILTER} GROUP BY e.latest_level"
        ))
        .bind(&scope.departement)
        .bind(&scope.region)
        .bind(&scope.challenge)
        .fetch_all(&self.pool)
        .await?;
        let mut levels = [0; 5];
        for (level, n) in level_rows {
            if (1..=5).contains(&level) {
                levels[(level - 1) as usize] = n;
            }
        }
        let years: Vec<YearFigures> = sqlx::query_as(&format!(
            "SELECT y.year, COUNT(*) AS measured,
                 COALESCE(SUM(CASE WHEN y.on_track THEN 1 ELSE 0 END), 0) AS on_track,
                 COALESCE(SUM(CASE WHEN ind.counts_people THEN y.value ELSE 0.0 END), 0.0) AS people
             FROM impact_entry_years y
             JOIN impact_plan_entries e ON e.id = y.entry_id
             JOIN initiatives i ON i.id = e.initiative_id
             JOIN impact_indicators ind ON ind.id = e.indicator_id
             WHERE {SCOPE_FILTER} GROUP BY y.year ORDER BY y.year"
        ))
        .bind(&scope.departement)
        .bind(&scope.region)
        .bind(&scope.challenge)
        .fetch_all(&self.pool)
        .await?;
        Ok(Figures {
            initiatives: by_stage.iter().map(|(_, n)| n).sum(),
            by_stage,
            entries,
            levels,
            years,
        })
    }

    async fn barometer_map(&self, scope: &Scope) -> StoreResult<Vec<DepartementFigures>> {
        // Initiatives per département, then their entries per département, merged in Rust.
        let counts: Vec<(String, i64)> = sqlx::query_as(&format!(
            "SELECT dd.code, COUNT(*) FROM initiative_departements dd
             JOIN initiatives i ON i.id = dd.initiative_id
             WHERE {SCOPE_FILTER} GROUP BY dd.code"
        ))
        .bind(&scope.departement)
        .bind(&scope.region)
        .bind(&scope.challenge)
        .fetch_all(&self.pool)
        .await?;
        let entries: Vec<(String, i64, i64, f64)> = sqlx::query_as(&format!(
            "SELECT dd.code,
                 COALESCE(SUM(CASE WHEN e.on_track IS NOT NULL THEN 1 ELSE 0 END), 0),
                 COALESCE(SUM(CASE WHEN e.on_track THEN 1 ELSE 0 END), 0),
                 COALESCE(SUM(CASE WHEN ind.counts_people AND e.latest_value IS NOT NULL
                     THEN e.latest_value ELSE 0.0 END), 0.0)
             FROM initiative_departements dd
             JOIN initiatives i ON i.id = dd.initiative_id
             JOIN impact_plan_entries e ON e.initiative_id = i.id
             JOIN impact_indicators ind ON ind.id = e.indicator_id
             WHERE {SCOPE_FILTER} GROUP BY dd.code"
        ))
        .bind(&scope.departement)
        .bind(&scope.region)
        .bind(&scope.challenge)
        .fetch_all(&self.pool)
        .await?;
        Ok(counts
            .into_iter()
            .map(|(code, initiatives)| {
                let (measured, on_track, people) = entries
                    .iter()
                    .find(|e| e.0 == code)
                    .map(|e| (e.1, e.2, e.3))
                    .unwrap_or((0, 0, 0.0));
                DepartementFigures {
                    code,
                    initiatives,
                    measured,
                    on_track,
                    people,
                }
            })
            .collect())
    }
}
