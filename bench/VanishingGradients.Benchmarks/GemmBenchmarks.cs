using System;
using System.Linq;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;
using BenchmarkDotNet.Attributes;
using MathNet.Numerics.LinearAlgebra;
using VanishingGradients.LinearAlgebra;
using VanishingGradients.Native;

namespace VanishingGradients.Benchmarks
{
    // The products: the large pass with and without OpenBLAS, the GEMM by size and backend (the measurements behind
    // Kernels' choice of backend), and the machine's FMA peak in the same run, to state GEMM speed as a share of it.

    /// <summary>1024 features, 50 hidden layers of 1024, batch 256: 53 GFLOP of products per pass (bench_reference's large pass).</summary>
    [Rounds(warmup: 1, iterations: 5)]
    public class LargePassBenchmarks
    {
        public const int Width = 1024, Depth = 50, Batch = 256;
        private GradientPass _pass = null!;
        private Network _net = null!;
        private Activation _f = null!;
        private double[] _x = null!, _y = null!;

        [Params("Sigmoid", "ReLU")]
        public string Activation { get; set; } = "";

        /// <summary>Managed: the managed GEMM alone (as without libopenblas0); OpenBLAS: Kernels' choice with it installed.</summary>
        [Params("Managed", "OpenBLAS")]
        public string Backend { get; set; } = "";

        [GlobalSetup]
        public void Setup()
        {
            if (Backend == "OpenBLAS" && !OpenBlas.IsAvailable) throw new InvalidOperationException("libopenblas0 is not installed.");
            OpenBlas.Enabled = Backend == "OpenBLAS";
            var shape = Network.Shape(Width, Width, Depth, 1);
            var random = Initializers.ForTrial(42, Depth, 0);
            _net = Network.Create(shape, Initializer.Xavier, random);
            _x = Enumerable.Range(0, Width * Batch).Select(_ => Initializers.Gaussian(random)).ToArray();
            _y = Enumerable.Range(0, Batch).Select(_ => Initializers.Gaussian(random)).ToArray();
            _pass = new GradientPass(shape, Batch);
            _f = Activations.Get(Activation);
        }

        [GlobalCleanup]
        public void Cleanup() => OpenBlas.Enabled = true;

        [Benchmark]
        public double Pass()
        {
            _pass.Run(_net, _f, _x, _y, PassOptions.Default);
            return _pass.GradientNorm[0];
        }
    }

    /// <summary>
    /// C = op(A)·op(B) by size: "m×n×k" (A·B), "Tm×n×k" (Aᵀ·B, the backward pass and the Gram matrices), "m×n×kT" (A·Bᵀ).
    /// Backends: the managed GEMM on the widest micro-kernel, on the 256-bit one, and OpenBLAS's cblas_dgemm.
    /// </summary>
    [Rounds(warmup: 2, iterations: 7)]
    public class GemmBenchmarks
    {
        private double[] _a = null!, _b = null!, _c = null!;
        private int _m, _n, _k;
        private bool _ta, _tb;

        [Params("64x64x64", "128x128x128", "256x256x256", "512x512x512", "1024x1024x1024", "2048x2048x2048",
            "1024x256x1024", "T1024x256x1024", "T256x256x1024", "1024x1024x256T", "1024x32x1024", "T1024x32x1024")]
        public string Shape { get; set; } = "";

        [Params("Managed", "Managed256", "OpenBLAS")]
        public string Backend { get; set; } = "";

        /// <summary>Multiply-adds × 2 of a shape string.</summary>
        public static double Flops(string shape)
        {
            var d = shape.Trim('T').Split('x').Select(int.Parse).ToArray();
            return 2.0 * d[0] * d[1] * d[2];
        }

        [GlobalSetup]
        public void Setup()
        {
            if (Backend == "OpenBLAS" && !OpenBlas.IsAvailable) throw new InvalidOperationException("libopenblas0 is not installed.");
            (_ta, _tb) = (Shape.StartsWith('T'), Shape.EndsWith('T'));
            var d = Shape.Trim('T').Split('x').Select(int.Parse).ToArray();
            (_m, _n, _k) = (d[0], d[1], d[2]);
            var random = new Random(1);
            _a = Enumerable.Range(0, _m * _k).Select(_ => random.NextDouble() - 0.5).ToArray();
            _b = Enumerable.Range(0, _k * _n).Select(_ => random.NextDouble() - 0.5).ToArray();
            _c = new double[_m * _n];
        }

