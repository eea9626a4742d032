//! The review part of the store contract (see `contract`): reviewers, conflicts that void the
//! pair's assignment and review, assignments replaced whole, reviews written only while
//! assigned and not submitted, decisions within the budget under concurrent requests, sending.

use crate::contract_initiatives::{author, content, note, structure};
use crate::funding::{NewApplication, NewCall, NewCriterion};
use crate::review::{conflict, NewConflict, NewDecision, NewReview};
use crate::*;
use essaim_domain::initiative::{Status, StructureRole};
use uuid::Uuid;

pub(crate) struct Setup {
    pub funder: Uuid,
    pub call: Uuid,
    pub criteria: Vec<Uuid>,
    /// Submitted applications, each by its own structure; the first initiative has a partner.
    pub applications: Vec<Uuid>,
    pub applicant_people: Vec<Uuid>,
    pub partner: Uuid,
}

/// A published call (budget 10 000 €, awards 1 000 to 8 000 €) with two criteria and `n`
/// submitted applications.
pub(crate) async fn setup(store: &dyn Store, n: usize) -> Setup {
    let funder = author(store).await;
    let funder_structure = structure(store, funder, "Fondation").await;
    let now = utc_now();
    let call = store
        .create_call(&NewCall {
            id: Uuid::now_v7(),
            structure_id: funder_structure.id,
            kind: "call".into(),
            title: "Appel".into(),
            description: String::new(),
            currency: "EUR".into(),
            budget_cents: 1_000_000,
            min_award_cents: 100_000,
            max_award_cents: 800_000,
            opens_at: now - chrono::Duration::days(1),
            closes_at: now + chrono::Duration::days(10),
            decision_on: None,
            reviewers_per_application: 2,
            publish_awards: true,
            eligibility: Default::default(),
            criteria: vec![
                NewCriterion {
                    name: "Utilité".into(),
                    description: String::new(),
                    weight: 2,
                    scale_max: 5,
                },
                NewCriterion {
                    name: "Faisabilité".into(),
                    description: String::new(),
                    weight: 1,
                    scale_max: 10,
                },
            ],
            questions: vec![],
            created_by: funder,
            at: now,
        })
        .await
        .unwrap();
    store
        .set_call_status(call.id, "draft", "published", now)
        .await
        .unwrap();
    let criteria = store
        .call_criteria(call.id)
        .await
        .unwrap()
        .into_iter()
        .map(|c| c.id)
        .collect();
    let partner_person = author(store).await;
    let partner = structure(store, partner_person, "Partenaire").await.id;
    let mut applications = vec![];
    let mut applicant_people = vec![];
    for i in 0..n {
        let holder = author(store).await;
        let s = structure(store, holder, &format!("Porteur {i}")).await;
        let mut c = content(
            &format!("Initiative {i}"),
            "Un jardin partagé.",
            "commune:29019",
            &["alimentation"],
            "idee",
        );
        c.structures = vec![(s.id, StructureRole::Porteur)];
        if i == 0 {
            c.structures.push((partner, StructureRole::Partenaire));
        }
        let initiative = store
            .create_initiative(
                Uuid::now_v7(),
                &c,
                Status::Published,
                None,
                note(holder, "création"),
            )
            .await
            .unwrap();
        let a = store
            .create_application(&NewApplication {
                id: Uuid::now_v7(),
                call_id: call.id,
                structure_id: s.id,
                initiative_id: initiative.id,
                created_by: holder,
                at: now,
            })
            .await
            .unwrap();
        store.submit_application(a.id, "{}", now).await.unwrap();
        applications.push(a.id);
        applicant_people.push(holder);
    }
    Setup {
        funder,
        call: call.id,
        criteria,
        applications,
        applicant_people,
        partner,
    }
}

fn review(app: Uuid, reviewer: Uuid, scores: Vec<(Uuid, i64)>, submit: bool) -> NewReview {
    NewReview {
        id: Uuid::now_v7(),
        application_id: app,
        reviewer_id: reviewer,
        private_comment: "Solide.".into(),
        shared_comment: "Bon projet.".into(),
        scores,
        submit,
        at: utc_now(),
    }
}

fn decision(app: Uuid, by: Uuid, status: &str, amount: Option<i64>) -> NewDecision {
    NewDecision {
        application_id: app,
        status: status.into(),
        amount_cents: amount,
        conditions: amount.map(|_| "Rapport à six mois.".into()),
        reason: (status == "refused").then(|| "Hors champ.".into()),
        by,
        at: utc_now(),
    }
}

