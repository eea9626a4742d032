//! Pages of events (*événements*): the list (upcoming or past, by kind and territory), an
//! event with its registration button, creating and editing one, cancelling it, the attendee
//! list and its CSV for organisers, and the feeds: an iCalendar file per event
//! (`/evenements/{id}.ics`), an iCalendar feed per territory
//! (`/evenements/territoire/{reference}.ics`, a département or a région, e.g.
//! `departement:29.ics`) and an Atom feed of upcoming events (`/evenements.atom`). The rules
//! are in `crate::events`.

use crate::auth::User;
use crate::error::AppError;
use crate::events::{self as rules, EditFailure};
use crate::pages::{names, see_other, PageCtx};
use crate::state::AppState;
use axum::extract::{Path, Query, State};
use axum::http::{header, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use axum::{Form, Router};
use essaim_domain::deliberation::conversation::{datetime_local, to_paris};
use essaim_domain::events::{EventInput, Kind};
use essaim_domain::invalid::{FieldErrors, Invalid};
use essaim_domain::territory::{TerritoryLevel, TerritoryRef};
use essaim_domain::territory_pick::pick;
use essaim_store::events::{EventFilter, EventRow};
use essaim_store::utc_now;
use minijinja::{context, Value};
use serde::{Deserialize, Serialize};
use uuid::Uuid;

/// Events in a list or a feed.
const LIST_LIMIT: i64 = 200;

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/evenements", get(list).post(create))
        .route("/evenements.atom", get(atom_feed))
        .route("/evenements/nouveau", get(new_form))
        .route("/evenements/territoire/{reference}", get(territory_feed))
        .route("/evenements/{id}", get(show))
        .route("/evenements/{id}/modifier", get(edit_form).post(edit))
        .route("/evenements/{id}/annulation", post(cancel))
        .route("/evenements/{id}/inscription", post(register))
        .route("/evenements/{id}/desinscription", post(unregister))
        .route("/evenements/{id}/participants", get(attendees))
        .route("/evenements/{id}/participants.csv", get(attendees_csv))
}

/// An event as templates show it.
pub fn event_view(state: &AppState, e: &EventRow) -> Value {
    let now = utc_now();
    context! {
        id => e.id.to_string(),
        kind => e.kind,
        title => e.title,
        start => rules::paris_time(e.starts_at),
        end => rules::paris_time(e.ends_at),
        day => to_paris(e.starts_at).format("%Y-%m-%d").to_string(),
        iso_start => e.starts_at.to_rfc3339(),
        iso_end => e.ends_at.to_rfc3339(),
        address => e.address,
        commune => (!e.commune.is_empty()).then(|| names::territory_name(state, &e.commune)),
        online_url => e.online_url,
        capacity => e.capacity,
        confirmed => e.confirmed,
        waiting => e.waiting,
        places_left => e.places_left(),
        registration_open => e.registration_open,
        cancelled => e.is_cancelled(),
        past => e.ends_at < now,
        started => e.starts_at <= now,
    }
}

#[derive(Deserialize, Default)]
pub struct ListQuery {
    /// "passes" for past events; upcoming otherwise.
    #[serde(default)]
    quand: String,
    #[serde(default, rename = "type")]
    kind: String,
    /// A département or région reference ("departement:29"), or empty.
    #[serde(default)]
    territoire: String,
}

/// The département or région a filter names, as (departement, region).
fn territory_filter(state: &AppState, reference: &str) -> Option<(Option<String>, Option<String>)> {
    let r = TerritoryRef::parse(reference).ok()?;
    state.territories.get(&r)?;
    match r.level {
        TerritoryLevel::Departement => Some((Some(r.code), None)),
        TerritoryLevel::Region => Some((None, Some(r.code))),
        _ => None,
    }
}

