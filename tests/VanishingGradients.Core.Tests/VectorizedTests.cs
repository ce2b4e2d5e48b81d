using System;
using System.Collections.Generic;
using System.Linq;
using NUnit.Framework;
using VanishingGradients;
using VanishingGradients.Native;
using VanishingGradients.Vectorized;

namespace VanishingGradients.Tests
{
    /// <summary>The vectorised span paths against the scalar Value/Derivative they replace. Speed is the benchmarks' business.</summary>
    public class VectorizedTests
    {
        // Uniform draws at several scales, random bit patterns (subnormals, ±1e308, ±∞, NaN, every exponent) and the edges.
        private static readonly double[] Inputs = MakeInputs();

        private static double[] MakeInputs()
        {
            var random = new Random(20240601);
            var edges = new[]
            {
                0.0, -0.0, double.Epsilon, -double.Epsilon, 1e-310, -1e-310, 2.2250738585072014e-308, 1e-8, -1e-8, 0.25, 0.625, -0.625,
                0.84375, 1.25, 2.857142857142857, 28, -28, 709.78, -708.4, -745.1, -746, 710, 1e154, -1e154, 1e308, -1e308,
                double.MaxValue, double.MinValue, double.PositiveInfinity, double.NegativeInfinity, double.NaN,
            };
            var draws = Enumerable.Range(0, 200_000).Select(i => (i % 5) switch
            {
                0 => (random.NextDouble() * 2 - 1) * 3,
                1 => (random.NextDouble() * 2 - 1) * 40,
                2 => (random.NextDouble() * 2 - 1) * 800,
                3 => (random.NextDouble() * 2 - 1) * 1e-6,
                _ => BitConverter.Int64BitsToDouble(random.NextInt64(long.MinValue, long.MaxValue)),
            });
            return edges.Concat(draws).ToArray();
        }

        /// <summary>
        /// A vectorised activation, its bound in ulp against the scalar path, and for derivatives that are a sum of terms
        /// (GELU, SiLU cross zero) the size of those terms, against which cancellation is measured.
        /// </summary>
        public sealed record Case(Activation F, int Ulps, Func<double, double>? DerivativeTerms = null, Func<double, double>? ExtraValueUlps = null)
        {
            public override string ToString() => F.ToString();
        }

        public static IEnumerable<Case> Cases()
        {
            // exp within 1 ulp plus the scalar formula's own roundings, which the vector path takes in another order.
            yield return new Case(Activations.Sigmoid, 4);
            yield return new Case(Activations.Tanh, 5);
            foreach (var f in new[] { Activations.ReLU, Activations.ReLUWith(DerivativeAtZero.Right), Activations.LeakyReLUWith(0.1), Activations.Get("Step"), Activations.Get("Identity") })
                yield return new Case(f, 0);
            yield return new Case(Activations.Get("SiLU"), 4, x => StableMath.Sigmoid(x) * (1 + Math.Abs(x) * StableMath.Sigmoid(-x)));
            // MathNet's erfc forms exp(-t²) from a rounded t², which costs the scalar path up to ~t² ulp in the tail
            // (t = -x/√2); the vector path splits t² exactly as fdlibm does (see Erfc_matches_high_precision_values).
            yield return new Case(Activations.Get("GELU"), 6, x => StableMath.NormalCdf(x) + Math.Abs(x * StableMath.NormalPdf(x)), x => x * x);
        }

        /// <summary>Every width the kernels can run at; those this machine does not accelerate are ignored, not passed.</summary>
        // Names of VectorWidth members (an internal type cannot appear in a public test's signature).
        public static IEnumerable<string> Widths() => new[] { nameof(VectorWidth.Scalar), nameof(VectorWidth.Bits128), nameof(VectorWidth.Bits256), nameof(VectorWidth.Bits512) };

        public static IEnumerable<object[]> CasesAtEveryWidth() => Cases().SelectMany(c => Widths().Select(w => new object[] { c, w }));

