using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;

namespace VanishingGradients
{
    /// <summary>Where a running experiment is: passes done out of the total, and the configuration at hand.</summary>
    public sealed record ExperimentProgress(long Completed, long Total, string Activation, string Initializer, int Depth);

    /// <summary>The lab's printout for one network: the gradient norm at the first and at the last layer, and their ratio.</summary>
    public sealed record DepthSummary(string Activation, string Initializer, int Depth, int Trial,
        double FirstLayerNorm, double LastLayerNorm, double? Ratio)
    {
        /// <summary>The network's structural remedies, as <see cref="LayerStatistics.Remedy"/>.</summary>
        public string Remedy { get; init; } = nameof(VanishingGradients.Remedy.None);
    }

    /// <summary>
    /// Lab 5: random networks of several depths, one forward + MSE backward pass each, statistics per layer.
    /// Every (activation, initialiser, remedy, depth, trial) gets fresh weights, input x ~ N(0,1) and target y ~ N(0,1)
    /// (unless <see cref="Input"/> and <see cref="Target"/> are given). Each network draws its weights layer by layer,
    /// input side first, each W_l as numpy's randn(n_out, n_in) fills it (row by row), then x, then y.
    /// <para>By default the draws come from a stream that depends only on (Seed, depth, trial): activations,
    /// initialisers and remedies are compared on the same draws, and the numbers are the same on every run and every
    /// machine. With a <see cref="Generator"/> every network instead continues that one stream, in output order, as a
    /// notebook cell that seeds once and then draws network after network does.</para>
    /// </summary>
    public sealed record DepthExperiment
    {
        public IReadOnlyList<Activation> Activations { get; init; } = new[] { VanishingGradients.Activations.Sigmoid, VanishingGradients.Activations.ReLU };
        public IReadOnlyList<int> Depths { get; init; } = new[] { 3, 5, 10, 20 };
        public IReadOnlyList<Initializer> Initializers { get; init; } = new[] { Initializer.Xavier };
        public int Features { get; init; } = 10;
        public int Hidden { get; init; } = 20;
        public int Outputs { get; init; } = 1;
        public int BatchSize { get; init; } = 1;
        public int Trials { get; init; } = 1;
        public int Seed { get; init; } = 42;
        /// <summary>Adds <see cref="Remedy.Residual"/> to every entry of <see cref="Remedies"/>.</summary>
        public bool Residual { get; init; }
        /// <summary>Adds <see cref="Remedy.BatchNorm"/> to every entry of <see cref="Remedies"/>.</summary>
        public bool BatchNorm { get; init; }
        /// <summary>The structural remedies to compare, each a configuration of its own on the same draws.</summary>
        public IReadOnlyList<Remedy> Remedies { get; init; } = new[] { Remedy.None };
        /// <summary>
        /// A stream to continue instead of seeding per network (e.g. a <see cref="NumpyRandom"/>): every network draws
        /// from it in output order, and it is left where the last network stopped. Runs on the calling thread.
        /// </summary>
        public Random? Generator { get; init; }
        /// <summary>The input of every network, features × batch (columns are samples); drawn per network when null.</summary>
        public double[,]? Input { get; init; }
        /// <summary>The target of every network, outputs × batch; drawn per network when null.</summary>
        public double[,]? Target { get; init; }
        /// <summary>See <see cref="PassOptions.LinearOutput"/>.</summary>
        public bool LinearOutput { get; init; }
        public double SaturationThreshold { get; init; } = 1e-3;
        /// <summary>See <see cref="PassOptions.ComputeWeightGradientNorms"/>.</summary>
        public bool ComputeWeightGradientNorms { get; init; } = true;
        /// <summary>
        /// Called, on the enumerating thread and in output order, for each network whose gradient is undefined; that
        /// network has no rows and the run goes on. When null, such a network ends the run with the exception.
        /// </summary>
        public Action<UndefinedGradientException>? OnUndefinedGradient { get; init; }

        /// <summary>Upper limit on trials per configuration.</summary>
        public const int MaxTrials = 10_000_000;

        /// <summary>Number of passes <see cref="Run"/> makes.</summary>
        public long Passes => (long)Activations.Count * Initializers.Count * RemedyList().Length * Depths.Count * Trials;

        // The remedies run, in order, with the Residual and BatchNorm switches added to each.
        private Remedy[] RemedyList() => RemedySwitches.AddedTo(Remedies, Residual, BatchNorm);

        /// <summary>
        /// The options of every pass, one per configuration of <see cref="Remedies"/> (with the Residual and BatchNorm
        /// switches added to each, duplicates dropped), in the order <see cref="Run"/> runs them.
        /// </summary>
        public IReadOnlyList<PassOptions> RemedyOptions()
        {
            var common = new PassOptions
            {
                LinearOutput = LinearOutput, SaturationThreshold = SaturationThreshold, ComputeWeightGradientNorms = ComputeWeightGradientNorms,
            };
            return RemedyList().Select(common.With).ToArray();
        }

