#!/usr/bin/env bash
# Run one benchmark against the local databases and write its section of docs/benchmarks.md:
#   bash build/bench/run.sh startup [--runs K]     the published service's start-up, Static vs Dynamic handler code (ADR 17)
#   bash build/bench/run.sh asof [--events N] [--runs K]   an incident's as-of replay vs a raw SQL read of its rows
#   bash build/bench/run.sh pages [--events N] [--runs K]  every page over HTTP from the real service after a real sign-in vs a raw SQL read
#   bash build/bench/run.sh alerts [--alerts N] [--senders K]  signed alert intake with deduplication vs raw inserts of the same payloads
#   bash build/bench/run.sh scale [--incidents N] [--events M] [--runs K]  one organisation's incident list, deadline board and as-of reads, and the daemon rebuilding every async projection, vs raw SQL
#   bash build/bench/run.sh scale --chains [--incidents N] [--events M]  the same organisation seeded with hash-chain links: verifying every chain vs raw SQL
#   bash build/bench/run.sh monitoring [--platform P] [--runs K]  one monitoring pass over a 1,000,000-order shop per platform vs its statements as raw SQL
#   bash build/bench/run.sh headline [--platform P] [--orders N]  the service from an alert to a campaign ready to send on a 1,000,000-order shop vs the raw SQL aggregate
# Options after the name go to the benchmark (see its --help). Results: docs/benchmarks.md.
set -euo pipefail

# shellcheck source-path=SCRIPTDIR source=../lib/common.sh
source "$(dirname "${BASH_SOURCE[0]}")/../lib/common.sh"
cd "$REPO_ROOT"

export DOTNET_NOLOGO="${DOTNET_NOLOGO:-1}"
export DOTNET_CLI_TELEMETRY_OPTOUT="${DOTNET_CLI_TELEMETRY_OPTOUT:-1}"

name="${1:-}"
service_project=""
(($# > 0)) && shift
extra=()
case "$name" in
  startup)
    project=build/bench/StartupBenchmark
    # The binary that is measured is the one that ships: generated code compiled in.
    bash build/publish.sh --output "$REPO_ROOT/artifacts/service"
    extra=(--service "$REPO_ROOT/artifacts/service")
    ;;
  asof) project=build/bench/AsOfReplayBenchmark ;;
  pages) project=build/bench/PagesBenchmark ;;
  alerts) project=build/bench/AlertIntakeBenchmark ;;
  monitoring) project=build/bench/MonitoringBenchmark ;;
  headline)
    project=build/bench/HeadlineBenchmark
    # The benchmark starts the built service as its own process (built below); it does not reference its code.
    service_project=src/CaseManagement/CaseManagement.csproj
    extra=(--service "$REPO_ROOT/src/CaseManagement/bin/Release/net10.0/CaseManagement.dll")
    ;;
  scale) project=build/bench/IncidentsAtScaleBenchmark ;;
  *) die "usage: bash build/bench/run.sh startup|asof|pages|alerts|monitoring|headline|scale [options of that benchmark]" ;;
esac

ensure_dotnet
ensure_local_databases
export_connection_env
if [[ -n "$service_project" ]]; then
  dotnet build "$service_project" -c Release -nodeReuse:false
fi
dotnet run -c Release --project "$project" -- --output docs/benchmarks.md "${extra[@]}" "$@"
