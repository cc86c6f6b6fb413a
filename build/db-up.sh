#!/usr/bin/env bash
# Start (or reuse) the local PostgreSQL and MariaDB this checkout uses.
# Idempotent: a second run reuses the running servers.
set -euo pipefail

# shellcheck source-path=SCRIPTDIR source=lib/common.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib/common.sh"

ensure_local_databases
if ((CM_LOCAL_DATABASES_SKIPPED == 1)); then
  exit 0
fi

cat >&2 <<SUMMARY
[casemanagement] ready:
  PostgreSQL  127.0.0.1:$CM_PG_PORT   databases $CM_PG_SERVICE_DB, $CM_PG_TEST_DB   user $CM_PG_APP_USER
  MariaDB     127.0.0.1:$CM_MARIADB_PORT   databases $CM_MARIADB_SERVICE_DB, $CM_MARIADB_TEST_DB   users $CM_MARIADB_APP_USER, $CM_MARIADB_RO_USER (read-only)
  state       $CM_STATE_DIR   (logs: pg.log, mariadb.log)
  stop        bash $REPO_ROOT/build/db-down.sh   (--purge also deletes the data)
SUMMARY
