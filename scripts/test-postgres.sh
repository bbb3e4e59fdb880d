#!/usr/bin/env bash
# Throw-away PostgreSQL 15 cluster for the store tests, so that every test run exercises the PostgreSQL backend.
#
#   scripts/test-postgres.sh start DIR     create (or reuse) a cluster in DIR, start it, print its URL on stdout
#   scripts/test-postgres.sh stop DIR      stop the cluster in DIR (also after a half-finished start); keeps DIR
#   scripts/test-postgres.sh run -- CMD..  start a cluster in a fresh temporary folder, run CMD with
#                                          GONGKAI_TEST_PG_URL set, then stop it and delete the folder (always);
#                                          exits with CMD's exit code
#
# The server listens on 127.0.0.1 only, on a free port found by trying, with its unix socket inside DIR, trust
# authentication for the superuser `gongkai`, and fsync off (the data is thrown away). Started as root, the
# server runs as the `postgres` system user (initdb refuses root) and DIR is handed to it.
# Progress and errors go to stderr; stdout carries only the URL. Environment: PG_BIN overrides
# /usr/lib/postgresql/15/bin.
set -euo pipefail
shopt -s inherit_errexit   # keep -e inside $(...) too

readonly PG_BIN="${PG_BIN:-/usr/lib/postgresql/15/bin}"
readonly DB_USER=gongkai
readonly DB_NAME=gongkai_test
readonly SERVER_USER=postgres   # the system account that runs the server when we are root

# Settings from the caller's environment must not redirect our client commands to another server.
unset PGHOST PGHOSTADDR PGPORT PGUSER PGDATABASE PGPASSWORD PGSERVICE PGSERVICEFILE PGOPTIONS

log() { echo "test-postgres: $*" >&2; }
die() { log "error: $*"; exit 1; }

usage() {
  sed -n '3,8p' "$0" | sed 's/^# \{0,1\}//' >&2
  exit 2
}

check_installed() {
  local tool
  for tool in initdb pg_ctl pg_isready createdb psql; do
    [[ -x "$PG_BIN/$tool" ]] || die "$PG_BIN/$tool not found: PostgreSQL 15 server is not installed (run scripts/install-deps.sh)"
  done
}

# Runs a command as the user that owns the cluster: `postgres` when we are root, ourselves otherwise.
# The working directory is DIR's cluster folder's parent, which that user can always enter.
as_owner() {
  if [[ $EUID -eq 0 ]]; then
    (cd / && runuser -u "$SERVER_USER" -- "$@")
  else
    (cd / && "$@")
  fi
}

# Makes DIR usable by the server user; fails with the reason if it is not.
prepare_dir() {
  local dir=$1
  mkdir -p "$dir" || die "cannot create $dir"
  if [[ $EUID -eq 0 ]]; then
    id -u "$SERVER_USER" >/dev/null 2>&1 ||
      die "no '$SERVER_USER' system user to run the server as (it comes with postgresql-15: run scripts/install-deps.sh)"
    chown "$SERVER_USER:" "$dir" || die "cannot give $dir to the $SERVER_USER user"
    chmod 700 "$dir"
    as_owner test -w "$dir" -a -x "$dir" ||
      die "the $SERVER_USER user cannot reach $dir (a parent folder is closed to it); use a folder under /tmp"
  fi
}

is_running() {  # DIR
  [[ -f "$1/data/postmaster.pid" ]] && as_owner "$PG_BIN/pg_ctl" -D "$1/data" status >/dev/null 2>&1
}

