//! Offers and needs (*entraide*): the list with its filters, publishing and editing a post,
//! its page (with, for a need, the offers that fit it and why), the matching page, contacting
//! the other side, the conversation page and "mes échanges".
//!
//! Who may do what: anyone reads posts and matches; signed-in people with a confirmed e-mail
//! publish and contact; the author, a manager of the post's structure or an admin edits and
//! closes (`crate::exchange::can_edit`); a conversation is seen only by its counterpart and
//! those who answer for the post (404 for anyone else: they may not know it exists).

use crate::auth::User;
use crate::error::AppError;
use crate::exchange::{answers_for, can_edit, find, matches, validate, validate_update};
use crate::i18n::Locale;
use crate::pages::{names, see_other, PageCtx};
use crate::state::AppState;
use axum::extract::{Path, Query, State};
use axum::response::Response;
use axum::routing::{get, post};
use axum::{Form, Router};
use essaim_domain::exchange::opendata as exchange_data;
use essaim_domain::exchange::{parse_message, Direction, Kind, PostInput, Reason};
use essaim_domain::invalid::FieldErrors;
use essaim_domain::territory::TerritoryRef;
use essaim_store::exchange::{NewPost, Post, PostFilter};
use essaim_store::{utc_now, Page, Person};
use minijinja::{context, Value};
use serde::{Deserialize, Serialize};
use uuid::Uuid;

const PER_PAGE: i64 = 20;

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/entraide", get(list).post(create))
        .route("/entraide/nouveau", get(new_form))
        .route("/entraide/correspondances", get(matching))
        .route("/entraide/echanges", get(my_conversations))
        .route("/entraide/{id}", get(show))
        .route("/entraide/{id}/modifier", get(edit_form).post(update))
        .route("/entraide/{id}/cloture", post(close))
        .route("/entraide/{id}/contact", post(contact))
        .route(
            "/entraide/{id}/echanges/{person}",
            get(conversation).post(reply),
        )
        // Literal paths (the authorization test reads routes from the source); they are
        // `exchange_data::CSV_PATH` and `SCHEMA_PATH`, which the catalogue links.
        .route("/data/offres.csv", get(offers_csv))
        .route("/schemas/offres.json", get(offers_schema))
}

/// The open offers as open data (no personal data: no author, no address).
async fn offers_csv(State(state): State<AppState>) -> Result<Response, AppError> {
    use axum::http::header;
    use axum::response::IntoResponse;
    let filter = PostFilter {
        direction: Some("offer".into()),
        status: Some("open".into()),
        ..Default::default()
    };
    let offers = state
        .store
        .list_exchange_posts(&filter, Page::first(100_000))
        .await?;
    let mut records = Vec::with_capacity(offers.len());
    for p in &offers {
        let structure = match p.structure_id {
            Some(s) => state.store.structure(s).await?,
            None => None,
        };
        records.push(exchange_data::OfferRecord {
            id: p.id.to_string(),
            kind: p.kind.clone(),
            title: p.title.clone(),
            description: p.body.clone(),
            territory: p.territory.clone(),
            territory_name: names::territory_name(&state, &p.territory),
            themes: p.themes.clone(),
            starts_on: date(p.starts_on).unwrap_or_default(),
            ends_on: date(p.ends_on).unwrap_or_default(),
            structure_id: structure
                .as_ref()
                .map(|s| s.id.to_string())
                .unwrap_or_default(),
            structure_name: structure.map(|s| s.name).unwrap_or_default(),
            created_at: p
                .created_at
                .to_rfc3339_opts(chrono::SecondsFormat::Secs, true),
            updated_at: p
                .updated_at
                .to_rfc3339_opts(chrono::SecondsFormat::Secs, true),
        });
    }
    let mut out = vec![];
    exchange_data::write_csv(&records, &mut out).map_err(|e| AppError::Internal(e.into()))?;
    Ok((
        [
            (header::CONTENT_TYPE, "text/csv; charset=utf-8"),
            (
                header::CONTENT_DISPOSITION,
                "attachment; filename=\"offres.csv\"",
            ),
        ],
        out,
    )
        .into_response())
}

async fn offers_schema(State(state): State<AppState>) -> axum::Json<serde_json::Value> {
    axum::Json(exchange_data::table_schema(&state.config.base_url))
}

fn with_status(mut page: Response, status: axum::http::StatusCode) -> Response {
    *page.status_mut() = status;
    page
}

