-- Curated news (veille): links shared in a group, or with no group by moderators (platform
-- news). Same number and purpose as postgres/migrations/0014_news.sql.

CREATE TABLE news_items (
    id         BLOB PRIMARY KEY NOT NULL,
    -- NULL: platform news.
    group_id   BLOB REFERENCES discussion_groups (id) ON DELETE CASCADE,
    author_id  BLOB NOT NULL REFERENCES people (id),
    url        TEXT NOT NULL,
    title      TEXT NOT NULL,
    comment    TEXT NOT NULL DEFAULT '',
    -- Normalised tags, each between spaces (" energie velo "), for a LIKE filter.
    tags       TEXT NOT NULL DEFAULT '',
    -- The French stems of title, comment and tags, for the search.
    stems      TEXT NOT NULL DEFAULT '',
    created_at TEXT NOT NULL
);
CREATE INDEX news_items_group_id_idx ON news_items (group_id, created_at);
CREATE INDEX news_items_author_id_idx ON news_items (author_id);
CREATE INDEX news_items_created_at_idx ON news_items (created_at);
