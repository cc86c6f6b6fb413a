#!/usr/bin/env bash
# Runs the shell examples of README.md the way a reader pastes them: every ```bash block in order, in one shell,
# against the service `bash build/run.sh` serves (started here, on CM_HTTP_PORT + 10, with a fresh database).
# An example that stopped working fails: a transport error, any 5xx, 400 (the README's request is malformed or
# names an unsupported parameter), 401/403 (the README used the wrong credentials or role), 405/415, a 404 for a route
# that does not exist, an address with an empty or null variable, and a project script (bash build/…) that exits
# non-zero. Other 404s, 409 and 422 are accepted: the route and the body were understood and the incident's state
# refused them, which is what several blocks show on purpose (they list alternatives rather than a sequence). A block
# is skipped only when the line before its fence says <!-- readme-check: skip: <why> -->.
# Usage: bash build/check-readme.sh   (prints one line per command; last line "README: N commands, N failed")
set -euo pipefail

# shellcheck source-path=SCRIPTDIR source=lib/common.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib/common.sh"
cd "$REPO_ROOT"

# A service of its own on its own port and a fresh database, so the check runs the same on every machine and every run
# (a reader's second run would meet what the first registered) and never touches the demo's data or a running service.
http_port="${CM_README_HTTP_PORT:-$((${CM_HTTP_PORT:-5080} + 10))}"
base="http://127.0.0.1:$http_port"
readme_db=casemanagement_readme
work="$(mktemp -d)"
service_pid=""
tools_before="$(cat "$MAIL_SINK_PID_FILE" "$IDP_PID_FILE" 2>/dev/null || true)"

cleanup() {
  if [[ -n "$service_pid" ]]; then
    kill -- "-$service_pid" 2>/dev/null || true
    wait "$service_pid" 2>/dev/null || true
  fi
  # The identity provider and mail sink run.sh started for this check (not ones that were running before).
  local pid_file pid
  for pid_file in "$IDP_PID_FILE" "$MAIL_SINK_PID_FILE"; do
    pid="$(cat "$pid_file" 2>/dev/null || true)"
    if [[ -n "$pid" ]] && ! grep -qx "$pid" <<<"$tools_before" && pid_is "$pid" dotnet; then
      kill "$pid" 2>/dev/null || true
      rm -f "$pid_file"
    fi
  done
  rm -rf "$work"
}
trap cleanup EXIT

if ! command -v jq >/dev/null 2>&1; then
  log "installing jq (the README's examples read answers with it)"
  apt-get install -y -qq jq >/dev/null
fi

ensure_dotnet
ensure_local_databases
PGPASSWORD="$CM_PG_APP_PASSWORD" "$CM_PG_BIN/psql" -X -q -h 127.0.0.1 -p "$CM_PG_PORT" -U "$CM_PG_APP_USER" -d postgres \
  -c "DROP DATABASE IF EXISTS $readme_db WITH (FORCE)" -c "CREATE DATABASE $readme_db" >/dev/null
export ConnectionStrings__Marten="Host=127.0.0.1;Port=$CM_PG_PORT;Database=$readme_db;Username=$CM_PG_APP_USER;Password=$CM_PG_APP_PASSWORD"

log "starting the service as the README says (bash build/run.sh) on $base with database $readme_db; log in $work/run.log"
CM_HTTP_PORT="$http_port" setsid bash build/run.sh >"$work/run.log" 2>&1 &
service_pid=$!
for _ in $(seq 1 600); do
  curl -sf "$base/health/live" >/dev/null 2>&1 && break
  kill -0 "$service_pid" 2>/dev/null || { tail -40 "$work/run.log" >&2; die "build/run.sh exited before the service answered"; }
  sleep 0.5
done
curl -sf "$base/health/live" >/dev/null 2>&1 || { tail -40 "$work/run.log" >&2; die "the service did not answer on $base within 300 s"; }

# The blocks, each preceded by a marker line the runner reports; the skip marker drops the next block.
awk -v port="$http_port" '
  /<!-- readme-check: skip/ { skip = 1; next }
  /^```bash[[:space:]]*$/ { inblock = 1; n++; if (!skip) printf "__block %d %d\n", n, NR; next }
  /^```/ && inblock { inblock = 0; skip = 0; next }
  inblock && !skip { gsub(/127\.0\.0\.1:5080/, "127.0.0.1:" port); print }
' README.md >"$work/readme.sh"

