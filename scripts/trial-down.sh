#!/usr/bin/env bash
# Takes down what scripts/trial-up.sh started (also a half-started trial) and removes $TRIAL_DIR.
# TRIAL_KEEP=1 keeps the folder with its logs.
set -uo pipefail
TRIAL_DIR="${TRIAL_DIR:-/tmp/portfolio-trial}"
PG_BIN="${PG_BIN:-/usr/lib/postgresql/15/bin}"
[ -d "$TRIAL_DIR" ] || { echo "trial-down: nothing in $TRIAL_DIR"; exit 0; }

stop_pid_file() { # FILE: the process it names, by its id
  [ -f "$1" ] || return 0
  local pid; pid=$(cat "$1")
  if kill "$pid" 2>/dev/null; then
    for _ in $(seq 1 50); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
    kill -9 "$pid" 2>/dev/null
  fi
  rm -f "$1"
}

# Proxy first, then the instances, then what they depend on: the reverse of the start order.
stop_pid_file "$TRIAL_DIR/nginx/nginx.pid"
stop_pid_file "$TRIAL_DIR/instance-a.pid"
stop_pid_file "$TRIAL_DIR/instance-b.pid"
stop_pid_file "$TRIAL_DIR/moto.pid"
if [ -f "$TRIAL_DIR/pg/data/postmaster.pid" ]; then
  stop_pg="'$PG_BIN/pg_ctl' -D '$TRIAL_DIR/pg/data' -m fast -w stop"
  if [ "$(id -u)" = 0 ]; then su postgres -s /bin/sh -c "$stop_pg"; else sh -c "$stop_pg"; fi >/dev/null
fi

if [ "${TRIAL_KEEP:-0}" = 1 ]; then
  rm -f "$TRIAL_DIR/trial.env"
  echo "trial down; logs kept in $TRIAL_DIR"
else
  rm -rf "$TRIAL_DIR"
  echo "trial down"
fi