/// The French calendar date as the page shows it.
fn date(d: Option<chrono::NaiveDate>) -> Option<String> {
    d.map(|d| d.format("%Y-%m-%d").to_string())
}

fn theme_names(all: &[(String, String)], codes: &[String]) -> Vec<String> {
    codes
        .iter()
        .map(|c| names::challenge_name(all, c))
        .collect()
}

/// A post as the pages show it.
async fn post_view(
    state: &AppState,
    locale: Locale,
    p: &Post,
    all_themes: &[(String, String)],
) -> Result<Value, AppError> {
    let author = state
        .store
        .person(p.author_id)
        .await?
        .map(|a| a.display_name)
        .unwrap_or_default();
    let structure = match p.structure_id {
        Some(s) => state
            .store
            .structure(s)
            .await?
            .map(|s| context! { id => s.id.to_string(), name => s.name }),
        None => None,
    };
    Ok(context! {
        id => p.id.to_string(),
        direction => p.direction,
        kind => p.kind,
        status => p.status,
        title => p.title,
        body_html => essaim_domain::markdown::render(&p.body),
        territory => names::territory_name(state, &p.territory),
        territory_ref => p.territory,
        themes => theme_names(all_themes, &p.themes),
        starts_on => date(p.starts_on),
        ends_on => date(p.ends_on),
        author,
        structure,
        created_on => date(Some(essaim_domain::deliberation::conversation::to_paris(p.created_at).date())),
        locale => locale.as_str(),
    })
}

/// A reason of a match, as a sentence.
fn reason_text(state: &AppState, ctx: &PageCtx, r: &Reason, all: &[(String, String)]) -> String {
    let mut args: Vec<(&str, String)> = vec![];
    if let Some(t) = r.territory() {
        args.push(("territory", names::territory_name(state, &t.to_string())));
    }
    if let Reason::SharedThemes { themes } = r {
        args.push(("themes", theme_names(all, themes).join(", ")));
    }
    state.i18n.message(ctx.locale, r.code(), &args)
}

#[derive(Deserialize, Default)]
pub struct ListQuery {
    #[serde(default)]
    sens: String,
    #[serde(default, rename = "type")]
    kind: String,
    #[serde(default)]
    page: Option<i64>,
}

/// Open posts, newest first, filtered by direction (`sens`) and kind (`type`).
async fn list(
    ctx: PageCtx,
    State(state): State<AppState>,
    Query(q): Query<ListQuery>,
) -> Result<Response, AppError> {
    let direction = Direction::parse(&q.sens).ok();
    let kind = Kind::parse(&q.kind).ok();
    let filter = PostFilter {
        direction: direction.map(|d| d.as_str().to_owned()),
        kind: kind.map(|k| k.as_str().to_owned()),
        status: Some("open".into()),
        author_id: None,
    };
    let total = state.store.count_exchange_posts(&filter).await?;
    let pages = ((total + PER_PAGE - 1) / PER_PAGE).max(1);
    let page = q.page.unwrap_or(1).clamp(1, pages);
    let posts = state
        .store
        .list_exchange_posts(
            &filter,
            Page {
                limit: PER_PAGE,
                offset: (page - 1) * PER_PAGE,
            },
        )
        .await?;
    let all = names::challenges(&state, ctx.locale).await?;
    let mut items = Vec::with_capacity(posts.len());
    for p in &posts {
        items.push(post_view(&state, ctx.locale, p, &all).await?);
    }
    let query = format!(
        "sens={}&type={}",
        direction.map(|d| d.as_str()).unwrap_or(""),
        kind.map(|k| k.as_str()).unwrap_or("")
    );
    Ok(ctx.render(
        &state,
        "entraide/list.html",
        context! {
            items, total, page, pages, query,
            sens => direction.map(|d| d.as_str()).unwrap_or(""),
            kind => kind.map(|k| k.as_str()).unwrap_or(""),
            directions => Direction::ALL.iter().map(|d| d.as_str()).collect::<Vec<_>>(),
            kinds => Kind::ALL.iter().map(|k| k.as_str()).collect::<Vec<_>>(),
        },
    ))
}

/// The form's fields, as typed.
#[derive(Serialize, Default, Clone)]
struct PostForm {
    direction: String,
    kind: String,
    title: String,
    body: String,
    territory: String,
    themes: Vec<String>,
    starts_on: String,
    ends_on: String,
    structure: String,
}

