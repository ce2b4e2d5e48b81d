using System.Linq;
using NUnit.Framework;
using VanishingGradients.Exercises;

namespace CourseGraders
{
    [TestFixture, Exercise(6)]
    public sealed class Ex06_CompareTanhReluGrader
    {
        private static readonly double[] Grid = Expected.Values("Grid.Linspace(-5, 5, 100)");

        private static GradientComparison Build() => Student.Call("GradientComparison.Build()", () => GradientComparison.Build());

        [Test, Points(2)]
        public void Build_GridAndBothGradients()
        {
            var c = Build();
            Check.Values("X", Grid, c.X, Tolerance.Tight, "100 points on [-5, 5], both ends included.");
            Check.Values("TanhGradient", Expected.Values("Tanh.Derivatives(Grid.Linspace(-5, 5, 100))"), c.TanhGradient, new Tolerance(1e-10, 1e-15, 16), "tanh'(x) = 1 - tanh²(x).", Grid);
            Check.Values("ReluGradient", Grid.Select(x => x > 0 ? 1.0 : 0.0).ToArray(), c.ReluGradient, Tolerance.UlpsOnly(0), "1 where x > 0, else 0.", Grid);
        }

        [Test, Points(1)]
        public void MaxTanhGradient_JustBelowOne()
        {
            var c = Build();
            double max = Student.Call("MaxTanhGradient()", () => c.MaxTanhGradient());
            Check.Value("MaxTanhGradient()", Expected.Values("Tanh.Derivatives(Grid.Linspace(-5, 5, 100))").Max(), max, new Tolerance(1e-10, 1e-15, 16),
                "The largest tanh' sits at the two points nearest 0 (0 itself is not on this grid).");
        }

        [Test, Points(1)]
        public void CountTanhBelow_CountsSaturatedPoints()
        {
            var c = Build();
            int expected = Expected.Values("Tanh.Derivatives(Grid.Linspace(-5, 5, 100))").Count(g => g < 0.1);
            int n = Student.Call("CountTanhBelow(0.1)", () => c.CountTanhBelow(0.1));
            Check.Equal("CountTanhBelow(0.1)", expected, n, "Count the points with tanh'(x) strictly below the threshold.");
        }

        [Test, Points(1)]
        public void CountReluActive_FiftyPositiveInputs()
        {
            var c = Build();
            int n = Student.Call("CountReluActive()", () => c.CountReluActive());
            Check.Equal("CountReluActive()", 50, n, "Half of the 100 points are positive; ReLU' is 1 there.");
        }
    }
}
