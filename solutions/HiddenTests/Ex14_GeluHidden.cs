using NUnit.Framework;
using VanishingGradients.Exercises;
using Core = VanishingGradients;

namespace CourseGraders
{
    // Edge cases students are told about in the exercise text but cannot see tested: overflow, NaN, bad arguments.
    [TestFixture, Exercise(14), Hidden]
    public sealed class Ex14_GeluHidden
    {
        [Test, Points(1)]
        public void Exact_Tails()
        {
            double[] x = { -40, -12, 12, 40 };
            Check.Function("Gelu.Exact(x)", x, Core.Activations.GELU.Value, v => Gelu.Exact(v), Tolerance.Loose, "Far left GELU is (minus) zero, far right it is x.");
        }
    }
}
