using System;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.Arm;
using System.Runtime.Intrinsics.X86;
using System.Threading.Tasks;

namespace VanishingGradients.LinearAlgebra
{
    /// <summary>
    /// C = op(A)·op(B) on dense row-major buffers, in the style of BLIS: op(B) is packed into NR-wide slivers and op(A)
    /// into MR-tall slivers of an MC×KC block, and a register-blocked FMA micro-kernel computes each MR×NR tile of C over
    /// KC steps. The micro-kernel is the widest this machine runs: 8×24 with Vector512 (24 zmm accumulators), 6×8 with
    /// Vector256 (12 ymm), 6×4 with Vector128 (NEON, SSE). Blocks of MC rows run on all cores.
    /// </summary>
    /// <remarks>
    /// Deterministic: every C_ij is (((Σ over k-block 0) + Σ over k-block 1) + …) with each block summed by FMAs in k
    /// order, KC fixed per micro-kernel; the thread count, MC and NC only decide who computes which tile, so results are
    /// bit-identical however many threads run (they differ between micro-kernels only by rounding, ~1e-16 relative).
    ///
    /// Measured on the 2-core AMD Zen 5 VM (AVX-512; FMA peak 114.5 GFLOP/s per core idle), shared with other builds
    /// (load 15–50), so per CPU-second of a one-thread run: W·A for 1024×1024·1024×256 at 46–67 GFLOP against 79–103
    /// for a register-only FMA loop in the same runs (58–70%); two threads 39–59 per CPU-second; OpenBLAS 0.3.21 on its
    /// AVX-512 kernels 43–65 (72 at 2048³). MathNet's managed provider: 4 GFLOP/s. bench/README.md has the tables;
    /// Kernels.BlasIsFaster the crossover with OpenBLAS.
    /// </remarks>
    internal static unsafe class Gemm
    {
        /// <summary>Micro-kernels, widest first.</summary>
        internal enum Kernel { Vector512 = 512, Vector256 = 256, Vector128 = 128 }

        /// <summary>The micro-kernel this machine runs: the widest accelerated one (FMA required for 256 bits).</summary>
        internal static readonly Kernel Widest =
            Vector512.IsHardwareAccelerated && Avx512F.IsSupported ? Kernel.Vector512
            : Vector256.IsHardwareAccelerated && Fma.IsSupported ? Kernel.Vector256
            : Kernel.Vector128;

        // Block sizes. KC: the KC×NR sliver of B and the MR×KC sliver of A share L1 (48 KiB on Zen 5) as in BLIS;
        // MC×KC of A (256 KiB) stays in L2, and 1024 rows make 8 blocks, 4 per core; all of op(B)'s columns in a panel of NC (its k×NC packed copy ≤ ~4 MiB, in L3).
        private const int KC = 256, MCMax = 128, PanelDoubles = 1 << 19;

        private static int MR(Kernel kernel) => kernel == Kernel.Vector512 ? 8 : 6;
        private static int NR(Kernel kernel) => kernel == Kernel.Vector512 ? 24 : kernel == Kernel.Vector256 ? 8 : 4;

        // Below ~2·10⁶ flops a Parallel.For costs more than the second core gives back.
        private const long SerialFlops = 2_000_000;

        [ThreadStatic] private static double[]? t_packA, t_packB;

        /// <summary>
        /// C (m×n) = op(A)·op(B), op(A) m×k (A stored m×k, or k×m when <paramref name="transposeA"/>), op(B) k×n (B stored
        /// k×n, or n×k when <paramref name="transposeB"/>); all dense row-major. C is overwritten (k = 0 gives zeros).
        /// <paramref name="threads"/>: cores to use at most, 0 for all (results do not depend on it); <paramref name="kernel"/>:
        /// a narrower micro-kernel than <see cref="Widest"/>, for tests and benchmarks.
        /// </summary>
        public static void Multiply(bool transposeA, bool transposeB, int m, int n, int k,
            ReadOnlySpan<double> a, ReadOnlySpan<double> b, Span<double> c, int threads = 0, Kernel? kernel = null) =>
            Run(transposeA, transposeB, m, n, k, a, b, c, threads, kernel, symmetric: false);

