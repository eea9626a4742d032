-- Funding: calls for projects, funds and prizes (eligibility, questions, criteria) and the
-- applications to them (frozen initiative, answers, PDF documents, the decision columns the
-- review context writes). Same number and purpose as sqlite/migrations/0015_funding.sql.
-- Amounts are integer cents.

CREATE TABLE funding_calls (
    id                        UUID PRIMARY KEY,
    -- The funder: a structure holding the funder label when the call was opened.
    structure_id              UUID NOT NULL REFERENCES structures (id),
    kind                      TEXT NOT NULL CHECK (kind IN ('call', 'fund', 'prize')),
    title                     TEXT NOT NULL,
    -- Markdown.
    description               TEXT NOT NULL DEFAULT '',
    -- ISO 4217.
    currency                  TEXT NOT NULL DEFAULT 'EUR',
    budget_cents              BIGINT NOT NULL CHECK (budget_cents >= 0),
    min_award_cents           BIGINT NOT NULL DEFAULT 0 CHECK (min_award_cents >= 0),
    max_award_cents           BIGINT NOT NULL CHECK (max_award_cents >= min_award_cents),
    opens_at                  TIMESTAMPTZ NOT NULL,
    closes_at                 TIMESTAMPTZ NOT NULL,
    -- YYYY-MM-DD: the announced date of decisions.
    decision_on               TEXT,
    reviewers_per_application INTEGER NOT NULL DEFAULT 2 CHECK (reviewers_per_application >= 1),
    publish_awards            BOOLEAN NOT NULL DEFAULT FALSE,
    status                    TEXT NOT NULL DEFAULT 'draft'
                                  CHECK (status IN ('draft', 'published', 'closed')),
    created_by                UUID REFERENCES people (id) ON DELETE SET NULL,
    created_at                TIMESTAMPTZ NOT NULL,
    updated_at                TIMESTAMPTZ NOT NULL
);
CREATE INDEX funding_calls_structure_id_idx ON funding_calls (structure_id);
CREATE INDEX funding_calls_status_closes_idx ON funding_calls (status, closes_at);
CREATE INDEX funding_calls_created_by_idx ON funding_calls (created_by);

-- Eligibility, one row per accepted value; no row on a dimension means "any".
-- dimension: 'challenge' (a challenge code), 'territory' (a territory reference such as
-- "departement:29" or "region:53"), 'stage' (an initiative stage), 'structure_kind'.
CREATE TABLE funding_call_eligibility (
    call_id   UUID NOT NULL REFERENCES funding_calls (id) ON DELETE CASCADE,
    dimension TEXT NOT NULL CHECK (dimension IN ('challenge', 'territory', 'stage', 'structure_kind')),
    value     TEXT NOT NULL,
    PRIMARY KEY (call_id, dimension, value)
);
CREATE INDEX funding_call_eligibility_value_idx ON funding_call_eligibility (dimension, value);

CREATE TABLE funding_criteria (
    id          UUID PRIMARY KEY,
    call_id     UUID NOT NULL REFERENCES funding_calls (id) ON DELETE CASCADE,
    position    INTEGER NOT NULL,
    name        TEXT NOT NULL,
    description TEXT NOT NULL DEFAULT '',
    weight      INTEGER NOT NULL CHECK (weight > 0),
    -- A score is an integer 0..=scale_max.
    scale_max   INTEGER NOT NULL CHECK (scale_max BETWEEN 1 AND 100)
);
CREATE INDEX funding_criteria_call_id_idx ON funding_criteria (call_id, position);

CREATE TABLE funding_questions (
    id       UUID PRIMARY KEY,
    call_id  UUID NOT NULL REFERENCES funding_calls (id) ON DELETE CASCADE,
    position INTEGER NOT NULL,
    label    TEXT NOT NULL,
    kind     TEXT NOT NULL CHECK (kind IN ('text', 'number', 'choice', 'file')),
    -- For 'choice': the options, one per line.
    choices  TEXT NOT NULL DEFAULT '',
    required BOOLEAN NOT NULL DEFAULT FALSE
);
CREATE INDEX funding_questions_call_id_idx ON funding_questions (call_id, position);

CREATE TABLE funding_applications (
    id                    UUID PRIMARY KEY,
    call_id               UUID NOT NULL REFERENCES funding_calls (id) ON DELETE CASCADE,
    structure_id          UUID NOT NULL REFERENCES structures (id),
    initiative_id         UUID NOT NULL REFERENCES initiatives (id),
    -- JSON: the initiative's record and recipe as they stood at submission ('' before).
    snapshot              TEXT NOT NULL DEFAULT '',
    status                TEXT NOT NULL DEFAULT 'draft' CHECK (status IN
                              ('draft', 'submitted', 'withdrawn', 'granted', 'refused', 'waitlisted')),
    submitted_at          TIMESTAMPTZ,
    withdrawn_at          TIMESTAMPTZ,
    created_by            UUID REFERENCES people (id) ON DELETE SET NULL,
    created_at            TIMESTAMPTZ NOT NULL,
    updated_at            TIMESTAMPTZ NOT NULL,
    -- Written by the review context.
    decision_amount_cents BIGINT CHECK (decision_amount_cents >= 0),
    decision_conditions   TEXT,
    decision_reason       TEXT,
    decided_at            TIMESTAMPTZ,
    decided_by            UUID REFERENCES people (id) ON DELETE SET NULL,
    decision_sent_at      TIMESTAMPTZ
);
-- One live application per call and initiative; a withdrawn one makes way for a new one.
CREATE UNIQUE INDEX funding_applications_live_key ON funding_applications (call_id, initiative_id)
    WHERE status <> 'withdrawn';
CREATE INDEX funding_applications_call_id_idx ON funding_applications (call_id, status);
CREATE INDEX funding_applications_structure_id_idx ON funding_applications (structure_id);
CREATE INDEX funding_applications_initiative_id_idx ON funding_applications (initiative_id);
CREATE INDEX funding_applications_created_by_idx ON funding_applications (created_by);
CREATE INDEX funding_applications_decided_by_idx ON funding_applications (decided_by);

-- Answers to the text, number and choice questions (files are documents).
CREATE TABLE funding_answers (
    application_id UUID NOT NULL REFERENCES funding_applications (id) ON DELETE CASCADE,
    question_id    UUID NOT NULL REFERENCES funding_questions (id) ON DELETE CASCADE,
    value          TEXT NOT NULL,
    PRIMARY KEY (application_id, question_id)
);
CREATE INDEX funding_answers_question_id_idx ON funding_answers (question_id);

-- PDF documents of an application, checked by the web layer (magic and end marker, 10 MB).
CREATE TABLE funding_documents (
    id             UUID PRIMARY KEY,
    application_id UUID NOT NULL REFERENCES funding_applications (id) ON DELETE CASCADE,
    -- The file question it answers, if any.
    question_id    UUID REFERENCES funding_questions (id) ON DELETE SET NULL,
    name           TEXT NOT NULL,
    size           BIGINT NOT NULL,
    sha256         TEXT NOT NULL,
    data           BYTEA NOT NULL,
    uploaded_by    UUID REFERENCES people (id) ON DELETE SET NULL,
    created_at     TIMESTAMPTZ NOT NULL
);
CREATE INDEX funding_documents_application_id_idx ON funding_documents (application_id);
CREATE INDEX funding_documents_question_id_idx ON funding_documents (question_id);
CREATE INDEX funding_documents_uploaded_by_idx ON funding_documents (uploaded_by);
