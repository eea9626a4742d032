//! The names people read for the codes that pages store: a territory reference
//! (`commune:29019`) and the societal challenges used as themes. Shared by the network's pages
//! (offers and needs, groups, blockers).

use crate::error::AppError;
use crate::i18n::Locale;
use crate::state::AppState;
use essaim_domain::territory::TerritoryRef;

/// The territory's name ("Brest"); the reference itself when it names nothing (an old code),
/// and nothing for nothing.
pub fn territory_name(state: &AppState, reference: &str) -> String {
    if reference.is_empty() {
        return String::new();
    }
    TerritoryRef::parse(reference)
        .ok()
        .and_then(|r| state.territories.get(&r))
        .map(|t| t.name.clone())
        .unwrap_or_else(|| reference.to_owned())
}

/// Every challenge as (code, name in the page's language), in the store's order.
pub async fn challenges(
    state: &AppState,
    locale: Locale,
) -> Result<Vec<(String, String)>, AppError> {
    Ok(state
        .store
        .challenges()
        .await?
        .into_iter()
        .map(|c| {
            let name = crate::pages::initiatives::challenge_name(&c, locale).to_owned();
            (c.code, name)
        })
        .collect())
}

/// The codes of every challenge: the themes a post, a group or a blocker may name.
pub async fn challenge_codes(state: &AppState) -> Result<Vec<String>, AppError> {
    Ok(state
        .store
        .challenges()
        .await?
        .into_iter()
        .map(|c| c.code)
        .collect())
}

/// The name of one challenge among `all`; the code itself when it is unknown.
pub fn challenge_name(all: &[(String, String)], code: &str) -> String {
    all.iter()
        .find(|(c, _)| c == code)
        .map(|(_, name)| name.clone())
        .unwrap_or_else(|| code.to_owned())
}