        // symmetric: C = AᵀA is symmetric, so only tiles reaching the diagonal or above it are computed (see Gram).
        private static void Run(bool transposeA, bool transposeB, int m, int n, int k,
            ReadOnlySpan<double> a, ReadOnlySpan<double> b, Span<double> c, int threads, Kernel? kernel, bool symmetric)
        {
            if (m < 0 || n < 0 || k < 0) throw new ArgumentOutOfRangeException(nameof(m), "Matrix dimensions must not be negative.");
            if (a.Length < (long)m * k || b.Length < (long)k * n || c.Length < (long)m * n)
                throw new ArgumentException("A buffer is shorter than its shape.");
            var kr = kernel ?? Widest;
            if (kr > Widest) throw new PlatformNotSupportedException($"The {(int)kr}-bit micro-kernel is not accelerated on this machine.");
            if (m == 0 || n == 0) return;
            if (k == 0) { c.Slice(0, m * n).Clear(); return; }
            if (threads <= 0) threads = Environment.ProcessorCount;
            if (2.0 * m * n * k < SerialFlops) threads = 1;

            fixed (double* pa = a, pb = b, pc = c)
            {
                var job = new Job(kr, transposeA, transposeB, m, n, k, pa, pb, pc, threads, symmetric);
                job.Run();
            }
        }

        /// <summary>
        /// C (n×n) = Aᵀ·A for A (k×n, row-major): the inner products of A's columns. Only the tiles on or above the
        /// diagonal are computed (about half the work of <see cref="Multiply"/>), and C_ji is C_ij's bits.
        /// </summary>
        public static void Gram(int n, int k, ReadOnlySpan<double> a, Span<double> c, int threads = 0, Kernel? kernel = null)
        {
            Run(true, false, n, n, k, a, a, c, threads, kernel, symmetric: true);
            for (int i = 1; i < n; i++)
                for (int j = 0; j < i; j++) c[i * n + j] = c[j * n + i];
        }

        /// <summary>One product: its shape, operands and blocking, and the loops around the micro-kernel.</summary>
        private sealed class Job
        {
            private readonly Kernel _kernel;
            private readonly bool _ta, _tb, _symmetric;
            private readonly int _m, _n, _k, _mr, _nr, _mc, _nc, _threads;
            private readonly nint _a, _b, _c; // pinned by the caller for the job's whole run
            private double* _packB;
            private int _jc, _ncNow;

            public Job(Kernel kernel, bool ta, bool tb, int m, int n, int k, double* a, double* b, double* c, int threads, bool symmetric)
            {
                (_kernel, _ta, _tb, _m, _n, _k, _threads, _symmetric) = (kernel, ta, tb, m, n, k, threads, symmetric);
                (_a, _b, _c) = ((nint)a, (nint)b, (nint)c);
                _mr = MR(kernel);
                _nr = NR(kernel);
                // Enough MC blocks to share evenly between the threads, each at most MCMax rows (a multiple of MR).
                int blocks = (m + MCMax - 1) / MCMax;
                // (Four per thread when symmetric: the blocks below hold less of the upper triangle.)
                int perThread = symmetric ? 4 : 1;
                if (threads > 1) blocks = Math.Min((blocks + perThread * threads - 1) / (perThread * threads) * perThread * threads, (m + _mr - 1) / _mr);
                _mc = RoundUp((m + blocks - 1) / blocks, _mr);
                _nc = Math.Max(_nr, PanelDoubles / Math.Max(k, 1) / _nr * _nr);
            }

