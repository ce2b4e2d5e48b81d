using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Management.Automation;
using System.Threading;

namespace VanishingGradients.PowerShell
{
    /// <summary>
    /// Invoke-DepthExperiment: lab 5. Random networks of several depths (or one network read from JSON), one forward and
    /// MSE backward pass each, one row per layer; -Summary gives the lab's first/last-layer printout instead. The draws
    /// come from -Seed (per network) or continue a -Generator stream (New-RandomGenerator); -Input/-Target fix x and y.
    /// </summary>
    [Cmdlet(VerbsLifecycle.Invoke, "DepthExperiment", DefaultParameterSetName = RandomSet)]
    [OutputType(typeof(LayerStatistics))]
    [OutputType(typeof(DepthSummary))]
    [OutputType(typeof(TrialSummary))]
    public sealed class InvokeDepthExperimentCommand : PSCmdlet, IProgress<ExperimentProgress>, IDisposable
    {
        private const string RandomSet = "Random", GeneratorSet = "Generator", CaseSet = "Case", LiteralCaseSet = "LiteralCase";
        private const string Prefix = "InvokeDepthExperiment";
        private readonly CancellationTokenSource _stop = new CancellationTokenSource();
        private DateTime _lastProgress;
        private readonly List<object?> _input = new List<object?>();

        [Parameter(Position = 0)]
        [ArgumentCompleter(typeof(ActivationNameCompleter))]
        [ValidateNotNullOrEmpty]
        [Alias("Name")]
        public string[] Activation { get; set; } = { "Sigmoid", "ReLU" };

        [Parameter(Position = 1, ParameterSetName = RandomSet)]
        [Parameter(Position = 1, ParameterSetName = GeneratorSet)]
        [ValidateNotNullOrEmpty]
        [ValidateRange(1, 100_000)]
        public int[] Depth { get; set; } = { 3, 5, 10, 20 };

        [Parameter(ParameterSetName = RandomSet)]
        [Parameter(ParameterSetName = GeneratorSet)]
        [ValidateRange(1, 1_000_000)]
        public int Features { get; set; } = 10;

        [Parameter(ParameterSetName = RandomSet)]
        [Parameter(ParameterSetName = GeneratorSet)]
        [ValidateRange(1, 1_000_000)]
        [Alias("Width")]
        public int Hidden { get; set; } = 20;

        [Parameter(ParameterSetName = RandomSet)]
        [Parameter(ParameterSetName = GeneratorSet)]
        [ValidateRange(1, 1_000_000)]
        public int Outputs { get; set; } = 1;

        [Parameter(ParameterSetName = RandomSet)]
        [Parameter(ParameterSetName = GeneratorSet)]
        [ValidateRange(1, 1_000_000)]
        public int BatchSize { get; set; } = 1;

        [Parameter(ParameterSetName = RandomSet)]
        [Parameter(ParameterSetName = GeneratorSet)]
        [ValidateRange(1, DepthExperiment.MaxTrials)]
        public int Trials { get; set; } = 1;

        [Parameter(ParameterSetName = RandomSet)]
        public int Seed { get; set; } = 42;

        [Parameter(ParameterSetName = RandomSet)]
        [Parameter(ParameterSetName = GeneratorSet)]
        [ValidateNotNullOrEmpty]
        public Initializer[] Initializer { get; set; } = { VanishingGradients.Initializer.Xavier };

        /// <summary>A stream to continue (New-RandomGenerator): every network draws from it in output order.</summary>
        [Parameter(Mandatory = true, ParameterSetName = GeneratorSet)]
        [ValidateNotNull]
        public Random? Generator { get; set; }

        /// <summary>x, features × batch: a matrix, rows of numbers, or numbers (from the pipeline too) filled row by row.</summary>
        [Parameter(ParameterSetName = RandomSet, ValueFromPipeline = true)]
        [Parameter(ParameterSetName = GeneratorSet, ValueFromPipeline = true)]
        [AllowNull]
        [Alias("X")]
        public object? Input { get; set; }

        /// <summary>y, outputs × batch, in the same forms as -Input.</summary>
        [Parameter(ParameterSetName = RandomSet)]
        [Parameter(ParameterSetName = GeneratorSet)]
        [ValidateNotNull]
        [Alias("Y")]
        public object? Target { get; set; }

