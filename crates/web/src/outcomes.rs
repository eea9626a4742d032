//! Impact contracts (contrats à impact): outcomes, thresholds and payments agreed by a labelled
//! funder and an initiative, reached from verified measurements only.
//!
//! The rules shared by pages and API. A manager of a structure holding a valid funder label
//! proposes a contract to a published initiative, on entries of its impact plan; the
//! initiative's editors sign or decline it; either side ends it. A contract is private to its
//! parties (the funder structure's managers, the initiative's editors) and admins: 404 to
//! anonymous visitors, 403 to other people. It is never public (cut: public contracts would
//! need both sides' consent). Proposing, signing, declining and ending are audited and mailed
//! to the other side (`notify`): a proposal to the initiative's managers, a signature, a
//! refusal or an end to the side that did not act. Whether an outcome is reached is computed
//! at every read from the entry's measurements (`domain::outcomes::assess`): verified, current,
//! within the contract, on or before the due date.

use crate::error::AppError;
use crate::i18n::Locale;
use crate::pages::initiatives::{can_edit, find_visible};
use crate::state::AppState;
use chrono::NaiveDate;
use essaim_domain::initiative::{Status as InitiativeStatus, StructureRole};
use essaim_domain::invalid::{FieldErrors, Invalid};
use essaim_domain::network::LabelKind;
use essaim_domain::outcomes::{
    assess, check_outcome, Assessed, Direction, Measurement, OutcomeInput, Status, OUTCOMES_MAX,
};
use essaim_domain::structure::MemberRole;
use essaim_store::outcomes::{Contract, ContractOutcome, NewContract, NewOutcome};
use essaim_store::{utc_now, Initiative, Person, Structure};
use uuid::Uuid;

/// The outcome rows of the page's form, with their static field names.
pub const ROWS: [[&str; 4]; 3] = [
    ["entry_1", "threshold_1", "due_1", "payment_1"],
    ["entry_2", "threshold_2", "due_2", "payment_2"],
    ["entry_3", "threshold_3", "due_3", "payment_3"],
];

/// A contract as proposed, as typed.
#[derive(Debug, Clone, Default)]
pub struct ProposalInput {
    pub structure: String,
    pub title: String,
    pub terms: String,
    pub starts_on: String,
    /// (plan entry id, threshold, due date, payment in euros); empty rows are skipped.
    pub outcomes: Vec<(String, OutcomeInput)>,
}

pub enum ProposeFailure {
    Invalid(FieldErrors),
    App(AppError),
}

impl From<AppError> for ProposeFailure {
    fn from(e: AppError) -> Self {
        ProposeFailure::App(e)
    }
}

/// The structures this person manages that hold a valid funder label today.
pub async fn funder_structures(
    state: &AppState,
    person: &Person,
) -> Result<Vec<Structure>, AppError> {
    let now = utc_now();
    let mut out = vec![];
    for (s, role) in state.store.structures_of(person.id).await? {
        if role == MemberRole::Manager
            && crate::network::holds_label(&*state.store, s.id, LabelKind::Funder, now).await?
        {
            out.push(s);
        }
    }
    Ok(out)
}

/// Whether this person may propose contracts at all: the rule `propose` enforces (a structure
/// they manage holds a valid funder label), for pages that show the way to the form.
pub async fn may_propose(state: &AppState, person: &Person) -> Result<bool, AppError> {
    Ok(!funder_structures(state, person).await?.is_empty())
}

/// Whether this person manages the contract's funder structure.
pub async fn is_funder_side(
    state: &AppState,
    c: &Contract,
    person: &Person,
) -> Result<bool, AppError> {
    Ok(matches!(
        state
            .store
            .membership(c.funder_structure_id, person.id)
            .await?,
        Some(MemberRole::Manager)
    ))
}

/// Whether this person edits the contract's initiative (admins included).
pub async fn is_initiative_side(
    state: &AppState,
    c: &Contract,
    person: &Person,
) -> Result<bool, AppError> {
    match state.store.initiative(c.initiative_id).await? {
        Some(i) => can_edit(state, &i, person).await,
        None => Ok(false),
    }
}