            public void Run()
            {
                var packB = PinnedBuffer(ref t_packB, (long)RoundUp(Math.Min(_n, _nc), _nr) * _k);
                int mBlocks = (_m + _mc - 1) / _mc;
                fixed (double* pb = packB)
                {
                    _packB = Align(pb);
                    for (_jc = 0; _jc < _n; _jc += _nc)
                    {
                        _ncNow = Math.Min(_nc, _n - _jc);
                        int slivers = (_ncNow + _nr - 1) / _nr;
                        if (_threads == 1 || slivers == 1) PackB(0, slivers);
                        else Parallel.For(0, _threads, new ParallelOptions { MaxDegreeOfParallelism = _threads },
                            t => PackB(slivers * t / _threads, slivers * (t + 1) / _threads));
                        if (_threads == 1 || mBlocks == 1) for (int ib = 0; ib < mBlocks; ib++) Block(ib);
                        else Parallel.For(0, mBlocks, new ParallelOptions { MaxDegreeOfParallelism = _threads }, Block);
                    }
                }
            }

            // Slivers [from, to) of op(B)[0..k, jc..jc+nc]: sliver s holds k rows of NR values (zeros past n).
            private void PackB(int from, int to)
            {
                int nr = _nr, k = _k;
                for (int s = from; s < to; s++)
                {
                    double* dst = _packB + (long)s * nr * k;
                    int j0 = _jc + s * nr, width = Math.Min(nr, _n - j0);
                    if (!_tb)
                    {
                        for (int p = 0; p < k; p++, dst += nr)
                        {
                            Buffer.MemoryCopy((double*)_b + (long)p * _n + j0, dst, nr * sizeof(double), width * sizeof(double));
                            for (int j = width; j < nr; j++) dst[j] = 0.0;
                        }
                    }
                    else
                    {
                        for (int j = 0; j < nr; j++)
                        {
                            if (j < width)
                            {
                                double* src = (double*)_b + (long)(j0 + j) * k;
                                for (int p = 0; p < k; p++) dst[p * nr + j] = src[p];
                            }
                            else for (int p = 0; p < k; p++) dst[p * nr + j] = 0.0;
                        }
                    }
                }
            }

            // Rows [ib·MC, ib·MC + MC) of C for the current panel: for each KC block, pack A's block and run the tiles.
            private void Block(int ib)
            {
                int mr = _mr, nr = _nr, i0 = ib * _mc, mc = Math.Min(_mc, _m - i0);
                var packA = PinnedBuffer(ref t_packA, (long)RoundUp(_mc, mr) * KC);
                double* tile = stackalloc double[8 * 24];
                fixed (double* paRaw = packA)
                {
                    double* pa = Align(paRaw);
                    for (int p0 = 0; p0 < _k; p0 += KC)
                    {
                        int kc = Math.Min(KC, _k - p0);
                        PackA(pa, i0, mc, p0, kc);
                        bool add = p0 > 0;
                        for (int jr = 0; jr < _ncNow; jr += nr)
                        {
                            int nrNow = Math.Min(nr, _ncNow - jr);
                            // Symmetric: only the tiles whose first row is at most the sliver's last column.
                            int irEnd = _symmetric ? Math.Min(mc, _jc + jr + nrNow - i0) : mc;
                            double* bp = _packB + (long)jr * _k + (long)p0 * nr;
                            for (int ir = 0; ir < irEnd; ir += mr)
                            {
                                int mrNow = Math.Min(mr, mc - ir);
                                double* ap = pa + (long)ir * kc;
                                double* cij = (double*)_c + (long)(i0 + ir) * _n + _jc + jr;
                                if (mrNow == mr && (nrNow == nr || _kernel == Kernel.Vector512 && nrNow % 8 == 0))
                                    MicroKernel(kc, ap, bp, cij, _n, add, nrNow);
                                else
                                {
                                    // Edge tile: the same sums into a scratch tile, then the part inside C.
                                    MicroKernel(kc, ap, bp, tile, nr, false, nrNow);
                                    for (int r = 0; r < mrNow; r++)
                                        for (int j = 0; j < nrNow; j++)
                                            cij[(long)r * _n + j] = add ? cij[(long)r * _n + j] + tile[r * nr + j] : tile[r * nr + j];
                                }
                            }
                        }
                    }
                }
            }

