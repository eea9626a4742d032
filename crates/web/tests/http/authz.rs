//! Who may do what, route by route. `the_matrix_holds` asks every route of the site and of the
//! API as every kind of visitor and compares each answer with the table in `matrix`; the routes
//! themselves are read from the sources (`routes_in_source`), so that a route added without a
//! row fails `every_route_in_the_source_has_a_row`. Then focused checks for the flaws that hit
//! platforms like this one: drafts found by guessing ids, outsiders acting on what is not
//! theirs, hostile filters and sorts, exports and the outbox, the API taking a cookie for a
//! credential, and single-use things used twice under concurrency.
//!
//! One app and one set of fixtures per backend: the checks run in turn on the same world, each
//! caught on its own so that one failure does not hide the others.

use crate::common::{Backend, TestApp, PASSWORD};
use essaim_domain::initiative::Status;
use essaim_domain::person::PlatformRole;
use essaim_domain::structure::MemberRole;
use essaim_store::initiatives::StoredImage;
use essaim_store::{utc_now, ApiToken, NewPerson, Store};
use futures::FutureExt;
use reqwest::cookie::Jar;
use reqwest::header::{HeaderMap, HeaderValue, CONTENT_TYPE, LOCATION};
use reqwest::redirect::Policy;
use reqwest::Method;
use serde_json::{json, Value};
use std::collections::BTreeSet;
use std::panic::AssertUnwindSafe;
use std::path::Path;
use std::sync::Arc;
use uuid::Uuid;

crate::on_both_backends!(authorization_holds_for_every_route_and_visitor);

// ---------------------------------------------------------------------------------------------
// Visitors

/// The kinds of visitor, in the order of the matrix's columns.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Kind {
    /// No session, no token.
    Anonymous,
    /// Signed in, e-mail confirmed, no platform role, no membership.
    Person,
    /// A plain member (not a manager) of the structure that carries the initiatives.
    Member,
    /// The manager of that structure, who also wrote the initiatives.
    Manager,
    /// The manager of another structure.
    OtherManager,
    /// A platform moderator: moderates every conversation (débat); elsewhere answered like
    /// `Person`.
    Moderator,
    /// A platform admin.
    Admin,
}

const KINDS: [Kind; 7] = [
    Kind::Anonymous,
    Kind::Person,
    Kind::Member,
    Kind::Manager,
    Kind::OtherManager,
    Kind::Moderator,
    Kind::Admin,
];

impl Kind {
    fn column(self) -> usize {
        KINDS.iter().position(|k| *k == self).unwrap()
    }

    fn email(self) -> String {
        format!("{self:?}@exemple.fr").to_lowercase()
    }
}

/// A browser (cookies, CSRF token) and, once signed in, a personal API token. Each visitor
/// comes from its own address (X-Forwarded-For, the app trusting its proxy), so that the
/// per-address throttles of sign-up and sign-in count each one apart.
struct Visitor {
    kind: Kind,
    url: String,
    client: reqwest::Client,
    email: String,
    id: Option<Uuid>,
    token: Option<String>,
    jar: Arc<Jar>,
}

fn browser(address: &str) -> (reqwest::Client, Arc<Jar>) {
    let jar = Arc::new(Jar::default());
    let mut headers = HeaderMap::new();
    headers.insert("x-forwarded-for", HeaderValue::from_str(address).unwrap());
    let client = reqwest::Client::builder()
        .cookie_provider(jar.clone())
        .redirect(Policy::none())
        .default_headers(headers)
        .build()
        .unwrap();
    (client, jar)
}

/// The body of a request of the matrix.
#[derive(Clone)]
enum Body {
    /// Nothing (pages still get their `_csrf` field when they change something).
    Empty,
    /// A form, with this browser's `_csrf` added.
    Form(Vec<(String, String)>),
    /// JSON, for the API.
    Json(Value),
    /// One file field, the CSRF token in the query as the upload forms send it.
    Multipart(&'static str, Vec<u8>),
}

fn form(fields: &[(&str, &str)]) -> Body {
    Body::Form(
        fields
            .iter()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect(),
    )
}

impl Visitor {
    async fn new(url: &str, kind: Kind, address: &str) -> Visitor {
        let (client, jar) = browser(address);
        let v = Visitor {
            kind,
            url: url.to_owned(),
            client,
            email: String::new(),
            id: None,
            token: None,
            jar,
        };
        // The first page gives the browser its CSRF cookie.
        assert_eq!(v.get("/").await.status(), 200);
        v
    }

    fn csrf(&self) -> String {
        crate::common::cookie_in(&self.jar, &self.url, "essaim_csrf").expect("a CSRF cookie")
    }

    async fn get(&self, path: &str) -> reqwest::Response {
        self.send(&Method::GET, path, &Body::Empty).await
    }

    async fn post_form(&self, path: &str, fields: &[(&str, &str)]) -> reqwest::Response {
        self.send(&Method::POST, path, &form(fields)).await
    }

    async fn api(&self, method: Method, path: &str, body: Option<Value>) -> reqwest::Response {
        let body = body.map(Body::Json).unwrap_or(Body::Empty);
        self.send(&method, path, &body).await
    }

    /// Sends a request as this visitor: pages with the session cookie and the CSRF token, the
    /// API with the Bearer token (when signed in).
    async fn send(&self, method: &Method, path: &str, body: &Body) -> reqwest::Response {
        let is_api = path.starts_with("/api/");
        let mut url = format!("{}{path}", self.url);
        if let Body::Multipart(..) = body {
            let sep = if path.contains('?') { '&' } else { '?' };
            url = format!("{url}{sep}_csrf={}", self.csrf());
        }
        let mut req = self.client.request(method.clone(), &url);
        match body {
            Body::Empty if !is_api && *method != Method::GET => {
                req = req.form(&[("_csrf", self.csrf())]);
            }
            Body::Empty => {}
            Body::Form(fields) => {
                let mut all = fields.clone();
                if !is_api {
                    all.push(("_csrf".into(), self.csrf()));
                }
                req = req.form(&all);
            }
            Body::Json(v) => req = req.json(v),
            Body::Multipart(field, bytes) => {
                let part = reqwest::multipart::Part::bytes(bytes.clone()).file_name("fichier");
                let mut f = reqwest::multipart::Form::new().part(*field, part);
                if *field == "file" {
                    f = f.text("dry_run", "1");
                }
                req = req.multipart(f);
            }
        }
        if is_api {
            if let Some(token) = &self.token {
                req = req.bearer_auth(token);
            }
        }
        req.send().await.unwrap()
    }

    async fn sign_in(&self) {
        let r = self
            .post_form(
                "/connexion",
                &[("email", &self.email), ("password", PASSWORD)],
            )
            .await;
        assert_eq!(r.status(), 303, "{:?} signs in", self.kind);
    }
}

// ---------------------------------------------------------------------------------------------
// The world: one app, the visitors, the objects they are asked about

const PUBLISHED_TITLE: &str = "Ruchers partagés de Recouvrance";
/// The draft's title carries a word found nowhere else, to tell a leak from a coincidence.
const DRAFT_TITLE: &str = "Projet confidentiel Zéphyrine";

/// The ids of the fixture objects, as they go into paths.
struct Fixtures {
    /// The structure carrying the initiatives: `Manager` manages it, `Member` belongs to it.
    structure: String,
    /// The structure `OtherManager` manages.
    other_structure: String,
    /// A published initiative carried by `structure`, written by `Manager`, two revisions,
    /// a cover image and a pending proposal.
    published: String,
    /// A draft carried by `structure`, written by `Manager`, with a cover image.
    draft: String,
    /// A pending proposal of `Person` on the published initiative.
    proposal: String,
    /// A conversation (débat) created by `Manager` for `structure`: open, anonymous
    /// participation, statements welcome; its seed statement 0 is accepted.
    conversation: String,
    /// A sortition panel (tirage au sort) created by `Manager` for `structure`: registration
    /// open, nobody in its pool, no selection.
    panel: String,
    /// An open need for premises (entraide) by `Manager` for `structure`, which `Person` has
    /// contacted: the conversation of that post with `exchange_counterpart` (Person).
    exchange_post: String,
    exchange_counterpart: String,
    /// Another open post of `Manager`, there to be closed (page, then API).
    exchange_closable: String,
    /// A private blocker (blocage) reported by `Manager`, routed to nobody: only `Manager`
    /// and admins are party to it.
    blocker: String,
    /// An unpublished self-assessment (autoévaluation) of `published`, by `Manager`: its
    /// editors (`Member`, `Manager`, admins) read it.
    assessment: String,
    /// Impact: the indicator "repas-servis" in `published`'s plan, added by `Manager`, with
    /// one unverified measurement of `Manager`; nobody holds an evaluator label.
    impact_entry: String,
    impact_measurement: String,
    /// A pending funder label of `structure`, applied for by `Manager`.
    label: String,
    /// Funding (appels): an open published prize and a draft call of `other_structure`
    /// (`OtherManager` runs them, made in the store, no label needed there); an application of
    /// `structure` with `published` to the prize, submitted and refused (not sent), so that
    /// nothing in it can change any more; and its PDF document.
    call: String,
    call_draft: String,
    application: String,
    application_doc: String,
    /// A proposed accompaniment of `published` by `other_structure` (which holds a support
    /// label), and an ended one: `OtherManager` is on the structure's side, `Manager` and
    /// `Member` on the initiative's.
    accompaniment: String,
    accompaniment_ended: String,
    manager: String,
    member: String,
    admin: String,
    /// Groups: a closed group of `Manager` (its admin) with `Member` as a member, a thread by
    /// `Manager` in it and its first post; an open group only `Manager` belongs to; `Manager`'s
    /// unsubscribe token.
    group: String,
    group_open: String,
    group_thread: String,
    group_post: String,
    group_token: String,
    /// Two of `Manager`'s API tokens, there to be revoked (page, then API).
    token_for_page: String,
    token_for_api: String,
    /// `Admin`'s one-time link to download their personal data (the last column, so that
    /// everyone else is asked before its owner uses it).
    export_link: String,
}

impl Fixtures {
    /// Ids for reading the matrix's routes without a database.
    fn placeholder() -> Fixtures {
        let nil = Uuid::nil().to_string();
        Fixtures {
            structure: nil.clone(),
            other_structure: nil.clone(),
            published: nil.clone(),
            draft: nil.clone(),
            proposal: nil.clone(),
            conversation: nil.clone(),
            panel: nil.clone(),
            exchange_post: nil.clone(),
            exchange_counterpart: nil.clone(),
            exchange_closable: nil.clone(),
            blocker: nil.clone(),
            assessment: nil.clone(),
            impact_entry: nil.clone(),
            impact_measurement: nil.clone(),
            label: nil.clone(),
            call: nil.clone(),
            call_draft: nil.clone(),
            application: nil.clone(),
            application_doc: nil.clone(),
            accompaniment: nil.clone(),
            accompaniment_ended: nil.clone(),
            manager: nil.clone(),
            member: nil.clone(),
            admin: nil.clone(),
            group: nil.clone(),
            group_open: nil.clone(),
            group_thread: nil.clone(),
            group_post: nil.clone(),
            group_token: "0".repeat(32),
            token_for_page: nil.clone(),
            token_for_api: nil.clone(),
            export_link: nil,
        }
    }
}

struct World {
    app: TestApp,
    visitors: Vec<Visitor>,
    f: Fixtures,
    image: StoredImage,
}

impl World {
    fn v(&self, kind: Kind) -> &Visitor {
        &self.visitors[kind.column()]
    }

    fn store(&self) -> &dyn Store {
        &*self.app.store
    }

    async fn build(backend: Backend) -> Option<World> {
        let app = TestApp::spawn_with(backend, |c| c.trust_proxy = true).await?;
        let hash = essaim_web::passwords::hash(PASSWORD.into()).await.unwrap();
        let mut visitors = vec![];
        for (n, kind) in KINDS.into_iter().enumerate() {
            let mut v = Visitor::new(&app.url, kind, &format!("10.0.7.{}", n + 1)).await;
            if kind != Kind::Anonymous {
                let person = app
                    .store
                    .create_person(NewPerson {
                        id: Uuid::now_v7(),
                        email: kind.email(),
                        display_name: format!("{kind:?}"),
                        password_hash: hash.clone(),
                        email_confirmed_at: Some(utc_now()),
                        roles: vec![],
                        created_at: utc_now(),
                    })
                    .await
                    .unwrap();
                let roles: &[PlatformRole] = match kind {
                    Kind::Moderator => &[PlatformRole::Moderator],
                    Kind::Admin => &[PlatformRole::Admin],
                    _ => &[],
                };
                app.store.set_roles(person.id, roles).await.unwrap();
                v.email = person.email;
                v.id = Some(person.id);
                v.sign_in().await;
                v.token = Some(api_token(&*app.store, person.id, "matrice").await.1);
            }
            visitors.push(v);
        }
        let id_of = |k: Kind| visitors[k.column()].id.unwrap();
        let (manager, member) = (&visitors[Kind::Manager.column()], id_of(Kind::Member));
        let structure = create_structure(manager, "Les Ruches de Recouvrance").await;
        let other_structure =
            create_structure(&visitors[Kind::OtherManager.column()], "L'Atelier d'à côté").await;
        app.store
            .add_member(
                structure.parse().unwrap(),
                member,
                MemberRole::Member,
                utc_now(),
            )
            .await
            .unwrap();
        let published = create_initiative(manager, PUBLISHED_TITLE, &structure, true).await;
        let draft = create_initiative(manager, DRAFT_TITLE, &structure, false).await;
        // A second revision, so that revision 1 can be restored.
        let r = manager
            .post_form(
                &format!("/initiatives/{published}/modifier"),
                &initiative_fields(
                    PUBLISHED_TITLE,
                    "Des ruches tenues ensemble, au pied des immeubles.",
                    &structure,
                    "",
                ),
            )
            .await;
        assert_eq!(r.status(), 303, "second revision");
        let proposal = propose(
            &visitors[Kind::Person.column()],
            &app,
            &published,
            &structure,
            "Des ruches et un rucher-école.",
        )
        .await;
        let conversation = create_conversation(manager, &structure).await;
        let panel = create_panel(manager, &structure).await;
        let (exchange_post, exchange_closable) = (
            create_exchange_post(manager, &structure).await,
            create_exchange_post(manager, "").await,
        );
        let exchange_counterpart = id_of(Kind::Person).to_string();
        let blocker = create_blocker(manager).await;
        let (call, call_draft, application, application_doc) = funding_fixtures(
            &app,
            &structure,
            &other_structure,
            &published,
            id_of(Kind::Manager),
            id_of(Kind::OtherManager),
        )
        .await;
        let assessment = create_assessment(&app, &published, id_of(Kind::Manager)).await;
        let (impact_entry, impact_measurement) =
            impact_fixtures(&*app.store, &published, id_of(Kind::Manager)).await;
        let r = visitors[Kind::Person.column()]
            .post_form(
                &format!("/entraide/{exchange_post}/contact"),
                &[("message", "Nous avons une salle à Guipavas.")],
            )
            .await;
        assert_eq!(r.status(), 303, "exchange contact");
        let image = StoredImage {
            mime: "image/png".into(),
            data: png(4, 4),
            width: 4,
            height: 4,
            updated_at: utc_now(),
        };
        for id in [&published, &draft] {
            app.store
                .set_initiative_image(id.parse().unwrap(), &image)
                .await
                .unwrap();
        }
        let manager_id = id_of(Kind::Manager);
        let token_for_page = api_token(&*app.store, manager_id, "à révoquer (page)")
            .await
            .0;
        let token_for_api = api_token(&*app.store, manager_id, "à révoquer (API)")
            .await
            .0;
        let (status, html) = text(
            visitors[Kind::Admin.column()]
                .post_form("/compte/donnees", &[])
                .await,
        )
        .await;
        assert_eq!(status, 200, "a download link");
        let export_link: String = html
            .split("jeton=")
            .nth(1)
            .expect("a download link")
            .chars()
            .take_while(|c| c.is_ascii_alphanumeric())
            .collect();
        let (label, accompaniment, accompaniment_ended) = network_fixtures(
            &*app.store,
            &structure,
            &other_structure,
            &published,
            id_of(Kind::Manager),
            id_of(Kind::OtherManager),
        )
        .await;
        let (group, group_open, group_thread, group_post, group_token) =
            group_fixtures(&*app.store, manager_id, member).await;
        let f = Fixtures {
            group,
            group_open,
            group_thread,
            group_post,
            group_token,
            label,
            accompaniment,
            accompaniment_ended,
            structure,
            other_structure,
            published,
            draft,
            proposal,
            conversation,
            panel,
            exchange_post,
            exchange_counterpart,
            exchange_closable,
            blocker,
            call,
            call_draft,
            application,
            application_doc,
            assessment,
            impact_entry,
            impact_measurement,
            manager: manager_id.to_string(),
            member: member.to_string(),
            admin: id_of(Kind::Admin).to_string(),
            token_for_page: token_for_page.to_string(),
            token_for_api: token_for_api.to_string(),
            export_link,
        };
        Some(World {
            app,
            visitors,
            f,
            image,
        })
    }
}

/// The network's fixtures, made in the store: (pending label, proposed accompaniment, ended
/// accompaniment).
/// The groups of the matrix (see `Fixtures`), made through the store.
async fn group_fixtures(
    store: &dyn Store,
    manager: Uuid,
    member: Uuid,
) -> (String, String, String, String, String) {
    use essaim_store::groups::{NewGroup, NewPost, NewThread};
    let new_group = |name: &str, access: &str| NewGroup {
        id: Uuid::now_v7(),
        name: name.into(),
        description: String::new(),
        territory: String::new(),
        challenge: String::new(),
        access: access.into(),
        created_by: manager,
        created_at: utc_now(),
    };
    let closed = store
        .create_group(&new_group("Les ruchers du Finistère", "closed"))
        .await
        .unwrap();
    let open = store
        .create_group(&new_group("Apiculture urbaine", "open"))
        .await
        .unwrap();
    store
        .add_group_membership(closed.id, member, "member", utc_now())
        .await
        .unwrap();
    let post = NewPost {
        id: Uuid::now_v7(),
        thread_id: Uuid::now_v7(),
        group_id: closed.id,
        author_id: manager,
        body: "Qui récolte en juin ?".into(),
        mentions: vec![],
        created_at: utc_now(),
    };
    let post_id = post.id;
    let thread = store
        .create_group_thread(&NewThread {
            title: "Récoltes".into(),
            post,
        })
        .await
        .unwrap();
    let settings = store
        .ensure_group_settings(
            manager,
            "immediate",
            "fr",
            "jeton-de-desabonnement-du-gerant",
            utc_now(),
        )
        .await
        .unwrap();
    (
        closed.id.to_string(),
        open.id.to_string(),
        thread.id.to_string(),
        post_id.to_string(),
        settings.unsubscribe_token,
    )
}

async fn network_fixtures(
    store: &dyn Store,
    structure: &str,
    other_structure: &str,
    published: &str,
    manager: Uuid,
    other_manager: Uuid,
) -> (String, String, String) {
    use essaim_domain::network::{AccompanimentStatus as A, LabelKind, LabelStatus};
    use essaim_store::network::{LabelDecision, NewAccompaniment, NewLabel};
    let application = |structure_id: &str, kind, by| NewLabel {
        id: Uuid::now_v7(),
        structure_id: structure_id.parse().unwrap(),
        kind,
        motivation: "Dix ans d'accompagnement.".into(),
        applied_by: by,
        applied_at: utc_now(),
    };
    let label = store
        .apply_for_label(&application(structure, LabelKind::Funder, manager))
        .await
        .unwrap();
    let support = store
        .apply_for_label(&application(
            other_structure,
            LabelKind::Support,
            other_manager,
        ))
        .await
        .unwrap();
    let decision = LabelDecision {
        from: LabelStatus::Pending,
        to: LabelStatus::Granted,
        by: other_manager,
        at: utc_now(),
        reason: None,
        expires_on: Some(utc_now().date_naive() + chrono::Duration::days(365)),
    };
    store.decide_label(support.id, &decision).await.unwrap();
    let mut ids = vec![];
    for _ in 0..2 {
        let a = store
            .propose_accompaniment(&NewAccompaniment {
                id: Uuid::now_v7(),
                structure_id: other_structure.parse().unwrap(),
                initiative_id: published.parse().unwrap(),
                message: String::new(),
                proposed_by: other_manager,
                proposed_at: utc_now(),
            })
            .await
            .unwrap();
        ids.push(a.id.to_string());
        if ids.len() == 1 {
            store
                .set_accompaniment_status(a.id, &[A::Proposed], A::Ended, other_manager, utc_now())
                .await
                .unwrap();
        }
    }
    (label.id.to_string(), ids[1].clone(), ids[0].clone())
}

/// A personal API token made in the store, as the account page makes them: (id, secret).
async fn api_token(store: &dyn Store, person: Uuid, name: &str) -> (Uuid, String) {
    let secret = format!(
        "essaim_{}{}",
        essaim_web::auth::random_secret(),
        essaim_web::auth::random_secret()
    );
    let token = ApiToken {
        id: Uuid::now_v7(),
        person_id: person,
        name: name.into(),
        created_at: utc_now(),
        last_used_at: None,
    };
    let id = token.id;
    store
        .create_api_token(token, &essaim_web::auth::secret_hash(&secret))
        .await
        .unwrap();
    (id, secret)
}

fn location(r: &reqwest::Response) -> String {
    r.headers()
        .get(LOCATION)
        .map(|v| v.to_str().unwrap().to_owned())
        .unwrap_or_default()
}

async fn create_structure(v: &Visitor, name: &str) -> String {
    let r = v
        .post_form(
            "/structures",
            &[
                ("name", name),
                ("kind", "association"),
                ("territory", "commune:29019"),
            ],
        )
        .await;
    assert_eq!(r.status(), 303, "structure created");
    location(&r).trim_start_matches("/structures/").to_owned()
}

fn initiative_fields<'a>(
    title: &'a str,
    summary: &'a str,
    structure: &'a str,
    action: &'a str,
) -> Vec<(&'a str, &'a str)> {
    vec![
        ("title", title),
        ("summary", summary),
        ("description", "Une histoire de voisins et d'abeilles."),
        ("challenges", "alimentation"),
        ("territories", "Brest"),
        ("stage", "experimentation"),
        ("structure", structure),
        ("message", "Une révision"),
        ("action", action),
    ]
}

