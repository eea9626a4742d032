//! Curated news (*veille*): the rules shared by pages and API.
//!
//! Who may do what: members of a group (who may post there, `groups::can_post_in_group`)
//! share links in it; its readers (`groups::can_read_group`) read its news. Platform news is
//! the items of open groups plus items with no group, which moderators and admins share. An
//! item is deleted by its author, the group's admins and moderators (audited when it is not
//! the author). Search: `domain::search::SearchQuery` over the stored stems, in Rust, over the
//! newest `store::news::MAX_SCAN` items of the list.

use crate::error::AppError;
use crate::groups::{can_manage_group, can_post_in_group, can_read_group, is_moderator};
use crate::state::AppState;
use chrono::{DateTime, Utc};
use essaim_domain::invalid::FieldErrors;
use essaim_domain::news::{self, NewsInput};
use essaim_domain::search::SearchQuery;
use essaim_store::groups::Group;
use essaim_store::news::{NewNewsItem, NewsRow, NewsScope};
use essaim_store::{utc_now, Person};
use uuid::Uuid;

/// May this person share in this group (or, with no group, on the platform)? Never when
/// blocked in groups: their items are also left out of every list and feed.
pub async fn can_share(
    state: &AppState,
    group: Option<&Group>,
    person: &Person,
) -> Result<bool, AppError> {
    if state.store.is_blocked_in_groups(person.id).await? {
        return Ok(false);
    }
    match group {
        Some(g) => can_post_in_group(state, g, person).await,
        None => Ok(is_moderator(person)),
    }
}

/// The group of an item, if it has one.
async fn group_of(state: &AppState, item: &NewsRow) -> Result<Option<Group>, AppError> {
    match item.group_id {
        Some(g) => Ok(state.store.find_group(g).await?),
        None => Ok(None),
    }
}

/// The item, if this visitor may read it (404 otherwise: an item of a closed group is not
/// announced to outsiders).
pub async fn readable(
    state: &AppState,
    id: Uuid,
    person: Option<&Person>,
) -> Result<NewsRow, AppError> {
    let item = state.store.get_news(id).await?.ok_or(AppError::NotFound)?;
    if let Some(g) = group_of(state, &item).await? {
        if !can_read_group(state, &g, person).await? {
            return Err(AppError::NotFound);
        }
    }
    Ok(item)
}

pub async fn can_delete(
    state: &AppState,
    item: &NewsRow,
    person: &Person,
) -> Result<bool, AppError> {
    if item.author_id == person.id || is_moderator(person) {
        return Ok(true);
    }
    match group_of(state, item).await? {
        Some(g) => can_manage_group(state, &g, person).await,
        None => Ok(false),
    }
}

pub enum ShareFailure {
    Invalid(FieldErrors),
    App(AppError),
}

impl<E: Into<AppError>> From<E> for ShareFailure {
    fn from(e: E) -> Self {
        ShareFailure::App(e.into())
    }
}

/// Shares a link (403 for someone who may not share there).
pub async fn share(
    state: &AppState,
    person: &Person,
    group: Option<&Group>,
    input: &NewsInput,
) -> Result<NewsRow, ShareFailure> {
    if !can_share(state, group, person).await? {
        return Err(ShareFailure::App(AppError::Forbidden));
    }
    let v = news::validate(input).map_err(ShareFailure::Invalid)?;
    Ok(state
        .store
        .add_news(&NewNewsItem {
            id: Uuid::now_v7(),
            group_id: group.map(|g| g.id),
            author_id: person.id,
            url: v.url,
            title: v.title,
            comment: v.comment,
            tags: v.tags,
            stems: v.stems,
            created_at: utc_now(),
        })
        .await?)
}

/// Deletes an item (403 unless `can_delete`); audited when someone else's is deleted.
pub async fn delete(
    state: &AppState,
    item: &NewsRow,
    person: &Person,
    ip: Option<&str>,
) -> Result<(), AppError> {
    if !can_delete(state, item, person).await? {
        return Err(AppError::Forbidden);
    }
    state.store.delete_news(item.id).await?;
    if item.author_id != person.id {
        crate::audit::record(
            state,
            Some(person.id),
            "news_deleted",
            format!("news:{}", item.id),
            ip,
            item.url.clone(),
        )
        .await?;
    }
    Ok(())
}

/// The items of a list that answer the query and carry the tag, newest first.
pub async fn search(
    state: &AppState,
    scope: &NewsScope,
    q: &str,
    tag: &str,
) -> Result<Vec<NewsRow>, AppError> {
    let tag = news::normalise_tag(tag);
    let query = SearchQuery::parse(q);
    let items = state
        .store
        .list_news(scope, (!tag.is_empty()).then_some(tag.as_str()))
        .await?;
    Ok(items
        .into_iter()
        .filter(|i| news::matches(&query, &i.stems))
        .collect())
}

/// Text for XML: escaped, and without the control characters XML 1.0 forbids.
pub fn xml_text(s: &str) -> String {
    s.chars()
        .filter(|c| !c.is_control() || matches!(c, '\n' | '\t'))
        .collect::<String>()
        .replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
        .replace('\'', "&apos;")
}

/// An Atom feed of these items: each entry links to the shared page, its summary is the
/// comment as text (escaped, never HTML).
pub fn atom(
    base: &str,
    title: &str,
    self_path: &str,
    html_path: &str,
    items: &[NewsRow],
) -> String {
    let updated: DateTime<Utc> = items
        .first()
        .map(|i| i.created_at)
        .unwrap_or_else(|| DateTime::<Utc>::from_timestamp(0, 0).unwrap_or_default());
    let mut xml = String::from("<?xml version=\"1.0\" encoding=\"utf-8\"?>\n");
    xml.push_str("<feed xmlns=\"http://www.w3.org/2005/Atom\">\n");
    xml.push_str(&format!("<title>{}</title>\n", xml_text(title)));
    xml.push_str(&format!(
        "<id>{0}{1}</id>\n<link rel=\"self\" href=\"{0}{1}\"/>\n<link rel=\"alternate\" type=\"text/html\" href=\"{0}{2}\"/>\n",
        xml_text(base),
        xml_text(self_path),
        xml_text(html_path)
    ));
    xml.push_str(&format!("<updated>{}</updated>\n", updated.to_rfc3339()));
    for i in items {
        xml.push_str("<entry>\n");
        xml.push_str(&format!(
            "<title>{}</title>\n<id>urn:uuid:{}</id>\n<link href=\"{}\"/>\n",
            xml_text(&i.title),
            i.id,
            xml_text(&i.url)
        ));
        xml.push_str(&format!(
            "<updated>{0}</updated>\n<published>{0}</published>\n",
            i.created_at.to_rfc3339()
        ));
        xml.push_str(&format!(
            "<author><name>{}</name></author>\n",
            xml_text(&i.author_name)
        ));
        for t in i.tag_list() {
            xml.push_str(&format!("<category term=\"{}\"/>\n", xml_text(&t)));
        }
        if !i.comment.is_empty() {
            xml.push_str(&format!(
                "<summary type=\"text\">{}</summary>\n",
                xml_text(&i.comment)
            ));
        }
        xml.push_str("</entry>\n");
    }
    xml.push_str("</feed>\n");
    xml
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn xml_text_escapes_and_drops_forbidden_characters() {
        assert_eq!(
            xml_text("<a href=\"x\">&'\u{1}"),
            "&lt;a href=&quot;x&quot;&gt;&amp;&apos;"
        );
    }
}
