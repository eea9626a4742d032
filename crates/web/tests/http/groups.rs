//! Groups and discussions through HTTP, on both backends: creating and joining groups (open
//! and on request), threads and replies with sanitised Markdown and @mentions, follows and
//! mails (immediate, and the daily digest called directly), the one-click unsubscribe,
//! reports and the moderators' decisions, the API, and every form's refusals.

use crate::common::{location, Backend, TestApp};
use essaim_domain::person::PlatformRole;
use essaim_web::i18n::I18n;
use serde_json::{json, Value};
use uuid::Uuid;

crate::on_both_backends!(
    a_group_is_created_joined_and_discussed,
    the_group_form_refuses_bad_input_and_keeps_values,
    closed_groups_are_read_and_written_by_members_only,
    reports_hide_a_post_until_a_moderator_decides,
    a_reply_reaches_the_digest_of_a_follower_once,
    immediate_mails_have_safe_subjects_and_an_unsubscribe_link_for_their_owner_only,
    the_api_creates_groups_threads_and_replies,
    every_groups_page_has_the_accessible_layout,
    posting_and_joining_are_throttled_per_person,
    blocked_accounts_neither_create_join_nor_report_and_their_titles_are_withheld,
    only_admins_act_on_moderators_and_nobody_on_themselves,
    outsiders_get_no_next_page_link_of_a_closed_group,
);

async fn person_id(app: &TestApp, email: &str) -> Uuid {
    app.store.person_by_email(email).await.unwrap().unwrap().id
}

/// Creates a group from the form; returns its id.
async fn create_group(app: &TestApp, name: &str, access: &str) -> String {
    let r = app
        .post_form(
            "/groupes",
            &[
                ("name", name),
                ("description", "Entraide **locale**."),
                ("territory", "commune:29019"),
                ("challenge", "inclusion"),
                ("access", access),
            ],
        )
        .await;
    assert_eq!(r.status(), 303, "group created");
    location(&r).trim_start_matches("/groupes/").to_owned()
}

/// Opens a thread; returns its path.
async fn open_thread(app: &TestApp, group: &str, title: &str, body: &str) -> String {
    let r = app
        .post_form(
            &format!("/groupes/{group}/fils"),
            &[("title", title), ("body", body)],
        )
        .await;
    assert_eq!(r.status(), 303, "thread opened");
    location(&r)
}

async fn set_mode(app: &TestApp, mode: &str) {
    let r = app
        .post_form("/groupes/notifications", &[("mode", mode)])
        .await;
    assert_eq!(r.status(), 303);
}

async fn a_group_is_created_joined_and_discussed(backend: Backend) {
    let Some(app) = TestApp::spawn(backend).await else {
        return;
    };
    app.sign_up_and_in("maiwenn@exemple.fr", "Maïwenn Le Gall")
        .await;
    let group = create_group(&app, "Tiers-lieux de Brest", "open").await;
    let (status, html) = app.get_html("/groupes").await;
    assert_eq!(status, 200);
    assert!(html.contains("Tiers-lieux de Brest"));
    // Filters: the Finistère (which contains Brest) and the theme find it; Ille-et-Vilaine
    // does not; an unknown territory is said in words.
    for (query, found) in [
        ("territoire=departement%3A29&theme=inclusion", true),
        ("territoire=Finist%C3%A8re", true),
        ("territoire=departement%3A35", false),
        ("theme=education", false),
    ] {
        let (status, html) = app.get_html(&format!("/groupes?{query}")).await;
        assert_eq!(status, 200);
        assert_eq!(html.contains("Tiers-lieux de Brest"), found, "{query}");
    }
    let (_, html) = app.get_html("/groupes?territoire=Nulle-Part-sur-Mer").await;
    assert!(html.contains("Ce territoire est introuvable"));
    let (status, html) = app.get_html(&format!("/groupes/{group}")).await;
    assert_eq!(status, 200);
    assert!(
        html.contains("<strong>locale</strong>"),
        "Markdown rendered"
    );
    assert!(html.contains("Brest"), "territory named");

    // Someone else joins in one click and writes; the creator is @mentioned.
    let jakez = app.other_browser();
    jakez.sign_up_and_in("jakez@exemple.fr", "Jakez Riou").await;
    let r = jakez
        .post_form(&format!("/groupes/{group}/adhesion"), &[])
        .await;
    assert_eq!(r.status(), 303);
    assert!(location(&r).ends_with("notice=joined"));
    let thread = open_thread(
        &jakez,
        &group,
        "Mutualiser une camionnette",
        "Bonjour @maiwenn-le-gall, qui en a une ? <script>alert(1)</script>",
    )
    .await;
    let (status, html) = app.get_html(&thread).await;
    assert_eq!(status, 200);
    assert!(html.contains("Mutualiser une camionnette"));
    assert!(!html.contains("<script>alert(1)"), "Markdown is sanitised");
    let r = app
        .post_form(
            &format!("{thread}/reponses"),
            &[("body", "Oui, *la nôtre* est libre le mardi.")],
        )
        .await;
    assert_eq!(r.status(), 303);
    let (_, html) = jakez.get_html(&thread).await;
    assert!(html.contains("<em>la nôtre</em>"));
    // An empty reply is refused with a message, nothing lost.
    let r = app
        .post_form(&format!("{thread}/reponses"), &[("body", "   ")])
        .await;
    assert_eq!(r.status(), 422);
    assert!(r.text().await.unwrap().contains("Écrivez un message"));
    // Follow and unfollow the thread.
    let r = app
        .post_form(&format!("{thread}/suivi"), &[("follow", "0")])
        .await;
    assert_eq!(r.status(), 303);
    let maiwenn = person_id(&app, "maiwenn@exemple.fr").await;
    let thread_id: Uuid = thread.rsplit('/').next().unwrap().parse().unwrap();
    assert!(!app
        .store
        .follows_in_groups(maiwenn, thread_id)
        .await
        .unwrap());
    // A thread under another group's URL, or an unknown group, is not found.
    let other = create_group(&app, "Autre groupe", "open").await;
    assert_eq!(
        app.get(&format!("/groupes/{other}/fils/{thread_id}"))
            .await
            .status(),
        404
    );
    assert_eq!(
        app.get(&format!("/groupes/{}", Uuid::now_v7()))
            .await
            .status(),
        404
    );
    // The last admin cannot leave.
    let r = app
        .post_form(&format!("/groupes/{group}/depart"), &[])
        .await;
    assert_eq!(r.status(), 409);
    // A member leaves.
    let r = jakez
        .post_form(&format!("/groupes/{group}/depart"), &[])
        .await;
    assert_eq!(r.status(), 303);
}

