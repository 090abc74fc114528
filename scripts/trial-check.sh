#!/usr/bin/env bash
# The check CI runs against a trial that scripts/trial-up.sh brought up: two instances, one
# database, one S3 endpoint, nginx in front. What one instance writes, the other reads, changes and
# deletes at once; files uploaded through one download through the other's URLs; through nginx the
# forwarded host makes the links; failed logins through one instance count on the other.
# Exit status 0 only when every check passed. Needs python3 with requests.
set -euo pipefail
TRIAL_DIR="${TRIAL_DIR:-/tmp/portfolio-trial}"
[ -f "$TRIAL_DIR/trial.env" ] || { echo "trial-check: no trial in $TRIAL_DIR (scripts/trial-up.sh)" >&2; exit 1; }
exec python3 - "$TRIAL_DIR/trial.env" <<'PY'
import os, struct, subprocess, sys, uuid, zlib
import requests

env = dict(line.split("=", 1) for line in open(sys.argv[1]).read().splitlines() if "=" in line)
A, B, NGINX = env["A_URL"], env["B_URL"], env["NGINX_URL"]
AUTH = {"Authorization": "Token " + env["TOKEN"]}
failed = []

def check(ok, what):
    print(("ok    " if ok else "FAIL  ") + what)
    if not ok:
        failed.append(what)
    return ok

def png():
    # A small PNG whose colour is unique to this run, so that a download proves which file it is.
    w, h, rgb = 48, 32, uuid.uuid4().bytes[:3]
    raw = b"".join(b"\0" + rgb * w for _ in range(h))
    chunk = lambda t, d: struct.pack(">I", len(d)) + t + d + struct.pack(">I", zlib.crc32(t + d))
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", w, h, 8, 2, 0, 0, 0)) + chunk(b"IDAT", zlib.compress(raw)) + chunk(b"IEND", b"")

def get(base, path):
    return requests.get(base + path, headers=AUTH, timeout=10)

def upload(base, name):
    content = png()
    r = requests.post(base + "/api/core/media", headers=AUTH, files={"file": (name, content, "image/png")}, timeout=30)
    check(r.status_code == 201, f"upload {name} through {base} answers 201 (got {r.status_code})")
    return r.json(), content

def downloads(url, content=None):
    r = requests.get(url, timeout=10)
    return r.status_code == 200 and (content is None or r.content == content)

def sql(statement, *args):
    # Used only while the employer write API is not in this build: rows straight into the database.
    if env["TRIAL_DB"] == "sqlite":
        import sqlite3
        with sqlite3.connect(env["DB_FILE"]) as db:
            return db.execute(statement, args).lastrowid
    literal = lambda v: "NULL" if v is None else str(v) if isinstance(v, int) else "'" + str(v).replace("'", "''") + "'"
    text = statement.replace("?", "{}").format(*map(literal, args)) + " RETURNING id"
    out = subprocess.run([env["PG_BIN"] + "/psql", "-h", "127.0.0.1", "-p", env["PG_PORT"], "-U", "postgres", "-d", "portfolio",
                          "-tAc", text], check=True, capture_output=True, text=True).stdout
    return int(out.split()[0]) if out.strip() else None

print("health")
for base in (A, B, NGINX):
    check(requests.get(base + "/healthz", timeout=5).status_code == 200, f"{base}/healthz answers 200")
    check(requests.get(base + "/readyz", timeout=5).status_code == 200, f"{base}/readyz answers 200 (database and storage)")

print("an image and an employer written through A, read, changed and deleted through B")
image, content = upload(A, "trial-a.png")
check(get(B, f"/api/core/media/{image['id']}").json() == image, "B answers the image exactly as A created it")
check(downloads(image["f"], content), "the original downloads from the public base URL, byte for byte")
check(all(downloads(t["f"]) for t in image["thumbnails"]), "its four thumbnails download")