# The shop registration example names a shop of its own: here it points at the demo shop's database. The sandbox
# example names the local MariaDB's default port. Names do not resolve on a CI machine: the feed example's receiver
# becomes an address from the documentation range, which the service accepts as public.
sed -i -e "s/\"host\": \"db.acme.internal\", \"port\": 3306/\"host\": \"127.0.0.1\", \"port\": $CM_MARIADB_PORT/" \
  -e "s/\"database\": \"wordpress\", \"user\": \"wp\", \"password\": \"…\"/\"database\": \"$CM_MARIADB_SERVICE_DB\", \"user\": \"$CM_MARIADB_APP_USER\", \"password\": \"$CM_MARIADB_APP_PASSWORD\"/" \
  -e "s/\"readOnlyUser\": \"ir_ro\", \"readOnlyPassword\": \"…\"/\"readOnlyUser\": \"$CM_MARIADB_RO_USER\", \"readOnlyPassword\": \"$CM_MARIADB_RO_PASSWORD\"/" \
  -e "s/\"port\":53306/\"port\":$CM_MARIADB_PORT/" \
  -e "s|https://erp.example.com/|https://192.0.2.10/|" \
  "$work/readme.sh"

cat >"$work/runner.sh" <<'RUNNER'
set +euo pipefail
# Verdicts go to a file: commands inside $(...) run in subshells, whose variables never come back.
__block_name=""
__block() { __block_name="block $1 (README.md line $2)"; printf '%s\n' "$__block_name" >&3; }
__judge() {  # __judge <status> <body file> <arguments...>
  local status="$1" body="$2" verdict="ok"
  shift 2
  case "$status" in
    2??|3??) ;;
    404) grep -q 'There is nothing at' "$body" && verdict="the route does not exist" ;;
    409|422) ;;
    000) verdict="no answer" ;;
    *) verdict="answered $status" ;;
  esac
  # An empty or null variable in the address: the README forgot to say where a value comes from.
  [[ "$(__describe "$@")" =~ ://[^/]+/.*(//|/null(/|\?|$)|=null(&|$)|=(&|$)) ]] && verdict="a variable in the address is empty"
  if [[ "$verdict" == ok ]]; then
    echo ok >>"$__results"
    printf '  ok   %s %s\n' "$status" "$(__describe "$@")" >&3
    # A refusal the check accepts still shows why, so a reader of the log can tell a state from a mistake.
    [[ "$status" == 2?? ]] || printf '       %s\n' "$(head -c 300 "$body")" >&3
  else
    echo FAIL >>"$__results"
    printf '  FAIL %s: %s %s\n       %s\n' "$__block_name" "$verdict" "$(__describe "$@")" "$(head -c 400 "$body")" >&3
  fi
}
__describe() {
  local method="GET" url="" a
  for a in "$@"; do
    case "$a" in
      -X*) method="${a#-X}" ;;
      http://*) url="$a" ;;
    esac
  done
  [[ "$method" == GET ]] && for a in "$@"; do [[ "$a" == -d || "$a" == --data-binary ]] && method=POST; done
  printf '%s %s' "$method" "$url"
}
bash() {  # the project's scripts the README runs: a non-zero exit fails (verify-chains exits 1 on a broken chain)
  command bash "$@"
  local rc=$?
  if ((rc == 0)); then
    echo ok >>"$__results"
    printf '  ok   exit 0 bash %s\n' "$*" >&3
  else
    echo FAIL >>"$__results"
    printf '  FAIL %s: exit %d bash %s\n' "$__block_name" "$rc" "$*" >&3
  fi
  return $rc
}
curl() {
  local body status rc downloading=0
  body="$(mktemp)"
  case " $* " in
    *" -OJ "*|*" -O "*) downloading=1 ;;
    *" -o "*) downloading=2 ;;
  esac
  if ((downloading == 1)); then
    # -O / -OJ save the file as the reader's curl would, in the work folder rather than the checkout.
    status="$(command curl -sS --output-dir "$__downloads" -w '%{http_code}' "$@" 2>"$body.err")"
  elif ((downloading == 2)); then
    status="$(command curl -sS -w '%{http_code}' "$@" 2>"$body.err")"
  else
    status="$(command curl -sS -o "$body" -w '%{http_code}' "$@" 2>"$body.err")"
  fi
  rc=$?
  [[ -s "$body.err" ]] && cat "$body.err" >>"$body"
  __judge "${status:-000}" "$body" "$@"
  ((downloading)) || cat "$body"
  rm -f "$body" "$body.err"
  return $rc
}
RUNNER

log "running README.md's examples against $base"
# One shell for every block, as a reader's terminal; a README loop that never ends (waiting for a run that hangs) is
# stopped after 15 minutes and fails the check.
cat >"$work/driver.sh" <<DRIVER
cd "$REPO_ROOT"
export __downloads="$work" __results="$work/results"
: >"$work/results"
exec 3>&2
source "$work/runner.sh"
source "$work/readme.sh" >"$work/stdout.log" 2>&1
commands=\$(wc -l <"$work/results")
failed=\$(grep -c FAIL "$work/results")
printf 'README: %d commands, %d failed\\n' "\$commands" "\$failed" >&3
((failed == 0))
DRIVER
exit_code=0
timeout 900 bash "$work/driver.sh" || exit_code=$?
if ((exit_code == 124)); then
  log "README.md's examples did not finish within 15 minutes (a wait loop that never ends?); output: $work/stdout.log"
  tail -20 "$work/stdout.log" >&2
fi
exit "$exit_code"
