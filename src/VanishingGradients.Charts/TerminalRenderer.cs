using System;
using System.Collections.Generic;
using System.Linq;
using System.Text;

namespace VanishingGradients.Charts
{
    /// <summary>
    /// Draws a <see cref="Chart"/> as lines of text with braille characters, for a quick look in a terminal. Panels are
    /// stacked (terminals are narrow). Series differ without colour: each has its own marker glyph (●, ■, ▲, ...) along
    /// its line and its own dash pattern, both shown in the legend; ANSI colours are added when asked for.
    /// Bands are left out: a mean line reads better at this resolution than a shaded area.
    /// </summary>
    public static class TerminalRenderer
    {
        public const int DefaultWidth = 80, DefaultHeight = 14, MinWidth = 30, MinHeight = 4;
        // The ANSI foreground colours closest to ScottPlot's Category10 palette, in the same order.
        private static readonly int[] AnsiColours = { 34, 33, 32, 31, 35, 91, 95, 90, 93, 36 };
        private static readonly char[] PatternGlyphs = { '─', '╌', '┈' };
        /// <summary>One marker per series of a panel, in order; all single-width in monospace terminal fonts.</summary>
        public static readonly char[] Markers = { '●', '■', '▲', '◆', '○', '□', '△', '◇', '×', '+' };
        // Dots of the dashed reference lines (y = 0) belong to no series: they are never coloured.
        private const int ReferenceOwner = int.MaxValue;

        /// <summary>
        /// The chart in at most <paramref name="width"/> columns; each panel's plot area is <paramref name="height"/> rows.
        /// With <paramref name="colour"/>, series get ANSI colours (for terminals that support them).
        /// </summary>
        public static IReadOnlyList<string> Render(Chart chart, int width = DefaultWidth, int height = DefaultHeight, bool colour = false)
        {
            if (width < MinWidth) throw new ArgumentOutOfRangeException(nameof(width), width, $"A terminal chart needs at least {MinWidth} columns.");
            if (height < MinHeight) throw new ArgumentOutOfRangeException(nameof(height), height, $"A terminal chart needs at least {MinHeight} rows.");
            var lines = new List<string> { Centre(chart.Title, width) };
            (double Min, double Max)? shared = chart.ShareY ? Range(chart.Panels.SelectMany(p => p.Series.SelectMany(s => Drawable.Points(s, p.LogY)).Select(q => q.Y))) : null;
            foreach (var panel in chart.Panels)
            {
                if (chart.Panels.Count > 1) lines.Add(Centre(panel.Title, width));
                lines.AddRange(RenderPanel(panel, width, height, colour, shared));
                lines.Add("");
            }
            return lines;
        }

