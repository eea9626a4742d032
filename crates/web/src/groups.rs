//! Groups by territory or theme, their threads and replies, follows, mentions, e-mail
//! notifications and moderation.
//!
//! The rules shared by pages and API (and callable by other contexts, such as news shared in
//! a group): who reads and who posts (`can_read_group`, `can_post_in_group`), moderators,
//! posting with its @mentions and immediate mails, and the daily digest job (`send_digests`,
//! run by the CLI's housekeeping).
//!
//! Every mail carries a one-click unsubscribe link (`/groupes/desabonnement/{token}`): the
//! token is a 128-bit random secret per person, stored in their settings; it only ever
//! unsubscribes the person it belongs to.

use crate::error::AppError;
use crate::i18n::{I18n, Locale};
use crate::state::AppState;
use chrono::{DateTime, Duration, Utc};
use essaim_domain::groups::{self as rules, Access, NotifyMode, Role};
use essaim_domain::person::PlatformRole;
use essaim_store::groups::{Group, NewPost, Post, Recipient, Settings, Thread};
use essaim_store::{utc_now, OutgoingMail, Person, Store, StoreError};
use uuid::Uuid;

/// The mode of people who never chose: one mail a day, the least intrusive that still keeps
/// them informed (Decidim's and Loomio's digest, rather than a mail per message).
pub const DEFAULT_MODE: NotifyMode = NotifyMode::Digest;

/// The longest subject we write (names and titles are cut to fit).
const SUBJECT_MAX: usize = 150;

/// Threads and replies a person may write per hour, across every group.
pub const POSTS_PER_PERSON: crate::throttle::Limit = crate::throttle::Limit {
    name: "groups:post",
    max: 30,
    window: Duration::hours(1),
};

/// Groups a person may join or ask to join per hour.
pub const JOINS_PER_PERSON: crate::throttle::Limit = crate::throttle::Limit {
    name: "groups:join",
    max: 10,
    window: Duration::hours(1),
};

/// A closed group's admins hear of one person's request at most once a day (keyed by group
/// and person), however often the person leaves and asks again.
pub const REQUEST_MAILS: crate::throttle::Limit = crate::throttle::Limit {
    name: "groups:request-mail",
    max: 1,
    window: Duration::hours(24),
};

/// Moderators of groups: platform moderators and admins.
pub fn is_moderator(person: &Person) -> bool {
    person.is_admin() || person.has_role(PlatformRole::Moderator)
}

pub fn access_of(group: &Group) -> Access {
    Access::parse(&group.access).unwrap_or(Access::Closed)
}

/// The person's role in the group, pending included.
pub async fn role_in(
    state: &AppState,
    group: Uuid,
    person: Uuid,
) -> Result<Option<Role>, AppError> {
    Ok(state
        .store
        .group_membership(group, person)
        .await?
        .and_then(|m| Role::parse(&m.role)))
}

/// May this person (or an anonymous visitor) read the group's threads?
pub async fn can_read_group(
    state: &AppState,
    group: &Group,
    person: Option<&Person>,
) -> Result<bool, AppError> {
    let access = access_of(group);
    if access == Access::Open {
        return Ok(true);
    }
    let Some(person) = person else {
        return Ok(false);
    };
    let role = role_in(state, group.id, person.id).await?;
    Ok(rules::can_read(access, role, is_moderator(person)))
}

/// May this person open a thread or reply in the group? Members who are not blocked.
pub async fn can_post_in_group(
    state: &AppState,
    group: &Group,
    person: &Person,
) -> Result<bool, AppError> {
    let role = role_in(state, group.id, person.id).await?;
    let blocked = state.store.is_blocked_in_groups(person.id).await?;
    Ok(rules::can_post(role, blocked))
}

/// May this person manage the group (accept requests, edit it)? Its admins, and platform admins.
pub async fn can_manage_group(
    state: &AppState,
    group: &Group,
    person: &Person,
) -> Result<bool, AppError> {
    Ok(person.is_admin() || role_in(state, group.id, person.id).await? == Some(Role::Admin))
}

/// A refusal with this context's own message (`code` is a Fluent id), rendered as a page or
/// a JSON body by `error::render_errors`, like any `AppError`.
pub fn refusal(
    status: axum::http::StatusCode,
    code: &'static str,
    retry_after_secs: Option<i64>,
) -> axum::response::Response {
    use axum::response::IntoResponse;
    let mut response = status.into_response();
    response.extensions_mut().insert(crate::error::ErrorInfo {
        code,
        fields: vec![],
        retry_after_secs,
    });
    response
}

