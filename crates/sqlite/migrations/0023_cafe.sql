-- World Café: a café's settings on a world_cafe event, its participants (registrants and
-- people added by name), the seating of each round, the tables' harvest links, the harvest
-- and the live state. Same number and purpose as postgres/migrations/0023_cafe.sql.

CREATE TABLE cafes (
    event_id         BLOB PRIMARY KEY NOT NULL REFERENCES events (id) ON DELETE CASCADE,
    -- 'tables': layout_value is a number of tables; 'size': people per table.
    layout           TEXT NOT NULL CHECK (layout IN ('tables', 'size')),
    layout_value     INTEGER NOT NULL CHECK (layout_value >= 1),
    rounds           INTEGER NOT NULL CHECK (rounds >= 1),
    round_minutes    INTEGER NOT NULL CHECK (round_minutes >= 1),
    -- The seed of the last plan, so that it can be reproduced; NULL before any plan.
    seed             INTEGER,
    planned_at       TEXT,
    -- 0 before the first round.
    current_round    INTEGER NOT NULL DEFAULT 0,
    round_started_at TEXT,
    ended_at         TEXT,
    -- The synthesis is public from then on.
    published_at     TEXT,
    updated_at       TEXT NOT NULL
);

CREATE TABLE cafe_questions (
    event_id BLOB NOT NULL REFERENCES cafes (event_id) ON DELETE CASCADE,
    round    INTEGER NOT NULL CHECK (round >= 1),
    question TEXT NOT NULL,
    PRIMARY KEY (event_id, round)
);

CREATE TABLE cafe_participants (
    id         BLOB PRIMARY KEY NOT NULL,
    event_id   BLOB NOT NULL REFERENCES events (id) ON DELETE CASCADE,
    -- A registrant; NULL for a person added by name by the facilitator (no account).
    person_id  BLOB REFERENCES people (id) ON DELETE CASCADE,
    name       TEXT NOT NULL,
    -- public, prive, associatif, citoyen (domain::cafe::SECTORS), or NULL.
    sector     TEXT,
    structure  TEXT,
    -- 1-based: this person hosts this table in every round.
    host_table INTEGER CHECK (host_table IS NULL OR host_table >= 1),
    created_at TEXT NOT NULL,
    UNIQUE (event_id, person_id)
);
CREATE INDEX cafe_participants_person_idx ON cafe_participants (person_id);

CREATE TABLE cafe_seats (
    event_id       BLOB NOT NULL REFERENCES events (id) ON DELETE CASCADE,
    round          INTEGER NOT NULL CHECK (round >= 1),
    table_no       INTEGER NOT NULL CHECK (table_no >= 1),
    participant_id BLOB NOT NULL REFERENCES cafe_participants (id) ON DELETE CASCADE,
    PRIMARY KEY (event_id, round, participant_id)
);
CREATE INDEX cafe_seats_participant_idx ON cafe_seats (participant_id);

-- The secret link of each table, for its host to type the harvest without an account.
CREATE TABLE cafe_tables (
    event_id BLOB NOT NULL REFERENCES events (id) ON DELETE CASCADE,
    table_no INTEGER NOT NULL CHECK (table_no >= 1),
    token    TEXT NOT NULL,
    PRIMARY KEY (event_id, table_no)
);

CREATE TABLE cafe_harvest (
    event_id   BLOB NOT NULL REFERENCES events (id) ON DELETE CASCADE,
    round      INTEGER NOT NULL CHECK (round >= 1),
    table_no   INTEGER NOT NULL CHECK (table_no >= 1),
    body       TEXT NOT NULL,
    -- The signed-in person who typed it last; NULL through the table's link.
    written_by BLOB REFERENCES people (id) ON DELETE SET NULL,
    updated_at TEXT NOT NULL,
    PRIMARY KEY (event_id, round, table_no)
);
CREATE INDEX cafe_harvest_writer_idx ON cafe_harvest (written_by);
