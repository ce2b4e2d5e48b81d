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
            Activations.SELUWith(DerivativeAtZero.Right), Activations.ReLU6With(DerivativeAtZero.Right),
        }).ToArray();

        /// <summary>Where f' jumps: central differences straddling these points measure the average slope, not f'.</summary>
        public static double[] Kinks(Activation f) => f.Name switch
        {
            "ReLU" or "LeakyReLU" or "PReLU" or "Step" or "ELU" or "SELU" => new[] { 0.0 },
            "HardTanh" => new[] { -1.0, 1.0 },
            "HardSigmoid" => new[] { -3.0, 3.0 },
            "ReLU6" => new[] { 0.0, 6.0 },
            "Softsign" => new[] { 0.0 }, // f' is continuous but has a cusp: the stencil errs by h there

            _ => Array.Empty<double>(),
        };

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
                if (Kinks(f).Any(k => Math.Abs(x - k) < 2 * h)) continue;
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

        private static readonly string[] TorchNames = { "SELU", "Mish", "HardSigmoid", "HardTanh", "ReLU6", "Softsign" };

        [TestCaseSource(nameof(TorchNames))]
        public void Value_and_derivative_match_torch_float64_autograd(string name)
        {
            // tests/fixtures/make_torch_activation_fixtures.py: torch.nn.functional on [-8, 8] by 1/32 (every kink on it),
            // the tails and ±1e308, subnormals. Kinks included: the default conventions are torch's.
            var fixture = Fixtures.Load("torch-activations.json");
            double[] x = Fixtures.Doubles(fixture.GetProperty("x"));
            var expected = fixture.GetProperty("activations").GetProperty(name);
            double[] values = Fixtures.Doubles(expected.GetProperty("value")), derivatives = Fixtures.Doubles(expected.GetProperty("derivative"));
            var f = Activations.Get(name);
            Assert.That(x, Has.Length.GreaterThan(500));
            for (int i = 0; i < x.Length; i++)
            {
                // torch 1.13 forms SELU from exp(x)-1 (no expm1) and Softsign' by autograd through |x|, both with
                // cancellation, and Mish' cancels near its zero at x ≈ -1.19: agreement is to ~ε absolutely, ~1e-14
                // relatively. The tails' relative accuracy is pinned in Later_activations_at_their_kinks_and_extremes.
                Assert.That(f.Value(x[i]), Is.EqualTo(values[i]).Within(1e-13 * Math.Abs(values[i]) + 2e-16), $"{name}({x[i]:R})");
                Assert.That(f.Derivative(x[i]), Is.EqualTo(derivatives[i]).Within(1e-13 * Math.Abs(derivatives[i]) + 2e-16), $"{name}'({x[i]:R})");
            }
        }

        [Test]
        public void Later_activations_at_their_kinks_and_extremes()
        {
            // SELU: torch's constants; λα from the left at 0 (Left), λ from the right.
            Assert.That(Selu.Lambda, Is.EqualTo(1.0507009873554804934193349852946));
            Assert.That(Selu.Alpha, Is.EqualTo(1.6732632423543772848170429916717));
            Assert.That(Activations.SELU.Derivative(0), Is.EqualTo(Selu.Lambda * Selu.Alpha));
            Assert.That(Activations.SELUWith(DerivativeAtZero.Right).Derivative(0), Is.EqualTo(Selu.Lambda));
            Assert.That(Activations.SELU.Value(-1e308), Is.EqualTo(-Selu.Lambda * Selu.Alpha));
            Assert.That(Activations.SELU.Value(-1e-300), Is.EqualTo(-Selu.Lambda * Selu.Alpha * 1e-300).Within(2).Ulps);
            // λ·MaxValue is not a double: clamped to MaxValue rather than ∞.
            Assert.That(Activations.SELU.Value(double.MaxValue), Is.EqualTo(double.MaxValue));
            Assert.That(Activations.SELU.Value(1e308), Is.EqualTo(Selu.Lambda * 1e308));
            // ReLU6: the kink at 0 follows the convention, the one at 6 is always the flat side's 0 (torch).
            Assert.That(Activations.ReLU6.Derivative(0), Is.EqualTo(0.0));
            Assert.That(Activations.ReLU6With(DerivativeAtZero.Right).Derivative(0), Is.EqualTo(1.0));
            Assert.That(Activations.ReLU6.Derivative(6), Is.EqualTo(0.0));
            Assert.That(Activations.ReLU6With(DerivativeAtZero.Right).Derivative(6), Is.EqualTo(0.0));
            Assert.That(Activations.ReLU6.Value(-5), Is.EqualTo(0.0).And.Not.Negative);
            Assert.That(Activations.ReLU6.Value(1e308), Is.EqualTo(6.0));
            // HardTanh and HardSigmoid have no kink at 0; at their kinks the slope is 0, as in torch.
            Assert.That(new[] { -1.0, 1.0 }.Select(Activations.HardTanh.Derivative), Is.All.EqualTo(0.0));
            Assert.That(new[] { -3.0, 3.0 }.Select(Activations.HardSigmoid.Derivative), Is.All.EqualTo(0.0));
            Assert.That(Activations.HardSigmoid.Derivative(0), Is.EqualTo(1.0 / 6.0));
            Assert.That(Activations.HardSigmoid.Value(0), Is.EqualTo(0.5));
            Assert.That(Activations.HardSigmoid.Value(-1e308), Is.EqualTo(0.0));
            // Mish: x itself far right, 0 far left, tiny inputs pass with slope tanh(ln 2) = 3/5.
            Assert.That(Activations.Mish.Value(1e308), Is.EqualTo(1e308));
            Assert.That(Activations.Mish.Derivative(1e308), Is.EqualTo(1.0));
            Assert.That(Activations.Mish.Value(-1e308), Is.EqualTo(0.0));
            Assert.That(Activations.Mish.Derivative(-1e308), Is.EqualTo(0.0));
            Assert.That(Activations.Mish.Value(1e-310), Is.EqualTo(0.6 * 1e-310).Within(1e-323));
            Assert.That(Activations.Mish.Derivative(0), Is.EqualTo(0.6).Within(1e-16));
            Assert.That(Activations.Mish.MaxAbsDerivative, Is.EqualTo(1.0885).Within(1e-4));
            Assert.That(Activations.Mish.Value(-40), Is.EqualTo(-40 * Math.Exp(-40)).Within(1e-15 * 40 * Math.Exp(-40)));
            // Softsign: (1+|x|)² overflows at 1e308, the derivative must underflow to 0 instead.
            Assert.That(Activations.Softsign.Derivative(1e308), Is.EqualTo(0.0));
            Assert.That(Activations.Softsign.Derivative(-745), Is.EqualTo(1.0 / (746.0 * 746.0)).Within(2).Ulps);
            Assert.That(Activations.Softsign.Value(-1e308), Is.EqualTo(-1.0));
            Assert.That(Activations.Softsign.Value(double.Epsilon), Is.EqualTo(double.Epsilon));
        }

        [Test]
        public void Later_activations_by_name()
        {
            Assert.That(Activations.Get("relu_6").Name, Is.EqualTo("ReLU6"));
            Assert.That(Activations.Get("hard-sigmoid").Name, Is.EqualTo("HardSigmoid"));
            Assert.That(Activations.Get("ReLU6", null, DerivativeAtZero.Right).Derivative(0), Is.EqualTo(1.0));
            Assert.That(Activations.Get("SELU", null, DerivativeAtZero.Right).Derivative(0), Is.EqualTo(Selu.Lambda));
            Assert.That(() => Activations.Get("SELU", 1.5), Throws.ArgumentException);
            Assert.That(() => Activations.Get("Mish", 0.1), Throws.ArgumentException);
            Assert.That(Activations.Names, Is.Unique);
            Assert.That(Activations.Canonical("sigmoid"), Is.EqualTo("Sigmoid"));
        }
    }
}
