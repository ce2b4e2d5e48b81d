using System;
using System.Numerics.Tensors;
using System.Threading;

namespace VanishingGradients
{
    /// <summary>
    /// The buffers of one forward + backward pass for a network shape and batch size, allocated once and reused
    /// for every trial, so a pass allocates nothing. Not thread-safe: one per thread.
    /// </summary>
    internal sealed class GradientPass
    {
        private readonly int[] _sizes;
        private readonly int _batch;
        // What the backward pass needs per layer is a_l and δ_l; z_l and ∂L/∂a_l are needed one layer at a time, so
        // the large pass (w1024 d50 b256) holds little more than its weights, activations and deltas.
        private readonly double[][] _a;      // a_0 (input) .. a_L
        private readonly double[] _z;        // z_l of the layer at hand
        private readonly double[][] _fp;     // f'(z_l), then δ_l in place (index 0 unused)
        private readonly double[][] _g;      // ∂L/∂a_l of the layer at hand and the one below, alternating by l's parity
        private readonly bool[] _byGram;     // per layer: ‖∂L/∂W‖ through the Gram matrices (else the outer product)
        private readonly double[] _gramD, _gramA;
        private double[]? _outer;            // the rows×cols product, made on first use
        private readonly int _outerLength;
        private int _overflowedAt;           // the first layer of the last forward pass with a value beyond ±MaxValue, or 0
        private readonly double[]?[] _zhat, _inverseStd; // batch norm: normalised z_l and 1/√(σ² + ε) per unit, made on first use

        public readonly double[] GradientNorm, WeightGradientNorm, Mean, Std, Saturated, Dead;
        private readonly double[][] _statistics; // the six above, in the order SaveStatistics writes them

        /// <summary>Numbers per layer that <see cref="SaveStatistics"/> writes.</summary>
        public const int StatisticsPerLayer = 6;

        public GradientPass(int[] sizes, int batch)
        {
            _sizes = sizes;
            _batch = batch;
            int layers = sizes.Length - 1;
            _a = new double[layers + 1][];
            _fp = new double[layers + 1][];
            int widest = 0;
            for (int l = 0; l <= layers; l++)
            {
                _a[l] = new double[sizes[l] * batch];
                _fp[l] = l == 0 ? Array.Empty<double>() : new double[sizes[l] * batch];
                widest = Math.Max(widest, sizes[l]);
            }
            _z = new double[widest * batch];
            _g = new[] { new double[widest * batch], new double[widest * batch] };
            _byGram = new bool[layers + 1];
            int gram = 0;
            for (int l = 1; l <= layers; l++)
            {
                int rows = sizes[l], cols = sizes[l - 1];
                // The Gram form costs batch²·(rows+cols) multiply-adds, the outer product rows·cols·batch.
                _byGram[l] = batch > 1 && (long)batch * (rows + cols) < (long)rows * cols;
                if (_byGram[l]) gram = batch * batch;
                if (batch > 1) _outerLength = Math.Max(_outerLength, rows * cols);
            }
            _gramD = new double[gram];
            _gramA = new double[gram];
            _zhat = new double[]?[layers + 1];
            _inverseStd = new double[]?[layers + 1];
            GradientNorm = new double[layers];
            WeightGradientNorm = new double[layers];
            Mean = new double[layers];
            Std = new double[layers];
            Saturated = new double[layers];
            Dead = new double[layers];
            _statistics = new[] { GradientNorm, WeightGradientNorm, Mean, Std, Saturated, Dead };
        }

        public int Layers => _sizes.Length - 1;
        public int Batch => _batch;

