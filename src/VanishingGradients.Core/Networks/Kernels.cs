using System;
using System.Numerics;
using System.Numerics.Tensors;
using System.Runtime.InteropServices;
using VanishingGradients.LinearAlgebra;

namespace VanishingGradients
{
    /// <summary>
    /// The dense products of a pass, on row-major buffers whose columns are the samples of a batch.
    /// The one place to swap in a faster backend: every result must match these to ~1e-12 relative.
    /// </summary>
    internal static class Kernels
    {
        /// <summary>z = W·a for W (rows×cols), a (cols×batch), z (rows×batch).</summary>
        public static void Multiply(ReadOnlySpan<double> w, int rows, int cols, ReadOnlySpan<double> a, int batch, Span<double> z)
        {
            if (batch == 1) ShortMultiply(w, rows, cols, a, z);
            else Product(false, false, rows, batch, cols, w, a, z);
        }

        /// <summary>g = Wᵀ·d for W (rows×cols), d (rows×batch), g (cols×batch).</summary>
        public static void MultiplyTransposed(ReadOnlySpan<double> w, int rows, int cols, ReadOnlySpan<double> d, int batch, Span<double> g)
        {
            if (batch == 1) ShortMultiplyTransposed(w, rows, cols, d, g);
            else Product(true, false, cols, batch, rows, w, d, g);
        }

        /// <summary>G = mᵀm (batch×batch) for m (rows×batch): the samples' inner products.</summary>
        public static void Gram(ReadOnlySpan<double> m, int rows, int batch, Span<double> gram)
        {
            if (Native.OpenBlas.InUse && BlasIsFaster(batch, batch, rows)) Native.OpenBlas.Multiply(true, false, batch, batch, rows, m, m, gram);
            else Gemm.Gram(batch, rows, m, gram);
        }

        /// <summary>P = x·yᵀ (rows×cols) for x (rows×batch), y (cols×batch): Σ over the samples of their outer products, as ∂L/∂W = δ·aᵀ.</summary>
        public static void OuterProducts(ReadOnlySpan<double> x, int rows, ReadOnlySpan<double> y, int cols, int batch, Span<double> product) =>
            Product(false, true, rows, cols, batch, x, y, product);

        /// <summary>C (m×n) = op(A)·op(B) by whichever of OpenBLAS and <see cref="Gemm"/> measured faster at this size.</summary>
        private static void Product(bool transposeA, bool transposeB, int m, int n, int k, ReadOnlySpan<double> a, ReadOnlySpan<double> b, Span<double> c)
        {
            if (Native.OpenBlas.InUse && BlasIsFaster(m, n, k)) Native.OpenBlas.Multiply(transposeA, transposeB, m, n, k, a, b, c);
            else Gemm.Multiply(transposeA, transposeB, m, n, k, a, b, c);
        }

        // Below ~160³ multiply-adds OpenBLAS 0.3.21 wins (its small-matrix paths and AVX-512 kernels against our packing
        // and call overhead); from ~256³ up the two are within the run-to-run noise of each other when OpenBLAS runs its
        // AVX-512 kernels, and the managed GEMM leads its Haswell ones 1.3–2×. Interleaved runs on the 2-core Zen 5 VM
        // (AVX-512), managed/OpenBLAS time ratio inverted (> 1: managed faster), OpenBLAS on its AVX-512 kernels
        // (OPENBLAS_CORETYPE unset) | on the Haswell ones this environment selects:
        //   20×64×20 0.28 | 1.00   32³ 0.42 | 1.49   64³ 0.59–0.73 | 1.09–2.21   96³ 0.62 | 2.67   128³ 0.94 | 1.29
        //   192³ ~1 (noisy) | 1.23   256³ 1.11–1.26 | 1.51   1024×256×1024 0.68–1.13 | 1.55–2.03   Aᵀ·B same 0.49–1.21 | 1.32–1.87
        // The machine was shared with other builds (load 15–50 on 2 cores), so read these as ranges; bench/README.md has
        // the GemmBenchmarks table. A static size threshold keeps results independent of timing (and both agree to 1e-12).
        private const long BlasBelow = 160L * 160 * 160;

        private static bool BlasIsFaster(int m, int n, int k) => (long)m * n * k < BlasBelow;

        // Width-20 networks make thousands of products of a few dozen elements, where TensorPrimitives' per-call
        // dispatch costs as much as the arithmetic: these inline loops do the same sums without it.
        private static double ShortDot(ReadOnlySpan<double> x, ReadOnlySpan<double> y)
        {
            int i = 0;
            double s = 0.0;
            if (Vector.IsHardwareAccelerated && x.Length >= Vector<double>.Count)
            {
                ref double rx = ref MemoryMarshal.GetReference(x), ry = ref MemoryMarshal.GetReference(y);
                var acc = Vector<double>.Zero;
                for (; i <= x.Length - Vector<double>.Count; i += Vector<double>.Count)
                    acc += Vector.LoadUnsafe(ref rx, (nuint)i) * Vector.LoadUnsafe(ref ry, (nuint)i);
                s = Vector.Sum(acc);
            }
            for (; i < x.Length; i++) s += x[i] * y[i];
            return s;
        }

