using System;
using System.Linq;
using BenchmarkDotNet.Attributes;
using MathNet.Numerics.LinearAlgebra;
using VanishingGradients;
using VanishingGradients.Native;

namespace VanishingGradients.Benchmarks
{
    // The same work as ../shared/reference/bench_reference.py; compare.sh puts the two side by side.

    /// <summary>f and f' over 10^7 points of linspace(-5, 5), buffers reused (bench_reference: act/*/N=10000000).</summary>
    [SimpleJob(launchCount: 1, warmupCount: 3, iterationCount: 15)]
    public class ActivationBenchmarks
    {
        public const int N = 10_000_000;
        private readonly double[] _x = Enumerable.Range(0, N).Select(i => -5.0 + 10.0 * i / (N - 1)).ToArray();
        private readonly double[] _v = new double[N], _d = new double[N];
        private Activation _f = null!;

        [Params("Sigmoid", "Tanh", "ReLU", "GELU")]
        public string Activation { get; set; } = "";

        [GlobalSetup]
        public void Setup() => _f = Activations.Get(Activation);

        [Benchmark]
        public void ValueAndDerivative() => _f.Evaluate(_x, _v, _d);
    }

    /// <summary>One forward + MSE backward pass with per-layer statistics: 20 features, 10 hidden layers of 20, batch 1.</summary>
    [SimpleJob(launchCount: 1, warmupCount: 3, iterationCount: 15)]
    public class SmallPassBenchmarks
    {
        private GradientPass _pass = null!;
        private Network _net = null!;
        private Activation _f = null!;
        private readonly double[] _x = new double[20], _y = new double[1];

        [Params("Sigmoid", "Tanh", "ReLU", "LeakyReLU", "GELU")]
        public string Activation { get; set; } = "";

        [GlobalSetup]
        public void Setup()
        {
            var shape = Network.Shape(20, 20, 10, 1);
            var random = Initializers.ForTrial(42, 10, 0);
            _net = Network.Create(shape, Initializer.Xavier, random);
            for (int i = 0; i < _x.Length; i++) _x[i] = Initializers.Gaussian(random);
            _y[0] = Initializers.Gaussian(random);
            _pass = new GradientPass(shape, 1);
            _f = Activations.Get(Activation);
        }

        [Benchmark]
        public double Pass()
        {
            _pass.Run(_net, _f, _x, _y, PassOptions.Default);
            return _pass.GradientNorm[0];
        }
    }

    /// <summary>The lab sweep: 5 activations × depths {3,5,10,20,50} × 1000 trials, width 20, fresh weights per trial.</summary>
    [SimpleJob(launchCount: 1, warmupCount: 1, iterationCount: 3)]
    public class SweepBenchmarks
    {
        private readonly DepthExperiment _experiment = new()
        {
            Activations = new[] { "Sigmoid", "Tanh", "ReLU", "LeakyReLU", "GELU" }.Select(Activations.Get).ToArray(),
            Depths = new[] { 3, 5, 10, 20, 50 },
            Features = 20,
            Hidden = 20,
            Trials = 1000,
            Seed = 0,
        };

        [Benchmark]
        public long Sweep() => _experiment.Run().LongCount();
    }

    /// <summary>1024 features, 50 hidden layers of 1024, batch 256: 53 GFLOP of products per pass (OpenBLAS when installed).</summary>
    [SimpleJob(launchCount: 1, warmupCount: 1, iterationCount: 5)]
    public class LargePassBenchmarks
    {
        public const int Width = 1024, Depth = 50, Batch = 256;
        private GradientPass _pass = null!;
        private Network _net = null!;
        private Activation _f = null!;
        private double[] _x = null!, _y = null!;

        /// <summary>Multiply-adds × 2 of the forward products and the backward ones (W_2..W_L transposed), as bench_reference counts.</summary>
        public static double Flops()
        {
            var s = Network.Shape(Width, Width, Depth, 1);
            double flops = 0;
            for (int l = 1; l < s.Length; l++) flops += 2.0 * s[l] * s[l - 1] * Batch;
            for (int l = 2; l < s.Length; l++) flops += 2.0 * s[l] * s[l - 1] * Batch;
            return flops;
        }

        [Params("Sigmoid", "ReLU")]
        public string Activation { get; set; } = "";

        [GlobalSetup]
        public void Setup()
        {
            var shape = Network.Shape(Width, Width, Depth, 1);
            var random = Initializers.ForTrial(42, Depth, 0);
            _net = Network.Create(shape, Initializer.Xavier, random);
            _x = Enumerable.Range(0, Width * Batch).Select(_ => Initializers.Gaussian(random)).ToArray();
            _y = Enumerable.Range(0, Batch).Select(_ => Initializers.Gaussian(random)).ToArray();
            _pass = new GradientPass(shape, Batch);
            _f = Activations.Get(Activation);
        }

        [Benchmark]
        public double Pass()
        {
            _pass.Run(_net, _f, _x, _y, PassOptions.Default);
            return _pass.GradientNorm[0];
        }
    }

    /// <summary>One layer's product, 1024×1024 · 1024×256 (0.54 GFLOP), by each candidate backend: the measurement behind choosing OpenBLAS.</summary>
    [SimpleJob(launchCount: 1, warmupCount: 1, iterationCount: 5)]
    public class LayerProductBenchmarks
    {
        private const int Width = LargePassBenchmarks.Width, Batch = LargePassBenchmarks.Batch;
        private readonly Matrix<double> _w = Matrix<double>.Build.Random(Width, Width, 1), _a = Matrix<double>.Build.Random(Width, Batch, 2);
        private readonly Matrix<double> _z = Matrix<double>.Build.Dense(Width, Batch);
        private readonly double[] _wFlat = new double[Width * Width], _aFlat = new double[Width * Batch], _zFlat = new double[Width * Batch];

        [Benchmark(Baseline = true)]
        public void MathNetManaged() => _w.Multiply(_a, _z);

        [Benchmark]
        public void OursManaged()
        {
            OpenBlas.Enabled = false;
            try { Kernels.Multiply(_wFlat, Width, Width, _aFlat, Batch, _zFlat); }
            finally { OpenBlas.Enabled = true; }
        }

        [Benchmark]
        public void OpenBlasDgemm() => OpenBlas.Multiply(false, Width, Batch, Width, _wFlat, _aFlat, _zFlat);
    }
}
