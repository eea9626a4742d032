-- The barometer's indexes: it counts published initiatives by territory and challenge, and
-- reads the denormalised columns of their impact plan entries, never the measurements. Covering
-- indexes let each figure come from an index alone. Same number and purpose as
-- postgres/migrations/0020_barometer.sql.

CREATE INDEX initiatives_status_stage_idx ON initiatives (status, stage);
CREATE INDEX initiative_departements_code_initiative_idx ON initiative_departements (code, initiative_id);
CREATE INDEX initiative_regions_code_initiative_idx ON initiative_regions (code, initiative_id);
CREATE INDEX initiative_challenges_code_initiative_idx ON initiative_challenges (challenge_code, initiative_id);
CREATE INDEX impact_plan_entries_barometer_idx
    ON impact_plan_entries (initiative_id, indicator_id, on_track, latest_level, latest_value);