async fn list(
    ctx: PageCtx,
    State(state): State<AppState>,
    Query(q): Query<ListQuery>,
) -> Result<Response, AppError> {
    let now = utc_now();
    let past = q.quand == "passes";
    let kind = Kind::parse(&q.kind).map(|k| k.as_str().to_owned());
    let (departement, region) = territory_filter(&state, &q.territoire).unwrap_or((None, None));
    let territory = if departement.is_some() || region.is_some() {
        q.territoire.trim().to_owned()
    } else {
        String::new()
    };
    let events = state
        .store
        .list_events(&EventFilter {
            upcoming_at: (!past).then_some(now),
            past_at: past.then_some(now),
            kind: kind.clone(),
            departement,
            region,
            published_only: false,
            limit: LIST_LIMIT,
        })
        .await?;
    let items: Vec<Value> = events.iter().map(|e| event_view(&state, e)).collect();
    let kinds: Vec<&str> = Kind::ALL.iter().map(|k| k.as_str()).collect();
    let can_create = match ctx.user.as_ref() {
        Some(u) => !rules::organiser_choices(&state, &u.person)
            .await?
            .is_empty(),
        None => false,
    };
    let territory_name = (!territory.is_empty()).then(|| names::territory_name(&state, &territory));
    Ok(ctx.render(
        &state,
        "evenements/list.html",
        context! {
            items, past, kinds,
            kind => kind.unwrap_or_default(),
            territory, territory_name, can_create,
        },
    ))
}

/// The event form's fields, as typed.
#[derive(Deserialize, Serialize, Default, Clone)]
pub struct EventForm {
    #[serde(default)]
    kind: String,
    #[serde(default)]
    title: String,
    #[serde(default)]
    description: String,
    #[serde(default)]
    starts_at: String,
    #[serde(default)]
    ends_at: String,
    #[serde(default)]
    address: String,
    #[serde(default)]
    commune: String,
    #[serde(default)]
    online_url: String,
    #[serde(default)]
    capacity: String,
    /// A checkbox: "on" when ticked, absent otherwise.
    #[serde(default)]
    registration_open: Option<String>,
    /// The organiser structures ticked (creation only): repeated `organiser` fields, read by
    /// [`EventForm::read`].
    #[serde(skip_deserializing)]
    organisers: Vec<String>,
}

impl EventForm {
    /// The creation form, whose organiser checkboxes repeat one field name.
    fn read(pairs: Vec<(String, String)>) -> EventForm {
        let mut form = EventForm::default();
        for (k, v) in pairs {
            let slot = match k.as_str() {
                "kind" => &mut form.kind,
                "title" => &mut form.title,
                "description" => &mut form.description,
                "starts_at" => &mut form.starts_at,
                "ends_at" => &mut form.ends_at,
                "address" => &mut form.address,
                "commune" => &mut form.commune,
                "online_url" => &mut form.online_url,
                "capacity" => &mut form.capacity,
                "registration_open" => {
                    form.registration_open = Some(v);
                    continue;
                }
                "organiser" => {
                    form.organisers.push(v);
                    continue;
                }
                _ => continue,
            };
            *slot = v;
        }
        form
    }

    fn input(&self) -> EventInput {
        EventInput {
            kind: self.kind.clone(),
            title: self.title.clone(),
            description: self.description.clone(),
            starts_at: self.starts_at.clone(),
            ends_at: self.ends_at.clone(),
            address: self.address.clone(),
            commune: self.commune.clone(),
            online_url: self.online_url.clone(),
            capacity: self.capacity.clone(),
            registration_open: self.registration_open.is_some(),
        }
    }

    fn of(e: &EventRow) -> EventForm {
        EventForm {
            kind: e.kind.clone(),
            title: e.title.clone(),
            description: e.description.clone(),
            starts_at: datetime_local(e.starts_at),
            ends_at: datetime_local(e.ends_at),
            address: e.address.clone(),
            commune: e.commune.clone(),
            online_url: e.online_url.clone().unwrap_or_default(),
            capacity: e.capacity.map(|c| c.to_string()).unwrap_or_default(),
            registration_open: e.registration_open.then(|| "on".to_owned()),
            organisers: Vec::new(),
        }
    }

