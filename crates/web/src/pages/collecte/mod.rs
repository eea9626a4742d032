//! Pages of a collecte (round-table collection). For the facilitator (who manages the event):
//! the room screen `/evenements/{id}/collecte` (code, QR code, count, items as they arrive,
//! live through server-sent events at `…/collecte/flux`, and complete on a plain reload),
//! opening and closing, editing, merging, discarding an item and turning it into a draft
//! initiative. For the room, without an account: `/c` (type a code), `/c/{code}` (the form
//! and this phone's items), `/c/{code}/{item}` (editing one's item while open). The rules are
//! in `crate::collecte`.

use crate::auth::{ClientIp, MaybeUser, User};
use crate::collecte::{self as rules, Failure};
use crate::error::AppError;
use crate::pages::{names, render_page, see_other, PageCtx};
use crate::state::AppState;
use axum::extract::{Path, Query, State};
use axum::http::{header, HeaderMap, StatusCode};
use axum::response::sse::{Event, KeepAlive, Sse};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use axum::{Form, Router};
use essaim_domain::collecte::{normalise_code, ItemInput};
use essaim_domain::invalid::FieldErrors;
use essaim_domain::territory::TerritoryLevel;
use essaim_domain::territory_pick::pick;
use essaim_store::collecte::{Collecte, Item};
use essaim_store::events::EventRow;
use futures::stream::{self, Stream, StreamExt};
use minijinja::{context, Value};
use serde::{Deserialize, Serialize};
use std::convert::Infallible;
use uuid::Uuid;

pub const JS_PATH: &str = concat!("/static/", env!("CARGO_PKG_VERSION"), "/collecte.js");

/// How often the room screen's stream asks the store for changes.
const POLL_EVERY: std::time::Duration = std::time::Duration::from_secs(2);
/// A stream ends after this long; the browser reconnects with the last revision it had.
const STREAM_FOR: std::time::Duration = std::time::Duration::from_secs(30 * 60);

pub fn router() -> Router<AppState> {
    Router::new()
        .route(JS_PATH, get(js))
        .route("/evenements/{id}/collecte", get(room).post(open))
        .route("/evenements/{id}/collecte/flux", get(stream_changes))
        .route("/evenements/{id}/collecte/cloture", post(close))
        .route("/evenements/{id}/collecte/fusion", post(merge))
        .route(
            "/evenements/{id}/collecte/elements/{item}",
            get(item_form).post(item_edit),
        )
        .route(
            "/evenements/{id}/collecte/elements/{item}/ecart",
            post(discard),
        )
        .route(
            "/evenements/{id}/collecte/elements/{item}/initiative",
            post(convert),
        )
        .route("/c", get(enter))
        .route("/c/{code}", get(join).post(submit))
        .route("/c/{code}/{item}", get(own_form).post(own_edit))
}

async fn js() -> impl IntoResponse {
    (
        [
            (header::CONTENT_TYPE, "text/javascript; charset=utf-8"),
            (header::CACHE_CONTROL, "public, max-age=31536000, immutable"),
        ],
        include_str!("../../../static/collecte.js"),
    )
}

fn item_view(state: &AppState, i: &Item, numbers: &[(Uuid, i64)]) -> Value {
    context! {
        id => i.id.to_string(),
        number => i.number,
        name => i.name,
        commune => names::territory_name(state, &i.commune),
        what => i.what,
        carrier => i.carrier,
        has_contact => i.contact.is_some(),
        status => i.status,
        merged_into => i.merged_into.and_then(|m| numbers.iter().find(|(id, _)| *id == m).map(|(_, n)| *n)),
        initiative_id => i.initiative_id.map(|x| x.to_string()),
        revision => i.revision,
    }
}

fn collecte_view(state: &AppState, ctx: &PageCtx, c: &Collecte) -> Value {
    let url = rules::join_url(state, &c.code);
    context! {
        id => c.id.to_string(),
        code => c.code,
        code_spelled => c.code.chars().map(String::from).collect::<Vec<_>>().join(" "),
        open => c.is_open(),
        items => c.items,
        revision => c.revision,
        join_url => url,
        qr => rules::qr_svg(&url, &ctx.t(state, "collecte-qr-label")),
        opened_at => crate::events::paris_time(c.opened_at),
        closed_at => c.closed_at.map(crate::events::paris_time),
    }
}

