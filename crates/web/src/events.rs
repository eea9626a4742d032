//! Events (*événements*): the rules shared by pages and API.
//!
//! Who may do what: anyone reads a published or cancelled event; signed-in people with a
//! confirmed e-mail register (throttled), confirmed while there is room and on the waiting
//! list otherwise (the store decides under the event's lock, so never over capacity). An
//! event is managed (edited, cancelled, its attendee list read and exported) by the managers of
//! one of its organiser structures and by admins; anybody else gets a 404 for the attendee
//! list, which is not announced. Mails (in French, the platform's language, as blockers' are):
//! a promotion from the waiting list, the cancellation of an event to everyone registered, a
//! reminder the day before (`send_reminders`, run by `essaim serve`'s housekeeping).

use crate::error::AppError;
use crate::i18n::{I18n, Locale};
use crate::state::AppState;
use chrono::{DateTime, Duration, Utc};
use essaim_domain::deliberation::conversation::to_paris;
use essaim_domain::events::{self as domain, EventInput, IcsEvent, ValidEvent};
use essaim_domain::invalid::{FieldErrors, Invalid};
use essaim_domain::structure::MemberRole;
use essaim_store::events::{conflict, EventFields, EventRow, NewEvent, Registration};
use essaim_store::{utc_now, OutgoingMail, Person, Store, StoreError};
use uuid::Uuid;

/// Registrations and cancellations a person may make per hour: each may mail someone.
pub const REGISTRATIONS_PER_PERSON: crate::throttle::Limit = crate::throttle::Limit {
    name: "events:register",
    max: 30,
    window: chrono::Duration::hours(1),
};

/// Events a person may create per hour.
pub const EVENTS_PER_PERSON: crate::throttle::Limit = crate::throttle::Limit {
    name: "events:create",
    max: 20,
    window: chrono::Duration::hours(1),
};

/// How long before the start a reminder goes out.
pub const REMINDER_AHEAD: Duration = Duration::hours(24);

pub async fn find(state: &AppState, id: Uuid) -> Result<EventRow, AppError> {
    state.store.get_event(id).await?.ok_or(AppError::NotFound)
}

/// Admins and the managers of one of the organiser structures.
pub async fn can_manage(
    state: &AppState,
    event: &EventRow,
    person: &Person,
) -> Result<bool, AppError> {
    if person.is_admin() {
        return Ok(true);
    }
    for (s, _) in state.store.event_organisers(event.id).await? {
        if state.store.membership(s, person.id).await? == Some(MemberRole::Manager) {
            return Ok(true);
        }
    }
    Ok(false)
}

/// The event if this person manages it; 404 otherwise (the attendee list and the management
/// pages are not announced to others).
pub async fn managed(state: &AppState, id: Uuid, person: &Person) -> Result<EventRow, AppError> {
    let e = find(state, id).await?;
    if can_manage(state, &e, person).await? {
        Ok(e)
    } else {
        Err(AppError::NotFound)
    }
}

/// The structures a person may organise for: those they manage.
pub async fn organiser_choices(
    state: &AppState,
    person: &Person,
) -> Result<Vec<(Uuid, String)>, AppError> {
    Ok(state
        .store
        .structures_of(person.id)
        .await?
        .into_iter()
        .filter(|(_, role)| *role == MemberRole::Manager)
        .map(|(s, _)| (s.id, s.name))
        .collect())
}

/// Why an event was not written.
pub enum EditFailure {
    Invalid(FieldErrors),
    App(AppError),
}

impl<E: Into<AppError>> From<E> for EditFailure {
    fn from(e: E) -> Self {
        EditFailure::App(e.into())
    }
}

fn fields_of(v: ValidEvent) -> EventFields {
    EventFields {
        kind: v.kind.as_str().to_owned(),
        title: v.title,
        description: v.description,
        starts_at: v.starts_at,
        ends_at: v.ends_at,
        address: v.address,
        commune: v.commune.map(|c| c.to_string()).unwrap_or_default(),
        departement: v.departement,
        region: v.region,
        online_url: v.online_url,
        capacity: v.capacity,
        registration_open: v.registration_open,
    }
}