impl PostForm {
    fn read(pairs: &[(String, String)]) -> PostForm {
        let get = |k: &str| {
            pairs
                .iter()
                .find(|(key, _)| key == k)
                .map(|(_, v)| v.clone())
                .unwrap_or_default()
        };
        PostForm {
            direction: get("direction"),
            kind: get("kind"),
            title: get("title"),
            body: get("body"),
            territory: get("territory"),
            themes: pairs
                .iter()
                .filter(|(k, _)| k == "themes")
                .map(|(_, v)| v.clone())
                .collect(),
            starts_on: get("starts_on"),
            ends_on: get("ends_on"),
            structure: get("structure"),
        }
    }

    fn input(&self) -> PostInput {
        PostInput {
            direction: self.direction.clone(),
            kind: self.kind.clone(),
            title: self.title.clone(),
            body: self.body.clone(),
            territory: self.territory.clone(),
            themes: self.themes.clone(),
            starts_on: self.starts_on.clone(),
            ends_on: self.ends_on.clone(),
        }
    }

    fn of(p: &Post) -> PostForm {
        PostForm {
            direction: p.direction.clone(),
            kind: p.kind.clone(),
            title: p.title.clone(),
            body: p.body.clone(),
            territory: p.territory.clone(),
            themes: p.themes.clone(),
            starts_on: date(p.starts_on).unwrap_or_default(),
            ends_on: date(p.ends_on).unwrap_or_default(),
            structure: p.structure_id.map(|s| s.to_string()).unwrap_or_default(),
        }
    }
}

/// The structures a person may publish for: those they manage.
async fn structures_offered(
    state: &AppState,
    person: &Person,
) -> Result<Vec<(String, String)>, AppError> {
    Ok(state
        .store
        .structures_of(person.id)
        .await?
        .into_iter()
        .filter(|(_, role)| *role == essaim_domain::structure::MemberRole::Manager)
        .map(|(s, _)| (s.id.to_string(), s.name))
        .collect())
}

async fn form_context(
    state: &AppState,
    ctx: &PageCtx,
    person: &Person,
    form: &PostForm,
    editing: Option<&Post>,
) -> Result<Value, AppError> {
    Ok(context! {
        action => match editing {
            Some(p) => format!("/entraide/{}/modifier", p.id),
            None => "/entraide".to_owned(),
        },
        editing => editing.is_some(),
        id => editing.map(|p| p.id.to_string()),
        values => form,
        territory_name => TerritoryRef::parse(&form.territory).ok().map(|_| names::territory_name(state, &form.territory)),
        structures => structures_offered(state, person).await?,
        themes => names::challenges(state, ctx.locale).await?,
        directions => Direction::ALL.iter().map(|d| d.as_str()).collect::<Vec<_>>(),
        kinds => Kind::ALL.iter().map(|k| k.as_str()).collect::<Vec<_>>(),
    })
}

#[derive(Deserialize, Default)]
pub struct NewQuery {
    #[serde(default)]
    sens: String,
}

async fn new_form(
    ctx: PageCtx,
    State(state): State<AppState>,
    user: User,
    Query(q): Query<NewQuery>,
) -> Result<Response, AppError> {
    let person = user.confirmed()?;
    let form = PostForm {
        direction: Direction::parse(&q.sens)
            .map(|d| d.as_str().to_owned())
            .unwrap_or_default(),
        ..Default::default()
    };
    let c = form_context(&state, &ctx, person, &form, None).await?;
    Ok(ctx.render(&state, "entraide/form.html", c))
}

async fn create(
    ctx: PageCtx,
    State(state): State<AppState>,
    user: User,
    Form(pairs): Form<Vec<(String, String)>>,
) -> Result<Response, AppError> {
    let person = user.confirmed()?;
    let form = PostForm::read(&pairs);
    match validate(&state, person, &form.input(), &form.structure).await? {
        Ok(fields) => {
            let post = state
                .store
                .create_exchange_post(&NewPost {
                    id: Uuid::now_v7(),
                    author_id: person.id,
                    fields,
                    created_at: utc_now(),
                })
                .await?;
            Ok(see_other(&format!("/entraide/{}", post.id)))
        }
        Err(errors) => invalid(&state, &ctx, person, &form, None, &errors).await,
    }
}

async fn invalid(
    state: &AppState,
    ctx: &PageCtx,
    person: &Person,
    form: &PostForm,
    editing: Option<&Post>,
    errors: &FieldErrors,
) -> Result<Response, AppError> {
    let c = form_context(state, ctx, person, form, editing).await?;
    Ok(ctx.render_invalid(state, "entraide/form.html", errors, c))
}

