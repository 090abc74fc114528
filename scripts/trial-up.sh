#!/usr/bin/env bash
# Brings up the production profile on one machine for a trial, in the order docs/deployment.md
# gives: a throwaway PostgreSQL cluster, an S3 endpoint (moto_server) with a public-read bucket,
# `migrate`, an admin and its token, two instances, nginx in front of them. Everything lives in
# $TRIAL_DIR (default /tmp/portfolio-trial) on free ports; scripts/trial-down.sh removes it all.
#   TRIAL_DB=postgres (default) | sqlite   (sqlite: both instances share one database file)
# Prints the addresses; scripts/trial-check.sh reads them from $TRIAL_DIR/trial.env.
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
TRIAL_DIR="${TRIAL_DIR:-/tmp/portfolio-trial}"
TRIAL_DB="${TRIAL_DB:-postgres}"
PG_BIN="${PG_BIN:-/usr/lib/postgresql/15/bin}"
NGINX="${NGINX:-/usr/sbin/nginx}"
BUCKET=portfolio-media

need() { command -v "$1" >/dev/null || { echo "trial-up: needs $1 ($2)" >&2; exit 1; }; }
need moto_server "pip install 'moto[server]'"; need curl "apt-get install curl"; need python3 "apt-get install python3"
[ -x "$NGINX" ] || { echo "trial-up: needs nginx at $NGINX (apt-get install nginx)" >&2; exit 1; }
[ ! -e "$TRIAL_DIR/trial.env" ] || { echo "trial-up: a trial is already up in $TRIAL_DIR (scripts/trial-down.sh)" >&2; exit 1; }
mkdir -p "$TRIAL_DIR"
# Whatever came up before a failure goes down again.
up=false
trap '$up || { echo "trial-up failed; taking down what had started" >&2; "$ROOT/scripts/trial-down.sh"; }' EXIT

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }
wait_for() { # URL WHAT LOG: until URL answers 200
  for _ in $(seq 1 300); do curl -fs "$1" >/dev/null 2>&1 && return 0; sleep 0.1; done
  echo "trial-up: $2 did not come up; its log:" >&2; tail -n 40 "$3" >&2; exit 1
}
# As the postgres user when run as root: PostgreSQL refuses to run as root.
as_pg() { if [ "$(id -u)" = 0 ]; then su postgres -s /bin/sh -c "$*"; else sh -c "$*"; fi; }

echo "building the service (Release)"
dotnet build "$ROOT/src/Portfolio.Api" -c Release -nologo -v q >/dev/null
DLL="$ROOT/src/Portfolio.Api/bin/Release/net10.0/Portfolio.Api.dll"

# 1. The database.
if [ "$TRIAL_DB" = postgres ]; then
  [ -x "$PG_BIN/initdb" ] || { echo "trial-up: needs PostgreSQL binaries in $PG_BIN (apt-get install postgresql)" >&2; exit 1; }
  PG_PORT=$(free_port)
  mkdir -p "$TRIAL_DIR/pg"
  [ "$(id -u)" != 0 ] || chown postgres "$TRIAL_DIR/pg"
  as_pg "'$PG_BIN/initdb' -D '$TRIAL_DIR/pg/data' -U postgres -A trust -E UTF8 --locale=C.UTF-8" >"$TRIAL_DIR/pg-init.log"
  as_pg "'$PG_BIN/pg_ctl' -D '$TRIAL_DIR/pg/data' -l '$TRIAL_DIR/pg/server.log' -w -o \"-p $PG_PORT -k '$TRIAL_DIR/pg' -c listen_addresses=127.0.0.1\" start" >/dev/null
  as_pg "'$PG_BIN/createdb' -h 127.0.0.1 -p $PG_PORT -U postgres portfolio"
  DB_ENV=(Database__Provider=Postgres "ConnectionStrings__Default=Host=127.0.0.1;Port=$PG_PORT;Database=portfolio;Username=postgres")
elif [ "$TRIAL_DB" = sqlite ]; then
  DB_ENV=(Database__Provider=Sqlite "ConnectionStrings__Default=Data Source=$TRIAL_DIR/portfolio.db")
else
  echo "trial-up: TRIAL_DB is '$TRIAL_DB'; use postgres or sqlite" >&2; exit 1
fi

