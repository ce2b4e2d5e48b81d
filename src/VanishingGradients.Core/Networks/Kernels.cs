using System;
#if NET8_0_OR_GREATER
using System.Numerics;
using System.Numerics.Tensors;
using System.Runtime.InteropServices;
#endif

namespace VanishingGradients
{
    /// <summary>
    /// The dense products of a pass, on row-major buffers whose columns are the samples of a batch.
    /// The one place to swap in a faster backend: every result must match these to ~1e-12 relative.
    /// </summary>
    internal static class Kernels
    {
        // Below about 64³ multiply-adds a BLAS call costs more than it saves (width-20 networks stay managed).
        private const long BlasThreshold = 1L << 18;

        /// <summary>True when the products of at least this many multiply-adds go to OpenBLAS.</summary>
        private static bool UseBlas(long multiplyAdds) =>
#if NET8_0_OR_GREATER
            multiplyAdds >= BlasThreshold && Native.OpenBlas.InUse;
#else
            false;
#endif

        /// <summary>z = W·a for W (rows×cols), a (cols×batch), z (rows×batch).</summary>
        public static void Multiply(ReadOnlySpan<double> w, int rows, int cols, ReadOnlySpan<double> a, int batch, Span<double> z)
        {
#if NET8_0_OR_GREATER
            if (UseBlas((long)rows * cols * batch))
            {
                Native.OpenBlas.Multiply(false, rows, batch, cols, w, a, z);
                return;
            }
#endif
            if (batch == 1)
            {
                ShortMultiply(w, rows, cols, a, z);
                return;
            }
            z.Slice(0, rows * batch).Clear();
            for (int i = 0; i < rows; i++)
            {
                var zi = z.Slice(i * batch, batch);
                for (int j = 0; j < cols; j++) Axpy(w[i * cols + j], a.Slice(j * batch, batch), zi);
            }
        }

        /// <summary>g = Wᵀ·d for W (rows×cols), d (rows×batch), g (cols×batch).</summary>
        public static void MultiplyTransposed(ReadOnlySpan<double> w, int rows, int cols, ReadOnlySpan<double> d, int batch, Span<double> g)
        {
#if NET8_0_OR_GREATER
            if (UseBlas((long)rows * cols * batch))
            {
                Native.OpenBlas.Multiply(true, cols, batch, rows, w, d, g);
                return;
            }
#endif
            if (batch == 1)
            {
                ShortMultiplyTransposed(w, rows, cols, d, g);
                return;
            }
            g.Slice(0, cols * batch).Clear();
            for (int i = 0; i < rows; i++)
            {
                var di = d.Slice(i * batch, batch);
                for (int j = 0; j < cols; j++) Axpy(w[i * cols + j], di, g.Slice(j * batch, batch));
            }
        }

        /// <summary>G = mᵀm (batch×batch) for m (rows×batch): the samples' inner products.</summary>
        public static void Gram(ReadOnlySpan<double> m, int rows, int batch, Span<double> gram)
        {
#if NET8_0_OR_GREATER
            if (UseBlas((long)rows * batch * batch))
            {
                Native.OpenBlas.Multiply(true, batch, batch, rows, m, m, gram);
                return;
            }
#endif
            gram.Slice(0, batch * batch).Clear();
            for (int r = 0; r < rows; r++)
            {
                var row = m.Slice(r * batch, batch);
                for (int s = 0; s < batch; s++) Axpy(row[s], row, gram.Slice(s * batch, batch));
            }
        }

        // Width-20 networks make thousands of products of a few dozen elements, where TensorPrimitives' per-call
        // dispatch costs as much as the arithmetic: these inline loops do the same sums without it.
        private static double ShortDot(ReadOnlySpan<double> x, ReadOnlySpan<double> y)
        {
            int i = 0;
            double s = 0.0;
#if NET8_0_OR_GREATER
            if (Vector.IsHardwareAccelerated && x.Length >= Vector<double>.Count)
            {
                ref double rx = ref MemoryMarshal.GetReference(x), ry = ref MemoryMarshal.GetReference(y);
                var acc = Vector<double>.Zero;
                for (; i <= x.Length - Vector<double>.Count; i += Vector<double>.Count)
                    acc += Vector.LoadUnsafe(ref rx, (nuint)i) * Vector.LoadUnsafe(ref ry, (nuint)i);
                s = Vector.Sum(acc);
            }
#endif
            for (; i < x.Length; i++) s += x[i] * y[i];
            return s;
        }

        // z = Wa for one sample: four rows at a time share the loads of a; each z_i is summed as ShortDot sums it.
        private static void ShortMultiply(ReadOnlySpan<double> w, int rows, int cols, ReadOnlySpan<double> a, Span<double> z)
        {
            int i = 0;
#if NET8_0_OR_GREATER
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
#endif
            for (; i < rows; i++) z[i] = ShortDot(w.Slice(i * cols, cols), a.Slice(0, cols));
        }

        // g = Wᵀd for one sample, a block of columns at a time with the sums in registers; each g_j still adds
        // d_i·w_ij in row order, multiply then add, exactly as the Axpy-per-row loop did.
        private static void ShortMultiplyTransposed(ReadOnlySpan<double> w, int rows, int cols, ReadOnlySpan<double> d, Span<double> g)
        {
            int j = 0;
#if NET8_0_OR_GREATER
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
#endif
            for (; j < cols; j++)
            {
                double acc = 0.0;
                for (int i = 0; i < rows; i++) acc = w[i * cols + j] * d[i] + acc;
                g[j] = acc;
            }
        }

        /// <summary>Σ x_i y_i.</summary>
        public static double Dot(ReadOnlySpan<double> x, ReadOnlySpan<double> y)
        {
#if NET8_0_OR_GREATER
            return TensorPrimitives.Dot(x, y);
#else
            double s = 0.0;
            for (int i = 0; i < x.Length; i++) s += x[i] * y[i];
            return s;
#endif
        }

        /// <summary>y += alpha·x.</summary>
        public static void Axpy(double alpha, ReadOnlySpan<double> x, Span<double> y)
        {
#if NET8_0_OR_GREATER
            TensorPrimitives.MultiplyAdd(x, alpha, y, y);
#else
            for (int i = 0; i < x.Length; i++) y[i] += alpha * x[i];
#endif
        }

        /// <summary>z = x ⊙ y.</summary>
        public static void Hadamard(ReadOnlySpan<double> x, ReadOnlySpan<double> y, Span<double> z)
        {
#if NET8_0_OR_GREATER
            TensorPrimitives.Multiply(x, y, z);
#else
            for (int i = 0; i < x.Length; i++) z[i] = x[i] * y[i];
#endif
        }

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
            if (scale == 0.0) return scale;
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
