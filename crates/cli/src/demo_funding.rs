//! Demo data: the « Prix de l’innovation sociale » of the Fondation Terres d'Entraide
//! (structures[3], which holds the funder label, see `demo_network`): budget, amount range,
//! eligibility, two weighted criteria, two questions, awards made public; three applications of
//! other demo structures with one of their published initiatives, answered and submitted while
//! the prize is open. `demo_review` (run after) adds reviewers, scores and an award.

use chrono::Duration;
use essaim_domain::funding::{Eligibility, Snapshot};
use essaim_domain::initiative::{Status, StructureRole};
use essaim_store::funding::{Answer, NewApplication, NewCall, NewCriterion, NewQuestion};
use essaim_store::{utc_now, Store};
use uuid::Uuid;

/// Seeds this context in the demo territory. `admin` and `holder` are the demo accounts;
/// `structures` the demo structures in the order of `demo::STRUCTURES`.
pub async fn seed(
    store: &dyn Store,
    admin: Uuid,
    holder: Uuid,
    structures: &[Uuid],
) -> anyhow::Result<()> {
    let Some(&funder) = structures.get(3) else {
        return Ok(());
    };
    let now = utc_now();
    let call = store
        .create_call(&NewCall {
            id: Uuid::now_v7(),
            structure_id: funder,
            kind: "prize".into(),
            title: "Prix de l’innovation sociale de la Fondation Terres d’Entraide".into(),
            description: "Un prix annuel pour les initiatives qui rapprochent **alimentation \
                          durable**, insertion et solidarité de voisinage.\n\n\
                          - trois lauréats au plus\n\
                          - un accompagnement d’un an par la fondation"
                .into(),
            currency: "EUR".into(),
            budget_cents: 3_000_000,
            min_award_cents: 500_000,
            max_award_cents: 1_500_000,
            opens_at: now - Duration::days(20),
            closes_at: now + Duration::days(40),
            decision_on: Some((now + Duration::days(70)).format("%Y-%m-%d").to_string()),
            reviewers_per_application: 2,
            publish_awards: true,
            eligibility: Eligibility {
                challenges: vec![],
                territories: vec![],
                stages: vec![],
                structure_kinds: vec![
                    "association".into(),
                    "cooperative".into(),
                    "reseau".into(),
                    "collectivite".into(),
                ],
            },
            criteria: vec![
                NewCriterion {
                    name: "Utilité sociale".into(),
                    description: "Les besoins auxquels l’initiative répond et les personnes \
                                  qu’elle touche."
                        .into(),
                    weight: 3,
                    scale_max: 5,
                },
                NewCriterion {
                    name: "Essaimage".into(),
                    description: "Ce qu’un autre territoire pourrait reprendre de la recette."
                        .into(),
                    weight: 2,
                    scale_max: 5,
                },
            ],
            questions: vec![
                NewQuestion {
                    label: "À quoi servirait le prix ?".into(),
                    kind: "text".into(),
                    choices: String::new(),
                    required: true,
                },
                NewQuestion {
                    label: "Combien de personnes l’initiative a-t-elle touchées l’an dernier ?"
                        .into(),
                    kind: "number".into(),
                    choices: String::new(),
                    required: true,
                },
            ],
            created_by: admin,
            at: now,
        })
        .await?;
    let call = store
        .set_call_status(call.id, "draft", "published", now)
        .await?;
    let questions = store.call_questions(call.id).await?;
    let uses = [
        "Équiper un deuxième lieu et former deux personnes en insertion.",
        "Financer une année de permanences et un véhicule partagé.",
        "Documenter la recette pour trois communes voisines.",
    ];
    let people = ["120", "85", "240"];
    let mut n = 0;
    for (i, &structure) in structures.iter().enumerate() {
        if n >= 3 || structure == funder || i == 4 {
            continue;
        }
        let mut carried: Vec<_> = store
            .initiatives_of_structure(structure)
            .await?
            .into_iter()
            .filter(|(x, role)| *role == StructureRole::Porteur && x.status == Status::Published)
            .map(|(x, _)| x)
            .collect();
        carried.sort_by_key(|x| (x.created_at, x.id));
        let Some(initiative) = carried.first() else {
            continue;
        };
        let by = if i % 2 == 0 { holder } else { admin };
        let app = store
            .create_application(&NewApplication {
                id: Uuid::now_v7(),
                call_id: call.id,
                structure_id: structure,
                initiative_id: initiative.id,
                created_by: by,
                at: now,
            })
            .await?;
        let answers: Vec<Answer> = questions
            .iter()
            .map(|q| Answer {
                question_id: q.id,
                value: if q.kind == "number" {
                    people[n].into()
                } else {
                    uses[n].into()
                },
            })
            .collect();
        store.save_answers(app.id, &answers, now).await?;
        let snapshot = Snapshot {
            initiative_id: initiative.id,
            revision: initiative.revision,
            frozen_at: now,
            content: initiative.content.clone(),
        };
        store
            .submit_application(app.id, &snapshot.to_json(), now)
            .await?;
        n += 1;
    }
    Ok(())
}