        /// <summary>Throws a clear ArgumentException for any setting that cannot run.</summary>
        public void Validate()
        {
            if (Activations == null || Activations.Count == 0 || Activations.Any(a => a == null))
                throw new ArgumentException("At least one activation is needed.", nameof(Activations));
            if (Depths == null || Depths.Count == 0) throw new ArgumentException("At least one depth is needed.", nameof(Depths));
            if (Initializers == null || Initializers.Count == 0) throw new ArgumentException("At least one initialiser is needed.", nameof(Initializers));
            foreach (int d in Depths) Network.Shape(Features, Hidden, d, Outputs);
            Guard.InRange(BatchSize, 1, 1_000_000, nameof(BatchSize));
            Guard.InRange(Trials, 1, MaxTrials, nameof(Trials));
            Guard.Finite(SaturationThreshold, nameof(SaturationThreshold));
            if (Remedies == null || Remedies.Count == 0) throw new ArgumentException("At least one remedy (None for the plain network) is needed.", nameof(Remedies));
            foreach (var r in Remedies)
                if ((r & ~(Remedy.Residual | Remedy.BatchNorm)) != 0)
                    throw new ArgumentOutOfRangeException(nameof(Remedies), r, "Unknown remedy.");
            foreach (var o in RemedyOptions()) o.Validate(BatchSize);
            CheckShape(Input, Features, nameof(Input), "features");
            CheckShape(Target, Outputs, nameof(Target), "outputs");
            long activationValues = Depths.Max() * (long)Math.Max(Hidden, Math.Max(Features, Outputs)) * BatchSize;
            if (activationValues * 4 > Network.MaxWeights)
                throw new ArgumentOutOfRangeException(nameof(BatchSize), BatchSize, "Depth × width × batch is too large to hold in memory.");
        }

        private void CheckShape(double[,]? m, int rows, string name, string what)
        {
            if (m == null) return;
            if (m.GetLength(0) != rows || m.GetLength(1) != BatchSize)
                throw new ArgumentException($"The {name.ToLowerInvariant()} is {m.GetLength(0)} × {m.GetLength(1)}; the experiment needs {rows} × {BatchSize} ({what} × batch).", name);
            Network.Flatten(m, name.ToLowerInvariant());
        }

        /// <summary>
        /// Runs every configuration in the order activation, initialiser, remedy, depth, trial, and yields one row per layer
        /// (input side first). Lazy: rows stream as passes finish; <paramref name="cancellation"/> stops a pass at its next layer.
        /// </summary>
        public IEnumerable<LayerStatistics> Run(CancellationToken cancellation = default, IProgress<ExperimentProgress>? progress = null)
        {
            Validate();
            return Generator != null ? RunDrawn(cancellation, progress) : new SweepScheduler(this).Run(cancellation, progress);
        }

        // One network after another from the caller's generator, in output order: each draws its weights, then x and y
        // where they are not given. Sequential by nature: every draw depends on all draws before it.
        private IEnumerable<LayerStatistics> RunDrawn(CancellationToken cancellation, IProgress<ExperimentProgress>? progress)
        {
            long done = 0, total = Passes;
            var random = Generator!;
            var input = Input == null ? null : Network.Flatten(Input, "input");
            var target = Target == null ? null : Network.Flatten(Target, "target");
            var x = input ?? new double[Features * BatchSize];
            var y = target ?? new double[Outputs * BatchSize];
            foreach (var activation in Activations)
                foreach (var init in Initializers)
                    foreach (var options in RemedyOptions())
                    {
                        foreach (int depth in Depths)
                        {
                            var shape = Network.Shape(Features, Hidden, depth, Outputs);
                            var pass = new GradientPass(shape, BatchSize);
                            Network? net = null;
                            for (int trial = 0; trial < Trials; trial++)
                            {
                                cancellation.ThrowIfCancellationRequested();
                                if (net == null) net = Network.Create(shape, init, random);
                                else net.Reinitialize(init, random);
                                DrawData(random, input, target, x, y);
                                var outcome = NetworkOutcome.Of(pass, net, activation, x, y, options, init.ToString(), trial, cancellation);
                                foreach (var row in outcome.Yield(OnUndefinedGradient)) yield return row;
                                progress?.Report(new ExperimentProgress(++done, total, activation.Name, init.ToString(), depth));
                            }
                        }
                    }
        }

        // x then y, each only when not given explicitly.
        internal static void DrawData(Random random, double[]? input, double[]? target, double[] x, double[] y)
        {
            if (input == null) for (int i = 0; i < x.Length; i++) x[i] = VanishingGradients.Initializers.Gaussian(random);
            if (target == null) for (int i = 0; i < y.Length; i++) y[i] = VanishingGradients.Initializers.Gaussian(random);
        }

        /// <summary>First- and last-layer norms per network, from the rows of <see cref="Run"/> (or any rows in that order).</summary>
        public static IEnumerable<DepthSummary> Summarize(IEnumerable<LayerStatistics> rows)
        {
            LayerStatistics? first = null, last = null;
            foreach (var row in rows)
            {
                if (first != null && !SameNetwork(first, row))
                {
                    yield return Summary(first, last!);
                    first = null;
                }
                first ??= row;
                last = row;
            }
            if (first != null) yield return Summary(first, last!);
        }

        private static bool SameNetwork(LayerStatistics a, LayerStatistics b) =>
            a.Activation == b.Activation && a.Initializer == b.Initializer && a.Remedy == b.Remedy && a.Depth == b.Depth &&
            a.Trial == b.Trial && b.Layer > a.Layer;

        private static DepthSummary Summary(LayerStatistics first, LayerStatistics last) =>
            new DepthSummary(first.Activation, first.Initializer, first.Depth, first.Trial, first.GradientNorm, last.GradientNorm,
                last.GradientNorm == 0.0 ? (double?)null : first.GradientNorm / last.GradientNorm) { Remedy = first.Remedy };
    }
}
