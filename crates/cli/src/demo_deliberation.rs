//! The demo's opinion map: a conversation about Brest's town centre with organisers'
//! statements and the votes of 90 simulated participants in three opinion groups, analysed at
//! once, so that the results page of a new site shows groups and consensus.

use essaim_domain::deliberation::cluster::Rng;
use essaim_domain::deliberation::{fold_statement, StatementStatus};
use essaim_store::deliberation::{ConversationFields, NewStatement};
use essaim_store::{utc_now, Store};
use uuid::Uuid;

/// Each statement, and how likely each of the three groups (commerce first, mobility and
/// ecology, neighbourhood life) is to agree with it.
const STATEMENTS: &[(&str, [f64; 3])] = &[
    (
        "Le centre-ville doit rester accessible en voiture pour les commerces.",
        [0.9, 0.1, 0.4],
    ),
    (
        "Il faut piétonniser la rue de Siam le week-end.",
        [0.2, 0.9, 0.3],
    ),
    (
        "Les locaux commerciaux vides devraient accueillir des associations à loyer modéré.",
        [0.4, 0.7, 0.9],
    ),
    (
        "Le tramway doit circuler plus tard le soir.",
        [0.6, 0.9, 0.8],
    ),
    (
        "Des bancs et de l'ombre sur les places, partout.",
        [0.8, 0.9, 0.9],
    ),
    (
        "Le stationnement doit être gratuit la première heure.",
        [0.9, 0.2, 0.5],
    ),
    (
        "Une ressourcerie au cœur de la ville plutôt qu'en périphérie.",
        [0.3, 0.9, 0.2],
    ),
    (
        "Les habitants doivent décider de l'usage d'une partie du budget du centre.",
        [0.3, 0.2, 0.95],
    ),
    (
        "Il faut plus de pistes cyclables séparées des voitures.",
        [0.2, 0.95, 0.3],
    ),
    (
        "Les marchés de producteurs locaux doivent avoir lieu deux fois par semaine.",
        [0.7, 0.8, 0.8],
    ),
    (
        "Les terrasses des cafés devraient pouvoir s'étendre sur les places de parking.",
        [0.8, 0.5, 0.3],
    ),
    (
        "Un tiers-lieu ouvert à tous dans l'ancienne poste.",
        [0.3, 0.2, 0.9],
    ),
    (
        "La ville doit d'abord attirer de grandes enseignes.",
        [0.85, 0.1, 0.2],
    ),
    (
        "Des toilettes publiques gratuites et entretenues.",
        [0.8, 0.85, 0.9],
    ),
    (
        "Les fêtes de quartier doivent être soutenues par la ville.",
        [0.5, 0.2, 0.95],
    ),
    (
        "Réduire la vitesse à 20 km/h dans tout le centre.",
        [0.2, 0.85, 0.2],
    ),
];

const PARTICIPANTS: usize = 90;

/// Creates the conversation; its analysis is computed before returning.
pub async fn seed(
    store: &dyn Store,
    organiser: Uuid,
    structure: Option<Uuid>,
) -> anyhow::Result<Uuid> {
    let now = utc_now();
    let fields = ConversationFields {
        question: "Comment rendre le centre-ville de Brest plus vivant ?".into(),
        description: "Un débat ouvert à toutes et tous, organisé avant les ateliers de quartier. \
            Votez sur les propositions des autres, ajoutez les vôtres : la carte montre les \
            groupes d'opinion et ce qui nous rassemble.\n\n*Les votes de ce débat de démonstration \
            sont simulés.*"
            .into(),
        structure_id: structure,
        open_for_statements: true,
        moderation: "post".into(),
        anonymous_allowed: true,
        opens_at: None,
        closes_at: None,
        challenge: String::new(),
        territories: "commune:29019".into(),
        attribution: String::new(),
        initiative_ids: vec![],
    };
    let conversation = store.create_conversation(&fields, organiser, now).await?;
    for (text, _) in STATEMENTS {
        let statement = NewStatement {
            author_participant: None,
            text: (*text).into(),
            status: StatementStatus::Accepted.as_str().into(),
            seed: true,
            created_at: now,
        };
        store
            .add_statement(conversation.id, &statement, &fold_statement(text))
            .await?;
    }
    let mut rng = Rng::new(29);
    for p in 0..PARTICIPANTS {
        // Group sizes 40, 30, 20.
        let group = match p {
            0..40 => 0,
            40..70 => 1,
            _ => 2,
        };
        let key = format!("demo-participant-{p}");
        let participant = store
            .participant_for_key(conversation.id, &key, now)
            .await?;
        for (number, (_, agree)) in STATEMENTS.iter().enumerate() {
            if rng.next_f64() < 0.2 {
                continue; // not seen
            }
            let u = rng.next_f64();
            let value = if u < agree[group] * 0.92 {
                1
            } else if u < 0.92 {
                -1
            } else {
                0
            };
            store
                .cast_vote(conversation.id, participant, number as i32, value, now)
                .await?;
        }
    }
    essaim_web::deliberation::recompute(store, conversation.id)
        .await
        .map_err(|e| anyhow::anyhow!("demo analysis: {e}"))?;
    Ok(conversation.id)
}
