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
    }
}
