using System.Linq;
using NUnit.Framework;
using VanishingGradients.Exercises;

namespace CourseGraders
{
    [TestFixture, Exercise(4)]
    public sealed class Ex04_GradientSweepGrader
    {
        private static readonly double[] Grid = Expected.Values("Grid.Linspace(-10, 10, 400)");

        [Test, Points(1)]
        public void Inputs_FourHundredPointsOnMinusTenToTen()
        {
            double[] x = Student.Call("GradientSweep.Inputs()", () => GradientSweep.Inputs());
            Check.Values("GradientSweep.Inputs()", Grid, x, Tolerance.Tight, "400 points from -10 to 10, both included.");
        }

        [Test, Points(2)]
        public void SigmoidGradients_MatchEverywhere()
        {
            double[] g = Student.Call("GradientSweep.SigmoidGradients(x)", () => GradientSweep.SigmoidGradients(Grid));
            Check.Values("GradientSweep.SigmoidGradients(x)", Expected.Values("Sigmoid.Derivatives(Grid.Linspace(-10, 10, 400))"), g, Tolerance.Tight,
                "sigmoid'(x) = s(1-s) with s = sigmoid(x), at every x.", Grid);
        }

        [Test, Points(1)]
        public void SigmoidGradients_VanishAtTheEdges()
        {
            double[] g = Student.Call("GradientSweep.SigmoidGradients(x)", () => GradientSweep.SigmoidGradients(Grid));
            Check.Equal("Length", Grid.Length, g.Length, "One gradient per input.");
            Check.That(g[0] < 1e-4 && g[^1] < 1e-4, $"At x = ±10 the gradients are {Check.Show(g[0])} and {Check.Show(g[^1])}, not below 1e-4",
                "sigmoid saturates: far from 0 its slope is about e^(-10).");
            Check.Value("Largest sigmoid gradient", Expected.Values("Sigmoid.Derivatives(Grid.Linspace(-10, 10, 400))").Max(), g.Max(), Tolerance.Tight, "It sits at the two points nearest 0.");
        }

        [Test, Points(2)]
        public void ReluGradients_OneOnThePositiveHalf()
        {
            double[] g = Student.Call("GradientSweep.ReluGradients(x)", () => GradientSweep.ReluGradients(Grid));
            Check.Values("GradientSweep.ReluGradients(x)", Grid.Select(x => x > 0 ? 1.0 : 0.0).ToArray(), g, Tolerance.UlpsOnly(0),
                "1 for x > 0 and 0 otherwise; there are 200 positive points.", Grid);
        }
    }
}
