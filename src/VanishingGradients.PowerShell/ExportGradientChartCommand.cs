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

        /// <summary>Image width in pixels; by default 800, or about 440 per column of a grid.</summary>
        [Parameter]
        [ValidateRange(100, 10_000)]
        public int? Width { get; set; }

        /// <summary>Image height in pixels; by default 500, or about 340 per row of a grid.</summary>
        [Parameter]
        [ValidateRange(100, 10_000)]
        public int? Height { get; set; }

        /// <summary>Overwrites an existing file.</summary>
        [Parameter]
        public SwitchParameter Force { get; set; }

        /// <summary>Writes the saved file's FileInfo.</summary>
        [Parameter]
        public SwitchParameter PassThru { get; set; }

        protected override string Prefix => "ExportGradientChart";

        protected override void BeginProcessing()
        {
            string given = ParameterSetName == LiteralPathSet ? LiteralPath : Path;
            // An output file need not exist yet, so the path is not globbed: a name like chart[1].png stays as it is.
            _file = SessionState.Path.GetUnresolvedProviderPathFromPSPath(given, out ProviderInfo provider, out _);
            if (provider.Name != "FileSystem")
                Fail(new PSArgumentException($"'{given}' is on the {provider.Name} drive; charts can only be saved to the file system."),
                    "NotFileSystem", ErrorCategory.InvalidArgument, given);
            if (PlotRenderer.FormatOf(_file) == null)
                Fail(new PSArgumentException($"'{given}' must end in .png or .svg: the extension chooses the image format."),
                    "UnsupportedFormat", ErrorCategory.InvalidArgument, given);
            if (!Directory.Exists(System.IO.Path.GetDirectoryName(_file)))
                Fail(new DirectoryNotFoundException($"The folder of '{given}' does not exist."), "DirectoryNotFound", ErrorCategory.ObjectNotFound, given);
            if (File.Exists(_file) && !Force)
                Fail(new IOException($"'{_file}' already exists. Use -Force to overwrite it."), "FileExists", ErrorCategory.ResourceExists, _file);
        }

        protected override void EndProcessing()
        {
            var chart = BuildChart();
            if (!ShouldProcess(_file, "Export gradient chart")) return;
            FileInfo saved;
            try
            {
                saved = ChartFile.Save(chart, _file, Width, Height, overwrite: Force);
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
