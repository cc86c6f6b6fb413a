#!/usr/bin/env bash
# Build and test the whole solution against local databases.
#   bash build/test.sh [extra dotnet test args, e.g. --filter Category=Fast]
# Without arguments it also runs README.md's examples (build/check-readme.sh), counted as one more test.
# Prints one closing line "N passed, N failed[, N skipped]".
# Under CI (CI=true) it stops the servers it started itself; otherwise they
# keep running so the next run starts fast (build/db-down.sh stops them).
set -euo pipefail

# shellcheck source-path=SCRIPTDIR source=lib/common.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib/common.sh"
cd "$REPO_ROOT"

export DOTNET_NOLOGO="${DOTNET_NOLOGO:-1}"
export DOTNET_CLI_TELEMETRY_OPTOUT="${DOTNET_CLI_TELEMETRY_OPTOUT:-1}"

find_solution() {
  local candidate
  if [[ -n "${CM_SOLUTION:-}" ]]; then
    printf '%s\n' "$CM_SOLUTION"
    return 0
  fi
  # .NET 10's `dotnet new sln` writes .slnx, so accept either form.
  for candidate in CaseManagement.sln CaseManagement.slnx ./*.sln ./*.slnx; do
    if [[ -f "$candidate" ]]; then
      printf '%s\n' "$candidate"
      return 0
    fi
  done
  return 1
}

# Sum the per-assembly result lines of `dotnet test` ("Passed!  - Failed: 0, Passed: 12,
# Skipped: 0, Total: 12, ..."). Prints "passed failed skipped total".
count_tests() {
  sed -E 's/\x1b\[[0-9;?]*[A-Za-z]//g' "$1" | awk '
    function num(s) { gsub(/[^0-9]/, "", s); return s + 0 }
    /^ *(Passed|Failed)! +- +Failed: +[0-9]+, +Passed: +[0-9]+, +Skipped: +[0-9]+, +Total: +[0-9]+/ {
      split($0, p, ",")
      f += num(substr(p[1], index(p[1], "Failed:"))); pa += num(p[2]); sk += num(p[3]); t += num(p[4])
    }
    END { print pa + 0, f + 0, sk + 0, t + 0 }'
}

ensure_dotnet
solution="$(find_solution)" || die "no CaseManagement.sln(x) in $REPO_ROOT (set CM_SOLUTION to choose one)"

ci_mode=0
if [[ "${CI:-}" == true ]]; then
  ci_mode=1
  # CI leaves nothing behind: stop what this run started, also on failure.
  trap 'stop_databases_started_here; dotnet build-server shutdown >/dev/null 2>&1 || true' EXIT
fi

ensure_local_databases
export_connection_env

results_dir="$REPO_ROOT/artifacts/test-results"
mkdir -p "$results_dir"
log_file="$results_dir/test-$(date -u +%Y%m%dT%H%M%SZ).log"
log "full output also goes to $log_file"

log "building $solution (Release)"
build_rc=0
dotnet build "$solution" -c Release -nodeReuse:false 2>&1 | tee "$log_file" || build_rc=$?
if ((build_rc != 0)); then
  die "dotnet build failed (exit $build_rc); see $log_file"
fi

# The browser journeys run after the other test projects, not beside them: on two cores a browser next to the
# integration tests starves their timing-sensitive scenarios (deadlines a few seconds away).
browser_tests=tests/CaseManagement.BrowserTests/CaseManagement.BrowserTests.csproj
# The resilience scenarios stop and start the PostgreSQL, MariaDB and mail servers the others use, and fuzz a real socket:
# they run alone, at the very end.
resilience_tests=tests/CaseManagement.ResilienceTests/CaseManagement.ResilienceTests.csproj
log "testing $solution (Release), the browser journeys and then the resilience scenarios last"
test_rc=0
dotnet test "$solution" --no-build -c Release -p:SkipBrowserTests=true -p:SkipResilienceTests=true "$@" 2>&1 |
  tee -a "$log_file" || test_rc=$?
for last in "$browser_tests" "$resilience_tests"; do
  # With CM_SOLUTION naming one project, only that project runs (it was the only one built).
  if [[ -f "$last" && ( "$solution" == *.sln* || "${solution%/}" == "$(dirname "$last")" || "$solution" == "$last" ) ]]; then
    last_rc=0
    dotnet test "$last" --no-build -c Release "$@" 2>&1 | tee -a "$log_file" || last_rc=$?
    if ((test_rc == 0)); then
      test_rc=$last_rc
    fi
  fi
done

# On a full run, the README's examples run as a reader pastes them, against the service build/run.sh starts: an example
# that stopped working fails the run like a test (build/check-readme.sh).
readme_ran=0
readme_rc=0
if (($# == 0)); then
  readme_ran=1
  bash build/check-readme.sh 2>&1 | tee -a "$log_file" || readme_rc=${PIPESTATUS[0]}
fi

read -r passed failed skipped total < <(count_tests "$log_file")
if ((readme_ran == 1)); then
  if ((readme_rc == 0)); then
    passed=$((passed + 1))
  else
    failed=$((failed + 1))
    if ((test_rc == 0)); then
      test_rc=$readme_rc
    fi
  fi
  total=$((total + 1))
fi

if ((ci_mode == 1)); then
  # Stop now rather than in the trap, so the summary stays the last line.
  stop_databases_started_here
else
  print_stop_hint
fi

summary="$passed passed, $failed failed"
if ((skipped > 0)); then
  summary+=", $skipped skipped"
fi
rc=0
if ((test_rc != 0)); then
  # CI keeps only the tail of the output, so the names of the failed tests and the start of each
  # one's error message come just before the summary.
  sed -E 's/\x1b\[[0-9;?]*[A-Za-z]//g' "$log_file" | awk '
    /^ +Failed [A-Za-z_].* \[[0-9]/ { sub(/^ */, ""); print "  failed: " $0; grab = 0; next }
    /^ +Error Message:/ { grab = 6; next }
    /^ +Stack Trace:/ { grab = 0 }
    grab > 0 { sub(/^ */, ""); print "    " substr($0, 1, 400); grab-- }
  ' || true
  log "dotnet test failed (exit $test_rc); see $log_file"
  rc=$test_rc
elif ((total == 0)); then
  log "no test ran; treating that as a failure"
  rc=1
fi
# The summary is the very last line printed.
printf '%s\n' "$summary" | tee -a "$log_file"
exit "$rc"