fn event_view(e: &EventRow) -> Value {
    context! { id => e.id.to_string(), title => e.title }
}

/// The room screen (or, before the collection is opened, the button that opens it).
async fn room(
    ctx: PageCtx,
    State(state): State<AppState>,
    user: User,
    Path(id): Path<Uuid>,
) -> Result<Response, AppError> {
    let person = user.person();
    let e = rules::managed_event(&state, id, person).await?;
    room_page(&ctx, &state, &e, None, StatusCode::OK).await
}

async fn room_page(
    ctx: &PageCtx,
    state: &AppState,
    e: &EventRow,
    refusal: Option<String>,
    status: StatusCode,
) -> Result<Response, AppError> {
    let c = state.store.collecte_of_event(e.id).await?;
    let (collecte, items) = match &c {
        Some(c) => {
            let items = state.store.items(c.id).await?;
            let numbers: Vec<(Uuid, i64)> = items.iter().map(|i| (i.id, i.number)).collect();
            let views: Vec<Value> = items
                .iter()
                .map(|i| item_view(state, i, &numbers))
                .collect();
            (Some(collecte_view(state, ctx, c)), views)
        }
        None => (None, vec![]),
    };
    Ok((
        status,
        ctx.render(
            state,
            "collecte/room.html",
            context! { event => event_view(e), collecte, items, refusal, collecte_js => JS_PATH },
        ),
    )
        .into_response())
}

/// A refusal (409) shown on the room screen.
async fn refused(
    ctx: &PageCtx,
    state: &AppState,
    e: &EventRow,
    err: AppError,
) -> Result<Response, AppError> {
    match err {
        AppError::Conflict(code) => {
            room_page(
                ctx,
                state,
                e,
                Some(ctx.t(state, code)),
                StatusCode::CONFLICT,
            )
            .await
        }
        e => Err(e),
    }
}

async fn open(
    ctx: PageCtx,
    State(state): State<AppState>,
    user: User,
    Path(id): Path<Uuid>,
) -> Result<Response, AppError> {
    let person = user.confirmed()?;
    let e = rules::managed_event(&state, id, person).await?;
    match rules::open(&state, &e, person).await {
        Ok(_) => Ok(see_other(&format!("/evenements/{id}/collecte"))),
        Err(err) => refused(&ctx, &state, &e, err).await,
    }
}

async fn close(
    ctx: PageCtx,
    State(state): State<AppState>,
    user: User,
    ClientIp(ip): ClientIp,
    Path(id): Path<Uuid>,
) -> Result<Response, AppError> {
    let (e, c) = rules::managed(&state, id, user.person()).await?;
    match rules::close(&state, &c, user.person(), &ip).await {
        Ok(_) => Ok(see_other(&format!("/evenements/{id}/collecte"))),
        Err(err) => refused(&ctx, &state, &e, err).await,
    }
}

#[derive(Deserialize)]
pub struct MergeForm {
    /// The item kept.
    keep: Uuid,
    /// The number of its duplicate, as shown on the screen.
    #[serde(default)]
    duplicate: String,
}

async fn merge(
    ctx: PageCtx,
    State(state): State<AppState>,
    user: User,
    Path(id): Path<Uuid>,
    Form(form): Form<MergeForm>,
) -> Result<Response, AppError> {
    let (e, c) = rules::managed(&state, id, user.person()).await?;
    let number: Option<i64> = form.duplicate.trim().trim_start_matches('#').parse().ok();
    let items = state.store.items(c.id).await?;
    let Some(duplicate) = items.iter().find(|i| Some(i.number) == number) else {
        return room_page(
            &ctx,
            &state,
            &e,
            Some(ctx.t(&state, "collecte-merge-unknown-number")),
            StatusCode::UNPROCESSABLE_ENTITY,
        )
        .await;
    };
    match rules::merge(&state, &c, form.keep, &[duplicate.id]).await {
        Ok(_) => Ok(see_other(&format!(
            "/evenements/{id}/collecte#item-{}",
            form.keep
        ))),
        Err(err) => refused(&ctx, &state, &e, err).await,
    }
}

