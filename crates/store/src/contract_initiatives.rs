//! The initiative part of the store contract (see `contract`).

use crate::initiatives::{CatalogueQuery, RevisionNote, Sort};
use crate::*;
use essaim_domain::initiative::{
    Challenge, InitiativeContent, InitiativeInput, Stage, Status, StructureRole, DEFAULT_CHALLENGES,
};
use essaim_domain::search::SearchQuery;
use essaim_domain::territory::Territories;
use uuid::Uuid;

pub fn content(
    title: &str,
    summary: &str,
    territories: &str,
    challenges: &[&str],
    stage: &str,
) -> InitiativeContent {
    let codes: Vec<String> = DEFAULT_CHALLENGES.iter().map(|c| c.0.to_owned()).collect();
    InitiativeInput {
        title: title.into(),
        summary: summary.into(),
        territories: territories.into(),
        challenges: challenges.iter().map(|c| (*c).to_owned()).collect(),
        stage: stage.into(),
        steps: "Réunir les voisins\nTrouver un terrain".into(),
        ..Default::default()
    }
    .validate(Territories::bundled(), &codes)
    .unwrap()
}

/// A person with a unique address; other crates' tests use it too.
pub async fn author(store: &dyn Store) -> Uuid {
    store
        .create_person(NewPerson {
            id: Uuid::now_v7(),
            email: format!("{}@exemple.fr", Uuid::now_v7().simple()),
            display_name: "Claire".into(),
            password_hash: "x".into(),
            email_confirmed_at: None,
            roles: vec![],
            created_at: utc_now(),
        })
        .await
        .unwrap()
        .id
}

/// An association created by `who`; other crates' tests use it too.
pub async fn structure(store: &dyn Store, who: Uuid, name: &str) -> Structure {
    let fields = essaim_domain::structure::StructureInput {
        name: name.into(),
        kind: "association".into(),
        ..Default::default()
    }
    .validate(Territories::bundled())
    .unwrap();
    store
        .create_structure(Uuid::now_v7(), &fields, who, utc_now())
        .await
        .unwrap()
}

pub fn note(author: Uuid, message: &str) -> RevisionNote {
    RevisionNote {
        author_id: author,
        message: message.into(),
        at: utc_now(),
    }
}

pub(crate) async fn publish(store: &dyn Store, who: Uuid, c: InitiativeContent) -> Initiative {
    store
        .create_initiative(
            Uuid::now_v7(),
            &c,
            Status::Published,
            None,
            note(who, "création"),
        )
        .await
        .unwrap()
}

pub async fn initiatives_keep_every_revision(store: &dyn Store) {
    let who = author(store).await;
    let first = content(
        "Jardins partagés",
        "Des jardins cultivés ensemble.",
        "Brest",
        &["alimentation"],
        "idee",
    );
    let created = store
        .create_initiative(
            Uuid::now_v7(),
            &first,
            Status::Draft,
            None,
            note(who, "création"),
        )
        .await
        .unwrap();
    assert_eq!(created.revision, 1);
    assert_eq!(created.content, first);
    assert_eq!(created.created_by, Some(who));
    let mut second = first.clone();
    second.summary = "Des jardins cultivés ensemble au pied des immeubles.".into();
    second.stage = Stage::Experimentation;
    let updated = store
        .update_initiative(created.id, &second, note(who, "précisions"))
        .await
        .unwrap();
    assert_eq!(updated.revision, 2);
    assert_eq!(updated.content, second);
    let revisions = store.revisions(created.id).await.unwrap();
    assert_eq!(
        revisions.iter().map(|r| r.number).collect::<Vec<_>>(),
        [2, 1]
    );
    assert_eq!(revisions[0].message, "précisions");
    assert_eq!(revisions[0].author_name.as_deref(), Some("Claire"));
    assert_eq!(
        store
            .revision(created.id, 1)
            .await
            .unwrap()
            .unwrap()
            .content,
        first
    );
    assert!(store.revision(created.id, 3).await.unwrap().is_none());
    store
        .set_initiative_status(created.id, Status::Published, utc_now())
        .await
        .unwrap();
    assert_eq!(
        store.initiative(created.id).await.unwrap().unwrap().status,
        Status::Published
    );
    assert!(matches!(
        store
            .update_initiative(Uuid::now_v7(), &second, note(who, "x"))
            .await,
        Err(StoreError::NotFound)
    ));
}

