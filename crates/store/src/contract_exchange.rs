//! The exchange part of the store contract (see `contract`): offers and needs, their lists and
//! filters, conversations through the platform, the export and the erasure of a person's part.

use crate::contract_initiatives::{author, structure};
use crate::exchange::{Message, NewPost, Post, PostFields, PostFilter};
use crate::*;
use chrono::{Duration, NaiveDate};
use uuid::Uuid;

fn fields(direction: &str, kind: &str, title: &str) -> PostFields {
    PostFields {
        direction: direction.into(),
        kind: kind.into(),
        title: title.into(),
        body: "Une salle **lumineuse**.".into(),
        territory: "commune:29019".into(),
        themes: vec!["inclusion".into(), "culture".into()],
        starts_on: NaiveDate::from_ymd_opt(2027, 1, 1),
        ends_on: None,
        structure_id: None,
    }
}

async fn post(store: &dyn Store, who: Uuid, f: PostFields) -> Post {
    store
        .create_exchange_post(&NewPost {
            id: Uuid::now_v7(),
            author_id: who,
            fields: f,
            created_at: utc_now(),
        })
        .await
        .unwrap()
}

fn message(post: Uuid, counterpart: Uuid, sender: Uuid, body: &str) -> Message {
    Message {
        id: Uuid::now_v7(),
        post_id: post,
        counterpart_id: counterpart,
        sender_id: sender,
        body: body.into(),
        created_at: utc_now(),
    }
}

pub async fn exchange_posts_are_created_updated_closed_and_read_back(store: &dyn Store) {
    let who = author(store).await;
    let org = structure(store, who, "Ressourcerie du Ponant").await;
    let mut f = fields("need", "premises", "Une salle pour nos ateliers");
    f.structure_id = Some(org.id);
    let p = post(store, who, f.clone()).await;
    assert_eq!(p.status, "open");
    assert_eq!(p.themes, vec!["inclusion".to_owned(), "culture".to_owned()]);
    assert_eq!(p.starts_on, NaiveDate::from_ymd_opt(2027, 1, 1));
    assert_eq!(store.exchange_post(p.id).await.unwrap(), Some(p.clone()));

    let later = p.created_at + Duration::seconds(5);
    let mut g = f.clone();
    g.title = "Une grande salle".into();
    g.themes = vec![];
    g.ends_on = NaiveDate::from_ymd_opt(2027, 6, 30);
    let u = store.update_exchange_post(p.id, &g, later).await.unwrap();
    assert_eq!((u.title.as_str(), u.themes.len()), ("Une grande salle", 0));
    assert_eq!(u.ends_on, NaiveDate::from_ymd_opt(2027, 6, 30));
    assert_eq!(u.updated_at, later);
    assert_eq!(u.created_at, p.created_at);

    let closed = store
        .set_exchange_post_status(p.id, "closed", later)
        .await
        .unwrap();
    assert_eq!(closed.status, "closed");
    // The database refuses a status outside the vocabulary.
    assert!(store
        .set_exchange_post_status(p.id, "lost", later)
        .await
        .is_err());
    assert!(matches!(
        store.update_exchange_post(Uuid::now_v7(), &g, later).await,
        Err(StoreError::NotFound)
    ));
    assert!(matches!(
        store
            .set_exchange_post_status(Uuid::now_v7(), "closed", later)
            .await,
        Err(StoreError::NotFound)
    ));
    // An unknown author is NotFound, not a database error.
    assert!(matches!(
        store
            .create_exchange_post(&NewPost {
                id: Uuid::now_v7(),
                author_id: Uuid::now_v7(),
                fields: fields("offer", "skills", "Du temps"),
                created_at: utc_now(),
            })
            .await,
        Err(StoreError::NotFound)
    ));
}

pub async fn exchange_posts_are_listed_filtered_and_counted(store: &dyn Store) {
    let (a, b) = (author(store).await, author(store).await);
    let need = post(store, a, fields("need", "premises", "Besoin de salle")).await;
    let offer = post(store, b, fields("offer", "premises", "Salle à prêter")).await;
    let skills = post(
        store,
        b,
        fields("offer", "skills", "Mécénat de compétences"),
    )
    .await;
    store
        .set_exchange_post_status(skills.id, "closed", utc_now())
        .await
        .unwrap();
    let all = store
        .list_exchange_posts(&PostFilter::default(), Page::first(10))
        .await
        .unwrap();
    assert_eq!(
        all.iter().map(|p| p.id).collect::<Vec<_>>(),
        vec![skills.id, offer.id, need.id],
        "newest first"
    );
    let open_offers = PostFilter {
        direction: Some("offer".into()),
        status: Some("open".into()),
        ..Default::default()
    };
    let listed = store
        .list_exchange_posts(&open_offers, Page::first(10))
        .await
        .unwrap();
    assert_eq!(
        listed.iter().map(|p| p.id).collect::<Vec<_>>(),
        vec![offer.id]
    );
    assert_eq!(store.count_exchange_posts(&open_offers).await.unwrap(), 1);
    let by_b = PostFilter {
        author_id: Some(b),
        ..Default::default()
    };
    assert_eq!(store.count_exchange_posts(&by_b).await.unwrap(), 2);
    let premises = PostFilter {
        kind: Some("premises".into()),
        ..Default::default()
    };
    assert_eq!(store.count_exchange_posts(&premises).await.unwrap(), 2);
    let second = store
        .list_exchange_posts(
            &PostFilter::default(),
            Page {
                limit: 1,
                offset: 1,
            },
        )
        .await
        .unwrap();
    assert_eq!(second[0].id, offer.id);
}

