#!/usr/bin/env bash
# A throwaway PostgreSQL cluster for tests and development, owned by an unprivileged user.
#
#   scripts/postgres-cluster.sh start DIR [PORT]   initdb in DIR, start on 127.0.0.1:PORT (default 54329),
#                                                  create the database trade_news, print its URL
#   scripts/postgres-cluster.sh stop DIR           stop it (DIR can then be deleted)
#
# Needs the PostgreSQL server binaries (initdb, pg_ctl): Debian/Ubuntu `apt-get install postgresql`.
# Run as root (CI), the cluster belongs to the system user ci-postgres, created if missing, since
# PostgreSQL refuses to run as root. Trust authentication on 127.0.0.1 and a socket inside DIR:
# nothing outside this machine can reach it. Not for production data.
set -euo pipefail

usage() {
  echo "usage: $0 start DIR [PORT] | stop DIR" >&2
  exit 2
}

bin_dir() {
  if command -v pg_ctl >/dev/null 2>&1 && command -v initdb >/dev/null 2>&1; then
    dirname "$(readlink -f "$(command -v pg_ctl)")"
    return
  fi
  local found
  found=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1 || true)
  if [[ -z "$found" || ! -x "$found/pg_ctl" ]]; then
    echo "PostgreSQL server binaries (initdb, pg_ctl) not found: install them with 'apt-get install postgresql'" >&2
    exit 1
  fi
  echo "$found"
}

# Runs a command as the cluster's owner: ourselves, or ci-postgres when we are root.
as_owner() {
  if [[ $(id -u) -eq 0 ]]; then
    runuser -u ci-postgres -- "$@"
  else
    "$@"
  fi
}

[[ $# -ge 2 ]] || usage
action=$1
dir=$(realpath -m "$2")
port=${3:-54329}
bin=$(bin_dir)

case "$action" in
  start)
    mkdir -p "$dir"
    if [[ $(id -u) -eq 0 ]]; then
      id ci-postgres >/dev/null 2>&1 || useradd --system --no-create-home --shell /usr/sbin/nologin ci-postgres
      chown ci-postgres "$dir"
    fi
    if [[ ! -f "$dir/data/PG_VERSION" ]]; then
      as_owner "$bin/initdb" -D "$dir/data" -U postgres --auth=trust --encoding=UTF8 --locale=C.UTF-8 >"$dir/initdb.log" 2>&1 ||
        as_owner "$bin/initdb" -D "$dir/data" -U postgres --auth=trust --encoding=UTF8 --locale=C >"$dir/initdb.log" 2>&1 ||
        { cat "$dir/initdb.log" >&2; exit 1; }
    fi
    as_owner "$bin/pg_ctl" -D "$dir/data" status >/dev/null 2>&1 ||
      as_owner "$bin/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w -t 60 \
      -o "-c listen_addresses=127.0.0.1 -p $port -k $dir -c fsync=off -c max_connections=200" start >/dev/null ||
      { cat "$dir/server.log" >&2; exit 1; }
    exists=$(as_owner "$bin/psql" -h 127.0.0.1 -p "$port" -U postgres -d postgres -tAc \
      "SELECT 1 FROM pg_database WHERE datname = 'trade_news'")
    [[ "$exists" == "1" ]] || as_owner "$bin/createdb" -h 127.0.0.1 -p "$port" -U postgres trade_news
    echo "postgres://postgres@127.0.0.1:$port/trade_news"
    ;;
  stop)
    if [[ -f "$dir/data/postmaster.pid" ]]; then
      as_owner "$bin/pg_ctl" -D "$dir/data" -m fast -w stop >/dev/null
    fi
    ;;
  *)
    usage
    ;;
esac
