#!/usr/bin/env bash
# Upload benchmark, one command: bench/upload.sh
# Builds the service in Release, starts it on a temporary database and media root, uploads a
# camera-like 4000x3000 JPEG and a 2000x2000 RGBA PNG (sequential, then 2 and 4 concurrent
# clients), samples the service's memory, and writes the figures into docs/benchmarks.md.
# Settings: RUNS (uploads per phase, default 20), PORT (default 18765), MALLOC_ARENA_MAX (default 2,
# as a deployment should set it: glibc's per-thread heap arenas otherwise hold on to the memory
# that libvips' decoding threads freed; measured 381 MB instead of 253 MB at 4 concurrent uploads).
set -euo pipefail
cd "$(dirname "$0")/.."

runs="${RUNS:-20}"
port="${PORT:-18765}"
work="$(mktemp -d)"
service=""

stop() {
  if [[ -n "$service" ]] && kill -0 "$service" 2>/dev/null; then
    kill "$service"
    wait "$service" 2>/dev/null || true
  fi
  rm -rf "$work"
}
trap stop EXIT

echo "building (Release) ..."
dotnet build -c Release src/Portfolio.Api -nologo -v q >/dev/null
dotnet run -c Release --project bench/ImageMaker -- "$work/images"

# The built Release executable is what `dotnet run -c Release` starts; running it directly makes
# $! the service itself, whose memory is sampled.
echo "starting the service on port $port ..."
MALLOC_ARENA_MAX="${MALLOC_ARENA_MAX:-2}" \
ConnectionStrings__Default="Data Source=$work/data/portfolio.db" \
Media__Root="$work/media" \
  src/Portfolio.Api/bin/Release/net10.0/Portfolio.Api --urls "http://127.0.0.1:$port" >"$work/service.log" 2>&1 &
service=$!

# The first start on an empty database creates `admin` and prints a token once.
for _ in $(seq 1 120); do
  grep -q 'token:' "$work/service.log" && curl -sf "http://127.0.0.1:$port/healthz" >/dev/null && break
  sleep 0.5
done
token="$(awk '/token:/ { print $2; exit }' "$work/service.log")"
[[ -n "$token" ]] || { cat "$work/service.log"; echo "no token in the service's output" >&2; exit 1; }

python3 bench/upload_bench.py \
  --url "http://127.0.0.1:$port" --token "$token" --pid "$service" \
  --images "$work/images" --runs "$runs" \
  --arena-max "${MALLOC_ARENA_MAX:-2}" \
  --doc docs/benchmarks.md --command "bench/upload.sh${RUNS:+ (RUNS=$RUNS)}"
