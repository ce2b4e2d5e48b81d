using System;
using System.Linq;
using NUnit.Framework;
using VanishingGradients.Exercises;

namespace CourseGraders
{
    [TestFixture, Exercise(11)]
    public sealed class Ex11_InitialisationGrader
    {
        private static (int Rows, int Cols, double Mean, double Std) Sample(double[,] w)
        {
            double sum = 0, sq = 0;
            foreach (double v in w) { sum += v; sq += v * v; }
            double n = w.Length, mean = sum / n;
            return (w.GetLength(0), w.GetLength(1), mean, Math.Sqrt(sq / n - mean * mean));
        }

        [Test, Points(2)]
        public void Xavier_ShapeAndSpread()
        {
            var w = Student.Call("Initialisers.Xavier(300, 100, rng)", () => Initialisers.Xavier(300, 100, new Gaussian(7)));
            var s = Sample(w);
            Check.Equal("Shape of Xavier(300, 100)", "[100, 300]", $"[{s.Rows}, {s.Cols}]", "The matrix is [n_out, n_in].");
            Check.Value("Spread of Xavier(300, 100)", Math.Sqrt(2.0 / 400), s.Std, new Tolerance(0.03, 0, 0), "σ = √(2/(n_in + n_out)).");
            Check.Value("Mean of Xavier(300, 100)", 0.0, s.Mean, new Tolerance(0, 0.003, 0), "Zero-mean normal samples.");
        }

        [Test, Points(2)]
        public void He_ShapeAndSpread()
        {
            var w = Student.Call("Initialisers.He(300, 100, rng)", () => Initialisers.He(300, 100, new Gaussian(7)));
            var s = Sample(w);
            Check.Equal("Shape of He(300, 100)", "[100, 300]", $"[{s.Rows}, {s.Cols}]", "The matrix is [n_out, n_in].");
            Check.Value("Spread of He(300, 100)", Math.Sqrt(2.0 / 300), s.Std, new Tolerance(0.03, 0, 0), "σ = √(2/n_in).");
        }

        [Test, Points(2)]
        public void Describe_MeanAndPopulationStd()
        {
            var a = new double[,] { { 1, 2, 3 }, { 4, 5, 9 } };
            var stats = Student.Call("ActivationStatistics.Describe(3, a)", () => ActivationStatistics.Describe(3, a));
            Check.Equal("Layer", 3, stats.Layer, "Return the layer number you were given.");
            Check.Value("Mean of {1,2,3,4,5,9}", 4.0, stats.Mean, Tolerance.Tight, "Average over every entry of the matrix.");
            Check.Value("Standard deviation of {1,2,3,4,5,9}", Math.Sqrt(40.0 / 6), stats.StdDev, Tolerance.Tight,
                "Population standard deviation: divide the squared deviations by N, not N - 1.");
        }

        [Test, Points(2)]
        public void Run_HeKeepsReluSteadyXavierDoesNot()
        {
            var he = Student.Call("ActivationStatistics.Run(He, ReLU, 64 wide, 30 deep)", () => ActivationStatistics.Run(Initialisers.He, Formulas.Relu, 64, 30, 32, 11));
            var xavier = Student.Call("ActivationStatistics.Run(Xavier, ReLU, 64 wide, 30 deep)", () => ActivationStatistics.Run(Initialisers.Xavier, Formulas.Relu, 64, 30, 32, 11));
            double heRatio = he[^1].StdDev / he[0].StdDev, xavierRatio = xavier[^1].StdDev / xavier[0].StdDev;
            Check.That(heRatio > 0.1 && heRatio < 10, $"With He, the spread went from {Check.Show(he[0].StdDev)} (layer 1) to {Check.Show(he[^1].StdDev)} (layer 30)",
                "He's σ² = 2/n_in makes up for ReLU zeroing half its inputs, so the spread should stay within an order of magnitude.");
            Check.That(xavierRatio < 1e-2, $"With Xavier, the spread went from {Check.Show(xavier[0].StdDev)} to {Check.Show(xavier[^1].StdDev)}",
                "Xavier's σ² = 1/n here is half of what ReLU needs: the variance should halve layer after layer.");
        }

        [Test, Points(1)]
        public void Run_StandardNormalSaturatesTanh()
        {
            var stats = Student.Call("ActivationStatistics.Run(StandardNormal, tanh, 64 wide, 10 deep)", () => ActivationStatistics.Run(Initialisers.StandardNormal, Formulas.Tanh, 64, 10, 32, 5));
            double last = stats.Last().StdDev;
            Check.That(last > 0.85, $"The last layer's spread is {Check.Show(last)}",
                "With σ = 1 the pre-activations are huge and tanh pins every unit at ±1, so the spread should be close to 1.");
        }
    }
}
