using System;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;

namespace VanishingGradients.PowerShell
{
    /// <summary>
    /// Measure-GradientDecay: the running product of a local gradient over steps (lab 3), the attenuation bound
    /// (max |f'|)^k (-Bound), or the derivative of f(gain·x) over gains (-Gain, lab 4).
    /// </summary>
    [Cmdlet(VerbsDiagnostic.Measure, "GradientDecay", DefaultParameterSetName = CumulativeSet)]
    [OutputType(typeof(DecayStep), ParameterSetName = new[] { CumulativeSet })]
    [OutputType(typeof(AttenuationBound), ParameterSetName = new[] { BoundSet })]
    [OutputType(typeof(ScaledGradient), ParameterSetName = new[] { GainSet })]
    public sealed class MeasureGradientDecayCommand : PSCmdlet
    {
        private const string CumulativeSet = "Cumulative", BoundSet = "Bound", GainSet = "Gain";
        private const string Prefix = "MeasureGradientDecay";
        private List<Activation> _activations = new List<Activation>();
        private string[]? _resolvedName;

        [Parameter(Position = 0, ValueFromPipelineByPropertyName = true)]
        [ArgumentCompleter(typeof(ActivationNameCompleter))]
        [ValidateNotNullOrEmpty]
        public string[] Name { get; set; } = { "Sigmoid" };

        /// <summary>The input x where f' is taken; also the x of f(gain·x).</summary>
        [Parameter(ParameterSetName = CumulativeSet, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
        [Parameter(ParameterSetName = GainSet)]
        [Alias("X")]
        [ValidateNotNull] // $null piped in is that input's binding error, not a crash
        public double[] Input { get; set; } = Array.Empty<double>();

        /// <summary>One number N means steps 1..N; several numbers mean exactly those steps.</summary>
        [Parameter(ParameterSetName = CumulativeSet)]
        [Parameter(ParameterSetName = BoundSet)]
        [ValidateNotNullOrEmpty]
        [ValidateRange(1, GradientDecay.MaxSteps)]
        [Alias("Layers")]
        public int[] Steps { get; set; } = { 6 };

        [Parameter(Mandatory = true, ParameterSetName = BoundSet)]
        public SwitchParameter Bound { get; set; }

        [Parameter(Mandatory = true, ParameterSetName = GainSet)]
        [ValidateNotNullOrEmpty]
        public double[] Gain { get; set; } = Array.Empty<double>();

        [Parameter]
        public double? Alpha { get; set; }

        [Parameter]
        public DerivativeAtZero DerivativeAtZero { get; set; } = DerivativeAtZero.Left;

        protected override void ProcessRecord()
        {
            // Names can come from piped objects (by property name), so they are resolved per input; a bad -Alpha for a
            // piped name is that input's error, and the next one still runs.
            if (_resolvedName == null || !Name.SequenceEqual(_resolvedName))
            {
                _activations = CmdletSupport.Resolve(this, Prefix, Name, Alpha, DerivativeAtZero, terminating: !MyInvocation.ExpectingInput);
                _resolvedName = Name;
            }
            if (ParameterSetName == BoundSet)
            {
                foreach (var a in _activations)
                    foreach (int k in StepList())
                        WriteObject(GradientDecay.Bound(a, k));
                return;
            }
            // Unbound -Input means the lab's defaults: x = 0 for the decay table, x = 1 for the gain sweep.
            var inputs = MyInvocation.BoundParameters.ContainsKey(nameof(Input)) ? Input : new[] { ParameterSetName == GainSet ? 1.0 : 0.0 };
            foreach (double x in inputs)
            {
                if (!CmdletSupport.CheckFinite(this, Prefix, x, "Input")) continue;
                foreach (var a in _activations)
                {
                    if (ParameterSetName == GainSet) WriteGains(a, x);
                    else WriteSteps(a, x);
                }
            }
        }

        private void WriteSteps(Activation a, double x)
        {
            var steps = StepList();
            var rows = GradientDecay.Cumulative(a, x, steps[steps.Length - 1]);
            foreach (int k in steps) WriteObject(rows[k - 1]);
        }

        private void WriteGains(Activation a, double x)
        {
            foreach (double g in Gain)
            {
                if (!CmdletSupport.CheckFinite(this, Prefix, g, "Gain")) continue;
                try
                {
                    WriteObject(GradientDecay.Scaled(a, g, x));
                }
                catch (ArgumentException e)
                {
                    WriteError(new ErrorRecord(e, Prefix + "GainOverflow", ErrorCategory.InvalidArgument, g));
                }
            }
        }

        private int[] StepList() => Steps.Length == 1 ? Enumerable.Range(1, Steps[0]).ToArray() : Steps.Distinct().OrderBy(k => k).ToArray();
    }
}
