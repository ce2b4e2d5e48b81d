using System;
using System.Collections.Generic;
using System.Linq;
using NUnit.Framework;
using VanishingGradients.LinearAlgebra;
using VanishingGradients.Native;

namespace VanishingGradients.Tests
{
    /// <summary>The managed GEMM against a naive triple loop, on every micro-kernel this machine accelerates.</summary>
    public class GemmTests
    {
        // Every accelerated micro-kernel: all three on an AVX-512 machine (run again with DOTNET_EnableAVX512=0 to
        // check that the 256-bit one is then the widest).
        private static IEnumerable<Gemm.Kernel> Kernels() =>
            Enum.GetValues<Gemm.Kernel>().Where(k => k <= Gemm.Widest);

        // 1×1, k = 0, primes, one off the micro-tiles (8×24, 6×8, 6×4) and the blocks (KC 256, MC 192, NC past k·NC 2^19).
        private static readonly (int M, int N, int K)[] Shapes =
        {
            (1, 1, 1), (1, 1, 0), (3, 5, 0), (1, 7, 1), (7, 1, 13), (2, 3, 4), (5, 7, 11), (8, 24, 1), (9, 25, 3), (6, 8, 257),
            (7, 9, 256), (13, 31, 97), (17, 23, 29), (48, 48, 48), (97, 61, 131), (193, 37, 513), (201, 50, 300), (31, 1031, 600),
            (4, 2053, 257), (389, 3, 71),
        };

        private static double[] Random(int length, int seed)
        {
            var random = new Random(seed);
            return Enumerable.Range(0, length).Select(_ => random.NextDouble() * 2 - 1).ToArray();
        }

        // op(A)(i, p) and op(B)(p, j) read from the stored layouts.
        private static double OpA(double[] a, bool t, int m, int k, int i, int p) => t ? a[p * m + i] : a[i * k + p];
        private static double OpB(double[] b, bool t, int k, int n, int p, int j) => t ? b[j * k + p] : b[p * n + j];

        /// <summary>Asserts C = op(A)·op(B) within the rounding bound of a length-k sum, |error| ≤ 2k·ε·Σ|a||b|.</summary>
        private static void AssertProduct(double[] c, double[] a, bool ta, double[] b, bool tb, int m, int n, int k, string what)
        {
            for (int i = 0; i < m; i++)
                for (int j = 0; j < n; j++)
                {
                    double sum = 0.0, magnitude = 0.0;
                    for (int p = 0; p < k; p++)
                    {
                        double x = OpA(a, ta, m, k, i, p), y = OpB(b, tb, k, n, p, j);
                        sum += x * y;
                        magnitude += Math.Abs(x * y);
                    }
                    double bound = 2.0 * (k + 1) * 2.220446049250313e-16 * magnitude;
                    if (Math.Abs(c[i * n + j] - sum) > bound)
                        Assert.Fail($"{what}: C[{i},{j}] = {c[i * n + j]:R}, naive {sum:R} (bound {bound:E2})");
                }
        }

        [Test]
        public void Products_match_a_naive_triple_loop_for_odd_shapes_transposes_and_every_kernel()
        {
            int checks = 0;
            foreach (var kernel in Kernels())
                foreach (var (m, n, k) in Shapes)
                    foreach (bool ta in new[] { false, true })
                        foreach (bool tb in new[] { false, true })
                        {
                            var a = Random(m * k, m + 7 * k);
                            var b = Random(k * n, n + 5 * k);
                            var c = Enumerable.Repeat(double.NaN, m * n).ToArray(); // C is overwritten, never read
                            Gemm.Multiply(ta, tb, m, n, k, a, b, c, kernel: kernel);
                            AssertProduct(c, a, ta, b, tb, m, n, k, $"{kernel} {m}×{n}×{k} ta={ta} tb={tb}");
                            checks++;
                        }
            Assert.That(checks, Is.EqualTo(Kernels().Count() * Shapes.Length * 4));
        }

        [Test]
        public void Results_are_bit_identical_whatever_the_thread_count()
        {
            // Large enough for several MC blocks, several KC blocks and more than one NC panel (k·NC ≤ 2^19 doubles).
            foreach (var kernel in Kernels())
                foreach (var (m, n, k) in new[] { (403, 301, 700), (1024, 2100, 300) })
                {
                    var a = Random(m * k, 1);
                    var b = Random(k * n, 2);
                    var one = new double[m * n];
                    Gemm.Multiply(true, false, m, n, k, a, b, one, threads: 1, kernel: kernel);
                    foreach (int threads in new[] { 2, 3, 8 })
                    {
                        var many = new double[m * n];
                        Gemm.Multiply(true, false, m, n, k, a, b, many, threads: threads, kernel: kernel);
                        Assert.That(many, Is.EqualTo(one), $"{kernel} {m}×{n}×{k} on {threads} threads");
                    }
                }
        }

