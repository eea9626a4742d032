-- A change counter for the in-memory catalogue index (crates/catalogue): every write of an
-- initiative takes the next number from the single row below and stamps it on the row.
-- The row lock is held until commit, so numbers become visible in increasing order and the
-- index catches up with "generation > last seen", even across processes (an import run by
-- the command line while the server runs). Same number and purpose as
-- postgres/migrations/0006_catalogue_generation.sql.
CREATE TABLE catalogue_generation (n BIGINT NOT NULL);
INSERT INTO catalogue_generation (n) VALUES (0);
ALTER TABLE initiatives ADD COLUMN generation BIGINT NOT NULL DEFAULT 0;
CREATE INDEX initiatives_generation_idx ON initiatives (generation, id);
