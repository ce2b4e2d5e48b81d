using System;
using System.Linq;
using NUnit.Framework;

namespace VanishingGradients.Tests
{
    public class Xoshiro256RandomTests
    {
        [Test]
        public void Same_seed_same_draws_and_other_seeds_differ()
        {
            double[] Draw(ulong seed) { var a = new double[1001]; new Xoshiro256Random(seed).FillGaussian(a, 1.0); return a; }
            Assert.That(Draw(5), Is.EqualTo(Draw(5)));
            Assert.That(Draw(5), Is.Not.EqualTo(Draw(6)));
            Assert.That(Initializers.ForTrial(3, 10, 1), Is.InstanceOf<Xoshiro256Random>());
            Assert.That(Initializers.ForTrial(3, 10, 0), Is.InstanceOf<NumpyRandom>());
        }

        [Test]
        public void Vectors_give_the_scalar_reference_bits()
        {
            // Every machine must draw the same numbers: the vector path against the lane-by-lane reference, over
            // lengths that are not multiples of four and enough draws to hit wedges and the tail.
            var vector = new Xoshiro256Random(99);
            var scalar = new Xoshiro256Random(99);
            foreach (int length in new[] { 400, 1, 7, 20, 100_003, 3 })
            {
                var a = new double[length];
                var b = new double[length];
                vector.FillGaussian(a, 0.3);
                scalar.FillScalar(b, 0.3);
                Assert.That(a, Is.EqualTo(b), $"length {length}");
            }
            Assert.That(vector.NextGaussian(), Is.EqualTo(scalar.NextGaussian()));
        }

        [Test]
        public void Draws_are_standard_normal()
        {
            var random = new Xoshiro256Random(2024);
            var z = new double[2_000_000];
            random.FillGaussian(z.AsSpan(0, 1_000_000), 1.0);
            for (int i = 1_000_000; i < z.Length; i++) z[i] = random.NextGaussian();
            foreach (var part in new[] { z.Take(1_000_000).ToArray(), z.Skip(1_000_000).ToArray() })
            {
                double mean = part.Average();
                double variance = part.Select(v => (v - mean) * (v - mean)).Average();
                double kurtosis = part.Select(v => Math.Pow(v - mean, 4)).Average() / (variance * variance);
                Assert.That(mean, Is.EqualTo(0.0).Within(0.005));       // 5 standard errors
                Assert.That(variance, Is.EqualTo(1.0).Within(0.007));
                Assert.That(kurtosis, Is.EqualTo(3.0).Within(0.025));
                // Tail fractions P(|z| > t) = erfc(t/√2): the body, the wedges and the ziggurat's tail beyond 3.44.
                foreach (var (t, p) in new[] { (0.5, 0.617075077), (1.0, 0.317310508), (2.0, 0.045500264), (3.0, 0.002699796), (3.6, 0.000318217) })
                {
                    double observed = part.Count(v => Math.Abs(v) > t) / (double)part.Length;
                    double se = Math.Sqrt(p * (1 - p) / part.Length);
                    Assert.That(observed, Is.EqualTo(p).Within(5 * se), $"P(|z| > {t})");
                }
            }
        }
    }
}
