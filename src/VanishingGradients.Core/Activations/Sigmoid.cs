using System;
using VanishingGradients.Vectorized;

namespace VanishingGradients
{
    /// <summary>σ(x) = 1/(1+e^-x); σ' = σ(1-σ) ≤ 1/4, the culprit of the vanishing gradient.</summary>
    public sealed class Sigmoid : Activation
    {
        internal Sigmoid() { }
        public override string Name => "Sigmoid";
        public override string Formula => "1/(1+e^-x)";
        public override string DerivativeFormula => "s(1-s), s = f(x)";
        public override string Range => "(0, 1)";
        public override double MaxAbsDerivative => 0.25;
        public override bool IsZeroCentred => false;
        public override bool Saturates => true;
        public override string Introduced => "1986";
        public override string Pros => "smooth; output reads as a probability";
        public override string Cons => "max gradient 1/4, saturates both tails, not zero-centred";
        public override double Value(double x) => StableMath.Sigmoid(x);
        public override double Derivative(double x) => StableMath.SigmoidDerivative(x);

        private protected override bool RunKernel(VectorWidth width, ReadOnlySpan<double> inputs, Span<double> values, Span<double> derivatives) =>
            ActivationKernels.Run(default(SigmoidKernel), width, inputs, values, derivatives);

        /// <summary>σ' from the unit's output s alone: s(1-s) (the gradient-from-output form).</summary>
        public static double DerivativeFromOutput(double s) => s * (1.0 - s);
    }
}