        private static VectorWidth RequireHardware(string name)
        {
            var width = Enum.Parse<VectorWidth>(name);
            // To test what narrower machines choose, run the suite again with DOTNET_EnableAVX512=0 (AVX2 machines) and
            // DOTNET_EnableAVX2=0 (scalar). On .NET 10 DOTNET_EnableAVX512F=0 is silently ignored.
            if (!ActivationKernels.IsAccelerated(width)) Assert.Ignore($"{width} is not accelerated on this machine.");
            return width;
        }

        [TestCaseSource(nameof(CasesAtEveryWidth))]
        public void Kernel_matches_the_scalar_formulas(Case c, string widthName)
        {
            var width = RequireHardware(widthName);
            var values = new double[Inputs.Length];
            var derivatives = new double[Inputs.Length];
            c.F.Evaluate(Inputs, values, derivatives, width);
            for (int i = 0; i < Inputs.Length; i++)
            {
                double x = Inputs[i];
                double extra = c.ExtraValueUlps?.Invoke(x) ?? 0;
                AssertClose(x, c.F.Value(x), values[i], c.Ulps + (double.IsFinite(extra) ? extra : 0), 0, $"{c.F}({x:R})");
                double terms = c.DerivativeTerms?.Invoke(x) ?? 0;
                AssertClose(x, c.F.Derivative(x), derivatives[i], c.Ulps, double.IsFinite(terms) ? terms : 0, $"{c.F}'({x:R})");
            }
        }

        [TestCaseSource(nameof(CasesAtEveryWidth))]
        public void Every_width_gives_the_bits_of_the_scalar_kernel(Case c, string widthName)
        {
            // Lane-wise IEEE operations and the same FMA decisions: a machine's vector width must not change a result.
            var width = RequireHardware(widthName);
            var (v, d) = (new double[Inputs.Length], new double[Inputs.Length]);
            var (sv, sd) = (new double[Inputs.Length], new double[Inputs.Length]);
            c.F.Evaluate(Inputs, v, d, width);
            c.F.Evaluate(Inputs, sv, sd, VectorWidth.Scalar);
            for (int i = 0; i < Inputs.Length; i++)
            {
                Assert.That(Bits(v[i]), Is.EqualTo(Bits(sv[i])), $"{c.F}({Inputs[i]:R}) at {width}: {v[i]:R}, scalar {sv[i]:R}");
                Assert.That(Bits(d[i]), Is.EqualTo(Bits(sd[i])), $"{c.F}'({Inputs[i]:R}) at {width}: {d[i]:R}, scalar {sd[i]:R}");
            }
        }

        [TestCaseSource(nameof(Widths))]
        public void Rectifiers_give_plus_zero_where_numpy_does(string widthName)
        {
            // max(0, x) of a negative x (and α·(-0.0)) is +0.0 in numpy and torch; 0·x alone would give -0.0.
            var width = RequireHardware(widthName);
            var x = new[] { -3.0, -0.0, 0.0, -double.Epsilon, -1e308, double.NegativeInfinity, -2.5, -1e-300, -7.0 };
            foreach (var f in new[] { Activations.ReLU, Activations.ReLUWith(DerivativeAtZero.Right) })
            {
                var (v, d) = (new double[x.Length], new double[x.Length]);
                f.Evaluate(x, v, d, width);
                for (int i = 0; i < x.Length; i++)
                {
                    Assert.That(BitConverter.DoubleToInt64Bits(v[i]), Is.Zero, $"{f}({x[i]:R}) at {width}: {v[i]:R}");
                    Assert.That(BitConverter.DoubleToInt64Bits(f.Value(x[i])), Is.Zero, $"scalar {f}({x[i]:R})");
                }
            }
            var leaky = new double[1];
            Activations.LeakyReLUWith(0.1).Evaluate(new[] { -0.0 }, leaky, Span<double>.Empty, width);
            Assert.That(BitConverter.DoubleToInt64Bits(leaky[0]), Is.Zero, "LeakyReLU(-0.0)");
            Assert.That(Activations.LeakyReLUWith(0.1).Value(-2.0), Is.EqualTo(-0.2), "a negative slope's values stay negative");
        }