        /// <summary>
        /// Forward, MSE backward (∂L/∂a_L = a_L - y), and the per-layer statistics. <paramref name="cancellation"/> is
        /// checked before every layer, both ways, so a wide deep pass stops within one layer's product.
        /// </summary>
        public void Run(Network net, Activation f, ReadOnlySpan<double> input, ReadOnlySpan<double> target, PassOptions options,
            CancellationToken cancellation = default)
        {
            int L = Layers, n = _batch;
            input.CopyTo(_a[0]);
            _overflowedAt = 0;
            for (int l = 1; l <= L; l++)
            {
                cancellation.ThrowIfCancellationRequested();
                int rows = _sizes[l], cols = _sizes[l - 1];
                var z = _z.AsSpan(0, rows * n);
                Kernels.Multiply(net.W[l - 1], rows, cols, _a[l - 1], n, z);
                if (net.B[l - 1] is double[] b)
                    for (int i = 0; i < rows; i++)
                        for (int s = 0; s < n; s++) z[i * n + s] += b[i];
                if (_overflowedAt == 0 && !TensorPrimitives.IsFiniteAll<double>(z)) _overflowedAt = l;
                ReadOnlySpan<double> pre = z;
                if (IsNormalized(l, options))
                {
                    var zhat = _zhat[l] ??= new double[rows * n];
                    BatchNorm.Forward(z, rows, n, options.BatchNormEpsilon, zhat, _inverseStd[l] ??= new double[rows]);
                    pre = zhat;
                }
                (l == L && options.LinearOutput ? Activations.Identity : f).Evaluate(pre, _a[l], _fp[l]);
                if (IsResidual(l, options)) Kernels.Axpy(1.0, _a[l - 1], _a[l]);
                if (_overflowedAt == 0 && !TensorPrimitives.IsFiniteAll<double>(_a[l])) _overflowedAt = l;
                LayerMoments(l, options.SaturationThreshold);
            }

            var gL = G(L);
            for (int i = 0; i < gL.Length; i++) gL[i] = _a[L][i] - target[i];
            for (int l = L; l >= 1; l--)
            {
                cancellation.ThrowIfCancellationRequested();
                var delta = _fp[l];
                Kernels.Hadamard(G(l), _fp[l], delta);      // δ_l = ∂L/∂a_l ⊙ f'(z_l), over the f' buffer
                if (IsNormalized(l, options)) BatchNorm.Backward(delta, _zhat[l]!, _inverseStd[l]!, _sizes[l], n); // ∂L/∂ẑ_l → ∂L/∂z_l
                GradientNorm[l - 1] = Kernels.Norm(delta);
                WeightGradientNorm[l - 1] = options.ComputeWeightGradientNorms ? WeightGradientNormOf(l, delta, GradientNorm[l - 1]) : double.NaN;
                if (double.IsNaN(GradientNorm[l - 1]) || options.ComputeWeightGradientNorms && double.IsNaN(WeightGradientNorm[l - 1]))
                    throw Overflowed(l);
                if (l == 1) break;
                Kernels.MultiplyTransposed(net.W[l - 1], _sizes[l], _sizes[l - 1], delta, n, G(l - 1));
                if (IsResidual(l, options)) Kernels.Axpy(1.0, G(l), G(l - 1));
            }
        }

        // ∂L/∂a_l, in the buffer of l's parity: layer l's is read while layer l-1's is written.
        private Span<double> G(int l) => _g[l & 1].AsSpan(0, _sizes[l] * _batch);

        // Inputs and weights are finite, so a NaN gradient means the forward pass overflowed and ∞·0 or ∞-∞ followed.
        // Where the overflow stays ∞ the norms are +∞, as numpy gives; an undefined gradient is an error, never a NaN row.
        private OverflowException Overflowed(int backwardLayer)
        {
            int l = _overflowedAt;
            string where = l > 0 ? $"the forward pass overflowed at layer {l} (values beyond ±{double.MaxValue:G3})" : "the pass overflowed";
            return new OverflowException($"The gradient at layer {backwardLayer} is undefined: {where}, and ∞·0 or ∞-∞ followed. " +
                "Use smaller weights or inputs.");
        }

        /// <summary>The last <see cref="Run"/>'s statistics, layer by layer (Layers × StatisticsPerLayer), kept as plain numbers.</summary>
        public void SaveStatistics(Span<double> destination)
        {
            for (int l = 0, at = 0; l < Layers; l++)
                foreach (var statistic in _statistics) destination[at++] = statistic[l];
        }

        /// <summary>The statistics of the last <see cref="Run"/> as result records.</summary>
        public LayerStatistics[] Statistics(string activation, string initializer, Remedy remedy, int trial)
        {
            Span<double> saved = Layers * StatisticsPerLayer <= 512 ? stackalloc double[Layers * StatisticsPerLayer] : new double[Layers * StatisticsPerLayer];
            SaveStatistics(saved);
            return Statistics(_sizes, saved, activation, initializer, remedy, trial);
        }

