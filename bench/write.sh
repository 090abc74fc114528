#!/usr/bin/env bash
# The write path with and without the audit trail: POST (create) and PATCH (update) of employers
# under wrk, on the embedded default (SQLite) or, with --postgres, on a throwaway PostgreSQL
# cluster. "Without" is the last commit before the audit trail, built from a temporary worktree;
# the two builds take turns, each on its own freshly seeded database, so that drift in the machine
# falls on both. Writes the figures into docs/benchmarks.md.
# Usage: bench/write.sh [--postgres] [duration_seconds] [rounds]
set -euo pipefail
source "$(dirname "$0")/lib/common.sh"
need wrk "apt-get install wrk"; need python3 "Debian's python3"; need git "apt-get install git"
DB=sqlite
if [ "${1:-}" = "--postgres" ]; then DB=postgres; shift; fi
DURATION="${1:-20}"; ROUNDS="${2:-2}"; CONNECTIONS=16; THREADS=2; EMPLOYERS=1000
# Under this load the JIT keeps promoting the service's code for half a minute: a create measured
# after 5 s ran at half the rate it reaches after 40 s (docs/benchmarks.md). Each build is measured
# once it has settled.
WARMUP="${WRITE_WARMUP:-30}"
BASELINE_REV="${WRITE_BASELINE_REV:-7a39d4a}"   # "Upload: one query asks whether a name is taken…", before the audit trail

BASELINE_TREE="$BENCH_TMP/baseline"
remove_baseline() { git -C "$ROOT" worktree remove --force "$BASELINE_TREE" 2>/dev/null || true; }
if [ "$DB" = postgres ]; then
  source "$ROOT/bench/lib/postgres.sh"
  trap 'remove_baseline; stop_postgres; cleanup' EXIT
else
  trap 'remove_baseline; cleanup' EXIT
fi

build_release
declare -A DLL=([audited]="$SERVICE_DLL" [baseline]="$BASELINE_TREE/src/Portfolio.Api/bin/Release/net10.0/Portfolio.Api.dll")
git -C "$ROOT" worktree add --detach -q "$BASELINE_TREE" "$BASELINE_REV"
dotnet build "$BASELINE_TREE/src/Portfolio.Api" -c Release -nologo -v q >/dev/null
if [ "$DB" = postgres ]; then start_postgres; fi

cat >"$BENCH_TMP/write.lua" <<'LUA'
-- args: workload ("create" or "update"), a tag that keeps names unique across runs.
local threads = 0
function setup(thread) threads = threads + 1; thread:set("tid", threads) end
function init(args)
  workload, tag, n = args[1], args[2], 0
  math.randomseed(tid * 7919)
  wrk.headers["Authorization"] = "Token " .. args[3]
  wrk.headers["Content-Type"] = "application/json"
end
function request()
  n = n + 1
  if workload == "create" then
    return wrk.format("POST", "/api/portfolios/employers", nil,
      '{"name": "کارفرمای آزمون ' .. tag .. "-" .. tid .. "-" .. n .. '", "description": "ثبت شده در سنجش نوشتن"}')
  end
  return wrk.format("PATCH", "/api/portfolios/employers/" .. math.random(1, EMPLOYERS), nil,
    '{"description": "ویرایش ' .. tag .. "-" .. tid .. "-" .. n .. '"}')
end
LUA
sed -i "s/EMPLOYERS)/$EMPLOYERS)/" "$BENCH_TMP/write.lua"

# prepare VARIANT ROUND: a fresh database seeded with $EMPLOYERS employers and a staff token,
# and the variant's service started on it; sets TOKEN.
prepare() {
  local variant="$1" round="$2" dll="${DLL[$1]}" data="$BENCH_TMP/$1-$2"
  mkdir -p "$data"
  SERVICE_DLL="$dll"
  local env=(ConnectionStrings__Default="Data Source=$data/portfolio.db" Media__Root="$data/media")
  if [ "$DB" = postgres ]; then
    local database="write_${variant}_$round"
    "${PG_PSQL[@]}" -d postgres -c "CREATE DATABASE $database" >/dev/null
    env=(Database__Provider=Postgres ConnectionStrings__Default="${PG_URL/Database=portfolio/Database=$database}" Media__Root="$data/media")
    env "${env[@]}" dotnet "$dll" migrate >/dev/null
    TOKEN=$(python3 -c 'import secrets; print(secrets.token_hex(24))')
    "${PG_PSQL[@]}" -d "$database" -v count=$EMPLOYERS -v key="$TOKEN" -f "$ROOT/bench/lib/seed_postgres.sql"
  else
    start_service "${env[@]}"; stop_service   # the first start migrates the database
    TOKEN=$(python3 "$ROOT/bench/lib/seed_sqlite.py" "$data/portfolio.db" $EMPLOYERS)
  fi
  start_service "${env[@]}"
  curl -fs -H "Authorization: Token $TOKEN" "$BASE_URL/api/portfolios/employers/1" >/dev/null
}

