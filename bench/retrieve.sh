#!/usr/bin/env bash
# Retrieve vs /healthz under wrk with 1,000 seeded employers, on the embedded default (SQLite) or,
# with --postgres, on a throwaway PostgreSQL cluster (the production profile's database).
# Writes the figures into docs/benchmarks.md. Usage: bench/retrieve.sh [--postgres] [duration_seconds]
set -euo pipefail
source "$(dirname "$0")/lib/common.sh"
need wrk "apt-get install wrk"; need python3 "Debian's python3"
DB=sqlite
if [ "${1:-}" = "--postgres" ]; then DB=postgres; shift; fi
DURATION="${1:-20}"; CONNECTIONS=64; THREADS=2

build_release
if [ "$DB" = postgres ]; then
  source "$ROOT/bench/lib/postgres.sh"
  start_postgres
  PG_ENV=(Database__Provider=Postgres ConnectionStrings__Default="$PG_URL")
  env "${PG_ENV[@]}" dotnet "$SERVICE_DLL" migrate >/dev/null   # the production deployment's first step
  TOKEN=$(python3 -c 'import secrets; print(secrets.token_hex(24))')
  "${PG_PSQL[@]}" -v count=1000 -v key="$TOKEN" -f "$ROOT/bench/lib/seed_postgres.sql"
  start_service "${PG_ENV[@]}"
  LABEL="PostgreSQL"; SECTION=retrieve-postgres; COMMAND="bench/retrieve.sh --postgres $DURATION"
else
  start_service
  kill "$SERVICE_PID"; wait "$SERVICE_PID" 2>/dev/null || true   # first start migrated the database
  TOKEN=$(python3 "$ROOT/bench/lib/seed_sqlite.py" "$BENCH_TMP/data/portfolio.db" 1000)
  start_service
  LABEL="SQLite"; SECTION=retrieve-sqlite; COMMAND="bench/retrieve.sh $DURATION"
fi

cat >"$BENCH_TMP/retrieve.lua" <<LUA
math.randomseed(42)
wrk.headers["Authorization"] = "Token $TOKEN"
request = function() return wrk.format("GET", "/api/portfolios/employers/" .. math.random(1, 1000)) end
LUA
# /healthz carrying a token: the good one, a well-formed key of no token, and a malformed one. A
# bad key must cost no more than the good one (the unknown one is remembered, the malformed one
# never looked up).
for kind in good unknown malformed; do
  case "$kind" in
    good) key="$TOKEN" ;;
    unknown) key=$(python3 -c 'import secrets; print(secrets.token_hex(24))') ;;
    malformed) key="not-a-key" ;;
  esac
  printf 'wrk.headers["Authorization"] = "Token %s"\n' "$key" >"$BENCH_TMP/healthz-$kind.lua"
done
# Fail loudly rather than measure error pages.
curl -fs -H "Authorization: Token $TOKEN" "$BASE_URL/api/portfolios/employers/1" >/dev/null

run_wrk() { wrk -t"$THREADS" -c"$CONNECTIONS" -d"$1" --latency "${@:2}"; }
MACHINE=$(machine_line)   # the load average before the runs, not after
run_wrk 5s -s "$BENCH_TMP/retrieve.lua" "$BASE_URL" >/dev/null
run_wrk 5s "$BASE_URL/healthz" >/dev/null
run_wrk "${DURATION}s" "$BASE_URL/healthz" >"$BENCH_TMP/healthz.txt"
run_wrk "${DURATION}s" -s "$BENCH_TMP/retrieve.lua" "$BASE_URL" >"$BENCH_TMP/retrieve.txt"
for kind in good unknown malformed; do
  run_wrk "${DURATION}s" -s "$BENCH_TMP/healthz-$kind.lua" "$BASE_URL/healthz" >"$BENCH_TMP/healthz-$kind.txt"
done
RSS_MB=$(awk '/VmHWM/{printf "%d", $2/1024}' "/proc/$SERVICE_PID/status")

python3 - "$BENCH_TMP/healthz.txt" "$BENCH_TMP/retrieve.txt" "$BENCH_TMP/section.md" "$MACHINE" "$DURATION" "$RSS_MB" "$LABEL" "$COMMAND" <<'PY'
import re, sys
healthz_file, retrieve_file, out, machine, duration, rss, label, command = sys.argv[1:]
tokens_dir = healthz_file.rsplit("/", 1)[0]
def parse(path):
    text = open(path).read()
    errors = re.search(r"Non-2xx or 3xx responses: (\d+)", text)
    if errors or "Socket errors" in text:
        sys.exit(f"{path}: errors during the run:\n{text}")
    rate = float(re.search(r"Requests/sec:\s+([\d.]+)", text).group(1))
    def ms(p):
        value, unit = re.search(rf"^\s+{p}%\s+([\d.]+)(us|ms|s)\s*$", text, re.M).groups()
        return float(value) * {"us": 0.001, "ms": 1, "s": 1000}[unit]
    return rate, {p: ms(p) for p in ("50", "75", "90", "99")}
h_rate, h = parse(healthz_file)
r_rate, r = parse(retrieve_file)
rate_ratio, p99_ratio = r_rate / h_rate, r["99"] / h["99"]
with_key = {kind: parse(f"{tokens_dir}/healthz-{kind}.txt") for kind in ("good", "unknown", "malformed")}
key_rows = "".join(
    f"| `GET /healthz`, {kind} key | {rate:,.0f} | {p['50']:.2f} | {p['75']:.2f} | {p['90']:.2f} | {p['99']:.2f} |\n"
    for kind, (rate, p) in with_key.items())
bad_ratio = min(with_key["unknown"][0], with_key["malformed"][0]) / with_key["good"][0]
verdict = lambda ok: "met" if ok else "MISSED"
with open(out, "w") as f:
    f.write(f"""## Retrieve vs /healthz ({label}, 1,000 employers)

Command: `{command}` — Release build, wrk with 2 threads and 64 connections for {duration} s
each after a 5 s warm-up, a staff token holding 4222, random ids among 1,000 employers that each have
an image with four thumbnails. wrk shares the machine's cores with the service.
Machine: {machine}.

| endpoint | requests/s | p50 ms | p75 ms | p90 ms | p99 ms |
|---|---:|---:|---:|---:|---:|
| `GET /healthz` | {h_rate:,.0f} | {h['50']:.2f} | {h['75']:.2f} | {h['90']:.2f} | {h['99']:.2f} |
| `GET /api/portfolios/employers/{{id}}` | {r_rate:,.0f} | {r['50']:.2f} | {r['75']:.2f} | {r['90']:.2f} | {r['99']:.2f} |
{key_rows}
- Rate ratio retrieve/healthz: **{rate_ratio:.2f}** (target at least 0.50: {verdict(rate_ratio >= 0.5)}).
- p99 ratio retrieve/healthz: **{p99_ratio:.2f}** (target at most 1.50: {verdict(p99_ratio <= 1.5)}).
- A bad key against the good one (`Authorization: Token <key>` on `/healthz`; an unknown
  well-formed key, and `not-a-key`): slower rate / good key's rate **{bad_ratio:.2f}** (target at
  least 0.90, a bad key costs no more than a good one: {verdict(bad_ratio >= 0.9)}).
- Peak service memory (VmHWM) at the end of the run: {rss} MB.
""")
print(open(out).read())
PY
write_section "$SECTION" "$BENCH_TMP/section.md"
