//! Administrative blockers (*hackers publics*): the rules shared by pages and API.
//!
//! Who may do what: anyone reads a public blocker; a private one is for its reporter, the
//! public hackers it was routed to, and admins (404 to anonymous visitors, as for drafts; 403
//! to other signed-in people). Messages are for the same parties. Statuses are moved by the
//! routed hackers and admins, along `domain::blockers::Status::next`. Remits are given by
//! admins. Every change of status and of remit is audited; the routing and every change of
//! status are mailed through the outbox.

use crate::error::AppError;
use crate::i18n::Locale;
use crate::state::AppState;
use essaim_domain::blockers::{self, BlockerInput, Fact, Remit, Status, Summary};
use essaim_domain::invalid::FieldErrors;
use essaim_domain::territory::TerritoryRef;
use essaim_store::blockers::{Blocker, Event, NewBlocker, NewEvent};
use essaim_store::{utc_now, Person, StoreError};
use uuid::Uuid;

/// Reports a person may make per hour: each one mails the hackers it is routed to.
pub const REPORTS_PER_PERSON: crate::throttle::Limit = crate::throttle::Limit {
    name: "blockers:report",
    max: 10,
    window: chrono::Duration::hours(1),
};

/// Messages a person may write per hour, across every blocker: each one mails the other side.
pub const MESSAGES_PER_PERSON: crate::throttle::Limit = crate::throttle::Limit {
    name: "blockers:message",
    max: 30,
    window: chrono::Duration::hours(1),
};

pub fn status(b: &Blocker) -> Status {
    Status::parse(&b.status).unwrap_or(Status::Reported)
}

/// The current remits of public hackers, as the routing reads them.
pub async fn remits(state: &AppState) -> Result<Vec<Remit>, AppError> {
    Ok(state
        .store
        .list_hackers()
        .await?
        .into_iter()
        .filter_map(|h| {
            Some(Remit {
                person_id: h.person_id,
                territory: TerritoryRef::parse(&h.territory).ok()?,
                theme: (!h.theme.is_empty()).then_some(h.theme),
            })
        })
        .collect())
}

/// The public hackers the blocker was routed to who still hold a remit that covers it, in
/// routing order: (id, name, e-mail). A hacker whose remit an admin removed loses the blockers
/// it brought: no reading, no message, no status, no mail.
pub async fn current_hackers(
    state: &AppState,
    b: &Blocker,
) -> Result<Vec<(Uuid, String, String)>, AppError> {
    let Ok(territory) = TerritoryRef::parse(&b.territory) else {
        return Ok(vec![]);
    };
    let covering = blockers::route(
        state.territories,
        &territory,
        b.theme.as_deref(),
        &remits(state).await?,
    );
    Ok(state
        .store
        .blocker_hackers(b.id)
        .await?
        .into_iter()
        .filter(|(id, _, _)| covering.contains(id))
        .collect())
}

/// Whether this person is one of the blocker's current hackers (see `current_hackers`).
pub async fn is_routed_to(
    state: &AppState,
    b: &Blocker,
    person: &Person,
) -> Result<bool, AppError> {
    Ok(current_hackers(state, b)
        .await?
        .iter()
        .any(|(id, _, _)| *id == person.id))
}

/// Reporter, routed hackers and admins: they read a private blocker and exchange messages.
pub async fn is_party(state: &AppState, b: &Blocker, person: &Person) -> Result<bool, AppError> {
    Ok(person.is_admin() || b.reporter_id == person.id || is_routed_to(state, b, person).await?)
}

/// Routed hackers and admins move the status.
pub async fn can_handle(state: &AppState, b: &Blocker, person: &Person) -> Result<bool, AppError> {
    Ok(person.is_admin() || is_routed_to(state, b, person).await?)
}

/// The blocker, if this visitor may read it: 404 when it does not exist or is private and the
/// visitor is anonymous, 403 when a signed-in person is not a party to a private one.
pub async fn readable(
    state: &AppState,
    id: Uuid,
    person: Option<&Person>,
) -> Result<Blocker, AppError> {
    let b = state
        .store
        .get_blocker(id)
        .await?
        .ok_or(AppError::NotFound)?;
    if b.is_public {
        return Ok(b);
    }
    match person {
        None => Err(AppError::NotFound),
        Some(p) if is_party(state, &b, p).await? => Ok(b),
        Some(_) => Err(AppError::Forbidden),
    }
}

