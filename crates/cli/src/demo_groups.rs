//! Demo data of groups: an open group of Brest's third places (tiers-lieux) and a closed
//! group of the Finistère's funders, with threads, replies and an @mention, so that a new site
//! shows discussions. Both demo accounts follow what they belong to and take the daily digest.

use essaim_domain::groups::handle;
use essaim_store::groups::{NewGroup, NewPost, NewThread};
use essaim_store::{utc_now, Store};
use uuid::Uuid;

/// Seeds this context in the demo territory. `admin` and `holder` are the demo accounts;
/// `structures` the demo structures in the order of `demo::STRUCTURES`.
pub async fn seed(
    store: &dyn Store,
    admin: Uuid,
    holder: Uuid,
    _structures: &[Uuid],
) -> anyhow::Result<()> {
    let start = utc_now() - chrono::Duration::days(3);
    let at = |minutes: i64| start + chrono::Duration::minutes(minutes);
    let admin_name = store
        .person(admin)
        .await?
        .map(|p| p.display_name)
        .unwrap_or_default();
    // Unsubscribe tokens are secrets, made as the site makes them.
    for person in [admin, holder] {
        store
            .ensure_group_settings(
                person,
                "digest",
                "fr",
                &essaim_web::auth::random_secret(),
                start,
            )
            .await?;
    }

    let open = store
        .create_group(&NewGroup {
            id: Uuid::now_v7(),
            name: "Tiers-lieux de Brest métropole".into(),
            description: "Le groupe des **tiers-lieux** de la métropole : outils à partager, \
                          événements, questions de gestion."
                .into(),
            territory: "commune:29019".into(),
            challenge: "inclusion".into(),
            access: "open".into(),
            created_by: holder,
            created_at: at(0),
        })
        .await?;
    store
        .add_group_membership(open.id, admin, "member", at(5))
        .await?;
    for person in [admin, holder] {
        store.set_group_follow(person, open.id, true, at(5)).await?;
    }
    let post = |thread: Uuid, group: Uuid, author: Uuid, body: String, minutes| NewPost {
        id: Uuid::now_v7(),
        thread_id: thread,
        group_id: group,
        author_id: author,
        body,
        mentions: vec![],
        created_at: at(minutes),
    };
    let thread_id = Uuid::now_v7();
    store
        .create_group_thread(&NewThread {
            title: "Mutualiser une camionnette pour les chantiers".into(),
            post: post(
                thread_id,
                open.id,
                holder,
                "Nous avons besoin d’un utilitaire deux jours par mois. \
                 Qui serait partant pour en partager un ?"
                    .into(),
                60,
            ),
        })
        .await?;
    store
        .add_group_post(&post(
            thread_id,
            open.id,
            admin,
            "Bonne idée ! La recyclerie de Recouvrance en cherche un aussi, *le mardi*.".into(),
            120,
        ))
        .await?;
    let mut mention = post(
        thread_id,
        open.id,
        holder,
        format!(
            "Merci @{} : je propose une réunion jeudi à 18 h au local.",
            handle(&admin_name)
        ),
        180,
    );
    mention.mentions = vec![admin];
    store.add_group_post(&mention).await?;
    let second = Uuid::now_v7();
    store
        .create_group_thread(&NewThread {
            title: "Assurance des bénévoles : vos retours".into(),
            post: post(
                second,
                open.id,
                admin,
                "Quel contrat avez-vous choisi pour couvrir les bénévoles lors des ateliers ?"
                    .into(),
                240,
            ),
        })
        .await?;

    let closed = store
        .create_group(&NewGroup {
            id: Uuid::now_v7(),
            name: "Financeurs de l’innovation sociale en Finistère".into(),
            description: "Un groupe **sur demande** pour coordonner les appels à projets.".into(),
            territory: "departement:29".into(),
            challenge: String::new(),
            access: "closed".into(),
            created_by: admin,
            created_at: at(300),
        })
        .await?;
    store
        .set_group_follow(admin, closed.id, true, at(300))
        .await?;
    store
        .add_group_membership(closed.id, holder, "pending", at(360))
        .await?;
    let third = Uuid::now_v7();
    store
        .create_group_thread(&NewThread {
            title: "Calendrier des appels à projets 2027".into(),
            post: post(
                third,
                closed.id,
                admin,
                "Voici les dates pressenties ; merci de compléter avant la fin du mois.".into(),
                420,
            ),
        })
        .await?;
    Ok(())
}
