#!/usr/bin/env bash
# Soak: 256 connections of mixed traffic (retrieve, list, search, create, patch, upload of a small
# PNG; bench/soak.lua) against a Release build, on the embedded profile (SQLite, local media) and
# on the production one (PostgreSQL on a throwaway cluster, S3 on a local moto_server). Passes when
# every answer is a 2xx, wrk had no socket errors or timeouts, and the service's resident memory
# after the run is within 20% of what it was after the warm-up. Exits non-zero otherwise, saying
# why. (The service's log is not a criterion: the requests that wrk cuts off when it stops log
# their cancelled transactions. Its warnings and failures are counted in the output.) With both profiles (the default) the figures go into docs/reliability.md.
# Usage: bench/soak.sh [SECONDS] [sqlite|postgres|both]     (CI: bench/soak.sh 15 sqlite, ... postgres)
# Settings: SOAK_WARMUP (seconds of the same traffic before the first reading, default 45: the
# heap grows for about that long under this load before it levels off, 250 MB to 310 MB, and a
# shorter warm-up would count that as growth),
# SOAK_SETTLE (seconds of quiet before each reading, default 5), SOAK_TIMEOUT (wrk's, default 10s:
# on a busy 2-core machine 256 connections queue for seconds, which is load, not a fault; a request
# stuck behind a fault, a lock never released or a pool never given back, still shows),
# SOAK_S3_UPLOADS (the uploads' share out of 100 on the production profile, default 1: each upload
# stores five objects, and moto_server, a single Python process, stores about 60 a second on this
# machine when idle, so the 5% of the embedded profile, some 12 uploads a second, asks more of it
# than it gives while it shares the cores with the service: uploads then queue in moto_server for
# 30 s and more, and wrk times them out), SOAK_STORAGE (s3 or local: the production profile's media
# store, default s3; local runs PostgreSQL with local media at the embedded profile's 5% uploads).
set -euo pipefail
source "$(dirname "$0")/lib/common.sh"
source "$ROOT/bench/lib/postgres.sh"
need wrk "apt-get install wrk"; need python3 "Debian's python3"
DURATION="${1:-60}"; PROFILE="${2:-both}"
WARMUP="${SOAK_WARMUP:-45}"; SETTLE="${SOAK_SETTLE:-5}"
CONNECTIONS=256; THREADS=2; EMPLOYERS=1000; TIMEOUT="${SOAK_TIMEOUT:-10s}"; MAX_GROWTH=1.2
UPLOADS=5; S3_UPLOADS="${SOAK_S3_UPLOADS:-1}"; STORAGE="${SOAK_STORAGE:-s3}"
[[ "$STORAGE" =~ ^(s3|local)$ ]] || { echo "SOAK_STORAGE must be s3 or local, not '$STORAGE'" >&2; exit 2; }
case "$PROFILE" in
  both) PROFILES=(sqlite postgres) ;;
  sqlite|postgres) PROFILES=("$PROFILE") ;;
  *) echo "usage: bench/soak.sh [SECONDS] [sqlite|postgres|both]" >&2; exit 2 ;;
esac
[[ "$DURATION" =~ ^[0-9]+$ ]] || { echo "SECONDS must be a whole number, not '$DURATION'" >&2; exit 2; }

MOTO_PID=""
stop_moto() { if [ -n "$MOTO_PID" ]; then kill "$MOTO_PID" 2>/dev/null; wait "$MOTO_PID" 2>/dev/null; MOTO_PID=""; fi; }
trap 'stop_moto; stop_postgres; cleanup' EXIT

