using System;
using VanishingGradients.Vectorized;

namespace VanishingGradients
{
    /// <summary>Which one-sided derivative a piecewise activation reports at its kink x = 0 (ReLU family, Step).</summary>
    public enum DerivativeAtZero
    {
        /// <summary>The left-hand slope: ReLU'(0)=0, LeakyReLU'(0)=α (what the labs' "x &gt; 0" tests compute). The default.</summary>
        Left = 0,
        /// <summary>The right-hand slope: ReLU'(0)=1 (the labs' "x ≥ 0" variant).</summary>
        Right = 1,
    }

    /// <summary>One point of an activation curve: f(x) and f'(x); <see cref="Parameter"/> is α or a where the activation has one.</summary>
    public sealed record ActivationPoint(string Name, double Input, double Value, double Derivative, double? Parameter = null);

    /// <summary>A catalogue row (labs.md §1 and §6): what an activation is and how it treats gradients.</summary>
    public sealed record ActivationInfo(string Name, string Formula, string DerivativeFormula, string Range, double MaxDerivative,
        bool ZeroCentred, bool Saturates, bool CanDie, double? Parameter, string Introduced, string Pros, string Cons);

    /// <summary>
    /// A scalar activation f with its derivative f'. Instances are immutable and thread-safe.
    /// Every finite input gives a finite value and derivative; NaN propagates.
    /// </summary>
    public abstract class Activation
    {
        /// <summary>Canonical name, as accepted by <see cref="Activations.Get(string)"/>.</summary>
        public abstract string Name { get; }
        public abstract string Formula { get; }
        public abstract string DerivativeFormula { get; }
        /// <summary>Range of f, in interval notation.</summary>
        public abstract string Range { get; }
        /// <summary>sup |f'(x)| over all x: the per-layer bound on gradient attenuation.</summary>
        public abstract double MaxAbsDerivative { get; }
        /// <summary>True when f(0)=0 and f takes both signs, so activations are centred around zero.</summary>
        public abstract bool IsZeroCentred { get; }
        /// <summary>True when f' tends to 0 in at least one tail (the unit stops learning there).</summary>
        public abstract bool Saturates { get; }
        /// <summary>True for activations whose derivative is exactly 0 on a half-line (units can die).</summary>
        public virtual bool CanDie => false;
        /// <summary>The shape parameter (α, a) where the activation has one, else null.</summary>
        public virtual double? Parameter => null;
        public abstract string Introduced { get; }
        public abstract string Pros { get; }
        public abstract string Cons { get; }

        /// <summary>f(x).</summary>
        public abstract double Value(double x);

        /// <summary>f'(x).</summary>
        public abstract double Derivative(double x);

        /// <summary>
        /// f and f' over a span. <paramref name="values"/> and <paramref name="derivatives"/> must be at least as long as
        /// <paramref name="inputs"/>; either may be empty to skip it. Vectorised where the activation has a fast kernel.
        /// </summary>
        public virtual void Evaluate(ReadOnlySpan<double> inputs, Span<double> values, Span<double> derivatives) =>
            Evaluate(inputs, values, derivatives, VectorWidth.Widest);

        /// <summary><see cref="Evaluate(ReadOnlySpan{double}, Span{double}, Span{double})"/> with the kernel at a chosen width (tests run each).</summary>
        internal void Evaluate(ReadOnlySpan<double> inputs, Span<double> values, Span<double> derivatives, VectorWidth width)
        {
            CheckLengths(inputs, values, derivatives);
            if (RunKernel(width, inputs, values, derivatives)) return;
            if (!values.IsEmpty) for (int i = 0; i < inputs.Length; i++) values[i] = Value(inputs[i]);
            if (!derivatives.IsEmpty) for (int i = 0; i < inputs.Length; i++) derivatives[i] = Derivative(inputs[i]);
        }

        /// <summary>The activation's vectorised kernel (<see cref="ActivationKernels.Run{T}"/>) if it has one; false: it has none.</summary>
        private protected virtual bool RunKernel(VectorWidth width, ReadOnlySpan<double> inputs, Span<double> values, Span<double> derivatives) => false;

        /// <summary>f over an array (allocates the result).</summary>
        public double[] Values(double[] inputs)
        {
            var v = new double[inputs.Length];
            Evaluate(inputs, v, Span<double>.Empty);
            return v;
        }

        /// <summary>f' over an array (allocates the result).</summary>
        public double[] Derivatives(double[] inputs)
        {
            var d = new double[inputs.Length];
            Evaluate(inputs, Span<double>.Empty, d);
            return d;
        }

        /// <summary>The tangent of f at <paramref name="point"/> evaluated at x: f(p) + f'(p)(x - p).</summary>
        public double Tangent(double point, double x) => Value(point) + Derivative(point) * (x - point);

        /// <summary>f(gain·x): the unit with its pre-activation scaled by <paramref name="gain"/>.</summary>
        public double ScaledValue(double gain, double x) => Value(gain * x);

        /// <summary>d/dx f(gain·x) = gain·f'(gain·x); 0 when f' has underflowed, so a huge gain cannot give ∞·0.</summary>
        public double ScaledDerivative(double gain, double x)
        {
            double d = Derivative(gain * x);
            return d == 0.0 ? 0.0 : gain * d;
        }

        /// <summary>This activation as a catalogue row.</summary>
        public ActivationInfo Describe() => new ActivationInfo(Name, Formula, DerivativeFormula, Range, MaxAbsDerivative,
            IsZeroCentred, Saturates, CanDie, Parameter, Introduced, Pros, Cons);

        /// <summary>f and f' at one input.</summary>
        public ActivationPoint At(double x) => new ActivationPoint(Name, x, Value(x), Derivative(x), Parameter);

        public override string ToString() => Parameter is double p ? $"{Name}({p})" : Name;

        protected static void CheckLengths(ReadOnlySpan<double> inputs, Span<double> values, Span<double> derivatives)
        {
            if (!values.IsEmpty && values.Length < inputs.Length)
                throw new ArgumentException("The values span is shorter than the inputs.", nameof(values));
            if (!derivatives.IsEmpty && derivatives.Length < inputs.Length)
                throw new ArgumentException("The derivatives span is shorter than the inputs.", nameof(derivatives));
        }
    }
}