async fn create_initiative(v: &Visitor, title: &str, structure: &str, publish: bool) -> String {
    let action = if publish { "publish" } else { "draft" };
    let fields = initiative_fields(title, "Des ruches tenues ensemble.", structure, action);
    let r = v.post_form("/initiatives", &fields).await;
    assert_eq!(r.status(), 303, "initiative {title} created");
    location(&r).trim_start_matches("/initiatives/").to_owned()
}

async fn create_conversation(v: &Visitor, structure: &str) -> String {
    let r = v
        .post_form(
            "/debats",
            &[
                ("question", "Où installer les prochaines ruches ?"),
                (
                    "seeds",
                    "Sur les toits des écoles\nDans les jardins partagés",
                ),
                ("structure", structure),
                ("open_for_statements", "on"),
                ("anonymous_allowed", "on"),
                ("moderation", "post"),
            ],
        )
        .await;
    assert_eq!(r.status(), 303, "conversation created");
    location(&r).trim_start_matches("/debats/").to_owned()
}

/// An open need for premises in Brest, published by `v` for `structure` (or personally).
async fn create_exchange_post(v: &Visitor, structure: &str) -> String {
    let r = v
        .post_form(
            "/entraide",
            &[
                ("direction", "need"),
                ("kind", "premises"),
                ("title", "Une salle pour les ateliers"),
                ("territory", "commune:29019"),
                ("structure", structure),
            ],
        )
        .await;
    assert_eq!(r.status(), 303, "exchange post created");
    location(&r).trim_start_matches("/entraide/").to_owned()
}

/// An unpublished self-assessment of `initiative` by `by`, straight in the store.
async fn create_assessment(app: &TestApp, initiative: &str, by: Uuid) -> String {
    let answers = essaim_domain::assessment::QUESTIONS
        .iter()
        .map(|q| essaim_domain::assessment::Answer {
            question: q.id.into(),
            score: 2,
            comment: String::new(),
        })
        .collect();
    app.store
        .create_assessment(&essaim_store::assessment::NewAssessment {
            id: Uuid::now_v7(),
            initiative_id: initiative.parse().unwrap(),
            author_id: by,
            answers,
            created_at: utc_now(),
        })
        .await
        .unwrap()
        .id
        .to_string()
}

/// The funding fixtures (see `Fixtures`), made in the store: (prize, draft call, application,
/// document).
async fn funding_fixtures(
    app: &TestApp,
    structure: &str,
    other_structure: &str,
    published: &str,
    manager: Uuid,
    other_manager: Uuid,
) -> (String, String, String, String) {
    use essaim_store::funding::{NewApplication, NewCall, NewCriterion, NewDocument, NewQuestion};
    let now = utc_now();
    let new_call = |kind: &str, title: &str| NewCall {
        id: Uuid::now_v7(),
        structure_id: other_structure.parse().unwrap(),
        kind: kind.into(),
        title: title.into(),
        description: "Un appel.".into(),
        currency: "EUR".into(),
        budget_cents: 1_000_000,
        min_award_cents: 0,
        max_award_cents: 500_000,
        opens_at: now - chrono::Duration::days(1),
        closes_at: now + chrono::Duration::days(30),
        decision_on: None,
        reviewers_per_application: 2,
        publish_awards: true,
        eligibility: Default::default(),
        criteria: vec![NewCriterion {
            name: "Utilité".into(),
            description: String::new(),
            weight: 1,
            scale_max: 5,
        }],
        questions: vec![NewQuestion {
            label: "Pourquoi ?".into(),
            kind: "text".into(),
            choices: String::new(),
            required: false,
        }],
        created_by: other_manager,
        at: now,
    };
    let store = &*app.store;
    let call = store
        .create_call(&new_call("prize", "Prix de la matrice"))
        .await
        .unwrap();
    store
        .set_call_status(call.id, "draft", "published", now)
        .await
        .unwrap();
    let draft = store
        .create_call(&new_call("call", "Appel en préparation"))
        .await
        .unwrap();
    let a = store
        .create_application(&NewApplication {
            id: Uuid::now_v7(),
            call_id: call.id,
            structure_id: structure.parse().unwrap(),
            initiative_id: published.parse().unwrap(),
            created_by: manager,
            at: now,
        })
        .await
        .unwrap();
    let doc = store
        .add_document(&NewDocument {
            id: Uuid::now_v7(),
            application_id: a.id,
            question_id: None,
            name: "budget.pdf".into(),
            sha256: "0".repeat(64),
            data: b"%PDF-1.4\n%%EOF\n".to_vec(),
            uploaded_by: manager,
            at: now,
        })
        .await
        .unwrap();
    store.submit_application(a.id, "", now).await.unwrap();
    store
        .record_decision(&essaim_store::review::NewDecision {
            application_id: a.id,
            status: "refused".into(),
            amount_cents: None,
            conditions: None,
            reason: Some("Hors du champ du prix.".into()),
            by: other_manager,
            at: now,
        })
        .await
        .unwrap();
    (
        call.id.to_string(),
        draft.id.to_string(),
        a.id.to_string(),
        doc.id.to_string(),
    )
}

/// An entry of "repas-servis" in the plan of `initiative`, with one measurement, by `by`.
async fn impact_fixtures(store: &dyn Store, initiative: &str, by: Uuid) -> (String, String) {
    let indicator = store
        .indicator_by_code("repas-servis")
        .await
        .unwrap()
        .unwrap();
    let entry = store
        .add_plan_entry(&essaim_store::impact::NewPlanEntry {
            id: Uuid::now_v7(),
            initiative_id: initiative.parse().unwrap(),
            indicator_id: indicator.id,
            baseline_value: 100.0,
            baseline_on: "2024-01-01".into(),
            target_value: 500.0,
            target_on: "2027-01-01".into(),
            created_by: by,
            created_at: utc_now(),
        })
        .await
        .unwrap();
    let m = store
        .add_measurement(&essaim_store::impact::NewMeasurement {
            id: Uuid::now_v7(),
            entry_id: entry.id,
            value: 180.0,
            period_start: "2024-06-30".into(),
            period_end: "2024-06-30".into(),
            source: "Registre des repas".into(),
            method: String::new(),
            evidence_level: 2,
            created_by: by,
            created_at: utc_now(),
        })
        .await
        .unwrap();
    (entry.id.to_string(), m.id.to_string())
}

/// A private blocker reported by `v` in Brest.
async fn create_blocker(v: &Visitor) -> String {
    let r = v
        .post_form(
            "/blocages",
            &[
                ("title", "Blocage confidentiel Zéphyrine"),
                ("description", "Un agrément en attente."),
                ("administration", "Préfecture du Finistère"),
                ("territory", "commune:29019"),
                ("visibility", "private"),
            ],
        )
        .await;
    assert_eq!(r.status(), 303, "blocker reported");
    location(&r).trim_start_matches("/blocages/").to_owned()
}

/// `v` proposes a new summary; returns the proposal's id.
async fn create_panel(v: &Visitor, structure: &str) -> String {
    let r = v
        .post_form(
            "/tirages",
            &[
                ("structure", structure),
                ("title", "Panel citoyen des ruches"),
                ("panel_size", "2"),
                ("quotas", "Genre, Femme, 0, 2\nGenre, Homme, 0, 2"),
            ],
        )
        .await;
    assert_eq!(r.status(), 303, "panel created");
    location(&r).trim_start_matches("/tirages/").to_owned()
}

async fn propose(
    v: &Visitor,
    app: &TestApp,
    initiative: &str,
    structure: &str,
    summary: &str,
) -> String {
    let current = app
        .store
        .initiative(initiative.parse().unwrap())
        .await
        .unwrap()
        .unwrap();
    let fields = initiative_fields(&current.content.title, summary, structure, "");
    let r = v
        .post_form(&format!("/initiatives/{initiative}/proposer"), &fields)
        .await;
    assert_eq!(r.status(), 303, "proposal made");
    app.store
        .proposals_of(initiative.parse().unwrap())
        .await
        .unwrap()
        .into_iter()
        .find(|p| p.content.summary == summary)
        .expect("the proposal")
        .id
        .to_string()
}

fn png(w: u32, h: u32) -> Vec<u8> {
    let img = image::RgbaImage::from_pixel(w, h, image::Rgba([230, 170, 20, 255]));
    let mut out = std::io::Cursor::new(Vec::new());
    img.write_to(&mut out, image::ImageFormat::Png).unwrap();
    out.into_inner()
}

// ---------------------------------------------------------------------------------------------
// The matrix

/// What a visitor must get.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Expect {
    /// Authorization let the request through, and the handler answered this status: 2xx/3xx,
    /// or 400/409/410/422 where the row's body is refused on its merits (bodies are kept
    /// minimal so that rows change nothing; the status shows which check answered). Never 401,
    /// 403, 404, nor a redirect to sign-in.
    Allowed(u16),
    /// Refused with this status: 401 (API, no credential), 403 (known but not allowed), 404
    /// (may not even know it exists).
    Denied(u16),
    /// A page that needs a signed-in person: 303 to `/connexion?suivant=<this path>`.
    SignIn,
}

use Expect::{Allowed, Denied};

const LOGIN: Expect = Expect::SignIn;
const D401: Expect = Denied(401);
const D403: Expect = Denied(403);
const D404: Expect = Denied(404);
const A200: Expect = Allowed(200);
const A204: Expect = Allowed(204);
const A303: Expect = Allowed(303);
const A400: Expect = Allowed(400);
const A409: Expect = Allowed(409);
const A410: Expect = Allowed(410);
const A422: Expect = Allowed(422);

/// What to put back after a cell, so that the next visitor finds the same world.
#[derive(Clone)]
enum Reset {
    None,
    /// The visitor signed out: sign in again.
    SignIn,
    /// The cover image of this initiative was removed: put it back.
    Image(String),
}

struct Row {
    method: Method,
    /// The route as written in the sources (`/initiatives/{id}`).
    route: String,
    /// The route with the fixtures' ids, and a query if any.
    path: String,
    body: Body,
    /// One answer per kind of visitor, in the order of `KINDS`.
    expect: [Expect; 7],
    reset: Reset,
}

fn row(method: Method, route: &str, ids: &[(&str, &str)], expect: [Expect; 7]) -> Row {
    let mut path = route.to_owned();
    for (name, value) in ids {
        path = path.replace(&format!("{{{name}}}"), value);
    }
    assert!(!path.contains('{'), "every parameter of {route} is given");
    for e in expect {
        match e {
            Allowed(s) => assert!(
                ![401, 403, 404].contains(&s),
                "{route}: {s} is a refusal, write Denied({s})"
            ),
            Denied(s) => assert!([401, 403, 404].contains(&s), "{route}: Denied({s})"),
            Expect::SignIn => assert!(!route.starts_with("/api/"), "the API answers 401"),
        }
    }
    Row {
        method,
        route: route.to_owned(),
        path,
        body: Body::Empty,
        expect,
        reset: Reset::None,
    }
}

impl Row {
    fn body(mut self, body: Body) -> Row {
        self.body = body;
        self
    }

    fn json(self, v: Value) -> Row {
        self.body(Body::Json(v))
    }

    fn form(self, fields: &[(&str, &str)]) -> Row {
        self.body(form(fields))
    }

    fn query(mut self, q: &str) -> Row {
        self.path = format!("{}?{q}", self.path);
        self
    }

    fn reset(mut self, r: Reset) -> Row {
        self.reset = r;
        self
    }
}

const CSS_ROUTE: &str = concat!("/static/", env!("CARGO_PKG_VERSION"), "/essaim.css");
const DEBATS_JS_ROUTE: &str = concat!("/static/", env!("CARGO_PKG_VERSION"), "/debats.js");

/// An initiative body of the right shape that validation refuses (422).
fn bad_initiative_json() -> Value {
    json!({"title": "", "summary": "", "territories": [], "stage": ""})
}

