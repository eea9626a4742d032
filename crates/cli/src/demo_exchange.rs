//! Demo data: offers and needs (*entraide*). The Ruches Solidaires de Brest need premises; a
//! room is offered in Guipavas, the neighbouring commune in Brest Métropole, so the matching
//! page shows that pair first with its reasons (same kind, same intercommunality, shared
//! theme). Around it, offers and needs of every kind, and one conversation.

use chrono::NaiveDate;
use essaim_store::exchange::{Message, NewPost, PostFields};
use essaim_store::{utc_now, Store};
use uuid::Uuid;

/// (author is the holder?, structure index or none, direction, kind, title, body, territory,
/// themes, ends_on)
type DemoPost = (
    bool,
    Option<usize>,
    &'static str,
    &'static str,
    &'static str,
    &'static str,
    &'static str,
    &'static [&'static str],
    Option<(i32, u32, u32)>,
);

const POSTS: &[DemoPost] = &[
    (
        true,
        Some(0),
        "need",
        "premises",
        "Un local pour le matériel apicole et l’accueil des classes",
        "Nous cherchons **une pièce de 30 m² au moins**, au rez-de-chaussée, pour ranger les \
         ruchettes et accueillir une classe une matinée par semaine.\n\n- accès pour une \
         camionnette\n- un point d’eau si possible",
        "commune:29019",
        &["transition-ecologique", "education"],
        None,
    ),
    (
        false,
        None,
        "offer",
        "premises",
        "Salle d’activités et remise à prêter à Guipavas",
        "La salle du Douvez (40 places) et sa remise sont libres en semaine. Prêt gratuit aux \
         associations, convention d’occupation simple.",
        "commune:29075",
        &["transition-ecologique", "citoyennete"],
        None,
    ),
    (
        false,
        Some(1),
        "offer",
        "skills",
        "Mécénat de compétences : un ingénieur solaire deux jours par mois",
        "Notre coopérative met à disposition un ingénieur pour étudier la faisabilité de \
         toitures solaires sur des bâtiments associatifs.",
        "commune:35238",
        &["transition-ecologique"],
        Some((2027, 6, 30)),
    ),
    (
        true,
        Some(2),
        "need",
        "funding",
        "Financer un poste de coordination pour deux ans",
        "Le réseau cherche un cofinancement pour un poste de coordination des projets \
         d’innovation sociale en Bretagne.",
        "region:53",
        &["emploi-insertion", "cohesion-territoires-ruralite"],
        None,
    ),
    (
        false,
        Some(3),
        "offer",
        "equipment",
        "Prêt d’un camion frigorifique pour les épiceries solidaires",
        "Un camion de 12 m³ disponible le week-end pour les collectes alimentaires.",
        "departement:22",
        &["alimentation"],
        None,
    ),
    (
        true,
        None,
        "offer",
        "volunteering",
        "Bénévolat : deux apiculteurs pour encadrer des ateliers",
        "Deux apiculteurs amateurs disponibles le samedi matin dans le Finistère.",
        "departement:29",
        &["education"],
        None,
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
    let mut ids = Vec::new();
    for (by_holder, structure, direction, kind, title, body, territory, themes, ends) in POSTS {
        let post = store
            .create_exchange_post(&NewPost {
                id: Uuid::now_v7(),
                author_id: if *by_holder { holder } else { admin },
                fields: PostFields {
                    direction: (*direction).into(),
                    kind: (*kind).into(),
                    title: (*title).into(),
                    body: (*body).into(),
                    territory: (*territory).into(),
                    themes: themes.iter().map(|t| (*t).to_owned()).collect(),
                    starts_on: None,
                    ends_on: ends.and_then(|(y, m, d)| NaiveDate::from_ymd_opt(y, m, d)),
                    structure_id: structure.and_then(|i| structures.get(i).copied()),
                },
                created_at: utc_now(),
            })
            .await?;
        ids.push(post.id);
    }
    // The holder asked about the room in Guipavas; the admin, who offers it, answered.
    let room = ids[1];
    for (sender, body) in [
        (
            holder,
            "Bonjour, la remise pourrait-elle accueillir nos ruchettes d’octobre à mars ?",
        ),
        (
            admin,
            "Oui, la remise est libre tout l’hiver. Passez la visiter mardi ?",
        ),
    ] {
        store
            .add_exchange_message(&Message {
                id: Uuid::now_v7(),
                post_id: room,
                counterpart_id: holder,
                sender_id: sender,
                body: body.into(),
                created_at: utc_now(),
            })
            .await?;
    }
    Ok(())
}
