-- Administrative blockers (hackers publics): reports, the public hackers' remits, the routing
-- of each blocker and its events (messages and changes of status). Same number and purpose as
-- sqlite/migrations/0013_blockers.sql.

CREATE TABLE blockers (
    id                 UUID PRIMARY KEY,
    reporter_id        UUID NOT NULL REFERENCES people (id),
    structure_id       UUID REFERENCES structures (id),
    title              TEXT NOT NULL,
    description        TEXT NOT NULL,
    administration     TEXT NOT NULL,
    -- Folded (case, accents, spacing): what the aggregate page counts by.
    administration_key TEXT NOT NULL,
    -- YYYY-MM-DD.
    since              TEXT,
    tried              TEXT NOT NULL DEFAULT '',
    -- "commune:29019"; its département and région codes, for counting.
    territory          TEXT NOT NULL,
    departement        TEXT,
    region             TEXT,
    theme              TEXT REFERENCES challenges (code),
    is_public          BOOLEAN NOT NULL,
    status             TEXT NOT NULL DEFAULT 'reported' CHECK (status IN
                           ('reported', 'acknowledged', 'in_progress', 'unblocked', 'not_solvable')),
    created_at         TIMESTAMPTZ NOT NULL,
    updated_at         TIMESTAMPTZ NOT NULL,
    unblocked_at       TIMESTAMPTZ
);
CREATE INDEX blockers_reporter_id_idx ON blockers (reporter_id);
CREATE INDEX blockers_structure_id_idx ON blockers (structure_id);
CREATE INDEX blockers_theme_idx ON blockers (theme);
CREATE INDEX blockers_created_at_idx ON blockers (created_at);

-- A public hacker's remit: a territory and a theme ('' for every theme).
CREATE TABLE public_hackers (
    id         UUID PRIMARY KEY,
    person_id  UUID NOT NULL REFERENCES people (id) ON DELETE CASCADE,
    territory  TEXT NOT NULL,
    theme      TEXT NOT NULL DEFAULT '',
    created_by UUID NOT NULL REFERENCES people (id),
    created_at TIMESTAMPTZ NOT NULL,
    CONSTRAINT public_hackers_remit_key UNIQUE (person_id, territory, theme)
);
CREATE INDEX public_hackers_created_by_idx ON public_hackers (created_by);

-- Who a blocker was routed to, most specific first.
CREATE TABLE blocker_hackers (
    blocker_id UUID NOT NULL REFERENCES blockers (id) ON DELETE CASCADE,
    person_id  UUID NOT NULL REFERENCES people (id) ON DELETE CASCADE,
    position   INTEGER NOT NULL,
    PRIMARY KEY (blocker_id, person_id)
);
CREATE INDEX blocker_hackers_person_id_idx ON blocker_hackers (person_id);

-- Messages between the reporter and the hackers, and changes of status (status set).
CREATE TABLE blocker_events (
    id         UUID PRIMARY KEY,
    blocker_id UUID NOT NULL REFERENCES blockers (id) ON DELETE CASCADE,
    author_id  UUID REFERENCES people (id),
    status     TEXT,
    body       TEXT NOT NULL DEFAULT '',
    created_at TIMESTAMPTZ NOT NULL
);
CREATE INDEX blocker_events_blocker_id_idx ON blocker_events (blocker_id, created_at);
CREATE INDEX blocker_events_author_id_idx ON blocker_events (author_id);
