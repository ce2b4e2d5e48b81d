#!/usr/bin/env bash
# Class-scale grading throughput: N submissions (default 30) cycling through correct (solutions/), partial, untouched
# stubs, not compiling and looping, graded in the sandbox by `vg-grade grade-submissions`. Prints the wall time and
# the time per submission. Usage: bench/grading-throughput.sh [N] [--parallel P] [--timeout SEC]
# Measured 2026-12-02 on the 2-core machine under a load average of ~32 (other jobs), --parallel 2, 10 s call limit:
#   30 submissions: 600.9 s wall (20.0 s each), 55.5 s CPU (1.85 s each), grades identical per kind.
# The CPU figure is the load-independent one; the 3 looping submissions add their timeouts (wall, not CPU).
set -euo pipefail
cd "$(dirname "$0")/.."
n=${1:-30}; shift || true
work=$(mktemp -d "${TMPDIR:-/tmp}/vg-bench.XXXXXX")
trap 'rm -rf "$work"' EXIT
kinds=(correct partial stubs broken correct partial stubs looping correct partial)
for i in $(seq -w 1 "$n"); do
  kind=${kinds[$(( (10#$i - 1) % ${#kinds[@]} ))]}
  dir="$work/s$i-$kind"; mkdir -p "$dir"
  case $kind in
    correct) cp solutions/Ex*.cs "$dir/" ;;
    stubs) cp exercises/Ex*.cs "$dir/" ;;
    *) cp tests/fixtures/submissions/$kind/Ex*.cs "$dir/" ;;
  esac
done
dotnet build src/Grading/vg-grade -c Release -nologo -v:q -clp:ErrorsOnly
cli=(dotnet src/Grading/vg-grade/bin/Release/net10.0/vg-grade.dll)
"${cli[@]}" grade-submissions "$work"/s01-* --gradebook "$work/warm.csv" >/dev/null 2>&1 || true  # builds the graders once
# Wall time depends on how loaded the machine is; CPU time (user + sys of the tool and every process it waited for:
# grading hosts, sandboxes, workers) does not, so both are printed.
TIMEFORMAT="%R %U %S"
times=$( { time "${cli[@]}" grade-submissions "$work"/s* --gradebook "$work/gradebook.csv" "$@" > "$work/out.txt" 2>&1; } 2>&1 ) || true
tail -n "$((n + 1))" "$work/out.txt"
read -r wall user sys <<<"$(tail -n 1 <<<"$times")"
awk -v w="$wall" -v u="$user" -v s="$sys" -v n="$n" 'BEGIN { printf "%d submissions: %.1f s wall (%.2f s each), %.1f s CPU (%.2f s each)\n", n, w, w / n, u + s, (u + s) / n }'
