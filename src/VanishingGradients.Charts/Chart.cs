using System;
using System.Collections.Generic;

namespace VanishingGradients.Charts
{
    /// <summary>How a series is drawn.</summary>
    public enum SeriesStyle
    {
        /// <summary>A continuous line (activation curves, sweeps).</summary>
        Line,
        /// <summary>A line with a marker at every point (few, discrete points: steps, layers).</summary>
        LineWithMarkers,
        /// <summary>One bar per point (the layers of a single network).</summary>
        Bars,
    }

    /// <summary>Where a panel's legend goes: the corner its curves leave free.</summary>
    public enum LegendCorner { UpperLeft, UpperRight, LowerLeft, LowerRight }

    /// <summary>
    /// One named set of points, in data coordinates (a log axis is applied by the renderers, not here).
    /// <see cref="Colour"/> and <see cref="Pattern"/> are indices into the renderer's palette and dash patterns, so the
    /// same thing (an activation, a depth) keeps the same colour in every panel.
    /// </summary>
    public sealed class Series
    {
        public Series(string label, IReadOnlyList<double> x, IReadOnlyList<double> y, SeriesStyle style, int colour, int pattern = 0)
        {
            if (x.Count != y.Count) throw new ArgumentException("A series needs as many x as y values.", nameof(y));
            Label = label;
            X = x;
            Y = y;
            Style = style;
            Colour = colour;
            Pattern = pattern;
        }

        public string Label { get; }
        public IReadOnlyList<double> X { get; }
        public IReadOnlyList<double> Y { get; }
        public SeriesStyle Style { get; }
        public int Colour { get; }
        /// <summary>0 solid, 1 dashed, 2 dotted, ...</summary>
        public int Pattern { get; }
        /// <summary>An optional shaded band around the series (e.g. mean ± standard deviation), same length as X.</summary>
        public IReadOnlyList<double>? BandLow { get; init; }
        public IReadOnlyList<double>? BandHigh { get; init; }
    }

    /// <summary>One set of axes with its series.</summary>
    public sealed record Panel
    {
        /// <summary>Shown only when the chart has several panels; a single panel carries the chart's title.</summary>
        public string Title { get; init; } = "";
        public string XLabel { get; init; } = "";
        public string YLabel { get; init; } = "";
        public bool LogY { get; init; }
        /// <summary>True when the x values are whole numbers (steps, layers), so ticks should be too.</summary>
        public bool IntegerX { get; init; }
        public LegendCorner Legend { get; init; } = LegendCorner.UpperLeft;
        public IReadOnlyList<Series> Series { get; init; } = Array.Empty<Series>();
        /// <summary>Dashed horizontal lines at these y values (e.g. y = 0, so a sign reads at a glance); always in view.</summary>
        public IReadOnlyList<double> ReferenceY { get; init; } = Array.Empty<double>();
    }

    /// <summary>
    /// What to draw, independent of how: a title and one or more panels laid out in <see cref="Columns"/> columns.
    /// Built from the core's result records by <see cref="ChartBuilder"/>; drawn by <see cref="PlotRenderer"/> (ScottPlot)
    /// or <see cref="TerminalRenderer"/> (text).
    /// </summary>
    public sealed record Chart
    {
        public string Title { get; init; } = "";
        public IReadOnlyList<Panel> Panels { get; init; } = Array.Empty<Panel>();
        public int Columns { get; init; } = 1;
        /// <summary>True when the panels should share one y range, so that their heights compare directly.</summary>
        public bool ShareY { get; init; }
        public int Rows => (Panels.Count + Columns - 1) / Columns;

        /// <summary>Columns for a grid of <paramref name="panels"/> panels: side by side up to three, then rows of three.</summary>
        public static int GridColumns(int panels) => Math.Max(1, Math.Min(panels, 3));
    }
}