        /// <summary>The result records of a pass on a network of these sizes from what <see cref="SaveStatistics"/> wrote.</summary>
        public static LayerStatistics[] Statistics(int[] sizes, ReadOnlySpan<double> saved, string activation, string initializer, Remedy remedy, int trial)
        {
            string remedyName = remedy.ToString();
            var rows = new LayerStatistics[sizes.Length - 1];
            for (int l = 0, at = 0; l < rows.Length; l++, at += StatisticsPerLayer)
                rows[l] = new LayerStatistics
                {
                    Activation = activation, Initializer = initializer, Remedy = remedyName, Depth = rows.Length - 1, Trial = trial, Layer = l + 1,
                    Units = sizes[l + 1], GradientNorm = saved[at], WeightGradientNorm = saved[at + 1],
                    ActivationMean = saved[at + 2], ActivationStd = saved[at + 3], SaturatedFraction = saved[at + 4], DeadFraction = saved[at + 5],
                };
            return rows;
        }

        // Hidden layers only: normalising the output unit over the batch would change what the loss compares with y.
        private bool IsNormalized(int l, PassOptions options) => options.BatchNorm && l < Layers;

        /// <summary>a_l of the last <see cref="Run"/> (a_0 is the input), units × batch.</summary>
        internal ReadOnlySpan<double> Values(int l) => _a[l];

        /// <summary>δ_l = ∂L/∂z_l of the last <see cref="Run"/>, units × batch.</summary>
        internal ReadOnlySpan<double> Delta(int l) => _fp[l];

        private bool IsResidual(int l, PassOptions options) => options.Residual && l > 1 && l < Layers && _sizes[l] == _sizes[l - 1];

        private void LayerMoments(int l, double threshold)
        {
            var a = _a[l];
            var fp = _fp[l];
            double mean = 0.0;
            foreach (double v in a) mean += v;
            mean /= a.Length;
            double ss = 0.0;
            int saturated = 0, dead = 0;
            for (int i = 0; i < a.Length; i++)
            {
                double d = a[i] - mean;
                ss += d * d;
                double p = Math.Abs(fp[i]);
                if (p < threshold) saturated++;
                if (p == 0.0) dead++;
            }
            Mean[l - 1] = mean;
            Std[l - 1] = double.IsInfinity(mean) ? double.PositiveInfinity : Math.Sqrt(ss / a.Length); // overflowed values: spread ∞, not ∞-∞
            Saturated[l - 1] = (double)saturated / a.Length;
            Dead[l - 1] = (double)dead / a.Length;
        }

        // ‖∂L/∂W_l‖ = ‖δ_l a_(l-1)ᵀ‖_F by the cheaper form for the layer's shape: for one sample ‖δ‖·‖a‖; while
        // batch·(rows+cols) < rows·cols, Σ_{s,t} (δ_s·δ_t)(a_s·a_t) over the samples s, t (two batch×batch Gram
        // matrices); beyond, the rows×cols product itself, whose norm is scaled. The Gram form's sums reach
        // batch²·rows·cols·max|δ|²·max|a|², so where that could overflow the product is taken instead.
        private double WeightGradientNormOf(int l, double[] delta, double deltaNorm)
        {
            int n = _batch, rows = _sizes[l], cols = _sizes[l - 1];
            var a = _a[l - 1];
            if (n == 1) return deltaNorm * Kernels.Norm(a);
            if (!_byGram[l] || !GramIsSafe(delta, a, (double)n * n * rows * cols))
            {
                var outer = (_outer ??= new double[_outerLength]).AsSpan(0, rows * cols);
                Kernels.OuterProducts(delta, rows, a, cols, n, outer);
                return Kernels.Norm(outer);
            }
            Kernels.Gram(delta, rows, n, _gramD);
            Kernels.Gram(a, cols, n, _gramA);
            double sum = 0.0;
            for (int i = 0; i < _gramD.Length; i++) sum += _gramD[i] * _gramA[i];
            return Math.Sqrt(Math.Max(sum, 0.0));
        }

        // No term of the Gram form can reach 1e300 (terms · max|δ|² · max|a|² < 1e300): far from ±MaxValue.
        private static bool GramIsSafe(ReadOnlySpan<double> delta, ReadOnlySpan<double> a, double terms)
        {
            double d = TensorPrimitives.MaxMagnitude(delta), x = TensorPrimitives.MaxMagnitude(a);
            return terms * (d * d) * (x * x) < 1e300;
        }
    }
}
