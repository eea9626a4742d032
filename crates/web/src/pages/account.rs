//! The account page: profile, e-mail and password changes (after re-entering the password),
//! personal API tokens, the structures the person belongs to.

use super::accounts::{issue_token, link, message_page, CONFIRM, EMAIL_CHANGE};
use super::{form_errors, see_other, PageCtx};
use crate::auth::{random_secret, secret_hash, ClientIp, Credential, User};
use crate::error::AppError;
use crate::state::AppState;
use crate::{audit, mail, passwords};
use axum::extract::{Path, State};
use axum::response::Response;
use axum::routing::{get, post};
use axum::{Form, Router};
use chrono::Duration;
use essaim_domain::invalid::FieldErrors;
use essaim_domain::person::Profile;
use essaim_domain::text::{clean_line, DisplayName, LineCodes};
use essaim_domain::{Email, Invalid, Password};
use essaim_store::{utc_now, ApiToken};
use minijinja::{context, Value};
use serde::Deserialize;
use uuid::Uuid;

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/compte", get(account_page))
        .route("/compte/profil", post(update_profile))
        .route("/compte/email", post(change_email))
        .route("/compte/mot-de-passe", post(change_password))
        .route("/compte/confirmation", post(resend_confirmation))
        .route("/compte/jetons", post(create_token))
        .route("/compte/jetons/{id}/revoquer", post(revoke_token))
}

/// Which form of the page failed, so that its errors show next to it and nowhere else.
async fn render_account(
    ctx: &PageCtx,
    state: &AppState,
    user: &User,
    extra: Value,
) -> Result<Response, AppError> {
    let person = user.person();
    let tokens = state.store.api_tokens_of(person.id).await?;
    let structures = state.store.structures_of(person.id).await?;
    let tokens: Vec<Value> = tokens
        .iter()
        .map(|t| context! { id => t.id.to_string(), name => t.name, created_at => t.created_at.to_rfc3339(), last_used_at => t.last_used_at.map(|d| d.to_rfc3339()) })
        .collect();
    let structures: Vec<Value> = structures
        .iter()
        .map(|(s, role)| context! { id => s.id.to_string(), name => s.name, role => role.as_str() })
        .collect();
    let profiles: Vec<Value> = Profile::ALL
        .iter()
        .map(|p| context! { value => p.as_str(), checked => person.profiles.contains(p) })
        .collect();
    Ok(ctx.render(
        state,
        "account/index.html",
        context! {
            person => context! { name => person.display_name, email => person.email, confirmed => person.email_confirmed_at.is_some() },
            profiles, tokens, structures, ..extra
        },
    ))
}

async fn account_page(
    ctx: PageCtx,
    State(state): State<AppState>,
    user: User,
) -> Result<Response, AppError> {
    render_account(&ctx, &state, &user, context! {}).await
}

fn invalid(ctx: &PageCtx, state: &AppState, form: &str, errors: &FieldErrors) -> Value {
    context! { failed_form => form, errors => form_errors(state, ctx.locale, errors) }
}

fn with_status(response: Result<Response, AppError>) -> Result<Response, AppError> {
    response.map(|mut r| {
        *r.status_mut() = axum::http::StatusCode::UNPROCESSABLE_ENTITY;
        r
    })
}

/// HTML checkboxes send a repeated key; `serde_urlencoded` cannot gather them into a Vec, so
/// the form is read as pairs.
async fn update_profile(
    ctx: PageCtx,
    State(state): State<AppState>,
    user: User,
    Form(pairs): Form<Vec<(String, String)>>,
) -> Result<Response, AppError> {
    let name = pairs
        .iter()
        .find(|(k, _)| k == "name")
        .map(|(_, v)| v.as_str())
        .unwrap_or("");
    let mut errors = FieldErrors::new();
    let mut profiles = vec![];
    for (_, value) in pairs.iter().filter(|(k, _)| k == "profiles") {
        match Profile::parse(value) {
            Some(p) if !profiles.contains(&p) => profiles.push(p),
            Some(_) => {}
            None => errors.add("profiles", Invalid::new("profile_invalid")),
        }
    }
    let name = errors.check("name", DisplayName::parse(name));
    match name {
        Some(name) if errors.is_empty() => {
            state
                .store
                .update_profile(user.person().id, name.as_str(), &profiles)
                .await?;
            Ok(see_other("/compte?enregistre=profil"))
        }
        _ => with_status(
            render_account(
                &ctx,
                &state,
                &user,
                invalid(&ctx, &state, "profile", &errors),
            )
            .await,
        ),
    }
}

#[derive(Deserialize)]
struct EmailForm {
    #[serde(default)]
    email: String,
    #[serde(default)]
    current_password: String,
}

pub(super) async fn check_password(
    state: &AppState,
    user: &User,
    password: &str,
) -> Result<bool, AppError> {
    let hash = state
        .store
        .password_hash(user.person().id)
        .await?
        .unwrap_or_default();
    Ok(passwords::verify(password.to_owned(), hash).await)
}

