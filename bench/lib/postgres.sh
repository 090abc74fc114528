# A throwaway PostgreSQL cluster from the machine's binaries, for the benchmarks. Source after
# common.sh; start_postgres sets PG_URL (a connection string for the service) and PG_PSQL (a
# psql command line for that database); the cluster is stopped and removed on exit.

PG_BIN="$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1)"
PG_ROOT=""

# initdb and postgres refuse to run as root: run them as the postgres user then.
as_pg_owner() { if [ "$(id -u)" -eq 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi; }

# A UTF-8 locale as a production cluster has: under --locale=C, pg_trgm takes Persian letters for
# word separators, finds no trigrams in a Persian term and its index serves no Persian search.
start_postgres() {
  [ -x "$PG_BIN/initdb" ] || { echo "needs PostgreSQL server binaries (apt-get install postgresql-15)" >&2; exit 1; }
  PG_ROOT="$(mktemp -d /tmp/portfolio-bench-pg-XXXXXX)"
  [ "$(id -u)" -eq 0 ] && chown postgres: "$PG_ROOT"
  local port; port=$(free_port)
  as_pg_owner "$PG_BIN/initdb" -D "$PG_ROOT/data" -U postgres --auth=trust -E UTF8 --locale=C.UTF-8 --no-sync >/dev/null
  # A benchmark's database: losing it in a crash costs nothing, waiting for the disk costs time.
  as_pg_owner "$PG_BIN/pg_ctl" -D "$PG_ROOT/data" -l "$PG_ROOT/log" -w start \
    -o "-c listen_addresses=127.0.0.1 -p $port -k $PG_ROOT -c fsync=off -c synchronous_commit=off -c full_page_writes=off" >/dev/null
  PG_URL="Host=127.0.0.1;Port=$port;Username=postgres;Database=portfolio"
  PG_PSQL=("$PG_BIN/psql" -X -q -v ON_ERROR_STOP=1 -h 127.0.0.1 -p "$port" -U postgres -d portfolio)
  "$PG_BIN/psql" -X -q -h 127.0.0.1 -p "$port" -U postgres -d postgres -c "CREATE DATABASE portfolio" >/dev/null
}

# postgres_pids: the cluster's postmaster and its children (the service's pooled connections among them).
postgres_pids() {
  local postmaster; postmaster=$(head -1 "$PG_ROOT/data/postmaster.pid")
  echo "$postmaster"; pgrep -P "$postmaster"
}

stop_postgres() {
  [ -n "$PG_ROOT" ] || return 0
  as_pg_owner "$PG_BIN/pg_ctl" -D "$PG_ROOT/data" -m immediate -w stop >/dev/null 2>&1 || true
  rm -rf "$PG_ROOT"; PG_ROOT=""
}
trap 'stop_postgres; cleanup' EXIT
