#!/usr/bin/env bash
# A throwaway PostgreSQL server for the storage tests and the postgres example:
# Debian's package, its own cluster in a scratch directory, listening on
# 127.0.0.1 only, trust authentication, one database.
#
#   bash scripts/postgres.sh start   # prints the database URL on stdout
#   bash scripts/postgres.sh stop    # stops the server and deletes its files
#
#   export TENCENT_WEBHOOK_PG_URL=$(bash scripts/postgres.sh start)
#   cargo test --test postgres -- --include-ignored
#   bash scripts/postgres.sh stop
#
# Needs, checked before starting: a PostgreSQL server installed (initdb,
# pg_ctl and psql, from Debian's `postgresql` package or your system's), or
# root and apt-get to install that package, which needs network to Debian's
# archive. As root, the server runs as the `postgres` user (through runuser).
#
# `start` does nothing but print the URL when the server is already running.
# Settings: PG_TEST_PORT (default 55432), PG_TEST_DIR (default
# $TMPDIR/tencent-live-webhook-pg, or /tmp/...).
set -euo pipefail

port=${PG_TEST_PORT:-55432}
dir=${PG_TEST_DIR:-${TMPDIR:-/tmp}/tencent-live-webhook-pg}
data=$dir/data
database=tencent_live_webhook
url="postgres://postgres@127.0.0.1:$port/$database"

say() { printf 'postgres.sh: %s\n' "$*" >&2; }

# The newest installed server's bin directory (initdb, pg_ctl, postgres).
server_bin() {
  local bin
  bin=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)
  if [[ -n $bin && -x $bin/initdb ]]; then
    echo "$bin"
  elif command -v initdb >/dev/null && command -v pg_ctl >/dev/null; then
    dirname "$(command -v initdb)"
  fi
}

# What `start` needs, checked before anything is changed.
preflight() {
  if [[ -z $(server_bin) ]]; then
    if [[ $(id -u) -ne 0 ]]; then
      say "no PostgreSQL server is installed, and installing Debian's postgresql package needs root: install it (or your system's server package) and run this again"
      exit 1
    fi
    if ! command -v apt-get >/dev/null; then
      say "no PostgreSQL server is installed, and there is no apt-get to install Debian's postgresql package: install a PostgreSQL server and run this again"
      exit 1
    fi
  fi
  if [[ $(id -u) -eq 0 ]] && ! command -v runuser >/dev/null; then
    say "running as root needs runuser (util-linux) to run the server as the postgres user"
    exit 1
  fi
}

install_server() {
  say "installing Debian's postgresql package"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq >&2
  apt-get install -y -qq --no-install-recommends postgresql >&2
  # The package may start its own default cluster; only ours is wanted.
  if command -v pg_lsclusters >/dev/null; then
    pg_lsclusters --no-header 2>/dev/null | while read -r version cluster _ status _; do
      if [[ $status == online* ]]; then
        pg_ctlcluster "$version" "$cluster" stop >&2 || true
      fi
    done
  fi
}

# Runs a server program as the owner of the data directory: postgres refuses
# to run as root, so root runs it as the `postgres` user.
as_owner() {
  if [[ $(id -u) -eq 0 ]]; then
    runuser -u postgres -- "$@"
  else
    "$@"
  fi
}

running() {
  [[ -f $data/PG_VERSION ]] && as_owner "$bin/pg_ctl" -D "$data" status >/dev/null 2>&1
}

start() {
  preflight
  bin=$(server_bin)
  if [[ -z $bin ]]; then
    install_server
    bin=$(server_bin)
    [[ -n $bin ]] || { say "the postgresql package installed no server"; exit 1; }
  fi
  local psql_bin=$bin/psql
  [[ -x $psql_bin ]] || psql_bin=$(command -v psql || true)
  [[ -n $psql_bin ]] || { say "there is no psql (the PostgreSQL client) beside $bin/initdb or on PATH"; exit 1; }

  if running; then
    say "already running on 127.0.0.1:$port ($data)"
  else
    rm -rf "$dir"
    mkdir -p "$dir"
    if [[ $(id -u) -eq 0 ]]; then
      id postgres >/dev/null 2>&1 || { say "there is no postgres user"; exit 1; }
      chown postgres: "$dir"
    fi
    as_owner "$bin/initdb" -D "$data" -U postgres --auth=trust --encoding=UTF8 \
      --locale=C --no-sync >"$dir/initdb.log" 2>&1 ||
      { cat "$dir/initdb.log" >&2; exit 1; }
    # Loopback TCP only; the Unix socket lives in the scratch directory.
    if ! as_owner "$bin/pg_ctl" -D "$data" -l "$dir/server.log" -w -t 60 \
      -o "-c listen_addresses=127.0.0.1 -p $port -k $dir" start >&2; then
      cat "$dir/server.log" >&2
      exit 1
    fi
    say "started on 127.0.0.1:$port ($data)"
  fi

  local psql=("$psql_bin" -X -q -h 127.0.0.1 -p "$port" -U postgres -d postgres -v ON_ERROR_STOP=1)
  if [[ -z $("${psql[@]}" -tA -c "SELECT 1 FROM pg_database WHERE datname = '$database'") ]]; then
    "${psql[@]}" -c "CREATE DATABASE $database" >&2
  fi
  echo "$url"
}

stop() {
  bin=$(server_bin)
  if [[ -n $bin ]] && running; then
    as_owner "$bin/pg_ctl" -D "$data" -m fast -w -t 60 stop >&2
    say "stopped"
  else
    say "not running"
  fi
  rm -rf "$dir"
}

case ${1:-} in
  start) start ;;
  stop) stop ;;
  *)
    echo "usage: $0 start|stop" >&2
    exit 2
    ;;
esac
