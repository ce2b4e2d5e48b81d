using System;
using System.Linq;
using NUnit.Framework;
using VanishingGradients;

namespace VanishingGradients.Tests
{
    public class ActivationTests
    {
        private static readonly double[] Extremes =
        {
            0.0, -0.0, double.Epsilon, -double.Epsilon, 1e-310, -1e-310, 1e-300, 1e-8, -1e-8, 0.5, -0.5, 1, -1, 5, -5, 20, -20,
            37, -37, 40, -40, 710, -710, 745, -745, 1e10, -1e10, 1e154, -1e154, 1e300, -1e300, 1e308, -1e308, double.MaxValue, double.MinValue,
        };

        public static Activation[] All => Activations.All.Concat(new[]
        {
            Activations.ReLUWith(DerivativeAtZero.Right), Activations.LeakyReLUWith(0.1), Activations.ELUWith(0.5),
        }).ToArray();

        [TestCaseSource(nameof(All))]
        public void Value_and_derivative_are_finite_for_every_finite_input(Activation f)
        {
            foreach (double x in Extremes)
            {
                Assert.That(double.IsFinite(f.Value(x)), Is.True, $"{f}({x}) = {f.Value(x)}");
                Assert.That(double.IsFinite(f.Derivative(x)), Is.True, $"{f}'({x}) = {f.Derivative(x)}");
            }
            var values = new double[Extremes.Length];
            var derivatives = new double[Extremes.Length];
            f.Evaluate(Extremes, values, derivatives);
            Assert.That(values.Concat(derivatives).All(double.IsFinite), Is.True, "span path");
        }

        [TestCaseSource(nameof(All))]
        public void NaN_propagates(Activation f)
        {
            Assert.That(f.Value(double.NaN), Is.NaN);
            Assert.That(f.Derivative(double.NaN), Is.NaN);
        }

        [TestCaseSource(nameof(All))]
        public void Derivative_matches_a_central_difference(Activation f)
        {
            foreach (double x in Grid.Linspace(-6, 6, 241))
            {
                double h = 1e-5;
                if (Math.Abs(x) < 2 * h && f.Name is "ReLU" or "LeakyReLU" or "PReLU" or "Step" or "ELU") continue;
                double numeric = (f.Value(x + h) - f.Value(x - h)) / (2 * h);
                // Central differences err by O(h²·f''') plus rounding O(ε·|f|/h): 1e-6 covers both on [-6, 6].
                Assert.That(f.Derivative(x), Is.EqualTo(numeric).Within(1e-6), $"{f}'({x})");
            }
        }

        [TestCaseSource(nameof(All))]
        public void Maximum_derivative_is_an_upper_bound_that_is_reached_or_approached(Activation f)
        {
            var grid = Grid.Linspace(-10, 10, 20001);
            double observed = grid.Max(x => Math.Abs(f.Derivative(x)));
            Assert.That(observed, Is.LessThanOrEqualTo(f.MaxAbsDerivative * (1 + 1e-12)));
            Assert.That(observed, Is.GreaterThan(f.MaxAbsDerivative * 0.999).Or.EqualTo(f.MaxAbsDerivative));
        }

        [Test]
        public void Sigmoid_identities()
        {
            var s = Activations.Sigmoid;
            foreach (double x in Grid.Linspace(-30, 30, 601))
            {
                Assert.That(s.Value(-x), Is.EqualTo(1 - s.Value(x)).Within(1e-15));
                Assert.That(Activations.Tanh.Value(x), Is.EqualTo(2 * s.Value(2 * x) - 1).Within(1e-15));
                Assert.That(Activations.Tanh.Derivative(x), Is.EqualTo(4 * s.Derivative(2 * x)).Within(1e-15));
                // The ODE f' = f(1-f) with f(0) = 1/2.
                Assert.That(s.Derivative(x), Is.EqualTo(Sigmoid.DerivativeFromOutput(s.Value(x))).Within(3e-16));
            }
            Assert.That(s.Value(0), Is.EqualTo(0.5));
            Assert.That(s.Derivative(0), Is.EqualTo(0.25));
            Assert.That(Activations.Tanh.Derivative(0), Is.EqualTo(1.0));
        }