MACHINE=$(machine_line)   # the load average before the runs, not after
for round in $(seq 1 "$ROUNDS"); do
  for variant in baseline audited; do
    prepare "$variant" "$round"
    for workload in create update; do
      wrk -t$THREADS -c$CONNECTIONS -d"${WARMUP}s" -s "$BENCH_TMP/write.lua" "$BASE_URL" -- "$workload" "warm$round" "$TOKEN" >/dev/null
      # The CPU that the service and PostgreSQL's processes (its pooled connections live through
      # the run) spend on the run's requests.
      database_pids=(); if [ "$DB" = postgres ]; then mapfile -t database_pids < <(postgres_pids); fi
      cpu_before=("$(cpu_ms "$SERVICE_PID")" "$(cpu_ms "${database_pids[@]}")")
      wrk -t$THREADS -c$CONNECTIONS -d"${DURATION}s" --latency -s "$BENCH_TMP/write.lua" "$BASE_URL" \
        -- "$workload" "run$round" "$TOKEN" >"$BENCH_TMP/$variant-$workload-$round.txt"
      echo "CPU ms: service $(( $(cpu_ms "$SERVICE_PID") - cpu_before[0] )) database $(( $(cpu_ms "${database_pids[@]}") - cpu_before[1] ))" \
        >>"$BENCH_TMP/$variant-$workload-$round.txt"
    done
    stop_service
  done
done

if [ "$DB" = postgres ]; then LABEL=PostgreSQL; COMMAND="bench/write.sh --postgres $DURATION $ROUNDS"
else LABEL=SQLite; COMMAND="bench/write.sh $DURATION $ROUNDS"; fi
python3 - "$BENCH_TMP" "$BENCH_TMP/section.md" "$MACHINE" "$DURATION" "$ROUNDS" "$LABEL" "$COMMAND" "$BASELINE_REV" \
  "$CONNECTIONS" "$EMPLOYERS" "$WARMUP" <<'PY'
import re, statistics, sys
tmp, out, machine, duration, rounds, label, command, baseline_rev, connections, employers, warmup = sys.argv[1:]
rounds = int(rounds)
failed = []
# Errors and timeouts (wrk gives up on a request after 2 s) are counted; the audited build must
# have none, the build before it had timeouts on SQLite, which the table shows.
def parse(path, variant):
    text = open(path).read()
    errors = sum(int(n) for n in re.findall(r"Non-2xx or 3xx responses: (\d+)", text))
    socket = re.search(r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)", text)
    errors += sum(int(n) for n in socket.groups()) if socket else 0
    if errors and variant == "audited":
        failed.append(f"{path}: errors during the run:\n{text}")
    rate = float(re.search(r"Requests/sec:\s+([\d.]+)", text).group(1))
    requests = int(re.search(r"(\d+) requests in", text).group(1))
    service_ms, database_ms = (int(n) / requests for n in re.search(r"CPU ms: service (\d+) database (\d+)", text).groups())
    def ms(p):
        value, unit = re.search(rf"^\s+{p}%\s+([\d.]+)(us|ms|s)\s*$", text, re.M).groups()
        return float(value) * {"us": 0.001, "ms": 1, "s": 1000}[unit]
    return rate, ms("50"), ms("99"), errors, service_ms, database_ms
rows, verdicts = [], []
for workload, request in (("create", "`POST /api/portfolios/employers`"), ("update", "`PATCH /api/portfolios/employers/{id}`")):
    runs = {v: [parse(f"{tmp}/{v}-{workload}-{r}.txt", v) for r in range(1, rounds + 1)] for v in ("baseline", "audited")}
    median = {v: statistics.median(run[0] for run in runs[v]) for v in runs}
    for variant, name in (("baseline", f"without the audit (`{baseline_rev}`)"), ("audited", "with the audit")):
        rates = ", ".join(f"{run[0]:,.0f}" for run in runs[variant])
        p50 = statistics.median(run[1] for run in runs[variant]); p99 = statistics.median(run[2] for run in runs[variant])
        errors = sum(run[3] for run in runs[variant])
        cpu = [statistics.median(run[i] for run in runs[variant]) for i in (4, 5)]
        cpu_cells = f"{cpu[0]:.2f} | {cpu[1]:.2f}" if label == "PostgreSQL" else f"{cpu[0]:.2f}"
        rows.append(f"| {request} | {name} | {rates} | **{median[variant]:,.0f}** | {p50:.2f} | {p99:.2f} | {cpu_cells} | {errors} |")
    ratio = median["audited"] / median["baseline"]
    verdicts.append(f"- {request}: with the audit **{ratio:.2f}×** the rate without it "
                    f"(target at least 0.85: {'met' if ratio >= 0.85 else 'MISSED'}).")
if failed:
    print("\n".join(rows + verdicts))
    sys.exit("\n".join(failed))
cpu_columns = ("service CPU ms/request", "PostgreSQL CPU ms/request") if label == "PostgreSQL" else ("service CPU ms/request",)
columns = ("request", "build", "requests/s per round", "median requests/s", "p50 ms", "p99 ms", *cpu_columns, "errors and timeouts")
header = "| " + " | ".join(columns) + " |\n|---|---|" + "---:|" * (len(columns) - 2)
with open(out, "w") as f:
    f.write(f"""## Write path with and without the audit trail ({label}, {employers} employers)

Command: `{command}` — Release builds of this tree and of `{baseline_rev}` (the last commit before
the audit trail), wrk with 2 threads and {connections} connections for {duration} s per workload after a {warmup} s
warm-up of the same workload, {rounds} rounds in which the two builds take turns, each on a freshly seeded database. A staff
token holding 4222; create posts a new Persian name each time, update patches the description of a
random one of the {employers} seeded employers. wrk shares the machine's cores with the service.
CPU is the processes' user and system time over the run (`/proc/<pid>/stat`) by the requests
wrk completed, median of the rounds.
Machine: {machine}.

{header}
""" + "\n".join(rows) + "\n\n" + "\n".join(verdicts) + "\n")
print(open(out).read())
PY
write_section "write-$DB" "$BENCH_TMP/section.md"
