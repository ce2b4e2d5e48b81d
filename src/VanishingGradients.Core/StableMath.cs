using System;
using MathNet.Numerics;

namespace VanishingGradients
{
    /// <summary>Overflow-free building blocks shared by the activations: none returns NaN or ±∞ for a finite input.</summary>
    public static class StableMath
    {
        private const double InvSqrt2 = 0.70710678118654752440;
        private const double InvSqrt2Pi = 0.39894228040143267794;

        /// <summary>1/(1+e^-x) evaluated on the side where the exponential cannot overflow.</summary>
        public static double Sigmoid(double x)
        {
            if (x >= 0) return 1.0 / (1.0 + Math.Exp(-x));
            double e = Math.Exp(x);
            return e / (1.0 + e);
        }

        /// <summary>σ'(x) = e^-|x| / (1+e^-|x|)²: keeps relative accuracy in both tails, where s(1-s) would round to 0 early.</summary>
        public static double SigmoidDerivative(double x)
        {
            double e = Math.Exp(-Math.Abs(x));
            double d = 1.0 + e;
            return Math.Min(0.25, e / (d * d)); // e/(1+e)² rounds one ulp above 1/4 as e → 1
        }

        /// <summary>sech²(x) = 4e^-2|x| / (1+e^-2|x|)², the tanh derivative without the cancellation of 1-tanh².</summary>
        public static double TanhDerivative(double x)
        {
            double e = Math.Exp(-2.0 * Math.Abs(x));
            double d = 1.0 + e;
            return Math.Min(1.0, 4.0 * e / (d * d)); // likewise one ulp above 1 near 0
        }

        // Kahan's corrections for log1p and expm1: MathNet's Expm1 switches to a short Taylor series for |x| ≤ 0.1
        // and is off by ~1e-9 there (found by the central-difference test of ELU), so neither is taken from it.

        /// <summary>ln(1+x) with full relative accuracy for small x.</summary>
        public static double Log1P(double x)
        {
            double u = 1.0 + x;
            if (u == 1.0) return x;
            if (double.IsPositiveInfinity(u)) return Math.Log(x);
            return Math.Log(u) * (x / (u - 1.0));
        }

        /// <summary>e^x - 1 with full relative accuracy for small x (within a few ulps).</summary>
        public static double ExpM1(double x)
        {
            double u = Math.Exp(x);
            if (u == 1.0) return x;
            double um1 = u - 1.0;
            if (um1 == -1.0) return -1.0;
            if (double.IsPositiveInfinity(u)) return u;
            return um1 * (x / Math.Log(u));
        }

        /// <summary>Standard normal CDF Φ(x) = erfc(-x/√2)/2.</summary>
        public static double NormalCdf(double x) => 0.5 * SpecialFunctions.Erfc(-x * InvSqrt2);

        /// <summary>Standard normal density φ(x); 0 once x² overflows.</summary>
        public static double NormalPdf(double x) => InvSqrt2Pi * Math.Exp(-0.5 * x * x);

        /// <summary>Units in the last place between two doubles (0 when equal, long.MaxValue if either is NaN).</summary>
        public static long UlpDistance(double a, double b)
        {
            if (double.IsNaN(a) || double.IsNaN(b)) return long.MaxValue;
            if (a == b) return 0;
            long ia = BitConverter.DoubleToInt64Bits(a), ib = BitConverter.DoubleToInt64Bits(b);
            if (ia < 0) ia = long.MinValue - ia;
            if (ib < 0) ib = long.MinValue - ib;
            return Math.Abs(ia - ib);
        }
    }
}
