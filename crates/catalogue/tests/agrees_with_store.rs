//! The index must answer exactly what the store answers: same matches, totals and facet
//! counts for every filter and search, same order for the recent and A–Z sorts, on SQLite and
//! on PostgreSQL, and it must follow writes (new, edited, unpublished, imported elsewhere).

use essaim_catalogue::Catalogue;
use essaim_domain::initiative::{
    InitiativeContent, InitiativeInput, Stage, Status, StructureRole, DEFAULT_CHALLENGES,
};
use essaim_domain::search::SearchQuery;
use essaim_domain::territory::Territories;
use essaim_store::contract::{author, structure};
use essaim_store::{CatalogueQuery, Initiative, Page, RevisionNote, Sort, Store};
use proptest::prelude::*;
use rand::rngs::StdRng;
use rand::{Rng, SeedableRng};
use uuid::Uuid;

const SUBJECTS: &[&str] = &[
    "Jardin partagé",
    "Jardins partagés",
    "Repair café",
    "Atelier vélo",
    "Épicerie solidaire",
    "Tiers-lieu",
    "Cantine scolaire",
    "Habitat partagé",
    "Ressourcerie",
    "Café des aidants",
];
const PLACES: &[&str] = &[
    "Brest",
    "Quimper",
    "Rennes",
    "Lyon",
    "Marseille",
    "Lille",
    "Bretagne",
    "Finistère",
];
const TERRITORIES: &[&str] = &[
    "commune:29019",
    "commune:29232",
    "commune:35238",
    "commune:69123",
    "commune:13055",
    "commune:59350",
    "region:53",
    "departement:29",
    "departement:2A",
];
const WORDS: &[&str] = &[
    "habitants",
    "association",
    "projet",
    "voisins",
    "écoles",
    "mobilité",
    "réparer",
    "solidarité",
    "quartier",
    "légumes",
    "partagé",
];
const STAGES: &[&str] = &["idee", "experimentation", "consolidation", "essaimage"];

fn content(rng: &mut StdRng, n: usize, structures: &[Uuid]) -> InitiativeContent {
    let codes: Vec<String> = DEFAULT_CHALLENGES.iter().map(|c| c.0.to_owned()).collect();
    let pick = |rng: &mut StdRng, list: &[&str]| list[rng.gen_range(0..list.len())].to_owned();
    let words: Vec<String> = (0..rng.gen_range(3..12))
        .map(|_| pick(rng, WORDS))
        .collect();
    let mut c = InitiativeInput {
        title: format!("{} {n} à {}", pick(rng, SUBJECTS), pick(rng, PLACES)),
        summary: format!("Des {} pour le {}.", words.join(" "), pick(rng, WORDS)),
        description: pick(rng, SUBJECTS),
        territories: (0..rng.gen_range(1..3))
            .map(|_| pick(rng, TERRITORIES))
            .collect::<Vec<_>>()
            .join("\n"),
        challenges: (0..rng.gen_range(1..3))
            .map(|_| codes[rng.gen_range(0..5)].clone())
            .collect::<std::collections::BTreeSet<_>>()
            .into_iter()
            .collect(),
        stage: pick(rng, STAGES),
        steps: "Réunir les voisins\nTrouver un lieu".into(),
        ..Default::default()
    }
    .validate(Territories::bundled(), &codes)
    .unwrap();
    let roles = [
        StructureRole::Porteur,
        StructureRole::Partenaire,
        StructureRole::Financeur,
    ];
    c.structures = (0..rng.gen_range(0..3))
        .map(|k| (structures[k], roles[rng.gen_range(0..roles.len())]))
        .collect();
    c
}

fn note(author: Uuid) -> RevisionNote {
    RevisionNote {
        author_id: author,
        message: "test".into(),
        at: essaim_store::utc_now(),
    }
}