pub async fn forks_form_a_lineage(store: &dyn Store) {
    let who = author(store).await;
    let root = publish(
        store,
        who,
        content(
            "Repair café",
            "Réparer ensemble.",
            "Brest",
            &[],
            "essaimage",
        ),
    )
    .await;
    let mut children = vec![];
    for town in ["Rennes", "Quimper"] {
        let c = content(
            &format!("Repair café de {town}"),
            "Réparer ensemble.",
            town,
            &[],
            "idee",
        );
        children.push(
            store
                .create_initiative(
                    Uuid::now_v7(),
                    &c,
                    Status::Draft,
                    Some(root.id),
                    note(who, "reprise"),
                )
                .await
                .unwrap(),
        );
    }
    let c = content(
        "Repair café de Lorient",
        "Réparer ensemble.",
        "Lorient",
        &[],
        "idee",
    );
    let grandchild = store
        .create_initiative(
            Uuid::now_v7(),
            &c,
            Status::Draft,
            Some(children[0].id),
            note(who, "reprise"),
        )
        .await
        .unwrap();
    let forks = store.forks_of(root.id).await.unwrap();
    assert_eq!(
        forks.iter().map(|f| f.id).collect::<Vec<_>>(),
        [children[0].id, children[1].id]
    );
    let links = store.lineage_links(root.id).await.unwrap();
    assert_eq!(links.len(), 3);
    assert!(links.contains(&(grandchild.id, children[0].id)));
    let tree = essaim_domain::initiative::lineage::tree(root.id, &links);
    assert_eq!((tree.size(), tree.depth()), (4, 2));
}

async fn seed_catalogue(store: &dyn Store) -> Vec<Initiative> {
    let who = author(store).await;
    let mut out = vec![];
    for (title, summary, territory, challenges, stage) in [
        (
            "Jardin partagé des Capucins",
            "Un jardin partagé cultivé par les habitants.",
            "Brest",
            &["alimentation", "inclusion"][..],
            "experimentation",
        ),
        (
            "Jardins partagés de Kerinou",
            "Des jardins partagés au pied des tours.",
            "Brest",
            &["alimentation"][..],
            "consolidation",
        ),
        (
            "Atelier vélo solidaire",
            "Réparer son vélo avec des bénévoles.",
            "Rennes",
            &["mobilite"][..],
            "essaimage",
        ),
        (
            "Épicerie solidaire",
            "Une épicerie associative pour les étudiants.",
            "Lyon",
            &["alimentation", "egalite-des-chances"][..],
            "idee",
        ),
    ] {
        out.push(
            publish(
                store,
                who,
                content(title, summary, territory, challenges, stage),
            )
            .await,
        );
    }
    let draft = content(
        "Jardin secret",
        "Un jardin partagé encore en brouillon.",
        "Brest",
        &["alimentation"],
        "idee",
    );
    store
        .create_initiative(Uuid::now_v7(), &draft, Status::Draft, None, note(who, "x"))
        .await
        .unwrap();
    out
}

fn titles(page: &CataloguePage) -> Vec<String> {
    page.items.iter().map(|i| i.content.title.clone()).collect()
}

fn sorted_titles(page: &CataloguePage) -> Vec<String> {
    let mut t = titles(page);
    t.sort();
    t
}

pub async fn catalogue_searches_in_french(store: &dyn Store) {
    seed_catalogue(store).await;
    let search = |q: &str| CatalogueQuery {
        search: Some(SearchQuery::parse(q)),
        ..Default::default()
    };
    let page = store.catalogue(&search("jardins partages")).await.unwrap();
    assert_eq!(
        sorted_titles(&page),
        ["Jardin partagé des Capucins", "Jardins partagés de Kerinou"],
        "stems and accents; drafts hidden"
    );
    let page = store.catalogue(&search("jardin -kerinou")).await.unwrap();
    assert_eq!(titles(&page), ["Jardin partagé des Capucins"]);
    let page = store.catalogue(&search("vélo OR épicerie")).await.unwrap();
    assert_eq!(
        sorted_titles(&page),
        ["Atelier vélo solidaire", "Épicerie solidaire"]
    );
    let page = store
        .catalogue(&search("\"pied des tours\""))
        .await
        .unwrap();
    assert_eq!(titles(&page), ["Jardins partagés de Kerinou"]);
    let page = store.catalogue(&search("\"tours pied\"")).await.unwrap();
    assert!(page.items.is_empty(), "a phrase keeps its order");
    let page = store.catalogue(&search("reparer benevoles")).await.unwrap();
    assert_eq!(
        titles(&page),
        ["Atelier vélo solidaire"],
        "the summary is searched"
    );
    let page = store.catalogue(&search("voisins terrain")).await.unwrap();
    assert_eq!(page.total, 4, "the recipe is searched");
    for odd in [
        "\"jardin",
        "NEAR(jardin vélo)",
        "jardin*",
        "title:jardin",
        "^jardin",
        "le la les",
    ] {
        store
            .catalogue(&search(odd))
            .await
            .unwrap_or_else(|e| panic!("{odd}: {e}"));
    }
}

