//! The network's relations: the banner (*bannière*) signed by structures, labels granted by
//! the labelling committee, and accompaniment of initiatives by labelled support structures.
//!
//! The rules shared by pages and API: who acts for whom, whether a structure or a person holds
//! a label (what later features rely on: an evaluator verifies impact measurements, a funder
//! opens calls), and every action with its audit entry. Handlers validate what was typed
//! (`domain::network`), call one of these, and render.

use crate::error::AppError;
use crate::i18n::Locale;
use crate::state::AppState;
use crate::{audit, mail};
use chrono::{DateTime, NaiveDate, Utc};
use essaim_domain::initiative::Status;
use essaim_domain::network::{
    AccompanimentStatus, BannerAnswers, FollowUp, LabelKind, LabelStatus,
};
use essaim_domain::person::PlatformRole;
use essaim_store::network::{
    Accompaniment, BannerSignature, FollowUpEntry, Label, LabelDecision, NewAccompaniment,
    NewFollowUp, NewLabel, Publication,
};
use essaim_store::{utc_now, Person, Store, StoreError, StoreResult};
use uuid::Uuid;

/// A store refusal this context expects, as the error people see: a conflict of state with
/// its message, a duplicate as `already` (a message id of this context).
pub fn refusal(e: StoreError, already: &'static str) -> AppError {
    match e {
        StoreError::Conflict(code) => AppError::Conflict(code),
        StoreError::AlreadyExists => AppError::Conflict(already),
        other => other.into(),
    }
}

/// Mails `people` (once each, never the actor): message `id` of this context with `args`.
async fn notify(
    state: &AppState,
    locale: Locale,
    actor: Uuid,
    people: Vec<Uuid>,
    id: &str,
    args: &[(&str, String)],
) -> Result<(), AppError> {
    let mut seen = std::collections::HashSet::new();
    for person_id in people {
        if person_id == actor || !seen.insert(person_id) {
            continue;
        }
        if let Some(p) = state.store.person(person_id).await? {
            if p.email_confirmed_at.is_some() && !p.email.is_empty() {
                mail::send(state, locale, &p.email, id, args).await?;
            }
        }
    }
    Ok(())
}

/// The labelling committee: people given that role by an admin, and admins.
pub fn is_committee(person: &Person) -> bool {
    person.is_admin() || person.has_role(PlatformRole::LabelCommittee)
}

/// The calendar day in France at `now`: a label counts through the whole day it expires,
/// in Paris time, as the dates of exchange posts and blockers.
pub fn paris_day(now: DateTime<Utc>) -> NaiveDate {
    essaim_domain::network::paris_day(now)
}

/// Today in France: the one "today" of the network's pages, API and rules.
pub fn today() -> NaiveDate {
    paris_day(utc_now())
}

/// Whether the structure holds a label of this kind that counts at `now`: granted, not
/// expired (in Paris time), not revoked.
pub async fn holds_label(
    store: &dyn Store,
    structure_id: Uuid,
    kind: LabelKind,
    now: DateTime<Utc>,
) -> StoreResult<bool> {
    let today = paris_day(now);
    Ok(store
        .labels_of(structure_id)
        .await?
        .iter()
        .any(|l| l.kind == kind && l.counts(today)))
}

/// Whether a person acts under a label of this kind at `now`: they manage or belong to a
/// structure that holds one.
pub async fn person_holds_label(
    store: &dyn Store,
    person_id: Uuid,
    kind: LabelKind,
    now: DateTime<Utc>,
) -> StoreResult<bool> {
    for (structure, _role) in store.structures_of(person_id).await? {
        if holds_label(store, structure.id, kind, now).await? {
            return Ok(true);
        }
    }
    Ok(false)
}

/// The labels of a structure that count today, for badges.
pub fn valid_labels(labels: &[Label], today: NaiveDate) -> Vec<&Label> {
    labels.iter().filter(|l| l.counts(today)).collect()
}

/// The structure if this person manages it (404 when there is no structure, 403 otherwise).
pub async fn managed_structure(
    state: &AppState,
    structure_id: Uuid,
    person: &Person,
) -> Result<essaim_store::Structure, AppError> {
    let s = crate::pages::structures::find(state, structure_id).await?;
    if !crate::pages::structures::can_manage(state, structure_id, person).await? {
        return Err(AppError::Forbidden);
    }
    Ok(s)
}

