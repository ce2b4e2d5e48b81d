using System;
using NUnit.Framework;
using VanishingGradients.Exercises;
using Core = VanishingGradients;

namespace CourseGraders
{
    // Edge cases students are told about in the exercise text but cannot see tested: overflow, NaN, bad arguments.

    [TestFixture, Exercise(1), Hidden]
    public sealed class Ex01DataGridHidden
    {
        [Test, Points(1)]
        public void Linspace_SinglePointIsStart()
        {
            double[] x = Student.Call("DataGrid.Linspace(3, 7, 1)", () => DataGrid.Linspace(3, 7, 1));
            Check.Values("DataGrid.Linspace(3, 7, 1)", new[] { 3.0 }, x, Tolerance.UlpsOnly(0), "With one point there is no spacing: return { start } (no division by count-1 = 0).");
        }

        [Test, Points(1)]
        public void RejectsNonsense()
        {
            Student.Throws<ArgumentOutOfRangeException>("DataGrid.Linspace(0, 1, 0)", () => DataGrid.Linspace(0, 1, 0), "A grid of 0 points is an error.");
            Student.Throws<ArgumentOutOfRangeException>("DataGrid.Arange(0, 1, 0)", () => DataGrid.Arange(0, 1, 0), "Step 0 would never reach the end.");
            Student.Throws<ArgumentOutOfRangeException>("DataGrid.Arange(0, 1, -0.1)", () => DataGrid.Arange(0, 1, -0.1), "A negative step never reaches the end.");
        }
    }

    [TestFixture, Exercise(2), Hidden]
    public sealed class Ex02SigmoidHidden
    {
        [Test, Points(1)]
        public void Sigmoid_HugeInputsDoNotOverflow()
        {
            double[] z = { -1000, -745, -40, 40, 745, 1000 };
            Check.Function("SigmoidFromOutput.Sigmoid(z)", z, Core.Activations.Sigmoid.Value, z => SigmoidFromOutput.Sigmoid(z), Tolerance.Tight,
                "e^(±z) overflows to infinity once |z| > 709: use 1/(1+e^-z) for z >= 0 and e^z/(1+e^z) for z < 0.", "z");
            Check.Function("SigmoidFromOutput.Gradient(z)", z, Core.Activations.Sigmoid.Derivative, z => SigmoidFromOutput.Gradient(z), Tolerance.Tight,
                "The gradient in the tails is tiny but never NaN.", "z");
        }

        [Test, Points(1)]
        public void Sigmoid_NaNPropagates()
        {
            double s = Student.Call("SigmoidFromOutput.Sigmoid(NaN)", () => SigmoidFromOutput.Sigmoid(double.NaN));
            Check.That(double.IsNaN(s), $"SigmoidFromOutput.Sigmoid(NaN) returned {Check.Show(s)}", "A NaN input has no meaningful output: return NaN, not 0 or 1.");
        }
    }

    [TestFixture, Exercise(5), Hidden]
    public sealed class Ex05TanhHidden
    {
        [Test, Points(2)]
        public void Value_HugeInputsSaturateWithoutNaN()
        {
            double[] x = { -800, -20, 20, 800 };
            Check.Function("TanhUnit.Value(x)", x, Core.Activations.Tanh.Value, v => TanhUnit.Value(v), Tolerance.Tight,
                "(e^x - e^-x)/(e^x + e^-x) is ∞/∞ = NaN for |x| > 710; use e^(-2|x|) instead.");
            double nan = Student.Call("TanhUnit.Value(NaN)", () => TanhUnit.Value(double.NaN));
            Check.That(double.IsNaN(nan), $"TanhUnit.Value(NaN) returned {Check.Show(nan)}", "NaN in, NaN out.");
        }

        [Test, Points(1)]
        public void Derivative_IsFourTimesSigmoidPrimeOfTwoX()
        {
            double[] x = Core.Grid.Linspace(-3, 3, 25);
            Check.Function("TanhUnit.Derivative(x)", x, v => 4 * Core.Activations.Sigmoid.Derivative(2 * v), v => TanhUnit.Derivative(v), new Tolerance(1e-10, 1e-15, 0),
                "tanh'(x) = 4·sigmoid'(2x) follows from tanh(x) = 2·sigmoid(2x) - 1.");
        }
    }

