-- Challenges (défis) posted and co-owned by structures, and the hackathons that gather them:
-- participants with their attributes, teams formed by the planner and their workspace.
-- The jury and incubation tables come in 0026. Same number and purpose as
-- postgres/migrations/0025_hackathons.sql.

CREATE TABLE defis (
    id          BLOB PRIMARY KEY NOT NULL,
    title       TEXT NOT NULL,
    -- Markdown, sanitised when rendered.
    context     TEXT NOT NULL DEFAULT '',
    question    TEXT NOT NULL,
    deliverable TEXT NOT NULL DEFAULT '',
    -- A territory reference as for initiatives ("departement:29", "commune:29019"), or '' for
    -- the whole country; its département and région for filters.
    territory   TEXT NOT NULL DEFAULT '',
    departement TEXT,
    region      TEXT,
    status      TEXT NOT NULL DEFAULT 'published' CHECK (status IN ('draft', 'published', 'closed')),
    created_by  BLOB REFERENCES people (id) ON DELETE SET NULL,
    created_at  TEXT NOT NULL,
    updated_at  TEXT NOT NULL
);
CREATE INDEX defis_status_idx ON defis (status, updated_at);
CREATE INDEX defis_departement_idx ON defis (departement);

CREATE TABLE defi_challenges (
    defi_id        BLOB NOT NULL REFERENCES defis (id) ON DELETE CASCADE,
    challenge_code TEXT NOT NULL REFERENCES challenges (code),
    PRIMARY KEY (defi_id, challenge_code)
);

-- Owners manage the défi together (associations, public bodies and companies); sponsors back it.
-- A juror from either kind of structure cannot score the défi's teams.
CREATE TABLE defi_structures (
    defi_id      BLOB NOT NULL REFERENCES defis (id) ON DELETE CASCADE,
    structure_id BLOB NOT NULL REFERENCES structures (id) ON DELETE CASCADE,
    role         TEXT NOT NULL CHECK (role IN ('owner', 'sponsor')),
    PRIMARY KEY (defi_id, structure_id)
);
CREATE INDEX defi_structures_structure_idx ON defi_structures (structure_id);

-- A hackathon is an event of kind 'hackathon'; the event's organisers manage it.
CREATE TABLE hackathons (
    event_id   BLOB PRIMARY KEY NOT NULL REFERENCES events (id) ON DELETE CASCADE,
    team_size  INTEGER NOT NULL CHECK (team_size BETWEEN 2 AND 12),
    -- Whether participants see the teams formed (they are adjusted by hand before).
    teams_published INTEGER NOT NULL DEFAULT 0,
    -- The planner's seed of the last formation and when it ran, so a formation can be replayed.
    teams_seed      INTEGER,
    teams_formed_at TEXT,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
);

CREATE TABLE hackathon_defis (
    event_id BLOB NOT NULL REFERENCES hackathons (event_id) ON DELETE CASCADE,
    defi_id  BLOB NOT NULL REFERENCES defis (id) ON DELETE CASCADE,
    PRIMARY KEY (event_id, defi_id)
);
CREATE INDEX hackathon_defis_defi_idx ON hackathon_defis (defi_id);

-- What a registered person tells the organisers, used to mix the teams.
CREATE TABLE hackathon_participants (
    event_id     BLOB NOT NULL REFERENCES hackathons (event_id) ON DELETE CASCADE,
    person_id    BLOB NOT NULL REFERENCES people (id) ON DELETE CASCADE,
    -- The structure the person comes from, if any: kept apart from its colleagues.
    structure_id BLOB REFERENCES structures (id) ON DELETE SET NULL,
    -- public, prive, associatif, citoyen, or '' when not said.
    sector       TEXT NOT NULL DEFAULT '',
    age_band     TEXT NOT NULL DEFAULT '',
    skills       TEXT NOT NULL DEFAULT '',
    created_at   TEXT NOT NULL,
    PRIMARY KEY (event_id, person_id)
);
CREATE INDEX hackathon_participants_person_idx ON hackathon_participants (person_id);

CREATE TABLE hackathon_teams (
    id              BLOB PRIMARY KEY NOT NULL,
    event_id        BLOB NOT NULL REFERENCES hackathons (event_id) ON DELETE CASCADE,
    -- 1, 2, 3… within the hackathon, shown as "Équipe 3" when the team has no name.
    number          INTEGER NOT NULL,
    name            TEXT NOT NULL DEFAULT '',
    defi_id         BLOB REFERENCES defis (id) ON DELETE SET NULL,
    coach_id        BLOB REFERENCES people (id) ON DELETE SET NULL,
    designer_id     BLOB REFERENCES people (id) ON DELETE SET NULL,
    -- The workspace.
    solution_title  TEXT NOT NULL DEFAULT '',
    pitch           TEXT NOT NULL DEFAULT '',
    -- One https link per line.
    prototype_links TEXT NOT NULL DEFAULT '',
    deliverables    TEXT NOT NULL DEFAULT '',
    created_at      TEXT NOT NULL,
    updated_at      TEXT NOT NULL,
    UNIQUE (event_id, number)
);
CREATE INDEX hackathon_teams_defi_idx ON hackathon_teams (defi_id);
-- A person's teams (their export, erasure) are also those they coach or design for.
CREATE INDEX hackathon_teams_coach_idx ON hackathon_teams (coach_id);
CREATE INDEX hackathon_teams_designer_idx ON hackathon_teams (designer_id);

CREATE TABLE hackathon_team_members (
    team_id   BLOB NOT NULL REFERENCES hackathon_teams (id) ON DELETE CASCADE,
    event_id  BLOB NOT NULL REFERENCES hackathons (event_id) ON DELETE CASCADE,
    person_id BLOB NOT NULL REFERENCES people (id) ON DELETE CASCADE,
    PRIMARY KEY (team_id, person_id),
    -- One team per person and hackathon.
    UNIQUE (event_id, person_id),
    -- Every member is a participant: leaving the hackathon leaves the team.
    FOREIGN KEY (event_id, person_id) REFERENCES hackathon_participants (event_id, person_id)
        ON DELETE CASCADE
);
CREATE INDEX hackathon_team_members_person_idx ON hackathon_team_members (person_id);
