-- Cover images of initiatives, re-encoded by the web layer (pixels only).
-- Same number and purpose as postgres/migrations/0003_initiative_images.sql.
CREATE TABLE initiative_images (
    initiative_id BLOB PRIMARY KEY NOT NULL REFERENCES initiatives (id) ON DELETE CASCADE,
    mime          TEXT NOT NULL,
    data          BLOB NOT NULL,
    width         INTEGER NOT NULL,
    height        INTEGER NOT NULL,
    updated_at    TEXT NOT NULL
);
