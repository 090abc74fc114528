-- Seeds a migrated PostgreSQL database for the benchmarks, as seed_sqlite.py does a SQLite one:
-- :count employers (ids 1..:count on a fresh database), each with an image and its four
-- thumbnails, and a staff user holding permission 4222 whose token :'key' is stored as its SHA-256.
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

INSERT INTO employers (name, normalized_name, description, image_id, created_at, updated_at)
SELECT 'همکاران سیستم ' || m.id, 'همکاران سیستم ' || m.id, 'همکاران سیستم شرکتی در زمینه نرم‌افزار است', m.id, now(), now()
FROM media_images AS m
ORDER BY m.id;

COMMIT;
ANALYZE;