        [Test]
        public void Sigmoid_derivative_keeps_relative_accuracy_in_the_tail()
        {
            // σ'(-40) = e^-40/(1+e^-40)²; s(1-s) computed naively would still be fine here, but at +40 it rounds to 0.
            double expected = Math.Exp(-40) / Math.Pow(1 + Math.Exp(-40), 2);
            Assert.That(Activations.Sigmoid.Derivative(40), Is.EqualTo(expected).Within(4).Ulps);
            Assert.That(Activations.Sigmoid.Derivative(-40), Is.EqualTo(expected).Within(4).Ulps);
        }

        [Test]
        public void ExpM1_and_Log1P_keep_full_relative_accuracy()
        {
            Assert.That(StableMath.ExpM1(-0.1), Is.EqualTo(-0.09516258196404048).Within(8).Ulps);
            Assert.That(StableMath.ExpM1(1e-10), Is.EqualTo(1.00000000005e-10).Within(2).Ulps);
            Assert.That(StableMath.ExpM1(-800), Is.EqualTo(-1.0));
            Assert.That(StableMath.Log1P(1e-10), Is.EqualTo(9.9999999995e-11).Within(2).Ulps);
            Assert.That(StableMath.Log1P(-0.1), Is.EqualTo(-0.10536051565782630).Within(2).Ulps);
            Assert.That(StableMath.Log1P(1e308), Is.EqualTo(Math.Log(1e308)));
        }

        [Test]
        public void Kink_convention_is_selectable()
        {
            Assert.That(Activations.ReLU.Derivative(0), Is.EqualTo(0.0));
            Assert.That(Activations.ReLUWith(DerivativeAtZero.Right).Derivative(0), Is.EqualTo(1.0));
            Assert.That(Activations.LeakyReLU.Derivative(0), Is.EqualTo(0.01));
            Assert.That(Activations.LeakyReLUWith(0.1, DerivativeAtZero.Right).Derivative(0), Is.EqualTo(1.0));
            Assert.That(Activations.ReLU.Derivative(-3), Is.EqualTo(0.0));
            Assert.That(Activations.ReLU.Derivative(3), Is.EqualTo(1.0));
        }

        [Test]
        public void Gelu_maximum_slope_and_the_gap_to_its_tanh_approximation()
        {
            Assert.That(Activations.GELU.MaxAbsDerivative, Is.EqualTo(1.1289).Within(1e-4));
            Assert.That(Activations.GELU.Value(1.0), Is.EqualTo(0.8413447460685429).Within(1e-15));
            double gap = Grid.Linspace(-6, 6, 12001).Max(x => Math.Abs(Activations.GELU.Value(x) - Activations.GELUTanh.Value(x)));
            Assert.That(gap, Is.GreaterThan(1e-5).And.LessThan(1e-3));
            Assert.That(Activations.GELU.Value(-1e308), Is.EqualTo(0.0));
        }

        [Test]
        public void Softmax_sums_to_one_and_its_jacobian_rows_sum_to_zero()
        {
            double[] x = { 1000, 1001, 1002, -1e308 };
            var p = Softmax.Evaluate(x);
            Assert.That(p.Sum(), Is.EqualTo(1.0).Within(1e-15));
            Assert.That(p.All(double.IsFinite), Is.True);
            var j = Softmax.Jacobian(new double[] { 0.5, -1, 2 });
            for (int r = 0; r < 3; r++)
                Assert.That(Enumerable.Range(0, 3).Sum(c => j[r, c]), Is.EqualTo(0.0).Within(1e-16));
            Assert.That(() => Softmax.Evaluate(Array.Empty<double>()), Throws.ArgumentException);
        }

        [Test]
        public void Lookup_is_forgiving_and_unknown_names_suggest_the_closest()
        {
            Assert.That(Activations.Get("leaky_relu").Name, Is.EqualTo("LeakyReLU"));
            Assert.That(Activations.Get("swish").Name, Is.EqualTo("SiLU"));
            Assert.That(Activations.Get("LeakyReLU", 0.1).Derivative(-1), Is.EqualTo(0.1));
            var e = Assert.Throws<UnknownActivationException>(() => Activations.Get("Sigmiod"));
            Assert.That(e!.Suggestions, Does.Contain("Sigmoid"));
            Assert.That(e.Message, Does.Contain("Valid names: Sigmoid, Tanh"));
            Assert.That(() => Activations.Get("Tanh", 0.3), Throws.ArgumentException);
            Assert.That(() => Activations.LeakyReLUWith(2), Throws.InstanceOf<ArgumentOutOfRangeException>());
        }
    }
}
