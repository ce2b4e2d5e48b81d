#!/usr/bin/python3
"""Prints the comparison table of bench/compare.sh from bench/results/ (reference.json and BenchmarkDotNet's JSON)."""
import glob
import json
import os
import sys

LARGE_GFLOP = 53.2  # bench_reference's large_flops for 1024 features, 50×1024 hidden, batch 256


def ours(results):
    """{(benchmark class, method, parameters): median seconds} from every BenchmarkDotNet JSON report."""
    found = {}
    for path in glob.glob(os.path.join(results, "dotnet", "**", "*-report-full*.json"), recursive=True):
        with open(path) as fh:
            for b in json.load(fh)["Benchmarks"]:
                if b.get("Statistics"):
                    found[(b["Type"], b["Method"], b.get("Parameters", ""))] = b["Statistics"]["Median"] / 1e9
    return found


def main(results):
    with open(os.path.join(results, "reference.json")) as fh:
        ref = json.load(fh)
    dn = ours(results)

    def r(key):
        return ref.get(key, {}).get("median_s")

    def o(cls, method, params=""):
        return dn.get((cls, method, params))

    rows = []  # (work, unit, scale, ours, numpy, torch, target)
    n = 10**7
    for act, name, target in (("sigmoid", "Sigmoid", 1.2), ("tanh", "Tanh", 1.2), ("relu", "ReLU", 1.2), ("gelu", "GELU", 4.0)):
        rows.append((f"{act} value+derivative, 1e7 points", "ns/point", 1e9 / n,
                     o("ActivationBenchmarks", "ValueAndDerivative", f"Activation={name}"),
                     r(f"act/numpy/{act}/N={n}/value+deriv"), r(f"act/torch/{act}/N={n}/value+autograd"), target))
    for act, name in (("sigmoid", "Sigmoid"), ("relu", "ReLU"), ("gelu", "GELU")):
        rows.append((f"one pass w20 d10 b1, {act}", "µs", 1e6, o("SmallPassBenchmarks", "Pass", f"Activation={name}"),
                     r(f"small/numpy/w20_d10_b1/{act}"), r(f"small/torch/w20_d10_b1/{act}"), 5.0))
    sweep = "sweep/{}/5acts_x_depths3-50_x1000trials_w20_b1"
    rows.append(("sweep 5 acts × 5 depths × 1000 trials", "s", 1.0, o("SweepBenchmarks", "Sweep"),
                 r(sweep.format("numpy")), r(sweep.format("torch")), 0.2))
    for act, name in (("sigmoid", "Sigmoid"), ("relu", "ReLU")):
        rows.append((f"w1024 d50 b256 pass, {act}", "s", 1.0, o("LargePassBenchmarks", "Pass", f"Activation={name}"),
                     r(f"large/numpy/w1024_d50_b256/{act}"), r(f"large/torch/w1024_d50_b256/{act}"), 0.79))

    engine_path = os.path.join(results, "engine.json")
    engine = json.load(open(engine_path)) if os.path.exists(engine_path) else {}
    # Throughput rows are printed as time per object so that "lower is better" holds for every row.
    if engine:
        rows.append(("Get-Activation 1e6 objects into ForEach-Object {} (PS 7.6 engine)", "µs/object", 1e6,
                     1 / engine["get_activation_objects_per_s"], None, None, 1 / 0.7))
        rows.append(("Import-Module, warm process", "ms", 1e3, engine["import_warm_median_s"], None, None, 300))

    def cell(v, scale):
        return "—" if v is None else f"{v * scale:.3g}"

    print("| work | unit | ours | numpy | torch | target | numpy/ours | torch/ours | target met |")
    print("|---|---|---|---|---|---|---|---|---|")
    for work, unit, scale, us, npy, tch, target in rows:
        ratio = lambda other: "—" if other is None or not us else f"{other / us:.2f}×"
        met = "—" if us is None else ("yes" if us * scale <= target else "no")
        print(f"| {work} | {unit} | {cell(us, scale)} | {cell(npy, scale)} | {cell(tch, scale)} | ≤ {target:.3g} | {ratio(npy)} | {ratio(tch)} | {met} |")
    for act, name in (("sigmoid", "Sigmoid"), ("relu", "ReLU")):
        t = o("LargePassBenchmarks", "Pass", f"Activation={name}")
        if t:
            print(f"\nLarge pass, {act}: {LARGE_GFLOP / t:.0f} GFLOP/s (bench_reference counts {LARGE_GFLOP} GFLOP of products).")
    if engine:
        print(f"Engine floor on this run (1..1e6 | ForEach-Object {{}}): {engine['engine_floor_objects_per_s'] / 1e6:.2f} M objects/s; "
              f"Get-Activation {engine['get_activation_objects_per_s'] / 1e6:.2f} M objects/s; first Import-Module in the process "
              f"{engine['import_first_s'] * 1e3:.0f} ms.")
    lp = {m: o("LayerProductBenchmarks", m) for m in ("MathNetManaged", "OursManaged", "OpenBlasDgemm")}
    if all(lp.values()):
        g = 2 * 1024 * 1024 * 256 / 1e9
        print("One layer product 1024×1024·1024×256: " + ", ".join(f"{m} {g / t:.1f} GFLOP/s" for m, t in lp.items()))


if __name__ == "__main__":
    main(sys.argv[1] if len(sys.argv) > 1 else os.path.join(os.path.dirname(os.path.abspath(__file__)), "results"))
