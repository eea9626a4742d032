//! Groups by territory or theme, their threads and replies, follows, mentions, e-mail notifications and moderation.
//!
//! Pure rules, no IO.
