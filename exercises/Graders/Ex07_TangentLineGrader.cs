using NUnit.Framework;
using VanishingGradients.Exercises;

namespace CourseGraders
{
    [TestFixture, Exercise(7)]
    public sealed class Ex07_TangentLineGrader
    {
        [Test, Points(1)]
        public void Slope_QuarterAtZero()
        {
            double s = Student.Call("TangentLine.Slope(0)", () => TangentLine.Slope(0));
            Check.Value("TangentLine.Slope(0)", 0.25, s, Tolerance.UlpsOnly(0), "The slope of the tangent is sigmoid'(xTan).");
        }

        [Test, Points(1)]
        public void Slope_FlatterAtTwo()
        {
            double s = Student.Call("TangentLine.Slope(2)", () => TangentLine.Slope(2));
            Check.Value("TangentLine.Slope(2)", Expected.Value("Sigmoid.Derivative(2)"), s, Tolerance.Tight, "sigmoid'(2) ≈ 0.105.");
        }

        [Test, Points(2)]
        public void At_IsTheTangentLine()
        {
            double[] x = { -1.7, -0.4, 0, 1.1, 3.7 };
            Check.Function("TangentLine.At(2, x)", x, Expected.Values("Sigmoid.Tangent(2, x) at [-1.7, -0.4, 0, 1.1, 3.7]"), v => TangentLine.At(2, v), Tolerance.Tight,
                "sigmoid(xTan) + sigmoid'(xTan)*(x - xTan).");
        }

        [Test, Points(2)]
        public void Segment_SpansPlusMinusOnePointSeven()
        {
            var (x, y) = Student.Call("TangentLine.Segment(2, 50)", () => TangentLine.Segment(2, 50));
            double[] grid = Expected.Values("Grid.Linspace(0.3, 3.7, 50)");
            Check.Values("Segment x", grid, x, Tolerance.Tight, "50 points from xTan - 1.7 to xTan + 1.7.");
            Check.Values("Segment y", Expected.Values("Sigmoid.Tangent(2, x) at Grid.Linspace(0.3, 3.7, 50)"), y, Tolerance.Tight, "The tangent's height at each x.", grid);
        }
    }
}