        // The bits of a double, every NaN alike: which NaN payload an operation passes on is the hardware's choice.
        private static long Bits(double x) => double.IsNaN(x) ? -1 : BitConverter.DoubleToInt64Bits(x);

        [Test]
        public void Evaluate_runs_the_widest_accelerated_width()
        {
            var expected = System.Runtime.Intrinsics.Vector512.IsHardwareAccelerated ? VectorWidth.Bits512
                : System.Runtime.Intrinsics.Vector256.IsHardwareAccelerated ? VectorWidth.Bits256
                : System.Runtime.Intrinsics.Vector128.IsHardwareAccelerated ? VectorWidth.Bits128 : VectorWidth.Scalar;
            Assert.That(ActivationKernels.Widest, Is.EqualTo(expected));
            TestContext.Out.WriteLine($"Widest: {ActivationKernels.Widest}");
        }

        [TestCaseSource(nameof(CasesAtEveryWidth))]
        public void In_place_evaluation_gives_the_same_numbers(Case c, string widthName)
        {
            // Outputs may alias the inputs: no output is read back.
            var width = RequireHardware(widthName);
            for (int n = 0; n <= 19; n++)
            {
                var x = Inputs.Skip(200).Take(n).ToArray();
                var (v, d) = (new double[n], new double[n]);
                c.F.Evaluate(x, v, d, width);
                var inPlace = x.ToArray();
                c.F.Evaluate(inPlace, inPlace, Span<double>.Empty, width);
                Assert.That(inPlace, Is.EqualTo(v), $"values in place, n = {n}");
                inPlace = x.ToArray();
                c.F.Evaluate(inPlace, Span<double>.Empty, inPlace, width);
                Assert.That(inPlace, Is.EqualTo(d), $"derivatives in place, n = {n}");
            }
        }

        [TestCaseSource(nameof(Cases))]
        public void Either_output_may_be_skipped_and_every_length_is_handled(Case c)
        {
            for (int n = 0; n <= 19; n++)
            {
                var x = Inputs.Skip(100).Take(n).ToArray();
                var both = (v: new double[n], d: new double[n]);
                c.F.Evaluate(x, both.v, both.d);
                var v = new double[n];
                var d = new double[n + 3];
                c.F.Evaluate(x, v, Span<double>.Empty);
                c.F.Evaluate(x, Span<double>.Empty, d);
                Assert.That(v, Is.EqualTo(both.v), $"values, n = {n}");
                Assert.That(d.Take(n), Is.EqualTo(both.d), $"derivatives, n = {n}");
                Assert.That(d.Skip(n), Is.All.EqualTo(0.0), "wrote past the inputs' length");
            }
        }

        [TestCaseSource(nameof(Cases))]
        public void A_point_gives_the_same_result_wherever_it_sits_in_the_span(Case c)
        {
            // The padded tail runs through the same kernel as the full vectors, so offsets do not change results.
            var x = Inputs.Take(64).ToArray();
            var whole = c.F.Values(x);
            for (int offset = 1; offset < 8; offset++)
                Assert.That(c.F.Values(x.Skip(offset).ToArray()), Is.EqualTo(whole.Skip(offset)), $"offset {offset}");
        }

