using System;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using System.Threading;

namespace VanishingGradients.PowerShell
{
    /// <summary>
    /// Invoke-TrainingExperiment: trains deep networks by mini-batch SGD (with heavy-ball momentum) on a seeded teacher task
    /// and writes per epoch and layer the loss, ‖∂L/∂W_l‖ and ‖ΔW_l‖/‖W_l‖, one configuration (activation, initialiser,
    /// remedy, depth) after another. A configuration that diverges is a non-terminating error; the others still run.
    /// </summary>
    [Cmdlet(VerbsLifecycle.Invoke, "TrainingExperiment", DefaultParameterSetName = SeedSet)]
    [OutputType(typeof(TrainingStatistics))]
    public sealed class InvokeTrainingExperimentCommand : PSCmdlet, IProgress<ExperimentProgress>, IDisposable
    {
        private const string SeedSet = "Seed", GeneratorSet = "Generator";
        private const string Prefix = "InvokeTrainingExperiment";
        private readonly CancellationTokenSource _stop = new CancellationTokenSource();
        private DateTime _lastProgress;
        private long _stepsBefore, _stepsTotal;
        private TrainingTask? _generatorTask;

        [Parameter(Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
        [ArgumentCompleter(typeof(ActivationNameCompleter))]
        [ValidateNotNullOrEmpty]
        [Alias("Name")]
        public string[] Activation { get; set; } = { "Sigmoid" };

        [Parameter(Position = 1)]
        [ValidateNotNullOrEmpty]
        [ValidateRange(1, 10_000)]
        public int[] Depth { get; set; } = { 10 };

        [Parameter]
        [ValidateRange(1, 100_000)]
        [Alias("Hidden")]
        public int Width { get; set; } = 20;

        [Parameter]
        [ValidateNotNullOrEmpty]
        public Initializer[] Initializer { get; set; } = { VanishingGradients.Initializer.Xavier };

        /// <summary>Remedies compared side by side on the same task and draws; -Residual and -BatchNorm add theirs to each.</summary>
        [Parameter]
        [ValidateNotNullOrEmpty]
        public Remedy[] Remedy { get; set; } = { VanishingGradients.Remedy.None };

        [Parameter]
        public SwitchParameter Residual { get; set; }

        [Parameter]
        public SwitchParameter BatchNorm { get; set; }

        [Parameter]
        public double LearningRate { get; set; } = 0.01;

        [Parameter]
        public double Momentum { get; set; } = 0.9;

        [Parameter]
        [ValidateRange(1, TrainingExperiment.MaxEpochs)]
        public int Epochs { get; set; } = 100;

        [Parameter]
        [ValidateRange(1, 1_000_000)]
        public int BatchSize { get; set; } = 16;

        [Parameter]
        [ValidateRange(1, 1_000_000)]
        public int Samples { get; set; } = 64;

        [Parameter]
        [ValidateRange(1, 10_000)]
        public int Features { get; set; } = 10;

        [Parameter(ParameterSetName = SeedSet)]
        [ValidateRange(0L, uint.MaxValue)]
        public long Seed { get; set; } = 42;

        /// <summary>A stream to continue (New-RandomGenerator): the task is drawn from it once, then every configuration's weights.</summary>
        [Parameter(Mandatory = true, ParameterSetName = GeneratorSet)]
        [ValidateNotNull]
        public Random? Generator { get; set; }

        [Parameter]
        public double? Alpha { get; set; }

        [Parameter]
        public DerivativeAtZero DerivativeAtZero { get; set; } = DerivativeAtZero.Left;

        protected override void ProcessRecord()
        {
            var activations = CmdletSupport.Resolve(this, Prefix, Activation, Alpha, DerivativeAtZero);
            var template = new TrainingExperiment
            {
                Hidden = Width, LearningRate = LearningRate, Momentum = Momentum, Epochs = Epochs, BatchSize = BatchSize,
                Samples = Samples, Features = Features, Seed = (int)(uint)Seed,
            };
            var experiments = (from a in activations
                               from init in Initializer
                               from remedy in RemedySwitches.AddedTo(Remedy, Residual, BatchNorm)
                               from depth in Depth
                               select template with { Activation = a, Initializer = init, Remedy = remedy, Depth = depth }).ToList();
            // Every configuration is checked before the first one runs, so a typo does not wait behind a long run.
            foreach (var e in experiments) CmdletSupport.Call(this, Prefix, "InvalidConfiguration", e, () => { e.Validate(); return e; });
            _stepsTotal += experiments.Sum(e => e.Steps);
            foreach (var e in experiments)
                if (!Train(Generator == null ? e : e with { Generator = Generator, Task = _generatorTask ??= TrainingTask.Teacher(Generator, Features, Samples, e.TeacherUnits) }))
                    return;
        }

        // One configuration's rows as they come; false when the pipeline was stopped.
        private bool Train(TrainingExperiment experiment)
        {
            using var rows = experiment.Run(_stop.Token, this).GetEnumerator();
            try
            {
                while (rows.MoveNext()) WriteObject(rows.Current);
            }
            catch (OperationCanceledException)
            {
                return false;
            }
            catch (TrainingDivergedException e)
            {
                WriteError(new ErrorRecord(e, Prefix + "Diverged", ErrorCategory.InvalidResult,
                    $"{experiment.Activation.Name}, {experiment.Initializer}, {experiment.Remedy}, depth {experiment.Depth}"));
            }
            finally
            {
                _stepsBefore += experiment.Steps;
            }
            return true;
        }

        protected override void EndProcessing()
        {
            if (_stepsTotal > 0) WriteProgress(new ProgressRecord(0, "Training experiment", "Done") { RecordType = ProgressRecordType.Completed });
        }

        protected override void StopProcessing()
        {
            try { _stop.Cancel(); } catch (ObjectDisposedException) { /* the pipeline already ended */ }
        }

        /// <summary>PowerShell disposes a cmdlet when its pipeline ends, however it ends.</summary>
        public void Dispose() => _stop.Dispose();

        // Called on the pipeline thread after every epoch; throttled so progress costs nothing measurable.
        void IProgress<ExperimentProgress>.Report(ExperimentProgress p)
        {
            var now = DateTime.UtcNow;
            if ((now - _lastProgress).TotalMilliseconds < 200) return;
            _lastProgress = now;
            long done = _stepsBefore + p.Completed;
            string what = $"{p.Activation}, {p.Initializer}, depth {p.Depth}";
            WriteProgress(new ProgressRecord(0, "Training experiment", what)
            {
                PercentComplete = (int)Math.Min(100, 100 * done / Math.Max(1, _stepsTotal)),
                StatusDescription = $"{what}: step {p.Completed} of {p.Total}",
            });
        }
    }
}
