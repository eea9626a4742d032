//! Offers and needs (*entraide*): the rules shared by pages and API. Who edits a post (its
//! author, a manager of its structure, an admin), who answers for it in a conversation (its
//! author and its structure's managers, not admins: messages are private), validation against
//! the territories and the challenges, matching, and contacting through the platform.
//!
//! Contacting never reveals an address: the message is stored, shown to both sides on the
//! conversation page, and each new message mails the other side with a link back; replies are
//! written on the platform. Names and titles go into subjects without CR/LF.

use crate::error::AppError;
use crate::i18n::Locale;
use crate::state::AppState;
use essaim_domain::exchange::{
    matches_for, subject_safe, Candidate, Direction, Kind, Match, Place, PostInput, Status,
};
use essaim_domain::invalid::FieldErrors;
use essaim_domain::structure::MemberRole;
use essaim_domain::territory::TerritoryRef;
use essaim_store::exchange::{Message, Post, PostFields, PostFilter};
use essaim_store::{utc_now, Page, Person};
use uuid::Uuid;

/// Messages a person may send per hour, across every post.
pub const CONTACT_PER_PERSON: crate::throttle::Limit = crate::throttle::Limit {
    name: "exchange:contact",
    max: 20,
    window: chrono::Duration::hours(1),
};

/// How many open offers matching reads at most (newest first).
const MATCH_POOL: i64 = 1000;

pub async fn find(state: &AppState, id: Uuid) -> Result<Post, AppError> {
    state
        .store
        .exchange_post(id)
        .await?
        .ok_or(AppError::NotFound)
}

/// The author, a manager of the post's structure, or an admin.
pub async fn can_edit(state: &AppState, post: &Post, person: &Person) -> Result<bool, AppError> {
    if person.is_admin() {
        return Ok(true);
    }
    answers_for(state, post, person).await
}

/// Whether the person speaks for the post in its conversations: its author or a manager of
/// its structure.
pub async fn answers_for(state: &AppState, post: &Post, person: &Person) -> Result<bool, AppError> {
    if post.author_id == person.id {
        return Ok(true);
    }
    match post.structure_id {
        Some(s) => Ok(state.store.membership(s, person.id).await? == Some(MemberRole::Manager)),
        None => Ok(false),
    }
}

/// Checks the input and, when a structure is named, that the person manages it (or is an
/// admin). Errors are per field.
pub async fn validate(
    state: &AppState,
    person: &Person,
    input: &PostInput,
    structure: &str,
) -> Result<Result<PostFields, FieldErrors>, AppError> {
    let themes = crate::pages::names::challenge_codes(state).await?;
    let checked = input.validate(state.territories, &themes);
    let mut errors = match &checked {
        Ok(_) => FieldErrors::new(),
        Err(e) => e.clone(),
    };
    let structure_id = match structure.trim() {
        "" => None,
        s => match Uuid::parse_str(s) {
            Ok(id)
                if state.store.structure(id).await?.is_some()
                    && crate::pages::structures::can_manage(state, id, person).await? =>
            {
                Some(id)
            }
            _ => {
                errors.add(
                    "structure",
                    essaim_domain::Invalid::new("exchange_structure_not_managed"),
                );
                None
            }
        },
    };
    match checked {
        Ok(f) if errors.is_empty() => Ok(Ok(PostFields {
            direction: f.direction.as_str().to_owned(),
            kind: f.kind.as_str().to_owned(),
            title: f.title,
            body: f.body,
            territory: f.territory.to_string(),
            themes: f.themes,
            starts_on: f.starts_on,
            ends_on: f.ends_on,
            structure_id,
        })),
        _ => Ok(Err(errors)),
    }
}

/// Checks an edit of `post`, the same for the page and the API. A non-author editor (a
/// manager of its structure, an admin) who leaves the structure empty keeps the post's
/// structure: only its author takes the post back to their own name. A post that has
/// conversations does not move to another structure: its new managers would read private
/// exchanges begun with someone else (422 on `structure`).
pub async fn validate_update(
    state: &AppState,
    person: &Person,
    post: &Post,
    input: &PostInput,
    structure: &str,
) -> Result<Result<PostFields, FieldErrors>, AppError> {
    let structure = if structure.trim().is_empty() && post.author_id != person.id {
        post.structure_id.map(|s| s.to_string()).unwrap_or_default()
    } else {
        structure.to_owned()
    };
    let fields = match validate(state, person, input, &structure).await? {
        Ok(f) => f,
        Err(e) => return Ok(Err(e)),
    };
    if let Some(to) = fields.structure_id {
        if Some(to) != post.structure_id
            && !state
                .store
                .exchange_conversations_of_post(post.id)
                .await?
                .is_empty()
        {
            let mut errors = FieldErrors::new();
            errors.add(
                "structure",
                essaim_domain::Invalid::new("exchange_structure_has_conversations"),
            );
            return Ok(Err(errors));
        }
    }
    Ok(Ok(fields))
}

