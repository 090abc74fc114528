"""Seeds a migrated SQLite database for the benchmarks: employers with an image and its four
thumbnails, and a staff user holding permission 4222 with a token. Prints the token.

Names and descriptions are drawn (with a fixed seed) from Persian and English words, so that a
search term matches a realistic share of rows; normalised forms follow EmployerName.Normalize."""
import hashlib, random, secrets, sqlite3, sys
from datetime import datetime, timedelta, timezone

FA = ("همکاران سیستم شرکت نرم‌افزار گروه صنعتی فناوری داده پارس ایران توسعه مهندسی بازرگانی "
      "خدمات تجارت الکترونیک آینده نوین پیشرو کیان آریا راهکار سامانه هوشمند ارتباطات").split()
EN = "alpha systems software data cloud group labs works studio digital trading solutions".split()

IGNORED = dict.fromkeys(map(ord, "\u200c\u0640\u200b\u200d\ufeff\u200e\u200f\u061c"))
FOLD = str.maketrans({"\u064a": "\u06cc", "\u0649": "\u06cc", "\u0643": "\u06a9",
                      **{chr(0x06F0 + d): str(d) for d in range(10)}, **{chr(0x0660 + d): str(d) for d in range(10)}})


def normalize(text):
    return " ".join(text.translate(IGNORED).translate(FOLD).upper().lower().split())


db_path, count = sys.argv[1], int(sys.argv[2])
rng = random.Random(42)
start = datetime(2026, 1, 1, tzinfo=timezone.utc)
stamp = lambda t: t.strftime("%Y-%m-%d %H:%M:%S.%f")
now = stamp(datetime.now(timezone.utc))
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
        words = FA if rng.random() < 0.8 else EN
        name = f"{rng.choice(words)} {rng.choice(words)} {i}"
        description = " ".join(rng.choice(FA) for _ in range(8)) + " است"
        created = stamp(start + timedelta(seconds=i * 37))
        db.execute(
            "INSERT INTO employers (name, normalized_name, description, normalized_description, image_id, created_at, updated_at) "
            "VALUES (?, ?, ?, ?, ?, ?, ?)",
            (name, normalize(name), description, normalize(description), image_id, created, created))
print(key)
