#!/usr/bin/env bash
# Makes the PostgreSQL server programs (initdb, pg_ctl, postgres) available to the engine's storage
# tests, which start a throwaway cluster with them. Idempotent and quick when they are present.
#
#   scripts/ensure-postgres.sh        prints the folder holding the programs (stdout, one line);
#                                     what it does goes to stderr
#
# Looks in $PODIUM_POSTGRES_BIN, then next to `pg_ctl` on PATH, then /usr/lib/postgresql/<version>/bin
# (newest first). When none is found and we are root with apt-get (CI machines), installs Debian's
# `postgresql` package. As root it also makes sure a `postgres` user exists: the server refuses to
# run as root, so the test setup runs it as that user.
set -euo pipefail

log() { echo "ensure-postgres: $*" >&2; }

has_server_programs() {
  local dir=$1
  [ -n "$dir" ] && [ -x "$dir/initdb" ] && [ -x "$dir/pg_ctl" ] && [ -x "$dir/postgres" ]
}

find_bindir() {
  local candidate
  if has_server_programs "${PODIUM_POSTGRES_BIN:-}"; then
    echo "$PODIUM_POSTGRES_BIN"
    return 0
  fi
  if command -v pg_ctl >/dev/null 2>&1; then
    # Debian links pg_ctl into /usr/local/bin or wraps it (pg_wrapper); resolve to the real folder.
    candidate="$(dirname "$(readlink -f "$(command -v pg_ctl)")")"
    if has_server_programs "$candidate"; then
      echo "$candidate"
      return 0
    fi
  fi
  while IFS= read -r candidate; do
    if has_server_programs "$candidate"; then
      echo "$candidate"
      return 0
    fi
  done < <(printf '%s\n' /usr/lib/postgresql/*/bin | sort -V -r)
  return 1
}

ensure_postgres_user() {
  [ "$(id -u)" -eq 0 ] || return 0
  if ! id postgres >/dev/null 2>&1; then
    log "creating system user postgres (the server refuses to run as root)"
    useradd --system --no-create-home --shell /usr/sbin/nologin postgres
  fi
}

if bindir="$(find_bindir)"; then
  ensure_postgres_user
  log "PostgreSQL server programs found in $bindir"
  echo "$bindir"
  exit 0
fi

if [ "$(id -u)" -eq 0 ] && command -v apt-get >/dev/null 2>&1; then
  log "PostgreSQL server programs not found; installing Debian's postgresql package (apt-get)"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq >&2
  apt-get install -y -qq --no-install-recommends postgresql >&2
  if bindir="$(find_bindir)"; then
    ensure_postgres_user
    log "installed; PostgreSQL server programs are in $bindir"
    echo "$bindir"
    exit 0
  fi
  log "apt-get installed postgresql but initdb/pg_ctl/postgres are still not found"
  exit 1
fi

log "PostgreSQL server programs (initdb, pg_ctl, postgres) not found, and cannot install them here"
log "(installing needs root and apt-get). Do one of:"
log "  - install PostgreSQL >= 15 (Debian/Ubuntu: sudo apt-get install postgresql; macOS: brew install postgresql)"
log "  - set PODIUM_POSTGRES_BIN to the folder holding initdb, pg_ctl and postgres"
log "  - set PODIUM_TEST_POSTGRES_URL to a server the tests may create databases on"
log "  - set PODIUM_SKIP_POSTGRES=1 to run the storage tests on PGlite only"
exit 1
