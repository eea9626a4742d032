//! Demo data of défis and hackathons: three défis, one co-owned by a *filière* (an
//! association, a public body and a company) with a sponsor; the demo's online hackathon
//! (created by `demo_events`) gets its settings, a défi and participants; and a past hackathon
//! in Brest, two days in spring ([`PAST_TITLE`]), with sixteen participants of four sectors,
//! teams formed by the planner, adjusted (défi, coach, designer), published, and their
//! workspaces filled. `demo_jury` scores that past hackathon's teams.

use chrono::{Datelike, Duration, TimeZone, Utc};
use essaim_domain::hackathons::{form_teams, Member, Sector, AGE_BANDS};
use essaim_domain::planner::Budget;
use essaim_domain::structure::{MemberRole, StructureInput};
use essaim_domain::territory::Territories;
use essaim_store::defis::{Defi, DefiFields, NewDefi};
use essaim_store::events::{EventFields, EventFilter, NewEvent};
use essaim_store::hackathons::{Attributes, TeamSetup, Workspace};
use essaim_store::{utc_now, Store};
use uuid::Uuid;

/// The past hackathon's title: stable, so that other demo modules find it.
pub const PAST_TITLE: &str = "Hackathon Zéro gaspi à Brest";

/// The planner's seed of the demo formations: the demo is the same every time.
const SEED: u64 = 2026;

/// Structures of the filière, made for the demo: (name, kind, territory).
const FILIERE: [(&str, &str, &str); 2] = [
    ("Mairie de Brest (fictive)", "collectivite", "commune:29019"),
    (
        "Conserverie Penn ar Bed (fictive)",
        "entreprise",
        "commune:29019",
    ),
];

const PARTICIPANTS: [&str; 16] = [
    "Aziliz Le Corre",
    "Brieuc Floc’h",
    "Carine Le Hir",
    "Denez Prigent",
    "Enora Kerjean",
    "Fañch Le Duff",
    "Gwendal Bihan",
    "Hélène Marzin",
    "Iwan Le Page",
    "Josselin Quéméner",
    "Klervi Uguen",
    "Lucas Le Gac",
    "Mona Kerdraon",
    "Nathan Roudaut",
    "Ophélie Jaouen",
    "Paul Kervella",
];

const WORKSPACES: [(&str, &str, &str, &str); 4] = [
    (
        "La Gamelle Partagée",
        "Les restes des cantines du Finistère partent chaque midi vers **trois épiceries \
         solidaires**, grâce à une tournée à vélo-cargo et une application de réservation.",
        "https://exemple.org/gamelle-partagee\nhttps://exemple.org/gamelle-partagee/maquette",
        "Maquette de l’application, plan de tournée, budget sur un an.",
    ),
    (
        "Bocaux de Saison",
        "La conserverie transforme les surplus des producteurs en *bocaux* servis l’hiver \
         dans les cantines : moins de gaspillage, plus de local.",
        "https://exemple.org/bocaux-de-saison",
        "Fiche recette, coûts de revient, lettre d’intention de la conserverie.",
    ),
    (
        "Le Frigo du Quartier",
        "Un réfrigérateur solidaire dans chaque tiers-lieu, approvisionné par les commerces \
         voisins et tenu par les habitants.",
        "https://exemple.org/frigo-du-quartier",
        "Charte d’hygiène, carte des emplacements, planning des bénévoles.",
    ),
    (
        "Potager Pédagogique",
        "Les élèves cultivent au tiers-lieu ce qu’ils mangent à la cantine ; les épluchures \
         reviennent au compost du potager.",
        "https://exemple.org/potager-pedagogique",
        "Programme sur une année scolaire, convention type avec les écoles.",
    ),
];

async fn structure(
    store: &dyn Store,
    owner: Uuid,
    (name, kind, territory): (&str, &str, &str),
) -> anyhow::Result<Uuid> {
    let fields = StructureInput {
        name: name.into(),
        kind: kind.into(),
        territory: territory.into(),
        ..Default::default()
    }
    .validate(Territories::bundled())
    .map_err(|e| anyhow::anyhow!("demo structure {name} is invalid: {e:?}"))?;
    let id = Uuid::now_v7();
    store
        .create_structure(id, &fields, owner, utc_now())
        .await?;
    Ok(id)
}

#[allow(clippy::too_many_arguments)]
async fn defi(
    store: &dyn Store,
    by: Uuid,
    owners: Vec<Uuid>,
    sponsors: Vec<Uuid>,
    title: &str,
    question: &str,
    context: &str,
    challenges: &[&str],
) -> anyhow::Result<Defi> {
    Ok(store
        .create_defi(&NewDefi {
            id: Uuid::now_v7(),
            fields: DefiFields {
                title: title.into(),
                context: context.into(),
                question: question.into(),
                deliverable: "Un prototype présenté au jury et un plan de test sur six mois."
                    .into(),
                territory: "departement:29".into(),
                departement: Some("29".into()),
                region: Some("53".into()),
                status: "published".into(),
                challenges: challenges.iter().map(|c| (*c).to_owned()).collect(),
                sponsors,
            },
            owners,
            created_by: by,
            created_at: utc_now() - Duration::days(60),
        })
        .await?)
}

