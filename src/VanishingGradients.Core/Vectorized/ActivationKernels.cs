using System;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using System.Threading.Tasks;

namespace VanishingGradients.Vectorized
{
    /// <summary>
    /// f and f' for one vector of inputs, written once for every width. Kernels are structs so that
    /// <see cref="ActivationKernels.Run{T}"/> is specialised and inlined per kernel and per width.
    /// </summary>
    internal interface IActivationKernel
    {
        void Invoke<V>(V x, out V value, out V derivative) where V : struct, ISimd<V>;
    }

    /// <summary>
    /// Runs an <see cref="IActivationKernel"/> over spans at the widest width the hardware accelerates: 512-bit vectors
    /// where AVX-512 is there, then 256, then 128, scalar last. Every width gives the same bits (see <see cref="ISimd{V}"/>),
    /// so a point's result does not depend on the machine or on where the point sits in the span. The kernels follow the
    /// scalar formulas of the activations step by step; they differ from them only through <see cref="VectorMath"/>
    /// (a few ulp, see VectorizedTests).
    /// </summary>
    /// <remarks>
    /// Why not TensorPrimitives (Sigmoid, Tanh, Exp, Max): it computes one function per pass over memory, so f and f'
    /// take two to four passes, and its f' = s(1-s) loses the derivative's relative accuracy in the tails, which the
    /// saturation statistics measure. Measured against a composition of TensorPrimitives calls in
    /// bench/VanishingGradients.Benchmarks/ActivationKernelBenchmarks.cs; figures in bench/README.md.
    /// </remarks>
    internal static class ActivationKernels
    {
        /// <summary>The width <see cref="VectorWidth.Widest"/> stands for on this machine.</summary>
        public static VectorWidth Widest { get; } =
            Vector512.IsHardwareAccelerated ? VectorWidth.Bits512
            : Vector256.IsHardwareAccelerated ? VectorWidth.Bits256
            : Vector128.IsHardwareAccelerated ? VectorWidth.Bits128
            : VectorWidth.Scalar;

        /// <summary>True when this machine runs <paramref name="width"/> in hardware (tests run each path that is).</summary>
        public static bool IsAccelerated(VectorWidth width) => width switch
        {
            VectorWidth.Widest or VectorWidth.Scalar => true,
            VectorWidth.Bits128 => Vector128.IsHardwareAccelerated,
            VectorWidth.Bits256 => Vector256.IsHardwareAccelerated,
            _ => Vector512.IsHardwareAccelerated,
        };

        /// <summary>f and f' of every input; either output may be empty to skip it. Returns true, for the activations' hooks.</summary>
        public static bool Run<T>(T kernel, VectorWidth width, ReadOnlySpan<double> inputs, Span<double> values, Span<double> derivatives)
            where T : struct, IActivationKernel
        {
            if (inputs.Length >= ParallelLength && Environment.ProcessorCount > 1) RunParallel(kernel, width, inputs, values, derivatives);
            else RunSerial(kernel, width, inputs, values, derivatives);
            return true;
        }

        /// <summary>
        /// Spans at least this long are cut into one piece per core: the smooth activations are compute-bound, and 2^16
        /// points (~70 µs of sigmoid on one core) outweigh handing pieces to the thread pool many times over.
        /// </summary>
        internal const int ParallelLength = 1 << 16;

        // The pieces start at multiples of 8 points, so each runs the same vectors as a serial run would: the results are
        // the same bits (and they are anyway, every width giving the same bits).
        private static unsafe void RunParallel<T>(T kernel, VectorWidth width, ReadOnlySpan<double> inputs, Span<double> values, Span<double> derivatives)
            where T : struct, IActivationKernel
        {
            int n = inputs.Length, pieces = Math.Min(Environment.ProcessorCount, n / (ParallelLength / 2));
            bool wantValues = !values.IsEmpty, wantDerivatives = !derivatives.IsEmpty;
            fixed (double* x = inputs, v = values, d = derivatives)
            {
                nint px = (nint)x, pv = (nint)v, pd = (nint)d;
                Parallel.For(0, pieces, piece =>
                {
                    int start = (int)((long)n * piece / pieces) & ~7, end = piece == pieces - 1 ? n : (int)((long)n * (piece + 1) / pieces) & ~7;
                    RunSerial(kernel, width, new ReadOnlySpan<double>((double*)px + start, end - start),
                        wantValues ? new Span<double>((double*)pv + start, end - start) : Span<double>.Empty,
                        wantDerivatives ? new Span<double>((double*)pd + start, end - start) : Span<double>.Empty);
                });
            }
        }

