#!/usr/bin/python3
"""Prints the comparison table of bench/compare.sh from bench/results/ (reference.json and BenchmarkDotNet's JSON)."""
import glob
import json
import os
import re
import sys

LARGE_GFLOP = 53.2  # bench_reference's large_flops for 1024 features, 50×1024 hidden, batch 256
FMA_PEAK_FLOPS = {512: 3.84e9, 256: 1.92e9}  # flops of one FmaPeakBenchmarks call
GEMM_ORDER = ["64x64x64", "128x128x128", "256x256x256", "512x512x512", "1024x1024x1024", "2048x2048x2048",
              "1024x256x1024", "T1024x256x1024", "T256x256x1024", "1024x1024x256T", "1024x32x1024", "T1024x32x1024"]


def ours(results):
    """{(benchmark class, method, parameters): median seconds} from every BenchmarkDotNet JSON report."""
    found = {}
    for path in glob.glob(os.path.join(results, "dotnet", "**", "*-report-full*.json"), recursive=True):
        with open(path) as fh:
            for b in json.load(fh)["Benchmarks"]:
                if b.get("Statistics"):
                    found[(b["Type"], b["Method"], b.get("Parameters", ""))] = b["Statistics"]["Median"] / 1e9
    return found


def products(dn, r):
    """The large pass (managed GEMM alone, and with OpenBLAS installed) against numpy, then GEMM GFLOP/s by size."""
    def params(text):
        return dict(item.strip().split("=", 1) for item in re.split(r"[&,]", text) if "=" in item)

    def o(cls, method, **wanted):
        for (c, m, p), t in dn.items():
            if c == cls and m == method and params(p) == {k: str(v) for k, v in wanted.items()}:
                return t
        return None

    print("\n| large pass w1024 d50 b256 | ours (s) | GFLOP/s | numpy (s) | torch (s) | numpy/ours | torch/ours | target | met |")
    print("|---|---|---|---|---|---|---|---|---|")
    for act, name in (("sigmoid", "Sigmoid"), ("relu", "ReLU")):
        npy, tch = r(f"large/numpy/w1024_d50_b256/{act}"), r(f"large/torch/w1024_d50_b256/{act}")
        for backend, label, target in (("Managed", "managed GEMM only", 1.2), ("OpenBLAS", "with OpenBLAS installed", 1.5)):
            t = o("LargePassBenchmarks", "Pass", Activation=name, Backend=backend)
            if t is None:
                continue
            ratio = lambda other: "—" if other is None else f"{other / t:.2f}×"
            met = "—" if npy is None else ("yes" if npy / t >= target else "no")
            print(f"| {act}, {label} | {t:.3g} | {LARGE_GFLOP / t:.0f} | {npy if npy is None else f'{npy:.3g}'} | "
                  f"{tch if tch is None else f'{tch:.3g}'} | {ratio(npy)} | {ratio(tch)} | ≥ {target}× numpy | {met} |")

    peak = {bits: o("FmaPeakBenchmarks", "Peak", Bits=bits) for bits in (512, 256)}
    peak = {bits: FMA_PEAK_FLOPS[bits] / t / 1e9 for bits, t in peak.items() if t}
    cores = os.cpu_count() or 1
    if peak:
        print("\nFMA peak measured in this run, one core: " + ", ".join(f"{v:.1f} GFLOP/s at {b} bits" for b, v in peak.items())
              + f"; GEMM shares below are of {cores}× that.")
    mathnet = o("MathNetProductBenchmarks", "MathNetManaged")
    if mathnet:
        print(f"MathNet.Numerics' managed provider, 1024×1024·1024×256: {2 * 1024 * 1024 * 256 / mathnet / 1e9:.1f} GFLOP/s.")
    shapes = sorted({params(p)["Shape"] for (c, m, p) in dn if c == "GemmBenchmarks"},
                    key=lambda s: GEMM_ORDER.index(s) if s in GEMM_ORDER else len(GEMM_ORDER))
    if not shapes:
        return
    backends = (("Managed", 512 if 512 in peak else 256), ("Managed256", 256), ("OpenBLAS", None))
    print("\n| C = op(A)·op(B), m×n×k (T: transposed operand) | managed, widest | managed, 256-bit | OpenBLAS | managed / OpenBLAS |")
    print("|---|---|---|---|---|")
    for shape in shapes:
        d = [int(x) for x in shape.strip("T").split("x")]
        flops = 2.0 * d[0] * d[1] * d[2]
        cells, speeds = [], {}
        for backend, bits in backends:
            t = o("GemmBenchmarks", "Multiply", Shape=shape, Backend=backend)
            speeds[backend] = None if t is None else flops / t / 1e9
            share = "" if t is None or bits not in peak else f" ({speeds[backend] / (cores * peak[bits]):.0%})"
            cells.append("—" if t is None else f"{speeds[backend]:.1f}{share}")
        rel = "—" if not speeds["Managed"] or not speeds["OpenBLAS"] else f"{speeds['Managed'] / speeds['OpenBLAS']:.2f}×"
        print(f"| {shape} | " + " | ".join(cells) + f" | {rel} |")