/// What matching knows of a stored post.
pub fn candidate(state: &AppState, p: &Post) -> Candidate<Uuid> {
    let place = TerritoryRef::parse(&p.territory)
        .map(|r| Place::resolve(state.territories, &r))
        .unwrap_or_default();
    Candidate {
        id: p.id,
        author: p.author_id,
        structure: p.structure_id,
        direction: Direction::parse(&p.direction).unwrap_or(Direction::Offer),
        kind: Kind::parse(&p.kind).unwrap_or(Kind::Skills),
        place,
        themes: p.themes.clone(),
        starts_on: p.starts_on,
        ends_on: p.ends_on,
        status: Status::parse(&p.status).unwrap_or(Status::Closed),
    }
}

/// Today in France (posts' dates are French calendar days).
pub fn today() -> chrono::NaiveDate {
    essaim_domain::deliberation::conversation::to_paris(utc_now()).date()
}

/// The open offers that fit a need, best first, with their posts.
pub async fn matches(state: &AppState, need: &Post) -> Result<Vec<(Post, Match<Uuid>)>, AppError> {
    if need.direction != "need" {
        return Ok(vec![]);
    }
    let offers = state
        .store
        .list_exchange_posts(
            &PostFilter {
                direction: Some("offer".into()),
                kind: Some(need.kind.clone()),
                status: Some("open".into()),
                author_id: None,
            },
            Page::first(MATCH_POOL),
        )
        .await?;
    let candidates: Vec<Candidate<Uuid>> = offers.iter().map(|o| candidate(state, o)).collect();
    let found = matches_for(&candidate(state, need), &candidates, today());
    Ok(found
        .into_iter()
        .filter_map(|m| {
            let post = offers.iter().find(|o| o.id == m.offer)?.clone();
            Some((post, m))
        })
        .collect())
}

/// The open needs an offer could answer, best first, with their posts: the same rules seen
/// from the offer's side.
pub async fn needs_for(
    state: &AppState,
    offer: &Post,
) -> Result<Vec<(Post, Match<Uuid>)>, AppError> {
    if offer.direction != "offer" {
        return Ok(vec![]);
    }
    let needs = state
        .store
        .list_exchange_posts(
            &PostFilter {
                direction: Some("need".into()),
                kind: Some(offer.kind.clone()),
                status: Some("open".into()),
                author_id: None,
            },
            Page::first(MATCH_POOL),
        )
        .await?;
    let offer_candidate = candidate(state, offer);
    let today = today();
    let mut found: Vec<(Post, Match<Uuid>)> = needs
        .into_iter()
        .filter_map(|need| {
            let m =
                essaim_domain::exchange::score(&candidate(state, &need), &offer_candidate, today)?;
            Some((need, m))
        })
        .collect();
    found.sort_by_key(|(_, m)| std::cmp::Reverse(m.score));
    Ok(found)
}

/// Stores a message of `sender` in the conversation of `post` with `counterpart`, and mails
/// the other side (never the sender; never showing anyone's address to anyone). The caller
/// has checked that the sender is the counterpart or answers for the post.
pub async fn send_message(
    state: &AppState,
    post: &Post,
    counterpart: Uuid,
    sender: &Person,
    body: String,
) -> Result<Message, AppError> {
    crate::throttle::check(state, CONTACT_PER_PERSON, &sender.id.to_string()).await?;
    let message = Message {
        id: Uuid::now_v7(),
        post_id: post.id,
        counterpart_id: counterpart,
        sender_id: sender.id,
        body,
        created_at: utc_now(),
    };
    state.store.add_exchange_message(&message).await?;
    let mut recipients: Vec<Uuid> = Vec::new();
    if sender.id == counterpart {
        recipients.push(post.author_id);
        if let Some(s) = post.structure_id {
            for m in state.store.members(s).await? {
                if m.role == MemberRole::Manager {
                    recipients.push(m.person_id);
                }
            }
        }
    } else {
        recipients.push(counterpart);
    }
    recipients.sort_unstable();
    recipients.dedup();
    let link = format!(
        "{}/entraide/{}/echanges/{}",
        state.config.base_url, post.id, counterpart
    );
    for id in recipients.into_iter().filter(|id| *id != sender.id) {
        let Some(person) = state.store.person(id).await? else {
            continue;
        };
        if !crate::mail::mailable(&person.email) {
            continue;
        }
        // The recipient's language is not stored: French, the product's first language.
        let args = [
            ("sender", subject_safe(&sender.display_name)),
            ("title", subject_safe(&post.title)),
            ("name", subject_safe(&person.display_name)),
            ("message", message.body.clone()),
            ("link", link.clone()),
        ];
        crate::mail::send(
            state,
            Locale::Fr,
            &person.email,
            "exchange-mail-message",
            &args,
        )
        .await?;
    }
    Ok(message)
}
