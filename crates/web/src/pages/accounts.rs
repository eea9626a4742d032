//! Getting an account and getting in: sign-up, e-mail confirmation, sign-in, sign-out,
//! password reset. No answer here tells whether an e-mail address has an account.

use super::{see_other, PageCtx};
use crate::auth::{self, secret_hash, ClientIp, User};
use crate::error::AppError;
use crate::i18n::Locale;
use crate::state::AppState;
use crate::{audit, mail, passwords, throttle};
use axum::extract::{Query, State};
use axum::http::header::SET_COOKIE;
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use axum::{Form, Router};
use chrono::Duration;
use essaim_domain::invalid::FieldErrors;
use essaim_domain::text::DisplayName;
use essaim_domain::{Email, Invalid, Password};
use essaim_store::{utc_now, NewPerson, NewToken, StoreError, TokenOutcome};
use minijinja::context;
use serde::Deserialize;
use uuid::Uuid;

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/inscription", get(signup_form).post(signup))
        .route("/confirmation", get(confirm_form).post(confirm))
        .route("/connexion", get(signin_form).post(signin))
        .route("/deconnexion", post(signout))
        .route(
            "/mot-de-passe/oubli",
            get(reset_request_form).post(reset_request),
        )
        .route("/mot-de-passe/nouveau", get(reset_form).post(reset))
}

pub const CONFIRM: &str = "confirm";
pub const EMAIL_CHANGE: &str = "email_change";
pub const RESET: &str = "reset";

/// Creates a single-use token and returns the secret to put in the link.
pub async fn issue_token(
    state: &AppState,
    purpose: &'static str,
    person_id: Option<Uuid>,
    payload: String,
    ttl: Duration,
) -> Result<String, AppError> {
    let secret = auth::random_secret();
    let now = utc_now();
    state
        .store
        .create_token(NewToken {
            hash: secret_hash(&secret),
            purpose,
            person_id,
            payload,
            created_at: now,
            expires_at: now + ttl,
        })
        .await?;
    Ok(secret)
}

pub fn link(state: &AppState, path: &str, token: &str) -> String {
    format!("{}{path}?jeton={token}", state.config.base_url)
}

/// A page with one message (and an optional link), for the ends of flows.
pub fn message_page(ctx: &PageCtx, state: &AppState, title: &str, body: &str) -> Response {
    ctx.render(
        state,
        "message.html",
        context! { title => ctx.t(state, title), body => ctx.t(state, body) },
    )
}

#[derive(Deserialize, Default)]
struct SignupForm {
    #[serde(default)]
    email: String,
    #[serde(default)]
    name: String,
    #[serde(default)]
    password: String,
}

async fn signup_form(ctx: PageCtx, State(state): State<AppState>) -> Response {
    ctx.render(
        &state,
        "accounts/signup.html",
        context! { values => context!{} },
    )
}

async fn signup(
    ctx: PageCtx,
    ClientIp(ip): ClientIp,
    State(state): State<AppState>,
    Form(form): Form<SignupForm>,
) -> Result<Response, AppError> {
    throttle::check(&state, throttle::SIGN_UP_PER_ADDRESS, &ip).await?;
    let mut errors = FieldErrors::new();
    let email = errors.check("email", Email::parse(&form.email));
    let name = errors.check("name", DisplayName::parse(&form.name));
    let password = errors.check(
        "password",
        Password::parse(&form.password, email.as_ref().map(Email::as_str)),
    );
    let (Some(email), Some(name), Some(password)) = (email, name, password) else {
        let values = context! { email => form.email, name => form.name };
        return Ok(ctx.render_invalid(
            &state,
            "accounts/signup.html",
            &errors,
            context! { values },
        ));
    };
    register(&state, ctx.locale, &email, &name, &password).await?;
    Ok(message_page(
        &ctx,
        &state,
        "signup-done-title",
        "signup-done-body",
    ))
}

