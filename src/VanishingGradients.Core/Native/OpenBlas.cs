using System;
using System.Runtime.InteropServices;

namespace VanishingGradients.Native
{
    /// <summary>
    /// cblas_dgemm from the system's OpenBLAS (Debian: libopenblas0), bound at first use when the library is present.
    /// Optional: without it <see cref="IsAvailable"/> is false and the managed kernels do the work. The environment variable
    /// VANISHINGGRADIENTS_BLAS=managed leaves it unused (benchmarks of the managed path).
    /// </summary>
    internal static unsafe class OpenBlas
    {
        private const int RowMajor = 101, NoTrans = 111, Trans = 112;
        private static readonly string[] Candidates = { "libopenblas.so.0", "libopenblas.so", "libopenblas.dylib", "libopenblas.dll", "openblas" };

        private static readonly delegate* unmanaged[Cdecl]<int, int, int, int, int, int, double, double*, int, double*, int, double, double*, int, void> Dgemm = Bind();

        /// <summary>True when the library was found.</summary>
        public static bool IsAvailable => Dgemm != null;

        /// <summary>Whether the kernels use it when available; tests switch it off to compare against the managed path.</summary>
        public static bool Enabled { get; set; } =
            !string.Equals(Environment.GetEnvironmentVariable("VANISHINGGRADIENTS_BLAS"), "managed", StringComparison.OrdinalIgnoreCase);

        public static bool InUse => Enabled && IsAvailable;

        private static delegate* unmanaged[Cdecl]<int, int, int, int, int, int, double, double*, int, double*, int, double, double*, int, void> Bind()
        {
            foreach (var name in Candidates)
                if (NativeLibrary.TryLoad(name, out var handle) && NativeLibrary.TryGetExport(handle, "cblas_dgemm", out var f))
                    return (delegate* unmanaged[Cdecl]<int, int, int, int, int, int, double, double*, int, double*, int, double, double*, int, void>)f;
            return null;
        }

        /// <summary>
        /// C (m×n) = op(A)·op(B), op(A) m×k (A stored k×m when <paramref name="transposeA"/>), op(B) k×n (B stored n×k when
        /// <paramref name="transposeB"/>), all row-major and dense: the contract of <see cref="LinearAlgebra.Gemm.Multiply"/>.
        /// </summary>
        public static void Multiply(bool transposeA, bool transposeB, int m, int n, int k, ReadOnlySpan<double> a, ReadOnlySpan<double> b, Span<double> c)
        {
            if (a.Length < (long)m * k || b.Length < (long)k * n || c.Length < (long)m * n) throw new ArgumentException("A buffer is shorter than its shape.");
            fixed (double* pa = a, pb = b, pc = c)
                Dgemm(RowMajor, transposeA ? Trans : NoTrans, transposeB ? Trans : NoTrans, m, n, k, 1.0,
                    pa, Math.Max(1, transposeA ? m : k), pb, Math.Max(1, transposeB ? k : n), 0.0, pc, Math.Max(1, n));
        }
    }
}
