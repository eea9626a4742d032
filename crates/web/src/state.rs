use crate::config::WebConfig;
use crate::i18n::I18n;
use crate::templates::Templates;
use essaim_catalogue::Catalogue;
use essaim_domain::territory::Territories;
use essaim_store::Store;
use std::sync::Arc;

/// What every handler can reach. Cheap to clone. The only per-process state is the catalogue
/// index, a cache that catches up with the database before each answer, so any number of
/// processes can serve the same database.
#[derive(Clone)]
pub struct AppState {
    pub store: Arc<dyn Store>,
    pub config: Arc<WebConfig>,
    pub i18n: Arc<I18n>,
    pub templates: Arc<Templates>,
    pub territories: &'static Territories,
    pub catalogue: Arc<Catalogue>,
    /// The background analysis of opinion maps (`deliberation.rs`).
    pub analyses: Arc<crate::deliberation::AnalysisWorker>,
}

impl AppState {
    pub fn new(store: Arc<dyn Store>, config: WebConfig) -> AppState {
        let i18n = Arc::new(I18n::load());
        AppState {
            store,
            config: Arc::new(config),
            templates: Arc::new(Templates::load(i18n.clone())),
            i18n,
            territories: Territories::bundled(),
            catalogue: Catalogue::new().expect("an empty in-memory index"),
            analyses: Arc::default(),
        }
    }
}
