-- Self-assessments (autoévaluations) of an initiative's impact: the answers to the
-- questionnaire of domain::assessment as JSON text, private until published. Same number and
-- purpose as postgres/migrations/0018_assessment.sql. Booleans are 0 or 1.

CREATE TABLE self_assessments (
    id            BLOB PRIMARY KEY NOT NULL,
    initiative_id BLOB NOT NULL REFERENCES initiatives (id) ON DELETE CASCADE,
    author_id     BLOB REFERENCES people (id) ON DELETE SET NULL,
    -- JSON array of {"question", "score", "comment"}.
    answers       TEXT NOT NULL,
    is_published  INTEGER NOT NULL DEFAULT 0 CHECK (is_published IN (0, 1)),
    created_at    TEXT NOT NULL,
    published_at  TEXT
);
CREATE INDEX self_assessments_initiative_id_idx ON self_assessments (initiative_id, created_at);
CREATE INDEX self_assessments_author_id_idx ON self_assessments (author_id);
