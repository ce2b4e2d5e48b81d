using System;
using System.IO;
using System.Management.Automation;
using VanishingGradients.Charts;

namespace VanishingGradients.PowerShell
{
    /// <summary>
    /// Export-GradientChart: saves the chart of the piped records as PNG or SVG (by extension). The path is checked
    /// before any input arrives, so a bad path stops a long experiment upstream at once; the file is rendered to a
    /// temporary file and moved into place, so a failure never leaves a partial image.
    /// </summary>
    [Cmdlet(VerbsData.Export, "GradientChart", DefaultParameterSetName = PathSet, SupportsShouldProcess = true)]
    [OutputType(typeof(FileInfo))]
    public sealed class ExportGradientChartCommand : GradientChartCommand
    {
        private const string PathSet = "Path", LiteralPathSet = "LiteralPath";
        private string _file = "";

        [Parameter(Mandatory = true, Position = 0, ParameterSetName = PathSet)]
        [ValidateNotNullOrEmpty]
        public string Path { get; set; } = "";

        [Parameter(Mandatory = true, ParameterSetName = LiteralPathSet, ValueFromPipelineByPropertyName = false)]
        [Alias("PSPath", "LP")]
        [ValidateNotNullOrEmpty]
        public string LiteralPath { get; set; } = "";

        /// <summary>Image width in pixels; by default 1600 (the 800-unit layout at scale 2), or about 1120 per column of a grid.</summary>
        [Parameter]
        [ValidateRange(PlotRenderer.MinLayout, 20_000)]
        public int? Width { get; set; }

        /// <summary>Image height in pixels; by default 1000, or about 800 per row of a grid.</summary>
        [Parameter]
        [ValidateRange(PlotRenderer.MinLayout, 20_000)]
        public int? Height { get; set; }

        /// <summary>Pixels per layout unit: how large text and lines are. By default 2, or what makes the layout fill -Width/-Height.</summary>
        [Parameter]
        [ValidateRange(PlotRenderer.MinScale, PlotRenderer.MaxScale)]
        public double? Scale { get; set; }

        /// <summary>Overwrites an existing file.</summary>
        [Parameter]
        public SwitchParameter Force { get; set; }

        /// <summary>Writes the saved file's FileInfo.</summary>
        [Parameter]
        public SwitchParameter PassThru { get; set; }

        protected override string Prefix => "ExportGradientChart";

        protected override void BeginProcessing()
        {
            base.BeginProcessing();
            string given = ParameterSetName == LiteralPathSet ? LiteralPath : Path;
            _file = ParameterSetName == LiteralPathSet ? SessionState.Path.GetUnresolvedProviderPathFromPSPath(given, out ProviderInfo provider, out _)
                : ResolvePath(given, out provider);
            if (provider.Name != "FileSystem")
                Fail(new PSArgumentException($"'{given}' is on the {provider.Name} drive; charts can only be saved to the file system."),
                    "NotFileSystem", ErrorCategory.InvalidArgument, given);
            if (Directory.Exists(_file))
                Fail(new IOException($"'{given}' is a folder; give the path of the image file to write."), "PathIsDirectory", ErrorCategory.InvalidArgument, given);
            if (PlotRenderer.FormatOf(_file) == null)
                Fail(new PSArgumentException($"'{given}' must end in .png or .svg: the extension chooses the image format."),
                    "UnsupportedFormat", ErrorCategory.InvalidArgument, given);
            if (!Directory.Exists(System.IO.Path.GetDirectoryName(_file)))
                Fail(new DirectoryNotFoundException($"The folder of '{given}' does not exist."), "DirectoryNotFound", ErrorCategory.ObjectNotFound, given);
            // A size that cannot work fails now, not after a long experiment upstream has run (the scale left to the
            // chart's layout makes that layout fill the image, so only the pixel count can be wrong then).
            if (Width is int w && Height is int h && PlotRenderer.SizeProblem(w, h, Scale ?? 1.0) is string problem)
                Fail(new PSArgumentException(problem), "InvalidSize", ErrorCategory.InvalidArgument, $"{w} x {h}");
            if (File.Exists(_file) && !Force)
                Fail(new IOException($"'{_file}' already exists. Use -Force to overwrite it."), "FileExists", ErrorCategory.ResourceExists, _file);
        }

        /// <summary>
        /// -Path as Out-File and Export-Csv take it: wildcards are expanded and must name exactly one existing file; a path
        /// without wildcards need not exist yet. -LiteralPath is for a new file whose name holds [ ] * ?.
        /// </summary>
        private string ResolvePath(string given, out ProviderInfo provider)
        {
            if (!WildcardPattern.ContainsWildcardCharacters(given))
                return SessionState.Path.GetUnresolvedProviderPathFromPSPath(given, out provider, out _);
            System.Collections.ObjectModel.Collection<string> matches;
            try
            {
                matches = SessionState.Path.GetResolvedProviderPathFromPSPath(given, out provider);
            }
            catch (ItemNotFoundException)
            {
                matches = new System.Collections.ObjectModel.Collection<string>();
                provider = null!;
            }
            if (matches.Count == 0)
                Fail(new ItemNotFoundException($"No file matches '{given}'. To create a file with wildcard characters in its name, use -LiteralPath."),
                    "PathNotFound", ErrorCategory.ObjectNotFound, given);
            if (matches.Count > 1)
                Fail(new PSArgumentException($"'{given}' matches {matches.Count} files; a chart is saved to one file."),
                    "AmbiguousPath", ErrorCategory.InvalidArgument, given);
            return matches[0];
        }

        protected override void EndProcessing()
        {
            var chart = BuildChart();
            if (!ShouldProcess(_file, "Export gradient chart")) return;
            FileInfo saved;
            try
            {
                saved = ChartFile.Save(chart, _file, Width, Height, Scale, overwrite: Force);
            }
            catch (ArgumentOutOfRangeException e)
            {
                Fail(new PSArgumentException(e.Message, e), "InvalidSize", ErrorCategory.InvalidArgument, _file);
                throw; // unreachable
            }
            catch (Exception e) when (e is IOException || e is UnauthorizedAccessException)
            {
                Fail(e, "WriteFailed", ErrorCategory.WriteError, _file);
                throw; // unreachable
            }
            if (PassThru) WriteObject(saved);
        }

        private void Fail(Exception e, string condition, ErrorCategory category, object target) =>
            ThrowTerminatingError(new ErrorRecord(e, Prefix + condition, category, target));
    }
}
