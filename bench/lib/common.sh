# Shared by the benchmark scripts: build and start the service in Release on 127.0.0.1 with a
# throwaway data folder, and write one section of docs/benchmarks.md.

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
BENCH_TMP="$(mktemp -d /tmp/portfolio-bench-XXXXXX)"
SERVICE_PID=""

cleanup() {
  if [ -n "$SERVICE_PID" ]; then kill "$SERVICE_PID" 2>/dev/null; wait "$SERVICE_PID" 2>/dev/null; fi
  rm -rf "$BENCH_TMP"
}
trap cleanup EXIT

need() { command -v "$1" >/dev/null || { echo "needs $1 ($2)" >&2; exit 1; }; }

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }

build_release() {
  dotnet build "$ROOT/src/Portfolio.Api" -c Release -nologo -v q >/dev/null
  SERVICE_DLL="$ROOT/src/Portfolio.Api/bin/Release/net10.0/Portfolio.Api.dll"
}

# start_service: runs the Release build against $BENCH_TMP, sets BASE_URL and SERVICE_PID.
start_service() {
  local port; port=$(free_port)
  BASE_URL="http://127.0.0.1:$port"
  (cd "$BENCH_TMP" && exec env ConnectionStrings__Default="Data Source=$BENCH_TMP/data/portfolio.db" \
      Media__Root="$BENCH_TMP/media" "$@" dotnet "$SERVICE_DLL" --urls "$BASE_URL" >"$BENCH_TMP/service.log" 2>&1) &
  SERVICE_PID=$!
  for _ in $(seq 1 300); do
    curl -fs "$BASE_URL/healthz" >/dev/null 2>&1 && return 0
    sleep 0.1
  done
  echo "service did not start:" >&2; cat "$BENCH_TMP/service.log" >&2; exit 1
}

# cpu_ms PID...: the CPU time (user and system) the processes have used so far, in milliseconds.
cpu_ms() {
  local ticks=0 pid
  for pid in "$@"; do
    [ -r "/proc/$pid/stat" ] || continue
    ticks=$((ticks + $(sed 's/.*) //' "/proc/$pid/stat" | awk '{print $12 + $13}')))
  done
  echo $((ticks * 1000 / $(getconf CLK_TCK)))
}

stop_service() { kill "$SERVICE_PID"; wait "$SERVICE_PID" 2>/dev/null; SERVICE_PID=""; }

# write_section NAME FILE [DOC TITLE]: replaces the block between the NAME markers in DOC
# (docs/benchmarks.md unless given), which starts with "# TITLE" when it is new.
write_section() {
  local name="$1" body="$2" doc="${3:-$ROOT/docs/benchmarks.md}" title="${4:-Benchmarks}"
  [ -f "$doc" ] || printf '# %s\n\nEach section is written by the script it names; rerun the script to refresh it.\n' "$title" >"$doc"
  python3 - "$doc" "$name" "$body" <<'PY'
import sys, re
doc, name, body_file = sys.argv[1:]
text = open(doc, encoding="utf-8").read()
body = open(body_file, encoding="utf-8").read().rstrip() + "\n"
start, end = f"<!-- bench:{name} -->", f"<!-- /bench:{name} -->"
block = f"{start}\n{body}{end}"
if start in text:
    text = re.sub(re.escape(start) + ".*?" + re.escape(end), lambda _: block, text, flags=re.S)
else:
    text = text.rstrip() + "\n\n" + block + "\n"
open(doc, "w", encoding="utf-8").write(text)
PY
}

machine_line() {
  echo "$(nproc) cores, $(free -g | awk '/Mem:/{print $2}') GiB, $(uname -sr), .NET $(dotnet --version), load average before the run: $(cut -d' ' -f1-3 /proc/loadavg)"
}
