-- Groups by territory or theme, their threads and posts, follows, mentions, notification
-- settings and moderation. Same number and purpose as sqlite/migrations/0012_groups.sql.

CREATE TABLE discussion_groups (
    id          UUID PRIMARY KEY,
    name        TEXT NOT NULL,
    description TEXT NOT NULL DEFAULT '',
    -- A territory reference ("commune:29019") or empty.
    territory   TEXT NOT NULL DEFAULT '',
    -- A challenge code or empty.
    challenge   TEXT NOT NULL DEFAULT '',
    -- The territory and those containing it, as ",ref,ref," (empty without a territory): a
    -- filter on a département finds the groups of its communes with one LIKE.
    territory_path TEXT NOT NULL DEFAULT '',
    access      TEXT NOT NULL CHECK (access IN ('open', 'closed')),
    created_by  UUID NOT NULL REFERENCES people (id),
    created_at  TIMESTAMPTZ NOT NULL
);
CREATE INDEX discussion_groups_created_by_idx ON discussion_groups (created_by);
CREATE INDEX discussion_groups_created_at_idx ON discussion_groups (created_at);

CREATE TABLE group_members (
    group_id   UUID NOT NULL REFERENCES discussion_groups (id) ON DELETE CASCADE,
    person_id  UUID NOT NULL REFERENCES people (id),
    role       TEXT NOT NULL CHECK (role IN ('admin', 'member', 'pending')),
    created_at TIMESTAMPTZ NOT NULL,
    PRIMARY KEY (group_id, person_id)
);
CREATE INDEX group_members_person_id_idx ON group_members (person_id);

CREATE TABLE group_threads (
    id           UUID PRIMARY KEY,
    group_id     UUID NOT NULL REFERENCES discussion_groups (id) ON DELETE CASCADE,
    author_id    UUID NOT NULL REFERENCES people (id),
    title        TEXT NOT NULL,
    created_at   TIMESTAMPTZ NOT NULL,
    last_post_at TIMESTAMPTZ NOT NULL
);
CREATE INDEX group_threads_group_id_idx ON group_threads (group_id, last_post_at);
CREATE INDEX group_threads_author_id_idx ON group_threads (author_id);

-- The first post of a thread is its opening message; the others are replies.
CREATE TABLE group_posts (
    id         UUID PRIMARY KEY,
    thread_id  UUID NOT NULL REFERENCES group_threads (id) ON DELETE CASCADE,
    -- Denormalised from the thread, for the digest's and the queue's joins.
    group_id   UUID NOT NULL REFERENCES discussion_groups (id) ON DELETE CASCADE,
    author_id  UUID NOT NULL REFERENCES people (id),
    body       TEXT NOT NULL,
    -- '' (shown), 'reports' (hidden by the threshold), 'moderator'.
    hidden     TEXT NOT NULL DEFAULT '' CHECK (hidden IN ('', 'reports', 'moderator')),
    hidden_at  TIMESTAMPTZ,
    created_at TIMESTAMPTZ NOT NULL
);
CREATE INDEX group_posts_thread_id_idx ON group_posts (thread_id, created_at);
CREATE INDEX group_posts_group_id_idx ON group_posts (group_id, created_at);
CREATE INDEX group_posts_author_id_idx ON group_posts (author_id);

CREATE TABLE group_mentions (
    post_id   UUID NOT NULL REFERENCES group_posts (id) ON DELETE CASCADE,
    person_id UUID NOT NULL REFERENCES people (id),
    PRIMARY KEY (post_id, person_id)
);
CREATE INDEX group_mentions_person_id_idx ON group_mentions (person_id);

-- A follow of a group or of a thread: target_id is the one or the other.
CREATE TABLE group_follows (
    person_id  UUID NOT NULL REFERENCES people (id),
    target_id  UUID NOT NULL,
    created_at TIMESTAMPTZ NOT NULL,
    PRIMARY KEY (person_id, target_id)
);
CREATE INDEX group_follows_target_id_idx ON group_follows (target_id);

CREATE TABLE group_settings (
    person_id         UUID PRIMARY KEY REFERENCES people (id),
    mode              TEXT NOT NULL CHECK (mode IN ('immediate', 'digest', 'none')),
    locale            TEXT NOT NULL DEFAULT 'fr',
    -- The secret of the one-click unsubscribe link.
    unsubscribe_token TEXT NOT NULL,
    -- The digest has told of every post up to this time.
    digest_cursor     TIMESTAMPTZ NOT NULL,
    last_digest_at    TIMESTAMPTZ,
    CONSTRAINT group_settings_token_key UNIQUE (unsubscribe_token)
);
CREATE INDEX group_settings_mode_idx ON group_settings (mode, last_digest_at);

-- One report per person and post: a flood from one account counts once.
CREATE TABLE group_reports (
    post_id     UUID NOT NULL REFERENCES group_posts (id) ON DELETE CASCADE,
    reporter_id UUID NOT NULL REFERENCES people (id),
    created_at  TIMESTAMPTZ NOT NULL,
    PRIMARY KEY (post_id, reporter_id)
);
CREATE INDEX group_reports_reporter_id_idx ON group_reports (reporter_id);

-- Accounts blocked in groups by a moderator: they cannot post and their posts are hidden.
CREATE TABLE group_blocks (
    person_id  UUID PRIMARY KEY REFERENCES people (id),
    blocked_by UUID NOT NULL REFERENCES people (id),
    created_at TIMESTAMPTZ NOT NULL
);
CREATE INDEX group_blocks_blocked_by_idx ON group_blocks (blocked_by);
