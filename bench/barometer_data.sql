-- Fills a demo database (`essaim demo --initiatives N`) with impact plans and measurements for
-- bench/barometer.sh, in bulk SQL through the sqlite3 CLI, in one transaction.
--
-- The shell substitutes @P@ (plan entries per initiative), @KB@ (measurements per entry) and
-- @EXTRA@ (how many entries get one more measurement), so that entries × KB + EXTRA is the
-- number of measurements asked for. Every initiative becomes published (the demo leaves about
-- 8% in draft), and every initiative without a plan (the demo territory's own plans stay) gets
-- P distinct indicators of the catalogue.
--
-- The denormalised columns are consistent with the measurements by construction: all three
-- are computed from the same view `mv`, measurement k of entry n being a pure function of
-- (n, k), with the rules of domain::impact (latest by period end, current measurements only,
-- on track when the share of the way covered reaches the share of the time elapsed, the
-- latest measurement of each calendar year in impact_entry_years). Nothing is superseded;
-- every tenth measurement of level 2 or more is verified.
PRAGMA journal_mode = OFF;
PRAGMA synchronous = OFF;
PRAGMA cache_size = -2000000;
PRAGMA temp_store = MEMORY;
PRAGMA foreign_keys = OFF;
BEGIN;

UPDATE initiatives SET status = 'published' WHERE status <> 'published';

CREATE TEMP TABLE ind AS
    SELECT row_number() OVER (ORDER BY code) - 1 AS j, id, direction
    FROM impact_indicators WHERE status = 'published';

-- Entries numbered in the order of their ids, so that measurements are appended to the
-- (entry_id, period_end) index in order.
CREATE TEMP TABLE raw AS
    WITH RECURSIVE ps(p) AS (SELECT 0 UNION ALL SELECT p + 1 FROM ps WHERE p + 1 < @P@)
    SELECT randomblob(16) AS id, i.id AS initiative_id, ind.id AS indicator_id, ind.direction
    FROM initiatives i CROSS JOIN ps
    JOIN ind ON ind.j = (i.num * 7 + ps.p * 11) % (SELECT count(*) FROM ind)
    WHERE NOT EXISTS (SELECT 1 FROM impact_plan_entries e WHERE e.initiative_id = i.id);

CREATE TEMP TABLE ent (
    n INTEGER PRIMARY KEY, id BLOB, initiative_id BLOB, indicator_id BLOB,
    b REAL, t REAL, bon REAL, kk INTEGER, f REAL
);
INSERT INTO ent
    SELECT n, id, initiative_id, indicator_id, b,
        CASE direction WHEN 'increase' THEN b + 100 ELSE b - 50 END,
        julianday('2019-01-01') + n % 365,
        @KB@ + (n <= @EXTRA@),
        0.6 + ((n * 7) % 9) / 10.0
    FROM (SELECT row_number() OVER (ORDER BY id) AS n, *, 100.0 + abs(random()) % 50 AS b FROM raw);
DROP TABLE raw;

CREATE TEMP TABLE ks (k INTEGER PRIMARY KEY);
INSERT INTO ks WITH RECURSIVE s(k) AS (SELECT 1 UNION ALL SELECT k + 1 FROM s WHERE k < @KB@ + 1)
    SELECT k FROM s;

-- Measurement k of entry n. The target date is six years (2,190 days) after the baseline, and
-- measurements are spread evenly before it.
CREATE TEMP VIEW mv AS
    SELECT n, k, id, kk, b, t, bon, pe, value, level,
        CASE WHEN (value - b) / (t - b) + 1e-9 >= min(1.0, (pe - bon) / 2190.0) THEN 1 ELSE 0 END
            AS on_track,
        (k % 10 = 0 AND level >= 2) AS verified
    FROM (
        SELECT ent.n, ks.k, ent.id, ent.kk, ent.b, ent.t, ent.bon,
            ent.bon + ks.k * (2190 / (@KB@ + 2)) AS pe,
            round(ent.b + (ent.t - ent.b) * (ks.k * 1.0 / ent.kk)
                * (ent.f + ((ks.k * 13 + ent.n) % 5 - 2) / 10.0), 2) AS value,
            CASE WHEN ent.n % 50 = 0 AND ks.k * 2 > ent.kk THEN 5
                ELSE CASE (ent.n * 31 + ks.k) % 10
                    WHEN 0 THEN 1 WHEN 1 THEN 1 WHEN 2 THEN 1 WHEN 3 THEN 1
                    WHEN 4 THEN 2 WHEN 5 THEN 2 WHEN 6 THEN 2
                    WHEN 7 THEN 3 WHEN 8 THEN 3 ELSE 4 END
            END AS level
        FROM ent JOIN ks ON ks.k <= ent.kk
    );

INSERT INTO impact_measurements (id, entry_id, value, period_start, period_end, source, method,
        evidence_level, verified_at, created_at)
    SELECT randomblob(16), id, value, date(pe), date(pe), 'Banc du baromètre', '', level,
        CASE WHEN verified THEN date(pe + 30) || 'T12:00:00Z' END,
        date(pe + 1) || 'T09:00:00Z'
    FROM mv;

-- The latest measurement is the one of the largest k (bare columns of max()).
INSERT INTO impact_plan_entries (id, initiative_id, indicator_id, baseline_value, baseline_on,
        target_value, target_on, created_at, latest_value, latest_on, latest_level,
        measurement_count, verified_count, on_track)
    SELECT ent.id, ent.initiative_id, ent.indicator_id, ent.b, date(ent.bon), ent.t,
        date(ent.bon + 2190), date(ent.bon) || 'T08:00:00Z',
        m.value, date(m.pe), m.level, m.c, m.v, m.on_track
    FROM ent JOIN (SELECT n, max(k), value, pe, level, on_track, count(*) AS c,
            sum(verified) AS v FROM mv GROUP BY n) m ON m.n = ent.n;

INSERT INTO impact_entry_years (entry_id, year, value, evidence_level, on_track)
    SELECT id, year, value, level, on_track FROM (
        SELECT id, CAST(strftime('%Y', pe) AS INTEGER) AS year, max(k), value, level, on_track
        FROM mv GROUP BY n, year);

COMMIT;
PRAGMA journal_mode = WAL;
