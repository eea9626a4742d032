//! Demo data of World Café: the demo's World Café event (created by `demo_events`) gets its
//! settings (three questions, tables of five, three rounds of twenty minutes), forty
//! participants (its registrants and people added by name, from four sectors, eight hosts),
//! a planned rotation, a harvest for each table and round, and a published synthesis.

use essaim_domain::cafe::SECTORS;
use essaim_domain::planner::{self, Budget, Instance, Person};
use essaim_store::cafe::{CafeSettings, NewParticipant, Seat};
use essaim_store::events::EventFilter;
use essaim_store::{utc_now, Store};
use uuid::Uuid;

const QUESTIONS: [&str; 3] = [
    "Qu’est-ce qui nourrit déjà le territoire, près de chez vous ?",
    "Qu’est-ce qui manque pour que chacun mange local et bien ?",
    "Que pourrions-nous lancer ensemble dans les six mois ?",
];

const NAMES: [&str; 38] = [
    "Anaïs Le Goff",
    "Bastien Riou",
    "Camille Hamon",
    "Dominique Pennec",
    "Élodie Quéré",
    "Fabrice Le Roux",
    "Gaëlle Jézéquel",
    "Hervé Cadiou",
    "Inès Barbier",
    "Jérôme Le Gall",
    "Katell Morin",
    "Loïc Briand",
    "Maëlle Tréguer",
    "Nicolas Guillou",
    "Océane Le Bihan",
    "Pierre Salaün",
    "Quentin Abgrall",
    "Rozenn Le Meur",
    "Sébastien Kerhervé",
    "Tiphaine Moal",
    "Ulysse Perrot",
    "Valérie Corre",
    "Wenceslas Prigent",
    "Xavier Le Floch",
    "Yuna Calvez",
    "Zoé Rolland",
    "Armelle Pichon",
    "Benoît Derrien",
    "Clarisse Lozach",
    "Damien Thépaut",
    "Estelle Le Saux",
    "Florian Caroff",
    "Gwenola Nédélec",
    "Hugo Mével",
    "Isabelle Ollivier",
    "Jacques Tanguy",
    "Lénaïg Cozic",
    "Mathieu Le Berre",
];

const STRUCTURES: [&str; 5] = [
    "Mairie de Rennes",
    "Biocoop du Blosne",
    "Jardins partagés de Maurepas",
    "Terres de Liens Bretagne",
    "",
];

const HARVEST: [&str; 6] = [
    "Des **jardins partagés** dans trois quartiers, une AMAP qui cherche des bénévoles, la \
     cantine du collège qui achète déjà 40 % local.",
    "Il manque un lieu pour stocker et transformer : une *légumerie* partagée revient dans \
     toutes les conversations.",
    "Les petits producteurs n’ont pas le temps de la logistique ; l’idée d’une tournée \
     mutualisée plaît à la table.",
    "Désaccord sur les prix : le local n’est pas toujours accessible. Piste : une caisse \
     alimentaire commune.",
    "Lancer un marché mensuel au pied des immeubles, avec la régie de quartier et l’épicerie \
     solidaire.",
    "Former les cuisiniers des cantines au fait maison ; un groupe se propose de rédiger le \
     cahier des charges.",
];