/// The contract if this visitor may read it; 404 to anyone else, signed in or not, so that a
/// private contract's existence is not confirmed.
pub async fn readable(
    state: &AppState,
    id: Uuid,
    person: Option<&Person>,
) -> Result<Contract, AppError> {
    let c = state.store.contract(id).await?.ok_or(AppError::NotFound)?;
    let Some(p) = person else {
        return Err(AppError::NotFound);
    };
    if p.is_admin()
        || is_funder_side(state, &c, p).await?
        || is_initiative_side(state, &c, p).await?
    {
        Ok(c)
    } else {
        Err(AppError::NotFound)
    }
}

/// The contracts this person is party to (all of them for admins), newest first.
pub async fn mine(state: &AppState, person: &Person) -> Result<Vec<Contract>, AppError> {
    let mut out = vec![];
    for c in state.store.list_contracts().await? {
        if person.is_admin()
            || is_funder_side(state, &c, person).await?
            || is_initiative_side(state, &c, person).await?
        {
            out.push(c);
        }
    }
    Ok(out)
}

/// The managers of an initiative: its creator and the managers of its carrier structures.
async fn initiative_managers(state: &AppState, i: &Initiative) -> Result<Vec<Uuid>, AppError> {
    let mut out: Vec<Uuid> = i.created_by.into_iter().collect();
    for (structure_id, role) in &i.content.structures {
        if *role != StructureRole::Porteur {
            continue;
        }
        for m in state.store.members(*structure_id).await? {
            if m.role == MemberRole::Manager {
                out.push(m.person_id);
            }
        }
    }
    Ok(out)
}

/// The managers of the contract's funder structure.
async fn funder_managers(state: &AppState, c: &Contract) -> Result<Vec<Uuid>, AppError> {
    Ok(state
        .store
        .members(c.funder_structure_id)
        .await?
        .into_iter()
        .filter(|m| m.role == MemberRole::Manager)
        .map(|m| m.person_id)
        .collect())
}

/// Mails message `id` about the contract to `people` (once each, never the actor, only
/// confirmed and mailable addresses), in French, the platform's first language, as funding
/// does.
async fn notify(
    state: &AppState,
    actor: &Person,
    people: Vec<Uuid>,
    id: &str,
    c: &Contract,
    initiative_title: &str,
) -> Result<(), AppError> {
    let args = [
        ("contract", c.title.clone()),
        ("funder", c.funder_name.clone()),
        ("initiative", initiative_title.to_owned()),
        ("actor", actor.display_name.clone()),
        (
            "url",
            format!("{}/contrats-a-impact/{}", state.config.base_url, c.id),
        ),
    ];
    let mut seen = std::collections::HashSet::new();
    for person_id in people {
        if person_id == actor.id || !seen.insert(person_id) {
            continue;
        }
        if let Some(p) = state.store.person(person_id).await? {
            if p.email_confirmed_at.is_some() && crate::mail::mailable(&p.email) {
                crate::mail::send(state, Locale::Fr, &p.email, id, &args).await?;
            }
        }
    }
    Ok(())
}

/// The initiative's title, for mails (empty if it is gone).
async fn initiative_title(state: &AppState, c: &Contract) -> Result<String, AppError> {
    Ok(state
        .store
        .initiative(c.initiative_id)
        .await?
        .map(|i| i.content.title)
        .unwrap_or_default())
}

fn parse_day(s: &str) -> Option<NaiveDate> {
    NaiveDate::parse_from_str(s.trim(), "%Y-%m-%d").ok()
}

