using System;
using System.Linq;
using System.Numerics.Tensors;
using BenchmarkDotNet.Attributes;
using VanishingGradients.Vectorized;

namespace VanishingGradients.Benchmarks
{
    /// <summary>
    /// The measurement behind hand-written activation kernels (src/VanishingGradients.Core/Vectorized): our fused f and f'
    /// at each vector width against the same work composed from TensorPrimitives (one library call per pass over memory,
    /// f' = s(1-s) or 1-t²), on bench_reference's 10^7 points of linspace(-5, 5). Widths the machine does not accelerate
    /// run emulated and are not meaningful; Widest is what Activation.Evaluate runs (serial here, so the widths compare).
    /// </summary>
    [Rounds(warmup: 2, iterations: 10)]
    public class ActivationKernelBenchmarks : ActivationWorkload
    {
        [Benchmark(Baseline = true)]
        public void Widest() => Evaluate(VectorWidth.Widest);

        [Benchmark]
        public void Bits256() => Evaluate(VectorWidth.Bits256);

        [Benchmark]
        public void Scalar() => Evaluate(VectorWidth.Scalar);

        /// <summary>Value and derivative from TensorPrimitives, as a caller without our kernels would write them.</summary>
        [Benchmark]
        public void TensorPrimitivesComposed()
        {
            switch (Activation)
            {
                case "Sigmoid":
                    TensorPrimitives.Sigmoid(_x, _v);
                    TensorPrimitives.Subtract(1.0, _v, _d);
                    TensorPrimitives.Multiply(_v, _d, _d);
                    break;
                case "Tanh":
                    TensorPrimitives.Tanh(_x, _v);
                    TensorPrimitives.Multiply(_v, _v, _d);
                    TensorPrimitives.Subtract(1.0, _d, _d);
                    break;
                case "ReLU":
                    // f only: TensorPrimitives has no step function for f'.
                    TensorPrimitives.Max(_x, 0.0, _v);
                    break;
                default:
                    // GELU has no TensorPrimitives building block for Φ (erf); the row stays empty.
                    break;
            }
        }

        // One piece on one thread, so that the widths compare; Evaluate itself splits 10^7 points over the cores.
        private void Evaluate(VectorWidth width)
        {
            const int piece = ActivationKernels.ParallelLength - 8;
            for (int i = 0; i < N; i += piece)
            {
                int n = System.Math.Min(piece, N - i);
                _f.Evaluate(_x.AsSpan(i, n), _v.AsSpan(i, n), _d.AsSpan(i, n), width);
            }
        }
    }
}
