"""Seeds a migrated SQLite database for the benchmarks: employers with an image and its four
thumbnails, and a staff user holding permission 4222 with a token. Prints the token."""
import hashlib, secrets, sqlite3, sys
from datetime import datetime, timezone

db_path, count = sys.argv[1], int(sys.argv[2])
now = datetime.now(timezone.utc).strftime("%Y-%m-%d %H:%M:%S.%f")
db = sqlite3.connect(db_path)
with db:
    cur = db.execute(
        "INSERT INTO users (username, password_hash, is_staff, is_superuser, is_active, date_joined) "
        "VALUES ('bench-staff', '', 1, 0, 1, ?)", (now,))
    user_id = cur.lastrowid
    db.execute("INSERT INTO user_permissions (user_id, code) VALUES (?, 4222)", (user_id,))
    key = secrets.token_hex(24)
    db.execute("INSERT INTO auth_tokens (user_id, key_hash, created_at) VALUES (?, ?, ?)",
               (user_id, hashlib.sha256(key.encode()).digest(), now))
    for i in range(1, count + 1):
        stem = f"logo_{i}"
        cur = db.execute(
            "INSERT INTO media_images (name, type, file, size, width, height, mode, created_at) "
            "VALUES (?, 'image/png', ?, 5123, 225, 225, 'P', ?)",
            (stem, f"core_media/2026/01/13/{stem}.png", now))
        image_id = cur.lastrowid
        db.executemany(
            "INSERT INTO media_thumbnails (image_id, box_size, file, bytes) VALUES (?, ?, ?, ?)",
            [(image_id, box, f"core_media/2026/01/13/thumbnails/{stem}_thumbnail_{box}x{box}.jpg", 2000)
             for box in (64, 128, 512, 1080)])
        name = f"همکاران سیستم {i}"
        db.execute(
            "INSERT INTO employers (name, normalized_name, description, image_id, created_at, updated_at) "
            "VALUES (?, ?, ?, ?, ?, ?)",
            (name, name, "همکاران سیستم شرکتی در زمینه نرم‌افزار است", image_id, now, now))
print(key)