async fn the_group_form_refuses_bad_input_and_keeps_values(backend: Backend) {
    let Some(app) = TestApp::spawn(backend).await else {
        return;
    };
    assert_eq!(
        app.get("/groupes/nouveau").await.status(),
        303,
        "sign in first"
    );
    app.sign_up_and_in("maiwenn@exemple.fr", "Maïwenn").await;
    assert_eq!(app.get("/groupes/nouveau").await.status(), 200);
    let r = app
        .post_form(
            "/groupes",
            &[
                ("name", "ab"),
                ("description", "Ma *description* gardée"),
                ("territory", "Nulle-Part-sur-Mer"),
                ("challenge", "pas-un-defi"),
                ("access", "secret"),
            ],
        )
        .await;
    assert_eq!(r.status(), 422);
    let html = r.text().await.unwrap();
    for message in [
        "au moins 3 caractères",
        "Ce territoire est introuvable",
        "Ce thème n’existe pas",
        "Choisissez qui peut rejoindre",
    ] {
        assert!(html.contains(message), "{message}");
    }
    assert!(html.contains("Ma *description* gardée"), "values kept");
    assert_eq!(
        app.store
            .count_groups(&essaim_store::groups::GroupFilter::default())
            .await
            .unwrap(),
        0
    );
    // Without the CSRF token, nothing is created.
    let r = app
        .client
        .post(app.at("/groupes"))
        .form(&[("name", "Sans jeton"), ("access", "open")])
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 403);
}

async fn closed_groups_are_read_and_written_by_members_only(backend: Backend) {
    let Some(app) = TestApp::spawn(backend).await else {
        return;
    };
    app.sign_up_and_in("maiwenn@exemple.fr", "Maïwenn").await;
    let group = create_group(&app, "Financeurs du Finistère", "closed").await;
    let thread = open_thread(&app, &group, "Appel à projets 2027", "Confidentiel.").await;

    let outsider = app.other_browser();
    outsider.sign_up_and_in("anne@exemple.fr", "Anne").await;
    let (status, html) = outsider.get_html(&format!("/groupes/{group}")).await;
    assert_eq!(status, 200, "the group itself is public");
    assert!(
        !html.contains("Appel à projets 2027"),
        "its threads are not"
    );
    assert_eq!(outsider.get(&thread).await.status(), 403);
    let anonymous = app.other_browser();
    assert_eq!(anonymous.get(&thread).await.status(), 303, "sign in first");
    // A non-member posting in a closed group: refused.
    let r = outsider
        .post_form(
            &format!("/groupes/{group}/fils"),
            &[("title", "Intrusion"), ("body", "Je passe")],
        )
        .await;
    assert_eq!(r.status(), 403);
    let r = outsider
        .post_form(&format!("{thread}/reponses"), &[("body", "Je passe")])
        .await;
    assert_eq!(r.status(), 403);
    // Asking to join: pending, still no access; the admin is told.
    let r = outsider
        .post_form(&format!("/groupes/{group}/adhesion"), &[])
        .await;
    assert!(location(&r).ends_with("notice=requested"));
    assert!(app
        .outbox()
        .await
        .iter()
        .any(|m| m.to_address == "maiwenn@exemple.fr" && m.subject.contains("demande")));
    assert_eq!(outsider.get(&thread).await.status(), 403);
    let anne = person_id(&app, "anne@exemple.fr").await;
    // Only a group admin decides.
    let r = outsider
        .post_form(
            &format!("/groupes/{group}/demandes/{anne}"),
            &[("decision", "accept")],
        )
        .await;
    assert_eq!(r.status(), 403);
    let (_, html) = app.get_html(&format!("/groupes/{group}")).await;
    assert!(html.contains("Demandes d’adhésion"));
    let r = app
        .post_form(
            &format!("/groupes/{group}/demandes/{anne}"),
            &[("decision", "accept")],
        )
        .await;
    assert_eq!(r.status(), 303);
    assert_eq!(outsider.get(&thread).await.status(), 200);
    let r = outsider
        .post_form(&format!("{thread}/reponses"), &[("body", "Merci !")])
        .await;
    assert_eq!(r.status(), 303);
    // A member can neither promote themself nor remove others; the admin promotes, the last
    // admin cannot step down alone, and removes.
    let maiwenn = person_id(&app, "maiwenn@exemple.fr").await;
    let r = outsider
        .post_form(
            &format!("/groupes/{group}/membres/{anne}"),
            &[("action", "promote")],
        )
        .await;
    assert_eq!(r.status(), 403);
    let r = app
        .post_form(
            &format!("/groupes/{group}/membres/{maiwenn}"),
            &[("action", "demote")],
        )
        .await;
    assert_eq!(r.status(), 409, "the last admin");
    let r = app
        .post_form(
            &format!("/groupes/{group}/membres/{anne}"),
            &[("action", "promote")],
        )
        .await;
    assert_eq!(r.status(), 303);
    assert_eq!(
        app.store
            .group_membership(group.parse().unwrap(), anne)
            .await
            .unwrap()
            .unwrap()
            .role,
        "admin"
    );
    let r = app
        .post_form(
            &format!("/groupes/{group}/membres/{anne}"),
            &[("action", "remove")],
        )
        .await;
    assert_eq!(r.status(), 303);
    assert_eq!(
        outsider.get(&thread).await.status(),
        403,
        "removed: no access"
    );
    let r = app
        .post_form(
            &format!("/groupes/{group}/membres/{anne}"),
            &[("action", "remove")],
        )
        .await;
    assert_eq!(r.status(), 404, "no longer a member");
    // Its admin edits it (opens it); a member may not.
    assert_eq!(
        outsider
            .get(&format!("/groupes/{group}/modifier"))
            .await
            .status(),
        403
    );
    let r = outsider
        .post_form(
            &format!("/groupes/{group}/modifier"),
            &[("name", "Pris"), ("access", "open")],
        )
        .await;
    assert_eq!(r.status(), 403);
    let (status, html) = app.get_html(&format!("/groupes/{group}/modifier")).await;
    assert_eq!(status, 200);
    assert!(
        html.contains("Financeurs du Finistère"),
        "the form holds the group"
    );
    let r = app
        .post_form(
            &format!("/groupes/{group}/modifier"),
            &[("name", ""), ("description", "Gardée"), ("access", "open")],
        )
        .await;
    assert_eq!(r.status(), 422);
    assert!(r.text().await.unwrap().contains("Gardée"));
    let r = app
        .post_form(
            &format!("/groupes/{group}/modifier"),
            &[
                ("name", "Financeurs du Finistère et d’ailleurs"),
                ("description", "Ouvert à tous."),
                ("territory", "departement:29"),
                ("challenge", ""),
                ("access", "open"),
            ],
        )
        .await;
    assert_eq!(r.status(), 303);
    let anonymous = app.other_browser();
    let (_, html) = anonymous.get_html(&format!("/groupes/{group}")).await;
    assert!(html.contains("Financeurs du Finistère et d’ailleurs"));
    assert!(
        html.contains("Appel à projets 2027"),
        "open now: its threads are public"
    );
    // In an open group too, only members post.
    let open = create_group(&app, "Groupe ouvert", "open").await;
    let r = outsider
        .post_form(
            &format!("/groupes/{open}/fils"),
            &[("title", "Sans adhésion"), ("body", "Bonjour")],
        )
        .await;
    assert_eq!(r.status(), 403);
}

