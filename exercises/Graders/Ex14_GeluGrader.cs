using System;
using NUnit.Framework;
using VanishingGradients.Exercises;

namespace CourseGraders
{
    [TestFixture, Exercise(14)]
    public sealed class Ex14_GeluGrader
    {
        private static readonly double[] Grid = Expected.Values("Grid.Linspace(-5, 5, 101)");

        [Test, Points(2)]
        public void Exact_IsInputTimesNormalCdf() =>
            Check.Function("Gelu.Exact(x)", Grid, Expected.Values("GELU.Value at Grid.Linspace(-5, 5, 101)"), x => Gelu.Exact(x), Tolerance.Loose, "x·Φ(x) with Φ = Normal.Cdf.");

        [Test, Points(2)]
        public void ExactDerivative_ProductRule() =>
            Check.Function("Gelu.ExactDerivative(x)", Grid, Expected.Values("GELU.Derivative at Grid.Linspace(-5, 5, 101)"), x => Gelu.ExactDerivative(x), Tolerance.Loose,
                "Product rule: Φ(x) + x·φ(x), φ = Normal.Pdf.");

        [Test, Points(1)]
        public void TanhApproximation_Formula() =>
            Check.Function("Gelu.TanhApproximation(x)", Grid, Expected.Values("GELUTanh.Value at Grid.Linspace(-5, 5, 101)"), x => Gelu.TanhApproximation(x), Tolerance.Tight,
                "0.5·x·(1 + tanh(√(2/π)·(x + 0.044715·x³))).");

        [Test, Points(1)]
        public void MaxGap_SmallButNotZero()
        {
            double[] grid = Expected.Values("Grid.Linspace(-5, 5, 1001)");
            double gap = Student.Call("Gelu.MaxGap(Linspace(-5, 5, 1001))", () => Gelu.MaxGap(grid));
            Check.Value("Gelu.MaxGap on Linspace(-5, 5, 1001)", Expected.Value("max |GELU.Value - GELUTanh.Value| at Grid.Linspace(-5, 5, 1001)"), gap, Tolerance.Loose, "The largest |exact - approximate| over the grid points (a few times 1e-4).");
        }
    }
}
