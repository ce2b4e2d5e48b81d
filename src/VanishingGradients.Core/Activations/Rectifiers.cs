using System;
using VanishingGradients.Vectorized;

namespace VanishingGradients
{
    /// <summary>
    /// The ReLU family: f(x) = x for x &gt; 0 and αx otherwise (α = 0 is ReLU, small α Leaky ReLU, a learned α PReLU).
    /// The derivative at the kink follows <see cref="DerivativeAtZero"/>.
    /// </summary>
    public sealed class Rectifier : Activation
    {
        private readonly string _name;

        internal Rectifier(string name, double alpha, DerivativeAtZero atZero)
        {
            if (double.IsNaN(alpha) || alpha < 0.0 || alpha > 1.0)
                throw new ArgumentOutOfRangeException(nameof(alpha), alpha, $"{name}'s negative slope must be in [0, 1].");
            _name = name;
            Alpha = alpha;
            AtZero = atZero;
        }

        /// <summary>The slope for x &lt; 0.</summary>
        public double Alpha { get; }
        public DerivativeAtZero AtZero { get; }
        public override string Name => _name;
        public override double? Parameter => _name == "ReLU" ? (double?)null : Alpha;
        public override string Formula => Alpha == 0.0 ? "max(0, x)" : $"x if x > 0 else {Alpha}·x";
        public override string DerivativeFormula => Alpha == 0.0 ? "1 if x > 0 else 0" : $"1 if x > 0 else {Alpha}";
        public override string Range => Alpha == 0.0 ? "[0, ∞)" : "(-∞, ∞)";
        public override double MaxAbsDerivative => 1.0;
        public override bool IsZeroCentred => false;
        public override bool Saturates => Alpha == 0.0;
        public override bool CanDie => Alpha == 0.0;
        public override string Introduced => Alpha == 0.0 ? "2011" : "2015";
        public override string Pros => Alpha == 0.0 ? "gradient exactly 1 for active units; cheap" : "no dead units; cheap";
        public override string Cons => Alpha == 0.0 ? "dying units (zero gradient for x < 0); not zero-centred" : "slope α is a hyperparameter (or learned)";

        // +0.0 for ReLU's negative side, as numpy and torch give (0·x would be -0.0, and NaN at -∞); for α > 0, + 0.0
        // turns α·(-0.0) into +0.0 and changes nothing else. NaN stays NaN.
        public override double Value(double x) =>
            x > 0.0 || double.IsNaN(x) ? x : Alpha == 0.0 ? 0.0 : Alpha * x + 0.0;

        public override double Derivative(double x)
        {
            if (x > 0.0) return 1.0;
            if (x < 0.0) return Alpha;
            if (double.IsNaN(x)) return x;
            return AtZero == DerivativeAtZero.Right ? 1.0 : Alpha;
        }

        private protected override bool RunKernel(VectorWidth width, ReadOnlySpan<double> inputs, Span<double> values, Span<double> derivatives) =>
            ActivationKernels.Run(new RectifierKernel(Alpha, AtZero == DerivativeAtZero.Right ? 1.0 : Alpha), width, inputs, values, derivatives);
    }

    /// <summary>ELU: x for x &gt; 0, α(e^x-1) otherwise; smooth at 0 when α = 1.</summary>
    public sealed class Elu : Activation
    {
        internal Elu(double alpha, DerivativeAtZero atZero)
        {
            // α sets the floor -α and the largest slope max(1, α); beyond MaxAlpha it is no longer an ELU anyone trains.
            if (!(alpha > 0.0 && alpha <= MaxAlpha))
                throw new ArgumentOutOfRangeException(nameof(alpha), alpha, $"ELU's α must be in (0, {MaxAlpha}].");
            Alpha = alpha;
            AtZero = atZero;
        }

        public double Alpha { get; }