async fn reports_hide_a_post_until_a_moderator_decides(backend: Backend) {
    let Some(app) = TestApp::spawn_with(backend, |c| c.groups_report_threshold = 2).await else {
        return;
    };
    app.sign_up_and_in("maiwenn@exemple.fr", "Maïwenn").await;
    let group = create_group(&app, "Parents d’élèves", "open").await;
    let troll = app.other_browser();
    troll.sign_up_and_in("troll@exemple.fr", "Troll").await;
    troll
        .post_form(&format!("/groupes/{group}/adhesion"), &[])
        .await;
    let thread = open_thread(&troll, &group, "Message douteux", "Texte à signaler").await;
    let thread_id: Uuid = thread.rsplit('/').next().unwrap().parse().unwrap();
    let post = app.store.list_group_posts(thread_id).await.unwrap()[0].id;
    // A flood of reports from one account counts once.
    for _ in 0..5 {
        let r = app
            .post_form(&format!("/groupes/messages/{post}/signalement"), &[])
            .await;
        assert_eq!(r.status(), 303);
    }
    let (_, html) = app.get_html(&thread).await;
    assert!(
        html.contains("Texte à signaler"),
        "one account: still shown"
    );
    let second = app.other_browser();
    second.sign_up_and_in("anne@exemple.fr", "Anne").await;
    second
        .post_form(&format!("/groupes/messages/{post}/signalement"), &[])
        .await;
    let (_, html) = app.get_html(&thread).await;
    assert!(
        !html.contains("Texte à signaler"),
        "hidden at the threshold"
    );
    assert!(html.contains("masqué en attendant"));
    // Unknown post: 404.
    let r = app
        .post_form(
            &format!("/groupes/messages/{}/signalement", Uuid::now_v7()),
            &[],
        )
        .await;
    assert_eq!(r.status(), 404);

    // The queue is for moderators.
    assert_eq!(second.get("/groupes/moderation").await.status(), 403);
    let anne = person_id(&app, "anne@exemple.fr").await;
    app.store
        .set_roles(anne, &[PlatformRole::Moderator])
        .await
        .unwrap();
    let (status, html) = second.get_html("/groupes/moderation").await;
    assert_eq!(status, 200);
    assert!(html.contains("Texte à signaler"));
    let r = second
        .post_form(
            &format!("/groupes/moderation/messages/{post}"),
            &[("action", "explode")],
        )
        .await;
    assert_eq!(r.status(), 422);
    let r = second
        .post_form(
            &format!("/groupes/moderation/messages/{post}"),
            &[("action", "restore")],
        )
        .await;
    assert_eq!(r.status(), 303);
    let (_, html) = app.get_html(&thread).await;
    assert!(html.contains("Texte à signaler"), "restored");
    // Blocking the account hides its posts and stops its posting.
    let troll_id = person_id(&app, "troll@exemple.fr").await;
    let r = troll
        .post_form(
            &format!("/groupes/moderation/comptes/{troll_id}"),
            &[("action", "block")],
        )
        .await;
    assert_eq!(r.status(), 403, "not a moderator");
    let r = second
        .post_form(
            &format!("/groupes/moderation/comptes/{troll_id}"),
            &[("action", "block")],
        )
        .await;
    assert_eq!(r.status(), 303);
    let (_, html) = app.get_html(&thread).await;
    assert!(!html.contains("Texte à signaler"));
    assert!(html.contains("son auteur a été bloqué"));
    let r = troll
        .post_form(&format!("{thread}/reponses"), &[("body", "Encore moi")])
        .await;
    assert_eq!(r.status(), 403);
    let audit = app.store.list_audit(None, 50).await.unwrap();
    assert!(audit.iter().any(|e| e.action == "group.account.block"));
    assert!(audit.iter().any(|e| e.action == "group.post.restore"));
}