        [Test]
        public void Exp_is_within_one_ulp_of_Math_Exp_including_subnormal_results()
        {
            foreach (double x in Inputs.Concat(Enumerable.Range(0, 20_000).Select(i => -745.2 + i * 0.002)))
            {
                double expected = Math.Exp(x), actual = AtEveryWidth(x, VectorMath.Exp, VectorMath.Exp, VectorMath.Exp, VectorMath.Exp);
                if (double.IsNaN(x)) Assert.That(actual, Is.NaN);
                else if (expected < 2.2250738585072014e-308) Assert.That(Math.Abs(actual - expected), Is.LessThanOrEqualTo(double.Epsilon), $"exp({x:R})");
                else Assert.That(StableMath.UlpDistance(expected, actual), Is.LessThanOrEqualTo(1), $"exp({x:R}) = {actual:R}, Math.Exp {expected:R}");
            }
        }

        [TestCase(0.1, 0.8875370839817151016)]
        [TestCase(0.53, 0.45353590306485828907)]
        [TestCase(1.1, 0.11979493042591827034)]
        [TestCase(2.0, 0.0046777349810472658379)]
        [TestCase(6.0, 2.1519736712498913117e-17)]
        [TestCase(10.0, 2.0884875837625447570e-45)]
        [TestCase(25.08, 1.5057205941686081714e-275)]
        [TestCase(-1.1, 1.8802050695740817297)]
        [TestCase(30.0, 0.0)]
        public void Erfc_matches_high_precision_values(double x, double expected)
        {
            // References from mpmath at 40 digits.
            double actual = AtEveryWidth(x, VectorMath.Erfc, VectorMath.Erfc, VectorMath.Erfc, VectorMath.Erfc);
            Assert.That(StableMath.UlpDistance(expected, actual), Is.LessThanOrEqualTo(2), $"erfc({x}) = {actual:R}");
        }

        [Test, NonParallelizable]
        public void OpenBlas_and_managed_products_agree_to_1e12()
        {
            if (!OpenBlas.IsAvailable) Assert.Ignore("libopenblas0 is not installed.");
            // Wide enough for every product to take the BLAS path; ReLU keeps the statistics far from saturation.
            var shape = Network.Shape(96, 96, 3, 4);
            var random = Initializers.ForTrial(7, 3, 0);
            var net = Network.Create(shape, Initializer.He, random);
            var x = new double[96, 64];
            var y = new double[4, 64];
            for (int i = 0; i < x.GetLength(0); i++) for (int j = 0; j < 64; j++) x[i, j] = Initializers.Gaussian(random);
            for (int i = 0; i < y.GetLength(0); i++) for (int j = 0; j < 64; j++) y[i, j] = Initializers.Gaussian(random);
            var blas = net.Backpropagate(Activations.Tanh, x, y);
            OpenBlas.Enabled = false;
            try
            {
                var managed = net.Backpropagate(Activations.Tanh, x, y);
                for (int l = 0; l < blas.Count; l++)
                {
                    Assert.That(blas[l].GradientNorm, Is.EqualTo(managed[l].GradientNorm).Within(1e-12 * managed[l].GradientNorm));
                    Assert.That(blas[l].WeightGradientNorm, Is.EqualTo(managed[l].WeightGradientNorm).Within(1e-12 * managed[l].WeightGradientNorm));
                    Assert.That(blas[l].ActivationMean, Is.EqualTo(managed[l].ActivationMean).Within(1e-12 * (1 + managed[l].ActivationStd)));
                    Assert.That(blas[l].ActivationStd, Is.EqualTo(managed[l].ActivationStd).Within(1e-12 * managed[l].ActivationStd));
                }
            }
            finally { OpenBlas.Enabled = true; }
        }