        /// <summary>Largest α accepted: the papers use α = 1 (SELU's is about 1.67).</summary>
        public const double MaxAlpha = 10.0;
        public DerivativeAtZero AtZero { get; }
        public override string Name => "ELU";
        public override double? Parameter => Alpha;
        public override string Formula => "x if x > 0 else α(e^x-1)";
        public override string DerivativeFormula => "1 if x > 0 else αe^x";
        public override string Range => $"(-{Alpha}, ∞)";
        public override double MaxAbsDerivative => Math.Max(1.0, Alpha);
        public override bool IsZeroCentred => true;
        public override bool Saturates => true;
        public override string Introduced => "2015";
        public override string Pros => "mean activation near zero; smooth; no dead units";
        public override string Cons => "exponential is costlier; saturates for x ≪ 0";

        public override double Value(double x) => x > 0.0 ? x : Alpha * StableMath.ExpM1(x);

        public override double Derivative(double x)
        {
            if (x > 0.0) return 1.0;
            if (x == 0.0 && AtZero == DerivativeAtZero.Right) return 1.0;
            return Alpha * Math.Exp(x);
        }
    }

    /// <summary>
    /// SELU: λx for x &gt; 0, λα(e^x-1) otherwise, with torch's constants (self-normalising networks). At 0 the
    /// derivative follows <see cref="DerivativeAtZero"/>: λα from the left (the default, as torch), λ from the right.
    /// </summary>
    public sealed class Selu : Activation
    {
        /// <summary>λ and α as torch writes them (Klambauer et al. 2017).</summary>
        public const double Lambda = 1.0507009873554804934193349852946;
        public const double Alpha = 1.6732632423543772848170429916717;
        private const double LambdaAlpha = Lambda * Alpha;

        internal Selu(DerivativeAtZero atZero) => AtZero = atZero;

        public DerivativeAtZero AtZero { get; }
        public override string Name => "SELU";
        public override string Formula => "λ(x if x > 0 else α(e^x-1))";
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

    /// <summary>The historical threshold unit: 1 for x ≥ 0, else 0. Its derivative is 0 everywhere gradient descent can see.</summary>
    public sealed class Step : Activation
    {
        internal Step() { }
        public override string Name => "Step";
        public override string Formula => "1 if x ≥ 0 else 0";
        public override string DerivativeFormula => "0 (undefined at 0)";
        public override string Range => "{0, 1}";
        public override double MaxAbsDerivative => 0.0;
        public override bool IsZeroCentred => false;
        public override bool Saturates => true;
        public override bool CanDie => true;
        public override string Introduced => "1943";
        public override string Pros => "simple; models a firing neuron";
        public override string Cons => "zero gradient: cannot be trained by gradient descent";
        public override double Value(double x) => double.IsNaN(x) ? x : x >= 0.0 ? 1.0 : 0.0;
        public override double Derivative(double x) => double.IsNaN(x) ? x : 0.0;

        private protected override bool RunKernel(VectorWidth width, ReadOnlySpan<double> inputs, Span<double> values, Span<double> derivatives) =>
            ActivationKernels.Run(default(StepKernel), width, inputs, values, derivatives);
    }

    /// <summary>f(x) = x: the linear unit, a baseline with gradient exactly 1.</summary>
    public sealed class Identity : Activation
    {
        internal Identity() { }
        public override string Name => "Identity";
        public override string Formula => "x";
        public override string DerivativeFormula => "1";
        public override string Range => "(-∞, ∞)";
        public override double MaxAbsDerivative => 1.0;
        public override bool IsZeroCentred => true;
        public override bool Saturates => false;
        public override string Introduced => "—";
        public override string Pros => "no attenuation";
        public override string Cons => "a stack of linear layers is one linear map";
        public override double Value(double x) => x;
        public override double Derivative(double x) => double.IsNaN(x) ? x : 1.0;

        private protected override bool RunKernel(VectorWidth width, ReadOnlySpan<double> inputs, Span<double> values, Span<double> derivatives) =>
            ActivationKernels.Run(default(IdentityKernel), width, inputs, values, derivatives);
    }
}