async fn a_reply_reaches_the_digest_of_a_follower_once(backend: Backend) {
    let Some(app) = TestApp::spawn(backend).await else {
        return;
    };
    app.sign_up_and_in("maiwenn@exemple.fr", "Maïwenn").await;
    let group = create_group(&app, "Jardins partagés", "open").await;
    let follower = app.other_browser();
    follower.sign_up_and_in("jakez@exemple.fr", "Jakez").await;
    follower
        .post_form(&format!("/groupes/{group}/adhesion"), &[])
        .await;
    set_mode(&follower, "digest").await;
    let (_, html) = follower.get_html("/groupes/notifications").await;
    assert!(html.contains(r#"value="digest" checked"#));
    let thread = open_thread(&app, &group, "Semis de printemps", "Qui a des graines ?").await;
    app.post_form(
        &format!("{thread}/reponses"),
        &[("body", "Des tomates anciennes à partager")],
    )
    .await;
    let before = app.outbox().await.len();
    let i18n = I18n::load();
    let now = essaim_store::utc_now();
    let sent = essaim_web::groups::send_digests(app.store.as_ref(), &i18n, &app.url, now)
        .await
        .unwrap();
    assert!(sent >= 1);
    let outbox = app.outbox().await;
    let digest = outbox
        .iter()
        .find(|m| m.to_address == "jakez@exemple.fr" && m.subject.contains("nouveaux messages"))
        .expect("a digest to the follower");
    assert!(digest.subject.contains("2 nouveaux messages"));
    assert!(digest.body.contains("Des tomates anciennes à partager"));
    assert!(digest.body.contains("/groupes/desabonnement/"));
    // The next digest leaves at 07:00 in Paris: not before, however often the job runs
    // (every ten minutes), and at once after, whatever the hour of the first one.
    let this_morning = essaim_domain::groups::digest_time(now);
    let next = essaim_domain::groups::digest_time(this_morning + chrono::Duration::hours(25));
    assert!(next > now && next - now <= chrono::Duration::hours(24));
    app.post_form(&format!("{thread}/reponses"), &[("body", "Et des courges")])
        .await;
    for before_seven in [
        now + chrono::Duration::minutes(10),
        next - chrono::Duration::minutes(1),
    ] {
        let again =
            essaim_web::groups::send_digests(app.store.as_ref(), &i18n, &app.url, before_seven)
                .await
                .unwrap();
        assert_eq!(again, 0, "before 07:00 in Paris");
    }
    assert_eq!(app.outbox().await.len(), before + sent);
    // Just past 07:00 the next day, only what is new; and once.
    let after_seven = next + chrono::Duration::minutes(1);
    let sent = essaim_web::groups::send_digests(app.store.as_ref(), &i18n, &app.url, after_seven)
        .await
        .unwrap();
    assert!(sent >= 1);
    let later = after_seven + chrono::Duration::minutes(10);
    essaim_web::groups::send_digests(app.store.as_ref(), &i18n, &app.url, later)
        .await
        .unwrap();
    let latest = app
        .outbox()
        .await
        .into_iter()
        .filter(|m| m.to_address == "jakez@exemple.fr" && m.body.contains("Et des courges"))
        .collect::<Vec<_>>();
    assert_eq!(latest.len(), 1);
    assert!(!latest[0].body.contains("tomates"), "no post twice");
}

async fn immediate_mails_have_safe_subjects_and_an_unsubscribe_link_for_their_owner_only(
    backend: Backend,
) {
    let Some(app) = TestApp::spawn(backend).await else {
        return;
    };
    app.sign_up_and_in("maiwenn@exemple.fr", "Maïwenn Le Gall")
        .await;
    set_mode(&app, "immediate").await;
    let group = create_group(&app, "Mobilités douces", "open").await;
    let jakez = app.other_browser();
    jakez.sign_up_and_in("jakez@exemple.fr", "Jakez").await;
    set_mode(&jakez, "immediate").await;
    jakez
        .post_form(&format!("/groupes/{group}/adhesion"), &[])
        .await;
    // A title trying to add a header.
    open_thread(
        &jakez,
        &group,
        "Vélos\r\nBcc: pirate@exemple.fr",
        "Une idée pour @maiwenn-le-gall",
    )
    .await;
    let outbox = app.outbox().await;
    let mail = outbox
        .iter()
        .find(|m| m.to_address == "maiwenn@exemple.fr" && m.subject.contains("Vélos"))
        .expect("the follower (and mentioned) is mailed at once");
    assert!(!mail.subject.contains('\r') && !mail.subject.contains('\n'));
    assert!(mail.subject.contains("[Mobilités douces]"));
    assert!(
        !outbox
            .iter()
            .any(|m| m.to_address == "jakez@exemple.fr" && m.subject.contains("Vélos")),
        "not the author"
    );
    let link = app.link_in_mail_to("maiwenn@exemple.fr").await;
    let unsubscribe = mail.body[mail.body.find("/groupes/desabonnement/").unwrap()..]
        .split_whitespace()
        .next()
        .unwrap()
        .to_owned();
    assert!(link.starts_with("/groupes/"));
    // Without signing in: GET asks, POST unsubscribes that person only.
    let stranger = app.other_browser();
    let (status, html) = stranger.get_html(&unsubscribe).await;
    assert_eq!(status, 200);
    assert!(html.contains("Me désabonner"));
    let r = stranger.post_form(&unsubscribe, &[]).await;
    assert_eq!(r.status(), 200);
    let maiwenn = person_id(&app, "maiwenn@exemple.fr").await;
    let jakez_id = person_id(&app, "jakez@exemple.fr").await;
    assert_eq!(
        app.store
            .group_settings(maiwenn)
            .await
            .unwrap()
            .unwrap()
            .mode,
        "none"
    );
    assert_eq!(
        app.store
            .group_settings(jakez_id)
            .await
            .unwrap()
            .unwrap()
            .mode,
        "immediate"
    );
    assert_eq!(
        stranger
            .get("/groupes/desabonnement/0123456789abcdef0123456789abcdef")
            .await
            .status(),
        404
    );
    // Unsubscribed: no more mail.
    let to_maiwenn = |outbox: Vec<essaim_store::OutgoingMail>| {
        outbox
            .iter()
            .filter(|m| m.to_address == "maiwenn@exemple.fr")
            .count()
    };
    let count = to_maiwenn(app.outbox().await);
    let (_, html) = jakez.get_html(&format!("/groupes/{group}")).await;
    let thread = html
        .split("href=\"")
        .find(|s| s.contains("/fils/"))
        .unwrap()
        .split('"')
        .next()
        .unwrap()
        .to_owned();
    let r = jakez
        .post_form(&format!("{thread}/reponses"), &[("body", "Relance")])
        .await;
    assert_eq!(r.status(), 303);
    assert_eq!(to_maiwenn(app.outbox().await), count);
    // A bad mode is refused.
    let r = app
        .post_form("/groupes/notifications", &[("mode", "toujours")])
        .await;
    assert_eq!(r.status(), 422);
}

async fn the_api_creates_groups_threads_and_replies(backend: Backend) {
    let Some(app) = TestApp::spawn(backend).await else {
        return;
    };
    app.sign_up_and_in("maiwenn@exemple.fr", "Maïwenn").await;
    let token = app.api_token().await;
    let other = app.other_browser();
    other.sign_up_and_in("anne@exemple.fr", "Anne").await;
    let other_token = other.api_token().await;
    let api = |method: reqwest::Method, path: &str, token: &str| {
        app.client
            .request(method, app.at(&format!("/api/v1{path}")))
            .bearer_auth(token)
    };
    let r = api(reqwest::Method::POST, "/groups", &token)
        .json(&json!({"name": "", "access": "open"}))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 422);
    let body: Value = r.json().await.unwrap();
    assert_eq!(body["fields"][0]["code"], "groups-name-required");
    let r = api(reqwest::Method::POST, "/groups", &token)
        .json(&json!({"name": "Groupe fermé", "access": "closed", "territory": "29019"}))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 201);
    let g: Value = r.json().await.unwrap();
    let id = g["id"].as_str().unwrap().to_owned();
    assert_eq!(g["role"], "admin");
    assert_eq!(g["territory"], "commune:29019");
    let r = api(
        reqwest::Method::POST,
        &format!("/groups/{id}/threads"),
        &token,
    )
    .json(&json!({"title": "Ordre du jour", "body": "Point **un**"}))
    .send()
    .await
    .unwrap();
    assert_eq!(r.status(), 201);
    let t: Value = r.json().await.unwrap();
    let thread = t["id"].as_str().unwrap().to_owned();
    assert_eq!(t["posts"][0]["body"], "Point **un**");
    // Outsiders: 403 to read or post, 401 without a token.
    let r = api(
        reqwest::Method::GET,
        &format!("/groups/{id}/threads"),
        &other_token,
    )
    .send()
    .await
    .unwrap();
    assert_eq!(r.status(), 403);
    let r = api(
        reqwest::Method::POST,
        &format!("/groups/{id}/threads/{thread}/posts"),
        &other_token,
    )
    .json(&json!({"body": "Je m’invite"}))
    .send()
    .await
    .unwrap();
    assert_eq!(r.status(), 403);
    let r = app
        .client
        .get(app.at(&format!("/api/v1/groups/{id}/threads")))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 401);
    let r = api(
        reqwest::Method::POST,
        &format!("/groups/{id}/membership"),
        &other_token,
    )
    .send()
    .await
    .unwrap();
    let j: Value = r.json().await.unwrap();
    assert_eq!(j["outcome"], "requested");
    let r = api(
        reqwest::Method::POST,
        &format!("/groups/{id}/threads/{thread}/posts"),
        &token,
    )
    .json(&json!({"body": ""}))
    .send()
    .await
    .unwrap();
    assert_eq!(r.status(), 422);
    let r = api(
        reqwest::Method::POST,
        &format!("/groups/{id}/threads/{thread}/posts"),
        &token,
    )
    .json(&json!({"body": "Réponse"}))
    .send()
    .await
    .unwrap();
    assert_eq!(r.status(), 201);
    let post: Value = r.json().await.unwrap();
    let post_id = post["id"].as_str().unwrap();
    let r = api(
        reqwest::Method::POST,
        &format!("/group-posts/{post_id}/reports"),
        &token,
    )
    .send()
    .await
    .unwrap();
    assert_eq!(r.status(), 200);
    let r = api(
        reqwest::Method::POST,
        &format!("/group-posts/{post_id}/reports"),
        &other_token,
    )
    .send()
    .await
    .unwrap();
    assert_eq!(r.status(), 404, "outsiders may not know the post exists");
    let r = api(
        reqwest::Method::GET,
        &format!("/groups/{id}/threads/{thread}"),
        &token,
    )
    .send()
    .await
    .unwrap();
    let t: Value = r.json().await.unwrap();
    assert_eq!(t["posts"].as_array().unwrap().len(), 2);
    let r = api(reqwest::Method::PUT, "/group-notifications", &token)
        .json(&json!({"mode": "jamais"}))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 422);
    let r = api(reqwest::Method::PUT, "/group-notifications", &token)
        .json(&json!({"mode": "immediate"}))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 200);
    let r = api(reqwest::Method::GET, "/groups", &token)
        .send()
        .await
        .unwrap();
    let list: Value = r.json().await.unwrap();
    assert_eq!(list["total"], 1);
    let r = api(
        reqwest::Method::GET,
        "/groups?territory=departement:35",
        &token,
    )
    .send()
    .await
    .unwrap();
    let list: Value = r.json().await.unwrap();
    assert_eq!(list["total"], 0);
    let r = api(
        reqwest::Method::GET,
        "/groups?territory=departement:29",
        &token,
    )
    .send()
    .await
    .unwrap();
    let list: Value = r.json().await.unwrap();
    assert_eq!(list["total"], 1);
    let r = api(reqwest::Method::GET, "/groups?territory=nulle-part", &token)
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 422);
    // Every endpoint is in the OpenAPI document.
    let doc: Value = app.get("/api/v1/openapi.json").await.json().await.unwrap();
    for path in [
        "/api/v1/groups",
        "/api/v1/groups/{id}",
        "/api/v1/groups/{id}/membership",
        "/api/v1/groups/{id}/threads",
        "/api/v1/groups/{id}/threads/{thread}",
        "/api/v1/groups/{id}/threads/{thread}/posts",
        "/api/v1/group-posts/{post}/reports",
        "/api/v1/group-notifications",
        "/api/v1/group-moderation",
        "/api/v1/group-posts/{post}/moderation",
        "/api/v1/group-accounts/{person}/moderation",
    ] {
        assert!(doc["paths"].get(path).is_some(), "{path} documented");
    }
    // Moderation through the API: for moderators only.
    let r = api(reqwest::Method::GET, "/group-moderation", &token)
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 403);
    let me = person_id(&app, "maiwenn@exemple.fr").await;
    app.store
        .set_roles(me, &[PlatformRole::Moderator])
        .await
        .unwrap();
    let r = api(reqwest::Method::GET, "/group-moderation", &token)
        .send()
        .await
        .unwrap();
    let queue: Value = r.json().await.unwrap();
    assert_eq!(queue[0]["post_id"], post_id, "the reported reply");
    let r = api(
        reqwest::Method::POST,
        &format!("/group-posts/{post_id}/moderation"),
        &token,
    )
    .json(&json!({"action": "hide"}))
    .send()
    .await
    .unwrap();
    assert_eq!(r.status(), 204);
    let r = api(
        reqwest::Method::GET,
        &format!("/groups/{id}/threads/{thread}"),
        &token,
    )
    .send()
    .await
    .unwrap();
    let t: Value = r.json().await.unwrap();
    assert_eq!(t["posts"][1]["hidden"], true);
    assert_eq!(
        t["posts"][1]["body"], "",
        "a hidden post's text is not served"
    );
    let anne = person_id(&app, "anne@exemple.fr").await;
    let r = api(
        reqwest::Method::POST,
        &format!("/group-accounts/{anne}/moderation"),
        &token,
    )
    .json(&json!({"action": "block"}))
    .send()
    .await
    .unwrap();
    assert_eq!(r.status(), 204);
    assert!(app.store.is_blocked_in_groups(anne).await.unwrap());
    let r = api(
        reqwest::Method::POST,
        &format!("/group-accounts/{}/moderation", Uuid::now_v7()),
        &token,
    )
    .json(&json!({"action": "block"}))
    .send()
    .await
    .unwrap();
    assert_eq!(r.status(), 404);
}