# start_moto: an S3 endpoint with a bucket anyone may read, as scripts/trial-up.sh sets up; sets MOTO_URL.
start_moto() {
  need moto_server "pip install 'moto[server]'"
  local port; port=$(free_port)
  MOTO_URL="http://127.0.0.1:$port"
  moto_server -H 127.0.0.1 -p "$port" >"$BENCH_TMP/moto.log" 2>&1 &
  MOTO_PID=$!
  for _ in $(seq 1 300); do curl -fs "$MOTO_URL/moto-api/data.json" >/dev/null 2>&1 && break; sleep 0.1; done
  curl -fs -X PUT "$MOTO_URL/portfolio-media" >/dev/null || { echo "moto_server did not start:" >&2; cat "$BENCH_TMP/moto.log" >&2; exit 1; }
  curl -fs -X PUT "$MOTO_URL/portfolio-media?policy" -H 'Content-Type: application/json' --data-binary \
    '{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":"*","Action":"s3:GetObject","Resource":"arn:aws:s3:::portfolio-media/*"}]}' >/dev/null
}

# The upload: a 48x48 RGB PNG, as a multipart body that the Lua script sends as it is.
BOUNDARY="soak$(python3 -c 'import secrets; print(secrets.token_hex(8))')"
python3 - "$BENCH_TMP/upload.body" "$BOUNDARY" <<'PY'
import struct, sys, zlib
path, boundary = sys.argv[1:]
size = 48
def chunk(kind, data):
    return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))
rows = b"".join(b"\0" + b"".join(bytes((x * 5 % 256, y * 5 % 256, (x + y) * 3 % 256)) for x in range(size)) for y in range(size))
png = (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", size, size, 8, 2, 0, 0, 0))
       + chunk(b"IDAT", zlib.compress(rows)) + chunk(b"IEND", b""))
head = (f"--{boundary}\r\nContent-Disposition: form-data; name=\"name\"\r\n\r\nsoak logo\r\n"
        f"--{boundary}\r\nContent-Disposition: form-data; name=\"file\"; filename=\"soak.png\"\r\n"
        "Content-Type: image/png\r\n\r\n")
open(path, "wb").write(head.encode() + png + f"\r\n--{boundary}--\r\n".encode())
PY

# Resident memory, and of it the anonymous part (the heaps, not mapped files such as SQLite's database).
rss_kb() { awk '/^VmRSS:/ {print $2}' "/proc/$SERVICE_PID/status"; }
anon_kb() { awk '/^RssAnon:/ {print $2}' "/proc/$SERVICE_PID/status"; }
peak_kb() { awk '/^VmHWM:/ {print $2}' "/proc/$SERVICE_PID/status"; }

# prepare PROFILE: a fresh, seeded database (and S3 endpoint) and the service started on it; sets TOKEN.
prepare() {
  local env=(MALLOC_ARENA_MAX=2 Bootstrap__Admin=false)   # as docs/deployment.md runs it
  PROFILE_UPLOADS=$UPLOADS; PROFILE_LABEL="embedded (SQLite, local media)"
  if [ "$1" = postgres ]; then
    start_postgres
    env+=(Database__Provider=Postgres ConnectionStrings__Default="$PG_URL")
    PROFILE_LABEL="production (PostgreSQL, local media)"
    if [ "$STORAGE" = s3 ]; then
      start_moto; PROFILE_UPLOADS=$S3_UPLOADS; PROFILE_LABEL="production (PostgreSQL, S3 on moto_server)"
      env+=(Media__Storage=S3 Media__S3__Bucket=portfolio-media Media__S3__ServiceUrl="$MOTO_URL"
        Media__S3__Region=us-east-1 Media__S3__ForcePathStyle=true Media__PublicBaseUrl="$MOTO_URL/portfolio-media"
        AWS_ACCESS_KEY_ID=soak AWS_SECRET_ACCESS_KEY=soak AWS_EC2_METADATA_DISABLED=true)
    fi
    env "${env[@]}" dotnet "$SERVICE_DLL" migrate >/dev/null
    TOKEN=$(python3 -c 'import secrets; print(secrets.token_hex(24))')
    "${PG_PSQL[@]}" -v count=$EMPLOYERS -v key="$TOKEN" -f "$ROOT/bench/lib/seed_postgres.sql"
  else
    rm -rf "$BENCH_TMP/data" "$BENCH_TMP/media"
    start_service "${env[@]}"; stop_service   # the first start migrates the database
    TOKEN=$(python3 "$ROOT/bench/lib/seed_sqlite.py" "$BENCH_TMP/data/portfolio.db" $EMPLOYERS)
  fi
  start_service "${env[@]}"
  curl -fs -H "Authorization: Token $TOKEN" "$BASE_URL/api/portfolios/employers/1" >/dev/null
}

