-- Erased accounts (a person's right to erasure): the row stays, for the contributions that
-- point at it, with its personal fields blanked and the time of erasure here.
-- Same number and purpose as postgres/migrations/0007_people_erasure.sql.
ALTER TABLE people ADD COLUMN deleted_at TEXT;