/// Seeds this context; nothing when the demo has no World Café event.
pub async fn seed(store: &dyn Store) -> anyhow::Result<()> {
    let now = utc_now();
    let events = store
        .list_events(&EventFilter {
            kind: Some("world_cafe".into()),
            limit: 10,
            ..EventFilter::default()
        })
        .await?;
    let Some(event) = events.into_iter().next() else {
        return Ok(());
    };
    store
        .put_cafe(
            event.id,
            &CafeSettings {
                layout: "size".into(),
                layout_value: 5,
                rounds: 3,
                round_minutes: 20,
                questions: QUESTIONS.iter().map(|q| q.to_string()).collect(),
            },
            now,
        )
        .await?;
    store.cafe_sync_registrants(event.id, now).await?;
    let registered = store.cafe_participants(event.id).await?.len();
    for (i, name) in NAMES
        .iter()
        .take(40usize.saturating_sub(registered))
        .enumerate()
    {
        let structure = STRUCTURES[i % STRUCTURES.len()];
        store
            .cafe_add_participant(&NewParticipant {
                id: Uuid::now_v7(),
                event_id: event.id,
                person_id: None,
                name: name.to_string(),
                sector: Some(SECTORS[i % SECTORS.len()].to_owned()),
                structure: (!structure.is_empty()).then(|| structure.to_owned()),
                // The first eight host the eight tables.
                host_table: (i < 8).then_some(i as i64 + 1),
                created_at: now,
            })
            .await?;
    }
    let participants = store.cafe_participants(event.id).await?;
    let people: Vec<Person> = participants
        .iter()
        .map(|p| Person {
            id: p.id.to_string(),
            structure: p.structure.clone(),
            host_table: p.host_table.and_then(|t| usize::try_from(t - 1).ok()),
            attributes: p
                .sector
                .iter()
                .map(|s| ("sector".to_owned(), s.clone()))
                .collect(),
        })
        .collect();
    let instance = Instance::new(people, 5, 3)?;
    // An iteration budget only, so the demo's seating is the same on every machine.
    let seed = 2026;
    let plan = planner::plan(&instance, Budget::iterations(200_000), seed);
    let mut seats = vec![];
    for (r, tables) in plan.schedule.rounds.iter().enumerate() {
        for (t, members) in tables.iter().enumerate() {
            for &i in members {
                seats.push(Seat {
                    round: r as i64 + 1,
                    table_no: t as i64 + 1,
                    participant_id: participants[i].id,
                });
            }
        }
    }
    let tables = plan.schedule.rounds.first().map_or(0, Vec::len);
    let tokens: Vec<(i64, String)> = (1..=tables as i64)
        .map(|t| (t, essaim_web::auth::random_secret()))
        .collect();
    store
        .cafe_save_plan(event.id, seed as i64, &seats, &tokens, now)
        .await?;
    for round in 1..=3i64 {
        for table in 1..=tables as i64 {
            let body = HARVEST[((round - 1) as usize * 3 + table as usize) % HARVEST.len()];
            store
                .cafe_put_harvest(event.id, round, table, body, None, now)
                .await?;
        }
    }
    store.cafe_publish_synthesis(event.id, true, now).await?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use essaim_store::events::EventFilter;
    use essaim_store::Store;
    use std::collections::HashSet;

    /// The demo's World Café has 40 participants seated once per round over 3 rounds, a
    /// harvest for every table and round, and a published synthesis.
    #[tokio::test]
    async fn the_demo_cafe_is_planned_and_harvested() {
        let dir = tempfile::tempdir().unwrap();
        let store = essaim_sqlite::SqliteStore::open(dir.path().join("demo.db").to_str().unwrap())
            .await
            .unwrap();
        store.migrate().await.unwrap();
        let store: &dyn Store = &store;
        // The events demo alone (the whole demo is tested elsewhere), then this one.
        let (admin, _) = crate::create_user(store, "admin@exemple.fr", "Admin", None, true)
            .await
            .unwrap();
        let (holder, _) = crate::create_user(store, "porteuse@exemple.fr", "Porteuse", None, false)
            .await
            .unwrap();
        let mut structures = vec![];
        for (name, owner) in [("Les Ruches", holder.id), ("Le Relais", admin.id)] {
            let fields = essaim_domain::structure::StructureInput {
                name: name.into(),
                kind: "association".into(),
                territory: "commune:35238".into(),
                ..Default::default()
            }
            .validate(essaim_domain::territory::Territories::bundled())
            .unwrap();
            let id = uuid::Uuid::now_v7();
            store
                .create_structure(id, &fields, owner, essaim_store::utc_now())
                .await
                .unwrap();
            structures.push(id);
        }
        crate::demo_events::seed(store, admin.id, holder.id, &structures)
            .await
            .unwrap();
        super::seed(store).await.unwrap();
        let event = store
            .list_events(&EventFilter {
                kind: Some("world_cafe".into()),
                limit: 10,
                ..EventFilter::default()
            })
            .await
            .unwrap()
            .remove(0);
        let cafe = store.cafe(event.id).await.unwrap().unwrap();
        assert_eq!(cafe.row.rounds, 3);
        assert!(cafe.row.published_at.is_some());
        let people = store.cafe_participants(event.id).await.unwrap();
        assert_eq!(people.len(), 40);
        assert!(people.iter().any(|p| p.person_id.is_some()));
        let seats = store.cafe_seats(event.id).await.unwrap();
        assert_eq!(seats.len(), 120);
        for round in 1..=3 {
            let seated: HashSet<_> = seats
                .iter()
                .filter(|s| s.round == round)
                .map(|s| s.participant_id)
                .collect();
            assert_eq!(seated.len(), 40);
        }
        let tables = store.cafe_tables(event.id).await.unwrap();
        assert_eq!(tables.len(), 8);
        let harvest = store.cafe_harvest(event.id).await.unwrap();
        assert_eq!(harvest.len(), 3 * tables.len());
    }
}
