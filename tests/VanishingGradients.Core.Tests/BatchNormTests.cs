using System;
using System.Linq;
using System.Text.Json;
using NUnit.Framework;
using VanishingGradients;

namespace VanishingGradients.Tests
{
    /// <summary>Batch normalisation of the hidden pre-activations: the backward pass against numerical derivatives and torch.</summary>
    public class BatchNormTests
    {
        private static readonly JsonElement Fixture = Fixtures.Load("batchnorm.json");

        private static double Loss(GradientPass pass, double[] y)
        {
            var output = pass.Values(pass.Layers);
            double loss = 0.0;
            for (int i = 0; i < y.Length; i++) loss += 0.5 * (output[i] - y[i]) * (output[i] - y[i]);
            return loss;
        }

        // ∂L/∂W_l[i,j] = Σ_s δ_l[i,s] a_(l-1)[j,s] from the pass, against central differences of the loss in every weight.
        [TestCase("Sigmoid", false)]
        [TestCase("Tanh", false)]
        [TestCase("Tanh", true)]
        [TestCase("GELU", false)]
        public void Backward_pass_matches_central_differences_in_every_weight(string name, bool residual)
        {
            var random = new NumpyRandom(11);
            int[] sizes = { 4, 5, 5, 5, 1 };
            const int batch = 6;
            var net = Network.Create(sizes, Initializer.He, random);
            var x = Enumerable.Range(0, sizes[0] * batch).Select(_ => random.NextGaussian()).ToArray();
            var y = Enumerable.Range(0, batch).Select(_ => random.NextGaussian()).ToArray();
            var f = Activations.Get(name);
            var options = new PassOptions { BatchNorm = true, Residual = residual };
            var pass = new GradientPass(sizes, batch);
            pass.Run(net, f, x, y, options);
            var probe = new GradientPass(sizes, batch);
            const double h = 1e-5;
            double worst = 0.0;
            for (int l = 1; l < sizes.Length; l++)
            {
                var delta = pass.Delta(l).ToArray();
                var a = pass.Values(l - 1).ToArray();
                for (int i = 0; i < sizes[l]; i++)
                    for (int j = 0; j < sizes[l - 1]; j++)
                    {
                        double analytic = 0.0;
                        for (int s = 0; s < batch; s++) analytic += delta[i * batch + s] * a[j * batch + s];
                        ref double w = ref net.W[l - 1][i * sizes[l - 1] + j];
                        double saved = w;
                        w = saved + h;
                        probe.Run(net, f, x, y, options);
                        double up = Loss(probe, y);
                        w = saved - h;
                        probe.Run(net, f, x, y, options);
                        double down = Loss(probe, y);
                        w = saved;
                        double numeric = (up - down) / (2 * h);
                        Assert.That(analytic, Is.EqualTo(numeric).Within(1e-7 + 1e-6 * Math.Abs(numeric)), $"W_{l}[{i},{j}]");
                        worst = Math.Max(worst, Math.Abs(analytic));
                    }
            }
            Assert.That(worst, Is.GreaterThan(1e-3), "the check compared real gradients, not zeros");
        }

        [Test]
        public void Normalised_layers_pass_no_gradient_to_a_constant_shift()
        {
            // BN removes any per-unit shift of z_l, so the loss cannot depend on a hidden bias: Σ_s δ_l[i,s] = 0.
            var random = new NumpyRandom(3);
            int[] sizes = { 3, 4, 4, 1 };
            const int batch = 5;
            var net = Network.Create(sizes, Initializer.Xavier, random);
            var x = Enumerable.Range(0, 3 * batch).Select(_ => random.NextGaussian()).ToArray();
            var y = Enumerable.Range(0, batch).Select(_ => random.NextGaussian()).ToArray();
            var pass = new GradientPass(sizes, batch);
            pass.Run(net, Activations.Sigmoid, x, y, new PassOptions { BatchNorm = true });
            for (int l = 1; l < 3; l++)
            {
                var delta = pass.Delta(l).ToArray();
                Assert.That(delta.Any(d => Math.Abs(d) > 1e-6), Is.True);
                for (int i = 0; i < 4; i++)
                    Assert.That(delta.Skip(i * batch).Take(batch).Sum(), Is.EqualTo(0.0).Within(1e-15), $"layer {l} unit {i}");
            }
        }

