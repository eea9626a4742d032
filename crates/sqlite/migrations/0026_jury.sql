-- The hackathon jury (criteria, jurors, scores, published results) and the incubation of the
-- winning teams (plan, milestones, status updates, closure, the initiative made of the
-- solution). Builds on 0025. Same number and purpose as postgres/migrations/0026_jury.sql.

-- Weighted criteria of one hackathon, each with its integer scale.
CREATE TABLE jury_criteria (
    id          BLOB PRIMARY KEY NOT NULL,
    event_id    BLOB NOT NULL REFERENCES hackathons (event_id) ON DELETE CASCADE,
    position    INTEGER NOT NULL,
    name        TEXT NOT NULL,
    description TEXT NOT NULL DEFAULT '',
    weight      INTEGER NOT NULL CHECK (weight BETWEEN 1 AND 100),
    scale_min   INTEGER NOT NULL CHECK (scale_min >= 0),
    scale_max   INTEGER NOT NULL CHECK (scale_max <= 100),
    created_at  TEXT NOT NULL,
    CHECK (scale_min < scale_max)
);
CREATE INDEX jury_criteria_event_idx ON jury_criteria (event_id, position);

-- The people the organisers name to the jury of a hackathon.
CREATE TABLE jury_jurors (
    event_id  BLOB NOT NULL REFERENCES hackathons (event_id) ON DELETE CASCADE,
    person_id BLOB NOT NULL REFERENCES people (id) ON DELETE CASCADE,
    added_at  TEXT NOT NULL,
    PRIMARY KEY (event_id, person_id)
);
CREATE INDEX jury_jurors_person_idx ON jury_jurors (person_id);

-- One score per team, juror and criterion; a juror's scores of one team are written together.
-- Removing a juror or a criterion removes their scores.
CREATE TABLE jury_scores (
    event_id     BLOB NOT NULL,
    team_id      BLOB NOT NULL REFERENCES hackathon_teams (id) ON DELETE CASCADE,
    juror_id     BLOB NOT NULL,
    criterion_id BLOB NOT NULL REFERENCES jury_criteria (id) ON DELETE CASCADE,
    value        INTEGER NOT NULL,
    comment      TEXT NOT NULL DEFAULT '',
    scored_at    TEXT NOT NULL,
    PRIMARY KEY (team_id, juror_id, criterion_id),
    FOREIGN KEY (event_id, juror_id) REFERENCES jury_jurors (event_id, person_id) ON DELETE CASCADE
);
CREATE INDEX jury_scores_event_idx ON jury_scores (event_id);
-- Juror first: it serves the cascade from jury_jurors (event, juror) and the lookups by juror
-- alone (their data export, the erasure of their account).
CREATE INDEX jury_scores_juror_idx ON jury_scores (juror_id, event_id);

-- Results are public once published; `normalised` says which ranking was published.
CREATE TABLE jury_results (
    event_id     BLOB PRIMARY KEY NOT NULL REFERENCES hackathons (event_id) ON DELETE CASCADE,
    normalised   INTEGER NOT NULL DEFAULT 0,
    published_at TEXT NOT NULL,
    published_by BLOB REFERENCES people (id) ON DELETE SET NULL
);

-- A winning team in incubation: one incubation per team.
CREATE TABLE incubations (
    id              BLOB PRIMARY KEY NOT NULL,
    -- RESTRICT: no path removes an incubation by removing its team (teams freeze once scored).
    team_id         BLOB NOT NULL UNIQUE REFERENCES hackathon_teams (id) ON DELETE RESTRICT,
    event_id        BLOB NOT NULL REFERENCES hackathons (event_id) ON DELETE CASCADE,
    -- The team's défi when it entered incubation, kept if the team changes défi later.
    defi_id         BLOB REFERENCES defis (id) ON DELETE SET NULL,
    starts_on       TEXT NOT NULL,
    ends_on         TEXT NOT NULL,
    status          TEXT NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'closed')),
    outcome         TEXT CHECK (outcome IN ('continued', 'pivoted', 'stopped')),
    outcome_summary TEXT NOT NULL DEFAULT '',
    closed_at       TEXT,
    -- The draft initiative made of the solution (#3), linked to the défi above.
    initiative_id   BLOB REFERENCES initiatives (id) ON DELETE SET NULL,
    created_by      BLOB REFERENCES people (id) ON DELETE SET NULL,
    created_at      TEXT NOT NULL,
    updated_at      TEXT NOT NULL,
    CHECK (starts_on <= ends_on)
);
CREATE INDEX incubations_event_idx ON incubations (event_id);
CREATE INDEX incubations_defi_idx ON incubations (defi_id);
CREATE INDEX incubations_initiative_idx ON incubations (initiative_id);

CREATE TABLE incubation_milestones (
    id            BLOB PRIMARY KEY NOT NULL,
    incubation_id BLOB NOT NULL REFERENCES incubations (id) ON DELETE CASCADE,
    title         TEXT NOT NULL,
    due_on        TEXT NOT NULL,
    status        TEXT NOT NULL DEFAULT 'todo' CHECK (status IN ('todo', 'in_progress', 'done')),
    created_at    TEXT NOT NULL,
    updated_at    TEXT NOT NULL
);
CREATE INDEX incubation_milestones_incubation_idx ON incubation_milestones (incubation_id, due_on);

-- Status updates written by the team, its coach or the organisers.
CREATE TABLE incubation_updates (
    id            BLOB PRIMARY KEY NOT NULL,
    incubation_id BLOB NOT NULL REFERENCES incubations (id) ON DELETE CASCADE,
    author_id     BLOB REFERENCES people (id) ON DELETE SET NULL,
    body          TEXT NOT NULL,
    created_at    TEXT NOT NULL
);
CREATE INDEX incubation_updates_incubation_idx ON incubation_updates (incubation_id, created_at);
CREATE INDEX incubation_updates_author_idx ON incubation_updates (author_id);