/// Seeds this context. `admin` and `holder` are the demo accounts; `structures` the demo
/// structures in the order of `demo::STRUCTURES` (the holder manages the even ones).
pub async fn seed(
    store: &dyn Store,
    admin: Uuid,
    holder: Uuid,
    structures: &[Uuid],
) -> anyhow::Result<()> {
    let (Some(&ruches), Some(&reseau), Some(&fondation), Some(&tiers_lieux)) = (
        structures.first(),
        structures.get(2),
        structures.get(3),
        structures.get(4),
    ) else {
        return Ok(());
    };
    // The filière: the association (the holder's), a public body and a company.
    let mairie = structure(store, holder, FILIERE[0]).await?;
    let conserverie = structure(store, admin, FILIERE[1]).await?;
    let gaspi = defi(
        store,
        holder,
        vec![ruches, mairie, conserverie],
        vec![fondation],
        "Zéro gaspillage dans les cantines du Finistère",
        "Comment ne plus jeter un repas sur quatre servi dans les cantines ?",
        "Les cantines scolaires du Finistère jettent près d’un quart des repas servis. \
         L’association, la ville et la conserverie portent ce défi **ensemble** : chacune \
         apporte ses données, ses cuisines ou ses ateliers.",
        &["alimentation", "economie-circulaire"],
    )
    .await?;
    let nourriciers = defi(
        store,
        admin,
        vec![tiers_lieux, mairie],
        vec![],
        "Des tiers-lieux nourriciers",
        "Comment faire des tiers-lieux des lieux où l’on cultive, cuisine et partage ?",
        "Les tiers-lieux accueillent déjà ateliers et permanences ; ils pourraient aussi \
         nourrir leur quartier.",
        &["alimentation", "cohesion-territoires-ruralite"],
    )
    .await?;
    let covoiturage = defi(
        store,
        admin,
        vec![reseau],
        vec![fondation],
        "Covoiturage solidaire en zone rurale",
        "Comment emmener au travail, au soin et aux courses celles et ceux qui n’ont pas de \
         voiture ?",
        "Dans les communes rurales, un bus passe deux fois par jour.",
        &["mobilite", "cohesion-territoires-ruralite"],
    )
    .await?;

    // The online hackathon of demo_events: settings, a défi, its registrants as participants.
    let online = store
        .list_events(&EventFilter {
            upcoming_at: Some(utc_now()),
            kind: Some("hackathon".into()),
            limit: 10,
            ..EventFilter::default()
        })
        .await?;
    if let Some(e) = online.into_iter().next() {
        store.save_hackathon(e.id, 4, utc_now()).await?;
        store
            .set_hackathon_defis(e.id, &[covoiturage.row.id])
            .await?;
        for (i, r) in store.registrations(e.id).await?.iter().enumerate() {
            if r.status != "confirmed" {
                continue;
            }
            store
                .join_hackathon(
                    e.id,
                    r.person_id,
                    &Attributes {
                        structure_id: None,
                        sector: Sector::ALL[i % 4].as_str().into(),
                        age_band: AGE_BANDS[i % AGE_BANDS.len()].into(),
                        skills: "Animation, cartographie".into(),
                    },
                    utc_now(),
                )
                .await?;
        }
    }

    past_hackathon(
        store,
        admin,
        holder,
        ruches,
        mairie,
        conserverie,
        &[gaspi, nourriciers],
    )
    .await
}

/// Two days in spring in Brest: April of this year, or of last year before April is over.
fn spring() -> chrono::DateTime<Utc> {
    let now = Utc::now();
    let at = |year: i32| Utc.with_ymd_and_hms(year, 4, 16, 7, 0, 0).single();
    match at(now.year()) {
        Some(t) if t + Duration::days(10) < now => t,
        _ => at(now.year() - 1).unwrap_or(now - Duration::days(200)),
    }
}