pub async fn catalogue_filters_counts_and_sorts(store: &dyn Store) {
    seed_catalogue(store).await;
    let all = store
        .catalogue(&CatalogueQuery {
            sort: Sort::Title,
            ..Default::default()
        })
        .await
        .unwrap();
    assert_eq!(all.total, 4);
    assert_eq!(
        titles(&all),
        [
            "Atelier vélo solidaire",
            "Épicerie solidaire",
            "Jardin partagé des Capucins",
            "Jardins partagés de Kerinou"
        ]
    );
    let count =
        |facet: &[(String, i64)], key: &str| facet.iter().find(|(k, _)| k == key).map(|(_, n)| *n);
    assert_eq!(count(&all.facets.challenges, "alimentation"), Some(3));
    assert_eq!(count(&all.facets.departements, "29"), Some(2));
    assert_eq!(
        count(&all.facets.regions, "53"),
        Some(3),
        "Brest and Rennes are in Bretagne"
    );
    assert_eq!(count(&all.facets.stages, "idee"), Some(1));
    let brittany = store
        .catalogue(&CatalogueQuery {
            region: Some("53".into()),
            challenge: Some("alimentation".into()),
            ..Default::default()
        })
        .await
        .unwrap();
    assert_eq!(brittany.total, 2);
    assert_eq!(count(&brittany.facets.departements, "29"), Some(2));
    assert_eq!(count(&brittany.facets.challenges, "mobilite"), None);
    let staged = store
        .catalogue(&CatalogueQuery {
            stage: Some(Stage::Essaimage),
            ..Default::default()
        })
        .await
        .unwrap();
    assert_eq!(titles(&staged), ["Atelier vélo solidaire"]);
    let paged = store
        .catalogue(&CatalogueQuery {
            sort: Sort::Title,
            page: Some(Page {
                limit: 2,
                offset: 2,
            }),
            ..Default::default()
        })
        .await
        .unwrap();
    assert_eq!(paged.total, 4);
    assert_eq!(
        titles(&paged),
        ["Jardin partagé des Capucins", "Jardins partagés de Kerinou"]
    );
    let with_drafts = store
        .catalogue(&CatalogueQuery {
            statuses: vec![Status::Draft, Status::Published],
            ..Default::default()
        })
        .await
        .unwrap();
    assert_eq!(with_drafts.total, 5);
    let all = store.catalogue(&CatalogueQuery::default()).await.unwrap();
    let by_dep = &all.facets.departements;
    assert!(by_dep.contains(&("29".to_owned(), 2)) && by_dep.contains(&("69".to_owned(), 1)));
}

pub async fn catalogue_changes_follow_every_write(store: &dyn Store) {
    let start = store.catalogue_generation().await.unwrap();
    let who = author(store).await;
    let a = publish(
        store,
        who,
        content(
            "Repair café",
            "On répare.",
            "Brest",
            &["economie-circulaire"],
            "idee",
        ),
    )
    .await;
    let b = publish(
        store,
        who,
        content("Vélo-école", "On apprend.", "Lyon", &["mobilite"], "idee"),
    )
    .await;
    let after_creates = store.catalogue_generation().await.unwrap();
    assert_eq!(after_creates, start + 2, "one generation a write");
    let changes = store
        .catalogue_changes((start, Uuid::nil()), 100)
        .await
        .unwrap();
    let ids: Vec<Uuid> = changes.iter().map(|c| c.initiative.id).collect();
    assert_eq!(ids, [a.id, b.id]);
    assert!(changes[0].generation < changes[1].generation);
    // Paging by (generation, id) resumes after the last row seen.
    let first = store
        .catalogue_changes((start, Uuid::nil()), 1)
        .await
        .unwrap();
    let rest = store
        .catalogue_changes((first[0].generation, first[0].initiative.id), 100)
        .await
        .unwrap();
    assert_eq!(rest.len(), 1);
    assert_eq!(rest[0].initiative.id, b.id);
    // A status change and an update are changes too, with the new state.
    store
        .set_initiative_status(a.id, Status::Archived, utc_now())
        .await
        .unwrap();
    let mut edited = b.content.clone();
    edited.title = "Vélo-école du quartier".into();
    store
        .update_initiative(b.id, &edited, note(who, "titre"))
        .await
        .unwrap();
    let changes = store
        .catalogue_changes((after_creates, Uuid::nil()), 100)
        .await
        .unwrap();
    assert_eq!(changes.len(), 2);
    assert_eq!(changes[0].initiative.status, Status::Archived);
    assert_eq!(
        changes[1].initiative.content.title,
        "Vélo-école du quartier"
    );
    assert_eq!(
        store.catalogue_generation().await.unwrap(),
        after_creates + 2
    );
    assert!(store
        .set_initiative_status(Uuid::now_v7(), Status::Archived, utc_now())
        .await
        .is_err());
    assert_eq!(
        store.catalogue_generation().await.unwrap(),
        after_creates + 2,
        "a failed write takes no generation"
    );
    // Several ids at once, unknown ones left out.
    let mut found: Vec<Uuid> = store
        .initiatives_by_ids(&[b.id, Uuid::now_v7(), a.id])
        .await
        .unwrap()
        .into_iter()
        .map(|i| i.id)
        .collect();
    found.sort();
    let mut want = vec![a.id, b.id];
    want.sort();
    assert_eq!(found, want);
    assert!(store.initiatives_by_ids(&[]).await.unwrap().is_empty());
}