/// The post, or 403 for someone who may not edit it.
async fn editable(state: &AppState, id: Uuid, person: &Person) -> Result<Post, AppError> {
    let p = find(state, id).await?;
    if !can_edit(state, &p, person).await? {
        return Err(AppError::Forbidden);
    }
    Ok(p)
}

async fn edit_form(
    ctx: PageCtx,
    State(state): State<AppState>,
    user: User,
    Path(id): Path<Uuid>,
) -> Result<Response, AppError> {
    let person = user.confirmed()?;
    let p = editable(&state, id, person).await?;
    let c = form_context(&state, &ctx, person, &PostForm::of(&p), Some(&p)).await?;
    Ok(ctx.render(&state, "entraide/form.html", c))
}

async fn update(
    ctx: PageCtx,
    State(state): State<AppState>,
    user: User,
    Path(id): Path<Uuid>,
    Form(pairs): Form<Vec<(String, String)>>,
) -> Result<Response, AppError> {
    let person = user.confirmed()?;
    let p = editable(&state, id, person).await?;
    let form = PostForm::read(&pairs);
    match validate_update(&state, person, &p, &form.input(), &form.structure).await? {
        Ok(fields) => {
            state
                .store
                .update_exchange_post(p.id, &fields, utc_now())
                .await?;
            if p.author_id != person.id {
                crate::audit::record(
                    &state,
                    Some(person.id),
                    "exchange.post.update",
                    format!("exchange_post:{}", p.id),
                    None,
                    String::new(),
                )
                .await?;
            }
            Ok(see_other(&format!("/entraide/{}", p.id)))
        }
        Err(errors) => invalid(&state, &ctx, person, &form, Some(&p), &errors).await,
    }
}

async fn close(
    State(state): State<AppState>,
    user: User,
    Path(id): Path<Uuid>,
) -> Result<Response, AppError> {
    let person = user.confirmed()?;
    let p = editable(&state, id, person).await?;
    state
        .store
        .set_exchange_post_status(p.id, "closed", utc_now())
        .await?;
    crate::audit::record(
        &state,
        Some(person.id),
        "exchange.post.close",
        format!("exchange_post:{}", p.id),
        None,
        String::new(),
    )
    .await?;
    Ok(see_other(&format!("/entraide/{}?cloture=ok", p.id)))
}

#[derive(Deserialize, Default)]
pub struct ShowQuery {
    #[serde(default)]
    cloture: String,
}

async fn show(
    ctx: PageCtx,
    State(state): State<AppState>,
    Path(id): Path<Uuid>,
    Query(q): Query<ShowQuery>,
) -> Result<Response, AppError> {
    let p = find(&state, id).await?;
    let notice = (q.cloture == "ok").then_some("closed");
    render_show(
        &ctx,
        &state,
        &p,
        context! { notice },
        axum::http::StatusCode::OK,
    )
    .await
}

async fn render_show(
    ctx: &PageCtx,
    state: &AppState,
    p: &Post,
    extra: Value,
    status: axum::http::StatusCode,
) -> Result<Response, AppError> {
    let all = names::challenges(state, ctx.locale).await?;
    let person = ctx.user.as_ref().map(|u| &u.person);
    let (editor, side) = match person {
        Some(person) => (
            can_edit(state, p, person).await?,
            answers_for(state, p, person).await?,
        ),
        None => (false, false),
    };
    let mut found = Vec::new();
    let pairs = if p.direction == "need" {
        matches(state, p).await?
    } else {
        crate::exchange::needs_for(state, p).await?
    };
    for (offer, m) in pairs.into_iter().take(20) {
        found.push(context! {
            post => post_view(state, ctx.locale, &offer, &all).await?,
            score => m.score,
            reasons => m.reasons.iter().map(|r| reason_text(state, ctx, r, &all)).collect::<Vec<_>>(),
        });
    }
    let conversations = if side {
        let mut list = Vec::new();
        for c in state.store.exchange_conversations_of_post(p.id).await? {
            let name = state
                .store
                .person(c.counterpart_id)
                .await?
                .map(|x| x.display_name)
                .unwrap_or_default();
            list.push(context! {
                counterpart => c.counterpart_id.to_string(), name, messages => c.messages,
            });
        }
        list
    } else {
        vec![]
    };
    let mine = match person {
        Some(person) if !side => !state
            .store
            .exchange_conversation(p.id, person.id)
            .await?
            .is_empty(),
        _ => false,
    };
    let page = ctx.render(
        state,
        "entraide/show.html",
        context! {
            post => post_view(state, ctx.locale, p, &all).await?,
            editor, side, matches => found, conversations,
            my_conversation => mine.then(|| format!("/entraide/{}/echanges/{}", p.id, person.map(|x| x.id).unwrap_or_default())),
            ..extra
        },
    );
    Ok(with_status(page, status))
}

