using NUnit.Framework;
using VanishingGradients.Exercises;

namespace CourseGraders
{
    [TestFixture, Exercise(10)]
    public sealed class Ex10_AttenuationBoundGrader
    {
        [Test, Points(2)]
        public void Bound_SigmoidTable()
        {
            int[] layers = { 1, 3, 5, 10, 20 };
            double[] expected = { 0.25, 0.015625, 9.765625e-4, 9.5367431640625e-7, 9.094947017729282e-13 };
            var actual = Student.Call("Attenuation.Bound(0.25, k)", () => System.Array.ConvertAll(layers, k => Attenuation.Bound(0.25, k)));
            Check.Values("Attenuation.Bound(0.25, k)", expected, actual, Tolerance.UlpsOnly(2), "(1/4)^k: ten sigmoid layers leave about a millionth.",
                System.Array.ConvertAll(layers, k => (double)k), "k");
        }

        [Test, Points(1)]
        public void Bound_TanhIsOne()
        {
            double b = Student.Call("Attenuation.Bound(1, 10)", () => Attenuation.Bound(1.0, 10));
            Check.Value("Attenuation.Bound(1, 10)", 1.0, b, Tolerance.UlpsOnly(0), "max tanh' = 1, and 1^10 = 1: the bound alone does not explain tanh's trouble.");
        }

        [Test, Points(2)]
        public void MaxAbsDerivative_SigmoidAndTanh()
        {
            double[] grid = Expected.Values("Grid.Linspace(-5, 5, 1001)");
            double s = Student.Call("Attenuation.MaxAbsDerivative(sigmoid', grid)", () => Attenuation.MaxAbsDerivative(Formulas.SigmoidDerivative, grid));
            Check.Value("max |sigmoid'| on Linspace(-5, 5, 1001)", 0.25, s, Tolerance.Tight, "Evaluate the derivative at every grid point and keep the largest absolute value.");
            double t = Student.Call("Attenuation.MaxAbsDerivative(tanh', grid)", () => Attenuation.MaxAbsDerivative(Formulas.TanhDerivative, grid));
            Check.Value("max |tanh'| on Linspace(-5, 5, 1001)", 1.0, t, Tolerance.Tight, "tanh'(0) = 1 is the largest.");
        }

        [Test, Points(1)]
        public void MaxAbsDerivative_UsesAbsoluteValues()
        {
            double[] grid = Expected.Values("Grid.Linspace(-1, 1, 21)");
            double m = Student.Call("Attenuation.MaxAbsDerivative(x => -3, grid)", () => Attenuation.MaxAbsDerivative(_ => -3.0, grid));
            Check.Value("MaxAbsDerivative of a constant slope -3", 3.0, m, Tolerance.UlpsOnly(0), "Take Math.Abs: a slope of -3 attenuates like 3.");
        }
    }
}