soak_wrk() { # DURATION TAG OUTPUT
  wrk -t$THREADS -c$CONNECTIONS -d"$1s" --timeout $TIMEOUT --latency -s "$ROOT/bench/soak.lua" "$BASE_URL" \
    -- "$2" "$TOKEN" $EMPLOYERS "$BENCH_TMP/upload.body" "$BOUNDARY" "$PROFILE_UPLOADS" >"$3"
}

build_release
MACHINE=$(machine_line)   # the load average before the runs, not after
RESULTS="$BENCH_TMP/results.tsv"; : >"$RESULTS"
failed=0
for profile in "${PROFILES[@]}"; do
  echo "== soak, $profile: ${WARMUP} s warm-up, ${DURATION} s measured, $CONNECTIONS connections ==" >&2
  prepare "$profile"
  soak_wrk "$WARMUP" "warm-$$" "$BENCH_TMP/warmup.txt"
  sleep "$SETTLE"; before=$(rss_kb); anon_before=$(anon_kb)
  soak_wrk "$DURATION" "run-$$" "$BENCH_TMP/run.txt"
  sleep "$SETTLE"
  kill -0 "$SERVICE_PID" 2>/dev/null || { echo "$profile: the service died during the run:" >&2; tail -n 40 "$BENCH_TMP/service.log" >&2; exit 1; }
  after=$(rss_kb); anon_after=$(anon_kb); peak=$(peak_kb)
  echo "$profile: the service logged: $(grep -E '^(warn|fail): ' "$BENCH_TMP/service.log" | sort | uniq -c | tr -s ' \n' ' ')" >&2
  if ! python3 - "$BENCH_TMP/run.txt" "$PROFILE_LABEL; uploads $PROFILE_UPLOADS%" "$before" "$after" "$peak" "$anon_before" "$anon_after" "$MAX_GROWTH" >>"$RESULTS" <<'PY'
import re, sys
path, profile, before, after, peak, anon_before, anon_after, max_growth = sys.argv[1:]
text = open(path, encoding="utf-8", errors="replace").read()
socket = re.search(r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)", text)
socket_errors = sum(int(n) for n in socket.groups()) if socket else 0
statuses = dict(re.findall(r" (\d+)=(\d+)", re.search(r"^statuses:(.*)$", text, re.M).group(1)))
unexpected = sum(int(n) for code, n in statuses.items() if not 200 <= int(code) < 300)
def ms(p):
    value, unit = re.search(rf"^\s+{p}%\s+([\d.]+)(us|ms|s)\s*$", text, re.M).groups()
    return float(value) * {"us": 0.001, "ms": 1, "s": 1000}[unit]
rate = float(re.search(r"Requests/sec:\s+([\d.]+)", text).group(1))
requests = int(re.search(r"(\d+) requests in", text).group(1))
before, after, peak, anon_before, anon_after = (int(kb) / 1024 for kb in (before, after, peak, anon_before, anon_after))
growth = after / before
reasons = []
if unexpected:
    reasons.append(f"{unexpected} answers were not 2xx (" + ", ".join(f"{c}: {n}" for c, n in sorted(statuses.items())) + ")")
if socket_errors:
    reasons.append(f"wrk's socket errors: {socket.group(0)}")
if growth > float(max_growth):
    reasons.append(f"resident memory grew {growth:.2f}x ({before:.0f} MB after the warm-up, {after:.0f} MB after the run; at most {max_growth}x)")
