//! The self-assessment part of the store contract (see `contract`): answers kept as written,
//! lists oldest first with or without unpublished ones, publication and withdrawal.

use crate::assessment::NewAssessment;
use crate::contract_initiatives::{author, content, publish};
use crate::*;
use chrono::Duration;
use essaim_domain::assessment::{Answer, QUESTIONS};
use uuid::Uuid;

fn answers(score: u8) -> Vec<Answer> {
    QUESTIONS
        .iter()
        .map(|q| Answer {
            question: q.id.into(),
            score,
            comment: format!("« {} »", q.id),
        })
        .collect()
}

pub async fn assessments_are_kept_listed_and_published(store: &dyn Store) {
    let who = author(store).await;
    let i = publish(
        store,
        who,
        content(
            "Ruches",
            "Des ruches.",
            "commune:29019",
            &["alimentation"],
            "experimentation",
        ),
    )
    .await;
    let first_at = utc_now() - Duration::days(365);
    let first = store
        .create_assessment(&NewAssessment {
            id: Uuid::now_v7(),
            initiative_id: i.id,
            author_id: who,
            answers: answers(1),
            created_at: first_at,
        })
        .await
        .unwrap();
    assert_eq!(first.answer_list(), answers(1));
    assert_eq!(first.author_name, "Claire");
    assert!(!first.is_published && first.published_at.is_none());
    assert_eq!(first.created_at, first_at);
    let second = store
        .create_assessment(&NewAssessment {
            id: Uuid::now_v7(),
            initiative_id: i.id,
            author_id: who,
            answers: answers(3),
            created_at: utc_now(),
        })
        .await
        .unwrap();
    let ids = |v: Vec<assessment::Assessment>| v.into_iter().map(|a| a.id).collect::<Vec<_>>();
    assert_eq!(
        ids(store.assessments_of(i.id, true).await.unwrap()),
        vec![first.id, second.id]
    );
    assert!(store.assessments_of(i.id, false).await.unwrap().is_empty());

    let at = utc_now();
    assert!(store
        .set_assessment_published(second.id, true, at)
        .await
        .unwrap());
    let got = store.assessment(second.id).await.unwrap().unwrap();
    assert!(got.is_published);
    assert_eq!(got.published_at, Some(at));
    assert_eq!(
        ids(store.assessments_of(i.id, false).await.unwrap()),
        vec![second.id]
    );
    assert!(store
        .set_assessment_published(second.id, false, at)
        .await
        .unwrap());
    let got = store.assessment(second.id).await.unwrap().unwrap();
    assert!(!got.is_published && got.published_at.is_none());
    assert!(!store
        .set_assessment_published(Uuid::now_v7(), true, at)
        .await
        .unwrap());
    assert_eq!(store.assessments_by(who).await.unwrap().len(), 2);
    assert!(store.assessment(Uuid::now_v7()).await.unwrap().is_none());

    // An unknown initiative is NotFound, not a database error.
    let err = store
        .create_assessment(&NewAssessment {
            id: Uuid::now_v7(),
            initiative_id: Uuid::now_v7(),
            author_id: who,
            answers: answers(2),
            created_at: utc_now(),
        })
        .await
        .unwrap_err();
    assert!(matches!(err, StoreError::NotFound), "{err:?}");
}