/// Why a report was not recorded.
pub enum ReportFailure {
    Invalid(FieldErrors),
    App(AppError),
}

impl<E: Into<AppError>> From<E> for ReportFailure {
    fn from(e: E) -> Self {
        ReportFailure::App(e.into())
    }
}

/// Records a report, routes it to the public hackers whose remit covers it and mails them.
pub async fn report(
    state: &AppState,
    person: &Person,
    input: &BlockerInput,
    structure_id: Option<Uuid>,
    ip: Option<&str>,
) -> Result<Blocker, ReportFailure> {
    let today = essaim_domain::deliberation::conversation::to_paris(utc_now()).date();
    let themes = crate::pages::names::challenge_codes(state).await?;
    let v = blockers::validate(input, state.territories, &themes, today)
        .map_err(ReportFailure::Invalid)?;
    if let Some(s) = structure_id {
        let mine = state
            .store
            .structures_of(person.id)
            .await?
            .iter()
            .any(|(st, _)| st.id == s);
        if !mine {
            let mut e = FieldErrors::new();
            e.add(
                "structure",
                essaim_domain::invalid::Invalid::new("blockers_structure_not_member"),
            );
            return Err(ReportFailure::Invalid(e));
        }
    }
    crate::throttle::check(state, REPORTS_PER_PERSON, &person.id.to_string()).await?;
    let remits = remits(state).await?;
    let routed_to = blockers::route(state.territories, &v.territory, v.theme.as_deref(), &remits);
    let b = state
        .store
        .create_blocker(&NewBlocker {
            id: Uuid::now_v7(),
            reporter_id: person.id,
            structure_id,
            title: v.title,
            description: v.description,
            administration: v.administration,
            administration_key: v.administration_key,
            since: v.since.map(|d| d.format("%Y-%m-%d").to_string()),
            tried: v.tried,
            territory: v.territory.to_string(),
            departement: v.departement,
            region: v.region,
            theme: v.theme,
            public: v.public,
            created_at: utc_now(),
            routed_to,
        })
        .await?;
    crate::audit::record(
        state,
        Some(person.id),
        "blocker_reported",
        format!("blocker:{}", b.id),
        ip,
        String::new(),
    )
    .await?;
    for (_, _, email) in state.store.blocker_hackers(b.id).await? {
        if !crate::mail::mailable(&email) {
            continue;
        }
        mail(state, &email, "mail-blockers-routed", &b).await?;
    }
    Ok(b)
}

/// Routes the open blockers that a new remit covers to its hacker and mails them about each:
/// a hacker appointed after a report still receives it. Returns how many were routed.
pub async fn route_open_blockers(state: &AppState, remit: &Remit) -> Result<usize, AppError> {
    let hacker = state.store.person(remit.person_id).await?;
    let open = state
        .store
        .list_blockers(
            &essaim_store::blockers::BlockerFilter {
                everything: true,
                viewer: None,
                status: None,
            },
            essaim_store::Page::first(i64::from(i32::MAX)),
        )
        .await?;
    let mut routed = 0;
    for b in open.iter().filter(|b| !status(b).is_closed()) {
        let Ok(territory) = TerritoryRef::parse(&b.territory) else {
            continue;
        };
        let covers = !blockers::route(
            state.territories,
            &territory,
            b.theme.as_deref(),
            std::slice::from_ref(remit),
        )
        .is_empty();
        if covers && state.store.route_blocker(b.id, remit.person_id).await? {
            routed += 1;
            if let Some(p) = hacker.as_ref().filter(|p| crate::mail::mailable(&p.email)) {
                mail(state, &p.email, "mail-blockers-routed", b).await?;
            }
        }
    }
    Ok(routed)
}

