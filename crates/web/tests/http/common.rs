//! `TestApp`: the whole site on a free port of 127.0.0.1, on a fresh database (SQLite file or
//! PostgreSQL database on the throwaway server), with a cookie-keeping client.

#![allow(dead_code)]

use essaim_store::{OutgoingMail, Store};
use essaim_web::{AppState, WebConfig};
use reqwest::cookie::{CookieStore, Jar};
use reqwest::redirect::Policy;
use std::net::SocketAddr;
use std::sync::Arc;

#[derive(Clone, Copy, Debug)]
pub enum Backend {
    Sqlite,
    Postgres,
}

pub struct TestApp {
    pub url: String,
    pub store: Arc<dyn Store>,
    pub client: reqwest::Client,
    pub jar: Arc<Jar>,
    _dir: Option<tempfile::TempDir>,
}

pub async fn store_for(backend: Backend) -> Option<(Arc<dyn Store>, Option<tempfile::TempDir>)> {
    match backend {
        Backend::Sqlite => {
            let dir = tempfile::tempdir().unwrap();
            let store =
                essaim_sqlite::SqliteStore::open(dir.path().join("essaim.db").to_str().unwrap())
                    .await
                    .unwrap();
            store.migrate().await.unwrap();
            Some((Arc::new(store), Some(dir)))
        }
        Backend::Postgres => {
            let url = essaim_testkit::postgres::server()?.fresh_database();
            let store = essaim_postgres::PgStore::open(&url, 5).await.unwrap();
            store.migrate().await.unwrap();
            Some((Arc::new(store), None))
        }
    }
}

impl TestApp {
    pub async fn spawn(backend: Backend) -> Option<TestApp> {
        Self::spawn_with(backend, |_| {}).await
    }

    pub async fn spawn_with(
        backend: Backend,
        configure: impl FnOnce(&mut WebConfig),
    ) -> Option<TestApp> {
        let (store, dir) = store_for(backend).await?;
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
        let addr = listener.local_addr().unwrap();
        let url = format!("http://{addr}");
        let mut config = WebConfig::new(&url);
        configure(&mut config);
        let state = AppState::new(store.clone(), config);
        state.catalogue.sync(&*store).await.unwrap();
        let app = essaim_web::app(state);
        tokio::spawn(async move {
            axum::serve(
                listener,
                app.into_make_service_with_connect_info::<SocketAddr>(),
            )
            .await
            .unwrap();
        });
        let jar = Arc::new(Jar::default());
        let client = reqwest::Client::builder()
            .cookie_provider(jar.clone())
            .redirect(Policy::none())
            .build()
            .unwrap();
        Some(TestApp {
            url,
            store,
            client,
            jar,
            _dir: dir,
        })
    }

    /// A second browser on the same site (its own cookies).
    pub fn new_browser(&self) -> (reqwest::Client, Arc<Jar>) {
        let jar = Arc::new(Jar::default());
        let client = reqwest::Client::builder()
            .cookie_provider(jar.clone())
            .redirect(Policy::none())
            .build()
            .unwrap();
        (client, jar)
    }

    /// Another person's browser on the same site and database.
    pub fn other_browser(&self) -> TestApp {
        let (client, jar) = self.new_browser();
        TestApp {
            url: self.url.clone(),
            store: self.store.clone(),
            client,
            jar,
            _dir: None,
        }
    }

    pub fn at(&self, path: &str) -> String {
        format!("{}{path}", self.url)
    }

    pub async fn get(&self, path: &str) -> reqwest::Response {
        self.client.get(self.at(path)).send().await.unwrap()
    }

    pub async fn get_html(&self, path: &str) -> (u16, String) {
        let r = self.get(path).await;
        (r.status().as_u16(), r.text().await.unwrap())
    }

    /// This browser's CSRF token, from its cookie (fetching a page first if it has none).
    pub async fn csrf(&self) -> String {
        if let Some(v) = self.cookie("essaim_csrf") {
            return v;
        }
        self.get("/").await;
        self.cookie("essaim_csrf")
            .expect("the site sets a CSRF cookie")
    }

