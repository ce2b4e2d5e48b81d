using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;

namespace VanishingGradients
{
    /// <summary>
    /// A fully connected network with layer sizes [features] + [hidden]×depth + [outputs]. Layer l (1-based) holds
    /// W_l of shape (n_l × n_(l-1)) and an optional bias b_l. The same activation is applied at every layer,
    /// the output layer included, as in the labs.
    /// </summary>
    public sealed class Network
    {
        /// <summary>Upper limit on the number of weights (800 MB of doubles).</summary>
        public const long MaxWeights = 100_000_000;

        internal readonly double[][] W;
        internal readonly double[]?[] B;

        private Network(int[] sizes, double[][] weights, double[]?[] biases)
        {
            Sizes = sizes;
            W = weights;
            B = biases;
        }

        internal int[] Sizes { get; }

        /// <summary>n_0 (features), n_1, ..., n_L (outputs).</summary>
        public IReadOnlyList<int> LayerSizes => Sizes;

        /// <summary>L, the number of weight layers (depth + 1 for the lab's networks).</summary>
        public int Layers => W.Length;

        /// <summary>[features] + [hidden]×depth + [outputs], validated.</summary>
        public static int[] Shape(int features, int hidden, int depth, int outputs = 1)
        {
            Guard.InRange(features, 1, 1_000_000, nameof(features));
            Guard.InRange(hidden, 1, 1_000_000, nameof(hidden));
            Guard.InRange(depth, 1, 100_000, nameof(depth));
            Guard.InRange(outputs, 1, 1_000_000, nameof(outputs));
            var sizes = new int[depth + 2];
            sizes[0] = features;
            for (int l = 1; l <= depth; l++) sizes[l] = hidden;
            sizes[depth + 1] = outputs;
            long weights = 0;
            for (int l = 1; l < sizes.Length; l++) weights += (long)sizes[l] * sizes[l - 1];
            if (weights > MaxWeights)
                throw new ArgumentOutOfRangeException(nameof(depth), depth, $"The network would have {weights:N0} weights; at most {MaxWeights:N0} are allowed.");
            return sizes;
        }

        /// <summary>A network of the given shape with weights drawn by <paramref name="init"/> and zero biases.</summary>
        public static Network Create(IReadOnlyList<int> layerSizes, Initializer init, Random random)
        {
            if (random == null) throw new ArgumentNullException(nameof(random));
            var sizes = layerSizes.ToArray();
            if (sizes.Length < 2 || sizes.Any(n => n < 1))
                throw new ArgumentException("A network needs at least two layer sizes, each at least 1.", nameof(layerSizes));
            var w = new double[sizes.Length - 1][];
            for (int l = 0; l < w.Length; l++) w[l] = new double[sizes[l + 1] * sizes[l]];
            var net = new Network(sizes, w, new double[]?[w.Length]);
            net.Reinitialize(init, random);
            return net;
        }

        /// <summary>
        /// A network from explicit weight matrices W_1..W_L (each n_out × n_in, as numpy's W @ a expects) and optional
        /// biases, for cross-checks on identical numbers. Shapes must chain: columns of W_l = rows of W_(l-1).
        /// </summary>
        public static Network FromWeights(IReadOnlyList<double[,]> weights, IReadOnlyList<double[]?>? biases = null)
        {
            if (weights == null || weights.Count == 0) throw new ArgumentException("At least one weight matrix is needed.", nameof(weights));
            if (biases != null && biases.Count != weights.Count)
                throw new ArgumentException($"{biases.Count} bias vectors for {weights.Count} weight matrices.", nameof(biases));
            var sizes = new int[weights.Count + 1];
            sizes[0] = weights[0].GetLength(1);
            var w = new double[weights.Count][];
            var b = new double[]?[weights.Count];
            for (int l = 0; l < weights.Count; l++)
            {
                var m = weights[l];
                int rows = m.GetLength(0), cols = m.GetLength(1);
                if (rows == 0 || cols == 0) throw new ArgumentException($"Weight matrix {l + 1} is empty.", nameof(weights));
                if (cols != sizes[l])
                    throw new ArgumentException($"Weight matrix {l + 1} has {cols} columns but layer {l} has {sizes[l]} units.", nameof(weights));
                sizes[l + 1] = rows;
                w[l] = new double[rows * cols];
                for (int i = 0; i < rows; i++)
                    for (int j = 0; j < cols; j++)
                        w[l][i * cols + j] = CheckFinite(m[i, j], "weights");
                if (biases?[l] is double[] bl)
                {
                    if (bl.Length != rows) throw new ArgumentException($"Bias {l + 1} has {bl.Length} entries for {rows} units.", nameof(biases));
                    b[l] = bl.Select(v => CheckFinite(v, "biases")).ToArray();
                }
            }
            return new Network(sizes, w, b);
        }

