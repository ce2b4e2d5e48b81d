using System;

namespace VanishingGradients
{
    // Later activations, defined as torch defines them (torch.nn.functional). At a kink the derivative is that of
    // the flat piece wherever the unit clips to a bound (HardTanh at ±1, HardSigmoid at ±3, ReLU6 at 6): torch's
    // backward passes use strict inequalities there. The kink at x = 0 (ReLU6, SELU) follows DerivativeAtZero, whose
    // default Left also agrees with torch.

    /// <summary>SELU: λx for x &gt; 0, λα(e^x-1) otherwise, with torch's constants (self-normalising networks).</summary>
    public sealed class Selu : Activation
    {
        /// <summary>λ and α as torch writes them (Klambauer et al. 2017).</summary>
        public const double Lambda = 1.0507009873554804934193349852946;
        public const double Alpha = 1.6732632423543772848170429916717;
        private const double LambdaAlpha = Lambda * Alpha;

        internal Selu(DerivativeAtZero atZero) => AtZero = atZero;

        public DerivativeAtZero AtZero { get; }
        public override string Name => "SELU";
        public override string Formula => "λx if x > 0 else λα(e^x-1), λ ≈ 1.0507, α ≈ 1.6733";
        public override string DerivativeFormula => "λ if x > 0 else λαe^x";
        public override string Range => "(-1.7581, ∞)";
        /// <summary>λα, the left-hand slope at 0.</summary>
        public override double MaxAbsDerivative => LambdaAlpha;
        public override bool IsZeroCentred => true;
        public override bool Saturates => true;
        public override string Introduced => "2017";
        public override string Pros => "self-normalising: keeps activations near mean 0, variance 1 with LeCun-normal weights";
        public override string Cons => "needs LeCun-normal initialisation; slope λα > 1 near 0⁻ can amplify gradients";

        // λx exceeds double.MaxValue for x > MaxValue/λ: clamp there (torch gives ∞) so finite inputs stay finite.
        public override double Value(double x) => x > 0.0 ? Math.Min(Lambda * x, double.MaxValue) : LambdaAlpha * StableMath.ExpM1(x);

        public override double Derivative(double x)
        {
            if (x > 0.0) return Lambda;
            if (x == 0.0 && AtZero == DerivativeAtZero.Right) return Lambda;
            return LambdaAlpha * Math.Exp(x);
        }
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

    /// <summary>
    /// The clipped linear units: f(x) = (x + shift)/divisor between two kinks, constant outside. HardTanh clamps x to
    /// [-1, 1], HardSigmoid is torch's relu6(x+3)/6 (kinks ±3), ReLU6 clamps x to [0, 6].
    /// </summary>
    public sealed class ClippedLinear : Activation
    {
        private readonly double _shift, _divisor, _slope, _lo, _hi;

        private ClippedLinear(string name, double kinkLo, double kinkHi, double shift, double divisor, DerivativeAtZero atZero,
            string formula, string introduced, string pros, string cons)
        {
            Name = name; KinkLo = kinkLo; KinkHi = kinkHi; _shift = shift; _divisor = divisor; AtZero = atZero;
            Formula = formula; Introduced = introduced; Pros = pros; Cons = cons;
            _slope = 1.0 / divisor;
            _lo = (kinkLo + shift) / divisor;
            _hi = (kinkHi + shift) / divisor;
        }

        internal static ClippedLinear HardTanh() => new ClippedLinear("HardTanh", -1.0, 1.0, 0.0, 1.0, DerivativeAtZero.Left,
            "clamp(x, -1, 1)", "2004", "cheap, zero-centred tanh substitute", "zero gradient for |x| > 1");

        internal static ClippedLinear HardSigmoid() => new ClippedLinear("HardSigmoid", -3.0, 3.0, 3.0, 6.0, DerivativeAtZero.Left,
            "relu6(x+3)/6", "2019", "cheap sigmoid substitute (MobileNetV3)", "slope only 1/6; zero gradient for |x| > 3");

        internal static ClippedLinear ReLU6(DerivativeAtZero atZero) => new ClippedLinear("ReLU6", 0.0, 6.0, 0.0, 1.0, atZero,
            "min(max(0, x), 6)", "2010", "bounded output suits low-precision arithmetic", "dying units below 0 and above 6");

        /// <summary>The kinks: f is constant for x ≤ KinkLo and for x ≥ KinkHi.</summary>
        public double KinkLo { get; }
        public double KinkHi { get; }
        /// <summary>The convention at x = 0, which only ReLU6 has as a kink.</summary>
        public DerivativeAtZero AtZero { get; }
        public override string Name { get; }
        public override string Formula { get; }
        public override string DerivativeFormula => $"{(_divisor == 1.0 ? "1" : $"1/{_divisor}")} if {KinkLo} < x < {KinkHi} else 0";
        public override string Range => $"[{_lo}, {_hi}]";
        public override double MaxAbsDerivative => _slope;
        public override bool IsZeroCentred => _lo < 0.0;
        public override bool Saturates => true;
        public override bool CanDie => true;
        public override string Introduced { get; }
        public override string Pros { get; }
        public override string Cons { get; }

        // Testing x against the kinks (not the output against the bounds) keeps x + shift from rounding at huge |x|.
        public override double Value(double x)
        {
            if (x <= KinkLo) return _lo;
            if (x >= KinkHi) return _hi;
            return double.IsNaN(x) ? x : (x + _shift) / _divisor;
        }

        public override double Derivative(double x)
        {
            if (x > KinkLo && x < KinkHi) return _slope;
            if (double.IsNaN(x)) return x;
            return KinkLo == 0.0 && x == 0.0 && AtZero == DerivativeAtZero.Right ? _slope : 0.0;
        }
    }

    /// <summary>Softsign: x/(1+|x|), tanh-shaped with polynomial tails.</summary>
    public sealed class Softsign : Activation
    {
        internal Softsign() { }
        public override string Name => "Softsign";
        public override string Formula => "x/(1+|x|)";
        public override string DerivativeFormula => "1/(1+|x|)²";
        public override string Range => "(-1, 1)";
        public override double MaxAbsDerivative => 1.0;
        public override bool IsZeroCentred => true;
        public override bool Saturates => true;
        public override string Introduced => "2009";
        public override string Pros => "zero-centred; saturates polynomially, more slowly than tanh";
        public override string Cons => "still saturates; f' ≤ 1 shrinks gradients away from 0";

        public override double Value(double x) => x / (1.0 + Math.Abs(x));

        public override double Derivative(double x)
        {
            double r = 1.0 / (1.0 + Math.Abs(x));
            return r * r;
        }
    }
}
