//! Groups (*groupes*) and their discussions: the list, creating a group, a group's page (its
//! threads, joining, following, requests to accept), a thread with its replies, reporting a
//! post, the moderators' queue, notification settings and the one-click unsubscribe page.
//!
//! Who may do what (rules in `crate::groups`): anyone reads an open group; a closed group's
//! threads are for its members (and platform moderators). Any signed-in person with a
//! confirmed e-mail creates a group and becomes its admin, as on Loomio: groups are how people
//! organise themselves, and a platform where only staff open them would stay empty. Only
//! members post; an open group is joined in one click, a closed one on request.

mod moderation;
mod notifications;
mod threads;

pub(crate) use moderation::{
    moderate_account as moderate_account_as, moderate_post as moderate_post_as,
};
pub(crate) use threads::report_post;

use crate::auth::User;
use crate::error::AppError;
use crate::groups::{
    can_manage_group, can_post_in_group, explain_throttle, find_group, is_moderator,
    refuse_if_blocked, role_in,
};
use crate::i18n::Locale;
use crate::pages::{names, see_other, PageCtx};
use crate::state::AppState;
use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use axum::{Form, Router};
use chrono::{DateTime, Utc};
use essaim_domain::deliberation::conversation::to_paris;
use essaim_domain::groups::{self as rules, Access, Role};
use essaim_domain::invalid::FieldErrors;
use essaim_domain::territory_pick::pick;
use essaim_store::groups::{Group, GroupFilter, NewGroup};
use essaim_store::{utc_now, Page, Person};
use minijinja::{context, Value};
use serde::Deserialize;
use uuid::Uuid;

const PER_PAGE: i64 = 20;
const THREADS_PER_PAGE: i64 = 30;

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/groupes", get(list).post(create))
        .route("/groupes/nouveau", get(new_form))
        .route("/groupes/{id}", get(show))
        .route("/groupes/{id}/modifier", get(edit_form).post(update))
        .route("/groupes/{id}/adhesion", post(join))
        .route("/groupes/{id}/depart", post(leave))
        .route("/groupes/{id}/demandes/{person}", post(accept))
        .route("/groupes/{id}/membres/{person}", post(manage_member))
        .route("/groupes/{id}/suivi", post(follow))
        .route("/groupes/{id}/fils", post(threads::create))
        .route("/groupes/{id}/fils/{thread}", get(threads::show))
        .route("/groupes/{id}/fils/{thread}/reponses", post(threads::reply))
        .route("/groupes/{id}/fils/{thread}/suivi", post(threads::follow))
        .route(
            "/groupes/messages/{post}/signalement",
            post(threads::report),
        )
        .route("/groupes/moderation", get(moderation::page))
        .route(
            "/groupes/moderation/messages/{post}",
            post(moderation::decide_post),
        )
        .route(
            "/groupes/moderation/comptes/{person}",
            post(moderation::decide_account),
        )
        .route(
            "/groupes/notifications",
            get(notifications::page).post(notifications::save),
        )
        .route(
            "/groupes/desabonnement/{token}",
            get(notifications::unsubscribe_page).post(notifications::unsubscribe),
        )
}

/// A time as people in France read it.
pub(super) fn paris(t: DateTime<Utc>) -> Value {
    let local = to_paris(t);
    context! {
        date => local.format("%Y-%m-%d").to_string(),
        time => local.format("%H:%M").to_string(),
        iso => t.to_rfc3339(),
    }
}

pub(super) async fn group_view(
    state: &AppState,
    g: &Group,
    locale: Locale,
) -> Result<Value, AppError> {
    let challenges = names::challenges(state, locale).await?;
    Ok(context! {
        id => g.id.to_string(),
        name => g.name,
        description_html => essaim_domain::markdown::render(&g.description),
        territory => names::territory_name(state, &g.territory),
        challenge => challenge_label(&challenges, &g.challenge),
        access => g.access,
        created_at => paris(g.created_at),
    })
}

#[derive(Deserialize)]
pub struct ListQuery {
    #[serde(default)]
    page: Option<String>,
    /// A challenge code.
    #[serde(default)]
    theme: String,
    /// A territory as typed (reference, code or name).
    #[serde(default)]
    territoire: String,
}