/// Proposes a contract to a published initiative, under a funder label.
pub async fn propose(
    state: &AppState,
    person: &Person,
    initiative: Uuid,
    input: &ProposalInput,
    ip: Option<&str>,
) -> Result<Contract, ProposeFailure> {
    let i = find_visible(state, initiative, Some(person)).await?;
    if i.status != InitiativeStatus::Published {
        return Err(AppError::NotFound.into());
    }
    let funders = funder_structures(state, person).await?;
    if funders.is_empty() {
        return Err(AppError::Forbidden.into());
    }
    let mut errors = FieldErrors::new();
    let structure = input
        .structure
        .trim()
        .parse::<Uuid>()
        .ok()
        .filter(|id| funders.iter().any(|s| s.id == *id));
    if structure.is_none() {
        errors.add("structure", Invalid::new("outcomes_structure_not_funder"));
    }
    let title = input.title.trim();
    if title.is_empty() {
        errors.add("title", Invalid::new("outcomes_title_required"));
    } else if title.chars().count() > 200 || title.contains('\n') {
        errors.add("title", Invalid::new("outcomes_title_too_long"));
    }
    if input.terms.chars().count() > 10_000 {
        errors.add("terms", Invalid::new("outcomes_terms_too_long"));
    }
    let starts_on = errors.check(
        "starts_on",
        parse_day(&input.starts_on).ok_or(Invalid::new("outcomes_start_invalid")),
    );
    let entries = state
        .store
        .plan_entries(i.id)
        .await
        .map_err(AppError::from)?;
    let mut outcomes = vec![];
    let mut any = false;
    for (n, (entry, o)) in input.outcomes.iter().enumerate().take(OUTCOMES_MAX) {
        let blank = entry.trim().is_empty()
            && o.threshold.trim().is_empty()
            && o.due_on.trim().is_empty()
            && o.payment.trim().is_empty();
        if blank {
            continue;
        }
        any = true;
        let fields = ROWS.get(n).copied().unwrap_or(ROWS[ROWS.len() - 1]);
        let entry_id = entry
            .trim()
            .parse::<Uuid>()
            .ok()
            .filter(|id| entries.iter().any(|e| e.id == *id));
        if entry_id.is_none() {
            errors.add(fields[0], Invalid::new("outcomes_entry_unknown"));
        }
        let terms = check_outcome(
            o,
            starts_on.unwrap_or(NaiveDate::MIN),
            &mut errors,
            [fields[1], fields[2], fields[3]],
        );
        if let (Some(entry_id), Some(t)) = (entry_id, terms) {
            outcomes.push(NewOutcome {
                entry_id,
                threshold: t.threshold,
                due_on: t.due_on.format("%Y-%m-%d").to_string(),
                payment_cents: t.payment_cents,
            });
        }
    }
    if !any {
        errors.add(ROWS[0][0], Invalid::new("outcomes_none"));
    }
    if !errors.is_empty() {
        return Err(ProposeFailure::Invalid(errors));
    }
    let (Some(structure), Some(starts_on)) = (structure, starts_on) else {
        return Err(AppError::Forbidden.into());
    };
    let c = state
        .store
        .create_contract(&NewContract {
            id: Uuid::now_v7(),
            initiative_id: i.id,
            funder_structure_id: structure,
            proposed_by: person.id,
            title: title.to_owned(),
            terms: input.terms.trim().to_owned(),
            starts_on: starts_on.format("%Y-%m-%d").to_string(),
            outcomes,
            created_at: utc_now(),
        })
        .await
        .map_err(AppError::from)?;
    crate::audit::record(
        state,
        Some(person.id),
        "impact_contract_proposed",
        format!("impact_contract:{}", c.id),
        ip,
        format!("initiative:{} funder:{}", i.id, structure),
    )
    .await?;
    let managers = initiative_managers(state, &i).await?;
    notify(
        state,
        person,
        managers,
        "mail-outcomes-proposed",
        &c,
        &i.content.title,
    )
    .await?;
    Ok(c)
}

