-- The barometer's rollups: every page is one read of a few rows, whatever the size of the
-- territory. Each published initiative contributes its figures (domain::barometer::Contribution)
-- to one cell per (territory, challenge) it belongs to: France 'FR', each région 'R:53', each
-- département 'D:29', crossed with every challenge '' and each of its challenges. Triggers mark
-- an initiative dirty whenever something the barometer counts changes; the store takes its last
-- contribution out of its cells and adds the new one before any barometer read
-- (refresh_barometer), so a page never shows stale figures. Same number and purpose as
-- sqlite/migrations/0021_barometer_rollups.sql.

-- Initiatives whose contribution may have changed. No foreign key: a deleted initiative stays
-- here until its contribution has been taken out.
CREATE TABLE barometer_dirty (
    initiative_id UUID PRIMARY KEY
);

-- What each initiative last added to the cells (JSON of domain::barometer::Contribution).
CREATE TABLE barometer_contributions (
    initiative_id UUID PRIMARY KEY,
    contribution  TEXT NOT NULL
);

CREATE TABLE barometer_cells (
    territory   TEXT NOT NULL,
    challenge   TEXT NOT NULL,
    initiatives BIGINT NOT NULL DEFAULT 0,
    entries     BIGINT NOT NULL DEFAULT 0,
    measured    BIGINT NOT NULL DEFAULT 0,
    on_track    BIGINT NOT NULL DEFAULT 0,
    people      BIGINT NOT NULL DEFAULT 0,
    level1      BIGINT NOT NULL DEFAULT 0,
    level2      BIGINT NOT NULL DEFAULT 0,
    level3      BIGINT NOT NULL DEFAULT 0,
    level4      BIGINT NOT NULL DEFAULT 0,
    level5      BIGINT NOT NULL DEFAULT 0,
    PRIMARY KEY (territory, challenge)
);
-- The map reads every département of one challenge.
CREATE INDEX barometer_cells_challenge_idx ON barometer_cells (challenge, territory);

CREATE TABLE barometer_cell_stages (
    territory   TEXT NOT NULL,
    challenge   TEXT NOT NULL,
    stage       TEXT NOT NULL,
    initiatives BIGINT NOT NULL DEFAULT 0,
    PRIMARY KEY (territory, challenge, stage)
);

CREATE TABLE barometer_cell_years (
    territory TEXT NOT NULL,
    challenge TEXT NOT NULL,
    year      INTEGER NOT NULL,
    measured  BIGINT NOT NULL DEFAULT 0,
    on_track  BIGINT NOT NULL DEFAULT 0,
    people    BIGINT NOT NULL DEFAULT 0,
    PRIMARY KEY (territory, challenge, year)
);

-- Marks the initiative of the changed row (`id` for initiatives, `initiative_id` for the
-- others), old and new. A mark that exists already is updated, not skipped: the row lock it
-- takes makes a refresh's claim (DELETE … RETURNING) wait for this transaction and then read
-- what it wrote; skipping it would let a refresh claim the mark, read the data before this
-- transaction commits, and leave no mark behind.
CREATE FUNCTION barometer_mark() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    col TEXT := TG_ARGV[0];
BEGIN
    IF TG_OP IN ('UPDATE', 'DELETE') THEN
        INSERT INTO barometer_dirty (initiative_id)
        VALUES ((to_jsonb(OLD) ->> col)::uuid) ON CONFLICT (initiative_id) DO UPDATE SET initiative_id = EXCLUDED.initiative_id;
    END IF;
    IF TG_OP IN ('UPDATE', 'INSERT') THEN
        INSERT INTO barometer_dirty (initiative_id)
        VALUES ((to_jsonb(NEW) ->> col)::uuid) ON CONFLICT (initiative_id) DO UPDATE SET initiative_id = EXCLUDED.initiative_id;
    END IF;
    RETURN NULL;
END $$;

-- Marks the initiative of a changed year of an entry.
CREATE FUNCTION barometer_mark_entry_year() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP IN ('UPDATE', 'DELETE') THEN
        INSERT INTO barometer_dirty (initiative_id)
        SELECT initiative_id FROM impact_plan_entries WHERE id = OLD.entry_id
        ON CONFLICT (initiative_id) DO UPDATE SET initiative_id = EXCLUDED.initiative_id;
    END IF;
    IF TG_OP IN ('UPDATE', 'INSERT') THEN
        INSERT INTO barometer_dirty (initiative_id)
        SELECT initiative_id FROM impact_plan_entries WHERE id = NEW.entry_id
        ON CONFLICT (initiative_id) DO UPDATE SET initiative_id = EXCLUDED.initiative_id;
    END IF;
    RETURN NULL;
END $$;

CREATE TRIGGER barometer_initiatives_insert AFTER INSERT OR DELETE ON initiatives
    FOR EACH ROW EXECUTE FUNCTION barometer_mark('id');
CREATE TRIGGER barometer_initiatives_update AFTER UPDATE OF status, stage ON initiatives
    FOR EACH ROW WHEN (OLD.status IS DISTINCT FROM NEW.status OR OLD.stage IS DISTINCT FROM NEW.stage)
    EXECUTE FUNCTION barometer_mark('id');
CREATE TRIGGER barometer_departements AFTER INSERT OR UPDATE OR DELETE ON initiative_departements
    FOR EACH ROW EXECUTE FUNCTION barometer_mark('initiative_id');
CREATE TRIGGER barometer_regions AFTER INSERT OR UPDATE OR DELETE ON initiative_regions
    FOR EACH ROW EXECUTE FUNCTION barometer_mark('initiative_id');
CREATE TRIGGER barometer_challenges AFTER INSERT OR UPDATE OR DELETE ON initiative_challenges
    FOR EACH ROW EXECUTE FUNCTION barometer_mark('initiative_id');
CREATE TRIGGER barometer_entries AFTER INSERT OR UPDATE OR DELETE ON impact_plan_entries
    FOR EACH ROW EXECUTE FUNCTION barometer_mark('initiative_id');
CREATE TRIGGER barometer_entry_years AFTER INSERT OR UPDATE OR DELETE ON impact_entry_years
    FOR EACH ROW EXECUTE FUNCTION barometer_mark_entry_year();

-- What exists already is counted at the first read.
INSERT INTO barometer_dirty (initiative_id) SELECT id FROM initiatives;