/// Every route, every visitor. Bodies are minimal: where a visitor is allowed, the body is
/// refused on its merits (422, 400, 409) or the action changes nothing the other cells depend
/// on (or `Reset` puts it back), so that rows do not depend on one another, except where a
/// comment says so.
#[rustfmt::skip]
fn matrix(f: &Fixtures) -> Vec<Row> {
    let (get, post, put, patch, delete) = (Method::GET, Method::POST, Method::PUT, Method::PATCH, Method::DELETE);
    let s = [("id", f.structure.as_str())];
    let p = [("id", f.published.as_str())];
    let d = [("id", f.draft.as_str())];
    let p1 = [("id", f.published.as_str()), ("number", "1")];
    let d1 = [("id", f.draft.as_str()), ("number", "1")];
    let c = [("id", f.conversation.as_str())];
    let c0 = [("id", f.conversation.as_str()), ("number", "0")];
    let t = [("id", f.panel.as_str())];
    let t0 = [("id", f.panel.as_str()), ("round", "0")];
    let t0json = [("id", f.panel.as_str()), ("round", "0.json")];
    let x = [("id", f.exchange_post.as_str())];
    let xc = [("id", f.exchange_post.as_str()), ("person", f.exchange_counterpart.as_str())];
    let xz = [("id", f.exchange_closable.as_str())];
    let bk = [("id", f.blocker.as_str())];
    let fc = [("id", f.call.as_str())];
    let fd = [("id", f.call_draft.as_str())];
    let fa = [("id", f.application.as_str())];
    let fad = [("id", f.application.as_str()), ("doc", f.application_doc.as_str())];
    let ae = [("id", f.published.as_str()), ("aid", f.assessment.as_str())];
    let ae1 = [("id", f.assessment.as_str())];
    let nil_id = Uuid::nil().to_string();
    let bk0 = [("id", nil_id.as_str())];
    let hk0 = [("id", nil_id.as_str()), ("team", nil_id.as_str())];
    // Collecte: an item of an event that does not exist; a well-formed join code that names nothing.
    let ci0 = [("id", nil_id.as_str()), ("item", nil_id.as_str())];
    let cc0 = [("code", "ZZZZZZZ")];
    let cci0 = [("code", "ZZZZZZZ"), ("item", nil_id.as_str())];
    let im = [("code", "repas-servis")];
    let ime = [("id", f.published.as_str()), ("entry", f.impact_entry.as_str())];
    let ime0 = [("id", f.published.as_str()), ("entry", nil_id.as_str())];
    let imm = [("id", f.published.as_str()), ("m", f.impact_measurement.as_str())];
    let imm1 = [("id", f.impact_measurement.as_str())];
    // Review: the prize's reviewers (none), a person who is not one.
    let rvp = [("id", f.call.as_str()), ("person", nil_id.as_str())];
    let rvpa = [("id", f.call.as_str()), ("person_id", nil_id.as_str())];
    let lb = [("id", f.label.as_str())];
    let ac = [("id", f.accompaniment.as_str())];
    let ac_ended = [("id", f.accompaniment_ended.as_str())];
    let gr = [("id", f.group.as_str())];
    let gro = [("id", f.group_open.as_str())];
    let grt = [("id", f.group.as_str()), ("thread", f.group_thread.as_str())];
    let grp = [("post", f.group_post.as_str())];
    let grm = [("id", f.group.as_str()), ("person", f.manager.as_str())];
    let grk = [("person", f.manager.as_str())];
    let grtok = [("token", f.group_token.as_str())];
    let bad_exchange = json!({"direction": "need", "kind": "premises", "title": "", "territory": "Brest"});
    let everyone = |e: Expect| [e; 7];
    let bad_structure = [("name", ""), ("kind", "association")];
    let bad_initiative = [("title", ""), ("summary", "")];
    let garbage = b"ceci n'est pas une image".to_vec();
    vec![
        //                                                                          anon   person member manager other  moder. admin
        // Home, statements, probes, assets
        row(get.clone(), "/", &[], everyone(A200)),
        row(post.clone(), "/langue", &[], everyone(A303)).form(&[("lang", "fr"), ("back", "/")]),
        row(get.clone(), "/accessibilite", &[], everyone(A200)),
        row(get.clone(), "/mentions-legales", &[], everyone(A200)),
        row(get.clone(), "/healthz", &[], everyone(A200)),
        row(get.clone(), "/readyz", &[], everyone(A200)),
        row(get.clone(), CSS_ROUTE, &[], everyone(A200)),
        row(get.clone(), DEBATS_JS_ROUTE, &[], everyone(A200)),
        // Getting in: open to all, signed in or not
        row(get.clone(), "/inscription", &[], everyone(A200)),
        row(post.clone(), "/inscription", &[], everyone(A422)).form(&[("email", "pas-une-adresse")]),
        row(get.clone(), "/confirmation", &[], everyone(A410)).query("jeton=inconnu"),
        row(post.clone(), "/confirmation", &[], everyone(A410)).form(&[("jeton", "inconnu")]),
        row(get.clone(), "/connexion", &[], everyone(A200)),
        row(post.clone(), "/connexion", &[], everyone(A422)).form(&[("email", "inconnu@exemple.fr"), ("password", "pas le bon mot de passe")]),
        row(post.clone(), "/deconnexion", &[],                                     [LOGIN, A303,  A303,  A303,  A303,  A303,  A303]).reset(Reset::SignIn),
        row(get.clone(), "/mot-de-passe/oubli", &[], everyone(A200)),
        row(post.clone(), "/mot-de-passe/oubli", &[], everyone(A422)).form(&[("email", "pas-une-adresse")]),
        row(get.clone(), "/mot-de-passe/nouveau", &[], everyone(A410)).query("jeton=inconnu"),
        row(post.clone(), "/mot-de-passe/nouveau", &[], everyone(A410)).form(&[("jeton", "inconnu"), ("password", "un mot de passe bien long")]),
        // One's own account: the person of the session, nobody else's
        row(get.clone(), "/compte", &[],                                           [LOGIN, A200,  A200,  A200,  A200,  A200,  A200]),
        row(post.clone(), "/compte/profil", &[],                                   [LOGIN, A422,  A422,  A422,  A422,  A422,  A422]).form(&[("name", "")]),
        row(post.clone(), "/compte/email", &[],                                    [LOGIN, A422,  A422,  A422,  A422,  A422,  A422]).form(&[("email", "x"), ("current_password", "faux")]),
        row(post.clone(), "/compte/mot-de-passe", &[],                             [LOGIN, A422,  A422,  A422,  A422,  A422,  A422]).form(&[("current_password", "faux"), ("new_password", "")]),
        row(post.clone(), "/compte/confirmation", &[],                             [LOGIN, A200,  A200,  A200,  A200,  A200,  A200]),
        row(post.clone(), "/compte/jetons", &[],                                   [LOGIN, A422,  A422,  A422,  A422,  A422,  A422]).form(&[("name", "")]),
        // Manager's token: only Manager revokes it; to anyone else it does not exist.
        row(post.clone(), "/compte/jetons/{id}/revoquer", &[("id", &f.token_for_page)], [LOGIN, D404, D404, A303, D404, D404, D404]),
        // Personal data: one's own only. A download link works for its owner alone (Admin's
        // here: others get 404, then Admin downloads); this row comes before the one that asks
        // for a new link, which voids the previous ones.
        row(get.clone(), "/confidentialite", &[], everyone(A200)),
        row(get.clone(), "/compte/donnees/telecharger", &[],                       [LOGIN, D404,  D404,  D404,  D404,  D404,  A200]).query(&format!("jeton={}", f.export_link)),
        row(get.clone(), "/compte/donnees/telecharger", &[],                       [LOGIN, A410,  A410,  A410,  A410,  A410,  A410]).query("jeton=inconnu"),
        row(post.clone(), "/compte/donnees", &[],                                  [LOGIN, A200,  A200,  A200,  A200,  A200,  A200]),
        row(get.clone(), "/compte/suppression", &[],                               [LOGIN, A200,  A200,  A200,  A200,  A200,  A200]),
        row(post.clone(), "/compte/suppression", &[],                              [LOGIN, A422,  A422,  A422,  A422,  A422,  A422]).form(&[("current_password", "faux"), ("understood", "non")]),
        // Structures: public reading; managers (and admins) change them
        row(get.clone(), "/structures", &[], everyone(A200)),
        row(post.clone(), "/structures", &[],                                      [LOGIN, A422,  A422,  A422,  A422,  A422,  A422]).form(&bad_structure),
        row(get.clone(), "/structures/nouvelle", &[],                              [LOGIN, A200,  A200,  A200,  A200,  A200,  A200]),
        row(get.clone(), "/structures/{id}", &s, everyone(A200)),
        row(get.clone(), "/structures/{id}/modifier", &s,                          [LOGIN, D403,  D403,  A200,  D403,  D403,  A200]),
        row(post.clone(), "/structures/{id}/modifier", &s,                         [LOGIN, D403,  D403,  A422,  D403,  D403,  A422]).form(&bad_structure),
        row(get.clone(), "/structures/{id}/membres", &s,                           [LOGIN, D403,  D403,  A200,  D403,  D403,  A200]),
        row(post.clone(), "/structures/{id}/membres/inviter", &s,                  [LOGIN, D403,  D403,  A422,  D403,  D403,  A422]).form(&[("email", "x"), ("role", "member")]),
        // Removing the manager: 409 (the last manager stays) once allowed; a member may not.
        row(post.clone(), "/structures/{id}/membres/{person_id}/retirer", &[("id", &f.structure), ("person_id", &f.manager)],
                                                                                   [LOGIN, D403,  D403,  A409,  D403,  D403,  A409]),
        row(get.clone(), "/invitations", &[], everyone(A200)).query("jeton=inconnu"),
        row(post.clone(), "/invitations", &[],                                     [LOGIN, A200,  A200,  A200,  A200,  A200,  A200]).form(&[("jeton", "inconnu")]),
        row(get.clone(), "/territoires", &[], everyone(A200)).query("q=brest"),
        // The admin area
        row(get.clone(), "/admin", &[],                                            [LOGIN, D403,  D403,  D403,  D403,  D403,  A200]),
        // Admin's own roles, emptied: 409 (an admin keeps their own admin role).
        row(post.clone(), "/admin/personnes/{id}/roles", &[("id", &f.admin)],      [LOGIN, D403,  D403,  D403,  D403,  D403,  A409]),
        row(get.clone(), "/admin/courriels", &[],                                  [LOGIN, D403,  D403,  D403,  D403,  D403,  A200]),
        row(get.clone(), "/admin/journal", &[],                                    [LOGIN, D403,  D403,  D403,  D403,  D403,  A200]),
        row(get.clone(), "/admin/defis", &[],                                      [LOGIN, D403,  D403,  D403,  D403,  D403,  A200]),
        row(post.clone(), "/admin/defis", &[],                                     [LOGIN, D403,  D403,  D403,  D403,  D403,  A422]).form(&[("code", "")]),
        row(get.clone(), "/admin/import", &[],                                     [LOGIN, D403,  D403,  D403,  D403,  D403,  A200]),
        row(post.clone(), "/admin/import", &[],                                    [LOGIN, D403,  D403,  D403,  D403,  D403,  A422]).body(Body::Multipart("file", b"pas,un\ncsv,valable".to_vec())),
        // Initiatives: the catalogue, creation
        row(get.clone(), "/initiatives", &[], everyone(A200)),
        row(post.clone(), "/initiatives", &[],                                     [LOGIN, A422,  A422,  A422,  A422,  A422,  A422]).form(&bad_initiative),
        row(get.clone(), "/initiatives/flux.atom", &[], everyone(A200)),
        row(get.clone(), "/initiatives/nouvelle", &[],                             [LOGIN, A200,  A200,  A200,  A200,  A200,  A200]),
        // One initiative, published (P) and draft (D): editors are the author (Manager), members
        // of the carrying structure (Member, Manager) and admins. A draft is 404 to others.
        row(get.clone(), "/initiatives/{id}", &p, everyone(A200)),
        row(get.clone(), "/initiatives/{id}", &d,                                  [D404,  D404,  A200,  A200,  D404,  D404,  A200]),
        row(get.clone(), "/initiatives/{id}/modifier", &p,                         [LOGIN, D403,  A200,  A200,  D403,  D403,  A200]),
        row(get.clone(), "/initiatives/{id}/modifier", &d,                         [LOGIN, D404,  A200,  A200,  D404,  D404,  A200]),
        row(post.clone(), "/initiatives/{id}/modifier", &p,                        [LOGIN, D403,  A422,  A422,  D403,  D403,  A422]).form(&bad_initiative),
        row(post.clone(), "/initiatives/{id}/modifier", &d,                        [LOGIN, D404,  A422,  A422,  D404,  D404,  A422]).form(&bad_initiative),
        row(post.clone(), "/initiatives/{id}/statut", &p,                          [LOGIN, D403,  A400,  A400,  D403,  D403,  A400]).form(&[("status", "inconnu")]),
        row(post.clone(), "/initiatives/{id}/statut", &d,                          [LOGIN, D404,  A400,  A400,  D404,  D404,  A400]).form(&[("status", "inconnu")]),
        row(get.clone(), "/initiatives/{id}/historique", &p, everyone(A200)),
        row(get.clone(), "/initiatives/{id}/historique", &d,                       [D404,  D404,  A200,  A200,  D404,  D404,  A200]),
        row(post.clone(), "/initiatives/{id}/historique/{number}/restaurer", &p1,  [LOGIN, D403,  A303,  A303,  D403,  D403,  A303]),
        row(post.clone(), "/initiatives/{id}/historique/{number}/restaurer", &d1,  [LOGIN, D404,  A303,  A303,  D404,  D404,  A303]),
        row(get.clone(), "/initiatives/{id}/reprendre", &p,                        [LOGIN, A200,  A200,  A200,  A200,  A200,  A200]),
        row(get.clone(), "/initiatives/{id}/reprendre", &d,                        [LOGIN, D404,  A200,  A200,  D404,  D404,  A200]),
        row(post.clone(), "/initiatives/{id}/reprendre", &p,                       [LOGIN, A422,  A422,  A422,  A422,  A422,  A422]).form(&[("territory", "")]),
        row(post.clone(), "/initiatives/{id}/reprendre", &d,                       [LOGIN, D404,  A422,  A422,  D404,  D404,  A422]).form(&[("territory", "")]),
        row(get.clone(), "/initiatives/{id}/lignee", &p, everyone(A200)),
        row(get.clone(), "/initiatives/{id}/lignee", &d,                           [D404,  D404,  A200,  A200,  D404,  D404,  A200]),
        row(get.clone(), "/initiatives/{id}/image", &p, everyone(A200)),
        row(get.clone(), "/initiatives/{id}/image", &d,                            [D404,  D404,  A200,  A200,  D404,  D404,  A200]),
        row(post.clone(), "/initiatives/{id}/image", &p,                           [LOGIN, D403,  A422,  A422,  D403,  D403,  A422]).body(Body::Multipart("image", garbage.clone())),
        row(post.clone(), "/initiatives/{id}/image", &d,                           [LOGIN, D404,  A422,  A422,  D404,  D404,  A422]).body(Body::Multipart("image", garbage)),
        row(get.clone(), "/initiatives/{id}/image/modifier", &p,                   [LOGIN, D403,  A200,  A200,  D403,  D403,  A200]),
        row(get.clone(), "/initiatives/{id}/image/modifier", &d,                   [LOGIN, D404,  A200,  A200,  D404,  D404,  A200]),
        row(post.clone(), "/initiatives/{id}/image/supprimer", &p,                 [LOGIN, D403,  A303,  A303,  D403,  D403,  A303]).reset(Reset::Image(f.published.clone())),
        row(post.clone(), "/initiatives/{id}/image/supprimer", &d,                 [LOGIN, D404,  A303,  A303,  D404,  D404,  A303]).reset(Reset::Image(f.draft.clone())),
        // Proposals: anyone signed in proposes on a published initiative, never on a draft
        // (its editors are told no, 403; others may not know it, 404); editors decide.
        row(get.clone(), "/initiatives/{id}/proposer", &p,                         [LOGIN, A200,  A200,  A200,  A200,  A200,  A200]),
        row(get.clone(), "/initiatives/{id}/proposer", &d,                         [LOGIN, D404,  D403,  D403,  D404,  D404,  D403]),
        row(post.clone(), "/initiatives/{id}/proposer", &p,                        [LOGIN, A422,  A422,  A422,  A422,  A422,  A422]).form(&bad_initiative),
        row(post.clone(), "/initiatives/{id}/proposer", &d,                        [LOGIN, D404,  D403,  D403,  D404,  D404,  D403]).form(&bad_initiative),
        row(get.clone(), "/initiatives/{id}/propositions", &p, everyone(A200)),
        row(get.clone(), "/initiatives/{id}/propositions", &d,                     [D404,  D404,  A200,  A200,  D404,  D404,  A200]),
        row(post.clone(), "/initiatives/{id}/propositions/{proposal}/decision", &[("id", &f.published), ("proposal", &f.proposal)],
                                                                                   [LOGIN, D403,  A400,  A400,  D403,  D403,  A400]).form(&[("decision", "inconnue")]),
        // Débats: anyone reads, takes part (anonymous participation allowed here) and exports;
        // the creator (Manager, also the manager of its structure), platform moderators and
        // admins moderate and edit. Bodies are refused on their merits, so nothing changes.
        row(get.clone(), "/debats", &[], everyone(A200)),
        row(post.clone(), "/debats", &[],                                          [LOGIN, A422,  A422,  A422,  A422,  A422,  A422]).form(&[("question", "")]),
        row(get.clone(), "/debats/nouveau", &[],                                   [LOGIN, A200,  A200,  A200,  A200,  A200,  A200]),
        row(get.clone(), "/debats/{id}", &c, everyone(A200)),
        row(post.clone(), "/debats/{id}/votes", &c, everyone(A400)).form(&[("statement", "0"), ("vote", "peut-être")]),
        row(post.clone(), "/debats/{id}/propositions", &c, everyone(A422)).form(&[("proposition", "")]),
        row(get.clone(), "/debats/{id}/resultats", &c, everyone(A200)),
        row(get.clone(), "/debats/{id}/rapport", &c, everyone(A200)),
        row(get.clone(), "/debats/{id}/moderation", &c,                            [LOGIN, D403,  D403,  A200,  D403,  A200,  A200]),
        row(post.clone(), "/debats/{id}/moderation/{number}", &c0,                 [LOGIN, D403,  D403,  A400,  D403,  A400,  A400]).form(&[("decision", "inconnue")]),
        row(get.clone(), "/debats/{id}/modifier", &c,                              [LOGIN, D403,  D403,  A200,  D403,  A200,  A200]),
        row(post.clone(), "/debats/{id}/modifier", &c,                             [LOGIN, D403,  D403,  A422,  D403,  A422,  A422]).form(&[("question", "")]),
        row(get.clone(), "/debats/{id}/export/comments.csv", &c, everyone(A200)),
        row(get.clone(), "/debats/{id}/export/votes.csv", &c, everyone(A200)),
        row(get.clone(), "/debats/{id}/export/participants-votes.csv", &c, everyone(A200)),
        row(get.clone(), "/debats/{id}/export/summary.csv", &c, everyone(A200)),
        // Tirages au sort: public reading; registration for the signed in; organising for the
        // creator (Manager, also the manager of its structure) and admins. The panel has no
        // volunteer and no selection: its draws' inputs are 404 to all.
        row(get.clone(), "/tirages", &[], everyone(A200)),
        row(post.clone(), "/tirages", &[],                                         [LOGIN, A422,  A422,  A422,  A422,  A422,  A422]).form(&[("title", "")]),
        row(get.clone(), "/tirages/nouveau", &[],                                  [LOGIN, A200,  A200,  A200,  A200,  A200,  A200]),
        row(get.clone(), "/tirages/{id}", &t, everyone(A200)),
        row(get.clone(), "/tirages/{id}/modifier", &t,                             [LOGIN, D403,  D403,  A200,  D403,  D403,  A200]),
        row(post.clone(), "/tirages/{id}/modifier", &t,                            [LOGIN, D403,  D403,  A422,  D403,  D403,  A422]).form(&[("title", "")]),
        row(post.clone(), "/tirages/{id}/inscription", &t,                         [LOGIN, A422,  A422,  A422,  A422,  A422,  A422]).form(&[("f0", "")]),
        row(post.clone(), "/tirages/{id}/retrait", &t,                             [LOGIN, A409,  A409,  A409,  A409,  A409,  A409]),
        row(get.clone(), "/tirages/{id}/tirages/{round}", &t0json, everyone(D404)),
        row(get.clone(), "/tirages/{id}/gestion", &t,                              [LOGIN, D403,  D403,  A200,  D403,  D403,  A200]),
        row(post.clone(), "/tirages/{id}/import", &t,                              [LOGIN, D403,  D403,  A422,  D403,  D403,  A422]).body(Body::Multipart("file", b"ceci n'est pas un CSV".to_vec())),
        row(post.clone(), "/tirages/{id}/selection", &t,                           [LOGIN, D403,  D403,  A422,  D403,  D403,  A422]),
        row(post.clone(), "/tirages/{id}/tirage", &t,                              [LOGIN, D403,  D403,  A422,  D403,  D403,  A422]).form(&[("seed", "")]),
        row(post.clone(), "/tirages/{id}/remplacements", &t,                       [LOGIN, D403,  D403,  A409,  D403,  D403,  A409]).form(&[("seed", "1")]),
        row(post.clone(), "/tirages/{id}/effacement", &t,                          [LOGIN, D403,  D403,  A409,  D403,  D403,  A409]),
        // Groups: the closed group `gr` (Manager admin, Member member); joining leaves others
        // pending, which changes no other cell; the four reports hide the post, still 200.
        row(get.clone(), "/groupes", &[], everyone(A200)),
        row(post.clone(), "/groupes", &[],                                         [LOGIN, A422,  A422,  A422,  A422,  A422,  A422]).form(&[("name", "")]),
        row(get.clone(), "/groupes/nouveau", &[],                                  [LOGIN, A200,  A200,  A200,  A200,  A200,  A200]),
        row(get.clone(), "/groupes/{id}", &gr, everyone(A200)),
        row(get.clone(), "/groupes/{id}/modifier", &gr,                           [LOGIN, D403,  D403,  A200,  D403,  D403,  A200]),
        row(post.clone(), "/groupes/{id}/modifier", &gr,                          [LOGIN, D403,  D403,  A422,  D403,  D403,  A422]).form(&[("name", "")]),
        row(get.clone(), "/groupes/{id}/fils/{thread}", &grt,                      [LOGIN, D403,  A200,  A200,  D403,  A200,  A200]),
        row(post.clone(), "/groupes/{id}/fils", &gr,                               [LOGIN, D403,  A422,  A422,  D403,  D403,  D403]).form(&[("title", "")]),
        row(post.clone(), "/groupes/{id}/fils/{thread}/reponses", &grt,            [LOGIN, D403,  A422,  A422,  D403,  D403,  D403]).form(&[("body", "")]),
        row(post.clone(), "/groupes/{id}/fils/{thread}/suivi", &grt,               [LOGIN, D403,  A303,  A303,  D403,  A303,  A303]).form(&[("follow", "0")]),
        row(post.clone(), "/groupes/{id}/suivi", &gr,                              [LOGIN, D403,  A303,  A303,  D403,  A303,  A303]).form(&[("follow", "0")]),
        row(post.clone(), "/groupes/{id}/membres/{person}", &grm,                  [LOGIN, D403,  D403,  A422,  D403,  D403,  A422]).form(&[("action", "")]),
        row(post.clone(), "/groupes/{id}/demandes/{person}", &grm,                 [LOGIN, D403,  D403,  A422,  D403,  D403,  A422]).form(&[("decision", "")]),
        row(post.clone(), "/groupes/{id}/depart", &gro,                            [LOGIN, A303,  A303,  A409,  A303,  A303,  A303]),
        row(post.clone(), "/groupes/messages/{post}/signalement", &grp,            [LOGIN, D404,  A303,  A303,  D404,  A303,  A303]),
        row(get.clone(), "/groupes/moderation", &[],                               [LOGIN, D403,  D403,  D403,  D403,  A200,  A200]),
        row(post.clone(), "/groupes/moderation/messages/{post}", &grp,             [LOGIN, D403,  D403,  D403,  D403,  A422,  A422]).form(&[("action", "")]),
        row(post.clone(), "/groupes/moderation/comptes/{person}", &grk,            [LOGIN, D403,  D403,  D403,  D403,  A422,  A422]).form(&[("action", "")]),
        row(get.clone(), "/groupes/notifications", &[],                            [LOGIN, A200,  A200,  A200,  A200,  A200,  A200]),
        row(post.clone(), "/groupes/notifications", &[],                           [LOGIN, A422,  A422,  A422,  A422,  A422,  A422]).form(&[("mode", "")]),
        row(get.clone(), "/groupes/desabonnement/{token}", &grtok, everyone(A200)),
        row(post.clone(), "/groupes/desabonnement/{token}", &grtok, everyone(A200)),
        row(post.clone(), "/groupes/{id}/adhesion", &gr,                           [LOGIN, A303,  A303,  A303,  A303,  A303,  A303]),
        // Offers and needs (entraide): public reading; the author, the structure's managers
        // and admins edit; a conversation is its counterpart's and the post side's only.
        row(get.clone(), "/entraide", &[], everyone(A200)),
        row(get.clone(), "/data/offres.csv", &[], everyone(A200)),
        row(get.clone(), "/schemas/offres.json", &[], everyone(A200)),
        row(post.clone(), "/entraide", &[],                                        [LOGIN, A422,  A422,  A422,  A422,  A422,  A422]).form(&[("title", "")]),
        row(get.clone(), "/entraide/nouveau", &[],                                 [LOGIN, A200,  A200,  A200,  A200,  A200,  A200]),
        row(get.clone(), "/entraide/correspondances", &[], everyone(A200)),
        row(get.clone(), "/entraide/echanges", &[],                                [LOGIN, A200,  A200,  A200,  A200,  A200,  A200]),
        row(get.clone(), "/entraide/{id}", &x, everyone(A200)),
        row(get.clone(), "/entraide/{id}/modifier", &x,                            [LOGIN, D403,  D403,  A200,  D403,  D403,  A200]),
        row(post.clone(), "/entraide/{id}/modifier", &x,                           [LOGIN, D403,  D403,  A422,  D403,  D403,  A422]).form(&[("title", "")]),
        row(post.clone(), "/entraide/{id}/contact", &x,                            [LOGIN, A422,  A422,  A409,  A422,  A422,  A422]).form(&[("message", "")]),
        row(get.clone(), "/entraide/{id}/echanges/{person}", &xc,                  [LOGIN, A200,  D404,  A200,  D404,  D404,  D404]),
        row(post.clone(), "/entraide/{id}/echanges/{person}", &xc,                 [LOGIN, A422,  D404,  A422,  D404,  D404,  D404]).form(&[("message", "")]),
        row(post.clone(), "/entraide/{id}/cloture", &xz,                           [LOGIN, D403,  D403,  A303,  D403,  D403,  A303]),
        // Open data: published initiatives only, for everyone (see `exports_hold_published_initiatives_only`)
        row(get.clone(), "/data", &[], everyone(A200)),
        row(get.clone(), "/data/catalogue.jsonld", &[], everyone(A200)),
        row(get.clone(), "/data/initiatives.csv", &[], everyone(A200)),
        row(get.clone(), "/data/initiatives.json", &[], everyone(A200)),
        row(get.clone(), "/data/initiatives.jsonld", &[], everyone(A200)),
        row(get.clone(), "/schemas/initiatives.json", &[], everyone(A200)),
        // The API: Bearer tokens only; 401 without one
        row(get.clone(), "/api/v1/openapi.json", &[], everyone(A200)),
        row(get.clone(), "/api/v1/territories", &[], everyone(A200)).query("q=brest"),
        row(get.clone(), "/api/v1/territories/{reference}", &[("reference", "commune:29019")], everyone(A200)),
        row(post.clone(), "/api/v1/accounts", &[], everyone(A422)).json(json!({"email": "x", "name": "", "password": ""})),
        row(post.clone(), "/api/v1/password-resets", &[], everyone(A422)).json(json!({"email": "x"})),
        row(get.clone(), "/api/v1/me", &[],                                        [D401,  A200,  A200,  A200,  A200,  A200,  A200]),
        row(patch.clone(), "/api/v1/me", &[],                                      [D401,  A422,  A422,  A422,  A422,  A422,  A422]).json(json!({"display_name": ""})),
        row(get.clone(), "/api/v1/me/tokens", &[],                                 [D401,  A200,  A200,  A200,  A200,  A200,  A200]),
        row(delete.clone(), "/api/v1/me/tokens/{id}", &[("id", &f.token_for_api)], [D401, D404,  D404,  A204,  D404,  D404,  D404]),
        row(get.clone(), "/api/v1/structures", &[], everyone(A200)),
        row(post.clone(), "/api/v1/structures", &[],                               [D401,  A422,  A422,  A422,  A422,  A422,  A422]).json(json!({"name": "", "kind": "association"})),
        row(get.clone(), "/api/v1/structures/{id}", &s, everyone(A200)),
        row(put.clone(), "/api/v1/structures/{id}", &s,                            [D401,  D403,  D403,  A422,  D403,  D403,  A422]).json(json!({"name": "", "kind": "association"})),
        row(get.clone(), "/api/v1/structures/{id}/members", &s, everyone(A200)),
        row(delete.clone(), "/api/v1/structures/{id}/members/{person_id}", &[("id", &f.structure), ("person_id", &f.manager)],
                                                                                   [D401,  D403,  D403,  A409,  D403,  D403,  A409]),
        row(post.clone(), "/api/v1/structures/{id}/invitations", &s,               [D401,  D403,  D403,  A422,  D403,  D403,  A422]).json(json!({"email": "x", "role": "member"})),
        row(get.clone(), "/api/v1/admin/people", &[],                              [D401,  D403,  D403,  D403,  D403,  D403,  A200]),
        row(put.clone(), "/api/v1/admin/people/{id}/roles", &[("id", &f.admin)],   [D401,  D403,  D403,  D403,  D403,  D403,  A409]).json(json!({"roles": []})),
        row(get.clone(), "/api/v1/admin/audit", &[],                               [D401,  D403,  D403,  D403,  D403,  D403,  A200]),
        row(get.clone(), "/api/v1/conversations", &[], everyone(A200)),
        row(post.clone(), "/api/v1/conversations", &[],                            [D401,  A422,  A422,  A422,  A422,  A422,  A422]).json(json!({"question": ""})),
        row(get.clone(), "/api/v1/conversations/{id}", &c, everyone(A200)),
        row(get.clone(), "/api/v1/conversations/{id}/statements", &c, everyone(A200)),
        row(post.clone(), "/api/v1/conversations/{id}/statements", &c,             [D401,  A422,  A422,  A422,  A422,  A422,  A422]).json(json!({"text": ""})),
        row(patch.clone(), "/api/v1/conversations/{id}/statements/{number}", &c0,  [D401,  D403,  D403,  A422,  D403,  A422,  A422]).json(json!({"status": "inconnu"})),
        row(get.clone(), "/api/v1/conversations/{id}/next", &c, everyone(A200)),
        row(post.clone(), "/api/v1/conversations/{id}/votes", &c,                  [D401,  A422,  A422,  A422,  A422,  A422,  A422]).json(json!({"statement": 0, "vote": "peut-être"})),
        row(get.clone(), "/api/v1/conversations/{id}/results", &c, everyone(A200)),
        row(get.clone(), "/blocages", &[], everyone(A200)),
        row(post.clone(), "/blocages", &[],                                        [LOGIN, A422,  A422,  A422,  A422,  A422,  A422]).form(&[("title", "")]),
        row(get.clone(), "/blocages/nouveau", &[],                                 [LOGIN, A200,  A200,  A200,  A200,  A200,  A200]),
        row(get.clone(), "/blocages/synthese", &[], everyone(A200)),
        row(get.clone(), "/blocages/hackers-publics", &[],                         [LOGIN, D403,  D403,  D403,  D403,  D403,  A200]),
        row(post.clone(), "/blocages/hackers-publics", &[],                        [LOGIN, D403,  D403,  D403,  D403,  D403,  A422]).form(&[("email", "")]),
        row(post.clone(), "/blocages/hackers-publics/{id}/suppression", &bk0,      [LOGIN, D403,  D403,  D403,  D403,  D403,  D404]),
        row(get.clone(), "/blocages/{id}", &bk,                                    [D404,  D403,  D403,  A200,  D403,  D403,  A200]),
        row(post.clone(), "/blocages/{id}/messages", &bk,                          [LOGIN, D403,  D403,  A422,  D403,  D403,  A422]).form(&[("body", "")]),
        row(post.clone(), "/blocages/{id}/statut", &bk,                            [LOGIN, D403,  D403,  D403,  D403,  D403,  A422]).form(&[("status", "zzz")]),
        row(get.clone(), "/data/blocages.csv", &[], everyone(A200)),
        row(get.clone(), "/schemas/blocages.json", &[], everyone(A200)),
        row(get.clone(), "/indicateurs", &[], everyone(A200)),
        row(get.clone(), "/indicateurs/proposer", &[],                             [LOGIN, A200,  A200,  A200,  A200,  A200,  A200]),
        row(post.clone(), "/indicateurs/proposer", &[],                            [LOGIN, A422,  A422,  A422,  A422,  A422,  A422]).form(&[("name_fr", "")]),
        row(get.clone(), "/indicateurs/{code}", &im, everyone(A200)),
        row(post.clone(), "/indicateurs/{code}/decision", &im,                     [LOGIN, D403,  D403,  D403,  D403,  A409,  A409]).form(&[("decision", "publish")]),
        row(get.clone(), "/initiatives/{id}/impact", &p, everyone(A200)),
        row(post.clone(), "/initiatives/{id}/impact", &p,                          [LOGIN, D403,  A422,  A422,  D403,  D403,  A422]).form(&[("indicator", "")]),
        row(get.clone(), "/initiatives/{id}/impact/ajouter", &p,                   [LOGIN, D403,  A200,  A200,  D403,  D403,  A200]),
        row(post.clone(), "/initiatives/{id}/impact/{entry}/suppression", &ime0,   [LOGIN, D403,  D404,  D404,  D403,  D403,  D404]),
        row(get.clone(), "/initiatives/{id}/impact/{entry}/mesures", &ime,         [LOGIN, D403,  A200,  A200,  D403,  D403,  A200]),
        row(post.clone(), "/initiatives/{id}/impact/{entry}/mesures", &ime,        [LOGIN, D403,  A422,  A422,  D403,  D403,  A422]).form(&[("value", "")]),
        row(get.clone(), "/initiatives/{id}/impact/mesures/{m}/modifier", &imm,    [LOGIN, D403,  A200,  A200,  D403,  D403,  A200]),
        row(post.clone(), "/initiatives/{id}/impact/mesures/{m}/modifier", &imm,   [LOGIN, D403,  A422,  A422,  D403,  D403,  A422]).form(&[("value", "")]),
        row(post.clone(), "/initiatives/{id}/impact/mesures/{m}/verification", &imm, [LOGIN, D403, D403,  D403,  D403,  D403,  D403]).form(&[("note", "")]),
        row(get.clone(), "/data/impact-mesures.csv", &[], everyone(A200)),
        row(get.clone(), "/data/impact-mesures.json", &[], everyone(A200)),
        row(get.clone(), "/schemas/impact-mesures.json", &[], everyone(A200)),
        // Funding: the draft call is its funder's (OtherManager; admins manage every structure);
        // the application is its applicant's (Manager) and, submitted, its funder's. Neither
        // can change: the draft cannot close nor be published without a funder label, the
        // application is decided.
        row(get.clone(), "/appels", &[], everyone(A200)),
        row(post.clone(), "/appels", &[],                                          [LOGIN, A422,  A422,  A422,  A422,  A422,  A422]).form(&[("title", "")]),
        row(get.clone(), "/appels/nouveau", &[],                                   [LOGIN, D403,  D403,  D403,  D403,  D403,  D403]),
        row(get.clone(), "/appels/{id}", &fc, everyone(A200)),
        row(get.clone(), "/appels/{id}", &fd,                                      [D404,  D404,  D404,  D404,  A200,  D404,  A200]),
        row(get.clone(), "/appels/{id}/modifier", &fd,                             [LOGIN, D404,  D404,  D404,  A200,  D404,  A200]),
        row(post.clone(), "/appels/{id}/modifier", &fd,                            [LOGIN, D404,  D404,  D404,  A422,  D404,  A422]).form(&[("title", "")]),
        row(post.clone(), "/appels/{id}/publication", &fd,                         [LOGIN, D404,  D404,  D404,  A409,  D404,  A409]),
        row(post.clone(), "/appels/{id}/cloture", &fd,                             [LOGIN, D404,  D404,  D404,  A409,  D404,  A409]),
        row(get.clone(), "/appels/{id}/candidater", &fc,                           [LOGIN, A200,  A200,  A200,  A200,  A200,  A200]),
        row(post.clone(), "/appels/{id}/candidater", &fc,                          [LOGIN, A422,  A422,  A422,  A422,  A422,  A422]).form(&[("structure", "")]),
        row(get.clone(), "/appels/{id}/palmares", &fc, everyone(A200)),
        row(get.clone(), "/candidatures", &[],                                     [LOGIN, A200,  A200,  A200,  A200,  A200,  A200]),
        row(get.clone(), "/candidatures/{id}", &fa,                                [D404,  D404,  D404,  A200,  A200,  D404,  A200]),
        row(post.clone(), "/candidatures/{id}/reponses", &fa,                      [LOGIN, D404,  D404,  A409,  D403,  D404,  A409]),
        row(post.clone(), "/candidatures/{id}/documents", &fa,                     [LOGIN, D404,  D404,  A409,  D403,  D404,  A409]).body(Body::Multipart("document", b"%PDF-1.4\n%%EOF\n".to_vec())),
        row(get.clone(), "/candidatures/{id}/documents/{doc}", &fad,               [LOGIN, D404,  D404,  A200,  A200,  D404,  A200]),
        row(post.clone(), "/candidatures/{id}/documents/{doc}/suppression", &fad,  [LOGIN, D404,  D404,  A409,  D403,  D404,  A409]),
        row(post.clone(), "/candidatures/{id}/depot", &fa,                         [LOGIN, D404,  D404,  A409,  D403,  D404,  A409]),
        row(post.clone(), "/candidatures/{id}/retrait", &fa,                       [LOGIN, D404,  D404,  A409,  D403,  D404,  A409]),
        // Review (relecteurs, évaluation, décisions): the prize's funder (OtherManager) and
        // admins run it; the applicant (Manager) knows the application but reviews nothing;
        // the application's decision is recorded, not sent, so the applicant sees none yet.
        row(get.clone(), "/evaluations", &[],                                      [LOGIN, A200,  A200,  A200,  A200,  A200,  A200]),
        row(get.clone(), "/appels/{id}/relecteurs", &fc,                           [LOGIN, D403,  D403,  D403,  A200,  D403,  A200]),
        row(post.clone(), "/appels/{id}/relecteurs", &fc,                          [LOGIN, D403,  D403,  D403,  A422,  D403,  A422]).form(&[("email", "")]),
        row(post.clone(), "/appels/{id}/relecteurs/{person}/retrait", &rvp,        [LOGIN, D403,  D403,  D403,  D404,  D403,  D404]),
        row(post.clone(), "/appels/{id}/attribution", &fc,                         [LOGIN, D403,  D403,  D403,  A200,  D403,  A200]),
        row(get.clone(), "/appels/{id}/evaluation", &fc,                           [LOGIN, D403,  D403,  D403,  A200,  D403,  A200]),
        row(get.clone(), "/appels/{id}/decisions", &fc,                            [LOGIN, D403,  D403,  D403,  A200,  D403,  A200]),
        row(post.clone(), "/appels/{id}/decisions/envoi", &fd,                     [LOGIN, D404,  D404,  D404,  A303,  D404,  A303]),
        row(get.clone(), "/candidatures/{id}/evaluer", &fa,                        [LOGIN, D404,  D404,  D403,  D403,  D404,  D403]),
        row(post.clone(), "/candidatures/{id}/evaluer", &fa,                       [LOGIN, D404,  D404,  D403,  D403,  D404,  D403]),
        row(get.clone(), "/candidatures/{id}/conflit", &fa,                        [LOGIN, D404,  D404,  D403,  D403,  D404,  D403]),
        row(post.clone(), "/candidatures/{id}/conflit", &fa,                       [LOGIN, D404,  D404,  D403,  D403,  D404,  D403]).form(&[("reason", "")]),
        row(get.clone(), "/candidatures/{id}/decision", &fa,                       [LOGIN, D404,  D404,  D404,  D404,  D404,  D404]),
        row(post.clone(), "/candidatures/{id}/decision", &fa,                      [LOGIN, D404,  D404,  D403,  A422,  D404,  A422]).form(&[("outcome", "")]),
        row(post.clone(), "/candidatures/{id}/partage", &fa,                       [LOGIN, D404,  D404,  D403,  D404,  D404,  D404]).form(&[("review", "zzz"), ("share", "1")]),
        row(get.clone(), "/data/subventions.csv", &[], everyone(A200)),
        row(get.clone(), "/schemas/subventions.json", &[], everyone(A200)),
        row(get.clone(), "/veille", &[], everyone(A200)),
        row(post.clone(), "/veille", &[],                                          [LOGIN, D403,  D403,  D403,  D403,  A422,  A422]).form(&[("url", "")]),
        row(get.clone(), "/veille.atom", &[], everyone(A200)),
        row(post.clone(), "/veille/{id}/suppression", &bk0,                        [LOGIN, D404,  D404,  D404,  D404,  D404,  D404]),
        row(get.clone(), "/groupes/{id}/veille", &gr,                              [LOGIN, D403,  A200,  A200,  D403,  A200,  A200]),
        row(post.clone(), "/groupes/{id}/veille", &gr,                             [LOGIN, D403,  A422,  A422,  D403,  D403,  D403]).form(&[("url", "")]),
        row(get.clone(), "/groupes/{id}/veille.atom", &gr,                         [LOGIN, D403,  A200,  A200,  D403,  A200,  A200]),
        row(get.clone(), "/api/v1/news", &[], everyone(A200)),
        row(get.clone(), "/api/v1/news", &[],                                      [D401,  D403,  A200,  A200,  D403,  A200,  A200]).query(&format!("group={}", f.group)),
        row(post.clone(), "/api/v1/news", &[],                                     [D401,  D403,  D403,  D403,  D403,  A422,  A422]).json(json!({"url": "", "title": ""})),
        row(delete.clone(), "/api/v1/news/{id}", &bk0,                             [D401,  D404,  D404,  D404,  D404,  D404,  D404]),
        row(get.clone(), "/api/v1/blockers", &[], everyone(A200)),
        row(post.clone(), "/api/v1/blockers", &[],                                 [D401,  A422,  A422,  A422,  A422,  A422,  A422]).json(json!({"title": ""})),
        row(get.clone(), "/api/v1/blockers/summary", &[], everyone(A200)),
        row(get.clone(), "/api/v1/blockers/{id}", &bk,                             [D404,  D403,  D403,  A200,  D403,  D403,  A200]),
        row(post.clone(), "/api/v1/blockers/{id}/messages", &bk,                   [D401,  D403,  D403,  A422,  D403,  D403,  A422]).json(json!({"body": ""})),
        row(get.clone(), "/api/v1/calls", &[], everyone(A200)),
        row(post.clone(), "/api/v1/calls", &[],                                    [D401,  A422,  A422,  A422,  A422,  A422,  A422]).json(json!({"title": ""})),
        row(get.clone(), "/api/v1/calls/{id}", &fd,                                [D404,  D404,  D404,  D404,  A200,  D404,  A200]),
        row(post.clone(), "/api/v1/calls/{id}/publish", &fd,                       [D401,  D404,  D404,  D404,  A409,  D404,  A409]),
        row(post.clone(), "/api/v1/applications", &[],                             [D401,  A422,  A422,  A422,  A422,  A422,  A422]).json(json!({"call_id": ""})),
        row(get.clone(), "/api/v1/applications/{id}", &fa,                         [D401,  D404,  D404,  A200,  A200,  D404,  A200]),
        row(put.clone(), "/api/v1/applications/{id}/answers", &fa,                 [D401,  D404,  D404,  A409,  D403,  D404,  A409]).json(json!({"answers": []})),
        row(post.clone(), "/api/v1/applications/{id}/documents", &fa,             [D401,  D404,  D404,  A409,  D403,  D404,  A409]),
        row(get.clone(), "/api/v1/applications/{id}/documents/{doc}", &fad,        [D401,  D404,  D404,  A200,  A200,  D404,  A200]),
        row(post.clone(), "/api/v1/applications/{id}/submit", &fa,                 [D401,  D404,  D404,  A409,  D403,  D404,  A409]),
        row(post.clone(), "/api/v1/applications/{id}/withdraw", &fa,               [D401,  D404,  D404,  A409,  D403,  D404,  A409]),
        row(get.clone(), "/api/v1/calls/{id}/reviewers", &fc,                     [D401,  D403,  D403,  D403,  A200,  D403,  A200]),
        row(post.clone(), "/api/v1/calls/{id}/reviewers", &fc,                    [D401,  D403,  D403,  D403,  A422,  D403,  A422]).json(json!({"email": ""})),
        row(delete.clone(), "/api/v1/calls/{id}/reviewers/{person_id}", &rvpa,    [D401,  D403,  D403,  D403,  D404,  D403,  D404]),
        row(get.clone(), "/api/v1/calls/{id}/assignments", &fc,                   [D401,  D403,  D403,  D403,  A200,  D403,  A200]),
        row(post.clone(), "/api/v1/calls/{id}/assignments", &fc,                  [D401,  D403,  D403,  D403,  A200,  D403,  A200]),
        row(get.clone(), "/api/v1/calls/{id}/table", &fc,                         [D401,  D403,  D403,  D403,  A200,  D403,  A200]),
        row(post.clone(), "/api/v1/calls/{id}/decisions/send", &fd,               [D401,  D404,  D404,  D404,  A200,  D404,  A200]),
        row(get.clone(), "/api/v1/applications/{id}/reviews", &fa,                [D401,  D404,  D404,  D403,  A200,  D404,  A200]),
        row(put.clone(), "/api/v1/applications/{id}/reviews", &fa,                [D401,  D404,  D404,  D403,  D403,  D404,  D403]).json(json!({})),
        row(post.clone(), "/api/v1/applications/{id}/conflict", &fa,              [D401,  D404,  D404,  D403,  D403,  D404,  D403]).json(json!({"reason": ""})),
        row(get.clone(), "/api/v1/applications/{id}/decision", &fa,               [D401,  D404,  D404,  D404,  A200,  D404,  A200]),
        row(put.clone(), "/api/v1/applications/{id}/decision", &fa,               [D401,  D404,  D404,  D403,  A422,  D404,  A422]).json(json!({"outcome": ""})),
        row(post.clone(), "/api/v1/blockers/{id}/status", &bk,                     [D401,  D403,  D403,  D403,  D403,  D403,  A422]).json(json!({"status": "zzz"})),
        // Self-assessment (autoévaluation): editors of the initiative only, until published
        row(get.clone(), "/initiatives/{id}/autoevaluation", &p, everyone(A200)),
        row(post.clone(), "/initiatives/{id}/autoevaluation", &p,                 [LOGIN, D403,  A422,  A422,  D403,  D403,  A422]).form(&[("changes-1", "9")]),
        row(get.clone(), "/initiatives/{id}/autoevaluation/nouvelle", &p,         [LOGIN, D403,  A200,  A200,  D403,  D403,  A200]),
        row(get.clone(), "/initiatives/{id}/autoevaluation/{aid}", &ae,           [D404,  D403,  A200,  A200,  D403,  D403,  A200]),
        row(post.clone(), "/initiatives/{id}/autoevaluation/{aid}/publication", &ae, [LOGIN, D403, A400,  A400,  D403,  D403,  A400]).form(&[("published", "zzz")]),
        row(get.clone(), "/api/v1/initiatives/{id}/assessments", &p, everyone(A200)),
        row(post.clone(), "/api/v1/initiatives/{id}/assessments", &p,             [D401,  D403,  A422,  A422,  D403,  D403,  A422]).json(json!({"answers": {}})),
        row(get.clone(), "/api/v1/assessments/{id}", &ae1,                        [D404,  D403,  A200,  A200,  D403,  D403,  A200]),
        row(post.clone(), "/api/v1/assessments/{id}/publication", &ae1,           [D401,  D403,  A200,  A200,  D403,  D403,  A200]).json(json!({"published": false})),
        row(get.clone(), "/api/v1/indicators", &[], everyone(A200)),
        row(post.clone(), "/api/v1/indicators", &[],                              [D401,  A422,  A422,  A422,  A422,  A422,  A422]).json(json!({"name_fr": ""})),
        row(get.clone(), "/api/v1/indicators/{code}", &im, everyone(A200)),
        row(post.clone(), "/api/v1/indicators/{code}/decision", &im,              [D401,  D403,  D403,  D403,  D403,  A409,  A409]).json(json!({"decision": "publish"})),
        row(get.clone(), "/api/v1/initiatives/{id}/impact", &p, everyone(A200)),
        row(post.clone(), "/api/v1/initiatives/{id}/impact", &p,                  [D401,  D403,  A422,  A422,  D403,  D403,  A422]).json(json!({"indicator": "", "baseline_value": 1, "baseline_on": "", "target_value": 2, "target_on": ""})),
        row(delete.clone(), "/api/v1/initiatives/{id}/impact/{entry}", &ime0,     [D401,  D403,  D404,  D404,  D403,  D403,  D404]),
        row(post.clone(), "/api/v1/initiatives/{id}/impact/{entry}/measurements", &ime, [D401, D403, A422, A422, D403,  D403,  A422]).json(json!({"value": "", "period_end": "", "source": "", "evidence_level": 0})),
        row(get.clone(), "/api/v1/measurements/{id}", &imm1, everyone(A200)),
        row(put.clone(), "/api/v1/measurements/{id}", &imm1,                      [D401,  D403,  A422,  A422,  D403,  D403,  A422]).json(json!({"value": "", "period_end": "", "source": "", "evidence_level": 0})),
        row(post.clone(), "/api/v1/measurements/{id}/verification", &imm1,        [D401,  D403,  D403,  D403,  D403,  D403,  D403]).json(json!({"note": ""})),
        // Impact contracts (contrats à impact): funder-labelled managers propose (nobody here
        // holds a granted funder label); contracts are private to their parties
        row(get.clone(), "/contrats-a-impact", &[],                               [LOGIN, A200,  A200,  A200,  A200,  A200,  A200]),
        row(get.clone(), "/initiatives/{id}/contrats-a-impact", &p,               [LOGIN, D403,  D403,  D403,  D403,  D403,  D403]),
        row(post.clone(), "/initiatives/{id}/contrats-a-impact", &p,              [LOGIN, D403,  D403,  D403,  D403,  D403,  D403]).form(&[("title", "")]),
        row(get.clone(), "/contrats-a-impact/{id}", &bk0, everyone(D404)),
        row(get.clone(), "/contrats-a-impact/{id}/export.csv", &bk0, everyone(D404)),
        row(post.clone(), "/contrats-a-impact/{id}/signature", &bk0,              [LOGIN, D404,  D404,  D404,  D404,  D404,  D404]).form(&[("decision", "accept")]),
        row(post.clone(), "/contrats-a-impact/{id}/fin", &bk0,                    [LOGIN, D404,  D404,  D404,  D404,  D404,  D404]),
        row(get.clone(), "/api/v1/impact-contracts", &[],                         [D401,  A200,  A200,  A200,  A200,  A200,  A200]),
        row(get.clone(), "/api/v1/impact-contracts/{id}", &bk0, everyone(D404)),
        row(post.clone(), "/api/v1/impact-contracts/{id}/signature", &bk0,        [D401,  D404,  D404,  D404,  D404,  D404,  D404]).json(json!({"accept": true})),
        row(post.clone(), "/api/v1/initiatives/{id}/impact-contracts", &p,        [D401,  D403,  D403,  D403,  D403,  D403,  D403]).json(json!({"structure_id": Uuid::nil(), "title": "", "starts_on": "", "outcomes": []})),
        // Barometer: public
        row(get.clone(), "/barometre", &[], everyone(A200)),
        row(get.clone(), "/barometre/comparer", &[], everyone(A200)),
        row(get.clone(), "/barometre/{territoire}", &[("territoire", "departement-29")], everyone(A200)),
        row(get.clone(), "/api/v1/barometer", &[], everyone(A200)),
        // Events: public lists and feeds; an event that does not exist is 404 to everyone, and
        // management by non-organisers is tested in tests/http/events.rs.
        row(get.clone(), "/evenements", &[], everyone(A200)),
        row(post.clone(), "/evenements", &[],                                      [LOGIN, A422,  A422,  A422,  A422,  A422,  A422]).form(&[("title", "")]),
        row(get.clone(), "/evenements.atom", &[], everyone(A200)),
        row(get.clone(), "/evenements/nouveau", &[],                               [LOGIN, A200,  A200,  A200,  A200,  A200,  A200]),
        row(get.clone(), "/evenements/territoire/{reference}", &[("reference", "departement:29.ics")], everyone(A200)),
        row(get.clone(), "/evenements/{id}", &bk0, everyone(D404)),
        row(get.clone(), "/evenements/{id}/modifier", &bk0,                        [LOGIN, D404,  D404,  D404,  D404,  D404,  D404]),
        row(post.clone(), "/evenements/{id}/modifier", &bk0,                       [LOGIN, D404,  D404,  D404,  D404,  D404,  D404]).form(&[("title", "")]),
        row(post.clone(), "/evenements/{id}/annulation", &bk0,                     [LOGIN, D404,  D404,  D404,  D404,  D404,  D404]),
        row(post.clone(), "/evenements/{id}/inscription", &bk0,                    [LOGIN, D404,  D404,  D404,  D404,  D404,  D404]),
        row(post.clone(), "/evenements/{id}/desinscription", &bk0,                 [LOGIN, D404,  D404,  D404,  D404,  D404,  D404]),
        row(get.clone(), "/evenements/{id}/participants", &bk0,                    [LOGIN, D404,  D404,  D404,  D404,  D404,  D404]),
        row(get.clone(), "/evenements/{id}/participants.csv", &bk0,                [LOGIN, D404,  D404,  D404,  D404,  D404,  D404]),
        row(get.clone(), "/api/v1/events", &[], everyone(A200)),
        row(post.clone(), "/api/v1/events", &[],                                   [D401,  A422,  A422,  A422,  A422,  A422,  A422]).json(json!({"kind": "meetup", "title": "", "starts_at": "", "ends_at": ""})),
        row(get.clone(), "/api/v1/events/{id}", &bk0, everyone(D404)),
        row(put.clone(), "/api/v1/events/{id}", &bk0,                              [D401,  D404,  D404,  D404,  D404,  D404,  D404]).json(json!({"kind": "meetup", "title": "", "starts_at": "", "ends_at": ""})),
        row(post.clone(), "/api/v1/events/{id}/cancel", &bk0,                      [D401,  D404,  D404,  D404,  D404,  D404,  D404]),
        row(get.clone(), "/api/v1/events/{id}/registration", &bk0,                 [D401,  D404,  D404,  D404,  D404,  D404,  D404]),
        row(post.clone(), "/api/v1/events/{id}/registration", &bk0,                [D401,  D404,  D404,  D404,  D404,  D404,  D404]),
        row(delete.clone(), "/api/v1/events/{id}/registration", &bk0,              [D401,  D404,  D404,  D404,  D404,  D404,  D404]),
        row(get.clone(), "/api/v1/events/{id}/attendees", &bk0,                    [D401,  D404,  D404,  D404,  D404,  D404,  D404]),
        // World Café: a café that does not exist is 404 to everyone (organiser pages ask to sign
        // in first); who runs a real one is tested in tests/http/cafe.rs.
        row(get.clone(), concat!("/static/", env!("CARGO_PKG_VERSION"), "/cafe.css"), &[], everyone(A200)),
        row(get.clone(), concat!("/static/", env!("CARGO_PKG_VERSION"), "/cafe.js"), &[], everyone(A200)),
        row(get.clone(), "/evenements/{id}/cafe", &bk0,                            [LOGIN, D404,  D404,  D404,  D404,  D404,  D404]),
        row(post.clone(), "/evenements/{id}/cafe", &bk0,                           [LOGIN, D404,  D404,  D404,  D404,  D404,  D404]),
        row(get.clone(), "/evenements/{id}/cafe/participants", &bk0,               [LOGIN, D404,  D404,  D404,  D404,  D404,  D404]),
        row(post.clone(), "/evenements/{id}/cafe/participants", &bk0,              [LOGIN, D404,  D404,  D404,  D404,  D404,  D404]).form(&[("name", "X")]),
        row(post.clone(), "/evenements/{id}/cafe/participants/inscrits", &bk0,     [LOGIN, D404,  D404,  D404,  D404,  D404,  D404]),
        row(post.clone(), "/evenements/{id}/cafe/participants/{pid}", &[("id", nil_id.as_str()), ("pid", nil_id.as_str())], [LOGIN, D404, D404, D404, D404, D404, D404]),
        row(post.clone(), "/evenements/{id}/cafe/participants/{pid}/retrait", &[("id", nil_id.as_str()), ("pid", nil_id.as_str())], [LOGIN, D404, D404, D404, D404, D404, D404]),
        row(get.clone(), "/evenements/{id}/cafe/plan", &bk0,                       [LOGIN, D404,  D404,  D404,  D404,  D404,  D404]),
        row(post.clone(), "/evenements/{id}/cafe/plan", &bk0,                      [LOGIN, D404,  D404,  D404,  D404,  D404,  D404]),
        row(post.clone(), "/evenements/{id}/cafe/plan/ajustement", &bk0,           [LOGIN, D404,  D404,  D404,  D404,  D404,  D404]),
        row(get.clone(), "/evenements/{id}/cafe/itineraires", &bk0,                [LOGIN, D404,  D404,  D404,  D404,  D404,  D404]),
        row(get.clone(), "/evenements/{id}/cafe/tables", &bk0,                     [LOGIN, D404,  D404,  D404,  D404,  D404,  D404]),
        row(get.clone(), "/evenements/{id}/cafe/direct", &bk0,                     [LOGIN, D404,  D404,  D404,  D404,  D404,  D404]),
        row(post.clone(), "/evenements/{id}/cafe/direct", &bk0,                    [LOGIN, D404,  D404,  D404,  D404,  D404,  D404]).form(&[("action", "start")]),
        row(get.clone(), "/evenements/{id}/cafe/table/{table}", &[("id", nil_id.as_str()), ("table", "1")], [LOGIN, D404, D404, D404, D404, D404, D404]),
        row(post.clone(), "/evenements/{id}/cafe/table/{table}", &[("id", nil_id.as_str()), ("table", "1")], [LOGIN, D404, D404, D404, D404, D404, D404]).form(&[("round", "1"), ("body", "x")]),
        row(get.clone(), "/evenements/{id}/cafe/table/{table}/lien", &[("id", nil_id.as_str()), ("table", "1")], everyone(D404)),
        row(post.clone(), "/evenements/{id}/cafe/table/{table}/lien", &[("id", nil_id.as_str()), ("table", "1")], everyone(D404)).form(&[("round", "1"), ("body", "x")]),
        row(get.clone(), "/evenements/{id}/cafe/synthese", &bk0, everyone(D404)),
        row(post.clone(), "/evenements/{id}/cafe/synthese", &bk0,                  [LOGIN, D404,  D404,  D404,  D404,  D404,  D404]).form(&[("publish", "yes")]),
        row(get.clone(), "/evenements/{id}/cafe/synthese.md", &bk0, everyone(D404)),
        row(get.clone(), "/evenements/{id}/cafe/synthese.csv", &bk0, everyone(D404)),
        row(get.clone(), "/api/v1/events/{id}/cafe/settings", &bk0,                [D401,  D404,  D404,  D404,  D404,  D404,  D404]),
        row(put.clone(), "/api/v1/events/{id}/cafe/settings", &bk0,                [D401,  D404,  D404,  D404,  D404,  D404,  D404]).json(json!({"questions": ["Q"], "layout": "size", "table_size": 4, "rounds": 3, "round_minutes": 20})),
        row(post.clone(), "/api/v1/events/{id}/cafe/plan", &bk0,                   [D401,  D404,  D404,  D404,  D404,  D404,  D404]).json(json!({"replace": true})),
        row(get.clone(), "/api/v1/events/{id}/cafe/schedule", &bk0,                [D401,  D404,  D404,  D404,  D404,  D404,  D404]),
        row(get.clone(), "/api/v1/events/{id}/cafe/synthesis", &bk0, everyone(D404)),
        row(post.clone(), "/api/v1/events/{id}/cafe/tables/{table}/harvest", &[("id", nil_id.as_str()), ("table", "1")], everyone(D404)).json(json!({"token": "0123456789abcdef0123456789abcdef", "round": 1, "body": "x"})),
        // Défis: a public catalogue; a défi that does not exist is 404 to everyone (who edits
        // one, drafts and co-owners are tested in tests/http/defis.rs).
        row(get.clone(), "/defis", &[], everyone(A200)),
        row(post.clone(), "/defis", &[],                                          [LOGIN, A422,  A422,  A422,  A422,  A422,  A422]).form(&[("title", "")]),
        row(get.clone(), "/defis/nouveau", &[],                                   [LOGIN, A200,  A200,  A200,  A200,  A200,  A200]),
        row(get.clone(), "/defis/{id}", &bk0, everyone(D404)),
        row(get.clone(), "/defis/{id}/modifier", &bk0,                            [LOGIN, D404,  D404,  D404,  D404,  D404,  D404]),
        row(post.clone(), "/defis/{id}/modifier", &bk0,                           [LOGIN, D404,  D404,  D404,  D404,  D404,  D404]).form(&[("title", "")]),
        row(post.clone(), "/defis/{id}/coproprietaires", &bk0,                    [LOGIN, D404,  D404,  D404,  D404,  D404,  D404]).form(&[("structure", "")]),
        row(get.clone(), "/api/v1/defis", &[], everyone(A200)),
        row(post.clone(), "/api/v1/defis", &[],                                   [D401,  A422,  A422,  A422,  A422,  A422,  A422]).json(json!({"title": "", "question": ""})),
        row(get.clone(), "/api/v1/defis/{id}", &bk0, everyone(D404)),
        row(put.clone(), "/api/v1/defis/{id}", &bk0,                              [D401,  D404,  D404,  D404,  D404,  D404,  D404]).json(json!({"title": "", "question": ""})),
        // Hackathons: an event that does not exist is 404 to everyone (organisers' pages and
        // endpoints refused to others are tested in tests/http/hackathons.rs).
        row(get.clone(), "/evenements/{id}/hackathon", &bk0, everyone(D404)),
        row(get.clone(), "/evenements/{id}/hackathon/reglages", &bk0,             [LOGIN, D404,  D404,  D404,  D404,  D404,  D404]),
        row(post.clone(), "/evenements/{id}/hackathon/reglages", &bk0,            [LOGIN, D404,  D404,  D404,  D404,  D404,  D404]).form(&[("team_size", "")]),
        row(get.clone(), "/evenements/{id}/hackathon/participation", &bk0,        [LOGIN, D404,  D404,  D404,  D404,  D404,  D404]),
        row(post.clone(), "/evenements/{id}/hackathon/participation", &bk0,       [LOGIN, D404,  D404,  D404,  D404,  D404,  D404]).form(&[("sector", "")]),
        row(get.clone(), "/evenements/{id}/hackathon/equipes", &bk0, everyone(D404)),
        row(post.clone(), "/evenements/{id}/hackathon/equipes/formation", &bk0,   [LOGIN, D404,  D404,  D404,  D404,  D404,  D404]).form(&[("seed", "")]),
        row(post.clone(), "/evenements/{id}/hackathon/equipes/ajustement", &bk0,  [LOGIN, D404,  D404,  D404,  D404,  D404,  D404]).form(&[("name-1", "")]),
        row(post.clone(), "/evenements/{id}/hackathon/equipes/publication", &bk0, [LOGIN, D404,  D404,  D404,  D404,  D404,  D404]).form(&[("publier", "1")]),
        row(get.clone(), "/evenements/{id}/hackathon/equipes/{team}", &hk0, everyone(D404)),
        row(post.clone(), "/evenements/{id}/hackathon/equipes/{team}", &hk0,      [LOGIN, D404,  D404,  D404,  D404,  D404,  D404]).form(&[("pitch", "")]),
        row(get.clone(), "/api/v1/events/{id}/hackathon", &bk0, everyone(D404)),
        row(put.clone(), "/api/v1/events/{id}/hackathon", &bk0,                   [D401,  D404,  D404,  D404,  D404,  D404,  D404]).json(json!({"team_size": 4})),
        row(get.clone(), "/api/v1/events/{id}/hackathon/participants", &bk0,      [D401,  D404,  D404,  D404,  D404,  D404,  D404]),
        row(put.clone(), "/api/v1/events/{id}/hackathon/participation", &bk0,     [D401,  D404,  D404,  D404,  D404,  D404,  D404]).json(json!({})),
        row(get.clone(), "/api/v1/events/{id}/hackathon/teams", &bk0, everyone(D404)),
        row(post.clone(), "/api/v1/events/{id}/hackathon/teams", &bk0,            [D401,  D404,  D404,  D404,  D404,  D404,  D404]).json(json!({})),
        row(post.clone(), "/api/v1/events/{id}/hackathon/teams/publication", &bk0, [D401, D404,  D404,  D404,  D404,  D404,  D404]).json(json!({"published": true})),
        row(put.clone(), "/api/v1/events/{id}/hackathon/teams/{team}/workspace", &hk0, [D401, D404, D404, D404, D404,  D404,  D404]).json(json!({})),
        // Collecte: the facilitator's room, pages and API, for an event that does not exist is 404
        // to everyone (pages ask to sign in first); the room joins by a code, without an account: a
        // well-formed code that names no collection is 404 to everyone, signed in or not (and counts
        // against the address: five wrong codes per visitor here, under the limit). Who manages a
        // real collection, phones' own items and the throttles are tested in tests/http/collecte.rs.
        row(get.clone(), concat!("/static/", env!("CARGO_PKG_VERSION"), "/collecte.js"), &[], everyone(A200)),
        row(get.clone(), "/evenements/{id}/collecte", &bk0,                        [LOGIN, D404,  D404,  D404,  D404,  D404,  D404]),
        row(post.clone(), "/evenements/{id}/collecte", &bk0,                       [LOGIN, D404,  D404,  D404,  D404,  D404,  D404]),
        row(get.clone(), "/evenements/{id}/collecte/flux", &bk0,                   [LOGIN, D404,  D404,  D404,  D404,  D404,  D404]),
        row(post.clone(), "/evenements/{id}/collecte/cloture", &bk0,               [LOGIN, D404,  D404,  D404,  D404,  D404,  D404]),
        row(post.clone(), "/evenements/{id}/collecte/fusion", &bk0,                [LOGIN, D404,  D404,  D404,  D404,  D404,  D404]).form(&[("keep", nil_id.as_str()), ("duplicate", "1")]),
        row(get.clone(), "/evenements/{id}/collecte/elements/{item}", &ci0,        [LOGIN, D404,  D404,  D404,  D404,  D404,  D404]),
        row(post.clone(), "/evenements/{id}/collecte/elements/{item}", &ci0,       [LOGIN, D404,  D404,  D404,  D404,  D404,  D404]).form(&[("name", "")]),
        row(post.clone(), "/evenements/{id}/collecte/elements/{item}/ecart", &ci0, [LOGIN, D404,  D404,  D404,  D404,  D404,  D404]),
        row(post.clone(), "/evenements/{id}/collecte/elements/{item}/initiative", &ci0, [LOGIN, D404, D404, D404, D404, D404, D404]),
        // The join form is open to all; a code that names nothing is 404 to all.
        row(get.clone(), "/c", &[], everyone(A200)),
        row(get.clone(), "/c/{code}", &cc0, everyone(D404)),
        row(post.clone(), "/c/{code}", &cc0, everyone(D404)).form(&[("name", "")]),
        row(get.clone(), "/c/{code}/{item}", &cci0, everyone(D404)),
        row(post.clone(), "/c/{code}/{item}", &cci0, everyone(D404)).form(&[("name", "")]),
        row(get.clone(), "/api/v1/events/{id}/collecte", &bk0,                     [D401,  D404,  D404,  D404,  D404,  D404,  D404]),
        row(post.clone(), "/api/v1/events/{id}/collecte", &bk0,                    [D401,  D404,  D404,  D404,  D404,  D404,  D404]),
        row(get.clone(), "/api/v1/events/{id}/collecte/items", &bk0,               [D401,  D404,  D404,  D404,  D404,  D404,  D404]),
        row(post.clone(), "/api/v1/events/{id}/collecte/close", &bk0,              [D401,  D404,  D404,  D404,  D404,  D404,  D404]),
        row(post.clone(), "/api/v1/events/{id}/collecte/merge", &bk0,              [D401,  D404,  D404,  D404,  D404,  D404,  D404]).json(json!({"keep": nil_id, "duplicates": [nil_id]})),
        row(post.clone(), "/api/v1/events/{id}/collecte/items/{item}/discard", &ci0, [D401, D404, D404, D404, D404, D404, D404]),
        row(post.clone(), "/api/v1/events/{id}/collecte/items/{item}/initiative", &ci0, [D401, D404, D404, D404, D404, D404, D404]),
        row(post.clone(), "/api/v1/collecte/{code}/items", &cc0, everyone(D404)).json(json!({"name": "", "commune": ""})),
        // Hackathon jury: a hackathon that does not exist is 404 to everyone; its pages for
        // organisers and jurors ask to sign in first, its results (public once published) do not.
        // Who organises, who judges, conflicts of interest and publication are tested in
        // tests/http/jury.rs.
        row(get.clone(), "/evenements/{id}/hackathon/jury", &bk0,                  [LOGIN, D404,  D404,  D404,  D404,  D404,  D404]),
        row(post.clone(), "/evenements/{id}/hackathon/jury/criteres", &bk0,        [LOGIN, D404,  D404,  D404,  D404,  D404,  D404]).form(&[("name", "")]),
        row(post.clone(), "/evenements/{id}/hackathon/jury/criteres/{criterion}/suppression", &[("id", nil_id.as_str()), ("criterion", nil_id.as_str())], [LOGIN, D404, D404, D404, D404, D404, D404]),
        row(post.clone(), "/evenements/{id}/hackathon/jury/jures", &bk0,           [LOGIN, D404,  D404,  D404,  D404,  D404,  D404]).form(&[("email", "")]),
        row(post.clone(), "/evenements/{id}/hackathon/jury/jures/{person}/retrait", &[("id", nil_id.as_str()), ("person", nil_id.as_str())], [LOGIN, D404, D404, D404, D404, D404, D404]),
        row(get.clone(), "/evenements/{id}/hackathon/jury/noter", &bk0,            [LOGIN, D404,  D404,  D404,  D404,  D404,  D404]),
        row(get.clone(), "/evenements/{id}/hackathon/jury/noter/{team}", &hk0,     [LOGIN, D404,  D404,  D404,  D404,  D404,  D404]),
        row(post.clone(), "/evenements/{id}/hackathon/jury/noter/{team}", &hk0,    [LOGIN, D404,  D404,  D404,  D404,  D404,  D404]),
        row(get.clone(), "/evenements/{id}/hackathon/resultats", &bk0, everyone(D404)),
        row(post.clone(), "/evenements/{id}/hackathon/resultats/publication", &bk0, [LOGIN, D404, D404, D404, D404, D404, D404]),
        row(post.clone(), "/evenements/{id}/hackathon/resultats/retrait", &bk0,    [LOGIN, D404,  D404,  D404,  D404,  D404,  D404]),
        row(post.clone(), "/evenements/{id}/hackathon/incubation", &bk0,           [LOGIN, D404,  D404,  D404,  D404,  D404,  D404]).form(&[("team", nil_id.as_str()), ("starts_on", "")]),
        row(get.clone(), "/api/v1/events/{id}/hackathon/jury", &bk0,               [D401,  D404,  D404,  D404,  D404,  D404,  D404]),
        row(post.clone(), "/api/v1/events/{id}/hackathon/jury/criteria", &bk0,     [D401,  D404,  D404,  D404,  D404,  D404,  D404]).json(json!({"name": "", "weight": 1, "scale_min": 0, "scale_max": 10})),
        row(post.clone(), "/api/v1/events/{id}/hackathon/jury/jurors", &bk0,       [D401,  D404,  D404,  D404,  D404,  D404,  D404]).json(json!({"email": ""})),
        row(get.clone(), "/api/v1/events/{id}/hackathon/jury/teams", &bk0,         [D401,  D404,  D404,  D404,  D404,  D404,  D404]),
        row(put.clone(), "/api/v1/events/{id}/hackathon/jury/scores/{team}", &hk0, [D401,  D404,  D404,  D404,  D404,  D404,  D404]).json(json!([])),
        row(get.clone(), "/api/v1/events/{id}/hackathon/results", &bk0, everyone(D404)),
        row(post.clone(), "/api/v1/events/{id}/hackathon/results/publish", &bk0,   [D401,  D404,  D404,  D404,  D404,  D404,  D404]).json(json!({})),
        // Incubations: the list is one's own (those one follows, every one for an admin; none here)
        // for anyone signed in; an incubation that does not exist is 404 to everyone (who follows
        // a real one and who organises it are tested in tests/http/jury.rs).
        row(get.clone(), "/incubations", &[],                                      [LOGIN, A200,  A200,  A200,  A200,  A200,  A200]),
        row(get.clone(), "/incubations/{id}", &bk0,                                [LOGIN, D404,  D404,  D404,  D404,  D404,  D404]),
        row(post.clone(), "/incubations/{id}/jalons", &bk0,                        [LOGIN, D404,  D404,  D404,  D404,  D404,  D404]).form(&[("title", "")]),
        row(post.clone(), "/incubations/{id}/jalons/{milestone}", &[("id", nil_id.as_str()), ("milestone", nil_id.as_str())], [LOGIN, D404, D404, D404, D404, D404, D404]).form(&[("title", "")]),
        row(post.clone(), "/incubations/{id}/nouvelles", &bk0,                     [LOGIN, D404,  D404,  D404,  D404,  D404,  D404]).form(&[("body", "")]),
        row(post.clone(), "/incubations/{id}/cloture", &bk0,                       [LOGIN, D404,  D404,  D404,  D404,  D404,  D404]).form(&[("outcome", "")]),
        row(post.clone(), "/incubations/{id}/initiative", &bk0,                    [LOGIN, D404,  D404,  D404,  D404,  D404,  D404]),
        row(get.clone(), "/api/v1/incubations", &[],                               [D401,  A200,  A200,  A200,  A200,  A200,  A200]),
        row(get.clone(), "/api/v1/incubations/{id}", &bk0,                         [D401,  D404,  D404,  D404,  D404,  D404,  D404]),
        row(post.clone(), "/api/v1/incubations/{id}/updates", &bk0,                [D401,  D404,  D404,  D404,  D404,  D404,  D404]).json(json!({"body": ""})),
        row(post.clone(), "/api/v1/incubations/{id}/milestones", &bk0,             [D401,  D404,  D404,  D404,  D404,  D404,  D404]).json(json!({"title": "", "due_on": ""})),
        row(put.clone(), "/api/v1/incubations/{id}/milestones/{milestone}", &[("id", nil_id.as_str()), ("milestone", nil_id.as_str())], [D401, D404, D404, D404, D404, D404, D404]).json(json!({"title": "", "due_on": ""})),
        // Network (réseau): banner, labels, accompaniment
        row(get.clone(), "/reseau", &[], everyone(A200)),
        row(get.clone(), "/structures/{id}/reseau", &s, everyone(A200)),
        row(post.clone(), "/structures/{id}/banniere", &s,                         [LOGIN, D403,  D403,  A422,  D403,  D403,  A422]),
        row(post.clone(), "/structures/{id}/banniere/retrait", &s,                 [LOGIN, D403,  D403,  A409,  D403,  D403,  A409]),
        row(post.clone(), "/structures/{id}/banniere/exclusion", &s,               [LOGIN, D403,  D403,  D403,  D403,  D403,  A422]),
        row(post.clone(), "/structures/{id}/labels", &s,                           [LOGIN, D403,  D403,  A422,  D403,  D403,  A422]),
        row(post.clone(), "/structures/{id}/accompagnements", &s,                  [LOGIN, D403,  D403,  A422,  D403,  D403,  A422]),
        row(get.clone(), "/reseau/labels", &[],                                    [LOGIN, D403,  D403,  D403,  D403,  D403,  A200]),
        row(get.clone(), "/reseau/labels/{id}", &lb,                               [LOGIN, D403,  D403,  A200,  D403,  D403,  A200]),
        row(post.clone(), "/reseau/labels/{id}/commentaires", &lb,                 [LOGIN, D403,  D403,  A422,  D403,  D403,  A422]),
        row(post.clone(), "/reseau/labels/{id}/decision", &lb,                     [LOGIN, D403,  D403,  D403,  D403,  D403,  A422]),
        row(post.clone(), "/reseau/labels/{id}/renouvellement", &lb,               [LOGIN, D403,  D403,  D403,  D403,  D403,  A422]),
        row(post.clone(), "/reseau/labels/{id}/revocation", &lb,                   [LOGIN, D403,  D403,  D403,  D403,  D403,  A422]),
        row(get.clone(), "/reseau/accompagnements/{id}", &ac,                      [LOGIN, D403,  A200,  A200,  A200,  D403,  A200]),
        row(post.clone(), "/reseau/accompagnements/{id}/reponse", &ac,             [LOGIN, D403,  A422,  A422,  A422,  D403,  A422]),
        row(post.clone(), "/reseau/accompagnements/{id}/journal", &ac,             [LOGIN, D403,  A422,  A422,  A422,  D403,  A422]),
        // Without the token of what was read (`seen`), nothing is stored: 409 once allowed.
        row(post.clone(), "/reseau/accompagnements/{id}/publication", &ac,         [LOGIN, D403,  A409,  A409,  A409,  D403,  A409]),
        row(post.clone(), "/reseau/accompagnements/{id}/fin", &ac_ended,           [LOGIN, D403,  A409,  A409,  A409,  D403,  A409]),
        row(get.clone(), "/data/labels.csv", &[], everyone(A200)),
        row(get.clone(), "/schemas/labels.json", &[], everyone(A200)),
        row(get.clone(), "/data/banniere.csv", &[], everyone(A200)),
        row(get.clone(), "/schemas/banniere.json", &[], everyone(A200)),
        row(get.clone(), "/api/v1/structures/{id}/network", &s, everyone(A200)),
        row(post.clone(), "/api/v1/structures/{id}/banner", &s,                    [D401,  D403,  D403,  A422,  D403,  D403,  A422]).json(json!({})),
        row(delete.clone(), "/api/v1/structures/{id}/banner", &s,                  [D401,  D403,  D403,  A409,  D403,  D403,  A409]),
        row(post.clone(), "/api/v1/structures/{id}/labels", &s,                    [D401,  D403,  D403,  A422,  D403,  D403,  A422]).json(json!({})),
        row(get.clone(), "/api/v1/labels", &[],                                    [D401,  D403,  D403,  D403,  D403,  D403,  A200]),
        row(post.clone(), "/api/v1/labels/{id}/decision", &lb,                     [D401,  D403,  D403,  D403,  D403,  D403,  A422]).json(json!({})),
        row(post.clone(), "/api/v1/structures/{id}/banner/removal", &s,            [D401,  D403,  D403,  D403,  D403,  D403,  A422]).json(json!({})),
        row(post.clone(), "/api/v1/structures/{id}/accompaniments", &s,            [D401,  D403,  D403,  A422,  D403,  D403,  A422]).json(json!({})),
        row(get.clone(), "/api/v1/accompaniments/{id}", &ac,                       [D401,  D403,  A200,  A200,  A200,  D403,  A200]),
        row(post.clone(), "/api/v1/accompaniments/{id}/answer", &ac,               [D401,  D403,  A422,  A422,  A422,  D403,  A422]).json(json!({})),
        row(post.clone(), "/api/v1/accompaniments/{id}/end", &ac_ended,            [D401,  D403,  A409,  A409,  A409,  D403,  A409]),
        row(get.clone(), "/api/v1/accompaniments/{id}/log", &ac,                   [D401,  D403,  A200,  A200,  A200,  D403,  A200]),
        row(post.clone(), "/api/v1/accompaniments/{id}/log", &ac,                  [D401,  D403,  A422,  A422,  A422,  D403,  A422]).json(json!({})),
        row(get.clone(), "/api/v1/panels", &[], everyone(A200)),
        row(get.clone(), "/api/v1/panels/{id}", &t, everyone(A200)),
        row(get.clone(), "/api/v1/panels/{id}/draws/{round}/inputs", &t0, everyone(D404)),
        row(get.clone(), "/api/v1/panels/{id}/volunteers", &t,                     [D401,  D403,  D403,  A200,  D403,  D403,  A200]),
        row(post.clone(), "/api/v1/panels/{id}/volunteers", &t,                    [D401,  D403,  D403,  A422,  D403,  D403,  A422]).json(json!({"volunteers": [{}]})),
        row(post.clone(), "/api/v1/panels/{id}/selection", &t,                     [D401,  D403,  D403,  A422,  D403,  D403,  A422]),
        row(post.clone(), "/api/v1/panels/{id}/draws", &t,                         [D401,  D403,  D403,  A422,  D403,  D403,  A422]).json(json!({"seed": ""})),
        row(get.clone(), "/api/v1/groups", &[], everyone(A200)),
        row(post.clone(), "/api/v1/groups", &[],                                   [D401,  A422,  A422,  A422,  A422,  A422,  A422]).json(json!({"name": "", "access": "open"})),
        row(get.clone(), "/api/v1/groups/{id}", &gr, everyone(A200)),
        row(get.clone(), "/api/v1/groups/{id}/threads", &gr,                       [D401,  D403,  A200,  A200,  D403,  A200,  A200]),
        row(post.clone(), "/api/v1/groups/{id}/threads", &gr,                      [D401,  D403,  A422,  A422,  D403,  D403,  D403]).json(json!({"title": "", "body": ""})),
        row(get.clone(), "/api/v1/groups/{id}/threads/{thread}", &grt,             [D401,  D403,  A200,  A200,  D403,  A200,  A200]),
        row(post.clone(), "/api/v1/groups/{id}/threads/{thread}/posts", &grt,      [D401,  D403,  A422,  A422,  D403,  D403,  D403]).json(json!({"body": ""})),
        row(post.clone(), "/api/v1/group-posts/{post}/reports", &grp,              [D401,  D404,  A200,  A200,  D404,  A200,  A200]),
        row(get.clone(), "/api/v1/group-notifications", &[],                       [D401,  A200,  A200,  A200,  A200,  A200,  A200]),
        row(put.clone(), "/api/v1/group-notifications", &[],                       [D401,  A422,  A422,  A422,  A422,  A422,  A422]).json(json!({"mode": ""})),
        row(get.clone(), "/api/v1/group-moderation", &[],                          [D401,  D403,  D403,  D403,  D403,  A200,  A200]),
        row(post.clone(), "/api/v1/group-posts/{post}/moderation", &grp,           [D401,  D403,  D403,  D403,  D403,  A422,  A422]).json(json!({"action": ""})),
        row(post.clone(), "/api/v1/group-accounts/{person}/moderation", &grk,      [D401,  D403,  D403,  D403,  D403,  A422,  A422]).json(json!({"action": ""})),
        row(post.clone(), "/api/v1/groups/{id}/membership", &gr,                   [D401,  A200,  A200,  A200,  A200,  A200,  A200]),
        row(get.clone(), "/api/v1/exchange/posts", &[], everyone(A200)),
        row(post.clone(), "/api/v1/exchange/posts", &[],                           [D401,  A422,  A422,  A422,  A422,  A422,  A422]).json(bad_exchange.clone()),
        row(get.clone(), "/api/v1/exchange/posts/{id}", &x, everyone(A200)),
        row(put.clone(), "/api/v1/exchange/posts/{id}", &x,                        [D401,  D403,  D403,  A422,  D403,  D403,  A422]).json(bad_exchange.clone()),
        row(get.clone(), "/api/v1/exchange/posts/{id}/matches", &x, everyone(A200)),
        row(post.clone(), "/api/v1/exchange/posts/{id}/messages", &x,              [D401,  A422,  A422,  A409,  A422,  A422,  A422]).json(json!({"message": ""})),
        row(post.clone(), "/api/v1/exchange/posts/{id}/close", &xz,                [D401,  D403,  D403,  A200,  D403,  D403,  A200]),
        row(get.clone(), "/api/v1/initiatives", &[], everyone(A200)),
        row(post.clone(), "/api/v1/initiatives", &[],                              [D401,  A422,  A422,  A422,  A422,  A422,  A422]).json(bad_initiative_json()),
        row(get.clone(), "/api/v1/initiatives/{id}", &p, everyone(A200)),
        row(get.clone(), "/api/v1/initiatives/{id}", &d,                           [D404,  D404,  A200,  A200,  D404,  D404,  A200]),
        row(put.clone(), "/api/v1/initiatives/{id}", &p,                           [D401,  D403,  A422,  A422,  D403,  D403,  A422]).json(bad_initiative_json()),
        row(put.clone(), "/api/v1/initiatives/{id}", &d,                           [D401,  D404,  A422,  A422,  D404,  D404,  A422]).json(bad_initiative_json()),
        row(get.clone(), "/api/v1/initiatives/{id}/revisions", &p, everyone(A200)),
        row(get.clone(), "/api/v1/initiatives/{id}/revisions", &d,                 [D404,  D404,  A200,  A200,  D404,  D404,  A200]),
        row(post.clone(), "/api/v1/initiatives/{id}/revisions/{number}/restore", &p1, [D401, D403, A200,  A200,  D403,  D403,  A200]),
        row(post.clone(), "/api/v1/initiatives/{id}/revisions/{number}/restore", &d1, [D401, D404, A200,  A200,  D404,  D404,  A200]),
        row(get.clone(), "/api/v1/initiatives/{id}/forks", &p, everyone(A200)),
        row(get.clone(), "/api/v1/initiatives/{id}/forks", &d,                     [D404,  D404,  A200,  A200,  D404,  D404,  A200]),
        row(post.clone(), "/api/v1/initiatives/{id}/forks", &p,                    [D401,  A422,  A422,  A422,  A422,  A422,  A422]).json(json!({"territory": ""})),
        row(post.clone(), "/api/v1/initiatives/{id}/forks", &d,                    [D401,  D404,  A422,  A422,  D404,  D404,  A422]).json(json!({"territory": ""})),
    ]
}

