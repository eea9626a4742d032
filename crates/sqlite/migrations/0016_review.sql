-- Review of funding applications: the reviewers a funder names for a call, the conflicts of
-- interest reviewers declare, the assignment of applications to reviewers, and the reviews
-- (comments and one score per criterion). Decisions are written in the decision columns of
-- funding_applications (0015). Same number and purpose as postgres/migrations/0016_review.sql.
-- Booleans are 0 or 1.

CREATE TABLE review_reviewers (
    call_id    BLOB NOT NULL REFERENCES funding_calls (id) ON DELETE CASCADE,
    person_id  BLOB NOT NULL REFERENCES people (id) ON DELETE CASCADE,
    invited_by BLOB REFERENCES people (id) ON DELETE SET NULL,
    created_at TEXT NOT NULL,
    PRIMARY KEY (call_id, person_id)
);
CREATE INDEX review_reviewers_person_id_idx ON review_reviewers (person_id);
CREATE INDEX review_reviewers_invited_by_idx ON review_reviewers (invited_by);

-- A conflict of interest a reviewer declared on one application (the automatic exclusions
-- are computed from memberships, never stored, so they follow the memberships).
CREATE TABLE review_conflicts (
    application_id BLOB NOT NULL REFERENCES funding_applications (id) ON DELETE CASCADE,
    person_id      BLOB NOT NULL REFERENCES people (id) ON DELETE CASCADE,
    reason         TEXT NOT NULL,
    created_at     TEXT NOT NULL,
    PRIMARY KEY (application_id, person_id)
);
CREATE INDEX review_conflicts_person_id_idx ON review_conflicts (person_id);

CREATE TABLE review_assignments (
    application_id BLOB NOT NULL REFERENCES funding_applications (id) ON DELETE CASCADE,
    person_id      BLOB NOT NULL REFERENCES people (id) ON DELETE CASCADE,
    call_id        BLOB NOT NULL REFERENCES funding_calls (id) ON DELETE CASCADE,
    created_at     TEXT NOT NULL,
    PRIMARY KEY (application_id, person_id)
);
CREATE INDEX review_assignments_person_id_idx ON review_assignments (person_id);
CREATE INDEX review_assignments_call_id_idx ON review_assignments (call_id);

CREATE TABLE reviews (
    id              BLOB PRIMARY KEY NOT NULL,
    application_id  BLOB NOT NULL REFERENCES funding_applications (id) ON DELETE CASCADE,
    reviewer_id     BLOB NOT NULL REFERENCES people (id) ON DELETE CASCADE,
    -- For the funder only.
    private_comment TEXT NOT NULL DEFAULT '',
    -- The funder may share it with the applicant (share_comment), shown once the decision is sent.
    shared_comment  TEXT NOT NULL DEFAULT '',
    share_comment   INTEGER NOT NULL DEFAULT 0 CHECK (share_comment IN (0, 1)),
    status          TEXT NOT NULL DEFAULT 'draft' CHECK (status IN ('draft', 'submitted')),
    updated_at      TEXT NOT NULL,
    submitted_at    TEXT,
    UNIQUE (application_id, reviewer_id)
);
CREATE INDEX reviews_reviewer_id_idx ON reviews (reviewer_id);

CREATE TABLE review_scores (
    review_id    BLOB NOT NULL REFERENCES reviews (id) ON DELETE CASCADE,
    criterion_id BLOB NOT NULL REFERENCES funding_criteria (id) ON DELETE CASCADE,
    score        INTEGER NOT NULL CHECK (score >= 0),
    PRIMARY KEY (review_id, criterion_id)
);
CREATE INDEX review_scores_criterion_id_idx ON review_scores (criterion_id);