async fn discard(
    ctx: PageCtx,
    State(state): State<AppState>,
    user: User,
    Path((id, item)): Path<(Uuid, Uuid)>,
) -> Result<Response, AppError> {
    let (e, c) = rules::managed(&state, id, user.person()).await?;
    let item = rules::item_of(&state, &c, item).await?;
    match rules::discard(&state, &item).await {
        Ok(_) => Ok(see_other(&format!("/evenements/{id}/collecte"))),
        Err(err) => refused(&ctx, &state, &e, err).await,
    }
}

async fn convert(
    ctx: PageCtx,
    State(state): State<AppState>,
    user: User,
    ClientIp(ip): ClientIp,
    Path((id, item)): Path<(Uuid, Uuid)>,
) -> Result<Response, AppError> {
    let person = user.confirmed()?;
    let (e, c) = rules::managed(&state, id, person).await?;
    let item = rules::item_of(&state, &c, item).await?;
    match rules::convert(&state, ctx.locale, &e, &item, (person, &ip)).await {
        Ok(initiative) => Ok(see_other(&format!("/initiatives/{initiative}"))),
        Err(Failure::Invalid(errors)) => {
            // The item cannot make an initiative as it is: the facilitator edits it first.
            let messages: Vec<String> = errors
                .0
                .iter()
                .map(|(_, invalid)| ctx.t(&state, invalid.code))
                .collect();
            let text = format!(
                "{} {}",
                ctx.t(&state, "collecte-convert-invalid"),
                messages.join(" ")
            );
            room_page(
                &ctx,
                &state,
                &e,
                Some(text),
                StatusCode::UNPROCESSABLE_ENTITY,
            )
            .await
        }
        Err(Failure::App(err)) => refused(&ctx, &state, &e, err).await,
    }
}

/// What the commune field shows for a stored reference: the name when it designates that
/// commune alone, else the reference itself ("Saint-Denis" names two communes), so that the
/// form saved unchanged names the same commune.
fn commune_text(state: &AppState, reference: &str) -> String {
    let name = names::territory_name(state, reference);
    match pick(state.territories, &name) {
        Ok(t) if t.reference().to_string() == reference => name,
        _ => reference.to_owned(),
    }
}

/// The item form's fields, as typed.
#[derive(Deserialize, Serialize, Default, Clone)]
pub struct ItemForm {
    #[serde(default)]
    name: String,
    #[serde(default)]
    commune: String,
    #[serde(default)]
    what: String,
    #[serde(default)]
    carrier: String,
    #[serde(default)]
    contact: String,
    /// A checkbox: "on" when ticked.
    #[serde(default)]
    consent: Option<String>,
}

impl ItemForm {
    fn of(i: &Item, state: &AppState) -> ItemForm {
        ItemForm {
            name: i.name.clone(),
            commune: commune_text(state, &i.commune),
            what: i.what.clone(),
            carrier: i.carrier.clone(),
            contact: i.contact.clone().unwrap_or_default(),
            consent: i.contact.as_ref().map(|_| "on".to_owned()),
        }
    }

    /// The input, with the commune resolved from what was typed (a name, a postcode-free
    /// name with its département, or a reference); the candidates when it names several.
    fn input(&self, state: &AppState) -> (ItemInput, Vec<Value>) {
        let typed = self.commune.trim();
        let (commune, suggestions) = if typed.is_empty() {
            (String::new(), vec![])
        } else {
            match pick(state.territories, typed) {
                Ok(t) if t.level == TerritoryLevel::Commune => (t.reference().to_string(), vec![]),
                Ok(_) => ("unknown".to_owned(), vec![]),
                Err(candidates) => (
                    "unknown".to_owned(),
                    candidates
                        .iter()
                        .filter(|t| t.level == TerritoryLevel::Commune)
                        .take(10)
                        .map(
                            |t| context! { reference => t.reference().to_string(), name => t.name },
                        )
                        .collect(),
                ),
            }
        };
        (
            ItemInput {
                name: self.name.clone(),
                commune,
                what: self.what.clone(),
                carrier: self.carrier.clone(),
                contact: self.contact.clone(),
                consent: self.consent.is_some(),
            },
            suggestions,
        )
    }
}