/// Compares one answer with what was expected; the error says what came instead.
async fn judge(path: &str, expect: Expect, r: reqwest::Response) -> Result<(), String> {
    let status = r.status().as_u16();
    let to = location(&r);
    let body = r.text().await.unwrap_or_default();
    let got = if to.is_empty() {
        format!("{status}")
    } else {
        format!("{status} → {to}")
    };
    let detail = if path.starts_with("/api/") {
        format!("{got} {}", body.chars().take(160).collect::<String>())
    } else {
        got.clone()
    };
    match expect {
        Expect::SignIn => {
            // Uploads carry their CSRF token in the query, which comes along in `suivant`.
            let next: String = url::form_urlencoded::byte_serialize(path.as_bytes()).collect();
            let want = format!("/connexion?suivant={next}");
            let rest = to.strip_prefix(&want);
            if status == 303 && rest.is_some_and(|r| r.is_empty() || r.starts_with("%3F_csrf")) {
                Ok(())
            } else {
                Err(format!("expected 303 → {want}, got {detail}"))
            }
        }
        Allowed(s) => {
            if status == s && !to.starts_with("/connexion") {
                Ok(())
            } else {
                Err(format!("expected Allowed({s}), got {detail}"))
            }
        }
        Denied(s) => {
            if status != s {
                return Err(format!("expected Denied({s}), got {detail}"));
            }
            if path.starts_with("/api/") {
                let code = serde_json::from_str::<Value>(&body).unwrap_or_default()["code"].clone();
                let want = match s {
                    401 => "unauthenticated",
                    403 => "forbidden",
                    _ => "not_found",
                };
                if code != want {
                    return Err(format!("expected code {want}, got {detail}"));
                }
            }
            Ok(())
        }
    }
}

