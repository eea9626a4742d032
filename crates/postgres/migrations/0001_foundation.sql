-- Foundation: people, sessions and tokens, throttling, outbox, audit log, structures.
-- Same number and purpose as sqlite/migrations/0001_foundation.sql. Ids are UUIDs made in
-- Rust; timestamps are UTC.

CREATE TABLE people (
    id                 UUID PRIMARY KEY,
    email              TEXT NOT NULL,
    display_name       TEXT NOT NULL,
    password_hash      TEXT NOT NULL,
    email_confirmed_at TIMESTAMPTZ,
    roles              TEXT NOT NULL DEFAULT '',
    profiles           TEXT NOT NULL DEFAULT '',
    search_text        TEXT NOT NULL DEFAULT '',
    created_at         TIMESTAMPTZ NOT NULL,
    CONSTRAINT people_email_key UNIQUE (email)
);
CREATE INDEX people_created_at_idx ON people (created_at);

CREATE TABLE tokens (
    hash       TEXT PRIMARY KEY NOT NULL,
    purpose    TEXT NOT NULL,
    person_id  UUID REFERENCES people (id) ON DELETE CASCADE,
    payload    TEXT NOT NULL DEFAULT '',
    created_at TIMESTAMPTZ NOT NULL,
    expires_at TIMESTAMPTZ NOT NULL,
    used_at    TIMESTAMPTZ
);
CREATE INDEX tokens_person_id_idx ON tokens (person_id);

CREATE TABLE sessions (
    id_hash      TEXT PRIMARY KEY NOT NULL,
    person_id    UUID NOT NULL REFERENCES people (id) ON DELETE CASCADE,
    created_at   TIMESTAMPTZ NOT NULL,
    last_seen_at TIMESTAMPTZ NOT NULL,
    expires_at   TIMESTAMPTZ NOT NULL
);
CREATE INDEX sessions_person_id_idx ON sessions (person_id);

CREATE TABLE api_tokens (
    id           UUID PRIMARY KEY,
    person_id    UUID NOT NULL REFERENCES people (id) ON DELETE CASCADE,
    name         TEXT NOT NULL,
    hash         TEXT NOT NULL,
    created_at   TIMESTAMPTZ NOT NULL,
    last_used_at TIMESTAMPTZ,
    CONSTRAINT api_tokens_hash_key UNIQUE (hash)
);
CREATE INDEX api_tokens_person_id_idx ON api_tokens (person_id);

CREATE TABLE throttle (
    key          TEXT NOT NULL,
    window_start TIMESTAMPTZ NOT NULL,
    count        BIGINT NOT NULL,
    PRIMARY KEY (key, window_start)
);

CREATE TABLE mail_outbox (
    id              UUID PRIMARY KEY,
    to_address      TEXT NOT NULL,
    subject         TEXT NOT NULL,
    body            TEXT NOT NULL,
    created_at      TIMESTAMPTZ NOT NULL,
    sent_at         TIMESTAMPTZ,
    attempts        INTEGER NOT NULL DEFAULT 0,
    last_error      TEXT,
    next_attempt_at TIMESTAMPTZ NOT NULL,
    lease_until     TIMESTAMPTZ
);
CREATE INDEX mail_outbox_pending_idx ON mail_outbox (sent_at, next_attempt_at);

CREATE TABLE audit_log (
    id       UUID PRIMARY KEY,
    at       TIMESTAMPTZ NOT NULL,
    actor_id UUID,
    action   TEXT NOT NULL,
    subject  TEXT NOT NULL,
    ip       TEXT,
    detail   TEXT NOT NULL DEFAULT ''
);
CREATE INDEX audit_log_at_idx ON audit_log (at);
CREATE INDEX audit_log_action_idx ON audit_log (action, at);

-- The audit log is append-only: even a bug or a hurried admin cannot rewrite history.
CREATE FUNCTION audit_log_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'audit_log is append-only';
END;
$$;
CREATE TRIGGER audit_log_no_update BEFORE UPDATE OR DELETE ON audit_log
FOR EACH ROW EXECUTE FUNCTION audit_log_append_only();

CREATE TABLE structures (
    id          UUID PRIMARY KEY,
    name        TEXT NOT NULL,
    search_text TEXT NOT NULL,
    kind        TEXT NOT NULL,
    siret       TEXT,
    rna         TEXT,
    territory   TEXT,
    description TEXT NOT NULL DEFAULT '',
    website     TEXT,
    created_at  TIMESTAMPTZ NOT NULL,
    updated_at  TIMESTAMPTZ NOT NULL
);
CREATE INDEX structures_search_text_idx ON structures (search_text);
CREATE INDEX structures_kind_idx ON structures (kind);

CREATE TABLE structure_members (
    structure_id UUID NOT NULL REFERENCES structures (id) ON DELETE CASCADE,
    person_id    UUID NOT NULL REFERENCES people (id) ON DELETE CASCADE,
    role         TEXT NOT NULL CHECK (role IN ('manager', 'member')),
    joined_at    TIMESTAMPTZ NOT NULL,
    PRIMARY KEY (structure_id, person_id)
);
CREATE INDEX structure_members_person_id_idx ON structure_members (person_id);