    pub fn cookie(&self, name: &str) -> Option<String> {
        cookie_in(&self.jar, &self.url, name)
    }

    /// Posts a form with this browser's CSRF token added.
    pub async fn post_form(&self, path: &str, fields: &[(&str, &str)]) -> reqwest::Response {
        let csrf = self.csrf().await;
        let mut all: Vec<(&str, &str)> = fields.to_vec();
        all.push(("_csrf", &csrf));
        self.client
            .post(self.at(path))
            .form(&all)
            .send()
            .await
            .unwrap()
    }

    pub async fn outbox(&self) -> Vec<OutgoingMail> {
        self.store.list_mail(100).await.unwrap()
    }

    /// The first link to this site in the newest mail sent to `to`.
    pub async fn link_in_mail_to(&self, to: &str) -> String {
        let mail = self
            .outbox()
            .await
            .into_iter()
            .find(|m| m.to_address == to)
            .expect("a mail to that address");
        let start = mail.body.find(&self.url).expect("a link in the mail");
        let link: String = mail.body[start..]
            .chars()
            .take_while(|c| !c.is_whitespace())
            .collect();
        link.trim_start_matches(&self.url).to_owned()
    }

    /// Signs up, confirms through the mailed link and signs in, in this browser.
    pub async fn sign_up_and_in(&self, email: &str, name: &str) {
        let r = self
            .post_form(
                "/inscription",
                &[("email", email), ("name", name), ("password", PASSWORD)],
            )
            .await;
        assert_eq!(r.status(), 200, "sign-up page");
        let link = self.link_in_mail_to(email).await;
        let token = link.split("jeton=").nth(1).unwrap().to_owned();
        let r = self.post_form("/confirmation", &[("jeton", &token)]).await;
        assert_eq!(r.status(), 200, "confirmation");
        self.sign_in(email, PASSWORD).await;
    }

    pub async fn sign_in(&self, email: &str, password: &str) {
        let r = self
            .post_form("/connexion", &[("email", email), ("password", password)])
            .await;
        assert_eq!(
            r.status(),
            303,
            "sign-in should redirect: {}",
            r.text().await.unwrap()
        );
    }

    /// Creates an API token from the account page and returns its secret.
    pub async fn api_token(&self) -> String {
        let r = self.post_form("/compte/jetons", &[("name", "tests")]).await;
        let html = r.text().await.unwrap();
        let start = html.find("essaim_").expect("the new token is shown once");
        html[start..]
            .chars()
            .take_while(|c| c.is_ascii_alphanumeric() || *c == '_')
            .collect()
    }
}

pub fn cookie_in(jar: &Jar, url: &str, name: &str) -> Option<String> {
    let header = jar.cookies(&url.parse().unwrap())?;
    header
        .to_str()
        .ok()?
        .split(';')
        .filter_map(|p| p.trim().split_once('='))
        .find(|(k, _)| *k == name)
        .map(|(_, v)| v.to_owned())
}

pub const PASSWORD: &str = "une ruche au bord de l'Élorn";

/// Runs each listed test on SQLite and on PostgreSQL.
#[macro_export]
macro_rules! on_both_backends {
    ($($name:ident),* $(,)?) => {
        mod sqlite {
            $(
                #[tokio::test]
                async fn $name() {
                    super::$name($crate::common::Backend::Sqlite).await;
                }
            )*
        }
        mod postgres {
            $(
                #[tokio::test]
                async fn $name() {
                    super::$name($crate::common::Backend::Postgres).await;
                }
            )*
        }
    };
}

/// The `Location` header of a redirect, or "" when there is none.
pub fn location(r: &reqwest::Response) -> String {
    r.headers()
        .get("location")
        .map(|l| l.to_str().unwrap().to_owned())
        .unwrap_or_default()
}
