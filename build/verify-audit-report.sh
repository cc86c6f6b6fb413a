#!/usr/bin/env bash
# Checks an exported audit report (JSON) with nothing but jq and sha256sum, without the service or its database:
# every link's canonical bytes hash to its hash, versions run 1, 2, 3… and each link names the hash before it,
# and every event on the report's timeline has a link. Prints the head to compare with a signed checkpoint.
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
if ! jq -e '.report == "incident-audit-report/1" and (.chain.links | type == "array")' "$report" >/dev/null 2>&1; then
  echo "verify-audit-report: $report is not an incident audit report in JSON (format=json)" >&2
  exit 2
fi

broken() {
  echo "BROKEN at version $1: $2"
  exit 1
}

previous=0000000000000000000000000000000000000000000000000000000000000000
expected=1
# base64 keeps each canonical text byte-exact through the shell.
while IFS=$'\t' read -r version hash previous_hash canonical; do
  [[ "$version" == "$expected" ]] || broken "$expected" "the next link is version $version; version $expected is missing"
  [[ "$previous_hash" == "$previous" ]] || broken "$version" "previousHash $previous_hash is not the hash before it ($previous)"
  [[ -n "$canonical" ]] || broken "$version" "the stored event is gone (no canonical text)"
  actual=$(printf '%s' "$canonical" | base64 -d | sha256sum | cut -d' ' -f1)
  [[ "$actual" == "$hash" ]] || broken "$version" "its bytes hash to $actual, the link says $hash: the event was changed"
  named=$(printf '%s' "$canonical" | base64 -d | jq -r '"\(.version) \(.previous)"')
  [[ "$named" == "$version $previous_hash" ]] || broken "$version" "its canonical text names '$named', not version $version after $previous_hash"
  previous=$hash
  expected=$((version + 1))
done < <(jq -r '.chain.links[] | [.version, .hash, .previousHash, ((.canonical // "") | if . == "" then "" else @base64 end)] | @tsv' "$report")

unlinked=$(jq -r '[.timeline[].version] - [.chain.links[].version] | map(tostring) | join(", ")' "$report")
[[ -z "$unlinked" ]] || broken "${unlinked%%,*}" "timeline versions without a link: $unlinked"

incident=$(jq -r '.incident.id' "$report")
echo "HOLDS: incident $incident, $((expected - 1)) events, head version $((expected - 1)) hash $previous"
echo "Compare the head with a signed checkpoint (GET /api/chain/checkpoints) or GET /api/incidents/$incident/chain."
