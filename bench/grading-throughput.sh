#!/usr/bin/env bash
# Class-scale grading throughput: N submissions (default 30) cycling through correct (solutions/), partial, untouched
# stubs, not compiling and looping, graded in the sandbox by `vg-grade grade-submissions`. Prints the wall time and
# the time per submission. Usage: bench/grading-throughput.sh [N] [--parallel P] [--timeout SEC]
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
dotnet build src/VanishingGradients.Grading.Cli -c Release -nologo -v:q -clp:ErrorsOnly
cli=(dotnet src/VanishingGradients.Grading.Cli/bin/Release/net10.0/vg-grade.dll)
"${cli[@]}" grade-submissions "$work"/s01-* --gradebook "$work/warm.csv" >/dev/null 2>&1 || true  # builds the graders once
start=$(date +%s.%N)
"${cli[@]}" grade-submissions "$work"/s* --gradebook "$work/gradebook.csv" "$@" > "$work/out.txt" 2>&1 || true
end=$(date +%s.%N)
tail -n "$((n + 1))" "$work/out.txt"
awk -v s="$start" -v e="$end" -v n="$n" 'BEGIN { printf "%d submissions in %.1f s: %.2f s per submission\n", n, e - s, (e - s) / n }'
