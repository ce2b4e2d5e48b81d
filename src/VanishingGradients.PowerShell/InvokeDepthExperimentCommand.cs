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
    /// MSE backward pass each, one row per layer; -Summary gives the lab's first/last-layer printout instead.
    /// </summary>
    [Cmdlet(VerbsLifecycle.Invoke, "DepthExperiment", DefaultParameterSetName = RandomSet)]
    [OutputType(typeof(LayerStatistics))]
    [OutputType(typeof(DepthSummary))]
    public sealed class InvokeDepthExperimentCommand : PSCmdlet, IProgress<ExperimentProgress>
    {
        private const string RandomSet = "Random", CaseSet = "Case";
        private const string Prefix = "InvokeDepthExperiment";
        private readonly CancellationTokenSource _stop = new CancellationTokenSource();
        private DateTime _lastProgress;

        [Parameter(Position = 0)]
        [ArgumentCompleter(typeof(ActivationNameCompleter))]
        [ValidateNotNullOrEmpty]
        [Alias("Name")]
        public string[] Activation { get; set; } = { "Sigmoid", "ReLU" };

        [Parameter(Position = 1, ParameterSetName = RandomSet)]
        [ValidateNotNullOrEmpty]
        [ValidateRange(1, 100_000)]
        public int[] Depth { get; set; } = { 3, 5, 10, 20 };

        [Parameter(ParameterSetName = RandomSet)]
        [ValidateRange(1, 1_000_000)]
        public int Features { get; set; } = 10;

        [Parameter(ParameterSetName = RandomSet)]
        [ValidateRange(1, 1_000_000)]
        [Alias("Width")]
        public int Hidden { get; set; } = 20;

        [Parameter(ParameterSetName = RandomSet)]
        [ValidateRange(1, 1_000_000)]
        public int Outputs { get; set; } = 1;

        [Parameter(ParameterSetName = RandomSet)]
        [ValidateRange(1, 1_000_000)]
        public int BatchSize { get; set; } = 1;

        [Parameter(ParameterSetName = RandomSet)]
        [ValidateRange(1, DepthExperiment.MaxTrials)]
        public int Trials { get; set; } = 1;

        [Parameter(ParameterSetName = RandomSet)]
        public int Seed { get; set; } = 42;

        [Parameter(ParameterSetName = RandomSet)]
        [ValidateNotNullOrEmpty]
        public Initializer[] Initializer { get; set; } = { VanishingGradients.Initializer.Xavier };

        /// <summary>A JSON file with explicit weights, input and target (see NetworkCase).</summary>
        [Parameter(Mandatory = true, ParameterSetName = CaseSet)]
        [ValidateNotNullOrEmpty]
        public string CasePath { get; set; } = "";

        [Parameter]
        public SwitchParameter Residual { get; set; }

        [Parameter]
        public SwitchParameter LinearOutput { get; set; }

        [Parameter]
        public SwitchParameter Summary { get; set; }

        [Parameter]
        public double? Alpha { get; set; }

        [Parameter]
        public DerivativeAtZero DerivativeAtZero { get; set; } = DerivativeAtZero.Left;

        [Parameter]
        [ValidateRange(0.0, 1.0)]
        public double SaturationThreshold { get; set; } = 1e-3;

        protected override void EndProcessing()
        {
            var activations = CmdletSupport.Resolve(this, Prefix, Activation, Alpha, DerivativeAtZero);
            if (activations.Count == 0) return;
            var rows = ParameterSetName == CaseSet ? RunCase(activations) : RunRandom(activations);
            if (Summary) foreach (var s in DepthExperiment.Summarize(rows)) WriteObject(s);
            else foreach (var r in rows) WriteObject(r);
        }

        protected override void StopProcessing() => _stop.Cancel();

        private IEnumerable<LayerStatistics> RunRandom(List<Activation> activations)
        {
            var experiment = new DepthExperiment
            {
                Activations = activations, Depths = Depth, Initializers = Initializer, Features = Features, Hidden = Hidden,
                Outputs = Outputs, BatchSize = BatchSize, Trials = Trials, Seed = Seed, Residual = Residual, LinearOutput = LinearOutput,
                SaturationThreshold = SaturationThreshold,
            };
            var rows = CmdletSupport.Call(this, Prefix + "InvalidConfiguration", experiment, () => experiment.Run(_stop.Token, this));
            return WhileRunning(rows, experiment.Passes);
        }

        private IEnumerable<LayerStatistics> RunCase(List<Activation> activations)
        {
            string path = GetUnresolvedProviderPathFromPSPath(CasePath);
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
            var options = new PassOptions { Residual = Residual, LinearOutput = LinearOutput, SaturationThreshold = SaturationThreshold };
            return activations.SelectMany(a => c.Run(a, options));
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
