//! Demo data: the harvest of the demo's past collecte (the event of kind collecte that
//! `demo_events` creates, in the pays de Morlaix). Its collection was opened at the start,
//! twelve people named an innovation from their phone, one named a duplicate (merged into the
//! first), one item became a draft initiative that keeps where it came from, and it was
//! closed at the end. Every item goes through `domain::collecte::validate_item`, as the form.

use chrono::Duration;
use essaim_domain::collecte::{validate_item, ItemInput};
use essaim_domain::initiative::{InitiativeInput, Status};
use essaim_domain::territory::normalise_name;
use essaim_domain::territory::{Territories, TerritoryLevel};
use essaim_store::collecte::{ItemFields, NewItem};
use essaim_store::events::EventFilter;
use essaim_store::initiatives::RevisionNote;
use essaim_store::{utc_now, Store};
use uuid::Uuid;

/// (name, commune typed, what it does, who carries it, contact given with consent)
const ITEMS: &[(&str, &str, &str, &str, &str)] = &[
    (
        "Repair café du Roudour",
        "Saint-Martin-des-Champs",
        "Un samedi par mois, des bénévoles réparent avec les habitants petit électroménager, vélos et vêtements.",
        "Association Répar’Acteurs",
        "reparacteurs@exemple.org",
    ),
    (
        "Épicerie solidaire de Morlaix",
        "Morlaix",
        "Des produits frais à petits prix pour les familles orientées par les services sociaux, et un café ouvert à tous.",
        "CCAS et Secours populaire",
        "",
    ),
    (
        "Covoiturage des marées",
        "Roscoff",
        "Une ligne de covoiturage entre Roscoff et Morlaix calée sur les horaires des travailleurs du port.",
        "Collectif d’habitants",
        "",
    ),
    (
        "Jardin partagé de la Boissière",
        "Morlaix",
        "Des parcelles cultivées par les voisins du quartier, avec des ateliers pour les écoles.",
        "Amicale de la Boissière",
        "jardin.boissiere@exemple.org",
    ),
    (
        "Légumerie d’insertion",
        "Saint-Pol-de-Léon",
        "Des légumes locaux épluchés et conditionnés pour les cantines par des salariés en insertion.",
        "Chantier d’insertion Léon Solidaire",
        "",
    ),
    (
        "Tiers-lieu de Plougasnou",
        "Plougasnou",
        "Un ancien presbytère devenu espace de travail partagé, fablab et salle de concerts.",
        "SCIC Le Presbytère",
        "",
    ),
    (
        "Bus numérique",
        "Landivisiau",
        "Un minibus équipé qui vient aider aux démarches en ligne dans les bourgs sans service public.",
        "Communauté de communes",
        "",
    ),
    (
        "Habitat partagé seniors",
        "Carantec",
        "Six logements autour d’une salle commune, pour vieillir chez soi sans être seul.",
        "Association Ty Kenvreur",
        "",
    ),
    (
        "Ressourcerie du pays de Morlaix",
        "Plourin-lès-Morlaix",
        "Collecte, tri et revente d’objets de seconde main, avec des emplois d’insertion.",
        "Les Recycleurs du Trégor",
        "",
    ),
    (
        "Cantine à prix libre",
        "Morlaix",
        "Un repas par semaine cuisiné avec les invendus du marché, chacun paie ce qu’il peut.",
        "Collectif La Marmite",
        "",
    ),
    (
        "Pédibus de Taulé",
        "Taulé",
        "Des parents accompagnent à pied les enfants à l’école selon un planning partagé.",
        "Parents d’élèves",
        "",
    ),
    (
        "Repair café Saint-Martin",
        "Saint-Martin-des-Champs",
        "Le même repair café que le premier, noté par une autre personne de la salle.",
        "Répar’Acteurs",
        "",
    ),
];

/// The Finistère commune of this name ("Saint-Martin-des-Champs" names several in France).
fn commune_of_finistere(territories: &Territories, name: &str) -> Option<String> {
    let wanted = normalise_name(name);
    territories
        .search(name, 50)
        .into_iter()
        .find(|t| {
            t.level == TerritoryLevel::Commune
                && t.code.starts_with("29")
                && normalise_name(&t.name) == wanted
        })
        .map(|t| t.reference().to_string())
}

