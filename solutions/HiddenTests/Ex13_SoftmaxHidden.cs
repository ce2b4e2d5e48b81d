using System;
using NUnit.Framework;
using VanishingGradients.Exercises;

namespace CourseGraders
{
    // Edge cases students are told about in the exercise text but cannot see tested: overflow, NaN, bad arguments.
    [TestFixture, Exercise(13), Hidden]
    public sealed class Ex13_SoftmaxHidden
    {
        [Test, Points(1)]
        public void Evaluate_NaNScoreGivesNaN()
        {
            double[] p = Student.Call("Softmax.Evaluate([1, NaN, 2])", () => Softmax.Evaluate(new[] { 1.0, double.NaN, 2.0 }));
            Check.That(p.Length == 3 && Array.TrueForAll(p, double.IsNaN), $"Softmax.Evaluate([1, NaN, 2]) returned [{string.Join(", ", Array.ConvertAll(p, Check.Show))}]",
                "With a NaN score no probability is meaningful: every output should be NaN.");
        }

        [Test, Points(1)]
        public void Evaluate_EmptyIsAnError() =>
            Student.Throws<ArgumentException>("Softmax.Evaluate([])", () => Softmax.Evaluate(Array.Empty<double>()), "An empty vector has no softmax.");

        [Test, Points(1)]
        public void Jacobian_RowsSumToZero()
        {
            double[,] j = Student.Call("Softmax.Jacobian([3, -2, 0.5, 7, 1])", () => Softmax.Jacobian(new[] { 3.0, -2.0, 0.5, 7.0, 1.0 }));
            for (int r = 0; r < j.GetLength(0); r++)
            {
                double sum = 0;
                for (int c = 0; c < j.GetLength(1); c++) sum += j[r, c];
                Check.Value($"Sum of Jacobian row {r}", 0.0, sum, new Tolerance(0, 1e-15, 0), "The probabilities always sum to 1, so their derivatives sum to 0.");
            }
        }
    }
}