port_in_use() {  # PORT
  (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null
}

print_url() {  # DIR
  echo "postgresql://$DB_USER@127.0.0.1:$(cat "$1/port")/$DB_NAME"
}

show_log_tail() {  # DIR
  if [[ -f "$1/server.log" ]]; then
    log "last lines of $1/server.log:"
    tail -n 20 "$1/server.log" >&2 || true
  fi
}

cmd_start() {
  local dir=${1:-}
  [[ -n "$dir" ]] || usage
  check_installed
  prepare_dir "$dir"
  dir=$(cd "$dir" && pwd)
  local socket_dir="$dir/socket"
  # sun_path holds 107 bytes; ".s.PGSQL.NNNNN" adds 15.
  (( ${#socket_dir} + 15 < 107 )) || die "$dir is too long a path for the server's unix socket; use a shorter one"

  if is_running "$dir"; then
    log "cluster in $dir is already running"
    print_url "$dir"
    return 0
  fi

  # A cluster is complete only once initdb and our configuration finished (marked by cluster.ready);
  # anything else is the debris of a failed start and is rebuilt.
  if [[ ! -f "$dir/cluster.ready" ]]; then
    rm -rf "$dir/data" "$dir/socket" "$dir/port" "$dir/server.log"
    log "creating cluster in $dir/data"
    as_owner mkdir -p "$socket_dir"
    if ! as_owner "$PG_BIN/initdb" -D "$dir/data" -U "$DB_USER" --auth=trust -E UTF8 --locale=C.UTF-8 \
          --no-instructions >"$dir/initdb.log" 2>&1; then
      cat "$dir/initdb.log" >&2
      die "initdb failed (output above)"
    fi
    cat >>"$dir/data/postgresql.conf" <<EOF

# scripts/test-postgres.sh: a throw-away test cluster.
listen_addresses = '127.0.0.1'
unix_socket_directories = '$socket_dir'
fsync = off
synchronous_commit = off
full_page_writes = off
max_connections = 200
log_min_messages = warning
EOF
    touch "$dir/cluster.ready"
  fi

  # Pick a port by trying: skip ports something answers on, and retry if the server cannot bind (a race).
  local attempt port
  for attempt in $(seq 1 20); do
    port=$(( 20000 + (RANDOM * 32768 + RANDOM) % 40000 ))
    port_in_use "$port" && continue
    echo "$port" >"$dir/port"
    if as_owner "$PG_BIN/pg_ctl" -D "$dir/data" -l "$dir/server.log" -o "-p $port" -w -t 60 start >/dev/null 2>&1; then
      break
    fi
    if grep -q -E 'could not (bind|create listen socket)|Address already in use' "$dir/server.log" 2>/dev/null; then
      log "port $port was taken; trying another"
      as_owner "$PG_BIN/pg_ctl" -D "$dir/data" -m immediate stop >/dev/null 2>&1 || true
      continue
    fi
    show_log_tail "$dir"
    die "the server in $dir did not start (log above)"
  done
  is_running "$dir" || { show_log_tail "$dir"; die "no free port found for the server after $attempt tries"; }

  local ready=0
  for _ in $(seq 1 60); do
    if "$PG_BIN/pg_isready" -q -h 127.0.0.1 -p "$port" -U "$DB_USER" -d postgres; then ready=1; break; fi
    sleep 0.5
  done
  (( ready )) || { show_log_tail "$dir"; die "the server on port $port does not accept connections"; }

  if [[ -z "$("$PG_BIN/psql" -h 127.0.0.1 -p "$port" -U "$DB_USER" -d postgres -tAc \
        "SELECT 1 FROM pg_database WHERE datname = '$DB_NAME'")" ]]; then
    "$PG_BIN/createdb" -h 127.0.0.1 -p "$port" -U "$DB_USER" "$DB_NAME" || die "cannot create database $DB_NAME"
  fi
  log "cluster in $dir listening on 127.0.0.1:$port"
  print_url "$dir"
}

cmd_stop() {
  local dir=${1:-}
  [[ -n "$dir" ]] || usage
  if [[ ! -d "$dir/data" ]]; then
    log "no cluster in $dir: nothing to stop"
    return 0
  fi
  if [[ ! -f "$dir/data/postmaster.pid" ]]; then
    log "cluster in $dir is not running"
    return 0
  fi
  if as_owner "$PG_BIN/pg_ctl" -D "$dir/data" -m fast -w -t 30 stop >/dev/null 2>&1; then
    log "stopped the cluster in $dir"
    return 0
  fi
  log "fast shutdown failed; stopping immediately"
  as_owner "$PG_BIN/pg_ctl" -D "$dir/data" -m immediate -w -t 30 stop >/dev/null 2>&1 && return 0
  # Last resort: pg_ctl may be missing or the pid file stale; signal the postmaster named in it.
  local pid
  pid=$(head -n 1 "$dir/data/postmaster.pid" 2>/dev/null || true)
  if [[ "$pid" =~ ^[0-9]+$ ]] && kill -0 "$pid" 2>/dev/null; then
    kill -QUIT "$pid" 2>/dev/null || true
    log "sent SIGQUIT to postmaster $pid"
    return 0
  fi
  log "cluster in $dir was not running (stale pid file)"
}

cmd_run() {
  [[ "${1:-}" == "--" ]] && shift
  (( $# > 0 )) || usage
  check_installed
  local url rc
  RUN_DIR=$(mktemp -d "${TMPDIR:-/tmp}/gongkai-pg.XXXXXX") || die "cannot create a temporary folder"
  RUN_STARTED=0
  # Always stop the server and delete the folder, however we leave (CMD failing, Ctrl-C, start failing).
  trap run_cleanup EXIT
  trap 'exit 130' INT
  trap 'exit 143' TERM
  url=$(cmd_start "$RUN_DIR")  # on failure -e ends the script here and run_cleanup reports it
  RUN_STARTED=1
  export GONGKAI_TEST_PG_URL="$url"
  log "GONGKAI_TEST_PG_URL=$url"
  set +e
  "$@"
  rc=$?
  set -e
  exit "$rc"
}

run_cleanup() {
  local rc=$?
  (( RUN_STARTED )) || log "error: could not start the test cluster (see above); the command was not run"
  cmd_stop "$RUN_DIR" || true
  rm -rf "$RUN_DIR"
  exit "$rc"
}

case "${1:-}" in
  start) shift; cmd_start "$@" ;;
  stop) shift; cmd_stop "$@" ;;
  run) shift; cmd_run "$@" ;;
  *) usage ;;
esac