pub async fn list(
    ctx: PageCtx,
    State(state): State<AppState>,
    Query(q): Query<ListQuery>,
) -> Result<Response, AppError> {
    let page_no = q
        .page
        .as_deref()
        .and_then(|p| p.trim().parse::<i64>().ok())
        .unwrap_or(1)
        .clamp(1, 10_000);
    let all_challenges = names::challenges(&state, ctx.locale).await?;
    let challenges = options(&all_challenges);
    let theme = q.theme.trim().to_owned();
    let mut filter = GroupFilter::default();
    let mut problems = vec![];
    if !theme.is_empty() {
        if all_challenges.iter().any(|(code, _)| *code == theme) {
            filter.challenge = theme.clone();
        } else {
            problems.push(ctx.t(&state, "groups-challenge-unknown"));
        }
    }
    let territory = q.territoire.trim().to_owned();
    if !territory.is_empty() {
        match pick(state.territories, &territory) {
            Ok(t) => filter.territory = t.reference().to_string(),
            Err(_) => problems.push(ctx.t(&state, "groups-territory-unknown")),
        }
    }
    let total = state.store.count_groups(&filter).await?;
    let rows = state
        .store
        .list_groups(
            &filter,
            Page {
                limit: PER_PAGE,
                offset: (page_no - 1) * PER_PAGE,
            },
        )
        .await?;
    let mut items = vec![];
    for g in &rows {
        items.push(context! {
            id => g.id.to_string(),
            name => g.name,
            access => g.access,
            territory => names::territory_name(&state, &g.territory),
            challenge => challenge_label(&all_challenges, &g.challenge),
            members => g.members,
            threads => g.threads,
        });
    }
    let pages = ((total + PER_PAGE - 1) / PER_PAGE).max(1);
    let moderator = ctx.user.as_ref().is_some_and(|u| is_moderator(&u.person));
    // The filters again in the pagination links.
    let query: String = url::form_urlencoded::Serializer::new(String::new())
        .append_pair("theme", &theme)
        .append_pair("territoire", &territory)
        .finish();
    Ok(ctx.render(
        &state,
        "groupes/list.html",
        context! {
            items, total, page => page_no, pages, moderator, challenges, problems, query,
            filters => context! { theme, territoire => territory },
            filtered => !filter.challenge.is_empty() || !filter.territory.is_empty(),
        },
    ))
}

/// The form's values as typed.
#[derive(Deserialize, Default, serde::Serialize, Clone)]
pub struct GroupForm {
    #[serde(default)]
    name: String,
    #[serde(default)]
    description: String,
    #[serde(default)]
    territory: String,
    #[serde(default)]
    challenge: String,
    #[serde(default)]
    access: String,
}

impl GroupForm {
    pub(crate) fn from_api(
        name: String,
        description: String,
        territory: String,
        challenge: String,
        access: String,
    ) -> GroupForm {
        GroupForm {
            name,
            description,
            territory,
            challenge,
            access,
        }
    }
}

/// A group's challenge as the page names it: nothing when it has none.
fn challenge_label(challenges: &[(String, String)], code: &str) -> String {
    if code.is_empty() {
        return String::new();
    }
    names::challenge_name(challenges, code)
}

/// The challenges as the form's and the filter's options: (code, name) pairs.
fn options(challenges: &[(String, String)]) -> Vec<Value> {
    challenges
        .iter()
        .map(|(code, label)| {
            Value::from(vec![
                Value::from(code.as_str()),
                Value::from(label.as_str()),
            ])
        })
        .collect()
}

/// The group form: creating (`editing` None, posted to /groupes) or editing a group.
async fn render_form(
    ctx: &PageCtx,
    state: &AppState,
    values: &GroupForm,
    errors: Option<&FieldErrors>,
    editing: Option<Uuid>,
) -> Result<Response, AppError> {
    let challenges = options(&names::challenges(state, ctx.locale).await?);
    let action = match editing {
        Some(id) => format!("/groupes/{id}/modifier"),
        None => "/groupes".to_owned(),
    };
    let context = context! {
        values, challenges, action, editing => editing.map(|id| id.to_string()),
    };
    Ok(match errors {
        Some(e) => ctx.render_invalid(state, "groupes/form.html", e, context),
        None => ctx.render(state, "groupes/form.html", context),
    })
}

