#!/usr/bin/env bash
# Every test suite of the project, from a clean clone with only the .NET SDK: restores pwsh (the tool manifest) and
# Pester (tests/pester/Restore.proj), then runs the NUnit projects of the solution (core, module in the hosted engine,
# F# properties, charts, grading), the Pester specs under that pwsh against the assembled module, and the course-kit
# checks. Arguments go to `dotnet test` (CI passes --no-build). Ends with "N passed, N failed".
set -uo pipefail
cd "$(dirname "$0")/.."
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
passed=0 failed=0 status=0

# add_summary LOG: adds the last "N passed, N failed" line of LOG to the totals (a missing line counts as a failure).
add_summary() {
  local line
  if line=$(grep -E '^[0-9]+ passed, [0-9]+ failed' "$1" | tail -n 1); then
    passed=$((passed + $(echo "$line" | cut -d' ' -f1))); failed=$((failed + $(echo "$line" | cut -d' ' -f3)))
  else
    failed=$((failed + 1)); status=1
  fi
}

if ! { dotnet tool restore && dotnet restore tests/pester/Restore.proj --nologo; }; then
  echo "0 passed, 1 failed"; exit 1
fi

# dotnet test prints one "Passed!/Failed!  - Failed: a, Passed: b, ..." line per test project.
log=$(mktemp)
dotnet test VanishingGradients.sln --nologo "$@" 2>&1 | tee "$log"
[ "${PIPESTATUS[0]}" -eq 0 ] || status=1
while read -r f p; do passed=$((passed + p)); failed=$((failed + f)); done < <(
  sed -nE 's/.*(Passed|Failed)! +- Failed: +([0-9]+), Passed: +([0-9]+),.*/\2 \3/p' "$log")

# The Pester specs, against artifacts/module/VanishingGradients (assembled by the build above).
dotnet pwsh -NoProfile -NonInteractive -File tests/pester/Invoke-Specs.ps1 2>&1 | tee "$log"
[ "${PIPESTATUS[0]}" -eq 0 ] || status=1
add_summary "$log"

if [ -f tests/kit-checks.sh ]; then
  bash tests/kit-checks.sh 2>&1 | tee "$log"
  [ "${PIPESTATUS[0]}" -eq 0 ] || status=1
  add_summary "$log"
fi
rm -f "$log"
[ "$failed" -eq 0 ] || status=1
echo "$passed passed, $failed failed"
exit $status
