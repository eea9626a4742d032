//! HTML templates (minijinja, auto-escaped), compiled into the binary so that `essaim` runs
//! from any folder. Every template gets `t(id, **args)` for translations; the language comes
//! from the `lang` variable of the page context.

use crate::i18n::{I18n, Locale};
use fluent_bundle::{FluentArgs, FluentValue};
use minijinja::value::{Kwargs, Value, ValueKind};
use minijinja::{Environment, State};
use std::sync::Arc;

macro_rules! templates {
    ($($name:literal),* $(,)?) => {
        &[$(($name, include_str!(concat!("../templates/", $name)))),*]
    };
}

const TEMPLATES: &[(&str, &str)] = templates![
    "base.html",
    "macros.html",
    "error.html",
    "home.html",
    "message.html",
    "accounts/signup.html",
    "accounts/signin.html",
    "accounts/reset_request.html",
    "accounts/reset_form.html",
    "account/index.html",
    "account/export.html",
    "account/delete.html",
    "structures/list.html",
    "structures/show.html",
    "structures/form.html",
    "structures/members.html",
    "structures/invitation.html",
    "admin/people.html",
    "admin/outbox.html",
    "admin/audit.html",
    "admin/challenges.html",
    "admin/import.html",
    "pages/accessibilite.html",
    "pages/mentions_legales.html",
    "pages/confidentialite.html",
    "pages/data.html",
    "territories.html",
    "initiatives/catalogue.html",
    "initiatives/show.html",
    "initiatives/form.html",
    "initiatives/history.html",
    "initiatives/fork.html",
    "initiatives/lineage.html",
    "initiatives/image.html",
    "initiatives/proposals.html",
    "debats/macros.html",
    "debats/list.html",
    "debats/form.html",
    "debats/show.html",
    "debats/_vote.html",
    "debats/_my_votes.html",
    "debats/results.html",
    "debats/report.html",
    "debats/moderation.html",
    "tirages/macros.html",
    "tirages/list.html",
    "tirages/form.html",
    "tirages/show.html",
    "tirages/manage.html",
    "groupes/list.html",
    "groupes/form.html",
    "groupes/show.html",
    "groupes/thread.html",
    "groupes/moderation.html",
    "groupes/notifications.html",
    "groupes/unsubscribe.html",
    "reseau/macros.html",
    "reseau/badges.html",
    "reseau/index.html",
    "reseau/structure.html",
    "reseau/labels.html",
    "reseau/label.html",
    "reseau/accompaniment.html",
    "entraide/macros.html",
    "entraide/list.html",
    "entraide/form.html",
    "entraide/show.html",
    "entraide/matches.html",
    "entraide/conversation.html",
    "entraide/conversations.html",
    "impact/catalogue.html",
    "impact/indicator.html",
    "impact/propose.html",
    "impact/plan.html",
    "impact/entry_form.html",
    "impact/measurement_form.html",
    "blocages/list.html",
    "blocages/form.html",
    "blocages/show.html",
    "blocages/summary.html",
    "blocages/hackers.html",
    "appels/list.html",
    "appels/form.html",
    "appels/not_funder.html",
    "appels/show.html",
    "appels/apply.html",
    "appels/application.html",
    "appels/mine.html",
    "appels/results.html",
    "appels/_initiative.html",
    "appels/_decision.html",
    "evaluation/reviewers.html",
    "evaluation/table.html",
    "evaluation/mine.html",
    "evaluation/score.html",
    "evaluation/conflict.html",
    "evaluation/decisions.html",
    "evaluation/decision.html",
    "veille/list.html",
    "autoevaluation/radar.html",
    "autoevaluation/list.html",
    "autoevaluation/form.html",
    "autoevaluation/show.html",
    "contrats/list.html",
    "contrats/form.html",
    "contrats/show.html",
    "barometre/figures.html",
    "barometre/show.html",
    "barometre/compare.html",
    "evenements/list.html",
    "evenements/show.html",
    "evenements/form.html",
    "evenements/attendees.html",
    "defis/list.html",
    "defis/form.html",
    "defis/show.html",
    "hackathons/show.html",
    "hackathons/settings.html",
    "hackathons/participation.html",
    "hackathons/teams.html",
    "hackathons/team.html",
    "jury/jury.html",
    "jury/teams.html",
    "jury/score.html",
    "jury/ranking.html",
    "jury/results.html",
    "incubation/list.html",
    "incubation/show.html",
    "cafe/_nav.html",
    "cafe/settings.html",
    "cafe/participants.html",
    "cafe/plan.html",
    "cafe/itineraries.html",
    "cafe/tables.html",
    "cafe/live.html",
    "cafe/harvest.html",
    "cafe/synthesis.html",
    "collecte/room.html",
    "collecte/_item.html",
    "collecte/_form.html",
    "collecte/item.html",
    "collecte/join.html",
    "collecte/enter.html",
    "collecte/closed.html",
];

pub struct Templates {
    env: Environment<'static>,
}

impl Templates {
    pub fn load(i18n: Arc<I18n>) -> Templates {
        let mut env = Environment::new();
        env.set_auto_escape_callback(|_| minijinja::AutoEscape::Html);
        env.set_undefined_behavior(minijinja::UndefinedBehavior::Chainable);
        for (name, source) in TEMPLATES {
            env.add_template(name, source)
                .unwrap_or_else(|e| panic!("template {name}: {e}"));
        }
        env.add_function(
            "t",
            move |state: &State, id: String, kwargs: Kwargs| -> String {
                let locale = state
                    .lookup("lang")
                    .and_then(|v| v.as_str().and_then(Locale::parse))
                    .unwrap_or(Locale::Fr);
                let mut args = FluentArgs::new();
                for key in kwargs.args() {
                    let value = kwargs.get::<Value>(key).unwrap_or_default();
                    match i64::try_from(value.clone()) {
                        Ok(n) if value.kind() == ValueKind::Number => {
                            args.set(key, FluentValue::from(n))
                        }
                        _ => args.set(key, FluentValue::from(value.to_string())),
                    }
                }
                i18n.format(locale, &id, &args)
            },
        );
        env.add_filter("datetime", |v: String| -> String {
            // RFC 3339 in, "2026-11-24 06:05 UTC" out: readable in both languages.
            chrono::DateTime::parse_from_rfc3339(&v)
                .map(|d| d.format("%Y-%m-%d %H:%M UTC").to_string())
                .unwrap_or(v)
        });
        Templates { env }
    }

    pub fn render(&self, name: &str, context: Value) -> Result<String, minijinja::Error> {
        self.env.get_template(name)?.render(context)
    }
}
