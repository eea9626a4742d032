//! Groups by territory or theme, their threads and replies, follows, mentions, e-mail notifications and moderation.: pages and API through HTTP, on both backends.
