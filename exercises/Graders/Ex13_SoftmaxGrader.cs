using NUnit.Framework;
using VanishingGradients.Exercises;

namespace CourseGraders
{
    [TestFixture, Exercise(13)]
    public sealed class Ex13_SoftmaxGrader
    {
        private static readonly double[] Scores = { 2.0, 1.0, 0.1, -1.5 };

        [Test, Points(2)]
        public void Evaluate_MatchesAndSumsToOne()
        {
            double[] p = Student.Call("Softmax.Evaluate(z)", () => Softmax.Evaluate((double[])Scores.Clone()));
            Check.Values("Softmax.Evaluate([2, 1, 0.1, -1.5])", Expected.Values("Softmax.Evaluate([2, 1, 0.1, -1.5])"), p, Tolerance.Tight, "e^(z_i) / Σ e^(z_j).");
            double sum = 0;
            foreach (double v in p) sum += v;
            Check.Value("Sum of the probabilities", 1.0, sum, new Tolerance(0, 1e-14, 0), "Divide every exponential by the same total.");
        }

        [Test, Points(2)]
        public void Evaluate_LargeScoresDoNotOverflow()
        {
            double[] p = Student.Call("Softmax.Evaluate([1000, 1001, 1002])", () => Softmax.Evaluate(new[] { 1000.0, 1001.0, 1002.0 }));
            Check.Values("Softmax.Evaluate([1000, 1001, 1002])", Expected.Values("Softmax.Evaluate([0, 1, 2])"), p, Tolerance.Tight,
                "e^1000 is infinite; subtract the largest score from every score before exponentiating.");
        }

        [Test, Points(2)]
        public void Jacobian_IsDiagonalMinusOuterProduct()
        {
            double[,] j = Student.Call("Softmax.Jacobian(z)", () => Softmax.Jacobian((double[])Scores.Clone()));
            double[,] expected = Expected.Matrix("Softmax.Jacobian([2, 1, 0.1, -1.5])");
            Check.Equal("Jacobian shape", "[4, 4]", $"[{j.GetLength(0)}, {j.GetLength(1)}]", "n × n for n scores.");
            for (int r = 0; r < 4; r++)
                for (int c = 0; c < 4; c++)
                    Check.Value($"J[{r}, {c}]", expected[r, c], j[r, c], Tolerance.Tight, r == c ? "On the diagonal: p_i(1 - p_i)." : "Off the diagonal: -p_i·p_j.");
        }
    }
}
