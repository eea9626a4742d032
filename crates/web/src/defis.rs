//! Défis (challenges posted by structures): the rules shared by pages and API.
//!
//! Who may do what: anyone reads a published or closed défi; a draft is seen by its owners'
//! managers and admins only (404 for anybody else). A défi is created for structures the person
//! manages (its first owners), and edited by the managers of any owner structure and by admins;
//! they may add another structure as a co-owner, whose managers may then edit it too. The
//! added structure's managers are not mailed: the défi shows on their structure's list of défis
//! (`/defis?structure=…`) and they can edit it at once. Sponsors are structures named by the
//! owners; they gain no right on the défi (their members are kept off its jury by the jury
//! rules). Creations and co-owner additions are throttled per person.

use crate::error::AppError;
use crate::events::EditFailure;
use crate::state::AppState;
use essaim_domain::defis::{self as domain, DefiInput, ValidDefi};
use essaim_domain::invalid::{FieldErrors, Invalid};
use essaim_domain::structure::MemberRole;
use essaim_domain::territory::normalise_name;
use essaim_store::defis::{conflict, Defi, DefiFields, NewDefi};
use essaim_store::{utc_now, Page, Person, StoreError};
use uuid::Uuid;

/// Défis a person may create or co-owners they may add per hour.
pub const DEFIS_PER_PERSON: crate::throttle::Limit = crate::throttle::Limit {
    name: "defis:write",
    max: 30,
    window: chrono::Duration::hours(1),
};

/// Admins and the managers of one of the owner structures.
pub async fn can_manage(state: &AppState, d: &Defi, person: &Person) -> Result<bool, AppError> {
    if person.is_admin() {
        return Ok(true);
    }
    for (s, _) in &d.owners {
        if state.store.membership(*s, person.id).await? == Some(MemberRole::Manager) {
            return Ok(true);
        }
    }
    Ok(false)
}

/// The défi as this person may see it: a draft only for those who manage it.
pub async fn visible(
    state: &AppState,
    id: Uuid,
    person: Option<&Person>,
) -> Result<Defi, AppError> {
    let d = state.store.get_defi(id).await?.ok_or(AppError::NotFound)?;
    if d.row.status != "draft" {
        return Ok(d);
    }
    match person {
        Some(p) if can_manage(state, &d, p).await? => Ok(d),
        _ => Err(AppError::NotFound),
    }
}

/// The défi if this person manages it; 404 otherwise.
pub async fn managed(state: &AppState, id: Uuid, person: &Person) -> Result<Defi, AppError> {
    let d = state.store.get_defi(id).await?.ok_or(AppError::NotFound)?;
    if can_manage(state, &d, person).await? {
        Ok(d)
    } else {
        Err(AppError::NotFound)
    }
}

/// The structure a typed name designates: an exact (folded) name, or the only one whose name
/// contains it. Sponsors and co-owners are typed by name.
pub async fn structure_named(state: &AppState, name: &str) -> Result<Option<Uuid>, AppError> {
    let name = name.trim();
    if name.is_empty() {
        return Ok(None);
    }
    if let Ok(id) = name.parse::<Uuid>() {
        return Ok(state.store.structure(id).await?.map(|s| s.id));
    }
    let hits = state
        .store
        .list_structures(Some(name), None, Page::first(10))
        .await?;
    let wanted = normalise_name(name);
    let exact: Vec<Uuid> = hits
        .iter()
        .filter(|s| normalise_name(&s.name) == wanted)
        .map(|s| s.id)
        .collect();
    Ok(match (exact.as_slice(), hits.as_slice()) {
        ([one], _) => Some(*one),
        ([], [only]) => Some(only.id),
        _ => None,
    })
}

/// Sponsors typed one name per line; unknown or ambiguous names are refused.
pub async fn sponsors_named(
    state: &AppState,
    text: &str,
) -> Result<Result<Vec<Uuid>, Invalid>, AppError> {
    let mut out = vec![];
    for line in text.lines().map(str::trim).filter(|l| !l.is_empty()) {
        match structure_named(state, line).await? {
            Some(id) if !out.contains(&id) => out.push(id),
            Some(_) => {}
            None => return Ok(Err(Invalid::new("defis_structure_unknown"))),
        }
    }
    if out.len() > domain::MAX_SPONSORS {
        return Ok(Err(Invalid::new("defis_too_many_sponsors")));
    }
    Ok(Ok(out))
}

async fn known_challenges(state: &AppState) -> Result<Vec<String>, AppError> {
    Ok(state
        .store
        .challenges()
        .await?
        .into_iter()
        .map(|c| c.code)
        .collect())
}

fn fields_of(v: ValidDefi, sponsors: Vec<Uuid>) -> DefiFields {
    DefiFields {
        title: v.title,
        context: v.context,
        question: v.question,
        deliverable: v.deliverable,
        territory: v.territory.map(|t| t.to_string()).unwrap_or_default(),
        departement: v.departement,
        region: v.region,
        status: v.status.as_str().to_owned(),
        challenges: v.challenges,
        sponsors,
    }
}