async fn every_groups_page_has_the_accessible_layout(backend: Backend) {
    let Some(app) = TestApp::spawn(backend).await else {
        return;
    };
    app.sign_up_and_in("maiwenn@exemple.fr", "Maïwenn").await;
    let me = person_id(&app, "maiwenn@exemple.fr").await;
    app.store
        .set_roles(me, &[PlatformRole::Admin])
        .await
        .unwrap();
    let group = create_group(&app, "Habitat partagé", "closed").await;
    let thread = open_thread(&app, &group, "Visite du chantier", "Samedi à 10 h.").await;
    set_mode(&app, "immediate").await;
    let token = app
        .store
        .group_settings(me)
        .await
        .unwrap()
        .unwrap()
        .unsubscribe_token;
    for path in [
        "/groupes".to_owned(),
        "/groupes?territoire=Brest&theme=inclusion".to_owned(),
        "/groupes/nouveau".to_owned(),
        format!("/groupes/{group}"),
        thread.clone(),
        "/groupes/moderation".to_owned(),
        "/groupes/notifications".to_owned(),
        format!("/groupes/desabonnement/{token}"),
    ] {
        let (status, html) = app.get_html(&path).await;
        assert_eq!(status, 200, "{path}");
        crate::pages::assert_accessible_layout(&html, &path);
    }
    let invalid = app
        .post_form("/groupes", &[("name", ""), ("access", "open")])
        .await
        .text()
        .await
        .unwrap();
    crate::pages::assert_accessible_layout(&invalid, "group form with errors");
    assert!(
        invalid.contains("href=\"#name\""),
        "the summary links to the field"
    );
    let invalid = app
        .post_form(&format!("{thread}/reponses"), &[("body", "")])
        .await
        .text()
        .await
        .unwrap();
    crate::pages::assert_accessible_layout(&invalid, "reply with errors");
    assert!(invalid.contains("aria-invalid=\"true\""));
}