/// Creates the account and mails a confirmation link; when the address already has an account,
/// mails its owner instead. The caller answers the same in both cases.
pub async fn register(
    state: &AppState,
    locale: Locale,
    email: &Email,
    name: &DisplayName,
    password: &Password,
) -> Result<(), AppError> {
    let hash = passwords::hash(password.expose().to_owned()).await?;
    let created = state
        .store
        .create_person(NewPerson {
            id: Uuid::now_v7(),
            email: email.as_str().to_owned(),
            display_name: name.as_str().to_owned(),
            password_hash: hash,
            email_confirmed_at: None,
            roles: vec![],
            created_at: utc_now(),
        })
        .await;
    match created {
        Ok(person) => {
            let token = issue_token(
                state,
                CONFIRM,
                Some(person.id),
                String::new(),
                Duration::days(2),
            )
            .await?;
            let args = [
                ("name", person.display_name.clone()),
                ("link", link(state, "/confirmation", &token)),
            ];
            mail::send(state, locale, &person.email, "mail-confirm", &args).await
        }
        Err(StoreError::EmailTaken) => {
            let args = [(
                "link",
                format!("{}/mot-de-passe/oubli", state.config.base_url),
            )];
            mail::send(
                state,
                locale,
                email.as_str(),
                "mail-already-registered",
                &args,
            )
            .await
        }
        Err(e) => Err(e.into()),
    }
}

#[derive(Deserialize)]
pub struct TokenQuery {
    #[serde(default)]
    pub jeton: String,
}

pub fn token_problem(outcome: &TokenOutcome) -> Option<&'static str> {
    match outcome {
        TokenOutcome::Valid(_) => None,
        TokenOutcome::Expired => Some("token_expired"),
        TokenOutcome::Used => Some("token_used"),
        TokenOutcome::Unknown => Some("token_unknown"),
    }
}

/// The confirmation link leads to a button: a GET must not change anything (mail scanners
/// follow links), so the confirmation itself is a POST.
async fn confirm_form(
    ctx: PageCtx,
    State(state): State<AppState>,
    Query(q): Query<TokenQuery>,
) -> Result<Response, AppError> {
    let hash = secret_hash(&q.jeton);
    let mut outcome = state.store.peek_token(&hash, CONFIRM, utc_now()).await?;
    let mut purpose = CONFIRM;
    if outcome == TokenOutcome::Unknown {
        outcome = state
            .store
            .peek_token(&hash, EMAIL_CHANGE, utc_now())
            .await?;
        purpose = EMAIL_CHANGE;
    }
    if let Some(problem) = token_problem(&outcome) {
        return Ok(token_error(&ctx, &state, problem));
    }
    let title = if purpose == CONFIRM {
        "confirm-title"
    } else {
        "email-change-confirm-title"
    };
    Ok(ctx.render(
        &state,
        "message.html",
        context! { title => ctx.t(&state, title), body => ctx.t(&state, "confirm-body"), action => "/confirmation", token => q.jeton, button => ctx.t(&state, "confirm-button") },
    ))
}

pub fn token_error(ctx: &PageCtx, state: &AppState, problem: &str) -> Response {
    let page = message_page(ctx, state, "token-problem-title", problem);
    (axum::http::StatusCode::GONE, page).into_response()
}

async fn confirm(
    ctx: PageCtx,
    ClientIp(ip): ClientIp,
    State(state): State<AppState>,
    Form(q): Form<TokenQuery>,
) -> Result<Response, AppError> {
    let hash = secret_hash(&q.jeton);
    let now = utc_now();
    let outcome = state.store.consume_token(&hash, CONFIRM, now).await?;
    if let TokenOutcome::Valid(token) = &outcome {
        let person_id = token.person_id.ok_or(AppError::NotFound)?;
        state.store.confirm_email(person_id, now).await?;
        return Ok(message_page(
            &ctx,
            &state,
            "confirmed-title",
            "confirmed-body",
        ));
    }
    let outcome = state.store.consume_token(&hash, EMAIL_CHANGE, now).await?;
    let TokenOutcome::Valid(token) = outcome else {
        return Ok(token_error(
            &ctx,
            &state,
            token_problem(&outcome).unwrap_or("token_unknown"),
        ));
    };
    let person_id = token.person_id.ok_or(AppError::NotFound)?;
    match state.store.set_email(person_id, &token.payload, now).await {
        Ok(()) => {}
        Err(StoreError::EmailTaken) => {
            return Ok(message_page(
                &ctx,
                &state,
                "token-problem-title",
                "email_taken_now",
            ))
        }
        Err(e) => return Err(e.into()),
    }
    audit::record(
        &state,
        Some(person_id),
        "email_changed",
        format!("person:{person_id}"),
        Some(&ip),
        // Not the address: the log outlives an erased account and may hold no e-mail.
        String::new(),
    )
    .await?;
    Ok(message_page(
        &ctx,
        &state,
        "email-changed-title",
        "email-changed-body",
    ))
}

