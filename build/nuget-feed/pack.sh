#!/usr/bin/env bash
# Rebuilds the stand-in packages from their .nuspec sources. A .nupkg is a zip whose root holds the
# .nuspec; NuGet needs nothing else for a package without files. The packed files are committed, so
# restore never depends on this script; run it only after editing a .nuspec.
set -euo pipefail
cd "$(dirname "$0")"
for spec in src/*.nuspec; do
  id=$(sed -n 's:.*<id>\(.*\)</id>.*:\1:p' "$spec")
  version=$(sed -n 's:.*<version>\(.*\)</version>.*:\1:p' "$spec")
  out="$(echo "$id" | tr '[:upper:]' '[:lower:]').$version.nupkg"
  python3 - "$spec" "$id.nuspec" "$out" <<'PY'
import sys, zipfile
spec, name, out = sys.argv[1:]
with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as z:
    info = zipfile.ZipInfo(name, date_time=(2026, 1, 1, 0, 0, 0))
    z.writestr(info, open(spec, "rb").read(), zipfile.ZIP_DEFLATED)
PY
  echo "packed $out"
done
