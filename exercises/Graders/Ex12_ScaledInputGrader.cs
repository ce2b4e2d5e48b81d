using System.Linq;
using NUnit.Framework;
using VanishingGradients.Exercises;

namespace CourseGraders
{
    [TestFixture, Exercise(12)]
    public sealed class Ex12_ScaledInputGrader
    {
        [Test, Points(1)]
        public void Value_IsSigmoidOfMinusRx()
        {
            double[] r = { 0.5, 1, 3, 9 };
            Check.Function("ScaledInput.Value(r, 1)", r, Expected.Values("Sigmoid.ScaledValue(-r, 1) at r = [0.5, 1, 3, 9]"), g => ScaledInput.Value(g, 1), Tolerance.Tight, "sigmoid(-r·x).", "r");
        }

        [Test, Points(2)]
        public void Derivative_ChainRule()
        {
            double[] r = { 0.5, 1, 2.4, 5, 9 };
            Check.Function("ScaledInput.Derivative(r, 1)", r, Expected.Values("Sigmoid.ScaledDerivative(-r, 1) at r = [0.5, 1, 2.4, 5, 9]"), g => ScaledInput.Derivative(g, 1), Tolerance.Tight,
                "By the chain rule d/dx sigmoid(-r·x) = -r·sigmoid'(-r·x): don't forget the minus sign.", "r");
        }

        [Test, Points(2)]
        public void Sweep_TheLabsThousandGains()
        {
            var (r, g) = Student.Call("ScaledInput.Sweep(0.5, 9, 1000, 1)", () => ScaledInput.Sweep(0.5, 9, 1000, 1));
            double[] gains = Expected.Values("Grid.Linspace(0.5, 9, 1000)");
            Check.Values("Sweep r", gains, r, Tolerance.Tight, "1000 gains from 0.5 to 9, both included.");
            Check.Values("Sweep gradient", Expected.Values("Sigmoid.ScaledDerivative(-r, 1) at r = Grid.Linspace(0.5, 9, 1000)"), g, Tolerance.Tight, "f'(1) at each r.", gains, "r");
        }

        [Test, Points(1)]
        public void Sweep_GradientShrinksOnSevenToNine()
        {
            var (_, g) = Student.Call("ScaledInput.Sweep(7, 9, 200, 1)", () => ScaledInput.Sweep(7, 9, 200, 1));
            Check.Equal("Number of gradients", 200, g.Length, "One gradient per gain.");
            Check.That(g.Zip(g.Skip(1), (a, b) => System.Math.Abs(b) < System.Math.Abs(a)).All(x => x),
                "|f'(1)| does not shrink steadily as r grows from 7 to 9", "Past r ≈ 2.4 the saturation wins over the factor r.");
        }
    }
}
