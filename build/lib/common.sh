# shellcheck shell=bash
# Shared helpers for the build/ scripts. Source it; do not run it.
#
# Local development databases run as plain processes (no Docker here):
#   PostgreSQL (Marten event store)  on 127.0.0.1:${CM_PG_PORT:-55432}
#   MariaDB    (shop database)       on 127.0.0.1:${CM_MARIADB_PORT:-53306}
# Their data lives outside the checkout (see CM_STATE_DIR) because the
# `postgres` OS user cannot enter /root, where a clone may well live.

if [[ -n "${CM_COMMON_SOURCED:-}" ]]; then
  return 0
fi
CM_COMMON_SOURCED=1

# --- locations ---------------------------------------------------------------

REPO_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd -P)"
readonly REPO_ROOT

# One state folder per checkout, so two clones never share data or servers.
CM_STATE_DIR="${CM_STATE_DIR:-/var/tmp/casemanagement-$(printf '%s' "$REPO_ROOT" | sha256sum | cut -c1-12)}"

CM_PG_PORT="${CM_PG_PORT:-55432}"
CM_MARIADB_PORT="${CM_MARIADB_PORT:-53306}"

# Prefer PostgreSQL 15 (what the project targets); fall back to the newest
# installed major so a machine with only another version still works.
if [[ -z "${CM_PG_BIN:-}" ]]; then
  CM_PG_BIN=/usr/lib/postgresql/15/bin
  if [[ ! -x "$CM_PG_BIN/initdb" ]]; then
    while IFS= read -r candidate; do
      if [[ -x "$candidate/initdb" ]]; then
        CM_PG_BIN="$candidate"
        break
      fi
    done < <(printf '%s\n' /usr/lib/postgresql/*/bin | sort -t/ -k5,5nr)
    unset candidate
  fi
fi

PG_DATA_DIR="$CM_STATE_DIR/pg"
PG_SOCKET_DIR="$CM_STATE_DIR/pgsock"
PG_LOG_FILE="$CM_STATE_DIR/pg.log"
MARIADB_DATA_DIR="$CM_STATE_DIR/mariadb"
MARIADB_SOCKET="$CM_STATE_DIR/mariadb.sock"
MARIADB_PID_FILE="$CM_STATE_DIR/mariadb.pid"
MARIADB_LOG_FILE="$CM_STATE_DIR/mariadb.log"

# Local-development credentials only; never use these anywhere real.
readonly CM_PG_APP_USER=casemanagement
readonly CM_PG_APP_PASSWORD=casemanagement
readonly CM_PG_SERVICE_DB=casemanagement
readonly CM_PG_TEST_DB=casemanagement_tests
readonly CM_MARIADB_APP_USER=casemanagement
readonly CM_MARIADB_APP_PASSWORD=casemanagement
readonly CM_MARIADB_RO_USER=casemanagement_ro
readonly CM_MARIADB_RO_PASSWORD=casemanagement_ro
readonly CM_MARIADB_SERVICE_DB=shop_demo
readonly CM_MARIADB_TEST_DB=shop_tests

# Set to 1 by ensure_postgres / ensure_mariadb when *this* process started the
# server (as opposed to reusing one), so callers can stop only what they began.
CM_PG_STARTED_HERE=0
CM_MARIADB_STARTED_HERE=0
# Set to 1 when CM_SKIP_LOCAL_DATABASES made ensure_local_databases do nothing.
CM_LOCAL_DATABASES_SKIPPED=0

# The connection-string variables the .NET side reads (ASP.NET maps `__` to `:`).
CM_CONNECTION_ENV_NAMES=(
  ConnectionStrings__Marten
  ConnectionStrings__MartenTests
  ConnectionStrings__ShopDemo
  ConnectionStrings__ShopDemoReadOnly
  ConnectionStrings__ShopTests
  ConnectionStrings__ShopTestsReadOnly
)

# --- small helpers -----------------------------------------------------------

log() {
  printf '[casemanagement] %s\n' "$*" >&2
}

die() {
  log "ERROR: $*"
  exit 1
}

# Print the end of a log file so a failed start explains itself.
show_log_tail() {
  local file=$1
  if [[ -f "$file" ]]; then
    log "last lines of $file:"
    tail -n 40 "$file" >&2 || true
  else
    log "(no log file at $file)"
  fi
}

# Run "$@" once a second until it succeeds; after <seconds>, show the log's tail and stop with <message>.
wait_until() {
  local seconds=$1 log_file=$2 message=$3 waited=0
  shift 3
  until "$@"; do
    if ((waited >= seconds)); then
      show_log_tail "$log_file"
      die "$message"
    fi
    sleep 1
    waited=$((waited + 1))
  done
}

require_root() {
  # Starting servers needs runuser (to act as `postgres`) and apt-get.
  if [[ "$(id -u)" -ne 0 ]]; then
    die "local databases are managed as root (runuser/apt-get); run as root, or point ConnectionStrings__* at your own servers and set CM_SKIP_LOCAL_DATABASES=1"
  fi
}

# Run a command as the `postgres` OS user. `cd /` first: the caller's working
# directory may be under /root, which that user cannot enter.
run_as_postgres() {
  (cd / && runuser -u postgres -- "$@")
}

# True if a process with this PID exists and its command name is $2.
pid_is() {
  local pid=$1 name=$2 comm
  [[ "$pid" =~ ^[0-9]+$ ]] || return 1
  comm="$(cat "/proc/$pid/comm" 2>/dev/null)" || return 1
  [[ "$comm" == "$name" ]]
}

process_gone() {
  ! pid_is "$1" "$2"
}

ensure_state_dir() {
  mkdir -p "$CM_STATE_DIR"
  # 0755 so the postgres user can traverse into its own subfolders.
  chmod 0755 "$CM_STATE_DIR"
}

# --- packages ----------------------------------------------------------------

# True while any apt/dpkg process runs (e.g. a background install). Reads /proc
# so it needs neither fuser nor pgrep, which minimal images may lack.
dpkg_busy() {
  local comm_file name
  for comm_file in /proc/[0-9]*/comm; do
    { read -r name <"$comm_file"; } 2>/dev/null || continue
    case "$name" in
      apt | apt-get | aptitude | dpkg | unattended-upgr) return 0 ;;
    esac
  done
  return 1
}