/// A throttled attempt said with `code` (429); any other error as it is.
pub fn explain_throttle(
    e: AppError,
    code: &'static str,
) -> Result<axum::response::Response, AppError> {
    match e {
        AppError::Throttled { retry_after_secs } => Ok(refusal(
            axum::http::StatusCode::TOO_MANY_REQUESTS,
            code,
            Some(retry_after_secs),
        )),
        e => Err(e),
    }
}

/// A blocked account creates no group, joins none and reports nothing: 403 with the reason.
pub async fn refuse_if_blocked(
    state: &AppState,
    person: &Person,
) -> Result<Option<axum::response::Response>, AppError> {
    Ok(state
        .store
        .is_blocked_in_groups(person.id)
        .await?
        .then(|| refusal(axum::http::StatusCode::FORBIDDEN, "groups-blocked", None)))
}

/// A thread's title as this reader sees it: when its first post is hidden or its author
/// blocked (`title_hidden`), a neutral placeholder, but for moderators.
pub fn shown_title(
    i18n: &I18n,
    locale: Locale,
    title: &str,
    title_hidden: bool,
    moderator: bool,
) -> String {
    if title_hidden && !moderator {
        i18n.t(locale, "groups-thread-hidden")
    } else {
        title.to_owned()
    }
}

/// Whether a thread's title is withheld, from its posts in order (as `list_group_posts`).
pub fn title_hidden_by(posts: &[Post]) -> bool {
    posts.first().is_some_and(Post::is_hidden)
}

/// The group, or 404.
pub async fn find_group(state: &AppState, id: Uuid) -> Result<Group, AppError> {
    state.store.find_group(id).await?.ok_or(AppError::NotFound)
}

/// The thread of this group, or 404 (a thread id under another group's URL is not found).
pub async fn find_group_thread(
    state: &AppState,
    group: &Group,
    id: Uuid,
) -> Result<Thread, AppError> {
    match state.store.find_group_thread(id).await? {
        Some(t) if t.group_id == group.id => Ok(t),
        _ => Err(AppError::NotFound),
    }
}

/// 403 unless the person may read; 401 for an anonymous visitor (who may sign in).
pub async fn require_read(
    state: &AppState,
    group: &Group,
    person: Option<&Person>,
) -> Result<(), AppError> {
    if can_read_group(state, group, person).await? {
        Ok(())
    } else if person.is_none() {
        Err(AppError::Unauthenticated)
    } else {
        Err(AppError::Forbidden)
    }
}

/// The members mentioned in `body` (by `domain::groups::handle`), the author aside.
pub async fn resolve_mentions(
    state: &AppState,
    group: Uuid,
    author: Uuid,
    body: &str,
) -> Result<Vec<Uuid>, AppError> {
    let handles = rules::mentions(body);
    if handles.is_empty() {
        return Ok(vec![]);
    }
    let members = state.store.list_group_members(group).await?;
    Ok(members
        .iter()
        .filter(|m| m.person_id != author && m.role != Role::Pending.as_str())
        .filter(|m| handles.contains(&rules::handle(&m.display_name)))
        .map(|m| m.person_id)
        .collect())
}

/// The person's settings, made with the default mode and a fresh token on first use.
pub async fn settings_of(
    store: &dyn Store,
    person: Uuid,
    locale: Locale,
) -> Result<Settings, AppError> {
    Ok(store
        .ensure_group_settings(
            person,
            DEFAULT_MODE.as_str(),
            locale.as_str(),
            &crate::auth::random_secret(),
            utc_now(),
        )
        .await?)
}

