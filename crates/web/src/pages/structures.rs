//! Structures: the public list and page, creation and editing by managers, members and
//! invitations by e-mail link.

use super::accounts::{issue_token, link, message_page};
use super::{see_other, PageCtx};
use crate::auth::{ClientIp, User};
use crate::error::AppError;
use crate::state::AppState;
use crate::{audit, mail};
use axum::extract::{Path, Query, State};
use axum::response::Response;
use axum::routing::{get, post};
use axum::{Form, Router};
use chrono::Duration;
use essaim_domain::invalid::FieldErrors;
use essaim_domain::structure::{MemberRole, StructureInput, StructureKind};
use essaim_domain::territory_pick::pick;
use essaim_domain::Email;
use essaim_store::{utc_now, Page, Person, StoreError, Structure, TokenOutcome};
use minijinja::{context, Value};
use serde::Deserialize;
use uuid::Uuid;

pub const INVITE: &str = "invite";
const PER_PAGE: i64 = 30;

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/structures", get(list).post(create))
        .route("/structures/nouvelle", get(new_form))
        .route("/structures/{id}", get(show))
        .route("/structures/{id}/modifier", get(edit_form).post(update))
        .route("/structures/{id}/membres", get(members_page))
        .route("/structures/{id}/membres/inviter", post(invite))
        .route(
            "/structures/{id}/membres/{person_id}/retirer",
            post(remove_member),
        )
        .route("/invitations", get(invitation_page).post(accept_invitation))
        .route("/territoires", get(territories_page))
}

/// Who may change a structure: its managers, and platform admins.
pub async fn can_manage(
    state: &AppState,
    structure_id: Uuid,
    person: &Person,
) -> Result<bool, AppError> {
    if person.is_admin() {
        return Ok(true);
    }
    Ok(state.store.membership(structure_id, person.id).await? == Some(MemberRole::Manager))
}

pub async fn find(state: &AppState, id: Uuid) -> Result<Structure, AppError> {
    state.store.structure(id).await?.ok_or(AppError::NotFound)
}

/// A structure as templates and the API show it, with its territory's name.
pub fn structure_view(state: &AppState, s: &Structure) -> Value {
    let territory = s
        .territory
        .as_deref()
        .and_then(|r| state.territories.resolve(r).ok());
    context! {
        id => s.id.to_string(),
        name => s.name,
        kind => s.kind.as_str(),
        siret => s.siret,
        rna => s.rna,
        territory => territory.map(|t| context! { reference => t.reference().to_string(), name => t.name, code => t.code, level => t.level.as_str() }),
        description_html => essaim_domain::markdown::render(&s.description),
        description => s.description,
        website => s.website,
        created_at => s.created_at.to_rfc3339(),
    }
}

fn kinds() -> Vec<&'static str> {
    StructureKind::ALL.iter().map(|k| k.as_str()).collect()
}

#[derive(Deserialize, Default)]
struct ListQuery {
    #[serde(default)]
    q: String,
    #[serde(default)]
    type_: Option<String>,
    #[serde(default)]
    page: Option<i64>,
}

async fn list(
    ctx: PageCtx,
    State(state): State<AppState>,
    Query(q): Query<Vec<(String, String)>>,
) -> Result<Response, AppError> {
    let get = |k: &str| q.iter().find(|(key, _)| key == k).map(|(_, v)| v.clone());
    let query = ListQuery {
        q: get("q").unwrap_or_default(),
        type_: get("type"),
        page: get("page").and_then(|p| p.parse().ok()),
    };
    let kind = query
        .type_
        .as_deref()
        .filter(|k| !k.is_empty())
        .and_then(|k| StructureKind::parse(k).ok());
    let search = Some(query.q.trim()).filter(|s| !s.is_empty());
    let page_no = query.page.unwrap_or(1).clamp(1, 10_000);
    let total = state.store.count_structures(search, kind).await?;
    let rows = state
        .store
        .list_structures(
            search,
            kind,
            Page {
                limit: PER_PAGE,
                offset: (page_no - 1) * PER_PAGE,
            },
        )
        .await?;
    let items: Vec<Value> = rows.iter().map(|s| structure_view(&state, s)).collect();
    let pages = ((total + PER_PAGE - 1) / PER_PAGE).max(1);
    Ok(ctx.render(
        &state,
        "structures/list.html",
        context! { items, total, page => page_no, pages, q => query.q, kind => kind.map(StructureKind::as_str), kinds => kinds() },
    ))
}

