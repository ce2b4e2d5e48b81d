using System;
using VanishingGradients.Vectorized;
using MathNet.Numerics;

namespace VanishingGradients
{
    /// <summary>GELU, exact: x·Φ(x) with Φ the standard normal CDF.</summary>
    public sealed class Gelu : Activation
    {
        internal Gelu() { }
        private static readonly double Max = StableMath.NormalCdf(Math.Sqrt(2)) + Math.Sqrt(2) * StableMath.NormalPdf(Math.Sqrt(2));
        public override string Name => "GELU";
        public override string Formula => "x·Φ(x)";
        public override string DerivativeFormula => "Φ(x) + x·φ(x)";
        public override string Range => "[-0.17, ∞)";
        /// <summary>Attained at x = √2, where (Φ + xφ)' = φ(x)(2 - x²) vanishes.</summary>
        public override double MaxAbsDerivative => Max;
        public override bool IsZeroCentred => false;
        public override bool Saturates => true;
        public override string Introduced => "2016";
        public override string Pros => "smooth ReLU; standard in transformers";
        public override string Cons => "costlier (erf); small negative dip";
        public override double Value(double x) => x * StableMath.NormalCdf(x);

        public override double Derivative(double x)
        {
            double pdf = StableMath.NormalPdf(x);
            return StableMath.NormalCdf(x) + (pdf == 0.0 ? 0.0 : x * pdf);
        }

        private protected override bool RunKernel(VectorWidth width, ReadOnlySpan<double> inputs, Span<double> values, Span<double> derivatives) =>
            ActivationKernels.Run(default(GeluKernel), width, inputs, values, derivatives);
    }

    /// <summary>GELU, tanh approximation: 0.5x(1+tanh(√(2/π)(x+0.044715x³))), evaluated as x·σ(2u) to avoid cancellation.</summary>
    public sealed class GeluTanh : Activation
    {
        private const double C = 0.79788456080286535588; // √(2/π)
        private const double K = 0.044715;
        internal GeluTanh() { }
        private static readonly double Max = MaxOf(new GeluTanh());
        public override string Name => "GELUTanh";
        public override string Formula => "0.5x(1+tanh(√(2/π)(x+0.044715x³)))";
        public override string DerivativeFormula => "σ(2u) + 2x·σ'(2u)·u', u = √(2/π)(x+0.044715x³)";
        public override string Range => "[-0.17, ∞)";
        public override double MaxAbsDerivative => Max;
        public override bool IsZeroCentred => false;
        public override bool Saturates => true;
        public override string Introduced => "2016";
        public override string Pros => "cheap approximation of GELU";
        public override string Cons => "differs from exact GELU by up to ~5e-4";

        private static double U(double x) => C * (x + K * x * x * x);

        public override double Value(double x) => x * StableMath.Sigmoid(2.0 * U(x));

        public override double Derivative(double x)
        {
            double u = U(x);
            double sd = StableMath.SigmoidDerivative(2.0 * u);
            // sd underflows before u' = C(1+3Kx²) can overflow, so the product is only formed while it is finite.
            return StableMath.Sigmoid(2.0 * u) + (sd == 0.0 ? 0.0 : 2.0 * x * sd * C * (1.0 + 3.0 * K * x * x));
        }

        internal static double MaxOf(Activation a)
        {
            double at = FindMinimum.OfScalarFunctionConstrained(x => -a.Derivative(x), 0.5, 5.0, 1e-12);
            return a.Derivative(at);
        }
    }

    /// <summary>SiLU (Swish): x·σ(x).</summary>
    public sealed class Silu : Activation
    {
        internal Silu() { }
        private static readonly double Max = GeluTanh.MaxOf(new Silu());
        public override string Name => "SiLU";
        public override string Formula => "x·σ(x)";
        public override string DerivativeFormula => "σ(x)(1 + x·σ(-x))";
        public override string Range => "[-0.28, ∞)";
        public override double MaxAbsDerivative => Max;
        public override bool IsZeroCentred => false;
        public override bool Saturates => true;
        public override string Introduced => "2017";
        public override string Pros => "smooth, non-monotone ReLU alternative";
        public override string Cons => "costlier than ReLU";
        public override double Value(double x) => x * StableMath.Sigmoid(x);

        public override double Derivative(double x)
        {
            double s = StableMath.Sigmoid(x);
            return s == 0.0 ? 0.0 : s * (1.0 + x * StableMath.Sigmoid(-x));
        }

        private protected override bool RunKernel(VectorWidth width, ReadOnlySpan<double> inputs, Span<double> values, Span<double> derivatives) =>
            ActivationKernels.Run(default(SiluKernel), width, inputs, values, derivatives);
    }

    /// <summary>Softplus: ln(1+e^x), a smooth ReLU whose derivative is σ(x).</summary>
    public sealed class Softplus : Activation
    {
        internal Softplus() { }
        public override string Name => "Softplus";
        public override string Formula => "ln(1+e^x)";
        public override string DerivativeFormula => "σ(x)";
        public override string Range => "(0, ∞)";
        public override double MaxAbsDerivative => 1.0;
        public override bool IsZeroCentred => false;
        public override bool Saturates => true;
        public override string Introduced => "2001";
        public override string Pros => "smooth everywhere";
        public override string Cons => "costlier than ReLU; saturates for x ≪ 0";
        public override double Value(double x) => Math.Max(x, 0.0) + StableMath.Log1P(Math.Exp(-Math.Abs(x)));
        public override double Derivative(double x) => StableMath.Sigmoid(x);
    }

    /// <summary>Mish: x·tanh(softplus(x)), with tanh(softplus(x)) written as n/(n+2), n = e^x(e^x+2), to avoid overflow.</summary>
    public sealed class Mish : Activation
    {
        internal Mish() { }
        private static readonly double Max = GeluTanh.MaxOf(new Mish());
        public override string Name => "Mish";
        public override string Formula => "x·tanh(ln(1+e^x))";
        public override string DerivativeFormula => "t + x·σ(x)(1-t²), t = tanh(ln(1+e^x))";
        public override string Range => "[-0.31, ∞)";
        public override double MaxAbsDerivative => Max;
        public override bool IsZeroCentred => false;
        public override bool Saturates => true;
        public override string Introduced => "2019";
        public override string Pros => "smooth, non-monotone; small negative outputs keep gradients alive";
        public override string Cons => "costlier than SiLU, which it closely resembles";

        /// <summary>t = tanh(softplus(x)) and 1-t², free of overflow and of cancellation in 1-t².</summary>
        private static (double T, double OneMinusT2) TanhSoftplus(double x)
        {
            if (x <= 0.0)
            {
                double e = Math.Exp(x), n = e * (e + 2.0), d = n + 2.0;
                return (n / d, (4.0 * n + 4.0) / (d * d));
            }
            // For x > 0 use m = e^-x: t = (1+2m)/(1+2m+2m²), 1-t² = (2m(1+m)/(1+2m+2m²))².
            double m = Math.Exp(-x), q = 1.0 + 2.0 * m + 2.0 * m * m, r = 2.0 * m * (1.0 + m) / q;
            return ((1.0 + 2.0 * m) / q, r * r);
        }

        public override double Value(double x) => x * TanhSoftplus(x).T;

        public override double Derivative(double x)
        {
            var (t, oneMinusT2) = TanhSoftplus(x);
            // x·σ(x) is finite for finite x; once 1-t² or σ has underflowed the term is exactly 0 (no ∞·0).
            return t + x * StableMath.Sigmoid(x) * oneMinusT2;
        }
    }
}