#[derive(Deserialize, Default)]
struct SigninQuery {
    #[serde(default)]
    suivant: String,
}

#[derive(Deserialize)]
struct SigninForm {
    #[serde(default)]
    email: String,
    #[serde(default)]
    password: String,
    #[serde(default)]
    suivant: String,
}

/// Only a path of this site is followed after sign-in (no open redirect).
fn safe_next(next: &str) -> &str {
    if next.starts_with('/') && !next.starts_with("//") && !next.contains('\\') {
        next
    } else {
        "/compte"
    }
}

async fn signin_form(
    ctx: PageCtx,
    State(state): State<AppState>,
    Query(q): Query<SigninQuery>,
) -> Response {
    ctx.render(
        &state,
        "accounts/signin.html",
        context! { values => context!{ suivant => q.suivant } },
    )
}

async fn signin(
    ctx: PageCtx,
    ClientIp(ip): ClientIp,
    State(state): State<AppState>,
    Form(form): Form<SigninForm>,
) -> Result<Response, AppError> {
    let email = form.email.trim().to_lowercase();
    throttle::check(&state, throttle::SIGN_IN_PER_ADDRESS, &ip).await?;
    throttle::check(&state, throttle::SIGN_IN_PER_ACCOUNT, &email).await?;
    let person = state.store.person_by_email(&email).await?;
    let hash = match &person {
        Some(p) => state.store.password_hash(p.id).await?.unwrap_or_default(),
        None => passwords::dummy_hash().to_owned(),
    };
    let valid = passwords::verify(form.password, hash).await;
    let Some(person) = person.filter(|_| valid) else {
        let subject = audit::email_fingerprint(&email);
        audit::record(
            &state,
            None,
            "sign_in_failed",
            subject,
            Some(&ip),
            String::new(),
        )
        .await?;
        let mut errors = FieldErrors::new();
        errors.add("email", Invalid::new("signin_failed"));
        let values = context! { email => form.email, suivant => form.suivant };
        return Ok(ctx.render_invalid(
            &state,
            "accounts/signin.html",
            &errors,
            context! { values },
        ));
    };
    // Sign-in replaces any session this browser had.
    if let Some(crate::auth::CurrentUser {
        credential: crate::auth::Credential::Session(old),
        ..
    }) = &ctx.user
    {
        state.store.delete_session(old).await?;
    }
    let cookie = auth::start_session(&state, person.id).await?;
    audit::record(
        &state,
        Some(person.id),
        "sign_in",
        format!("person:{}", person.id),
        Some(&ip),
        String::new(),
    )
    .await?;
    let mut response = see_other(safe_next(&form.suivant));
    response.headers_mut().append(SET_COOKIE, cookie);
    response
        .headers_mut()
        .append(SET_COOKIE, auth::new_csrf_cookie(&state));
    Ok(response)
}

async fn signout(State(state): State<AppState>, User(user): User) -> Result<Response, AppError> {
    if let crate::auth::Credential::Session(hash) = &user.credential {
        state.store.delete_session(hash).await?;
    }
    let mut response = see_other("/");
    response
        .headers_mut()
        .append(SET_COOKIE, auth::end_session_cookie(&state));
    Ok(response)
}

#[derive(Deserialize, Default)]
struct ResetRequestForm {
    #[serde(default)]
    email: String,
}

async fn reset_request_form(ctx: PageCtx, State(state): State<AppState>) -> Response {
    ctx.render(
        &state,
        "accounts/reset_request.html",
        context! { values => context!{} },
    )
}

