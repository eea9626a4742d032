//! The funding part of the store contract (see `contract`): calls written whole with their
//! eligibility, criteria and questions and rewritten only as drafts; the catalogue's filters;
//! one live application per call and initiative; answers and documents of drafts only; the
//! closing time read at submission; withdrawal before a decision; awards and prizes.

use crate::contract_initiatives::{author, content, publish, structure};
use crate::funding::{
    conflict, Answer, CallEdit, CallFilter, NewApplication, NewCall, NewCriterion, NewDocument,
    NewQuestion, MAX_DOCUMENTS, MAX_DOCUMENTS_BYTES,
};
use crate::*;
use chrono::Duration;
use essaim_domain::funding::Eligibility;
use essaim_domain::initiative::StructureRole;
use uuid::Uuid;

fn call(funder: Uuid, by: Uuid, kind: &str, title: &str) -> NewCall {
    let now = utc_now();
    NewCall {
        id: Uuid::now_v7(),
        structure_id: funder,
        kind: kind.into(),
        title: title.into(),
        description: "Un **appel**.".into(),
        currency: "EUR".into(),
        budget_cents: 3_000_000,
        min_award_cents: 100_000,
        max_award_cents: 1_500_000,
        opens_at: now - Duration::days(1),
        closes_at: now + Duration::days(30),
        decision_on: Some("2026-12-15".into()),
        reviewers_per_application: 3,
        publish_awards: true,
        eligibility: Eligibility {
            challenges: vec!["alimentation".into()],
            territories: vec!["departement:29".into()],
            stages: vec![],
            structure_kinds: vec!["association".into()],
        },
        criteria: vec![
            NewCriterion {
                name: "Utilité".into(),
                description: "Ce que le projet change.".into(),
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
        questions: vec![
            NewQuestion {
                label: "Pourquoi ?".into(),
                kind: "text".into(),
                choices: String::new(),
                required: true,
            },
            NewQuestion {
                label: "Taille".into(),
                kind: "choice".into(),
                choices: "Petite\nGrande".into(),
                required: false,
            },
        ],
        created_by: by,
        at: now,
    }
}

/// A funder with a published call, and an applicant structure with a published initiative:
/// (call, applicant structure, initiative, person).
async fn setup(store: &dyn Store, kind: &str) -> (crate::funding::Call, Uuid, Uuid, Uuid) {
    let who = author(store).await;
    let funder = structure(store, who, "Fondation").await;
    let c = store
        .create_call(&call(funder.id, who, kind, "Prix de la Métropole"))
        .await
        .unwrap();
    let c = store
        .set_call_status(c.id, "draft", "published", utc_now())
        .await
        .unwrap();
    let applicant = structure(store, who, "Les Jardins").await;
    let mut cont = content(
        "Jardins partagés",
        "Des jardins.",
        "Brest",
        &["alimentation"],
        "idee",
    );
    cont.structures = vec![(applicant.id, StructureRole::Porteur)];
    let i = publish(store, who, cont).await;
    (c, applicant.id, i.id, who)
}

fn application(call: Uuid, structure: Uuid, initiative: Uuid, by: Uuid) -> NewApplication {
    NewApplication {
        id: Uuid::now_v7(),
        call_id: call,
        structure_id: structure,
        initiative_id: initiative,
        created_by: by,
        at: utc_now(),
    }
}

pub async fn calls_are_written_whole_and_rewritten_only_as_drafts(store: &dyn Store) {
    let who = author(store).await;
    let funder = structure(store, who, "Fondation").await;
    let new = call(funder.id, who, "prize", "Prix");
    let c = store.create_call(&new).await.unwrap();
    assert_eq!((c.status.as_str(), c.kind.as_str()), ("draft", "prize"));
    assert_eq!(c.structure_name, "Fondation");
    assert_eq!(c.budget_cents, 3_000_000);
    assert!(c.publish_awards);
    assert_eq!(c.closes_at, new.closes_at);
    assert_eq!(store.call_eligibility(c.id).await.unwrap(), new.eligibility);
    let criteria = store.call_criteria(c.id).await.unwrap();
    assert_eq!(
        criteria
            .iter()
            .map(|c| (c.name.as_str(), c.weight, c.scale_max))
            .collect::<Vec<_>>(),
        [("Utilité", 2, 5), ("Faisabilité", 1, 10)]
    );
    let questions = store.call_questions(c.id).await.unwrap();
    assert_eq!(questions[1].choice_list(), ["Petite", "Grande"]);
    assert!(questions[0].required);

    // A draft is rewritten whole: side rows replaced, not added.
    let mut again = new.clone();
    again.title = "Prix révisé".into();
    again.criteria.truncate(1);
    again.eligibility.challenges.clear();
    again.at = utc_now();
    let c2 = store.update_call(&again).await.unwrap();
    assert_eq!(c2.title, "Prix révisé");
    assert_eq!(store.call_criteria(c.id).await.unwrap().len(), 1);
    assert!(store
        .call_eligibility(c.id)
        .await
        .unwrap()
        .challenges
        .is_empty());

    // Published: no rewrite; safe edits only; statuses from the status seen.
    store
        .set_call_status(c.id, "draft", "published", utc_now())
        .await
        .unwrap();
    let e = store.update_call(&again).await.unwrap_err();
    assert!(matches!(e, StoreError::Conflict(conflict::CALL_NOT_DRAFT)));
    let e = store
        .set_call_status(c.id, "draft", "published", utc_now())
        .await
        .unwrap_err();
    assert!(matches!(
        e,
        StoreError::Conflict(conflict::CALL_STATUS_CHANGED)
    ));
    let later = new.closes_at + Duration::days(7);
    let c3 = store
        .edit_published_call(
            c.id,
            &CallEdit {
                description: "Reporté.".into(),
                closes_at: later,
                decision_on: None,
                at: utc_now(),
            },
        )
        .await
        .unwrap();
    assert_eq!((c3.description.as_str(), c3.closes_at), ("Reporté.", later));
    assert_eq!(c3.title, "Prix révisé");
    let mut unknown = again.clone();
    unknown.id = Uuid::now_v7();
    assert!(matches!(
        store.update_call(&unknown).await.unwrap_err(),
        StoreError::NotFound
    ));
    assert!(store.call(Uuid::now_v7()).await.unwrap().is_none());
    assert_eq!(store.calls_of_structure(funder.id).await.unwrap().len(), 1);
}

pub async fn the_catalogue_lists_public_calls_by_filter(store: &dyn Store) {
    let who = author(store).await;
    let funder = structure(store, who, "Fondation").await;
    let open = store
        .create_call(&call(funder.id, who, "prize", "Ouvert"))
        .await
        .unwrap();
    store
        .set_call_status(open.id, "draft", "published", utc_now())
        .await
        .unwrap();
    let mut anyone = call(funder.id, who, "fund", "Pour tous");
    anyone.eligibility = Eligibility::default();
    anyone.opens_at = utc_now() + Duration::days(3);
    let anyone = store.create_call(&anyone).await.unwrap();
    store
        .set_call_status(anyone.id, "draft", "published", utc_now())
        .await
        .unwrap();
    let draft = store
        .create_call(&call(funder.id, who, "call", "Brouillon"))
        .await
        .unwrap();
    let titles = |f: CallFilter| async move {
        let mut t: Vec<String> = store
            .list_calls(&f)
            .await
            .unwrap()
            .into_iter()
            .filter(|c| c.structure_id == funder.id)
            .map(|c| c.title)
            .collect();
        t.sort();
        t
    };
    assert_eq!(titles(CallFilter::default()).await, ["Ouvert", "Pour tous"]);
    let now = Some(utc_now());
    let f = CallFilter {
        open_at: now,
        ..Default::default()
    };
    assert_eq!(titles(f).await, ["Ouvert"], "not open yet, not a draft");
    let f = CallFilter {
        kind: Some("fund".into()),
        ..Default::default()
    };
    assert_eq!(titles(f).await, ["Pour tous"]);
    let f = CallFilter {
        challenge: Some("sante".into()),
        ..Default::default()
    };
    assert_eq!(
        titles(f).await,
        ["Pour tous"],
        "no restriction counts as open"
    );
    let f = CallFilter {
        challenge: Some("alimentation".into()),
        territory: Some("departement:29".into()),
        ..Default::default()
    };
    assert_eq!(titles(f).await, ["Ouvert", "Pour tous"]);
    let f = CallFilter {
        territory: Some("departement:35".into()),
        ..Default::default()
    };
    assert_eq!(titles(f).await, ["Pour tous"]);
    assert_eq!(store.call(draft.id).await.unwrap().unwrap().status, "draft");
}

pub async fn one_live_application_per_call_and_initiative(store: &dyn Store) {
    let (c, s, i, who) = setup(store, "call").await;
    let a = store
        .create_application(&application(c.id, s, i, who))
        .await
        .unwrap();
    assert_eq!(
        (a.status.as_str(), a.call_title.as_str()),
        ("draft", c.title.as_str())
    );
    assert_eq!(a.structure_name, "Les Jardins");
    let e = store
        .create_application(&application(c.id, s, i, who))
        .await
        .unwrap_err();
    assert!(matches!(e, StoreError::AlreadyExists));
    // A withdrawn one makes way for a new one.
    store.withdraw_application(a.id, utc_now()).await.unwrap();
    let b = store
        .create_application(&application(c.id, s, i, who))
        .await
        .unwrap();
    assert_ne!(a.id, b.id);
    assert_eq!(store.applications_of_call(c.id).await.unwrap().len(), 2);
    assert_eq!(store.applications_of_structure(s).await.unwrap().len(), 2);
    // An unknown call or initiative is NotFound.
    let e = store
        .create_application(&application(Uuid::now_v7(), s, i, who))
        .await
        .unwrap_err();
    assert!(matches!(e, StoreError::NotFound));
}

pub async fn drafts_take_answers_and_documents_until_submitted(store: &dyn Store) {
    let (c, s, i, who) = setup(store, "call").await;
    let a = store
        .create_application(&application(c.id, s, i, who))
        .await
        .unwrap();
    let q = store.call_questions(c.id).await.unwrap();
    let answers = [
        Answer {
            question_id: q[0].id,
            value: "Pour nourrir le quartier.".into(),
        },
        Answer {
            question_id: q[1].id,
            value: "Grande".into(),
        },
    ];
    store.save_answers(a.id, &answers, utc_now()).await.unwrap();
    // Saving again replaces; a blank answer is not kept.
    let answers2 = [
        Answer {
            question_id: q[0].id,
            value: "Pour nourrir la ville.".into(),
        },
        Answer {
            question_id: q[1].id,
            value: String::new(),
        },
    ];
    store
        .save_answers(a.id, &answers2, utc_now())
        .await
        .unwrap();
    assert_eq!(store.answers(a.id).await.unwrap(), answers2[..1].to_vec());
    let doc = NewDocument {
        id: Uuid::now_v7(),
        application_id: a.id,
        question_id: None,
        name: "budget.pdf".into(),
        sha256: "ab".repeat(32),
        data: b"%PDF-1.4\n%%EOF\n".to_vec(),
        uploaded_by: who,
        at: utc_now(),
    };
    let meta = store.add_document(&doc).await.unwrap();
    assert_eq!((meta.size, meta.name.as_str()), (15, "budget.pdf"));
    let got = store.document(doc.id).await.unwrap().unwrap();
    assert_eq!((got.data, got.application_id), (doc.data.clone(), a.id));
    let extra = NewDocument {
        id: Uuid::now_v7(),
        ..doc.clone()
    };
    store.add_document(&extra).await.unwrap();
    assert!(store.delete_document(extra.id).await.unwrap());
    assert!(!store.delete_document(extra.id).await.unwrap());
    assert_eq!(store.documents(a.id).await.unwrap().len(), 1);

    let submitted = store
        .submit_application(a.id, r#"{"frozen":true}"#, utc_now())
        .await
        .unwrap();
    assert_eq!(submitted.status, "submitted");
    assert_eq!(submitted.snapshot, r#"{"frozen":true}"#);
    assert!(submitted.submitted_at.is_some());
    // Frozen: no answers, no documents, no second submission, no removal.
    let e = store
        .save_answers(a.id, &answers, utc_now())
        .await
        .unwrap_err();
    assert!(matches!(
        e,
        StoreError::Conflict(conflict::APPLICATION_NOT_DRAFT)
    ));
    let again = NewDocument {
        id: Uuid::now_v7(),
        ..doc.clone()
    };
    let e = store.add_document(&again).await.unwrap_err();
    assert!(matches!(
        e,
        StoreError::Conflict(conflict::APPLICATION_NOT_DRAFT)
    ));
    assert!(!store.delete_document(doc.id).await.unwrap());
    let e = store
        .submit_application(a.id, "{}", utc_now())
        .await
        .unwrap_err();
    assert!(matches!(
        e,
        StoreError::Conflict(conflict::APPLICATION_NOT_DRAFT)
    ));
}

pub async fn an_application_holds_a_limited_number_and_size_of_documents(store: &dyn Store) {
    let (c, s, i, who) = setup(store, "call").await;
    let a = store
        .create_application(&application(c.id, s, i, who))
        .await
        .unwrap();
    let doc = |data: Vec<u8>| NewDocument {
        id: Uuid::now_v7(),
        application_id: a.id,
        question_id: None,
        name: "piece.pdf".into(),
        sha256: "ab".repeat(32),
        data,
        uploaded_by: who,
        at: utc_now(),
    };
    // By size: 50 MB in all pass, one byte more does not.
    let half = (MAX_DOCUMENTS_BYTES / 2) as usize;
    let big = store.add_document(&doc(vec![b'%'; half])).await.unwrap();
    store.add_document(&doc(vec![b'%'; half])).await.unwrap();
    let e = store.add_document(&doc(vec![b'%'; 1])).await.unwrap_err();
    assert!(matches!(e, StoreError::Conflict(conflict::DOCUMENTS_LIMIT)));
    // By count: the room freed by a removal takes small documents up to the limit.
    assert!(store.delete_document(big.id).await.unwrap());
    for _ in 3..MAX_DOCUMENTS {
        store.add_document(&doc(b"%PDF".to_vec())).await.unwrap();
    }
    // Two places left, three uploads at once: two pass, the third is counted against them.
    let (d1, d2, d3) = (
        doc(b"%PDF".to_vec()),
        doc(b"%PDF".to_vec()),
        doc(b"%PDF".to_vec()),
    );
    let (x, y, z) = tokio::join!(
        store.add_document(&d1),
        store.add_document(&d2),
        store.add_document(&d3),
    );
    let results = [x, y, z];
    assert_eq!(results.iter().filter(|r| r.is_ok()).count(), 2);
    for r in results {
        if let Err(e) = r {
            assert!(
                matches!(e, StoreError::Conflict(conflict::DOCUMENTS_LIMIT)),
                "{e:?}"
            );
        }
    }
    let e = store
        .add_document(&doc(b"%PDF".to_vec()))
        .await
        .unwrap_err();
    assert!(matches!(e, StoreError::Conflict(conflict::DOCUMENTS_LIMIT)));
    assert_eq!(
        store.documents(a.id).await.unwrap().len() as i64,
        MAX_DOCUMENTS
    );
}

pub async fn submission_reads_the_closing_time_and_the_status(store: &dyn Store) {
    let (c, s, i, who) = setup(store, "call").await;
    let a = store
        .create_application(&application(c.id, s, i, who))
        .await
        .unwrap();
    let e = store
        .submit_application(a.id, "{}", c.closes_at)
        .await
        .unwrap_err();
    assert!(
        matches!(e, StoreError::Conflict(conflict::DEADLINE_PASSED)),
        "at the closing time is too late"
    );
    let e = store
        .submit_application(a.id, "{}", c.closes_at + Duration::seconds(1))
        .await
        .unwrap_err();
    assert!(matches!(e, StoreError::Conflict(conflict::DEADLINE_PASSED)));
    store
        .set_call_status(c.id, "published", "closed", utc_now())
        .await
        .unwrap();
    let e = store
        .submit_application(a.id, "{}", utc_now())
        .await
        .unwrap_err();
    assert!(matches!(e, StoreError::Conflict(conflict::CALL_NOT_OPEN)));
    assert_eq!(
        store.application(a.id).await.unwrap().unwrap().status,
        "draft"
    );
    assert!(matches!(
        store
            .submit_application(Uuid::now_v7(), "{}", utc_now())
            .await
            .unwrap_err(),
        StoreError::NotFound
    ));
}

pub async fn awards_and_prizes_are_sent_grants_of_public_calls(store: &dyn Store) {
    let (c, s, i, who) = setup(store, "prize").await;
    let a = store
        .create_application(&application(c.id, s, i, who))
        .await
        .unwrap();
    store
        .submit_application(a.id, "{}", utc_now())
        .await
        .unwrap();
    store
        .record_decision(&crate::review::NewDecision {
            application_id: a.id,
            status: "granted".into(),
            amount_cents: Some(500_000),
            conditions: Some("Un bilan.".into()),
            reason: None,
            by: who,
            at: utc_now(),
        })
        .await
        .unwrap();
    // Decided but not sent: not withdrawable, not public.
    let e = store
        .withdraw_application(a.id, utc_now())
        .await
        .unwrap_err();
    assert!(matches!(e, StoreError::Conflict(conflict::CANNOT_WITHDRAW)));
    let mine = |v: Vec<crate::funding::Award>| v.into_iter().filter(|x| x.call_id == c.id).count();
    assert_eq!(mine(store.awards().await.unwrap()), 0);
    assert!(store.prizes_of_initiative(i).await.unwrap().is_empty());
    store.send_decisions(c.id, utc_now()).await.unwrap();
    let awards: Vec<_> = store
        .awards()
        .await
        .unwrap()
        .into_iter()
        .filter(|x| x.call_id == c.id)
        .collect();
    assert_eq!(awards.len(), 1);
    assert_eq!(
        (
            awards[0].amount_cents,
            awards[0].funder_name.as_str(),
            awards[0].beneficiary_name.as_str()
        ),
        (500_000, "Fondation", "Les Jardins")
    );
    let prizes = store.prizes_of_initiative(i).await.unwrap();
    assert_eq!(prizes.len(), 1);
    assert!(prizes[0].is_sent_award());
}