        private static IEnumerable<string> RenderPanel(Panel panel, int width, int height, bool colour, (double Min, double Max)? sharedY)
        {
            var series = panel.Series.Select(s => (Series: s, Points: Drawable.Points(s, panel.LogY))).Where(s => s.Points.Count > 0).ToList();
            var missing = panel.Series.Where(s => s.Label.Length > 0 && Drawable.Points(s, panel.LogY).Count == 0).ToList();
            if (series.Count == 0) { yield return $"  ({Drawable.EmptyPanelNote(panel.LogY)})"; yield break; }
            var references = panel.ReferenceY.Select(y => Drawable.AxisY(y, panel.LogY)).OfType<double>().ToList();
            var (xMin, xMax) = Range(series.SelectMany(s => s.Points).Select(p => p.X))!.Value;
            var (yMin, yMax) = sharedY ?? Range(series.SelectMany(s => s.Points).Select(p => p.Y).Concat(references))!.Value;
            bool bars = series.Any(s => s.Series.Style == SeriesStyle.Bars);
            if (bars)
            {
                // Bars need room for half a bar at each end, and rise from a floor (a whole decade on a log axis, else 0).
                xMin -= 0.5; xMax += 0.5;
                yMin = panel.LogY ? Math.Floor(yMin) : Math.Min(0, yMin);
            }
            if (xMax == xMin) { xMin -= 0.5; xMax += 0.5; }
            if (yMax == yMin) { yMin -= 0.5; yMax += 0.5; }

            // The y axis runs from one round tick to another, so its ends are labelled.
            var yTicks = NiceTicks(yMin, yMax, Math.Max(3, height / 3), panel.LogY, outward: true);
            (yMin, yMax) = (Math.Min(yMin, yTicks[0]), Math.Max(yMax, yTicks[yTicks.Count - 1]));
            var yLabels = yTicks.Select(v => Drawable.TickLabel(v, panel.LogY)).ToList();
            int margin = yLabels.Select(t => t.Length).DefaultIfEmpty(1).Max() + 2;
            var canvas = new BrailleCanvas(Math.Max(1, width - margin - 1), height);
            int X(double x) => (int)Math.Round((x - xMin) / (xMax - xMin) * (canvas.DotWidth - 1));
            int Y(double y) => (int)Math.Round((yMax - y) / (yMax - yMin) * (canvas.DotHeight - 1));

            foreach (double r in references)
            {
                int phase = 0;
                canvas.Line(0, Y(r), canvas.DotWidth - 1, Y(r), ReferenceOwner, 2, ref phase);
            }
            for (int i = 0; i < series.Count; i++)
            {
                var (s, points) = series[i];
                int phase = 0;
                if (s.Style == SeriesStyle.Bars)
                {
                    int half = Math.Max(0, (int)(canvas.DotWidth / (xMax - xMin) * 0.3));
                    foreach (var p in points)
                        for (int dx = -half; dx <= half; dx++) canvas.Line(X(p.X) + dx, Y(yMin), X(p.X) + dx, Y(p.Y), i, 0, ref phase);
                    continue;
                }
                if (points.Count == 1) canvas.Set(X(points[0].X), Y(points[0].Y), i);
                for (int k = 1; k < points.Count; k++)
                    canvas.Line(X(points[k - 1].X), Y(points[k - 1].Y), X(points[k].X), Y(points[k].Y), i, s.Pattern % PatternGlyphs.Length, ref phase);
            }
            // Markers last, so lines drawn later do not cover them. Series of few points are marked at every point;
            // long ones at a few evenly spaced points, shifted per series so that overlapping curves keep both markers.
            for (int i = 0; i < series.Count; i++)
            {
                var (s, points) = series[i];
                if (s.Style == SeriesStyle.Bars) continue;
                int count = Math.Max(3, canvas.Columns / 10);
                IEnumerable<int> marked = points.Count <= count * 2
                    ? Enumerable.Range(0, points.Count)
                    : Enumerable.Range(0, count).Select(j => (int)Math.Round((j + (i + 1.0) / (series.Count + 1)) / count * (points.Count - 1)));
                foreach (int k in marked) canvas.Mark(X(points[k].X), Y(points[k].Y), Markers[i % Markers.Length], i);
            }

            // Each tick goes on the row its value falls in; its label says exactly that value.
            var tickAt = new Dictionary<int, string>();
            for (int t = 0; t < yTicks.Count; t++) tickAt[Y(yTicks[t]) / 4] = yLabels[t];
            yield return $"{new string(' ', margin)}{panel.YLabel}{(panel.LogY ? " (log scale)" : "")}";
            for (int row = 0; row < canvas.Rows; row++)
            {
                string tick = tickAt.TryGetValue(row, out var label) ? label : "";
                var line = new StringBuilder(tick.PadLeft(margin - 2)).Append(tick.Length > 0 ? " ┤" : " │");
                for (int col = 0; col < canvas.Columns; col++)
                {
                    int owner = canvas.Owner(col, row);
                    if (colour && owner >= 0 && owner < series.Count)
                        line.Append($"\u001b[{AnsiColours[series[owner].Series.Colour % AnsiColours.Length]}m{canvas.Cell(col, row)}\u001b[0m");
                    else line.Append(canvas.Cell(col, row));
                }
                yield return line.ToString();
            }
            var xTicks = bars || panel.IntegerX
                ? NiceTicks(Math.Ceiling(bars ? xMin + 0.5 : xMin), Math.Floor(bars ? xMax - 0.5 : xMax), Math.Max(2, canvas.Columns / 8), false).Where(v => v == Math.Round(v)).ToList()
                : NiceTicks(xMin, xMax, Math.Max(2, canvas.Columns / 10), false);
            var (axis, labels) = XAxis(xTicks, X, canvas.Columns);
            yield return new string(' ', margin - 1) + "└" + axis;
            yield return new string(' ', margin) + labels;
            yield return Centre(panel.XLabel, width);
            for (int i = 0; i < series.Count; i++)
            {
                var s = series[i].Series;
                if (s.Label.Length == 0) continue;
                string glyph = s.Style == SeriesStyle.Bars ? "██" : $"{PatternGlyphs[s.Pattern % PatternGlyphs.Length]}{Markers[i % Markers.Length]}{PatternGlyphs[s.Pattern % PatternGlyphs.Length]}";
                if (colour) glyph = $"\u001b[{AnsiColours[s.Colour % AnsiColours.Length]}m{glyph}\u001b[0m";
                yield return $"  {glyph} {s.Label}";
            }
            if (references.Count > 0) yield return $"  ┈┈┈ y = {string.Join(", ", panel.ReferenceY.Select(Format.Number))}";
            foreach (var s in missing) yield return $"      {s.Label}{Drawable.NothingNote(panel.LogY)}";
        }

