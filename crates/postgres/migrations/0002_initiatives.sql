-- Initiatives and recipes: records, revisions, challenges, the side tables the catalogue
-- filters on, and the full-text index. Same number and purpose as sqlite/migrations/0002.

CREATE TABLE challenges (
    code     TEXT PRIMARY KEY NOT NULL,
    name_fr  TEXT NOT NULL,
    name_en  TEXT NOT NULL,
    sdgs     TEXT NOT NULL DEFAULT '',
    position INTEGER NOT NULL
);
-- The starting list (domain::initiative::DEFAULT_CHALLENGES); admins add more.
INSERT INTO challenges (code, name_fr, name_en, sdgs, position) VALUES
    ('inclusion', 'Inclusion', 'Inclusion', '1,10', 1),
    ('education', 'Éducation', 'Education', '4', 2),
    ('transition-ecologique', 'Transition écologique', 'Ecological transition', '7,12,13,15', 3),
    ('solidarite-intergenerationnelle', 'Solidarité intergénérationnelle', 'Intergenerational solidarity', '3,10', 4),
    ('cohesion-territoires-ruralite', 'Cohésion des territoires et ruralité', 'Territorial cohesion and rural life', '10,11', 5),
    ('emploi-insertion', 'Emploi et insertion', 'Employment and integration', '8', 6),
    ('alimentation', 'Alimentation', 'Food', '2,12', 7),
    ('habitat', 'Habitat', 'Housing', '11', 8),
    ('sante', 'Santé', 'Health', '3', 9),
    ('culture', 'Culture', 'Culture', '4,11', 10),
    ('numerique-inclusif', 'Numérique inclusif', 'Digital inclusion', '4,9,10', 11),
    ('mobilite', 'Mobilité', 'Mobility', '9,11', 12),
    ('economie-circulaire', 'Économie circulaire', 'Circular economy', '12', 13),
    ('egalite-des-chances', 'Égalité des chances', 'Equal opportunities', '4,5,10', 14),
    ('handicap', 'Handicap', 'Disability', '10', 15),
    ('citoyennete', 'Citoyenneté', 'Citizenship', '16,17', 16);

CREATE TABLE initiatives (
    id          UUID PRIMARY KEY,
    sort_title  TEXT NOT NULL,
    stage       TEXT NOT NULL,
    status      TEXT NOT NULL CHECK (status IN ('draft', 'published', 'archived')),
    content     TEXT NOT NULL,
    created_by  UUID REFERENCES people (id) ON DELETE SET NULL,
    forked_from UUID REFERENCES initiatives (id) ON DELETE SET NULL,
    revision    INTEGER NOT NULL,
    created_at  TIMESTAMPTZ NOT NULL,
    updated_at  TIMESTAMPTZ NOT NULL,
    -- The analyser's stems (domain::search): title weighted A, the rest B.
    search      TSVECTOR NOT NULL DEFAULT ''
);
CREATE INDEX initiatives_search_idx ON initiatives USING GIN (search);
CREATE INDEX initiatives_status_updated_idx ON initiatives (status, updated_at);
CREATE INDEX initiatives_sort_title_idx ON initiatives (sort_title);
CREATE INDEX initiatives_forked_from_idx ON initiatives (forked_from);
CREATE INDEX initiatives_created_by_idx ON initiatives (created_by);

CREATE TABLE initiative_revisions (
    initiative_id UUID NOT NULL REFERENCES initiatives (id) ON DELETE CASCADE,
    number        INTEGER NOT NULL,
    author_id     UUID REFERENCES people (id) ON DELETE SET NULL,
    created_at    TIMESTAMPTZ NOT NULL,
    message       TEXT NOT NULL,
    content       TEXT NOT NULL,
    PRIMARY KEY (initiative_id, number)
);
CREATE INDEX initiative_revisions_author_id_idx ON initiative_revisions (author_id);

CREATE TABLE initiative_challenges (
    initiative_id  UUID NOT NULL REFERENCES initiatives (id) ON DELETE CASCADE,
    challenge_code TEXT NOT NULL REFERENCES challenges (code),
    PRIMARY KEY (initiative_id, challenge_code)
);
CREATE INDEX initiative_challenges_code_idx ON initiative_challenges (challenge_code);

CREATE TABLE initiative_territories (
    initiative_id UUID NOT NULL REFERENCES initiatives (id) ON DELETE CASCADE,
    reference     TEXT NOT NULL,
    PRIMARY KEY (initiative_id, reference)
);
CREATE INDEX initiative_territories_reference_idx ON initiative_territories (reference);

CREATE TABLE initiative_departements (
    initiative_id UUID NOT NULL REFERENCES initiatives (id) ON DELETE CASCADE,
    code          TEXT NOT NULL,
    PRIMARY KEY (initiative_id, code)
);
CREATE INDEX initiative_departements_code_idx ON initiative_departements (code);

CREATE TABLE initiative_regions (
    initiative_id UUID NOT NULL REFERENCES initiatives (id) ON DELETE CASCADE,
    code          TEXT NOT NULL,
    PRIMARY KEY (initiative_id, code)
);
CREATE INDEX initiative_regions_code_idx ON initiative_regions (code);

CREATE TABLE initiative_structures (
    initiative_id UUID NOT NULL REFERENCES initiatives (id) ON DELETE CASCADE,
    structure_id  UUID NOT NULL REFERENCES structures (id) ON DELETE CASCADE,
    role          TEXT NOT NULL,
    PRIMARY KEY (initiative_id, structure_id, role)
);
CREATE INDEX initiative_structures_structure_id_idx ON initiative_structures (structure_id);

