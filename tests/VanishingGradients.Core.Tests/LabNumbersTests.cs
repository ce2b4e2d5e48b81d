using System;
using System.Linq;
using NUnit.Framework;
using VanishingGradients;

namespace VanishingGradients.Tests
{
    /// <summary>The numbers labs.md prints, reproduced from the core.</summary>
    public class LabNumbersTests
    {
        [Test]
        public void Section1_grid_and_sigmoid_extremes()
        {
            var x = Grid.Linspace(-5, 5, 100);
            Assert.That(x.Max(), Is.EqualTo(5.0));
            Assert.That(x.Min(), Is.EqualTo(-5.0));
            var s = Activations.Sigmoid.Values(x);
            var ds = Activations.Sigmoid.Derivatives(x);
            Assert.That(Math.Round(s.Max(), 3), Is.EqualTo(0.993));
            Assert.That(Math.Round(s.Min(), 3), Is.EqualTo(0.007));
            Assert.That(Math.Round(ds.Max(), 3), Is.EqualTo(0.250));
            Assert.That(Math.Round(ds.Min(), 3), Is.EqualTo(0.007));
        }

        [Test]
        public void Section3_decay_table_is_powers_of_a_quarter()
        {
            var rows = GradientDecay.Cumulative(Activations.Sigmoid, 0.0, 6);
            double[] expected = { 0.25, 0.0625, 0.015625, 0.00390625, 0.0009765625, 0.000244140625 };
            Assert.That(rows.Select(r => r.CumulativeGradient), Is.EqualTo(expected));
            Assert.That(rows.Select(r => r.Step), Is.EqualTo(new[] { 1, 2, 3, 4, 5, 6 }));
            Assert.That(rows.All(r => r.LocalGradient == 0.25), Is.True);
        }

        [Test]
        public void Section3_larger_inputs_decay_faster()
        {
            double at0 = GradientDecay.Cumulative(Activations.Sigmoid, 0, 6).Last().CumulativeGradient;
            double at2 = GradientDecay.Cumulative(Activations.Sigmoid, 2, 6).Last().CumulativeGradient;
            double atMinus4 = GradientDecay.Cumulative(Activations.Sigmoid, -4, 6).Last().CumulativeGradient;
            Assert.That(at2, Is.LessThan(at0));
            Assert.That(atMinus4, Is.LessThan(at2));
        }

        [TestCase(1, 0.25)]
        [TestCase(3, 0.015625)]
        [TestCase(5, 9.765625e-4)]
        [TestCase(10, 9.5367431640625e-7)]
        [TestCase(20, 9.094947017729282e-13)]
        public void Section3_attenuation_bound(int k, double bound)
        {
            Assert.That(GradientDecay.Bound(Activations.Sigmoid, k).Bound, Is.EqualTo(bound).Within(1).Ulps);
            Assert.That(GradientDecay.Bound(Activations.Tanh, k).Bound, Is.EqualTo(1.0));
            Assert.That(GradientDecay.Bound(Activations.ReLU, k).Bound, Is.EqualTo(1.0));
        }

        [Test]
        public void Section2_tangent_at_zero_has_the_steepest_slope()
        {
            var s = Activations.Sigmoid;
            Assert.That(s.Tangent(0, 1.7), Is.EqualTo(0.5 + 0.25 * 1.7).Within(1e-15));
            Assert.That(s.Derivative(2), Is.LessThan(s.Derivative(0)));
        }

        [Test]
        public void Section4_a_larger_gain_saturates_the_unit()
        {
            // f(x) = σ(-r·x) at x = 1 for r over [0.5, 9]: |f'(1)| = r·σ'(r) falls towards 0.
            var r = Grid.Linspace(0.5, 9, 1000);
            var d = r.Select(g => GradientDecay.Scaled(Activations.Sigmoid, -g, 1.0).Derivative).ToArray();
            Assert.That(d.All(v => v < 0), Is.True);
            Assert.That(Math.Abs(d.Last()), Is.LessThan(0.002));
            var tail = d.Skip(r.Count(v => v < 7)).Select(Math.Abs).ToArray();
            Assert.That(tail, Is.Ordered.Descending);
            Assert.That(GradientDecay.Scaled(Activations.Sigmoid, -9, 1).Derivative, Is.EqualTo(-9 * Activations.Sigmoid.Derivative(9)).Within(1e-18));
        }