/// An API client for `app`'s base URL.
fn api_call(
    app: &TestApp,
    method: reqwest::Method,
    path: &str,
    token: &str,
) -> reqwest::RequestBuilder {
    app.client
        .request(method, app.at(&format!("/api/v1{path}")))
        .bearer_auth(token)
}

async fn posting_and_joining_are_throttled_per_person(backend: Backend) {
    let Some(app) = TestApp::spawn(backend).await else {
        return;
    };
    app.sign_up_and_in("maiwenn@exemple.fr", "Maïwenn").await;
    let group = create_group(&app, "Bavards", "open").await;
    // One thread and 29 replies: 30 posts in the hour pass, the 31st is refused, in words.
    let thread = open_thread(&app, &group, "Fil fleuve", "Premier").await;
    for i in 0..29 {
        let r = app
            .post_form(
                &format!("{thread}/reponses"),
                &[("body", &format!("Réponse {i}"))],
            )
            .await;
        assert_eq!(r.status(), 303, "reply {i}");
    }
    let r = app
        .post_form(&format!("{thread}/reponses"), &[("body", "Une de trop")])
        .await;
    assert_eq!(r.status(), 429);
    assert!(r.headers().contains_key("retry-after"));
    let html = r.text().await.unwrap();
    assert!(html.contains("beaucoup publié"), "{html}");
    let r = app
        .post_form(
            &format!("/groupes/{group}/fils"),
            &[("title", "Encore un"), ("body", "Texte")],
        )
        .await;
    assert_eq!(r.status(), 429, "a new thread counts too");
    let token = app.api_token().await;
    let thread_id = thread.rsplit('/').next().unwrap();
    let r = api_call(
        &app,
        reqwest::Method::POST,
        &format!("/groups/{group}/threads/{thread_id}/posts"),
        &token,
    )
    .json(&json!({"body": "Par l’API"}))
    .send()
    .await
    .unwrap();
    assert_eq!(r.status(), 429);
    let body: Value = r.json().await.unwrap();
    assert_eq!(body["code"], "groups-posting-throttled");
    let posts = app
        .store
        .list_group_posts(thread_id.parse().unwrap())
        .await
        .unwrap();
    assert_eq!(posts.len(), 30, "nothing written past the limit");

    // Joining: a closed group's admins hear of a request once a day, however often the
    // person leaves and asks again; and ten joins an hour at most.
    let closed = create_group(&app, "Fermé", "closed").await;
    let mut open = vec![];
    for i in 0..9 {
        open.push(create_group(&app, &format!("Ouvert {i}"), "open").await);
    }
    let jakez = app.other_browser();
    jakez.sign_up_and_in("jakez@exemple.fr", "Jakez").await;
    let join = |g: String| {
        let jakez = &jakez;
        async move {
            jakez
                .post_form(&format!("/groupes/{g}/adhesion"), &[])
                .await
        }
    };
    assert!(location(&join(closed.clone()).await).ends_with("notice=requested"));
    let r = jakez
        .post_form(&format!("/groupes/{closed}/depart"), &[])
        .await;
    assert_eq!(r.status(), 303);
    assert!(location(&join(closed.clone()).await).ends_with("notice=requested"));
    let requests = app
        .outbox()
        .await
        .into_iter()
        .filter(|m| m.to_address == "maiwenn@exemple.fr" && m.body.contains("Jakez"))
        .count();
    assert_eq!(requests, 1, "one request mail a day per person");
    for g in &open[..8] {
        assert_eq!(join(g.clone()).await.status(), 303);
    }
    let r = join(open[8].clone()).await;
    assert_eq!(r.status(), 429, "the eleventh join of the hour");
    assert!(r
        .text()
        .await
        .unwrap()
        .contains("rejoindre beaucoup de groupes"));
}

