#!/usr/bin/env bash
# The console's employers page on the embedded default (SQLite) with 10,000 employers: server time
# of page 1, a deep page and a Persian search under wrk with one connection (one request's time,
# not a queue's), the same pages at 16 connections, and the bytes a browser fetches for the page
# without its images (HTML, stylesheet, script, font; each also gzip-compressed as a proxy would
# send them). Signs in through the console's own form. Writes the figures into docs/benchmarks.md.
# Usage: bench/console.sh [duration_seconds_per_case]
set -euo pipefail
source "$(dirname "$0")/lib/common.sh"
need wrk "apt-get install wrk"; need python3 "Debian's python3"; need curl "apt-get install curl"
DURATION="${1:-10}"; COUNT=10000
PASSWORD="bench console password"

build_release
start_service
stop_service   # the first start migrated the database
python3 "$ROOT/bench/lib/seed_sqlite.py" "$BENCH_TMP/data/portfolio.db" "$COUNT" >/dev/null
(cd "$BENCH_TMP" && env ConnectionStrings__Default="Data Source=$BENCH_TMP/data/portfolio.db" Media__Root="$BENCH_TMP/media" \
  PORTFOLIO_SUPERUSER_PASSWORD="$PASSWORD" dotnet "$SERVICE_DLL" createsuperuser --username bench-admin --noinput >/dev/null)
start_service

# Sign in as a browser does: the form's hidden fields, then the post; the cookie jar keeps the session.
JAR="$BENCH_TMP/cookies"
FORM=$(curl -fs -c "$JAR" -b "$JAR" "$BASE_URL/admin/signin")
python3 - "$FORM" "$PASSWORD" >"$BENCH_TMP/signin.form" <<'PY'
import re, sys, urllib.parse
page, password = sys.argv[1:]
fields = dict(re.findall(r'<input type="hidden" name="([^"]+)" value="([^"]*)"', page))
fields.update({"Form.Username": "bench-admin", "Form.Password": password})
print(urllib.parse.urlencode({k: v.replace("&#x2B;", "+").replace("&#x2F;", "/").replace("&#x3D;", "=") for k, v in fields.items()}), end="")
PY
STATUS=$(curl -s -o /dev/null -w '%{http_code}' -c "$JAR" -b "$JAR" --data-binary @"$BENCH_TMP/signin.form" \
  -H 'Content-Type: application/x-www-form-urlencoded' "$BASE_URL/admin/signin")
[ "$STATUS" = 302 ] || { echo "sign-in answered $STATUS" >&2; exit 1; }
COOKIE=$(awk '$6 == "portfolio_console" {print $6 "=" $7}' "$JAR")
[ -n "$COOKIE" ] || { echo "no console cookie after sign-in" >&2; exit 1; }

SEARCH=$(python3 -c 'import urllib.parse; print(urllib.parse.quote("سیستم"))')
CASES=("page 1|/admin/employers" "page 250 of 500|/admin/employers?page=250" "search سیستم, page 1|/admin/employers?search=$SEARCH" "by name, page 100|/admin/employers?ordering=name&page=100")
for case in "${CASES[@]}"; do
  path="${case#*|}"
  # Fail loudly rather than measure a sign-in page or an error.
  code=$(curl -s -o "$BENCH_TMP/page.html" -w '%{http_code}' -H "Cookie: $COOKIE" "$BASE_URL$path")
  [ "$code" = 200 ] && grep -q '<table>' "$BENCH_TMP/page.html" || { echo "$path answered $code without a table" >&2; exit 1; }
done

MACHINE=$(machine_line)
: >"$BENCH_TMP/results"
i=0
for case in "${CASES[@]}"; do
  name="${case%%|*}"; path="${case#*|}"; i=$((i + 1))
  wrk -t1 -c1 -d3s -H "Cookie: $COOKIE" "$BASE_URL$path" >/dev/null
  wrk -t1 -c1 -d"${DURATION}s" --latency -H "Cookie: $COOKIE" "$BASE_URL$path" >"$BENCH_TMP/one-$i.txt"
  wrk -t2 -c16 -d"${DURATION}s" --latency -H "Cookie: $COOKIE" "$BASE_URL$path" >"$BENCH_TMP/sixteen-$i.txt"
  echo "$name|$path|$BENCH_TMP/one-$i.txt|$BENCH_TMP/sixteen-$i.txt" >>"$BENCH_TMP/results"
