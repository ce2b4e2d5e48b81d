using NUnit.Framework;
using VanishingGradients.Exercises;

namespace CourseGraders
{
    [TestFixture, Exercise(5)]
    public sealed class Ex05_TanhGrader
    {
        private static readonly double[] Grid = Expected.Values("Grid.Linspace(-5, 5, 100)");

        [Test, Points(2)]
        public void Value_MatchesOnTheLabGrid() =>
            Check.Function("TanhUnit.Value(x)", Grid, Expected.Values("Tanh.Value at Grid.Linspace(-5, 5, 100)"), x => TanhUnit.Value(x), Tolerance.Tight,
                "tanh(x) = (e^x - e^-x)/(e^x + e^-x), or 2*sigmoid(2x) - 1.");

        [Test, Points(2)]
        public void Derivative_IsOneMinusTanhSquared() =>
            Check.Function("TanhUnit.Derivative(x)", Grid, Expected.Values("Tanh.Derivative at Grid.Linspace(-5, 5, 100)"), x => TanhUnit.Derivative(x), new Tolerance(1e-10, 1e-15, 16),
                "1 - t*t with t = tanh(x).");

        [Test, Points(1)]
        public void Derivative_IsOneAtZero()
        {
            double d = Student.Call("TanhUnit.Derivative(0)", () => TanhUnit.Derivative(0));
            Check.Value("TanhUnit.Derivative(0)", 1.0, d, Tolerance.UlpsOnly(0), "tanh(0) = 0, so 1 - 0² = 1: four times sigmoid's best.");
        }

        [Test, Points(1)]
        public void Value_IsOdd()
        {
            double[] x = { 0.3, 1.7, 4.2 };
            Check.Function("TanhUnit.Value(-x) + TanhUnit.Value(x)", x, _ => 0.0, v => TanhUnit.Value(-v) + TanhUnit.Value(v), new Tolerance(0, 1e-15, 0),
                "tanh is odd: tanh(-x) = -tanh(x).");
        }
    }
}