async fn the_matrix_holds(w: &World) {
    let rows = matrix(&w.f);
    let mut failures = vec![];
    let mut cells = 0;
    for row in &rows {
        for (kind, expect) in KINDS.iter().zip(row.expect) {
            let v = w.v(*kind);
            let r = v.send(&row.method, &row.path, &row.body).await;
            cells += 1;
            if let Err(why) = judge(&row.path, expect, r).await {
                failures.push(format!("{} {} as {kind:?}: {why}", row.method, row.path));
            }
            match &row.reset {
                Reset::None => {}
                Reset::SignIn if *kind == Kind::Anonymous => {}
                Reset::SignIn => v.sign_in().await,
                Reset::Image(id) => w
                    .store()
                    .set_initiative_image(id.parse().unwrap(), &w.image)
                    .await
                    .unwrap(),
            }
        }
    }
    println!("authorization matrix: {} rows, {cells} cells", rows.len());
    assert!(
        failures.is_empty(),
        "{} of {cells} cells of the authorization matrix differ:\n{}",
        failures.len(),
        failures.join("\n")
    );
}

// ---------------------------------------------------------------------------------------------
// The routes, read from the sources

/// The body of a call whose opening parenthesis ends just before `s`: up to the matching one.
fn call_arguments(s: &str) -> &str {
    let mut depth = 1;
    let mut in_string = false;
    let mut escaped = false;
    for (i, c) in s.char_indices() {
        if in_string {
            match c {
                _ if escaped => escaped = false,
                '\\' => escaped = true,
                '"' => in_string = false,
                _ => {}
            }
            continue;
        }
        match c {
            '"' => in_string = true,
            '(' => depth += 1,
            ')' => {
                depth -= 1;
                if depth == 0 {
                    return &s[..i];
                }
            }
            _ => {}
        }
    }
    panic!("unbalanced call: {}", &s[..s.len().min(200)])
}