/// Mails one person about a blocker (in French, the language of the platform's public
/// servants; the title has no line break, so it cannot add a header).
async fn mail(state: &AppState, to: &str, id: &str, b: &Blocker) -> Result<(), AppError> {
    let args = [
        ("title", b.title.clone()),
        ("administration", b.administration.clone()),
        (
            "status",
            state
                .i18n
                .t(Locale::Fr, &format!("blockers-status-{}", b.status)),
        ),
        (
            "link",
            format!("{}/blocages/{}", state.config.base_url, b.id),
        ),
    ];
    crate::mail::send(state, Locale::Fr, to, id, &args).await
}

/// Moves a blocker to `to` (a status code), with an optional note. 403 for anyone but its
/// hackers and admins, 422 for an unknown status, 409 for a move the workflow forbids or when
/// someone moved it first.
pub async fn change_status(
    state: &AppState,
    b: &Blocker,
    person: &Person,
    to: &str,
    note: &str,
    ip: Option<&str>,
) -> Result<Blocker, AppError> {
    if !can_handle(state, b, person).await? {
        return Err(AppError::Forbidden);
    }
    let to = Status::parse(to).ok_or(AppError::Unprocessable("blockers_status_invalid"))?;
    let from = status(b);
    if !from.can_move_to(to) {
        return Err(AppError::Conflict("blockers_transition_refused"));
    }
    let note = note.trim();
    if note.chars().count() > blockers::MAX_MESSAGE {
        return Err(AppError::Unprocessable("blockers_message_too_long"));
    }
    let moved = state
        .store
        .change_blocker_status(
            from.as_str(),
            &NewEvent {
                id: Uuid::now_v7(),
                blocker_id: b.id,
                author_id: person.id,
                status: Some(to.as_str().to_owned()),
                body: note.to_owned(),
                created_at: utc_now(),
            },
        )
        .await
        .map_err(|e| match e {
            StoreError::Conflict(c) => AppError::Conflict(c),
            e => e.into(),
        })?;
    crate::audit::record(
        state,
        Some(person.id),
        "blocker_status_changed",
        format!("blocker:{}", b.id),
        ip,
        format!("{} -> {}", from.as_str(), to.as_str()),
    )
    .await?;
    if let Some(reporter) = state.store.person(b.reporter_id).await? {
        if reporter.id != person.id && crate::mail::mailable(&reporter.email) {
            mail(state, &reporter.email, "mail-blockers-status", &moved).await?;
        }
    }
    Ok(moved)
}

/// A message from a party (403 for others, 422 for an empty or too long one).
pub async fn post_message(
    state: &AppState,
    b: &Blocker,
    person: &Person,
    body: &str,
) -> Result<Event, AppError> {
    if !is_party(state, b, person).await? {
        return Err(AppError::Forbidden);
    }
    let body = blockers::validate_message(body).map_err(|i| AppError::Unprocessable(i.code))?;
    crate::throttle::check(state, MESSAGES_PER_PERSON, &person.id.to_string()).await?;
    let event = state
        .store
        .add_blocker_event(&NewEvent {
            id: Uuid::now_v7(),
            blocker_id: b.id,
            author_id: person.id,
            status: None,
            body,
            created_at: utc_now(),
        })
        .await?;
    // The other side hears of it: the hackers when the reporter writes, the reporter else.
    let mut to: Vec<String> = Vec::new();
    if person.id == b.reporter_id {
        to.extend(
            current_hackers(state, b)
                .await?
                .into_iter()
                .map(|(_, _, e)| e),
        );
    } else if let Some(r) = state.store.person(b.reporter_id).await? {
        to.push(r.email);
    }
    for email in to.iter().filter(|e| crate::mail::mailable(e)) {
        mail(state, email, "mail-blockers-message", b).await?;
    }
    Ok(event)
}

/// The aggregate view over every blocker, counts only.
pub async fn summary(state: &AppState) -> Result<Summary, AppError> {
    let facts: Vec<Fact> = state
        .store
        .blocker_facts()
        .await?
        .into_iter()
        .map(|f| Fact {
            status: Status::parse(&f.status).unwrap_or(Status::Reported),
            administration_key: f.administration_key,
            administration: f.administration,
            theme: f.theme,
            departement: f.departement,
            region: f.region,
            created_at: f.created_at,
            unblocked_at: f.unblocked_at,
            public: f.is_public,
        })
        .collect();
    Ok(blockers::summarise(&facts))
}
