#!/usr/bin/env bash
# Checks an exported audit report (JSON) with nothing but jq and sha256sum, without the service or its database.
# An incident's record is several streams (the incident, its scoping and containment runs, evidence items,
# campaigns, escalations, the access log); each has its own chain. For every stream: every link's canonical bytes
# hash to its hash, name that stream, and versions run 1, 2, 3… each naming the hash before it; and every event on
# the report's timeline has a link in its stream. Prints each stream's head to compare with a signed checkpoint.
# Usage: bash build/verify-audit-report.sh report.json        Exit: 0 holds, 1 broken, 2 unusable input.
set -euo pipefail

report=${1:-}
if [[ -z "$report" || ! -r "$report" ]]; then
  echo "usage: verify-audit-report.sh <report.json>" >&2
  exit 2
fi
for tool in jq sha256sum base64; do
  command -v "$tool" >/dev/null || { echo "verify-audit-report: $tool is required" >&2; exit 2; }
done
if ! jq -e '.report == "incident-audit-report/2" and (.chain.streams | type == "array")' "$report" >/dev/null 2>&1; then
  echo "verify-audit-report: $report is not an incident audit report in JSON (format=json, report incident-audit-report/2)" >&2
  exit 2
fi

broken() {
  echo "BROKEN in $1 stream $2 at version $3: $4"
  exit 1
}

heads=()
total=0
while IFS=$'\t' read -r stream_id kind; do
  previous=0000000000000000000000000000000000000000000000000000000000000000
  expected=1
  # base64 keeps each canonical text byte-exact through the shell.
  while IFS=$'\t' read -r version hash previous_hash canonical; do
    [[ "$version" == "$expected" ]] || broken "$kind" "$stream_id" "$expected" "the next link is version $version; version $expected is missing"
    [[ "$previous_hash" == "$previous" ]] || broken "$kind" "$stream_id" "$version" "previousHash $previous_hash is not the hash before it ($previous)"
    [[ -n "$canonical" ]] || broken "$kind" "$stream_id" "$version" "the stored event is gone (no canonical text)"
    actual=$(printf '%s' "$canonical" | base64 -d | sha256sum | cut -d' ' -f1)
    [[ "$actual" == "$hash" ]] || broken "$kind" "$stream_id" "$version" "its bytes hash to $actual, the link says $hash: the event was changed"
    named=$(printf '%s' "$canonical" | base64 -d | jq -r '"\(.stream) \(.version) \(.previous)"')
    [[ "$named" == "$stream_id $version $previous_hash" ]] ||
      broken "$kind" "$stream_id" "$version" "its canonical text names '$named', not stream $stream_id version $version after $previous_hash"
    previous=$hash
    expected=$((version + 1))
  done < <(jq -r --arg s "$stream_id" '.chain.streams[] | select(.streamId == $s) | .links[]
      | [.version, .hash, .previousHash, ((.canonical // "") | if . == "" then "" else @base64 end)] | @tsv' "$report")

  unlinked=$(jq -r --arg s "$stream_id" '[.timeline[] | select(.streamId == $s) | .version]
      - [.chain.streams[] | select(.streamId == $s) | .links[].version] | map(tostring) | join(", ")' "$report")
  [[ -z "$unlinked" ]] || broken "$kind" "$stream_id" "${unlinked%%,*}" "timeline versions without a link: $unlinked"
  heads+=("  $kind $stream_id: $((expected - 1)) events, head hash $previous")
  total=$((total + expected - 1))
done < <(jq -r '.chain.streams[] | [.streamId, .stream] | @tsv' "$report")

strays=$(jq -r '[.timeline[].streamId] - [.chain.streams[].streamId] | unique | join(", ")' "$report")
[[ -z "$strays" ]] || broken "unknown" "$strays" 1 "timeline events on streams the chain section does not list"

incident=$(jq -r '.incident.id' "$report")
streams="${#heads[@]} streams"
[[ ${#heads[@]} -ne 1 ]] || streams="1 stream"
echo "HOLDS: incident $incident, $streams, $total events"
printf '%s\n' "${heads[@]}"
echo "Compare each head with a signed checkpoint (GET /api/chain/checkpoints) or GET /api/incidents/$incident/chain."
