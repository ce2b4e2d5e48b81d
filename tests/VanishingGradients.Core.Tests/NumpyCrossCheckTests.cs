using System;
using System.Linq;
using System.Text.Json;
using NUnit.Framework;
using VanishingGradients;

namespace VanishingGradients.Tests
{
    /// <summary>
    /// The depth experiment against numbers computed by the numpy reference (tests/fixtures/make_numpy_fixtures.py):
    /// with numpy's generator and the labs' drawing order, the same seed must give the same networks and norms.
    /// </summary>
    public class NumpyCrossCheckTests
    {
        private static readonly JsonElement Fixture = Fixtures.Load("numpy-depth.json");

        [Test]
        public void NumpyRandom_draws_what_numpy_draws()
        {
            var r = new NumpyRandom(42);
            var expected = Fixture.GetProperty("first_draws_seed42").EnumerateArray().Select(e => e.GetDouble()).ToArray();
            Assert.That(expected.Select(_ => r.NextGaussian()), Is.EqualTo(expected));
            Assert.That(new NumpyRandom(42).NextDouble(), Is.EqualTo(0.3745401188473625));
        }

        public static object[] Cases() => Fixture.GetProperty("cases").EnumerateArray()
            .SelectMany(c => c.GetProperty("norms").EnumerateObject().Select(n => new object[]
            {
                n.Name, c.GetProperty("features").GetInt32(), c.GetProperty("hidden").GetInt32(), c.GetProperty("depth").GetInt32(),
                c.GetProperty("batch").GetInt32(), c.GetProperty("seed").GetInt32(), n.Value.EnumerateArray().Select(v => v.GetDouble()).ToArray(),
            })).ToArray();

        [TestCaseSource(nameof(Cases))]
        public void Gradient_norms_match_numpy(string activation, int features, int hidden, int depth, int batch, int seed, double[] expected)
        {
            var rows = new DepthExperiment
            {
                Activations = new[] { Activations.Get(activation) }, Depths = new[] { depth }, Features = features, Hidden = hidden,
                BatchSize = batch, Seed = seed,
            }.Run().ToArray();
            Assert.That(rows.Select(r => r.Layer), Is.EqualTo(Enumerable.Range(1, depth + 1)));
            for (int l = 0; l < expected.Length; l++)
                Assert.That(rows[l].GradientNorm, Is.EqualTo(expected[l]).Within(1e-12 * expected[l] + 1e-300), $"layer {l + 1}");
        }

        [Test]
        public void A_relu_pass_that_overflows_gives_infinite_norms_as_numpy()
        {
            // numpy: z2 = 1e300·2e301 = inf, and every ‖δ‖ and ‖∂L/∂W‖ is +inf; ∞/∞ in the scaled norm once gave NaN.
            var net = Network.FromWeights(new[] { new double[,] { { 1e300, 1e300 } }, new double[,] { { 1e300 } } });
            var rows = net.Backpropagate(Activations.ReLU, new double[,] { { 10 }, { 10 } }, new double[,] { { 0 } });
            Assert.That(rows.Select(r => r.GradientNorm), Is.EqualTo(new[] { double.PositiveInfinity, double.PositiveInfinity }));
            Assert.That(rows.Select(r => r.WeightGradientNorm), Is.EqualTo(new[] { double.PositiveInfinity, double.PositiveInfinity }));
            Assert.That(rows[1].ActivationStd, Is.EqualTo(double.PositiveInfinity), "an overflowed layer's spread");
        }

        [Test]
        public void An_overflow_that_leaves_the_gradient_undefined_is_an_error_not_a_NaN()
        {
            // z2 = [+inf, -inf]: the dead unit's f' = 0 meets ∂L/∂a = inf, and inf·0 is NaN (numpy prints nan).
            var net = Network.FromWeights(new[]
            {
                new double[,] { { 1e300, 1e300 } }, new double[,] { { 1e300 }, { -1e300 } }, new double[,] { { 1, 1 } },
            });
            var thrown = Assert.Throws<OverflowException>(() => net.Backpropagate(Activations.ReLU, new double[,] { { 10 }, { 10 } }, new double[,] { { 0 } }));
            Assert.That(thrown!.Message, Does.Contain("forward pass overflowed at layer 2"));
            // The same shape with small weights still runs.
            var fine = Network.FromWeights(new[] { new double[,] { { 1, 1 } }, new double[,] { { 1 }, { -1 } }, new double[,] { { 1, 1 } } });
            Assert.That(fine.Backpropagate(Activations.ReLU, new double[,] { { 10 }, { 10 } }, new double[,] { { 0 } }).All(r => double.IsFinite(r.GradientNorm)));
        }
    }
}