pub async fn new_form(
    ctx: PageCtx,
    State(state): State<AppState>,
    user: User,
) -> Result<Response, AppError> {
    if let Some(refused) = refuse_if_blocked(&state, user.confirmed()?).await? {
        return Ok(refused);
    }
    let values = GroupForm {
        access: "open".into(),
        ..GroupForm::default()
    };
    render_form(&ctx, &state, &values, None, None).await
}

/// Checks a group's fields; the territory is read as `territory_pick` reads it, the challenge
/// must be one of the list.
pub(crate) async fn validate_group(
    state: &AppState,
    f: &GroupForm,
) -> Result<(String, String, String, String, Access), FieldErrors> {
    let mut e = FieldErrors::new();
    let name = e.check("name", rules::group_name(&f.name));
    let description = e.check(
        "description",
        rules::markdown_text(&f.description, rules::DESCRIPTION_MAX, None),
    );
    let territory = if f.territory.trim().is_empty() {
        Some(String::new())
    } else {
        match pick(state.territories, &f.territory) {
            Ok(t) => Some(t.reference().to_string()),
            Err(_) => {
                e.add(
                    "territory",
                    essaim_domain::Invalid::new("groups-territory-unknown"),
                );
                None
            }
        }
    };
    let challenge = f.challenge.trim().to_owned();
    if !challenge.is_empty() {
        let known = state
            .store
            .challenges()
            .await
            .map(|all| all.iter().any(|c| c.code == challenge))
            .unwrap_or(false);
        if !known {
            e.add(
                "challenge",
                essaim_domain::Invalid::new("groups-challenge-unknown"),
            );
        }
    }
    let access = Access::parse(f.access.trim());
    if access.is_none() {
        e.add(
            "access",
            essaim_domain::Invalid::new("groups-access-invalid"),
        );
    }
    match (name, description, territory, access) {
        (Some(n), Some(d), Some(t), Some(a)) if e.is_empty() => Ok((n, d, t, challenge, a)),
        _ => Err(e),
    }
}

/// Creates the group with its creator as admin, following it.
pub(crate) async fn create_group(
    state: &AppState,
    person: &Person,
    fields: (String, String, String, String, Access),
) -> Result<Group, AppError> {
    let (name, description, territory, challenge, access) = fields;
    let now = utc_now();
    let group = state
        .store
        .create_group(&NewGroup {
            id: Uuid::now_v7(),
            name,
            description,
            territory,
            challenge,
            access: access.as_str().into(),
            created_by: person.id,
            created_at: now,
        })
        .await?;
    state
        .store
        .set_group_follow(person.id, group.id, true, now)
        .await?;
    crate::audit::record(
        state,
        Some(person.id),
        "group.create",
        group.id.to_string(),
        None,
        group.name.clone(),
    )
    .await?;
    Ok(group)
}

pub async fn create(
    ctx: PageCtx,
    State(state): State<AppState>,
    user: User,
    Form(f): Form<GroupForm>,
) -> Result<Response, AppError> {
    let person = user.confirmed()?;
    if let Some(refused) = refuse_if_blocked(&state, person).await? {
        return Ok(refused);
    }
    match validate_group(&state, &f).await {
        Ok(fields) => {
            let group = create_group(&state, person, fields).await?;
            Ok(see_other(&format!("/groupes/{}", group.id)))
        }
        Err(e) => render_form(&ctx, &state, &f, Some(&e), None).await,
    }
}

/// The group, if this person manages it (403 otherwise).
async fn managed(state: &AppState, id: Uuid, user: &User) -> Result<(Group, Person), AppError> {
    let person = user.confirmed()?.clone();
    let g = find_group(state, id).await?;
    if !can_manage_group(state, &g, &person).await? {
        return Err(AppError::Forbidden);
    }
    Ok((g, person))
}

pub async fn edit_form(
    ctx: PageCtx,
    State(state): State<AppState>,
    user: User,
    Path(id): Path<Uuid>,
) -> Result<Response, AppError> {
    let (g, _) = managed(&state, id, &user).await?;
    let values = GroupForm {
        name: g.name.clone(),
        description: g.description.clone(),
        territory: g.territory.clone(),
        challenge: g.challenge.clone(),
        access: g.access.clone(),
    };
    render_form(&ctx, &state, &values, None, Some(g.id)).await
}

