//! Curated news (veille): links shared in groups with a comment and tags, searchable, with Atom feeds.
//!
//! The rules shared by pages and API.