async fn reset_request(
    ctx: PageCtx,
    ClientIp(ip): ClientIp,
    State(state): State<AppState>,
    Form(form): Form<ResetRequestForm>,
) -> Result<Response, AppError> {
    throttle::check(&state, throttle::RESET_PER_ADDRESS, &ip).await?;
    let email = match Email::parse(&form.email) {
        Ok(e) => e,
        Err(invalid) => {
            let mut errors = FieldErrors::new();
            errors.add("email", invalid);
            let values = context! { email => form.email };
            return Ok(ctx.render_invalid(
                &state,
                "accounts/reset_request.html",
                &errors,
                context! { values },
            ));
        }
    };
    throttle::check(&state, throttle::RESET_PER_ACCOUNT, email.as_str()).await?;
    request_reset(&state, ctx.locale, &email).await?;
    Ok(message_page(
        &ctx,
        &state,
        "reset-sent-title",
        "reset-sent-body",
    ))
}

/// Sends a reset link when the address has an account; does nothing visible otherwise.
pub async fn request_reset(
    state: &AppState,
    locale: Locale,
    email: &Email,
) -> Result<(), AppError> {
    if let Some(person) = state.store.person_by_email(email.as_str()).await? {
        state
            .store
            .revoke_tokens(person.id, RESET, utc_now())
            .await?;
        let token = issue_token(
            state,
            RESET,
            Some(person.id),
            String::new(),
            Duration::hours(1),
        )
        .await?;
        let args = [
            ("name", person.display_name.clone()),
            ("link", link(state, "/mot-de-passe/nouveau", &token)),
        ];
        mail::send(state, locale, &person.email, "mail-reset", &args).await?;
    }
    Ok(())
}

#[derive(Deserialize)]
struct ResetForm {
    #[serde(default)]
    pub jeton: String,
    #[serde(default)]
    password: String,
}

async fn reset_form(
    ctx: PageCtx,
    State(state): State<AppState>,
    Query(q): Query<TokenQuery>,
) -> Result<Response, AppError> {
    let outcome = state
        .store
        .peek_token(&secret_hash(&q.jeton), RESET, utc_now())
        .await?;
    if let Some(problem) = token_problem(&outcome) {
        return Ok(token_error(&ctx, &state, problem));
    }
    Ok(ctx.render(
        &state,
        "accounts/reset_form.html",
        context! { token => q.jeton },
    ))
}

async fn reset(
    ctx: PageCtx,
    ClientIp(ip): ClientIp,
    State(state): State<AppState>,
    Form(form): Form<ResetForm>,
) -> Result<Response, AppError> {
    let hash = secret_hash(&form.jeton);
    let now = utc_now();
    let TokenOutcome::Valid(token) = state.store.peek_token(&hash, RESET, now).await? else {
        return Ok(token_error(&ctx, &state, "token_unknown"));
    };
    let person_id = token.person_id.ok_or(AppError::NotFound)?;
    let person = state
        .store
        .person(person_id)
        .await?
        .ok_or(AppError::NotFound)?;
    let password = match Password::parse(&form.password, Some(&person.email)) {
        Ok(p) => p,
        Err(invalid) => {
            let mut errors = FieldErrors::new();
            errors.add("password", invalid);
            return Ok(ctx.render_invalid(
                &state,
                "accounts/reset_form.html",
                &errors,
                context! { token => form.jeton },
            ));
        }
    };
    let outcome = state.store.consume_token(&hash, RESET, now).await?;
    if let Some(problem) = token_problem(&outcome) {
        return Ok(token_error(&ctx, &state, problem));
    }
    let new_hash = passwords::hash(password.expose().to_owned()).await?;
    state.store.set_password_hash(person_id, &new_hash).await?;
    state.store.delete_sessions_of(person_id, None).await?;
    // Having the link proves the mailbox: confirm the address if it was not yet.
    state.store.confirm_email(person_id, now).await?;
    audit::record(
        &state,
        Some(person_id),
        "password_reset",
        format!("person:{person_id}"),
        Some(&ip),
        String::new(),
    )
    .await?;
    Ok(message_page(
        &ctx,
        &state,
        "reset-done-title",
        "reset-done-body",
    ))
}
