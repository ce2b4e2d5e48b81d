using NUnit.Framework;
using VanishingGradients.Exercises;

namespace CourseGraders
{
    [TestFixture, Exercise(2)]
    public sealed class Ex02_SigmoidFromOutputGrader
    {
        private static readonly double[] Grid = Expected.Values("Grid.Linspace(-5, 5, 100)");

        [Test, Points(2)]
        public void Sigmoid_MatchesOnTheLabGrid() =>
            Check.Function("SigmoidFromOutput.Sigmoid(z)", Grid, Expected.Values("Sigmoid.Value at Grid.Linspace(-5, 5, 100)"), z => SigmoidFromOutput.Sigmoid(z), Tolerance.Tight,
                "sigmoid(z) = 1 / (1 + e^(-z)).", "z");

        [Test, Points(2)]
        public void GradientFromOutput_TakesTheActivation()
        {
            double[] outputs = { 0.0, 0.1, 0.5, 0.9, 0.993, 1.0 };
            Check.Function("SigmoidFromOutput.GradientFromOutput(s)", outputs, s => s * (1 - s), s => SigmoidFromOutput.GradientFromOutput(s), Tolerance.Tight,
                "The argument is already the sigmoid OUTPUT s: return s*(1-s) without applying sigmoid again.", "s");
        }

        [Test, Points(1)]
        public void Gradient_MatchesOnTheLabGrid() =>
            Check.Function("SigmoidFromOutput.Gradient(z)", Grid, Expected.Values("Sigmoid.Derivative at Grid.Linspace(-5, 5, 100)"), z => SigmoidFromOutput.Gradient(z), Tolerance.Tight,
                "Compute s = Sigmoid(z) and return GradientFromOutput(s).", "z");

        [Test, Points(1)]
        public void Gradient_PeaksAtOneQuarter()
        {
            double g = Student.Call("SigmoidFromOutput.Gradient(0)", () => SigmoidFromOutput.Gradient(0));
            Check.Value("SigmoidFromOutput.Gradient(0)", 0.25, g, Tolerance.UlpsOnly(0), "At z = 0, s = 1/2 and s(1-s) = 1/4 exactly.");
        }
    }
}
