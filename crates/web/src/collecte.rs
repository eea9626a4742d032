//! Collecte (round-table collection): the rules shared by pages and API.
//!
//! Who may do what: the people who manage an event of kind collecte (`events::managed`) open
//! its collection, watch the room screen, edit, merge, discard and turn items into draft
//! initiatives, and close it; anybody else gets a 404 for all of it. People in the room need
//! no account: they join by the code (`/c/{code}`), and a cookie token marks their phone, so
//! that it sees and edits its own items while the collection is open (only a hash of the
//! token is stored). Throttled: wrong codes per address (a right one costs nothing, since a
//! whole room often shares one address), submissions per phone and per address, and tightly
//! per address for submissions that bring no phone token (a client dropping its cookies would
//! otherwise be a new phone every time, out of reach of the per-phone limit).

use crate::auth::{cookie, random_secret, secret_hash, set_cookie};
use crate::error::AppError;
use crate::i18n::Locale;
use crate::state::AppState;
use crate::throttle::Limit;
use axum::http::{HeaderMap, HeaderValue};
use chrono::{Duration, DurationRound};
use essaim_domain::collecte::{code_from_random, normalise_code, ItemInput, ValidItem};
use essaim_domain::initiative::{InitiativeInput, Status};
use essaim_domain::invalid::FieldErrors;
use essaim_store::collecte::{conflict, Collecte, Item, ItemFields, NewItem};
use essaim_store::events::EventRow;
use essaim_store::initiatives::RevisionNote;
use essaim_store::{utc_now, Person, StoreError};
use rand::RngCore;
use uuid::Uuid;

/// Wrong join codes an address may type per quarter of an hour.
pub const JOIN_ATTEMPTS: Limit = Limit {
    name: "collecte:join",
    max: 30,
    window: Duration::minutes(15),
};

/// Submissions and edits per phone (its cookie) per ten minutes: one person naming what they
/// know, not a script.
pub const SUBMISSIONS_PER_PHONE: Limit = Limit {
    name: "collecte:phone",
    max: 20,
    window: Duration::minutes(10),
};

/// Submissions without a phone token per address per ten minutes: a phone that opened the
/// join page has its cookie, so these are clients that drop it (or an API client's first
/// submission).
pub const SUBMISSIONS_WITHOUT_PHONE: Limit = Limit {
    name: "collecte:nophone",
    max: 20,
    window: Duration::minutes(10),
};

/// Submissions per address per hour: high, since a room shares the venue's connection.
pub const SUBMISSIONS_PER_ADDRESS: Limit = Limit {
    name: "collecte:ip",
    max: 400,
    window: Duration::hours(1),
};

/// Collections a person may open per hour.
pub const OPENINGS_PER_PERSON: Limit = Limit {
    name: "collecte:open",
    max: 20,
    window: Duration::hours(1),
};

/// The phone's token (random, HttpOnly); the store keeps its SHA-256.
pub const PHONE_COOKIE: &str = "essaim_collecte";
/// A day: the session is over by then.
const PHONE_COOKIE_AGE: i64 = 24 * 3600;

/// The event of kind collecte this person manages; 404 otherwise.
pub async fn managed_event(
    state: &AppState,
    event_id: Uuid,
    person: &Person,
) -> Result<EventRow, AppError> {
    let e = crate::events::managed(state, event_id, person).await?;
    if e.kind != "collecte" {
        return Err(AppError::NotFound);
    }
    Ok(e)
}

/// The collection of an event this person manages; 404 when none was opened.
pub async fn managed(
    state: &AppState,
    event_id: Uuid,
    person: &Person,
) -> Result<(EventRow, Collecte), AppError> {
    let e = managed_event(state, event_id, person).await?;
    let c = state
        .store
        .collecte_of_event(e.id)
        .await?
        .ok_or(AppError::NotFound)?;
    Ok((e, c))
}

/// An item of this collection; 404 for another collection's.
pub async fn item_of(state: &AppState, c: &Collecte, item_id: Uuid) -> Result<Item, AppError> {
    match state.store.item(item_id).await? {
        Some(i) if i.collecte_id == c.id => Ok(i),
        _ => Err(AppError::NotFound),
    }
}