/// The matching page: every open need with the offers that fit it.
async fn matching(ctx: PageCtx, State(state): State<AppState>) -> Result<Response, AppError> {
    let all = names::challenges(&state, ctx.locale).await?;
    let needs = state
        .store
        .list_exchange_posts(
            &PostFilter {
                direction: Some("need".into()),
                status: Some("open".into()),
                ..Default::default()
            },
            Page::first(50),
        )
        .await?;
    let mut items = Vec::new();
    for need in &needs {
        let mut offers = Vec::new();
        for (offer, m) in matches(&state, need).await?.into_iter().take(5) {
            offers.push(context! {
                post => post_view(&state, ctx.locale, &offer, &all).await?,
                score => m.score,
                reasons => m.reasons.iter().map(|r| reason_text(&state, &ctx, r, &all)).collect::<Vec<_>>(),
            });
        }
        items.push(context! { need => post_view(&state, ctx.locale, need, &all).await?, offers });
    }
    Ok(ctx.render(&state, "entraide/matches.html", context! { items }))
}

#[derive(Deserialize)]
pub struct MessageForm {
    #[serde(default)]
    message: String,
}

/// The first message of a person to a post's side: opens (or continues) their conversation.
async fn contact(
    ctx: PageCtx,
    State(state): State<AppState>,
    user: User,
    Path(id): Path<Uuid>,
    Form(form): Form<MessageForm>,
) -> Result<Response, AppError> {
    let person = user.confirmed()?;
    let p = find(&state, id).await?;
    if answers_for(&state, &p, person).await? {
        // One does not contact oneself; the conversations are listed on the post.
        return Err(AppError::Conflict("exchange_contact_own_post"));
    }
    if p.status != "open" {
        return Err(AppError::Conflict("exchange_post_closed"));
    }
    match parse_message(&form.message) {
        Ok(body) => {
            crate::exchange::send_message(&state, &p, person.id, person, body).await?;
            Ok(see_other(&format!(
                "/entraide/{}/echanges/{}",
                p.id, person.id
            )))
        }
        Err(e) => {
            let mut errors = FieldErrors::new();
            errors.add("message", e);
            let messages = crate::pages::form_errors(&state, ctx.locale, &errors);
            render_show(
                &ctx,
                &state,
                &p,
                context! { errors => messages, message => form.message },
                axum::http::StatusCode::UNPROCESSABLE_ENTITY,
            )
            .await
        }
    }
}

/// The post and whether the person may read the conversation with `counterpart`; 404 for
/// anyone else.
async fn conversation_access(
    state: &AppState,
    id: Uuid,
    counterpart: Uuid,
    person: &Person,
) -> Result<Post, AppError> {
    let p = find(state, id).await?;
    if person.id == counterpart && !answers_for(state, &p, person).await? {
        return Ok(p);
    }
    if person.id != counterpart && answers_for(state, &p, person).await? {
        return Ok(p);
    }
    Err(AppError::NotFound)
}

