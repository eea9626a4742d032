-- Cover images of initiatives, re-encoded by the web layer (pixels only).
-- Same number and purpose as sqlite/migrations/0003_initiative_images.sql.
CREATE TABLE initiative_images (
    initiative_id UUID PRIMARY KEY REFERENCES initiatives (id) ON DELETE CASCADE,
    mime          TEXT NOT NULL,
    data          BYTEA NOT NULL,
    width         INTEGER NOT NULL,
    height        INTEGER NOT NULL,
    updated_at    TIMESTAMPTZ NOT NULL
);