pub async fn reviewers_are_named_once_and_excluded_by_membership(store: &dyn Store) {
    let s = setup(store, 1).await;
    let r = author(store).await;
    let named = store
        .add_reviewer(s.call, r, s.funder, utc_now())
        .await
        .unwrap();
    assert_eq!(named.name, "Claire");
    assert!(matches!(
        store.add_reviewer(s.call, r, s.funder, utc_now()).await,
        Err(StoreError::AlreadyExists)
    ));
    assert!(matches!(
        store
            .add_reviewer(s.call, Uuid::now_v7(), s.funder, utc_now())
            .await,
        Err(StoreError::NotFound)
    ));
    // A reviewer who belongs to the partner structure is in the facts.
    let partner_member = author(store).await;
    store
        .add_member(
            s.partner,
            partner_member,
            essaim_domain::structure::MemberRole::Member,
            utc_now(),
        )
        .await
        .unwrap();
    store
        .add_reviewer(s.call, partner_member, s.funder, utc_now())
        .await
        .unwrap();
    let facts = store.exclusion_facts(s.call).await.unwrap();
    assert!(facts.partners.contains(&(s.applications[0], s.partner)));
    assert!(facts.memberships.contains(&(partner_member, s.partner)));
    assert!(!facts.memberships.iter().any(|(p, _)| *p == r));
    assert_eq!(store.reviewers(s.call).await.unwrap().len(), 2);
    assert_eq!(store.calls_reviewed_by(r).await.unwrap(), vec![s.call]);
    store.remove_reviewer(s.call, r).await.unwrap();
    assert!(matches!(
        store.remove_reviewer(s.call, r).await,
        Err(StoreError::NotFound)
    ));
}

pub async fn reviews_need_an_assignment_and_stay_submitted(store: &dyn Store) {
    let s = setup(store, 2).await;
    let (r1, r2) = (author(store).await, author(store).await);
    for r in [r1, r2] {
        store
            .add_reviewer(s.call, r, s.funder, utc_now())
            .await
            .unwrap();
    }
    let a = s.applications[0];
    let pairs = vec![(a, r1), (s.applications[1], r2)];
    let added = store
        .replace_assignments(s.call, &pairs, utc_now())
        .await
        .unwrap();
    assert_eq!(added.len(), 2);
    let mut sorted = pairs.clone();
    sorted.sort();
    assert_eq!(store.assignments(s.call).await.unwrap(), sorted);
    assert!(store.is_assigned(a, r1).await.unwrap());
    // Not assigned: refused, nothing written.
    assert!(matches!(
        store.save_review(&review(a, r2, vec![], false)).await,
        Err(StoreError::Conflict(conflict::NOT_ASSIGNED))
    ));
    assert_eq!(store.review_of(a, r2).await.unwrap(), None);
    let draft = store
        .save_review(&review(a, r1, vec![(s.criteria[0], 3)], false))
        .await
        .unwrap();
    assert_eq!(draft.status, "draft");
    let done = store
        .save_review(&review(
            a,
            r1,
            vec![(s.criteria[0], 4), (s.criteria[1], 7)],
            true,
        ))
        .await
        .unwrap();
    assert_eq!(done.id, draft.id);
    assert!(done.is_submitted());
    let scores = store.scores_of_review(done.id).await.unwrap();
    assert_eq!(scores.len(), 2);
    assert!(scores
        .iter()
        .any(|x| x.criterion_id == s.criteria[0] && x.score == 4));
    assert!(matches!(
        store.save_review(&review(a, r1, vec![], false)).await,
        Err(StoreError::Conflict(conflict::ALREADY_SUBMITTED))
    ));
    assert_eq!(store.reviews_of_call(s.call).await.unwrap().len(), 1);
    assert_eq!(store.scores_of_call(s.call).await.unwrap().len(), 2);
    store.set_share_comment(done.id, true).await.unwrap();
    assert!(store.reviews_of_application(a).await.unwrap()[0].share_comment);
    // Replacing assignments keeps what stays and reports only the new pairs.
    let added = store
        .replace_assignments(s.call, &[(a, r1), (a, r2)], utc_now())
        .await
        .unwrap();
    assert_eq!(added, vec![(a, r2)]);
    assert!(!store.is_assigned(s.applications[1], r2).await.unwrap());
    let data = store.review_data_of(r1).await.unwrap();
    assert_eq!(data.reviews.len(), 1);
    assert_eq!(data.scores.len(), 2);
}

pub async fn a_declared_conflict_voids_the_assignment_and_review(store: &dyn Store) {
    let s = setup(store, 1).await;
    let r = author(store).await;
    store
        .add_reviewer(s.call, r, s.funder, utc_now())
        .await
        .unwrap();
    let a = s.applications[0];
    store
        .replace_assignments(s.call, &[(a, r)], utc_now())
        .await
        .unwrap();
    store
        .save_review(&review(a, r, vec![(s.criteria[0], 1)], false))
        .await
        .unwrap();
    let c = NewConflict {
        application_id: a,
        person_id: r,
        reason: "Ancienne salariée".into(),
        at: utc_now(),
    };
    store.declare_conflict(&c).await.unwrap();
    // Declared twice: the reason is rewritten, no error.
    store
        .declare_conflict(&NewConflict {
            reason: "Ancienne salariée du porteur".into(),
            ..c
        })
        .await
        .unwrap();
    assert!(!store.is_assigned(a, r).await.unwrap());
    assert_eq!(store.review_of(a, r).await.unwrap(), None);
    let conflicts = store.conflicts(s.call).await.unwrap();
    assert_eq!(conflicts.len(), 1);
    assert_eq!(conflicts[0].reason, "Ancienne salariée du porteur");
    assert_eq!(store.review_data_of(r).await.unwrap().conflicts.len(), 1);
}