pub async fn update(
    ctx: PageCtx,
    State(state): State<AppState>,
    user: User,
    Path(id): Path<Uuid>,
    Form(f): Form<GroupForm>,
) -> Result<Response, AppError> {
    let (g, person) = managed(&state, id, &user).await?;
    let (name, description, territory, challenge, access) = match validate_group(&state, &f).await {
        Ok(fields) => fields,
        Err(e) => return render_form(&ctx, &state, &f, Some(&e), Some(g.id)).await,
    };
    let changed = Group {
        name,
        description,
        territory,
        challenge,
        access: access.as_str().into(),
        ..g
    };
    state.store.update_group(&changed).await?;
    crate::audit::record(
        &state,
        Some(person.id),
        "group.update",
        changed.id.to_string(),
        None,
        changed.name.clone(),
    )
    .await?;
    Ok(see_other(&format!(
        "/groupes/{}?notice=updated",
        changed.id
    )))
}

#[derive(Deserialize, Default)]
pub struct ShowQuery {
    #[serde(default)]
    notice: String,
    #[serde(default)]
    page: Option<String>,
}

pub async fn show(
    ctx: PageCtx,
    State(state): State<AppState>,
    Path(id): Path<Uuid>,
    Query(q): Query<ShowQuery>,
) -> Result<Response, AppError> {
    let g = find_group(&state, id).await?;
    let page = q
        .page
        .and_then(|p| p.trim().parse::<i64>().ok())
        .unwrap_or(1)
        .clamp(1, 10_000);
    render_group(&ctx, &state, &g, page, context! { notice => q.notice }).await
}

/// The group's page; `extra` carries a notice, or the refused thread form with its errors.
pub(super) async fn render_group(
    ctx: &PageCtx,
    state: &AppState,
    g: &Group,
    page: i64,
    extra: Value,
) -> Result<Response, AppError> {
    let person = ctx.user.as_ref().map(|u| &u.person);
    let readable = crate::groups::can_read_group(state, g, person).await?;
    let (role, may_post, manager, following) = match person {
        Some(p) => (
            role_in(state, g.id, p.id).await?,
            can_post_in_group(state, g, p).await?,
            can_manage_group(state, g, p).await?,
            state.store.follows_in_groups(p.id, g.id).await?,
        ),
        None => (None, false, false, false),
    };
    let blocked = match person {
        Some(p) => state.store.is_blocked_in_groups(p.id).await?,
        None => false,
    };
    let moderator = person.is_some_and(is_moderator);
    let threads: Vec<Value> = if readable {
        state
            .store
            .list_group_threads(
                g.id,
                Page {
                    limit: THREADS_PER_PAGE,
                    offset: (page - 1) * THREADS_PER_PAGE,
                },
            )
            .await?
            .iter()
            .map(|t| {
                context! {
                    id => t.id.to_string(),
                    title => crate::groups::shown_title(&state.i18n, ctx.locale, &t.title, t.title_hidden, moderator),
                    title_hidden => t.title_hidden,
                    author => t.author_name,
                    posts => t.posts, replies => t.posts - 1, last_post_at => paris(t.last_post_at),
                }
            })
            .collect()
    } else {
        vec![]
    };
    let members_all = state.store.list_group_members(g.id).await?;
    let members: Vec<Value> = members_all
        .iter()
        .filter(|m| m.role != Role::Pending.as_str())
        .map(|m| {
            context! {
                id => m.person_id.to_string(), name => m.display_name, role => m.role,
                handle => rules::handle(&m.display_name),
            }
        })
        .collect();
    let pending: Vec<Value> = if manager {
        members_all
            .iter()
            .filter(|m| m.role == Role::Pending.as_str())
            .map(|m| context! { id => m.person_id.to_string(), name => m.display_name })
            .collect()
    } else {
        vec![]
    };
    let view = group_view(state, g, ctx.locale).await?;
    Ok(ctx.render(
        state,
        "groupes/show.html",
        context! {
            g => view,
            readable,
            role => role.map(Role::as_str),
            may_post,
            manager,
            following,
            blocked,
            threads,
            page,
            has_next => readable && threads_len_is_full(page, state, g).await?,
            members,
            pending,
            signed_in => person.is_some(),
            ..extra
        },
    ))
}

async fn threads_len_is_full(page: i64, state: &AppState, g: &Group) -> Result<bool, AppError> {
    let next = state
        .store
        .list_group_threads(
            g.id,
            Page {
                limit: 1,
                offset: page * THREADS_PER_PAGE,
            },
        )
        .await?;
    Ok(!next.is_empty())
}

