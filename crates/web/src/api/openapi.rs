//! The OpenAPI document, gathered from the handlers' annotations.

use crate::state::AppState;
use axum::routing::get;
use axum::{Json, Router};
use serde::Serialize;
use utoipa::openapi::security::{HttpAuthScheme, HttpBuilder, SecurityScheme};
use utoipa::{Modify, OpenApi, ToSchema};

/// Every error of the API.
#[derive(Serialize, ToSchema)]
pub struct ErrorBody {
    /// Stable snake_case code, e.g. `invalid_json`, `too_many_requests`, `territory_unknown`.
    code: String,
    /// The code explained, in the language of Accept-Language (French by default).
    message: String,
    /// For invalid input: one entry per refused field.
    fields: Option<Vec<FieldError>>,
}

#[derive(Serialize, ToSchema)]
pub struct FieldError {
    field: String,
    code: String,
    message: String,
}

struct BearerAuth;

impl Modify for BearerAuth {
    fn modify(&self, openapi: &mut utoipa::openapi::OpenApi) {
        let components = openapi.components.get_or_insert_with(Default::default);
        components.add_security_scheme(
            "bearer",
            SecurityScheme::Http(
                HttpBuilder::new()
                    .scheme(HttpAuthScheme::Bearer)
                    .description(Some("A personal API token, created on the account page"))
                    .build(),
            ),
        );
    }
}

#[derive(OpenApi)]
#[openapi(
    info(title = "Essaim API", description = "The JSON API of Essaim, the open platform of a territory's social innovation."),
    paths(
        super::territories::search, super::territories::one,
        super::accounts::sign_up, super::accounts::reset,
        super::me::me, super::me::update_me, super::me::tokens, super::me::revoke,
        super::structures::list, super::structures::one, super::structures::create, super::structures::update,
        super::structures::members, super::structures::remove_member, super::structures::invite,
        super::admin::people, super::admin::set_roles, super::admin::audit,
        super::initiatives::list, super::initiatives::one, super::initiatives::create, super::initiatives::update,
        super::initiatives::revisions, super::initiatives::restore, super::initiatives::forks, super::initiatives::fork,
        super::deliberation::list, super::deliberation::one, super::deliberation::create, super::deliberation::statements,
        super::deliberation::propose, super::deliberation::moderate, super::deliberation::next, super::deliberation::vote,
        super::deliberation::results,
        super::sortition::list, super::sortition::one, super::sortition::inputs, super::sortition::volunteers,
        super::sortition::import, super::sortition::select, super::sortition::draw_panel,
        super::groups::list, super::groups::one, super::groups::create, super::groups::join, super::groups::threads, super::groups::open_thread, super::groups::thread, super::groups::reply, super::groups::report, super::groups::notifications, super::groups::set_notifications,
        super::groups::moderation_queue, super::groups::moderate, super::groups::moderate_account,
        super::network::structure_network, super::network::sign, super::network::withdraw, super::network::apply, super::network::labels, super::network::decide, super::network::log, super::network::add_log,
        super::network::remove, super::network::propose, super::network::accompaniment, super::network::answer, super::network::end,
        super::exchange::list, super::exchange::one, super::exchange::create, super::exchange::update, super::exchange::close, super::exchange::post_matches, super::exchange::contact,
        super::blockers::list, super::blockers::create, super::blockers::one, super::blockers::message, super::blockers::move_status, super::blockers::summary,
        super::news::list, super::news::create, super::news::remove,
        super::assessment::list, super::assessment::create, super::assessment::one, super::assessment::publication,
        super::outcomes::list, super::outcomes::one, super::outcomes::create, super::outcomes::signature,
        super::barometer::barometer,
        super::events::list, super::events::one, super::events::create, super::events::update, super::events::cancel, super::events::my_registration, super::events::register, super::events::unregister, super::events::attendees,
        super::defis::list, super::defis::one, super::defis::create, super::defis::update,
        super::hackathons::settings, super::hackathons::save_settings, super::hackathons::participants, super::hackathons::participate, super::hackathons::teams, super::hackathons::form_teams, super::hackathons::publish, super::hackathons::workspace,
        super::jury::jury, super::jury::add_criterion, super::jury::add_juror, super::jury::juror_teams, super::jury::score, super::jury::results, super::jury::publish,
        super::jury::incubations, super::jury::incubation, super::jury::add_update, super::jury::add_milestone, super::jury::edit_milestone,
        super::cafe::settings, super::cafe::put_settings, super::cafe::plan, super::cafe::schedule, super::cafe::synthesis, super::cafe::harvest,
        super::collecte::open, super::collecte::one, super::collecte::items, super::collecte::close, super::collecte::merge, super::collecte::discard, super::collecte::convert, super::collecte::submit,
        super::review::reviewers, super::review::add_reviewer, super::review::remove_reviewer, super::review::assignments, super::review::assign, super::review::table, super::review::reviews, super::review::save_review, super::review::conflict, super::review::decision, super::review::decide, super::review::send,
        super::funding::list, super::funding::one, super::funding::create, super::funding::publish, super::funding::start, super::funding::application, super::funding::answers, super::funding::upload, super::funding::download, super::funding::submit, super::funding::withdraw,
        super::impact::indicators, super::impact::indicator, super::impact::propose, super::impact::decide, super::impact::plan, super::impact::add_entry, super::impact::remove_entry, super::impact::record, super::impact::measurement, super::impact::edit, super::impact::verify,
    ),
    modifiers(&BearerAuth)
)]
pub struct ApiDoc;

pub fn router() -> Router<AppState> {
    Router::new().route("/openapi.json", get(|| async { Json(ApiDoc::openapi()) }))
}
