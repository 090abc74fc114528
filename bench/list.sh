#!/usr/bin/env bash
# List and search latency on the embedded default (SQLite) at 10,000 and 100,000 employers or,
# with --postgres, on a throwaway PostgreSQL cluster at 1,000,000: page 1 and a deep page, plain
# and with ?search=, p50 and p99 under wrk with one connection (so that a figure is one request's
# time, not a queue's), and the median of requests made right after a change of the data, when
# the list's count is not remembered. Writes the figures into docs/benchmarks.md.
# Usage: bench/list.sh [--postgres] [duration_seconds_per_case]
set -euo pipefail
source "$(dirname "$0")/lib/common.sh"
need wrk "apt-get install wrk"; need python3 "Debian's python3"
DB=sqlite
if [ "${1:-}" = "--postgres" ]; then DB=postgres; shift; fi
DURATION="${1:-10}"
COLD_RUNS=20
if [ "$DB" = postgres ]; then
  source "$ROOT/bench/lib/postgres.sh"
  SIZES=(1000000); TARGET_SIZE=1000000
  LABEL="PostgreSQL, 1,000,000 employers"; SECTION=list-postgres; COMMAND="bench/list.sh --postgres $DURATION"
  SEEDER="bench/lib/seed_postgres.sql"
  NOTES="- \`?search=\` is \`LIKE '%term%'\` on the normalised name and description, served by pg_trgm GIN
  indexes. The trigrams only point at candidate rows, and PostgreSQL reads each candidate again to
  check it (the index's Recheck), so an exact count costs one row read per match: a common word is
  a few hundred thousand row reads, which a search's first request pays (\"first asked\"). After
  that the count is carried across changes by the employers' text log; see docs/design.md."
else
  SIZES=(10000 100000); TARGET_SIZE=100000
  LABEL="SQLite, 10,000 and 100,000 employers"; SECTION=list-sqlite; COMMAND="bench/list.sh $DURATION"
  SEEDER="bench/lib/seed_sqlite.py"
  NOTES="- A term without a space is counted on the word index (\`employer_words\`, the employers of each
  word that holds the term, found by a trigram index of the vocabulary); other terms of three
  characters or more, and those held by more than 8 words, read the trigram index
  (\`employer_search\`); a two-letter term goes through the trigram index's vocabulary and an index on
  each text's last two characters. Under a search, a page ordered by another field than id walks
  that field's index when the matches are dense, and a page in the back half is read from the other
  end. Single characters are looked for row by row; see docs/design.md."
fi

# name|query (raw; encoded below). The seeded names and descriptions come from
# bench/lib/seed_sqlite.py or seed_postgres.sql (the same words in the same proportions): "سیستم"
# is in about a third of the rows, "کار" in about half.
CASES=(
  "list, page 1|"
  "list, last page|page=last"
  "search a common word (سیستم), page 1|search=سیستم"
  "search in Arabic spelling (كار finds کار), page 1|search=كار"
  "search two words (سیستم پارس), page 1|search=سیستم پارس"
  "search an English word in 3% of the names (studio), page 1|search=studio"
  "search a rare term (4321), page 1|search=4321"
  "search a common word, last page|search=سیستم&page=last"
  "search a common word, ordering=name, page 1|search=سیستم&ordering=name"
  "search a two-letter term (ab), page 1|search=ab"
)

encode() { python3 -c 'import sys, urllib.parse as u; print(u.urlencode(u.parse_qsl(sys.argv[1], keep_blank_values=True)))' "$1"; }

build_release
MACHINE="$(machine_line)"
RESULTS="$BENCH_TMP/results.tsv"
: >"$RESULTS"
for size in "${SIZES[@]}"; do
  rm -rf "$BENCH_TMP/data" "$BENCH_TMP/media"
  if [ "$DB" = postgres ]; then
    stop_postgres; start_postgres
    PG_ENV=(Database__Provider=Postgres ConnectionStrings__Default="$PG_URL")
    env "${PG_ENV[@]}" dotnet "$SERVICE_DLL" migrate >/dev/null   # the production deployment's first step
    TOKEN=$(python3 -c 'import secrets; print(secrets.token_hex(24))')
    SEED_START=$SECONDS
    "${PG_PSQL[@]}" -v count="$size" -v key="$TOKEN" -f "$ROOT/bench/lib/seed_postgres.sql"
    echo "seeded $size employers in $((SECONDS - SEED_START)) s" >&2
    start_service "${PG_ENV[@]}"
  else
    start_service
    stop_service   # the first start migrated the database
    TOKEN=$(python3 "$ROOT/bench/lib/seed_sqlite.py" "$BENCH_TMP/data/portfolio.db" "$size")
    start_service
  fi
  printf 'wrk.headers["Authorization"] = "Token %s"\n' "$TOKEN" >"$BENCH_TMP/auth.lua"
  # The service's first requests compile its code, and each new shape of query EF Core's: searches
  # that none of the cases makes, of each kind the cases have (a common word, two words, a rare
  # number, two letters; by id, by name, the last page), so that "first asked" below is the
  # database's time, not the compilers'.
  for query in "search=شرکت" "search=شرکت گروه" "search=9876" "search=xy" "search=شرکت&ordering=name" "search=شرکت&page=last"; do
    curl -fs -o /dev/null -H "Authorization: Token $TOKEN" "$BASE_URL/api/portfolios/employers?$(encode "$query")"
  done
  for case in "${CASES[@]}"; do
    name="${case%%|*}"; query="$(encode "${case#*|}")"
    url="$BASE_URL/api/portfolios/employers${query:+?$query}"
    # Fail loudly rather than measure error pages; the match count goes into the table, and the
    # time of this first request, when nothing about the case is remembered yet.
    first=$(curl -fs -o "$BENCH_TMP/first.json" -w '%{time_total}' -H "Authorization: Token $TOKEN" "$url" | python3 -c 'import sys; print(f"{float(sys.stdin.read()) * 1000:.1f}")')
    count=$(python3 -c 'import json, sys; print(json.load(open(sys.argv[1]))["count"])' "$BENCH_TMP/first.json")
    wrk -t1 -c1 -d2s -s "$BENCH_TMP/auth.lua" "$url" >/dev/null
    wrk -t1 -c1 -d"${DURATION}s" --latency --timeout 10s -s "$BENCH_TMP/auth.lua" "$url" >"$BENCH_TMP/wrk.txt"
    # The first request after a change of the data, when the count remembered for the old data
    # must be carried across the change: each of COLD_RUNS requests follows a PATCH of employer 1
    # whose new description holds every case's terms, or none of them, in turn.
    cold=$(python3 - "$url" "$TOKEN" "$COLD_RUNS" <<'PY'
import http.client, json, statistics, sys, time, urllib.parse
url, token, runs = sys.argv[1], sys.argv[2], int(sys.argv[3])
parts = urllib.parse.urlsplit(url)
conn = http.client.HTTPConnection(parts.hostname, parts.port)
headers = {"Authorization": f"Token {token}", "Content-Type": "application/json"}
def call(method, path, body=None):
    conn.request(method, path, body, headers)
    response = conn.getresponse()
    response.read()
    if response.status != 200:
        sys.exit(f"{method} {path}: {response.status}")
times = []
descriptions = ["سیستم پارس کار studio 4321 ab", "changed"]
for run in range(runs):
    call("PATCH", "/api/portfolios/employers/1", json.dumps({"description": descriptions[run % 2]}))
    start = time.perf_counter()
    call("GET", parts.path + ("?" + parts.query if parts.query else ""))
    times.append((time.perf_counter() - start) * 1000)
print(f"{statistics.median(times):.2f}")
PY
)
    python3 - "$BENCH_TMP/wrk.txt" "$size" "$name" "$count" "$cold" "$first" >>"$RESULTS" <<'PY'
import re, sys
path, size, name, count, cold, first = sys.argv[1:]
text = open(path).read()
if re.search(r"Non-2xx or 3xx responses: (\d+)", text) or "Socket errors" in text:
    sys.exit(f"{name}: errors during the run:\n{text}")
def ms(p):
    value, unit = re.search(rf"^\s+{p}%\s+([\d.]+)(us|ms|s)\s*$", text, re.M).groups()
    return float(value) * {"us": 0.001, "ms": 1, "s": 1000}[unit]
rate = float(re.search(r"Requests/sec:\s+([\d.]+)", text).group(1))
print(f"{size}\t{name}\t{count}\t{ms('50'):.2f}\t{ms('99'):.2f}\t{rate:.0f}\t{cold}\t{first}")
PY
  done
  stop_service
done

python3 - "$RESULTS" "$BENCH_TMP/section.md" "$MACHINE" "$DURATION" "$(cut -d' ' -f1-3 /proc/loadavg)" "$LABEL" "$COMMAND" "$SEEDER" "$TARGET_SIZE" "$NOTES" "$COLD_RUNS" <<'PY'
import sys
results, out, machine, duration, load_after, label, command, seeder, target_size, notes, cold_runs = sys.argv[1:]
rows = [line.rstrip("\n").split("\t") for line in open(results, encoding="utf-8")]
page1 = [(r[1], float(r[3]), float(r[6])) for r in rows if r[0] == target_size and r[1].startswith("search") and r[1].endswith("page 1")]
lines = [f"""## List and search ({label})

Command: `{command}` — Release build, wrk with 1 thread and 1 connection for {duration} s per case
after a 2 s warm-up, a staff token holding 4222, the default page size (20). Every employer has an
image with four thumbnails; names and descriptions are Persian and English words drawn by
`{seeder}`. "matches" is the answer's `count`. wrk shares the machine's cores with
the service and with whatever else runs there. Under wrk the same request repeats, and its count
is remembered; "first after a change" is the median of {cold_runs} requests each made right after
a PATCH of employer 1 (Python's http.client, one connection) that puts every case's terms into its
description or takes them out, in turn, so that the remembered count is carried across the change
by the employers' text log. "first asked" is one request: the case's first, so its count is
counted, unless an earlier case had the same terms (the common word's last page and ordering).
Machine: {machine}; load average after the run: {load_after}.

| employers | case | matches | p50 ms | p99 ms | requests/s | first after a change, p50 ms | first asked, ms |
|---:|---|---:|---:|---:|---:|---:|---:|"""]
for size, name, count, p50, p99, rate, cold, first in rows:
    lines.append(f"| {int(size):,} | {name} | {int(count):,} | {p50} | {p99} | {int(rate):,} | {cold} | {first} |")
verdict = lambda ms: f"{ms:.2f} ms {'met' if ms < 10 else 'MISSED'}"
verdicts = "; ".join(f"{name.split(', page 1')[0]}: {verdict(p50)}, first after a change {verdict(cold)}" for name, p50, cold in page1)
lines.append(f"""
- Target, page 1 with search under 10 ms p50 at {int(target_size):,} employers: {verdicts}.
{notes}""")
open(out, "w", encoding="utf-8").write("\n".join(lines) + "\n")
print(open(out, encoding="utf-8").read())
PY
write_section "$SECTION" "$BENCH_TMP/section.md"
