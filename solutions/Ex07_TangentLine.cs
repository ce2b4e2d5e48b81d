using System;

namespace VanishingGradients.Exercises
{
    // ─── Exercise 7 · The tangent line of sigmoid ──────────────────────────────────────────────────
    // The derivative is the slope of the tangent. At a point xTan the tangent of sigmoid is the straight line
    // through (xTan, sigmoid(xTan)) with slope sigmoid'(xTan):  y(x) = sigmoid(xTan) + sigmoid'(xTan)·(x - xTan).
    // The lab draws it over [xTan - 1.7, xTan + 1.7]. Use your exercise 2 for sigmoid and its gradient.
    //
    // Expect slope 0.25 at xTan = 0 (the steepest sigmoid gets) and a much flatter line at xTan = 2 (≈ 0.105).
    public static class TangentLine
    {
        public const double HalfWidth = 1.7;

        public static double Slope(double xTan)
        {
            // START CODE HERE
            // BEGIN SOLUTION: The slope is just sigmoid'(xTan).
            return SigmoidFromOutput.Gradient(xTan);
            // END SOLUTION
            // END CODE HERE
        }

        /// <summary>The tangent's height at x.</summary>
        public static double At(double xTan, double x)
        {
            // START CODE HERE
            // BEGIN SOLUTION: sigmoid(xTan) + Slope(xTan)*(x - xTan).
            return SigmoidFromOutput.Sigmoid(xTan) + Slope(xTan) * (x - xTan);
            // END SOLUTION
            // END CODE HERE
        }

        /// <summary>`count` evenly spaced x on [xTan - 1.7, xTan + 1.7] (ends included) and the tangent at each.</summary>
        public static (double[] X, double[] Y) Segment(double xTan, int count)
        {
            // START CODE HERE
            // BEGIN SOLUTION: Linspace over xTan ± HalfWidth, then At(xTan, x) at every point.
            double[] x = DataGrid.Linspace(xTan - HalfWidth, xTan + HalfWidth, count);
            var y = new double[x.Length];
            for (int i = 0; i < x.Length; i++) y[i] = At(xTan, x[i]);
            return (x, y);
            // END SOLUTION
            // END CODE HERE
        }
    }
}