/// Creates an event for structures the person manages (at least one).
pub async fn create(
    state: &AppState,
    person: &Person,
    input: &EventInput,
    organisers: &[Uuid],
) -> Result<EventRow, EditFailure> {
    let choices = organiser_choices(state, person).await?;
    let valid = domain::validate(input, state.territories);
    let mut errors = match &valid {
        Ok(_) => FieldErrors::new(),
        Err(e) => e.clone(),
    };
    if organisers.is_empty() {
        errors.add("organiser", Invalid::new("events_organiser_required"));
    } else if !person.is_admin()
        && !organisers
            .iter()
            .all(|o| choices.iter().any(|(c, _)| c == o))
    {
        errors.add("organiser", Invalid::new("events_organiser_not_manager"));
    }
    let v = match valid {
        Ok(v) if errors.is_empty() => v,
        _ => return Err(EditFailure::Invalid(errors)),
    };
    crate::throttle::check(state, EVENTS_PER_PERSON, &person.id.to_string()).await?;
    let now = utc_now();
    let mut organisers = organisers.to_vec();
    organisers.sort();
    organisers.dedup();
    let e = state
        .store
        .create_event(&NewEvent {
            id: Uuid::now_v7(),
            fields: fields_of(v),
            organisers,
            created_by: person.id,
            created_at: now,
        })
        .await?;
    Ok(e)
}

/// Rewrites an event (the caller checked `can_manage`); a raised capacity moves the waiting
/// list up, and each person moved up is mailed.
pub async fn update(
    state: &AppState,
    event: &EventRow,
    input: &EventInput,
) -> Result<EventRow, EditFailure> {
    let v = domain::validate(input, state.territories).map_err(EditFailure::Invalid)?;
    match state
        .store
        .update_event(event.id, &fields_of(v), utc_now())
        .await
    {
        Ok((row, promoted)) => {
            mail_promoted(state, &row, &promoted).await?;
            Ok(row)
        }
        Err(StoreError::Conflict(conflict::CAPACITY_BELOW_CONFIRMED)) => {
            let mut e = FieldErrors::new();
            e.add("capacity", Invalid::new("events_capacity_below_confirmed"));
            Err(EditFailure::Invalid(e))
        }
        Err(StoreError::Conflict(code)) => Err(EditFailure::App(AppError::Conflict(code))),
        Err(e) => Err(EditFailure::App(e.into())),
    }
}

/// Cancels an event and mails everyone registered (confirmed or waiting).
pub async fn cancel(state: &AppState, event: &EventRow) -> Result<EventRow, AppError> {
    let (row, registrations) = match state.store.cancel_event(event.id, utc_now()).await {
        Err(StoreError::Conflict(code)) => return Err(AppError::Conflict(code)),
        r => r?,
    };
    for r in registrations {
        if crate::mail::mailable(&r.email) {
            mail(state, &r.email, "mail-events-cancelled", &row).await?;
        }
    }
    Ok(row)
}

/// Registers a person (throttled) and mails them a receipt. Conflicts (cancelled, started, closed, already
/// registered) come back as 409 with their own message.
pub async fn register(
    state: &AppState,
    event: &EventRow,
    person: &Person,
) -> Result<Registration, AppError> {
    crate::throttle::check(state, REGISTRATIONS_PER_PERSON, &person.id.to_string()).await?;
    match state.store.register(event.id, person.id, utc_now()).await {
        Ok(r) => {
            // The receipt says which it is: a seat, or a place in the waiting list.
            let id = if r.status == "waiting" {
                "mail-events-waiting"
            } else {
                "mail-events-registered"
            };
            if crate::mail::mailable(&r.email) {
                mail(state, &r.email, id, event).await?;
            }
            Ok(r)
        }
        Err(StoreError::Conflict(code)) => Err(AppError::Conflict(code)),
        Err(e) => Err(e.into()),
    }
}

/// Cancels a person's registration (throttled); the head of the waiting list moves up and is
/// mailed. Refused (409) once the event has started: the list no longer moves.
pub async fn unregister(
    state: &AppState,
    event: &EventRow,
    person: &Person,
) -> Result<(), AppError> {
    crate::throttle::check(state, REGISTRATIONS_PER_PERSON, &person.id.to_string()).await?;
    leave(state, event, person.id).await
}

