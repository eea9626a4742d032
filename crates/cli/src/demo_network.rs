//! Demo data of the network: the Ruches Solidaires sign the banner; the Réseau Bretagne
//! Initiatives Sociales (an incubator) applies for a support label, which the committee (the
//! demo admin) grants after a question; the network then accompanies a published initiative
//! carried by the Ruches, which its team accepted, with a meeting and a next step in the log
//! and a public summary both sides agreed to. The Fondation Terres d'Entraide holds the
//! funder label and the Mission Tiers-Lieux the evaluator label, for the funding and impact
//! demos.

use chrono::Duration;
use essaim_domain::initiative::{Status, StructureRole};
use essaim_domain::network::{
    AccompanimentStatus, BannerAnswers, FollowUpKind, LabelKind, LabelStatus,
};
use essaim_store::network::{LabelDecision, NewAccompaniment, NewFollowUp, NewLabel, Publication};
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
    let (Some(&ruches), Some(&network)) = (structures.first(), structures.get(2)) else {
        return Ok(());
    };
    let now = utc_now();
    let answers = BannerAnswers {
        general_interest: "Nos ruchers forment des apprentis apiculteurs en insertion et \
            ouvrent les écoles à la biodiversité : le miel est un moyen, pas une fin."
            .into(),
        governance: "Une **association collégiale** : apprentis, enseignants et voisins siègent \
            au conseil ; les recettes du miel financent les postes en insertion."
            .into(),
        openness: "Nos plans de ruches et nos fiches pédagogiques sont sous licence libre, nos \
            relevés de pesée publiés en données ouvertes."
            .into(),
    }
    .validate()
    .map_err(|e| anyhow::anyhow!("demo banner answers are invalid: {e:?}"))?;
    store.sign_banner(ruches, &answers, holder, now).await?;

    let label = store
        .apply_for_label(&NewLabel {
            id: Uuid::now_v7(),
            structure_id: network,
            kind: LabelKind::Support,
            motivation: "Nous accompagnons une trentaine de projets d'innovation sociale par an \
                en Bretagne : diagnostic, mise en relation, suivi sur dix-huit mois."
                .into(),
            applied_by: holder,
            applied_at: now,
        })
        .await?;
    store
        .add_label_comment(
            label.id,
            admin,
            "Combien de projets avez-vous suivis jusqu'au bout l'an dernier ?",
            now,
        )
        .await?;
    store
        .add_label_comment(label.id, holder, "Vingt-deux sur vingt-huit.", now)
        .await?;
    store
        .decide_label(
            label.id,
            &LabelDecision {
                from: LabelStatus::Pending,
                to: LabelStatus::Granted,
                by: admin,
                at: now,
                reason: None,
                expires_on: Some(now.date_naive() + Duration::days(730)),
            },
        )
        .await?;

    // The funder and evaluator labels the funding and impact demos act under.
    let labelled = [
        (
            3,
            LabelKind::Funder,
            "Notre fondation soutient chaque année une quarantaine de projets solidaires \
             par des appels à projets et un prix.",
        ),
        (
            4,
            LabelKind::Evaluator,
            "Notre mission évalue les politiques locales de cohésion depuis dix ans, avec des \
             protocoles publiés.",
        ),
    ];
    for (index, kind, motivation) in labelled {
        let Some(&structure) = structures.get(index) else {
            continue;
        };
        let label = store
            .apply_for_label(&NewLabel {
                id: Uuid::now_v7(),
                structure_id: structure,
                kind,
                motivation: motivation.into(),
                applied_by: holder,
                applied_at: now,
            })
            .await?;
        store
            .decide_label(
                label.id,
                &LabelDecision {
                    from: LabelStatus::Pending,
                    to: LabelStatus::Granted,
                    by: admin,
                    at: now,
                    reason: None,
                    expires_on: Some(now.date_naive() + Duration::days(730)),
                },
            )
            .await?;
    }

    // A published initiative the Ruches carry, accepted by its team.
    let carried = store.initiatives_of_structure(ruches).await?;
    let Some((initiative, _)) = carried
        .iter()
        .find(|(i, role)| *role == StructureRole::Porteur && i.status == Status::Published)
    else {
        return Ok(());
    };
    let a = store
        .propose_accompaniment(&NewAccompaniment {
            id: Uuid::now_v7(),
            structure_id: network,
            initiative_id: initiative.id,
            message: "Nous vous proposons dix-huit mois d'accompagnement : modèle économique, \
                recherche de financements, essaimage."
                .into(),
            proposed_by: holder,
            proposed_at: now,
        })
        .await?;
    store
        .set_accompaniment_status(
            a.id,
            &[AccompanimentStatus::Proposed],
            AccompanimentStatus::Active,
            holder,
            now,
        )
        .await?;
    for (kind, days, body) in [
        (
            FollowUpKind::Meeting,
            -14,
            "Premier rendez-vous au rucher de l'école Jean-Macé : état des lieux, budget 2026.",
        ),
        (
            FollowUpKind::NextStep,
            30,
            "Présenter le projet au comité de la Fondation Terres d'Entraide.",
        ),
    ] {
        store
            .add_follow_up(&NewFollowUp {
                id: Uuid::now_v7(),
                accompaniment_id: a.id,
                author_id: holder,
                kind,
                happened_on: now.date_naive() + Duration::days(days),
                body: body.into(),
                created_at: now,
            })
            .await?;
    }
    store
        .set_accompaniment_publication(
            a.id,
            &Publication::default(),
            &Publication {
                summary: "Accompagné par le Réseau Bretagne Initiatives Sociales sur son modèle \
                    économique et son essaimage dans d'autres écoles."
                    .into(),
                publish_structure: true,
                publish_initiative: true,
            },
        )
        .await?;
    Ok(())
}