/// A fresh code from the operating system's CSPRNG.
pub fn new_code() -> String {
    let mut rng = rand::rngs::OsRng;
    code_from_random(|| (rng.next_u32() & 0xff) as u8)
}

/// Opens the event's collection, drawing another code in the rare case an open collection
/// holds it. `Conflict(ALREADY_OPENED)` when the event has one.
pub async fn open(
    state: &AppState,
    event: &EventRow,
    person: &Person,
) -> Result<Collecte, AppError> {
    crate::throttle::check(state, OPENINGS_PER_PERSON, &person.id.to_string()).await?;
    for _ in 0..5 {
        match state
            .store
            .open_collecte(Uuid::now_v7(), event.id, &new_code(), person.id, utc_now())
            .await
        {
            Err(StoreError::Conflict(conflict::CODE_TAKEN)) => continue,
            Err(StoreError::Conflict(c)) => return Err(AppError::Conflict(c)),
            r => return Ok(r?),
        }
    }
    Err(AppError::Conflict(conflict::CODE_TAKEN))
}

/// Refuses at once an address that typed too many wrong codes (even if this one is right).
async fn refuse_if_guessing(state: &AppState, ip: &str) -> Result<(), AppError> {
    let now = utc_now();
    let start = now.duration_trunc(JOIN_ATTEMPTS.window).unwrap_or(now);
    let key = format!("{}:{}", JOIN_ATTEMPTS.name, ip);
    let current = state.store.throttle_count(&key, start).await?;
    let previous = state
        .store
        .throttle_count(&key, start - JOIN_ATTEMPTS.window)
        .await?;
    // The same sliding estimate as `throttle::check`, without counting this attempt.
    let overlap = 1.0
        - (now - start).num_milliseconds() as f64 / JOIN_ATTEMPTS.window.num_milliseconds() as f64;
    if current as f64 + previous as f64 * overlap.clamp(0.0, 1.0) >= JOIN_ATTEMPTS.max as f64 {
        let retry_after_secs = (start + JOIN_ATTEMPTS.window - now).num_seconds().max(1);
        return Err(AppError::Throttled { retry_after_secs });
    }
    Ok(())
}

/// The collection a typed code names (open or closed: the caller tells a closed one apart);
/// a wrong code counts against the address and is a 404.
pub async fn join(state: &AppState, typed: &str, ip: &str) -> Result<Collecte, AppError> {
    refuse_if_guessing(state, ip).await?;
    let found = match normalise_code(typed) {
        Some(code) => state.store.collecte_by_code(&code).await?,
        None => None,
    };
    match found {
        Some(c) => Ok(c),
        None => {
            crate::throttle::check(state, JOIN_ATTEMPTS, ip).await?;
            Err(AppError::NotFound)
        }
    }
}

/// The phone's token if the request carries a well-formed one.
pub fn phone_token(headers: &HeaderMap) -> Option<String> {
    cookie(headers, PHONE_COOKIE)
        .filter(|t| t.len() == 32 && t.bytes().all(|b| b.is_ascii_hexdigit()))
}

/// The phone's token, and the Set-Cookie header when it needs a new one.
pub fn phone_token_or_new(state: &AppState, headers: &HeaderMap) -> (String, Option<HeaderValue>) {
    match phone_token(headers) {
        Some(t) => (t, None),
        None => {
            let t = random_secret();
            let c = set_cookie(
                PHONE_COOKIE,
                &t,
                Some(PHONE_COOKIE_AGE),
                "Lax",
                state.config.secure_cookies,
            );
            (t, Some(c))
        }
    }
}

pub fn phone_hash(token: &str) -> String {
    secret_hash(token)
}

/// Why an item was not written.
pub enum Failure {
    Invalid(FieldErrors),
    App(AppError),
}

impl<E: Into<AppError>> From<E> for Failure {
    fn from(e: E) -> Self {
        Failure::App(e.into())
    }
}