        [Benchmark]
        public void Multiply()
        {
            switch (Backend)
            {
                case "OpenBLAS": OpenBlas.Multiply(_ta, _tb, _m, _n, _k, _a, _b, _c); break;
                case "Managed256": Gemm.Multiply(_ta, _tb, _m, _n, _k, _a, _b, _c, kernel: Gemm.Kernel.Vector256); break;
                default: Gemm.Multiply(_ta, _tb, _m, _n, _k, _a, _b, _c); break;
            }
        }
    }

    /// <summary>One layer's product, 1024×1024 · 1024×256, by MathNet's managed provider: why the project has its own GEMM.</summary>
    [Rounds(warmup: 1, iterations: 5)]
    public class MathNetProductBenchmarks
    {
        private readonly Matrix<double> _w = Matrix<double>.Build.Random(1024, 1024, 1), _a = Matrix<double>.Build.Random(1024, 256, 2);
        private readonly Matrix<double> _z = Matrix<double>.Build.Dense(1024, 256);

        [Benchmark]
        public void MathNetManaged() => _w.Multiply(_a, _z);
    }

    /// <summary>
    /// The FMA peak of one core: 12 independent chains of fused multiply-adds on registers, 2·10⁷ steps (24·10⁷ FMAs,
    /// 3.84·10⁹ flops at 512 bits, 1.92·10⁹ at 256). GEMM GFLOP/s are stated as a share of this, measured in the same run.
    /// </summary>
    [Rounds(warmup: 2, iterations: 7)]
    public class FmaPeakBenchmarks
    {
        public const int Steps = 20_000_000;

        [Params(512, 256)]
        public int Bits { get; set; }

        [Benchmark]
        public double Peak() => Bits == 512 ? Peak512() : Peak256();

        private static double Peak512()
        {
            if (!Avx512F.IsSupported) throw new PlatformNotSupportedException("No AVX-512 here.");
            Vector512<double> x = Vector512.Create(1.0000001), y = Vector512.Create(0.9999999);
            Vector512<double> c0 = default, c1 = default, c2 = default, c3 = default, c4 = default, c5 = default;
            Vector512<double> c6 = default, c7 = default, c8 = default, c9 = default, c10 = default, c11 = default;
            for (int i = 0; i < Steps; i++)
            {
                c0 = Avx512F.FusedMultiplyAdd(x, y, c0); c1 = Avx512F.FusedMultiplyAdd(x, y, c1); c2 = Avx512F.FusedMultiplyAdd(x, y, c2);
                c3 = Avx512F.FusedMultiplyAdd(x, y, c3); c4 = Avx512F.FusedMultiplyAdd(x, y, c4); c5 = Avx512F.FusedMultiplyAdd(x, y, c5);
                c6 = Avx512F.FusedMultiplyAdd(x, y, c6); c7 = Avx512F.FusedMultiplyAdd(x, y, c7); c8 = Avx512F.FusedMultiplyAdd(x, y, c8);
                c9 = Avx512F.FusedMultiplyAdd(x, y, c9); c10 = Avx512F.FusedMultiplyAdd(x, y, c10); c11 = Avx512F.FusedMultiplyAdd(x, y, c11);
            }
            return Vector512.Sum(c0 + c1 + c2 + c3 + c4 + c5 + c6 + c7 + c8 + c9 + c10 + c11);
        }

        private static double Peak256()
        {
            Vector256<double> x = Vector256.Create(1.0000001), y = Vector256.Create(0.9999999);
            Vector256<double> c0 = default, c1 = default, c2 = default, c3 = default, c4 = default, c5 = default;
            Vector256<double> c6 = default, c7 = default, c8 = default, c9 = default, c10 = default, c11 = default;
            for (int i = 0; i < Steps; i++)
            {
                c0 = Fma.MultiplyAdd(x, y, c0); c1 = Fma.MultiplyAdd(x, y, c1); c2 = Fma.MultiplyAdd(x, y, c2);
                c3 = Fma.MultiplyAdd(x, y, c3); c4 = Fma.MultiplyAdd(x, y, c4); c5 = Fma.MultiplyAdd(x, y, c5);
                c6 = Fma.MultiplyAdd(x, y, c6); c7 = Fma.MultiplyAdd(x, y, c7); c8 = Fma.MultiplyAdd(x, y, c8);
                c9 = Fma.MultiplyAdd(x, y, c9); c10 = Fma.MultiplyAdd(x, y, c10); c11 = Fma.MultiplyAdd(x, y, c11);
            }
            return Vector256.Sum(c0 + c1 + c2 + c3 + c4 + c5 + c6 + c7 + c8 + c9 + c10 + c11);
        }
    }
}
