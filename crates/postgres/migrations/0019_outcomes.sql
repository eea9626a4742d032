-- Impact contracts (contrats à impact): a labelled funder structure proposes outcomes to an
-- initiative (a plan entry, a threshold, a due date, a payment); the initiative's editors sign
-- or decline; either party ends it. Reached outcomes are computed from verified measurements at
-- read time, never stored. Same number and purpose as sqlite/migrations/0019_outcomes.sql.

CREATE TABLE impact_contracts (
    id                  UUID PRIMARY KEY,
    initiative_id       UUID NOT NULL REFERENCES initiatives (id) ON DELETE CASCADE,
    funder_structure_id UUID NOT NULL REFERENCES structures (id),
    proposed_by         UUID REFERENCES people (id) ON DELETE SET NULL,
    title               TEXT NOT NULL,
    -- Markdown.
    terms               TEXT NOT NULL DEFAULT '',
    -- YYYY-MM-DD: measurements count from this day.
    starts_on           TEXT NOT NULL,
    status              TEXT NOT NULL DEFAULT 'proposed' CHECK (status IN
                            ('proposed', 'active', 'declined', 'ended')),
    created_at          TIMESTAMPTZ NOT NULL,
    signed_by           UUID REFERENCES people (id) ON DELETE SET NULL,
    signed_at           TIMESTAMPTZ,
    ended_by            UUID REFERENCES people (id) ON DELETE SET NULL,
    ended_at            TIMESTAMPTZ
);
CREATE INDEX impact_contracts_initiative_id_idx ON impact_contracts (initiative_id);
CREATE INDEX impact_contracts_funder_idx ON impact_contracts (funder_structure_id);
CREATE INDEX impact_contracts_proposed_by_idx ON impact_contracts (proposed_by);
CREATE INDEX impact_contracts_signed_by_idx ON impact_contracts (signed_by);
CREATE INDEX impact_contracts_ended_by_idx ON impact_contracts (ended_by);

CREATE TABLE impact_contract_outcomes (
    id            UUID PRIMARY KEY,
    contract_id   UUID NOT NULL REFERENCES impact_contracts (id) ON DELETE CASCADE,
    entry_id      UUID NOT NULL REFERENCES impact_plan_entries (id),
    threshold     DOUBLE PRECISION NOT NULL,
    -- YYYY-MM-DD.
    due_on        TEXT NOT NULL,
    payment_cents BIGINT NOT NULL CHECK (payment_cents > 0),
    position      INTEGER NOT NULL
);
CREATE INDEX impact_contract_outcomes_contract_idx ON impact_contract_outcomes (contract_id, position);
CREATE INDEX impact_contract_outcomes_entry_idx ON impact_contract_outcomes (entry_id);
