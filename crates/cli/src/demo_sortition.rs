//! The demo's citizens' panel: 40 seats on water in Finistère, 300 simulated volunteers (older
//! and more often graduates than the population, as volunteers are), quotas close to the
//! population's shares, the LEXIMIN selection computed and the panel drawn with a public seed,
//! so that a new site shows a report and a draw anyone can check.

use essaim_domain::deliberation::cluster::Rng;
use essaim_domain::sortition::{Category, Feature};
use essaim_store::sortition::{NewPanel, NewVolunteer, PanelFields, IMPORT};
use essaim_store::{utc_now, Store};
use essaim_web::sortition::{compute_selection_in, draw_in, SortitionFailure};
use uuid::Uuid;

const VOLUNTEERS: usize = 300;
const SEATS: u32 = 40;
/// The seed "announced" for the demo draw, as an organiser would type it.
pub const SEED: &str = "07 - 19 - 23 - 38 - 44 / 9";

/// A feature: its name, its share among the volunteers, and its quota for 40 seats.
type DemoFeature = (&'static str, f64, u32, u32);

/// Each category and its features.
const CATEGORIES: &[(&str, &[DemoFeature])] = &[
    ("Genre", &[("Femme", 0.48, 19, 22), ("Homme", 0.52, 18, 21)]),
    (
        "Âge",
        &[
            ("18-29 ans", 0.10, 6, 9),
            ("30-44 ans", 0.20, 8, 11),
            ("45-59 ans", 0.30, 9, 12),
            ("60 ans et plus", 0.40, 11, 14),
        ],
    ),
    (
        "Territoire",
        &[
            ("Brest métropole", 0.45, 13, 16),
            ("Pays de Morlaix", 0.15, 5, 8),
            ("Cornouaille", 0.30, 11, 14),
            ("Centre-Finistère", 0.10, 4, 6),
        ],
    ),
    (
        "Diplôme",
        &[
            ("Sans diplôme ou CAP-BEP", 0.20, 12, 16),
            ("Baccalauréat", 0.25, 7, 10),
            ("Études supérieures", 0.55, 13, 18),
        ],
    ),
];

fn categories() -> Vec<Category> {
    CATEGORIES
        .iter()
        .map(|(name, features)| Category {
            name: (*name).into(),
            features: features
                .iter()
                .map(|(f, _, min, max)| Feature {
                    name: (*f).into(),
                    min: *min,
                    max: *max,
                })
                .collect(),
        })
        .collect()
}

/// Creates the panel, its pool, its selection and its draw.
pub async fn seed(store: &dyn Store, organiser: Uuid, structure: Uuid) -> anyhow::Result<Uuid> {
    let now = utc_now();
    let fields = PanelFields {
        title: "Panel citoyen : l'eau en Finistère".into(),
        purpose: "Quarante habitantes et habitants du Finistère, tirés au sort parmi les \
            volontaires, rendront un avis sur le partage de l'eau l'été. Le tirage suit des \
            quotas de genre, d'âge, de territoire et de diplôme, et donne à chaque volontaire une \
            chance aussi égale que les quotas le permettent (LEXIMIN).\n\n*Les volontaires de ce \
            panel de démonstration sont simulés.*"
            .into(),
        panel_size: SEATS as i32,
        one_per_household: false,
        categories: serde_json::to_value(categories())?,
        registration_closes_at: None,
        erase_after_days: 30,
    };
    let panel = store
        .create_panel(&NewPanel {
            structure_id: structure,
            created_by: organiser,
            fields,
            created_at: now,
        })
        .await?;
    let mut rng = Rng::new(40);
    let volunteers: Vec<NewVolunteer> = (1..=VOLUNTEERS)
        .map(|i| {
            let features: serde_json::Map<String, serde_json::Value> = CATEGORIES
                .iter()
                .map(|(name, features)| {
                    let mut x = rng.next_f64();
                    let mut chosen = features[features.len() - 1].0;
                    for (f, share, _, _) in features.iter() {
                        if x < *share {
                            chosen = f;
                            break;
                        }
                        x -= share;
                    }
                    (
                        (*name).to_string(),
                        serde_json::Value::String(chosen.into()),
                    )
                })
                .collect();
            NewVolunteer {
                person_id: None,
                name: format!("Volontaire simulé {i}"),
                email: String::new(),
                household: String::new(),
                features: serde_json::Value::Object(features),
                source: IMPORT.into(),
                created_at: now,
            }
        })
        .collect();
    store.import_volunteers(panel.id, &volunteers).await?;
    let fail = |f: SortitionFailure| anyhow::anyhow!("demo panel: {f:?}");
    let panel = store.get_panel(panel.id).await?.expect("just created");
    compute_selection_in(store, &panel).await.map_err(fail)?;
    let panel = store.get_panel(panel.id).await?.expect("just created");
    draw_in(store, &panel, SEED, organiser)
        .await
        .map_err(fail)?;
    Ok(panel.id)
}