pub async fn sign_banner(
    state: &AppState,
    person: &Person,
    structure_id: Uuid,
    answers: &BannerAnswers,
    ip: Option<&str>,
) -> Result<BannerSignature, AppError> {
    managed_structure(state, structure_id, person).await?;
    let signed = state
        .store
        .sign_banner(structure_id, answers, person.id, utc_now())
        .await
        .map_err(|e| refusal(e, "network_banner_removed"))?;
    audit::record(
        state,
        Some(person.id),
        "network_banner_signed",
        format!("structure:{structure_id}"),
        ip,
        String::new(),
    )
    .await?;
    Ok(signed)
}

pub async fn withdraw_banner(
    state: &AppState,
    person: &Person,
    structure_id: Uuid,
    ip: Option<&str>,
) -> Result<(), AppError> {
    managed_structure(state, structure_id, person).await?;
    if !state.store.withdraw_banner(structure_id).await? {
        return Err(AppError::Conflict("network_banner_not_signed"));
    }
    audit::record(
        state,
        Some(person.id),
        "network_banner_withdrawn",
        format!("structure:{structure_id}"),
        ip,
        String::new(),
    )
    .await
}

/// An admin removes a structure that breaks the charter; the reason is public.
pub async fn remove_from_banner(
    state: &AppState,
    person: &Person,
    structure_id: Uuid,
    reason: &str,
    ip: Option<&str>,
) -> Result<(), AppError> {
    if !person.is_admin() {
        return Err(AppError::Forbidden);
    }
    crate::pages::structures::find(state, structure_id).await?;
    if !state
        .store
        .remove_from_banner(structure_id, person.id, reason, utc_now())
        .await?
    {
        return Err(AppError::Conflict("network_banner_not_signed"));
    }
    audit::record(
        state,
        Some(person.id),
        "network_banner_removed",
        format!("structure:{structure_id}"),
        ip,
        reason.to_owned(),
    )
    .await
}

pub async fn apply_for_label(
    state: &AppState,
    person: &Person,
    structure_id: Uuid,
    kind: LabelKind,
    motivation: String,
    ip: Option<&str>,
) -> Result<Label, AppError> {
    managed_structure(state, structure_id, person).await?;
    let label = state
        .store
        .apply_for_label(&NewLabel {
            id: Uuid::now_v7(),
            structure_id,
            kind,
            motivation,
            applied_by: person.id,
            applied_at: utc_now(),
        })
        .await
        .map_err(|e| refusal(e, "network_label_already_open"))?;
    audit::record(
        state,
        Some(person.id),
        "network_label_applied",
        format!("label:{}", label.id),
        ip,
        format!("structure:{structure_id} kind:{kind}"),
    )
    .await?;
    Ok(label)
}

/// Who may read a label's review (its comments, its motivation): the committee and the
/// structure's managers. 404 when there is no label, 403 for anyone else.
pub async fn readable_label(
    state: &AppState,
    person: &Person,
    label_id: Uuid,
) -> Result<Label, AppError> {
    let label = state
        .store
        .label(label_id)
        .await?
        .ok_or(AppError::NotFound)?;
    if is_committee(person)
        || crate::pages::structures::can_manage(state, label.structure_id, person).await?
    {
        Ok(label)
    } else {
        Err(AppError::Forbidden)
    }
}

/// Conflict of interest: a member of the committee who belongs to the applying structure
/// (manager or member) does not decide on its label; admins keep the last word. 404 when
/// there is no label.
pub async fn conflict_of_interest(
    state: &AppState,
    person: &Person,
    label_id: Uuid,
) -> Result<bool, AppError> {
    let label = state
        .store
        .label(label_id)
        .await?
        .ok_or(AppError::NotFound)?;
    Ok(!person.is_admin()
        && state
            .store
            .membership(label.structure_id, person.id)
            .await?
            .is_some())
}

/// The 403 of a conflict of interest, with its message (the error page or the API's body
/// explain `network_label_conflict_of_interest`).
pub fn conflict_of_interest_refusal() -> axum::response::Response {
    use axum::response::IntoResponse;
    let mut r = axum::http::StatusCode::FORBIDDEN.into_response();
    r.extensions_mut().insert(crate::error::ErrorInfo {
        code: "network_label_conflict_of_interest",
        fields: vec![],
        retry_after_secs: None,
    });
    r
}