def main(results):
    with open(os.path.join(results, "reference.json")) as fh:
        ref = json.load(fh)
    dn = ours(results)

    def r(key):
        return ref.get(key, {}).get("median_s")

    def o(cls, method, params=""):
        return dn.get((cls, method, params))

    # Targets are the issue's: the activations against ReLU's time in the same run (the memory floor), the passes and
    # the sweep against numpy's; a target is (text, test of ours and numpy's time in the row's unit).
    def at_most(limit):
        return (f"≤ {limit:.3g}", lambda us, npy: us <= limit)

    def faster_than_numpy(times):
        return (f"≥ {times:g}× numpy", lambda us, npy: None if npy is None else npy / us >= times)

    rows = []  # (work, unit, scale, ours, numpy, torch, target)
    n = 10**7
    act = lambda name: o("ActivationBenchmarks", "ValueAndDerivative", f"Activation={name}")
    relu_time = act("ReLU")
    for key, name, times in (("sigmoid", "Sigmoid", 1.5), ("tanh", "Tanh", 1.5), ("relu", "ReLU", None), ("gelu", "GELU", 3.0)):
        target = ("the floor", lambda us, npy: None) if times is None else \
            (f"≤ {times:g}× ReLU's", lambda us, npy, times=times: None if relu_time is None else us <= times * relu_time * 1e9 / n)
        rows.append((f"{key} value+derivative, 1e7 points", "ns/point", 1e9 / n, act(name),
                     r(f"act/numpy/{key}/N={n}/value+deriv"), r(f"act/torch/{key}/N={n}/value+autograd"), target))
    for key, name in (("sigmoid", "Sigmoid"), ("tanh", "Tanh"), ("relu", "ReLU"), ("leaky_relu", "LeakyReLU"), ("gelu", "GELU")):
        rows.append((f"one pass w20 d10 b1, {key}", "µs", 1e6, o("SmallPassBenchmarks", "Pass", f"Activation={name}"),
                     r(f"small/numpy/w20_d10_b1/{key}"), r(f"small/torch/w20_d10_b1/{key}"), faster_than_numpy(40)))

    def sweep(lib):
        """The reference's sweep time scaled to 1000 trials (compare.sh runs 300, --quick 100; the cost per pass is flat)."""
        for key, value in ref.items():
            m = re.fullmatch(rf"sweep/{lib}/5acts_x_depths3-50_x(\d+)trials_w20_b1", key)
            if m and "median_s" in value:
                return value["median_s"] * 1000 / int(m.group(1))
        return None

    rows.append(("sweep 5 acts × 5 depths × 1000 trials", "s", 1.0, o("SweepBenchmarks", "Sweep"), sweep("numpy"), sweep("torch"), faster_than_numpy(80)))

    def load(name):
        path = os.path.join(results, name)
        return json.load(open(path)) if os.path.exists(path) else {}

    engine, pwsh, memory, machine = load("engine.json"), load("engine-pwsh.json"), load("memory.json"), load("machine.json")
    # Throughput rows are printed as time per object so that "lower is better" holds for every row.
    if pwsh:
        rows.append(("Get-Activation -Count 1e6 into ForEach-Object {} ÷ the floor, 1..1e6 into ForEach-Object {} (pwsh, CPU time, median of rounds)",
                     "× floor", 1.0, pwsh["ratio_median"], None, None, at_most(1 / 0.9)))
    if engine:
        rows.append(("Import-Module, warm process", "ms", 1e3, engine["import_warm_median_s"], None, None, at_most(300)))
    if memory:
        rows.append(("w1024 d50 b256 pass, peak resident memory ÷ weights + activations + deltas", "×", 1.0,
                     memory["ratio"], None, None, at_most(1.25)))

    def cell(v, scale):
        return "—" if v is None else f"{v * scale:.3g}"

    print("| work | unit | ours | numpy | torch | target | numpy/ours | torch/ours | target met |")
    print("|---|---|---|---|---|---|---|---|---|")
    for work, unit, scale, us, npy, tch, (text, test) in rows:
        ratio = lambda other: "—" if other is None or not us else f"{other / us:.2f}×"
        verdict = None if us is None else test(us * scale, None if npy is None else npy * scale)
        met = "—" if verdict is None else ("yes" if verdict else "no")
        print(f"| {work} | {unit} | {cell(us, scale)} | {cell(npy, scale)} | {cell(tch, scale)} | {text} | {ratio(npy)} | {ratio(tch)} | {met} |")
    if machine:
        print(f"Vector width of the kernels on this machine: {machine['vector_bits']} bits ({machine['runtime']}, {machine['processors']} cores).")
    if pwsh:
        print(f"Get-Activation ÷ floor under pwsh {pwsh['pwsh']}, {pwsh['rounds']} rounds of {pwsh['objects']} objects, interleaved: "
              f"median {pwsh['ratio_median']:.3f}, min {pwsh['ratio_min']:.3f} (target ≤ {1 / 0.9:.3f}, i.e. ≥ 90% of the floor's speed); "
              f"floor CPU s per round: {', '.join(f'{t:.2f}' for t in pwsh['floor_cpu_s'])}.")
    if memory:
        mib = 2.0 ** 20
        print(f"Large pass memory: peak resident {memory['process_peak_bytes'] / mib:.0f} MiB, {memory['process_before_bytes'] / mib:.0f} MiB "
              f"before the network was made (the runtime), so {memory['pass_peak_bytes'] / mib:.0f} MiB for the pass against "
              f"{memory['must_hold_bytes'] / mib:.0f} MiB it must hold (weights {memory['weights_bytes'] / mib:.0f}, activations "
              f"{memory['activations_bytes'] / mib:.0f}, deltas {memory['deltas_bytes'] / mib:.0f}): {memory['ratio']:.2f}×.")
    if engine:
        print(f"Engine floor on this run (1..1e6 | ForEach-Object {{}}): {engine['engine_floor_objects_per_s'] / 1e6:.2f} M objects/s; "
              f"Get-Activation {engine['get_activation_objects_per_s'] / 1e6:.2f} M objects/s; first Import-Module in the process "
              f"{engine['import_first_s'] * 1e3:.0f} ms.")
    products(dn, r)

if __name__ == "__main__":
    main(sys.argv[1] if len(sys.argv) > 1 else os.path.join(os.path.dirname(os.path.abspath(__file__)), "results"))
