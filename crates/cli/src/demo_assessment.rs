//! Demo data: two self-assessments (autoévaluations) a year apart of the first published
//! initiative the first demo structure carries, the later one published, so that the radar
//! shows an evolution.

use chrono::Duration;
use essaim_domain::assessment::{Answer, QUESTIONS};
use essaim_domain::initiative::{Status, StructureRole};
use essaim_store::assessment::NewAssessment;
use essaim_store::{utc_now, Store};
use uuid::Uuid;

/// The first published initiative carried by `structure` (the oldest), if any.
pub async fn carried_initiative(
    store: &dyn Store,
    structure: Uuid,
) -> anyhow::Result<Option<Uuid>> {
    let mut carried: Vec<_> = store
        .initiatives_of_structure(structure)
        .await?
        .into_iter()
        .filter(|(i, role)| *role == StructureRole::Porteur && i.status == Status::Published)
        .map(|(i, _)| i)
        .collect();
    carried.sort_by_key(|i| (i.created_at, i.id));
    Ok(carried.first().map(|i| i.id))
}

/// Seeds this context in the demo territory. `admin` and `holder` are the demo accounts;
/// `structures` the demo structures in the order of `demo::STRUCTURES`.
pub async fn seed(
    store: &dyn Store,
    _admin: Uuid,
    holder: Uuid,
    structures: &[Uuid],
) -> anyhow::Result<()> {
    let Some(structure) = structures.first() else {
        return Ok(());
    };
    let Some(initiative) = carried_initiative(store, *structure).await? else {
        return Ok(());
    };
    // A year ago the initiative knew little of its impact; today it measures more of it.
    let then: [u8; 15] = [2, 1, 1, 2, 1, 0, 1, 1, 0, 1, 0, 2, 1, 1, 0];
    let now: [u8; 15] = [3, 3, 2, 4, 3, 2, 3, 2, 3, 2, 1, 3, 3, 2, 2];
    let comment = |q: &str| match q {
        "whom-2" => "Nous tenons désormais un registre des participants.".to_owned(),
        "scale-3" => "La situation de départ a été relevée avec le centre social.".to_owned(),
        _ => String::new(),
    };
    for (scores, days_ago, publish) in [(then, 365, false), (now, 2, true)] {
        let at = utc_now() - Duration::days(days_ago);
        let answers = QUESTIONS
            .iter()
            .zip(scores)
            .map(|(q, score)| Answer {
                question: q.id.into(),
                score,
                comment: if publish {
                    comment(q.id)
                } else {
                    String::new()
                },
            })
            .collect();
        let a = store
            .create_assessment(&NewAssessment {
                id: Uuid::now_v7(),
                initiative_id: initiative,
                author_id: holder,
                answers,
                created_at: at,
            })
            .await?;
        if publish {
            store.set_assessment_published(a.id, true, at).await?;
        }
    }
    Ok(())
}