            // op(A)[i0..i0+mc, p0..p0+kc] into MR-tall slivers, each kc columns of MR values (zeros past m).
            private void PackA(double* dst, int i0, int mc, int p0, int kc)
            {
                int mr = _mr;
                for (int ir = 0; ir < mc; ir += mr, dst += mr * kc)
                {
                    int height = Math.Min(mr, mc - ir);
                    if (!_ta)
                    {
                        for (int r = 0; r < mr; r++)
                        {
                            if (r < height)
                            {
                                double* src = (double*)_a + (long)(i0 + ir + r) * _k + p0;
                                for (int p = 0; p < kc; p++) dst[p * mr + r] = src[p];
                            }
                            else for (int p = 0; p < kc; p++) dst[p * mr + r] = 0.0;
                        }
                    }
                    else
                    {
                        for (int p = 0; p < kc; p++)
                        {
                            Buffer.MemoryCopy((double*)_a + (long)(p0 + p) * _m + i0 + ir, dst + p * mr, mr * sizeof(double), height * sizeof(double));
                            for (int r = height; r < mr; r++) dst[p * mr + r] = 0.0;
                        }
                    }
                }
            }

            // width: the columns of the sliver that matter; the 512-bit kernel skips the vectors wholly past them.
            private void MicroKernel(int kc, double* a, double* b, double* c, int ldc, bool add, int width)
            {
                switch (_kernel)
                {
                    case Kernel.Vector512 when width > 16: Kernel8x24<Three>(kc, a, b, c, ldc, add); break;
                    case Kernel.Vector512 when width > 8: Kernel8x24<Two>(kc, a, b, c, ldc, add); break;
                    case Kernel.Vector512: Kernel8x24<One>(kc, a, b, c, ldc, add); break;
                    case Kernel.Vector256: Kernel6x8(kc, a, b, c, ldc, add); break;
                    default: Kernel6x4(kc, a, b, c, ldc, add); break;
                }
            }
        }

