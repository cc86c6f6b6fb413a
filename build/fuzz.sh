#!/usr/bin/env bash
# Hostile requests against the built service (issue 15, docs/reliability.md "Hostile input").
#   bash build/fuzz.sh [--requests 10000] [--seed 1]
# Starts the local databases, builds the service and the fuzzer (Release), starts the service on a database of its own
# (casemanagement_fuzz, emptied first), sends the requests one at a time and prints the figures; the report is written to
# artifacts/fuzz/. Exits 1 when any request broke a rule (a 5xx, an error without problem details, a refused request that
# recorded something).
set -euo pipefail

for arg in "$@"; do
  if [[ "$arg" == -h || "$arg" == --help ]]; then
    sed -n '2,7p' "$0" | sed 's/^# \{0,1\}//'
    exit 0
  fi
done

# shellcheck source-path=SCRIPTDIR source=lib/common.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib/common.sh"
cd "$REPO_ROOT"

ensure_dotnet
ensure_local_databases
export_connection_env
dotnet build src/CaseManagement/CaseManagement.csproj -c Release -nodeReuse:false >/dev/null
dotnet build build/fuzz/Fuzz/Fuzz.csproj -c Release -nodeReuse:false >/dev/null
exec dotnet build/fuzz/Fuzz/bin/Release/net10.0/Fuzz.dll --service src/CaseManagement/bin/Release/net10.0/CaseManagement.dll \
  --output artifacts/fuzz "$@"
