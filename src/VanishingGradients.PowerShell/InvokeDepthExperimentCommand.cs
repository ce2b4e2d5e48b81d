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
        private const string RandomSet = "Random", GeneratorSet = "Generator", CaseSet = "Case";
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

        /// <summary>A JSON file with explicit weights, input and target (see NetworkCase).</summary>
        [Parameter(Mandatory = true, ParameterSetName = CaseSet)]
        [ValidateNotNullOrEmpty]
        public string CasePath { get; set; } = "";

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
            var rows = ParameterSetName == CaseSet ? RunCase(activations) : RunRandom(activations);
            if (!Summary) foreach (var r in rows) WriteObject(r);
            else if (Trials > 1 && ParameterSetName != CaseSet) foreach (var t in TrialSummary.Over(DepthExperiment.Summarize(rows))) WriteObject(t);
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
            var experiment = PassSettings() with
            {
                Activations = activations, Depths = Depth, Initializers = Initializer,
                Features = input != null && !Bound(nameof(Features)) ? input.GetLength(0) : Features,
                Hidden = Hidden,
                Outputs = target != null && !Bound(nameof(Outputs)) ? target.GetLength(0) : Outputs,
                BatchSize = !Bound(nameof(BatchSize)) ? (input?.GetLength(1) ?? target?.GetLength(1) ?? BatchSize) : BatchSize,
                Trials = Trials, Seed = Seed, Generator = Generator, Input = input, Target = target,
            };
            var rows = CmdletSupport.Call(this, Prefix + "InvalidConfiguration", experiment, () => experiment.Run(_stop.Token, this));
            return WhileRunning(rows, experiment.Passes);
        }

        // What every pass is asked, for random networks and a case alike; ‖∂L/∂W_l‖ can cost as much as the pass
        // itself, and a summary does not show it.
        private DepthExperiment PassSettings() => new DepthExperiment
        {
            Remedies = Remedy, Residual = Residual, BatchNorm = BatchNorm, LinearOutput = LinearOutput,
            SaturationThreshold = SaturationThreshold, ComputeWeightGradientNorms = !SkipWeightGradientNorm && !Summary,
        };

        private IEnumerable<LayerStatistics> RunCase(List<Activation> activations)
        {
            string path = GetUnresolvedProviderPathFromPSPath(CasePath);
            if (Directory.Exists(path))
                ThrowTerminatingError(new ErrorRecord(new IOException($"'{CasePath}' is a directory; -CasePath takes a case file (JSON)."),
                    Prefix + "CaseIsDirectory", ErrorCategory.InvalidArgument, CasePath));
            NetworkCase c;
            try
            {
                c = NetworkCase.Load(path);
            }
            catch (Exception e) when (e is IOException || e is UnauthorizedAccessException)
            {
                ThrowTerminatingError(new ErrorRecord(e, Prefix + "CaseNotReadable", ErrorCategory.ReadError, CasePath));
                throw;
            }
            catch (FormatException e)
            {
                ThrowTerminatingError(new ErrorRecord(e, Prefix + "CaseInvalid", ErrorCategory.InvalidData, CasePath));
                throw;
            }
            var remedies = PassSettings().RemedyOptions();
            foreach (var o in remedies)
                CmdletSupport.Call(this, Prefix + "InvalidConfiguration", CasePath, () => { o.Validate(c.Input.GetLength(1)); return o; });
            return activations.SelectMany(a => remedies.SelectMany(o => CasePass(c, a, o)));
        }

        // One pass on the case. Weights a case sets by hand can saturate every unit, which the rows alone show only
        // column by column: a saturating activation with most units saturated gets a warning.
        private IReadOnlyList<LayerStatistics> CasePass(NetworkCase c, Activation a, PassOptions o)
        {
            IReadOnlyList<LayerStatistics> rows;
            try { rows = c.Run(a, o); }
            catch (OverflowException e) { ThrowTerminatingError(Overflowed(e, CasePath)); throw; }
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
            try
            {
                return Matrices.From(value, rows ?? vectorRows, name);
            }
            catch (FormatException e)
            {
                ThrowTerminatingError(new ErrorRecord(e, Prefix + "Invalid" + name, ErrorCategory.InvalidArgument, value));
                throw;
            }
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
