-- Seeds a migrated PostgreSQL database for the benchmarks, as seed_sqlite.py does a SQLite one:
-- :count employers (ids 1..:count on a fresh database), each with an image and its four
-- thumbnails, and a staff user holding permission 4222 whose token :'key' is stored as its SHA-256.
-- Names and descriptions are drawn (with a fixed seed) from the same Persian and English words as
-- seed_sqlite.py, in the same proportions, so that a search term matches a like share of rows;
-- the words need no normalisation beyond dropping the ZWNJ. One statement per table, and the
-- trigram indexes built once after the rows rather than row by row (as they are defined, read back
-- from the catalogue), so that a million employers take minutes, not a quarter of an hour.
-- Usage: psql -v count=1000 -v key=<48 hex digits> -f seed_postgres.sql
BEGIN;

WITH staff AS (
    INSERT INTO users (username, password_hash, is_staff, is_superuser, is_active, date_joined)
    VALUES ('bench-staff', '', true, false, true, now())
    RETURNING id
), grant_4222 AS (
    INSERT INTO user_permissions (user_id, code) SELECT id, 4222 FROM staff
)
INSERT INTO auth_tokens (user_id, key_hash, created_at)
SELECT id, sha256(convert_to(:'key', 'UTF8')), now() FROM staff;

INSERT INTO media_images (name, type, file, size, width, height, mode, created_at)
SELECT 'logo_' || i, 'image/png', 'core_media/2026/01/13/logo_' || i || '.png', 5123, 225, 225, 'P', now()
FROM generate_series(1, :count) AS i;

INSERT INTO media_thumbnails (image_id, box_size, file, bytes)
SELECT m.id, box, 'core_media/2026/01/13/thumbnails/' || m.name || '_thumbnail_' || box || 'x' || box || '.jpg', 2000
FROM media_images AS m CROSS JOIN unnest(ARRAY[64, 128, 512, 1080]) AS box;

CREATE TEMPORARY TABLE trigram_indexes ON COMMIT DROP AS
SELECT indexname, indexdef FROM pg_indexes WHERE tablename = 'employers' AND indexdef LIKE '%gin_trgm_ops%';
SELECT format('DROP INDEX %I', indexname) FROM trigram_indexes \gexec

SELECT setseed(0.42) AS seeded \gset
CREATE TEMPORARY TABLE words ON COMMIT DROP AS
SELECT string_to_array('همکاران سیستم شرکت نرم‌افزار گروه صنعتی فناوری داده پارس ایران توسعه مهندسی بازرگانی '
                       'خدمات تجارت الکترونیک آینده نوین پیشرو کیان آریا راهکار سامانه هوشمند ارتباطات', ' ') AS fa,
       string_to_array('alpha systems software data cloud group labs works studio digital trading solutions', ' ') AS en;

INSERT INTO employers (name, normalized_name, description, normalized_description, image_id, created_at, updated_at)
SELECT e.name, replace(e.name, U&'\200C', ''), e.description, replace(e.description, U&'\200C', ''), e.id,
       timestamptz '2026-01-01 00:00:00+00' + e.id * interval '37 seconds',
       timestamptz '2026-01-01 00:00:00+00' + e.id * interval '37 seconds'
FROM (
    SELECT m.id,
           (SELECT p[1 + floor(random() * cardinality(p))::int] || ' ' || p[1 + floor(random() * cardinality(p))::int]
            FROM (SELECT CASE WHEN random() < 0.8 THEN w.fa ELSE w.en END AS p WHERE m.id > 0) AS pick) || ' ' || m.id AS name,
           -- Correlated (m.id), so that it is drawn again for every row rather than once; the
           -- aggregate's argument names g, so that it aggregates the eight words, not the rows.
           (SELECT string_agg(w.fa[g - g + 1 + floor(random() * cardinality(w.fa))::int], ' ')
            FROM generate_series(1, 8) AS g WHERE m.id > 0) || ' است' AS description
    FROM media_images AS m CROSS JOIN words AS w
    ORDER BY m.id
) AS e
ORDER BY e.id;

-- The generation is raised by triggers deferred to the commit, and an index cannot be built on a
-- table with such triggers still to fire: fire them now.
SET CONSTRAINTS ALL IMMEDIATE;
SET LOCAL maintenance_work_mem = '256MB';
SELECT indexdef FROM trigram_indexes \gexec

COMMIT;
VACUUM ANALYZE;
