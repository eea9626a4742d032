//! Configuration: defaults, then `essaim.toml` (if present), then `ESSAIM_*` environment
//! variables (`ESSAIM_SMTP__HOST` for nested keys), then command-line flags. An unknown key
//! anywhere stops start-up with a message naming it.

use essaim_web::SmtpConfig;
use figment::providers::{Env, Format, Serialized, Toml};
use figment::Figment;
use serde::{Deserialize, Serialize};
use std::path::Path;

#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct Config {
    /// `sqlite://essaim.db` (the default, created if missing) or `postgres://…`.
    pub database_url: String,
    /// The address to listen on.
    pub bind: String,
    /// The public address of the site, for links in e-mails; defaults to `http://<bind>`.
    pub base_url: Option<String>,
    /// Trust X-Forwarded-For for client addresses (only behind a reverse proxy).
    pub trust_proxy: bool,
    /// Largest request body accepted, in bytes.
    pub body_limit_bytes: usize,
    /// The From of e-mails.
    pub mail_from: String,
    /// An SMTP relay; without it, e-mails stay in the outbox (admin area).
    pub smtp: Option<SmtpConfig>,
    /// `text` or `json`.
    pub log_format: String,
    /// Connections in the PostgreSQL pool of this process.
    pub postgres_max_connections: u32,
    /// Reports by different people that hide a group post until a moderator decides.
    pub groups_report_threshold: u32,
}

impl Default for Config {
    fn default() -> Self {
        Config {
            database_url: "sqlite://essaim.db".into(),
            bind: "127.0.0.1:8080".into(),
            base_url: None,
            trust_proxy: false,
            body_limit_bytes: 1024 * 1024,
            mail_from: "Essaim <ne-pas-repondre@essaim.localhost>".into(),
            smtp: None,
            log_format: "text".into(),
            postgres_max_connections: 10,
            groups_report_threshold: 3,
        }
    }
}

impl Config {
    /// Reads the layers. `file` is `essaim.toml` unless ESSAIM_CONFIG names another.
    pub fn load(file: &Path) -> Result<Config, String> {
        Figment::from(Serialized::defaults(Config::default()))
            .merge(Toml::file(file))
            .merge(
                // These variables are not settings: the config file's path, the log filter, the
                // password of `admin create-user`, and the test suite's PostgreSQL server.
                Env::prefixed("ESSAIM_")
                    .ignore(&["config", "log", "new_password", "test_postgres_url"])
                    .split("__"),
            )
            .extract::<Config>()
            .map_err(|e| {
                e.into_iter()
                    .map(|err| format!("configuration error: {err}"))
                    .collect::<Vec<_>>()
                    .join("\n")
            })
            .and_then(Config::checked)
    }

    /// Values of the right type that still make no sense.
    fn checked(self) -> Result<Config, String> {
        if self.groups_report_threshold == 0 {
            return Err(
                "configuration error: groups_report_threshold must be at least 1 (reports that hide a post)"
                    .into(),
            );
        }
        Ok(self)
    }

    pub fn base_url(&self) -> String {
        self.base_url
            .clone()
            .unwrap_or_else(|| format!("http://{}", self.bind))
    }

    pub fn web(&self) -> essaim_web::WebConfig {
        let mut web = essaim_web::WebConfig::new(&self.base_url());
        web.trust_proxy = self.trust_proxy;
        web.body_limit_bytes = self.body_limit_bytes;
        web.smtp = self.smtp.clone();
        web.mail_from = self.mail_from.clone();
        web.groups_report_threshold = i64::from(self.groups_report_threshold);
        web
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    #[allow(clippy::result_large_err)] // figment's Jail API returns its own error type.
    fn layers_apply_in_order_and_unknown_keys_are_refused() {
        figment::Jail::expect_with(|jail| {
            jail.create_file(
                "essaim.toml",
                "bind = \"0.0.0.0:9000\"\nmail_from = \"a@b.fr\"\n",
            )?;
            jail.set_env("ESSAIM_MAIL_FROM", "c@d.fr");
            jail.set_env("ESSAIM_SMTP__HOST", "mail.exemple.fr");
            let c = Config::load(Path::new("essaim.toml")).unwrap();
            assert_eq!(c.bind, "0.0.0.0:9000");
            assert_eq!(c.mail_from, "c@d.fr");
            assert_eq!(c.smtp.as_ref().unwrap().host, "mail.exemple.fr");
            assert_eq!(c.smtp.unwrap().port, 25);
            assert_eq!(c.database_url, "sqlite://essaim.db");

            jail.create_file(
                "essaim.toml",
                "bind = \"0.0.0.0:9000\"\ncolour = \"blue\"\n",
            )?;
            let err = Config::load(Path::new("essaim.toml")).unwrap_err();
            assert!(err.contains("colour"), "{err}");

            jail.create_file("essaim.toml", "")?;
            jail.set_env("ESSAIM_DATABSE_URL", "typo");
            let err = Config::load(Path::new("essaim.toml")).unwrap_err();
            assert!(err.contains("databse_url"), "{err}");
            Ok(())
        });
    }

    #[test]
    #[allow(clippy::result_large_err)]
    fn the_report_threshold_reaches_the_web_layer_and_zero_is_refused() {
        figment::Jail::expect_with(|jail| {
            jail.create_file("essaim.toml", "groups_report_threshold = 5\n")?;
            let c = Config::load(Path::new("essaim.toml")).unwrap();
            assert_eq!(c.web().groups_report_threshold, 5);
            assert_eq!(Config::default().web().groups_report_threshold, 3);

            jail.create_file("essaim.toml", "groups_report_threshold = 0\n")?;
            let err = Config::load(Path::new("essaim.toml")).unwrap_err();
            assert!(err.contains("groups_report_threshold"), "{err}");
            Ok(())
        });
    }
}