pub async fn exchange_conversations_are_per_post_and_counterpart(store: &dyn Store) {
    let (owner, manager, asker, other) = (
        author(store).await,
        author(store).await,
        author(store).await,
        author(store).await,
    );
    let org = structure(store, manager, "Tiers-lieu de Recouvrance").await;
    let mut f = fields("offer", "premises", "Salle à prêter");
    f.structure_id = Some(org.id);
    let p = post(store, owner, f).await;
    store
        .add_exchange_message(&message(p.id, asker, asker, "Bonjour, est-elle libre ?"))
        .await
        .unwrap();
    store
        .add_exchange_message(&message(p.id, asker, owner, "Oui, le mardi."))
        .await
        .unwrap();
    store
        .add_exchange_message(&message(p.id, other, other, "Et pour nous ?"))
        .await
        .unwrap();
    let c = store.exchange_conversation(p.id, asker).await.unwrap();
    assert_eq!(
        c.iter().map(|m| m.body.as_str()).collect::<Vec<_>>(),
        vec!["Bonjour, est-elle libre ?", "Oui, le mardi."]
    );
    assert_eq!(
        store
            .exchange_conversations_of_post(p.id)
            .await
            .unwrap()
            .len(),
        2
    );
    // The author, a manager of the structure and each counterpart see their conversations.
    assert_eq!(
        store
            .exchange_conversations_of_person(owner)
            .await
            .unwrap()
            .len(),
        2
    );
    assert_eq!(
        store
            .exchange_conversations_of_person(manager)
            .await
            .unwrap()
            .len(),
        2
    );
    let mine = store.exchange_conversations_of_person(asker).await.unwrap();
    assert_eq!(mine.len(), 1);
    assert_eq!(
        (mine[0].messages, mine[0].post_title.as_str()),
        (2, "Salle à prêter")
    );
    assert_eq!(store.exchange_messages_by(owner).await.unwrap().len(), 1);
    assert!(matches!(
        store
            .add_exchange_message(&message(Uuid::now_v7(), asker, asker, "?"))
            .await,
        Err(StoreError::NotFound)
    ));
}

pub async fn exchange_erasure_removes_posts_and_conversations(store: &dyn Store) {
    let (a, b) = (author(store).await, author(store).await);
    let mine = post(store, a, fields("need", "premises", "Ma demande")).await;
    let theirs = post(store, b, fields("offer", "premises", "Leur offre")).await;
    store
        .add_exchange_message(&message(mine.id, b, b, "Je peux aider"))
        .await
        .unwrap();
    store
        .add_exchange_message(&message(theirs.id, a, a, "Intéressé"))
        .await
        .unwrap();
    store
        .add_exchange_message(&message(theirs.id, a, b, "Parfait"))
        .await
        .unwrap();
    store.erase_exchange_of(a).await.unwrap();
    assert_eq!(store.exchange_post(mine.id).await.unwrap(), None);
    assert!(store.exchange_post(theirs.id).await.unwrap().is_some());
    assert!(store
        .exchange_conversation(theirs.id, a)
        .await
        .unwrap()
        .is_empty());
    assert!(store.exchange_messages_by(b).await.unwrap().is_empty());
}

pub async fn exchange_posts_and_messages_are_exported_and_erased_with_the_person(
    store: &dyn Store,
) {
    let (a, b) = (author(store).await, author(store).await);
    let mine = post(store, a, fields("need", "premises", "Ma demande")).await;
    let theirs = post(store, b, fields("offer", "premises", "Leur offre")).await;
    store
        .add_exchange_message(&message(theirs.id, a, a, "Intéressée"))
        .await
        .unwrap();
    let c = store.contributions_of(a).await.unwrap();
    assert_eq!(c.exchange_posts, vec![mine.clone()]);
    assert_eq!(c.exchange_messages.len(), 1);
    assert_eq!(c.exchange_messages[0].body, "Intéressée");
    assert!(store.erase_person(a, utc_now()).await.unwrap());
    assert_eq!(store.exchange_post(mine.id).await.unwrap(), None);
    assert!(store
        .exchange_conversation(theirs.id, a)
        .await
        .unwrap()
        .is_empty());
    assert!(store.exchange_post(theirs.id).await.unwrap().is_some());
}
