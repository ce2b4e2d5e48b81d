using System;
using System.Management.Automation;
using System.Management.Automation.Host;
using VanishingGradients.Charts;

namespace VanishingGradients.PowerShell
{
    /// <summary>
    /// Show-GradientChart: the same charts as Export-GradientChart, drawn with braille characters as lines of text, for a
    /// quick look without opening a file. The lines go to the pipeline, so they show in any host and can be captured.
    /// </summary>
    [Cmdlet(VerbsCommon.Show, "GradientChart")]
    [OutputType(typeof(string))]
    public sealed class ShowGradientChartCommand : GradientChartCommand
    {
        /// <summary>Columns to use; by default the console's width (80 when it is unknown).</summary>
        [Parameter]
        [ValidateRange(TerminalRenderer.MinWidth, 1000)]
        public int? Width { get; set; }

        /// <summary>Rows of each panel's plot area.</summary>
        [Parameter]
        [ValidateRange(TerminalRenderer.MinHeight, 200)]
        public int Height { get; set; } = TerminalRenderer.DefaultHeight;

        /// <summary>Plain characters even where the host supports ANSI colours.</summary>
        [Parameter]
        public SwitchParameter NoColor { get; set; }

        protected override string Prefix => "ShowGradientChart";

        protected override void EndProcessing()
        {
            var chart = BuildChart();
            bool colour = !NoColor && Host?.UI?.SupportsVirtualTerminal == true;
            foreach (string line in TerminalRenderer.Render(chart, Width ?? ConsoleWidth(), Height, colour)) WriteObject(line);
        }

        // Hosts without a console (a hosted runspace, a remote session) have no RawUI or throw from it; 80 columns then.
        private int ConsoleWidth()
        {
            try
            {
                int width = Host?.UI?.RawUI?.BufferSize.Width ?? 0;
                // One column less than the buffer, so a full-width line does not wrap in terminals that wrap at the edge.
                return width > TerminalRenderer.MinWidth ? Math.Min(width - 1, 1000) : TerminalRenderer.DefaultWidth;
            }
            catch (Exception e) when (e is NotImplementedException || e is HostException || e is NotSupportedException)
            {
                return TerminalRenderer.DefaultWidth;
            }
        }
    }
}
