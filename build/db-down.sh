#!/usr/bin/env bash
# Stop the PostgreSQL, MariaDB and MailSink started from this checkout's state folder.
# Servers started elsewhere are left alone. Idempotent.
#   --purge   also delete the state folder (all local data)
set -euo pipefail

# shellcheck source-path=SCRIPTDIR source=lib/common.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib/common.sh"

purge=0
for arg in "$@"; do
  case "$arg" in
    --purge) purge=1 ;;
    -h | --help)
      echo "usage: $0 [--purge]"
      exit 0
      ;;
    *) die "unknown argument: $arg (usage: $0 [--purge])" ;;
  esac
done

if [[ ! -d "$CM_STATE_DIR" ]]; then
  log "nothing to stop: $CM_STATE_DIR does not exist"
  exit 0
fi

stop_local_databases
stop_mail_sink
stop_identity_provider
stop_rabbitmq

if ((purge == 1)); then
  # Guard against a mistaken CM_STATE_DIR such as / or an empty value.
  case "$CM_STATE_DIR" in
    / | /var | /var/tmp | /tmp | "$HOME" | "$REPO_ROOT") die "refusing to delete $CM_STATE_DIR" ;;
  esac
  log "deleting $CM_STATE_DIR"
  rm -rf -- "$CM_STATE_DIR"
fi
log "done"