        private static void RunSerial<T>(T kernel, VectorWidth width, ReadOnlySpan<double> inputs, Span<double> values, Span<double> derivatives)
            where T : struct, IActivationKernel
        {
            switch (width == VectorWidth.Widest ? Widest : width)
            {
                case VectorWidth.Bits512: RunAt<T, V512>(kernel, inputs, values, derivatives); break;
                case VectorWidth.Bits256: RunAt<T, V256>(kernel, inputs, values, derivatives); break;
                case VectorWidth.Bits128: RunAt<T, V128>(kernel, inputs, values, derivatives); break;
                default: RunAt<T, Scalar>(kernel, inputs, values, derivatives); break;
            }
        }

        // Full vectors of V, then what is left at the narrower widths and the last odd point through the scalar kernel:
        // every width gives the same bits, so a point's result does not depend on where it sits in the span, and no
        // output is read back (outputs may alias the inputs).
        private static void RunAt<T, V>(T kernel, ReadOnlySpan<double> inputs, Span<double> values, Span<double> derivatives)
            where T : struct, IActivationKernel where V : struct, ISimd<V>
        {
            int n = inputs.Length;
            ref double x = ref MemoryMarshal.GetReference(inputs);
            ref double v = ref MemoryMarshal.GetReference(values);
            ref double d = ref MemoryMarshal.GetReference(derivatives);
            bool wantValues = !values.IsEmpty, wantDerivatives = !derivatives.IsEmpty;
            int i = Loop<T, V>(kernel, ref x, ref v, ref d, 0, n, wantValues, wantDerivatives);
            if (i == n) return;
            if (V.Count > V256.Count && Vector256.IsHardwareAccelerated) i = Loop<T, V256>(kernel, ref x, ref v, ref d, i, n, wantValues, wantDerivatives);
            if (V.Count > V128.Count && Vector128.IsHardwareAccelerated) i = Loop<T, V128>(kernel, ref x, ref v, ref d, i, n, wantValues, wantDerivatives);
            Loop<T, Scalar>(kernel, ref x, ref v, ref d, i, n, wantValues, wantDerivatives);
        }

        // One loop per method and width: the JIT's inlining budget per method runs out on several inlined kernels, and
        // then calls every lane operation. Optimised from the first call, as tier-0 code would not inline them either.
        [MethodImpl(MethodImplOptions.NoInlining | MethodImplOptions.AggressiveOptimization)]
        private static int Loop<T, V>(T kernel, ref double x, ref double v, ref double d, int i, int n, bool wantValues, bool wantDerivatives)
            where T : struct, IActivationKernel where V : struct, ISimd<V>
        {
            for (; i <= n - V.Count; i += V.Count)
            {
                kernel.Invoke(V.Load(ref x, (nuint)i), out var fv, out var fd);
                if (wantValues) fv.Store(ref v, (nuint)i);
                if (wantDerivatives) fd.Store(ref d, (nuint)i);
            }
            return i;
        }

        /// <summary>x with NaN lanes replaced by <paramref name="value"/>'s, i.e. NaN propagates.</summary>
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        internal static V KeepNaN<V>(V x, V value) where V : struct, ISimd<V> => V.Select(V.EqualTo(x, x), value, x);
    }

    /// <summary>StableMath.Sigmoid and SigmoidDerivative from one exponential e = e^-|x|: σ = (x ≥ 0 ? 1 : e)/(1+e), σ' = e/(1+e)².</summary>
    internal readonly struct SigmoidKernel : IActivationKernel
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public void Invoke<V>(V x, out V value, out V derivative) where V : struct, ISimd<V>
        {
            var e = VectorMath.Exp(-V.Abs(x));
            // One division: the scalar path's e/(1+e) and e/(1+e)² become e·r and e·r² with r = 1/(1+e).
            var r = V.Create(1.0) / (V.Create(1.0) + e);
            var er = e * r;
            value = V.Select(V.GreaterThanOrEqual(x, V.Create(0.0)), r, er);
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
        public void Invoke<V>(V x, out V value, out V derivative) where V : struct, ISimd<V>
        {
            var one = V.Create(1.0);
            var ax = V.Abs(x);
            var e = VectorMath.Exp(ax * V.Create(-2.0));
            var r = one / (one + e);
            var t = (one - e) * r;
            var small = V.LessThan(ax, V.Create(0.625));
            if (V.Any(small))
            {
                var z = ax * ax;
                var p = ((V.Create(-9.64399179425052238628e-1) * z + V.Create(-9.92877231001918586564e1)) * z + V.Create(-1.61468768441708447952e3)) * z;
                var q = ((z + V.Create(1.12811678491632931402e2)) * z + V.Create(2.23548839060100448583e3)) * z + V.Create(4.84406305325125486048e3);
                t = V.Select(small, ax + ax * (p / q), t);
            }
            // Copy x's sign onto |tanh|: keeps -0.0 and NaN as they are.
            value = t | (x & V.CreateBits(long.MinValue));
            derivative = V.Create(4.0) * e * r * r;
        }
    }