sent = re.search(r"^sent: (.*)$", text, re.M).group(1)
print(f"{profile}\t{requests}\t{rate:.0f}\t{ms('50'):.1f}\t{ms('99'):.1f}\t{unexpected}\t{socket_errors}\t{before:.0f}\t{after:.0f}\t{peak:.0f}\t{growth:.2f}\t{anon_before:.0f} → {anon_after:.0f}\t{sent}\t{'; '.join(reasons)}")
print(f"{profile}: {requests} requests, {rate:.0f}/s, p50 {ms('50'):.1f} ms, p99 {ms('99'):.1f} ms, "
      f"memory {before:.0f} -> {after:.0f} MB ({growth:.2f}x; anonymous {anon_before:.0f} -> {anon_after:.0f} MB), mix {sent}", file=sys.stderr)
if reasons:
    print(f"{profile}: FAILED: " + "; ".join(reasons), file=sys.stderr)
    print(text, file=sys.stderr)
    sys.exit(1)
PY
  then
    failed=1
    grep -A12 '^fail:' "$BENCH_TMP/service.log" | head -60 >&2 || true
  fi
  stop_service; stop_moto; stop_postgres
done

if [ "${#PROFILES[@]}" -gt 1 ]; then
  python3 - "$RESULTS" "$BENCH_TMP/section.md" "$MACHINE" "$DURATION" "$WARMUP" "$SETTLE" "$CONNECTIONS" "$THREADS" "$EMPLOYERS" "$TIMEOUT" "$(cut -d' ' -f1-3 /proc/loadavg)" "$S3_UPLOADS" <<'PY'
import sys
results, out, machine, duration, warmup, settle, connections, threads, employers, timeout, load_after, s3_uploads = sys.argv[1:]
rows = [line.rstrip("\n").split("\t") for line in open(results, encoding="utf-8")]
table = []
for profile, requests, rate, p50, p99, unexpected, socket_errors, before, after, peak, growth, anon, sent, reasons in rows:
    verdict = "passed" if not reasons else "FAILED: " + reasons
    table.append(f"| {profile} | {int(requests):,} | {int(rate):,} | {p50} | {p99} | {unexpected} | {socket_errors} "
                 f"| {before} | {after} | {growth}× | {anon} | {peak} | {verdict} |")
open(out, "w", encoding="utf-8").write(f"""## Soak

Command: `bench/soak.sh {duration}` — Release build, each profile on a fresh database seeded with
{employers} employers (bench/lib/seed_*), one staff token for every request; wrk with {threads} threads and
{connections} connections, a {timeout} timeout, for {warmup} s of warm-up and then {duration} s measured, of mixed
traffic by weight (bench/soak.lua): retrieve 40%, patch 20%, search 15%, list 10%, create 10%
(a new name each time), upload of a 48x48 PNG 5%; on S3 the uploads are {s3_uploads}% and retrieve {45 - int(s3_uploads)}%, since
moto_server, the Python stand-in for S3, stores about 60 objects a second on this machine when idle
and an upload stores five (`SOAK_S3_UPLOADS`; `SOAK_STORAGE=local` runs PostgreSQL with local media
at the full 5%). Pass: every answer 2xx, no socket error or
timeout, and resident memory (`VmRSS`) after the run at most 1.2×
what it was after the warm-up, each read after {settle} s of quiet. `MALLOC_ARENA_MAX=2`, as
docs/deployment.md runs the service. wrk shares the machine's 2 cores with the service (and
PostgreSQL and moto_server), and whatever else ran shows in the load averages: the rates and
latencies are noisy. Under 256 connections a request's time is mostly its
wait behind the others (256 / requests/s), so on a machine busy enough a request waits past the
{timeout} timeout with nothing wrong in the service: a timeout is a fault only at a modest load.
Machine: {machine}; load average after the runs: {load_after}.

| profile | requests | requests/s | p50 ms | p99 ms | non-2xx | socket errors and timeouts | RSS after warm-up, MB | RSS after run, MB | growth | of which anonymous, MB | peak RSS, MB | verdict |
|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|
""" + "\n".join(table) + "\n")
print(open(out, encoding="utf-8").read())
PY
  write_section soak "$BENCH_TMP/section.md" "$ROOT/docs/reliability.md" Reliability
fi
if [ "$failed" -ne 0 ]; then echo "soak: FAILED (above)" >&2; exit 1; fi
echo "soak: passed (${PROFILES[*]})" >&2