async fn item_form(
    ctx: PageCtx,
    State(state): State<AppState>,
    user: User,
    Path((id, item)): Path<(Uuid, Uuid)>,
) -> Result<Response, AppError> {
    let (e, c) = rules::managed(&state, id, user.person()).await?;
    let item = rules::item_of(&state, &c, item).await?;
    let values = ItemForm::of(&item, &state);
    item_page(&ctx, &state, &e, &item, &values, None, vec![]).await
}

async fn item_page(
    ctx: &PageCtx,
    state: &AppState,
    e: &EventRow,
    item: &Item,
    values: &ItemForm,
    errors: Option<&FieldErrors>,
    suggestions: Vec<Value>,
) -> Result<Response, AppError> {
    let page = context! {
        event => event_view(e),
        item => item_view(state, item, &[]),
        contact => item.contact,
        values, suggestions,
        action => format!("/evenements/{}/collecte/elements/{}", e.id, item.id),
        back => format!("/evenements/{}/collecte", e.id),
    };
    Ok(match errors {
        Some(errs) => ctx.render_invalid(state, "collecte/item.html", errs, page),
        None => ctx.render(state, "collecte/item.html", page),
    })
}

async fn item_edit(
    ctx: PageCtx,
    State(state): State<AppState>,
    user: User,
    Path((id, item)): Path<(Uuid, Uuid)>,
    Form(form): Form<ItemForm>,
) -> Result<Response, AppError> {
    let (e, c) = rules::managed(&state, id, user.person()).await?;
    let item = rules::item_of(&state, &c, item).await?;
    let (input, suggestions) = form.input(&state);
    match rules::edit(&state, &item, &input, None).await {
        Ok(_) => Ok(see_other(&format!(
            "/evenements/{id}/collecte#item-{}",
            item.id
        ))),
        Err(Failure::Invalid(errors)) => {
            item_page(&ctx, &state, &e, &item, &form, Some(&errors), suggestions).await
        }
        Err(Failure::App(err)) => refused(&ctx, &state, &e, err).await,
    }
}

#[derive(Deserialize, Default)]
pub struct SinceQuery {
    /// The revision the page already shows.
    #[serde(default)]
    depuis: Option<i64>,
}

/// The room screen's live changes: an `item` event per new or changed item (its HTML, to
/// replace or append), then `closed` when the collection closes. The store is polled by
/// revision, so several server processes serve the same room correctly; `Last-Event-ID`
/// (the revision of the last item received) resumes a dropped stream.
async fn stream_changes(
    ctx: PageCtx,
    State(state): State<AppState>,
    user: User,
    headers: HeaderMap,
    Path(id): Path<Uuid>,
    Query(q): Query<SinceQuery>,
) -> Result<Sse<impl Stream<Item = Result<Event, Infallible>>>, AppError> {
    let (e, c) = rules::managed(&state, id, user.person()).await?;
    let from_header = headers
        .get("last-event-id")
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.parse::<i64>().ok());
    let cursor = from_header.or(q.depuis).unwrap_or(0).max(0);
    let started = tokio::time::Instant::now();
    struct Poll {
        state: AppState,
        ctx: PageCtx,
        event_id: Uuid,
        collecte_id: Uuid,
        cursor: i64,
        first: bool,
        done: bool,
    }
    let poll = Poll {
        state,
        ctx,
        event_id: e.id,
        collecte_id: c.id,
        cursor,
        first: true,
        done: false,
    };
    let events = stream::unfold(poll, move |mut p| async move {
        if p.done || started.elapsed() > STREAM_FOR {
            return None;
        }
        if !std::mem::take(&mut p.first) {
            tokio::time::sleep(POLL_EVERY).await;
        }
        let batch = changes(&p.state, &p.ctx, p.event_id, p.collecte_id, &mut p.cursor)
            .await
            .unwrap_or_else(|err| {
                tracing::warn!(error = %err, "collecte stream poll failed");
                (vec![], false)
            });
        p.done = batch.1;
        Some((stream::iter(batch.0.into_iter().map(Ok)), p))
    })
    .flatten();
    Ok(Sse::new(events).keep_alive(KeepAlive::default()))
}

