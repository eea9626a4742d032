-- Collecte (round-table collection): a live collection of an event of kind collecte, opened
-- with a short join code, and the items people in the room submit from their phones. Same
-- number and purpose as postgres/migrations/0024_collecte.sql.

CREATE TABLE collectes (
    id          BLOB PRIMARY KEY NOT NULL,
    -- One collection per event.
    event_id    BLOB NOT NULL UNIQUE REFERENCES events (id) ON DELETE CASCADE,
    -- domain::collecte::ALPHABET, CODE_LEN; unique among open collections (index below), so a
    -- closed code may come back for another collection later.
    code        TEXT NOT NULL,
    status      TEXT NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'closed')),
    opened_by   BLOB REFERENCES people (id) ON DELETE SET NULL,
    opened_at   TEXT NOT NULL,
    closed_at   TEXT,
    -- Bumped by every change of an item, under the collection's lock; each item keeps the value
    -- of its last change, so the room screen asks for what changed since the revision it has.
    revision    INTEGER NOT NULL DEFAULT 0
);
CREATE UNIQUE INDEX collectes_open_code_idx ON collectes (code) WHERE status = 'open';
CREATE INDEX collectes_code_idx ON collectes (code, opened_at);

CREATE TABLE collecte_items (
    id            BLOB PRIMARY KEY NOT NULL,
    collecte_id   BLOB NOT NULL REFERENCES collectes (id) ON DELETE CASCADE,
    -- 1, 2, 3… in order of arrival within the collection (shown as "#3").
    number        INTEGER NOT NULL,
    name          TEXT NOT NULL,
    commune       TEXT NOT NULL,
    what          TEXT NOT NULL DEFAULT '',
    carrier       TEXT NOT NULL DEFAULT '',
    -- Only when the person agreed to be contacted.
    contact       TEXT,
    status        TEXT NOT NULL DEFAULT 'active'
                  CHECK (status IN ('active', 'merged', 'discarded', 'converted')),
    -- A duplicate keeps its text and points at the item kept.
    merged_into   BLOB REFERENCES collecte_items (id) ON DELETE SET NULL,
    -- The draft initiative the item became.
    initiative_id BLOB REFERENCES initiatives (id) ON DELETE SET NULL,
    -- SHA-256 of the phone's cookie token: that phone may see and edit the item while open.
    phone_hash    TEXT,
    -- A signed-in person who submitted it (their data export).
    submitted_by  BLOB REFERENCES people (id) ON DELETE SET NULL,
    created_at    TEXT NOT NULL,
    updated_at    TEXT NOT NULL,
    revision      INTEGER NOT NULL,
    UNIQUE (collecte_id, number)
);
CREATE INDEX collecte_items_revision_idx ON collecte_items (collecte_id, revision);
CREATE INDEX collecte_items_phone_idx ON collecte_items (collecte_id, phone_hash);
CREATE INDEX collecte_items_person_idx ON collecte_items (submitted_by);
CREATE INDEX collecte_items_initiative_idx ON collecte_items (initiative_id);
