-- The barometer's rollups: every page is one read of a few rows, whatever the size of the
-- territory. Each published initiative contributes its figures (domain::barometer::Contribution)
-- to one cell per (territory, challenge) it belongs to: France 'FR', each région 'R:53', each
-- département 'D:29', crossed with every challenge '' and each of its challenges. Triggers mark
-- an initiative dirty whenever something the barometer counts changes; the store takes its last
-- contribution out of its cells and adds the new one before any barometer read
-- (refresh_barometer), so a page never shows stale figures. Same number and purpose as
-- postgres/migrations/0021_barometer_rollups.sql.

-- Initiatives whose contribution may have changed. No foreign key: a deleted initiative stays
-- here until its contribution has been taken out.
CREATE TABLE barometer_dirty (
    initiative_id BLOB PRIMARY KEY NOT NULL
);

-- What each initiative last added to the cells (JSON of domain::barometer::Contribution).
CREATE TABLE barometer_contributions (
    initiative_id BLOB PRIMARY KEY NOT NULL,
    contribution  TEXT NOT NULL
);

CREATE TABLE barometer_cells (
    territory   TEXT NOT NULL,
    challenge   TEXT NOT NULL,
    initiatives INTEGER NOT NULL DEFAULT 0,
    entries     INTEGER NOT NULL DEFAULT 0,
    measured    INTEGER NOT NULL DEFAULT 0,
    on_track    INTEGER NOT NULL DEFAULT 0,
    people      INTEGER NOT NULL DEFAULT 0,
    level1      INTEGER NOT NULL DEFAULT 0,
    level2      INTEGER NOT NULL DEFAULT 0,
    level3      INTEGER NOT NULL DEFAULT 0,
    level4      INTEGER NOT NULL DEFAULT 0,
    level5      INTEGER NOT NULL DEFAULT 0,
    PRIMARY KEY (territory, challenge)
);
-- The map reads every département of one challenge.
CREATE INDEX barometer_cells_challenge_idx ON barometer_cells (challenge, territory);

CREATE TABLE barometer_cell_stages (
    territory   TEXT NOT NULL,
    challenge   TEXT NOT NULL,
    stage       TEXT NOT NULL,
    initiatives INTEGER NOT NULL DEFAULT 0,
    PRIMARY KEY (territory, challenge, stage)
);

CREATE TABLE barometer_cell_years (
    territory TEXT NOT NULL,
    challenge TEXT NOT NULL,
    year      INTEGER NOT NULL,
    measured  INTEGER NOT NULL DEFAULT 0,
    on_track  INTEGER NOT NULL DEFAULT 0,
    people    INTEGER NOT NULL DEFAULT 0,
    PRIMARY KEY (territory, challenge, year)
);

CREATE TRIGGER barometer_initiatives_insert AFTER INSERT ON initiatives
BEGIN INSERT OR IGNORE INTO barometer_dirty (initiative_id) VALUES (NEW.id); END;
CREATE TRIGGER barometer_initiatives_update AFTER UPDATE OF status, stage ON initiatives
WHEN OLD.status IS NOT NEW.status OR OLD.stage IS NOT NEW.stage
BEGIN INSERT OR IGNORE INTO barometer_dirty (initiative_id) VALUES (NEW.id); END;
CREATE TRIGGER barometer_initiatives_delete AFTER DELETE ON initiatives
BEGIN INSERT OR IGNORE INTO barometer_dirty (initiative_id) VALUES (OLD.id); END;

CREATE TRIGGER barometer_departements_insert AFTER INSERT ON initiative_departements
BEGIN INSERT OR IGNORE INTO barometer_dirty (initiative_id) VALUES (NEW.initiative_id); END;
CREATE TRIGGER barometer_departements_delete AFTER DELETE ON initiative_departements
BEGIN INSERT OR IGNORE INTO barometer_dirty (initiative_id) VALUES (OLD.initiative_id); END;
CREATE TRIGGER barometer_departements_update AFTER UPDATE ON initiative_departements
BEGIN
    INSERT OR IGNORE INTO barometer_dirty (initiative_id) VALUES (OLD.initiative_id);
    INSERT OR IGNORE INTO barometer_dirty (initiative_id) VALUES (NEW.initiative_id);
END;

CREATE TRIGGER barometer_regions_insert AFTER INSERT ON initiative_regions
BEGIN INSERT OR IGNORE INTO barometer_dirty (initiative_id) VALUES (NEW.initiative_id); END;
CREATE TRIGGER barometer_regions_delete AFTER DELETE ON initiative_regions
BEGIN INSERT OR IGNORE INTO barometer_dirty (initiative_id) VALUES (OLD.initiative_id); END;
CREATE TRIGGER barometer_regions_update AFTER UPDATE ON initiative_regions
BEGIN
    INSERT OR IGNORE INTO barometer_dirty (initiative_id) VALUES (OLD.initiative_id);
    INSERT OR IGNORE INTO barometer_dirty (initiative_id) VALUES (NEW.initiative_id);
END;

CREATE TRIGGER barometer_challenges_insert AFTER INSERT ON initiative_challenges
BEGIN INSERT OR IGNORE INTO barometer_dirty (initiative_id) VALUES (NEW.initiative_id); END;
CREATE TRIGGER barometer_challenges_delete AFTER DELETE ON initiative_challenges
BEGIN INSERT OR IGNORE INTO barometer_dirty (initiative_id) VALUES (OLD.initiative_id); END;
CREATE TRIGGER barometer_challenges_update AFTER UPDATE ON initiative_challenges
BEGIN
    INSERT OR IGNORE INTO barometer_dirty (initiative_id) VALUES (OLD.initiative_id);
    INSERT OR IGNORE INTO barometer_dirty (initiative_id) VALUES (NEW.initiative_id);
END;

CREATE TRIGGER barometer_entries_insert AFTER INSERT ON impact_plan_entries
BEGIN INSERT OR IGNORE INTO barometer_dirty (initiative_id) VALUES (NEW.initiative_id); END;
CREATE TRIGGER barometer_entries_delete AFTER DELETE ON impact_plan_entries
BEGIN INSERT OR IGNORE INTO barometer_dirty (initiative_id) VALUES (OLD.initiative_id); END;
CREATE TRIGGER barometer_entries_update AFTER UPDATE ON impact_plan_entries
BEGIN
    INSERT OR IGNORE INTO barometer_dirty (initiative_id) VALUES (OLD.initiative_id);
    INSERT OR IGNORE INTO barometer_dirty (initiative_id) VALUES (NEW.initiative_id);
END;

CREATE TRIGGER barometer_entry_years_insert AFTER INSERT ON impact_entry_years
BEGIN INSERT OR IGNORE INTO barometer_dirty (initiative_id)
    SELECT initiative_id FROM impact_plan_entries WHERE id = NEW.entry_id; END;
CREATE TRIGGER barometer_entry_years_delete AFTER DELETE ON impact_entry_years
BEGIN INSERT OR IGNORE INTO barometer_dirty (initiative_id)
    SELECT initiative_id FROM impact_plan_entries WHERE id = OLD.entry_id; END;
CREATE TRIGGER barometer_entry_years_update AFTER UPDATE ON impact_entry_years
BEGIN INSERT OR IGNORE INTO barometer_dirty (initiative_id)
    SELECT initiative_id FROM impact_plan_entries WHERE id IN (OLD.entry_id, NEW.entry_id); END;

-- What exists already is counted at the first read.
INSERT INTO barometer_dirty (initiative_id) SELECT id FROM initiatives;