/// The events for what changed after `cursor` (moved on), and whether the collection closed.
async fn changes(
    state: &AppState,
    ctx: &PageCtx,
    event_id: Uuid,
    collecte_id: Uuid,
    cursor: &mut i64,
) -> Result<(Vec<Event>, bool), AppError> {
    let changed = state.store.items_since(collecte_id, *cursor).await?;
    let c = state
        .store
        .collecte(collecte_id)
        .await?
        .ok_or(AppError::NotFound)?;
    let mut out = vec![];
    if !changed.is_empty() {
        let all = state.store.items(collecte_id).await?;
        let numbers: Vec<(Uuid, i64)> = all.iter().map(|i| (i.id, i.number)).collect();
        for i in &changed {
            let html = render_page(
                state,
                ctx.locale,
                ctx.user.as_ref(),
                Some(&ctx.csrf),
                &format!("/evenements/{event_id}/collecte"),
                "collecte/_item.html",
                context! { it => item_view(state, i, &numbers), event => context! { id => event_id.to_string() } },
            )
            .0;
            let data = serde_json::json!({
                "id": i.id, "number": i.number, "status": i.status, "revision": i.revision,
                "count": c.items, "html": html,
            });
            out.push(
                Event::default()
                    .event("item")
                    .id(i.revision.to_string())
                    .data(data.to_string()),
            );
            *cursor = (*cursor).max(i.revision);
        }
    }
    let closed = !c.is_open();
    if closed {
        out.push(Event::default().event("closed").data("closed"));
    }
    Ok((out, closed))
}

#[derive(Deserialize, Default)]
pub struct EnterQuery {
    #[serde(default)]
    code: String,
}

/// Typing the code by hand (`/c?code=…` comes from this form).
async fn enter(
    ctx: PageCtx,
    State(state): State<AppState>,
    Query(q): Query<EnterQuery>,
) -> Result<Response, AppError> {
    if let Some(code) = normalise_code(&q.code) {
        return Ok(see_other(&format!("/c/{code}")));
    }
    let refusal = (!q.code.trim().is_empty()).then(|| ctx.t(&state, "collecte-code-unknown"));
    let status = if refusal.is_some() {
        StatusCode::NOT_FOUND
    } else {
        StatusCode::OK
    };
    Ok((
        status,
        ctx.render(
            &state,
            "collecte/enter.html",
            context! { refusal, code => q.code },
        ),
    )
        .into_response())
}

/// The collection a code names, or the page that answers instead: unknown (404, the code form
/// again) or closed (410, "cette collecte est terminée").
async fn joined(
    ctx: &PageCtx,
    state: &AppState,
    code: &str,
    ip: &str,
) -> Result<Result<(Collecte, EventRow), Response>, AppError> {
    let c = match rules::join(state, code, ip).await {
        Ok(c) => c,
        Err(AppError::NotFound) => {
            return Ok(Err((
                StatusCode::NOT_FOUND,
                ctx.render(
                    state,
                    "collecte/enter.html",
                    context! { refusal => ctx.t(state, "collecte-code-unknown"), code },
                ),
            )
                .into_response()))
        }
        Err(e) => return Err(e),
    };
    let e = crate::events::find(state, c.event_id).await?;
    if !c.is_open() {
        return Ok(Err(closed_page(ctx, state, &e)));
    }
    Ok(Ok((c, e)))
}

fn closed_page(ctx: &PageCtx, state: &AppState, e: &EventRow) -> Response {
    (
        StatusCode::GONE,
        ctx.render(
            state,
            "collecte/closed.html",
            context! { event => event_view(e) },
        ),
    )
        .into_response()
}

/// Adds the phone's cookie to a response when it was just made.
fn with_cookie(mut r: Response, cookie: Option<axum::http::HeaderValue>) -> Response {
    if let Some(c) = cookie {
        r.headers_mut().append(header::SET_COOKIE, c);
    }
    r
}