    [TestFixture, Exercise(8), Hidden]
    public sealed class Ex08DecayHidden
    {
        [Test, Points(1)]
        public void Cumulative_TwentyStepsStayExact()
        {
            double[] p = Student.Call("DecayLoop.Cumulative(0.25, 20)", () => DecayLoop.Cumulative(0.25, 20));
            Check.Value("Step 20 of 0.25", 9.094947017729282e-13, p.Length == 20 ? p[19] : double.NaN, Tolerance.UlpsOnly(0), "20 entries, the last 0.25^20.");
        }

        [Test, Points(1)]
        public void Cumulative_RejectsZeroSteps() =>
            Student.Throws<ArgumentOutOfRangeException>("DecayLoop.Cumulative(0.25, 0)", () => DecayLoop.Cumulative(0.25, 0), "Fewer than one step makes no sense.");
    }

    [TestFixture, Exercise(10), Hidden]
    public sealed class Ex10AttenuationHidden
    {
        [Test, Points(1)]
        public void Bound_RejectsZeroLayers() =>
            Student.Throws<ArgumentOutOfRangeException>("Attenuation.Bound(0.25, 0)", () => Attenuation.Bound(0.25, 0), "A network has at least one layer.");
    }

    [TestFixture, Exercise(12), Hidden]
    public sealed class Ex12ScaledInputHidden
    {
        [Test, Points(1)]
        public void Derivative_FiniteForHugeGain()
        {
            double[] r = { 200, 800, 5000 };
            Check.Function("ScaledInput.Derivative(r, 1)", r, g => Core.Activations.Sigmoid.ScaledDerivative(-g, 1), g => ScaledInput.Derivative(g, 1), Tolerance.Tight,
                "For r·x in the hundreds the unit is fully saturated: the gradient is (minus) zero, never NaN.");
        }
    }

    [TestFixture, Exercise(13), Hidden]
    public sealed class Ex13SoftmaxHidden
    {
        [Test, Points(1)]
        public void Evaluate_NaNScoreGivesNaN()
        {
            double[] p = Student.Call("Softmax.Evaluate([1, NaN, 2])", () => Softmax.Evaluate(new[] { 1.0, double.NaN, 2.0 }));
            Check.That(p.Length == 3 && Array.TrueForAll(p, double.IsNaN), $"Softmax.Evaluate([1, NaN, 2]) returned [{string.Join(", ", Array.ConvertAll(p, Check.Show))}]",
                "With a NaN score no probability is meaningful: every output should be NaN.");
        }

        [Test, Points(1)]
        public void Evaluate_EmptyIsAnError() =>
            Student.Throws<ArgumentException>("Softmax.Evaluate([])", () => Softmax.Evaluate(Array.Empty<double>()), "An empty vector has no softmax.");

        [Test, Points(1)]
        public void Jacobian_RowsSumToZero()
        {
            double[,] j = Student.Call("Softmax.Jacobian([3, -2, 0.5, 7, 1])", () => Softmax.Jacobian(new[] { 3.0, -2.0, 0.5, 7.0, 1.0 }));
            for (int r = 0; r < j.GetLength(0); r++)
            {
                double sum = 0;
                for (int c = 0; c < j.GetLength(1); c++) sum += j[r, c];
                Check.Value($"Sum of Jacobian row {r}", 0.0, sum, new Tolerance(0, 1e-15, 0), "The probabilities always sum to 1, so their derivatives sum to 0.");
            }
        }
    }

    [TestFixture, Exercise(14), Hidden]
    public sealed class Ex14GeluHidden
    {
        [Test, Points(1)]
        public void Exact_Tails()
        {
            double[] x = { -40, -12, 12, 40 };
            Check.Function("Gelu.Exact(x)", x, Core.Activations.GELU.Value, v => Gelu.Exact(v), Tolerance.Loose, "Far left GELU is (minus) zero, far right it is x.");
        }
    }
}
