#!/usr/bin/env bash
# Runs the BenchmarkDotNet suite and the numpy/PyTorch reference (../shared/reference/bench_reference.py) on the same
# work in one go, and prints ours vs numpy vs torch vs target (bench/compare_table.py). Timings on a 2-core machine are
# noisy: read the ratios of one run, not absolute numbers across runs.
#
#   bench/compare.sh [--skip-python] [--skip-dotnet]
#
# Results go to bench/results/: reference.json (numpy/torch), dotnet/ (BenchmarkDotNet JSON), engine.json.
#
# The reference needs Debian's numpy, torch and scipy; when they are missing and we are root, this installs them with
#   apt-get update && apt-get install -y python3-numpy python3-torch python3-scipy libopenblas0
# (libopenblas0 is also what the core library's BLAS path loads). Not used by CI.
set -euo pipefail
cd "$(dirname "$0")/.."
out=bench/results
reference=../shared/reference/bench_reference.py
mkdir -p "$out"
run_python=1 run_dotnet=1
for arg in "$@"; do
  case "$arg" in
    --skip-python) run_python=0 ;;
    --skip-dotnet) run_dotnet=0 ;;
    *) echo "usage: $0 [--skip-python] [--skip-dotnet]" >&2; exit 2 ;;
  esac
done

if (( run_python )); then
  if ! /usr/bin/python3 -c 'import numpy, torch, scipy' 2>/dev/null || [ ! -e /usr/lib/x86_64-linux-gnu/libopenblas.so.0 ]; then
    if [ "$(id -u)" = 0 ]; then
      apt-get update && DEBIAN_FRONTEND=noninteractive apt-get install -y python3-numpy python3-torch python3-scipy libopenblas0
    else
      echo "numpy/torch/scipy missing: run as root or install python3-numpy python3-torch python3-scipy libopenblas0" >&2; exit 1
    fi
  fi
  # The reference's own advice: steady malloc, and OpenBLAS free to pick its kernels.
  env -u OPENBLAS_CORETYPE -u OPENBLAS_L2_SIZE MALLOC_MMAP_MAX_=0 MALLOC_TRIM_THRESHOLD_=68719476736 \
    /usr/bin/python3 "$reference" --out "$out/reference.json" | tee "$out/reference.log"
fi

if (( run_dotnet )); then
  rm -rf "$out/dotnet"
  dotnet run -c Release --project bench/VanishingGradients.Benchmarks -- \
    --filter '*' --exporters json --artifacts "$out/dotnet" | tee "$out/dotnet.log"

  # The PowerShell-engine rows need the assembled module (dotnet build at the repository root).
  manifest=artifacts/module/VanishingGradients/VanishingGradients.psd1
  if [ -f "$manifest" ]; then
    dotnet bench/VanishingGradients.Benchmarks/bin/Release/net10.0/VanishingGradients.Benchmarks.dll --engine "$manifest" "$out/engine.json"
  else
    echo "no $manifest: engine rows skipped (run dotnet build at the repository root)" >&2
  fi
fi

/usr/bin/python3 bench/compare_table.py "$out"