async fn render_conversation(
    ctx: &PageCtx,
    state: &AppState,
    p: &Post,
    counterpart: Uuid,
    extra: Value,
    status: axum::http::StatusCode,
) -> Result<Response, AppError> {
    let all = names::challenges(state, ctx.locale).await?;
    let me = ctx.user.as_ref().map(|u| u.person.id);
    let messages = state.store.exchange_conversation(p.id, counterpart).await?;
    if messages.is_empty() && me != Some(counterpart) {
        return Err(AppError::NotFound);
    }
    let mut names: Vec<(Uuid, String)> = Vec::new();
    let mut list = Vec::new();
    for m in &messages {
        let name = match names.iter().find(|(id, _)| *id == m.sender_id) {
            Some((_, n)) => n.clone(),
            None => {
                let n = state
                    .store
                    .person(m.sender_id)
                    .await?
                    .map(|x| x.display_name)
                    .unwrap_or_default();
                names.push((m.sender_id, n.clone()));
                n
            }
        };
        let local = essaim_domain::deliberation::conversation::to_paris(m.created_at);
        list.push(context! {
            sender => name,
            mine => Some(m.sender_id) == me,
            body => m.body,
            date => local.format("%Y-%m-%d").to_string(),
            time => local.format("%H:%M").to_string(),
            iso => m.created_at.to_rfc3339(),
        });
    }
    let other = if me == Some(counterpart) {
        match p.structure_id {
            Some(s) => state.store.structure(s).await?.map(|s| s.name),
            None => None,
        }
        .or(state
            .store
            .person(p.author_id)
            .await?
            .map(|x| x.display_name))
    } else {
        state
            .store
            .person(counterpart)
            .await?
            .map(|x| x.display_name)
    };
    let page = ctx.render(
        state,
        "entraide/conversation.html",
        context! {
            post => post_view(state, ctx.locale, p, &all).await?,
            messages => list,
            other => other.unwrap_or_default(),
            action => format!("/entraide/{}/echanges/{}", p.id, counterpart),
            ..extra
        },
    );
    Ok(with_status(page, status))
}

async fn conversation(
    ctx: PageCtx,
    State(state): State<AppState>,
    user: User,
    Path((id, counterpart)): Path<(Uuid, Uuid)>,
) -> Result<Response, AppError> {
    let p = conversation_access(&state, id, counterpart, user.person()).await?;
    render_conversation(
        &ctx,
        &state,
        &p,
        counterpart,
        context! {},
        axum::http::StatusCode::OK,
    )
    .await
}

async fn reply(
    ctx: PageCtx,
    State(state): State<AppState>,
    user: User,
    Path((id, counterpart)): Path<(Uuid, Uuid)>,
    Form(form): Form<MessageForm>,
) -> Result<Response, AppError> {
    let person = user.confirmed()?;
    let p = conversation_access(&state, id, counterpart, person).await?;
    // The post's side answers only a conversation that exists; a new one (the counterpart
    // writing first) needs an open post, as on the contact form.
    let started = !state
        .store
        .exchange_conversation(p.id, counterpart)
        .await?
        .is_empty();
    if !started && person.id != counterpart {
        return Err(AppError::NotFound);
    }
    if !started && p.status != "open" {
        return Err(AppError::Conflict("exchange_post_closed"));
    }
    match parse_message(&form.message) {
        Ok(body) => {
            crate::exchange::send_message(&state, &p, counterpart, person, body).await?;
            Ok(see_other(&format!(
                "/entraide/{}/echanges/{}#dernier",
                p.id, counterpart
            )))
        }
        Err(e) => {
            let mut errors = FieldErrors::new();
            errors.add("message", e);
            let messages = crate::pages::form_errors(&state, ctx.locale, &errors);
            render_conversation(
                &ctx,
                &state,
                &p,
                counterpart,
                context! { errors => messages, message => form.message },
                axum::http::StatusCode::UNPROCESSABLE_ENTITY,
            )
            .await
        }
    }
}

/// "Mes échanges": the person's conversations and posts.
async fn my_conversations(
    ctx: PageCtx,
    State(state): State<AppState>,
    user: User,
) -> Result<Response, AppError> {
    let person = user.person();
    let mut list = Vec::new();
    for c in state
        .store
        .exchange_conversations_of_person(person.id)
        .await?
    {
        let with = if c.counterpart_id == person.id {
            None
        } else {
            state
                .store
                .person(c.counterpart_id)
                .await?
                .map(|x| x.display_name)
        };
        list.push(context! {
            href => format!("/entraide/{}/echanges/{}", c.post_id, c.counterpart_id),
            title => c.post_title,
            with,
            messages => c.messages,
            last => essaim_domain::deliberation::conversation::to_paris(c.last_at).format("%Y-%m-%d").to_string(),
        });
    }
    let all = names::challenges(&state, ctx.locale).await?;
    let mut posts = Vec::new();
    for p in state
        .store
        .list_exchange_posts(
            &PostFilter {
                author_id: Some(person.id),
                ..Default::default()
            },
            Page::first(100),
        )
        .await?
    {
        posts.push(post_view(&state, ctx.locale, &p, &all).await?);
    }
    Ok(ctx.render(
        &state,
        "entraide/conversations.html",
        context! { conversations => list, posts },
    ))
}