/// The initiative's side signs (`accept`) or declines a proposed contract.
pub async fn sign(
    state: &AppState,
    person: &Person,
    c: &Contract,
    accept: bool,
    ip: Option<&str>,
) -> Result<(), AppError> {
    if !is_initiative_side(state, c, person).await? {
        return Err(AppError::Forbidden);
    }
    if c.status != Status::Proposed.as_str() {
        return Err(AppError::Conflict("outcomes_not_proposed"));
    }
    let to = if accept {
        Status::Active
    } else {
        Status::Declined
    };
    if !state
        .store
        .move_contract(c.id, c.status.as_str(), to.as_str(), person.id, utc_now())
        .await?
    {
        return Err(AppError::Conflict("outcomes_not_proposed"));
    }
    crate::audit::record(
        state,
        Some(person.id),
        if accept {
            "impact_contract_signed"
        } else {
            "impact_contract_declined"
        },
        format!("impact_contract:{}", c.id),
        ip,
        String::new(),
    )
    .await?;
    let title = initiative_title(state, c).await?;
    notify(
        state,
        person,
        funder_managers(state, c).await?,
        if accept {
            "mail-outcomes-signed"
        } else {
            "mail-outcomes-declined"
        },
        c,
        &title,
    )
    .await
}

/// Either side ends a contract: a proposed one is withdrawn (declined), an active one ended.
pub async fn end(
    state: &AppState,
    person: &Person,
    c: &Contract,
    ip: Option<&str>,
) -> Result<(), AppError> {
    if !(is_funder_side(state, c, person).await? || is_initiative_side(state, c, person).await?) {
        return Err(AppError::Forbidden);
    }
    let to = match Status::parse(&c.status) {
        Some(Status::Proposed) => Status::Declined,
        Some(Status::Active) => Status::Ended,
        _ => return Err(AppError::Conflict("outcomes_already_ended")),
    };
    if !state
        .store
        .move_contract(c.id, &c.status, to.as_str(), person.id, utc_now())
        .await?
    {
        return Err(AppError::Conflict("outcomes_already_ended"));
    }
    crate::audit::record(
        state,
        Some(person.id),
        "impact_contract_ended",
        format!("impact_contract:{}", c.id),
        ip,
        format!("from:{}", c.status),
    )
    .await?;
    // The other side learns of it: the funder when the initiative acted, and the reverse
    // (someone on both sides is the actor and skipped anyway).
    let title = initiative_title(state, c).await?;
    let people = if is_funder_side(state, c, person).await? {
        match state.store.initiative(c.initiative_id).await? {
            Some(i) => initiative_managers(state, &i).await?,
            None => vec![],
        }
    } else {
        funder_managers(state, c).await?
    };
    notify(state, person, people, "mail-outcomes-ended", c, &title).await
}

/// Each outcome with what its measurements show. Payments are due only once the contract is
/// signed (active, or ended after signature).
pub async fn assessed(
    state: &AppState,
    c: &Contract,
) -> Result<Vec<(ContractOutcome, Assessed)>, AppError> {
    let starts_on = parse_day(&c.starts_on).unwrap_or(NaiveDate::MIN);
    let signed = c.signed_at.is_some();
    let mut out = vec![];
    for o in state.store.contract_outcomes(c.id).await? {
        let measurements: Vec<Measurement> = state
            .store
            .measurements(o.entry_id)
            .await?
            .into_iter()
            .filter_map(|m| {
                Some(Measurement {
                    value: m.value,
                    period_start: parse_day(&m.period_start)?,
                    period_end: parse_day(&m.period_end)?,
                    verified: m.verified_at.is_some(),
                    superseded: m.superseded_by.is_some(),
                })
            })
            .collect();
        let terms = essaim_domain::outcomes::OutcomeTerms {
            threshold: o.threshold,
            due_on: parse_day(&o.due_on).unwrap_or(NaiveDate::MIN),
            payment_cents: o.payment_cents,
        };
        let mut a = assess(
            &terms,
            Direction::parse(&o.direction),
            starts_on,
            &measurements,
        );
        if !signed {
            a.payment_due_cents = 0;
        }
        out.push((o, a));
    }
    Ok(out)
}