async fn blocked_accounts_neither_create_join_nor_report_and_their_titles_are_withheld(
    backend: Backend,
) {
    let Some(app) = TestApp::spawn(backend).await else {
        return;
    };
    app.sign_up_and_in("maiwenn@exemple.fr", "Maïwenn").await;
    let group = create_group(&app, "Quartier", "open").await;
    let other_group = create_group(&app, "Autre quartier", "open").await;
    let mine = open_thread(&app, &group, "Fête des voisins", "Samedi ?").await;
    let troll = app.other_browser();
    troll.sign_up_and_in("troll@exemple.fr", "Troll").await;
    troll
        .post_form(&format!("/groupes/{group}/adhesion"), &[])
        .await;
    open_thread(&troll, &group, "Titre injurieux", "Texte injurieux").await;
    let troll_token = troll.api_token().await;
    let moderator = app.other_browser();
    moderator.sign_up_and_in("anne@exemple.fr", "Anne").await;
    let anne = person_id(&app, "anne@exemple.fr").await;
    app.store
        .set_roles(anne, &[PlatformRole::Moderator])
        .await
        .unwrap();
    let troll_id = person_id(&app, "troll@exemple.fr").await;
    let r = moderator
        .post_form(
            &format!("/groupes/moderation/comptes/{troll_id}"),
            &[("action", "block")],
        )
        .await;
    assert_eq!(r.status(), 303);

    // Refused, with the reason, on the pages and through the API.
    let r = troll
        .post_form(
            "/groupes",
            &[("name", "Nouveau"), ("access", "open"), ("description", "")],
        )
        .await;
    assert_eq!(r.status(), 403);
    assert!(r.text().await.unwrap().contains("bloqué dans les groupes"));
    assert_eq!(troll.get("/groupes/nouveau").await.status(), 403);
    let r = troll
        .post_form(&format!("/groupes/{other_group}/adhesion"), &[])
        .await;
    assert_eq!(r.status(), 403);
    let first = app
        .store
        .list_group_posts(mine.rsplit('/').next().unwrap().parse().unwrap())
        .await
        .unwrap()[0]
        .id;
    let r = troll
        .post_form(&format!("/groupes/messages/{first}/signalement"), &[])
        .await;
    assert_eq!(r.status(), 403);
    for (path, body) in [
        (
            "/groups".to_owned(),
            json!({"name": "Nouveau", "access": "open"}),
        ),
        (format!("/groups/{other_group}/membership"), json!({})),
        (format!("/group-posts/{first}/reports"), json!({})),
    ] {
        let r = api_call(&troll, reqwest::Method::POST, &path, &troll_token)
            .json(&body)
            .send()
            .await
            .unwrap();
        assert_eq!(r.status(), 403, "{path}");
        let body: Value = r.json().await.unwrap();
        assert_eq!(body["code"], "groups-blocked", "{path}");
    }
    let reports = app
        .store
        .find_group_post(first)
        .await
        .unwrap()
        .unwrap()
        .reports;
    assert_eq!(reports, 0, "no report counted");
    assert!(app
        .store
        .group_membership(other_group.parse().unwrap(), troll_id)
        .await
        .unwrap()
        .is_none());

    // The blocked author's thread, and a thread whose first post a moderator hid, keep their
    // place in the list without their title; moderators still read it.
    let first_id = first.to_string();
    let r = moderator
        .post_form(
            &format!("/groupes/moderation/messages/{first_id}"),
            &[("action", "hide")],
        )
        .await;
    assert_eq!(r.status(), 303);
    let (_, html) = app.get_html(&format!("/groupes/{group}")).await;
    assert!(!html.contains("Titre injurieux"));
    assert!(!html.contains("Fête des voisins"));
    assert_eq!(html.matches("Fil masqué par la modération").count(), 2);
    let (_, html) = app.get_html(&mine).await;
    assert!(
        !html.contains("Fête des voisins"),
        "nor on the thread's page"
    );
    let (_, html) = moderator.get_html(&format!("/groupes/{group}")).await;
    assert!(html.contains("Titre injurieux") && html.contains("Fête des voisins"));
    let token = app.api_token().await;
    let r = api_call(
        &app,
        reqwest::Method::GET,
        &format!("/groups/{group}/threads"),
        &token,
    )
    .header("accept-language", "en")
    .send()
    .await
    .unwrap();
    let list: Value = r.json().await.unwrap();
    assert_eq!(list.as_array().unwrap().len(), 2);
    for t in list.as_array().unwrap() {
        assert_eq!(t["title"], "Thread hidden by moderation");
        assert_eq!(t["title_hidden"], true);
    }
    let thread_id = mine.rsplit('/').next().unwrap();
    let r = api_call(
        &app,
        reqwest::Method::GET,
        &format!("/groups/{group}/threads/{thread_id}"),
        &token,
    )
    .send()
    .await
    .unwrap();
    let t: Value = r.json().await.unwrap();
    assert_eq!(t["title_hidden"], true);
    assert_ne!(t["title"], "Fête des voisins");
    let moderator_token = moderator.api_token().await;
    let r = api_call(
        &moderator,
        reqwest::Method::GET,
        &format!("/groups/{group}/threads"),
        &moderator_token,
    )
    .send()
    .await
    .unwrap();
    let list: Value = r.json().await.unwrap();
    let titles: Vec<&str> = list
        .as_array()
        .unwrap()
        .iter()
        .map(|t| t["title"].as_str().unwrap())
        .collect();
    assert!(titles.contains(&"Titre injurieux") && titles.contains(&"Fête des voisins"));
}

