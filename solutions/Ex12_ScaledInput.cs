using System;

namespace VanishingGradients.Exercises
{
    // ─── Exercise 12 · A big gain saturates the unit ──────────────────────────────────────────────
    // Scale the input before the sigmoid: f(x) = sigmoid(-r·x) with r > 0. By the chain rule
    //   f'(x) = -r · sigmoid'(-r·x).
    // r multiplies the gradient, so you might expect a larger r to give a larger gradient. Check it: at x = 1
    // sweep r over 1000 points of [0.5, 9] (then zoom into [7, 9]). |f'(1)| peaks near r ≈ 2.4 and then
    // falls towards 0 (≈ 1.1e-3 at r = 9): the unit saturates faster than r grows.
    // Use your exercise 2; Derivative must stay finite (0, not NaN) for r·x in the hundreds.
    public static class ScaledInput
    {
        public static double Value(double r, double x)
        {
            // START CODE HERE
            // BEGIN SOLUTION: sigmoid(-r*x).
            return SigmoidFromOutput.Sigmoid(-r * x);
            // END SOLUTION
            // END CODE HERE
        }

        public static double Derivative(double r, double x)
        {
            // START CODE HERE
            // BEGIN SOLUTION: -r * sigmoid'(-r*x).
            return -r * SigmoidFromOutput.Gradient(-r * x);
            // END SOLUTION
            // END CODE HERE
        }

        /// <summary>f'(x) for `count` values of r evenly spaced on [rStart, rEnd] (ends included).</summary>
        public static (double[] R, double[] Gradient) Sweep(double rStart, double rEnd, int count, double x)
        {
            // START CODE HERE
            // BEGIN SOLUTION: Linspace the r values, then Derivative(r, x) for each.
            double[] r = DataGrid.Linspace(rStart, rEnd, count);
            var g = new double[r.Length];
            for (int i = 0; i < r.Length; i++) g[i] = Derivative(r[i], x);
            return (r, g);
            // END SOLUTION
            // END CODE HERE
        }
    }
}