/// 150 initiatives, one in six a draft and one in ten archived.
async fn seed(store: &dyn Store) -> (Uuid, Vec<Initiative>) {
    let who = author(store).await;
    let mut structures = vec![];
    for name in ["Les Ruches", "Vélo Utile", "La Fabrique"] {
        structures.push(structure(store, who, name).await.id);
    }
    let mut rng = StdRng::seed_from_u64(7);
    let mut all = vec![];
    for n in 0..150 {
        let status = match n {
            n if n % 6 == 0 => Status::Draft,
            n if n % 10 == 0 => Status::Archived,
            _ => Status::Published,
        };
        let c = content(&mut rng, n, &structures);
        all.push(
            store
                .create_initiative(Uuid::now_v7(), &c, status, None, note(who))
                .await
                .unwrap(),
        );
    }
    (who, all)
}

fn queries() -> Vec<CatalogueQuery> {
    let searches = [
        "",
        "jardins partagés",
        "habitants",
        "association OR projet",
        "\"repair café\"",
        "vélo -brest",
        "écoles quartier légumes",
        "introuvable",
        "le la les",
        "\"partagé",
    ];
    let mut list = vec![];
    for (n, s) in searches.iter().enumerate() {
        for sort in [Sort::Relevance, Sort::Recent, Sort::Title] {
            let search = Some(SearchQuery::parse(s));
            list.push(CatalogueQuery {
                search: search.clone(),
                sort,
                ..Default::default()
            });
            list.push(CatalogueQuery {
                search: search.clone(),
                sort,
                page: Some(Page {
                    limit: 7,
                    offset: 7 * (n as i64 % 3),
                }),
                ..Default::default()
            });
        }
        let search = Some(SearchQuery::parse(s));
        list.push(CatalogueQuery {
            search: search.clone(),
            challenge: Some("inclusion".into()),
            ..Default::default()
        });
        list.push(CatalogueQuery {
            search: search.clone(),
            region: Some("53".into()),
            stage: Some(Stage::Experimentation),
            ..Default::default()
        });
        list.push(CatalogueQuery {
            search: search.clone(),
            departement: Some("29".into()),
            structure_role: Some(StructureRole::Partenaire),
            sort: Sort::Title,
            ..Default::default()
        });
        list.push(CatalogueQuery {
            search,
            departement: Some("2A".into()),
            ..Default::default()
        });
    }
    list
}

fn ids(page: &essaim_store::CataloguePage) -> Vec<Uuid> {
    page.items.iter().map(|i| i.id).collect()
}

/// Compares index and store on one query: same total and facets; same ids in order for the
/// recent and A–Z sorts; for relevance (scored differently by each engine) the same set when
/// the whole result is asked for.
async fn agree(store: &dyn Store, catalogue: &Catalogue, q: &CatalogueQuery) {
    let want = store.catalogue(q).await.unwrap();
    let got = catalogue.page(store, q).await.unwrap();
    assert_eq!(got.total, want.total, "{q:?}");
    assert_eq!(got.facets, want.facets, "{q:?}");
    let searching = q.search.as_ref().is_some_and(|s| !s.is_empty());
    if q.sort == Sort::Relevance && searching {
        if q.page.is_none() {
            let (mut a, mut b) = (ids(&got), ids(&want));
            a.sort();
            b.sort();
            assert_eq!(a, b, "{q:?}");
        } else {
            assert_eq!(got.items.len(), want.items.len(), "{q:?}");
        }
    } else {
        assert_eq!(ids(&got), ids(&want), "{q:?}");
    }
}