/// A decision of the committee.
#[derive(Debug, Clone)]
pub enum Decision {
    Grant { expires_on: NaiveDate },
    Refuse { reason: String },
    Renew { expires_on: NaiveDate },
    Revoke { reason: String },
}

impl Decision {
    fn action(&self) -> &'static str {
        match self {
            Decision::Grant { .. } => "network_label_granted",
            Decision::Refuse { .. } => "network_label_refused",
            Decision::Renew { .. } => "network_label_renewed",
            Decision::Revoke { .. } => "network_label_revoked",
        }
    }
}

/// Grants, refuses, renews or revokes a label: for the committee only (403 for anyone else,
/// whoever they are for the structure). `network_label_state` when the label is not in the
/// status the decision starts from.
pub async fn decide_label(
    state: &AppState,
    locale: Locale,
    person: &Person,
    label_id: Uuid,
    decision: Decision,
    ip: Option<&str>,
) -> Result<Label, AppError> {
    if !is_committee(person) {
        return Err(AppError::Forbidden);
    }
    if conflict_of_interest(state, person, label_id).await? {
        return Err(AppError::Forbidden);
    }
    let (from, to, reason, expires_on) = match &decision {
        Decision::Grant { expires_on } => (
            LabelStatus::Pending,
            LabelStatus::Granted,
            None,
            Some(*expires_on),
        ),
        Decision::Refuse { reason } => (
            LabelStatus::Pending,
            LabelStatus::Refused,
            Some(reason.clone()),
            None,
        ),
        Decision::Renew { expires_on } => (
            LabelStatus::Granted,
            LabelStatus::Granted,
            None,
            Some(*expires_on),
        ),
        Decision::Revoke { reason } => (
            LabelStatus::Granted,
            LabelStatus::Revoked,
            Some(reason.clone()),
            None,
        ),
    };
    let label = state
        .store
        .decide_label(
            label_id,
            &LabelDecision {
                from,
                to,
                by: person.id,
                at: utc_now(),
                reason: reason.clone(),
                expires_on,
            },
        )
        .await
        .map_err(|e| refusal(e, "network_label_state"))?;
    audit::record(
        state,
        Some(person.id),
        decision.action(),
        format!("label:{label_id}"),
        ip,
        match (reason, expires_on) {
            (Some(r), _) => r,
            (None, Some(d)) => format!("expires_on:{d}"),
            (None, None) => String::new(),
        },
    )
    .await?;
    let structure = crate::pages::structures::find(state, label.structure_id).await?;
    let mut managers: Vec<Uuid> = state
        .store
        .members(label.structure_id)
        .await?
        .into_iter()
        .filter(|m| m.role == essaim_domain::structure::MemberRole::Manager)
        .map(|m| m.person_id)
        .collect();
    managers.extend(label.applied_by);
    notify(
        state,
        locale,
        person.id,
        managers,
        "network-mail-label",
        &[
            ("structure", structure.name),
            (
                "kind",
                state
                    .i18n
                    .t(locale, &format!("network-kind-{}", label.kind)),
            ),
            (
                "status",
                state
                    .i18n
                    .t(locale, &format!("network-status-{}", label.status)),
            ),
            (
                "link",
                format!("{}/reseau/labels/{label_id}", state.config.base_url),
            ),
        ],
    )
    .await?;
    Ok(label)
}

/// A comment on a label's review, audited whoever writes it. A comment of the committee
/// mails the structure's managers (and whoever applied) with a link back; a comment of the
/// structure's side reaches the committee through its queue, where the label is listed.
pub async fn comment_label(
    state: &AppState,
    locale: Locale,
    person: &Person,
    label_id: Uuid,
    body: &str,
    ip: Option<&str>,
) -> Result<(), AppError> {
    let label = readable_label(state, person, label_id).await?;
    state
        .store
        .add_label_comment(label_id, person.id, body, utc_now())
        .await?;
    let manager = crate::pages::structures::can_manage(state, label.structure_id, person).await?;
    let from_committee = is_committee(person) && !manager;
    audit::record(
        state,
        Some(person.id),
        "network_label_commented",
        format!("label:{label_id}"),
        ip,
        if from_committee {
            "side:committee".to_owned()
        } else {
            "side:structure".to_owned()
        },
    )
    .await?;
    if from_committee {
        let structure = crate::pages::structures::find(state, label.structure_id).await?;
        let mut managers = managers_of(state, label.structure_id).await?;
        managers.extend(label.applied_by);
        notify(
            state,
            locale,
            person.id,
            managers,
            "network-mail-label-comment",
            &[
                ("structure", structure.name),
                (
                    "kind",
                    state
                        .i18n
                        .t(locale, &format!("network-kind-{}", label.kind)),
                ),
                (
                    "link",
                    format!(
                        "{}/reseau/labels/{label_id}#commentaires",
                        state.config.base_url
                    ),
                ),
            ],
        )
        .await?;
    }
    Ok(())
}

