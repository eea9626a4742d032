-- The network: the banner (charter) signed by structures, labels granted by the labelling
-- committee, accompaniment of initiatives by labelled support structures and its follow-up
-- log. Same number and purpose as sqlite/migrations/0010_network.sql.
-- Portable types only: UUID, TEXT, TIMESTAMPTZ, DATE, BOOLEAN.

-- One signature per structure. A removal by an admin keeps the row (the reason is public).
CREATE TABLE network_banner (
    structure_id     UUID PRIMARY KEY NOT NULL REFERENCES structures (id),
    general_interest TEXT NOT NULL,
    governance       TEXT NOT NULL,
    openness         TEXT NOT NULL,
    signed_by        UUID REFERENCES people (id),
    signed_at        TIMESTAMPTZ NOT NULL,
    updated_at       TIMESTAMPTZ NOT NULL,
    removed_at       TIMESTAMPTZ,
    removed_by       UUID REFERENCES people (id),
    removed_reason   TEXT
);
CREATE INDEX network_banner_signed_by_idx ON network_banner (signed_by);
CREATE INDEX network_banner_removed_by_idx ON network_banner (removed_by);

CREATE TABLE network_labels (
    id          UUID PRIMARY KEY NOT NULL,
    structure_id UUID NOT NULL REFERENCES structures (id),
    kind        TEXT NOT NULL CHECK (kind IN ('support', 'funder', 'evaluator')),
    status      TEXT NOT NULL
                CHECK (status IN ('pending', 'granted', 'refused', 'revoked', 'expired')),
    motivation  TEXT NOT NULL,
    applied_by  UUID REFERENCES people (id),
    applied_at  TIMESTAMPTZ NOT NULL,
    decided_by  UUID REFERENCES people (id),
    decided_at  TIMESTAMPTZ,
    reason      TEXT,
    expires_on  DATE
);
-- One open application (pending or granted) per structure and kind. A granted label past
-- its expiry is closed as 'expired' by the next application, in the same transaction.
CREATE UNIQUE INDEX network_labels_open_key ON network_labels (structure_id, kind)
    WHERE status IN ('pending', 'granted');
CREATE INDEX network_labels_structure_id_idx ON network_labels (structure_id);
CREATE INDEX network_labels_status_idx ON network_labels (status);
CREATE INDEX network_labels_applied_by_idx ON network_labels (applied_by);
CREATE INDEX network_labels_decided_by_idx ON network_labels (decided_by);

CREATE TABLE network_label_comments (
    id         UUID PRIMARY KEY NOT NULL,
    label_id   UUID NOT NULL REFERENCES network_labels (id) ON DELETE CASCADE,
    author_id  UUID REFERENCES people (id),
    body       TEXT NOT NULL,
    created_at TIMESTAMPTZ NOT NULL
);
CREATE INDEX network_label_comments_label_id_idx ON network_label_comments (label_id);
CREATE INDEX network_label_comments_author_id_idx ON network_label_comments (author_id);

CREATE TABLE network_accompaniments (
    id                 UUID PRIMARY KEY NOT NULL,
    structure_id       UUID NOT NULL REFERENCES structures (id),
    initiative_id      UUID NOT NULL REFERENCES initiatives (id),
    status             TEXT NOT NULL CHECK (status IN ('proposed', 'active', 'declined', 'ended')),
    message            TEXT NOT NULL DEFAULT '',
    proposed_by        UUID REFERENCES people (id),
    proposed_at        TIMESTAMPTZ NOT NULL,
    changed_by         UUID REFERENCES people (id),
    changed_at         TIMESTAMPTZ,
    summary            TEXT NOT NULL DEFAULT '',
    publish_structure  BOOLEAN NOT NULL DEFAULT FALSE,
    publish_initiative BOOLEAN NOT NULL DEFAULT FALSE
);
-- One open accompaniment (proposed or active) per structure and initiative.
CREATE UNIQUE INDEX network_accompaniments_open_key
    ON network_accompaniments (structure_id, initiative_id) WHERE status IN ('proposed', 'active');
CREATE INDEX network_accompaniments_structure_id_idx ON network_accompaniments (structure_id);
CREATE INDEX network_accompaniments_initiative_id_idx ON network_accompaniments (initiative_id);
CREATE INDEX network_accompaniments_proposed_by_idx ON network_accompaniments (proposed_by);
CREATE INDEX network_accompaniments_changed_by_idx ON network_accompaniments (changed_by);

CREATE TABLE network_follow_ups (
    id               UUID PRIMARY KEY NOT NULL,
    accompaniment_id UUID NOT NULL REFERENCES network_accompaniments (id) ON DELETE CASCADE,
    author_id        UUID REFERENCES people (id),
    kind             TEXT NOT NULL CHECK (kind IN ('meeting', 'advice', 'milestone', 'next_step')),
    happened_on      DATE NOT NULL,
    body             TEXT NOT NULL,
    created_at       TIMESTAMPTZ NOT NULL
);
CREATE INDEX network_follow_ups_accompaniment_id_idx ON network_follow_ups (accompaniment_id);
CREATE INDEX network_follow_ups_author_id_idx ON network_follow_ups (author_id);