pub async fn challenges_are_listed_and_extended(store: &dyn Store) {
    let list = store.challenges().await.unwrap();
    assert_eq!(list.len(), 16);
    assert_eq!(list[0].code, "inclusion");
    assert_eq!(list[0].sdgs, [1, 10]);
    let new = Challenge {
        code: "sport".into(),
        name_fr: "Sport".into(),
        name_en: "Sport".into(),
        sdgs: vec![3],
    };
    let before = store.catalogue_generation().await.unwrap();
    store.add_challenge(&new).await.unwrap();
    assert_eq!(
        store.catalogue_generation().await.unwrap(),
        before + 1,
        "the catalogue's cached list must reload"
    );
    assert!(matches!(
        store.add_challenge(&new).await,
        Err(StoreError::AlreadyExists)
    ));
    assert_eq!(store.challenges().await.unwrap().last(), Some(&new));
}

pub async fn structures_list_their_initiatives(store: &dyn Store) {
    let who = author(store).await;
    let s = structure(store, who, "Les Ruches").await;
    let mut c = content(
        "Ruchers partagés",
        "Des ruches sur les toits.",
        "Brest",
        &[],
        "idee",
    );
    c.structures = vec![
        (s.id, StructureRole::Porteur),
        (s.id, StructureRole::Financeur),
    ];
    let i = publish(store, who, c).await;
    let mine = store.initiatives_of_structure(s.id).await.unwrap();
    assert_eq!(mine.len(), 2);
    assert!(mine.iter().all(|(x, _)| x.id == i.id));
    let page = store
        .catalogue(&CatalogueQuery {
            structure_role: Some(StructureRole::Financeur),
            ..Default::default()
        })
        .await
        .unwrap();
    assert_eq!(page.total, 1);
}

pub async fn cover_images_are_set_replaced_and_removed(store: &dyn Store) {
    use crate::initiatives::StoredImage;
    let who = author(store).await;
    let i = publish(
        store,
        who,
        content("Ruchers", "Des ruches.", "Brest", &[], "idee"),
    )
    .await;
    assert_eq!(store.initiative_image(i.id).await.unwrap(), None);
    let image = StoredImage {
        mime: "image/png".into(),
        data: vec![137, 80, 78, 71, 0, 255],
        width: 2,
        height: 1,
        updated_at: utc_now(),
    };
    store.set_initiative_image(i.id, &image).await.unwrap();
    assert_eq!(
        store.initiative_image(i.id).await.unwrap(),
        Some(image.clone())
    );
    let other = StoredImage {
        mime: "image/jpeg".into(),
        data: vec![255, 216, 255],
        ..image
    };
    store.set_initiative_image(i.id, &other).await.unwrap();
    assert_eq!(store.initiative_image(i.id).await.unwrap(), Some(other));
    assert!(store.delete_initiative_image(i.id).await.unwrap());
    assert!(!store.delete_initiative_image(i.id).await.unwrap());
}