async fn leave(state: &AppState, event: &EventRow, person: Uuid) -> Result<(), AppError> {
    let promoted = match state
        .store
        .cancel_registration(event.id, person, utc_now())
        .await
    {
        Err(StoreError::NotFound) => return Err(AppError::Conflict("events-not-registered")),
        Err(StoreError::Conflict(code)) => return Err(AppError::Conflict(code)),
        r => r?,
    };
    mail_promoted(state, event, &promoted).await
}

/// Before an account is erased: cancels the person's active registrations to events that
/// have not started (not throttled: the deletion is), so their places go to the waiting
/// lists, whose promoted people are mailed. Registrations to past, started or cancelled
/// events stay as they are (the erasure blanks them).
pub async fn leave_all(state: &AppState, person: Uuid) -> Result<(), AppError> {
    let now = utc_now();
    for (r, _) in state.store.registrations_of(person).await? {
        if r.status == "cancelled" {
            continue;
        }
        let Some(e) = state.store.get_event(r.event_id).await? else {
            continue;
        };
        if e.is_cancelled() || e.starts_at <= now {
            continue;
        }
        match leave(state, &e, person).await {
            // Started meanwhile, or cancelled by another request: nothing to hand over.
            Err(AppError::Conflict(_)) => {}
            r => r?,
        }
    }
    Ok(())
}

async fn mail_promoted(
    state: &AppState,
    event: &EventRow,
    promoted: &[Registration],
) -> Result<(), AppError> {
    for r in promoted {
        if crate::mail::mailable(&r.email) {
            mail(state, &r.email, "mail-events-promoted", event).await?;
        }
    }
    Ok(())
}

/// The Paris wall-clock time, as people read it ("10/06/2026 18:30").
pub fn paris_time(t: DateTime<Utc>) -> String {
    to_paris(t).format("%d/%m/%Y %H:%M").to_string()
}

fn mail_args(
    base_url: &str,
    title: &str,
    id: Uuid,
    starts_at: DateTime<Utc>,
) -> Vec<(&'static str, String)> {
    vec![
        ("title", title.to_owned()),
        ("start", paris_time(starts_at)),
        ("link", format!("{base_url}/evenements/{id}")),
    ]
}

async fn mail(state: &AppState, to: &str, id: &str, e: &EventRow) -> Result<(), AppError> {
    let args = mail_args(&state.config.base_url, &e.title, e.id, e.starts_at);
    crate::mail::send(state, Locale::Fr, to, id, &args).await
}

/// The reminders of events starting within `REMINDER_AHEAD`: each confirmed registration
/// gets at most one, claimed by compare-and-set before the mail is written, so any number of
/// processes may run it every ten minutes. Returns the number of mails written.
pub async fn send_reminders(
    store: &dyn Store,
    i18n: &I18n,
    base_url: &str,
    now: DateTime<Utc>,
) -> Result<usize, StoreError> {
    let mut sent = 0;
    for d in store.due_reminders(now, now + REMINDER_AHEAD).await? {
        if !store.claim_reminder(d.registration_id, now).await? {
            continue;
        }
        if !crate::mail::mailable(&d.email) {
            continue;
        }
        let args = mail_args(base_url, &d.title, d.event_id, d.starts_at);
        // One header line: the title has no control character (domain::events::validate),
        // and the subject is cleaned once more here.
        let subject: String = i18n
            .message(Locale::Fr, "mail-events-reminder-subject", &args)
            .chars()
            .map(|c| if c.is_control() { ' ' } else { c })
            .collect();
        store
            .enqueue_mail(OutgoingMail {
                id: Uuid::now_v7(),
                to_address: d.email.clone(),
                subject,
                body: i18n.message(Locale::Fr, "mail-events-reminder-body", &args),
                created_at: utc_now(),
                sent_at: None,
                attempts: 0,
                last_error: None,
            })
            .await?;
        sent += 1;
    }
    Ok(sent)
}

/// The place as one line: the address and the commune's name, or the online link.
pub fn location(state: &AppState, e: &EventRow) -> String {
    let mut parts = vec![];
    if !e.address.is_empty() {
        parts.push(e.address.clone());
    }
    if !e.commune.is_empty() {
        parts.push(crate::pages::names::territory_name(state, &e.commune));
    }
    if parts.is_empty() {
        if let Some(u) = &e.online_url {
            parts.push(u.clone());
        }
    }
    parts.join(", ")
}