fn fields_of(v: ValidItem) -> ItemFields {
    ItemFields {
        name: v.name,
        commune: v.commune.to_string(),
        what: v.what,
        carrier: v.carrier,
        contact: v.contact,
    }
}

fn store_failure(e: StoreError) -> Failure {
    match e {
        StoreError::Conflict(c) => Failure::App(AppError::Conflict(c)),
        e => Failure::App(e.into()),
    }
}

/// Counts a write from the room against the phone (`known`: the request brought its token)
/// or, for a token minted for this request, against the address's tight limit; and against
/// the address.
async fn throttle_room(
    state: &AppState,
    token: &str,
    known: bool,
    ip: &str,
) -> Result<(), AppError> {
    if known {
        crate::throttle::check(state, SUBMISSIONS_PER_PHONE, &phone_hash(token)).await?;
    } else {
        crate::throttle::check(state, SUBMISSIONS_WITHOUT_PHONE, ip).await?;
    }
    crate::throttle::check(state, SUBMISSIONS_PER_ADDRESS, ip).await
}

/// An item from the room. Throttled before it is checked, so that a flood of bad input
/// costs its sender too. `known`: the request brought `token` (false: minted just now).
pub async fn submit(
    state: &AppState,
    c: &Collecte,
    input: &ItemInput,
    (token, known): (&str, bool),
    person: Option<&Person>,
    ip: &str,
) -> Result<Item, Failure> {
    if !c.is_open() {
        return Err(Failure::App(AppError::Conflict(conflict::CLOSED)));
    }
    throttle_room(state, token, known, ip).await?;
    let v = essaim_domain::collecte::validate_item(input, state.territories)
        .map_err(Failure::Invalid)?;
    state
        .store
        .add_item(
            c.id,
            &NewItem {
                id: Uuid::now_v7(),
                fields: fields_of(v),
                phone_hash: Some(phone_hash(token)),
                submitted_by: person.map(|p| p.id),
                at: utc_now(),
            },
        )
        .await
        .map_err(store_failure)
}

/// Rewrites an item: from its phone (`token`, throttled like a submission) or by the
/// facilitator (None).
pub async fn edit(
    state: &AppState,
    item: &Item,
    input: &ItemInput,
    token: Option<(&str, &str)>,
) -> Result<Item, Failure> {
    if let Some((token, ip)) = token {
        // Only a phone that brought its token reaches its own item.
        throttle_room(state, token, true, ip).await?;
    }
    let v = essaim_domain::collecte::validate_item(input, state.territories)
        .map_err(Failure::Invalid)?;
    let hash = token.map(|(t, _)| phone_hash(t));
    state
        .store
        .edit_item(item.id, &fields_of(v), hash.as_deref(), utc_now())
        .await
        .map_err(store_failure)
}

/// The form's values of an item.
pub fn input_of(item: &Item) -> ItemInput {
    ItemInput {
        name: item.name.clone(),
        commune: item.commune.clone(),
        what: item.what.clone(),
        carrier: item.carrier.clone(),
        contact: item.contact.clone().unwrap_or_default(),
        consent: item.contact.is_some(),
    }
}