        /// <summary>JSON files with explicit weights, input and target (see NetworkCase); wildcards run every file they match.</summary>
        [Parameter(Mandatory = true, ParameterSetName = CaseSet)]
        [ValidateNotNullOrEmpty]
        public string CasePath { get; set; } = "";

        /// <summary>A case file named exactly as written: [ ] * ? are part of the name.</summary>
        [Parameter(Mandatory = true, ParameterSetName = LiteralCaseSet)]
        [ValidateNotNullOrEmpty]
        public string LiteralCasePath { get; set; } = "";

        [Parameter]
        public SwitchParameter Residual { get; set; }

        [Parameter]
        public SwitchParameter BatchNorm { get; set; }

        /// <summary>Remedies compared side by side on the same draws; -Residual and -BatchNorm add theirs to each.</summary>
        [Parameter]
        [ValidateNotNullOrEmpty]
        public Remedy[] Remedy { get; set; } = { VanishingGradients.Remedy.None };

        [Parameter]
        public SwitchParameter LinearOutput { get; set; }

        [Parameter]
        public SwitchParameter Summary { get; set; }

        [Parameter]
        public SwitchParameter SkipWeightGradientNorm { get; set; }

        [Parameter]
        public double? Alpha { get; set; }

        [Parameter]
        public DerivativeAtZero DerivativeAtZero { get; set; } = DerivativeAtZero.Left;

        [Parameter]
        [ValidateRange(0.0, 1.0)]
        public double SaturationThreshold { get; set; } = 1e-3;

        // Input arrives whole (-Input) or item by item (pipeline); EndProcessing shapes it once all of it is here.
        protected override void ProcessRecord()
        {
            if (MyInvocation.BoundParameters.ContainsKey(nameof(Input))) _input.Add(Input);
        }

        protected override void EndProcessing()
        {
            var activations = CmdletSupport.Resolve(this, Prefix, Activation, Alpha, DerivativeAtZero);
            if (activations.Count == 0) return;
            bool fromCases = ParameterSetName == CaseSet || ParameterSetName == LiteralCaseSet;
            var rows = fromCases ? CaseFiles().SelectMany(file => RunCase(activations, file.Path, file.Terminating)) : RunRandom(activations);
            if (!Summary) foreach (var r in rows) WriteObject(r);
            else if (Trials > 1 && !fromCases) foreach (var t in TrialSummary.Over(DepthExperiment.Summarize(rows))) WriteObject(t);
            else foreach (var s in DepthExperiment.Summarize(rows)) WriteObject(s);
        }

        protected override void StopProcessing()
        {
            try { _stop.Cancel(); } catch (ObjectDisposedException) { /* the pipeline already ended */ }
        }

        /// <summary>PowerShell disposes a cmdlet when its pipeline ends, however it ends.</summary>
        public void Dispose() => _stop.Dispose();

        private bool Bound(string name) => MyInvocation.BoundParameters.ContainsKey(name);

        private IEnumerable<LayerStatistics> RunRandom(List<Activation> activations)
        {
            var input = _input.Count == 0 ? null : Shape(_input.Count == 1 ? _input[0] : _input, Bound(nameof(Features)) ? Features : (int?)null, nameof(Input));
            var target = Target == null ? null : Shape(Target, Bound(nameof(Outputs)) ? Outputs : (int?)null, nameof(Target), vectorRows: 1);
            SizeFrom(input, nameof(Input), nameof(Features), Features);
            SizeFrom(target, nameof(Target), nameof(Outputs), Outputs);
            var experiment = PassSettings() with
            {
                Activations = activations, Depths = Depth, Initializers = Initializer,
                Features = input != null && !Bound(nameof(Features)) ? input.GetLength(0) : Features,
                Hidden = Hidden,
                Outputs = target != null && !Bound(nameof(Outputs)) ? target.GetLength(0) : Outputs,
                BatchSize = !Bound(nameof(BatchSize)) ? (input?.GetLength(1) ?? target?.GetLength(1) ?? BatchSize) : BatchSize,
                Trials = Trials, Seed = Seed, Generator = Generator, Input = input, Target = target,
                OnUndefinedGradient = e => WriteError(Overflowed(e, new { e.Activation, e.Initializer, e.Remedy, e.Depth, e.Trial })),
            };
            var rows = CmdletSupport.Call(this, Prefix, "InvalidConfiguration", experiment, () => experiment.Run(_stop.Token, this));
            return WhileRunning(rows, experiment.Passes);
        }

