//! The HTML pages. Each file holds one family of pages and exposes `router()`; this module
//! gathers them and holds what they share: the page context and form-error rendering.

mod account;
pub(crate) mod accounts;
pub(crate) mod admin;
pub(crate) mod assessment;
mod assets;
pub(crate) mod barometer;
pub(crate) mod blockers;
pub(crate) mod cafe;
pub(crate) mod collecte;
mod data;
pub(crate) mod defis;
pub(crate) mod deliberation;
pub(crate) mod events;
pub(crate) mod exchange;
pub(crate) mod funding;
pub(crate) mod groups;
pub(crate) mod hackathons;
mod home;
pub(crate) mod impact;
pub(crate) mod incubation;
pub(crate) mod initiatives;
pub(crate) mod jury;
pub(crate) mod names;
pub(crate) mod network;
pub(crate) mod news;
pub(crate) mod outcomes;
mod personal_data;
pub(crate) mod review;
mod sortition;
pub(crate) mod structures;

use crate::auth::{CsrfToken, CurrentUser};
use crate::i18n::Locale;
use crate::state::AppState;
use axum::extract::FromRequestParts;
use axum::http::request::Parts;
use axum::response::{Html, IntoResponse, Response};
use axum::Router;
use essaim_domain::invalid::FieldErrors;
use minijinja::Value;
use serde::Serialize;

pub fn router() -> Router<AppState> {
    Router::new()
        .merge(home::router())
        .merge(assets::router())
        .merge(accounts::router())
        .merge(account::router())
        .merge(personal_data::router())
        .merge(structures::router())
        .merge(admin::router())
        .merge(initiatives::router())
        .merge(data::router())
        .merge(deliberation::router())
        .merge(sortition::router())
        .merge(network::router())
        .merge(exchange::router())
        .merge(groups::router())
        .merge(blockers::router())
        .merge(news::router())
        .merge(funding::router())
        .merge(review::router())
        .merge(impact::router())
        .merge(assessment::router())
        .merge(outcomes::router())
        .merge(barometer::router())
        .merge(events::router())
        .merge(defis::router())
        .merge(hackathons::router())
        .merge(jury::router())
        .merge(incubation::router())
        .merge(cafe::router())
        .merge(collecte::router())
}

#[derive(Serialize)]
struct UserView<'a> {
    name: &'a str,
    email: &'a str,
    is_admin: bool,
    confirmed: bool,
}

/// Renders `template` inside the layout with what every page needs: language, signed-in
/// person, CSRF token, current path (for the language switch and the active menu entry).
pub fn render_page(
    state: &AppState,
    locale: Locale,
    user: Option<&CurrentUser>,
    csrf: Option<&CsrfToken>,
    path: &str,
    template: &str,
    context: Value,
) -> Html<String> {
    let user_view = user.map(|u| UserView {
        name: &u.person.display_name,
        email: &u.person.email,
        is_admin: u.person.is_admin(),
        confirmed: u.person.email_confirmed_at.is_some(),
    });
    let base = minijinja::context! {
        lang => locale.as_str(),
        other_lang => match locale { Locale::Fr => "en", Locale::En => "fr" },
        user => user_view,
        csrf => csrf.map(|c| c.0.as_str()).unwrap_or(""),
        path => path,
        css => assets::CSS_PATH,
        debats_js => assets::DEBATS_JS_PATH,
    };
    let merged = minijinja::context! { ..context, ..base };
    match state.templates.render(template, merged) {
        Ok(html) => Html(html),
        Err(e) => {
            tracing::error!(template, error = %e, "template failed");
            Html(format!(
                "<!doctype html><title>Erreur</title><p>{}</p>",
                state.i18n.t(locale, "internal_error")
            ))
        }
    }
}

/// What a page handler needs to render: language, person, CSRF token, path.
pub struct PageCtx {
    pub locale: Locale,
    pub user: Option<CurrentUser>,
    pub csrf: CsrfToken,
    pub path: String,
}

impl<S: Send + Sync> FromRequestParts<S> for PageCtx {
    type Rejection = std::convert::Infallible;
    async fn from_request_parts(parts: &mut Parts, _: &S) -> Result<Self, Self::Rejection> {
        Ok(PageCtx {
            locale: crate::i18n::locale_of(&parts.headers),
            user: parts.extensions.get::<CurrentUser>().cloned(),
            csrf: parts
                .extensions
                .get::<CsrfToken>()
                .cloned()
                .unwrap_or(CsrfToken(String::new())),
            path: parts.uri.path().to_owned(),
        })
    }
}

impl PageCtx {
    pub fn render(&self, state: &AppState, template: &str, context: Value) -> Response {
        render_page(
            state,
            self.locale,
            self.user.as_ref(),
            Some(&self.csrf),
            &self.path,
            template,
            context,
        )
        .into_response()
    }

    /// Re-renders a form with the values typed and a message per field, status 422.
    pub fn render_invalid(
        &self,
        state: &AppState,
        template: &str,
        errors: &FieldErrors,
        context: Value,
    ) -> Response {
        let messages = form_errors(state, self.locale, errors);
        let ctx = minijinja::context! { errors => messages, ..context };
        (
            axum::http::StatusCode::UNPROCESSABLE_ENTITY,
            self.render(state, template, ctx),
        )
            .into_response()
    }

    pub fn t(&self, state: &AppState, id: &str) -> String {
        state.i18n.t(self.locale, id)
    }
}

#[derive(Serialize)]
pub struct FieldMessage {
    pub field: &'static str,
    pub message: String,
}

/// Field errors translated, in form order: a list for the error summary, and the same entries
/// by field for the messages under each field.
pub fn form_errors(state: &AppState, locale: Locale, errors: &FieldErrors) -> Value {
    let list: Vec<FieldMessage> = errors
        .0
        .iter()
        .map(|(field, invalid)| FieldMessage {
            field,
            message: state.i18n.t(locale, invalid.code),
        })
        .collect();
    let by_field: std::collections::BTreeMap<&str, String> =
        list.iter().map(|m| (m.field, m.message.clone())).collect();
    minijinja::context! { list => list, by_field => by_field }
}

/// A redirect after a successful POST (303, so the browser follows with GET).
pub fn see_other(to: &str) -> Response {
    axum::response::Redirect::to(to).into_response()
}
