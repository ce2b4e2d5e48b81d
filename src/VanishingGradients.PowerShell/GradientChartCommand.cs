using System;
using System.Collections;
using System.Collections.Generic;
using System.Management.Automation;
using VanishingGradients.Charts;

namespace VanishingGradients.PowerShell
{
    /// <summary>
    /// What Export-GradientChart and Show-GradientChart share: the piped records, the options that choose the picture,
    /// and the errors for input that cannot be charted. The derived cmdlets only decide where the chart goes.
    /// </summary>
    public abstract class GradientChartCommand : PSCmdlet
    {
        private readonly List<object> _records = new List<object>();
        private int _skipped; // objects piped in that no chart draws, each already reported
        private int _row;     // objects piped in so far, to name the one that is wrong

        /// <summary>Records from Get-Activation, Measure-GradientDecay or Invoke-DepthExperiment.</summary>
        [Parameter(Mandatory = true, ValueFromPipeline = true)]
        [AllowNull]
        public PSObject? InputObject { get; set; }

        /// <summary>The picture to draw; by default the one that suits the piped records.</summary>
        [Parameter]
        public ChartKind? Kind { get; set; }

        [Parameter]
        public ChartLayout Layout { get; set; } = ChartLayout.Auto;

        /// <summary>Which curves of an activation (or of a gain sweep) to draw.</summary>
        [Parameter]
        public ActivationCurve? Curve { get; set; }

        /// <summary>Adds the tangent of each activation at this x, over x ± 1.7 (lab 2).</summary>
        [Parameter]
        public double? TangentAt { get; set; }

        [Parameter]
        [ValidateNotNullOrEmpty]
        public string? Title { get; set; }

        /// <summary>-LogScale forces a logarithmic y axis, -LogScale:$false a linear one; unset, the kind decides.</summary>
        [Parameter]
        public SwitchParameter LogScale { get; set; }

        /// <summary>The ErrorId prefix of the derived cmdlet, e.g. "ExportGradientChart".</summary>
        protected abstract string Prefix { get; }

        protected override void BeginProcessing()
        {
            // Checked before any input arrives, so a typo does not cost the experiment upstream.
            if (TangentAt is double at && (double.IsNaN(at) || double.IsInfinity(at)))
                ThrowTerminatingError(new ErrorRecord(new PSArgumentException($"-TangentAt must be a finite number, not {at}."),
                    Prefix + "TangentNotFinite", ErrorCategory.InvalidArgument, at));
        }

        protected override void ProcessRecord()
        {
            // -InputObject @(...) binds the whole array at once; the pipeline sends one record at a time.
            object? input = InputObject?.BaseObject;
            if (input is IEnumerable items && !(input is string))
                foreach (object? item in items) Collect(item);
            else Collect(InputObject);
        }

        private void Collect(object? item)
        {
            _row++;
            var ps = item as PSObject;
            if (ps != null) item = ps.BaseObject;
            if (ChartBuilder.IsSupported(item))
            {
                _records.Add(item!);
                return;
            }
            // Rows read back with Import-Csv (or built as [pscustomobject]) carry the properties but not the type.
            if (item is PSCustomObject)
            {
                try
                {
                    if (ImportedRecord.From(ps!) is { } record) { _records.Add(record); return; }
                }
                catch (FormatException e)
                {
                    _skipped++;
                    WriteError(new ErrorRecord(new PSArgumentException($"Object {_row} cannot be charted: {e.Message} It was skipped.", e),
                        Prefix + "InvalidProperty", ErrorCategory.InvalidData, ps));
                    return;
                }
            }
            _skipped++;
            string what = item == null ? "A null value" : $"An object of type {item.GetType().FullName}";
            WriteError(new ErrorRecord(new PSArgumentException($"{what} cannot be charted; it was skipped. {ChartBuilder.SupportedDescription}"),
                Prefix + "UnsupportedInput", ErrorCategory.InvalidType, item));
        }

        /// <summary>The chart of everything piped in; a terminating error when it cannot be made.</summary>
        protected Chart BuildChart()
        {
            var options = new ChartOptions
            {
                Title = Title, Layout = Layout, Curve = Curve, TangentAt = TangentAt,
                LogY = MyInvocation.BoundParameters.ContainsKey(nameof(LogScale)) ? LogScale.IsPresent : (bool?)null,
            };
            try
            {
                if (_records.Count == 0 && _skipped > 0)
                    throw new ChartInputException(ChartInputProblem.Unsupported,
                        $"None of the {_skipped} object(s) piped in can be charted (see the errors above). {ChartBuilder.SupportedDescription}");
                return ChartBuilder.Build(_records, Kind, options);
            }
            catch (ChartInputException e)
            {
                var (id, category) = e.Problem switch
                {
                    ChartInputProblem.Empty => ("NoInput", ErrorCategory.InvalidArgument),
                    ChartInputProblem.Mixed => ("MixedInput", ErrorCategory.InvalidData),
                    ChartInputProblem.KindMismatch => ("KindMismatch", ErrorCategory.InvalidArgument),
                    ChartInputProblem.NothingToDraw => ("NothingToDraw", ErrorCategory.InvalidData),
                    _ => ("UnsupportedInput", ErrorCategory.InvalidType),
                };
                ThrowTerminatingError(new ErrorRecord(e, Prefix + id, category, Kind));
                throw; // unreachable: ThrowTerminatingError always throws
            }
        }
    }
}