async fn new_form(
    ctx: PageCtx,
    State(state): State<AppState>,
    user: User,
) -> Result<Response, AppError> {
    user.confirmed()?;
    Ok(ctx.render(
        &state,
        "structures/form.html",
        context! { values => StructureInput::default(), kinds => kinds(), action => "/structures" },
    ))
}

/// Validates a structure form: territory typed as a name is resolved first; on failure the
/// form comes back with its values, a message per field and territory suggestions.
fn validate_form(
    ctx: &PageCtx,
    state: &AppState,
    mut input: StructureInput,
    action: String,
    extra: Value,
) -> Result<essaim_domain::structure::StructureFields, Box<Response>> {
    let mut suggestions: Vec<Value> = vec![];
    if !input.territory.trim().is_empty() {
        match pick(state.territories, &input.territory) {
            Ok(t) => input.territory = t.reference().to_string(),
            Err(candidates) => {
                suggestions = candidates
                    .iter()
                    .map(|t| context! { reference => t.reference().to_string(), name => t.name, level => t.level.as_str(), code => t.code })
                    .collect();
            }
        }
    }
    input.validate(state.territories).map_err(|errors| {
        Box::new(ctx.render_invalid(
            state,
            "structures/form.html",
            &errors,
            context! { values => input, kinds => kinds(), action, suggestions, ..extra },
        ))
    })
}

async fn create(
    ctx: PageCtx,
    State(state): State<AppState>,
    user: User,
    Form(input): Form<StructureInput>,
) -> Result<Response, AppError> {
    let person = user.confirmed()?;
    let fields = match validate_form(&ctx, &state, input, "/structures".into(), context! {}) {
        Ok(f) => f,
        Err(page) => return Ok(*page),
    };
    let s = state
        .store
        .create_structure(Uuid::now_v7(), &fields, person.id, utc_now())
        .await?;
    Ok(see_other(&format!("/structures/{}", s.id)))
}

async fn show(
    ctx: PageCtx,
    State(state): State<AppState>,
    Path(id): Path<Uuid>,
) -> Result<Response, AppError> {
    let s = find(&state, id).await?;
    let members = state.store.members(id).await?;
    let manage = match &ctx.user {
        Some(u) => can_manage(&state, id, &u.person).await?,
        None => false,
    };
    let members: Vec<Value> = members
        .iter()
        .map(|m| context! { name => m.display_name, role => m.role.as_str() })
        .collect();
    let network = super::network::structure_badges(&state, id, ctx.locale).await?;
    Ok(ctx.render(
        &state,
        "structures/show.html",
        context! { s => structure_view(&state, &s), members, manage, network },
    ))
}

async fn edit_form(
    ctx: PageCtx,
    State(state): State<AppState>,
    user: User,
    Path(id): Path<Uuid>,
) -> Result<Response, AppError> {
    let s = find(&state, id).await?;
    if !can_manage(&state, id, user.person()).await? {
        return Err(AppError::Forbidden);
    }
    let values = StructureInput {
        name: s.name.clone(),
        kind: s.kind.as_str().into(),
        siret: s.siret.clone().unwrap_or_default(),
        rna: s.rna.clone().unwrap_or_default(),
        territory: s.territory.clone().unwrap_or_default(),
        description: s.description.clone(),
        website: s.website.clone().unwrap_or_default(),
    };
    Ok(ctx.render(
        &state,
        "structures/form.html",
        context! { values, kinds => kinds(), action => format!("/structures/{id}/modifier"), editing => true, s => structure_view(&state, &s) },
    ))
}

async fn update(
    ctx: PageCtx,
    State(state): State<AppState>,
    user: User,
    Path(id): Path<Uuid>,
    Form(input): Form<StructureInput>,
) -> Result<Response, AppError> {
    let s = find(&state, id).await?;
    if !can_manage(&state, id, user.person()).await? {
        return Err(AppError::Forbidden);
    }
    let editing = context! { editing => true, s => structure_view(&state, &s) };
    let fields = match validate_form(
        &ctx,
        &state,
        input,
        format!("/structures/{id}/modifier"),
        editing,
    ) {
        Ok(f) => f,
        Err(page) => return Ok(*page),
    };
    state.store.update_structure(id, &fields, utc_now()).await?;
    Ok(see_other(&format!("/structures/{id}")))
}

