using System;

namespace VanishingGradients.Exercises
{
    // ─── Exercise 14 · GELU, exact and approximate ────────────────────────────────────────────────
    // GELU weighs its input by how likely a standard normal variable is to be below it:
    //   GELU(x)  = x·Φ(x)                 GELU'(x) = Φ(x) + x·φ(x)
    // with Φ the standard normal CDF and φ its density (both given in Normal.Cdf and Normal.Pdf).
    // Many libraries use the cheaper tanh approximation
    //   GELU≈(x) = 0.5·x·(1 + tanh(√(2/π)·(x + 0.044715·x³))).
    //
    // MaxGap(grid): the largest |GELU(x) - GELU≈(x)| over the grid points. On Linspace(-5, 5, 1001) it is
    // about 4.7e-4: tiny, which is why the approximation is popular. GELU dips to about -0.17 near x ≈ -0.75
    // and its derivative peaks at about 1.13 near x = √2.
    public static class Gelu
    {
        public static double Exact(double x)
        {
            // START CODE HERE
            // BEGIN SOLUTION: x * Normal.Cdf(x).
            return x * Normal.Cdf(x);
            // END SOLUTION
            // END CODE HERE
        }

        public static double ExactDerivative(double x)
        {
            // START CODE HERE
            // BEGIN SOLUTION: Normal.Cdf(x) + x * Normal.Pdf(x).
            return Normal.Cdf(x) + x * Normal.Pdf(x);
            // END SOLUTION
            // END CODE HERE
        }

        public static double TanhApproximation(double x)
        {
            // START CODE HERE
            // BEGIN SOLUTION: 0.5*x*(1 + Math.Tanh(Math.Sqrt(2/Math.PI)*(x + 0.044715*x*x*x))).
            return 0.5 * x * (1.0 + Math.Tanh(Math.Sqrt(2.0 / Math.PI) * (x + 0.044715 * x * x * x)));
            // END SOLUTION
            // END CODE HERE
        }

        public static double MaxGap(double[] grid)
        {
            // START CODE HERE
            // BEGIN SOLUTION: Loop over the grid keeping the largest Math.Abs(Exact(x) - TanhApproximation(x)).
            double max = 0.0;
            foreach (double x in grid) max = Math.Max(max, Math.Abs(Exact(x) - TanhApproximation(x)));
            return max;
            // END SOLUTION
            // END CODE HERE
        }
    }
}
