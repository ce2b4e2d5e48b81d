using System;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Text.Json;

namespace VanishingGradients.Benchmarks
{
    /// <summary>
    /// Peak memory of the large pass (w1024 d50 b256, sigmoid) against what it must hold: the weights, the activations
    /// a_0..a_L and the deltas δ_1..δ_L. Run in a process of its own (bench/compare.sh does), since a peak only rises.
    /// <para>The figure is the process's peak resident set (VmHWM) less its resident set just before the network is
    /// made: what the operating system had to supply for the pass, GC heap, native buffers (OpenBLAS, GEMM packing),
    /// and pages the GC has not returned alike. The GC's own heap figures would miss the native part.</para>
    /// </summary>
    public static class MemoryBenchmark
    {
        public static void Run(string output)
        {
            const int width = LargePassBenchmarks.Width, depth = LargePassBenchmarks.Depth, batch = LargePassBenchmarks.Batch;
            var shape = Network.Shape(width, width, depth, 1);
            long weights = 0, activations = shape[0] * (long)batch, deltas = 0;
            for (int l = 1; l < shape.Length; l++)
            {
                weights += (long)shape[l] * shape[l - 1];
                activations += (long)shape[l] * batch;
                deltas += (long)shape[l] * batch;
            }
            long mustHold = 8 * (weights + activations + deltas);

            long before = Resident("VmRSS");
            var random = Initializers.ForTrial(42, depth, 0);
            var net = Network.Create(shape, Initializer.Xavier, random);
            var x = new double[width * batch];
            var y = new double[batch];
            for (int i = 0; i < x.Length; i++) x[i] = Initializers.Gaussian(random);
            for (int i = 0; i < y.Length; i++) y[i] = Initializers.Gaussian(random);
            var pass = new GradientPass(shape, batch);
            var watch = Stopwatch.StartNew();
            pass.Run(net, Activations.Sigmoid, x, y, PassOptions.Default);
            double seconds = watch.Elapsed.TotalSeconds;
            long peak = Resident("VmHWM");
            GC.KeepAlive(net);
            GC.KeepAlive(pass);

            var result = new
            {
                must_hold_bytes = mustHold,
                weights_bytes = 8 * weights,
                activations_bytes = 8 * activations,
                deltas_bytes = 8 * deltas,
                process_before_bytes = before,
                process_peak_bytes = peak,
                pass_peak_bytes = peak - before,
                ratio = (double)(peak - before) / mustHold,
                pass_seconds = seconds,
            };
            string json = JsonSerializer.Serialize(result, new JsonSerializerOptions { WriteIndented = true });
            File.WriteAllText(output, json);
            Console.WriteLine(json);
        }

        // A figure of /proc/self/status in bytes (Linux); elsewhere the runtime's working-set counters.
        private static long Resident(string key)
        {
            const string status = "/proc/self/status";
            if (File.Exists(status))
                foreach (var line in File.ReadLines(status))
                    if (line.StartsWith(key + ":", StringComparison.Ordinal))
                        return 1024 * long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1]);
            using var self = Process.GetCurrentProcess();
            return key == "VmHWM" ? self.PeakWorkingSet64 : self.WorkingSet64;
        }
    }
}
