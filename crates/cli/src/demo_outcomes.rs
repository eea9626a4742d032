//! Demo data: an impact contract between the Fondation Terres d'Entraide (the demo funder,
//! `structures[3]`) and the initiative the demo self-assessments are about, signed by the
//! initiative's side: one outcome already reached by a verified measurement, one not yet.
//! When the impact demo left no plan on that initiative, one entry and one verified
//! measurement are added here.

use essaim_store::impact::{NewMeasurement, NewPlanEntry};
use essaim_store::outcomes::{NewContract, NewOutcome};
use essaim_store::{utc_now, Store, StoreError};
use uuid::Uuid;

/// Seeds this context in the demo territory. `admin` and `holder` are the demo accounts;
/// `structures` the demo structures in the order of `demo::STRUCTURES`.
pub async fn seed(
    store: &dyn Store,
    admin: Uuid,
    holder: Uuid,
    structures: &[Uuid],
) -> anyhow::Result<()> {
    let (Some(carrier), Some(funder)) = (structures.first(), structures.get(3)) else {
        return Ok(());
    };
    let Some(initiative) = crate::demo_assessment::carried_initiative(store, *carrier).await?
    else {
        return Ok(());
    };
    let mut entries = store.plan_entries(initiative).await?;
    if entries.is_empty() {
        let indicator = match store.indicator_by_code("repas-servis").await? {
            Some(i) => i,
            None => match store
                .list_indicators(&Default::default())
                .await?
                .into_iter()
                .find(|i| i.counts_people)
            {
                Some(i) => i,
                None => return Ok(()),
            },
        };
        match store
            .add_plan_entry(&NewPlanEntry {
                id: Uuid::now_v7(),
                initiative_id: initiative,
                indicator_id: indicator.id,
                baseline_value: 0.0,
                baseline_on: "2025-01-01".into(),
                target_value: 1000.0,
                target_on: "2027-01-01".into(),
                created_by: holder,
                created_at: utc_now(),
            })
            .await
        {
            Ok(_) | Err(StoreError::AlreadyExists) => {}
            Err(e) => return Err(e.into()),
        }
        entries = store.plan_entries(initiative).await?;
    }
    let Some(entry) = entries.first() else {
        return Ok(());
    };
    // A verified measurement within the contract, unless the impact demo gave one.
    let verified = store
        .measurements(entry.id)
        .await?
        .into_iter()
        .filter(|m| m.verified_at.is_some() && m.superseded_by.is_none())
        .filter(|m| m.period_start.as_str() >= "2026-01-01")
        .map(|m| m.value)
        .reduce(f64::max);
    let reached_value = match verified {
        Some(v) => v,
        None => {
            let value = (entry.baseline_value + entry.target_value) * 0.6;
            let m = store
                .add_measurement(&NewMeasurement {
                    id: Uuid::now_v7(),
                    entry_id: entry.id,
                    value,
                    period_start: "2026-01-01".into(),
                    period_end: "2026-06-30".into(),
                    source: "Registre des distributions".into(),
                    method: "Comptage mensuel, relevé par l’équipe.".into(),
                    evidence_level: 3,
                    created_by: holder,
                    created_at: utc_now(),
                })
                .await?;
            store
                .verify_measurement(m.id, admin, utc_now(), "Registre contrôlé sur place.")
                .await?;
            value
        }
    };
    let decreasing = entry.direction == "decrease";
    // The first threshold is met by the verified value; the second is the plan's target.
    let first = if decreasing {
        reached_value * 1.1
    } else {
        (reached_value * 0.8).floor()
    };
    let contract = store
        .create_contract(&NewContract {
            id: Uuid::now_v7(),
            initiative_id: initiative,
            funder_structure_id: *funder,
            proposed_by: admin,
            title: "Contrat à impact 2026-2027 de la Fondation Terres d'Entraide".into(),
            terms: "Versements **à l’atteinte** de chaque résultat, sur mesures vérifiées par un \
                    évaluateur labellisé."
                .into(),
            starts_on: "2026-01-01".into(),
            outcomes: vec![
                NewOutcome {
                    entry_id: entry.id,
                    threshold: first,
                    due_on: "2026-12-31".into(),
                    payment_cents: 1_500_000,
                },
                NewOutcome {
                    entry_id: entry.id,
                    threshold: entry.target_value,
                    due_on: "2027-06-30".into(),
                    payment_cents: 2_500_000,
                },
            ],
            created_at: utc_now(),
        })
        .await?;
    store
        .move_contract(contract.id, "proposed", "active", holder, utc_now())
        .await?;
    Ok(())
}
