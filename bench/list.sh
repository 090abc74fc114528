#!/usr/bin/env bash
# List and search latency on the embedded default (SQLite) at 10,000 and 100,000 employers: page 1
# and a deep page, plain and with ?search=, p50 and p99 under wrk with one connection (so that a
# figure is one request's time, not a queue's). Writes the figures into docs/benchmarks.md.
# Usage: bench/list.sh [duration_seconds_per_case]
set -euo pipefail
source "$(dirname "$0")/lib/common.sh"
need wrk "apt-get install wrk"; need python3 "Debian's python3"
DURATION="${1:-10}"
SIZES=(10000 100000)

# name|query (raw; encoded below). The seeded names and descriptions come from
# bench/lib/seed_sqlite.py: "سیستم" is in about a third of the rows, "کار" in about half.
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
  "search a two-letter term (ab: no index), page 1|search=ab"
)

encode() { python3 -c 'import sys, urllib.parse as u; print(u.urlencode(u.parse_qsl(sys.argv[1], keep_blank_values=True)))' "$1"; }

build_release
MACHINE="$(machine_line)"
RESULTS="$BENCH_TMP/results.tsv"
: >"$RESULTS"
for size in "${SIZES[@]}"; do
  rm -rf "$BENCH_TMP/data" "$BENCH_TMP/media"
  start_service
  stop_service   # the first start migrated the database
  TOKEN=$(python3 "$ROOT/bench/lib/seed_sqlite.py" "$BENCH_TMP/data/portfolio.db" "$size")
  start_service
  printf 'wrk.headers["Authorization"] = "Token %s"\n' "$TOKEN" >"$BENCH_TMP/auth.lua"
  for case in "${CASES[@]}"; do
    name="${case%%|*}"; query="$(encode "${case#*|}")"
    url="$BASE_URL/api/portfolios/employers${query:+?$query}"
    # Fail loudly rather than measure error pages; the match count goes into the table.
    count=$(curl -fs -H "Authorization: Token $TOKEN" "$url" | python3 -c 'import json, sys; print(json.load(sys.stdin)["count"])')
    wrk -t1 -c1 -d2s -s "$BENCH_TMP/auth.lua" "$url" >/dev/null
    wrk -t1 -c1 -d"${DURATION}s" --latency --timeout 10s -s "$BENCH_TMP/auth.lua" "$url" >"$BENCH_TMP/wrk.txt"
    python3 - "$BENCH_TMP/wrk.txt" "$size" "$name" "$count" >>"$RESULTS" <<'PY'
import re, sys
path, size, name, count = sys.argv[1:]
text = open(path).read()
if re.search(r"Non-2xx or 3xx responses: (\d+)", text) or "Socket errors" in text:
    sys.exit(f"{name}: errors during the run:\n{text}")
def ms(p):
    value, unit = re.search(rf"^\s+{p}%\s+([\d.]+)(us|ms|s)\s*$", text, re.M).groups()
    return float(value) * {"us": 0.001, "ms": 1, "s": 1000}[unit]
rate = float(re.search(r"Requests/sec:\s+([\d.]+)", text).group(1))
print(f"{size}\t{name}\t{count}\t{ms('50'):.2f}\t{ms('99'):.2f}\t{rate:.0f}")
PY
  done
  stop_service
done

python3 - "$RESULTS" "$BENCH_TMP/section.md" "$MACHINE" "$DURATION" "$(cut -d' ' -f1-3 /proc/loadavg)" <<'PY'
import sys
results, out, machine, duration, load_after = sys.argv[1:]
rows = [line.rstrip("\n").split("\t") for line in open(results, encoding="utf-8")]
page1 = [(r[1], float(r[3])) for r in rows if r[0] == "100000" and r[1].startswith("search") and r[1].endswith("page 1")]
lines = [f"""## List and search (SQLite, 10,000 and 100,000 employers)

Command: `bench/list.sh {duration}` — Release build, wrk with 1 thread and 1 connection for {duration} s per case
after a 2 s warm-up, a staff token holding 4222, the default page size (20). Every employer has an
image with four thumbnails; names and descriptions are Persian and English words drawn by
`bench/lib/seed_sqlite.py`. "matches" is the answer's `count`. wrk shares the machine's cores with
the service and with whatever else runs there.
Machine: {machine}; load average after the run: {load_after}.

| employers | case | matches | p50 ms | p99 ms | requests/s |
|---:|---|---:|---:|---:|---:|"""]
for size, name, count, p50, p99, rate in rows:
    lines.append(f"| {int(size):,} | {name} | {int(count):,} | {p50} | {p99} | {int(rate):,} |")
verdicts = "; ".join(f"{name.split(', page 1')[0]}: {p50:.2f} ms {'met' if p50 < 10 else 'MISSED'}" for name, p50 in page1)
lines.append(f"""
- Target, page 1 with search under 10 ms p50 at 100,000 employers: {verdicts}.
- Searches of three characters or more read the trigram index (`employer_search`); the count of a
  common word is most of their time. Shorter terms, `ordering=` other than `id` under a search, and
  deep pages (OFFSET) read every matching row; see docs/design.md.""")
open(out, "w", encoding="utf-8").write("\n".join(lines) + "\n")
print(open(out, encoding="utf-8").read())
PY
write_section list-sqlite "$BENCH_TMP/section.md"
