//! Demo data: impact plans on a few published demo initiatives (the one the first demo structure
//! carries, which `demo_outcomes` builds its contract on, two in Finistère, the demo's home
//! département, then some of the département with the most initiatives: their barometers then
//! show figures), two or
//! three indicators of the shipped catalogue each with a baseline and a target, measurements
//! over three years at evidence levels 1 to 4, and the stronger ones verified by an evaluator of
//! the Mission Tiers-Lieux (structures[4], which holds the evaluator label, see `demo_network`),
//! a person of no structure of those initiatives. When the generated territory holds fewer than
//! two published initiatives in Finistère (small demos), the missing ones are added there, at
//! fixed places, so that the demo stays deterministic. Everything goes through the store's
//! methods, so the entries' denormalised columns stay right.

use essaim_domain::funding::covered_territories;
use essaim_domain::initiative::{InitiativeContent, Licence, Recipe, Stage, Status};
use essaim_domain::structure::MemberRole;
use essaim_domain::territory::{Territories, TerritoryRef};
use essaim_store::impact::{NewMeasurement, NewPlanEntry};
use essaim_store::initiatives::Initiative;
use essaim_store::{utc_now, RevisionNote, Store, StoreError};
use uuid::Uuid;

/// The demo's home département (its structures are in Brest): its barometer must show figures.
const FINISTERE: &str = "departement:29";
/// How many initiatives of Finistère get an impact plan.
const FINISTERE_PLANS: usize = 2;
/// How many initiatives get an impact plan in all.
const PLANS: usize = 6;

/// Initiatives added in Finistère when the generated territory has too few there: title,
/// summary, commune, challenges.
const FINISTERE_EXTRA: &[(&str, &str, &str, &[&str])] = &[
    (
        "Épicerie solidaire de Quimper",
        "Une épicerie associative où les personnes aux revenus modestes achètent des produits de qualité à petit prix.",
        "commune:29232",
        &["alimentation", "inclusion"],
    ),
    (
        "Repair café de Morlaix",
        "Un atelier mensuel où des bénévoles aident chacun à réparer ses objets plutôt que de les jeter.",
        "commune:29151",
        &["economie-circulaire", "solidarite-intergenerationnelle"],
    ),
];

/// Adds one of `FINISTERE_EXTRA`, published, written by `holder`.
async fn add_in_finistere(
    store: &dyn Store,
    holder: Uuid,
    (title, summary, commune, challenges): (&str, &str, &str, &[&str]),
) -> anyhow::Result<Initiative> {
    let content = InitiativeContent {
        title: title.into(),
        summary: summary.into(),
        description: summary.into(),
        challenges: challenges.iter().map(|c| (*c).to_owned()).collect(),
        territories: vec![TerritoryRef::parse(commune)
            .map_err(|e| anyhow::anyhow!("demo commune {commune}: {e:?}"))?],
        stage: Stage::Experimentation,
        publics: vec!["habitants".into()],
        structures: vec![],
        links: vec![],
        licence: Licence::CcBySa4,
        recipe: Recipe::default(),
    };
    let note = RevisionNote {
        author_id: holder,
        message: "création".into(),
        at: utc_now(),
    };
    Ok(store
        .create_initiative(Uuid::now_v7(), &content, Status::Published, None, note)
        .await?)
}

/// Indicator codes of the catalogue by challenge, the increasing ones first.
const BY_CHALLENGE: &[(&str, &[&str])] = &[
    ("alimentation", &["repas-servis", "gaspillage-alimentaire"]),
    ("inclusion", &["personnes-accompagnees"]),
    ("egalite-des-chances", &["personnes-accompagnees"]),
    ("transition-ecologique", &["emissions-evitees"]),
    (
        "economie-circulaire",
        &["dechets-detournes", "heures-travail-insertion"],
    ),
    (
        "solidarite-intergenerationnelle",
        &["binomes-intergenerationnels", "seniors-visites"],
    ),
    (
        "mobilite",
        &["trajets-partages", "personnes-mobilite-retrouvee"],
    ),
    ("emploi-insertion", &["sorties-emploi-durable"]),
    (
        "cohesion-territoires-ruralite",
        &["frequentation-tiers-lieu", "communes-touchees"],
    ),
    (
        "numerique-inclusif",
        &[
            "personnes-autonomes-numerique",
            "equipements-reconditionnes",
        ],
    ),
    ("culture", &["participants-ateliers-culturels"]),
    ("habitat", &["logements-renoves"]),
    ("sante", &["personnes-depistees"]),
];