done
RSS_MB=$(awk '/VmHWM/{printf "%d", $2/1024}' "/proc/$SERVICE_PID/status")

# What a browser fetches for page 1, images left out.
bytes() { curl -fs -H "Cookie: $COOKIE" "$@" | wc -c; }
gz() { curl -fs -H "Cookie: $COOKIE" "$@" | gzip -6 | wc -c; }
SIZES="$(bytes "$BASE_URL/admin/employers") $(gz "$BASE_URL/admin/employers") \
$(bytes "$BASE_URL/admin/assets/console.css") $(gz "$BASE_URL/admin/assets/console.css") \
$(bytes "$BASE_URL/admin/assets/console.js") $(gz "$BASE_URL/admin/assets/console.js") \
$(bytes "$BASE_URL/admin/assets/fonts/Vazirmatn.woff2")"

python3 - "$BENCH_TMP/results" "$BENCH_TMP/section.md" "$MACHINE" "$DURATION" "$RSS_MB" "$SIZES" <<'PY'
import re, sys
results, out, machine, duration, rss, sizes = sys.argv[1:]
html, html_gz, css, css_gz, js, js_gz, font = map(int, sizes.split())
def parse(path):
    text = open(path).read()
    if re.search(r"Non-2xx or 3xx responses: (\d+)", text) or "Socket errors" in text:
        sys.exit(f"{path}: errors during the run:\n{text}")
    rate = float(re.search(r"Requests/sec:\s+([\d.]+)", text).group(1))
    def ms(p):
        value, unit = re.search(rf"^\s+{p}%\s+([\d.]+)(us|ms|s)\s*$", text, re.M).groups()
        return float(value) * {"us": 0.001, "ms": 1, "s": 1000}[unit]
    return rate, ms("50"), ms("99")
rows, worst = [], 0.0
for line in open(results):
    name, path, one, sixteen = line.rstrip("\n").split("|")
    _, p50, p99 = parse(one)
    rate, p50_16, p99_16 = parse(sixteen)
    worst = max(worst, p50)
    rows.append(f"| {name} | `{path}` | {p50:.2f} | {p99:.2f} | {rate:,.0f} | {p50_16:.2f} | {p99_16:.2f} |")
kb = lambda b: f"{b / 1024:.1f} KB"
page = html + css + js
verdict = lambda ok: "met" if ok else "MISSED"
with open(out, "w") as f:
    f.write(f"""## The console's employers page (SQLite, 10,000 employers)

Command: `bench/console.sh {duration}` — Release build, signed in through the console's own form,
wrk for {duration} s per case after a 3 s warm-up: one connection (each figure is one request's
server time on loopback) and 16 connections. Every employer has an image with four thumbnails;
each row of the page shows the 64 px one. Machine: {machine}.

| case | path | p50 ms (1 conn.) | p99 ms (1 conn.) | requests/s (16 conn.) | p50 ms (16) | p99 ms (16) |
|---|---|---:|---:|---:|---:|---:|
""" + "\n".join(rows) + f"""

- Slowest p50 at one connection: **{worst:.2f} ms** (target at most 20 ms: {verdict(worst <= 20)}).
- Page 1 without its images: HTML {kb(html)} ({kb(html_gz)} gzip), stylesheet {kb(css)} ({kb(css_gz)} gzip),
  script {kb(js)} ({kb(js_gz)} gzip): **{kb(page)}** uncompressed (target at most 100 KB: {verdict(page <= 100 * 1024)}).
  The Persian font (Vazirmatn, variable weight, woff2, already compressed) is {kb(font)} more, fetched once
  and cached by the browser; with it the first visit is {kb(page + font)}.
- Peak service memory (VmHWM) at the end of the runs: {rss} MB.
""")
print(open(out).read())
PY
write_section console "$BENCH_TMP/section.md"
