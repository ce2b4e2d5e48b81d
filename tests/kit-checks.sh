#!/usr/bin/env bash
# CI checks of the course kit. Prints one line per check and, last, exactly one line "N passed, N failed".
#   1. exercises/ equals what the generator produces from solutions/
#   2. the graders (visible + hidden) give solutions/ 100% of the points
#   3. the graders give the generated stubs 0 points: visible graders built against exercises/, and visible + hidden
#      graders run on exercises/ as a submission (proves no grader passes vacuously)
#   4. tests/VanishingGradients.Grading.Tests, including the end-to-end grading of tests/fixtures/submissions
#      (correct, partial, not compiling, looping) and of the hostile attack-* submissions in the bubblewrap sandbox
#      (forged results, stolen answers, sabotage, leftovers, symlinks); each of its tests counts.
# Students' code runs only in the sandboxed worker, so checks 3 and 4 need bubblewrap (.ci/run installs it).
# Builds are shared: the grading tool is built once, the graders once per source, submissions reuse the grader build.
set -uo pipefail
cd "$(dirname "$0")/.."
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
passed=0 failed=0
log_dir=$(mktemp -d "${TMPDIR:-/tmp}/kit-checks.XXXXXX")

check() { # name, command...
  local name=$1; shift
  local log="$log_dir/${name// /_}.log" start=$SECONDS
  if "$@" >"$log" 2>&1; then
    passed=$((passed + 1)); echo "PASS  $name ($((SECONDS - start)) s)"
  else
    failed=$((failed + 1)); echo "FAIL  $name ($((SECONDS - start)) s) — last lines of $log:"; tail -n 25 "$log" | sed 's/^/      /'
  fi
}

if ! dotnet build src/Grading/vg-grade -c Release -nologo -v:q -clp:ErrorsOnly >"$log_dir/build-cli.log" 2>&1; then
  echo "FAIL  build the grading tool"; tail -n 25 "$log_dir/build-cli.log"
  echo "0 passed, 1 failed"; exit 1
fi
cli=(dotnet src/Grading/vg-grade/bin/Release/net10.0/vg-grade.dll)

check "exercises up to date with the generator" "${cli[@]}" generate --check
check "graders give solutions 100%" "${cli[@]}" grade --solutions --expect full
check "visible graders give the stubs 0" "${cli[@]}" grade --expect none
check "all graders give the stubs 0" "${cli[@]}" grade-submissions exercises --expect none

# The tooling's own tests (unit + end-to-end grading of the fixture submissions).
tests_log="$log_dir/grading-tests.log"
start=$SECONDS
VG_KIT_INTEGRATION=1 dotnet test tests/VanishingGradients.Grading.Tests -c Release -nologo >"$tests_log" 2>&1
rc=$?
summary=$(grep -E "(Passed|Failed)!? +- +Failed: +[0-9]+, +Passed: +[0-9]+" "$tests_log" | tail -n 1)
if [[ -n "$summary" ]]; then
  t_failed=$(sed -E 's/.*Failed: +([0-9]+).*/\1/' <<<"$summary")
  t_passed=$(sed -E 's/.*Passed: +([0-9]+).*/\1/' <<<"$summary")
  t_skipped=$(sed -E 's/.*Skipped: +([0-9]+).*/\1/' <<<"$summary")
  # A skipped test here means the integration tests did not run: count it as a failure.
  passed=$((passed + t_passed)); failed=$((failed + t_failed + t_skipped))
  echo "$([[ $rc -eq 0 && $t_skipped -eq 0 ]] && echo PASS || echo FAIL)  Grading.Tests: $t_passed passed, $t_failed failed, $t_skipped skipped ($((SECONDS - start)) s)"
  [[ $rc -ne 0 ]] && grep -E "^\s+Failed |Error Message" -A3 "$tests_log" | head -n 40 | sed 's/^/      /'
else
  failed=$((failed + 1)); echo "FAIL  Grading.Tests did not run:"; tail -n 25 "$tests_log" | sed 's/^/      /'
fi

echo "$passed passed, $failed failed"
[[ $failed -eq 0 ]]
