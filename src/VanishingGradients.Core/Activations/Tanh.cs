using System;
using VanishingGradients.Vectorized;

namespace VanishingGradients
{
    /// <summary>tanh(x) = 2σ(2x)-1; tanh' = 1-tanh² ≤ 1.</summary>
    public sealed class Tanh : Activation
    {
        internal Tanh() { }
        public override string Name => "Tanh";
        public override string Formula => "(e^x-e^-x)/(e^x+e^-x)";
        public override string DerivativeFormula => "1-t², t = f(x)";
        public override string Range => "(-1, 1)";
        public override double MaxAbsDerivative => 1.0;
        public override bool IsZeroCentred => true;
        public override bool Saturates => true;
        public override string Introduced => "1990s";
        public override string Pros => "zero-centred, gradient up to 1";
        public override string Cons => "still saturates both tails";
        public override double Value(double x) => Math.Tanh(x);
        public override double Derivative(double x) => StableMath.TanhDerivative(x);

        private protected override bool RunKernel(VectorWidth width, ReadOnlySpan<double> inputs, Span<double> values, Span<double> derivatives) =>
            ActivationKernels.Run(default(TanhKernel), width, inputs, values, derivatives);

        /// <summary>tanh' from the unit's output t alone: 1-t².</summary>
        public static double DerivativeFromOutput(double t) => 1.0 - t * t;
    }
}