async fn decide_account(who: &TestApp, target: Uuid, action: &str) -> u16 {
    who.post_form(
        &format!("/groupes/moderation/comptes/{target}"),
        &[("action", action)],
    )
    .await
    .status()
    .as_u16()
}

async fn only_admins_act_on_moderators_and_nobody_on_themselves(backend: Backend) {
    let Some(app) = TestApp::spawn(backend).await else {
        return;
    };
    app.sign_up_and_in("admin@exemple.fr", "Admin").await;
    let admin = person_id(&app, "admin@exemple.fr").await;
    app.store
        .set_roles(admin, &[PlatformRole::Admin])
        .await
        .unwrap();
    let anne = app.other_browser();
    anne.sign_up_and_in("anne@exemple.fr", "Anne").await;
    let bob = app.other_browser();
    bob.sign_up_and_in("bob@exemple.fr", "Bob").await;
    let anne_id = person_id(&app, "anne@exemple.fr").await;
    let bob_id = person_id(&app, "bob@exemple.fr").await;
    for id in [anne_id, bob_id] {
        app.store
            .set_roles(id, &[PlatformRole::Moderator])
            .await
            .unwrap();
    }
    assert_eq!(
        decide_account(&anne, bob_id, "block").await,
        409,
        "a moderator"
    );
    assert_eq!(decide_account(&anne, admin, "block").await, 409, "an admin");
    assert_eq!(
        decide_account(&anne, anne_id, "block").await,
        409,
        "oneself"
    );
    assert!(!app.store.is_blocked_in_groups(bob_id).await.unwrap());
    assert_eq!(
        decide_account(&app, bob_id, "block").await,
        303,
        "an admin may"
    );
    assert!(app.store.is_blocked_in_groups(bob_id).await.unwrap());
    assert_eq!(
        decide_account(&bob, bob_id, "unblock").await,
        409,
        "not oneself"
    );
    assert_eq!(
        decide_account(&anne, bob_id, "unblock").await,
        409,
        "nor a peer"
    );
    assert!(app.store.is_blocked_in_groups(bob_id).await.unwrap());
    assert_eq!(
        decide_account(&app, admin, "block").await,
        409,
        "nor an admin himself"
    );
    assert_eq!(decide_account(&app, bob_id, "unblock").await, 303);
    assert!(!app.store.is_blocked_in_groups(bob_id).await.unwrap());
    let token = anne.api_token().await;
    let r = api_call(
        &anne,
        reqwest::Method::POST,
        &format!("/group-accounts/{bob_id}/moderation"),
        &token,
    )
    .json(&json!({"action": "block"}))
    .send()
    .await
    .unwrap();
    assert_eq!(r.status(), 409);
    let body: Value = r.json().await.unwrap();
    assert_eq!(body["code"], "groups-block-refused");
}

async fn outsiders_get_no_next_page_link_of_a_closed_group(backend: Backend) {
    let Some(app) = TestApp::spawn(backend).await else {
        return;
    };
    app.sign_up_and_in("maiwenn@exemple.fr", "Maïwenn").await;
    let group = create_group(&app, "Conseil", "closed").await;
    let group_id: Uuid = group.parse().unwrap();
    let me = person_id(&app, "maiwenn@exemple.fr").await;
    // More threads than a page holds, written straight to the store (the pages would
    // throttle this many posts).
    for i in 0..31 {
        let now = essaim_store::utc_now();
        app.store
            .create_group_thread(&essaim_store::groups::NewThread {
                title: format!("Fil {i}"),
                post: essaim_store::groups::NewPost {
                    id: Uuid::now_v7(),
                    thread_id: Uuid::now_v7(),
                    group_id,
                    author_id: me,
                    body: "Texte".into(),
                    mentions: vec![],
                    created_at: now,
                },
            })
            .await
            .unwrap();
    }
    let (_, html) = app.get_html(&format!("/groupes/{group}")).await;
    assert!(html.contains(r#"rel="next""#), "a member pages on");
    let outsider = app.other_browser();
    outsider.sign_up_and_in("jakez@exemple.fr", "Jakez").await;
    let (status, html) = outsider.get_html(&format!("/groupes/{group}")).await;
    assert_eq!(status, 200);
    assert!(!html.contains(r#"rel="next""#), "nothing to page through");
    let (_, html) = app
        .other_browser()
        .get_html(&format!("/groupes/{group}"))
        .await;
    assert!(!html.contains(r#"rel="next""#), "nor anonymously");
}