/// An iCalendar file of these events.
pub fn ics(state: &AppState, name: &str, events: &[EventRow]) -> String {
    let base = &state.config.base_url;
    let host = url::Url::parse(base)
        .ok()
        .and_then(|u| u.host_str().map(str::to_owned))
        .unwrap_or_else(|| "essaim".into());
    let items: Vec<IcsEvent> = events
        .iter()
        .map(|e| IcsEvent {
            uid: format!("{}@{host}", e.id),
            stamp: e.updated_at,
            starts_at: e.starts_at,
            ends_at: e.ends_at,
            summary: e.title.clone(),
            description: e.description.clone(),
            location: location(state, e),
            url: format!("{base}/evenements/{}", e.id),
            cancelled: e.is_cancelled(),
            sequence: e.sequence,
        })
        .collect();
    domain::calendar(name, &items)
}

/// An Atom feed of these events: each entry links to the event's page; its summary is the
/// date, the place and the description as text (escaped, never HTML).
pub fn atom(state: &AppState, title: &str, events: &[EventRow]) -> String {
    use crate::news::xml_text;
    let base = &state.config.base_url;
    let updated = events
        .iter()
        .map(|e| e.updated_at)
        .max()
        .unwrap_or_else(|| DateTime::<Utc>::from_timestamp(0, 0).unwrap_or_default());
    let mut xml = String::from("<?xml version=\"1.0\" encoding=\"utf-8\"?>\n");
    xml.push_str("<feed xmlns=\"http://www.w3.org/2005/Atom\">\n");
    xml.push_str(&format!("<title>{}</title>\n", xml_text(title)));
    xml.push_str(&format!(
        "<id>{0}/evenements.atom</id>\n<link rel=\"self\" href=\"{0}/evenements.atom\"/>\n<link rel=\"alternate\" type=\"text/html\" href=\"{0}/evenements\"/>\n",
        xml_text(base)
    ));
    xml.push_str(&format!("<updated>{}</updated>\n", updated.to_rfc3339()));
    for e in events {
        let summary = format!(
            "{} — {}\n\n{}",
            paris_time(e.starts_at),
            location(state, e),
            e.description
        );
        xml.push_str("<entry>\n");
        xml.push_str(&format!(
            "<title>{}</title>\n<id>urn:uuid:{}</id>\n<link href=\"{}/evenements/{}\"/>\n",
            xml_text(&e.title),
            e.id,
            xml_text(base),
            e.id
        ));
        xml.push_str(&format!(
            "<updated>{}</updated>\n<published>{}</published>\n",
            e.updated_at.to_rfc3339(),
            e.created_at.to_rfc3339()
        ));
        xml.push_str(&format!(
            "<category term=\"{}\"/>\n<summary type=\"text\">{}</summary>\n",
            xml_text(&e.kind),
            xml_text(summary.trim())
        ));
        xml.push_str("</entry>\n");
    }
    xml.push_str("</feed>\n");
    xml
}

fn csv_field(s: &str) -> String {
    // Formula injection: a cell that a spreadsheet would evaluate starts with a quote.
    let s = essaim_domain::opendata::defuse_cell(s).into_owned();
    if s.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", s.replace('"', "\"\""))
    } else {
        s
    }
}

/// The attendee list as CSV (for organisers): name, e-mail, status, registration time.
pub fn attendees_csv(registrations: &[Registration]) -> String {
    let mut out = String::from("nom,courriel,statut,inscrit_le\n");
    for r in registrations {
        let cells = [
            r.person_name.clone(),
            r.email.clone(),
            r.status.clone(),
            r.registered_at.to_rfc3339(),
        ];
        out.push_str(
            &cells
                .iter()
                .map(|c| csv_field(c))
                .collect::<Vec<_>>()
                .join(","),
        );
        out.push('\n');
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn csv_cells_are_quoted_and_formulas_defused() {
        assert_eq!(csv_field("a,b"), "\"a,b\"");
        assert_eq!(csv_field("=HYPERLINK(1)"), "'=HYPERLINK(1)");
        assert_eq!(csv_field("plain"), "plain");
    }
}