        // C[0..8, 0..8V] (+)= Σ_p a[p·8 + r]·b[p·24 + j] for V = 3 (24 zmm accumulators, 3 loads of B and 8 broadcasts
        // of A per step), or 2 and 1 for the last, narrower slivers of B (they still step 24 through the packed sliver).
        [MethodImpl(MethodImplOptions.AggressiveOptimization)]
        private static void Kernel8x24<TWidth>(int kc, double* a, double* b, double* c, nint ldc, bool add) where TWidth : struct, IWidth
        {
            int v = TWidth.Vectors; // a constant in each instantiation: the unused accumulators vanish
            // C's tile is read and written once, after kc steps: ask for its lines now, as BLIS's kernels do.
            if (Sse.IsSupported)
                for (int r = 0; r < 8; r++)
                    for (int j = 0; j < 8 * v; j += 8) Sse.Prefetch0(c + r * ldc + j);
            Vector512<double> c00 = default, c01 = default, c02 = default, c10 = default, c11 = default, c12 = default;
            Vector512<double> c20 = default, c21 = default, c22 = default, c30 = default, c31 = default, c32 = default;
            Vector512<double> c40 = default, c41 = default, c42 = default, c50 = default, c51 = default, c52 = default;
            Vector512<double> c60 = default, c61 = default, c62 = default, c70 = default, c71 = default, c72 = default;
            for (int p = 0; p < kc; p++, a += 8, b += 24)
            {
                var b0 = Vector512.Load(b);
                var b1 = v > 1 ? Vector512.Load(b + 8) : default;
                var b2 = v > 2 ? Vector512.Load(b + 16) : default;
                Step(Vector512.Create(a[0]), b0, b1, b2, ref c00, ref c01, ref c02, v);
                Step(Vector512.Create(a[1]), b0, b1, b2, ref c10, ref c11, ref c12, v);
                Step(Vector512.Create(a[2]), b0, b1, b2, ref c20, ref c21, ref c22, v);
                Step(Vector512.Create(a[3]), b0, b1, b2, ref c30, ref c31, ref c32, v);
                Step(Vector512.Create(a[4]), b0, b1, b2, ref c40, ref c41, ref c42, v);
                Step(Vector512.Create(a[5]), b0, b1, b2, ref c50, ref c51, ref c52, v);
                Step(Vector512.Create(a[6]), b0, b1, b2, ref c60, ref c61, ref c62, v);
                Step(Vector512.Create(a[7]), b0, b1, b2, ref c70, ref c71, ref c72, v);
            }
            Store(c, c00, c01, c02, v, add); Store(c += ldc, c10, c11, c12, v, add);
            Store(c += ldc, c20, c21, c22, v, add); Store(c += ldc, c30, c31, c32, v, add);
            Store(c += ldc, c40, c41, c42, v, add); Store(c += ldc, c50, c51, c52, v, add);
            Store(c += ldc, c60, c61, c62, v, add); Store(c += ldc, c70, c71, c72, v, add);
        }

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        private static void Step(Vector512<double> x, Vector512<double> b0, Vector512<double> b1, Vector512<double> b2,
            ref Vector512<double> c0, ref Vector512<double> c1, ref Vector512<double> c2, int v)
        {
            c0 = Avx512F.FusedMultiplyAdd(x, b0, c0);
            if (v > 1) c1 = Avx512F.FusedMultiplyAdd(x, b1, c1);
            if (v > 2) c2 = Avx512F.FusedMultiplyAdd(x, b2, c2);
        }

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        private static void Store(double* c, Vector512<double> x0, Vector512<double> x1, Vector512<double> x2, int v, bool add)
        {
            if (add) x0 += Vector512.Load(c);
            x0.Store(c);
            if (v > 1) { if (add) x1 += Vector512.Load(c + 8); x1.Store(c + 8); }
            if (v > 2) { if (add) x2 += Vector512.Load(c + 16); x2.Store(c + 16); }
        }

        /// <summary>Vectors of 8 per row in a Vector512 micro-kernel instantiation.</summary>
        private interface IWidth { static abstract int Vectors { get; } }
        private struct Three : IWidth { public static int Vectors => 3; }
        private struct Two : IWidth { public static int Vectors => 2; }
        private struct One : IWidth { public static int Vectors => 1; }

        // C[0..6, 0..8] (+)= A·B with 12 ymm accumulators (of 16 without AVX-512), as BLIS's Haswell kernel.
        [MethodImpl(MethodImplOptions.AggressiveOptimization)]
        private static void Kernel6x8(int kc, double* a, double* b, double* c, nint ldc, bool add)
        {
            Vector256<double> c00 = default, c01 = default, c10 = default, c11 = default, c20 = default, c21 = default;
            Vector256<double> c30 = default, c31 = default, c40 = default, c41 = default, c50 = default, c51 = default;
            for (int p = 0; p < kc; p++, a += 6, b += 8)
            {
                var b0 = Vector256.Load(b);
                var b1 = Vector256.Load(b + 4);
                var x = Vector256.Create(a[0]);
                c00 = Fma.MultiplyAdd(x, b0, c00); c01 = Fma.MultiplyAdd(x, b1, c01);
                x = Vector256.Create(a[1]);
                c10 = Fma.MultiplyAdd(x, b0, c10); c11 = Fma.MultiplyAdd(x, b1, c11);
                x = Vector256.Create(a[2]);
                c20 = Fma.MultiplyAdd(x, b0, c20); c21 = Fma.MultiplyAdd(x, b1, c21);
                x = Vector256.Create(a[3]);
                c30 = Fma.MultiplyAdd(x, b0, c30); c31 = Fma.MultiplyAdd(x, b1, c31);
                x = Vector256.Create(a[4]);
                c40 = Fma.MultiplyAdd(x, b0, c40); c41 = Fma.MultiplyAdd(x, b1, c41);
                x = Vector256.Create(a[5]);
                c50 = Fma.MultiplyAdd(x, b0, c50); c51 = Fma.MultiplyAdd(x, b1, c51);
            }
            Store(c, c00, c01, add); Store(c += ldc, c10, c11, add); Store(c += ldc, c20, c21, add);
            Store(c += ldc, c30, c31, add); Store(c += ldc, c40, c41, add); Store(c += ldc, c50, c51, add);
        }

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        private static void Store(double* c, Vector256<double> x0, Vector256<double> x1, bool add)
        {
            if (add) { x0 += Vector256.Load(c); x1 += Vector256.Load(c + 4); }
            x0.Store(c); x1.Store(c + 4);
        }