        [Test]
        public void Grids_match_numpy()
        {
            Assert.That(Grid.Linspace(-5, 5, 100)[1], Is.EqualTo(-4.898989898989899));
            var a = Grid.Arange(-6, 6, 0.01);
            Assert.That(a.Length, Is.EqualTo(1200));
            Assert.That(a[1], Is.EqualTo(-5.99));
            Assert.That(a.Last(), Is.LessThan(6.0));
            Assert.That(Grid.Arange(-4, 4, 0.01).Length, Is.EqualTo(800));
            Assert.That(Grid.Linspace(-10, 10, 400).Length, Is.EqualTo(400));
            Assert.That(Grid.Linspace(2, 2, 1), Is.EqualTo(new[] { 2.0 }));
        }

        [Test]
        public void Arange_in_chunks_gives_the_bits_of_the_whole_grid()
        {
            // The streamed path (Get-Activation -Step) fills chunk by chunk; any offset must give numpy's values.
            var whole = Grid.Arange(-6, 6, 0.01);
            var chunk = new double[7];
            for (int offset = 0; offset < whole.Length; offset += chunk.Length)
            {
                var part = chunk.AsSpan(0, Math.Min(chunk.Length, whole.Length - offset));
                Grid.FillArange(-6, 0.01, offset, part);
                Assert.That(part.ToArray(), Is.EqualTo(whole.AsSpan(offset, part.Length).ToArray()), $"offset {offset}");
            }
            // Too many points to hold, not too many to stream; beyond 2^53 the index would no longer be exact.
            Assert.That(Grid.ArangeLength(0, 1, 1e-12), Is.EqualTo(1_000_000_000_000L));
            Assert.That(() => Grid.ArangeCount(0, 1, 1e-12), Throws.InstanceOf<ArgumentOutOfRangeException>().With.Message.Contains("at most"));
            Assert.That(() => Grid.ArangeLength(0, 1, 1e-300), Throws.InstanceOf<ArgumentOutOfRangeException>().With.Message.Contains("2^53"));
        }

        [Test]
        public void Bad_grids_are_rejected_with_clear_messages()
        {
            Assert.That(() => Grid.Linspace(5, -5, 10), Throws.ArgumentException.With.Message.Contains("greater than End"));
            Assert.That(() => Grid.Linspace(-5, 5, 0), Throws.InstanceOf<ArgumentOutOfRangeException>());
            Assert.That(() => Grid.Linspace(-5, 5, 1_000_000_000_000), Throws.InstanceOf<ArgumentOutOfRangeException>().With.Message.Contains("at most"));
            Assert.That(() => Grid.Linspace(double.NaN, 5, 10), Throws.InstanceOf<ArgumentOutOfRangeException>());
            Assert.That(() => Grid.Linspace(-1e308, 1e308, 10), Throws.ArgumentException.With.Message.Contains("overflows"));
            Assert.That(() => Grid.Arange(0, 1, 0), Throws.InstanceOf<ArgumentOutOfRangeException>());
            Assert.That(() => Grid.Arange(1, 0, 0.1), Throws.ArgumentException.With.Message.Contains("empty"));
        }
    
        [Test]
        public void Section5_a_linear_output_keeps_relu_networks_alive()
        {
            var lab = new DepthExperiment { Activations = new[] { Activations.ReLU }, Depths = new[] { 10 }, Features = 8, Hidden = 15 };
            Assert.That(lab.Run().All(r => r.GradientNorm == 0.0), Is.True, "seed 42's ReLU output unit is inactive, as in numpy");
            var rows = (lab with { LinearOutput = true }).Run().ToArray();
            Assert.That(rows.All(r => r.GradientNorm > 0), Is.True);
            Assert.That(rows.Last().DeadFraction, Is.EqualTo(0.0), "the output unit is linear");
            var sigmoid = (lab with { LinearOutput = true, Activations = new[] { Activations.Sigmoid } }).Run().ToArray();
            Assert.That(rows[0].GradientNorm / rows[^1].GradientNorm, Is.GreaterThan(1e3 * sigmoid[0].GradientNorm / sigmoid[^1].GradientNorm));
        }
    }
}