        // What every pass is asked, for random networks and a case alike; ‖∂L/∂W_l‖ can cost as much as the pass
        // itself, and a summary does not show it.
        private DepthExperiment PassSettings() => new DepthExperiment
        {
            Remedies = Remedy, Residual = Residual, BatchNorm = BatchNorm, LinearOutput = LinearOutput,
            SaturationThreshold = SaturationThreshold, ComputeWeightGradientNorms = !SkipWeightGradientNorm && !Summary,
        };

        // -Input and -Target set the layer widths they fill: stated when taken from them, an error when an explicit
        // width disagrees (numbers are shaped to an explicit width already; a matrix or rows keep their own).
        private void SizeFrom(double[,]? m, string name, string width, int value)
        {
            if (m == null) return;
            if (!Bound(width))
                WriteVerbose($"-{width} is {m.GetLength(0)}, the number of rows of -{name} ({m.GetLength(0)} × {m.GetLength(1)}).");
            else if (m.GetLength(0) != value)
                ThrowTerminatingError(new ErrorRecord(new PSArgumentException(
                    $"-{name} has {m.GetLength(0)} rows but -{width} is {value}: give -{width} {m.GetLength(0)} or leave -{width} out."),
                    Prefix + name + "ConflictsWith" + width, ErrorCategory.InvalidArgument, value));
            if (!Bound(nameof(BatchSize)))
                WriteVerbose($"-BatchSize is {m.GetLength(1)}, the number of columns of -{name}.");
        }

        // The case files to run: -LiteralCasePath as written; -CasePath with wildcards, every file it matches, in order.
        // A problem with one of several matched files is that file's error (the others still run); with one file it ends the command.
        private IEnumerable<(string Path, bool Terminating)> CaseFiles()
        {
            string given = ParameterSetName == LiteralCaseSet ? LiteralCasePath : CasePath;
            if (ParameterSetName == LiteralCaseSet || !WildcardPattern.ContainsWildcardCharacters(given))
                return new[] { (GetUnresolvedProviderPathFromPSPath(given), true) };
            List<string> matches;
            try
            {
                matches = GetResolvedProviderPathFromPSPath(given, out _).OrderBy(m => m, StringComparer.Ordinal).ToList();
            }
            catch (ItemNotFoundException)
            {
                matches = new List<string>();
            }
            if (matches.Count == 0)
                ThrowTerminatingError(new ErrorRecord(new ItemNotFoundException($"No case file matches '{given}'. For a file whose name holds [ ] * or ?, use -LiteralCasePath."),
                    Prefix + "CaseNotFound", ErrorCategory.ObjectNotFound, given));
            return matches.Select(m => (m, matches.Count == 1));
        }

        private IEnumerable<LayerStatistics> RunCase(List<Activation> activations, string path, bool terminating)
        {
            NetworkCase c;
            try
            {
                if (Directory.Exists(path))
                    throw new CaseException(new IOException($"'{path}' is a directory; a case is a JSON file."), "CaseIsDirectory", ErrorCategory.InvalidArgument);
                if (!File.Exists(path))
                    throw new CaseException(new FileNotFoundException($"The case file '{path}' does not exist.", path), "CaseNotFound", ErrorCategory.ObjectNotFound);
                c = Load(path);
            }
            catch (CaseException e)
            {
                var error = new ErrorRecord(e.InnerException, Prefix + e.Id, e.Category, path);
                if (terminating) ThrowTerminatingError(error);
                WriteError(error);
                return Enumerable.Empty<LayerStatistics>();
            }
            var remedies = PassSettings().RemedyOptions();
            foreach (var o in remedies)
                CmdletSupport.Call(this, Prefix, "InvalidConfiguration", path, () => { o.Validate(c.Input.GetLength(1)); return o; });
            return activations.SelectMany(a => remedies.SelectMany(o => CasePass(c, path, a, o)));
        }

        private static NetworkCase Load(string path)
        {
            try
            {
                return NetworkCase.Load(path);
            }
            catch (Exception e) when (e is IOException || e is UnauthorizedAccessException)
            {
                throw new CaseException(e, "CaseNotReadable", ErrorCategory.ReadError);
            }
            catch (FormatException e)
            {
                throw new CaseException(e, "CaseInvalid", ErrorCategory.InvalidData);
            }
        }