pub async fn decisions_stay_within_the_budget_under_concurrency(store: &dyn Store) {
    let s = setup(store, 4).await;
    // Three grants of 4 000 € on a budget of 10 000 €, at once: at most two pass.
    let ds: Vec<NewDecision> = (0..3)
        .map(|i| decision(s.applications[i], s.funder, "granted", Some(400_000)))
        .collect();
    let (x, y, z) = tokio::join!(
        store.record_decision(&ds[0]),
        store.record_decision(&ds[1]),
        store.record_decision(&ds[2]),
    );
    let results = [x, y, z];
    let passed = results.iter().filter(|r| r.is_ok()).count();
    assert_eq!(passed, 2);
    for r in &results {
        if let Err(e) = r {
            assert!(
                matches!(e, StoreError::Conflict(conflict::BUDGET_EXCEEDED)),
                "{e:?}"
            );
        }
    }
    assert_eq!(store.granted_total(s.call).await.unwrap(), 800_000);
    // The refused write left its application as it was.
    let refused = results.iter().position(|r| r.is_err()).unwrap();
    let untouched = store
        .application(s.applications[refused])
        .await
        .unwrap()
        .unwrap();
    assert_eq!(untouched.status, "submitted");
    assert_eq!(untouched.decision_amount_cents, None);
    // Lowering a grant makes room; a refusal and a waiting list need no budget.
    let granted = results.iter().position(|r| r.is_ok()).unwrap();
    store
        .record_decision(&decision(
            s.applications[granted],
            s.funder,
            "granted",
            Some(200_000),
        ))
        .await
        .unwrap();
    store
        .record_decision(&decision(
            s.applications[refused],
            s.funder,
            "granted",
            Some(200_000),
        ))
        .await
        .unwrap();
    let refused_app = store
        .record_decision(&decision(s.applications[3], s.funder, "refused", None))
        .await
        .unwrap();
    assert_eq!(refused_app.status, "refused");
    assert_eq!(refused_app.decision_reason.as_deref(), Some("Hors champ."));
    assert_eq!(store.granted_total(s.call).await.unwrap(), 800_000);
}

pub async fn a_decision_and_a_withdrawal_at_once_never_both_pass(store: &dyn Store) {
    let s = setup(store, 4).await;
    for &a in &s.applications {
        let d = decision(a, s.funder, "granted", Some(100_000));
        let (withdrawn, decided) = tokio::join!(
            store.withdraw_application(a, utc_now()),
            store.record_decision(&d),
        );
        assert!(
            withdrawn.is_ok() != decided.is_ok(),
            "exactly one passes: {withdrawn:?} {decided:?}"
        );
        let now = store.application(a).await.unwrap().unwrap();
        if decided.is_ok() {
            assert_eq!(now.status, "granted");
        } else {
            assert_eq!(now.status, "withdrawn");
            assert_eq!(now.decided_at, None);
            assert!(matches!(
                decided,
                Err(StoreError::Conflict(conflict::NOT_DECIDABLE))
            ));
        }
    }
}

pub async fn decisions_are_sent_once_and_then_frozen(store: &dyn Store) {
    let s = setup(store, 2).await;
    let a = s.applications[0];
    let granted = store
        .record_decision(&decision(a, s.funder, "granted", Some(300_000)))
        .await
        .unwrap();
    assert_eq!(granted.status, "granted");
    assert_eq!(granted.decision_amount_cents, Some(300_000));
    assert_eq!(granted.decided_by, Some(s.funder));
    assert_eq!(granted.decision_sent_at, None);
    let at = utc_now();
    let sent = store.send_decisions(s.call, at).await.unwrap();
    assert_eq!(sent.len(), 1);
    assert_eq!(sent[0].decision_sent_at, Some(at));
    assert!(store
        .send_decisions(s.call, utc_now())
        .await
        .unwrap()
        .is_empty());
    assert!(matches!(
        store
            .record_decision(&decision(a, s.funder, "refused", None))
            .await,
        Err(StoreError::Conflict(conflict::ALREADY_SENT))
    ));
    // A withdrawn application cannot be decided.
    store
        .withdraw_application(s.applications[1], utc_now())
        .await
        .unwrap();
    assert!(matches!(
        store
            .record_decision(&decision(s.applications[1], s.funder, "waitlisted", None))
            .await,
        Err(StoreError::Conflict(conflict::NOT_DECIDABLE))
    ));
    assert!(matches!(
        store
            .record_decision(&decision(Uuid::now_v7(), s.funder, "waitlisted", None))
            .await,
        Err(StoreError::NotFound)
    ));
    let _ = s.applicant_people;
}