        // Width 20 switches from the Gram form to the outer product at batch 10; the 5-feature first layer at batch 4.
        [TestCase(20, 1)]
        [TestCase(20, 3)]
        [TestCase(20, 9)]
        [TestCase(20, 10)]
        [TestCase(20, 64)]
        [TestCase(7, 30)]
        public void Weight_gradient_norms_are_the_norms_of_delta_times_a_transposed(int width, int batch)
        {
            var shape = Network.Shape(5, width, 3, 2);
            var random = Initializers.ForTrial(3, width, batch);
            var net = Network.Create(shape, Initializer.He, random);
            var x = new double[5, batch];
            var y = new double[2, batch];
            for (int i = 0; i < 5; i++) for (int s = 0; s < batch; s++) x[i, s] = Initializers.Gaussian(random);
            for (int i = 0; i < 2; i++) for (int s = 0; s < batch; s++) y[i, s] = Initializers.Gaussian(random);
            var rows = net.Backpropagate(Activations.Tanh, x, y);

            // The textbook pass on 2-D arrays, forming each ∂L/∂W_l = δ_l a_(l-1)ᵀ in full.
            int layers = net.Layers;
            var a = new double[layers + 1][,];
            var fp = new double[layers + 1][,];
            a[0] = x;
            for (int l = 1; l <= layers; l++)
            {
                var w = net.GetWeights(l);
                a[l] = new double[shape[l], batch];
                fp[l] = new double[shape[l], batch];
                for (int i = 0; i < shape[l]; i++)
                    for (int s = 0; s < batch; s++)
                    {
                        double z = 0;
                        for (int j = 0; j < shape[l - 1]; j++) z += w[i, j] * a[l - 1][j, s];
                        a[l][i, s] = Activations.Tanh.Value(z);
                        fp[l][i, s] = Activations.Tanh.Derivative(z);
                    }
            }
            var g = new double[2, batch];
            for (int i = 0; i < 2; i++) for (int s = 0; s < batch; s++) g[i, s] = a[layers][i, s] - y[i, s];
            for (int l = layers; l >= 1; l--)
            {
                var delta = new double[shape[l], batch];
                for (int i = 0; i < shape[l]; i++) for (int s = 0; s < batch; s++) delta[i, s] = g[i, s] * fp[l][i, s];
                double sum = 0;
                for (int i = 0; i < shape[l]; i++)
                    for (int j = 0; j < shape[l - 1]; j++)
                    {
                        double entry = 0;
                        for (int s = 0; s < batch; s++) entry += delta[i, s] * a[l - 1][j, s];
                        sum += entry * entry;
                    }
                Assert.That(rows[l - 1].WeightGradientNorm, Is.EqualTo(Math.Sqrt(sum)).Within(1e-12 * Math.Sqrt(sum)), $"layer {l}");
                var w = net.GetWeights(l);
                g = new double[shape[l - 1], batch];
                for (int j = 0; j < shape[l - 1]; j++)
                    for (int s = 0; s < batch; s++)
                        for (int i = 0; i < shape[l]; i++) g[j, s] += w[i, j] * delta[i, s];
            }
        }

        [Test]
        public void Weight_gradient_norms_can_be_skipped_and_nothing_else_changes()
        {
            var experiment = new DepthExperiment { Activations = new[] { Activations.Tanh }, Depths = new[] { 4 }, BatchSize = 16, Trials = 3, Seed = 5 };
            var full = experiment.Run().ToArray();
            var lean = (experiment with { ComputeWeightGradientNorms = false }).Run().ToArray();
            Assert.That(full.Select(r => r.WeightGradientNorm), Has.All.GreaterThan(0.0));
            Assert.That(lean.Select(r => r.WeightGradientNorm), Has.All.NaN);
            Assert.That(lean, Is.EqualTo(full.Select(r => r with { WeightGradientNorm = double.NaN })));
        }

        [Test]
        public void Depth_experiment_is_the_same_whatever_the_threads_do()
        {
            // Chunks run on the thread pool and finish in any order; the rows must equal a one-trial-at-a-time run.
            var experiment = new DepthExperiment
            {
                Activations = new[] { Activations.Sigmoid, Activations.ReLU }, Depths = new[] { 2, 7 }, Initializers = new[] { Initializer.He, Initializer.XavierUniform },
                Features = 6, Hidden = 9, BatchSize = 3, Trials = 300, Seed = 11,
            };
            var rows = experiment.Run().ToArray();
            Assert.That(rows, Is.EqualTo(experiment.Run().ToArray()));
            var sequential = experiment.Activations.SelectMany(a => experiment.Initializers.SelectMany(init => experiment.Depths.SelectMany(depth =>
                Enumerable.Range(0, experiment.Trials).SelectMany(trial => OneTrial(experiment, a, init, depth, trial))))).ToArray();
            Assert.That(rows, Is.EqualTo(sequential));
        }

