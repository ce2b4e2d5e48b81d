#!/usr/bin/env bash
# Class-scale grading throughput: N submissions (default 100) cycling through correct (solutions/), partial, untouched
# stubs, not compiling and looping, graded in the sandbox by `vg-grade grade-submissions` (one warm compiler for the
# class, then --jobs submissions at a time: one long-lived grading host per job, a fresh sandboxed worker per
# submission). Prints the wall and CPU time, the load average and each kind's grades, and exits 1 unless every
# submission of a kind got the same grade and that grade is the kind's expected one. Run after `dotnet build` from a clean clone:
#   bench/grading-throughput.sh [N] [vg-grade options, e.g. --jobs 2 --timeout 1]
# CPU time is taken with `perf stat` when perf is installed (it counts the sandboxed workers that are killed, which
# nobody waits for); otherwise it is the shell's user + sys of the processes waited for, which misses those.
# Measured 2026-12-02 on the 2-core machine shared with other jobs (see bench/README.md "Grading throughput"):
#   before (grader build per run, compiler per submission, 10 s call limit), 30 submissions: 1.85 s CPU each by `time`,
#     which missed the killed workers; perf stat put one correct submission at 5.6 s CPU, a looping one at 38 s.
#   after, 100 submissions, --jobs 2 (the default on 2 cores), 1 s call limit, quiet machine: 108.1 s wall, 201.1 s CPU
#     (2.01 s each, perf stat), every kind at its expected grade; at load average 23-43 the same took 1232.8 s wall.
#   one grading host per job instead of per submission, quiet machine: 72.6 s wall, 131.5 s CPU (1.31 s each);
#     with a broken file costing only its exercise (the not-compiling kind is graded too): 69.6 s wall, 124.0 s CPU.
set -euo pipefail
cd "$(dirname "$0")/.."
n=${1:-100}; shift || true
work=$(mktemp -d "${TMPDIR:-/tmp}/vg-bench.XXXXXX")
trap 'rm -rf "$work"' EXIT
kinds=(correct partial stubs broken correct partial stubs looping correct partial)
# Expected points of each kind ("full" = every point the graders give, hidden tests included).
declare -A expected=([correct]=full [partial]=12 [stubs]=0 [broken]=0 [looping]=8)
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
# Builds the graders (once; later runs find them up to date) so that the timed run measures grading only.
mkdir "$work/warm"; cp solutions/Ex*.cs "$work/warm/"
"${cli[@]}" grade-submissions "$work/warm" >/dev/null 2>&1 || true

echo "load average before: $(cut -d' ' -f1-3 /proc/loadavg)"
start=$(date +%s.%N)
if command -v perf >/dev/null && perf stat -e task-clock -x, -o /dev/null -- true 2>/dev/null; then
  perf stat -e task-clock -x, -o "$work/perf.txt" -- "${cli[@]}" grade-submissions "$work"/s* --gradebook "$work/gradebook.csv" "$@" \
    > "$work/out.txt" 2>&1 || true
  cpu=$(awk -F, '/task-clock/ { printf "%.1f", $1 / 1000 }' "$work/perf.txt"); how="perf stat task-clock"
else
  TIMEFORMAT="%U %S"
  times=$( { time "${cli[@]}" grade-submissions "$work"/s* --gradebook "$work/gradebook.csv" "$@" > "$work/out.txt" 2>&1; } 2>&1 ) || true
  cpu=$(awk '{ printf "%.1f", $1 + $2 }' <<<"$(tail -n 1 <<<"$times")"); how="user + sys of waited-for processes (no perf)"
fi
wall=$(awk -v s="$start" -v e="$(date +%s.%N)" 'BEGIN { printf "%.1f", e - s }')
echo "load average after:  $(cut -d' ' -f1-3 /proc/loadavg)"

# Summary lines: "  s001-correct   104 / 104" (plus "(Ex05 does not compile)").
status=0
for kind in correct partial stubs broken looping; do
  grades=$(grep -E "^  s[0-9]+-$kind " "$work/out.txt" | awk '{ s = $2 " / " $4; for (i = 5; i <= NF; i++) s = s " " $i; print s }' | sort | uniq -c)
  count=$(grep -cE "^  s[0-9]+-$kind " "$work/out.txt" || true)
  [[ $count -eq 0 ]] && continue
  want=${expected[$kind]}
  [[ $want == full ]] && want=$(grep -E "^  s[0-9]+-$kind " "$work/out.txt" | head -n 1 | awk '{ print $4 }')
  echo "$kind ($count): $(sed 's/^ *//' <<<"$grades" | paste -sd ';' -)"
  if [[ $(wc -l <<<"$grades") -ne 1 ]] || ! grep -qE "^ *[0-9]+ $want / " <<<"$grades"; then
    echo "  MISMATCH: every $kind submission should score $want"; status=1
  fi
done
graded=$(grep -cE "^  s[0-9]+-" "$work/out.txt" || true)
[[ $graded -eq $n ]] || { echo "MISMATCH: $graded of $n submissions in the summary"; tail -n 30 "$work/out.txt"; status=1; }
awk -v w="$wall" -v c="$cpu" -v n="$n" -v how="$how" 'BEGIN { printf "%d submissions: %.1f s wall (%.2f s each), %.1f s CPU (%.2f s each; %s)\n", n, w, w / n, c, c / n, how }'
exit $status
