#!/usr/bin/env bash
# The API under concurrent clients (issue 19, docs/benchmarks.md "Load: one node and three nodes"):
#   bash build/bench/load.sh [--seconds 10] [--clients 50]
# In one run, on the local PostgreSQL: pgbench's raw insert+select (the baseline), then build/run-nodes.sh with 1 node and
# with 3 nodes behind HAProxy, each warmed for 5 s, then wrk with the given clients: reads (GET /api/incidents) and
# writes (POST /api/incidents, one new incident each); last, 3 nodes under writes with node 2 killed (kill -9) half-way.
# Prints a Markdown table (also written to artifacts/bench/load-<time>.md). Needs wrk (installed with apt if missing).
set -euo pipefail

# shellcheck source-path=SCRIPTDIR source=../lib/common.sh
source "$(dirname "${BASH_SOURCE[0]}")/../lib/common.sh"
cd "$REPO_ROOT"

seconds=10
clients=50
while (($# > 0)); do
  case "$1" in
    --seconds) seconds="${2:?--seconds needs a number}"; shift 2 ;;
    --clients) clients="${2:?--clients needs a number}"; shift 2 ;;
    *) die "unknown argument '$1' (use --seconds N, --clients N)" ;;
  esac
done

export DOTNET_NOLOGO="${DOTNET_NOLOGO:-1}"
export ASPNETCORE_ENVIRONMENT=Development
if ! command -v wrk >/dev/null 2>&1; then
  require_root
  wait_for_dpkg
  DEBIAN_FRONTEND=noninteractive apt-get -o DPkg::Lock::Timeout=180 install -y -qq --no-upgrade wrk
fi
ensure_dotnet
ensure_local_databases
# A database of the benchmark's own, emptied before each layout: the nodes' background work (each incident's deadline
# escalations planned and scheduled) would otherwise carry over from one round or run into the next and be measured
# with it, and the demo's database (build/run.sh) stays the demo's. build/run-nodes.sh keeps a connection string set here.
load_db=casemanagement_bench_load
export ConnectionStrings__Marten="Host=127.0.0.1;Port=$CM_PG_PORT;Database=$load_db;Username=$CM_PG_APP_USER;Password=$CM_PG_APP_PASSWORD"
export_connection_env
fresh_database() {
  PGPASSWORD="$CM_PG_APP_PASSWORD" psql -q -h 127.0.0.1 -p "$CM_PG_PORT" -U "$CM_PG_APP_USER" -d "$CM_PG_SERVICE_DB" -v ON_ERROR_STOP=1 \
    -c "drop database if exists $load_db with (force)" -c "create database $load_db" >/dev/null
}
http_port="${CM_HTTP_PORT:-5080}"
url="http://127.0.0.1:$http_port"
out_dir="$REPO_ROOT/artifacts/bench"
mkdir -p "$out_dir"
report="$out_dir/load-$(date -u +%Y%m%dT%H%M%SZ).md"
rows=()

# One table row from wrk's RESULT line: requests/s, p50/p95/p99 in milliseconds, errors of requests.
measure() {
  local label=$1 script=$2 duration=$3 result
  # A file, not a pipe: each wrk thread loads the script again.
  cat "build/bench/load/$script" build/bench/load/report.lua >"$out_dir/$script"
  result="$(TOKEN="$token" wrk -t2 -c"$clients" -d"${duration}s" --timeout 10s -s "$out_dir/$script" "$url" | grep '^RESULT')" ||
    die "wrk gave no result for $label"
  awk -v label="$label" '{
      for (i = 2; i <= NF; i++) { split($i, kv, "="); v[kv[1]] = kv[2] }
      printf "| %s | %.0f | %.1f | %.1f | %.1f | %d of %d |\n", label, v["requests"] / v["seconds"], v["p50"] / 1000, v["p95"] / 1000, v["p99"] / 1000, v["errors"], v["requests"]
    }' <<<"$result"
}

cluster_pid=""
stop_cluster() {
  if [[ -n "$cluster_pid" ]]; then
    kill "$cluster_pid" 2>/dev/null || true
    wait "$cluster_pid" 2>/dev/null || true
    cluster_pid=""
  fi
}
trap stop_cluster EXIT INT TERM

cluster_ready() {
  kill -0 "$cluster_pid" 2>/dev/null || die "build/run-nodes.sh --nodes $1 stopped; see $out_dir/run-nodes-$1.log"
  grep -q "all $1 nodes ready" "$out_dir/run-nodes-$1.log"
}

