-- The catalogue's facet values of each initiative in one column ("c:alimentation d:29 …"),
-- written with the other index fields, so that facets are counted in one pass over the matches.
-- Same number and purpose as sqlite/migrations/0005_initiative_facet_keys.sql.
ALTER TABLE initiatives ADD COLUMN facet_keys TEXT NOT NULL DEFAULT '';