#[derive(Deserialize, Default)]
pub struct ThanksQuery {
    #[serde(default)]
    merci: Option<String>,
}

#[allow(clippy::too_many_arguments)]
async fn join_page(
    ctx: &PageCtx,
    state: &AppState,
    c: &Collecte,
    e: &EventRow,
    token: &str,
    values: &ItemForm,
    errors: Option<&FieldErrors>,
    suggestions: Vec<Value>,
    notice: Option<String>,
    status: StatusCode,
) -> Result<Response, AppError> {
    let mine = state
        .store
        .items_of_phone(c.id, &rules::phone_hash(token))
        .await?;
    let mine: Vec<Value> = mine.iter().map(|i| item_view(state, i, &[])).collect();
    let page = context! {
        event => event_view(e), code => c.code, mine, values, suggestions, notice,
    };
    let r = match errors {
        Some(errs) => ctx.render_invalid(state, "collecte/join.html", errs, page),
        None => ctx.render(state, "collecte/join.html", page),
    };
    let mut r = r.into_response();
    if errors.is_none() {
        *r.status_mut() = status;
    }
    Ok(r)
}

async fn join(
    ctx: PageCtx,
    State(state): State<AppState>,
    ClientIp(ip): ClientIp,
    headers: HeaderMap,
    Path(code): Path<String>,
    Query(q): Query<ThanksQuery>,
) -> Result<Response, AppError> {
    let (c, e) = match joined(&ctx, &state, &code, &ip).await? {
        Ok(found) => found,
        Err(page) => return Ok(page),
    };
    let (token, cookie) = rules::phone_token_or_new(&state, &headers);
    let notice = q.merci.is_some().then(|| ctx.t(&state, "collecte-thanks"));
    let r = join_page(
        &ctx,
        &state,
        &c,
        &e,
        &token,
        &ItemForm::default(),
        None,
        vec![],
        notice,
        StatusCode::OK,
    )
    .await?;
    Ok(with_cookie(r, cookie))
}

/// What a refused write from the room answers: 429 with its own words (the form kept), 410
/// once closed.
async fn room_refusal(
    ctx: &PageCtx,
    state: &AppState,
    c: &Collecte,
    e: &EventRow,
    token: &str,
    form: &ItemForm,
    err: AppError,
) -> Result<Response, AppError> {
    match err {
        AppError::Throttled { retry_after_secs } => {
            let minutes = (retry_after_secs + 59) / 60;
            let notice = state.i18n.message(
                ctx.locale,
                "collecte-too-many",
                &[("minutes", minutes.to_string())],
            );
            let mut r = join_page(
                ctx,
                state,
                c,
                e,
                token,
                form,
                None,
                vec![],
                Some(notice),
                StatusCode::TOO_MANY_REQUESTS,
            )
            .await?;
            r.headers_mut().insert(
                header::RETRY_AFTER,
                axum::http::HeaderValue::from(retry_after_secs),
            );
            Ok(r)
        }
        AppError::Conflict(essaim_store::collecte::conflict::CLOSED) => {
            Ok(closed_page(ctx, state, e))
        }
        AppError::Conflict(essaim_store::collecte::conflict::NOT_ACTIVE) => {
            Ok(see_other(&format!("/c/{}", c.code)))
        }
        err => Err(err),
    }
}

async fn submit(
    ctx: PageCtx,
    State(state): State<AppState>,
    MaybeUser(user): MaybeUser,
    ClientIp(ip): ClientIp,
    headers: HeaderMap,
    Path(code): Path<String>,
    Form(form): Form<ItemForm>,
) -> Result<Response, AppError> {
    let (c, e) = match joined(&ctx, &state, &code, &ip).await? {
        Ok(found) => found,
        Err(page) => return Ok(page),
    };
    let (token, cookie) = rules::phone_token_or_new(&state, &headers);
    let (input, suggestions) = form.input(&state);
    let person = user.as_ref().map(|u| &u.person);
    let phone = (token.as_str(), cookie.is_none());
    let r = match rules::submit(&state, &c, &input, phone, person, &ip).await {
        Ok(_) => see_other(&format!("/c/{}?merci=1#mine", c.code)),
        Err(Failure::Invalid(errors)) => {
            join_page(
                &ctx,
                &state,
                &c,
                &e,
                &token,
                &form,
                Some(&errors),
                suggestions,
                None,
                StatusCode::UNPROCESSABLE_ENTITY,
            )
            .await?
        }
        Err(Failure::App(err)) => room_refusal(&ctx, &state, &c, &e, &token, &form, err).await?,
    };
    Ok(with_cookie(r, cookie))
}