        // C[0..6, 0..4] (+)= A·B in 128-bit vectors: NEON (Apple silicon, Arm servers) or SSE; FMA where there is one.
        [MethodImpl(MethodImplOptions.AggressiveOptimization)]
        private static void Kernel6x4(int kc, double* a, double* b, double* c, nint ldc, bool add)
        {
            Vector128<double> c00 = default, c01 = default, c10 = default, c11 = default, c20 = default, c21 = default;
            Vector128<double> c30 = default, c31 = default, c40 = default, c41 = default, c50 = default, c51 = default;
            for (int p = 0; p < kc; p++, a += 6, b += 4)
            {
                var b0 = Vector128.Load(b);
                var b1 = Vector128.Load(b + 2);
                var x = Vector128.Create(a[0]);
                c00 = MultiplyAdd(x, b0, c00); c01 = MultiplyAdd(x, b1, c01);
                x = Vector128.Create(a[1]);
                c10 = MultiplyAdd(x, b0, c10); c11 = MultiplyAdd(x, b1, c11);
                x = Vector128.Create(a[2]);
                c20 = MultiplyAdd(x, b0, c20); c21 = MultiplyAdd(x, b1, c21);
                x = Vector128.Create(a[3]);
                c30 = MultiplyAdd(x, b0, c30); c31 = MultiplyAdd(x, b1, c31);
                x = Vector128.Create(a[4]);
                c40 = MultiplyAdd(x, b0, c40); c41 = MultiplyAdd(x, b1, c41);
                x = Vector128.Create(a[5]);
                c50 = MultiplyAdd(x, b0, c50); c51 = MultiplyAdd(x, b1, c51);
            }
            Store(c, c00, c01, add); Store(c += ldc, c10, c11, add); Store(c += ldc, c20, c21, add);
            Store(c += ldc, c30, c31, add); Store(c += ldc, c40, c41, add); Store(c += ldc, c50, c51, add);
        }

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        private static Vector128<double> MultiplyAdd(Vector128<double> x, Vector128<double> y, Vector128<double> acc) =>
            Fma.IsSupported ? Fma.MultiplyAdd(x, y, acc)
            : AdvSimd.Arm64.IsSupported ? AdvSimd.Arm64.FusedMultiplyAdd(acc, x, y)
            : x * y + acc;

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        private static void Store(double* c, Vector128<double> x0, Vector128<double> x1, bool add)
        {
            if (add) { x0 += Vector128.Load(c); x1 += Vector128.Load(c + 2); }
            x0.Store(c); x1.Store(c + 2);
        }

        private static int RoundUp(int x, int multiple) => (x + multiple - 1) / multiple * multiple;

        // A per-thread pinned buffer of at least `length` doubles past a 64-byte boundary (packed panels are reused).
        private static double[] PinnedBuffer(ref double[]? slot, long length)
        {
            if (slot == null || slot.Length < length + 8) slot = GC.AllocateUninitializedArray<double>(checked((int)(length + 8)), pinned: true);
            return slot;
        }

        private static double* Align(double* p) => (double*)(((nuint)p + 63) & ~(nuint)63);
    }
}
