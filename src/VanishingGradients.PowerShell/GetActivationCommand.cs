using System;
using System.Collections.Generic;
using System.Management.Automation;

namespace VanishingGradients.PowerShell
{
    /// <summary>
    /// Get-Activation: f(x) and f'(x) over a grid (linspace or arange) or over piped inputs, or the catalogue (-List).
    /// </summary>
    [Cmdlet(VerbsCommon.Get, "Activation", DefaultParameterSetName = GridSet)]
    [OutputType(typeof(ActivationPoint), ParameterSetName = new[] { GridSet, RangeSet, InputSet })]
    [OutputType(typeof(ActivationInfo), ParameterSetName = new[] { ListSet })]
    public sealed class GetActivationCommand : PSCmdlet
    {
        private const string GridSet = "Grid", RangeSet = "Range", InputSet = "Input", ListSet = "List";
        private const string Prefix = "GetActivation";
        private const int Chunk = 4096;
        private List<Activation> _activations = new List<Activation>();

        [Parameter(Position = 0, ParameterSetName = GridSet)]
        [Parameter(Position = 0, ParameterSetName = RangeSet)]
        [Parameter(Position = 0, ParameterSetName = InputSet)]
        [Parameter(Position = 0, ParameterSetName = ListSet)]
        [ArgumentCompleter(typeof(ActivationNameCompleter))]
        [ValidateNotNullOrEmpty]
        public string[] Name { get; set; } = { "Sigmoid" };

        [Parameter(ParameterSetName = GridSet)]
        [Parameter(ParameterSetName = RangeSet)]
        public double Start { get; set; } = -5.0;

        [Parameter(ParameterSetName = GridSet)]
        [Parameter(ParameterSetName = RangeSet)]
        public double End { get; set; } = 5.0;

        [Parameter(ParameterSetName = GridSet)]
        [ValidateRange(1L, Grid.MaxPoints)]
        public long Count { get; set; } = 100;

        [Parameter(Mandatory = true, ParameterSetName = RangeSet)]
        public double Step { get; set; }

        [Parameter(Mandatory = true, ParameterSetName = InputSet, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
        [Alias("X")]
        public double[] Input { get; set; } = Array.Empty<double>();

        [Parameter(Mandatory = true, ParameterSetName = ListSet)]
        public SwitchParameter List { get; set; }

        [Parameter(ParameterSetName = GridSet)]
        [Parameter(ParameterSetName = RangeSet)]
        [Parameter(ParameterSetName = InputSet)]
        public double? Alpha { get; set; }

        [Parameter(ParameterSetName = GridSet)]
        [Parameter(ParameterSetName = RangeSet)]
        [Parameter(ParameterSetName = InputSet)]
        public DerivativeAtZero DerivativeAtZero { get; set; } = DerivativeAtZero.Left;

        protected override void BeginProcessing()
        {
            bool listAll = ParameterSetName == ListSet && !MyInvocation.BoundParameters.ContainsKey(nameof(Name));
            _activations = listAll
                ? new List<Activation>(Activations.All)
                : CmdletSupport.Resolve(this, Prefix, Name, Alpha, DerivativeAtZero);
            switch (ParameterSetName)
            {
                case ListSet:
                    foreach (var a in _activations) WriteObject(a.Describe());
                    break;
                case GridSet:
                    int n = CmdletSupport.Call(this, Prefix + "InvalidGrid", Count, () => Grid.LinspaceCount(Start, End, Count));
                    WriteGrid(n, (offset, buffer) => Grid.FillLinspace(Start, End, n, (int)offset, buffer));
                    break;
                case RangeSet:
                    // Streamed like -Count: the first points arrive at once and memory stays one chunk, however fine the step.
                    long points = CmdletSupport.Call(this, Prefix + "InvalidGrid", Step, () => Grid.ArangeLength(Start, End, Step));
                    WriteGrid(points, (offset, buffer) => Grid.FillArange(Start, Step, offset, buffer));
                    break;
            }
        }

        protected override void ProcessRecord()
        {
            if (ParameterSetName != InputSet) return;
            foreach (double x in Input)
            {
                if (!CmdletSupport.CheckFinite(this, Prefix, x, "Input")) continue;
                foreach (var a in _activations) WriteObject(a.At(x));
            }
        }

        // One activation after the other, the grid evaluated in chunks through the vectorised span path.
        private delegate void GridFill(long offset, Span<double> destination);

        private void WriteGrid(long count, GridFill fill)
        {
            var x = new double[(int)Math.Min(Chunk, count)];
            var v = new double[x.Length];
            var d = new double[x.Length];
            foreach (var a in _activations)
            {
                for (long offset = 0; offset < count; offset += Chunk)
                {
                    int len = (int)Math.Min(Chunk, count - offset);
                    fill(offset, x.AsSpan(0, len));
                    a.Evaluate(x.AsSpan(0, len), v, d);
                    for (int i = 0; i < len; i++) WriteObject(new ActivationPoint(a.Name, x[i], v[i], d[i], a.Parameter));
                }
            }
        }
    }
}