/// Splits on the commas outside parentheses, brackets, braces and strings.
fn top_level_split(s: &str) -> Vec<&str> {
    let (mut parts, mut depth, mut start, mut in_string) = (vec![], 0, 0, false);
    for (i, c) in s.char_indices() {
        match c {
            '"' => in_string = !in_string,
            _ if in_string => {}
            '(' | '[' | '{' => depth += 1,
            ')' | ']' | '}' => depth -= 1,
            ',' if depth == 0 => {
                parts.push(s[start..i].trim());
                start = i + 1;
            }
            _ => {}
        }
    }
    parts.push(s[start..].trim());
    parts.into_iter().filter(|p| !p.is_empty()).collect()
}

/// A route's path: a string literal, or a `const` of the same file made of literals and
/// `env!("CARGO_PKG_VERSION")` (the stylesheet's versioned path).
fn resolve_path(expr: &str, file: &str) -> String {
    let expr = expr.trim();
    if let Some(literal) = expr.strip_prefix('"') {
        return literal
            .strip_suffix('"')
            .expect("a plain string literal")
            .to_owned();
    }
    if let Some(args) = expr.strip_prefix("concat!(") {
        return top_level_split(call_arguments(args))
            .into_iter()
            .map(|part| match part {
                r#"env!("CARGO_PKG_VERSION")"# => env!("CARGO_PKG_VERSION").to_owned(),
                _ => resolve_path(part, file),
            })
            .collect();
    }
    let declaration = format!("const {expr}: &str = ");
    let start = file
        .find(&declaration)
        .unwrap_or_else(|| panic!("route path `{expr}`: teach `resolve_path` to read it"))
        + declaration.len();
    let end = start + file[start..].find(';').unwrap();
    resolve_path(&file[start..end], file)
}