    /// <summary>Rectifier: x for x &gt; 0 else αx; f' = 1, α, or the chosen one-sided slope at 0; NaN propagates.</summary>
    internal readonly struct RectifierKernel : IActivationKernel
    {
        private readonly double _alpha, _atZero;

        public RectifierKernel(double alpha, double atZero) { _alpha = alpha; _atZero = atZero; }

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public void Invoke<V>(V x, out V value, out V derivative) where V : struct, ISimd<V>
        {
            var zero = V.Create(0.0);
            var alpha = V.Create(_alpha);
            var positive = V.GreaterThan(x, zero);
            // As the scalar path: ReLU's negative side is +0.0 (not 0·x: -0.0, or NaN at -∞); + 0 turns α·(-0.0) into +0.0.
            value = ActivationKernels.KeepNaN(x, V.Select(positive, x, _alpha == 0.0 ? zero : x * alpha + zero));
            var negativeOrZero = V.Select(V.LessThan(x, zero), alpha, V.Create(_atZero));
            derivative = ActivationKernels.KeepNaN(x, V.Select(positive, V.Create(1.0), negativeOrZero));
        }
    }

    /// <summary>Identity: x and 1 (NaN for NaN).</summary>
    internal readonly struct IdentityKernel : IActivationKernel
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public void Invoke<V>(V x, out V value, out V derivative) where V : struct, ISimd<V>
        {
            value = x;
            derivative = ActivationKernels.KeepNaN(x, V.Create(1.0));
        }
    }

    /// <summary>Step: 1 for x ≥ 0 else 0, derivative 0 (NaN for NaN).</summary>
    internal readonly struct StepKernel : IActivationKernel
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public void Invoke<V>(V x, out V value, out V derivative) where V : struct, ISimd<V>
        {
            var zero = V.Create(0.0);
            value = ActivationKernels.KeepNaN(x, V.Select(V.GreaterThanOrEqual(x, zero), V.Create(1.0), zero));
            derivative = ActivationKernels.KeepNaN(x, zero);
        }
    }

    /// <summary>Exact GELU: Φ(x) = erfc(-x/√2)/2 (as StableMath.NormalCdf), f = xΦ, f' = Φ + xφ (0 once φ underflows).</summary>
    internal readonly struct GeluKernel : IActivationKernel
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public void Invoke<V>(V x, out V value, out V derivative) where V : struct, ISimd<V>
        {
            var zero = V.Create(0.0);
            var cdf = V.Create(0.5) * VectorMath.Erfc(-x * V.Create(0.70710678118654752440));
            var pdf = V.Create(0.39894228040143267794) * VectorMath.Exp(V.Create(-0.5) * x * x);
            value = x * cdf;
            derivative = cdf + V.Select(V.EqualTo(pdf, zero), zero, x * pdf);
        }
    }

    /// <summary>SiLU: xσ(x) and σ(x)(1 + xσ(-x)) from the one exponential of the sigmoid kernel.</summary>
    internal readonly struct SiluKernel : IActivationKernel
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public void Invoke<V>(V x, out V value, out V derivative) where V : struct, ISimd<V>
        {
            var zero = V.Create(0.0);
            var one = V.Create(1.0);
            var e = VectorMath.Exp(-V.Abs(x));
            var d = one + e;
            var s = V.Select(V.GreaterThanOrEqual(x, zero), one, e) / d;
            var sNeg = V.Select(V.GreaterThanOrEqual(-x, zero), one, e) / d;
            value = x * s;
            derivative = V.Select(V.EqualTo(s, zero), zero, s * (one + x * sNeg));
        }
    }
}