async fn past_hackathon(
    store: &dyn Store,
    admin: Uuid,
    holder: Uuid,
    ruches: Uuid,
    mairie: Uuid,
    conserverie: Uuid,
    defis: &[Defi],
) -> anyhow::Result<()> {
    let starts = spring();
    let e = store
        .create_event(&NewEvent {
            id: Uuid::now_v7(),
            fields: EventFields {
                kind: "hackathon".into(),
                title: PAST_TITLE.into(),
                description: "Deux jours aux Capucins pour répondre aux défis du gaspillage \
                              alimentaire posés par la filière brestoise."
                    .into(),
                starts_at: starts,
                ends_at: starts + Duration::hours(34),
                address: "Les Capucins, 25 rue de Pontaniou".into(),
                commune: "commune:29019".into(),
                departement: Some("29".into()),
                region: Some("53".into()),
                online_url: None,
                capacity: Some(30),
                registration_open: true,
            },
            organisers: vec![ruches, mairie],
            created_by: holder,
            created_at: starts - Duration::days(45),
        })
        .await?;
    store
        .save_hackathon(e.id, 4, starts - Duration::days(30))
        .await?;
    let defi_ids: Vec<Uuid> = defis.iter().map(|d| d.row.id).collect();
    store.set_hackathon_defis(e.id, &defi_ids).await?;

    // Sixteen participants: four of each sector; eight come two by two from four structures.
    let from = [ruches, mairie, conserverie, ruches];
    let mut people = vec![];
    let mut members = vec![];
    for (i, name) in PARTICIPANTS.iter().enumerate() {
        let email = format!("hackathon.brest{:02}@essaim.localhost", i + 1);
        let (p, _) = crate::create_user(store, &email, name, None, false).await?;
        let structure = (i < 8).then(|| from[i / 2]);
        if let Some(s) = structure {
            if store.membership(s, p.id).await?.is_none() {
                store
                    .add_member(s, p.id, MemberRole::Member, utc_now())
                    .await?;
            }
        }
        store
            .register(
                e.id,
                p.id,
                starts - Duration::days(20) + Duration::minutes(i as i64),
            )
            .await?;
        let sector = Sector::ALL[i % 4].as_str();
        let age_band = AGE_BANDS[(i / 4) % AGE_BANDS.len()];
        store
            .join_hackathon(
                e.id,
                p.id,
                &Attributes {
                    structure_id: structure,
                    sector: sector.into(),
                    age_band: age_band.into(),
                    skills: ["Code", "Design", "Cuisine collective", "Logistique"][i % 4].into(),
                },
                starts - Duration::days(20),
            )
            .await?;
        members.push(Member {
            id: p.id.to_string(),
            structure: structure.map(|s| s.to_string()),
            sector: sector.into(),
            age_band: age_band.into(),
        });
        people.push(p.id);
    }
    // The coaches and designers: the demo accounts, registered too.
    let (designer, _) = crate::create_user(
        store,
        "designeuse.hackathon@essaim.localhost",
        "Anna Le Dû",
        None,
        false,
    )
    .await?;
    store
        .register(e.id, designer.id, starts - Duration::days(19))
        .await?;
    let formation = form_teams(&members, 4, Budget::iterations(50_000), SEED)
        .map_err(|err| anyhow::anyhow!("demo team formation: {err}"))?;
    let setups: Vec<TeamSetup> = formation
        .teams
        .iter()
        .enumerate()
        .map(|(i, t)| TeamSetup {
            number: i as i64 + 1,
            name: String::new(),
            defi_id: defi_ids.get(i / 2).copied(),
            coach_id: Some(if i % 2 == 0 { holder } else { admin }),
            designer_id: Some(designer.id),
            members: t.iter().map(|m| people[*m]).collect(),
        })
        .collect();
    let at = starts + Duration::hours(2);
    let teams = store
        .replace_teams(e.id, &setups, Some(SEED as i64), at)
        .await?;
    for (t, (title, pitch, links, deliverables)) in teams.iter().zip(WORKSPACES) {
        store
            .update_workspace(
                t.row.id,
                &Workspace {
                    solution_title: title.into(),
                    pitch: pitch.into(),
                    prototype_links: links.into(),
                    deliverables: deliverables.into(),
                },
                starts + Duration::hours(30),
            )
            .await?;
    }
    store.publish_teams(e.id, true, at).await?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use essaim_store::events::EventFilter;
    use essaim_store::{utc_now, Store};
    use std::collections::BTreeSet;

    /// The past hackathon holds sixteen participants in published teams that mix sectors, each
    /// with a défi, a coach, a designer and a filled workspace; a défi is co-owned by three.
    #[tokio::test]
    async fn the_demo_has_a_past_hackathon_with_balanced_teams() {
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
                kind: Some("hackathon".into()),
                limit: 10,
                ..EventFilter::default()
            })
            .await
            .unwrap();
        let e = past
            .iter()
            .find(|e| e.title == super::PAST_TITLE)
            .expect("the past hackathon");
        let h = store.get_hackathon(e.id).await.unwrap().unwrap();
        assert!(h.teams_published);
        let participants = store.participants(e.id).await.unwrap();
        assert_eq!(participants.len(), 16);
        let teams = store.teams(e.id).await.unwrap();
        assert_eq!(teams.len(), 4);
        for t in &teams {
            let sectors: BTreeSet<&str> = t.members.iter().map(|m| m.sector.as_str()).collect();
            assert!(sectors.len() >= 3, "team {} mixes sectors", t.row.number);
            assert!(t.row.defi_id.is_some() && t.row.coach_id.is_some());
            assert!(!t.row.solution_title.is_empty());
        }
        let defis = store.hackathon_defis(e.id).await.unwrap();
        let filiere = store
            .get_defi(
                defis
                    .iter()
                    .find(|d| d.title.starts_with("Zéro"))
                    .unwrap()
                    .id,
            )
            .await
            .unwrap()
            .unwrap();
        assert_eq!(filiere.owners.len(), 3);
        assert_eq!(filiere.sponsors.len(), 1);
    }
}
