using System;

namespace VanishingGradients
{
    // Bounded units, as torch.nn.functional defines them. Where a unit clips to a bound (HardTanh at ±1, HardSigmoid
    // at ±3, ReLU6 at 6) the derivative at the kink is the flat side's 0: torch's backward passes use strict
    // inequalities there. ReLU6's kink at x = 0 follows DerivativeAtZero, whose default Left also agrees with torch.

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