/// This phone's item of this collection; 404 for anybody else's.
async fn own_item(
    state: &AppState,
    c: &Collecte,
    headers: &HeaderMap,
    item: Uuid,
) -> Result<(Item, String), AppError> {
    let token = rules::phone_token(headers).ok_or(AppError::NotFound)?;
    let item = rules::item_of(state, c, item).await?;
    if item.phone_hash.as_deref() != Some(rules::phone_hash(&token).as_str()) {
        return Err(AppError::NotFound);
    }
    Ok((item, token))
}

#[allow(clippy::too_many_arguments)]
async fn own_page(
    ctx: &PageCtx,
    state: &AppState,
    c: &Collecte,
    e: &EventRow,
    item: &Item,
    values: &ItemForm,
    errors: Option<&FieldErrors>,
    suggestions: Vec<Value>,
) -> Result<Response, AppError> {
    let page = context! {
        event => event_view(e),
        item => item_view(state, item, &[]),
        values, suggestions,
        action => format!("/c/{}/{}", c.code, item.id),
        back => format!("/c/{}", c.code),
        own => true,
    };
    Ok(match errors {
        Some(errs) => ctx.render_invalid(state, "collecte/item.html", errs, page),
        None => ctx.render(state, "collecte/item.html", page),
    })
}

async fn own_form(
    ctx: PageCtx,
    State(state): State<AppState>,
    ClientIp(ip): ClientIp,
    headers: HeaderMap,
    Path((code, item)): Path<(String, Uuid)>,
) -> Result<Response, AppError> {
    let (c, e) = match joined(&ctx, &state, &code, &ip).await? {
        Ok(found) => found,
        Err(page) => return Ok(page),
    };
    let (item, _) = own_item(&state, &c, &headers, item).await?;
    if !item.is_active() {
        return Ok(see_other(&format!("/c/{}", c.code)));
    }
    let values = ItemForm::of(&item, &state);
    own_page(&ctx, &state, &c, &e, &item, &values, None, vec![]).await
}

async fn own_edit(
    ctx: PageCtx,
    State(state): State<AppState>,
    ClientIp(ip): ClientIp,
    headers: HeaderMap,
    Path((code, item)): Path<(String, Uuid)>,
    Form(form): Form<ItemForm>,
) -> Result<Response, AppError> {
    let (c, e) = match joined(&ctx, &state, &code, &ip).await? {
        Ok(found) => found,
        Err(page) => return Ok(page),
    };
    let (item, token) = own_item(&state, &c, &headers, item).await?;
    let (input, suggestions) = form.input(&state);
    match rules::edit(&state, &item, &input, Some((&token, &ip))).await {
        Ok(_) => Ok(see_other(&format!("/c/{}#mine", c.code))),
        Err(Failure::Invalid(errors)) => {
            own_page(
                &ctx,
                &state,
                &c,
                &e,
                &item,
                &form,
                Some(&errors),
                suggestions,
            )
            .await
        }
        Err(Failure::App(err)) => room_refusal(&ctx, &state, &c, &e, &token, &form, err).await,
    }
}

/// "Collectée le … lors de …" on an initiative's page: the provenance of a converted item.
pub async fn initiative_provenance(state: &AppState, initiative: Uuid) -> Result<Value, AppError> {
    Ok(match state.store.provenance(initiative).await? {
        Some(p) => context! {
            date => essaim_domain::deliberation::conversation::to_paris(p.collected_at)
                .format("%d/%m/%Y").to_string(),
            event_id => p.event_id.to_string(),
            event_title => p.event_title,
        },
        None => Value::from(()),
    })
}