    /// Resolves a commune typed by name; returns the candidates when it names none or several.
    fn resolve_commune(&mut self, state: &AppState) -> Vec<Value> {
        if self.commune.trim().is_empty() {
            return vec![];
        }
        match pick(state.territories, &self.commune) {
            Ok(t) if t.level == TerritoryLevel::Commune => {
                self.commune = t.reference().to_string();
                vec![]
            }
            Ok(_) => vec![],
            Err(candidates) => candidates
                .iter()
                .filter(|t| t.level == TerritoryLevel::Commune)
                .map(|t| context! { reference => t.reference().to_string(), name => t.name })
                .collect(),
        }
    }
}

/// The form (new when `event` is None), with the values typed and the errors.
async fn form_page(
    ctx: &PageCtx,
    state: &AppState,
    event: Option<&EventRow>,
    values: &EventForm,
    errors: Option<&FieldErrors>,
    suggestions: Vec<Value>,
) -> Result<Response, AppError> {
    let kinds: Vec<(String, String)> = Kind::ALL
        .iter()
        .map(|k| {
            (
                k.as_str().to_owned(),
                ctx.t(state, &format!("events-kind-{}", k.as_str())),
            )
        })
        .collect();
    let organisers: Vec<(String, String)> = match ctx.user.as_ref() {
        Some(u) if event.is_none() => rules::organiser_choices(state, &u.person)
            .await?
            .into_iter()
            .map(|(id, name)| (id.to_string(), name))
            .collect(),
        _ => vec![],
    };
    let page = context! {
        event => event.map(|e| event_view(state, e)),
        values, kinds, organisers, suggestions,
    };
    Ok(match errors {
        Some(e) => ctx.render_invalid(state, "evenements/form.html", e, page),
        None => ctx.render(state, "evenements/form.html", page),
    })
}

async fn new_form(
    ctx: PageCtx,
    State(state): State<AppState>,
    user: User,
) -> Result<Response, AppError> {
    let person = user.confirmed()?;
    let choices = rules::organiser_choices(&state, person).await?;
    let values = EventForm {
        kind: "meetup".into(),
        registration_open: Some("on".into()),
        // Ticked in advance when there is no choice to make.
        organisers: match choices.as_slice() {
            [(only, _)] => vec![only.to_string()],
            _ => vec![],
        },
        ..EventForm::default()
    };
    form_page(&ctx, &state, None, &values, None, vec![]).await
}

async fn create(
    ctx: PageCtx,
    State(state): State<AppState>,
    user: User,
    Form(pairs): Form<Vec<(String, String)>>,
) -> Result<Response, AppError> {
    let person = user.confirmed()?;
    let mut form = EventForm::read(pairs);
    let suggestions = form.resolve_commune(&state);
    let Ok(organisers) = form
        .organisers
        .iter()
        .map(|s| s.trim().parse::<Uuid>())
        .collect::<Result<Vec<Uuid>, _>>()
    else {
        let mut e = FieldErrors::new();
        e.add("organiser", Invalid::new("events_organiser_not_manager"));
        return form_page(&ctx, &state, None, &form, Some(&e), suggestions).await;
    };
    match rules::create(&state, person, &form.input(), &organisers).await {
        Ok(e) => Ok(see_other(&format!("/evenements/{}", e.id))),
        Err(EditFailure::Invalid(errors)) => {
            form_page(&ctx, &state, None, &form, Some(&errors), suggestions).await
        }
        Err(EditFailure::App(e)) => Err(e),
    }
}

/// `/evenements/{id}` is the page; `/evenements/{id}.ics` its iCalendar file.
async fn show(
    ctx: PageCtx,
    State(state): State<AppState>,
    Path(id): Path<String>,
) -> Result<Response, AppError> {
    if let Some(id) = id.strip_suffix(".ics") {
        let id: Uuid = id.parse().map_err(|_| AppError::NotFound)?;
        let e = rules::find(&state, id).await?;
        return Ok(ics_response(
            rules::ics(&state, &e.title, std::slice::from_ref(&e)),
            &format!("evenement-{}.ics", e.id),
        ));
    }
    let id: Uuid = id.parse().map_err(|_| AppError::NotFound)?;
    show_page(&ctx, &state, id, None).await
}

