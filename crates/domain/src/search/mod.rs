//! French full-text search, done once in Rust so that both databases index and query the same
//! terms: the analyser turns text into stems; the query parser turns what a person types into
//! a `SearchQuery` that each backend writes in its own syntax (FTS5 MATCH, PostgreSQL tsquery).

pub mod analyser;
pub mod highlight;
pub mod query;
mod stopwords;

pub use analyser::{analyse, fold, index_text};
pub use query::{Clause, SearchQuery};
