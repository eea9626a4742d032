//! The groups part of the store contract (see `contract`): groups and memberships, threads and
//! posts, follows and mentions, notification settings and the digest's cursor, reports and
//! moderation.

use crate::contract_initiatives::author;
use crate::groups::{conflict, NewGroup, NewPost, NewThread, HIDDEN_BY_MODERATOR};
use crate::*;
use chrono::{Duration, Utc};
use uuid::Uuid;

async fn group(store: &dyn Store, creator: Uuid, access: &str) -> groups::Group {
    store
        .create_group(&NewGroup {
            id: Uuid::now_v7(),
            name: "Tiers-lieux du Finistère".into(),
            description: "Échanges entre *tiers-lieux*.".into(),
            territory: "commune:29019".into(),
            challenge: "inclusion".into(),
            access: access.into(),
            created_by: creator,
            created_at: utc_now(),
        })
        .await
        .unwrap()
}

fn post(group: Uuid, thread: Uuid, author: Uuid, body: &str, at: chrono::DateTime<Utc>) -> NewPost {
    NewPost {
        id: Uuid::now_v7(),
        thread_id: thread,
        group_id: group,
        author_id: author,
        body: body.into(),
        mentions: vec![],
        created_at: at,
    }
}

async fn thread(store: &dyn Store, group: Uuid, author: Uuid) -> groups::Thread {
    store
        .create_group_thread(&NewThread {
            title: "Mutualiser les outils".into(),
            post: post(
                group,
                Uuid::now_v7(),
                author,
                "Qui a une *scie* ?",
                utc_now(),
            ),
        })
        .await
        .unwrap()
}

pub async fn groups_keep_their_creator_as_admin_and_one_membership_each(store: &dyn Store) {
    let creator = author(store).await;
    let other = author(store).await;
    let g = group(store, creator, "closed").await;
    assert_eq!(store.find_group(g.id).await.unwrap().as_ref(), Some(&g));
    assert_eq!(store.find_group(Uuid::now_v7()).await.unwrap(), None);
    let m = store
        .group_membership(g.id, creator)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(m.role, "admin");
    assert!(store
        .add_group_membership(g.id, other, "pending", utc_now())
        .await
        .unwrap());
    assert!(
        !store
            .add_group_membership(g.id, other, "member", utc_now())
            .await
            .unwrap(),
        "a second membership is refused, the first kept"
    );
    assert_eq!(
        store
            .group_membership(g.id, other)
            .await
            .unwrap()
            .unwrap()
            .role,
        "pending"
    );
    store.set_group_role(g.id, other, "member").await.unwrap();
    let all = groups::GroupFilter::default();
    let listed = store.list_groups(&all, Page::first(10)).await.unwrap();
    let summary = listed.iter().find(|s| s.id == g.id).unwrap();
    assert_eq!((summary.members, summary.threads), (2, 0));
    assert!(store.count_groups(&all).await.unwrap() >= 1);
    // Filters: by theme, and by a territory that contains the group's.
    for (challenge, territory, found) in [
        ("inclusion", "departement:29", true),
        ("", "region:53", true),
        ("", "commune:29019", true),
        ("", "departement:35", false),
        ("education", "", false),
    ] {
        let filter = groups::GroupFilter {
            challenge: challenge.into(),
            territory: territory.into(),
        };
        let ids: Vec<Uuid> = store
            .list_groups(&filter, Page::first(50))
            .await
            .unwrap()
            .iter()
            .map(|s| s.id)
            .collect();
        assert_eq!(ids.contains(&g.id), found, "{challenge} {territory}");
        assert_eq!(store.count_groups(&filter).await.unwrap() >= 1, found);
    }
    let mut changed = g.clone();
    changed.name = "Tiers-lieux d’Ille-et-Vilaine".into();
    changed.territory = "commune:35238".into();
    changed.access = "open".into();
    store.update_group(&changed).await.unwrap();
    assert_eq!(store.find_group(g.id).await.unwrap(), Some(changed.clone()));
    let in_35 = groups::GroupFilter {
        territory: "departement:35".into(),
        ..Default::default()
    };
    assert!(store
        .list_groups(&in_35, Page::first(50))
        .await
        .unwrap()
        .iter()
        .any(|s| s.id == g.id));
    changed.id = Uuid::now_v7();
    assert!(matches!(
        store.update_group(&changed).await,
        Err(StoreError::NotFound)
    ));
    let members = store.list_group_members(g.id).await.unwrap();
    assert_eq!(members[0].person_id, creator);
    // The last admin can neither leave nor step down.
    assert!(matches!(
        store.remove_group_membership(g.id, creator).await,
        Err(StoreError::Conflict(conflict::LAST_ADMIN))
    ));
    assert!(matches!(
        store.set_group_role(g.id, creator, "member").await,
        Err(StoreError::Conflict(conflict::LAST_ADMIN))
    ));
    assert_eq!(
        store
            .group_membership(g.id, creator)
            .await
            .unwrap()
            .unwrap()
            .role,
        "admin"
    );
    store
        .set_group_follow(other, g.id, true, utc_now())
        .await
        .unwrap();
    assert!(store.remove_group_membership(g.id, other).await.unwrap());
    assert!(
        !store.follows_in_groups(other, g.id).await.unwrap(),
        "leaving stops following"
    );
    assert!(!store.remove_group_membership(g.id, other).await.unwrap());
}

