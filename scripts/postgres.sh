#!/usr/bin/env bash
# A throw-away PostgreSQL server on 127.0.0.1 for tests, benchmarks and trying the workers.
#
#   eval "$(scripts/postgres.sh start)"   # installs PostgreSQL if missing, starts a cluster,
#                                         # prints PGTMP, PGPORT and FEEDRAIL_DATABASE_URL
#   scripts/postgres.sh stop "$PGTMP"     # stops it and removes its data
#
# The cluster lives in its own directory with its own port; nothing else on the machine is
# touched. As root it runs as the `postgres` user (PostgreSQL refuses to run as root).
set -euo pipefail

find_bin() { find /usr/lib/postgresql -mindepth 2 -maxdepth 2 -name bin -type d 2>/dev/null | sort -V | tail -1; }

ensure_installed() {
  if [ -z "$(find_bin)" ]; then
    if [ "$(id -u)" -ne 0 ]; then
      echo "PostgreSQL is not installed: run 'sudo apt-get install -y postgresql' (or your system's package)" >&2
      exit 1
    fi
    echo "installing PostgreSQL from Debian's packages..." >&2
    apt-get update -qq >&2
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql >&2
  fi
}

case "${1:-}" in
start)
  ensure_installed
  PGBIN=$(find_bin)
  if [ "$(id -u)" -eq 0 ]; then RUN=(runuser -u postgres --); OWNER=postgres; else RUN=(); OWNER=$(id -un); fi
  PGTMP=$(mktemp -d "${PGTMP_BASE:-/tmp}/feedrail-pg.XXXXXX")
  chown "$OWNER" "$PGTMP"
  PGPORT=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
  PASSWORD=$(python3 -c 'import secrets; print(secrets.token_hex(12))')
  echo "$PASSWORD" > "$PGTMP/pw"
  chown "$OWNER" "$PGTMP/pw"
  cd /
  "${RUN[@]}" "$PGBIN/initdb" -D "$PGTMP/data" -U postgres --pwfile="$PGTMP/pw" \
    --auth-local=trust --auth-host=scram-sha-256 -E UTF8 --no-locale --no-sync >"$PGTMP/initdb.log"
  rm "$PGTMP/pw"
  # Durability is off: this cluster is thrown away, and tests want speed, not fsyncs.
  "${RUN[@]}" "$PGBIN/pg_ctl" -D "$PGTMP/data" -l "$PGTMP/server.log" -w -t 30 start \
    -o "-c listen_addresses=127.0.0.1 -p $PGPORT -k $PGTMP -c max_connections=300 -c fsync=off -c synchronous_commit=off -c full_page_writes=off" >/dev/null
  echo "export PGTMP=$PGTMP PGPORT=$PGPORT FEEDRAIL_DATABASE_URL=postgresql://postgres:$PASSWORD@127.0.0.1:$PGPORT/postgres"
  ;;
stop)
  PGBIN=$(find_bin)
  DIR=${2:?usage: scripts/postgres.sh stop PGTMP}
  if [ "$(id -u)" -eq 0 ]; then RUN=(runuser -u postgres --); else RUN=(); fi
  cd /
  "${RUN[@]}" "$PGBIN/pg_ctl" -D "$DIR/data" -m fast -w stop >/dev/null || true
  rm -rf "$DIR"
  ;;
*)
  echo "usage: scripts/postgres.sh start | stop PGTMP" >&2
  exit 2
  ;;
esac
