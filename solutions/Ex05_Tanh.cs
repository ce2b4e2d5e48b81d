using System;

namespace VanishingGradients.Exercises
{
    // ─── Exercise 5 · Tanh and its derivative ──────────────────────────────────────────────────────
    // tanh(x) = (e^x - e^(-x)) / (e^x + e^(-x)), which also equals 2·sigmoid(2x) - 1. Its derivative is
    // 1 - tanh²(x), at most 1 (at x = 0). Write both without calling Math.Tanh, and make Value(800) = 1 and
    // Value(-800) = -1: the textbook quotient gives ∞/∞ = NaN there. NaN in gives NaN out.
    //
    // Expect tanh to be odd (tanh(-x) = -tanh(x)) and zero-centred, unlike sigmoid, and its derivative to be
    // 4·sigmoid'(2x): four times steeper at the centre than sigmoid.
    public static class TanhUnit
    {
        public static double Value(double x)
        {
            // START CODE HERE
            // BEGIN SOLUTION: Work with e^(-2|x|), which never overflows, then restore the sign of x.
            if (double.IsNaN(x)) return double.NaN;
            double e = Math.Exp(-2.0 * Math.Abs(x));
            double t = (1.0 - e) / (1.0 + e);
            return x < 0 ? -t : t;
            // END SOLUTION
            // END CODE HERE
        }

        public static double Derivative(double x)
        {
            // START CODE HERE
            // BEGIN SOLUTION: 1 - t*t with t = Value(x).
            double t = Value(x);
            return 1.0 - t * t;
            // END SOLUTION
            // END CODE HERE
        }
    }
}