/// Turns an active item into a draft initiative of the facilitator's (title: the name;
/// summary: what it does, or the name; description: what it does and who carries it;
/// territory: the commune; stage: idea) and records the link. The contact given in the room
/// stays with the item, out of the initiative. Refusals: `Invalid` when the item cannot make
/// an initiative as it is (a name under 3 characters, say: edit it first),
/// `Conflict(NOT_ACTIVE)`. Recorded in the audit log.
pub async fn convert(
    state: &AppState,
    locale: Locale,
    event: &EventRow,
    item: &Item,
    (person, ip): (&Person, &str),
) -> Result<Uuid, Failure> {
    if !item.is_active() {
        return Err(Failure::App(AppError::Conflict(conflict::NOT_ACTIVE)));
    }
    let summary = if item.what.trim().is_empty() {
        item.name.clone()
    } else {
        item.what.chars().take(280).collect()
    };
    let mut description = item.what.trim().to_owned();
    if !item.carrier.trim().is_empty() {
        description = format!(
            "{description}\n\n{} {}",
            state.i18n.t(locale, "collecte-carried-by"),
            item.carrier.trim()
        );
    }
    let input = InitiativeInput {
        title: item.name.clone(),
        summary,
        description: description.trim().to_owned(),
        territories: item.commune.clone(),
        stage: "idee".into(),
        ..Default::default()
    };
    let content = input
        .validate(state.territories, &[])
        .map_err(Failure::Invalid)?;
    let note = RevisionNote {
        author_id: person.id,
        message: state.i18n.message(
            locale,
            "collecte-revision-note",
            &[("event", event.title.clone())],
        ),
        at: utc_now(),
    };
    let i = state
        .store
        .create_initiative(Uuid::now_v7(), &content, Status::Draft, None, note)
        .await?;
    match state.store.link_initiative(item.id, i.id, utc_now()).await {
        Ok(_) => {
            // Ids only: the log is never erased, and an item's text may name people.
            crate::audit::record(
                state,
                Some(person.id),
                "collecte_item_converted",
                format!("collecte_item:{}", item.id),
                Some(ip),
                format!("initiative:{} event:{}", i.id, event.id),
            )
            .await?;
            Ok(i.id)
        }
        Err(e) => {
            // Another request converted the item first: this draft is a stray; archive it
            // rather than leave two drafts for one item.
            state
                .store
                .set_initiative_status(i.id, Status::Archived, utc_now())
                .await?;
            Err(store_failure(e))
        }
    }
}

/// Merges duplicates into the item kept (all of this collection).
pub async fn merge(
    state: &AppState,
    c: &Collecte,
    keep: Uuid,
    duplicates: &[Uuid],
) -> Result<Vec<Item>, AppError> {
    item_of(state, c, keep).await?;
    for d in duplicates {
        item_of(state, c, *d).await?;
    }
    match state.store.merge_items(keep, duplicates, utc_now()).await {
        Err(StoreError::Conflict(code)) => Err(AppError::Conflict(code)),
        r => Ok(r?),
    }
}

pub async fn discard(state: &AppState, item: &Item) -> Result<Item, AppError> {
    match state.store.discard_item(item.id, utc_now()).await {
        Err(StoreError::Conflict(code)) => Err(AppError::Conflict(code)),
        r => Ok(r?),
    }
}

/// Closes the collection for good (its code expires); recorded in the audit log.
pub async fn close(
    state: &AppState,
    c: &Collecte,
    person: &Person,
    ip: &str,
) -> Result<Collecte, AppError> {
    let closed = match state.store.close_collecte(c.id, utc_now()).await {
        Err(StoreError::Conflict(code)) => return Err(AppError::Conflict(code)),
        r => r?,
    };
    crate::audit::record(
        state,
        Some(person.id),
        "collecte_closed",
        format!("collecte:{}", c.id),
        Some(ip),
        format!("event:{} items:{}", c.event_id, closed.items),
    )
    .await?;
    Ok(closed)
}

/// The public join URL of a code (what the QR code holds).
pub fn join_url(state: &AppState, code: &str) -> String {
    format!("{}/c/{code}", state.config.base_url.trim_end_matches('/'))
}

/// The QR code of the join URL, as inline SVG (no XML declaration), with its text
/// alternative; empty if the URL cannot be encoded (it always can: a short URL).
pub fn qr_svg(url: &str, label: &str) -> String {
    use qrcode::render::svg;
    let Ok(code) = qrcode::QrCode::with_error_correction_level(url.as_bytes(), qrcode::EcLevel::M)
    else {
        return String::new();
    };
    let svg = code
        .render::<svg::Color>()
        .min_dimensions(240, 240)
        .quiet_zone(true)
        .build();
    let svg = match svg.find("<svg") {
        Some(i) => &svg[i..],
        None => return String::new(),
    };
    let label = label
        .replace('&', "&amp;")
        .replace('"', "&quot;")
        .replace('<', "&lt;");
    svg.replacen(
        "<svg ",
        &format!("<svg role=\"img\" aria-label=\"{label}\" class=\"collecte-qr\" "),
        1,
    )
}
