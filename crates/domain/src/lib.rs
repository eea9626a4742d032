//! Essaim's domain: validated values and the rules of each context.
//!
//! Nothing here does IO. Values are built with `parse`, so a value that exists is valid; the
//! web forms, the JSON API and the CLI all go through the same constructors.

pub mod assessment;
pub mod barometer;
pub mod blockers;
pub mod cafe;
pub mod collecte;
pub mod common_passwords;
pub mod defis;
pub mod deliberation;
pub mod email;
pub mod events;
pub mod exchange;
pub mod funding;
pub mod groups;
pub mod hackathons;
pub mod impact;
pub mod incubation;
pub mod initiative;
pub mod invalid;
pub mod jury;
pub mod markdown;
pub mod network;
pub mod news;
pub mod opendata;
pub mod outcomes;
pub mod password;
pub mod person;
pub mod planner;
pub mod review;
pub mod search;
pub mod siret;
#[cfg(feature = "sortition")]
pub mod sortition;
pub mod structure;
pub mod territory;
pub mod territory_pick;
pub mod text;

pub use email::Email;
pub use invalid::Invalid;
pub use password::Password;