/// Writes a reply (or, with `title`, a new thread) by a person allowed to post, with its
/// mentions, and mails those who want a mail per post. The author starts following the
/// thread (as on Loomio: you hear about answers to what you wrote).
pub async fn publish(
    state: &AppState,
    group: &Group,
    thread: Option<&Thread>,
    title: Option<&str>,
    author: &Person,
    body: &str,
    locale: Locale,
) -> Result<(Thread, Post), AppError> {
    if !can_post_in_group(state, group, author).await? {
        return Err(AppError::Forbidden);
    }
    crate::throttle::check(state, POSTS_PER_PERSON, &author.id.to_string()).await?;
    settings_of(state.store.as_ref(), author.id, locale).await?;
    let mentions = resolve_mentions(state, group.id, author.id, body).await?;
    let now = utc_now();
    let new_post = |thread_id| NewPost {
        id: Uuid::now_v7(),
        thread_id,
        group_id: group.id,
        author_id: author.id,
        body: body.to_owned(),
        mentions: mentions.clone(),
        created_at: now,
    };
    let (thread, post) = match (thread, title) {
        (Some(t), _) => {
            let post = state.store.add_group_post(&new_post(t.id)).await?;
            (t.clone(), post)
        }
        (None, Some(title)) => {
            let post = new_post(Uuid::now_v7());
            let thread = state
                .store
                .create_group_thread(&essaim_store::groups::NewThread {
                    title: title.to_owned(),
                    post,
                })
                .await?;
            let first = state
                .store
                .list_group_posts(thread.id)
                .await?
                .into_iter()
                .next()
                .ok_or(AppError::NotFound)?;
            (thread, first)
        }
        (None, None) => return Err(AppError::BadRequest("bad_request")),
    };
    state
        .store
        .set_group_follow(author.id, thread.id, true, now)
        .await?;
    notify_immediately(state, group, &thread, &post).await?;
    Ok((thread, post))
}

/// Mails the post to followers and mentioned people in immediate mode who may read the group.
async fn notify_immediately(
    state: &AppState,
    group: &Group,
    thread: &Thread,
    post: &Post,
) -> Result<(), AppError> {
    let recipients = state.store.group_post_recipients(post.id).await?;
    if recipients.is_empty() {
        return Ok(());
    }
    let title_hidden = title_hidden_by(&state.store.list_group_posts(thread.id).await?);
    for r in recipients {
        if r.mode != NotifyMode::Immediate.as_str() || !recipient_may_read(state, group, &r).await?
        {
            continue;
        }
        let locale = Locale::parse(&r.locale).unwrap_or(Locale::Fr);
        let title = shown_title(&state.i18n, locale, &thread.title, title_hidden, false);
        let link = format!(
            "{}/groupes/{}/fils/{}#message-{}",
            state.config.base_url, group.id, thread.id, post.id
        );
        let args = [
            ("group", rules::header_safe(&group.name, SUBJECT_MAX)),
            ("thread", rules::header_safe(&title, SUBJECT_MAX)),
            ("author", rules::header_safe(&post.author_name, 80)),
            ("body", post.body.clone()),
            ("link", link),
            (
                "unsubscribe",
                unsubscribe_link(&state.config.base_url, &r.unsubscribe_token),
            ),
        ];
        enqueue(
            state.store.as_ref(),
            &state.i18n,
            locale,
            &r.email,
            "groups-mail-post",
            &args,
        )
        .await?;
    }
    Ok(())
}

async fn recipient_may_read(
    state: &AppState,
    group: &Group,
    r: &Recipient,
) -> Result<bool, AppError> {
    if access_of(group) == Access::Open {
        return Ok(true);
    }
    Ok(role_in(state, group.id, r.person_id)
        .await?
        .is_some_and(Role::is_member))
}

pub fn unsubscribe_link(base_url: &str, token: &str) -> String {
    format!("{base_url}/groupes/desabonnement/{token}")
}

/// Writes a mail to the outbox; the subject is made header-safe once more, whatever its
/// arguments were. Arguments whose value is all digits are passed as numbers, for plurals.
async fn enqueue(
    store: &dyn Store,
    i18n: &I18n,
    locale: Locale,
    to: &str,
    id: &str,
    args: &[(&str, String)],
) -> Result<(), StoreError> {
    let mut fluent = fluent_bundle::FluentArgs::new();
    for (k, v) in args {
        match v.parse::<i64>() {
            Ok(n) if !v.is_empty() && v.chars().all(|c| c.is_ascii_digit()) => {
                fluent.set(*k, fluent_bundle::FluentValue::from(n))
            }
            _ => fluent.set(*k, fluent_bundle::FluentValue::from(v.clone())),
        }
    }
    let subject = rules::header_safe(&i18n.format(locale, &format!("{id}-subject"), &fluent), 200);
    let body = i18n.format(locale, &format!("{id}-body"), &fluent);
    store
        .enqueue_mail(OutgoingMail {
            id: Uuid::now_v7(),
            to_address: to.to_owned(),
            subject,
            body,
            created_at: utc_now(),
            sent_at: None,
            attempts: 0,
            last_error: None,
        })
        .await
}