        public static object[] FixtureCases() => Fixture.GetProperty("cases").EnumerateArray().Select((c, index) => (c, index))
            .SelectMany(ci => ci.c.GetProperty("expected").EnumerateObject().Select(e => new object[] { ci.index, e.Name })).ToArray();

        [TestCaseSource(nameof(FixtureCases))]
        public void Gradient_norms_match_torch_float64(int index, string key)
        {
            Assert.That(Fixture.GetProperty("epsilon").GetDouble(), Is.EqualTo(BatchNorm.DefaultEpsilon));
            var c = Fixture.GetProperty("cases")[index];
            var network = NetworkCase.Parse(c.GetRawText());
            var parts = key.Split('+');
            var options = new PassOptions { BatchNorm = true, Residual = parts.Length > 1 };
            var rows = network.Run(Activations.Get(parts[0]), options);
            var expected = c.GetProperty("expected").GetProperty(key);
            var gradient = Fixtures.Doubles(expected.GetProperty("gradient"));
            var weightGradient = Fixtures.Doubles(expected.GetProperty("weight_gradient"));
            Assert.That(rows.Count, Is.EqualTo(gradient.Length));
            for (int l = 0; l < rows.Count; l++)
            {
                Assert.That(rows[l].GradientNorm, Is.EqualTo(gradient[l]).Within(1e-10 * gradient[l] + 1e-300), $"‖δ‖ layer {l + 1}");
                // The Gram form of ‖δ aᵀ‖ (GradientPass.OuterProductNorm) cancels terms: 1e-10 would fail a deep residual case.
                Assert.That(rows[l].WeightGradientNorm, Is.EqualTo(weightGradient[l]).Within(1e-9 * weightGradient[l] + 1e-300), $"‖∂L/∂W‖ layer {l + 1}");
                Assert.That(rows[l].Remedy, Is.EqualTo(options.Remedy.ToString()));
            }
            var plain = network.Run(Activations.Get(parts[0]), options with { BatchNorm = false });
            if (gradient.Any(g => g != 0))
                Assert.That(plain.Select(r => r.GradientNorm), Is.Not.EqualTo(rows.Select(r => r.GradientNorm)), "batch norm changes the pass");
        }

        [Test]
        public void A_batch_of_one_is_a_clear_error_not_NaN()
        {
            var e = Assert.Throws<ArgumentException>(() => new DepthExperiment { BatchNorm = true }.Run())!;
            Assert.That(e.Message, Does.Contain("batch of at least 2"));
            Assert.Throws<ArgumentException>(() => new DepthExperiment { Remedies = new[] { Remedy.None, Remedy.BatchNorm } }.Validate());
            var net = Network.FromWeights(new[] { new double[,] { { 1.0 } }, new double[,] { { 1.0 } } });
            Assert.Throws<ArgumentException>(() => net.Backpropagate(Activations.Sigmoid, new double[,] { { 1.0 } }, new double[,] { { 0.0 } },
                new PassOptions { BatchNorm = true }));
        }

        [Test]
        public void Identical_samples_normalise_to_zero_without_NaN()
        {
            // σ² = 0 in every unit: ẑ = 0 and a finite gradient, as torch gives (ε keeps the division finite).
            var net = Network.FromWeights(new[] { new double[,] { { 1.0, -1.0 }, { 0.5, 2.0 } }, new double[,] { { 1.0, 1.0 } } });
            var rows = net.Backpropagate(Activations.Tanh, new double[,] { { 1, 1, 1 }, { 2, 2, 2 } }, new double[,] { { 0.5, 0.5, 0.5 } },
                new PassOptions { BatchNorm = true });
            Assert.That(rows.Select(r => r.GradientNorm), Has.All.Matches<double>(v => double.IsFinite(v)));
            Assert.That(rows[0].GradientNorm, Is.EqualTo(0.0), "with no spread, a shift of z moves nothing");
        }