pub async fn threads_hold_their_posts_in_order(store: &dyn Store) {
    let a = author(store).await;
    let g = group(store, a, "open").await;
    let t = thread(store, g.id, a).await;
    let later = utc_now() + Duration::seconds(1);
    let reply = store
        .add_group_post(&post(g.id, t.id, a, "Moi, **oui**.", later))
        .await
        .unwrap();
    assert_eq!(reply.author_name, "Claire");
    let posts = store.list_group_posts(t.id).await.unwrap();
    assert_eq!(posts.len(), 2);
    assert_eq!(posts[0].body, "Qui a une *scie* ?");
    assert_eq!(posts[1].id, reply.id);
    let threads = store
        .list_group_threads(g.id, Page::first(10))
        .await
        .unwrap();
    assert_eq!((threads[0].posts, threads[0].last_post_at), (2, later));
    assert_eq!(
        store.find_group_thread(t.id).await.unwrap().unwrap().title,
        t.title
    );
    assert!(matches!(
        store
            .add_group_post(&post(g.id, Uuid::now_v7(), a, "perdu", utc_now()))
            .await,
        Err(StoreError::NotFound)
    ));
}

pub async fn a_report_flood_from_one_account_counts_once(store: &dyn Store) {
    let a = author(store).await;
    let (r1, r2) = (author(store).await, author(store).await);
    let g = group(store, a, "open").await;
    let t = thread(store, g.id, a).await;
    let p = store.list_group_posts(t.id).await.unwrap()[0].id;
    for _ in 0..5 {
        let o = store.report_group_post(p, r1, 2, utc_now()).await.unwrap();
        assert_eq!((o.reports, o.hidden), (1, false));
    }
    let o = store.report_group_post(p, r2, 2, utc_now()).await.unwrap();
    assert!(o.new && o.hidden && o.reports == 2);
    assert_eq!(
        store.find_group_post(p).await.unwrap().unwrap().hidden,
        "reports"
    );
    assert_eq!(store.group_moderation_queue().await.unwrap()[0].post_id, p);
    store.restore_group_post(p, utc_now()).await.unwrap();
    let restored = store.find_group_post(p).await.unwrap().unwrap();
    assert!(!restored.is_hidden() && restored.reports == 0);
    assert!(store.group_moderation_queue().await.unwrap().is_empty());
    store.hide_group_post(p, utc_now()).await.unwrap();
    assert_eq!(
        store.find_group_post(p).await.unwrap().unwrap().hidden,
        HIDDEN_BY_MODERATOR
    );
    assert!(matches!(
        store
            .report_group_post(Uuid::now_v7(), r1, 2, utc_now())
            .await,
        Err(StoreError::NotFound)
    ));
    // A blocked author's posts are hidden.
    store.block_in_groups(a, r1, utc_now()).await.unwrap();
    store.block_in_groups(a, r1, utc_now()).await.unwrap();
    assert!(store.is_blocked_in_groups(a).await.unwrap());
    assert!(
        store
            .find_group_post(p)
            .await
            .unwrap()
            .unwrap()
            .author_blocked
    );
    assert_eq!(store.list_group_blocks().await.unwrap().len(), 1);
    store.unblock_in_groups(a).await.unwrap();
    assert!(!store.is_blocked_in_groups(a).await.unwrap());
}

