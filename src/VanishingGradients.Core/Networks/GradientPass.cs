using System;
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
        private readonly double[][] _a;      // a_0 (input) .. a_L
        private readonly double[][] _z;      // z_1 .. z_L (index 0 unused)
        private readonly double[][] _fp;     // f'(z_l), then δ_l in place
        private readonly double[][] _g;      // ∂L/∂a_l
        private readonly bool[] _byGram;     // per layer: ‖∂L/∂W‖ through the Gram matrices (else the outer product)
        private readonly double[] _gramD, _gramA, _aT, _outer;
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
            _z = new double[layers + 1][];
            _fp = new double[layers + 1][];
            _g = new double[layers + 1][];
            for (int l = 0; l <= layers; l++)
            {
                _a[l] = new double[sizes[l] * batch];
                _g[l] = new double[sizes[l] * batch];
                _z[l] = l == 0 ? Array.Empty<double>() : new double[sizes[l] * batch];
                _fp[l] = l == 0 ? Array.Empty<double>() : new double[sizes[l] * batch];
            }
            _byGram = new bool[layers + 1];
            int gram = 0, aT = 0, outer = 0;
            for (int l = 1; l <= layers; l++)
            {
                int rows = sizes[l], cols = sizes[l - 1];
                // The Gram form costs batch²·(rows+cols) multiply-adds, the outer product rows·cols·batch.
                _byGram[l] = batch > 1 && (long)batch * (rows + cols) < (long)rows * cols;
                if (_byGram[l]) gram = batch * batch;
                else if (batch > 1) { aT = Math.Max(aT, cols * batch); outer = Math.Max(outer, rows * cols); }
            }
            _gramD = new double[gram];
            _gramA = new double[gram];
            _aT = new double[aT];
            _outer = new double[outer];
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
            for (int l = 1; l <= L; l++)
            {
                cancellation.ThrowIfCancellationRequested();
                int rows = _sizes[l], cols = _sizes[l - 1];
                Kernels.Multiply(net.W[l - 1], rows, cols, _a[l - 1], n, _z[l]);
                if (net.B[l - 1] is double[] b)
                    for (int i = 0; i < rows; i++)
                        for (int s = 0; s < n; s++) _z[l][i * n + s] += b[i];
                var pre = _z[l];
                if (IsNormalized(l, options))
                {
                    pre = _zhat[l] ??= new double[rows * n];
                    BatchNorm.Forward(_z[l], rows, n, options.BatchNormEpsilon, pre, _inverseStd[l] ??= new double[rows]);
                }
                (l == L && options.LinearOutput ? Activations.Identity : f).Evaluate(pre, _a[l], _fp[l]);
                if (IsResidual(l, options)) Kernels.Axpy(1.0, _a[l - 1], _a[l]);
                LayerMoments(l, options.SaturationThreshold);
            }

            var gL = _g[L];
            for (int i = 0; i < gL.Length; i++) gL[i] = _a[L][i] - target[i];
            for (int l = L; l >= 1; l--)
            {
                cancellation.ThrowIfCancellationRequested();
                var delta = _fp[l];
                Kernels.Hadamard(_g[l], _fp[l], delta);      // δ_l = ∂L/∂a_l ⊙ f'(z_l), over the f' buffer
                if (IsNormalized(l, options)) BatchNorm.Backward(delta, _zhat[l]!, _inverseStd[l]!, _sizes[l], n); // ∂L/∂ẑ_l → ∂L/∂z_l
                GradientNorm[l - 1] = Kernels.Norm(delta);
                WeightGradientNorm[l - 1] = options.ComputeWeightGradientNorms ? WeightGradientNormOf(l, delta, GradientNorm[l - 1]) : double.NaN;
                if (double.IsNaN(GradientNorm[l - 1]) || options.ComputeWeightGradientNorms && double.IsNaN(WeightGradientNorm[l - 1]))
                    throw Overflowed(l);
                if (l == 1) break;
                Kernels.MultiplyTransposed(net.W[l - 1], _sizes[l], _sizes[l - 1], delta, n, _g[l - 1]);
                if (IsResidual(l, options)) Kernels.Axpy(1.0, _g[l], _g[l - 1]);
            }
        }

        // Inputs and weights are finite, so a NaN gradient means the forward pass overflowed and ∞·0 or ∞-∞ followed.
        // Where the overflow stays ∞ the norms are +∞, as numpy gives; an undefined gradient is an error, never a NaN row.
        private OverflowException Overflowed(int backwardLayer)
        {
            int l = 1;
            while (l <= Layers && Array.TrueForAll(_z[l], double.IsFinite) && Array.TrueForAll(_a[l], double.IsFinite)) l++;
            string where = l <= Layers ? $"the forward pass overflowed at layer {l} (values beyond ±{double.MaxValue:G3})" : "the pass overflowed";
            return new OverflowException($"The gradient at layer {backwardLayer} is undefined: {where}, and ∞·0 or ∞-∞ followed. " +
                "Use smaller weights or inputs.");
        }

        /// <summary>The last <see cref="Run"/>'s statistics, layer by layer (Layers × StatisticsPerLayer), kept as plain numbers.</summary>
        public void SaveStatistics(Span<double> destination)
        {
            for (int l = 0, at = 0; l < Layers; l++)
                foreach (var statistic in _statistics) destination[at++] = statistic[l];
        }

        /// <summary>Puts back what <see cref="SaveStatistics"/> wrote, so that <see cref="Statistics"/> builds its rows.</summary>
        public void LoadStatistics(ReadOnlySpan<double> source)
        {
            for (int l = 0, at = 0; l < Layers; l++)
                foreach (var statistic in _statistics) statistic[l] = source[at++];
        }

        /// <summary>The statistics of the last <see cref="Run"/> as result records.</summary>
        public LayerStatistics[] Statistics(string activation, string initializer, Remedy remedy, int trial)
        {
            string remedyName = remedy.ToString();
            var rows = new LayerStatistics[Layers];
            for (int l = 0; l < rows.Length; l++)
                rows[l] = new LayerStatistics
                {
                    Activation = activation, Initializer = initializer, Remedy = remedyName, Depth = Layers - 1, Trial = trial, Layer = l + 1,
                    Units = _sizes[l + 1], GradientNorm = GradientNorm[l], WeightGradientNorm = WeightGradientNorm[l],
                    ActivationMean = Mean[l], ActivationStd = Std[l], SaturatedFraction = Saturated[l], DeadFraction = Dead[l],
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
        // matrices); beyond, the rows×cols product itself.
        private double WeightGradientNormOf(int l, double[] delta, double deltaNorm)
        {
            int n = _batch, rows = _sizes[l], cols = _sizes[l - 1];
            var a = _a[l - 1];
            if (n == 1) return deltaNorm * Kernels.Norm(a);
            if (!_byGram[l])
            {
                for (int j = 0; j < cols; j++)
                    for (int s = 0; s < n; s++) _aT[s * cols + j] = a[j * n + s];
                Kernels.Multiply(delta, rows, n, _aT, cols, _outer);
                return Kernels.Norm(_outer.AsSpan(0, rows * cols));
            }
            Kernels.Gram(delta, rows, n, _gramD);
            Kernels.Gram(a, cols, n, _gramA);
            double sum = 0.0;
            for (int i = 0; i < _gramD.Length; i++) sum += _gramD[i] * _gramA[i];
            return Math.Sqrt(Math.Max(sum, 0.0));
        }
    }
}