/// The managers of a structure.
async fn managers_of(state: &AppState, structure_id: Uuid) -> Result<Vec<Uuid>, AppError> {
    Ok(state
        .store
        .members(structure_id)
        .await?
        .into_iter()
        .filter(|m| m.role == essaim_domain::structure::MemberRole::Manager)
        .map(|m| m.person_id)
        .collect())
}

/// Proposes to accompany an initiative: a manager of a structure holding a valid support
/// label, for a published initiative (a draft is 404, as everywhere).
pub async fn propose_accompaniment(
    state: &AppState,
    locale: Locale,
    person: &Person,
    structure_id: Uuid,
    initiative_id: Uuid,
    message: String,
    ip: Option<&str>,
) -> Result<Accompaniment, AppError> {
    managed_structure(state, structure_id, person).await?;
    if !holds_label(
        state.store.as_ref(),
        structure_id,
        LabelKind::Support,
        utc_now(),
    )
    .await?
    {
        return Err(AppError::Conflict("network_not_labelled"));
    }
    let initiative = state
        .store
        .initiative(initiative_id)
        .await?
        .filter(|i| i.status == Status::Published)
        .ok_or(AppError::Unprocessable("network_initiative_unknown"))?;
    let a = state
        .store
        .propose_accompaniment(&NewAccompaniment {
            id: Uuid::now_v7(),
            structure_id,
            initiative_id: initiative.id,
            message,
            proposed_by: person.id,
            proposed_at: utc_now(),
        })
        .await
        .map_err(|e| refusal(e, "network_accompaniment_exists"))?;
    audit::record(
        state,
        Some(person.id),
        "network_accompaniment_proposed",
        format!("accompaniment:{}", a.id),
        ip,
        format!("structure:{structure_id} initiative:{initiative_id}"),
    )
    .await?;
    // The initiative's team: its author and the members of its carrying structures.
    let mut team: Vec<Uuid> = initiative.created_by.into_iter().collect();
    for (carrier, role) in &initiative.content.structures {
        if *role == essaim_domain::initiative::StructureRole::Porteur {
            team.extend(
                state
                    .store
                    .members(*carrier)
                    .await?
                    .iter()
                    .map(|m| m.person_id),
            );
        }
    }
    let structure = crate::pages::structures::find(state, structure_id).await?;
    notify(
        state,
        locale,
        person.id,
        team,
        "network-mail-proposed",
        &[
            ("structure", structure.name),
            ("initiative", initiative.content.title.clone()),
            (
                "link",
                format!("{}/reseau/accompagnements/{}", state.config.base_url, a.id),
            ),
        ],
    )
    .await?;
    Ok(a)
}

/// Whether an accompaniment may be shown to anyone: accepted (active or ended) and about an
/// initiative that is not a draft (an initiative put back to draft must not be found by
/// its accompaniments).
pub async fn is_public(state: &AppState, a: &Accompaniment) -> Result<bool, AppError> {
    if !matches!(
        a.status,
        AccompanimentStatus::Active | AccompanimentStatus::Ended
    ) {
        return Ok(false);
    }
    Ok(state
        .store
        .initiative(a.initiative_id)
        .await?
        .is_some_and(|i| i.status != Status::Draft))
}

/// The sides a person is on. The structure's side: its managers, who commit the structure
/// (agree to publish, end it); its other members are its team: they read the accompaniment
/// and write in its log, because the follow-up is often done by a coach who does not manage
/// the structure, but they neither consent for it nor end it. The initiative's side: its
/// editors (`pages::initiatives::can_edit`). Admins are on both.
#[derive(Debug, Clone, Copy, Default)]
pub struct Sides {
    pub structure: bool,
    pub structure_team: bool,
    pub initiative: bool,
}