        // Why a case file cannot run, with the ErrorId condition and category it is reported with.
        private sealed class CaseException : Exception
        {
            public CaseException(Exception inner, string id, ErrorCategory category) : base(inner.Message, inner) { Id = id; Category = category; }
            public string Id { get; }
            public ErrorCategory Category { get; }
        }

        // One pass on the case. Weights a case sets by hand can saturate every unit, which the rows alone show only
        // column by column: a saturating activation with most units saturated gets a warning.
        private IReadOnlyList<LayerStatistics> CasePass(NetworkCase c, string path, Activation a, PassOptions o)
        {
            IReadOnlyList<LayerStatistics> rows;
            try { rows = c.Run(a, o); }
            catch (OverflowException e)
            {
                // This activation and remedy have no gradient; the case's others still run.
                WriteError(Overflowed(new OverflowException($"{a.Name} (remedy {o.Remedy}) on '{path}': {e.Message}", e), path));
                return Array.Empty<LayerStatistics>();
            }
            double units = rows.Sum(r => (double)r.Units), saturated = rows.Sum(r => r.SaturatedFraction * r.Units);
            if (a.Saturates && !a.CanDie && saturated >= units / 2)
                WriteWarning($"{a.Name}: {saturated / units:P0} of the case's units are saturated (|f'(z)| < {o.SaturationThreshold:G3}), " +
                    "so almost no gradient passes them. Are the case's weights or inputs meant to be that large?");
            return rows;
        }

        private static ErrorRecord Overflowed(OverflowException e, object? target) =>
            new ErrorRecord(e, Prefix + "Overflow", ErrorCategory.InvalidResult, target);

        // A matrix as given; a list of rows; or numbers filling `rows` rows row by row (numpy's reshape(rows, -1)), where
        // rows is the bound -Features/-Outputs, else one column (input) or `vectorRows`.
        private double[,] Shape(object? value, int? rows, string name, int? vectorRows = null)
        {
            double[,] m;
            try
            {
                m = Matrices.From(value, rows ?? vectorRows, name);
            }
            catch (FormatException e)
            {
                ThrowTerminatingError(new ErrorRecord(e, Prefix + "Invalid" + name, ErrorCategory.InvalidArgument, value));
                throw;
            }
            foreach (double v in m)
                if (!double.IsFinite(v))
                    ThrowTerminatingError(new ErrorRecord(new PSArgumentException($"-{name} must hold finite numbers; it holds {v}."),
                        Prefix + name + "NotFinite", ErrorCategory.InvalidArgument, v));
            return m;
        }

        // Cancellation surfaces as OperationCanceledException from the core; Ctrl+C is not an error, so it just ends output.
        private IEnumerable<LayerStatistics> WhileRunning(IEnumerable<LayerStatistics> rows, long passes)
        {
            using (var e = rows.GetEnumerator())
            {
                while (true)
                {
                    try
                    {
                        if (!e.MoveNext()) break;
                    }
                    catch (OperationCanceledException)
                    {
                        yield break;
                    }
                    catch (OverflowException x)
                    {
                        ThrowTerminatingError(Overflowed(x, null));
                    }
                    yield return e.Current;
                }
            }
            if (passes > 1) WriteProgress(new ProgressRecord(0, "Depth experiment", "Done") { RecordType = ProgressRecordType.Completed });
        }

        // Called on the pipeline thread as each pass finishes; throttled so progress costs nothing measurable.
        void IProgress<ExperimentProgress>.Report(ExperimentProgress p)
        {
            var now = DateTime.UtcNow;
            if (p.Total < 2 || (now - _lastProgress).TotalMilliseconds < 200 && p.Completed < p.Total) return;
            _lastProgress = now;
            WriteProgress(new ProgressRecord(0, "Depth experiment", $"{p.Activation}, {p.Initializer}, depth {p.Depth}")
            {
                PercentComplete = (int)(100 * p.Completed / p.Total),
                StatusDescription = $"{p.Activation}, {p.Initializer}, depth {p.Depth}: pass {p.Completed} of {p.Total}",
            });
        }
    }
}
