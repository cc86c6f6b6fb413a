#!/usr/bin/env bash
# Run several service nodes on one PostgreSQL behind a local HAProxy, all on 127.0.0.1 (docs/operations.md, ADR 25).
#   bash build/run-nodes.sh [--nodes N] [--check]
# The proxy listens on CM_HTTP_PORT; node i listens on CM_NODE_BASE_PORT + i (default CM_HTTP_PORT + 10 + i).
# Wolverine spreads the async projections and subscriptions over the nodes; kill one (kill -9 <its pid>) and the others
# take its share within about a minute. --check starts the nodes, waits until every node is ready, registered and
# running agents, prints the cluster's gauges from /metrics, and stops them again. Ctrl+C stops the nodes and the proxy this script started.
set -euo pipefail

# shellcheck source-path=SCRIPTDIR source=lib/common.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib/common.sh"
cd "$REPO_ROOT"

nodes=3
check=0
while (($# > 0)); do
  case "$1" in
    --nodes) nodes="${2:?--nodes needs a number}"; shift 2 ;;
    --check) check=1; shift ;;
    *) die "unknown argument '$1' (use --nodes N, --check)" ;;
  esac
done
[[ "$nodes" =~ ^[1-9][0-9]?$ ]] || die "--nodes takes a number from 1 to 99, not '$nodes'"

export DOTNET_NOLOGO="${DOTNET_NOLOGO:-1}"
export ASPNETCORE_ENVIRONMENT="${ASPNETCORE_ENVIRONMENT:-Development}"
project=src/CaseManagement
http_port="${CM_HTTP_PORT:-5080}"
node_base_port="${CM_NODE_BASE_PORT:-$((http_port + 10))}"
url="http://127.0.0.1:$http_port"

ensure_dotnet
if ! command -v haproxy >/dev/null 2>&1; then
  require_root
  log "installing haproxy with apt-get"
  wait_for_dpkg
  apt-get -o DPkg::Lock::Timeout=180 update -qq
  DEBIAN_FRONTEND=noninteractive apt-get -o DPkg::Lock::Timeout=180 install -y -qq --no-upgrade haproxy
fi
ensure_local_databases
export_connection_env

log "building $project (Release)"
dotnet build "$project/CaseManagement.csproj" -c Release -nodeReuse:false
dll="$REPO_ROOT/$project/bin/Release/net10.0/CaseManagement.dll"
log "creating/updating the database schema (resources setup)"
(cd "$project" && dotnet "$dll" resources setup) || die "schema setup ('resources setup') failed; are the databases up?"

# The nodes share what a single node keeps to itself: the folder of evidence written before ADR 36 (new evidence is in PostgreSQL),
# the mail sink, the identity provider behind the proxy's address, and the scrape token for /metrics.
export_local_service_env "$http_port"
scrape_token_file="$CM_STATE_DIR/scrape-token"
[[ -s "$scrape_token_file" ]] || head -c 24 /dev/urandom | base64 | tr -d '/+=' >"$scrape_token_file"
export Telemetry__Metrics__ScrapeToken="${Telemetry__Metrics__ScrapeToken:-$(cat "$scrape_token_file")}"
export Telemetry__SampleSeconds="${Telemetry__SampleSeconds:-5}"

pids=()
proxy_pid=""
stop_cluster() {
  local pid
  for pid in "${pids[@]}" "$proxy_pid"; do
    [[ -n "$pid" ]] && kill "$pid" 2>/dev/null || true
  done
  # Only these: the mail sink and the identity provider are this shell's children too, but outlive the cluster (a bare
  # `wait` waited for them forever, so build/bench/load.sh hung after its first round).
  for pid in "${pids[@]}" "$proxy_pid"; do
    [[ -n "$pid" ]] && { wait "$pid" 2>/dev/null || true; }
  done
}
trap stop_cluster EXIT INT TERM

backends=""
for ((i = 1; i <= nodes; i++)); do
  port=$((node_base_port + i))
  tcp_port_open "$port" && die "port $port is in use; set CM_NODE_BASE_PORT to a free range"
  node_log="$CM_STATE_DIR/node-$i.log"
  # The dll itself, not `dotnet run`, so the recorded PID is the node's own (kill -9 <pid> kills the node).
  (cd "$project" && ASPNETCORE_URLS="http://127.0.0.1:$port" exec dotnet "$dll") </dev/null >"$node_log" 2>&1 &
  pids+=("$!")
  printf '%s\n' "$!" >"$CM_STATE_DIR/node-$i.pid"
  log "node $i: pid $!, http://127.0.0.1:$port, log $node_log"
  backends+="  server node$i 127.0.0.1:$port check inter 2s fall 2 rise 1"$'\n'
done

# The proxy's configuration is shared with the node-kill test behind the proxy (build/lib/haproxy-nodes.cfg).
proxy_config="$CM_STATE_DIR/haproxy.cfg"
proxy_template="$(<"$REPO_ROOT/build/lib/haproxy-nodes.cfg")"
proxy_template="${proxy_template//@PORT@/$http_port}"
printf '%s\n' "${proxy_template//@SERVERS@/${backends%$'\n'}}" >"$proxy_config"
tcp_port_open "$http_port" && die "port $http_port is in use (another build/run.sh?)"
haproxy -f "$proxy_config" -db >"$CM_STATE_DIR/haproxy.log" 2>&1 &
proxy_pid=$!
log "HAProxy: pid $proxy_pid on $url (config $proxy_config)"

node_ready() { curl -fsS -o /dev/null "http://127.0.0.1:$1/health/ready" 2>/dev/null; }
for ((i = 1; i <= nodes; i++)); do
  wait_until 180 "$CM_STATE_DIR/node-$i.log" "node $i did not become ready" node_ready $((node_base_port + i))
done

scrape() { curl -fsS -H "Authorization: Bearer $Telemetry__Metrics__ScrapeToken" "http://127.0.0.1:$1/metrics"; }
# Registered, and Wolverine's leader has given every node agents to run (projections, subscriptions, durability).
spread() {
  local metrics
  metrics="$(scrape $((node_base_port + 1)))" || return 1
  grep -Eq "^casemanagement_cluster_nodes\{[^}]*\} $nodes( |$)" <<<"$metrics" &&
    (($(grep -Ec '^casemanagement_cluster_agents\{[^}]*\} [1-9]' <<<"$metrics") == nodes))
}
wait_until 180 "$CM_STATE_DIR/node-1.log" "the nodes did not all register with Wolverine and get agents" spread
log "all $nodes nodes ready behind $url, each running agents"
scrape "$((node_base_port + 1))" | grep -E '^casemanagement_cluster_(nodes|agents)' >&2

if ((check == 1)); then
  curl -fsS -o /dev/null "$url/health/ready" || die "the proxy on $url does not answer"
  log "check passed: the proxy answers and every node runs agents; stopping"
  exit 0
fi

cat >&2 <<INFO
[casemanagement] $nodes nodes behind $url (node i on port $((node_base_port))+i; PIDs in $CM_STATE_DIR/node-*.pid)
  metrics of node i: curl -H "Authorization: Bearer \$(cat $scrape_token_file)" http://127.0.0.1:<port>/metrics
  kill one: kill -9 \$(cat $CM_STATE_DIR/node-2.pid); HAProxy stops sending to it, the others take its projections
  Ctrl+C stops the nodes and the proxy; build/db-down.sh stops the databases, MailSink and the identity provider
INFO
wait "${pids[@]}"
