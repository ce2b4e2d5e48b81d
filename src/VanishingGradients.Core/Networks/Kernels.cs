using System;
#if NET8_0_OR_GREATER
using System.Numerics.Tensors;
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
                for (int i = 0; i < rows; i++) z[i] = Dot(w.Slice(i * cols, cols), a.Slice(0, cols));
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
            g.Slice(0, cols * batch).Clear();
            if (batch == 1)
            {
                for (int i = 0; i < rows; i++) Axpy(d[i], w.Slice(i * cols, cols), g.Slice(0, cols));
                return;
            }
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
            foreach (double v in x) scale = Math.Max(scale, Math.Abs(v));
            if (scale == 0.0 || double.IsNaN(scale)) return scale;
            if (scale > 1e150 || scale < 1e-150)
            {
                double s = 0.0;
                foreach (double v in x) { double t = v / scale; s += t * t; }
                return scale * Math.Sqrt(s);
            }
            return Math.Sqrt(Dot(x, x));
        }
    }
}
