using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;

namespace VanishingGradients
{
    /// <summary>
    /// Runs a validated, seeded <see cref="DepthExperiment"/> ahead of its consumer on the thread pool and yields the
    /// rows in output order. Every trial draws from its own stream (Initializers.ForTrial), so the rows do not depend
    /// on how many tasks ran them or in which order.
    /// <para>The draws depend only on (initialiser, depth, trial), so a chunk of trials runs a group of activations on
    /// the same networks: drawing costs more than a small pass. The group's first activation streams; the statistics
    /// of the others wait as plain doubles (millions of row objects kept alive would cost more in GC than the passes)
    /// and are turned into rows ahead of the consumer, on the pool. <see cref="SharedRowLimit"/> bounds what waits.</para>
    /// </summary>
    internal sealed class SweepScheduler
    {
        private const int Stats = GradientPass.StatisticsPerLayer;

        /// <summary>Most rows held back for later activations of a chunk (6 doubles each).</summary>
        private const long SharedRowLimit = 1L << 21;

        private readonly DepthExperiment _experiment;
        private readonly IReadOnlyList<PassOptions> _options;   // one per remedy, in order
        private readonly double[]? _input, _target;
        private readonly int _inFlight, _groupSize;

        /// <param name="experiment">Validated, without a Generator: every trial draws from its own stream.</param>
        /// <param name="inFlight">Jobs started ahead of the consumer; 2 per core by default.</param>
        /// <param name="groupSize">Activations run on one chunk's networks; by default as many as SharedRowLimit allows.</param>
        public SweepScheduler(DepthExperiment experiment, int? inFlight = null, int? groupSize = null)
        {
            _experiment = experiment;
            _options = experiment.RemedyOptions();
            _input = experiment.Input == null ? null : Network.Flatten(experiment.Input, "input");
            _target = experiment.Target == null ? null : Network.Flatten(experiment.Target, "target");
            _inFlight = Math.Max(1, inFlight ?? 2 * Environment.ProcessorCount);
            _groupSize = Math.Clamp(groupSize ?? DefaultGroupSize(), 1, experiment.Activations.Count);
        }

        // As many activations per chunk as keep the held-back rows under SharedRowLimit: all of them for the lab sweep.
        private int DefaultGroupSize()
        {
            long rowsPerActivation = 0;
            foreach (int depth in _experiment.Depths) rowsPerActivation += (depth + 1L) * _experiment.Initializers.Count * _options.Count * _experiment.Trials;
            return (int)Math.Min(_experiment.Activations.Count, 1 + SharedRowLimit / rowsPerActivation);
        }

        public IEnumerable<LayerStatistics> Run(CancellationToken cancellation, IProgress<ExperimentProgress>? progress)
        {
            long done = 0, total = _experiment.Passes;
            var activations = _experiment.Activations;
            using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellation);
            var pending = new Queue<Job>();
            try
            {
                for (int first = 0; first < activations.Count; first += _groupSize)
                {
                    var group = activations.Skip(first).Take(_groupSize).ToArray();
                    using var jobs = Jobs(group, stop.Token).GetEnumerator();
                    while (true)
                    {
                        while (pending.Count < _inFlight && jobs.MoveNext()) pending.Enqueue(jobs.Current);
                        if (pending.Count == 0) break;
                        var job = pending.Dequeue();
                        NetworkOutcome[] trials;
                        try { trials = job.Rows.GetAwaiter().GetResult(); }
                        catch (OperationCanceledException) { cancellation.ThrowIfCancellationRequested(); throw; }
                        foreach (var outcome in trials)
                        {
                            cancellation.ThrowIfCancellationRequested();
                            foreach (var row in outcome.Yield(_experiment.OnUndefinedGradient)) yield return row;
                            progress?.Report(new ExperimentProgress(++done, total, job.Activation.Name, job.Chunk.InitName, job.Chunk.Depth));
                        }
                    }
                }
            }
            finally
            {
                // Abandoned or cancelled: stop the look-ahead, and let it finish before the buffers go.
                stop.Cancel();
                foreach (var job in pending)
                    try { job.Rows.Wait(); } catch (AggregateException) { }
            }
        }

        private sealed record Chunk(Initializer Init, string InitName, int Remedy, int Depth, int FirstTrial, int Count);

        private readonly record struct Job(Chunk Chunk, Activation Activation, Task<NetworkOutcome[]> Rows);

        // The group's work in output order, each started when enumerated: the passes of every chunk (rows for the first
        // activation), then for each later activation the rows built from those passes' saved statistics.
        private IEnumerable<Job> Jobs(Activation[] group, CancellationToken cancellation)
        {
            var computed = new List<(Chunk Chunk, Task<Computed> Task)?>();
            foreach (var chunk in Chunks())
            {
                var task = Task.Run(() => Compute(chunk, group, cancellation), cancellation);
                if (group.Length > 1) computed.Add((chunk, task));
                yield return new Job(chunk, group[0], Task.Run(async () => (await task.ConfigureAwait(false)).TakeRows(), cancellation));
            }
            for (int a = 1; a < group.Length; a++)
                for (int c = 0; c < computed.Count; c++)
                {
                    var (chunk, task) = computed[c]!.Value;
                    if (a == group.Length - 1) computed[c] = null;   // the last reader: let the statistics go
                    var activation = group[a];
                    int index = a;
                    yield return new Job(chunk, activation,
                        Task.Run(async () => Rows(chunk, activation, index, await task.ConfigureAwait(false)), cancellation));
                }
        }