/// The event's page; `refusal` a message about the registration just refused (409).
async fn show_page(
    ctx: &PageCtx,
    state: &AppState,
    id: Uuid,
    refusal: Option<&str>,
) -> Result<Response, AppError> {
    let e = rules::find(state, id).await?;
    let person = ctx.user.as_ref().map(|u| &u.person);
    let (registration, manager) = match person {
        Some(p) => (
            state
                .store
                .registration_of(e.id, p.id)
                .await?
                .filter(|r| r.status != "cancelled")
                .map(|r| r.status),
            rules::can_manage(state, &e, p).await?,
        ),
        None => (None, false),
    };
    // The position on the waiting list, for the person waiting.
    let position = match (person, registration.as_deref()) {
        (Some(p), Some("waiting")) => state
            .store
            .registrations(e.id)
            .await?
            .iter()
            .filter(|r| r.status == "waiting")
            .position(|r| r.person_id == p.id)
            .map(|i| i + 1),
        _ => None,
    };
    let organisers: Vec<Value> = state
        .store
        .event_organisers(e.id)
        .await?
        .into_iter()
        .map(|(id, name)| context! { id => id.to_string(), name })
        .collect();
    // A World Café's published synthesis is public: the event page leads to it.
    let cafe_published = e.kind == "world_cafe"
        && state
            .store
            .cafe(e.id)
            .await?
            .is_some_and(|c| c.row.published_at.is_some());
    let page = ctx.render(
        state,
        "evenements/show.html",
        context! {
            e => event_view(state, &e),
            description_html => essaim_domain::markdown::render(&e.description),
            organisers, registration, position, manager, cafe_published,
            refusal => refusal.map(|code| ctx.t(state, code)),
        },
    );
    Ok(match refusal {
        Some(_) => (StatusCode::CONFLICT, page).into_response(),
        None => page,
    })
}

async fn edit_form(
    ctx: PageCtx,
    State(state): State<AppState>,
    user: User,
    Path(id): Path<Uuid>,
) -> Result<Response, AppError> {
    let person = user.confirmed()?;
    let e = rules::managed(&state, id, person).await?;
    form_page(&ctx, &state, Some(&e), &EventForm::of(&e), None, vec![]).await
}

async fn edit(
    ctx: PageCtx,
    State(state): State<AppState>,
    user: User,
    Path(id): Path<Uuid>,
    Form(mut form): Form<EventForm>,
) -> Result<Response, AppError> {
    let person = user.confirmed()?;
    let e = rules::managed(&state, id, person).await?;
    let suggestions = form.resolve_commune(&state);
    match rules::update(&state, &e, &form.input()).await {
        Ok(e) => Ok(see_other(&format!("/evenements/{}", e.id))),
        Err(EditFailure::Invalid(errors)) => {
            form_page(&ctx, &state, Some(&e), &form, Some(&errors), suggestions).await
        }
        Err(EditFailure::App(e)) => Err(e),
    }
}

async fn cancel(
    State(state): State<AppState>,
    user: User,
    Path(id): Path<Uuid>,
) -> Result<Response, AppError> {
    let person = user.confirmed()?;
    let e = rules::managed(&state, id, person).await?;
    rules::cancel(&state, &e).await?;
    Ok(see_other(&format!("/evenements/{id}")))
}

async fn register(
    ctx: PageCtx,
    State(state): State<AppState>,
    user: User,
    Path(id): Path<Uuid>,
) -> Result<Response, AppError> {
    let person = user.confirmed()?;
    let e = rules::find(&state, id).await?;
    match rules::register(&state, &e, person).await {
        Ok(_) => Ok(see_other(&format!("/evenements/{id}"))),
        Err(AppError::Conflict(code)) => show_page(&ctx, &state, id, Some(code)).await,
        Err(e) => crate::groups::explain_throttle(e, "events-registration-throttled"),
    }
}