        [Test]
        public void Transposed_operands_give_the_same_bits_as_plain_ones()
        {
            // Packing reads either layout into the same panels, so Aᵀ stored as A gives identical sums.
            int m = 37, n = 29, k = 300;
            var a = Random(m * k, 3);
            var b = Random(k * n, 4);
            var aT = new double[k * m];
            var bT = new double[n * k];
            for (int i = 0; i < m; i++) for (int p = 0; p < k; p++) aT[p * m + i] = a[i * k + p];
            for (int p = 0; p < k; p++) for (int j = 0; j < n; j++) bT[j * k + p] = b[p * n + j];
            var plain = new double[m * n];
            var transposed = new double[m * n];
            Gemm.Multiply(false, false, m, n, k, a, b, plain);
            Gemm.Multiply(true, true, m, n, k, aT, bT, transposed);
            Assert.That(transposed, Is.EqualTo(plain));
        }

        [Test]
        public void Gram_matrices_are_the_full_products_bits_computed_from_the_upper_triangle()
        {
            foreach (var kernel in Kernels())
                foreach (var (n, k) in new[] { (1, 1), (1, 0), (5, 3), (25, 7), (64, 257), (203, 300), (256, 1024) })
                    foreach (int threads in new[] { 1, 2, 3 })
                    {
                        var a = Random(k * n, n + k);
                        var full = new double[n * n];
                        Gemm.Multiply(true, false, n, n, k, a, a, full, threads, kernel);
                        var gram = Enumerable.Repeat(double.NaN, n * n).ToArray();
                        Gemm.Gram(n, k, a, gram, threads, kernel);
                        Assert.That(gram, Is.EqualTo(full), $"{kernel} n={n} k={k} on {threads} threads");
                    }
        }

        [Test]
        public void A_NaN_or_infinity_stays_in_its_row_and_the_padding_adds_none()
        {
            foreach (var kernel in Kernels())
            {
                int m = 11, n = 27, k = 5;
                var a = Random(m * k, 5);
                var b = Random(k * n, 6);
                a[3 * k + 2] = double.NaN;
                b[1 * n + 26] = double.PositiveInfinity;
                var c = new double[m * n];
                Gemm.Multiply(false, false, m, n, k, a, b, c, kernel: kernel);
                for (int i = 0; i < m; i++)
                    for (int j = 0; j < n; j++)
                    {
                        double v = c[i * n + j];
                        if (i == 3) Assert.That(v, Is.NaN, $"{kernel} C[3,{j}]");
                        else if (j == 26) Assert.That(double.IsInfinity(v), Is.True, $"{kernel} C[{i},26] = {v}");
                        else Assert.That(double.IsFinite(v), Is.True, $"{kernel} C[{i},{j}] = {v}");
                    }
            }
        }

        [Test]
        public void Bad_shapes_are_refused()
        {
            var x = new double[6];
            Assert.Throws<ArgumentOutOfRangeException>(() => Gemm.Multiply(false, false, -1, 2, 3, x, x, x));
            Assert.Throws<ArgumentException>(() => Gemm.Multiply(false, false, 2, 3, 4, x, x, x));
            Assert.Throws<ArgumentException>(() => Gemm.Multiply(false, false, 3, 3, 2, x, x, x));
        }

        [Test]
        public void The_kernels_products_match_the_naive_loop()
        {
            // The four products a pass makes, through Kernels (whichever backend it picks for the size).
            int rows = 70, cols = 45, batch = 33;
            var w = Random(rows * cols, 7);
            var a = Random(cols * batch, 8);
            var d = Random(rows * batch, 9);
            var z = new double[rows * batch];
            VanishingGradients.Kernels.Multiply(w, rows, cols, a, batch, z);
            AssertProduct(z, w, false, a, false, rows, batch, cols, "W·a");
            var g = new double[cols * batch];
            VanishingGradients.Kernels.MultiplyTransposed(w, rows, cols, d, batch, g);
            AssertProduct(g, w, true, d, false, cols, batch, rows, "Wᵀ·d");
            var gram = new double[batch * batch];
            VanishingGradients.Kernels.Gram(d, rows, batch, gram);
            AssertProduct(gram, d, true, d, false, batch, batch, rows, "dᵀd");
            var outer = new double[rows * cols];
            VanishingGradients.Kernels.OuterProducts(d, rows, a, cols, batch, outer);
            AssertProduct(outer, d, false, a, true, rows, cols, batch, "d·aᵀ");
        }

        [Test, NonParallelizable]
        public void OpenBlas_and_the_managed_gemm_agree_to_1e12()
        {
            if (!OpenBlas.IsAvailable) Assert.Ignore("libopenblas0 is not installed.");
            foreach (var (m, n, k) in new[] { (1, 1, 1), (13, 31, 97), (256, 256, 1024), (1024, 256, 1024), (300, 700, 50) })
                foreach (bool ta in new[] { false, true })
                    foreach (bool tb in new[] { false, true })
                    {
                        var a = Random(m * k, 10);
                        var b = Random(k * n, 11);
                        var blas = new double[m * n];
                        var managed = new double[m * n];
                        OpenBlas.Multiply(ta, tb, m, n, k, a, b, blas);
                        Gemm.Multiply(ta, tb, m, n, k, a, b, managed);
                        double scale = managed.Max(Math.Abs);
                        for (int i = 0; i < managed.Length; i++)
                            if (Math.Abs(blas[i] - managed[i]) > 1e-12 * scale)
                                Assert.Fail($"{m}×{n}×{k} ta={ta} tb={tb}: [{i}] OpenBLAS {blas[i]:R}, managed {managed[i]:R}");
                    }
        }
    }
}