start_cluster() {
  local nodes=$1
  bash build/run-nodes.sh --nodes "$nodes" >"$out_dir/run-nodes-$nodes.log" 2>&1 &
  cluster_pid=$!
  # run-nodes.sh builds first: minutes on two busy cores.
  wait_until 900 "$out_dir/run-nodes-$nodes.log" "$nodes node(s) did not start" cluster_ready "$nodes"
}

# Incidents name a registered shop (ADR 30): the writes open theirs at "load-shop", the demo WooCommerce database (written by
# build/tools/DemoShop once) registered in the bench organisation by an admin, connection test included.
register_load_shop() {
  local admin status
  dotnet run -c Release --project build/tools/DemoShop >/dev/null
  admin="$(cd src/CaseManagement && dotnet bin/Release/net10.0/CaseManagement.dll dev-token --sub admin@bench.test --org bench --role admin | tail -n 1)"
  status="$(curl -s -o "$out_dir/load-shop.json" -w '%{http_code}' -XPOST "$url/api/shops" -H "Authorization: Bearer $admin" \
    -H 'Content-Type: application/json' -d '{"name":"load-shop","platform":"woocommerce","host":"127.0.0.1","port":'"$CM_MARIADB_PORT"',
      "database":"'"$CM_MARIADB_SERVICE_DB"'","user":"'"$CM_MARIADB_APP_USER"'","password":"'"$CM_MARIADB_APP_PASSWORD"'","tablePrefix":"wp_"}')"
  [[ "$status" == 201 ]] || die "registering load-shop answered $status: $(cat "$out_dir/load-shop.json")"
}

# The raw baseline: the same number of clients on the same PostgreSQL, no service in between.
log "pgbench: raw insert + select, $clients clients, ${seconds}s"
fresh_database
PGPASSWORD="$CM_PG_APP_PASSWORD" psql -q -h 127.0.0.1 -p "$CM_PG_PORT" -U "$CM_PG_APP_USER" -d "$load_db" -v ON_ERROR_STOP=1 \
  -c "create table bench_raw (seq bigserial primary key, id uuid not null, data jsonb not null)" >/dev/null
raw="$(PGPASSWORD="$CM_PG_APP_PASSWORD" pgbench -n -h 127.0.0.1 -p "$CM_PG_PORT" -U "$CM_PG_APP_USER" -c "$clients" -j 2 -T "$seconds" \
  -f build/bench/load/raw.sql "$load_db" 2>&1)"
raw_tps="$(sed -nE 's/^tps = ([0-9.]+).*/\1/p' <<<"$raw")"
raw_latency="$(sed -nE 's/^latency average = ([0-9.]+) ms/\1/p' <<<"$raw")"
rows+=("| pgbench raw (insert + select of 50 rows per transaction) | ${raw_tps%.*} | ${raw_latency} (average) | | | |")

token="$(cd src/CaseManagement && dotnet bin/Release/net10.0/CaseManagement.dll dev-token --sub load@bench.test --org bench \
  --role responder --role compliance-lead 2>/dev/null | tail -n 1)" || true
for nodes in 1 3; do
  log "$nodes node(s) behind HAProxy on $url, on an empty database"
  fresh_database
  start_cluster "$nodes"
  [[ -n "$token" ]] || token="$(cd src/CaseManagement && dotnet bin/Release/net10.0/CaseManagement.dll dev-token --sub load@bench.test --org bench \
    --role responder --role compliance-lead | tail -n 1)"
  register_load_shop
  measure "warm-up" write.lua 5 >/dev/null
  measure "warm-up" read.lua 5 >/dev/null
  rows+=("$(measure "$nodes node(s): reads, GET /api/incidents" read.lua "$seconds")")
  rows+=("$(measure "$nodes node(s): writes, POST /api/incidents" write.lua "$seconds")")
  if ((nodes == 3)); then
    log "3 nodes: writes for $((seconds * 2))s, node 2 killed (kill -9) after ${seconds}s"
    (sleep "$seconds"; kill -9 "$(cat "$CM_STATE_DIR/node-2.pid")") &
    rows+=("$(measure "3 nodes: writes, node 2 killed half-way" write.lua $((seconds * 2)))")
  fi
  stop_cluster
done

{
  echo "Run $(date -u +%Y-%m-%dT%H:%MZ) on $(nproc) cores ($(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs)), $clients clients, ${seconds}s each, wrk -t2."
  echo
  echo "| workload | requests/s | p50 ms | p95 ms | p99 ms | errors |"
  echo "|---|---|---|---|---|---|"
  printf '%s\n' "${rows[@]}"
} | tee "$report"
log "written to $report"