wait_for_dpkg() {
  local waited=0 limit=180
  while dpkg_busy; do
    if ((waited == 0)); then
      log "another apt/dpkg run is in progress; waiting for it (up to ${limit} s)"
    fi
    if ((waited >= limit)); then
      log "apt/dpkg still busy after ${limit} s; trying anyway (apt will wait for its lock)"
      return 0
    fi
    sleep 2
    waited=$((waited + 2))
  done
}

cm_missing_packages() {
  local -a missing=()
  if [[ ! -x "$CM_PG_BIN/initdb" || ! -x "$CM_PG_BIN/pg_ctl" || ! -x "$CM_PG_BIN/postgres" || ! -x "$CM_PG_BIN/psql" ]]; then
    missing+=(postgresql-15)
  fi
  if ! command -v mariadbd >/dev/null 2>&1 && [[ ! -x /usr/sbin/mariadbd ]]; then
    missing+=(mariadb-server)
  elif ! command -v mariadb-install-db >/dev/null 2>&1 || ! command -v mariadb >/dev/null 2>&1 || ! command -v mariadb-admin >/dev/null 2>&1; then
    missing+=(mariadb-server)
  fi
  # Audit reports are printed to PDF by headless Chromium (docs/audit-reports.md), and the browser tests
  # (tests/CaseManagement.BrowserTests) drive Debian's /usr/bin/chromium, whatever Reports__ChromiumPath says.
  if [[ ! -x /usr/bin/chromium ]]; then
    missing+=(chromium)
  fi
  # jq checks exported audit reports offline (build/verify-audit-report.sh); pdftotext lets tests read the PDFs.
  command -v jq >/dev/null 2>&1 || missing+=(jq)
  command -v pdftotext >/dev/null 2>&1 || missing+=(poppler-utils)
  printf '%s\n' "${missing[@]}"
}