        // Configurations in output order, cut into chunks of about 2^16 weight draws: enough work to amortise a task,
        // small enough that the first rows come soon and both cores stay busy until the end.
        private IEnumerable<Chunk> Chunks()
        {
            var e = _experiment;
            foreach (var init in e.Initializers)
            {
                string initName = init.ToString();
                for (int remedy = 0; remedy < _options.Count; remedy++)
                    foreach (int depth in e.Depths)
                    {
                        var shape = Shape(depth);
                        long weights = 0;
                        for (int l = 1; l < shape.Length; l++) weights += (long)shape[l] * shape[l - 1];
                        int size = (int)Math.Max(1, Math.Min(1024, (1L << 16) / (weights * e.BatchSize)));
                        for (int first = 0; first < e.Trials; first += size)
                            yield return new Chunk(init, initName, remedy, depth, first, Math.Min(size, e.Trials - first));
                    }
            }
        }

        private int[] Shape(int depth) => Network.Shape(_experiment.Features, _experiment.Hidden, depth, _experiment.Outputs);

        // Outcomes of the group's first activation per trial; statistics of the others, Stats values per layer, in
        // the order [activation - 1][trial][layer][statistic], and their failures [activation - 1][trial] (null while
        // none failed). The outcomes are handed over once, not kept with the rest.
        private sealed class Computed
        {
            private NetworkOutcome[]? _rows;
            public readonly double[]? Later;
            public readonly UndefinedGradientException?[]? LaterFailures;
            public Computed(NetworkOutcome[] rows, double[]? later, UndefinedGradientException?[]? laterFailures) =>
                (_rows, Later, LaterFailures) = (rows, later, laterFailures);
            public NetworkOutcome[] TakeRows() => Interlocked.Exchange(ref _rows, null) ?? throw new InvalidOperationException("Rows already taken.");
        }

        private Computed Compute(Chunk chunk, Activation[] group, CancellationToken cancellation)
        {
            var e = _experiment;
            var shape = Shape(chunk.Depth);
            var options = _options[chunk.Remedy];
            var pass = new GradientPass(shape, e.BatchSize);
            int layers = pass.Layers;
            var x = _input ?? new double[e.Features * e.BatchSize];
            var y = _target ?? new double[e.Outputs * e.BatchSize];
            Network? net = null;
            var rows = new NetworkOutcome[chunk.Count];
            var later = group.Length > 1 ? AllocateLater((group.Length - 1) * chunk.Count * layers * Stats) : null;
            UndefinedGradientException?[]? laterFailures = null;
            for (int k = 0; k < chunk.Count; k++)
            {
                cancellation.ThrowIfCancellationRequested();
                int trial = chunk.FirstTrial + k;
                var random = Initializers.ForTrial(e.Seed, chunk.Depth, trial);
                if (net == null) net = Network.Create(shape, chunk.Init, random);
                else net.Reinitialize(chunk.Init, random);
                DepthExperiment.DrawData(random, _input, _target, x, y);
                rows[k] = NetworkOutcome.Of(pass, net, group[0], x, y, options, chunk.InitName, trial, cancellation);
                for (int a = 1; a < group.Length; a++)
                {
                    int at = (a - 1) * chunk.Count + k;
                    if (NetworkOutcome.Run(pass, net, group[a], x, y, options, chunk.InitName, trial, cancellation) is { } failure)
                        (laterFailures ??= new UndefinedGradientException?[(group.Length - 1) * chunk.Count])[at] = failure;
                    else
                        pass.SaveStatistics(later!.AsSpan(at * layers * Stats, layers * Stats));
                }
            }
            return new Computed(rows, later, laterFailures);
        }

        // Kept until the group's last activation is out, these would be copied by every gen0 and gen1 collection on
        // the way to gen2; the pinned heap is never compacted.
        private static double[] AllocateLater(int length) =>
            GC.AllocateUninitializedArray<double>(length, pinned: true);

        // The outcomes Compute's pass would have given for group activation `index`, from its saved statistics.
        private NetworkOutcome[] Rows(Chunk chunk, Activation activation, int index, Computed computed)
        {
            var shape = Shape(chunk.Depth);
            int layers = shape.Length - 1;
            var remedy = _options[chunk.Remedy].Remedy;
            var rows = new NetworkOutcome[chunk.Count];
            for (int k = 0; k < chunk.Count; k++)
            {
                int at = (index - 1) * chunk.Count + k;
                rows[k] = computed.LaterFailures?[at] is { } failure
                    ? new NetworkOutcome(null, failure)
                    : new NetworkOutcome(GradientPass.Statistics(shape, computed.Later!.AsSpan(at * layers * Stats, layers * Stats),
                        activation.Name, chunk.InitName, remedy, chunk.FirstTrial + k), null);
            }
            return rows;
        }
    }
}
