//! Demo data: events around the demo territory. A meetup in Brest that is full with a waiting
//! list, a World Café in Rennes with places left, an online hackathon, and a past collecte,
//! so that `/evenements`, its filters, its feeds and the attendee list have something to show.
//! Every event goes through `domain::events::validate`, as a form would.

use chrono::Duration;
use essaim_domain::deliberation::conversation::datetime_local;
use essaim_domain::events::{validate, EventInput};
use essaim_domain::territory::Territories;
use essaim_store::events::{EventFields, NewEvent};
use essaim_store::{utc_now, Store};
use uuid::Uuid;

/// (kind, title, description, days from now, hours long, address, commune, online link,
/// capacity, organiser index in `demo::STRUCTURES`)
#[allow(clippy::type_complexity)]
const EVENTS: &[(&str, &str, &str, i64, i64, &str, &str, &str, &str, usize)] = &[
    (
        "meetup",
        "Apéro des initiatives brestoises",
        "Une heure pour présenter son projet en trois minutes et rencontrer celles et ceux qui \
         portent des **innovations sociales** à Brest. Places limitées : inscrivez-vous, la liste \
         d’attente avance toute seule.",
        12,
        2,
        "Les Capucins, 25 rue de Pontaniou",
        "commune:29019",
        "",
        "3",
        0,
    ),
    (
        "world_cafe",
        "World Café : se nourrir localement en Ille-et-Vilaine",
        "Trois tours de table, trois questions, une récolte partagée.",
        20,
        3,
        "Maison des associations, 6 cours des Alliés",
        "commune:35238",
        "",
        "40",
        1,
    ),
    (
        "hackathon",
        "Hackathon en ligne : mobilités rurales",
        "Deux jours pour prototyper des solutions de covoiturage solidaire avec les défis \
         proposés par les collectivités.",
        35,
        30,
        "",
        "",
        "https://visio.exemple.org/hackathon-mobilites",
        "",
        0,
    ),
    (
        "collecte",
        "Collecte des innovations du pays de Morlaix",
        "Chaque personne présente a nommé une innovation qu’elle connaît.",
        -30,
        2,
        "Salle du Roudour",
        "commune:29151",
        "",
        "",
        0,
    ),
];

/// Seeds this context. `admin` and `holder` are the demo accounts; `structures` the demo
/// structures in the order of `demo::STRUCTURES` (the holder manages the even ones, the admin
/// the odd ones).
pub async fn seed(
    store: &dyn Store,
    admin: Uuid,
    holder: Uuid,
    structures: &[Uuid],
) -> anyhow::Result<()> {
    let now = utc_now();
    let mut attendees = vec![];
    for (email, name) in [
        ("yann.participant@essaim.localhost", "Yann Le Bras"),
        ("soizic.participante@essaim.localhost", "Soizic Morvan"),
        ("malo.participant@essaim.localhost", "Malo Tanguy"),
        ("nolwenn.participante@essaim.localhost", "Nolwenn Guével"),
    ] {
        let (p, _) = crate::create_user(store, email, name, None, false).await?;
        attendees.push(p.id);
    }
    for (i, &(kind, title, description, days, hours, address, commune, link, capacity, org)) in
        EVENTS.iter().enumerate()
    {
        let Some(&structure) = structures.get(org) else {
            continue;
        };
        let starts = now + Duration::days(days);
        let v = validate(
            &EventInput {
                kind: kind.into(),
                title: title.into(),
                description: description.into(),
                starts_at: datetime_local(starts),
                ends_at: datetime_local(starts + Duration::hours(hours)),
                address: address.into(),
                commune: commune.into(),
                online_url: link.into(),
                capacity: capacity.into(),
                registration_open: true,
            },
            Territories::bundled(),
        )
        .map_err(|e| anyhow::anyhow!("demo event {title} is invalid: {e:?}"))?;
        let created_by = if org % 2 == 0 { holder } else { admin };
        let e = store
            .create_event(&NewEvent {
                id: Uuid::now_v7(),
                fields: EventFields {
                    kind: v.kind.as_str().into(),
                    title: v.title,
                    description: v.description,
                    starts_at: v.starts_at,
                    ends_at: v.ends_at,
                    address: v.address,
                    commune: v.commune.map(|c| c.to_string()).unwrap_or_default(),
                    departement: v.departement,
                    region: v.region,
                    online_url: v.online_url,
                    capacity: v.capacity,
                    registration_open: v.registration_open,
                },
                organisers: vec![structure],
                created_by,
                created_at: now - Duration::days(40),
            })
            .await?;
        // The Brest meetup: three places, four people, one waits. The others: two each.
        if days > 0 {
            let who: &[Uuid] = if i == 0 { &attendees } else { &attendees[..2] };
            for (n, p) in who.iter().enumerate() {
                store
                    .register(e.id, *p, now + Duration::seconds(n as i64))
                    .await?;
            }
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use essaim_store::events::EventFilter;
    use essaim_store::{utc_now, Store};

    /// The demo holds a full event with a waiting list, an online one and a past one.
    #[tokio::test]
    async fn the_demo_has_a_full_an_online_and_a_past_event() {
        let dir = tempfile::tempdir().unwrap();
        let store = essaim_sqlite::SqliteStore::open(dir.path().join("demo.db").to_str().unwrap())
            .await
            .unwrap();
        store.migrate().await.unwrap();
        let store: &dyn Store = &store;
        assert!(crate::demo::seed(store, 12).await.unwrap());
        let now = utc_now();
        let upcoming = store
            .list_events(&EventFilter {
                upcoming_at: Some(now),
                limit: 50,
                ..EventFilter::default()
            })
            .await
            .unwrap();
        let past = store
            .list_events(&EventFilter {
                past_at: Some(now),
                limit: 50,
                ..EventFilter::default()
            })
            .await
            .unwrap();
        assert_eq!(past.iter().filter(|e| e.kind != "hackathon").count(), 1);
        assert!(upcoming
            .iter()
            .any(|e| e.capacity.is_some_and(|c| e.confirmed == c) && e.waiting > 0));
        assert!(upcoming
            .iter()
            .any(|e| e.online_url.is_some() && e.commune.is_empty()));
        for e in &upcoming {
            assert!(e.capacity.is_none_or(|c| e.confirmed <= c));
        }
    }
}