pub(super) fn with_status(mut page: Response, status: StatusCode) -> Response {
    *page.status_mut() = status;
    page
}

/// Joins an open group, or asks to join a closed one (its admins are told by mail).
pub async fn join(
    State(state): State<AppState>,
    ctx: PageCtx,
    user: User,
    Path(id): Path<Uuid>,
) -> Result<Response, AppError> {
    let person = user.confirmed()?;
    let g = find_group(&state, id).await?;
    if let Some(refused) = refuse_if_blocked(&state, person).await? {
        return Ok(refused);
    }
    let notice = match join_group(&state, &g, person, ctx.locale).await {
        Ok(n) => n,
        Err(e) => return explain_throttle(e, "groups-joining-throttled"),
    };
    Ok(see_other(&format!("/groupes/{}?notice={notice}", g.id)))
}

/// "joined", "requested" or "already"; the API says the same.
pub(crate) async fn join_group(
    state: &AppState,
    g: &Group,
    person: &Person,
    locale: Locale,
) -> Result<&'static str, AppError> {
    crate::throttle::check(
        state,
        crate::groups::JOINS_PER_PERSON,
        &person.id.to_string(),
    )
    .await?;
    let role = match crate::groups::access_of(g) {
        Access::Open => Role::Member,
        Access::Closed => Role::Pending,
    };
    let now = utc_now();
    if !state
        .store
        .add_group_membership(g.id, person.id, role.as_str(), now)
        .await?
    {
        return Ok("already");
    }
    crate::groups::settings_of(state.store.as_ref(), person.id, locale).await?;
    if role == Role::Member {
        state
            .store
            .set_group_follow(person.id, g.id, true, now)
            .await?;
        return Ok("joined");
    }
    // Tell the group's admins that someone waits; once a day for the same person.
    let key = format!("{}:{}", g.id, person.id);
    match crate::throttle::check(state, crate::groups::REQUEST_MAILS, &key).await {
        Ok(()) => {}
        Err(AppError::Throttled { .. }) => return Ok("requested"),
        Err(e) => return Err(e),
    }
    for admin in state
        .store
        .list_group_members(g.id)
        .await?
        .iter()
        .filter(|m| m.role == Role::Admin.as_str())
    {
        if let Some(a) = state.store.person(admin.person_id).await? {
            crate::mail::send(
                state,
                mail_locale(state, a.id, locale).await?,
                &a.email,
                "groups-mail-request",
                &[
                    ("group", rules::header_safe(&g.name, 150)),
                    ("name", rules::header_safe(&person.display_name, 80)),
                    (
                        "link",
                        format!("{}/groupes/{}", state.config.base_url, g.id),
                    ),
                ],
            )
            .await?;
        }
    }
    Ok("requested")
}

/// The language of mails to this person: the one of their settings, else `fallback`.
async fn mail_locale(state: &AppState, person: Uuid, fallback: Locale) -> Result<Locale, AppError> {
    Ok(state
        .store
        .group_settings(person)
        .await?
        .and_then(|s| Locale::parse(&s.locale))
        .unwrap_or(fallback))
}

pub async fn leave(
    State(state): State<AppState>,
    user: User,
    Path(id): Path<Uuid>,
) -> Result<Response, AppError> {
    let person = user.confirmed()?;
    let g = find_group(&state, id).await?;
    match state.store.remove_group_membership(g.id, person.id).await {
        Ok(_) => Ok(see_other(&format!("/groupes/{}?notice=left", g.id))),
        Err(essaim_store::StoreError::Conflict(code)) => Err(AppError::Conflict(code)),
        Err(e) => Err(e.into()),
    }
}

#[derive(Deserialize)]
pub struct DecisionForm {
    #[serde(default)]
    decision: String,
}

/// A group admin accepts or refuses a request to join.
pub async fn accept(
    State(state): State<AppState>,
    ctx: PageCtx,
    user: User,
    Path((id, who)): Path<(Uuid, Uuid)>,
    Form(f): Form<DecisionForm>,
) -> Result<Response, AppError> {
    let person = user.confirmed()?;
    let g = find_group(&state, id).await?;
    if !can_manage_group(&state, &g, person).await? {
        return Err(AppError::Forbidden);
    }
    let accept = match f.decision.as_str() {
        "accept" => true,
        "refuse" => false,
        _ => return Err(AppError::Unprocessable("groups-action-invalid")),
    };
    let notice = decide_request(&state, &g, person, who, accept, ctx.locale).await?;
    Ok(see_other(&format!("/groupes/{}?notice={notice}", g.id)))
}

