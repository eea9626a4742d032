//! A demo territory for newcomers: a few people and structures of Brittany and elsewhere, so
//! that `essaim serve --demo` shows a living site at once. Only an empty database is filled.

use crate::create_user;
use essaim_domain::structure::{MemberRole, StructureInput};
use essaim_domain::territory::Territories;
use essaim_store::{utc_now, Store};

const STRUCTURES: &[(&str, &str, &str, &str, &str)] = &[
    (
        "Les Ruches Solidaires de Brest",
        "association",
        "commune:29019",
        "https://exemple.org/ruches-brest",
        "Des ruchers partagés sur les toits des écoles, entretenus par des apprentis apiculteurs en insertion.\n\n- ateliers pour les classes\n- miel vendu au marché de Saint-Martin",
    ),
    (
        "Coopérative Énergies Citoyennes du Pays de Rennes",
        "cooperative",
        "commune:35238",
        "",
        "Une **SCIC** qui finance des toitures solaires avec l'épargne des habitants et partage les revenus avec les communes.",
    ),
    (
        "Réseau Bretagne Initiatives Sociales",
        "reseau",
        "region:53",
        "https://exemple.org/rbis",
        "Un réseau d'accompagnement qui suit une trentaine de projets d'innovation sociale par an.",
    ),
    (
        "Fondation Terres d'Entraide",
        "fondation",
        "departement:22",
        "",
        "Une fondation territoriale qui finance l'alimentation durable et les épiceries solidaires.",
    ),
    (
        "Mission Tiers-Lieux de la Ville de Saint-Étienne (fictive)",
        "collectivite",
        "commune:42218",
        "",
        "La mission qui ouvre des tiers-lieux dans les quartiers et repère les blocages administratifs.",
    ),
    (
        "Atelier Vélo Partagé de Lyon",
        "association",
        "commune:69123",
        "",
        "Un atelier d'autoréparation de vélos, avec des permanences pour les personnes éloignées de l'emploi.",
    ),
];

/// Fictitious SIRETs of the demo structures, in the order of `STRUCTURES` (14 digits passing the
/// Luhn check, SIREN 999 00x 000 registered to no one), so that the demo prize's award appears
/// in the SCDL subventions file, which leaves out awards without valid SIRETs.
const SIRETS: &[&str] = &[
    "99900100000010",
    "99900200000019",
    "99900300000018",
    "99900400000017",
    "99900500000016",
    "99900600000015",
];

/// Fills an empty database; returns false (and does nothing) when it already has people.
pub async fn seed(store: &dyn Store, initiatives: usize) -> anyhow::Result<bool> {
    if store.count_people().await? > 0 {
        return Ok(false);
    }
    let (admin, password) =
        create_user(store, "admin@essaim.localhost", "Camille Admin", None, true).await?;
    let (holder, holder_password) = create_user(
        store,
        "porteuse@essaim.localhost",
        "Léa Le Gall",
        None,
        false,
    )
    .await?;
    let mut structure_ids = vec![];
    for (i, (name, kind, territory, website, description)) in STRUCTURES.iter().enumerate() {
        let input = StructureInput {
            name: (*name).into(),
            kind: (*kind).into(),
            territory: (*territory).into(),
            website: (*website).into(),
            description: (*description).into(),
            siret: SIRETS.get(i).copied().unwrap_or_default().into(),
            ..Default::default()
        };
        let fields = input
            .validate(Territories::bundled())
            .map_err(|e| anyhow::anyhow!("demo structure {name} is invalid: {e:?}"))?;
        let owner = if i % 2 == 0 { holder.id } else { admin.id };
        let id = uuid::Uuid::now_v7();
        store
            .create_structure(id, &fields, owner, utc_now())
            .await?;
        structure_ids.push(id);
        if owner == admin.id {
            store
                .add_member(id, holder.id, MemberRole::Member, utc_now())
                .await?;
        }
    }
    let started = std::time::Instant::now();
    crate::demo_initiatives::seed(store, initiatives, &[admin.id, holder.id], &structure_ids)
        .await?;
    crate::demo_deliberation::seed(store, admin.id, structure_ids.get(2).copied()).await?;
    if let Some(&structure) = structure_ids.get(2) {
        crate::demo_sortition::seed(store, admin.id, structure).await?;
    }
    crate::demo_network::seed(store, admin.id, holder.id, &structure_ids).await?;
    crate::demo_exchange::seed(store, admin.id, holder.id, &structure_ids).await?;
    crate::demo_groups::seed(store, admin.id, holder.id, &structure_ids).await?;
    crate::demo_blockers::seed(store, admin.id, holder.id, &structure_ids).await?;
    crate::demo_news::seed(store, admin.id, holder.id, &structure_ids).await?;
    crate::demo_funding::seed(store, admin.id, holder.id, &structure_ids).await?;
    crate::demo_review::seed(store, admin.id, holder.id, &structure_ids).await?;
    crate::demo_impact::seed(store, admin.id, holder.id, &structure_ids).await?;
    crate::demo_assessment::seed(store, admin.id, holder.id, &structure_ids).await?;
    crate::demo_outcomes::seed(store, admin.id, holder.id, &structure_ids).await?;
    crate::demo_barometer::seed(store, admin.id, holder.id, &structure_ids).await?;
    crate::demo_events::seed(store, admin.id, holder.id, &structure_ids).await?;
    crate::demo_hackathons::seed(store, admin.id, holder.id, &structure_ids).await?;
    crate::demo_jury::seed(store, holder.id, &structure_ids).await?;
    crate::demo_collecte::seed(store, holder.id).await?;
    crate::demo_cafe::seed(store).await?;
    println!(
        "Données de démonstration créées : {initiatives} initiatives, un débat, un panel citoyen, le prix de l’innovation sociale de la Fondation Terres d’Entraide (candidatures évaluées, un lauréat), des plans d’impact avec mesures vérifiées et le baromètre des territoires (/barometre) en {:.1} s. Comptes :",
        started.elapsed().as_secs_f64()
    );
    println!(
        "  admin@essaim.localhost     mot de passe : {}",
        password.unwrap_or_default()
    );
    println!(
        "  porteuse@essaim.localhost  mot de passe : {}",
        holder_password.unwrap_or_default()
    );
    Ok(true)
}