pub async fn proposals_are_decided_once(store: &dyn Store) {
    use crate::initiatives::Proposal;
    let who = author(store).await;
    let other = author(store).await;
    let i = publish(
        store,
        who,
        content("Ruchers", "Des ruches.", "Brest", &[], "idee"),
    )
    .await;
    let mut proposed = i.content.clone();
    proposed.summary = "Des ruches sur les toits.".into();
    let p = Proposal {
        id: Uuid::now_v7(),
        initiative_id: i.id,
        author_id: Some(other),
        author_name: None,
        created_at: utc_now(),
        message: "Plus précis".into(),
        content: proposed.clone(),
        based_on: i.revision,
        status: "pending".into(),
        decided_at: None,
        decision_note: String::new(),
    };
    store.create_proposal(&p).await.unwrap();
    let listed = store.proposals_of(i.id).await.unwrap();
    assert_eq!(listed.len(), 1);
    assert_eq!(listed[0].content, proposed);
    assert_eq!(listed[0].author_name.as_deref(), Some("Claire"));
    let now = utc_now();
    assert!(store
        .decide_proposal(p.id, "accepted", who, now, "merci")
        .await
        .unwrap());
    assert!(
        !store
            .decide_proposal(p.id, "rejected", who, now, "trop tard")
            .await
            .unwrap(),
        "decided once"
    );
    let got = store.proposal(p.id).await.unwrap().unwrap();
    assert_eq!(
        (
            got.status.as_str(),
            got.decision_note.as_str(),
            got.decided_at
        ),
        ("accepted", "merci", Some(now))
    );
}

pub async fn imports_create_update_and_link_sources(store: &dyn Store) {
    use essaim_domain::opendata::InitiativeRecord;
    let who = author(store).await;
    let known = structure(store, who, "Les Ruches").await;
    let record = |title: &str, place: &str, forked_from: Option<Uuid>| {
        let mut c = content(title, "Importée.", place, &["alimentation"], "idee");
        c.structures = vec![
            (known.id, StructureRole::Porteur),
            (Uuid::now_v7(), StructureRole::Financeur),
        ];
        InitiativeRecord {
            id: Uuid::now_v7(),
            status: Status::Published,
            forked_from,
            created_at: utc_now(),
            updated_at: utc_now(),
            content: c,
        }
    };
    let source = record("Conserverie de Brest", "Brest", None);
    // The copy comes first in the file: its source is linked once both are in.
    let copy = record("Conserverie de Lyon", "Lyon", Some(source.id));
    let before = store.catalogue_generation().await.unwrap();
    let counts = store
        .import_initiatives(
            &[copy.clone(), source.clone()],
            Some(who),
            "import",
            &|_| {},
        )
        .await
        .unwrap();
    assert_eq!((counts.created, counts.updated), (2, 0));
    assert_eq!(
        store.catalogue_generation().await.unwrap(),
        before + 1,
        "one per import"
    );
    let stored = store.initiative(copy.id).await.unwrap().unwrap();
    assert_eq!(stored.forked_from, Some(source.id));
    assert_eq!(stored.content, copy.content);
    let search = |q: &str, departement: Option<&str>| CatalogueQuery {
        search: Some(SearchQuery::parse(q)),
        departement: departement.map(str::to_owned),
        ..Default::default()
    };
    let page = store
        .catalogue(&search("conserveries", Some("29")))
        .await
        .unwrap();
    assert_eq!(titles(&page), ["Conserverie de Brest"]);
    assert_eq!(
        page.facets.structure_roles,
        [("financeur".to_owned(), 1), ("porteur".to_owned(), 1)],
        "a structure unknown here keeps its role"
    );
    let funded = CatalogueQuery {
        structure_role: Some(StructureRole::Financeur),
        ..Default::default()
    };
    assert_eq!(store.catalogue(&funded).await.unwrap().total, 2);
    let listed = store.initiatives_of_structure(known.id).await.unwrap();
    assert_eq!(listed.len(), 2);

    // Again with the same ids: updates, a new revision, the old index rows replaced.
    let mut moved = copy.clone();
    moved.content.title = "Bocaux solidaires".into();
    moved.content.territories = content("Ailleurs", "Ailleurs.", "Rennes", &[], "idee").territories;
    moved.forked_from = None;
    let counts = store
        .import_initiatives(&[moved.clone()], Some(who), "mise à jour", &|_| {})
        .await
        .unwrap();
    assert_eq!((counts.created, counts.updated), (0, 1));
    let stored = store.initiative(copy.id).await.unwrap().unwrap();
    assert_eq!(stored.revision, 2);
    assert_eq!(stored.forked_from, None, "the file is the truth");
    assert!(store
        .catalogue(&search("lyon", None))
        .await
        .unwrap()
        .items
        .is_empty());
    let page = store
        .catalogue(&search("bocaux", Some("35")))
        .await
        .unwrap();
    assert_eq!(titles(&page), ["Bocaux solidaires"]);
    assert_eq!(store.revisions(copy.id).await.unwrap().len(), 2);
}
