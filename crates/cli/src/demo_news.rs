//! Demo data: curated news (*veille*). Links shared in the demo's open group by the holder and
//! one platform item by the admin (a moderator), with tags, so that `/veille`, its search, its
//! tag filter and its Atom feed have something to show.

use chrono::Duration;
use essaim_domain::news::{validate, NewsInput};
use essaim_store::groups::GroupFilter;
use essaim_store::news::NewNewsItem;
use essaim_store::{utc_now, Page, Store};
use uuid::Uuid;

/// (title, url, comment, tags, by the admin on the platform)
const ITEMS: &[(&str, &str, &str, &str, bool)] = &[
    (
        "Les ressourceries bretonnes ont doublé en cinq ans",
        "https://exemple.org/veille/ressourceries-bretagne",
        "Un état des lieux utile pour qui veut ouvrir une **recyclerie** : modèles économiques, emplois en insertion.",
        "économie circulaire, réemploi, insertion",
        false,
    ),
    (
        "Tiers-lieux : le guide du bail précaire",
        "https://exemple.org/veille/tiers-lieux-bail",
        "Convention d’occupation, bail dérogatoire : ce qu’il faut savoir avant de signer.",
        "tiers-lieux, foncier",
        false,
    ),
    (
        "Appel à projets « Mobilités solidaires » 2026",
        "https://exemple.org/veille/appel-mobilites",
        "Jusqu’à 30 000 € pour les ateliers vélo et le covoiturage rural. Date limite : 31 janvier.",
        "mobilité, appel à projets",
        true,
    ),
];

/// Seeds this context in the demo territory. `admin` and `holder` are the demo accounts;
/// `structures` the demo structures in the order of `demo::STRUCTURES`.
pub async fn seed(
    store: &dyn Store,
    admin: Uuid,
    holder: Uuid,
    _structures: &[Uuid],
) -> anyhow::Result<()> {
    // The first open group of the demo, if the groups' demo made one.
    let open = store
        .list_groups(
            &GroupFilter::default(),
            Page {
                limit: 100,
                offset: 0,
            },
        )
        .await?
        .into_iter()
        .find(|g| g.access == "open")
        .map(|g| g.id);
    let start = utc_now() - Duration::days(10);
    for (n, (title, url, comment, tags, platform)) in ITEMS.iter().enumerate() {
        let v = validate(&NewsInput {
            url: (*url).into(),
            title: (*title).into(),
            comment: (*comment).into(),
            tags: (*tags).into(),
        })
        .map_err(|e| anyhow::anyhow!("demo news {title} is invalid: {e:?}"))?;
        let (group_id, author_id) = match (platform, open) {
            (false, Some(g)) => (Some(g), holder),
            _ => (None, admin),
        };
        store
            .add_news(&NewNewsItem {
                id: Uuid::now_v7(),
                group_id,
                author_id,
                url: v.url,
                title: v.title,
                comment: v.comment,
                tags: v.tags,
                stems: v.stems,
                created_at: start + Duration::days(n as i64 * 3),
            })
            .await?;
    }
    Ok(())
}
