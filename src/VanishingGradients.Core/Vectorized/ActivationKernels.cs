#if NET8_0_OR_GREATER
using System;
using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace VanishingGradients.Vectorized
{
    /// <summary>f and f' for one vector of inputs. Kernels are structs so that <see cref="ActivationKernels.Run{T}"/> is specialised and inlined per kernel.</summary>
    internal interface IActivationKernel
    {
        void Invoke(Vector<double> x, out Vector<double> value, out Vector<double> derivative);
    }

    /// <summary>
    /// Runs an <see cref="IActivationKernel"/> over spans. The last partial vector is padded and run through the same
    /// kernel, so a point's result never depends on where it sits in the span. The kernels follow the scalar formulas of
    /// the activations step by step; they differ only through <see cref="VectorMath"/> (a few ulp, see VectorizedTests).
    /// </summary>
    internal static class ActivationKernels
    {
        /// <summary>False on hardware without SIMD, where <see cref="Vector{T}"/> would be emulated and slower than the scalar loop.</summary>
        public static bool Accelerated => Vector.IsHardwareAccelerated;

        public static void Run<T>(T kernel, ReadOnlySpan<double> inputs, Span<double> values, Span<double> derivatives) where T : struct, IActivationKernel
        {
            int n = inputs.Length, w = Vector<double>.Count, i = 0;
            bool wantValues = !values.IsEmpty, wantDerivatives = !derivatives.IsEmpty;
            ref double x = ref MemoryMarshal.GetReference(inputs);
            ref double v = ref MemoryMarshal.GetReference(values);
            ref double d = ref MemoryMarshal.GetReference(derivatives);
            for (; i <= n - w; i += w)
            {
                kernel.Invoke(Vector.LoadUnsafe(ref x, (nuint)i), out var fv, out var fd);
                if (wantValues) fv.StoreUnsafe(ref v, (nuint)i);
                if (wantDerivatives) fd.StoreUnsafe(ref d, (nuint)i);
            }
            if (i == n) return;

            Span<double> tail = stackalloc double[w];
            inputs.Slice(i).CopyTo(tail);
            kernel.Invoke(new Vector<double>(tail), out var tv, out var td);
            int rest = n - i;
            if (wantValues) { tv.CopyTo(tail); tail.Slice(0, rest).CopyTo(values.Slice(i)); }
            if (wantDerivatives) { td.CopyTo(tail); tail.Slice(0, rest).CopyTo(derivatives.Slice(i)); }
        }

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        internal static Vector<double> Select(Vector<long> condition, double ifTrue, Vector<double> ifFalse) =>
            Vector.ConditionalSelect(condition, new Vector<double>(ifTrue), ifFalse);

        /// <summary>x with NaN lanes replaced by <paramref name="value"/>'s, i.e. NaN propagates.</summary>
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        internal static Vector<double> KeepNaN(Vector<double> x, Vector<double> value) => Vector.ConditionalSelect(Vector.Equals(x, x), value, x);
    }

    /// <summary>StableMath.Sigmoid and SigmoidDerivative from one exponential e = e^-|x|: σ = (x ≥ 0 ? 1 : e)/(1+e), σ' = e/(1+e)².</summary>
    internal readonly struct SigmoidKernel : IActivationKernel
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public void Invoke(Vector<double> x, out Vector<double> value, out Vector<double> derivative)
        {
            var e = VectorMath.Exp(-Vector.Abs(x));
            // One division: the scalar path's e/(1+e) and e/(1+e)² become e·r and e·r² with r = 1/(1+e).
            var r = Vector<double>.One / (Vector<double>.One + e);
            var er = e * r;
            value = Vector.ConditionalSelect(Vector.GreaterThanOrEqual(x, Vector<double>.Zero), r, er);
            derivative = er * r;
        }
    }

    /// <summary>
    /// tanh from e = e^-2|x|: (1-e)/(1+e) for |x| ≥ 0.625 and Cephes' rational below, where 1-e would cancel;
    /// the derivative is StableMath.TanhDerivative, 4e/(1+e)².
    /// </summary>
    internal readonly struct TanhKernel : IActivationKernel
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public void Invoke(Vector<double> x, out Vector<double> value, out Vector<double> derivative)
        {
            var ax = Vector.Abs(x);
            var e = VectorMath.Exp(ax * new Vector<double>(-2.0));
            var r = Vector<double>.One / (Vector<double>.One + e);
            var t = (Vector<double>.One - e) * r;
            var small = Vector.LessThan(ax, new Vector<double>(0.625));
            if (!Vector.EqualsAll(small, Vector<long>.Zero))
            {
                var z = ax * ax;
                var p = ((new Vector<double>(-9.64399179425052238628e-1) * z + new Vector<double>(-9.92877231001918586564e1)) * z + new Vector<double>(-1.61468768441708447952e3)) * z;
                var q = ((z + new Vector<double>(1.12811678491632931402e2)) * z + new Vector<double>(2.23548839060100448583e3)) * z + new Vector<double>(4.84406305325125486048e3);
                t = Vector.ConditionalSelect(small, ax + ax * (p / q), t);
            }
            // Copy x's sign onto |tanh|: keeps -0.0 and NaN as they are.
            var sign = Vector.BitwiseAnd(Vector.AsVectorInt64(x), new Vector<long>(long.MinValue));
            value = Vector.AsVectorDouble(Vector.BitwiseOr(Vector.AsVectorInt64(t), sign));
            derivative = new Vector<double>(4.0) * e * r * r;
        }
    }

    /// <summary>Rectifier: x for x &gt; 0 else αx; f' = 1, α, or the chosen one-sided slope at 0; NaN propagates.</summary>
    internal readonly struct RectifierKernel : IActivationKernel
    {
        private readonly double _alpha, _atZero;

        public RectifierKernel(double alpha, double atZero) { _alpha = alpha; _atZero = atZero; }

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public void Invoke(Vector<double> x, out Vector<double> value, out Vector<double> derivative)
        {
            var positive = Vector.GreaterThan(x, Vector<double>.Zero);
            value = Vector.ConditionalSelect(positive, x, x * new Vector<double>(_alpha));
            var negativeOrZero = ActivationKernels.Select(Vector.LessThan(x, Vector<double>.Zero), _alpha, new Vector<double>(_atZero));
            derivative = ActivationKernels.KeepNaN(x, ActivationKernels.Select(positive, 1.0, negativeOrZero));
        }
    }

    /// <summary>Identity: x and 1 (NaN for NaN).</summary>
    internal readonly struct IdentityKernel : IActivationKernel
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public void Invoke(Vector<double> x, out Vector<double> value, out Vector<double> derivative)
        {
            value = x;
            derivative = ActivationKernels.KeepNaN(x, Vector<double>.One);
        }
    }

    /// <summary>Step: 1 for x ≥ 0 else 0, derivative 0 (NaN for NaN).</summary>
    internal readonly struct StepKernel : IActivationKernel
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public void Invoke(Vector<double> x, out Vector<double> value, out Vector<double> derivative)
        {
            value = ActivationKernels.KeepNaN(x, ActivationKernels.Select(Vector.GreaterThanOrEqual(x, Vector<double>.Zero), 1.0, Vector<double>.Zero));
            derivative = ActivationKernels.KeepNaN(x, Vector<double>.Zero);
        }
    }

    /// <summary>Exact GELU: Φ(x) = erfc(-x/√2)/2 (as StableMath.NormalCdf), f = xΦ, f' = Φ + xφ (0 once φ underflows).</summary>
    internal readonly struct GeluKernel : IActivationKernel
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public void Invoke(Vector<double> x, out Vector<double> value, out Vector<double> derivative)
        {
            var cdf = new Vector<double>(0.5) * VectorMath.Erfc(-x * new Vector<double>(0.70710678118654752440));
            var pdf = new Vector<double>(0.39894228040143267794) * VectorMath.Exp(new Vector<double>(-0.5) * x * x);
            value = x * cdf;
            derivative = cdf + Vector.ConditionalSelect(Vector.Equals(pdf, Vector<double>.Zero), Vector<double>.Zero, x * pdf);
        }
    }

    /// <summary>SiLU: xσ(x) and σ(x)(1 + xσ(-x)) from the one exponential of the sigmoid kernel.</summary>
    internal readonly struct SiluKernel : IActivationKernel
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public void Invoke(Vector<double> x, out Vector<double> value, out Vector<double> derivative)
        {
            var e = VectorMath.Exp(-Vector.Abs(x));
            var d = Vector<double>.One + e;
            var s = ActivationKernels.Select(Vector.GreaterThanOrEqual(x, Vector<double>.Zero), 1.0, e) / d;
            var sNeg = ActivationKernels.Select(Vector.GreaterThanOrEqual(-x, Vector<double>.Zero), 1.0, e) / d;
            value = x * s;
            derivative = Vector.ConditionalSelect(Vector.Equals(s, Vector<double>.Zero), Vector<double>.Zero, s * (Vector<double>.One + x * sNeg));
        }
    }
}
#endif