/// The methods of a route's method router (`get(a).post(b).layer(..)`).
fn route_methods(chain: &str) -> Vec<String> {
    let (mut methods, mut depth, mut ident, mut in_string) = (vec![], 0, String::new(), false);
    for c in chain.chars() {
        if in_string {
            in_string = c != '"';
            continue;
        }
        match c {
            '"' => in_string = true,
            '(' => {
                if depth == 0 {
                    match ident.as_str() {
                        "get" | "post" | "put" | "patch" | "delete" | "head" | "options" => {
                            methods.push(ident.to_uppercase())
                        }
                        "layer" | "route_layer" => {}
                        other => panic!("`{other}(` in a route: teach `route_methods` to read it"),
                    }
                }
                depth += 1;
                ident.clear();
            }
            ')' => depth -= 1,
            c if c.is_alphanumeric() || c == '_' => ident.push(c),
            _ => ident.clear(),
        }
    }
    methods
}

/// The (method, path) of every `.route(..)` in a file's text, the path under `prefix`.
fn routes_in(text: &str, prefix: &str) -> BTreeSet<(String, String)> {
    // Comment lines may mention routes; code lines are read as they are.
    let code: String = text
        .lines()
        .filter(|l| !l.trim_start().starts_with("//"))
        .collect::<Vec<_>>()
        .join("\n");
    for other in [".route_service(", ".nest_service(", ".fallback_service("] {
        assert!(
            !code.contains(other),
            "`{other}`: teach the route scan to read it"
        );
    }
    let mut found = BTreeSet::new();
    for (at, _) in code.match_indices(".route(") {
        let args = top_level_split(call_arguments(&code[at + ".route(".len()..]));
        assert_eq!(
            args.len(),
            2,
            "a route is a path and a method router: {args:?}"
        );
        let path = format!("{prefix}{}", resolve_path(args[0], &code));
        let methods = route_methods(args[1]);
        assert!(!methods.is_empty(), "no method for {path}");
        for m in methods {
            found.insert((m, path.clone()));
        }
    }
    found
}

fn rust_files(dir: &Path, out: &mut Vec<std::path::PathBuf>) {
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            rust_files(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
}

/// Every (method, path) the web crate serves, read from `crates/web/src`: the API's files
/// under `/api/v1`, where `lib.rs` nests them, and the others at the root.
fn routes_in_source() -> BTreeSet<(String, String)> {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let lib = std::fs::read_to_string(src.join("lib.rs")).unwrap();
    assert!(
        lib.contains(r#".nest("/api/v1", api::router())"#) && lib.matches(".nest(").count() == 1,
        "the routers are nested differently: update `routes_in_source`"
    );
    let mut files = vec![];
    rust_files(&src, &mut files);
    let mut all = BTreeSet::new();
    for file in files {
        let text = std::fs::read_to_string(&file).unwrap();
        if file != src.join("lib.rs") {
            assert!(
                !text.contains(".nest("),
                "{}: a nested router",
                file.display()
            );
        }
        let prefix = if file.starts_with(src.join("api")) {
            "/api/v1"
        } else {
            ""
        };
        all.extend(routes_in(&text, prefix));
    }
    all
}

#[test]
fn the_route_scan_reads_chains_over_lines_and_const_paths() {
    let sample = r#"
        pub const CSS: &str = concat!("/static/", env!("CARGO_PKG_VERSION"), "/a.css");
        // .route("/commented", get(nothing))
        Router::new()
            .route("/a", get(a).post(b))
            .route(CSS, get(css))
            .route(
                "/b/{id}",
                get(x::show)
                    .post(x::upload)
                    .layer(axum::extract::DefaultBodyLimit::max(crate::images::MAX + 64 * 1024)),
            )
            .route("/healthz", get(|| async { "ok (really)" }))
            .route("/c/{id}", axum::routing::delete(remove),)
    "#;
    let found = routes_in(sample, "/p");
    let want: BTreeSet<(String, String)> = [
        ("GET", "/p/a"),
        ("POST", "/p/a"),
        (
            "GET",
            concat!("/p/static/", env!("CARGO_PKG_VERSION"), "/a.css"),
        ),
        ("GET", "/p/b/{id}"),
        ("POST", "/p/b/{id}"),
        ("GET", "/p/healthz"),
        ("DELETE", "/p/c/{id}"),
    ]
    .into_iter()
    .map(|(m, p)| (m.to_owned(), p.to_owned()))
    .collect();
    assert_eq!(found, want);
}

#[test]
fn every_route_in_the_source_has_a_row() {
    let in_source = routes_in_source();
    let in_matrix: BTreeSet<(String, String)> = matrix(&Fixtures::placeholder())
        .iter()
        .map(|r| (r.method.to_string(), r.route.clone()))
        .collect();
    let show = |set: Vec<&(String, String)>| {
        set.iter()
            .map(|(m, p)| format!("  {m} {p}"))
            .collect::<Vec<_>>()
            .join("\n")
    };
    let missing: Vec<_> = in_source.difference(&in_matrix).collect();
    let extra: Vec<_> = in_matrix.difference(&in_source).collect();
    assert!(
        missing.is_empty() && extra.is_empty(),
        "the authorization matrix (tests/http/authz.rs) and the routes differ.\n\
         Routes without a row (add one: who may call it?):\n{}\n\
         Rows for routes that do not exist:\n{}",
        show(missing),
        show(extra)
    );
}

// ---------------------------------------------------------------------------------------------
// Focused checks

async fn text(r: reqwest::Response) -> (u16, String) {
    (r.status().as_u16(), r.text().await.unwrap())
}

/// A draft answers a non-editor exactly as an id that does not exist, on pages and the API,
/// for reading and for acting; lists never hold it, not even for its editors.
async fn drafts_answer_like_unknown_ids(w: &World) {
    let draft = &w.f.draft;
    let unknown = Uuid::now_v7().to_string();
    let before = w
        .store()
        .initiative(draft.parse().unwrap())
        .await
        .unwrap()
        .unwrap();
    let valid = initiative_fields("Publié par effraction", "Résumé", "", "publish");
    for kind in [
        Kind::Anonymous,
        Kind::Person,
        Kind::OtherManager,
        Kind::Moderator,
    ] {
        let v = w.v(kind);
        for suffix in [
            "",
            "/historique",
            "/lignee",
            "/image",
            "/propositions",
            "/modifier",
            "/reprendre",
            "/proposer",
            "/image/modifier",
        ] {
            let (s1, b1) = text(v.get(&format!("/initiatives/{draft}{suffix}")).await).await;
            let (s2, _) = text(v.get(&format!("/initiatives/{unknown}{suffix}")).await).await;
            assert_eq!(
                s1, s2,
                "{kind:?}: GET {suffix} of a draft answers like an unknown id"
            );
            assert!(
                kind == Kind::Anonymous || s1 == 404,
                "{kind:?} GET {suffix}: {s1}"
            );
            assert!(
                !b1.contains("Zéphyrine"),
                "{kind:?}: {suffix} shows the draft"
            );
        }
        for (suffix, body) in [
            ("/statut", form(&[("status", "published")])),
            ("/modifier", form(&valid)),
            ("/historique/1/restaurer", Body::Empty),
            ("/image/supprimer", Body::Empty),
            ("/reprendre", form(&[("territory", "Quimper")])),
        ] {
            let a = v
                .send(
                    &Method::POST,
                    &format!("/initiatives/{draft}{suffix}"),
                    &body,
                )
                .await;
            let b = v
                .send(
                    &Method::POST,
                    &format!("/initiatives/{unknown}{suffix}"),
                    &body,
                )
                .await;
            assert_eq!(a.status(), b.status(), "{kind:?}: POST {suffix} on a draft");
        }
        for suffix in ["", "/revisions", "/forks"] {
            let (s1, b1) = text(v.get(&format!("/api/v1/initiatives/{draft}{suffix}")).await).await;
            let (s2, b2) = text(
                v.get(&format!("/api/v1/initiatives/{unknown}{suffix}"))
                    .await,
            )
            .await;
            assert_eq!((s1, &b1), (s2, &b2), "{kind:?}: API {suffix} of a draft");
            assert_eq!(s1, 404, "{kind:?}: API {suffix} of a draft");
        }
        let put = json!({"title": "Publié", "summary": "Résumé", "territories": ["Brest"], "stage": "idee"});
        for (method, suffix, body) in [
            (Method::PUT, "", Some(put)),
            (Method::POST, "/revisions/1/restore", None),
            (
                Method::POST,
                "/forks",
                Some(json!({"territory": "Quimper"})),
            ),
        ] {
            let (s1, b1) = text(
                v.api(
                    method.clone(),
                    &format!("/api/v1/initiatives/{draft}{suffix}"),
                    body.clone(),
                )
                .await,
            )
            .await;
            let (s2, b2) = text(
                v.api(
                    method,
                    &format!("/api/v1/initiatives/{unknown}{suffix}"),
                    body,
                )
                .await,
            )
            .await;
            assert_eq!((s1, b1), (s2, b2), "{kind:?}: API {suffix} on a draft");
        }
    }
    let after = w
        .store()
        .initiative(draft.parse().unwrap())
        .await
        .unwrap()
        .unwrap();
    assert_eq!(
        (after.status, after.revision, &after.content.title),
        (Status::Draft, before.revision, &before.content.title),
        "the draft is untouched"
    );
    assert!(w
        .store()
        .initiative_image(draft.parse().unwrap())
        .await
        .unwrap()
        .is_some());
    for kind in [Kind::Member, Kind::Manager, Kind::Admin] {
        let (status, html) = text(w.v(kind).get(&format!("/initiatives/{draft}")).await).await;
        assert!(
            status == 200 && html.contains("Zéphyrine"),
            "{kind:?} edits the draft"
        );
    }
    // Lists hold published initiatives only, whoever asks.
    for kind in KINDS {
        let v = w.v(kind);
        for path in [
            "/initiatives?q=Z%C3%A9phyrine",
            "/initiatives",
            "/initiatives/flux.atom?q=Z%C3%A9phyrine",
            "/api/v1/initiatives?q=Z%C3%A9phyrine",
            "/api/v1/initiatives?per_page=100",
            "/data/initiatives.json",
        ] {
            let (status, body) = text(v.get(path).await).await;
            assert_eq!(status, 200, "{kind:?} {path}");
            assert!(
                !body.contains(draft.as_str()),
                "{kind:?}: {path} lists the draft"
            );
        }
    }
}

/// People who may not act on an initiative or a structure are refused with bodies that would
/// be accepted from its editors or managers, and nothing changes.
async fn outsiders_change_nothing(w: &World) {
    let (p, s) = (&w.f.published, &w.f.structure);
    let store = w.store();
    let pid: Uuid = p.parse().unwrap();
    let sid: Uuid = s.parse().unwrap();
    let before = store.initiative(pid).await.unwrap().unwrap();
    let members_before = store.members(sid).await.unwrap();
    let name_before = store.structure(sid).await.unwrap().unwrap().name;
    let edit = initiative_fields(
        "Détourné",
        "Un résumé changé par qui ne devait pas.",
        "",
        "",
    );
    let edit_json = json!({"title": "Détourné", "summary": "Changé", "territories": ["Brest"], "stage": "idee"});
    let structure_form = [("name", "Prise de contrôle"), ("kind", "autre")];
    for kind in [Kind::Person, Kind::OtherManager, Kind::Moderator] {
        let v = w.v(kind);
        let refused = [
            v.post_form(&format!("/initiatives/{p}/modifier"), &edit)
                .await,
            v.post_form(
                &format!("/initiatives/{p}/statut"),
                &[("status", "archived")],
            )
            .await,
            v.post_form(&format!("/initiatives/{p}/statut"), &[("status", "draft")])
                .await,
            v.send(
                &Method::POST,
                &format!("/initiatives/{p}/image"),
                &Body::Multipart("image", png(8, 8)),
            )
            .await,
            v.post_form(&format!("/initiatives/{p}/image/supprimer"), &[])
                .await,
            v.post_form(&format!("/initiatives/{p}/historique/1/restaurer"), &[])
                .await,
            v.post_form(
                &format!("/initiatives/{p}/propositions/{}/decision", w.f.proposal),
                &[("decision", "accept")],
            )
            .await,
            v.api(
                Method::PUT,
                &format!("/api/v1/initiatives/{p}"),
                Some(edit_json.clone()),
            )
            .await,
            v.api(
                Method::POST,
                &format!("/api/v1/initiatives/{p}/revisions/1/restore"),
                None,
            )
            .await,
        ];
        for r in refused {
            assert_eq!(r.status(), 403, "{kind:?}: {}", r.url().path());
        }
    }
    for kind in [
        Kind::Person,
        Kind::Member,
        Kind::OtherManager,
        Kind::Moderator,
    ] {
        let v = w.v(kind);
        // A member may leave, not remove others: aim at the manager for the member.
        let target = if kind == Kind::Member {
            &w.f.manager
        } else {
            &w.f.member
        };
        let refused = [
            v.post_form(&format!("/structures/{s}/modifier"), &structure_form)
                .await,
            v.post_form(
                &format!("/structures/{s}/membres/inviter"),
                &[("email", "intrus@exemple.fr"), ("role", "manager")],
            )
            .await,
            v.post_form(&format!("/structures/{s}/membres/{target}/retirer"), &[])
                .await,
            v.api(
                Method::PUT,
                &format!("/api/v1/structures/{s}"),
                Some(json!({"name": "Prise", "kind": "autre"})),
            )
            .await,
            v.api(
                Method::POST,
                &format!("/api/v1/structures/{s}/invitations"),
                Some(json!({"email": "intrus@exemple.fr", "role": "manager"})),
            )
            .await,
            v.api(
                Method::DELETE,
                &format!("/api/v1/structures/{s}/members/{target}"),
                None,
            )
            .await,
        ];
        for r in refused {
            assert_eq!(
                r.status(),
                403,
                "{kind:?}: {} {}",
                r.url().path(),
                r.status()
            );
        }
    }
    let after = store.initiative(pid).await.unwrap().unwrap();
    assert_eq!(
        (after.revision, after.status, &after.content),
        (before.revision, before.status, &before.content),
        "the initiative is untouched"
    );
    assert_eq!(
        store.initiative_image(pid).await.unwrap().unwrap().data,
        w.image.data
    );
    let proposal = store
        .proposal(w.f.proposal.parse().unwrap())
        .await
        .unwrap()
        .unwrap();
    assert_eq!(proposal.status, "pending");
    assert_eq!(store.members(sid).await.unwrap(), members_before);
    assert_eq!(
        store.structure(sid).await.unwrap().unwrap().name,
        name_before
    );
    assert!(
        !w.app
            .outbox()
            .await
            .iter()
            .any(|m| m.to_address == "intrus@exemple.fr"),
        "no invitation left"
    );

    // Nobody engages a structure they do not belong to, on creation or by editing their own.
    let other = w.v(Kind::OtherManager);
    let claim = initiative_fields("Sous le nom des autres", "Résumé.", s, "publish");
    let r = other.post_form("/initiatives", &claim).await;
    assert_eq!(r.status(), 422, "carrier not one's own");
    assert!(r
        .text()
        .await
        .unwrap()
        .contains("vous ne pouvez pas engager les autres"));
    let own = create_initiative(other, "L'atelier vélo d'à côté", &w.f.other_structure, true).await;
    let r = other
        .post_form(
            &format!("/initiatives/{own}/modifier"),
            &initiative_fields("L'atelier vélo d'à côté", "Résumé.", s, ""),
        )
        .await;
    assert_eq!(
        r.status(),
        422,
        "editing one's own to claim another structure"
    );
    for (method, path) in [
        (Method::POST, "/api/v1/initiatives".to_owned()),
        (Method::PUT, format!("/api/v1/initiatives/{own}")),
    ] {
        let body = json!({"title": "Sous le nom des autres", "summary": "Résumé.", "territories": ["Brest"], "stage": "idee", "structure": s});
        let r = other.api(method, &path, Some(body)).await;
        assert_eq!(r.status(), 422, "{path}");
        let body: Value = r.json().await.unwrap();
        assert_eq!(body["fields"][0]["code"], "structure_not_yours", "{path}");
    }
    let carried = store.initiatives_of_structure(sid).await.unwrap();
    assert!(
        carried.iter().all(|(i, _)| i.created_by != other.id),
        "no initiative of the outsider carried by the structure"
    );

    // Ids of one object do not work through another.
    let foreign_proposal = propose(
        w.v(Kind::Person),
        &w.app,
        &own,
        &w.f.other_structure,
        "Un autre résumé proposé.",
    )
    .await;
    let r = w
        .v(Kind::Manager)
        .post_form(
            &format!("/initiatives/{p}/propositions/{foreign_proposal}/decision"),
            &[("decision", "accept")],
        )
        .await;
    assert_eq!(r.status(), 404, "a proposal of another initiative");
    let r = other
        .post_form(
            &format!("/initiatives/{own}/propositions/{}/decision", w.f.proposal),
            &[("decision", "accept")],
        )
        .await;
    assert_eq!(r.status(), 404, "decided through one's own initiative");
    for id in [&foreign_proposal, &w.f.proposal] {
        let proposal = store.proposal(id.parse().unwrap()).await.unwrap().unwrap();
        assert_eq!(proposal.status, "pending");
    }
    let b = &w.f.other_structure;
    let r = other
        .post_form(
            &format!("/structures/{b}/membres/{}/retirer", w.f.member),
            &[],
        )
        .await;
    assert_eq!(
        r.status(),
        404,
        "a member of another structure, through one's own"
    );
    let r = other
        .api(
            Method::DELETE,
            &format!("/api/v1/structures/{b}/members/{}", w.f.member),
            None,
        )
        .await;
    assert_eq!(r.status(), 404);
    assert_eq!(store.members(sid).await.unwrap(), members_before);
}

/// Filters, sorts and searches full of SQL and full-text syntax: a page or a 400/422 that
/// says what is wrong, never a 500, and never a draft in the results.
async fn hostile_filters_and_sorts_never_fail_nor_leak(w: &World) {
    let long = "ruche ".repeat(400);
    let hostile: Vec<&str> = vec![
        "'",
        "\"",
        "' OR '1'='1",
        "1) OR (1=1",
        "x'; DROP TABLE initiatives; --",
        "%",
        "_%",
        "\\",
        "*",
        "NEAR(ruche miel)",
        "title:ruche",
        "^ruche",
        "\"ruche",
        "ruche -",
        "OR",
        "title DESC",
        "id; --",
        "(SELECT password_hash FROM people)",
        "\u{0}",
        "\u{202e}🐝",
        &long,
    ];
    // (path, parameter, text put before each value, the status every value must get); a
    // territory filter names its level, the code after it is free text.
    let cases: &[(&str, &str, &str, u16)] = &[
        ("/initiatives", "q", "", 200),
        ("/initiatives", "defi", "", 200),
        ("/initiatives", "region", "", 200),
        ("/initiatives", "departement", "", 200),
        ("/initiatives", "tri", "", 400),
        ("/initiatives", "etape", "", 400),
        ("/initiatives", "role", "", 400),
        ("/initiatives", "page", "", 400),
        ("/initiatives/flux.atom", "q", "", 200),
        ("/initiatives/flux.atom", "tri", "", 200),
        ("/initiatives/flux.atom", "etape", "", 400),
        ("/structures", "q", "", 200),
        ("/structures", "type", "", 200),
        ("/territoires", "q", "", 200),
        ("/api/v1/initiatives", "q", "", 200),
        ("/api/v1/initiatives", "challenge", "", 200),
        ("/api/v1/initiatives", "sort", "", 400),
        ("/api/v1/initiatives", "stage", "", 400),
        ("/api/v1/initiatives", "structure_role", "", 400),
        ("/api/v1/initiatives", "territory", "", 400),
        ("/api/v1/initiatives", "territory", "region:", 200),
        ("/api/v1/initiatives", "territory", "departement:", 200),
        ("/api/v1/initiatives", "per_page", "", 400),
        ("/api/v1/structures", "q", "", 200),
        ("/api/v1/structures", "kind", "", 422),
        ("/api/v1/territories", "q", "", 200),
        ("/admin", "q", "", 200),
        ("/admin/journal", "action", "", 200),
        ("/api/v1/admin/people", "q", "", 200),
        ("/api/v1/admin/audit", "action", "", 200),
    ];
    let mut failures = vec![];
    for (path, param, prefix, want) in cases {
        // Public lists are asked anonymously, the admin area by an admin.
        let v = if path.contains("/admin") {
            w.v(Kind::Admin)
        } else {
            w.v(Kind::Anonymous)
        };
        for value in &hostile {
            let value = format!("{prefix}{value}");
            // NUL is refused at the edge for every route (security::refuse_nul).
            let want = if value.contains('\0') { 400 } else { *want };
            let url = format!("{}{path}", w.app.url);
            let r = v.client.get(&url).query(&[(*param, &value)]);
            let r = match &v.token {
                Some(t) if path.starts_with("/api/") => r.bearer_auth(t),
                _ => r,
            };
            let r = r.send().await.unwrap();
            let status = r.status().as_u16();
            let is_html = r
                .headers()
                .get(CONTENT_TYPE)
                .is_some_and(|v| v.to_str().unwrap().starts_with("text/html"));
            let body = r.text().await.unwrap();
            let shown: String = value.chars().take(30).collect();
            if status != want {
                failures.push(format!(
                    "{path}?{param}={shown:?}: {status}, expected {want}: {}",
                    body.chars().take(120).collect::<String>()
                ));
                continue;
            }
            if status != 200 {
                let clear = if path.starts_with("/api/") {
                    let v: Value = serde_json::from_str(&body).unwrap_or_default();
                    let (code, message) = (
                        v["code"].as_str().unwrap_or(""),
                        v["message"].as_str().unwrap_or(""),
                    );
                    !code.is_empty() && !message.is_empty() && message != code
                } else {
                    is_html && body.contains("<main")
                };
                if !clear {
                    failures.push(format!(
                        "{path}?{param}={shown:?}: {status} without a clear message: {}",
                        body.chars().take(120).collect::<String>()
                    ));
                }
            }
            if body.contains(w.f.draft.as_str()) {
                failures.push(format!("{path}?{param}={shown:?} shows the draft"));
            }
        }
    }
    // Asking for drafts by a status filter the catalogue does not have shows no draft: to
    // anyone, to its editors, to admins.
    for kind in [Kind::Anonymous, Kind::Member, Kind::Admin] {
        let v = w.v(kind);
        for path in [
            "/initiatives?status=draft&statut=brouillon&statuses=draft&brouillons=1",
            "/initiatives/flux.atom?status=draft&statut=brouillon",
            "/api/v1/initiatives?status=draft&statuses=draft,archived&include_drafts=true&per_page=100",
        ] {
            let (status, body) = text(v.get(path).await).await;
            assert_eq!(status, 200, "{kind:?} {path}");
            assert!(body.contains(w.f.published.as_str()), "{kind:?} {path} lists the published one");
            assert!(!body.contains(w.f.draft.as_str()), "{kind:?}: {path} lists the draft");
        }
    }
    assert!(
        failures.is_empty(),
        "hostile filters:\n{}",
        failures.join("\n")
    );
}

/// Open data holds published initiatives only, whatever the query and whoever asks (the
/// command line's `--all` has no web twin); the outbox, which holds live links with tokens,
/// is for admins only.
async fn exports_hold_published_initiatives_only(w: &World) {
    let manager = w.v(Kind::Manager);
    let archived = create_initiative(manager, "Rucher d'hiver Ondine", &w.f.structure, true).await;
    w.store()
        .set_initiative_status(archived.parse().unwrap(), Status::Archived, utc_now())
        .await
        .unwrap();
    assert_eq!(
        w.v(Kind::Anonymous)
            .get(&format!("/initiatives/{archived}"))
            .await
            .status(),
        200,
        "archives are public"
    );
    for kind in [Kind::Anonymous, Kind::Member, Kind::Admin] {
        let v = w.v(kind);
        for file in [
            "/data/initiatives.csv",
            "/data/initiatives.json",
            "/data/initiatives.jsonld",
        ] {
            for query in [
                "",
                "?all=1",
                "?tous=1",
                "?status=draft",
                "?statuses=draft,archived",
                "?include_drafts=true",
                "?statut=brouillon&archives=1",
            ] {
                let (status, body) = text(v.get(&format!("{file}{query}")).await).await;
                assert_eq!(status, 200, "{kind:?} {file}{query}");
                assert!(
                    body.contains(w.f.published.as_str()),
                    "{kind:?} {file}{query}: the published one"
                );
                assert!(
                    !body.contains(w.f.draft.as_str()),
                    "{kind:?} {file}{query}: a draft"
                );
                assert!(
                    !body.contains(archived.as_str()),
                    "{kind:?} {file}{query}: an archive"
                );
            }
        }
        for guess in [
            "/data/initiatives-all.csv",
            "/data/export",
            "/data/initiatives.csv/all",
            "/admin/export",
            "/api/v1/export",
            "/api/v1/initiatives/export",
        ] {
            let (status, body) = text(v.get(guess).await).await;
            assert!(status == 404 || status == 400, "{kind:?} {guess}: {status}");
            assert!(!body.contains(w.f.draft.as_str()));
        }
    }
    // A live reset link in the outbox: only admins read it.
    let person = w.v(Kind::Person);
    let r = person
        .post_form("/mot-de-passe/oubli", &[("email", &person.email)])
        .await;
    assert_eq!(r.status(), 200);
    let mail = w
        .app
        .outbox()
        .await
        .into_iter()
        .find(|m| m.to_address == person.email)
        .expect("a reset mail");
    let token: String = mail
        .body
        .split("jeton=")
        .nth(1)
        .unwrap()
        .chars()
        .take_while(|c| c.is_ascii_alphanumeric())
        .collect();
    assert!(token.len() >= 32);
    for kind in KINDS {
        let (status, body) = text(w.v(kind).get("/admin/courriels").await).await;
        let want = match kind {
            Kind::Anonymous => 303,
            Kind::Admin => 200,
            _ => 403,
        };
        assert_eq!(status, want, "{kind:?} /admin/courriels");
        assert_eq!(
            body.contains(&token),
            kind == Kind::Admin,
            "{kind:?} sees the reset link"
        );
    }
}

/// The API knows people by their Bearer token only: a session cookie opens nothing there
/// (a cross-site page could send it), and a token opens no page.
async fn the_api_ignores_session_cookies(w: &World) {
    let manager = w.v(Kind::Manager);
    let s = &w.f.structure;
    let url = |path: &str| format!("{}{path}", w.app.url);
    // The manager's browser holds a live session cookie; no Bearer token is sent.
    let r = manager.client.get(url("/api/v1/me")).send().await.unwrap();
    assert_eq!(r.status(), 401);
    let r = manager
        .client
        .put(url(&format!("/api/v1/structures/{s}")))
        .header("x-csrf-token", manager.csrf())
        .json(&json!({"name": "Par le cookie", "kind": "autre"}))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 401);
    let r = manager
        .client
        .post(url(&format!(
            "/api/v1/initiatives/{}/revisions/1/restore",
            w.f.published
        )))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 401);
    assert_ne!(
        w.store()
            .structure(s.parse().unwrap())
            .await
            .unwrap()
            .unwrap()
            .name,
        "Par le cookie"
    );
    // A token on a page is not a session.
    let (client, _) = browser("10.0.8.1");
    let r = client
        .get(url("/compte"))
        .bearer_auth(manager.token.as_ref().unwrap())
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 303);
    assert!(location(&r).starts_with("/connexion"));
}