        private static IEnumerable<LayerStatistics> OneTrial(DepthExperiment e, Activation f, Initializer init, int depth, int trial)
        {
            var random = Initializers.ForTrial(e.Seed, depth, trial);
            var net = Network.Create(Network.Shape(e.Features, e.Hidden, depth, e.Outputs), init, random);
            var x = new double[e.Features, e.BatchSize];
            var y = new double[e.Outputs, e.BatchSize];
            // The experiment's drawing order: weights, then x row-major, then y.
            for (int i = 0; i < x.GetLength(0); i++) for (int j = 0; j < x.GetLength(1); j++) x[i, j] = Initializers.Gaussian(random);
            for (int i = 0; i < y.GetLength(0); i++) for (int j = 0; j < y.GetLength(1); j++) y[i, j] = Initializers.Gaussian(random);
            return net.Backpropagate(f, x, y).Select(r => r with { Initializer = init.ToString(), Depth = depth, Trial = trial });
        }

        [Test]
        public void Depth_experiment_stops_promptly_when_cancelled()
        {
            var experiment = new DepthExperiment { Depths = new[] { 50 }, Hidden = 200, Trials = 1_000_000 };
            using var cancel = new System.Threading.CancellationTokenSource();
            var rows = experiment.Run(cancel.Token);
            var watch = System.Diagnostics.Stopwatch.StartNew();
            Assert.That(() =>
            {
                foreach (var _ in rows) if (watch.ElapsedMilliseconds > 200) cancel.Cancel();
            }, Throws.InstanceOf<OperationCanceledException>());
        }

        // f(x) in every lane of every accelerated width; all must agree bit for bit, and that value is returned.
        private static double AtEveryWidth(double x, Func<Scalar, Scalar> scalar, Func<V128, V128> v128, Func<V256, V256> v256, Func<V512, V512> v512)
        {
            var results = new List<double>();
            Collect(x, scalar, results);
            if (ActivationKernels.IsAccelerated(VectorWidth.Bits128)) Collect(x, v128, results);
            if (ActivationKernels.IsAccelerated(VectorWidth.Bits256)) Collect(x, v256, results);
            if (ActivationKernels.IsAccelerated(VectorWidth.Bits512)) Collect(x, v512, results);
            long bits = Bits(results[0]);
            if (results.Any(r => Bits(r) != bits)) Assert.Fail($"widths disagree at {x:R}: {string.Join(", ", results)}");
            return results[0];
        }

        private static void Collect<V>(double x, Func<V, V> f, List<double> results) where V : struct, ISimd<V>
        {
            var lanes = new double[V.Count];
            f(V.Create(x)).Store(ref lanes[0], 0);
            results.AddRange(lanes);
        }

        private static void AssertClose(double x, double expected, double actual, double ulps, double terms, string what)
        {
            if (double.IsNaN(expected))
            {
                Assert.That(actual, Is.NaN, what);
                return;
            }
            if (expected == actual) return;
            // ulps of the result (or of the terms it was summed from), plus as many smallest subnormals times |x|:
            // a result formed as x times a subnormal intermediate has only that absolute precision.
            double scale = Math.Max(Math.Abs(expected), terms);
            double tolerance = ulps * (Math.BitIncrement(scale) - scale) + ulps * double.Epsilon * Math.Max(1.0, Math.Abs(x));
            Assert.That(Math.Abs(actual - expected), Is.LessThanOrEqualTo(tolerance), $"{what}: {actual:R}, scalar {expected:R}");
        }
    }
}
