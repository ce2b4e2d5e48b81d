using System;
using System.Collections.Generic;
using System.Linq;
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
        private string[]? _resolvedName;
        private double? _resolvedAlpha;

        // Name, the grid and -Alpha can come from piped objects by property name (e.g. Import-Csv of a plan), so each
        // piped object is an input of its own: its errors are reported for it and the next one still runs.
        [Parameter(Position = 0, ParameterSetName = GridSet, ValueFromPipelineByPropertyName = true)]
        [Parameter(Position = 0, ParameterSetName = RangeSet, ValueFromPipelineByPropertyName = true)]
        [Parameter(Position = 0, ParameterSetName = InputSet, ValueFromPipelineByPropertyName = true)]
        [Parameter(Position = 0, ParameterSetName = ListSet)]
        [ArgumentCompleter(typeof(ActivationNameCompleter))]
        [ValidateNotNullOrEmpty]
        public string[] Name { get; set; } = { "Sigmoid" };

        [Parameter(ParameterSetName = GridSet, ValueFromPipelineByPropertyName = true)]
        [Parameter(ParameterSetName = RangeSet, ValueFromPipelineByPropertyName = true)]
        public double Start { get; set; } = -5.0;

        [Parameter(ParameterSetName = GridSet, ValueFromPipelineByPropertyName = true)]
        [Parameter(ParameterSetName = RangeSet, ValueFromPipelineByPropertyName = true)]
        public double End { get; set; } = 5.0;

        [Parameter(ParameterSetName = GridSet, ValueFromPipelineByPropertyName = true)]
        [ValidateRange(1L, Grid.MaxPoints)]
        public long Count { get; set; } = 100;

        [Parameter(Mandatory = true, ParameterSetName = RangeSet)]
        public double Step { get; set; }

        // Also in the grid set: PowerShell binds a piped object in the default set whenever it can (by its Name), so
        // an object with an Input would otherwise be taken for a grid request.
        [Parameter(Mandatory = true, ParameterSetName = InputSet, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
        [Parameter(ParameterSetName = GridSet, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
        [Alias("X")]
        public double[] Input { get; set; } = Array.Empty<double>();

        [Parameter(Mandatory = true, ParameterSetName = ListSet)]
        public SwitchParameter List { get; set; }

        [Parameter(ParameterSetName = GridSet, ValueFromPipelineByPropertyName = true)]
        [Parameter(ParameterSetName = RangeSet, ValueFromPipelineByPropertyName = true)]
        [Parameter(ParameterSetName = InputSet, ValueFromPipelineByPropertyName = true)]
        public double? Alpha { get; set; }

        [Parameter(ParameterSetName = GridSet)]
        [Parameter(ParameterSetName = RangeSet)]
        [Parameter(ParameterSetName = InputSet)]
        public DerivativeAtZero DerivativeAtZero { get; set; } = DerivativeAtZero.Left;

        protected override void BeginProcessing()
        {
            if (ParameterSetName != ListSet) return;
            var all = MyInvocation.BoundParameters.ContainsKey(nameof(Name)) ? CmdletSupport.Resolve(this, Prefix, Name, null, DerivativeAtZero)
                : new List<Activation>(Activations.All);
            foreach (var a in all) WriteObject(a.Describe());
        }

        protected override void ProcessRecord()
        {
            if (ParameterSetName == ListSet) return;
            // Without pipeline input this runs once and its errors end the command; with it, they belong to one input.
            bool terminating = !MyInvocation.ExpectingInput;
            if (_resolvedName == null || !Name.SequenceEqual(_resolvedName) || Alpha != _resolvedAlpha)
            {
                _activations = CmdletSupport.Resolve(this, Prefix, Name, Alpha, DerivativeAtZero, terminating);
                (_resolvedName, _resolvedAlpha) = (Name, Alpha);
            }
            bool points = MyInvocation.BoundParameters.ContainsKey(nameof(Input));
            if (points && ParameterSetName == GridSet && GridGiven() is string grid)
            {
                CmdletSupport.Report(this, terminating, new ErrorRecord(new PSArgumentException($"-Input gives the points, {grid} makes a grid: use one or the other."),
                    Prefix + "InputWithGrid", ErrorCategory.InvalidArgument, grid));
                return;
            }
            switch (points ? InputSet : ParameterSetName)
            {
                case GridSet:
                    if (GridSize(() => Grid.LinspaceCount(Start, End, Count), Count, terminating) is long n)
                        WriteGrid(n, (offset, buffer) => Grid.FillLinspace(Start, End, (int)n, (int)offset, buffer));
                    break;
                case RangeSet:
                    // Streamed like -Count: the first points arrive at once and memory stays one chunk, however fine the step.
                    if (GridSize(() => Grid.ArangeLength(Start, End, Step), Step, terminating) is long length)
                        WriteGrid(length, (offset, buffer) => Grid.FillArange(Start, Step, offset, buffer));
                    break;
                default:
                    foreach (double x in Input)
                    {
                        if (!CmdletSupport.CheckFinite(this, Prefix, x, "Input")) continue;
                        foreach (var a in _activations) WriteObject(a.At(x));
                    }
                    break;
            }
        }

        // The grid's length, or null after reporting why the grid is invalid (ErrorId e.g. InvalidGrid, StartNotFinite).
        private long? GridSize(Func<long> size, object target, bool terminating)
        {
            try
            {
                return size();
            }
            catch (ArgumentException e)
            {
                CmdletSupport.Report(this, terminating, CmdletSupport.ArgumentError(Prefix, "InvalidGrid", e, target));
                return null;
            }
        }

        private string? GridGiven() =>
            new[] { nameof(Start), nameof(End), nameof(Count) }.Where(MyInvocation.BoundParameters.ContainsKey).Select(n => "-" + n).FirstOrDefault();

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
