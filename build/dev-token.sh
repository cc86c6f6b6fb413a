#!/usr/bin/env bash
# Print a development bearer token (signed with the local key in appsettings.Development.json).
#   bash build/dev-token.sh --sub sam@shop.example --org demo --role responder [--role compliance-lead] [--hours 8]
# Roles: responder, compliance-lead, approver, auditor, integrator, admin.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
export ASPNETCORE_ENVIRONMENT=Development
if [[ ! -f src/CaseManagement/bin/Release/net10.0/CaseManagement.dll ]]; then
  dotnet build src/CaseManagement/CaseManagement.csproj -c Release -nodeReuse:false >/dev/null
fi
exec dotnet run --no-build --no-launch-profile -c Release --project src/CaseManagement -- dev-token "$@"
