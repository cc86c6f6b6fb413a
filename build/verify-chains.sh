#!/usr/bin/env bash
# Recompute every stored hash chain and check the signed checkpoints against the local event store (the one
# build/run.sh uses, or the one ConnectionStrings__Marten names). One line per stream; exit 1 when anything is broken.
#   bash build/verify-chains.sh [--org demo] [--incident <id>]
set -euo pipefail
# shellcheck source-path=SCRIPTDIR source=lib/common.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib/common.sh"
cd "$(dirname "${BASH_SOURCE[0]}")/.."
export DOTNET_NOLOGO="${DOTNET_NOLOGO:-1}"
# The signing keys and token settings of the local service live in appsettings.Development.json.
export ASPNETCORE_ENVIRONMENT="${ASPNETCORE_ENVIRONMENT:-Development}"
ensure_dotnet
export_connection_env
if [[ ! -f src/CaseManagement/bin/Release/net10.0/CaseManagement.dll ]]; then
  dotnet build src/CaseManagement/CaseManagement.csproj -c Release -nodeReuse:false >/dev/null
fi
exec dotnet run --no-build --no-launch-profile -c Release --project src/CaseManagement -- verify-chains "$@"
