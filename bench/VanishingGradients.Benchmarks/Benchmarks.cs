using System;
using System.Linq;
using BenchmarkDotNet.Attributes;
using VanishingGradients;

namespace VanishingGradients.Benchmarks
{
    // The same work as ../shared/reference/bench_reference.py; compare.sh puts the two side by side.

    /// <summary>The activation workload of bench_reference (act/*/N=10000000): 10^7 points of linspace(-5, 5), buffers reused.</summary>
    public abstract class ActivationWorkload
    {
        public const int N = 10_000_000;
        protected readonly double[] _x = Enumerable.Range(0, N).Select(i => -5.0 + 10.0 * i / (N - 1)).ToArray();
        protected readonly double[] _v = new double[N], _d = new double[N];
        protected Activation _f = null!;

        [Params("Sigmoid", "Tanh", "ReLU", "GELU")]
        public string Activation { get; set; } = "";

        [GlobalSetup]
        public void Setup() => _f = Activations.Get(Activation);
    }

    /// <summary>f and f' over the activation workload.</summary>
    [Rounds(warmup: 3, iterations: 15)]
    public class ActivationBenchmarks : ActivationWorkload
    {
        [Benchmark]
        public void ValueAndDerivative() => _f.Evaluate(_x, _v, _d);
    }

    /// <summary>One forward + MSE backward pass with per-layer statistics: 20 features, 10 hidden layers of 20, batch 1.</summary>
    [Rounds(warmup: 3, iterations: 15)]
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
    [Rounds(warmup: 1, iterations: 3)]
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
}
