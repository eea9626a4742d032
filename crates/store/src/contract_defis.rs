//! The défis part of the store contract (see `contract`): défis with their co-owners, sponsors
//! and challenges, edits, co-owners added, catalogue filters.

use crate::contract_initiatives::{author, structure};
use crate::defis::{conflict, DefiFields, DefiFilter, Drafts, NewDefi};
use crate::*;
use uuid::Uuid;

pub(crate) fn defi_fields(title: &str) -> DefiFields {
    DefiFields {
        title: title.into(),
        context: "Les repas des cantines partent à la poubelle.".into(),
        question: "Comment réduire le gaspillage ?".into(),
        deliverable: "Un prototype testé dans une cantine.".into(),
        territory: "departement:29".into(),
        departement: Some("29".into()),
        region: Some("53".into()),
        status: "published".into(),
        challenges: vec![],
        sponsors: vec![],
    }
}

/// Two challenge codes of the shipped list.
async fn two_challenges(store: &dyn Store) -> (String, String) {
    let all = store.challenges().await.unwrap();
    (all[0].code.clone(), all[1].code.clone())
}

pub(crate) async fn new_defi(
    store: &dyn Store,
    by: Uuid,
    owners: Vec<Uuid>,
    f: DefiFields,
) -> defis::Defi {
    store
        .create_defi(&NewDefi {
            id: Uuid::now_v7(),
            fields: f,
            owners,
            created_by: by,
            created_at: utc_now(),
        })
        .await
        .unwrap()
}

pub async fn defis_are_co_owned_sponsored_and_edited(store: &dyn Store) {
    let who = author(store).await;
    let asso = structure(store, who, "Les Ruches").await;
    let mairie = structure(store, who, "Mairie de Brest").await;
    let banque = structure(store, who, "Banque du Ponant").await;
    let entreprise = structure(store, who, "Conserverie").await;
    let (c1, c2) = two_challenges(store).await;
    let mut f = defi_fields("Zéro gaspi");
    f.challenges = vec![c1.clone()];
    // An owner listed as a sponsor stays an owner.
    f.sponsors = vec![banque.id, asso.id];
    let d = new_defi(store, who, vec![asso.id, mairie.id], f).await;
    assert_eq!(d.row.title, "Zéro gaspi");
    assert_eq!(d.challenges, vec![c1.clone()]);
    assert_eq!(
        d.owners.iter().map(|o| o.1.as_str()).collect::<Vec<_>>(),
        ["Les Ruches", "Mairie de Brest"]
    );
    assert_eq!(d.sponsors, vec![(banque.id, "Banque du Ponant".into())]);
    assert!(d.is_owner(mairie.id) && !d.is_owner(banque.id));
    assert_eq!(store.get_defi(d.row.id).await.unwrap(), Some(d.clone()));

    let mut g = defi_fields("Zéro gaspi en Bretagne");
    g.challenges = vec![c2.clone(), c1.clone()];
    g.sponsors = vec![];
    g.status = "closed".into();
    let later = utc_now();
    let edited = store.update_defi(d.row.id, &g, later).await.unwrap();
    assert_eq!(edited.row.title, "Zéro gaspi en Bretagne");
    assert_eq!(edited.row.status, "closed");
    assert_eq!(edited.challenges.len(), 2);
    assert!(edited.sponsors.is_empty());
    assert_eq!(edited.owners.len(), 2, "an edit keeps the owners");
    assert_eq!(edited.row.updated_at, later);

    // A co-owner added: a company joins the filière.
    let added = store
        .add_defi_owner(d.row.id, entreprise.id, utc_now())
        .await
        .unwrap();
    assert!(added.is_owner(entreprise.id));
    assert_eq!(added.owners.len(), 3);
    assert!(matches!(
        store
            .add_defi_owner(d.row.id, entreprise.id, utc_now())
            .await,
        Err(StoreError::Conflict(conflict::ALREADY_OWNER))
    ));
    // A sponsor becomes an owner.
    let mut h = g.clone();
    h.sponsors = vec![banque.id];
    store.update_defi(d.row.id, &h, utc_now()).await.unwrap();
    let promoted = store
        .add_defi_owner(d.row.id, banque.id, utc_now())
        .await
        .unwrap();
    assert!(promoted.is_owner(banque.id) && promoted.sponsors.is_empty());

    // Unknown things.
    assert!(matches!(
        store
            .add_defi_owner(Uuid::now_v7(), asso.id, utc_now())
            .await,
        Err(StoreError::NotFound)
    ));
    assert!(matches!(
        store
            .add_defi_owner(d.row.id, Uuid::now_v7(), utc_now())
            .await,
        Err(StoreError::NotFound)
    ));
    assert!(matches!(
        store.update_defi(Uuid::now_v7(), &g, utc_now()).await,
        Err(StoreError::NotFound)
    ));
    let mut bad = defi_fields("Inconnu");
    bad.challenges = vec!["pas-un-defi".into()];
    assert!(matches!(
        store
            .create_defi(&NewDefi {
                id: Uuid::now_v7(),
                fields: bad,
                owners: vec![asso.id],
                created_by: who,
                created_at: utc_now(),
            })
            .await,
        Err(StoreError::NotFound)
    ));
    // A défi without owners is refused.
    assert!(matches!(
        store
            .create_defi(&NewDefi {
                id: Uuid::now_v7(),
                fields: defi_fields("Orphelin"),
                owners: vec![],
                created_by: who,
                created_at: utc_now(),
            })
            .await,
        Err(StoreError::Conflict(conflict::NO_OWNER))
    ));
    // The refused creations left nothing behind.
    assert_eq!(
        store
            .count_defis(&DefiFilter {
                limit: 10,
                ..Default::default()
            })
            .await
            .unwrap(),
        1
    );
}

