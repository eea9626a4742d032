//! Demo data: administrative blockers. The admin is the public hacker of the Finistère
//! (département 29); the holder's blockers in Brest are routed to them by the real routing
//! (`domain::blockers::route` over the stored remits). One has gone through
//! the whole workflow (acknowledged, messages, unblocked), one waits, one is private, so the
//! aggregate page shows counts, a median time to unblock, and private blockers counted without
//! details.

use chrono::Duration;
use essaim_domain::blockers::{administration_key, departement_and_region, route, Remit};
use essaim_domain::territory::{Territories, TerritoryRef};
use essaim_store::blockers::{NewBlocker, NewEvent, NewHacker};
use essaim_store::{utc_now, Store};
use uuid::Uuid;

/// (title, administration, description, tried, territory, theme, public, statuses)
type DemoBlocker = (
    &'static str,
    &'static str,
    &'static str,
    &'static str,
    &'static str,
    Option<&'static str>,
    bool,
    &'static [&'static str],
);

const BLOCKERS: &[DemoBlocker] = &[
    (
        "Agrément ESUS en attente depuis six mois",
        "DREETS Bretagne",
        "Notre demande d’agrément **Entreprise solidaire d’utilité sociale** est complète depuis mars ; sans lui, nous ne pouvons pas recevoir l’épargne solidaire promise.",
        "Deux relances écrites, un appel au standard.",
        "commune:29019",
        Some("emploi-insertion"),
        true,
        &["acknowledged", "in_progress", "unblocked"],
    ),
    (
        "Toits des écoles : convention d’occupation refusée sans motif",
        "Mairie de Brest",
        "Les ruchers pédagogiques ont besoin d’une convention d’occupation du domaine public ; la demande est revenue sans motif.",
        "Rendez-vous avec le service patrimoine.",
        "commune:29019",
        Some("alimentation"),
        true,
        &["acknowledged"],
    ),
    (
        "Vente de miel au marché : statut d’apprenti non reconnu",
        "Préfecture du Finistère",
        "Les apprentis en insertion ne peuvent pas tenir le stand : le règlement du marché ne connaît pas leur statut.",
        "",
        "commune:29019",
        None,
        false,
        &[],
    ),
];

/// Seeds this context in the demo territory. `admin` and `holder` are the demo accounts;
/// `structures` the demo structures in the order of `demo::STRUCTURES`.
pub async fn seed(
    store: &dyn Store,
    admin: Uuid,
    holder: Uuid,
    structures: &[Uuid],
) -> anyhow::Result<()> {
    let territories = Territories::bundled();
    let themes: Vec<String> = store
        .challenges()
        .await?
        .into_iter()
        .map(|c| c.code)
        .collect();
    let start = utc_now() - Duration::days(40);
    store
        .add_hacker(&NewHacker {
            id: Uuid::now_v7(),
            person_id: admin,
            territory: "departement:29".into(),
            theme: String::new(),
            created_by: admin,
            created_at: start,
        })
        .await?;
    // The real remits, as the web reads them, so that the demo goes through the routing.
    let remits: Vec<Remit> = store
        .list_hackers()
        .await?
        .into_iter()
        .filter_map(|h| {
            Some(Remit {
                person_id: h.person_id,
                territory: TerritoryRef::parse(&h.territory).ok()?,
                theme: (!h.theme.is_empty()).then_some(h.theme),
            })
        })
        .collect();
    for (n, (title, administration, description, tried, territory, theme, public, statuses)) in
        BLOCKERS.iter().enumerate()
    {
        let reference = TerritoryRef::parse(territory)?;
        let (departement, region) = departement_and_region(territories, &reference);
        let created = start + Duration::days(n as i64 * 3);
        // A theme the list does not hold (an older database) is left out.
        let theme = theme
            .filter(|t| themes.iter().any(|c| c == t))
            .map(str::to_owned);
        let routed_to = route(territories, &reference, theme.as_deref(), &remits);
        let b = store
            .create_blocker(&NewBlocker {
                id: Uuid::now_v7(),
                reporter_id: holder,
                structure_id: structures.first().copied(),
                title: (*title).into(),
                description: (*description).into(),
                administration: (*administration).into(),
                administration_key: administration_key(administration),
                since: Some(
                    (created - Duration::days(180))
                        .format("%Y-%m-%d")
                        .to_string(),
                ),
                tried: (*tried).into(),
                territory: (*territory).into(),
                departement,
                region,
                theme,
                public: *public,
                created_at: created,
                routed_to,
            })
            .await?;
        let mut from = "reported";
        for (step, to) in statuses.iter().enumerate() {
            let at = created + Duration::days(step as i64 * 4 + 2);
            if step == 1 {
                store
                    .add_blocker_event(&NewEvent {
                        id: Uuid::now_v7(),
                        blocker_id: b.id,
                        author_id: holder,
                        status: None,
                        body: "Voici le numéro de dossier : 2026-0412. Merci de votre aide !"
                            .into(),
                        created_at: at - Duration::hours(1),
                    })
                    .await?;
            }
            store
                .change_blocker_status(
                    from,
                    &NewEvent {
                        id: Uuid::now_v7(),
                        blocker_id: b.id,
                        author_id: admin,
                        status: Some((*to).into()),
                        body: match *to {
                            "acknowledged" => "Bien reçu, je contacte le service concerné.".into(),
                            "unblocked" => "L’agrément est signé.".into(),
                            _ => String::new(),
                        },
                        created_at: at,
                    },
                )
                .await?;
            from = to;
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use essaim_store::{BlockersStore, NewPerson};

    async fn person(store: &dyn Store, name: &str) -> Uuid {
        store
            .create_person(NewPerson {
                id: Uuid::now_v7(),
                email: format!("{}@exemple.fr", Uuid::now_v7().simple()),
                display_name: name.into(),
                password_hash: "x".into(),
                email_confirmed_at: None,
                roles: vec![],
                created_at: utc_now(),
            })
            .await
            .unwrap()
            .id
    }

    #[tokio::test]
    async fn the_demo_blockers_go_through_the_routing() {
        let dir = tempfile::tempdir().unwrap();
        let store = essaim_sqlite::SqliteStore::open(dir.path().join("demo.db").to_str().unwrap())
            .await
            .unwrap();
        store.migrate().await.unwrap();
        let (admin, holder, regional) = (
            person(&store, "Admin").await,
            person(&store, "Holder").await,
            person(&store, "Bretagne").await,
        );
        // A hacker of the région, appointed before: the routing adds them after the
        // département's.
        store
            .add_hacker(&NewHacker {
                id: Uuid::now_v7(),
                person_id: regional,
                territory: "region:53".into(),
                theme: String::new(),
                created_by: admin,
                created_at: utc_now(),
            })
            .await
            .unwrap();
        seed(&store, admin, holder, &[]).await.unwrap();
        let every = essaim_store::blockers::BlockerFilter {
            everything: true,
            ..Default::default()
        };
        let all = store
            .list_blockers(&every, essaim_store::Page::first(50))
            .await
            .unwrap();
        assert_eq!(all.len(), BLOCKERS.len());
        for b in all {
            let to: Vec<Uuid> = store
                .blocker_hackers(b.id)
                .await
                .unwrap()
                .into_iter()
                .map(|(id, _, _)| id)
                .collect();
            assert_eq!(to, vec![admin, regional], "{}", b.title);
        }
    }
}
