#!/usr/bin/env bash
# Build the service as it ships (ADR 17): Release, with Wolverine's handler and endpoint code generated from these
# very sources and compiled in, published to artifacts/service (or --output DIR). Outside Development the service
# loads that code (TypeLoadMode.Static) and never compiles at start; a build made any other way refuses such a start.
#   bash build/publish.sh [--output DIR]
# Needs no database: `codegen write` builds the host without starting it.
set -euo pipefail

# shellcheck source-path=SCRIPTDIR source=lib/common.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib/common.sh"
cd "$REPO_ROOT"

export DOTNET_NOLOGO="${DOTNET_NOLOGO:-1}"
export DOTNET_CLI_TELEMETRY_OPTOUT="${DOTNET_CLI_TELEMETRY_OPTOUT:-1}"

project=src/CaseManagement
generated="$project/Internal/Generated"
output="$REPO_ROOT/artifacts/service"
while (($# > 0)); do
  case "$1" in
    --output) output="$(realpath -m "${2:?--output needs a folder}")"; shift 2 ;;
    *) die "unknown option '$1' (usage: bash build/publish.sh [--output DIR])" ;;
  esac
done

ensure_dotnet

# ReadyToRun compiles the IL ahead of time for one runtime: start-up is CPU-bound JIT work otherwise (docs/benchmarks.md,
# ADR 17). Self-contained and composite, so the runtime, ASP.NET Core and every package are compiled as one version
# bubble: the generic code they instantiate for each other (async state machines, dictionaries, Npgsql's type mappings)
# is compiled ahead too, which a framework-dependent build leaves to the JIT (about 3,100 methods at start against 900).
# One restore names all of it, so the packages the code is generated from are the ones the publish compiles against;
# it must say ReadyToRun too, or a machine whose cache lacks the crossgen compiler package never fetches it (NETSDK1094).
rid=linux-x64
dotnet restore "$project/CaseManagement.csproj" -r "$rid" -p:SelfContained=true -p:PublishReadyToRun=true
log "building $project (Release) without generated code, to generate it from"
dotnet build "$project/CaseManagement.csproj" -c Release -nodeReuse:false -p:PreGeneratedCode=false -p:PublishReadyToRun=true --no-restore

# Never reuse code generated from other sources: start from an empty folder every time.
rm -rf "$generated"
log "generating Wolverine's handler and endpoint code into $generated (codegen write)"
# The host is built with the production profile, not started: nothing connects, so the settings it insists on
# outside Development are placeholders that no running service ever sees.
placeholder_key="$(head -c 32 /dev/zero | base64)"
(
  cd "$project"
  env ASPNETCORE_ENVIRONMENT=Production \
    ConnectionStrings__Marten="Host=codegen.invalid;Database=codegen" \
    Authentication__Jwt__SigningKey="codegen-write-placeholder-never-a-real-key" \
    Security__Pii__ActiveMasterKeyId=codegen Security__Pii__MasterKeys__codegen="$placeholder_key" \
    Security__Pii__SubjectIdKey="$placeholder_key" Audit__CheckpointKey="$placeholder_key" \
    dotnet bin/Release/net10.0/CaseManagement.dll codegen write >/dev/null
)
count="$(find "$generated" -name '*.cs' | wc -l)"
((count > 0)) || die "codegen write wrote no code into $generated"
# The csproj refuses to compile generated code older than any source (RefuseStalePreGeneratedCode).
touch "$generated/generated-at"

log "publishing $project with $count generated files to $output (self-contained, composite ReadyToRun, $rid; minutes)"
dotnet publish "$project/CaseManagement.csproj" -c Release -nodeReuse:false -p:PreGeneratedCode=true --no-restore \
  -r "$rid" --self-contained true -p:PublishReadyToRun=true -p:PublishReadyToRunComposite=true -o "$output"
log "done: start it with '$output/CaseManagement' (outside Development it loads the generated code; it carries its own .NET runtime)"
