-- Edits proposed by people who may not edit an initiative; a member accepts or rejects them.
-- Same number and purpose as postgres/migrations/0004_initiative_proposals.sql.
CREATE TABLE initiative_proposals (
    id            BLOB PRIMARY KEY NOT NULL,
    initiative_id BLOB NOT NULL REFERENCES initiatives (id) ON DELETE CASCADE,
    author_id     BLOB REFERENCES people (id) ON DELETE SET NULL,
    created_at    TEXT NOT NULL,
    message       TEXT NOT NULL,
    content       TEXT NOT NULL,
    based_on      INTEGER NOT NULL,
    status        TEXT NOT NULL CHECK (status IN ('pending', 'accepted', 'rejected')),
    decided_by    BLOB REFERENCES people (id) ON DELETE SET NULL,
    decided_at    TEXT,
    decision_note TEXT NOT NULL DEFAULT ''
);
CREATE INDEX initiative_proposals_initiative_idx ON initiative_proposals (initiative_id, status);
CREATE INDEX initiative_proposals_author_idx ON initiative_proposals (author_id);
CREATE INDEX initiative_proposals_decided_by_idx ON initiative_proposals (decided_by);
