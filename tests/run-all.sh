#!/usr/bin/env bash
# Every test suite of the project, from a clean clone: the NUnit projects of the solution (core, module in the
# hosted engine, F# properties, shell, charts, grading), then the course-kit checks. Ends with "N passed, N failed".
set -uo pipefail
cd "$(dirname "$0")/.."
passed=0 failed=0 status=0

# dotnet test prints one "Passed!/Failed!  - Failed: a, Passed: b, ..." line per test project.
add_dotnet_counts() {
  local log=$1 f p
  while read -r f p; do passed=$((passed + p)); failed=$((failed + f)); done < <(
    sed -nE 's/.*(Passed|Failed)! +- Failed: +([0-9]+), Passed: +([0-9]+),.*/\2 \3/p' "$log")
}

log=$(mktemp)
dotnet test VanishingGradients.sln --nologo "$@" 2>&1 | tee "$log"
[ "${PIPESTATUS[0]}" -eq 0 ] || status=1
add_dotnet_counts "$log"

if [ -f tests/kit-checks.sh ]; then
  bash tests/kit-checks.sh 2>&1 | tee "$log"
  [ "${PIPESTATUS[0]}" -eq 0 ] || status=1
  if line=$(grep -E '^[0-9]+ passed, [0-9]+ failed' "$log" | tail -n 1); then
    passed=$((passed + $(echo "$line" | cut -d' ' -f1))); failed=$((failed + $(echo "$line" | cut -d' ' -f3)))
  fi
fi
rm -f "$log"
[ "$failed" -eq 0 ] || status=1
echo "$passed passed, $failed failed"
exit $status