/// Baseline and target of each indicator used here.
const GOALS: &[(&str, f64, f64)] = &[
    ("repas-servis", 0.0, 12_000.0),
    ("gaspillage-alimentaire", 800.0, 400.0),
    ("personnes-accompagnees", 0.0, 300.0),
    ("emissions-evitees", 0.0, 40.0),
    ("dechets-detournes", 0.0, 15_000.0),
    ("heures-travail-insertion", 0.0, 6_000.0),
    ("binomes-intergenerationnels", 0.0, 40.0),
    ("seniors-visites", 0.0, 80.0),
    ("trajets-partages", 0.0, 5_000.0),
    ("personnes-mobilite-retrouvee", 0.0, 150.0),
    ("sorties-emploi-durable", 0.0, 25.0),
    ("frequentation-tiers-lieu", 1_500.0, 9_000.0),
    ("communes-touchees", 1.0, 12.0),
    ("personnes-autonomes-numerique", 0.0, 200.0),
    ("equipements-reconditionnes", 0.0, 600.0),
    ("participants-ateliers-culturels", 0.0, 400.0),
    ("logements-renoves", 0.0, 30.0),
    ("personnes-depistees", 0.0, 500.0),
];

/// The measured years: period, share of the way from baseline to target.
const YEARS: &[(&str, &str, f64)] = &[
    ("2024-01-01", "2024-12-31", 0.3),
    ("2025-01-01", "2025-12-31", 0.55),
    ("2026-01-01", "2026-06-30", 0.8),
];

const SOURCES: &[(&str, &str)] = &[
    (
        "Estimation de l’équipe",
        "Estimation à partir des souvenirs des bénévoles.",
    ),
    (
        "Tableau de suivi interne",
        "Comptage mensuel reporté dans un tableur partagé.",
    ),
    (
        "Registre tenu sur place",
        "Registre signé à chaque passage, totalisé en fin de période.",
    ),
    (
        "Contrôle croisé avec les partenaires",
        "Registre rapproché des factures et des listes des partenaires.",
    ),
];

