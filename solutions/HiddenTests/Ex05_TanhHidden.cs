using System;
using NUnit.Framework;
using VanishingGradients.Exercises;
using Core = VanishingGradients;

namespace CourseGraders
{
    // Edge cases students are told about in the exercise text but cannot see tested: overflow, NaN, bad arguments.
    [TestFixture, Exercise(5), Hidden]
    public sealed class Ex05_TanhHidden
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
}
