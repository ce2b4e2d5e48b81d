using System;

namespace VanishingGradients.Exercises
{
    /// <summary>
    /// Given helpers (not an exercise): the standard normal distribution. .NET has no erf, so this file
    /// provides one accurate to about 1e-14, good enough for the GELU exercise.
    /// </summary>
    public static class Normal
    {
        private const double InvSqrtPi = 0.56418958354775628695;
        private const double InvSqrt2 = 0.70710678118654752440;
        private const double InvSqrt2Pi = 0.39894228040143267794;

        /// <summary>φ(x) = e^(-x²/2) / √(2π), the standard normal density.</summary>
        public static double Pdf(double x) => InvSqrt2Pi * Math.Exp(-0.5 * x * x);

        /// <summary>Φ(x) = P(Z ≤ x) = erfc(-x/√2) / 2, the standard normal CDF.</summary>
        public static double Cdf(double x) => 0.5 * Erfc(-x * InvSqrt2);

        /// <summary>The complementary error function 1 - erf(x), without cancellation in the tails.</summary>
        public static double Erfc(double x)
        {
            if (double.IsNaN(x)) return double.NaN;
            if (x < 0) return 2.0 - Erfc(-x);
            if (x < 1.5) return 1.0 - ErfSeries(x);
            if (x > 27.3) return 0.0; // below the smallest double
            // Continued fraction erfc(x) = e^(-x²)/√π · 1/(x + (1/2)/(x + 1/(x + (3/2)/(x + ...)))), summed backwards.
            double tail = x;
            for (int n = 120; n >= 1; n--) tail = x + 0.5 * n / tail;
            return InvSqrtPi * Math.Exp(-x * x) / tail;
        }

        private static double ErfSeries(double x)
        {
            // erf(x) = 2/√π · Σ (-1)^n x^(2n+1) / (n! (2n+1)); the terms shrink fast for |x| < 1.5.
            double x2 = x * x, term = x, sum = x;
            for (int n = 1; n < 60; n++)
            {
                term *= -x2 / n;
                double add = term / (2 * n + 1);
                sum += add;
                if (Math.Abs(add) < 1e-17 * Math.Abs(sum)) break;
            }
            return 2.0 * InvSqrtPi * sum;
        }
    }
}
