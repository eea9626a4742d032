//! Demo data: the review of the demo call of the Fondation Terres d'Entraide (structures[3],
//! made by `demo_funding`): three reviewers, one of them (Léa, the demo holder) excluded from
//! the applications of her own structures and another who declares a conflict of interest;
//! the assignment as `domain::review::assign` makes it, submitted scores, and one award within
//! the budget, sent.

use essaim_domain::review::{assign, automatic_exclusion};
use essaim_store::review::{NewConflict, NewDecision, NewReview};
use essaim_store::{utc_now, Store};
use std::collections::HashSet;
use uuid::Uuid;

/// Seeds this context in the demo territory. `admin` and `holder` are the demo accounts;
/// `structures` the demo structures in the order of `demo::STRUCTURES`.
pub async fn seed(
    store: &dyn Store,
    admin: Uuid,
    holder: Uuid,
    structures: &[Uuid],
) -> anyhow::Result<()> {
    let Some(&funder) = structures.get(3) else {
        return Ok(());
    };
    // The demo call: the funder's first call with submitted applications.
    let mut found = None;
    for call in store.calls_of_structure(funder).await? {
        let apps: Vec<_> = store
            .applications_of_call(call.id)
            .await?
            .into_iter()
            .filter(|a| a.status == "submitted")
            .collect();
        if call.status != "draft" && !apps.is_empty() {
            found = Some((call, apps));
            break;
        }
    }
    let Some((call, apps)) = found else {
        return Ok(());
    };
    let (bruno, _) = crate::create_user(
        store,
        "bruno.relecteur@essaim.localhost",
        "Bruno Kerhervé",
        None,
        false,
    )
    .await?;
    let (ines, _) = crate::create_user(
        store,
        "ines.relectrice@essaim.localhost",
        "Inès Moreau",
        None,
        false,
    )
    .await?;
    let now = utc_now();
    for r in [holder, bruno.id, ines.id] {
        store.add_reviewer(call.id, r, admin, now).await?;
    }
    // Inès declares a conflict on the first application.
    store
        .declare_conflict(&NewConflict {
            application_id: apps[0].id,
            person_id: ines.id,
            reason: "J’ai accompagné ce projet l’an dernier.".into(),
            at: now,
        })
        .await?;
    let facts = store.exclusion_facts(call.id).await?;
    let mut excluded: HashSet<(Uuid, Uuid)> = HashSet::new();
    for a in &apps {
        let partners: Vec<Uuid> = facts
            .partners
            .iter()
            .filter(|(x, _)| *x == a.id)
            .map(|(_, s)| *s)
            .collect();
        for r in [holder, bruno.id, ines.id] {
            let mine: Vec<Uuid> = facts
                .memberships
                .iter()
                .filter(|(p, _)| *p == r)
                .map(|(_, s)| *s)
                .collect();
            if automatic_exclusion(&mine, a.structure_id, &partners).is_some() {
                excluded.insert((a.id, r));
            }
        }
    }
    for c in store.conflicts(call.id).await? {
        excluded.insert((c.application_id, c.person_id));
    }
    let app_ids: Vec<Uuid> = apps.iter().map(|a| a.id).collect();
    let out = assign(
        &app_ids,
        &[holder, bruno.id, ines.id],
        call.reviewers_per_application.max(1) as usize,
        &excluded,
        &[],
    );
    store.replace_assignments(call.id, &out.pairs, now).await?;
    // Every assigned reviewer scores; the first application is the strongest.
    let criteria = store.call_criteria(call.id).await?;
    for (i, (a, r)) in out.pairs.iter().enumerate() {
        let strong = *a == app_ids[0];
        let scores: Vec<(Uuid, i64)> = criteria
            .iter()
            .map(|c| {
                let max = i64::from(c.scale_max);
                let s = if strong {
                    max - (i as i64 % 2)
                } else {
                    max / 2
                };
                (c.id, s.clamp(0, max))
            })
            .collect();
        store
            .save_review(&NewReview {
                id: Uuid::now_v7(),
                application_id: *a,
                reviewer_id: *r,
                private_comment: "Équipe solide, budget à préciser.".into(),
                shared_comment: if strong {
                    "Un projet utile au territoire, bien ancré dans son quartier.".into()
                } else {
                    "Le projet gagnerait à préciser ses partenariats.".into()
                },
                scores,
                submit: true,
                at: now,
            })
            .await?;
    }
    for r in store.reviews_of_application(app_ids[0]).await? {
        store.set_share_comment(r.id, true).await?;
    }
    // One award within the range and the budget, sent; the others stay to be decided.
    let amount = call
        .max_award_cents
        .min(call.budget_cents)
        .max(call.min_award_cents);
    if amount > 0 && amount <= call.budget_cents {
        store
            .record_decision(&NewDecision {
                application_id: app_ids[0],
                status: "granted".into(),
                amount_cents: Some(amount),
                conditions: Some("Un bilan d’activité à six mois.".into()),
                reason: None,
                by: admin,
                at: now,
            })
            .await?;
        store.send_decisions(call.id, now).await?;
    }
    Ok(())
}
