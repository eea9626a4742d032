-- Offers and needs (entraide): posts and the messages exchanged about them through the
-- platform. Same number and purpose as sqlite/migrations/0011_exchange.sql.
-- Themes are a JSON array of challenge codes, as text.

CREATE TABLE exchange_posts (
    id           UUID PRIMARY KEY,
    direction    TEXT NOT NULL CHECK (direction IN ('offer', 'need')),
    kind         TEXT NOT NULL
                 CHECK (kind IN ('skills', 'premises', 'equipment', 'volunteering', 'funding')),
    status       TEXT NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'closed')),
    title        TEXT NOT NULL,
    body         TEXT NOT NULL DEFAULT '',
    -- A territory reference, "commune:29019".
    territory    TEXT NOT NULL,
    themes       TEXT NOT NULL DEFAULT '[]',
    starts_on    DATE,
    ends_on      DATE,
    author_id    UUID NOT NULL REFERENCES people (id),
    structure_id UUID REFERENCES structures (id),
    created_at   TIMESTAMPTZ NOT NULL,
    updated_at   TIMESTAMPTZ NOT NULL
);
CREATE INDEX exchange_posts_author_id_idx ON exchange_posts (author_id);
CREATE INDEX exchange_posts_structure_id_idx ON exchange_posts (structure_id);
CREATE INDEX exchange_posts_list_idx ON exchange_posts (status, direction, created_at);

-- A conversation is the messages of one post with one counterpart (who wrote first).
CREATE TABLE exchange_messages (
    id             UUID PRIMARY KEY,
    post_id        UUID NOT NULL REFERENCES exchange_posts (id) ON DELETE CASCADE,
    counterpart_id UUID NOT NULL REFERENCES people (id),
    sender_id      UUID NOT NULL REFERENCES people (id),
    body           TEXT NOT NULL,
    created_at     TIMESTAMPTZ NOT NULL
);
CREATE INDEX exchange_messages_conversation_idx
    ON exchange_messages (post_id, counterpart_id, created_at);
CREATE INDEX exchange_messages_counterpart_id_idx ON exchange_messages (counterpart_id);
CREATE INDEX exchange_messages_sender_id_idx ON exchange_messages (sender_id);