impl Sides {
    pub fn any(self) -> bool {
        self.structure || self.structure_team || self.initiative
    }

    /// Whether this person commits a side: a manager of the structure or an editor of the
    /// initiative.
    pub fn commits(self) -> bool {
        self.structure || self.initiative
    }
}

pub async fn sides(
    state: &AppState,
    a: &Accompaniment,
    person: &Person,
) -> Result<Sides, AppError> {
    if person.is_admin() {
        return Ok(Sides {
            structure: true,
            structure_team: true,
            initiative: true,
        });
    }
    let role = state.store.membership(a.structure_id, person.id).await?;
    let initiative = match state.store.initiative(a.initiative_id).await? {
        Some(i) => crate::pages::initiatives::can_edit(state, &i, person).await?,
        None => false,
    };
    Ok(Sides {
        structure: role == Some(essaim_domain::structure::MemberRole::Manager),
        structure_team: role.is_some(),
        initiative,
    })
}

/// The accompaniment if this person is party to it (or an admin): 404 when there is none,
/// 403 for anyone else. Its log and its messages are theirs only.
pub async fn party_accompaniment(
    state: &AppState,
    person: &Person,
    id: Uuid,
) -> Result<(Accompaniment, Sides), AppError> {
    let a = state
        .store
        .accompaniment(id)
        .await?
        .ok_or(AppError::NotFound)?;
    let sides = sides(state, &a, person).await?;
    if !sides.any() {
        return Err(AppError::Forbidden);
    }
    Ok((a, sides))
}

/// The initiative's editors accept or decline a proposal.
pub async fn answer_accompaniment(
    state: &AppState,
    locale: Locale,
    person: &Person,
    id: Uuid,
    accept: bool,
    ip: Option<&str>,
) -> Result<Accompaniment, AppError> {
    let (_, sides) = party_accompaniment(state, person, id).await?;
    if !sides.initiative {
        return Err(AppError::Forbidden);
    }
    let to = if accept {
        AccompanimentStatus::Active
    } else {
        AccompanimentStatus::Declined
    };
    let a = state
        .store
        .set_accompaniment_status(
            id,
            &[AccompanimentStatus::Proposed],
            to,
            person.id,
            utc_now(),
        )
        .await
        .map_err(|e| refusal(e, "network_accompaniment_state"))?;
    audit::record(
        state,
        Some(person.id),
        if accept {
            "network_accompaniment_accepted"
        } else {
            "network_accompaniment_declined"
        },
        format!("accompaniment:{id}"),
        ip,
        String::new(),
    )
    .await?;
    // The structure's managers hear the answer.
    let managers: Vec<Uuid> = state
        .store
        .members(a.structure_id)
        .await?
        .into_iter()
        .filter(|m| m.role == essaim_domain::structure::MemberRole::Manager)
        .map(|m| m.person_id)
        .collect();
    let title = state
        .store
        .initiative(a.initiative_id)
        .await?
        .map(|i| i.content.title)
        .unwrap_or_default();
    notify(
        state,
        locale,
        person.id,
        managers,
        "network-mail-answered",
        &[
            ("initiative", title),
            (
                "status",
                state
                    .i18n
                    .t(locale, &format!("network-accompaniment-{}", a.status)),
            ),
            (
                "link",
                format!("{}/reseau/accompagnements/{id}", state.config.base_url),
            ),
        ],
    )
    .await?;
    Ok(a)
}

/// Either side (a manager of the structure, an editor of the initiative) ends an
/// accompaniment. An active one becomes ended (and stays public, as
/// accepted); a proposal never accepted becomes declined (withdrawn by the structure or
/// turned down by the initiative), never public: only what was accepted is shown.
pub async fn end_accompaniment(
    state: &AppState,
    person: &Person,
    id: Uuid,
    ip: Option<&str>,
) -> Result<Accompaniment, AppError> {
    let (current, sides) = party_accompaniment(state, person, id).await?;
    if !sides.commits() {
        return Err(AppError::Forbidden);
    }
    let (from, to, action) = match current.status {
        AccompanimentStatus::Proposed => (
            AccompanimentStatus::Proposed,
            AccompanimentStatus::Declined,
            "network_accompaniment_withdrawn",
        ),
        _ => (
            AccompanimentStatus::Active,
            AccompanimentStatus::Ended,
            "network_accompaniment_ended",
        ),
    };
    let a = state
        .store
        .set_accompaniment_status(id, &[from], to, person.id, utc_now())
        .await
        .map_err(|e| refusal(e, "network_accompaniment_state"))?;
    audit::record(
        state,
        Some(person.id),
        action,
        format!("accompaniment:{id}"),
        ip,
        String::new(),
    )
    .await?;
    Ok(a)
}

