-- Self-assessments (autoévaluations) of an initiative's impact: the answers to the
-- questionnaire of domain::assessment as JSON text, private until published. Same number and
-- purpose as sqlite/migrations/0018_assessment.sql.

CREATE TABLE self_assessments (
    id            UUID PRIMARY KEY,
    initiative_id UUID NOT NULL REFERENCES initiatives (id) ON DELETE CASCADE,
    author_id     UUID REFERENCES people (id) ON DELETE SET NULL,
    -- JSON array of {"question", "score", "comment"}.
    answers       TEXT NOT NULL,
    is_published  BOOLEAN NOT NULL DEFAULT FALSE,
    created_at    TIMESTAMPTZ NOT NULL,
    published_at  TIMESTAMPTZ
);
CREATE INDEX self_assessments_initiative_id_idx ON self_assessments (initiative_id, created_at);
CREATE INDEX self_assessments_author_id_idx ON self_assessments (author_id);