# 2. The S3 endpoint and a bucket that anyone may read from: the files' public base URL.
MOTO_PORT=$(free_port)
moto_server -H 127.0.0.1 -p "$MOTO_PORT" >"$TRIAL_DIR/moto.log" 2>&1 &
echo $! >"$TRIAL_DIR/moto.pid"
wait_for "http://127.0.0.1:$MOTO_PORT/moto-api/data.json" moto_server "$TRIAL_DIR/moto.log"
curl -fs -X PUT "http://127.0.0.1:$MOTO_PORT/$BUCKET" >/dev/null
curl -fs -X PUT "http://127.0.0.1:$MOTO_PORT/$BUCKET?policy" -H 'Content-Type: application/json' --data-binary \
  "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Principal\":\"*\",\"Action\":\"s3:GetObject\",\"Resource\":\"arn:aws:s3:::$BUCKET/*\"}]}" >/dev/null

# The instances' configuration, in the environment as a deployment would give it.
PUBLIC_BASE="http://127.0.0.1:$MOTO_PORT/$BUCKET"
SERVICE_ENV=("${DB_ENV[@]}" Database__MigrateOnStart=false Bootstrap__Admin=false
  Media__Storage=S3 Media__S3__Bucket=$BUCKET "Media__S3__ServiceUrl=http://127.0.0.1:$MOTO_PORT"
  Media__S3__Region=us-east-1 Media__S3__ForcePathStyle=true "Media__PublicBaseUrl=$PUBLIC_BASE"
  AWS_ACCESS_KEY_ID=trial AWS_SECRET_ACCESS_KEY=trial AWS_EC2_METADATA_DISABLED=true
  ForwardedHeaders__KnownProxies=127.0.0.1 MALLOC_ARENA_MAX=2)
run_service() { env "${SERVICE_ENV[@]}" dotnet "$DLL" "$@"; }

# 3. The schema, once, before any instance starts; then an admin and a token.
run_service migrate >"$TRIAL_DIR/migrate.log" 2>&1 || { cat "$TRIAL_DIR/migrate.log" >&2; exit 1; }
ADMIN_PASSWORD="trial-$(python3 -c 'import secrets; print(secrets.token_hex(12))')"
PORTFOLIO_SUPERUSER_PASSWORD="$ADMIN_PASSWORD" run_service createsuperuser --username admin --noinput >/dev/null
TOKEN=$(run_service createtoken admin | tail -n 1)

# 4. Two instances.
for name in a b; do
  port=$(free_port)
  # Not through run_service: $! must be the instance itself, for trial-down to stop it by its id.
  env "${SERVICE_ENV[@]}" dotnet "$DLL" --urls "http://127.0.0.1:$port" >"$TRIAL_DIR/instance-$name.log" 2>&1 &
  echo $! >"$TRIAL_DIR/instance-$name.pid"
  wait_for "http://127.0.0.1:$port/readyz" "instance $name" "$TRIAL_DIR/instance-$name.log"
  declare "PORT_${name^^}=$port"
done

# 5. nginx in front of both.
NGINX_PORT=$(free_port)
mkdir -p "$TRIAL_DIR/nginx/tmp"
sed -e "s|@DIR@|$TRIAL_DIR/nginx|g" -e "s|@PORT@|$NGINX_PORT|g" -e "s|@A@|127.0.0.1:$PORT_A|g" -e "s|@B@|127.0.0.1:$PORT_B|g" \
  "$ROOT/scripts/nginx.conf.template" >"$TRIAL_DIR/nginx/nginx.conf"
# Run as root, nginx's workers would drop to a user who cannot write its temporary files here.
[ "$(id -u)" != 0 ] || sed -i "1i user root;" "$TRIAL_DIR/nginx/nginx.conf"
"$NGINX" -p "$TRIAL_DIR/nginx" -c "$TRIAL_DIR/nginx/nginx.conf" -e "$TRIAL_DIR/nginx/error.log"
wait_for "http://127.0.0.1:$NGINX_PORT/readyz" nginx "$TRIAL_DIR/nginx/error.log"

cat >"$TRIAL_DIR/trial.env" <<ENV
TRIAL_DB=$TRIAL_DB
PG_PORT=${PG_PORT:-}
PG_BIN=$PG_BIN
DB_FILE=$TRIAL_DIR/portfolio.db
NGINX_URL=http://127.0.0.1:$NGINX_PORT
A_URL=http://127.0.0.1:$PORT_A
B_URL=http://127.0.0.1:$PORT_B
PUBLIC_BASE=$PUBLIC_BASE
TOKEN=$TOKEN
ADMIN_PASSWORD=$ADMIN_PASSWORD
ENV
up=true
echo "trial up ($TRIAL_DB + S3): nginx http://127.0.0.1:$NGINX_PORT, instances :$PORT_A and :$PORT_B, files $PUBLIC_BASE"
echo "admin token: $TOKEN   (all in $TRIAL_DIR/trial.env; scripts/trial-check.sh, scripts/trial-down.sh)"
