-- Edits proposed by people who may not edit an initiative; a member accepts or rejects them.
-- Same number and purpose as sqlite/migrations/0004_initiative_proposals.sql.
CREATE TABLE initiative_proposals (
    id            UUID PRIMARY KEY,
    initiative_id UUID NOT NULL REFERENCES initiatives (id) ON DELETE CASCADE,
    author_id     UUID REFERENCES people (id) ON DELETE SET NULL,
    created_at    TIMESTAMPTZ NOT NULL,
    message       TEXT NOT NULL,
    content       TEXT NOT NULL,
    based_on      INTEGER NOT NULL,
    status        TEXT NOT NULL CHECK (status IN ('pending', 'accepted', 'rejected')),
    decided_by    UUID REFERENCES people (id) ON DELETE SET NULL,
    decided_at    TIMESTAMPTZ,
    decision_note TEXT NOT NULL DEFAULT ''
);
CREATE INDEX initiative_proposals_initiative_idx ON initiative_proposals (initiative_id, status);
CREATE INDEX initiative_proposals_author_idx ON initiative_proposals (author_id);
CREATE INDEX initiative_proposals_decided_by_idx ON initiative_proposals (decided_by);
