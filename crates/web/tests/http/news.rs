//! Curated news (veille): links shared in groups with a comment and tags, searchable, with Atom feeds.: pages and API through HTTP, on both backends.