pub async fn defis_catalogue_filters_by_challenge_territory_status_and_structure(
    store: &dyn Store,
) {
    let who = author(store).await;
    let asso = structure(store, who, "Les Ruches").await;
    let other = structure(store, who, "Le Phare").await;
    let (c1, c2) = two_challenges(store).await;
    let mut a = defi_fields("A");
    a.challenges = vec![c1.clone()];
    let a = new_defi(store, who, vec![asso.id], a).await;
    let mut b = defi_fields("B");
    b.challenges = vec![c2.clone()];
    b.territory = "departement:35".into();
    b.departement = Some("35".into());
    b.sponsors = vec![asso.id];
    let b = new_defi(store, who, vec![other.id], b).await;
    let mut c = defi_fields("C");
    c.status = "draft".into();
    c.territory = String::new();
    c.departement = None;
    c.region = None;
    let c = new_defi(store, who, vec![other.id], c).await;

    let ids = |v: Vec<defis::Defi>| v.into_iter().map(|d| d.row.id).collect::<Vec<_>>();
    let all = DefiFilter {
        drafts: Drafts::All,
        limit: 10,
        ..Default::default()
    };
    // Newest change first.
    assert_eq!(
        ids(store.list_defis(&all).await.unwrap()),
        [c.row.id, b.row.id, a.row.id]
    );
    assert_eq!(store.count_defis(&all).await.unwrap(), 3);
    let by_challenge = DefiFilter {
        challenge: Some(c1),
        ..all.clone()
    };
    assert_eq!(
        ids(store.list_defis(&by_challenge).await.unwrap()),
        [a.row.id]
    );
    let by_dep = DefiFilter {
        departement: Some("35".into()),
        ..all.clone()
    };
    assert_eq!(ids(store.list_defis(&by_dep).await.unwrap()), [b.row.id]);
    let by_region = DefiFilter {
        region: Some("53".into()),
        ..all.clone()
    };
    assert_eq!(store.count_defis(&by_region).await.unwrap(), 2);
    let published = DefiFilter {
        status: Some("published".into()),
        ..all.clone()
    };
    assert_eq!(
        ids(store.list_defis(&published).await.unwrap()),
        [b.row.id, a.row.id]
    );
    // Owned or sponsored.
    let of_asso = DefiFilter {
        structure: Some(asso.id),
        ..all.clone()
    };
    assert_eq!(
        ids(store.list_defis(&of_asso).await.unwrap()),
        [b.row.id, a.row.id]
    );
    let paged = DefiFilter {
        limit: 1,
        offset: 1,
        ..all.clone()
    };
    assert_eq!(ids(store.list_defis(&paged).await.unwrap()), [b.row.id]);

    // Drafts are filtered in the query: hidden by default, shown to their owners' managers.
    let public = DefiFilter {
        limit: 10,
        ..Default::default()
    };
    assert_eq!(
        ids(store.list_defis(&public).await.unwrap()),
        [b.row.id, a.row.id]
    );
    assert_eq!(store.count_defis(&public).await.unwrap(), 2);
    let first_page = DefiFilter {
        limit: 1,
        ..public.clone()
    };
    assert_eq!(
        ids(store.list_defis(&first_page).await.unwrap()),
        [b.row.id]
    );
    let manager = DefiFilter {
        drafts: Drafts::ManagedBy(who),
        ..public.clone()
    };
    assert_eq!(
        ids(store.list_defis(&manager).await.unwrap()),
        [c.row.id, b.row.id, a.row.id]
    );
    assert_eq!(store.count_defis(&manager).await.unwrap(), 3);
    // A plain member of the owner structure does not see the draft.
    let member = author(store).await;
    store
        .add_member(
            other.id,
            member,
            essaim_domain::structure::MemberRole::Member,
            utc_now(),
        )
        .await
        .unwrap();
    let as_member = DefiFilter {
        drafts: Drafts::ManagedBy(member),
        ..public.clone()
    };
    assert_eq!(store.count_defis(&as_member).await.unwrap(), 2);
    assert_eq!(
        ids(store.list_defis(&as_member).await.unwrap()),
        [b.row.id, a.row.id]
    );
}