/// Seeds the harvest of the demo's past collecte; `facilitator` manages its organiser.
pub async fn seed(store: &dyn Store, facilitator: Uuid) -> anyhow::Result<()> {
    let now = utc_now();
    let past = store
        .list_events(&EventFilter {
            past_at: Some(now),
            kind: Some("collecte".into()),
            limit: 10,
            ..EventFilter::default()
        })
        .await?;
    let Some(event) = past.into_iter().next() else {
        return Ok(());
    };
    if store.collecte_of_event(event.id).await?.is_some() {
        return Ok(());
    }
    let territories = Territories::bundled();
    let code = essaim_web::collecte::new_code();
    let c = store
        .open_collecte(
            Uuid::now_v7(),
            event.id,
            &code,
            facilitator,
            event.starts_at,
        )
        .await?;
    let mut ids = vec![];
    for (n, &(name, commune, what, carrier, contact)) in ITEMS.iter().enumerate() {
        let commune = commune_of_finistere(territories, commune)
            .ok_or_else(|| anyhow::anyhow!("demo collecte: commune {commune} not found"))?;
        let v = validate_item(
            &ItemInput {
                name: name.into(),
                commune,
                what: what.into(),
                carrier: carrier.into(),
                contact: contact.into(),
                consent: !contact.is_empty(),
            },
            territories,
        )
        .map_err(|e| anyhow::anyhow!("demo collecte item {name} is invalid: {e:?}"))?;
        let item = store
            .add_item(
                c.id,
                &NewItem {
                    id: Uuid::now_v7(),
                    fields: ItemFields {
                        name: v.name,
                        commune: v.commune.to_string(),
                        what: v.what,
                        carrier: v.carrier,
                        contact: v.contact,
                    },
                    // Each phone's token is gone with the session: nobody edits them now.
                    phone_hash: None,
                    submitted_by: None,
                    at: event.starts_at + Duration::minutes(10 + 3 * n as i64),
                },
            )
            .await?;
        ids.push(item);
    }
    let end = event.ends_at;
    // The last item is a duplicate of the first.
    if let (Some(first), Some(dup)) = (ids.first(), ids.last()) {
        store.merge_items(first.id, &[dup.id], end).await?;
    }
    // The épicerie solidaire becomes a draft initiative of the facilitator's.
    if let Some(item) = ids.get(1) {
        let content = InitiativeInput {
            title: item.name.clone(),
            summary: item.what.clone(),
            description: format!("{}\n\nPortée par : {}", item.what, item.carrier),
            territories: item.commune.clone(),
            stage: "idee".into(),
            ..Default::default()
        }
        .validate(territories, &[])
        .map_err(|e| anyhow::anyhow!("demo collecte initiative is invalid: {e:?}"))?;
        let i = store
            .create_initiative(
                Uuid::now_v7(),
                &content,
                Status::Draft,
                None,
                RevisionNote {
                    author_id: facilitator,
                    message: format!("Collectée lors de « {} »", event.title),
                    at: end,
                },
            )
            .await?;
        store.link_initiative(item.id, i.id, end).await?;
    }
    store.close_collecte(c.id, end).await?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use essaim_store::events::EventFilter;
    use essaim_store::{utc_now, Store};

    /// The demo's past collecte holds its closed collection: twelve items, a merged duplicate,
    /// one draft initiative that knows where it came from.
    #[tokio::test]
    async fn the_demo_collecte_is_closed_with_its_harvest() {
        let dir = tempfile::tempdir().unwrap();
        let store = essaim_sqlite::SqliteStore::open(dir.path().join("demo.db").to_str().unwrap())
            .await
            .unwrap();
        store.migrate().await.unwrap();
        let store: &dyn Store = &store;
        assert!(crate::demo::seed(store, 12).await.unwrap());
        let past = store
            .list_events(&EventFilter {
                past_at: Some(utc_now()),
                kind: Some("collecte".into()),
                limit: 10,
                ..EventFilter::default()
            })
            .await
            .unwrap();
        let event = &past[0];
        let c = store.collecte_of_event(event.id).await.unwrap().unwrap();
        assert!(!c.is_open());
        let items = store.items(c.id).await.unwrap();
        assert_eq!(items.len(), super::ITEMS.len());
        let merged: Vec<_> = items.iter().filter(|i| i.status == "merged").collect();
        assert_eq!(merged.len(), 1);
        assert_eq!(merged[0].merged_into, Some(items[0].id));
        let converted: Vec<_> = items.iter().filter(|i| i.status == "converted").collect();
        assert_eq!(converted.len(), 1);
        let initiative = converted[0].initiative_id.unwrap();
        let p = store.provenance(initiative).await.unwrap().unwrap();
        assert_eq!(p.event_id, event.id);
        assert_eq!(p.event_title, event.title);
        let i = store.initiative(initiative).await.unwrap().unwrap();
        assert_eq!(i.content.title, converted[0].name);
    }
}
