-- Sortition of citizens' panels (tirage au sort): panels, their pool of volunteers and the draws
-- that formed them. Same number and purpose as postgres/migrations/0009_sortition.sql.
-- Booleans are 0 or 1; JSON is text, kept as given (the store does not interpret it).

CREATE TABLE sortition_panels (
    id                     BLOB PRIMARY KEY NOT NULL,
    structure_id           BLOB NOT NULL REFERENCES structures (id),
    created_by             BLOB NOT NULL REFERENCES people (id),
    title                  TEXT NOT NULL,
    purpose                TEXT NOT NULL DEFAULT '',
    panel_size             INTEGER NOT NULL,
    one_per_household      INTEGER NOT NULL CHECK (one_per_household IN (0, 1)),
    -- The quotas: categories of features with their minimum and maximum.
    categories             TEXT NOT NULL,
    registration_closes_at TEXT,
    erase_after_days       INTEGER NOT NULL CHECK (erase_after_days >= 0),
    -- The last computed selection, cleared by every change of the pool or of the settings.
    selection              TEXT,
    selection_at           TEXT,
    -- Advances with every change of the pool; a selection is saved only if computed from the
    -- current one.
    pool_generation        BIGINT NOT NULL DEFAULT 0,
    -- The last volunteer number given: numbers are never given twice, even after a removal.
    last_number            INTEGER NOT NULL DEFAULT 0,
    formed_at              TEXT,
    pool_erased_at         TEXT,
    created_at             TEXT NOT NULL,
    updated_at             TEXT NOT NULL
);
CREATE INDEX sortition_panels_structure_id_idx ON sortition_panels (structure_id);
CREATE INDEX sortition_panels_created_by_idx ON sortition_panels (created_by);
CREATE INDEX sortition_panels_created_at_idx ON sortition_panels (created_at);

-- A volunteer registered with their account (person_id set) or was imported by the organisers
-- (person_id NULL). Erasing an account deletes its rows still in the pool and unlinks and
-- blanks the others, which draws name by number.
CREATE TABLE sortition_volunteers (
    id         BLOB PRIMARY KEY NOT NULL,
    panel_id   BLOB NOT NULL REFERENCES sortition_panels (id) ON DELETE CASCADE,
    -- 1, 2, 3… within the panel: the public pseudonym of draws and their bundles.
    number     INTEGER NOT NULL,
    person_id  BLOB REFERENCES people (id),
    name       TEXT NOT NULL,
    email      TEXT NOT NULL DEFAULT '',
    -- A normalised household key, or empty.
    household  TEXT NOT NULL DEFAULT '',
    -- Category name → feature name.
    features   TEXT NOT NULL,
    source     TEXT NOT NULL CHECK (source IN ('registration', 'import')),
    status     TEXT NOT NULL DEFAULT 'pool' CHECK (status IN ('pool', 'selected', 'declined')),
    created_at TEXT NOT NULL,
    CONSTRAINT sortition_volunteers_number_key UNIQUE (panel_id, number),
    CONSTRAINT sortition_volunteers_person_key UNIQUE (panel_id, person_id)
);
-- One registration per e-mail and panel, case aside; empty e-mails are not compared.
CREATE UNIQUE INDEX sortition_volunteers_email_key
    ON sortition_volunteers (panel_id, lower(email)) WHERE email <> '';
CREATE INDEX sortition_volunteers_person_id_idx ON sortition_volunteers (person_id);

-- Round 0 formed the panel; rounds 1, 2… replaced those who declined.
CREATE TABLE sortition_draws (
    panel_id    BLOB NOT NULL REFERENCES sortition_panels (id) ON DELETE CASCADE,
    round       INTEGER NOT NULL CHECK (round >= 0),
    seed        TEXT NOT NULL,
    fingerprint TEXT NOT NULL,
    -- The published verification bundle.
    inputs      TEXT NOT NULL,
    -- JSON arrays of volunteer numbers.
    selected    TEXT NOT NULL,
    declined    TEXT NOT NULL,
    created_by  BLOB NOT NULL REFERENCES people (id),
    created_at  TEXT NOT NULL,
    PRIMARY KEY (panel_id, round)
);
CREATE INDEX sortition_draws_created_by_idx ON sortition_draws (created_by);