# Install only what is missing; `apt-get update` only when installing.
ensure_packages() {
  local -a missing
  # A background install may have unpacked half a package; let it finish
  # before deciding what is missing.
  wait_for_dpkg
  mapfile -t missing < <(cm_missing_packages | sed '/^$/d' | sort -u)
  if ((${#missing[@]} == 0)); then
    return 0
  fi
  require_root
  log "installing ${missing[*]} with apt-get"
  local attempt
  # Retry: another apt run can grab the lock between our wait and our call.
  for attempt in 1 2 3; do
    wait_for_dpkg
    if apt-get -o DPkg::Lock::Timeout=180 update -qq &&
      DEBIAN_FRONTEND=noninteractive apt-get -o DPkg::Lock::Timeout=180 install -y -qq --no-upgrade "${missing[@]}"; then
      break
    fi
    if ((attempt == 3)); then
      die "apt-get install ${missing[*]} failed three times"
    fi
    log "apt-get failed (attempt $attempt); retrying in 10 s"
    sleep 10
  done
  # The postgresql-15 package may have changed which bin folder exists.
  if [[ ! -x "$CM_PG_BIN/initdb" && -x /usr/lib/postgresql/15/bin/initdb ]]; then
    CM_PG_BIN=/usr/lib/postgresql/15/bin
  fi
  mapfile -t missing < <(cm_missing_packages | sed '/^$/d')
  if ((${#missing[@]} > 0)); then
    die "still missing after install: ${missing[*]}"
  fi
}

ensure_dotnet() {
  local version major
  command -v dotnet >/dev/null 2>&1 || die "the .NET SDK (dotnet) is not on PATH; .NET 10 or newer is required"
  version="$(cd "$REPO_ROOT" && dotnet --version 2>/dev/null)" || die "'dotnet --version' failed; is a .NET 10 SDK installed (and does global.json allow it)?"
  major="${version%%.*}"
  if ! [[ "$major" =~ ^[0-9]+$ ]] || ((major < 10)); then
    die ".NET SDK $version found; .NET 10 or newer is required"
  fi
  forget_cached_standin_packages
}

# Until December 2026 the repo carried empty stand-ins for two packages the registry copy lacked
# (docs/adr/0002). A machine that restored them keeps them in its NuGet cache under the real packages'
# ids and versions, and restore would keep using them. The real ones carry assemblies; a stand-in has none.
forget_cached_standin_packages() {
  local cache folder
  cache="${NUGET_PACKAGES:-$HOME/.nuget/packages}"
  for folder in "$cache/patched.distributedlock.postgres/1.3.3" "$cache/identitymodel/6.2.0"; do
    if [[ -d "$folder" && ! -d "$folder/lib" ]]; then
      log "removing the cached stand-in package $folder so restore fetches the real one"
      rm -rf "$folder"
    fi
  done
}

# --- PostgreSQL --------------------------------------------------------------

pg_answers() {
  "$CM_PG_BIN/pg_isready" -q -h 127.0.0.1 -p "$CM_PG_PORT" -t 3 >/dev/null 2>&1
}

# Our own server has its unix socket in our state folder.
pg_is_ours() {
  [[ -S "$PG_SOCKET_DIR/.s.PGSQL.$CM_PG_PORT" ]]
}

# psql as the postgres superuser over our unix socket (local trust auth);
# reads SQL from stdin.
pg_admin_psql() {
  run_as_postgres "$CM_PG_BIN/psql" -X -q -v ON_ERROR_STOP=1 \
    -h "$PG_SOCKET_DIR" -p "$CM_PG_PORT" -U postgres -d postgres
}

pg_app_login_works() {
  local db=$1
  PGPASSWORD="$CM_PG_APP_PASSWORD" PGCONNECT_TIMEOUT=5 "$CM_PG_BIN/psql" -X -q -t -A \
    -h 127.0.0.1 -p "$CM_PG_PORT" -U "$CM_PG_APP_USER" -d "$db" -c 'SELECT 1' >/dev/null 2>&1
}

pg_provision() {
  # Idempotent: role first (password re-set each time), then databases that
  # don't exist yet. CREATE DATABASE can't run in a DO block, hence \gexec.
  pg_admin_psql <<SQL
SELECT format('CREATE ROLE %I LOGIN', '$CM_PG_APP_USER')
WHERE NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = '$CM_PG_APP_USER')\gexec
ALTER ROLE "$CM_PG_APP_USER" WITH LOGIN CREATEDB PASSWORD '$CM_PG_APP_PASSWORD';
SELECT format('CREATE DATABASE %I OWNER %I ENCODING %L TEMPLATE template0', d, '$CM_PG_APP_USER', 'UTF8')
FROM unnest(ARRAY['$CM_PG_SERVICE_DB', '$CM_PG_TEST_DB']) AS d
WHERE NOT EXISTS (SELECT 1 FROM pg_database WHERE datname = d)\gexec
SQL
}

# A crash or machine restart can leave postmaster.pid behind, and the PID in it
# may since belong to another process; postgres would then refuse to start.
pg_clear_stale_lock() {
  local pid_file="$PG_DATA_DIR/postmaster.pid" pid
  [[ -f "$pid_file" ]] || return 0
  pid="$(head -n 1 "$pid_file" 2>/dev/null || true)"
  if ! pid_is "$pid" postgres; then
    log "removing stale $pid_file (PID ${pid:-?} is not a running postgres)"
    rm -f "$pid_file" "$PG_SOCKET_DIR"/.s.PGSQL.*
  fi
}

ensure_postgres() {
  # A socket left by a killed server would make another server on this port
  # look like ours.
  pg_clear_stale_lock
  if pg_answers; then
    if pg_is_ours; then
      log "PostgreSQL already running on 127.0.0.1:$CM_PG_PORT (from $CM_STATE_DIR); reusing it"
      pg_provision
    else
      log "a PostgreSQL server already answers on 127.0.0.1:$CM_PG_PORT (not started from $CM_STATE_DIR); reusing it"
      if ! pg_app_login_works "$CM_PG_TEST_DB"; then
        log "WARNING: cannot log in there as $CM_PG_APP_USER to $CM_PG_TEST_DB; stop that server, pick another CM_PG_PORT, or create the role/databases yourself"
      fi
    fi
    return 0
  fi

  require_root
  ensure_state_dir
  install -d -o postgres -g postgres -m 0700 "$PG_DATA_DIR"
  install -d -o postgres -g postgres -m 0755 "$PG_SOCKET_DIR"
  # pg_ctl opens the log as postgres, and the state folder belongs to root.
  touch "$PG_LOG_FILE"
  chown postgres:postgres "$PG_LOG_FILE"

  if [[ ! -f "$PG_DATA_DIR/PG_VERSION" ]]; then
    log "initialising PostgreSQL data directory $PG_DATA_DIR"
    if ! run_as_postgres "$CM_PG_BIN/initdb" -D "$PG_DATA_DIR" --username=postgres \
      --encoding=UTF8 --locale=C.UTF-8 --auth-local=trust --auth-host=scram-sha-256 \
      >"$CM_STATE_DIR/pg-initdb.log" 2>&1; then
      show_log_tail "$CM_STATE_DIR/pg-initdb.log"
      die "initdb failed"
    fi
  fi

  pg_clear_stale_lock
  log "starting PostgreSQL on 127.0.0.1:$CM_PG_PORT"
  # setsid: give the postmaster its own session so it outlives this script
  # and its process group. Only 127.0.0.1 is listened on.
  if ! run_as_postgres setsid -w "$CM_PG_BIN/pg_ctl" -D "$PG_DATA_DIR" -l "$PG_LOG_FILE" \
    -w -t 30 \
    -o "-c listen_addresses=127.0.0.1 -p $CM_PG_PORT -k $PG_SOCKET_DIR -c max_connections=200" \
    start >/dev/null; then
    show_log_tail "$PG_LOG_FILE"
    die "PostgreSQL did not start on 127.0.0.1:$CM_PG_PORT within 30 s"
  fi

  wait_until 30 "$PG_LOG_FILE" "PostgreSQL started but does not answer on 127.0.0.1:$CM_PG_PORT after 30 s" pg_answers
  CM_PG_STARTED_HERE=1
  pg_provision
}

stop_postgres() {
  if [[ ! -f "$PG_DATA_DIR/postmaster.pid" ]]; then
    log "PostgreSQL from $CM_STATE_DIR is not running"
    return 0
  fi
  pg_clear_stale_lock
  if [[ ! -f "$PG_DATA_DIR/postmaster.pid" ]]; then
    return 0
  fi
  log "stopping PostgreSQL ($PG_DATA_DIR)"
  if ! run_as_postgres "$CM_PG_BIN/pg_ctl" -D "$PG_DATA_DIR" stop -m fast -w -t 60 >/dev/null; then
    show_log_tail "$PG_LOG_FILE"
    die "pg_ctl stop failed"
  fi
}

# --- MariaDB -----------------------------------------------------------------

# True if something accepts TCP connections on 127.0.0.1:$1. A plain TCP probe:
# mariadb-admin ping fails when the server refuses the login or the host.
tcp_port_open() {
  # shellcheck disable=SC2016 # $1 expands in the inner shell
  timeout 3 bash -c 'exec 3<>"/dev/tcp/127.0.0.1/$1"' _ "$1" 2>/dev/null
}

# Ready, or stop now when the server process (PID $1) has already exited: no point waiting for it.
mariadb_started() {
  if ! kill -0 "$1" 2>/dev/null; then
    show_log_tail "$MARIADB_LOG_FILE"
    die "MariaDB exited during start-up (port $CM_MARIADB_PORT in use?)"
  fi
  mariadb_socket_answers && mariadb_answers
}

mariadb_answers() {
  tcp_port_open "$CM_MARIADB_PORT"
}

mariadb_socket_answers() {
  [[ -S "$MARIADB_SOCKET" ]] &&
    mariadb-admin --no-defaults -S "$MARIADB_SOCKET" -uroot --connect-timeout=3 ping >/dev/null 2>&1
}

mariadb_app_login_works() {
  mariadb --no-defaults --protocol=tcp -h127.0.0.1 -P"$CM_MARIADB_PORT" \
    -u"$CM_MARIADB_APP_USER" -p"$CM_MARIADB_APP_PASSWORD" --connect-timeout=5 \
    "$CM_MARIADB_TEST_DB" -e 'SELECT 1' >/dev/null 2>&1
}

# SQL from stdin, as MariaDB root over our socket (unix_socket auth).
mariadb_root_sql() {
  mariadb --no-defaults -S "$MARIADB_SOCKET" -uroot
}

mariadb_provision() {
  # `shop\_%`: the backslash makes `_` literal, so the grant covers databases
  # named shop_<anything> (tests may create their own).
  local host
  {
    # shellcheck disable=SC2016 # the backticks are SQL quoting, not bash
    printf 'CREATE DATABASE IF NOT EXISTS `%s` CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci;\n' \
      "$CM_MARIADB_SERVICE_DB" "$CM_MARIADB_TEST_DB"
    # TCP clients arrive as 127.0.0.1 (name resolution is off); socket ones as localhost.
    for host in 127.0.0.1 localhost; do
      printf "CREATE USER IF NOT EXISTS '%s'@'%s' IDENTIFIED BY '%s';\n" "$CM_MARIADB_APP_USER" "$host" "$CM_MARIADB_APP_PASSWORD"
      printf "ALTER USER '%s'@'%s' IDENTIFIED BY '%s';\n" "$CM_MARIADB_APP_USER" "$host" "$CM_MARIADB_APP_PASSWORD"
      printf "GRANT ALL PRIVILEGES ON \`shop\\\\_%%\`.* TO '%s'@'%s';\n" "$CM_MARIADB_APP_USER" "$host"
      printf "CREATE USER IF NOT EXISTS '%s'@'%s' IDENTIFIED BY '%s';\n" "$CM_MARIADB_RO_USER" "$host" "$CM_MARIADB_RO_PASSWORD"
      printf "ALTER USER '%s'@'%s' IDENTIFIED BY '%s';\n" "$CM_MARIADB_RO_USER" "$host" "$CM_MARIADB_RO_PASSWORD"
      printf "GRANT SELECT ON \`shop\\\\_%%\`.* TO '%s'@'%s';\n" "$CM_MARIADB_RO_USER" "$host"
    done
  } | mariadb_root_sql
}

ensure_mariadb() {
  if mariadb_answers; then
    if mariadb_socket_answers; then
      log "MariaDB already running on 127.0.0.1:$CM_MARIADB_PORT (from $CM_STATE_DIR); reusing it"
      mariadb_provision
    else
      log "a MariaDB server already answers on 127.0.0.1:$CM_MARIADB_PORT (not started from $CM_STATE_DIR); reusing it"
      if ! mariadb_app_login_works; then
        log "WARNING: cannot log in there as $CM_MARIADB_APP_USER to $CM_MARIADB_TEST_DB; stop that server, pick another CM_MARIADB_PORT, or create the users/databases yourself"
      fi
    fi
    return 0
  fi

  require_root
  ensure_state_dir

  if [[ ! -d "$MARIADB_DATA_DIR/mysql" ]]; then
    log "initialising MariaDB data directory $MARIADB_DATA_DIR"
    rm -rf "$MARIADB_DATA_DIR"
    # --no-defaults: ignore the system my.cnf (other datadir, socket, port).
    # Socket auth: only the OS root user can log in as MariaDB root.
    if ! mariadb-install-db --no-defaults --datadir="$MARIADB_DATA_DIR" --user=root \
      --auth-root-authentication-method=socket --skip-test-db \
      >"$CM_STATE_DIR/mariadb-install.log" 2>&1; then
      show_log_tail "$CM_STATE_DIR/mariadb-install.log"
      die "mariadb-install-db failed"
    fi
  fi

  log "starting MariaDB on 127.0.0.1:$CM_MARIADB_PORT"
  local mariadbd_bin
  mariadbd_bin="$(command -v mariadbd || echo /usr/sbin/mariadbd)"
  # setsid + nohup: detach from this script's session so the server survives it.
  setsid nohup "$mariadbd_bin" --no-defaults \
    --datadir="$MARIADB_DATA_DIR" \
    --socket="$MARIADB_SOCKET" \
    --port="$CM_MARIADB_PORT" \
    --bind-address=127.0.0.1 \
    --user=root \
    --pid-file="$MARIADB_PID_FILE" \
    --log-error="$MARIADB_LOG_FILE" \
    --skip-name-resolve \
    --character-set-server=utf8mb4 \
    --collation-server=utf8mb4_unicode_ci \
    </dev/null >>"$MARIADB_LOG_FILE" 2>&1 &
  local pid=$!
  wait_until 30 "$MARIADB_LOG_FILE" "MariaDB did not become ready on 127.0.0.1:$CM_MARIADB_PORT within 30 s" mariadb_started "$pid"
  CM_MARIADB_STARTED_HERE=1
  mariadb_provision
}

stop_mariadb() {
  local pid=""
  if [[ -f "$MARIADB_PID_FILE" ]]; then
    pid="$(cat "$MARIADB_PID_FILE" 2>/dev/null || true)"
  fi
  if ! pid_is "$pid" mariadbd; then
    log "MariaDB from $CM_STATE_DIR is not running"
    rm -f "$MARIADB_PID_FILE"
    return 0
  fi
  log "stopping MariaDB (PID $pid)"
  if ! mariadb-admin --no-defaults -S "$MARIADB_SOCKET" -uroot shutdown >/dev/null 2>&1; then
    # Socket gone or refused: fall back to SIGTERM, which is a clean shutdown.
    kill -TERM "$pid" 2>/dev/null || true
  fi
  wait_until 60 "$MARIADB_LOG_FILE" "MariaDB (PID $pid) did not stop within 60 s" process_gone "$pid" mariadbd
}

# --- orchestration -----------------------------------------------------------

connection_env_all_preset() {
  local name
  for name in "${CM_CONNECTION_ENV_NAMES[@]}"; do
    [[ -n "${!name:-}" ]] || return 1
  done
}

# Start (or reuse) both local servers, unless the user points elsewhere.
ensure_local_databases() {
  if [[ "${CM_SKIP_LOCAL_DATABASES:-0}" == 1 ]]; then
    if connection_env_all_preset; then
      log "CM_SKIP_LOCAL_DATABASES=1 and all ConnectionStrings__* are set; not starting local servers"
      # shellcheck disable=SC2034 # read by build/db-up.sh
      CM_LOCAL_DATABASES_SKIPPED=1
      return 0
    fi
    local name unset_names=""
    for name in "${CM_CONNECTION_ENV_NAMES[@]}"; do
      [[ -n "${!name:-}" ]] || unset_names+=" $name"
    done
    die "CM_SKIP_LOCAL_DATABASES=1 needs all connection strings set; missing:$unset_names"
  fi
  log "state folder for this checkout: $CM_STATE_DIR"
  ensure_packages
  ensure_postgres
  ensure_mariadb
}

# --- mail ----------------------------------------------------------------------

CM_SMTP_PORT="${CM_SMTP_PORT:-2525}"
MAIL_SINK_PID_FILE="$CM_STATE_DIR/mailsink.pid"
MAIL_SINK_LOG_FILE="$CM_STATE_DIR/mailsink.log"
MAIL_DIR="$CM_STATE_DIR/mail"

# Build a tool under build/tools and start it in the background on 127.0.0.1:<port>, unless something listens
# there already. Usage: start_tool NAME PORT PID_FILE LOG_FILE [tool arguments...]
start_tool() {
  local name=$1 port=$2 pid_file=$3 log_file=$4
  shift 4
  if tcp_port_open "$port"; then
    return 0
  fi
  ensure_state_dir
  dotnet build "$REPO_ROOT/build/tools/$name/$name.csproj" -c Release -nodeReuse:false >>"$log_file" 2>&1 ||
    die "building $name failed; see $log_file"
  setsid nohup dotnet "$REPO_ROOT/build/tools/$name/bin/Release/net10.0/$name.dll" "$@" \
    </dev/null >>"$log_file" 2>&1 &
  printf '%s\n' "$!" >"$pid_file"
  wait_until 30 "$log_file" "$name did not start (port $port in use?)" tcp_port_open "$port"
}

# Stop a tool start_tool started, by the PID it recorded.
stop_tool() {
  local name=$1 pid_file=$2 pid
  pid="$(cat "$pid_file" 2>/dev/null || true)"
  if pid_is "$pid" dotnet; then
    log "stopping $name (pid $pid)"
    kill "$pid" 2>/dev/null || true
  fi
  rm -f "$pid_file"
}

# The demo's SMTP server (build/tools/MailSink) on 127.0.0.1: it accepts what the service
# sends and keeps each message as an .eml file under $MAIL_DIR. Reused when already listening.
ensure_mail_sink() {
  if ! tcp_port_open "$CM_SMTP_PORT"; then
    log "starting MailSink on 127.0.0.1:$CM_SMTP_PORT (messages in $MAIL_DIR)"
  fi
  start_tool MailSink "$CM_SMTP_PORT" "$MAIL_SINK_PID_FILE" "$MAIL_SINK_LOG_FILE" --port "$CM_SMTP_PORT" --maildir "$MAIL_DIR"
}

stop_mail_sink() {
  stop_tool MailSink "$MAIL_SINK_PID_FILE"
}

# --- identity provider -----------------------------------------------------------

# The demo's OpenID Connect provider (build/tools/IdentityProvider) for signing in to the pages: next to the
# service's port unless set. Development only: it signs anyone in as any demo person.
CM_IDP_PORT="${CM_IDP_PORT:-$((${CM_HTTP_PORT:-5080} + 1))}"
IDP_PID_FILE="$CM_STATE_DIR/identity-provider.pid"
IDP_LOG_FILE="$CM_STATE_DIR/identity-provider.log"

# Usage: ensure_identity_provider <the service's sign-in callback URL>...
ensure_identity_provider() {
  local -a redirects=()
  local uri
  for uri in "$@"; do
    redirects+=(--redirect-uri "$uri")
  done
  if ! tcp_port_open "$CM_IDP_PORT"; then
    log "starting the demo identity provider on 127.0.0.1:$CM_IDP_PORT"
  fi
  ASPNETCORE_ENVIRONMENT=Development start_tool IdentityProvider "$CM_IDP_PORT" "$IDP_PID_FILE" "$IDP_LOG_FILE" \
    --port "$CM_IDP_PORT" "${redirects[@]}"
}

stop_identity_provider() {
  stop_tool IdentityProvider "$IDP_PID_FILE"
}

# What build/run.sh and build/run-nodes.sh give the service they start on http://127.0.0.1:<port>: evidence beside the
# databases (outside the checkout; bundles hold customer rows), notices to the local MailSink (never a real address),
# and sign-in through the demo identity provider (localhost and 127.0.0.1 are each their own callback).
export_local_service_env() {
  local port=$1
  export Evidence__Root="${Evidence__Root:-$CM_STATE_DIR/evidence}"
  ensure_mail_sink
  export Notifications__Smtp__Host="${Notifications__Smtp__Host:-127.0.0.1}"
  export Notifications__Smtp__Port="${Notifications__Smtp__Port:-$CM_SMTP_PORT}"
  export Notifications__Smtp__Tls="${Notifications__Smtp__Tls:-None}"
  export Notifications__Smtp__From="${Notifications__Smtp__From:-notices@demo-shop.example}"
  ensure_identity_provider "http://127.0.0.1:$port/signin-oidc" "http://localhost:$port/signin-oidc"
  export Authentication__Oidc__Authority="${Authentication__Oidc__Authority:-http://127.0.0.1:$CM_IDP_PORT/}"
}

# --- message broker (RabbitMQ, opt-in) -------------------------------------------

# Debian's rabbitmq-server for the integrator feed's broker transport (ADR 29): only scripts and tests that need it call
# ensure_rabbitmq; build/run.sh and the ordinary test run never start it. AMQP and the Erlang distribution port bind
# 127.0.0.1; the node's data, logs and cookie live under the state folder, owned by the rabbitmq user.
CM_RABBITMQ_PORT="${CM_RABBITMQ_PORT:-$((CM_PG_PORT + 1000))}"
CM_RABBITMQ_DIST_PORT="${CM_RABBITMQ_DIST_PORT:-$((CM_RABBITMQ_PORT + 1))}"
RABBITMQ_DIR="$CM_STATE_DIR/rabbitmq"
RABBITMQ_PID_FILE="$RABBITMQ_DIR/rabbit.pid"
RABBITMQ_LOG_FILE="$RABBITMQ_DIR/server.log"

rabbitmq_url() { printf 'amqp://guest:guest@127.0.0.1:%s/' "$CM_RABBITMQ_PORT"; }

ensure_rabbitmq() {
  if tcp_port_open "$CM_RABBITMQ_PORT"; then
    return 0
  fi
  if ! command -v rabbitmq-server >/dev/null 2>&1; then
    require_root
    log "installing rabbitmq-server with apt-get"
    wait_for_dpkg
    apt-get -o DPkg::Lock::Timeout=180 update -qq
    DEBIAN_FRONTEND=noninteractive apt-get -o DPkg::Lock::Timeout=180 install -y -qq --no-upgrade rabbitmq-server
  fi
  ensure_state_dir
  mkdir -p "$RABBITMQ_DIR"
  # guest may sign in from loopback only by default; the listener is loopback anyway.
  printf 'listeners.tcp.1 = 127.0.0.1:%s\nloopback_users = none\n' "$CM_RABBITMQ_PORT" >"$RABBITMQ_DIR/rabbitmq.conf"
  : >"$RABBITMQ_DIR/enabled_plugins.conf"
  chown -R rabbitmq:rabbitmq "$RABBITMQ_DIR"
  rm -f "$RABBITMQ_PID_FILE"
  log "starting RabbitMQ on 127.0.0.1:$CM_RABBITMQ_PORT (data in $RABBITMQ_DIR)"
  # The node name is per checkout so several checkouts' brokers share the host's epmd without clashing.
  setsid nohup su rabbitmq -s /bin/bash -c "export HOME='$RABBITMQ_DIR' \
    RABBITMQ_NODENAME='cm-$(basename "$CM_STATE_DIR")@localhost' RABBITMQ_NODE_IP_ADDRESS=127.0.0.1 \
    RABBITMQ_NODE_PORT='$CM_RABBITMQ_PORT' RABBITMQ_DIST_PORT='$CM_RABBITMQ_DIST_PORT' ERL_EPMD_ADDRESS=127.0.0.1 \
    RABBITMQ_SERVER_ADDITIONAL_ERL_ARGS='-kernel inet_dist_use_interface {127,0,0,1}' \
    RABBITMQ_CONFIG_FILE='$RABBITMQ_DIR/rabbitmq' RABBITMQ_MNESIA_BASE='$RABBITMQ_DIR/mnesia' RABBITMQ_LOG_BASE='$RABBITMQ_DIR/log' \
    RABBITMQ_PID_FILE='$RABBITMQ_PID_FILE' RABBITMQ_ENABLED_PLUGINS_FILE='$RABBITMQ_DIR/enabled_plugins.conf'
    exec rabbitmq-server" </dev/null >>"$RABBITMQ_LOG_FILE" 2>&1 &
  wait_until 120 "$RABBITMQ_LOG_FILE" "RabbitMQ did not listen on 127.0.0.1:$CM_RABBITMQ_PORT within 120 s" tcp_port_open "$CM_RABBITMQ_PORT"
  # The listener opens before the node has finished booting; on a loaded machine a client that connects then gets no
  # AMQP handshake. The node's own check says when it takes connections.
  # The CLI wrapper resets HOME, so it is given the node's cookie explicitly.
  su rabbitmq -s /bin/bash -c "rabbitmqctl -q --erlang-cookie \"\$(cat '$RABBITMQ_DIR/.erlang.cookie')\" -n 'cm-$(basename "$CM_STATE_DIR")@localhost' await_startup --timeout 120" \
    >>"$RABBITMQ_LOG_FILE" 2>&1 || die "RabbitMQ listens on 127.0.0.1:$CM_RABBITMQ_PORT but did not finish starting within 120 s (log: $RABBITMQ_LOG_FILE)"
}

stop_rabbitmq() {
  local pid
  pid="$(cat "$RABBITMQ_PID_FILE" 2>/dev/null || true)"
  if ! pid_is "$pid" beam.smp; then
    log "RabbitMQ from $CM_STATE_DIR is not running"
    return 0
  fi
  log "stopping RabbitMQ (PID $pid)"
  kill -TERM "$pid" 2>/dev/null || true
  wait_until 60 "$RABBITMQ_LOG_FILE" "RabbitMQ (PID $pid) did not stop within 60 s" process_gone "$pid" beam.smp
}

stop_local_databases() {
  stop_postgres
  stop_mariadb
}

# Only what this process started (used by test.sh under CI).
stop_databases_started_here() {
  if ((CM_PG_STARTED_HERE == 1)); then
    stop_postgres
    CM_PG_STARTED_HERE=0
  fi
  if ((CM_MARIADB_STARTED_HERE == 1)); then
    stop_mariadb
    CM_MARIADB_STARTED_HERE=0
  fi
}

cm_default_env() {
  local name=$1 value=$2
  # Respect a value the user already set (their own servers, other ports).
  if [[ -z "${!name:-}" ]]; then
    printf -v "$name" '%s' "$value"
  fi
  export "${name?}"
}

export_connection_env() {
  local my="Server=127.0.0.1;Port=$CM_MARIADB_PORT"
  cm_default_env ConnectionStrings__Marten "Host=127.0.0.1;Port=$CM_PG_PORT;Database=$CM_PG_SERVICE_DB;Username=$CM_PG_APP_USER;Password=$CM_PG_APP_PASSWORD"
  cm_default_env ConnectionStrings__MartenTests "Host=127.0.0.1;Port=$CM_PG_PORT;Database=$CM_PG_TEST_DB;Username=$CM_PG_APP_USER;Password=$CM_PG_APP_PASSWORD"
  cm_default_env ConnectionStrings__ShopDemo "$my;Database=$CM_MARIADB_SERVICE_DB;User ID=$CM_MARIADB_APP_USER;Password=$CM_MARIADB_APP_PASSWORD"
  cm_default_env ConnectionStrings__ShopDemoReadOnly "$my;Database=$CM_MARIADB_SERVICE_DB;User ID=$CM_MARIADB_RO_USER;Password=$CM_MARIADB_RO_PASSWORD"
  cm_default_env ConnectionStrings__ShopTests "$my;Database=$CM_MARIADB_TEST_DB;User ID=$CM_MARIADB_APP_USER;Password=$CM_MARIADB_APP_PASSWORD"
  cm_default_env ConnectionStrings__ShopTestsReadOnly "$my;Database=$CM_MARIADB_TEST_DB;User ID=$CM_MARIADB_RO_USER;Password=$CM_MARIADB_RO_PASSWORD"
}

print_stop_hint() {
  if ((CM_LOCAL_DATABASES_SKIPPED == 1)); then
    return 0
  fi
  if pg_is_ours || [[ -S "$MARIADB_SOCKET" ]]; then
    log "databases keep running; stop them with: bash $REPO_ROOT/build/db-down.sh  (add --purge to delete their data)"
  else
    log "the databases used were already running elsewhere; left untouched"
  fi
}