name = f"Trial employer {uuid.uuid4().hex[:8]}"
created = requests.post(A + "/api/portfolios/employers", headers=AUTH, timeout=10,
                        json={"name": name, "description": "made through A", "image": image["id"]})
# 404/405: this build has no employer writes yet (they come with issue 5).
writes = created.status_code not in (404, 405)
if writes:
    check(created.status_code == 201, f"POST /api/portfolios/employers through A answers 201 (got {created.status_code})")
    employer = created.json()["id"]
else:
    print(f"skipped: employer writes not available (POST /api/portfolios/employers answers {created.status_code} in this build);"
          " the employer is written straight into the database instead")
    employer = sql("INSERT INTO employers (name, normalized_name, description, image_id, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?)",
                   name, " ".join(name.lower().split()), "made in the database", image["id"], "2026-01-13 09:55:00.750306", "2026-01-13 09:55:00.750306")
read = get(B, f"/api/portfolios/employers/{employer}")
check(read.status_code == 200 and read.json()["name"] == name and read.json()["image_data"]["id"] == image["id"],
      "B reads the employer with its image")
get(A, f"/api/portfolios/employers/{employer}")  # both instances now remember it

renamed = name + " renamed"
if writes:
    changed = requests.patch(f"{B}/api/portfolios/employers/{employer}", headers=AUTH, json={"name": renamed}, timeout=10)
    check(changed.status_code == 200, f"PATCH through B answers 200 (got {changed.status_code})")
else:
    sql("UPDATE employers SET name = ?, normalized_name = ? WHERE id = ?", renamed, " ".join(renamed.lower().split()), employer)
check(get(A, f"/api/portfolios/employers/{employer}").json()["name"] == renamed, "A reads the new name at once")

check(requests.delete(f"{B}/api/core/media/{image['id']}", headers=AUTH, timeout=10).status_code == 204, "B deletes the image")
check(get(A, f"/api/core/media/{image['id']}").status_code == 404, "A answers 404 for the image at once")
check(get(A, f"/api/portfolios/employers/{employer}").json()["image_data"] is None, "A shows the employer without its image at once")
check(not downloads(image["f"]), "the image's file is gone from the bucket")

if writes:
    check(requests.delete(f"{B}/api/portfolios/employers/{employer}", headers=AUTH, timeout=10).status_code == 204, "B deletes the employer")
else:
    sql("DELETE FROM employers WHERE id = ?", employer)
check(get(A, f"/api/portfolios/employers/{employer}").status_code == 404, "A answers 404 for the employer at once")

print("an upload through one instance downloads through the other's answer")
image, content = upload(B, "trial-b.png")
seen = get(A, f"/api/core/media/{image['id']}")
check(seen.status_code == 200 and downloads(seen.json()["f"], content), "A's URL for B's upload downloads the same bytes")

print("through nginx")
image, content = upload(NGINX, "trial-nginx.png")
check(get(A, f"/api/core/media/{image['id']}").status_code == 200 and get(B, f"/api/core/media/{image['id']}").status_code == 200,
      "both instances read what went in through nginx")
listing = get(NGINX, "/api/core/media?page_size=1").json()
check((listing["next"] or "").startswith(NGINX + "/api/core/media?"), f"links use the host nginx forwarded ({listing['next']})")

print("the login throttle holds across instances")
nobody = f"nobody-{uuid.uuid4().hex[:8]}"
answers = [requests.post(base + "/api/auth/token", json={"username": nobody, "password": "wrong"}, timeout=10).status_code
           for base in [A, B] * 5]
check(answers == [400] * 10, "ten failed logins for one username, alternating A and B, each answer 400")
last = requests.post(NGINX + "/api/auth/token", json={"username": nobody, "password": "wrong"}, timeout=10)
check(last.status_code == 429 and "Retry-After" in last.headers, f"the eleventh, through nginx, answers 429 (got {last.status_code})")

print(f"\ntrial-check: {len(failed)} failed" + "".join(f"\n  {f}" for f in failed))
sys.exit(1 if failed else 0)
PY
