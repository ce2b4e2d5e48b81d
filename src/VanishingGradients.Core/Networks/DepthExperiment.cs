using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;

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
        private Remedy[] RemedyList()
        {
            var extra = (Residual ? Remedy.Residual : Remedy.None) | (BatchNorm ? Remedy.BatchNorm : Remedy.None);
            return (Remedies ?? Array.Empty<Remedy>()).Select(r => r | extra).Distinct().ToArray();
        }

        private PassOptions Options() => new PassOptions
        {
            LinearOutput = LinearOutput, SaturationThreshold = SaturationThreshold, ComputeWeightGradientNorms = ComputeWeightGradientNorms,
        };

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
            foreach (var r in RemedyList()) Options().With(r).Validate(BatchSize);
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
        /// (input side first). Lazy: rows stream as passes finish; <paramref name="cancellation"/> stops between passes.
        /// </summary>
        public IEnumerable<LayerStatistics> Run(CancellationToken cancellation = default, IProgress<ExperimentProgress>? progress = null)
        {
            Validate();
            return Generator != null ? RunDrawn(cancellation, progress) : RunValidated(cancellation, progress);
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
                    foreach (var remedy in RemedyList())
                    {
                        var options = Options().With(remedy);
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
                                var outcome = Outcome.Of(pass, net, activation, x, y, options, init.ToString(), remedy, trial, cancellation);
                                foreach (var row in Rows(outcome)) yield return row;
                                progress?.Report(new ExperimentProgress(++done, total, activation.Name, init.ToString(), depth));
                            }
                        }
                    }
        }

        // x then y, each only when not given explicitly.
        private static void DrawData(Random random, double[]? input, double[]? target, double[] x, double[] y)
        {
            if (input == null) for (int i = 0; i < x.Length; i++) x[i] = VanishingGradients.Initializers.Gaussian(random);
            if (target == null) for (int i = 0; i < y.Length; i++) y[i] = VanishingGradients.Initializers.Gaussian(random);
        }

        // Trials are computed ahead in chunks on the thread pool and yielded in order. Every trial draws from its own
        // stream (Initializers.ForTrial), so the rows do not depend on how many threads ran them or in which order.
        // The draws depend only on (initialiser, depth, trial), so a chunk runs a group of activations on the same
        // networks: drawing costs more than a small pass. The group's first activation streams; the statistics of the
        // others wait as plain doubles (millions of row objects kept alive would cost more in GC than the passes) and
        // are turned into rows ahead of the consumer, on the pool. SharedRowLimit bounds what waits.
        private IEnumerable<LayerStatistics> RunValidated(CancellationToken cancellation, IProgress<ExperimentProgress>? progress)
        {
            long done = 0, total = Passes;
            var options = Options();
            var input = Input == null ? null : Network.Flatten(Input, "input");
            var target = Target == null ? null : Network.Flatten(Target, "target");
            int ahead = 2 * Environment.ProcessorCount;
            int groupSize = ActivationsPerChunk();
            using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellation);
            var pending = new Queue<(Chunk Chunk, Activation Activation, Task<Outcome[]> Rows)>();
            try
            {
                for (int first = 0; first < Activations.Count; first += groupSize)
                {
                    var group = Activations.Skip(first).Take(groupSize).ToArray();
                    var computed = new List<(Chunk Chunk, Task<Computed> Task)?>();
                    using var jobs = Jobs(group, computed, options, input, target, stop.Token).GetEnumerator();
                    while (true)
                    {
                        while (pending.Count < ahead && jobs.MoveNext()) pending.Enqueue(jobs.Current);
                        if (pending.Count == 0) break;
                        var (chunk, activation, task) = pending.Dequeue();
                        Outcome[] trials;
                        try { trials = task.GetAwaiter().GetResult(); }
                        catch (OperationCanceledException) { cancellation.ThrowIfCancellationRequested(); throw; }
                        foreach (var outcome in trials)
                        {
                            cancellation.ThrowIfCancellationRequested();
                            foreach (var row in Rows(outcome)) yield return row;
                            progress?.Report(new ExperimentProgress(++done, total, activation.Name, chunk.InitName, chunk.Depth));
                        }
                    }
                }
            }
            finally
            {
                // Abandoned or cancelled: stop the look-ahead, and let it finish before the buffers go.
                stop.Cancel();
                foreach (var (_, _, task) in pending)
                    try { task.Wait(); } catch (AggregateException) { }
            }
        }

        // The group's work in output order, each started when enumerated: the passes of every chunk (rows for the first
        // activation), then for each later activation the rows rebuilt from those passes' statistics.
        private IEnumerable<(Chunk, Activation, Task<Outcome[]>)> Jobs(Activation[] group,
            List<(Chunk Chunk, Task<Computed> Task)?> computed, PassOptions options, double[]? input, double[]? target, CancellationToken cancellation)
        {
            foreach (var chunk in Chunks())
            {
                var task = Task.Run(() => Compute(chunk, group, options.With(chunk.Remedy), input, target, cancellation), cancellation);
                if (group.Length > 1) computed.Add((chunk, task));
                yield return (chunk, group[0], Task.Run(async () => (await task.ConfigureAwait(false)).TakeRows(), cancellation));
            }
            for (int a = 1; a < group.Length; a++)
                for (int c = 0; c < computed.Count; c++)
                {
                    var (chunk, task) = computed[c]!.Value;
                    if (a == group.Length - 1) computed[c] = null;   // the last reader: let the statistics go
                    var activation = group[a];
                    int index = a;
                    yield return (chunk, activation, Task.Run(async () => Rebuild(chunk, activation, index, await task.ConfigureAwait(false)), cancellation));
                }
        }

        /// <summary>Most rows held back for later activations of a chunk (6 doubles each).</summary>
        private const long SharedRowLimit = 1L << 21;

        // As many activations per chunk as keep the held-back rows under SharedRowLimit: all of them for the lab sweep.
        private int ActivationsPerChunk()
        {
            long rowsPerActivation = 0;
            foreach (int depth in Depths) rowsPerActivation += (depth + 1L) * Initializers.Count * RemedyList().Length * Trials;
            return (int)Math.Max(1, Math.Min(Activations.Count, 1 + SharedRowLimit / rowsPerActivation));
        }

        private sealed record Chunk(Initializer Init, string InitName, Remedy Remedy, int Depth, int FirstTrial, int Count);

        // Rows of the group's first activation per trial; statistics of the others, Stats values per layer, in
        // the order [activation - 1][trial][layer][statistic], and their failures [activation - 1][trial] (null when
        // none failed). The rows are handed over once, not kept with the rest.
        private sealed class Computed
        {
            private Outcome[]? _rows;
            public readonly double[]? Later;
            public UndefinedGradientException?[]? LaterFailures;
            public Computed(Outcome[] rows, double[]? later) { _rows = rows; Later = later; }
            public Outcome[] TakeRows() => Interlocked.Exchange(ref _rows, null) ?? throw new InvalidOperationException("Rows already taken.");
        }

        // One network's rows, or why it has none.
        private readonly record struct Outcome(LayerStatistics[]? Rows, UndefinedGradientException? Failure)
        {
            // Runs the pass; an undefined gradient becomes the network's outcome instead of ending the run.
            public static Outcome Of(GradientPass pass, Network net, Activation f, double[] x, double[] y, PassOptions options,
                string init, Remedy remedy, int trial, CancellationToken cancellation)
            {
                try
                {
                    pass.Run(net, f, x, y, options, cancellation);
                    return new Outcome(pass.Statistics(f.Name, init, remedy, trial), null);
                }
                catch (OverflowException e)
                {
                    return new Outcome(null, Undefined(e, f, init, remedy, pass.Layers - 1, trial));
                }
            }
        }

        private static UndefinedGradientException Undefined(OverflowException e, Activation f, string init, Remedy remedy, int depth, int trial) =>
            new UndefinedGradientException(f.Name, init, remedy.ToString(), depth, trial, e);

        // The rows of a network; a failed one goes to OnUndefinedGradient (or ends the run) and has none.
        private IEnumerable<LayerStatistics> Rows(Outcome outcome)
        {
            if (outcome.Failure is { } failure)
            {
                if (OnUndefinedGradient == null) throw failure;
                OnUndefinedGradient(failure);
                return Array.Empty<LayerStatistics>();
            }
            return outcome.Rows!;
        }

        private const int Stats = GradientPass.StatisticsPerLayer;

        // Configurations in output order, cut into chunks of about 2^16 weight draws: enough work to amortise a task,
        // small enough that the first rows come soon and both cores stay busy until the end.
        private IEnumerable<Chunk> Chunks()
        {
            foreach (var init in Initializers)
            {
                string initName = init.ToString();
                foreach (var remedy in RemedyList())
                    foreach (int depth in Depths)
                    {
                        var shape = Network.Shape(Features, Hidden, depth, Outputs);
                        long weights = 0;
                        for (int l = 1; l < shape.Length; l++) weights += (long)shape[l] * shape[l - 1];
                        int size = (int)Math.Max(1, Math.Min(1024, (1L << 16) / (weights * BatchSize)));
                        for (int first = 0; first < Trials; first += size)
                            yield return new Chunk(init, initName, remedy, depth, first, Math.Min(size, Trials - first));
                    }
            }
        }

        private Computed Compute(Chunk chunk, Activation[] group, PassOptions options, double[]? input, double[]? target, CancellationToken cancellation)
        {
            var shape = Network.Shape(Features, Hidden, chunk.Depth, Outputs);
            var pass = new GradientPass(shape, BatchSize);
            int layers = pass.Layers;
            var x = input ?? new double[Features * BatchSize];
            var y = target ?? new double[Outputs * BatchSize];
            Network? net = null;
            var rows = new Outcome[chunk.Count];
            var later = group.Length > 1 ? AllocateLater((group.Length - 1) * chunk.Count * layers * Stats) : null;
            UndefinedGradientException?[]? laterFailures = null;
            for (int k = 0; k < chunk.Count; k++)
            {
                cancellation.ThrowIfCancellationRequested();
                int trial = chunk.FirstTrial + k;
                var random = VanishingGradients.Initializers.ForTrial(Seed, chunk.Depth, trial);
                if (net == null) net = Network.Create(shape, chunk.Init, random);
                else net.Reinitialize(chunk.Init, random);
                DrawData(random, input, target, x, y);
                rows[k] = Outcome.Of(pass, net, group[0], x, y, options, chunk.InitName, chunk.Remedy, trial, cancellation);
                for (int a = 1; a < group.Length; a++)
                {
                    try
                    {
                        pass.Run(net, group[a], x, y, options, cancellation);
                        pass.SaveStatistics(later!.AsSpan(((a - 1) * chunk.Count + k) * layers * Stats, layers * Stats));
                    }
                    catch (OverflowException e)
                    {
                        (laterFailures ??= new UndefinedGradientException?[(group.Length - 1) * chunk.Count])[(a - 1) * chunk.Count + k] =
                            Undefined(e, group[a], chunk.InitName, chunk.Remedy, chunk.Depth, trial);
                    }
                }
            }
            return new Computed(rows, later) { LaterFailures = laterFailures };
        }

        // Kept until the group's last activation is out, these would be copied by every gen0 and gen1 collection on
        // the way to gen2; the pinned heap is never compacted.
        private static double[] AllocateLater(int length) =>
            GC.AllocateUninitializedArray<double>(length, pinned: true);

        // The rows Compute's pass would have given for group activation `index`: the saved statistics go back into a
        // pass's result arrays, so GradientPass.Statistics stays the one place that builds rows.
        private Outcome[] Rebuild(Chunk chunk, Activation activation, int index, Computed computed)
        {
            var pass = new GradientPass(Network.Shape(Features, Hidden, chunk.Depth, Outputs), BatchSize);
            int layers = pass.Layers;
            var rows = new Outcome[chunk.Count];
            for (int k = 0; k < chunk.Count; k++)
            {
                int at = (index - 1) * chunk.Count + k;
                if (computed.LaterFailures?[at] is { } failure) { rows[k] = new Outcome(null, failure); continue; }
                pass.LoadStatistics(computed.Later!.AsSpan(at * layers * Stats, layers * Stats));
                rows[k] = new Outcome(pass.Statistics(activation.Name, chunk.InitName, chunk.Remedy, chunk.FirstTrial + k), null);
            }
            return rows;
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
