-- Opinion mapping (débats): conversations, the initiatives they are about, participants,
-- statements, votes and the last analysis of each conversation.
-- Same number and purpose as sqlite/migrations/0008_deliberation.sql.

CREATE TABLE conversations (
    id                  UUID PRIMARY KEY,
    question            TEXT NOT NULL,
    description         TEXT NOT NULL DEFAULT '',
    created_by          UUID NOT NULL REFERENCES people (id),
    structure_id        UUID REFERENCES structures (id) ON DELETE SET NULL,
    open_for_statements BOOLEAN NOT NULL,
    moderation          TEXT NOT NULL CHECK (moderation IN ('pre', 'post')),
    anonymous_allowed   BOOLEAN NOT NULL,
    opens_at            TIMESTAMPTZ,
    closes_at           TIMESTAMPTZ,
    challenge           TEXT NOT NULL DEFAULT '',
    territories         TEXT NOT NULL DEFAULT '',
    attribution         TEXT NOT NULL DEFAULT '',
    -- Increases with every vote, statement and moderation decision (see conversation_analyses).
    generation          BIGINT NOT NULL DEFAULT 0,
    created_at          TIMESTAMPTZ NOT NULL,
    updated_at          TIMESTAMPTZ NOT NULL
);
CREATE INDEX conversations_created_at_idx ON conversations (created_at);
CREATE INDEX conversations_created_by_idx ON conversations (created_by);
CREATE INDEX conversations_structure_id_idx ON conversations (structure_id);

CREATE TABLE conversation_initiatives (
    conversation_id UUID NOT NULL REFERENCES conversations (id) ON DELETE CASCADE,
    initiative_id   UUID NOT NULL REFERENCES initiatives (id) ON DELETE CASCADE,
    PRIMARY KEY (conversation_id, initiative_id)
);
CREATE INDEX conversation_initiatives_initiative_id_idx ON conversation_initiatives (initiative_id);

-- A participant is a signed-in person, an anonymous visitor known by the hash of their
-- cookie's key, or someone from an imported conversation known by their id there. Erasing a
-- person sets person_id to NULL: their statements and votes stay, unlinked.
CREATE TABLE conversation_participants (
    id              BIGSERIAL PRIMARY KEY,
    conversation_id UUID NOT NULL REFERENCES conversations (id) ON DELETE CASCADE,
    person_id       UUID REFERENCES people (id),
    key_hash        TEXT,
    external_id     BIGINT,
    created_at      TIMESTAMPTZ NOT NULL,
    CONSTRAINT conversation_participants_person_key UNIQUE (conversation_id, person_id),
    CONSTRAINT conversation_participants_key_hash_key UNIQUE (conversation_id, key_hash),
    CONSTRAINT conversation_participants_external_key UNIQUE (conversation_id, external_id)
);
CREATE INDEX conversation_participants_person_id_idx ON conversation_participants (person_id);

CREATE TABLE conversation_statements (
    id                 BIGSERIAL PRIMARY KEY,
    conversation_id    UUID NOT NULL REFERENCES conversations (id) ON DELETE CASCADE,
    -- The statement's id within the conversation, 0, 1, 2… as Pol.is numbers comments.
    number             INTEGER NOT NULL,
    author_participant BIGINT REFERENCES conversation_participants (id) ON DELETE SET NULL,
    text               TEXT NOT NULL,
    -- domain::deliberation::fold_statement: two statements are duplicates when it is equal.
    folded             TEXT NOT NULL,
    status             TEXT NOT NULL CHECK (status IN ('pending', 'accepted', 'rejected')),
    featured           BOOLEAN NOT NULL DEFAULT false,
    seed               BOOLEAN NOT NULL DEFAULT false,
    created_at         TIMESTAMPTZ NOT NULL,
    CONSTRAINT conversation_statements_number_key UNIQUE (conversation_id, number),
    CONSTRAINT conversation_statements_folded_key UNIQUE (conversation_id, folded)
);
CREATE INDEX conversation_statements_author_idx ON conversation_statements (author_participant);

-- One vote per participant and statement: voting again replaces the value. Only the statement
-- is a foreign key (votes go with their statements, and so with their conversation): a check
-- per row on the participant and the conversation too would make importing a conversation of
-- millions of votes several times slower. Votes are written by `cast_vote`, which takes the
-- participant and the statement of the same conversation in one INSERT … SELECT, and by the
-- import, from the ids it has just created.
CREATE TABLE conversation_votes (
    conversation_id UUID NOT NULL,
    participant_id  BIGINT NOT NULL,
    statement_id    BIGINT NOT NULL REFERENCES conversation_statements (id) ON DELETE CASCADE,
    value           SMALLINT NOT NULL CHECK (value IN (-1, 0, 1)),
    voted_at        TIMESTAMPTZ NOT NULL,
    PRIMARY KEY (participant_id, statement_id)
);
-- Covers the reading of a whole conversation's votes (the analysis reads millions) and its
-- counts.
CREATE INDEX conversation_votes_conversation_idx
    ON conversation_votes (conversation_id, participant_id, statement_id, value);
CREATE INDEX conversation_votes_statement_id_idx ON conversation_votes (statement_id);

-- The last analysis of each conversation, and the generation it was computed from.
CREATE TABLE conversation_analyses (
    conversation_id UUID PRIMARY KEY REFERENCES conversations (id) ON DELETE CASCADE,
    generation      BIGINT NOT NULL,
    computed_at     TIMESTAMPTZ NOT NULL,
    body            TEXT NOT NULL
);