        /// <summary>Draws fresh weights in place (zero biases): one call per trial reuses the buffers.</summary>
        public void Reinitialize(Initializer init, Random random)
        {
            for (int l = 0; l < W.Length; l++)
            {
                Initializers.Fill(init, Sizes[l], Sizes[l + 1], random, W[l]);
                B[l] = null;
            }
        }

        /// <summary>A copy of W_l (1-based layer index).</summary>
        public double[,] GetWeights(int layer)
        {
            Guard.InRange(layer, 1, Layers, nameof(layer));
            int rows = Sizes[layer], cols = Sizes[layer - 1];
            var m = new double[rows, cols];
            for (int i = 0; i < rows; i++)
                for (int j = 0; j < cols; j++)
                    m[i, j] = W[layer - 1][i * cols + j];
            return m;
        }

        /// <summary>
        /// One forward and MSE backward pass (labs.md §5) for a batch: <paramref name="input"/> is features × batch,
        /// <paramref name="target"/> outputs × batch (columns are samples). Returns the statistics of every layer 1..L.
        /// When the forward pass overflows the norms are +∞ where the gradient stays ∞, as numpy gives; where ∞·0 or ∞-∞
        /// leaves it undefined, an <see cref="OverflowException"/> names the layer that overflowed, never a NaN norm.
        /// </summary>
        public IReadOnlyList<LayerStatistics> Backpropagate(Activation activation, double[,] input, double[,] target, PassOptions? options = null)
        {
            if (activation == null) throw new ArgumentNullException(nameof(activation));
            int batch = input.GetLength(1);
            if (input.GetLength(0) != Sizes[0])
                throw new ArgumentException($"The input has {input.GetLength(0)} rows; the network expects {Sizes[0]} features.", nameof(input));
            if (target.GetLength(0) != Sizes[Sizes.Length - 1] || target.GetLength(1) != batch)
                throw new ArgumentException($"The target must be {Sizes[Sizes.Length - 1]} × {batch}.", nameof(target));
            // The last call's buffers when the batch size matches: a warm one-shot call allocates little more than its rows.
            options ??= PassOptions.Default;
            options.Validate(batch);
            var pass = Interlocked.Exchange(ref _pass, null);
            if (pass == null || pass.Batch != batch) pass = new GradientPass(Sizes, batch);
            pass.Run(this, activation, Flatten(input, "input"), Flatten(target, "target"), options);
            var rows = pass.Statistics(activation.Name, "Explicit", options.Remedy, trial: 0);
            if ((long)Sizes.Sum() * batch <= KeptPassValues) Volatile.Write(ref _pass, pass);
            return rows;
        }

        // Taken by exchange, so concurrent calls on one network each run on their own buffers. Only small passes are
        // kept: for them allocation costs as much as the pass; a large pass would hold its memory for nothing.
        private GradientPass? _pass;
        private const long KeptPassValues = 1 << 16;

        internal static double[] Flatten(double[,] m, string name)
        {
            var flat = new double[m.Length];
            int cols = m.GetLength(1), k = 0;
            for (int i = 0; i < m.GetLength(0); i++)
                for (int j = 0; j < cols; j++)
                    flat[k++] = CheckFinite(m[i, j], name);
            if (flat.Length == 0) throw new ArgumentException($"The {name} is empty.", name);
            return flat;
        }

        private static double CheckFinite(double v, string name)
        {
            if (double.IsNaN(v) || double.IsInfinity(v)) throw new ArgumentException($"The {name} holds a value that is not finite ({v}).", name);
            return v;
        }
    }

    /// <summary>Options of one pass.</summary>
    public sealed record PassOptions
    {
        public static PassOptions Default { get; } = new PassOptions();

        /// <summary>Residual connections a_l = f(z_l) + a_(l-1) on the hidden-to-hidden layers (2..L-1).</summary>
        public bool Residual { get; init; }

        /// <summary>
        /// A linear output unit (identity at layer L) instead of the labs' f at every layer. With a ReLU output about half
        /// of random networks have z_L ≤ 0 and no gradient at all; a linear output shows what the hidden layers do.
        /// </summary>
        public bool LinearOutput { get; init; }

        /// <summary>
        /// Batch normalisation of the hidden layers' pre-activations (1..L-1; not the output), in training mode over the
        /// batch with γ = 1, β = 0: a_l = f((z_l - μ)/√(σ² + ε)). Needs a batch of at least 2.
        /// </summary>
        public bool BatchNorm { get; init; }

        /// <summary>ε of <see cref="BatchNorm"/>; torch's default.</summary>
        public double BatchNormEpsilon { get; init; } = VanishingGradients.BatchNorm.DefaultEpsilon;

        /// <summary>A unit counts as saturated when |f'(z)| is below this.</summary>
        public double SaturationThreshold { get; init; } = 1e-3;

