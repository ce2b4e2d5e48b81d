using NUnit.Framework;
using VanishingGradients.Exercises;
using Core = VanishingGradients;

namespace CourseGraders
{
    // Edge cases students are told about in the exercise text but cannot see tested: overflow, NaN, bad arguments.
    [TestFixture, Exercise(12), Hidden]
    public sealed class Ex12_ScaledInputHidden
    {
        [Test, Points(1)]
        public void Derivative_FiniteForHugeGain()
        {
            double[] r = { 200, 800, 5000 };
            Check.Function("ScaledInput.Derivative(r, 1)", r, g => Core.Activations.Sigmoid.ScaledDerivative(-g, 1), g => ScaledInput.Derivative(g, 1), Tolerance.Tight,
                "For r·x in the hundreds the unit is fully saturated: the gradient is (minus) zero, never NaN.");
        }
    }
}