        /// <summary>The x axis line with a ┬ at each tick, and the labels centred under them (a label that would touch its neighbour is left out).</summary>
        private static (string Axis, string Labels) XAxis(IReadOnlyList<double> ticks, Func<double, int> dotX, int columns)
        {
            var axis = new StringBuilder(new string('─', columns));
            var labels = new StringBuilder(new string(' ', columns + 8));
            int free = 0;
            foreach (double t in ticks)
            {
                int col = dotX(t) / 2;
                if (col < 0 || col >= columns) continue;
                string text = Format.Number(t);
                int start = Math.Max(0, Math.Min(col - text.Length / 2, labels.Length - text.Length));
                if (start < free) continue;
                axis[col] = '┬';
                labels.Remove(start, text.Length).Insert(start, text);
                free = start + text.Length + 1;
            }
            return (axis.ToString(), labels.ToString().TrimEnd());
        }

        /// <summary>
        /// Round tick values for [min, max]: multiples of 1, 2 or 5 × 10ⁿ, about <paramref name="maxCount"/> of them at most.
        /// Inside the range, or with <paramref name="outward"/> from the last tick at or below min to the first at or above
        /// max (the axis then ends on labelled values). On a log axis (values are log10) the ticks are whole decades when
        /// the range spans one or more.
        /// </summary>
        public static IReadOnlyList<double> NiceTicks(double min, double max, int maxCount, bool logY, bool outward = false)
        {
            if (!(max > min)) return new[] { min };
            if (logY && max - min >= 1)
            {
                double decades = Math.Max(1, Math.Ceiling((max - min) / Math.Max(1, maxCount - 1)));
                return Multiples(min, max, decades, outward);
            }
            if (logY) // less than a decade: round numbers of the values themselves, at their logarithms
                return NiceTicks(Math.Pow(10, min), Math.Pow(10, max), maxCount, false, outward).Where(v => v > 0).Select(Math.Log10).ToList();
            double raw = (max - min) / Math.Max(1, maxCount - 1), magnitude = Math.Pow(10, Math.Floor(Math.Log10(raw)));
            double step = new[] { 1.0, 2.0, 5.0, 10.0 }.Select(m => m * magnitude).First(m => m >= raw * (1 - 1e-9));
            return Multiples(min, max, step, outward);
        }

        // k·step for whole k: no error accumulates from adding steps, and labels (4 significant digits) show 0.3, not 0.30000000000000004.
        private static List<double> Multiples(double min, double max, double step, bool outward)
        {
            const double slack = 1e-9;
            long first = (long)(outward ? Math.Floor(min / step + slack) : Math.Ceiling(min / step - slack));
            long last = (long)(outward ? Math.Ceiling(max / step - slack) : Math.Floor(max / step + slack));
            var ticks = new List<double>();
            for (long k = first; k <= last; k++) ticks.Add(k * step);
            return ticks;
        }

        private static (double Min, double Max)? Range(IEnumerable<double> values)
        {
            double min = double.PositiveInfinity, max = double.NegativeInfinity;
            foreach (double v in values) { min = Math.Min(min, v); max = Math.Max(max, v); }
            return min <= max ? (min, max) : ((double, double)?)null;
        }

        private static string Centre(string text, int width) =>
            text.Length >= width ? text : new string(' ', (width - text.Length) / 2) + text;
    }
}