async fn members_page(
    ctx: PageCtx,
    State(state): State<AppState>,
    user: User,
    Path(id): Path<Uuid>,
) -> Result<Response, AppError> {
    let s = find(&state, id).await?;
    if !can_manage(&state, id, user.person()).await? {
        return Err(AppError::Forbidden);
    }
    render_members(&ctx, &state, &s, context! {}).await
}

async fn render_members(
    ctx: &PageCtx,
    state: &AppState,
    s: &Structure,
    extra: Value,
) -> Result<Response, AppError> {
    let members = state.store.members(s.id).await?;
    let members: Vec<Value> = members
        .iter()
        .map(|m| context! { person_id => m.person_id.to_string(), name => m.display_name, role => m.role.as_str(), joined_at => m.joined_at.to_rfc3339() })
        .collect();
    Ok(ctx.render(
        state,
        "structures/members.html",
        context! { s => structure_view(state, s), members, ..extra },
    ))
}

#[derive(Deserialize)]
struct InviteForm {
    #[serde(default)]
    email: String,
    #[serde(default)]
    role: String,
}

/// What an invitation token carries: which structure, which role, which address.
pub fn invitation_payload(structure_id: Uuid, role: MemberRole, email: &Email) -> String {
    format!("{structure_id}|{}|{}", role.as_str(), email.as_str())
}

pub fn parse_invitation(payload: &str) -> Option<(Uuid, MemberRole, String)> {
    let mut parts = payload.splitn(3, '|');
    let id = parts.next()?.parse().ok()?;
    let role = MemberRole::parse(parts.next()?).ok()?;
    Some((id, role, parts.next()?.to_owned()))
}

/// Sends an invitation by e-mail; shared with the API.
pub async fn send_invitation(
    state: &AppState,
    locale: crate::i18n::Locale,
    inviter: &Person,
    s: &Structure,
    email: &Email,
    role: MemberRole,
) -> Result<(), AppError> {
    let token = issue_token(
        state,
        INVITE,
        Some(inviter.id),
        invitation_payload(s.id, role, email),
        Duration::days(7),
    )
    .await?;
    let args = [
        ("inviter", inviter.display_name.clone()),
        ("structure", s.name.clone()),
        ("link", link(state, "/invitations", &token)),
    ];
    mail::send(state, locale, email.as_str(), "mail-invitation", &args).await
}

async fn invite(
    ctx: PageCtx,
    State(state): State<AppState>,
    user: User,
    Path(id): Path<Uuid>,
    Form(form): Form<InviteForm>,
) -> Result<Response, AppError> {
    let s = find(&state, id).await?;
    let inviter = user.confirmed()?;
    if !can_manage(&state, id, inviter).await? {
        return Err(AppError::Forbidden);
    }
    let mut errors = FieldErrors::new();
    let email = errors.check("email", Email::parse(&form.email));
    let role = errors.check("role", MemberRole::parse(&form.role));
    let (Some(email), Some(role)) = (email, role) else {
        let extra = context! { values => context! { email => form.email, role => form.role }, errors => super::form_errors(&state, ctx.locale, &errors) };
        let mut page = render_members(&ctx, &state, &s, extra).await?;
        *page.status_mut() = axum::http::StatusCode::UNPROCESSABLE_ENTITY;
        return Ok(page);
    };
    send_invitation(&state, ctx.locale, inviter, &s, &email, role).await?;
    render_members(&ctx, &state, &s, context! { invited => email.as_str() }).await
}

async fn remove_member(
    ClientIp(ip): ClientIp,
    State(state): State<AppState>,
    user: User,
    Path((id, person_id)): Path<(Uuid, Uuid)>,
) -> Result<Response, AppError> {
    let me = user.person();
    remove_member_checked(&state, me, id, person_id, &ip).await?;
    // A manager goes back to the members page; a person who left, to their account.
    Ok(if me.id == person_id {
        see_other("/compte")
    } else {
        see_other(&format!("/structures/{id}/membres"))
    })
}

