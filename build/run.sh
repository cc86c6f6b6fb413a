#!/usr/bin/env bash
# Run the service locally: databases up, schema created, demo incident seeded,
# then the web service in the foreground on 127.0.0.1.
set -euo pipefail

# shellcheck source-path=SCRIPTDIR source=lib/common.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib/common.sh"
cd "$REPO_ROOT"

export DOTNET_NOLOGO="${DOTNET_NOLOGO:-1}"
export ASPNETCORE_ENVIRONMENT="${ASPNETCORE_ENVIRONMENT:-Development}"

project=src/CaseManagement
http_port="${CM_HTTP_PORT:-5080}"
url="http://127.0.0.1:$http_port"

ensure_dotnet
ensure_local_databases
export_connection_env

log "building $project (Release)"
dotnet build "$project/CaseManagement.csproj" -c Release -nodeReuse:false

# --no-launch-profile: launchSettings.json would otherwise override the
# environment and the URL set here.
app() {
  dotnet run --no-build --no-launch-profile -c Release --project "$project" -- "$@"
}

log "writing the demo shop into MariaDB (once; an existing one is kept)"
dotnet run -c Release --project build/tools/DemoShop

log "creating/updating the database schema (resources setup)"
if ! app resources setup; then
  die "schema setup ('resources setup') failed; are the databases up (bash build/db-up.sh) and ConnectionStrings__Marten / ConnectionStrings__ShopDemo right?"
fi

# The service seeds one demo incident at start when asked to (idempotent: written once).
export CaseManagement__SeedDemoIncident="${CaseManagement__SeedDemoIncident:-true}"
# Evidence, notices to MailSink, and people signing in through the demo identity provider (Development only; any
# demo person, no password).
export_local_service_env "$http_port"

# The URL goes through ASPNETCORE_URLS rather than --urls so the JasperFx
# command line parser never sees an option it does not know. 127.0.0.1 only.
export ASPNETCORE_URLS="$url"
# A token for the demo organisation, so the printed curl works at once.
token="$(app dev-token --sub demo.lead@demo-shop.example --org demo --role responder --role compliance-lead --role auditor)"
cat >&2 <<INFO
[casemanagement] service starting on $url
  open $url in a browser and sign in as a demo person of the organisation "demo", e.g.
         Sam Reyes (responder), Lee Okafor (compliance lead), Ada Lindqvist (approver),
         Avery Brandt (auditor), Alex Moreau (admin) or Dana Demo (responder, compliance lead, auditor);
         the demo identity provider on http://127.0.0.1:$CM_IDP_PORT lets you pick other roles too
  token: export TOKEN=$token
  try:   curl -H "Authorization: Bearer \$TOKEN" $url/api/incidents
  scope the demo incident against the demo WooCommerce shop (MariaDB shop_demo), then watch it:
         curl -XPOST -H "Authorization: Bearer \$TOKEN" -H 'Content-Type: application/json' \\
           -d "{\"from\":\"\$(date -u -d '-7 days' +%FT%TZ)\",\"to\":\"\$(date -u +%FT%TZ)\"}" \\
           $url/api/incidents/019a0000-0000-7000-8000-00000000de70/scope
         curl -H "Authorization: Bearer \$TOKEN" $url/api/incidents/019a0000-0000-7000-8000-00000000de70/scope
  contain it (copies the evidence first, then works through the playbook; watch GET …/containment):
         curl -XPOST -H "Authorization: Bearer \$TOKEN" -H 'Content-Type: application/json' \\
           -d '{"playbook":"checkout-skimmer","parameters":{"compromisedAdmin":"wp-support","exfiltrationHost":"cdn-analytics.example"}}' \\
           $url/api/incidents/019a0000-0000-7000-8000-00000000de70/containment
  monitoring: the demo shop carries a planted attack; its first pass raises it as alerts (the skimmer joins the incident,
         the rogue admin, her key and webhook wait in a triage item: attach it with POST /api/triage/{id}/attach):
         curl -H "Authorization: Bearer \$TOKEN" $url/api/shops/demo-woocommerce/monitoring
         curl -H "Authorization: Bearer \$TOKEN" "$url/api/alerts?shop=demo-woocommerce"
         after containment, a pass now clears what the playbook removed:
         curl -XPOST -H "Authorization: Bearer \$TOKEN" $url/api/shops/demo-woocommerce/monitoring/passes
  notify people: draft templates (GET /api/notice-templates/examples/US-CA), a campaign, two approvals;
         mail arrives in MailSink on 127.0.0.1:$CM_SMTP_PORT, kept as .eml under $MAIL_DIR
  more tokens: bash build/dev-token.sh --sub you@shop.example --org demo --role responder
  Ctrl+C stops the service; build/db-down.sh stops the databases, MailSink and the identity provider
INFO
exec dotnet run --no-build --no-launch-profile -c Release --project "$project"