        [Test]
        public void Huge_finite_pre_activations_normalise_without_overflow()
        {
            // (z - μ)² would overflow at 1e300; the normalised values are those of the same network on an input 1e294 times
            // smaller, still large enough (σ² ≈ 1e12) that ε changes nothing at this precision.
            var net = Network.FromWeights(new[] { new double[,] { { 1.0, 0.5 }, { -0.25, 1.0 } }, new double[,] { { 1.0, -1.0 } } });
            var options = new PassOptions { BatchNorm = true };
            var target = new double[,] { { 0.3, -0.2, 0.1 } };
            var huge = net.Backpropagate(Activations.Tanh, new double[,] { { 1e300, -3e300, 2e300 }, { 4e300, 1e300, -2e300 } }, target, options);
            var small = net.Backpropagate(Activations.Tanh, new double[,] { { 1e6, -3e6, 2e6 }, { 4e6, 1e6, -2e6 } }, target, options);
            Assert.That(huge.Select(r => r.ActivationMean), Is.EqualTo(small.Select(r => r.ActivationMean)).Within(1e-12));
            Assert.That(huge[1].GradientNorm, Is.EqualTo(small[1].GradientNorm).Within(1e-9 * small[1].GradientNorm));
            // ∂L/∂z_1 scales as 1/σ: 1e-294 times the smaller input's, still finite and not 0.
            Assert.That(huge[0].GradientNorm / small[0].GradientNorm, Is.EqualTo(1e-294).Within(1e-305));
            // Up to the largest double: the same again.
            var largest = net.Backpropagate(Activations.Tanh, new double[,] { { double.MaxValue / 4, -double.MaxValue / 4, 0 }, { 0, 0, 0 } }, target, options);
            var moderate = net.Backpropagate(Activations.Tanh, new double[,] { { 1e6, -1e6, 0 }, { 0, 0, 0 } }, target, options);
            Assert.That(largest.Select(r => r.ActivationMean), Is.EqualTo(moderate.Select(r => r.ActivationMean)).Within(1e-12));
            Assert.That(largest[1].GradientNorm, Is.EqualTo(moderate[1].GradientNorm).Within(1e-9 * moderate[1].GradientNorm));
        }

        [Test]
        public void Remedies_run_side_by_side_on_the_same_draws_and_are_labelled()
        {
            var acts = new[] { Activations.Sigmoid };
            var all = new DepthExperiment
            {
                Activations = acts, Depths = new[] { 10 }, BatchSize = 8,
                Remedies = new[] { Remedy.None, Remedy.Residual, Remedy.BatchNorm, Remedy.Residual | Remedy.BatchNorm },
            }.Run().ToArray();
            Assert.That(all.Select(r => r.Remedy).Distinct(), Is.EqualTo(new[] { "None", "Residual", "BatchNorm", "Residual, BatchNorm" }));
            var plain = new DepthExperiment { Activations = acts, Depths = new[] { 10 }, BatchSize = 8 }.Run().ToArray();
            var bn = new DepthExperiment { Activations = acts, Depths = new[] { 10 }, BatchSize = 8, BatchNorm = true }.Run().ToArray();
            Assert.That(all.Where(r => r.Remedy == "None"), Is.EqualTo(plain));
            Assert.That(all.Where(r => r.Remedy == "BatchNorm"), Is.EqualTo(bn));
            var summaries = DepthExperiment.Summarize(all).ToArray();
            Assert.That(summaries.Select(s => s.Remedy), Is.EqualTo(new[] { "None", "Residual", "BatchNorm", "Residual, BatchNorm" }));
            // The lesson: each remedy keeps far more of the gradient at the first layer than the plain sigmoid network.
            foreach (var s in summaries.Skip(1)) Assert.That(s.Ratio, Is.GreaterThan(100 * summaries[0].Ratio!.Value), s.Remedy);
        }
    }
}