pub(crate) async fn decide_request(
    state: &AppState,
    g: &Group,
    by: &Person,
    who: Uuid,
    accept: bool,
    locale: Locale,
) -> Result<&'static str, AppError> {
    if role_in(state, g.id, who).await? != Some(Role::Pending) {
        return Err(AppError::NotFound);
    }
    if accept {
        state
            .store
            .set_group_role(g.id, who, Role::Member.as_str())
            .await?;
        state
            .store
            .set_group_follow(who, g.id, true, utc_now())
            .await?;
        if let Some(p) = state.store.person(who).await? {
            crate::mail::send(
                state,
                mail_locale(state, p.id, locale).await?,
                &p.email,
                "groups-mail-accepted",
                &[
                    ("group", rules::header_safe(&g.name, 150)),
                    (
                        "link",
                        format!("{}/groupes/{}", state.config.base_url, g.id),
                    ),
                ],
            )
            .await?;
        }
    } else {
        state.store.remove_group_membership(g.id, who).await?;
    }
    crate::audit::record(
        state,
        Some(by.id),
        if accept {
            "group.request.accept"
        } else {
            "group.request.refuse"
        },
        g.id.to_string(),
        None,
        who.to_string(),
    )
    .await?;
    Ok(if accept { "accepted" } else { "refused" })
}

#[derive(Deserialize)]
pub struct MemberForm {
    #[serde(default)]
    action: String,
}

/// A group admin makes a member an admin ("promote"), an admin a member ("demote"), or
/// removes a member ("remove"); the group always keeps an admin (409 otherwise).
pub async fn manage_member(
    State(state): State<AppState>,
    user: User,
    Path((id, who)): Path<(Uuid, Uuid)>,
    Form(f): Form<MemberForm>,
) -> Result<Response, AppError> {
    let (g, person) = managed(&state, id, &user).await?;
    if !matches!(f.action.as_str(), "promote" | "demote" | "remove") {
        return Err(AppError::Unprocessable("groups-action-invalid"));
    }
    let role = role_in(&state, g.id, who).await?;
    if !role.is_some_and(Role::is_member) {
        return Err(AppError::NotFound);
    }
    let outcome = match f.action.as_str() {
        "promote" => {
            state
                .store
                .set_group_role(g.id, who, Role::Admin.as_str())
                .await
        }
        "demote" => {
            state
                .store
                .set_group_role(g.id, who, Role::Member.as_str())
                .await
        }
        _ => state
            .store
            .remove_group_membership(g.id, who)
            .await
            .map(|_| ()),
    };
    match outcome {
        Ok(()) => {}
        Err(essaim_store::StoreError::Conflict(code)) => return Err(AppError::Conflict(code)),
        Err(e) => return Err(e.into()),
    }
    crate::audit::record(
        &state,
        Some(person.id),
        &format!("group.member.{}", f.action),
        g.id.to_string(),
        None,
        who.to_string(),
    )
    .await?;
    Ok(see_other(&format!(
        "/groupes/{}?notice=member-{}",
        g.id, f.action
    )))
}

#[derive(Deserialize)]
pub struct FollowForm {
    #[serde(default)]
    follow: String,
}

/// Follows or stops following the group (those who may read it).
pub async fn follow(
    State(state): State<AppState>,
    ctx: PageCtx,
    user: User,
    Path(id): Path<Uuid>,
    Form(f): Form<FollowForm>,
) -> Result<Response, AppError> {
    let person = user.confirmed()?;
    let g = find_group(&state, id).await?;
    crate::groups::require_read(&state, &g, Some(person)).await?;
    crate::groups::settings_of(state.store.as_ref(), person.id, ctx.locale).await?;
    let on = f.follow == "1";
    state
        .store
        .set_group_follow(person.id, g.id, on, utc_now())
        .await?;
    let notice = if on { "followed" } else { "unfollowed" };
    Ok(see_other(&format!("/groupes/{}?notice={notice}", g.id)).into_response())
}
