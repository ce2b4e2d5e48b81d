using System.Linq;
using NUnit.Framework;
using VanishingGradients.Exercises;

namespace CourseGraders
{
    [TestFixture, Exercise(3)]
    public sealed class Ex03_ReluDerivativeGrader
    {
        private static readonly double[] Inputs = { -3.5, -1, -1e-12, 0, 1e-12, 0.5, 2, 7 };

        [Test, Points(1)]
        public void Value_IsMaxOfZeroAndZ()
        {
            double[] a = Student.Call("Relu.Value(z)", () => Relu.Value((double[])Inputs.Clone()));
            Check.Values("Relu.Value(z)", Inputs.Select(z => System.Math.Max(0, z)).ToArray(), a, Tolerance.UlpsOnly(0), "max(0, z) element by element.", Inputs, "z");
        }

        [Test, Points(2)]
        public void Derivative_OneWhereActive()
        {
            double[] d = Student.Call("Relu.Derivative(z)", () => Relu.Derivative((double[])Inputs.Clone()));
            Check.Values("Relu.Derivative(z)", Inputs.Select(z => z > 0 ? 1.0 : 0.0).ToArray(), d, Tolerance.UlpsOnly(0),
                "1 where z > 0, otherwise 0.", Inputs, "z");
        }

        [Test, Points(1)]
        public void Derivative_IsZeroAtZero()
        {
            double[] d = Student.Call("Relu.Derivative(new[] { 0.0 })", () => Relu.Derivative(new[] { 0.0 }));
            Check.Equal("Length", 1, d.Length, "One output per input.");
            Check.Value("Relu.Derivative at z = 0", 0.0, d[0], Tolerance.UlpsOnly(0), "This course uses 0 at z = 0 (test z > 0, not z >= 0).");
        }

        [Test, Points(1)]
        public void Derivative_LeavesInputUntouched()
        {
            var z = (double[])Inputs.Clone();
            Student.Call("Relu.Derivative(z)", () => Relu.Derivative(z));
            Check.Values("The input array after Relu.Derivative(z)", Inputs, z, Tolerance.UlpsOnly(0), "Write the results into a new array.");
        }
    }
}