pub async fn followers_and_the_mentioned_are_recipients_and_digests_are_claimed_once(
    store: &dyn Store,
) {
    let a = author(store).await;
    let (follower, mentioned, silent) = (
        author(store).await,
        author(store).await,
        author(store).await,
    );
    let start = utc_now() - Duration::hours(1);
    for (who, mode, token) in [
        (a, "immediate", "jeton-a"),
        (follower, "digest", "jeton-f"),
        (mentioned, "immediate", "jeton-m"),
        (silent, "none", "jeton-s"),
    ] {
        let s = store
            .ensure_group_settings(who, mode, "fr", &format!("{token}-{who}"), start)
            .await
            .unwrap();
        assert_eq!(s.mode, mode);
    }
    // A second call keeps what exists.
    let again = store
        .ensure_group_settings(follower, "none", "en", "autre", utc_now())
        .await
        .unwrap();
    assert_eq!(
        (again.mode.as_str(), again.digest_cursor),
        ("digest", start)
    );
    assert_eq!(
        store
            .group_settings_by_token(&again.unsubscribe_token)
            .await
            .unwrap()
            .unwrap()
            .person_id,
        follower
    );
    let g = group(store, a, "closed").await;
    store
        .add_group_membership(g.id, follower, "member", utc_now())
        .await
        .unwrap();
    store
        .set_group_follow(follower, g.id, true, utc_now())
        .await
        .unwrap();
    store
        .set_group_follow(follower, g.id, true, utc_now())
        .await
        .unwrap();
    store
        .set_group_follow(a, g.id, true, utc_now())
        .await
        .unwrap();
    let t = thread(store, g.id, a).await;
    let mut reply = post(g.id, t.id, a, "Avis de @x", utc_now());
    reply.mentions = vec![mentioned];
    let reply = store.add_group_post(&reply).await.unwrap();
    let recipients: Vec<Uuid> = store
        .group_post_recipients(reply.id)
        .await
        .unwrap()
        .iter()
        .map(|r| r.person_id)
        .collect();
    assert!(recipients.contains(&follower) && recipients.contains(&mentioned));
    assert!(!recipients.contains(&a), "not the author");
    assert!(!recipients.contains(&silent));

    let now = utc_now() + Duration::seconds(1);
    let due = store
        .group_digest_due(now - Duration::hours(24))
        .await
        .unwrap();
    let mine = due
        .iter()
        .find(|s| s.person_id == follower)
        .unwrap()
        .clone();
    let items = store
        .group_digest_items(follower, mine.digest_cursor, now)
        .await
        .unwrap();
    assert_eq!(items.len(), 2, "the thread's first post and the reply");
    assert_eq!(items[1].post_id, reply.id);
    // The mentioned person is no member of the closed group: nothing for them.
    assert!(store
        .group_digest_items(mentioned, start, now)
        .await
        .unwrap()
        .is_empty());
    assert!(store
        .claim_group_digest(follower, mine.digest_cursor, now)
        .await
        .unwrap());
    assert!(
        !store
            .claim_group_digest(follower, mine.digest_cursor, now)
            .await
            .unwrap(),
        "a second claim of the same digest fails"
    );
    assert!(!store
        .group_digest_due(now - Duration::hours(24))
        .await
        .unwrap()
        .iter()
        .any(|s| s.person_id == follower));
    store
        .set_group_notify_mode(silent, "digest", "en", now)
        .await
        .unwrap();
    let s = store.group_settings(silent).await.unwrap().unwrap();
    assert_eq!(
        (s.mode.as_str(), s.locale.as_str(), s.digest_cursor),
        ("digest", "en", now)
    );
    let data = store.groups_data_of(a).await.unwrap();
    assert_eq!(data.posts.len(), 2);
    assert_eq!(data.memberships.len(), 1);
    assert_eq!(data.follows, vec![g.id]);
}

pub async fn erasure_removes_group_settings_follows_and_post_texts(store: &dyn Store) {
    let a = author(store).await;
    let other = author(store).await;
    let g = group(store, other, "open").await;
    store
        .add_group_membership(g.id, a, "member", utc_now())
        .await
        .unwrap();
    store
        .ensure_group_settings(a, "digest", "fr", &format!("jeton-{a}"), utc_now())
        .await
        .unwrap();
    store
        .set_group_follow(a, g.id, true, utc_now())
        .await
        .unwrap();
    let t = thread(store, g.id, a).await;
    let exported = store.contributions_of(a).await.unwrap().groups;
    assert_eq!(exported.posts.len(), 1);
    assert_eq!(exported.mode.as_deref(), Some("digest"));
    assert!(store.erase_person(a, utc_now()).await.unwrap());
    assert_eq!(store.group_settings(a).await.unwrap(), None);
    assert!(!store.follows_in_groups(a, g.id).await.unwrap());
    assert_eq!(store.group_membership(g.id, a).await.unwrap(), None);
    let posts = store.list_group_posts(t.id).await.unwrap();
    assert_eq!(posts.len(), 1, "the thread keeps its place");
    assert_eq!(posts[0].body, "");
    assert_eq!(
        store.contributions_of(a).await.unwrap().groups.memberships,
        vec![]
    );
}