/// Removes a member, for pages and API alike: a member may leave, only a manager (or an
/// admin) may remove someone else, and the last manager stays.
pub async fn remove_member_checked(
    state: &AppState,
    me: &Person,
    id: Uuid,
    person_id: Uuid,
    ip: &str,
) -> Result<(), AppError> {
    find(state, id).await?;
    if me.id != person_id && !can_manage(state, id, me).await? {
        return Err(AppError::Forbidden);
    }
    match state.store.remove_member(id, person_id).await {
        Ok(true) => {}
        Ok(false) => return Err(AppError::NotFound),
        Err(StoreError::LastManager) => return Err(AppError::Conflict("last_manager")),
        Err(e) => return Err(e.into()),
    }
    let (subject, detail) = (format!("structure:{id}"), format!("person:{person_id}"));
    audit::record(
        state,
        Some(me.id),
        "member_removed",
        subject,
        Some(ip),
        detail,
    )
    .await
}

#[derive(Deserialize)]
struct TokenQuery {
    #[serde(default)]
    jeton: String,
}

async fn invitation_page(
    ctx: PageCtx,
    State(state): State<AppState>,
    Query(q): Query<TokenQuery>,
) -> Result<Response, AppError> {
    let outcome = state
        .store
        .peek_token(&crate::auth::secret_hash(&q.jeton), INVITE, utc_now())
        .await?;
    let TokenOutcome::Valid(token) = outcome else {
        let problem = super::accounts::token_problem(&outcome).unwrap_or("token_unknown");
        return Ok(message_page(&ctx, &state, "token-problem-title", problem));
    };
    let (structure_id, role, email) = parse_invitation(&token.payload).ok_or(AppError::NotFound)?;
    let s = find(&state, structure_id).await?;
    Ok(ctx.render(
        &state,
        "structures/invitation.html",
        context! { s => structure_view(&state, &s), role => role.as_str(), email, token => q.jeton },
    ))
}

async fn accept_invitation(
    ctx: PageCtx,
    ClientIp(ip): ClientIp,
    State(state): State<AppState>,
    user: User,
    Form(form): Form<TokenQuery>,
) -> Result<Response, AppError> {
    let person = user.person();
    let hash = crate::auth::secret_hash(&form.jeton);
    let now = utc_now();
    let TokenOutcome::Valid(token) = state.store.peek_token(&hash, INVITE, now).await? else {
        return Ok(message_page(
            &ctx,
            &state,
            "token-problem-title",
            "token_unknown",
        ));
    };
    let (structure_id, role, email) = parse_invitation(&token.payload).ok_or(AppError::NotFound)?;
    // The invitation is for one address: the person must hold it, confirmed.
    if person.email != email || person.email_confirmed_at.is_none() {
        return Ok(message_page(
            &ctx,
            &state,
            "token-problem-title",
            "invitation_other_email",
        ));
    }
    if !matches!(
        state.store.consume_token(&hash, INVITE, now).await?,
        TokenOutcome::Valid(_)
    ) {
        return Ok(message_page(
            &ctx,
            &state,
            "token-problem-title",
            "token_used",
        ));
    }
    match state
        .store
        .add_member(structure_id, person.id, role, now)
        .await
    {
        Ok(()) | Err(StoreError::AlreadyMember) => {}
        Err(e) => return Err(e.into()),
    }
    audit::record(
        &state,
        Some(person.id),
        "member_joined",
        format!("structure:{structure_id}"),
        Some(&ip),
        role.as_str().into(),
    )
    .await?;
    Ok(see_other(&format!("/structures/{structure_id}")))
}

#[derive(Deserialize)]
struct TerritoryQuery {
    #[serde(default)]
    q: String,
}

/// The territory lookup without JavaScript: type a name or a number, read the codes.
async fn territories_page(
    ctx: PageCtx,
    State(state): State<AppState>,
    Query(q): Query<TerritoryQuery>,
) -> Response {
    let hits: Vec<Value> = state
        .territories
        .search(&q.q, 50)
        .iter()
        .map(|t| context! { reference => t.reference().to_string(), name => t.name, level => t.level.as_str(), code => t.code, postal_codes => t.postal_codes, population => t.population })
        .collect();
    ctx.render(&state, "territories.html", context! { q => q.q, hits })
}
