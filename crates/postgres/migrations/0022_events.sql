-- Events (événements): meetups and the sessions built on them, their organiser structures and
-- registrations with a waiting list. Same number and purpose as
-- sqlite/migrations/0022_events.sql.

CREATE TABLE events (
    id                UUID PRIMARY KEY,
    -- meetup, world_cafe, collecte, hackathon (domain::events::Kind).
    kind              TEXT NOT NULL,
    title             TEXT NOT NULL,
    description       TEXT NOT NULL DEFAULT '',
    starts_at         TIMESTAMPTZ NOT NULL,
    ends_at           TIMESTAMPTZ NOT NULL,
    address           TEXT NOT NULL DEFAULT '',
    -- "commune:29019", or '' for an online event; its département and région for filters.
    commune           TEXT NOT NULL DEFAULT '',
    departement       TEXT,
    region            TEXT,
    online_url        TEXT,
    -- NULL: unlimited.
    capacity          BIGINT CHECK (capacity IS NULL OR capacity > 0),
    registration_open BOOLEAN NOT NULL DEFAULT TRUE,
    status            TEXT NOT NULL DEFAULT 'published' CHECK (status IN ('published', 'cancelled')),
    sequence          BIGINT NOT NULL DEFAULT 0,
    created_by        UUID NOT NULL REFERENCES people (id),
    created_at        TIMESTAMPTZ NOT NULL,
    updated_at        TIMESTAMPTZ NOT NULL,
    CHECK (ends_at > starts_at)
);
CREATE INDEX events_starts_at_idx ON events (starts_at);
CREATE INDEX events_departement_idx ON events (departement, starts_at);
CREATE INDEX events_region_idx ON events (region, starts_at);

CREATE TABLE event_organisers (
    event_id     UUID NOT NULL REFERENCES events (id) ON DELETE CASCADE,
    structure_id UUID NOT NULL REFERENCES structures (id) ON DELETE CASCADE,
    PRIMARY KEY (event_id, structure_id)
);
CREATE INDEX event_organisers_structure_idx ON event_organisers (structure_id);

CREATE TABLE event_registrations (
    id            UUID PRIMARY KEY,
    event_id      UUID NOT NULL REFERENCES events (id) ON DELETE CASCADE,
    person_id     UUID NOT NULL REFERENCES people (id) ON DELETE CASCADE,
    status        TEXT NOT NULL CHECK (status IN ('confirmed', 'waiting', 'cancelled')),
    -- The place in the waiting list: a new registration (or a registration again after a
    -- cancellation) goes to its end.
    registered_at TIMESTAMPTZ NOT NULL,
    promoted_at   TIMESTAMPTZ,
    cancelled_at  TIMESTAMPTZ,
    -- Compare-and-set by the reminder task: at most one reminder per registration.
    reminded_at   TIMESTAMPTZ,
    UNIQUE (event_id, person_id)
);
CREATE INDEX event_registrations_event_idx ON event_registrations (event_id, status, registered_at);
CREATE INDEX event_registrations_person_idx ON event_registrations (person_id);
