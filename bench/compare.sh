#!/usr/bin/env bash
# Runs the BenchmarkDotNet suite and the numpy/PyTorch reference (../shared/reference/bench_reference.py) on the same
# work in one go, and prints ours vs numpy vs torch vs target (bench/compare_table.py). Timings on a 2-core machine are
# noisy: read the ratios of one run, not absolute numbers across runs.
#
#   bench/compare.sh [--skip-python] [--skip-dotnet] [--quick]
#
# --quick: fewer rounds on both sides (BenchmarkDotNet 1 warm-up + 3 iterations of ≤ 100 ms, the reference's sweep at
# 100 trials, Get-Activation at 2 rounds of 2·10^5 objects), to check the whole run end to end; its figures are rough.
# Without it, estimated from its parts: ~12 minutes on the idle 2-core machine (BenchmarkDotNet ~8, the reference ~3).
#
# Results go to bench/results/: reference.json (numpy/torch), dotnet/ (BenchmarkDotNet JSON), engine.json (hosted
# engine: Import-Module), engine-pwsh.json (Get-Activation against the engine floor under real pwsh), memory.json (the
# large pass's peak memory, in a process of its own), machine.json (vector width).
#
# The reference needs Debian's numpy, torch and scipy; when they are missing and we are root, this installs them with
#   apt-get update && apt-get install -y python3-numpy python3-torch python3-scipy libopenblas0
# (libopenblas0 is also what the core library's BLAS path loads). Not used by CI.
set -euo pipefail
cd "$(dirname "$0")/.."
out=bench/results
# The numpy/PyTorch reference lives in the shared folder beside the repository; VG_REFERENCE names it elsewhere.
reference=${VG_REFERENCE:-../shared/reference/bench_reference.py}
mkdir -p "$out"
run_python=1 run_dotnet=1 quick=0
for arg in "$@"; do
  case "$arg" in
    --skip-python) run_python=0 ;;
    --skip-dotnet) run_dotnet=0 ;;
    --quick) quick=1 ;;
    *) echo "usage: $0 [--skip-python] [--skip-dotnet] [--quick]" >&2; exit 2 ;;
  esac
done
# The reference's sweep at 300 trials (its per-pass cost is flat in the trial count; the table scales it to 1000):
# at 1000, numpy and torch take ~20 s a sweep, 6 sweeps each, and the whole run would pass 12 minutes.
reference_args=(--trials 300) engine_args=()
if (( quick )); then
  export VG_BENCH_QUICK=1
  reference_args=(--trials 100)
  engine_args=(-Rounds 2 -Count 200000)
fi

if (( run_python )); then
  if [ ! -f "$reference" ]; then
    echo "no $reference: set VG_REFERENCE to bench_reference.py, or --skip-python" >&2; exit 1
  fi
  if ! /usr/bin/python3 -c 'import numpy, torch, scipy' 2>/dev/null || [ ! -e /usr/lib/x86_64-linux-gnu/libopenblas.so.0 ]; then
    if [ "$(id -u)" = 0 ]; then
      apt-get update && DEBIAN_FRONTEND=noninteractive apt-get install -y python3-numpy python3-torch python3-scipy libopenblas0
    else
      echo "numpy/torch/scipy missing: run as root or install python3-numpy python3-torch python3-scipy libopenblas0" >&2; exit 1
    fi
  fi
  # The reference's own advice: steady malloc, and OpenBLAS free to pick its kernels.
  env -u OPENBLAS_CORETYPE -u OPENBLAS_L2_SIZE MALLOC_MMAP_MAX_=0 MALLOC_TRIM_THRESHOLD_=68719476736 \
    /usr/bin/python3 "$reference" "${reference_args[@]}" --out "$out/reference.json" | tee "$out/reference.log"
fi

if (( run_dotnet )); then
  rm -rf "$out/dotnet"
  dotnet build -c Release bench/VanishingGradients.Benchmarks -v minimal -clp:ErrorsOnly
  harness=bench/VanishingGradients.Benchmarks/bin/Release/net10.0/VanishingGradients.Benchmarks.dll
  dotnet "$harness" --machine "$out/machine.json"
  # Peak memory first, each in a fresh process: a process's peak only rises.
  dotnet "$harness" --memory "$out/memory.json"
  # BenchmarkDotNet builds its own copy of the project; on a loaded machine that outlasts its default 2 minutes.
  dotnet "$harness" --filter '*' --exporters json --buildTimeout 1800 --artifacts "$out/dotnet" | tee "$out/dotnet.log"

  # The PowerShell-engine rows need the assembled module (dotnet build at the repository root).
  manifest=artifacts/module/VanishingGradients/VanishingGradients.psd1
  if [ -f "$manifest" ]; then
    dotnet "$harness" --engine "$manifest" "$out/engine.json"
    dotnet tool restore >/dev/null
    dotnet pwsh -NoProfile -File bench/engine-ratio.ps1 -Manifest "$PWD/$manifest" -Out "$out/engine-pwsh.json" "${engine_args[@]}"
  else
    echo "no $manifest: engine rows skipped (run dotnet build at the repository root)" >&2
  fi
fi

/usr/bin/python3 bench/compare_table.py "$out"