async fn change_email(
    ctx: PageCtx,
    State(state): State<AppState>,
    user: User,
    Form(form): Form<EmailForm>,
) -> Result<Response, AppError> {
    let mut errors = FieldErrors::new();
    let email = errors.check("email", Email::parse(&form.email));
    if !check_password(&state, &user, &form.current_password).await? {
        errors.add("current_password", Invalid::new("current_password_wrong"));
    }
    let Some(email) = email.filter(|_| errors.is_empty()) else {
        let extra =
            context! { email_value => form.email, ..invalid(&ctx, &state, "email", &errors) };
        return with_status(render_account(&ctx, &state, &user, extra).await);
    };
    // The change happens when the new address proves it receives mail. If it already has an
    // account, that shows only at confirmation, to the person who owns both mailboxes.
    let token = issue_token(
        &state,
        EMAIL_CHANGE,
        Some(user.person().id),
        email.as_str().to_owned(),
        Duration::days(1),
    )
    .await?;
    let args = [
        ("name", user.person().display_name.clone()),
        ("link", link(&state, "/confirmation", &token)),
    ];
    mail::send(
        &state,
        ctx.locale,
        email.as_str(),
        "mail-email-change",
        &args,
    )
    .await?;
    Ok(message_page(
        &ctx,
        &state,
        "email-change-sent-title",
        "email-change-sent-body",
    ))
}

#[derive(Deserialize)]
struct PasswordForm {
    #[serde(default)]
    current_password: String,
    #[serde(default)]
    new_password: String,
}

async fn change_password(
    ctx: PageCtx,
    ClientIp(ip): ClientIp,
    State(state): State<AppState>,
    user: User,
    Form(form): Form<PasswordForm>,
) -> Result<Response, AppError> {
    let mut errors = FieldErrors::new();
    if !check_password(&state, &user, &form.current_password).await? {
        errors.add("current_password", Invalid::new("current_password_wrong"));
    }
    let password = errors.check(
        "new_password",
        Password::parse(&form.new_password, Some(&user.person().email)),
    );
    let Some(password) = password.filter(|_| errors.is_empty()) else {
        return with_status(
            render_account(
                &ctx,
                &state,
                &user,
                invalid(&ctx, &state, "password", &errors),
            )
            .await,
        );
    };
    let id = user.person().id;
    state
        .store
        .set_password_hash(id, &passwords::hash(password.expose().to_owned()).await?)
        .await?;
    // Every other session ends: whoever knew the old password is out.
    let keep = match &user.0.credential {
        Credential::Session(hash) => Some(hash.as_str()),
        Credential::ApiToken => None,
    };
    state.store.delete_sessions_of(id, keep).await?;
    audit::record(
        &state,
        Some(id),
        "password_changed",
        format!("person:{id}"),
        Some(&ip),
        String::new(),
    )
    .await?;
    Ok(see_other("/compte?enregistre=mot-de-passe"))
}

async fn resend_confirmation(
    ctx: PageCtx,
    State(state): State<AppState>,
    user: User,
) -> Result<Response, AppError> {
    let person = user.person();
    if person.email_confirmed_at.is_none() {
        state
            .store
            .revoke_tokens(person.id, CONFIRM, utc_now())
            .await?;
        let token = issue_token(
            &state,
            CONFIRM,
            Some(person.id),
            String::new(),
            Duration::days(2),
        )
        .await?;
        let args = [
            ("name", person.display_name.clone()),
            ("link", link(&state, "/confirmation", &token)),
        ];
        mail::send(&state, ctx.locale, &person.email, "mail-confirm", &args).await?;
    }
    Ok(message_page(
        &ctx,
        &state,
        "signup-done-title",
        "signup-done-body",
    ))
}

#[derive(Deserialize)]
struct TokenForm {
    #[serde(default)]
    name: String,
}

const TOKEN_NAME_CODES: LineCodes = LineCodes {
    required: "token_name_required",
    too_short: "token_name_required",
    too_long: "field_too_long",
};

async fn create_token(
    ctx: PageCtx,
    State(state): State<AppState>,
    user: User,
    Form(form): Form<TokenForm>,
) -> Result<Response, AppError> {
    let name = match clean_line(&form.name, 1, 80, TOKEN_NAME_CODES) {
        Ok(n) => n,
        Err(e) => {
            let mut errors = FieldErrors::new();
            errors.add("token_name", e);
            return with_status(
                render_account(&ctx, &state, &user, invalid(&ctx, &state, "token", &errors)).await,
            );
        }
    };
    let (token, secret) = new_api_token(&state, user.person().id, name).await?;
    // The secret is shown once, now; only its hash is kept.
    render_account(
        &ctx,
        &state,
        &user,
        context! { new_token => secret, new_token_name => token.name },
    )
    .await
}

/// Creates a personal API token; returns it and the secret to give to the person.
pub async fn new_api_token(
    state: &AppState,
    person_id: Uuid,
    name: String,
) -> Result<(ApiToken, String), AppError> {
    let secret = format!("essaim_{}{}", random_secret(), random_secret());
    let token = ApiToken {
        id: Uuid::now_v7(),
        person_id,
        name,
        created_at: utc_now(),
        last_used_at: None,
    };
    state
        .store
        .create_api_token(token.clone(), &secret_hash(&secret))
        .await?;
    Ok((token, secret))
}

async fn revoke_token(
    State(state): State<AppState>,
    user: User,
    Path(id): Path<Uuid>,
) -> Result<Response, AppError> {
    if !state.store.revoke_api_token(user.person().id, id).await? {
        return Err(AppError::NotFound);
    }
    Ok(see_other("/compte?enregistre=jeton"))
}