/// Runs `n` copies of a request at once and returns their statuses.
async fn at_once<F, Fut>(n: usize, make: F) -> Vec<u16>
where
    F: Fn(usize) -> Fut,
    Fut: std::future::Future<Output = reqwest::Response>,
{
    futures::future::join_all((0..n).map(make))
        .await
        .iter()
        .map(|r| r.status().as_u16())
        .collect()
}

fn count(statuses: &[u16], status: u16) -> usize {
    statuses.iter().filter(|s| **s == status).count()
}

async fn person_signed_in(w: &World, email: &str, address: &str) -> Visitor {
    let hash = essaim_web::passwords::hash(PASSWORD.into()).await.unwrap();
    let person = w
        .store()
        .create_person(NewPerson {
            id: Uuid::now_v7(),
            email: email.into(),
            display_name: email.split('@').next().unwrap().into(),
            password_hash: hash,
            email_confirmed_at: Some(utc_now()),
            roles: vec![],
            created_at: utc_now(),
        })
        .await
        .unwrap();
    let mut v = Visitor::new(&w.app.url, Kind::Person, address).await;
    v.email = person.email;
    v.id = Some(person.id);
    v.sign_in().await;
    v
}

fn token_in(link: &str) -> String {
    link.split("jeton=").nth(1).unwrap().to_owned()
}

/// Six accepts of one invitation at once: one joins, the others are told it is used.
async fn an_invitation_is_accepted_once_under_concurrency(w: &World) {
    let s = &w.f.structure;
    let invitee = person_signed_in(w, "invitee@exemple.fr", "10.0.9.1").await;
    let r = w
        .v(Kind::Manager)
        .post_form(
            &format!("/structures/{s}/membres/inviter"),
            &[("email", "invitee@exemple.fr"), ("role", "member")],
        )
        .await;
    assert_eq!(r.status(), 200);
    let token = token_in(&w.app.link_in_mail_to("invitee@exemple.fr").await);
    let (invitee_ref, token) = (&invitee, token.as_str());
    let statuses = at_once(6, move |_| async move {
        invitee_ref
            .post_form("/invitations", &[("jeton", token)])
            .await
    })
    .await;
    assert_eq!(count(&statuses, 303), 1, "one accept wins: {statuses:?}");
    assert_eq!(
        count(&statuses, 200),
        5,
        "the others are told: {statuses:?}"
    );
    let joined = w
        .store()
        .list_audit(Some("member_joined"), 1000)
        .await
        .unwrap()
        .into_iter()
        .filter(|e| e.actor_id == invitee.id && e.subject == format!("structure:{s}"))
        .count();
    assert_eq!(joined, 1, "one membership recorded");
    let members = w.store().members(s.parse().unwrap()).await.unwrap();
    assert_eq!(
        members
            .iter()
            .filter(|m| Some(m.person_id) == invitee.id)
            .count(),
        1
    );
}

/// Six confirmations with one link at once: one confirms, the others get 410.
async fn a_confirmation_link_works_once_under_concurrency(w: &World) {
    let v = Visitor::new(&w.app.url, Kind::Anonymous, "10.0.9.2").await;
    let r = v
        .post_form(
            "/inscription",
            &[
                ("email", "nouvelle@exemple.fr"),
                ("name", "Nouvelle"),
                ("password", PASSWORD),
            ],
        )
        .await;
    assert_eq!(r.status(), 200);
    let token = token_in(&w.app.link_in_mail_to("nouvelle@exemple.fr").await);
    let (v, token) = (&v, token.as_str());
    let statuses = at_once(6, move |_| async move {
        v.post_form("/confirmation", &[("jeton", token)]).await
    })
    .await;
    assert_eq!(count(&statuses, 200), 1, "one confirmation: {statuses:?}");
    assert_eq!(count(&statuses, 410), 5, "the others: gone: {statuses:?}");
    let person = w
        .store()
        .person_by_email("nouvelle@exemple.fr")
        .await
        .unwrap()
        .unwrap();
    assert!(person.email_confirmed_at.is_some());
}

/// Six new passwords with one reset link at once: exactly one is set.
async fn a_reset_link_works_once_under_concurrency(w: &World) {
    let v = person_signed_in(w, "oubli@exemple.fr", "10.0.9.3").await;
    let r = v
        .post_form("/mot-de-passe/oubli", &[("email", "oubli@exemple.fr")])
        .await;
    assert_eq!(r.status(), 200);
    let token = token_in(&w.app.link_in_mail_to("oubli@exemple.fr").await);
    let passwords: Vec<String> = (0..6)
        .map(|i| format!("un tout nouveau mot de passe, le numéro {i}"))
        .collect();
    let (v_ref, token, list) = (&v, token.as_str(), &passwords);
    let statuses = at_once(6, move |i| async move {
        v_ref
            .post_form(
                "/mot-de-passe/nouveau",
                &[("jeton", token), ("password", list[i].as_str())],
            )
            .await
    })
    .await;
    assert_eq!(count(&statuses, 200), 1, "one reset: {statuses:?}");
    assert_eq!(count(&statuses, 410), 5, "the others: gone: {statuses:?}");
    let winner = statuses.iter().position(|s| *s == 200).unwrap();
    let resets = w
        .store()
        .list_audit(Some("password_reset"), 1000)
        .await
        .unwrap()
        .into_iter()
        .filter(|e| e.actor_id == v.id)
        .count();
    assert_eq!(resets, 1);
    let fresh = Visitor::new(&w.app.url, Kind::Anonymous, "10.0.9.4").await;
    let loser = &passwords[(winner + 1) % 6];
    let r = fresh
        .post_form(
            "/connexion",
            &[("email", "oubli@exemple.fr"), ("password", loser)],
        )
        .await;
    assert_eq!(
        r.status(),
        422,
        "a losing password does not open the account"
    );
    let r = fresh
        .post_form(
            "/connexion",
            &[
                ("email", "oubli@exemple.fr"),
                ("password", &passwords[winner]),
            ],
        )
        .await;
    assert_eq!(r.status(), 303, "the winning one does");
}

/// Six acceptances of one proposal by its editors at once: one revision, five 409.
async fn a_proposal_is_decided_once_under_concurrency(w: &World) {
    let p = &w.f.published;
    let proposal = propose(
        w.v(Kind::Person),
        &w.app,
        p,
        &w.f.structure,
        "Un résumé proposé en même temps.",
    )
    .await;
    let before = w
        .store()
        .initiative(p.parse().unwrap())
        .await
        .unwrap()
        .unwrap()
        .revision;
    let editors = [Kind::Member, Kind::Manager, Kind::Admin];
    let path = format!("/initiatives/{p}/propositions/{proposal}/decision");
    let path = path.as_str();
    let statuses = at_once(6, move |i| async move {
        w.v(editors[i % 3])
            .post_form(path, &[("decision", "accept")])
            .await
    })
    .await;
    assert_eq!(count(&statuses, 303), 1, "one decision: {statuses:?}");
    assert_eq!(
        count(&statuses, 409),
        5,
        "the others: already decided: {statuses:?}"
    );
    let after = w
        .store()
        .initiative(p.parse().unwrap())
        .await
        .unwrap()
        .unwrap();
    assert_eq!(after.revision, before + 1, "one revision");
    assert_eq!(after.content.summary, "Un résumé proposé en même temps.");
}

async fn authorization_holds_for_every_route_and_visitor(backend: Backend) {
    let Some(w) = World::build(backend).await else {
        return;
    };
    type Check<'a> = futures::future::BoxFuture<'a, ()>;
    let checks: Vec<(&str, Check)> = vec![
        ("the_matrix_holds", Box::pin(the_matrix_holds(&w))),
        (
            "drafts_answer_like_unknown_ids",
            Box::pin(drafts_answer_like_unknown_ids(&w)),
        ),
        (
            "outsiders_change_nothing",
            Box::pin(outsiders_change_nothing(&w)),
        ),
        (
            "hostile_filters_and_sorts_never_fail_nor_leak",
            Box::pin(hostile_filters_and_sorts_never_fail_nor_leak(&w)),
        ),
        (
            "exports_hold_published_initiatives_only",
            Box::pin(exports_hold_published_initiatives_only(&w)),
        ),
        (
            "the_api_ignores_session_cookies",
            Box::pin(the_api_ignores_session_cookies(&w)),
        ),
        (
            "an_invitation_is_accepted_once_under_concurrency",
            Box::pin(an_invitation_is_accepted_once_under_concurrency(&w)),
        ),
        (
            "a_confirmation_link_works_once_under_concurrency",
            Box::pin(a_confirmation_link_works_once_under_concurrency(&w)),
        ),
        (
            "a_reset_link_works_once_under_concurrency",
            Box::pin(a_reset_link_works_once_under_concurrency(&w)),
        ),
        (
            "a_proposal_is_decided_once_under_concurrency",
            Box::pin(a_proposal_is_decided_once_under_concurrency(&w)),
        ),
    ];
    let mut failed = vec![];
    for (name, check) in checks {
        if AssertUnwindSafe(check).catch_unwind().await.is_err() {
            failed.push(name);
        }
    }
    assert!(
        failed.is_empty(),
        "{backend:?}: failed checks (messages above): {failed:?}"
    );
}