        /// <summary>
        /// Compute ‖∂L/∂W_l‖ (<see cref="LayerStatistics.WeightGradientNorm"/>, NaN = not computed when false). It costs
        /// min(batch²·(rows+cols), rows·cols·batch) multiply-adds per layer, up to as much as the pass's own products.
        /// </summary>
        public bool ComputeWeightGradientNorms { get; init; } = true;

        /// <summary>Throws a clear ArgumentException when these options cannot run on a batch of that size.</summary>
        public void Validate(int batch)
        {
            if (SaturationThreshold < 0 || double.IsNaN(SaturationThreshold))
                throw new ArgumentOutOfRangeException(nameof(SaturationThreshold), SaturationThreshold, "SaturationThreshold must not be negative.");
            if (!BatchNorm) return;
            if (!(BatchNormEpsilon > 0) || double.IsInfinity(BatchNormEpsilon))
                throw new ArgumentOutOfRangeException(nameof(BatchNormEpsilon), BatchNormEpsilon, "The batch-norm epsilon must be a positive finite number.");
            if (batch < 2)
                throw new ArgumentException("Batch normalisation needs a batch of at least 2 samples: over a batch of 1 every " +
                    "normalised pre-activation is 0 and no gradient passes. Use a larger batch size (or input with more columns).", nameof(batch));
        }

        /// <summary>The structural remedies these options switch on.</summary>
        public Remedy Remedy => RemedySwitches.Of(Residual, BatchNorm);

        /// <summary>These options with exactly the remedies of <paramref name="remedy"/>.</summary>
        public PassOptions With(Remedy remedy) =>
            this with { Residual = (remedy & Remedy.Residual) != 0, BatchNorm = (remedy & Remedy.BatchNorm) != 0 };
    }

    /// <summary>
    /// The changes to the network's structure that the chapter names as remedies for vanishing gradients. The other
    /// remedies are choices of their own: the activation (the ReLU family) and the <see cref="Initializer"/> (He, Xavier).
    /// </summary>
    [Flags]
    public enum Remedy
    {
        /// <summary>The labs' plain network.</summary>
        None = 0,
        /// <summary>Skip connections a_l = f(z_l) + a_(l-1) between hidden layers of equal width.</summary>
        Residual = 1,
        /// <summary>Batch normalisation of the hidden layers' pre-activations (see <see cref="PassOptions.BatchNorm"/>).</summary>
        BatchNorm = 2,
    }

    /// <summary>The Residual and BatchNorm switches of an experiment, and how they combine with its list of remedies.</summary>
    public static class RemedySwitches
    {
        /// <summary>The remedies the two switches turn on.</summary>
        public static Remedy Of(bool residual, bool batchNorm) =>
            (residual ? Remedy.Residual : Remedy.None) | (batchNorm ? Remedy.BatchNorm : Remedy.None);

        /// <summary>Each of <paramref name="remedies"/> with the switched-on ones added, duplicates dropped, in order.</summary>
        public static Remedy[] AddedTo(IEnumerable<Remedy>? remedies, bool residual, bool batchNorm)
        {
            var extra = Of(residual, batchNorm);
            return (remedies ?? Array.Empty<Remedy>()).Select(r => r | extra).Distinct().ToArray();
        }
    }

    /// <summary>What one pass measured at one layer; flat, so a table or a CSV row shows all of it.</summary>
    public sealed record LayerStatistics
    {
        public string Activation { get; init; } = "";
        public string Initializer { get; init; } = "";
        /// <summary>Hidden layers of the network (L - 1).</summary>
        public int Depth { get; init; }
        public int Trial { get; init; }
        /// <summary>The structural remedies of the network (<see cref="VanishingGradients.Remedy"/> as text): None, Residual, BatchNorm or "Residual, BatchNorm".</summary>
        public string Remedy { get; init; } = nameof(VanishingGradients.Remedy.None);
        /// <summary>1 = first hidden layer (input side) ... L = output layer.</summary>
        public int Layer { get; init; }
        public int Units { get; init; }
        /// <summary>‖δ_l‖ = ‖∂L/∂z_l‖, Euclidean (Frobenius over a batch); with batch normalisation z_l is the pre-activation before it. +∞ when the pass overflowed.</summary>
        public double GradientNorm { get; init; }
        /// <summary>‖∂L/∂W_l‖ = ‖δ_l a_(l-1)ᵀ‖, Frobenius; NaN when the pass was asked not to compute it (PassOptions.ComputeWeightGradientNorms).</summary>
        public double WeightGradientNorm { get; init; }
        public double ActivationMean { get; init; }
        /// <summary>Population standard deviation of a_l over units and samples.</summary>
        public double ActivationStd { get; init; }
        /// <summary>Fraction of units×samples with |f'(z_l)| below the saturation threshold.</summary>
        public double SaturatedFraction { get; init; }
        /// <summary>Fraction of units×samples with f'(z_l) exactly 0 (dead rectifiers).</summary>
        public double DeadFraction { get; init; }
    }
}