        // z = Wa for one sample: four rows at a time share the loads of a; each z_i is summed as ShortDot sums it.
        private static void ShortMultiply(ReadOnlySpan<double> w, int rows, int cols, ReadOnlySpan<double> a, Span<double> z)
        {
            int i = 0;
            if (Vector.IsHardwareAccelerated && cols >= Vector<double>.Count)
            {
                ref double rw = ref MemoryMarshal.GetReference(w), ra = ref MemoryMarshal.GetReference(a);
                int n = Vector<double>.Count, vectorEnd = cols - cols % n;
                for (; i <= rows - 4; i += 4)
                {
                    Vector<double> s0 = default, s1 = default, s2 = default, s3 = default;
                    for (int j = 0; j < vectorEnd; j += n)
                    {
                        var aj = Vector.LoadUnsafe(ref ra, (nuint)j);
                        s0 += Vector.LoadUnsafe(ref rw, (nuint)(i * cols + j)) * aj;
                        s1 += Vector.LoadUnsafe(ref rw, (nuint)((i + 1) * cols + j)) * aj;
                        s2 += Vector.LoadUnsafe(ref rw, (nuint)((i + 2) * cols + j)) * aj;
                        s3 += Vector.LoadUnsafe(ref rw, (nuint)((i + 3) * cols + j)) * aj;
                    }
                    double t0 = Vector.Sum(s0), t1 = Vector.Sum(s1), t2 = Vector.Sum(s2), t3 = Vector.Sum(s3);
                    for (int j = vectorEnd; j < cols; j++)
                    {
                        t0 += w[i * cols + j] * a[j];
                        t1 += w[(i + 1) * cols + j] * a[j];
                        t2 += w[(i + 2) * cols + j] * a[j];
                        t3 += w[(i + 3) * cols + j] * a[j];
                    }
                    z[i] = t0; z[i + 1] = t1; z[i + 2] = t2; z[i + 3] = t3;
                }
            }
            for (; i < rows; i++) z[i] = ShortDot(w.Slice(i * cols, cols), a.Slice(0, cols));
        }

        // g = Wᵀd for one sample, a block of columns at a time with the sums in registers; each g_j still adds
        // d_i·w_ij in row order, multiply then add, exactly as the Axpy-per-row loop did.
        private static void ShortMultiplyTransposed(ReadOnlySpan<double> w, int rows, int cols, ReadOnlySpan<double> d, Span<double> g)
        {
            int j = 0;
            if (Vector.IsHardwareAccelerated)
            {
                ref double rw = ref MemoryMarshal.GetReference(w);
                int n = Vector<double>.Count;
                for (; j <= cols - 2 * n; j += 2 * n)
                {
                    // Two blocks at once: two independent chains of adds keep both FP adders busy.
                    Vector<double> acc0 = Vector<double>.Zero, acc1 = Vector<double>.Zero;
                    for (int i = 0; i < rows; i++)
                    {
                        acc0 = Vector.LoadUnsafe(ref rw, (nuint)(i * cols + j)) * d[i] + acc0;
                        acc1 = Vector.LoadUnsafe(ref rw, (nuint)(i * cols + j + n)) * d[i] + acc1;
                    }
                    acc0.CopyTo(g.Slice(j));
                    acc1.CopyTo(g.Slice(j + n));
                }
                for (; j <= cols - Vector<double>.Count; j += Vector<double>.Count)
                {
                    var acc = Vector<double>.Zero;
                    for (int i = 0; i < rows; i++) acc = Vector.LoadUnsafe(ref rw, (nuint)(i * cols + j)) * d[i] + acc;
                    acc.CopyTo(g.Slice(j));
                }
            }
            for (; j < cols; j++)
            {
                double acc = 0.0;
                for (int i = 0; i < rows; i++) acc = w[i * cols + j] * d[i] + acc;
                g[j] = acc;
            }
        }

        /// <summary>Σ x_i y_i.</summary>
        public static double Dot(ReadOnlySpan<double> x, ReadOnlySpan<double> y) => TensorPrimitives.Dot(x, y);

        /// <summary>y += alpha·x.</summary>
        public static void Axpy(double alpha, ReadOnlySpan<double> x, Span<double> y) => TensorPrimitives.MultiplyAdd(x, alpha, y, y);

        /// <summary>z = x ⊙ y.</summary>
        public static void Hadamard(ReadOnlySpan<double> x, ReadOnlySpan<double> y, Span<double> z) => TensorPrimitives.Multiply(x, y, z);

        /// <summary>Euclidean (Frobenius) norm, scaled so that huge entries do not overflow the sum of squares.</summary>
        public static double Norm(ReadOnlySpan<double> x)
        {
            double scale = 0.0;
            foreach (double v in x)
            {
                // max |x_i|, NaN if any is NaN (as Math.Max would carry it), without Math.Max's per-element NaN logic.
                double m = Math.Abs(v);
                if (m > scale) scale = m;
                else if (double.IsNaN(m)) return m;
            }
            if (scale == 0.0 || double.IsInfinity(scale)) return scale; // ∞ as numpy's norm, not ∞/∞ = NaN
            if (scale > 1e150 || scale < 1e-150)
            {
                double s = 0.0;
                foreach (double v in x) { double t = v / scale; s += t * t; }
                return scale * Math.Sqrt(s);
            }
            return Math.Sqrt(x.Length <= 64 ? ShortDot(x, x) : Dot(x, x));
        }
    }
}