/// Seeds this context in the demo territory. `admin` and `holder` are the demo accounts;
/// `structures` the demo structures in the order of `demo::STRUCTURES`.
pub async fn seed(
    store: &dyn Store,
    _admin: Uuid,
    holder: Uuid,
    structures: &[Uuid],
) -> anyhow::Result<()> {
    let Some(&mission) = structures.get(4) else {
        return Ok(());
    };
    // The initiatives: the first structure's (for the impact contract), then others.
    let published = store.export_initiatives(&[Status::Published]).await?;
    let mut chosen: Vec<Initiative> = vec![];
    if let Some(&first) = structures.first() {
        if let Some(id) = crate::demo_assessment::carried_initiative(store, first).await? {
            chosen.extend(published.iter().find(|i| i.id == id).cloned());
        }
    }
    let territories = Territories::bundled();
    let departements = |i: &Initiative| -> Vec<String> {
        covered_territories(&i.content.territories, territories)
            .into_iter()
            .filter(|t| t.starts_with("departement:"))
            .collect()
    };
    let mut counts: Vec<(String, usize)> = vec![];
    for i in &published {
        for d in departements(i) {
            match counts.iter_mut().find(|(c, _)| *c == d) {
                Some((_, n)) => *n += 1,
                None => counts.push((d, 1)),
            }
        }
    }
    counts.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
    let busiest = counts.first().map(|(d, _)| d.clone()).unwrap_or_default();
    let linked_to_mission =
        |i: &Initiative| i.content.structures.iter().any(|(s, _)| *s == mission);
    // Finistère first, then the busiest département, then anywhere.
    let in_finistere = |c: &[Initiative]| {
        c.iter()
            .filter(|i| departements(i).iter().any(|d| d == FINISTERE))
            .count()
    };
    for i in &published {
        if in_finistere(&chosen) >= FINISTERE_PLANS {
            break;
        }
        let there = departements(i).iter().any(|d| d == FINISTERE);
        if there && !linked_to_mission(i) && !chosen.iter().any(|c| c.id == i.id) {
            chosen.push(i.clone());
        }
    }
    for extra in FINISTERE_EXTRA {
        if in_finistere(&chosen) >= FINISTERE_PLANS {
            break;
        }
        chosen.push(add_in_finistere(store, holder, *extra).await?);
    }
    for wanted in [true, false] {
        for i in &published {
            if chosen.len() >= PLANS {
                break;
            }
            let there = departements(i).contains(&busiest);
            if there == wanted && !linked_to_mission(i) && !chosen.iter().any(|c| c.id == i.id) {
                chosen.push(i.clone());
            }
        }
    }
    // The evaluator: a member of the Mission Tiers-Lieux only.
    let (evaluator, _) = crate::create_user(
        store,
        "evaluatrice@essaim.localhost",
        "Nadia Benali",
        None,
        false,
    )
    .await?;
    store
        .add_member(mission, evaluator.id, MemberRole::Member, utc_now())
        .await?;
    for initiative in &chosen {
        let mut codes: Vec<&str> = vec![];
        for challenge in &initiative.content.challenges {
            let Some((_, list)) = BY_CHALLENGE.iter().find(|(c, _)| c == challenge) else {
                continue;
            };
            for code in list.iter() {
                if !codes.contains(code) && codes.len() < 3 {
                    codes.push(code);
                }
            }
        }
        // Every chosen initiative gets a plan, whatever its challenges.
        if codes.is_empty() {
            codes.push("personnes-accompagnees");
        }
        for (k, code) in codes.iter().enumerate() {
            let (Some(indicator), Some(&(_, baseline, target))) = (
                store.indicator_by_code(code).await?,
                GOALS.iter().find(|(c, _, _)| c == code),
            ) else {
                continue;
            };
            let entry = match store
                .add_plan_entry(&NewPlanEntry {
                    id: Uuid::now_v7(),
                    initiative_id: initiative.id,
                    indicator_id: indicator.id,
                    baseline_value: baseline,
                    baseline_on: "2024-01-01".into(),
                    target_value: target,
                    target_on: "2027-12-31".into(),
                    created_by: holder,
                    created_at: utc_now(),
                })
                .await
            {
                Ok(e) => e,
                Err(StoreError::AlreadyExists) => continue,
                Err(e) => return Err(e.into()),
            };
            for (y, (start, end, share)) in YEARS.iter().enumerate() {
                let mut value = baseline + (target - baseline) * share;
                if entry.value_type == "integer" {
                    value = value.round();
                } else {
                    value = (value * 10.0).round() / 10.0;
                }
                let level = (1 + y + k % 2).min(4);
                let (source, method) = SOURCES[level - 1];
                let m = store
                    .add_measurement(&NewMeasurement {
                        id: Uuid::now_v7(),
                        entry_id: entry.id,
                        value,
                        period_start: (*start).into(),
                        period_end: (*end).into(),
                        source: source.into(),
                        method: method.into(),
                        evidence_level: level as i32,
                        created_by: holder,
                        created_at: utc_now(),
                    })
                    .await?;
                if level >= 3 {
                    store
                        .verify_measurement(
                            m.id,
                            evaluator.id,
                            utc_now(),
                            "Registre et pièces contrôlés lors d’une visite.",
                        )
                        .await?;
                }
            }
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::BTreeSet;

    /// A small demo (whose generated initiatives may all lie elsewhere) still measures two
    /// published initiatives of Finistère, at several evidence levels, one at least verified:
    /// what the barometer of département 29 shows.
    #[tokio::test]
    async fn a_small_demo_measures_two_initiatives_in_finistere() {
        let dir = tempfile::tempdir().unwrap();
        let store = essaim_sqlite::SqliteStore::open(dir.path().join("demo.db").to_str().unwrap())
            .await
            .unwrap();
        store.migrate().await.unwrap();
        let store: &dyn Store = &store;
        assert!(crate::demo::seed(store, 12).await.unwrap());
        let territories = Territories::bundled();
        let mut measured = vec![];
        for i in store
            .export_initiatives(&[Status::Published])
            .await
            .unwrap()
        {
            let covered = covered_territories(&i.content.territories, territories);
            if !covered.iter().any(|t| t == "departement:29") {
                continue;
            }
            let mut levels = BTreeSet::new();
            let mut verified = 0;
            for e in store.plan_entries(i.id).await.unwrap() {
                for m in store.measurements(e.id).await.unwrap() {
                    levels.insert(m.evidence_level);
                    verified += usize::from(m.verified_at.is_some());
                }
            }
            if levels.len() >= 2 && verified >= 1 {
                measured.push(i.content.title.clone());
            }
        }
        assert!(measured.len() >= 2, "{measured:?}");
    }
}
