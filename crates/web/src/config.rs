use serde::{Deserialize, Serialize};

/// What the web layer needs to know about its deployment.
#[derive(Debug, Clone)]
pub struct WebConfig {
    /// The public address of the site, used in e-mailed links (`http://127.0.0.1:8080`).
    pub base_url: String,
    /// Mark cookies Secure; on when `base_url` is https.
    pub secure_cookies: bool,
    /// Take the client address from X-Forwarded-For (only behind a trusted reverse proxy).
    pub trust_proxy: bool,
    pub body_limit_bytes: usize,
    pub smtp: Option<SmtpConfig>,
    /// The From of e-mails.
    pub mail_from: String,
    /// Reports by different people that hide a group post until a moderator decides.
    pub groups_report_threshold: i64,
}

impl WebConfig {
    pub fn new(base_url: &str) -> WebConfig {
        WebConfig {
            base_url: base_url.trim_end_matches('/').to_owned(),
            secure_cookies: base_url.starts_with("https://"),
            trust_proxy: false,
            body_limit_bytes: 1024 * 1024,
            smtp: None,
            mail_from: "Essaim <ne-pas-repondre@essaim.localhost>".into(),
            groups_report_threshold: 3,
        }
    }
}

/// An SMTP relay. Without one, e-mails stay in the outbox, readable in the admin area.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq, Eq)]
#[serde(deny_unknown_fields)]
pub struct SmtpConfig {
    pub host: String,
    #[serde(default = "default_smtp_port")]
    pub port: u16,
    #[serde(default)]
    pub username: Option<String>,
    #[serde(default)]
    pub password: Option<String>,
}

fn default_smtp_port() -> u16 {
    25
}