async fn index_agrees_and_follows_writes(store: &dyn Store) {
    let (who, all) = seed(store).await;
    let catalogue = Catalogue::new().unwrap();
    catalogue.sync(store).await.unwrap();
    assert!(catalogue.is_ready());
    for q in queries() {
        agree(store, &catalogue, &q).await;
    }
    let published = |p: &essaim_store::CataloguePage| p.total;
    let everything = CatalogueQuery::default();
    let before = published(&catalogue.page(store, &everything).await.unwrap());
    assert!(before > 90, "most are published: {before}");

    // Unpublishing, publishing, editing: the next page shows it, no explicit sync needed.
    let shown = all.iter().find(|i| i.status == Status::Published).unwrap();
    store
        .set_initiative_status(shown.id, Status::Archived, essaim_store::utc_now())
        .await
        .unwrap();
    let draft = all.iter().find(|i| i.status == Status::Draft).unwrap();
    store
        .set_initiative_status(draft.id, Status::Published, essaim_store::utc_now())
        .await
        .unwrap();
    let mut edited = all
        .iter()
        .find(|i| i.status == Status::Published && i.id != shown.id)
        .unwrap()
        .clone();
    edited.content.title = "Conserverie zéro déchet".into();
    store
        .update_initiative(edited.id, &edited.content, note(who))
        .await
        .unwrap();
    let after = catalogue.page(store, &everything).await.unwrap();
    assert_eq!(after.total, before);
    assert!(!ids(&after).contains(&shown.id));
    assert!(ids(&after).contains(&draft.id));
    assert_eq!(after.items[0].id, edited.id, "the latest edit comes first");
    let found = catalogue
        .page(
            store,
            &CatalogueQuery {
                search: Some(SearchQuery::parse("conserveries")),
                ..Default::default()
            },
        )
        .await
        .unwrap();
    assert_eq!(ids(&found), [edited.id]);
    for q in queries() {
        agree(store, &catalogue, &q).await;
    }

    // Drafts and archives are not indexed: the store answers such requests.
    let with_drafts = CatalogueQuery {
        statuses: vec![Status::Draft, Status::Published],
        ..Default::default()
    };
    assert_eq!(
        catalogue.page(store, &with_drafts).await.unwrap().total,
        store.catalogue(&with_drafts).await.unwrap().total
    );

    // A second index built from scratch (another process, a restart) sees the same.
    let fresh = Catalogue::new().unwrap();
    fresh.sync(store).await.unwrap();
    assert_eq!(
        fresh.hits(&everything).unwrap(),
        catalogue.hits(&everything).unwrap()
    );
}

#[tokio::test]
async fn on_sqlite() {
    let dir = tempfile::tempdir().unwrap();
    let store = essaim_sqlite::SqliteStore::open(dir.path().join("e.db").to_str().unwrap())
        .await
        .unwrap();
    store.migrate().await.unwrap();
    index_agrees_and_follows_writes(&store).await;
}

#[tokio::test]
async fn on_postgres() {
    let Some(server) = essaim_testkit::postgres::server() else {
        return;
    };
    let store = essaim_postgres::PgStore::open(&server.fresh_database(), 4)
        .await
        .unwrap();
    store.migrate().await.unwrap();
    index_agrees_and_follows_writes(&store).await;
}

/// Random queries over the corpus's words, with OR, phrases and exclusions: the index and
/// FTS5 find the same initiatives.
#[test]
fn random_searches_match_the_same_initiatives() {
    let rt = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .unwrap();
    let dir = tempfile::tempdir().unwrap();
    let (store, catalogue) = rt.block_on(async {
        let store = essaim_sqlite::SqliteStore::open(dir.path().join("e.db").to_str().unwrap())
            .await
            .unwrap();
        store.migrate().await.unwrap();
        seed(&store).await;
        let catalogue = Catalogue::new().unwrap();
        catalogue.sync(&store).await.unwrap();
        (store, catalogue)
    });
    let vocabulary: Vec<&str> = WORDS
        .iter()
        .chain(SUBJECTS)
        .chain(PLACES)
        .copied()
        .chain([
            "OR",
            "-habitants",
            "-brest",
            "\"jardin partagé\"",
            "\"",
            "NEAR",
            "*",
        ])
        .collect();
    let word = proptest::sample::select(vocabulary);
    proptest!(ProptestConfig::with_cases(200), |(words in proptest::collection::vec(word, 1..6))| {
        let q = CatalogueQuery {
            search: Some(SearchQuery::parse(&words.join(" "))),
            ..Default::default()
        };
        rt.block_on(agree(&store, &catalogue, &q));
    });
}