async fn validate(
    state: &AppState,
    input: &DefiInput,
    sponsors: Result<Vec<Uuid>, Invalid>,
    mut errors: FieldErrors,
) -> Result<(ValidDefi, Vec<Uuid>), EditFailure> {
    let known = known_challenges(state).await?;
    let valid = domain::validate(input, state.territories, &known);
    if let Err(e) = &valid {
        for (f, i) in &e.0 {
            errors.add(f, *i);
        }
    }
    let mut sponsors = errors.check("sponsors", sponsors);
    if let Some(list) = &sponsors {
        for id in list {
            if state.store.structure(*id).await?.is_none() {
                errors.add("sponsors", Invalid::new("defis_structure_unknown"));
                sponsors = None;
                break;
            }
        }
    }
    match (valid, sponsors) {
        (Ok(v), Some(s)) if errors.is_empty() => Ok((v, s)),
        _ => Err(EditFailure::Invalid(errors)),
    }
}

/// Creates a défi owned by structures the person manages (at least one).
pub async fn create(
    state: &AppState,
    person: &Person,
    input: &DefiInput,
    owners: &[Uuid],
    sponsors: Result<Vec<Uuid>, Invalid>,
) -> Result<Defi, EditFailure> {
    let choices = crate::events::organiser_choices(state, person).await?;
    let mut errors = FieldErrors::new();
    if owners.is_empty() {
        errors.add("owner", Invalid::new("defis_owner_required"));
    } else if !person.is_admin() && !owners.iter().all(|o| choices.iter().any(|(c, _)| c == o)) {
        errors.add("owner", Invalid::new("defis_owner_not_manager"));
    }
    let (v, sponsors) = validate(state, input, sponsors, errors).await?;
    crate::throttle::check(state, DEFIS_PER_PERSON, &person.id.to_string()).await?;
    let mut owners = owners.to_vec();
    owners.sort();
    owners.dedup();
    match state
        .store
        .create_defi(&NewDefi {
            id: Uuid::now_v7(),
            fields: fields_of(v, sponsors),
            owners,
            created_by: person.id,
            created_at: utc_now(),
        })
        .await
    {
        Ok(d) => Ok(d),
        Err(StoreError::NotFound) => {
            let mut e = FieldErrors::new();
            e.add("sponsors", Invalid::new("defis_structure_unknown"));
            Err(EditFailure::Invalid(e))
        }
        Err(e) => Err(EditFailure::App(e.into())),
    }
}

/// Rewrites a défi (the caller checked `can_manage`). New sponsors are recorded in the audit
/// log (a sponsor's members are kept off the défi's jury); none may be added once a hackathon
/// gathering the défi has jury scores (field error on `sponsors`).
pub async fn update(
    state: &AppState,
    person: &Person,
    d: &Defi,
    input: &DefiInput,
    sponsors: Result<Vec<Uuid>, Invalid>,
    ip: Option<&str>,
) -> Result<Defi, EditFailure> {
    let (v, sponsors) = validate(state, input, sponsors, FieldErrors::new()).await?;
    let added: Vec<Uuid> = sponsors
        .iter()
        .filter(|s| !d.owners.iter().chain(&d.sponsors).any(|(k, _)| k == *s))
        .copied()
        .collect();
    let updated = match state
        .store
        .update_defi(d.row.id, &fields_of(v, sponsors), utc_now())
        .await
    {
        Ok(u) => u,
        Err(StoreError::Conflict(conflict::SCORED)) => {
            let mut e = FieldErrors::new();
            e.add("sponsors", Invalid::new("defis_scored"));
            return Err(EditFailure::Invalid(e));
        }
        Err(e) => return Err(EditFailure::App(e.into())),
    };
    for s in added {
        crate::audit::record(
            state,
            Some(person.id),
            "defi_sponsor_added",
            format!("defi:{}", d.row.id),
            ip,
            format!("structure:{s}"),
        )
        .await?;
    }
    Ok(updated)
}

/// Adds a co-owner (the caller checked `can_manage`). Field errors name `structure`.
pub async fn add_owner(
    state: &AppState,
    person: &Person,
    d: &Defi,
    structure: Option<Uuid>,
    ip: Option<&str>,
) -> Result<Defi, EditFailure> {
    let mut e = FieldErrors::new();
    let Some(structure) = structure else {
        e.add("structure", Invalid::new("defis_structure_unknown"));
        return Err(EditFailure::Invalid(e));
    };
    crate::throttle::check(state, DEFIS_PER_PERSON, &person.id.to_string()).await?;
    match state
        .store
        .add_defi_owner(d.row.id, structure, utc_now())
        .await
    {
        Ok(added) => {
            crate::audit::record(
                state,
                Some(person.id),
                "defi_owner_added",
                format!("defi:{}", d.row.id),
                ip,
                format!("structure:{structure}"),
            )
            .await?;
            Ok(added)
        }
        Err(StoreError::Conflict(conflict::ALREADY_OWNER)) => {
            e.add("structure", Invalid::new("defis_already_owner"));
            Err(EditFailure::Invalid(e))
        }
        Err(StoreError::Conflict(conflict::SCORED)) => {
            e.add("structure", Invalid::new("defis_scored"));
            Err(EditFailure::Invalid(e))
        }
        Err(StoreError::NotFound) => {
            e.add("structure", Invalid::new("defis_structure_unknown"));
            Err(EditFailure::Invalid(e))
        }
        Err(err) => Err(EditFailure::App(err.into())),
    }
}