/// The daily digest: to each person in digest mode whose last digest is before this
/// morning's 07:00 in Paris (`domain::groups::digest_time`; or who never had one), one mail
/// listing the posts since their cursor, then the cursor moves to `now`. The claim on the
/// cursor makes it idempotent: run it every ten minutes, from any number of processes, each
/// person gets at most one digest a day, at the same hour every day, and no post twice. Returns
/// the number of mails written (a person with nothing new gets none, but their day starts).
pub async fn send_digests(
    store: &dyn Store,
    i18n: &I18n,
    base_url: &str,
    now: DateTime<Utc>,
) -> Result<usize, StoreError> {
    // Due: the last digest is before this morning's 07:00 in Paris (strictly: one digest at
    // 07:00:00 exactly is this morning's).
    let due = store
        .group_digest_due(rules::digest_time(now) - Duration::microseconds(1))
        .await?;
    let mut sent = 0;
    for settings in due {
        let items = store
            .group_digest_items(settings.person_id, settings.digest_cursor, now)
            .await?;
        if !store
            .claim_group_digest(settings.person_id, settings.digest_cursor, now)
            .await?
        {
            continue;
        }
        if items.is_empty() {
            continue;
        }
        let Some(person) = store.person(settings.person_id).await? else {
            continue;
        };
        let locale = Locale::parse(&settings.locale).unwrap_or(Locale::Fr);
        let moderator = is_moderator(&person);
        let mut list = String::new();
        for item in &items {
            let title = shown_title(
                i18n,
                locale,
                &item.thread_title,
                item.title_hidden,
                moderator,
            );
            let excerpt: String = item.body.chars().take(300).collect();
            list.push_str(&format!(
                "— {} › {} — {}\n{}\n{base_url}/groupes/{}/fils/{}#message-{}\n\n",
                rules::header_safe(&item.group_name, SUBJECT_MAX),
                rules::header_safe(&title, SUBJECT_MAX),
                rules::header_safe(&item.author_name, 80),
                excerpt.trim(),
                item.group_id,
                item.thread_id,
                item.post_id,
            ));
        }
        let args = [
            ("count", items.len().to_string()),
            ("posts", list),
            (
                "unsubscribe",
                unsubscribe_link(base_url, &settings.unsubscribe_token),
            ),
            ("settings", format!("{base_url}/groupes/notifications")),
        ];
        enqueue(
            store,
            i18n,
            locale,
            &person.email,
            "groups-mail-digest",
            &args,
        )
        .await?;
        sent += 1;
    }
    Ok(sent)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every `"groups-…"` code or message id written in this context's sources (errors,
    /// refusals, mails) has its message in both languages. The crate-wide scan reads only
    /// snake_case codes; ours are hyphenated, as Fluent ids of a context are.
    #[test]
    fn every_groups_code_has_a_message() {
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
        let files = [
            "src/groups.rs",
            "src/pages/groups/mod.rs",
            "src/pages/groups/threads.rs",
            "src/pages/groups/moderation.rs",
            "src/pages/groups/notifications.rs",
            "src/api/groups.rs",
            "../domain/src/groups.rs",
            "../store/src/groups.rs",
        ];
        let i18n = I18n::load();
        let mut seen = 0;
        let mut missing = vec![];
        for file in files {
            let text = std::fs::read_to_string(root.join(file)).unwrap();
            for (at, _) in text.match_indices("\"groups-") {
                let code: String = text[at + 1..]
                    .chars()
                    .take_while(|c| c.is_ascii_lowercase() || *c == '-')
                    .collect();
                if code.ends_with('-') || !text[at + 1 + code.len()..].starts_with('"') {
                    continue;
                }
                seen += 1;
                let ids = if code.starts_with("groups-mail-") {
                    vec![format!("{code}-subject"), format!("{code}-body")]
                } else {
                    vec![code.clone()]
                };
                for id in ids {
                    for locale in [Locale::Fr, Locale::En] {
                        if !i18n.has(locale, &id) {
                            missing.push(format!("{id} ({})", locale.as_str()));
                        }
                    }
                }
            }
        }
        assert!(seen > 15, "the scan found only {seen} codes");
        assert!(missing.is_empty(), "without a message: {missing:?}");
    }

    #[test]
    fn unsubscribe_links_carry_the_token() {
        assert_eq!(
            unsubscribe_link("https://essaim.example", "abc"),
            "https://essaim.example/groupes/desabonnement/abc"
        );
    }
}
