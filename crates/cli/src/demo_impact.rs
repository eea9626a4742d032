//! Demo data: impact plans on a few published demo initiatives (the one the first demo structure
//! carries, which `demo_outcomes` builds its contract on, then some of the département with the
//! most initiatives, whose barometer then shows figures), two or
//! three indicators of the shipped catalogue each with a baseline and a target, measurements
//! over three years at evidence levels 1 to 4, and the stronger ones verified by an evaluator of
//! the Mission Tiers-Lieux (structures[4], which holds the evaluator label, see `demo_network`),
//! a person of no structure of those initiatives. Everything goes through the store's methods,
//! so the entries' denormalised columns stay right.

use essaim_domain::funding::covered_territories;
use essaim_domain::initiative::Status;
use essaim_domain::structure::MemberRole;
use essaim_domain::territory::Territories;
use essaim_store::impact::{NewMeasurement, NewPlanEntry};
use essaim_store::initiatives::Initiative;
use essaim_store::{utc_now, Store, StoreError};
use uuid::Uuid;

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
    let mut chosen: Vec<&Initiative> = vec![];
    if let Some(&first) = structures.first() {
        if let Some(id) = crate::demo_assessment::carried_initiative(store, first).await? {
            chosen.extend(published.iter().find(|i| i.id == id));
        }
    }
    // The département holding the most published initiatives, so that its barometer shows
    // several of them.
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
    for wanted in [true, false] {
        for i in &published {
            if chosen.len() >= 4 {
                break;
            }
            let linked_to_mission = i.content.structures.iter().any(|(s, _)| *s == mission);
            let there = departements(i).contains(&busiest);
            if there == wanted && !linked_to_mission && !chosen.iter().any(|c| c.id == i.id) {
                chosen.push(i);
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
    for initiative in chosen {
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
