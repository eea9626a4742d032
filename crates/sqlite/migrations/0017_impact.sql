-- Impact measurement: the indicator catalogue (shipped entries are seeded at every start from
-- domain/data/indicators.csv, proposals come from people), impact plans (an initiative's chosen
-- indicators with baseline and target), measurements graded by evidence level and verified by
-- labelled evaluators. Same number and purpose as postgres/migrations/0017_impact.sql.
-- Booleans are 0 or 1; dates are YYYY-MM-DD text; timestamps RFC 3339 text.

CREATE TABLE impact_indicators (
    id                BLOB PRIMARY KEY NOT NULL,
    -- A stable slug: the indicator's URL and its key in open data.
    code              TEXT NOT NULL,
    name_fr           TEXT NOT NULL,
    name_en           TEXT NOT NULL,
    definition_fr     TEXT NOT NULL,
    definition_en     TEXT NOT NULL,
    unit              TEXT NOT NULL CHECK (unit IN ('people', 'percent', 'euros', 'hours', 'days',
                          'count', 'kilograms', 'tonnes_co2e', 'kwh', 'score')),
    value_type        TEXT NOT NULL CHECK (value_type IN ('integer', 'decimal')),
    direction         TEXT NOT NULL CHECK (direction IN ('increase', 'decrease')),
    problem_fr        TEXT NOT NULL DEFAULT '',
    problem_en        TEXT NOT NULL DEFAULT '',
    -- How to compute the value, in French (calculation_notes) and in English.
    calculation_notes TEXT NOT NULL DEFAULT '',
    calculation_notes_en TEXT NOT NULL DEFAULT '',
    -- A reference by code only (e.g. 'IRIS+ PI4060'); the frameworks' texts are not copied.
    framework_ref     TEXT,
    counts_people     INTEGER NOT NULL CHECK (counts_people IN (0, 1)),
    status            TEXT NOT NULL CHECK (status IN ('proposed', 'published', 'rejected')),
    -- NULL for the catalogue shipped with Essaim.
    proposed_by       BLOB REFERENCES people (id) ON DELETE SET NULL,
    decided_by        BLOB REFERENCES people (id) ON DELETE SET NULL,
    decided_at        TEXT,
    -- Folded words of names, definitions and problems in both languages (domain::text::fold),
    -- what the catalogue's text search matches.
    search_text       TEXT NOT NULL DEFAULT '',
    created_at        TEXT NOT NULL,
    CONSTRAINT impact_indicators_code_key UNIQUE (code)
);
CREATE INDEX impact_indicators_status_idx ON impact_indicators (status, name_fr);
CREATE INDEX impact_indicators_proposed_by_idx ON impact_indicators (proposed_by);
CREATE INDEX impact_indicators_decided_by_idx ON impact_indicators (decided_by);

CREATE TABLE impact_indicator_challenges (
    indicator_id   BLOB NOT NULL REFERENCES impact_indicators (id) ON DELETE CASCADE,
    challenge_code TEXT NOT NULL REFERENCES challenges (code),
    PRIMARY KEY (indicator_id, challenge_code)
);
CREATE INDEX impact_indicator_challenges_code_idx ON impact_indicator_challenges (challenge_code);

-- The publics an indicator is about (domain::impact::PUBLICS).
CREATE TABLE impact_indicator_publics (
    indicator_id BLOB NOT NULL REFERENCES impact_indicators (id) ON DELETE CASCADE,
    public       TEXT NOT NULL CHECK (public IN ('jeunes', 'enfants', 'seniors',
                     'personnes_handicap', 'demandeurs_emploi', 'personnes_precaires', 'familles',
                     'femmes', 'personnes_migrantes', 'habitants', 'agriculteurs', 'associations',
                     'entreprises', 'collectivites')),
    PRIMARY KEY (indicator_id, public)
);
CREATE INDEX impact_indicator_publics_public_idx ON impact_indicator_publics (public);

-- One indicator of an initiative's impact plan, with the denormalised state of its current
-- measurements (kept in the same transaction as every measurement write, supersede and
-- verification, so lists and the barometer never scan measurements).
CREATE TABLE impact_plan_entries (
    id                BLOB PRIMARY KEY NOT NULL,
    initiative_id     BLOB NOT NULL REFERENCES initiatives (id) ON DELETE CASCADE,
    indicator_id      BLOB NOT NULL REFERENCES impact_indicators (id),
    baseline_value    REAL NOT NULL,
    baseline_on       TEXT NOT NULL,
    target_value      REAL NOT NULL,
    target_on         TEXT NOT NULL,
    created_by        BLOB REFERENCES people (id) ON DELETE SET NULL,
    created_at        TEXT NOT NULL,
    -- The latest current (not superseded) measurement by period_end, then created_at.
    latest_value      REAL,
    latest_on         TEXT,
    latest_level      INTEGER CHECK (latest_level BETWEEN 1 AND 5),
    -- Current measurements only.
    measurement_count INTEGER NOT NULL DEFAULT 0,
    verified_count    INTEGER NOT NULL DEFAULT 0,
    -- domain::impact::on_track of the latest measurement; NULL while there is none.
    on_track          INTEGER CHECK (on_track IN (0, 1)),
    CONSTRAINT impact_plan_entries_indicator_key UNIQUE (initiative_id, indicator_id)
);
CREATE INDEX impact_plan_entries_indicator_id_idx ON impact_plan_entries (indicator_id);
CREATE INDEX impact_plan_entries_created_by_idx ON impact_plan_entries (created_by);

CREATE TABLE impact_measurements (
    id                BLOB PRIMARY KEY NOT NULL,
    entry_id          BLOB NOT NULL REFERENCES impact_plan_entries (id) ON DELETE CASCADE,
    value             REAL NOT NULL,
    -- A point measurement has both dates equal.
    period_start      TEXT NOT NULL,
    period_end        TEXT NOT NULL,
    source            TEXT NOT NULL,
    method            TEXT NOT NULL DEFAULT '',
    evidence_level    INTEGER NOT NULL CHECK (evidence_level BETWEEN 1 AND 5),
    -- The measurement that replaced this one; a superseded measurement stays, marked.
    superseded_by     BLOB REFERENCES impact_measurements (id) ON DELETE SET NULL,
    verified_at       TEXT,
    verified_by       BLOB REFERENCES people (id) ON DELETE SET NULL,
    verification_note TEXT,
    created_by        BLOB REFERENCES people (id) ON DELETE SET NULL,
    created_at        TEXT NOT NULL,
    CHECK (period_start <= period_end)
);
CREATE INDEX impact_measurements_entry_idx ON impact_measurements (entry_id, period_end);
CREATE INDEX impact_measurements_superseded_by_idx ON impact_measurements (superseded_by);
CREATE INDEX impact_measurements_verified_by_idx ON impact_measurements (verified_by);
CREATE INDEX impact_measurements_created_by_idx ON impact_measurements (created_by);

-- The latest current measurement of each calendar year (of period_end) per entry, maintained on
-- every write: the barometer's trends read this, never the measurements.
CREATE TABLE impact_entry_years (
    entry_id       BLOB NOT NULL REFERENCES impact_plan_entries (id) ON DELETE CASCADE,
    year           INTEGER NOT NULL,
    value          REAL NOT NULL,
    evidence_level INTEGER NOT NULL CHECK (evidence_level BETWEEN 1 AND 5),
    on_track       INTEGER CHECK (on_track IN (0, 1)),
    PRIMARY KEY (entry_id, year)
);