async fn unregister(
    ctx: PageCtx,
    State(state): State<AppState>,
    user: User,
    Path(id): Path<Uuid>,
) -> Result<Response, AppError> {
    let person = user.confirmed()?;
    let e = rules::find(&state, id).await?;
    match rules::unregister(&state, &e, person).await {
        Ok(()) => Ok(see_other(&format!("/evenements/{id}"))),
        Err(AppError::Conflict(code)) => show_page(&ctx, &state, id, Some(code)).await,
        Err(e) => crate::groups::explain_throttle(e, "events-registration-throttled"),
    }
}

async fn attendees(
    ctx: PageCtx,
    State(state): State<AppState>,
    user: User,
    Path(id): Path<Uuid>,
) -> Result<Response, AppError> {
    let person = user.confirmed()?;
    let e = rules::managed(&state, id, person).await?;
    let regs = state.store.registrations(e.id).await?;
    let view = |status: &str| -> Vec<Value> {
        regs.iter()
            .filter(|r| r.status == status)
            .map(|r| {
                context! {
                    name => r.person_name,
                    email => r.email,
                    at => rules::paris_time(r.registered_at),
                    iso => r.registered_at.to_rfc3339(),
                }
            })
            .collect()
    };
    Ok(ctx.render(
        &state,
        "evenements/attendees.html",
        context! {
            e => event_view(&state, &e),
            confirmed => view("confirmed"),
            waiting => view("waiting"),
        },
    ))
}

async fn attendees_csv(
    State(state): State<AppState>,
    user: User,
    Path(id): Path<Uuid>,
) -> Result<Response, AppError> {
    let person = user.confirmed()?;
    let e = rules::managed(&state, id, person).await?;
    let regs = state.store.registrations(e.id).await?;
    Ok((
        [
            (header::CONTENT_TYPE, "text/csv; charset=utf-8".to_owned()),
            (
                header::CONTENT_DISPOSITION,
                format!("attachment; filename=\"participants-{}.csv\"", e.id),
            ),
            (header::CACHE_CONTROL, "no-store".to_owned()),
        ],
        rules::attendees_csv(&regs),
    )
        .into_response())
}

fn ics_response(body: String, filename: &str) -> Response {
    (
        [
            (
                header::CONTENT_TYPE,
                "text/calendar; charset=utf-8".to_owned(),
            ),
            (
                header::CONTENT_DISPOSITION,
                format!("inline; filename=\"{filename}\""),
            ),
        ],
        body,
    )
        .into_response()
}

/// `/evenements/territoire/departement:29.ics`: upcoming events of a département or région
/// (cancelled ones included, so that subscribed calendars learn of the cancellation).
async fn territory_feed(
    ctx: PageCtx,
    State(state): State<AppState>,
    Path(reference): Path<String>,
) -> Result<Response, AppError> {
    let reference = reference.strip_suffix(".ics").ok_or(AppError::NotFound)?;
    let (departement, region) = territory_filter(&state, reference).ok_or(AppError::NotFound)?;
    let events = state
        .store
        .list_events(&EventFilter {
            upcoming_at: Some(utc_now()),
            departement,
            region,
            limit: LIST_LIMIT,
            ..EventFilter::default()
        })
        .await?;
    let name = format!(
        "{} — {}",
        ctx.t(&state, "events-title"),
        names::territory_name(&state, reference)
    );
    Ok(ics_response(
        rules::ics(&state, &name, &events),
        &format!("evenements-{}.ics", reference.replace(':', "-")),
    ))
}

async fn atom_feed(ctx: PageCtx, State(state): State<AppState>) -> Result<Response, AppError> {
    let events = state
        .store
        .list_events(&EventFilter {
            upcoming_at: Some(utc_now()),
            published_only: true,
            limit: LIST_LIMIT,
            ..EventFilter::default()
        })
        .await?;
    let title = ctx.t(&state, "events-feed-title");
    Ok((
        [(header::CONTENT_TYPE, "application/atom+xml; charset=utf-8")],
        rules::atom(&state, &title, &events),
    )
        .into_response())
}
