//! The news part of the store contract (see `contract`): items in groups and on the platform,
//! the scope of each list, the tag filter, deletion.

use crate::contract_initiatives::author;
use crate::groups::NewGroup;
use crate::news::{NewNewsItem, NewsScope};
use crate::*;
use uuid::Uuid;

async fn group(store: &dyn Store, by: Uuid, access: &str) -> Uuid {
    store
        .create_group(&NewGroup {
            id: Uuid::now_v7(),
            name: format!("Groupe {access}"),
            description: String::new(),
            territory: String::new(),
            challenge: String::new(),
            access: access.into(),
            created_by: by,
            created_at: utc_now(),
        })
        .await
        .unwrap()
        .id
}

fn item(group: Option<Uuid>, by: Uuid, title: &str, tags: &[&str]) -> NewNewsItem {
    NewNewsItem {
        id: Uuid::now_v7(),
        group_id: group,
        author_id: by,
        url: "https://exemple.org/article".into(),
        title: title.into(),
        comment: "À lire.".into(),
        tags: tags.iter().map(|t| (*t).to_owned()).collect(),
        stems: "lir".into(),
        created_at: utc_now(),
    }
}

pub async fn news_is_listed_by_group_and_on_the_platform(store: &dyn Store) {
    let who = author(store).await;
    let (open, closed) = (
        group(store, who, "open").await,
        group(store, who, "closed").await,
    );
    let a = store
        .add_news(&item(Some(open), who, "Ouvert", &["energie", "velo"]))
        .await
        .unwrap();
    assert_eq!(a.group_name.as_deref(), Some("Groupe open"));
    assert_eq!(a.tag_list(), vec!["energie", "velo"]);
    assert_eq!(a.author_name, "Claire");
    store
        .add_news(&item(Some(closed), who, "Fermé", &["energie"]))
        .await
        .unwrap();
    store
        .add_news(&item(None, who, "Plateforme", &[]))
        .await
        .unwrap();
    let titles = |v: Vec<news::NewsRow>| v.into_iter().map(|n| n.title).collect::<Vec<_>>();
    assert_eq!(
        titles(store.list_news(&NewsScope::Platform, None).await.unwrap()),
        vec!["Plateforme", "Ouvert"]
    );
    assert_eq!(
        titles(
            store
                .list_news(&NewsScope::Group(closed), None)
                .await
                .unwrap()
        ),
        vec!["Fermé"]
    );
    assert_eq!(
        titles(
            store
                .list_news(&NewsScope::Group(open), Some("velo"))
                .await
                .unwrap()
        ),
        vec!["Ouvert"]
    );
    // A tag is matched whole, not as a part of another.
    assert!(store
        .list_news(&NewsScope::Platform, Some("vel"))
        .await
        .unwrap()
        .is_empty());
    assert!(matches!(
        store
            .add_news(&item(Some(Uuid::now_v7()), who, "Nulle part", &[]))
            .await,
        Err(StoreError::NotFound)
    ));
    assert_eq!(store.get_news(a.id).await.unwrap(), Some(a.clone()));
    store.delete_news(a.id).await.unwrap();
    assert!(store.get_news(a.id).await.unwrap().is_none());
    let titles_of_who: Vec<String> = store
        .news_of(who)
        .await
        .unwrap()
        .into_iter()
        .map(|n| n.title)
        .collect();
    assert_eq!(titles_of_who, vec!["Fermé", "Plateforme"]);
    assert!(matches!(
        store.delete_news(a.id).await,
        Err(StoreError::NotFound)
    ));
}