/// Either side writes in the log of an active accompaniment.
pub async fn add_follow_up(
    state: &AppState,
    person: &Person,
    id: Uuid,
    entry: FollowUp,
) -> Result<FollowUpEntry, AppError> {
    let (a, _) = party_accompaniment(state, person, id).await?;
    if a.status != AccompanimentStatus::Active {
        return Err(AppError::Conflict("network_accompaniment_state"));
    }
    Ok(state
        .store
        .add_follow_up(&NewFollowUp {
            id: Uuid::now_v7(),
            accompaniment_id: id,
            author_id: person.id,
            kind: entry.kind,
            happened_on: entry.date,
            body: entry.body,
            created_at: utc_now(),
        })
        .await?)
}

/// What a person read of an accompaniment's publication (its summary and both agreements),
/// as an opaque token the form sends back.
pub fn publication_seen(a: &Accompaniment) -> String {
    use sha2::{Digest, Sha256};
    let mut h = Sha256::new();
    h.update(a.summary.as_bytes());
    h.update([
        0,
        u8::from(a.publish_structure),
        u8::from(a.publish_initiative),
    ]);
    hex::encode(&h.finalize()[..16])
}

/// A side says whether it agrees to publish the summary. Changing the text withdraws the
/// other side's agreement: one agrees to a text, not to whatever comes next. `seen` is the
/// token of what the person read (`publication_seen`): if the text or an agreement changed
/// since, nothing is stored and the person reads them again (`network_publication_changed`),
/// so a stale form never republishes an old summary; the store compares and sets, so a
/// change between this reading and the write is refused too. The structure's team (members
/// who are not managers) does not consent for it.
pub async fn set_publication(
    state: &AppState,
    person: &Person,
    id: Uuid,
    seen: &str,
    summary: &str,
    agree: bool,
) -> Result<Accompaniment, AppError> {
    let (a, sides) = party_accompaniment(state, person, id).await?;
    if !sides.commits() {
        return Err(AppError::Forbidden);
    }
    if seen != publication_seen(&a) {
        return Err(AppError::Conflict("network_publication_changed"));
    }
    let current = Publication {
        summary: a.summary.clone(),
        publish_structure: a.publish_structure,
        publish_initiative: a.publish_initiative,
    };
    let changed = a.summary != summary;
    let mut new = Publication {
        summary: summary.to_owned(),
        publish_structure: a.publish_structure && !changed,
        publish_initiative: a.publish_initiative && !changed,
    };
    if sides.structure {
        new.publish_structure = agree;
    }
    if sides.initiative {
        new.publish_initiative = agree;
    }
    state
        .store
        .set_accompaniment_publication(id, &current, &new)
        .await
        .map_err(|e| refusal(e, "network_publication_changed"))
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::Duration;

    fn label(kind: LabelKind, status: LabelStatus, expires_on: Option<NaiveDate>) -> Label {
        Label {
            id: Uuid::now_v7(),
            structure_id: Uuid::nil(),
            kind,
            status,
            motivation: String::new(),
            applied_by: None,
            applied_at: utc_now(),
            decided_by: None,
            decided_at: None,
            reason: None,
            expires_on,
        }
    }

    #[test]
    fn badges_are_the_labels_that_count_today() {
        let today = today();
        let labels = [
            label(LabelKind::Support, LabelStatus::Granted, Some(today)),
            label(
                LabelKind::Funder,
                LabelStatus::Granted,
                Some(today - Duration::days(1)),
            ),
            label(LabelKind::Evaluator, LabelStatus::Pending, None),
            label(
                LabelKind::Evaluator,
                LabelStatus::Revoked,
                Some(today + Duration::days(9)),
            ),
        ];
        let valid = valid_labels(&labels, today);
        assert_eq!(valid.len(), 1);
        assert_eq!(valid[0].kind, LabelKind::Support);
    }
}
